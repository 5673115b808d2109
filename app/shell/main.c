/* main.c — the huizhen executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <hz-ui.h>

#include "hz-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HzApplication) app = NULL;

  hz_i18n_init ();

  /* Before GTK starts: makes Pango prefer the Simplified Chinese glyph
   * shapes for Han text (patient names) whatever the UI language, and
   * picks the cairo renderer on a machine without a GPU. The style sheet
   * part runs again in ::startup, once there is a display. */
  hz_ui_init ();

  app = hz_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
