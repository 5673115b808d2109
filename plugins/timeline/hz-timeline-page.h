/* hz-timeline-page.h — the Timeline page of a case workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

#include "hz-timeline-model.h"

G_BEGIN_DECLS

#define HZ_TYPE_TIMELINE_PAGE (hz_timeline_page_get_type ())

G_DECLARE_FINAL_TYPE (HzTimelinePage, hz_timeline_page, HZ, TIMELINE_PAGE, GtkWidget)

/* A page showing @kase, with the built-in store source already added. */
GtkWidget       *hz_timeline_page_new            (HzCase *kase);
HzTimelineModel *hz_timeline_page_get_model      (HzTimelinePage *self);
/* Where selected events are shown (hz_workspace_show_resource) and
 * messages go. (weak) */
void             hz_timeline_page_set_workspace  (HzTimelinePage *self,
                                                  HzWorkspace    *workspace);
/* The day "today" is for the marker and the due items (tests, benchmarks). */
void             hz_timeline_page_set_today      (HzTimelinePage *self,
                                                  const GDate    *today);
/* Scrolls so that the row with @key ("Type/id", "week:12", "today"...) is at
 * the top. FALSE if no such row is shown. */
gboolean         hz_timeline_page_scroll_to_key  (HzTimelinePage *self,
                                                  const char     *key);
/* Jumps as the jump entry does ("12+3", "2024-05-06"...). */
gboolean         hz_timeline_page_jump_to        (HzTimelinePage *self,
                                                  const char     *text);
/* Why the last jump did not happen, as the page shows it under the entry;
 * NULL after a jump that worked. (nullable) */
const char      *hz_timeline_page_get_jump_error (HzTimelinePage *self);
/* Selects the row with @key (NULL to unselect); FALSE if not shown. */
gboolean         hz_timeline_page_select_key     (HzTimelinePage *self,
                                                  const char     *key);
/* Opens the selected event as Enter does: in its owner page, else in a
 * detail popover. */
void             hz_timeline_page_open_selected  (HzTimelinePage *self);
/* The detail popover, when one is open (tests). (nullable) (transfer none) */
GtkWidget       *hz_timeline_page_get_popover    (HzTimelinePage *self);
/* The list view and the number of charts (tests, benchmarks). (transfer none) */
GtkWidget       *hz_timeline_page_get_list_view  (HzTimelinePage *self);
guint            hz_timeline_page_get_n_charts   (HzTimelinePage *self);
/* The view shown: "events" or "trends". */
const char      *hz_timeline_page_get_view       (HzTimelinePage *self);
void             hz_timeline_page_set_view       (HzTimelinePage *self,
                                                  const char     *view);

G_END_DECLS
