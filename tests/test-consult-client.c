/* test-consult-client.c — the remote-consultation client's logic: back-off,
 * the follow / pause state machine, the pending queue (offline messages
 * sent on reconnect, in order, once), resume with `since`, coalesced view
 * states, a refused token
 *
 * The peer is a small relay written here with libsoup's WebSocket server
 * (what the protocol fixes: hello/welcome, seq and from on every relayed
 * message, replay after since, close 4401), so that every frame the client
 * sends can be compared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "huizhen.h"
#include "hz-test-utils.h"
#include "test-consult-server.h"

/* ------------------------------------------------------------------ */
/* The relay */

typedef struct
{
  SoupServer *server;
  char       *url;
  GPtrArray  *conns;       /* SoupWebsocketConnection, joined */
  GPtrArray  *all;         /* every one the relay accepted */
  GPtrArray  *log;         /* char *: relayed messages, seq = index + 1 */
  GPtrArray  *received;    /* char *: every frame received, type hello included */
  gboolean    drop_before_echo;   /* close the sender's socket before relaying its next message */
} Relay;

static char *
relay_frame_with_seq (Relay      *relay,
                      JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (object, "seq", relay->log->len + 1);
  json_object_set_string_member (object, "from", "u1");
  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static void
relay_message_cb (SoupWebsocketConnection *conn,
                  int                      type,
                  GBytes                  *bytes,
                  gpointer                 user_data)
{
  Relay *relay = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonObject *object;
  const char *kind;

  g_assert_true (json_parser_load_from_data (parser, data, length, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  kind = json_object_get_string_member (object, "type");
  g_ptr_array_add (relay->received, g_strndup (data, length));

  if (g_str_equal (kind, "hello"))
    {
      gint64 since = json_object_get_int_member_with_default (object, "since", -1);
      g_autofree char *welcome = NULL;

      if (!g_str_equal (json_object_get_string_member (object, "token"), "good"))
        {
          soup_websocket_connection_close (conn, 4401, "bad token");
          return;
        }
      welcome = g_strdup_printf ("{\"type\":\"welcome\",\"members\":[],\"seq\":%u}", relay->log->len);
      soup_websocket_connection_send_text (conn, welcome);
      if (since >= 0)
        for (guint i = (guint) since; i < relay->log->len; i++)
          soup_websocket_connection_send_text (conn, g_ptr_array_index (relay->log, i));
      g_ptr_array_add (relay->conns, g_object_ref (conn));
      return;
    }

  if (g_str_equal (kind, "pong"))
    return;

  {
    char *frame = relay_frame_with_seq (relay, object);

    g_ptr_array_add (relay->log, frame);
    if (relay->drop_before_echo)
      {
        relay->drop_before_echo = FALSE;
        g_ptr_array_remove (relay->conns, conn);
        soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      }
    for (guint i = 0; i < relay->conns->len; i++)
      soup_websocket_connection_send_text (g_ptr_array_index (relay->conns, i), frame);
  }
}

static void
relay_closed_cb (SoupWebsocketConnection *conn,
                 gpointer                 user_data)
{
  Relay *relay = user_data;

  g_ptr_array_remove (relay->conns, conn);
}

static void
relay_ws_cb (SoupServer              *server,
             SoupServerMessage       *msg,
             const char              *path,
             SoupWebsocketConnection *conn,
             gpointer                 user_data)
{
  Relay *relay = user_data;

  g_ptr_array_add (relay->all, g_object_ref (conn));
  g_signal_connect (conn, "message", G_CALLBACK (relay_message_cb), relay);
  g_signal_connect (conn, "closed", G_CALLBACK (relay_closed_cb), relay);
}

static Relay *
relay_new (void)
{
  Relay *relay = g_new0 (Relay, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  relay->server = soup_server_new (NULL, NULL);
  relay->conns = g_ptr_array_new_with_free_func (g_object_unref);
  relay->all = g_ptr_array_new_with_free_func (g_object_unref);
  relay->log = g_ptr_array_new_with_free_func (g_free);
  relay->received = g_ptr_array_new_with_free_func (g_free);
  soup_server_add_websocket_handler (relay->server, "/v1/session", NULL, NULL,
                                     relay_ws_cb, relay, NULL);
  soup_server_listen_local (relay->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (relay->server);
  relay->url = g_strdup_printf ("ws://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return relay;
}

/* Closes every socket as a network drop would (the client did not ask) */
static void
relay_drop_all (Relay *relay)
{
  g_autoptr(GPtrArray) conns = g_ptr_array_copy (relay->conns, (GCopyFunc) g_object_ref, NULL);

  g_ptr_array_set_free_func (conns, g_object_unref);
  g_ptr_array_set_size (relay->conns, 0);
  for (guint i = 0; i < conns->len; i++)
    soup_websocket_connection_close (g_ptr_array_index (conns, i), SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
}

static void
relay_free (Relay *relay)
{
  relay_drop_all (relay);
  for (guint i = 0; i < relay->all->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (relay->all, i), relay);
  g_ptr_array_unref (relay->all);
  soup_server_disconnect (relay->server);
  g_object_unref (relay->server);
  g_ptr_array_unref (relay->conns);
  g_ptr_array_unref (relay->log);
  g_ptr_array_unref (relay->received);
  g_free (relay->url);
  g_free (relay);
}

/* The frames the relay received, of @type, as "type:text" or the whole frame for state */
static char *
relay_dup_received (Relay      *relay,
                    const char *type)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < relay->received->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;

      g_assert_true (json_parser_load_from_data (parser, g_ptr_array_index (relay->received, i), -1, NULL));
      object = json_node_get_object (json_parser_get_root (parser));
      if (!g_str_equal (json_object_get_string_member (object, "type"), type))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (g_str_equal (type, "hello"))
        g_string_append_printf (out, "since=%" G_GINT64_FORMAT,
                                json_object_get_int_member_with_default (object, "since", -1));
      else if (g_str_equal (type, "state"))
        g_string_append_printf (out, "%s:%" G_GINT64_FORMAT,
                                json_object_get_string_member (object, "page"),
                                json_object_get_int_member (json_object_get_object_member (object, "state"), "n"));
      else
        g_string_append (out, json_object_get_string_member (object, "text"));
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
wait_state (HzConsultClient *client,
            HzConsultState   state)
{
  gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (hz_consult_client_get_state (client) != state && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return hz_consult_client_get_state (client) == state;
}

static void
wait_no_pending (HzConsultClient *client)
{
  gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (hz_consult_client_get_n_pending (client) > 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (hz_consult_client_get_n_pending (client), ==, 0);
}

static void
message_cb (HzConsultClient *client,
            const char      *type,
            JsonObject      *message,
            GString         *seen)
{
  if (seen->len > 0)
    g_string_append_c (seen, ' ');
  g_string_append_printf (seen, "%" G_GINT64_FORMAT ":%s", json_object_get_int_member (message, "seq"),
                          json_object_get_string_member_with_default (message, "text", type));
}

/* ------------------------------------------------------------------ */

static void
test_backoff (void)
{
  g_assert_cmpuint (hz_consult_backoff_ms (0, 0.5), ==, 500);
  g_assert_cmpuint (hz_consult_backoff_ms (0, 0.0), ==, 400);
  g_assert_cmpuint (hz_consult_backoff_ms (0, 0.999999), ==, 600);
  g_assert_cmpuint (hz_consult_backoff_ms (1, 0.5), ==, 1000);
  g_assert_cmpuint (hz_consult_backoff_ms (2, 0.5), ==, 2000);
  g_assert_cmpuint (hz_consult_backoff_ms (3, 0.5), ==, 4000);
  g_assert_cmpuint (hz_consult_backoff_ms (4, 0.5), ==, 8000);
  g_assert_cmpuint (hz_consult_backoff_ms (4, 0.0), ==, 6400);
  g_assert_cmpuint (hz_consult_backoff_ms (5, 0.5), ==, 10000);
  g_assert_cmpuint (hz_consult_backoff_ms (5, 1.0), ==, 12000);
  g_assert_cmpuint (hz_consult_backoff_ms (40, 0.5), ==, 10000);
  g_assert_cmpuint (hz_consult_backoff_ms (G_MAXUINT, 0.5), ==, 10000);
}

static JsonNode *
state_n (gint64 n)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "n");
  json_builder_add_int_value (builder, n);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
test_follow (void)
{
  g_autoptr(HzConsultFollow) follow = hz_consult_follow_new ();
  g_autofree char *page = NULL;
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(JsonNode) s1 = state_n (1), s2 = state_n (2), s3 = state_n (3), s4 = state_n (4);

  g_assert_true (hz_consult_follow_is_following (follow));
  g_assert_false (hz_consult_follow_take (follow, &page, &state));

  /* three states come before the page gets to apply one: only the latest */
  g_assert_true (hz_consult_follow_remote_state (follow, "timeline", s1));
  g_assert_true (hz_consult_follow_remote_state (follow, "timeline", s2));
  g_assert_true (hz_consult_follow_take (follow, &page, &state));
  g_assert_cmpstr (page, ==, "timeline");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (state), "n"), ==, 2);
  g_clear_pointer (&page, g_free);
  g_clear_pointer (&state, json_node_unref);
  g_assert_false (hz_consult_follow_take (follow, &page, &state));

  /* the page's own state-changed while applying is not the follower's */
  hz_consult_follow_begin_apply (follow);
  g_assert_false (hz_consult_follow_local_change (follow));
  hz_consult_follow_end_apply (follow);
  g_assert_true (hz_consult_follow_is_following (follow));

  /* the follower scrolls: paused; states still come and are kept */
  g_assert_true (hz_consult_follow_local_change (follow));
  g_assert_false (hz_consult_follow_is_following (follow));
  g_assert_false (hz_consult_follow_local_change (follow));
  g_assert_false (hz_consult_follow_remote_state (follow, "imaging", s3));
  g_assert_false (hz_consult_follow_remote_state (follow, "timeline", s4));
  g_assert_false (hz_consult_follow_take (follow, &page, &state));

  /* "Follow presenter": the presenter's latest, on the page they showed last */
  g_assert_true (hz_consult_follow_resume (follow));
  g_assert_true (hz_consult_follow_is_following (follow));
  g_assert_cmpstr (hz_consult_follow_get_page (follow), ==, "timeline");
  g_assert_true (hz_consult_follow_take (follow, &page, &state));
  g_assert_cmpstr (page, ==, "timeline");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (state), "n"), ==, 4);
  g_assert_false (hz_consult_follow_take (follow, &page, &state));

  /* resuming with nothing from the presenter yet: nothing due */
  {
    g_autoptr(HzConsultFollow) fresh = hz_consult_follow_new ();

    g_assert_true (hz_consult_follow_local_change (fresh));
    g_assert_false (hz_consult_follow_resume (fresh));
    g_assert_true (hz_consult_follow_is_following (fresh));
  }
}

static void
test_offline_queue (void)
{
  Relay *relay = relay_new ();
  g_autoptr(HzConsultClient) client = hz_consult_client_new (relay->url, "good");
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autofree char *chats = NULL, *hellos = NULL;

  g_assert_true (g_str_has_suffix (hz_consult_client_get_url (client), "/v1/session"));
  g_signal_connect (client, "message", G_CALLBACK (message_cb), seen);

  /* typed before the client ever connected */
  hz_consult_client_send_chat (client, "a");
  hz_consult_client_send_chat (client, "b");
  hz_consult_client_send_opinion (client, "nutrition", "c");
  g_assert_cmpuint (hz_consult_client_get_n_pending (client), ==, 3);
  g_assert_cmpint (hz_consult_client_get_state (client), ==, HZ_CONSULT_OFFLINE);

  hz_consult_client_connect (client);
  g_assert_cmpint (hz_consult_client_get_state (client), ==, HZ_CONSULT_CONNECTING);
  g_assert_true (wait_state (client, HZ_CONSULT_ONLINE));
  wait_no_pending (client);

  hellos = relay_dup_received (relay, "hello");
  g_assert_cmpstr (hellos, ==, "since=0");
  chats = relay_dup_received (relay, "chat");
  g_assert_cmpstr (chats, ==, "a b");
  g_clear_pointer (&chats, g_free);
  chats = relay_dup_received (relay, "opinion");
  g_assert_cmpstr (chats, ==, "c");
  g_assert_cmpstr (seen->str, ==, "1:a 2:b 3:c");
  g_assert_cmpint (hz_consult_client_get_last_seq (client), ==, 3);

  hz_consult_client_disconnect (client);
  g_assert_cmpint (hz_consult_client_get_state (client), ==, HZ_CONSULT_OFFLINE);
  g_clear_object (&client);
  relay_free (relay);
}

static void
state_changed_cb (HzConsultClient *client,
                  GString         *states)
{
  g_string_append_printf (states, "%d", hz_consult_client_get_state (client));
}

static void
test_reconnect (void)
{
  Relay *relay = relay_new ();
  g_autoptr(HzConsultClient) client = hz_consult_client_new (relay->url, "good");
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GString) states = g_string_new (NULL);
  g_autofree char *chats = NULL, *hellos = NULL;

  g_signal_connect (client, "message", G_CALLBACK (message_cb), seen);
  g_signal_connect (client, "state-changed", G_CALLBACK (state_changed_cb), states);
  hz_consult_client_connect (client);
  g_assert_true (wait_state (client, HZ_CONSULT_ONLINE));
  hz_consult_client_send_chat (client, "a");
  hz_consult_client_send_chat (client, "b");
  wait_no_pending (client);

  /* the network drops; two messages are typed meanwhile; another
   * participant's message reaches the room */
  relay_drop_all (relay);
  g_assert_true (wait_state (client, HZ_CONSULT_RECONNECTING));
  g_assert_nonnull (hz_consult_client_get_error (client));
  hz_consult_client_send_chat (client, "c");
  hz_consult_client_send_chat (client, "d");
  g_ptr_array_add (relay->log, g_strdup ("{\"type\":\"chat\",\"text\":\"other\",\"seq\":3,\"from\":\"u2\"}"));

  g_assert_true (wait_state (client, HZ_CONSULT_ONLINE));
  wait_no_pending (client);
  g_assert_null (hz_consult_client_get_error (client));

  /* resumed after seq 2: the other's message replayed, c and d once, in order */
  hellos = relay_dup_received (relay, "hello");
  g_assert_cmpstr (hellos, ==, "since=0 since=2");
  chats = relay_dup_received (relay, "chat");
  g_assert_cmpstr (chats, ==, "a b c d");
  g_assert_cmpstr (seen->str, ==, "1:a 2:b 3:other 4:c 5:d");
  /* connecting, online, reconnecting, online */
  g_assert_cmpstr (states->str, ==, "1232");

  /* a message the server relayed just before the socket dropped (its echo
   * never came): the replay has it, so it is not sent again */
  relay->drop_before_echo = TRUE;
  hz_consult_client_send_chat (client, "e");
  g_assert_true (wait_state (client, HZ_CONSULT_RECONNECTING));
  g_assert_true (wait_state (client, HZ_CONSULT_ONLINE));
  wait_no_pending (client);
  spin_ms (50);
  g_clear_pointer (&chats, g_free);
  chats = relay_dup_received (relay, "chat");
  g_assert_cmpstr (chats, ==, "a b c d e");
  g_assert_cmpstr (seen->str, ==, "1:a 2:b 3:other 4:c 5:d 6:e");
  g_clear_pointer (&hellos, g_free);
  hellos = relay_dup_received (relay, "hello");
  g_assert_cmpstr (hellos, ==, "since=0 since=2 since=5");

  g_clear_object (&client);
  relay_free (relay);
}

static void
test_coalesce (void)
{
  Relay *relay = relay_new ();
  g_autoptr(HzConsultClient) client = hz_consult_client_new (relay->url, "good");
  g_autofree char *sent = NULL;

  /* offline: only the latest state of each page goes out on connect */
  for (int i = 0; i < 10; i++)
    {
      g_autoptr(JsonNode) state = state_n (i);

      hz_consult_client_send_state (client, "timeline", state);
    }
  {
    g_autoptr(JsonNode) state = state_n (7);

    hz_consult_client_send_state (client, "imaging", state);
  }
  hz_consult_client_connect (client);
  g_assert_true (wait_state (client, HZ_CONSULT_ONLINE));
  spin_ms (100);
  sent = relay_dup_received (relay, "state");
  g_assert_cmpstr (sent, ==, "timeline:9 imaging:7");

  /* online: 100 states in a burst → the first at once, then the latest
   * (a state a frame at most) */
  spin_ms (100);
  for (int i = 0; i < 100; i++)
    {
      g_autoptr(JsonNode) state = state_n (100 + i);

      hz_consult_client_send_state (client, "timeline", state);
    }
  spin_ms (200);
  g_clear_pointer (&sent, g_free);
  sent = relay_dup_received (relay, "state");
  g_assert_cmpstr (sent, ==, "timeline:9 imaging:7 timeline:100 timeline:199");

  g_clear_object (&client);
  relay_free (relay);
}

static void
test_bad_token (void)
{
  Relay *relay = relay_new ();
  g_autoptr(HzConsultClient) client = hz_consult_client_new (relay->url, "forged");
  const GError *error;

  hz_consult_client_connect (client);
  g_assert_true (wait_state (client, HZ_CONSULT_OFFLINE));
  error = hz_consult_client_get_error (client);
  g_assert_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_TOKEN);
  g_assert_nonnull (strstr (error->message, relay->url));
  /* no retry with a token the server refused */
  spin_ms (800);
  g_assert_cmpint (hz_consult_client_get_state (client), ==, HZ_CONSULT_OFFLINE);
  {
    g_autofree char *hellos = relay_dup_received (relay, "hello");

    g_assert_cmpstr (hellos, ==, "since=0");
  }

  g_clear_object (&client);
  relay_free (relay);
}

static void
test_bad_url (void)
{
  g_autoptr(HzConsultClient) client = hz_consult_client_new ("http://example.org", "good");

  hz_consult_client_connect (client);
  g_assert_cmpint (hz_consult_client_get_state (client), ==, HZ_CONSULT_OFFLINE);
  g_assert_error (hz_consult_client_get_error (client), HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_URL);
}


static gboolean
case_has_two_consents (gpointer data)
{
  return g_list_model_get_n_items (hz_case_get_resources (data, "Consent")) == 2;
}

/* The consent to share and the session's record, through the store */
static void
test_record (void)
{
  g_autofree char *dir = hz_test_make_tmp_dir ("huizhen-consult-XXXXXX");
  g_autoptr(HzActor) actor = hz_actor_new ("王医生", HZ_TEAM_OBSTETRICS, "主治医师", "云州市妇幼保健院");
  g_autoptr(HzStore) store = hz_test_store_new (dir, actor);
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(JsonObject) consent = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(HzConsultRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const char *both[] = { "北京协和医院", "临溪县人民医院", NULL };
  const char *mixed[] = { "省妇幼保健院", "北京协和医院", "省妇幼", NULL };
  const char *none[] = { NULL };
  g_auto(GStrv) missing = NULL;
  g_autofree char *text = NULL;
  JsonObject *composition;

  g_assert_cmpuint (hz_test_import_demo (store), >, 0);
  kase = hz_case_load (store, "c1-episode", &error);
  g_assert_no_error (error);

  /* the demo's consent names "省妇幼保健院 产前诊断中心"; "省妇幼" is not that site */
  missing = hz_consult_find_unconsented (kase, mixed);
  text = g_strjoinv ("|", missing);
  g_assert_cmpstr (text, ==, "北京协和医院|省妇幼");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&missing, g_strfreev);

  g_assert_null (hz_consult_build_consent (kase, none, NULL, actor, &error));
  g_assert_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_CONSENT);
  g_clear_error (&error);

  consent = hz_consult_build_consent (kase, both, "病历摘要", actor, &error);
  g_assert_no_error (error);
  g_assert_true (hz_store_put (store, "c1-episode", consent, &error));
  g_assert_no_error (error);
  g_assert_true (hz_test_wait_until (case_has_two_consents, kase));
  missing = hz_consult_find_unconsented (kase, mixed);
  text = g_strjoinv ("|", missing);
  g_assert_cmpstr (text, ==, "省妇幼");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&missing, g_strfreev);
  missing = hz_consult_find_unconsented (kase, both);
  g_assert_cmpuint (g_strv_length (missing), ==, 0);
  {
    g_autoptr(HzResource) found = hz_store_get (store, "Consent", json_object_get_string_member (consent, "id"), &error);
    const HzJv *value = hz_resource_get_value (found);
    g_autofree char *recorded_by = hz_actor_dup_display (actor);

    g_assert_no_error (error);
    g_assert_cmpstr (hz_jv_get_path_string (value, "provision.type"), ==, "permit");
    g_assert_cmpstr (hz_jv_get_string (hz_jv_get_element (hz_jv_get_array (value, "extension"), 0), "valueString"),
                     ==, recorded_by);
    g_assert_cmpstr (hz_jv_get_path_string (hz_jv_get_element (hz_jv_get_array (hz_jv_get_object (value, "provision"), "actor"), 1),
                                            "reference.display"), ==, "临溪县人民医院");
  }

  record = hz_consult_record_new ("room-1");
  record->started_us = (gint64) 1780000000 * G_USEC_PER_SEC;
  record->ended_us = record->started_us + (gint64) 3600 * G_USEC_PER_SEC;
  hz_consult_record_add_member (record, "u1", "王医生", "obstetrics", "host", "云州市妇幼保健院");
  hz_consult_record_add_member (record, "u2", "李医生", "nutrition", "participant", "省妇幼保健院");
  hz_consult_record_add_member (record, "u1", "王医生", "obstetrics", "host", "云州市妇幼保健院");
  hz_consult_record_add_chat (record, "u1", "王医生", "请看第 12 周的超声", record->started_us + (gint64) 60 * G_USEC_PER_SEC);
  hz_consult_record_add_chat (record, "u2", "李医生", "<同意>", record->started_us + (gint64) 120 * G_USEC_PER_SEC);
  hz_consult_record_set_opinion (record, "nutrition", "控制体重增长");
  hz_consult_record_set_opinion (record, "obstetrics", "继续观察");
  hz_consult_record_set_opinion (record, "nutrition", "每周体重增长 ≤0.3 kg");

  resources = hz_consult_record_build (record, kase, actor);
  g_assert_cmpuint (resources->len, ==, 4);
  g_assert_cmpstr (json_object_get_string_member (resources->pdata[0], "resourceType"), ==, "Encounter");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (resources->pdata[0], "participant")), ==, 2);
  {
    JsonObject *period = json_object_get_object_member (resources->pdata[0], "period");

    g_assert_cmpstr (json_object_get_string_member (period, "start"), ==, "2026-05-28T20:26:40.000+00:00");
    g_assert_cmpstr (json_object_get_string_member (period, "end"), ==, "2026-05-28T21:26:40.000+00:00");
  }
  g_assert_cmpstr (json_object_get_string_member (resources->pdata[1], "resourceType"), ==, "Communication");
  g_assert_cmpstr (json_object_get_string_member (resources->pdata[1], "sent"), ==, "2026-05-28T20:27:40.000+00:00");
  composition = resources->pdata[3];
  g_assert_cmpstr (json_object_get_string_member (composition, "status"), ==, "preliminary");
  {
    JsonArray *sections = json_object_get_array_member (composition, "section");

    g_assert_cmpuint (json_array_get_length (sections), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sections, 0), "title"), ==, "营养科");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (sections, 0), "text"), "div"),
                     ==, "<div xmlns=\"http://www.w3.org/1999/xhtml\">每周体重增长 ≤0.3 kg</div>");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sections, 1), "title"), ==, "产科");
  }

  /* the store holds Communication now: one transaction */
  g_assert_true (hz_store_put_all (store, "c1-episode", resources, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) stored = hz_test_read_case_json (store, "c1-episode", &error);
    guint n_communication = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < stored->len; i++)
      if (g_str_equal (json_object_get_string_member (stored->pdata[i], "resourceType"), "Communication"))
        {
          n_communication++;
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (stored->pdata[i], "encounter"), "reference"),
                           ==, json_object_get_string_member (json_object_get_object_member (composition, "encounter"), "reference"));
        }
    g_assert_cmpuint (n_communication, ==, 2);
  }

  g_clear_object (&kase);
  g_clear_object (&store);
  hz_test_remove_tree (dir);
}

/* ------------------------------------------------------------------ */
/* Against huizhen-consultd itself (test-consult-server.h) */

static void
chat_cb (HzConsultClient *client,
         const char      *type,
         JsonObject      *message,
         GString         *seen)
{
  if (!g_str_equal (type, "chat"))
    return;
  if (seen->len > 0)
    g_string_append_c (seen, ' ');
  g_string_append (seen, json_object_get_string_member (message, "text"));
}

static void
seq_cb (HzConsultClient *client,
        const char      *type,
        JsonObject      *message,
        gint64          *last)
{
  gint64 seq = json_object_get_int_member (message, "seq");

  /* every message once, in order, no gaps */
  g_assert_cmpint (seq, ==, *last + 1);
  *last = seq;
}

static void
server_error_cb (HzConsultClient *client,
                 const char      *code,
                 const char      *text,
                 GString         *errors)
{
  g_string_append (errors, code);
}

static gboolean
seen_is (GString    *seen,
         const char *expected)
{
  gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (!g_str_equal (seen->str, expected) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return g_str_equal (seen->str, expected);
}

/* A server restart drops both sockets; the host's messages typed while it
 * is down go out once it is back, once, in order; the participant, who
 * comes back later, gets them through since */
static void
test_server_resume (void)
{
  HzTestConsultd *server = hz_test_consultd_new ();
  g_autofree char *host_token = hz_test_consultd_token (server, "host1", "host");
  g_autofree char *part_token = hz_test_consultd_token (server, "part2", "participant");
  g_autoptr(HzConsultClient) host = hz_consult_client_new (server->url, host_token);
  g_autoptr(HzConsultClient) part = hz_consult_client_new (server->url, part_token);
  g_autoptr(GString) host_seen = g_string_new (NULL);
  g_autoptr(GString) part_seen = g_string_new (NULL);
  g_autoptr(GString) errors = g_string_new (NULL);
  gint64 part_last = 0;

  g_signal_connect (host, "message", G_CALLBACK (chat_cb), host_seen);
  g_signal_connect (part, "message", G_CALLBACK (chat_cb), part_seen);
  g_signal_connect (part, "message", G_CALLBACK (seq_cb), &part_last);
  g_signal_connect (part, "server-error", G_CALLBACK (server_error_cb), errors);
  hz_consult_client_connect (host);
  g_assert_true (wait_state (host, HZ_CONSULT_ONLINE));
  hz_consult_client_connect (part);
  g_assert_true (wait_state (part, HZ_CONSULT_ONLINE));
  g_assert_cmpstr (hz_consult_client_get_user (part), ==, "part2");

  hz_consult_client_send_chat (part, "1");
  g_assert_true (seen_is (host_seen, "1"));

  /* a participant may not present */
  {
    g_autoptr(JsonNode) state = state_n (1);

    hz_consult_client_send_state (part, "timeline", state);
  }
  g_assert_true (seen_is (errors, "forbidden"));

  hz_test_consultd_stop (server);
  g_assert_true (wait_state (host, HZ_CONSULT_RECONNECTING));
  g_assert_true (wait_state (part, HZ_CONSULT_RECONNECTING));
  hz_consult_client_disconnect (part);
  hz_consult_client_send_chat (host, "x");
  hz_consult_client_send_chat (host, "y");
  g_assert_cmpuint (hz_consult_client_get_n_pending (host), ==, 2);

  hz_test_consultd_start (server);
  g_assert_true (wait_state (host, HZ_CONSULT_ONLINE));
  wait_no_pending (host);
  g_assert_true (seen_is (host_seen, "1 x y"));

  hz_consult_client_connect (part);
  g_assert_true (wait_state (part, HZ_CONSULT_ONLINE));
  g_assert_true (seen_is (part_seen, "1 x y"));
  spin_ms (100);
  g_assert_cmpstr (host_seen->str, ==, "1 x y");
  g_assert_cmpstr (part_seen->str, ==, "1 x y");
  g_assert_cmpint (hz_consult_client_get_last_seq (part), ==, part_last);

  g_clear_object (&host);
  g_clear_object (&part);
  hz_test_consultd_free (server);
}

static void
test_server_bad_token (void)
{
  HzTestConsultd *server = hz_test_consultd_new ();
  g_autoptr(HzConsultClient) client = hz_consult_client_new (server->url, "hzc1.forged.token");

  hz_consult_client_connect (client);
  g_assert_true (wait_state (client, HZ_CONSULT_OFFLINE));
  g_assert_error (hz_consult_client_get_error (client), HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_TOKEN);

  g_clear_object (&client);
  hz_test_consultd_free (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/consult/backoff", test_backoff);
  g_test_add_func ("/consult/follow", test_follow);
  g_test_add_func ("/consult/client/offline-queue", test_offline_queue);
  g_test_add_func ("/consult/client/reconnect", test_reconnect);
  g_test_add_func ("/consult/client/coalesce", test_coalesce);
  g_test_add_func ("/consult/client/bad-token", test_bad_token);
  g_test_add_func ("/consult/client/bad-url", test_bad_url);
  g_test_add_func ("/consult/record", test_record);
  g_test_add_func ("/consult/server/resume", test_server_resume);
  g_test_add_func ("/consult/server/bad-token", test_server_bad_token);

  return g_test_run ();
}
