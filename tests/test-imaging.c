/* test-imaging.c — the blob store, imaging import and huizhen-cli imaging
 *
 * DICOM fixtures are made by dcmtk (dump2dcm through hz-test-dicom, the
 * UIDs set by dcmodify, the DICOMDIR by dcmmkdir); a clip is the EBML
 * header of a WebM file, which is what content sniffing reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <huizhen.h>

#include "hz-test-dicom.h"
#include "hz-test-orthanc.h"
#include "hz-test-utils.h"

#ifndef HUIZHEN_CLI_PATH
# error "HUIZHEN_CLI_PATH must name the huizhen-cli executable"
#endif

#define STUDY_UID  "1.2.826.0.1.3680043.10.1186.7"
#define SERIES_1   "1.2.826.0.1.3680043.10.1186.7.1"
#define SERIES_2   "1.2.826.0.1.3680043.10.1186.7.2"
#define CASE_ID    "t9-case"

static const char case_bundle[] =
  "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
  "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"t9-patient\","
  "\"identifier\":[{\"system\":\"https://huizhen.github.io/fhir/sid/mrn\",\"value\":\"MRN0091\"}],"
  "\"name\":[{\"text\":\"刘海燕\",\"family\":\"刘\",\"given\":[\"海燕\"]}],\"gender\":\"female\"},"
  "\"request\":{\"method\":\"PUT\",\"url\":\"Patient/t9-patient\"}},"
  "{\"resource\":{\"resourceType\":\"EpisodeOfCare\",\"id\":\"t9-case\",\"status\":\"active\","
  "\"patient\":{\"reference\":\"Patient/t9-patient\"}},"
  "\"request\":{\"method\":\"PUT\",\"url\":\"EpisodeOfCare/t9-case\"}}]}";

typedef struct
{
  char    *dir;
  char    *work;     /* where fixtures are made */
  HzStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(HzActor) actor = hz_actor_new ("王医生", HZ_TEAM_OBSTETRICS, "主治医师", "云州市妇幼保健院");

  fixture->dir = hz_test_make_tmp_dir ("test-imaging-XXXXXX");
  fixture->work = g_build_filename (fixture->dir, "work", NULL);
  g_assert_cmpint (g_mkdir (fixture->work, 0700), ==, 0);
  fixture->store = hz_test_store_new (fixture->dir, actor);
  hz_test_import_json (fixture->store, case_bundle);
}

static void pacs_start (void);

/* The same, with the PACS running */
static void
fixture_set_up_pacs (Fixture       *fixture,
                     gconstpointer  data)
{
  pacs_start ();
  fixture_set_up (fixture, data);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  hz_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->work);
}

/* A US image (@frames frames of 24×32) of patient @name / @id with the
 * given UIDs, written to @dest. */
static void
make_instance (Fixture    *fixture,
               const char *dest,
               const char *series_uid,
               const char *sop_uid,
               guint       frames,
               const char *name,
               const char *id)
{
  g_autofree char *extra = g_strdup_printf ("(0008,0030) TM [090500]\n"
                                            "(0008,0201) SH [+0800]\n"
                                            "(0008,1030) LO [早孕超声]\n"
                                            "(0008,103e) LO [经腹扫查]\n"
                                            "(0010,0010) PN [%s]\n"
                                            "(0010,0020) LO [%s]\n"
                                            "(0020,0011) IS [2]\n"
                                            "(0020,0013) IS [%u]\n",
                                            name, id, frames);
  HzTestImage image = { 24, 32, frames, 1, "MONOCHROME2", 8, 8, FALSE, 0, extra, NULL };
  g_autofree char *base = g_path_get_basename (dest);
  gsize length;
  g_autofree guint8 *pixels = hz_test_dicom_pixels (&image, &length);
  g_autofree char *made = NULL;
  g_autofree char *study = g_strdup_printf ("(0020,000d)=%s", STUDY_UID);
  g_autofree char *series = g_strdup_printf ("(0020,000e)=%s", series_uid);
  g_autofree char *sop = g_strdup_printf ("(0008,0018)=%s", sop_uid);
  g_autofree char *charset = g_strdup ("(0008,0005)=ISO_IR 192");
  const char *argv[] = { "dcmodify", "-nb", "-q", "-i", charset, "-m", study, "-m", series,
                         "-m", sop, NULL, NULL };
  g_autofree char *dest_dir = g_path_get_dirname (dest);

  made = hz_test_dicom_make (fixture->work, base, &image, pixels, length);
  argv[11] = made;
  hz_test_dicom_run (argv);
  g_assert_cmpint (g_mkdir_with_parents (dest_dir, 0700), ==, 0);
  g_assert_cmpint (g_rename (made, dest), ==, 0);
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

static void
assert_same_bytes (const char *a,
                   const char *b)
{
  g_autofree char *da = NULL;
  g_autofree char *db = NULL;
  gsize la = 0, lb = 0;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (g_file_get_contents (a, &da, &la, NULL));
  g_assert_true (g_file_get_contents (b, &db, &lb, NULL));
  g_assert_cmpmem (da, la, db, lb);
}

static HzImagingImportResult *
import_paths (Fixture            *fixture,
              const char * const *paths)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  HzImagingImportResult *result;

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));
  result = hz_imaging_import (fixture->store, CASE_ID, files, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static char *
stored_json (Fixture    *fixture,
             const char *reference)
{
  g_autofree char *type = g_strndup (reference, strcspn (reference, "/"));
  g_autoptr(HzResource) resource = hz_store_get (fixture->store, type, strchr (reference, '/') + 1, NULL);

  g_assert_nonnull (resource);
  return hz_jv_to_string (hz_resource_get_value (resource));
}

/* Names in the blob folder that are not blobs (temporary files) */
static guint
count_temporaries (Fixture *fixture)
{
  g_autofree char *dir = hz_store_blob_dup_dir (fixture->store);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (strlen (name) != 2)
      n++;
  return n;
}

/* --- blobs --------------------------------------------------------------- */

static void
test_blob_put (Fixture       *fixture,
               gconstpointer  data)
{
  static const char content[] = "一段超声影像的字节";
  g_autoptr(GBytes) bytes = g_bytes_new_static (content, sizeof content - 1);
  g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) content,
                                                           sizeof content - 1);
  g_autofree char *sha = NULL;
  g_autofree char *again = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = hz_store_blob_dup_dir (fixture->store);
  g_autofree char *want_path = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  GStatBuf st;

  g_assert_null (hz_store_blob_dup_path (fixture->store, expected));
  g_assert_true (hz_store_blob_put_bytes (fixture->store, bytes, &sha, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sha, ==, expected);

  path = hz_store_blob_dup_path (fixture->store, sha);
  want_path = g_strdup_printf ("%s/%.2s/%s", dir, sha, sha + 2);
  g_assert_cmpstr (path, ==, want_path);
  g_assert_true (g_str_has_suffix (dir, "huizhen.db.blobs"));
  g_assert_true (g_file_get_contents (path, &stored, &length, NULL));
  g_assert_cmpmem (stored, length, content, sizeof content - 1);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0400);

  /* a second put of the same content is a no-op */
  g_assert_true (hz_store_blob_put_bytes (fixture->store, bytes, &again, &error));
  g_assert_cmpstr (again, ==, sha);
  g_assert_cmpuint (count_temporaries (fixture), ==, 0);

  /* not a digest, or one not held */
  g_assert_null (hz_store_blob_dup_path (fixture->store, "../../etc/passwd"));
  g_assert_null (hz_store_blob_dup_path (fixture->store, NULL));
  g_assert_null (hz_store_blob_dup_path (fixture->store,
                                         "ABCDEF0000000000000000000000000000000000000000000000000000000000"));
  g_assert_null (hz_store_blob_dup_path (fixture->store,
                                         "0000000000000000000000000000000000000000000000000000000000000000"));
}

/* A stream that gives @limit bytes of 'x', then fails (or, with @die,
 * ends the process as a crash would) */
typedef struct
{
  GInputStream parent_instance;
  gsize        given;
  gsize        limit;
  gboolean     die;
} TestFailingStream;

typedef struct
{
  GInputStreamClass parent_class;
} TestFailingStreamClass;

static GType test_failing_stream_get_type (void);
G_DEFINE_TYPE (TestFailingStream, test_failing_stream, G_TYPE_INPUT_STREAM)

static gssize
test_failing_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestFailingStream *self = (TestFailingStream *) stream;
  gsize n = MIN (count, self->limit - self->given);

  if (n == 0)
    {
      if (self->die)
        _exit (3);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "the line went down");
      return -1;
    }
  memset (buffer, 'x', n);
  self->given += n;
  return (gssize) n;
}

static void
test_failing_stream_class_init (TestFailingStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_failing_stream_read;
}

static void
test_failing_stream_init (TestFailingStream *self)
{
}

static GInputStream *
failing_stream_new (gsize    limit,
                    gboolean die)
{
  TestFailingStream *stream = g_object_new (test_failing_stream_get_type (), NULL);

  stream->limit = limit;
  stream->die = die;
  return G_INPUT_STREAM (stream);
}

static void
test_blob_crash_safety (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GInputStream) failing = failing_stream_new (300 * 1024, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *dir = hz_store_blob_dup_dir (fixture->store);
  g_autofree char *blob = NULL;
  g_autofree char *content = g_strnfill (300 * 1024, 'x');
  g_autofree char *content_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
  g_autoptr(GBytes) other = g_bytes_new_static ("B", 1);

  /* a stream that breaks off: an error, nothing left behind */
  g_assert_false (hz_store_blob_put_stream (fixture->store, failing, &sha, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
  g_assert_null (sha);
  g_assert_cmpuint (count_temporaries (fixture), ==, 0);
  g_assert_null (hz_store_blob_dup_path (fixture->store, content_sha));
  g_clear_error (&error);

  /* a writer that dies half way: no file under the blob's name; its
   * temporary file is removed by the next put */
  {
    int status = 0;
    pid_t pid = fork ();

    g_assert_cmpint (pid, >=, 0);
    if (pid == 0)
      {
        GInputStream *dying = failing_stream_new (300 * 1024, TRUE);

        hz_store_blob_put_stream (fixture->store, dying, NULL, NULL, NULL, NULL);
        _exit (0);   /* not reached: the stream ends the process */
      }
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 3);
  }
  g_assert_cmpuint (count_temporaries (fixture), ==, 1);
  g_assert_null (hz_store_blob_dup_path (fixture->store, content_sha));

  g_assert_true (hz_store_blob_put_bytes (fixture->store, other, &blob, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_temporaries (fixture), ==, 0);
  g_assert_nonnull (hz_store_blob_dup_path (fixture->store, blob));
}

/* --- import -------------------------------------------------------------- */

static void
test_import_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *still = g_build_filename (fixture->dir, "in", "still.dcm", NULL);
  const char *paths[] = { still, NULL };
  g_autoptr(HzImagingImportResult) result = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *blob = NULL;
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  HzImagingItem *item;

  make_instance (fixture, still, SERIES_1, STUDY_UID ".1.1", 1, "LIU^HAIYAN=刘^海燕", "MRN0091");
  sha = file_sha256 (still);

  result = import_paths (fixture, paths);
  g_assert_cmpuint (result->n_added, ==, 1);
  g_assert_cmpuint (result->n_present, ==, 0);
  g_assert_cmpuint (result->n_refused, ==, 0);
  g_assert_cmpuint (result->issues->len, ==, 0);
  g_assert_cmpuint (result->references->len, ==, 1);

  json = stored_json (fixture, g_ptr_array_index (result->references, 0));
  expected = g_strdup_printf (
    "{\"resourceType\":\"ImagingStudy\",\"id\":\"%s\","
    "\"identifier\":[{\"system\":\"urn:dicom:uid\",\"value\":\"urn:oid:" STUDY_UID "\"}],"
    "\"status\":\"available\","
    "\"modality\":[{\"system\":\"http://dicom.nema.org/resources/ontology/DCM\",\"code\":\"US\"}],"
    "\"subject\":{\"reference\":\"Patient/t9-patient\",\"display\":\"刘海燕\"},"
    "\"started\":\"2026-12-03T09:05:00+08:00\",\"description\":\"早孕超声\","
    "\"series\":[{\"uid\":\"" SERIES_1 "\",\"number\":2,"
    "\"modality\":{\"system\":\"http://dicom.nema.org/resources/ontology/DCM\",\"code\":\"US\"},"
    "\"description\":\"经腹扫查\",\"instance\":[{\"extension\":["
    "{\"url\":\"https://huizhen.github.io/fhir/StructureDefinition/blob\",\"valueString\":\"%s\"},"
    "{\"url\":\"https://huizhen.github.io/fhir/StructureDefinition/frames\",\"valueInteger\":1}],"
    "\"uid\":\"" STUDY_UID ".1.1\","
    "\"sopClass\":{\"system\":\"urn:ietf:rfc:3986\",\"code\":\"urn:oid:1.2.840.10008.5.1.4.1.1.6.1\"},"
    "\"number\":1}],\"numberOfInstances\":1}],\"numberOfSeries\":1,\"numberOfInstances\":1,"
    "\"meta\":{",
    strchr (g_ptr_array_index (result->references, 0), '/') + 1, sha);
  g_assert_cmpstr (strstr (json, "\"meta\":{") != NULL ? "" : json, ==, "");
  *(strstr (json, "\"meta\":{") + strlen ("\"meta\":{")) = '\0';
  g_assert_cmpstr (json, ==, expected);

  /* the blob holds the file's bytes */
  blob = hz_store_blob_dup_path (fixture->store, sha);
  assert_same_bytes (blob, still);

  /* what the viewer reads */
  kase = hz_case_load (fixture->store, CASE_ID, &error);
  g_assert_no_error (error);
  items = hz_imaging_list_items (kase);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->resource_type, ==, "ImagingStudy");
  g_assert_cmpstr (item->study_uid, ==, STUDY_UID);
  g_assert_cmpstr (item->series_uid, ==, SERIES_1);
  g_assert_cmpstr (item->sop_uid, ==, STUDY_UID ".1.1");
  g_assert_cmpstr (item->sop_class, ==, "1.2.840.10008.5.1.4.1.1.6.1");
  g_assert_cmpstr (item->modality, ==, "US");
  g_assert_cmpstr (item->date, ==, "2026-12-03T09:05:00+08:00");
  g_assert_cmpstr (item->title, ==, "经腹扫查");
  g_assert_cmpstr (item->content_type, ==, "application/dicom");
  g_assert_cmpuint (item->series_number, ==, 2);
  g_assert_cmpuint (item->instance_number, ==, 1);
  g_assert_cmpuint (item->frames, ==, 1);
  g_assert_cmpstr (item->sha256, ==, sha);
  g_assert_cmpstr (item->path, ==, blob);
}

static gint64
stored_version (Fixture    *fixture,
                const char *reference)
{
  g_autofree char *type = g_strndup (reference, strcspn (reference, "/"));
  g_autoptr(HzResource) resource = hz_store_get (fixture->store, type, strchr (reference, '/') + 1, NULL);
  gint64 version = 0;

  g_assert_nonnull (resource);
  version = g_ascii_strtoll (hz_jv_get_path_string (hz_resource_get_value (resource), "meta.versionId"),
                             NULL, 10);
  return version;
}

static void
test_import_folder (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *still = g_build_filename (folder, "a", "still.dcm", NULL);
  g_autofree char *cine = g_build_filename (folder, "b", "deeper", "cine.dcm", NULL);
  g_autofree char *junk = g_build_filename (folder, "b", "notes.txt", NULL);
  g_autofree char *later = g_build_filename (fixture->dir, "later.dcm", NULL);
  const char *paths[] = { folder, NULL };
  const char *later_paths[] = { later, NULL };
  g_autoptr(HzImagingImportResult) result = NULL;
  g_autoptr(HzImagingImportResult) second = NULL;
  g_autoptr(HzImagingImportResult) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) history = NULL;
  HzImagingIssue *issue;
  const char *reference;
  gint64 version;

  make_instance (fixture, still, SERIES_1, STUDY_UID ".1.1", 1, "LIU^HAIYAN", "MRN0091");
  make_instance (fixture, cine, SERIES_2, STUDY_UID ".2.1", 4, "LIU^HAIYAN", "MRN0091");
  g_assert_true (g_file_set_contents (junk, "随访记录", -1, NULL));

  result = import_paths (fixture, paths);
  g_assert_cmpuint (result->n_added, ==, 2);
  g_assert_cmpuint (result->n_refused, ==, 1);
  g_assert_cmpuint (result->issues->len, ==, 1);
  issue = g_ptr_array_index (result->issues, 0);
  g_assert_cmpint (issue->kind, ==, HZ_IMAGING_ISSUE_REFUSED);
  g_assert_cmpstr (issue->path, ==, junk);
  g_assert_nonnull (strstr (issue->message, junk));
  g_assert_cmpuint (result->references->len, ==, 1);
  reference = g_ptr_array_index (result->references, 0);
  g_assert_cmpint (stored_version (fixture, reference), ==, 1);

  kase = hz_case_load (fixture->store, CASE_ID, &error);
  g_assert_no_error (error);
  items = hz_imaging_list_items (kase);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (((HzImagingItem *) g_ptr_array_index (items, 0))->series_uid, ==, SERIES_1);
  g_assert_cmpstr (((HzImagingItem *) g_ptr_array_index (items, 1))->series_uid, ==, SERIES_2);
  g_assert_cmpuint (((HzImagingItem *) g_ptr_array_index (items, 1))->frames, ==, 4);

  /* a new instance of the study: a new version of the same ImagingStudy */
  make_instance (fixture, later, SERIES_2, STUDY_UID ".2.2", 1, "LIU^HAIYAN", "MRN0091");
  second = import_paths (fixture, later_paths);
  g_assert_cmpuint (second->n_added, ==, 1);
  g_assert_cmpuint (second->references->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (second->references, 0), ==, reference);
  version = stored_version (fixture, reference);
  g_assert_cmpint (version, ==, 2);
  {
    g_autofree char *json = stored_json (fixture, reference);

    g_assert_nonnull (strstr (json, "\"numberOfSeries\":2,\"numberOfInstances\":3"));
  }
  history = hz_store_history (fixture->store, "ImagingStudy", strchr (reference, '/') + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);

  /* the whole folder again: nothing added, no new version */
  again = import_paths (fixture, paths);
  g_assert_cmpuint (again->n_added, ==, 0);
  g_assert_cmpuint (again->n_present, ==, 2);
  g_assert_cmpuint (again->references->len, ==, 0);
  g_assert_cmpint (stored_version (fixture, reference), ==, 2);
}

static void
test_import_dicomdir (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *root = g_build_filename (fixture->dir, "cd", NULL);
  g_autofree char *img1 = g_build_filename (root, "US", "IMG1", NULL);
  g_autofree char *img2 = g_build_filename (root, "US", "IMG2", NULL);
  g_autofree char *dicomdir = g_build_filename (root, "DICOMDIR", NULL);
  const char *argv[] = { "dcmmkdir", "-q", "+r", "+I", "+D", "DICOMDIR", "US", NULL };
  const char *paths[] = { dicomdir, NULL };
  g_autoptr(HzImagingImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  make_instance (fixture, img1, SERIES_1, STUDY_UID ".1.1", 1, "LIU^HAIYAN", "MRN0091");
  make_instance (fixture, img2, SERIES_1, STUDY_UID ".1.2", 1, "LIU^HAIYAN", "MRN0091");
  if (!g_spawn_sync (root, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    g_error ("dcmmkdir cannot run (build-aux/dev installs dcmtk): %s", error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("dcmmkdir failed: %s\n%s%s", error->message, out, err);

  result = import_paths (fixture, paths);
  g_assert_cmpuint (result->issues->len, ==, 0);
  g_assert_cmpuint (result->n_added, ==, 2);
  g_assert_cmpuint (result->n_refused, ==, 0);
  g_assert_cmpuint (result->references->len, ==, 1);
  {
    g_autofree char *json = stored_json (fixture, g_ptr_array_index (result->references, 0));

    g_assert_nonnull (strstr (json, "\"uid\":\"" STUDY_UID ".1.1\""));
    g_assert_nonnull (strstr (json, "\"uid\":\"" STUDY_UID ".1.2\""));
  }
}

static void
test_import_duplicate (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *still = g_build_filename (fixture->dir, "still.dcm", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "copy", "IMG", NULL);
  const char *paths[] = { still, NULL };
  const char *copy_paths[] = { copy, still, NULL };
  g_autoptr(HzImagingImportResult) first = NULL;
  g_autoptr(HzImagingImportResult) second = NULL;
  g_autoptr(HzImagingImportResult) third = NULL;
  g_autofree char *data_ = NULL;
  gsize length;
  gint64 resources;
  gint64 audits;

  make_instance (fixture, still, SERIES_1, STUDY_UID ".1.1", 1, "LIU^HAIYAN", "MRN0091");
  first = import_paths (fixture, paths);
  g_assert_cmpuint (first->n_added, ==, 1);
  resources = hz_store_count_resources (fixture->store, CASE_ID);

  second = import_paths (fixture, paths);
  g_assert_cmpuint (second->n_added, ==, 0);
  g_assert_cmpuint (second->n_present, ==, 1);
  g_assert_cmpuint (second->references->len, ==, 0);
  g_assert_cmpint (hz_store_count_resources (fixture->store, CASE_ID), ==, resources);
  g_assert_cmpint (stored_version (fixture, g_ptr_array_index (first->references, 0)), ==, 1);

  /* the same file under another name, and twice in one import */
  g_assert_cmpint (g_mkdir (g_path_get_dirname (copy), 0700), ==, 0);
  g_assert_true (g_file_get_contents (still, &data_, &length, NULL));
  g_assert_true (g_file_set_contents (copy, data_, (gssize) length, NULL));
  audits = hz_store_count_resources (fixture->store, NULL);
  third = import_paths (fixture, copy_paths);
  g_assert_cmpuint (third->n_added, ==, 0);
  g_assert_cmpuint (third->n_present, ==, 2);
  g_assert_cmpint (hz_store_count_resources (fixture->store, NULL), ==, audits);
}

static void
test_import_corrupt (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *still = g_build_filename (fixture->dir, "still.dcm", NULL);
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.dcm", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "nowhere.dcm", NULL);
  const char *paths[] = { broken, missing, NULL };
  g_autoptr(HzImagingImportResult) result = NULL;
  g_autofree char *content = NULL;
  gsize length = 0;

  make_instance (fixture, still, SERIES_1, STUDY_UID ".1.1", 1, "LIU^HAIYAN", "MRN0091");
  g_assert_true (g_file_get_contents (still, &content, &length, NULL));
  /* cut inside the pixel data's header */
  g_assert_true (g_file_set_contents (broken, content, (gssize) (length - 24 * 32 - 6), NULL));

  result = import_paths (fixture, paths);
  g_assert_cmpuint (result->n_added, ==, 0);
  g_assert_cmpuint (result->n_refused, ==, 2);
  g_assert_cmpuint (result->issues->len, ==, 2);
  g_assert_cmpstr (((HzImagingIssue *) g_ptr_array_index (result->issues, 0))->path, ==, missing);
  g_assert_nonnull (strstr (((HzImagingIssue *) g_ptr_array_index (result->issues, 0))->message, missing));
  g_assert_cmpstr (((HzImagingIssue *) g_ptr_array_index (result->issues, 1))->path, ==, broken);
  g_assert_nonnull (strstr (((HzImagingIssue *) g_ptr_array_index (result->issues, 1))->message, broken));
  g_assert_cmpint (hz_store_count_resources (fixture->store, CASE_ID), ==, 2);   /* Patient, EpisodeOfCare */
  /* nothing was copied */
  g_assert_cmpuint (count_temporaries (fixture), ==, 0);
  {
    g_autofree char *dir = hz_store_blob_dup_dir (fixture->store);
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);

    g_assert_true (listing == NULL || g_dir_read_name (listing) == NULL);
  }
}

/* The EBML header of a WebM file and a few bytes of a cluster */
static const guint8 webm_head[] = {
  0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2, 0x81,
  0x04, 0x42, 0xF3, 0x81, 0x08, 0x42, 0x82, 0x84, 'w', 'e', 'b', 'm', 0x42, 0x87, 0x81, 0x04,
  0x42, 0x85, 0x81, 0x02, 0x18, 0x53, 0x80, 0x67, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
};

static void
test_import_clip (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *clip = g_build_filename (fixture->dir, "胎心.webm", NULL);
  g_autofree char *named = g_build_filename (fixture->dir, "fake.webm", NULL);
  const char *paths[] = { clip, named, NULL };
  g_autoptr(HzImagingImportResult) result = NULL;
  g_autoptr(HzImagingImportResult) again = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 14, 9, 10, 0);
  g_autofree char *created = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S%:z");
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  HzImagingItem *item;

  g_assert_true (g_file_set_contents (clip, (const char *) webm_head, sizeof webm_head, NULL));
  file = g_file_new_for_path (clip);
  g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                              (guint64) g_date_time_to_unix (when),
                                              G_FILE_QUERY_INFO_NONE, NULL, &error));
  g_assert_no_error (error);
  /* a name is not content */
  g_assert_true (g_file_set_contents (named, "not a video at all", -1, NULL));
  sha = file_sha256 (clip);

  result = import_paths (fixture, paths);
  g_assert_cmpuint (result->n_added, ==, 1);
  g_assert_cmpuint (result->n_refused, ==, 1);
  g_assert_cmpstr (((HzImagingIssue *) g_ptr_array_index (result->issues, 0))->path, ==, named);
  g_assert_cmpuint (result->references->len, ==, 1);

  json = stored_json (fixture, g_ptr_array_index (result->references, 0));
  *(strstr (json, "\"meta\":{") + strlen ("\"meta\":{")) = '\0';
  expected = g_strdup_printf (
    "{\"resourceType\":\"Media\",\"id\":\"%s\",\"status\":\"completed\","
    "\"type\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/media-type\",\"code\":\"video\"}]},"
    "\"subject\":{\"reference\":\"Patient/t9-patient\",\"display\":\"刘海燕\"},"
    "\"createdDateTime\":\"%s\","
    "\"content\":{\"contentType\":\"video/webm\",\"url\":\"huizhen-blob:sha256:%s\","
    "\"size\":%u,\"title\":\"胎心.webm\"},\"meta\":{",
    strchr (g_ptr_array_index (result->references, 0), '/') + 1, created, sha,
    (guint) sizeof webm_head);
  g_assert_cmpstr (json, ==, expected);

  kase = hz_case_load (fixture->store, CASE_ID, &error);
  g_assert_no_error (error);
  items = hz_imaging_list_items (kase);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->resource_type, ==, "Media");
  g_assert_null (item->study_uid);
  g_assert_cmpstr (item->content_type, ==, "video/webm");
  g_assert_cmpstr (item->title, ==, "胎心.webm");
  g_assert_cmpstr (item->date, ==, created);
  g_assert_cmpuint (item->frames, ==, 0);
  g_assert_cmpstr (item->sha256, ==, sha);
  assert_same_bytes (item->path, clip);

  again = import_paths (fixture, paths);
  g_assert_cmpuint (again->n_added, ==, 0);
  g_assert_cmpuint (again->n_present, ==, 1);
}

static void
test_import_other_patient (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *ours = g_build_filename (fixture->dir, "ours.dcm", NULL);
  g_autofree char *pinyin = g_build_filename (fixture->dir, "pinyin.dcm", NULL);
  g_autofree char *theirs = g_build_filename (fixture->dir, "theirs.dcm", NULL);
  const char *paths[] = { ours, pinyin, theirs, NULL };
  g_autoptr(HzImagingImportResult) result = NULL;
  HzImagingIssue *issue;

  make_instance (fixture, ours, SERIES_1, STUDY_UID ".1.1", 1, "刘海燕", "MRN0091");
  make_instance (fixture, pinyin, SERIES_1, STUDY_UID ".1.2", 1, "Liu^Haiyan", "");
  make_instance (fixture, theirs, SERIES_1, STUDY_UID ".1.3", 1, "ZHANG^LI=张^丽", "MRN0777");

  result = import_paths (fixture, paths);
  g_assert_cmpuint (result->n_added, ==, 3);
  g_assert_cmpuint (result->n_refused, ==, 0);
  g_assert_cmpuint (result->issues->len, ==, 1);
  issue = g_ptr_array_index (result->issues, 0);
  g_assert_cmpint (issue->kind, ==, HZ_IMAGING_ISSUE_WARNING);
  g_assert_cmpstr (issue->path, ==, theirs);
  g_assert_nonnull (strstr (issue->message, theirs));
  g_assert_nonnull (strstr (issue->message, "MRN0777"));
  g_assert_nonnull (strstr (issue->message, "ZHANG^LI=张^丽"));
  g_assert_nonnull (strstr (issue->message, "刘海燕"));
}

typedef struct
{
  guint     calls;
  guint     last_done;
  guint     last_total;
  GThread  *thread;
  gboolean  wrong_thread;
  HzImagingImportResult *result;
  GError   *error;
  gboolean  finished;
} AsyncState;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  AsyncState *state = user_data;

  state->calls++;
  state->last_done = done;
  state->last_total = total;
  if (g_thread_self () != state->thread)
    state->wrong_thread = TRUE;
}

static void
imported_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  AsyncState *state = user_data;

  state->result = hz_imaging_import_finish (res, &state->error);
  state->finished = TRUE;
}

static gboolean
finished (gpointer data)
{
  return ((AsyncState *) data)->finished;
}

static void
test_import_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "in", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  AsyncState state = { 0, };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/IMG%u", folder, i);
      g_autofree char *uid = g_strdup_printf (STUDY_UID ".1.%u", i + 1);

      make_instance (fixture, path, SERIES_1, uid, 1, "LIU^HAIYAN", "MRN0091");
    }
  g_ptr_array_add (files, g_file_new_for_path (folder));
  state.thread = g_thread_self ();

  hz_imaging_import_async (fixture->store, CASE_ID, files, progress_cb, &state, NULL, NULL,
                           imported_cb, &state);
  g_assert_true (hz_test_wait_until (finished, &state));
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.result->n_added, ==, 3);
  /* every progress call ran before the result arrived: 0 of 3, then each file */
  g_assert_cmpuint (state.calls, ==, 4);
  g_assert_cmpuint (state.last_done, ==, 3);
  g_assert_cmpuint (state.last_total, ==, 3);
  g_assert_false (state.wrong_thread);
  hz_imaging_import_result_free (state.result);

  /* an unknown case fails the import as a whole */
  {
    g_autoptr(GError) error = NULL;
    HzImagingImportResult *result = hz_imaging_import (fixture->store, "no-such-case", files,
                                                       NULL, NULL, NULL, &error);

    g_assert_null (result);
    g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND);
  }
}

/* --- huizhen-cli imaging ------------------------------------------------- */

static int
run_cli_on (const char  *db_path,
            const char  *args,
            char       **out,
            char       **err)
{
  g_autofree char *line = g_strdup_printf ("%s --db %s --user 王医生 %s", HUIZHEN_CLI_PATH,
                                           db_path, args);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_shell_parse_argv (line, NULL, &argv, &error));
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

static int
run_cli (Fixture     *fixture,
         const char  *args,
         char       **out,
         char       **err)
{
  return run_cli_on (hz_store_get_path (fixture->store), args, out, err);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *still = g_build_filename (folder, "still.dcm", NULL);
  g_autofree char *junk = g_build_filename (folder, "readme.txt", NULL);
  g_autofree char *args = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *blob = NULL;

  make_instance (fixture, still, SERIES_1, STUDY_UID ".1.1", 1, "LIU^HAIYAN", "MRN0091");
  g_assert_true (g_file_set_contents (junk, "x", -1, NULL));
  sha = file_sha256 (still);

  args = g_strdup_printf ("imaging import --case " CASE_ID " %s", folder);
  g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "Added 1, already in the case 0, refused 1\n");
  g_assert_nonnull (strstr (err, junk));
  g_assert_nonnull (strstr (err, "2/2"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture, "imaging list --case " CASE_ID " --json", &out, &err), ==, 0);
  blob = hz_store_blob_dup_path (fixture->store, sha);
  /* the id is derived from the case and the UID: read it back from the store */
  {
    g_autoptr(HzCase) kase = hz_case_load (fixture->store, CASE_ID, NULL);
    g_autoptr(GPtrArray) items = hz_imaging_list_items (kase);

    expected = g_strdup_printf ("[\n"
                                "  {\n"
                                "    \"resource\": \"ImagingStudy/%s\",\n"
                                "    \"study_uid\": \"" STUDY_UID "\",\n"
                                "    \"series_uid\": \"" SERIES_1 "\",\n"
                                "    \"sop_uid\": \"" STUDY_UID ".1.1\",\n"
                                "    \"sop_class\": \"1.2.840.10008.5.1.4.1.1.6.1\",\n"
                                "    \"modality\": \"US\",\n"
                                "    \"date\": \"2026-12-03T09:05:00+08:00\",\n"
                                "    \"title\": \"经腹扫查\",\n"
                                "    \"content_type\": \"application/dicom\",\n"
                                "    \"series_number\": 2,\n"
                                "    \"instance_number\": 1,\n"
                                "    \"frames\": 1,\n"
                                "    \"sha256\": \"%s\",\n"
                                "    \"path\": \"%s\"\n"
                                "  }\n"
                                "]\n",
                                ((HzImagingItem *) g_ptr_array_index (items, 0))->resource_id, sha, blob);
  }
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* usage: no case */
  g_assert_cmpint (run_cli (fixture, "imaging import still.dcm", &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--case"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, "imaging list --case no-such-case", &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "no-such-case"));
}

/* An H.264 DICOM file (videotestsrc through x264enc, wrapped by the
 * tests' writer): `dicom info` names its transfer syntax and says it is
 * video; `dicom frame` refuses it in words; it imports as an image */
static void
test_cli_video (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *es = g_build_filename (fixture->work, "clip.h264", NULL);
  g_autofree char *location = g_strdup_printf ("location=%s", es);
  const char *argv[] = { "gst-launch-1.0", "-q", "videotestsrc", "num-buffers=30", "!",
                         "video/x-raw,width=64,height=48,framerate=30/1", "!", "x264enc", "!",
                         "video/x-h264,stream-format=byte-stream", "!", "filesink", location, NULL };
  g_autofree char *stream = NULL;
  g_autofree char *path = NULL;
  g_autofree char *args = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *png = g_build_filename (fixture->work, "frame.png", NULL);
  g_autoptr(JsonObject) info = NULL;
  gsize length;

  hz_test_dicom_run (argv);
  g_assert_true (g_file_get_contents (es, &stream, &length, NULL));
  path = hz_test_dicom_write_video (fixture->work, "h264", "1.2.840.10008.1.2.4.102",
                                    "1.2.826.0.1.3680043.10.1186.7.1", (const guint8 *) stream, length,
                                    4096, 30, 64, 48, 1000.0 / 30);

  args = g_strdup_printf ("dicom info %s --json", path);
  g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 0);
  info = hz_test_parse_object (out);
  g_assert_cmpstr (json_object_get_string_member (info, "transfer_syntax"), ==, "1.2.840.10008.1.2.4.102");
  g_assert_cmpstr (json_object_get_string_member (info, "transfer_syntax_name"), ==,
                   "MPEG-4 AVC/H.264 High Profile / Level 4.1");
  g_assert_true (json_object_get_boolean_member (info, "video"));
  g_assert_cmpint (json_object_get_int_member (info, "frames"), ==, 30);
  g_assert_cmpint (json_object_get_int_member (info, "columns"), ==, 64);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&args, g_free);

  args = g_strdup_printf ("dicom info %s", path);
  g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "MPEG-4 AVC/H.264 High Profile / Level 4.1 (1.2.840.10008.1.2.4.102)"));
  g_assert_nonnull (strstr (out, "yes: the frames are decoded by the imaging viewer (GStreamer)"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&args, g_free);

  args = g_strdup_printf ("dicom frame %s -o %s", path, png);
  g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "is a video transfer syntax"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&args, g_free);

  /* into a case: an image of 30 frames, as any cine */
  args = g_strdup_printf ("imaging import --case " CASE_ID " %s", path);
  g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "Added 1, already in the case 0, refused 0\n");
}

/* --- the regional imaging platform: Orthanc with its DICOMweb plugin ---- */

/* Orthanc (hz-test-orthanc.h), started once for the /pacs tests */
static HzTestOrthanc pacs;

#define PACS_USER     HZ_TEST_ORTHANC_USER
#define PACS_PASSWORD HZ_TEST_ORTHANC_PASSWORD

static HzDicomwebClient *
pacs_client (void)
{
  return hz_test_orthanc_client (&pacs);
}

/* A self-signed certificate for 127.0.0.1 and its key, in one PEM file
 * (what Orthanc's SslCertificate takes, and what the client trusts) */
static char *
make_certificate (const char *dir)
{
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key_text = NULL;
  g_autofree char *cert_text = NULL;
  g_autofree char *both = NULL;
  char *path = g_build_filename (dir, "server.pem", NULL);
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                         "-keyout", key, "-out", cert, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    g_error ("openssl could not make a test certificate (the openssl package is needed): %s%s",
             error != NULL ? error->message : "", err != NULL ? err : "");
  g_assert_true (g_file_get_contents (cert, &cert_text, NULL, NULL));
  g_assert_true (g_file_get_contents (key, &key_text, NULL, NULL));
  both = g_strconcat (cert_text, key_text, NULL);
  g_assert_true (g_file_set_contents (path, both, -1, NULL));
  return path;
}

static void
pacs_start (void)
{
  hz_test_orthanc_start (&pacs);
}

/* "--url … --pacs-user … --password-file …" */
static char *
pacs_args (Fixture *fixture)
{
  g_autofree char *password = g_build_filename (fixture->dir, "pacs-password", NULL);

  g_assert_true (g_file_set_contents (password, PACS_PASSWORD "\n", -1, NULL));
  return g_strdup_printf ("--url %s --pacs-user " PACS_USER " --password-file %s", pacs.url, password);
}

typedef struct
{
  GAsyncResult *result;
} AsyncCall;

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ((AsyncCall *) user_data)->result = g_object_ref (result);
}

static gboolean
async_finished (gpointer data)
{
  return ((AsyncCall *) data)->result != NULL;
}

static void
test_pacs_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *still = g_build_filename (fixture->dir, "in", "still.dcm", NULL);
  g_autofree char *cine = g_build_filename (fixture->dir, "in", "cine.dcm", NULL);
  g_autofree char *other_dir = g_build_filename (fixture->dir, "centre", NULL);
  g_autofree char *other_db = g_build_filename (other_dir, "huizhen.db", NULL);
  g_autofree char *auth = pacs_args (fixture);
  g_autofree char *args = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(HzActor) actor = hz_actor_new ("沈慧敏", HZ_TEAM_OBSTETRICS, "主任医师", "云州市妇幼保健院");
  g_autoptr(HzStore) centre = NULL;
  g_autoptr(HzDicomwebClient) client = pacs_client ();
  g_autoptr(GPtrArray) studies = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(HzImagingImportResult) series = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  const char *paths[] = { still, cine, NULL };
  HzDicomwebQuery query = { 0, };
  HzDicomwebStudy *study;

  make_instance (fixture, still, SERIES_1, STUDY_UID ".1.1", 1, "LIU^HAIYAN=刘^海燕", "MRN0091");
  make_instance (fixture, cine, SERIES_2, STUDY_UID ".2.1", 4, "LIU^HAIYAN=刘^海燕", "MRN0091");
  hz_imaging_import_result_free (import_paths (fixture, paths));

  /* STOW-RS: the county hospital sends its study up */
  args = g_strdup_printf ("pacs send %s --case " CASE_ID " " STUDY_UID, auth);
  g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 0);
  expected = g_strdup_printf ("Sent 2 images of study " STUDY_UID " to %s\n", pacs.url);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
  /* the export is in the audit trail */
  audit = hz_store_list_audit (fixture->store, NULL, 0, &error);
  g_assert_no_error (error);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < audit->len && !found; i++)
      {
        const HzJv *event = hz_resource_get_value (g_ptr_array_index (audit, i));
        const HzJv *entity = hz_jv_get_object_element (event, "entity", 0);

        found = g_strcmp0 (hz_jv_get_path_string (event, "subtype") , NULL) == 0 &&
                g_str_has_prefix (hz_jv_get_string (entity, "description") != NULL
                                  ? hz_jv_get_string (entity, "description") : "", pacs.url);
      }
    g_assert_true (found);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&args, g_free);
  g_clear_pointer (&expected, g_free);

  /* QIDO-RS by patient ID, through the CLI */
  args = g_strdup_printf ("pacs query %s --patient-id MRN0091 --json", auth);
  g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==,
                   "[\n"
                   "  {\n"
                   "    \"study_uid\": \"" STUDY_UID "\",\n"
                   "    \"patient_id\": \"MRN0091\",\n"
                   "    \"patient_name\": \"LIU^HAIYAN=刘^海燕\",\n"
                   "    \"study_date\": \"20261203\",\n"
                   "    \"study_time\": \"090500\",\n"
                   "    \"modalities\": \"US\",\n"
                   "    \"description\": \"早孕超声\",\n"
                   "    \"accession_number\": null,\n"
                   "    \"series\": 2,\n"
                   "    \"instances\": 2\n"
                   "  }\n"
                   "]\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&args, g_free);

  /* by name, date range and modality, through the library */
  query.patient_name = "LIU*";
  query.date_range = "2026-12-01..2026-12-31";
  query.modality = "US";
  studies = hz_dicomweb_client_search_studies (client, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (studies->len, ==, 1);
  study = g_ptr_array_index (studies, 0);
  g_assert_cmpstr (study->study_uid, ==, STUDY_UID);
  g_assert_cmpuint (study->n_instances, ==, 2);
  query.date_range = "20261101-20261130";
  none = hz_dicomweb_client_search_studies (client, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  /* WADO-RS into the regional centre's own database */
  centre = hz_test_store_new (other_dir, actor);
  hz_test_import_json (centre, case_bundle);
  args = g_strdup_printf ("pacs retrieve %s --case " CASE_ID " " STUDY_UID, auth);
  g_assert_cmpint (run_cli_on (other_db, args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "Added 2, already in the case 0, refused 0\n");
  g_assert_cmpstr (err, ==, "");
  {
    g_autoptr(HzCase) kase = hz_case_load (centre, CASE_ID, &error);
    g_autoptr(GPtrArray) items = NULL;

    g_assert_no_error (error);
    items = hz_imaging_list_items (kase);
    g_assert_cmpuint (items->len, ==, 2);
    /* the very bytes the county hospital sent */
    for (guint i = 0; i < items->len; i++)
      {
        HzImagingItem *item = g_ptr_array_index (items, i);

        assert_same_bytes (item->path, g_strcmp0 (item->sop_uid, STUDY_UID ".1.1") == 0 ? still : cine);
      }
  }

  /* the same search and an unknown study as the viewer's dialog runs them */
  {
    AsyncCall call = { 0, };
    g_autoptr(GPtrArray) found = NULL;

    query.date_range = NULL;
    hz_dicomweb_client_search_studies_async (client, &query, NULL, async_done_cb, &call);
    g_assert_true (hz_test_wait_until (async_finished, &call));
    found = hz_dicomweb_client_search_studies_finish (client, call.result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_clear_object (&call.result);

    hz_dicomweb_client_retrieve_async (client, centre, CASE_ID, "1.2.3.4", NULL, NULL,
                                       async_done_cb, &call);
    g_assert_true (hz_test_wait_until (async_finished, &call));
    g_assert_null (hz_dicomweb_client_retrieve_finish (client, call.result, &error));
    g_assert_error (error, HZ_DICOMWEB_ERROR, HZ_DICOMWEB_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_clear_object (&call.result);
  }

  /* into another woman's case: imported, and each image named in its warning */
  {
    g_autofree char *third_dir = g_build_filename (fixture->dir, "third", NULL);
    g_autoptr(HzStore) third = hz_test_store_new (third_dir, actor);
    g_autofree char *bundle = NULL;
    g_autoptr(HzImagingImportResult) wrong = NULL;
    g_autofree char *named = g_strdup_printf ("“image 1 of study " STUDY_UID " from %s” is of patient",
                                              pacs.url);
    g_auto(GStrv) parts = g_strsplit (case_bundle, "MRN0091", -1);

    bundle = g_strjoinv ("MRN0777", parts);
    hz_test_import_json (third, bundle);
    wrong = hz_dicomweb_client_retrieve (client, third, CASE_ID, STUDY_UID, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (wrong->n_added, ==, 2);
    g_assert_cmpuint (wrong->issues->len, ==, 2);
    g_assert_cmpint (((HzImagingIssue *) g_ptr_array_index (wrong->issues, 0))->kind, ==,
                     HZ_IMAGING_ISSUE_WARNING);
    g_assert_nonnull (strstr (((HzImagingIssue *) g_ptr_array_index (wrong->issues, 0))->message, named));
  }

  /* one series again: nothing new */
  series = hz_dicomweb_client_retrieve (client, centre, CASE_ID, STUDY_UID, SERIES_2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->n_added, ==, 0);
  g_assert_cmpuint (series->n_present, ==, 1);
}

/* @template with its "%s" replaced by @value (no printf of a variable format) */
static char *
expand (const char *template,
        const char *value)
{
  g_auto(GStrv) parts = g_strsplit (template, "%s", -1);

  return g_strjoinv (value, parts);
}

static void
test_pacs_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *auth = pacs_args (fixture);
  g_autofree char *wrong = g_build_filename (fixture->dir, "wrong-password", NULL);
  g_autofree char *token = g_build_filename (fixture->dir, "token", NULL);
  g_autofree char *down = g_strdup_printf ("http://127.0.0.1:%u/dicom-web", hz_test_free_port ());
  struct {
    const char *args;      /* %1$s: the connection options */
    int         status;
    const char *message;   /* in stderr */
  } cases[] = {
    { "pacs retrieve %s --case " CASE_ID " 1.2.3.4.5.6", 1, "has no study 1.2.3.4.5.6" },
    { "pacs retrieve %s --case no-such-case " STUDY_UID, 1, "no-such-case" },
    { "pacs send %s --case " CASE_ID " " STUDY_UID, 1, "holds no images of study" },
    { "pacs retrieve %s --case " CASE_ID " 1.2.x", 1, "is not a DICOM UID" },
    { "pacs query %s --date 2026-13", 2, "is not a date range" },
    { "pacs query %s --json --patient-id NOBODY", 0, NULL },
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *args = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = NULL;

      line = expand (cases[i].args, auth);
      g_assert_cmpint (run_cli (fixture, line, &out, &err), ==, cases[i].status);
      if (cases[i].message != NULL)
        g_assert_nonnull (strstr (err, cases[i].message));
      else
        g_assert_cmpstr (out, ==, "[]\n");
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }

  /* the PACS down */
  args = g_strdup_printf ("pacs query --url %s --patient-id MRN0091", down);
  g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "cannot be reached"));
  g_assert_nonnull (strstr (err, down));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&args, g_free);

  args = g_strdup_printf ("pacs retrieve --url %s --case " CASE_ID " " STUDY_UID, down);
  g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "cannot be reached"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&args, g_free);

  /* refused logins: a wrong password, none, a token Orthanc does not take */
  g_assert_true (g_file_set_contents (wrong, "guess\n", -1, NULL));
  g_assert_true (g_file_set_contents (token, "eyJhbGciOiJub25lIn0.e30.\n", -1, NULL));
  {
    const char *logins[] = { "--pacs-user " PACS_USER " --password-file %s", "", "--token-file %s" };

    for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
      {
        g_autofree char *login = expand (logins[i], i == 0 ? wrong : token);

        args = g_strdup_printf ("pacs query --url %s %s", pacs.url, login);
        g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 1);
        g_assert_nonnull (strstr (err, "refused the user name and password or the token (HTTP 401)"));
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
        g_clear_pointer (&args, g_free);
      }
  }

  /* not a PACS address; usage */
  g_assert_cmpint (run_cli (fixture, "pacs query --url ftp://pacs.example/", &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "is not the address of a PACS"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, "pacs query", &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--url"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  args = g_strdup_printf ("pacs retrieve --url %s " STUDY_UID, pacs.url);
  g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--case"));
}

/* https. Debian bookworm's Orthanc 1.10.1 crashes on its first TLS
 * connection (a civetweb worker segfaults with OpenSSL 3), so the peer
 * here is a small TLS server in a thread of this test with a self-signed
 * certificate, answering every request with an empty QIDO-RS result and
 * keeping the last request it read: the client must trust it through
 * --ca-file only, and send the login it was given. */
typedef struct
{
  GSocketListener *listener;
  GTlsCertificate *certificate;
  GCancellable    *stop;
  GThread         *thread;
  GMutex           lock;
  char            *last_request;
  guint16          port;
} TlsPeer;

static gpointer
tls_peer_thread (gpointer data)
{
  TlsPeer *peer = data;

  for (;;)
    {
      g_autoptr(GSocketConnection) connection = NULL;
      g_autoptr(GIOStream) tls = NULL;
      g_autoptr(GString) request = g_string_new (NULL);
      static const char answer[] = "HTTP/1.1 200 OK\r\nContent-Type: application/dicom+json\r\n"
                                   "Content-Length: 2\r\nConnection: close\r\n\r\n[]";
      GInputStream *in;
      char c;

      connection = g_socket_listener_accept (peer->listener, NULL, peer->stop, NULL);
      if (connection == NULL)
        break;
      tls = g_tls_server_connection_new (G_IO_STREAM (connection), peer->certificate, NULL);
      if (tls == NULL || !g_tls_connection_handshake (G_TLS_CONNECTION (tls), peer->stop, NULL))
        continue;   /* a client that does not trust the certificate */
      in = g_io_stream_get_input_stream (tls);
      while (!g_str_has_suffix (request->str, "\r\n\r\n") && request->len < 65536 &&
             g_input_stream_read (in, &c, 1, peer->stop, NULL) == 1)
        g_string_append_c (request, c);
      g_mutex_lock (&peer->lock);
      g_free (peer->last_request);
      peer->last_request = g_strdup (request->str);
      g_mutex_unlock (&peer->lock);
      g_output_stream_write_all (g_io_stream_get_output_stream (tls), answer, sizeof answer - 1,
                                 NULL, peer->stop, NULL);
      g_io_stream_close (tls, NULL, NULL);
    }
  return NULL;
}

static char *
tls_peer_dup_request (TlsPeer *peer)
{
  char *request;

  g_mutex_lock (&peer->lock);
  request = g_strdup (peer->last_request);
  g_mutex_unlock (&peer->lock);
  return request;
}

static void
test_pacs_tls (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *password = g_build_filename (fixture->dir, "pacs-password", NULL);
  g_autofree char *token = g_build_filename (fixture->dir, "pacs-token", NULL);
  g_autofree char *pem = make_certificate (fixture->dir);
  g_autofree char *url = NULL;
  g_autofree char *args = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *request = NULL;
  g_autofree char *basic = g_base64_encode ((const guchar *) PACS_USER ":" PACS_PASSWORD,
                                            strlen (PACS_USER ":" PACS_PASSWORD));
  g_autofree char *basic_header = g_strdup_printf ("\r\nAuthorization: Basic %s\r\n", basic);
  g_autoptr(GError) error = NULL;
  TlsPeer peer = { 0, };

  g_mutex_init (&peer.lock);
  peer.certificate = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);
  peer.listener = g_socket_listener_new ();
  peer.port = g_socket_listener_add_any_inet_port (peer.listener, NULL, &error);
  g_assert_no_error (error);
  peer.stop = g_cancellable_new ();
  peer.thread = g_thread_new ("tls-peer", tls_peer_thread, &peer);
  url = g_strdup_printf ("https://127.0.0.1:%u/dicom-web", peer.port);
  g_assert_true (g_file_set_contents (password, PACS_PASSWORD, -1, NULL));
  g_assert_true (g_file_set_contents (token, "eyJhbGciOiJub25lIn0.e30.\n", -1, NULL));

  /* trusted through --ca-file: the search is made, with the login */
  args = g_strdup_printf ("pacs query --url %s --pacs-user " PACS_USER " --password-file %s "
                          "--ca-file %s --modality US --json", url, password, pem);
  g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "[]\n");
  request = tls_peer_dup_request (&peer);
  g_assert_nonnull (request);
  g_assert_true (g_str_has_prefix (request, "GET /dicom-web/studies?ModalitiesInStudy=US&includefield="));
  g_assert_nonnull (strstr (request, basic_header));
  g_assert_nonnull (strstr (request, "\r\nAccept: application/dicom+json\r\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&args, g_free);
  g_clear_pointer (&request, g_free);

  /* a bearer token in place of the user */
  args = g_strdup_printf ("pacs query --url %s --token-file %s --ca-file %s", url, token, pem);
  g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "No study of the PACS matches\n");
  request = tls_peer_dup_request (&peer);
  g_assert_nonnull (strstr (request, "\r\nAuthorization: Bearer eyJhbGciOiJub25lIn0.e30.\r\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&args, g_free);
  g_clear_pointer (&request, g_free);

  /* a certificate nobody vouches for: no connection, nothing sent */
  g_mutex_lock (&peer.lock);
  g_clear_pointer (&peer.last_request, g_free);
  g_mutex_unlock (&peer.lock);
  args = g_strdup_printf ("pacs query --url %s --pacs-user " PACS_USER " --password-file %s",
                          url, password);
  g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "cannot be reached"));
  g_assert_cmpstr (out, ==, "");
  request = tls_peer_dup_request (&peer);
  g_assert_null (request);

  g_cancellable_cancel (peer.stop);
  g_socket_listener_close (peer.listener);
  g_thread_join (peer.thread);
  g_object_unref (peer.listener);
  g_object_unref (peer.certificate);
  g_object_unref (peer.stop);
  g_free (peer.last_request);
  g_mutex_clear (&peer.lock);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/imaging/blob/put", test_blob_put);
  ADD ("/imaging/blob/crash-safety", test_blob_crash_safety);
  ADD ("/imaging/import/file", test_import_file);
  ADD ("/imaging/import/folder", test_import_folder);
  ADD ("/imaging/import/dicomdir", test_import_dicomdir);
  ADD ("/imaging/import/duplicate", test_import_duplicate);
  ADD ("/imaging/import/corrupt", test_import_corrupt);
  ADD ("/imaging/import/clip", test_import_clip);
  ADD ("/imaging/import/other-patient", test_import_other_patient);
  ADD ("/imaging/import/async", test_import_async);
  ADD ("/imaging/cli", test_cli);
  ADD ("/imaging/cli-video", test_cli_video);
  g_test_add ("/pacs/round-trip", Fixture, NULL, fixture_set_up_pacs, test_pacs_round_trip, fixture_tear_down);
  g_test_add ("/pacs/errors", Fixture, NULL, fixture_set_up_pacs, test_pacs_errors, fixture_tear_down);
  ADD ("/pacs/tls", test_pacs_tls);
#undef ADD

  status = g_test_run ();
  hz_test_orthanc_stop (&pacs);
  return status;
}
