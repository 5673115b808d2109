/* hz-antenatal.h — an antenatal visit (产前检查) and the dating entries, as resources
 *
 * What the obstetrics page writes, built here so that the checks of each
 * field and the shape of the resources (docs/data-model.md) are one rule,
 * tested without GTK:
 *  - a visit: one Encounter (class AMB, type text 产前检查, period.start, the
 *    case's EpisodeOfCare) + its Observations (weight 29463-7, blood
 *    pressure 85354-9 with 8480-6 / 8462-4, fundal height 11881-0, fetal
 *    heart rate 55283-6, oedema 45700-2, urine protein 20454-5), each
 *    referencing the Encounter, + an Appointment for the next visit;
 *  - the LMP (8665-2) and a CRL (11957-8): a new Observation, or a new
 *    version (status corrected) of the one recorded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hz-case.h"

G_BEGIN_DECLS

#define HZ_LOINC_FUNDAL_HEIGHT    "11881-0"   /* Uterus Fundal height Tape measure */
#define HZ_LOINC_FETAL_HEART_RATE "55283-6"   /* Fetal Heart rate */
#define HZ_LOINC_OEDEMA           "45700-2"   /* Edema (as WHO SMART ANC and Thailand MoPH antenatal profiles code it) */
#define HZ_LOINC_URINE_PROTEIN    "20454-5"   /* Protein [Presence] in Urine by Test strip */

/* Oedema as the antenatal card grades it: − / + (ankles and lower legs) /
 * ++ (up to the thighs) / +++ (vulva, abdominal wall or generalised) */
typedef enum {
  HZ_OEDEMA_NONE,
  HZ_OEDEMA_ONE,
  HZ_OEDEMA_TWO,
  HZ_OEDEMA_THREE,
  HZ_N_OEDEMA
} HzOedema;

/* Urine protein by test strip: − / ± / + / ++ / +++ */
typedef enum {
  HZ_URINE_PROTEIN_NEGATIVE,
  HZ_URINE_PROTEIN_TRACE,
  HZ_URINE_PROTEIN_ONE,
  HZ_URINE_PROTEIN_TWO,
  HZ_URINE_PROTEIN_THREE,
  HZ_N_URINE_PROTEIN
} HzUrineProtein;

/* "−", "+", "++", "+++" (the same in every language) */
const char   *hz_oedema_get_symbol          (HzOedema       oedema);
/* "−", "±", "+", "++", "+++" */
const char   *hz_urine_protein_get_symbol   (HzUrineProtein protein);

/* The fields of the visit form that are typed */
typedef enum {
  HZ_VISIT_FIELD_WEIGHT,          /* kg, required, 30–200, to 0.1 */
  HZ_VISIT_FIELD_SYSTOLIC,        /* mm[Hg], required, 60–260, whole */
  HZ_VISIT_FIELD_DIASTOLIC,       /* mm[Hg], required, 30–160, whole, below the systolic */
  HZ_VISIT_FIELD_FUNDAL_HEIGHT,   /* cm, optional (not measured early), 5–50, to 0.1 */
  HZ_VISIT_FIELD_FETAL_HEART,     /* /min, optional (not heard early), 50–240, whole */
  HZ_VISIT_FIELD_NEXT_VISIT,      /* YYYY-MM-DD, required, today or later, within 180 days */
  HZ_VISIT_N_FIELDS
} HzVisitField;

typedef struct
{
  double          weight_kg;
  int             systolic;
  int             diastolic;
  double          fundal_height_cm;   /* < 0: not measured */
  int             fetal_heart_rate;   /* < 0: not measured */
  HzOedema        oedema;
  HzUrineProtein  urine_protein;
  GDate           next_visit;
  guint           set;                /* bit per HzVisitField that holds a value */
} HzVisit;

void          hz_visit_init                 (HzVisit      *visit);

/* Reads @text (as typed; surrounding spaces ignored) into @field of
 * @visit. FALSE with a translated message naming the field and the range
 * when it is not a number (or a date), out of range, missing when
 * required, or a next visit before @today; @visit then holds nothing for
 * @field. An empty optional field is "not measured". */
gboolean      hz_visit_set_field            (HzVisit      *visit,
                                             HzVisitField  field,
                                             const char   *text,
                                             const GDate  *today,
                                             GError      **error);

/* The checks across fields, once every field was set: the required ones
 * are there and the diastolic is below the systolic. @field_out
 * (optional) receives the field at fault. */
gboolean      hz_visit_check                (const HzVisit *visit,
                                             HzVisitField  *field_out,
                                             GError       **error);

/* The resources of a visit at @when, to be written in one transaction: the
 * Encounter first, then its Observations, then the Appointment (start
 * 08:30 local time of the next-visit day). New ids, the team tag
 * obstetrics, performer the store's actor. @visit must have passed
 * hz_visit_check(). (transfer full) (element-type JsonObject) */
GPtrArray    *hz_visit_build_resources      (HzCase        *kase,
                                             const HzVisit *visit,
                                             GDateTime     *when);

/* The LMP @lmp entered on the obstetrics page at @when: a new Observation
 * 8665-2, or when @previous (an LMP Observation of the case) is given, its
 * new version with status corrected. NULL with a translated message for
 * an LMP after @today or more than 44 weeks before it. (transfer full) */
JsonObject   *hz_dating_new_lmp_observation (HzCase      *kase,
                                             const GDate *lmp,
                                             HzResource  *previous,
                                             const GDate *today,
                                             GDateTime   *when,
                                             GError     **error);

/* A CRL of @crl_mm measured by ultrasound on @scan_date: a new Observation
 * 11957-8 in mm, or the new version of @previous. NULL with a translated
 * message for a CRL outside HZ_GA_CRL_MIN_MM–HZ_GA_CRL_MAX_MM or a scan
 * date after @today. (transfer full) */
JsonObject   *hz_dating_new_crl_observation (HzCase      *kase,
                                             double       crl_mm,
                                             const GDate *scan_date,
                                             HzResource  *previous,
                                             const GDate *today,
                                             GDateTime   *when,
                                             GError     **error);

/* --- the delivery and the newborn's link (分娩与新生儿) --------------------- */

#define HZ_LOINC_BIRTH_WEIGHT "8339-4"   /* Birth weight Measured */
#define HZ_LOINC_APGAR_1MIN   "9272-6"   /* 1 minute Apgar Score */
#define HZ_LOINC_APGAR_5MIN   "9274-2"   /* 5 minute Apgar Score */
/* A newborn Patient's mother: extension valueReference Patient/… */
#define HZ_EXTENSION_MOTHER   "https://huizhen.github.io/fhir/StructureDefinition/mother"
/* The Task codes of the newborn's link (system HZ_SYSTEM_TASK_CODE) */
#define HZ_TASK_NEWBORN_CHILD_HEALTH "newborn-child-health"
#define HZ_TASK_NEWBORN_NICU         "newborn-nicu"

typedef enum {
  HZ_NEWBORN_FEMALE,
  HZ_NEWBORN_MALE,
  HZ_NEWBORN_SEX_UNDETERMINED,
  HZ_N_NEWBORN_SEX
} HzNewbornSex;

/* Where the newborn goes from the delivery room: with the mother, then
 * child-health follow-up (儿童保健随访), or admitted to the NICU
 * (转入新生儿科); either is a referral to paediatrics */
typedef enum {
  HZ_NEWBORN_LINK_CHILD_HEALTH,
  HZ_NEWBORN_LINK_NICU,
  HZ_N_NEWBORN_LINKS
} HzNewbornLink;

typedef enum {
  HZ_DELIVERY_FIELD_TIME,          /* YYYY-MM-DD HH:MM, required, not in the future, GA 20+0–44+0 when dated */
  HZ_DELIVERY_FIELD_BIRTH_WEIGHT,  /* g, required, 300–7000, whole */
  HZ_DELIVERY_FIELD_APGAR_1,       /* 0–10, optional */
  HZ_DELIVERY_FIELD_APGAR_5,       /* 0–10, optional */
  HZ_DELIVERY_N_FIELDS
} HzDeliveryField;

typedef struct
{
  GDateTime     *time;             /* owned; local time of the birth */
  int            birth_weight_g;
  int            apgar_1;          /* < 0: not recorded */
  int            apgar_5;
  HzNewbornSex   sex;
  HzNewbornLink  link;
  guint          set;              /* bit per HzDeliveryField that holds a value */
} HzDelivery;

void          hz_delivery_init              (HzDelivery   *delivery);
void          hz_delivery_clear             (HzDelivery   *delivery);
const char   *hz_newborn_sex_get_display_name  (HzNewbornSex  sex);   /* 女 / 男 / 性别不明 */
const char   *hz_newborn_link_get_display_name (HzNewbornLink link);  /* 儿童保健随访 / 转入新生儿科（NICU） */

/* Reads @text into @field as hz_visit_set_field() does. The birth time is
 * checked against @now and, when @kase is dated, against its GA (a birth
 * before 20+0 is a pregnancy loss, recorded on the reproductive page). */
gboolean      hz_delivery_set_field         (HzDelivery      *delivery,
                                             HzDeliveryField  field,
                                             const char      *text,
                                             HzCase          *kase,
                                             GDateTime       *now,
                                             GError         **error);
/* The required fields are there (@field_out: the one missing). */
gboolean      hz_delivery_check             (const HzDelivery *delivery,
                                             HzDeliveryField  *field_out,
                                             GError          **error);

/* The resources of a delivery, written in one transaction in the mother's
 * case: the delivery Observation 93857-1 (the mother's); the newborn, a
 * Patient (birthDate with the birth time, gender, name 「母亲之女」,
 * extension HZ_EXTENSION_MOTHER); its birth weight (g) and Apgar scores;
 * and the link as a referral to paediatrics: a ServiceRequest (category
 * Patient referral 转诊, subject the newborn, performer 儿童保健科 or
 * 新生儿科（NICU）) and its Task (code HZ_TASK_NEWBORN_*, requested, due
 * HZ_SCHEDULE_NEWBORN_VISIT_DAYS after the birth or
 * HZ_SCHEDULE_NEWBORN_NICU_HOURS after @now). All tagged obstetrics;
 * requester the store's actor. (transfer full) (element-type JsonObject) */
GPtrArray    *hz_delivery_build_resources   (HzCase           *kase,
                                             const HzDelivery *delivery,
                                             GDateTime        *now);

/* The newborns of @kase: its Patients whose HZ_EXTENSION_MOTHER names the
 * case's patient, by birth. (transfer container) (element-type HzResource) */
GPtrArray    *hz_case_find_newborns         (HzCase     *kase);

G_END_DECLS
