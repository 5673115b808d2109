/* hz-timeline-model.c — the events of every timeline source, grouped and filtered
 *
 * Built for size: the events of all sources are turned into rows in bulk,
 * sorted once, and every filter change rebuilds the visible array in one
 * pass and emits a single items-changed. Rows compute their labels lazily,
 * so only the rows a list view binds pay for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-timeline"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-timeline-model.h"

typedef struct
{
  HzTimelineSource *source;
  char             *id;
  gulong            changed_id;
  GPtrArray        *events;      /* HzTimelineEvent */
} SourceEntry;

struct _HzTimelineModel
{
  GObject     parent_instance;

  HzCase     *kase;
  gulong      case_changed_id;
  HzDating    dating;
  GDate       today;

  GPtrArray  *sources;           /* SourceEntry */
  GPtrArray  *events;            /* HzTimelineRow, every event, sorted */
  GPtrArray  *rows;              /* HzTimelineRow, what the list shows */
  guint       n_visible_events;
  guint       today_index;       /* of the today row in rows, G_MAXUINT if none */

  guint       team_mask;
  guint       kind_mask;
  char       *text;
  GStrv       words;             /* case-folded words of @text */

  guint       dating_overridden : 1;
  guint       today_set : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzTimelineModel, hz_timeline_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CASE,
  PROP_N_EVENTS,
  PROP_N_VISIBLE_EVENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- GListModel ----------------------------------------------------------- */

static GType
hz_timeline_model_get_item_type (GListModel *model)
{
  return HZ_TYPE_TIMELINE_ROW;
}

static guint
hz_timeline_model_get_n_items (GListModel *model)
{
  return HZ_TIMELINE_MODEL (model)->rows->len;
}

static gpointer
hz_timeline_model_get_item (GListModel *model,
                            guint       position)
{
  HzTimelineModel *self = HZ_TIMELINE_MODEL (model);

  if (position >= self->rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hz_timeline_model_get_item_type;
  iface->get_n_items = hz_timeline_model_get_n_items;
  iface->get_item = hz_timeline_model_get_item;
}

/* --- building ------------------------------------------------------------- */

static int
compare_event_rows (gconstpointer a,
                    gconstpointer b)
{
  HzTimelineRow *x = *(HzTimelineRow * const *) a;
  HzTimelineRow *y = *(HzTimelineRow * const *) b;
  HzTimelineEvent *ex, *ey;
  gint64 tx, ty;
  int cmp;

  cmp = hz_timeline_group_compare (hz_timeline_row_get_group (x), hz_timeline_row_get_group (y));
  if (cmp != 0)
    return cmp;

  tx = hz_timeline_row_get_time (x);
  ty = hz_timeline_row_get_time (y);
  if (tx != ty)
    return tx < ty ? -1 : 1;

  ex = hz_timeline_row_get_event (x);
  ey = hz_timeline_row_get_event (y);
  if (hz_timeline_event_get_kind (ex) != hz_timeline_event_get_kind (ey))
    return (int) hz_timeline_event_get_kind (ex) - (int) hz_timeline_event_get_kind (ey);

  cmp = g_strcmp0 (hz_timeline_event_get_title (ex), hz_timeline_event_get_title (ey));
  if (cmp != 0)
    return cmp;

  return g_strcmp0 (hz_timeline_event_get_resource_reference (ex),
                    hz_timeline_event_get_resource_reference (ey));
}

static gboolean
row_matches (HzTimelineModel *self,
             HzTimelineRow   *row)
{
  HzTimelineEvent *event = hz_timeline_row_get_event (row);
  HzTeam team = hz_timeline_event_has_team (event) ? hz_timeline_event_get_team (event) : HZ_TEAM_OTHER;
  HzEventKind kind = hz_timeline_event_get_kind (event);

  if ((guint) team > HZ_TEAM_OTHER)
    team = HZ_TEAM_OTHER;
  if ((self->team_mask & (1u << team)) == 0)
    return FALSE;
  if ((guint) kind > HZ_EVENT_KIND_OTHER || (self->kind_mask & (1u << kind)) == 0)
    return FALSE;

  if (self->words != NULL)
    {
      const char *text = hz_timeline_row_get_search_text (row);

      for (guint i = 0; self->words[i] != NULL; i++)
        if (strstr (text, self->words[i]) == NULL)
          return FALSE;
    }

  return TRUE;
}

/* Where today's marker goes relative to @row: TRUE if before it. */
static gboolean
today_before (HzTimelineRow *today,
              HzTimelineRow *row)
{
  int cmp = hz_timeline_group_compare (hz_timeline_row_get_group (today),
                                       hz_timeline_row_get_group (row));

  if (cmp != 0)
    return cmp < 0;
  return hz_timeline_row_get_time (today) < hz_timeline_row_get_time (row);
}

static void
refilter (HzTimelineModel *self)
{
  g_autoptr(GPtrArray) old = self->rows;
  g_autoptr(HzTimelineRow) today = NULL;
  HzTimelineRow *header = NULL;
  const HzTimelineGroup *group = NULL;
  guint n_in_group = 0;
  guint n_visible = 0;
  guint old_len = old->len;

  self->rows = g_ptr_array_new_full (self->events->len / 2 + 64, g_object_unref);
  self->today_index = G_MAXUINT;

  if (g_date_valid (&self->today))
    today = hz_timeline_row_new_today (&self->dating, &self->today);

  for (guint i = 0; i < self->events->len; i++)
    {
      HzTimelineRow *row = g_ptr_array_index (self->events, i);
      const HzTimelineGroup *row_group;
      gboolean new_group;

      if (!row_matches (self, row))
        continue;

      row_group = hz_timeline_row_get_group (row);
      new_group = group == NULL || hz_timeline_group_compare (group, row_group) != 0;

      if (today != NULL && today_before (today, row))
        {
          /* Today falls in the group this row opens: the header first. */
          if (new_group &&
              hz_timeline_group_compare (hz_timeline_row_get_group (today), row_group) == 0)
            {
              if (header != NULL)
                hz_timeline_row_set_n_events (header, n_in_group);
              header = hz_timeline_row_new_header (row_group, &self->dating, 0);
              g_ptr_array_add (self->rows, header);
              group = row_group;
              n_in_group = 0;
              new_group = FALSE;
            }
          self->today_index = self->rows->len;
          g_ptr_array_add (self->rows, g_steal_pointer (&today));
        }

      if (new_group)
        {
          if (header != NULL)
            hz_timeline_row_set_n_events (header, n_in_group);
          header = hz_timeline_row_new_header (row_group, &self->dating, 0);
          g_ptr_array_add (self->rows, header);
          group = row_group;
          n_in_group = 0;
        }

      g_ptr_array_add (self->rows, g_object_ref (row));
      n_in_group++;
      n_visible++;
    }

  if (header != NULL)
    hz_timeline_row_set_n_events (header, n_in_group);
  if (today != NULL)
    {
      self->today_index = self->rows->len;
      g_ptr_array_add (self->rows, g_steal_pointer (&today));
    }

  self->n_visible_events = n_visible;

  if (old_len != 0 || self->rows->len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->rows->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE_EVENTS]);
}

static void
rebuild (HzTimelineModel *self)
{
  guint n = 0;

  for (guint i = 0; i < self->sources->len; i++)
    n += ((SourceEntry *) g_ptr_array_index (self->sources, i))->events->len;

  g_ptr_array_unref (self->events);
  self->events = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < self->sources->len; i++)
    {
      SourceEntry *entry = g_ptr_array_index (self->sources, i);

      for (guint j = 0; j < entry->events->len; j++)
        g_ptr_array_add (self->events,
                         hz_timeline_row_new_event (g_ptr_array_index (entry->events, j),
                                                    &self->dating));
    }

  g_ptr_array_sort (self->events, compare_event_rows);
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
}

/* --- sources -------------------------------------------------------------- */

static void
source_entry_free (SourceEntry *entry)
{
  g_clear_signal_handler (&entry->changed_id, entry->source);
  g_clear_object (&entry->source);
  g_clear_pointer (&entry->id, g_free);
  g_clear_pointer (&entry->events, g_ptr_array_unref);
  g_free (entry);
}

static void
source_entry_list (HzTimelineModel *self,
                   SourceEntry     *entry)
{
  g_autoptr(GPtrArray) events = NULL;

  if (self->kase != NULL)
    events = hz_timeline_source_list_events (entry->source, self->kase);
  else
    {
      /* A model without a case (the tests): ask the source directly. */
      HzTimelineSourceInterface *iface = HZ_TIMELINE_SOURCE_GET_IFACE (entry->source);

      if (iface->list_events != NULL)
        events = iface->list_events (entry->source, NULL);
    }

  g_ptr_array_set_size (entry->events, 0);
  if (events == NULL)
    return;

  for (guint i = 0; i < events->len; i++)
    {
      HzTimelineEvent *event = g_ptr_array_index (events, i);

      if (!HZ_IS_TIMELINE_EVENT (event))
        {
          g_warning ("Timeline source “%s” listed something that is not an event; ignored",
                     entry->id);
          continue;
        }
      hz_timeline_event_set_source_id (event, entry->id);
      g_ptr_array_add (entry->events, g_object_ref (event));
    }
}

static SourceEntry *
find_entry (HzTimelineModel   *self,
            HzTimelineSource  *source,
            guint             *index)
{
  for (guint i = 0; i < self->sources->len; i++)
    {
      SourceEntry *entry = g_ptr_array_index (self->sources, i);

      if (entry->source == source)
        {
          if (index != NULL)
            *index = i;
          return entry;
        }
    }
  return NULL;
}

static void
on_source_changed (HzTimelineSource *source,
                   HzTimelineModel  *self)
{
  SourceEntry *entry = find_entry (self, source, NULL);

  if (entry == NULL)
    return;

  source_entry_list (self, entry);
  rebuild (self);
}

void
hz_timeline_model_add_source (HzTimelineModel  *self,
                              HzTimelineSource *source,
                              const char       *source_id)
{
  SourceEntry *entry;

  g_return_if_fail (HZ_IS_TIMELINE_MODEL (self));
  g_return_if_fail (HZ_IS_TIMELINE_SOURCE (source));
  g_return_if_fail (source_id != NULL);

  if (find_entry (self, source, NULL) != NULL)
    return;

  entry = g_new0 (SourceEntry, 1);
  entry->source = g_object_ref (source);
  entry->id = g_strdup (source_id);
  entry->events = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->sources, entry);

  if (self->kase != NULL)
    hz_timeline_source_load (source, self->kase);
  entry->changed_id = g_signal_connect (source, "changed",
                                        G_CALLBACK (on_source_changed), self);

  source_entry_list (self, entry);
  rebuild (self);
}

void
hz_timeline_model_remove_source (HzTimelineModel  *self,
                                 HzTimelineSource *source)
{
  SourceEntry *entry;
  guint index;

  g_return_if_fail (HZ_IS_TIMELINE_MODEL (self));
  g_return_if_fail (HZ_IS_TIMELINE_SOURCE (source));

  entry = find_entry (self, source, &index);
  if (entry == NULL)
    return;

  g_clear_signal_handler (&entry->changed_id, entry->source);
  if (self->kase != NULL)
    hz_timeline_source_unload (source, self->kase);
  g_ptr_array_remove_index (self->sources, index);
  rebuild (self);
}

guint
hz_timeline_model_get_n_sources (HzTimelineModel *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_MODEL (self), 0);

  return self->sources->len;
}

/* --- the case ------------------------------------------------------------- */

typedef struct
{
  guint64  generation;
  HzDating dating;
} CachedDating;

/* Bumped by an emission hook, which runs before any handler of
 * HzCase::changed: no handler can see a dating from before the change. */
static guint64 case_generation = 1;

static gboolean
on_case_changed_hook (GSignalInvocationHint *hint,
                      guint                  n_param_values,
                      const GValue          *param_values,
                      gpointer               data)
{
  case_generation++;
  return TRUE;
}

void
hz_timeline_case_get_dating (HzCase   *kase,
                             HzDating *dating)
{
  static gsize hooked;
  CachedDating *cached;

  g_return_if_fail (HZ_IS_CASE (kase));
  g_return_if_fail (dating != NULL);

  if (g_once_init_enter (&hooked))
    {
      g_signal_add_emission_hook (g_signal_lookup ("changed", HZ_TYPE_CASE), 0,
                                  on_case_changed_hook, NULL, NULL);
      g_once_init_leave (&hooked, 1);
    }

  cached = g_object_get_data (G_OBJECT (kase), "hz-timeline-dating");
  if (cached == NULL || cached->generation != case_generation)
    {
      cached = g_new0 (CachedDating, 1);
      cached->generation = case_generation;
      hz_case_get_dating (kase, &cached->dating);
      g_object_set_data_full (G_OBJECT (kase), "hz-timeline-dating", cached, g_free);
    }
  *dating = cached->dating;
}

static void
update_dating (HzTimelineModel *self)
{
  if (self->dating_overridden)
    return;

  if (self->kase != NULL)
    hz_timeline_case_get_dating (self->kase, &self->dating);
  else
    hz_dating_compute (&self->dating, NULL, NULL, 0, NULL, 0, NULL, NULL);
}

static gboolean
dating_equal (const HzDating *a,
              const HzDating *b)
{
  if (a->method != b->method || a->delivered != b->delivered)
    return FALSE;
  if (a->method != HZ_DATING_NONE && g_date_compare (&a->lmp, &b->lmp) != 0)
    return FALSE;
  if (a->delivered && g_date_compare (&a->delivery_date, &b->delivery_date) != 0)
    return FALSE;
  return TRUE;
}

static void
on_case_changed (HzCase          *kase,
                 const char     **resource_types,
                 HzTimelineModel *self)
{
  HzDating before = self->dating;

  update_dating (self);
  /* The sources list their events again on their own ::changed; only a new
   * dating moves the events that did not change. */
  if (!dating_equal (&before, &self->dating))
    rebuild (self);
}

/* --- GObject -------------------------------------------------------------- */

static void
hz_timeline_model_dispose (GObject *object)
{
  HzTimelineModel *self = (HzTimelineModel *)object;

  while (self->sources->len > 0)
    {
      SourceEntry *entry = g_ptr_array_index (self->sources, self->sources->len - 1);

      g_clear_signal_handler (&entry->changed_id, entry->source);
      if (self->kase != NULL)
        hz_timeline_source_unload (entry->source, self->kase);
      g_ptr_array_remove_index (self->sources, self->sources->len - 1);
    }

  if (self->kase != NULL)
    g_clear_signal_handler (&self->case_changed_id, self->kase);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (hz_timeline_model_parent_class)->dispose (object);
}

static void
hz_timeline_model_finalize (GObject *object)
{
  HzTimelineModel *self = (HzTimelineModel *)object;

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->words, g_strfreev);

  G_OBJECT_CLASS (hz_timeline_model_parent_class)->finalize (object);
}

static void
hz_timeline_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HzTimelineModel *self = HZ_TIMELINE_MODEL (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;

    case PROP_N_EVENTS:
      g_value_set_uint (value, self->events->len);
      break;

    case PROP_N_VISIBLE_EVENTS:
      g_value_set_uint (value, self->n_visible_events);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_timeline_model_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HzTimelineModel *self = HZ_TIMELINE_MODEL (object);

  switch (prop_id)
    {
    case PROP_CASE:
      self->kase = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_timeline_model_constructed (GObject *object)
{
  HzTimelineModel *self = (HzTimelineModel *)object;

  G_OBJECT_CLASS (hz_timeline_model_parent_class)->constructed (object);

  update_dating (self);
  /* Connected before any source loads, so that the dating is current when
   * the sources' own handlers list their events. */
  if (self->kase != NULL)
    self->case_changed_id = g_signal_connect (self->kase, "changed",
                                              G_CALLBACK (on_case_changed), self);
}

static void
hz_timeline_model_class_init (HzTimelineModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hz_timeline_model_constructed;
  object_class->dispose = hz_timeline_model_dispose;
  object_class->finalize = hz_timeline_model_finalize;
  object_class->get_property = hz_timeline_model_get_property;
  object_class->set_property = hz_timeline_model_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, HZ_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_EVENTS] =
    g_param_spec_uint ("n-events", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_VISIBLE_EVENTS] =
    g_param_spec_uint ("n-visible-events", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hz_timeline_model_init (HzTimelineModel *self)
{
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_entry_free);
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->today_index = G_MAXUINT;
  self->team_mask = HZ_TIMELINE_ALL_TEAMS;
  self->kind_mask = HZ_TIMELINE_ALL_KINDS;
  g_date_clear (&self->today, 1);
  hz_ga_get_today (&self->today);
  hz_dating_compute (&self->dating, NULL, NULL, 0, NULL, 0, NULL, NULL);
}

HzTimelineModel *
hz_timeline_model_new (HzCase *kase)
{
  g_return_val_if_fail (kase == NULL || HZ_IS_CASE (kase), NULL);

  return g_object_new (HZ_TYPE_TIMELINE_MODEL, "case", kase, NULL);
}

HzCase *
hz_timeline_model_get_case (HzTimelineModel *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_MODEL (self), NULL);

  return self->kase;
}

const HzDating *
hz_timeline_model_get_dating (HzTimelineModel *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_MODEL (self), NULL);

  return &self->dating;
}

void
hz_timeline_model_set_dating (HzTimelineModel *self,
                              const HzDating  *dating)
{
  g_return_if_fail (HZ_IS_TIMELINE_MODEL (self));
  g_return_if_fail (dating != NULL);

  self->dating = *dating;
  self->dating_overridden = TRUE;
  rebuild (self);
}

gboolean
hz_timeline_model_get_ga_known (HzTimelineModel *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_MODEL (self), FALSE);

  return self->dating.method != HZ_DATING_NONE;
}

void
hz_timeline_model_set_today (HzTimelineModel *self,
                             const GDate     *today)
{
  g_return_if_fail (HZ_IS_TIMELINE_MODEL (self));

  if (today != NULL && g_date_valid (today))
    self->today = *today;
  else
    hz_ga_get_today (&self->today);
  refilter (self);
}

const GDate *
hz_timeline_model_get_today (HzTimelineModel *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_MODEL (self), NULL);

  return &self->today;
}

/* --- filters -------------------------------------------------------------- */

static gboolean
set_text_internal (HzTimelineModel *self,
                   const char      *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_auto(GStrv) words = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  if (g_strcmp0 (stripped, self->text != NULL ? self->text : "") == 0)
    return FALSE;

  g_free (self->text);
  self->text = *stripped != '\0' ? g_strdup (stripped) : NULL;
  g_clear_pointer (&self->words, g_strfreev);

  if (self->text == NULL)
    return TRUE;

  builder = g_strv_builder_new ();
  words = g_regex_split_simple ("\\s+", self->text, 0, 0);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *folded = NULL;
      g_autofree char *normal = NULL;

      if (words[i][0] == '\0')
        continue;
      folded = g_utf8_casefold (words[i], -1);
      normal = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
      g_strv_builder_add (builder, normal != NULL ? normal : folded);
    }
  self->words = g_strv_builder_end (builder);
  if (self->words[0] == NULL)
    g_clear_pointer (&self->words, g_strfreev);
  return TRUE;
}

void
hz_timeline_model_set_filters (HzTimelineModel *self,
                               guint            team_mask,
                               guint            kind_mask,
                               const char      *text)
{
  gboolean changed = FALSE;

  g_return_if_fail (HZ_IS_TIMELINE_MODEL (self));

  team_mask &= HZ_TIMELINE_ALL_TEAMS;
  kind_mask &= HZ_TIMELINE_ALL_KINDS;

  if (team_mask != self->team_mask)
    {
      self->team_mask = team_mask;
      changed = TRUE;
    }
  if (kind_mask != self->kind_mask)
    {
      self->kind_mask = kind_mask;
      changed = TRUE;
    }
  if (set_text_internal (self, text))
    changed = TRUE;

  if (changed)
    refilter (self);
}

void
hz_timeline_model_set_team_mask (HzTimelineModel *self,
                                 guint            mask)
{
  g_return_if_fail (HZ_IS_TIMELINE_MODEL (self));

  hz_timeline_model_set_filters (self, mask, self->kind_mask, self->text);
}

guint
hz_timeline_model_get_team_mask (HzTimelineModel *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_MODEL (self), 0);

  return self->team_mask;
}

void
hz_timeline_model_set_kind_mask (HzTimelineModel *self,
                                 guint            mask)
{
  g_return_if_fail (HZ_IS_TIMELINE_MODEL (self));

  hz_timeline_model_set_filters (self, self->team_mask, mask, self->text);
}

guint
hz_timeline_model_get_kind_mask (HzTimelineModel *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_MODEL (self), 0);

  return self->kind_mask;
}

void
hz_timeline_model_set_text (HzTimelineModel *self,
                            const char      *text)
{
  g_return_if_fail (HZ_IS_TIMELINE_MODEL (self));

  if (set_text_internal (self, text))
    refilter (self);
}

const char *
hz_timeline_model_get_text (HzTimelineModel *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_MODEL (self), NULL);

  return self->text != NULL ? self->text : "";
}

/* --- queries -------------------------------------------------------------- */

guint
hz_timeline_model_get_n_events (HzTimelineModel *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_MODEL (self), 0);

  return self->events->len;
}

HzTimelineRow *
hz_timeline_model_get_event_row (HzTimelineModel *self,
                                 guint            position)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_MODEL (self), NULL);

  if (position >= self->events->len)
    return NULL;
  return g_ptr_array_index (self->events, position);
}

guint
hz_timeline_model_get_n_visible_events (HzTimelineModel *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_MODEL (self), 0);

  return self->n_visible_events;
}

guint
hz_timeline_model_find_key (HzTimelineModel *self,
                            const char      *key)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_MODEL (self), G_MAXUINT);

  if (key == NULL)
    return G_MAXUINT;
  /* opening a case scrolls to today: no need to walk 10,000 rows */
  if (g_str_equal (key, "today"))
    return self->today_index;

  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (hz_timeline_row_get_key (g_ptr_array_index (self->rows, i)), key) == 0)
      return i;

  return G_MAXUINT;
}

static guint
find_group (HzTimelineModel       *self,
            const HzTimelineGroup *group)
{
  if (self->rows->len == 0)
    return G_MAXUINT;

  for (guint i = 0; i < self->rows->len; i++)
    {
      HzTimelineRow *row = g_ptr_array_index (self->rows, i);
      const HzTimelineGroup *row_group = hz_timeline_row_get_group (row);

      /* A date is never "in" the undated group. */
      if (row_group->type == HZ_TIMELINE_GROUP_UNDATED && group->type != HZ_TIMELINE_GROUP_UNDATED)
        break;
      if (hz_timeline_group_compare (row_group, group) >= 0)
        return i;
    }

  /* Later than everything: the last dated row. */
  for (guint i = self->rows->len; i > 0; i--)
    {
      HzTimelineRow *row = g_ptr_array_index (self->rows, i - 1);

      if (hz_timeline_row_get_group (row)->type != HZ_TIMELINE_GROUP_UNDATED)
        return i - 1;
    }
  return self->rows->len - 1;
}

guint
hz_timeline_model_find_julian (HzTimelineModel *self,
                               guint32          julian)
{
  HzTimelineGroup group;

  g_return_val_if_fail (HZ_IS_TIMELINE_MODEL (self), G_MAXUINT);

  if (julian == 0)
    return G_MAXUINT;

  hz_timeline_group_for_date (&self->dating, julian, &group);
  return find_group (self, &group);
}

guint
hz_timeline_model_find_ga (HzTimelineModel *self,
                           int              ga_days)
{
  GDate date;

  g_return_val_if_fail (HZ_IS_TIMELINE_MODEL (self), G_MAXUINT);

  if (self->dating.method == HZ_DATING_NONE)
    return G_MAXUINT;

  date = self->dating.lmp;
  if (ga_days >= 0)
    g_date_add_days (&date, ga_days);
  else
    g_date_subtract_days (&date, -ga_days);

  /* A GA past the delivery still means that week of the pregnancy. */
  if (self->dating.delivered && ga_days >= 0 &&
      g_date_compare (&date, &self->dating.delivery_date) > 0)
    {
      HzTimelineGroup group = { HZ_TIMELINE_GROUP_WEEK, ga_days / 7 };

      return find_group (self, &group);
    }

  return hz_timeline_model_find_julian (self, g_date_get_julian (&date));
}

guint
hz_timeline_model_find_today (HzTimelineModel *self)
{
  return hz_timeline_model_find_key (self, "today");
}

void
hz_timeline_model_get_week_stats (HzTimelineModel *self,
                                  guint           *counts,
                                  HzSeverity      *severities,
                                  guint            n_weeks)
{
  g_return_if_fail (HZ_IS_TIMELINE_MODEL (self));

  if (counts != NULL)
    memset (counts, 0, n_weeks * sizeof *counts);
  if (severities != NULL)
    for (guint i = 0; i < n_weeks; i++)
      severities[i] = HZ_SEVERITY_INFO;

  for (guint i = 0; i < self->rows->len; i++)
    {
      HzTimelineRow *row = g_ptr_array_index (self->rows, i);
      const HzTimelineGroup *group = hz_timeline_row_get_group (row);
      HzSeverity severity;

      if (hz_timeline_row_get_row_type (row) != HZ_TIMELINE_ROW_EVENT ||
          group->type != HZ_TIMELINE_GROUP_WEEK ||
          group->index < 0 || (guint) group->index >= n_weeks)
        continue;

      if (counts != NULL)
        counts[group->index]++;
      severity = hz_timeline_event_get_severity (hz_timeline_row_get_event (row));
      if (severities != NULL && severity > severities[group->index])
        severities[group->index] = severity;
    }
}

/* --- jumping -------------------------------------------------------------- */

G_DEFINE_QUARK (hz-timeline-jump-error-quark, hz_timeline_jump_error)

#define MAX_JUMP_WEEKS 42

gboolean
hz_timeline_parse_jump_full (const char          *text,
                             HzTimelineJumpKind  *kind,
                             int                 *value,
                             GError             **error)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *s = NULL;
  static GRegex *ga_re, *pp_re, *date_re;

  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (g_once_init_enter (&ga_re))
    {
      /* 12 | 12+3 | 12w3d | 12w | 12 weeks 3 days | 孕12+3周 | 孕12周 | 12周3天 | GA 12+3 */
      g_once_init_leave (&ga_re,
                         g_regex_new ("^(?:孕|ga)?\\s*(\\d{1,3})\\s*"
                                      "(?:(?:\\+|weeks?|wks?|w|周)\\s*(?:(\\d{1,2})\\s*(?:days?|d|天)?)?)?\\s*周?$",
                                      G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
      /* 产后5天 | pp5 | pp 5 | postpartum day 5 | 产后第5天 */
      pp_re = g_regex_new ("^(?:产后第?|pp|postpartum\\s*(?:day)?)\\s*(\\d{1,3})\\s*(?:天|d|days?)?$",
                           G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      /* 2024-05-06 | 2024/5/6 | 2024.5.6 | 2024年5月6日 */
      date_re = g_regex_new ("^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?$",
                             G_REGEX_OPTIMIZE, 0, NULL);
    }

  /* Full-width digits and ＋ from a Chinese input method read as ASCII */
  if (text != NULL)
    s = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (s == NULL || *g_strstrip (s) == '\0')
    {
      g_set_error_literal (error, HZ_TIMELINE_JUMP_ERROR, HZ_TIMELINE_JUMP_ERROR_SYNTAX,
                           _("Type a number of weeks, such as 20 or 20+3, or a date, such as 2026-05-06"));
      return FALSE;
    }

  if (g_regex_match (ga_re, s, 0, &match))
    {
      g_autofree char *w = g_match_info_fetch (match, 1);
      g_autofree char *d = g_match_info_fetch (match, 2);
      int weeks = atoi (w);
      int days = d != NULL && *d != '\0' ? atoi (d) : 0;

      if (weeks > MAX_JUMP_WEEKS)
        {
          g_set_error (error, HZ_TIMELINE_JUMP_ERROR, HZ_TIMELINE_JUMP_ERROR_WEEKS,
                       /* Translators: the jump entry was given 99 weeks */
                       _("Gestational age must be between 0 and %d weeks"), MAX_JUMP_WEEKS);
          return FALSE;
        }
      if (days > 6)
        {
          g_set_error_literal (error, HZ_TIMELINE_JUMP_ERROR, HZ_TIMELINE_JUMP_ERROR_DAYS,
                               /* Translators: the jump entry was given 20+9 */
                               _("Days after the week must be between 0 and 6, as in 20+3"));
          return FALSE;
        }
      *kind = HZ_TIMELINE_JUMP_GA;
      *value = weeks * 7 + days;
      return TRUE;
    }
  g_clear_pointer (&match, g_match_info_free);

  if (g_regex_match (pp_re, s, 0, &match))
    {
      g_autofree char *n = g_match_info_fetch (match, 1);

      *kind = HZ_TIMELINE_JUMP_POSTPARTUM;
      *value = atoi (n);
      return TRUE;
    }
  g_clear_pointer (&match, g_match_info_free);

  if (g_regex_match (date_re, s, 0, &match))
    {
      g_autofree char *y = g_match_info_fetch (match, 1);
      g_autofree char *m = g_match_info_fetch (match, 2);
      g_autofree char *d = g_match_info_fetch (match, 3);
      GDate date;

      if (!g_date_valid_dmy (atoi (d), atoi (m), atoi (y)))
        {
          g_set_error_literal (error, HZ_TIMELINE_JUMP_ERROR, HZ_TIMELINE_JUMP_ERROR_DATE,
                               _("There is no such date: type it as 2026-05-06"));
          return FALSE;
        }
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, atoi (d), atoi (m), atoi (y));
      *kind = HZ_TIMELINE_JUMP_DATE;
      *value = (int) g_date_get_julian (&date);
      return TRUE;
    }

  g_set_error_literal (error, HZ_TIMELINE_JUMP_ERROR, HZ_TIMELINE_JUMP_ERROR_SYNTAX,
                       _("Type a number of weeks, such as 20 or 20+3, or a date, such as 2026-05-06"));
  return FALSE;
}

gboolean
hz_timeline_parse_jump (const char         *text,
                        HzTimelineJumpKind *kind,
                        int                *value)
{
  return hz_timeline_parse_jump_full (text, kind, value, NULL);
}

guint
hz_timeline_model_find_jump (HzTimelineModel    *self,
                             HzTimelineJumpKind  kind,
                             int                 value)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_MODEL (self), G_MAXUINT);

  switch (kind)
    {
    case HZ_TIMELINE_JUMP_GA:
      return hz_timeline_model_find_ga (self, value);

    case HZ_TIMELINE_JUMP_POSTPARTUM:
      {
        HzTimelineGroup group = { HZ_TIMELINE_GROUP_POSTPARTUM, MAX (value, 1) };

        if (!self->dating.delivered)
          return G_MAXUINT;
        return find_group (self, &group);
      }

    case HZ_TIMELINE_JUMP_DATE:
      return value > 0 ? hz_timeline_model_find_julian (self, (guint32) value) : G_MAXUINT;

    default:
      return G_MAXUINT;
    }
}
