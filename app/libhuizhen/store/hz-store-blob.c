/* hz-store-blob.c — content-addressed files beside the database
 *
 * <database>.blobs/ab/cdef… holds the content whose SHA-256 is abcdef…
 * A blob is written to <database>.blobs/tmp-PID-XXXXXX (the same file
 * system as its final place), hashed as it is written, fsync'd, made
 * read-only and renamed into its folder, which is then fsync'd too: after
 * a crash a blob is either whole under its name or not there. A temporary
 * file left by a writer that died is removed by the next put (its process
 * is gone); one whose content is already stored is removed at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "huizhen.h"
#include "hz-store-private.h"

#define BLOB_CHUNK (64 * 1024)
#define TMP_PREFIX "tmp-"

char *
hz_store_blob_dup_dir (HzStore *self)
{
  g_return_val_if_fail (HZ_IS_STORE (self), NULL);

  return g_strconcat (hz_store_get_path (self), ".blobs", NULL);
}

static gboolean
is_sha256_hex (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return text[64] == '\0';
}

static char *
blob_path (const char *dir,
           const char *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], '\0' };

  return g_build_filename (dir, prefix, sha256 + 2, NULL);
}

char *
hz_store_blob_dup_path (HzStore    *self,
                        const char *sha256)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (HZ_IS_STORE (self), NULL);

  if (!is_sha256_hex (sha256))
    return NULL;
  dir = hz_store_blob_dup_dir (self);
  path = blob_path (dir, sha256);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_steal_pointer (&path);
}

/* FALSE, with @error set to @format's message naming @path and errno @errsv */
#define set_errno_error(error, errsv, format, path) \
  (g_set_error ((error), HZ_STORE_ERROR, HZ_STORE_ERROR_FAILED, (format), (path), g_strerror (errsv)), FALSE)

/* Temporary files of writers that are gone (tmp-PID-XXXXXX) */
static void
sweep_dead_temporaries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      char *end = NULL;
      gint64 pid;

      if (!g_str_has_prefix (name, TMP_PREFIX))
        continue;
      pid = g_ascii_strtoll (name + strlen (TMP_PREFIX), &end, 10);
      if (end == NULL || *end != '-' || pid <= 0 || pid == getpid ())
        continue;
      if (kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_debug ("Removing %s, left by a writer that stopped", path);
          g_unlink (path);
        }
    }
}

static gboolean
sync_directory (const char  *dir,
                GError     **error)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int errsv;

  if (fd < 0)
    return set_errno_error (error, errno, _("Could not open the folder “%s”: %s"), dir);
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      errsv = errno;
      close (fd);
      return set_errno_error (error, errsv, _("Could not write the folder “%s” to disk: %s"), dir);
    }
  close (fd);
  return TRUE;
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/**
 * hz_store_blob_put_stream:
 * @self: the store
 * @stream: the content, read to its end
 * @out_sha256: (out) (optional) (transfer full): the blob's SHA-256, hex
 * @out_new: (out) (optional): TRUE when the blob was written, FALSE when
 *   the store had it already
 * @cancellable: (nullable)
 * @error: HZ_STORE_ERROR_READ_ONLY, HZ_STORE_ERROR_FAILED (disk full, a
 *   read error of @stream: nothing is left behind), G_IO_ERROR_CANCELLED
 */
gboolean
hz_store_blob_put_stream (HzStore       *self,
                          GInputStream  *stream,
                          char         **out_sha256,
                          gboolean      *out_new,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *final_path = NULL;
  g_autofree char *final_dir = NULL;
  g_autofree guint8 *buffer = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *db_path;
  const char *sha256;
  int fd = -1;
  int errsv;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hz_store_check_writable (self, error))
    return FALSE;
  db_path = hz_store_get_path (self);
  if (g_file_test (db_path, G_FILE_TEST_EXISTS) && g_access (db_path, W_OK) != 0)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_READ_ONLY,
                   _("The case database “%s” may only be read: no image or clip can be added"),
                   db_path);
      return FALSE;
    }

  dir = hz_store_blob_dup_dir (self);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_errno_error (error, errno, _("Could not create the image folder “%s”: %s"), dir);
  sweep_dead_temporaries (dir);

  tmp_path = g_strdup_printf ("%s/" TMP_PREFIX "%d-XXXXXX", dir, (int) getpid ());
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, errno, _("Could not create a file in the image folder “%s”: %s"), dir);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  buffer = g_malloc (BLOB_CHUNK);
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, BLOB_CHUNK, cancellable, &local_error);

      if (n < 0)
        goto failed;
      if (n == 0)
        break;
      g_checksum_update (checksum, buffer, (gsize) n);
      if (!write_all (fd, buffer, (gsize) n))
        {
          errsv = errno;
          (void) set_errno_error (&local_error, errsv, _("Could not write the image file “%s”: %s"), tmp_path);
          goto failed;
        }
    }
  if (fchmod (fd, 0400) != 0 || fsync (fd) != 0)
    {
      errsv = errno;
      (void) set_errno_error (&local_error, errsv, _("Could not write the image file “%s” to disk: %s"), tmp_path);
      goto failed;
    }
  close (fd);
  fd = -1;

  sha256 = g_checksum_get_string (checksum);
  final_path = blob_path (dir, sha256);
  final_dir = g_path_get_dirname (final_path);

  if (g_file_test (final_path, G_FILE_TEST_IS_REGULAR))
    {
      g_unlink (tmp_path);
      if (out_new != NULL)
        *out_new = FALSE;
    }
  else
    {
      if (g_mkdir_with_parents (final_dir, 0700) != 0)
        {
          errsv = errno;
          (void) set_errno_error (&local_error, errsv, _("Could not create the image folder “%s”: %s"), final_dir);
          goto failed;
        }
      if (g_rename (tmp_path, final_path) != 0)
        {
          errsv = errno;
          (void) set_errno_error (&local_error, errsv, _("Could not store the image file “%s”: %s"), final_path);
          goto failed;
        }
      if (!sync_directory (final_dir, &local_error) || !sync_directory (dir, &local_error))
        {
          /* the blob is whole (renamed after fsync); only its name may not
           * have reached the disk yet */
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (out_new != NULL)
        *out_new = TRUE;
    }

  if (out_sha256 != NULL)
    *out_sha256 = g_strdup (sha256);
  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * hz_store_blob_put_file:
 * @path: the file to copy into the store
 * @out_sha256: (out) (optional) (transfer full)
 *
 * Returns: FALSE with HZ_STORE_ERROR_FAILED naming @path when it cannot
 *   be read, or the errors of hz_store_blob_put_stream()
 */
gboolean
hz_store_blob_put_file (HzStore     *self,
                        const char  *path,
                        char       **out_sha256,
                        GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_FAILED,
                   _("Could not read “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return hz_store_blob_put_stream (self, G_INPUT_STREAM (stream), out_sha256, NULL, NULL, error);
}

/**
 * hz_store_blob_put_bytes:
 * @bytes: the content
 * @out_sha256: (out) (optional) (transfer full)
 */
gboolean
hz_store_blob_put_bytes (HzStore  *self,
                         GBytes   *bytes,
                         char    **out_sha256,
                         GError  **error)
{
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  stream = g_memory_input_stream_new_from_bytes (bytes);
  return hz_store_blob_put_stream (self, stream, out_sha256, NULL, NULL, error);
}
