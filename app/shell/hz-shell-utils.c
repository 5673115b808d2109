/* hz-shell-utils.c — helpers shared by the shell's widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hz-shell-utils.h"

gboolean
hz_shell_parse_date (const char *iso,
                     GDate      *date)
{
  int year, month, day;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);

  if (iso == NULL || strlen (iso) < 10)
    return FALSE;

  if (sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return FALSE;

  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);

  return TRUE;
}

void
hz_shell_summary_get_dating (HzCaseSummary *summary,
                             HzDating      *dating)
{
  hz_case_summary_get_dating (summary, dating);
}

char *
hz_shell_format_ga (const HzDating *dating,
                    const GDate    *today,
                    gboolean        began_preconception)
{
  int ga_days;

  if (hz_dating_is_preconception (dating, began_preconception))
    /* Translators: in place of the GA of a case before a pregnancy: 备孕 */
    return g_strdup (C_("case phase", "Pre-conception"));

  if (dating->delivered && g_date_valid (&dating->delivery_date))
    {
      int after = g_date_days_between (&dating->delivery_date, today);

      if (after >= 0)
        return hz_ga_format_postpartum (after);
    }

  if (hz_dating_ga_at (dating, today, &ga_days) && ga_days >= 0)
    return hz_ga_format (ga_days);

  return g_strdup (_("GA unknown"));
}

int
hz_shell_ga_sort_key (const HzDating *dating,
                      const GDate    *today)
{
  int ga_days;

  if (dating->delivered)
    return -1;

  if (hz_dating_ga_at (dating, today, &ga_days) && ga_days >= 0)
    return ga_days;

  return -2;
}

gboolean
hz_shell_is_uninstalled (void)
{
  return hz_is_running_uninstalled ();
}

void
hz_shell_set_actor (GSettings     *settings,
                    HzStore       *store,
                    const HzActor *actor)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (actor != NULL);

  hz_settings_set_actor (settings, actor);

  if (store != NULL)
    hz_store_set_actor (store, actor);
}

static GtkWidget *
find_window_overlay (GtkWindow *window)
{
  GtkWidget *content;

  if (window == NULL)
    return NULL;

  if (ADW_IS_APPLICATION_WINDOW (window))
    content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  else if (ADW_IS_WINDOW (window))
    content = adw_window_get_content (ADW_WINDOW (window));
  else
    content = gtk_window_get_child (window);

  return ADW_IS_TOAST_OVERLAY (content) ? content : NULL;
}

/* --- toasts ------------------------------------------------------------------
 *
 * libadwaita 1.2 (Debian bookworm) frees a toast's record when its hide
 * animation ends, while its show animation may not have ended: both end
 * on the same frame when the toast is dismissed before a frame has passed
 * (its time-out firing while the frame clock was held up, on a busy
 * machine) or when a replacing toast (500 ms to show, 300 ms to hide) is
 * dismissed at once; the hide ends first and the show's end then reads
 * the freed record: the window crashed (libadwaita commit 1674ebc9 fixed
 * it in 1.3). So the shell adds a toast only when no other is on show or
 * hiding (it shows in 300 ms, as fast as it hides), keeps the time-out
 * itself, and dismisses a toast (its time-out, or a high-priority one
 * taking its place) only once a frame after its show animation's end has
 * passed. A high-priority toast goes first in the shell's queue and ends a
 * normal or persistent one on show (the persistent one comes back after it,
 * as libadwaita's own bump does); it waits behind another high-priority one. The one moment left is a click on a toast's close button
 * in its first 0.3 s.
 */

#define SHOW_MS 300    /* libadwaita 1.2's SHOW_DURATION */
#define POLL_MS 50

typedef struct
{
  AdwToastOverlay *overlay;  /* (unowned) it owns this record */
  GQueue           waiting;  /* (owned) AdwToasts, high priority first */
  AdwToast        *current;  /* (owned) the one on show */
  guint            timeout;  /* its time-out in seconds, 0: until dismissed */
  gint64           show_end; /* frame time (µs) its show animation ends */
  guint            tick_id;
  guint            timeout_id;
  guint            source;
  guint            shown : 1;    /* its show animation has ended */
  guint            expired : 1;  /* its time-out has passed */
  guint            bumped : 1;   /* a high-priority toast waits for its place */
} ToastGate;

static void toast_gate_schedule (ToastGate *gate);

/* A toast shown once cannot be added again (libadwaita keeps its overlay) */
static AdwToast *
toast_copy (AdwToast *toast,
            guint     timeout)
{
  AdwToast *copy = adw_toast_new (adw_toast_get_title (toast));

  adw_toast_set_button_label (copy, adw_toast_get_button_label (toast));
  adw_toast_set_action_name (copy, adw_toast_get_action_name (toast));
  adw_toast_set_action_target_value (copy, adw_toast_get_action_target_value (toast));
  adw_toast_set_priority (copy, adw_toast_get_priority (toast));
  adw_toast_set_timeout (copy, timeout);
  return copy;
}

static void
toast_gate_clear_current (ToastGate *gate)
{
  if (gate->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (gate->overlay), gate->tick_id);
  gate->tick_id = 0;
  g_clear_handle_id (&gate->timeout_id, g_source_remove);
  g_clear_object (&gate->current);
  gate->shown = gate->expired = gate->bumped = FALSE;
}

static void
toast_gate_free (gpointer data)
{
  ToastGate *gate = data;

  g_clear_handle_id (&gate->source, g_source_remove);
  g_queue_clear_full (&gate->waiting, g_object_unref);
  gate->tick_id = 0; /* the overlay is going */
  toast_gate_clear_current (gate);
  g_free (gate);
}

/* Dismisses the toast on show if it is time and safe */
static void
toast_gate_maybe_dismiss (ToastGate *gate)
{
  if (gate->current != NULL && gate->shown && (gate->expired || gate->bumped))
    adw_toast_dismiss (gate->current);
}

static void
on_toast_dismissed_cb (AdwToast        *toast,
                       AdwToastOverlay *overlay)
{
  ToastGate *gate = g_object_get_data (G_OBJECT (overlay), "hz-toast-gate");

  g_signal_handlers_disconnect_by_func (toast, on_toast_dismissed_cb, overlay);
  if (gate == NULL || toast != gate->current)
    return;

  toast_gate_clear_current (gate);
  toast_gate_schedule (gate);
}

static gboolean
toast_gate_shown_idle (gpointer data)
{
  ToastGate *gate = data;

  gate->source = 0;
  gate->shown = TRUE;
  toast_gate_maybe_dismiss (gate);
  toast_gate_schedule (gate);
  return G_SOURCE_REMOVE;
}

/* Runs before libadwaita's own callbacks of the same frame: the show
 * animation ends in this frame, so it is safe from the next main-loop turn */
static gboolean
toast_gate_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       data)
{
  ToastGate *gate = data;

  if (gdk_frame_clock_get_frame_time (frame_clock) < gate->show_end)
    return G_SOURCE_CONTINUE;

  gate->tick_id = 0;
  g_clear_handle_id (&gate->source, g_source_remove);
  gate->source = g_idle_add (toast_gate_shown_idle, gate);
  return G_SOURCE_REMOVE;
}

static gboolean
toast_gate_expired_cb (gpointer data)
{
  ToastGate *gate = data;

  gate->timeout_id = 0;
  gate->expired = TRUE;
  toast_gate_maybe_dismiss (gate);
  return G_SOURCE_REMOVE;
}

static gboolean
toast_gate_release (gpointer data)
{
  ToastGate *gate = data;

  gate->source = 0;
  toast_gate_schedule (gate);
  return G_SOURCE_REMOVE;
}

/* TRUE while a toast is on show or hiding: libadwaita unparents its
 * widget when the hide animation has ended */
static gboolean
toast_overlay_busy (AdwToastOverlay *overlay)
{
  GType toast_widget = g_type_from_name ("AdwToastWidget");

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (toast_widget != 0 && G_TYPE_CHECK_INSTANCE_TYPE (child, toast_widget))
      return TRUE;
  return FALSE;
}

static void
toast_gate_present (ToastGate *gate,
                    AdwToast  *toast)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (gate->overlay));

  gate->current = toast;
  gate->timeout = adw_toast_get_timeout (toast);
  adw_toast_set_timeout (toast, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), gate->overlay, 0);
  adw_toast_overlay_add_toast (gate->overlay, g_object_ref (toast));

  /* libadwaita starts the show animation at the last frame's time; unmapped
   * or with animations off, it has ended already */
  if (frame_clock != NULL && gtk_widget_get_mapped (GTK_WIDGET (gate->overlay)))
    {
      gate->show_end = gdk_frame_clock_get_frame_time (frame_clock) + SHOW_MS * G_TIME_SPAN_MILLISECOND;
      gate->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (gate->overlay), toast_gate_tick_cb,
                                                    gate, NULL);
    }
  else
    gate->shown = TRUE;

  if (gate->timeout > 0)
    gate->timeout_id = g_timeout_add_seconds (gate->timeout, toast_gate_expired_cb, gate);
}

static void
toast_gate_schedule (ToastGate *gate)
{
  AdwToast *next = g_queue_peek_head (&gate->waiting);

  if (next == NULL || gate->source != 0)
    return;

  if (gate->current != NULL)
    {
      /* only a high-priority toast ends one on show: a normal one, or a
       * persistent one (which comes back); another error waits its turn */
      if (gate->bumped || adw_toast_get_priority (next) != ADW_TOAST_PRIORITY_HIGH
          || (adw_toast_get_priority (gate->current) == ADW_TOAST_PRIORITY_HIGH && gate->timeout > 0))
        return;
      /* a persistent one comes back once the urgent one has gone */
      if (gate->timeout == 0)
        g_queue_insert_after (&gate->waiting, g_queue_peek_head_link (&gate->waiting),
                              toast_copy (gate->current, 0));
      gate->bumped = TRUE;
      toast_gate_maybe_dismiss (gate);
      return;
    }

  if (toast_overlay_busy (gate->overlay))
    {
      gate->source = g_timeout_add (POLL_MS, toast_gate_release, gate);
      return;
    }

  toast_gate_present (gate, g_queue_pop_head (&gate->waiting));
}

static void
toast_overlay_add (AdwToastOverlay *overlay,
                   AdwToast        *toast)
{
  ToastGate *gate = g_object_get_data (G_OBJECT (overlay), "hz-toast-gate");

  if (gate == NULL)
    {
      gate = g_new0 (ToastGate, 1);
      gate->overlay = overlay;
      g_queue_init (&gate->waiting);
      g_object_set_data_full (G_OBJECT (overlay), "hz-toast-gate", gate, toast_gate_free);
    }

  if (adw_toast_get_priority (toast) == ADW_TOAST_PRIORITY_HIGH)
    {
      GList *link = gate->waiting.head;

      /* after the high-priority ones already waiting */
      while (link != NULL && adw_toast_get_priority (link->data) == ADW_TOAST_PRIORITY_HIGH)
        link = link->next;
      if (link != NULL)
        g_queue_insert_before (&gate->waiting, link, toast);
      else
        g_queue_push_tail (&gate->waiting, toast);
    }
  else
    g_queue_push_tail (&gate->waiting, toast);

  toast_gate_schedule (gate);
}

/**
 * hz_shell_add_toast:
 * @overlay: the window's toast overlay
 * @toast: (transfer full): a toast
 *
 * Adds @toast to @overlay; the one way the shell shows a toast.
 */
void
hz_shell_add_toast (AdwToastOverlay *overlay,
                    AdwToast        *toast)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  toast_overlay_add (overlay, toast);
}

static void
show_toast (GtkWidget       *widget,
            const char      *message,
            AdwToastPriority priority)
{
  g_autofree char *escaped = NULL;
  GtkWidget *overlay;
  GtkRoot *root;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  /* AdwToast titles are Pango markup in libadwaita 1.2. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 5);
  adw_toast_set_priority (toast, priority);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  root = gtk_widget_get_root (widget);

  if (overlay == NULL && ADW_IS_PREFERENCES_WINDOW (root))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
      return;
    }

  if (overlay == NULL && GTK_IS_WINDOW (root))
    {
      overlay = find_window_overlay (GTK_WINDOW (root));
      if (overlay == NULL)
        overlay = find_window_overlay (gtk_window_get_transient_for (GTK_WINDOW (root)));
    }

  if (overlay == NULL)
    {
      g_message ("%s", message);
      g_object_unref (toast);
      return;
    }

  toast_overlay_add (ADW_TOAST_OVERLAY (overlay), toast);
}

void
hz_shell_show_toast (GtkWidget  *widget,
                     const char *message)
{
  show_toast (widget, message, ADW_TOAST_PRIORITY_NORMAL);
}

void
hz_shell_show_error_toast (GtkWidget  *widget,
                           const char *message)
{
  show_toast (widget, message, ADW_TOAST_PRIORITY_HIGH);
}
