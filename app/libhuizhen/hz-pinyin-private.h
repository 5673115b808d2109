/* hz-pinyin-private.h — names in pinyin, for finding and ordering them
 *
 * A clinician looks up 刘海燕 by typing "lhy" or "liuhaiyan", and expects
 * names in pinyin order. Each Chinese character is read in its usual
 * reading, a surname in its surname reading (单 shan, 曾 zeng, 区 ou...),
 * without tones; ü is written v.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "liuhaiyan\nlhy" for 刘海燕: the full reading and the initials, one a
 * line; NULL when @text has no Chinese character. (transfer full) */
char *hz_pinyin_dup_search_forms (const char *text);

/* A key that orders names as pinyin does, compared with strcmp(): the
 * syllables ("liu\1hai\1yan\1"), ASCII letters in lower case, then the
 * text itself for names read alike. (transfer full) */
char *hz_pinyin_dup_sort_key     (const char *text);

G_END_DECLS
