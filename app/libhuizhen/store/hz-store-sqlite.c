/* hz-store-sqlite.c — the embedded SQLite backend of HzStore
 *
 * One database file in WAL mode (synchronous=NORMAL: a committed
 * transaction survives the process being killed), foreign keys on, a busy
 * timeout for a second process on the same file, the schema version in
 * PRAGMA user_version and the file marked as ours with PRAGMA
 * application_id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-store"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "huizhen.h"
#include "hz-store-private.h"

/* "HzDB" */
#define HZ_SQLITE_APPLICATION_ID 0x487A4442
#define HZ_SQLITE_BUSY_TIMEOUT_MS 10000

#define AUDIT_NO_UPDATE_SQL \
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit" \
  " WHEN OLD.hash IS NOT NULL OR NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id" \
  " OR NEW.case_id IS NOT OLD.case_id OR NEW.recorded IS NOT OLD.recorded" \
  " OR NEW.json IS NOT OLD.json" \
  " BEGIN SELECT RAISE (ABORT, 'audit rows are append-only'); END"
#define AUDIT_NO_DELETE_SQL \
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit" \
  " BEGIN SELECT RAISE (ABORT, 'audit rows are append-only'); END"

#define HISTORY_NO_UPDATE_SQL \
  "CREATE TRIGGER history_no_update BEFORE UPDATE ON history" \
  " BEGIN SELECT RAISE (ABORT, 'history rows are append-only'); END"
#define HISTORY_NO_DELETE_SQL \
  "CREATE TRIGGER history_no_delete BEFORE DELETE ON history" \
  " BEGIN SELECT RAISE (ABORT, 'history rows are append-only'); END"

/* migrations[n] takes the schema from version n to n + 1 */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE cases ("
  "  case_id    TEXT PRIMARY KEY NOT NULL,"
  "  patient_id TEXT,"
  "  updated    TEXT,"
  "  summary    TEXT NOT NULL"
  ");"
  "CREATE INDEX cases_patient ON cases (patient_id);"
  "CREATE TABLE resources ("
  "  type         TEXT NOT NULL,"
  "  id           TEXT NOT NULL,"
  "  case_id      TEXT REFERENCES cases (case_id) ON DELETE SET NULL"
  "                    DEFERRABLE INITIALLY DEFERRED,"
  "  code         TEXT,"
  "  sort_date    TEXT,"
  "  version      INTEGER NOT NULL DEFAULT 1,"
  "  last_updated TEXT NOT NULL,"
  "  json         TEXT NOT NULL,"
  "  PRIMARY KEY (type, id)"
  ");"
  "CREATE INDEX resources_case ON resources (case_id, type, code);"
  /* seq orders the log (newest first); the AuditEvent ids are random
   * UUIDs, unique by construction, kept but not indexed */
  "CREATE TABLE audit ("
  "  seq      INTEGER PRIMARY KEY,"
  "  id       TEXT NOT NULL,"
  "  case_id  TEXT,"
  "  recorded TEXT NOT NULL,"
  "  json     TEXT NOT NULL"
  ");"
  "CREATE INDEX audit_case ON audit (case_id);"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  " BEGIN SELECT RAISE (ABORT, 'audit rows are append-only'); END;"
  AUDIT_NO_DELETE_SQL ";",
  /* 1 → 2: versions and a hash-chained audit log. Every version a write
   * replaces, and the tombstone of a delete, moves to history, which is
   * append-only like the audit log. audit.hash is filled in by HzStore
   * (the chain is computed in C, the same for every backend); rows
   * written before this migration are chained when the store opens. */
  "ALTER TABLE resources ADD COLUMN author TEXT;"
  "CREATE TABLE history ("
  "  type         TEXT NOT NULL,"
  "  id           TEXT NOT NULL,"
  "  version      INTEGER NOT NULL,"
  "  case_id      TEXT,"
  "  last_updated TEXT NOT NULL,"
  "  author       TEXT,"
  "  deleted      INTEGER NOT NULL DEFAULT 0,"
  "  json         TEXT NOT NULL,"
  "  PRIMARY KEY (type, id, version)"
  ");"
  HISTORY_NO_UPDATE_SQL ";"
  HISTORY_NO_DELETE_SQL ";"
  "ALTER TABLE audit ADD COLUMN hash TEXT;"
  /* a row may be given its hash once (rows from schema 1), nothing else */
  "DROP TRIGGER audit_no_update;"
  AUDIT_NO_UPDATE_SQL ";",
  /* 2 → 3: what the case list is ordered and searched by, beside each
   * row, so that 100,000 rows are listed without parsing them. Rows from
   * before get them from HzStore when it opens the file (sort_name NULL
   * until then). */
  "ALTER TABLE cases ADD COLUMN risk_rank INTEGER;"
  "ALTER TABLE cases ADD COLUMN purple INTEGER;"
  "ALTER TABLE cases ADD COLUMN sort_name TEXT;"
  "ALTER TABLE cases ADD COLUMN search TEXT;"
  "ALTER TABLE cases ADD COLUMN ga_start INTEGER;"
  "ALTER TABLE cases ADD COLUMN delivered INTEGER;"
  /* the first page of each order, read without sorting the table */
  "CREATE INDEX cases_by_risk ON cases (risk_rank, purple DESC, sort_name, case_id);"
  "CREATE INDEX cases_by_name ON cases (sort_name, case_id);"
  "CREATE INDEX cases_by_dating ON cases (CASE WHEN delivered THEN 1 WHEN ga_start IS NULL THEN 2 ELSE 0 END,"
  " CASE WHEN delivered THEN NULL ELSE ga_start END, sort_name, case_id);"
  "CREATE INDEX cases_by_updated ON cases (ifnull (updated, '') DESC, sort_name, case_id);",
  /* 3 → 4: the kind of a case: NULL for a patient's case, else the code
   * of its EpisodeOfCare.type that makes it another kind (mdt-meeting: an
   * MDT meeting, docs/data-model.md). Only patients' cases are listed. */
  "ALTER TABLE cases ADD COLUMN kind TEXT;"
  "UPDATE cases SET kind = 'mdt-meeting' WHERE case_id IN"
  " (SELECT id FROM resources WHERE type = 'EpisodeOfCare'"
  "  AND json LIKE '%\"code\":\"mdt-meeting\"%');",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == HZ_STORE_SCHEMA_VERSION);

typedef enum {
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_PUT_ROW,
  STMT_DELETE_ROW,
  STMT_LOOKUP,
  STMT_GET_JSON,
  STMT_LIST_CASE,
  STMT_LIST_CASE_UNSORTED,
  STMT_LIST_CASE_TYPE,
  STMT_LIST_CASE_TYPE_UNSORTED,
  STMT_LIST_CASE_TYPE_CODE,
  STMT_COUNT,
  STMT_CASE_UPDATED,
  STMT_PUT_CASE,
  STMT_DELETE_CASE,
  STMT_LIST_CASES,
  STMT_COUNT_CASES,
  STMT_KIND_CASES,
  STMT_CASE_ROWS,
  STMT_CASE_ROW,
  STMT_CASE_ROWS_WITHOUT_KEYS,
  STMT_CASE_ROWS_BY_RISK,
  STMT_CASE_ROWS_BY_NAME,
  STMT_CASE_ROWS_BY_DATING,
  STMT_CASE_ROWS_BY_UPDATED,
  STMT_PATIENT_CASES,
  STMT_PUT_AUDIT,
  STMT_LIST_AUDIT,
  STMT_LIST_CASE_AUDIT,
  STMT_COUNT_AUDIT,
  STMT_ARCHIVE_ROW,
  STMT_PUT_TOMBSTONE,
  STMT_LAST_VERSION,
  STMT_LIST_HISTORY,
  STMT_GET_VERSION,
  STMT_AUDIT_HEAD,
  STMT_AUDIT_UNCHAINED,
  STMT_SET_AUDIT_HASH,
  STMT_AUDIT_CHAIN,
  STMT_DATA_VERSION,
  STMT_GET_CASE,
  N_STMTS
} StmtId;

static const char * const statements[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  [STMT_PUT_ROW] =
    "INSERT INTO resources (type, id, case_id, code, sort_date, version, last_updated, json, author)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT (type, id) DO UPDATE SET"
    "  case_id = excluded.case_id, code = excluded.code, sort_date = excluded.sort_date,"
    "  version = excluded.version, last_updated = excluded.last_updated, json = excluded.json,"
    "  author = excluded.author",
  [STMT_DELETE_ROW] = "DELETE FROM resources WHERE type = ?1 AND id = ?2",
  [STMT_LOOKUP] = "SELECT case_id, version, author FROM resources WHERE type = ?1 AND id = ?2",
  [STMT_GET_JSON] = "SELECT json, case_id FROM resources WHERE type = ?1 AND id = ?2",
  [STMT_LIST_CASE] =
    "SELECT json FROM resources WHERE case_id = ?1"
    " ORDER BY type, sort_date IS NULL, sort_date, id",
  [STMT_LIST_CASE_UNSORTED] = "SELECT json FROM resources WHERE case_id = ?1",
  [STMT_LIST_CASE_TYPE_UNSORTED] = "SELECT json FROM resources WHERE case_id = ?1 AND type = ?2",
  [STMT_LIST_CASE_TYPE] =
    "SELECT json FROM resources WHERE case_id = ?1 AND type = ?2"
    " ORDER BY sort_date IS NULL, sort_date, id",
  [STMT_LIST_CASE_TYPE_CODE] =
    "SELECT json FROM resources WHERE case_id = ?1 AND type = ?2 AND code = ?3"
    " ORDER BY sort_date IS NULL, sort_date, id",
  [STMT_COUNT] =
    "SELECT count(*) FROM resources"
    " WHERE (?1 IS NULL OR case_id = ?1) AND (?2 IS NULL OR type = ?2)",
  [STMT_CASE_UPDATED] = "SELECT max(last_updated) FROM resources WHERE case_id = ?1",
  [STMT_PUT_CASE] =
    "INSERT INTO cases (case_id, patient_id, updated, summary,"
    "                   risk_rank, purple, sort_name, search, ga_start, delivered, kind)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " ON CONFLICT (case_id) DO UPDATE SET"
    "  patient_id = excluded.patient_id, updated = excluded.updated, summary = excluded.summary,"
    "  risk_rank = excluded.risk_rank, purple = excluded.purple, sort_name = excluded.sort_name,"
    "  search = excluded.search, ga_start = excluded.ga_start, delivered = excluded.delivered,"
    "  kind = excluded.kind",
  [STMT_DELETE_CASE] = "DELETE FROM cases WHERE case_id = ?1",
  [STMT_LIST_CASES] = "SELECT summary FROM cases WHERE kind IS NULL ORDER BY case_id",
  [STMT_COUNT_CASES] = "SELECT count(*) FROM cases WHERE kind IS NULL",
  [STMT_KIND_CASES] = "SELECT case_id FROM cases WHERE kind = ?1 ORDER BY rowid",
#define CASE_ROW_COLUMNS \
  "SELECT case_id, patient_id, updated, summary, sort_name IS NOT NULL," \
  " risk_rank, purple, sort_name, search, ga_start, delivered FROM cases WHERE kind IS NULL"
  [STMT_CASE_ROWS] = CASE_ROW_COLUMNS,
  [STMT_CASE_ROW] = CASE_ROW_COLUMNS " AND case_id = ?1",
  [STMT_CASE_ROWS_WITHOUT_KEYS] = CASE_ROW_COLUMNS " AND sort_name IS NULL",
  /* the orders of HzCaseListModel, key for key (HzStoreCaseOrder) */
  [STMT_CASE_ROWS_BY_RISK] =
    CASE_ROW_COLUMNS " ORDER BY risk_rank, purple DESC, sort_name, case_id LIMIT ?1",
  [STMT_CASE_ROWS_BY_NAME] = CASE_ROW_COLUMNS " ORDER BY sort_name, case_id LIMIT ?1",
  [STMT_CASE_ROWS_BY_DATING] =
    CASE_ROW_COLUMNS " ORDER BY CASE WHEN delivered THEN 1 WHEN ga_start IS NULL THEN 2 ELSE 0 END,"
    " CASE WHEN delivered THEN NULL ELSE ga_start END, sort_name, case_id LIMIT ?1",
  [STMT_CASE_ROWS_BY_UPDATED] =
    CASE_ROW_COLUMNS " ORDER BY ifnull (updated, '') DESC, sort_name, case_id LIMIT ?1",
#undef CASE_ROW_COLUMNS
  [STMT_PATIENT_CASES] = "SELECT case_id FROM cases WHERE patient_id = ?1 ORDER BY rowid",
  [STMT_PUT_AUDIT] =
    "INSERT INTO audit (seq, id, case_id, recorded, json, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_LIST_AUDIT] =
    "SELECT json FROM audit WHERE ?1 IS NULL ORDER BY seq DESC LIMIT ?2",
  [STMT_LIST_CASE_AUDIT] =
    "SELECT json FROM audit WHERE case_id = ?1 ORDER BY seq DESC LIMIT ?2",
  [STMT_COUNT_AUDIT] = "SELECT count(*) FROM audit WHERE (?1 IS NULL OR case_id = ?1)",
  [STMT_ARCHIVE_ROW] =
    "INSERT INTO history (type, id, version, case_id, last_updated, author, deleted, json)"
    " SELECT type, id, version, case_id, last_updated, author, 0, json FROM resources"
    " WHERE type = ?1 AND id = ?2",
  [STMT_PUT_TOMBSTONE] =
    "INSERT INTO history (type, id, version, case_id, last_updated, author, deleted, json)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, '')",
  [STMT_LAST_VERSION] =
    "SELECT version, author FROM history WHERE type = ?1 AND id = ?2 ORDER BY version DESC LIMIT 1",
  [STMT_LIST_HISTORY] =
    "SELECT version, last_updated, author, deleted, case_id FROM history WHERE type = ?1 AND id = ?2"
    " UNION ALL"
    " SELECT version, last_updated, author, 0, case_id FROM resources WHERE type = ?1 AND id = ?2"
    " ORDER BY 1",
  [STMT_GET_VERSION] =
    "SELECT json FROM resources WHERE type = ?1 AND id = ?2 AND version = ?3"
    " UNION ALL"
    " SELECT json FROM history WHERE type = ?1 AND id = ?2 AND version = ?3 AND deleted = 0",
  [STMT_AUDIT_HEAD] = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
  [STMT_AUDIT_UNCHAINED] = "SELECT count(*) FROM audit WHERE hash IS NULL",
  [STMT_SET_AUDIT_HASH] = "UPDATE audit SET hash = ?2 WHERE seq = ?1 AND hash IS NULL",
  [STMT_AUDIT_CHAIN] =
    "SELECT seq, id, case_id, recorded, json, hash FROM audit WHERE seq > ?1 ORDER BY seq",
  [STMT_DATA_VERSION] = "PRAGMA data_version",
  [STMT_GET_CASE] = "SELECT summary FROM cases WHERE case_id = ?1 AND kind IS NULL",
};

typedef struct
{
  HzStoreBackend  parent;
  sqlite3        *db;
  char           *path;
  sqlite3_stmt   *stmts[N_STMTS];
  gboolean        read_only;   /* the file may only be read by this user */
} SqliteBackend;

#define SQLITE_BACKEND(b) ((SqliteBackend *) (b))

static void
set_db_error (SqliteBackend  *self,
              GError        **error)
{
  int rc = sqlite3_extended_errcode (self->db) & 0xff;
  int code = (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
             ? HZ_STORE_ERROR_CORRUPT : HZ_STORE_ERROR_FAILED;

  /* Translators: the first %s is a file name, the second SQLite's message */
  g_set_error (error, HZ_STORE_ERROR, code, _("Database “%s”: %s"),
               self->path, sqlite3_errmsg (self->db));
}

static sqlite3_stmt *
get_stmt (SqliteBackend  *self,
          StmtId          id,
          GError        **error)
{
  if (self->stmts[id] == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, statements[id], -1, SQLITE_PREPARE_PERSISTENT,
                              &self->stmts[id], NULL) != SQLITE_OK)
        {
          set_db_error (self, error);
          return NULL;
        }
    }

  return self->stmts[id];
}

static void
done_stmt (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

/* Runs a statement that returns no rows. */
static gboolean
run_stmt (SqliteBackend  *self,
          sqlite3_stmt   *stmt,
          GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_db_error (self, error);
      done_stmt (stmt);
      return FALSE;
    }

  done_stmt (stmt);
  return TRUE;
}

/* Steps @stmt (bound) once: column 0 of its row as text, NULL when there
 * is no row (*@found FALSE) or on error (@error set). Resets @stmt. */
static char *
step_text (SqliteBackend  *self,
           sqlite3_stmt   *stmt,
           gboolean       *found,
           GError        **error)
{
  char *text = NULL;
  int rc = sqlite3_step (stmt);

  *found = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    set_db_error (self, error);

  done_stmt (stmt);
  return text;
}

static gboolean
exec_sql (SqliteBackend  *self,
          const char     *sql,
          GError        **error)
{
  char *errmsg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      int rc = sqlite3_extended_errcode (self->db) & 0xff;

      g_set_error (error, HZ_STORE_ERROR,
                   (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
                   ? HZ_STORE_ERROR_CORRUPT : HZ_STORE_ERROR_FAILED,
                   _("Database “%s”: %s"), self->path,
                   errmsg ? errmsg : sqlite3_errmsg (self->db));
      sqlite3_free (errmsg);
      return FALSE;
    }

  return TRUE;
}

static gboolean
query_int (SqliteBackend  *self,
           const char     *sql,
           gint64         *out,
           GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      return FALSE;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *out = 0;
  else
    set_db_error (self, error);

  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static void
sqlite_close (HzStoreBackend *backend)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);

  if (self == NULL)
    return;

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);

  if (self->db != NULL)
    {
      /* The last connection checkpoints and removes the -wal file. */
      if (sqlite3_close (self->db) != SQLITE_OK)
        g_warning ("Closing database “%s”: %s", self->path, sqlite3_errmsg (self->db));
      self->db = NULL;
    }

  g_free (self->path);
  g_free (self);
}

static gboolean chain_unchained (SqliteBackend  *self,
                                 GError        **error);

static gboolean
migrate (SqliteBackend  *self,
         GError        **error)
{
  gint64 version = 0;
  gint64 app_id = 0;

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Read again inside the write lock: another process may have migrated. */
  if (!query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "PRAGMA application_id", &app_id, error))
    goto failed;

  if (version > HZ_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_VERSION,
                   _("The database “%s” was written by a newer version of Huizhen "
                     "(schema %d; this version reads up to %d)"),
                   self->path, (int) version, HZ_STORE_SCHEMA_VERSION);
      goto failed;
    }

  for (gint64 v = version; v < HZ_STORE_SCHEMA_VERSION; v++)
    {
      g_debug ("Migrating %s from schema %d to %d", self->path, (int) v, (int) v + 1);
      if (!exec_sql (self, migrations[v], error))
        goto failed;
    }

  if (version < 2 && !chain_unchained (self, error))
    goto failed;

  if (version != HZ_STORE_SCHEMA_VERSION || app_id != HZ_SQLITE_APPLICATION_ID)
    {
      g_autofree char *sql =
        g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                         HZ_SQLITE_APPLICATION_ID, HZ_STORE_SCHEMA_VERSION);

      if (!exec_sql (self, sql, error))
        goto failed;
    }

  if (!exec_sql (self, "COMMIT", error))
    goto failed;

  return TRUE;

failed:
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* mode=ro reads a WAL database whose -shm it may use; a copy in a
 * folder this user cannot write, with no -shm, opens only as immutable
 * (nobody writes a copy). */
static gboolean
open_read_only (SqliteBackend  *self,
                const char     *path,
                GError        **error)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  static const char * const modes[] = { "mode=ro", "mode=ro&immutable=1" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *uri = g_strdup_printf ("file:%s?%s", escaped, modes[i]);
      gint64 probe = 0;

      if (sqlite3_open_v2 (uri, &self->db,
                           SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                           NULL) == SQLITE_OK &&
          query_int (self, "SELECT count(*) FROM sqlite_master", &probe, NULL))
        return TRUE;

      if (i + 1 == G_N_ELEMENTS (modes))
        {
          if (self->db != NULL)
            set_db_error (self, error);
          else
            g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_FAILED,
                         _("Database “%s”: %s"), path, g_strerror (ENOMEM));
          return FALSE;
        }
      sqlite3_close (self->db);
      self->db = NULL;
    }

  return FALSE;
}

static HzStoreBackend *
sqlite_open (const char  *uri,
             GError     **error)
{
  SqliteBackend *self;
  gint64 app_id = 0;
  gint64 version = 0;
  gint64 n_objects = 0;
  g_autoptr(GError) local_error = NULL;

  self = g_new0 (SqliteBackend, 1);
  self->parent.klass = &hz_store_sqlite_backend;
  self->path = g_strdup (uri);

  /* A file this user may only read (an auditor's copy, a locked-down
   * share) is opened read-only: reading the audit trail works, anything
   * that writes (including the audit row a read of patient data needs) is
   * refused with a message that says so. */
  self->read_only = g_file_test (uri, G_FILE_TEST_EXISTS) && g_access (uri, W_OK) != 0;

  if (self->read_only)
    {
      if (!open_read_only (self, uri, error))
        {
          sqlite_close (&self->parent);
          return NULL;
        }
    }
  else if (sqlite3_open_v2 (uri, &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                            NULL) != SQLITE_OK)
    {
      if (self->db != NULL)
        set_db_error (self, error);
      else
        g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_FAILED,
                     _("Database “%s”: %s"), uri, g_strerror (ENOMEM));
      sqlite_close (&self->parent);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, HZ_SQLITE_BUSY_TIMEOUT_MS);

  /* The first read of the header tells a database from anything else. */
  if (!query_int (self, "PRAGMA application_id", &app_id, &local_error) ||
      !query_int (self, "PRAGMA user_version", &version, &local_error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, &local_error))
    {
      if (g_error_matches (local_error, HZ_STORE_ERROR, HZ_STORE_ERROR_CORRUPT))
        g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CORRUPT,
                     _("“%s” is not a Huizhen database, or it is damaged: %s"),
                     uri, sqlite3_errmsg (self->db));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      sqlite_close (&self->parent);
      return NULL;
    }

  if (app_id != HZ_SQLITE_APPLICATION_ID && (n_objects > 0 || version != 0 || app_id != 0))
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CORRUPT,
                   _("“%s” is an SQLite database but not a Huizhen one"), uri);
      sqlite_close (&self->parent);
      return NULL;
    }

  if (version > HZ_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_VERSION,
                   _("The database “%s” was written by a newer version of Huizhen "
                     "(schema %d; this version reads up to %d)"),
                   uri, (int) version, HZ_STORE_SCHEMA_VERSION);
      sqlite_close (&self->parent);
      return NULL;
    }

  if (self->read_only)
    {
      if (version < HZ_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_READ_ONLY,
                       _("The database “%s” was written by an older version of Huizhen and "
                         "must be upgraded, but its file may only be read"), uri);
          sqlite_close (&self->parent);
          return NULL;
        }
      return &self->parent;
    }

  if (!exec_sql (self,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = NORMAL;"
                 "PRAGMA foreign_keys = ON;"
                 /* room for a big import's pages before they spill */
                 "PRAGMA cache_size = -32768;",
                 error) ||
      !migrate (self, error))
    {
      sqlite_close (&self->parent);
      return NULL;
    }

  return &self->parent;
}

static gboolean
sqlite_begin (HzStoreBackend  *backend,
              GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt;

  if (self->read_only)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_READ_ONLY,
                   _("The case database “%s” may only be read (its file is read-only): "
                     "nothing can be saved or recorded in it"), self->path);
      return FALSE;
    }

  stmt = get_stmt (self, STMT_BEGIN, error);

  return stmt != NULL && run_stmt (self, stmt, error);
}

static gboolean
sqlite_commit (HzStoreBackend  *backend,
               GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_COMMIT, error);

  return stmt != NULL && run_stmt (self, stmt, error);
}

static void
sqlite_rollback (HzStoreBackend *backend)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  /* SQLite may already have rolled back (disk full, I/O error). */
  if (sqlite3_get_autocommit (self->db))
    return;

  stmt = get_stmt (self, STMT_ROLLBACK, &error);
  if (stmt == NULL || !run_stmt (self, stmt, &error))
    g_warning ("%s", error->message);
}

static gboolean
archive_row (SqliteBackend  *self,
             const char     *type,
             const char     *id,
             GError        **error)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_ARCHIVE_ROW, error);

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, type);
  bind_text (stmt, 2, id);
  return run_stmt (self, stmt, error);
}

static gboolean
sqlite_put_row (HzStoreBackend    *backend,
                const HzStoreRow  *row,
                GError           **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt;

  /* the version this one replaces, if any, is kept */
  if (row->version > 1 && !archive_row (self, row->resource_type, row->id, error))
    return FALSE;

  stmt = get_stmt (self, STMT_PUT_ROW, error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, row->resource_type);
  bind_text (stmt, 2, row->id);
  bind_text (stmt, 3, row->case_id);
  bind_text (stmt, 4, row->code);
  bind_text (stmt, 5, row->sort_date);
  sqlite3_bind_int64 (stmt, 6, row->version);
  bind_text (stmt, 7, row->last_updated);
  bind_text (stmt, 8, row->json);
  bind_text (stmt, 9, row->author);

  return run_stmt (self, stmt, error);
}

static gboolean
sqlite_delete_row (HzStoreBackend    *backend,
                   const HzStoreRow  *tombstone,
                   GError           **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt;

  if (!archive_row (self, tombstone->resource_type, tombstone->id, error))
    return FALSE;

  stmt = get_stmt (self, STMT_PUT_TOMBSTONE, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, tombstone->resource_type);
  bind_text (stmt, 2, tombstone->id);
  sqlite3_bind_int64 (stmt, 3, tombstone->version);
  bind_text (stmt, 4, tombstone->case_id);
  bind_text (stmt, 5, tombstone->last_updated);
  bind_text (stmt, 6, tombstone->author);
  if (!run_stmt (self, stmt, error))
    return FALSE;

  stmt = get_stmt (self, STMT_DELETE_ROW, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, tombstone->resource_type);
  bind_text (stmt, 2, tombstone->id);

  return run_stmt (self, stmt, error);
}

static gboolean
sqlite_lookup (HzStoreBackend  *backend,
               const char      *type,
               const char      *id,
               char           **out_case_id,
               gint64          *out_version,
               char           **out_author,
               GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_LOOKUP, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, type);
  bind_text (stmt, 2, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (out_case_id != NULL)
        *out_case_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (out_version != NULL)
        *out_version = sqlite3_column_int64 (stmt, 1);
      if (out_author != NULL)
        *out_author = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  else if (rc != SQLITE_DONE)
    set_db_error (self, error);

  done_stmt (stmt);
  return rc == SQLITE_ROW;
}

static gboolean
sqlite_last_version (HzStoreBackend  *backend,
                     const char      *type,
                     const char      *id,
                     gint64          *out_version,
                     char           **out_author,
                     GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_LAST_VERSION, error);
  int rc;

  *out_version = 0;
  if (out_author != NULL)
    *out_author = NULL;
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, type);
  bind_text (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_version = sqlite3_column_int64 (stmt, 0);
      if (out_author != NULL)
        *out_author = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc != SQLITE_DONE)
    set_db_error (self, error);

  done_stmt (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static GPtrArray *
sqlite_list_history (HzStoreBackend  *backend,
                     const char      *type,
                     const char      *id,
                     GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_LIST_HISTORY, error);
  g_autoptr(GPtrArray) versions = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  versions = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_store_version_free);
  bind_text (stmt, 1, type);
  bind_text (stmt, 2, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HzStoreVersion *version = g_new0 (HzStoreVersion, 1);

      version->version = sqlite3_column_int64 (stmt, 0);
      version->last_updated = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      version->author = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      version->deleted = sqlite3_column_int (stmt, 3) != 0;
      version->case_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (versions, version);
    }

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      done_stmt (stmt);
      return NULL;
    }

  done_stmt (stmt);
  return g_steal_pointer (&versions);
}

static char *
sqlite_get_version (HzStoreBackend  *backend,
                    const char      *type,
                    const char      *id,
                    gint64           version,
                    GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_GET_VERSION, error);
  g_autoptr(GError) local_error = NULL;
  gboolean found;
  char *json;

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, type);
  bind_text (stmt, 2, id);
  sqlite3_bind_int64 (stmt, 3, version);
  json = step_text (self, stmt, &found, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (!found)
    g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND,
                 _("%s/%s has no version %lld"), type, id, (long long) version);
  return json;
}

static char *
sqlite_get_json (HzStoreBackend  *backend,
                 const char      *type,
                 const char      *id,
                 char           **out_case_id,
                 GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_GET_JSON, error);
  char *json = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, type);
  bind_text (stmt, 2, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (out_case_id != NULL)
        *out_case_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND,
                 _("%s/%s is not in the database"), type, id);
  else
    set_db_error (self, error);

  done_stmt (stmt);
  return json;
}

/* Collects column 0 of every row as strings. */
static GPtrArray *
collect_strings (SqliteBackend  *self,
                 sqlite3_stmt   *stmt,
                 GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      int len = sqlite3_column_bytes (stmt, 0);

      g_ptr_array_add (rows, g_strndup (text ? text : "", len));
    }

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      done_stmt (stmt);
      return NULL;
    }

  done_stmt (stmt);
  return g_steal_pointer (&rows);
}

static GPtrArray *
sqlite_list_case (HzStoreBackend  *backend,
                  const char      *case_id,
                  const char      *type,
                  const char      *code,
                  gboolean         sorted,
                  GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt;

  /* Sorting a whole case's rows (the JSON carried through the sorter)
   * is about a third of the time of reading them. */
  if (type == NULL)
    stmt = get_stmt (self, sorted ? STMT_LIST_CASE : STMT_LIST_CASE_UNSORTED, error);
  else if (code == NULL)
    stmt = get_stmt (self, sorted ? STMT_LIST_CASE_TYPE : STMT_LIST_CASE_TYPE_UNSORTED, error);
  else
    stmt = get_stmt (self, STMT_LIST_CASE_TYPE_CODE, error);

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, case_id);
  if (type != NULL)
    bind_text (stmt, 2, type);
  if (type != NULL && code != NULL)
    bind_text (stmt, 3, code);

  return collect_strings (self, stmt, error);
}

static gint64
count_with (SqliteBackend *self,
            StmtId         id,
            const char    *arg1,
            const char    *arg2)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = get_stmt (self, id, &error);
  gint64 count = -1;
  int rc;

  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return -1;
    }

  bind_text (stmt, 1, arg1);
  if (arg2 != NULL || sqlite3_bind_parameter_count (stmt) >= 2)
    bind_text (stmt, 2, arg2);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    {
      set_db_error (self, &error);
      g_warning ("%s", error->message);
    }

  done_stmt (stmt);
  return count;
}

static gint64
sqlite_count (HzStoreBackend *backend,
              const char     *case_id,
              const char     *type)
{
  return count_with (SQLITE_BACKEND (backend), STMT_COUNT, case_id, type);
}

static char *
sqlite_case_updated (HzStoreBackend  *backend,
                     const char      *case_id,
                     GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_CASE_UPDATED, error);
  gboolean found;

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, case_id);
  return step_text (self, stmt, &found, error);
}

static gboolean
sqlite_put_case (HzStoreBackend        *backend,
                 const HzStoreCaseRow  *row,
                 GError               **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_PUT_CASE, error);

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, row->case_id);
  bind_text (stmt, 2, row->patient_id);
  bind_text (stmt, 3, row->updated);
  bind_text (stmt, 4, row->summary);
  if (row->has_keys)
    {
      sqlite3_bind_int (stmt, 5, row->risk_rank);
      sqlite3_bind_int (stmt, 6, row->purple ? 1 : 0);
      bind_text (stmt, 7, row->sort_name);
      bind_text (stmt, 8, row->search);
      if (row->ga_start != 0)
        sqlite3_bind_int (stmt, 9, row->ga_start);
      else
        sqlite3_bind_null (stmt, 9);
      sqlite3_bind_int (stmt, 10, row->delivered ? 1 : 0);
    }
  else
    {
      for (int i = 5; i <= 10; i++)
        sqlite3_bind_null (stmt, i);
    }
  bind_text (stmt, 11, row->kind);

  return run_stmt (self, stmt, error);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static gboolean
sqlite_foreach_case (HzStoreBackend      *backend,
                     const char          *case_id,
                     gboolean             without_keys,
                     HzStoreCaseOrder     order,
                     guint                limit,
                     HzStoreCaseRowFunc   func,
                     gpointer             user_data,
                     GError             **error)
{
  static const StmtId ordered[] = {
    [HZ_STORE_CASE_ORDER_RISK] = STMT_CASE_ROWS_BY_RISK,
    [HZ_STORE_CASE_ORDER_NAME] = STMT_CASE_ROWS_BY_NAME,
    [HZ_STORE_CASE_ORDER_DATING] = STMT_CASE_ROWS_BY_DATING,
    [HZ_STORE_CASE_ORDER_UPDATED] = STMT_CASE_ROWS_BY_UPDATED,
  };
  SqliteBackend *self = SQLITE_BACKEND (backend);
  StmtId id = case_id != NULL ? STMT_CASE_ROW
            : without_keys ? STMT_CASE_ROWS_WITHOUT_KEYS
            : order > HZ_STORE_CASE_ORDER_NONE && order < G_N_ELEMENTS (ordered) ? ordered[order]
            : STMT_CASE_ROWS;
  sqlite3_stmt *stmt = get_stmt (self, id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  if (case_id != NULL)
    bind_text (stmt, 1, case_id);
  else if (id != STMT_CASE_ROWS && id != STMT_CASE_ROWS_WITHOUT_KEYS)
    sqlite3_bind_int64 (stmt, 1, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HzStoreCaseRow row;

      row.case_id = column_text (stmt, 0);
      row.patient_id = column_text (stmt, 1);
      row.updated = column_text (stmt, 2);
      row.summary = column_text (stmt, 3);
      row.has_keys = sqlite3_column_int (stmt, 4) != 0;
      row.risk_rank = sqlite3_column_int (stmt, 5);
      row.purple = sqlite3_column_int (stmt, 6) != 0;
      row.sort_name = column_text (stmt, 7);
      row.search = column_text (stmt, 8);
      row.ga_start = sqlite3_column_int (stmt, 9);
      row.delivered = sqlite3_column_int (stmt, 10) != 0;

      if (row.case_id == NULL || row.summary == NULL)
        continue;
      if (!func (&row, user_data))
        break;
    }

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_db_error (self, error);
      done_stmt (stmt);
      return FALSE;
    }

  done_stmt (stmt);
  return TRUE;
}

static gboolean
sqlite_delete_case (HzStoreBackend  *backend,
                    const char      *case_id,
                    GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_DELETE_CASE, error);

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, case_id);
  return run_stmt (self, stmt, error);
}

static GPtrArray *
sqlite_kind_cases (HzStoreBackend  *backend,
                   const char      *kind,
                   GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_KIND_CASES, error);

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, kind);
  return collect_strings (self, stmt, error);
}

static gint64
sqlite_count_cases (HzStoreBackend *backend)
{
  return count_with (SQLITE_BACKEND (backend), STMT_COUNT_CASES, NULL, NULL);
}

static GPtrArray *
sqlite_list_cases (HzStoreBackend  *backend,
                   GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_LIST_CASES, error);

  if (stmt == NULL)
    return NULL;

  return collect_strings (self, stmt, error);
}

static char *
sqlite_get_case (HzStoreBackend  *backend,
                 const char      *case_id,
                 GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_GET_CASE, error);
  g_autoptr(GError) local_error = NULL;
  gboolean found;
  char *summary;

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, case_id);
  summary = step_text (self, stmt, &found, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (!found)
    g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND,
                 _("Case “%s” does not exist"), case_id);
  return summary;
}

static GPtrArray *
sqlite_patient_cases (HzStoreBackend  *backend,
                      const char      *patient_id,
                      GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_PATIENT_CASES, error);

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, patient_id);
  return collect_strings (self, stmt, error);
}

static gboolean
sqlite_put_audit (HzStoreBackend         *backend,
                  const HzStoreAuditRow  *row,
                  GError                **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_PUT_AUDIT, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, row->seq);
  bind_text (stmt, 2, row->id);
  bind_text (stmt, 3, row->case_id);
  bind_text (stmt, 4, row->recorded);
  bind_text (stmt, 5, row->json);
  bind_text (stmt, 6, row->hash);

  return run_stmt (self, stmt, error);
}

static gboolean
sqlite_audit_head (HzStoreBackend  *backend,
                   gint64          *out_seq,
                   char           **out_hash,
                   GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_AUDIT_HEAD, error);
  int rc;

  *out_seq = 0;
  *out_hash = NULL;
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_seq = sqlite3_column_int64 (stmt, 0);
      *out_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc != SQLITE_DONE)
    set_db_error (self, error);

  done_stmt (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
sqlite_audit_foreach (HzStoreBackend        *backend,
                      gint64                 after_seq,
                      HzStoreAuditRowFunc    func,
                      gpointer               user_data,
                      GError               **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, STMT_AUDIT_CHAIN, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, after_seq);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HzStoreAuditRow row;

      row.seq = sqlite3_column_int64 (stmt, 0);
      row.id = (const char *) sqlite3_column_text (stmt, 1);
      row.case_id = (const char *) sqlite3_column_text (stmt, 2);
      row.recorded = (const char *) sqlite3_column_text (stmt, 3);
      row.json = (const char *) sqlite3_column_text (stmt, 4);
      row.hash = (const char *) sqlite3_column_text (stmt, 5);
      if (!func (&row, user_data))
        {
          done_stmt (stmt);
          return TRUE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      done_stmt (stmt);
      return FALSE;
    }

  done_stmt (stmt);
  return TRUE;
}

/* Gives the rows of schema 1, written before the chain, their hashes.
 * Inside the migration's transaction. */
static gboolean
chain_unchained (SqliteBackend  *self,
                 GError        **error)
{
  g_autofree char *prev = NULL;
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *update;
  gint64 n = 0;
  int rc;

  if (!query_int (self, "SELECT count(*) FROM audit WHERE hash IS NULL", &n, error))
    return FALSE;
  if (n == 0)
    return TRUE;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT seq, id, case_id, recorded, json, hash FROM audit ORDER BY seq",
                          -1, &select, NULL) != SQLITE_OK ||
      (update = get_stmt (self, STMT_SET_AUDIT_HASH, error)) == NULL)
    {
      if (select == NULL)
        set_db_error (self, error);
      sqlite3_finalize (select);
      return FALSE;
    }

  prev = g_strdup (HZ_STORE_AUDIT_GENESIS);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *hash = (const char *) sqlite3_column_text (select, 5);
      char *own;

      if (hash != NULL)
        own = g_strdup (hash);
      else
        {
          own = hz_store_audit_hash (prev, sqlite3_column_int64 (select, 0),
                                     (const char *) sqlite3_column_text (select, 1),
                                     (const char *) sqlite3_column_text (select, 2),
                                     (const char *) sqlite3_column_text (select, 3),
                                     (const char *) sqlite3_column_text (select, 4));
          sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (select, 0));
          bind_text (update, 2, own);
          if (!run_stmt (self, update, error))
            {
              g_free (own);
              sqlite3_finalize (select);
              return FALSE;
            }
        }
      g_free (prev);
      prev = own;
    }

  if (rc != SQLITE_DONE)
    set_db_error (self, error);
  sqlite3_finalize (select);
  return rc == SQLITE_DONE;
}

/* The append-only triggers are there, as this program created them. */
static gboolean
sqlite_guards_intact (HzStoreBackend  *backend,
                      char           **out_missing,
                      GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  static const struct { const char *name; const char *sql; } guards[] = {
    { "audit_no_update", AUDIT_NO_UPDATE_SQL },
    { "audit_no_delete", AUDIT_NO_DELETE_SQL },
    { "history_no_update", HISTORY_NO_UPDATE_SQL },
    { "history_no_delete", HISTORY_NO_DELETE_SQL },
  };
  sqlite3_stmt *stmt = NULL;

  *out_missing = NULL;
  if (sqlite3_prepare_v2 (self->db, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (guards) && *out_missing == NULL; i++)
    {
      int rc;

      sqlite3_bind_text (stmt, 1, guards[i].name, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), guards[i].sql) != 0)
            *out_missing = g_strdup (guards[i].name);
        }
      else if (rc == SQLITE_DONE)
        *out_missing = g_strdup (guards[i].name);
      else
        {
          set_db_error (self, error);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

static gint64
sqlite_data_version (HzStoreBackend *backend)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = get_stmt (self, STMT_DATA_VERSION, &error);
  gint64 version = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  done_stmt (stmt);
  return version;
}

static GPtrArray *
sqlite_list_audit (HzStoreBackend  *backend,
                   const char      *case_id,
                   guint            limit,
                   GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = get_stmt (self, case_id ? STMT_LIST_CASE_AUDIT : STMT_LIST_AUDIT, error);

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  return collect_strings (self, stmt, error);
}

static gint64
sqlite_count_audit (HzStoreBackend *backend,
                    const char     *case_id)
{
  return count_with (SQLITE_BACKEND (backend), STMT_COUNT_AUDIT, case_id, NULL);
}

static gboolean
sqlite_check (HzStoreBackend  *backend,
              GError         **error)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        {
          if (problems->len > 0)
            g_string_append (problems, "; ");
          g_string_append (problems, line);
        }
    }

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  if (problems->len == 0)
    {
      /* every resource's case has its case row */
      if (sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
        {
          set_db_error (self, error);
          return FALSE;
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (problems->len > 0)
            g_string_append (problems, "; ");
          g_string_append_printf (problems, "foreign key violation in %s row %lld",
                                  (const char *) sqlite3_column_text (stmt, 0),
                                  (long long) sqlite3_column_int64 (stmt, 1));
        }
      if (rc != SQLITE_DONE)
        set_db_error (self, error);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return FALSE;
    }

  if (problems->len > 0)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged: %s"), self->path, problems->str);
      return FALSE;
    }

  return TRUE;
}

static void
sqlite_limit_size (HzStoreBackend *backend,
                   gint64          max_bytes)
{
  SqliteBackend *self = SQLITE_BACKEND (backend);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 page_size = 4096;

  if (!query_int (self, "PRAGMA page_size", &page_size, &error))
    g_warning ("%s", error->message);

  sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                         max_bytes > 0 ? MAX (max_bytes / page_size, 1) : G_GINT64_CONSTANT (4294967294));
  if (!exec_sql (self, sql, &error))
    g_warning ("%s", error->message);
}

const HzStoreBackendClass hz_store_sqlite_backend = {
  .name = "sqlite",
  .open = sqlite_open,
  .close = sqlite_close,
  .begin = sqlite_begin,
  .commit = sqlite_commit,
  .rollback = sqlite_rollback,
  .put_row = sqlite_put_row,
  .delete_row = sqlite_delete_row,
  .lookup = sqlite_lookup,
  .last_version = sqlite_last_version,
  .list_history = sqlite_list_history,
  .get_version = sqlite_get_version,
  .get_json = sqlite_get_json,
  .list_case = sqlite_list_case,
  .count = sqlite_count,
  .count_cases = sqlite_count_cases,
  .kind_cases = sqlite_kind_cases,
  .case_updated = sqlite_case_updated,
  .put_case = sqlite_put_case,
  .delete_case = sqlite_delete_case,
  .list_cases = sqlite_list_cases,
  .foreach_case = sqlite_foreach_case,
  .get_case = sqlite_get_case,
  .patient_cases = sqlite_patient_cases,
  .put_audit = sqlite_put_audit,
  .list_audit = sqlite_list_audit,
  .count_audit = sqlite_count_audit,
  .audit_head = sqlite_audit_head,
  .audit_foreach = sqlite_audit_foreach,
  .guards_intact = sqlite_guards_intact,
  .data_version = sqlite_data_version,
  .check = sqlite_check,
  .limit_size = sqlite_limit_size,
};
