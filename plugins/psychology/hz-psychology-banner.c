/* hz-psychology-banner.c — the urgent self-harm alert, above every page of the case
 *
 * Shown while the case has an active self-harm-risk Flag, whichever page
 * is on show: what it says, since when, the same-day referral it calls
 * for, and the staff action that closes it (with a confirmation).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-psychology"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-psychology-private.h"

struct _HzPsychologyBanner
{
  GtkWidget    parent_instance;

  HzCase      *kase;
  HzWorkspace *workspace;   /* not owned: it owns the banner */
  gulong       changed_id;

  GtkWidget   *box;
  GtkLabel    *title;
  GtkLabel    *detail;
};

G_DEFINE_FINAL_TYPE (HzPsychologyBanner, hz_psychology_banner, GTK_TYPE_WIDGET)

static void
hz_psychology_banner_update (HzPsychologyBanner *self)
{
  HzResource *flag = hz_screening_find_open_alert (self->kase);
  g_autofree char *since = NULL;
  g_autofree char *detail = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), flag != NULL);
  if (flag == NULL)
    return;

  gtk_label_set_text (self->title, hz_resource_get_title (flag));
  since = hz_fhir_format_date_time (hz_jv_get_path_string (hz_resource_get_value (flag), "period.start"));
  /* Translators: under the urgent alert: since when, and what it calls for */
  detail = g_strdup_printf (_("Since %s · %s"), since != NULL ? since : "",
                            hz_scale_alert_get_display_name (HZ_SCALE_ALERT_SELF_HARM));
  gtk_label_set_text (self->detail, detail);
}

static void
on_case_changed_cb (HzCase             *kase,
                    const char * const *types,
                    HzPsychologyBanner *self)
{
  if (types == NULL || g_strv_contains (types, "Flag"))
    hz_psychology_banner_update (self);
}

static void
on_show_clicked_cb (GtkButton          *button,
                    HzPsychologyBanner *self)
{
  if (self->workspace != NULL)
    hz_workspace_show_page (self->workspace, "psychology");
}

static void
on_close_clicked_cb (GtkButton          *button,
                     HzPsychologyBanner *self)
{
  hz_psychology_close_alert (GTK_WIDGET (self), self->kase);
}

static void
hz_psychology_banner_dispose (GObject *object)
{
  HzPsychologyBanner *self = HZ_PSYCHOLOGY_BANNER (object);

  g_clear_signal_handler (&self->changed_id, self->kase);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (hz_psychology_banner_parent_class)->dispose (object);
}

static void
hz_psychology_banner_class_init (HzPsychologyBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_psychology_banner_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
hz_psychology_banner_init (HzPsychologyBanner *self)
{
  GtkWidget *icon;
  GtkWidget *texts;
  GtkWidget *show;
  GtkWidget *close;

  gtk_widget_set_name (GTK_WIDGET (self), "self-harm-banner");
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->box, "alert-banner");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_box_append (GTK_BOX (self->box), icon);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->title), "self-harm-banner-title");
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_wrap (self->title, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  self->detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->detail, 0);
  gtk_label_set_wrap (self->detail, TRUE);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->detail));
  gtk_box_append (GTK_BOX (self->box), texts);

  show = gtk_button_new_with_mnemonic (_("_Psychology Page"));
  gtk_widget_set_valign (show, GTK_ALIGN_CENTER);
  gtk_widget_set_name (show, "self-harm-banner-show");
  g_signal_connect (show, "clicked", G_CALLBACK (on_show_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), show);

  close = gtk_button_new_with_mnemonic (_("_Close Alert…"));
  gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
  gtk_widget_set_name (close, "self-harm-banner-close");
  g_signal_connect (close, "clicked", G_CALLBACK (on_close_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), close);
}

GtkWidget *
hz_psychology_banner_new (HzCase      *kase,
                          HzWorkspace *workspace)
{
  HzPsychologyBanner *self;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  self = g_object_new (HZ_TYPE_PSYCHOLOGY_BANNER, NULL);
  self->kase = g_object_ref (kase);
  self->workspace = workspace;
  self->changed_id = g_signal_connect (kase, "changed", G_CALLBACK (on_case_changed_cb), self);
  hz_psychology_banner_update (self);

  return GTK_WIDGET (self);
}
