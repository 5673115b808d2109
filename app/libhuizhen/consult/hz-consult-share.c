/* hz-consult-share.c — the case shared into a consultation room, and the
 * joining site's read-only copy of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-consult"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "huizhen.h"
#include "hz-json-doc-private.h"
#include "hz-store-private.h"

#define FHIR_JSON      "application/fhir+json"
#define HTTP_TIMEOUT_S 60
/* the most a room's file list may be */
#define MAX_LIST_BYTES (4 * 1024 * 1024)

void
hz_consult_file_free (HzConsultFile *file)
{
  if (file == NULL)
    return;
  g_free (file->name);
  g_free (file->content_type);
  g_free (file->sha256);
  g_free (file);
}

void
hz_consult_shared_free (HzConsultShared *shared)
{
  if (shared == NULL)
    return;
  g_free (shared->files_url);
  g_clear_pointer (&shared->files, g_ptr_array_unref);
  g_clear_pointer (&shared->refused, g_ptr_array_unref);
  g_free (shared);
}

void
hz_consult_sharing_free (HzConsultSharing *sharing)
{
  if (sharing == NULL)
    return;
  g_free (sharing->site);
  g_free (sharing->bundle_url);
  g_free (sharing->recorded);
  g_free (sharing->who);
  g_free (sharing);
}

char *
hz_consult_files_url (const char  *url,
                      const char  *room,
                      GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) files = NULL;
  g_autofree char *path = NULL;
  const char *scheme;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "ws") != 0 && g_ascii_strcasecmp (scheme, "wss") != 0) ||
      g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_URL,
                   _("“%s” is not the address of a consultation server (ws://… or wss://…)"), url);
      return NULL;
    }
  if (room == NULL || !hz_consult_room_id_is_valid (room))
    {
      g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_URL,
                   _("“%s” is not a consultation room"), room != NULL ? room : "");
      return NULL;
    }
  path = g_strdup_printf ("/v1/rooms/%s/files/", room);
  files = g_uri_build (G_URI_FLAGS_ENCODED,
                       g_ascii_strcasecmp (scheme, "wss") == 0 ? "https" : "http",
                       NULL, g_uri_get_host (uri), g_uri_get_port (uri), path, NULL, NULL);
  return g_uri_to_string (files);
}

/* ------------------------------------------------------------------ */
/* HTTP */

static SoupSession *
new_session (void)
{
  return soup_session_new_with_options ("timeout", HTTP_TIMEOUT_S, NULL);
}

static SoupMessage *
new_message (const char *method,
             const char *url,
             const char *token)
{
  SoupMessage *message = soup_message_new (method, url);
  g_autofree char *bearer = g_strdup_printf ("Bearer %s", token);

  if (message != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", bearer);
  return message;
}

static void
set_unreachable (GError     **error,
                 const char  *url,
                 GError      *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else
    g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_CONNECT,
                 /* Translators: an address and why the connection failed */
                 _("The consultation server could not be reached at “%s”, or the connection dropped: %s"),
                 url, cause->message);
}

/* An HTTP status other than 200/201, in words naming @name */
static void
set_status_error (GError     **error,
                  const char  *name,
                  guint        status)
{
  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_TOKEN,
                   _("The consultation server refused “%s”: the invitation token is not valid for this "
                     "room, or it has expired"), name);
      break;
    case SOUP_STATUS_FORBIDDEN:
      g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE,
                   _("The consultation server refused “%s”: only the host and the presenter may share files"),
                   name);
      break;
    case SOUP_STATUS_CONFLICT:
      g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE,
                   _("The consultation server refused “%s”: the room already has a different file of "
                     "that name, which is never overwritten"), name);
      break;
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE,
                   _("The consultation server refused “%s”: it is larger than the 64 MiB a shared file may be"),
                   name);
      break;
    case SOUP_STATUS_NOT_FOUND:
      g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE,
                   _("The consultation room has no file “%s”"), name);
      break;
    default:
      g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE,
                   /* Translators: a file name and an HTTP status number */
                   _("The consultation server refused “%s” (HTTP status %u)"), name, status);
      break;
    }
}

static HzConsultFile *
file_from_jv (const HzJv *value)
{
  HzConsultFile *file;
  gint64 size = -1;

  if (hz_jv_get_string (value, "file") == NULL || hz_jv_get_string (value, "sha256") == NULL ||
      !hz_jv_get_int64 (hz_jv_get (value, "size"), &size) || size < 0)
    return NULL;
  file = g_new0 (HzConsultFile, 1);
  file->name = g_strdup (hz_jv_get_string (value, "file"));
  file->content_type = g_strdup (hz_jv_get_string (value, "content_type"));
  file->size = size;
  file->sha256 = g_strdup (hz_jv_get_string (value, "sha256"));
  return file;
}

static HzJsonDoc *
parse_answer (GBytes      *answer,
              const char  *url,
              GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (answer, &length);
  g_autoptr(GError) local_error = NULL;
  HzJsonDoc *doc = hz_json_doc_parse (g_strndup (data, length), length, &local_error);

  if (doc == NULL)
    g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE,
                 _("The consultation server’s answer for “%s” is not what the protocol says: %s"),
                 url, local_error->message);
  return doc;
}

/* PUTs @body as @name; the server's description of it */
static HzConsultFile *
put_file (SoupSession   *session,
          const char    *files_url,
          const char    *token,
          const char    *name,
          const char    *content_type,
          GBytes        *body,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *url = g_strconcat (files_url, name, NULL);
  g_autoptr(SoupMessage) message = new_message (SOUP_METHOD_PUT, url, token);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HzJsonDoc) doc = NULL;
  HzConsultFile *file;
  guint status;

  soup_message_set_request_body_from_bytes (message, content_type, body);
  answer = soup_session_send_and_read (session, message, cancellable, &local_error);
  if (answer == NULL)
    {
      set_unreachable (error, url, local_error);
      return NULL;
    }
  status = soup_message_get_status (message);
  if (status != SOUP_STATUS_OK && status != SOUP_STATUS_CREATED)
    {
      set_status_error (error, name, status);
      return NULL;
    }
  doc = parse_answer (answer, url, error);
  if (doc == NULL)
    return NULL;
  file = file_from_jv (hz_json_doc_get_root (doc));
  if (file == NULL)
    g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE,
                 _("The consultation server’s answer for “%s” is not what the protocol says: %s"),
                 url, _("no file, size or sha256"));
  return file;
}

/* ------------------------------------------------------------------ */
/* Sharing */

char *
hz_consult_sharing_destination (const char *site,
                                const char *bundle_url,
                                guint       n_images)
{
  return g_strdup_printf ("%s (%s, %u images)", site, bundle_url, n_images);
}

/* The reverse of hz_consult_sharing_destination(); NULL for any other */
static HzConsultSharing *
parse_sharing_destination (const char *description)
{
  g_autoptr(GRegex) regex = g_regex_new ("^(.+) \\(((?:https?)://[^ ,]+), ([0-9]+) images\\)$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  HzConsultSharing *sharing;
  g_autofree char *count = NULL;

  if (description == NULL || !g_regex_match (regex, description, 0, &match))
    return NULL;
  sharing = g_new0 (HzConsultSharing, 1);
  sharing->site = g_match_info_fetch (match, 1);
  sharing->bundle_url = g_match_info_fetch (match, 2);
  count = g_match_info_fetch (match, 3);
  sharing->n_images = (guint) g_ascii_strtoull (count, NULL, 10);
  return sharing;
}

/* The first 16 hex digits of @bytes' SHA-256, as the Bundle's name */
static char *
bundle_name (const char *data,
             gsize       length)
{
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);

  return g_strdup_printf (HZ_CONSULT_BUNDLE_PREFIX "%.16s.json", sha);
}

HzConsultShared *
hz_consult_share_case (HzStore             *store,
                       const char          *case_id,
                       const char * const  *sites,
                       const char          *url,
                       const char          *room,
                       const char          *token,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autoptr(HzConsultShared) shared = g_new0 (HzConsultShared, 1);
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GPtrArray) blobs = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_auto(GStrv) refs = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *bundle_url = NULL;
  g_autoptr(GBytes) body = NULL;
  HzConsultFile *file;
  gsize length = 0;
  guint n_images = 0;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL && sites != NULL && token != NULL, NULL);

  shared->files = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_consult_file_free);
  shared->refused = g_ptr_array_new_with_free_func (g_free);
  shared->files_url = hz_consult_files_url (url, room, error);
  if (shared->files_url == NULL)
    return NULL;

  resources = hz_store_read_case (store, case_id, error);
  if (resources == NULL)
    return NULL;
  refs = hz_consult_select_shared (resources, sites);
  if (refs[0] == NULL)
    {
      g_autofree char *names = g_strjoinv ("、", (char **) sites);

      g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_CONSENT,
                   _("Nothing of this case may be shared with %s: no consent of the patient’s in force "
                     "names every one of them"), names);
      return NULL;
    }
  shared->n_resources = g_strv_length (refs);

  /* The Bundle: its name is its hash, so the URL is known only after it
   * was written; the export is recorded with the room's files URL */
  text = hz_store_export_resources_to_data (store, (const char * const *) refs, shared->files_url,
                                            &length, error);
  if (text == NULL)
    return NULL;
  name = bundle_name (text, length);
  bundle_url = g_strconcat (shared->files_url, name, NULL);
  body = g_bytes_new_take (g_steal_pointer (&text), length);

  session = new_session ();
  file = put_file (session, shared->files_url, token, name, FHIR_JSON, body, cancellable, error);
  if (file == NULL)
    return NULL;
  g_ptr_array_add (shared->files, file);

  /* the images and clips of what was shared, each blob once */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_imaging_item_free);
  for (guint i = 0; i < resources->len; i++)
    {
      HzResource *resource = g_ptr_array_index (resources, i);
      const char *type = hz_resource_get_resource_type (resource);

      if ((g_str_equal (type, "ImagingStudy") || g_str_equal (type, "Media")) &&
          g_strv_contains ((const char * const *) refs, hz_resource_get_reference (resource)))
        g_ptr_array_extend_and_steal (blobs, hz_imaging_items_for_resource (store, resource));
    }
  for (guint i = 0; i < blobs->len; i++)
    {
      HzImagingItem *item = g_ptr_array_index (blobs, i);
      g_autofree char *image_name = NULL;
      g_autoptr(GMappedFile) mapped = NULL;
      g_autoptr(GBytes) image = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!g_hash_table_add (seen, item->sha256))
        continue;
      image_name = g_strconcat (HZ_CONSULT_IMAGE_PREFIX, item->sha256, NULL);
      if (item->path == NULL || (mapped = g_mapped_file_new (item->path, FALSE, &local_error)) == NULL)
        {
          g_ptr_array_add (shared->refused,
                           g_strdup_printf (_("%s: the image file is not on this computer"), image_name));
          continue;
        }
      image = g_mapped_file_get_bytes (mapped);
      file = put_file (session, shared->files_url, token, image_name, item->content_type, image,
                       cancellable, &local_error);
      if (file == NULL)
        {
          /* a dropped connection or a bad token stops the sharing; a
           * file refused is named and the others go */
          if (!g_error_matches (local_error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_ptr_array_add (shared->refused, g_strdup (local_error->message));
          continue;
        }
      g_ptr_array_add (shared->files, file);
      n_images++;
    }

  /* what was shared with each site: one export of the case each */
  {
    g_autofree char *what = g_strdup_printf ("EpisodeOfCare/%s", case_id);

    for (guint s = 0; sites[s] != NULL; s++)
      {
        g_autofree char *destination = hz_consult_sharing_destination (sites[s], bundle_url, n_images);

        if (!hz_store_audit_export (store, what, destination, error))
          return NULL;
      }
  }
  return g_steal_pointer (&shared);
}

typedef struct
{
  HzStore *store;
  char    *case_id;
  GStrv    sites;
  char    *url;
  char    *room;
  char    *token;
  char    *bundle;
  char    *dir;
  HzActor *actor;
  char    *out_case_id;
} ShareData;

static void
share_data_free (ShareData *data)
{
  g_clear_object (&data->store);
  g_free (data->case_id);
  g_strfreev (data->sites);
  g_free (data->url);
  g_free (data->room);
  g_free (data->token);
  g_free (data->bundle);
  g_free (data->dir);
  g_clear_pointer (&data->actor, hz_actor_free);
  g_free (data->out_case_id);
  g_free (data);
}

static void
share_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ShareData *data = task_data;
  GError *error = NULL;
  HzConsultShared *shared = hz_consult_share_case (data->store, data->case_id,
                                                   (const char * const *) data->sites, data->url,
                                                   data->room, data->token, cancellable, &error);

  if (shared == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, shared, (GDestroyNotify) hz_consult_shared_free);
}

void
hz_consult_share_case_async (HzStore             *store,
                             const char          *case_id,
                             const char * const  *sites,
                             const char          *url,
                             const char          *room,
                             const char          *token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ShareData *data = g_new0 (ShareData, 1);

  data->store = g_object_ref (store);
  data->case_id = g_strdup (case_id);
  data->sites = g_strdupv ((char **) sites);
  data->url = g_strdup (url);
  data->room = g_strdup (room);
  data->token = g_strdup (token);
  g_task_set_source_tag (task, hz_consult_share_case_async);
  g_task_set_task_data (task, data, (GDestroyNotify) share_data_free);
  g_task_run_in_thread (task, share_thread);
}

HzConsultShared *
hz_consult_share_case_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* The sharings recorded */

GPtrArray *
hz_consult_list_sharings (HzStore     *store,
                          const char  *case_id,
                          GError     **error)
{
  g_autoptr(GPtrArray) events = NULL;
  GPtrArray *sharings;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);

  events = hz_store_list_audit (store, case_id, 0, error);
  if (events == NULL)
    return NULL;
  sharings = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_consult_sharing_free);
  for (guint i = 0; i < events->len; i++)
    {
      const HzJv *event = hz_resource_get_value (g_ptr_array_index (events, i));
      HzConsultSharing *sharing;

      if (g_strcmp0 (hz_jv_get_string (hz_jv_get_object_element (event, "subtype", 0), "code"), "export") != 0)
        continue;
      sharing = parse_sharing_destination (hz_jv_get_string (hz_jv_get_object_element (event, "entity", 0),
                                                             "description"));
      if (sharing == NULL)
        continue;
      sharing->recorded = g_strdup (hz_jv_get_string (event, "recorded"));
      sharing->who = g_strdup (hz_jv_get_path_string (hz_jv_get_object_element (event, "agent", 0), "who.display"));
      g_ptr_array_add (sharings, sharing);
    }
  return sharings;
}

/* ------------------------------------------------------------------ */
/* The joining side */

/* GET @url (@name, as errors name it) */
static GBytes *
get_url (SoupSession   *session,
         const char    *url,
         const char    *name,
         const char    *token,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(SoupMessage) message = new_message (SOUP_METHOD_GET, url, token);
  g_autoptr(GError) local_error = NULL;
  GBytes *answer = soup_session_send_and_read (session, message, cancellable, &local_error);

  if (answer == NULL)
    {
      set_unreachable (error, url, local_error);
      return NULL;
    }
  if (soup_message_get_status (message) != SOUP_STATUS_OK)
    {
      set_status_error (error, name, soup_message_get_status (message));
      g_bytes_unref (answer);
      return NULL;
    }
  return answer;
}

/* Streams image @file into @copy's blobs; its digest must be its name's */
static gboolean
fetch_blob (SoupSession    *session,
            const char     *files_url,
            const char     *token,
            HzStore        *copy,
            HzConsultFile  *file,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autofree char *url = g_strconcat (files_url, file->name, NULL);
  g_autoptr(SoupMessage) message = new_message (SOUP_METHOD_GET, url, token);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sha256 = NULL;

  stream = soup_session_send (session, message, cancellable, &local_error);
  if (stream == NULL)
    {
      set_unreachable (error, url, local_error);
      return FALSE;
    }
  if (soup_message_get_status (message) != SOUP_STATUS_OK)
    {
      set_status_error (error, file->name, soup_message_get_status (message));
      return FALSE;
    }
  if (!hz_store_blob_put_stream (copy, stream, &sha256, NULL, cancellable, &local_error))
    {
      /* a read error is the connection's; a write error the disk's */
      if (local_error->domain == G_IO_ERROR && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_unreachable (error, url, local_error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_strcmp0 (sha256, file->name + strlen (HZ_CONSULT_IMAGE_PREFIX)) != 0)
    {
      g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE,
                   _("The image “%s” from the consultation server is not the file it names (its content "
                     "has another digest); it was not kept"), file->name);
      return FALSE;
    }
  return TRUE;
}

char *
hz_consult_fetch_case (const char     *url,
                       const char     *room,
                       const char     *token,
                       const char     *bundle_name,
                       const char     *dir,
                       const HzActor  *actor,
                       char          **out_case_id,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autofree char *files_url = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) list = NULL;
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autoptr(HzConsultFile) bundle = NULL;
  g_autoptr(GHashTable) images = NULL;
  g_autoptr(GBytes) bundle_bytes = NULL;
  g_autoptr(HzStore) copy = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_auto(GStrv) case_ids = NULL;
  g_autofree char *path = NULL;
  g_autofree char *from = NULL;
  g_autofree char *name = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (token != NULL && dir != NULL && actor != NULL, NULL);

  files_url = hz_consult_files_url (url, room, error);
  if (files_url == NULL)
    return NULL;
  session = new_session ();

  /* the room's files: the latest Bundle, and the images */
  {
    g_autofree char *list_url = g_strndup (files_url, strlen (files_url) - 1);

    list = get_url (session, list_url, list_url, token, cancellable, error);
    if (list == NULL)
      return NULL;
    if (g_bytes_get_size (list) > MAX_LIST_BYTES)
      {
        g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE,
                     _("The consultation server’s answer for “%s” is not what the protocol says: %s"),
                     list_url, _("too large"));
        return NULL;
      }
    doc = parse_answer (list, list_url, error);
    if (doc == NULL)
      return NULL;
  }
  images = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) hz_consult_file_free);
  for (HzJv *entry = hz_jv_get_first (hz_json_doc_get_root (doc)); entry != NULL; entry = hz_jv_get_next (entry))
    {
      HzConsultFile *file = file_from_jv (entry);

      if (file == NULL)
        continue;
      if (g_str_has_prefix (file->name, HZ_CONSULT_BUNDLE_PREFIX) && g_str_has_suffix (file->name, ".json")
          && (bundle_name == NULL || g_str_equal (file->name, bundle_name)))
        {
          hz_consult_file_free (bundle);
          bundle = file;
          g_free (from);
          from = g_strdup (hz_jv_get_string (entry, "from"));
        }
      else if (g_str_has_prefix (file->name, HZ_CONSULT_IMAGE_PREFIX))
        g_hash_table_replace (images, file->name + strlen (HZ_CONSULT_IMAGE_PREFIX), file);
      else
        hz_consult_file_free (file);
    }
  if (bundle == NULL && bundle_name != NULL)
    {
      g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE,
                   _("The case “%s” is not among the files of this consultation room"), bundle_name);
      return NULL;
    }
  if (bundle == NULL)
    {
      g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE,
                   _("The host has not shared the case in this consultation room yet"));
      return NULL;
    }

  name = g_strndup (bundle->name + strlen (HZ_CONSULT_BUNDLE_PREFIX),
                    strlen (bundle->name) - strlen (HZ_CONSULT_BUNDLE_PREFIX) - strlen (".json"));
  {
    g_autofree char *file_name = g_strdup_printf ("%s-%s.db", room, name);

    path = g_build_filename (dir, file_name, NULL);
  }

  {
    g_autofree char *bundle_url = g_strconcat (files_url, bundle->name, NULL);

    bundle_bytes = get_url (session, bundle_url, bundle->name, token, cancellable, error);
    if (bundle_bytes == NULL)
      return NULL;
  }
  data = g_bytes_get_data (bundle_bytes, &length);
  {
    g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);

    if (g_strcmp0 (sha, bundle->sha256) != 0)
      {
        g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE,
                     _("The case “%s” from the consultation server is not the file the room lists; it was not opened"),
                     bundle->name);
        return NULL;
      }
  }

  copy = hz_store_new (path, error);
  if (copy == NULL)
    return NULL;
  hz_store_set_actor (copy, actor);
  if (hz_store_get_shared_copy (copy) == NULL &&
      !hz_store_import_data (copy, data, length, bundle->name, files_url, &case_ids, error))
    return NULL;

  /* the images the shared ImagingStudy and Media name */
  if (case_ids == NULL)
    {
      /* complete already: which case it holds */
      g_autoptr(GPtrArray) cases = hz_store_list_cases (copy, error);

      if (cases == NULL)
        return NULL;
      case_ids = g_new0 (char *, cases->len + 1);
      for (guint i = 0; i < cases->len; i++)
        case_ids[i] = g_strdup (hz_case_summary_get_case_id (g_ptr_array_index (cases, i)));
    }
  if (case_ids[0] == NULL)
    {
      g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE,
                   _("The case “%s” from the consultation server holds no pregnancy (EpisodeOfCare)"),
                   bundle->name);
      return NULL;
    }
  if (hz_store_get_shared_copy (copy) == NULL)
    {
      resources = hz_store_read_case (copy, case_ids[0], error);
      if (resources == NULL)
        return NULL;
      for (guint i = 0; i < resources->len; i++)
        {
          g_autoptr(GPtrArray) items = hz_imaging_items_for_resource (copy, g_ptr_array_index (resources, i));

          for (guint j = 0; j < items->len; j++)
            {
              HzImagingItem *item = g_ptr_array_index (items, j);
              HzConsultFile *file = g_hash_table_lookup (images, item->sha256);

              if (item->path != NULL || file == NULL)
                continue;   /* kept already, or not shared (shown absent) */
              if (!fetch_blob (session, files_url, token, copy, file, cancellable, error))
                return NULL;
            }
        }

      /* complete: from now on it may only be read */
      {
        /* the room and who shared it, in no language: the copy is read in any */
        g_autofree char *origin = g_strdup_printf ("%s · %s", room, from != NULL ? from : "?");

        if (!hz_store_mark_shared_copy (copy, origin, error))
          return NULL;
      }
    }

  if (out_case_id != NULL)
    *out_case_id = g_strdup (case_ids[0]);
  return g_steal_pointer (&path);
}

static void
fetch_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ShareData *data = task_data;
  GError *error = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  char *path;

  /* the copy's store lives and dies here: its watch on this context */
  g_main_context_push_thread_default (context);
  path = hz_consult_fetch_case (data->url, data->room, data->token, data->bundle, data->dir, data->actor,
                                &data->out_case_id, cancellable, &error);
  g_main_context_pop_thread_default (context);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

void
hz_consult_fetch_case_async (const char          *url,
                             const char          *room,
                             const char          *token,
                             const char          *bundle_name,
                             const char          *dir,
                             const HzActor       *actor,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ShareData *data = g_new0 (ShareData, 1);

  data->url = g_strdup (url);
  data->room = g_strdup (room);
  data->token = g_strdup (token);
  data->bundle = g_strdup (bundle_name);
  data->dir = g_strdup (dir);
  data->actor = hz_actor_copy (actor);
  g_task_set_source_tag (task, hz_consult_fetch_case_async);
  g_task_set_task_data (task, data, (GDestroyNotify) share_data_free);
  g_task_run_in_thread (task, fetch_thread);
}

char *
hz_consult_fetch_case_finish (GAsyncResult  *result,
                              char         **out_case_id,
                              GError       **error)
{
  char *path;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  path = g_task_propagate_pointer (G_TASK (result), error);
  if (path != NULL && out_case_id != NULL)
    *out_case_id = g_strdup (((ShareData *) g_task_get_task_data (G_TASK (result)))->out_case_id);
  return path;
}
