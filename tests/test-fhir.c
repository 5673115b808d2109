/* test-fhir.c — FHIR dates, ids, references and member helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <huizhen.h>

#include "hz-fhir-private.h"

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_resource_types (void)
{
  const char * const *types = hz_fhir_get_resource_types ();

  g_assert_cmpuint (g_strv_length ((GStrv) types), ==, 21);
  for (guint i = 0; types[i] != NULL; i++)
    g_assert_true (hz_fhir_is_known_type (types[i]));

  g_assert_true (hz_fhir_is_known_type ("EpisodeOfCare"));
  g_assert_true (hz_fhir_is_known_type ("Provenance"));
  g_assert_true (hz_fhir_is_known_type ("Communication"));
  g_assert_false (hz_fhir_is_known_type ("Practitioner"));
  g_assert_false (hz_fhir_is_known_type ("Organization"));
  g_assert_false (hz_fhir_is_known_type ("patient"));
  g_assert_false (hz_fhir_is_known_type (""));
  g_assert_false (hz_fhir_is_known_type (NULL));
}

static void
test_dates_valid (void)
{
  static const char * const valid[] = {
    "2024",
    "2024-05",
    "2024-05-06",
    "2024-02-29",                       /* leap year */
    "2000-02-29",                       /* divisible by 400 */
    "2023-12-31",
    "2024-05-06T10:20:30+08:00",
    "2024-05-06T10:20:30Z",
    "2024-05-06T10:20:30-05:00",
    "2024-05-06T10:20:30.5Z",
    "2024-05-06T10:20:30.123456789+08:00",
    "2024-05-06T23:59:59+14:00",
    "2024-05-06T00:00:00-12:00",
    "2016-12-31T23:59:60Z",             /* leap second */
    "2024-05-06T10:20:30",              /* no zone: accepted as local time */
    NULL
  };

  for (guint i = 0; valid[i] != NULL; i++)
    {
      g_test_message ("valid: %s", valid[i]);
      g_assert_true (hz_fhir_date_is_valid (valid[i]));
    }
}

static void
test_dates_invalid (void)
{
  static const char * const invalid[] = {
    "",
    "2023-02-29",                       /* not a leap year */
    "1900-02-29",                       /* divisible by 100, not 400 */
    "2023-02-30",
    "2024-04-31",
    "2024-13-01",
    "2024-00-10",
    "2024-05-00",
    "0000",
    "24-05-06",
    "2024-5-6",
    "2024/05/06",
    "2024-05-06T",
    "2024-05-06T24:00:00Z",
    "2024-05-06T10:60:00Z",
    "2024-05-06T10:20Z",                /* seconds are required */
    "2024-05-06T10:20:30.Z",
    "2024-05-06T10:20:30+15:00",
    "2024-05-06T10:20:30+14:30",
    "2024-05-06T10:20:30+0800",
    "2024-05-06 10:20:30",
    "2024-05-06T10:20:30Zjunk",
    "yesterday",
    "2024-05-06junk",
    "２０２４",
    NULL
  };

  for (guint i = 0; invalid[i] != NULL; i++)
    {
      g_test_message ("invalid: %s", invalid[i]);
      g_assert_false (hz_fhir_date_is_valid (invalid[i]));
      g_assert_null (hz_fhir_parse_datetime (invalid[i]));
    }

  g_assert_false (hz_fhir_date_is_valid (NULL));
}

static void
test_parse_datetime (void)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) a = NULL;
  g_autoptr(GDateTime) b = NULL;

  dt = hz_fhir_parse_datetime ("2024-05-06T10:20:30.25+08:00");
  g_assert_nonnull (dt);
  utc = g_date_time_to_utc (dt);
  g_assert_cmpint (g_date_time_get_year (utc), ==, 2024);
  g_assert_cmpint (g_date_time_get_month (utc), ==, 5);
  g_assert_cmpint (g_date_time_get_day_of_month (utc), ==, 6);
  g_assert_cmpint (g_date_time_get_hour (utc), ==, 2);
  g_assert_cmpint (g_date_time_get_minute (utc), ==, 20);
  g_assert_cmpint (g_date_time_get_second (utc), ==, 30);
  g_assert_cmpint (g_date_time_get_microsecond (utc), ==, 250000);
  g_clear_pointer (&dt, g_date_time_unref);

  /* a date alone is local midnight */
  dt = hz_fhir_parse_datetime ("2024-02-29");
  g_assert_nonnull (dt);
  g_assert_cmpint (g_date_time_get_year (dt), ==, 2024);
  g_assert_cmpint (g_date_time_get_month (dt), ==, 2);
  g_assert_cmpint (g_date_time_get_day_of_month (dt), ==, 29);
  g_assert_cmpint (g_date_time_get_hour (dt), ==, 0);
  g_clear_pointer (&dt, g_date_time_unref);

  /* partial dates take the first day */
  dt = hz_fhir_parse_datetime ("2024-07");
  g_assert_cmpint (g_date_time_get_month (dt), ==, 7);
  g_assert_cmpint (g_date_time_get_day_of_month (dt), ==, 1);
  g_clear_pointer (&dt, g_date_time_unref);

  dt = hz_fhir_parse_datetime ("2024");
  g_assert_cmpint (g_date_time_get_month (dt), ==, 1);
  g_assert_cmpint (g_date_time_get_day_of_month (dt), ==, 1);

  /* the same instant written in two zones */
  a = hz_fhir_parse_datetime ("2024-05-06T10:00:00+08:00");
  b = hz_fhir_parse_datetime ("2024-05-06T02:00:00Z");
  g_assert_true (g_date_time_equal (a, b));
}

static void
test_parse_date (void)
{
  GDate date;

  /* the day as written, whatever the zone */
  g_assert_true (hz_fhir_parse_date ("2024-05-06T23:30:00+08:00", &date));
  g_assert_cmpint (g_date_get_year (&date), ==, 2024);
  g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_MAY);
  g_assert_cmpint (g_date_get_day (&date), ==, 6);
  g_assert_true (hz_fhir_parse_date ("2024-05-06T00:10:00-05:00", &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 6);

  g_assert_true (hz_fhir_parse_date ("2024-02-29", &date));
  g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_FEBRUARY);
  g_assert_cmpint (g_date_get_day (&date), ==, 29);

  /* partial dates take the first day */
  g_assert_true (hz_fhir_parse_date ("2024-07", &date));
  g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_JULY);
  g_assert_cmpint (g_date_get_day (&date), ==, 1);

  /* anything else: FALSE and a cleared date */
  g_assert_false (hz_fhir_parse_date ("2023-02-29", &date));
  g_assert_false (g_date_valid (&date));
  g_assert_false (hz_fhir_parse_date ("6 May 2024", &date));
  g_assert_false (hz_fhir_parse_date ("", &date));
  g_assert_false (hz_fhir_parse_date (NULL, &date));
  g_assert_false (g_date_valid (&date));
}

static void
test_ids (void)
{
  g_autofree char *max = g_strnfill (64, 'a');
  g_autofree char *too_long = g_strnfill (65, 'a');

  g_assert_true (hz_fhir_id_is_valid ("obs-3"));
  g_assert_true (hz_fhir_id_is_valid ("A.b-9"));
  g_assert_true (hz_fhir_id_is_valid ("123"));
  g_assert_true (hz_fhir_id_is_valid (max));
  g_assert_false (hz_fhir_id_is_valid (too_long));
  g_assert_false (hz_fhir_id_is_valid (""));
  g_assert_false (hz_fhir_id_is_valid (NULL));
  g_assert_false (hz_fhir_id_is_valid ("a b"));
  g_assert_false (hz_fhir_id_is_valid ("a/b"));
  g_assert_false (hz_fhir_id_is_valid ("a_b"));
  g_assert_false (hz_fhir_id_is_valid ("李梅"));
}

static void
test_split_reference (void)
{
  char *type = NULL;
  char *id = NULL;

  g_assert_true (hz_fhir_split_reference ("Patient/123", &type, &id));
  g_assert_cmpstr (type, ==, "Patient");
  g_assert_cmpstr (id, ==, "123");
  g_clear_pointer (&type, g_free);
  g_clear_pointer (&id, g_free);

  g_assert_true (hz_fhir_split_reference ("Observation/obs-3/_history/2", &type, &id));
  g_assert_cmpstr (type, ==, "Observation");
  g_assert_cmpstr (id, ==, "obs-3");
  g_clear_pointer (&type, g_free);
  g_clear_pointer (&id, g_free);

  /* optional outputs */
  g_assert_true (hz_fhir_split_reference ("EpisodeOfCare/ep.1", NULL, NULL));

  g_assert_false (hz_fhir_split_reference ("http://example.org/fhir/Patient/123", &type, &id));
  g_assert_null (type);
  g_assert_null (id);
  g_assert_false (hz_fhir_split_reference ("urn:uuid:9d8b3f7e-1111-4a2b-8c3d-000000000001", &type, &id));
  g_assert_false (hz_fhir_split_reference ("#contained-1", &type, &id));
  g_assert_false (hz_fhir_split_reference ("Patient/", &type, &id));
  g_assert_false (hz_fhir_split_reference ("Patient", &type, &id));
  g_assert_false (hz_fhir_split_reference ("patient/123", &type, &id));
  g_assert_false (hz_fhir_split_reference ("Patient/a b", &type, &id));
  g_assert_false (hz_fhir_split_reference ("Patient/1/2", &type, &id));
  g_assert_false (hz_fhir_split_reference (NULL, &type, &id));
  g_assert_null (type);
  g_assert_null (id);
}

static void
collect_reference (const char *path,
                   HzJv       *reference_object,
                   HzJv       *reference_value,
                   gpointer    user_data)
{
  GPtrArray *found = user_data;

  g_assert_cmpstr (hz_jv_get_string (reference_object, "reference"), ==, reference_value->str);
  g_ptr_array_add (found, g_strdup_printf ("%s=%s", path, reference_value->str));
}

static HzJsonDoc *
parse_doc (const char *json)
{
  g_autoptr(GError) error = NULL;
  HzJsonDoc *doc = hz_json_doc_parse (g_strdup (json), strlen (json), &error);

  g_assert_no_error (error);
  return doc;
}

static void
test_foreach_reference (void)
{
  g_autoptr(HzJsonDoc) audit = parse_doc (
    "{\"resourceType\": \"AuditEvent\", \"id\": \"a1\","
    " \"agent\": [{\"who\": {\"display\": \"王丽\"}}],"
    " \"entity\": [{\"what\": {\"reference\": \"Observation/obs-1\"}},"
    "              {\"what\": {\"reference\": \"Patient/p1\", \"display\": \"李梅\"}}],"
    " \"basedOn\": {\"reference\": \"ServiceRequest/sr-1\","
    "               \"extension\": [{\"valueReference\": {\"reference\": \"Task/t-1\"}}]},"
    " \"note\": [\"text\", 3, null, [{\"reference\": \"#c1\"}]]"
    "}");
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  hz_fhir_jv_foreach_reference (hz_json_doc_get_root (audit), collect_reference, found);

  g_assert_cmpuint (found->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (found, 0), ==, "entity[0].what.reference=Observation/obs-1");
  g_assert_cmpstr (g_ptr_array_index (found, 1), ==, "entity[1].what.reference=Patient/p1");
  g_assert_cmpstr (g_ptr_array_index (found, 2), ==, "basedOn.reference=ServiceRequest/sr-1");
  g_assert_cmpstr (g_ptr_array_index (found, 3), ==,
                   "basedOn.extension[0].valueReference.reference=Task/t-1");
  g_assert_cmpstr (g_ptr_array_index (found, 4), ==, "note[3][0].reference=#c1");
}

static void
test_simple_paths (void)
{
  g_autoptr(HzJsonDoc) obs = parse_doc (
    "{\"resourceType\": \"Observation\", \"id\": \"o\", \"subject\": {\"reference\": \"Patient/p\"},"
    " \"encounter\": {\"reference\": \"Encounter/e\"}}");
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  hz_fhir_jv_foreach_reference (hz_json_doc_get_root (obs), collect_reference, found);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (found, 0), ==, "subject.reference=Patient/p");
  g_assert_cmpstr (g_ptr_array_index (found, 1), ==, "encounter.reference=Encounter/e");
}

#define ROOT(doc) ((const HzJv *) hz_json_doc_get_root (doc))

static void
test_resource_date (void)
{
  g_autoptr(HzJsonDoc) obs = parse_doc (
    "{\"resourceType\": \"Observation\", \"issued\": \"2024-03-02T00:00:00Z\","
    " \"effectiveDateTime\": \"2024-03-01\"}");
  g_autoptr(HzJsonDoc) episode = parse_doc (
    "{\"resourceType\": \"EpisodeOfCare\", \"period\": {\"start\": \"2024-01-10\"}}");
  g_autoptr(HzJsonDoc) appointment = parse_doc (
    "{\"resourceType\": \"Appointment\", \"start\": \"2024-06-01T09:00:00+08:00\"}");
  g_autoptr(HzJsonDoc) patient = parse_doc (
    "{\"resourceType\": \"Patient\", \"birthDate\": \"1990-01-01\"}");

  g_assert_cmpstr (hz_fhir_jv_get_resource_date (ROOT (obs)), ==, "2024-03-01");
  g_assert_cmpstr (hz_fhir_jv_get_resource_date (ROOT (episode)), ==, "2024-01-10");
  g_assert_cmpstr (hz_fhir_jv_get_resource_date (ROOT (appointment)), ==, "2024-06-01T09:00:00+08:00");
  g_assert_null (hz_fhir_jv_get_resource_date (ROOT (patient)));
  g_assert_null (hz_fhir_jv_get_resource_date (NULL));
}

static void
test_concepts (void)
{
  g_autoptr(HzJsonDoc) obs = parse_doc (
    "{\"resourceType\": \"Observation\","
    " \"meta\": {\"tag\": [{\"system\": \"http://other\", \"code\": \"x\"},"
    "                      {\"system\": \"" HZ_SYSTEM_TEAM "\", \"code\": \"psychology\"}]},"
    " \"category\": [{\"coding\": [{\"code\": \"survey\", \"display\": \"Survey\"}]}],"
    " \"code\": {\"coding\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"123\"},"
    "                         {\"system\": \"" HZ_SYSTEM_LOINC "\", \"code\": \"" HZ_LOINC_EPDS_TOTAL "\","
    "                          \"display\": \"EPDS total\"}],"
    "          \"text\": \"爱丁堡产后抑郁量表\"}}");
  g_autoptr(HzJsonDoc) bare = parse_doc ("{\"resourceType\": \"Flag\"}");

  g_assert_cmpstr (hz_fhir_jv_get_concept_text (ROOT (obs), "code"), ==, "爱丁堡产后抑郁量表");
  g_assert_cmpstr (hz_fhir_jv_get_concept_text (ROOT (obs), "category"), ==, "Survey");
  g_assert_cmpstr (hz_fhir_jv_get_concept_code (ROOT (obs), "code", HZ_SYSTEM_LOINC), ==, HZ_LOINC_EPDS_TOTAL);
  g_assert_cmpstr (hz_fhir_jv_get_concept_code (ROOT (obs), "code", NULL), ==, "123");
  g_assert_cmpstr (hz_fhir_jv_get_concept_code (ROOT (obs), "category", NULL), ==, "survey");
  g_assert_null (hz_fhir_jv_get_concept_code (ROOT (obs), "code", "http://nothing"));
  g_assert_cmpstr (hz_fhir_jv_get_team_tag (ROOT (obs)), ==, "psychology");

  g_assert_null (hz_fhir_jv_get_concept_text (ROOT (bare), "code"));
  g_assert_null (hz_fhir_jv_get_concept_code (ROOT (bare), "code", NULL));
  g_assert_null (hz_fhir_jv_get_team_tag (ROOT (bare)));
}

static void
test_members (void)
{
  g_autoptr(HzJsonDoc) doc =
    parse_doc ("{\"resourceType\": \"Patient\", \"id\": \"p1\", \"active\": true,"
               " \"meta\": {\"security\": [{\"system\": \"" HZ_SYSTEM_ACT_REASON "\","
               "                             \"code\": \"" HZ_SECURITY_DEMO "\"}]},"
               " \"multipleBirthInteger\": 2, \"weight\": 2.0, \"big\": 1e3,"
               " \"managingOrganization\": {\"display\": \"市妇幼保健院\"},"
               " \"identifier\": [\"odd\","
               "  {\"system\": \"" HZ_SYSTEM_MRN "\", \"value\": \"MRN-1\"},"
               "  {\"system\": \"" HZ_SYSTEM_ID_CARD "\", \"value\": \"110101199003071234\"},"
               "  {\"system\": \"" HZ_SYSTEM_ID_CARD "\", \"value\": \"second\"}]}");
  g_autoptr(HzJsonDoc) no_identifiers = parse_doc ("{\"identifier\": {\"value\": \"not an array\"},"
                                                   " \"meta\": {\"security\": [{\"code\": \"HTEST\"}]}}");
  const HzJv *patient = ROOT (doc);
  HzJv *organization;
  gint64 n = 0;

  g_assert_cmpstr (hz_jv_get_string (patient, "id"), ==, "p1");
  /* another type, or absent: NULL */
  g_assert_null (hz_jv_get_string (patient, "active"));
  g_assert_null (hz_jv_get_string (patient, "managingOrganization"));
  g_assert_null (hz_jv_get_string (patient, "gender"));
  g_assert_null (hz_jv_get_string (NULL, "id"));

  organization = hz_jv_get_object (patient, "managingOrganization");
  g_assert_nonnull (organization);
  g_assert_cmpstr (hz_jv_get_string (organization, "display"), ==, "市妇幼保健院");
  g_assert_null (hz_jv_get_object (patient, "id"));
  /* calls nest through a missing member */
  g_assert_null (hz_jv_get_string (hz_jv_get_object (patient, "partOf"), "display"));
  g_assert_cmpstr (hz_jv_get_path_string (patient, "managingOrganization.display"), ==, "市妇幼保健院");

  /* elements of an array: only objects count */
  g_assert_null (hz_jv_get_object_element (patient, "identifier", 0));
  g_assert_cmpstr (hz_jv_get_string (hz_jv_get_object_element (patient, "identifier", 1), "value"),
                   ==, "MRN-1");
  g_assert_null (hz_jv_get_object_element (patient, "identifier", 4));
  g_assert_null (hz_jv_get_object_element (patient, "managingOrganization", 0));
  g_assert_null (hz_jv_get_object_element (NULL, "identifier", 0));

  /* integers: only numbers written without a fraction or exponent */
  g_assert_true (hz_jv_get_int64 (hz_jv_get (patient, "multipleBirthInteger"), &n));
  g_assert_cmpint (n, ==, 2);
  g_assert_false (hz_jv_get_int64 (hz_jv_get (patient, "weight"), &n));
  g_assert_false (hz_jv_get_int64 (hz_jv_get (patient, "big"), &n));
  g_assert_false (hz_jv_get_int64 (hz_jv_get (patient, "id"), &n));
  g_assert_false (hz_jv_get_int64 (NULL, &n));

  /* the first identifier of the system */
  g_assert_cmpstr (hz_fhir_jv_get_identifier (patient, HZ_SYSTEM_ID_CARD), ==, "110101199003071234");
  g_assert_cmpstr (hz_fhir_jv_get_identifier (patient, HZ_SYSTEM_MRN), ==, "MRN-1");
  g_assert_null (hz_fhir_jv_get_identifier (patient, "urn:other"));
  g_assert_null (hz_fhir_jv_get_identifier (ROOT (no_identifiers), HZ_SYSTEM_MRN));
  g_assert_null (hz_fhir_jv_get_identifier (NULL, HZ_SYSTEM_MRN));

  /* withdrawn records and standing diagnoses: one rule each */
  {
    static const struct { const char *json; gboolean is_void; gboolean active; } cases[] = {
      { "{\"status\": \"final\"}", FALSE, TRUE },
      { "{\"status\": \"entered-in-error\"}", TRUE, TRUE },
      { "{\"status\": \"cancelled\"}", TRUE, TRUE },
      { "{\"clinicalStatus\": {\"coding\": [{\"code\": \"active\"}]}}", FALSE, TRUE },
      { "{\"clinicalStatus\": {\"coding\": [{\"code\": \"relapse\"}]}}", FALSE, TRUE },
      { "{\"clinicalStatus\": {\"coding\": [{\"code\": \"resolved\"}]}}", FALSE, FALSE },
      { "{\"clinicalStatus\": {\"coding\": [{\"code\": \"active\"}]},"
        " \"verificationStatus\": {\"coding\": [{\"code\": \"refuted\"}]}}", FALSE, FALSE },
      { "{\"verificationStatus\": {\"coding\": [{\"code\": \"entered-in-error\"}]}}", FALSE, FALSE },
      { "{\"verificationStatus\": {\"coding\": [{\"code\": \"provisional\"}]}}", FALSE, TRUE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(HzJsonDoc) record = parse_doc (cases[i].json);

        g_assert_cmpint (hz_fhir_jv_is_void (ROOT (record)), ==, cases[i].is_void);
        g_assert_cmpint (hz_fhir_jv_condition_is_active (ROOT (record)), ==, cases[i].active);
      }
    g_assert_false (hz_fhir_jv_condition_is_active (NULL));
  }

  /* demo data: HTEST of the v3-ActReason system only */
  g_assert_true (hz_fhir_jv_is_demo (patient));
  g_assert_false (hz_fhir_jv_is_demo (ROOT (no_identifiers)));
  g_assert_false (hz_fhir_jv_is_demo (NULL));
}

/* The one way an Observation's value is shown (summary page, timeline) */
static void
test_observation_value (void)
{
  static const struct {
    const char *json;
    const char *shown;
  } cases[] = {
    /* numbers exactly as recorded, units as clinicians write them */
    { "{\"valueQuantity\": {\"value\": 36.60, \"unit\": \"Cel\"}}", "36.60 Cel" },
    { "{\"valueQuantity\": {\"value\": 9.8, \"code\": \"10*9/L\"}}", "9.8×10⁹/L" },
    { "{\"valueQuantity\": {\"value\": 28.9, \"unit\": \"kg/m2\"}}", "28.9 kg/m²" },
    { "{\"component\": ["
      "  {\"code\": {\"coding\": [{\"system\": \"http://loinc.org\", \"code\": \"8480-6\"}]},"
      "   \"valueQuantity\": {\"value\": 124, \"unit\": \"mmHg\"}},"
      "  {\"code\": {\"coding\": [{\"system\": \"http://loinc.org\", \"code\": \"8462-4\"}]},"
      "   \"valueQuantity\": {\"value\": 78, \"unit\": \"mm[Hg]\"}}]}", "124/78 mmHg" },
    { "{\"valueInteger\": 15}", "15" },
    { "{\"valueString\": \"阴性\"}", "阴性" },
    { "{\"valueDateTime\": \"2026-11-20\"}", "2026-11-20" },
    { "{\"valueCodeableConcept\": {\"coding\": [{\"code\": \"final\"}]}}", "Final" },
    { "{\"valueCodeableConcept\": {\"text\": \"A 型\"}}", "A 型" },
    { "{\"component\": [{\"code\": {\"text\": \"胎心\"}, \"valueInteger\": 142}]}", "胎心 142" },
    { "{\"dataAbsentReason\": {\"text\": \"未测\"}}", "未测" },
    { "{\"status\": \"final\"}", NULL },
  };

  g_assert_true (hz_fhir_set_display_time_zone (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HzJsonDoc) doc = parse_doc (cases[i].json);
      g_autofree char *shown = hz_fhir_jv_format_observation_value (ROOT (doc));

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
  g_assert_null (hz_fhir_jv_format_observation_value (NULL));

  /* a coded value in words: text, display, the code in words, the code */
  {
    g_autoptr(HzJsonDoc) text = parse_doc ("{\"text\": \"阴性\", \"coding\": [{\"code\": \"final\"}]}");
    g_autoptr(HzJsonDoc) display = parse_doc ("{\"coding\": [{\"code\": \"x\"}, {\"display\": \"显示\"}]}");
    g_autoptr(HzJsonDoc) known = parse_doc ("{\"coding\": [{\"code\": \"booked\"}]}");
    g_autoptr(HzJsonDoc) unknown = parse_doc ("{\"coding\": [{\"system\": \"s\"}, {\"code\": \"Z99\"}]}");

    g_assert_cmpstr (hz_fhir_jv_concept_get_words (ROOT (text)), ==, "阴性");
    g_assert_cmpstr (hz_fhir_jv_concept_get_words (ROOT (display)), ==, "显示");
    g_assert_cmpstr (hz_fhir_jv_concept_get_words (ROOT (known)), ==, "Booked");
    g_assert_cmpstr (hz_fhir_jv_concept_get_words (ROOT (unknown)), ==, "Z99");
    g_assert_null (hz_fhir_jv_concept_get_words (NULL));
  }

  {
    g_autoptr(GString) line = g_string_new (NULL);

    hz_fhir_append_part (line, "2026-11-20");
    hz_fhir_append_part (line, NULL);
    hz_fhir_append_part (line, "");
    hz_fhir_append_part (line, "产科");
    g_assert_cmpstr (line->str, ==, "2026-11-20 · 产科");
  }
}

static void
test_resource_wrapper (void)
{
  g_autoptr(JsonObject) patient = parse_object (
    "{\"resourceType\": \"Patient\", \"id\": \"p1\","
    " \"name\": [{\"family\": \"李\", \"given\": [\"梅\"]}]}");
  g_autoptr(JsonObject) western = parse_object (
    "{\"resourceType\": \"Patient\", \"id\": \"p2\","
    " \"name\": [{\"family\": \"Smith\", \"given\": [\"Mary\", \"Ann\"]}]}");
  g_autoptr(JsonObject) obs = parse_object (
    "{\"resourceType\": \"Observation\", \"id\": \"o1\", \"effectiveDateTime\": \"2024-03-01T08:00:00Z\","
    " \"code\": {\"text\": \"血红蛋白\"}, \"valueQuantity\": {\"value\": 36.6}}");
  g_autoptr(JsonObject) task = parse_object (
    "{\"resourceType\": \"Task\", \"id\": \"t1\", \"description\": \"转诊到上级医院\"}");
  g_autoptr(JsonObject) consent = parse_object ("{\"resourceType\": \"Consent\", \"id\": \"c1\"}");
  g_autoptr(HzResource) rp = hz_resource_new (patient);
  g_autoptr(HzResource) rw = hz_resource_new (western);
  g_autoptr(HzResource) ro = hz_resource_new (obs);
  g_autoptr(HzResource) rt = hz_resource_new (task);
  g_autoptr(HzResource) rc = hz_resource_new (consent);
  g_autofree char *text = NULL;

  g_assert_cmpstr (hz_resource_get_resource_type (rp), ==, "Patient");
  g_assert_cmpstr (hz_resource_get_id (rp), ==, "p1");
  g_assert_cmpstr (hz_resource_get_reference (rp), ==, "Patient/p1");
  g_assert_cmpstr (hz_resource_get_title (rp), ==, "李梅");
  g_assert_null (hz_resource_get_date (rp));
  g_assert_cmpstr (hz_resource_get_title (rw), ==, "Mary Ann Smith");
  g_assert_cmpstr (hz_resource_get_title (ro), ==, "血红蛋白");
  g_assert_nonnull (hz_resource_get_date (ro));
  g_assert_cmpint (g_date_time_get_day_of_month (hz_resource_get_date (ro)), >=, 1);
  g_assert_cmpstr (hz_resource_get_title (rt), ==, "转诊到上级医院");
  g_assert_cmpstr (hz_resource_get_title (rc), ==, "Consent");
  /* a copy to change and write back: a new one each time */
  {
    g_autoptr(JsonObject) copy = hz_resource_dup_json (ro);
    g_autoptr(JsonObject) again = hz_resource_dup_json (ro);

    g_assert_true (copy != obs && copy != again);
    g_assert_true (json_object_equal (copy, obs));
  }

  /* the read-only tree */
  {
    const HzJv *value = hz_resource_get_value (ro);
    const HzJv *quantity = hz_jv_get_object (value, "valueQuantity");
    const HzJv *member;
    gboolean b = TRUE;
    double d = 0;
    guint n = 0;

    g_assert_cmpint (hz_jv_get_value_type (value), ==, HZ_JV_OBJECT);
    g_assert_cmpuint (hz_jv_get_length (value), ==, 5);
    for (member = hz_jv_get_first (value); member != NULL; member = hz_jv_get_next (member))
      n++;
    g_assert_cmpuint (n, ==, 5);
    g_assert_cmpstr (hz_jv_get_key (hz_jv_get_first (value)), ==, "resourceType");
    g_assert_cmpstr (hz_jv_get_path_string (value, "code.text"), ==, "血红蛋白");
    g_assert_true (hz_jv_get_double (hz_jv_get (quantity, "value"), &d));
    g_assert_cmpfloat_with_epsilon (d, 36.6, 1e-9);
    /* wrong types and absent members answer NULL / FALSE, never crash */
    g_assert_false (hz_jv_get_double (hz_jv_get (value, "id"), &d));
    g_assert_false (hz_jv_get_boolean (hz_jv_get (value, "id"), &b));
    g_assert_null (hz_jv_get_str (quantity));
    g_assert_null (hz_jv_get_object (NULL, "x"));
    g_assert_null (hz_jv_get_element (quantity, 0));
    g_assert_null (hz_jv_get_first (hz_jv_get (value, "id")));
    g_assert_cmpuint (hz_jv_get_length (NULL), ==, 0);
    g_assert_cmpstr (hz_fhir_jv_get_concept_text (value, "code"), ==, "血红蛋白");
    g_assert_null (hz_fhir_jv_get_team_tag (value));
  }
  {
    g_autofree char *name = hz_fhir_jv_dup_human_name (hz_resource_get_value (rw));

    g_assert_cmpstr (name, ==, "Mary Ann Smith");
  }

  /* decimals are written back as they were read, not 36.600000000000001 */
  text = hz_resource_to_string (ro);
  g_assert_nonnull (strstr (text, "\"value\":36.6}"));
}

static void
test_actor (void)
{
  g_autoptr(HzActor) actor = hz_actor_parse ("王丽|psychology|主任医师|市妇幼保健院");
  g_autoptr(HzActor) name_only = hz_actor_parse ("张三");
  g_autoptr(HzActor) copy = NULL;
  HzTeam team;

  g_assert_nonnull (actor);
  g_assert_cmpstr (actor->name, ==, "王丽");
  g_assert_cmpint (actor->team, ==, HZ_TEAM_PSYCHOLOGY);
  g_assert_cmpstr (actor->role, ==, "主任医师");
  g_assert_cmpstr (actor->hospital, ==, "市妇幼保健院");

  copy = hz_actor_copy (actor);
  g_assert_cmpstr (copy->hospital, ==, "市妇幼保健院");

  g_assert_nonnull (name_only);
  g_assert_cmpstr (name_only->name, ==, "张三");
  g_assert_cmpint (name_only->team, ==, HZ_TEAM_OTHER);
  g_assert_null (name_only->role);

  g_assert_null (hz_actor_parse (""));
  g_assert_null (hz_actor_parse ("|obstetrics"));
  g_assert_null (hz_actor_parse ("王丽|surgery"));

  for (team = HZ_TEAM_OBSTETRICS; team <= HZ_TEAM_OTHER; team++)
    {
      HzTeam parsed;

      g_assert_true (hz_team_from_string (hz_team_to_string (team), &parsed));
      g_assert_cmpint (parsed, ==, team);
      g_assert_nonnull (hz_team_get_display_name (team));
    }
  g_assert_true (hz_team_from_string ("产科", &team));
  g_assert_cmpint (team, ==, HZ_TEAM_OBSTETRICS);
  g_assert_true (hz_team_from_string ("Nutrition", &team));
  g_assert_cmpint (team, ==, HZ_TEAM_NUTRITION);
  g_assert_false (hz_team_from_string ("cardiology", &team));
  g_assert_cmpstr (hz_team_get_display_name (HZ_TEAM_REPRODUCTIVE), ==, "Reproductive medicine");
}

static void
test_settings_actor (void)
{
  g_autoptr(GSettings) settings = hz_settings_new ();
  g_autoptr(HzActor) from_env = NULL;
  g_autoptr(HzActor) from_settings = NULL;
  g_autoptr(HzActor) nobody = NULL;
  g_autoptr(HzActor) doctor = hz_actor_new ("赵敏", HZ_TEAM_NUTRITION, "营养师", "县医院");

  g_assert_nonnull (settings);

  g_setenv ("HUIZHEN_USER", "测试医生|obstetrics|主治医师|测试医院", TRUE);
  from_env = hz_settings_dup_actor (settings);
  g_assert_cmpstr (from_env->name, ==, "测试医生");
  g_assert_cmpint (from_env->team, ==, HZ_TEAM_OBSTETRICS);

  g_unsetenv ("HUIZHEN_USER");
  hz_settings_set_actor (settings, NULL);
  nobody = hz_settings_dup_actor (settings);
  g_assert_null (nobody);

  hz_settings_set_actor (settings, doctor);
  from_settings = hz_settings_dup_actor (settings);
  g_assert_nonnull (from_settings);
  g_assert_cmpstr (from_settings->name, ==, "赵敏");
  g_assert_cmpint (from_settings->team, ==, HZ_TEAM_NUTRITION);
  g_assert_cmpstr (from_settings->role, ==, "营养师");
  g_assert_cmpstr (from_settings->hospital, ==, "县医院");
}

static void
test_risk_colours (void)
{
  g_assert_cmpint (hz_risk_colour_from_string ("green"), ==, HZ_RISK_GREEN);
  g_assert_cmpint (hz_risk_colour_from_string ("Yellow"), ==, HZ_RISK_YELLOW);
  g_assert_cmpint (hz_risk_colour_from_string ("橙"), ==, HZ_RISK_ORANGE);
  g_assert_cmpint (hz_risk_colour_from_string ("红色"), ==, HZ_RISK_RED);
  g_assert_cmpint (hz_risk_colour_from_string ("绿"), ==, HZ_RISK_GREEN);
  g_assert_cmpint (hz_risk_colour_from_string ("purple"), ==, HZ_RISK_UNKNOWN);
  g_assert_cmpint (hz_risk_colour_from_string (NULL), ==, HZ_RISK_UNKNOWN);
  g_assert_cmpstr (hz_risk_colour_to_string (HZ_RISK_RED), ==, "red");
  g_assert_cmpstr (hz_risk_colour_get_display_name (HZ_RISK_ORANGE), ==, "Orange");
  g_assert_cmpstr (hz_risk_colour_get_display_name (HZ_RISK_UNKNOWN), ==, "Not graded");
}

/* Shown dates and times do not depend on this machine's time zone: the
 * suite runs this with TZ=UTC, Asia/Shanghai and America/New_York. */
static void
test_display_time (void)
{
  static const struct {
    const char *value;
    const char *zone;       /* the hospital's, NULL: the record's own */
    const char *date;
    const char *date_time;
  } cases[] = {
    { "2026-11-20T14:00:00+08:00", NULL, "2026-11-20", "2026-11-20 14:00" },
    { "2026-11-20T23:30:00+08:00", NULL, "2026-11-20", "2026-11-20 23:30" },
    { "2026-11-20T02:00:00+08:00", NULL, "2026-11-20", "2026-11-20 02:00" },
    { "2026-11-20", NULL, "2026-11-20", "2026-11-20" },
    { "2026-11-20T14:00:00", NULL, "2026-11-20", "2026-11-20 14:00" },
    { "2026-11-20T14:00:00+08:00", "Asia/Shanghai", "2026-11-20", "2026-11-20 14:00" },
    { "2026-11-20T06:00:00Z", "Asia/Shanghai", "2026-11-20", "2026-11-20 14:00" },
    { "2026-11-20T02:00:00+08:00", "America/New_York", "2026-11-19", "2026-11-19 13:00" },
    /* a date alone never shifts, whatever the zone */
    { "2026-11-20", "America/New_York", "2026-11-20", "2026-11-20" },
    { "2026-11-20", "Asia/Shanghai", "2026-11-20", "2026-11-20" },
  };

  g_test_message ("TZ=%s", g_getenv ("TZ") ? g_getenv ("TZ") : "(unset)");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = NULL;
      g_autofree char *date_time = NULL;

      g_autofree char *json = NULL;
      g_autoptr(HzResource) resource = NULL;
      g_autoptr(GDateTime) shown = NULL;
      g_autofree char *shown_text = NULL;
      GDate day;
      char day_text[16];

      g_assert_true (hz_fhir_set_display_time_zone (cases[i].zone));
      date = hz_fhir_format_date (cases[i].value);
      date_time = hz_fhir_format_date_time (cases[i].value);
      g_assert_cmpstr (date, ==, cases[i].date);
      g_assert_cmpstr (date_time, ==, cases[i].date_time);

      /* what views group and sort by is the same day (the timeline's
       * rows, a resource's day) */
      shown = hz_fhir_parse_display_datetime (cases[i].value);
      shown_text = g_date_time_format (shown, "%Y-%m-%d");
      g_assert_cmpstr (shown_text, ==, cases[i].date);
      json = g_strdup_printf ("{\"resourceType\": \"Observation\", \"id\": \"o\","
                              " \"effectiveDateTime\": \"%s\"}", cases[i].value);
      resource = hz_resource_new_from_data (json, -1, NULL);
      g_assert_true (hz_resource_get_day (resource, &day));
      g_snprintf (day_text, sizeof day_text, "%04d-%02d-%02d",
                  g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day));
      g_assert_cmpstr (day_text, ==, cases[i].date);
    }

  g_assert_false (hz_fhir_set_display_time_zone ("Not/A_Zone"));
  g_assert_true (hz_fhir_set_display_time_zone (NULL));
  g_assert_null (hz_fhir_dup_display_time_zone ());
  g_assert_null (hz_fhir_format_date ("not a date"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/huizhen/fhir/resource-types", test_resource_types);
  g_test_add_func ("/huizhen/fhir/dates-valid", test_dates_valid);
  g_test_add_func ("/huizhen/fhir/dates-invalid", test_dates_invalid);
  g_test_add_func ("/huizhen/fhir/parse-datetime", test_parse_datetime);
  g_test_add_func ("/huizhen/fhir/parse-date", test_parse_date);
  g_test_add_func ("/huizhen/fhir/ids", test_ids);
  g_test_add_func ("/huizhen/fhir/split-reference", test_split_reference);
  g_test_add_func ("/huizhen/fhir/foreach-reference", test_foreach_reference);
  g_test_add_func ("/huizhen/fhir/foreach-reference-simple", test_simple_paths);
  g_test_add_func ("/huizhen/fhir/resource-date", test_resource_date);
  g_test_add_func ("/huizhen/fhir/concepts", test_concepts);
  g_test_add_func ("/huizhen/fhir/members", test_members);
  g_test_add_func ("/huizhen/fhir/resource", test_resource_wrapper);
  g_test_add_func ("/huizhen/fhir/observation-value", test_observation_value);
  g_test_add_func ("/huizhen/fhir/actor", test_actor);
  g_test_add_func ("/huizhen/fhir/settings-actor", test_settings_actor);
  g_test_add_func ("/huizhen/fhir/risk-colours", test_risk_colours);
  g_test_add_func ("/huizhen/fhir/display-time", test_display_time);

  return g_test_run ();
}
