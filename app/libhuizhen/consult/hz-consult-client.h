/* hz-consult-client.h — the remote-consultation client: one participant's
 * WebSocket to huizhen-consultd (docs/consult-protocol.md)
 *
 * Connects with a signed token and `since` (the last seq seen: 0 at first,
 * so that a late joiner gets the room's messages so far), reconnects with
 * back-off and `since` after a drop, queues what is sent while offline and sends
 * it on reconnect in order, once (each message carries a client id that the
 * relayed copy echoes, and which the server relays once; a message stays
 * pending until its echo, or the server's `duplicate` error, arrives), and
 * coalesces view-state messages to at most HZ_CONSULT_STATE_RATE a second,
 * the latest per page winning. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HZ_CONSULT_ERROR (hz_consult_error_quark ())

typedef enum {
  HZ_CONSULT_ERROR_TOKEN,       /* the server refused the token (close 4401) */
  HZ_CONSULT_ERROR_CONNECT,     /* the server could not be reached */
  HZ_CONSULT_ERROR_SERVER,      /* the server answered {"type":"error"} */
  HZ_CONSULT_ERROR_URL,         /* not a ws:// or wss:// URL */
  HZ_CONSULT_ERROR_CONSENT,     /* a consent that cannot be recorded as given */
  HZ_CONSULT_ERROR_REPLACED,    /* the same user joined again elsewhere (close 4409) */
  HZ_CONSULT_ERROR_SHARE,       /* a shared file refused, missing or not what it names */
} HzConsultError;

GQuark hz_consult_error_quark (void);

typedef enum {
  HZ_CONSULT_OFFLINE,
  HZ_CONSULT_CONNECTING,
  HZ_CONSULT_ONLINE,
  HZ_CONSULT_RECONNECTING,
} HzConsultState;

/* Translated, for the UI: 离线, 正在连接…, 在线, 重新连接中… */
const char *hz_consult_state_get_display_name (HzConsultState state);

/* The most state messages a second (per client, all pages together) */
#define HZ_CONSULT_STATE_RATE 30

/* The wait before reconnect attempt @attempt (0 for the first after a
 * drop): 500 ms doubling to at most 10 s, times a jitter factor of
 * 0.8 + 0.4 × @jitter (@jitter in [0, 1)). In milliseconds. */
guint       hz_consult_backoff_ms (guint  attempt,
                                   double jitter);

#define HZ_TYPE_CONSULT_CLIENT (hz_consult_client_get_type ())

G_DECLARE_FINAL_TYPE (HzConsultClient, hz_consult_client, HZ, CONSULT_CLIENT, GObject)

/* A client of the server at @url (ws:// or wss://; the path /v1/session is
 * added when the URL has none) with @token. Nothing happens until
 * hz_consult_client_connect(). Signals:
 *   ::welcome (JsonObject *message): the server's welcome (members, seq);
 *     after a reconnect as well
 *   ::message (const char *type, JsonObject *message): every relayed
 *     message (chat, state, presence, opinion, presenter and any other
 *     type with a seq), in seq order, each once; also the echoes of this
 *     client's own messages
 *   ::server-error (const char *code, const char *text): an error reply
 *   ::state-changed: see hz_consult_client_get_state()
 * All are emitted in the thread-default main context of the caller of
 * hz_consult_client_new(). */
HzConsultClient *hz_consult_client_new          (const char *url,
                                                 const char *token);
void             hz_consult_client_connect      (HzConsultClient *self);
/* Closes the socket (normal closure) and stops reconnecting; pending
 * messages stay pending. */
void             hz_consult_client_disconnect   (HzConsultClient *self);
HzConsultState   hz_consult_client_get_state    (HzConsultClient *self);
/* Why the client is offline or reconnecting, or NULL. (transfer none) */
const GError    *hz_consult_client_get_error    (HzConsultClient *self);
/* The highest seq received, 0 before any */
gint64           hz_consult_client_get_last_seq (HzConsultClient *self);
/* This client's user id, as the welcome named it (NULL before). (transfer none) */
const char      *hz_consult_client_get_user     (HzConsultClient *self);
/* The url the socket opens. (transfer none) */
const char      *hz_consult_client_get_url      (HzConsultClient *self);

/* Sends @message (a JSON object with a "type"; the client adds its client
 * id): now when online, else on reconnect. Taken over (transfer full).
 * Returns the client id. (transfer none) */
const char      *hz_consult_client_send         (HzConsultClient *self,
                                                 JsonObject      *message);
const char      *hz_consult_client_send_chat    (HzConsultClient *self,
                                                 const char      *text);
/* @case_id (nullable): the case (its EpisodeOfCare id) the opinion is
 * of, which an MDT meeting's room needs to file it under */
const char      *hz_consult_client_send_opinion (HzConsultClient *self,
                                                 const char      *team,
                                                 const char      *text,
                                                 const char      *case_id);
/* Hands the presenter role to @user (host only) */
const char      *hz_consult_client_send_presenter (HzConsultClient *self,
                                                   const char      *user);
/* The view state of @page: coalesced (at most HZ_CONSULT_STATE_RATE a
 * second; a newer state of the same page replaces one not yet sent);
 * offline, the latest of each page goes out on reconnect. */
void             hz_consult_client_send_state   (HzConsultClient *self,
                                                 const char      *page,
                                                 JsonNode        *state);
/* Messages sent and not yet echoed by the server, oldest first */
guint            hz_consult_client_get_n_pending (HzConsultClient *self);

G_END_DECLS
