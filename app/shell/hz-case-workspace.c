/* hz-case-workspace.c — one open case: plugin pages and the patient panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-case-workspace.h"
#include "hz-shell-utils.h"

typedef struct
{
  GtkWidget        *widget;   /* owned */
  char             *name;
  char             *title;
  char             *icon_name;
  int               priority;
  guint             seq;
  HzWorkspaceAddin *owner;    /* not owned: the addin that added it */
} ChildInfo;

struct _HzCaseWorkspace
{
  GtkWidget             parent_instance;

  HzStore              *store;
  char                 *case_id;
  HzCase               *kase;
  GCancellable         *cancellable;
  gulong                case_changed_handler;

  PeasExtensionSet     *addins;
  PeasExtensionSet     *exporters;
  HzWorkspaceAddin     *loading_addin;

  GPtrArray            *pages;    /* ChildInfo, in page order */
  GPtrArray            *panels;   /* ChildInfo, in panel order */
  GPtrArray            *banners;  /* ChildInfo, in the order they came */
  guint                 seq;

  GtkNativeDialog      *export_chooser;
  guint                 export_menu_source;

  guint                 show_back_button : 1;
  guint                 closed : 1;

  /* template */
  GtkWidget            *box;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkToggleButton      *panel_button;
  GtkMenuButton        *case_menu_button;
  GtkStack             *state_stack;
  GtkSpinner           *loading_spinner;
  AdwStatusPage        *error_page;
  AdwFlap              *flap;
  GtkStack             *pages_stack;
  AdwViewStack         *view_stack;
  GtkBox               *patient_header;
  GtkBox               *panels_box;
  GtkBox               *banners_box;
  GMenu                *export_submenu;

  /* patient header, made once (hz_case_workspace_build_header) */
  GtkLabel             *header_name;
  GtkWidget            *header_demo_badge;
  GtkWidget            *header_risk_badge;
  GtkLabel             *header_graded;
  AdwPreferencesGroup  *patient_group;
  AdwActionRow         *age_row;
  AdwActionRow         *identifier_row;
  AdwActionRow         *hospital_row;
  AdwPreferencesGroup  *pregnancy_group;
  AdwActionRow         *gp_row;
  AdwActionRow         *ga_row;
  AdwActionRow         *date_row;
  AdwActionRow         *dating_row;
  AdwPreferencesGroup  *flags_group;
  GHashTable           *flag_rows;   /* Flag reference → its row (the group holds it) */
  GPtrArray            *flag_order;  /* the rows as they stand */
};

static void workspace_iface_init (HzWorkspaceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzCaseWorkspace, hz_case_workspace, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_WORKSPACE, workspace_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_CASE_ID,
  PROP_CASE,
  PROP_LOADED,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
child_info_free (gpointer data)
{
  ChildInfo *info = data;

  g_clear_object (&info->widget);
  g_free (info->name);
  g_free (info->title);
  g_free (info->icon_name);
  g_free (info);
}

static int
child_info_compare (gconstpointer a,
                    gconstpointer b)
{
  const ChildInfo *info_a = *(const ChildInfo * const *) a;
  const ChildInfo *info_b = *(const ChildInfo * const *) b;

  if (info_a->priority != info_b->priority)
    return info_a->priority < info_b->priority ? -1 : 1;

  return info_a->seq < info_b->seq ? -1 : info_a->seq > info_b->seq ? 1 : 0;
}

static ChildInfo *
find_child_info (GPtrArray *array,
                 GtkWidget *widget,
                 guint     *index)
{
  for (guint i = 0; i < array->len; i++)
    {
      ChildInfo *info = g_ptr_array_index (array, i);

      if (info->widget == widget)
        {
          if (index != NULL)
            *index = i;
          return info;
        }
    }

  return NULL;
}

/* --- patient header ------------------------------------------------------ */

/* The patient header is the one place of the workspace for who she is, how
 * far along the pregnancy is, the risk grade and the active flags (pages
 * show what it does not). Its widgets are made once and their texts
 * updated when the case changes, so that nothing the reader looks at is
 * torn down and built again. */

static const char *
episode_organization (HzCase *kase)
{
  HzResource *episode = hz_case_get_episode (kase);

  if (episode == NULL)
    return NULL;

  return hz_jv_get_path_string (hz_resource_get_value (episode), "managingOrganization.display");
}

static gboolean
flag_is_active (HzResource *flag)
{
  return g_strcmp0 (hz_jv_get_string (hz_resource_get_value (flag), "status"), "active") == 0;
}

static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (label), text != NULL ? text : "") != 0)
    gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/* A field name over its value, like libadwaita's later .property rows:
 * the value wraps over the whole width of a narrow side panel. Hidden
 * until it has a value. */
static AdwActionRow *
property_row_new (AdwPreferencesGroup *group,
                  const char          *name)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  gtk_widget_add_css_class (row, "hz-property-row");
  gtk_widget_set_visible (row, FALSE);
  adw_preferences_group_add (group, row);

  return ADW_ACTION_ROW (row);
}

static void
property_row_set (AdwActionRow *row,
                  const char   *title,
                  const char   *value)
{
  gboolean shown = value != NULL && *value != '\0';

  if (shown && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (shown && g_strcmp0 (adw_action_row_get_subtitle (row), value) != 0)
    adw_action_row_set_subtitle (row, value);
  gtk_widget_set_visible (GTK_WIDGET (row), shown);
}

/* The group is shown while any of its rows is */
static void
update_group_visibility (AdwPreferencesGroup *group,
                         AdwActionRow        *first,
                         ...)
{
  gboolean any = FALSE;
  va_list args;

  va_start (args, first);
  for (AdwActionRow *row = first; row != NULL; row = va_arg (args, AdwActionRow *))
    any |= gtk_widget_get_visible (GTK_WIDGET (row));
  va_end (args);

  gtk_widget_set_visible (GTK_WIDGET (group), any);
}

static int
age_in_years (const GDate *birth,
              const GDate *today)
{
  int years = g_date_get_year (today) - g_date_get_year (birth);

  if (g_date_get_month (today) < g_date_get_month (birth)
      || (g_date_get_month (today) == g_date_get_month (birth)
          && g_date_get_day (today) < g_date_get_day (birth)))
    years--;

  return years;
}

/* The case's EpisodeOfCare is marked as demo data (the same rule as the
 * case list's row: hz_fhir_jv_is_demo) */
static gboolean
case_is_demo (HzCase *kase)
{
  GListModel *episodes = hz_case_get_resources (kase, "EpisodeOfCare");

  for (guint i = 0; episodes != NULL && i < g_list_model_get_n_items (episodes); i++)
    {
      g_autoptr(HzResource) episode = g_list_model_get_item (episodes, i);

      if (g_strcmp0 (hz_resource_get_id (episode), hz_case_get_id (kase)) == 0)
        return hz_fhir_jv_is_demo (hz_resource_get_value (episode));
    }

  return FALSE;
}

/* The header bar names the patient, with where she is in the pregnancy
 * when the switcher leaves it room */
static void
hz_case_workspace_update_titles (HzCaseWorkspace *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *ga = NULL;
  const char *organization;
  HzDating dating;
  GDate today;

  if (self->kase == NULL)
    return;

  hz_ga_get_today (&today);
  hz_case_get_dating (self->kase, &dating);
  ga = hz_shell_format_ga (&dating, &today, hz_case_is_preconception (self->kase));
  organization = episode_organization (self->kase);

  if (organization != NULL && ga != NULL)
    /* Translators: workspace subtitle, "<gestational age> · <hospital>" */
    subtitle = g_strdup_printf (_("%s · %s"), ga, organization);
  else
    subtitle = g_strdup (ga != NULL ? ga : organization);

  adw_view_switcher_title_set_title (self->switcher_title, hz_case_get_patient_name (self->kase));
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

/* Name, age, MRN (or the ID card's last four characters), hospital, demo */
static void
hz_case_workspace_update_identity (HzCaseWorkspace *self)
{
  HzResource *patient = hz_case_get_patient (self->kase);
  const HzJv *json = patient != NULL ? hz_resource_get_value (patient) : NULL;
  const char *mrn = hz_fhir_jv_get_identifier (json, HZ_SYSTEM_MRN);
  g_autofree char *age = NULL;
  g_autofree char *masked = NULL;
  GDate today, birth;

  hz_ga_get_today (&today);
  if (hz_shell_parse_date (hz_jv_get_string (json, "birthDate"), &birth))
    {
      int years = age_in_years (&birth, &today);

      if (years >= 0)
        age = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", years), years);
    }

  set_label_text (self->header_name, hz_case_get_patient_name (self->kase));
  gtk_widget_set_visible (self->header_demo_badge, case_is_demo (self->kase));

  property_row_set (self->age_row, _("Age"), age);
  if (mrn != NULL && *mrn != '\0')
    property_row_set (self->identifier_row, _("Medical record number"), mrn);
  else
    {
      masked = hz_ui_mask_id_card (hz_fhir_jv_get_identifier (json, HZ_SYSTEM_ID_CARD));
      property_row_set (self->identifier_row, _("ID card"), masked);
    }
  property_row_set (self->hospital_row, _("Hospital"), episode_organization (self->kase));
  update_group_visibility (self->patient_group, self->age_row, self->identifier_row,
                           self->hospital_row, NULL);
}

/* G/P; pregnant: GA, EDD and how it was dated; delivered: the delivery
 * date and the postpartum day, never an EDD */
static void
hz_case_workspace_update_pregnancy (HzCaseWorkspace *self)
{
  g_autofree char *gp = hz_case_format_obstetric_history (self->kase);
  g_autofree char *ga = NULL;
  g_autofree char *date = NULL;
  g_autofree char *dating_text = NULL;
  HzDating dating;
  GDate today;
  int ga_days;

  hz_ga_get_today (&today);
  hz_case_get_dating (self->kase, &dating);

  property_row_set (self->gp_row, _("Obstetric history"), gp);

  if (dating.delivered && g_date_valid (&dating.delivery_date))
    {
      g_autofree char *day = hz_ui_format_gdate (&dating.delivery_date);
      int after = g_date_days_between (&dating.delivery_date, &today);

      if (after >= 0)
        {
          g_autofree char *postpartum = hz_ga_format_postpartum (after);

          /* Translators: the delivery date, then the postpartum day ("产后21天") */
          date = g_strdup_printf (_("%s · %s"), day, postpartum);
        }
      else
        date = g_steal_pointer (&day);

      property_row_set (self->ga_row, NULL, NULL);
      property_row_set (self->date_row, _("Delivered"), date);
      property_row_set (self->dating_row, NULL, NULL);
    }
  else
    {
      if (hz_dating_ga_at (&dating, &today, &ga_days) && ga_days >= 0)
        {
          g_autofree char *weeks = hz_ga_format (ga_days);

          /* Past 44 weeks the record is missing its delivery, not overdue */
          ga = g_strdup_printf (_("%s · %s"), weeks,
                                ga_days > 44 * 7 ? _("Over 44 weeks: no delivery recorded")
                                                 : hz_trimester_get_display_name (hz_ga_trimester (ga_days)));
        }
      else if (hz_case_is_preconception (self->kase))
        ga = g_strdup (C_("case phase", "Pre-conception"));
      else
        ga = g_strdup (_("GA unknown"));

      if (dating.method != HZ_DATING_NONE)
        {
          date = hz_ui_format_gdate (&dating.edd);

          if (dating.method == HZ_DATING_CRL && dating.has_crl)
            {
              g_autofree char *crl_date = hz_ui_format_gdate (&dating.crl_date);
              /* Translators: CRL in mm, the date it was measured, and how many days the
               * CRL dating differs from the LMP dating */
              g_autofree char *detail = g_strdup_printf (_("CRL %.1f mm on %s; %+d days from the LMP dating"),
                                                         dating.crl_mm, crl_date,
                                                         dating.lmp_crl_difference_days);

              dating_text = g_strdup_printf ("%s\n%s", hz_dating_method_get_display_name (dating.method),
                                             detail);
            }
          else
            dating_text = g_strdup (hz_dating_method_get_display_name (dating.method));
        }

      property_row_set (self->ga_row, _("Gestational age"), ga);
      property_row_set (self->date_row, _("Due date"), date);
      property_row_set (self->dating_row, _("Dating"), dating_text);
    }

  update_group_visibility (self->pregnancy_group, self->gp_row, self->ga_row, self->date_row,
                           self->dating_row, NULL);
}

/* The current five-colour grade (purple beside it) and when it was made */
static void
hz_case_workspace_update_risk (HzCaseWorkspace *self)
{
  HzResource *assessment = NULL;
  HzRiskColour colour;
  g_autofree char *graded = NULL;

  /* The same rule as the case list (hz-risk.h) */
  colour = hz_risk_get_current (hz_case_get_resources (self->kase, "RiskAssessment"), &assessment);
  hz_ui_risk_badge_update (self->header_risk_badge, colour,
                           hz_risk_get_infectious (hz_case_get_resources (self->kase, "Flag")));

  if (assessment == NULL)
    graded = g_strdup (_("No risk grading recorded"));
  else
    {
      g_autofree char *date = hz_ui_format_date (hz_fhir_jv_get_resource_date (hz_resource_get_value (assessment)));

      if (date != NULL)
        /* Translators: when the latest five-colour risk grading was made */
        graded = g_strdup_printf (_("Graded %s"), date);
    }

  set_label_text (self->header_graded, graded);
}

static AdwActionRow *
flag_row_new (void)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_name (row, "patient-flag");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), "hz-flag-icon", icon);

  return ADW_ACTION_ROW (row);
}

/* Every flag has its icon; a purple (infectious) one says so */
static void
flag_row_set_purple (AdwActionRow *row,
                     gboolean      purple)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "hz-flag-icon");

  if (purple == gtk_widget_has_css_class (icon, "risk-purple"))
    return;

  gtk_widget_remove_css_class (icon, purple ? "warning" : "risk-purple");
  gtk_widget_add_css_class (icon, purple ? "risk-purple" : "warning");
  if (purple)
    hz_ui_set_accessible_label (icon, _("Infectious disease (purple)"));
  else
    {
      gtk_widget_set_tooltip_text (icon, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL);
    }
}

/* One row per active flag, kept while the flag stays active: a change of
 * a flag changes its row's texts, and only flags that were raised or
 * closed add or remove a row. */
static void
hz_case_workspace_update_flags (HzCaseWorkspace *self)
{
  GListModel *flags = hz_case_get_resources (self->kase, "Flag");
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  gboolean in_order = TRUE;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; flags != NULL && i < g_list_model_get_n_items (flags); i++)
    {
      g_autoptr(HzResource) flag = g_list_model_get_item (flags, i);
      const HzJv *json = hz_resource_get_value (flag);
      const char *reference = hz_resource_get_reference (flag);
      g_autofree char *date = NULL;
      g_autofree char *since = NULL;
      AdwActionRow *row;

      if (!flag_is_active (flag))
        continue;

      row = g_hash_table_lookup (self->flag_rows, reference);
      if (row == NULL)
        {
          row = flag_row_new ();
          g_hash_table_insert (self->flag_rows, g_strdup (reference), row);
          adw_preferences_group_add (self->flags_group, GTK_WIDGET (row));
          g_ptr_array_add (added, row);
        }
      g_ptr_array_add (shown, row);

      date = hz_ui_format_date (hz_fhir_jv_get_resource_date (json));
      if (date != NULL)
        /* Translators: the date a flag was raised */
        since = g_strdup_printf (_("Since %s"), date);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), hz_resource_get_title (flag)) != 0)
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hz_resource_get_title (flag));
      if (g_strcmp0 (adw_action_row_get_subtitle (row), since) != 0)
        adw_action_row_set_subtitle (row, since);
      flag_row_set_purple (row, hz_risk_flag_is_purple (json));
      g_object_set_data (G_OBJECT (row), "hz-seen", GUINT_TO_POINTER (TRUE));
    }

  /* Flags no longer active */
  g_hash_table_iter_init (&iter, self->flag_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_object_steal_data (value, "hz-seen") == NULL)
        {
          adw_preferences_group_remove (self->flags_group, value);
          g_hash_table_iter_remove (&iter);
        }
    }

  /* The rows stand as they stood, the new ones after them: a flag raised
   * between two others (an older date entered later) moves rows, none is
   * made again */
  {
    guint n = 0;

    for (guint i = 0; i < self->flag_order->len; i++)
      if (g_ptr_array_find (shown, self->flag_order->pdata[i], NULL))
        in_order &= n < shown->len && shown->pdata[n++] == self->flag_order->pdata[i];
    for (guint i = 0; i < added->len; i++)
      in_order &= n < shown->len && shown->pdata[n++] == added->pdata[i];
  }
  if (!in_order)
    for (guint i = 0; i < shown->len; i++)
      {
        GtkWidget *row = g_object_ref (shown->pdata[i]);

        adw_preferences_group_remove (self->flags_group, row);
        adw_preferences_group_add (self->flags_group, row);
        g_object_unref (row);
      }

  g_ptr_array_set_size (self->flag_order, 0);
  g_ptr_array_extend (self->flag_order, shown, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->flags_group), shown->len > 0);
}

static gboolean
types_contain (const char * const *types,
               const char         *type)
{
  return types == NULL || g_strv_contains (types, type);
}

/* Refreshes what @types (NULL: everything) feed */
static void
hz_case_workspace_update_header (HzCaseWorkspace    *self,
                                 const char * const *types)
{
  gboolean dating_changed = types_contain (types, "Observation");

  if (self->kase == NULL)
    return;

  if (types_contain (types, "Patient") || types_contain (types, "EpisodeOfCare"))
    hz_case_workspace_update_identity (self);
  if (dating_changed)
    hz_case_workspace_update_pregnancy (self);
  if (types_contain (types, "RiskAssessment") || types_contain (types, "Flag"))
    hz_case_workspace_update_risk (self);
  if (types_contain (types, "Flag"))
    hz_case_workspace_update_flags (self);
  if (dating_changed || types_contain (types, "Patient") || types_contain (types, "EpisodeOfCare"))
    hz_case_workspace_update_titles (self);
}

static void
hz_case_workspace_build_header (HzCaseWorkspace *self)
{
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *badges = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *graded = gtk_label_new (NULL);

  gtk_widget_set_name (name, "patient-header-name");
  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_add_css_class (name, "title-2");
  self->header_name = GTK_LABEL (name);

  self->header_demo_badge = hz_ui_demo_badge_new ();
  gtk_widget_set_visible (self->header_demo_badge, FALSE);
  self->header_risk_badge = hz_ui_risk_badge_new (HZ_RISK_UNKNOWN, FALSE);
  gtk_widget_set_name (self->header_risk_badge, "patient-risk-badge");

  gtk_widget_set_name (graded, "patient-graded");
  gtk_label_set_xalign (GTK_LABEL (graded), 0.0);
  gtk_label_set_wrap (GTK_LABEL (graded), TRUE);
  gtk_widget_add_css_class (graded, "dim-label");
  gtk_widget_add_css_class (graded, "caption");
  self->header_graded = GTK_LABEL (graded);

  gtk_box_append (GTK_BOX (badges), self->header_demo_badge);
  gtk_box_append (GTK_BOX (badges), self->header_risk_badge);
  gtk_box_append (GTK_BOX (title_box), name);
  gtk_box_append (GTK_BOX (title_box), badges);
  /* under the badges: beside them a long date wraps into a column */
  gtk_box_append (GTK_BOX (title_box), graded);
  gtk_box_append (self->patient_header, title_box);

  self->patient_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->patient_group, _("Patient"));
  self->age_row = property_row_new (self->patient_group, "patient-age");
  self->identifier_row = property_row_new (self->patient_group, "patient-identifier");
  self->hospital_row = property_row_new (self->patient_group, "patient-hospital");
  gtk_box_append (self->patient_header, GTK_WIDGET (self->patient_group));

  self->pregnancy_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->pregnancy_group, _("Pregnancy"));
  self->gp_row = property_row_new (self->pregnancy_group, "patient-obstetric-history");
  self->ga_row = property_row_new (self->pregnancy_group, "patient-ga");
  self->date_row = property_row_new (self->pregnancy_group, "patient-date");
  self->dating_row = property_row_new (self->pregnancy_group, "patient-dating");
  gtk_box_append (self->patient_header, GTK_WIDGET (self->pregnancy_group));

  self->flags_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_widget_set_name (GTK_WIDGET (self->flags_group), "patient-flags");
  adw_preferences_group_set_title (self->flags_group, _("Flags"));
  gtk_widget_set_visible (GTK_WIDGET (self->flags_group), FALSE);
  gtk_box_append (self->patient_header, GTK_WIDGET (self->flags_group));

  self->flag_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->flag_order = g_ptr_array_new ();
}

static void
on_case_changed_cb (HzCaseWorkspace    *self,
                    const char * const *resource_types,
                    HzCase             *kase)
{
  hz_case_workspace_update_header (self, resource_types);
}

/* --- pages and panels ---------------------------------------------------- */

static void
hz_case_workspace_update_pages_state (HzCaseWorkspace *self)
{
  gtk_stack_set_visible_child_name (self->pages_stack,
                                    self->pages->len > 0 ? "pages" : "no-pages");
}

static void
hz_case_workspace_restack (HzCaseWorkspace *self)
{
  g_autofree char *visible = g_strdup (adw_view_stack_get_visible_child_name (self->view_stack));

  for (guint i = 0; i < self->pages->len; i++)
    {
      ChildInfo *info = g_ptr_array_index (self->pages, i);

      if (gtk_widget_get_parent (info->widget) != NULL)
        adw_view_stack_remove (self->view_stack, info->widget);
    }

  for (guint i = 0; i < self->pages->len; i++)
    {
      ChildInfo *info = g_ptr_array_index (self->pages, i);
      AdwViewStackPage *page;

      page = adw_view_stack_add_titled (self->view_stack, info->widget, info->name, info->title);
      if (info->icon_name != NULL)
        adw_view_stack_page_set_icon_name (page, info->icon_name);
    }

  if (visible != NULL && adw_view_stack_get_child_by_name (self->view_stack, visible) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, visible);
  else if (self->pages->len > 0)
    adw_view_stack_set_visible_child (self->view_stack,
                                      ((ChildInfo *) g_ptr_array_index (self->pages, 0))->widget);

  hz_case_workspace_update_pages_state (self);
}

static HzCase *
hz_case_workspace_real_get_case (HzWorkspace *workspace)
{
  return HZ_CASE_WORKSPACE (workspace)->kase;
}

static void
hz_case_workspace_add_page (HzWorkspace *workspace,
                            GtkWidget   *page,
                            const char  *name,
                            const char  *title,
                            const char  *icon_name,
                            int          priority)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (workspace);
  ChildInfo *info;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (name != NULL);

  if (find_child_info (self->pages, page, NULL) != NULL)
    {
      g_warning ("Page “%s” was added twice to the workspace", name);
      return;
    }

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    g_warning ("Two workspace pages are named “%s”", name);

  info = g_new0 (ChildInfo, 1);
  info->widget = g_object_ref_sink (page);
  info->name = g_strdup (name);
  info->title = g_strdup (title != NULL ? title : name);
  info->icon_name = g_strdup (icon_name);
  info->priority = priority;
  info->seq = self->seq++;
  info->owner = self->loading_addin;

  g_ptr_array_add (self->pages, info);
  g_ptr_array_sort (self->pages, child_info_compare);

  hz_case_workspace_restack (self);
}

static void
hz_case_workspace_remove_page (HzWorkspace *workspace,
                               GtkWidget   *page)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (workspace);
  guint index;

  if (find_child_info (self->pages, page, &index) == NULL)
    return;

  if (gtk_widget_get_parent (page) != NULL)
    adw_view_stack_remove (self->view_stack, page);

  g_ptr_array_remove_index (self->pages, index);

  hz_case_workspace_update_pages_state (self);
}

static void
hz_case_workspace_add_panel (HzWorkspace *workspace,
                             GtkWidget   *panel,
                             int          priority)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (workspace);
  GtkWidget *previous = NULL;
  ChildInfo *info;
  guint index = 0;

  g_return_if_fail (GTK_IS_WIDGET (panel));

  if (find_child_info (self->panels, panel, NULL) != NULL)
    return;

  info = g_new0 (ChildInfo, 1);
  info->widget = g_object_ref_sink (panel);
  info->priority = priority;
  info->seq = self->seq++;
  info->owner = self->loading_addin;

  g_ptr_array_add (self->panels, info);
  g_ptr_array_sort (self->panels, child_info_compare);

  find_child_info (self->panels, panel, &index);
  if (index > 0)
    previous = ((ChildInfo *) g_ptr_array_index (self->panels, index - 1))->widget;

  gtk_box_insert_child_after (self->panels_box, panel, previous);
}

static void
hz_case_workspace_remove_panel (HzWorkspace *workspace,
                                GtkWidget   *panel)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (workspace);
  guint index;

  if (find_child_info (self->panels, panel, &index) == NULL)
    return;

  if (gtk_widget_get_parent (panel) == GTK_WIDGET (self->panels_box))
    gtk_box_remove (self->panels_box, panel);

  g_ptr_array_remove_index (self->panels, index);
}

/* Banners stand above every page: what must not be missed (an urgent
 * alert) whichever page is on show */
static void
hz_case_workspace_add_banner (HzWorkspace *workspace,
                              GtkWidget   *banner)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (workspace);
  ChildInfo *info;

  g_return_if_fail (GTK_IS_WIDGET (banner));

  if (find_child_info (self->banners, banner, NULL) != NULL)
    return;

  info = g_new0 (ChildInfo, 1);
  info->widget = g_object_ref_sink (banner);
  info->seq = self->seq++;
  info->owner = self->loading_addin;
  g_ptr_array_add (self->banners, info);

  gtk_box_append (self->banners_box, banner);
}

static void
hz_case_workspace_remove_banner (HzWorkspace *workspace,
                                 GtkWidget   *banner)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (workspace);
  guint index;

  if (find_child_info (self->banners, banner, &index) == NULL)
    return;

  if (gtk_widget_get_parent (banner) == GTK_WIDGET (self->banners_box))
    gtk_box_remove (self->banners_box, banner);

  g_ptr_array_remove_index (self->banners, index);
}

typedef struct
{
  HzWorkspaceAddin *addin;
  int               priority;
  guint             order;
} AddinOrder;

static void
collect_addin (PeasExtensionSet *set,
               PeasPluginInfo   *plugin_info,
               PeasExtension    *exten,
               gpointer          user_data)
{
  GArray *array = user_data;
  AddinOrder order = { HZ_WORKSPACE_ADDIN (exten), G_MAXINT, array->len };

  g_array_append_val (array, order);
}

static int
addin_order_compare (gconstpointer a,
                     gconstpointer b)
{
  const AddinOrder *order_a = a;
  const AddinOrder *order_b = b;

  if (order_a->priority != order_b->priority)
    return order_a->priority < order_b->priority ? -1 : 1;

  return order_a->order < order_b->order ? -1 : order_a->order > order_b->order ? 1 : 0;
}

static gboolean
hz_case_workspace_real_show_resource (HzWorkspace *workspace,
                                      const char  *reference)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (workspace);
  g_autoptr(GArray) order = NULL;

  if (self->addins == NULL || reference == NULL)
    return FALSE;

  order = g_array_new (FALSE, FALSE, sizeof (AddinOrder));
  peas_extension_set_foreach (self->addins, collect_addin, order);

  /* Ask the addins in the order of their first page. */
  for (guint i = 0; i < order->len; i++)
    {
      AddinOrder *entry = &g_array_index (order, AddinOrder, i);

      for (guint j = 0; j < self->pages->len; j++)
        {
          ChildInfo *info = g_ptr_array_index (self->pages, j);

          if (info->owner == entry->addin)
            {
              entry->priority = MIN (entry->priority, info->priority);
              break;
            }
        }
    }

  g_array_sort (order, addin_order_compare);

  for (guint i = 0; i < order->len; i++)
    {
      if (hz_workspace_addin_show_resource (g_array_index (order, AddinOrder, i).addin, reference))
        return TRUE;
    }

  return FALSE;
}

static void
hz_case_workspace_real_show_page (HzWorkspace *workspace,
                                  const char  *name)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (workspace);

  if (name != NULL && adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
hz_case_workspace_real_show_message (HzWorkspace *workspace,
                                     const char  *message)
{
  hz_shell_show_toast (GTK_WIDGET (workspace), message);
}

static void
workspace_iface_init (HzWorkspaceInterface *iface)
{
  iface->get_case = hz_case_workspace_real_get_case;
  iface->add_page = hz_case_workspace_add_page;
  iface->remove_page = hz_case_workspace_remove_page;
  iface->add_panel = hz_case_workspace_add_panel;
  iface->remove_panel = hz_case_workspace_remove_panel;
  iface->show_resource = hz_case_workspace_real_show_resource;
  iface->show_page = hz_case_workspace_real_show_page;
  iface->show_message = hz_case_workspace_real_show_message;
  iface->add_banner = hz_case_workspace_add_banner;
  iface->remove_banner = hz_case_workspace_remove_banner;
}

/* --- addins ---------------------------------------------------------------- */

static void
remove_children_of (HzCaseWorkspace  *self,
                    HzWorkspaceAddin *addin)
{
  for (guint i = self->pages->len; i > 0; i--)
    {
      ChildInfo *info = g_ptr_array_index (self->pages, i - 1);

      if (info->owner == addin)
        {
          g_debug ("Removing page “%s” its addin left behind", info->name);
          hz_case_workspace_remove_page (HZ_WORKSPACE (self), info->widget);
        }
    }

  for (guint i = self->banners->len; i > 0; i--)
    {
      ChildInfo *info = g_ptr_array_index (self->banners, i - 1);

      if (info->owner == addin)
        hz_case_workspace_remove_banner (HZ_WORKSPACE (self), info->widget);
    }

  for (guint i = self->panels->len; i > 0; i--)
    {
      ChildInfo *info = g_ptr_array_index (self->panels, i - 1);

      if (info->owner == addin)
        hz_case_workspace_remove_panel (HZ_WORKSPACE (self), info->widget);
    }
}

static void
on_addin_added_cb (PeasExtensionSet *set,
                   PeasPluginInfo   *plugin_info,
                   PeasExtension    *exten,
                   gpointer          user_data)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (user_data);
  HzWorkspaceAddin *previous = self->loading_addin;

  g_debug ("Loading workspace addin of plugin “%s”", peas_plugin_info_get_module_name (plugin_info));

  self->loading_addin = HZ_WORKSPACE_ADDIN (exten);
  hz_workspace_addin_load (HZ_WORKSPACE_ADDIN (exten), HZ_WORKSPACE (self));
  self->loading_addin = previous;
}

static void
on_addin_removed_cb (PeasExtensionSet *set,
                     PeasPluginInfo   *plugin_info,
                     PeasExtension    *exten,
                     gpointer          user_data)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (user_data);

  g_debug ("Unloading workspace addin of plugin “%s”", peas_plugin_info_get_module_name (plugin_info));

  hz_workspace_addin_unload (HZ_WORKSPACE_ADDIN (exten), HZ_WORKSPACE (self));
  remove_children_of (self, HZ_WORKSPACE_ADDIN (exten));
}

static void
add_exporter_item (PeasExtensionSet *set,
                   PeasPluginInfo   *plugin_info,
                   PeasExtension    *exten,
                   gpointer          user_data)
{
  GMenu *menu = user_data;
  g_autoptr(GMenuItem) item = NULL;
  const char *title = hz_exporter_get_title (HZ_EXPORTER (exten));

  item = g_menu_item_new (title != NULL ? title : peas_plugin_info_get_name (plugin_info), NULL);
  g_menu_item_set_action_and_target_value (item, "workspace.export",
                                           g_variant_new_string (peas_plugin_info_get_module_name (plugin_info)));
  g_menu_append_item (menu, item);
}

static void
hz_case_workspace_rebuild_export_menu (HzCaseWorkspace *self)
{
  g_menu_remove_all (self->export_submenu);

  if (self->exporters != NULL)
    peas_extension_set_foreach (self->exporters, add_exporter_item, self->export_submenu);

  if (g_menu_model_get_n_items (G_MENU_MODEL (self->export_submenu)) == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Export Formats Enabled"), "workspace.no-exporters");

      g_menu_append_item (self->export_submenu, item);
    }
}

static gboolean
rebuild_export_menu_idle (gpointer user_data)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (user_data);

  self->export_menu_source = 0;
  hz_case_workspace_rebuild_export_menu (self);

  return G_SOURCE_REMOVE;
}

static void
on_exporter_added_cb (PeasExtensionSet *set,
                      PeasPluginInfo   *plugin_info,
                      PeasExtension    *exten,
                      gpointer          user_data)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (user_data);

  hz_exporter_load (HZ_EXPORTER (exten));
  hz_case_workspace_rebuild_export_menu (self);
}

static void
on_exporter_removed_cb (PeasExtensionSet *set,
                        PeasPluginInfo   *plugin_info,
                        PeasExtension    *exten,
                        gpointer          user_data)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (user_data);

  hz_exporter_unload (HZ_EXPORTER (exten));

  /* The set still lists the extension while the signal runs. */
  if (!self->closed && self->export_menu_source == 0)
    self->export_menu_source = g_idle_add (rebuild_export_menu_idle, self);
}

static void
hz_case_workspace_setup_addins (HzCaseWorkspace *self)
{
  PeasEngine *engine = hz_plugin_engine_get_peas (hz_plugin_engine_get_default ());

  self->addins = peas_extension_set_new (engine, HZ_TYPE_WORKSPACE_ADDIN, NULL);
  g_signal_connect (self->addins, "extension-added", G_CALLBACK (on_addin_added_cb), self);
  g_signal_connect (self->addins, "extension-removed", G_CALLBACK (on_addin_removed_cb), self);
  peas_extension_set_foreach (self->addins, on_addin_added_cb, self);

  /* Open on the first page in page order, whichever addin loaded first. */
  if (self->pages->len > 0)
    adw_view_stack_set_visible_child (self->view_stack,
                                      ((ChildInfo *) g_ptr_array_index (self->pages, 0))->widget);

  self->exporters = peas_extension_set_new (engine, HZ_TYPE_EXPORTER, NULL);
  g_signal_connect (self->exporters, "extension-added", G_CALLBACK (on_exporter_added_cb), self);
  g_signal_connect (self->exporters, "extension-removed", G_CALLBACK (on_exporter_removed_cb), self);
  peas_extension_set_foreach (self->exporters, on_exporter_added_cb, self);

  hz_case_workspace_rebuild_export_menu (self);
  hz_case_workspace_update_pages_state (self);
}

static void
unload_addin (PeasExtensionSet *set,
              PeasPluginInfo   *plugin_info,
              PeasExtension    *exten,
              gpointer          user_data)
{
  on_addin_removed_cb (set, plugin_info, exten, user_data);
}

static void
unload_exporter (PeasExtensionSet *set,
                 PeasPluginInfo   *plugin_info,
                 PeasExtension    *exten,
                 gpointer          user_data)
{
  hz_exporter_unload (HZ_EXPORTER (exten));
}

static void
hz_case_workspace_teardown (HzCaseWorkspace *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->export_menu_source, g_source_remove);

  if (self->export_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->export_chooser);
      g_clear_object (&self->export_chooser);
    }

  /* Unload the addins while the case and every widget are alive; then
   * drop the sets so that disposing them does not call back here. */
  if (self->addins != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->addins, self);
      peas_extension_set_foreach (self->addins, unload_addin, self);
      g_clear_object (&self->addins);
    }

  if (self->exporters != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->exporters, self);
      peas_extension_set_foreach (self->exporters, unload_exporter, self);
      g_clear_object (&self->exporters);
    }

  if (self->kase != NULL)
    g_clear_signal_handler (&self->case_changed_handler, self->kase);
}

/* --- loading --------------------------------------------------------------- */

static void
hz_case_workspace_set_state (HzCaseWorkspace *self,
                             const char      *state)
{
  gtk_stack_set_visible_child_name (self->state_stack, state);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (state, "loading"));
  gtk_widget_set_visible (GTK_WIDGET (self->panel_button), g_str_equal (state, "loaded"));
}

static void
case_load_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(HzCaseWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCase) kase = NULL;

  kase = hz_case_load_finish (result, &error);

  if (self->closed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (kase == NULL)
    {
      g_autofree char *title = NULL;

      adw_status_page_set_description (self->error_page, error->message);
      adw_view_switcher_title_set_title (self->switcher_title, _("Could Not Open Case"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, self->case_id);
      hz_case_workspace_set_state (self, "error");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.retry", TRUE);
      return;
    }

  self->kase = g_steal_pointer (&kase);
  self->case_changed_handler =
    g_signal_connect_object (self->kase, "changed",
                             G_CALLBACK (on_case_changed_cb), self,
                             G_CONNECT_SWAPPED);

  hz_case_workspace_update_header (self, NULL);
  hz_case_workspace_set_state (self, "loaded");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.export", TRUE);

  hz_case_workspace_setup_addins (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

void
hz_case_workspace_reload (HzCaseWorkspace *self)
{
  g_return_if_fail (HZ_IS_CASE_WORKSPACE (self));

  if (self->closed || self->kase != NULL || self->store == NULL || self->case_id == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.retry", FALSE);
  adw_view_switcher_title_set_title (self->switcher_title, _("Opening Case"));
  adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
  hz_case_workspace_set_state (self, "loading");

  hz_case_load_async (self->store, self->case_id, self->cancellable,
                      case_load_cb, g_object_ref (self));
}

/* --- export ------------------------------------------------------------------ */

typedef struct
{
  HzCaseWorkspace *self;
  GFile           *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ExportData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (data->file);
  g_autofree char *message = NULL;

  if (!hz_exporter_export_to_file_finish (HZ_EXPORTER (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s is a file name, then the reason */
          message = g_strdup_printf (_("Could not export “%s”: %s"), basename, error->message);
        }
    }
  else
    {
      /* Translators: %s is a file name */
      message = g_strdup_printf (_("Exported “%s”"), basename);
    }

  if (message != NULL && !data->self->closed)
    {
      if (error != NULL)
        hz_shell_show_error_toast (GTK_WIDGET (data->self), message);
      else
        hz_shell_show_toast (GTK_WIDGET (data->self), message);
    }

  export_data_free (data);
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       gpointer         user_data)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (user_data);
  HzExporter *exporter = g_object_get_data (G_OBJECT (chooser), "hz-exporter");
  g_autoptr(GFile) file = NULL;
  ExportData *data;

  if (response == GTK_RESPONSE_ACCEPT && exporter != NULL && self->kase != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL)
    {
      data = g_new0 (ExportData, 1);
      data->self = g_object_ref (self);
      data->file = g_object_ref (file);

      hz_exporter_export_to_file_async (exporter, self->kase, file, self->cancellable,
                                        export_cb, data);
    }

  if (self->export_chooser == chooser)
    {
      gtk_native_dialog_destroy (chooser);
      g_clear_object (&self->export_chooser);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (widget);
  const char *module_name = g_variant_get_string (param, NULL);
  PeasEngine *engine = hz_plugin_engine_get_peas (hz_plugin_engine_get_default ());
  PeasPluginInfo *plugin_info;
  PeasExtension *exten;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *current_name = NULL;
  g_autofree char *pattern = NULL;
  GtkFileChooserNative *chooser;
  GtkRoot *root;
  const char *extension;
  const char *content_type;

  if (self->exporters == NULL || self->kase == NULL)
    return;

  plugin_info = peas_engine_get_plugin_info (engine, module_name);
  exten = plugin_info != NULL ? peas_extension_set_get_extension (self->exporters, plugin_info) : NULL;
  if (exten == NULL)
    return;

  if (self->export_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->export_chooser);
      g_clear_object (&self->export_chooser);
    }

  root = gtk_widget_get_root (widget);
  chooser = gtk_file_chooser_native_new (_("Export Case"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  extension = hz_exporter_get_file_extension (HZ_EXPORTER (exten));
  content_type = hz_exporter_get_content_type (HZ_EXPORTER (exten));

  {
    g_autofree char *name = g_strdup (hz_case_get_patient_name (self->kase));

    g_strdelimit (name, "/\\:", '-');
    if (extension != NULL)
      current_name = g_strdup_printf ("%s.%s", name, extension[0] == '.' ? extension + 1 : extension);
    else
      current_name = g_steal_pointer (&name);
  }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, hz_exporter_get_title (HZ_EXPORTER (exten)));
  if (content_type != NULL)
    gtk_file_filter_add_mime_type (filter, content_type);
  if (extension != NULL)
    {
      pattern = g_strdup_printf ("*.%s", extension[0] == '.' ? extension + 1 : extension);
      gtk_file_filter_add_pattern (filter, pattern);
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_object_set_data_full (G_OBJECT (chooser), "hz-exporter", g_object_ref (exten), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), self);

  self->export_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->export_chooser);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  hz_case_workspace_reload (HZ_CASE_WORKSPACE (widget));
}

static void
toggle_panel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  hz_case_workspace_toggle_panel (HZ_CASE_WORKSPACE (widget));
}

/* --- keys ------------------------------------------------------------------ */

/* Moves the keyboard focus into the visible page; FALSE if it has nothing
 * focusable. */
static gboolean
hz_case_workspace_focus_page (HzCaseWorkspace *self)
{
  GtkWidget *page;

  page = adw_view_stack_get_visible_child (self->view_stack);
  if (page == NULL || !gtk_widget_get_visible (page))
    return FALSE;

  /* A page says where its focus goes (grab_focus), else its first
   * focusable widget */
  return gtk_widget_grab_focus (page) || gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

/* A shortcut (Ctrl or Alt and a key) pressed with the focus in the side
 * panel or the header, that nothing there took: the visible page's own
 * shortcuts get it (the timeline's Ctrl+T, Ctrl+G, Ctrl+F...), then the
 * window's (Ctrl+F searches the case list when the page has no search). */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   HzCaseWorkspace       *self)
{
  GtkWidget *page = adw_view_stack_get_visible_child (self->view_stack);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (page == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0)
    return FALSE;

  /* From inside the page the key went through it already */
  if (focus != NULL && (focus == page || gtk_widget_is_ancestor (focus, page)))
    return FALSE;

  return gtk_event_controller_key_forward (controller, page);
}

/* --- GObject --------------------------------------------------------------- */

static void
hz_case_workspace_constructed (GObject *object)
{
  HzCaseWorkspace *self = (HzCaseWorkspace *)object;

  G_OBJECT_CLASS (hz_case_workspace_parent_class)->constructed (object);

  hz_case_workspace_reload (self);
}

static void
hz_case_workspace_dispose (GObject *object)
{
  HzCaseWorkspace *self = (HzCaseWorkspace *)object;

  self->closed = TRUE;
  hz_case_workspace_teardown (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), HZ_TYPE_CASE_WORKSPACE);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->panels, g_ptr_array_unref);
  g_clear_pointer (&self->banners, g_ptr_array_unref);
  g_clear_pointer (&self->flag_rows, g_hash_table_unref);
  g_clear_pointer (&self->flag_order, g_ptr_array_unref);
  g_clear_object (&self->kase);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hz_case_workspace_parent_class)->dispose (object);
}

static void
hz_case_workspace_finalize (GObject *object)
{
  HzCaseWorkspace *self = (HzCaseWorkspace *)object;

  g_free (self->case_id);

  G_OBJECT_CLASS (hz_case_workspace_parent_class)->finalize (object);
}

static void
hz_case_workspace_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CASE_ID:
      g_value_set_string (value, self->case_id);
      break;

    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->kase != NULL);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_case_workspace_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HzCaseWorkspace *self = HZ_CASE_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_CASE_ID:
      self->case_id = g_value_dup_string (value);
      break;

    case PROP_SHOW_BACK_BUTTON:
      if (self->show_back_button != g_value_get_boolean (value))
        {
          self->show_back_button = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_case_workspace_class_init (HzCaseWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hz_case_workspace_constructed;
  object_class->dispose = hz_case_workspace_dispose;
  object_class->finalize = hz_case_workspace_finalize;
  object_class->get_property = hz_case_workspace_get_property;
  object_class->set_property = hz_case_workspace_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HZ_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CASE_ID] =
    g_param_spec_string ("case-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         HZ_TYPE_CASE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/huizhen/Huizhen/hz-case-workspace.ui");
  gtk_widget_class_bind_template_child (widget_class, HzCaseWorkspace, box);
  gtk_widget_class_bind_template_child (widget_class, HzCaseWorkspace, header_bar);
  gtk_widget_class_bind_template_child (widget_class, HzCaseWorkspace, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, HzCaseWorkspace, panel_button);
  gtk_widget_class_bind_template_child (widget_class, HzCaseWorkspace, case_menu_button);
  gtk_widget_class_bind_template_child (widget_class, HzCaseWorkspace, state_stack);
  gtk_widget_class_bind_template_child (widget_class, HzCaseWorkspace, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, HzCaseWorkspace, error_page);
  gtk_widget_class_bind_template_child (widget_class, HzCaseWorkspace, flap);
  gtk_widget_class_bind_template_child (widget_class, HzCaseWorkspace, pages_stack);
  gtk_widget_class_bind_template_child (widget_class, HzCaseWorkspace, view_stack);
  gtk_widget_class_bind_template_child (widget_class, HzCaseWorkspace, patient_header);
  gtk_widget_class_bind_template_child (widget_class, HzCaseWorkspace, panels_box);
  gtk_widget_class_bind_template_child (widget_class, HzCaseWorkspace, banners_box);
  gtk_widget_class_bind_template_child (widget_class, HzCaseWorkspace, export_submenu);

  gtk_widget_class_install_action (widget_class, "workspace.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "workspace.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "workspace.toggle-panel", NULL, toggle_panel_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hzcaseworkspace");
}

static void
hz_case_workspace_init (HzCaseWorkspace *self)
{
  self->pages = g_ptr_array_new_with_free_func (child_info_free);
  self->panels = g_ptr_array_new_with_free_func (child_info_free);
  self->banners = g_ptr_array_new_with_free_func (child_info_free);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  hz_case_workspace_build_header (self);

  gtk_widget_set_name (GTK_WIDGET (self), "case-workspace");

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_static_name (keys, "hz-page-shortcuts");
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.retry", FALSE);

  hz_case_workspace_rebuild_export_menu (self);
}

GtkWidget *
hz_case_workspace_new (HzStore    *store,
                       const char *case_id)
{
  g_return_val_if_fail (HZ_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return g_object_new (HZ_TYPE_CASE_WORKSPACE,
                       "store", store,
                       "case-id", case_id,
                       NULL);
}

const char *
hz_case_workspace_get_case_id (HzCaseWorkspace *self)
{
  g_return_val_if_fail (HZ_IS_CASE_WORKSPACE (self), NULL);

  return self->case_id;
}

HzCase *
hz_case_workspace_get_case (HzCaseWorkspace *self)
{
  g_return_val_if_fail (HZ_IS_CASE_WORKSPACE (self), NULL);

  return self->kase;
}

gboolean
hz_case_workspace_get_loaded (HzCaseWorkspace *self)
{
  g_return_val_if_fail (HZ_IS_CASE_WORKSPACE (self), FALSE);

  return self->kase != NULL;
}

AdwViewStack *
hz_case_workspace_get_view_stack (HzCaseWorkspace *self)
{
  g_return_val_if_fail (HZ_IS_CASE_WORKSPACE (self), NULL);

  return self->view_stack;
}

void
hz_case_workspace_toggle_panel (HzCaseWorkspace *self)
{
  g_return_if_fail (HZ_IS_CASE_WORKSPACE (self));

  if (self->kase == NULL)
    return;

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

gboolean
hz_case_workspace_show_page_index (HzCaseWorkspace *self,
                                   guint            index)
{
  g_return_val_if_fail (HZ_IS_CASE_WORKSPACE (self), FALSE);

  if (index >= self->pages->len)
    return FALSE;

  adw_view_stack_set_visible_child (self->view_stack,
                                    ((ChildInfo *) g_ptr_array_index (self->pages, index))->widget);
  /* Alt+N: keys typed next are for the page now shown, not for the one
   * that was hidden with the focus still in it */
  hz_case_workspace_focus_page (self);

  return TRUE;
}

guint
hz_case_workspace_get_n_pages (HzCaseWorkspace *self)
{
  g_return_val_if_fail (HZ_IS_CASE_WORKSPACE (self), 0);

  return self->pages->len;
}

void
hz_case_workspace_close (HzCaseWorkspace *self)
{
  g_return_if_fail (HZ_IS_CASE_WORKSPACE (self));

  if (self->closed)
    return;

  self->closed = TRUE;
  hz_case_workspace_teardown (self);
}
