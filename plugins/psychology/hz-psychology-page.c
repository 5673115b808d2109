/* hz-psychology-page.c — the Psychology (心理) page of a case
 *
 * From the top: the open urgent alert (with the staff action that closes
 * it), the screening schedule by trimester and at 42 days postpartum
 * (libhuizhen's hz_schedule_compute_for_case()), a new screen — handed to
 * the woman on the full-screen tablet form or entered by staff in a compact
 * form that shows the total and band as it fills — and the history of each
 * scale (date, total, band with its source, who entered it). The page
 * follows HzCase::changed in place: a history row is the same widget while
 * its Observation lasts, the schedule rows are kept by rule.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-psychology"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-psychology-private.h"

typedef struct
{
  AdwPreferencesGroup *group;
  GtkListBox          *list;
  GtkWidget           *empty_row;
  GHashTable          *rows;      /* Observation reference → AdwActionRow (the list holds it) */
} History;

struct _HzPsychologyPage
{
  GtkWidget            parent_instance;

  HzCase              *kase;
  gulong               changed_id;

  GtkWidget           *scrolled;

  /* the urgent alert */
  AdwPreferencesGroup *alert_group;
  AdwActionRow        *alert_row;

  /* the schedule */
  GtkListBox          *schedule_list;
  GHashTable          *schedule_rows;   /* HzDueRule → AdwActionRow */

  /* a new screen */
  AdwComboRow         *scale_row;
  AdwPreferencesGroup *staff_group;
  GPtrArray           *item_rows;       /* AdwActionRow, one an item */
  GPtrArray           *item_choices;    /* GtkDropDown, one an item */
  AdwActionRow        *total_row;
  GtkLabel            *total_label;
  GtkLabel            *staff_error;
  GtkWidget           *save_button;
  gboolean             saving;

  History              history[HZ_N_SCALES];
};

G_DEFINE_FINAL_TYPE (HzPsychologyPage, hz_psychology_page, GTK_TYPE_WIDGET)

static HzScale
selected_scale (HzPsychologyPage *self)
{
  guint selected = adw_combo_row_get_selected (self->scale_row);

  return selected < HZ_N_SCALES ? (HzScale) selected : HZ_SCALE_EPDS;
}

static GtkWidget *
value_label (AdwActionRow *row)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  adw_action_row_add_suffix (row, label);
  g_object_set_data (G_OBJECT (row), "hz-value-label", label);
  return label;
}

static GtkListBox *
boxed_list (AdwPreferencesGroup *group)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_group_add (group, list);
  return GTK_LIST_BOX (list);
}

/* --- the urgent alert --------------------------------------------------------- */

static void
update_alert (HzPsychologyPage *self)
{
  HzResource *flag = hz_screening_find_open_alert (self->kase);
  g_autofree char *since = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->alert_group), flag != NULL);
  if (flag == NULL)
    return;

  since = hz_fhir_format_date_time (hz_jv_get_path_string (hz_resource_get_value (flag), "period.start"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->alert_row), hz_resource_get_title (flag));
  /* Translators: the open alert on the psychology page: since when, and what it calls for */
  subtitle = g_strdup_printf (_("Since %s · %s"), since != NULL ? since : "",
                              hz_scale_alert_get_display_name (HZ_SCALE_ALERT_SELF_HARM));
  adw_action_row_set_subtitle (self->alert_row, subtitle);
}

static void
on_close_alert_clicked_cb (GtkButton        *button,
                           HzPsychologyPage *self)
{
  hz_psychology_close_alert (GTK_WIDGET (self), self->kase);
}

/* --- the schedule --------------------------------------------------------------- */

static gboolean
is_mental_health_rule (HzDueRule rule)
{
  return rule == HZ_DUE_RULE_MENTAL_EARLY || rule == HZ_DUE_RULE_MENTAL_MID ||
         rule == HZ_DUE_RULE_MENTAL_LATE || rule == HZ_DUE_RULE_MENTAL_POSTPARTUM ||
         rule == HZ_DUE_RULE_EPDS_REPEAT;
}

static const char *
status_class (HzDueStatus status)
{
  switch (status)
    {
    case HZ_DUE_STATUS_DONE: return "success";
    case HZ_DUE_STATUS_DUE: return "warning";
    case HZ_DUE_STATUS_OVERDUE:
    case HZ_DUE_STATUS_MISSED: return "error";
    case HZ_DUE_STATUS_UPCOMING:
    default: return "dim-label";
    }
}

static void
update_schedule (HzPsychologyPage *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;
  GDate today;

  hz_ga_get_today (&today);
  items = hz_schedule_compute_for_case (self->kase, &today);

  for (guint i = 0; i < items->len; i++)
    {
      const HzDueItem *item = g_ptr_array_index (items, i);
      AdwActionRow *row;
      GtkWidget *label;
      g_autofree char *window = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *status = NULL;

      if (!is_mental_health_rule (item->rule))
        continue;

      row = g_hash_table_lookup (self->schedule_rows, GINT_TO_POINTER (item->rule));
      if (row == NULL)
        {
          row = ADW_ACTION_ROW (adw_action_row_new ());
          gtk_widget_set_name (GTK_WIDGET (row), hz_due_rule_to_string (item->rule));
          value_label (row);
          gtk_list_box_append (self->schedule_list, GTK_WIDGET (row));
          g_hash_table_insert (self->schedule_rows, GINT_TO_POINTER (item->rule), row);
        }
      g_hash_table_add (seen, GINT_TO_POINTER (item->rule));
      g_object_set_data (G_OBJECT (row), "hz-order", GUINT_TO_POINTER (i));

      window = hz_due_item_format_window (item);
      /* Translators: a screen of the schedule: its window, then its source */
      subtitle = g_strdup_printf (C_("psychology", "%s · Source: %s"), window, item->source);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
      adw_action_row_set_subtitle (row, subtitle);

      label = g_object_get_data (G_OBJECT (row), "hz-value-label");
      if (item->status == HZ_DUE_STATUS_DONE && g_date_valid (&item->done_date))
        {
          g_autofree char *day = hz_ui_format_gdate (&item->done_date);

          /* Translators: a screen of the schedule done on a day: "已完成 · 2026年11月19日" */
          status = g_strdup_printf (_("%s · %s"), hz_due_status_get_display_name (item->status), day);
        }
      else
        status = g_strdup (hz_due_status_get_display_name (item->status));
      gtk_label_set_text (GTK_LABEL (label), status);
      for (HzDueStatus s = HZ_DUE_STATUS_UPCOMING; s <= HZ_DUE_STATUS_MISSED; s++)
        gtk_widget_remove_css_class (label, status_class (s));
      gtk_widget_add_css_class (label, status_class (item->status));
    }

  g_hash_table_iter_init (&iter, self->schedule_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key))
      {
        gtk_list_box_remove (self->schedule_list, value);
        g_hash_table_iter_remove (&iter);
      }

  gtk_list_box_invalidate_sort (self->schedule_list);
}

static int
sort_by_order (GtkListBoxRow *a,
               GtkListBoxRow *b,
               gpointer       user_data)
{
  guint x = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (a), "hz-order"));
  guint y = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (b), "hz-order"));

  return x < y ? -1 : x > y;
}

/* --- the history of each scale ---------------------------------------------------- */

/* Who entered it: the performer, and whether the woman filled it in herself */
static char *
dup_entered_by (HzPsychologyPage *self,
                const HzJv       *observation)
{
  const char *performer = hz_jv_get_string (hz_jv_get_object_element (observation, "performer", 0), "display");
  const char *derived = hz_jv_get_string (hz_jv_get_object_element (observation, "derivedFrom", 0), "reference");
  HzResource *response = derived != NULL ? hz_case_lookup (self->kase, derived) : NULL;
  const char *source = response != NULL
                     ? hz_jv_get_path_string (hz_resource_get_value (response), "source.reference")
                     : NULL;
  gboolean self_report = source != NULL && g_str_has_prefix (source, "Patient/");

  if (performer == NULL && response != NULL && !self_report)
    performer = hz_jv_get_path_string (hz_resource_get_value (response), "author.display");

  if (self_report && performer != NULL)
    /* Translators: a screen the woman filled in herself, handed over by %s */
    return g_strdup_printf (_("Self-report, handed over by %s"), performer);
  if (self_report)
    return g_strdup (C_("psychology", "Self-report"));
  if (performer != NULL)
    /* Translators: who entered a screen */
    return g_strdup_printf (_("Entered by %s"), performer);
  return NULL;
}

static int
sort_newest_first (GtkListBoxRow *a,
                   GtkListBoxRow *b,
                   gpointer       user_data)
{
  const char *x = g_object_get_data (G_OBJECT (a), "hz-sort-key");
  const char *y = g_object_get_data (G_OBJECT (b), "hz-sort-key");

  /* the empty-state row has none and comes last */
  return -g_strcmp0 (x, y);
}

static void
update_history_row (HzPsychologyPage *self,
                    AdwActionRow     *row,
                    HzResource       *observation)
{
  const HzJv *json = hz_resource_get_value (observation);
  const char *effective = hz_fhir_jv_get_resource_date (json);
  g_autofree char *date = hz_fhir_format_date_time (effective);
  g_autofree char *entered = dup_entered_by (self, json);
  g_autofree char *value = NULL;
  g_autofree char *source = NULL;
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "hz-value-label");
  HzScaleResult result;

  if (!hz_screening_judge_observation (self->kase, observation, &result))
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date != NULL ? date : _("Undated"));
  adw_action_row_set_subtitle (row, entered != NULL ? entered : "");
  /* Translators: a screen's total and band, "15 分 · 阳性" */
  value = g_strdup_printf (C_("psychology", "%d · %s"), result.total, hz_scale_band_get_display_name (result.band));
  gtk_label_set_text (GTK_LABEL (label), value);
  source = hz_psychology_format_source (&result);
  gtk_widget_set_tooltip_text (label, source);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), source);
  if (result.reading.level != HZ_THRESHOLD_LEVEL_NORMAL || result.alerts != 0)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
  {
    GDateTime *when = hz_resource_get_date (observation);

    g_object_set_data_full (G_OBJECT (row), "hz-sort-key",
                            g_strdup_printf ("%020" G_GINT64_FORMAT,
                                             when != NULL ? g_date_time_to_unix (when) : 0),
                            g_free);
  }
}

static void
update_history (HzPsychologyPage *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint s = 0; s < HZ_N_SCALES; s++)
    {
      History *history = &self->history[s];
      g_autoptr(GPtrArray) observations = hz_case_find_observations (self->kase, hz_scale_get_loinc (s));
      GHashTableIter iter;
      gpointer key, value;
      guint shown = 0;

      for (guint i = 0; i < observations->len; i++)
        {
          HzResource *observation = g_ptr_array_index (observations, i);
          const char *reference = hz_resource_get_reference (observation);
          AdwActionRow *row;

          if (hz_fhir_jv_is_void (hz_resource_get_value (observation)))
            continue;

          row = g_hash_table_lookup (history->rows, reference);
          if (row == NULL)
            {
              row = ADW_ACTION_ROW (adw_action_row_new ());
              gtk_widget_set_name (GTK_WIDGET (row), hz_resource_get_id (observation));
              value_label (row);
              gtk_list_box_append (history->list, GTK_WIDGET (row));
              g_hash_table_insert (history->rows, g_strdup (reference), row);
            }
          g_hash_table_add (seen, (gpointer) reference);
          update_history_row (self, row, observation);
          shown++;
        }

      g_hash_table_iter_init (&iter, history->rows);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_hash_table_contains (seen, key))
          {
            gtk_list_box_remove (history->list, value);
            g_hash_table_iter_remove (&iter);
          }

      gtk_widget_set_visible (history->empty_row, shown == 0);
      gtk_list_box_invalidate_sort (history->list);
    }
}

/* --- a new screen: the tablet, or the staff's compact form -------------------------- */

static void
on_tablet_clicked_cb (GtkButton        *button,
                      HzPsychologyPage *self)
{
  hz_psychology_tablet_new (GTK_WIDGET (self), self->kase, selected_scale (self));
}

static guint
answered (HzPsychologyPage *self,
          int              *answers,
          guint            *first_missing)
{
  guint n = 0;

  *first_missing = 0;
  for (guint i = 0; i < self->item_choices->len; i++)
    {
      guint selected = gtk_drop_down_get_selected (g_ptr_array_index (self->item_choices, i));

      answers[i] = selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected;
      if (answers[i] >= 0)
        n++;
      else if (*first_missing == 0)
        *first_missing = i + 1;
    }
  return n;
}

static void
update_total (HzPsychologyPage *self)
{
  int answers[HZ_SCALE_MAX_ITEMS];
  guint missing;
  HzScale scale = selected_scale (self);
  guint n = answered (self, answers, &missing);
  HzScaleResult result;

  if (n < hz_scale_get_n_items (scale))
    {
      g_autofree char *text = NULL;

      /* Translators: the staff form's total while items are still to answer */
      text = g_strdup_printf (_("%u of %u answered"), n, hz_scale_get_n_items (scale));
      gtk_label_set_text (self->total_label, text);
      adw_action_row_set_subtitle (self->total_row, "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), "error");
      return;
    }

  if (hz_scale_score (scale, answers, n, &result, NULL))
    {
      g_autofree char *value = g_strdup_printf (C_("psychology", "%d · %s"), result.total,
                                                hz_scale_band_get_display_name (result.band));
      g_autofree char *source = hz_psychology_format_source (&result);

      gtk_label_set_text (self->total_label, value);
      if (result.alerts != 0)
        {
          g_autofree char *subtitle = g_strdup_printf ("%s · %s",
                                                       hz_scale_alert_get_display_name (HZ_SCALE_ALERT_SELF_HARM),
                                                       source);

          adw_action_row_set_subtitle (self->total_row, subtitle);
        }
      else
        adw_action_row_set_subtitle (self->total_row, source);
      if (result.reading.level != HZ_THRESHOLD_LEVEL_NORMAL || result.alerts != 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), "error");
    }
}

static void
on_choice_changed_cb (GtkDropDown      *choice,
                      GParamSpec       *pspec,
                      HzPsychologyPage *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (choice), "hz-row");

  gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_visible (GTK_WIDGET (self->staff_error), FALSE);
  update_total (self);
}

static void
build_staff_form (HzPsychologyPage *self)
{
  HzScale scale = selected_scale (self);

  for (guint i = 0; i < self->item_rows->len; i++)
    adw_preferences_group_remove (self->staff_group, g_ptr_array_index (self->item_rows, i));
  g_ptr_array_set_size (self->item_rows, 0);
  g_ptr_array_set_size (self->item_choices, 0);

  /* Translators: the title of the staff's form, "EPDS 录入（工作人员）" */
  {
    g_autofree char *title = g_strdup_printf (_("%s: staff entry"), hz_scale_get_title (scale));

    adw_preferences_group_set_title (self->staff_group, title);
    adw_preferences_group_set_description (self->staff_group, hz_scale_get_instructions (scale));
  }

  for (guint i = 1; i <= hz_scale_get_n_items (scale); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%u. %s", i, hz_scale_get_item_text (scale, i));
      g_autofree char *name = g_strdup_printf ("staff-item-%u", i);
      const char *options[HZ_SCALE_N_OPTIONS + 1];
      GtkWidget *choice;

      for (guint p = 0; p < HZ_SCALE_N_OPTIONS; p++)
        options[p] = hz_scale_get_option_text (scale, i, p);
      options[HZ_SCALE_N_OPTIONS] = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_name (row, name);
      choice = gtk_drop_down_new_from_strings (options);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), GTK_INVALID_LIST_POSITION);
      gtk_widget_set_valign (choice, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_object_set_data (G_OBJECT (choice), "hz-row", row);
      g_signal_connect (choice, "notify::selected", G_CALLBACK (on_choice_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), choice);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), choice);
      adw_preferences_group_add (self->staff_group, row);
      g_ptr_array_add (self->item_rows, row);
      g_ptr_array_add (self->item_choices, choice);
    }

  /* the total and the save stay under the items */
  g_object_ref (self->total_row);
  adw_preferences_group_remove (self->staff_group, GTK_WIDGET (self->total_row));
  adw_preferences_group_add (self->staff_group, GTK_WIDGET (self->total_row));
  g_object_unref (self->total_row);

  gtk_widget_set_visible (GTK_WIDGET (self->staff_error), FALSE);
  update_total (self);
}

static void
on_scale_changed_cb (AdwComboRow      *row,
                     GParamSpec       *pspec,
                     HzPsychologyPage *self)
{
  build_staff_form (self);
}

static void
on_staff_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(HzPsychologyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  HzScreeningOutcome outcome = { 0, };
  GtkWidget *workspace;

  self->saving = FALSE;
  gtk_widget_set_sensitive (self->save_button, TRUE);
  if (!hz_psychology_save_finish (result, &outcome, &error))
    {
      gtk_label_set_text (self->staff_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->staff_error), TRUE);
      return;
    }

  workspace = gtk_widget_get_ancestor (GTK_WIDGET (self), HZ_TYPE_WORKSPACE);
  if (workspace != NULL)
    {
      /* Translators: after a staff entry was saved: "EPDS 已保存：总分 12" */
      g_autofree char *message = g_strdup_printf (_("%s saved: total %d"),
                                                  hz_scale_get_name (outcome.result.scale),
                                                  outcome.result.total);

      hz_workspace_show_message (HZ_WORKSPACE (workspace), message);
    }
  hz_screening_outcome_clear (&outcome);
  build_staff_form (self);
}

static void
on_save_clicked_cb (GtkButton        *button,
                    HzPsychologyPage *self)
{
  int answers[HZ_SCALE_MAX_ITEMS];
  guint missing;
  HzScale scale = selected_scale (self);
  guint n;

  if (self->saving)
    return;

  n = answered (self, answers, &missing);
  if (n < hz_scale_get_n_items (scale))
    {
      /* Translators: the staff form, saved with an item not answered */
      g_autofree char *message = g_strdup_printf (_("Item %u is not answered: every item needs an answer"),
                                                  missing);
      GtkWidget *row = g_ptr_array_index (self->item_rows, missing - 1);

      gtk_label_set_text (self->staff_error, message);
      gtk_widget_set_visible (GTK_WIDGET (self->staff_error), TRUE);
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (g_ptr_array_index (self->item_choices, missing - 1));
      return;
    }

  self->saving = TRUE;
  gtk_widget_set_sensitive (self->save_button, FALSE);
  hz_psychology_save_async (GTK_WIDGET (self), self->kase, scale, answers, n, HZ_SCREENING_BY_STAFF,
                            on_staff_saved_cb, g_object_ref (self));
}

/* --- following the case ---------------------------------------------------------- */

static void
on_case_changed_cb (HzCase             *kase,
                    const char * const *types,
                    HzPsychologyPage   *self)
{
  gboolean all = types == NULL;

  if (all || g_strv_contains (types, "Flag"))
    update_alert (self);
  if (all || g_strv_contains (types, "Observation") || g_strv_contains (types, "QuestionnaireResponse"))
    update_history (self);
  if (all || g_strv_contains (types, "Observation") || g_strv_contains (types, "QuestionnaireResponse") ||
      g_strv_contains (types, "Encounter"))
    update_schedule (self);
}

/* --- construction ------------------------------------------------------------------ */

static void
hz_psychology_page_dispose (GObject *object)
{
  HzPsychologyPage *self = HZ_PSYCHOLOGY_PAGE (object);

  g_clear_signal_handler (&self->changed_id, self->kase);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);

  G_OBJECT_CLASS (hz_psychology_page_parent_class)->dispose (object);
}

static void
hz_psychology_page_finalize (GObject *object)
{
  HzPsychologyPage *self = HZ_PSYCHOLOGY_PAGE (object);

  g_hash_table_unref (self->schedule_rows);
  g_ptr_array_unref (self->item_rows);
  g_ptr_array_unref (self->item_choices);
  for (guint s = 0; s < HZ_N_SCALES; s++)
    g_hash_table_unref (self->history[s].rows);

  G_OBJECT_CLASS (hz_psychology_page_parent_class)->finalize (object);
}

static void
hz_psychology_page_class_init (HzPsychologyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_psychology_page_dispose;
  object_class->finalize = hz_psychology_page_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static AdwPreferencesGroup *
add_group (GtkBox     *box,
           const char *name,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  gtk_widget_set_name (group, name);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (box, group);
  return ADW_PREFERENCES_GROUP (group);
}

static void
hz_psychology_page_init (HzPsychologyPage *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  AdwPreferencesGroup *entry_group;
  GtkWidget *button;
  GtkWidget *row;
  g_autofree char *source = NULL;
  const char *scale_names[HZ_N_SCALES + 1];

  self->schedule_rows = g_hash_table_new (NULL, NULL);
  self->item_rows = g_ptr_array_new ();
  self->item_choices = g_ptr_array_new ();

  gtk_widget_add_css_class (GTK_WIDGET (self), "psychology-page");
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  gtk_widget_set_margin_top (GTK_WIDGET (box), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (box), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (box), 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (box));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);

  /* the urgent alert */
  self->alert_group = add_group (box, "psychology-alert", C_("psychology", "Urgent alert"), NULL);
  self->alert_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->alert_row), "error");
  adw_action_row_add_prefix (self->alert_row, gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  button = gtk_button_new_with_mnemonic (_("_Close Alert…"));
  gtk_widget_set_name (button, "psychology-close-alert");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect (button, "clicked", G_CALLBACK (on_close_alert_clicked_cb), self);
  adw_action_row_add_suffix (self->alert_row, button);
  adw_preferences_group_add (self->alert_group, GTK_WIDGET (self->alert_row));

  /* the schedule */
  {
    AdwPreferencesGroup *group;

    source = g_strdup_printf (_("Screens in early (before 14 weeks), mid (14–27+6) and late pregnancy "
                                "(≥ 28 weeks) and at 42 days postpartum; EPDS 10–12 is repeated in "
                                "2–4 weeks. Source: %s"),
                              hz_threshold_get_source (HZ_THRESHOLD_EPDS_POSITIVE));
    group = add_group (box, "psychology-schedule", _("Screening schedule"), source);
    self->schedule_list = boxed_list (group);
    gtk_list_box_set_sort_func (self->schedule_list, sort_by_order, NULL, NULL);
  }

  /* a new screen */
  entry_group = add_group (box, "psychology-new-screen", C_("psychology", "New screen"),
                           _("Hand the tablet to the woman to fill the form in herself, or enter "
                             "her answers below."));
  for (guint s = 0; s < HZ_N_SCALES; s++)
    scale_names[s] = hz_scale_get_name (s);
  scale_names[HZ_N_SCALES] = NULL;
  self->scale_row = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->scale_row), "psychology-scale");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->scale_row), C_("psychology", "Scale"));
  adw_combo_row_set_model (self->scale_row, G_LIST_MODEL (gtk_string_list_new (scale_names)));
  adw_preferences_group_add (entry_group, GTK_WIDGET (self->scale_row));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The woman fills it in herself"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Full screen, one question a screen; she does not see the score"));
  button = gtk_button_new_with_mnemonic (_("Open _Tablet Form"));
  gtk_widget_set_name (button, "psychology-open-tablet");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect (button, "clicked", G_CALLBACK (on_tablet_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (entry_group, row);

  /* the history of each scale */
  for (guint s = 0; s < HZ_N_SCALES; s++)
    {
      History *history = &self->history[s];
      g_autofree char *name = g_strdup_printf ("psychology-history-%s", hz_scale_to_string (s));
      /* Translators: the history of a scale's totals, "EPDS 记录" */
      g_autofree char *title = g_strdup_printf (_("%s history"), hz_scale_get_name (s));
      g_autofree char *empty = g_strdup_printf (_("No %s recorded yet"), hz_scale_get_name (s));
      HzScaleResult none;

      hz_scale_judge_total (s, 0, FALSE, &none, NULL);
      g_free (source);
      /* Translators: under a scale's history: the guideline its bands come from */
      source = g_strdup_printf (_("%s. Bands by %s"), hz_scale_get_title (s), none.source);
      history->group = add_group (box, name, title, source);
      history->list = boxed_list (history->group);
      gtk_list_box_set_sort_func (history->list, sort_newest_first, NULL, NULL);
      history->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      history->empty_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (history->empty_row), empty);
      gtk_widget_add_css_class (history->empty_row, "dim-label");
      gtk_list_box_append (history->list, history->empty_row);
    }

  /* the staff's compact form */
  self->staff_group = add_group (box, "psychology-staff-form", NULL, NULL);
  self->total_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->total_row), "staff-total");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->total_row), C_("psychology", "Total"));
  self->total_label = GTK_LABEL (value_label (self->total_row));
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "screen-total");
  self->save_button = gtk_button_new_with_mnemonic (_("_Save Screen"));
  gtk_widget_set_name (self->save_button, "staff-save");
  gtk_widget_set_valign (self->save_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  g_signal_connect (self->save_button, "clicked", G_CALLBACK (on_save_clicked_cb), self);
  adw_action_row_add_suffix (self->total_row, self->save_button);
  adw_preferences_group_add (self->staff_group, GTK_WIDGET (self->total_row));
  self->staff_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->staff_error), "staff-error");
  gtk_label_set_wrap (self->staff_error, TRUE);
  gtk_label_set_xalign (self->staff_error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->staff_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->staff_error), FALSE);
  gtk_box_append (box, GTK_WIDGET (self->staff_error));
  g_signal_connect (self->scale_row, "notify::selected", G_CALLBACK (on_scale_changed_cb), self);

  build_staff_form (self);
}

GtkWidget *
hz_psychology_page_new (HzCase *kase)
{
  HzPsychologyPage *self;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  self = g_object_new (HZ_TYPE_PSYCHOLOGY_PAGE, NULL);
  self->kase = g_object_ref (kase);
  self->changed_id = g_signal_connect (kase, "changed", G_CALLBACK (on_case_changed_cb), self);
  on_case_changed_cb (kase, NULL, self);

  return GTK_WIDGET (self);
}
