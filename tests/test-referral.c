/* test-referral.c — forms, the referral flow, signing, exchange, PDF and
 * FHIR R4 schema validation (libhuizhen's forms/ and pdf/ rooms)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <huizhen.h>
#include <libsoup/soup.h>

#include "hz-test-utils.h"

#define CASE_ID "c3-episode"

/* ------------------------------------------------------------------ */
/* 身份证号 (GB 11643-1999) and phone numbers */

static void
test_id_card_check_digit (void)
{
  /* hand-computed: Σ digit × (2^(17-i) mod 11), mod 11 → 1 0 X 9 8 7 6 5 4 3 2 */
  g_assert_cmpint (hz_id_card_compute_check_digit ("11010519491231002"), ==, 'X');  /* Σ mod 11 = 2 */
  g_assert_cmpint (hz_id_card_compute_check_digit ("44052418800101001"), ==, '4');  /* 8 */
  g_assert_cmpint (hz_id_card_compute_check_digit ("33042419950809126"), ==, '6');  /* 6 */
  g_assert_cmpint (hz_id_card_compute_check_digit ("51010119880101111"), ==, '2');  /* 10 */
  g_assert_cmpint (hz_id_card_compute_check_digit ("11010120000229123"), ==, 'X');  /* a leap day */
  g_assert_cmpint (hz_id_card_compute_check_digit ("1101052A491231002"), ==, 0);
  g_assert_cmpint (hz_id_card_compute_check_digit ("1101"), ==, 0);
}

static void
test_id_card_valid (void)
{
  g_autofree char *message = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 3, 12, 2026);

  g_assert_true (hz_id_card_is_valid ("11010519491231002X", &today, NULL));
  g_assert_true (hz_id_card_is_valid ("11010519491231002x", &today, NULL));
  g_assert_true (hz_id_card_is_valid ("330424199508091266", &today, NULL));
  g_assert_true (hz_id_card_is_valid ("11010120000229123X", &today, NULL));

  /* the wrong check digit names the right one */
  g_assert_false (hz_id_card_is_valid ("110105194912310021", &today, &message));
  g_assert_nonnull (strstr (message, "X"));
  g_clear_pointer (&message, g_free);

  g_assert_false (hz_id_card_is_valid ("11010519491231002", &today, &message));
  g_assert_nonnull (strstr (message, "18"));
  g_clear_pointer (&message, g_free);

  /* 1949-02-30 is no day, whatever the check digit */
  g_assert_false (hz_id_card_is_valid ("110105194902300022", &today, &message));
  g_assert_nonnull (strstr (message, "19490230"));
  g_clear_pointer (&message, g_free);

  /* born after today: 2027-01-01 */
  {
    char number[19] = "11010520270101001";

    number[17] = hz_id_card_compute_check_digit (number);
    number[18] = '\0';
    g_assert_false (hz_id_card_is_valid (number, &today, &message));
    g_assert_nonnull (strstr (message, "20270101"));
    g_clear_pointer (&message, g_free);
  }

  g_assert_false (hz_id_card_is_valid ("1101051949123100AX", &today, NULL));
}

static void
test_phone (void)
{
  g_autofree char *message = NULL;

  g_assert_true (hz_phone_is_valid ("13912345678", NULL));
  g_assert_true (hz_phone_is_valid ("+8619912345678", NULL));
  g_assert_true (hz_phone_is_valid ("0571-87654321", NULL));
  g_assert_true (hz_phone_is_valid ("010-1234567", NULL));
  g_assert_true (hz_phone_is_valid ("057187654321", NULL));
  g_assert_true (hz_phone_is_valid ("0571-87654321-123", NULL));

  g_assert_false (hz_phone_is_valid ("12912345678", &message));
  g_assert_nonnull (message);
  g_assert_false (hz_phone_is_valid ("1391234567", NULL));
  g_assert_false (hz_phone_is_valid ("139123456789", NULL));
  g_assert_false (hz_phone_is_valid ("571-87654321", NULL));
  g_assert_false (hz_phone_is_valid ("0571-876543", NULL));
  g_assert_false (hz_phone_is_valid ("+860571-87654321", NULL));
}

/* ------------------------------------------------------------------ */
/* Forms */

static HzForm *
load_form (const char *id)
{
  g_autoptr(GError) error = NULL;
  HzForm *form = hz_form_load (id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (form);
  return form;
}

static HzFormAnswers *
answers_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  HzFormAnswers *answers = hz_form_answers_new_from_data (json, -1, "answers.json", &error);

  g_assert_no_error (error);
  return answers;
}

/* The problems of @json as answers to @form, one a line, "" for none */
/* @base's answers with @extra's (nullable) over them */
static HzFormAnswers *
answers_merged (const char *base,
                const char *extra)
{
  HzFormAnswers *answers = answers_from (base);

  if (extra != NULL)
    {
      g_autoptr(HzFormAnswers) over = answers_from (extra);
      g_autoptr(GPtrArray) ids = hz_form_answers_get_link_ids (over);

      for (guint i = 0; i < ids->len; i++)
        {
          const HzFormValue *value = hz_form_answers_get (over, g_ptr_array_index (ids, i));

          hz_form_answers_set (answers, g_ptr_array_index (ids, i), value->kind, value->text);
        }
    }
  return answers;
}

static char *
problems_of (HzForm     *form,
             const char *base,
             const char *extra)
{
  g_autoptr(HzFormAnswers) answers = answers_merged (base, extra);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 3, 12, 2026);
  if (hz_form_validate (form, answers, &today, &problems, &error))
    {
      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, ==, 0);
      return g_strdup ("");
    }
  g_assert_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_INVALID);
  g_assert_cmpuint (problems->len, >, 0);
  return g_strdup (error->message);
}

#define REFERRAL_GOOD \
  "\"patient-name\": \"刘海燕\", \"patient-id-card\": \"330424199508091266\", " \
  "\"patient-phone\": \"13912345678\", \"diagnoses\": \"妊娠期糖尿病\", " \
  "\"direction\": \"up\", \"to-hospital\": \"云州市妇幼保健院\", \"urgency\": \"urgent\", " \
  "\"reason\": \"血糖控制不佳\", \"consent\": true, \"from-hospital\": \"临溪县人民医院\", " \
  "\"doctor\": \"吴秀芬\", \"date\": \"2026-12-01\", \"systolic\": 132, \"weight\": 78.50"

static void
test_forms_load (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = hz_form_list_ids (&error);
  g_autoptr(HzForm) referral = NULL;
  g_autoptr(HzForm) missing = NULL;
  const HzFormItem *item;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_cmpstr (ids[0], ==, "consultation-opinion");
  g_assert_cmpstr (ids[1], ==, "consultation-request");
  g_assert_cmpstr (ids[2], ==, "referral");

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(HzForm) form = load_form (ids[i]);

      g_assert_cmpstr (hz_form_get_id (form), ==, ids[i]);
      g_assert_true (g_str_has_prefix (hz_form_get_url (form), "https://huizhen.github.io/fhir/Questionnaire/"));
      g_assert_cmpstr (hz_form_get_language (form), ==, "zh-CN");
    }

  referral = load_form ("referral");
  g_assert_cmpstr (hz_form_get_title_zh (referral), ==, "双向转诊单");
  g_assert_cmpstr (hz_form_get_title (referral), ==, "Two-way referral form");  /* LC_ALL=C */
  g_assert_cmpstr (hz_form_get_category (referral), ==, "referral");
  g_assert_cmpuint (hz_form_get_all_items (referral)->len, ==, 29);

  item = hz_form_lookup_item (referral, "patient-id-card");
  g_assert_cmpint (item->type, ==, HZ_FORM_ITEM_STRING);
  g_assert_cmpint (item->check, ==, HZ_FORM_CHECK_ID_CARD);
  g_assert_cmpstr (item->text, ==, "身份证号");
  g_assert_cmpstr (hz_form_item_get_text (item), ==, "ID card number");
  g_assert_cmpstr (item->prefill, ==, "patient-id-card");
  item = hz_form_lookup_item (referral, "systolic");
  g_assert_cmpint (item->type, ==, HZ_FORM_ITEM_INTEGER);
  g_assert_true (item->has_min && item->has_max);
  g_assert_cmpfloat (item->min, ==, 50);
  g_assert_cmpfloat (item->max, ==, 250);
  item = hz_form_lookup_item (referral, "delivery-date");
  g_assert_cmpuint (item->enable_when->len, ==, 1);
  g_assert_cmpstr (((HzFormCondition *) g_ptr_array_index (item->enable_when, 0))->answer, ==, "down");
  g_assert_true (item->required);
  g_assert_cmpstr (hz_form_lookup_item (referral, "main-condition")->reference_type, ==, "Condition");

  missing = hz_form_load ("no-such-form", &error);
  g_assert_null (missing);
  g_assert_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "consultation-request"));
  g_clear_error (&error);

  /* a definition Huizhen cannot show */
  missing = hz_form_new_from_data ("{\"resourceType\":\"Questionnaire\",\"id\":\"x\",\"url\":\"u\","
                                   "\"item\":[{\"linkId\":\"a\",\"type\":\"attachment\"}]}",
                                   -1, "x.json", &error);
  g_assert_null (missing);
  g_assert_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_DEFINITION);
  g_assert_nonnull (strstr (error->message, "attachment"));
  g_clear_error (&error);
  missing = hz_form_new_from_data ("{\"resourceType\":\"Questionnaire\",\"id\":\"x\",\"url\":\"u\","
                                   "\"item\":[{\"linkId\":\"a\",\"type\":\"string\"},"
                                   "{\"linkId\":\"a\",\"type\":\"string\"}]}", -1, "x.json", &error);
  g_assert_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_DEFINITION);
  g_clear_error (&error);
}

#define ASSERT_PROBLEM(form, base, extra, needle) \
  G_STMT_START { \
    g_autofree char *p_ = problems_of ((form), (base), (extra)); \
    if (strstr (p_, (needle)) == NULL) \
      g_error ("expected “%s” in: %s", (needle), p_); \
  } G_STMT_END

static void
test_forms_validate_referral (void)
{
  g_autoptr(HzForm) form = load_form ("referral");
  g_autofree char *good = problems_of (form, "{" REFERRAL_GOOD "}", NULL);

  g_assert_cmpstr (good, ==, "");
  /* down: the delivery date and the community plan are asked for */
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"direction\": \"down\"}", "“Date of delivery” is required");
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"direction\": \"down\"}", "“Community follow-up plan” is required");
  {
    g_autofree char *down = problems_of (form, "{" REFERRAL_GOOD "}", "{\"direction\": \"down\", "
                                         "\"delivery-date\": \"2026-11-20\", \"follow-up-plan\": \"产后访视\"}");

    g_assert_cmpstr (down, ==, "");
  }
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"delivery-date\": \"2026-11-20\"}",
                  "“Date of delivery” does not apply here");
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"direction\": \"down\", \"delivery-date\": \"2026-12-04\", "
                  "\"follow-up-plan\": \"产后访视\"}", "“Date of delivery” cannot be in the future (2026-12-04)");
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"date\": \"2026-02-30\"}", "“Date of referral” must be a date");

  /* required */
  ASSERT_PROBLEM (form, "{\"direction\": \"up\"}", NULL, "“Reason for referral” is required");
  ASSERT_PROBLEM (form, "{\"direction\": \"up\"}", NULL, "“Name” is required");
  /* types and ranges */
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"systolic\": \"abc\"}",
                  "“Systolic blood pressure (mmHg)” must be a whole number, not “abc”");
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"systolic\": 132.5}", "must be a whole number, not “132.5”");
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"systolic\": 251}",
                  "“Systolic blood pressure (mmHg)” must be between 50 and 250, not 251");
  {
    g_autofree char *edge = problems_of (form, "{" REFERRAL_GOOD "}", "{\"systolic\": 250, \"weight\": 30}");

    g_assert_cmpstr (edge, ==, "");
  }
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"weight\": 29.9}", "“Weight (kg)” must be between 30 and 200, not 29.9");
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"consent\": \"yes\"}",
                  "“The patient has consented” must be true or false, not “yes”");
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"direction\": \"sideways\"}", "must be one of up (Refer up), down (Refer down)");
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"reason\": 12}", "“Reason for referral” must be text");
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"patient-id-card\": \"330424199508091267\"}",
                  "“ID card number”: the check digit of the ID card number is wrong (it should be 6)");
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"patient-phone\": \"1234\"}", "“Phone”: not a phone number");
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"main-condition\": \"Observation/x\"}",
                  "must refer to a Condition of the case");
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"colour\": \"red\"}", "has no item “colour”");
  ASSERT_PROBLEM (form, "{" REFERRAL_GOOD "}", "{\"transfer\": \"x\"}", "is a heading and takes no answer");

  /* what cannot be an answer at all */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HzFormAnswers) answers = hz_form_answers_new_from_data ("{\"reason\": [1]}", -1, "a.json", &error);

    g_assert_null (answers);
    g_assert_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_INVALID);
    g_clear_error (&error);
    answers = hz_form_answers_new_from_data ("{\"reason\": \"a\", \"reason\": \"b\"}", -1, "a.json", &error);
    g_assert_null (answers);
    g_assert_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_INVALID);
  }
}

#define CONSULT_GOOD \
  "\"patient-name\": \"刘海燕\", \"consult-type\": \"onsite\", \"to-hospital\": \"云州市妇幼保健院\", " \
  "\"specialty\": \"内分泌科\", \"urgency\": \"routine\", \"reason\": \"胰岛素治疗方案\", " \
  "\"case-summary\": \"孕30周GDM\", \"diagnoses\": \"GDM\", \"question\": \"是否启动胰岛素？\", " \
  "\"from-hospital\": \"临溪县人民医院\", \"doctor\": \"吴秀芬\", \"date\": \"2026-12-03\""

#define OPINION_GOOD \
  "\"patient-name\": \"刘海燕\", \"findings\": \"空腹血糖5.8\", \"diagnosis\": \"GDM A2\", " \
  "\"recommendations\": \"启动胰岛素\", \"follow-up\": \"每周复查\", \"consultant\": \"沈慧敏\", " \
  "\"consultant-hospital\": \"云州市妇幼保健院\", \"date\": \"2026-12-03\""

static void
test_forms_validate_others (void)
{
  g_autoptr(HzForm) consult = load_form ("consultation-request");
  g_autoptr(HzForm) opinion = load_form ("consultation-opinion");
  g_autofree char *good = problems_of (consult, "{" CONSULT_GOOD "}", NULL);
  g_autofree char *good_opinion = problems_of (opinion, "{" OPINION_GOOD "}", "{\"review-weeks\": 12}");

  g_assert_cmpstr (good, ==, "");
  g_assert_cmpstr (good_opinion, ==, "");
  ASSERT_PROBLEM (consult, "{" CONSULT_GOOD "}", "{\"consult-type\": \"remote\"}",
                  "“The patient has agreed to a remote consultation” is required");
  ASSERT_PROBLEM (consult, "{" CONSULT_GOOD "}", "{\"remote-consent\": true}", "does not apply here");
  ASSERT_PROBLEM (consult, "{" CONSULT_GOOD "}", "{\"requested-date\": \"12/05/2026\"}",
                  "“Preferred date” must be a date such as 2026-05-06, not “12/05/2026”");
  ASSERT_PROBLEM (consult, "{\"consult-type\": \"mdt\"}", NULL, "“Question to answer” is required");

  ASSERT_PROBLEM (opinion, "{" OPINION_GOOD "}", "{\"needs-referral\": true}", "“Referral advice” is required");
  ASSERT_PROBLEM (opinion, "{" OPINION_GOOD "}", "{\"review-weeks\": 0}", "“Review in (weeks)” must be between 1 and 12, not 0");
  ASSERT_PROBLEM (opinion, "{" OPINION_GOOD "}", "{\"review-weeks\": 13}", "between 1 and 12, not 13");
  ASSERT_PROBLEM (opinion, "{" OPINION_GOOD "}", "{\"needs-referral\": false, \"referral-note\": \"x\"}",
                  "“Referral advice” does not apply here");
}

/* ------------------------------------------------------------------ */
/* The status flow */

static void
test_status_machine (void)
{
  HzReferralStatus next[HZ_REFERRAL_N_STATUSES];
  HzReferralStatus status;
  guint n;

  n = hz_referral_status_get_next (HZ_REFERRAL_DRAFT, next);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (next[0], ==, HZ_REFERRAL_REQUESTED);
  g_assert_cmpint (next[1], ==, HZ_REFERRAL_CANCELLED);
  n = hz_referral_status_get_next (HZ_REFERRAL_REQUESTED, next);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (next[0], ==, HZ_REFERRAL_ACCEPTED);
  g_assert_cmpint (next[1], ==, HZ_REFERRAL_REJECTED);
  g_assert_cmpint (next[2], ==, HZ_REFERRAL_CANCELLED);
  n = hz_referral_status_get_next (HZ_REFERRAL_ACCEPTED, next);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (next[0], ==, HZ_REFERRAL_IN_PROGRESS);
  g_assert_cmpint (next[1], ==, HZ_REFERRAL_CANCELLED);
  n = hz_referral_status_get_next (HZ_REFERRAL_IN_PROGRESS, next);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (next[0], ==, HZ_REFERRAL_COMPLETED);
  g_assert_cmpuint (hz_referral_status_get_next (HZ_REFERRAL_COMPLETED, next), ==, 0);
  g_assert_cmpuint (hz_referral_status_get_next (HZ_REFERRAL_REJECTED, next), ==, 0);
  g_assert_cmpuint (hz_referral_status_get_next (HZ_REFERRAL_CANCELLED, next), ==, 0);

  g_assert_false (hz_referral_status_can_change (HZ_REFERRAL_COMPLETED, HZ_REFERRAL_REQUESTED));
  g_assert_false (hz_referral_status_can_change (HZ_REFERRAL_DRAFT, HZ_REFERRAL_ACCEPTED));
  g_assert_false (hz_referral_status_can_change (HZ_REFERRAL_REQUESTED, HZ_REFERRAL_REQUESTED));
  g_assert_false (hz_referral_status_can_change (HZ_REFERRAL_IN_PROGRESS, HZ_REFERRAL_CANCELLED));
  g_assert_true (hz_referral_status_can_change (HZ_REFERRAL_REQUESTED, HZ_REFERRAL_REJECTED));

  g_assert_true (hz_referral_status_needs_reason (HZ_REFERRAL_REJECTED));
  g_assert_true (hz_referral_status_needs_reason (HZ_REFERRAL_CANCELLED));
  g_assert_false (hz_referral_status_needs_reason (HZ_REFERRAL_ACCEPTED));

  g_assert_true (hz_referral_status_from_string ("in-progress", &status));
  g_assert_cmpint (status, ==, HZ_REFERRAL_IN_PROGRESS);
  g_assert_cmpstr (hz_referral_status_to_string (HZ_REFERRAL_IN_PROGRESS), ==, "in-progress");
  g_assert_false (hz_referral_status_from_string ("done", &status));
}

/* ------------------------------------------------------------------ */
/* The flow in a store */

typedef struct
{
  char    *dir;
  HzStore *county;     /* 临溪县人民医院: sends */
  HzStore *centre;     /* 云州市妇幼保健院: receives */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(HzActor) county = hz_actor_new ("吴秀芬", HZ_TEAM_OBSTETRICS, "副主任医师", "临溪县人民医院");
  g_autoptr(HzActor) centre = hz_actor_new ("沈慧敏", HZ_TEAM_OBSTETRICS, "主任医师", "云州市妇幼保健院");
  g_autofree char *county_dir = NULL;
  g_autofree char *centre_dir = NULL;
  g_autofree char *demo = g_build_filename (g_getenv ("HUIZHEN_DEMO_DIR"), "demo-county-referral.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (demo);
  g_autoptr(GError) error = NULL;

  fixture->dir = hz_test_make_tmp_dir ("hz-test-referral-XXXXXX");
  county_dir = g_build_filename (fixture->dir, "county", NULL);
  centre_dir = g_build_filename (fixture->dir, "centre", NULL);
  g_mkdir (county_dir, 0700);
  g_mkdir (centre_dir, 0700);
  fixture->county = hz_test_store_new (county_dir, county);
  fixture->centre = hz_test_store_new (centre_dir, centre);
  hz_store_import_file (fixture->county, file, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->county);
  g_clear_object (&fixture->centre);
  hz_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* A referral up from the county, prefilled from the case; its Task id */
static char *
create_referral (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCase) kase = hz_case_load (fixture->county, CASE_ID, &error);
  g_autoptr(HzForm) form = load_form ("referral");
  g_autoptr(HzFormAnswers) answers = answers_from ("{\"direction\": \"up\", \"to-hospital\": \"云州市妇幼保健院\", "
                                                   "\"urgency\": \"urgent\", \"reason\": \"血糖控制不佳\", "
                                                   "\"consent\": true, \"weight\": 78.50, "
                                                   "\"main-condition\": \"Condition/c3-cond-gdm\"}");
  char *task_id;
  guint n;

  g_assert_no_error (error);
  n = hz_form_prefill (form, answers, kase, hz_store_get_actor (fixture->county), NULL);
  g_assert_cmpuint (n, >=, 7);
  task_id = hz_referral_create (fixture->county, kase, form, answers, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (task_id);
  return task_id;
}

static void
test_prefill (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCase) kase = hz_case_load (fixture->county, CASE_ID, &error);
  g_autoptr(HzForm) form = load_form ("referral");
  g_autoptr(HzFormAnswers) answers = answers_from ("{\"doctor\": \"另一位医生\"}");
  GDate today;

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 3, 12, 2026);
  hz_form_prefill (form, answers, kase, hz_store_get_actor (fixture->county), &today);

  g_assert_cmpstr (hz_form_answers_get (answers, "patient-name")->text, ==, "刘海燕");
  g_assert_cmpstr (hz_form_answers_get (answers, "patient-id-card")->text, ==,
                   hz_fhir_jv_get_identifier (hz_resource_get_value (hz_case_get_patient (kase)), HZ_SYSTEM_ID_CARD));
  g_assert_cmpstr (hz_form_answers_get (answers, "risk")->text, ==, "Orange");
  g_assert_nonnull (strstr (hz_form_answers_get (answers, "diagnoses")->text, "妊娠期糖尿病"));
  g_assert_cmpstr (hz_form_answers_get (answers, "from-hospital")->text, ==, "临溪县人民医院");
  g_assert_cmpstr (hz_form_answers_get (answers, "date")->text, ==, "2026-12-03");
  /* what was answered is kept */
  g_assert_cmpstr (hz_form_answers_get (answers, "doctor")->text, ==, "另一位医生");
  /* GA today, by the case's dating */
  {
    HzDating dating;
    int ga_days;
    g_autofree char *ga = NULL;

    hz_case_get_dating (kase, &dating);
    g_assert_true (hz_dating_ga_at (&dating, &today, &ga_days));
    ga = hz_ga_format (ga_days);
    g_assert_cmpstr (hz_form_answers_get (answers, "ga")->text, ==, ga);
  }
}

/* After the delivery the centre refers her down to the community: the
 * delivery date comes from the case */
static void
test_referral_down (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *demo = g_build_filename (g_getenv ("HUIZHEN_DEMO_DIR"), "demo-postpartum-referral-down.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (demo);
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(HzForm) form = load_form ("referral");
  g_autoptr(HzFormAnswers) answers = answers_from ("{\"direction\": \"down\", \"to-hospital\": \"城东社区卫生服务中心\", "
                                                   "\"urgency\": \"routine\", \"reason\": \"产后访视\", "
                                                   "\"consent\": true, \"follow-up-plan\": \"产后7天、42天访视，血压随访\"}");
  g_autoptr(HzReferral) referral = NULL;
  g_autofree char *task_id = NULL;
  HzDating dating;
  char day[11];

  hz_store_import_file (fixture->centre, file, NULL, NULL, &error);
  g_assert_no_error (error);
  kase = hz_case_load (fixture->centre, "c4-episode", &error);
  g_assert_no_error (error);
  hz_case_get_dating (kase, &dating);
  g_assert_true (dating.delivered);
  g_snprintf (day, sizeof day, "%04u-%02u-%02u", g_date_get_year (&dating.delivery_date),
              g_date_get_month (&dating.delivery_date), g_date_get_day (&dating.delivery_date));

  hz_form_prefill (form, answers, kase, hz_store_get_actor (fixture->centre), NULL);
  g_assert_cmpstr (hz_form_answers_get (answers, "delivery-date")->text, ==, day);
  task_id = hz_referral_create (fixture->centre, kase, form, answers, NULL, &error);
  g_assert_no_error (error);
  referral = hz_referral_get (fixture->centre, task_id, NULL, &error);
  g_assert_cmpstr (referral->direction, ==, "down");
  g_assert_cmpstr (referral->title, ==, "下转：城东社区卫生服务中心");
  g_assert_cmpstr (referral->performer, ==, "城东社区卫生服务中心");
}

static void
test_flow (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *task_id = create_referral (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(HzReferral) referral = NULL;
  g_autoptr(HzResource) task = NULL;
  g_autoptr(HzResource) request = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) all = NULL;

  referral = hz_referral_get (fixture->county, task_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (referral->status, ==, HZ_REFERRAL_DRAFT);
  g_assert_cmpstr (referral->kind, ==, "referral");
  g_assert_cmpstr (referral->direction, ==, "up");
  g_assert_cmpstr (referral->case_id, ==, CASE_ID);
  g_assert_cmpstr (referral->title, ==, "上转：云州市妇幼保健院");
  g_assert_false (referral->inbound);
  g_assert_nonnull (referral->due);

  /* the flow refuses a jump, and says where it can go */
  g_assert_false (hz_referral_set_status (fixture->county, task_id, HZ_REFERRAL_COMPLETED, NULL, &error));
  g_assert_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_TRANSITION);
  g_assert_nonnull (strstr (error->message, "requested (Requested), cancelled (Cancelled)"));
  g_clear_error (&error);

  g_assert_true (hz_referral_set_status (fixture->county, task_id, HZ_REFERRAL_REQUESTED, NULL, &error));
  g_assert_no_error (error);

  /* urgent: due 24 hours after it was written, overdue a second later */
  {
    g_autoptr(GDateTime) authored = hz_fhir_parse_datetime (referral->authored);
    g_autoptr(GDateTime) due = hz_fhir_parse_datetime (referral->due);
    g_autoptr(GDateTime) before_due = g_date_time_add_seconds (due, -1);
    g_autoptr(GDateTime) after_due = g_date_time_add_seconds (due, 1);
    g_autoptr(HzReferral) in_time = hz_referral_get (fixture->county, task_id, before_due, &error);
    g_autoptr(HzReferral) late = hz_referral_get (fixture->county, task_id, after_due, &error);

    g_assert_cmpint (g_date_time_difference (due, authored), ==, 24 * G_TIME_SPAN_HOUR);
    g_assert_false (in_time->overdue);
    g_assert_true (late->overdue);
  }

  /* the centre says no: a reason is required */
  g_assert_false (hz_referral_set_status (fixture->county, task_id, HZ_REFERRAL_REJECTED, "", &error));
  g_assert_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_REASON_REQUIRED);
  g_clear_error (&error);
  g_assert_true (hz_referral_set_status (fixture->county, task_id, HZ_REFERRAL_REJECTED, "床位已满", &error));
  g_assert_no_error (error);

  task = hz_store_get (fixture->county, "Task", task_id, &error);
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (task), "status"), ==, "rejected");
  g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (task), "statusReason.text"), ==, "床位已满");
  g_assert_cmpuint (hz_jv_get_length (hz_jv_get_array (hz_resource_get_value (task), "note")), ==, 3);
  g_assert_cmpstr (hz_jv_get_string (hz_jv_get_object_element (hz_resource_get_value (task), "note", 2), "text"),
                   ==, "requested → rejected: 床位已满");
  g_assert_cmpstr (hz_jv_get_string (hz_jv_get_object_element (hz_resource_get_value (task), "note", 2), "authorString"),
                   ==, "吴秀芬 (临溪县人民医院)");
  g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (task), "meta.tag.0.code"), ==, NULL);
  g_assert_cmpstr (hz_fhir_jv_get_team_tag (hz_resource_get_value (task)), ==, "obstetrics");
  request = hz_store_get (fixture->county, "ServiceRequest", referral->service_request_id, &error);
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (request), "status"), ==, "revoked");
  g_assert_cmpstr (hz_fhir_jv_get_concept_code (hz_resource_get_value (request), "category", HZ_SYSTEM_SNOMED),
                   ==, HZ_REFERRAL_CATEGORY_REFERRAL);

  /* every change is a version, with who wrote it */
  history = hz_store_history (fixture->county, "Task", task_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpstr (((HzStoreVersion *) g_ptr_array_index (history, 2))->author, ==, "吴秀芬");

  /* final */
  g_assert_false (hz_referral_set_status (fixture->county, task_id, HZ_REFERRAL_REQUESTED, NULL, &error));
  g_assert_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_TRANSITION);
  g_assert_nonnull (strstr (error->message, "none: it is final"));
  g_clear_error (&error);

  /* listed with the demo's own referrals */
  all = hz_referral_list (fixture->county, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);

  /* a form that is no request */
  {
    g_autoptr(HzCase) kase = hz_case_load (fixture->county, CASE_ID, &error);
    g_autoptr(HzForm) opinion = load_form ("consultation-opinion");
    g_autoptr(HzFormAnswers) answers = answers_from ("{" OPINION_GOOD "}");
    g_autofree char *none = hz_referral_create (fixture->county, kase, opinion, answers, NULL, &error);

    g_assert_null (none);
    g_assert_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_WRONG_FORM);
    g_clear_error (&error);
  }
  /* bad answers write nothing */
  {
    gint64 before = hz_store_count_resources (fixture->county, CASE_ID);
    g_autoptr(HzCase) kase = hz_case_load (fixture->county, CASE_ID, &error);
    g_autoptr(HzForm) form = load_form ("referral");
    g_autoptr(HzFormAnswers) answers = answers_from ("{\"direction\": \"up\", \"systolic\": \"high\"}");
    g_autofree char *none = hz_referral_create (fixture->county, kase, form, answers, NULL, &error);

    g_assert_null (none);
    g_assert_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "must be a whole number"));
    g_assert_nonnull (strstr (error->message, "“Reason for referral” is required"));
    g_assert_cmpint (hz_store_count_resources (fixture->county, CASE_ID), ==, before);
  }
}

static void
test_signature_hash (void)
{
  g_autoptr(HzResource) a = NULL;
  g_autoptr(HzResource) b = NULL;
  g_autoptr(HzResource) c = NULL;
  g_autofree char *hash_a = NULL;
  g_autofree char *hash_b = NULL;
  g_autofree char *hash_c = NULL;

  a = hz_resource_new_from_data ("{\"resourceType\":\"QuestionnaireResponse\",\"id\":\"q1\","
                                 "\"meta\":{\"versionId\":\"1\"},"
                                 "\"questionnaire\":\"https://huizhen.github.io/fhir/Questionnaire/consultation-opinion|1.0.0\","
                                 "\"status\":\"in-progress\",\"subject\":{\"reference\":\"Patient/p1\"},"
                                 "\"item\":[{\"linkId\":\"findings\",\"answer\":[{\"valueString\":\"正常\"}]}]}", -1, NULL);
  /* meta, id and status are not signed content */
  b = hz_resource_new_from_data ("{\"resourceType\":\"QuestionnaireResponse\",\"id\":\"q2\","
                                 "\"meta\":{\"versionId\":\"7\"},"
                                 "\"questionnaire\":\"https://huizhen.github.io/fhir/Questionnaire/consultation-opinion|1.0.0\","
                                 "\"status\":\"completed\",\"subject\":{\"reference\":\"Patient/p1\"},"
                                 "\"item\":[{\"linkId\":\"findings\",\"answer\":[{\"valueString\":\"正常\"}]}]}", -1, NULL);
  c = hz_resource_new_from_data ("{\"resourceType\":\"QuestionnaireResponse\",\"id\":\"q1\","
                                 "\"questionnaire\":\"https://huizhen.github.io/fhir/Questionnaire/consultation-opinion|1.0.0\","
                                 "\"status\":\"in-progress\",\"subject\":{\"reference\":\"Patient/p1\"},"
                                 "\"item\":[{\"linkId\":\"findings\",\"answer\":[{\"valueString\":\"异常\"}]}]}", -1, NULL);
  hash_a = hz_form_response_compute_hash (hz_resource_get_value (a));
  hash_b = hz_form_response_compute_hash (hz_resource_get_value (b));
  hash_c = hz_form_response_compute_hash (hz_resource_get_value (c));

  /* sha256 of {"questionnaire":…,"subject":{"reference":"Patient/p1"},"item":[…"正常"…]} */
  g_assert_cmpstr (hash_a, ==, "449d55765ff3d0f8db8dc432cfc95e8cca8f8520608fa5a7b05908372fe8c014");
  g_assert_cmpstr (hash_b, ==, hash_a);
  g_assert_cmpstr (hash_c, ==, "4049b6b0b057f57717096cf315926c5d22046eba28ca474613062e5186cc5bcc");
}

/* The centre answers: accepted, under way, an opinion signed, completed */
static char *
answer_at_centre (Fixture    *fixture,
                  const char *task_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzForm) form = load_form ("consultation-opinion");
  g_autoptr(HzFormAnswers) answers = answers_from ("{" OPINION_GOOD "}");
  g_autofree char *qr_id = NULL;
  g_autofree char *provenance_id = NULL;

  g_assert_true (hz_referral_set_status (fixture->centre, task_id, HZ_REFERRAL_ACCEPTED, NULL, &error));
  g_assert_true (hz_referral_set_status (fixture->centre, task_id, HZ_REFERRAL_IN_PROGRESS, NULL, &error));
  qr_id = hz_referral_save_opinion (fixture->centre, task_id, form, answers, FALSE, NULL, &error);
  g_assert_no_error (error);
  provenance_id = hz_referral_sign_opinion (fixture->centre, task_id, &error);
  g_assert_no_error (error);
  g_assert_true (hz_referral_set_status (fixture->centre, task_id, HZ_REFERRAL_COMPLETED, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&qr_id);
}

static void
test_sign (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *task_id = create_referral (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(HzForm) form = load_form ("consultation-opinion");
  g_autoptr(HzFormAnswers) answers = answers_from ("{" OPINION_GOOD "}");
  g_autoptr(HzFormAnswers) changed = answers_merged ("{" OPINION_GOOD "}", "{\"diagnosis\": \"GDM A1\"}");
  g_autoptr(HzResource) opinion = NULL;
  g_autofree char *qr_id = NULL;
  g_autofree char *again = NULL;
  g_autofree char *provenance_id = NULL;
  g_autofree char *signer = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *amended_hash = NULL;
  g_autofree char *expected = NULL;

  qr_id = hz_referral_save_opinion (fixture->county, task_id, form, answers, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (hz_referral_opinion_is_signed (fixture->county, task_id, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  provenance_id = hz_referral_sign_opinion (fixture->county, task_id, &error);
  g_assert_no_error (error);
  g_assert_true (hz_referral_opinion_is_signed (fixture->county, task_id, &signer, NULL, &hash, &error));
  g_assert_cmpstr (signer, ==, "吴秀芬 (临溪县人民医院)");
  opinion = hz_store_get (fixture->county, "QuestionnaireResponse", qr_id, &error);
  expected = hz_form_response_compute_hash (hz_resource_get_value (opinion));
  g_assert_cmpstr (hash, ==, expected);
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (opinion), "status"), ==, "completed");
  {
    g_autoptr(HzResource) provenance = hz_store_get (fixture->county, "Provenance", provenance_id, &error);
    HzJv *signature = hz_jv_get_object_element (hz_resource_get_value (provenance), "signature", 0);

    g_assert_cmpstr (hz_jv_get_path_string (hz_jv_get_object_element (signature, "type", 0), "code"),
                     ==, HZ_SIGNATURE_TYPE_AUTHOR);
    g_assert_nonnull (hz_jv_get_string (signature, "when"));
    g_assert_cmpstr (hz_jv_get_path_string (signature, "who.display"), ==, "吴秀芬 (临溪县人民医院)");
  }

  /* read-only once signed; signing twice is refused */
  again = hz_referral_save_opinion (fixture->county, task_id, form, changed, FALSE, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_SIGNED);
  g_clear_error (&error);
  g_assert_null (hz_referral_sign_opinion (fixture->county, task_id, &error));
  g_assert_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_SIGNED);
  g_clear_error (&error);

  /* an amendment: a new version, unsigned until signed again, another hash */
  again = hz_referral_save_opinion (fixture->county, task_id, form, changed, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, qr_id);
  g_clear_object (&opinion);
  opinion = hz_store_get (fixture->county, "QuestionnaireResponse", qr_id, &error);
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (opinion), "status"), ==, "amended");
  g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (opinion), "meta.versionId"), ==, "3");
  g_assert_false (hz_referral_opinion_is_signed (fixture->county, task_id, NULL, NULL, NULL, &error));
  g_clear_pointer (&provenance_id, g_free);
  provenance_id = hz_referral_sign_opinion (fixture->county, task_id, &error);
  g_assert_no_error (error);
  g_assert_true (hz_referral_opinion_is_signed (fixture->county, task_id, NULL, NULL, &amended_hash, &error));
  g_assert_cmpstr (amended_hash, !=, hash);
  g_clear_object (&opinion);
  opinion = hz_store_get (fixture->county, "QuestionnaireResponse", qr_id, &error);
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (opinion), "status"), ==, "amended");
}

static char *
write_temp (Fixture    *fixture,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Checks @paths against HL7's FHIR R4 JSON schema; a missing validator
 * fails the test */
static void
assert_valid_fhir (const char * const *paths)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "fhir", "validate-fhir.py", NULL);
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "fhir", "fhir.schema.json", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_message ("/usr/bin/python3 is missing: build-aux/dev installs python3 and python3-jsonschema");
      g_test_fail ();
      return;
    }
  g_ptr_array_add (argv, (gpointer) "/usr/bin/python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, schema);
  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) paths[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("not valid FHIR R4 (or the validator is missing):\n%s", err);
      g_test_fail ();
    }
}

static void
test_exchange (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *task_id = create_referral (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(HzReferral) inbound = NULL;
  g_autoptr(HzReferral) back = NULL;
  g_autoptr(HzResource) sent = NULL;
  g_autofree char *text = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *imported_id = NULL;
  g_autofree char *qr_id = NULL;
  g_autofree char *sent_path = NULL;
  g_autofree char *answer_path = NULL;
  gint64 centre_count;
  gint64 county_count;
  gsize length = 0;

  g_assert_true (hz_referral_set_status (fixture->county, task_id, HZ_REFERRAL_REQUESTED, NULL, &error));
  text = hz_referral_export (fixture->county, task_id, "/tmp/out.json", &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (text), ==, length);
  /* what left is recorded: an export of the referral, naming where it went */
  {
    g_autoptr(GPtrArray) events = hz_store_list_audit (fixture->county, NULL, 1, &error);
    const HzJv *event = hz_resource_get_value (g_ptr_array_index (events, 0));
    g_autofree char *what = g_strdup_printf ("Task/%s", task_id);

    g_assert_cmpstr (hz_jv_get_path_string (hz_jv_get_object_element (event, "subtype", 0), "code"), ==, "export");
    g_assert_cmpstr (hz_jv_get_path_string (hz_jv_get_object_element (event, "entity", 0), "what.reference"), ==, what);
    g_assert_cmpstr (hz_jv_get_string (hz_jv_get_object_element (event, "entity", 0), "description"), ==, "/tmp/out.json");
  }

  /* a transaction: every entry PUTs its resource, the Task first; the
   * weight the clinician typed keeps its digits */
  sent = hz_resource_new_from_data (text, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (sent), "type"), ==, "transaction");
  {
    HzJv *entries = hz_jv_get_array (hz_resource_get_value (sent), "entry");
    gboolean has_patient = FALSE, has_form = FALSE, has_condition = FALSE, has_episode = FALSE;

    g_assert_cmpstr (hz_jv_get_path_string (hz_jv_get_first (entries), "resource.resourceType"), ==, "Task");
    for (HzJv *entry = hz_jv_get_first (entries); entry != NULL; entry = hz_jv_get_next (entry))
      {
        const char *type = hz_jv_get_path_string (entry, "resource.resourceType");
        g_autofree char *url = g_strdup_printf ("%s/%s", type, hz_jv_get_path_string (entry, "resource.id"));

        g_assert_cmpstr (hz_jv_get_path_string (entry, "request.method"), ==, "PUT");
        g_assert_cmpstr (hz_jv_get_path_string (entry, "request.url"), ==, url);
        has_patient |= g_str_equal (type, "Patient");
        has_form |= g_str_equal (type, "QuestionnaireResponse");
        has_condition |= g_str_equal (url, "Condition/c3-cond-gdm");
        has_episode |= g_str_equal (url, "EpisodeOfCare/" CASE_ID);
      }
    g_assert_true (has_patient && has_form && has_condition && has_episode);
  }
  g_assert_nonnull (strstr (text, "\"valueDecimal\": 78.50"));

  /* the centre imports it: an inbound referral of the same case */
  g_assert_true (hz_referral_import (fixture->centre, text, length, "out.json", &imported_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (imported_id, ==, task_id);
  inbound = hz_referral_get (fixture->centre, task_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (inbound->status, ==, HZ_REFERRAL_REQUESTED);
  g_assert_true (inbound->inbound);
  g_assert_cmpstr (inbound->case_id, ==, CASE_ID);

  /* a second import adds nothing */
  centre_count = hz_store_count_resources (fixture->centre, NULL);
  g_assert_false (hz_referral_import (fixture->centre, text, length, "out.json", NULL, &error));
  g_assert_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (hz_store_count_resources (fixture->centre, NULL), ==, centre_count);
  {
    g_autoptr(GPtrArray) history = hz_store_history (fixture->centre, "Task", task_id, &error);

    g_assert_cmpuint (history->len, ==, 1);
  }

  /* the answer travels back the same way */
  qr_id = answer_at_centre (fixture, task_id);
  answer = hz_referral_export (fixture->centre, task_id, NULL, &length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (answer, "\"resourceType\": \"Provenance\""));

  sent_path = write_temp (fixture, "sent.json", text);
  answer_path = write_temp (fixture, "answer.json", answer);
  assert_valid_fhir ((const char * const []) { sent_path, answer_path, NULL });

  g_assert_true (hz_referral_import (fixture->county, answer, length, "answer.json", NULL, &error));
  g_assert_no_error (error);
  back = hz_referral_get (fixture->county, task_id, NULL, &error);
  g_assert_cmpint (back->status, ==, HZ_REFERRAL_COMPLETED);
  g_assert_cmpstr (back->opinion_id, ==, qr_id);
  g_assert_true (hz_referral_opinion_is_signed (fixture->county, task_id, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* and again: nothing */
  county_count = hz_store_count_resources (fixture->county, NULL);
  g_assert_false (hz_referral_import (fixture->county, answer, length, "answer.json", NULL, &error));
  g_assert_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (hz_store_count_resources (fixture->county, NULL), ==, county_count);
}

static void
test_exchange_conflict (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *task_id = create_referral (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(HzReferral) referral = NULL;
  g_autofree char *text = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *qr_id = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  gsize length;

  g_assert_true (hz_referral_set_status (fixture->county, task_id, HZ_REFERRAL_REQUESTED, NULL, &error));
  text = hz_referral_export (fixture->county, task_id, NULL, &length, &error);
  g_assert_true (hz_referral_import (fixture->centre, text, length, "out.json", NULL, &error));
  g_assert_no_error (error);
  qr_id = answer_at_centre (fixture, task_id);
  answer = hz_referral_export (fixture->centre, task_id, NULL, &length, &error);

  /* meanwhile the county called it off */
  g_assert_true (hz_referral_set_status (fixture->county, task_id, HZ_REFERRAL_CANCELLED, "患者改去省妇幼", &error));
  before = hz_store_history (fixture->county, "Task", task_id, &error);

  g_assert_false (hz_referral_import (fixture->county, answer, length, "answer.json", NULL, &error));
  g_assert_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_CONFLICT);
  /* both sides' changes are named */
  g_assert_nonnull (strstr (error->message, "requested → cancelled: 患者改去省妇幼"));
  g_assert_nonnull (strstr (error->message, "in-progress → completed"));
  g_clear_error (&error);

  /* nothing overwritten, nothing added */
  after = hz_store_history (fixture->county, "Task", task_id, &error);
  g_assert_cmpuint (after->len, ==, before->len);
  referral = hz_referral_get (fixture->county, task_id, NULL, &error);
  g_assert_cmpint (referral->status, ==, HZ_REFERRAL_CANCELLED);
  g_assert_null (referral->opinion_id);
  {
    g_autoptr(HzResource) missing = hz_store_get (fixture->county, "QuestionnaireResponse", qr_id, &error);

    g_assert_null (missing);
    g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
}

static void
test_import_bad (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *task_id = create_referral (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bundle = NULL;
  g_autofree char *text = NULL;
  g_autofree char *broken = NULL;
  JsonArray *entries;
  gsize length;

  text = hz_referral_export (fixture->county, task_id, NULL, &length, &error);
  g_assert_no_error (error);

  /* the Conditions the referral names are left out: nothing resolves them */
  bundle = hz_test_parse_node (text);
  entries = json_object_get_array_member (json_node_get_object (bundle), "entry");
  for (guint i = json_array_get_length (entries); i > 0; i--)
    {
      JsonObject *resource = json_object_get_object_member (json_array_get_object_element (entries, i - 1), "resource");

      if (g_str_equal (json_object_get_string_member (resource, "resourceType"), "Condition"))
        json_array_remove_element (entries, i - 1);
    }
  broken = hz_json_node_to_data (bundle, NULL);
  g_assert_false (hz_referral_import (fixture->centre, broken, -1, "broken.json", NULL, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_DANGLING_REFERENCE);
  g_assert_nonnull (strstr (error->message, "Condition/"));
  g_clear_error (&error);
  g_assert_cmpint (hz_store_count_resources (fixture->centre, NULL), ==, 0);

  /* not a referral */
  g_assert_false (hz_referral_import (fixture->centre, "{\"resourceType\":\"Bundle\",\"type\":\"transaction\","
                                      "\"entry\":[]}", -1, "empty.json", NULL, &error));
  g_assert_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_NOT_A_REFERRAL);
  g_clear_error (&error);
  g_assert_false (hz_referral_import (fixture->centre, "{\"resourceType\":", -1, "cut.json", NULL, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID_JSON);
  g_clear_error (&error);
  g_assert_cmpint (hz_store_count_resources (fixture->centre, NULL), ==, 0);
}

/* ------------------------------------------------------------------ */
/* PDF */

/* The centre's own case of the same woman (her 身份证号), made before the
 * referral came: the referral joins it, the centre's records stay hers */
static void
test_import_links_case (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *task_id = create_referral (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(HzReferral) inbound = NULL;
  g_autoptr(HzResource) patient = NULL;
  g_autoptr(HzResource) request_form = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *text = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *imported_id = NULL;
  gsize length = 0;

  hz_test_import_json (fixture->centre,
                       "{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": ["
                       " {\"resource\": {\"resourceType\": \"Patient\", \"id\": \"yz-patient-5516\","
                       "  \"identifier\": [{\"system\": \"urn:oid:2.16.156.10011.1.3\", \"value\": \"330424199508091266\"}],"
                       "  \"name\": [{\"text\": \"刘海燕\"}], \"gender\": \"female\", \"birthDate\": \"1995-08-09\"},"
                       "  \"request\": {\"method\": \"PUT\", \"url\": \"Patient/yz-patient-5516\"}},"
                       " {\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"yz-episode-5516\", \"status\": \"active\","
                       "  \"patient\": {\"reference\": \"Patient/yz-patient-5516\"}},"
                       "  \"request\": {\"method\": \"PUT\", \"url\": \"EpisodeOfCare/yz-episode-5516\"}}]}");

  g_assert_true (hz_referral_set_status (fixture->county, task_id, HZ_REFERRAL_REQUESTED, NULL, &error));
  text = hz_referral_export (fixture->county, task_id, NULL, &length, &error);
  g_assert_no_error (error);
  g_assert_true (hz_referral_import (fixture->centre, text, length, "out.json", &imported_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (imported_id, ==, task_id);

  /* one case at the centre: hers, with the referral in it */
  cases = hz_store_list_cases (fixture->centre, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpstr (hz_case_summary_get_case_id (g_ptr_array_index (cases, 0)), ==, "yz-episode-5516");
  inbound = hz_referral_get (fixture->centre, task_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (inbound->case_id, ==, "yz-episode-5516");
  g_assert_true (inbound->inbound);
  g_assert_null (hz_store_get (fixture->centre, "Patient", "c3-patient", NULL));
  g_assert_null (hz_store_get (fixture->centre, "EpisodeOfCare", CASE_ID, NULL));
  /* every reference points at her record here; it is as the centre had it */
  request_form = hz_store_get (fixture->centre, "QuestionnaireResponse", inbound->request_form_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (request_form), "subject.reference"), ==,
                   "Patient/yz-patient-5516");
  patient = hz_store_get (fixture->centre, "Patient", "yz-patient-5516", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (patient), "meta.versionId"), ==, "1");
  {
    g_autoptr(HzResource) condition = hz_store_get (fixture->centre, "Condition", "c3-cond-gdm", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (condition), "subject.reference"), ==,
                     "Patient/yz-patient-5516");
  }
  /* the weight typed keeps its digits on the way */
  g_assert_nonnull (strstr (text, "\"valueDecimal\": 78.50"));
  {
    g_autoptr(HzResource) form = hz_store_get (fixture->centre, "QuestionnaireResponse", inbound->request_form_id, NULL);
    g_autofree char *stored = hz_resource_to_string (form);

    g_assert_nonnull (strstr (stored, "\"valueDecimal\":78.50"));
  }

  /* a second import adds nothing */
  g_assert_false (hz_referral_import (fixture->centre, text, length, "out.json", NULL, &error));
  g_assert_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* the answer goes back to the county's case, under the county's ids */
  g_assert_true (hz_referral_set_status (fixture->centre, task_id, HZ_REFERRAL_ACCEPTED, NULL, &error));
  answer = hz_referral_export (fixture->centre, task_id, NULL, &length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (answer, "Patient/yz-patient-5516"));
  g_assert_true (hz_referral_import (fixture->county, answer, length, "answer.json", NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(HzReferral) back = hz_referral_get (fixture->county, task_id, NULL, &error);
    g_autoptr(GPtrArray) county_cases = hz_store_list_cases (fixture->county, &error);
    g_autoptr(HzResource) task = hz_store_get (fixture->county, "Task", task_id, &error);

    g_assert_cmpint (back->status, ==, HZ_REFERRAL_ACCEPTED);
    g_assert_cmpstr (back->case_id, ==, CASE_ID);
    g_assert_cmpuint (county_cases->len, ==, 1);
    g_assert_null (hz_store_get (fixture->county, "Patient", "yz-patient-5516", NULL));
    g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (task), "for.reference"), ==, "Patient/c3-patient");
  }
}

/* A patient with no 身份证号 match comes in as a new case */
static void
test_import_new_case (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *task_id = create_referral (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(HzReferral) inbound = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  hz_test_import_json (fixture->centre,
                       "{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": ["
                       " {\"resource\": {\"resourceType\": \"Patient\", \"id\": \"yz-other\","
                       "  \"identifier\": [{\"system\": \"urn:oid:2.16.156.10011.1.3\", \"value\": \"11010519491231002X\"}]},"
                       "  \"request\": {\"method\": \"PUT\", \"url\": \"Patient/yz-other\"}},"
                       " {\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"yz-other-episode\", \"status\": \"active\","
                       "  \"patient\": {\"reference\": \"Patient/yz-other\"}},"
                       "  \"request\": {\"method\": \"PUT\", \"url\": \"EpisodeOfCare/yz-other-episode\"}}]}");
  text = hz_referral_export (fixture->county, task_id, NULL, &length, &error);
  g_assert_no_error (error);
  g_assert_true (hz_referral_import (fixture->centre, text, length, "out.json", NULL, &error));
  g_assert_no_error (error);
  inbound = hz_referral_get (fixture->centre, task_id, NULL, &error);
  g_assert_cmpstr (inbound->case_id, ==, CASE_ID);
}

/* ------------------------------------------------------------------ */
/* HTTP send, to a FHIR endpoint played by a SoupServer */

typedef struct
{
  guint   status;        /* what the server answers */
  char   *outcome;       /* an OperationOutcome body, or NULL */
  char   *content_type;  /* what it received */
  char   *authorization;
  char   *body;
  char   *path;
  guint   n_requests;
} Endpoint;

static void
endpoint_cb (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Endpoint *endpoint = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  endpoint->n_requests++;
  g_free (endpoint->content_type);
  endpoint->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  g_free (endpoint->authorization);
  endpoint->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  g_free (endpoint->body);
  endpoint->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_free (endpoint->path);
  endpoint->path = g_strdup (path);
  soup_server_message_set_status (message, endpoint->status, NULL);
  if (endpoint->outcome != NULL)
    soup_server_message_set_response (message, "application/fhir+json", SOUP_MEMORY_COPY,
                                      endpoint->outcome, strlen (endpoint->outcome));
}

static void
endpoint_clear (Endpoint *endpoint)
{
  g_free (endpoint->outcome);
  g_free (endpoint->content_type);
  g_free (endpoint->authorization);
  g_free (endpoint->body);
  g_free (endpoint->path);
}

/* A server on a free port of the loopback; its base URL */
static SoupServer *
endpoint_start (Endpoint  *endpoint,
                char     **out_url)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  GSList *uris;

  soup_server_add_handler (server, "/fhir", endpoint_cb, endpoint, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  {
    g_autofree char *base = g_uri_to_string (uris->data);

    *out_url = g_strdup_printf ("%sfhir", base);
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  guint     status;
  GError   *error;
} Sent;

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Sent *sent = user_data;

  sent->ok = hz_referral_send_finish (result, &sent->status, &sent->error);
  sent->done = TRUE;
}

static void
send_and_wait (HzStore    *store,
               const char *task_id,
               const char *url,
               const char *token,
               Sent       *sent)
{
  memset (sent, 0, sizeof *sent);
  hz_referral_send_async (store, task_id, url, token, NULL, on_sent, sent);
  while (!sent->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_send (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *task_id = create_referral (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *closed_url = NULL;
  Endpoint endpoint = { SOUP_STATUS_OK, NULL, };
  Sent sent;
  gsize length = 0;

  g_assert_true (hz_referral_set_status (fixture->county, task_id, HZ_REFERRAL_REQUESTED, NULL, &error));
  server = endpoint_start (&endpoint, &url);

  /* what arrives is the Bundle the export writes, as FHIR JSON, with the token */
  send_and_wait (fixture->county, task_id, url, "s3cret", &sent);
  g_assert_no_error (sent.error);
  g_assert_true (sent.ok);
  g_assert_cmpuint (sent.status, ==, 200);
  g_assert_cmpuint (endpoint.n_requests, ==, 1);
  g_assert_cmpstr (endpoint.path, ==, "/fhir");
  g_assert_cmpstr (endpoint.content_type, ==, "application/fhir+json");
  g_assert_cmpstr (endpoint.authorization, ==, "Bearer s3cret");
  expected = hz_referral_export (fixture->county, task_id, NULL, &length, &error);
  g_assert_no_error (error);
  /* the same Bundle but for its own id and timestamp */
  g_assert_nonnull (strstr (endpoint.body, "\"entry\""));
  g_assert_true (strcmp (strstr (endpoint.body, "\"entry\""), strstr (expected, "\"entry\"")) == 0);
  /* the export is recorded, naming where it went */
  {
    g_autoptr(GPtrArray) events = hz_store_list_audit (fixture->county, NULL, 50, &error);
    guint n_sent = 0;

    for (guint i = 0; i < events->len; i++)
      {
        const HzJv *event = hz_resource_get_value (g_ptr_array_index (events, i));

        n_sent += g_strcmp0 (hz_jv_get_path_string (hz_jv_get_object_element (event, "subtype", 0), "code"), "export") == 0 &&
                  g_strcmp0 (hz_jv_get_string (hz_jv_get_object_element (event, "entity", 0), "description"), url) == 0;
      }
    g_assert_cmpuint (n_sent, ==, 1);
  }
  /* and it imports at the other end */
  g_assert_true (hz_referral_import (fixture->centre, endpoint.body, -1, url, NULL, &error));
  g_assert_no_error (error);

  /* without a token, no Authorization (the synchronous send is the CLI's:
   * test-referral-cli) */
  send_and_wait (fixture->county, task_id, url, NULL, &sent);
  g_assert_no_error (sent.error);
  g_assert_null (endpoint.authorization);

  /* refused: the status and what the OperationOutcome says */
  endpoint.status = 422;
  endpoint.outcome = g_strdup ("{\"resourceType\": \"OperationOutcome\", \"issue\": [{\"severity\": \"error\","
                               " \"code\": \"invalid\", \"details\": {\"text\": \"Task.owner is not this hospital\"}}]}");
  send_and_wait (fixture->county, task_id, url, NULL, &sent);
  g_assert_false (sent.ok);
  g_assert_error (sent.error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_SEND);
  {
    g_autofree char *message = g_strdup_printf ("“%s” refused the referral: 422 Unprocessable Entity: "
                                                "Task.owner is not this hospital", url);

    g_assert_cmpstr (sent.error->message, ==, message);
  }
  g_clear_error (&sent.error);
  endpoint.status = 503;
  g_clear_pointer (&endpoint.outcome, g_free);
  send_and_wait (fixture->county, task_id, url, NULL, &sent);
  {
    g_autofree char *message = g_strdup_printf ("“%s” refused the referral: 503 Service Unavailable", url);

    g_assert_cmpstr (sent.error->message, ==, message);
  }
  g_clear_error (&sent.error);

  /* unreachable: the server gone */
  closed_url = g_strdup (url);
  soup_server_disconnect (server);
  send_and_wait (fixture->county, task_id, closed_url, NULL, &sent);
  g_assert_false (sent.ok);
  g_assert_error (sent.error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_SEND);
  {
    g_autofree char *prefix = g_strdup_printf ("Could not reach “%s”: ", closed_url);

    g_assert_true (g_str_has_prefix (sent.error->message, prefix));
  }
  g_clear_error (&sent.error);

  /* not an address */
  g_assert_false (hz_referral_send (fixture->county, task_id, "ftp://example.org/", NULL, NULL, NULL, &error));
  g_assert_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_SEND);
  g_assert_cmpstr (error->message, ==, "“ftp://example.org/” is not an http:// or https:// address");
  endpoint_clear (&endpoint);
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autofree char *task_id = create_referral (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(HzForm) form = load_form ("consultation-opinion");
  g_autoptr(HzFormAnswers) answers = answers_from ("{" OPINION_GOOD "}");
  g_autofree char *request_pdf = g_build_filename (fixture->dir, "request.pdf", NULL);
  g_autofree char *opinion_pdf = g_build_filename (fixture->dir, "opinion.pdf", NULL);
  g_autofree char *png_root = g_build_filename (fixture->dir, "opinion", NULL);
  g_autofree char *png = g_build_filename (fixture->dir, "opinion-1.png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *opinion_text = NULL;
  g_autofree char *qr_id = NULL;
  g_autofree char *provenance_id = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean ok;

  g_assert_true (hz_referral_write_pdf (fixture->county, task_id, FALSE, request_pdf, &error));
  g_assert_no_error (error);
  text = hz_test_run_tool ((const char * const []) { "pdftotext", request_pdf, "-", NULL }, &ok);
  g_assert_true (ok);
  /* Chinese whatever the UI's language: the form's own texts */
  g_assert_nonnull (strstr (text, "临溪县人民医院"));
  g_assert_nonnull (strstr (text, "双向转诊单"));
  g_assert_nonnull (strstr (text, "转诊原因"));
  g_assert_nonnull (strstr (text, "血糖控制不佳"));
  g_assert_nonnull (strstr (text, "刘海燕"));
  g_assert_nonnull (strstr (text, "上转"));
  g_assert_nonnull (strstr (text, "第1页共2页"));
  g_assert_nonnull (strstr (text, "申请医生签名"));

  /* no opinion yet */
  g_assert_false (hz_referral_write_pdf (fixture->county, task_id, TRUE, opinion_pdf, &error));
  g_assert_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  qr_id = hz_referral_save_opinion (fixture->county, task_id, form, answers, FALSE, NULL, &error);
  provenance_id = hz_referral_sign_opinion (fixture->county, task_id, &error);
  g_assert_no_error (error);
  g_assert_true (hz_referral_opinion_is_signed (fixture->county, task_id, NULL, NULL, &hash, &error));
  g_assert_true (hz_referral_write_pdf (fixture->county, task_id, TRUE, opinion_pdf, &error));
  g_assert_no_error (error);
  opinion_text = hz_test_run_tool ((const char * const []) { "pdftotext", opinion_pdf, "-", NULL }, &ok);
  g_assert_true (ok);
  g_assert_nonnull (strstr (opinion_text, "会诊意见书"));
  g_assert_nonnull (strstr (opinion_text, "云州市妇幼保健院"));   /* the consultant's hospital */
  g_assert_nonnull (strstr (opinion_text, "会诊专家签名"));
  g_assert_nonnull (strstr (opinion_text, hash));
  g_assert_nonnull (strstr (opinion_text, "第1页共1页"));

  /* it renders: a PNG of the first page */
  g_free (hz_test_run_tool ((const char * const []) { "pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1",
                                              opinion_pdf, png_root, NULL }, &ok));
  g_assert_true (ok);
  g_file_get_contents (png, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 5000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
}

static void
test_document_pages (void)
{
  g_autoptr(HzDocument) document = hz_document_new ("测试医院", "测试文书");

  g_assert_cmpuint (hz_document_get_n_pages (document), ==, 1);
  for (guint i = 0; i < 60; i++)
    hz_document_add_field (document, "项目", "内容");
  g_assert_cmpuint (hz_document_get_n_pages (document), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/referral/id-card/check-digit", test_id_card_check_digit);
  g_test_add_func ("/referral/id-card/valid", test_id_card_valid);
  g_test_add_func ("/referral/phone", test_phone);
  g_test_add_func ("/referral/forms/load", test_forms_load);
  g_test_add_func ("/referral/forms/validate-referral", test_forms_validate_referral);
  g_test_add_func ("/referral/forms/validate-consultation", test_forms_validate_others);
  g_test_add_func ("/referral/status-machine", test_status_machine);
  g_test_add_func ("/referral/signature-hash", test_signature_hash);
  g_test_add_func ("/referral/document-pages", test_document_pages);
  g_test_add ("/referral/prefill", Fixture, NULL, fixture_set_up, test_prefill, fixture_tear_down);
  g_test_add ("/referral/down-after-delivery", Fixture, NULL, fixture_set_up, test_referral_down, fixture_tear_down);
  g_test_add ("/referral/flow", Fixture, NULL, fixture_set_up, test_flow, fixture_tear_down);
  g_test_add ("/referral/sign", Fixture, NULL, fixture_set_up, test_sign, fixture_tear_down);
  g_test_add ("/referral/exchange", Fixture, NULL, fixture_set_up, test_exchange, fixture_tear_down);
  g_test_add ("/referral/exchange-conflict", Fixture, NULL, fixture_set_up, test_exchange_conflict, fixture_tear_down);
  g_test_add ("/referral/import-bad", Fixture, NULL, fixture_set_up, test_import_bad, fixture_tear_down);
  g_test_add ("/referral/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/referral/import-links-case", Fixture, NULL, fixture_set_up, test_import_links_case, fixture_tear_down);
  g_test_add ("/referral/import-new-case", Fixture, NULL, fixture_set_up, test_import_new_case, fixture_tear_down);
  g_test_add ("/referral/send", Fixture, NULL, fixture_set_up, test_send, fixture_tear_down);

  return g_test_run ();
}
