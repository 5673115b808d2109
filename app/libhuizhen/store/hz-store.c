/* hz-store.c — the case store: FHIR resources in one database
 *
 * HzStore validates, assigns resources to cases (docs/data-model.md),
 * writes them with their audit rows in one transaction, keeps the case
 * list up to date and tells everyone about each commit. The rows
 * themselves are kept by a backend (hz-store-private.h).
 *
 * Threads: every backend call happens under self->lock, so any thread may
 * call into the store (the shell opens cases and imports in GTask
 * threads). JSON is parsed and serialised outside the lock where it can
 * be. "changed" is emitted on the main context the store was created on:
 * directly when the commit happened on that thread, else from an idle
 * source attached to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "huizhen.h"
#include "hz-case-summary-private.h"
#include "hz-fhir-private.h"
#include "hz-json-doc-private.h"
#include "hz-resource-private.h"
#include "hz-store-private.h"

struct _HzStore
{
  GObject         parent_instance;

  char           *path;
  GMainContext   *context;
  GThread        *owner;

  GMutex          lock;      /* guards backend, actor and the fields below */
  HzStoreBackend *backend;
  HzActor        *actor;
  char           *shared_copy; /* where a shared copy came from, or NULL */

  /* Changes by other processes: the backend's data version when last
   * looked, and the audit row up to which changes have been announced */
  GSource        *watch;
  gint64          data_version;
  gint64          seen_seq;
};

G_DEFINE_FINAL_TYPE (HzStore, hz_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (hz-store-error-quark, hz_store_error)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define BACKEND(self) ((self)->backend->klass)

/* How often another process's commits are looked for: one PRAGMA
 * data_version, microseconds when nothing changed */
#define HZ_STORE_WATCH_INTERVAL_MS 400

static void start_watch (HzStore *self);

typedef struct _AuditContext AuditContext;
typedef struct _Touched Touched;
static void notify_export (HzStore    *self,
                           const char *case_id);
static gboolean delete_locked (HzStore      *self,
                               AuditContext *audit,
                               const char   *resource_type,
                               const char   *id,
                               gint64        base_version,
                               const char   *source_name,
                               Touched      *touched,
                               GError      **error);

static void
hz_store_finalize (GObject *object)
{
  HzStore *self = (HzStore *)object;

  if (self->watch != NULL)
    {
      g_source_destroy (self->watch);
      g_clear_pointer (&self->watch, g_source_unref);
    }

  if (self->backend != NULL)
    BACKEND (self)->close (self->backend);
  self->backend = NULL;

  g_clear_pointer (&self->actor, hz_actor_free);
  g_clear_pointer (&self->shared_copy, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (hz_store_parent_class)->finalize (object);
}

static void
hz_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HzStore *self = HZ_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_store_class_init (HzStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hz_store_finalize;
  object_class->get_property = hz_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING,
                  G_TYPE_STRV);
}

static void
hz_store_init (HzStore *self)
{
  g_mutex_init (&self->lock);
}

/* ------------------------------------------------------------------------- */
/* Opening */

char *
hz_store_get_default_path (void)
{
  const char *env = g_getenv ("HUIZHEN_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "huizhen", "huizhen.db", NULL);
}

static void fill_case_keys (HzStoreBackend *backend,
                            const char     *path);

static HzStoreBackend *
open_backend (const char  *path,
              GError     **error)
{
  HzStoreBackend *backend;
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_FAILED,
                   _("Could not create the folder “%s” for the database: %s"),
                   dir, g_strerror (errsv));
      return NULL;
    }

  /* Patient data: a new database (and the -wal/-shm files SQLite gives the
   * same mode) is readable by its owner only. An empty file is a valid
   * empty SQLite database. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd >= 0)
        close (fd);
    }

  backend = hz_store_sqlite_backend.open (path, error);
  if (backend != NULL)
    fill_case_keys (backend, path);

  return backend;
}

/* ------------------------------------------------------------------------- */
/* Shared copies */

static char *
dup_shared_copy_mark_path (const char *path)
{
  return g_strconcat (path, ".shared-copy", NULL);
}

/* The origin named in <path>.shared-copy, or NULL when there is none */
static char *
read_shared_copy_mark (const char *path)
{
  g_autofree char *mark = dup_shared_copy_mark_path (path);
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (mark, &contents, NULL, NULL))
    return NULL;
  g_strstrip (contents);
  /* an empty mark still marks: the file is what counts */
  return g_steal_pointer (&contents);
}

/**
 * hz_store_mark_shared_copy:
 * @origin: where the copy came from, as the refusal names it (e.g.
 *   "room-1 · wang": the room and who shared it)
 *
 * Marks the store as a shared copy: <database path>.shared-copy is written
 * (synced, renamed into place) with @origin, and from then on, in this
 * process and in any that opens the file later, every write of a resource
 * or a blob is refused with HZ_STORE_ERROR_READ_ONLY; reads are audited as
 * ever. There is no way back: a copy stays a copy.
 */
gboolean
hz_store_mark_shared_copy (HzStore     *self,
                           const char  *origin,
                           GError     **error)
{
  g_autofree char *mark = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (origin != NULL, FALSE);

  mark = dup_shared_copy_mark_path (self->path);
  if (!g_file_set_contents_full (mark, origin, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0400, &local_error))
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_FAILED,
                   _("Could not mark “%s” as a shared copy: %s"), self->path, local_error->message);
      return FALSE;
    }
  g_mutex_lock (&self->lock);
  g_free (self->shared_copy);
  self->shared_copy = g_strdup (origin);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

const char *
hz_store_get_shared_copy (HzStore *self)
{
  g_return_val_if_fail (HZ_IS_STORE (self), NULL);

  return self->shared_copy;
}

/* With the lock held or not: FALSE, with the error every page shows,
 * when the store is a shared copy */
gboolean
hz_store_check_writable (HzStore  *self,
                         GError  **error)
{
  if (self->shared_copy == NULL)
    return TRUE;
  g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_READ_ONLY,
               /* Translators: %s is where the copy came from (a hospital and a room) */
               _("This case is a copy shared for a remote consultation (%s): it may only be read "
                 "here, and changes are made at the hospital that shared it"),
               self->shared_copy);
  return FALSE;
}

static HzStore *
store_new_for_backend (const char     *path,
                       HzStoreBackend *backend,
                       GMainContext   *context)
{
  HzStore *self = g_object_new (HZ_TYPE_STORE, NULL);

  self->path = g_strdup (path);
  self->backend = backend;
  self->context = g_main_context_ref (context);
  self->owner = g_thread_self ();
  self->shared_copy = read_shared_copy_mark (path);
  start_watch (self);

  return self;
}

/**
 * hz_store_new:
 * @path: the database file
 * @error: return location for a #GError
 *
 * Opens (creating if needed, with parent directories) and migrates the
 * database at @path. "changed" is emitted on the caller's thread-default
 * main context.
 *
 * Returns: (transfer full): the store, or %NULL with HZ_STORE_ERROR_CORRUPT
 *   (not a Huizhen database), HZ_STORE_ERROR_VERSION (newer schema) or
 *   HZ_STORE_ERROR_FAILED
 */
HzStore *
hz_store_new (const char  *path,
              GError     **error)
{
  g_autoptr(GMainContext) context = NULL;
  HzStoreBackend *backend;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  backend = open_backend (path, error);
  if (backend == NULL)
    return NULL;

  context = g_main_context_ref_thread_default ();
  return store_new_for_backend (path, backend, context);
}

static void
close_backend (gpointer data)
{
  HzStoreBackend *backend = data;

  backend->klass->close (backend);
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  HzStoreBackend *backend = open_backend (path, &error);

  if (backend == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, backend, close_backend);
}

void
hz_store_new_async (const char          *path,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hz_store_new_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_in_thread);
}

/**
 * hz_store_new_finish:
 *
 * Returns: (transfer full): the store; its signals are emitted on the main
 *   context hz_store_new_async() was called on
 */
HzStore *
hz_store_new_finish (GAsyncResult  *result,
                     GError       **error)
{
  HzStoreBackend *backend;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hz_store_new_async, NULL);

  backend = g_task_propagate_pointer (G_TASK (result), error);
  if (backend == NULL)
    return NULL;

  return store_new_for_backend (g_task_get_task_data (G_TASK (result)), backend,
                                g_task_get_context (G_TASK (result)));
}

const char *
hz_store_get_path (HzStore *self)
{
  g_return_val_if_fail (HZ_IS_STORE (self), NULL);

  return self->path;
}

void
hz_store_set_actor (HzStore       *self,
                    const HzActor *actor)
{
  g_return_if_fail (HZ_IS_STORE (self));

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->actor, hz_actor_free);
  if (actor != NULL)
    self->actor = hz_actor_copy (actor);
  g_mutex_unlock (&self->lock);
}

/**
 * hz_store_get_actor:
 *
 * Returns: (transfer none) (nullable): the acting clinician; valid until
 *   the next hz_store_set_actor()
 */
const HzActor *
hz_store_get_actor (HzStore *self)
{
  g_return_val_if_fail (HZ_IS_STORE (self), NULL);

  return self->actor;
}

/* ------------------------------------------------------------------------- */
/* Audit */

struct _AuditContext
{
  char     *agent;      /* JSON of agent[0] */
  char     *source;     /* JSON of source */
  char     *recorded;   /* ISO instant of this transaction */
  char     *author;     /* who writes, as kept with each version */
  /* the chain's head, read inside the transaction before the first row */
  gboolean  head_known;
  gint64    start_seq;
  gint64    seq;
  char     *hash;
};

/* After a commit, with the lock held: this process's own rows need no
 * announcing by the watch, unless another process's rows came before them
 * unannounced (then the watch announces all, ours again included). */
static void
note_own_rows (HzStore      *self,
               AuditContext *ctx)
{
  if (ctx->head_known && self->seen_seq == ctx->start_seq)
    self->seen_seq = ctx->seq;
}

static void
audit_context_clear (AuditContext *ctx)
{
  g_clear_pointer (&ctx->agent, g_free);
  g_clear_pointer (&ctx->source, g_free);
  g_clear_pointer (&ctx->recorded, g_free);
  g_clear_pointer (&ctx->author, g_free);
  g_clear_pointer (&ctx->hash, g_free);
}

char *
hz_store_audit_hash (const char *prev_hash,
                     gint64      seq,
                     const char *id,
                     const char *case_id,
                     const char *recorded,
                     const char *json)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char seq_str[32];

  g_snprintf (seq_str, sizeof seq_str, "%" G_GINT64_FORMAT, seq);

  /* the canonical content: the previous hash and every column, one a line */
#define ADD_LINE(text) G_STMT_START { \
    const char *t_ = (text); \
    if (t_ == NULL) \
      t_ = ""; \
    g_checksum_update (checksum, (const guchar *) t_, strlen (t_)); \
    g_checksum_update (checksum, (const guchar *) "\n", 1); \
  } G_STMT_END
  ADD_LINE (prev_hash);
  ADD_LINE (seq_str);
  ADD_LINE (id);
  ADD_LINE (case_id);
  ADD_LINE (recorded);
  ADD_LINE (json);
#undef ADD_LINE

  return g_strdup (g_checksum_get_string (checksum));
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AuditContext, audit_context_clear)

static char *
now_instant (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* Must be called with the lock held. */
static gboolean
audit_context_init (HzStore       *self,
                    AuditContext  *ctx,
                    GError       **error)
{
  g_autoptr(JsonObject) agent = NULL;
  g_autoptr(JsonObject) who = NULL;
  g_autoptr(JsonObject) role = NULL;
  g_autoptr(JsonObject) coding = NULL;
  g_autoptr(JsonArray) codings = NULL;
  g_autoptr(JsonArray) roles = NULL;
  g_autoptr(JsonObject) source = NULL;
  g_autoptr(JsonObject) observer = NULL;
  g_autofree char *role_text = NULL;
  const HzActor *actor = self->actor;

  memset (ctx, 0, sizeof *ctx);

  if (actor == NULL)
    {
      g_set_error_literal (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NO_ACTOR,
                           _("No clinician is set: every change and every case opened "
                             "is recorded under a clinician’s name"));
      return FALSE;
    }

  who = json_object_new ();
  json_object_set_string_member (who, "display", actor->name);

  coding = json_object_new ();
  json_object_set_string_member (coding, "system", HZ_SYSTEM_TEAM);
  json_object_set_string_member (coding, "code", hz_team_to_string (actor->team));
  json_object_set_string_member (coding, "display", hz_team_get_display_name (actor->team));
  codings = json_array_new ();
  json_array_add_object_element (codings, g_steal_pointer (&coding));

  if (actor->role != NULL && *actor->role != '\0')
    role_text = g_strdup_printf ("%s %s", hz_team_get_display_name (actor->team), actor->role);
  else
    role_text = g_strdup (hz_team_get_display_name (actor->team));

  role = json_object_new ();
  json_object_set_array_member (role, "coding", g_steal_pointer (&codings));
  json_object_set_string_member (role, "text", role_text);
  roles = json_array_new ();
  json_array_add_object_element (roles, g_steal_pointer (&role));

  agent = json_object_new ();
  json_object_set_object_member (agent, "who", g_steal_pointer (&who));
  json_object_set_array_member (agent, "role", g_steal_pointer (&roles));
  json_object_set_boolean_member (agent, "requestor", TRUE);

  observer = json_object_new ();
  json_object_set_string_member (observer, "display",
                                 actor->hospital != NULL && *actor->hospital != '\0'
                                 ? actor->hospital : "Huizhen");
  source = json_object_new ();
  json_object_set_object_member (source, "observer", g_steal_pointer (&observer));

  ctx->agent = hz_json_object_to_string (agent);
  ctx->source = hz_json_object_to_string (source);
  ctx->recorded = now_instant ();
  ctx->author = g_strdup (actor->name);

  return TRUE;
}

/* @what is "Type/id" of validated parts (or a query such as
 * "EpisodeOfCare?_summary=list"), safe to write unquoted. @outcome is
 * AuditEvent.outcome: "0" success, "4" refused. @description is kept as
 * given: codes and names, never translated words. */
static gboolean
write_audit_full (HzStore       *self,
                  AuditContext  *ctx,
                  char           action,
                  const char    *subtype,
                  const char    *outcome,
                  const char    *case_id,
                  const char    *what,
                  const char    *description,
                  GError       **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *quoted = description ? hz_json_quote (description) : NULL;
  g_autofree char *json = NULL;
  g_autofree char *hash = NULL;
  HzStoreAuditRow row;

  if (subtype == NULL)
    switch (action)
      {
      case 'C': subtype = "create"; break;
      case 'U': subtype = "update"; break;
      case 'D': subtype = "delete"; break;
      case 'R': default: subtype = "read"; break;
      }

  if (!ctx->head_known)
    {
      g_clear_pointer (&ctx->hash, g_free);
      if (!BACKEND (self)->audit_head (self->backend, &ctx->seq, &ctx->hash, error))
        return FALSE;
      if (ctx->hash == NULL)
        ctx->hash = g_strdup (HZ_STORE_AUDIT_GENESIS);
      ctx->start_seq = ctx->seq;
      ctx->head_known = TRUE;
    }

  json = g_strdup_printf ("{\"resourceType\":\"AuditEvent\",\"id\":\"%s\","
                          "\"type\":{\"system\":\"http://terminology.hl7.org/CodeSystem/audit-event-type\","
                          "\"code\":\"rest\",\"display\":\"RESTful Operation\"},"
                          "\"subtype\":[{\"system\":\"http://hl7.org/fhir/restful-interaction\","
                          "\"code\":\"%s\"}],"
                          "\"action\":\"%c\",\"recorded\":\"%s\",\"outcome\":\"%s\","
                          "\"agent\":[%s],\"source\":%s,"
                          "\"entity\":[{\"what\":{\"reference\":\"%s\"}%s%s}]}",
                          id, subtype, action, ctx->recorded, outcome, ctx->agent, ctx->source, what,
                          quoted ? ",\"description\":" : "", quoted ? quoted : "");

  hash = hz_store_audit_hash (ctx->hash, ctx->seq + 1, id, case_id, ctx->recorded, json);

  row.seq = ctx->seq + 1;
  row.id = id;
  row.case_id = case_id;
  row.recorded = ctx->recorded;
  row.json = json;
  row.hash = hash;
  if (!BACKEND (self)->put_audit (self->backend, &row, error))
    return FALSE;

  ctx->seq++;
  g_free (ctx->hash);
  ctx->hash = g_steal_pointer (&hash);
  return TRUE;
}

static gboolean
write_audit (HzStore       *self,
             AuditContext  *ctx,
             char           action,
             const char    *case_id,
             const char    *what,
             const char    *description,
             GError       **error)
{
  return write_audit_full (self, ctx, action, NULL, "0", case_id, what, description, error);
}

/* Records, in a transaction of its own, an attempt that was refused
 * (@reason: the error's message). With the lock held, after the failed
 * transaction was rolled back. A store that cannot be written (read-only,
 * full) cannot record it either: the refusal itself is then the answer. */
static void
audit_refusal (HzStore    *self,
               char        action,
               const char *case_id,
               const char *what,
               const char *reason)
{
  g_auto(AuditContext) ctx = { 0, };
  g_autoptr(GError) error = NULL;

  if (!audit_context_init (self, &ctx, &error) ||
      !BACKEND (self)->begin (self->backend, &error))
    return;

  if (!write_audit_full (self, &ctx, action, NULL, "4", case_id, what, reason, &error) ||
      !BACKEND (self)->commit (self->backend, &error))
    {
      g_debug ("Could not record a refused attempt: %s", error->message);
      BACKEND (self)->rollback (self->backend);
    }
  else
    note_own_rows (self, &ctx);
}

/* The transaction of a read's audit row; a read-only database cannot take
 * it, and then the patient data is not shown. */
static gboolean
begin_audited_read (HzStore  *self,
                    GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  if (BACKEND (self)->begin (self->backend, &local_error))
    return TRUE;

  if (g_error_matches (local_error, HZ_STORE_ERROR, HZ_STORE_ERROR_READ_ONLY))
    g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_READ_ONLY,
                 _("Patient data is not shown: reading it would have to be recorded in the "
                   "audit log, and the case database “%s” may only be read"), self->path);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* One AuditEvent in a transaction of its own, with the lock held: what
 * shows patient data is shown only once its reading is recorded. */
static gboolean
audit_read_locked (HzStore     *self,
                   char         action,
                   const char  *subtype,
                   const char  *case_id,
                   const char  *what,
                   const char  *description,
                   GError     **error)
{
  g_auto(AuditContext) ctx = { 0, };

  if (!audit_context_init (self, &ctx, error))
    return FALSE;

  if (!begin_audited_read (self, error))
    return FALSE;

  if (!write_audit_full (self, &ctx, action, subtype, "0", case_id, what, description, error) ||
      !BACKEND (self)->commit (self->backend, error))
    {
      BACKEND (self)->rollback (self->backend);
      return FALSE;
    }

  note_own_rows (self, &ctx);
  return TRUE;
}

/**
 * hz_store_audit_search:
 * @self: the store
 * @query: what the clinician searched the case list for
 * @error: return location for a #GError
 *
 * Records one search of the case list (not one row per match). The shell
 * calls it when a search settles.
 */
gboolean
hz_store_audit_search (HzStore     *self,
                       const char  *query,
                       GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  g_mutex_lock (&self->lock);
  ok = audit_read_locked (self, 'R', "search-type", NULL, "EpisodeOfCare", query, error);
  g_mutex_unlock (&self->lock);

  return ok;
}

/* What an export names in entity.what: written unquoted, so only the
 * characters of "Type/id" and of a query. */
static gboolean
audit_what_is_safe (const char *what)
{
  if (what == NULL || *what == '\0')
    return FALSE;
  for (const char *p = what; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("/?=&_-.:", *p) == NULL)
      return FALSE;
  return TRUE;
}

/**
 * hz_store_audit_export:
 * @self: the store
 * @what: what left the store: "Type/id" or a query such as
 *   "EpisodeOfCare?_list=high-risk-registry"
 * @destination: (nullable): the file path or URL it was written to;
 *   %NULL for standard output (recorded as "-", as the case export does)
 * @error: return location for a #GError
 *
 * Records one export (subtype export, the destination in
 * entity.description) of data that a caller built from audited reads,
 * such as the high-risk registry's CSV. Call it before the data is
 * written: what cannot be recorded does not leave.
 */
gboolean
hz_store_audit_export (HzStore     *self,
                       const char  *what,
                       const char  *destination,
                       GError     **error)
{
  const char *case_id = NULL;
  gboolean ok;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (audit_what_is_safe (what), FALSE);

  /* the export of a case (what names its EpisodeOfCare) is an event of
   * that case: its audit row names it, and the case's views hear of it */
  if (g_str_has_prefix (what, "EpisodeOfCare/") && strchr (what, '?') == NULL)
    case_id = what + strlen ("EpisodeOfCare/");

  g_mutex_lock (&self->lock);
  ok = audit_read_locked (self, 'R', "export", case_id, what,
                          destination != NULL ? destination : "-", error);
  g_mutex_unlock (&self->lock);

  if (ok && case_id != NULL)
    notify_export (self, case_id);
  return ok;
}

/* ------------------------------------------------------------------------- */
/* Change notification */

typedef struct
{
  HzStore  *self;
  char     *case_id;
  GStrv     types;
} Changed;

static void
changed_free (gpointer data)
{
  Changed *changed = data;

  g_object_unref (changed->self);
  g_free (changed->case_id);
  g_strfreev (changed->types);
  g_free (changed);
}

static gboolean
emit_changed_cb (gpointer data)
{
  Changed *changed = data;

  g_signal_emit (changed->self, signals[CHANGED], 0, changed->case_id, changed->types);
  return G_SOURCE_REMOVE;
}

/* Touched cases: case id → set of resource types, plus the order in which
 * the cases were first touched. */
struct _Touched
{
  GHashTable *types;   /* char* → GHashTable (set of char*) */
  GPtrArray  *order;   /* char*, owned by types */
};

static void
touched_init (Touched *touched)
{
  touched->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_hash_table_unref);
  touched->order = g_ptr_array_new ();
}

static void
touched_clear (Touched *touched)
{
  g_clear_pointer (&touched->order, g_ptr_array_unref);
  g_clear_pointer (&touched->types, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Touched, touched_clear)

static void
touch (Touched    *touched,
       const char *case_id,
       const char *type)
{
  GHashTable *set;

  if (case_id == NULL)
    return;

  set = g_hash_table_lookup (touched->types, case_id);
  if (set == NULL)
    {
      char *key = g_strdup (case_id);

      set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (touched->types, key, set);
      g_ptr_array_add (touched->order, key);
    }

  if (!g_hash_table_contains (set, type))
    g_hash_table_add (set, g_strdup (type));
}

static GStrv
touched_dup_types (Touched    *touched,
                   const char *case_id)
{
  GHashTable *set = g_hash_table_lookup (touched->types, case_id);
  GStrv types = (GStrv) g_hash_table_get_keys_as_array (set, NULL);

  for (guint i = 0; types[i] != NULL; i++)
    types[i] = g_strdup (types[i]);

  return types;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Called after the commit, without the lock. */
static void
notify_changes (HzStore *self,
                Touched *touched)
{
  for (guint i = 0; i < touched->order->len; i++)
    {
      const char *case_id = g_ptr_array_index (touched->order, i);
      Changed *changed = g_new0 (Changed, 1);

      changed->self = g_object_ref (self);
      changed->case_id = g_strdup (case_id);
      changed->types = touched_dup_types (touched, case_id);
      qsort (changed->types, g_strv_length (changed->types), sizeof (char *), compare_strings);

      if (g_thread_self () == self->owner)
        {
          emit_changed_cb (changed);
          changed_free (changed);
        }
      else
        {
          g_autoptr(GSource) source = g_idle_source_new ();

          g_source_set_priority (source, G_PRIORITY_DEFAULT);
          g_source_set_callback (source, emit_changed_cb, changed, changed_free);
          g_source_set_static_name (source, "[huizhen] HzStore::changed");
          g_source_attach (source, self->context);
        }
    }
}

/* An export of a case: HzStore::changed names the case and AuditEvent */
static void
notify_export (HzStore    *self,
               const char *case_id)
{
  g_auto(Touched) touched = { 0, };

  touched_init (&touched);
  touch (&touched, case_id, "AuditEvent");
  notify_changes (self, &touched);
}

/* ------------------------------------------------------------------------- */
/* The case list */

/* Which of @rows does not parse, named by its position and its first
 * characters (its type and id, unless those are what is broken), with
 * where in that row it went wrong: the line and column in all the rows
 * together would mean nothing to whoever repairs the database. */
static void
set_bad_row_error (GPtrArray  *rows,
                   GError    **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const char *row = g_ptr_array_index (rows, i);
      g_autoptr(GError) row_error = NULL;
      g_autoptr(HzJsonDoc) doc = hz_json_doc_parse (g_strdup (row), strlen (row), &row_error);
      g_autofree char *start = NULL;

      if (doc != NULL && hz_json_doc_get_root (doc) != NULL)
        continue;

      start = g_utf8_make_valid (row, MIN (strlen (row), 60));
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CORRUPT,
                   /* Translators: %u is the position of the row among the case's
                    * resources, then its first characters, then what is wrong */
                   _("Stored resource %u of this case is not valid JSON (it starts “%s”): %s"),
                   i + 1, start, row_error != NULL ? row_error->message : _("it is empty"));
      return;
    }

  g_set_error_literal (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CORRUPT,
                       _("A stored resource is not a JSON object"));
}

/* The stored JSON of @rows as one document, its root an array of the
 * rows' objects in order. */
static HzJsonDoc *
parse_rows_doc (GPtrArray  *rows,
                GError    **error)
{
  g_autoptr(HzJsonDoc) doc = NULL;
  HzJv *root;

  doc = hz_json_doc_parse_array (rows, NULL);
  root = doc != NULL ? hz_json_doc_get_root (doc) : NULL;

  /* one row that is not a single object would shift the rest */
  if (root == NULL || root->n_children != rows->len)
    {
      set_bad_row_error (rows, error);
      return NULL;
    }

  for (HzJv *child = root->first; child != NULL; child = child->next)
    if (child->type != HZ_JV_OBJECT)
      {
        g_set_error_literal (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CORRUPT,
                             _("A stored resource is not a JSON object"));
        return NULL;
      }

  return g_steal_pointer (&doc);
}

/* The stored JSON of @rows as HzResources, parsed in one pass over all
 * rows into one document that they share. */
static GPtrArray *
parse_rows (GPtrArray  *rows,
            GError    **error)
{
  g_autoptr(HzJsonDoc) doc = parse_rows_doc (rows, error);
  GPtrArray *resources;

  if (doc == NULL)
    return NULL;

  resources = g_ptr_array_new_full (rows->len, g_object_unref);
  for (HzJv *child = hz_json_doc_get_root (doc)->first; child != NULL; child = child->next)
    g_ptr_array_add (resources, hz_resource_new_for_value (doc, child));

  return resources;
}

static HzResource *
parse_row (const char  *json,
           GError     **error)
{
  GPtrArray rows = { (gpointer *) &json, 1 };
  g_autoptr(GPtrArray) resources = parse_rows (&rows, error);

  return resources != NULL ? g_object_ref (g_ptr_array_index (resources, 0)) : NULL;
}

static GPtrArray *
list_case_objects (HzStore     *self,
                   const char  *case_id,
                   const char  *type,
                   const char  *code,
                   GError     **error)
{
  g_autoptr(GPtrArray) rows = BACKEND (self)->list_case (self->backend, case_id, type, code, TRUE, error);

  if (rows == NULL)
    return NULL;

  return parse_rows (rows, error);
}

static char *
reference_id (const HzJv *resource,
              const char *member,
              const char *type)
{
  g_autofree char *ref_type = NULL;
  char *id = NULL;

  if (!hz_fhir_split_reference (hz_jv_get_string (hz_jv_get_object (resource, member), "reference"),
                                &ref_type, &id))
    return NULL;

  if (g_strcmp0 (ref_type, type) != 0)
    g_clear_pointer (&id, g_free);

  return id;
}

/* Fills in what the list is ordered and searched by (the one rule:
 * hz_case_summary_get_keys()) from the row's summary. */
static gboolean
case_row_compute_keys (HzStoreCaseRow    *row,
                       HzCaseSummaryKeys *keys)
{
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autoptr(HzCaseSummary) summary = NULL;
  HzJv *root;

  doc = hz_json_doc_parse (g_strdup (row->summary), strlen (row->summary), NULL);
  root = doc != NULL ? hz_json_doc_get_root (doc) : NULL;
  if (root == NULL || hz_jv_get_value_type (root) != HZ_JV_OBJECT)
    return FALSE;

  /* the keys do not depend on the time */
  summary = hz_case_summary_new_from_value (root, "");
  hz_case_summary_get_keys (summary, keys);

  row->has_keys = TRUE;
  row->risk_rank = keys->risk_rank;
  row->purple = keys->purple;
  row->sort_name = keys->sort_name;
  row->search = keys->search;
  row->ga_start = keys->ga_start;
  row->delivered = keys->delivered;
  return TRUE;
}

static gboolean
put_case_with_keys (HzStore         *self,
                    HzStoreCaseRow  *row,
                    GError         **error)
{
  HzCaseSummaryKeys keys = { 0, };
  gboolean ret;

  if (!case_row_compute_keys (row, &keys))
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CORRUPT,
                   _("The case list of “%s” is damaged: %s"), self->path, row->case_id);
      return FALSE;
    }

  ret = BACKEND (self)->put_case (self->backend, row, error);
  hz_case_summary_keys_clear (&keys);
  return ret;
}

typedef struct
{
  char *case_id;
  char *patient_id;
  char *updated;
  char *summary;
} CaseRowCopy;

static void
case_row_copy_free (CaseRowCopy *copy)
{
  g_free (copy->case_id);
  g_free (copy->patient_id);
  g_free (copy->updated);
  g_free (copy->summary);
  g_free (copy);
}

static gboolean
collect_row_cb (const HzStoreCaseRow *row,
                gpointer              user_data)
{
  CaseRowCopy *copy = g_new0 (CaseRowCopy, 1);

  copy->case_id = g_strdup (row->case_id);
  copy->patient_id = g_strdup (row->patient_id);
  copy->updated = g_strdup (row->updated);
  copy->summary = g_strdup (row->summary);
  g_ptr_array_add (user_data, copy);
  return TRUE;
}

/* Rows written before schema 3 get their keys when a store that may be
 * written opens the file; a read-only copy computes them as it lists. */
static void
fill_case_keys (HzStoreBackend *backend,
                const char     *path)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) case_row_copy_free);
  g_autoptr(GError) error = NULL;

  if (!backend->klass->foreach_case (backend, NULL, TRUE, HZ_STORE_CASE_ORDER_NONE, 0,
                                     collect_row_cb, rows, &error) ||
      rows->len == 0)
    return;

  if (!backend->klass->begin (backend, &error))
    {
      g_debug ("Case list keys of %s left to the readers: %s", path, error->message);
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      CaseRowCopy *copy = g_ptr_array_index (rows, i);
      HzCaseSummaryKeys keys = { 0, };
      HzStoreCaseRow row = { copy->case_id, copy->patient_id, copy->updated, copy->summary, };
      gboolean ok = TRUE;

      if (case_row_compute_keys (&row, &keys))
        ok = backend->klass->put_case (backend, &row, &error);
      hz_case_summary_keys_clear (&keys);
      if (!ok)
        {
          g_warning ("Could not add the case list keys of %s: %s", path, error->message);
          backend->klass->rollback (backend);
          return;
        }
    }

  if (!backend->klass->commit (backend, &error))
    g_warning ("Could not add the case list keys of %s: %s", path, error->message);
}

/* The values of @resources (element-type HzResource), which keep them alive */
static GPtrArray *
resource_values (GPtrArray *resources)
{
  GPtrArray *values = g_ptr_array_sized_new (resources->len);

  for (guint i = 0; i < resources->len; i++)
    g_ptr_array_add (values, (gpointer) hz_resource_get_value (g_ptr_array_index (resources, i)));

  return values;
}

/* Recomputes the case list row of @case_id. With the lock held, inside the
 * write transaction. */
static gboolean
update_case_summary (HzStore     *self,
                     const char  *case_id,
                     GError     **error)
{
  static const char * const dating_codes[] = {
    HZ_LOINC_LMP, HZ_LOINC_EDD, HZ_LOINC_DELIVERY_DATE, HZ_CODE_EMBRYO_TRANSFER, NULL
  };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *episode_json = NULL;
  g_autofree char *patient_id = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *summary_json = NULL;
  g_autoptr(HzResource) episode = NULL;
  g_autoptr(HzResource) patient = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_autoptr(GPtrArray) observations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) risks = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) observation_values = NULL;
  g_autoptr(GPtrArray) risk_values = NULL;
  g_autoptr(GPtrArray) flag_values = NULL;
  g_autoptr(GPtrArray) action_values = NULL;
  HzStoreCaseRow row;

  episode_json = BACKEND (self)->get_json (self->backend, "EpisodeOfCare", case_id, NULL, &local_error);
  if (episode_json == NULL)
    {
      if (!g_error_matches (local_error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* The case is gone */
      return BACKEND (self)->delete_case (self->backend, case_id, error);
    }

  if (!(episode = parse_row (episode_json, error)))
    return FALSE;

  patient_id = reference_id (hz_resource_get_value (episode), "patient", "Patient");
  if (patient_id != NULL)
    {
      g_autofree char *patient_json =
        BACKEND (self)->get_json (self->backend, "Patient", patient_id, NULL, &local_error);

      if (patient_json != NULL)
        {
          if (!(patient = parse_row (patient_json, error)))
            return FALSE;
        }
      else if (!g_error_matches (local_error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
    }

  for (guint i = 0; dating_codes[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) found = list_case_objects (self, case_id, "Observation", dating_codes[i], error);

      if (found == NULL)
        return FALSE;
      for (guint j = 0; j < found->len; j++)
        g_ptr_array_add (observations, g_object_ref (g_ptr_array_index (found, j)));
    }

  if (!(risks = list_case_objects (self, case_id, "RiskAssessment", NULL, error)) ||
      !(flags = list_case_objects (self, case_id, "Flag", NULL, error)) ||
      !(actions = list_case_objects (self, case_id, "Appointment", NULL, error)) ||
      !(tasks = list_case_objects (self, case_id, "Task", NULL, error)))
    return FALSE;

  for (guint i = 0; i < tasks->len; i++)
    g_ptr_array_add (actions, g_object_ref (g_ptr_array_index (tasks, i)));

  updated = BACKEND (self)->case_updated (self->backend, case_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  observation_values = resource_values (observations);
  risk_values = resource_values (risks);
  flag_values = resource_values (flags);
  action_values = resource_values (actions);
  summary = hz_case_summary_build_json (case_id, hz_resource_get_value (episode),
                                        patient != NULL ? hz_resource_get_value (patient) : NULL,
                                        observation_values, risk_values, flag_values,
                                        action_values, updated);
  summary_json = hz_json_object_to_string (summary);

  row.case_id = case_id;
  row.patient_id = patient_id;
  row.updated = updated;
  row.summary = summary_json;
  /* an MDT meeting is a case of its own kind, not on the case list */
  row.kind = g_strcmp0 (hz_fhir_jv_get_concept_code (hz_resource_get_value (episode), "type",
                                                     HZ_SYSTEM_MEETING_CODE), HZ_CASE_KIND_MEETING) == 0
             ? HZ_CASE_KIND_MEETING : NULL;

  return put_case_with_keys (self, &row, error);
}

/* Rows parsed and summarised in chunks: each chunk's document is freed
 * as soon as its rows are built, so parsing 100,000 rows never holds more
 * than a few chunks' trees. */
#define LIST_CHUNK 1000

typedef struct
{
  GPtrArray      *rows;        /* (element-type utf8) */
  HzCaseSummary **summaries;
  const char     *now_key;
  GMutex          lock;
  char           *damaged;     /* the first chunk that did not parse */
} ListCasesData;

static void
summarize_chunk (guint    chunk,
                 gpointer user_data)
{
  ListCasesData *data = user_data;
  guint start = chunk * LIST_CHUNK;
  guint n = MIN (LIST_CHUNK, data->rows->len - start);
  GPtrArray texts = { data->rows->pdata + start, n };
  g_autoptr(GError) error = NULL;
  g_autoptr(HzJsonDoc) doc = hz_json_doc_parse_array (&texts, &error);
  HzJv *row = doc != NULL ? hz_jv_get_first (hz_json_doc_get_root (doc)) : NULL;

  for (guint i = 0; row != NULL && i < n; i++, row = hz_jv_get_next (row))
    {
      if (hz_jv_get_value_type (row) != HZ_JV_OBJECT)
        break;
      data->summaries[start + i] = hz_case_summary_new_from_value (row, data->now_key);
    }

  if (doc == NULL || row != NULL)
    {
      g_mutex_lock (&data->lock);
      if (data->damaged == NULL)
        data->damaged = g_strdup (error != NULL ? error->message : "not an object");
      g_mutex_unlock (&data->lock);
    }
}

static char *
now_sort_key (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

typedef struct
{
  HzStoreCaseRowFunc func;
  gpointer           user_data;
} ForeachCase;

static gboolean
foreach_case_cb (const HzStoreCaseRow *row,
                 gpointer              user_data)
{
  ForeachCase *data = user_data;
  HzCaseSummaryKeys keys = { 0, };
  HzStoreCaseRow with_keys;
  gboolean ret;

  if (row->has_keys)
    return data->func (row, data->user_data);

  /* a read-only copy of a store from before schema 3 */
  with_keys = *row;
  if (!case_row_compute_keys (&with_keys, &keys))
    return TRUE;
  ret = data->func (&with_keys, data->user_data);
  hz_case_summary_keys_clear (&keys);
  return ret;
}

/**
 * hz_store_foreach_case_row:
 * @case_id: (nullable): one case, or %NULL for the whole list
 * @first_order: with @first_limit and @first_func: before the whole list,
 *   its first @first_limit rows in that order (what a view shows first)
 * @func: called with each row, in no particular order, with the store's
 *   lock held: it must not call into the store
 *
 * Reads the case list table as it is kept, without parsing its rows: what
 * #HzCaseListModel orders and searches 100,000 cases by. Audited as one
 * listing (or one read of @case_id's row). Safe to call from any thread.
 */
gboolean
hz_store_foreach_case_row (HzStore             *self,
                           const char          *case_id,
                           HzStoreCaseOrder     first_order,
                           guint                first_limit,
                           HzStoreCaseRowFunc   first_func,
                           HzStoreCaseRowFunc   func,
                           gpointer             user_data,
                           GError             **error)
{
  g_autofree char *what = NULL;
  ForeachCase first = { first_func, user_data };
  ForeachCase data = { func, user_data };
  gboolean ret;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (case_id != NULL)
    what = g_strdup_printf ("EpisodeOfCare/%s", case_id);

  g_mutex_lock (&self->lock);
  ret = case_id != NULL
        ? audit_read_locked (self, 'R', NULL, case_id, what, "case-list", error)
        : audit_read_locked (self, 'R', "search-type", NULL, "EpisodeOfCare", NULL, error);
  if (ret && case_id == NULL && first_func != NULL && first_order != HZ_STORE_CASE_ORDER_NONE)
    ret = BACKEND (self)->foreach_case (self->backend, NULL, FALSE, first_order, first_limit,
                                        foreach_case_cb, &first, error);
  if (ret)
    ret = BACKEND (self)->foreach_case (self->backend, case_id, FALSE, HZ_STORE_CASE_ORDER_NONE, 0,
                                        foreach_case_cb, &data, error);
  g_mutex_unlock (&self->lock);

  return ret;
}

/**
 * hz_store_list_cases:
 *
 * Reads the case list: one row a case, parsed on all cores. Safe to call
 * from a worker thread.
 *
 * Returns: (transfer full) (element-type HzCaseSummary): the case list
 */
GPtrArray *
hz_store_list_cases (HzStore  *self,
                     GError  **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *now_key = NULL;
  ListCasesData data = { NULL, };
  GPtrArray *summaries;

  g_return_val_if_fail (HZ_IS_STORE (self), NULL);
  /* one AuditEvent per listing: names are patient data */
  g_mutex_lock (&self->lock);
  if (audit_read_locked (self, 'R', "search-type", NULL, "EpisodeOfCare", NULL, error))
    rows = BACKEND (self)->list_cases (self->backend, error);
  g_mutex_unlock (&self->lock);

  if (rows == NULL)
    return NULL;

  now_key = now_sort_key ();
  summaries = g_ptr_array_new_full (rows->len, g_object_unref);
  g_ptr_array_set_size (summaries, rows->len);

  data.rows = rows;
  data.summaries = (HzCaseSummary **) summaries->pdata;
  data.now_key = now_key;
  g_mutex_init (&data.lock);
  hz_parallel_for ((rows->len + LIST_CHUNK - 1) / LIST_CHUNK, 2, summarize_chunk, &data);
  g_mutex_clear (&data.lock);

  if (data.damaged != NULL)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CORRUPT,
                   _("The case list of “%s” is damaged: %s"), self->path, data.damaged);
      g_free (data.damaged);
      g_ptr_array_unref (summaries);
      return NULL;
    }

  return summaries;
}

HzCaseSummary *
hz_store_get_case_summary (HzStore     *self,
                           const char  *case_id,
                           GError     **error)
{
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autofree char *now_key = NULL;
  g_autofree char *what = NULL;
  char *json = NULL;
  HzJv *root;

  g_return_val_if_fail (HZ_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  what = g_strdup_printf ("EpisodeOfCare/%s", case_id);

  g_mutex_lock (&self->lock);
  json = BACKEND (self)->get_case (self->backend, case_id, error);
  if (json != NULL && !audit_read_locked (self, 'R', NULL, case_id, what, "case-list", error))
    g_clear_pointer (&json, g_free);
  g_mutex_unlock (&self->lock);

  if (json == NULL)
    return NULL;

  doc = hz_json_doc_parse (json, strlen (json), NULL);
  root = doc != NULL ? hz_json_doc_get_root (doc) : NULL;
  if (root == NULL || hz_jv_get_value_type (root) != HZ_JV_OBJECT)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CORRUPT,
                   _("The case list of “%s” is damaged: %s"), self->path, case_id);
      return NULL;
    }

  now_key = now_sort_key ();
  return hz_case_summary_new_from_value (root, now_key);
}

/* ------------------------------------------------------------------------- */
/* Validation and case assignment */

typedef struct
{
  char *path;     /* "subject.reference" */
  char *type;
  char *id;
  char *key;      /* "Type/id" */
} Ref;

static void
ref_free (Ref *ref)
{
  g_free (ref->path);
  g_free (ref->type);
  g_free (ref->id);
  g_free (ref->key);
  g_free (ref);
}

typedef struct
{
  HzJv       *resource;
  const char *type;           /* owned by resource */
  const char *id;             /* owned by resource */
  char       *key;
  const char *label;          /* the key: "Observation/obs-3" */
  GPtrArray  *refs;           /* Ref* */
  char       *case_id;
  gboolean    resolving;
  gboolean    exists;
  char       *stored_case_id;
  gint64      stored_version;  /* the current version, or a deleted one's tombstone */
  char       *stored_author;
  gint64      base_version;    /* what the writer started from (HZ_STORE_ANY_VERSION...) */
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->key);
  g_clear_pointer (&entry->refs, g_ptr_array_unref);
  g_free (entry->case_id);
  g_free (entry->stored_case_id);
  g_free (entry->stored_author);
  g_free (entry);
}

typedef struct
{
  gboolean  found;
  char     *case_id;
} StoreInfo;

static void
store_info_free (StoreInfo *info)
{
  g_free (info->case_id);
  g_free (info);
}

typedef struct
{
  HzStore    *self;
  HzJsonDoc  *doc;               /* holds the resources */
  GPtrArray  *entries;           /* Entry* */
  GHashTable *by_key;            /* key → Entry* */
  GPtrArray  *episodes;          /* Entry* of the EpisodeOfCare entries */
  GHashTable *patient_episodes;  /* Patient key → GPtrArray of episode ids (batch) */
  GHashTable *store_info;        /* key → StoreInfo*, resources outside the batch */
  GHashTable *store_patient_cases; /* patient id → GPtrArray of case ids (store) */
  const char *forced_case_id;
  GError     *db_error;          /* the first backend failure during resolution */
  HzStoreImportCounts *preview;  /* counted, not written */
} Batch;

static void
batch_clear (Batch *batch)
{
  g_clear_pointer (&batch->entries, g_ptr_array_unref);
  g_clear_pointer (&batch->by_key, g_hash_table_unref);
  g_clear_pointer (&batch->episodes, g_ptr_array_unref);
  g_clear_pointer (&batch->patient_episodes, g_hash_table_unref);
  g_clear_pointer (&batch->store_info, g_hash_table_unref);
  g_clear_pointer (&batch->store_patient_cases, g_hash_table_unref);
  g_clear_error (&batch->db_error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Batch, batch_clear)

static void
batch_init (Batch      *batch,
            HzStore    *self,
            HzJsonDoc  *doc,
            const char *forced_case_id)
{
  memset (batch, 0, sizeof *batch);
  batch->self = self;
  batch->doc = doc;
  batch->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  batch->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  batch->episodes = g_ptr_array_new ();
  batch->patient_episodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) g_ptr_array_unref);
  batch->store_info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) store_info_free);
  batch->store_patient_cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);
  batch->forced_case_id = forced_case_id;
}

typedef struct
{
  Entry   *entry;
  GError **error;
} CollectRefs;

static void
collect_ref_cb (const char *path,
                HzJv       *reference_object,
                HzJv       *reference_value,
                gpointer    user_data)
{
  CollectRefs *collect = user_data;
  const char *reference = reference_value->str;
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;
  Ref *ref;

  if (*collect->error != NULL)
    return;

  if (g_str_has_prefix (reference, "urn:uuid:"))
    {
      g_set_error (collect->error, HZ_STORE_ERROR, HZ_STORE_ERROR_DANGLING_REFERENCE,
                   _("%s: field “%s” refers to “%s”, which is not in the bundle"),
                   collect->entry->label, path, reference);
      return;
    }

  /* absolute URLs, #contained and types the store does not hold are kept
   * as they are */
  if (!hz_fhir_split_reference (reference, &type, &id) || !hz_fhir_is_known_type (type))
    return;

  ref = g_new0 (Ref, 1);
  ref->path = g_strdup (path);
  ref->key = g_strdup_printf ("%s/%s", type, id);
  ref->type = g_steal_pointer (&type);
  ref->id = g_steal_pointer (&id);
  g_ptr_array_add (collect->entry->refs, ref);
}

static char *
entry_where (gboolean entry_labels,
             guint    index)
{
  if (entry_labels)
    /* Translators: names a resource in a bundle by its position */
    return g_strdup_printf (_("Bundle entry %u"), index + 1);

  return g_strdup (_("Resource"));
}

/* Checks what can be checked without the database. */
static gboolean
prepare_entries (Batch        *batch,
                 GPtrArray    *resources,
                 const gint64 *base_versions,
                 gboolean      entry_labels,
                 GError      **error)
{
  g_autoptr(GString) path = g_string_new (NULL);

  for (guint i = 0; i < resources->len; i++)
    {
      HzJv *resource = g_ptr_array_index (resources, i);
      Entry *entry = g_new0 (Entry, 1);
      const char *bad_date = NULL;
      CollectRefs collect = { entry, error };
      HzJv *id_node;

      g_ptr_array_add (batch->entries, entry);
      entry->resource = resource;
      entry->base_version = base_versions != NULL ? base_versions[i] : HZ_STORE_ANY_VERSION;
      entry->refs = g_ptr_array_new_with_free_func ((GDestroyNotify) ref_free);

      if (resource->type != HZ_JV_OBJECT)
        {
          g_autofree char *where = entry_where (entry_labels, i);

          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                       _("%s is not a JSON object"), where);
          return FALSE;
        }

      entry->type = hz_jv_get_string (resource, "resourceType");
      if (entry->type == NULL)
        {
          g_autofree char *where = entry_where (entry_labels, i);

          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                       _("%s: field “resourceType” is missing"), where);
          return FALSE;
        }
      if (!hz_fhir_is_known_type (entry->type))
        {
          g_autofree char *where = entry_where (entry_labels, i);

          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_UNKNOWN_TYPE,
                       _("%s: resourceType “%s” is not one Huizhen stores"),
                       where, entry->type);
          return FALSE;
        }

      id_node = hz_jv_get (resource, "id");
      if (id_node == NULL || id_node->type == HZ_JV_NULL)
        {
          g_autofree char *id = g_uuid_string_random ();

          hz_jv_object_set_string (batch->doc, resource, "id", id);
        }
      entry->id = hz_jv_get_string (resource, "id");
      if (!hz_fhir_id_is_valid (entry->id))
        {
          g_autofree char *where = entry_where (entry_labels, i);
          g_autofree char *shown = NULL;

          if (entry->id == NULL)
            shown = hz_jv_to_string (hz_jv_get (resource, "id"));

          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                       _("%s (%s): field “id” has an invalid id “%s”"),
                       where, entry->type, entry->id ? entry->id : shown);
          return FALSE;
        }

      entry->key = g_strconcat (entry->type, "/", entry->id, NULL);
      entry->label = entry->key;

      if (g_hash_table_contains (batch->by_key, entry->key))
        {
          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                       _("%s appears more than once"), entry->key);
          return FALSE;
        }
      g_hash_table_insert (batch->by_key, entry->key, entry);

      g_string_truncate (path, 0);
      if (hz_fhir_jv_find_invalid_date (resource, path, &bad_date))
        {
          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID_DATE,
                       _("%s: field “%s” has an invalid date “%s”"),
                       entry->label, path->str, bad_date);
          return FALSE;
        }

      hz_fhir_jv_foreach_reference (resource, collect_ref_cb, &collect);
      if (*error != NULL)
        return FALSE;

      if (strcmp (entry->type, "EpisodeOfCare") == 0)
        {
          g_autofree char *patient_type = NULL;
          g_autofree char *patient_id = NULL;

          g_ptr_array_add (batch->episodes, entry);
          if (hz_fhir_split_reference (hz_jv_get_path_string (resource, "patient.reference"),
                                       &patient_type, &patient_id) &&
              strcmp (patient_type, "Patient") == 0)
            {
              g_autofree char *patient_key = g_strdup_printf ("Patient/%s", patient_id);
              GPtrArray *list = g_hash_table_lookup (batch->patient_episodes, patient_key);

              if (list == NULL)
                {
                  list = g_ptr_array_new ();
                  g_hash_table_insert (batch->patient_episodes, g_steal_pointer (&patient_key), list);
                }
              g_ptr_array_add (list, (gpointer) entry->id);
            }
        }
    }

  return TRUE;
}

/* A resource outside the batch, looked up once. With the lock held. */
/* HZ_STORE_ERROR_CONFLICT for a write or delete of @key that started from
 * @base (0: "new") while the store holds @stored (0: none) by @author. */
static void
set_conflict_error (GError    **error,
                    const char *key,
                    gint64      base,
                    gint64      stored,
                    gboolean    deleted,
                    const char *author)
{
  g_autofree char *by = NULL;

  if (author == NULL || *author == '\0')
    author = "?";

  if (deleted)
    g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT,
                 /* Translators: %s/%lld: resource, version; the next %s a clinician */
                 _("%s was deleted (version %lld by %s) after this change "
                   "started from version %lld; nothing was written"),
                 key, (long long) stored, author, (long long) base);
  else if (base == 0)
    g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT,
                 _("%s already exists (version %lld by %s); this change "
                   "was written as a new resource, so nothing was written"),
                 key, (long long) stored, author);
  else if (stored == 0)
    g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT,
                 _("%s is not in the database, but this change started from its "
                   "version %lld; nothing was written"),
                 key, (long long) base);
  else
    g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT,
                 _("%s was changed by %s (now version %lld) after this "
                   "change started from version %lld; nothing was written"),
                 key, author, (long long) stored, (long long) base);
}

static StoreInfo *
batch_store_info (Batch      *batch,
                  const char *key,
                  const char *type,
                  const char *id)
{
  StoreInfo *info = g_hash_table_lookup (batch->store_info, key);

  if (info == NULL)
    {
      g_autoptr(GError) error = NULL;
      HzStore *self = batch->self;

      info = g_new0 (StoreInfo, 1);
      info->found = BACKEND (self)->lookup (self->backend, type, id, &info->case_id, NULL, NULL,
                                            &error);
      if (error != NULL && batch->db_error == NULL)
        batch->db_error = g_steal_pointer (&error);
      g_hash_table_insert (batch->store_info, g_strdup (key), info);
    }

  return info;
}

/* The store's cases of a patient. With the lock held. */
static GPtrArray *
batch_store_patient_cases (Batch      *batch,
                           const char *patient_id)
{
  GPtrArray *cases = g_hash_table_lookup (batch->store_patient_cases, patient_id);

  if (cases == NULL)
    {
      g_autoptr(GError) error = NULL;
      HzStore *self = batch->self;

      cases = BACKEND (self)->patient_cases (self->backend, patient_id, &error);
      if (cases == NULL)
        {
          if (batch->db_error == NULL)
            batch->db_error = g_steal_pointer (&error);
          cases = g_ptr_array_new_with_free_func (g_free);
        }
      g_hash_table_insert (batch->store_patient_cases, g_strdup (patient_id), cases);
    }

  return cases;
}

/* The EpisodeOfCare ids of a patient, in the batch and in the store */
static GPtrArray *
patient_episode_ids (Batch      *batch,
                     const char *patient_key,
                     const char *patient_id)
{
  GPtrArray *ids = g_ptr_array_new ();
  GPtrArray *in_batch = g_hash_table_lookup (batch->patient_episodes, patient_key);
  GPtrArray *in_store = batch_store_patient_cases (batch, patient_id);

  for (guint i = 0; in_batch != NULL && i < in_batch->len; i++)
    g_ptr_array_add (ids, g_ptr_array_index (in_batch, i));

  for (guint i = 0; i < in_store->len; i++)
    {
      const char *id = g_ptr_array_index (in_store, i);

      if (!g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_ptr_array_add (ids, (gpointer) id);
    }

  return ids;
}

static const char *resolve_case (Batch *batch,
                                 Entry *entry);

static gboolean
is_subject_path (const char *path)
{
  return strcmp (path, "subject.reference") == 0 ||
         strcmp (path, "patient.reference") == 0 ||
         strcmp (path, "for.reference") == 0 ||
         strcmp (path, "beneficiary.reference") == 0;
}

/* docs/data-model.md, "Which case a resource belongs to" */
static char *
compute_case (Batch *batch,
              Entry *entry)
{
  if (strcmp (entry->type, "EpisodeOfCare") == 0)
    return g_strdup (entry->id);

  if (strcmp (entry->type, "Patient") == 0)
    {
      GPtrArray *in_batch;
      GPtrArray *in_store;

      /* a patient's row is shared between her pregnancies: case of the first */
      if (entry->exists && entry->stored_case_id != NULL)
        return g_strdup (entry->stored_case_id);

      if (batch->forced_case_id != NULL)
        return g_strdup (batch->forced_case_id);

      in_batch = g_hash_table_lookup (batch->patient_episodes, entry->key);
      if (in_batch != NULL && in_batch->len > 0)
        return g_strdup (g_ptr_array_index (in_batch, 0));

      in_store = batch_store_patient_cases (batch, entry->id);
      if (in_store->len > 0)
        return g_strdup (g_ptr_array_index (in_store, 0));

      if (batch->episodes->len == 1)
        return g_strdup (((Entry *) g_ptr_array_index (batch->episodes, 0))->id);

      return NULL;
    }

  if (batch->forced_case_id != NULL)
    return g_strdup (batch->forced_case_id);

  /* 2. it references an EpisodeOfCare ... */
  for (guint i = 0; i < entry->refs->len; i++)
    {
      Ref *ref = g_ptr_array_index (entry->refs, i);

      if (strcmp (ref->type, "EpisodeOfCare") == 0)
        return g_strdup (ref->id);
    }

  /* ... or a resource of a case (an Encounter of that episode) */
  for (guint i = 0; i < entry->refs->len; i++)
    {
      Ref *ref = g_ptr_array_index (entry->refs, i);
      Entry *target;

      if (strcmp (ref->type, "Patient") == 0)
        continue;

      target = g_hash_table_lookup (batch->by_key, ref->key);
      if (target != NULL)
        {
          const char *case_id = resolve_case (batch, target);

          if (case_id != NULL)
            return g_strdup (case_id);
        }
      else
        {
          StoreInfo *info = batch_store_info (batch, ref->key, ref->type, ref->id);

          if (info->found && info->case_id != NULL)
            return g_strdup (info->case_id);
        }
    }

  /* 3. its subject is a Patient with exactly one EpisodeOfCare */
  for (guint i = 0; i < entry->refs->len; i++)
    {
      Ref *ref = g_ptr_array_index (entry->refs, i);
      g_autoptr(GPtrArray) episodes = NULL;

      if (strcmp (ref->type, "Patient") != 0 || !is_subject_path (ref->path))
        continue;

      episodes = patient_episode_ids (batch, ref->key, ref->id);
      if (episodes->len == 1)
        return g_strdup (g_ptr_array_index (episodes, 0));
    }

  /* 4. the bundle holds exactly one EpisodeOfCare */
  if (batch->episodes->len == 1)
    return g_strdup (((Entry *) g_ptr_array_index (batch->episodes, 0))->id);

  /* an update of a stored resource stays where it is */
  if (entry->exists && entry->stored_case_id != NULL)
    return g_strdup (entry->stored_case_id);

  return NULL;
}

static const char *
resolve_case (Batch *batch,
              Entry *entry)
{
  if (entry->case_id != NULL || entry->resolving)
    return entry->case_id;

  entry->resolving = TRUE;
  entry->case_id = compute_case (batch, entry);
  entry->resolving = FALSE;

  return entry->case_id;
}

/* With the lock held, inside the transaction. */
static gboolean
resolve_and_check (Batch   *batch,
                   GError **error)
{
  HzStore *self = batch->self;

  for (guint i = 0; i < batch->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (batch->entries, i);
      g_autoptr(GError) local_error = NULL;

      entry->exists = BACKEND (self)->lookup (self->backend, entry->type, entry->id,
                                              &entry->stored_case_id, &entry->stored_version,
                                              &entry->stored_author, &local_error);
      if (local_error == NULL && !entry->exists)
        BACKEND (self)->last_version (self->backend, entry->type, entry->id,
                                      &entry->stored_version, &entry->stored_author,
                                      &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* A change must start from the version stored now. A resource the
       * store never held is a create whatever version another system gave
       * it; one that was deleted comes back only as a new resource. */
      if (entry->base_version != HZ_STORE_ANY_VERSION &&
          (entry->exists ? entry->base_version != entry->stored_version
                         : entry->stored_version > 0 && entry->base_version != 0))
        {
          set_conflict_error (error, entry->key, entry->base_version,
                              entry->stored_version, !entry->exists && entry->stored_version > 0,
                              entry->stored_author);
          return FALSE;
        }
    }

  if (batch->forced_case_id != NULL)
    {
      g_autofree char *key = g_strdup_printf ("EpisodeOfCare/%s", batch->forced_case_id);

      if (!g_hash_table_contains (batch->by_key, key) &&
          !batch_store_info (batch, key, "EpisodeOfCare", batch->forced_case_id)->found)
        {
          if (batch->db_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&batch->db_error));
              return FALSE;
            }
          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND,
                       _("Case “%s” does not exist"), batch->forced_case_id);
          return FALSE;
        }
    }

  for (guint i = 0; i < batch->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (batch->entries, i);
      const char *case_id = resolve_case (batch, entry);

      if (batch->db_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&batch->db_error));
          return FALSE;
        }

      if (case_id == NULL)
        {
          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                       _("%s: cannot tell which case (EpisodeOfCare) it belongs to; "
                         "reference the EpisodeOfCare or import it in the same bundle"),
                       entry->label);
          return FALSE;
        }

      if (batch->forced_case_id != NULL && strcmp (entry->type, "EpisodeOfCare") == 0 &&
          strcmp (entry->id, batch->forced_case_id) != 0)
        {
          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                       _("%s cannot be written into case “%s”: an EpisodeOfCare is a case of its own"),
                       entry->label, batch->forced_case_id);
          return FALSE;
        }

      if (entry->exists && entry->stored_case_id != NULL &&
          strcmp (entry->type, "Patient") != 0 &&
          strcmp (entry->stored_case_id, case_id) != 0)
        {
          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                       _("%s already belongs to case “%s”, not “%s”"),
                       entry->label, entry->stored_case_id, case_id);
          return FALSE;
        }
    }

  /* Every reference resolves inside the case (patients may be shared) */
  for (guint i = 0; i < batch->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (batch->entries, i);

      for (guint j = 0; j < entry->refs->len; j++)
        {
          Ref *ref = g_ptr_array_index (entry->refs, j);
          Entry *target = g_hash_table_lookup (batch->by_key, ref->key);
          const char *target_case;

          if (target != NULL)
            target_case = target->case_id;
          else
            {
              StoreInfo *info = batch_store_info (batch, ref->key, ref->type, ref->id);

              if (batch->db_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&batch->db_error));
                  return FALSE;
                }
              if (!info->found)
                {
                  g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_DANGLING_REFERENCE,
                               _("%s: field “%s” refers to “%s”, which is neither in the "
                                 "bundle nor in the database"),
                               entry->label, ref->path, ref->key);
                  return FALSE;
                }
              target_case = info->case_id;
            }

          if (strcmp (ref->type, "Patient") == 0)
            continue;

          if (g_strcmp0 (target_case, entry->case_id) != 0)
            {
              g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_DANGLING_REFERENCE,
                           _("%s: field “%s” refers to “%s”, which belongs to another case"),
                           entry->label, ref->path, ref->key);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static void
set_meta (HzJsonDoc  *doc,
          HzJv       *resource,
          gint64      version,
          const char *last_updated)
{
  HzJv *meta = hz_jv_object_ensure_object (doc, resource, "meta");
  char version_str[32];

  g_snprintf (version_str, sizeof version_str, "%" G_GINT64_FORMAT, version);
  hz_jv_object_set_string (doc, meta, "versionId", version_str);
  hz_jv_object_set_string (doc, meta, "lastUpdated", last_updated);
}

/* TRUE if @entry's resource, given the stored version's meta, is the
 * stored text byte for byte. Leaves that meta on it when it is. */
static gboolean
is_unchanged (Batch   *batch,
              Entry   *entry,
              GString *scratch)
{
  HzStore *self = batch->self;
  g_autofree char *stored = NULL;
  g_autoptr(HzJsonDoc) stored_doc = NULL;
  const char *last_updated;

  stored = BACKEND (self)->get_json (self->backend, entry->type, entry->id, NULL, NULL);
  if (stored == NULL)
    return FALSE;

  stored_doc = hz_json_doc_parse (g_strdup (stored), strlen (stored), NULL);
  last_updated = stored_doc != NULL
                 ? hz_jv_get_path_string (hz_json_doc_get_root (stored_doc), "meta.lastUpdated")
                 : NULL;
  if (last_updated == NULL)
    return FALSE;

  set_meta (batch->doc, entry->resource, entry->stored_version, last_updated);
  g_string_truncate (scratch, 0);
  hz_jv_write (scratch, entry->resource);

  return strcmp (scratch->str, stored) == 0;
}

/* With the lock held, inside the transaction. */
static gboolean
write_entries (Batch         *batch,
               AuditContext  *audit,
               const char    *source_name,
               Touched       *touched,
               GError       **error)
{
  HzStore *self = batch->self;
  g_autoptr(GString) json = g_string_sized_new (4096);

  for (guint i = 0; i < batch->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (batch->entries, i);
      gint64 version = entry->stored_version + 1;
      g_autofree char *sort_date = NULL;
      HzStoreRow row;

      /* The same resource again (a second import of one file, a form saved
       * unchanged) adds no version: nothing changed, nothing to record. */
      if (entry->exists && g_strcmp0 (entry->stored_case_id, entry->case_id) == 0 &&
          is_unchanged (batch, entry, json))
        {
          if (batch->preview != NULL)
            batch->preview->n_unchanged++;
          continue;
        }

      if (batch->preview != NULL)
        {
          if (entry->exists)
            batch->preview->n_changed++;
          else
            batch->preview->n_new++;
          continue;
        }

      set_meta (batch->doc, entry->resource, version, audit->recorded);
      g_string_truncate (json, 0);
      hz_jv_write (json, entry->resource);
      sort_date = hz_fhir_date_sort_key (hz_fhir_jv_get_resource_date (entry->resource));

      row.resource_type = entry->type;
      row.id = entry->id;
      row.case_id = entry->case_id;
      row.code = hz_fhir_jv_get_concept_code (entry->resource, "code", NULL);
      row.sort_date = sort_date;
      row.version = version;
      row.last_updated = audit->recorded;
      row.json = json->str;
      row.author = audit->author;

      if (!BACKEND (self)->put_row (self->backend, &row, error) ||
          !write_audit (self, audit, entry->exists ? 'U' : 'C', entry->case_id,
                        entry->key, source_name, error))
        return FALSE;

      touch (touched, entry->case_id, entry->type);

      /* every pregnancy of this patient shows her */
      if (strcmp (entry->type, "Patient") == 0)
        {
          g_autoptr(GPtrArray) episodes = patient_episode_ids (batch, entry->key, entry->id);

          for (guint j = 0; j < episodes->len; j++)
            touch (touched, g_ptr_array_index (episodes, j), "Patient");
        }
    }

  if (batch->db_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&batch->db_error));
      return FALSE;
    }

  for (guint i = 0; i < touched->order->len; i++)
    if (!update_case_summary (self, g_ptr_array_index (touched->order, i), error))
      return FALSE;

  return TRUE;
}

gboolean
hz_store_write (HzStore      *self,
                HzJsonDoc    *doc,
                GPtrArray    *resources,
                const gint64 *base_versions,
                GPtrArray    *deletes,
                const char   *case_id,
                const char   *source_name,
                gboolean      entry_labels,
                GStrv        *out_case_ids,
                GError      **error)
{
  return hz_store_write_full (self, doc, resources, base_versions, deletes, case_id, source_name,
                              entry_labels, NULL, out_case_ids, error);
}

/* hz_store_write(), or with @preview what it would do: the checks all run,
 * the resources are counted (new, changed, unchanged) and nothing is
 * written, audited or announced. */
gboolean
hz_store_write_full (HzStore             *self,
                     HzJsonDoc           *doc,
                     GPtrArray           *resources,
                     const gint64        *base_versions,
                     GPtrArray           *deletes,
                     const char          *case_id,
                     const char          *source_name,
                     gboolean             entry_labels,
                     HzStoreImportCounts *preview,
                     GStrv               *out_case_ids,
                     GError             **error)
{
  g_auto(Batch) batch = { 0, };
  g_auto(AuditContext) audit = { 0, };
  g_auto(Touched) touched = { 0, };
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (resources != NULL, FALSE);

  batch_init (&batch, self, doc, case_id);
  batch.preview = preview;
  if (preview != NULL)
    memset (preview, 0, sizeof *preview);
  touched_init (&touched);
  memset (&audit, 0, sizeof audit);

  ok = prepare_entries (&batch, resources, base_versions, entry_labels, &local_error);

  g_mutex_lock (&self->lock);

  if (ok && preview == NULL)
    ok = hz_store_check_writable (self, &local_error);
  if (ok)
    ok = audit_context_init (self, &audit, &local_error) &&
         BACKEND (self)->begin (self->backend, &local_error);

  if (ok)
    {
      ok = resolve_and_check (&batch, &local_error) &&
           write_entries (&batch, &audit, source_name, &touched, &local_error);

      for (guint i = 0; ok && preview == NULL && deletes != NULL && i < deletes->len; i++)
        {
          HzStoreDeleteOp *op = g_ptr_array_index (deletes, i);

          ok = delete_locked (self, &audit, op->type, op->id, op->base_version, source_name,
                              &touched, &local_error);
        }
      if (preview != NULL && deletes != NULL)
        preview->n_changed += deletes->len;

      if (preview != NULL)
        BACKEND (self)->rollback (self->backend);
      else
        {
          ok = ok && BACKEND (self)->commit (self->backend, &local_error);

          if (!ok)
            BACKEND (self)->rollback (self->backend);
        }
    }

  /* A refused write is recorded (unless the database itself failed, when
   * nothing can be). */
  if (!ok && preview == NULL && local_error->domain == HZ_STORE_ERROR &&
      local_error->code != HZ_STORE_ERROR_FAILED &&
      local_error->code != HZ_STORE_ERROR_CORRUPT &&
      local_error->code != HZ_STORE_ERROR_NO_ACTOR)
    {
      Entry *first = batch.entries->len > 0 ? g_ptr_array_index (batch.entries, 0) : NULL;

      audit_refusal (self, 'U', NULL,
                     first != NULL && first->key != NULL ? first->key : "Bundle",
                     local_error->message);
    }

  if (ok && preview == NULL)
    note_own_rows (self, &audit);

  g_mutex_unlock (&self->lock);

  if (!ok)
    goto failed;

  if (out_case_ids != NULL)
    {
      GStrvBuilder *builder = g_strv_builder_new ();

      for (guint i = 0; i < batch.entries->len; i++)
        {
          Entry *entry = g_ptr_array_index (batch.entries, i);
          gboolean seen = FALSE;

          for (guint j = 0; j < i && !seen; j++)
            seen = g_strcmp0 (((Entry *) g_ptr_array_index (batch.entries, j))->case_id,
                              entry->case_id) == 0;
          if (!seen)
            g_strv_builder_add (builder, entry->case_id);
        }
      *out_case_ids = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
    }

  if (preview == NULL)
    notify_changes (self, &touched);
  return TRUE;

failed:
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ------------------------------------------------------------------------- */
/* Writes */

static void
copy_back_meta (HzJv       *written,
                JsonObject *caller)
{
  HzJv *meta = hz_jv_get_object (written, "meta");
  const char *id = hz_jv_get_string (written, "id");
  JsonObject *caller_meta;
  JsonNode *node;

  json_object_set_string_member (caller, "id", id);

  node = json_object_get_member (caller, "meta");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      json_object_set_object_member (caller, "meta", json_object_new ());
      node = json_object_get_member (caller, "meta");
    }
  caller_meta = json_node_get_object (node);

  json_object_set_string_member (caller_meta, "versionId", hz_jv_get_string (meta, "versionId"));
  json_object_set_string_member (caller_meta, "lastUpdated", hz_jv_get_string (meta, "lastUpdated"));
}

/**
 * hz_store_put:
 * @self: the store
 * @case_id: (nullable): the case (EpisodeOfCare id); %NULL for an
 *   EpisodeOfCare, or to assign the case from the resource's references
 * @resource: the resource; on success its id (generated if missing) and
 *   meta.versionId / meta.lastUpdated are set as stored
 * @error: return location for a #GError
 *
 * Writes (insert or replace) one resource in one transaction, after
 * validation, with its AuditEvent.
 */
gboolean
hz_store_put (HzStore     *self,
              const char  *case_id,
              JsonObject  *resource,
              GError     **error)
{
  g_autoptr(GPtrArray) resources = NULL;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (resource != NULL, FALSE);

  resources = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_ptr_array_add (resources, json_object_ref (resource));

  return hz_store_put_all (self, case_id, resources, error);
}

/**
 * hz_store_put_all:
 * @resources: (element-type JsonObject): on success, each one's id and
 *   meta are set as stored
 *
 * Writes several resources of a case, all or nothing.
 */
gboolean
hz_store_put_all (HzStore     *self,
                  const char  *case_id,
                  GPtrArray   *resources,
                  GError     **error)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree gint64 *bases = NULL;
  HzJv *root;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (resources != NULL, FALSE);

  /* The callers' objects are left alone until the commit succeeded: the
   * store works on its own copy. */
  texts = g_ptr_array_new_full (resources->len, g_free);
  for (guint i = 0; i < resources->len; i++)
    g_ptr_array_add (texts, hz_json_object_to_string (g_ptr_array_index (resources, i)));

  doc = hz_json_doc_parse_array (texts, &local_error);
  if (doc == NULL)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID_JSON,
                   _("The resource is not valid JSON: %s"), local_error->message);
      return FALSE;
    }

  root = hz_json_doc_get_root (doc);
  written = g_ptr_array_sized_new (root->n_children);
  bases = g_new0 (gint64, root->n_children + 1);
  for (HzJv *child = root->first; child != NULL; child = child->next)
    {
      /* the version the writer read is the one it started from */
      const char *version = hz_jv_get_path_string (child, "meta.versionId");

      if (version != NULL &&
          !g_ascii_string_to_signed (version, 10, 1, G_MAXINT64, &bases[written->len], NULL))
        {
          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                       _("%s/%s: field “meta.versionId” is “%s”, not a version of this store"),
                       hz_jv_get_string (child, "resourceType"), hz_jv_get_string (child, "id"),
                       version);
          return FALSE;
        }
      g_ptr_array_add (written, child);
    }

  if (!hz_store_write (self, doc, written, bases, NULL, case_id, NULL, FALSE, NULL, error))
    return FALSE;

  for (guint i = 0; i < resources->len; i++)
    copy_back_meta (g_ptr_array_index (written, i), g_ptr_array_index (resources, i));

  return TRUE;
}

/* With the lock held, inside the transaction: the resource moves to the
 * history and a tombstone follows it; nothing is erased. */
static gboolean
delete_locked (HzStore       *self,
               AuditContext  *audit,
               const char    *resource_type,
               const char    *id,
               gint64         base_version,
               const char    *source_name,
               Touched       *touched,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *author = NULL;
  g_autofree char *key = NULL;
  gint64 version = 0;
  gboolean found;
  gboolean ok;

  if (!hz_fhir_is_known_type (resource_type))
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_UNKNOWN_TYPE,
                   _("resourceType “%s” is not one Huizhen stores"), resource_type);
      return FALSE;
    }
  if (!hz_fhir_id_is_valid (id))
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND,
                   _("%s/%s is not in the database"), resource_type, id);
      return FALSE;
    }

  key = g_strdup_printf ("%s/%s", resource_type, id);

  found = BACKEND (self)->lookup (self->backend, resource_type, id, &case_id, &version, &author,
                                  &local_error);
  ok = local_error == NULL;

  if (ok && !found)
    {
      gint64 tombstone = 0;

      ok = BACKEND (self)->last_version (self->backend, resource_type, id, &tombstone, &author,
                                         &local_error);
      if (ok && tombstone > 0 && base_version != HZ_STORE_ANY_VERSION)
        set_conflict_error (&local_error, key, base_version, tombstone, TRUE, author);
      else if (ok)
        g_set_error (&local_error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND,
                     _("%s/%s is not in the database"), resource_type, id);
      ok = FALSE;
    }

  if (ok && base_version != HZ_STORE_ANY_VERSION && base_version != version)
    {
      set_conflict_error (&local_error, key, base_version, version, FALSE, author);
      ok = FALSE;
    }

  if (ok && strcmp (resource_type, "EpisodeOfCare") == 0)
    {
      gint64 n_all = BACKEND (self)->count (self->backend, id, NULL);
      gint64 n_patients = BACKEND (self)->count (self->backend, id, "Patient");
      gint64 n_others = n_all - n_patients - 1;

      if (n_all < 0 || n_patients < 0)
        {
          g_set_error (&local_error, HZ_STORE_ERROR, HZ_STORE_ERROR_FAILED,
                       _("Database “%s”: could not count the resources of case “%s”"),
                       self->path, id);
          ok = FALSE;
        }
      else if (n_others > 0)
        {
          g_set_error (&local_error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%s still holds %d other resource; delete it first",
                                    "%s still holds %d other resources; delete them first",
                                    n_others),
                       key, (int) n_others);
          ok = FALSE;
        }
    }

  if (ok && strcmp (resource_type, "Patient") == 0)
    {
      g_autoptr(GPtrArray) cases = BACKEND (self)->patient_cases (self->backend, id, &local_error);

      ok = cases != NULL;
      if (ok && cases->len > 0)
        {
          g_set_error (&local_error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                       _("%s still has a pregnancy (EpisodeOfCare/%s); delete that first"),
                       key, (const char *) g_ptr_array_index (cases, 0));
          ok = FALSE;
        }
    }

  if (ok)
    {
      HzStoreRow tombstone = { 0, };

      tombstone.resource_type = resource_type;
      tombstone.id = id;
      tombstone.case_id = case_id;
      tombstone.version = version + 1;
      tombstone.last_updated = audit->recorded;
      tombstone.json = "";
      tombstone.author = audit->author;

      ok = BACKEND (self)->delete_row (self->backend, &tombstone, &local_error) &&
           write_audit (self, audit, 'D', case_id, key, source_name, &local_error);
    }

  if (ok && case_id != NULL)
    {
      touch (touched, case_id, resource_type);
      ok = update_case_summary (self, case_id, &local_error);
    }

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

void
hz_store_delete_op_free (HzStoreDeleteOp *op)
{
  g_free (op->type);
  g_free (op->id);
  g_free (op);
}

/**
 * hz_store_delete:
 * @self: the store
 * @resource_type: the resource's type
 * @id: its id
 * @base_version: the meta.versionId the clinician saw, or
 *   %HZ_STORE_ANY_VERSION for a tool that deletes whatever is current
 * @error: return location for a #GError
 *
 * Deletes a resource: it leaves the case, and its history stays with a
 * tombstone after it (hz_store_history()). An EpisodeOfCare must be empty
 * and a Patient without pregnancies first. Fails with
 * %HZ_STORE_ERROR_CONFLICT, writing nothing, if the stored version is not
 * @base_version.
 */
gboolean
hz_store_delete (HzStore     *self,
                 const char  *resource_type,
                 const char  *id,
                 gint64       base_version,
                 GError     **error)
{
  g_auto(AuditContext) audit = { 0, };
  g_auto(Touched) touched = { 0, };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = NULL;
  gboolean ok;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (resource_type != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  touched_init (&touched);
  key = g_strdup_printf ("%s/%s", resource_type, id);

  g_mutex_lock (&self->lock);

  ok = hz_store_check_writable (self, &local_error) &&
       audit_context_init (self, &audit, &local_error) &&
       BACKEND (self)->begin (self->backend, &local_error);

  if (ok)
    {
      ok = delete_locked (self, &audit, resource_type, id, base_version, NULL, &touched,
                          &local_error) &&
           BACKEND (self)->commit (self->backend, &local_error);

      if (!ok)
        {
          BACKEND (self)->rollback (self->backend);
          audit_refusal (self, 'D', NULL, key, local_error->message);
        }
    }

  if (ok)
    note_own_rows (self, &audit);

  g_mutex_unlock (&self->lock);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  notify_changes (self, &touched);
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Reads */

/**
 * hz_store_get:
 *
 * One resource, without an audit row.
 *
 * Returns: (transfer full): the resource, or %NULL with HZ_STORE_ERROR_NOT_FOUND
 */
HzResource *
hz_store_get (HzStore     *self,
              const char  *resource_type,
              const char  *id,
              GError     **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (HZ_IS_STORE (self), NULL);
  g_return_val_if_fail (resource_type != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&self->lock);
  json = BACKEND (self)->get_json (self->backend, resource_type, id, NULL, error);
  g_mutex_unlock (&self->lock);

  if (json == NULL)
    return NULL;

  return parse_row (json, error);
}

GPtrArray *
hz_store_read_case_rows (HzStore             *self,
                         const char          *case_id,
                         const char * const  *types,
                         gboolean             sorted,
                         gboolean             audited,
                         const char          *export_destination,
                         char               **out_patient_json,
                         GError             **error)
{
  g_auto(AuditContext) audit = { 0, };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *episode_json = NULL;
  g_autofree char *patient_json = NULL;
  g_autofree char *what = NULL;
  gboolean ok;

  g_return_val_if_fail (HZ_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  what = g_strdup_printf ("EpisodeOfCare/%s", case_id);

  g_mutex_lock (&self->lock);

  ok = !audited || audit_context_init (self, &audit, &local_error);

  if (ok)
    {
      episode_json = BACKEND (self)->get_json (self->backend, "EpisodeOfCare", case_id, NULL,
                                               &local_error);
      if (episode_json == NULL)
        {
          if (g_error_matches (local_error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND))
            {
              g_clear_error (&local_error);
              g_set_error (&local_error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND,
                           _("Case “%s” does not exist"), case_id);
            }
          ok = FALSE;
        }
    }

  if (ok)
    {
      if (types == NULL)
        rows = BACKEND (self)->list_case (self->backend, case_id, NULL, NULL, sorted, &local_error);
      else
        {
          rows = g_ptr_array_new_with_free_func (g_free);
          for (guint i = 0; types[i] != NULL && rows != NULL; i++)
            {
              g_autoptr(GPtrArray) some =
                BACKEND (self)->list_case (self->backend, case_id, types[i], NULL, sorted, &local_error);

              if (some == NULL)
                g_clear_pointer (&rows, g_ptr_array_unref);
              else
                g_ptr_array_extend_and_steal (rows, g_steal_pointer (&some));
            }
        }
      ok = rows != NULL;
    }

  /* The patient is shared between her pregnancies: her row may be filed
   * under another case. */
  if (ok && (types == NULL || g_strv_contains (types, "Patient")))
    {
      g_autoptr(HzResource) episode = parse_row (episode_json, NULL);
      g_autofree char *patient_id = episode ? reference_id (hz_resource_get_value (episode), "patient", "Patient") : NULL;
      g_autofree char *patient_case = NULL;

      if (patient_id != NULL &&
          BACKEND (self)->lookup (self->backend, "Patient", patient_id, &patient_case, NULL, NULL,
                                  &local_error) &&
          g_strcmp0 (patient_case, case_id) != 0)
        patient_json = BACKEND (self)->get_json (self->backend, "Patient", patient_id, NULL,
                                                 &local_error);
      ok = local_error == NULL;
    }

  if (ok && audited)
    {
      ok = begin_audited_read (self, &local_error);
      if (ok)
        {
          ok = write_audit_full (self, &audit, 'R', export_destination ? "export" : NULL, "0",
                                 case_id, what, export_destination, &local_error) &&
               BACKEND (self)->commit (self->backend, &local_error);
          if (ok)
            note_own_rows (self, &audit);
          if (!ok)
            BACKEND (self)->rollback (self->backend);
        }
    }

  g_mutex_unlock (&self->lock);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  *out_patient_json = g_steal_pointer (&patient_json);
  return g_steal_pointer (&rows);
}

static GPtrArray *
read_case (HzStore             *self,
           const char          *case_id,
           const char * const  *types,
           gboolean             audited,
           GError             **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  g_autofree char *patient_json = NULL;

  rows = hz_store_read_case_rows (self, case_id, types, TRUE, audited, NULL, &patient_json, error);
  if (rows == NULL)
    return NULL;

  /* The slow part, outside the lock */
  objects = parse_rows (rows, error);
  if (objects == NULL)
    return NULL;

  if (patient_json != NULL)
    {
      HzResource *patient = parse_row (patient_json, error);
      guint at = 0;

      if (patient == NULL)
        return NULL;

      /* keep the (type, date) order */
      while (at < objects->len &&
             g_strcmp0 (hz_resource_get_resource_type (g_ptr_array_index (objects, at)),
                        "Patient") < 0)
        at++;
      g_ptr_array_insert (objects, at, patient);
    }

  return g_steal_pointer (&objects);
}

/*
 * hz_store_read_case_doc:
 *
 * What hz_store_read_case() and hz_store_read_case_unaudited() read, as
 * one document whose root is an array of the resource objects in no
 * particular order (the patient, when filed under another case, last). For HzCase: it keeps
 * the document and builds no json-glib trees.
 */
HzJsonDoc *
hz_store_read_case_doc (HzStore             *self,
                        const char          *case_id,
                        const char * const  *types,
                        gboolean             audited,
                        GError             **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  char *patient_json = NULL;

  g_return_val_if_fail (HZ_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  /* HzCase sorts each type itself, by date: not worth a sort in SQLite */
  rows = hz_store_read_case_rows (self, case_id, types, FALSE, audited, NULL, &patient_json, error);
  if (rows == NULL)
    return NULL;
  if (patient_json != NULL)
    g_ptr_array_add (rows, patient_json);

  /* The slow part, outside the lock */
  return parse_rows_doc (rows, error);
}

/**
 * hz_store_read_case:
 *
 * Every resource of a case, in (type, date) order, with one read
 * AuditEvent for the case. Safe to call from a worker thread.
 *
 * Returns: (transfer full) (element-type HzResource): the resources
 */
GPtrArray *
hz_store_read_case (HzStore     *self,
                    const char  *case_id,
                    GError     **error)
{
  g_return_val_if_fail (HZ_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return read_case (self, case_id, NULL, TRUE, error);
}

GPtrArray *
hz_store_read_case_types (HzStore             *self,
                          const char          *case_id,
                          const char * const  *types,
                          GError             **error)
{
  g_return_val_if_fail (HZ_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);
  g_return_val_if_fail (types != NULL, NULL);

  return read_case (self, case_id, types, TRUE, error);
}

GPtrArray *
hz_store_read_case_unaudited (HzStore             *self,
                              const char          *case_id,
                              const char * const  *types,
                              GError             **error)
{
  g_return_val_if_fail (HZ_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return read_case (self, case_id, types, FALSE, error);
}

/**
 * hz_store_list_audit:
 * @case_id: (nullable): a case, or %NULL for every case
 * @limit: the most rows to return, 0 for all
 *
 * Returns: (transfer full) (element-type HzResource): AuditEvents, newest first
 */
GPtrArray *
hz_store_list_audit (HzStore     *self,
                     const char  *case_id,
                     guint        limit,
                     GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (HZ_IS_STORE (self), NULL);

  g_mutex_lock (&self->lock);
  rows = BACKEND (self)->list_audit (self->backend, case_id, limit, error);
  g_mutex_unlock (&self->lock);

  if (rows == NULL)
    return NULL;

  return parse_rows (rows, error);
}

gint64
hz_store_count_resources (HzStore    *self,
                          const char *case_id)
{
  gint64 count;

  g_return_val_if_fail (HZ_IS_STORE (self), -1);

  g_mutex_lock (&self->lock);
  count = BACKEND (self)->count (self->backend, case_id, NULL);
  g_mutex_unlock (&self->lock);

  return count;
}

/**
 * hz_store_count_cases:
 *
 * The number of rows of the case list: patients' cases, not MDT meetings.
 *
 * Returns: the count, or -1 when the store could not be read
 */
gint64
hz_store_count_cases (HzStore *self)
{
  gint64 count;

  g_return_val_if_fail (HZ_IS_STORE (self), -1);

  g_mutex_lock (&self->lock);
  count = BACKEND (self)->count_cases (self->backend);
  g_mutex_unlock (&self->lock);

  return count;
}

GPtrArray *
hz_store_list_case_ids (HzStore     *self,
                        const char  *kind,
                        GError     **error)
{
  GPtrArray *ids = NULL;

  g_return_val_if_fail (HZ_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  g_mutex_lock (&self->lock);
  if (audit_read_locked (self, 'R', "search-type", NULL, "EpisodeOfCare", kind, error))
    ids = BACKEND (self)->kind_cases (self->backend, kind, error);
  g_mutex_unlock (&self->lock);

  return ids;
}

gint64
hz_store_count_audit (HzStore    *self,
                      const char *case_id)
{
  gint64 count;

  g_return_val_if_fail (HZ_IS_STORE (self), -1);

  g_mutex_lock (&self->lock);
  count = BACKEND (self)->count_audit (self->backend, case_id);
  g_mutex_unlock (&self->lock);

  return count;
}

gboolean
hz_store_check_integrity (HzStore  *self,
                          GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);

  g_mutex_lock (&self->lock);
  ok = BACKEND (self)->check (self->backend, error);
  g_mutex_unlock (&self->lock);

  return ok;
}

void
hz_store_limit_size (HzStore *self,
                     gint64   max_bytes)
{
  g_return_if_fail (HZ_IS_STORE (self));

  g_mutex_lock (&self->lock);
  BACKEND (self)->limit_size (self->backend, max_bytes);
  g_mutex_unlock (&self->lock);
}

/* ------------------------------------------------------------------------- */
/* History */

void
hz_store_version_free (HzStoreVersion *version)
{
  if (version == NULL)
    return;

  g_free (version->last_updated);
  g_free (version->author);
  g_free (version->case_id);
  g_free (version);
}

/**
 * hz_store_history:
 *
 * Returns: (transfer full) (element-type HzStoreVersion): every version,
 *   oldest first, or %NULL with HZ_STORE_ERROR_NOT_FOUND
 */
GPtrArray *
hz_store_history (HzStore     *self,
                  const char  *resource_type,
                  const char  *id,
                  GError     **error)
{
  g_autoptr(GPtrArray) versions = NULL;

  g_return_val_if_fail (HZ_IS_STORE (self), NULL);
  g_return_val_if_fail (resource_type != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&self->lock);
  versions = BACKEND (self)->list_history (self->backend, resource_type, id, error);
  g_mutex_unlock (&self->lock);

  if (versions != NULL && versions->len == 0)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND,
                   _("%s/%s is not in the database"), resource_type, id);
      return NULL;
    }

  return g_steal_pointer (&versions);
}

/**
 * hz_store_get_version:
 *
 * One version of a resource as it was written, with a read AuditEvent.
 *
 * Returns: (transfer full): the resource, or %NULL with HZ_STORE_ERROR_NOT_FOUND
 */
HzResource *
hz_store_get_version (HzStore     *self,
                      const char  *resource_type,
                      const char  *id,
                      gint64       version,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *what = NULL;
  gboolean ok;

  g_return_val_if_fail (HZ_IS_STORE (self), NULL);
  g_return_val_if_fail (resource_type != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  what = g_strdup_printf ("%s/%s/_history/%" G_GINT64_FORMAT, resource_type, id, version);

  g_mutex_lock (&self->lock);
  ok = (json = BACKEND (self)->get_version (self->backend, resource_type, id, version,
                                            &local_error)) != NULL;
  if (ok)
    BACKEND (self)->lookup (self->backend, resource_type, id, &case_id, NULL, NULL, NULL);
  ok = ok && audit_read_locked (self, 'R', "vread", case_id, what, NULL, &local_error);
  g_mutex_unlock (&self->lock);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return parse_row (json, error);
}

/* ------------------------------------------------------------------------- */
/* The audit chain */

typedef struct
{
  gint64     expected_seq;
  char      *prev_hash;
  gint64     count;
  gint64     head_count;   /* from the auditor's head, 0 if none */
  const char *head_hash;
  gboolean   head_seen;
  GError    *error;
  /* an incremental check: the row up to which an earlier check went, taken
   * as verified when its hash is still the one that check saw */
  gint64     anchor_seq;
  const char *anchor_hash;
} Verify;

static gboolean
verify_row_cb (const HzStoreAuditRow *row,
               gpointer               user_data)
{
  Verify *verify = user_data;
  g_autofree char *hash = NULL;

  if (verify->anchor_seq > 0 && row->seq == verify->anchor_seq)
    {
      if (g_strcmp0 (row->hash, verify->anchor_hash) != 0)
        {
          g_set_error (&verify->error, HZ_STORE_ERROR, HZ_STORE_ERROR_TAMPERED,
                       _("Audit row %lld is not the one the kept head names: "
                         "the log was rewritten"), (long long) row->seq);
          return FALSE;
        }
      g_free (verify->prev_hash);
      verify->prev_hash = g_strdup (row->hash);
      verify->expected_seq = row->seq + 1;
      verify->count = row->seq;
      verify->head_seen = TRUE;
      return TRUE;
    }

  if (row->seq != verify->expected_seq)
    {
      if (row->seq == verify->expected_seq + 1)
        g_set_error (&verify->error, HZ_STORE_ERROR, HZ_STORE_ERROR_TAMPERED,
                     _("Audit row %lld was removed"), (long long) verify->expected_seq);
      else if (row->seq > verify->expected_seq)
        g_set_error (&verify->error, HZ_STORE_ERROR, HZ_STORE_ERROR_TAMPERED,
                     _("Audit rows %lld–%lld were removed"),
                     (long long) verify->expected_seq, (long long) row->seq - 1);
      else
        g_set_error (&verify->error, HZ_STORE_ERROR, HZ_STORE_ERROR_TAMPERED,
                     _("Audit row %lld was inserted out of order"), (long long) row->seq);
      return FALSE;
    }

  hash = hz_store_audit_hash (verify->prev_hash, row->seq, row->id, row->case_id,
                              row->recorded, row->json);
  if (row->hash == NULL || strcmp (hash, row->hash) != 0)
    {
      g_set_error (&verify->error, HZ_STORE_ERROR, HZ_STORE_ERROR_TAMPERED,
                   _("Audit row %lld was changed or inserted: its hash does "
                     "not follow from the rows before it"), (long long) row->seq);
      return FALSE;
    }

  if (verify->head_count == row->seq)
    {
      if (strcmp (hash, verify->head_hash) != 0)
        {
          g_set_error (&verify->error, HZ_STORE_ERROR, HZ_STORE_ERROR_TAMPERED,
                       _("Audit row %lld is not the one the kept head names: "
                         "the log was rewritten"), (long long) row->seq);
          return FALSE;
        }
      verify->head_seen = TRUE;
    }

  g_free (verify->prev_hash);
  verify->prev_hash = g_steal_pointer (&hash);
  verify->expected_seq++;
  verify->count++;
  return TRUE;
}

/**
 * hz_store_verify_audit:
 * @self: the store
 * @head: (nullable): "COUNT:HASH" kept by an auditor
 * @out_count: (out) (optional): the number of rows
 * @out_hash: (out) (optional) (transfer full): the newest row's hash
 * @error: return location for a #GError
 *
 * Checks the audit log's hash chain from its first row and that its
 * append-only guards are in place.
 */
static gboolean
verify_audit (HzStore     *self,
              const char  *head,
              gboolean     since,
              gint64      *out_count,
              char       **out_hash,
              GError     **error)
{
  Verify verify = { 1, NULL, 0, 0, NULL, FALSE, NULL, 0, NULL };
  g_autofree char *missing = NULL;
  g_auto(GStrv) head_parts = NULL;
  gboolean ok;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);

  if (head != NULL)
    {
      head_parts = g_strsplit (head, ":", 2);
      if (g_strv_length (head_parts) != 2 ||
          !g_ascii_string_to_signed (head_parts[0], 10, 1, G_MAXINT64, &verify.head_count, NULL) ||
          strlen (head_parts[1]) != 64)
        {
          g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID,
                       _("“%s” is not an audit head: expected COUNT:HASH as "
                         "“huizhen-cli audit head” prints it"), head);
          return FALSE;
        }
      verify.head_hash = head_parts[1];
      if (since)
        {
          verify.anchor_seq = verify.head_count;
          verify.anchor_hash = verify.head_hash;
          verify.expected_seq = verify.head_count;
        }
    }

  verify.prev_hash = g_strdup (HZ_STORE_AUDIT_GENESIS);

  g_mutex_lock (&self->lock);
  ok = BACKEND (self)->guards_intact (self->backend, &missing, error);
  if (ok && missing != NULL)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_TAMPERED,
                   _("The audit log of “%s” is no longer protected: its guard “%s” was "
                     "removed or changed"), self->path, missing);
      ok = FALSE;
    }
  ok = ok && BACKEND (self)->audit_foreach (self->backend,
                                            verify.anchor_seq > 0 ? verify.anchor_seq - 1 : 0,
                                            verify_row_cb, &verify, error);
  g_mutex_unlock (&self->lock);

  if (ok && verify.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&verify.error));
      ok = FALSE;
    }
  if (ok && verify.head_count > 0 && !verify.head_seen)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_TAMPERED,
                   _("The kept head names row %lld, but the log ends at row %lld: "
                     "rows were cut off its end"),
                   (long long) verify.head_count, (long long) verify.count);
      ok = FALSE;
    }

  if (ok)
    {
      if (out_count != NULL)
        *out_count = verify.count;
      if (out_hash != NULL)
        *out_hash = verify.count > 0 ? g_steal_pointer (&verify.prev_hash) : NULL;
    }

  g_clear_error (&verify.error);
  g_free (verify.prev_hash);
  return ok;
}

gboolean
hz_store_verify_audit (HzStore     *self,
                       const char  *head,
                       gint64      *out_count,
                       char       **out_hash,
                       GError     **error)
{
  return verify_audit (self, head, FALSE, out_count, out_hash, error);
}

/**
 * hz_store_verify_audit_since:
 * @verified_head: "COUNT:HASH" where an earlier check of this log ended
 *
 * The incremental check the app runs when it opens the store: the rows up
 * to @verified_head are taken as checked if that row still carries the
 * same hash; the rows after it, and the guards, are checked as by
 * hz_store_verify_audit(). (A full check, "huizhen-cli audit verify",
 * also catches an older row rewritten together with every hash after it.)
 */
gboolean
hz_store_verify_audit_since (HzStore     *self,
                             const char  *verified_head,
                             gint64      *out_count,
                             char       **out_hash,
                             GError     **error)
{
  g_return_val_if_fail (verified_head != NULL, FALSE);

  return verify_audit (self, verified_head, TRUE, out_count, out_hash, error);
}

static gboolean
first_row_cb (const HzStoreAuditRow *row,
              gpointer               user_data)
{
  *(char **) user_data = g_strdup (row->hash);
  return FALSE;
}

/**
 * hz_store_audit_first_hash:
 * @out_hash: (out) (transfer full) (nullable): the first row's hash, %NULL
 *   for an empty log
 *
 * What tells one audit log from another: a database replaced by another
 * one (or by an older copy made before its first row) begins differently.
 */
gboolean
hz_store_audit_first_hash (HzStore  *self,
                           char    **out_hash,
                           GError  **error)
{
  char *hash = NULL;
  gboolean ok;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_hash != NULL, FALSE);

  g_mutex_lock (&self->lock);
  ok = BACKEND (self)->audit_foreach (self->backend, 0, first_row_cb, &hash, error);
  g_mutex_unlock (&self->lock);

  if (!ok)
    {
      g_free (hash);
      return FALSE;
    }

  *out_hash = hash;
  return TRUE;
}

gboolean
hz_store_audit_head (HzStore     *self,
                     gint64      *out_count,
                     char       **out_hash,
                     GError     **error)
{
  gint64 seq = 0;
  char *hash = NULL;
  gboolean ok;

  g_return_val_if_fail (HZ_IS_STORE (self), FALSE);

  g_mutex_lock (&self->lock);
  ok = BACKEND (self)->audit_head (self->backend, &seq, &hash, error);
  g_mutex_unlock (&self->lock);

  if (ok)
    {
      if (out_count != NULL)
        *out_count = seq;
      if (out_hash != NULL)
        *out_hash = hash;
      else
        g_free (hash);
    }

  return ok;
}

/* ------------------------------------------------------------------------- */
/* Changes by other processes */

typedef struct
{
  Touched *touched;
  gint64   last_seq;
} Replay;

static gboolean
replay_row_cb (const HzStoreAuditRow *row,
               gpointer               user_data)
{
  Replay *replay = user_data;
  g_autoptr(HzResource) resource = NULL;
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;
  const HzJv *event;
  const char *action;
  const char *what;

  replay->last_seq = row->seq;
  if (row->case_id == NULL)
    return TRUE;

  resource = parse_row (row->json, NULL);
  event = resource != NULL ? hz_resource_get_value (resource) : NULL;
  action = hz_jv_get_string (event, "action");
  if (g_strcmp0 (hz_jv_get_string (event, "outcome"), "0") != 0 || action == NULL)
    return TRUE;
  /* an export of the case (hz_store_audit_export()) */
  if (action[0] == 'R' &&
      g_strcmp0 (hz_jv_get_string (hz_jv_get_object_element (event, "subtype", 0), "code"), "export") == 0)
    {
      touch (replay->touched, row->case_id, "AuditEvent");
      return TRUE;
    }
  if (strchr ("CUD", action[0]) == NULL)
    return TRUE;

  what = hz_jv_get_path_string (hz_jv_get_object_element (event, "entity", 0), "what.reference");
  if (what != NULL && hz_fhir_split_reference (what, &type, &id))
    touch (replay->touched, row->case_id, type);

  return TRUE;
}

/* What another process committed, told by the audit rows it added: every
 * write leaves one. Runs on the store's main context. */
static gboolean
watch_cb (gpointer user_data)
{
  HzStore *self = user_data;
  g_auto(Touched) touched = { 0, };
  Replay replay = { NULL, 0 };
  gint64 version;

  /* a worker holds the store for a long import: look next time */
  if (!g_mutex_trylock (&self->lock))
    return G_SOURCE_CONTINUE;

  version = BACKEND (self)->data_version (self->backend);
  if (version == self->data_version)
    {
      g_mutex_unlock (&self->lock);
      return G_SOURCE_CONTINUE;
    }
  self->data_version = version;

  touched_init (&touched);
  replay.touched = &touched;
  replay.last_seq = self->seen_seq;
  if (!BACKEND (self)->audit_foreach (self->backend, self->seen_seq, replay_row_cb, &replay, NULL))
    g_debug ("Could not read the changes of other processes in %s", self->path);
  self->seen_seq = replay.last_seq;
  g_mutex_unlock (&self->lock);

  notify_changes (self, &touched);
  return G_SOURCE_CONTINUE;
}

/* Called once the store is open, on the context it signals on. */
static void
start_watch (HzStore *self)
{
  g_autofree char *hash = NULL;

  self->data_version = BACKEND (self)->data_version (self->backend);
  if (!BACKEND (self)->audit_head (self->backend, &self->seen_seq, &hash, NULL))
    self->seen_seq = 0;

  self->watch = g_timeout_source_new (HZ_STORE_WATCH_INTERVAL_MS);
  g_source_set_callback (self->watch, watch_cb, self, NULL);
  g_source_set_static_name (self->watch, "[huizhen] HzStore watch");
  g_source_attach (self->watch, self->context);
}
