/* hz-obstetrics-page.c — the "Obstetrics" page of a case workspace
 *
 * Four parts in an AdwPreferencesPage, under a bar that proposes
 * re-grading when the case's data call for another colour:
 *  - dating: GA today, EDD (Naegele), the dating method hz_dating gives
 *    (LMP, CRL, EDD, ART…), the LMP and the CRL side by side, G/P as
 *    足-早-流-存; the LMP and a CRL are entered or corrected here;
 *  - the antenatal visit form (产前检查) and the latest visit's values;
 *  - the five-colour grading: the factors found in the data, the form's
 *    full list to tick, the grade that would be recorded, the purple mark;
 *  - the grading history, newest first;
 *  - the delivery and the newborn's link (分娩与新生儿): recorded once, in one
 *    transaction with the newborn and its referral to paediatrics, then
 *    shown with the referral's state.
 *
 * Every value is read from the HzCase models (hz_case_get_dating,
 * hz_risk_propose…); every write is built by libhuizhen (hz_visit_*,
 * hz_dating_*, hz_risk_*) and goes through hz_save_resource_async or
 * hz_save_bundle_async (one transaction), so a
 * conflict is a question to the clinician. HzCase::changed names the types
 * that changed: only the parts they feed are refreshed, rows that stay
 * keep their widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-obstetrics"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-obstetrics-private.h"

/* The rows of the latest visit */
typedef enum {
  LATEST_WEIGHT,
  LATEST_BP,
  LATEST_FUNDAL_HEIGHT,
  LATEST_FETAL_HEART,
  LATEST_OEDEMA,
  LATEST_URINE_PROTEIN,
  LATEST_NEXT_VISIT,
  N_LATEST
} LatestRow;

struct _HzObstetricsPage
{
  GtkWidget     parent_instance;

  HzCase       *kase;
  HzWorkspace  *workspace;   /* unowned */
  gulong        changed_handler;
  GCancellable *cancellable;

  GtkWidget    *box;
  GtkWidget    *banner;            /* GtkInfoBar: re-grading proposed */
  GtkWidget    *banner_label;
  GtkWidget    *preferences_page;

  /* dating */
  GtkWidget    *ga_row;
  GtkWidget    *edd_row;
  GtkWidget    *method_row;
  GtkWidget    *lmp_row;
  GtkWidget    *crl_row;
  GtkWidget    *gp_row;
  GtkWidget    *lmp_entry_row;
  GtkWidget    *lmp_entry;
  GtkWidget    *crl_mm_row;
  GtkWidget    *crl_mm_entry;
  GtkWidget    *crl_date_row;
  GtkWidget    *crl_date_entry;

  /* visit form */
  GtkWidget    *visit_rows[HZ_VISIT_N_FIELDS];
  GtkWidget    *visit_entries[HZ_VISIT_N_FIELDS];
  GtkWidget    *oedema_row;
  GtkWidget    *protein_row;
  GtkWidget    *visit_save;
  GtkWidget    *latest_rows[N_LATEST];

  /* grading */
  GtkWidget    *current_row;
  GtkWidget    *current_badge;
  GtkListBox   *proposed_list;
  GHashTable   *proposed_rows;     /* factor code → row */
  GHashTable   *form_checks;       /* item code → GtkCheckButton */
  GtkWidget    *result_row;
  GtkWidget    *record_button;
  GtkListBox   *flag_list;
  GHashTable   *flag_rows;         /* Flag reference → row */
  GtkListBox   *history_list;
  GHashTable   *history_rows;      /* RiskAssessment reference → row */

  /* delivery and newborn */
  GtkWidget    *delivery_rows[HZ_DELIVERY_N_FIELDS];
  GtkWidget    *delivery_entries[HZ_DELIVERY_N_FIELDS];
  GtkWidget    *sex_row;
  GtkWidget    *link_row;
  GtkWidget    *delivery_save;
  GtkWidget    *delivered_row;
  GtkListBox   *newborn_list;
  GHashTable   *newborn_rows;      /* newborn Patient reference → row */
};

G_DEFINE_FINAL_TYPE (HzObstetricsPage, hz_obstetrics_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh_grading (HzObstetricsPage *self);

/* --- rows ------------------------------------------------------------------ */

static GtkWidget *
group_new (HzObstetricsPage *self,
           const char       *name,
           const char       *title,
           const char       *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  gtk_widget_set_name (group, name);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->preferences_page), ADW_PREFERENCES_GROUP (group));
  return group;
}

/* A list of our own in a group, so that rows can come and go in place */
static GtkListBox *
list_new (GtkWidget  *group,
          const char *label,
          const char *empty)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *placeholder = gtk_label_new (empty);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_label_set_xalign (GTK_LABEL (placeholder), 0.0);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  return GTK_LIST_BOX (list);
}

/* An AdwActionRow with a value label at its end (data "hz-value-label") */
static GtkWidget *
value_row_new (const char *name,
               const char *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new (NULL);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_label_set_xalign (GTK_LABEL (value), 1.0);
  gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  g_object_set_data (G_OBJECT (row), "hz-value-label", value);
  return row;
}

/* Sets the texts of a value row, touching only what changed */
static void
row_set (GtkWidget  *row,
         const char *title,
         const char *subtitle,
         const char *value)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "hz-value-label");

  if (subtitle != NULL && *subtitle == '\0')
    subtitle = NULL;
  if (title != NULL && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), value != NULL ? value : "") != 0)
    gtk_label_set_text (GTK_LABEL (label), value != NULL ? value : "");
}

/* An entry at the end of a row, named for the tests, labelled for screen readers */
static GtkWidget *
entry_row_new (GtkWidget  *group,
               const char *name,
               const char *title,
               const char *hint,
               const char *placeholder,
               GtkWidget **entry_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *entry_name = g_strdup_printf ("%s-entry", name);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hint);
  g_object_set_data_full (G_OBJECT (row), "hz-hint", g_strdup (hint), g_free);
  gtk_widget_set_name (entry, entry_name);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 11);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  hz_ui_set_accessible_label (entry, title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  *entry_out = entry;
  return row;
}

/* Shows @message (NULL: the hint again) under the field's title */
static void
field_set_error (GtkWidget  *row,
                 const char *message)
{
  if (message != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
      gtk_widget_add_css_class (row, "error");
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_object_get_data (G_OBJECT (row), "hz-hint"));
      gtk_widget_remove_css_class (row, "error");
    }
}

/* A button at the end of @row, for the entries of that row */
static GtkWidget *
row_button_new (GtkWidget  *row,
                const char *name,
                const char *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static GtkWidget *
button_row_new (GtkWidget  *group,
                const char *name,
                const char *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_top (box, 12);
  gtk_box_append (GTK_BOX (box), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  return button;
}

/* Removes the rows of @rows not marked "hz-seen" since the last pass */
static void
sweep_rows (GtkListBox *list,
            GHashTable *rows)
{
  GHashTableIter iter;
  gpointer key, row;

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    {
      if (g_object_get_data (G_OBJECT (row), "hz-seen") != NULL)
        {
          g_object_set_data (G_OBJECT (row), "hz-seen", NULL);
          continue;
        }
      gtk_list_box_remove (list, row);
      g_hash_table_iter_remove (&iter);
    }
}

/* The row of @key in @list, made when new; marked seen */
static GtkWidget *
keyed_row (GtkListBox *list,
           GHashTable *rows,
           const char *key,
           const char *name,
           int         order)
{
  GtkWidget *row = g_hash_table_lookup (rows, key);

  if (row == NULL)
    {
      row = value_row_new (name, "");
      g_hash_table_insert (rows, g_strdup (key), row);
      gtk_list_box_append (list, row);
    }
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "hz-order")) != order)
    {
      g_object_set_data (G_OBJECT (row), "hz-order", GINT_TO_POINTER (order));
      gtk_list_box_invalidate_sort (list);
    }
  g_object_set_data (G_OBJECT (row), "hz-seen", GINT_TO_POINTER (TRUE));
  return row;
}

static int
sort_by_order (GtkListBoxRow *a,
               GtkListBoxRow *b,
               gpointer       user_data)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (a), "hz-order")) -
         GPOINTER_TO_INT (g_object_get_data (G_OBJECT (b), "hz-order"));
}

static void
show_message (HzObstetricsPage *self,
              const char       *message)
{
  if (self->workspace != NULL)
    hz_workspace_show_message (self->workspace, message);
}

static char *
colour_with_purple (HzRiskColour colour,
                    gboolean     purple)
{
  if (purple)
    /* Translators: a colour with the purple mark beside it */
    return g_strdup_printf (_("%s + purple"), hz_risk_colour_get_display_name (colour));
  return g_strdup (hz_risk_colour_get_display_name (colour));
}

/* --- dating ---------------------------------------------------------------- */

static void
refresh_dating (HzObstetricsPage *self)
{
  HzDating dating;
  GDate today;
  int ga;
  g_autofree char *ga_text = NULL;
  g_autofree char *lmp_text = NULL;
  g_autofree char *edd_text = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *gp = NULL;

  hz_case_get_dating (self->kase, &dating);
  hz_ga_get_today (&today);

  if (dating.method == HZ_DATING_NONE)
    {
      row_set (self->ga_row, NULL, _("Enter the LMP or a CRL below"), _("Unknown"));
      row_set (self->edd_row, NULL, NULL, _("Unknown"));
    }
  else
    {
      lmp_text = hz_ui_format_gdate (&dating.lmp);
      edd_text = hz_ui_format_gdate (&dating.edd);
      if (dating.delivered)
        {
          g_autofree char *delivered = hz_ui_format_gdate (&dating.delivery_date);

          ga_text = hz_ga_format_postpartum (g_date_days_between (&dating.delivery_date, &today));
          /* Translators: the delivery date */
          subtitle = g_strdup_printf (_("Delivered on %s"), delivered);
        }
      else if (hz_dating_ga_at (&dating, &today, &ga))
        {
          ga_text = hz_ga_format (ga);
          /* Translators: the LMP the GA is counted from, then the dating method */
          subtitle = g_strdup_printf (_("Counted from %s (%s)"), lmp_text,
                                      hz_dating_method_get_display_name (dating.method));
        }
      row_set (self->ga_row, NULL, subtitle, ga_text);
      row_set (self->edd_row, NULL, _("Source: Naegele's rule, LMP + 280 days"), edd_text);
    }

  {
    const char *method = hz_dating_method_get_display_name (dating.method);

    row_set (self->method_row, NULL,
             _("A first-trimester CRL (before 14 weeks) overrides the LMP when the two differ by more "
               "than 7 days; both are kept. Source: Guideline for preconception and prenatal care "
               "(Chinese Society of Obstetrics and Gynecology, 2018)"),
             method);
  }

  if (dating.has_reported_lmp)
    {
      g_autofree char *reported = hz_ui_format_gdate (&dating.reported_lmp);

      row_set (self->lmp_row, NULL,
               dating.method == HZ_DATING_LMP ? _("Used for the dating") : _("Recorded, not used for the dating"),
               reported);
    }
  else
    row_set (self->lmp_row, NULL, NULL, _("Not recorded"));

  if (dating.has_crl)
    {
      g_autofree char *scan = hz_ui_format_gdate (&dating.crl_date);
      g_autofree char *crl_ga = hz_ga_format (dating.crl_ga_days);
      g_autofree char *value = g_strdup_printf (_("%.1f mm"), dating.crl_mm);
      g_autofree char *crl_subtitle = NULL;

      if (dating.has_reported_lmp)
        /* Translators: scan date, GA by CRL, the days it differs from the LMP, whether used */
        crl_subtitle = g_strdup_printf (_("Scan of %s, %s by CRL, %+d days from the LMP; %s"),
                                        scan, crl_ga, dating.lmp_crl_difference_days,
                                        dating.method == HZ_DATING_CRL ? _("used for the dating")
                                                                        : _("not used for the dating"));
      else
        crl_subtitle = g_strdup_printf (_("Scan of %s, %s by CRL (Robinson and Fleming)"), scan, crl_ga);
      row_set (self->crl_row, NULL, crl_subtitle, value);
    }
  else
    row_set (self->crl_row, NULL, NULL, _("Not recorded"));

  gp = hz_case_format_obstetric_history (self->kase);
  row_set (self->gp_row, NULL, _("Gravida, then para as term-preterm-abortions-living"),
           gp != NULL ? gp : _("Not recorded"));
}

static HzResource *
latest_valid (HzCase     *kase,
              const char *loinc)
{
  g_autoptr(GPtrArray) found = hz_case_find_observations (kase, loinc);

  for (guint i = found->len; i > 0; i--)
    {
      HzResource *resource = g_ptr_array_index (found, i - 1);

      if (!hz_fhir_jv_is_void (hz_resource_get_value (resource)))
        return resource;
    }
  return NULL;
}

/* The first CRL in the dating range: the one the dating uses */
static HzResource *
dating_crl (HzCase *kase)
{
  g_autoptr(GPtrArray) found = hz_case_find_observations (kase, HZ_LOINC_CRL);

  for (guint i = 0; i < found->len; i++)
    {
      HzResource *resource = g_ptr_array_index (found, i);

      if (!hz_fhir_jv_is_void (hz_resource_get_value (resource)))
        return resource;
    }
  return NULL;
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HzObstetricsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome = hz_save_resource_finish (result, &error);

  if (outcome == HZ_SAVE_FAILED)
    {
      /* Translators: the store's reason a save failed */
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      show_message (self, message);
    }
}

static void
save_one (HzObstetricsPage *self,
          JsonObject       *resource)
{
  hz_save_resource_async (GTK_WIDGET (self), hz_case_get_store (self->kase), hz_case_get_id (self->kase),
                          resource, self->cancellable, on_saved_cb, g_object_ref (self));
}

static void
on_lmp_save (GtkButton        *button,
             HzObstetricsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) observation = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->lmp_entry))));
  GDate lmp, today;

  hz_ga_get_today (&today);
  if (strlen (text) != 10 || !hz_fhir_parse_date (text, &lmp))
    {
      field_set_error (self->lmp_entry_row, _("Enter the LMP as a date, YYYY-MM-DD"));
      return;
    }
  observation = hz_dating_new_lmp_observation (self->kase, &lmp, latest_valid (self->kase, HZ_LOINC_LMP),
                                               &today, now, &error);
  if (observation == NULL)
    {
      field_set_error (self->lmp_entry_row, error->message);
      return;
    }
  field_set_error (self->lmp_entry_row, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->lmp_entry), "");
  save_one (self, observation);
}

static void
on_crl_save (GtkButton        *button,
             HzObstetricsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) observation = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *mm_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->crl_mm_entry))));
  g_autofree char *date_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->crl_date_entry))));
  GDate scan, today;
  char *end = NULL;
  double mm;
  gboolean ok = TRUE;

  hz_ga_get_today (&today);
  mm = g_ascii_strtod (mm_text, &end);
  if (*mm_text == '\0' || end == mm_text || *end != '\0')
    {
      field_set_error (self->crl_mm_row, _("Enter the CRL in mm"));
      ok = FALSE;
    }
  if (strlen (date_text) != 10 || !hz_fhir_parse_date (date_text, &scan))
    {
      field_set_error (self->crl_date_row, _("Enter the scan date, YYYY-MM-DD"));
      ok = FALSE;
    }
  if (!ok)
    return;

  observation = hz_dating_new_crl_observation (self->kase, mm, &scan, dating_crl (self->kase),
                                               &today, now, &error);
  if (observation == NULL)
    {
      field_set_error (g_str_has_prefix (error->message, _("The scan date")) ? self->crl_date_row
                                                                             : self->crl_mm_row,
                       error->message);
      return;
    }
  field_set_error (self->crl_mm_row, NULL);
  field_set_error (self->crl_date_row, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->crl_mm_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->crl_date_entry), "");
  save_one (self, observation);
}

/* --- the visit ------------------------------------------------------------- */

static char *
observation_value (HzResource *resource)
{
  const HzJv *json = hz_resource_get_value (resource);
  const HzJv *concept = hz_jv_get_object (json, "valueCodeableConcept");
  const HzJv *components = hz_jv_get_array (json, "component");

  if (concept != NULL)
    return g_strdup (hz_jv_get_string (concept, "text"));
  if (components != NULL)
    {
      double systolic = -1, diastolic = -1;

      for (HzJv *c = hz_jv_get_first (components); c != NULL; c = hz_jv_get_next (c))
        {
          const char *code = hz_fhir_jv_get_concept_code (c, "code", HZ_SYSTEM_LOINC);
          double v;

          if (!hz_jv_get_double (hz_jv_get (hz_jv_get_object (c, "valueQuantity"), "value"), &v))
            continue;
          if (g_strcmp0 (code, HZ_LOINC_BP_SYSTOLIC) == 0)
            systolic = v;
          else if (g_strcmp0 (code, HZ_LOINC_BP_DIASTOLIC) == 0)
            diastolic = v;
        }
      if (systolic >= 0 && diastolic >= 0)
        return g_strdup_printf (_("%.0f/%.0f mmHg"), systolic, diastolic);
      return NULL;
    }
  {
    const HzJv *quantity = hz_jv_get_object (json, "valueQuantity");
    const char *unit = hz_jv_get_string (quantity, "unit");
    g_autofree char *number = NULL;

    if (quantity == NULL)
      return NULL;
    number = hz_jv_to_string (hz_jv_get (quantity, "value"));
    if (g_strcmp0 (unit, "/min") == 0)
      /* Translators: a fetal heart rate */
      return g_strdup_printf (_("%s beats/min"), number);
    return g_strdup_printf ("%s %s", number, unit != NULL ? unit : "");
  }
}

static void
refresh_latest (HzObstetricsPage *self)
{
  static const char * const loincs[N_LATEST] = {
    HZ_LOINC_BODY_WEIGHT, HZ_LOINC_BP_PANEL, HZ_LOINC_FUNDAL_HEIGHT, HZ_LOINC_FETAL_HEART_RATE,
    HZ_LOINC_OEDEMA, HZ_LOINC_URINE_PROTEIN, NULL,
  };

  for (guint i = 0; i < N_LATEST; i++)
    {
      HzResource *resource;
      g_autofree char *value = NULL;
      g_autofree char *when = NULL;

      if (loincs[i] == NULL)
        continue;
      resource = latest_valid (self->kase, loincs[i]);
      if (resource == NULL)
        {
          row_set (self->latest_rows[i], NULL, NULL, _("Not recorded"));
          continue;
        }
      value = observation_value (resource);
      when = hz_ui_format_date (hz_fhir_jv_get_resource_date (hz_resource_get_value (resource)));
      row_set (self->latest_rows[i], NULL, when, value);
    }

  /* The next antenatal visit: the earliest booked Appointment from today */
  {
    GListModel *appointments = hz_case_get_resources (self->kase, "Appointment");
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(HzResource) best = NULL;
    g_autoptr(GDateTime) best_start = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (appointments); i++)
      {
        g_autoptr(HzResource) resource = g_list_model_get_item (appointments, i);
        const HzJv *json = hz_resource_get_value (resource);
        g_autoptr(GDateTime) start = hz_fhir_parse_datetime (hz_jv_get_string (json, "start"));

        if (g_strcmp0 (hz_jv_get_string (json, "status"), "booked") != 0 || start == NULL ||
            g_date_time_compare (start, now) < 0)
          continue;
        if (best_start == NULL || g_date_time_compare (start, best_start) < 0)
          {
            g_set_object (&best, resource);
            g_clear_pointer (&best_start, g_date_time_unref);
            best_start = g_date_time_ref (start);
          }
      }
    if (best != NULL)
      {
        g_autofree char *when = hz_fhir_format_date_time (hz_jv_get_string (hz_resource_get_value (best), "start"));
        const char *text = hz_jv_get_string (hz_resource_get_value (best), "description");

        row_set (self->latest_rows[LATEST_NEXT_VISIT], NULL, text, when);
      }
    else
      row_set (self->latest_rows[LATEST_NEXT_VISIT], NULL, NULL, _("None booked"));
  }
}

/* Reads every field; shows each error at its field. TRUE when all hold. */
static gboolean
read_visit (HzObstetricsPage *self,
            HzVisit          *visit)
{
  GDate today;
  gboolean ok = TRUE;
  HzVisitField field;
  g_autoptr(GError) error = NULL;

  hz_ga_get_today (&today);
  hz_visit_init (visit);
  for (guint i = 0; i < HZ_VISIT_N_FIELDS; i++)
    {
      g_autoptr(GError) field_error = NULL;

      if (hz_visit_set_field (visit, i, gtk_editable_get_text (GTK_EDITABLE (self->visit_entries[i])),
                              &today, &field_error))
        field_set_error (self->visit_rows[i], NULL);
      else
        {
          field_set_error (self->visit_rows[i], field_error->message);
          ok = FALSE;
        }
    }
  visit->oedema = adw_combo_row_get_selected (ADW_COMBO_ROW (self->oedema_row));
  visit->urine_protein = adw_combo_row_get_selected (ADW_COMBO_ROW (self->protein_row));

  if (ok && !hz_visit_check (visit, &field, &error))
    {
      field_set_error (self->visit_rows[field], error->message);
      ok = FALSE;
    }
  return ok;
}

static void
on_visit_field_changed (GtkEditable      *entry,
                        HzObstetricsPage *self)
{
  HzVisit visit;
  GDate today;
  g_autoptr(GError) error = NULL;

  hz_ga_get_today (&today);
  hz_visit_init (&visit);
  for (guint i = 0; i < HZ_VISIT_N_FIELDS; i++)
    if (self->visit_entries[i] == GTK_WIDGET (entry))
      {
        /* judged once something is typed; emptied again, only at saving */
        if (*gtk_editable_get_text (entry) == '\0' ||
            hz_visit_set_field (&visit, i, gtk_editable_get_text (entry), &today, &error))
          field_set_error (self->visit_rows[i], NULL);
        else
          field_set_error (self->visit_rows[i], error->message);
      }
}

static void
clear_visit_form (HzObstetricsPage *self)
{
  for (guint i = 0; i < HZ_VISIT_N_FIELDS; i++)
    {
      g_signal_handlers_block_by_func (self->visit_entries[i], on_visit_field_changed, self);
      gtk_editable_set_text (GTK_EDITABLE (self->visit_entries[i]), "");
      g_signal_handlers_unblock_by_func (self->visit_entries[i], on_visit_field_changed, self);
      field_set_error (self->visit_rows[i], NULL);
    }
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->oedema_row), HZ_OEDEMA_NONE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->protein_row), HZ_URINE_PROTEIN_NEGATIVE);
}

/* A form's resources saved in one transaction: its button insensitive
 * meanwhile, the form cleared and @saved_message shown once saved */
typedef struct
{
  HzObstetricsPage *self;
  GtkWidget        *button;
  void            (*clear) (HzObstetricsPage *self);
  const char       *saved_message;   /* translated, static */
} FormSave;

static void
on_form_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree FormSave *save = user_data;
  g_autoptr(HzObstetricsPage) self = save->self;
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome = hz_save_bundle_finish (result, &error);

  gtk_widget_set_sensitive (save->button, TRUE);
  if (outcome == HZ_SAVE_FAILED)
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      show_message (self, message);
      return;
    }
  if (outcome == HZ_SAVE_SAVED)
    {
      save->clear (self);
      show_message (self, save->saved_message);
    }
}

static void
save_form (HzObstetricsPage  *self,
           GPtrArray         *resources,
           GtkWidget         *button,
           void             (*clear) (HzObstetricsPage *self),
           const char        *saved_message)
{
  FormSave *save = g_new0 (FormSave, 1);

  save->self = g_object_ref (self);
  save->button = button;
  save->clear = clear;
  save->saved_message = saved_message;
  gtk_widget_set_sensitive (button, FALSE);
  hz_save_bundle_async (GTK_WIDGET (self), hz_case_get_store (self->kase), hz_case_get_id (self->kase),
                        resources, self->cancellable, on_form_saved_cb, save);
}

static void
on_visit_save (GtkButton        *button,
               HzObstetricsPage *self)
{
  HzVisit visit;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (!read_visit (self, &visit))
    return;  /* each error at its field; nothing written */

  now = g_date_time_new_now_local ();
  resources = hz_visit_build_resources (self->kase, &visit, now);
  save_form (self, resources, self->visit_save, clear_visit_form, _("Antenatal visit saved"));
}

/* --- grading ---------------------------------------------------------------- */

static char **
ticked_codes (HzObstetricsPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n;
  const HzRiskFormItem *items = hz_risk_form_get_items (&n);

  /* in the form's order */
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *check = g_hash_table_lookup (self->form_checks, items[i].code);

      if (check != NULL && gtk_widget_get_sensitive (check) &&
          gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_strv_builder_add (builder, items[i].code);
    }
  return g_strv_builder_end (builder);
}

static HzRiskProposal *
current_proposal (HzObstetricsPage *self,
                  gboolean          with_ticks)
{
  GDate today;
  HzRiskProposal *proposal;

  hz_ga_get_today (&today);
  proposal = hz_risk_propose (self->kase, &today);
  if (with_ticks)
    {
      g_auto(GStrv) codes = ticked_codes (self);

      hz_risk_proposal_add_ticked (proposal, (const char * const *) codes, NULL);
    }
  return proposal;
}

static void
refresh_result (HzObstetricsPage *self)
{
  g_autoptr(HzRiskProposal) proposal = current_proposal (self, TRUE);
  g_autofree char *value = colour_with_purple (proposal->colour, proposal->purple);
  g_autofree char *subtitle = NULL;

  /* Translators: the rule of the grade, then the document */
  subtitle = g_strdup_printf (_("The highest colour of the factors found and ticked; purple stands "
                                "beside it. Source: %s"), hz_risk_form_get_source ());
  row_set (self->result_row, NULL, subtitle, value);
}

static void
on_check_toggled (GtkCheckButton   *check,
                  HzObstetricsPage *self)
{
  refresh_result (self);
}

static GtkWidget *
find_view_stack (GtkWidget *widget)
{
  if (ADW_IS_VIEW_STACK (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_view_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* "referral" or "conference" when a loaded plugin has that page, else NULL */
static const char *
followup_page (HzObstetricsPage *self)
{
  static const char * const pages[] = { "referral", "conference" };
  GtkWidget *stack = self->workspace != NULL ? find_view_stack (GTK_WIDGET (self->workspace)) : NULL;

  for (guint i = 0; stack != NULL && i < G_N_ELEMENTS (pages); i++)
    if (adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), pages[i]) != NULL)
      return pages[i];
  return NULL;
}

static void
on_followup_response (AdwMessageDialog *dialog,
                      const char       *response,
                      HzObstetricsPage *self)
{
  const char *page = g_object_get_data (G_OBJECT (dialog), "hz-page");

  if (page != NULL && g_strcmp0 (response, "open") == 0 && self->workspace != NULL)
    hz_workspace_show_page (self->workspace, page);
}

/* After an orange or red grading: an MDT and a referral are asked for */
static void
prompt_followup (HzObstetricsPage *self,
                 const char       *risk_id,
                 HzRiskColour      colour)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *page = followup_page (self);
  int hours = hz_risk_followup_hours (colour);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(JsonObject) task = hz_risk_new_followup_task (self->kase, risk_id, colour, now);

  /* The task keeps the reporting deadline on the case whether or not a
   * referral is written now; the referral page, when loaded, is offered too */
  if (task != NULL)
    save_one (self, task);
  body = g_strdup_printf (
    /* Translators: the colour, the hours, the document */
    _("Graded %s: the case goes into high-risk case management, with an MDT and a referral "
      "within %d hours. A task “Arrange an MDT and a referral” was added to the case. Source: %s"),
    hz_risk_colour_get_display_name (colour), hours, hz_risk_form_get_source ());

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Arrange an MDT and a Referral"), body);
  gtk_widget_set_name (dialog, "obstetrics-followup-dialog");
  if (page != NULL)
    {
      g_object_set_data (G_OBJECT (dialog), "hz-page", (gpointer) page);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "ok", _("_Later"),
                                        "open", g_str_equal (page, "referral") ? _("_Open Referral")
                                                                               : _("_Open Conference"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
    }
  else
    adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "ok", _("_OK"), NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_followup_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  HzObstetricsPage *self;
  char             *id;
  HzRiskColour      colour;
  gboolean          purple;
} Grading;

static void
grading_free (Grading *grading)
{
  g_clear_object (&grading->self);
  g_free (grading->id);
  g_free (grading);
}

static void
on_grading_saved_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Grading *grading = user_data;
  HzObstetricsPage *self = grading->self;
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome = hz_save_bundle_finish (result, &error);
  g_autofree char *message = NULL;
  g_autofree char *colour = NULL;
  GHashTableIter iter;
  gpointer check;

  gtk_widget_set_sensitive (self->record_button, TRUE);
  if (outcome != HZ_SAVE_SAVED)
    {
      if (outcome == HZ_SAVE_FAILED)
        {
          message = g_strdup_printf (_("Not saved: %s"), error->message);
          show_message (self, message);
        }
      grading_free (grading);
      return;
    }

  /* the ticks were recorded: the form starts afresh */
  g_hash_table_iter_init (&iter, self->form_checks);
  while (g_hash_table_iter_next (&iter, NULL, &check))
    if (gtk_widget_get_sensitive (check))
      {
        g_signal_handlers_block_by_func (check, on_check_toggled, self);
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
        g_signal_handlers_unblock_by_func (check, on_check_toggled, self);
      }
  refresh_result (self);

  colour = colour_with_purple (grading->colour, grading->purple);
  /* Translators: the colour of a grading just recorded */
  message = g_strdup_printf (_("Grading recorded: %s"), colour);
  show_message (self, message);

  if (hz_risk_followup_hours (grading->colour) > 0)
    prompt_followup (self, grading->id, grading->colour);
  grading_free (grading);
}

static void
on_record (GtkButton        *button,
           HzObstetricsPage *self)
{
  g_autoptr(HzRiskProposal) proposal = current_proposal (self, TRUE);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  Grading *grading = g_new0 (Grading, 1);

  resources = hz_risk_new_grading_resources (self->kase, proposal, now, &grading->id, &error);
  if (resources == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      show_message (self, message);
      grading_free (grading);
      return;
    }

  grading->self = g_object_ref (self);
  grading->colour = proposal->colour;
  grading->purple = proposal->purple;
  gtk_widget_set_sensitive (self->record_button, FALSE);
  hz_save_bundle_async (GTK_WIDGET (self), hz_case_get_store (self->kase), hz_case_get_id (self->kase),
                           resources, self->cancellable, on_grading_saved_cb, grading);
}

static void
on_close_flag_response (AdwMessageDialog *dialog,
                        const char       *response,
                        HzObstetricsPage *self)
{
  const char *reference = g_object_get_data (G_OBJECT (dialog), "hz-flag");
  HzResource *flag;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonObject) closed = NULL;

  if (g_strcmp0 (response, "close") != 0 || reference == NULL ||
      (flag = hz_case_lookup (self->kase, reference)) == NULL)
    return;

  now = g_date_time_new_now_local ();
  closed = hz_risk_flag_new_closed (flag, now);
  save_one (self, closed);
}

static void
on_close_flag (GtkButton        *button,
               HzObstetricsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *reference = g_object_get_data (G_OBJECT (button), "hz-flag");
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Close the Purple Mark?"),
                                   _("The infectious-disease mark ends today. It stays in the history "
                                     "as a closed version; record a new grading if the disease "
                                     "returns."));
  gtk_widget_set_name (dialog, "obstetrics-close-flag-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "hz-flag", g_strdup (reference), g_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close", _("_Close Mark"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_flag_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_flags (HzObstetricsPage *self)
{
  GListModel *flags = hz_case_get_resources (self->kase, "Flag");

  for (guint i = 0; i < g_list_model_get_n_items (flags); i++)
    {
      g_autoptr(HzResource) flag = g_list_model_get_item (flags, i);
      const HzJv *json = hz_resource_get_value (flag);
      const char *reference = hz_resource_get_reference (flag);
      g_autofree char *since = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (!hz_risk_flag_is_purple (json))
        continue;
      row = keyed_row (self->flag_list, self->flag_rows, reference, "purple-flag-row", (int) i);
      if (g_object_get_data (G_OBJECT (row), "hz-close") == NULL)
        {
          GtkWidget *close = gtk_button_new_with_mnemonic (_("C_lose…"));

          gtk_widget_set_name (close, "close-flag-button");
          gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (close), "hz-flag", g_strdup (reference), g_free);
          g_signal_connect (close, "clicked", G_CALLBACK (on_close_flag), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), close);
          g_object_set_data (G_OBJECT (row), "hz-close", close);
        }
      since = hz_ui_format_date (hz_jv_get_path_string (json, "period.start"));
      /* Translators: since when the purple mark stands */
      subtitle = g_strdup_printf (_("Since %s"), since != NULL ? since : "—");
      row_set (row, hz_fhir_jv_get_concept_text (json, "code"), subtitle, NULL);
    }
  sweep_rows (self->flag_list, self->flag_rows);
}

static void
refresh_history (HzObstetricsPage *self)
{
  GListModel *gradings = hz_case_get_resources (self->kase, "RiskAssessment");
  guint n = g_list_model_get_n_items (gradings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HzResource) grading = g_list_model_get_item (gradings, i);
      const HzJv *json = hz_resource_get_value (grading);
      const HzJv *prediction = hz_jv_get_element (hz_jv_get_array (json, "prediction"), 0);
      g_autofree char *when = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      const char *performer = hz_jv_get_path_string (json, "performer.display");
      const char *factors = hz_jv_get_string (prediction, "rationale");
      GtkWidget *row;

      if (!hz_risk_assessment_counts (json))
        continue;
      /* newest first */
      row = keyed_row (self->history_list, self->history_rows, hz_resource_get_reference (grading),
                       "grading-history-row", (int) (n - i));
      when = hz_fhir_format_date_time (hz_fhir_jv_get_resource_date (json));
      /* Translators: when a grading was made, then by whom */
      title = g_strdup_printf (_("%s, graded by %s"), when != NULL ? when : "—",
                               performer != NULL ? performer : _("unknown"));
      row_set (row, title, factors, hz_risk_colour_get_display_name (hz_risk_assessment_get_colour (json)));
    }
  sweep_rows (self->history_list, self->history_rows);
}

static void
refresh_banner (HzObstetricsPage *self)
{
  HzRiskColour proposed, recorded;
  gboolean purple;
  GDate today;
  gboolean show;

  hz_ga_get_today (&today);
  show = hz_risk_regrading_proposed (self->kase, &today, &proposed, &purple, &recorded);
  if (show)
    {
      g_autofree char *colour = colour_with_purple (proposed, purple);
      g_autofree char *text = NULL;

      if (recorded == HZ_RISK_UNKNOWN)
        /* Translators: the colour the case's data propose */
        text = g_strdup_printf (_("Not graded yet: the case's data propose %s. Grade it below."), colour);
      else
        /* Translators: the colour proposed, then the one recorded */
        text = g_strdup_printf (_("Re-grading proposed: the case's data now propose %s, the current "
                                  "grading is %s."),
                                colour, hz_risk_colour_get_display_name (recorded));
      gtk_label_set_text (GTK_LABEL (self->banner_label), text);
    }
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->banner), show);
  gtk_widget_set_visible (self->banner, show);
}

static void
refresh_grading (HzObstetricsPage *self)
{
  g_autoptr(HzRiskProposal) proposal = current_proposal (self, FALSE);
  HzResource *current = NULL;
  HzRiskColour colour = hz_risk_get_current (hz_case_get_resources (self->kase, "RiskAssessment"), &current);
  gboolean purple = hz_risk_get_infectious (hz_case_get_resources (self->kase, "Flag"));
  GHashTableIter iter;
  gpointer code, check;

  /* The current grade */
  if (current != NULL)
    {
      const HzJv *json = hz_resource_get_value (current);
      g_autofree char *when = hz_fhir_format_date_time (hz_fhir_jv_get_resource_date (json));
      g_autofree char *value = colour_with_purple (colour, purple);
      g_autofree char *subtitle = NULL;
      const char *performer = hz_jv_get_path_string (json, "performer.display");

      subtitle = g_strdup_printf (_("%s, graded by %s"), when != NULL ? when : "—",
                                  performer != NULL ? performer : _("unknown"));
      row_set (self->current_row, NULL, subtitle, value);
    }
  else
    row_set (self->current_row, NULL, NULL, _("Not graded"));
  hz_ui_risk_badge_update (self->current_badge, colour, purple);

  /* What the data propose */
  for (guint i = 0; i < proposal->factors->len; i++)
    {
      const HzRiskFactor *factor = g_ptr_array_index (proposal->factors, i);
      GtkWidget *row = keyed_row (self->proposed_list, self->proposed_rows, factor->code,
                                  "proposed-factor-row", (int) i);
      g_autofree char *source = g_strdup_printf (_("Source: %s"), factor->source);
      const char *value = factor->purple ? _("Purple")
                        : factor->colour == HZ_RISK_UNKNOWN ? _("Unknown")
                        : hz_risk_colour_get_display_name (factor->colour);

      row_set (row, factor->text, source, value);
    }
  sweep_rows (self->proposed_list, self->proposed_rows);

  /* A form item found in the data is ticked for the clinician */
  g_hash_table_iter_init (&iter, self->form_checks);
  while (g_hash_table_iter_next (&iter, &code, &check))
    {
      gboolean found = FALSE;

      for (guint i = 0; i < proposal->factors->len && !found; i++)
        found = g_strcmp0 (((HzRiskFactor *) g_ptr_array_index (proposal->factors, i))->code, code) == 0;
      if (found == !gtk_widget_get_sensitive (check))
        continue;
      g_signal_handlers_block_by_func (check, on_check_toggled, self);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), found);
      g_signal_handlers_unblock_by_func (check, on_check_toggled, self);
      gtk_widget_set_sensitive (check, !found);
    }

  refresh_result (self);
  refresh_flags (self);
  refresh_history (self);
  refresh_banner (self);
}

/* --- building ---------------------------------------------------------------- */

static void
build_dating (HzObstetricsPage *self)
{
  GtkWidget *group = group_new (self, "obstetrics-dating", _("Dating"), NULL);

  self->ga_row = value_row_new ("ga-row", _("Gestational age today"));
  self->edd_row = value_row_new ("edd-row", _("Estimated due date"));
  self->method_row = value_row_new ("dating-method-row", _("Dating method"));
  self->lmp_row = value_row_new ("lmp-row", _("Last menstrual period"));
  self->crl_row = value_row_new ("crl-row", _("Crown–rump length"));
  self->gp_row = value_row_new ("gp-row", _("Obstetric history"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->ga_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->edd_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->method_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->lmp_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->crl_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->gp_row);
}

static void
build_dating_entry (HzObstetricsPage *self)
{
  GtkWidget *edit = group_new (self, "obstetrics-dating-entry", _("Enter or correct the dating"),
                               _("A correction is saved as a new version; the earlier one stays in the history."));
  GtkWidget *button;

  self->lmp_entry_row = entry_row_new (edit, "lmp-input", _("Last menstrual period"),
                                       _("The first day, as she reports it"), _("YYYY-MM-DD"),
                                       &self->lmp_entry);
  button = row_button_new (self->lmp_entry_row, "lmp-save-button", _("Save _LMP"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_lmp_save), self);
  self->crl_mm_row = entry_row_new (edit, "crl-mm-input", _("CRL (mm)"),
                                    _("From 7 to 84 mm"), NULL, &self->crl_mm_entry);
  self->crl_date_row = entry_row_new (edit, "crl-date-input", _("Scan date"),
                                      _("The day of the ultrasound"), _("YYYY-MM-DD"), &self->crl_date_entry);
  button = row_button_new (self->crl_date_row, "crl-save-button", _("Save _CRL"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_crl_save), self);
}

static GtkWidget *
combo_row_new (GtkWidget          *group,
               const char         *name,
               const char         *title,
               const char * const *symbols)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) list = gtk_string_list_new ((const char **) symbols);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* --- delivery and newborn ----------------------------------------------------- */

static gboolean
read_delivery (HzObstetricsPage *self,
               HzDelivery       *delivery)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  HzDeliveryField field;
  gboolean ok = TRUE;

  hz_delivery_init (delivery);
  for (guint i = 0; i < HZ_DELIVERY_N_FIELDS; i++)
    {
      g_autoptr(GError) field_error = NULL;

      if (hz_delivery_set_field (delivery, i, gtk_editable_get_text (GTK_EDITABLE (self->delivery_entries[i])),
                                 self->kase, now, &field_error))
        field_set_error (self->delivery_rows[i], NULL);
      else
        {
          field_set_error (self->delivery_rows[i], field_error->message);
          ok = FALSE;
        }
    }
  delivery->sex = adw_combo_row_get_selected (ADW_COMBO_ROW (self->sex_row));
  delivery->link = adw_combo_row_get_selected (ADW_COMBO_ROW (self->link_row));
  if (ok && !hz_delivery_check (delivery, &field, &error))
    {
      field_set_error (self->delivery_rows[field], error->message);
      ok = FALSE;
    }
  if (!ok)
    hz_delivery_clear (delivery);
  return ok;
}

static void
clear_delivery_form (HzObstetricsPage *self)
{
  for (guint i = 0; i < HZ_DELIVERY_N_FIELDS; i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->delivery_entries[i]), "");
      field_set_error (self->delivery_rows[i], NULL);
    }
}

static void
on_delivery_save (GtkButton        *button,
                  HzObstetricsPage *self)
{
  HzDelivery delivery;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (!read_delivery (self, &delivery))
    return;  /* each error at its field; nothing written */

  now = g_date_time_new_now_local ();
  resources = hz_delivery_build_resources (self->kase, &delivery, now);
  hz_delivery_clear (&delivery);
  save_form (self, resources, self->delivery_save, clear_delivery_form,
             _("Delivery and newborn saved; the newborn is referred to paediatrics"));
}

/* The newborn's observation of @loinc, or NULL */
static HzResource *
newborn_observation (HzObstetricsPage *self,
                     const char       *newborn_ref,
                     const char       *loinc)
{
  g_autoptr(GPtrArray) found = hz_case_find_observations (self->kase, loinc);

  for (guint i = found->len; i > 0; i--)
    if (g_strcmp0 (hz_jv_get_path_string (hz_resource_get_value (found->pdata[i - 1]), "subject.reference"),
                   newborn_ref) == 0)
      return found->pdata[i - 1];
  return NULL;
}

/* "Child-health follow-up · Requested · due 12月5日", the newborn's referral */
static char *
dup_newborn_link (HzObstetricsPage *self,
                  const char       *newborn_ref)
{
  GListModel *tasks = hz_case_get_resources (self->kase, "Task");
  guint n = tasks != NULL ? g_list_model_get_n_items (tasks) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HzResource) task = g_list_model_get_item (tasks, i);
      const HzJv *value = hz_resource_get_value (task);
      const char *code = hz_fhir_jv_get_concept_code (value, "code", HZ_SYSTEM_TASK_CODE);
      HzReferralStatus status;
      g_autofree char *due = NULL;
      const char *title;

      if (g_strcmp0 (hz_jv_get_path_string (value, "for.reference"), newborn_ref) != 0 ||
          (g_strcmp0 (code, HZ_TASK_NEWBORN_NICU) != 0 && g_strcmp0 (code, HZ_TASK_NEWBORN_CHILD_HEALTH) != 0))
        continue;
      title = g_str_equal (code, HZ_TASK_NEWBORN_NICU) ? _("NICU admission") : _("Child-health follow-up");
      if (!hz_referral_status_from_string (hz_jv_get_string (value, "status"), &status))
        return g_strdup (title);
      /* the NICU's deadline is hours away: its time too */
      if (g_str_equal (code, HZ_TASK_NEWBORN_NICU))
        due = hz_fhir_format_date_time (hz_jv_get_path_string (value, "restriction.period.end"));
      else
        due = hz_ui_format_date (hz_jv_get_path_string (value, "restriction.period.end"));
      if (due != NULL && (status == HZ_REFERRAL_REQUESTED || status == HZ_REFERRAL_ACCEPTED))
        /* Translators: the newborn's referral, its status, its deadline */
        return g_strdup_printf (_("%s · %s · due %s"), title, hz_referral_status_get_display_name (status), due);
      /* Translators: the newborn's referral and its status */
      return g_strdup_printf (_("%s · %s"), title, hz_referral_status_get_display_name (status));
    }
  return NULL;
}

static void
refresh_delivery (HzObstetricsPage *self)
{
  g_autoptr(GPtrArray) newborns = hz_case_find_newborns (self->kase);
  HzDating dating;
  gboolean delivered;

  hz_case_get_dating (self->kase, &dating);
  delivered = dating.delivered;

  for (guint i = 0; i < HZ_DELIVERY_N_FIELDS; i++)
    gtk_widget_set_visible (self->delivery_rows[i], !delivered);
  gtk_widget_set_visible (self->sex_row, !delivered);
  gtk_widget_set_visible (self->link_row, !delivered);
  gtk_widget_set_visible (gtk_widget_get_parent (self->delivery_save), !delivered);
  gtk_widget_set_visible (self->delivered_row, delivered);
  gtk_widget_set_visible (GTK_WIDGET (self->newborn_list), delivered);

  if (delivered)
    {
      g_autofree char *day = hz_ui_format_gdate (&dating.delivery_date);
      g_autofree char *ga_text = NULL;
      int ga;

      if (dating.method != HZ_DATING_NONE && hz_dating_ga_at (&dating, &dating.delivery_date, &ga))
        {
          g_autofree char *ga_at = hz_ga_format (ga);

          /* Translators: the GA on the day of the delivery */
          ga_text = g_strdup_printf (_("At %s"), ga_at);
        }
      row_set (self->delivered_row, NULL, ga_text, day);
    }

  for (guint i = 0; i < newborns->len; i++)
    {
      HzResource *newborn = newborns->pdata[i];
      const char *ref = hz_resource_get_reference (newborn);
      const HzJv *value = hz_resource_get_value (newborn);
      GtkWidget *row = keyed_row (self->newborn_list, self->newborn_rows, ref, "newborn-row", (int) i);
      HzResource *weight = newborn_observation (self, ref, HZ_LOINC_BIRTH_WEIGHT);
      HzResource *apgar_1 = newborn_observation (self, ref, HZ_LOINC_APGAR_1MIN);
      HzResource *apgar_5 = newborn_observation (self, ref, HZ_LOINC_APGAR_5MIN);
      const char *gender = hz_jv_get_string (value, "gender");
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *name = hz_fhir_jv_dup_human_name (value);
      g_autofree char *link = dup_newborn_link (self, ref);
      gint64 grams, one, five;

      g_string_append (subtitle, hz_newborn_sex_get_display_name (g_strcmp0 (gender, "female") == 0 ? HZ_NEWBORN_FEMALE
                                                                  : g_strcmp0 (gender, "male") == 0 ? HZ_NEWBORN_MALE
                                                                  : HZ_NEWBORN_SEX_UNDETERMINED));
      if (weight != NULL &&
          hz_jv_get_int64 (hz_jv_get (hz_jv_get_object (hz_resource_get_value (weight), "valueQuantity"), "value"), &grams))
        /* Translators: the birth weight, in grams */
        g_string_append_printf (subtitle, _(" · %d g"), (int) grams);
      if (apgar_1 != NULL && apgar_5 != NULL &&
          hz_jv_get_int64 (hz_jv_get (hz_resource_get_value (apgar_1), "valueInteger"), &one) &&
          hz_jv_get_int64 (hz_jv_get (hz_resource_get_value (apgar_5), "valueInteger"), &five))
        /* Translators: the Apgar scores at 1 and 5 minutes */
        g_string_append_printf (subtitle, _(" · Apgar %d/%d"), (int) one, (int) five);
      row_set (row, name, subtitle->str, link);
    }
  sweep_rows (self->newborn_list, self->newborn_rows);
}

static void
build_delivery (HzObstetricsPage *self)
{
  static const struct {
    const char *name;
    const char *title;
    const char *hint;
    const char *placeholder;
  } fields[HZ_DELIVERY_N_FIELDS] = {
    [HZ_DELIVERY_FIELD_TIME] = { "delivery-time", N_("Time of birth"), N_("Required, not in the future"),
                                 N_("YYYY-MM-DD HH:MM") },
    [HZ_DELIVERY_FIELD_BIRTH_WEIGHT] = { "delivery-birth-weight", N_("Birth weight (g)"), N_("Required, 300–7000 g"), NULL },
    [HZ_DELIVERY_FIELD_APGAR_1] = { "delivery-apgar-1", N_("Apgar score at 1 minute"), N_("0–10; empty when not scored"), NULL },
    [HZ_DELIVERY_FIELD_APGAR_5] = { "delivery-apgar-5", N_("Apgar score at 5 minutes"), N_("0–10; empty when not scored"), NULL },
  };
  const char *sexes[HZ_N_NEWBORN_SEX + 1] = { NULL };
  const char *links[HZ_N_NEWBORN_LINKS + 1] = { NULL };
  GtkWidget *group = group_new (self, "obstetrics-delivery", _("Delivery and newborn"),
                                _("Saved together: the delivery, the newborn and the newborn's referral to "
                                  "paediatrics."));

  for (guint i = 0; i < HZ_N_NEWBORN_SEX; i++)
    sexes[i] = hz_newborn_sex_get_display_name (i);
  for (guint i = 0; i < HZ_N_NEWBORN_LINKS; i++)
    links[i] = hz_newborn_link_get_display_name (i);

  for (guint i = 0; i < HZ_DELIVERY_N_FIELDS; i++)
    {
      self->delivery_rows[i] = entry_row_new (group, fields[i].name, _(fields[i].title), _(fields[i].hint),
                                              fields[i].placeholder != NULL ? _(fields[i].placeholder) : NULL,
                                              &self->delivery_entries[i]);
      if (i == HZ_DELIVERY_FIELD_TIME)
        {
          gtk_editable_set_width_chars (GTK_EDITABLE (self->delivery_entries[i]), 16);
          self->sex_row = combo_row_new (group, "delivery-sex", _("Newborn's sex"), sexes);
        }
    }
  self->link_row = combo_row_new (group, "delivery-link", _("The newborn's care"), links);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->link_row),
                               _("Either is a referral to paediatrics: the first home visit is due within 7 days "
                                 "(国家基本公共卫生服务规范, 3rd edition); the NICU within 2 hours"));
  self->delivery_save = button_row_new (group, "delivery-save-button", _("Record _Delivery"));
  g_signal_connect (self->delivery_save, "clicked", G_CALLBACK (on_delivery_save), self);

  self->delivered_row = value_row_new ("delivered-row", _("Delivered"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->delivered_row);
  self->newborn_list = list_new (group, _("Newborns"), _("No newborn recorded"));
  gtk_widget_set_margin_top (GTK_WIDGET (self->newborn_list), 12);
  gtk_list_box_set_sort_func (self->newborn_list, sort_by_order, NULL, NULL);
}

static void
build_visit (HzObstetricsPage *self)
{
  static const struct {
    const char *name;
    const char *title;
    const char *hint;
    const char *placeholder;
  } fields[HZ_VISIT_N_FIELDS] = {
    [HZ_VISIT_FIELD_WEIGHT] = { "visit-weight", N_("Weight (kg)"), N_("Required, 30–200 kg"), NULL },
    [HZ_VISIT_FIELD_SYSTOLIC] = { "visit-systolic", N_("Systolic pressure (mmHg)"), N_("Required, 60–260 mmHg"), NULL },
    [HZ_VISIT_FIELD_DIASTOLIC] = { "visit-diastolic", N_("Diastolic pressure (mmHg)"), N_("Required, 30–160 mmHg"), NULL },
    [HZ_VISIT_FIELD_FUNDAL_HEIGHT] = { "visit-fundal-height", N_("Fundal height (cm)"),
                                       N_("5–50 cm; empty when not measured"), NULL },
    [HZ_VISIT_FIELD_FETAL_HEART] = { "visit-fetal-heart", N_("Fetal heart rate (beats/min)"),
                                     N_("50–240 beats/min; empty when not heard yet"), NULL },
    [HZ_VISIT_FIELD_NEXT_VISIT] = { "visit-next", N_("Next visit"), N_("Required, today or later"),
                                    N_("YYYY-MM-DD") },
  };
  const char *oedema[HZ_N_OEDEMA + 1] = { NULL };
  const char *protein[HZ_N_URINE_PROTEIN + 1] = { NULL };
  GtkWidget *group = group_new (self, "obstetrics-visit", _("Antenatal visit"),
                                _("Saved as one visit: the encounter, its observations and the next appointment, together."));
  GtkWidget *latest = group_new (self, "obstetrics-latest-visit", _("Latest antenatal values"), NULL);
  static const char * const latest_titles[N_LATEST] = {
    N_("Weight"), N_("Blood pressure"), N_("Fundal height"), N_("Fetal heart rate"),
    N_("Oedema"), N_("Urine protein"), N_("Next visit"),
  };
  static const char * const latest_names[N_LATEST] = {
    "latest-weight", "latest-bp", "latest-fundal-height", "latest-fetal-heart",
    "latest-oedema", "latest-urine-protein", "latest-next-visit",
  };

  for (guint i = 0; i < HZ_N_OEDEMA; i++)
    oedema[i] = hz_oedema_get_symbol (i);
  for (guint i = 0; i < HZ_N_URINE_PROTEIN; i++)
    protein[i] = hz_urine_protein_get_symbol (i);

  for (guint i = 0; i < HZ_VISIT_N_FIELDS; i++)
    {
      if (i == HZ_VISIT_FIELD_NEXT_VISIT)
        {
          self->oedema_row = combo_row_new (group, "visit-oedema", _("Oedema"), oedema);
          self->protein_row = combo_row_new (group, "visit-urine-protein", _("Urine protein"), protein);
        }
      self->visit_rows[i] = entry_row_new (group, fields[i].name, _(fields[i].title), _(fields[i].hint),
                                           fields[i].placeholder != NULL ? _(fields[i].placeholder) : NULL,
                                           &self->visit_entries[i]);
      g_signal_connect (self->visit_entries[i], "changed", G_CALLBACK (on_visit_field_changed), self);
    }
  self->visit_save = button_row_new (group, "visit-save-button", _("_Save Visit"));
  g_signal_connect (self->visit_save, "clicked", G_CALLBACK (on_visit_save), self);

  for (guint i = 0; i < N_LATEST; i++)
    {
      self->latest_rows[i] = value_row_new (latest_names[i], _(latest_titles[i]));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (latest), self->latest_rows[i]);
    }
}

static void
build_grading (HzObstetricsPage *self)
{
  g_autofree char *description = g_strdup_printf (_("Source: %s"), hz_risk_form_get_source ());
  GtkWidget *group = group_new (self, "obstetrics-grading", _("Five-colour pregnancy risk grading"), description);
  GtkWidget *proposed = group_new (self, "obstetrics-proposed", _("Found in the case's data"), NULL);
  GtkWidget *form = group_new (self, "obstetrics-form", _("The form's factors"),
                               _("Tick what applies; the factors found in the data are ticked already."));
  GtkWidget *record = group_new (self, "obstetrics-record", NULL, NULL);
  GtkWidget *flags = group_new (self, "obstetrics-purple", _("Infectious disease (purple)"), NULL);
  GtkWidget *history = group_new (self, "obstetrics-history", _("Grading history"), NULL);
  static const struct {
    HzRiskColour colour;
    gboolean     purple;
    const char  *title;
  } colours[] = {
    { HZ_RISK_YELLOW, FALSE, N_("Yellow: general risk") },
    { HZ_RISK_ORANGE, FALSE, N_("Orange: higher risk") },
    { HZ_RISK_RED, FALSE, N_("Red: high risk") },
    { HZ_RISK_UNKNOWN, TRUE, N_("Purple: infectious disease") },
  };
  guint n;
  const HzRiskFormItem *items = hz_risk_form_get_items (&n);

  self->current_row = value_row_new ("current-grade-row", _("Current grade"));
  self->current_badge = hz_ui_risk_badge_new (HZ_RISK_UNKNOWN, FALSE);
  gtk_widget_set_valign (self->current_badge, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->current_row), self->current_badge);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->current_row);

  self->proposed_list = list_new (proposed, _("Found in the case's data"),
                                  _("No factor found in the structured data"));
  gtk_list_box_set_sort_func (self->proposed_list, sort_by_order, NULL, NULL);

  for (guint c = 0; c < G_N_ELEMENTS (colours); c++)
    {
      GtkWidget *expander = adw_expander_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _(colours[c].title));
      gtk_widget_set_name (expander, "form-colour-row");
      for (guint i = 0; i < n; i++)
        {
          GtkWidget *row, *check;

          if (items[i].purple != colours[c].purple || (!items[i].purple && items[i].colour != colours[c].colour))
            continue;
          row = adw_action_row_new ();
          check = gtk_check_button_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hz_risk_form_item_get_text (&items[i]));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hz_risk_section_get_display_name (items[i].section));
          gtk_widget_set_name (row, "form-item-row");
          gtk_widget_set_name (check, items[i].code);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          hz_ui_set_accessible_label (check, hz_risk_form_item_get_text (&items[i]));
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
          g_hash_table_insert (self->form_checks, (gpointer) items[i].code, check);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (form), expander);
    }

  self->result_row = value_row_new ("grade-result-row", _("Grade to record"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (record), self->result_row);
  self->record_button = button_row_new (record, "record-grading-button", _("_Record Grading"));
  g_signal_connect (self->record_button, "clicked", G_CALLBACK (on_record), self);

  self->flag_list = list_new (flags, _("Infectious disease (purple)"), _("No purple mark"));
  gtk_list_box_set_sort_func (self->flag_list, sort_by_order, NULL, NULL);
  self->history_list = list_new (history, _("Grading history"), _("Not graded yet"));
  gtk_list_box_set_sort_func (self->history_list, sort_by_order, NULL, NULL);
}

static void
on_banner_response (GtkInfoBar       *bar,
                    int               response,
                    HzObstetricsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    gtk_widget_grab_focus (self->record_button);
}

static void
build (HzObstetricsPage *self)
{
  GtkWidget *button;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->banner = gtk_info_bar_new ();
  gtk_widget_set_name (self->banner, "regrading-banner");
  gtk_info_bar_set_message_type (GTK_INFO_BAR (self->banner), GTK_MESSAGE_WARNING);
  self->banner_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->banner_label, "regrading-banner-label");
  gtk_label_set_wrap (GTK_LABEL (self->banner_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->banner_label), 0.0);
  gtk_widget_set_hexpand (self->banner_label, TRUE);
  gtk_info_bar_add_child (GTK_INFO_BAR (self->banner), self->banner_label);
  button = gtk_info_bar_add_button (GTK_INFO_BAR (self->banner), _("_Grade Again"), GTK_RESPONSE_ACCEPT);
  gtk_widget_set_name (button, "regrade-button");
  g_signal_connect (self->banner, "response", G_CALLBACK (on_banner_response), self);
  gtk_widget_set_visible (self->banner, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->banner);

  self->preferences_page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (self->preferences_page, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->preferences_page);

  build_dating (self);
  build_grading (self);
  build_visit (self);
  build_delivery (self);
  build_dating_entry (self);
}

/* --- following the case ---------------------------------------------------------- */

static gboolean
has_type (const char * const *types,
          const char         *type)
{
  return types == NULL || g_strv_contains (types, type);
}

static void
on_case_changed (HzCase             *kase,
                 const char * const *types,
                 HzObstetricsPage   *self)
{
  if (has_type (types, "Observation"))
    refresh_dating (self);
  if (has_type (types, "Observation") || has_type (types, "Appointment"))
    refresh_latest (self);
  if (has_type (types, "Observation") || has_type (types, "Condition") || has_type (types, "Patient") ||
      has_type (types, "RiskAssessment") || has_type (types, "Flag"))
    refresh_grading (self);
  if (has_type (types, "Observation") || has_type (types, "Patient") || has_type (types, "Task"))
    refresh_delivery (self);
}

static void
hz_obstetrics_page_set_case (HzObstetricsPage *self,
                             HzCase           *kase)
{
  g_clear_signal_handler (&self->changed_handler, self->kase);
  g_set_object (&self->kase, kase);
  if (kase == NULL)
    return;
  self->changed_handler = g_signal_connect (kase, "changed", G_CALLBACK (on_case_changed), self);
  on_case_changed (kase, NULL, self);
}

void
hz_obstetrics_page_set_workspace (HzObstetricsPage *self,
                                  HzWorkspace      *workspace)
{
  g_return_if_fail (HZ_IS_OBSTETRICS_PAGE (self));

  self->workspace = workspace;
}

static void
hz_obstetrics_page_dispose (GObject *object)
{
  HzObstetricsPage *self = HZ_OBSTETRICS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->changed_handler, self->kase);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (hz_obstetrics_page_parent_class)->dispose (object);
}

static void
hz_obstetrics_page_finalize (GObject *object)
{
  HzObstetricsPage *self = HZ_OBSTETRICS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->proposed_rows, g_hash_table_unref);
  g_clear_pointer (&self->form_checks, g_hash_table_unref);
  g_clear_pointer (&self->flag_rows, g_hash_table_unref);
  g_clear_pointer (&self->history_rows, g_hash_table_unref);
  g_clear_pointer (&self->newborn_rows, g_hash_table_unref);

  G_OBJECT_CLASS (hz_obstetrics_page_parent_class)->finalize (object);
}

static void
hz_obstetrics_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HzObstetricsPage *self = HZ_OBSTETRICS_PAGE (object);

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
hz_obstetrics_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  HzObstetricsPage *self = HZ_OBSTETRICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CASE:
      hz_obstetrics_page_set_case (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_obstetrics_page_class_init (HzObstetricsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_obstetrics_page_dispose;
  object_class->finalize = hz_obstetrics_page_finalize;
  object_class->get_property = hz_obstetrics_page_get_property;
  object_class->set_property = hz_obstetrics_page_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, HZ_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "obstetrics-page");
}

static void
hz_obstetrics_page_init (HzObstetricsPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->proposed_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->form_checks = g_hash_table_new (g_str_hash, g_str_equal);
  self->flag_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->history_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->newborn_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  build (self);
}

GtkWidget *
hz_obstetrics_page_new (HzCase      *kase,
                        HzWorkspace *workspace)
{
  HzObstetricsPage *self;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  self = g_object_new (HZ_TYPE_OBSTETRICS_PAGE, NULL);
  self->workspace = workspace;
  hz_obstetrics_page_set_case (self, kase);
  return GTK_WIDGET (self);
}
