/* hz-fhir.h — the FHIR R4 resource types the store holds, and validation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "hz-actor.h"
#include "hz-json-value.h"

G_BEGIN_DECLS

/* NULL-terminated list of the resourceType values the store accepts:
 * Patient, EpisodeOfCare, Encounter, Condition, Observation, RiskAssessment,
 * Flag, ImagingStudy, Media, DiagnosticReport, ServiceRequest, Task,
 * Appointment, CareTeam, QuestionnaireResponse, CarePlan, Composition,
 * Consent, AuditEvent, Provenance. */
const char * const *hz_fhir_get_resource_types (void);
gboolean            hz_fhir_is_known_type      (const char *resource_type);

/* FHIR id: [A-Za-z0-9\-\.]{1,64} */
gboolean            hz_fhir_id_is_valid        (const char *id);

/* FHIR date / dateTime / instant grammar plus a real calendar date
 * (no 2023-02-30). Accepts "2024", "2024-05", "2024-05-06",
 * "2024-05-06T10:20:30+08:00" and with fractions of seconds. */
gboolean            hz_fhir_date_is_valid      (const char *value);

/* Parse a FHIR date/dateTime to a GDateTime (a date alone is midnight
 * local time; partial dates take the first day). NULL if invalid. */
GDateTime          *hz_fhir_parse_datetime     (const char *value);

/* The calendar day of a FHIR date/dateTime as written where it was
 * recorded ("2024-05-06T23:30:00+08:00" is 6 May whatever this machine's
 * time zone) into @date; partial dates take the first day. FALSE, and
 * @date cleared, if @value is NULL or not valid. */
gboolean            hz_fhir_parse_date         (const char *value,
                                                GDate      *date);

/* @node as JSON text indented by two spaces, numbers written as the store
 * writes them (24.0, 6.76; never 24.300000000000001): for programs that
 * print JSON. @length: (out) (optional). (transfer full) */
char               *hz_json_node_to_data       (JsonNode   *node,
                                                gsize      *length);

/* Member @member of the object being built: the string @value, or null
 * when @value is NULL (so that a reader tells absent from unknown). */
void                hz_json_builder_add_string_member (JsonBuilder *builder,
                                                       const char  *member,
                                                       const char  *value);

/* Split "Patient/123" into type and id. FALSE for anything else
 * (absolute URLs, urn:uuid:, #contained). */
gboolean            hz_fhir_split_reference    (const char  *reference,
                                                char       **out_type,
                                                char       **out_id);


G_END_DECLS

G_BEGIN_DECLS

/* Code systems and codes the application agrees on (docs/data-model.md). */
#define HZ_SYSTEM_LOINC        "http://loinc.org"
#define HZ_SYSTEM_SNOMED       "http://snomed.info/sct"
#define HZ_SYSTEM_TEAM         "https://huizhen.github.io/fhir/CodeSystem/team"
/* meta.security of demo data: v3-ActReason HTEST, "test health data" */
#define HZ_SYSTEM_ACT_REASON   "http://terminology.hl7.org/CodeSystem/v3-ActReason"
#define HZ_SECURITY_DEMO       "HTEST"
#define HZ_SYSTEM_RISK_COLOUR  "https://huizhen.github.io/fhir/CodeSystem/risk-colour"
#define HZ_SYSTEM_ID_CARD      "urn:oid:2.16.156.10011.1.3"   /* 居民身份证 */
#define HZ_SYSTEM_MRN          "https://huizhen.github.io/fhir/sid/mrn"
/* EpisodeOfCare.type: what the case began as; code "preconception" (备孕,
 * pre-conception care) before a pregnancy exists */
#define HZ_SYSTEM_EPISODE_TYPE "https://huizhen.github.io/fhir/CodeSystem/episode-type"
#define HZ_EPISODE_PRECONCEPTION "preconception"
/* The MDT meeting's codes (docs/data-model.md, "MDT meetings"). An
 * EpisodeOfCare typed HZ_SYSTEM_MEETING_CODE|HZ_CASE_KIND_MEETING is a
 * meeting, a case of its own kind: not on the case list. */
#define HZ_SYSTEM_MEETING_CODE "https://huizhen.github.io/fhir/CodeSystem/mdt"
#define HZ_CASE_KIND_MEETING   "mdt-meeting"

#define HZ_LOINC_LMP            "8665-2"    /* Last menstrual period start date */
#define HZ_LOINC_EDD            "11778-8"   /* Delivery date Estimated */
#define HZ_LOINC_CRL            "11957-8"   /* Crown rump length US (mm) */
#define HZ_LOINC_DELIVERY_DATE  "93857-1"   /* Date and time of obstetric delivery */
#define HZ_LOINC_GRAVIDA        "11996-6"   /* [#] Pregnancies: 孕次 */
#define HZ_LOINC_PARA           "11977-6"   /* [#] Parity: 产次 */
#define HZ_LOINC_BIRTHS_TERM    "11639-1"   /* [#] Births.term: 足月产 */
#define HZ_LOINC_BIRTHS_PRETERM "11637-5"   /* [#] Births.preterm: 早产 */
#define HZ_LOINC_ABORTIONS      "11612-8"   /* [#] Abortions: 流产 */
#define HZ_LOINC_LIVING_CHILDREN "11638-3"  /* [#] Births.still living: 现存子女 */
#define HZ_LOINC_BODY_WEIGHT    "29463-7"
#define HZ_LOINC_BODY_HEIGHT    "8302-2"
#define HZ_LOINC_BMI            "39156-5"
#define HZ_LOINC_PREPREG_WEIGHT "56077-1"
#define HZ_LOINC_BP_PANEL       "85354-9"
#define HZ_LOINC_BP_SYSTOLIC    "8480-6"
#define HZ_LOINC_BP_DIASTOLIC   "8462-4"
#define HZ_LOINC_HCG            "21198-7"   /* beta hCG, mIU/mL */
#define HZ_LOINC_PROGESTERONE   "2839-9"    /* ng/mL */
#define HZ_LOINC_HAEMOGLOBIN    "718-7"     /* g/L */
#define HZ_LOINC_FASTING_GLUCOSE "1558-6"   /* mmol/L */
#define HZ_LOINC_EPDS_TOTAL     "99046-5"
#define HZ_LOINC_PHQ9_TOTAL     "44261-6"
#define HZ_LOINC_GAD7_TOTAL     "70274-6"

/* Reading a resource: on its HzJv tree (hz_resource_get_value(), or a
 * value of the store's documents), never on a json-glib tree. Each
 * reader takes NULL and returns NULL (FALSE) when what it looks for is
 * absent or of another type, so that calls nest; strings are
 * (transfer none). */

/* The clinically meaningful date of a resource (effectiveDateTime,
 * period.start, authored, date, issued, started, ...), or NULL. */
const char         *hz_fhir_jv_get_resource_date (const HzJv *resource);
/* First text, else coding display, of a CodeableConcept member (or of
 * the first of an array of them that has one), or NULL. */
const char         *hz_fhir_jv_get_concept_text  (const HzJv *resource,
                                                  const char *member);
/* First coding code of a CodeableConcept member with the given system
 * (or any system if @system is NULL), or NULL. */
const char         *hz_fhir_jv_get_concept_code  (const HzJv *resource,
                                                  const char *member,
                                                  const char *system);
/* The team a resource belongs to: meta.tag with system HZ_SYSTEM_TEAM,
 * code "obstetrics" | "reproductive" | "psychology" | "nutrition" | "other".
 * NULL when untagged. */
const char         *hz_fhir_jv_get_team_tag      (const HzJv *resource);
/* The first extension of @element with @url, or NULL */
HzJv               *hz_fhir_jv_get_extension     (const HzJv *element,
                                                  const char *url);
/* The value of the first identifier with @system (e.g. HZ_SYSTEM_ID_CARD
 * in Patient.identifier), or NULL. */
const char         *hz_fhir_jv_get_identifier    (const HzJv *resource,
                                                  const char *system);
/* TRUE if meta.security holds v3-ActReason HTEST: demo data. */
gboolean            hz_fhir_jv_is_demo           (const HzJv *resource);
/* An EpisodeOfCare begun before a pregnancy (备孕): a type coded
 * HZ_SYSTEM_EPISODE_TYPE HZ_EPISODE_PRECONCEPTION. The same case goes on
 * once the pregnancy is dated; hz_case_phase_is_preconception() says
 * whether it is still before one. */
gboolean            hz_fhir_jv_episode_began_preconception (const HzJv *episode);
/* A record withdrawn: status entered-in-error or cancelled (kept, counted
 * by no rule). */
gboolean            hz_fhir_jv_is_void           (const HzJv *resource);
/* A Condition that stands: clinical status active/recurrence/relapse or
 * none, not refuted or entered in error. */
gboolean            hz_fhir_jv_condition_is_active (const HzJv *condition);
/* Patient.name[0] as one string (Chinese family-first), or NULL. (transfer full) */
char               *hz_fhir_jv_dup_human_name    (const HzJv *resource);

/* Building a resource to write: every team's records use these */
/* A Reference: @reference and @display, each when not NULL. (transfer full) */
JsonObject         *hz_fhir_new_reference        (const char *reference,
                                                  const char *display);
/* A Coding: @system, @code, and @display when not NULL. (transfer full) */
JsonObject         *hz_fhir_new_coding           (const char *system,
                                                  const char *code,
                                                  const char *display);
/* A CodeableConcept: one coding of @system (none when @system is NULL)
 * with @text as its display, and @text. (transfer full) */
JsonObject         *hz_fhir_new_concept          (const char *system,
                                                  const char *code,
                                                  const char *text);

/* Sets meta.tag of a resource being written to the team code of @team
 * (system HZ_SYSTEM_TEAM, with its display), replacing a team tag it had
 * and keeping its other tags. */
void                hz_fhir_set_team_tag         (JsonObject *resource,
                                                  HzTeam      team);

G_END_DECLS
