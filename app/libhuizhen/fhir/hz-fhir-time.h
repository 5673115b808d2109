/* hz-fhir-time.h — dates and times of records, as they are shown
 *
 * One rule for every page: a date without a time (a birth date, an EDD,
 * "valueDate") is that calendar day everywhere and never shifts; a time
 * with an offset ("2026-11-20T14:00:00+08:00") is shown in the hospital's
 * time zone when one is set (a preference), else as the record wrote it.
 * The machine's own time zone plays no part, so that a cross-site MDT sees
 * one date for one result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/* An IANA zone ("Asia/Shanghai"), or NULL / "" for each record's own.
 * Thread-safe. FALSE (and nothing changed) for a zone this machine does not know. */
gboolean    hz_fhir_set_display_time_zone (const char *identifier);
/* (transfer full) (nullable) */
char       *hz_fhir_dup_display_time_zone (void);

/* The calendar day, and the time of day if @value has one, as shown.
 * FALSE if @value is not a FHIR date, dateTime or instant. */
gboolean    hz_fhir_get_display_time      (const char *value,
                                           GDate      *date,
                                           gboolean   *has_time,
                                           int        *hour,
                                           int        *minute);
/* The time of @value as shown (above): the one that views group, sort
 * and show by. (transfer full) (nullable) */
GDateTime  *hz_fhir_parse_display_datetime (const char *value);
/* "2026-11-20"; NULL if @value is not a date. (transfer full) */
char       *hz_fhir_format_date           (const char *value);
/* "2026-11-20 14:00", or "2026-11-20" for a date without a time. (transfer full) */
char       *hz_fhir_format_date_time      (const char *value);

G_END_DECLS
