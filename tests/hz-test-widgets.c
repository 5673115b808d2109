/* hz-test-widgets.c — reading what a window shows, for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-test"

#include "config.h"

#include <string.h>

#include <gmodule.h>
#include <huizhen.h>

#include "hz-test-widgets.h"

gboolean
hz_test_widget_is_shown (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
      return FALSE;

  return TRUE;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

GPtrArray *
hz_test_shown_labels (GtkWidget *root)
{
  GPtrArray *texts = g_ptr_array_new ();

  if (hz_test_widget_is_shown (root))
    collect_labels (root, texts);

  return texts;
}

guint
hz_test_count_label (GtkWidget  *root,
                     const char *text)
{
  g_autoptr(GPtrArray) texts = hz_test_shown_labels (root);
  guint n = 0;

  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (texts->pdata[i], text))
      n++;

  return n;
}

gboolean
hz_test_has_label_containing (GtkWidget  *root,
                              const char *needle)
{
  g_autoptr(GPtrArray) texts = hz_test_shown_labels (root);

  for (guint i = 0; i < texts->len; i++)
    if (strstr (texts->pdata[i], needle) != NULL)
      return TRUE;

  return FALSE;
}

typedef gboolean (*Match) (GtkWidget  *widget,
                           const char *text);

/* Depth first, @root included; with @shown_only, hidden subtrees are passed over */
static GtkWidget *
find_first (GtkWidget  *widget,
            Match       match,
            const char *text,
            gboolean    shown_only)
{
  if (shown_only && (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget)))
    return NULL;

  if (match (widget, text))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, match, text, shown_only);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_named (GtkWidget  *widget,
          const char *name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_row_titled (GtkWidget  *widget,
               const char *title)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

GtkWidget *
hz_test_find_named (GtkWidget  *root,
                    const char *name)
{
  return root != NULL ? find_first (root, is_named, name, FALSE) : NULL;
}

GtkWidget *
hz_test_find_row (GtkWidget  *root,
                  const char *title)
{
  return hz_test_widget_is_shown (root) ? find_first (root, is_row_titled, title, TRUE) : NULL;
}

void
hz_test_assert_no_raw_codes (GtkWidget *root)
{
  /* Request, task, appointment, observation, condition and plan statuses,
   * intents and priorities as FHIR writes them */
  static const char * const codes[] = {
    "draft", "requested", "received", "accepted", "rejected", "ready", "in-progress",
    "on-hold", "active", "completed", "cancelled", "failed", "entered-in-error",
    "proposed", "pending", "booked", "arrived", "fulfilled", "noshow", "checked-in",
    "waitlist", "final", "preliminary", "amended", "registered", "revoked",
    "routine", "urgent", "asap", "stat", "proposal", "original-order",
  };
  g_autoptr(GPtrArray) texts = hz_test_shown_labels (root);

  for (guint i = 0; i < texts->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (codes); j++)
      if (g_str_equal (texts->pdata[i], codes[j]))
        g_error ("A label shows the FHIR code “%s”, not its word", codes[j]);
}

static gboolean
is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

void
hz_test_assert_full_width_punctuation (GtkWidget *root)
{
  g_autoptr(GPtrArray) texts = hz_test_shown_labels (root);

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = texts->pdata[i];

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          const char *before = p;
          const char *after = g_utf8_next_char (p);

          if (strchr (":;,?!", *p) == NULL)
            continue;

          /* the characters either side, past one space */
          if (before > text)
            before = g_utf8_prev_char (before);
          if (before > text && *before == ' ')
            before = g_utf8_prev_char (before);
          if (*after == ' ')
            after++;

          if ((before != p && is_han (g_utf8_get_char (before))) ||
              (*after != '\0' && is_han (g_utf8_get_char (after))))
            g_error ("“%s”: an ASCII “%c” in Chinese text (use the full-width form)", text, *p);
        }
    }
}

typedef HzTimelineEvent *(*RowGetEvent) (gpointer row);

static RowGetEvent
timeline_row_get_event (void)
{
  static RowGetEvent get_event;

  if (get_event == NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "plugins", "timeline",
                                                "libtimeline.so", NULL);
      GModule *module = g_module_open (path, G_MODULE_BIND_LAZY);

      g_assert_nonnull (module);
      g_assert_true (g_module_symbol (module, "hz_timeline_row_get_event", (gpointer *) &get_event));
    }
  return get_event;
}

static GtkWidget *
find_list_view (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
hz_test_timeline_has_event (GtkWidget  *timeline,
                            const char *needle)
{
  GtkWidget *view = timeline != NULL ? find_list_view (timeline) : NULL;
  GListModel *model;

  if (view == NULL)
    return FALSE;
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (model, i);
      HzTimelineEvent *event = timeline_row_get_event () (row);
      g_autofree char *text = NULL;

      if (event == NULL)
        continue;
      text = g_strdup_printf ("%s\n%s", hz_timeline_event_get_title (event),
                              hz_timeline_event_get_detail (event) != NULL ? hz_timeline_event_get_detail (event) : "");
      if (strstr (text, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

GtkWidget *
hz_test_find_toplevel (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_widget_get_name (window), name) == 0 && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

gboolean
hz_test_toplevel_shown (gpointer name)
{
  return hz_test_find_toplevel (name) != NULL;
}
