/* hz-reproductive-private.h — the types and helpers of the reproductive-medicine plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpeas/peas.h>
#include <hz-ui.h>

G_BEGIN_DECLS

/* The hand-over Task's code, system https://huizhen.github.io/fhir/CodeSystem/task */
#define HZ_CODE_REPRODUCTIVE_HANDOVER "reproductive-handover"

#define HZ_TYPE_REPRODUCTIVE_ADDIN (hz_reproductive_addin_get_type ())
G_DECLARE_FINAL_TYPE (HzReproductiveAddin, hz_reproductive_addin, HZ, REPRODUCTIVE_ADDIN, GObject)

#define HZ_TYPE_REPRODUCTIVE_PAGE (hz_reproductive_page_get_type ())
G_DECLARE_FINAL_TYPE (HzReproductivePage, hz_reproductive_page, HZ, REPRODUCTIVE_PAGE, GtkWidget)

#define HZ_TYPE_REPRODUCTIVE_SOURCE (hz_reproductive_source_get_type ())
G_DECLARE_FINAL_TYPE (HzReproductiveSource, hz_reproductive_source, HZ, REPRODUCTIVE_SOURCE, GObject)

GtkWidget  *hz_reproductive_page_new (HzCase *kase);

/* hz-reproductive-records.c: the resources the page writes, as
 * docs/data-model.md describes them (no GTK). Each (transfer full). */
JsonObject *hz_reproductive_new_outcome        (HzCase                 *kase,
                                                HzPregnancyOutcomeKind  kind,
                                                const GDate            *date,
                                                int                     ga_days);
JsonObject *hz_reproductive_new_transfer       (HzCase                 *kase,
                                                const char             *art_method,
                                                const GDate            *date,
                                                int                     embryo_age_days);
JsonObject *hz_reproductive_new_workup_result  (HzCase                 *kase,
                                                HzWorkupItem            item,
                                                const GDate            *date,
                                                const char             *result,
                                                gboolean                abnormal);
/* @plan: the team's CarePlan to add to (a new version), or NULL for a new one */
JsonObject *hz_reproductive_add_plan_activity  (HzCase                 *kase,
                                                HzResource             *plan,
                                                const char             *drug,
                                                const char             *dose,
                                                const GDate            *start,
                                                const GDate            *stop);
/* A new version of @plan with activity @index stopped on @stop; NULL if
 * there is no such activity */
JsonObject *hz_reproductive_stop_plan_activity (HzResource             *plan,
                                                guint                   index,
                                                const GDate            *stop);
JsonObject *hz_reproductive_new_handover       (HzCase                 *kase,
                                                const char             *from,
                                                const char             *to,
                                                const GDate            *date);
gboolean    hz_reproductive_task_is_handover   (const HzJv             *task);
gboolean    hz_reproductive_is_team_resource   (const HzJv             *resource);
/* The team's latest CarePlan, or NULL. (transfer none) */
HzResource *hz_reproductive_find_plan          (HzCase                 *kase);
/* The case's pregnancy outcomes (element-type HzPregnancyOutcome), in the
 * case's order; @resources (nullable) gets their Conditions beside them. */
GArray     *hz_reproductive_collect_outcomes   (HzCase                 *kase,
                                                GPtrArray              *resources);

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_END_DECLS
