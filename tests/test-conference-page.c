/* test-conference-page.c — the conference plugin (多学科会诊) in the huizhen
 * window, as the coordinator runs a meeting (GTK, under Xvfb)
 *
 * The window is the program's own (hz-test-app.h), its database seeded
 * with the demo cases, the plugins the build tree's. Through the view's
 * widgets: a meeting booked in the New Meeting dialog, two demo cases put
 * on the agenda in the Add Case dialog and reordered; attendance by team
 * and the quorum line; each case presented (Page Down for the next), two
 * team opinions typed in their boxes and saved after the pause; a decision
 * with two actions; signed. Then: the actions found on the case's timeline
 * page, an edit after signing refused (the box keeps the signed text, the
 * store its version), the store's content with exact values, and a change
 * made by huizhen-cli in another process shown by the view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-conference-page"

#include "config.h"

#include <string.h>
#include <hz-ui.h>

#include "hz-case-row.h"
#include "hz-conference-private.h"
#include "hz-test-app.h"
#include "hz-test-keys.h"
#include "hz-test-utils.h"
#include "hz-test-widgets.h"
#include "test-consult-server.h"

#define CASE_A "c1-episode"
#define CASE_B "c2-episode"

static char *meeting_id;

/* --- helpers --------------------------------------------------------------- */

static HzStore *
get_store (void)
{
  return hz_window_get_store (hz_test_app_get_window ());
}

static HzConferenceView *
get_view (void)
{
  GtkWidget *view = hz_test_app_find_named ("conference-view");

  g_assert_nonnull (view);
  return HZ_CONFERENCE_VIEW (view);
}

static GtkWidget *
find (const char *name)
{
  GtkWidget *widget = hz_test_find_named (GTK_WIDGET (get_view ()), name);

  g_assert_nonnull (widget);
  return widget;
}



/* As a click on the dialog's button: the response, the dialog closed */
static void
respond (GtkWidget  *dialog,
         const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
set_text (GtkWidget  *root,
          const char *name,
          const char *text)
{
  GtkWidget *widget = hz_test_find_named (root, name);

  g_assert_nonnull (widget);
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static JsonObject *
meeting_json (void)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = hz_meeting_to_json (get_store (), meeting_id, &error);
  JsonObject *object;

  g_assert_no_error (error);
  object = json_object_ref (json_node_get_object (node));
  json_node_unref (node);
  return object;
}

static JsonObject *
agenda_item (JsonObject *meeting,
             guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (meeting, "agenda"), index);
}

static const char *
opinion_text (JsonObject *item,
              const char *team)
{
  JsonArray *opinions = json_object_get_array_member (item, "opinions");

  for (guint i = 0; i < json_array_get_length (opinions); i++)
    {
      JsonObject *o = json_array_get_object_element (opinions, i);

      if (g_strcmp0 (json_object_get_string_member (o, "team"), team) == 0)
        return json_object_get_string_member (o, "text");
    }
  return NULL;
}

static char *
acting_display (void)
{
  return hz_actor_dup_display (hz_store_get_actor (get_store ()));
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static guint
count_agenda_rows (void)
{
  GtkWidget *list = find ("conference-agenda");
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_visible (child);
  return n;
}

static gboolean
agenda_row_shown (gpointer data)
{
  return hz_test_find_row (find ("conference-agenda"), data) != NULL;
}

static gboolean
entry_reads (gpointer data)
{
  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (find ("conference-attendance-name-other"))), data) == 0;
}

static gboolean
agenda_has_rows (gpointer data)
{
  return count_agenda_rows () == GPOINTER_TO_UINT (data);
}

static gboolean
nothing_saving (gpointer data)
{
  return hz_conference_view_get_n_saving (get_view ()) == 0;
}

typedef struct
{
  const char *name;
  const char *text;
} LabelWait;

static gboolean
label_reads (gpointer data)
{
  LabelWait *wait = data;
  GtkWidget *label = hz_test_find_named (GTK_WIDGET (get_view ()), wait->name);

  return label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), wait->text) == 0;
}

static gboolean
label_holds (gpointer data)
{
  LabelWait *wait = data;
  GtkWidget *label = hz_test_find_named (GTK_WIDGET (get_view ()), wait->name);

  return label != NULL && strstr (gtk_label_get_text (GTK_LABEL (label)), wait->text) != NULL;
}

static void
type_in (const char *name,
         const char *text)
{
  GtkWidget *view = find (name);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter end;

  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  /* as typed: a piece at a time, at the end */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, p, g_utf8_next_char (p) - p);
    }
}

static void
click (const char *name)
{
  GtkWidget *button = find (name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Fills action row @index of the editor */
static void
fill_action (guint       index,
             const char *what,
             guint       owner,
             const char *person,
             const char *due)
{
  GtkWidget *row = gtk_widget_get_first_child (find ("conference-actions"));

  for (guint i = 0; i < index; i++)
    row = gtk_widget_get_next_sibling (row);
  g_assert_nonnull (row);
  set_text (row, "conference-action-what", what);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (hz_test_find_named (row, "conference-action-owner")), owner);
  if (person != NULL)
    set_text (row, "conference-action-person", person);
  set_text (row, "conference-action-due", due);
}

static void
add_case_in_dialog (const char *case_id,
                    const char *question,
                    const char *reason)
{
  g_autoptr(HzCaseSummary) summary = hz_store_get_case_summary (get_store (), case_id, NULL);
  GtkWidget *dialog, *combo;
  GListModel *names;
  guint n = count_agenda_rows (), found = GTK_INVALID_LIST_POSITION;

  click ("conference-add-case-button");
  g_assert_true (hz_test_wait_until (hz_test_toplevel_shown, "conference-add-case-dialog"));
  dialog = hz_test_find_toplevel ("conference-add-case-dialog");
  combo = hz_test_find_named (dialog, "conference-add-case");
  names = adw_combo_row_get_model (ADW_COMBO_ROW (combo));
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i),
                   hz_case_summary_get_patient_name (summary)) == 0)
      found = i;
  g_assert_cmpuint (found, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), found);
  /* no question, no Add */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  set_text (dialog, "conference-add-question", question);
  set_text (dialog, "conference-add-reason", reason);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  respond (dialog, "add");
  g_assert_true (hz_test_wait_until (agenda_has_rows, GUINT_TO_POINTER (n + 1)));
}

/* The case list's row of @case_id (NULL if not shown) */
static GtkWidget *
find_case_row (GtkWidget  *root,
               const char *case_id)
{
  if (HZ_IS_CASE_ROW (root) && hz_case_row_get_summary (HZ_CASE_ROW (root)) != NULL &&
      g_strcmp0 (hz_case_summary_get_case_id (hz_case_row_get_summary (HZ_CASE_ROW (root))), case_id) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_case_row (child, case_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first event controller of @widget of type @type */
static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}

/* A case row dragged from the case list and dropped on the agenda: its
 * drag source's content goes to the agenda's drop target, which opens the
 * Add Case dialog with that case chosen */
static void
drop_case_on_agenda (const char *case_id,
                     const char *question,
                     const char *reason)
{
  GtkWidget *row = find_case_row (GTK_WIDGET (hz_test_app_get_window ()), case_id);
  GtkEventController *drag, *drop;
  g_autoptr(GdkContentProvider) content = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCaseSummary) summary = hz_store_get_case_summary (get_store (), case_id, NULL);
  GtkWidget *dialog, *combo;
  gboolean dropped = FALSE;
  guint n = count_agenda_rows ();

  g_assert_nonnull (row);
  drag = find_controller (row, GTK_TYPE_DRAG_SOURCE);
  g_assert_nonnull (drag);
  g_signal_emit_by_name (drag, "prepare", 10.0, 10.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, HZ_TYPE_CASE_SUMMARY);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  drop = find_controller (find ("conference-agenda"), GTK_TYPE_DROP_TARGET);
  g_assert_nonnull (drop);
  g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &dropped);
  g_assert_true (dropped);

  g_assert_true (hz_test_wait_until (hz_test_toplevel_shown, "conference-add-case-dialog"));
  dialog = hz_test_find_toplevel ("conference-add-case-dialog");
  combo = hz_test_find_named (dialog, "conference-add-case");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (combo))),
                                               adw_combo_row_get_selected (ADW_COMBO_ROW (combo))),
                   ==, hz_case_summary_get_patient_name (summary));
  set_text (dialog, "conference-add-question", question);
  set_text (dialog, "conference-add-reason", reason);
  respond (dialog, "add");
  g_assert_true (hz_test_wait_until (agenda_has_rows, GUINT_TO_POINTER (n + 1)));

  /* dropped again: it is on the agenda already, nothing added */
  dropped = TRUE;
  g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &dropped);
  g_assert_false (dropped);
  g_assert_cmpuint (count_agenda_rows (), ==, n + 1);
}

static void
attend (const char *team,
        guint       status,
        const char *name)
{
  g_autofree char *status_name = g_strdup_printf ("conference-attendance-status-%s", team);
  g_autofree char *entry_name = g_strdup_printf ("conference-attendance-name-%s", team);

  gtk_editable_set_text (GTK_EDITABLE (find (entry_name)), name ? name : "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (status_name)), status);
}

/* --- the meeting ------------------------------------------------------------ */

static gboolean
view_loaded (gpointer data)
{
  return hz_window_get_store (hz_test_app_get_window ()) != NULL && hz_test_app_find_named ("conference-view") != NULL;
}

static void
test_book (void)
{
  GtkWidget *dialog;
  g_autoptr(JsonObject) meeting = NULL;
  g_autofree char *me = NULL;

  /* the store opens, then the window's plugins load */
  g_assert_true (hz_test_wait_until (view_loaded, NULL));
  me = acting_display ();
  hz_main_window_show_view (HZ_MAIN_WINDOW (hz_test_app_get_window ()), "conference");
  g_assert_null (hz_conference_view_get_meeting_id (get_view ()));
  click ("conference-new");
  g_assert_true (hz_test_wait_until (hz_test_toplevel_shown, "conference-new-dialog"));
  dialog = hz_test_find_toplevel ("conference-new-dialog");
  set_text (dialog, "conference-new-date", "2026-12-10");
  /* no title, no meeting; a time that is not one neither */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  set_text (dialog, "conference-new-title", "周四产科多学科会诊");
  set_text (dialog, "conference-new-time", "25:00");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  set_text (dialog, "conference-new-time", "14:30");
  set_text (dialog, "conference-new-place", "第三会议室");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  respond (dialog, "create");

  meeting_id = g_strdup (hz_conference_view_get_meeting_id (get_view ()));
  g_assert_nonnull (meeting_id);
  meeting = meeting_json ();
  g_assert_cmpstr (json_object_get_string_member (meeting, "title"), ==, "周四产科多学科会诊");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (meeting, "start"), "2026-12-10T14:30:00"));
  g_assert_cmpstr (json_object_get_string_member (meeting, "place"), ==, "第三会议室");
  g_assert_cmpstr (json_object_get_string_member (meeting, "coordinator"), ==, me);
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (get_view ()), "第三会议室"));

  /* from the high-risk registry: its cases, the reason their risk factors */
  {
    GtkWidget *registry_dialog;
    GListModel *names;
    const char *reason;

    click ("conference-add-case-button");
    g_assert_true (hz_test_wait_until (hz_test_toplevel_shown, "conference-add-case-dialog"));
    registry_dialog = hz_test_find_toplevel ("conference-add-case-dialog");
    adw_combo_row_set_selected (ADW_COMBO_ROW (hz_test_find_named (registry_dialog, "conference-add-source")), 1);
    names = adw_combo_row_get_model (ADW_COMBO_ROW (hz_test_find_named (registry_dialog, "conference-add-case")));
    g_assert_cmpuint (g_list_model_get_n_items (names), ==, 1);
    g_assert_true (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), "刘海燕 · "));
    reason = gtk_editable_get_text (GTK_EDITABLE (hz_test_find_named (registry_dialog, "conference-add-reason")));
    {
      g_autoptr(GPtrArray) entries = hz_registry_list (get_store (), NULL, NULL);

      g_assert_cmpuint (entries->len, ==, 1);
      g_assert_cmpstr (reason, ==, ((HzRegistryEntry *) g_ptr_array_index (entries, 0))->factors);
    }
    respond (registry_dialog, "cancel");
  }
  drop_case_on_agenda (CASE_A, "是否需要提前终止妊娠？", "妊娠期高血压");
  add_case_in_dialog (CASE_B, "产后抑郁的药物治疗方案？", "EPDS评分升高");

  /* reordered with the rows' arrows: B first, then back */
  {
    GtkWidget *row = hz_test_find_row (find ("conference-agenda"), "1. 周雨桐");
    g_autoptr(JsonObject) after = NULL;

    g_assert_nonnull (row);
    g_signal_emit_by_name (hz_test_find_named (row, "conference-agenda-down"), "clicked");
    g_assert_true (hz_test_wait_until (agenda_row_shown, "1. 陈思雨"));
    after = meeting_json ();
    g_assert_cmpstr (json_object_get_string_member (agenda_item (after, 0), "case"), ==, CASE_B);
    g_assert_cmpstr (json_object_get_string_member (agenda_item (after, 1), "case"), ==, CASE_A);
    row = hz_test_find_row (find ("conference-agenda"), "2. 周雨桐");
    g_assert_nonnull (row);
    g_signal_emit_by_name (hz_test_find_named (row, "conference-agenda-up"), "clicked");
    g_assert_true (hz_test_wait_until (agenda_row_shown, "1. 周雨桐"));
  }
}

static void
test_attendance (void)
{
  LabelWait wait = { "conference-quorum", NULL };
  g_autoptr(JsonObject) meeting = NULL;
  JsonArray *attendance;

  attend ("obstetrics", 1, "王丽");
  attend ("reproductive", 2, "李明");
  attend ("psychology", 3, NULL);
  attend ("nutrition", 3, "赵敏");
  wait.text = "No quorum yet. Absent without a deputy: Psychology";
  g_assert_true (hz_test_wait_until (label_reads, &wait));
  /* the deputy's field says so */
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (find ("conference-attendance-name-psychology"))), ==,
                   "Deputy named");
  attend ("psychology", 1, "孙芳");
  wait.text = "Quorum reached: every team the cases need is present, remote or has named a deputy";
  g_assert_true (hz_test_wait_until (label_reads, &wait));

  /* a case that needs the other team too (internal medicine, say): its
   * check in the row's menu; not recorded, so no quorum, for the meeting
   * and on the case's row */
  {
    GtkWidget *row = hz_test_find_row (find ("conference-agenda"), "1. 周雨桐");
    GtkWidget *other = hz_test_find_named (row, "conference-agenda-team-other");
    g_autoptr(JsonObject) item_meeting = NULL;
    g_autofree char *subtitle = NULL;

    g_assert_nonnull (other);
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (hz_test_find_named (row, "conference-agenda-team-obstetrics"))));
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (other)));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (other), TRUE);
    wait.text = "No quorum yet. Not recorded: Other";
    g_assert_true (hz_test_wait_until (label_reads, &wait));
    item_meeting = meeting_json ();
    g_assert_false (json_object_get_boolean_member (agenda_item (item_meeting, 0), "quorum"));
    g_assert_true (json_object_get_boolean_member (agenda_item (item_meeting, 1), "quorum"));
    subtitle = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
    g_assert_nonnull (strstr (subtitle, ", Other · Not recorded: Other"));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (other), FALSE);
    wait.text = "Quorum reached: every team the cases need is present, remote or has named a deputy";
    g_assert_true (hz_test_wait_until (label_reads, &wait));
  }

  meeting = meeting_json ();
  g_assert_true (json_object_get_boolean_member (meeting, "quorum"));
  attendance = json_object_get_array_member (meeting, "attendance");
  g_assert_cmpuint (json_array_get_length (attendance), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      static const char *expected[][4] = {
        { "obstetrics", "present", "王丽", NULL },
        { "reproductive", "remote", "李明", NULL },
        { "psychology", "present", "孙芳", NULL },
        { "nutrition", "absent", NULL, "赵敏" },
      };
      JsonObject *a = json_array_get_object_element (attendance, i);

      g_assert_cmpstr (json_object_get_string_member (a, "team"), ==, expected[i][0]);
      g_assert_cmpstr (json_object_get_string_member (a, "status"), ==, expected[i][1]);
      g_assert_cmpstr (json_object_get_string_member_with_default (a, "name", NULL), ==, expected[i][2]);
      g_assert_cmpstr (json_object_get_string_member_with_default (a, "deputy", NULL), ==, expected[i][3]);
    }
}

/* The presented case: two opinions typed, a decision with two actions, signed */
static void
run_case (guint       index,
          const char *team1,
          const char *text1,
          const char *team2,
          const char *text2,
          const char *decision,
          const char *action1,
          const char *action2)
{
  g_autofree char *box1 = g_strdup_printf ("conference-opinion-%s", team1);
  g_autofree char *box2 = g_strdup_printf ("conference-opinion-%s", team2);
  g_autofree char *status1 = g_strdup_printf ("conference-opinion-status-%s", team1);
  g_autofree char *me = acting_display ();
  g_autofree char *by = g_strdup_printf ("By %s", me);
  LabelWait wait = { status1, by };
  GtkTextBuffer *buffer;

  g_assert_cmpint (hz_conference_view_get_presented (get_view ()), ==, index);
  type_in (box1, text1);
  type_in (box2, text2);
  g_assert_cmpuint (hz_conference_view_get_n_saving (get_view ()), >, 0);
  /* saved after the typing pause, through the save path */
  g_assert_true (hz_test_wait_until (nothing_saving, NULL));
  g_assert_true (hz_test_wait_until (label_reads, &wait));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find ("conference-decision")));
  gtk_text_buffer_set_text (buffer, decision, -1);
  click ("conference-add-action");
  click ("conference-add-action");
  g_assert_cmpuint (count_children (find ("conference-actions")), ==, 2);
  fill_action (0, action1, HZ_TEAM_OBSTETRICS, NULL, "2026-12-20");
  fill_action (1, action2, HZ_TEAM_OTHER + 1, "张主任", "2026-12-31");
  click ("conference-decide");
  /* the actions as stored, with their status */
  wait.name = "conference-action-status";
  wait.text = "To do";
  g_assert_true (hz_test_wait_until (label_reads, &wait));

  click ("conference-sign");
  wait.name = "conference-signature";
  wait.text = "Signed by ";
  g_assert_true (hz_test_wait_until (label_holds, &wait));
  g_assert_true (hz_test_has_label_containing (find ("conference-signature"), "Signed by 测试医生 (测试医院) on "));
  /* read-only once signed */
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (find (box1))));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (find ("conference-decision"))));
  g_assert_false (gtk_widget_is_sensitive (find ("conference-decide")));
  g_assert_true (gtk_widget_get_visible (find ("conference-amend")));
  /* signing twice is refused: still one signature */
  click ("conference-sign");
  {
    g_autoptr(JsonObject) meeting = meeting_json ();

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (agenda_item (meeting, index),
                                                                           "signatures")), ==, 1);
  }
}

static void
test_run (void)
{
  g_autoptr(JsonObject) meeting = NULL;

  click ("conference-present");
  g_assert_cmpint (hz_conference_view_get_presented (get_view ()), ==, 0);
  g_assert_true (hz_test_has_label_containing (find ("conference-run-patient"), "周雨桐"));
  g_assert_true (hz_test_has_label_containing (find ("conference-run-question"), "是否需要提前终止妊娠？"));
  g_assert_true (hz_test_has_label_containing (find ("conference-run-position"), "Case 1 of 2"));
  g_assert_true (hz_test_has_label_containing (find ("conference-run-timer"), "Time on this case 00:0"));
  run_case (0, "obstetrics", "建议34周后择期剖宫产，控制血压。", "nutrition", "低盐饮食，每日蛋白质80克。",
            "34周后择期剖宫产，产科与营养科共同管理血压和饮食。", "每周产检监测血压", "营养门诊复诊");

  /* the next case: Page Down, as the presenter presses it */
  g_assert_true (hz_test_keys_available ());
  gtk_widget_grab_focus (find ("conference-next"));
  hz_test_press (GTK_WIDGET (hz_test_app_get_window ()), "Page_Down");
  g_assert_cmpint (hz_conference_view_get_presented (get_view ()), ==, 1);
  hz_test_press (GTK_WIDGET (hz_test_app_get_window ()), "<Alt>Left");
  g_assert_cmpint (hz_conference_view_get_presented (get_view ()), ==, 0);
  hz_test_press (GTK_WIDGET (hz_test_app_get_window ()), "<Alt>Right");
  g_assert_cmpint (hz_conference_view_get_presented (get_view ()), ==, 1);
  g_assert_true (hz_test_has_label_containing (find ("conference-run-patient"), "陈思雨"));
  run_case (1, "psychology", "EPDS 15分，建议舍曲林50毫克每日一次。", "obstetrics", "哺乳期用药需评估。",
            "启动舍曲林治疗，心理科两周随访。", "两周后复评EPDS", "心理门诊随访");

  meeting = meeting_json ();
  g_assert_cmpstr (opinion_text (agenda_item (meeting, 0), "obstetrics"), ==, "建议34周后择期剖宫产，控制血压。");
  g_assert_cmpstr (opinion_text (agenda_item (meeting, 1), "psychology"), ==, "EPDS 15分，建议舍曲林50毫克每日一次。");
}

static void
test_signed_refused (void)
{
  g_autoptr(JsonObject) before = meeting_json ();
  g_autoptr(JsonObject) after = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find ("conference-opinion-psychology")));
  GtkTextIter end;
  LabelWait wait = { "conference-opinion-status-psychology",
                     "The consultation opinion is signed: amend it to make a new version" };
  g_autofree char *text = NULL;
  GtkTextIter start;

  /* what reaches the box (a paste, an input method) is put back */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "改动", -1);
  g_assert_true (label_reads (&wait));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "EPDS 15分，建议舍曲林50毫克每日一次。");
  g_assert_cmpuint (hz_conference_view_get_n_saving (get_view ()), ==, 0);
  /* and the library refuses a write behind the view's back */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (hz_meeting_save_opinion (get_store (), meeting_id, CASE_B, "psychology", "x", FALSE, &error));
    g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_SIGNED);
  }
  after = meeting_json ();
  g_assert_cmpstr (json_object_get_string_member (agenda_item (after, 1), "opinion-id"), ==,
                   json_object_get_string_member (agenda_item (before, 1), "opinion-id"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (agenda_item (after, 1), "signature"),
                                                  "sha256"), ==,
                   json_object_get_string_member (json_object_get_object_member (agenda_item (before, 1), "signature"),
                                                  "sha256"));
}

/* Amend makes a new, unsigned version; signed again, the first signature
 * is of the earlier version */
static void
test_amend (void)
{
  g_autoptr(JsonObject) before = meeting_json ();
  g_autoptr(JsonObject) after = NULL;
  JsonArray *signatures;
  LabelWait wait = { "conference-signature", "Signed by 测试医生 (测试医院) on " };
  const char *old_hash = json_object_get_string_member (json_object_get_object_member (agenda_item (before, 1),
                                                                                       "signature"), "sha256");

  g_assert_cmpint (hz_conference_view_get_presented (get_view ()), ==, 1);
  click ("conference-amend");
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (find ("conference-opinion-obstetrics"))));
  type_in ("conference-opinion-obstetrics", "产后42天复查。");
  g_assert_true (hz_test_wait_until (nothing_saving, NULL));
  after = meeting_json ();
  g_assert_cmpstr (json_object_get_string_member (agenda_item (after, 1), "status"), ==, "amended");
  g_assert_false (json_object_get_boolean_member (agenda_item (after, 1), "signed"));
  g_assert_cmpstr (opinion_text (agenda_item (after, 1), "obstetrics"), ==, "哺乳期用药需评估。产后42天复查。");
  g_clear_pointer (&after, json_object_unref);

  click ("conference-sign");
  g_assert_true (hz_test_wait_until (label_holds, &wait));
  after = meeting_json ();
  signatures = json_object_get_array_member (agenda_item (after, 1), "signatures");
  g_assert_cmpuint (json_array_get_length (signatures), ==, 2);
  /* the first signature is of the earlier content (its hash), the new one
   * of the content now, another hash (both made within the same second:
   * found by hash, not by order) */
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *sig = json_array_get_object_element (signatures, i);
      gboolean earlier = g_strcmp0 (json_object_get_string_member (sig, "sha256"), old_hash) == 0;

      g_assert_cmpint (json_object_get_boolean_member (sig, "matches"), ==, !earlier);
      g_assert_cmpstr (json_object_get_string_member (sig, "signer"), ==, "测试医生 (测试医院)");
    }
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (agenda_item (after, 1), "signature"),
                                                  "sha256"), !=, old_hash);
  g_assert_true (hz_test_has_label_containing (find ("conference-signature"), "an earlier version"));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (find ("conference-opinion-obstetrics"))));
}

/* A follow-up booked from an unfinished action of the signed case A */
static void
test_followup (void)
{
  GtkWidget *row, *button, *dialog;
  g_autoptr(JsonObject) followup = NULL;
  g_autofree char *first = g_strdup (meeting_id);

  g_assert_true (hz_conference_view_present (get_view (), 0));
  row = gtk_widget_get_first_child (find ("conference-actions"));
  g_assert_nonnull (row);
  button = hz_test_find_named (row, "conference-action-followup");
  g_assert_nonnull (button);
  /* signed: the action reads only, but a follow-up can be booked */
  g_assert_false (gtk_widget_is_sensitive (hz_test_find_named (row, "conference-action-what")));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (hz_test_wait_until (hz_test_toplevel_shown, "conference-new-dialog"));
  dialog = hz_test_find_toplevel ("conference-new-dialog");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hz_test_find_named (dialog, "conference-new-date"))), ==,
                   "2026-12-20");
  set_text (dialog, "conference-new-title", "随访多学科会诊");
  respond (dialog, "create");
  g_assert_cmpstr (hz_conference_view_get_meeting_id (get_view ()), !=, first);
  g_free (meeting_id);
  meeting_id = g_strdup (hz_conference_view_get_meeting_id (get_view ()));
  followup = meeting_json ();
  g_assert_cmpstr (json_object_get_string_member (followup, "title"), ==, "随访多学科会诊");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (followup, "start"), "2026-12-20T14:00:00"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (followup, "agenda")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (agenda_item (followup, 0), "case"), ==, CASE_A);
  g_assert_cmpstr (json_object_get_string_member (agenda_item (followup, 0), "question"), ==, "每周产检监测血压");
  g_assert_true (hz_test_wait_until (agenda_row_shown, "1. 周雨桐"));

  /* a conflict: while one types, another writes the same team's opinion;
   * the box says so, the save asks, discarding keeps theirs */
  {
    LabelWait wait = { "conference-opinion-status-other", "Changed meanwhile by " };
    GtkWidget *conflict;
    g_autoptr(JsonObject) stored = NULL;

    /* the 会诊意见书 of the follow-up there, the box starting from it */
    g_assert_true (hz_meeting_save_opinion (get_store (), meeting_id, CASE_A, "obstetrics", "血压已控制。", FALSE, NULL));
    g_assert_true (hz_conference_view_present (get_view (), 0));
    g_assert_true (hz_test_wait_until (label_reads, &(LabelWait) { "conference-opinion-status-obstetrics",
                                                                   "By 测试医生 主治医师 (测试医院)" }));
    type_in ("conference-opinion-other", "内科建议加用拉贝洛尔。");
    g_assert_true (hz_meeting_save_opinion (get_store (), meeting_id, CASE_A, "other", "内科建议暂不用药。", FALSE, NULL));
    g_assert_true (hz_test_wait_until (label_holds, &wait));
    g_assert_true (hz_test_wait_until (hz_test_toplevel_shown, "save-conflict-dialog"));
    conflict = hz_test_find_toplevel ("save-conflict-dialog");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (conflict), "discard");
    g_assert_true (hz_test_wait_until (nothing_saving, NULL));
    stored = meeting_json ();
    g_assert_cmpstr (opinion_text (agenda_item (stored, 0), "other"), ==, "内科建议暂不用药。");
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find ("conference-opinion-other")));
      GtkTextIter start, end;
      g_autofree char *shown = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_assert_cmpstr (shown, ==, "内科建议暂不用药。");
    }
  }
  /* back to the first meeting for what follows */
  g_free (meeting_id);
  meeting_id = g_steal_pointer (&first);
  g_assert_true (hz_conference_view_open_meeting (get_view (), meeting_id, NULL));
}

static void
test_store (void)
{
  g_autoptr(JsonObject) meeting = meeting_json ();
  static const struct {
    const char *case_id;
    const char *teams[2];
    const char *texts[2];
    const char *decision;
    const char *actions[2][3];
    const char *status;
  } expected[] = {
    { CASE_A, { "obstetrics", "nutrition" }, { "建议34周后择期剖宫产，控制血压。", "低盐饮食，每日蛋白质80克。" },
      "34周后择期剖宫产，产科与营养科共同管理血压和饮食。",
      { { "每周产检监测血压", "Obstetrics", "2026-12-20" }, { "营养门诊复诊", "张主任", "2026-12-31" } }, "final" },
    /* amended after signing (test_amend), signed again */
    { CASE_B, { "psychology", "obstetrics" }, { "EPDS 15分，建议舍曲林50毫克每日一次。", "哺乳期用药需评估。产后42天复查。" },
      "启动舍曲林治疗，心理科两周随访。",
      { { "两周后复评EPDS", "Obstetrics", "2026-12-20" }, { "心理门诊随访", "张主任", "2026-12-31" } }, "amended" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *item = agenda_item (meeting, i);
      JsonArray *opinions = json_object_get_array_member (item, "opinions");
      JsonArray *actions = json_object_get_array_member (item, "actions");
      JsonObject *signature = json_object_get_object_member (item, "signature");
      g_autoptr(HzResource) plan = NULL;

      g_assert_cmpstr (json_object_get_string_member (item, "case"), ==, expected[i].case_id);
      g_assert_cmpuint (json_array_get_length (opinions), ==, 2);
      for (guint j = 0; j < 2; j++)
        {
          JsonObject *o = json_array_get_object_element (opinions, j);

          g_assert_cmpstr (json_object_get_string_member (o, "team"), ==, expected[i].teams[j]);
          g_assert_cmpstr (json_object_get_string_member (o, "text"), ==, expected[i].texts[j]);
          g_assert_cmpstr (json_object_get_string_member (o, "author"), ==, "测试医生 主治医师 (测试医院)");
        }
      g_assert_cmpstr (json_object_get_string_member (item, "decision"), ==, expected[i].decision);
      g_assert_cmpuint (json_array_get_length (actions), ==, 2);
      for (guint j = 0; j < 2; j++)
        {
          JsonObject *a = json_array_get_object_element (actions, j);

          g_assert_cmpstr (json_object_get_string_member (a, "text"), ==, expected[i].actions[j][0]);
          g_assert_cmpstr (json_object_get_string_member (a, "owner"), ==, expected[i].actions[j][1]);
          g_assert_cmpstr (json_object_get_string_member (a, "due"), ==, expected[i].actions[j][2]);
          g_assert_cmpstr (json_object_get_string_member (a, "status"), ==, "requested");
        }
      g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, expected[i].status);
      g_assert_nonnull (signature);
      /* HUIZHEN_USER of tests/meson.build */
      g_assert_cmpstr (json_object_get_string_member (signature, "signer"), ==, "测试医生 (测试医院)");
      g_assert_cmpuint (strlen (json_object_get_string_member (signature, "sha256")), ==, 64);
      plan = hz_store_get (get_store (), "CarePlan", json_object_get_string_member (item, "careplan-id"), NULL);
      g_assert_nonnull (plan);
      g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (plan), "description"), ==, expected[i].decision);
      g_assert_cmpuint (hz_jv_get_length (hz_jv_get_array (hz_resource_get_value (plan), "activity")), ==, 2);
    }
}

static gboolean
timeline_shows (gpointer data)
{
  HzCaseWorkspace *workspace = hz_test_app_get_workspace ();
  GtkWidget *page = hz_test_app_get_page ("timeline");

  return workspace != NULL && hz_case_workspace_get_loaded (workspace) &&
         g_strcmp0 (hz_case_workspace_get_case_id (workspace), CASE_A) == 0 && page != NULL &&
         gtk_widget_get_mapped (page) && hz_test_timeline_has_event (page, data);
}

static void
test_timeline (void)
{
  /* the presented case is B; go back to A and open its timeline */
  g_assert_true (hz_conference_view_present (get_view (), 0));
  click ("conference-open-timeline");
  g_assert_true (hz_test_wait_until (timeline_shows, "每周产检监测血压"));
  g_assert_true (hz_test_wait_until (timeline_shows, "营养门诊复诊"));
  g_assert_true (hz_test_wait_until (timeline_shows, "34周后择期剖宫产，产科与营养科共同管理血压和饮食。"));

  /* the case's side panel: its MDT actions, soonest first, a row opening the meeting */
  {
    GtkWidget *list = hz_test_find_named (GTK_WIDGET (hz_test_app_get_workspace ()), "conference-panel-list");
    GtkWidget *first, *second;

    g_assert_nonnull (list);
    g_assert_true (hz_test_widget_is_shown (list));
    first = hz_test_find_row (list, "每周产检监测血压");
    second = hz_test_find_row (list, "营养门诊复诊");
    g_assert_nonnull (first);
    g_assert_nonnull (second);
    g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (first)), <,
                     gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (second)));
    g_assert_true (hz_test_has_label_containing (second, "张主任 · due 31 December 2026 · To do"));

    /* Add to MDT Meeting… from the case: on a meeting to come */
    {
      g_autofree char *third = hz_meeting_create (get_store (), "圣诞前产科会诊", "2026-12-24T09:00", NULL, NULL);
      g_autoptr(JsonObject) stored = NULL;
      GtkWidget *dialog;
      GListModel *names;
      guint found = GTK_INVALID_LIST_POSITION;
      JsonNode *node;

      g_assert_nonnull (third);
      g_signal_emit_by_name (hz_test_find_named (GTK_WIDGET (hz_test_app_get_workspace ()), "conference-panel-add"),
                             "clicked");
      g_assert_true (hz_test_wait_until (hz_test_toplevel_shown, "conference-add-to-meeting-dialog"));
      dialog = hz_test_find_toplevel ("conference-add-to-meeting-dialog");
      names = adw_combo_row_get_model (ADW_COMBO_ROW (hz_test_find_named (dialog, "conference-add-to-meeting")));
      for (guint i = 0; i < g_list_model_get_n_items (names); i++)
        if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "圣诞前产科会诊 · "))
          found = i;
      g_assert_cmpuint (found, !=, GTK_INVALID_LIST_POSITION);
      adw_combo_row_set_selected (ADW_COMBO_ROW (hz_test_find_named (dialog, "conference-add-to-meeting")), found);
      g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
      set_text (dialog, "conference-add-to-question", "分娩方式再评估");
      respond (dialog, "add");
      node = hz_meeting_to_json (get_store (), third, NULL);
      stored = json_object_ref (json_node_get_object (node));
      json_node_unref (node);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (stored, "agenda")), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (agenda_item (stored, 0), "case"), ==, CASE_A);
      g_assert_cmpstr (json_object_get_string_member (agenda_item (stored, 0), "question"), ==, "分娩方式再评估");
    }

    g_signal_emit_by_name (second, "activated");
    g_assert_cmpstr (hz_conference_view_get_meeting_id (get_view ()), ==, meeting_id);
  }
  hz_main_window_show_view (HZ_MAIN_WINDOW (hz_test_app_get_window ()), "conference");
}

/* A change made by huizhen-cli in another process shows in the view */
static void
test_other_process (void)
{
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "app", "cli", "huizhen-cli", NULL);
  const char *args[] = { "meeting", "attend", meeting_id, "--team", "other", "--status", "remote",
                         "--name", "内科周医生", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (hz_conference_view_open_meeting (get_view (), meeting_id, NULL));
  g_assert_cmpint (hz_test_run_cli (cli, hz_test_app_get_db_path (), g_getenv ("HUIZHEN_USER"),
                                    hz_test_app_get_tmp_dir (), args, &out, &err), ==, 0);
  g_assert_true (hz_test_wait_until (entry_reads, "内科周医生"));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (find ("conference-attendance-status-other"))), ==, 2);
  /* presenting, the other team's box says who attends for it */
  g_assert_true (hz_conference_view_present (get_view (), 0));
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (get_view ()), "Other (内科周医生)"));
  hz_test_assert_no_raw_codes (GTK_WIDGET (get_view ()));
}

/* --- with remote sites ------------------------------------------------------ */

static char *
room_token (HzTestConsultd *server,
            const char     *user,
            const char     *name,
            const char     *team,
            HzConsultRole   role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) secret = hz_consult_secret_load (server->secret_file, &error);
  HzConsultToken claims = { (char *) "room-1", (char *) user, (char *) name, (char *) team, role,
                            g_get_real_time () / G_USEC_PER_SEC + 3600 };
  char *token;

  g_assert_no_error (error);
  token = hz_consult_token_make (secret, &claims, &error);
  g_assert_no_error (error);
  return token;
}

typedef struct
{
  JsonObject *state;    /* the newest "conference" state the remote site got */
  guint       n_states;
} RemoteSite;

static void
on_remote_message (HzConsultClient *client,
                   const char      *type,
                   JsonObject      *message,
                   RemoteSite      *site)
{
  if (g_str_equal (type, "state") &&
      g_strcmp0 (json_object_get_string_member_with_default (message, "page", NULL), HZ_CONFERENCE_REMOTE_PAGE) == 0)
    {
      g_clear_pointer (&site->state, json_object_unref);
      site->state = json_object_ref (json_object_get_object_member (message, "state"));
      site->n_states++;
    }
}

static gboolean
client_online (gpointer data)
{
  return data != NULL && hz_consult_client_get_state (data) == HZ_CONSULT_ONLINE;
}

static gboolean
view_client_online (gpointer data)
{
  HzConferenceRemote *remote = hz_conference_view_get_remote (get_view ());

  return remote != NULL && client_online (hz_conference_remote_get_client (remote));
}

typedef struct
{
  RemoteSite *site;
  const char *case_id;
  const char *page;
} StateWait;

static gboolean
state_shows (gpointer data)
{
  StateWait *wait = data;
  JsonObject *state = wait->site->state;

  return state != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (state, "case", NULL), wait->case_id) == 0 &&
         (wait->page == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (state, "page", NULL), wait->page) == 0);
}

static gboolean
psychology_attends_remote (gpointer data)
{
  g_autoptr(JsonObject) meeting = meeting_json ();
  JsonArray *attendance = json_object_get_array_member (meeting, "attendance");

  for (guint i = 0; attendance != NULL && i < json_array_get_length (attendance); i++)
    {
      JsonObject *a = json_array_get_object_element (attendance, i);

      if (g_strcmp0 (json_object_get_string_member (a, "team"), "psychology") == 0)
        return g_strcmp0 (json_object_get_string_member (a, "status"), "remote") == 0 &&
               g_strcmp0 (json_object_get_string_member_with_default (a, "name", NULL), "刘心理") == 0;
    }
  return FALSE;
}

static gboolean
box_reads_text (const char *name,
                const char *expected)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find (name)));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strcmp0 (text, expected) == 0;
}

static gboolean
box_reads (gpointer data)
{
  return box_reads_text ("conference-opinion-psychology", data);
}


static gboolean
label_contains (gpointer data)
{
  const char **what = data;

  return strstr (gtk_label_get_text (GTK_LABEL (hz_conference_view_get_remote_part (get_view (), what[0]))),
                 what[1]) != NULL;
}

/* A meeting with a remote site, through one room of a real huizhen-consultd:
 * the coordinator connects from the meeting page; the remote psychologist
 * joining is recorded as attending remotely; each case presented is shared
 * into the room (only with a consent for the site) and its state sent, the
 * case page opened last with it; the site fetches the case by the Bundle
 * the state names; its opinions land in the psychology box and the 会诊意见书,
 * under the case they name (or the case shown) */
static void
test_remote (void)
{
  HzTestConsultd *server = hz_test_consultd_new ();
  g_autofree char *host_token = room_token (server, "coord", "王主任", "obstetrics", HZ_CONSULT_ROLE_HOST);
  g_autofree char *site_token = room_token (server, "liu", "刘心理", "psychology", HZ_CONSULT_ROLE_PARTICIPANT);
  g_autofree char *id = NULL;
  g_autofree char *join_dir = g_build_filename (hz_test_app_get_tmp_dir (), "remote-site", NULL);
  g_autofree char *fetched = NULL;
  g_autofree char *fetched_case = NULL;
  g_autoptr(HzConsultClient) site_client = NULL;
  g_autoptr(HzActor) site_actor = hz_actor_new ("刘心理", HZ_TEAM_PSYCHOLOGY, "主治医师", "临溪县人民医院");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) meeting = NULL;
  RemoteSite site = { 0 };
  StateWait wait = { &site, CASE_A, "summary" };
  HzConferenceRemote *remote;
  const char *bundle;
  const char *not_shared[] = { "run-status", "not shared" };
  const char *shared[] = { "run-status", "this case is shared with 省妇幼保健院" };
  const char *members[] = { "status", "刘心理 (Psychology)" };

  hz_main_window_show_view (HZ_MAIN_WINDOW (hz_test_app_get_window ()), "conference");
  id = hz_meeting_create (get_store (), "远程多学科会诊", "2026-12-20T14:00", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (hz_meeting_add_case (get_store (), id, CASE_A, "是否需要产前诊断？", NULL, NULL, &error));
  g_assert_true (hz_meeting_add_case (get_store (), id, CASE_B, "产后抑郁如何随访？", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hz_conference_view_open_meeting (get_view (), id, &error));
  g_clear_pointer (&meeting_id, g_free);
  meeting_id = g_strdup (id);

  /* a field wrong: said so, nothing connects */
  set_text (GTK_WIDGET (get_view ()), "conference-remote-url", server->url);
  set_text (GTK_WIDGET (get_view ()), "conference-remote-token", host_token);
  set_text (GTK_WIDGET (get_view ()), "conference-remote-sites", "");
  click ("conference-remote-connect");
  g_assert_null (hz_conference_view_get_remote (get_view ()));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find ("conference-remote-status"))), "Remote sites"));

  set_text (GTK_WIDGET (get_view ()), "conference-remote-sites", "省妇幼保健院");
  click ("conference-remote-connect");
  g_assert_true (hz_test_wait_until (view_client_online, NULL));
  g_assert_false (gtk_widget_get_visible (find ("conference-remote-connect")));
  g_assert_false (gtk_widget_get_sensitive (find ("conference-remote-token")));

  /* the remote site joins: its team is there remotely, by name */
  site_client = hz_consult_client_new (server->url, site_token);
  g_signal_connect (site_client, "message", G_CALLBACK (on_remote_message), &site);
  hz_consult_client_connect (site_client);
  g_assert_true (hz_test_wait_until (client_online, site_client));
  g_assert_true (hz_test_wait_until (psychology_attends_remote, NULL));
  g_assert_true (hz_test_wait_until (label_contains, (gpointer) members));

  /* presenting the first case: shared (its consent names the site), then shown there */
  g_assert_true (hz_conference_view_present (get_view (), 0));
  g_assert_true (hz_test_wait_until (label_contains, (gpointer) shared));
  click ("conference-open-summary");
  hz_main_window_show_view (HZ_MAIN_WINDOW (hz_test_app_get_window ()), "conference");
  g_assert_true (hz_test_wait_until (state_shows, &wait));
  remote = hz_conference_view_get_remote (get_view ());
  bundle = hz_conference_remote_get_bundle (remote, CASE_A);
  g_assert_nonnull (bundle);
  g_assert_cmpstr (json_object_get_string_member (site.state, "bundle"), ==, bundle);
  g_assert_cmpstr (json_object_get_string_member (site.state, "meeting"), ==, id);
  g_assert_cmpint (json_object_get_int_member (site.state, "index"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (site.state, "count"), ==, 2);
  /* the other site opens the case from the Bundle named */
  fetched = hz_consult_fetch_case (server->url, "room-1", site_token, bundle, join_dir, site_actor, &fetched_case,
                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fetched_case, ==, CASE_A);

  /* its opinion lands in the psychology box, by its author */
  {
    JsonObject *message = json_object_new ();

    json_object_set_string_member (message, "type", "opinion");
    json_object_set_string_member (message, "case", CASE_A);
    json_object_set_string_member (message, "text", "焦虑评分正常，无需干预");
    hz_consult_client_send (site_client, message);
  }
  g_assert_true (hz_test_wait_until (box_reads, (gpointer) "焦虑评分正常，无需干预"));
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (get_view ()), "By 刘心理"));
  meeting = meeting_json ();
  g_assert_cmpstr (opinion_text (agenda_item (meeting, 0), "psychology"), ==, "焦虑评分正常，无需干预");
  g_clear_pointer (&meeting, json_object_unref);
  g_assert_cmpuint (hz_conference_remote_get_n_filed (remote), ==, 1);

  /* the next case has no consent for the site: not shared, and said so; the
   * remote site stays on the case it has */
  g_assert_true (hz_conference_view_present (get_view (), 1));
  g_assert_true (hz_test_wait_until (label_contains, (gpointer) not_shared));
  g_assert_true (gtk_widget_has_css_class (hz_conference_view_get_remote_part (get_view (), "run-status"), "warning"));
  g_assert_null (hz_conference_remote_get_bundle (remote, CASE_B));
  g_assert_cmpstr (json_object_get_string_member (site.state, "case"), ==, CASE_A);

  /* the consent recorded, shared again: the site follows to it, with the page opened last */
  {
    g_autoptr(HzCase) kase = hz_case_load (get_store (), CASE_B, &error);
    const char *sites[] = { "省妇幼保健院", NULL };
    g_autoptr(JsonObject) consent = NULL;

    g_assert_no_error (error);
    consent = hz_consult_build_consent (kase, sites, "病历摘要", hz_store_get_actor (get_store ()), &error);
    g_assert_no_error (error);
    g_assert_true (hz_store_put (get_store (), CASE_B, consent, &error));
    g_assert_no_error (error);
  }
  click ("conference-remote-share");
  wait.case_id = CASE_B;
  g_assert_true (hz_test_wait_until (state_shows, &wait));
  g_assert_cmpint (json_object_get_int_member (site.state, "index"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (site.state, "bundle"), ==,
                   hz_conference_remote_get_bundle (remote, CASE_B));

  /* an opinion naming no case is of the case shown */
  {
    JsonObject *message = json_object_new ();

    json_object_set_string_member (message, "type", "opinion");
    json_object_set_string_member (message, "text", "建议产后42天复查EPDS");
    hz_consult_client_send (site_client, message);
  }
  g_assert_true (hz_test_wait_until (box_reads, (gpointer) "建议产后42天复查EPDS"));
  meeting = meeting_json ();
  g_assert_cmpstr (opinion_text (agenda_item (meeting, 1), "psychology"), ==, "建议产后42天复查EPDS");
  g_assert_cmpstr (opinion_text (agenda_item (meeting, 0), "psychology"), ==, "焦虑评分正常，无需干预");

  /* leaving: the fields are the clinician's again */
  click ("conference-remote-leave");
  g_assert_null (hz_conference_view_get_remote (get_view ()));
  g_assert_true (gtk_widget_get_sensitive (find ("conference-remote-token")));
  g_assert_false (gtk_widget_get_visible (hz_conference_view_get_remote_part (get_view (), "run-status")));
  hz_test_assert_no_raw_codes (GTK_WIDGET (get_view ()));

  g_clear_object (&site_client);
  g_clear_pointer (&site.state, json_object_unref);
  hz_test_consultd_free (server);
}

/* Text typed and not saved when the next case is presented (someone else
 * wrote that team's opinion meanwhile, before the case had a 会诊意见书: the
 * box keeps it and cannot ask) is back in the box on returning to the
 * case, and typing on saves it */
static void
test_draft_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = hz_meeting_create (get_store (), "草稿多学科会诊", "2026-12-21T14:00", "第二会议室", &error);
  g_autoptr(JsonObject) stored = NULL;
  LabelWait changed = { "conference-opinion-status-psychology", "Changed meanwhile by " };
  LabelWait back = { "conference-opinion-status-psychology", "Your text, not saved when you moved to another case, is back." };

  g_assert_no_error (error);
  g_assert_true (hz_meeting_add_case (get_store (), id, CASE_A, "是否需要心理干预？", NULL, NULL, &error));
  g_assert_true (hz_meeting_add_case (get_store (), id, CASE_B, "产后随访安排？", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hz_conference_view_open_meeting (get_view (), id, &error));
  g_clear_pointer (&meeting_id, g_free);
  meeting_id = g_strdup (id);
  g_assert_true (hz_conference_view_present (get_view (), 0));

  type_in ("conference-opinion-psychology", "焦虑轻度，建议心理门诊随访");
  g_assert_true (hz_meeting_save_opinion (get_store (), id, CASE_A, "psychology", "暂无心理问题", FALSE, &error));
  g_assert_true (hz_test_wait_until (label_holds, &changed));

  /* the next case: theirs stays stored, the box shows the next case */
  g_assert_true (hz_conference_view_present (get_view (), 1));
  g_assert_true (hz_test_wait_until (nothing_saving, NULL));
  stored = meeting_json ();
  g_assert_cmpstr (opinion_text (agenda_item (stored, 0), "psychology"), ==, "暂无心理问题");
  g_clear_pointer (&stored, json_object_unref);
  g_assert_true (box_reads_text ("conference-opinion-psychology", ""));

  /* back: the text typed, and why it is not saved */
  g_assert_true (hz_conference_view_present (get_view (), 0));
  g_assert_true (box_reads_text ("conference-opinion-psychology", "焦虑轻度，建议心理门诊随访"));
  g_assert_true (hz_test_wait_until (label_holds, &back));
  /* typing on saves it over theirs */
  type_in ("conference-opinion-psychology", "。");
  hz_conference_view_flush (get_view ());
  g_assert_true (hz_test_wait_until (nothing_saving, NULL));
  stored = meeting_json ();
  g_assert_cmpstr (opinion_text (agenda_item (stored, 0), "psychology"), ==, "焦虑轻度，建议心理门诊随访。");
}

static char *
without_spaces (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Printed through GtkPrintOperation (exported, no dialog): the minutes hold
 * every opinion, the decisions and the actions */
static void
test_print (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (hz_test_app_get_tmp_dir (), "minutes.pdf", NULL);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(JsonObject) meeting = meeting_json ();
  g_autofree char *text = NULL;
  gboolean ok = FALSE;

  g_assert_true (hz_conference_view_print (get_view (), NULL, path, &error));
  g_assert_no_error (error);
  text = hz_test_run_tool (argv, &ok);
  g_assert_true (ok);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *item = agenda_item (meeting, i);
      JsonArray *opinions = json_object_get_array_member (item, "opinions");
      JsonArray *actions = json_object_get_array_member (item, "actions");
      g_autofree char *decision = without_spaces (json_object_get_string_member (item, "decision"));

      for (guint j = 0; j < json_array_get_length (opinions); j++)
        {
          g_autofree char *opinion = without_spaces (json_object_get_string_member (
                                                       json_array_get_object_element (opinions, j), "text"));

          g_assert_nonnull (strstr (text, opinion));
        }
      g_assert_nonnull (strstr (text, decision));
      for (guint j = 0; j < json_array_get_length (actions); j++)
        {
          JsonObject *action = json_array_get_object_element (actions, j);

          /* an action's text is in a narrow column, wrapped: its due date */
          g_assert_nonnull (strstr (text, json_object_get_string_member (action, "due")));
        }
    }
  /* and the case's opinion alone */
  g_clear_pointer (&text, g_free);
  g_assert_true (hz_conference_view_print (get_view (), CASE_A, path, &error));
  text = hz_test_run_tool (argv, &ok);
  g_assert_true (ok);
  g_assert_nonnull (strstr (text, "低盐饮食，每日蛋白质80克。"));
  g_assert_null (strstr (text, "哺乳期用药需评估。"));
}

static void
test_terms_zh_cn (void)
{
  if (!hz_test_run_in_zh_cn ())
    return;
  g_assert_true (hz_test_wait_until (view_loaded, NULL));
  hz_main_window_show_view (HZ_MAIN_WINDOW (hz_test_app_get_window ()), "conference");
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (get_view ()), "多学科会诊"));
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (get_view ()), "新建会诊"));
  hz_test_assert_full_width_punctuation (GTK_WIDGET (get_view ()));
  /* a meeting made in this process, its pages in Chinese */
  meeting_id = hz_meeting_create (get_store (), "产科多学科会诊", "2026-12-10T14:30", NULL, NULL);
  g_assert_nonnull (meeting_id);
  g_assert_true (hz_meeting_add_case (get_store (), meeting_id, CASE_A, "是否需要提前终止妊娠？", NULL, NULL, NULL));
  g_assert_true (hz_conference_view_open_meeting (get_view (), meeting_id, NULL));
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (get_view ()), "参会人员"));
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (get_view ()), "到会情况尚不符合要求。"));
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (get_view ()), "未登记"));
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (get_view ()), "提请讨论的问题：是否需要提前终止妊娠？"));
  hz_test_assert_no_raw_codes (GTK_WIDGET (get_view ()));
  hz_test_assert_full_width_punctuation (GTK_WIDGET (get_view ()));
  g_assert_true (hz_conference_view_present (get_view (), 0));
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (get_view ()), "第 1 例，共 1 例"));
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (get_view ()), "共识决定"));
  hz_test_assert_full_width_punctuation (GTK_WIDGET (get_view ()));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);
  hz_test_app_setup ("huizhen-conference-page-XXXXXX");
  hz_test_app_seed_demo ();
  hz_test_app_activate ();

  g_test_add_func ("/huizhen/conference-page/book", test_book);
  g_test_add_func ("/huizhen/conference-page/attendance", test_attendance);
  g_test_add_func ("/huizhen/conference-page/run", test_run);
  g_test_add_func ("/huizhen/conference-page/signed-refused", test_signed_refused);
  g_test_add_func ("/huizhen/conference-page/amend", test_amend);
  g_test_add_func ("/huizhen/conference-page/store", test_store);
  g_test_add_func ("/huizhen/conference-page/print", test_print);
  g_test_add_func ("/huizhen/conference-page/followup", test_followup);
  g_test_add_func ("/huizhen/conference-page/timeline", test_timeline);
  g_test_add_func ("/huizhen/conference-page/other-process", test_other_process);
  g_test_add_func ("/huizhen/conference-page/remote", test_remote);
  g_test_add_func ("/huizhen/conference-page/draft-kept", test_draft_kept);
  g_test_add_func ("/huizhen/conference-page/terms/zh_CN", test_terms_zh_cn);

  ret = g_test_run ();
  hz_test_app_teardown ();
  g_free (meeting_id);

  return ret;
}
