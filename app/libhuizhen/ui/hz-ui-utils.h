/* hz-ui-utils.h — small widget helpers shared by the shell and plugins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_UI_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <hz-ui.h> can be included directly."
#endif

#include <gtk/gtk.h>
#include <huizhen.h>

G_BEGIN_DECLS

/* Makes Pango use the locale's language (so zh_CN picks Noto CJK SC shapes,
 * not the Japanese ones), and loads the shared style sheet. Call once after
 * gtk_init / in ::startup. */
void        hz_ui_init                    (void);
/* A small rounded badge for a risk colour: adds CSS class "risk-badge" and
 * "risk-green"/"risk-yellow"/... ; @infectious adds a purple dot. */
GtkWidget  *hz_ui_demo_badge_new          (void);
/* A red "Self-harm risk" pill (CSS class "alert-badge"), named
 * "alert-badge"; the class "alert-banner" styles an alert banner. */
GtkWidget  *hz_ui_alert_badge_new         (void);
GtkWidget  *hz_ui_risk_badge_new          (HzRiskColour colour,
                                           gboolean     infectious);
void        hz_ui_risk_badge_update       (GtkWidget   *badge,
                                           HzRiskColour colour,
                                           gboolean     infectious);
/* Formats an ISO date/dateTime for display in the locale ("2024年5月6日" /
 * "6 May 2024"). (transfer full) */
char       *hz_ui_format_date             (const char  *iso);
/* The same for a calendar day; NULL for NULL or an invalid date.
 * (transfer full) */
char       *hz_ui_format_gdate            (const GDate *date);
/* A 居民身份证 number as shown on screen: "****" and its last four
 * characters ("****0246"), "****" for one of four or fewer; NULL for NULL
 * or "". (transfer full) */
char       *hz_ui_mask_id_card            (const char  *id);
/* Sets a tooltip and the accessible label of an icon-only widget. */
void        hz_ui_set_accessible_label    (GtkWidget   *widget,
                                           const char  *label);

G_END_DECLS
