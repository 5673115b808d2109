/* hz-store-private.h — the backend seam behind HzStore
 *
 * HzStore does validation, bundle handling, audit and change signals; a
 * backend only stores rows. SQLite (hz-store-sqlite.c) is the embedded one;
 * a PostgreSQL/JSONB backend implements the same table of functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hz-store.h"

G_BEGIN_DECLS

typedef struct _HzStoreBackend HzStoreBackend;

typedef struct
{
  const char *resource_type;
  const char *id;
  const char *case_id;       /* EpisodeOfCare id, may be NULL for shared resources */
  const char *last_updated;  /* ISO instant */
  const char *json;          /* the whole resource, serialised */
} HzStoreRow;

typedef struct
{
  const char *name;   /* "sqlite" */

  HzStoreBackend *(*open)        (const char *uri, GError **error);
  void            (*close)       (HzStoreBackend *backend);
  gboolean        (*begin)       (HzStoreBackend *backend, GError **error);
  gboolean        (*commit)      (HzStoreBackend *backend, GError **error);
  void            (*rollback)    (HzStoreBackend *backend);
  gboolean        (*put_row)     (HzStoreBackend *backend, const HzStoreRow *row, GError **error);
  gboolean        (*delete_row)  (HzStoreBackend *backend, const char *type, const char *id, GError **error);
  /* (transfer full) serialised JSON, NULL + HZ_STORE_ERROR_NOT_FOUND if absent */
  char           *(*get_json)    (HzStoreBackend *backend, const char *type, const char *id,
                                  char **out_case_id, GError **error);
  gboolean        (*exists)      (HzStoreBackend *backend, const char *type, const char *id,
                                  char **out_case_id);
  /* (element-type utf8) serialised JSON of each resource of the case */
  GPtrArray      *(*list_case)   (HzStoreBackend *backend, const char *case_id, GError **error);
  /* (element-type utf8) ids of every EpisodeOfCare */
  GPtrArray      *(*list_case_ids) (HzStoreBackend *backend, GError **error);
  gboolean        (*put_audit)   (HzStoreBackend *backend, const char *id, const char *case_id,
                                  const char *recorded, const char *json, GError **error);
  GPtrArray      *(*list_audit)  (HzStoreBackend *backend, const char *case_id, guint limit,
                                  GError **error);
  gint64          (*count)       (HzStoreBackend *backend, const char *case_id);
} HzStoreBackendClass;

extern const HzStoreBackendClass hz_store_sqlite_backend;

struct _HzStoreBackend
{
  const HzStoreBackendClass *klass;
};

G_END_DECLS
