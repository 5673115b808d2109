/* hz-summary-page.c — the "Summary" page of a case workspace
 *
 * The case at a glance, as AdwPreferencesGroups of AdwActionRows in an
 * AdwPreferencesPage (which scrolls its content itself): patient, pregnancy
 * dating, latest five-colour grade, active flags, conditions, latest
 * results, open referrals and tasks, upcoming appointments. Everything is
 * read from the HzCase models; the page is rebuilt on HzCase::changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-summary"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-summary-private.h"

struct _HzSummaryPage
{
  GtkWidget  parent_instance;

  HzCase    *kase;
  gulong     changed_handler;

  GtkWidget *preferences_page;
  GPtrArray *groups;
};

G_DEFINE_FINAL_TYPE (HzSummaryPage, hz_summary_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_date_time (const char *iso)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (iso == NULL)
    return NULL;

  date = hz_ui_format_date (iso);
  if (strlen (iso) <= 10 || (parsed = hz_fhir_parse_datetime (iso)) == NULL)
    return g_steal_pointer (&date);

  local = g_date_time_to_local (parsed);
  time = g_date_time_format (local, "%H:%M");

  /* Translators: a date, then a time of day */
  return g_strdup_printf (_("%s, %s"), date, time);
}

/* Rows ------------------------------------------------------------------- */

static GtkWidget *
add_group (HzSummaryPage *self,
           const char    *title,
           const char    *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->preferences_page),
                            ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);

  return group;
}

/* A row with @title, an optional @subtitle and an optional @value shown at
 * the end. Case data is never markup. */
static GtkWidget *
add_row (GtkWidget  *group,
         const char *title,
         const char *subtitle,
         const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (value != NULL && *value != '\0')
    {
      GtkWidget *label = gtk_label_new (value);

      /* Values are short (a date, a number with its unit, a status):
       * keep them on one line and let the title wrap instead. */
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "hz-value-label", label);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

static void
add_empty_row (GtkWidget  *group,
               const char *text)
{
  GtkWidget *row = add_row (group, text, NULL, NULL);

  gtk_widget_add_css_class (row, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

/* Patient ---------------------------------------------------------------- */

static int
age_in_years (const char  *birth_date,
              const GDate *today)
{
  g_autoptr(GDateTime) birth = hz_fhir_parse_datetime (birth_date);
  int years;

  if (birth == NULL)
    return -1;

  years = g_date_get_year (today) - g_date_time_get_year (birth);
  if ((int) g_date_get_month (today) < g_date_time_get_month (birth) ||
      ((int) g_date_get_month (today) == g_date_time_get_month (birth) &&
       (int) g_date_get_day (today) < g_date_time_get_day_of_month (birth)))
    years--;

  return years;
}

static void
build_patient (HzSummaryPage *self,
               const GDate   *today)
{
  HzResource *patient = hz_case_get_patient (self->kase);
  HzResource *episode = hz_case_get_episode (self->kase);
  const HzJv *json = patient != NULL ? hz_resource_get_value (patient) : NULL;
  const char *birth_date = hz_jv_get_string (json, "birthDate");
  const char *id_card = hz_fhir_jv_get_identifier (json, HZ_SYSTEM_ID_CARD);
  const char *mrn = hz_fhir_jv_get_identifier (json, HZ_SYSTEM_MRN);
  const char *organization = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *masked = NULL;
  GtkWidget *group;
  GtkWidget *row;

  group = add_group (self, _("Patient"), NULL);

  if (birth_date != NULL)
    {
      g_autofree char *born = hz_ui_format_date (birth_date);
      int age = age_in_years (birth_date, today);

      if (age >= 0)
        /* Translators: age in years, then the date of birth */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%d year old, born %s",
                                                 "%d years old, born %s", age),
                                    age, born);
      else
        subtitle = g_strdup_printf (_("Born %s"), born);
    }

  row = add_row (group, hz_case_get_patient_name (self->kase), subtitle, NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("avatar-default-symbolic"));

  masked = hz_ui_mask_id_card (id_card);
  add_row (group, _("ID card"), NULL, masked != NULL ? masked : _("Not recorded"));
  add_row (group, _("Medical record number"), NULL, mrn != NULL ? mrn : _("Not recorded"));

  if (episode != NULL)
    organization = hz_jv_get_string (hz_jv_get_object (hz_resource_get_value (episode),
                                                           "managingOrganization"),
                                       "display");
  if (organization != NULL)
    add_row (group, _("Managing organisation"), NULL, organization);
}

/* Pregnancy -------------------------------------------------------------- */

static void
build_pregnancy (HzSummaryPage *self,
                 const GDate   *today)
{
  g_autofree char *gp = hz_case_format_obstetric_history (self->kase);
  HzDating dating;
  GtkWidget *group;

  group = add_group (self, _("Pregnancy"), NULL);

  if (gp != NULL)
    add_row (group, _("Gravida and para"), NULL, gp);

  memset (&dating, 0, sizeof dating);
  hz_case_get_dating (self->kase, &dating);

  if (dating.method == HZ_DATING_NONE)
    {
      add_empty_row (group, _("Not dated: no last menstrual period, CRL or due date recorded"));
      return;
    }

  if (dating.has_reported_lmp)
    {
      g_autofree char *lmp = hz_ui_format_gdate (&dating.reported_lmp);

      add_row (group, _("Last menstrual period"), NULL, lmp);
    }

  {
    g_autofree char *edd = hz_ui_format_gdate (&dating.edd);

    add_row (group, _("Estimated due date"), NULL, edd);
  }

  if (dating.delivered && g_date_valid (&dating.delivery_date))
    {
      g_autofree char *delivered = hz_ui_format_gdate (&dating.delivery_date);
      g_autofree char *postpartum = NULL;
      int days = g_date_days_between (&dating.delivery_date, today);

      if (days >= 0)
        postpartum = hz_ga_format_postpartum (days);
      add_row (group, _("Delivered"), postpartum, delivered);
    }
  else
    {
      int ga_days;

      if (hz_dating_ga_at (&dating, today, &ga_days) && ga_days >= 0)
        {
          g_autofree char *ga = hz_ga_format (ga_days);

          /* Past 44 weeks the record is missing its delivery, not overdue */
          if (ga_days > 44 * 7)
            add_row (group, _("Gestational age today"),
                     _("Over 44 weeks: no delivery recorded"), ga);
          else
            add_row (group, _("Gestational age today"),
                     hz_trimester_get_display_name (hz_ga_trimester (ga_days)), ga);
        }
    }

  {
    g_autofree char *detail = NULL;

    if (dating.method == HZ_DATING_CRL && dating.has_crl)
      {
        g_autofree char *crl_date = hz_ui_format_gdate (&dating.crl_date);

        /* Translators: CRL in mm, the date it was measured, and how many days the
         * CRL dating differs from the LMP dating */
        detail = g_strdup_printf (_("CRL %.1f mm on %s; %+d days from the LMP dating"),
                                  dating.crl_mm, crl_date, dating.lmp_crl_difference_days);
      }

    add_row (group, _("Dating"), detail, hz_dating_method_get_display_name (dating.method));
  }
}

/* Risk ------------------------------------------------------------------- */

static void
build_risk (HzSummaryPage *self)
{
  GListModel *gradings = hz_case_get_resources (self->kase, "RiskAssessment");
  guint n_items = g_list_model_get_n_items (gradings);
  guint n_gradings = 0;
  HzResource *risk = NULL;
  HzRiskColour colour = hz_risk_get_current (gradings, &risk);
  GtkWidget *group;
  g_autofree char *description = NULL;

  /* The history counts the gradings that stand (not entered in error or
   * cancelled, with a colour): the same rule that picks the current one. */
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(HzResource) grading = g_list_model_get_item (gradings, i);

      if (hz_risk_assessment_counts (hz_resource_get_value (grading)))
        n_gradings++;
    }

  if (n_gradings > 1)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u grading in the history",
                                                "%u gradings in the history", n_gradings),
                                   n_gradings);

  group = add_group (self, _("Five-colour risk grade"), description);

  if (risk == NULL)
    {
      add_empty_row (group, _("No risk grading recorded"));
      return;
    }

  {
    const HzJv *json = hz_resource_get_value (risk);
    g_autofree char *factors = hz_summary_risk_factors (risk);
    g_autofree char *date = hz_ui_format_date (hz_fhir_jv_get_resource_date (json));
    const char *performer = hz_jv_get_string (hz_jv_get_object (json, "performer"), "display");
    g_autofree char *graded = NULL;
    g_autofree char *subtitle = NULL;
    GtkWidget *row;

    if (date != NULL && performer != NULL)
      /* Translators: a date, then who graded */
      graded = g_strdup_printf (_("Graded on %s by %s"), date, performer);
    else if (date != NULL)
      graded = g_strdup_printf (_("Graded on %s"), date);

    if (factors != NULL && graded != NULL)
      subtitle = g_strdup_printf ("%s\n%s", factors, graded);
    else
      subtitle = g_strdup (factors != NULL ? factors : graded);

    row = add_row (group, hz_risk_colour_get_display_name (colour), subtitle, NULL);
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               hz_ui_risk_badge_new (colour,
                                                     hz_risk_get_infectious (hz_case_get_resources (self->kase, "Flag"))));
  }
}

/* Flags and conditions --------------------------------------------------- */

static void
build_flags (HzSummaryPage *self)
{
  g_autoptr(GPtrArray) flags = hz_summary_active_flags (self->kase);
  GtkWidget *group = add_group (self, _("Active flags"), NULL);

  if (flags->len == 0)
    {
      add_empty_row (group, _("No active flags"));
      return;
    }

  for (guint i = 0; i < flags->len; i++)
    {
      HzResource *flag = g_ptr_array_index (flags, i);
      const HzJv *json = hz_resource_get_value (flag);
      const char *start = hz_jv_get_string (hz_jv_get_object (json, "period"), "start");
      g_autofree char *since_date = hz_ui_format_date (start);
      g_autofree char *since = since_date != NULL ? g_strdup_printf (_("Since %s"), since_date) : NULL;
      GtkWidget *row;

      row = add_row (group, hz_resource_get_title (flag), since,
                     hz_risk_flag_is_purple (json) ? _("Infectious disease") : NULL);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("emblem-important-symbolic"));
      if (hz_risk_flag_is_purple (json))
        gtk_widget_add_css_class (g_object_get_data (G_OBJECT (row), "hz-value-label"), "risk-purple");
    }
}

static gboolean
condition_is_active (const HzJv *condition)
{
  const char *clinical = hz_fhir_jv_get_concept_code (condition, "clinicalStatus", NULL);
  const char *verification = hz_fhir_jv_get_concept_code (condition, "verificationStatus", NULL);

  if (g_strcmp0 (verification, "refuted") == 0 ||
      g_strcmp0 (verification, "entered-in-error") == 0)
    return FALSE;

  return clinical == NULL ||
         g_str_equal (clinical, "active") ||
         g_str_equal (clinical, "recurrence") ||
         g_str_equal (clinical, "relapse");
}

static void
build_conditions (HzSummaryPage *self)
{
  GListModel *model = hz_case_get_resources (self->kase, "Condition");
  guint n = g_list_model_get_n_items (model);
  GtkWidget *group = add_group (self, _("Conditions"), NULL);
  guint shown = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HzResource) condition = g_list_model_get_item (model, i);
      const HzJv *json = hz_resource_get_value (condition);
      g_autofree char *onset_date = NULL;
      g_autofree char *subtitle = NULL;
      const char *team = hz_fhir_jv_get_team_tag (json);
      HzTeam team_value;

      if (!condition_is_active (json))
        continue;

      onset_date = hz_ui_format_date (hz_fhir_jv_get_resource_date (json));
      if (team != NULL && hz_team_from_string (team, &team_value) && onset_date != NULL)
        /* Translators: a date, then a team (产科...) */
        subtitle = g_strdup_printf (_("Since %s · %s"), onset_date, hz_team_get_display_name (team_value));
      else if (onset_date != NULL)
        subtitle = g_strdup_printf (_("Since %s"), onset_date);
      else if (team != NULL && hz_team_from_string (team, &team_value))
        subtitle = g_strdup (hz_team_get_display_name (team_value));

      add_row (group, hz_resource_get_title (condition), subtitle, NULL);
      shown++;
    }

  if (shown == 0)
    add_empty_row (group, _("No conditions recorded"));
}

/* Latest results --------------------------------------------------------- */

static void
build_results (HzSummaryPage *self)
{
  static const struct {
    const char *loinc;
    const char *label;
  } results[] = {
    { HZ_LOINC_BODY_WEIGHT,     N_("Weight") },
    { HZ_LOINC_BP_PANEL,        N_("Blood pressure") },
    { HZ_LOINC_HCG,             N_("β-hCG") },
    { HZ_LOINC_HAEMOGLOBIN,     N_("Haemoglobin") },
    { HZ_LOINC_FASTING_GLUCOSE, N_("Fasting glucose") },
  };
  GtkWidget *group = add_group (self, _("Latest results"), NULL);
  guint shown = 0;

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GPtrArray) observations = hz_case_find_observations (self->kase, results[i].loinc);
      HzResource *latest;
      const HzJv *json;
      g_autofree char *value = NULL;
      g_autofree char *date = NULL;
      g_autofree char *subtitle = NULL;
      const char *interpretation;
      GtkWidget *row;

      if (observations->len == 0)
        continue;

      latest = g_ptr_array_index (observations, observations->len - 1);
      json = hz_resource_get_value (latest);
      value = hz_summary_format_observation_value (json);
      date = hz_ui_format_date (hz_fhir_jv_get_resource_date (json));
      interpretation = hz_fhir_jv_get_concept_code (json, "interpretation", NULL);

      if (g_strcmp0 (interpretation, "H") == 0 || g_strcmp0 (interpretation, "HH") == 0)
        subtitle = date != NULL ? g_strdup_printf (_("%s · High"), date) : g_strdup (_("High"));
      else if (g_strcmp0 (interpretation, "L") == 0 || g_strcmp0 (interpretation, "LL") == 0)
        subtitle = date != NULL ? g_strdup_printf (_("%s · Low"), date) : g_strdup (_("Low"));
      else
        subtitle = g_steal_pointer (&date);

      row = add_row (group, g_dgettext (GETTEXT_PACKAGE, results[i].label), subtitle,
                     value != NULL ? value : _("No value"));
      if (interpretation != NULL && g_strcmp0 (interpretation, "N") != 0)
        gtk_widget_add_css_class (g_object_get_data (G_OBJECT (row), "hz-value-label"), "warning");
      shown++;
    }

  if (shown == 0)
    add_empty_row (group, _("No weight, blood pressure, hCG, haemoglobin or glucose recorded"));
}

/* Referrals, tasks and appointments -------------------------------------- */

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

static void
build_open_items (HzSummaryPage *self)
{
  static const char * const types[] = { "ServiceRequest", "Task" };
  GtkWidget *group = add_group (self, _("Open referrals and tasks"), NULL);
  guint shown = 0;

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      GListModel *model = hz_case_get_resources (self->kase, types[t]);
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(HzResource) item = g_list_model_get_item (model, i);
          const HzJv *json = hz_resource_get_value (item);
          const char *status = hz_jv_get_string (json, "status");
          const char *from = hz_jv_get_string (hz_jv_get_object (json, "requester"), "display");
          const char *to;
          g_autofree char *subtitle = NULL;

          if (!status_is_open (types[t], status))
            continue;

          if (g_str_equal (types[t], "Task"))
            to = hz_jv_get_string (hz_jv_get_object (json, "owner"), "display");
          else
            to = hz_jv_get_string (hz_jv_get_object_element (json, "performer", 0), "display");

          if (from != NULL && to != NULL)
            /* Translators: requesting, then performing organisation */
            subtitle = g_strdup_printf (_("%s → %s"), from, to);
          else if (to != NULL)
            subtitle = g_strdup_printf (_("To %s"), to);
          else if (from != NULL)
            subtitle = g_strdup_printf (_("From %s"), from);

          add_row (group, hz_resource_get_title (item), subtitle,
                   hz_summary_status_display_name (status));
          shown++;
        }
    }

  if (shown == 0)
    add_empty_row (group, _("No open referrals or tasks"));
}

static void
build_appointments (HzSummaryPage *self)
{
  static const char * const upcoming[] = {
    "proposed", "pending", "booked", "arrived", "checked-in", "waitlist", NULL
  };
  GListModel *model = hz_case_get_resources (self->kase, "Appointment");
  guint n = g_list_model_get_n_items (model);
  GtkWidget *group = add_group (self, _("Upcoming appointments"), NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now),
                                                      0, 0, 0);
  guint shown = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HzResource) appointment = g_list_model_get_item (model, i);
      const HzJv *json = hz_resource_get_value (appointment);
      const char *status = hz_jv_get_string (json, "status");
      const char *start = hz_jv_get_string (json, "start");
      g_autoptr(GDateTime) when = start != NULL ? hz_fhir_parse_datetime (start) : NULL;
      g_autofree char *subtitle = NULL;

      if (status == NULL || !g_strv_contains (upcoming, status))
        continue;
      if (when == NULL || g_date_time_compare (when, today) < 0)
        continue;

      subtitle = format_date_time (start);
      add_row (group, hz_resource_get_title (appointment), subtitle,
               hz_summary_status_display_name (status));
      shown++;
    }

  if (shown == 0)
    add_empty_row (group, _("No upcoming appointments"));
}

/* Page ------------------------------------------------------------------- */

static void
clear_groups (HzSummaryPage *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->preferences_page),
                                 g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
}

static void
hz_summary_page_rebuild (HzSummaryPage *self)
{
  GDate today;

  clear_groups (self);

  if (self->kase == NULL)
    return;

  hz_ga_get_today (&today);

  build_patient (self, &today);
  build_pregnancy (self, &today);
  build_risk (self);
  build_flags (self);
  build_conditions (self);
  build_results (self);
  build_open_items (self);
  build_appointments (self);
}

static void
on_case_changed (HzCase             *kase,
                 const char * const *resource_types,
                 HzSummaryPage      *self)
{
  hz_summary_page_rebuild (self);
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

  hz_summary_page_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

static void
hz_summary_page_dispose (GObject *object)
{
  HzSummaryPage *self = (HzSummaryPage *)object;

  g_clear_signal_handler (&self->changed_handler, self->kase);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->preferences_page, gtk_widget_unparent);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

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
  self->groups = g_ptr_array_new ();

  /* AdwPreferencesPage scrolls its content itself (a GtkScrolledWindow
   * with an AdwClamp inside): no second scrolled window around it. */
  self->preferences_page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->preferences_page, GTK_WIDGET (self));

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
