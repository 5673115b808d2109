/* main.c — the huizhen executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <hz-ui.h>

int
main (int   argc,
      char *argv[])
{
  return 0;
}
