/* hz-test-keys.c — real key presses for the GUI tests (XTest)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hz-test-keys.h"

#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#endif

static void
iterate_for (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

gboolean
hz_test_keys_available (void)
{
#ifdef HAVE_XTEST
  GdkDisplay *display = gdk_display_get_default ();
  int event_base, error_base, major, minor;

  return display != NULL && GDK_IS_X11_DISPLAY (display) &&
         XTestQueryExtension (gdk_x11_display_get_xdisplay (display),
                              &event_base, &error_base, &major, &minor);
#else
  return FALSE;
#endif
}

#ifdef HAVE_XTEST
static void
send_key (Display *xdisplay,
          KeySym   keysym,
          gboolean press)
{
  KeyCode code = XKeysymToKeycode (xdisplay, keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (xdisplay, code, press, CurrentTime);
}
#endif

void
hz_test_press (GtkWidget  *window,
               const char *accel)
{
#ifdef HAVE_XTEST
  GdkDisplay *display = gtk_widget_get_display (window);
  Display *xdisplay = gdk_x11_display_get_xdisplay (display);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  static const struct {
    GdkModifierType mask;
    KeySym          keysym;
  } modifiers[] = {
    { GDK_CONTROL_MASK, XK_Control_L },
    { GDK_ALT_MASK, XK_Alt_L },
    { GDK_SHIFT_MASK, XK_Shift_L },
  };
  GdkModifierType mods = 0;
  guint keyval = 0;

  g_assert_true (gtk_accelerator_parse (accel, &keyval, &mods));
  g_assert_nonnull (surface);

  /* No window manager on Xvfb: give the window the focus ourselves */
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (xdisplay, False);
  iterate_for (50);

  for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
    if (mods & modifiers[i].mask)
      send_key (xdisplay, modifiers[i].keysym, TRUE);
  send_key (xdisplay, keyval, TRUE);
  send_key (xdisplay, keyval, FALSE);
  for (guint i = G_N_ELEMENTS (modifiers); i > 0; i--)
    if (mods & modifiers[i - 1].mask)
      send_key (xdisplay, modifiers[i - 1].keysym, FALSE);
  XSync (xdisplay, False);
  iterate_for (150);
#else
  g_assert_not_reached ();
#endif
}

#ifdef HAVE_XTEST
/* Moves the pointer to (@x, @y) in @widget's coordinates */
static void
move_pointer (GtkWidget *widget,
              double     x,
              double     y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  graphene_point_t point;
  double dx = 0, dy = 0;
  int root_x, root_y;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  XTranslateCoordinates (xdisplay, gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (xdisplay),
                         (int) (point.x + dx), (int) (point.y + dy), &root_x, &root_y, &child);
  XTestFakeMotionEvent (xdisplay, -1, root_x, root_y, CurrentTime);
  XSync (xdisplay, False);
}
#endif

void
hz_test_click (GtkWidget *widget,
               double     x,
               double     y)
{
#ifdef HAVE_XTEST
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));

  move_pointer (widget, x, y);
  iterate_for (50);
  XTestFakeButtonEvent (xdisplay, 1, True, CurrentTime);
  XTestFakeButtonEvent (xdisplay, 1, False, CurrentTime);
  XSync (xdisplay, False);
  iterate_for (200);
#else
  g_assert_not_reached ();
#endif
}

void
hz_test_drag (GtkWidget *widget,
              guint      button,
              double     x0,
              double     y0,
              double     x1,
              double     y1)
{
#ifdef HAVE_XTEST
  Display *xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));

  move_pointer (widget, x0, y0);
  iterate_for (50);
  XTestFakeButtonEvent (xdisplay, button, True, CurrentTime);
  XSync (xdisplay, False);
  iterate_for (50);
  for (int i = 1; i <= 4; i++)
    {
      move_pointer (widget, x0 + (x1 - x0) * i / 4, y0 + (y1 - y0) * i / 4);
      iterate_for (30);
    }
  XTestFakeButtonEvent (xdisplay, button, False, CurrentTime);
  XSync (xdisplay, False);
  iterate_for (200);
#else
  g_assert_not_reached ();
#endif
}

GtkWidget *
hz_test_find_widget (GtkWidget         *root,
                     HzTestWidgetMatch  match,
                     gconstpointer      data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = hz_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}
