/* hz-i18n.c — locale and message catalogue set-up shared by the programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "huizhen"

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"

/**
 * hz_is_running_uninstalled:
 *
 * Compares the running executable (/proc/self/exe) with the build tree
 * this library was configured in, so that an installed program never
 * picks up plugins or catalogues from a build tree.
 *
 * Returns: %TRUE when the executable lives inside the build tree
 */
gboolean
hz_is_running_uninstalled (void)
{
  static gsize initialized = 0;
  static gboolean uninstalled = FALSE;

  if (g_once_init_enter (&initialized))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      char root[PATH_MAX];

      if (exe != NULL && realpath (HZ_BUILD_ROOT, root) != NULL)
        {
          size_t len = strlen (root);

          uninstalled = strncmp (exe, root, len) == 0 && exe[len] == G_DIR_SEPARATOR;
        }

      g_debug ("Running %s", uninstalled ? "from the build tree" : "installed");
      g_once_init_leave (&initialized, 1);
    }

  return uninstalled;
}

char *
hz_find_data_dir (const char *env_name,
                  const char *name)
{
  const char *env = g_getenv (env_name);
  g_autofree char *installed = g_build_filename (PKGDATADIR, name, NULL);
  g_autofree char *source = g_build_filename (HZ_SOURCE_ROOT, "data", name, NULL);

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  if (hz_is_running_uninstalled () && g_file_test (source, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&source);

  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);

  if (g_file_test (source, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&source);

  return NULL;
}

/**
 * hz_i18n_init:
 *
 * Sets the locale from the environment and binds the "huizhen" text
 * domain. Run uninstalled, the catalogues that meson built into the build
 * tree's po/ directory are used when they exist.
 */
void
hz_i18n_init (void)
{
  const char *localedir = LOCALEDIR;

  setlocale (LC_ALL, "");

  if (hz_is_running_uninstalled ())
    {
      g_autofree char *mo = g_build_filename (HZ_BUILD_ROOT, "po", "zh_CN", "LC_MESSAGES",
                                              GETTEXT_PACKAGE ".mo", NULL);

      if (g_file_test (mo, G_FILE_TEST_IS_REGULAR))
        localedir = HZ_BUILD_ROOT "/po";
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
