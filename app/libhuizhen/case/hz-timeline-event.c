/* hz-timeline-event.c — one dated event on a case timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-case"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "huizhen.h"

struct _HzTimelineEvent
{
  GObject      parent_instance;

  GDateTime   *date;
  char        *title;
  char        *detail;
  char        *resource_reference;
  char        *source_id;
  HzEventKind  kind;
  HzTeam       team;
  HzSeverity   severity;
  guint        has_team : 1;
};

G_DEFINE_FINAL_TYPE (HzTimelineEvent, hz_timeline_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATE,
  PROP_KIND,
  PROP_HAS_TEAM,
  PROP_TEAM,
  PROP_SEVERITY,
  PROP_TITLE,
  PROP_DETAIL,
  PROP_RESOURCE_REFERENCE,
  PROP_SOURCE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *id;
  const char *display_name;
  const char *icon_name;
} kind_info[] = {
  [HZ_EVENT_KIND_VISIT]        = { "visit",        N_("Visit"),            "x-office-calendar-symbolic" },
  [HZ_EVENT_KIND_LAB]          = { "lab",          N_("Lab result"),       "x-office-spreadsheet-symbolic" },
  [HZ_EVENT_KIND_VITAL]        = { "vital",        N_("Vital sign"),       "emblem-favorite-symbolic" },
  [HZ_EVENT_KIND_IMAGING]      = { "imaging",      N_("Imaging"),          "image-x-generic-symbolic" },
  [HZ_EVENT_KIND_SCALE]        = { "scale",        N_("Screening scale"),  "view-list-ordered-symbolic" },
  [HZ_EVENT_KIND_RISK]         = { "risk",         N_("Risk grading"),     "dialog-warning-symbolic" },
  [HZ_EVENT_KIND_CONDITION]    = { "condition",    N_("Diagnosis"),        "document-properties-symbolic" },
  [HZ_EVENT_KIND_REFERRAL]     = { "referral",     N_("Referral"),         "mail-send-symbolic" },
  [HZ_EVENT_KIND_CONSULTATION] = { "consultation", N_("Consultation"),     "system-users-symbolic" },
  [HZ_EVENT_KIND_DECISION]     = { "decision",     N_("Decision"),         "emblem-ok-symbolic" },
  [HZ_EVENT_KIND_DUE]          = { "due",          N_("Due"),              "task-due-symbolic" },
  [HZ_EVENT_KIND_OTHER]        = { "other",        N_("Other"),            "emblem-documents-symbolic" },
};

static gboolean
kind_is_valid (HzEventKind kind)
{
  return (guint) kind < G_N_ELEMENTS (kind_info);
}

/**
 * hz_event_kind_to_string:
 * @kind: an #HzEventKind
 *
 * Returns: a stable identifier for @kind ("visit", "lab", ...), or %NULL
 *   if @kind is not a valid value.
 */
const char *
hz_event_kind_to_string (HzEventKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), NULL);

  return kind_info[kind].id;
}

/**
 * hz_event_kind_get_display_name:
 * @kind: an #HzEventKind
 *
 * Returns: the translated name of @kind, for the UI.
 */
const char *
hz_event_kind_get_display_name (HzEventKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), NULL);

  return g_dgettext (GETTEXT_PACKAGE, kind_info[kind].display_name);
}

/**
 * hz_event_kind_get_icon_name:
 * @kind: an #HzEventKind
 *
 * Returns: a symbolic icon name from the Adwaita icon theme for @kind.
 */
const char *
hz_event_kind_get_icon_name (HzEventKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), NULL);

  return kind_info[kind].icon_name;
}

static void
hz_timeline_event_finalize (GObject *object)
{
  HzTimelineEvent *self = (HzTimelineEvent *)object;

  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->resource_reference, g_free);
  g_clear_pointer (&self->source_id, g_free);

  G_OBJECT_CLASS (hz_timeline_event_parent_class)->finalize (object);
}

static void
hz_timeline_event_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HzTimelineEvent *self = HZ_TIMELINE_EVENT (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;

    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_HAS_TEAM:
      g_value_set_boolean (value, self->has_team);
      break;

    case PROP_TEAM:
      g_value_set_int (value, self->team);
      break;

    case PROP_SEVERITY:
      g_value_set_int (value, self->severity);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    case PROP_RESOURCE_REFERENCE:
      g_value_set_string (value, self->resource_reference);
      break;

    case PROP_SOURCE_ID:
      g_value_set_string (value, self->source_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_timeline_event_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HzTimelineEvent *self = HZ_TIMELINE_EVENT (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_clear_pointer (&self->date, g_date_time_unref);
      self->date = g_value_dup_boxed (value);
      break;

    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;

    case PROP_HAS_TEAM:
      self->has_team = g_value_get_boolean (value);
      break;

    case PROP_TEAM:
      self->team = g_value_get_int (value);
      break;

    case PROP_SEVERITY:
      self->severity = g_value_get_int (value);
      break;

    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      break;

    case PROP_DETAIL:
      g_free (self->detail);
      self->detail = g_value_dup_string (value);
      break;

    case PROP_RESOURCE_REFERENCE:
      g_free (self->resource_reference);
      self->resource_reference = g_value_dup_string (value);
      break;

    case PROP_SOURCE_ID:
      hz_timeline_event_set_source_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_timeline_event_class_init (HzTimelineEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct_flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hz_timeline_event_finalize;
  object_class->get_property = hz_timeline_event_get_property;
  object_class->set_property = hz_timeline_event_set_property;

  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE_TIME, construct_flags);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      HZ_EVENT_KIND_VISIT, HZ_EVENT_KIND_OTHER, HZ_EVENT_KIND_OTHER,
                      construct_flags);
  properties[PROP_HAS_TEAM] =
    g_param_spec_boolean ("has-team", NULL, NULL, FALSE, construct_flags);
  properties[PROP_TEAM] =
    g_param_spec_int ("team", NULL, NULL,
                      HZ_TEAM_OBSTETRICS, HZ_TEAM_OTHER, HZ_TEAM_OTHER,
                      construct_flags);
  properties[PROP_SEVERITY] =
    g_param_spec_int ("severity", NULL, NULL,
                      HZ_SEVERITY_INFO, HZ_SEVERITY_CRITICAL, HZ_SEVERITY_INFO,
                      construct_flags);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, construct_flags);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL, construct_flags);
  properties[PROP_RESOURCE_REFERENCE] =
    g_param_spec_string ("resource-reference", NULL, NULL, NULL, construct_flags);
  properties[PROP_SOURCE_ID] =
    g_param_spec_string ("source-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hz_timeline_event_init (HzTimelineEvent *self)
{
  self->kind = HZ_EVENT_KIND_OTHER;
  self->team = HZ_TEAM_OTHER;
  self->severity = HZ_SEVERITY_INFO;
}

/**
 * hz_timeline_event_new:
 * @date: (nullable): when it happened, or %NULL for an undated event
 * @kind: what kind of event it is
 * @has_team: whether @team is meaningful
 * @team: the team the event belongs to
 * @severity: how much attention it needs
 * @title: a short title
 * @detail: (nullable): a longer description
 * @resource_reference: (nullable): "Type/id" of the resource it shows
 *
 * Returns: (transfer full): a new #HzTimelineEvent
 */
HzTimelineEvent *
hz_timeline_event_new (GDateTime   *date,
                       HzEventKind  kind,
                       gboolean     has_team,
                       HzTeam       team,
                       HzSeverity   severity,
                       const char  *title,
                       const char  *detail,
                       const char  *resource_reference)
{
  HzTimelineEvent *self;

  g_return_val_if_fail (kind_is_valid (kind), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  /* Fields set directly, not as construct properties: a case's
   * timeline makes tens of thousands of these at once, and setting eight
   * properties by name is most of the cost of each. */
  self = g_object_new (HZ_TYPE_TIMELINE_EVENT, NULL);
  self->date = date != NULL ? g_date_time_ref (date) : NULL;
  self->kind = kind;
  self->has_team = !!has_team;
  self->team = has_team && (guint) team <= HZ_TEAM_OTHER ? team : HZ_TEAM_OTHER;
  self->severity = (guint) severity <= HZ_SEVERITY_CRITICAL ? severity : HZ_SEVERITY_INFO;
  self->title = g_strdup (title);
  self->detail = g_strdup (detail);
  self->resource_reference = g_strdup (resource_reference);

  return self;
}

/**
 * hz_timeline_event_get_date:
 *
 * Returns: (nullable) (transfer none): the date, or %NULL if undated
 */
GDateTime *
hz_timeline_event_get_date (HzTimelineEvent *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_EVENT (self), NULL);

  return self->date;
}

HzEventKind
hz_timeline_event_get_kind (HzTimelineEvent *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_EVENT (self), HZ_EVENT_KIND_OTHER);

  return self->kind;
}

gboolean
hz_timeline_event_has_team (HzTimelineEvent *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_EVENT (self), FALSE);

  return self->has_team;
}

HzTeam
hz_timeline_event_get_team (HzTimelineEvent *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_EVENT (self), HZ_TEAM_OTHER);

  return self->team;
}

HzSeverity
hz_timeline_event_get_severity (HzTimelineEvent *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_EVENT (self), HZ_SEVERITY_INFO);

  return self->severity;
}

const char *
hz_timeline_event_get_title (HzTimelineEvent *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_EVENT (self), NULL);

  return self->title;
}

/**
 * hz_timeline_event_get_detail:
 *
 * Returns: (nullable): the detail text
 */
const char *
hz_timeline_event_get_detail (HzTimelineEvent *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_EVENT (self), NULL);

  return self->detail;
}

/**
 * hz_timeline_event_get_resource_reference:
 *
 * Returns: (nullable): "Type/id" of the resource shown, if any
 */
const char *
hz_timeline_event_get_resource_reference (HzTimelineEvent *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_EVENT (self), NULL);

  return self->resource_reference;
}

/**
 * hz_timeline_event_get_source_id:
 *
 * Returns: (nullable): the id of the source that made the event
 */
const char *
hz_timeline_event_get_source_id (HzTimelineEvent *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_EVENT (self), NULL);

  return self->source_id;
}

void
hz_timeline_event_set_source_id (HzTimelineEvent *self,
                                 const char      *source_id)
{
  g_return_if_fail (HZ_IS_TIMELINE_EVENT (self));

  if (g_strcmp0 (self->source_id, source_id) == 0)
    return;

  g_free (self->source_id);
  self->source_id = g_strdup (source_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_ID]);
}
