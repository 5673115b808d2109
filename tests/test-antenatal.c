/* test-antenatal.c — the antenatal visit's checks and resources, the LMP and CRL entries
 *
 * Each typed field at the edges of its range; the resources of a visit
 * with their LOINC codes and exact values; an LMP correction is a new
 * version of the same Observation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <huizhen.h>

#include "hz-test-utils.h"

static const char bundle[] =
  "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
  "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"an-patient\", \"name\": [{\"text\": \"测试\"}]}},"
  "{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"an-lmp\", \"status\": \"final\","
  " \"code\": {\"coding\": [{\"system\": \"http://loinc.org\", \"code\": \"8665-2\"}]},"
  " \"effectiveDateTime\": \"2026-03-20\", \"valueDateTime\": \"2026-03-01\"}},"
  "{\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"an-case\", \"status\": \"active\","
  " \"patient\": {\"reference\": \"Patient/an-patient\"}}}]}";

static gboolean
set (HzVisit      *visit,
     HzVisitField  field,
     const char   *text,
     const char   *expected_error)
{
  g_autoptr(GError) error = NULL;
  GDate today;
  gboolean ok;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JUNE, 2026);
  ok = hz_visit_set_field (visit, field, text, &today, &error);
  if (expected_error == NULL)
    g_assert_no_error (error);
  else
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, expected_error);
      g_assert_false (visit->set & (1u << field));
    }
  return ok;
}

static void
test_fields (void)
{
  HzVisit visit;
  HzVisitField field;
  g_autoptr(GError) error = NULL;
  const char *weight = "Enter a weight from 30 to 200 kg, to 0.1 kg";
  const char *systolic = "Enter a systolic pressure from 60 to 260 mmHg";
  const char *diastolic = "Enter a diastolic pressure from 30 to 160 mmHg";
  const char *fundal = "Enter a fundal height from 5 to 50 cm, or leave it empty";
  const char *heart = "Enter a fetal heart rate from 50 to 240 beats/min, or leave it empty";

  hz_visit_init (&visit);
  g_assert_false (set (&visit, HZ_VISIT_FIELD_WEIGHT, "", "Enter the weight"));
  g_assert_false (set (&visit, HZ_VISIT_FIELD_WEIGHT, "29.9", weight));
  g_assert_false (set (&visit, HZ_VISIT_FIELD_WEIGHT, "200.1", weight));
  g_assert_false (set (&visit, HZ_VISIT_FIELD_WEIGHT, "62.45", weight));
  g_assert_false (set (&visit, HZ_VISIT_FIELD_WEIGHT, "sixty", weight));
  g_assert_false (set (&visit, HZ_VISIT_FIELD_WEIGHT, "-62", weight));
  g_assert_true (set (&visit, HZ_VISIT_FIELD_WEIGHT, "30", NULL));
  g_assert_true (set (&visit, HZ_VISIT_FIELD_WEIGHT, " 200.0 ", NULL));
  g_assert_cmpfloat (visit.weight_kg, ==, 200.0);

  g_assert_false (set (&visit, HZ_VISIT_FIELD_SYSTOLIC, "59", systolic));
  g_assert_false (set (&visit, HZ_VISIT_FIELD_SYSTOLIC, "120.5", systolic));
  g_assert_true (set (&visit, HZ_VISIT_FIELD_SYSTOLIC, "260", NULL));
  g_assert_true (set (&visit, HZ_VISIT_FIELD_SYSTOLIC, "60", NULL));
  g_assert_false (set (&visit, HZ_VISIT_FIELD_DIASTOLIC, "161", diastolic));
  g_assert_false (set (&visit, HZ_VISIT_FIELD_DIASTOLIC, "29", diastolic));
  g_assert_true (set (&visit, HZ_VISIT_FIELD_DIASTOLIC, "60", NULL));

  g_assert_true (set (&visit, HZ_VISIT_FIELD_FUNDAL_HEIGHT, "", NULL));
  g_assert_cmpfloat (visit.fundal_height_cm, <, 0);
  g_assert_false (set (&visit, HZ_VISIT_FIELD_FUNDAL_HEIGHT, "4.9", fundal));
  g_assert_true (set (&visit, HZ_VISIT_FIELD_FUNDAL_HEIGHT, "50", NULL));
  g_assert_true (set (&visit, HZ_VISIT_FIELD_FETAL_HEART, "", NULL));
  g_assert_cmpint (visit.fetal_heart_rate, <, 0);
  g_assert_false (set (&visit, HZ_VISIT_FIELD_FETAL_HEART, "241", heart));
  g_assert_false (set (&visit, HZ_VISIT_FIELD_FETAL_HEART, "140.5", heart));
  g_assert_true (set (&visit, HZ_VISIT_FIELD_FETAL_HEART, "50", NULL));

  g_assert_false (set (&visit, HZ_VISIT_FIELD_NEXT_VISIT, "", "Enter the date of the next visit"));
  g_assert_false (set (&visit, HZ_VISIT_FIELD_NEXT_VISIT, "2026-06-14", "The next visit cannot be in the past"));
  g_assert_false (set (&visit, HZ_VISIT_FIELD_NEXT_VISIT, "2026-6-20", "Enter the next visit as a date, YYYY-MM-DD"));
  g_assert_false (set (&visit, HZ_VISIT_FIELD_NEXT_VISIT, "2026-02-30", "Enter the next visit as a date, YYYY-MM-DD"));
  /* 15 June + 181 days */
  g_assert_false (set (&visit, HZ_VISIT_FIELD_NEXT_VISIT, "2026-12-13", "The next visit must be within 180 days"));
  g_assert_true (set (&visit, HZ_VISIT_FIELD_NEXT_VISIT, "2026-12-12", NULL));
  g_assert_true (set (&visit, HZ_VISIT_FIELD_NEXT_VISIT, "2026-06-15", NULL));

  /* across fields: the diastolic (60) is not below the systolic (60) */
  g_assert_false (hz_visit_check (&visit, &field, &error));
  g_assert_cmpint (field, ==, HZ_VISIT_FIELD_DIASTOLIC);
  g_assert_cmpstr (error->message, ==, "The diastolic pressure must be below the systolic");
  g_clear_error (&error);
  g_assert_true (set (&visit, HZ_VISIT_FIELD_SYSTOLIC, "61", NULL));
  g_assert_true (hz_visit_check (&visit, NULL, &error));
  g_assert_no_error (error);

  /* a required field missing */
  g_assert_false (set (&visit, HZ_VISIT_FIELD_WEIGHT, "abc", weight));
  g_assert_false (hz_visit_check (&visit, &field, &error));
  g_assert_cmpint (field, ==, HZ_VISIT_FIELD_WEIGHT);
}

static void
test_resources (void)
{
  g_autofree char *dir = hz_test_make_tmp_dir ("hz-test-antenatal-XXXXXX");
  g_autoptr(HzActor) actor = hz_actor_new ("王蕾", HZ_TEAM_OBSTETRICS, "主治医师", "云州市妇幼保健院");
  g_autoptr(HzStore) store = hz_test_store_new (dir, actor);
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 ("2026-06-15T09:30:00+08:00", NULL);
  g_autofree char *encounter_ref = NULL;
  HzVisit visit;
  GDate today;
  JsonObject *o;

  hz_test_import_json (store, bundle);
  kase = hz_case_load (store, "an-case", &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JUNE, 2026);

  hz_visit_init (&visit);
  g_assert_true (hz_visit_set_field (&visit, HZ_VISIT_FIELD_WEIGHT, "62.3", &today, NULL));
  g_assert_true (hz_visit_set_field (&visit, HZ_VISIT_FIELD_SYSTOLIC, "124", &today, NULL));
  g_assert_true (hz_visit_set_field (&visit, HZ_VISIT_FIELD_DIASTOLIC, "78", &today, NULL));
  g_assert_true (hz_visit_set_field (&visit, HZ_VISIT_FIELD_FUNDAL_HEIGHT, "24.5", &today, NULL));
  g_assert_true (hz_visit_set_field (&visit, HZ_VISIT_FIELD_FETAL_HEART, "", &today, NULL));
  g_assert_true (hz_visit_set_field (&visit, HZ_VISIT_FIELD_NEXT_VISIT, "2026-06-29", &today, NULL));
  visit.oedema = HZ_OEDEMA_TWO;
  visit.urine_protein = HZ_URINE_PROTEIN_NEGATIVE;
  g_assert_true (hz_visit_check (&visit, NULL, NULL));

  resources = hz_visit_build_resources (kase, &visit, when);
  /* Encounter, weight, BP, fundal height, oedema, protein (no FHR), Appointment */
  g_assert_cmpuint (resources->len, ==, 7);
  o = resources->pdata[0];
  g_assert_cmpstr (json_object_get_string_member (o, "resourceType"), ==, "Encounter");
  encounter_ref = g_strdup (json_object_get_string_member (o, "id"));
  g_assert_true (g_str_has_prefix (encounter_ref, "visit-"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "class"), "code"), ==, "AMB");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "period"), "start"), ==,
                   "2026-06-15T09:30:00.000+08:00");

  /* all of it in one transaction, read back from the store */
  g_assert_true (hz_store_put_all (store, "an-case", resources, &error));
  g_assert_no_error (error);
  {
    g_autoptr(HzCase) after = hz_case_load (store, "an-case", &error);
    g_autoptr(GPtrArray) weights = hz_case_find_observations (after, HZ_LOINC_BODY_WEIGHT);
    g_autoptr(GPtrArray) bps = hz_case_find_observations (after, HZ_LOINC_BP_PANEL);
    g_autoptr(GPtrArray) fundal = hz_case_find_observations (after, HZ_LOINC_FUNDAL_HEIGHT);
    g_autoptr(GPtrArray) oedema = hz_case_find_observations (after, HZ_LOINC_OEDEMA);
    g_autoptr(GPtrArray) protein = hz_case_find_observations (after, HZ_LOINC_URINE_PROTEIN);
    g_autoptr(GPtrArray) heart = hz_case_find_observations (after, HZ_LOINC_FETAL_HEART_RATE);
    GListModel *appointments = hz_case_get_resources (after, "Appointment");
    g_autoptr(HzResource) appointment = g_list_model_get_item (appointments, 0);
    g_autofree char *weight_text = NULL;
    g_autofree char *expected_encounter = g_strdup_printf ("Encounter/%s", encounter_ref);
    const HzJv *bp;

    g_assert_cmpuint (weights->len, ==, 1);
    weight_text = hz_resource_to_string (weights->pdata[0]);
    g_assert_nonnull (strstr (weight_text, "\"valueQuantity\":{\"value\":62.3,\"unit\":\"kg\""));
    g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (weights->pdata[0]), "encounter.reference"), ==,
                     expected_encounter);
    bp = hz_resource_get_value (bps->pdata[0]);
    g_assert_cmpstr (hz_jv_get_path_string (hz_jv_get_element (hz_jv_get_array (bp, "component"), 0),
                                            "valueQuantity.code"), ==, "mm[Hg]");
    {
      g_autofree char *bp_text = hz_resource_to_string (bps->pdata[0]);

      g_assert_nonnull (strstr (bp_text, "\"code\":\"8480-6\""));
      g_assert_nonnull (strstr (bp_text, "{\"value\":124,\"unit\":\"mmHg\""));
      g_assert_nonnull (strstr (bp_text, "\"code\":\"8462-4\""));
      g_assert_nonnull (strstr (bp_text, "{\"value\":78,\"unit\":\"mmHg\""));
    }
    g_assert_cmpuint (fundal->len, ==, 1);
    g_assert_cmpuint (heart->len, ==, 0);
    g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (oedema->pdata[0]), "valueCodeableConcept.text"), ==, "++");
    g_assert_cmpstr (hz_fhir_jv_get_concept_code (hz_resource_get_value (oedema->pdata[0]), "valueCodeableConcept",
                                                  HZ_SYSTEM_SNOMED), ==, "421605005");
    g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (protein->pdata[0]), "valueCodeableConcept.text"), ==, "−");
    g_assert_cmpstr (hz_fhir_jv_get_concept_code (hz_resource_get_value (protein->pdata[0]), "valueCodeableConcept",
                                                  HZ_SYSTEM_SNOMED), ==, "260385009");
    g_assert_cmpstr (hz_fhir_jv_get_team_tag (hz_resource_get_value (protein->pdata[0])), ==, "obstetrics");
    g_assert_true (g_str_has_prefix (hz_jv_get_string (hz_resource_get_value (appointment), "start"),
                                     "2026-06-29T08:30:00"));
    g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (appointment), "status"), ==, "booked");
  }

  g_clear_object (&kase);
  g_clear_object (&store);
  hz_test_remove_tree (dir);
}

static void
test_dating_entries (void)
{
  g_autofree char *dir = hz_test_make_tmp_dir ("hz-test-antenatal-XXXXXX");
  g_autoptr(HzActor) actor = hz_actor_new ("王蕾", HZ_TEAM_OBSTETRICS, NULL, NULL);
  g_autoptr(HzStore) store = hz_test_store_new (dir, actor);
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(HzCase) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 ("2026-06-15T09:30:00+08:00", NULL);
  g_autoptr(JsonObject) lmp = NULL;
  g_autoptr(JsonObject) crl = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  GDate today, date;
  HzDating dating;

  hz_test_import_json (store, bundle);
  kase = hz_case_load (store, "an-case", &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JUNE, 2026);
  g_date_clear (&date, 1);

  /* an LMP in the future, or beyond 44 weeks: refused */
  g_date_set_dmy (&date, 16, G_DATE_JUNE, 2026);
  g_assert_null (hz_dating_new_lmp_observation (kase, &date, NULL, &today, when, &error));
  g_assert_cmpstr (error->message, ==, "The last menstrual period cannot be in the future");
  g_clear_error (&error);
  g_date_set_dmy (&date, 9, G_DATE_AUGUST, 2025);   /* 310 days before */
  g_assert_null (hz_dating_new_lmp_observation (kase, &date, NULL, &today, when, &error));
  g_clear_error (&error);

  /* a correction: the same Observation, its next version */
  g_date_set_dmy (&date, 5, G_DATE_MARCH, 2026);
  lmp = hz_dating_new_lmp_observation (kase, &date, hz_case_lookup (kase, "Observation/an-lmp"),
                                       &today, when, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (lmp, "id"), ==, "an-lmp");
  g_assert_cmpstr (json_object_get_string_member (lmp, "status"), ==, "corrected");
  g_assert_cmpstr (json_object_get_string_member (lmp, "valueDateTime"), ==, "2026-03-05");
  g_assert_true (hz_store_put (store, "an-case", lmp, &error));
  g_assert_no_error (error);
  versions = hz_store_history (store, "Observation", "an-lmp", &error);
  g_assert_cmpuint (versions->len, ==, 2);

  /* a CRL out of range, or scanned in the future: refused */
  g_date_set_dmy (&date, 10, G_DATE_JUNE, 2026);
  g_assert_null (hz_dating_new_crl_observation (kase, 6.9, &date, NULL, &today, when, &error));
  g_assert_cmpstr (error->message, ==, "Enter a CRL from 7 to 84 mm");
  g_clear_error (&error);
  g_date_set_dmy (&date, 16, G_DATE_JUNE, 2026);
  g_assert_null (hz_dating_new_crl_observation (kase, 45, &date, NULL, &today, when, &error));
  g_assert_cmpstr (error->message, ==, "The scan date cannot be in the future");
  g_clear_error (&error);
  g_date_set_dmy (&date, 20, G_DATE_APRIL, 2026);
  crl = hz_dating_new_crl_observation (kase, 45, &date, NULL, &today, when, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (crl, "effectiveDateTime"), ==, "2026-04-20");
  g_assert_true (hz_store_put (store, "an-case", crl, &error));
  g_assert_no_error (error);

  /* the dating follows: CRL 45 mm on 20 April is 11+0 (Robinson); the LMP
   * of 5 March gives 6+4 that day: more than 7 days apart before 14
   * weeks, so the CRL dates, the LMP kept beside it */
  after = hz_case_load (store, "an-case", &error);
  g_assert_no_error (error);
  hz_case_get_dating (after, &dating);
  g_assert_cmpint (dating.method, ==, HZ_DATING_CRL);
  g_assert_true (dating.has_reported_lmp);
  g_assert_cmpint (g_date_get_day (&dating.reported_lmp), ==, 5);
  g_assert_cmpint (dating.crl_ga_days, ==, hz_ga_days_from_crl (45));

  g_clear_object (&after);
  g_clear_object (&kase);
  g_clear_object (&store);
  hz_test_remove_tree (dir);
}

/* The delivery form's fields: the birth time against now and the dating,
 * the ranges, the required ones */
static void
test_delivery_fields (void)
{
  g_autofree char *dir = hz_test_make_tmp_dir ("hz-test-antenatal-XXXXXX");
  g_autoptr(HzActor) actor = hz_actor_new ("王蕾", HZ_TEAM_OBSTETRICS, "主治医师", "云州市妇幼保健院");
  g_autoptr(HzStore) store = hz_test_store_new (dir, actor);
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 1, 10, 0, 0);
  g_autoptr(GError) error = NULL;
  HzDeliveryField field;
  HzDelivery delivery;
  static const struct {
    HzDeliveryField field;
    const char *text;
    const char *error;
  } cases[] = {
    { HZ_DELIVERY_FIELD_TIME, "", "Enter the time of birth" },
    { HZ_DELIVERY_FIELD_TIME, "2026-11-30", "Enter the time of birth as YYYY-MM-DD HH:MM" },
    { HZ_DELIVERY_FIELD_TIME, "2026-11-30 24:00", "Enter the time of birth as YYYY-MM-DD HH:MM" },
    { HZ_DELIVERY_FIELD_TIME, "2026-02-30 10:00", "Enter the time of birth as YYYY-MM-DD HH:MM" },
    { HZ_DELIVERY_FIELD_TIME, "2026-12-01 10:01", "The time of birth cannot be in the future" },
    /* LMP 2026-03-01: 19+6 on 2026-07-18 */
    { HZ_DELIVERY_FIELD_TIME, "2026-07-18 08:00", "At 19w6d this is a pregnancy loss, not a birth: record it on the reproductive page" },
    { HZ_DELIVERY_FIELD_TIME, "2026-07-19 08:00", NULL },
    { HZ_DELIVERY_FIELD_TIME, "2026-11-30T23:59", NULL },
    { HZ_DELIVERY_FIELD_BIRTH_WEIGHT, "", "Enter the birth weight" },
    { HZ_DELIVERY_FIELD_BIRTH_WEIGHT, "299", "Enter a birth weight from 300 to 7000 g" },
    { HZ_DELIVERY_FIELD_BIRTH_WEIGHT, "3150.5", "Enter a birth weight from 300 to 7000 g" },
    { HZ_DELIVERY_FIELD_BIRTH_WEIGHT, "7000", NULL },
    { HZ_DELIVERY_FIELD_APGAR_1, "11", "Enter the 1-minute Apgar score, 0 to 10, or leave it empty" },
    { HZ_DELIVERY_FIELD_APGAR_5, "-1", "Enter the 5-minute Apgar score, 0 to 10, or leave it empty" },
    { HZ_DELIVERY_FIELD_APGAR_5, "0", NULL },
    { HZ_DELIVERY_FIELD_APGAR_1, "", NULL },
  };

  hz_test_import_json (store, bundle);
  kase = hz_case_load (store, "an-case", &error);
  g_assert_no_error (error);

  hz_delivery_init (&delivery);
  g_assert_false (hz_delivery_check (&delivery, &field, &error));
  g_assert_cmpint (field, ==, HZ_DELIVERY_FIELD_TIME);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean ok = hz_delivery_set_field (&delivery, cases[i].field, cases[i].text, kase, now, &error);

      if (cases[i].error == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_true (delivery.set & (1u << cases[i].field));
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
          g_assert_cmpstr (error->message, ==, cases[i].error);
          g_assert_false (delivery.set & (1u << cases[i].field));
          g_clear_error (&error);
        }
    }
  g_assert_cmpint (delivery.birth_weight_g, ==, 7000);
  g_assert_cmpint (delivery.apgar_1, ==, -1);
  g_assert_cmpint (delivery.apgar_5, ==, 0);
  g_assert_true (hz_delivery_check (&delivery, NULL, &error));

  /* the resources, read back: exact values and the links between them */
  delivery.birth_weight_g = 3150;
  delivery.sex = HZ_NEWBORN_MALE;
  delivery.link = HZ_NEWBORN_LINK_NICU;
  {
    g_autoptr(GPtrArray) resources = hz_delivery_build_resources (kase, &delivery, now);
    g_autoptr(HzCase) after = NULL;
    g_autoptr(GPtrArray) newborns = NULL;
    g_autoptr(GPtrArray) weights = NULL;
    g_autoptr(GPtrArray) deliveries = NULL;
    g_autofree char *text = NULL;
    g_autoptr(HzResource) task = NULL;
    const HzJv *newborn;

    /* delivery, newborn, birth weight, 5-minute Apgar, ServiceRequest, Task */
    g_assert_cmpuint (resources->len, ==, 6);
    g_assert_true (hz_store_put_all (store, "an-case", resources, &error));
    g_assert_no_error (error);
    after = hz_case_load (store, "an-case", &error);
    g_assert_no_error (error);
    deliveries = hz_case_find_observations (after, HZ_LOINC_DELIVERY_DATE);
    g_assert_cmpuint (deliveries->len, ==, 1);
    g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (deliveries->pdata[0]), "valueDateTime"), ==,
                     "2026-11-30T23:59:00+08:00");
    newborns = hz_case_find_newborns (after);
    g_assert_cmpuint (newborns->len, ==, 1);
    newborn = hz_resource_get_value (newborns->pdata[0]);
    g_assert_cmpstr (hz_jv_get_string (newborn, "gender"), ==, "male");
    g_assert_cmpstr (hz_jv_get_string (newborn, "birthDate"), ==, "2026-11-30");
    g_assert_cmpstr (hz_jv_get_path_string (hz_jv_get_element (hz_jv_get_array (newborn, "name"), 0), "text"), ==,
                     "Son of 测试");
    /* the mother is still the case's patient */
    g_assert_cmpstr (hz_resource_get_reference (hz_case_get_patient (after)), ==, "Patient/an-patient");
    weights = hz_case_find_observations (after, HZ_LOINC_BIRTH_WEIGHT);
    g_assert_cmpuint (weights->len, ==, 1);
    text = hz_resource_to_string (weights->pdata[0]);
    g_assert_nonnull (strstr (text, "\"valueQuantity\":{\"value\":3150,\"unit\":\"g\""));
    g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (weights->pdata[0]), "subject.reference"), ==,
                     hz_resource_get_reference (newborns->pdata[0]));
    task = g_list_model_get_item (hz_case_get_resources (after, "Task"), 0);
    g_assert_cmpstr (hz_fhir_jv_get_concept_code (hz_resource_get_value (task), "code", HZ_SYSTEM_TASK_CODE), ==,
                     HZ_TASK_NEWBORN_NICU);
    g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (task), "owner.display"), ==, "新生儿科（NICU）");
    /* NICU: handed over within 2 h */
    g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (task), "restriction.period.end"), ==,
                     "2026-12-01T12:00:00.000+08:00");
  }
  hz_delivery_clear (&delivery);
  g_clear_object (&kase);
  g_clear_object (&store);
  hz_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* the hospital's zone: the birth times below are typed in it */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/huizhen/antenatal/fields", test_fields);
  g_test_add_func ("/huizhen/antenatal/resources", test_resources);
  g_test_add_func ("/huizhen/antenatal/dating-entries", test_dating_entries);
  g_test_add_func ("/huizhen/antenatal/delivery", test_delivery_fields);

  return g_test_run ();
}
