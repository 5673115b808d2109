/* hz-syncable.h — a page's view state as JSON, so a remote session can mirror it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HZ_SYNCABLE_ERROR (hz_syncable_error_quark ())

typedef enum {
  HZ_SYNCABLE_ERROR_INVALID_STATE,   /* message names the member that was wrong */
} HzSyncableError;

#define HZ_TYPE_SYNCABLE (hz_syncable_get_type ())

G_DECLARE_INTERFACE (HzSyncable, hz_syncable, HZ, SYNCABLE, GObject)

struct _HzSyncableInterface
{
  GTypeInterface parent_iface;

  /* stable id of the page, e.g. "timeline" */
  const char  *(*get_sync_id)  (HzSyncable *self);
  /* (transfer full) a JSON object */
  JsonNode    *(*get_state)    (HzSyncable *self);
  gboolean     (*apply_state)  (HzSyncable  *self,
                                JsonNode    *state,
                                GError     **error);
};

GQuark       hz_syncable_error_quark (void);
const char  *hz_syncable_get_sync_id (HzSyncable *self);
JsonNode    *hz_syncable_get_state   (HzSyncable *self);
gboolean     hz_syncable_apply_state (HzSyncable  *self,
                                      JsonNode    *state,
                                      GError     **error);
/* Implementations call this when the user changed the view; emits ::state-changed. */
void         hz_syncable_emit_state_changed (HzSyncable *self);

G_END_DECLS
