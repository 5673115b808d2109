/* hz-summary-page.c — the "Summary" page of a case workspace
 *
 * What the patient panel does not show, as AdwPreferencesGroups in an
 * AdwPreferencesPage (which scrolls its content itself): the latest
 * results (scale scores with them), the active problems, the plans, what
 * is to do, and the appointments. Who she is, the dating, the risk grade
 * and the flags are the panel's (the shell's patient header): each fact
 * once on the workspace.
 *
 * The groups and their rows are made once. HzCase::changed names the
 * resource types whose models changed; only the groups those types feed
 * are refreshed, a row that stays keeps its widget and has its texts
 * updated, and only rows that appeared or went are added or removed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-summary-private.h"

/* One group of rows, keyed by what each row shows (a LOINC code, a
 * resource reference) */
typedef struct
{
  GtkWidget  *group;       /* AdwPreferencesGroup */
  GtkListBox *list;        /* .boxed-list, sorted by each row's "hz-order" */
  GHashTable *rows;        /* key → AdwActionRow (the list holds it) */
  guint       n_updated;   /* rows set since section_begin() */
  gboolean    moved;       /* a row's place changed: sort again */
} Section;

typedef enum {
  SECTION_RESULTS,
  SECTION_PROBLEMS,
  SECTION_PLANS,
  SECTION_TO_DO,
  SECTION_APPOINTMENTS,
  N_SECTIONS
} SectionId;

/* The resource types each section is read from */
static const char * const section_types[N_SECTIONS][3] = {
  [SECTION_RESULTS]      = { "Observation", NULL },
  [SECTION_PROBLEMS]     = { "Condition", NULL },
  [SECTION_PLANS]        = { "CarePlan", NULL },
  [SECTION_TO_DO]         = { "ServiceRequest", "Task", NULL },
  [SECTION_APPOINTMENTS] = { "Appointment", NULL },
};

struct _HzSummaryPage
{
  GtkWidget  parent_instance;

  HzCase    *kase;
  gulong     changed_handler;

  GtkWidget *preferences_page;
  Section    sections[N_SECTIONS];
};

G_DEFINE_FINAL_TYPE (HzSummaryPage, hz_summary_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Sections ----------------------------------------------------------------- */

static int
sort_by_order (GtkListBoxRow *a,
               GtkListBoxRow *b,
               gpointer       user_data)
{
  int order_a = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (a), "hz-order"));
  int order_b = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (b), "hz-order"));

  return order_a - order_b;
}

static void
section_init (Section    *section,
              GtkWidget  *page,
              const char *name,
              const char *title,
              const char *empty)
{
  GtkWidget *empty_label = gtk_label_new (empty);

  section->group = adw_preferences_group_new ();
  gtk_widget_set_name (section->group, name);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (section->group), title);

  /* A list of our own in the group, so that a row can stand anywhere in
   * it without the others being taken out and put back */
  section->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (section->list, GTK_SELECTION_NONE);
  gtk_list_box_set_sort_func (section->list, sort_by_order, NULL, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (section->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (section->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  gtk_label_set_wrap (GTK_LABEL (empty_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (empty_label), 0.0);
  gtk_widget_set_margin_start (empty_label, 12);
  gtk_widget_set_margin_end (empty_label, 12);
  gtk_widget_set_margin_top (empty_label, 12);
  gtk_widget_set_margin_bottom (empty_label, 12);
  gtk_widget_add_css_class (empty_label, "dim-label");
  gtk_list_box_set_placeholder (section->list, empty_label);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (section->group), GTK_WIDGET (section->list));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (section->group));

  section->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
section_begin (Section *section)
{
  section->n_updated = 0;
  section->moved = FALSE;
}

static GtkWidget *
row_new (void)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new (NULL);

  gtk_widget_set_name (row, "summary-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  /* Values are short (a number with its unit, a status): kept on one
   * line, the title wraps instead. Not selectable, so that the keyboard
   * focus goes from row to row, not into a label that keeps the keys. */
  gtk_label_set_xalign (GTK_LABEL (value), 1.0);
  gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_set_visible (value, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  g_object_set_data (G_OBJECT (row), "hz-value-label", value);

  return row;
}

/* Shows the row of @key, made if it is new, with these texts (case data,
 * never markup); @warning marks the value. Rows stand in the order they
 * are set. */
static void
section_set_row (Section    *section,
                 const char *key,
                 const char *title,
                 const char *subtitle,
                 const char *value,
                 gboolean    warning)
{
  GtkWidget *row = g_hash_table_lookup (section->rows, key);
  GtkWidget *label;
  int order = (int) ++section->n_updated;

  if (row == NULL)
    {
      row = row_new ();
      g_object_set_data_full (G_OBJECT (row), "hz-summary-key", g_strdup (key), g_free);
      g_hash_table_insert (section->rows, g_strdup (key), row);
      g_object_set_data (G_OBJECT (row), "hz-order", GINT_TO_POINTER (order));
      gtk_list_box_append (section->list, row);
    }
  else if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "hz-order")) != order)
    {
      g_object_set_data (G_OBJECT (row), "hz-order", GINT_TO_POINTER (order));
      section->moved = TRUE;
    }
  g_object_set_data (G_OBJECT (row), "hz-seen", GINT_TO_POINTER (TRUE));

  if (subtitle != NULL && *subtitle == '\0')
    subtitle = NULL;
  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  label = g_object_get_data (G_OBJECT (row), "hz-value-label");
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), value != NULL ? value : "") != 0)
    gtk_label_set_text (GTK_LABEL (label), value != NULL ? value : "");
  gtk_widget_set_visible (label, value != NULL && *value != '\0');
  if (warning)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");
}

/* Removes the rows that were not set since section_begin() */
static void
section_end (Section *section)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, section->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    if (g_object_steal_data (row, "hz-seen") == NULL)
      {
        gtk_list_box_remove (section->list, row);
        g_hash_table_iter_remove (&iter);
      }

  if (section->moved)
    gtk_list_box_invalidate_sort (section->list);
}

static void
section_clear (Section *section)
{
  section_begin (section);
  section_end (section);
}

/* What a row function gets: the section it fills and what the rows of one
 * refresh share */
typedef struct
{
  HzSummaryPage *self;
  Section       *section;
  GDate          today;
  GHashTable    *carried_out;   /* the to-do section's: requests an open Task stands for */
} Fill;

typedef void (*RowFunc) (Fill       *fill,
                         HzResource *resource,
                         const HzJv *json);

/* Sets the rows of section @id from the resources of its types, one
 * @func call each (oldest first); the rows it does not set go */
static void
section_fill (HzSummaryPage *self,
              SectionId      id,
              RowFunc        func,
              GHashTable    *carried_out)
{
  Fill fill = { self, &self->sections[id], { 0 }, carried_out };

  hz_ga_get_today (&fill.today);
  section_begin (fill.section);

  for (guint t = 0; section_types[id][t] != NULL; t++)
    {
      GListModel *model = hz_case_get_resources (self->kase, section_types[id][t]);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(HzResource) resource = g_list_model_get_item (model, i);

          func (&fill, resource, hz_resource_get_value (resource));
        }
    }

  section_end (fill.section);
}

/* Latest results ------------------------------------------------------------ */

/* The record's own interpretation (v3 ObservationInterpretation) in
 * words; NULL for normal or none. These short codes ("A", "N") are not in
 * the codes table, which reads every string of a record (a blood group "A"
 * is not "abnormal"). */
static const char *
interpretation_display (const char *code)
{
  if (g_strcmp0 (code, "H") == 0 || g_strcmp0 (code, "HH") == 0 || g_strcmp0 (code, "HU") == 0)
    return C_("result", "high");
  if (g_strcmp0 (code, "L") == 0 || g_strcmp0 (code, "LL") == 0 || g_strcmp0 (code, "LU") == 0)
    return C_("result", "low");
  if (g_strcmp0 (code, "A") == 0 || g_strcmp0 (code, "AA") == 0)
    return C_("result", "abnormal");
  if (g_strcmp0 (code, "POS") == 0)
    return C_("result", "positive");
  return NULL;
}

static void
refresh_results (HzSummaryPage *self)
{
  static const struct {
    const char *loinc;
    const char *label;
    gboolean    scale;
  } results[] = {
    { HZ_LOINC_BODY_WEIGHT,     N_("Weight"), FALSE },
    { HZ_LOINC_BP_PANEL,        N_("Blood pressure"), FALSE },
    { HZ_LOINC_HCG,             N_("β-hCG"), FALSE },
    { HZ_LOINC_HAEMOGLOBIN,     N_("Haemoglobin"), FALSE },
    { HZ_LOINC_FASTING_GLUCOSE, N_("Fasting glucose"), FALSE },
    { HZ_LOINC_EPDS_TOTAL,      N_("EPDS (Edinburgh Postnatal Depression Scale)"), TRUE },
    { HZ_LOINC_PHQ9_TOTAL,      N_("PHQ-9 (depression)"), TRUE },
    { HZ_LOINC_GAD7_TOTAL,      N_("GAD-7 (anxiety)"), TRUE },
  };
  Section *section = &self->sections[SECTION_RESULTS];

  section_begin (section);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GPtrArray) observations = hz_case_find_observations (self->kase, results[i].loinc);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *value = NULL;
      g_autofree char *date = NULL;
      const HzJv *json = NULL;
      const char *interpretation;
      const char *reading;
      gboolean warning;
      gint64 total;

      for (guint j = observations->len; j > 0 && json == NULL; j--)
        if (!hz_fhir_jv_is_void (hz_resource_get_value (g_ptr_array_index (observations, j - 1))))
          json = hz_resource_get_value (g_ptr_array_index (observations, j - 1));
      if (json == NULL)
        continue;

      date = hz_fhir_format_date (hz_fhir_jv_get_resource_date (json));
      interpretation = hz_fhir_jv_get_concept_code (json, "interpretation", NULL);
      reading = interpretation_display (interpretation);
      warning = reading != NULL;

      if (results[i].scale && hz_jv_get_int64 (hz_jv_get (json, "valueInteger"), &total))
        {
          HzThresholdResult result;

          /* Translators: a scale total, "15分" */
          value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d point", "%d points", (gulong) total),
                                   (int) total);
          /* The reading of the one thresholds table, as the timeline says it */
          if (hz_threshold_interpret_score (results[i].loinc, (double) total, &result) &&
              result.label != NULL)
            {
              reading = result.label;
              warning = result.level != HZ_THRESHOLD_LEVEL_NORMAL;
            }
        }
      else
        value = hz_fhir_jv_format_observation_value (json);

      hz_fhir_append_part (subtitle, date);
      hz_fhir_append_part (subtitle, reading);
      section_set_row (section, results[i].loinc, g_dgettext (GETTEXT_PACKAGE, results[i].label),
                       subtitle->str, value != NULL ? value : _("No value"), warning);
    }

  section_end (section);
}

/* Active problems ------------------------------------------------------------ */

/* "Since 2026-06-18 · 产科" */
static char *
since_and_team (const HzJv *resource,
                const char *date_iso)
{
  g_autofree char *date = hz_fhir_format_date (date_iso);
  g_autofree char *since = NULL;
  const char *team = hz_fhir_jv_get_team_tag (resource);
  HzTeam team_value;
  GString *text = g_string_new (NULL);

  if (date != NULL)
    {
      since = g_strdup_printf (_("Since %s"), date);
      hz_fhir_append_part (text, since);
    }
  if (team != NULL && hz_team_from_string (team, &team_value))
    hz_fhir_append_part (text, hz_team_get_display_name (team_value));

  return g_string_free (text, FALSE);
}

static void
problem_row (Fill       *fill,
             HzResource *condition,
             const HzJv *json)
{
  g_autofree char *subtitle = NULL;

  if (!hz_fhir_jv_condition_is_active (json))
    return;

  subtitle = since_and_team (json, hz_fhir_jv_get_resource_date (json));
  section_set_row (fill->section, hz_resource_get_reference (condition),
                   hz_resource_get_title (condition), subtitle, NULL, FALSE);
}

static void
refresh_problems (HzSummaryPage *self)
{
  section_fill (self, SECTION_PROBLEMS, problem_row, NULL);
}

/* Plans ------------------------------------------------------------------------ */

static void
plan_row (Fill       *fill,
          HzResource *plan,
          const HzJv *json)
{
  static const char * const current[] = { "draft", "active", "on-hold", NULL };
  const char *status = hz_jv_get_string (json, "status");
  const char *title = hz_jv_get_string (json, "title");
  const char *description = hz_jv_get_string (json, "description");
  g_autofree char *since = NULL;
  const char *state = NULL;
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *subtitle = NULL;

  if (status == NULL || !g_strv_contains (current, status))
    return;

  if (title == NULL || *title == '\0')
    {
      title = hz_resource_get_title (plan);
      description = NULL;
    }

  /* What was decided, then since when, which team and who */
  since = since_and_team (json, hz_jv_get_path_string (json, "period.start"));
  hz_fhir_append_part (meta, since);
  hz_fhir_append_part (meta, hz_jv_get_path_string (json, "author.display"));
  if (description != NULL && *description != '\0' && meta->len > 0)
    subtitle = g_strdup_printf ("%s\n%s", description, meta->str);
  else if (description != NULL && *description != '\0')
    subtitle = g_strdup (description);
  else
    subtitle = g_strdup (meta->str);

  /* The group is of current plans: "active" goes without saying */
  if (!g_str_equal (status, "active"))
    state = hz_fhir_code_get_display (status);

  section_set_row (fill->section, hz_resource_get_reference (plan), title, subtitle, state, FALSE);
}

static void
refresh_plans (HzSummaryPage *self)
{
  section_fill (self, SECTION_PLANS, plan_row, NULL);
}

/* To do: open referrals, requests and tasks ------------------------------------ */

static gboolean
status_is_open (const char *type,
                const char *status)
{
  static const char * const open_requests[] = { "draft", "active", "on-hold", NULL };
  static const char * const closed_tasks[] = {
    "completed", "cancelled", "rejected", "failed", "entered-in-error", NULL
  };

  if (status == NULL)
    return FALSE;

  if (g_str_equal (type, "ServiceRequest"))
    return g_strv_contains (open_requests, status);

  return !g_strv_contains (closed_tasks, status);
}

/* The requests an open Task carries out (its focus or basedOn): the task
 * stands for them, with the status of the work */
static GHashTable *
requests_with_open_tasks (HzCase *kase)
{
  GListModel *tasks = hz_case_get_resources (kase, "Task");
  GHashTable *references = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(HzResource) task = g_list_model_get_item (tasks, i);
      const HzJv *json = hz_resource_get_value (task);
      const char *focus = hz_jv_get_path_string (json, "focus.reference");
      HzJv *based_on;

      if (!status_is_open ("Task", hz_jv_get_string (json, "status")))
        continue;

      if (focus != NULL)
        g_hash_table_add (references, (gpointer) focus);
      for (guint j = 0; (based_on = hz_jv_get_object_element (json, "basedOn", j)) != NULL; j++)
        if (hz_jv_get_string (based_on, "reference") != NULL)
          g_hash_table_add (references, (gpointer) hz_jv_get_string (based_on, "reference"));
    }

  return references;
}

static void
to_do_row (Fill       *fill,
          HzResource *item,
          const HzJv *json)
{
  const char *type = hz_resource_get_resource_type (item);
  const char *status = hz_jv_get_string (json, "status");
  const char *priority = hz_jv_get_string (json, "priority");
  const char *from = hz_jv_get_path_string (json, "requester.display");
  const char *due = hz_jv_get_path_string (json, "restriction.period.end");
  const char *to;
  g_autofree char *route = NULL;
  const char *urgency = NULL;
  g_autofree char *by = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  gboolean overdue = FALSE;
  GDate due_day;

  if (!status_is_open (type, status) ||
      g_hash_table_contains (fill->carried_out, hz_resource_get_reference (item)))
    return;

  if (g_str_equal (type, "Task"))
    to = hz_jv_get_path_string (json, "owner.display");
  else
    to = hz_jv_get_string (hz_jv_get_object_element (json, "performer", 0), "display");

  if (from != NULL && to != NULL)
    /* Translators: requesting, then performing organisation */
    route = g_strdup_printf (_("%s → %s"), from, to);
  else if (to != NULL)
    route = g_strdup_printf (_("To %s"), to);
  else if (from != NULL)
    route = g_strdup_printf (_("From %s"), from);

  if (priority != NULL && !g_str_equal (priority, "routine"))
    urgency = hz_fhir_code_get_display (priority);

  if (due != NULL && hz_fhir_parse_date (due, &due_day))
    {
      g_autofree char *date = hz_fhir_format_date (due);

      overdue = g_date_compare (&due_day, &fill->today) < 0;
      if (overdue)
        /* Translators: a task not done by its date (逾期) */
        by = g_strdup_printf (_("Overdue since %s"), date);
      else
        /* Translators: the date a task is to be done by */
        by = g_strdup_printf (_("By %s"), date);
    }

  hz_fhir_append_part (subtitle, route);
  hz_fhir_append_part (subtitle, urgency);
  hz_fhir_append_part (subtitle, by);
  section_set_row (fill->section, hz_resource_get_reference (item), hz_resource_get_title (item),
                   subtitle->str, hz_fhir_code_get_display (status), overdue);
}

static void
refresh_to_do (HzSummaryPage *self)
{
  g_autoptr(GHashTable) carried_out = requests_with_open_tasks (self->kase);

  section_fill (self, SECTION_TO_DO, to_do_row, carried_out);
}

/* Appointments --------------------------------------------------------------- */

static void
appointment_row (Fill       *fill,
                 HzResource *appointment,
                 const HzJv *json)
{
  static const char * const upcoming[] = {
    "proposed", "pending", "booked", "arrived", "checked-in", "waitlist", NULL
  };
  static const char * const unconfirmed[] = { "proposed", "pending", "booked", NULL };
  const char *status = hz_jv_get_string (json, "status");
  const char *start = hz_jv_get_string (json, "start");
  g_autofree char *when = NULL;
  g_autofree char *unconfirmed_text = NULL;
  const char *state;
  gboolean past;
  GDate day;

  if (status == NULL || !g_strv_contains (upcoming, status) ||
      !hz_fhir_get_display_time (start, &day, NULL, NULL, NULL))
    return;

  /* A day gone by and still booked: nobody recorded that it took place */
  past = g_date_compare (&day, &fill->today) < 0;
  if (past && !g_strv_contains (unconfirmed, status))
    return;

  when = hz_fhir_format_date_time (start);
  if (past)
    state = unconfirmed_text = hz_summary_sentence_case (_("appointment not confirmed"));
  else
    state = hz_fhir_code_get_display (status);

  section_set_row (fill->section, hz_resource_get_reference (appointment),
                   hz_resource_get_title (appointment), when, state, past);
}

static void
refresh_appointments (HzSummaryPage *self)
{
  section_fill (self, SECTION_APPOINTMENTS, appointment_row, NULL);
}

/* Page ------------------------------------------------------------------------ */

typedef void (*SectionRefresh) (HzSummaryPage *self);

static const SectionRefresh section_refresh[N_SECTIONS] = {
  [SECTION_RESULTS]      = refresh_results,
  [SECTION_PROBLEMS]     = refresh_problems,
  [SECTION_PLANS]        = refresh_plans,
  [SECTION_TO_DO]         = refresh_to_do,
  [SECTION_APPOINTMENTS] = refresh_appointments,
};

static gboolean
section_reads (SectionId           id,
               const char * const *types)
{
  if (types == NULL)
    return TRUE;

  for (guint i = 0; section_types[id][i] != NULL; i++)
    if (g_strv_contains (types, section_types[id][i]))
      return TRUE;

  return FALSE;
}

/* Refreshes the sections that @types (NULL: all) feed */
static void
hz_summary_page_refresh (HzSummaryPage      *self,
                         const char * const *types)
{
  for (SectionId id = 0; id < N_SECTIONS; id++)
    {
      if (self->kase == NULL)
        section_clear (&self->sections[id]);
      else if (section_reads (id, types))
        section_refresh[id] (self);
    }
}

static void
on_case_changed (HzCase             *kase,
                 const char * const *resource_types,
                 HzSummaryPage      *self)
{
  hz_summary_page_refresh (self, resource_types);
}

static void
hz_summary_page_set_case (HzSummaryPage *self,
                          HzCase        *kase)
{
  if (self->kase == kase)
    return;

  g_clear_signal_handler (&self->changed_handler, self->kase);
  g_set_object (&self->kase, kase);

  if (kase != NULL)
    self->changed_handler = g_signal_connect (kase, "changed",
                                              G_CALLBACK (on_case_changed), self);

  hz_summary_page_refresh (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

static void
hz_summary_page_dispose (GObject *object)
{
  HzSummaryPage *self = (HzSummaryPage *)object;

  g_clear_signal_handler (&self->changed_handler, self->kase);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->preferences_page, gtk_widget_unparent);
  for (guint i = 0; i < N_SECTIONS; i++)
    g_clear_pointer (&self->sections[i].rows, g_hash_table_unref);

  G_OBJECT_CLASS (hz_summary_page_parent_class)->dispose (object);
}

static void
hz_summary_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HzSummaryPage *self = HZ_SUMMARY_PAGE (object);

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
hz_summary_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HzSummaryPage *self = HZ_SUMMARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CASE:
      hz_summary_page_set_case (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_summary_page_class_init (HzSummaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_summary_page_dispose;
  object_class->get_property = hz_summary_page_get_property;
  object_class->set_property = hz_summary_page_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, HZ_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hzsummarypage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hz_summary_page_init (HzSummaryPage *self)
{
  /* AdwPreferencesPage scrolls its content itself (a GtkScrolledWindow
   * with an AdwClamp inside): no second scrolled window around it. */
  self->preferences_page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->preferences_page, GTK_WIDGET (self));

  section_init (&self->sections[SECTION_RESULTS], self->preferences_page, "summary-results",
                _("Latest results"),
                _("No weight, blood pressure, hCG, haemoglobin, glucose or scale score recorded"));
  section_init (&self->sections[SECTION_PROBLEMS], self->preferences_page, "summary-problems",
                _("Active problems"), _("No active problems recorded"));
  section_init (&self->sections[SECTION_PLANS], self->preferences_page, "summary-plans",
                _("Plans"), _("No current plan"));
  /* Translators: the open referrals, requests and tasks of a case (待办) */
  section_init (&self->sections[SECTION_TO_DO], self->preferences_page, "summary-todo",
                C_("tasks", "To do"), _("No open referrals or tasks"));
  section_init (&self->sections[SECTION_APPOINTMENTS], self->preferences_page, "summary-appointments",
                _("Appointments"), _("No upcoming appointments"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Case summary"),
                                  -1);
}

/**
 * hz_summary_page_new:
 * @kase: the case to show
 *
 * Returns: (transfer floating): a new summary page
 */
GtkWidget *
hz_summary_page_new (HzCase *kase)
{
  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  return g_object_new (HZ_TYPE_SUMMARY_PAGE, "case", kase, NULL);
}

HzCase *
hz_summary_page_get_case (HzSummaryPage *self)
{
  g_return_val_if_fail (HZ_IS_SUMMARY_PAGE (self), NULL);

  return self->kase;
}
