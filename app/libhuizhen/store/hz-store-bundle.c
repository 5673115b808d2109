/* hz-store-bundle.c — FHIR Bundle import and export for HzStore
 *
 * A bundle (type transaction or collection) is imported as ONE
 * transaction through hz_store_write(): all of it or nothing. Entries
 * named by urn:uuid: fullUrls get an id (generated when the resource has
 * none) and every reference to them is rewritten to Type/id. Everything
 * else in the resources, including fields the store does not understand,
 * is kept as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-fhir-private.h"
#include "hz-json-doc-private.h"
#include "hz-store-private.h"

typedef struct
{
  HzJsonDoc  *doc;
  GHashTable *urns;   /* fullUrl → "Type/id" */
} Rewrite;

static void
rewrite_urn_cb (const char *path,
                HzJv       *reference_object,
                HzJv       *reference_value,
                gpointer    user_data)
{
  Rewrite *rewrite = user_data;
  const char *target;

  if (!g_str_has_prefix (reference_value->str, "urn:uuid:"))
    return;

  /* left alone when unknown: validation names it as dangling */
  target = g_hash_table_lookup (rewrite->urns, reference_value->str);
  if (target != NULL)
    hz_jv_set_string (rewrite->doc, reference_value, target);
}

/* W/"3" (or "3") → 3 */
static gboolean
parse_if_match (const char *if_match,
                gint64     *out)
{
  g_autofree char *digits = NULL;
  const char *p = if_match;
  gsize n;

  if (g_str_has_prefix (p, "W/"))
    p += 2;
  n = strlen (p);
  if (n < 3 || p[0] != '"' || p[n - 1] != '"')
    return FALSE;
  digits = g_strndup (p + 1, n - 2);

  return g_ascii_string_to_signed (digits, 10, 1, G_MAXINT64, out, NULL);
}

/* A transaction entry's request: what it asks for, and the version it
 * started from (entry.request.ifMatch), in @bases; a DELETE goes to
 * @deletes. Returns FALSE with @error set for a request that cannot be
 * honoured. */
static gboolean
read_request (HzJv        *entry,
              guint        index,
              HzJv        *resource,
              GArray      *bases,
              GPtrArray   *deletes,
              gboolean    *out_is_delete,
              GError     **error)
{
  HzJv *request = hz_jv_get_object (entry, "request");
  const char *method;
  const char *url;
  const char *if_match;
  gint64 base = HZ_STORE_ANY_VERSION;

  *out_is_delete = FALSE;
  if (request == NULL)
    {
      g_array_append_val (bases, base);
      return TRUE;
    }

  method = hz_jv_get_string (request, "method");
  url = hz_jv_get_string (request, "url");
  if_match = hz_jv_get_string (request, "ifMatch");

  if (if_match != NULL && !parse_if_match (if_match, &base))
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                   _("Bundle entry %u: field “request.ifMatch” is “%s”, not a version "
                     "such as W/\"3\""), index + 1, if_match);
      return FALSE;
    }

  if (g_strcmp0 (method, "DELETE") == 0)
    {
      g_autofree char *type = NULL;
      g_autofree char *id = NULL;
      HzStoreDeleteOp *op;

      if (url == NULL || !hz_fhir_split_reference (url, &type, &id))
        {
          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                       _("Bundle entry %u: a DELETE needs “request.url” as Type/id, not “%s”"),
                       index + 1, url ? url : "");
          return FALSE;
        }
      op = g_new0 (HzStoreDeleteOp, 1);
      op->type = g_steal_pointer (&type);
      op->id = g_steal_pointer (&id);
      op->base_version = base;
      g_ptr_array_add (deletes, op);
      *out_is_delete = TRUE;
      return TRUE;
    }

  if (g_strcmp0 (method, "POST") == 0)
    base = 0;  /* a create: the resource must not exist */
  else if (g_strcmp0 (method, "PUT") != 0)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                   _("Bundle entry %u: field “request.method” is “%s”; "
                     "only POST, PUT and DELETE can be imported"),
                   index + 1, method ? method : "");
      return FALSE;
    }

  if (resource == NULL)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                   _("Bundle entry %u: field “resource” is missing"), index + 1);
      return FALSE;
    }

  g_array_append_val (bases, base);
  return TRUE;
}

/* The resources (HzJv*) of the bundle in @doc, urn:uuid: references
 * rewritten, with the version each started from (@bases) and the deletes
 * of a transaction (@deletes). */
GPtrArray *
hz_store_bundle_resources (HzJsonDoc  *doc,
                           GArray     *bases,
                           GPtrArray  *deletes,
                           GError    **error)
{
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GHashTable) urns = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  HzJv *root = hz_json_doc_get_root (doc);
  const char *resource_type;
  const char *bundle_type;
  HzJv *entries;
  guint i = 0;

  if (root == NULL || root->type != HZ_JV_OBJECT)
    {
      g_set_error_literal (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                           _("The data is not a FHIR Bundle: the top level is not a JSON object"));
      return NULL;
    }

  resource_type = hz_jv_get_string (root, "resourceType");
  if (g_strcmp0 (resource_type, "Bundle") != 0)
    {
      /* A lone resource is imported as a bundle of one. */
      if (resource_type != NULL)
        {
          gint64 any = HZ_STORE_ANY_VERSION;

          resources = g_ptr_array_new ();
          g_ptr_array_add (resources, root);
          g_array_append_val (bases, any);
          return g_steal_pointer (&resources);
        }

      g_set_error_literal (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                           _("The data is not a FHIR Bundle: field “resourceType” is missing"));
      return NULL;
    }

  bundle_type = hz_jv_get_string (root, "type");
  if (g_strcmp0 (bundle_type, "transaction") != 0 && g_strcmp0 (bundle_type, "collection") != 0)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                   _("Bundle: field “type” is “%s”; only “transaction” and “collection” "
                     "bundles can be imported"),
                   bundle_type ? bundle_type : "");
      return NULL;
    }

  entries = hz_jv_get (root, "entry");
  if (entries == NULL || entries->type == HZ_JV_NULL)
    return g_ptr_array_new ();

  if (entries->type != HZ_JV_ARRAY)
    {
      g_set_error_literal (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                           _("Bundle: field “entry” is not a list"));
      return NULL;
    }

  resources = g_ptr_array_sized_new (entries->n_children);

  for (HzJv *entry = entries->first; entry != NULL; entry = entry->next, i++)
    {
      HzJv *resource;
      const char *full_url;
      const char *type;

      if (entry->type != HZ_JV_OBJECT)
        {
          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                       _("Bundle entry %u is not a JSON object"), i + 1);
          return NULL;
        }

      resource = hz_jv_get_object (entry, "resource");
      if (strcmp (bundle_type, "transaction") == 0)
        {
          gboolean is_delete;

          if (!read_request (entry, i, resource, bases, deletes, &is_delete, error))
            return NULL;
          if (is_delete)
            continue;
        }
      else
        {
          gint64 any = HZ_STORE_ANY_VERSION;

          g_array_append_val (bases, any);
        }

      if (resource == NULL)
        {
          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                       _("Bundle entry %u: field “resource” is missing"), i + 1);
          return NULL;
        }
      g_ptr_array_add (resources, resource);

      full_url = hz_jv_get_string (entry, "fullUrl");
      type = hz_jv_get_string (resource, "resourceType");
      if (full_url == NULL || !g_str_has_prefix (full_url, "urn:uuid:") || type == NULL)
        continue;  /* hz_store_write() says what is wrong with the resource */

      {
        HzJv *id_node = hz_jv_get (resource, "id");
        const char *id;

        if (id_node == NULL || id_node->type == HZ_JV_NULL)
          {
            g_autofree char *new_id = g_uuid_string_random ();

            hz_jv_object_set_string (doc, resource, "id", new_id);
          }
        id = hz_jv_get_string (resource, "id");

        if (g_hash_table_contains (urns, full_url))
          {
            g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                         _("Bundle entry %u: fullUrl “%s” is used by more than one entry"),
                         i + 1, full_url);
            return NULL;
          }

        g_hash_table_insert (urns, (gpointer) full_url,
                             g_strconcat (type, "/", id ? id : "", NULL));
      }
    }

  if (g_hash_table_size (urns) > 0)
    {
      Rewrite rewrite = { doc, urns };

      for (i = 0; i < resources->len; i++)
        hz_fhir_jv_foreach_reference (g_ptr_array_index (resources, i), rewrite_urn_cb, &rewrite);
    }

  return g_steal_pointer (&resources);
}

static gboolean
import_text (HzStore             *self,
             char                *text,
             gsize                length,
             const char          *name,
             const char          *source_name,
             GHashTable          *base_versions,
             HzStoreImportCounts *preview,
             GStrv               *out_case_ids,
             GError             **error)
{
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GArray) bases = NULL;
  g_autoptr(GPtrArray) deletes = NULL;
  g_autoptr(GError) local_error = NULL;

  doc = hz_json_doc_parse (text, length, &local_error);
  if (doc == NULL)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID_JSON,
                   _("“%s” is not valid JSON: %s"), name, local_error->message);
      return FALSE;
    }

  if (hz_json_doc_get_root (doc) == NULL)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID_JSON,
                   _("“%s” is empty"), name);
      return FALSE;
    }

  bases = g_array_new (FALSE, FALSE, sizeof (gint64));
  deletes = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_store_delete_op_free);
  resources = hz_store_bundle_resources (doc, bases, deletes, error);
  if (resources == NULL)
    return FALSE;

  /* the versions the sender started from, where the caller knows them */
  for (guint i = 0; base_versions != NULL && i < resources->len; i++)
    {
      HzJv *resource = g_ptr_array_index (resources, i);
      g_autofree char *key = g_strdup_printf ("%s/%s", hz_jv_get_string (resource, "resourceType"),
                                              hz_jv_get_string (resource, "id"));
      const gint64 *base = g_hash_table_lookup (base_versions, key);

      if (base != NULL)
        g_array_index (bases, gint64, i) = *base;
    }

  return hz_store_write_full (self, doc, resources, (const gint64 *) bases->data, deletes, NULL,
                              source_name, TRUE, preview, out_case_ids, error);
}

/**
 * hz_store_import_bundle:
 * @self: the store
 * @bundle: a FHIR Bundle (type transaction or collection); not modified
 * @source_name: (nullable): where it came from, noted in the audit rows
 * @out_case_ids: (out) (optional) (transfer full): the EpisodeOfCare ids touched
 * @error: return location for a #GError
 *
 * Imports @bundle as one transaction: all or nothing.
 */
gboolean
hz_store_import_bundle (HzStore     *self,
                        JsonNode    *bundle,
                        const char  *source_name,
                        GStrv       *out_case_ids,
                        GError     **error)
{
  char *text;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (bundle != NULL, FALSE);

  /* the store works on its own copy: the caller's tree is not touched */
  text = hz_json_node_to_string (bundle);

  return import_text (self, text, strlen (text), _("Bundle"), source_name, NULL, NULL, out_case_ids,
                      error);
}

/**
 * hz_store_import_data:
 * @self: the store
 * @data: JSON text of a FHIR Bundle (or of one resource)
 * @length: its length, or -1 if NUL-terminated
 * @name: what to call it in errors (a file name, "referral from 县医院")
 * @source_name: (nullable): where it came from, noted in the audit rows
 * @out_case_ids: (out) (optional) (transfer full): the EpisodeOfCare ids touched
 * @error: return location for a #GError
 *
 * Imports JSON text as one transaction. Prefer this to
 * hz_store_import_bundle() for anything received as text: only the text
 * shows a member given twice (which is refused) and every digit of a
 * number as it was sent.
 */
gboolean
hz_store_import_data (HzStore     *self,
                      const char  *data,
                      gssize       length,
                      const char  *name,
                      const char  *source_name,
                      GStrv       *out_case_ids,
                      GError     **error)
{
  return hz_store_import_data_full (self, data, length, name, source_name, NULL, NULL,
                                    out_case_ids, error);
}

/**
 * hz_store_import_data_full:
 * @self: the store
 * @data: JSON text of a FHIR Bundle (or of one resource)
 * @length: its length, or -1 if NUL-terminated
 * @name: what to call it in errors
 * @source_name: (nullable): where it came from, noted in the audit rows
 * @base_versions: (nullable) (element-type utf8 gint64): "Type/id" → the
 *   stored version (a gint64*) the sender's change started from: a
 *   versioned write of those resources, which fails with
 *   HZ_STORE_ERROR_CONFLICT, writing nothing, when the stored version has
 *   moved on since (an answer to a referral that was changed here meanwhile)
 * @preview: (out) (optional): when given, nothing is written: the counts of
 *   what the import would add, change and leave as it is
 * @out_case_ids: (out) (optional) (transfer full): the EpisodeOfCare ids touched
 * @error: return location for a #GError
 *
 * hz_store_import_data() with the versions the sender started from, and a
 * preview.
 */
gboolean
hz_store_import_data_full (HzStore             *self,
                           const char          *data,
                           gssize               length,
                           const char          *name,
                           const char          *source_name,
                           GHashTable          *base_versions,
                           HzStoreImportCounts *preview,
                           GStrv               *out_case_ids,
                           GError             **error)
{
  gsize len;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (len > HZ_STORE_MAX_IMPORT_SIZE)
    {
      g_autofree char *size_str = g_format_size (len);
      g_autofree char *limit_str = g_format_size (HZ_STORE_MAX_IMPORT_SIZE);

      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_TOO_LARGE,
                   _("“%s” is %s; files larger than %s cannot be imported"),
                   name, size_str, limit_str);
      return FALSE;
    }

  /* the parser works in place on its own copy */
  return import_text (self, g_strndup (data, len), len, name, source_name, base_versions, preview,
                      out_case_ids, error);
}

static int
io_error_to_store_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return HZ_STORE_ERROR_NOT_FOUND;

  return HZ_STORE_ERROR_FAILED;
}

/**
 * hz_store_import_file:
 * @self: the store
 * @file: a JSON file holding a FHIR Bundle
 * @out_case_ids: (out) (optional) (transfer full): the EpisodeOfCare ids touched
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Imports a bundle file as one transaction. Files larger than
 * %HZ_STORE_MAX_IMPORT_SIZE are refused (HZ_STORE_ERROR_TOO_LARGE) before
 * they are read; HZ_STORE_ERROR_INVALID_JSON names the file, the line and
 * the column. Safe to call from a worker thread.
 */
static gboolean
import_file (HzStore             *self,
             GFile               *file,
             HzStoreImportCounts *preview,
             GStrv               *out_case_ids,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *size_str = NULL;
  g_autofree char *limit_str = NULL;
  gsize length = 0;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_parse_name (file);
  basename = g_file_get_basename (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, HZ_STORE_ERROR, io_error_to_store_error (local_error),
                   _("Could not read “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  limit_str = g_format_size (HZ_STORE_MAX_IMPORT_SIZE);
  if (g_file_info_get_size (info) > HZ_STORE_MAX_IMPORT_SIZE)
    {
      size_str = g_format_size (g_file_info_get_size (info));
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_TOO_LARGE,
                   _("“%s” is %s; files larger than %s cannot be imported"),
                   name, size_str, limit_str);
      return FALSE;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, HZ_STORE_ERROR, io_error_to_store_error (local_error),
                     _("Could not read “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  /* it may have grown since we looked */
  if (length > HZ_STORE_MAX_IMPORT_SIZE)
    {
      size_str = g_format_size (length);
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_TOO_LARGE,
                   _("“%s” is %s; files larger than %s cannot be imported"),
                   name, size_str, limit_str);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!import_text (self, g_steal_pointer (&contents), length, name, basename,
                    NULL, preview, out_case_ids, &local_error))
    {
      /* Translators: prefixed to an import error, the file's name */
      if (local_error->domain == HZ_STORE_ERROR &&
          local_error->code != HZ_STORE_ERROR_INVALID_JSON)
        g_prefix_error (&local_error, _("%s: "), basename);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
hz_store_import_file (HzStore       *self,
                      GFile         *file,
                      GStrv         *out_case_ids,
                      GCancellable  *cancellable,
                      GError       **error)
{
  return import_file (self, file, NULL, out_case_ids, cancellable, error);
}

/**
 * hz_store_preview_import_file:
 * @counts: (out): the resources the import would add, change and leave
 * @out_case_ids: (out) (optional) (transfer full): the cases it would touch
 *
 * Runs every check of hz_store_import_file() and counts what it would do,
 * writing nothing (and recording nothing in the audit log): so that the
 * app can ask before a file changes a case that is already there.
 */
gboolean
hz_store_preview_import_file (HzStore             *self,
                              GFile               *file,
                              HzStoreImportCounts *counts,
                              GStrv               *out_case_ids,
                              GCancellable        *cancellable,
                              GError             **error)
{
  g_return_val_if_fail (counts != NULL, FALSE);

  return import_file (self, file, counts, out_case_ids, cancellable, error);
}

/* The writer of what leaves the store: a Bundle's opening members, its
 * entries (each resource exactly as stored, indented), its end. */
static void
bundle_begin (GString    *out,
              const char *type)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format_iso8601 (now);
  g_autofree char *id = g_uuid_string_random ();

  g_string_append_printf (out,
                          "{\n  \"resourceType\": \"Bundle\",\n  \"id\": \"%s\",\n"
                          "  \"type\": \"%s\",\n  \"timestamp\": \"%s\",\n  \"entry\": [",
                          id, type, timestamp);
}

/* @with_request: a transaction entry: fullUrl, and a PUT of Type/id */
static void
bundle_add_entry (GString    *out,
                  const HzJv *resource,
                  gboolean    with_request)
{
  /* the first entry follows the '[' */
  if (out->str[out->len - 1] != '[')
    g_string_append_c (out, ',');
  g_string_append (out, "\n    {");
  if (with_request)
    {
      g_autofree char *url = g_strdup_printf ("%s/%s", hz_jv_get_string (resource, "resourceType"),
                                              hz_jv_get_string (resource, "id"));

      g_string_append (out, "\n      \"resource\": ");
      hz_jv_write_pretty (out, resource, 3);
      g_string_append (out, ",\n      \"request\": {\n        \"method\": \"PUT\",\n        \"url\": ");
      hz_json_append_escaped (out, url);
      g_string_append (out, "\n      }");
    }
  else
    {
      g_string_append (out, "\n      \"resource\": ");
      hz_jv_write_pretty (out, resource, 3);
    }
  g_string_append (out, "\n    }");
}

static char *
bundle_end (GString *out,
            gsize   *length)
{
  g_string_append (out, out->str[out->len - 1] != '[' ? "\n  ]\n}\n" : "]\n}\n");

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * hz_store_export_case_to_data:
 * @self: the store
 * @case_id: an EpisodeOfCare id
 * @destination: (nullable): where it goes (a file, a URL), for the audit row
 * @length: (out) (optional): the length of the text, without the trailing NUL
 * @error: return location for a #GError
 *
 * The one writer of what leaves the store: a collection Bundle of every
 * resource of the case as JSON text indented by two spaces, each resource
 * exactly as stored, numbers included. Records an export AuditEvent.
 *
 * Returns: (transfer full): UTF-8 JSON text
 */
char *
hz_store_export_case_to_data (HzStore     *self,
                              const char  *case_id,
                              const char  *destination,
                              gsize       *length,
                              GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *patient_json = NULL;
  GString *out;
  gsize text_length = 0;

  g_return_val_if_fail (HZ_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  rows = hz_store_read_case_rows (self, case_id, NULL, TRUE, TRUE,
                                  destination != NULL ? destination : "-",
                                  &patient_json, error);
  if (rows == NULL)
    return NULL;

  /* one parse of every row, to indent them; their text is not changed */
  texts = g_ptr_array_sized_new (rows->len + 1);
  if (patient_json != NULL)
    g_ptr_array_add (texts, patient_json);
  g_ptr_array_extend (texts, rows, NULL, NULL);
  for (guint i = 0; i < texts->len; i++)
    text_length += strlen (g_ptr_array_index (texts, i));

  doc = hz_json_doc_parse_array (texts, &local_error);
  if (doc == NULL)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CORRUPT,
                   _("A stored resource is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  out = g_string_sized_new (text_length * 2);
  bundle_begin (out, "collection");
  for (HzJv *resource = hz_json_doc_get_root (doc)->first; resource != NULL; resource = resource->next)
    bundle_add_entry (out, resource, FALSE);

  return bundle_end (out, length);
}

/**
 * hz_store_export_resources_to_data:
 * @self: the store
 * @references: (array zero-terminated=1): the resources, as "Type/id"
 * @destination: (nullable): where it goes (a file, a URL), for the audit row
 * @length: (out) (optional): the length of the text, without the trailing NUL
 * @error: return location for a #GError
 *
 * The sibling of hz_store_export_case_to_data() for a chosen set of
 * resources (a referral and what it refers to): a transaction Bundle, one
 * entry per resource in the order given, each with a `request` (PUT
 * Type/id) so that the receiving side creates or updates
 * it, each written exactly as stored by the same writer. A reference
 * named twice is written once. Fails with HZ_STORE_ERROR_NOT_FOUND naming
 * a resource the store does not hold; records one export AuditEvent for
 * the first reference.
 *
 * Returns: (transfer full): UTF-8 JSON text
 */
char *
hz_store_export_resources_to_data (HzStore            *self,
                                   const char * const *references,
                                   const char         *destination,
                                   gsize              *length,
                                   GError            **error)
{
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GString *out;

  g_return_val_if_fail (HZ_IS_STORE (self), NULL);
  g_return_val_if_fail (references != NULL && references[0] != NULL, NULL);

  for (guint i = 0; references[i] != NULL; i++)
    {
      g_autofree char *type = NULL;
      g_autofree char *id = NULL;
      HzResource *resource;

      if (!g_hash_table_add (seen, (gpointer) references[i]))
        continue;

      if (!hz_fhir_split_reference (references[i], &type, &id))
        {
          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                       _("“%s” is not a reference such as Task/123"), references[i]);
          return NULL;
        }

      resource = hz_store_get (self, type, id, error);
      if (resource == NULL)
        return NULL;
      g_ptr_array_add (resources, resource);
    }

  /* what cannot be recorded does not leave */
  if (!hz_store_audit_export (self, references[0], destination, error))
    return NULL;

  out = g_string_sized_new (4096 * resources->len);
  bundle_begin (out, "transaction");
  for (guint i = 0; i < resources->len; i++)
    bundle_add_entry (out, hz_resource_get_value (g_ptr_array_index (resources, i)), TRUE);

  return bundle_end (out, length);
}
