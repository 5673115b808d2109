/* test-timeline-source.c — a timeline source with a syncable filter, for the tests
 *
 * One event per Condition of the case, plus one undated "due" reminder.
 * The "filter" (an event kind, or "all") is its view state: setting the
 * property is a user's change (emits HzSyncable::state-changed),
 * hz_syncable_apply_state() is a remote one (does not).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-test-plugin"

#include "config.h"

#include "test-plugin-private.h"

struct _TestTimelineSource
{
  GObject  parent_instance;

  HzCase  *kase;
  gulong   changed_handler;
  char    *filter;
};

enum {
  PROP_0,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void timeline_source_iface_init (HzTimelineSourceInterface *iface);
static void syncable_iface_init        (HzSyncableInterface       *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TestTimelineSource, test_timeline_source, G_TYPE_OBJECT, G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (HZ_TYPE_TIMELINE_SOURCE, timeline_source_iface_init)
                                G_IMPLEMENT_INTERFACE_DYNAMIC (HZ_TYPE_SYNCABLE, syncable_iface_init))

static gboolean
filter_is_valid (const char *filter)
{
  if (g_strcmp0 (filter, "all") == 0)
    return TRUE;

  for (HzEventKind kind = HZ_EVENT_KIND_VISIT; kind <= HZ_EVENT_KIND_OTHER; kind++)
    if (g_strcmp0 (filter, hz_event_kind_to_string (kind)) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
set_filter (TestTimelineSource *self,
            const char         *filter)
{
  if (g_strcmp0 (self->filter, filter) == 0)
    return FALSE;

  g_free (self->filter);
  self->filter = g_strdup (filter);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
  hz_timeline_source_emit_changed (HZ_TIMELINE_SOURCE (self));

  return TRUE;
}

static void
on_case_changed (HzCase              *kase,
                 const char * const  *resource_types,
                 TestTimelineSource  *self)
{
  if (resource_types == NULL || g_strv_contains (resource_types, "Condition"))
    hz_timeline_source_emit_changed (HZ_TIMELINE_SOURCE (self));
}

static void
test_timeline_source_load (HzTimelineSource *source,
                           HzCase           *kase)
{
  TestTimelineSource *self = TEST_TIMELINE_SOURCE (source);

  g_set_object (&self->kase, kase);
  self->changed_handler = g_signal_connect (kase, "changed",
                                            G_CALLBACK (on_case_changed), self);
}

static void
test_timeline_source_unload (HzTimelineSource *source,
                             HzCase           *kase)
{
  TestTimelineSource *self = TEST_TIMELINE_SOURCE (source);

  g_clear_signal_handler (&self->changed_handler, self->kase);
  g_clear_object (&self->kase);
}

static gboolean
filter_accepts (TestTimelineSource *self,
                HzEventKind         kind)
{
  return g_strcmp0 (self->filter, "all") == 0 ||
         g_strcmp0 (self->filter, hz_event_kind_to_string (kind)) == 0;
}

static GPtrArray *
test_timeline_source_list_events (HzTimelineSource *source,
                                  HzCase           *kase)
{
  TestTimelineSource *self = TEST_TIMELINE_SOURCE (source);
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *conditions = hz_case_get_resources (kase, "Condition");
  guint n = g_list_model_get_n_items (conditions);

  if (filter_accepts (self, HZ_EVENT_KIND_CONDITION))
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(HzResource) resource = g_list_model_get_item (conditions, i);
          HzTimelineEvent *event;

          event = hz_timeline_event_new (hz_resource_get_date (resource),
                                         HZ_EVENT_KIND_CONDITION,
                                         TRUE, HZ_TEAM_OBSTETRICS,
                                         HZ_SEVERITY_ATTENTION,
                                         hz_resource_get_title (resource),
                                         NULL,
                                         hz_resource_get_reference (resource));
          hz_timeline_event_set_source_id (event, "test-plugin");
          g_ptr_array_add (events, event);
        }
    }

  if (filter_accepts (self, HZ_EVENT_KIND_DUE))
    {
      HzTimelineEvent *event;

      event = hz_timeline_event_new (NULL, HZ_EVENT_KIND_DUE, FALSE, HZ_TEAM_OTHER,
                                     HZ_SEVERITY_INFO, "Test reminder",
                                     "Undated reminder from the test plugin", NULL);
      hz_timeline_event_set_source_id (event, "test-plugin");
      g_ptr_array_add (events, event);
    }

  return events;
}

static void
timeline_source_iface_init (HzTimelineSourceInterface *iface)
{
  iface->load = test_timeline_source_load;
  iface->unload = test_timeline_source_unload;
  iface->list_events = test_timeline_source_list_events;
}

static const char *
test_timeline_source_get_sync_id (HzSyncable *syncable)
{
  return "test-timeline";
}

static JsonNode *
test_timeline_source_get_state (HzSyncable *syncable)
{
  TestTimelineSource *self = TEST_TIMELINE_SOURCE (syncable);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "filter", self->filter);

  return json_node_init_object (json_node_alloc (), object);
}

static gboolean
test_timeline_source_apply_state (HzSyncable  *syncable,
                                  JsonNode    *state,
                                  GError     **error)
{
  TestTimelineSource *self = TEST_TIMELINE_SOURCE (syncable);
  JsonObject *object = json_node_get_object (state);
  JsonNode *member = json_object_get_member (object, "filter");
  const char *filter;

  if (member == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
    {
      g_set_error (error, HZ_SYNCABLE_ERROR, HZ_SYNCABLE_ERROR_INVALID_STATE,
                   "The member “filter” of the view state must be a string");
      return FALSE;
    }

  filter = json_node_get_string (member);
  if (!filter_is_valid (filter))
    {
      g_set_error (error, HZ_SYNCABLE_ERROR, HZ_SYNCABLE_ERROR_INVALID_STATE,
                   "The member “filter” has an unknown value “%s”", filter);
      return FALSE;
    }

  set_filter (self, filter);

  return TRUE;
}

static void
syncable_iface_init (HzSyncableInterface *iface)
{
  iface->get_sync_id = test_timeline_source_get_sync_id;
  iface->get_state = test_timeline_source_get_state;
  iface->apply_state = test_timeline_source_apply_state;
}

static void
test_timeline_source_dispose (GObject *object)
{
  TestTimelineSource *self = TEST_TIMELINE_SOURCE (object);

  if (self->kase != NULL)
    test_timeline_source_unload (HZ_TIMELINE_SOURCE (self), self->kase);

  G_OBJECT_CLASS (test_timeline_source_parent_class)->dispose (object);
}

static void
test_timeline_source_finalize (GObject *object)
{
  TestTimelineSource *self = TEST_TIMELINE_SOURCE (object);

  g_free (self->filter);

  G_OBJECT_CLASS (test_timeline_source_parent_class)->finalize (object);
}

static void
test_timeline_source_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TestTimelineSource *self = TEST_TIMELINE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_string (value, self->filter);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_timeline_source_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TestTimelineSource *self = TEST_TIMELINE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      {
        const char *filter = g_value_get_string (value);

        g_return_if_fail (filter_is_valid (filter));

        /* A change made here is the user's: tell a remote session. */
        if (set_filter (self, filter))
          hz_syncable_emit_state_changed (HZ_SYNCABLE (self));
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_timeline_source_class_init (TestTimelineSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = test_timeline_source_dispose;
  object_class->finalize = test_timeline_source_finalize;
  object_class->get_property = test_timeline_source_get_property;
  object_class->set_property = test_timeline_source_set_property;

  properties[PROP_FILTER] =
    g_param_spec_string ("filter", NULL, NULL, "all",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
test_timeline_source_class_finalize (TestTimelineSourceClass *klass)
{
}

static void
test_timeline_source_init (TestTimelineSource *self)
{
  self->filter = g_strdup ("all");
}

void
_test_timeline_source_register_types (PeasObjectModule *module)
{
  test_timeline_source_register_type (G_TYPE_MODULE (module));
}
