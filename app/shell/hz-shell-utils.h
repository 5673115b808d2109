/* hz-shell-utils.h — helpers shared by the shell's widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

G_BEGIN_DECLS

/* Reads the calendar day of a FHIR date or dateTime ("2024-05-06",
 * "2024-05-06T08:00:00+08:00"); FALSE for NULL or anything else. */
gboolean     hz_shell_parse_date            (const char     *iso,
                                             GDate          *date);
/* The dating of a case-list row, from its LMP, EDD and delivery date. */
void         hz_shell_summary_get_dating    (HzCaseSummary  *summary,
                                             HzDating       *dating);
/* "12w3d" / "postpartum day 5" / "Pre-conception" (a case begun before a
 * pregnancy, not yet dated) / "GA unknown" on @today. (transfer full) */
char        *hz_shell_format_ga             (const HzDating *dating,
                                             const GDate    *today,
                                             gboolean        began_preconception);
/* A sort key: pregnant cases by GA days, then delivered ones, then the
 * cases without dating; larger is further along. */
int          hz_shell_ga_sort_key           (const HzDating *dating,
                                             const GDate    *today);
/* TRUE when the program runs from the build tree. */
gboolean     hz_shell_is_uninstalled        (void);
/* Makes @actor the clinician: saved in @settings for later sessions and,
 * when the database is open, named by @store in its audit rows. */
void         hz_shell_set_actor             (GSettings      *settings,
                                             HzStore        *store,
                                             const HzActor  *actor);
/* Adds @toast (transfer full) to @overlay: the one way the shell adds one
 * (it works around a libadwaita 1.2 crash; see hz-shell-utils.c). */
void         hz_shell_add_toast             (AdwToastOverlay *overlay,
                                             AdwToast        *toast);
/* Shows a toast in the AdwToastOverlay around @widget (or its window). */
void         hz_shell_show_toast            (GtkWidget      *widget,
                                             const char     *message);
/* The same for a failure: shown at once, before queued toasts. */
void         hz_shell_show_error_toast      (GtkWidget      *widget,
                                             const char     *message);

G_END_DECLS
