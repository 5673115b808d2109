/* hz-actor-group.c — the clinician's name, team, role and hospital
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-actor-group.h"

#define N_TEAMS (HZ_TEAM_OTHER + 1)

struct _HzActorGroup
{
  AdwPreferencesGroup  parent_instance;

  AdwEntryRow         *name_row;
  AdwComboRow         *team_row;
  GtkStringList       *team_model;
  AdwEntryRow         *role_row;
  AdwEntryRow         *hospital_row;

  guint                updating;
  guint                show_apply_button : 1;
  guint                valid : 1;
  guint                name_edited : 1;
  guint                hospital_edited : 1;
};

G_DEFINE_FINAL_TYPE (HzActorGroup, hz_actor_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_VALID,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
row_has_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0';
}

static void
hz_actor_group_validate (HzActorGroup *self)
{
  gboolean has_name = row_has_text (self->name_row);
  gboolean has_hospital = row_has_text (self->hospital_row);
  gboolean valid = has_name && has_hospital;

  /* Only mark a row once the user has been there. */
  if (!has_name && self->name_edited)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");

  if (!has_hospital && self->hospital_edited)
    gtk_widget_add_css_class (GTK_WIDGET (self->hospital_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->hospital_row), "error");

  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
on_entry_changed_cb (HzActorGroup *self,
                     AdwEntryRow  *row)
{
  if (self->updating > 0)
    return;

  if (row == self->name_row)
    self->name_edited = TRUE;
  else if (row == self->hospital_row)
    self->hospital_edited = TRUE;

  hz_actor_group_validate (self);

  if (!self->show_apply_button)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_entry_apply_cb (HzActorGroup *self,
                   AdwEntryRow  *row)
{
  if (self->updating > 0)
    return;

  hz_actor_group_validate (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_team_selected_cb (HzActorGroup *self,
                     GParamSpec   *pspec,
                     AdwComboRow  *row)
{
  if (self->updating > 0)
    return;

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
hz_actor_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HZ_TYPE_ACTOR_GROUP);

  G_OBJECT_CLASS (hz_actor_group_parent_class)->dispose (object);
}

static void
hz_actor_group_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HzActorGroup *self = HZ_ACTOR_GROUP (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_actor_group_class_init (HzActorGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_actor_group_dispose;
  object_class->get_property = hz_actor_group_get_property;

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HzActorGroup::changed:
   *
   * The user edited the identity (applied a text, or chose a team).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/huizhen/Huizhen/hz-actor-group.ui");
  gtk_widget_class_bind_template_child (widget_class, HzActorGroup, name_row);
  gtk_widget_class_bind_template_child (widget_class, HzActorGroup, team_row);
  gtk_widget_class_bind_template_child (widget_class, HzActorGroup, team_model);
  gtk_widget_class_bind_template_child (widget_class, HzActorGroup, role_row);
  gtk_widget_class_bind_template_child (widget_class, HzActorGroup, hospital_row);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_team_selected_cb);
}

static void
hz_actor_group_init (HzActorGroup *self)
{
  self->updating++;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_TEAMS; i++)
    gtk_string_list_append (self->team_model, hz_team_get_display_name ((HzTeam) i));

  adw_combo_row_set_selected (self->team_row, HZ_TEAM_OBSTETRICS);

  self->updating--;
}

GtkWidget *
hz_actor_group_new (void)
{
  return g_object_new (HZ_TYPE_ACTOR_GROUP, NULL);
}

void
hz_actor_group_set_actor (HzActorGroup  *self,
                          const HzActor *actor)
{
  g_return_if_fail (HZ_IS_ACTOR_GROUP (self));

  self->updating++;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), actor && actor->name ? actor->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->role_row), actor && actor->role ? actor->role : "");
  gtk_editable_set_text (GTK_EDITABLE (self->hospital_row), actor && actor->hospital ? actor->hospital : "");
  adw_combo_row_set_selected (self->team_row, actor ? (guint) actor->team : HZ_TEAM_OBSTETRICS);

  self->updating--;

  hz_actor_group_validate (self);
}

static char *
dup_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

HzActor *
hz_actor_group_dup_actor (HzActorGroup *self)
{
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *hospital = NULL;
  guint team;

  g_return_val_if_fail (HZ_IS_ACTOR_GROUP (self), NULL);

  name = dup_stripped (self->name_row);
  role = dup_stripped (self->role_row);
  hospital = dup_stripped (self->hospital_row);
  team = adw_combo_row_get_selected (self->team_row);
  if (team >= N_TEAMS)
    team = HZ_TEAM_OTHER;

  return hz_actor_new (name, (HzTeam) team, role, hospital);
}

gboolean
hz_actor_group_get_valid (HzActorGroup *self)
{
  g_return_val_if_fail (HZ_IS_ACTOR_GROUP (self), FALSE);

  return self->valid;
}

void
hz_actor_group_set_show_apply_button (HzActorGroup *self,
                                      gboolean      show_apply_button)
{
  g_return_if_fail (HZ_IS_ACTOR_GROUP (self));

  self->show_apply_button = !!show_apply_button;

  adw_entry_row_set_show_apply_button (self->name_row, show_apply_button);
  adw_entry_row_set_show_apply_button (self->role_row, show_apply_button);
  adw_entry_row_set_show_apply_button (self->hospital_row, show_apply_button);
}
