/* hz-consult-share.h — the case itself reaching the other sites of a
 * remote consultation: the host shares what the Consents allow as a FHIR
 * Bundle (written by hz_store_export_resources_to_data()) and the image
 * files it names, through the room's files endpoint of huizhen-consultd
 * (docs/consult-protocol.md, "Shared files"); a joining site fetches them
 * into a shared copy, a database of its own that may only be read
 * (hz_store_mark_shared_copy()). Each sharing is audited on the case, one
 * export AuditEvent per site, which the "Shared with" view reads back.
 * No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>

#include "hz-actor.h"
#include "hz-store.h"

G_BEGIN_DECLS

/* The room's file names: the Bundle "case-" + the first 16 hex digits of
 * its SHA-256 + ".json" (the same bytes shared again are the same file; a
 * later sharing is a new one), an image "image-" + the blob's SHA-256 */
#define HZ_CONSULT_BUNDLE_PREFIX "case-"
#define HZ_CONSULT_IMAGE_PREFIX  "image-"

/* One file of a room */
typedef struct
{
  char   *name;
  char   *content_type;
  gint64  size;
  char   *sha256;
} HzConsultFile;

void hz_consult_file_free (HzConsultFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzConsultFile, hz_consult_file_free)

/* What one sharing sent */
typedef struct
{
  char      *files_url;    /* http(s)://HOST:PORT/v1/rooms/ROOM/files/ */
  GPtrArray *files;        /* (element-type HzConsultFile) the Bundle first, then each image sent */
  GPtrArray *refused;      /* (element-type utf8) translated: each image the server refused, and why */
  guint      n_resources;  /* in the Bundle */
} HzConsultShared;

void hz_consult_shared_free (HzConsultShared *shared);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzConsultShared, hz_consult_shared_free)

/* The files endpoint of @room on the server of the session URL @url
 * (ws://HOST:PORT/v1/session → http://HOST:PORT/v1/rooms/ROOM/files/,
 * wss → https). (transfer full) */
char            *hz_consult_files_url         (const char          *url,
                                               const char          *room,
                                               GError             **error);

/* Shares case @case_id of @store into @room with @sites: reads the case
 * (audited), selects what every site's Consent allows
 * (hz_consult_select_shared()), exports it through
 * hz_store_export_resources_to_data() (its export AuditEvent names the
 * Bundle's URL), PUTs the Bundle and then every image and clip the
 * selected ImagingStudy and Media name (their blobs) with @token as the
 * bearer, and records one export AuditEvent per site (what the case's
 * EpisodeOfCare, destination as hz_consult_sharing_destination()). An
 * image the server refuses is named in `refused` and not counted; the
 * others go. Errors: HZ_CONSULT_ERROR_CONSENT (nothing may be shared),
 * _CONNECT (the server cannot be reached, or the connection dropped),
 * _TOKEN (401), _SHARE (the Bundle refused: 403, 409, 413, …), store
 * errors. Blocking: call it from a worker (or the _async one).
 * (transfer full) */
HzConsultShared *hz_consult_share_case        (HzStore             *store,
                                               const char          *case_id,
                                               const char * const  *sites,
                                               const char          *url,
                                               const char          *room,
                                               const char          *token,
                                               GCancellable        *cancellable,
                                               GError             **error);
void             hz_consult_share_case_async  (HzStore             *store,
                                               const char          *case_id,
                                               const char * const  *sites,
                                               const char          *url,
                                               const char          *room,
                                               const char          *token,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
HzConsultShared *hz_consult_share_case_finish (GAsyncResult        *result,
                                               GError             **error);

/* The joining side: the room's Bundle @bundle_name (a file name the room
 * lists, as a state of an MDT meeting's room names it), or with NULL its
 * latest, and the images it names,
 * fetched into a shared copy under @dir (ROOM-HASH.db, HASH the Bundle's
 * name; made if missing), imported with @actor as the clinician, and
 * marked read-only (hz_store_mark_shared_copy(), origin "ROOM · FROM", the user id who shared it).
 * A copy of the same Bundle already complete is opened as it is; one left
 * incomplete by a dropped connection or a full disk is completed. An
 * image missing from the room is left out (the viewer shows it absent).
 * @out_case_id: (out) (transfer full) (optional): the case's id.
 * Errors: HZ_CONSULT_ERROR_CONNECT, _TOKEN, _SHARE (no case shared yet,
 * a file that is not what the list says), store errors (a full disk).
 * Blocking. (transfer full): the copy's database path */
char            *hz_consult_fetch_case        (const char          *url,
                                               const char          *room,
                                               const char          *token,
                                               const char          *bundle_name,
                                               const char          *dir,
                                               const HzActor       *actor,
                                               char               **out_case_id,
                                               GCancellable        *cancellable,
                                               GError             **error);
void             hz_consult_fetch_case_async  (const char          *url,
                                               const char          *room,
                                               const char          *token,
                                               const char          *bundle_name,
                                               const char          *dir,
                                               const HzActor       *actor,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char            *hz_consult_fetch_case_finish (GAsyncResult        *result,
                                               char               **out_case_id,
                                               GError             **error);

/* One sharing of a case, as its AuditEvent recorded it */
typedef struct
{
  char  *site;
  char  *bundle_url;   /* the Bundle's URL in the room */
  guint  n_images;
  char  *recorded;     /* AuditEvent.recorded */
  char  *who;          /* the agent's name */
} HzConsultSharing;

void hz_consult_sharing_free (HzConsultSharing *sharing);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzConsultSharing, hz_consult_sharing_free)

/* The AuditEvent destination of a sharing with @site (one writer, one
 * reader below): "SITE (BUNDLE-URL, N images)". (transfer full) */
char            *hz_consult_sharing_destination (const char *site,
                                                 const char *bundle_url,
                                                 guint       n_images);
/* The sharings of @case_id recorded in @store's audit, newest first.
 * (transfer full) (element-type HzConsultSharing) */
GPtrArray       *hz_consult_list_sharings     (HzStore             *store,
                                               const char          *case_id,
                                               GError             **error);

G_END_DECLS
