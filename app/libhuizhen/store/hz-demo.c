/* hz-demo.c — the demo cases: shifted to today, marked HTEST, removable
 *
 * The stories in data/demo are written for HZ_DEMO_STORY_DATE. Imported on
 * another day, every date and dateTime moves by the same number of days
 * (birth dates too), so each case is at the gestational age its story
 * gives, on any day. Partial dates (a year, a year and month) are left as
 * they are: moving them by days would claim a precision they do not have.
 *
 * Every demo resource carries meta.security HTEST (v3-ActReason "test
 * health data"); the case list shows it as 演示 and hz_demo_remove()
 * deletes exactly those resources, audited like any delete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-fhir-private.h"
#include "hz-json-doc-private.h"
#include "hz-store-private.h"

char *
hz_demo_get_default_dir (void)
{
  return hz_find_data_dir ("HUIZHEN_DEMO_DIR", "demo");
}

/* YYYY-MM-DD[Thh:mm[:ss[.f]][Z|±hh:mm]] with a real calendar date: the
 * day moves by @days, the rest is kept as written */
static gboolean
shift_value (HzJsonDoc *doc,
             HzJv      *value,
             int        days)
{
  const char *s = value->str;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) shifted = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  int y, m, d;

  if (value->len < 10 ||
      !g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[1]) || !g_ascii_isdigit (s[2]) ||
      !g_ascii_isdigit (s[3]) || s[4] != '-' || !g_ascii_isdigit (s[5]) ||
      !g_ascii_isdigit (s[6]) || s[7] != '-' || !g_ascii_isdigit (s[8]) || !g_ascii_isdigit (s[9]))
    return FALSE;
  if (value->len > 10 && s[10] != 'T')
    return FALSE;
  if (!hz_fhir_date_is_valid (s))
    return FALSE;

  y = atoi (s);
  m = atoi (s + 5);
  d = atoi (s + 8);
  day = g_date_time_new_utc (y, m, d, 12, 0, 0);
  if (day == NULL)
    return FALSE;
  shifted = g_date_time_add_days (day, days);
  date = g_date_time_format (shifted, "%Y-%m-%d");
  text = g_strconcat (date, s + 10, NULL);
  hz_jv_set_string (doc, value, text);
  return TRUE;
}

static void
shift_tree (HzJsonDoc *doc,
            HzJv      *value,
            int        days)
{
  for (HzJv *child = value->first; child != NULL; child = child->next)
    {
      /* ids, references and code systems are names, not dates */
      if (child->key != NULL &&
          (strcmp (child->key, "id") == 0 || strcmp (child->key, "reference") == 0 ||
           strcmp (child->key, "system") == 0 || strcmp (child->key, "url") == 0 ||
           strcmp (child->key, "fullUrl") == 0))
        continue;

      if (child->type == HZ_JV_STRING)
        shift_value (doc, child, days);
      else if (child->type == HZ_JV_OBJECT || child->type == HZ_JV_ARRAY)
        shift_tree (doc, child, days);
    }
}

static void
mark_demo (HzJsonDoc *doc,
           HzJv      *resource)
{
  HzJv *meta = hz_jv_object_ensure_object (doc, resource, "meta");
  HzJv *security = hz_jv_object_ensure_array (doc, meta, "security");
  HzJv *coding;

  for (HzJv *c = security->first; c != NULL; c = c->next)
    if (g_strcmp0 (hz_jv_get_string (c, "system"), HZ_SYSTEM_ACT_REASON) == 0 &&
        g_strcmp0 (hz_jv_get_string (c, "code"), HZ_SECURITY_DEMO) == 0)
      return;

  coding = hz_jv_array_append_object (doc, security);
  hz_jv_object_set_string (doc, coding, "system", HZ_SYSTEM_ACT_REASON);
  hz_jv_object_set_string (doc, coding, "code", HZ_SECURITY_DEMO);
  hz_jv_object_set_string (doc, coding, "display", "test health data");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * hz_demo_import:
 * @store: the store
 * @dir: (nullable): the folder of demo bundles; NULL for hz_demo_get_default_dir()
 * @today: (nullable): the day the cases should be at their stories' GA; NULL for today
 * @out_case_ids: (out) (optional) (transfer full): the demo cases
 * @error: return location for a #GError
 *
 * Imports every demo bundle with its dates moved by (@today −
 * HZ_DEMO_STORY_DATE) and every resource marked HTEST. Imported again
 * (another day), the demo resources get new versions; nothing is lost.
 */
gboolean
hz_demo_import (HzStore     *store,
                const char  *dir,
                GDate       *today,
                GStrv       *out_case_ids,
                GError     **error)
{
  g_autofree char *default_dir = NULL;
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) cases = g_strv_builder_new ();
  g_autoptr(GError) local_error = NULL;
  GDate story;
  GDate now;
  const char *name;
  int days;

  g_return_val_if_fail (HZ_IS_STORE (store), FALSE);

  if (dir == NULL)
    dir = default_dir = hz_demo_get_default_dir ();
  if (dir == NULL)
    {
      g_set_error_literal (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND,
                           _("No demo cases are installed; set HUIZHEN_DEMO_DIR to their folder"));
      return FALSE;
    }

  g_date_clear (&story, 1);
  g_date_set_parse (&story, HZ_DEMO_STORY_DATE);
  g_assert (g_date_valid (&story));
  if (today == NULL)
    {
      g_date_clear (&now, 1);
      g_date_set_time_t (&now, time (NULL));
      today = &now;
    }
  days = g_date_days_between (&story, today);

  folder = g_dir_open (dir, 0, &local_error);
  if (folder == NULL)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND,
                   _("The demo cases could not be found: %s"), local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  if (names->len == 0)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND,
                   _("The folder “%s” holds no demo cases"), dir);
      return FALSE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *text = NULL;
      g_autoptr(HzJsonDoc) doc = NULL;
      g_autoptr(GPtrArray) resources = NULL;
      g_autoptr(GArray) bases = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) deletes = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_store_delete_op_free);
      g_auto(GStrv) touched = NULL;
      gsize length;

      if (!g_file_get_contents (path, &text, &length, &local_error))
        {
          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_FAILED,
                       _("Could not read “%s”: %s"), path, local_error->message);
          return FALSE;
        }

      doc = hz_json_doc_parse (g_steal_pointer (&text), length, &local_error);
      if (doc == NULL)
        {
          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID_JSON,
                       _("“%s” is not valid JSON: %s"), path, local_error->message);
          return FALSE;
        }

      resources = hz_store_bundle_resources (doc, bases, deletes, error);
      if (resources == NULL)
        {
          g_prefix_error (error, "%s: ", path);
          return FALSE;
        }

      for (guint j = 0; j < resources->len; j++)
        {
          HzJv *resource = g_ptr_array_index (resources, j);

          shift_tree (doc, resource, days);
          mark_demo (doc, resource);
        }

      /* whatever version is there: a demo imported again moves to today */
      if (!hz_store_write (store, doc, resources, NULL, NULL, NULL, "demo", TRUE, &touched, error))
        {
          g_prefix_error (error, "%s: ", path);
          return FALSE;
        }
      g_strv_builder_addv (cases, (const char **) touched);
    }

  if (out_case_ids != NULL)
    *out_case_ids = g_strv_builder_end (cases);
  return TRUE;
}

/* Children first, then the pregnancy, then the woman */
static int
delete_rank (const char *type)
{
  if (strcmp (type, "Patient") == 0)
    return 2;
  if (strcmp (type, "EpisodeOfCare") == 0)
    return 1;
  return 0;
}

static int
compare_ops (gconstpointer a,
             gconstpointer b)
{
  const HzStoreDeleteOp *op_a = *(HzStoreDeleteOp * const *) a;
  const HzStoreDeleteOp *op_b = *(HzStoreDeleteOp * const *) b;

  return delete_rank (op_a->type) - delete_rank (op_b->type);
}

/**
 * hz_demo_remove:
 * @store: the store
 * @out_n_cases: (out) (optional): how many demo cases were removed
 * @error: return location for a #GError
 *
 * Deletes every demo case (EpisodeOfCare marked HTEST) with its demo
 * resources, one case per transaction, audited; the history keeps them, as
 * it keeps every delete. A resource of a demo case that is not marked
 * HTEST (a clinician's note added to it) stops the removal of that case.
 */
gboolean
hz_demo_remove (HzStore  *store,
                guint    *out_n_cases,
                GError  **error)
{
  g_autoptr(GPtrArray) summaries = NULL;
  guint n = 0;

  g_return_val_if_fail (HZ_IS_STORE (store), FALSE);

  summaries = hz_store_list_cases (store, error);
  if (summaries == NULL)
    return FALSE;

  for (guint i = 0; i < summaries->len; i++)
    {
      HzCaseSummary *summary = g_ptr_array_index (summaries, i);
      const char *case_id = hz_case_summary_get_case_id (summary);
      g_autoptr(GPtrArray) resources = NULL;
      g_autoptr(GPtrArray) deletes = NULL;
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      if (!hz_case_summary_get_demo (summary))
        continue;

      resources = hz_store_read_case (store, case_id, error);
      if (resources == NULL)
        return FALSE;

      deletes = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_store_delete_op_free);
      for (guint j = 0; j < resources->len; j++)
        {
          HzResource *resource = g_ptr_array_index (resources, j);
          const char *type = hz_resource_get_resource_type (resource);
          HzStoreDeleteOp *op;

          if (!hz_fhir_jv_is_demo (hz_resource_get_value (resource)))
            {
              g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                           _("Demo case “%s” holds %s/%s, which is not demo data; "
                             "it was left in place"),
                           case_id, type, hz_resource_get_id (resource));
              return FALSE;
            }

          /* the woman stays while another pregnancy of hers is in the store */
          if (strcmp (type, "Patient") == 0 &&
              g_strcmp0 (hz_case_summary_get_patient_id (summary), hz_resource_get_id (resource)) == 0)
            {
              gboolean other = FALSE;

              /* another pregnancy of hers still in the store: one not
               * demo, or a demo one not removed yet (later in the list) */
              for (guint k = 0; k < summaries->len && !other; k++)
                other = k != i &&
                        g_strcmp0 (hz_case_summary_get_patient_id (g_ptr_array_index (summaries, k)),
                                   hz_case_summary_get_patient_id (summary)) == 0 &&
                        (k > i || !hz_case_summary_get_demo (g_ptr_array_index (summaries, k)));
              if (other)
                continue;
            }

          op = g_new0 (HzStoreDeleteOp, 1);
          op->type = g_strdup (type);
          op->id = g_strdup (hz_resource_get_id (resource));
          op->base_version = HZ_STORE_ANY_VERSION;
          g_ptr_array_add (deletes, op);
        }
      g_ptr_array_sort (deletes, compare_ops);

      if (!hz_store_write (store, NULL, none, NULL, deletes, NULL, "demo --remove", FALSE, NULL,
                           error))
        return FALSE;
      n++;
    }

  if (out_n_cases != NULL)
    *out_n_cases = n;
  return TRUE;
}
