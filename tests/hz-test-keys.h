/* hz-test-keys.h — real key presses for the GUI tests
 *
 * GTK 4 has no way to make a key event; the X server has (XTest). A key
 * sent this way goes through everything a user's key does: the window's
 * and the application's shortcuts, the focus chain, the widgets' own
 * bindings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* TRUE when keys can be sent: an X11 display with the XTest extension
 * (Xvfb has it). Tests skip their key presses otherwise. */
gboolean hz_test_keys_available (void);
/* Gives @window the keyboard focus, presses and releases @accel
 * ("<Control>t", "<Alt>2", "Return") and lets the main loop handle it. */
void     hz_test_press          (GtkWidget  *window,
                                 const char *accel);
/* The first widget under @root (itself included, depth first) that
 * @match accepts, to press keys on or look at. (nullable) */
typedef gboolean (*HzTestWidgetMatch) (GtkWidget     *widget,
                                       gconstpointer  data);
GtkWidget *hz_test_find_widget  (GtkWidget         *root,
                                 HzTestWidgetMatch  match,
                                 gconstpointer      data);

/* Moves the pointer to (@x, @y) in @widget and clicks the first button. */
void     hz_test_click          (GtkWidget  *widget,
                                 double      x,
                                 double      y);

/* Presses @button (1 primary, 2 middle, 3 secondary) at (@x0, @y0) in
 * @widget, moves the pointer in four steps to (@x1, @y1) and releases it. */
void     hz_test_drag           (GtkWidget  *widget,
                                 guint       button,
                                 double      x0,
                                 double      y0,
                                 double      x1,
                                 double      y1);

G_END_DECLS
