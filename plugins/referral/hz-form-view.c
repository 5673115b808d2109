/* hz-form-view.c — the one form renderer: a Questionnaire as libadwaita rows
 *
 * One row per item, made once: text, dates and numbers in an AdwEntryRow,
 * a choice in an AdwComboRow, yes/no as a switch; a group is an
 * AdwPreferencesGroup. Every change goes into the HzFormAnswers, is
 * checked by libhuizhen's hz_form_check_value() (the rule the CLI uses),
 * and the items whose enableWhen depends on it are shown or hidden.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-referral"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-referral-private.h"

typedef struct
{
  HzFormView       *view;
  const HzFormItem *item;
  GtkWidget        *row;
  GtkWidget        *read_row; /* a typed answer read-only: AdwActionRow, the answer wrapped */
  GtkWidget        *group;    /* the AdwPreferencesGroup it is in */
  char             *problem;
} Row;

struct _HzFormView
{
  GtkWidget      parent_instance;

  HzForm        *form;
  HzFormAnswers *answers;
  GtkWidget     *page;       /* AdwPreferencesPage */
  GPtrArray     *rows;       /* Row, in form order */
  GHashTable    *by_link_id; /* → Row */
  GPtrArray     *groups;     /* (HzFormItem *, AdwPreferencesGroup *) pairs */
  gboolean       filling;    /* setting rows from the answers: not an edit */
  gboolean       editable;
};

G_DEFINE_FINAL_TYPE (HzFormView, hz_form_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
row_free (Row *row)
{
  g_free (row->problem);
  g_free (row);
}

/* The problems of @group's rows, under its title: the message stands by
 * the fields it is about */
static void
update_group_description (HzFormView *self,
                          GtkWidget  *group)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (row->group == group && row->problem != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", row->problem);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), text->len > 0 ? text->str : NULL);
  if (text->len > 0)
    gtk_widget_add_css_class (group, "hz-form-problems");
  else
    gtk_widget_remove_css_class (group, "hz-form-problems");
}

/* Shows @row's problem (or none) */
static void
row_set_problem (Row  *row,
                 char *problem)
{
  g_free (row->problem);
  row->problem = problem;
  if (row->group != NULL)
    update_group_description (row->view, row->group);
  if (problem != NULL)
    gtk_widget_add_css_class (row->row, "error");
  else
    gtk_widget_remove_css_class (row->row, "error");
  gtk_widget_set_tooltip_text (row->row, problem);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  problem != NULL ? problem : "", -1);
}

static void
check_row (Row *row)
{
  HzFormView *self = row->view;
  const HzFormValue *value = hz_form_answers_get (self->answers, row->item->link_id);

  /* an empty required row is told when saving, not while the form is new */
  if (value == NULL && !self->filling && row->problem == NULL)
    {
      row_set_problem (row, NULL);
      return;
    }
  row_set_problem (row, hz_form_check_value (self->form, row->item, value, NULL));
}

/* Shows the rows and groups whose enableWhen holds */
static void
update_enabled (HzFormView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      gboolean enabled = hz_form_item_is_enabled (self->form, row->item, self->answers);

      gtk_widget_set_visible (row->row, enabled && (self->editable || row->read_row == NULL));
      if (row->read_row != NULL)
        gtk_widget_set_visible (row->read_row, enabled && !self->editable);
    }
  for (guint i = 0; i + 1 < self->groups->len; i += 2)
    {
      const HzFormItem *item = g_ptr_array_index (self->groups, i);

      if (item != NULL)
        gtk_widget_set_visible (g_ptr_array_index (self->groups, i + 1),
                                hz_form_item_is_enabled (self->form, item, self->answers));
    }
}

static void
answer_changed (Row             *row,
                HzFormValueKind  kind,
                const char      *text)
{
  HzFormView *self = row->view;

  if (self->filling)
    return;
  hz_form_answers_set (self->answers, row->item->link_id, kind, text);
  row_set_problem (row, hz_form_check_value (self->form, row->item,
                                             hz_form_answers_get (self->answers, row->item->link_id),
                                             NULL));
  update_enabled (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_entry_changed (GtkEditable *editable,
                  Row         *row)
{
  const char *text = gtk_editable_get_text (editable);
  HzFormValueKind kind = HZ_FORM_VALUE_STRING;

  if (row->item->type == HZ_FORM_ITEM_INTEGER || row->item->type == HZ_FORM_ITEM_DECIMAL)
    kind = HZ_FORM_VALUE_NUMBER;
  answer_changed (row, kind, text);
}

static void
on_combo_selected (AdwComboRow *combo,
                   GParamSpec  *pspec,
                   Row         *row)
{
  guint selected = adw_combo_row_get_selected (combo);
  const HzFormOption *option = selected > 0 && selected <= row->item->options->len
                               ? g_ptr_array_index (row->item->options, selected - 1) : NULL;

  answer_changed (row, HZ_FORM_VALUE_STRING, option != NULL ? option->code : NULL);
}

static void
on_switch_active (GtkSwitch  *sw,
                  GParamSpec *pspec,
                  Row        *row)
{
  /* off is no answer: a required yes/no (a consent) must be turned on */
  answer_changed (row, HZ_FORM_VALUE_BOOLEAN, gtk_switch_get_active (sw) ? "true" : NULL);
}

static const char *
placeholder_for (const HzFormItem *item)
{
  switch (item->type)
    {
    case HZ_FORM_ITEM_DATE:
      return "2026-05-06";
    case HZ_FORM_ITEM_DATETIME:
      return "2026-05-06T09:30:00+08:00";
    case HZ_FORM_ITEM_REFERENCE:
      return item->reference_type != NULL ? item->reference_type : "Type";
    default:
      return NULL;
    }
}

static GtkWidget *
make_row (HzFormView       *self,
          const HzFormItem *item)
{
  const HzFormValue *value = hz_form_answers_get (self->answers, item->link_id);
  g_autofree char *title = item->required
                           /* Translators: a required item's title */
                           ? g_strdup_printf (_("%s *"), hz_form_item_get_text (item))
                           : g_strdup (hz_form_item_get_text (item));
  Row *row = g_new0 (Row, 1);
  GtkWidget *widget;

  row->view = self;
  row->item = item;

  switch (item->type)
    {
    case HZ_FORM_ITEM_CHOICE:
      {
        g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
        guint selected = 0;

        /* Translators: a choice not made yet */
        gtk_string_list_append (list, _("Not chosen"));
        for (guint i = 0; i < item->options->len; i++)
          {
            const HzFormOption *option = g_ptr_array_index (item->options, i);

            gtk_string_list_append (list, hz_form_option_get_display (option));
            if (value != NULL && g_strcmp0 (value->text, option->code) == 0)
              selected = i + 1;
          }
        widget = adw_combo_row_new ();
        adw_combo_row_set_model (ADW_COMBO_ROW (widget), G_LIST_MODEL (list));
        adw_combo_row_set_selected (ADW_COMBO_ROW (widget), selected);
        g_signal_connect (widget, "notify::selected", G_CALLBACK (on_combo_selected), row);
        break;
      }
    case HZ_FORM_ITEM_BOOLEAN:
      {
        GtkWidget *sw = gtk_switch_new ();

        gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
        gtk_switch_set_active (GTK_SWITCH (sw), value != NULL && g_strcmp0 (value->text, "true") == 0);
        widget = adw_action_row_new ();
        adw_action_row_add_suffix (ADW_ACTION_ROW (widget), sw);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (widget), sw);
        g_object_set_data (G_OBJECT (widget), "hz-switch", sw);
        g_signal_connect (sw, "notify::active", G_CALLBACK (on_switch_active), row);
        break;
      }
    default:
      widget = adw_entry_row_new ();
      if (value != NULL)
        gtk_editable_set_text (GTK_EDITABLE (widget), value->text);
      if (placeholder_for (item) != NULL)
        gtk_widget_set_tooltip_text (widget, placeholder_for (item));
      gtk_widget_set_sensitive (widget, !item->read_only);
      g_signal_connect (widget, "changed", G_CALLBACK (on_entry_changed), row);
      /* read-only, a long answer is read in full */
      row->read_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->read_row), hz_form_item_get_text (item));
      /* a field name over its value, as the case's side panel shows them */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->read_row), FALSE);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row->read_row), 0);
      gtk_widget_add_css_class (row->read_row, "property");
      gtk_widget_add_css_class (row->read_row, "hz-property-row");
      gtk_widget_set_visible (row->read_row, FALSE);
      break;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
  row->row = widget;
  g_ptr_array_add (self->rows, row);
  g_hash_table_insert (self->by_link_id, item->link_id, row);
  return widget;
}

static void
add_items (HzFormView *self,
           GPtrArray  *items,
           GtkWidget  *group)
{
  for (guint i = 0; i < items->len; i++)
    {
      const HzFormItem *item = g_ptr_array_index (items, i);

      if (item->type == HZ_FORM_ITEM_GROUP)
        {
          GtkWidget *sub = adw_preferences_group_new ();

          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (sub), hz_form_item_get_text (item));
          adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (sub));
          g_ptr_array_add (self->groups, (gpointer) item);
          g_ptr_array_add (self->groups, sub);
          add_items (self, item->items, sub);
        }
      else if (item->type == HZ_FORM_ITEM_DISPLAY)
        {
          GtkWidget *label = gtk_label_new (hz_form_item_get_text (item));

          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
        }
      else
        {
          Row *row;

          if (group == NULL)
            {
              group = adw_preferences_group_new ();
              adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
              g_ptr_array_add (self->groups, NULL);
              g_ptr_array_add (self->groups, group);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), make_row (self, item));
          row = g_ptr_array_index (self->rows, self->rows->len - 1);
          row->group = group;
          if (row->read_row != NULL)
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row->read_row);
        }
    }
}

static void
hz_form_view_dispose (GObject *object)
{
  HzFormView *self = HZ_FORM_VIEW (object);

  g_clear_pointer (&self->page, gtk_widget_unparent);

  G_OBJECT_CLASS (hz_form_view_parent_class)->dispose (object);
}

static void
hz_form_view_finalize (GObject *object)
{
  HzFormView *self = HZ_FORM_VIEW (object);

  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->by_link_id);
  g_ptr_array_unref (self->groups);
  g_clear_object (&self->form);
  g_clear_pointer (&self->answers, hz_form_answers_unref);

  G_OBJECT_CLASS (hz_form_view_parent_class)->finalize (object);
}

static void
hz_form_view_class_init (HzFormViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_form_view_dispose;
  object_class->finalize = hz_form_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /* an answer typed, chosen or switched by the clinician */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hz_form_view_init (HzFormView *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->by_link_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->groups = g_ptr_array_new ();
  self->editable = TRUE;
}

GtkWidget *
hz_form_view_new (HzForm        *form,
                  HzFormAnswers *answers)
{
  HzFormView *self;

  g_return_val_if_fail (HZ_IS_FORM (form), NULL);
  g_return_val_if_fail (answers != NULL, NULL);

  self = g_object_new (HZ_TYPE_FORM_VIEW, NULL);
  self->form = g_object_ref (form);
  self->answers = hz_form_answers_ref (answers);
  self->page = adw_preferences_page_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self->page), hz_form_get_title (form));
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));

  self->filling = TRUE;
  add_items (self, hz_form_get_items (form), NULL);
  /* what was filled in already is checked at once */
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (hz_form_answers_get (answers, row->item->link_id) != NULL)
        check_row (row);
    }
  self->filling = FALSE;
  update_enabled (self);

  return GTK_WIDGET (self);
}

HzFormAnswers *
hz_form_view_get_answers (HzFormView *self)
{
  g_return_val_if_fail (HZ_IS_FORM_VIEW (self), NULL);
  return self->answers;
}

GtkWidget *
hz_form_view_get_row (HzFormView *self,
                      const char *link_id)
{
  Row *row;

  g_return_val_if_fail (HZ_IS_FORM_VIEW (self), NULL);
  row = g_hash_table_lookup (self->by_link_id, link_id);
  return row != NULL ? row->row : NULL;
}

const char *
hz_form_view_get_problem (HzFormView *self,
                          const char *link_id)
{
  Row *row;

  g_return_val_if_fail (HZ_IS_FORM_VIEW (self), NULL);
  row = g_hash_table_lookup (self->by_link_id, link_id);
  return row != NULL ? row->problem : NULL;
}

gboolean
hz_form_view_validate (HzFormView  *self,
                       GError     **error)
{
  g_return_val_if_fail (HZ_IS_FORM_VIEW (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (hz_form_item_is_enabled (self->form, row->item, self->answers))
        row_set_problem (row, hz_form_check_value (self->form, row->item,
                                                   hz_form_answers_get (self->answers, row->item->link_id),
                                                   NULL));
      else
        row_set_problem (row, NULL);
    }
  return hz_form_validate (self->form, self->answers, NULL, NULL, error);
}

void
hz_form_view_set_editable (HzFormView *self,
                           gboolean    editable)
{
  g_return_if_fail (HZ_IS_FORM_VIEW (self));

  self->editable = editable;
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      /* typed answers read as text; choices and switches are fixed */
      if (row->read_row != NULL)
        {
          const HzFormValue *value = hz_form_answers_get (self->answers, row->item->link_id);

          gtk_editable_set_editable (GTK_EDITABLE (row->row), editable && !row->item->read_only);
          /* Translators: an item of a read-only form left unanswered */
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row->read_row), value != NULL ? value->text : _("—"));
        }
      else if (ADW_IS_COMBO_ROW (row->row))
        gtk_widget_set_sensitive (row->row, editable);
      else if (g_object_get_data (G_OBJECT (row->row), "hz-switch") != NULL)
        gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row->row), "hz-switch"), editable);
    }
  update_enabled (self);
}

gboolean
hz_form_view_get_editable (HzFormView *self)
{
  g_return_val_if_fail (HZ_IS_FORM_VIEW (self), FALSE);
  return self->editable;
}
