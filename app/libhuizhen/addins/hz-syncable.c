/* hz-syncable.c — a page's view state as JSON, so a remote session can mirror it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-addins"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "huizhen.h"

G_DEFINE_QUARK (hz-syncable-error-quark, hz_syncable_error)

G_DEFINE_INTERFACE (HzSyncable, hz_syncable, G_TYPE_OBJECT)

enum {
  STATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
hz_syncable_default_init (HzSyncableInterface *iface)
{
  /**
   * HzSyncable::state-changed:
   * @self: the syncable page
   *
   * Emitted when the user changed the view (scroll, frame, zoom...), so a
   * remote session can send the new hz_syncable_get_state().
   */
  signals[STATE_CHANGED] =
    g_signal_new ("state-changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

/**
 * hz_syncable_get_sync_id:
 * @self: an #HzSyncable
 *
 * Returns: the stable id of the page, e.g. "timeline"
 */
const char *
hz_syncable_get_sync_id (HzSyncable *self)
{
  HzSyncableInterface *iface;

  g_return_val_if_fail (HZ_IS_SYNCABLE (self), NULL);

  iface = HZ_SYNCABLE_GET_IFACE (self);
  g_return_val_if_fail (iface->get_sync_id != NULL, NULL);

  return iface->get_sync_id (self);
}

/**
 * hz_syncable_get_state:
 * @self: an #HzSyncable
 *
 * Returns: (transfer full): the view state, a JSON object
 */
JsonNode *
hz_syncable_get_state (HzSyncable *self)
{
  HzSyncableInterface *iface;
  JsonNode *state = NULL;

  g_return_val_if_fail (HZ_IS_SYNCABLE (self), NULL);

  iface = HZ_SYNCABLE_GET_IFACE (self);
  if (iface->get_state != NULL)
    state = iface->get_state (self);

  if (state == NULL)
    state = json_node_init_object (json_node_alloc (), json_object_new ());

  return state;
}

/**
 * hz_syncable_apply_state:
 * @self: an #HzSyncable
 * @state: a JSON object, as returned by hz_syncable_get_state() on a peer
 * @error: return location for a #GError
 *
 * Makes the view show @state. Fails with %HZ_SYNCABLE_ERROR_INVALID_STATE
 * when @state is not an object or a member is wrong.
 *
 * Returns: %TRUE on success
 */
gboolean
hz_syncable_apply_state (HzSyncable  *self,
                         JsonNode    *state,
                         GError     **error)
{
  HzSyncableInterface *iface;

  g_return_val_if_fail (HZ_IS_SYNCABLE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (state))
    {
      g_set_error (error, HZ_SYNCABLE_ERROR, HZ_SYNCABLE_ERROR_INVALID_STATE,
                   _("The view state of “%s” is not a JSON object"),
                   hz_syncable_get_sync_id (self));
      return FALSE;
    }

  iface = HZ_SYNCABLE_GET_IFACE (self);
  if (iface->apply_state == NULL)
    return TRUE;

  return iface->apply_state (self, state, error);
}

/**
 * hz_syncable_emit_state_changed:
 * @self: an #HzSyncable
 *
 * Emits #HzSyncable::state-changed.
 */
void
hz_syncable_emit_state_changed (HzSyncable *self)
{
  g_return_if_fail (HZ_IS_SYNCABLE (self));

  g_signal_emit (self, signals[STATE_CHANGED], 0);
}
