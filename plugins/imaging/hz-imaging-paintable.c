/* hz-imaging-paintable.c — the latest frame of a player as a GdkPaintable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-imaging"

#include "config.h"

#include "hz-imaging-paintable.h"

struct _HzImagingPaintable
{
  GObject     parent_instance;

  GdkTexture *texture;
  guint64     n_snapshots;
};

static void paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzImagingPaintable, hz_imaging_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, paintable_iface_init))

static void
hz_imaging_paintable_snapshot (GdkPaintable *paintable,
                               GdkSnapshot  *snapshot,
                               double        width,
                               double        height)
{
  HzImagingPaintable *self = HZ_IMAGING_PAINTABLE (paintable);

  if (self->texture == NULL)
    return;
  self->n_snapshots++;
  gtk_snapshot_append_texture (GTK_SNAPSHOT (snapshot), self->texture,
                               &GRAPHENE_RECT_INIT (0, 0, (float) width, (float) height));
}

static int
hz_imaging_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  HzImagingPaintable *self = HZ_IMAGING_PAINTABLE (paintable);

  return self->texture != NULL ? gdk_texture_get_width (self->texture) : 0;
}

static int
hz_imaging_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  HzImagingPaintable *self = HZ_IMAGING_PAINTABLE (paintable);

  return self->texture != NULL ? gdk_texture_get_height (self->texture) : 0;
}

static void
paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = hz_imaging_paintable_snapshot;
  iface->get_intrinsic_width = hz_imaging_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = hz_imaging_paintable_get_intrinsic_height;
}

static void
hz_imaging_paintable_dispose (GObject *object)
{
  HzImagingPaintable *self = HZ_IMAGING_PAINTABLE (object);

  g_clear_object (&self->texture);

  G_OBJECT_CLASS (hz_imaging_paintable_parent_class)->dispose (object);
}

static void
hz_imaging_paintable_class_init (HzImagingPaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hz_imaging_paintable_dispose;
}

static void
hz_imaging_paintable_init (HzImagingPaintable *self)
{
}

HzImagingPaintable *
hz_imaging_paintable_new (void)
{
  return g_object_new (HZ_TYPE_IMAGING_PAINTABLE, NULL);
}

void
hz_imaging_paintable_set_texture (HzImagingPaintable *self,
                                  GdkTexture         *texture)
{
  gboolean resized;

  g_return_if_fail (HZ_IS_IMAGING_PAINTABLE (self));

  resized = self->texture == NULL || texture == NULL ||
            gdk_texture_get_width (self->texture) != gdk_texture_get_width (texture) ||
            gdk_texture_get_height (self->texture) != gdk_texture_get_height (texture);
  g_set_object (&self->texture, texture);
  if (resized)
    gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}

GdkTexture *
hz_imaging_paintable_get_texture (HzImagingPaintable *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PAINTABLE (self), NULL);

  return self->texture;
}

guint64
hz_imaging_paintable_get_n_snapshots (HzImagingPaintable *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PAINTABLE (self), 0);

  return self->n_snapshots;
}
