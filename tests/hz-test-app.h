/* hz-test-app.h — the huizhen application in a GUI test, as the program makes it
 *
 * One per test program: a temporary directory holds the case database
 * (HUIZHEN_DB), XDG data and cache; the application is non-unique, so that
 * it never meets a running Huizhen on the session bus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

#include "hz-application.h"
#include "hz-case-workspace.h"
#include "hz-window.h"

G_BEGIN_DECLS

/* Makes the temporary directory from @tmp_template ("huizhen-x-XXXXXX"),
 * points the environment at it and registers the application (not yet
 * activated). The display must be open: a GUI test that cannot open one
 * fails, it is never skipped. */
HzApplication   *hz_test_app_setup         (const char *tmp_template);
HzApplication   *hz_test_app_get           (void);
const char      *hz_test_app_get_tmp_dir   (void);
const char      *hz_test_app_get_db_path   (void);
/* Imports the demo cases into the test database as the signed-in clinician
 * (before activation); returns how many resources. */
guint            hz_test_app_seed_demo     (void);
/* Activates the application and returns its main window */
HzWindow        *hz_test_app_activate      (void);
HzWindow        *hz_test_app_get_window    (void);
/* The open case's workspace, or NULL */
HzCaseWorkspace *hz_test_app_get_workspace (void);
/* The open case's page @page (NULL when not loaded) */
GtkWidget       *hz_test_app_get_page      (const char *page);
/* The widget named @name in the main window, or NULL */
GtkWidget       *hz_test_app_find_named    (const char *name);
/* Quits the application and removes the temporary directory */
void             hz_test_app_teardown      (void);

G_END_DECLS
