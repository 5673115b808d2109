/* hz-test-workspace.c — a minimal HzWorkspace for testing a plugin's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-test"

#include "config.h"

#include "hz-test-workspace.h"

static void workspace_iface_init (HzWorkspaceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzTestWorkspace, hz_test_workspace, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_WORKSPACE, workspace_iface_init))

static HzCase *
hz_test_workspace_get_case (HzWorkspace *workspace)
{
  return HZ_TEST_WORKSPACE (workspace)->kase;
}

static void
hz_test_workspace_add_page (HzWorkspace *workspace,
                            GtkWidget   *page,
                            const char  *name,
                            const char  *title,
                            const char  *icon_name,
                            int          priority)
{
  HzTestWorkspace *self = HZ_TEST_WORKSPACE (workspace);

  g_assert_null (self->page);
  self->page = page;
  g_free (self->page_name);
  self->page_name = g_strdup (name);
  g_free (self->page_title);
  self->page_title = g_strdup (title);
  self->page_priority = priority;
  gtk_widget_set_vexpand (page, TRUE);
  gtk_widget_set_hexpand (page, TRUE);
  gtk_box_append (GTK_BOX (self->box), page);
}

static void
hz_test_workspace_remove_page (HzWorkspace *workspace,
                               GtkWidget   *page)
{
  HzTestWorkspace *self = HZ_TEST_WORKSPACE (workspace);

  g_assert_true (self->page == page);
  gtk_box_remove (GTK_BOX (self->box), page);
  self->page = NULL;
}

static void
hz_test_workspace_add_panel (HzWorkspace *workspace,
                             GtkWidget   *panel,
                             int          priority)
{
  HzTestWorkspace *self = HZ_TEST_WORKSPACE (workspace);

  g_assert_false (g_ptr_array_find (self->panels, panel, NULL));
  g_ptr_array_add (self->panels, panel);
  gtk_box_prepend (GTK_BOX (self->box), panel);
}

static void
hz_test_workspace_remove_panel (HzWorkspace *workspace,
                                GtkWidget   *panel)
{
  HzTestWorkspace *self = HZ_TEST_WORKSPACE (workspace);

  g_assert_true (g_ptr_array_remove (self->panels, panel));
  gtk_box_remove (GTK_BOX (self->box), panel);
}

static gboolean
hz_test_workspace_show_resource (HzWorkspace *workspace,
                                 const char  *reference)
{
  HzTestWorkspace *self = HZ_TEST_WORKSPACE (workspace);

  self->n_show_resource++;
  g_free (self->last_reference);
  self->last_reference = g_strdup (reference);

  /* no page of its own shows a resource */
  return FALSE;
}

static void
hz_test_workspace_show_page (HzWorkspace *workspace,
                             const char  *name)
{
  HzTestWorkspace *self = HZ_TEST_WORKSPACE (workspace);

  g_free (self->last_page);
  self->last_page = g_strdup (name);
}

static void
hz_test_workspace_show_message (HzWorkspace *workspace,
                                const char  *message)
{
  HzTestWorkspace *self = HZ_TEST_WORKSPACE (workspace);

  g_free (self->last_message);
  self->last_message = g_strdup (message);
}

static void
workspace_iface_init (HzWorkspaceInterface *iface)
{
  iface->get_case = hz_test_workspace_get_case;
  iface->add_page = hz_test_workspace_add_page;
  iface->remove_page = hz_test_workspace_remove_page;
  iface->add_panel = hz_test_workspace_add_panel;
  iface->remove_panel = hz_test_workspace_remove_panel;
  iface->show_resource = hz_test_workspace_show_resource;
  iface->show_page = hz_test_workspace_show_page;
  iface->show_message = hz_test_workspace_show_message;
}

static void
hz_test_workspace_dispose (GObject *object)
{
  HzTestWorkspace *self = HZ_TEST_WORKSPACE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (hz_test_workspace_parent_class)->dispose (object);
}

static void
hz_test_workspace_finalize (GObject *object)
{
  HzTestWorkspace *self = HZ_TEST_WORKSPACE (object);

  g_ptr_array_unref (self->panels);
  g_free (self->page_name);
  g_free (self->page_title);
  g_free (self->last_reference);
  g_free (self->last_page);
  g_free (self->last_message);

  G_OBJECT_CLASS (hz_test_workspace_parent_class)->finalize (object);
}

static void
hz_test_workspace_class_init (HzTestWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hz_test_workspace_dispose;
  object_class->finalize = hz_test_workspace_finalize;

  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
hz_test_workspace_init (HzTestWorkspace *self)
{
  self->panels = g_ptr_array_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

HzTestWorkspace *
hz_test_workspace_new (HzCase *kase)
{
  HzTestWorkspace *self;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  self = g_object_new (HZ_TYPE_TEST_WORKSPACE, NULL);
  self->kase = g_object_ref (kase);

  return self;
}
