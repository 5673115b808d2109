/* hz-registry.h — the high-risk registry (高危孕产妇专案管理)
 *
 * Every case whose current grade is orange or red, that carries the
 * purple (infectious disease) mark, or that has an open urgent self-harm
 * risk alert (psychology), with the factors of its current
 * grading, its next due action, how many days that is overdue and the
 * team responsible, for the MCH office's case management.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>

#include "hz-risk.h"
#include "hz-store.h"

G_BEGIN_DECLS

/* The entity.what the registry's exports are audited under */
#define HZ_REGISTRY_AUDIT_WHAT "EpisodeOfCare?_list=high-risk-registry"

typedef struct
{
  char         *case_id;           /* EpisodeOfCare id */
  char         *patient_name;
  char         *mrn;               /* nullable */
  char         *organization;      /* managing organisation display; nullable */
  HzRiskColour  colour;            /* the current grade (hz-risk.h), any colour for a purple-only case */
  gboolean      purple;            /* an active purple Flag */
  char         *factors;           /* the current grading's factors as recorded; nullable */
  char         *next_action;       /* the case list's next action (HzCaseSummary); nullable */
  char         *next_action_date;  /* as the record writes it; nullable */
  int           days_overdue;      /* days the next action is past "today", 0 when not overdue */
  char         *team;              /* team code of the current grading ("obstetrics"); nullable */
  char         *sort_key;          /* the case list's name key, for ties */
  gboolean      alert;             /* an open urgent self-harm-risk alert (hz-screening.h) */
  char         *alert_text;        /* that Flag's code text; nullable */
  char         *alert_since;       /* its period.start as written; nullable */
} HzRegistryEntry;

void          hz_registry_entry_free   (HzRegistryEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzRegistryEntry, hz_registry_entry_free)

/* The registry on @today (NULL: the local date today): the cases of
 * hz_store_list_cases() (one audited listing) whose current grade is
 * orange or red, that are purple or that have an open self-harm-risk
 * alert; for each such case its gradings and flags are read with one read
 * AuditEvent of the case. Open alerts first (they are due the same day),
 * then red, then orange, then purple-only; within each, most days overdue
 * first.
 * Factors are the current grading's prediction[0].rationale, else the
 * displays of its basis, else its first note.
 * (transfer full) (element-type HzRegistryEntry) */
GPtrArray    *hz_registry_list         (HzStore      *store,
                                        const GDate  *today,
                                        GError      **error);

gboolean      hz_registry_get_case     (HzStore           *store,
                                        const char        *case_id,
                                        const GDate       *today,
                                        HzRegistryEntry  **entry_out,
                                        GError           **error);

int           hz_registry_entry_compare (const HzRegistryEntry *a,
                                         const HzRegistryEntry *b);
HzRegistryEntry *hz_registry_entry_copy (const HzRegistryEntry *entry);

/* The columns of the registry's table and CSV, in order */
typedef enum {
  HZ_REGISTRY_COLUMN_ID,
  HZ_REGISTRY_COLUMN_PATIENT,
  HZ_REGISTRY_COLUMN_MRN,
  HZ_REGISTRY_COLUMN_ORGANIZATION,
  HZ_REGISTRY_COLUMN_RISK,
  HZ_REGISTRY_COLUMN_FACTORS,
  HZ_REGISTRY_COLUMN_NEXT_ACTION,
  HZ_REGISTRY_COLUMN_DUE,
  HZ_REGISTRY_COLUMN_DAYS_OVERDUE,
  HZ_REGISTRY_COLUMN_TEAM,
  HZ_REGISTRY_N_COLUMNS
} HzRegistryColumn;

char        **hz_registry_dup_headers  (void);
char        **hz_registry_entry_dup_cells (const HzRegistryEntry *entry);
char         *hz_registry_entry_dup_risk_text (const HzRegistryEntry *entry);
const char   *hz_registry_entry_get_team_display_name (const HzRegistryEntry *entry);

GBytes       *hz_registry_export_csv   (HzStore     *store,
                                        GPtrArray   *entries,
                                        const char  *destination,
                                        GError     **error);

/* How many entries have an overdue next action (what start-up surfaces). */
guint         hz_registry_count_overdue (GPtrArray   *entries);

G_END_DECLS
