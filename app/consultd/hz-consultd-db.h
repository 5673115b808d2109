/* hz-consultd-db.h — huizhen-consultd's SQLite file: room logs, shared
 * files, participants and the hash-chained audit trail
 *
 * One connection, used from the main thread only (the one writer); WAL.
 * Every relayed message is appended before it is sent, so a replay after
 * a restart gives the same bytes. Tables: docs/consult-protocol.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _HzConsultdDb HzConsultdDb;

/* Now as UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ: the times of messages and
 * rows. (transfer full) */
char         *hz_consultd_now              (void);

HzConsultdDb *hz_consultd_db_open          (const char    *path,
                                            GError       **error);
/* Checkpoints the WAL and closes */
void          hz_consultd_db_close         (HzConsultdDb  *db);

/* One transaction for what follows, up to hz_consultd_db_commit(): the
 * server's batch of a main-loop wakeup. If the commit fails, it is rolled
 * back (the audit chain goes on from its last stored row). */
gboolean      hz_consultd_db_begin         (HzConsultdDb  *db,
                                            GError       **error);
gboolean      hz_consultd_db_commit        (HzConsultdDb  *db,
                                            GError       **error);

/* The room's last seq and presenter (the user of its latest "presenter"
 * message, NULL if none); the room is created (and audited) if new. */
gboolean      hz_consultd_db_load_room     (HzConsultdDb  *db,
                                            const char    *room,
                                            gint64        *last_seq,
                                            char         **presenter,
                                            GError       **error);
/* Appends one relayed message */
gboolean      hz_consultd_db_append        (HzConsultdDb  *db,
                                            const char    *room,
                                            gint64         seq,
                                            const char    *type,
                                            const char    *sender,
                                            const char    *client_id,
                                            const char    *time,
                                            const char    *json,
                                            gsize          json_len,
                                            GError       **error);
/* The seq of @sender's message @client_id in @room, 0 if none */
gint64        hz_consultd_db_find_client_id (HzConsultdDb *db,
                                             const char   *room,
                                             const char   *sender,
                                             const char   *client_id);
/* Up to @limit messages of @room with @after < seq ≤ @up_to, in order, as
 * GBytes of their JSON. (element-type GBytes) (transfer full) */
GPtrArray    *hz_consultd_db_read          (HzConsultdDb  *db,
                                            const char    *room,
                                            gint64         after,
                                            gint64         up_to,
                                            guint          limit,
                                            GError       **error);

void          hz_consultd_db_note_participant (HzConsultdDb *db,
                                               const char   *room,
                                               const char   *user,
                                               const char   *name,
                                               const char   *team,
                                               const char   *role,
                                               const char   *time);

/* Appends an audit row: @event ("join", "leave", …), @room (nullable),
 * @json an object of the details. Failures are logged, never fatal. */
void          hz_consultd_db_audit         (HzConsultdDb  *db,
                                            const char    *event,
                                            const char    *room,
                                            const char    *json);

typedef enum {
  HZ_CONSULTD_FILE_CREATED,
  HZ_CONSULTD_FILE_SAME,       /* the name holds these bytes already */
  HZ_CONSULTD_FILE_CONFLICT,   /* the name holds other bytes */
  HZ_CONSULTD_FILE_FAILED,
} HzConsultdFileResult;

HzConsultdFileResult hz_consultd_db_put_file (HzConsultdDb *db,
                                              const char   *room,
                                              const char   *name,
                                              const char   *content_type,
                                              GBytes       *data,
                                              const char   *sha256,
                                              const char   *sender,
                                              const char   *time,
                                              GError      **error);
/* The file's bytes and content type, or NULL if there is none */
GBytes       *hz_consultd_db_get_file      (HzConsultdDb  *db,
                                            const char    *room,
                                            const char    *name,
                                            char         **content_type,
                                            char         **sha256);
/* The room's files as a JSON array (docs/consult-protocol.md) */
char         *hz_consultd_db_list_files    (HzConsultdDb  *db,
                                            const char    *room);

G_END_DECLS
