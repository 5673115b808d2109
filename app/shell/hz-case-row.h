/* hz-case-row.h — one row of the case list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_CASE_ROW (hz_case_row_get_type ())

G_DECLARE_FINAL_TYPE (HzCaseRow, hz_case_row, HZ, CASE_ROW, GtkWidget)

GtkWidget     *hz_case_row_new         (void);
HzCaseSummary *hz_case_row_get_summary (HzCaseRow     *self);
void           hz_case_row_set_summary (HzCaseRow     *self,
                                        HzCaseSummary *summary);

G_END_DECLS
