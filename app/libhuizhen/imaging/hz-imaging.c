/* hz-imaging.c — DICOM files and video clips into a case
 *
 * An import first turns what it was given into a list of files (folders
 * walked recursively, a DICOMDIR's records followed), reads the case's
 * ImagingStudy and Media resources once, then looks at each file in turn:
 * a DICOM instance (found by its content) is copied into the store's
 * blobs and added to the study of its Study Instance UID; a video clip
 * (sniffed from its first bytes) becomes a Media. A study is written once
 * at the end of the import, as a versioned write from the version read
 * (hz_store_put()); when another writer moved it on meanwhile it is read
 * again and this import's instances added to that version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-imaging"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-fhir-private.h"
#include "hz-imaging-private.h"
#include "hz-pinyin-private.h"
#include "hz-store-private.h"

#define SNIFF_BYTES 4096
#define MAX_PUT_TRIES 4

/* DICOM tags read here beyond hz_dicom_get_info() */
#define TAG_STUDY_TIME          HZ_DICOM_TAG (0x0008, 0x0030)
#define TAG_TIMEZONE_OFFSET     HZ_DICOM_TAG (0x0008, 0x0201)
#define TAG_STUDY_DESCRIPTION   HZ_DICOM_TAG (0x0008, 0x1030)
#define TAG_SERIES_DESCRIPTION  HZ_DICOM_TAG (0x0008, 0x103E)
#define TAG_SERIES_NUMBER       HZ_DICOM_TAG (0x0020, 0x0011)
#define TAG_INSTANCE_NUMBER     HZ_DICOM_TAG (0x0020, 0x0013)
#define TAG_MEDIA_SOP_CLASS     HZ_DICOM_TAG (0x0002, 0x0002)
#define TAG_DIRECTORY_RECORDS   HZ_DICOM_TAG (0x0004, 0x1220)
#define TAG_REFERENCED_FILE_ID  HZ_DICOM_TAG (0x0004, 0x1500)

#define SOP_CLASS_DICOMDIR      "1.2.840.10008.1.3.10"

void
hz_imaging_import_result_free (HzImagingImportResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->issues, g_ptr_array_unref);
  g_clear_pointer (&result->references, g_ptr_array_unref);
  g_free (result);
}

static void
issue_free (HzImagingIssue *issue)
{
  g_free (issue->path);
  g_free (issue->message);
  g_free (issue);
}

void
hz_imaging_item_free (HzImagingItem *item)
{
  if (item == NULL)
    return;
  g_free (item->resource_type);
  g_free (item->resource_id);
  g_free (item->study_uid);
  g_free (item->series_uid);
  g_free (item->sop_uid);
  g_free (item->sop_class);
  g_free (item->modality);
  g_free (item->date);
  g_free (item->title);
  g_free (item->content_type);
  g_free (item->sha256);
  g_free (item->path);
  g_free (item);
}

/* ------------------------------------------------------------------------- */
/* The files an import looks at */

static gboolean
is_dicomdir_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_ascii_strcasecmp (base, "DICOMDIR") == 0;
}

static void
add_issue (HzImagingImportResult *result,
           HzImagingIssueKind     kind,
           const char            *path,
           char                  *message)   /* taken */
{
  HzImagingIssue *issue = g_new0 (HzImagingIssue, 1);

  issue->kind = kind;
  issue->path = g_strdup (path);
  issue->message = message;
  g_ptr_array_add (result->issues, issue);
  if (kind == HZ_IMAGING_ISSUE_REFUSED)
    result->n_refused++;
}

/* The files a DICOMDIR names (Referenced File ID, components relative to
 * its folder) */
static void
collect_dicomdir (HzDicom               *dicomdir,
                  const char            *path,
                  GPtrArray             *out,
                  HzImagingImportResult *result)
{
  const HzDicomDataset *root = hz_dicom_get_dataset (dicomdir);
  g_autofree char *dir = g_path_get_dirname (path);
  guint n = hz_dicom_dataset_get_n_items (root, TAG_DIRECTORY_RECORDS);

  for (guint i = 0; i < n; i++)
    {
      const HzDicomDataset *record = hz_dicom_dataset_get_item (root, TAG_DIRECTORY_RECORDS, i);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *file = NULL;
      char *component;
      gboolean bad = FALSE;

      g_ptr_array_add (parts, g_strdup (dir));
      for (guint c = 0; (component = hz_dicom_dataset_dup_string (record, TAG_REFERENCED_FILE_ID, c)) != NULL; c++)
        {
          if (*component == '\0' || strcmp (component, "..") == 0 || strchr (component, '/') != NULL)
            bad = TRUE;
          g_ptr_array_add (parts, component);
        }
      if (parts->len == 1)
        continue;   /* a patient, study or series record */
      g_ptr_array_add (parts, NULL);
      file = g_build_filenamev ((char **) parts->pdata);
      if (bad)
        {
          add_issue (result, HZ_IMAGING_ISSUE_REFUSED, path,
                     g_strdup_printf (_("The DICOMDIR “%s” names a file outside its folder: “%s”"),
                                      path, file));
          continue;
        }
      g_ptr_array_add (out, g_steal_pointer (&file));
    }
}

static void
collect_folder (GFile                 *folder,
                GPtrArray             *out,
                GCancellable          *cancellable,
                HzImagingImportResult *result)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        cancellable, &error);
  if (children == NULL)
    {
      g_autofree char *path = g_file_get_path (folder);

      add_issue (result, HZ_IMAGING_ISSUE_REFUSED, path,
                 g_strdup_printf (_("Could not read the folder “%s”: %s"), path, error->message));
      return;
    }
  while ((info = g_file_enumerator_next_file (children, cancellable, NULL)) != NULL)
    g_ptr_array_add (names, info);

  for (guint i = 0; i < names->len; i++)
    {
      GFileInfo *child_info = g_ptr_array_index (names, i);
      const char *name = g_file_info_get_name (child_info);
      g_autoptr(GFile) child = g_file_get_child (folder, name);

      if (name[0] == '.')
        continue;
      switch (g_file_info_get_file_type (child_info))
        {
        case G_FILE_TYPE_DIRECTORY:
          collect_folder (child, out, cancellable, result);
          break;
        case G_FILE_TYPE_REGULAR:
          /* the files a DICOMDIR names are in the folder anyway */
          if (!is_dicomdir_name (name))
            g_ptr_array_add (out, g_file_get_path (child));
          break;
        default:
          break;
        }
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every file to look at, in order (element-type filename) */
static GPtrArray *
collect_files (GPtrArray             *files,
               GCancellable          *cancellable,
               HzImagingImportResult *result)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autofree char *path = g_file_get_path (file);
      GFileType type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (file);

          add_issue (result, HZ_IMAGING_ISSUE_REFUSED, uri,
                     g_strdup_printf (_("“%s” is not a local file"), uri));
        }
      else if (type == G_FILE_TYPE_DIRECTORY)
        {
          guint first = out->len;

          collect_folder (file, out, cancellable, result);
          /* by path, not by level: DIR1/IMG1 before DIR2 */
          if (out->len > first)
            qsort (out->pdata + first, out->len - first, sizeof (gpointer), compare_paths);
        }
      else if (type == G_FILE_TYPE_UNKNOWN)
        add_issue (result, HZ_IMAGING_ISSUE_REFUSED, path,
                   g_strdup_printf (_("“%s” does not exist"), path));
      else if (is_dicomdir_name (path))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(HzDicom) dicomdir = hz_dicom_open (path, &error);

          if (dicomdir == NULL)
            add_issue (result, HZ_IMAGING_ISSUE_REFUSED, path,
                       g_strdup_printf (_("Could not read the DICOMDIR “%s”: %s"), path, error->message));
          else
            collect_dicomdir (dicomdir, path, out, result);
        }
      else
        g_ptr_array_add (out, g_steal_pointer (&path));
    }

  return out;
}

/* ------------------------------------------------------------------------- */
/* The case as the import sees it */

typedef struct
{
  char       *uid;
  char       *series_uid;
  char       *sop_class;
  char       *modality;
  char       *series_description;
  char       *sha256;
  guint       series_number;
  guint       instance_number;
  guint       frames;
} Instance;

static void
instance_free (Instance *instance)
{
  g_free (instance->uid);
  g_free (instance->series_uid);
  g_free (instance->sop_class);
  g_free (instance->modality);
  g_free (instance->series_description);
  g_free (instance->sha256);
  g_free (instance);
}

typedef struct
{
  char       *id;
  char       *uid;             /* the Study Instance UID */
  JsonObject *stored;          /* the version read, NULL for a new study */
  GPtrArray  *pending;         /* Instance*, added by this import */
  /* for a new study */
  char       *started;
  char       *modality;
  char       *description;
} Study;

static void
study_free (Study *study)
{
  g_free (study->id);
  g_free (study->uid);
  g_clear_pointer (&study->stored, json_object_unref);
  g_ptr_array_unref (study->pending);
  g_free (study->started);
  g_free (study->modality);
  g_free (study->description);
  g_free (study);
}

typedef struct
{
  HzStore    *store;
  char       *case_id;
  char       *patient_ref;       /* "Patient/id" */
  char       *patient_name;      /* display, may be NULL */
  char       *patient_key;       /* name without spaces */
  char       *patient_pinyin;    /* its reading, NULL when not Chinese */
  GPtrArray  *patient_ids;       /* identifier values (utf8) */
  GHashTable *studies;           /* study uid → Study */
  GPtrArray  *study_order;       /* Study*, as met */
  GHashTable *instances;         /* SOP instance uids of the case */
  GHashTable *clips;             /* blob sha256 of the case's Media */
  gboolean    demo;              /* new resources are marked HTEST (hz_imaging_import_demo) */
} Import;

static void
import_free (Import *import)
{
  g_free (import->case_id);
  g_free (import->patient_ref);
  g_free (import->patient_name);
  g_free (import->patient_key);
  g_free (import->patient_pinyin);
  g_ptr_array_unref (import->patient_ids);
  g_ptr_array_unref (import->study_order);
  g_hash_table_unref (import->studies);
  g_hash_table_unref (import->instances);
  g_hash_table_unref (import->clips);
  g_object_unref (import->store);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

const char *
hz_imaging_study_uid (const HzJv *study)
{
  for (HzJv *id = hz_jv_get_first (hz_jv_get_array (study, "identifier")); id != NULL;
       id = hz_jv_get_next (id))
    {
      const char *value = hz_jv_get_string (id, "value");

      if (g_strcmp0 (hz_jv_get_string (id, "system"), HZ_SYSTEM_DICOM_UID) == 0 &&
          value != NULL && g_str_has_prefix (value, "urn:oid:"))
        return value + strlen ("urn:oid:");
    }
  return NULL;
}

/* The string member valueString of the extension @url of @value */
static const char *
extension_string (const HzJv *value,
                  const char *url)
{
  for (HzJv *ext = hz_jv_get_first (hz_jv_get_array (value, "extension")); ext != NULL;
       ext = hz_jv_get_next (ext))
    if (g_strcmp0 (hz_jv_get_string (ext, "url"), url) == 0)
      return hz_jv_get_string (ext, "valueString");
  return NULL;
}

static guint
extension_uint (const HzJv *value,
                const char *url)
{
  for (HzJv *ext = hz_jv_get_first (hz_jv_get_array (value, "extension")); ext != NULL;
       ext = hz_jv_get_next (ext))
    if (g_strcmp0 (hz_jv_get_string (ext, "url"), url) == 0)
      {
        gint64 n;

        if (hz_jv_get_int64 (hz_jv_get (ext, "valueInteger"), &n) && n >= 0 && n <= G_MAXUINT)
          return (guint) n;
      }
  return 0;
}

static guint
member_uint (const HzJv *value,
             const char *member)
{
  gint64 n;

  if (hz_jv_get_int64 (hz_jv_get (value, member), &n) && n >= 0 && n <= G_MAXUINT)
    return (guint) n;
  return 0;
}

/* The clip's SHA-256 of Media.content.url, or NULL */
static const char *
media_sha256 (const HzJv *media)
{
  const char *url = hz_jv_get_path_string (media, "content.url");

  if (url == NULL || !g_str_has_prefix (url, HZ_BLOB_URL_PREFIX))
    return NULL;
  return url + strlen (HZ_BLOB_URL_PREFIX);
}

static void
add_study_instances (Import     *import,
                     const HzJv *study)
{
  for (HzJv *series = hz_jv_get_first (hz_jv_get_array (study, "series")); series != NULL;
       series = hz_jv_get_next (series))
    for (HzJv *instance = hz_jv_get_first (hz_jv_get_array (series, "instance")); instance != NULL;
         instance = hz_jv_get_next (instance))
      {
        const char *uid = hz_jv_get_string (instance, "uid");

        if (uid != NULL)
          g_hash_table_add (import->instances, g_strdup (uid));
      }
}

static char *
normalise_name (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

static void
read_patient (Import     *import,
              const HzJv *patient)
{
  g_autofree char *name = hz_fhir_jv_dup_human_name (patient);

  for (HzJv *id = hz_jv_get_first (hz_jv_get_array (patient, "identifier")); id != NULL;
       id = hz_jv_get_next (id))
    if (hz_jv_get_string (id, "value") != NULL)
      g_ptr_array_add (import->patient_ids, g_strdup (hz_jv_get_string (id, "value")));

  if (name != NULL)
    {
      g_autofree char *forms = hz_pinyin_dup_search_forms (name);

      import->patient_name = g_strdup (name);
      import->patient_key = normalise_name (name);
      if (forms != NULL)
        import->patient_pinyin = g_strndup (forms, strcspn (forms, "\n"));
    }
}

static Import *
import_new (HzStore     *store,
            const char  *case_id,
            GError     **error)
{
  static const char * const types[] = { "EpisodeOfCare", "Patient", "ImagingStudy", "Media", NULL };
  g_autoptr(Import) import = g_new0 (Import, 1);
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(HzResource) patient = NULL;
  const char *patient_ref = NULL;

  import->store = g_object_ref (store);
  import->case_id = g_strdup (case_id);
  import->patient_ids = g_ptr_array_new_with_free_func (g_free);
  import->studies = g_hash_table_new (g_str_hash, g_str_equal);
  import->study_order = g_ptr_array_new_with_free_func ((GDestroyNotify) study_free);
  import->instances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->clips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  resources = hz_store_read_case_types (store, case_id, types, error);
  if (resources == NULL)
    return NULL;

  for (guint i = 0; i < resources->len; i++)
    {
      HzResource *resource = g_ptr_array_index (resources, i);
      const char *type = hz_resource_get_resource_type (resource);
      const HzJv *json = hz_resource_get_value (resource);

      if (strcmp (type, "EpisodeOfCare") == 0 && g_strcmp0 (hz_resource_get_id (resource), case_id) == 0)
        patient_ref = hz_jv_get_path_string (json, "patient.reference");
      else if (strcmp (type, "ImagingStudy") == 0)
        {
          const char *uid = hz_imaging_study_uid (json);

          add_study_instances (import, json);
          if (uid != NULL && !g_hash_table_contains (import->studies, uid))
            {
              Study *study = g_new0 (Study, 1);

              study->id = g_strdup (hz_resource_get_id (resource));
              study->uid = g_strdup (uid);
              study->stored = hz_resource_dup_json (resource);
              study->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) instance_free);
              g_ptr_array_add (import->study_order, study);
              g_hash_table_insert (import->studies, study->uid, study);
            }
        }
      else if (strcmp (type, "Media") == 0 && media_sha256 (json) != NULL)
        g_hash_table_add (import->clips, g_strdup (media_sha256 (json)));
    }

  if (patient_ref == NULL || !g_str_has_prefix (patient_ref, "Patient/"))
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                   _("Case “%s” names no patient: images cannot be linked to her"), case_id);
      return NULL;
    }
  import->patient_ref = g_strdup (patient_ref);
  patient = hz_store_get (store, "Patient", patient_ref + strlen ("Patient/"), NULL);
  if (patient != NULL)
    read_patient (import, hz_resource_get_value (patient));

  return g_steal_pointer (&import);
}

/* ------------------------------------------------------------------------- */
/* One DICOM file */

/* DICOM DA + TM (+ timezone offset) as a FHIR dateTime, or NULL */
static char *
dicom_started (const char *date,
               const char *time,
               const char *offset)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) when = NULL;
  int y, mo, d, h = 0, mi = 0, s = 0;
  char *text;

  if (date == NULL || strlen (date) != 8 ||
      sscanf (date, "%4d%2d%2d", &y, &mo, &d) != 3 || !g_date_valid_dmy (d, mo, y))
    return NULL;
  if (time == NULL || strlen (time) < 4 || sscanf (time, "%2d%2d", &h, &mi) != 2)
    return g_strdup_printf ("%04d-%02d-%02d", y, mo, d);
  if (strlen (time) >= 6)
    sscanf (time + 4, "%2d", &s);

  if (offset != NULL && strlen (offset) == 5 && (offset[0] == '+' || offset[0] == '-'))
    {
      g_autofree char *identifier = g_strdup_printf ("%.3s:%.2s", offset, offset + 3);

      zone = g_time_zone_new_identifier (identifier);
    }
  if (zone == NULL)
    zone = g_time_zone_new_local ();
  when = g_date_time_new (zone, y, mo, d, h, mi, s);
  if (when == NULL)
    return g_strdup_printf ("%04d-%02d-%02d", y, mo, d);
  text = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S%:z");
  if (!hz_fhir_date_is_valid (text))
    g_clear_pointer (&text, g_free);
  return text;
}

static guint
dataset_uint (const HzDicomDataset *dataset,
              guint32               tag)
{
  double value;

  if (hz_dicom_dataset_get_number (dataset, tag, 0, &value) && value >= 0 && value <= G_MAXUINT)
    return (guint) value;
  return 0;
}

/* A warning when the file names another patient than the case's: its
 * Patient ID none of her identifiers, or its name (any of the
 * alphabetic, ideographic and phonetic groups) not hers nor its pinyin. */
static char *
patient_mismatch (Import            *import,
                  const char        *path,
                  const HzDicomInfo *info)
{
  gboolean id_ok = TRUE;
  gboolean name_ok = TRUE;

  if (info->patient_id != NULL && *info->patient_id != '\0')
    {
      id_ok = FALSE;
      for (guint i = 0; i < import->patient_ids->len && !id_ok; i++)
        id_ok = strcmp (g_ptr_array_index (import->patient_ids, i), info->patient_id) == 0;
    }
  if (info->patient_name != NULL && *info->patient_name != '\0' && import->patient_key != NULL)
    {
      g_auto(GStrv) groups = g_strsplit (info->patient_name, "=", -1);

      name_ok = FALSE;
      for (guint i = 0; groups[i] != NULL && !name_ok; i++)
        {
          g_autofree char *key = normalise_name (groups[i]);

          name_ok = *key != '\0' &&
                    (strcmp (key, import->patient_key) == 0 ||
                     g_strcmp0 (key, import->patient_pinyin) == 0);
        }
    }
  if (id_ok && name_ok)
    return NULL;

  return g_strdup_printf (_("“%s” is of patient “%s” (ID “%s”), not of this case's patient %s: "
                            "imported, check that it belongs to this case"),
                          path,
                          info->patient_name != NULL ? info->patient_name : "",
                          info->patient_id != NULL ? info->patient_id : "",
                          import->patient_name != NULL ? import->patient_name : import->patient_ref);
}

static char *
study_id_for (const char *case_id,
              const char *prefix,
              const char *key)
{
  g_autofree char *text = g_strconcat (case_id, "\n", key, NULL);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return g_strdup_printf ("%s-%.32s", prefix, sha);
}

/* Looks at a DICOM file; FALSE (and an issue) when it is refused */
static void
import_dicom (Import                *import,
              const char            *path,
              HzDicom               *dicom,
              HzImagingImportResult *result)
{
  g_autoptr(HzDicomInfo) info = hz_dicom_get_info (dicom);
  const HzDicomDataset *dataset = hz_dicom_get_dataset (dicom);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *warning = NULL;
  Instance *instance;
  Study *study;

  if (info->study_instance_uid == NULL || info->series_instance_uid == NULL ||
      info->sop_instance_uid == NULL || *info->study_instance_uid == '\0' ||
      *info->series_instance_uid == '\0' || *info->sop_instance_uid == '\0')
    {
      add_issue (result, HZ_IMAGING_ISSUE_REFUSED, path,
                 g_strdup_printf (_("“%s” lacks a Study, Series or SOP Instance UID: it cannot be "
                                    "filed in a study"), path));
      return;
    }

  if (g_hash_table_contains (import->instances, info->sop_instance_uid))
    {
      result->n_present++;
      return;
    }

  if (!hz_store_blob_put_file (import->store, path, &sha256, &error))
    {
      add_issue (result, HZ_IMAGING_ISSUE_REFUSED, path,
                 g_strdup_printf (_("Could not copy “%s” into the case database: %s"), path, error->message));
      return;
    }

  warning = patient_mismatch (import, path, info);
  if (warning != NULL)
    add_issue (result, HZ_IMAGING_ISSUE_WARNING, path, g_steal_pointer (&warning));

  study = g_hash_table_lookup (import->studies, info->study_instance_uid);
  if (study == NULL)
    {
      g_autofree char *time = hz_dicom_dataset_dup_string (dataset, TAG_STUDY_TIME, 0);
      g_autofree char *offset = hz_dicom_dataset_dup_string (dataset, TAG_TIMEZONE_OFFSET, 0);

      study = g_new0 (Study, 1);
      study->id = study_id_for (import->case_id, "img", info->study_instance_uid);
      study->uid = g_strdup (info->study_instance_uid);
      study->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) instance_free);
      study->started = dicom_started (info->study_date, time, offset);
      study->modality = g_strdup (info->modality);
      study->description = hz_dicom_dataset_dup_string (dataset, TAG_STUDY_DESCRIPTION, 0);
      g_ptr_array_add (import->study_order, study);
      g_hash_table_insert (import->studies, study->uid, study);
    }

  instance = g_new0 (Instance, 1);
  instance->uid = g_strdup (info->sop_instance_uid);
  instance->series_uid = g_strdup (info->series_instance_uid);
  instance->sop_class = g_strdup (info->sop_class);
  instance->modality = g_strdup (info->modality);
  instance->series_description = hz_dicom_dataset_dup_string (dataset, TAG_SERIES_DESCRIPTION, 0);
  instance->sha256 = g_steal_pointer (&sha256);
  instance->series_number = dataset_uint (dataset, TAG_SERIES_NUMBER);
  instance->instance_number = dataset_uint (dataset, TAG_INSTANCE_NUMBER);
  instance->frames = MAX (info->frames, 1);
  g_ptr_array_add (study->pending, instance);
  g_hash_table_add (import->instances, g_strdup (instance->uid));
  result->n_added++;
}

/* ------------------------------------------------------------------------- */
/* Writing a study */

static JsonObject *
modality_coding (const char *code)
{
  return hz_fhir_new_coding (HZ_SYSTEM_DICOM_DCM, code, NULL);
}

/* meta.security HTEST, as hz_demo_import() marks the demo cases, so that
 * `huizhen-cli demo --remove` takes these too */
static void
mark_demo (Import     *import,
           JsonObject *resource)
{
  JsonObject *meta;
  JsonArray *security;
  JsonObject *coding;

  if (!import->demo)
    return;
  meta = json_object_new ();
  security = json_array_new ();
  coding = hz_fhir_new_coding (HZ_SYSTEM_ACT_REASON, HZ_SECURITY_DEMO, "test health data");
  json_array_add_object_element (security, coding);
  json_object_set_array_member (meta, "security", security);
  json_object_set_object_member (resource, "meta", meta);
}

static JsonObject *
new_study_json (Import *import,
                Study  *study)
{
  JsonObject *json = json_object_new ();
  JsonArray *identifiers = json_array_new ();
  JsonObject *identifier = json_object_new ();
  g_autofree char *value = g_strconcat ("urn:oid:", study->uid, NULL);

  json_object_set_string_member (json, "resourceType", "ImagingStudy");
  json_object_set_string_member (json, "id", study->id);
  mark_demo (import, json);
  json_object_set_string_member (identifier, "system", HZ_SYSTEM_DICOM_UID);
  json_object_set_string_member (identifier, "value", value);
  json_array_add_object_element (identifiers, identifier);
  json_object_set_array_member (json, "identifier", identifiers);
  json_object_set_string_member (json, "status", "available");
  if (study->modality != NULL && *study->modality != '\0')
    {
      JsonArray *modalities = json_array_new ();

      json_array_add_object_element (modalities, modality_coding (study->modality));
      json_object_set_array_member (json, "modality", modalities);
    }
  json_object_set_object_member (json, "subject",
                                 hz_fhir_new_reference (import->patient_ref, import->patient_name));
  if (study->started != NULL)
    json_object_set_string_member (json, "started", study->started);
  if (study->description != NULL && *study->description != '\0')
    json_object_set_string_member (json, "description", study->description);
  json_object_set_array_member (json, "series", json_array_new ());
  return json;
}

static JsonObject *
find_by_uid (JsonArray  *array,
             const char *uid)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *element = json_array_get_object_element (array, i);

      if (element != NULL && g_strcmp0 (json_object_get_string_member_with_default (element, "uid", NULL), uid) == 0)
        return element;
    }
  return NULL;
}

static JsonArray *
ensure_array (JsonObject *object,
              const char *member)
{
  if (!json_object_has_member (object, member) ||
      JSON_NODE_TYPE (json_object_get_member (object, member)) != JSON_NODE_ARRAY)
    json_object_set_array_member (object, member, json_array_new ());
  return json_object_get_array_member (object, member);
}

static JsonObject *
new_extension (const char *url)
{
  JsonObject *extension = json_object_new ();

  json_object_set_string_member (extension, "url", url);
  return extension;
}

static void
add_instance (JsonObject     *json,
              const Instance *pending)
{
  JsonArray *series_array = ensure_array (json, "series");
  JsonObject *series = find_by_uid (series_array, pending->series_uid);
  JsonArray *instances;
  JsonObject *instance;
  JsonArray *extensions;
  JsonObject *extension;

  if (series == NULL)
    {
      series = json_object_new ();
      json_object_set_string_member (series, "uid", pending->series_uid);
      if (pending->series_number > 0)
        json_object_set_int_member (series, "number", pending->series_number);
      if (pending->modality != NULL && *pending->modality != '\0')
        json_object_set_object_member (series, "modality", modality_coding (pending->modality));
      else
        json_object_set_object_member (series, "modality", modality_coding ("OT"));
      if (pending->series_description != NULL && *pending->series_description != '\0')
        json_object_set_string_member (series, "description", pending->series_description);
      json_array_add_object_element (series_array, series);
    }
  instances = ensure_array (series, "instance");
  if (find_by_uid (instances, pending->uid) != NULL)
    return;

  instance = json_object_new ();
  extensions = json_array_new ();
  extension = new_extension (HZ_EXTENSION_BLOB);
  json_object_set_string_member (extension, "valueString", pending->sha256);
  json_array_add_object_element (extensions, extension);
  extension = new_extension (HZ_EXTENSION_FRAMES);
  json_object_set_int_member (extension, "valueInteger", pending->frames);
  json_array_add_object_element (extensions, extension);
  json_object_set_array_member (instance, "extension", extensions);
  json_object_set_string_member (instance, "uid", pending->uid);
  if (pending->sop_class != NULL)
    {
      g_autofree char *code = g_strconcat ("urn:oid:", pending->sop_class, NULL);

      json_object_set_object_member (instance, "sopClass",
                                     hz_fhir_new_coding ("urn:ietf:rfc:3986", code, NULL));
    }
  if (pending->instance_number > 0)
    json_object_set_int_member (instance, "number", pending->instance_number);
  json_array_add_object_element (instances, instance);
}

/* numberOfSeries / numberOfInstances from what is listed (never fewer
 * than another system said, when it listed no instances) */
static void
recount (JsonObject *json)
{
  JsonArray *series_array = ensure_array (json, "series");
  guint n_series = json_array_get_length (series_array);
  gint64 total = 0;

  for (guint i = 0; i < n_series; i++)
    {
      JsonObject *series = json_array_get_object_element (series_array, i);
      gint64 listed = 0, said;

      if (json_object_has_member (series, "instance"))
        listed = json_array_get_length (json_object_get_array_member (series, "instance"));
      said = json_object_get_int_member_with_default (series, "numberOfInstances", 0);
      json_object_set_int_member (series, "numberOfInstances", MAX (listed, said));
      total += MAX (listed, said);
    }
  json_object_set_int_member (json, "numberOfSeries",
                              MAX ((gint64) n_series, json_object_get_int_member_with_default (json, "numberOfSeries", 0)));
  json_object_set_int_member (json, "numberOfInstances",
                              MAX (total, json_object_get_int_member_with_default (json, "numberOfInstances", 0)));
}

static gboolean
write_study (Import  *import,
             Study   *study,
             GError **error)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(JsonObject) json = NULL;
      g_autoptr(GError) local_error = NULL;

      if (study->stored != NULL)
        {
          g_autofree char *text = hz_json_object_to_string (study->stored);
          g_autoptr(JsonNode) node = json_from_string (text, NULL);

          json = json_object_ref (json_node_get_object (node));
        }
      else
        json = new_study_json (import, study);

      for (guint i = 0; i < study->pending->len; i++)
        add_instance (json, g_ptr_array_index (study->pending, i));
      recount (json);

      if (hz_store_put (import->store, import->case_id, json, &local_error))
        return TRUE;

      if (attempt + 1 >= MAX_PUT_TRIES ||
          !g_error_matches (local_error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* moved on meanwhile (another import, a note): add ours to that version */
      {
        g_autoptr(HzResource) now = hz_store_get (import->store, "ImagingStudy", study->id, NULL);

        g_clear_pointer (&study->stored, json_object_unref);
        if (now != NULL)
          study->stored = hz_resource_dup_json (now);
      }
    }
}

/* ------------------------------------------------------------------------- */
/* One clip */

static char *
file_created (GFileInfo *info)
{
  g_autoptr(GDateTime) modified = g_file_info_get_modification_date_time (info);
  g_autoptr(GDateTime) local = NULL;

  if (modified == NULL)
    return NULL;
  local = g_date_time_to_local (modified);
  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
import_clip (Import                *import,
             const char            *path,
             const char            *content_type,
             HzImagingImportResult *result)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) media = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *id = NULL;
  g_autofree char *url = NULL;
  g_autofree char *created = NULL;
  g_autofree char *name = g_path_get_basename (path);
  JsonObject *content;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info == NULL || !hz_store_blob_put_file (import->store, path, &sha256, &error))
    {
      add_issue (result, HZ_IMAGING_ISSUE_REFUSED, path,
                 g_strdup_printf (_("Could not copy “%s” into the case database: %s"), path, error->message));
      return;
    }
  if (g_hash_table_contains (import->clips, sha256))
    {
      result->n_present++;
      return;
    }

  id = study_id_for (import->case_id, "clip", sha256);
  url = g_strconcat (HZ_BLOB_URL_PREFIX, sha256, NULL);
  created = file_created (info);

  media = json_object_new ();
  json_object_set_string_member (media, "resourceType", "Media");
  json_object_set_string_member (media, "id", id);
  mark_demo (import, media);
  json_object_set_string_member (media, "status", "completed");
  json_object_set_object_member (media, "type",
                                 hz_fhir_new_concept ("http://terminology.hl7.org/CodeSystem/media-type",
                                                      "video", NULL));
  json_object_set_object_member (media, "subject",
                                 hz_fhir_new_reference (import->patient_ref, import->patient_name));
  if (created != NULL && hz_fhir_date_is_valid (created))
    json_object_set_string_member (media, "createdDateTime", created);
  content = json_object_new ();
  json_object_set_string_member (content, "contentType", content_type);
  json_object_set_string_member (content, "url", url);
  json_object_set_int_member (content, "size", g_file_info_get_size (info));
  json_object_set_string_member (content, "title", name);
  json_object_set_object_member (media, "content", content);

  if (!hz_store_put (import->store, import->case_id, media, &error))
    {
      add_issue (result, HZ_IMAGING_ISSUE_REFUSED, path,
                 g_strdup_printf (_("Could not add “%s” to the case: %s"), path, error->message));
      return;
    }
  g_hash_table_add (import->clips, g_strdup (sha256));
  g_ptr_array_add (result->references, g_strconcat ("Media/", id, NULL));
  result->n_added++;
}

/* ------------------------------------------------------------------------- */

/* "video/webm" and the like from the first bytes (never the name alone) */
static char *
sniff_video (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  guint8 head[SNIFF_BYTES];
  gsize n = 0;
  gboolean uncertain = FALSE;
  g_autofree char *type = NULL;
  g_autofree char *mime = NULL;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, NULL, NULL) ||
      n == 0)
    return NULL;
  type = g_content_type_guess (NULL, head, n, &uncertain);
  mime = g_content_type_get_mime_type (type);
  if (mime == NULL || !g_str_has_prefix (mime, "video/"))
    return NULL;
  return g_steal_pointer (&mime);
}

static void
import_one (Import                *import,
            const char            *path,
            HzImagingImportResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzDicom) dicom = NULL;
  g_autofree char *video = NULL;

  video = sniff_video (path);
  if (video != NULL)
    {
      import_clip (import, path, video, result);
      return;
    }

  dicom = hz_dicom_open (path, &error);
  if (dicom == NULL)
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
          g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES))
        add_issue (result, HZ_IMAGING_ISSUE_REFUSED, path,
                   g_strdup_printf (_("Could not read “%s”: %s"), path, error->message));
      else
        add_issue (result, HZ_IMAGING_ISSUE_REFUSED, path,
                   g_strdup_printf (_("“%s” is neither a DICOM file that can be read nor a video "
                                      "clip: %s"), path, error->message));
      return;
    }
  {
    g_autofree char *media_class = NULL;

    if (hz_dicom_get_meta (dicom) != NULL)
      media_class = hz_dicom_dataset_dup_string (hz_dicom_get_meta (dicom), TAG_MEDIA_SOP_CLASS, 0);
    if (g_strcmp0 (media_class, SOP_CLASS_DICOMDIR) == 0)
      {
        add_issue (result, HZ_IMAGING_ISSUE_REFUSED, path,
                   g_strdup_printf (_("“%s” is a DICOMDIR: import it as a file named DICOMDIR, "
                                      "or import its folder"), path));
        return;
      }
  }
  import_dicom (import, path, dicom, result);
}

typedef struct
{
  HzImagingProgressFunc  func;
  gpointer               data;
  GMainContext          *context;   /* NULL: call directly */
} Progress;

typedef struct
{
  HzImagingProgressFunc func;
  gpointer              data;
  guint                 done, total;
} ProgressCall;

static gboolean
progress_call_cb (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->func (call->done, call->total, call->data);
  return G_SOURCE_REMOVE;
}

static void
report_progress (const Progress *progress,
                 guint           done,
                 guint           total)
{
  g_autoptr(GSource) source = NULL;
  ProgressCall *call;

  if (progress->func == NULL)
    return;
  if (progress->context == NULL)
    {
      progress->func (done, total, progress->data);
      return;
    }
  call = g_new (ProgressCall, 1);
  call->func = progress->func;
  call->data = progress->data;
  call->done = done;
  call->total = total;
  /* a source, not g_main_context_invoke(): that would call it here when
   * no thread is iterating the context */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_call_cb, call, g_free);
  g_source_set_static_name (source, "[huizhen] imaging import progress");
  g_source_attach (source, progress->context);
}

static HzImagingImportResult *
run_import (HzStore        *store,
            const char     *case_id,
            GPtrArray      *files,
            gboolean        demo,
            const Progress *progress,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(HzImagingImportResult) result = g_new0 (HzImagingImportResult, 1);
  g_autoptr(Import) import = NULL;
  g_autoptr(GPtrArray) paths = NULL;

  result->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) issue_free);
  result->references = g_ptr_array_new_with_free_func (g_free);

  import = import_new (store, case_id, error);
  if (import == NULL)
    return NULL;
  import->demo = demo;

  paths = collect_files (files, cancellable, result);
  report_progress (progress, 0, paths->len);
  for (guint i = 0; i < paths->len; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      import_one (import, g_ptr_array_index (paths, i), result);
      report_progress (progress, i + 1, paths->len);
    }

  for (guint i = 0; i < import->study_order->len; i++)
    {
      Study *study = g_ptr_array_index (import->study_order, i);
      g_autoptr(GError) local_error = NULL;

      if (study->pending->len == 0)
        continue;
      if (!write_study (import, study, &local_error))
        {
          /* every file of the study is refused: nothing of it was written */
          for (guint j = 0; j < study->pending->len; j++)
            {
              Instance *instance = g_ptr_array_index (study->pending, j);

              result->n_added--;
              add_issue (result, HZ_IMAGING_ISSUE_REFUSED, NULL,
                         g_strdup_printf (_("Could not add image %s of study %s to the case: %s"),
                                          instance->uid, study->uid, local_error->message));
            }
          continue;
        }
      g_ptr_array_add (result->references, g_strconcat ("ImagingStudy/", study->id, NULL));
    }

  return g_steal_pointer (&result);
}

/**
 * hz_imaging_import:
 * @store: the store
 * @case_id: the case (EpisodeOfCare id)
 * @files: (element-type GFile): files, folders and DICOMDIRs
 * @progress: (nullable) (scope call): called after each file, on this thread
 * @cancellable: (nullable): cancelling stops before the next file; what
 *   was imported until then is written and counted
 *
 * Returns: (transfer full): the counts and issues, or %NULL with a
 *   HZ_STORE_ERROR when the case cannot be read
 */
HzImagingImportResult *
hz_imaging_import (HzStore               *store,
                   const char            *case_id,
                   GPtrArray             *files,
                   HzImagingProgressFunc  progress,
                   gpointer               progress_data,
                   GCancellable          *cancellable,
                   GError               **error)
{
  Progress report = { progress, progress_data, NULL };

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);
  g_return_val_if_fail (files != NULL, NULL);

  return run_import (store, case_id, files, FALSE, &report, cancellable, error);
}

typedef struct
{
  char                  *case_id;
  GPtrArray             *files;
  Progress               progress;
  GDestroyNotify         progress_destroy;
} ImportTask;

static void
import_task_free (ImportTask *data)
{
  g_free (data->case_id);
  g_ptr_array_unref (data->files);
  if (data->progress_destroy != NULL)
    data->progress_destroy (data->progress.data);
  g_main_context_unref (data->progress.context);
  g_free (data);
}

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ImportTask *data = task_data;
  GError *error = NULL;
  HzImagingImportResult *result;

  result = run_import (HZ_STORE (source_object), data->case_id, data->files, FALSE, &data->progress,
                       cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) hz_imaging_import_result_free);
}

/**
 * hz_imaging_import_async:
 * @files: (element-type GFile)
 * @progress: (nullable): called on the caller's thread-default main context
 * @progress_destroy: (nullable): frees @progress_data when the import is over
 */
void
hz_imaging_import_async (HzStore               *store,
                         const char            *case_id,
                         GPtrArray             *files,
                         HzImagingProgressFunc  progress,
                         gpointer               progress_data,
                         GDestroyNotify         progress_destroy,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTask *data;

  g_return_if_fail (HZ_IS_STORE (store));
  g_return_if_fail (case_id != NULL);
  g_return_if_fail (files != NULL);

  data = g_new0 (ImportTask, 1);
  data->case_id = g_strdup (case_id);
  data->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (data->files, g_object_ref (g_ptr_array_index (files, i)));
  data->progress.func = progress;
  data->progress.data = progress_data;
  data->progress.context = g_main_context_ref_thread_default ();
  data->progress_destroy = progress_destroy;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, hz_imaging_import_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) import_task_free);
  g_task_run_in_thread (task, import_in_thread);
}

/**
 * hz_imaging_import_finish:
 *
 * Returns: (transfer full): the counts and issues
 */
HzImagingImportResult *
hz_imaging_import_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hz_imaging_import_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------- */
/* Reading: the items the viewer shows */

static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const HzImagingItem *x = *(HzImagingItem * const *) a;
  const HzImagingItem *y = *(HzImagingItem * const *) b;

  if (x->series_number != y->series_number)
    return x->series_number < y->series_number ? -1 : 1;
  if (x->instance_number != y->instance_number)
    return x->instance_number < y->instance_number ? -1 : 1;
  return 0;
}

GPtrArray *
hz_imaging_items_for_resource (HzStore    *store,
                               HzResource *resource)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_imaging_item_free);
  const HzJv *json = hz_resource_get_value (resource);
  const char *type = hz_resource_get_resource_type (resource);

  g_return_val_if_fail (HZ_IS_STORE (store), items);

  if (strcmp (type, "ImagingStudy") == 0)
    {
      const char *study_uid = hz_imaging_study_uid (json);
      const char *study_modality = hz_jv_get_string (hz_jv_get_object_element (json, "modality", 0), "code");

      for (HzJv *series = hz_jv_get_first (hz_jv_get_array (json, "series")); series != NULL;
           series = hz_jv_get_next (series))
        for (HzJv *instance = hz_jv_get_first (hz_jv_get_array (series, "instance")); instance != NULL;
             instance = hz_jv_get_next (instance))
          {
            const char *sha256 = extension_string (instance, HZ_EXTENSION_BLOB);
            const char *sop_class = hz_jv_get_path_string (instance, "sopClass.code");
            const char *modality = hz_jv_get_path_string (series, "modality.code");
            HzImagingItem *item;

            if (sha256 == NULL)
              continue;   /* listed by another system, not held here */
            item = g_new0 (HzImagingItem, 1);
            item->resource_type = g_strdup (type);
            item->resource_id = g_strdup (hz_resource_get_id (resource));
            item->study_uid = g_strdup (study_uid);
            item->series_uid = g_strdup (hz_jv_get_string (series, "uid"));
            item->sop_uid = g_strdup (hz_jv_get_string (instance, "uid"));
            if (sop_class != NULL && g_str_has_prefix (sop_class, "urn:oid:"))
              sop_class += strlen ("urn:oid:");
            item->sop_class = g_strdup (sop_class);
            item->modality = g_strdup (modality != NULL ? modality : study_modality);
            item->date = g_strdup (hz_jv_get_string (json, "started"));
            item->title = dup_nonempty (hz_jv_get_string (series, "description"));
            item->content_type = g_strdup ("application/dicom");
            item->series_number = member_uint (series, "number");
            item->instance_number = member_uint (instance, "number");
            item->frames = MAX (extension_uint (instance, HZ_EXTENSION_FRAMES), 1);
            item->sha256 = g_strdup (sha256);
            item->path = hz_store_blob_dup_path (store, sha256);
            g_ptr_array_add (items, item);
          }
      /* series by number, then images by number (g_ptr_array_sort is stable) */
      g_ptr_array_sort (items, compare_items);
    }
  else if (strcmp (type, "Media") == 0 && media_sha256 (json) != NULL)
    {
      HzImagingItem *item = g_new0 (HzImagingItem, 1);
      const HzJv *content = hz_jv_get_object (json, "content");

      item->resource_type = g_strdup (type);
      item->resource_id = g_strdup (hz_resource_get_id (resource));
      item->date = g_strdup (hz_jv_get_string (json, "createdDateTime"));
      item->title = dup_nonempty (hz_jv_get_string (content, "title"));
      item->content_type = g_strdup (hz_jv_get_string (content, "contentType"));
      item->sha256 = g_strdup (media_sha256 (json));
      item->path = hz_store_blob_dup_path (store, item->sha256);
      g_ptr_array_add (items, item);
    }

  return items;
}

GPtrArray *
hz_imaging_list_items (HzCase *kase)
{
  static const char * const types[] = { "ImagingStudy", "Media" };
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_imaging_item_free);

  g_return_val_if_fail (HZ_IS_CASE (kase), items);

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      GListModel *model = hz_case_get_resources (kase, types[t]);
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(HzResource) resource = g_list_model_get_item (model, i);
          g_autoptr(GPtrArray) some = hz_imaging_items_for_resource (hz_case_get_store (kase), resource);

          g_ptr_array_extend_and_steal (items, g_steal_pointer (&some));
        }
    }
  return items;
}

/* ------------------------------------------------------------------------- */
/* Demo */

char *
hz_imaging_get_demo_dir (void)
{
  const char *env = g_getenv ("HUIZHEN_DEMO_IMAGING_DIR");
  g_autofree char *built = g_build_filename (HZ_BUILD_ROOT, "data", "demo", "imaging", NULL);
  g_autofree char *installed = g_build_filename (PKGDATADIR, "demo-imaging", NULL);

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (hz_is_running_uninstalled () && g_file_test (built, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&built);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  if (g_file_test (built, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&built);
  return NULL;
}

/**
 * hz_imaging_import_demo:
 * @dir: (nullable): the demo imaging folder (NULL: hz_imaging_get_demo_dir())
 *
 * Each subfolder of @dir named after a case the store holds is imported
 * into that case. A missing folder is no error (nothing is imported).
 */
gboolean
hz_imaging_import_demo (HzStore                *store,
                        const char             *dir,
                        HzImagingImportResult **out_result,
                        GError                **error)
{
  g_autofree char *default_dir = NULL;
  g_autoptr(HzImagingImportResult) total = g_new0 (HzImagingImportResult, 1);
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const Progress no_progress = { NULL, NULL, NULL };
  const char *name;

  g_return_val_if_fail (HZ_IS_STORE (store), FALSE);

  total->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) issue_free);
  total->references = g_ptr_array_new_with_free_func (g_free);

  if (dir == NULL)
    dir = default_dir = hz_imaging_get_demo_dir ();
  if (dir != NULL)
    listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_paths);

  for (guint i = 0; i < names->len; i++)
    {
      const char *case_id = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, case_id, NULL);
      g_autoptr(HzResource) episode = NULL;
      g_autoptr(GPtrArray) files = NULL;
      g_autoptr(HzImagingImportResult) result = NULL;

      if (!g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      episode = hz_store_get (store, "EpisodeOfCare", case_id, NULL);
      if (episode == NULL)
        continue;

      files = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (files, g_file_new_for_path (path));
      result = run_import (store, case_id, files, TRUE, &no_progress, NULL, error);
      if (result == NULL)
        return FALSE;
      total->n_added += result->n_added;
      total->n_present += result->n_present;
      total->n_refused += result->n_refused;
      g_ptr_array_extend_and_steal (total->issues, g_steal_pointer (&result->issues));
      g_ptr_array_extend_and_steal (total->references, g_steal_pointer (&result->references));
    }

  if (out_result != NULL)
    *out_result = g_steal_pointer (&total);
  return TRUE;
}
