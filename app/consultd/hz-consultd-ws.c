/* hz-consultd-ws.c — the server end of a WebSocket (RFC 6455) over a GIOStream
 *
 * Reading: whatever the stream has is read in large chunks, and every
 * whole frame in the buffer is handled in one go (client frames are
 * masked; fragments are joined; ping is answered with pong; a message
 * over max_message is refused with 1009 and its bytes skipped, so the
 * peer, still writing, gets the close rather than a reset).
 *
 * Writing: a queue of shared frames (GBytes) and the offset into the
 * first; a flush hands up to WRITEV_MAX of them to one writev.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-consultd"

#include "config.h"

#include <string.h>

#include "hz-consultd-ws.h"

#define OPCODE_CONTINUATION 0x0
#define OPCODE_CLOSE        0x8
#define OPCODE_PING         0x9
#define OPCODE_PONG         0xa

#define CLOSE_NO_STATUS     1005
#define CLOSE_ABNORMAL      1006
#define CLOSE_PROTOCOL      1002
#define CLOSE_BAD_DATA      1007
#define CLOSE_TOO_BIG       1009

#define READ_CHUNK          (16 * 1024)
#define READ_MAX_PER_WAKEUP (256 * 1024)   /* then the other sockets' turn */
#define WRITEV_MAX          64
#define CLOSE_TIMEOUT_MS    5000   /* as libsoup waits */

typedef enum
{
  STATE_OPEN,
  STATE_CLOSE_SENT,       /* waiting for the peer's close */
  STATE_CLOSE_RECEIVED,   /* our answer goes out, then the end */
  STATE_CLOSED,
} State;

struct _HzConsultdWs
{
  GIOStream                   *stream;
  GPollableInputStream        *in;
  GPollableOutputStream       *out;
  HzConsultdWsCallbacks        callbacks;
  gpointer                     user_data;
  gsize                        max_message;
  State                        state;
  gushort                      peer_code;
  gushort                      own_code;

  GByteArray                  *buffer;      /* read, not yet handled */
  gsize                        skip;        /* payload bytes of a refused frame still to come */
  GByteArray                  *fragments;   /* the message being joined */
  gboolean                     in_message;
  gboolean                     message_text;

  GQueue                       frames;      /* (element-type GBytes) */
  gsize                        head_written;
  gsize                        unsent_bytes;
  gboolean                     end_when_written;
  gboolean                     failed;      /* what the peer sends now is not read */

  GSource                     *in_source;
  GSource                     *out_source;
  guint                        keepalive;
  guint                        close_timeout;
  guint                        closed_idle;
};

static void ws_end (HzConsultdWs *ws);

gsize
hz_consultd_ws_write_header (guint8       *out,
                             gboolean      fin,
                             guint         opcode,
                             guint64       size,
                             const guint8 *mask)
{
  gsize length;

  out[0] = (fin ? 0x80 : 0) | (opcode & 0x0f);
  if (size < 126)
    {
      out[1] = size;
      length = 2;
    }
  else if (size <= G_MAXUINT16)
    {
      out[1] = 126;
      out[2] = size >> 8;
      out[3] = size & 0xff;
      length = 4;
    }
  else
    {
      out[1] = 127;
      for (guint i = 0; i < 8; i++)
        out[2 + i] = (size >> (56 - 8 * i)) & 0xff;
      length = 10;
    }
  if (mask != NULL)
    {
      out[1] |= 0x80;
      memcpy (out + length, mask, 4);
      length += 4;
    }
  return length;
}

gboolean
hz_consultd_ws_read_header (const guint8       *data,
                            gsize               avail,
                            HzConsultdWsHeader *header)
{
  gsize size = 2;

  if (avail < 2)
    return FALSE;
  header->fin = (data[0] & 0x80) != 0;
  header->rsv = (data[0] >> 4) & 0x7;
  header->opcode = data[0] & 0x0f;
  header->masked = (data[1] & 0x80) != 0;
  header->length = data[1] & 0x7f;
  if (header->length == 126)
    size = 4;
  else if (header->length == 127)
    size = 10;
  if (avail < size + (header->masked ? 4 : 0))
    return FALSE;
  if (size > 2)
    {
      header->length = 0;
      for (gsize i = 2; i < size; i++)
        header->length = (header->length << 8) | data[i];
    }
  if (header->masked)
    {
      memcpy (header->mask, data + size, 4);
      size += 4;
    }
  header->size = size;
  return TRUE;
}

void
hz_consultd_ws_mask (guint8       *data,
                     gsize         size,
                     const guint8 *mask)
{
  for (gsize i = 0; i < size; i++)
    data[i] ^= mask[i & 3];
}

gboolean
hz_consultd_ws_send_all (GSocket     *socket,
                         const void  *data,
                         gsize        size,
                         GError     **error)
{
  const char *at = data;

  while (size > 0)
    {
      gssize n = g_socket_send_with_blocking (socket, at, size, TRUE, NULL, error);

      if (n < 0)
        return FALSE;
      at += n;
      size -= n;
    }
  return TRUE;
}

/* RFC 6455's example key, and its Sec-WebSocket-Accept */
#define CLIENT_KEY    "dGhlIHNhbXBsZSBub25jZQ=="
#define CLIENT_ACCEPT "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="

gboolean
hz_consultd_ws_client_upgrade (GSocket       *socket,
                               const char    *host,
                               guint          port,
                               const char    *path,
                               const guint8  *first,
                               gsize          first_size,
                               GByteArray    *rest,
                               GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree char *request = NULL;
  const guint8 *end = NULL;

  request = g_strdup_printf ("GET %s HTTP/1.1\r\nHost: %s:%u\r\nUpgrade: websocket\r\n"
                             "Connection: Upgrade\r\nSec-WebSocket-Key: " CLIENT_KEY "\r\n"
                             "Sec-WebSocket-Version: 13\r\n\r\n", path, host, port);
  g_byte_array_append (out, (const guint8 *) request, strlen (request));
  if (first != NULL)
    g_byte_array_append (out, first, first_size);
  if (!hz_consultd_ws_send_all (socket, out->data, out->len, error))
    return FALSE;

  g_byte_array_set_size (rest, 0);
  while (end == NULL)
    {
      guint8 chunk[4096];
      gssize n = g_socket_receive_with_blocking (socket, (char *) chunk, sizeof chunk, TRUE, NULL, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "closed before the handshake");
          return FALSE;
        }
      g_byte_array_append (rest, chunk, n);
      for (gsize i = 0; end == NULL && i + 4 <= rest->len; i++)
        if (memcmp (rest->data + i, "\r\n\r\n", 4) == 0)
          end = rest->data + i;
    }
  {
    g_autofree char *head = g_strndup ((const char *) rest->data, end - rest->data);

    if (!g_str_has_prefix (head, "HTTP/1.1 101") || strstr (head, CLIENT_ACCEPT) == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no WebSocket upgrade: %.200s", head);
        return FALSE;
      }
  }
  g_byte_array_remove_range (rest, 0, end + 4 - rest->data);
  return TRUE;
}

GBytes *
hz_consultd_ws_frame (guint       opcode,
                      const void *data,
                      gsize       size)
{
  guint8 *frame = g_malloc (size + HZ_CONSULTD_WS_HEADER_MAX);
  gsize header = hz_consultd_ws_write_header (frame, TRUE, opcode, size, NULL);

  if (size > 0)
    memcpy (frame + header, data, size);
  return g_bytes_new_take (frame, header + size);
}

static void
queue_frame (HzConsultdWs *ws,
             GBytes       *frame)
{
  g_queue_push_tail (&ws->frames, g_bytes_ref (frame));
  ws->unsent_bytes += g_bytes_get_size (frame);
}

void
hz_consultd_ws_queue (HzConsultdWs *ws,
                      GBytes       *frame)
{
  if (ws->state != STATE_OPEN)
    return;
  queue_frame (ws, frame);
}

guint
hz_consultd_ws_get_unsent (HzConsultdWs *ws,
                           gsize        *bytes)
{
  if (bytes != NULL)
    *bytes = ws->unsent_bytes;
  return ws->frames.length;
}

gboolean
hz_consultd_ws_is_open (HzConsultdWs *ws)
{
  return ws->state == STATE_OPEN;
}

gushort
hz_consultd_ws_get_peer_code (HzConsultdWs *ws)
{
  return ws->peer_code != 0 ? ws->peer_code : CLOSE_ABNORMAL;
}

gushort
hz_consultd_ws_get_own_code (HzConsultdWs *ws)
{
  return ws->own_code;
}

/* ------------------------------------------------------------------------- */
/* Writing */

static gboolean
on_writable (GObject  *stream,
             gpointer  user_data)
{
  HzConsultdWs *ws = user_data;

  g_clear_pointer (&ws->out_source, g_source_unref);
  ws->callbacks.want_flush (ws, ws->user_data);
  return G_SOURCE_REMOVE;
}

void
hz_consultd_ws_flush (HzConsultdWs *ws)
{
  if (ws->state == STATE_CLOSED || ws->out_source != NULL)
    return;

  while (ws->frames.length > 0)
    {
      GOutputVector vectors[WRITEV_MAX];
      g_autoptr(GError) error = NULL;
      gsize n = 0, written = 0;
      GPollableReturn result;

      for (GList *l = ws->frames.head; l != NULL && n < WRITEV_MAX; l = l->next, n++)
        {
          gsize size = 0;
          const guint8 *data = g_bytes_get_data (l->data, &size);
          gsize skip = n == 0 ? ws->head_written : 0;

          vectors[n].buffer = data + skip;
          vectors[n].size = size - skip;
        }
      result = g_pollable_output_stream_writev_nonblocking (ws->out, vectors, n, &written, NULL, &error);
      if (result == G_POLLABLE_RETURN_FAILED)
        {
          g_debug ("write failed: %s", error->message);
          ws_end (ws);
          return;
        }
      /* what was written, whole frames off the queue */
      while (written > 0)
        {
          GBytes *head = g_queue_peek_head (&ws->frames);
          gsize left = g_bytes_get_size (head) - ws->head_written;

          if (written < left)
            {
              ws->head_written += written;
              ws->unsent_bytes -= written;
              break;
            }
          written -= left;
          ws->unsent_bytes -= left;
          ws->head_written = 0;
          g_bytes_unref (g_queue_pop_head (&ws->frames));
        }
      if (result == G_POLLABLE_RETURN_WOULD_BLOCK)
        {
          ws->out_source = g_pollable_output_stream_create_source (ws->out, NULL);
          g_source_set_callback (ws->out_source, G_SOURCE_FUNC (on_writable), ws, NULL);
          g_source_attach (ws->out_source, NULL);
          return;
        }
    }
  if (ws->end_when_written)
    ws_end (ws);
}

/* ------------------------------------------------------------------------- */
/* Closing */

static gboolean
on_closed_idle (gpointer user_data)
{
  HzConsultdWs *ws = user_data;

  ws->closed_idle = 0;
  ws->callbacks.closed (ws, ws->user_data);
  return G_SOURCE_REMOVE;
}

static void
on_stream_closed (GObject      *stream,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (stream), result, NULL);
  g_object_unref (stream);
}

static void
clear_sources (HzConsultdWs *ws)
{
  if (ws->in_source != NULL)
    {
      g_source_destroy (ws->in_source);
      g_clear_pointer (&ws->in_source, g_source_unref);
    }
  if (ws->out_source != NULL)
    {
      g_source_destroy (ws->out_source);
      g_clear_pointer (&ws->out_source, g_source_unref);
    }
  g_clear_handle_id (&ws->keepalive, g_source_remove);
  g_clear_handle_id (&ws->close_timeout, g_source_remove);
}

/* The end of the stream; the owner hears of it from the main loop */
static void
ws_end (HzConsultdWs *ws)
{
  if (ws->state == STATE_CLOSED)
    return;
  ws->state = STATE_CLOSED;
  clear_sources (ws);
  g_queue_clear_full (&ws->frames, (GDestroyNotify) g_bytes_unref);
  ws->unsent_bytes = 0;
  ws->head_written = 0;
  g_io_stream_close_async (ws->stream, G_PRIORITY_DEFAULT, NULL, on_stream_closed,
                           g_object_ref (ws->stream));
  ws->closed_idle = g_idle_add_full (G_PRIORITY_DEFAULT, on_closed_idle, ws, NULL);
}

static gboolean
on_close_timeout (gpointer user_data)
{
  HzConsultdWs *ws = user_data;

  ws->close_timeout = 0;
  ws_end (ws);
  return G_SOURCE_REMOVE;
}

/* The frames not begun are dropped; a close frame goes next */
static void
queue_close (HzConsultdWs *ws,
             gushort       code,
             const char   *reason)
{
  g_autoptr(GBytes) frame = NULL;
  guint8 payload[125];
  gsize size = 0;

  while (ws->frames.length > (ws->head_written > 0 ? 1 : 0))
    {
      GBytes *tail = g_queue_pop_tail (&ws->frames);

      ws->unsent_bytes -= g_bytes_get_size (tail);
      g_bytes_unref (tail);
    }
  if (code != 0 && code != CLOSE_NO_STATUS)
    {
      gsize length = reason != NULL ? MIN (strlen (reason), sizeof payload - 2) : 0;

      /* a cut reason stays valid UTF-8 */
      while (length > 0 && !g_utf8_validate (reason, length, NULL))
        length--;
      payload[0] = code >> 8;
      payload[1] = code & 0xff;
      if (length > 0)
        memcpy (payload + 2, reason, length);
      size = 2 + length;
    }
  frame = hz_consultd_ws_frame (OPCODE_CLOSE, payload, size);
  queue_frame (ws, frame);
  ws->callbacks.want_flush (ws, ws->user_data);
}

void
hz_consultd_ws_close (HzConsultdWs *ws,
                      gushort       code,
                      const char   *reason)
{
  if (ws->state != STATE_OPEN)
    return;
  ws->state = STATE_CLOSE_SENT;
  ws->own_code = code;
  queue_close (ws, code, reason);
  ws->close_timeout = g_timeout_add (CLOSE_TIMEOUT_MS, on_close_timeout, ws);
}

/* ------------------------------------------------------------------------- */
/* Reading */

static void
handle_close_frame (HzConsultdWs *ws,
                    const guint8 *payload,
                    gsize         size)
{
  if (size == 1)
    {
      ws->peer_code = CLOSE_PROTOCOL;
      ws_end (ws);
      return;
    }
  ws->peer_code = size >= 2 ? (payload[0] << 8) | payload[1] : CLOSE_NO_STATUS;
  if (ws->state == STATE_CLOSE_SENT)
    {
      /* the handshake is done: the server ends the TCP connection */
      ws_end (ws);
      return;
    }
  ws->state = STATE_CLOSE_RECEIVED;
  ws->end_when_written = TRUE;
  queue_close (ws, ws->peer_code, NULL);
  ws->close_timeout = g_timeout_add (CLOSE_TIMEOUT_MS, on_close_timeout, ws);
}

/* "Fail the WebSocket connection" (RFC 6455 7.1.7): a close frame with
 * @code, then the end, with no more read */
static void
fail (HzConsultdWs *ws,
      gushort       code,
      const char   *reason)
{
  ws->failed = TRUE;
  if (ws->state != STATE_OPEN)
    {
      ws_end (ws);
      return;
    }
  hz_consultd_ws_close (ws, code, reason);
  ws->end_when_written = TRUE;
}

static void
deliver (HzConsultdWs *ws,
         gboolean      text,
         const guint8 *data,
         gsize         size)
{
  if (text && !g_utf8_validate ((const char *) data, size, NULL))
    {
      fail (ws, CLOSE_BAD_DATA, "text frames are UTF-8");
      return;
    }
  ws->callbacks.message (ws, text, (const char *) data, size, ws->user_data);
}

/* Handles every whole frame in the buffer */
static void
parse_frames (HzConsultdWs *ws)
{
  gsize pos = 0;

  while (ws->state != STATE_CLOSED && !(ws->state == STATE_CLOSE_RECEIVED))
    {
      guint8 *p = ws->buffer->data + pos;
      gsize avail = ws->buffer->len - pos;
      HzConsultdWsHeader h;
      gboolean control;
      guint8 *payload;

      if (ws->failed)
        {
          pos = ws->buffer->len;
          break;
        }
      if (ws->skip > 0)
        {
          gsize n = MIN (avail, ws->skip);

          pos += n;
          ws->skip -= n;
          if (ws->skip > 0)
            break;
          continue;
        }
      if (!hz_consultd_ws_read_header (p, avail, &h))
        break;
      control = (h.opcode & 0x8) != 0;
      if (h.rsv != 0 || !h.masked)
        {
          fail (ws, CLOSE_PROTOCOL, "client frames are masked, with no extension bits");
          break;
        }
      if (control ? (!h.fin || h.length > 125 || h.opcode > OPCODE_PONG)
                  : (h.opcode > HZ_CONSULTD_WS_OPCODE_BINARY
                     || (h.opcode == OPCODE_CONTINUATION) != ws->in_message))
        {
          fail (ws, CLOSE_PROTOCOL, "not a valid frame here");
          break;
        }
      if (!control && h.length + (h.opcode == OPCODE_CONTINUATION ? ws->fragments->len : 0) > ws->max_message)
        {
          /* refused; its payload is skipped as it comes */
          if (ws->state == STATE_OPEN)
            hz_consultd_ws_close (ws, CLOSE_TOO_BIG, "a message is at most 65536 bytes");
          ws->in_message = FALSE;
          g_byte_array_set_size (ws->fragments, 0);
          pos += h.size;
          ws->skip = h.length;
          continue;
        }
      if (avail < h.size + h.length)
        break;

      payload = p + h.size;
      hz_consultd_ws_mask (payload, h.length, h.mask);
      pos += h.size + h.length;

      if (h.opcode == OPCODE_CLOSE)
        handle_close_frame (ws, payload, h.length);
      else if (h.opcode == OPCODE_PING)
        {
          g_autoptr(GBytes) pong = NULL;

          if (ws->state != STATE_OPEN)
            continue;
          pong = hz_consultd_ws_frame (OPCODE_PONG, payload, h.length);
          queue_frame (ws, pong);
          ws->callbacks.want_flush (ws, ws->user_data);
        }
      else if (h.opcode == OPCODE_PONG || ws->state != STATE_OPEN)
        continue;
      else if (h.fin && h.opcode != OPCODE_CONTINUATION)
        deliver (ws, h.opcode == HZ_CONSULTD_WS_OPCODE_TEXT, payload, h.length);
      else
        {
          if (h.opcode != OPCODE_CONTINUATION)
            {
              ws->in_message = TRUE;
              ws->message_text = h.opcode == HZ_CONSULTD_WS_OPCODE_TEXT;
            }
          g_byte_array_append (ws->fragments, payload, h.length);
          if (h.fin)
            {
              ws->in_message = FALSE;
              deliver (ws, ws->message_text, ws->fragments->data, ws->fragments->len);
              g_byte_array_set_size (ws->fragments, 0);
            }
        }
    }
  if (ws->state != STATE_CLOSED)
    g_byte_array_remove_range (ws->buffer, 0, pos);
}

static gboolean
on_readable (GObject  *stream,
             gpointer  user_data)
{
  HzConsultdWs *ws = user_data;
  gsize total = 0;

  g_source_set_ready_time (ws->in_source, -1);

  while (ws->state != STATE_CLOSED && total < READ_MAX_PER_WAKEUP)
    {
      g_autoptr(GError) error = NULL;
      guint len = ws->buffer->len;
      gssize n;

      g_byte_array_set_size (ws->buffer, len + READ_CHUNK);
      n = g_pollable_input_stream_read_nonblocking (ws->in, ws->buffer->data + len, READ_CHUNK,
                                                    NULL, &error);
      g_byte_array_set_size (ws->buffer, len + MAX (n, 0));
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        break;
      if (n <= 0)
        {
          if (error != NULL)
            g_debug ("read failed: %s", error->message);
          ws_end (ws);
          break;
        }
      total += n;
      /* on to "would block": a TLS stream may hold more than the socket says */
      parse_frames (ws);
    }
  return ws->state == STATE_CLOSED ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static gboolean
on_keepalive (gpointer user_data)
{
  HzConsultdWs *ws = user_data;
  g_autoptr(GBytes) ping = NULL;

  if (ws->state != STATE_OPEN)
    return G_SOURCE_CONTINUE;
  ping = hz_consultd_ws_frame (OPCODE_PING, NULL, 0);
  queue_frame (ws, ping);
  ws->callbacks.want_flush (ws, ws->user_data);
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------------------- */

HzConsultdWs *
hz_consultd_ws_new (GIOStream                   *stream,
                    gsize                        max_message,
                    guint                        keepalive_s,
                    const HzConsultdWsCallbacks *callbacks,
                    gpointer                     user_data)
{
  HzConsultdWs *ws = g_new0 (HzConsultdWs, 1);

  ws->stream = g_object_ref (stream);
  ws->in = G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (stream));
  ws->out = G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (stream));
  ws->callbacks = *callbacks;
  ws->user_data = user_data;
  ws->max_message = max_message;
  ws->buffer = g_byte_array_new ();
  ws->fragments = g_byte_array_new ();
  g_queue_init (&ws->frames);

  ws->in_source = g_pollable_input_stream_create_source (ws->in, NULL);
  g_source_set_callback (ws->in_source, G_SOURCE_FUNC (on_readable), ws, NULL);
  g_source_attach (ws->in_source, NULL);
  if (keepalive_s > 0)
    ws->keepalive = g_timeout_add_seconds (keepalive_s, on_keepalive, ws);
  /* what came with the handshake is read at once */
  if (g_pollable_input_stream_is_readable (ws->in))
    g_source_set_ready_time (ws->in_source, 0);
  return ws;
}

void
hz_consultd_ws_free (HzConsultdWs *ws)
{
  if (ws == NULL)
    return;
  if (ws->state != STATE_CLOSED)
    {
      ws->state = STATE_CLOSED;
      clear_sources (ws);
      g_io_stream_close_async (ws->stream, G_PRIORITY_DEFAULT, NULL, on_stream_closed,
                               g_object_ref (ws->stream));
    }
  g_clear_handle_id (&ws->closed_idle, g_source_remove);
  g_queue_clear_full (&ws->frames, (GDestroyNotify) g_bytes_unref);
  g_byte_array_unref (ws->buffer);
  g_byte_array_unref (ws->fragments);
  g_object_unref (ws->stream);
  g_free (ws);
}
