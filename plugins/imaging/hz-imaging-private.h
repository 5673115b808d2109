/* hz-imaging-private.h — the types of the imaging plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_IMAGING_ADDIN (hz_imaging_addin_get_type ())
G_DECLARE_FINAL_TYPE (HzImagingAddin, hz_imaging_addin, HZ, IMAGING_ADDIN, GObject)

G_END_DECLS
