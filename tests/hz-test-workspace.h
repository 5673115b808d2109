/* hz-test-workspace.h — a minimal HzWorkspace for testing a plugin's pages
 * without the shell
 *
 * It holds one page and any number of panels side by side, and records what
 * the addins asked of it; the tests read the fields below directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_TEST_WORKSPACE (hz_test_workspace_get_type ())
G_DECLARE_FINAL_TYPE (HzTestWorkspace, hz_test_workspace, HZ, TEST_WORKSPACE, GtkWidget)

struct _HzTestWorkspace
{
  GtkWidget  parent_instance;

  HzCase    *kase;
  GtkWidget *box;

  /* the page an addin added (one at most), NULL once removed */
  GtkWidget *page;
  char      *page_name;
  char      *page_title;
  int        page_priority;
  /* the panels, in the order they came */
  GPtrArray *panels;

  /* hz_workspace_show_resource / _show_page / _show_message */
  guint      n_show_resource;
  char      *last_reference;
  char      *last_page;
  char      *last_message;
};

/* A workspace showing @kase. (transfer floating) */
HzTestWorkspace *hz_test_workspace_new (HzCase *kase);

G_END_DECLS
