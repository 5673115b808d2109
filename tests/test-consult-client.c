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
#include <glib/gstdio.h>

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
      /* an opinion names its case only when it was given one */
      if (json_object_has_member (object, "case"))
        g_string_append_printf (out, "@%s", json_object_get_string_member (object, "case"));
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

/* Waits until @b has seen every message @a has: a relayed message (a join's
 * presence, say) reaches the members of a room one socket at a time. */
static gboolean
wait_same_seq (HzConsultClient *a,
               HzConsultClient *b)
{
  gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (hz_consult_client_get_last_seq (b) < hz_consult_client_get_last_seq (a) &&
         g_get_monotonic_time () < end)
    {
      gboolean tick = FALSE;
      guint id = g_timeout_add (50, timeout_cb, &tick);

      g_main_context_iteration (NULL, TRUE);
      if (!tick)
        g_source_remove (id);
    }
  return hz_consult_client_get_last_seq (a) == hz_consult_client_get_last_seq (b);
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
  hz_consult_client_send_opinion (client, "nutrition", "c", "c1-episode");
  hz_consult_client_send_opinion (client, "nutrition", "d", NULL);
  g_assert_cmpuint (hz_consult_client_get_n_pending (client), ==, 4);
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
  g_assert_cmpstr (chats, ==, "c@c1-episode d");
  g_assert_cmpstr (seen->str, ==, "1:a 2:b 3:c 4:d");
  g_assert_cmpint (hz_consult_client_get_last_seq (client), ==, 4);

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


/* One participant of the presenter test: what it was told */
typedef struct
{
  HzConsultFollow *follow;
  char            *presenter;   /* from the latest welcome, then presenter messages */
  guint            n_welcomes;
  gint64           last;        /* the highest seq, checked consecutive */
  GString         *states;      /* "n" of each state received, in order */
} Seat;

static void
seat_welcome_cb (HzConsultClient *client,
                 JsonObject      *welcome,
                 Seat            *seat)
{
  JsonNode *presenter = json_object_get_member (welcome, "presenter");

  g_free (seat->presenter);
  seat->presenter = presenter != NULL && JSON_NODE_HOLDS_VALUE (presenter) ? g_strdup (json_node_get_string (presenter)) : NULL;
  seat->n_welcomes++;
}

static void
seat_message_cb (HzConsultClient *client,
                 const char      *type,
                 JsonObject      *message,
                 Seat            *seat)
{
  seq_cb (client, type, message, &seat->last);
  if (g_str_equal (type, "presenter"))
    {
      g_free (seat->presenter);
      seat->presenter = g_strdup (json_object_get_string_member (message, "user"));
    }
  else if (g_str_equal (type, "state"))
    {
      JsonNode *state = json_object_get_member (message, "state");

      if (seat->states->len > 0)
        g_string_append_c (seat->states, ' ');
      g_string_append_printf (seat->states, "%" G_GINT64_FORMAT,
                              json_object_get_int_member (json_node_get_object (state), "n"));
      hz_consult_follow_remote_state (seat->follow, json_object_get_string_member (message, "page"), state);
    }
}

static void
seat_init (Seat            *seat,
           HzConsultClient *client)
{
  seat->follow = hz_consult_follow_new ();
  seat->states = g_string_new (NULL);
  g_signal_connect (client, "welcome", G_CALLBACK (seat_welcome_cb), seat);
  g_signal_connect (client, "message", G_CALLBACK (seat_message_cb), seat);
}

static void
seat_clear (Seat *seat)
{
  hz_consult_follow_free (seat->follow);
  g_free (seat->presenter);
  g_string_free (seat->states, TRUE);
}

/* The state the follower would apply now: "page:n" */
static char *
seat_due (Seat *seat)
{
  g_autofree char *page = NULL;
  g_autoptr(JsonNode) state = NULL;

  if (!hz_consult_follow_take (seat->follow, &page, &state))
    return g_strdup ("none");
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, page, json_object_get_int_member (json_node_get_object (state), "n"));
}

static gboolean
states_are (Seat       *seat,
            const char *expected)
{
  gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (!g_str_equal (seat->states->str, expected) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return g_str_equal (seat->states->str, expected);
}

/* The server is killed and started again on its database: the clients
 * come back with back-off and since, the presenter the host handed the
 * role to presents again, a state sent while the server was down arrives
 * once, and a follower has the presenter's last view; a site joining
 * afterwards is told the same */
static void
test_server_presenter (void)
{
  HzTestConsultd *server = hz_test_consultd_new ();
  g_autofree char *host_token = hz_test_consultd_token (server, "host1", "host");
  g_autofree char *part_token = hz_test_consultd_token (server, "part2", "participant");
  g_autofree char *obs_token = hz_test_consultd_token (server, "obs3", "observer");
  g_autofree char *late_token = hz_test_consultd_token (server, "late4", "observer");
  g_autoptr(HzConsultClient) host = hz_consult_client_new (server->url, host_token);
  g_autoptr(HzConsultClient) part = hz_consult_client_new (server->url, part_token);
  g_autoptr(HzConsultClient) obs = hz_consult_client_new (server->url, obs_token);
  g_autoptr(HzConsultClient) late = NULL;
  g_autoptr(GString) errors = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  Seat host_seat = { 0, }, obs_seat = { 0, }, late_seat = { 0, };
  g_autofree char *due = NULL;

  seat_init (&host_seat, host);
  seat_init (&obs_seat, obs);
  g_signal_connect (part, "server-error", G_CALLBACK (server_error_cb), errors);
  hz_consult_client_connect (host);
  g_assert_true (wait_state (host, HZ_CONSULT_ONLINE));
  hz_consult_client_connect (part);
  g_assert_true (wait_state (part, HZ_CONSULT_ONLINE));
  hz_consult_client_connect (obs);
  g_assert_true (wait_state (obs, HZ_CONSULT_ONLINE));

  /* the host hands the role over; the new presenter presents */
  hz_consult_client_send_presenter (host, "part2");
  for (gint64 n = 1; n <= 3; n++)
    {
      g_autoptr(JsonNode) state = state_n (n);

      /* one a coalescing period, so that each goes out */
      spin_ms (1000 / HZ_CONSULT_STATE_RATE + 20);
      hz_consult_client_send_state (part, "imaging", state);
    }
  g_assert_true (states_are (&obs_seat, "1 2 3"));
  g_assert_cmpstr (obs_seat.presenter, ==, "part2");
  g_assert_cmpstr (errors->str, ==, "");

  /* killed, not stopped: nothing is flushed on the way out */
  g_subprocess_force_exit (server->process);
  g_assert_true (g_subprocess_wait (server->process, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&server->process);
  g_assert_true (wait_state (part, HZ_CONSULT_RECONNECTING));
  g_assert_true (wait_state (obs, HZ_CONSULT_RECONNECTING));
  /* typed while the server is down: sent on reconnect */
  {
    g_autoptr(JsonNode) state = state_n (4);

    hz_consult_client_send_state (part, "imaging", state);
  }

  hz_test_consultd_start (server);
  g_assert_true (wait_state (host, HZ_CONSULT_ONLINE));
  g_assert_true (wait_state (part, HZ_CONSULT_ONLINE));
  g_assert_true (wait_state (obs, HZ_CONSULT_ONLINE));
  g_assert_cmpuint (obs_seat.n_welcomes, ==, 2);
  /* the role survived the restart: the welcome names part2, and its state is taken */
  g_assert_cmpstr (obs_seat.presenter, ==, "part2");
  g_assert_cmpstr (host_seat.presenter, ==, "part2");
  g_assert_true (states_are (&obs_seat, "1 2 3 4"));
  g_assert_true (states_are (&host_seat, "1 2 3 4"));
  spin_ms (200);
  g_assert_cmpstr (obs_seat.states->str, ==, "1 2 3 4");   /* once each */
  g_assert_cmpstr (errors->str, ==, "");
  due = seat_due (&obs_seat);
  g_assert_cmpstr (due, ==, "imaging:4");
  g_clear_pointer (&due, g_free);

  /* a site joining now: the same presenter, the same last view */
  late = hz_consult_client_new (server->url, late_token);
  seat_init (&late_seat, late);
  hz_consult_client_connect (late);
  g_assert_true (wait_state (late, HZ_CONSULT_ONLINE));
  g_assert_true (states_are (&late_seat, "1 2 3 4"));
  g_assert_cmpstr (late_seat.presenter, ==, "part2");
  due = seat_due (&late_seat);
  g_assert_cmpstr (due, ==, "imaging:4");
  /* the late site's own join is the newest message; the others get it a moment later */
  g_assert_true (wait_same_seq (late, obs));

  g_clear_object (&host);
  g_clear_object (&part);
  g_clear_object (&obs);
  g_clear_object (&late);
  seat_clear (&host_seat);
  seat_clear (&obs_seat);
  seat_clear (&late_seat);
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


/* ------------------------------------------------------------------ */
/* The case shared into the room, and the joiner's read-only copy */

static GStrv
strv_of (const char *first, ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_strv_builder_add (builder, s);
  va_end (args);
  return g_strv_builder_end (builder);
}

static gboolean
strv_has_prefix (const char * const *refs,
                 const char         *prefix)
{
  for (guint i = 0; refs[i] != NULL; i++)
    if (g_str_has_prefix (refs[i], prefix))
      return TRUE;
  return FALSE;
}

/* What the Consents allow: every type unless a deny provision names it;
 * what refers to a resource left out is left out; for two sites, what
 * both may see */
static void
test_share_select (void)
{
  g_autofree char *dir = hz_test_make_tmp_dir ("huizhen-consult-XXXXXX");
  g_autoptr(HzActor) actor = hz_actor_new ("王医生", HZ_TEAM_OBSTETRICS, "主治医师", "云州市妇幼保健院");
  g_autoptr(HzStore) store = hz_test_store_new (dir, actor);
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) all = NULL, psych_denied = NULL, both = NULL, none = NULL;
  g_auto(GStrv) site1 = strv_of ("省妇幼保健院", NULL);
  g_auto(GStrv) site2 = strv_of ("北京协和医院", NULL);
  g_auto(GStrv) sites = strv_of ("省妇幼保健院", "北京协和医院", NULL);
  g_auto(GStrv) unknown = strv_of ("临溪县人民医院", NULL);
  guint n_qr = 0, n_audit = 0;

  hz_test_import_demo (store);
  hz_test_import_json (store,
    "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":"
    "{\"resourceType\":\"Consent\",\"id\":\"c1-consent-pumch\",\"status\":\"active\","
    "\"scope\":{\"text\":\"隐私\"},\"category\":[{\"text\":\"远程会诊知情同意\"}],"
    "\"patient\":{\"reference\":\"Patient/c1-patient\"},"
    "\"provision\":{\"type\":\"permit\",\"actor\":[{\"role\":{\"text\":\"会诊方\"},"
    "\"reference\":{\"display\":\"北京协和医院\"}}],"
    "\"data\":[{\"meaning\":\"related\",\"reference\":{\"reference\":\"EpisodeOfCare/c1-episode\"}}],"
    "\"provision\":[{\"type\":\"deny\",\"class\":[{\"system\":\"http://hl7.org/fhir/resource-types\","
    "\"code\":\"QuestionnaireResponse\"}]}]}}}]}");
  resources = hz_store_read_case (store, "c1-episode", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < resources->len; i++)
    {
      const char *type = hz_resource_get_resource_type (resources->pdata[i]);

      n_qr += g_str_equal (type, "QuestionnaireResponse");
      n_audit += g_str_equal (type, "AuditEvent");
    }
  g_assert_cmpuint (n_qr, >, 0);

  all = hz_consult_select_shared (resources, (const char * const *) site1);
  g_assert_cmpstr (all[0], ==, "EpisodeOfCare/c1-episode");
  g_assert_cmpuint (g_strv_length (all), ==, resources->len - n_audit);
  g_assert_true (strv_has_prefix ((const char * const *) all, "QuestionnaireResponse/"));

  psych_denied = hz_consult_select_shared (resources, (const char * const *) site2);
  g_assert_cmpstr (psych_denied[0], ==, "EpisodeOfCare/c1-episode");
  g_assert_false (strv_has_prefix ((const char * const *) psych_denied, "QuestionnaireResponse/"));
  g_assert_true (strv_has_prefix ((const char * const *) psych_denied, "Observation/"));
  /* each left out refers to a QuestionnaireResponse, directly or not */
  g_assert_cmpuint (g_strv_length (psych_denied), <, g_strv_length (all) - n_qr);
  for (guint i = 0; i < resources->len; i++)
    {
      HzResource *resource = resources->pdata[i];
      g_autofree char *text = hz_jv_to_string (hz_resource_get_value (resource));

      if (g_strv_contains ((const char * const *) psych_denied, hz_resource_get_reference (resource)))
        g_assert_null (strstr (text, "\"QuestionnaireResponse/"));
    }

  both = hz_consult_select_shared (resources, (const char * const *) sites);
  g_assert_true (g_strv_equal ((const char * const *) both, (const char * const *) psych_denied));
  none = hz_consult_select_shared (resources, (const char * const *) unknown);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  g_clear_object (&store);
  hz_test_remove_tree (dir);
}

/* @text without its meta.versionId and meta.lastUpdated lines */
static char *
without_meta_stamps (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("^ *\"(versionId|lastUpdated)\": \"[^\"]*\",?\n", G_REGEX_MULTILINE, 0, NULL);

  return g_regex_replace_literal (regex, text, -1, 0, "", 0, NULL);
}

/* A file of the room, through the HTTP endpoint */
static GBytes *
get_room_file (const char *files_url,
               const char *token,
               const char *name)
{
  g_autofree char *url = g_strconcat (files_url, name, NULL);
  g_autofree char *bearer = g_strdup_printf ("Bearer %s", token);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", bearer);
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  return body;
}

static gchar *
file_sha256 (const char *path,
             gsize      *size)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, size, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, *size);
}

static void
test_share_case (void)
{
  HzTestConsultd *server = hz_test_consultd_new ();
  g_autofree char *host_token = hz_test_consultd_token (server, "host1", "host");
  g_autofree char *part_token = hz_test_consultd_token (server, "part2", "participant");
  g_autofree char *dir = hz_test_make_tmp_dir ("huizhen-consult-XXXXXX");
  g_autofree char *join_dir = g_build_filename (dir, "joined", NULL);
  g_autoptr(HzActor) actor = hz_actor_new ("王医生", HZ_TEAM_OBSTETRICS, "主治医师", "云州市妇幼保健院");
  g_autoptr(HzActor) joiner = hz_actor_new ("李医生", HZ_TEAM_OBSTETRICS, "主任医师", "省妇幼保健院");
  g_autoptr(HzStore) store = hz_test_store_new (dir, actor);
  g_autoptr(HzConsultShared) shared = NULL;
  g_autoptr(HzConsultShared) again = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GPtrArray) sharings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HzStore) copy = NULL;
  g_auto(GStrv) sites = strv_of ("省妇幼保健院", NULL);
  g_auto(GStrv) refs = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_name = NULL;
  g_autofree char *files_url = NULL;
  g_autofree char *bundle_url = NULL;
  g_autofree char *path = NULL;
  g_autofree char *path_again = NULL;
  g_autofree char *case_id = NULL;
  gsize expected_length = 0;
  guint n_blobs = 0;

  hz_test_import_demo (store);
  g_assert_true (hz_imaging_import_demo (store, NULL, NULL, &error));
  g_assert_no_error (error);

  files_url = hz_consult_files_url (server->url, "room-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (files_url, ==, strstr (server->url, "ws://") == server->url
                                  ? (expected = g_strdup_printf ("http://127.0.0.1:%u/v1/rooms/room-1/files/", server->port))
                                  : NULL);
  g_clear_pointer (&expected, g_free);

  /* the Bundle as the one writer writes it: its entries byte for byte
   * (the Bundle's own id and timestamp are new at each export) */
  resources = hz_store_read_case (store, "c1-episode", &error);
  g_assert_no_error (error);
  refs = hz_consult_select_shared (resources, (const char * const *) sites);
  expected = hz_store_export_resources_to_data (store, (const char * const *) refs, NULL, &expected_length, &error);
  g_assert_no_error (error);

  /* a participant may not share */
  g_assert_null (hz_consult_share_case (store, "c1-episode", (const char * const *) sites, server->url, "room-1",
                                        part_token, NULL, &error));
  g_assert_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE);
  g_clear_error (&error);

  shared = hz_consult_share_case (store, "c1-episode", (const char * const *) sites, server->url, "room-1",
                                  host_token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shared->files_url, ==, files_url);
  g_assert_cmpuint (shared->n_resources, ==, g_strv_length (refs));
  g_assert_cmpuint (shared->refused->len, ==, 0);
  {
    HzConsultFile *bundle = shared->files->pdata[0];
    g_autoptr(GBytes) served = get_room_file (files_url, part_token, bundle->name);
    gsize length;
    const char *data = g_bytes_get_data (served, &length);
    g_autofree char *text = g_strndup (data, length);
    g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);

    expected_name = g_strdup_printf ("case-%.16s.json", sha);
    bundle_url = g_strconcat (files_url, expected_name, NULL);
    g_assert_cmpstr (bundle->name, ==, expected_name);
    g_assert_cmpint (bundle->size, ==, (gint64) length);
    g_assert_cmpstr (bundle->sha256, ==, sha);
    g_assert_cmpstr (bundle->content_type, ==, "application/fhir+json");
    g_assert_cmpuint (length, ==, expected_length);
    g_assert_true (g_str_equal (strstr (text, "\"entry\""), strstr (expected, "\"entry\"")));
  }
  /* then each image of the case once: name, size and digest of its blob */
  for (guint i = 0; i < resources->len; i++)
    {
      g_autoptr(GPtrArray) some = hz_imaging_items_for_resource (store, resources->pdata[i]);

      n_blobs += some->len;
    }
  g_assert_cmpuint (n_blobs, ==, 2);
  g_assert_cmpuint (shared->files->len, ==, 1 + n_blobs);
  for (guint i = 1; i < shared->files->len; i++)
    {
      HzConsultFile *file = shared->files->pdata[i];
      g_autofree char *blob = hz_store_blob_dup_path (store, file->name + strlen ("image-"));
      gsize size = 0;
      g_autofree char *sha = NULL;

      g_assert_true (g_str_has_prefix (file->name, "image-"));
      g_assert_nonnull (blob);
      sha = file_sha256 (blob, &size);
      g_assert_cmpstr (file->name + strlen ("image-"), ==, sha);
      g_assert_cmpstr (file->sha256, ==, sha);
      g_assert_cmpint (file->size, ==, (gint64) size);
      g_assert_cmpstr (file->content_type, ==, "application/dicom");
    }

  /* audited on the case, with the destination */
  sharings = hz_consult_list_sharings (store, "c1-episode", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sharings->len, ==, 1);
  {
    HzConsultSharing *sharing = sharings->pdata[0];
    g_autofree char *destination = hz_consult_sharing_destination ("省妇幼保健院", bundle_url, 2);
    g_autofree char *written = g_strdup_printf ("省妇幼保健院 (%s, 2 images)", bundle_url);

    g_assert_cmpstr (sharing->site, ==, "省妇幼保健院");
    g_assert_cmpstr (sharing->bundle_url, ==, bundle_url);
    g_assert_cmpuint (sharing->n_images, ==, 2);
    g_assert_cmpstr (sharing->who, ==, "王医生");
    g_assert_nonnull (sharing->recorded);
    g_assert_cmpstr (destination, ==, written);
  }

  /* shared again: a new Bundle (each export is one), the same images
   * (the server takes the same bytes again), a second record */
  again = hz_consult_share_case (store, "c1-episode", (const char * const *) sites, server->url, "room-1",
                                 host_token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((HzConsultFile *) again->files->pdata[0])->name, !=, expected_name);
  g_assert_cmpuint (again->files->len, ==, 1 + n_blobs);
  g_clear_pointer (&expected_name, g_free);
  expected_name = g_strdup (((HzConsultFile *) again->files->pdata[0])->name);
  g_clear_pointer (&sharings, g_ptr_array_unref);
  sharings = hz_consult_list_sharings (store, "c1-episode", &error);
  g_assert_cmpuint (sharings->len, ==, 2);

  /* the joining site: a copy of its own, the case and its images */
  g_assert_null (hz_consult_fetch_case (server->url, "room-1", "hzc1.forged.token", NULL, join_dir, joiner, NULL, NULL, &error));
  g_assert_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_TOKEN);
  g_clear_error (&error);
  path = hz_consult_fetch_case (server->url, "room-1", part_token, NULL, join_dir, joiner, &case_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (case_id, ==, "c1-episode");
  {
    g_autofree char *name = g_strdup_printf ("room-1-%.16s.db", expected_name + strlen ("case-"));
    g_autofree char *expected_path = g_build_filename (join_dir, name, NULL);

    g_assert_cmpstr (path, ==, expected_path);
  }
  copy = hz_store_new (path, &error);
  g_assert_no_error (error);
  hz_store_set_actor (copy, joiner);
  g_assert_cmpstr (hz_store_get_shared_copy (copy), ==, "room-1 · host1");
  {
    g_autoptr(GPtrArray) copied = hz_store_read_case (copy, "c1-episode", &error);
    g_autofree char *exported = NULL;
    gsize length = 0;

    g_assert_no_error (error);
    g_assert_cmpuint (copied->len, ==, g_strv_length (refs));
    /* what the joiner holds is what was sent */
    exported = hz_store_export_resources_to_data (copy, (const char * const *) refs, NULL, &length, &error);
    g_assert_no_error (error);
    /* as sent, but for the copy's own meta.versionId and lastUpdated */
    {
      g_autofree char *a = without_meta_stamps (strstr (exported, "\"entry\""));
      g_autofree char *b = without_meta_stamps (strstr (expected, "\"entry\""));

      g_assert_true (g_str_equal (a, b));
    }
    for (guint i = 0; i < copied->len; i++)
      {
        g_autoptr(GPtrArray) some = hz_imaging_items_for_resource (copy, copied->pdata[i]);

        for (guint j = 0; j < some->len; j++)
          {
            HzImagingItem *item = some->pdata[j];
            g_autofree char *sha = NULL;
            gsize size;

            g_assert_nonnull (item->path);
            sha = file_sha256 (item->path, &size);
            g_assert_cmpstr (sha, ==, item->sha256);
          }
      }
  }

  /* and it cannot write to it: a resource, a deletion, an import, a blob */
  {
    g_autoptr(HzResource) episode = hz_store_get (copy, "EpisodeOfCare", "c1-episode", &error);
    g_autoptr(JsonObject) changed = hz_resource_dup_json (episode);
    g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);

    json_object_set_string_member (changed, "status", "finished");
    g_assert_false (hz_store_put (copy, "c1-episode", changed, &error));
    g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_READ_ONLY);
    g_assert_nonnull (strstr (error->message, "room-1 · host1"));
    g_clear_error (&error);
    g_assert_false (hz_store_delete (copy, "EpisodeOfCare", "c1-episode", HZ_STORE_ANY_VERSION, &error));
    g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_false (hz_store_import_data (copy, expected, expected_length, "again", NULL, NULL, &error));
    g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_false (hz_store_blob_put_bytes (copy, bytes, NULL, &error));
    g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
    /* nothing changed */
    g_clear_object (&episode);
    episode = hz_store_get (copy, "EpisodeOfCare", "c1-episode", &error);
    g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (episode), "status"), !=, "finished");
  }
  g_clear_object (&copy);

  /* fetched again: the same copy, complete, opened as it is */
  path_again = hz_consult_fetch_case (server->url, "room-1", part_token, NULL, join_dir, joiner, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path_again, ==, path);

  /* a copy left incomplete (as by a dropped connection: an image and the
   * mark missing) is completed by the next join */
  {
    g_autofree char *mark = g_strconcat (path, ".shared-copy", NULL);
    g_autoptr(HzStore) reopened = NULL;
    g_autofree char *blob = NULL;
    HzConsultFile *image = shared->files->pdata[1];

    reopened = hz_store_new (path, &error);
    g_assert_no_error (error);
    blob = hz_store_blob_dup_path (reopened, image->name + strlen ("image-"));
    g_assert_nonnull (blob);
    g_clear_object (&reopened);
    g_assert_cmpint (g_unlink (blob), ==, 0);
    g_assert_cmpint (g_unlink (mark), ==, 0);
    g_clear_pointer (&path_again, g_free);
    path_again = hz_consult_fetch_case (server->url, "room-1", part_token, NULL, join_dir, joiner, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (path_again, ==, path);
    g_assert_true (g_file_test (mark, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (blob, G_FILE_TEST_EXISTS));
    {
      gsize size = 0;
      g_autofree char *sha = file_sha256 (blob, &size);

      g_assert_cmpstr (sha, ==, image->sha256);
    }
  }

  /* a Bundle named (as an MDT meeting's state names the case shown): that
   * one, not the latest, in a copy of its own; a name the room does not
   * list is said so */
  {
    g_autofree char *first = NULL;
    g_autofree char *first_case = NULL;
    g_autofree char *hash = NULL;

    first = hz_consult_fetch_case (server->url, "room-1", part_token,
                                   ((HzConsultFile *) shared->files->pdata[0])->name,
                                   join_dir, joiner, &first_case, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (first_case, ==, "c1-episode");
    g_assert_cmpstr (first, !=, path);
    g_assert_true (g_str_has_suffix (first, ".db"));
    hash = g_strndup (((HzConsultFile *) shared->files->pdata[0])->name + strlen (HZ_CONSULT_BUNDLE_PREFIX), 16);
    g_assert_nonnull (strstr (first, hash));
    g_assert_null (hz_consult_fetch_case (server->url, "room-1", part_token, "case-0000000000000000.json",
                                          join_dir, joiner, NULL, NULL, &error));
    g_assert_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE);
    g_assert_nonnull (strstr (error->message, "case-0000000000000000.json"));
    g_clear_error (&error);
  }

  /* the server gone: a clear error, the copy still there */
  hz_test_consultd_stop (server);
  g_clear_pointer (&path_again, g_free);
  path_again = hz_consult_fetch_case (server->url, "room-1", part_token, NULL, join_dir, joiner, NULL, NULL, &error);
  g_assert_null (path_again);
  g_assert_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_CONNECT);
  g_clear_error (&error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (hz_consult_share_case (store, "c1-episode", (const char * const *) sites, server->url, "room-1",
                                        host_token, NULL, &error));
  g_assert_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_CONNECT);
  g_clear_error (&error);
  g_clear_pointer (&sharings, g_ptr_array_unref);
  sharings = hz_consult_list_sharings (store, "c1-episode", &error);
  g_assert_cmpuint (sharings->len, ==, 2);

  g_clear_object (&store);
  hz_test_consultd_free (server);
  hz_test_remove_tree (dir);
}


/* An image the server refuses is named and the others go; a joiner finds
 * the room's file under that name is not the image it names: said so, and
 * its copy is left unmarked */
static void
test_share_refused_and_resume (void)
{
  HzTestConsultd *server = hz_test_consultd_new ();
  g_autofree char *host_token = hz_test_consultd_token (server, "host1", "host");
  g_autofree char *part_token = hz_test_consultd_token (server, "part2", "participant");
  g_autofree char *dir = hz_test_make_tmp_dir ("huizhen-consult-XXXXXX");
  g_autofree char *join_dir = g_build_filename (dir, "joined", NULL);
  g_autoptr(HzActor) actor = hz_actor_new ("王医生", HZ_TEAM_OBSTETRICS, "主治医师", "云州市妇幼保健院");
  g_autoptr(HzActor) joiner = hz_actor_new ("李医生", HZ_TEAM_OBSTETRICS, "主任医师", "省妇幼保健院");
  g_autoptr(HzStore) store = hz_test_store_new (dir, actor);
  g_autoptr(HzConsultShared) shared = NULL;
  g_autoptr(GPtrArray) sharings = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sites = strv_of ("省妇幼保健院", NULL);
  g_autofree char *files_url = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *path = NULL;
  g_autofree char *mark = NULL;

  hz_test_import_demo (store);
  g_assert_true (hz_imaging_import_demo (store, NULL, NULL, &error));
  g_assert_no_error (error);
  files_url = hz_consult_files_url (server->url, "room-1", &error);

  /* another file already has the first image's name in the room */
  resources = hz_store_read_case (store, "c1-episode", &error);
  for (guint i = 0; i < resources->len && taken == NULL; i++)
    {
      g_autoptr(GPtrArray) items = hz_imaging_items_for_resource (store, resources->pdata[i]);

      if (items->len > 0)
        taken = g_strdup (((HzImagingItem *) items->pdata[0])->sha256);
    }
  g_assert_nonnull (taken);
  {
    g_autofree char *url = g_strconcat (files_url, "image-", taken, NULL);
    g_autofree char *bearer = g_strdup_printf ("Bearer %s", host_token);
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autoptr(SoupMessage) message = soup_message_new ("PUT", url);
    g_autoptr(GBytes) body = g_bytes_new_static ("not the image", 13);
    g_autoptr(GBytes) answer = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", bearer);
    soup_message_set_request_body_from_bytes (message, "application/dicom", body);
    answer = soup_session_send_and_read (session, message, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (message), ==, 201);
  }

  shared = hz_consult_share_case (store, "c1-episode", (const char * const *) sites, server->url, "room-1",
                                  host_token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shared->files->len, ==, 2);   /* the Bundle and the other image */
  g_assert_cmpuint (shared->refused->len, ==, 1);
  {
    g_autofree char *expected = g_strdup_printf ("The consultation server refused “image-%s”: the room already has a "
                                                 "different file of that name, which is never overwritten", taken);

    g_assert_cmpstr (shared->refused->pdata[0], ==, expected);
  }
  sharings = hz_consult_list_sharings (store, "c1-episode", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sharings->len, ==, 1);
  g_assert_cmpuint (((HzConsultSharing *) sharings->pdata[0])->n_images, ==, 1);

  /* the joiner: the room's file under that name is not the image it names */
  g_assert_null (hz_consult_fetch_case (server->url, "room-1", part_token, NULL, join_dir, joiner, NULL, NULL, &error));
  g_assert_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_SHARE);
  {
    g_autofree char *expected = g_strdup_printf ("The image “image-%s” from the consultation server is not the file it "
                                                 "names (its content has another digest); it was not kept", taken);

    g_assert_cmpstr (error->message, ==, expected);
  }
  g_clear_error (&error);

  /* nothing marked: the copy is not one to read yet */
  {
    g_autofree char *name = NULL;
    GDir *folder = g_dir_open (join_dir, 0, NULL);
    const char *entry;

    g_assert_nonnull (folder);
    while ((entry = g_dir_read_name (folder)) != NULL)
      if (g_str_has_suffix (entry, ".db"))
        path = g_build_filename (join_dir, entry, NULL);
    g_dir_close (folder);
    g_assert_nonnull (path);
    mark = g_strconcat (path, ".shared-copy", NULL);
    g_assert_false (g_file_test (mark, G_FILE_TEST_EXISTS));
  }

  g_clear_object (&store);
  hz_test_consultd_free (server);
  hz_test_remove_tree (dir);
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
  g_test_add_func ("/consult/server/presenter-restart", test_server_presenter);
  g_test_add_func ("/consult/share/select", test_share_select);
  g_test_add_func ("/consult/share/case", test_share_case);
  g_test_add_func ("/consult/share/refused", test_share_refused_and_resume);

  return g_test_run ();
}
