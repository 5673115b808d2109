/* hz-fhir.c — FHIR R4 resource types, ids, dates and references
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-fhir"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "huizhen.h"
#include "hz-fhir-private.h"

static const char * const resource_types[] = {
  "Patient",
  "EpisodeOfCare",
  "Encounter",
  "Condition",
  "Observation",
  "RiskAssessment",
  "Flag",
  "ImagingStudy",
  "Media",
  "DiagnosticReport",
  "ServiceRequest",
  "Task",
  "Appointment",
  "CareTeam",
  "QuestionnaireResponse",
  "CarePlan",
  "Composition",
  "Communication",
  "Consent",
  "AuditEvent",
  "Provenance",
  NULL
};

const char * const *
hz_fhir_get_resource_types (void)
{
  return resource_types;
}

gboolean
hz_fhir_is_known_type (const char *resource_type)
{
  if (resource_type == NULL)
    return FALSE;

  for (guint i = 0; resource_types[i] != NULL; i++)
    if (strcmp (resource_types[i], resource_type) == 0)
      return TRUE;

  return FALSE;
}

gboolean
hz_fhir_id_is_valid (const char *id)
{
  gsize len = 0;

  if (id == NULL)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++, len++)
    {
      if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '.'))
        return FALSE;
      if (len >= 64)
        return FALSE;
    }

  return len > 0;
}

/* ------------------------------------------------------------------------- */
/* Dates */

typedef struct
{
  int      year;
  int      month;     /* 0 when absent */
  int      day;       /* 0 when absent */
  gboolean has_time;
  int      hour;
  int      minute;
  int      second;
  int      usec;
  gboolean has_tz;
  int      tz_offset; /* seconds east of UTC */
} FhirDate;

static gboolean
read_digits (const char **p,
             int          n,
             int         *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }

  *p += n;
  *out = v;
  return TRUE;
}

/* FHIR date / dateTime / instant:
 *   YYYY(-MM(-DD(Thh:mm:ss(.f+)?(Z|(+|-)hh:mm)?)?)?)?
 * The time zone is required by FHIR when a time is given; hospital systems
 * often leave it out, so a missing zone is accepted and read as local time. */
static gboolean
parse_fhir_date (const char *value,
                 FhirDate   *d)
{
  const char *p = value;

  memset (d, 0, sizeof *d);

  if (value == NULL)
    return FALSE;

  if (!read_digits (&p, 4, &d->year) || d->year < 1)
    return FALSE;
  if (*p == '\0')
    return TRUE;

  if (*p++ != '-' || !read_digits (&p, 2, &d->month) || d->month < 1 || d->month > 12)
    return FALSE;
  if (*p == '\0')
    return TRUE;

  if (*p++ != '-' || !read_digits (&p, 2, &d->day) ||
      !g_date_valid_dmy (d->day, d->month, d->year))
    return FALSE;
  if (*p == '\0')
    return TRUE;

  if (*p++ != 'T')
    return FALSE;

  d->has_time = TRUE;
  if (!read_digits (&p, 2, &d->hour) || d->hour > 23 ||
      *p++ != ':' ||
      !read_digits (&p, 2, &d->minute) || d->minute > 59 ||
      *p++ != ':' ||
      !read_digits (&p, 2, &d->second) || d->second > 60)
    return FALSE;

  if (*p == '.')
    {
      int digits = 0;
      int usec = 0;

      p++;
      while (g_ascii_isdigit (*p))
        {
          if (digits < 6)
            usec = usec * 10 + (*p - '0');
          digits++;
          p++;
        }
      if (digits == 0)
        return FALSE;
      for (int i = digits; i < 6; i++)
        usec *= 10;
      d->usec = usec;
    }

  if (*p == 'Z')
    {
      d->has_tz = TRUE;
      d->tz_offset = 0;
      p++;
    }
  else if (*p == '+' || *p == '-')
    {
      int sign = *p == '-' ? -1 : 1;
      int tzh, tzm;

      p++;
      if (!read_digits (&p, 2, &tzh) || *p++ != ':' || !read_digits (&p, 2, &tzm))
        return FALSE;
      if (tzh > 14 || tzm > 59 || (tzh == 14 && tzm != 0))
        return FALSE;
      d->has_tz = TRUE;
      d->tz_offset = sign * (tzh * 3600 + tzm * 60);
    }

  return *p == '\0';
}

gboolean
hz_fhir_date_is_valid (const char *value)
{
  FhirDate d;

  return parse_fhir_date (value, &d);
}

/* A time zone at a fixed offset from UTC, shared: GLib builds a new one
 * (a string to format and parse, transitions to allocate) on each
 * g_time_zone_new_offset(), and a case's thousands of dates carry one or
 * two offsets. Thread-safe. */
static GTimeZone *
offset_time_zone (int offset)
{
  /* every quarter hour from -14:00 to +14:00 */
  static GTimeZone *cache[14 * 4 * 2 + 1];
  GTimeZone *tz;
  guint slot;

  if (offset == 0)
    return g_time_zone_new_utc ();
  if (offset % 900 != 0 || offset < -14 * 3600 || offset > 14 * 3600)
    return g_time_zone_new_offset (offset);

  slot = (guint) ((offset + 14 * 3600) / 900);
  tz = g_atomic_pointer_get (&cache[slot]);
  if (tz == NULL)
    {
      tz = g_time_zone_new_offset (offset);
      /* another thread may have made it meanwhile: keep theirs */
      if (!g_atomic_pointer_compare_and_exchange (&cache[slot], NULL, tz))
        {
          g_time_zone_unref (tz);
          tz = g_atomic_pointer_get (&cache[slot]);
        }
    }

  return g_time_zone_ref (tz);
}

GDateTime *
hz_fhir_parse_datetime (const char *value)
{
  g_autoptr(GTimeZone) tz = NULL;
  FhirDate d;

  if (!parse_fhir_date (value, &d))
    return NULL;

  if (!d.has_time)
    return g_date_time_new_local (d.year, MAX (d.month, 1), MAX (d.day, 1), 0, 0, 0);

  if (d.has_tz)
    tz = offset_time_zone (d.tz_offset);
  else
    tz = g_time_zone_new_local ();

  /* A leap second (:60) is read as the last microsecond of the minute. */
  return g_date_time_new (tz, d.year, d.month, d.day, d.hour, d.minute,
                          d.second > 59 ? 59.999999 : d.second + d.usec / 1e6);
}

gboolean
hz_fhir_parse_date (const char *value,
                    GDate      *date)
{
  FhirDate d;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (!parse_fhir_date (value, &d))
    return FALSE;

  /* The calendar day as written where it was recorded, not shifted to
   * this machine's time zone. */
  g_date_set_dmy (date, MAX (d.day, 1), MAX (d.month, 1), d.year);
  return TRUE;
}

char *
hz_fhir_date_sort_key (const char *value)
{
  g_autoptr(GDateTime) dt = hz_fhir_parse_datetime (value);
  g_autoptr(GDateTime) utc = NULL;

  if (dt == NULL)
    return NULL;

  utc = g_date_time_to_utc (dt);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static const char * const date_members[] = {
  "date", "birthDate", "effectiveDateTime", "issued", "authored", "recorded",
  "recordedDate", "onsetDateTime", "abatementDateTime", "occurrenceDateTime",
  "authoredOn", "start", "end", "started", "created", "lastModified",
  "valueDateTime", "valueDate", "dateTime", "lastUpdated", "timestamp",
  NULL
};

gboolean
hz_fhir_is_date_member (const char *member)
{
  if (member == NULL)
    return FALSE;

  for (guint i = 0; date_members[i] != NULL; i++)
    if (strcmp (member, date_members[i]) == 0)
      return TRUE;

  /* choice types: deceasedDateTime, effectiveInstant, occurredDateTime... */
  return g_str_has_suffix (member, "DateTime") || g_str_has_suffix (member, "Instant");
}

/* ------------------------------------------------------------------------- */
/* References */

gboolean
hz_fhir_split_reference (const char  *reference,
                         char       **out_type,
                         char       **out_id)
{
  const char *slash;
  const char *id_end;
  g_autofree char *id = NULL;

  if (out_type != NULL)
    *out_type = NULL;
  if (out_id != NULL)
    *out_id = NULL;

  if (reference == NULL || !g_ascii_isupper (reference[0]))
    return FALSE;

  slash = strchr (reference, '/');
  if (slash == NULL)
    return FALSE;

  for (const char *p = reference; p < slash; p++)
    if (!g_ascii_isalpha (*p))
      return FALSE;

  /* "Type/id" or "Type/id/_history/2" */
  id_end = strchr (slash + 1, '/');
  if (id_end != NULL)
    {
      const char *version = id_end + strlen ("/_history/");

      if (!g_str_has_prefix (id_end, "/_history/") || !hz_fhir_id_is_valid (version))
        return FALSE;
    }
  else
    id_end = slash + strlen (slash);

  id = g_strndup (slash + 1, id_end - (slash + 1));
  if (!hz_fhir_id_is_valid (id))
    return FALSE;

  if (out_type != NULL)
    *out_type = g_strndup (reference, slash - reference);
  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);

  return TRUE;
}

/* JSON paths as the validation messages name them: "subject.reference",
 * "entity[0].what.reference". */
static void
path_append_member (GString    *path,
                    const char *member)
{
  if (path->len > 0)
    g_string_append_c (path, '.');
  g_string_append (path, member);
}

static void
path_append_index (GString *path,
                   guint    index)
{
  g_string_append_printf (path, "[%u]", index);
}

/* ------------------------------------------------------------------------- */
/* Reading resources: the one way, on the HzJv tree of a resource
 * (hz_resource_get_value()) */

static const char * const resource_date_paths[] = {
  "effectiveDateTime",
  "effectivePeriod.start",
  "effectiveInstant",
  "occurrenceDateTime",
  "occurrencePeriod.start",
  "onsetDateTime",
  "onsetPeriod.start",
  "start",
  "started",
  "executionPeriod.start",
  "authoredOn",
  "authored",
  "createdDateTime",
  "period.start",
  "recordedDate",
  "issued",
  "date",
  "dateTime",
  "created",
  "occurredDateTime",
  "occurredPeriod.start",
  "recorded",
  NULL
};

static gboolean
is_ascii (const char *str)
{
  for (const char *p = str; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/* A HumanName as one string: its text, else the given names and the
 * family name, Chinese names family first without spaces. NULL if empty. */
static char *
join_human_name (const char *text,
                 const char *family,
                 GPtrArray  *given)
{
  g_autoptr(GString) str = NULL;
  g_autoptr(GString) given_str = NULL;

  if (text != NULL && *text != '\0')
    return g_strdup (text);

  given_str = g_string_new (NULL);
  for (guint i = 0; i < given->len; i++)
    {
      const char *name = g_ptr_array_index (given, i);

      if (given_str->len > 0 && is_ascii (name))
        g_string_append_c (given_str, ' ');
      g_string_append (given_str, name);
    }

  str = g_string_new (NULL);
  if (family != NULL && !is_ascii (family))
    {
      /* Chinese order: family name first, no space */
      g_string_append (str, family);
      g_string_append (str, given_str->str);
    }
  else
    {
      g_string_append (str, given_str->str);
      if (family != NULL && *family != '\0')
        {
          if (str->len > 0)
            g_string_append_c (str, ' ');
          g_string_append (str, family);
        }
    }

  if (str->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&str), FALSE);
}



static void
jv_foreach_reference (HzJv                  *node,
                      GString               *path,
                      HzFhirJvReferenceFunc  func,
                      gpointer               user_data)
{
  gsize len = path->len;

  if (node->type == HZ_JV_OBJECT)
    {
      HzJv *ref = hz_jv_get (node, "reference");

      if (ref != NULL && ref->type == HZ_JV_STRING)
        {
          path_append_member (path, "reference");
          func (path->str, node, ref, user_data);
          g_string_truncate (path, len);
        }

      for (HzJv *child = node->first; child != NULL; child = child->next)
        {
          if (child->type != HZ_JV_OBJECT && child->type != HZ_JV_ARRAY)
            continue;

          path_append_member (path, child->key);
          jv_foreach_reference (child, path, func, user_data);
          g_string_truncate (path, len);
        }
    }
  else if (node->type == HZ_JV_ARRAY)
    {
      guint i = 0;

      for (HzJv *child = node->first; child != NULL; child = child->next, i++)
        {
          if (child->type != HZ_JV_OBJECT && child->type != HZ_JV_ARRAY)
            continue;

          path_append_index (path, i);
          jv_foreach_reference (child, path, func, user_data);
          g_string_truncate (path, len);
        }
    }
}

void
hz_fhir_jv_foreach_reference (HzJv                  *resource,
                              HzFhirJvReferenceFunc  func,
                              gpointer               user_data)
{
  g_autoptr(GString) path = g_string_new (NULL);

  g_return_if_fail (resource != NULL);

  jv_foreach_reference (resource, path, func, user_data);
}

const char *
hz_fhir_jv_get_resource_date (const HzJv *resource)
{
  for (guint i = 0; resource_date_paths[i] != NULL; i++)
    {
      const char *value = hz_jv_get_path_string (resource, resource_date_paths[i]);

      if (value != NULL)
        return value;
    }

  return NULL;
}

const char *
hz_fhir_jv_get_concept_code (const HzJv *resource,
                             const char *member,
                             const char *system)
{
  HzJv *node = hz_jv_get (resource, member);
  HzJv *concept;

  if (node == NULL)
    return NULL;

  concept = node->type == HZ_JV_ARRAY ? node->first : node;
  for (; concept != NULL; concept = node->type == HZ_JV_ARRAY ? concept->next : NULL)
    {
      HzJv *codings = hz_jv_get_array (concept, "coding");

      for (HzJv *coding = codings ? codings->first : NULL; coding != NULL; coding = coding->next)
        {
          const char *code = hz_jv_get_string (coding, "code");

          if (code == NULL)
            continue;
          if (system == NULL || g_strcmp0 (hz_jv_get_string (coding, "system"), system) == 0)
            return code;
        }
    }

  return NULL;
}

/* A CodeableConcept member, or element @index of an array of them */
static const HzJv *
jv_get_concept (const HzJv *resource,
                const char *member,
                guint       index)
{
  HzJv *node = hz_jv_get (resource, member);

  if (node != NULL && node->type == HZ_JV_ARRAY)
    node = hz_jv_get_element (node, index);
  else if (index > 0)
    return NULL;

  return node != NULL && node->type == HZ_JV_OBJECT ? node : NULL;
}

const char *
hz_fhir_jv_get_concept_text (const HzJv *resource,
                             const char *member)
{
  const HzJv *concept;

  g_return_val_if_fail (member != NULL, NULL);

  for (guint c = 0; (concept = jv_get_concept (resource, member, c)) != NULL; c++)
    {
      const char *text = hz_jv_get_string (concept, "text");
      HzJv *codings;

      if (text != NULL && *text != '\0')
        return text;

      codings = hz_jv_get_array (concept, "coding");
      for (HzJv *coding = codings ? codings->first : NULL; coding != NULL; coding = coding->next)
        {
          const char *display = hz_jv_get_string (coding, "display");

          if (display != NULL && *display != '\0')
            return display;
        }
    }

  return NULL;
}

/* In @array of objects with a "system" (Identifier, Coding), @member of
 * the first one of @system */
static const char *
jv_find_by_system (const HzJv *array,
                   const char *system,
                   const char *member)
{
  for (HzJv *item = hz_jv_get_first (array); item != NULL; item = item->next)
    if (g_strcmp0 (hz_jv_get_string (item, "system"), system) == 0)
      return hz_jv_get_string (item, member);

  return NULL;
}

const char *
hz_fhir_jv_get_team_tag (const HzJv *resource)
{
  return jv_find_by_system (hz_jv_get_array (hz_jv_get_object (resource, "meta"), "tag"),
                            HZ_SYSTEM_TEAM, "code");
}

HzJv *
hz_fhir_jv_get_extension (const HzJv *element,
                          const char *url)
{
  for (HzJv *extension = hz_jv_get_first (hz_jv_get_array (element, "extension"));
       extension != NULL;
       extension = hz_jv_get_next (extension))
    if (g_strcmp0 (hz_jv_get_string (extension, "url"), url) == 0)
      return extension;
  return NULL;
}

const char *
hz_fhir_jv_get_identifier (const HzJv *resource,
                           const char *system)
{
  return jv_find_by_system (hz_jv_get_array (resource, "identifier"), system, "value");
}

gboolean
hz_fhir_jv_is_demo (const HzJv *resource)
{
  HzJv *security = hz_jv_get_array (hz_jv_get_object (resource, "meta"), "security");

  for (HzJv *coding = hz_jv_get_first (security); coding != NULL; coding = coding->next)
    if (g_strcmp0 (hz_jv_get_string (coding, "system"), HZ_SYSTEM_ACT_REASON) == 0 &&
        g_strcmp0 (hz_jv_get_string (coding, "code"), HZ_SECURITY_DEMO) == 0)
      return TRUE;

  return FALSE;
}

gboolean
hz_fhir_jv_episode_began_preconception (const HzJv *episode)
{
  HzJv *types = hz_jv_get_array (episode, "type");

  for (HzJv *type = hz_jv_get_first (types); type != NULL; type = type->next)
    for (HzJv *coding = hz_jv_get_first (hz_jv_get_array (type, "coding")); coding != NULL; coding = coding->next)
      if (g_strcmp0 (hz_jv_get_string (coding, "system"), HZ_SYSTEM_EPISODE_TYPE) == 0 &&
          g_strcmp0 (hz_jv_get_string (coding, "code"), HZ_EPISODE_PRECONCEPTION) == 0)
        return TRUE;
  return FALSE;
}

/**
 * hz_fhir_jv_is_void:
 *
 * A record withdrawn (status entered-in-error or cancelled): kept, never
 * erased, but counted by no clinical rule and shown by no result.
 */
gboolean
hz_fhir_jv_is_void (const HzJv *resource)
{
  const char *status = hz_jv_get_string (resource, "status");

  return g_strcmp0 (status, "entered-in-error") == 0 || g_strcmp0 (status, "cancelled") == 0;
}

/**
 * hz_fhir_jv_condition_is_active:
 *
 * A diagnosis that stands: its clinical status active, recurrence or
 * relapse (or not given), and not refuted or entered in error. The active
 * problems a page lists and the diagnoses a risk grading counts.
 */
gboolean
hz_fhir_jv_condition_is_active (const HzJv *condition)
{
  const char *clinical = hz_fhir_jv_get_concept_code (condition, "clinicalStatus", NULL);
  const char *verification = hz_fhir_jv_get_concept_code (condition, "verificationStatus", NULL);

  if (condition == NULL ||
      g_strcmp0 (verification, "refuted") == 0 ||
      g_strcmp0 (verification, "entered-in-error") == 0)
    return FALSE;

  return clinical == NULL ||
         g_str_equal (clinical, "active") ||
         g_str_equal (clinical, "recurrence") ||
         g_str_equal (clinical, "relapse");
}

char *
hz_fhir_jv_dup_human_name (const HzJv *resource)
{
  g_autoptr(GPtrArray) given_names = g_ptr_array_new ();
  HzJv *human = hz_jv_get_element (hz_jv_get_array (resource, "name"), 0);

  if (human == NULL || human->type != HZ_JV_OBJECT)
    return NULL;

  for (HzJv *given = hz_jv_get_first (hz_jv_get_array (human, "given")); given != NULL; given = given->next)
    if (given->type == HZ_JV_STRING)
      g_ptr_array_add (given_names, (gpointer) given->str);

  return join_human_name (hz_jv_get_string (human, "text"),
                          hz_jv_get_string (human, "family"), given_names);
}

static gboolean
jv_find_invalid_date (const HzJv  *node,
                      GString     *path,
                      const char **out_value)
{
  gsize len = path->len;

  if (node->type == HZ_JV_OBJECT)
    {
      for (HzJv *child = node->first; child != NULL; child = child->next)
        {
          /* the store sets meta itself */
          if (len == 0 && strcmp (child->key, "meta") == 0)
            continue;

          if (child->type == HZ_JV_STRING)
            {
              if (hz_fhir_is_date_member (child->key) && !hz_fhir_date_is_valid (child->str))
                {
                  path_append_member (path, child->key);
                  *out_value = child->str;
                  return TRUE;
                }
            }
          else if (child->type == HZ_JV_OBJECT || child->type == HZ_JV_ARRAY)
            {
              path_append_member (path, child->key);
              if (jv_find_invalid_date (child, path, out_value))
                return TRUE;
              g_string_truncate (path, len);
            }
        }
    }
  else if (node->type == HZ_JV_ARRAY)
    {
      guint i = 0;

      for (HzJv *child = node->first; child != NULL; child = child->next, i++)
        {
          if (child->type != HZ_JV_OBJECT && child->type != HZ_JV_ARRAY)
            continue;

          path_append_index (path, i);
          if (jv_find_invalid_date (child, path, out_value))
            return TRUE;
          g_string_truncate (path, len);
        }
    }

  return FALSE;
}

gboolean
hz_fhir_jv_find_invalid_date (const HzJv  *resource,
                              GString     *path,
                              const char **out_value)
{
  g_return_val_if_fail (resource != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return jv_find_invalid_date (resource, path, out_value);
}

/* ------------------------------------------------------------------------- */
/* JSON text */

static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      /* JSON has no NaN or infinity */
      g_string_append (out, "null");
      return;
    }

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (precision == 17 || g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_string_append (out, buf);
  /* keep it a decimal when read back */
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

/* A number as JSON writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
is_json_number (const char *p)
{
  if (*p == '-')
    p++;
  if (*p == '0')
    p++;
  else if (g_ascii_isdigit (*p))
    while (g_ascii_isdigit (*p))
      p++;
  else
    return FALSE;
  if (*p == '.')
    {
      if (!g_ascii_isdigit (*++p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

/* A number node keeps its text as a string behind this mark (a control
 * character, which no FHIR string holds) for append_node() */
#define NUMBER_MARK '\x1f'

JsonNode *
hz_json_number_node_new (const char *text)
{
  JsonNode *node = json_node_alloc ();

  g_return_val_if_fail (text != NULL, NULL);

  if (is_json_number (text))
    {
      g_autofree char *marked = g_strdup_printf ("%c%s", NUMBER_MARK, text);

      json_node_init_string (node, marked);
    }
  else
    json_node_init_double (node, g_ascii_strtod (text, NULL));
  return node;
}

static void
append_node (GString  *out,
             JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *member;
        JsonNode *child;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &member, &child))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            hz_json_append_escaped (out, member);
            g_string_append_c (out, ':');
            append_node (out, child);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          {
            const char *str = json_node_get_string (node);

            if (str[0] == NUMBER_MARK && is_json_number (str + 1))
              g_string_append (out, str + 1);
            else
              hz_json_append_escaped (out, str);
          }
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

char *
hz_json_quote (const char *str)
{
  GString *out = g_string_new (NULL);

  hz_json_append_escaped (out, str != NULL ? str : "");
  return g_string_free (out, FALSE);
}

char *
hz_json_node_to_string (JsonNode *node)
{
  GString *out = g_string_sized_new (512);

  g_return_val_if_fail (node != NULL, NULL);

  append_node (out, node);
  return g_string_free (out, FALSE);
}

/**
 * hz_json_node_to_data:
 * @node: a JSON tree
 * @length: (out) (optional): bytes, without the trailing NUL
 *
 * @node as JSON text indented by two spaces, written the way the store
 * writes (doubles in the fewest digits that read back the same, always
 * with a decimal point: 24.0, 24.3, 6.76, never 24.300000000000001):
 * for programs that print JSON, such as huizhen-cli.
 *
 * Returns: (transfer full): the text
 */
void
hz_json_builder_add_string_member (JsonBuilder *builder,
                                   const char  *member,
                                   const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

char *
hz_json_node_to_data (JsonNode *node,
                      gsize    *length)
{
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  char *compact;

  g_return_val_if_fail (node != NULL, NULL);

  compact = hz_json_node_to_string (node);
  /* our own text: it parses, and has no member twice */
  doc = hz_json_doc_parse (compact, strlen (compact), NULL);
  g_return_val_if_fail (doc != NULL && hz_json_doc_get_root (doc) != NULL, NULL);

  hz_jv_write_pretty (out, hz_json_doc_get_root (doc), 0);
  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
hz_json_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (object != NULL, NULL);

  json_node_set_object (node, object);
  return hz_json_node_to_string (node);
}

void
hz_fhir_set_team_tag (JsonObject *resource,
                      HzTeam      team)
{
  JsonObject *meta;
  JsonArray *tags;
  JsonArray *kept = json_array_new ();
  JsonObject *tag = json_object_new ();

  g_return_if_fail (resource != NULL);

  if (!json_object_has_member (resource, "meta") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (resource, "meta")))
    json_object_set_object_member (resource, "meta", json_object_new ());
  meta = json_object_get_object_member (resource, "meta");

  tags = json_object_has_member (meta, "tag") &&
         JSON_NODE_HOLDS_ARRAY (json_object_get_member (meta, "tag"))
           ? json_object_get_array_member (meta, "tag") : NULL;
  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      JsonNode *element = json_array_get_element (tags, i);

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (element),
                                                                  "system", NULL),
                     HZ_SYSTEM_TEAM) == 0)
        continue;
      json_array_add_element (kept, json_node_copy (element));
    }

  json_object_set_string_member (tag, "system", HZ_SYSTEM_TEAM);
  json_object_set_string_member (tag, "code", hz_team_to_string (team));
  json_object_set_string_member (tag, "display", hz_team_get_display_name (team));
  json_array_add_object_element (kept, tag);
  json_object_set_array_member (meta, "tag", kept);
}

char *
hz_fhir_format_instant (GDateTime *when)
{
  g_autofree char *seconds = NULL;
  g_autofree char *offset = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  seconds = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");
  offset = g_date_time_format (when, "%:z");
  return g_strdup_printf ("%s.%03d%s", seconds, g_date_time_get_microsecond (when) / 1000, offset);
}

JsonObject *
hz_fhir_new_reference (const char *reference,
                       const char *display)
{
  JsonObject *object = json_object_new ();

  if (reference != NULL)
    json_object_set_string_member (object, "reference", reference);
  if (display != NULL)
    json_object_set_string_member (object, "display", display);
  return object;
}

JsonObject *
hz_fhir_new_coding (const char *system,
                    const char *code,
                    const char *display)
{
  JsonObject *coding = json_object_new ();

  json_object_set_string_member (coding, "system", system);
  json_object_set_string_member (coding, "code", code);
  if (display != NULL)
    json_object_set_string_member (coding, "display", display);
  return coding;
}

JsonObject *
hz_fhir_new_concept (const char *system,
                     const char *code,
                     const char *text)
{
  JsonObject *concept = json_object_new ();

  if (system != NULL)
    {
      JsonArray *codings = json_array_new ();

      json_array_add_object_element (codings, hz_fhir_new_coding (system, code, text));
      json_object_set_array_member (concept, "coding", codings);
    }
  if (text != NULL)
    json_object_set_string_member (concept, "text", text);
  return concept;
}
