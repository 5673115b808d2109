/* test-referral-cli.c — huizhen-cli referral against two databases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <huizhen.h>
#include <libsoup/soup.h>

#include "hz-test-utils.h"

#ifndef HUIZHEN_CLI_PATH
# error "HUIZHEN_CLI_PATH must name the huizhen-cli executable"
#endif

#define COUNTY "吴秀芬|obstetrics|副主任医师|临溪县人民医院"
#define CENTRE "沈慧敏|obstetrics|主任医师|云州市妇幼保健院"

typedef struct
{
  char *dir;
  char *county_db;
  char *centre_db;
} Fixture;

/* huizhen-cli --db @db --user @user ARGS... */
static void
run_cli (Fixture            *fixture,
         HzTestRun          *run,
         const char         *db,
         const char         *user,
         const char * const *args)
{
  g_autofree char *xdg = g_build_filename (fixture->dir, "xdg", NULL);

  run->status = hz_test_run_cli (HUIZHEN_CLI_PATH, db, user, xdg, args, &run->out, &run->err);
}

#define COUNTY_RUN(fixture, run, ...) \
  run_cli ((fixture), (run), (fixture)->county_db, COUNTY, (const char * const []) { __VA_ARGS__, NULL })
#define CENTRE_RUN(fixture, run, ...) \
  run_cli ((fixture), (run), (fixture)->centre_db, CENTRE, (const char * const []) { __VA_ARGS__, NULL })

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *demo = g_build_filename (g_getenv ("HUIZHEN_DEMO_DIR"), "demo-county-referral.json", NULL);
  g_auto(HzTestRun) run = { 0, };

  fixture->dir = hz_test_make_tmp_dir ("hz-test-referral-cli-XXXXXX");
  fixture->county_db = g_build_filename (fixture->dir, "county.db", NULL);
  fixture->centre_db = g_build_filename (fixture->dir, "centre.db", NULL);
  COUNTY_RUN (fixture, &run, "import", demo);
  g_assert_cmpint (run.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  hz_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->county_db);
  g_free (fixture->centre_db);
}

/* The member @name of the JSON object @json */
static char *
json_member (const char *json,
             const char *name)
{
  g_autoptr(JsonObject) object = hz_test_parse_object (json);

  return g_strdup (json_object_get_string_member (object, name));
}

static guint
json_length (const char *json)
{
  g_autoptr(JsonNode) node = hz_test_parse_node (json);

  return json_array_get_length (json_node_get_array (node));
}

static void
test_cli_flow (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *answers = write_file (fixture, "answers.json",
                                         "{\"direction\": \"up\", \"to-hospital\": \"云州市妇幼保健院\", "
                                         "\"urgency\": \"routine\", \"reason\": \"胎儿偏大，需上级医院评估\", "
                                         "\"consent\": true}");
  g_autofree char *opinion = write_file (fixture, "opinion.json",
                                         "{\"findings\": \"腹围>P90\", \"diagnosis\": \"巨大儿可能\", "
                                         "\"recommendations\": \"控制血糖\", \"follow-up\": \"2周复查超声\"}");
  g_autofree char *bundle = g_build_filename (fixture->dir, "referral.json", NULL);
  g_autofree char *answer = g_build_filename (fixture->dir, "answer.json", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "opinion.pdf", NULL);
  g_autofree char *id = NULL;
  g_auto(HzTestRun) run = { 0, };

  COUNTY_RUN (fixture, &run, "referral", "create", "--case", "c3-episode", "--form", "referral",
              "--answers", answers);
  g_assert_cmpint (run.status, ==, 0);
  id = json_member (run.out, "id");
  g_assert_nonnull (id);
  g_assert_nonnull (strstr (run.out, "\"status\": \"draft\""));
  g_assert_nonnull (strstr (run.out, "\"title\": \"上转：云州市妇幼保健院\""));
  hz_test_run_clear (&run);

  /* the flow, and what it refuses */
  COUNTY_RUN (fixture, &run, "referral", "status", id, "completed");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "cannot become completed"));
  g_assert_nonnull (strstr (run.err, "requested (Requested), cancelled (Cancelled)"));
  hz_test_run_clear (&run);
  COUNTY_RUN (fixture, &run, "referral", "status", id, "finished");
  g_assert_cmpint (run.status, ==, 2);
  hz_test_run_clear (&run);
  COUNTY_RUN (fixture, &run, "referral", "status", id, "requested");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"status\": \"requested\""));
  hz_test_run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "list", "--json", "--outbox");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (json_length (run.out), ==, 2);   /* with the demo's own */
  hz_test_run_clear (&run);
  COUNTY_RUN (fixture, &run, "referral", "list", "--json", "--status", "requested");
  g_assert_cmpuint (json_length (run.out), ==, 1);
  hz_test_run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "export", id, "-o", bundle);
  g_assert_cmpint (run.status, ==, 0);
  hz_test_run_clear (&run);

  /* the centre */
  CENTRE_RUN (fixture, &run, "referral", "import", bundle);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"inbound\": true"));
  hz_test_run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "import", bundle);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "was imported already; nothing was added"));
  hz_test_run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "list", "--json", "--inbox");
  g_assert_cmpuint (json_length (run.out), ==, 1);
  hz_test_run_clear (&run);

  CENTRE_RUN (fixture, &run, "referral", "status", id, "rejected");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "a reason is required"));
  hz_test_run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "status", id, "accepted");
  g_assert_cmpint (run.status, ==, 0);
  hz_test_run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "opinion", id, "--answers", opinion);
  g_assert_cmpint (run.status, ==, 0);
  hz_test_run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "sign", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"signer\": \"沈慧敏 (云州市妇幼保健院)\""));
  hz_test_run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "opinion", id, "--answers", opinion);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "is signed and cannot be changed"));
  hz_test_run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "pdf", id, "--opinion", "-o", pdf);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  hz_test_run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "export", id, "-o", answer);
  g_assert_cmpint (run.status, ==, 0);
  hz_test_run_clear (&run);

  /* back at the county */
  COUNTY_RUN (fixture, &run, "referral", "import", answer);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"status\": \"accepted\""));
  g_assert_null (strstr (run.out, "\"opinion\": null"));
}

static void
test_cli_bad_input (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *wrong = write_file (fixture, "wrong.json",
                                       "{\"direction\": \"up\", \"systolic\": \"high\", \"consent\": \"yes\"}");
  g_autofree char *not_json = write_file (fixture, "cut.json", "{\"direction\": ");
  g_autofree char *empty_bundle = write_file (fixture, "empty.json",
                                              "{\"resourceType\": \"Bundle\", \"type\": \"transaction\"}");
  g_autofree char *before = NULL;
  g_auto(HzTestRun) run = { 0, };

  COUNTY_RUN (fixture, &run, "referral", "list", "--json");
  before = g_strdup (run.out);
  hz_test_run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "create", "--case", "c3-episode", "--form", "referral",
              "--answers", wrong);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“Systolic blood pressure (mmHg)” must be a whole number, not “high”"));
  g_assert_nonnull (strstr (run.err, "“The patient has consented” must be true or false, not “yes”"));
  g_assert_nonnull (strstr (run.err, "“Reason for referral” is required"));
  hz_test_run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "create", "--case", "c3-episode", "--form", "transfer",
              "--answers", wrong);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is no form “transfer”; the forms are: consultation-opinion, "
                            "consultation-request, referral"));
  hz_test_run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "create", "--case", "c3-episode", "--form", "referral",
              "--answers", not_json);
  g_assert_cmpint (run.status, ==, 1);
  hz_test_run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "create", "--case", "no-case", "--form", "referral",
              "--answers", wrong);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no-case"));
  hz_test_run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "import", empty_bundle);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "holds 0 referral tasks"));
  hz_test_run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "status", "no-such-referral", "accepted");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is no referral “no-such-referral”"));
  hz_test_run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "frobnicate");
  g_assert_cmpint (run.status, ==, 2);
  hz_test_run_clear (&run);

  /* nothing was written */
  COUNTY_RUN (fixture, &run, "referral", "list", "--json");
  g_assert_cmpstr (run.out, ==, before);
}

/* --- send: a FHIR endpoint in a thread of its own (the CLI is waited for) --- */

typedef struct
{
  GMutex        lock;
  GCond         cond;
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  char         *url;
  guint         status;
  char         *body;
  char         *authorization;
} Endpoint;

static void
endpoint_cb (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Endpoint *endpoint = user_data;
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (message));
  const char *outcome = "{\"resourceType\": \"OperationOutcome\", \"issue\": [{\"severity\": \"error\", "
                        "\"code\": \"forbidden\", \"diagnostics\": \"unknown sender\"}]}";

  g_mutex_lock (&endpoint->lock);
  g_free (endpoint->body);
  endpoint->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_free (endpoint->authorization);
  endpoint->authorization = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                                    "Authorization"));
  soup_server_message_set_status (message, endpoint->status, NULL);
  if (endpoint->status >= 300)
    soup_server_message_set_response (message, "application/fhir+json", SOUP_MEMORY_STATIC, outcome, strlen (outcome));
  g_mutex_unlock (&endpoint->lock);
}

static gpointer
endpoint_thread (gpointer data)
{
  Endpoint *endpoint = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (endpoint->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, "/fhir", endpoint_cb, endpoint, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_mutex_lock (&endpoint->lock);
  {
    g_autofree char *base = g_uri_to_string (uris->data);

    endpoint->url = g_strdup_printf ("%sfhir", base);
  }
  g_cond_signal (&endpoint->cond);
  g_mutex_unlock (&endpoint->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (endpoint->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (endpoint->context);
  return NULL;
}

static void
test_cli_send (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *answers = write_file (fixture, "answers.json",
                                         "{\"direction\": \"up\", \"to-hospital\": \"云州市妇幼保健院\", "
                                         "\"urgency\": \"routine\", \"reason\": \"胎儿偏大，需上级医院评估\", "
                                         "\"consent\": true}");
  g_autofree char *bundle = g_build_filename (fixture->dir, "received.json", NULL);
  g_autofree char *id = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(HzTestRun) run = { 0, };
  Endpoint endpoint = { 0, };

  g_mutex_init (&endpoint.lock);
  g_cond_init (&endpoint.cond);
  endpoint.status = 201;
  endpoint.context = g_main_context_new ();
  endpoint.loop = g_main_loop_new (endpoint.context, FALSE);
  endpoint.thread = g_thread_new ("endpoint", endpoint_thread, &endpoint);
  g_mutex_lock (&endpoint.lock);
  while (endpoint.url == NULL)
    g_cond_wait (&endpoint.cond, &endpoint.lock);
  g_mutex_unlock (&endpoint.lock);

  COUNTY_RUN (fixture, &run, "referral", "create", "--case", "c3-episode", "--form", "referral",
              "--answers", answers);
  g_assert_cmpint (run.status, ==, 0);
  id = json_member (run.out, "id");
  hz_test_run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "send", id, "--url", endpoint.url, "--token", "t0ken");
  g_assert_cmpint (run.status, ==, 0);
  expected = g_strdup_printf ("Sent %s to %s (201)\n", id, endpoint.url);
  g_assert_cmpstr (run.out, ==, expected);
  g_mutex_lock (&endpoint.lock);
  g_assert_cmpstr (endpoint.authorization, ==, "Bearer t0ken");
  g_assert_nonnull (strstr (endpoint.body, "\"resourceType\": \"Bundle\""));
  g_assert_nonnull (strstr (endpoint.body, "\"type\": \"transaction\""));
  g_file_set_contents (bundle, endpoint.body, -1, &error);
  g_assert_no_error (error);
  endpoint.status = 403;
  g_mutex_unlock (&endpoint.lock);
  hz_test_run_clear (&run);

  /* what was received imports at the centre */
  CENTRE_RUN (fixture, &run, "referral", "import", bundle);
  g_assert_cmpint (run.status, ==, 0);
  hz_test_run_clear (&run);

  /* refused: exit 1, the status and what the endpoint said */
  COUNTY_RUN (fixture, &run, "referral", "send", id, "--url", endpoint.url);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "refused the referral: 403 Forbidden: unknown sender"));
  hz_test_run_clear (&run);

  /* no --url */
  COUNTY_RUN (fixture, &run, "referral", "send", id);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Give --url"));
  hz_test_run_clear (&run);

  /* unreachable once the endpoint is gone */
  g_main_loop_quit (endpoint.loop);
  g_thread_join (endpoint.thread);
  COUNTY_RUN (fixture, &run, "referral", "send", id, "--url", endpoint.url);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Could not reach"));

  g_main_loop_unref (endpoint.loop);
  g_main_context_unref (endpoint.context);
  g_free (endpoint.url);
  g_free (endpoint.body);
  g_free (endpoint.authorization);
  g_mutex_clear (&endpoint.lock);
  g_cond_clear (&endpoint.cond);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/referral-cli/flow", Fixture, NULL, fixture_set_up, test_cli_flow, fixture_tear_down);
  g_test_add ("/referral-cli/bad-input", Fixture, NULL, fixture_set_up, test_cli_bad_input, fixture_tear_down);
  g_test_add ("/referral-cli/send", Fixture, NULL, fixture_set_up, test_cli_send, fixture_tear_down);

  return g_test_run ();
}
