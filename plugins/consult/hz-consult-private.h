/* hz-consult-private.h — the types of the consult plugin (远程会诊)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpeas/peas.h>
#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_CONSULT_ADDIN (hz_consult_addin_get_type ())
G_DECLARE_FINAL_TYPE (HzConsultAddin, hz_consult_addin, HZ, CONSULT_ADDIN, GObject)

#define HZ_TYPE_CONSULT_DIALOG (hz_consult_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HzConsultDialog, hz_consult_dialog, HZ, CONSULT_DIALOG, AdwWindow)

#define HZ_TYPE_CONSULT_JOIN (hz_consult_join_get_type ())
G_DECLARE_FINAL_TYPE (HzConsultJoin, hz_consult_join, HZ, CONSULT_JOIN, GObject)

#define HZ_TYPE_CONSULT_PANEL (hz_consult_panel_get_type ())
G_DECLARE_FINAL_TYPE (HzConsultPanel, hz_consult_panel, HZ, CONSULT_PANEL, GtkWidget)

/* What the 会诊申请 dialog asked for, once the consent and the request are
 * written */
typedef struct
{
  char  *url;
  char  *token;
  GStrv  sites;
  GStrv  teams;      /* team codes wanted */
  char  *request_id; /* the consultation request's Task id */
  char  *bundle;     /* a shared copy's: the room's Bundle it was fetched from, when known */
  char  *page;       /* the page to show once joined (an MDT meeting's state named it), or NULL */
} HzConsultRequest;

void              hz_consult_request_free (HzConsultRequest       *request);
HzConsultRequest *hz_consult_request_copy (const HzConsultRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzConsultRequest, hz_consult_request_free)

/* The 会诊申请 dialog over @workspace's window: reason, question, case
 * summary, teams and sites wanted, the server and the invitation token
 * (HUIZHEN_CONSULT_URL / HUIZHEN_CONSULT_TOKEN fill them in), and the
 * consent check. "Start" writes the consent (when captured now) and the
 * request through hz_save_bundle_async(), then emits ::start
 * (HzConsultRequest *). */
HzConsultDialog *hz_consult_dialog_new       (HzWorkspace     *workspace);
/* The dialog's fields, for tests (names: "reason", "question", "summary",
 * "sites", "url", "token", "consent", "scope", and "team-TEAM") */
GtkWidget       *hz_consult_dialog_get_field (HzConsultDialog *self,
                                              const char      *name);
/* What "Start" does; FALSE with the problem shown in the dialog */
gboolean         hz_consult_dialog_start     (HzConsultDialog *self);

/* The session panel of @workspace's side panel: idle, it offers "Start
 * remote consultation…"; in a session, the connection's state,
 * participants, presenter, chat, the teams' opinions, "Follow presenter"
 * and "End session". */
GtkWidget       *hz_consult_panel_new        (HzWorkspace     *workspace);
/* Where it is in the side panel: idle, and in a session */
#define HZ_CONSULT_PANEL_PRIORITY_IDLE     90
#define HZ_CONSULT_PANEL_PRIORITY_SESSION -10
void             hz_consult_panel_join       (HzConsultPanel   *self,
                                              HzConsultRequest *request);
/* Writes the session's record (Encounter, Communications, Composition
 * draft) through hz_save_bundle_async() and leaves the room */
void             hz_consult_panel_end        (HzConsultPanel   *self);
HzConsultClient *hz_consult_panel_get_client (HzConsultPanel   *self);
gboolean         hz_consult_panel_is_following (HzConsultPanel *self);
gboolean         hz_consult_panel_is_presenting (HzConsultPanel *self);
/* The host hands the presenter role to @user (the row's "Make presenter") */
void             hz_consult_panel_hand_presenter (HzConsultPanel *self,
                                                  const char     *user);
/* Shares the case again (what the consents allow, and its images) into
 * the room: the host's and a presenter's "Share Case Again"; the first
 * sharing happens when the session begins */
void             hz_consult_panel_share      (HzConsultPanel   *self);
/* "Follow presenter" */
void             hz_consult_panel_follow     (HzConsultPanel   *self);
/* How many states were applied, for tests */
guint            hz_consult_panel_get_n_applied (HzConsultPanel *self);
/* The panel's widgets, for tests: "state", "chat-entry", "chat-list",
 * "members", "follow", "end", "shared" (what the session shared), "share"
 * (Share Case Again), "shared-with" (the list of every sharing of the case),
 * "meeting" (which case of an MDT meeting this is), "meeting-status"
 * (the meeting's next case being opened), "error", "presenter" and
 * "opinion-TEAM" (a team's opinion box) */
GtkWidget       *hz_consult_panel_get_part   (HzConsultPanel   *self,
                                              const char       *name);

/* The window addin's view "Remote Consultation" (consult-join): joining
 * another hospital's session fetches the case it shared into a shared copy
 * (read-only) and opens that in a window of its own, whose session panel
 * joins the room. Parts for tests: "url", "token", "join", "status". */
void             hz_consult_join_join        (HzConsultJoin    *self);
GtkWidget       *hz_consult_join_get_part    (HzConsultJoin    *self,
                                              const char       *name);
/* The join waiting for the window of the shared copy at @db_path, or NULL
 * (transfer full) */
HzConsultRequest *hz_consult_take_join       (const char       *db_path);
/* The one way a remote site takes a case out of a room, for the join view
 * and for the session panel following an MDT meeting: fetches the room's
 * Bundle @bundle_name (NULL: its latest) into a shared copy under the
 * user's data folder with @request's server and token
 * (hz_consult_fetch_case_async(); finish with hz_consult_fetch_case_finish()) */
void              hz_consult_fetch_shared_async (const HzConsultRequest *request,
                                                 const char             *room,
                                                 const char             *bundle_name,
                                                 const HzActor          *actor,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
/* …then opens the copy at @path with @case_id in a window of its own,
 * whose session panel joins the room with @request (transfer full) */
void              hz_consult_open_shared_copy   (HzMainWindow           *window,
                                                 const char             *path,
                                                 const char             *case_id,
                                                 HzConsultRequest       *request);

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_END_DECLS
