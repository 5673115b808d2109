/* hz-demo.h — the demo cases, at their stories' gestational age on any day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include "hz-store.h"

G_BEGIN_DECLS

/* The day data/demo/README.md's stories are written for */
#define HZ_DEMO_STORY_DATE "2026-11-23"

/* $HUIZHEN_DEMO_DIR, the source tree's data/demo when running from the
 * build tree, the installed demo folder; NULL when none exists.
 * (transfer full) */
char        *hz_demo_get_default_dir     (void);

/* Imports the demo bundles of @dir (NULL: the default) with every date and
 * dateTime moved by (@today − HZ_DEMO_STORY_DATE), birth dates included,
 * and every resource marked meta.security HTEST. @today NULL: today.
 * @out_case_ids: (out) (optional) (transfer full) */
gboolean     hz_demo_import              (HzStore     *store,
                                          const char  *dir,
                                          GDate       *today,
                                          GStrv       *out_case_ids,
                                          GError     **error);
/* Deletes every demo case and its demo resources (audited; the history
 * keeps them). @out_n_cases: (out) (optional) */
gboolean     hz_demo_remove              (HzStore     *store,
                                          guint       *out_n_cases,
                                          GError     **error);

G_END_DECLS
