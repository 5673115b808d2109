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
} HzStoreError;

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

/* Writes (insert or replace) one resource of case @case_id (an
 * EpisodeOfCare id) in one transaction, after validation. For an
 * EpisodeOfCare @case_id may be NULL (the case is itself). Sets
 * meta.lastUpdated and meta.versionId. */
gboolean     hz_store_put                (HzStore     *self,
                                          const char  *case_id,
                                          JsonObject  *resource,
                                          GError     **error);
/* Several resources, all or nothing. @resources holds JsonObject*. */
gboolean     hz_store_put_all            (HzStore     *self,
                                          const char  *case_id,
                                          GPtrArray   *resources,
                                          GError     **error);
gboolean     hz_store_delete             (HzStore     *self,
                                          const char  *resource_type,
                                          const char  *id,
                                          GError     **error);

/* One resource, no audit row (use hz_store_read_case for case reads). (transfer full) */
JsonObject  *hz_store_get                (HzStore     *self,
                                          const char  *resource_type,
                                          const char  *id,
                                          GError     **error);

/* Every resource of a case (JsonObject*), in (type, date) order; records one
 * read AuditEvent for the case. Safe to call from a worker thread.
 * (transfer full) (element-type JsonObject) */
GPtrArray   *hz_store_read_case          (HzStore     *self,
                                          const char  *case_id,
                                          GError     **error);

/* The case list: HzCaseSummary objects. (transfer full) */
GPtrArray   *hz_store_list_cases         (HzStore     *self,
                                          GError     **error);

/* Imports a FHIR Bundle (type transaction or collection) as one
 * transaction: all or nothing. urn:uuid: fullUrls are given ids and the
 * references rewritten. Fields the store does not understand are kept.
 * @out_case_ids: (out) (optional) (transfer full): the EpisodeOfCare ids touched. */
gboolean     hz_store_import_bundle      (HzStore     *self,
                                          JsonNode    *bundle,
                                          const char  *source_name,
                                          GStrv       *out_case_ids,
                                          GError     **error);
gboolean     hz_store_import_file        (HzStore     *self,
                                          GFile       *file,
                                          GStrv       *out_case_ids,
                                          GCancellable *cancellable,
                                          GError     **error);

/* A collection Bundle holding every resource of the case, byte-for-byte
 * the JSON that was stored. (transfer full) */
JsonNode    *hz_store_export_case        (HzStore     *self,
                                          const char  *case_id,
                                          GError     **error);
/* The same Bundle as UTF-8 JSON text indented by two spaces, each resource
 * exactly as stored: numbers keep the digits they were written with (a
 * JsonGenerator prints the double 36.6 as 36.600000000000001). Use this to
 * write an export file. Records a read AuditEvent like hz_store_export_case().
 * @length: (out) (optional): bytes, without the trailing NUL. (transfer full) */
char        *hz_store_export_case_to_data (HzStore     *self,
                                           const char  *case_id,
                                           gsize       *length,
                                           GError     **error);

/* AuditEvent resources, newest first; @case_id NULL for all. (transfer full) (element-type JsonObject) */
GPtrArray   *hz_store_list_audit         (HzStore     *self,
                                          const char  *case_id,
                                          guint        limit,
                                          GError     **error);

/* Total number of stored resources (not counting audit rows). */
gint64       hz_store_count_resources    (HzStore     *self,
                                          const char  *case_id);

/**
 * HzStore::changed:
 * @store: the store
 * @case_id: the EpisodeOfCare id the commit touched
 * @resource_types: (array zero-terminated=1): the resource types written
 *
 * Emitted once per committed transaction and case, on the main context the
 * store was created on.
 */

G_END_DECLS
