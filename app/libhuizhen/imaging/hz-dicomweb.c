/* hz-dicomweb.c — QIDO-RS, WADO-RS and STOW-RS with libsoup 3
 *
 * Each call makes its own SoupSession in the thread it runs in, so the
 * client (only configuration) may be used from any thread. Answers in
 * JSON are read by the store's parser (hz-json-doc), not a second one.
 * WADO-RS parts are streamed into blobs with SoupMultipartInputStream;
 * STOW-RS bodies are written to a temporary file first and streamed from
 * it, so no study is ever held whole in memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-imaging"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "huizhen.h"
#include "hz-imaging-private.h"
#include "hz-json-doc-private.h"
#include "hz-store-private.h"

#define DEFAULT_TIMEOUT 30
/* the most a QIDO-RS or STOW-RS answer may be (bytes) */
#define MAX_JSON_ANSWER (32 * 1024 * 1024)

#define TAG_SPECIFIC_CHARSET    "00080005"
#define TAG_STUDY_DATE          "00080020"
#define TAG_STUDY_TIME          "00080030"
#define TAG_ACCESSION_NUMBER    "00080050"
#define TAG_MODALITIES_IN_STUDY "00080061"
#define TAG_STUDY_DESCRIPTION   "00081030"
#define TAG_FAILED_SOP_SEQUENCE "00081198"
#define TAG_REFERENCED_SOP_SEQ  "00081199"
#define TAG_REFERENCED_SOP_UID  "00081155"
#define TAG_FAILURE_REASON      "00081197"
#define TAG_PATIENT_NAME        "00100010"
#define TAG_PATIENT_ID          "00100020"
#define TAG_STUDY_UID           "0020000D"
#define TAG_N_SERIES            "00201206"
#define TAG_N_INSTANCES         "00201208"

G_DEFINE_QUARK (hz-dicomweb-error-quark, hz_dicomweb_error)

struct _HzDicomwebClient
{
  GObject       parent_instance;

  char         *url;             /* without a trailing slash */
  char         *authorization;   /* the Authorization header, or NULL */
  guint         timeout;
  GTlsDatabase *tls_database;
};

G_DEFINE_FINAL_TYPE (HzDicomwebClient, hz_dicomweb_client, G_TYPE_OBJECT)

static void
hz_dicomweb_client_finalize (GObject *object)
{
  HzDicomwebClient *self = HZ_DICOMWEB_CLIENT (object);

  g_free (self->url);
  g_free (self->authorization);
  g_clear_object (&self->tls_database);

  G_OBJECT_CLASS (hz_dicomweb_client_parent_class)->finalize (object);
}

static void
hz_dicomweb_client_class_init (HzDicomwebClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hz_dicomweb_client_finalize;
}

static void
hz_dicomweb_client_init (HzDicomwebClient *self)
{
  self->timeout = DEFAULT_TIMEOUT;
}

void
hz_dicomweb_study_free (HzDicomwebStudy *study)
{
  if (study == NULL)
    return;
  g_free (study->study_uid);
  g_free (study->patient_id);
  g_free (study->patient_name);
  g_free (study->study_date);
  g_free (study->study_time);
  g_free (study->modalities);
  g_free (study->description);
  g_free (study->accession_number);
  g_free (study);
}

/**
 * hz_dicomweb_client_new:
 * @base_url: the DICOMweb root of the PACS
 *
 * Returns: (transfer full): the client, or %NULL with
 *   HZ_DICOMWEB_ERROR_INVALID_URL
 */
HzDicomwebClient *
hz_dicomweb_client_new (const char  *base_url,
                        GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  HzDicomwebClient *self;
  const char *scheme;
  gsize length;

  g_return_val_if_fail (base_url != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_INVALID_URL,
                   _("“%s” is not the address of a PACS: give an http or https URL such as "
                     "https://pacs.example/dicom-web"), base_url);
      return NULL;
    }

  self = g_object_new (HZ_TYPE_DICOMWEB_CLIENT, NULL);
  self->url = g_strdup (base_url);
  length = strlen (self->url);
  while (length > 0 && self->url[length - 1] == '/')
    self->url[--length] = '\0';
  return self;
}

const char *
hz_dicomweb_client_get_url (HzDicomwebClient *self)
{
  g_return_val_if_fail (HZ_IS_DICOMWEB_CLIENT (self), NULL);

  return self->url;
}

void
hz_dicomweb_client_set_basic_auth (HzDicomwebClient *self,
                                   const char       *user,
                                   const char       *password)
{
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;

  g_return_if_fail (HZ_IS_DICOMWEB_CLIENT (self));
  g_return_if_fail (user != NULL);

  pair = g_strconcat (user, ":", password != NULL ? password : "", NULL);
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_free (self->authorization);
  self->authorization = g_strconcat ("Basic ", encoded, NULL);
}

void
hz_dicomweb_client_set_bearer_token (HzDicomwebClient *self,
                                     const char       *token)
{
  g_return_if_fail (HZ_IS_DICOMWEB_CLIENT (self));
  g_return_if_fail (token != NULL);

  g_free (self->authorization);
  self->authorization = g_strconcat ("Bearer ", token, NULL);
}

void
hz_dicomweb_client_set_timeout (HzDicomwebClient *self,
                                guint             seconds)
{
  g_return_if_fail (HZ_IS_DICOMWEB_CLIENT (self));

  self->timeout = seconds > 0 ? seconds : DEFAULT_TIMEOUT;
}

gboolean
hz_dicomweb_client_set_ca_file (HzDicomwebClient  *self,
                                const char        *path,
                                GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  GTlsDatabase *database;

  g_return_val_if_fail (HZ_IS_DICOMWEB_CLIENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  database = g_tls_file_database_new (path, &local_error);
  if (database == NULL)
    {
      g_set_error (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_INVALID_URL,
                   _("Could not read the certificate authorities of “%s”: %s"),
                   path, local_error->message);
      return FALSE;
    }
  g_clear_object (&self->tls_database);
  self->tls_database = database;
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* HTTP */

static SoupSession *
new_session (HzDicomwebClient *self)
{
  SoupSession *session = soup_session_new_with_options ("timeout", self->timeout,
                                                        "idle-timeout", self->timeout,
                                                        "user-agent", "Huizhen/" PACKAGE_VERSION,
                                                        NULL);

  if (self->tls_database != NULL)
    soup_session_set_tls_database (session, self->tls_database);
  return session;
}

static SoupMessage *
new_message (HzDicomwebClient  *self,
             const char        *method,
             const char        *path,
             const char        *accept,
             GError           **error)
{
  g_autofree char *uri = g_strconcat (self->url, path, NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  if (msg == NULL)
    {
      g_set_error (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_INVALID_URL,
                   _("“%s” is not the address of a PACS request"), uri);
      return NULL;
    }
  if (self->authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  self->authorization);
  if (accept != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", accept);
  return msg;
}

/* Sends @msg; the body stream of a 2xx answer, else NULL with the error.
 * @not_found (nullable) is the message for a 404. */
static GInputStream *
send_message (HzDicomwebClient  *self,
              SoupSession       *session,
              SoupMessage       *msg,
              const char        *not_found,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  guint status;

  stream = soup_session_send (session, msg, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        g_set_error (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_UNREACHABLE,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The PACS at %s did not answer within %u second",
                                  "The PACS at %s did not answer within %u seconds", self->timeout),
                     self->url, self->timeout);
      else
        g_set_error (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_UNREACHABLE,
                     _("The PACS at %s cannot be reached: %s"), self->url, local_error->message);
      return NULL;
    }

  status = soup_message_get_status (msg);
  if (status >= 200 && status < 300)
    return g_steal_pointer (&stream);

  g_input_stream_close (stream, NULL, NULL);
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_AUTH,
                 _("The PACS at %s refused the user name and password or the token (HTTP %u)"),
                 self->url, status);
  else if (status == SOUP_STATUS_NOT_FOUND && not_found != NULL)
    g_set_error_literal (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_NOT_FOUND, not_found);
  else
    g_set_error (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_REFUSED,
                 _("The PACS at %s answered HTTP %u %s"), self->url, status,
                 soup_message_get_reason_phrase (msg) != NULL ? soup_message_get_reason_phrase (msg) : "");
  return NULL;
}

/* The whole body of a JSON answer, parsed; NULL root for an empty body */
static HzJsonDoc *
read_json (HzDicomwebClient  *self,
           GInputStream      *stream,
           GCancellable      *cancellable,
           GError           **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  guint8 buffer[16384];
  HzJsonDoc *doc;
  gsize length;

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, &local_error);

      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_UNREACHABLE,
                         _("The PACS at %s broke off its answer: %s"), self->url, local_error->message);
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + (gsize) n > MAX_JSON_ANSWER)
        {
          g_set_error (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_PROTOCOL,
                       _("The PACS at %s sent an answer larger than %u MiB"), self->url,
                       MAX_JSON_ANSWER / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (data, buffer, (guint) n);
    }

  length = data->len;
  g_byte_array_append (data, (const guint8 *) "", 1);   /* the parser reads a NUL-terminated text */
  doc = hz_json_doc_parse ((char *) g_byte_array_free (g_steal_pointer (&data), FALSE), length,
                           &local_error);
  if (doc == NULL)
    g_set_error (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_PROTOCOL,
                 _("The PACS at %s sent an answer that is not DICOM JSON: %s"), self->url,
                 local_error->message);
  return doc;
}

/* A UID as a path segment: digits and dots only, so it cannot leave the path */
static gboolean
check_uid (const char  *uid,
           GError     **error)
{
  gsize length = uid != NULL ? strlen (uid) : 0;

  if (length == 0 || length > 64 || strspn (uid, "0123456789.") != length)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a DICOM UID (digits and dots, at most 64)"), uid != NULL ? uid : "");
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* QIDO-RS */

/* The first value of attribute @tag of a DICOM JSON object as text: a
 * string, a number's digits, a person name's groups joined by '='.
 * (transfer full) */
static char *
attribute_text (const HzJv *object,
                const char *tag)
{
  HzJv *value = hz_jv_get_element (hz_jv_get_array (hz_jv_get (object, tag), "Value"), 0);

  if (value == NULL)
    return NULL;
  switch (hz_jv_get_value_type (value))
    {
    case HZ_JV_STRING:
      return g_strdup (hz_jv_get_str (value));
    case HZ_JV_NUMBER:
      return hz_jv_to_string (value);
    case HZ_JV_OBJECT:
      {
        const char *groups[] = { hz_jv_get_string (value, "Alphabetic"),
                                 hz_jv_get_string (value, "Ideographic"),
                                 hz_jv_get_string (value, "Phonetic") };
        GString *out = g_string_new (groups[0] != NULL ? groups[0] : "");
        guint last = groups[2] != NULL ? 2 : groups[1] != NULL ? 1 : 0;

        for (guint i = 1; i <= last; i++)
          {
            g_string_append_c (out, '=');
            g_string_append (out, groups[i] != NULL ? groups[i] : "");
          }
        return g_string_free (out, FALSE);
      }
    default:
      return NULL;
    }
}

/* Every value joined by '\' (ModalitiesInStudy) */
static char *
attribute_values (const HzJv *object,
                  const char *tag)
{
  HzJv *values = hz_jv_get_array (hz_jv_get (object, tag), "Value");
  GString *out;

  if (values == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (HzJv *v = hz_jv_get_first (values); v != NULL; v = hz_jv_get_next (v))
    if (hz_jv_get_str (v) != NULL)
      {
        if (out->len > 0)
          g_string_append_c (out, '\\');
        g_string_append (out, hz_jv_get_str (v));
      }
  return g_string_free (out, FALSE);
}

static guint
attribute_uint (const HzJv *object,
                const char *tag)
{
  g_autofree char *text = attribute_text (object, tag);
  guint64 n = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &n, NULL))
    return 0;
  return (guint) n;
}

/* "2026-11-01..2026-11-30" and the DICOM forms as a DICOM date range */
static char *
normalise_date_range (const char  *range,
                      GError     **error)
{
  g_autofree char *text = NULL;
  GString *out = g_string_new (NULL);
  const char *dots = strstr (range, "..");
  guint dashes = 0;

  if (dots != NULL)
    {
      g_autofree char *from = g_strndup (range, (gsize) (dots - range));
      const char *to = dots + 2;

      for (const char *p = from; *p != '\0'; p++)
        if (*p != '-')
          g_string_append_c (out, *p);
      g_string_append_c (out, '-');
      for (const char *p = to; *p != '\0'; p++)
        if (*p != '-')
          g_string_append_c (out, *p);
    }
  else if (strlen (range) == 10 && range[4] == '-' && range[7] == '-')
    {
      g_string_append_len (out, range, 4);
      g_string_append_len (out, range + 5, 2);
      g_string_append_len (out, range + 8, 2);
    }
  else
    g_string_append (out, range);

  text = g_string_free (out, FALSE);
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '-')
      dashes++;
  {
    g_auto(GStrv) parts = g_strsplit (text, "-", -1);
    gboolean ok = dashes <= 1 && *text != '\0' && strcmp (text, "-") != 0;

    for (guint i = 0; ok && parts[i] != NULL; i++)
      ok = (*parts[i] == '\0' || (strlen (parts[i]) == 8 && strspn (parts[i], "0123456789") == 8));
    if (!ok)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("“%s” is not a date range: give 20261101-20261130, 2026-11-01..2026-11-30, "
                       "20261101- or a single day"), range);
        return NULL;
      }
  }
  return g_steal_pointer (&text);
}

static void
append_parameter (GString    *query,
                  const char *name,
                  const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;
  escaped = g_uri_escape_string (value, "*", FALSE);
  g_string_append_c (query, query->len == 0 ? '?' : '&');
  g_string_append_printf (query, "%s=%s", name, escaped);
}

/**
 * hz_dicomweb_client_search_studies:
 * @query: what to match
 *
 * Returns: (transfer full) (element-type HzDicomwebStudy): the studies
 *   found, in the PACS's order (empty when none matches), or %NULL
 */
GPtrArray *
hz_dicomweb_client_search_studies (HzDicomwebClient      *self,
                                   const HzDicomwebQuery *query,
                                   GCancellable          *cancellable,
                                   GError               **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(GPtrArray) studies = NULL;
  g_autofree char *dates = NULL;
  HzJv *root;

  g_return_val_if_fail (HZ_IS_DICOMWEB_CLIENT (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (query->date_range != NULL && *query->date_range != '\0')
    {
      dates = normalise_date_range (query->date_range, error);
      if (dates == NULL)
        return NULL;
    }
  append_parameter (path, "PatientID", query->patient_id);
  append_parameter (path, "PatientName", query->patient_name);
  append_parameter (path, "StudyDate", dates);
  append_parameter (path, "ModalitiesInStudy", query->modality);
  if (query->limit > 0)
    {
      g_autofree char *limit = g_strdup_printf ("%u", query->limit);

      append_parameter (path, "limit", limit);
    }
  append_parameter (path, "includefield", TAG_STUDY_DESCRIPTION);
  append_parameter (path, "includefield", TAG_MODALITIES_IN_STUDY);
  append_parameter (path, "includefield", TAG_N_SERIES);
  append_parameter (path, "includefield", TAG_N_INSTANCES);
  append_parameter (path, "includefield", TAG_ACCESSION_NUMBER);
  g_string_prepend (path, "/studies");

  msg = new_message (self, SOUP_METHOD_GET, path->str, "application/dicom+json", error);
  if (msg == NULL)
    return NULL;
  session = new_session (self);
  stream = send_message (self, session, msg, NULL, cancellable, error);
  if (stream == NULL)
    return NULL;

  studies = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_dicomweb_study_free);
  if (soup_message_get_status (msg) == SOUP_STATUS_NO_CONTENT)
    return g_steal_pointer (&studies);

  doc = read_json (self, stream, cancellable, error);
  if (doc == NULL)
    return NULL;
  root = hz_json_doc_get_root (doc);
  if (root == NULL)
    return g_steal_pointer (&studies);
  if (hz_jv_get_value_type (root) != HZ_JV_ARRAY)
    {
      g_set_error (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_PROTOCOL,
                   _("The PACS at %s answered the search with something else than a list of studies"),
                   self->url);
      return NULL;
    }

  for (HzJv *object = hz_jv_get_first (root); object != NULL; object = hz_jv_get_next (object))
    {
      HzDicomwebStudy *study;
      char *uid = attribute_text (object, TAG_STUDY_UID);

      if (uid == NULL)
        continue;
      study = g_new0 (HzDicomwebStudy, 1);
      study->study_uid = uid;
      study->patient_id = attribute_text (object, TAG_PATIENT_ID);
      study->patient_name = attribute_text (object, TAG_PATIENT_NAME);
      study->study_date = attribute_text (object, TAG_STUDY_DATE);
      study->study_time = attribute_text (object, TAG_STUDY_TIME);
      study->modalities = attribute_values (object, TAG_MODALITIES_IN_STUDY);
      study->description = attribute_text (object, TAG_STUDY_DESCRIPTION);
      study->accession_number = attribute_text (object, TAG_ACCESSION_NUMBER);
      study->n_series = attribute_uint (object, TAG_N_SERIES);
      study->n_instances = attribute_uint (object, TAG_N_INSTANCES);
      g_ptr_array_add (studies, study);
    }
  return g_steal_pointer (&studies);
}

/* ------------------------------------------------------------------------- */
/* WADO-RS */

/**
 * hz_dicomweb_client_retrieve:
 * @series_uid: (nullable): one series of the study, or %NULL for all
 *
 * Returns: (transfer full): what the import did, or %NULL
 */
HzImagingImportResult *
hz_dicomweb_client_retrieve (HzDicomwebClient  *self,
                             HzStore           *store,
                             const char        *case_id,
                             const char        *study_uid,
                             const char        *series_uid,
                             GCancellable      *cancellable,
                             GError           **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(SoupMultipartInputStream) multipart = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *not_found = NULL;
  GInputStream *part;

  g_return_val_if_fail (HZ_IS_DICOMWEB_CLIENT (self), NULL);
  g_return_val_if_fail (HZ_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  if (!check_uid (study_uid, error) || (series_uid != NULL && !check_uid (series_uid, error)))
    return NULL;

  /* the case first: an unknown case fails before anything is fetched */
  {
    g_autoptr(HzResource) episode = hz_store_get (store, "EpisodeOfCare", case_id, NULL);

    if (episode == NULL)
      {
        g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND,
                     _("Case “%s” does not exist"), case_id);
        return NULL;
      }
  }

  if (series_uid != NULL)
    {
      path = g_strdup_printf ("/studies/%s/series/%s", study_uid, series_uid);
      not_found = g_strdup_printf (_("The PACS at %s has no series %s of study %s"),
                                   self->url, series_uid, study_uid);
    }
  else
    {
      path = g_strdup_printf ("/studies/%s", study_uid);
      not_found = g_strdup_printf (_("The PACS at %s has no study %s"), self->url, study_uid);
    }

  msg = new_message (self, SOUP_METHOD_GET, path,
                     "multipart/related; type=\"application/dicom\"; transfer-syntax=*", error);
  if (msg == NULL)
    return NULL;
  session = new_session (self);
  stream = send_message (self, session, msg, not_found, cancellable, error);
  if (stream == NULL)
    return NULL;

  files = g_ptr_array_new_with_free_func (g_object_unref);
  multipart = soup_multipart_input_stream_new (msg, stream);
  while ((part = soup_multipart_input_stream_next_part (multipart, cancellable, &local_error)) != NULL)
    {
      g_autoptr(GInputStream) owned = part;
      SoupMessageHeaders *headers = soup_multipart_input_stream_get_headers (multipart);
      const char *type = headers != NULL ? soup_message_headers_get_content_type (headers, NULL) : NULL;
      g_autofree char *sha256 = NULL;
      g_autofree char *blob = NULL;

      if (type != NULL && g_ascii_strcasecmp (type, "application/dicom") != 0)
        {
          g_debug ("Skipping a %s part of %s%s", type, self->url, path);
          continue;
        }
      if (!hz_store_blob_put_stream (store, owned, &sha256, NULL, cancellable, &local_error))
        break;
      blob = hz_store_blob_dup_path (store, sha256);
      g_ptr_array_add (files, g_file_new_for_path (blob));
    }
  if (local_error != NULL)
    {
      if (local_error->domain == HZ_STORE_ERROR ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_UNREACHABLE,
                     _("The PACS at %s broke off sending study %s: %s"), self->url, study_uid,
                     local_error->message);
      return NULL;
    }
  if (files->len == 0)
    {
      g_set_error_literal (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_NOT_FOUND, not_found);
      return NULL;
    }

  return hz_imaging_import (store, case_id, files, NULL, NULL, cancellable, error);
}

/* ------------------------------------------------------------------------- */
/* STOW-RS */

/* The blobs of study @study_uid in the case, and its reference */
static GPtrArray *
study_files (HzStore     *store,
             const char  *case_id,
             const char  *study_uid,
             char       **out_reference,
             GError     **error)
{
  static const char * const types[] = { "ImagingStudy", NULL };
  g_autoptr(GPtrArray) resources = hz_store_read_case_types (store, case_id, types, error);
  g_autoptr(GPtrArray) paths = NULL;

  if (resources == NULL)
    return NULL;
  paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < resources->len; i++)
    {
      HzResource *resource = g_ptr_array_index (resources, i);
      g_autoptr(GPtrArray) items = NULL;

      if (strcmp (hz_resource_get_resource_type (resource), "ImagingStudy") != 0 ||
          g_strcmp0 (hz_imaging_study_uid (hz_resource_get_value (resource)), study_uid) != 0)
        continue;
      items = hz_imaging_items_for_resource (store, resource);
      for (guint j = 0; j < items->len; j++)
        {
          HzImagingItem *item = g_ptr_array_index (items, j);

          if (item->path != NULL)
            g_ptr_array_add (paths, g_strdup (item->path));
        }
      *out_reference = g_strdup (hz_resource_get_reference (resource));
      break;
    }
  if (paths->len == 0)
    {
      g_set_error (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_NOT_FOUND,
                   _("Case “%s” holds no images of study %s"), case_id, study_uid);
      return NULL;
    }
  return g_steal_pointer (&paths);
}

/* The multipart/related body, in a temporary file; its path (transfer full) */
static char *
write_stow_body (GPtrArray     *paths,
                 const char    *boundary,
                 goffset       *out_length,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autofree char *tail = g_strdup_printf ("--%s--\r\n", boundary);
  g_autofree char *head = g_strdup_printf ("--%s\r\nContent-Type: application/dicom\r\n\r\n", boundary);
  GOutputStream *out;
  goffset length = 0;

  file = g_file_new_tmp ("huizhen-stow-XXXXXX", &io, error);
  if (file == NULL)
    return NULL;
  out = g_io_stream_get_output_stream (G_IO_STREAM (io));

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GFile) source = g_file_new_for_path (g_ptr_array_index (paths, i));
      g_autoptr(GFileInputStream) in = g_file_read (source, cancellable, error);
      gssize n;

      if (in == NULL ||
          !g_output_stream_write_all (out, head, strlen (head), NULL, cancellable, error))
        goto failed;
      n = g_output_stream_splice (out, G_INPUT_STREAM (in), G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                                  cancellable, error);
      if (n < 0 || !g_output_stream_write_all (out, "\r\n", 2, NULL, cancellable, error))
        goto failed;
      length += (goffset) strlen (head) + n + 2;
    }
  if (!g_output_stream_write_all (out, tail, strlen (tail), NULL, cancellable, error) ||
      !g_io_stream_close (G_IO_STREAM (io), cancellable, error))
    goto failed;
  *out_length = length + (goffset) strlen (tail);
  return g_file_get_path (file);

failed:
  g_file_delete (file, NULL, NULL);
  return NULL;
}

/**
 * hz_dicomweb_client_send_study:
 *
 * Returns: TRUE when the PACS stored every instance sent
 */
gboolean
hz_dicomweb_client_send_study (HzDicomwebClient  *self,
                               HzStore           *store,
                               const char        *case_id,
                               const char        *study_uid,
                               guint             *out_n_sent,
                               GCancellable      *cancellable,
                               GError           **error)
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) answer = NULL;
  g_autoptr(GFile) body_file = NULL;
  g_autoptr(GFileInputStream) body = NULL;
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *body_path = NULL;
  g_autofree char *boundary = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *destination = NULL;
  HzJv *root;
  HzJv *failed;
  goffset length = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (HZ_IS_DICOMWEB_CLIENT (self), FALSE);
  g_return_val_if_fail (HZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  if (!check_uid (study_uid, error))
    return FALSE;
  paths = study_files (store, case_id, study_uid, &reference, error);
  if (paths == NULL)
    return FALSE;

  {
    g_autofree char *uuid = g_uuid_string_random ();

    boundary = g_strconcat ("huizhen-", uuid, NULL);
  }
  body_path = write_stow_body (paths, boundary, &length, cancellable, error);
  if (body_path == NULL)
    return FALSE;
  body_file = g_file_new_for_path (body_path);
  body = g_file_read (body_file, cancellable, error);
  if (body == NULL)
    goto out;

  msg = new_message (self, SOUP_METHOD_POST, "/studies", "application/dicom+json", error);
  if (msg == NULL)
    goto out;
  content_type = g_strdup_printf ("multipart/related; type=\"application/dicom\"; boundary=%s", boundary);
  soup_message_set_request_body (msg, content_type, G_INPUT_STREAM (body), (gssize) length);

  /* patient data leaves the store: recorded as an export, before it goes */
  destination = g_strconcat (self->url, "/studies", NULL);
  if (!hz_store_audit_export (store, reference, destination, error))
    goto out;

  session = new_session (self);
  answer = send_message (self, session, msg, NULL, cancellable, error);
  if (answer == NULL)
    goto out;
  doc = read_json (self, answer, cancellable, error);
  if (doc == NULL)
    goto out;
  root = hz_json_doc_get_root (doc);

  failed = hz_jv_get_array (hz_jv_get (root, TAG_FAILED_SOP_SEQUENCE), "Value");
  if (hz_jv_get_length (failed) > 0)
    {
      g_autoptr(GString) which = g_string_new (NULL);

      for (HzJv *item = hz_jv_get_first (failed); item != NULL; item = hz_jv_get_next (item))
        {
          g_autofree char *uid = attribute_text (item, TAG_REFERENCED_SOP_UID);
          g_autofree char *reason = attribute_text (item, TAG_FAILURE_REASON);

          if (which->len > 0)
            g_string_append (which, ", ");
          /* Translators: a SOP Instance UID and the PACS's failure code */
          g_string_append_printf (which, _("%s (reason %s)"), uid != NULL ? uid : "?",
                                  reason != NULL ? reason : "?");
        }
      g_set_error (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_REFUSED,
                   _("The PACS at %s did not store %u of the %u images of study %s: %s"),
                   self->url, hz_jv_get_length (failed), paths->len, study_uid, which->str);
      goto out;
    }

  if (out_n_sent != NULL)
    *out_n_sent = hz_jv_get_length (hz_jv_get_array (hz_jv_get (root, TAG_REFERENCED_SOP_SEQ), "Value"));
  ok = TRUE;

out:
  g_clear_object (&body);
  g_unlink (body_path);
  return ok;
}

/* ------------------------------------------------------------------------- */
/* In a thread */

typedef struct
{
  HzDicomwebQuery  query;
  char            *strings[4];
  HzStore         *store;
  char            *case_id;
  char            *study_uid;
  char            *series_uid;
} CallData;

static void
call_data_free (CallData *data)
{
  for (guint i = 0; i < G_N_ELEMENTS (data->strings); i++)
    g_free (data->strings[i]);
  g_clear_object (&data->store);
  g_free (data->case_id);
  g_free (data->study_uid);
  g_free (data->series_uid);
  g_free (data);
}

/* Runs @func in a GTask thread with @data (taken) */
static void
start_call (HzDicomwebClient    *self,
            CallData            *data,
            gpointer             source_tag,
            GTaskThreadFunc      func,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);
  g_task_run_in_thread (task, func);
}

/* The same for a call on a store and a case */
static void
start_case_call (HzDicomwebClient    *self,
                 HzStore             *store,
                 const char          *case_id,
                 const char          *study_uid,
                 const char          *series_uid,
                 gpointer             source_tag,
                 GTaskThreadFunc      func,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  CallData *data = g_new0 (CallData, 1);

  data->store = g_object_ref (store);
  data->case_id = g_strdup (case_id);
  data->study_uid = g_strdup (study_uid);
  data->series_uid = g_strdup (series_uid);
  start_call (self, data, source_tag, func, cancellable, callback, user_data);
}

static void
search_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CallData *data = task_data;
  GError *error = NULL;
  GPtrArray *studies = hz_dicomweb_client_search_studies (source_object, &data->query, cancellable, &error);

  if (studies == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, studies, (GDestroyNotify) g_ptr_array_unref);
}

void
hz_dicomweb_client_search_studies_async (HzDicomwebClient      *self,
                                         const HzDicomwebQuery *query,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  CallData *data = g_new0 (CallData, 1);

  data->query.patient_id = data->strings[0] = g_strdup (query->patient_id);
  data->query.patient_name = data->strings[1] = g_strdup (query->patient_name);
  data->query.date_range = data->strings[2] = g_strdup (query->date_range);
  data->query.modality = data->strings[3] = g_strdup (query->modality);
  data->query.limit = query->limit;
  start_call (self, data, hz_dicomweb_client_search_studies_async, search_in_thread,
              cancellable, callback, user_data);
}

/**
 * hz_dicomweb_client_search_studies_finish:
 *
 * Returns: (transfer full) (element-type HzDicomwebStudy)
 */
GPtrArray *
hz_dicomweb_client_search_studies_finish (HzDicomwebClient  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
retrieve_in_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CallData *data = task_data;
  GError *error = NULL;
  HzImagingImportResult *result =
    hz_dicomweb_client_retrieve (source_object, data->store, data->case_id, data->study_uid,
                                 data->series_uid, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) hz_imaging_import_result_free);
}

void
hz_dicomweb_client_retrieve_async (HzDicomwebClient    *self,
                                   HzStore             *store,
                                   const char          *case_id,
                                   const char          *study_uid,
                                   const char          *series_uid,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  start_case_call (self, store, case_id, study_uid, series_uid, hz_dicomweb_client_retrieve_async,
                   retrieve_in_thread, cancellable, callback, user_data);
}

/**
 * hz_dicomweb_client_retrieve_finish:
 *
 * Returns: (transfer full)
 */
HzImagingImportResult *
hz_dicomweb_client_retrieve_finish (HzDicomwebClient  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
send_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CallData *data = task_data;
  GError *error = NULL;
  guint n = 0;

  if (hz_dicomweb_client_send_study (source_object, data->store, data->case_id, data->study_uid,
                                     &n, cancellable, &error))
    g_task_return_int (task, n);
  else
    g_task_return_error (task, error);
}

void
hz_dicomweb_client_send_study_async (HzDicomwebClient    *self,
                                     HzStore             *store,
                                     const char          *case_id,
                                     const char          *study_uid,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  start_case_call (self, store, case_id, study_uid, NULL, hz_dicomweb_client_send_study_async,
                   send_in_thread, cancellable, callback, user_data);
}

gint
hz_dicomweb_client_send_study_finish (HzDicomwebClient  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return (gint) g_task_propagate_int (G_TASK (result), error);
}
