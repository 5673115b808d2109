/* test-timeline-ui.c — the timeline page in a workspace: a demo case, every team, filters, sync
 *
 * Runs under Xvfb (suite "ui"). The workspace is a minimal HzWorkspace of
 * the test's own, so that the page is tested without the shell; the
 * addin is the plugin's, and the test plugin's timeline source comes in
 * through the addin's extension set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <hz-ui.h>

#include "hz-timeline-addin.h"
#include "hz-timeline-page.h"
#include "hz-timeline-row-widget.h"
#include "hz-timeline-ruler.h"
#include "hz-test-keys.h"
#include "hz-test-utils.h"

/* --- a minimal workspace ------------------------------------------------------ */

#define TEST_TYPE_WORKSPACE (test_workspace_get_type ())
G_DECLARE_FINAL_TYPE (TestWorkspace, test_workspace, TEST, WORKSPACE, GtkBox)

struct _TestWorkspace
{
  GtkBox     parent_instance;
  HzCase    *kase;
  GtkWidget *page;
  char      *page_name;
  int        page_priority;
  guint      n_show_resource;
  char      *last_reference;
  char      *last_message;
};

static HzCase *
test_workspace_get_case (HzWorkspace *workspace)
{
  return TEST_WORKSPACE (workspace)->kase;
}

static void
test_workspace_add_page (HzWorkspace *workspace,
                         GtkWidget   *page,
                         const char  *name,
                         const char  *title,
                         const char  *icon_name,
                         int          priority)
{
  TestWorkspace *self = TEST_WORKSPACE (workspace);

  g_assert_null (self->page);
  self->page = page;
  self->page_name = g_strdup (name);
  self->page_priority = priority;
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (self), page);
}

static void
test_workspace_remove_page (HzWorkspace *workspace,
                            GtkWidget   *page)
{
  TestWorkspace *self = TEST_WORKSPACE (workspace);

  g_assert_true (self->page == page);
  gtk_box_remove (GTK_BOX (self), page);
  self->page = NULL;
}

static void
test_workspace_add_panel (HzWorkspace *workspace,
                          GtkWidget   *panel,
                          int          priority)
{
  gtk_box_append (GTK_BOX (workspace), panel);
}

static void
test_workspace_remove_panel (HzWorkspace *workspace,
                             GtkWidget   *panel)
{
  gtk_box_remove (GTK_BOX (workspace), panel);
}

static gboolean
test_workspace_show_resource (HzWorkspace *workspace,
                              const char  *reference)
{
  TestWorkspace *self = TEST_WORKSPACE (workspace);

  self->n_show_resource++;
  g_free (self->last_reference);
  self->last_reference = g_strdup (reference);
  return FALSE;  /* no page of ours shows it: the timeline's popover will */
}

static void
test_workspace_show_page (HzWorkspace *workspace,
                          const char  *name)
{
}

static void
test_workspace_show_message (HzWorkspace *workspace,
                             const char  *message)
{
  TestWorkspace *self = TEST_WORKSPACE (workspace);

  g_free (self->last_message);
  self->last_message = g_strdup (message);
}

static void
test_workspace_iface_init (HzWorkspaceInterface *iface)
{
  iface->get_case = test_workspace_get_case;
  iface->add_page = test_workspace_add_page;
  iface->remove_page = test_workspace_remove_page;
  iface->add_panel = test_workspace_add_panel;
  iface->remove_panel = test_workspace_remove_panel;
  iface->show_resource = test_workspace_show_resource;
  iface->show_page = test_workspace_show_page;
  iface->show_message = test_workspace_show_message;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestWorkspace, test_workspace, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_WORKSPACE, test_workspace_iface_init))

static void
test_workspace_finalize (GObject *object)
{
  TestWorkspace *self = TEST_WORKSPACE (object);

  g_clear_object (&self->kase);
  g_free (self->page_name);
  g_free (self->last_reference);
  g_free (self->last_message);
  G_OBJECT_CLASS (test_workspace_parent_class)->finalize (object);
}

static void
test_workspace_class_init (TestWorkspaceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_workspace_finalize;
}

static void
test_workspace_init (TestWorkspace *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
}

/* --- helpers ------------------------------------------------------------------ */

static char *tmp_dir;
static HzStore *store;

static void
iterate_until (gboolean (*done) (gpointer),
               gpointer   data,
               guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * 1000;

  while (!done (data) && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static void
iterate_for (guint ms)
{
  iterate_until (never, NULL, ms);
}

static char *
import_demo (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  const char *dir = g_getenv ("HUIZHEN_DEMO_DIR");

  path = g_build_filename (dir != NULL ? dir : HZ_SOURCE_ROOT "/data/demo", name, NULL);
  file = g_file_new_for_path (path);
  g_assert_true (hz_store_import_file (store, file, &ids, NULL, &error));
  g_assert_no_error (error);
  return g_strdup (ids[0]);
}

typedef struct
{
  GtkWidget        *window;
  TestWorkspace    *workspace;
  HzTimelineAddin  *addin;
  HzTimelinePage   *page;
  HzTimelineModel  *model;
} Fixture;

static gboolean
list_has_rows (gpointer data)
{
  Fixture *f = data;
  GtkWidget *list = hz_timeline_page_get_list_view (f->page);

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (row != NULL && HZ_IS_TIMELINE_ROW_WIDGET (row) &&
          hz_timeline_row_widget_get_row (HZ_TIMELINE_ROW_WIDGET (row)) != NULL &&
          gtk_widget_get_mapped (row))
        return TRUE;
    }
  return FALSE;
}

static void
fixture_open (Fixture    *f,
              const char *case_id)
{
  g_autoptr(GError) error = NULL;
  HzCase *kase = hz_case_load (store, case_id, &error);
  GDate today;

  g_assert_no_error (error);

  f->workspace = g_object_new (TEST_TYPE_WORKSPACE, NULL);
  f->workspace->kase = kase;
  f->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (f->window), "timeline test");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->workspace));

  f->addin = g_object_new (HZ_TYPE_TIMELINE_ADDIN, NULL);
  hz_workspace_addin_load (HZ_WORKSPACE_ADDIN (f->addin), HZ_WORKSPACE (f->workspace));
  g_assert_nonnull (f->workspace->page);
  f->page = HZ_TIMELINE_PAGE (f->workspace->page);
  g_assert_true (hz_timeline_addin_get_page (f->addin) == GTK_WIDGET (f->page));
  f->model = hz_timeline_page_get_model (f->page);

  /* The demo stories are told around 2026-11-23 */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 23, 11, 2026);
  hz_timeline_page_set_today (f->page, &today);

  gtk_window_present (GTK_WINDOW (f->window));
  iterate_until (list_has_rows, f, 10000);
  g_assert_true (list_has_rows (f));
}

static void
fixture_close (Fixture *f)
{
  hz_workspace_addin_unload (HZ_WORKSPACE_ADDIN (f->addin), HZ_WORKSPACE (f->workspace));
  g_assert_null (f->workspace->page);
  g_clear_object (&f->addin);
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate_for (50);
}

static gboolean
has_team_event (HzTimelineModel *model,
                HzTeam           team,
                gboolean         visible_only)
{
  GListModel *list = G_LIST_MODEL (model);

  if (!visible_only)
    {
      for (guint i = 0; i < hz_timeline_model_get_n_events (model); i++)
        {
          HzTimelineEvent *event = hz_timeline_row_get_event (hz_timeline_model_get_event_row (model, i));

          if (hz_timeline_event_has_team (event) && hz_timeline_event_get_team (event) == team)
            return TRUE;
        }
      return FALSE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(HzTimelineRow) row = g_list_model_get_item (list, i);
      HzTimelineEvent *event = hz_timeline_row_get_event (row);

      if (event != NULL && hz_timeline_event_has_team (event) && hz_timeline_event_get_team (event) == team)
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
find_toggle (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_TOGGLE_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_toggle (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static void
collect_by_css_class (GtkWidget  *root,
                      const char *css_class,
                      GPtrArray  *out)
{
  if (gtk_widget_has_css_class (root, css_class))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_by_css_class (child, css_class, out);
}

static char *
state_string (HzTimelinePage *page)
{
  g_autoptr(JsonNode) state = hz_syncable_get_state (HZ_SYNCABLE (page));

  return json_to_string (state, FALSE);
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

/* With TIMELINE_SCREENSHOT_DIR set, saves the window as NAME.png there (to
 * look at; no test depends on it). */
static void
maybe_screenshot (Fixture    *f,
                  const char *name)
{
  const char *dir = g_getenv ("TIMELINE_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w, h;

  if (dir == NULL)
    return;

  iterate_for (300);
  w = gtk_widget_get_width (f->window);
  h = gtk_widget_get_height (f->window);
  paintable = gtk_widget_paintable_new (f->window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, path);
  g_test_message ("screenshot %s", path);

  /* A popover is a surface of its own */
  if (hz_timeline_page_get_popover (f->page) != NULL)
    {
      GtkWidget *popover = hz_timeline_page_get_popover (f->page);
      g_autoptr(GdkPaintable) pop_paintable = gtk_widget_paintable_new (popover);
      g_autoptr(GtkSnapshot) pop_snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) pop_node = NULL;
      g_autoptr(GdkTexture) pop_texture = NULL;
      g_autofree char *pop_path = g_strdup_printf ("%s/%s-popover.png", dir, name);
      int pw = gtk_widget_get_width (popover), ph = gtk_widget_get_height (popover);

      gdk_paintable_snapshot (pop_paintable, GDK_SNAPSHOT (pop_snapshot), pw, ph);
      pop_node = gtk_snapshot_free_to_node (g_steal_pointer (&pop_snapshot));
      if (pop_node != NULL)
        {
          pop_texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (popover)), pop_node,
                                                     &GRAPHENE_RECT_INIT (0, 0, pw, ph));
          gdk_texture_save_to_png (pop_texture, pop_path);
        }
    }
}

static void
count_signal (guint *count)
{
  (*count)++;
}

static gboolean
counted (gpointer data)
{
  return *(guint *) data > 0;
}

/* --- tests -------------------------------------------------------------------- */

static void
test_every_team (void)
{
  g_autofree char *case_id = import_demo ("demo-recurrent-loss.json");
  g_autoptr(GError) error = NULL;
  HzPluginEngine *engine = hz_plugin_engine_get_default ();
  gboolean test_source_seen = FALSE;
  Fixture f = { 0 };

  /* The test plugin's timeline source reaches the page through the
   * addin's extension set. */
  g_assert_true (hz_plugin_engine_load_plugin (engine, "test-plugin", &error));
  g_assert_no_error (error);

  fixture_open (&f, case_id);

  g_assert_cmpstr (f.workspace->page_name, ==, "timeline");
  g_assert_cmpint (f.workspace->page_priority, ==, 10);
  g_assert_cmpuint (hz_timeline_model_get_n_sources (f.model), ==, 2);

  g_assert_true (has_team_event (f.model, HZ_TEAM_OBSTETRICS, TRUE));
  g_assert_true (has_team_event (f.model, HZ_TEAM_REPRODUCTIVE, TRUE));
  g_assert_true (has_team_event (f.model, HZ_TEAM_PSYCHOLOGY, TRUE));
  g_assert_true (has_team_event (f.model, HZ_TEAM_NUTRITION, TRUE));
  g_assert_true (hz_timeline_model_get_ga_known (f.model));
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (f.model), ==, hz_timeline_model_get_n_events (f.model));

  for (guint i = 0; i < hz_timeline_model_get_n_events (f.model); i++)
    {
      HzTimelineEvent *event = hz_timeline_row_get_event (hz_timeline_model_get_event_row (f.model, i));

      if (g_strcmp0 (hz_timeline_event_get_source_id (event), "test-plugin") == 0)
        test_source_seen = TRUE;
    }
  g_assert_true (test_source_seen);

  /* Disabling the plugin takes its events away */
  g_assert_true (hz_plugin_engine_unload_plugin (engine, "test-plugin", &error));
  g_assert_no_error (error);
  iterate_for (50);
  g_assert_cmpuint (hz_timeline_model_get_n_sources (f.model), ==, 1);
  for (guint i = 0; i < hz_timeline_model_get_n_events (f.model); i++)
    {
      HzTimelineEvent *event = hz_timeline_row_get_event (hz_timeline_model_get_event_row (f.model, i));

      g_assert_cmpstr (hz_timeline_event_get_source_id (event), ==, "store");
    }

  maybe_screenshot (&f, "events");

  /* Trends: hCG and progesterone from the serial early-pregnancy tests */
  hz_timeline_page_set_view (f.page, "trends");
  iterate_for (100);
  g_assert_cmpuint (hz_timeline_page_get_n_charts (f.page), >=, 2);
  maybe_screenshot (&f, "trends");
  hz_timeline_page_set_view (f.page, "events");

  fixture_close (&f);
}

static void
test_filters (void)
{
  g_autofree char *case_id = import_demo ("demo-recurrent-loss.json");
  Fixture f = { 0 };
  GtkWidget *obstetrics;
  guint n_all, n_changed = 0;
  gulong id;

  fixture_open (&f, case_id);
  n_all = hz_timeline_model_get_n_visible_events (f.model);
  id = g_signal_connect_swapped (f.page, "state-changed", G_CALLBACK (count_signal), &n_changed);

  /* The user turns obstetrics off with its toggle */
  obstetrics = find_toggle (GTK_WIDGET (f.page), hz_team_get_display_name (HZ_TEAM_OBSTETRICS));
  g_assert_nonnull (obstetrics);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (obstetrics), FALSE);
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (f.model), <, n_all);
  g_assert_false (has_team_event (f.model, HZ_TEAM_OBSTETRICS, TRUE));
  g_assert_true (has_team_event (f.model, HZ_TEAM_REPRODUCTIVE, TRUE));
  g_assert_cmpuint (hz_timeline_model_get_team_mask (f.model) & (1u << HZ_TEAM_OBSTETRICS), ==, 0);

  /* ...which a following session hears about (throttled, once) */
  iterate_until (counted, &n_changed, 10000);
  iterate_for (300);
  g_assert_cmpuint (n_changed, ==, 1);

  /* Text search */
  hz_timeline_model_set_text (f.model, "hCG");
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (f.model), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f.model)); i++)
    {
      g_autoptr(HzTimelineRow) row = g_list_model_get_item (G_LIST_MODEL (f.model), i);

      if (hz_timeline_row_get_row_type (row) == HZ_TIMELINE_ROW_EVENT)
        g_assert_nonnull (strstr (hz_timeline_row_get_search_text (row), "hcg"));
    }

  /* Clear filters action */
  gtk_widget_activate_action (GTK_WIDGET (f.page), "timeline.clear-filters", NULL);
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (f.model), ==, n_all);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (obstetrics)));

  /* Nothing matches: the empty state, not an empty list */
  hz_timeline_model_set_text (f.model, "zzz-nothing-matches");
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (f.model), ==, 0);
  hz_timeline_model_set_text (f.model, NULL);

  g_signal_handler_disconnect (f.page, id);
  fixture_close (&f);
}

static gboolean
no_pending_scroll (gpointer data)
{
  Fixture *f = data;
  g_autoptr(JsonNode) state = hz_syncable_get_state (HZ_SYNCABLE (f->page));
  JsonObject *scroll = json_object_get_object_member (json_node_get_object (state), "scroll");
  const char *wanted = g_object_get_data (G_OBJECT (f->page), "wanted-anchor");

  return g_strcmp0 (json_object_get_string_member (scroll, "anchor"), wanted) == 0;
}

static void
test_sync_round_trip (void)
{
  g_autofree char *case_id = import_demo ("demo-recurrent-loss.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) wanted = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  Fixture f = { 0 };
  guint n_changed = 0;
  gulong id;
  const char *bad[][2] = {
    { "[]", NULL },  /* refused by hz_syncable_apply_state() itself */
    { "{\"version\":2}", "version" },
    { "{\"version\":\"1\"}", "version" },
    { "{\"scroll\":[]}", "scroll" },
    { "{\"scroll\":{\"anchor\":12}}", "scroll.anchor" },
    { "{\"scroll\":{\"anchor\":\"week:12\",\"offset\":\"top\"}}", "scroll.offset" },
    { "{\"filters\":{\"teams\":\"obstetrics\"}}", "filters.teams" },
    { "{\"filters\":{\"teams\":[\"surgery\"]}}", "filters.teams" },
    { "{\"filters\":{\"kinds\":[\"lab\",7]}}", "filters.kinds" },
    { "{\"filters\":{\"text\":false}}", "filters.text" },
    { "{\"selection\":{}}", "selection" },
    { "{\"view\":\"gallery\"}", "view" },
  };

  fixture_open (&f, case_id);
  g_assert_true (HZ_IS_SYNCABLE (f.page));
  g_assert_cmpstr (hz_syncable_get_sync_id (HZ_SYNCABLE (f.page)), ==, "timeline");

  /* A presenter's state: psychology and reproductive, labs and scales, an
   * hCG result selected and at the top of the list */
  wanted = parse ("{\"version\":1,"
                  "\"scroll\":{\"anchor\":\"week:6\",\"offset\":0},"
                  "\"filters\":{\"teams\":[\"reproductive\",\"psychology\"],\"kinds\":[\"lab\",\"scale\",\"visit\"],\"text\":\"\"},"
                  "\"selection\":null,"
                  "\"view\":\"events\"}");
  {
    /* the selection: the first reproductive lab event shown */
    g_autoptr(GError) apply_error = NULL;

    id = g_signal_connect_swapped (f.page, "state-changed", G_CALLBACK (count_signal), &n_changed);
    g_assert_true (hz_syncable_apply_state (HZ_SYNCABLE (f.page), wanted, &apply_error));
    g_assert_no_error (apply_error);
  }
  g_assert_cmpuint (hz_timeline_model_get_team_mask (f.model), ==,
                    (1u << HZ_TEAM_REPRODUCTIVE) | (1u << HZ_TEAM_PSYCHOLOGY));
  g_assert_false (has_team_event (f.model, HZ_TEAM_OBSTETRICS, TRUE));

  /* Then every team and the main kinds again, and an event in the middle
   * of the (long) list selected and scrolled to the top */
  {
    const char *reference = NULL;
    g_autofree char *with_selection = NULL;
    g_autoptr(JsonNode) node = NULL;
    guint n;

    hz_timeline_model_set_filters (f.model, HZ_TIMELINE_ALL_TEAMS, HZ_TIMELINE_ALL_KINDS, NULL);
    n = g_list_model_get_n_items (G_LIST_MODEL (f.model));
    for (guint i = n / 2; i < n && reference == NULL; i++)
      {
        g_autoptr(HzTimelineRow) row = g_list_model_get_item (G_LIST_MODEL (f.model), i);

        if (hz_timeline_row_get_row_type (row) == HZ_TIMELINE_ROW_EVENT &&
            hz_timeline_event_get_kind (hz_timeline_row_get_event (row)) == HZ_EVENT_KIND_LAB)
          reference = hz_timeline_row_get_key (row);
      }
    g_assert_nonnull (reference);
    with_selection = g_strdup_printf ("{\"selection\":\"%s\",\"scroll\":{\"anchor\":\"%s\",\"offset\":0},"
                                      "\"filters\":{\"teams\":[\"obstetrics\",\"reproductive\",\"psychology\",\"nutrition\",\"other\"],"
                                      "\"kinds\":[\"visit\",\"lab\",\"vital\",\"imaging\",\"scale\",\"risk\"],\"text\":\"\"}}",
                                      reference, reference);
    node = parse (with_selection);
    g_assert_true (hz_syncable_apply_state (HZ_SYNCABLE (f.page), node, &error));
    g_assert_no_error (error);
    g_object_set_data_full (G_OBJECT (f.page), "wanted-anchor", g_strdup (reference), g_free);
  }

  /* The list really scrolls there: the anchor row ends up at the top */
  iterate_until (no_pending_scroll, &f, 5000);
  iterate_for (300);
  before = state_string (f.page);
  g_test_message ("state: %s", before);
  {
    g_autoptr(JsonNode) state = parse (before);
    JsonObject *o = json_node_get_object (state);
    const char *anchor = g_object_get_data (G_OBJECT (f.page), "wanted-anchor");

    g_assert_cmpint (json_object_get_int_member (o, "version"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (o, "selection"), ==, anchor);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "scroll"), "anchor"), ==, anchor);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "scroll"), "offset"), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (o, "view"), ==, "events");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (o, "filters"), "teams")), ==, 5);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (o, "filters"), "kinds")), ==, 6);
  }

  /* A remote apply is not a user change: no state-changed echo */
  g_assert_cmpuint (n_changed, ==, 0);

  /* The user moves on: other view, filters and selection */
  hz_timeline_page_set_view (f.page, "trends");
  hz_timeline_model_set_filters (f.model, HZ_TIMELINE_ALL_TEAMS, HZ_TIMELINE_ALL_KINDS, "progesterone");
  hz_timeline_page_select_key (f.page, NULL);
  iterate_until (counted, &n_changed, 10000);
  iterate_for (300);
  after = state_string (f.page);
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpuint (n_changed, >=, 1);

  /* Round trip: applying the saved state gives it back */
  {
    g_autoptr(JsonNode) saved = parse (before);

    g_assert_true (hz_syncable_apply_state (HZ_SYNCABLE (f.page), saved, &error));
    g_assert_no_error (error);
  }
  iterate_until (no_pending_scroll, &f, 5000);
  iterate_for (300);
  again = state_string (f.page);
  g_assert_cmpstr (again, ==, before);

  /* Wrong members: an error naming the member, and nothing changes */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = parse (bad[i][0]);
      g_autoptr(GError) bad_error = NULL;
      g_autofree char *unchanged = NULL;
      g_autofree char *quoted = bad[i][1] != NULL ? g_strdup_printf ("“%s”", bad[i][1]) : NULL;

      g_assert_false (hz_syncable_apply_state (HZ_SYNCABLE (f.page), node, &bad_error));
      g_assert_error (bad_error, HZ_SYNCABLE_ERROR, HZ_SYNCABLE_ERROR_INVALID_STATE);
      g_test_message ("%s → %s", bad[i][0], bad_error->message);
      if (quoted != NULL)
        g_assert_nonnull (strstr (bad_error->message, quoted));
      unchanged = state_string (f.page);
      g_assert_cmpstr (unchanged, ==, before);
    }

  /* A half-wrong state changes nothing either (filters fine, view wrong) */
  {
    g_autoptr(JsonNode) node = parse ("{\"filters\":{\"teams\":[\"nutrition\"]},\"view\":7}");
    g_autoptr(GError) bad_error = NULL;
    g_autofree char *unchanged = NULL;

    g_assert_false (hz_syncable_apply_state (HZ_SYNCABLE (f.page), node, &bad_error));
    unchanged = state_string (f.page);
    g_assert_cmpstr (unchanged, ==, before);
  }

  g_signal_handler_disconnect (f.page, id);
  fixture_close (&f);
}

static void
test_open_and_jump (void)
{
  g_autofree char *case_id = import_demo ("demo-recurrent-loss.json");
  Fixture f = { 0 };
  const char *reference = NULL;
  GtkWidget *popover;

  fixture_open (&f, case_id);

  /* Select an event and press Enter: the workspace is asked first, then
   * the detail popover shows it */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f.model)) && reference == NULL; i++)
    {
      g_autoptr(HzTimelineRow) row = g_list_model_get_item (G_LIST_MODEL (f.model), i);

      if (hz_timeline_row_get_row_type (row) == HZ_TIMELINE_ROW_EVENT &&
          hz_timeline_row_get_key (row) != NULL &&
          g_str_has_prefix (hz_timeline_row_get_key (row), "Observation/"))
        reference = hz_timeline_row_get_key (row);
    }
  g_assert_nonnull (reference);
  g_assert_true (hz_timeline_page_scroll_to_key (f.page, reference));
  g_assert_true (hz_timeline_page_select_key (f.page, reference));
  iterate_for (200);
  hz_timeline_page_open_selected (f.page);
  g_assert_cmpuint (f.workspace->n_show_resource, ==, 1);
  g_assert_cmpstr (f.workspace->last_reference, ==, reference);
  popover = hz_timeline_page_get_popover (f.page);
  g_assert_nonnull (popover);
  iterate_for (200);
  g_assert_true (gtk_widget_get_visible (popover));
  maybe_screenshot (&f, "popover");
  gtk_popover_popdown (GTK_POPOVER (popover));
  iterate_for (100);
  g_assert_null (hz_timeline_page_get_popover (f.page));

  /* Jump by GA, in both notations, and by date */
  g_assert_true (hz_timeline_page_jump_to (f.page, "孕8+0周"));
  g_assert_true (hz_timeline_page_jump_to (f.page, "9w2d"));
  g_assert_true (hz_timeline_page_jump_to (f.page, "2026-10-01"));
  g_assert_false (hz_timeline_page_jump_to (f.page, "next tuesday"));
  g_assert_nonnull (hz_timeline_page_get_jump_error (f.page));

  fixture_close (&f);
}

/* A case with no dating and a value in a unit nobody knows */
static const char undated_bundle[] =
  "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
  "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"u-patient\",\"name\":[{\"text\":\"无末次月经\"}]}},"
  "{\"resource\":{\"resourceType\":\"EpisodeOfCare\",\"id\":\"u-episode\",\"status\":\"active\","
  "  \"patient\":{\"reference\":\"Patient/u-patient\"}}},"
  "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"u-hb\",\"status\":\"final\","
  "  \"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"718-7\"}],\"text\":\"Hb\"},"
  "  \"subject\":{\"reference\":\"Patient/u-patient\"},\"effectiveDateTime\":\"2026-05-06\","
  "  \"valueQuantity\":{\"value\":7,\"unit\":\"furlongs\"}}},"
  "{\"resource\":{\"resourceType\":\"Encounter\",\"id\":\"u-visit\",\"status\":\"finished\","
  "  \"class\":{\"code\":\"AMB\"},\"subject\":{\"reference\":\"Patient/u-patient\"}}}"
  "]}";

static void
test_ga_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bundle = parse (undated_bundle);
  g_auto(GStrv) ids = NULL;
  Fixture f = { 0 };

  g_assert_true (hz_store_import_bundle (store, bundle, "test", &ids, &error));
  g_assert_no_error (error);

  fixture_open (&f, ids[0]);
  g_assert_false (hz_timeline_model_get_ga_known (f.model));
  g_assert_cmpuint (hz_timeline_model_get_n_events (f.model), ==, 2);
  g_assert_cmpuint (hz_timeline_model_find_key (f.model, "month:2026-05"), !=, G_MAXUINT);
  g_assert_cmpuint (hz_timeline_model_find_key (f.model, "undated"), !=, G_MAXUINT);
  g_assert_false (hz_timeline_page_jump_to (f.page, "12+3"));
  g_assert_true (hz_timeline_page_jump_to (f.page, "2026-05-01"));

  hz_timeline_page_set_view (f.page, "trends");
  iterate_for (100);
  g_assert_cmpuint (hz_timeline_page_get_n_charts (f.page), ==, 1);
  fixture_close (&f);
}

/* --- the page fits beside the case list and the patient panel ---------------- */

/* At the default 1280 px window the shell leaves the workspace page
 * 1280 − 320 (case list) − 280 (patient panel) − 2 = 678 px. */
#define MAX_PAGE_MIN_WIDTH 660

static int
min_width (GtkWidget *widget)
{
  int minimum = 0;

  if (!gtk_widget_get_visible (widget))
    return 0;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* Logs the widgets wider than @limit, deepest first (to find the culprit) */
static void
describe_wide (GtkWidget *widget,
               int        limit,
               GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (min_width (child) > limit)
      describe_wide (child, limit, out);
  if (min_width (widget) > limit)
    g_string_append_printf (out, "\n  %s min %d px%s%.60s", G_OBJECT_TYPE_NAME (widget), min_width (widget),
                            GTK_IS_LABEL (widget) ? ": " : "",
                            GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "");
}

static void
assert_demos_fit (const char *language)
{
  const char *demos[] = {
    "demo-recurrent-loss.json",
    "demo-county-referral.json",
    "demo-perinatal-mood.json",
    "demo-postpartum-referral-down.json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (demos); i++)
    {
      g_autofree char *case_id = import_demo (demos[i]);
      g_autoptr(GString) wide = g_string_new (NULL);
      Fixture f = { 0 };
      int events_width, trends_width;

      fixture_open (&f, case_id);
      events_width = min_width (GTK_WIDGET (f.page));
      describe_wide (GTK_WIDGET (f.page), 400, wide);
      hz_timeline_page_set_view (f.page, "trends");
      iterate_for (100);
      trends_width = min_width (GTK_WIDGET (f.page));
      g_test_message ("%s %s: page min %d px (events), %d px (trends)%s",
                      language, demos[i], events_width, trends_width, wide->str);
      if (g_test_subprocess ())  /* its stdout is not the log's */
        g_printerr ("# %s %s: page min %d px (events), %d px (trends)\n",
                    language, demos[i], events_width, trends_width);
      if (i == 0)
        {
          g_autofree char *name = g_strdup_printf ("narrow-%s", language);

          /* at the width the shell gives it */
          hz_timeline_page_set_view (f.page, "events");
          gtk_window_set_default_size (GTK_WINDOW (f.window), 678, 760);
          iterate_for (200);
          maybe_screenshot (&f, name);
        }
      g_assert_cmpint (events_width, <=, MAX_PAGE_MIN_WIDTH);
      g_assert_cmpint (trends_width, <=, MAX_PAGE_MIN_WIDTH);
      fixture_close (&f);
    }
}

static void
test_min_width (void)
{
  assert_demos_fit (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN") ? "zh_CN" : "C");
}

/* The same in Chinese, in a subprocess (hz_test_run_in_zh_cn) */
static void
test_min_width_zh_cn (void)
{
  if (!hz_test_run_in_zh_cn ())
    return;

  g_assert_cmpstr (hz_team_get_display_name (HZ_TEAM_OBSTETRICS), !=, "Obstetrics");
  assert_demos_fit ("zh_CN");
}

/* --- issue 15: what a clinician found wrong in a first hour ------------------ */

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_jump_entry (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_ENTRY (widget) && gtk_entry_get_icon_name (GTK_ENTRY (widget), GTK_ENTRY_ICON_SECONDARY) != NULL &&
         g_str_equal (gtk_entry_get_icon_name (GTK_ENTRY (widget), GTK_ENTRY_ICON_SECONDARY), "go-jump-symbolic");
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_ruler (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_css_name (widget), "timelineruler") == 0;
}

static gboolean
focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static GtkWidget *
today_button (Fixture *f)
{
  GtkWidget *button = hz_test_find_widget (GTK_WIDGET (f->page), is_button_labelled, _("Today"));

  g_assert_nonnull (button);
  return button;
}

static gboolean
today_insensitive (gpointer data)
{
  return !gtk_widget_is_sensitive (today_button (data));
}

static gboolean
today_sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (today_button (data));
}

static void
scroll_to_start (Fixture *f)
{
  GtkWidget *scroller;

  /* after the page's own scroll to today has settled */
  iterate_for (400);
  scroller = gtk_widget_get_ancestor (hz_timeline_page_get_list_view (f->page), GTK_TYPE_SCROLLED_WINDOW);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), 0);
}

/* Today is on screen when the page opens: nothing to go to. Scrolled back
 * months, the button and Ctrl+T take the list back. */
static void
test_today_button (void)
{
  g_autofree char *case_id = import_demo ("demo-county-referral.json");
  Fixture f = { 0 };

  fixture_open (&f, case_id);
  g_assert_cmpuint (hz_timeline_model_find_key (f.model, "today"), !=, G_MAXUINT);
  iterate_until (today_insensitive, &f, 5000);
  g_assert_false (gtk_widget_is_sensitive (today_button (&f)));

  scroll_to_start (&f);
  iterate_until (today_sensitive, &f, 5000);
  g_assert_true (gtk_widget_is_sensitive (today_button (&f)));

  /* The button */
  g_signal_emit_by_name (today_button (&f), "clicked");
  iterate_until (today_insensitive, &f, 5000);
  g_assert_false (gtk_widget_is_sensitive (today_button (&f)));

  /* Ctrl+T from the list */
  if (hz_test_keys_available ())
    {
      scroll_to_start (&f);
      iterate_until (today_sensitive, &f, 5000);
      gtk_widget_grab_focus (hz_timeline_page_get_list_view (f.page));
      hz_test_press (f.window, "<Control>t");
      iterate_until (today_insensitive, &f, 5000);
      g_assert_false (gtk_widget_is_sensitive (today_button (&f)));
    }

  /* The trends view: Today goes back to the list */
  hz_timeline_page_set_view (f.page, "trends");
  iterate_until (today_sensitive, &f, 5000);
  g_assert_true (gtk_widget_is_sensitive (today_button (&f)));
  fixture_close (&f);
}

static void
collect_row_widgets (GtkWidget *root,
                     GPtrArray *out)
{
  if (HZ_IS_TIMELINE_ROW_WIDGET (root) && gtk_widget_get_mapped (root) &&
      hz_timeline_row_widget_get_row (HZ_TIMELINE_ROW_WIDGET (root)) != NULL)
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_row_widgets (child, out);
}

/* The page's own keys, pressed on the keyboard: Ctrl+1/Ctrl+2 views (Alt+N
 * is the shell's), Ctrl+F its search, Ctrl+G the jump entry, Enter the
 * selected event's details. */
static void
test_page_keys (void)
{
  g_autofree char *case_id = import_demo ("demo-recurrent-loss.json");
  GtkWidget *search, *jump;
  Fixture f = { 0 };

  /* never skipped: a machine without XTest fails here (build-aux/dev installs it) */
  if (!hz_test_keys_available ())
    {
      g_test_message ("no XTest on this display: cannot press keys (libxtst-dev, an X server)");
      g_test_fail ();
      return;
    }

  fixture_open (&f, case_id);
  search = hz_test_find_widget (GTK_WIDGET (f.page), is_type, GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
  jump = hz_test_find_widget (GTK_WIDGET (f.page), is_jump_entry, NULL);
  g_assert_nonnull (search);
  g_assert_nonnull (jump);

  /* Focus into the page goes to the list */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (f.page)));
  g_assert_true (focus_within (hz_timeline_page_get_list_view (f.page)));

  hz_test_press (f.window, "<Control>2");
  g_assert_cmpstr (hz_timeline_page_get_view (f.page), ==, "trends");
  hz_test_press (f.window, "<Control>1");
  g_assert_cmpstr (hz_timeline_page_get_view (f.page), ==, "events");
  /* Alt+2 is not the page's any more */
  hz_test_press (f.window, "<Alt>2");
  g_assert_cmpstr (hz_timeline_page_get_view (f.page), ==, "events");

  hz_test_press (f.window, "<Control>f");
  g_assert_true (focus_within (search));
  hz_test_press (f.window, "<Control>g");
  g_assert_true (focus_within (jump));

  /* Enter on a selected event opens its details */
  {
    const char *key = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f.model)) && key == NULL; i++)
      {
        g_autoptr(HzTimelineRow) row = g_list_model_get_item (G_LIST_MODEL (f.model), i);

        if (hz_timeline_row_get_row_type (row) == HZ_TIMELINE_ROW_EVENT && hz_timeline_row_get_key (row) != NULL)
          key = hz_timeline_row_get_key (row);
      }
    g_assert_nonnull (key);
    g_assert_true (hz_timeline_page_scroll_to_key (f.page, key));
    iterate_for (300);
    g_assert_true (hz_timeline_page_select_key (f.page, key));
    /* the focus on its row, as the arrow keys put it */
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();

      collect_row_widgets (hz_timeline_page_get_list_view (f.page), rows);
      for (guint i = 0; i < rows->len; i++)
        if (g_strcmp0 (hz_timeline_row_get_key (hz_timeline_row_widget_get_row (rows->pdata[i])), key) == 0)
          g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (rows->pdata[i])));
    }
    g_assert_true (focus_within (hz_timeline_page_get_list_view (f.page)));
    hz_test_press (f.window, "Return");
    g_assert_nonnull (hz_timeline_page_get_popover (f.page));
    gtk_popover_popdown (GTK_POPOVER (hz_timeline_page_get_popover (f.page)));
    iterate_for (100);
  }

  fixture_close (&f);
}

/* Cut-short text is readable in full: the title and detail in a tooltip;
 * the GA column fits "postpartum day 42" whole; the due chips' tooltips
 * have their whole titles; a click on an event opens its details. */
static void
test_truncated_text (void)
{
  g_autofree char *case_id = import_demo ("demo-postpartum-referral-down.json");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();
  guint n_cut = 0, n_postpartum = 0;
  Fixture f = { 0 };

  fixture_open (&f, case_id);
  gtk_window_set_default_size (GTK_WINDOW (f.window), 678, 760);
  iterate_for (400);

  collect_row_widgets (hz_timeline_page_get_list_view (f.page), rows);
  g_assert_cmpuint (rows->len, >, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      HzTimelineRowWidget *widget = rows->pdata[i];
      HzTimelineRow *row = hz_timeline_row_widget_get_row (widget);
      HzTimelineEvent *event = hz_timeline_row_get_event (row);
      int width = gtk_widget_get_width (GTK_WIDGET (widget));
      g_autofree char *ga_tip = NULL;
      g_autofree char *title_tip = NULL;

      if (event == NULL)
        continue;

      /* The GA column: never cut (x = where the column starts) */
      ga_tip = hz_timeline_row_widget_dup_tooltip_text (widget, 125, 8);
      g_assert_null (ga_tip);
      if (strstr (hz_timeline_row_get_ga_label (row), "postpartum") != NULL)
        n_postpartum++;

      /* The title: a tooltip with all of it, when something was cut */
      title_tip = hz_timeline_row_widget_dup_tooltip_text (widget, width * 0.55, 8);
      if (title_tip != NULL)
        {
          n_cut++;
          g_assert_true (g_str_has_prefix (title_tip, hz_timeline_event_get_title (event)));
          if (hz_timeline_event_get_detail (event) != NULL)
            g_assert_nonnull (strstr (title_tip, hz_timeline_event_get_detail (event)));
        }
    }
  g_test_message ("%u rows cut short, %u postpartum", n_cut, n_postpartum);
  g_assert_cmpuint (n_cut, >, 0);         /* at 678 px, some are */
  g_assert_cmpuint (n_postpartum, >, 0);

  /* The due chips */
  {
    GtkWidget *child;

    collect_by_css_class (GTK_WIDGET (f.page), "due-chip", chips);
    g_assert_cmpuint (chips->len, >, 0);
    for (guint i = 0; i < chips->len; i++)
      {
        GtkWidget *chip = chips->pdata[i];
        GtkWidget *box = gtk_button_get_child (GTK_BUTTON (chip));
        const char *title;

        child = gtk_widget_get_first_child (box);
        title = gtk_label_get_label (GTK_LABEL (child));
        g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (chip), title));
      }
  }

  /* A click on an event row opens its details */
  if (hz_test_keys_available ())
    {
      for (guint i = 0; i < rows->len; i++)
        {
          GtkWidget *widget = rows->pdata[i];

          if (hz_timeline_row_get_event (hz_timeline_row_widget_get_row (HZ_TIMELINE_ROW_WIDGET (widget))) == NULL)
            continue;
          hz_test_click (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
          break;
        }
      g_assert_nonnull (hz_timeline_page_get_popover (f.page));
      gtk_popover_popdown (GTK_POPOVER (hz_timeline_page_get_popover (f.page)));
      iterate_for (100);
    }

  fixture_close (&f);
}

static gboolean
is_label_kind (HzRulerItemKind kind)
{
  return kind == HZ_RULER_BAND_NAME || kind == HZ_RULER_AXIS_LABEL || kind == HZ_RULER_TODAY_LABEL;
}

static gboolean
is_mark_kind (HzRulerItemKind kind)
{
  return kind == HZ_RULER_TICK || kind == HZ_RULER_EVENT || kind == HZ_RULER_DUE;
}

/* Labels overlap neither each other nor the ticks, bars and windows, stay
 * inside the ruler; Today is always labelled. */
static void
assert_ruler_readable (HzTimelineRuler *ruler,
                       int              width,
                       gboolean         has_today)
{
  g_autoptr(GArray) items = hz_timeline_ruler_compute_layout (ruler, width, gtk_widget_get_height (GTK_WIDGET (ruler)));
  gboolean today_label = FALSE, unit = FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      const HzRulerItem *a = &g_array_index (items, HzRulerItem, i);

      if (!is_label_kind (a->kind))
        continue;
      g_assert_cmpfloat (a->rect.origin.x, >=, 0);
      g_assert_cmpfloat (a->rect.origin.x + a->rect.size.width, <=, width);
      g_assert_cmpfloat (a->rect.origin.y + a->rect.size.height, <=, gtk_widget_get_height (GTK_WIDGET (ruler)) + 1);
      g_test_message ("%d px: “%s” at %.0f, %.0f wide", width, a->text, a->rect.origin.x, a->rect.size.width);
      if (a->kind == HZ_RULER_TODAY_LABEL)
        today_label = TRUE;
      if (a->text != NULL && strstr (a->text, "weeks") != NULL)
        unit = TRUE;

      for (guint j = 0; j < items->len; j++)
        {
          const HzRulerItem *b = &g_array_index (items, HzRulerItem, j);

          if (i == j || !(is_label_kind (b->kind) || is_mark_kind (b->kind)))
            continue;
          if (graphene_rect_intersection (&a->rect, &b->rect, NULL))
            g_error ("at %d px, “%s” (%.0f,%.0f %.0f×%.0f) overlaps %s%s (%.0f,%.0f %.0f×%.0f)", width,
                     a->text, a->rect.origin.x, a->rect.origin.y, a->rect.size.width, a->rect.size.height,
                     is_label_kind (b->kind) ? "“" : "a mark", is_label_kind (b->kind) ? b->text : "",
                     b->rect.origin.x, b->rect.origin.y, b->rect.size.width, b->rect.size.height);
        }
    }
  g_assert_cmpint (today_label, ==, has_today);
  g_assert_true (unit);
}

static void
test_ruler (void)
{
  const char *demos[] = { "demo-postpartum-referral-down.json", "demo-county-referral.json", "demo-recurrent-loss.json" };

  for (guint d = 0; d < G_N_ELEMENTS (demos); d++)
    {
      g_autofree char *case_id = import_demo (demos[d]);
      HzTimelineRuler *ruler;
      g_autofree char *tip = NULL;
      g_autofree char *early = NULL;
      Fixture f = { 0 };
      int width;

      fixture_open (&f, case_id);
      iterate_for (300);
      ruler = HZ_TIMELINE_RULER (hz_test_find_widget (GTK_WIDGET (f.page), is_ruler, NULL));
      g_assert_nonnull (ruler);
      g_test_message ("ruler %s: mapped %d, %d×%d", demos[d], gtk_widget_get_mapped (GTK_WIDGET (ruler)),
                      gtk_widget_get_width (GTK_WIDGET (ruler)), gtk_widget_get_height (GTK_WIDGET (ruler)));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (ruler)));
      for (int w = 360; w <= 1200; w += 70)
        assert_ruler_readable (ruler, w, TRUE);

      /* The dark style: still labelled, the pill still darker than its text */
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      iterate_for (100);
      {
        g_autoptr(GArray) items = hz_timeline_ruler_compute_layout (ruler, 678, gtk_widget_get_height (GTK_WIDGET (ruler)));

        for (guint i = 0; i < items->len; i++)
          {
            const HzRulerItem *item = &g_array_index (items, HzRulerItem, i);

            if (item->kind == HZ_RULER_TODAY_LABEL)
              g_assert_cmpfloat (item->colour.red + item->colour.green + item->colour.blue, >,
                                 item->background.red + item->background.green + item->background.blue + 1.0);
          }
      }
      assert_ruler_readable (ruler, 678, TRUE);
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

      /* The tooltip names the band and explains the marks */
      width = gtk_widget_get_width (GTK_WIDGET (ruler));
      early = g_strdup_printf ("%s (before 14+0 weeks)", hz_trimester_get_display_name (HZ_TRIMESTER_FIRST));
      tip = hz_timeline_ruler_dup_tooltip_text (ruler, 12 + 8.0 * 7 * (width - 24) / (42 * 7 + 1));
      g_assert_nonnull (tip);
      g_test_message ("%s", tip);
      if (strstr (tip, "postpartum") == NULL)
        g_assert_nonnull (strstr (tip, early));
      g_assert_nonnull (strstr (tip, hz_timeline_ruler_get_legend ()));

      /* ...and the due windows under the pointer */
      {
        g_autoptr(GArray) items = hz_timeline_ruler_compute_layout (ruler, width, gtk_widget_get_height (GTK_WIDGET (ruler)));

        for (guint i = 0; i < items->len; i++)
          {
            const HzRulerItem *item = &g_array_index (items, HzRulerItem, i);
            g_autofree char *at = NULL;

            if (item->kind != HZ_RULER_DUE)
              continue;
            at = hz_timeline_ruler_dup_tooltip_text (ruler, item->rect.origin.x + item->rect.size.width / 2);
            g_assert_nonnull (strstr (at, "Window for "));
            break;
          }
      }
      fixture_close (&f);
    }
}

/* "99", "20w", "abc": the entry says why or goes there, and marks the week */
static gboolean
has_jump_target (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) marked = g_ptr_array_new ();

  collect_by_css_class (hz_timeline_page_get_list_view (f->page), "jump-target", marked);
  return marked->len > 0;
}

static gboolean
no_jump_target (gpointer data)
{
  return !has_jump_target (data);
}

static void
test_jump_entry (void)
{
  g_autofree char *case_id = import_demo ("demo-county-referral.json");
  g_autoptr(GPtrArray) marked = g_ptr_array_new ();
  const struct {
    const char *text;
    gboolean    ok;
    const char *says;
  } cases[] = {
    { "99", FALSE, "between 0 and 42 weeks" },
    { "43+1", FALSE, "between 0 and 42 weeks" },
    { "20+9", FALSE, "between 0 and 6" },
    { "abc", FALSE, "such as 20 or 20+3" },
    { "", FALSE, "such as 20 or 20+3" },
    { "2026-02-30", FALSE, "no such date" },
    { "20", TRUE, NULL },
    { "20+3", TRUE, NULL },
    { "20w", TRUE, NULL },
    { "20 weeks", TRUE, NULL },
    { "20周", TRUE, NULL },
    { "孕20+3周", TRUE, NULL },
    { "２０＋３", TRUE, NULL },
  };
  GtkWidget *entry;
  Fixture f = { 0 };

  fixture_open (&f, case_id);
  entry = hz_test_find_widget (GTK_WIDGET (f.page), is_jump_entry, NULL);
  g_assert_nonnull (entry);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("jump “%s”", cases[i].text);
      /* typed and Enter, as the user does */
      gtk_editable_set_text (GTK_EDITABLE (entry), cases[i].text);
      g_signal_emit_by_name (entry, "activate");
      if (cases[i].ok)
        {
          g_assert_null (hz_timeline_page_get_jump_error (f.page));
          g_assert_false (gtk_widget_has_css_class (entry, "error"));
        }
      else
        {
          g_assert_nonnull (hz_timeline_page_get_jump_error (f.page));
          g_assert_nonnull (strstr (hz_timeline_page_get_jump_error (f.page), cases[i].says));
          g_assert_true (gtk_widget_has_css_class (entry, "error"));
          g_assert_cmpstr (gtk_widget_get_tooltip_text (entry), ==, hz_timeline_page_get_jump_error (f.page));
        }
    }

  /* Typing again clears what was wrong */
  gtk_editable_set_text (GTK_EDITABLE (entry), "abc");
  g_signal_emit_by_name (entry, "activate");
  g_assert_nonnull (hz_timeline_page_get_jump_error (f.page));
  gtk_editable_set_text (GTK_EDITABLE (entry), "2");
  g_assert_null (hz_timeline_page_get_jump_error (f.page));

  /* The week it went to is marked, then not */
  g_assert_true (hz_timeline_page_jump_to (f.page, "20w"));
  iterate_until (has_jump_target, &f, 5000);
  collect_by_css_class (hz_timeline_page_get_list_view (f.page), "jump-target", marked);
  g_assert_cmpuint (marked->len, ==, 1);
  {
    HzTimelineRow *row = hz_timeline_row_widget_get_row (marked->pdata[0]);
    guint position = hz_timeline_model_find_jump (f.model, HZ_TIMELINE_JUMP_GA, 20 * 7);
    g_autoptr(HzTimelineRow) expected = g_list_model_get_item (G_LIST_MODEL (f.model), position);

    g_assert_cmpstr (hz_timeline_row_get_key (row), ==, hz_timeline_row_get_key (expected));
  }
  iterate_until (no_jump_target, &f, 5000);
  g_assert_false (has_jump_target (&f));

  fixture_close (&f);
}

/* The mean colour of @widget as drawn */
static void
widget_mean_colour (GtkWidget *widget,
                    double     rgb[3])
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  g_assert_cmpint (w, >, 0);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  pixels = g_malloc (w * h * 4);
  gdk_texture_download (texture, pixels, w * 4);
  rgb[0] = rgb[1] = rgb[2] = 0;
  for (int i = 0; i < w * h; i++)
    {
      /* premultiplied BGRA over the (light) window */
      double alpha = pixels[i * 4 + 3] / 255.0;

      rgb[0] += pixels[i * 4 + 2] / 255.0 + (1 - alpha);
      rgb[1] += pixels[i * 4 + 1] / 255.0 + (1 - alpha);
      rgb[2] += pixels[i * 4 + 0] / 255.0 + (1 - alpha);
    }
  for (int c = 0; c < 3; c++)
    rgb[c] /= w * h;
}

static double
colour_distance (const double a[3],
                 const double b[3])
{
  return fabs (a[0] - b[0]) + fabs (a[1] - b[1]) + fabs (a[2] - b[2]);
}

/* Every team chip, "Other" too, looks different on and off, and by about
 * as much as the others */
static void
test_team_chips (void)
{
  g_autofree char *case_id = import_demo ("demo-recurrent-loss.json");
  double smallest = G_MAXDOUBLE, other = 0;
  Fixture f = { 0 };
  gboolean animations;

  /* the colours compared are the end states, not a CSS transition caught
   * half way on a loaded machine */
  g_object_get (gtk_settings_get_default (), "gtk-enable-animations", &animations, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  fixture_open (&f, case_id);
  iterate_for (500);   /* the opening scroll to today is over */
  for (guint t = 0; t <= HZ_TEAM_OTHER; t++)
    {
      GtkWidget *toggle = find_toggle (GTK_WIDGET (f.page), hz_team_get_display_name (t));
      g_autofree char *css_class = g_strdup_printf ("team-%s", hz_team_to_string (t));
      double on[3], off[3], distance;

      g_assert_nonnull (toggle);
      g_assert_true (gtk_widget_has_css_class (toggle, "team-toggle"));
      g_assert_true (gtk_widget_has_css_class (toggle, css_class));

      g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
      g_assert_true (gtk_widget_get_state_flags (toggle) & GTK_STATE_FLAG_CHECKED);
      iterate_for (50);
      widget_mean_colour (toggle, on);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
      g_assert_false (gtk_widget_get_state_flags (toggle) & GTK_STATE_FLAG_CHECKED);
      iterate_for (50);
      widget_mean_colour (toggle, off);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);

      distance = colour_distance (on, off);
      g_test_message ("%s: on and off differ by %.3f", hz_team_to_string (t), distance);
      if (t == HZ_TEAM_OTHER)
        other = distance;
      else
        smallest = MIN (smallest, distance);
    }
  g_assert_cmpfloat (other, >, 0.08);
  g_assert_cmpfloat (other, >, smallest * 0.5);
  fixture_close (&f);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", animations, NULL);
}

/* No FHIR code on screen, one word per concept. What the
 * program writes is checked (a status or field value, a part of a detail
 * line), not what a clinician typed in a note. */
static const char *raw_codes[] = {
  "booked", "final", "active", "requested", "accepted", "proposed", "draft", "completed",
  "finished", "fulfilled", "arrived", "in-progress", "cancelled", "order", "plan", "routine",
  "confirmed", "MedicationRequest", "true", "false",
};

static void
assert_not_code (const char *where,
                 const char *text,
                 const char *start,
                 gsize       length)
{
  g_autofree char *value = g_strstrip (g_strndup (start, length));

  for (guint i = 0; i < G_N_ELEMENTS (raw_codes); i++)
    if (g_str_equal (value, raw_codes[i]))
      g_error ("%s “%s” shows the code “%s”", where, text, raw_codes[i]);
}

static void
assert_no_codes (const char *where,
                 const char *text)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return;

  /* "a · b · c": no part is a bare code */
  parts = g_strsplit (text, " · ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    assert_not_code (where, text, parts[i], strlen (parts[i]));

  /* "字段：值": no value is one */
  for (const char *p = strstr (text, "："); p != NULL; p = strstr (p, "："))
    {
      p += strlen ("：");
      assert_not_code (where, text, p, strcspn (p, ",;}\n·（"));
    }

  g_assert_null (strstr (text, "已到期"));
  g_assert_null (strstr (text, "10^9"));
  g_assert_null (strstr (text, "kg/m2"));
  /* Chinese text with an ASCII colon */
  g_assert_null (strstr (text, "状态:"));
}

/* Every title, detail line and recorded field of the demo cases' events:
 * no FHIR code, in the language the test runs in */
static void
assert_demos_show_no_codes (void)
{
  const char *demos[] = {
    "demo-recurrent-loss.json", "demo-county-referral.json",
    "demo-perinatal-mood.json", "demo-postpartum-referral-down.json",
  };

  for (guint d = 0; d < G_N_ELEMENTS (demos); d++)
    {
      g_autofree char *case_id = import_demo (demos[d]);
      Fixture f = { 0 };

      fixture_open (&f, case_id);
      for (guint i = 0; i < hz_timeline_model_get_n_events (f.model); i++)
        {
          HzTimelineRow *row = hz_timeline_model_get_event_row (f.model, i);
          HzTimelineEvent *event = hz_timeline_row_get_event (row);
          const char *reference = hz_timeline_event_get_resource_reference (event);

          assert_no_codes ("title", hz_timeline_event_get_title (event));
          assert_no_codes ("detail", hz_timeline_event_get_detail (event));
          if (hz_timeline_event_get_kind (event) == HZ_EVENT_KIND_DUE)
            g_assert_null (strstr (hz_timeline_event_get_title (event), "待办"));

          /* The recorded data in the detail popover */
          if (reference != NULL && hz_case_lookup (f.workspace->kase, reference) != NULL)
            {
              HzResource *resource = hz_case_lookup (f.workspace->kase, reference);
              g_autofree char *summary = hz_fhir_jv_describe (hz_resource_get_value (resource), 24);
              g_auto(GStrv) lines = g_strsplit (summary, "\n", -1);

              for (guint l = 0; lines[l] != NULL; l++)
                assert_no_codes ("recorded data", lines[l]);
            }
        }
      fixture_close (&f);
    }
}

/* In English too: "Booked", never the code "booked" */
static void
test_words (void)
{
  assert_demos_show_no_codes ();
}

static void
test_words_zh_cn (void)
{
  if (!hz_test_run_in_zh_cn ())
    return;

  g_assert_cmpstr (hz_event_kind_get_display_name (HZ_EVENT_KIND_DUE), ==, "应做检查");
  g_assert_cmpstr (hz_due_status_get_display_name (HZ_DUE_STATUS_DUE), ==, "应做");
  g_assert_cmpstr (hz_due_status_get_display_name (HZ_DUE_STATUS_OVERDUE), ==, "已逾期");

  assert_demos_show_no_codes ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzActor) actor = NULL;
  g_autofree char *path = NULL;
  int ret;

  /* the tests run in C.UTF-8 (screenshots may ask for zh_CN); /min-width/zh_CN
   * runs itself again in Chinese */
  hz_test_i18n_init (argc, argv);
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() switches to en_US.UTF-8 where that locale exists: the
   * Chinese subprocess keeps the locale hz_test_i18n_init() asked for */
  if (g_strcmp0 (g_getenv ("LC_ALL"), "zh_CN.UTF-8") == 0)
    setlocale (LC_ALL, "zh_CN.UTF-8");
  adw_init ();
  hz_ui_init ();

  tmp_dir = g_dir_make_tmp ("hz-test-timeline-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmp_dir, "test.db", NULL);
  store = hz_store_new (path, &error);
  g_assert_no_error (error);
  actor = hz_actor_new ("测试医生", HZ_TEAM_OBSTETRICS, "主治医师", "测试医院");
  hz_store_set_actor (store, actor);

  g_test_add_func ("/huizhen/timeline-ui/every-team", test_every_team);
  g_test_add_func ("/huizhen/timeline-ui/filters", test_filters);
  g_test_add_func ("/huizhen/timeline-ui/sync-round-trip", test_sync_round_trip);
  g_test_add_func ("/huizhen/timeline-ui/open-and-jump", test_open_and_jump);
  g_test_add_func ("/huizhen/timeline-ui/ga-unknown", test_ga_unknown);
  g_test_add_func ("/huizhen/timeline-ui/min-width", test_min_width);
  g_test_add_func ("/huizhen/timeline-ui/min-width/zh_CN", test_min_width_zh_cn);
  g_test_add_func ("/huizhen/timeline-ui/today-button", test_today_button);
  g_test_add_func ("/huizhen/timeline-ui/page-keys", test_page_keys);
  g_test_add_func ("/huizhen/timeline-ui/truncated-text", test_truncated_text);
  g_test_add_func ("/huizhen/timeline-ui/ruler", test_ruler);
  g_test_add_func ("/huizhen/timeline-ui/jump-entry", test_jump_entry);
  g_test_add_func ("/huizhen/timeline-ui/team-chips", test_team_chips);
  g_test_add_func ("/huizhen/timeline-ui/words", test_words);
  g_test_add_func ("/huizhen/timeline-ui/words/zh_CN", test_words_zh_cn);

  ret = g_test_run ();

  g_clear_object (&store);
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (tmp_dir, name, NULL);

        g_unlink (child);
      }
    g_rmdir (tmp_dir);
    g_free (tmp_dir);
  }
  return ret;
}
