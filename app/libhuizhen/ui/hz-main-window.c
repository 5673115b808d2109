/* hz-main-window.c — what a plugin sees of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-ui"

#include "config.h"

#include "hz-ui.h"

G_DEFINE_INTERFACE (HzMainWindow, hz_main_window, GTK_TYPE_WINDOW)

static void
hz_main_window_default_init (HzMainWindowInterface *iface)
{
}

/**
 * hz_main_window_get_store:
 * @self: an #HzMainWindow
 *
 * Returns: (transfer none) (nullable): the window's open store
 */
HzStore *
hz_main_window_get_store (HzMainWindow *self)
{
  HzMainWindowInterface *iface;

  g_return_val_if_fail (HZ_IS_MAIN_WINDOW (self), NULL);

  iface = HZ_MAIN_WINDOW_GET_IFACE (self);
  return iface->get_store != NULL ? iface->get_store (self) : NULL;
}

/**
 * hz_main_window_add_view:
 * @self: an #HzMainWindow
 *
 * Adds a window-wide view and its sidebar button; see hz-main-window.h.
 */
void
hz_main_window_add_view (HzMainWindow *self,
                         GtkWidget    *view,
                         const char   *name,
                         const char   *title,
                         const char   *icon_name,
                         const char   *tooltip,
                         int           priority)
{
  HzMainWindowInterface *iface;

  g_return_if_fail (HZ_IS_MAIN_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (view));
  g_return_if_fail (name != NULL);
  g_return_if_fail (title != NULL);

  iface = HZ_MAIN_WINDOW_GET_IFACE (self);
  if (iface->add_view != NULL)
    iface->add_view (self, view, name, title, icon_name, tooltip, priority);
}

/**
 * hz_main_window_remove_view:
 * @self: an #HzMainWindow
 *
 * Removes a view added with hz_main_window_add_view().
 */
void
hz_main_window_remove_view (HzMainWindow *self,
                            GtkWidget    *view)
{
  HzMainWindowInterface *iface;

  g_return_if_fail (HZ_IS_MAIN_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (view));

  iface = HZ_MAIN_WINDOW_GET_IFACE (self);
  if (iface->remove_view != NULL)
    iface->remove_view (self, view);
}

/**
 * hz_main_window_set_view_counts:
 * @self: an #HzMainWindow
 *
 * Sets the badges of @view's sidebar button.
 */
void
hz_main_window_set_view_counts (HzMainWindow *self,
                                GtkWidget    *view,
                                guint        count,
                                guint        urgent)
{
  HzMainWindowInterface *iface;

  g_return_if_fail (HZ_IS_MAIN_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (view));

  iface = HZ_MAIN_WINDOW_GET_IFACE (self);
  if (iface->set_view_counts != NULL)
    iface->set_view_counts (self, view, count, urgent);
}

/**
 * hz_main_window_show_view:
 * @self: an #HzMainWindow
 *
 * Shows the view named @name in the content area.
 */
void
hz_main_window_show_view (HzMainWindow *self,
                          const char   *name)
{
  HzMainWindowInterface *iface;

  g_return_if_fail (HZ_IS_MAIN_WINDOW (self));
  g_return_if_fail (name != NULL);

  iface = HZ_MAIN_WINDOW_GET_IFACE (self);
  if (iface->show_view != NULL)
    iface->show_view (self, name);
}

/**
 * hz_main_window_open_database:
 * @self: an #HzMainWindow
 *
 * Opens the database @path in a window of its own, with @case_id open.
 */
void
hz_main_window_open_database (HzMainWindow *self,
                              const char   *path,
                              const char   *case_id)
{
  HzMainWindowInterface *iface;

  g_return_if_fail (HZ_IS_MAIN_WINDOW (self));
  g_return_if_fail (path != NULL && case_id != NULL);

  iface = HZ_MAIN_WINDOW_GET_IFACE (self);
  if (iface->open_database != NULL)
    iface->open_database (self, path, case_id);
}

/**
 * hz_main_window_open_case:
 * @self: an #HzMainWindow
 *
 * Opens the case @case_id, on the page @page (nullable) once loaded.
 */
void
hz_main_window_open_case (HzMainWindow *self,
                          const char   *case_id,
                          const char   *page)
{
  HzMainWindowInterface *iface;

  g_return_if_fail (HZ_IS_MAIN_WINDOW (self));
  g_return_if_fail (case_id != NULL);

  iface = HZ_MAIN_WINDOW_GET_IFACE (self);
  if (iface->open_case != NULL)
    iface->open_case (self, case_id, page);
}

/**
 * hz_main_window_show_message:
 * @self: an #HzMainWindow
 *
 * Shows a short toast in the window.
 */
void
hz_main_window_show_message (HzMainWindow *self,
                             const char   *message)
{
  HzMainWindowInterface *iface;

  g_return_if_fail (HZ_IS_MAIN_WINDOW (self));
  g_return_if_fail (message != NULL);

  iface = HZ_MAIN_WINDOW_GET_IFACE (self);
  if (iface->show_message != NULL)
    iface->show_message (self, message);
}
