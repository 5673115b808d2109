/* hz-referral-send.c — a referral's Bundle POSTed to a FHIR endpoint
 * (consultd's inbox or any FHIR server) with libsoup 3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-forms"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "huizhen.h"

#define FHIR_JSON "application/fhir+json"

/* What an OperationOutcome says (its issues' details.text or diagnostics,
 * one after another), or NULL */
static char *
dup_outcome_text (GBytes *body)
{
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  g_autoptr(HzResource) outcome = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (data == NULL || size == 0 || (outcome = hz_resource_new_from_data (data, size, NULL)) == NULL ||
      g_strcmp0 (hz_jv_get_string (hz_resource_get_value (outcome), "resourceType"), "OperationOutcome") != 0)
    return NULL;
  for (HzJv *issue = hz_jv_get_first (hz_jv_get_array (hz_resource_get_value (outcome), "issue"));
       issue != NULL; issue = hz_jv_get_next (issue))
    {
      const char *said = hz_jv_get_path_string (issue, "details.text");

      if (said == NULL)
        said = hz_jv_get_string (issue, "diagnostics");
      if (said != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", said);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

typedef struct
{
  char        *url;
  SoupMessage *message;
} Send;

static void
send_free (Send *send)
{
  g_free (send->url);
  g_clear_object (&send->message);
  g_free (send);
}

/* The message of @url's answer @body, or the error; TRUE for 2xx */
static gboolean
check_answer (const char   *url,
              SoupMessage  *message,
              GBytes       *body,
              GError      **error)
{
  guint status = soup_message_get_status (message);
  g_autofree char *said = NULL;

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return TRUE;
  said = dup_outcome_text (body);
  if (said != NULL)
    g_set_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_SEND,
                 /* Translators: a URL, an HTTP status code and reason, what the server said */
                 _("“%s” refused the referral: %u %s: %s"), url, status,
                 soup_message_get_reason_phrase (message) ?: "", said);
  else
    g_set_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_SEND,
                 _("“%s” refused the referral: %u %s"), url, status,
                 soup_message_get_reason_phrase (message) ?: "");
  return FALSE;
}

/* The POST of the referral's Bundle, the export recorded with @url */
static SoupMessage *
new_message (HzStore     *store,
             const char  *task_id,
             const char  *url,
             const char  *token,
             GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;
  SoupMessage *message;
  gsize length = 0;
  char *text;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &local_error);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_SEND,
                   _("“%s” is not an http:// or https:// address"), url);
      return NULL;
    }
  text = hz_referral_export (store, task_id, url, &length, error);
  if (text == NULL)
    return NULL;
  body = g_bytes_new_take (text, length);

  message = soup_message_new_from_uri (SOUP_METHOD_POST, uri);
  soup_message_set_request_body_from_bytes (message, FHIR_JSON, body);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", FHIR_JSON);
  if (token != NULL && *token != '\0')
    {
      g_autofree char *bearer = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", bearer);
    }
  return message;
}

static void
unreachable (const char  *url,
             GError      *cause,
             GError     **error)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else
    g_set_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_SEND,
                 /* Translators: a URL and why it could not be reached */
                 _("Could not reach “%s”: %s"), url, cause->message);
}

gboolean
hz_referral_send (HzStore       *store,
                  const char    *task_id,
                  const char    *url,
                  const char    *token,
                  GCancellable  *cancellable,
                  guint         *out_status,
                  GError       **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (HZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  message = new_message (store, task_id, url, token, error);
  if (message == NULL)
    return FALSE;
  session = soup_session_new_with_options ("timeout", 30, NULL);
  answer = soup_session_send_and_read (session, message, cancellable, &local_error);
  if (answer == NULL)
    {
      unreachable (url, local_error, error);
      return FALSE;
    }
  if (out_status != NULL)
    *out_status = soup_message_get_status (message);
  return check_answer (url, message, answer, error);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (answer == NULL)
    {
      GError *reported = NULL;

      unreachable (send->url, error, &reported);
      g_task_return_error (task, reported);
    }
  else if (!check_answer (send->url, send->message, answer, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, soup_message_get_status (send->message));
}

void
hz_referral_send_async (HzStore             *store,
                        const char          *task_id,
                        const char          *url,
                        const char          *token,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GError) error = NULL;
  Send *send;

  g_return_if_fail (HZ_IS_STORE (store));
  g_return_if_fail (url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hz_referral_send_async);
  send = g_new0 (Send, 1);
  send->url = g_strdup (url);
  g_task_set_task_data (task, send, (GDestroyNotify) send_free);

  /* the Bundle is read here, in the store's thread; only the POST waits */
  send->message = new_message (store, task_id, url, token, &error);
  if (send->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  session = soup_session_new_with_options ("timeout", 30, NULL);
  soup_session_send_and_read_async (session, send->message, G_PRIORITY_DEFAULT, cancellable,
                                    on_sent, g_steal_pointer (&task));
}

gboolean
hz_referral_send_finish (GAsyncResult  *result,
                         guint         *out_status,
                         GError       **error)
{
  gssize status;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  status = g_task_propagate_int (G_TASK (result), error);
  if (status < 0)
    return FALSE;
  if (out_status != NULL)
    *out_status = status;
  return TRUE;
}
