/* hz-reproductive-page.c — the Reproductive medicine page of a case workspace
 *
 * Sections, each with the form that records into it: the pregnancy status
 * (GA by the case's one dating rule, or pre-conception), earlier
 * pregnancies with the recurrent-loss criteria (hz_rsa_evaluate()), the
 * recurrent-loss work-up (hz_workup_items_of_resource()), ART embryo
 * transfers, the team's treatment plan (a CarePlan: each change a new
 * version) and the hand-over to obstetrics (a completed Task). The page
 * follows HzCase::changed and rebuilds only the sections whose resource
 * types changed; it writes only through hz_save_resource_async().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-reproductive"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "hz-reproductive-private.h"

#define GA_MAX_WEEKS 44

/* The outcomes offered in the form, in the order clinicians list them */
static const HzPregnancyOutcomeKind form_outcomes[] = {
  HZ_OUTCOME_MISSED_MISCARRIAGE,
  HZ_OUTCOME_SPONTANEOUS_MISCARRIAGE,
  HZ_OUTCOME_BIOCHEMICAL_PREGNANCY,
  HZ_OUTCOME_ECTOPIC_PREGNANCY,
  HZ_OUTCOME_MOLAR_PREGNANCY,
  HZ_OUTCOME_STILLBIRTH,
  HZ_OUTCOME_LIVE_BIRTH,
};

static const char * const art_methods[] = { "IVF", "ICSI", NULL };

struct _HzReproductivePage
{
  GtkWidget     parent_instance;

  HzCase       *kase;
  gulong        changed_id;
  GCancellable *cancellable;

  /* rows each section made, removed when it is rebuilt */
  GPtrArray    *loss_rows;
  GPtrArray    *workup_rows;
  GPtrArray    *art_rows;
  GPtrArray    *plan_rows;
  GPtrArray    *handover_rows;

  /* template */
  GtkWidget    *scroller;
  AdwActionRow *status_row;
  AdwPreferencesGroup *losses_group;
  AdwActionRow *rsa_row;
  AdwComboRow  *loss_kind_row;
  AdwEntryRow  *loss_date_row;
  AdwEntryRow  *loss_ga_row;
  GtkLabel     *loss_error;
  GtkButton    *loss_button;
  AdwPreferencesGroup *workup_group;
  AdwComboRow  *workup_item_row;
  AdwEntryRow  *workup_date_row;
  AdwEntryRow  *workup_result_row;
  AdwComboRow  *workup_reading_row;
  GtkLabel     *workup_error;
  GtkButton    *workup_button;
  AdwPreferencesGroup *art_group;
  AdwComboRow  *art_method_row;
  AdwEntryRow  *art_date_row;
  AdwEntryRow  *art_age_row;
  GtkLabel     *art_error;
  GtkButton    *art_button;
  AdwPreferencesGroup *plan_group;
  AdwEntryRow  *plan_drug_row;
  AdwEntryRow  *plan_dose_row;
  AdwEntryRow  *plan_start_row;
  AdwEntryRow  *plan_stop_row;
  GtkLabel     *plan_error;
  GtkButton    *plan_button;
  AdwPreferencesGroup *handover_group;
  AdwEntryRow  *handover_to_row;
  AdwEntryRow  *handover_date_row;
  GtkLabel     *handover_error;
  GtkButton    *handover_button;
};

G_DEFINE_FINAL_TYPE (HzReproductivePage, hz_reproductive_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- helpers ---------------------------------------------------------------- */

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static AdwActionRow *
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         const char          *title,
         const char          *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, subtitle != NULL ? subtitle : "");
  adw_action_row_set_title_lines (row, 0);
  adw_action_row_set_subtitle_lines (row, 0);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  g_ptr_array_add (rows, row);
  return row;
}

/* "孕9+2周" as the GA of a day, or NULL when @ga_days is unknown */
static char *
format_ga (int ga_days)
{
  return ga_days >= 0 ? hz_ga_format (ga_days) : NULL;
}

static char *
format_day (const GDate *date)
{
  return g_date_valid (date) ? hz_ui_format_gdate (date) : g_strdup (_("date unknown"));
}

static void
set_combo_strings (AdwComboRow        *row,
                   const char * const *strings)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (strings);

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

/* --- input ------------------------------------------------------------------ */

static void
show_error (GtkLabel   *label,
            GtkWidget  *field,
            const char *message)
{
  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

static void
clear_error (GtkLabel *label,
             ...)
{
  GtkWidget *field;
  va_list args;

  gtk_label_set_text (label, "");
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  va_start (args, label);
  while ((field = va_arg (args, GtkWidget *)) != NULL)
    gtk_widget_remove_css_class (field, "error");
  va_end (args);
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* A date field: YYYY-MM-DD on a real day; not after today unless
 * @future_ok. FALSE with the message shown at the field. */
static gboolean
read_date (AdwEntryRow *row,
           GtkLabel    *error,
           gboolean     future_ok,
           GDate       *date)
{
  g_autofree char *text = entry_text (row);
  GDate today;

  if (*text == '\0')
    {
      show_error (error, GTK_WIDGET (row), _("Give the date, e.g. 2026-09-05"));
      return FALSE;
    }
  if (strlen (text) != 10 || !hz_fhir_parse_date (text, date))
    {
      g_autofree char *message =
        /* Translators: %s is what was typed in a date field */
        g_strdup_printf (_("“%s” is not a date: give it as YYYY-MM-DD, e.g. 2026-09-05"), text);

      show_error (error, GTK_WIDGET (row), message);
      return FALSE;
    }
  hz_ga_get_today (&today);
  if (!future_ok && g_date_compare (date, &today) > 0)
    {
      g_autofree char *message =
        /* Translators: %s is a date typed in a form */
        g_strdup_printf (_("%s is in the future: record what has happened"), text);

      show_error (error, GTK_WIDGET (row), message);
      return FALSE;
    }
  return TRUE;
}

/* "9+2", "9" (days 0), or empty (unknown: -1) */
static gboolean
read_ga (AdwEntryRow *row,
         GtkLabel    *error,
         int         *ga_days)
{
  g_autofree char *text = entry_text (row);
  g_auto(GStrv) parts = NULL;
  guint64 weeks = 0, days = 0;
  gboolean ok;

  *ga_days = -1;
  if (*text == '\0')
    return TRUE;

  parts = g_strsplit (text, "+", 3);
  ok = g_strv_length (parts) <= 2 &&
       g_ascii_string_to_unsigned (parts[0], 10, 0, GA_MAX_WEEKS, &weeks, NULL) &&
       (parts[1] == NULL || g_ascii_string_to_unsigned (parts[1], 10, 0, 6, &days, NULL));
  if (!ok)
    {
      g_autofree char *message =
        /* Translators: %s is what was typed; %d the most weeks */
        g_strdup_printf (_("“%s” is not a gestational age: give weeks+days, e.g. 9+2 (0–%d weeks, days 0–6)"),
                         text, GA_MAX_WEEKS);

      show_error (error, GTK_WIDGET (row), message);
      return FALSE;
    }
  *ga_days = (int) (weeks * 7 + days);
  return TRUE;
}

static gboolean
read_text (AdwEntryRow  *row,
           GtkLabel     *error,
           const char   *message,
           char        **text)
{
  *text = entry_text (row);
  if (**text != '\0')
    return TRUE;
  g_clear_pointer (text, g_free);
  show_error (error, GTK_WIDGET (row), message);
  return FALSE;
}

/* --- saving ----------------------------------------------------------------- */

typedef struct
{
  HzReproductivePage *self;
  GtkButton          *button;
  GtkLabel           *error;
  AdwEntryRow        *entries[4];
} SaveData;

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveData *data = user_data;
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome = hz_save_resource_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (data->self);
      g_free (data);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (data->button), TRUE);
  if (outcome == HZ_SAVE_SAVED)
    {
      for (guint i = 0; i < G_N_ELEMENTS (data->entries) && data->entries[i] != NULL; i++)
        gtk_editable_set_text (GTK_EDITABLE (data->entries[i]), "");
    }
  else if (outcome == HZ_SAVE_FAILED && error != NULL)
    show_error (data->error, NULL, error->message);

  g_object_unref (data->self);
  g_free (data);
}

/* Writes @resource (taken); the form's entries are emptied once saved. */
static void
save (HzReproductivePage *self,
      JsonObject         *resource,
      GtkButton          *button,
      GtkLabel           *error,
      AdwEntryRow        *first_entry,
      ...)
{
  SaveData *data = g_new0 (SaveData, 1);
  AdwEntryRow *entry = first_entry;
  va_list args;

  data->self = g_object_ref (self);
  data->button = button;
  data->error = error;
  va_start (args, first_entry);
  for (guint i = 0; entry != NULL && i < G_N_ELEMENTS (data->entries); i++)
    {
      data->entries[i] = entry;
      entry = va_arg (args, AdwEntryRow *);
    }
  va_end (args);

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  hz_save_resource_async (GTK_WIDGET (self), hz_case_get_store (self->kase), hz_case_get_id (self->kase),
                          resource, self->cancellable, on_saved, data);
  json_object_unref (resource);
}

/* --- pregnancy status ------------------------------------------------------- */

static void
update_status (HzReproductivePage *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  HzDating dating;
  GDate today;
  int ga_days = -1;

  hz_case_get_dating (self->kase, &dating);
  hz_ga_get_today (&today);

  if (dating.delivered)
    {
      int after = g_date_days_between (&dating.delivery_date, &today);

      title = after >= 0 ? hz_ga_format_postpartum (after) : g_strdup (_("Delivered"));
      subtitle = g_strdup (hz_dating_method_get_display_name (dating.method));
    }
  else if (!hz_dating_ga_at (&dating, &today, &ga_days) || ga_days < 0)
    {
      /* 备孕: nothing dates a pregnancy yet (no LMP, no transfer) */
      title = g_strdup (_("Pre-conception: no pregnancy dated yet"));
      subtitle = g_strdup (_("The gestational age is counted once an LMP or an embryo transfer is recorded"));
    }
  else
    {
      g_autofree char *ga = hz_ga_format (ga_days);
      g_autofree char *edd = hz_ui_format_gdate (&dating.edd);

      /* Translators: the GA today, then how it was dated: "孕10+2周 · 按胚胎移植日" */
      title = g_strdup_printf (_("%s · %s"), ga, hz_dating_method_get_display_name (dating.method));
      if (dating.method == HZ_DATING_ART)
        {
          g_autofree char *day = hz_ui_format_gdate (&dating.transfer_date);

          /* Translators: EDD, the transfer day and embryo age, then the source */
          subtitle = g_strdup_printf (_("EDD %s · transfer of a day-%d embryo on %s · Source: %s"),
                                      edd, dating.embryo_age_days, day,
                                      hz_dating_method_get_source (dating.method));
        }
      else
        /* Translators: the estimated due date */
        subtitle = g_strdup_printf (_("EDD %s"), edd);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, subtitle);
}

/* --- earlier pregnancies ---------------------------------------------------- */

static void
update_losses (HzReproductivePage *self)
{
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) outcomes = hz_reproductive_collect_outcomes (self->kase, resources);
  g_autofree char *verdict = NULL;
  g_autofree char *source = NULL;
  HzRsaResult result;

  clear_rows (self->losses_group, self->loss_rows);

  for (guint i = 0; i < outcomes->len; i++)
    {
      const HzPregnancyOutcome *outcome = &g_array_index (outcomes, HzPregnancyOutcome, i);
      g_autofree char *day = format_day (&outcome->date);
      g_autofree char *ga = format_ga (outcome->ga_days);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: an earlier pregnancy: how it ended, then the day */
      title = g_strdup_printf (_("%s · %s"), hz_pregnancy_outcome_get_display_name (outcome->kind), day);
      if (ga != NULL)
        /* Translators: the gestational age when an earlier pregnancy ended */
        subtitle = g_strdup_printf (_("Gestational age then: %s"), ga);
      else
        subtitle = g_strdup (_("Gestational age then not recorded"));
      add_row (self->losses_group, self->loss_rows, title, subtitle);
    }

  hz_rsa_evaluate ((const HzPregnancyOutcome *) (gpointer) outcomes->data, outcomes->len, &result);
  verdict = hz_rsa_result_describe (&result);
  /* Translators: the guideline a result comes from; the rule asks for the same partner */
  source = g_strdup_printf (_("Source: %s (losses with the same partner)"), result.source);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rsa_row), verdict);
  adw_action_row_set_subtitle (self->rsa_row, source);
  if (result.status == HZ_RSA_NOT_MET)
    gtk_widget_remove_css_class (GTK_WIDGET (self->rsa_row), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->rsa_row), "warning");
}

static void
on_loss_clicked (HzReproductivePage *self)
{
  guint selected = adw_combo_row_get_selected (self->loss_kind_row);
  GDate date;
  int ga_days;

  clear_error (self->loss_error, self->loss_date_row, self->loss_ga_row, NULL);
  if (selected >= G_N_ELEMENTS (form_outcomes) ||
      !read_date (self->loss_date_row, self->loss_error, FALSE, &date) ||
      !read_ga (self->loss_ga_row, self->loss_error, &ga_days))
    return;

  save (self, hz_reproductive_new_outcome (self->kase, form_outcomes[selected], &date, ga_days),
        self->loss_button, self->loss_error, self->loss_date_row, self->loss_ga_row, NULL);
}

/* --- work-up ---------------------------------------------------------------- */

/* The result of a work-up resource in words: its value or conclusion,
 * its reading, its day */
static char *
describe_result (HzResource *resource)
{
  const HzJv *json = hz_resource_get_value (resource);
  g_autofree char *value = NULL;
  g_autofree char *day = NULL;
  GString *text = g_string_new (NULL);
  GDate date;

  if (g_strcmp0 (hz_resource_get_resource_type (resource), "DiagnosticReport") == 0)
    hz_fhir_append_part (text, hz_jv_get_string (json, "conclusion"));
  else
    {
      value = hz_fhir_jv_format_observation_value (json);
      hz_fhir_append_part (text, value);
      hz_fhir_append_part (text, hz_fhir_jv_concept_get_words (hz_jv_get_first (hz_jv_get_array (json, "interpretation"))));
    }
  if (hz_resource_get_day (resource, &date))
    {
      day = hz_ui_format_gdate (&date);
      hz_fhir_append_part (text, day);
    }
  return g_string_free (text, FALSE);
}

static void
collect_workup (GListModel  *model,
                HzResource **latest)
{
  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    {
      g_autoptr(HzResource) resource = g_list_model_get_item (model, i);
      guint mask = hz_workup_items_of_resource (hz_resource_get_value (resource));

      /* the models are oldest first: the last one wins */
      for (guint item = 0; item < HZ_N_WORKUP_ITEMS; item++)
        if (mask & (1u << item))
          g_set_object (&latest[item], resource);
    }
}

/* One row a group (antiphospholipid antibodies, thyroid, ...): each report
 * once, with the items it covers when it is not the whole group, then what
 * is not done */
static void
update_workup (HzReproductivePage *self)
{
  HzResource *latest[HZ_N_WORKUP_ITEMS] = { NULL, };
  guint done = 0;
  g_autofree char *description = NULL;

  clear_rows (self->workup_group, self->workup_rows);
  collect_workup (hz_case_get_resources (self->kase, "Observation"), latest);
  collect_workup (hz_case_get_resources (self->kase, "DiagnosticReport"), latest);

  for (guint first = 0; first < HZ_N_WORKUP_ITEMS;)
    {
      const char *group = hz_workup_item_get_info (first)->group;
      GString *subtitle = g_string_new (NULL);
      g_autoptr(GString) missing = g_string_new (NULL);
      g_autofree char *subtitle_text = NULL;
      guint end = first;
      guint group_done = 0;
      AdwActionRow *row;

      while (end < HZ_N_WORKUP_ITEMS && hz_workup_item_get_info (end)->group == group)
        end++;

      for (guint item = first; item < end; item++)
        {
          g_autoptr(GString) covered = NULL;
          g_autofree char *result = NULL;
          gboolean whole = TRUE;
          gboolean seen = FALSE;

          if (latest[item] == NULL)
            {
              if (missing->len > 0)
                /* Translators: between two work-up items */
                g_string_append (missing, _(", "));
              g_string_append (missing, hz_workup_item_get_label (item));
              continue;
            }
          done++;
          group_done++;
          for (guint other = first; other < item; other++)
            seen |= latest[other] == latest[item];
          if (seen)
            continue;

          covered = g_string_new (NULL);
          for (guint other = first; other < end; other++)
            {
              if (latest[other] != latest[item])
                {
                  whole = FALSE;
                  continue;
                }
              if (covered->len > 0)
                g_string_append (covered, _(", "));
              g_string_append (covered, hz_workup_item_get_label (other));
            }
          result = describe_result (latest[item]);
          if (subtitle->len > 0)
            g_string_append_c (subtitle, '\n');
          if (whole)
            g_string_append (subtitle, result);
          else
            /* Translators: the work-up items a report covers, then the report */
            g_string_append_printf (subtitle, _("%s: %s"), covered->str, result);
        }
      if (missing->len > 0)
        {
          if (subtitle->len > 0)
            g_string_append_c (subtitle, '\n');
          /* Translators: the work-up items of a group not done yet */
          g_string_append_printf (subtitle, _("Not done: %s"), missing->str);
        }

      subtitle_text = g_string_free (subtitle, FALSE);
      row = add_row (self->workup_group, self->workup_rows, hz_workup_item_get_group (first), subtitle_text);
      if (group_done == 0)
        gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
      first = end;
    }

  for (guint item = 0; item < HZ_N_WORKUP_ITEMS; item++)
    g_clear_object (&latest[item]);

  /* Translators: how many of the work-up items are done, and the source */
  description = g_strdup_printf (_("%u of %u done · Source: %s"), done, (guint) HZ_N_WORKUP_ITEMS,
                                 hz_workup_get_source ());
  adw_preferences_group_set_description (self->workup_group, description);
}

static void
on_workup_clicked (HzReproductivePage *self)
{
  guint item = adw_combo_row_get_selected (self->workup_item_row);
  gboolean abnormal = adw_combo_row_get_selected (self->workup_reading_row) == 1;
  g_autofree char *result = NULL;
  GDate date;

  clear_error (self->workup_error, self->workup_date_row, self->workup_result_row, NULL);
  if (item >= HZ_N_WORKUP_ITEMS ||
      !read_date (self->workup_date_row, self->workup_error, FALSE, &date) ||
      !read_text (self->workup_result_row, self->workup_error, _("Give the result as the report states it"), &result))
    return;

  save (self, hz_reproductive_new_workup_result (self->kase, item, &date, result, abnormal),
        self->workup_button, self->workup_error, self->workup_date_row, self->workup_result_row, NULL);
}

/* --- ART -------------------------------------------------------------------- */

static void
update_art (HzReproductivePage *self)
{
  GListModel *observations = hz_case_get_resources (self->kase, "Observation");

  clear_rows (self->art_group, self->art_rows);

  for (guint i = 0, n = g_list_model_get_n_items (observations); i < n; i++)
    {
      g_autoptr(HzResource) resource = g_list_model_get_item (observations, i);
      const char *method = NULL;
      g_autofree char *day = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GDate date;
      int age = -1;

      if (!hz_embryo_transfer_read (hz_resource_get_value (resource), &date, &age, &method))
        continue;
      day = hz_ui_format_gdate (&date);
      /* Translators: the ART method, then the day of the embryo transfer */
      title = g_strdup_printf (_("%s · embryo transfer on %s"), method != NULL ? method : _("ART"), day);
      if (hz_ga_days_at_transfer (age) >= 0)
        {
          g_autofree char *ga = hz_ga_format (hz_ga_days_at_transfer (age));

          /* Translators: the embryo's age in days, then the GA it gives on the transfer day */
          subtitle = g_strdup_printf (_("Day-%d embryo · gestational age that day %s"), age, ga);
        }
      else
        subtitle = g_strdup (_("Embryo age not recorded: this transfer does not date the pregnancy"));
      add_row (self->art_group, self->art_rows, title, subtitle);
    }

  if (self->art_rows->len == 0)
    add_row (self->art_group, self->art_rows, _("No embryo transfer recorded"), NULL);
}

static void
on_art_clicked (HzReproductivePage *self)
{
  guint method = adw_combo_row_get_selected (self->art_method_row);
  g_autofree char *age_text = NULL;
  guint64 age = 0;
  GDate date;

  clear_error (self->art_error, self->art_date_row, self->art_age_row, NULL);
  if (method >= g_strv_length ((char **) art_methods) ||
      !read_date (self->art_date_row, self->art_error, FALSE, &date))
    return;

  age_text = entry_text (self->art_age_row);
  if (!g_ascii_string_to_unsigned (age_text, 10, HZ_GA_EMBRYO_AGE_MIN_DAYS, HZ_GA_EMBRYO_AGE_MAX_DAYS, &age, NULL))
    {
      g_autofree char *message =
        /* Translators: %s is what was typed; %d–%d the embryo ages that date a pregnancy */
        g_strdup_printf (_("“%s” is not an embryo age: give the days from fertilisation to transfer, %d–%d"),
                         age_text, HZ_GA_EMBRYO_AGE_MIN_DAYS, HZ_GA_EMBRYO_AGE_MAX_DAYS);

      show_error (self->art_error, GTK_WIDGET (self->art_age_row), message);
      return;
    }

  save (self, hz_reproductive_new_transfer (self->kase, art_methods[method], &date, (int) age),
        self->art_button, self->art_error, self->art_date_row, self->art_age_row, NULL);
}

/* --- treatment plan --------------------------------------------------------- */

static void
on_stop_clicked (GtkButton          *button,
                 HzReproductivePage *self)
{
  HzResource *plan = hz_reproductive_find_plan (self->kase);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "hz-activity-index"));
  JsonObject *careplan;
  GDate today;

  clear_error (self->plan_error, NULL);
  if (plan == NULL)
    return;
  hz_ga_get_today (&today);
  careplan = hz_reproductive_stop_plan_activity (plan, index, &today);
  if (careplan != NULL)
    /* the row and its button are rebuilt once saved: the form's button waits */
    save (self, careplan, self->plan_button, self->plan_error, NULL);
}

static void
update_plan (HzReproductivePage *self)
{
  HzResource *plan = hz_reproductive_find_plan (self->kase);
  const HzJv *activities;
  guint index = 0;

  clear_rows (self->plan_group, self->plan_rows);
  if (plan == NULL)
    {
      adw_preferences_group_set_description (self->plan_group, NULL);
      add_row (self->plan_group, self->plan_rows, _("No treatment plan recorded"), NULL);
      return;
    }

  adw_preferences_group_set_description (self->plan_group, hz_jv_get_string (hz_resource_get_value (plan), "title"));
  activities = hz_jv_get_array (hz_resource_get_value (plan), "activity");
  for (const HzJv *activity = hz_jv_get_first (activities);
       activity != NULL;
       activity = hz_jv_get_next (activity), index++)
    {
      const HzJv *detail = hz_jv_get_object (activity, "detail");
      const char *status = hz_jv_get_string (detail, "status");
      const char *start = hz_jv_get_path_string (detail, "scheduledPeriod.start");
      const char *end = hz_jv_get_path_string (detail, "scheduledPeriod.end");
      g_autofree char *from = start != NULL ? hz_ui_format_date (start) : NULL;
      g_autofree char *to = end != NULL ? hz_ui_format_date (end) : NULL;
      GString *subtitle = g_string_new (NULL);
      g_autofree char *subtitle_text = NULL;
      g_autofree char *period = NULL;
      AdwActionRow *row;

      hz_fhir_append_part (subtitle, hz_jv_get_string (detail, "description"));
      if (from != NULL)
        {
          /* Translators: a treatment's start and stop days; "…" when open */
          period = g_strdup_printf (_("%s – %s"), from, to != NULL ? to : _("…"));
          hz_fhir_append_part (subtitle, period);
        }
      if (g_strcmp0 (status, "stopped") == 0 || g_strcmp0 (status, "completed") == 0)
        hz_fhir_append_part (subtitle, hz_fhir_code_get_display (status));
      subtitle_text = g_string_free (subtitle, FALSE);
      row = add_row (self->plan_group, self->plan_rows,
                     hz_fhir_jv_concept_get_words (hz_jv_get_object (detail, "code")), subtitle_text);

      if (g_strcmp0 (status, "stopped") != 0 && g_strcmp0 (status, "completed") != 0 &&
          g_strcmp0 (status, "cancelled") != 0)
        {
          GtkWidget *stop = gtk_button_new_with_label (_("Stop today"));

          gtk_widget_set_valign (stop, GTK_ALIGN_CENTER);
          g_object_set_data (G_OBJECT (stop), "hz-activity-index", GUINT_TO_POINTER (index));
          g_signal_connect (stop, "clicked", G_CALLBACK (on_stop_clicked), self);
          adw_action_row_add_suffix (row, stop);
        }
    }
}

static void
on_plan_clicked (HzReproductivePage *self)
{
  g_autofree char *drug = NULL;
  g_autofree char *dose = NULL;
  g_autofree char *stop_text = NULL;
  GDate start, stop;

  clear_error (self->plan_error, self->plan_drug_row, self->plan_dose_row, self->plan_start_row,
               self->plan_stop_row, NULL);
  g_date_clear (&stop, 1);
  if (!read_text (self->plan_drug_row, self->plan_error, _("Name the drug"), &drug) ||
      !read_text (self->plan_dose_row, self->plan_error, _("Give the dose and how often"), &dose) ||
      !read_date (self->plan_start_row, self->plan_error, TRUE, &start))
    return;

  stop_text = entry_text (self->plan_stop_row);
  if (*stop_text != '\0')
    {
      if (!read_date (self->plan_stop_row, self->plan_error, TRUE, &stop))
        return;
      if (g_date_compare (&stop, &start) < 0)
        {
          show_error (self->plan_error, GTK_WIDGET (self->plan_stop_row),
                      _("The stop day is before the start day"));
          return;
        }
    }

  save (self, hz_reproductive_add_plan_activity (self->kase, hz_reproductive_find_plan (self->kase),
                                                 drug, dose, &start, &stop),
        self->plan_button, self->plan_error, self->plan_drug_row, self->plan_dose_row,
        self->plan_start_row, self->plan_stop_row, NULL);
}

/* --- hand-over -------------------------------------------------------------- */

static void
update_handover (HzReproductivePage *self)
{
  GListModel *tasks = hz_case_get_resources (self->kase, "Task");

  clear_rows (self->handover_group, self->handover_rows);
  for (guint i = 0, n = g_list_model_get_n_items (tasks); i < n; i++)
    {
      g_autoptr(HzResource) task = g_list_model_get_item (tasks, i);
      const HzJv *json = hz_resource_get_value (task);
      const char *when = hz_jv_get_path_string (json, "executionPeriod.start");
      g_autofree char *day = NULL;
      g_autofree char *title = NULL;
      GString *subtitle;
      g_autofree char *subtitle_text = NULL;

      if (!hz_reproductive_task_is_handover (json))
        continue;
      if (when == NULL)
        when = hz_jv_get_string (json, "authoredOn");
      day = when != NULL ? hz_ui_format_date (when) : NULL;

      /* Translators: who handed the case over, to whom */
      title = g_strdup_printf (_("%s → %s"), hz_jv_get_path_string (json, "requester.display") ?: _("Reproductive medicine"),
                               hz_jv_get_path_string (json, "owner.display") ?: _("Obstetrics"));
      subtitle = g_string_new (NULL);
      hz_fhir_append_part (subtitle, day);
      hz_fhir_append_part (subtitle, hz_fhir_code_get_display (hz_jv_get_string (json, "status")));
      hz_fhir_append_part (subtitle, hz_fhir_jv_concept_get_words (hz_jv_get_object (json, "businessStatus")));
      subtitle_text = g_string_free (subtitle, FALSE);
      add_row (self->handover_group, self->handover_rows, title, subtitle_text);
    }

  if (self->handover_rows->len == 0)
    add_row (self->handover_group, self->handover_rows, _("Not handed over to obstetrics yet"), NULL);
}

static void
on_handover_clicked (HzReproductivePage *self)
{
  const HzActor *actor = hz_store_get_actor (hz_case_get_store (self->kase));
  g_autofree char *to = NULL;
  g_autofree char *from = NULL;
  GDate date;

  clear_error (self->handover_error, self->handover_to_row, self->handover_date_row, NULL);
  if (!read_text (self->handover_to_row, self->handover_error,
                  _("Name the obstetric clinician or team who takes the case over"), &to) ||
      !read_date (self->handover_date_row, self->handover_error, FALSE, &date))
    return;
  if (actor == NULL || actor->name == NULL)
    {
      show_error (self->handover_error, NULL, _("No clinician is signed in: the hand-over needs who gave it"));
      return;
    }

  /* "顾晓峰 主任医师（生殖医学科）" */
  from = actor->role != NULL && *actor->role != '\0'
         /* Translators: a clinician's name, role and team */
         ? g_strdup_printf (_("%s %s (%s)"), actor->name, actor->role, hz_team_get_display_name (actor->team))
         : g_strdup_printf (_("%s (%s)"), actor->name, hz_team_get_display_name (actor->team));
  save (self, hz_reproductive_new_handover (self->kase, from, to, &date),
        self->handover_button, self->handover_error, self->handover_to_row, self->handover_date_row, NULL);
}

/* --- following the case ----------------------------------------------------- */

static gboolean
types_contain (const char * const *types,
               const char         *type)
{
  return types == NULL || g_strv_contains (types, type);
}

static void
update (HzReproductivePage *self,
        const char * const *types)
{
  gboolean observations = types_contain (types, "Observation");
  gboolean reports = types_contain (types, "DiagnosticReport");

  if (observations)
    update_status (self);
  if (types_contain (types, "Condition"))
    update_losses (self);
  if (observations || reports)
    update_workup (self);
  if (observations)
    update_art (self);
  if (types_contain (types, "CarePlan"))
    update_plan (self);
  if (types_contain (types, "Task"))
    update_handover (self);
}

static void
on_case_changed (HzCase             *kase,
                 const char * const *types,
                 HzReproductivePage *self)
{
  update (self, types);
}

/* --- GObject ---------------------------------------------------------------- */

static void
hz_reproductive_page_constructed (GObject *object)
{
  HzReproductivePage *self = (HzReproductivePage *)object;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  const char *readings[] = { _("Normal"), _("Abnormal"), NULL };

  G_OBJECT_CLASS (hz_reproductive_page_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (form_outcomes); i++)
    g_ptr_array_add (names, (gpointer) hz_pregnancy_outcome_get_display_name (form_outcomes[i]));
  g_ptr_array_add (names, NULL);
  set_combo_strings (self->loss_kind_row, (const char * const *) names->pdata);

  for (guint item = 0; item < HZ_N_WORKUP_ITEMS; item++)
    g_ptr_array_add (items, g_strdup_printf (_("%s: %s"), hz_workup_item_get_group (item),
                                             hz_workup_item_get_label (item)));
  g_ptr_array_add (items, NULL);
  set_combo_strings (self->workup_item_row, (const char * const *) items->pdata);
  set_combo_strings (self->workup_reading_row, readings);
  set_combo_strings (self->art_method_row, art_methods);

  if (self->kase != NULL)
    {
      self->changed_id = g_signal_connect (self->kase, "changed", G_CALLBACK (on_case_changed), self);
      update (self, NULL);
    }
}

static void
hz_reproductive_page_dispose (GObject *object)
{
  HzReproductivePage *self = (HzReproductivePage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->kase != NULL)
    g_clear_signal_handler (&self->changed_id, self->kase);
  g_clear_object (&self->kase);
  gtk_widget_dispose_template (GTK_WIDGET (self), HZ_TYPE_REPRODUCTIVE_PAGE);

  G_OBJECT_CLASS (hz_reproductive_page_parent_class)->dispose (object);
}

static void
hz_reproductive_page_finalize (GObject *object)
{
  HzReproductivePage *self = (HzReproductivePage *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->loss_rows, g_ptr_array_unref);
  g_clear_pointer (&self->workup_rows, g_ptr_array_unref);
  g_clear_pointer (&self->art_rows, g_ptr_array_unref);
  g_clear_pointer (&self->plan_rows, g_ptr_array_unref);
  g_clear_pointer (&self->handover_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (hz_reproductive_page_parent_class)->finalize (object);
}

static void
hz_reproductive_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  HzReproductivePage *self = HZ_REPRODUCTIVE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_reproductive_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  HzReproductivePage *self = HZ_REPRODUCTIVE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CASE:
      self->kase = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_reproductive_page_class_init (HzReproductivePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hz_reproductive_page_constructed;
  object_class->dispose = hz_reproductive_page_dispose;
  object_class->finalize = hz_reproductive_page_finalize;
  object_class->get_property = hz_reproductive_page_get_property;
  object_class->set_property = hz_reproductive_page_set_property;

  properties[PROP_CASE] = g_param_spec_object ("case", NULL, NULL, HZ_TYPE_CASE,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/huizhen/Huizhen/plugins/reproductive/hz-reproductive-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, HzReproductivePage, name)
  CHILD (scroller);
  CHILD (status_row);
  CHILD (losses_group);
  CHILD (rsa_row);
  CHILD (loss_kind_row);
  CHILD (loss_date_row);
  CHILD (loss_ga_row);
  CHILD (loss_error);
  CHILD (loss_button);
  CHILD (workup_group);
  CHILD (workup_item_row);
  CHILD (workup_date_row);
  CHILD (workup_result_row);
  CHILD (workup_reading_row);
  CHILD (workup_error);
  CHILD (workup_button);
  CHILD (art_group);
  CHILD (art_method_row);
  CHILD (art_date_row);
  CHILD (art_age_row);
  CHILD (art_error);
  CHILD (art_button);
  CHILD (plan_group);
  CHILD (plan_drug_row);
  CHILD (plan_dose_row);
  CHILD (plan_start_row);
  CHILD (plan_stop_row);
  CHILD (plan_error);
  CHILD (plan_button);
  CHILD (handover_group);
  CHILD (handover_to_row);
  CHILD (handover_date_row);
  CHILD (handover_error);
  CHILD (handover_button);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_loss_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_workup_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_art_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_handover_clicked);
}

static void
hz_reproductive_page_init (HzReproductivePage *self)
{
  g_type_ensure (ADW_TYPE_PREFERENCES_GROUP);
  g_type_ensure (ADW_TYPE_ENTRY_ROW);
  g_type_ensure (ADW_TYPE_COMBO_ROW);
  self->cancellable = g_cancellable_new ();
  self->loss_rows = g_ptr_array_new ();
  self->workup_rows = g_ptr_array_new ();
  self->art_rows = g_ptr_array_new ();
  self->plan_rows = g_ptr_array_new ();
  self->handover_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hz_reproductive_page_new (HzCase *kase)
{
  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  return g_object_new (HZ_TYPE_REPRODUCTIVE_PAGE, "case", kase, NULL);
}
