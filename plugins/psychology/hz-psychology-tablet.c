/* hz-psychology-tablet.c — the woman's own form: full screen, one question a screen
 *
 * Handed to the woman on a tablet (or the consulting-room screen turned
 * towards her): large touch targets, the progress (第3题/共10题), back and
 * next, the keys 0–3 for the answers as printed (0 the first), the arrows
 * to move, a summary of her answers before she submits. She does not see
 * the total or its band: a screening result is for the clinician to
 * explain, and a score shown without that conversation can alarm or
 * falsely reassure (the staff page shows it at once). The window leaves
 * full screen only by a staff action, confirmed, so that the woman does not
 * land in the case record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-psychology"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-psychology-private.h"

struct _HzPsychologyTablet
{
  AdwWindow        parent_instance;

  HzCase          *kase;
  HzScale          scale;
  guint            n_items;
  int              answers[HZ_SCALE_MAX_ITEMS];   /* printed position, -1: none */
  guint            current;                       /* 0-based item on show */
  gboolean         saving;
  gboolean         saved;
  gboolean         released;                      /* staff let it close */

  GtkStack        *stack;
  GtkLabel        *progress_label;
  GtkProgressBar  *progress_bar;
  GtkLabel        *question_label;
  GtkToggleButton *options[HZ_SCALE_N_OPTIONS];
  GtkWidget       *back_button;
  GtkWidget       *next_button;
  GtkBox          *summary_box;
  GtkWidget       *submit_button;
  GtkLabel        *summary_error;
};

G_DEFINE_FINAL_TYPE (HzPsychologyTablet, hz_psychology_tablet, ADW_TYPE_WINDOW)

static void show_question (HzPsychologyTablet *self,
                           guint               index);

/* --- the question screens --------------------------------------------------- */

static void
update_nav (HzPsychologyTablet *self)
{
  gtk_widget_set_sensitive (self->back_button, self->current > 0);
  gtk_widget_set_sensitive (self->next_button, self->answers[self->current] >= 0);
}

static void
on_option_toggled_cb (GtkToggleButton    *button,
                      HzPsychologyTablet *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "hz-position"));

  if (!gtk_toggle_button_get_active (button))
    return;
  self->answers[self->current] = (int) position;
  update_nav (self);
}

static void
select_option (HzPsychologyTablet *self,
               int                 position)
{
  if (position < 0 || position >= HZ_SCALE_N_OPTIONS)
    return;
  gtk_toggle_button_set_active (self->options[position], TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->options[position]));
}

static void
on_summary_row_clicked_cb (GtkButton          *row,
                           HzPsychologyTablet *self)
{
  show_question (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "hz-item")));
}

static void
show_summary (HzPsychologyTablet *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_box))) != NULL)
    gtk_box_remove (self->summary_box, child);

  for (guint i = 0; i < self->n_items; i++)
    {
      GtkWidget *row = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *question = gtk_label_new (NULL);
      GtkWidget *answer = gtk_label_new (NULL);
      g_autofree char *text = g_strdup_printf ("%u. %s", i + 1, hz_scale_get_item_text (self->scale, i + 1));

      gtk_label_set_text (GTK_LABEL (question), text);
      gtk_label_set_wrap (GTK_LABEL (question), TRUE);
      gtk_label_set_xalign (GTK_LABEL (question), 0);
      gtk_label_set_text (GTK_LABEL (answer),
                          hz_scale_get_option_text (self->scale, i + 1, self->answers[i]));
      gtk_label_set_xalign (GTK_LABEL (answer), 0);
      gtk_label_set_wrap (GTK_LABEL (answer), TRUE);
      gtk_widget_add_css_class (answer, "heading");
      gtk_box_append (GTK_BOX (box), question);
      gtk_box_append (GTK_BOX (box), answer);
      gtk_button_set_child (GTK_BUTTON (row), box);
      gtk_widget_add_css_class (row, "tablet-summary-row");
      gtk_widget_add_css_class (row, "flat");
      /* Translators: on the summary of the tablet form: a tap changes that answer */
      gtk_widget_set_tooltip_text (row, _("Change this answer"));
      g_object_set_data (G_OBJECT (row), "hz-item", GUINT_TO_POINTER (i));
      g_signal_connect (row, "clicked", G_CALLBACK (on_summary_row_clicked_cb), self);
      gtk_box_append (self->summary_box, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->summary_error), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "summary");
  gtk_widget_grab_focus (self->submit_button);
}

static void
go_next (HzPsychologyTablet *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "question") != 0 ||
      self->answers[self->current] < 0)
    return;

  if (self->current + 1 < self->n_items)
    show_question (self, self->current + 1);
  else
    show_summary (self);
}

static void
go_back (HzPsychologyTablet *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "summary") == 0)
    show_question (self, self->n_items - 1);
  else if (g_strcmp0 (page, "question") == 0 && self->current > 0)
    show_question (self, self->current - 1);
}

static void
show_question (HzPsychologyTablet *self,
               guint               index)
{
  g_autofree char *progress = NULL;
  g_autofree char *question = NULL;

  g_return_if_fail (index < self->n_items);
  self->current = index;

  /* Translators: the progress of the tablet form: "第3题/共10题" */
  progress = g_strdup_printf (_("Question %u of %u"), index + 1, self->n_items);
  gtk_label_set_text (self->progress_label, progress);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) (index + 1) / self->n_items);
  question = g_strdup_printf ("%u. %s", index + 1, hz_scale_get_item_text (self->scale, index + 1));
  gtk_label_set_text (self->question_label, question);

  for (guint i = 0; i < HZ_SCALE_N_OPTIONS; i++)
    {
      g_signal_handlers_block_by_func (self->options[i], on_option_toggled_cb, self);
      gtk_button_set_label (GTK_BUTTON (self->options[i]),
                            hz_scale_get_option_text (self->scale, index + 1, i));
      gtk_toggle_button_set_active (self->options[i], self->answers[index] == (int) i);
      g_signal_handlers_unblock_by_func (self->options[i], on_option_toggled_cb, self);
    }
  /* a group of toggles has one active at most: none until she answers */
  if (self->answers[index] < 0)
    for (guint i = 0; i < HZ_SCALE_N_OPTIONS; i++)
      if (gtk_toggle_button_get_active (self->options[i]))
        {
          g_signal_handlers_block_by_func (self->options[i], on_option_toggled_cb, self);
          gtk_toggle_button_set_active (self->options[i], FALSE);
          g_signal_handlers_unblock_by_func (self->options[i], on_option_toggled_cb, self);
        }

  /* Translators: the label of the Next button on the last question */
  gtk_button_set_label (GTK_BUTTON (self->next_button),
                        index + 1 < self->n_items ? C_("tablet", "Next") : C_("tablet", "Review answers"));
  gtk_stack_set_visible_child_name (self->stack, "question");
  update_nav (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->options[MAX (self->answers[index], 0)]));
}

/* --- submitting --------------------------------------------------------------- */

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HzPsychologyTablet) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  gtk_widget_set_sensitive (self->submit_button, TRUE);
  if (!hz_psychology_save_finish (result, NULL, &error))
    {
      gtk_label_set_text (self->summary_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->summary_error), TRUE);
      return;
    }

  self->saved = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "done");
}

static void
on_submit_clicked_cb (GtkButton          *button,
                      HzPsychologyTablet *self)
{
  if (self->saving || self->saved)
    return;
  self->saving = TRUE;
  gtk_widget_set_sensitive (self->submit_button, FALSE);
  hz_psychology_save_async (GTK_WIDGET (self), self->kase, self->scale, self->answers,
                            self->n_items, HZ_SCREENING_BY_PATIENT, on_saved_cb, g_object_ref (self));
}

/* --- leaving full screen: staff only ------------------------------------------- */

static gboolean
end_form_cb (gpointer data)
{
  GtkWindow *window = data;

  gtk_window_unfullscreen (window);
  gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

static void
on_release_response_cb (AdwMessageDialog   *dialog,
                        const char         *response,
                        HzPsychologyTablet *self)
{
  if (g_strcmp0 (response, "end") != 0)
    return;
  self->released = TRUE;
  /* once the dialog, which is transient for this window, is gone */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, end_form_cb, g_object_ref (self), g_object_unref);
}

static void
on_staff_clicked_cb (GtkButton          *button,
                     HzPsychologyTablet *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Return to the Staff View?"),
                                   self->saved
                                   ? _("For staff only. The answers are saved.")
                                   : _("For staff only. The answers given so far are not saved and "
                                       "will be discarded."));
  gtk_widget_set_name (dialog, "tablet-release-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "end", _("_End Form"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "end",
                                              self->saved ? ADW_RESPONSE_SUGGESTED
                                                          : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_release_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
hz_psychology_tablet_close_request (GtkWindow *window)
{
  HzPsychologyTablet *self = HZ_PSYCHOLOGY_TABLET (window);

  /* Alt+F4, Escape, the window manager: not the woman's way out */
  return !self->released;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   HzPsychologyTablet    *self)
{
  gboolean on_question = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "question") == 0;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_0: case GDK_KEY_KP_0:
    case GDK_KEY_1: case GDK_KEY_KP_1:
    case GDK_KEY_2: case GDK_KEY_KP_2:
    case GDK_KEY_3: case GDK_KEY_KP_3:
      if (!on_question)
        return FALSE;
      select_option (self, (int) (keyval >= GDK_KEY_KP_0 ? keyval - GDK_KEY_KP_0 : keyval - GDK_KEY_0));
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_Down:
      if (!on_question)
        return FALSE;
      {
        int position = self->answers[self->current];

        position = position < 0 ? 0
                 : CLAMP (position + (keyval == GDK_KEY_Down ? 1 : -1), 0, HZ_SCALE_N_OPTIONS - 1);
        select_option (self, position);
      }
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (!on_question)
        return FALSE;
      go_next (self);
      return TRUE;
    case GDK_KEY_Left:
      go_back (self);
      return TRUE;
    case GDK_KEY_Escape:
      /* full screen stays: only staff end the form */
      return TRUE;
    default:
      return FALSE;
    }
}

/* --- construction ------------------------------------------------------------- */

static GtkWidget *
centred_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
nav_button (const char *label,
            const char *name)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "tablet-nav");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_name (button, name);
  return button;
}

static GtkWidget *
build_question_page (HzPsychologyTablet *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *options = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *instructions = centred_label ("tablet-instructions");

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (box, TRUE);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);

  self->progress_label = GTK_LABEL (centred_label ("tablet-progress"));
  gtk_widget_set_name (GTK_WIDGET (self->progress_label), "tablet-progress");
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_label_set_text (GTK_LABEL (instructions), hz_scale_get_instructions (self->scale));
  gtk_widget_add_css_class (instructions, "dim-label");
  self->question_label = GTK_LABEL (centred_label ("tablet-question"));
  gtk_widget_set_name (GTK_WIDGET (self->question_label), "tablet-question");

  for (guint i = 0; i < HZ_SCALE_N_OPTIONS; i++)
    {
      g_autofree char *name = g_strdup_printf ("tablet-option-%u", i);

      self->options[i] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
      if (i > 0)
        gtk_toggle_button_set_group (self->options[i], self->options[0]);
      gtk_widget_add_css_class (GTK_WIDGET (self->options[i]), "tablet-option");
      gtk_widget_set_name (GTK_WIDGET (self->options[i]), name);
      g_object_set_data (G_OBJECT (self->options[i]), "hz-position", GUINT_TO_POINTER (i));
      g_signal_connect (self->options[i], "toggled", G_CALLBACK (on_option_toggled_cb), self);
      gtk_box_append (GTK_BOX (options), GTK_WIDGET (self->options[i]));
    }

  self->back_button = nav_button (C_("tablet", "Back"), "tablet-back");
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (go_back), self);
  self->next_button = nav_button (C_("tablet", "Next"), "tablet-next");
  gtk_widget_add_css_class (self->next_button, "suggested-action");
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (go_next), self);
  gtk_widget_set_halign (nav, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (nav), self->back_button);
  gtk_box_append (GTK_BOX (nav), self->next_button);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress_bar));
  gtk_box_append (GTK_BOX (box), instructions);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->question_label));
  gtk_box_append (GTK_BOX (box), options);
  gtk_box_append (GTK_BOX (box), nav);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  return clamp;
}

static GtkWidget *
build_summary_page (HzPsychologyTablet *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *title = centred_label ("tablet-question");
  GtkWidget *hint = centred_label ("tablet-instructions");
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *back;

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_label_set_text (GTK_LABEL (title), C_("tablet", "Your answers"));
  gtk_label_set_text (GTK_LABEL (hint), _("Tap an answer to change it. When they are right, submit them."));
  self->summary_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_set_name (GTK_WIDGET (self->summary_box), "tablet-summary");
  self->summary_error = GTK_LABEL (centred_label ("error"));
  gtk_widget_set_visible (GTK_WIDGET (self->summary_error), FALSE);

  back = nav_button (C_("tablet", "Back"), "tablet-summary-back");
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (go_back), self);
  self->submit_button = nav_button (C_("tablet", "Submit"), "tablet-submit");
  gtk_widget_add_css_class (self->submit_button, "suggested-action");
  g_signal_connect (self->submit_button, "clicked", G_CALLBACK (on_submit_clicked_cb), self);
  gtk_widget_set_halign (nav, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (nav), back);
  gtk_box_append (GTK_BOX (nav), self->submit_button);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary_box));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary_error));
  gtk_box_append (GTK_BOX (box), nav);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  return scrolled;
}

static GtkWidget *
build_done_page (void)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), C_("tablet", "Thank You"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Your answers have been saved. Please hand the tablet back to the "
                                     "staff; your doctor will talk them through with you."));
  gtk_widget_set_name (status, "tablet-done");
  return status;
}

static void
hz_psychology_tablet_dispose (GObject *object)
{
  HzPsychologyTablet *self = HZ_PSYCHOLOGY_TABLET (object);

  g_clear_object (&self->kase);

  G_OBJECT_CLASS (hz_psychology_tablet_parent_class)->dispose (object);
}

static void
hz_psychology_tablet_class_init (HzPsychologyTabletClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hz_psychology_tablet_dispose;
  window_class->close_request = hz_psychology_tablet_close_request;
}

static void
hz_psychology_tablet_init (HzPsychologyTablet *self)
{
  for (guint i = 0; i < HZ_SCALE_MAX_ITEMS; i++)
    self->answers[i] = -1;
}

HzPsychologyTablet *
hz_psychology_tablet_new (GtkWidget *parent,
                          HzCase    *kase,
                          HzScale    scale)
{
  HzPsychologyTablet *self;
  GtkWidget *content;
  GtkWidget *top;
  GtkWidget *title;
  GtkWidget *staff;
  GtkEventController *keys;
  GtkRoot *root;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  hz_psychology_ensure_style ();

  self = g_object_new (HZ_TYPE_PSYCHOLOGY_TABLET, NULL);
  self->kase = g_object_ref (kase);
  self->scale = scale;
  self->n_items = hz_scale_get_n_items (scale);

  gtk_widget_set_name (GTK_WIDGET (self), "psychology-tablet");
  gtk_widget_add_css_class (GTK_WIDGET (self), "psychology-tablet");
  gtk_window_set_title (GTK_WINDOW (self), hz_scale_get_title (scale));
  gtk_window_set_deletable (GTK_WINDOW (self), FALSE);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (top, 12);
  gtk_widget_set_margin_start (top, 18);
  gtk_widget_set_margin_end (top, 12);
  title = gtk_label_new (hz_scale_get_title (scale));
  gtk_widget_add_css_class (title, "title-2");
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  /* Translators: the small button on the woman's tablet form that only staff use */
  staff = gtk_button_new_with_label (C_("tablet", "Staff"));
  gtk_widget_add_css_class (staff, "flat");
  gtk_widget_set_name (staff, "tablet-staff");
  gtk_widget_set_tooltip_text (staff, _("For staff: end the form and return to the case"));
  g_signal_connect (staff, "clicked", G_CALLBACK (on_staff_clicked_cb), self);
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), staff);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, build_question_page (self), "question");
  gtk_stack_add_named (self->stack, build_summary_page (self), "summary");
  gtk_stack_add_named (self->stack, build_done_page (), "done");

  gtk_box_append (GTK_BOX (content), top);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), content);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  show_question (self, 0);
  gtk_window_fullscreen (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (self));

  return self;
}
