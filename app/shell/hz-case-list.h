/* hz-case-list.h — the searchable, sortable list of cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_CASE_LIST (hz_case_list_get_type ())

G_DECLARE_FINAL_TYPE (HzCaseList, hz_case_list, HZ, CASE_LIST, AdwBin)

GtkWidget  *hz_case_list_new             (void);
HzStore    *hz_case_list_get_store       (HzCaseList *self);
void        hz_case_list_set_store       (HzCaseList *self,
                                          HzStore    *store);
/* Shows an error page instead of the list (the store could not be opened). */
void        hz_case_list_set_error       (HzCaseList *self,
                                          const char *title,
                                          const char *message);
/* Reloads the case summaries from the store in a worker thread. */
void        hz_case_list_reload          (HzCaseList *self);
/* "risk", "name", "gestational-age" or "updated" */
const char *hz_case_list_get_sort_mode   (HzCaseList *self);
void        hz_case_list_set_sort_mode   (HzCaseList *self,
                                          const char *sort_mode);
/* Opens the search bar and focuses its entry. */
void        hz_case_list_start_search    (HzCaseList *self);
/* Typing in @widget starts a search. */
void        hz_case_list_set_key_capture_widget (HzCaseList *self,
                                                 GtkWidget  *widget);
/* Marks the row of @case_id selected (NULL: none) without emitting
 * ::case-activated. */
void        hz_case_list_select_case     (HzCaseList *self,
                                          const char *case_id);
/* The visible (filtered, sorted) rows: HzCaseSummary. (transfer none) */
GListModel *hz_case_list_get_model       (HzCaseList *self);
/* Every case in the store, unfiltered. */
guint       hz_case_list_get_n_cases     (HzCaseList *self);
gboolean    hz_case_list_get_loaded      (HzCaseList *self);

G_END_DECLS
