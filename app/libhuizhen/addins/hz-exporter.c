/* hz-exporter.c — addin interface: turns a case into a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-addins"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "huizhen.h"

G_DEFINE_INTERFACE (HzExporter, hz_exporter, G_TYPE_OBJECT)

static void
hz_exporter_default_init (HzExporterInterface *iface)
{
}

void
hz_exporter_load (HzExporter *self)
{
  HzExporterInterface *iface;

  g_return_if_fail (HZ_IS_EXPORTER (self));

  iface = HZ_EXPORTER_GET_IFACE (self);
  if (iface->load != NULL)
    iface->load (self);
}

void
hz_exporter_unload (HzExporter *self)
{
  HzExporterInterface *iface;

  g_return_if_fail (HZ_IS_EXPORTER (self));

  iface = HZ_EXPORTER_GET_IFACE (self);
  if (iface->unload != NULL)
    iface->unload (self);
}

/**
 * hz_exporter_get_title:
 * @self: an #HzExporter
 *
 * Returns: the translated label of the format, e.g. "FHIR Bundle (JSON)"
 */
const char *
hz_exporter_get_title (HzExporter *self)
{
  HzExporterInterface *iface;

  g_return_val_if_fail (HZ_IS_EXPORTER (self), NULL);

  iface = HZ_EXPORTER_GET_IFACE (self);
  g_return_val_if_fail (iface->get_title != NULL, NULL);

  return iface->get_title (self);
}

/**
 * hz_exporter_get_content_type:
 * @self: an #HzExporter
 *
 * Returns: the MIME type written, e.g. "application/pdf"
 */
const char *
hz_exporter_get_content_type (HzExporter *self)
{
  HzExporterInterface *iface;

  g_return_val_if_fail (HZ_IS_EXPORTER (self), NULL);

  iface = HZ_EXPORTER_GET_IFACE (self);
  if (iface->get_content_type == NULL)
    return "application/octet-stream";

  return iface->get_content_type (self);
}

/**
 * hz_exporter_get_file_extension:
 * @self: an #HzExporter
 *
 * Returns: the file name extension, without the dot (e.g. "pdf")
 */
const char *
hz_exporter_get_file_extension (HzExporter *self)
{
  HzExporterInterface *iface;

  g_return_val_if_fail (HZ_IS_EXPORTER (self), NULL);

  iface = HZ_EXPORTER_GET_IFACE (self);
  if (iface->get_file_extension == NULL)
    return NULL;

  return iface->get_file_extension (self);
}

/**
 * hz_exporter_export:
 * @self: an #HzExporter
 * @kase: the case to export
 * @stream: where to write the document
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the document for @kase to @stream. Safe to call from a worker
 * thread; the stream is not closed.
 *
 * Returns: %TRUE on success
 */
const char *
hz_exporter_stream_get_destination (GOutputStream *stream)
{
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  return g_object_get_data (G_OBJECT (stream), "hz-export-destination");
}

gboolean
hz_exporter_export (HzExporter    *self,
                    HzCase        *kase,
                    GOutputStream *stream,
                    GCancellable  *cancellable,
                    GError       **error)
{
  HzExporterInterface *iface;

  g_return_val_if_fail (HZ_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (HZ_IS_CASE (kase), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = HZ_EXPORTER_GET_IFACE (self);
  if (iface->export == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The exporter “%s” cannot write documents"),
                   hz_exporter_get_title (self));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return iface->export (self, kase, stream, cancellable, error);
}

typedef struct
{
  HzCase *kase;
  GFile  *file;
} ExportToFile;

static void
export_to_file_free (gpointer data)
{
  ExportToFile *state = data;

  g_clear_object (&state->kase);
  g_clear_object (&state->file);
  g_free (state);
}

/* A temporary sibling of @file, created exclusively, so the rename at the
 * end stays within one directory (one file system) and is atomic. */
static GFileOutputStream *
create_temp_sibling (GFile         *file,
                     GFile        **out_temp,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);

  if (parent == NULL || basename == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           _("Not a file name"));
      return NULL;
    }

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GFile) temp = NULL;
      GFileOutputStream *stream;

      name = g_strdup_printf (".%s.%08x.part", basename, g_random_int ());
      temp = g_file_get_child (parent, name);
      stream = g_file_create (temp, G_FILE_CREATE_PRIVATE, cancellable, &local_error);
      if (stream != NULL)
        {
          *out_temp = g_steal_pointer (&temp);
          return stream;
        }

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("Could not create a temporary file beside it"));
  return NULL;
}

static gboolean
export_to_file (HzExporter    *self,
                HzCase        *kase,
                GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GFile) temp = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  stream = create_temp_sibling (file, &temp, cancellable, &local_error);
  if (stream == NULL)
    goto failed;

  g_object_set_data_full (G_OBJECT (stream), "hz-export-destination",
                          g_file_get_parse_name (file), g_free);
  ok = hz_exporter_export (self, kase, G_OUTPUT_STREAM (stream), cancellable, &local_error);
  if (ok)
    ok = g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error);
  else
    g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);

  /* Only a complete document replaces the target, in one rename. */
  if (ok)
    ok = g_file_move (temp, file,
                      G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                      cancellable, NULL, NULL, &local_error);

  if (ok)
    return TRUE;

  g_file_delete (temp, NULL, NULL);

failed:
  {
    g_autofree char *name = g_file_get_parse_name (file);

    g_set_error (error, local_error->domain, local_error->code,
                 /* Translators: the first %s is a file name, the second the reason */
                 _("Could not export to “%s”: %s"), name, local_error->message);
  }
  return FALSE;
}

static void
export_to_file_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  ExportToFile *state = task_data;
  GError *error = NULL;

  if (export_to_file (HZ_EXPORTER (source_object), state->kase, state->file,
                      cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * hz_exporter_export_to_file_async:
 * @self: an #HzExporter
 * @kase: the case to export
 * @file: the document to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Exports @kase in a worker thread into a temporary file beside @file and
 * renames it over @file only when the whole document was written, so an
 * existing @file is never left half written; on failure the temporary file
 * is removed and the error names @file.
 */
void
hz_exporter_export_to_file_async (HzExporter          *self,
                                  HzCase              *kase,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportToFile *state;

  g_return_if_fail (HZ_IS_EXPORTER (self));
  g_return_if_fail (HZ_IS_CASE (kase));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  state = g_new0 (ExportToFile, 1);
  state->kase = g_object_ref (kase);
  state->file = g_object_ref (file);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hz_exporter_export_to_file_async);
  g_task_set_task_data (task, state, export_to_file_free);
  g_task_run_in_thread (task, export_to_file_thread);
}

/**
 * hz_exporter_export_to_file_finish:
 * @self: an #HzExporter
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the file was written
 */
gboolean
hz_exporter_export_to_file_finish (HzExporter    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (HZ_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
