/* hz-case.h — an open case: its resources as list models, kept in step with the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>

#include "hz-ga.h"
#include "hz-resource.h"
#include "hz-store.h"

G_BEGIN_DECLS

#define HZ_TYPE_CASE (hz_case_get_type ())

G_DECLARE_FINAL_TYPE (HzCase, hz_case, HZ, CASE, GObject)

/* Reads the case in a worker thread (one audited read), then builds the
 * models on the caller's main context. */
void         hz_case_load_async       (HzStore             *store,
                                       const char          *case_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
HzCase      *hz_case_load_finish      (GAsyncResult  *result,
                                       GError       **error);
/* Synchronous variant, for the CLI and tests. */
HzCase      *hz_case_load             (HzStore      *store,
                                       const char   *case_id,
                                       GError      **error);

HzStore     *hz_case_get_store        (HzCase *self);
const char  *hz_case_get_id           (HzCase *self);
/* (nullable) (transfer none) */
HzResource  *hz_case_get_episode      (HzCase *self);
/* (nullable) (transfer none) */
HzResource  *hz_case_get_patient      (HzCase *self);
/* Display name of the patient, never NULL */
const char  *hz_case_get_patient_name (HzCase *self);

/* A GListModel of HzResource of one resourceType, ordered by date
 * (oldest first, undated last); always the same object for a type, updated
 * in place when the store changes. (transfer none) */
GListModel  *hz_case_get_resources    (HzCase     *self,
                                       const char *resource_type);
/* Resource by "Type/id" reference, or NULL. (transfer none) */
HzResource  *hz_case_lookup           (HzCase     *self,
                                       const char *reference);
guint        hz_case_get_n_resources  (HzCase *self);

/* Observations with a given LOINC code, oldest first. (transfer container) (element-type HzResource) */
GPtrArray   *hz_case_find_observations (HzCase     *self,
                                        const char *loinc_code);

/* The valueInteger of the latest Observation with @loinc_code (entered in
 * error or cancelled ones left out). FALSE when there is none. */
gboolean     hz_case_get_latest_integer (HzCase     *self,
                                         const char *loinc_code,
                                         gint64     *value);
/* The obstetric history ("G3P0-0-2-0", "G3P1"...) from the latest gravida,
 * para, term, preterm, abortions and living children Observations, as
 * hz_format_obstetric_history() writes it; NULL when none is recorded.
 * (transfer full) */
char        *hz_case_format_obstetric_history (HzCase *self);

/* The latest ART embryo transfer (docs/data-model.md); @resource
 * (transfer none). FALSE when none is recorded. */
gboolean     hz_case_get_embryo_transfer (HzCase      *self,
                                          GDate       *transfer_date,
                                          int         *embryo_age_days,
                                          HzResource **resource);
/* The case's dating (LMP, CRL, embryo transfer, EDD, delivery) from its
 * Observations. */
void         hz_case_get_dating       (HzCase   *self,
                                       HzDating *dating);
/* Still before a pregnancy (备孕): hz_dating_is_preconception() of the
 * case's episode and dating */
gboolean     hz_case_is_preconception (HzCase   *self);

/**
 * HzCase::changed:
 * @resource_types: (array zero-terminated=1): the types whose models changed
 *
 * Emitted after the models were updated from a store commit.
 */

G_END_DECLS
