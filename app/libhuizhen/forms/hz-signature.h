/* hz-signature.h — a signature of a record as a Provenance: signer, time
 * and the SHA-256 of the record's canonical content (the referral's
 * opinion, the MDT's 会诊意见书)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "hz-actor.h"
#include "hz-store.h"

G_BEGIN_DECLS

/* One signature of a record, as a Provenance holds it */
typedef struct
{
  char     *provenance_id;
  char     *signer;     /* signature.who.display */
  char     *when;       /* signature.when */
  char     *hash;       /* the SHA-256 signed, lowercase hex */
  gboolean  matches;    /* @hash is that of the record as it is now */
} HzSignature;

void         hz_signature_free             (HzSignature *signature);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzSignature, hz_signature_free)

/* How a signature names @actor: "王丽 (云州市妇幼保健院)", translated
 * parentheses; the name alone without a hospital. (transfer full) */
char        *hz_signature_dup_signer       (const HzActor *actor);
/* The canonical content of @resource a signature covers: its @members
 * (NULL-terminated, in that order, those present) as compact JSON in one
 * object. (transfer full) */
char        *hz_signature_dup_canonical    (const HzJv         *resource,
                                            const char * const *members);
/* The SHA-256 of @canonical, as lowercase hex. (transfer full) */
char        *hz_signature_compute_hash     (const char    *canonical);
/* A new Provenance signing @target ("Type/id") as @actor now: agent and
 * signature.who the actor (name and hospital), signature.data the
 * base64 SHA-256 of @canonical, tagged with the actor's team.
 * (transfer full) */
JsonObject  *hz_signature_build_provenance (const HzActor *actor,
                                            const char    *target,
                                            const char    *canonical);
/* Every signature in case @case_id's Provenances on @target ("Type/id"),
 * oldest first; matches when its hash is @current_hash (hex, nullable).
 * NULL only when the read failed. (element-type HzSignature) (transfer full) */
GPtrArray   *hz_signature_list             (HzStore       *store,
                                            const char    *case_id,
                                            const char    *target,
                                            const char    *current_hash,
                                            GError       **error);
/* A Provenance of case @case_id on @target whose signature is of the
 * content whose hash is @hash (hex): TRUE and (optional) who and when;
 * FALSE when none (and @error unset unless the read failed). */
gboolean     hz_signature_find             (HzStore       *store,
                                            const char    *case_id,
                                            const char    *target,
                                            const char    *hash,
                                            char         **out_signer,
                                            char         **out_when,
                                            GError       **error);

G_END_DECLS
