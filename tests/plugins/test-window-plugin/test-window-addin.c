/* test-window-addin.c — a window-wide view, for the tests of HzWindowAddin
 *
 * Adds the view "test-view" with the badges 3 and 1; its one button opens
 * the store's first case on the summary page through the window. Its
 * keys (one, and a touchpad gesture) are in the Keyboard Shortcuts window
 * while it is loaded (tests/test-shortcuts-window.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-test-plugin"

#include "config.h"

#include <libpeas/peas.h>
#include <hz-ui.h>

#define TEST_TYPE_WINDOW_ADDIN (test_window_addin_get_type ())
G_DECLARE_FINAL_TYPE (TestWindowAddin, test_window_addin, TEST, WINDOW_ADDIN, GObject)

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

struct _TestWindowAddin
{
  GObject    parent_instance;

  GtkWidget *view;
};

static void window_addin_iface_init (HzWindowAddinInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TestWindowAddin, test_window_addin, G_TYPE_OBJECT, G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (HZ_TYPE_WINDOW_ADDIN,
                                                               window_addin_iface_init))

static void
on_open_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  HzMainWindow *window = HZ_MAIN_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = hz_store_list_cases (hz_main_window_get_store (window), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, >, 0);
  hz_main_window_open_case (window, hz_case_summary_get_case_id (cases->pdata[0]), "summary");
}

static void
test_window_addin_load (HzWindowAddin *addin,
                        HzMainWindow  *window)
{
  TestWindowAddin *self = TEST_WINDOW_ADDIN (addin);
  GtkWidget *button;

  g_assert_nonnull (hz_main_window_get_store (window));

  self->view = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_name (self->view, "test-view");
  gtk_box_append (GTK_BOX (self->view), adw_header_bar_new ());
  button = gtk_button_new_with_label ("Open the first case");
  gtk_widget_set_name (button, "test-view-open");
  g_signal_connect (button, "clicked", G_CALLBACK (on_open_clicked_cb), NULL);
  gtk_box_append (GTK_BOX (self->view), button);

  hz_main_window_add_view (window, self->view, "test-view", "Test view", "mail-inbox-symbolic",
                           "A view of the test plugin", 10);
  hz_main_window_set_view_counts (window, self->view, 3, 1);
}

static void
test_window_addin_unload (HzWindowAddin *addin,
                          HzMainWindow  *window)
{
  TestWindowAddin *self = TEST_WINDOW_ADDIN (addin);

  hz_main_window_remove_view (window, self->view);
  self->view = NULL;
}

static void
window_addin_iface_init (HzWindowAddinInterface *iface)
{
  iface->load = test_window_addin_load;
  iface->unload = test_window_addin_unload;
}

static void
test_window_addin_class_init (TestWindowAddinClass *klass)
{
}

static void
test_window_addin_class_finalize (TestWindowAddinClass *klass)
{
}

static void
test_window_addin_init (TestWindowAddin *self)
{
}

/* a plugin outside the tree: titles in a domain of its own (none here) */
static const HzShortcut test_shortcuts[] = {
  { "Open the Test View", "<Control><Shift>v" },
  { "Zoom the Test View", .type = GTK_SHORTCUT_GESTURE_PINCH },
};

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  test_window_addin_register_type (G_TYPE_MODULE (module));
  hz_shortcuts_register (module, "huizhen-test-window-plugin", test_shortcuts, G_N_ELEMENTS (test_shortcuts));
  peas_object_module_register_extension_type (module,
                                              HZ_TYPE_WINDOW_ADDIN,
                                              TEST_TYPE_WINDOW_ADDIN);
}
