/* hz-first-run-dialog.h — asks who is using this workstation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_FIRST_RUN_DIALOG (hz_first_run_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HzFirstRunDialog, hz_first_run_dialog, HZ, FIRST_RUN_DIALOG, AdwWindow)

GtkWidget *hz_first_run_dialog_new (GtkWindow *parent);

/**
 * HzFirstRunDialog::completed:
 * @actor: (type HzActor): the clinician entered
 *
 * Emitted once when the user continues; the dialog closes after it.
 */

G_END_DECLS
