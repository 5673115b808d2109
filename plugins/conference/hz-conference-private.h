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

/* The meeting's remote session (hz-conference-remote.c): the conference
 * in one room of huizhen-consultd, each case shared once and followed by
 * the remote sites, their opinions filed in the teams' sections */
#define HZ_TYPE_CONFERENCE_REMOTE (hz_conference_remote_get_type ())
G_DECLARE_FINAL_TYPE (HzConferenceRemote, hz_conference_remote, HZ, CONFERENCE_REMOTE, GObject)

/* The page id of the meeting's state in the room */
#define HZ_CONFERENCE_REMOTE_PAGE "conference"

/* Connects to the room of @token on the server at @url (as its host or
 * presenter) for meeting @meeting_id; @sites: the remote hospitals,
 * separated by 、 (each case is shared with what their Consents allow).
 * NULL with a translated error naming the field that is wrong.
 * ::changed: the connection, the members, a sharing or a problem changed */
HzConferenceRemote *hz_conference_remote_new        (HzStore            *store,
                                                     const char         *meeting_id,
                                                     const char         *url,
                                                     const char         *token,
                                                     const char         *sites,
                                                     GError            **error);
/* Leaves the room (the client disconnects; sharings under way stop) */
void        hz_conference_remote_leave             (HzConferenceRemote *self);
/* Case @case_id is shown (@index of @count, 1-based; @page the case page
 * opened last, or NULL to keep it): shared into the room unless it was
 * this session, then its state sent */
void        hz_conference_remote_present           (HzConferenceRemote *self,
                                                    const char         *case_id,
                                                    guint               index,
                                                    guint               count,
                                                    const char         *page);
/* Shares the case shown again (what it holds now) and sends its state */
void        hz_conference_remote_share_again       (HzConferenceRemote *self);
/* One line, translated: the connection, who of the remote sites is there,
 * whether the case shown is shared, a problem; @out_problem (optional):
 * TRUE when something is wrong. (transfer full) */
char       *hz_conference_remote_dup_status        (HzConferenceRemote *self,
                                                    gboolean           *out_problem);
/* The remote participants, "name (team)" joined by 、. (transfer full) */
char       *hz_conference_remote_dup_members       (HzConferenceRemote *self);
HzConsultClient *hz_conference_remote_get_client   (HzConferenceRemote *self);
const char *hz_conference_remote_get_meeting_id    (HzConferenceRemote *self);
/* The Bundle file case @case_id was shared as, or NULL */
const char *hz_conference_remote_get_bundle        (HzConferenceRemote *self,
                                                    const char         *case_id);
/* How many remote opinions were filed (a new version written), for tests */
guint       hz_conference_remote_get_n_filed       (HzConferenceRemote *self);

/* The view's remote session, or NULL when it is not in one */
HzConferenceRemote *hz_conference_view_get_remote  (HzConferenceView   *self);
/* The meeting page's remote-session fields, for tests: "url", "token",
 * "sites", "connect", "leave", "status"; and the presentation's "run-status" */
GtkWidget  *hz_conference_view_get_remote_part     (HzConferenceView   *self,
                                                    const char         *name);

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
