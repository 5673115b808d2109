/* main.c — the huizhen executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <huizhen.h>

#include "hz-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HzApplication) app = NULL;

  hz_i18n_init ();

  app = hz_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
