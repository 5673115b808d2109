/* test-reproductive.c — recurrent pregnancy loss, the work-up and the ART record (libhuizhen)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <huizhen.h>

#include "hz-json-doc-private.h"

#include "hz-test-utils.h"

#define RSA_SOURCE "Expert consensus on diagnosis and treatment of recurrent spontaneous abortion (2022)"

static HzPregnancyOutcome
outcome (HzPregnancyOutcomeKind kind,
         int                    year,
         int                    month,
         int                    weeks,
         int                    days)
{
  HzPregnancyOutcome o = { kind, { 0, }, weeks < 0 ? -1 : weeks * 7 + days };

  g_date_clear (&o.date, 1);
  g_date_set_dmy (&o.date, 1, month, year);
  return o;
}

#define MISSED(y, m, w, d)  outcome (HZ_OUTCOME_MISSED_MISCARRIAGE, y, m, w, d)
#define SPONT(y, m, w, d)   outcome (HZ_OUTCOME_SPONTANEOUS_MISCARRIAGE, y, m, w, d)
#define BIRTH(y, m, w, d)   outcome (HZ_OUTCOME_LIVE_BIRTH, y, m, w, d)

static void
evaluate (const HzPregnancyOutcome *list,
          guint                     n,
          HzRsaResult              *result)
{
  hz_rsa_evaluate (list, n, result);
  g_assert_cmpstr (result->source, ==, RSA_SOURCE);
}

static void
test_rsa_consecutive (void)
{
  /* 2 consecutive losses < 28 weeks: met, on the second */
  HzPregnancyOutcome two[] = { MISSED (2024, 3, 8, 0), MISSED (2025, 8, 9, 2) };
  /* given in any order: sorted by date */
  HzPregnancyOutcome reversed[] = { MISSED (2025, 8, 9, 2), MISSED (2024, 3, 8, 0) };
  /* one loss is not recurrent */
  HzPregnancyOutcome one[] = { SPONT (2024, 3, 8, 0) };
  /* a biochemical pregnancy counts (the 2022 consensus includes it) */
  HzPregnancyOutcome biochemical[] = { outcome (HZ_OUTCOME_BIOCHEMICAL_PREGNANCY, 2024, 1, 4, 5),
                                       SPONT (2024, 9, 7, 0) };
  HzRsaResult r;
  g_autofree char *text = NULL;

  evaluate (two, G_N_ELEMENTS (two), &r);
  g_assert_cmpint (r.status, ==, HZ_RSA_MET);
  g_assert_cmpuint (r.consecutive, ==, 2);
  g_assert_cmpuint (r.n_losses, ==, 2);
  g_assert_cmpint (g_date_get_year (&r.met_on), ==, 2025);
  text = hz_rsa_result_describe (&r);
  g_assert_cmpstr (text, ==, "Recurrent pregnancy loss: 2 consecutive losses before 28 weeks");

  evaluate (reversed, G_N_ELEMENTS (reversed), &r);
  g_assert_cmpint (r.status, ==, HZ_RSA_MET);
  g_assert_cmpint (g_date_get_year (&r.met_on), ==, 2025);

  evaluate (one, G_N_ELEMENTS (one), &r);
  g_assert_cmpint (r.status, ==, HZ_RSA_NOT_MET);
  g_assert_cmpuint (r.consecutive, ==, 1);

  evaluate (biochemical, G_N_ELEMENTS (biochemical), &r);
  g_assert_cmpint (r.status, ==, HZ_RSA_MET);

  evaluate (NULL, 0, &r);
  g_assert_cmpint (r.status, ==, HZ_RSA_NOT_MET);
  g_clear_pointer (&text, g_free);
  text = hz_rsa_result_describe (&r);
  g_assert_cmpstr (text, ==, "No pregnancy loss recorded");
}

static void
test_rsa_live_birth_between (void)
{
  /* loss, live birth, loss: not consecutive */
  HzPregnancyOutcome list[] = { SPONT (2020, 5, 7, 0), BIRTH (2021, 9, 39, 2), SPONT (2024, 2, 8, 0) };
  /* an ectopic pregnancy between neither counts nor breaks the run */
  HzPregnancyOutcome ectopic[] = { SPONT (2022, 5, 7, 0),
                                   outcome (HZ_OUTCOME_ECTOPIC_PREGNANCY, 2023, 1, 6, 0),
                                   SPONT (2024, 2, 8, 0) };
  HzRsaResult r;

  evaluate (list, G_N_ELEMENTS (list), &r);
  g_assert_cmpint (r.status, ==, HZ_RSA_NOT_MET);
  g_assert_cmpuint (r.consecutive, ==, 1);
  g_assert_cmpuint (r.n_losses, ==, 2);

  evaluate (ectopic, G_N_ELEMENTS (ectopic), &r);
  g_assert_cmpint (r.status, ==, HZ_RSA_MET);
  g_assert_cmpuint (r.n_losses, ==, 2);
}

static void
test_rsa_28_weeks (void)
{
  /* 27+6 counts, 28+0 does not (and breaks the run) */
  HzPregnancyOutcome before[] = { SPONT (2022, 1, 27, 6), SPONT (2023, 1, 10, 0) };
  HzPregnancyOutcome at28[] = { outcome (HZ_OUTCOME_STILLBIRTH, 2022, 1, 28, 0), SPONT (2023, 1, 10, 0) };
  HzPregnancyOutcome broken[] = { SPONT (2021, 1, 9, 0), outcome (HZ_OUTCOME_STILLBIRTH, 2022, 1, 28, 0),
                                  SPONT (2023, 1, 10, 0) };
  HzRsaResult r;

  evaluate (before, G_N_ELEMENTS (before), &r);
  g_assert_cmpint (r.status, ==, HZ_RSA_MET);

  evaluate (at28, G_N_ELEMENTS (at28), &r);
  g_assert_cmpint (r.status, ==, HZ_RSA_NOT_MET);
  g_assert_cmpuint (r.n_losses, ==, 1);

  evaluate (broken, G_N_ELEMENTS (broken), &r);
  g_assert_cmpint (r.status, ==, HZ_RSA_NOT_MET);
  g_assert_cmpuint (r.consecutive, ==, 1);
}

static void
test_rsa_unknown_ga (void)
{
  /* a loss of unknown GA is said, not taken as < 28 weeks nor as fine */
  HzPregnancyOutcome list[] = { SPONT (2022, 1, 8, 0), SPONT (2023, 6, -1, 0) };
  /* and not needed when two known ones are consecutive already */
  HzPregnancyOutcome known[] = { SPONT (2021, 1, 8, 0), SPONT (2022, 1, 9, 0), SPONT (2023, 6, -1, 0) };
  HzRsaResult r;
  g_autofree char *text = NULL;

  evaluate (list, G_N_ELEMENTS (list), &r);
  g_assert_cmpint (r.status, ==, HZ_RSA_UNKNOWN);
  g_assert_cmpuint (r.consecutive, ==, 1);
  g_assert_cmpuint (r.possible, ==, 2);
  g_assert_cmpuint (r.n_unknown_ga, ==, 1);
  text = hz_rsa_result_describe (&r);
  g_assert_cmpstr (text, ==, "Possibly recurrent pregnancy loss: the gestational age of 1 loss is not recorded");

  evaluate (known, G_N_ELEMENTS (known), &r);
  g_assert_cmpint (r.status, ==, HZ_RSA_MET);
}

static HzJsonDoc *
parse (const char *json,
       HzJv      **root)
{
  g_autoptr(GError) error = NULL;
  HzJsonDoc *doc = hz_json_doc_parse (g_strdup (json), strlen (json), &error);

  g_assert_no_error (error);
  *root = hz_json_doc_get_root (doc);
  return doc;
}

static void
test_outcome_read (void)
{
  static const char loss[] =
    "{\"resourceType\": \"Condition\", \"id\": \"l1\","
    " \"extension\": [{\"url\": \"" HZ_EXTENSION_GA_AT_OUTCOME "\","
    "   \"valueQuantity\": {\"value\": 65, \"unit\": \"d\", \"system\": \"http://unitsofmeasure.org\", \"code\": \"d\"}}],"
    " \"clinicalStatus\": {\"coding\": [{\"system\": \"http://terminology.hl7.org/CodeSystem/condition-clinical\", \"code\": \"resolved\"}]},"
    " \"code\": {\"coding\": [{\"system\": \"http://hl7.org/fhir/sid/icd-10\", \"code\": \"O02.1\"},"
    "   {\"system\": \"" HZ_SYSTEM_PREGNANCY_OUTCOME "\", \"code\": \"missed-miscarriage\"}]},"
    " \"subject\": {\"reference\": \"Patient/p\"}, \"onsetDateTime\": \"2025-08-14\"}";
  static const char voided[] =
    "{\"resourceType\": \"Condition\", \"id\": \"l2\","
    " \"verificationStatus\": {\"coding\": [{\"code\": \"entered-in-error\"}]},"
    " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_PREGNANCY_OUTCOME "\", \"code\": \"stillbirth\"}]},"
    " \"onsetDateTime\": \"2025-08-14\"}";
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autoptr(HzJsonDoc) doc2 = NULL;
  HzPregnancyOutcome o;
  HzJv *root;

  doc = parse (loss, &root);
  g_assert_true (hz_pregnancy_outcome_read (root, &o));
  g_assert_cmpint (o.kind, ==, HZ_OUTCOME_MISSED_MISCARRIAGE);
  g_assert_cmpint (o.ga_days, ==, 65);  /* 9+2 */
  g_assert_cmpint (g_date_get_day (&o.date), ==, 14);
  g_assert_cmpstr (hz_pregnancy_outcome_get_icd10 (o.kind), ==, "O02.1");

  doc2 = parse (voided, &root);
  g_assert_false (hz_pregnancy_outcome_read (root, &o));

  g_assert_cmpint (hz_pregnancy_outcome_from_string ("live-birth"), ==, HZ_OUTCOME_LIVE_BIRTH);
  g_assert_cmpint (hz_pregnancy_outcome_from_string ("nonsense"), ==, HZ_OUTCOME_UNKNOWN);
}

static void
test_workup_and_transfer (void)
{
  static const char tsh[] =
    "{\"resourceType\": \"Observation\", \"id\": \"t\", \"status\": \"final\","
    " \"code\": {\"coding\": [{\"system\": \"http://loinc.org\", \"code\": \"3016-3\"}]}}";
  static const char karyotype[] =
    "{\"resourceType\": \"DiagnosticReport\", \"id\": \"k\", \"status\": \"final\","
    " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_RSA_WORKUP "\", \"code\": \"karyotype-female\"},"
    "  {\"system\": \"" HZ_SYSTEM_RSA_WORKUP "\", \"code\": \"karyotype-male\"}]}}";
  static const char transfer[] =
    "{\"resourceType\": \"Observation\", \"id\": \"et\", \"status\": \"final\","
    " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_HZ_OBSERVATION "\", \"code\": \"embryo-transfer\"}]},"
    " \"valueDateTime\": \"2026-12-28\","
    " \"component\": [{\"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_HZ_OBSERVATION "\", \"code\": \"embryo-age-days\"}]}, \"valueInteger\": 5},"
    "  {\"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_HZ_OBSERVATION "\", \"code\": \"art-method\"}]},"
    "   \"valueCodeableConcept\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_HZ_OBSERVATION "\", \"code\": \"ICSI\"}]}}]}";
  g_autoptr(HzJsonDoc) d1 = NULL;
  g_autoptr(HzJsonDoc) d2 = NULL;
  g_autoptr(HzJsonDoc) d3 = NULL;
  const char *method = NULL;
  GDate date;
  int age = 0;
  HzJv *root;

  d1 = parse (tsh, &root);
  g_assert_cmpuint (hz_workup_items_of_resource (root), ==, 1u << HZ_WORKUP_TSH);
  g_assert_false (hz_embryo_transfer_read (root, &date, &age, &method));

  d2 = parse (karyotype, &root);
  g_assert_cmpuint (hz_workup_items_of_resource (root), ==,
                    (1u << HZ_WORKUP_KARYOTYPE_FEMALE) | (1u << HZ_WORKUP_KARYOTYPE_MALE));

  d3 = parse (transfer, &root);
  g_assert_true (hz_embryo_transfer_read (root, &date, &age, &method));
  g_assert_cmpint (age, ==, 5);
  g_assert_cmpstr (method, ==, "ICSI");
  g_assert_cmpint (g_date_get_month (&date), ==, 12);
  g_assert_cmpuint (hz_workup_items_of_resource (root), ==, 0);

  for (guint i = 0; i < HZ_N_WORKUP_ITEMS; i++)
    {
      g_assert_nonnull (hz_workup_item_get_label (i));
      g_assert_nonnull (hz_workup_item_get_group (i));
    }
  g_assert_cmpstr (hz_workup_get_source (), ==, RSA_SOURCE);
}

int
main (int   argc,
      char *argv[])
{
  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/huizhen/reproductive/rsa-consecutive", test_rsa_consecutive);
  g_test_add_func ("/huizhen/reproductive/rsa-live-birth-between", test_rsa_live_birth_between);
  g_test_add_func ("/huizhen/reproductive/rsa-28-weeks", test_rsa_28_weeks);
  g_test_add_func ("/huizhen/reproductive/rsa-unknown-ga", test_rsa_unknown_ga);
  g_test_add_func ("/huizhen/reproductive/outcome-read", test_outcome_read);
  g_test_add_func ("/huizhen/reproductive/workup-and-transfer", test_workup_and_transfer);

  return g_test_run ();
}
