/* hz-i18n.h — locale and message catalogue set-up shared by the programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/* Calls setlocale (LC_ALL, "") and binds the "huizhen" gettext domain
 * (UTF-8) to the installed locale directory, or to the build tree's po/
 * when the program runs uninstalled and the catalogues were built there.
 * Call once at the start of main(). */
void      hz_i18n_init              (void);

/* TRUE when the running executable lives inside the build tree it was
 * built in (so it may use the build tree's plugins, catalogues, schemas). */
gboolean  hz_is_running_uninstalled (void);

/* The folder of data files @name (data/@name in the source tree,
 * $datadir/huizhen/@name installed): the environment variable @env_name
 * if set, else the source tree's when running uninstalled, else the
 * installed one, else the source tree's; NULL when none exists.
 * (transfer full) */
char     *hz_find_data_dir          (const char *env_name,
                                     const char *name);

G_END_DECLS
