/* hz-consult-follow.c — the follow / pause state machine of view sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-consult"

#include "config.h"

#include "huizhen.h"

struct _HzConsultFollow
{
  gboolean    following;
  guint       applying;
  GHashTable *latest;     /* page → JsonNode: the presenter's latest state of each */
  char       *page;       /* the page the presenter showed last */
  gboolean    due;        /* the latest state of @page is not yet applied */
};

HzConsultFollow *
hz_consult_follow_new (void)
{
  HzConsultFollow *self = g_new0 (HzConsultFollow, 1);

  self->following = TRUE;
  self->latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) json_node_unref);
  return self;
}

void
hz_consult_follow_free (HzConsultFollow *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->latest);
  g_free (self->page);
  g_free (self);
}

gboolean
hz_consult_follow_is_following (HzConsultFollow *self)
{
  return self->following;
}

gboolean
hz_consult_follow_remote_state (HzConsultFollow *self,
                                const char      *page,
                                JsonNode        *state)
{
  g_return_val_if_fail (page != NULL && state != NULL, FALSE);

  g_hash_table_insert (self->latest, g_strdup (page), json_node_copy (state));
  if (g_strcmp0 (self->page, page) != 0)
    {
      g_free (self->page);
      self->page = g_strdup (page);
    }
  self->due = TRUE;
  return self->following;
}

gboolean
hz_consult_follow_take (HzConsultFollow  *self,
                        char            **out_page,
                        JsonNode        **out_state)
{
  JsonNode *state;

  if (!self->following || !self->due || self->page == NULL)
    return FALSE;
  state = g_hash_table_lookup (self->latest, self->page);
  if (state == NULL)
    return FALSE;

  self->due = FALSE;
  *out_page = g_strdup (self->page);
  *out_state = json_node_copy (state);
  return TRUE;
}

void
hz_consult_follow_begin_apply (HzConsultFollow *self)
{
  self->applying++;
}

void
hz_consult_follow_end_apply (HzConsultFollow *self)
{
  g_return_if_fail (self->applying > 0);
  self->applying--;
}

gboolean
hz_consult_follow_local_change (HzConsultFollow *self)
{
  if (self->applying > 0 || !self->following)
    return FALSE;
  self->following = FALSE;
  return TRUE;
}

gboolean
hz_consult_follow_resume (HzConsultFollow *self)
{
  self->following = TRUE;
  self->due = self->page != NULL;
  return self->due;
}

const char *
hz_consult_follow_get_page (HzConsultFollow *self)
{
  return self->page;
}
