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
#define HZ_STORE_SCHEMA_VERSION 1

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
  const char *json;          /* the whole resource, serialised */
} HzStoreRow;

/* One row of the derived case list (see hz-case-summary-private.h). A row
 * exists for every EpisodeOfCare; resources.case_id refers to it. */
typedef struct
{
  const char *case_id;
  const char *patient_id;    /* may be NULL */
  const char *updated;       /* latest meta.lastUpdated of the case */
  const char *summary;       /* serialised summary JSON */
} HzStoreCaseRow;

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

  /* Resources, by (type, id). put_row inserts or replaces. */
  gboolean        (*put_row)       (HzStoreBackend *backend, const HzStoreRow *row, GError **error);
  gboolean        (*delete_row)    (HzStoreBackend *backend, const char *type, const char *id,
                                    GError **error);
  /* TRUE if present (with its case id and version); FALSE if absent, or
   * FALSE with @error set if the lookup failed. */
  gboolean        (*lookup)        (HzStoreBackend *backend, const char *type, const char *id,
                                    char **out_case_id, gint64 *out_version, GError **error);
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
  /* (element-type utf8) the summary JSON of every case */
  GPtrArray      *(*list_cases)    (HzStoreBackend *backend, GError **error);
  /* (element-type utf8) ids of the cases (EpisodeOfCare) of a patient */
  GPtrArray      *(*patient_cases) (HzStoreBackend *backend, const char *patient_id,
                                    GError **error);

  /* The append-only audit log */
  gboolean        (*put_audit)     (HzStoreBackend *backend, const char *id, const char *case_id,
                                    const char *recorded, const char *json, GError **error);
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
 * @entry_labels: name resources without a usable type/id as bundle entries
 * ("Bundle entry 3") rather than "Resource".
 * @out_case_ids: (out) (optional): the cases written, in order of appearance */
gboolean     hz_store_write               (HzStore      *self,
                                           HzJsonDoc    *doc,
                                           GPtrArray    *resources,
                                           const char   *case_id,
                                           const char   *source_name,
                                           gboolean      entry_labels,
                                           GStrv        *out_case_ids,
                                           GError      **error);

/* The stored JSON of a case's resources (of @types, all if NULL), in
 * (type, date) order if @sorted, with a read AuditEvent if @audited. The patient's row
 * when it is filed under another case (her first pregnancy) is returned
 * apart in @out_patient_json. Safe from any thread. (element-type utf8) */
GPtrArray   *hz_store_read_case_rows      (HzStore             *self,
                                           const char          *case_id,
                                           const char * const  *types,
                                           gboolean             sorted,
                                           gboolean             audited,
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
gint64       hz_store_count_audit         (HzStore     *self,
                                           const char  *case_id);
/* Used by HzCase to refresh after a change notification: the case's
 * resources of @types (all if NULL), without an audit row (the case was
 * opened, and audited, by hz_store_read_case()). (element-type JsonObject) */
GPtrArray   *hz_store_read_case_unaudited (HzStore             *self,
                                           const char          *case_id,
                                           const char * const  *types,
                                           GError             **error);

G_END_DECLS
