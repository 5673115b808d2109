/* test-risk-factors.c — the five-colour factors proposed from a case's data
 *
 * Every structured factor clinical-reference.md lists, at its boundary; the
 * highest-colour and purple-beside rules; re-grading keeps history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <huizhen.h>

#include "hz-test-utils.h"

/* The grading date of every case below */
#define GRADING_DATE 2026, G_DATE_JUNE, 15
#define LMP          "2026-03-01"   /* GA on the grading date: 15+1 */

typedef struct
{
  char    *dir;
  HzStore   *store;
  guint      n;
  GPtrArray *strings;   /* what fixture_printf() returned, freed at tear-down */
} Fixture;

static const char *fixture_printf (Fixture    *fixture,
                                   const char *format,
                                   ...) G_GNUC_PRINTF (2, 3);

/* A string that lives as long as the test */
static const char *
fixture_printf (Fixture    *fixture,
                const char *format,
                ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (fixture->strings, text);
  return text;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(HzActor) actor = hz_actor_new ("王蕾", HZ_TEAM_OBSTETRICS, "主治医师", "云州市妇幼保健院");

  fixture->strings = g_ptr_array_new_with_free_func (g_free);
  fixture->dir = hz_test_make_tmp_dir ("hz-test-risk-factors-XXXXXX");
  fixture->store = hz_test_store_new (fixture->dir, actor);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  hz_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->strings, g_ptr_array_unref);
}

/* Entries of a bundle, each ending in a comma */
static char *
quantity (const char *id,
          const char *loinc,
          const char *date,
          const char *value,
          const char *unit)
{
  return g_strdup_printf ("{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"%s\","
                          " \"status\": \"final\", \"code\": {\"coding\": [{\"system\": \"http://loinc.org\","
                          " \"code\": \"%s\"}]}, \"effectiveDateTime\": \"%s\","
                          " \"valueQuantity\": {\"value\": %s, \"unit\": \"%s\", \"code\": \"%s\","
                          " \"system\": \"http://unitsofmeasure.org\"}}},",
                          id, loinc, date, value, unit, unit);
}

static char *
condition (const char *id,
           const char *icd10,
           const char *clinical_status,
           const char *verification_status)
{
  return g_strdup_printf ("{\"resource\": {\"resourceType\": \"Condition\", \"id\": \"%s\","
                          " \"clinicalStatus\": {\"coding\": [{\"system\":"
                          " \"http://terminology.hl7.org/CodeSystem/condition-clinical\", \"code\": \"%s\"}]},"
                          " \"verificationStatus\": {\"coding\": [{\"system\":"
                          " \"http://terminology.hl7.org/CodeSystem/condition-ver-status\", \"code\": \"%s\"}]},"
                          " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_ICD10 "\", \"code\": \"%s\"}],"
                          " \"text\": \"诊断 %s\"}, \"recordedDate\": \"2026-04-01\"}},",
                          id, clinical_status, verification_status, icd10, icd10);
}

/* A case with a patient born on @birth (NULL: not recorded), dated by
 * LMP, and @entries (a string of entries each ending in a comma, or ""). */
static HzCase *
make_case (Fixture    *fixture,
           const char *birth,
           const char *entries)
{
  g_autofree char *id = g_strdup_printf ("case-%u", ++fixture->n);
  g_autofree char *birth_member = birth != NULL ? g_strdup_printf ("\"birthDate\": \"%s\",", birth)
                                                : g_strdup ("");
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  HzCase *kase;

  json = g_strdup_printf ("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [%s"
                          "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"p-%s\", %s"
                          " \"name\": [{\"text\": \"测试\"}]}},"
                          "{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"lmp-%s\","
                          " \"status\": \"final\", \"code\": {\"coding\": [{\"system\": \"http://loinc.org\","
                          " \"code\": \"" HZ_LOINC_LMP "\"}]}, \"effectiveDateTime\": \"2026-03-20\","
                          " \"valueDateTime\": \"" LMP "\"}},"
                          "{\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"%s\","
                          " \"status\": \"active\", \"patient\": {\"reference\": \"Patient/p-%s\"}}}]}",
                          entries, id, birth_member, id, id, id);
  hz_test_import_json (fixture->store, json);

  kase = hz_case_load (fixture->store, id, &error);
  g_assert_no_error (error);
  return kase;
}

static HzRiskProposal *
propose (HzCase *kase)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 15, G_DATE_JUNE, 2026);
  return hz_risk_propose (kase, &date);
}

static const HzRiskFactor *
find_factor (const HzRiskProposal *proposal,
             const char           *prefix)
{
  for (guint i = 0; i < proposal->factors->len; i++)
    {
      const HzRiskFactor *factor = g_ptr_array_index (proposal->factors, i);

      if (g_str_has_prefix (factor->code, prefix))
        return factor;
    }
  return NULL;
}

/* --- age --------------------------------------------------------------------- */

static void
test_age_on (void)
{
  GDate birth, date;

  g_date_clear (&birth, 1);
  g_date_clear (&date, 1);

  g_date_set_dmy (&birth, 15, G_DATE_JUNE, 1991);
  g_date_set_dmy (&date, 14, G_DATE_JUNE, 2026);
  g_assert_cmpint (hz_risk_age_on (&birth, &date), ==, 34);
  g_date_set_dmy (&date, 15, G_DATE_JUNE, 2026);
  g_assert_cmpint (hz_risk_age_on (&birth, &date), ==, 35);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1990);
  g_assert_cmpint (hz_risk_age_on (&birth, &date), ==, -1);

  /* Born on 29 February: the year is completed on 1 March of a common year */
  g_date_set_dmy (&birth, 29, G_DATE_FEBRUARY, 1988);
  g_date_set_dmy (&date, 28, G_DATE_FEBRUARY, 2023);
  g_assert_cmpint (hz_risk_age_on (&birth, &date), ==, 34);
  g_date_set_dmy (&date, 1, G_DATE_MARCH, 2023);
  g_assert_cmpint (hz_risk_age_on (&birth, &date), ==, 35);
  g_date_set_dmy (&date, 29, G_DATE_FEBRUARY, 2024);
  g_assert_cmpint (hz_risk_age_on (&birth, &date), ==, 36);
}

static void
test_age (Fixture       *fixture,
          gconstpointer  user_data)
{
  /* Completed years on 2026-06-15; a birthday on that day counts */
  static const struct {
    const char   *birth;
    int           age;
    const char   *code;       /* NULL: no age factor */
    HzRiskColour  colour;
  } cases[] = {
    { "1991-06-16", 34, NULL, HZ_RISK_GREEN },
    { "1991-06-15", 35, "age-35-or-older", HZ_RISK_YELLOW },      /* 35th birthday today */
    { "1986-06-16", 39, "age-35-or-older", HZ_RISK_YELLOW },
    { "1986-06-15", 40, "age-40-or-older", HZ_RISK_ORANGE },      /* 40th birthday today */
    { "1980-01-01", 46, "age-40-or-older", HZ_RISK_ORANGE },
    { "2007-06-16", 18, "age-18-or-younger", HZ_RISK_YELLOW },
    { "2007-06-15", 19, NULL, HZ_RISK_GREEN },                    /* 19th birthday today */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HzCase) kase = make_case (fixture, cases[i].birth, "");
      g_autoptr(HzRiskProposal) proposal = propose (kase);
      const HzRiskFactor *factor = find_factor (proposal, "age-");

      g_test_message ("born %s, age %d", cases[i].birth, cases[i].age);
      if (cases[i].code == NULL)
        {
          g_assert_null (factor);
          g_assert_cmpint (proposal->colour, ==, HZ_RISK_GREEN);
          continue;
        }
      g_assert_nonnull (factor);
      g_assert_cmpstr (factor->code, ==, cases[i].code);
      g_assert_cmpint (factor->colour, ==, cases[i].colour);
      g_assert_false (factor->purple);
      g_assert_cmpint (proposal->colour, ==, cases[i].colour);
      g_assert_nonnull (strstr (factor->text, fixture_printf (fixture, "%d", cases[i].age)));
      g_assert_cmpstr (factor->reference, ==, fixture_printf (fixture, "Patient/p-case-%u", fixture->n));
    }

  /* No birthDate: said, never taken as normal */
  {
    g_autoptr(HzCase) kase = make_case (fixture, NULL, "");
    g_autoptr(HzRiskProposal) proposal = propose (kase);
    const HzRiskFactor *factor = find_factor (proposal, "age-");

    g_assert_nonnull (factor);
    g_assert_cmpstr (factor->code, ==, "age-unknown");
    g_assert_cmpint (factor->colour, ==, HZ_RISK_UNKNOWN);
    g_assert_cmpstr (hz_risk_factor_colour_to_string (factor), ==, "unknown");
    g_assert_cmpstr (factor->text, ==, "Age unknown");
  }
}

/* --- pre-pregnancy BMI ---------------------------------------------------------- */

static const struct {
  const char   *bmi;        /* as recorded or computed, one decimal */
  const char   *weight_kg;  /* at height 160 cm */
  const char   *code;       /* NULL: no BMI factor */
  HzRiskColour  colour;
} bmi_cases[] = {
  { "18.4", "47.104", "bmi-under-18.5", HZ_RISK_YELLOW },
  { "18.5", "47.36",  NULL, HZ_RISK_GREEN },
  { "25.0", "64",     NULL, HZ_RISK_GREEN },     /* the adult 24 would flag it; the form does not */
  { "25.1", "64.256", "bmi-over-25", HZ_RISK_YELLOW },
  { "27.9", "71.424", "bmi-over-25", HZ_RISK_YELLOW },
  { "28.0", "71.68",  "bmi-28-or-more", HZ_RISK_ORANGE },
};

static void
check_bmi (const HzRiskProposal *proposal,
           guint                 i)
{
  const HzRiskFactor *factor = find_factor (proposal, "bmi-");

  g_test_message ("BMI %s", bmi_cases[i].bmi);
  if (bmi_cases[i].code == NULL)
    {
      g_assert_null (factor);
      g_assert_cmpint (proposal->colour, ==, HZ_RISK_GREEN);
      return;
    }
  g_assert_nonnull (factor);
  g_assert_cmpstr (factor->code, ==, bmi_cases[i].code);
  g_assert_cmpint (factor->colour, ==, bmi_cases[i].colour);
  g_assert_cmpint (proposal->colour, ==, bmi_cases[i].colour);
  g_assert_nonnull (strstr (factor->text, bmi_cases[i].bmi));
}

static void
test_bmi_weight_height (Fixture       *fixture,
                        gconstpointer  user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bmi_cases); i++)
    {
      g_autofree char *weight = quantity (fixture_printf (fixture, "w-%u", fixture->n + 1), HZ_LOINC_PREPREG_WEIGHT,
                                          "2026-03-20", bmi_cases[i].weight_kg, "kg");
      g_autofree char *height = quantity (fixture_printf (fixture, "h-%u", fixture->n + 1), HZ_LOINC_BODY_HEIGHT,
                                          "2026-03-20", "160", "cm");
      /* a BMI of its own, which the weight and height win over */
      g_autofree char *bmi = quantity (fixture_printf (fixture, "b-%u", fixture->n + 1), HZ_LOINC_BMI,
                                       "2026-03-20", "30.0", "kg/m2");
      g_autofree char *entries = g_strconcat (weight, height, bmi, NULL);
      g_autoptr(HzCase) kase = make_case (fixture, "1995-01-01", entries);
      g_autoptr(HzRiskProposal) proposal = propose (kase);

      check_bmi (proposal, i);
      if (bmi_cases[i].code != NULL)
        {
          g_autofree char *source = g_strdup_printf ("Pre-pregnancy weight %s kg, height 160 cm",
                                                     bmi_cases[i].weight_kg);

          g_assert_cmpstr (find_factor (proposal, "bmi-")->source, ==, source);
        }
    }
}

static void
test_bmi_first_trimester (Fixture       *fixture,
                          gconstpointer  user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bmi_cases); i++)
    {
      /* 2026-04-10 is 5+5; the later one at 12+0 is not the first */
      g_autofree char *first = quantity (fixture_printf (fixture, "b1-%u", fixture->n + 1), HZ_LOINC_BMI,
                                         "2026-04-10", bmi_cases[i].bmi, "kg/m2");
      g_autofree char *later = quantity (fixture_printf (fixture, "b2-%u", fixture->n + 1), HZ_LOINC_BMI,
                                         "2026-05-24", "35.0", "kg/m2");
      g_autofree char *entries = g_strconcat (first, later, NULL);
      g_autoptr(HzCase) kase = make_case (fixture, "1995-01-01", entries);
      g_autoptr(HzRiskProposal) proposal = propose (kase);

      check_bmi (proposal, i);
      if (bmi_cases[i].code != NULL)
        g_assert_cmpstr (find_factor (proposal, "bmi-")->source, ==, "BMI recorded on 2026-04-10 (5w5d)");
    }

  /* A BMI after 14 weeks is no pre-pregnancy BMI: 14+0 is 2026-06-07 */
  {
    g_autofree char *late = quantity ("late-bmi", HZ_LOINC_BMI, "2026-06-07", "30.0", "kg/m2");
    g_autoptr(HzCase) kase = make_case (fixture, "1995-01-01", late);
    g_autoptr(HzRiskProposal) proposal = propose (kase);
    const HzRiskFactor *factor = find_factor (proposal, "bmi-");

    g_assert_nonnull (factor);
    g_assert_cmpstr (factor->code, ==, "bmi-unknown");
    g_assert_cmpint (factor->colour, ==, HZ_RISK_UNKNOWN);
    g_assert_cmpstr (factor->text, ==, "Pre-pregnancy BMI unknown");
    g_assert_cmpint (proposal->colour, ==, HZ_RISK_GREEN);
  }
  /* ... but 13+6 is */
  {
    g_autofree char *early = quantity ("early-bmi", HZ_LOINC_BMI, "2026-06-06", "30.0", "kg/m2");
    g_autoptr(HzCase) kase = make_case (fixture, "1995-01-01", early);
    g_autoptr(HzRiskProposal) proposal = propose (kase);

    g_assert_cmpstr (find_factor (proposal, "bmi-")->code, ==, "bmi-28-or-more");
  }
  /* A weight without a height: unknown, not normal */
  {
    g_autofree char *weight = quantity ("lone-weight", HZ_LOINC_PREPREG_WEIGHT, "2026-03-20", "80", "kg");
    g_autoptr(HzCase) kase = make_case (fixture, "1995-01-01", weight);
    g_autoptr(HzRiskProposal) proposal = propose (kase);

    g_assert_cmpstr (find_factor (proposal, "bmi-")->code, ==, "bmi-unknown");
  }
}

/* --- diagnoses -------------------------------------------------------------------- */

static void
test_icd10_matching (void)
{
  g_assert_true (hz_risk_icd10_matches ("O30.0", "O30.0"));
  g_assert_true (hz_risk_icd10_matches ("O30.0", "O30.000"));
  g_assert_false (hz_risk_icd10_matches ("O30.0", "O30.1"));
  g_assert_false (hz_risk_icd10_matches ("O30.0", "O30"));
  g_assert_true (hz_risk_icd10_matches ("O13", "O13"));
  g_assert_true (hz_risk_icd10_matches ("O13", "O13.x00"));
  g_assert_false (hz_risk_icd10_matches ("O13", "O14.1"));
  g_assert_false (hz_risk_icd10_matches ("O14.1", "O14.0"));
  g_assert_false (hz_risk_icd10_matches ("O14.1", "O14.2"));
  g_assert_true (hz_risk_icd10_matches ("O14.1", "O14.100"));
  g_assert_true (hz_risk_icd10_matches ("B20-B24", "B20"));
  g_assert_true (hz_risk_icd10_matches ("B20-B24", "B22.7"));
  g_assert_true (hz_risk_icd10_matches ("B20-B24", "B24"));
  g_assert_false (hz_risk_icd10_matches ("B20-B24", "B19.9"));
  g_assert_false (hz_risk_icd10_matches ("B20-B24", "B25.0"));
  g_assert_false (hz_risk_icd10_matches ("A50-A53", "A54.0"));
  g_assert_false (hz_risk_icd10_matches ("A15-A19", "A14"));
  g_assert_false (hz_risk_icd10_matches ("A15-A19", "A20.0"));
  g_assert_false (hz_risk_icd10_matches ("A15-A19", "B15.9"));
  g_assert_false (hz_risk_icd10_matches ("O34.2", "O34.3"));
  g_assert_false (hz_risk_icd10_matches ("Z21", NULL));
}

static void
test_conditions (Fixture       *fixture,
                 gconstpointer  user_data)
{
  /* Every code of the reference's list, and a subcode of each */
  static const struct {
    const char   *icd10;
    const char   *code;
    HzRiskColour  colour;
    gboolean      purple;
  } cases[] = {
    { "O34.2", "scarred-uterus", HZ_RISK_YELLOW, FALSE },
    { "O34.201", "scarred-uterus", HZ_RISK_YELLOW, FALSE },
    { "O30.0", "twin-pregnancy", HZ_RISK_YELLOW, FALSE },
    { "O30.000", "twin-pregnancy", HZ_RISK_YELLOW, FALSE },
    { "O30.1", "triplets-or-more", HZ_RISK_ORANGE, FALSE },
    { "O30.100", "triplets-or-more", HZ_RISK_ORANGE, FALSE },
    { "O30.2", "triplets-or-more", HZ_RISK_ORANGE, FALSE },
    { "O30.8", "triplets-or-more", HZ_RISK_ORANGE, FALSE },
    { "O30.800", "triplets-or-more", HZ_RISK_ORANGE, FALSE },
    { "O13", "gestational-hypertension", HZ_RISK_YELLOW, FALSE },
    { "O13.x00", "gestational-hypertension", HZ_RISK_YELLOW, FALSE },
    { "O14.1", "severe-pre-eclampsia", HZ_RISK_ORANGE, FALSE },
    { "O14.100", "severe-pre-eclampsia", HZ_RISK_ORANGE, FALSE },
    { "O36.0", "rh-isoimmunisation", HZ_RISK_ORANGE, FALSE },
    { "O36.000", "rh-isoimmunisation", HZ_RISK_ORANGE, FALSE },
    { "B20", "hiv", HZ_RISK_UNKNOWN, TRUE },
    { "B22.7", "hiv", HZ_RISK_UNKNOWN, TRUE },
    { "B24", "hiv", HZ_RISK_UNKNOWN, TRUE },
    { "Z21", "hiv", HZ_RISK_UNKNOWN, TRUE },
    { "Z21.x00", "hiv", HZ_RISK_UNKNOWN, TRUE },
    { "A50", "syphilis", HZ_RISK_UNKNOWN, TRUE },
    { "A51.0", "syphilis", HZ_RISK_UNKNOWN, TRUE },
    { "A53.9", "syphilis", HZ_RISK_UNKNOWN, TRUE },
    { "O98.1", "syphilis", HZ_RISK_UNKNOWN, TRUE },
    { "O98.100", "syphilis", HZ_RISK_UNKNOWN, TRUE },
    { "B18.0", "hepatitis-b", HZ_RISK_UNKNOWN, TRUE },
    { "B18.1", "hepatitis-b", HZ_RISK_UNKNOWN, TRUE },
    { "B18.100", "hepatitis-b", HZ_RISK_UNKNOWN, TRUE },
    { "Z22.5", "hepatitis-b", HZ_RISK_UNKNOWN, TRUE },
    { "O98.4", "hepatitis-b", HZ_RISK_UNKNOWN, TRUE },
    { "A15", "tuberculosis", HZ_RISK_UNKNOWN, TRUE },
    { "A16.2", "tuberculosis", HZ_RISK_UNKNOWN, TRUE },
    { "A19.9", "tuberculosis", HZ_RISK_UNKNOWN, TRUE },
  };
  /* Not on the list */
  static const char *none[] = { "O30.9", "O14.0", "O34.3", "B25.0", "A54.0", "A20.0", "B18.2", "O24.4" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cond = condition (fixture_printf (fixture, "c-%u", fixture->n + 1), cases[i].icd10,
                                         "active", "confirmed");
      g_autoptr(HzCase) kase = make_case (fixture, "1995-01-01", cond);
      g_autoptr(HzRiskProposal) proposal = propose (kase);
      const HzRiskFactor *factor = find_factor (proposal, cases[i].code);
      g_autofree char *source = g_strdup_printf ("Diagnosis: 诊断 %s (%s)", cases[i].icd10, cases[i].icd10);

      g_test_message ("%s", cases[i].icd10);
      g_assert_nonnull (factor);
      g_assert_cmpint (factor->colour, ==, cases[i].colour);
      g_assert_cmpint (factor->purple, ==, cases[i].purple);
      g_assert_cmpstr (factor->source, ==, source);
      g_assert_cmpstr (factor->reference, ==, fixture_printf (fixture, "Condition/c-%u", fixture->n));
      g_assert_cmpint (proposal->purple, ==, cases[i].purple);
      g_assert_cmpint (proposal->colour, ==, cases[i].purple ? HZ_RISK_GREEN : cases[i].colour);
      g_assert_cmpstr (hz_risk_factor_colour_to_string (factor), ==,
                       cases[i].purple ? "purple" : hz_risk_colour_to_string (cases[i].colour));
    }

  for (guint i = 0; i < G_N_ELEMENTS (none); i++)
    {
      g_autofree char *cond = condition (fixture_printf (fixture, "n-%u", fixture->n + 1), none[i],
                                         "active", "confirmed");
      g_autoptr(HzCase) kase = make_case (fixture, "1995-01-01", cond);
      g_autoptr(HzRiskProposal) proposal = propose (kase);

      g_test_message ("%s", none[i]);
      /* only the unknown BMI */
      g_assert_cmpuint (proposal->factors->len, ==, 1);
      g_assert_cmpint (proposal->colour, ==, HZ_RISK_GREEN);
      g_assert_false (proposal->purple);
    }

  /* A resolved, refuted or erroneous diagnosis is no factor */
  {
    g_autofree char *a = condition ("resolved", "O14.1", "resolved", "confirmed");
    g_autofree char *b = condition ("refuted", "Z21", "active", "refuted");
    g_autofree char *c = condition ("error", "O36.0", "active", "entered-in-error");
    g_autofree char *entries = g_strconcat (a, b, c, NULL);
    g_autoptr(HzCase) kase = make_case (fixture, "1995-01-01", entries);
    g_autoptr(HzRiskProposal) proposal = propose (kase);

    g_assert_cmpuint (proposal->factors->len, ==, 1);
    g_assert_cmpint (proposal->colour, ==, HZ_RISK_GREEN);
    g_assert_false (proposal->purple);
  }
}

/* --- the rules ----------------------------------------------------------------------- */

static void
test_highest_and_purple (Fixture       *fixture,
                         gconstpointer  user_data)
{
  /* 36 (yellow), twins (yellow), severe pre-eclampsia (orange), HIV (purple) */
  {
    g_autofree char *a = condition ("twins", "O30.0", "active", "confirmed");
    g_autofree char *b = condition ("spe", "O14.1", "active", "confirmed");
    g_autofree char *c = condition ("hiv", "Z21", "active", "confirmed");
    g_autofree char *entries = g_strconcat (a, b, c, NULL);
    g_autoptr(HzCase) kase = make_case (fixture, "1990-01-01", entries);
    g_autoptr(HzRiskProposal) proposal = propose (kase);

    g_assert_cmpint (proposal->colour, ==, HZ_RISK_ORANGE);
    g_assert_true (proposal->purple);
    g_assert_nonnull (find_factor (proposal, "age-35-or-older"));
    g_assert_nonnull (find_factor (proposal, "twin-pregnancy"));
    g_assert_nonnull (find_factor (proposal, "severe-pre-eclampsia"));
    g_assert_nonnull (find_factor (proposal, "hiv"));
  }
  /* purple alone: beside green, not replacing it */
  {
    g_autofree char *a = condition ("syph", "A53.9", "active", "confirmed");
    g_autoptr(HzCase) kase = make_case (fixture, "1995-01-01", a);
    g_autoptr(HzRiskProposal) proposal = propose (kase);

    g_assert_cmpint (proposal->colour, ==, HZ_RISK_GREEN);
    g_assert_true (proposal->purple);
  }
  /* orange age beside a yellow diagnosis; two codes of one factor give one factor */
  {
    g_autofree char *a = condition ("scar", "O34.2", "active", "confirmed");
    g_autofree char *b = condition ("hbv1", "O98.4", "active", "confirmed");
    g_autofree char *c = condition ("hbv2", "Z22.5", "active", "confirmed");
    g_autofree char *entries = g_strconcat (a, b, c, NULL);
    g_autoptr(HzCase) kase = make_case (fixture, "1985-01-01", entries);
    g_autoptr(HzRiskProposal) proposal = propose (kase);
    guint n_hbv = 0;

    g_assert_cmpint (proposal->colour, ==, HZ_RISK_ORANGE);
    g_assert_true (proposal->purple);
    for (guint i = 0; i < proposal->factors->len; i++)
      if (g_str_equal (((HzRiskFactor *) g_ptr_array_index (proposal->factors, i))->code, "hepatitis-b"))
        n_hbv++;
    g_assert_cmpuint (n_hbv, ==, 1);
  }
}

/* --- recording ----------------------------------------------------------------------- */

static void
test_regrade_history (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *a = condition ("spe", "O14.1", "active", "confirmed");
  g_autofree char *b = condition ("hbv", "Z22.5", "active", "confirmed");
  g_autofree char *entries = g_strconcat (a, b, NULL);
  g_autoptr(HzCase) kase = make_case (fixture, "1990-01-01", entries);
  g_autoptr(HzRiskProposal) proposal = propose (kase);
  g_autoptr(GDateTime) first_time = g_date_time_new_from_iso8601 ("2026-06-15T09:30:00+08:00", NULL);
  g_autoptr(GDateTime) second_time = g_date_time_new_from_iso8601 ("2026-06-16T10:00:00+08:00", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  g_autoptr(HzCase) reloaded = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  HzResource *current = NULL;
  GListModel *gradings, *flags;
  const HzJv *json;

  g_assert_true (hz_risk_record_grading (kase, proposal, first_time, &first_id, &error));
  g_assert_no_error (error);
  g_assert_true (hz_risk_record_grading (kase, proposal, second_time, &second_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (first_id, !=, second_id);

  reloaded = hz_case_load (fixture->store, hz_case_get_id (kase), &error);
  g_assert_no_error (error);
  gradings = hz_case_get_resources (reloaded, "RiskAssessment");
  g_assert_cmpuint (g_list_model_get_n_items (gradings), ==, 2);
  g_assert_cmpint (hz_risk_get_current (gradings, &current), ==, HZ_RISK_ORANGE);
  g_assert_cmpstr (hz_resource_get_id (current), ==, second_id);

  /* the earlier grading was never overwritten: still its first version */
  versions = hz_store_history (fixture->store, "RiskAssessment", first_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 1);

  /* the demo bundles' shape */
  json = hz_resource_get_value (current);
  g_assert_cmpstr (hz_jv_get_string (json, "status"), ==, "final");
  g_assert_cmpstr (hz_jv_get_string (json, "occurrenceDateTime"), ==, "2026-06-16T10:00:00.000+08:00");
  g_assert_cmpstr (hz_jv_get_path_string (json, "performer.display"), ==, "王蕾 主治医师 (云州市妇幼保健院)");
  g_assert_cmpstr (hz_jv_get_path_string (json, "subject.reference"), ==,
                   fixture_printf (fixture, "Patient/p-%s", hz_case_get_id (kase)));
  g_assert_cmpstr (hz_jv_get_string (hz_jv_get_object_element (json, "prediction", 0), "rationale"), ==,
                   "Advanced maternal age: 36 years (35 or older); Pre-pregnancy BMI unknown; "
                   "Severe pre-eclampsia");
  g_assert_cmpuint (hz_jv_get_length (hz_jv_get_array (json, "basis")), ==, 3);
  g_assert_cmpstr (hz_jv_get_path_string (hz_jv_get_object_element (json, "basis", 1), "reference"), ==,
                   "Condition/spe");
  g_assert_nonnull (strstr (hz_jv_get_string (hz_jv_get_object_element (json, "note", 0), "text"),
                            "Purple: Chronic hepatitis B or HBV carrier."));

  /* one purple Flag, not one per grading; the case list sees both */
  flags = hz_case_get_resources (reloaded, "Flag");
  g_assert_cmpuint (g_list_model_get_n_items (flags), ==, 1);
  g_assert_true (hz_risk_get_infectious (flags));
  {
    g_autoptr(HzCaseSummary) summary = hz_store_get_case_summary (fixture->store, hz_case_get_id (kase), &error);

    g_assert_no_error (error);
    g_assert_cmpint (hz_case_summary_get_risk (summary), ==, HZ_RISK_ORANGE);
    g_assert_true (hz_case_summary_get_infectious (summary));
  }
}

/* --- the form's full list ---------------------------------------------------------- */

static void
test_form_table (void)
{
  guint n, n_yellow = 0, n_orange = 0, n_red = 0, n_purple = 0;
  const HzRiskFormItem *items = hz_risk_form_get_items (&n);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  HzRiskColour last = HZ_RISK_YELLOW;

  g_assert_cmpuint (n, ==, 74);
  for (guint i = 0; i < n; i++)
    {
      const HzRiskFormItem *item = &items[i];

      /* one code each, found again by lookup, with a text */
      g_assert_true (g_hash_table_add (codes, (gpointer) item->code));
      g_assert_true (hz_risk_form_lookup (item->code) == item);
      g_assert_cmpstr (hz_risk_form_item_get_text (item), !=, "");
      /* purple only for infectious diseases, without a colour of its own */
      g_assert_cmpint (item->purple, ==, item->section == HZ_RISK_SECTION_INFECTIOUS);
      if (item->purple)
        {
          g_assert_cmpint (item->colour, ==, HZ_RISK_UNKNOWN);
          n_purple++;
          continue;
        }
      /* in the form's order: yellow, orange, red */
      g_assert_cmpint (item->colour, >=, last);
      last = item->colour;
      n_yellow += item->colour == HZ_RISK_YELLOW;
      n_orange += item->colour == HZ_RISK_ORANGE;
      n_red += item->colour == HZ_RISK_RED;
    }
  g_assert_cmpuint (n_yellow, ==, 29);
  g_assert_cmpuint (n_orange, ==, 23);
  g_assert_cmpuint (n_red, ==, 15);
  g_assert_cmpuint (n_purple, ==, 7);

  /* the examples of clinical-reference.md, each at its colour */
  g_assert_cmpint (hz_risk_form_lookup ("adverse-obstetric-history")->colour, ==, HZ_RISK_YELLOW);
  g_assert_cmpint (hz_risk_form_lookup ("myoma-or-cyst-5cm")->colour, ==, HZ_RISK_YELLOW);
  g_assert_cmpint (hz_risk_form_lookup ("art-pregnancy")->colour, ==, HZ_RISK_YELLOW);
  g_assert_cmpint (hz_risk_form_lookup ("stable-chronic-disease")->colour, ==, HZ_RISK_YELLOW);
  g_assert_cmpint (hz_risk_form_lookup ("moderate-heart-disease")->colour, ==, HZ_RISK_ORANGE);
  g_assert_cmpint (hz_risk_form_lookup ("postpartum-depression")->colour, ==, HZ_RISK_ORANGE);
  g_assert_cmpint (hz_risk_form_lookup ("severe-heart-disease")->colour, ==, HZ_RISK_RED);
  g_assert_cmpint (hz_risk_form_lookup ("organ-failure")->colour, ==, HZ_RISK_RED);
  g_assert_true (hz_risk_form_lookup ("hiv")->purple);
  g_assert_true (hz_risk_form_lookup ("syphilis")->purple);
  g_assert_true (hz_risk_form_lookup ("hepatitis-b")->purple);
  /* the structured ones carry their ICD-10 codes; age and BMI are marked */
  g_assert_cmpstr (hz_risk_form_lookup ("severe-pre-eclampsia")->icd10[0], ==, "O14.1");
  g_assert_null (hz_risk_form_lookup ("art-pregnancy")->icd10);
  g_assert_true (hz_risk_form_lookup ("bmi-28-or-more")->structured);
  g_assert_null (hz_risk_form_lookup ("no-such-item"));
  g_assert_cmpstr (hz_risk_form_get_source (), ==,
                   "Pregnancy risk assessment and management, five-colour grading "
                   "(National Health Commission, 2017 No. 35)");
}

static void
test_ticked (Fixture       *fixture,
             gconstpointer  user_data)
{
  /* 30 years, no diagnosis: green from the data */
  g_autoptr(HzCase) kase = make_case (fixture, "1996-01-01", "");
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(HzRiskProposal) proposal = propose (kase);
    const char *yellow[] = { "art-pregnancy", "myoma-or-cyst-5cm", NULL };
    const HzRiskFactor *factor;

    g_assert_cmpint (proposal->colour, ==, HZ_RISK_GREEN);
    g_assert_true (hz_risk_proposal_add_ticked (proposal, yellow, &error));
    g_assert_no_error (error);
    g_assert_cmpint (proposal->colour, ==, HZ_RISK_YELLOW);
    g_assert_false (proposal->purple);
    factor = find_factor (proposal, "art-pregnancy");
    g_assert_nonnull (factor);
    g_assert_true (factor->ticked);
    g_assert_cmpstr (factor->text, ==, "Pregnancy after assisted reproduction");
    g_assert_cmpstr (factor->source, ==,
                     "Ticked from the form (Pregnancy risk assessment and management, five-colour "
                     "grading (National Health Commission, 2017 No. 35))");
    g_assert_null (factor->reference);
  }
  /* the highest colour wins; purple stands beside it */
  {
    g_autoptr(HzRiskProposal) proposal = propose (kase);
    const char *mixed[] = { "art-pregnancy", "severe-heart-disease", "moderate-heart-disease",
                            "syphilis", NULL };

    g_assert_true (hz_risk_proposal_add_ticked (proposal, mixed, &error));
    g_assert_cmpint (proposal->colour, ==, HZ_RISK_RED);
    g_assert_true (proposal->purple);
  }
  /* purple alone leaves the colour green */
  {
    g_autoptr(HzRiskProposal) proposal = propose (kase);
    const char *purple[] = { "special-viral-infection", NULL };

    g_assert_true (hz_risk_proposal_add_ticked (proposal, purple, &error));
    g_assert_cmpint (proposal->colour, ==, HZ_RISK_GREEN);
    g_assert_true (proposal->purple);
  }
  /* an unknown code: refused, the proposal unchanged */
  {
    g_autoptr(HzRiskProposal) proposal = propose (kase);
    const char *bad[] = { "art-pregnancy", "no-such-item", NULL };
    guint n = proposal->factors->len;

    g_assert_false (hz_risk_proposal_add_ticked (proposal, bad, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_cmpuint (proposal->factors->len, ==, n);
    g_assert_cmpint (proposal->colour, ==, HZ_RISK_GREEN);
    g_clear_error (&error);
  }
  /* ticking what the data found already adds it once */
  {
    g_autofree char *a = condition ("twins", "O30.0", "active", "confirmed");
    g_autoptr(HzCase) twins = make_case (fixture, "1996-01-01", a);
    g_autoptr(HzRiskProposal) proposal = propose (twins);
    const char *again[] = { "twin-pregnancy", NULL };
    guint n = proposal->factors->len;

    g_assert_true (hz_risk_proposal_add_ticked (proposal, again, &error));
    g_assert_cmpuint (proposal->factors->len, ==, n);
    g_assert_false (find_factor (proposal, "twin-pregnancy")->ticked);
  }
}

/* Two gradings, proposed + ticked: two RiskAssessments, the first unchanged;
 * the ticked factors recorded as such; re-grading proposed when the data
 * move; the purple mark closed as a new version; the MDT task after orange */
static void
test_ticked_history (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(HzCase) kase = make_case (fixture, "1990-01-01", "");
  g_autoptr(GDateTime) first_time = g_date_time_new_from_iso8601 ("2026-06-15T09:30:00+08:00", NULL);
  g_autoptr(GDateTime) second_time = g_date_time_new_from_iso8601 ("2026-06-16T10:00:00+08:00", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *first_text = NULL;
  g_autoptr(HzResource) first = NULL;
  g_autoptr(HzCase) reloaded = NULL;
  g_auto(GStrv) ticked = NULL;
  g_auto(GStrv) all = NULL;
  const char *art[] = { "art-pregnancy", NULL };
  const char *heart[] = { "moderate-heart-disease", "hiv", NULL };
  HzRiskColour proposed, recorded;
  gboolean purple;
  GDate date;
  const HzJv *json;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 16, G_DATE_JUNE, 2026);

  /* never graded: a grading is proposed */
  g_assert_true (hz_risk_regrading_proposed (kase, &date, &proposed, &purple, &recorded));
  g_assert_cmpint (recorded, ==, HZ_RISK_UNKNOWN);
  g_assert_cmpint (proposed, ==, HZ_RISK_YELLOW);  /* 36 years */

  {
    g_autoptr(HzRiskProposal) proposal = propose (kase);

    g_assert_true (hz_risk_proposal_add_ticked (proposal, art, &error));
    g_assert_true (hz_risk_record_grading (kase, proposal, first_time, &first_id, &error));
    g_assert_no_error (error);
  }
  first = hz_store_get (fixture->store, "RiskAssessment", first_id, &error);
  g_assert_no_error (error);
  first_text = hz_resource_to_string (first);
  json = hz_resource_get_value (first);
  ticked = hz_risk_assessment_dup_factor_codes (json, TRUE);
  all = hz_risk_assessment_dup_factor_codes (json, FALSE);
  g_assert_cmpstrv (ticked, ((const char * const[]) { "art-pregnancy", NULL }));
  g_assert_cmpstrv (all, ((const char * const[]) { "age-35-or-older", "bmi-unknown", "art-pregnancy", NULL }));
  g_assert_cmpstr (hz_fhir_jv_get_team_tag (json), ==, "obstetrics");
  g_assert_cmpint (hz_risk_assessment_get_colour (json), ==, HZ_RISK_YELLOW);
  g_assert_cmpstr (hz_jv_get_string (hz_jv_get_object_element (json, "note", 0), "text"), ==,
                   "Grading factors: Advanced maternal age: 36 years (35 or older); Pre-pregnancy BMI "
                   "unknown; Pregnancy after assisted reproduction. Proposed from the case's structured "
                   "data: Date of birth 1990-01-01; No pre-pregnancy weight with a height, and no BMI "
                   "before 14 weeks. Ticked from the form: Pregnancy after assisted reproduction "
                   "(Pregnancy risk assessment and management, five-colour grading (National Health "
                   "Commission, 2017 No. 35)).");

  /* the ticks carried over: the data and the ticks still say yellow */
  reloaded = hz_case_load (fixture->store, hz_case_get_id (kase), &error);
  g_assert_no_error (error);
  g_assert_false (hz_risk_regrading_proposed (reloaded, &date, &proposed, &purple, &recorded));
  g_assert_cmpint (recorded, ==, HZ_RISK_YELLOW);

  /* severe pre-eclampsia recorded: orange proposed over the yellow grading */
  {
    g_autoptr(JsonObject) spe = hz_test_parse_object (
      "{\"resourceType\": \"Condition\", \"id\": \"spe\","
      " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_ICD10 "\", \"code\": \"O14.1\"}]},"
      " \"recordedDate\": \"2026-06-16\"}");
    g_autoptr(HzCase) after = NULL;

    g_assert_true (hz_store_put (fixture->store, hz_case_get_id (kase), spe, &error));
    g_assert_no_error (error);
    after = hz_case_load (fixture->store, hz_case_get_id (kase), &error);
    g_assert_no_error (error);
    g_assert_true (hz_risk_regrading_proposed (after, &date, &proposed, &purple, &recorded));
    g_assert_cmpint (proposed, ==, HZ_RISK_ORANGE);
    g_assert_false (purple);
    g_assert_cmpint (recorded, ==, HZ_RISK_YELLOW);

    /* the second grading: ticked orange and purple */
    {
      g_autoptr(HzRiskProposal) proposal = propose (after);

      g_assert_true (hz_risk_proposal_add_ticked (proposal, heart, &error));
      g_assert_cmpint (proposal->colour, ==, HZ_RISK_ORANGE);
      g_assert_true (proposal->purple);
      g_assert_true (hz_risk_record_grading (after, proposal, second_time, &second_id, &error));
      g_assert_no_error (error);
    }
  }

  /* two RiskAssessments; the first as it was written */
  {
    g_autoptr(HzCase) both = hz_case_load (fixture->store, hz_case_get_id (kase), &error);
    g_autoptr(HzResource) again = hz_store_get (fixture->store, "RiskAssessment", first_id, NULL);
    g_autofree char *again_text = hz_resource_to_string (again);
    g_autoptr(GPtrArray) versions = hz_store_history (fixture->store, "RiskAssessment", first_id, NULL);
    GListModel *flags = hz_case_get_resources (both, "Flag");
    g_autoptr(HzResource) flag = NULL;
    g_autoptr(JsonObject) closed = NULL;
    g_autoptr(GDateTime) end = g_date_time_new_from_iso8601 ("2026-07-01T08:00:00+08:00", NULL);
    HzResource *current = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (hz_case_get_resources (both, "RiskAssessment")), ==, 2);
    g_assert_cmpstr (again_text, ==, first_text);
    g_assert_cmpuint (versions->len, ==, 1);
    g_assert_cmpint (hz_risk_get_current (hz_case_get_resources (both, "RiskAssessment"), &current), ==,
                     HZ_RISK_ORANGE);
    g_assert_cmpstr (hz_resource_get_id (current), ==, second_id);
    g_assert_false (hz_risk_regrading_proposed (both, &date, NULL, NULL, NULL));

    /* the purple Flag, closed: a new version, inactive, with period.end */
    g_assert_cmpuint (g_list_model_get_n_items (flags), ==, 1);
    flag = g_list_model_get_item (flags, 0);
    g_assert_cmpstr (hz_fhir_jv_get_team_tag (hz_resource_get_value (flag)), ==, "obstetrics");
    closed = hz_risk_flag_new_closed (flag, end);
    g_assert_cmpstr (json_object_get_string_member (closed, "status"), ==, "inactive");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (closed, "period"), "end"), ==,
                     "2026-07-01T08:00:00.000+08:00");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (closed, "period"), "start"), ==,
                     "2026-06-16T10:00:00.000+08:00");
    g_assert_true (hz_store_put (fixture->store, hz_case_get_id (kase), closed, &error));
    g_assert_no_error (error);
    g_clear_pointer (&versions, g_ptr_array_unref);
    versions = hz_store_history (fixture->store, "Flag", hz_resource_get_id (flag), &error);
    g_assert_cmpuint (versions->len, ==, 2);
  }

  /* the MDT task after orange: due in 72 hours; none below orange; 24 for red */
  {
    g_autoptr(JsonObject) task = hz_risk_new_followup_task (kase, second_id, HZ_RISK_ORANGE, second_time);
    g_autoptr(JsonObject) none = hz_risk_new_followup_task (kase, first_id, HZ_RISK_YELLOW, first_time);
    g_autofree char *focus = g_strdup_printf ("RiskAssessment/%s", second_id);

    g_assert_null (none);
    g_assert_cmpint (hz_risk_followup_hours (HZ_RISK_RED), ==, 24);
    g_assert_cmpint (hz_risk_followup_hours (HZ_RISK_YELLOW), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (task, "status"), ==, "requested");
    g_assert_cmpstr (json_object_get_string_member (task, "priority"), ==, "asap");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (task, "code"), "text"), ==,
                     "Arrange an MDT and a referral");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (task, "focus"), "reference"), ==,
                     focus);
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (json_object_get_object_member (task, "restriction"),
                                                      "period"), "end"), ==,
                     "2026-06-19T10:00:00.000+08:00");
    g_assert_true (hz_store_put (fixture->store, hz_case_get_id (kase), task, &error));
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/huizhen/risk-factors/age-on", test_age_on);
  g_test_add_func ("/huizhen/risk-factors/icd10-matching", test_icd10_matching);
  g_test_add ("/huizhen/risk-factors/age", Fixture, NULL, fixture_set_up, test_age, fixture_tear_down);
  g_test_add ("/huizhen/risk-factors/bmi-weight-height", Fixture, NULL,
              fixture_set_up, test_bmi_weight_height, fixture_tear_down);
  g_test_add ("/huizhen/risk-factors/bmi-first-trimester", Fixture, NULL,
              fixture_set_up, test_bmi_first_trimester, fixture_tear_down);
  g_test_add ("/huizhen/risk-factors/conditions", Fixture, NULL,
              fixture_set_up, test_conditions, fixture_tear_down);
  g_test_add ("/huizhen/risk-factors/highest-and-purple", Fixture, NULL,
              fixture_set_up, test_highest_and_purple, fixture_tear_down);
  g_test_add ("/huizhen/risk-factors/regrade-history", Fixture, NULL,
              fixture_set_up, test_regrade_history, fixture_tear_down);
  g_test_add_func ("/huizhen/risk-factors/form-table", test_form_table);
  g_test_add ("/huizhen/risk-factors/ticked", Fixture, NULL,
              fixture_set_up, test_ticked, fixture_tear_down);
  g_test_add ("/huizhen/risk-factors/ticked-history", Fixture, NULL,
              fixture_set_up, test_ticked_history, fixture_tear_down);

  return g_test_run ();
}
