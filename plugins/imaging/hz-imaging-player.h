/* hz-imaging-player.h — frames of a DICOM file or a video clip through GStreamer, as a paintable
 *
 * A DICOM file's frames are decoded by hz_dicom on appsrc's streaming
 * thread (a video transfer syntax's stream, MPEG-2, H.264 or HEVC, goes
 * through appsrc into decodebin instead, timed as a clip), windowed into BGRA and pushed through videoconvert into an
 * appsink; a clip (MP4, WebM, AVI) goes through uridecodebin into the same
 * sink. The sink (max-buffers=2 drop=true, sync=true) hands each frame to
 * the main context once (a pending frame is replaced by a newer one and
 * counted as dropped), where it becomes a GdkMemoryTexture of the player's
 * paintable. Cine plays at the file's Frame Time (or the clip's frame
 * rate) times the speed; pause, step and seek are flushing seeks, so the
 * paused picture is always the frame asked for. Nothing here blocks the
 * main loop on decoding.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <huizhen.h>

G_BEGIN_DECLS

#define HZ_TYPE_IMAGING_PLAYER (hz_imaging_player_get_type ())
G_DECLARE_FINAL_TYPE (HzImagingPlayer, hz_imaging_player, HZ, IMAGING_PLAYER, GObject)

typedef struct
{
  guint64 pushed;      /* frames the source produced */
  guint64 shown;       /* frames that became the paintable's texture */
  guint64 dropped;     /* frames replaced before they were shown, or dropped late by the sink */
} HzImagingPlayerStats;

/* Opens the DICOM file @path (parsed here, frames decoded later on the
 * streaming thread). The pipeline prerolls frame 0 asynchronously. */
HzImagingPlayer   *hz_imaging_player_new_dicom   (const char       *path,
                                                  GError          **error);
/* Opens a video clip; n-frames and the size are known once it prerolled */
HzImagingPlayer   *hz_imaging_player_new_clip    (const char       *path,
                                                  GError          **error);

gboolean           hz_imaging_player_is_clip     (HzImagingPlayer  *self);
/* (transfer none): the DICOM file's info, NULL for a clip */
const HzDicomInfo *hz_imaging_player_get_info    (HzImagingPlayer  *self);
const char        *hz_imaging_player_get_path    (HzImagingPlayer  *self);
/* (transfer none): the shown frame, updated in place */
GdkPaintable      *hz_imaging_player_get_paintable (HzImagingPlayer *self);
/* Width and height of the frames, 0 until known */
void               hz_imaging_player_get_size    (HzImagingPlayer  *self,
                                                  guint            *width,
                                                  guint            *height);

guint              hz_imaging_player_get_n_frames (HzImagingPlayer *self);
/* The frame shown now (from 0); -1 before the first */
int                hz_imaging_player_get_frame   (HzImagingPlayer  *self);
/* Milliseconds between frames at speed 1 */
double             hz_imaging_player_get_frame_time (HzImagingPlayer *self);
gboolean           hz_imaging_player_get_ready   (HzImagingPlayer  *self);
/* When frame @frame starts, in nanoseconds from the first: the Frame Time
 * Vector's times where the file has one, else frame after frame */
guint64            hz_imaging_player_get_frame_start (HzImagingPlayer *self,
                                                  guint            frame);
/* The timestamp (ns) of the buffer on show, GST_CLOCK_TIME_NONE before one */
guint64            hz_imaging_player_get_shown_pts (HzImagingPlayer *self);

void               hz_imaging_player_set_playing (HzImagingPlayer  *self,
                                                  gboolean          playing);
gboolean           hz_imaging_player_get_playing (HzImagingPlayer  *self);
/* Pauses and shows frame @frame (clamped) */
void               hz_imaging_player_seek        (HzImagingPlayer  *self,
                                                  guint             frame);
/* Pauses and shows the frame @delta away (wraps when looping) */
void               hz_imaging_player_step        (HzImagingPlayer  *self,
                                                  int               delta);
void               hz_imaging_player_set_loop    (HzImagingPlayer  *self,
                                                  gboolean          loop);
gboolean           hz_imaging_player_get_loop    (HzImagingPlayer  *self);
/* 0.25 … 4 */
void               hz_imaging_player_set_speed   (HzImagingPlayer  *self,
                                                  double            speed);
double             hz_imaging_player_get_speed   (HzImagingPlayer  *self);

/* Window centre and width in the image's modality values (8-bit display
 * values for colour images and clips); the default is the file's. */
void               hz_imaging_player_set_window  (HzImagingPlayer  *self,
                                                  double            center,
                                                  double            width);
void               hz_imaging_player_get_window  (HzImagingPlayer  *self,
                                                  double           *center,
                                                  double           *width);
void               hz_imaging_player_reset_window (HzImagingPlayer *self);
gboolean           hz_imaging_player_get_window_changed (HzImagingPlayer *self);
void               hz_imaging_player_set_invert  (HzImagingPlayer  *self,
                                                  gboolean          invert);
gboolean           hz_imaging_player_get_invert  (HzImagingPlayer  *self);

void               hz_imaging_player_get_stats   (HzImagingPlayer      *self,
                                                  HzImagingPlayerStats *stats);
/* Stops the pipeline (also done on dispose) */
void               hz_imaging_player_stop        (HzImagingPlayer  *self);

G_END_DECLS
