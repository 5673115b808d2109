/* hz-summary-panel.c — side panel of a case workspace: risk grade and active flags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-summary-private.h"

struct _HzSummaryPanel
{
  GtkWidget  parent_instance;

  HzCase    *kase;
  gulong     changed_handler;

  GtkWidget *box;
  GtkWidget *badge;
  GtkWidget *flags_box;
};

G_DEFINE_FINAL_TYPE (HzSummaryPanel, hz_summary_panel, GTK_TYPE_WIDGET)

static void
hz_summary_panel_update (HzSummaryPanel *self)
{
  HzRiskColour colour = hz_risk_get_current (hz_case_get_resources (self->kase, "RiskAssessment"), NULL);
  g_autoptr(GPtrArray) flags = hz_summary_active_flags (self->kase);
  GtkWidget *child;

  hz_ui_risk_badge_update (self->badge, colour,
                           hz_risk_get_infectious (hz_case_get_resources (self->kase, "Flag")));

  while ((child = gtk_widget_get_first_child (self->flags_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->flags_box), child);

  for (guint i = 0; i < flags->len; i++)
    {
      HzResource *flag = g_ptr_array_index (flags, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-important-symbolic");
      GtkWidget *label = gtk_label_new (hz_resource_get_title (flag));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      if (hz_risk_flag_is_purple (hz_resource_get_value (flag)))
        {
          gtk_widget_add_css_class (icon, "risk-purple");
          gtk_widget_set_tooltip_text (icon, _("Infectious disease"));
        }
      else
        gtk_widget_add_css_class (icon, "warning");

      gtk_box_append (GTK_BOX (row), icon);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (self->flags_box), row);
    }

  if (flags->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No active flags"));

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (self->flags_box), label);
    }
}

static void
on_case_changed (HzCase             *kase,
                 const char * const *resource_types,
                 HzSummaryPanel     *self)
{
  hz_summary_panel_update (self);
}

static void
hz_summary_panel_dispose (GObject *object)
{
  HzSummaryPanel *self = (HzSummaryPanel *)object;

  g_clear_signal_handler (&self->changed_handler, self->kase);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (hz_summary_panel_parent_class)->dispose (object);
}

static void
hz_summary_panel_class_init (HzSummaryPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_summary_panel_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hzsummarypanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hz_summary_panel_init (HzSummaryPanel *self)
{
  GtkWidget *heading;
  GtkWidget *risk_row;
  GtkWidget *risk_label;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  risk_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  risk_label = gtk_label_new (_("Risk grade"));
  gtk_widget_add_css_class (risk_label, "heading");
  gtk_widget_set_hexpand (risk_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (risk_label), 0.0);
  self->badge = hz_ui_risk_badge_new (HZ_RISK_UNKNOWN, FALSE);
  gtk_box_append (GTK_BOX (risk_row), risk_label);
  gtk_box_append (GTK_BOX (risk_row), self->badge);
  gtk_box_append (GTK_BOX (self->box), risk_row);

  heading = gtk_label_new (_("Active flags"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_box_append (GTK_BOX (self->box), heading);

  self->flags_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_box_append (GTK_BOX (self->box), self->flags_box);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Risk grade and active flags"),
                                  -1);
}

/**
 * hz_summary_panel_new:
 * @kase: the case to show
 *
 * Returns: (transfer floating): a panel showing the latest risk grade and
 *   the active flags of @kase, kept up to date
 */
GtkWidget *
hz_summary_panel_new (HzCase *kase)
{
  HzSummaryPanel *self;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  self = g_object_new (HZ_TYPE_SUMMARY_PANEL, NULL);
  self->kase = g_object_ref (kase);
  self->changed_handler = g_signal_connect (kase, "changed",
                                            G_CALLBACK (on_case_changed), self);
  hz_summary_panel_update (self);

  return GTK_WIDGET (self);
}
