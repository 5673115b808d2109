/* hz-timeline-addin.h — adds the Timeline page to a case workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_TIMELINE_ADDIN (hz_timeline_addin_get_type ())

G_DECLARE_FINAL_TYPE (HzTimelineAddin, hz_timeline_addin, HZ, TIMELINE_ADDIN, GObject)

/* The page, while loaded. (nullable) (transfer none) */
GtkWidget *hz_timeline_addin_get_page (HzTimelineAddin *self);

G_END_DECLS
