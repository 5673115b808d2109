/* hz-test-utils.h — fixture code the tests share: temporary databases,
 * the fixture and demo bundles, JSON literals, waiting on the main loop
 *
 * Every helper fails the running test (g_assert) instead of returning an
 * error, so a test reads as the steps it takes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <huizhen.h>

G_BEGIN_DECLS

/* A new empty directory in the system's temporary folder, named after
 * @name_template ("huizhen-store-XXXXXX"). (transfer full) */
char        *hz_test_make_tmp_dir      (const char   *name_template);
/* Removes @path: a file, or a folder with everything below it (links are
 * removed, never followed). */
void         hz_test_remove_tree       (const char   *path);

/* A store in @dir/huizhen.db whose audit rows name @actor. (transfer full) */
HzStore     *hz_test_store_new         (const char    *dir,
                                        const HzActor *actor);
/* Imports the bundle @json as one transaction. */
void         hz_test_import_json       (HzStore      *store,
                                        const char   *json);
/* Imports tests/fixtures/@name; the ids of the cases it holds.
 * (transfer full) */
GStrv        hz_test_import_fixture    (HzStore      *store,
                                        const char   *name);
/* Imports every *.json bundle in $HUIZHEN_DEMO_DIR, in name order; the
 * number of files, 0 when the variable names no folder. */
guint        hz_test_import_demo       (HzStore      *store);

/* Runs a tool of this machine (@argv[0] looked up in PATH) and returns
 * its output with the spaces taken out (pdftotext puts spaces between
 * some CJK runs and not others); @ok: it ran and exited 0. A tool that is
 * missing or fails fails the test with a message, never skips it.
 * (transfer full) */
char        *hz_test_run_tool          (const char * const *argv,
                                        gboolean           *ok);

/* A program's exit status and output */
typedef struct
{
  int   status;
  char *out;
  char *err;
} HzTestRun;

void         hz_test_run_clear         (HzTestRun    *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HzTestRun, hz_test_run_clear)

/* @cli (huizhen-cli) --db @db --user @user ARGS..., with HUIZHEN_DB unset
 * and XDG_DATA_HOME @xdg; its exit status, stdout and stderr (each
 * transfer full), logged with g_test_message(). */
int          hz_test_run_cli           (const char         *cli,
                                        const char         *db,
                                        const char         *user,
                                        const char         *xdg,
                                        const char * const *args,
                                        char              **out,
                                        char              **err);

/* @json parsed; it must be valid. (transfer full) */
JsonNode    *hz_test_parse_node        (const char   *json);
/* The same for a JSON object. (transfer full) */
JsonObject  *hz_test_parse_object      (const char   *json);

/* hz_store_get() as a json-glib copy, to change and put back. (transfer full) */
JsonObject  *hz_test_store_get_json    (HzStore      *store,
                                        const char   *type,
                                        const char   *id,
                                        GError      **error);
/* hz_store_read_case() and hz_store_list_audit() as json-glib copies, for
 * tests that compare trees. (transfer full) (element-type JsonObject) */
GPtrArray   *hz_test_read_case_json    (HzStore      *store,
                                        const char   *case_id,
                                        GError      **error);
GPtrArray   *hz_test_list_audit_json   (HzStore      *store,
                                        const char   *case_id,
                                        guint         limit,
                                        GError      **error);

/* Runs the default main context until *@counter reaches @target; a time-out
 * of 30 s fails the test rather than hanging it (not a timing check). */
void         hz_test_wait_for          (guint        *counter,
                                        guint         target);
/* Iterates the main context until @condition (@data) holds; FALSE when it
 * did not within the tests' time-out (a guard against hanging, not a
 * timing assertion). */
typedef gboolean (*HzTestCondition) (gpointer data);
gboolean     hz_test_wait_until        (HzTestCondition condition,
                                        gpointer        data);

/* A GTestLogFatalFunc for g_test_log_set_fatal_handler(): libpeas reports a
 * module it cannot open as a warning, which the plugin engine turns into
 * its own error; only those warnings are not fatal. */
gboolean     hz_test_ignore_libpeas_warnings (const char     *log_domain,
                                              GLogLevelFlags  log_level,
                                              const char     *message,
                                              gpointer        user_data);

/* Test cases that must run in Chinese: GLib decides once per process
 * whether to translate, so such a case (a test path ending in "/zh_CN")
 * runs again in a subprocess started in zh_CN.UTF-8.
 * hz_test_i18n_init() is called first in main(), before g_test_init():
 * in that subprocess it sets LC_ALL=zh_CN.UTF-8; then hz_i18n_init().
 * hz_test_run_in_zh_cn() returns TRUE in the subprocess, where the case
 * asserts; in the test itself it runs the subprocess and asserts that it
 * passed, or skips the case when there is no zh_CN.UTF-8 locale or no zh_CN
 * catalogue in the build tree, and returns FALSE. */
void         hz_test_i18n_init         (int           argc,
                                        char        **argv);
gboolean     hz_test_run_in_zh_cn      (void);

G_END_DECLS
