/* test-reproductive-page.c — the reproductive-medicine page in a workspace (GTK, needs a display)
 *
 * On the demo case c1-episode: a loss entered in the page makes the
 * recurrent-loss criteria met; an embryo transfer recorded in the page
 * dates the pregnancy on the page, in the case and in the case list; the
 * hand-over recorded in the page is on the timeline once. Bad input is
 * refused at the field with nothing written. A case with no LMP reads as
 * pre-conception, and goes on into pregnancy once a transfer is recorded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <hz-ui.h>

#include "hz-test-keys.h"
#include "hz-test-utils.h"
#include "hz-test-widgets.h"
#include "hz-test-workspace.h"
#include "hz-timeline-model.h"
#include "hz-timeline-row.h"
#include "hz-timeline-store-source.h"

#define CASE_ID      "c1-episode"
#define SECOND_LOSS  "c1-cond-loss-2025-08"
#define CLINICIAN    "顾晓峰"
#define OBSTETRICIAN "沈慧敏 主任医师（高危产科）"

typedef struct
{
  char             *dir;
  HzStore          *store;
  HzCase           *kase;
  HzTestWorkspace  *workspace;
  GtkWidget        *window;
  PeasExtensionSet *addins;
  PeasExtensionSet *sources;
  PeasPluginInfo   *info;
  guint             changed;
} Fixture;

static void open_forms (GtkWidget *widget);

static void
on_case_changed (HzCase             *kase,
                 const char * const *types,
                 guint              *count)
{
  (*count)++;
}

static void
fixture_open_titled (Fixture    *fixture,
                     const char *case_id,
                     const char *title)
{
  HzPluginEngine *engine = hz_plugin_engine_get_default ();
  g_autoptr(GError) error = NULL;

  fixture->kase = hz_case_load (fixture->store, case_id, &error);
  g_assert_no_error (error);
  g_signal_connect (fixture->kase, "changed", G_CALLBACK (on_case_changed), &fixture->changed);
  fixture->workspace = hz_test_workspace_new (fixture->kase);

  fixture->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (fixture->window), "Reproductive medicine test");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->workspace));
  gtk_window_present (GTK_WINDOW (fixture->window));

  hz_plugin_engine_load_active (engine, NULL);
  fixture->info = peas_engine_get_plugin_info (hz_plugin_engine_get_peas (engine), "reproductive");
  g_assert_nonnull (fixture->info);
  g_assert_true (peas_plugin_info_is_loaded (fixture->info));

  fixture->addins = peas_extension_set_new (hz_plugin_engine_get_peas (engine), HZ_TYPE_WORKSPACE_ADDIN, NULL);
  hz_workspace_addin_load (HZ_WORKSPACE_ADDIN (peas_extension_set_get_extension (fixture->addins, fixture->info)),
                           HZ_WORKSPACE (fixture->workspace));
  g_assert_nonnull (fixture->workspace->page);
  g_assert_cmpstr (fixture->workspace->page_name, ==, "reproductive");
  g_assert_cmpstr (fixture->workspace->page_title, ==, title);
  /* the forms are closed: the page opens on what is recorded */
  g_assert_false (hz_test_has_label_containing (fixture->workspace->page, "(YYYY-MM-DD)"));
  g_assert_false (hz_test_has_label_containing (fixture->workspace->page, "（YYYY-MM-DD）"));
  open_forms (fixture->workspace->page);

  fixture->sources = peas_extension_set_new (hz_plugin_engine_get_peas (engine), HZ_TYPE_TIMELINE_SOURCE, NULL);
  g_assert_nonnull (peas_extension_set_get_extension (fixture->sources, fixture->info));
}

static void
fixture_open (Fixture    *fixture,
              const char *case_id)
{
  fixture_open_titled (fixture, case_id, "Reproductive medicine");
}

static void
fixture_set_up (Fixture *fixture)
{
  g_autoptr(HzActor) actor = hz_actor_new (CLINICIAN, HZ_TEAM_REPRODUCTIVE, "主任医师", "云州市妇幼保健院");
  g_autofree char *path = g_build_filename (HZ_SOURCE_ROOT, "data", "demo", "demo-recurrent-loss.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  fixture->dir = hz_test_make_tmp_dir ("hz-test-reproductive-XXXXXX");
  fixture->store = hz_test_store_new (fixture->dir, actor);
  g_assert_true (hz_store_import_file (fixture->store, file, &ids, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ids[0], ==, CASE_ID);
}

static void
fixture_tear_down (Fixture *fixture)
{
  hz_workspace_addin_unload (HZ_WORKSPACE_ADDIN (peas_extension_set_get_extension (fixture->addins, fixture->info)),
                             HZ_WORKSPACE (fixture->workspace));
  g_clear_object (&fixture->addins);
  g_clear_object (&fixture->sources);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->kase);
  g_clear_object (&fixture->store);
  hz_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* --- driving the page ------------------------------------------------------- */

/* Opens every "Record …" form of the page, as a clinician clicks on them */
static void
open_forms (GtkWidget *widget)
{
  if (ADW_IS_EXPANDER_ROW (widget))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    open_forms (child);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_preferences_row (GtkWidget  *widget,
                      const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_preferences_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
type_into (Fixture    *fixture,
           const char *title,
           const char *text)
{
  GtkWidget *row = find_preferences_row (fixture->workspace->page, title);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
choose (Fixture    *fixture,
        const char *title,
        const char *item)
{
  GtkWidget *row = find_preferences_row (fixture->workspace->page, title);
  GListModel *model;

  g_assert_nonnull (row);
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
        return;
      }
  g_error ("“%s” has no item “%s”", title, item);
}

static void
click (Fixture    *fixture,
       const char *label)
{
  GtkWidget *button = hz_test_find_widget (fixture->workspace->page, is_button_labelled, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  /* as a click does (activating a button only clicks it after its animation) */
  g_signal_emit_by_name (button, "clicked");
}

/* Clicks and waits for the case to follow the write */
static void
click_and_wait (Fixture    *fixture,
                const char *label)
{
  guint before = fixture->changed;

  click (fixture, label);
  hz_test_wait_for (&fixture->changed, before + 1);
}

static const char *
row_subtitle (GtkWidget *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* The action row whose title starts with @prefix */
static GtkWidget *
find_row_starting (GtkWidget  *widget,
                   const char *prefix)
{
  if (ADW_IS_ACTION_ROW (widget) && gtk_widget_get_visible (widget) &&
      g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), prefix))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_starting (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_resources (Fixture    *fixture,
                 const char *type)
{
  return g_list_model_get_n_items (hz_case_get_resources (fixture->kase, type));
}

/* The newest resource of @type the page wrote (id prefix), read back from the store */
static JsonObject *
read_back (Fixture    *fixture,
           const char *type,
           const char *id_prefix)
{
  GListModel *model = hz_case_get_resources (fixture->kase, type);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HzResource) resource = g_list_model_get_item (model, i);

      if (g_str_has_prefix (hz_resource_get_id (resource), id_prefix))
        {
          JsonObject *object = hz_test_store_get_json (fixture->store, type, hz_resource_get_id (resource), &error);

          g_assert_no_error (error);
          return object;
        }
    }
  g_error ("no %s written by the page", type);
}

static void
assert_team_and_subject (JsonObject *object,
                         const char *subject_member)
{
  JsonObject *tag = json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (object, "meta"), "tag"), 0);

  g_assert_cmpstr (json_object_get_string_member (tag, "system"), ==, HZ_SYSTEM_TEAM);
  g_assert_cmpstr (json_object_get_string_member (tag, "code"), ==, "reproductive");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, subject_member), "reference"),
                   ==, "Patient/c1-patient");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "meta"), "versionId"), ==, "1");
}

static char *
iso (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* --- the tests -------------------------------------------------------------- */

static void
test_loss_makes_recurrent (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) condition = NULL;
  GtkWidget *rsa;
  guint conditions;

  fixture_set_up (&fixture);
  /* one loss left on record: not recurrent yet */
  g_assert_true (hz_store_delete (fixture.store, "Condition", SECOND_LOSS, 1, &error));
  g_assert_no_error (error);
  fixture_open (&fixture, CASE_ID);

  rsa = find_row_starting (fixture.workspace->page, "Not recurrent pregnancy loss");
  g_assert_nonnull (rsa);
  g_assert_nonnull (strstr (row_subtitle (rsa), "Expert consensus on diagnosis and treatment of recurrent spontaneous abortion (2022)"));
  g_assert_nonnull (find_row_starting (fixture.workspace->page, "Missed miscarriage · "));
  conditions = count_resources (&fixture, "Condition");

  /* bad input: said at the field, nothing written */
  choose (&fixture, "Outcome", "Missed miscarriage");
  type_into (&fixture, "Date it ended (YYYY-MM-DD)", "2025-02-30");
  type_into (&fixture, "Gestational age then (weeks+days, e.g. 9+2; empty if unknown)", "9+2");
  click (&fixture, "Record pregnancy");
  g_assert_true (hz_test_has_label_containing (fixture.workspace->page, "“2025-02-30” is not a date"));
  type_into (&fixture, "Date it ended (YYYY-MM-DD)", "2025-08-14");
  type_into (&fixture, "Gestational age then (weeks+days, e.g. 9+2; empty if unknown)", "9+7");
  click (&fixture, "Record pregnancy");
  g_assert_true (hz_test_has_label_containing (fixture.workspace->page, "“9+7” is not a gestational age"));
  type_into (&fixture, "Date it ended (YYYY-MM-DD)", "2999-01-01");
  type_into (&fixture, "Gestational age then (weeks+days, e.g. 9+2; empty if unknown)", "9+2");
  click (&fixture, "Record pregnancy");
  g_assert_true (hz_test_has_label_containing (fixture.workspace->page, "2999-01-01 is in the future"));
  g_assert_cmpuint (count_resources (&fixture, "Condition"), ==, conditions);

  /* the second loss: 2 consecutive before 28 weeks */
  type_into (&fixture, "Date it ended (YYYY-MM-DD)", "2025-08-14");
  click_and_wait (&fixture, "Record pregnancy");
  g_assert_cmpuint (count_resources (&fixture, "Condition"), ==, conditions + 1);
  g_assert_false (hz_test_has_label_containing (fixture.workspace->page, "is in the future"));
  rsa = find_row_starting (fixture.workspace->page, "Recurrent pregnancy loss: 2 consecutive losses before 28 weeks");
  g_assert_nonnull (rsa);
  g_assert_nonnull (find_row_starting (fixture.workspace->page, "Not recurrent") == NULL ? rsa : NULL);
  {
    GtkWidget *row = find_row_starting (fixture.workspace->page, "Missed miscarriage · 14 August 2025");

    g_assert_nonnull (row);
    g_assert_cmpstr (row_subtitle (row), ==, "Gestational age then: 9w2d");
  }

  /* as stored: ICD-10 and Huizhen's code, the day, the GA in days */
  condition = read_back (&fixture, "Condition", "pregnancy-outcome-");
  assert_team_and_subject (condition, "subject");
  g_assert_cmpstr (json_object_get_string_member (condition, "onsetDateTime"), ==, "2025-08-14");
  {
    JsonArray *codings = json_object_get_array_member (json_object_get_object_member (condition, "code"), "coding");
    JsonObject *extension = json_array_get_object_element (json_object_get_array_member (condition, "extension"), 0);
    JsonObject *quantity = json_object_get_object_member (extension, "valueQuantity");

    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (codings, 0), "code"), ==, "O02.1");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (codings, 1), "system"), ==,
                     HZ_SYSTEM_PREGNANCY_OUTCOME);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (codings, 1), "code"), ==,
                     "missed-miscarriage");
    g_assert_cmpstr (json_object_get_string_member (extension, "url"), ==, HZ_EXTENSION_GA_AT_OUTCOME);
    g_assert_cmpint (json_object_get_int_member (quantity, "value"), ==, 65);
    g_assert_cmpstr (json_object_get_string_member (quantity, "code"), ==, "d");
  }

  hz_test_assert_no_raw_codes (fixture.workspace->page);
  fixture_tear_down (&fixture);
}

static void
test_transfer_and_handover (void)
{
  Fixture fixture = { 0 };
  g_autoptr(JsonObject) observation = NULL;
  g_autoptr(JsonObject) task = NULL;
  g_autoptr(HzCaseSummary) summary = NULL;
  g_autoptr(HzTimelineModel) timeline = NULL;
  g_autoptr(HzTimelineStoreSource) store_source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *transfer_text = NULL;
  g_autofree char *handover_text = NULL;
  g_autofree char *ga_text = NULL;
  g_autofree char *expected = NULL;
  HzDating before, after, listed;
  GDate today, transfer, handover;
  const char *task_reference = NULL;
  guint task_events = 0, rsa_events = 0, start_events = 0;
  int ga_before, ga_after, ga_listed;
  GtkWidget *status;

  fixture_set_up (&fixture);
  fixture_open (&fixture, CASE_ID);
  hz_ga_get_today (&today);
  hz_case_get_dating (fixture.kase, &before);
  g_assert_cmpint (before.method, !=, HZ_DATING_ART);
  g_assert_true (hz_dating_ga_at (&before, &today, &ga_before));

  /* a day-5 transfer 16 days after the LMP: the LMP it stands for is 19
   * days before the transfer, 3 days before the reported one */
  transfer = before.lmp;
  g_date_add_days (&transfer, 16);
  transfer_text = iso (&transfer);

  type_into (&fixture, "Transfer date (YYYY-MM-DD)", transfer_text);
  type_into (&fixture, "Embryo age in days (3 cleavage, 5 blastocyst)", "9");
  click (&fixture, "Record transfer");
  g_assert_true (hz_test_has_label_containing (fixture.workspace->page, "“9” is not an embryo age"));

  choose (&fixture, "Method", "ICSI");
  type_into (&fixture, "Embryo age in days (3 cleavage, 5 blastocyst)", "5");
  click_and_wait (&fixture, "Record transfer");

  /* the case dates by the transfer ... */
  hz_case_get_dating (fixture.kase, &after);
  g_assert_cmpint (after.method, ==, HZ_DATING_ART);
  g_assert_true (hz_dating_ga_at (&after, &today, &ga_after));
  g_assert_cmpint (ga_after, ==, ga_before + 3);
  g_assert_cmpint (g_date_days_between (&after.lmp, &transfer), ==, 19);

  /* ... the page says so, with its source ... */
  ga_text = hz_ga_format (ga_after);
  expected = g_strdup_printf ("%s · Dated by embryo transfer", ga_text);
  status = hz_test_find_row (fixture.workspace->page, expected);
  g_assert_nonnull (status);
  g_assert_nonnull (strstr (row_subtitle (status), "ACOG Committee Opinion No. 700"));
  g_assert_nonnull (find_row_starting (fixture.workspace->page, "ICSI · embryo transfer on "));

  /* ... and so does the case list */
  summary = hz_store_get_case_summary (fixture.store, CASE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hz_case_summary_get_transfer_date (summary), ==, transfer_text);
  hz_case_summary_get_dating (summary, &listed);
  g_assert_cmpint (listed.method, ==, HZ_DATING_ART);
  g_assert_true (hz_dating_ga_at (&listed, &today, &ga_listed));
  g_assert_cmpint (ga_listed, ==, ga_after);

  observation = read_back (&fixture, "Observation", "embryo-transfer-");
  assert_team_and_subject (observation, "subject");
  g_assert_cmpstr (json_object_get_string_member (observation, "valueDateTime"), ==, transfer_text);
  {
    JsonArray *components = json_object_get_array_member (observation, "component");
    JsonObject *age = json_array_get_object_element (components, 0);
    JsonObject *method = json_object_get_object_member (json_array_get_object_element (components, 1),
                                                        "valueCodeableConcept");

    g_assert_cmpint (json_object_get_int_member (age, "valueInteger"), ==, 5);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (method, "coding"), 0), "code"),
                     ==, "ICSI");
  }

  /* the hand-over: a completed Task from the signed-in clinician */
  handover = transfer;
  g_date_add_days (&handover, 30);
  if (g_date_compare (&handover, &today) > 0)
    handover = today;
  handover_text = iso (&handover);
  type_into (&fixture, "Hand-over date (YYYY-MM-DD)", handover_text);
  click (&fixture, "Record hand-over");
  g_assert_true (hz_test_has_label_containing (fixture.workspace->page,
                                               "Name the obstetric clinician or team who takes the case over"));
  type_into (&fixture, "Handed over to (obstetric clinician or team)", OBSTETRICIAN);
  click_and_wait (&fixture, "Record hand-over");
  g_assert_nonnull (hz_test_find_row (fixture.workspace->page,
                                      "顾晓峰 主任医师 (Reproductive medicine) → " OBSTETRICIAN));

  task = read_back (&fixture, "Task", "handover-");
  assert_team_and_subject (task, "for");
  g_assert_cmpstr (json_object_get_string_member (task, "status"), ==, "completed");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (task, "owner"), "display"), ==, OBSTETRICIAN);
  g_assert_nonnull (strstr (json_object_get_string_member (json_object_get_object_member (task, "requester"), "display"), CLINICIAN));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (task, "executionPeriod"), "start"), ==, handover_text);

  /* on the timeline: the Task once (the store's source), the RSA criteria
   * and the plan's starts from this plugin's source */
  timeline = hz_timeline_model_new (fixture.kase);
  store_source = hz_timeline_store_source_new ();
  hz_timeline_model_add_source (timeline, HZ_TIMELINE_SOURCE (store_source), "store");
  hz_timeline_model_add_source (timeline,
                                HZ_TIMELINE_SOURCE (peas_extension_set_get_extension (fixture.sources, fixture.info)),
                                "reproductive");
  {
    g_autofree char *id = g_strdup (json_object_get_string_member (task, "id"));
    g_autofree char *reference = g_strconcat ("Task/", id, NULL);

    for (guint i = 0; i < hz_timeline_model_get_n_events (timeline); i++)
      {
        HzTimelineEvent *event = hz_timeline_row_get_event (hz_timeline_model_get_event_row (timeline, i));
        const char *title = hz_timeline_event_get_title (event);

        if (g_strcmp0 (hz_timeline_event_get_resource_reference (event), reference) == 0)
          {
            task_events++;
            task_reference = hz_timeline_event_get_source_id (event);
          }
        if (g_str_has_prefix (title, "Recurrent pregnancy loss: 2 consecutive"))
          rsa_events++;
        if (g_str_has_prefix (title, "Start: 依诺肝素钠"))
          start_events++;
      }
  }
  g_assert_cmpuint (task_events, ==, 1);
  g_assert_cmpstr (task_reference, ==, "store");
  g_assert_cmpuint (rsa_events, ==, 1);
  g_assert_cmpuint (start_events, ==, 1);

  hz_test_assert_no_raw_codes (fixture.workspace->page);
  fixture_tear_down (&fixture);
}

/* The treatment plan: a treatment added and one stopped, each a new version */
static void
test_treatment_plan (void)
{
  Fixture fixture = { 0 };
  g_autoptr(JsonObject) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today_text = NULL;
  JsonArray *activities;
  JsonObject *detail;
  GtkWidget *row;
  GDate today;

  fixture_set_up (&fixture);
  fixture_open (&fixture, CASE_ID);
  hz_ga_get_today (&today);
  today_text = iso (&today);

  type_into (&fixture, "Drug (e.g. low-molecular-weight heparin)", "黄体酮注射液");
  type_into (&fixture, "Dose and how often", "20 mg 肌内注射 每日1次");
  type_into (&fixture, "Start (YYYY-MM-DD)", "2026-10-10");
  type_into (&fixture, "Stop (YYYY-MM-DD, empty if open)", "2026-10-01");
  click (&fixture, "Add treatment");
  g_assert_true (hz_test_has_label_containing (fixture.workspace->page, "The stop day is before the start day"));
  type_into (&fixture, "Stop (YYYY-MM-DD, empty if open)", "");
  click_and_wait (&fixture, "Add treatment");

  row = hz_test_find_row (fixture.workspace->page, "黄体酮注射液");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (row_subtitle (row), "20 mg 肌内注射 每日1次"));

  plan = hz_test_store_get_json (fixture.store, "CarePlan", "c1-careplan-reproductive", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (plan, "meta"), "versionId"), ==, "2");
  activities = json_object_get_array_member (plan, "activity");
  g_assert_cmpuint (json_array_get_length (activities), ==, 4);
  detail = json_object_get_object_member (json_array_get_object_element (activities, 3), "detail");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (detail, "code"), "text"), ==, "黄体酮注射液");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (detail, "scheduledPeriod"), "start"),
                   ==, "2026-10-10");
  g_clear_pointer (&plan, json_object_unref);

  /* stopping the heparin: version 3, the first activity stopped today */
  row = hz_test_find_row (fixture.workspace->page, "依诺肝素钠（低分子肝素）");
  g_assert_nonnull (row);
  {
    GtkWidget *stop = hz_test_find_widget (row, is_button_labelled, "Stop today");
    guint before = fixture.changed;

    g_assert_nonnull (stop);
    g_signal_emit_by_name (stop, "clicked");
    hz_test_wait_for (&fixture.changed, before + 1);
  }
  plan = hz_test_store_get_json (fixture.store, "CarePlan", "c1-careplan-reproductive", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (plan, "meta"), "versionId"), ==, "3");
  detail = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (plan, "activity"), 0), "detail");
  g_assert_cmpstr (json_object_get_string_member (detail, "status"), ==, "stopped");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (detail, "scheduledPeriod"), "end"),
                   ==, today_text);
  row = hz_test_find_row (fixture.workspace->page, "依诺肝素钠（低分子肝素）");
  g_assert_null (hz_test_find_widget (row, is_button_labelled, "Stop today"));

  fixture_tear_down (&fixture);
}

/* 备孕: a case with no LMP reads as pre-conception, never "0w0d", and
 * continues into pregnancy when a transfer is recorded */
static void
test_pre_conception (void)
{
  static const char bundle[] =
    "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
    " {\"resource\": {\"resourceType\": \"Patient\", \"id\": \"ivf-patient\", \"name\": [{\"text\": \"林晓\"}],"
    "  \"gender\": \"female\", \"birthDate\": \"1991-04-02\"}},"
    " {\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"ivf-episode\", \"status\": \"planned\","
    "  \"type\": [{\"text\": \"孕前保健（辅助生殖）\"}],"
    "  \"patient\": {\"reference\": \"Patient/ivf-patient\"}}}]}";
  Fixture fixture = { 0 };
  g_autoptr(HzCaseSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *transfer_text = NULL;
  HzDating dating;
  GDate transfer;
  GtkWidget *status;

  fixture_set_up (&fixture);
  hz_test_import_json (fixture.store, bundle);
  fixture_open (&fixture, "ivf-episode");

  status = hz_test_find_row (fixture.workspace->page, "Pre-conception: no pregnancy dated yet");
  g_assert_nonnull (status);
  g_assert_false (hz_test_has_label_containing (fixture.workspace->page, "0w0d"));
  g_assert_nonnull (hz_test_find_row (fixture.workspace->page, "No pregnancy loss recorded"));
  g_assert_nonnull (hz_test_find_row (fixture.workspace->page, "No embryo transfer recorded"));
  g_assert_nonnull (hz_test_find_row (fixture.workspace->page, "Not handed over to obstetrics yet"));
  summary = hz_store_get_case_summary (fixture.store, "ivf-episode", &error);
  g_assert_no_error (error);
  hz_case_summary_get_dating (summary, &dating);
  g_assert_cmpint (dating.method, ==, HZ_DATING_NONE);
  g_clear_object (&summary);

  /* a day-3 transfer 10 days ago: 17 + 10 = 27 days = 3w6d today */
  hz_ga_get_today (&transfer);
  g_date_subtract_days (&transfer, 10);
  transfer_text = iso (&transfer);
  choose (&fixture, "Method", "IVF");
  type_into (&fixture, "Transfer date (YYYY-MM-DD)", transfer_text);
  type_into (&fixture, "Embryo age in days (3 cleavage, 5 blastocyst)", "3");
  click_and_wait (&fixture, "Record transfer");

  g_assert_null (hz_test_find_row (fixture.workspace->page, "Pre-conception: no pregnancy dated yet"));
  g_assert_nonnull (hz_test_find_row (fixture.workspace->page, "3w6d · Dated by embryo transfer"));
  summary = hz_store_get_case_summary (fixture.store, "ivf-episode", &error);
  g_assert_no_error (error);
  hz_case_summary_get_dating (summary, &dating);
  g_assert_cmpint (dating.method, ==, HZ_DATING_ART);

  fixture_tear_down (&fixture);
}

/* In Chinese: the clinicians' terms, full-width punctuation, no raw codes */
static void
test_zh_cn (void)
{
  Fixture fixture = { 0 };
  GtkWidget *page;

  if (!hz_test_run_in_zh_cn ())
    return;

  fixture_set_up (&fixture);
  fixture_open_titled (&fixture, CASE_ID, "生殖医学");
  page = fixture.workspace->page;

  g_assert_nonnull (hz_test_find_row (page, "符合复发性流产：孕28周前连续妊娠丢失 2 次"));
  g_assert_true (hz_test_has_label_containing (page, "依据：《复发性流产诊治专家共识（2022）》"));
  g_assert_true (hz_test_has_label_containing (page, "当时孕周：孕9+2周"));
  g_assert_nonnull (hz_test_find_row (page, "抗磷脂抗体"));
  g_assert_nonnull (hz_test_find_row (page, "依诺肝素钠（低分子肝素）"));
  g_assert_true (hz_test_has_label_containing (page, "未查：宫腔镜或三维超声"));
  hz_test_assert_no_raw_codes (page);
  hz_test_assert_full_width_punctuation (page);

  fixture_tear_down (&fixture);
}

static void
test_no_display (void)
{
  /* never skipped: build-aux/dev runs the suite under Xvfb */
  g_test_message ("No display: run the ui suite under xvfb-run");
  g_test_fail ();
}

int
main (int   argc,
      char *argv[])
{
  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/huizhen/reproductive-page/loss-makes-recurrent", test_no_display);
      return g_test_run ();
    }

  adw_init ();
  hz_ui_init ();
  /* a form opens at once, not at the end of its animation */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/huizhen/reproductive-page/loss-makes-recurrent", test_loss_makes_recurrent);
  g_test_add_func ("/huizhen/reproductive-page/transfer-and-handover", test_transfer_and_handover);
  g_test_add_func ("/huizhen/reproductive-page/treatment-plan", test_treatment_plan);
  g_test_add_func ("/huizhen/reproductive-page/pre-conception", test_pre_conception);
  g_test_add_func ("/huizhen/reproductive-page/zh_CN", test_zh_cn);

  return g_test_run ();
}
