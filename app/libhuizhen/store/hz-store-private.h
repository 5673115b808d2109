/* hz-store-private.h — the backend seam behind HzStore
 *
 * HzStore does validation, bundle handling, case assignment, audit and
 * change signals; a backend only stores rows. SQLite (hz-store-sqlite.c) is
 * the embedded one; a PostgreSQL/JSONB backend implements the same table of
 * functions.
 *
 * Calling conventions: HzStore serialises every call to a backend (one at a
 * time, under its lock), so a backend needs no locking of its own. Writes
 * happen only between begin() and commit()/rollback(). Errors are in the
 * HZ_STORE_ERROR domain with a translated message that names the database:
 * HZ_STORE_ERROR_FAILED (I/O, disk full, locked), HZ_STORE_ERROR_CORRUPT,
 * HZ_STORE_ERROR_VERSION; HZ_STORE_ERROR_NOT_FOUND only where stated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hz-store.h"
#include "hz-json-doc-private.h"

G_BEGIN_DECLS

/* The schema version this program writes; a database with a newer one is
 * refused with HZ_STORE_ERROR_VERSION. */
#define HZ_STORE_SCHEMA_VERSION 4

typedef struct _HzStoreBackend HzStoreBackend;

typedef struct
{
  const char *resource_type;
  const char *id;
  const char *case_id;       /* EpisodeOfCare id, NULL for a resource outside any case */
  const char *code;          /* first code.coding code (Observation LOINC...), may be NULL */
  const char *sort_date;     /* hz_fhir_date_sort_key() of the resource's date, may be NULL */
  gint64      version;       /* meta.versionId */
  const char *last_updated;  /* ISO instant, meta.lastUpdated */
  const char *json;          /* the whole resource, serialised ("" for a tombstone) */
  const char *author;        /* hz_store_author_string() of who wrote it */
} HzStoreRow;

/* One row of the audit log. @hash is hz_store_audit_hash() over the
 * previous row's hash and this row's columns; @seq counts from 1 without
 * gaps, so a removed row shows. */
typedef struct
{
  gint64      seq;
  const char *id;
  const char *case_id;
  const char *recorded;
  const char *json;
  const char *hash;
} HzStoreAuditRow;

/* Return FALSE to stop. */
typedef gboolean (*HzStoreAuditRowFunc) (const HzStoreAuditRow *row,
                                         gpointer               user_data);

/* The hash before the first row */
#define HZ_STORE_AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* SHA-256 (hex) of @prev_hash and the row's canonical content. (transfer full) */
char        *hz_store_audit_hash          (const char *prev_hash,
                                           gint64      seq,
                                           const char *id,
                                           const char *case_id,
                                           const char *recorded,
                                           const char *json);

/* One row of the derived case list (see hz-case-summary-private.h). A row
 * exists for every EpisodeOfCare; resources.case_id refers to it. */
typedef struct
{
  const char *case_id;
  const char *patient_id;    /* may be NULL */
  const char *updated;       /* latest meta.lastUpdated of the case */
  const char *summary;       /* serialised summary JSON */

  /* What the list is ordered and searched by (HzCaseSummaryKeys).
   * has_keys is FALSE for a row from before schema 3. */
  gboolean    has_keys;
  int         risk_rank;
  gboolean    purple;
  const char *sort_name;
  const char *search;
  gint32      ga_start;
  gboolean    delivered;

  /* NULL for a patient's case; "mdt-meeting" for an MDT meeting (its
   * EpisodeOfCare's type), which the case list leaves out */
  const char *kind;
} HzStoreCaseRow;

/* The orders of the case list (HzCaseOrder, from 1): a backend sorts by
 * the keys exactly as the list model does, so that a first page read in
 * order is the top of the whole list. */
typedef enum {
  HZ_STORE_CASE_ORDER_NONE,
  HZ_STORE_CASE_ORDER_RISK,       /* risk_rank, purple first, sort_name, case_id */
  HZ_STORE_CASE_ORDER_NAME,       /* sort_name, case_id */
  HZ_STORE_CASE_ORDER_DATING,     /* dated and not delivered (earliest ga_start first), delivered, not dated; then by name */
  HZ_STORE_CASE_ORDER_UPDATED,    /* updated, newest first; then by name */
} HzStoreCaseOrder;

/* Called for each row; the strings live until it returns. FALSE stops. */
typedef gboolean (*HzStoreCaseRowFunc) (const HzStoreCaseRow *row,
                                        gpointer              user_data);

typedef struct
{
  const char *name;   /* "sqlite" */

  /* Opens (creating when new) and migrates to HZ_STORE_SCHEMA_VERSION. */
  HzStoreBackend *(*open)          (const char *uri, GError **error);
  void            (*close)         (HzStoreBackend *backend);

  /* A write transaction (taking the write lock at once) */
  gboolean        (*begin)         (HzStoreBackend *backend, GError **error);
  gboolean        (*commit)        (HzStoreBackend *backend, GError **error);
  void            (*rollback)      (HzStoreBackend *backend);

  /* Resources, by (type, id). put_row inserts or replaces; the row it
   * replaces is kept in the history, never lost. */
  gboolean        (*put_row)       (HzStoreBackend *backend, const HzStoreRow *row, GError **error);
  /* Moves the current row to the history, adds @tombstone (its version,
   * case, time and author; no JSON) after it and removes the row from the
   * current resources. */
  gboolean        (*delete_row)    (HzStoreBackend *backend, const HzStoreRow *tombstone,
                                    GError **error);
  /* TRUE if present (with its case id, version and author); FALSE if
   * absent, or FALSE with @error set if the lookup failed. */
  gboolean        (*lookup)        (HzStoreBackend *backend, const char *type, const char *id,
                                    char **out_case_id, gint64 *out_version, char **out_author,
                                    GError **error);
  /* The newest version in the history (a deleted resource's tombstone), 0
   * if none; FALSE on error. */
  gboolean        (*last_version)  (HzStoreBackend *backend, const char *type, const char *id,
                                    gint64 *out_version, char **out_author, GError **error);
  /* (element-type HzStoreVersion) every version, oldest first, the current one last */
  GPtrArray      *(*list_history)  (HzStoreBackend *backend, const char *type, const char *id,
                                    GError **error);
  /* (transfer full) the JSON of one version, HZ_STORE_ERROR_NOT_FOUND if none */
  char           *(*get_version)   (HzStoreBackend *backend, const char *type, const char *id,
                                    gint64 version, GError **error);
  /* (transfer full) serialised JSON, NULL + HZ_STORE_ERROR_NOT_FOUND if absent */
  char           *(*get_json)      (HzStoreBackend *backend, const char *type, const char *id,
                                    char **out_case_id, GError **error);
  /* (element-type utf8) serialised JSON of the case's resources, if
   * @sorted in (type, sort_date, id) order, undated last, else in any order;
   * only of @type and @code when not NULL */
  GPtrArray      *(*list_case)     (HzStoreBackend *backend, const char *case_id,
                                    const char *type, const char *code, gboolean sorted,
                                    GError **error);
  /* Number of resources of a case (all if NULL) and of a type (all if NULL); -1 on error */
  gint64          (*count)         (HzStoreBackend *backend, const char *case_id,
                                    const char *type);
  /* (transfer full) max(last_updated) of the case's resources, NULL if none */
  char           *(*case_updated)  (HzStoreBackend *backend, const char *case_id,
                                    GError **error);

  /* The case list */
  gboolean        (*put_case)      (HzStoreBackend *backend, const HzStoreCaseRow *row,
                                    GError **error);
  gboolean        (*delete_case)   (HzStoreBackend *backend, const char *case_id, GError **error);
  /* The number of patients' cases (rows of kind NULL) */
  gint64          (*count_cases)   (HzStoreBackend *backend);
  /* (element-type utf8) the ids of the cases of @kind, oldest first */
  GPtrArray      *(*kind_cases)    (HzStoreBackend *backend, const char *kind, GError **error);
  /* (element-type utf8) the summary JSON of every case */
  GPtrArray      *(*list_cases)    (HzStoreBackend *backend, GError **error);
  /* Every row of the case list (@case_id NULL), or that of one case;
   * @without_keys: only rows from before schema 3; @order NONE: in no
   * particular order, else the first @limit rows in that order. */
  gboolean        (*foreach_case)  (HzStoreBackend *backend, const char *case_id,
                                    gboolean without_keys, HzStoreCaseOrder order,
                                    guint limit, HzStoreCaseRowFunc func,
                                    gpointer user_data, GError **error);
  /* (transfer full) the summary JSON of one case, HZ_STORE_ERROR_NOT_FOUND if none */
  char           *(*get_case)      (HzStoreBackend *backend, const char *case_id, GError **error);
  /* (element-type utf8) ids of the cases (EpisodeOfCare) of a patient */
  GPtrArray      *(*patient_cases) (HzStoreBackend *backend, const char *patient_id,
                                    GError **error);

  /* The append-only audit log */
  gboolean        (*put_audit)     (HzStoreBackend *backend, const HzStoreAuditRow *row,
                                    GError **error);
  /* The newest row's seq and hash (0 and NULL for an empty log) */
  gboolean        (*audit_head)    (HzStoreBackend *backend, gint64 *out_seq, char **out_hash,
                                    GError **error);
  /* Calls @func for every row after @after_seq, in order */
  gboolean        (*audit_foreach) (HzStoreBackend *backend, gint64 after_seq,
                                    HzStoreAuditRowFunc func, gpointer user_data,
                                    GError **error);
  /* Whether the append-only guards (triggers) are in place; @out_missing
   * names the first one missing or changed */
  gboolean        (*guards_intact) (HzStoreBackend *backend, char **out_missing, GError **error);
  /* A number that changes when another connection commits (PRAGMA
   * data_version); -1 if unknown. A PostgreSQL backend feeds the same
   * path from LISTEN/NOTIFY. */
  gint64          (*data_version)  (HzStoreBackend *backend);
  /* (element-type utf8) serialised AuditEvents, newest first; @limit 0 for all */
  GPtrArray      *(*list_audit)    (HzStoreBackend *backend, const char *case_id, guint limit,
                                    GError **error);
  /* -1 on error */
  gint64          (*count_audit)   (HzStoreBackend *backend, const char *case_id);

  /* A full consistency check (PRAGMA integrity_check for SQLite) */
  gboolean        (*check)         (HzStoreBackend *backend, GError **error);
  /* Caps the database size (bytes, 0 for none), so that tests can run out of space */
  void            (*limit_size)    (HzStoreBackend *backend, gint64 max_bytes);
} HzStoreBackendClass;

extern const HzStoreBackendClass hz_store_sqlite_backend;

struct _HzStoreBackend
{
  const HzStoreBackendClass *klass;
};

/* The one write path (hz-store.c), used by hz_store_put*() and the bundle
 * import (hz-store-bundle.c). Validates @resources (HzJv* objects of @doc,
 * modified in place: missing ids generated, meta set), assigns each to a case (all
 * to @case_id when not NULL), writes them with one AuditEvent each in ONE
 * transaction, and emits HzStore::changed once per case after the commit.
 * @base_versions: (nullable): per resource, the version the writer started
 * from (0: a new resource; HZ_STORE_ANY_VERSION: no check); NULL for no
 * check. A mismatch fails the whole write with HZ_STORE_ERROR_CONFLICT.
 * @deletes: (nullable) (element-type HzStoreDeleteOp): deletes in the same
 * transaction, after the writes.
 * @entry_labels: name resources without a usable type/id as bundle entries
 * ("Bundle entry 3") rather than "Resource".
 * @out_case_ids: (out) (optional): the cases written, in order of appearance */
/* A delete inside hz_store_write()'s transaction */
typedef struct
{
  char   *type;
  char   *id;
  gint64  base_version;   /* HZ_STORE_ANY_VERSION or the version it started from */
} HzStoreDeleteOp;

void         hz_store_delete_op_free      (HzStoreDeleteOp *op);

gboolean     hz_store_write_full          (HzStore             *self,
                                           HzJsonDoc           *doc,
                                           GPtrArray           *resources,
                                           const gint64        *base_versions,
                                           GPtrArray           *deletes,
                                           const char          *case_id,
                                           const char          *source_name,
                                           gboolean             entry_labels,
                                           HzStoreImportCounts *preview,
                                           GStrv               *out_case_ids,
                                           GError             **error);
gboolean     hz_store_write               (HzStore      *self,
                                           HzJsonDoc    *doc,
                                           GPtrArray    *resources,
                                           const gint64 *base_versions,
                                           GPtrArray    *deletes,
                                           const char   *case_id,
                                           const char   *source_name,
                                           gboolean      entry_labels,
                                           GStrv        *out_case_ids,
                                           GError      **error);

/* The resources (HzJv*) of the Bundle (or lone resource) in @doc,
 * urn:uuid: references rewritten; per resource the version it started
 * from in @bases (gint64); a transaction's deletes in @deletes
 * (HzStoreDeleteOp*). */
GPtrArray   *hz_store_bundle_resources    (HzJsonDoc    *doc,
                                           GArray       *bases,
                                           GPtrArray    *deletes,
                                           GError      **error);

/* The stored JSON of a case's resources (of @types, all if NULL), in
 * (type, date) order if @sorted, with a read AuditEvent if @audited (an
 * export naming @export_destination when that is not NULL). The patient's row
 * when it is filed under another case (her first pregnancy) is returned
 * apart in @out_patient_json. Safe from any thread. (element-type utf8) */
GPtrArray   *hz_store_read_case_rows      (HzStore             *self,
                                           const char          *case_id,
                                           const char * const  *types,
                                           gboolean             sorted,
                                           gboolean             audited,
                                           const char          *export_destination,
                                           char               **out_patient_json,
                                           GError             **error);

/* The same, parsed: one document whose root is an array of the resource
 * objects (the patient filed under another case last). Safe from any
 * thread; what HzCase keeps. */
HzJsonDoc   *hz_store_read_case_doc       (HzStore             *self,
                                           const char          *case_id,
                                           const char * const  *types,
                                           gboolean             audited,
                                           GError             **error);

/* For the CLI and tests: a full integrity check of the database. */
gboolean     hz_store_check_integrity     (HzStore     *self,
                                           GError     **error);
/* For tests: make the database "full" beyond @max_bytes (0: no limit). */
void         hz_store_limit_size          (HzStore     *self,
                                           gint64       max_bytes);
/* Number of audit rows of a case (all if NULL), -1 on error. */
/* The ids of the cases of @kind (HZ_CASE_KIND_MEETING), oldest first, as
 * one audited listing. (element-type utf8) (transfer full) */
GPtrArray   *hz_store_list_case_ids      (HzStore     *self,
                                          const char  *kind,
                                          GError     **error);
gint64       hz_store_count_audit         (HzStore     *self,
                                           const char  *case_id);
/* Used by HzCase to refresh after a change notification: the case's
 * resources of @types (all if NULL), without an audit row (the case was
 * opened, and audited, by hz_store_read_case()). (element-type HzResource) */
GPtrArray   *hz_store_read_case_unaudited (HzStore             *self,
                                           const char          *case_id,
                                           const char * const  *types,
                                           GError             **error);

/* FALSE with HZ_STORE_ERROR_READ_ONLY naming the origin when the store
 * is a shared copy (hz_store_mark_shared_copy()) */
gboolean     hz_store_check_writable      (HzStore             *self,
                                           GError             **error);

/* The case's resources of @types only, with one read AuditEvent for the
 * case, as hz_store_read_case() records: for a view that shows a few
 * types of many cases (the high-risk registry). (element-type HzResource) */
GPtrArray   *hz_store_read_case_types     (HzStore             *self,
                                           const char          *case_id,
                                           const char * const  *types,
                                           GError             **error);

gboolean hz_store_foreach_case_row (HzStore             *self,
                                    const char          *case_id,
                                    HzStoreCaseOrder     first_order,
                                    guint                first_limit,
                                    HzStoreCaseRowFunc   first_func,
                                    HzStoreCaseRowFunc   func,
                                    gpointer             user_data,
                                    GError             **error);

G_END_DECLS
