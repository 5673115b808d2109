/* hz-consult-token.h — signed tokens of a remote consultation session
 *
 * A token lets one user into one room of huizhen-consultd with one role
 * until it expires. It is "hzc1." + base64url(payload) + "." +
 * base64url(HMAC-SHA256(secret, "hzc1." + base64url(payload))), the
 * payload a JSON object (docs/consult-protocol.md, "Tokens"). Whoever
 * holds the server's secret file makes them (huizhen-cli consult token);
 * the server verifies them and trusts nothing else about the user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  HZ_CONSULT_ROLE_HOST,         /* runs the session, hands the presenter role */
  HZ_CONSULT_ROLE_PRESENTER,    /* sends view state */
  HZ_CONSULT_ROLE_PARTICIPANT,  /* chats, writes the team's opinion */
  HZ_CONSULT_ROLE_OBSERVER,     /* only watches */
} HzConsultRole;

/* "host", "presenter", "participant", "observer" */
const char *hz_consult_role_to_string   (HzConsultRole  role);
gboolean    hz_consult_role_from_string (const char    *str,
                                         HzConsultRole *role);

#define HZ_CONSULT_TOKEN_ERROR (hz_consult_token_error_quark ())
GQuark hz_consult_token_error_quark (void);

typedef enum {
  HZ_CONSULT_TOKEN_ERROR_MALFORMED,   /* not a token, or its payload is not one */
  HZ_CONSULT_TOKEN_ERROR_SIGNATURE,   /* signed with another secret, or altered */
  HZ_CONSULT_TOKEN_ERROR_EXPIRED,
  HZ_CONSULT_TOKEN_ERROR_INVALID,     /* claims that cannot be signed (make) */
  HZ_CONSULT_TOKEN_ERROR_SECRET,      /* the secret file is missing, unreadable or too short */
} HzConsultTokenError;

/* The shortest secret accepted, in bytes (after trailing white space) */
#define HZ_CONSULT_SECRET_MIN_LENGTH 16
/* The longest room, user, name or team, in bytes */
#define HZ_CONSULT_TOKEN_FIELD_MAX 256

typedef struct
{
  char          *room;     /* [A-Za-z0-9._-], 1–128 bytes */
  char          *user;     /* the user id the server relays as "from" */
  char          *name;     /* display name, e.g. 王丽 (nullable) */
  char          *team;     /* hz_team_to_string() id (nullable) */
  HzConsultRole  role;
  gint64         expires;  /* Unix time in seconds */
} HzConsultToken;

HzConsultToken *hz_consult_token_copy (const HzConsultToken *self);
void            hz_consult_token_free (HzConsultToken       *self);

/* The contents of the secret file @path, without trailing white space;
 * at least HZ_CONSULT_SECRET_MIN_LENGTH bytes, else an error naming the
 * file. (transfer full) */
GBytes         *hz_consult_secret_load   (const char           *path,
                                          GError              **error);

/* A token of @claims signed with @secret, or NULL and an error naming the
 * claim that cannot be signed (room not a room id, no user, unknown team,
 * expired already is allowed). (transfer full) */
char           *hz_consult_token_make    (GBytes               *secret,
                                          const HzConsultToken *claims,
                                          GError              **error);

/* The claims of @token if it is signed with @secret and not expired at
 * @now (Unix seconds); else NULL and an error saying which check failed.
 * (transfer full) */
HzConsultToken *hz_consult_token_verify  (GBytes               *secret,
                                          const char           *token,
                                          gint64                now,
                                          GError              **error);

/* The room @token names, read without checking its signature (the server
 * checks it): only to address the room, e.g. its files. NULL when @token
 * is not a token. (transfer full) */
char           *hz_consult_token_peek_room (const char         *token);

/* TRUE when @room is a room id: 1–128 bytes of [A-Za-z0-9._-], not
 * starting with a dot */
gboolean        hz_consult_room_id_is_valid (const char        *room);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzConsultToken, hz_consult_token_free)

G_END_DECLS
