/* hz-psychology-private.h — the types and helpers of the psychology plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpeas/peas.h>
#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_PSYCHOLOGY_ADDIN (hz_psychology_addin_get_type ())
G_DECLARE_FINAL_TYPE (HzPsychologyAddin, hz_psychology_addin, HZ, PSYCHOLOGY_ADDIN, GObject)

#define HZ_TYPE_PSYCHOLOGY_PAGE (hz_psychology_page_get_type ())
G_DECLARE_FINAL_TYPE (HzPsychologyPage, hz_psychology_page, HZ, PSYCHOLOGY_PAGE, GtkWidget)

#define HZ_TYPE_PSYCHOLOGY_BANNER (hz_psychology_banner_get_type ())
G_DECLARE_FINAL_TYPE (HzPsychologyBanner, hz_psychology_banner, HZ, PSYCHOLOGY_BANNER, GtkWidget)

#define HZ_TYPE_PSYCHOLOGY_TABLET (hz_psychology_tablet_get_type ())
G_DECLARE_FINAL_TYPE (HzPsychologyTablet, hz_psychology_tablet, HZ, PSYCHOLOGY_TABLET, AdwWindow)

#define HZ_TYPE_PSYCHOLOGY_SOURCE (hz_psychology_source_get_type ())
G_DECLARE_FINAL_TYPE (HzPsychologySource, hz_psychology_source, HZ, PSYCHOLOGY_SOURCE, GObject)

GtkWidget  *hz_psychology_page_new     (HzCase *kase);
GtkWidget  *hz_psychology_banner_new   (HzCase      *kase,
                                        HzWorkspace *workspace);
/* The woman's own full-screen form of @scale over @parent's window: one
 * item a screen, a summary, then the save; it leaves full screen only by a
 * staff action. (transfer floating: the window is shown) */
HzPsychologyTablet *hz_psychology_tablet_new (GtkWidget *parent,
                                              HzCase    *kase,
                                              HzScale    scale);

/* hz-psychology-actions.c: the writes, shared by the page, the tablet and
 * the banner */

/* Scores @answers and writes the response, its total and what follows
 * (alert, same-day task, referral, reminder) in one transaction through
 * hz_save_bundle_async(); @callback gets hz_psychology_save_finish(). */
void        hz_psychology_save_async   (GtkWidget           *parent,
                                        HzCase              *kase,
                                        HzScale              scale,
                                        const int           *answers,
                                        guint                n_answers,
                                        HzScreeningEntry     entry,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* TRUE when written; @outcome (optional, caller-allocates) gets the score
 * and ids (clear it with hz_screening_outcome_clear()). */
gboolean    hz_psychology_save_finish  (GAsyncResult        *result,
                                        HzScreeningOutcome  *outcome,
                                        GError             **error);
/* Asks for confirmation (and a reason), then closes the case's open alert
 * as a new version of its Flag. */
void        hz_psychology_close_alert  (GtkWidget *parent,
                                        HzCase    *kase);
/* The band's display and "依据" line of a result, as every view shows it.
 * (transfer full) */
char       *hz_psychology_format_source (const HzScaleResult *result);
/* Loads the plugin's style sheet once. */
void        hz_psychology_ensure_style (void);

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_END_DECLS
