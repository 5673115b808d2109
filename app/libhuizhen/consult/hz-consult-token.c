/* hz-consult-token.c — signed tokens of a remote consultation session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-consult"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-consult-token.h"
#include "hz-actor.h"
#include "hz-json-doc-private.h"

#define TOKEN_PREFIX "hzc1."

G_DEFINE_QUARK (hz-consult-token-error-quark, hz_consult_token_error)

static const char * const role_names[] = {
  [HZ_CONSULT_ROLE_HOST] = "host",
  [HZ_CONSULT_ROLE_PRESENTER] = "presenter",
  [HZ_CONSULT_ROLE_PARTICIPANT] = "participant",
  [HZ_CONSULT_ROLE_OBSERVER] = "observer",
};

const char *
hz_consult_role_to_string (HzConsultRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (role_names), NULL);
  return role_names[role];
}

gboolean
hz_consult_role_from_string (const char    *str,
                             HzConsultRole *role)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (role_names); i++)
    if (g_str_equal (str, role_names[i]))
      {
        *role = (HzConsultRole) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
hz_consult_room_id_is_valid (const char *room)
{
  gsize len;

  if (room == NULL || room[0] == '\0' || room[0] == '.')
    return FALSE;
  len = strlen (room);
  if (len > 128)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (room[i]) && room[i] != '.' && room[i] != '_' && room[i] != '-')
      return FALSE;
  return TRUE;
}

HzConsultToken *
hz_consult_token_copy (const HzConsultToken *self)
{
  HzConsultToken *copy = g_new0 (HzConsultToken, 1);

  copy->room = g_strdup (self->room);
  copy->user = g_strdup (self->user);
  copy->name = g_strdup (self->name);
  copy->team = g_strdup (self->team);
  copy->role = self->role;
  copy->expires = self->expires;
  return copy;
}

void
hz_consult_token_free (HzConsultToken *self)
{
  if (self == NULL)
    return;
  g_free (self->room);
  g_free (self->user);
  g_free (self->name);
  g_free (self->team);
  g_free (self);
}

GBytes *
hz_consult_secret_load (const char  *path,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (path == NULL)
    {
      g_set_error_literal (error, HZ_CONSULT_TOKEN_ERROR, HZ_CONSULT_TOKEN_ERROR_SECRET,
                           _("No secret file given"));
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      /* Translators: %s is a file name, then why it cannot be read */
      g_set_error (error, HZ_CONSULT_TOKEN_ERROR, HZ_CONSULT_TOKEN_ERROR_SECRET,
                   _("The secret file %s cannot be read: %s"), path, local_error->message);
      return NULL;
    }
  while (length > 0 && g_ascii_isspace (contents[length - 1]))
    length--;
  if (length < HZ_CONSULT_SECRET_MIN_LENGTH)
    {
      /* Translators: a file name, then the least number of bytes */
      g_set_error (error, HZ_CONSULT_TOKEN_ERROR, HZ_CONSULT_TOKEN_ERROR_SECRET,
                   _("The secret file %s is too short: it needs at least %d bytes"),
                   path, HZ_CONSULT_SECRET_MIN_LENGTH);
      return NULL;
    }
  return g_bytes_new (contents, length);
}

/* base64url without padding (RFC 4648 §5) */
static char *
base64url_encode (const guchar *data,
                  gsize         length)
{
  char *text = g_base64_encode (data, length);
  gsize len = strlen (text);

  while (len > 0 && text[len - 1] == '=')
    text[--len] = '\0';
  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
    }
  return text;
}

static guchar *
base64url_decode (const char *text,
                  gsize       text_len,
                  gsize      *out_len)
{
  g_autofree char *std = NULL;
  gsize padded = (text_len + 3) / 4 * 4;

  if (text_len == 0 || text_len % 4 == 1)
    return NULL;
  std = g_malloc (padded + 1);
  for (gsize i = 0; i < text_len; i++)
    {
      char c = text[i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;
      std[i] = c;
    }
  for (gsize i = text_len; i < padded; i++)
    std[i] = '=';
  std[padded] = '\0';
  return g_base64_decode (std, out_len);
}

static char *
sign (GBytes     *secret,
      const char *signed_part,
      gsize       length)
{
  gsize key_len = 0;
  const guchar *key = g_bytes_get_data (secret, &key_len);
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_len);
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_hmac_update (hmac, (const guchar *) signed_part, length);
  g_hmac_get_digest (hmac, digest, &digest_len);
  return base64url_encode (digest, digest_len);
}

static gboolean
check_field (const char  *value,
             const char  *claim,
             gboolean     required,
             GError     **error)
{
  if (value == NULL || value[0] == '\0')
    {
      if (!required)
        return TRUE;
      /* Translators: %s is a claim of the token: room, user */
      g_set_error (error, HZ_CONSULT_TOKEN_ERROR, HZ_CONSULT_TOKEN_ERROR_INVALID,
                   _("The token needs a %s"), claim);
      return FALSE;
    }
  if (strlen (value) > HZ_CONSULT_TOKEN_FIELD_MAX || !g_utf8_validate (value, -1, NULL))
    {
      /* Translators: %s is a claim of the token: user, name, team; %d bytes */
      g_set_error (error, HZ_CONSULT_TOKEN_ERROR, HZ_CONSULT_TOKEN_ERROR_INVALID,
                   _("The token's %s must be UTF-8 text of at most %d bytes"),
                   claim, HZ_CONSULT_TOKEN_FIELD_MAX);
      return FALSE;
    }
  return TRUE;
}

static void
append_member (GString    *out,
               const char *key,
               const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  g_string_append_printf (out, ",\"%s\":", key);
  hz_json_append_escaped (out, value);
}

char *
hz_consult_token_make (GBytes               *secret,
                       const HzConsultToken *claims,
                       GError              **error)
{
  g_autoptr(GString) payload = g_string_new ("{\"v\":1");
  g_autofree char *encoded = NULL;
  g_autofree char *signed_part = NULL;
  g_autofree char *signature = NULL;
  HzTeam team;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (claims != NULL, NULL);

  if (!hz_consult_room_id_is_valid (claims->room))
    {
      /* Translators: %s is what was given as the room */
      g_set_error (error, HZ_CONSULT_TOKEN_ERROR, HZ_CONSULT_TOKEN_ERROR_INVALID,
                   _("“%s” is not a room: use 1 to 128 letters, digits, “.”, “_” or “-”, "
                     "not starting with “.”"), claims->room ? claims->room : "");
      return NULL;
    }
  if (!check_field (claims->user, "user", TRUE, error)
      || !check_field (claims->name, "name", FALSE, error)
      || !check_field (claims->team, "team", FALSE, error))
    return NULL;
  if (claims->team != NULL && claims->team[0] != '\0' && !hz_team_from_string (claims->team, &team))
    {
      g_set_error (error, HZ_CONSULT_TOKEN_ERROR, HZ_CONSULT_TOKEN_ERROR_INVALID,
                   _("“%s” is not a team: use obstetrics, reproductive, psychology, nutrition or other"),
                   claims->team);
      return NULL;
    }
  if ((guint) claims->role >= G_N_ELEMENTS (role_names))
    {
      g_set_error_literal (error, HZ_CONSULT_TOKEN_ERROR, HZ_CONSULT_TOKEN_ERROR_INVALID,
                           _("The token's role must be host, presenter, participant or observer"));
      return NULL;
    }

  append_member (payload, "room", claims->room);
  append_member (payload, "user", claims->user);
  append_member (payload, "name", claims->name);
  append_member (payload, "team", claims->team);
  append_member (payload, "role", role_names[claims->role]);
  g_string_append_printf (payload, ",\"exp\":%" G_GINT64_FORMAT "}", claims->expires);

  encoded = base64url_encode ((const guchar *) payload->str, payload->len);
  signed_part = g_strconcat (TOKEN_PREFIX, encoded, NULL);
  signature = sign (secret, signed_part, strlen (signed_part));
  return g_strconcat (signed_part, ".", signature, NULL);
}

static gboolean
equal_in_constant_time (const char *a,
                        const char *b)
{
  gsize len = strlen (a);
  guchar diff = 0;

  if (len != strlen (b))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    diff |= (guchar) a[i] ^ (guchar) b[i];
  return diff == 0;
}

/* Sets the error; returns NULL for the caller to return */
static gpointer
malformed (GError     **error,
           const char  *why)
{
  /* Translators: %s says what is wrong with the token */
  g_set_error (error, HZ_CONSULT_TOKEN_ERROR, HZ_CONSULT_TOKEN_ERROR_MALFORMED,
               _("This is not a consultation token: %s"), why);
  return NULL;
}

/* An optional string claim: absent, or a string within the limits */
static gboolean
read_claim (HzJv        *root,
            const char  *key,
            gboolean     required,
            char       **out,
            GError     **error)
{
  HzJv *value = hz_jv_get (root, key);
  const char *str = hz_jv_get_str (value);

  if (value == NULL && !required)
    return TRUE;
  if (str == NULL || str[0] == '\0' || strlen (str) > HZ_CONSULT_TOKEN_FIELD_MAX)
    {
      g_autofree char *why = g_strdup_printf (_("its “%s” is missing or not valid"), key);

      malformed (error, why);
      return FALSE;
    }
  *out = g_strdup (str);
  return TRUE;
}

char *
hz_consult_token_peek_room (const char *token)
{
  g_autoptr(HzJsonDoc) doc = NULL;
  const char *dot;
  const char *room;
  guchar *payload;
  gsize payload_len = 0;

  if (token == NULL || !g_str_has_prefix (token, TOKEN_PREFIX) || strlen (token) > 4096 ||
      (dot = strchr (token + strlen (TOKEN_PREFIX), '.')) == NULL)
    return NULL;
  payload = base64url_decode (token + strlen (TOKEN_PREFIX), dot - token - strlen (TOKEN_PREFIX), &payload_len);
  if (payload == NULL)
    return NULL;
  payload = g_realloc (payload, payload_len + 1);
  payload[payload_len] = '\0';
  doc = hz_json_doc_parse ((char *) payload, payload_len, NULL);
  room = doc != NULL ? hz_jv_get_string (hz_json_doc_get_root (doc), "room") : NULL;
  return room != NULL && hz_consult_room_id_is_valid (room) ? g_strdup (room) : NULL;
}

HzConsultToken *
hz_consult_token_verify (GBytes      *secret,
                         const char  *token,
                         gint64       now,
                         GError     **error)
{
  g_autoptr(HzConsultToken) claims = g_new0 (HzConsultToken, 1);
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *signature = NULL;
  const char *dot;
  guchar *payload;
  gsize payload_len = 0;
  HzJv *root;
  gint64 version = 0;

  g_return_val_if_fail (secret != NULL, NULL);

  if (token == NULL || token[0] == '\0')
    {
      g_set_error_literal (error, HZ_CONSULT_TOKEN_ERROR, HZ_CONSULT_TOKEN_ERROR_MALFORMED,
                           _("No token given"));
      return NULL;
    }
  if (!g_str_has_prefix (token, TOKEN_PREFIX) || strlen (token) > 4096)
    return malformed (error, _("it does not start with “hzc1.”"));
  dot = strchr (token + strlen (TOKEN_PREFIX), '.');
  if (dot == NULL || strchr (dot + 1, '.') != NULL)
    return malformed (error, _("it is not three parts separated by dots"));

  /* the signature first: nothing of an unsigned payload is read */
  expected = sign (secret, token, dot - token);
  if (!equal_in_constant_time (expected, dot + 1))
    {
      g_set_error_literal (error, HZ_CONSULT_TOKEN_ERROR, HZ_CONSULT_TOKEN_ERROR_SIGNATURE,
                           _("The token's signature does not match: it was made with another "
                             "secret or changed"));
      return NULL;
    }

  payload = base64url_decode (token + strlen (TOKEN_PREFIX), dot - token - strlen (TOKEN_PREFIX),
                              &payload_len);
  if (payload == NULL)
    return malformed (error, _("its payload is not base64url"));
  /* the parser wants its text NUL-terminated */
  payload = g_realloc (payload, payload_len + 1);
  payload[payload_len] = '\0';
  doc = hz_json_doc_parse ((char *) payload, payload_len, NULL);
  root = doc != NULL ? hz_json_doc_get_root (doc) : NULL;
  if (root == NULL || hz_jv_get_value_type (root) != HZ_JV_OBJECT)
    return malformed (error, _("its payload is not a JSON object"));
  if (!hz_jv_get_int64 (hz_jv_get (root, "v"), &version) || version != 1)
    return malformed (error, _("its version is not 1"));

  if (!read_claim (root, "room", TRUE, &claims->room, error)
      || !read_claim (root, "user", TRUE, &claims->user, error)
      || !read_claim (root, "name", FALSE, &claims->name, error)
      || !read_claim (root, "team", FALSE, &claims->team, error))
    return NULL;
  if (!hz_consult_room_id_is_valid (claims->room))
    return malformed (error, _("its room is not a room id"));
  if (!hz_consult_role_from_string (hz_jv_get_string (root, "role"), &claims->role))
    return malformed (error, _("its role is not host, presenter, participant or observer"));
  if (!hz_jv_get_int64 (hz_jv_get (root, "exp"), &claims->expires))
    return malformed (error, _("its expiry is not a whole number"));

  if (claims->expires <= now)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (claims->expires);
      g_autofree char *text = when ? g_date_time_format (when, "%Y-%m-%d %H:%M:%S UTC") : NULL;

      /* Translators: %s is a date and time in UTC */
      g_set_error (error, HZ_CONSULT_TOKEN_ERROR, HZ_CONSULT_TOKEN_ERROR_EXPIRED,
                   _("The token expired at %s"), text ? text : "?");
      return NULL;
    }

  return g_steal_pointer (&claims);
}
