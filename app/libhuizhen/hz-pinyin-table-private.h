/* hz-pinyin-table-private.h — the generated pinyin table (hz-pinyin-table.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HZ_PINYIN_FIRST 0x3400
#define HZ_PINYIN_LAST  0x9FFF

extern const char    hz_pinyin_syllables[][8];
extern const guint16 hz_pinyin_ling;   /* 〇 U+3007 */
extern const guint16 hz_pinyin_index[HZ_PINYIN_LAST - HZ_PINYIN_FIRST + 1];

G_END_DECLS
