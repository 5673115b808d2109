/* hz-consultd-server.h — the rooms of huizhen-consultd: WebSocket
 * sessions at /v1/session and the shared files at /v1/rooms/…
 * (docs/consult-protocol.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hz-consultd-db.h"

G_BEGIN_DECLS

typedef struct _HzConsultd HzConsultd;

/* Listens on @bind:@port (0: a free one), TLS when @tls_cert is given.
 * Takes @db. */
HzConsultd *hz_consultd_new         (HzConsultdDb  *db,
                                     GBytes        *secret,
                                     const char    *bind,
                                     guint          port,
                                     const char    *tls_cert,
                                     const char    *tls_key,
                                     GError       **error);
/* "ws://ADDR:PORT" or "wss://ADDR:PORT" (transfer none) */
const char *hz_consultd_get_url     (HzConsultd    *self);
/* Closes every session with 1001; @done runs once all are closed (or
 * after a few seconds). */
void        hz_consultd_shutdown    (HzConsultd    *self,
                                     GSourceFunc    done,
                                     gpointer       user_data);
/* Frees the server and closes the database */
void        hz_consultd_free        (HzConsultd    *self);

G_END_DECLS
