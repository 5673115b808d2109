/* hz-conference-private.h — the types of the conference plugin (多学科会诊)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpeas/peas.h>
#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_CONFERENCE_VIEW (hz_conference_view_get_type ())
G_DECLARE_FINAL_TYPE (HzConferenceView, hz_conference_view, HZ, CONFERENCE_VIEW, GtkWidget)

#define HZ_TYPE_CONFERENCE_WINDOW_ADDIN (hz_conference_window_addin_get_type ())
G_DECLARE_FINAL_TYPE (HzConferenceWindowAddin, hz_conference_window_addin, HZ, CONFERENCE_WINDOW_ADDIN, GObject)

/* The window's MDT meetings: the list, a meeting's agenda and attendance,
 * and the presentation of one case at a time */
GtkWidget  *hz_conference_view_new              (HzStore          *store);
/* Shows meeting @meeting_id (its agenda and attendance); FALSE with
 * @error when there is no such meeting */
gboolean    hz_conference_view_open_meeting     (HzConferenceView *self,
                                                 const char       *meeting_id,
                                                 GError          **error);
/* The meeting shown, or NULL on the list */
const char *hz_conference_view_get_meeting_id   (HzConferenceView *self);
/* Presents case @index of the agenda (0 the first) */
gboolean    hz_conference_view_present          (HzConferenceView *self,
                                                 guint             index);
/* The agenda index presented, or -1 when not presenting */
int         hz_conference_view_get_presented    (HzConferenceView *self);
/* Saves the opinions typed now rather than after the typing pause */
void        hz_conference_view_flush            (HzConferenceView *self);
/* The dialog that books a follow-up of unfinished action @action_id (a
 * Task of a decision): the case on a new meeting, on @due by default, or
 * on one to come (hz_meeting_book_followup) */
void        hz_conference_view_book_followup    (HzConferenceView *self,
                                                 const char       *action_id,
                                                 const char       *action_text,
                                                 const char       *due);
/* Prints the 会诊意见书 of @case_id, or with NULL the minutes, through
 * GtkPrintOperation (the print dialog; with @export_path, exported there
 * as a PDF without one, for tests) */
gboolean    hz_conference_view_print            (HzConferenceView *self,
                                                 const char       *case_id,
                                                 const char       *export_path,
                                                 GError          **error);
/* How many opinion saves are under way (0: all typed text is stored, or
 * shown as a conflict) */
guint       hz_conference_view_get_n_saving     (HzConferenceView *self);

#define HZ_TYPE_CONFERENCE_ADDIN (hz_conference_addin_get_type ())
G_DECLARE_FINAL_TYPE (HzConferenceAddin, hz_conference_addin, HZ, CONFERENCE_ADDIN, GObject)

#define HZ_TYPE_CONFERENCE_PANEL (hz_conference_panel_get_type ())
G_DECLARE_FINAL_TYPE (HzConferencePanel, hz_conference_panel, HZ, CONFERENCE_PANEL, GtkWidget)

/* The case's side panel: the MDT decisions made on it and their actions,
 * overdue ones marked, each opening its meeting */
GtkWidget  *hz_conference_panel_new             (HzCase           *kase);
/* The actions' rows of the panel (a GtkListBox) */
GtkWidget  *hz_conference_panel_get_list        (HzConferencePanel *self);

/* An action's Task status as a word */
const char *hz_conference_action_status_display (const char      *status);
/* Due (YYYY-MM-DD) before today and not done or cancelled */
gboolean    hz_conference_action_is_overdue     (const char       *status,
                                                 const char       *due);
/* The window's conference view (the window addin's), or NULL */
HzConferenceView *hz_conference_view_for_window (GtkWidget        *widget);

G_END_DECLS
