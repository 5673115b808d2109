/* hz-nutrition-page.c — the nutrition team's page of a case: BMI, weight gain, glucose log, advice
 *
 * Everything shown is read from the HzCase (hz-nutrition.h reads it, the
 * rules of hz-calc.h and the thresholds table judge it) and written back
 * through hz_save_resource_async(), which shows the conflict dialog when
 * another clinician or process wrote first. The page follows the case's
 * `changed` signal: Observations redraw the chart and replace only the
 * days of the glucose log that changed; the advice CarePlan updates the
 * advice, without touching a text the nutritionist is still editing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-nutrition"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-glucose-day.h"
#include "hz-nutrition-resources.h"
#include "hz-nutrition-page.h"

/* A value typed and saved: its field, the button that saves it, where its
 * errors are said */
typedef struct
{
  GtkButton *button;
  GtkEntry  *entry;
  GtkLabel  *error;
} EntryForm;

struct _HzNutritionPage
{
  GtkWidget      parent_instance;

  HzCase        *kase;
  gulong         changed_id;
  GCancellable  *cancellable;

  GListStore    *glucose_days;
  GtkStringList *advice_versions;
  HzResource    *advice_base;      /* the advice version the text started from */
  gboolean       advice_dirty;     /* edited since it was loaded or saved */
  gboolean       loading_advice;
  EntryForm      weight_form;
  EntryForm      glucose_form;
  char          *advice_saving_id; /* the CarePlan being saved */

  /* template */
  GtkWidget     *scroller;
  AdwActionRow  *bmi_row;
  GtkLabel      *bmi_value;
  AdwActionRow  *band_row;
  AdwActionRow  *latest_row;
  GtkImage      *latest_icon;
  HzGwgChart    *chart;
  GtkEntry      *weight_entry;
  GtkEntry      *weight_date_entry;
  GtkButton     *weight_button;
  GtkLabel      *weight_error;
  GtkLabel      *glucose_targets;
  GtkDropDown   *glucose_slot;
  GtkEntry      *glucose_entry;
  GtkEntry      *glucose_date_entry;
  GtkEntry      *glucose_time_entry;
  GtkButton     *glucose_button;
  GtkLabel      *glucose_error;
  GtkLabel      *glucose_summary;
  GtkColumnView *glucose_view;
  GtkLabel      *advice_meta;
  GtkTextView   *advice_view;
  GtkLabel      *advice_error;
  GtkListView   *advice_history;
  GtkButton     *advice_button;
};

G_DEFINE_FINAL_TYPE (HzNutritionPage, hz_nutrition_page, GTK_TYPE_WIDGET)

/* --- field errors ---------------------------------------------------------------- */

static void
show_error (GtkLabel   *label,
            GtkWidget  *field,
            const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (field != NULL)
    {
      if (message != NULL)
        gtk_widget_add_css_class (field, "error");
      else
        gtk_widget_remove_css_class (field, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message != NULL ? message : "",
                                      -1);
    }
}

static void
clear_errors (GtkLabel  *label,
              GtkWidget *first,
              ...)
{
  va_list args;

  show_error (label, NULL, NULL);
  va_start (args, first);
  for (GtkWidget *w = first; w != NULL; w = va_arg (args, GtkWidget *))
    show_error (label, w, NULL);
  va_end (args);
}

/* A calendar day "YYYY-MM-DD", not after today */
static gboolean
parse_day (const char  *text,
           GDate       *day,
           GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  GDate today;

  if (strlen (copy) != 10 || !hz_fhir_parse_date (copy, day))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: a date typed that cannot be read */
                   _("“%s” is not a date: write it as YYYY-MM-DD, e.g. 2026-11-20"), copy);
      return FALSE;
    }
  hz_ga_get_today (&today);
  if (g_date_compare (day, &today) > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The date is in the future: a measurement is recorded when it was taken"));
      return FALSE;
    }
  return TRUE;
}

/* "HH:MM" */
static gboolean
parse_time (const char  *text,
            int         *hour,
            int         *minute,
            GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (strlen (copy) == 5 && g_ascii_isdigit (copy[0]) && g_ascii_isdigit (copy[1]) && copy[2] == ':' &&
      g_ascii_isdigit (copy[3]) && g_ascii_isdigit (copy[4]))
    {
      *hour = (copy[0] - '0') * 10 + (copy[1] - '0');
      *minute = (copy[3] - '0') * 10 + (copy[4] - '0');
      if (*hour < 24 && *minute < 60)
        return TRUE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: a time typed that cannot be read */
               _("“%s” is not a time: write it as HH:MM, e.g. 07:30"), copy);
  return FALSE;
}

static char *
format_day (const GDate *day)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (day), g_date_get_month (day), g_date_get_day (day));
}

static void
set_default_dates (HzNutritionPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (now, "%H:%M");

  gtk_editable_set_text (GTK_EDITABLE (self->weight_date_entry), day);
  gtk_editable_set_text (GTK_EDITABLE (self->glucose_date_entry), day);
  gtk_editable_set_text (GTK_EDITABLE (self->glucose_time_entry), time);
}

/* --- weight gain ------------------------------------------------------------------ */

static void
refresh_weight (HzNutritionPage *self)
{
  HzGwgBaseline baseline;
  g_autoptr(GArray) points = NULL;
  const HzGwgPoint *last = NULL;
  int rate;

  hz_gwg_baseline_find (self->kase, &baseline);
  points = hz_gwg_points_new (self->kase, &baseline);
  hz_gwg_chart_set_data (self->chart, baseline.band, points);

  /* Pre-pregnancy BMI, with what it comes from and the standard */
  if (baseline.origin != HZ_GWG_BMI_UNKNOWN)
    {
      g_autofree char *bmi = hz_bmi_format (&baseline.bmi);
      g_autofree char *value = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: the pre-pregnancy BMI and its class: "28.9 kg/m² · 肥胖" */
      value = g_strdup_printf (_("%s kg/m² · %s"), bmi, hz_bmi_class_get_display_name (baseline.bmi.bmi_class));
      /* Translators: what a BMI comes from, then "依据：《…》" */
      subtitle = g_strdup_printf (_("%s · Source: %s"), baseline.source_text, baseline.bmi.source);
      gtk_label_set_text (self->bmi_value, value);
      adw_action_row_set_subtitle (self->bmi_row, subtitle);
    }
  else
    {
      gtk_label_set_text (self->bmi_value, _("Unknown"));
      adw_action_row_set_subtitle (self->bmi_row,
                                   _("Record the pre-pregnancy weight and the height, or a BMI before 14 weeks"));
    }

  if (baseline.band != NULL)
    {
      g_autofree char *total_low = hz_calc_format_kg (baseline.band->total_low_g);
      g_autofree char *total_high = hz_calc_format_kg (baseline.band->total_high_g);
      g_autofree char *weekly = hz_calc_format_kg (baseline.band->weekly_g);
      g_autofree char *weekly_low = hz_calc_format_kg (baseline.band->weekly_low_g);
      g_autofree char *weekly_high = hz_calc_format_kg (baseline.band->weekly_high_g);
      g_autofree char *first_high = hz_calc_format_kg (baseline.band->first_trimester_high_g);
      g_autofree char *first_low = hz_calc_format_kg (baseline.band->first_trimester_low_g);
      g_autofree char *text = NULL;

      /* Translators: the WS/T 801-2022 row of a BMI class: total gain,
       * first-trimester gain, the weekly gain of the 2nd and 3rd trimesters
       * with its range, then the standard */
      text = g_strdup_printf (_("Total %s–%s kg; first trimester %s–%s kg; then %s (%s–%s) kg a week · Source: %s"),
                              total_low, total_high, first_low, first_high, weekly, weekly_low, weekly_high,
                              hz_threshold_get_weight_gain_source ());
      adw_action_row_set_subtitle (self->band_row, text);
    }
  else
    adw_action_row_set_subtitle (self->band_row, _("Known once the pre-pregnancy BMI is"));

  /* The latest weight that was judged, and the weekly gain before it */
  for (guint i = 0; i < points->len; i++)
    if (g_array_index (points, HzGwgPoint, i).judged)
      last = &g_array_index (points, HzGwgPoint, i);
  if (last != NULL)
    {
      guint n = hz_gwg_chart_get_n_points (self->chart);
      g_autofree char *text = hz_gwg_chart_dup_point_text (self->chart, n - 1);

      if (hz_gwg_chart_get_last_weekly_gain (self->chart, &rate))
        {
          g_autofree char *kg = hz_calc_format_kg (rate);
          g_autofree char *low = hz_calc_format_kg (baseline.band->weekly_low_g);
          g_autofree char *high = hz_calc_format_kg (baseline.band->weekly_high_g);
          char *joined;

          /* Translators: the weekly gain since the weight before, how it
           * reads and the weekly range: "最近每周增重 0.36 kg（增重过多，推荐 0.15–0.30 kg）" */
          joined = g_strdup_printf (_("%s\nLatest weekly gain %s kg (%s, recommended %s–%s kg)"), text, kg,
                                    hz_gwg_status_get_display_name (hz_gwg_judge_weekly (baseline.band, rate)),
                                    low, high);
          g_free (text);
          text = joined;
        }
      adw_action_row_set_subtitle (self->latest_row, text);
      gtk_widget_set_visible (GTK_WIDGET (self->latest_icon), last->status != HZ_GWG_WITHIN);
      if (last->status == HZ_GWG_ABOVE)
        gtk_widget_add_css_class (GTK_WIDGET (self->latest_icon), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->latest_icon), "error");
      if (last->status == HZ_GWG_BELOW)
        gtk_widget_add_css_class (GTK_WIDGET (self->latest_icon), "warning");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->latest_icon), "warning");
    }
  else
    {
      adw_action_row_set_subtitle (self->latest_row,
                                   points->len > 0 ? _("The weights cannot be judged without the pre-pregnancy weight, a BMI and the gestational age")
                                                   : _("No weight recorded"));
      gtk_widget_set_visible (GTK_WIDGET (self->latest_icon), FALSE);
    }

  hz_gwg_baseline_clear (&baseline);
}

static void
on_form_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome = hz_save_resource_finish (result, &error);
  EntryForm *form;

  /* the page went away: @user_data with it */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  form = user_data;
  gtk_widget_set_sensitive (GTK_WIDGET (form->button), TRUE);
  if (outcome == HZ_SAVE_FAILED)
    show_error (form->error, NULL, error->message);
  else if (outcome == HZ_SAVE_SAVED)
    gtk_editable_set_text (GTK_EDITABLE (form->entry), "");
}

/* Writes @resource through the store; the form's field is emptied once it is saved */
static void
save_form (HzNutritionPage *self,
           EntryForm       *form,
           JsonObject      *resource)
{
  gtk_widget_set_sensitive (GTK_WIDGET (form->button), FALSE);
  hz_save_resource_async (GTK_WIDGET (self), hz_case_get_store (self->kase), hz_case_get_id (self->kase),
                          resource, self->cancellable, on_form_saved, form);
}

static void
on_weight_activate (HzNutritionPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) observation = NULL;
  g_autofree char *effective = NULL;
  GDate day;
  double kg;

  clear_errors (self->weight_error, GTK_WIDGET (self->weight_entry), GTK_WIDGET (self->weight_date_entry), NULL);

  if (!hz_weight_parse_kg (gtk_editable_get_text (GTK_EDITABLE (self->weight_entry)), &kg, &error))
    {
      show_error (self->weight_error, GTK_WIDGET (self->weight_entry), error->message);
      return;
    }
  if (!parse_day (gtk_editable_get_text (GTK_EDITABLE (self->weight_date_entry)), &day, &error))
    {
      show_error (self->weight_error, GTK_WIDGET (self->weight_date_entry), error->message);
      return;
    }

  effective = format_day (&day);
  observation = hz_weight_observation_new (self->kase, kg, effective);
  save_form (self, &self->weight_form, observation);
}

/* --- the glucose log ------------------------------------------------------------- */

static int
compare_julian_descending (gconstpointer a,
                           gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

static void
refresh_glucose (HzNutritionPage *self)
{
  GListModel *observations = hz_case_get_resources (self->kase, "Observation");
  g_autoptr(GHashTable) by_day = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_autoptr(GList) julians = NULL;
  guint n_readings = 0, n_flagged = 0;
  guint position = 0;

  for (guint i = 0; i < g_list_model_get_n_items (observations); i++)
    {
      g_autoptr(HzResource) resource = g_list_model_get_item (observations, i);
      const HzJv *json = hz_resource_get_value (resource);
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *time = NULL;
      HzGlucoseReading reading;
      HzGlucoseDay *day;
      GDateTime *when;
      GDate date;

      if (!hz_glucose_reading_read (json, &reading) || !hz_resource_get_day (resource, &date))
        continue;
      when = hz_resource_get_date (resource);
      if (when != NULL)
        time = g_date_time_format (when, "%H:%M");
      day = g_hash_table_lookup (by_day, GUINT_TO_POINTER (g_date_get_julian (&date)));
      if (day == NULL)
        {
          day = hz_glucose_day_new (&date);
          g_hash_table_insert (by_day, GUINT_TO_POINTER (g_date_get_julian (&date)), day);
        }
      hz_glucose_day_add (day, &reading, time, hz_resource_get_reference (resource));
    }

  /* Latest day first; keep the rows that did not change, replace the rest */
  julians = g_hash_table_get_keys (by_day);
  {
    g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint32));

    for (GList *l = julians; l != NULL; l = l->next)
      {
        guint32 j = GPOINTER_TO_UINT (l->data);

        g_array_append_val (order, j);
      }
    g_array_sort (order, compare_julian_descending);

    for (guint k = 0; k < order->len; k++)
      {
        guint32 julian = g_array_index (order, guint32, k);
        HzGlucoseDay *fresh = g_hash_table_lookup (by_day, GUINT_TO_POINTER (julian));
        g_autoptr(HzGlucoseDay) current = NULL;

        n_flagged += hz_glucose_day_count_flagged (fresh);
        for (guint c = 0; c < HZ_GLUCOSE_LOG_N_COLUMNS; c++)
          n_readings += hz_glucose_day_get_cell (fresh, c)->n_readings;

        /* rows of days no longer in the log go */
        while (position < g_list_model_get_n_items (G_LIST_MODEL (self->glucose_days)))
          {
            g_autoptr(HzGlucoseDay) row = g_list_model_get_item (G_LIST_MODEL (self->glucose_days), position);

            if (hz_glucose_day_get_julian (row) > julian &&
                !g_hash_table_contains (by_day, GUINT_TO_POINTER (hz_glucose_day_get_julian (row))))
              g_list_store_remove (self->glucose_days, position);
            else
              break;
          }

        if (position < g_list_model_get_n_items (G_LIST_MODEL (self->glucose_days)))
          current = g_list_model_get_item (G_LIST_MODEL (self->glucose_days), position);

        if (current != NULL && hz_glucose_day_get_julian (current) == julian)
          {
            if (!hz_glucose_day_equal (current, fresh))
              g_list_store_splice (self->glucose_days, position, 1, (gpointer *) &fresh, 1);
          }
        else
          g_list_store_insert (self->glucose_days, position, fresh);
        position++;
      }
  }
  if (position < g_list_model_get_n_items (G_LIST_MODEL (self->glucose_days)))
    g_list_store_splice (self->glucose_days, position,
                         g_list_model_get_n_items (G_LIST_MODEL (self->glucose_days)) - position, NULL, 0);

  /* The slots she measures: a column for each slot with a reading;
   * none yet, fasting and 2 h after each meal (the usual four a day) */
  {
    GListModel *columns = gtk_column_view_get_columns (self->glucose_view);

    for (guint c = 0; c < HZ_GLUCOSE_LOG_N_COLUMNS; c++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c + 1);
        gboolean used = FALSE;
        HzGlucoseSlot slot;
        HzMeal meal;

        for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (self->glucose_days)) && !used; k++)
          {
            g_autoptr(HzGlucoseDay) day = g_list_model_get_item (G_LIST_MODEL (self->glucose_days), k);

            used = hz_glucose_day_get_cell (day, c)->has_value;
          }
        hz_glucose_log_column_slot (c, &slot, &meal);
        gtk_column_view_column_set_visible (column, used || (n_readings == 0 && slot != HZ_GLUCOSE_SLOT_1H));
      }
  }

  if (n_readings == 0)
    {
      gtk_label_set_text (self->glucose_summary, _("No reading recorded"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->glucose_summary), "warning");
    }
  else if (n_flagged == 0)
    {
      gtk_label_set_text (self->glucose_summary, _("Every reading on target"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->glucose_summary), "warning");
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u of %u readings above the treatment target",
                                                            "%u of %u readings above the treatment target",
                                                            n_readings),
                                               n_flagged, n_readings);

      gtk_label_set_text (self->glucose_summary, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->glucose_summary), "warning");
    }
}

static void
on_glucose_activate (HzNutritionPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) observation = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *effective = NULL;
  HzGlucoseReading reading;
  int hour, minute;
  GDate day;

  clear_errors (self->glucose_error, GTK_WIDGET (self->glucose_entry), GTK_WIDGET (self->glucose_date_entry),
                GTK_WIDGET (self->glucose_time_entry), NULL);

  hz_glucose_log_column_slot (gtk_drop_down_get_selected (self->glucose_slot), &reading.slot, &reading.meal);
  if (!hz_glucose_parse_mmol (gtk_editable_get_text (GTK_EDITABLE (self->glucose_entry)), &reading.mmol_l, &error))
    {
      show_error (self->glucose_error, GTK_WIDGET (self->glucose_entry), error->message);
      return;
    }
  if (!parse_day (gtk_editable_get_text (GTK_EDITABLE (self->glucose_date_entry)), &day, &error))
    {
      show_error (self->glucose_error, GTK_WIDGET (self->glucose_date_entry), error->message);
      return;
    }
  if (!parse_time (gtk_editable_get_text (GTK_EDITABLE (self->glucose_time_entry)), &hour, &minute, &error))
    {
      show_error (self->glucose_error, GTK_WIDGET (self->glucose_time_entry), error->message);
      return;
    }
  when = g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day),
                                hour, minute, 0);
  if (when == NULL || g_date_time_compare (when, now) > 0)
    {
      show_error (self->glucose_error, GTK_WIDGET (self->glucose_time_entry),
                  _("The time is in the future: a measurement is recorded when it was taken"));
      return;
    }

  effective = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S%:z");
  observation = hz_glucose_observation_new (self->kase, &reading, effective);
  save_form (self, &self->glucose_form, observation);
}

/* A cell of the log: the value; above target also an icon, the alarm
 * colour and the word "high" (never colour alone); every reading of the
 * slot with its judgement and source in the tooltip and accessible label */
static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *value = gtk_label_new (NULL);
  GtkWidget *flag = gtk_label_new (NULL);

  gtk_widget_add_css_class (flag, "caption");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), flag);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, box);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  HzGlucoseDay *day = gtk_list_item_get_item (item);
  const HzGlucoseCell *cell = hz_glucose_day_get_cell (day, column);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *value = gtk_widget_get_next_sibling (icon);
  GtkWidget *flag = gtk_widget_get_next_sibling (value);
  gboolean flagged = cell->has_value && cell->result.threshold != HZ_THRESHOLD_NONE;
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (cell->has_value)
    g_ascii_formatd (text, sizeof text, "%.1f", cell->mmol_l);
  else
    g_strlcpy (text, "—", sizeof text);
  gtk_label_set_text (GTK_LABEL (value), text);
  /* Translators: beside a glucose above its target in the log: "高" */
  gtk_label_set_text (GTK_LABEL (flag), flagged ? C_("glucose", "High") : "");
  gtk_widget_set_visible (icon, flagged);
  gtk_widget_set_visible (flag, flagged);
  if (flagged)
    gtk_widget_add_css_class (box, "error");
  else
    gtk_widget_remove_css_class (box, "error");
  gtk_widget_set_tooltip_text (box, cell->text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cell->text != NULL ? cell->text : _("No reading"),
                                  -1);
}

static void
setup_day (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_day (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  HzGlucoseDay *day = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), hz_glucose_day_get_label (day));
}

static void
build_glucose_view (HzNutritionPage *self)
{
  GtkListItemFactory *factory;
  GtkColumnViewColumn *column;
  GtkStringList *slots = gtk_string_list_new (NULL);
  GString *targets = g_string_new (NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_day), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_day), NULL);
  /* Translators: the first column of the glucose log */
  column = gtk_column_view_column_new (_("Date"), factory);
  gtk_column_view_append_column (self->glucose_view, column);
  g_object_unref (column);

  for (guint c = 0; c < HZ_GLUCOSE_LOG_N_COLUMNS; c++)
    {
      g_autofree char *title = hz_glucose_log_column_title (c);

      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (title, factory);
      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (self->glucose_view, column);
      g_object_unref (column);
      gtk_string_list_append (slots, title);
    }
  gtk_drop_down_set_model (self->glucose_slot, G_LIST_MODEL (slots));
  g_object_unref (slots);

  {
    g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->glucose_days)));

    gtk_column_view_set_model (self->glucose_view, GTK_SELECTION_MODEL (selection));
  }

  /* The targets, from the thresholds table, with their source */
  for (HzGlucoseSlot slot = 0; slot < HZ_N_GLUCOSE_SLOTS; slot++)
    {
      g_autofree char *value = hz_threshold_format_value (hz_glucose_slot_get_target (slot));

      if (targets->len > 0)
        /* Translators: between the targets of the glucose log */
        g_string_append (targets, _(", "));
      /* Translators: one target of the glucose log: "空腹 < 5.3" */
      g_string_append_printf (targets, _("%s < %s"), hz_glucose_slot_get_display_name (slot), value);
    }
  {
    /* Translators: the targets of the glucose log, then their guideline */
    g_autofree char *text = g_strdup_printf (_("Targets: %s mmol/L · Source: %s"), targets->str,
                                             hz_threshold_get_source (HZ_THRESHOLD_GLUCOSE_TARGET_2H));

    gtk_label_set_text (self->glucose_targets, text);
  }
  g_string_free (targets, TRUE);
}

/* --- the advice -------------------------------------------------------------------- */

static void
set_advice_text (HzNutritionPage *self,
                 const char      *text)
{
  self->loading_advice = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->advice_view), text != NULL ? text : "", -1);
  self->loading_advice = FALSE;
  self->advice_dirty = FALSE;
}

/* Shows @advice (the case's advice CarePlan, or NULL for none) */
static void
show_advice (HzNutritionPage *self,
             HzResource      *advice)
{
  g_autoptr(GPtrArray) history = NULL;
  const HzJv *json;
  const char *version;
  g_autofree char *date = NULL;
  g_autofree char *meta = NULL;
  guint n_old;

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->advice_versions));
  if (advice == NULL)
    {
      gtk_label_set_text (self->advice_meta, _("No advice written yet"));
      gtk_string_list_splice (self->advice_versions, 0, n_old, NULL);
      if (!self->advice_dirty)
        set_advice_text (self, NULL);
      g_clear_object (&self->advice_base);
      return;
    }

  json = hz_resource_get_value (advice);
  version = hz_jv_get_path_string (json, "meta.versionId");
  date = hz_ui_format_date (hz_jv_get_path_string (json, "meta.lastUpdated"));
  /* Translators: who wrote the advice, when, and which version: "李文娟 主管营养师 · 2026年11月21日 · 第2版" */
  meta = g_strdup_printf (_("%s · %s · version %s"),
                          hz_jv_get_path_string (json, "author.display") != NULL
                            ? hz_jv_get_path_string (json, "author.display") : _("Unknown author"),
                          date != NULL ? date : "", version != NULL ? version : "1");
  gtk_label_set_text (self->advice_meta, meta);

  /* A text being edited stays the clinician's: the save then meets the
   * newer version and the conflict dialog asks. */
  if (!self->advice_dirty)
    {
      g_set_object (&self->advice_base, advice);
      set_advice_text (self, hz_jv_get_string (json, "description"));
    }

  history = hz_store_history (hz_case_get_store (self->kase), "CarePlan", hz_resource_get_id (advice), NULL);
  {
    g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; history != NULL && i < history->len; i++)
      {
        HzStoreVersion *v = g_ptr_array_index (history, i);
        g_autofree char *when = hz_ui_format_date (v->last_updated);
        g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, v->version);

        if (v->deleted)
          continue;
        /* Translators: one version of the advice in its history: "第2版 · 王医生 · 2026年12月3日" */
        g_ptr_array_add (lines, g_strdup_printf (_("Version %s · %s · %s"), number,
                                                 v->author != NULL ? v->author : "", when != NULL ? when : ""));
      }
    g_ptr_array_add (lines, NULL);
    gtk_string_list_splice (self->advice_versions, 0, n_old, (const char * const *) lines->pdata);
  }
}

static void
refresh_advice (HzNutritionPage *self)
{
  show_advice (self, hz_nutrition_find_advice (self->kase));
}

static void
on_advice_changed (GtkTextBuffer   *buffer,
                   HzNutritionPage *self)
{
  if (!self->loading_advice)
    {
      self->advice_dirty = TRUE;
      show_error (self->advice_error, NULL, NULL);
    }
}

static void
on_advice_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome = hz_save_resource_finish (result, &error);
  HzNutritionPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = HZ_NUTRITION_PAGE (user_data);
  gtk_widget_set_sensitive (GTK_WIDGET (self->advice_button), TRUE);
  if (outcome == HZ_SAVE_FAILED)
    {
      show_error (self->advice_error, NULL, error->message);
      return;
    }
  /* Saved, or the other version kept: show what is stored now (the
   * case's model may follow the store a moment later) */
  self->advice_dirty = FALSE;
  {
    g_autoptr(HzResource) stored = hz_store_get (hz_case_get_store (self->kase), "CarePlan",
                                                 self->advice_saving_id, NULL);

    if (stored != NULL)
      show_advice (self, stored);
    else
      refresh_advice (self);
  }
}

static void
on_advice_save (HzNutritionPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->advice_view);
  const HzActor *actor = hz_store_get_actor (hz_case_get_store (self->kase));
  g_autoptr(JsonObject) careplan = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    {
      show_error (self->advice_error, GTK_WIDGET (self->advice_view), _("Write the advice before saving it"));
      return;
    }
  if (actor == NULL)
    {
      show_error (self->advice_error, NULL, _("No clinician is set: the advice cannot be signed"));
      return;
    }
  show_error (self->advice_error, GTK_WIDGET (self->advice_view), NULL);

  careplan = hz_nutrition_advice_new (self->kase, self->advice_base, actor, text);
  g_free (self->advice_saving_id);
  self->advice_saving_id = g_strdup (json_object_get_string_member (careplan, "id"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->advice_button), FALSE);
  hz_save_resource_async (GTK_WIDGET (self), hz_case_get_store (self->kase), hz_case_get_id (self->kase),
                          careplan, self->cancellable, on_advice_saved, self);
}

static void
setup_version (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
bind_version (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

/* --- following the case ------------------------------------------------------------ */

static void
on_case_changed (HzCase             *kase,
                 const char * const *types,
                 HzNutritionPage    *self)
{
  if (types == NULL || g_strv_contains (types, "Observation") || g_strv_contains (types, "Patient") ||
      g_strv_contains (types, "EpisodeOfCare"))
    {
      refresh_weight (self);
      refresh_glucose (self);
    }
  if (types == NULL || g_strv_contains (types, "CarePlan"))
    refresh_advice (self);
}

static void
hz_nutrition_page_dispose (GObject *object)
{
  HzNutritionPage *self = (HzNutritionPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->changed_id, self->kase);
  gtk_widget_dispose_template (GTK_WIDGET (self), HZ_TYPE_NUTRITION_PAGE);
  g_clear_object (&self->advice_base);
  g_clear_pointer (&self->advice_saving_id, g_free);
  g_clear_object (&self->glucose_days);
  g_clear_object (&self->advice_versions);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (hz_nutrition_page_parent_class)->dispose (object);
}

static void
hz_nutrition_page_class_init (HzNutritionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_nutrition_page_dispose;

  hz_nutrition_register_resource ();
  g_type_ensure (HZ_TYPE_GWG_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/huizhen/Huizhen/plugins/nutrition/hz-nutrition-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, bmi_row);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, bmi_value);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, band_row);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, latest_row);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, latest_icon);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, chart);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, weight_entry);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, weight_date_entry);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, weight_button);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, weight_error);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, glucose_targets);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, glucose_slot);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, glucose_entry);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, glucose_date_entry);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, glucose_time_entry);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, glucose_button);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, glucose_error);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, glucose_summary);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, glucose_view);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, advice_meta);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, advice_view);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, advice_error);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, advice_history);
  gtk_widget_class_bind_template_child (widget_class, HzNutritionPage, advice_button);
  gtk_widget_class_bind_template_callback (widget_class, on_weight_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_glucose_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_advice_save);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nutritionpage");
}

static void
hz_nutrition_page_init (HzNutritionPage *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->weight_form = (EntryForm) { self->weight_button, self->weight_entry, self->weight_error };
  self->glucose_form = (EntryForm) { self->glucose_button, self->glucose_entry, self->glucose_error };
  self->glucose_days = g_list_store_new (HZ_TYPE_GLUCOSE_DAY);
  self->advice_versions = gtk_string_list_new (NULL);

  /* Names the GUI tests find the fields by */
  gtk_widget_set_name (GTK_WIDGET (self->chart), "nutrition-chart");
  gtk_widget_set_name (GTK_WIDGET (self->weight_entry), "nutrition-weight-entry");
  gtk_widget_set_name (GTK_WIDGET (self->weight_date_entry), "nutrition-weight-date");
  gtk_widget_set_name (GTK_WIDGET (self->weight_button), "nutrition-weight-button");
  gtk_widget_set_name (GTK_WIDGET (self->weight_error), "nutrition-weight-error");
  gtk_widget_set_name (GTK_WIDGET (self->glucose_slot), "nutrition-glucose-slot");
  gtk_widget_set_name (GTK_WIDGET (self->glucose_entry), "nutrition-glucose-entry");
  gtk_widget_set_name (GTK_WIDGET (self->glucose_date_entry), "nutrition-glucose-date");
  gtk_widget_set_name (GTK_WIDGET (self->glucose_time_entry), "nutrition-glucose-time");
  gtk_widget_set_name (GTK_WIDGET (self->glucose_button), "nutrition-glucose-button");
  gtk_widget_set_name (GTK_WIDGET (self->glucose_error), "nutrition-glucose-error");
  gtk_widget_set_name (GTK_WIDGET (self->advice_view), "nutrition-advice-view");
  gtk_widget_set_name (GTK_WIDGET (self->advice_button), "nutrition-advice-save");
  gtk_widget_set_name (GTK_WIDGET (self->advice_meta), "nutrition-advice-meta");
  gtk_widget_set_name (GTK_WIDGET (self->advice_history), "nutrition-advice-history");
  gtk_widget_set_name (GTK_WIDGET (self->advice_error), "nutrition-advice-error");

  /* Accessible names of the fields (their placeholders go when typed in) */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->weight_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Weight in kg"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->weight_date_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Date of the weight"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->glucose_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Glucose in mmol/L"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->glucose_date_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Date of the glucose reading"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->glucose_time_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time of the glucose reading"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->advice_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Diet and exercise advice"), -1);

  build_glucose_view (self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_version), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_version), NULL);
  gtk_list_view_set_factory (self->advice_history, factory);
  g_object_unref (factory);
  {
    g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->advice_versions)));

    gtk_list_view_set_model (self->advice_history, GTK_SELECTION_MODEL (selection));
  }

  g_signal_connect (gtk_text_view_get_buffer (self->advice_view), "changed",
                    G_CALLBACK (on_advice_changed), self);
  set_default_dates (self);
}

GtkWidget *
hz_nutrition_page_new (HzCase *kase)
{
  HzNutritionPage *self;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  self = g_object_new (HZ_TYPE_NUTRITION_PAGE, NULL);
  self->kase = g_object_ref (kase);
  self->changed_id = g_signal_connect (kase, "changed", G_CALLBACK (on_case_changed), self);
  refresh_weight (self);
  refresh_glucose (self);
  refresh_advice (self);

  return GTK_WIDGET (self);
}

HzCase *
hz_nutrition_page_get_case (HzNutritionPage *self)
{
  g_return_val_if_fail (HZ_IS_NUTRITION_PAGE (self), NULL);

  return self->kase;
}

HzGwgChart *
hz_nutrition_page_get_chart (HzNutritionPage *self)
{
  g_return_val_if_fail (HZ_IS_NUTRITION_PAGE (self), NULL);

  return self->chart;
}

GListModel *
hz_nutrition_page_get_glucose_days (HzNutritionPage *self)
{
  g_return_val_if_fail (HZ_IS_NUTRITION_PAGE (self), NULL);

  return G_LIST_MODEL (self->glucose_days);
}

GListModel *
hz_nutrition_page_get_advice_versions (HzNutritionPage *self)
{
  g_return_val_if_fail (HZ_IS_NUTRITION_PAGE (self), NULL);

  return G_LIST_MODEL (self->advice_versions);
}
