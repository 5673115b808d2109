/* hz-signature.c — a record's signature as a Provenance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-store-private.h"

char *
hz_signature_dup_canonical (const HzJv         *resource,
                            const char * const *members)
{
  g_autoptr(GString) out = g_string_new ("{");

  g_return_val_if_fail (resource != NULL && members != NULL, NULL);

  for (guint i = 0; members[i] != NULL; i++)
    {
      HzJv *member = hz_jv_get (resource, members[i]);
      g_autofree char *text = NULL;

      if (member == NULL)
        continue;
      text = hz_jv_to_string (member);
      g_string_append_printf (out, "%s\"%s\":%s", out->len > 1 ? "," : "", members[i], text);
    }
  g_string_append_c (out, '}');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
hz_signature_compute_hash (const char *canonical)
{
  g_return_val_if_fail (canonical != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
}

void
hz_signature_free (HzSignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->provenance_id);
  g_free (signature->signer);
  g_free (signature->when);
  g_free (signature->hash);
  g_free (signature);
}

/* 王医生 (云州市妇幼保健院) */
char *
hz_signature_dup_signer (const HzActor *actor)
{
  g_return_val_if_fail (actor != NULL, NULL);

  if (actor->hospital == NULL || *actor->hospital == '\0')
    return g_strdup (actor->name);
  /* Translators: a clinician and her hospital */
  return g_strdup_printf (_("%s (%s)"), actor->name, actor->hospital);
}

JsonObject *
hz_signature_build_provenance (const HzActor *actor,
                               const char    *target,
                               const char    *canonical)
{
  JsonObject *provenance = json_object_new ();
  JsonObject *signature = json_object_new ();
  JsonObject *agent = json_object_new ();
  JsonArray *array;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GDateTime) now_time = g_date_time_new_now_local ();
  g_autofree char *now = g_date_time_format (now_time, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *provenance_id = g_uuid_string_random ();
  g_autofree char *signer = NULL;
  g_autofree char *data = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (target != NULL && canonical != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) canonical, strlen (canonical));
  g_checksum_get_digest (checksum, digest, &digest_len);
  data = g_base64_encode (digest, digest_len);
  signer = hz_signature_dup_signer (actor);

  json_object_set_string_member (provenance, "resourceType", "Provenance");
  json_object_set_string_member (provenance, "id", provenance_id);
  hz_fhir_set_team_tag (provenance, actor->team);
  array = json_array_new ();
  json_array_add_object_element (array, hz_fhir_new_reference (target, NULL));
  json_object_set_array_member (provenance, "target", array);
  json_object_set_string_member (provenance, "recorded", now);

  {
    JsonObject *type = hz_fhir_new_concept (NULL, NULL, NULL);
    JsonArray *codings = json_array_new ();

    json_array_add_object_element (codings,
                                   hz_fhir_new_coding ("http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                                                       "author", "Author"));
    json_object_set_array_member (type, "coding", codings);
    json_object_set_object_member (agent, "type", type);
  }
  json_object_set_object_member (agent, "who", hz_fhir_new_reference (NULL, signer));
  array = json_array_new ();
  json_array_add_object_element (array, agent);
  json_object_set_array_member (provenance, "agent", array);

  array = json_array_new ();
  json_array_add_object_element (array, hz_fhir_new_coding (HZ_SIGNATURE_TYPE_SYSTEM, HZ_SIGNATURE_TYPE_AUTHOR,
                                                            "Author's Signature"));
  json_object_set_array_member (signature, "type", array);
  json_object_set_string_member (signature, "when", now);
  json_object_set_object_member (signature, "who", hz_fhir_new_reference (NULL, signer));
  json_object_set_string_member (signature, "targetFormat", "application/fhir+json");
  json_object_set_string_member (signature, "sigFormat", "application/octet-stream");
  json_object_set_string_member (signature, "data", data);
  array = json_array_new ();
  json_array_add_object_element (array, signature);
  json_object_set_array_member (provenance, "signature", array);

  return provenance;
}

typedef struct
{
  HzSignature *signature;
  char        *stored;     /* meta.lastUpdated: orders those signed the same second */
} Found;

static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  const Found *x = a;
  const Found *y = b;
  g_autoptr(GDateTime) tx = hz_fhir_parse_datetime (x->signature->when);
  g_autoptr(GDateTime) ty = hz_fhir_parse_datetime (y->signature->when);
  int c = tx != NULL && ty != NULL ? g_date_time_compare (tx, ty) : 0;

  return c != 0 ? c : g_strcmp0 (x->stored, y->stored);
}

GPtrArray *
hz_signature_list (HzStore     *store,
                   const char  *case_id,
                   const char  *target,
                   const char  *current_hash,
                   GError     **error)
{
  static const char * const types[] = { "Provenance", NULL };
  g_autoptr(GPtrArray) provenances = NULL;
  g_autoptr(GArray) found_list = g_array_new (FALSE, FALSE, sizeof (Found));
  GPtrArray *signatures;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL && target != NULL, NULL);

  provenances = hz_store_read_case_types (store, case_id, types, error);
  if (provenances == NULL)
    return NULL;

  signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_signature_free);
  for (guint i = 0; i < provenances->len; i++)
    {
      HzResource *resource = g_ptr_array_index (provenances, i);
      const HzJv *provenance = hz_resource_get_value (resource);
      HzJv *signature = hz_jv_get_object_element (provenance, "signature", 0);
      const char *data = hz_jv_get_string (signature, "data");
      gboolean targets = FALSE;
      g_autofree guchar *digest = NULL;
      GString *hex;
      HzSignature *found;
      gsize n = 0;

      for (HzJv *t = hz_jv_get_first (hz_jv_get_array (provenance, "target")); t != NULL; t = hz_jv_get_next (t))
        targets = targets || g_strcmp0 (hz_jv_get_string (t, "reference"), target) == 0;
      if (!targets || data == NULL)
        continue;

      digest = g_base64_decode (data, &n);
      hex = g_string_new (NULL);
      for (gsize k = 0; k < n; k++)
        g_string_append_printf (hex, "%02x", digest[k]);

      found = g_new0 (HzSignature, 1);
      found->provenance_id = g_strdup (hz_resource_get_id (resource));
      found->signer = g_strdup (hz_jv_get_path_string (signature, "who.display"));
      found->when = g_strdup (hz_jv_get_string (signature, "when"));
      found->hash = g_string_free (hex, FALSE);
      found->matches = g_strcmp0 (found->hash, current_hash) == 0;
      g_array_append_val (found_list, ((Found) { found, g_strdup (hz_jv_get_path_string (provenance, "meta.lastUpdated")) }));
    }
  g_array_sort (found_list, compare_found);
  for (guint i = 0; i < found_list->len; i++)
    {
      Found *f = &g_array_index (found_list, Found, i);

      g_ptr_array_add (signatures, f->signature);
      g_free (f->stored);
    }
  return signatures;
}

gboolean
hz_signature_find (HzStore     *store,
                   const char  *case_id,
                   const char  *target,
                   const char  *hash,
                   char       **out_signer,
                   char       **out_when,
                   GError     **error)
{
  g_autoptr(GPtrArray) signatures = NULL;

  g_return_val_if_fail (hash != NULL, FALSE);

  signatures = hz_signature_list (store, case_id, target, hash, error);
  for (guint i = 0; signatures != NULL && i < signatures->len; i++)
    {
      HzSignature *signature = g_ptr_array_index (signatures, i);

      if (!signature->matches)
        continue;
      if (out_signer != NULL)
        *out_signer = g_strdup (signature->signer);
      if (out_when != NULL)
        *out_when = g_strdup (signature->when);
      return TRUE;
    }
  return FALSE;
}
