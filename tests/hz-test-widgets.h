/* hz-test-widgets.h — reading what a window shows, for the GUI tests
 *
 * A label counts when it is on show: it and every widget above it visible
 * and child-visible (a GtkStack's hidden pages and a hidden row do not).
 * Tests assert on these texts as a reader would read the screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* TRUE when @widget and its ancestors are visible and child-visible */
gboolean   hz_test_widget_is_shown          (GtkWidget  *widget);
/* The texts of the shown GtkLabels under @root, in tree order.
 * (transfer container) (element-type utf8) */
GPtrArray *hz_test_shown_labels             (GtkWidget  *root);
/* How many shown labels under @root read exactly @text */
guint      hz_test_count_label              (GtkWidget  *root,
                                             const char *text);
/* A shown label under @root holds @needle */
gboolean   hz_test_has_label_containing     (GtkWidget  *root,
                                             const char *needle);
/* The first widget under @root (itself included, depth first) named
 * @name (gtk_widget_set_name). (nullable) */
GtkWidget *hz_test_find_named               (GtkWidget  *root,
                                             const char *name);
/* The shown AdwActionRow under @root titled @title. (nullable) */
GtkWidget *hz_test_find_row                 (GtkWidget  *root,
                                             const char *title);
/* Fails the test when a shown label under @root reads exactly as a FHIR
 * status or priority code ("booked", "final", "active", "requested"...):
 * a code shown instead of its word */
void       hz_test_assert_no_raw_codes      (GtkWidget  *root);
/* Fails the test when a shown label under @root holds an ASCII colon,
 * semicolon, comma, question or exclamation mark next to a Chinese
 * character: Chinese text takes the full-width forms (：；，？！) */
void       hz_test_assert_full_width_punctuation (GtkWidget *root);

/* The shown toplevel window (a dialog) named @name, or NULL */
GtkWidget *hz_test_find_toplevel            (const char *name);
/* An HzTestCondition-shaped wait: the toplevel named @name (a const
 * char *) is shown */
gboolean   hz_test_toplevel_shown           (gpointer    name);

/* The timeline page @timeline (the timeline plugin's, loaded from the
 * build tree) lists an event whose title or detail holds @needle. Its
 * rows are drawn, not labels: they are read from its list view's model
 * through the plugin's hz_timeline_row_get_event(). */
gboolean   hz_test_timeline_has_event       (GtkWidget  *timeline,
                                             const char *needle);

G_END_DECLS
