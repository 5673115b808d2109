/* hz-window.h — the main window: case list and case workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

#include "hz-application.h"

G_BEGIN_DECLS

#define HZ_TYPE_WINDOW (hz_window_get_type ())

G_DECLARE_FINAL_TYPE (HzWindow, hz_window, HZ, WINDOW, AdwApplicationWindow)

HzWindow   *hz_window_new          (HzApplication *application);
/* (nullable) (transfer none): NULL until the database is open */
HzStore    *hz_window_get_store    (HzWindow      *self);
/* The database path this window opens. */
const char *hz_window_get_db_path  (HzWindow      *self);
/* Opens @case_id in the workspace (after the database opened and the
 * clinician is known: until then the request waits). */
/* The next case to finish opening shows page @name (--page) */
/* Shows the high-risk registry as soon as it has been read. */
void        hz_window_show_registry_when_read (HzWindow *self);
void        hz_window_show_page_when_open (HzWindow   *self,
                                           const char *name);
void        hz_window_open_case    (HzWindow      *self,
                                    const char    *case_id);
void        hz_window_close_case   (HzWindow      *self);
/* After the hospital's time zone changed: every date shown again */
void        hz_window_show_dates_again (HzWindow  *self);
void        hz_window_show_toast   (HzWindow      *self,
                                    const char    *message);

G_END_DECLS
