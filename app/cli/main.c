/* main.c — huizhen-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <huizhen.h>

int
main (int   argc,
      char *argv[])
{
  return 0;
}
