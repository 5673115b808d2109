/* hz-consultd-ws.h — the server end of a WebSocket (RFC 6455) over a GIOStream
 *
 * After libsoup's handshake the stream is huizhen-consultd's: frames are
 * read and written here so that a relayed message is framed once (a
 * server frame is unmasked: the same bytes for every member) and each
 * member's queued frames go out in one writev a main-loop wakeup. The
 * stream is any pollable GIOStream (plain TCP or GTlsConnection).
 *
 * Nothing is written until hz_consultd_ws_flush(): when the connection
 * has something to write (a pong, a ping, a close, or the socket can take
 * more) it calls want_flush, and its owner flushes when that suits it
 * (huizhen-consultd: after the room log's transaction is committed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HZ_CONSULTD_WS_OPCODE_TEXT   0x1
#define HZ_CONSULTD_WS_OPCODE_BINARY 0x2

typedef struct _HzConsultdWs HzConsultdWs;

/* The framing itself, for both ends (the server's connection below, and
 * the plain clients of tests/bench/bench-consultd and tests) */
typedef struct
{
  gboolean fin;
  guint    opcode;
  guint    rsv;          /* the three extension bits */
  gboolean masked;
  guint8   mask[4];
  guint64  length;       /* of the payload */
  gsize    size;         /* of the header */
} HzConsultdWsHeader;

#define HZ_CONSULTD_WS_HEADER_MAX 14

/* Writes the header of a frame of @size bytes to @out (at least
 * HZ_CONSULTD_WS_HEADER_MAX bytes), masked with @mask (4 bytes) unless
 * NULL; returns its length */
gsize         hz_consultd_ws_write_header  (guint8             *out,
                                            gboolean            fin,
                                            guint               opcode,
                                            guint64             size,
                                            const guint8       *mask);
/* The header at @data, FALSE if its @avail bytes do not hold all of it */
gboolean      hz_consultd_ws_read_header   (const guint8       *data,
                                            gsize               avail,
                                            HzConsultdWsHeader *header);
/* XORs @size bytes of payload (from its start) with @mask */
void          hz_consultd_ws_mask          (guint8             *data,
                                            gsize               size,
                                            const guint8       *mask);

/* The client end on a plain socket, blocking (the bench's clients and
 * tests, which write frames by hand): all of @data is sent */
gboolean      hz_consultd_ws_send_all      (GSocket            *socket,
                                            const void         *data,
                                            gsize               size,
                                            GError            **error);
/* Sends the upgrade request for ws://@host:@port@path, then @first
 * (@first_size bytes of frames, in the same write; may be NULL), and reads
 * the response's head: a 101 with the right Sec-WebSocket-Accept, else an
 * error. What came after the head is left in @rest. */
gboolean      hz_consultd_ws_client_upgrade (GSocket           *socket,
                                             const char        *host,
                                             guint              port,
                                             const char        *path,
                                             const guint8      *first,
                                             gsize              first_size,
                                             GByteArray        *rest,
                                             GError           **error);

typedef struct
{
  /* a whole message (fragments joined): @data is valid during the call */
  void (*message)    (HzConsultdWs *ws,
                      gboolean      text,
                      const char   *data,
                      gsize         size,
                      gpointer      user_data);
  /* the connection has frames to write, or the socket takes more again */
  void (*want_flush) (HzConsultdWs *ws,
                      gpointer      user_data);
  /* the stream is closed (called from the main loop, never from within
   * another call of this API); hz_consultd_ws_free() may be called in it */
  void (*closed)     (HzConsultdWs *ws,
                      gpointer      user_data);
} HzConsultdWsCallbacks;

HzConsultdWs *hz_consultd_ws_new           (GIOStream                   *stream,
                                            gsize                        max_message,
                                            guint                        keepalive_s,
                                            const HzConsultdWsCallbacks *callbacks,
                                            gpointer                     user_data);
void          hz_consultd_ws_free          (HzConsultdWs *ws);

/* One unmasked server frame (FIN set) of @opcode carrying @data: the
 * bytes to queue on any number of connections. (transfer full) */
GBytes       *hz_consultd_ws_frame         (guint         opcode,
                                            const void   *data,
                                            gsize         size);
/* Queues @frame (from hz_consultd_ws_frame()) after the others; written
 * at the next flush. Ignored once the connection is closing. */
void          hz_consultd_ws_queue         (HzConsultdWs *ws,
                                            GBytes       *frame);
/* Writes what the socket takes now, in as few writev calls as it can;
 * past that, waits for the socket and calls want_flush again. */
void          hz_consultd_ws_flush         (HzConsultdWs *ws);
/* Frames queued and not yet written whole, and their bytes */
guint         hz_consultd_ws_get_unsent    (HzConsultdWs *ws,
                                            gsize        *bytes);
/* Drops the frames not yet begun, sends a close frame with @code and
 * @reason, and ends the stream when the peer answers (or after a
 * timeout). Once only. */
void          hz_consultd_ws_close         (HzConsultdWs *ws,
                                            gushort       code,
                                            const char   *reason);
/* Neither side has sent a close frame, the stream is up */
gboolean      hz_consultd_ws_is_open       (HzConsultdWs *ws);
/* The code of the peer's close frame: 1005 if it had none, 1006 if the
 * peer sent no close frame */
gushort       hz_consultd_ws_get_peer_code (HzConsultdWs *ws);
/* The code hz_consultd_ws_close() sent (it closes on its own with 1002,
 * 1007 or 1009 for frames it refuses), 0 if none */
gushort       hz_consultd_ws_get_own_code  (HzConsultdWs *ws);

G_END_DECLS
