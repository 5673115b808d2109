/* hz-consult-join.c — joining another hospital's remote consultation
 * (加入远程会诊): a window-wide view with the server's address and the
 * invitation token. Joining fetches the case the host shared into a shared
 * copy (hz_consult_fetch_case_async(), a database of its own that may only
 * be read) and opens it in a window of its own, whose session panel then
 * joins the room.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-consult"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-consult-private.h"

struct _HzConsultJoin
{
  GObject       parent_instance;

  HzMainWindow *window;       /* (unowned) */
  GtkWidget    *view;
  GtkWidget    *url_row;
  GtkWidget    *token_row;
  GtkWidget    *join_button;
  GtkWidget    *spinner;
  GtkWidget    *status_label;
  GCancellable *cancellable;
};

static void window_addin_iface_init (HzWindowAddinInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzConsultJoin, hz_consult_join, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_WINDOW_ADDIN, window_addin_iface_init))

/* ------------------------------------------------------------------ */
/* Joins waiting for the window of their copy */

static GHashTable *pending_joins;   /* database path → HzConsultRequest */

HzConsultRequest *
hz_consult_take_join (const char *db_path)
{
  HzConsultRequest *request = NULL;
  char *key = NULL;

  if (pending_joins != NULL && db_path != NULL &&
      g_hash_table_steal_extended (pending_joins, db_path, (gpointer *) &key, (gpointer *) &request))
    g_free (key);
  return request;
}

static void
expect_join (const char       *db_path,
             HzConsultRequest *request)
{
  if (pending_joins == NULL)
    pending_joins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) hz_consult_request_free);
  g_hash_table_replace (pending_joins, g_strdup (db_path), request);
}

/* ------------------------------------------------------------------ */

GtkWidget *
hz_consult_join_get_part (HzConsultJoin *self,
                          const char    *name)
{
  if (g_str_equal (name, "url"))
    return self->url_row;
  if (g_str_equal (name, "token"))
    return self->token_row;
  if (g_str_equal (name, "join"))
    return self->join_button;
  if (g_str_equal (name, "status"))
    return self->status_label;
  return NULL;
}

static void
set_status (HzConsultJoin *self,
            const char    *text,
            gboolean       error,
            gboolean       busy)
{
  gtk_label_set_text (GTK_LABEL (self->status_label), text);
  if (error)
    gtk_widget_add_css_class (self->status_label, "error");
  else
    gtk_widget_remove_css_class (self->status_label, "error");
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_sensitive (self->join_button, !busy);
}

void
hz_consult_fetch_shared_async (const HzConsultRequest *request,
                               const char             *room,
                               const char             *bundle_name,
                               const HzActor          *actor,
                               GCancellable           *cancellable,
                               GAsyncReadyCallback     callback,
                               gpointer                user_data)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "huizhen", "consult", NULL);

  hz_consult_fetch_case_async (request->url, room, request->token, bundle_name, dir, actor, cancellable,
                               callback, user_data);
}

void
hz_consult_open_shared_copy (HzMainWindow     *window,
                             const char       *path,
                             const char       *case_id,
                             HzConsultRequest *request)
{
  /* its session panel joins the room once its case is open */
  expect_join (path, request);
  hz_main_window_open_database (window, path, case_id);
}

typedef struct
{
  HzConsultJoin    *self;
  HzConsultRequest *request;
} Join;

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Join *join = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *path = hz_consult_fetch_case_finish (result, &case_id, &error);
  HzConsultJoin *self = join->self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      hz_consult_request_free (join->request);
      g_free (join);
      return;
    }
  if (path == NULL)
    {
      /* Translators: why joining failed; the fields stay as typed */
      g_autofree char *text = g_strdup_printf (_("Could not open the shared case: %s"), error->message);

      set_status (self, text, TRUE, FALSE);
      hz_consult_request_free (join->request);
      g_free (join);
      g_object_unref (self);
      return;
    }
  set_status (self, _("The shared case is open in a window of its own, read-only"), FALSE, FALSE);
  if (self->window != NULL)
    hz_consult_open_shared_copy (self->window, path, case_id, join->request);
  else
    hz_consult_request_free (join->request);
  g_free (join);
  g_object_unref (self);
}

void
hz_consult_join_join (HzConsultJoin *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  const char *token = gtk_editable_get_text (GTK_EDITABLE (self->token_row));
  g_autofree char *room = NULL;
  HzStore *store;
  Join *join;

  g_return_if_fail (HZ_IS_CONSULT_JOIN (self));

  if (self->window == NULL || (store = hz_main_window_get_store (self->window)) == NULL)
    return;
  if (*url == '\0')
    {
      set_status (self, _("Enter the address of the consultation server, e.g. wss://consult.example.org"), TRUE, FALSE);
      return;
    }
  room = hz_consult_token_peek_room (token);
  if (room == NULL)
    {
      set_status (self, _("The invitation token is not one: paste it as the inviting hospital sent it"), TRUE, FALSE);
      return;
    }

  join = g_new0 (Join, 1);
  join->self = g_object_ref (self);
  join->request = g_new0 (HzConsultRequest, 1);
  join->request->url = g_strdup (url);
  join->request->token = g_strdup (token);
  join->request->sites = g_new0 (char *, 1);
  join->request->teams = g_new0 (char *, 1);
  set_status (self, _("Fetching the shared case and its images…"), FALSE, TRUE);
  hz_consult_fetch_shared_async (join->request, room, NULL, hz_store_get_actor (store), self->cancellable,
                                 on_fetched, join);
}

static void
on_join_clicked (GtkButton     *button,
                 HzConsultJoin *self)
{
  hz_consult_join_join (self);
}

static GtkWidget *
build_view (HzConsultJoin *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  const char *url = g_getenv ("HUIZHEN_CONSULT_URL");
  const char *token = g_getenv ("HUIZHEN_CONSULT_TOKEN");

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Remote Consultation"), NULL));
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Join a Remote Consultation"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Another hospital invited you to review a case: enter the address of "
                                           "its consultation server and the invitation token it sent. The case it "
                                           "shares opens in a window of its own and may only be read here."));
  self->url_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row), _("Consultation server"));
  if (url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->url_row);
  self->token_row = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row), _("Invitation token"));
  if (token != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->token_row), token);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->token_row);

  self->join_button = gtk_button_new_with_mnemonic (_("_Join"));
  gtk_widget_add_css_class (self->join_button, "suggested-action");
  gtk_widget_add_css_class (self->join_button, "pill");
  g_signal_connect (self->join_button, "clicked", G_CALLBACK (on_join_clicked), self);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  self->status_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_widget_set_hexpand (self->status_label, TRUE);
  gtk_widget_set_margin_top (buttons, 18);
  gtk_box_append (GTK_BOX (buttons), self->join_button);
  gtk_box_append (GTK_BOX (buttons), self->spinner);
  gtk_box_append (GTK_BOX (buttons), self->status_label);
  {
    GtkWidget *group2 = adw_preferences_group_new ();

    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group2), buttons);
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group2));
  }
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  g_object_set_data (G_OBJECT (box), "hz-consult-join", self);
  return box;
}

/* HUIZHEN_CONSULT_AUTOJOIN=1 (with _URL and _TOKEN): joins as the window
 * opens, for screenshots and demonstrations */
static gboolean
autojoin_cb (gpointer user_data)
{
  HzConsultJoin *self = user_data;

  if (self->window != NULL)
    {
      hz_main_window_show_view (self->window, "consult-join");
      hz_consult_join_join (self);
    }
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
hz_consult_join_load (HzWindowAddin *addin,
                      HzMainWindow  *window)
{
  HzConsultJoin *self = HZ_CONSULT_JOIN (addin);

  self->window = window;
  self->cancellable = g_cancellable_new ();
  /* a shared copy's window has no case to share on: no view */
  if (hz_store_get_shared_copy (hz_main_window_get_store (window)) != NULL)
    return;
  self->view = g_object_ref_sink (build_view (self));
  hz_main_window_add_view (window, self->view, "consult-join", _("Remote Consultation"),
                           "call-start-symbolic", _("Join a remote consultation another hospital invited you to"),
                           40);
  if (g_strcmp0 (g_getenv ("HUIZHEN_CONSULT_AUTOJOIN"), "1") == 0)
    g_idle_add (autojoin_cb, g_object_ref (self));
}

static void
hz_consult_join_unload (HzWindowAddin *addin,
                        HzMainWindow  *window)
{
  HzConsultJoin *self = HZ_CONSULT_JOIN (addin);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->view != NULL)
    {
      hz_main_window_remove_view (window, self->view);
      g_clear_object (&self->view);
    }
  self->window = NULL;
}

static void
window_addin_iface_init (HzWindowAddinInterface *iface)
{
  iface->load = hz_consult_join_load;
  iface->unload = hz_consult_join_unload;
}

static void
hz_consult_join_dispose (GObject *object)
{
  HzConsultJoin *self = HZ_CONSULT_JOIN (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->view);

  G_OBJECT_CLASS (hz_consult_join_parent_class)->dispose (object);
}

static void
hz_consult_join_class_init (HzConsultJoinClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hz_consult_join_dispose;
}

static void
hz_consult_join_init (HzConsultJoin *self)
{
}
