/* hz-consultd-db.c — huizhen-consultd's SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-consultd"

#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include <huizhen.h>

#include "hz-consultd-db.h"
#include "hz-store-private.h"   /* hz_store_audit_hash(): one way to chain an audit log */
#include "hz-json-doc-private.h"

#define SCHEMA_SQL \
  "CREATE TABLE IF NOT EXISTS room (id TEXT PRIMARY KEY, created TEXT NOT NULL) WITHOUT ROWID;" \
  "CREATE TABLE IF NOT EXISTS message (" \
  "  room TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, sender TEXT NOT NULL," \
  "  client_id TEXT, time TEXT NOT NULL, json TEXT NOT NULL," \
  "  PRIMARY KEY (room, seq));" \
  "CREATE UNIQUE INDEX IF NOT EXISTS message_client_id ON message (room, sender, client_id)" \
  "  WHERE client_id IS NOT NULL;" \
  "CREATE INDEX IF NOT EXISTS message_type ON message (room, type, seq);" \
  "CREATE TABLE IF NOT EXISTS participant (" \
  "  room TEXT NOT NULL, user TEXT NOT NULL, name TEXT, team TEXT, role TEXT NOT NULL," \
  "  first_joined TEXT NOT NULL, last_seen TEXT NOT NULL, PRIMARY KEY (room, user)) WITHOUT ROWID;" \
  "CREATE TABLE IF NOT EXISTS file (" \
  "  room TEXT NOT NULL, name TEXT NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL," \
  "  sha256 TEXT NOT NULL, sender TEXT NOT NULL, time TEXT NOT NULL, data BLOB NOT NULL," \
  "  PRIMARY KEY (room, name));" \
  "CREATE TABLE IF NOT EXISTS audit (" \
  "  seq INTEGER PRIMARY KEY, recorded TEXT NOT NULL, event TEXT NOT NULL, room TEXT," \
  "  json TEXT NOT NULL, hash TEXT NOT NULL);" \
  "CREATE TRIGGER IF NOT EXISTS message_no_update BEFORE UPDATE ON message" \
  "  BEGIN SELECT RAISE (ABORT, 'the room log is append-only'); END;" \
  "CREATE TRIGGER IF NOT EXISTS message_no_delete BEFORE DELETE ON message" \
  "  BEGIN SELECT RAISE (ABORT, 'the room log is append-only'); END;" \
  "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit" \
  "  BEGIN SELECT RAISE (ABORT, 'audit rows are append-only'); END;" \
  "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit" \
  "  BEGIN SELECT RAISE (ABORT, 'audit rows are append-only'); END;"

enum {
  STMT_ROOM_GET,
  STMT_ROOM_ADD,
  STMT_LAST_SEQ,
  STMT_LAST_PRESENTER,
  STMT_APPEND,
  STMT_FIND_CLIENT_ID,
  STMT_READ,
  STMT_PARTICIPANT,
  STMT_AUDIT_HEAD,
  STMT_AUDIT_ADD,
  STMT_FILE_ADD,
  STMT_FILE_GET,
  STMT_FILE_LIST,
  N_STMTS
};

static const char * const stmt_sql[N_STMTS] = {
  [STMT_ROOM_GET] = "SELECT 1 FROM room WHERE id = ?1",
  [STMT_ROOM_ADD] = "INSERT INTO room (id, created) VALUES (?1, ?2)",
  [STMT_LAST_SEQ] = "SELECT max(seq) FROM message WHERE room = ?1",
  [STMT_LAST_PRESENTER] =
    "SELECT json FROM message WHERE room = ?1 AND type = 'presenter' ORDER BY seq DESC LIMIT 1",
  [STMT_APPEND] =
    "INSERT INTO message (room, seq, type, sender, client_id, time, json)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [STMT_FIND_CLIENT_ID] =
    "SELECT seq FROM message WHERE room = ?1 AND sender = ?2 AND client_id = ?3",
  [STMT_READ] =
    "SELECT json FROM message WHERE room = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq LIMIT ?4",
  [STMT_PARTICIPANT] =
    "INSERT INTO participant (room, user, name, team, role, first_joined, last_seen)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"
    " ON CONFLICT (room, user) DO UPDATE SET name = ?3, team = ?4, role = ?5, last_seen = ?6",
  [STMT_AUDIT_HEAD] = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
  [STMT_AUDIT_ADD] =
    "INSERT INTO audit (seq, recorded, event, room, json, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_FILE_ADD] =
    "INSERT INTO file (room, name, content_type, size, sha256, sender, time, data)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [STMT_FILE_GET] = "SELECT data, content_type, sha256 FROM file WHERE room = ?1 AND name = ?2",
  [STMT_FILE_LIST] =
    "SELECT name, size, sha256, content_type, sender, time FROM file WHERE room = ?1 ORDER BY rowid",
};

struct _HzConsultdDb
{
  sqlite3      *sqlite;
  sqlite3_stmt *stmts[N_STMTS];
  gint64        audit_seq;
  char         *audit_hash;

  /* the checkpointer: its own connection and thread (below) */
  sqlite3      *checkpoint_sqlite;
  GThread      *checkpoint_thread;
  GMutex        checkpoint_lock;
  GCond         checkpoint_cond;
  gboolean      checkpoint_wanted;
  gboolean      checkpoint_stop;
};

/* WAL pages after which the checkpointer copies them into the file */
#define CHECKPOINT_PAGES 1000
/* The WAL starts again from its beginning when a write begins with every
 * page copied; a writer that never pauses never lets it. Past this many
 * pages the checkpointer holds the next write back for the last few
 * pages (a stall once per 64 MiB of log, at that load only). */
#define RESTART_PAGES    16384

char *
hz_consultd_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static gboolean
set_sqlite_error (HzConsultdDb  *db,
                  GError       **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               /* Translators: %s is SQLite's own message */
               _("The database failed: %s"), sqlite3_errmsg (db->sqlite));
  return FALSE;
}

static sqlite3_stmt *
stmt (HzConsultdDb *db,
      guint         which)
{
  sqlite3_stmt *s = db->stmts[which];

  sqlite3_reset (s);
  sqlite3_clear_bindings (s);
  return s;
}

static void
bind_text (sqlite3_stmt *s,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (s, index);
  else
    sqlite3_bind_text (s, index, text, -1, SQLITE_TRANSIENT);
}

/* The chain goes on from the last stored audit row */
static void
read_audit_head (HzConsultdDb *db)
{
  sqlite3_stmt *head = stmt (db, STMT_AUDIT_HEAD);

  g_clear_pointer (&db->audit_hash, g_free);
  db->audit_seq = 0;
  if (sqlite3_step (head) == SQLITE_ROW)
    {
      db->audit_seq = sqlite3_column_int64 (head, 0);
      db->audit_hash = g_strdup ((const char *) sqlite3_column_text (head, 1));
    }
  else
    db->audit_hash = g_strdup (HZ_STORE_AUDIT_GENESIS);
  sqlite3_reset (head);
}

/* Checkpoints, in a thread of their own: a checkpoint syncs the file
 * (tens of ms on a busy disk), which on the main thread stalled every
 * room. The main connection only appends to the WAL (no sync with
 * synchronous = NORMAL); a passive checkpoint from another connection
 * never blocks it. */
static gpointer
checkpoint_thread (gpointer data)
{
  HzConsultdDb *db = data;

  g_mutex_lock (&db->checkpoint_lock);
  while (!db->checkpoint_stop)
    {
      if (!db->checkpoint_wanted)
        {
          g_cond_wait (&db->checkpoint_cond, &db->checkpoint_lock);
          continue;
        }
      db->checkpoint_wanted = FALSE;
      g_mutex_unlock (&db->checkpoint_lock);
      {
        int pages = 0;
        int result = sqlite3_wal_checkpoint_v2 (db->checkpoint_sqlite, NULL, SQLITE_CHECKPOINT_PASSIVE,
                                                &pages, NULL);

        if (result == SQLITE_OK && pages >= RESTART_PAGES)
          result = sqlite3_wal_checkpoint_v2 (db->checkpoint_sqlite, NULL, SQLITE_CHECKPOINT_RESTART,
                                              NULL, NULL);
        if (result != SQLITE_OK)
          g_debug ("checkpoint: %s", sqlite3_errmsg (db->checkpoint_sqlite));
      }
      g_mutex_lock (&db->checkpoint_lock);
    }
  g_mutex_unlock (&db->checkpoint_lock);
  return NULL;
}

/* After each commit of the main connection, with the WAL's size */
static int
on_wal_commit (void       *data,
               sqlite3    *sqlite,
               const char *name,
               int         pages)
{
  HzConsultdDb *db = data;

  if (pages >= CHECKPOINT_PAGES)
    {
      g_mutex_lock (&db->checkpoint_lock);
      db->checkpoint_wanted = TRUE;
      g_cond_signal (&db->checkpoint_cond);
      g_mutex_unlock (&db->checkpoint_lock);
    }
  return SQLITE_OK;
}

static gboolean
start_checkpointer (HzConsultdDb  *db,
                    const char    *path)
{
  /* a SQLite built without threads checkpoints on commit, as by default */
  if (!sqlite3_threadsafe ())
    return TRUE;
  if (sqlite3_open_v2 (path, &db->checkpoint_sqlite, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK
      /* it reads the file once, so that it knows the WAL (else a checkpoint is a no-op) */
      || sqlite3_exec (db->checkpoint_sqlite, "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL;",
                       NULL, NULL, NULL) != SQLITE_OK)
    return FALSE;
  g_mutex_init (&db->checkpoint_lock);
  g_cond_init (&db->checkpoint_cond);
  db->checkpoint_thread = g_thread_new ("consultd-checkpoint", checkpoint_thread, db);
  /* replaces SQLite's own checkpoint on commit */
  sqlite3_wal_hook (db->sqlite, on_wal_commit, db);
  return TRUE;
}

HzConsultdDb *
hz_consultd_db_open (const char  *path,
                     GError     **error)
{
  HzConsultdDb *db = g_new0 (HzConsultdDb, 1);

  if (sqlite3_open_v2 (path, &db->sqlite, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK
      || sqlite3_exec (db->sqlite, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                       "PRAGMA busy_timeout = 5000; PRAGMA journal_size_limit = 67108864;",
                       NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_exec (db->sqlite, SCHEMA_SQL, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: a file name, then SQLite's message */
                   _("The database %s cannot be opened: %s"), path,
                   db->sqlite ? sqlite3_errmsg (db->sqlite) : "out of memory");
      hz_consultd_db_close (db);
      return NULL;
    }
  for (guint i = 0; i < N_STMTS; i++)
    if (sqlite3_prepare_v3 (db->sqlite, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                            &db->stmts[i], NULL) != SQLITE_OK)
      {
        set_sqlite_error (db, error);
        hz_consultd_db_close (db);
        return NULL;
      }

  read_audit_head (db);
  if (!start_checkpointer (db, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: a file name, then SQLite's message */
                   _("The database %s cannot be opened: %s"), path,
                   db->checkpoint_sqlite ? sqlite3_errmsg (db->checkpoint_sqlite) : "out of memory");
      hz_consultd_db_close (db);
      return NULL;
    }
  return db;
}

gboolean
hz_consultd_db_begin (HzConsultdDb  *db,
                      GError       **error)
{
  if (sqlite3_exec (db->sqlite, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error);
  return TRUE;
}

gboolean
hz_consultd_db_commit (HzConsultdDb  *db,
                       GError       **error)
{
  if (sqlite3_exec (db->sqlite, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  set_sqlite_error (db, error);
  if (!sqlite3_get_autocommit (db->sqlite))
    sqlite3_exec (db->sqlite, "ROLLBACK", NULL, NULL, NULL);
  read_audit_head (db);
  return FALSE;
}

void
hz_consultd_db_close (HzConsultdDb *db)
{
  if (db == NULL)
    return;
  if (db->checkpoint_thread != NULL)
    {
      g_mutex_lock (&db->checkpoint_lock);
      db->checkpoint_stop = TRUE;
      g_cond_signal (&db->checkpoint_cond);
      g_mutex_unlock (&db->checkpoint_lock);
      g_thread_join (db->checkpoint_thread);
      g_mutex_clear (&db->checkpoint_lock);
      g_cond_clear (&db->checkpoint_cond);
    }
  if (db->checkpoint_sqlite != NULL)
    sqlite3_close (db->checkpoint_sqlite);
  for (guint i = 0; i < N_STMTS; i++)
    sqlite3_finalize (db->stmts[i]);
  if (db->sqlite != NULL)
    {
      sqlite3_wal_checkpoint_v2 (db->sqlite, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
      sqlite3_close (db->sqlite);
    }
  g_free (db->audit_hash);
  g_free (db);
}

void
hz_consultd_db_audit (HzConsultdDb *db,
                      const char   *event,
                      const char   *room,
                      const char   *json)
{
  g_autofree char *recorded = hz_consultd_now ();
  g_autofree char *hash = hz_store_audit_hash (db->audit_hash, db->audit_seq + 1, event, room,
                                               recorded, json);
  sqlite3_stmt *s = stmt (db, STMT_AUDIT_ADD);

  sqlite3_bind_int64 (s, 1, db->audit_seq + 1);
  bind_text (s, 2, recorded);
  bind_text (s, 3, event);
  bind_text (s, 4, room);
  bind_text (s, 5, json);
  bind_text (s, 6, hash);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      g_warning ("audit %s: %s", event, sqlite3_errmsg (db->sqlite));
      sqlite3_reset (s);
      return;
    }
  sqlite3_reset (s);
  db->audit_seq++;
  g_free (db->audit_hash);
  db->audit_hash = g_steal_pointer (&hash);
}

gboolean
hz_consultd_db_load_room (HzConsultdDb  *db,
                          const char    *room,
                          gint64        *last_seq,
                          char         **presenter,
                          GError       **error)
{
  sqlite3_stmt *s = stmt (db, STMT_ROOM_GET);
  gboolean known;

  bind_text (s, 1, room);
  known = sqlite3_step (s) == SQLITE_ROW;
  sqlite3_reset (s);
  if (!known)
    {
      g_autofree char *now = hz_consultd_now ();
      g_autoptr(GString) json = g_string_new ("{\"room\":");

      s = stmt (db, STMT_ROOM_ADD);
      bind_text (s, 1, room);
      bind_text (s, 2, now);
      if (sqlite3_step (s) != SQLITE_DONE)
        {
          sqlite3_reset (s);
          return set_sqlite_error (db, error);
        }
      sqlite3_reset (s);
      hz_json_append_escaped (json, room);
      g_string_append_c (json, '}');
      hz_consultd_db_audit (db, "room-open", room, json->str);
    }

  s = stmt (db, STMT_LAST_SEQ);
  bind_text (s, 1, room);
  *last_seq = sqlite3_step (s) == SQLITE_ROW ? sqlite3_column_int64 (s, 0) : 0;
  sqlite3_reset (s);

  *presenter = NULL;
  s = stmt (db, STMT_LAST_PRESENTER);
  bind_text (s, 1, room);
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      gsize len = sqlite3_column_bytes (s, 0);
      g_autoptr(HzJsonDoc) doc =
        hz_json_doc_parse (g_strndup ((const char *) sqlite3_column_text (s, 0), len), len, NULL);

      if (doc != NULL)
        *presenter = g_strdup (hz_jv_get_string (hz_json_doc_get_root (doc), "user"));
    }
  sqlite3_reset (s);
  return TRUE;
}

gboolean
hz_consultd_db_append (HzConsultdDb  *db,
                       const char    *room,
                       gint64         seq,
                       const char    *type,
                       const char    *sender,
                       const char    *client_id,
                       const char    *time,
                       const char    *json,
                       gsize          json_len,
                       GError       **error)
{
  sqlite3_stmt *s = stmt (db, STMT_APPEND);
  int rc;

  bind_text (s, 1, room);
  sqlite3_bind_int64 (s, 2, seq);
  bind_text (s, 3, type);
  bind_text (s, 4, sender);
  bind_text (s, 5, client_id);
  bind_text (s, 6, time);
  sqlite3_bind_text (s, 7, json, json_len, SQLITE_STATIC);
  rc = sqlite3_step (s);
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (db, error);
  return TRUE;
}

gint64
hz_consultd_db_find_client_id (HzConsultdDb *db,
                               const char   *room,
                               const char   *sender,
                               const char   *client_id)
{
  sqlite3_stmt *s = stmt (db, STMT_FIND_CLIENT_ID);
  gint64 seq = 0;

  bind_text (s, 1, room);
  bind_text (s, 2, sender);
  bind_text (s, 3, client_id);
  if (sqlite3_step (s) == SQLITE_ROW)
    seq = sqlite3_column_int64 (s, 0);
  sqlite3_reset (s);
  return seq;
}

GPtrArray *
hz_consultd_db_read (HzConsultdDb  *db,
                     const char    *room,
                     gint64         after,
                     gint64         up_to,
                     guint          limit,
                     GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  sqlite3_stmt *s = stmt (db, STMT_READ);
  int rc;

  bind_text (s, 1, room);
  sqlite3_bind_int64 (s, 2, after);
  sqlite3_bind_int64 (s, 3, up_to);
  sqlite3_bind_int64 (s, 4, limit);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    g_ptr_array_add (rows, g_bytes_new (sqlite3_column_text (s, 0), sqlite3_column_bytes (s, 0)));
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

void
hz_consultd_db_note_participant (HzConsultdDb *db,
                                 const char   *room,
                                 const char   *user,
                                 const char   *name,
                                 const char   *team,
                                 const char   *role,
                                 const char   *time)
{
  sqlite3_stmt *s = stmt (db, STMT_PARTICIPANT);

  bind_text (s, 1, room);
  bind_text (s, 2, user);
  bind_text (s, 3, name);
  bind_text (s, 4, team);
  bind_text (s, 5, role);
  bind_text (s, 6, time);
  if (sqlite3_step (s) != SQLITE_DONE)
    g_warning ("participant %s: %s", user, sqlite3_errmsg (db->sqlite));
  sqlite3_reset (s);
}

HzConsultdFileResult
hz_consultd_db_put_file (HzConsultdDb *db,
                         const char   *room,
                         const char   *name,
                         const char   *content_type,
                         GBytes       *data,
                         const char   *sha256,
                         const char   *sender,
                         const char   *time,
                         GError      **error)
{
  g_autofree char *old_sha = NULL;
  g_autofree char *old_type = NULL;
  g_autoptr(GBytes) old = hz_consultd_db_get_file (db, room, name, &old_type, &old_sha);
  sqlite3_stmt *s;
  gsize size = 0;
  gconstpointer bytes = g_bytes_get_data (data, &size);
  int rc;

  if (old != NULL)
    return g_str_equal (old_sha, sha256) ? HZ_CONSULTD_FILE_SAME : HZ_CONSULTD_FILE_CONFLICT;

  s = stmt (db, STMT_FILE_ADD);
  bind_text (s, 1, room);
  bind_text (s, 2, name);
  bind_text (s, 3, content_type);
  sqlite3_bind_int64 (s, 4, size);
  bind_text (s, 5, sha256);
  bind_text (s, 6, sender);
  bind_text (s, 7, time);
  sqlite3_bind_blob64 (s, 8, bytes ? bytes : "", size, SQLITE_STATIC);
  rc = sqlite3_step (s);
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (db, error);
      return HZ_CONSULTD_FILE_FAILED;
    }
  return HZ_CONSULTD_FILE_CREATED;
}

GBytes *
hz_consultd_db_get_file (HzConsultdDb  *db,
                         const char    *room,
                         const char    *name,
                         char         **content_type,
                         char         **sha256)
{
  sqlite3_stmt *s = stmt (db, STMT_FILE_GET);
  GBytes *data = NULL;

  bind_text (s, 1, room);
  bind_text (s, 2, name);
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      data = g_bytes_new (sqlite3_column_blob (s, 0), sqlite3_column_bytes (s, 0));
      *content_type = g_strdup ((const char *) sqlite3_column_text (s, 1));
      *sha256 = g_strdup ((const char *) sqlite3_column_text (s, 2));
    }
  sqlite3_reset (s);
  return data;
}

char *
hz_consultd_db_list_files (HzConsultdDb *db,
                           const char   *room)
{
  sqlite3_stmt *s = stmt (db, STMT_FILE_LIST);
  GString *out = g_string_new ("[");
  gboolean first = TRUE;

  bind_text (s, 1, room);
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      g_string_append (out, first ? "{\"file\":" : ",{\"file\":");
      first = FALSE;
      hz_json_append_escaped (out, (const char *) sqlite3_column_text (s, 0));
      g_string_append_printf (out, ",\"size\":%" G_GINT64_FORMAT ",\"sha256\":",
                              (gint64) sqlite3_column_int64 (s, 1));
      hz_json_append_escaped (out, (const char *) sqlite3_column_text (s, 2));
      g_string_append (out, ",\"content_type\":");
      hz_json_append_escaped (out, (const char *) sqlite3_column_text (s, 3));
      g_string_append (out, ",\"from\":");
      hz_json_append_escaped (out, (const char *) sqlite3_column_text (s, 4));
      g_string_append (out, ",\"time\":");
      hz_json_append_escaped (out, (const char *) sqlite3_column_text (s, 5));
      g_string_append_c (out, '}');
    }
  sqlite3_reset (s);
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}
