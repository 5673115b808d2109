/* hz-store.h — the case store: FHIR resources in one database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hz-actor.h"

G_BEGIN_DECLS

typedef struct _HzCaseSummary HzCaseSummary;

#define HZ_STORE_ERROR (hz_store_error_quark ())

typedef enum {
  HZ_STORE_ERROR_FAILED,          /* the database failed (I/O, disk full, locked) */
  HZ_STORE_ERROR_CORRUPT,         /* not a Huizhen database, or damaged */
  HZ_STORE_ERROR_VERSION,         /* schema newer than this program */
  HZ_STORE_ERROR_INVALID_JSON,    /* the input is not JSON, or is truncated */
  HZ_STORE_ERROR_INVALID,         /* a resource breaks a rule; message names resource and field */
  HZ_STORE_ERROR_UNKNOWN_TYPE,    /* resourceType not one the store holds */
  HZ_STORE_ERROR_DANGLING_REFERENCE,
  HZ_STORE_ERROR_INVALID_DATE,
  HZ_STORE_ERROR_TOO_LARGE,       /* input over HZ_STORE_MAX_IMPORT_SIZE */
  HZ_STORE_ERROR_NOT_FOUND,
  HZ_STORE_ERROR_NO_ACTOR,        /* a write with no acting user set */
  HZ_STORE_ERROR_CONFLICT,        /* the stored version moved on since the writer read it */
  HZ_STORE_ERROR_READ_ONLY,       /* the database file may only be read */
  HZ_STORE_ERROR_TAMPERED,        /* the audit chain or its guards were broken */
} HzStoreError;

/* A base version meaning "whatever is stored now": for imports of another
 * system's data and for tools; never for a clinician's edit. */
#define HZ_STORE_ANY_VERSION ((gint64) -1)

/* One version of a resource (hz_store_history()) */
typedef struct
{
  gint64    version;       /* meta.versionId: 1, 2, 3... */
  char     *last_updated;  /* meta.lastUpdated of that version */
  char     *author;        /* the clinician who wrote it (HzActor.name) */
  gboolean  deleted;       /* a tombstone: the resource was deleted here */
  char     *case_id;
} HzStoreVersion;

void         hz_store_version_free       (HzStoreVersion *version);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzStoreVersion, hz_store_version_free)

/* Bundles larger than this are refused before parsing (bytes). */
#define HZ_STORE_MAX_IMPORT_SIZE (48 * 1024 * 1024)

#define HZ_TYPE_STORE (hz_store_get_type ())

G_DECLARE_FINAL_TYPE (HzStore, hz_store, HZ, STORE, GObject)

GQuark       hz_store_error_quark        (void);

/* HUIZHEN_DB if set, else $XDG_DATA_HOME/huizhen/huizhen.db. (transfer full) */
char        *hz_store_get_default_path   (void);

/* Opens (creating if needed, with parent directories) and migrates the
 * database at @path. Signals are emitted on the thread-default main
 * context of the caller. */
HzStore     *hz_store_new                (const char   *path,
                                          GError      **error);
void         hz_store_new_async          (const char          *path,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
HzStore     *hz_store_new_finish         (GAsyncResult  *result,
                                          GError       **error);

const char  *hz_store_get_path           (HzStore *self);

/* The acting clinician, named in every AuditEvent. Writes and case reads
 * fail with HZ_STORE_ERROR_NO_ACTOR until one is set. */
void         hz_store_set_actor          (HzStore       *self,
                                          const HzActor *actor);
const HzActor *hz_store_get_actor        (HzStore *self);

/* Writes one resource of case @case_id (an EpisodeOfCare id) in one
 * transaction, after validation. For an EpisodeOfCare @case_id may be NULL
 * (the case is itself). Sets meta.lastUpdated and meta.versionId.
 *
 * Versioned: the version the writer started from is the resource's own
 * meta.versionId, as the store gave it (none for a new resource). If the
 * stored resource has moved on (another window, process or clinician wrote
 * it), the write fails with HZ_STORE_ERROR_CONFLICT naming the resource,
 * both versions and who wrote the newer one, and nothing is written. The
 * version replaced is kept (hz_store_history()). */
gboolean     hz_store_put                (HzStore     *self,
                                          const char  *case_id,
                                          JsonObject  *resource,
                                          GError     **error);
/* Several resources, all or nothing. @resources holds JsonObject*. */
gboolean     hz_store_put_all            (HzStore     *self,
                                          const char  *case_id,
                                          GPtrArray   *resources,
                                          GError     **error);
/* Deletes: the resource leaves its case, its versions stay in the history
 * with a tombstone after them. @base_version: the version the clinician
 * saw (HZ_STORE_ANY_VERSION for tools). */
gboolean     hz_store_delete             (HzStore     *self,
                                          const char  *resource_type,
                                          const char  *id,
                                          gint64       base_version,
                                          GError     **error);

/* Every version of a resource, oldest first, tombstones included; no audit
 * row (no patient data). HZ_STORE_ERROR_NOT_FOUND if it never existed.
 * (transfer full) (element-type HzStoreVersion) */
GPtrArray   *hz_store_history            (HzStore     *self,
                                          const char  *resource_type,
                                          const char  *id,
                                          GError     **error);
/* One version as it was written; records a read AuditEvent. (transfer full) */
HzResource  *hz_store_get_version        (HzStore     *self,
                                          const char  *resource_type,
                                          const char  *id,
                                          gint64       version,
                                          GError     **error);

/* One resource, no audit row (use hz_store_read_case for case reads). (transfer full) */
HzResource  *hz_store_get                (HzStore     *self,
                                          const char  *resource_type,
                                          const char  *id,
                                          GError     **error);

/* Every resource of a case, in (type, date) order; records one
 * read AuditEvent for the case. Safe to call from a worker thread.
 * (transfer full) (element-type HzResource) */
GPtrArray   *hz_store_read_case          (HzStore     *self,
                                          const char  *case_id,
                                          GError     **error);

/* The case list: HzCaseSummary objects, with one read AuditEvent for the
 * listing. (transfer full) */
GPtrArray   *hz_store_list_cases         (HzStore     *self,
                                          GError     **error);

/* One row of the case list, for a view that updates the row of a case
 * that changed (HzStore::changed) in place; HZ_STORE_ERROR_NOT_FOUND when
 * the case is gone. Records a read AuditEvent of the case. (transfer full) */
HzCaseSummary *hz_store_get_case_summary (HzStore     *self,
                                          const char  *case_id,
                                          GError     **error);

/* Records one search of the case list for @query (codes and text as
 * typed, never translated). */
gboolean     hz_store_audit_search       (HzStore     *self,
                                          const char  *query,
                                          GError     **error);

/* Records one export of data built from audited reads (e.g. the
 * high-risk registry's CSV): subtype export, @what in entity.what ("Type/id"
 * or a query), @destination (a path or URL; NULL for standard output) in
 * entity.description. */
gboolean     hz_store_audit_export       (HzStore     *self,
                                          const char  *what,
                                          const char  *destination,
                                          GError     **error);

/* What an import would do to the store: resources it would add, change
 * (a new version; the earlier one is kept) and leave as they are */
typedef struct
{
  guint n_new;
  guint n_changed;
  guint n_unchanged;
} HzStoreImportCounts;

/* Imports a FHIR Bundle (type transaction or collection) as one
 * transaction: all or nothing. urn:uuid: fullUrls are given ids and the
 * references rewritten. Fields the store does not understand are kept.
 * @out_case_ids: (out) (optional) (transfer full): the EpisodeOfCare ids touched. */
gboolean     hz_store_import_bundle      (HzStore     *self,
                                          JsonNode    *bundle,
                                          const char  *source_name,
                                          GStrv       *out_case_ids,
                                          GError     **error);
/* The same from JSON text: what arrives as text (a file, a referral, a
 * consultation) should come in this way, so that a member given twice is
 * refused and numbers keep their digits. */
gboolean     hz_store_import_data        (HzStore     *self,
                                          const char  *data,
                                          gssize       length,
                                          const char  *name,
                                          const char  *source_name,
                                          GStrv       *out_case_ids,
                                          GError     **error);

gboolean     hz_store_preview_import_file (HzStore             *self,
                                           GFile               *file,
                                           HzStoreImportCounts *counts,
                                           GStrv               *out_case_ids,
                                           GCancellable        *cancellable,
                                           GError             **error);
gboolean     hz_store_import_file        (HzStore     *self,
                                          GFile       *file,
                                          GStrv       *out_case_ids,
                                          GCancellable *cancellable,
                                          GError     **error);

/* hz_store_import_data() as a versioned write: @base_versions (nullable)
 * maps "Type/id" to the stored version (gint64*) the sender's change
 * started from (HZ_STORE_ERROR_CONFLICT, nothing written, when it moved
 * on); with @preview nothing is written and the counts are returned. */
gboolean     hz_store_import_data_full   (HzStore             *self,
                                          const char          *data,
                                          gssize               length,
                                          const char          *name,
                                          const char          *source_name,
                                          GHashTable          *base_versions,
                                          HzStoreImportCounts *preview,
                                          GStrv               *out_case_ids,
                                          GError             **error);

/* The one writer of everything that leaves the store: a collection Bundle
 * of every resource of the case as UTF-8 JSON text indented by two
 * spaces, each resource exactly as stored: numbers keep the digits they
 * were written with (a JsonGenerator would print the double 36.6 as
 * 36.600000000000001). Records an export AuditEvent naming @destination
 * (a file path or URL; NULL for standard output).
 * @length: (out) (optional): bytes, without the trailing NUL. (transfer full) */
char        *hz_store_export_case_to_data (HzStore     *self,
                                           const char  *case_id,
                                           const char  *destination,
                                           gsize       *length,
                                           GError     **error);

/* The same writer for a chosen set of resources (@references: "Type/id",
 * NULL-terminated), as a transaction Bundle whose entries PUT each one:
 * what a referral sends. HZ_STORE_ERROR_NOT_FOUND names a reference the
 * store does not hold. Records an export AuditEvent. (transfer full) */
char        *hz_store_export_resources_to_data (HzStore            *self,
                                                const char * const *references,
                                                const char         *destination,
                                                gsize              *length,
                                                GError            **error);

/* Tamper evidence: every audit row carries a SHA-256 over the previous
 * row's hash and its own content. Checks the whole chain and the
 * append-only guards; @head (nullable) is a "COUNT:HASH" an auditor kept
 * from hz_store_audit_head(), so that rows cut off the end show too. On
 * success sets @out_count and @out_hash (the newest row's). Fails with
 * HZ_STORE_ERROR_TAMPERED naming the first row removed, changed or
 * inserted, or the guard that is gone. Works on a read-only store. */
gboolean     hz_store_verify_audit       (HzStore     *self,
                                          const char  *head,
                                          gint64      *out_count,
                                          char       **out_hash,
                                          GError     **error);
/* The same from where an earlier check ended ("COUNT:HASH"): that row
 * must still carry that hash; the rows after it are checked. */
gboolean     hz_store_verify_audit_since (HzStore     *self,
                                          const char  *verified_head,
                                          gint64      *out_count,
                                          char       **out_hash,
                                          GError     **error);
/* The number of audit rows and the newest row's hash, unchecked. */
gboolean     hz_store_audit_head         (HzStore     *self,
                                          gint64      *out_count,
                                          char       **out_hash,
                                          GError     **error);

/* The first audit row's hash (NULL for an empty log): another database at
 * the same path begins differently. */
gboolean     hz_store_audit_first_hash   (HzStore     *self,
                                          char       **out_hash,
                                          GError     **error);

/* AuditEvent resources, newest first; @case_id NULL for all. (transfer full) (element-type HzResource) */
GPtrArray   *hz_store_list_audit         (HzStore     *self,
                                          const char  *case_id,
                                          guint        limit,
                                          GError     **error);

/* The number of rows of the case list (patients' cases, not MDT
 * meetings); -1 when the store could not be read. */
gint64       hz_store_count_cases        (HzStore     *self);

/* Total number of stored resources (not counting audit rows). */
gint64       hz_store_count_resources    (HzStore     *self,
                                          const char  *case_id);

/* A shared copy: a case another hospital shared for a remote consultation,
 * kept in a database of its own (docs/data-model.md, "Shared copies").
 * Marking writes <database path>.shared-copy naming @origin (written
 * whole or not at all); from then on, here and in every process that
 * opens the file, each write of a resource or a blob is refused with
 * HZ_STORE_ERROR_READ_ONLY and a translated message naming @origin (the
 * refusal is audited); reads are audited as ever. A copy stays a copy. */
gboolean     hz_store_mark_shared_copy   (HzStore     *self,
                                          const char  *origin,
                                          GError     **error);
/* The origin of a shared copy, NULL for a store of this hospital's own.
 * (transfer none) */
const char  *hz_store_get_shared_copy    (HzStore     *self);

/* Blobs: files kept beside the database (images, clips), named by the
 * SHA-256 of their content: <database path>.blobs/ab/cdef… (the first
 * two hex digits a folder, the other 62 the file name). Each is written
 * to a temporary file in that folder, synced and renamed, so a crash
 * never leaves half a file under a blob's name; blobs are read-only
 * (mode 0400). Putting content the store already has writes nothing.
 * HZ_STORE_ERROR_READ_ONLY when the database may only be read.
 * @out_sha256: (out) (optional) (transfer full): the lower-case hex digest;
 * @out_new: (out) (optional): FALSE when the blob was there already. */
gboolean     hz_store_blob_put_file      (HzStore       *self,
                                          const char    *path,
                                          char         **out_sha256,
                                          GError       **error);
gboolean     hz_store_blob_put_bytes     (HzStore       *self,
                                          GBytes        *bytes,
                                          char         **out_sha256,
                                          GError       **error);
/* Streams @stream to the end into a blob, never holding it whole. */
gboolean     hz_store_blob_put_stream    (HzStore       *self,
                                          GInputStream  *stream,
                                          char         **out_sha256,
                                          gboolean      *out_new,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* The file of blob @sha256, or NULL when the store does not hold it (or
 * @sha256 is not 64 hex digits). (transfer full) */
char        *hz_store_blob_dup_path      (HzStore       *self,
                                          const char    *sha256);
/* The blob folder, <database path>.blobs (it may not exist yet). (transfer full) */
char        *hz_store_blob_dup_dir       (HzStore       *self);

/**
 * HzStore::changed:
 * @store: the store
 * @case_id: the EpisodeOfCare id the commit touched
 * @resource_types: (array zero-terminated=1): the resource types written
 *
 * Emitted once per committed transaction and case, on the main context the
 * store was created on, for this process's writes and, within about half a
 * second, for those of other processes on the same database.
 */

G_END_DECLS
