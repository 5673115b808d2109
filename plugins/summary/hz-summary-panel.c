/* hz-summary-panel.c — side panel of a case workspace: why she has her risk grade
 *
 * The patient header above it (the shell's) shows the current five-colour
 * grade, when it was made and the active flags; this panel adds what the
 * grading was based on and who graded, and nothing the header says. Its
 * labels are made once and their texts follow the case's RiskAssessments.
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
  GtkLabel  *factors_label;
  GtkLabel  *graded_label;
};

G_DEFINE_FINAL_TYPE (HzSummaryPanel, hz_summary_panel, GTK_TYPE_WIDGET)

static void
set_text (GtkLabel   *label,
          const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (label), text != NULL ? text : "") != 0)
    gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
hz_summary_panel_update (HzSummaryPanel *self)
{
  GListModel *gradings = hz_case_get_resources (self->kase, "RiskAssessment");
  HzResource *risk = NULL;
  g_autofree char *factors = NULL;
  g_autofree char *by = NULL;
  g_autofree char *history = NULL;
  g_autofree char *graded = NULL;
  const char *performer = NULL;
  guint n_gradings = 0;

  hz_risk_get_current (gradings, &risk);

  /* The history counts the gradings that stand (not entered in error or
   * cancelled, with a colour): the same rule that picks the current one. */
  for (guint i = 0; i < g_list_model_get_n_items (gradings); i++)
    {
      g_autoptr(HzResource) grading = g_list_model_get_item (gradings, i);

      if (hz_risk_assessment_counts (hz_resource_get_value (grading)))
        n_gradings++;
    }

  if (risk != NULL)
    {
      factors = hz_summary_risk_factors (risk);
      performer = hz_jv_get_path_string (hz_resource_get_value (risk), "performer.display");
    }

  if (performer != NULL)
    /* Translators: who made the current five-colour risk grading */
    by = g_strdup_printf (_("Graded by %s"), performer);
  if (n_gradings > 1)
    history = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u grading in the history",
                                            "%u gradings in the history", n_gradings),
                               n_gradings);
  if (by != NULL && history != NULL)
    /* Translators: who graded · how many gradings there were */
    graded = g_strdup_printf (_("%s · %s"), by, history);
  else
    graded = g_strdup (by != NULL ? by : history);

  set_text (self->factors_label, factors);
  set_text (self->graded_label, graded);

  /* Nothing to add to the header's "No risk grading recorded" */
  gtk_widget_set_visible (GTK_WIDGET (self), factors != NULL || graded != NULL);
}

static void
on_case_changed (HzCase             *kase,
                 const char * const *resource_types,
                 HzSummaryPanel     *self)
{
  if (resource_types == NULL || g_strv_contains (resource_types, "RiskAssessment"))
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

static GtkLabel *
wrapping_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);

  return GTK_LABEL (label);
}

static void
hz_summary_panel_init (HzSummaryPanel *self)
{
  GtkWidget *heading;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  heading = gtk_label_new (_("Grading basis"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_box_append (GTK_BOX (self->box), heading);

  self->factors_label = wrapping_label ();
  gtk_widget_set_name (GTK_WIDGET (self->factors_label), "summary-risk-factors");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->factors_label));

  self->graded_label = wrapping_label ();
  gtk_widget_add_css_class (GTK_WIDGET (self->graded_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->graded_label), "caption");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->graded_label));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Grading basis"),
                                  -1);
}

/**
 * hz_summary_panel_new:
 * @kase: the case to show
 *
 * Returns: (transfer floating): a panel showing what the current risk
 *   grading of @kase was based on and who graded, kept up to date
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
