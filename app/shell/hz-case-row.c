/* hz-case-row.c — one row of the case list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-case-row.h"
#include "hz-shell-utils.h"

struct _HzCaseRow
{
  GtkWidget      parent_instance;

  HzCaseSummary *summary;

  GtkWidget     *box;
  GtkBox        *title_box;
  GtkBox        *identity_box;
  GtkLabel      *name_label;
  GtkLabel      *ga_label;
  GtkLabel      *organization_label;
  GtkLabel      *next_action_label;
  GtkWidget     *badge;
  GtkWidget     *demo_badge;
  GtkWidget     *alert_badge;
};

G_DEFINE_FINAL_TYPE (HzCaseRow, hz_case_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rows' labels end in "…" when the list is narrow: the whole text is
 * then the tooltip (only then, so that short lines show none). */
static gboolean
on_label_query_tooltip_cb (GtkLabel   *label,
                           int         x,
                           int         y,
                           gboolean    keyboard_mode,
                           GtkTooltip *tooltip,
                           gpointer    user_data)
{
  PangoLayout *layout = gtk_label_get_layout (label);

  if (layout == NULL || !pango_layout_is_ellipsized (layout))
    return FALSE;

  gtk_tooltip_set_text (tooltip, gtk_label_get_text (label));
  return TRUE;
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
watch_ellipsized (GtkLabel *label)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (label), TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_label_query_tooltip_cb), NULL);
}

/* "孕 24+3 周 · 预产期 2027-03-01", "产后第 14 天 · 分娩 2026-11-19" */
static char *
format_pregnancy (HzCaseSummary *summary)
{
  g_autofree char *ga = NULL;
  g_autofree char *day = NULL;
  HzDating dating;
  GDate today;

  hz_ga_get_today (&today);
  hz_shell_summary_get_dating (summary, &dating);
  ga = hz_shell_format_ga (&dating, &today, hz_case_summary_get_preconception (summary));

  if (dating.delivered && g_date_valid (&dating.delivery_date))
    {
      day = hz_ui_format_gdate (&dating.delivery_date);
      /* Translators: in the case list: the postpartum day, then the date of delivery */
      return g_strdup_printf (_("%s · delivered %s"), ga, day);
    }
  if (dating.method != HZ_DATING_NONE && g_date_valid (&dating.edd))
    {
      day = hz_ui_format_gdate (&dating.edd);
      /* Translators: in the case list: the gestational age, then the EDD */
      return g_strdup_printf (_("%s · EDD %s"), ga, day);
    }

  return g_steal_pointer (&ga);
}

/* "病历号 MRN-0001 · 市妇幼保健院", or the ID card's last four characters */
static char *
format_identity (HzCaseSummary *summary)
{
  const char *mrn = hz_case_summary_get_mrn (summary);
  const char *card = hz_case_summary_get_id_card (summary);
  const char *organization = hz_case_summary_get_organization (summary);
  g_autofree char *id = NULL;

  if (mrn != NULL && *mrn != '\0')
    /* Translators: medical record number, in the case list */
    id = g_strdup_printf (_("MRN %s"), mrn);
  else if (card != NULL && *card != '\0')
    {
      g_autofree char *masked = hz_ui_mask_id_card (card);

      /* Translators: the resident ID card (居民身份证) with all but its last four characters hidden */
      id = g_strdup_printf (_("ID card %s"), masked);
    }

  if (id != NULL && organization != NULL && *organization != '\0')
    return g_strdup_printf ("%s · %s", id, organization);
  if (id != NULL)
    return g_steal_pointer (&id);
  return g_strdup (organization);
}

/* "下一步：NT 检查 · 2026-12-05", with 已逾期 when what it was due by is past */
static char *
format_next_action (HzCaseSummary *summary)
{
  const char *text = hz_case_summary_get_next_action (summary);
  const char *when = hz_case_summary_get_next_action_date (summary);
  g_autofree char *date = NULL;
  GDate day, due, today;

  if (text == NULL)
    return NULL;

  date = hz_fhir_get_display_time (when, &day, NULL, NULL, NULL) ? hz_ui_format_gdate (&day) : NULL;
  if (date == NULL)
    /* Translators: the next due task or appointment of a case, in the case list */
    return g_strdup_printf (_("Next: %s"), text);

  /* overdue: only a due date (an appointment, a deadline) that is past;
   * a referral under way since that day is not late */
  hz_ga_get_today (&today);
  if (hz_fhir_get_display_time (hz_case_summary_get_next_action_due (summary), &due, NULL, NULL, NULL) &&
      g_date_compare (&due, &today) < 0)
    /* Translators: the next task of a case, its date, and that the date is past (逾期) */
    return g_strdup_printf (_("Next: %s · %s (overdue)"), text, date);

  /* Translators: the next task or appointment of a case and its date */
  return g_strdup_printf (_("Next: %s · %s"), text, date);
}

static void
hz_case_row_update (HzCaseRow *self)
{
  g_autofree char *pregnancy = NULL;
  g_autofree char *identity = NULL;
  g_autofree char *next = NULL;
  g_autofree char *accessible = NULL;
  const char *risk;

  if (self->summary == NULL)
    {
      set_label (self->name_label, NULL);
      set_label (self->ga_label, NULL);
      set_label (self->organization_label, NULL);
      set_label (self->next_action_label, NULL);
      gtk_widget_set_visible (self->badge, FALSE);
      gtk_widget_set_visible (self->demo_badge, FALSE);
      gtk_widget_set_visible (self->alert_badge, FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  pregnancy = format_pregnancy (self->summary);
  identity = format_identity (self->summary);
  next = format_next_action (self->summary);

  gtk_label_set_text (self->name_label, hz_case_summary_get_patient_name (self->summary));
  gtk_widget_set_visible (GTK_WIDGET (self->name_label), TRUE);
  set_label (self->ga_label, pregnancy);
  set_label (self->organization_label, identity);
  set_label (self->next_action_label, next);

  hz_ui_risk_badge_update (self->badge,
                           hz_case_summary_get_risk (self->summary),
                           hz_case_summary_get_infectious (self->summary));
  gtk_widget_set_visible (self->badge, TRUE);
  gtk_widget_set_visible (self->demo_badge, hz_case_summary_get_demo (self->summary));
  gtk_widget_set_visible (self->alert_badge, hz_case_summary_get_alert (self->summary));

  /* What the row says, for a screen reader: name, GA or postpartum day,
   * risk (and purple), the next action */
  risk = hz_risk_colour_get_display_name (hz_case_summary_get_risk (self->summary));
  {
    GString *text = g_string_new (hz_case_summary_get_patient_name (self->summary));

    /* Translators: the separator of the parts of a case row read aloud */
    const char *sep = C_("read aloud", ", ");

    if (hz_case_summary_get_demo (self->summary))
      g_string_append_printf (text, "%s%s", sep, C_("badge", "Demo"));
    if (hz_case_summary_get_alert (self->summary))
      g_string_append_printf (text, "%s%s", sep, C_("alert", "Self-harm risk"));
    if (pregnancy != NULL)
      g_string_append_printf (text, "%s%s", sep, pregnancy);
    g_string_append (text, sep);
    /* Translators: read aloud in a case row, %s is the colour name */
    g_string_append_printf (text, _("risk %s"), risk != NULL ? risk : _("Not graded"));
    if (hz_case_summary_get_infectious (self->summary))
      g_string_append_printf (text, "%s%s", sep, C_("risk badge", "Purple · infectious"));
    if (identity != NULL)
      g_string_append_printf (text, "%s%s", sep, identity);
    if (next != NULL)
      g_string_append_printf (text, "%s%s", sep, next);
    accessible = g_string_free (text, FALSE);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
hz_case_row_dispose (GObject *object)
{
  HzCaseRow *self = (HzCaseRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HZ_TYPE_CASE_ROW);
  g_clear_object (&self->summary);

  G_OBJECT_CLASS (hz_case_row_parent_class)->dispose (object);
}

static void
hz_case_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HzCaseRow *self = HZ_CASE_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_object (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_case_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  HzCaseRow *self = HZ_CASE_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      hz_case_row_set_summary (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_case_row_class_init (HzCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_case_row_dispose;
  object_class->get_property = hz_case_row_get_property;
  object_class->set_property = hz_case_row_set_property;

  properties[PROP_SUMMARY] =
    g_param_spec_object ("summary", NULL, NULL,
                         HZ_TYPE_CASE_SUMMARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/huizhen/Huizhen/hz-case-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HzCaseRow, box);
  gtk_widget_class_bind_template_child (widget_class, HzCaseRow, title_box);
  gtk_widget_class_bind_template_child (widget_class, HzCaseRow, identity_box);
  gtk_widget_class_bind_template_child (widget_class, HzCaseRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, HzCaseRow, ga_label);
  gtk_widget_class_bind_template_child (widget_class, HzCaseRow, organization_label);
  gtk_widget_class_bind_template_child (widget_class, HzCaseRow, next_action_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hzcaserow");
  /* read as one thing, by what it says (hz_case_row_update()) */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* A row drags its case, as the HzCaseSummary it shows (within the app:
 * the MDT agenda takes it, docs/plugins.md) */
static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 HzCaseRow     *self)
{
  if (self->summary == NULL || hz_case_summary_get_patient_id (self->summary) == NULL)
    return NULL;
  gtk_drag_source_set_icon (source, gtk_widget_paintable_new (GTK_WIDGET (self->name_label)), 0, 0);
  return gdk_content_provider_new_typed (HZ_TYPE_CASE_SUMMARY, self->summary);
}

static void
hz_case_row_init (HzCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->demo_badge = hz_ui_demo_badge_new ();
  gtk_widget_set_visible (self->demo_badge, FALSE);
  /* on the identity line: the name keeps the width beside the risk badges */
  gtk_box_prepend (self->identity_box, self->demo_badge);
  self->badge = hz_ui_risk_badge_new (HZ_RISK_UNKNOWN, FALSE);
  gtk_widget_set_valign (self->badge, GTK_ALIGN_CENTER);
  gtk_box_append (self->title_box, self->badge);
  /* the urgent alert before the grade: read first */
  self->alert_badge = hz_ui_alert_badge_new ();
  gtk_widget_set_visible (self->alert_badge, FALSE);
  gtk_box_insert_child_after (self->title_box, self->alert_badge, GTK_WIDGET (self->name_label));

  watch_ellipsized (self->name_label);
  watch_ellipsized (self->ga_label);
  watch_ellipsized (self->organization_label);
  watch_ellipsized (self->next_action_label);

  {
    GtkDragSource *drag = gtk_drag_source_new ();

    gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
    g_signal_connect_object (drag, "prepare", G_CALLBACK (on_drag_prepare), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  }

  hz_case_row_update (self);
}

GtkWidget *
hz_case_row_new (void)
{
  return g_object_new (HZ_TYPE_CASE_ROW, NULL);
}

HzCaseSummary *
hz_case_row_get_summary (HzCaseRow *self)
{
  g_return_val_if_fail (HZ_IS_CASE_ROW (self), NULL);

  return self->summary;
}

void
hz_case_row_set_summary (HzCaseRow     *self,
                         HzCaseSummary *summary)
{
  g_return_if_fail (HZ_IS_CASE_ROW (self));
  g_return_if_fail (!summary || HZ_IS_CASE_SUMMARY (summary));

  if (g_set_object (&self->summary, summary))
    {
      hz_case_row_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }
}
