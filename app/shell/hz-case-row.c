/* hz-case-row.c — one row of the case list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-case-row.h"
#include "hz-shell-utils.h"

struct _HzCaseRow
{
  GtkWidget      parent_instance;

  HzCaseSummary *summary;

  GtkWidget     *box;
  GtkBox        *title_box;
  GtkLabel      *name_label;
  GtkLabel      *ga_label;
  GtkLabel      *organization_label;
  GtkLabel      *next_action_label;
  GtkWidget     *badge;
  GtkWidget     *demo_badge;
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

static void
hz_case_row_update (HzCaseRow *self)
{
  g_autofree char *ga = NULL;
  g_autofree char *next = NULL;
  HzDating dating;
  GDate today;

  if (self->summary == NULL)
    {
      set_label (self->name_label, NULL);
      set_label (self->ga_label, NULL);
      set_label (self->organization_label, NULL);
      set_label (self->next_action_label, NULL);
      gtk_widget_set_visible (self->badge, FALSE);
      gtk_widget_set_visible (self->demo_badge, FALSE);
      return;
    }

  hz_ga_get_today (&today);
  hz_shell_summary_get_dating (self->summary, &dating);
  ga = hz_shell_format_ga (&dating, &today);

  gtk_label_set_text (self->name_label, hz_case_summary_get_patient_name (self->summary));
  gtk_widget_set_visible (GTK_WIDGET (self->name_label), TRUE);
  set_label (self->ga_label, ga);
  set_label (self->organization_label, hz_case_summary_get_organization (self->summary));

  if (hz_case_summary_get_next_action (self->summary) != NULL)
    {
      /* Translators: the next due task or appointment of a case, in the case list */
      next = g_strdup_printf (_("Next: %s"), hz_case_summary_get_next_action (self->summary));
    }
  set_label (self->next_action_label, next);

  hz_ui_risk_badge_update (self->badge,
                           hz_case_summary_get_risk (self->summary),
                           hz_case_summary_get_infectious (self->summary));
  gtk_widget_set_visible (self->badge, TRUE);
  gtk_widget_set_visible (self->demo_badge, hz_case_summary_get_demo (self->summary));
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
  gtk_widget_class_bind_template_child (widget_class, HzCaseRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, HzCaseRow, ga_label);
  gtk_widget_class_bind_template_child (widget_class, HzCaseRow, organization_label);
  gtk_widget_class_bind_template_child (widget_class, HzCaseRow, next_action_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hzcaserow");
}

static void
hz_case_row_init (HzCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->demo_badge = hz_ui_demo_badge_new ();
  gtk_widget_set_visible (self->demo_badge, FALSE);
  gtk_box_append (self->title_box, self->demo_badge);
  self->badge = hz_ui_risk_badge_new (HZ_RISK_UNKNOWN, FALSE);
  gtk_widget_set_valign (self->badge, GTK_ALIGN_CENTER);
  gtk_box_append (self->title_box, self->badge);

  watch_ellipsized (self->name_label);
  watch_ellipsized (self->ga_label);
  watch_ellipsized (self->organization_label);
  watch_ellipsized (self->next_action_label);

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
