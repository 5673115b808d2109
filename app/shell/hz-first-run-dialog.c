/* hz-first-run-dialog.c — asks who is using this workstation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-actor-group.h"
#include "hz-first-run-dialog.h"

struct _HzFirstRunDialog
{
  AdwWindow     parent_instance;

  HzActorGroup *actor_group;
  GtkButton    *continue_button;

  guint         completed : 1;
};

G_DEFINE_FINAL_TYPE (HzFirstRunDialog, hz_first_run_dialog, ADW_TYPE_WINDOW)

enum {
  COMPLETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_continue (HzFirstRunDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "first-run.continue",
                                 hz_actor_group_get_valid (self->actor_group));
}

static void
on_valid_changed_cb (HzFirstRunDialog *self,
                     GParamSpec       *pspec,
                     HzActorGroup     *group)
{
  update_continue (self);
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  HzFirstRunDialog *self = HZ_FIRST_RUN_DIALOG (widget);
  g_autoptr(HzActor) actor = NULL;

  if (self->completed || !hz_actor_group_get_valid (self->actor_group))
    return;

  actor = hz_actor_group_dup_actor (self->actor_group);
  self->completed = TRUE;

  g_signal_emit (self, signals[COMPLETED], 0, actor);

  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
hz_first_run_dialog_close_request (GtkWindow *window)
{
  HzFirstRunDialog *self = HZ_FIRST_RUN_DIALOG (window);

  /* Nothing can be opened without knowing who opens it: stay until the
   * user continues (Ctrl+Q still quits the application). */
  if (!self->completed)
    return TRUE;

  return GTK_WINDOW_CLASS (hz_first_run_dialog_parent_class)->close_request (window);
}

static void
hz_first_run_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HZ_TYPE_FIRST_RUN_DIALOG);

  G_OBJECT_CLASS (hz_first_run_dialog_parent_class)->dispose (object);
}

static void
hz_first_run_dialog_class_init (HzFirstRunDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hz_first_run_dialog_dispose;
  window_class->close_request = hz_first_run_dialog_close_request;

  signals[COMPLETED] =
    g_signal_new ("completed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HZ_TYPE_ACTOR | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/huizhen/Huizhen/hz-first-run-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HzFirstRunDialog, actor_group);
  gtk_widget_class_bind_template_child (widget_class, HzFirstRunDialog, continue_button);

  gtk_widget_class_install_action (widget_class, "first-run.continue", NULL, continue_action);

  g_type_ensure (HZ_TYPE_ACTOR_GROUP);
}

static void
hz_first_run_dialog_init (HzFirstRunDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->actor_group, "notify::valid",
                           G_CALLBACK (on_valid_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_continue (self);
}

GtkWidget *
hz_first_run_dialog_new (GtkWindow *parent)
{
  return g_object_new (HZ_TYPE_FIRST_RUN_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
}
