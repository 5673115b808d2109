/* hz-registry-view.c — the high-risk registry (高危孕产妇专案管理) of the window
 *
 * Every orange, red and purple case with its factors, next action, days
 * overdue and responsible team, for the MCH office's case management.
 * The table shows an HzRegistryModel, which follows the store: a case
 * that changes is replaced in place, the other rows stay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-registry-view.h"
#include "hz-shell-utils.h"

struct _HzRegistryView
{
  GtkWidget           parent_instance;

  HzStore            *store;
  HzRegistryModel    *model;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GtkSortListModel   *sort_model;
  GtkNativeDialog    *export_chooser;

  /* template */
  GtkWidget          *box;
  AdwWindowTitle     *title;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *risk_dropdown;
  GtkDropDown        *team_dropdown;
  GtkCheckButton     *overdue_check;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_page;
};

G_DEFINE_FINAL_TYPE (HzRegistryView, hz_registry_view, GTK_TYPE_WIDGET)

enum {
  CASE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The risk filter's choices, in the order of the drop-down */
enum {
  RISK_ALL,
  RISK_RED,
  RISK_ORANGE,
  RISK_PURPLE,
  RISK_ALERT,
};

/* --- filters ----------------------------------------------------------------- */

static gboolean
text_contains (const char *text,
               const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;

  folded = g_utf8_casefold (text, -1);
  return strstr (folded, folded_needle) != NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  HzRegistryView *self = user_data;
  const HzRegistryEntry *entry = hz_registry_item_get_entry (item);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint risk = gtk_drop_down_get_selected (self->risk_dropdown);
  guint team = gtk_drop_down_get_selected (self->team_dropdown);

  if (gtk_check_button_get_active (self->overdue_check) && entry->days_overdue <= 0)
    return FALSE;

  if ((risk == RISK_RED && entry->colour != HZ_RISK_RED)
      || (risk == RISK_ORANGE && entry->colour != HZ_RISK_ORANGE)
      || (risk == RISK_PURPLE && !entry->purple)
      || (risk == RISK_ALERT && !entry->alert))
    return FALSE;

  /* 0: every team; then the teams in HzTeam's order */
  if (team != 0 && team != GTK_INVALID_LIST_POSITION
      && g_strcmp0 (entry->team, hz_team_to_string ((HzTeam) (team - 1))) != 0)
    return FALSE;

  if (search != NULL && *search != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);

      g_strstrip (needle);
      if (*needle != '\0'
          && !text_contains (entry->patient_name, needle)
          && !text_contains (entry->mrn, needle)
          && !text_contains (entry->organization, needle)
          && !text_contains (entry->factors, needle)
          && !text_contains (entry->next_action, needle))
        return FALSE;
    }

  return TRUE;
}

static void
update_state (HzRegistryView *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint n_overdue = hz_registry_model_get_n_overdue (self->model);
  g_autofree char *subtitle = NULL;
  g_autofree char *cases = NULL;

  if (!hz_registry_model_get_loaded (self->model))
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      adw_window_title_set_subtitle (self->title, NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "registry.export-csv", FALSE);
      return;
    }

  /* Translators: the registry's size, then how many are overdue */
  cases = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", n_all), n_all);
  if (n_overdue > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: %s is "N cases" */
                                             "%s · %u overdue", "%s · %u overdue", n_overdue),
                                cases, n_overdue);
  else
    subtitle = g_steal_pointer (&cases);
  adw_window_title_set_subtitle (self->title, subtitle);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registry.export-csv", n_shown > 0);

  if (n_shown > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (n_all == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No High-Risk Cases"));
      adw_status_page_set_description (self->empty_page,
                                       _("No case is graded orange or red or carries the purple mark."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Cases"));
      adw_status_page_set_description (self->empty_page,
                                       _("No case of the registry matches the filters."));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
on_filter_changed_cb (HzRegistryView *self)
{
  /* the drop-downs get their choices before the model is given */
  if (self->filter == NULL)
    return;

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* --- cells ------------------------------------------------------------------- */

static HzRegistryItem *
list_item_get_registry_item (GtkListItem *list_item)
{
  return HZ_REGISTRY_ITEM (gtk_list_item_get_item (list_item));
}

static GtkWidget *
new_cell_label (gboolean wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
      gtk_label_set_width_chars (GTK_LABEL (label), 16);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

  return label;
}

/* Two lines: a value and a dim caption under it */
static void
setup_two_line_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = new_cell_label (TRUE);
  GtkWidget *bottom = new_cell_label (FALSE);

  gtk_widget_add_css_class (bottom, "dim-label");
  gtk_widget_add_css_class (bottom, "caption");
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), bottom);
  gtk_list_item_set_child (list_item, box);
}

static void
set_two_lines (GtkListItem *list_item,
               const char  *top,
               const char  *bottom)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *top_label = gtk_widget_get_first_child (box);
  GtkWidget *bottom_label = gtk_widget_get_next_sibling (top_label);

  gtk_label_set_text (GTK_LABEL (top_label), top ? top : "");
  gtk_label_set_text (GTK_LABEL (bottom_label), bottom ? bottom : "");
  gtk_widget_set_visible (bottom_label, bottom != NULL && *bottom != '\0');
}

static void
bind_patient_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  const HzRegistryEntry *entry = hz_registry_item_get_entry (list_item_get_registry_item (list_item));
  g_autofree char *mrn = NULL;
  g_autofree char *caption = NULL;

  if (entry->mrn != NULL)
    /* Translators: the medical record number under the name */
    mrn = g_strdup_printf (_("MRN %s"), entry->mrn);

  /* the hospital too: the registry covers the sites that referred */
  if (mrn != NULL && entry->organization != NULL)
    caption = g_strdup_printf ("%s · %s", mrn, entry->organization);
  else
    caption = g_strdup (mrn != NULL ? mrn : entry->organization);

  set_two_lines (list_item, entry->patient_name ? entry->patient_name : entry->case_id, caption);
  gtk_widget_add_css_class (gtk_widget_get_first_child (gtk_list_item_get_child (list_item)), "heading");
}

static void
bind_next_action_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  const HzRegistryEntry *entry = hz_registry_item_get_entry (list_item_get_registry_item (list_item));
  /* the date as the case list writes it */
  g_autofree char *due = entry->next_action_date ? hz_ui_format_date (entry->next_action_date) : NULL;

  if (entry->next_action == NULL)
    {
      set_two_lines (list_item, _("None planned"), NULL);
      return;
    }

  set_two_lines (list_item, entry->next_action, due);
}

static void
setup_risk_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *alert = hz_ui_alert_badge_new ();
  GtkWidget *badge = hz_ui_risk_badge_new (HZ_RISK_UNKNOWN, FALSE);

  /* the colour over the purple mark: a narrow column leaves room for the factors */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (badge), GTK_ORIENTATION_VERTICAL);
  /* an open urgent self-harm alert above the grade (psychology) */
  gtk_widget_set_halign (alert, GTK_ALIGN_START);
  gtk_widget_set_visible (alert, FALSE);
  gtk_box_append (GTK_BOX (box), alert);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_risk_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  const HzRegistryEntry *entry = hz_registry_item_get_entry (list_item_get_registry_item (list_item));

  GtkWidget *box = gtk_list_item_get_child (list_item);

  gtk_widget_set_visible (gtk_widget_get_first_child (box), entry->alert);
  hz_ui_risk_badge_update (gtk_widget_get_last_child (box), entry->colour, entry->purple);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  wrap)
{
  gtk_list_item_set_child (list_item, new_cell_label (GPOINTER_TO_INT (wrap)));
}

static void
bind_factors_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  const HzRegistryEntry *entry = hz_registry_item_get_entry (list_item_get_registry_item (list_item));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));

  gtk_label_set_text (label, entry->factors ? entry->factors : _("Not recorded"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (label),
                               _("As the current grading records them (国卫办妇幼发〔2017〕35号)"));
}

static void
bind_overdue_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  const HzRegistryEntry *entry = hz_registry_item_get_entry (list_item_get_registry_item (list_item));
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  if (entry->days_overdue > 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", entry->days_overdue),
                              entry->days_overdue);
      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_remove_css_class (label, "dim-label");
    }
  else
    {
      text = g_strdup (C_("days overdue", "Not overdue"));
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_remove_css_class (label, "heading");
      gtk_widget_add_css_class (label, "dim-label");
    }

  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
bind_team_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  const HzRegistryEntry *entry = hz_registry_item_get_entry (list_item_get_registry_item (list_item));
  const char *team = hz_registry_entry_get_team_display_name (entry);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      team ? team : _("Not recorded"));
}

/* --- sorters ----------------------------------------------------------------- */

static int
compare_risk (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  /* the registry's own order: red, orange, purple only, most overdue first */
  return hz_registry_entry_compare (hz_registry_item_get_entry ((HzRegistryItem *) a),
                                    hz_registry_item_get_entry ((HzRegistryItem *) b));
}

static int
compare_name (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const HzRegistryEntry *x = hz_registry_item_get_entry ((HzRegistryItem *) a);
  const HzRegistryEntry *y = hz_registry_item_get_entry ((HzRegistryItem *) b);
  int cmp = g_strcmp0 (x->sort_key, y->sort_key);

  return cmp != 0 ? cmp : g_strcmp0 (x->case_id, y->case_id);
}

static int
compare_overdue (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const HzRegistryEntry *x = hz_registry_item_get_entry ((HzRegistryItem *) a);
  const HzRegistryEntry *y = hz_registry_item_get_entry ((HzRegistryItem *) b);

  if (x->days_overdue != y->days_overdue)
    return x->days_overdue < y->days_overdue ? -1 : 1;
  return compare_name (a, b, NULL);
}

static int
compare_team (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  int cmp = g_strcmp0 (hz_registry_entry_get_team_display_name (hz_registry_item_get_entry ((HzRegistryItem *) a)),
                       hz_registry_entry_get_team_display_name (hz_registry_item_get_entry ((HzRegistryItem *) b)));

  return cmp != 0 ? cmp : compare_name (a, b, NULL);
}

static void
add_column (HzRegistryView   *self,
            const char       *id,
            const char       *title,
            GCallback         setup,
            gpointer          setup_data,
            GCallback         bind,
            GCompareDataFunc  compare,
            gboolean          expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", setup, setup_data);
  g_signal_connect (factory, "bind", bind, NULL);

  column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  g_object_set_data_full (G_OBJECT (column), "hz-column-id", g_strdup (id), g_free);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (compare != NULL)
    {
      g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (compare, NULL, NULL);

      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
    }

  gtk_column_view_append_column (self->column_view, column);
}

static void
setup_columns (HzRegistryView *self)
{
  g_auto(GStrv) headers = hz_registry_dup_headers ();

  add_column (self, "patient", headers[HZ_REGISTRY_COLUMN_PATIENT],
              G_CALLBACK (setup_two_line_cb), NULL, G_CALLBACK (bind_patient_cb), compare_name, FALSE);
  add_column (self, "risk", headers[HZ_REGISTRY_COLUMN_RISK],
              G_CALLBACK (setup_risk_cb), NULL, G_CALLBACK (bind_risk_cb), compare_risk, FALSE);
  add_column (self, "factors", headers[HZ_REGISTRY_COLUMN_FACTORS],
              G_CALLBACK (setup_label_cb), GINT_TO_POINTER (TRUE), G_CALLBACK (bind_factors_cb), NULL, TRUE);
  add_column (self, "next-action", headers[HZ_REGISTRY_COLUMN_NEXT_ACTION],
              G_CALLBACK (setup_two_line_cb), NULL, G_CALLBACK (bind_next_action_cb), NULL, TRUE);
  add_column (self, "days-overdue", headers[HZ_REGISTRY_COLUMN_DAYS_OVERDUE],
              G_CALLBACK (setup_label_cb), GINT_TO_POINTER (FALSE), G_CALLBACK (bind_overdue_cb),
              compare_overdue, FALSE);
  add_column (self, "team", headers[HZ_REGISTRY_COLUMN_TEAM],
              G_CALLBACK (setup_label_cb), GINT_TO_POINTER (FALSE), G_CALLBACK (bind_team_cb),
              compare_team, FALSE);
}

static void
setup_dropdowns (HzRegistryView *self)
{
  const char *risks[] = {
    C_("risk filter", "All grades"),
    hz_risk_colour_get_display_name (HZ_RISK_RED),
    hz_risk_colour_get_display_name (HZ_RISK_ORANGE),
    C_("risk filter", "Purple (infectious)"),
    C_("risk filter", "Urgent self-harm alert"),
    NULL
  };
  g_autoptr(GtkStringList) teams = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) risk_list = gtk_string_list_new (risks);

  gtk_string_list_append (teams, C_("team filter", "All teams"));
  for (HzTeam team = HZ_TEAM_OBSTETRICS; team <= HZ_TEAM_OTHER; team++)
    gtk_string_list_append (teams, hz_team_get_display_name (team));

  gtk_drop_down_set_model (self->risk_dropdown, G_LIST_MODEL (risk_list));
  gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (teams));
}

/* --- actions ----------------------------------------------------------------- */

static void
on_row_activated_cb (HzRegistryView *self,
                     guint           position)
{
  g_autoptr(HzRegistryItem) item = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  if (item != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, hz_registry_item_get_case_id (item));
}

gboolean
hz_registry_view_export_to_file (HzRegistryView  *self,
                                 GFile           *file,
                                 GError         **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *path = NULL;
  GListModel *shown;
  gsize size;
  const char *data;

  g_return_val_if_fail (HZ_IS_REGISTRY_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  shown = G_LIST_MODEL (self->sort_model);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(HzRegistryItem) item = g_list_model_get_item (shown, i);

      /* the items live as long as the model holds them, past this call */
      g_ptr_array_add (entries, (gpointer) hz_registry_item_get_entry (item));
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      /* Translators: %s is where the CSV was to go */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file: choose a folder on this computer"), uri);
      return FALSE;
    }

  csv = hz_registry_export_csv (self->store, entries, path, error);
  if (csv == NULL)
    return FALSE;

  data = g_bytes_get_data (csv, &size);
  /* Patient data: readable by the owner only, never half written */
  return g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
export_response_cb (HzRegistryView       *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->export_chooser);

  if (file == NULL)
    return;

  name = g_file_get_basename (file);
  if (!hz_registry_view_export_to_file (self, file, &error))
    {
      /* Translators: %s is the file, then the reason */
      message = g_strdup_printf (_("The registry could not be exported to “%s”: %s"), name, error->message);
      hz_shell_show_error_toast (GTK_WIDGET (self), message);
      return;
    }

  /* Translators: %s is the file name */
  message = g_strdup_printf (_("Registry exported to “%s”"), name);
  hz_shell_show_toast (GTK_WIDGET (self), message);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HzRegistryView *self = HZ_REGISTRY_VIEW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *suggested = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->export_chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export the High-Risk Registry"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the file name a registry export is offered under; %s is the date */
  suggested = g_strdup_printf (_("high-risk-registry-%s.csv"), day);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);

  self->export_chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- the object -------------------------------------------------------------- */

static void
hz_registry_view_dispose (GObject *object)
{
  HzRegistryView *self = HZ_REGISTRY_VIEW (object);

  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (self->export_chooser);
  g_clear_object (&self->export_chooser);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), HZ_TYPE_REGISTRY_VIEW);

  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hz_registry_view_parent_class)->dispose (object);
}

static void
hz_registry_view_class_init (HzRegistryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_registry_view_dispose;

  signals[CASE_ACTIVATED] =
    g_signal_new ("case-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/huizhen/Huizhen/hz-registry-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HzRegistryView, box);
  gtk_widget_class_bind_template_child (widget_class, HzRegistryView, title);
  gtk_widget_class_bind_template_child (widget_class, HzRegistryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HzRegistryView, risk_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HzRegistryView, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HzRegistryView, overdue_check);
  gtk_widget_class_bind_template_child (widget_class, HzRegistryView, stack);
  gtk_widget_class_bind_template_child (widget_class, HzRegistryView, column_view);
  gtk_widget_class_bind_template_child (widget_class, HzRegistryView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "registry.export-csv", NULL, export_csv_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hzregistryview");
}

static void
hz_registry_view_init (HzRegistryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  setup_dropdowns (self);
  setup_columns (self);
}

GtkWidget *
hz_registry_view_new (HzStore         *store,
                      HzRegistryModel *model)
{
  HzRegistryView *self;
  GtkSelectionModel *selection;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);
  g_return_val_if_fail (HZ_IS_REGISTRY_MODEL (model), NULL);

  self = g_object_new (HZ_TYPE_REGISTRY_VIEW, NULL);
  self->store = g_object_ref (store);
  self->model = g_object_ref (model);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (model)),
                                                  GTK_FILTER (g_object_ref (self->filter)));
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filter_model)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sort_model))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_single_selection_set_can_unselect (GTK_SINGLE_SELECTION (selection), TRUE);
  gtk_column_view_set_model (self->column_view, selection);
  g_object_unref (selection);

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::loaded",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::n-overdue",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  update_state (self);

  return GTK_WIDGET (self);
}

HzRegistryModel *
hz_registry_view_get_model (HzRegistryView *self)
{
  g_return_val_if_fail (HZ_IS_REGISTRY_VIEW (self), NULL);

  return self->model;
}

GListModel *
hz_registry_view_get_shown (HzRegistryView *self)
{
  g_return_val_if_fail (HZ_IS_REGISTRY_VIEW (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

void
hz_registry_view_set_overdue_only (HzRegistryView *self,
                                   gboolean        overdue_only)
{
  g_return_if_fail (HZ_IS_REGISTRY_VIEW (self));

  gtk_check_button_set_active (self->overdue_check, overdue_only);
}
