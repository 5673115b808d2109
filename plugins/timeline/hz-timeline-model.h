/* hz-timeline-model.h — the events of every timeline source, grouped and filtered
 *
 * A GListModel of HzTimelineRow: group headers, the events that pass the
 * filters in timeline order, and a today marker. No GTK: it is tested
 * without a display and bound by the page to a GtkListView.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <huizhen.h>

#include "hz-timeline-row.h"

G_BEGIN_DECLS

/* Filter masks: bit (1 << HzTeam) and bit (1 << HzEventKind). Events
 * without a team count as HZ_TEAM_OTHER. */
#define HZ_TIMELINE_ALL_TEAMS ((1u << (HZ_TEAM_OTHER + 1)) - 1)
#define HZ_TIMELINE_ALL_KINDS ((1u << (HZ_EVENT_KIND_OTHER + 1)) - 1)

#define HZ_TYPE_TIMELINE_MODEL (hz_timeline_model_get_type ())

G_DECLARE_FINAL_TYPE (HzTimelineModel, hz_timeline_model, HZ, TIMELINE_MODEL, GObject)

HzTimelineModel *hz_timeline_model_new             (HzCase *kase);
/* hz_case_get_dating(), remembered until the case next changes (it reads
 * every Observation of the case; the model, the store source and the page
 * all need it). */
void             hz_timeline_case_get_dating       (HzCase   *kase,
                                                    HzDating *dating);
/* (nullable) (transfer none) */
HzCase          *hz_timeline_model_get_case        (HzTimelineModel *self);
const HzDating  *hz_timeline_model_get_dating      (HzTimelineModel *self);
/* Overrides the dating (it is otherwise the case's, kept up to date). */
void             hz_timeline_model_set_dating      (HzTimelineModel *self,
                                                    const HzDating  *dating);
/* TRUE when the case has a dating (events are counted in weeks). */
gboolean         hz_timeline_model_get_ga_known    (HzTimelineModel *self);
/* The day the today marker is drawn at (default: today, local time). */
void             hz_timeline_model_set_today       (HzTimelineModel *self,
                                                    const GDate     *today);
const GDate     *hz_timeline_model_get_today       (HzTimelineModel *self);

/* Sources: the model loads the source on @kase, lists its events, and
 * lists them again on HzTimelineSource::changed. @source_id is set on each
 * event (e.g. "store", or the plugin's module name). */
void             hz_timeline_model_add_source      (HzTimelineModel  *self,
                                                    HzTimelineSource *source,
                                                    const char       *source_id);
void             hz_timeline_model_remove_source   (HzTimelineModel  *self,
                                                    HzTimelineSource *source);
guint            hz_timeline_model_get_n_sources   (HzTimelineModel *self);

/* Filters; each change refilters once (one items-changed). */
void             hz_timeline_model_set_team_mask   (HzTimelineModel *self,
                                                    guint            mask);
guint            hz_timeline_model_get_team_mask   (HzTimelineModel *self);
void             hz_timeline_model_set_kind_mask   (HzTimelineModel *self,
                                                    guint            mask);
guint            hz_timeline_model_get_kind_mask   (HzTimelineModel *self);
/* Words (case-insensitive) that must all appear in the title, detail, kind,
 * team, GA or date. NULL or "" for none. */
void             hz_timeline_model_set_text        (HzTimelineModel *self,
                                                    const char      *text);
const char      *hz_timeline_model_get_text        (HzTimelineModel *self);
/* All three at once (one refilter). */
void             hz_timeline_model_set_filters     (HzTimelineModel *self,
                                                    guint            team_mask,
                                                    guint            kind_mask,
                                                    const char      *text);

/* Every event of every source, in timeline order (not filtered). */
guint            hz_timeline_model_get_n_events    (HzTimelineModel *self);
/* (transfer none) the @position-th event row, unfiltered */
HzTimelineRow   *hz_timeline_model_get_event_row   (HzTimelineModel *self,
                                                    guint            position);
/* Events that pass the filters. */
guint            hz_timeline_model_get_n_visible_events (HzTimelineModel *self);

/* Positions in the (filtered) list model, or GTK_INVALID_LIST_POSITION
 * (G_MAXUINT) when not shown. */
guint            hz_timeline_model_find_key        (HzTimelineModel *self,
                                                    const char      *key);
/* The first row at or after a gestational age / a day (the header of its
 * group when there is one), or the last row when it is later than all. */
guint            hz_timeline_model_find_ga         (HzTimelineModel *self,
                                                    int              ga_days);
guint            hz_timeline_model_find_julian     (HzTimelineModel *self,
                                                    guint32          julian);
guint            hz_timeline_model_find_today      (HzTimelineModel *self);

/* Events shown per gestational week 0 .. @n_weeks - 1 and the highest
 * severity among them (for the ruler). Weeks beyond are not counted. */
void             hz_timeline_model_get_week_stats  (HzTimelineModel *self,
                                                    guint           *counts,
                                                    HzSeverity      *severities,
                                                    guint            n_weeks);

/* The words of a jump entry: "12+3", "12w3d", "12w", "孕12+3周", "12" (weeks),
 * "产后5天" / "pp5" (postpartum day) or a date "2024-05-06", "2024/5/6",
 * "2024年5月6日". Returns FALSE for anything else. */
typedef enum {
  HZ_TIMELINE_JUMP_GA,
  HZ_TIMELINE_JUMP_POSTPARTUM,
  HZ_TIMELINE_JUMP_DATE,
} HzTimelineJumpKind;

gboolean         hz_timeline_parse_jump            (const char         *text,
                                                    HzTimelineJumpKind *kind,
                                                    int                *value);

/* Why a jump entry could not be read; the messages are translated and
 * say what to type instead. */
#define HZ_TIMELINE_JUMP_ERROR (hz_timeline_jump_error_quark ())
typedef enum {
  HZ_TIMELINE_JUMP_ERROR_SYNTAX,   /* not a GA, a postpartum day or a date */
  HZ_TIMELINE_JUMP_ERROR_WEEKS,    /* weeks outside 0–42 */
  HZ_TIMELINE_JUMP_ERROR_DAYS,     /* days outside 0–6 */
  HZ_TIMELINE_JUMP_ERROR_DATE,     /* no such day (2026-02-30) */
} HzTimelineJumpError;

GQuark           hz_timeline_jump_error_quark      (void);
/* As hz_timeline_parse_jump(), also accepting full-width digits and
 * "20 weeks 3 days"; on failure @error says why. */
gboolean         hz_timeline_parse_jump_full       (const char          *text,
                                                    HzTimelineJumpKind  *kind,
                                                    int                 *value,
                                                    GError             **error);
/* Position for a parsed jump (see above), or G_MAXUINT. */
guint            hz_timeline_model_find_jump       (HzTimelineModel    *self,
                                                    HzTimelineJumpKind  kind,
                                                    int                 value);

G_END_DECLS
