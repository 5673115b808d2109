/* hz-pinyin.c — names in pinyin, for finding and ordering them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "huizhen"

#include "config.h"

#include "hz-pinyin-private.h"
#include "hz-pinyin-table-private.h"

/* Surnames read otherwise than their usual reading (《百家姓》) */
static const struct {
  gunichar    ch;
  const char *reading;
} surname_readings[] = {
  { 0x5355, "shan" },   /* 单 */
  { 0x66FE, "zeng" },   /* 曾 */
  { 0x533A, "ou" },     /* 区 */
  { 0x4EC7, "qiu" },    /* 仇 */
  { 0x89E3, "xie" },    /* 解 */
  { 0x6734, "piao" },   /* 朴 */
  { 0x67E5, "zha" },    /* 查 */
  { 0x76D6, "ge" },     /* 盖 */
  { 0x7F2A, "miao" },   /* 缪 */
  { 0x4E50, "yue" },    /* 乐 */
  { 0x8983, "qin" },    /* 覃 */
  { 0x7FDF, "zhai" },   /* 翟 */
  { 0x79CD, "chong" },  /* 种 */
  { 0x6C88, "shen" },   /* 沈 */
  { 0x8D3E, "jia" },    /* 贾 */
  { 0x79D8, "bi" },     /* 秘 */
  { 0x53EC, "shao" },   /* 召 */
  { 0x5458, "yun" },    /* 员 */
  { 0x4E07, "wan" },    /* 万 */
  { 0x957F, "chang" },  /* 长 */
  { 0x5F3A, "qiang" },  /* 强 */
  { 0x5C09, "wei" },    /* 尉 */
};

static const char *
reading_of (gunichar ch,
            gboolean first)
{
  guint16 index = 0;

  if (first)
    {
      for (guint i = 0; i < G_N_ELEMENTS (surname_readings); i++)
        if (surname_readings[i].ch == ch)
          return surname_readings[i].reading;
    }

  if (ch >= HZ_PINYIN_FIRST && ch <= HZ_PINYIN_LAST)
    index = hz_pinyin_index[ch - HZ_PINYIN_FIRST];
  else if (ch == 0x3007)
    index = hz_pinyin_ling;

  return index != 0 ? hz_pinyin_syllables[index] : NULL;
}

char *
hz_pinyin_dup_search_forms (const char *text)
{
  g_autoptr(GString) full = NULL;
  g_autoptr(GString) initials = NULL;
  gboolean first = TRUE;
  gboolean any = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  full = g_string_new (NULL);
  initials = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      const char *reading = reading_of (ch, first);

      if (reading != NULL)
        {
          g_string_append (full, reading);
          g_string_append_c (initials, reading[0]);
          any = TRUE;
          first = FALSE;
        }
      else if (g_unichar_isalnum (ch))
        {
          g_string_append_unichar (full, g_unichar_tolower (ch));
          g_string_append_unichar (initials, g_unichar_tolower (ch));
        }
    }

  if (!any)
    return NULL;

  g_string_append_c (full, '\n');
  g_string_append_len (full, initials->str, initials->len);
  return g_string_free (g_steal_pointer (&full), FALSE);
}

char *
hz_pinyin_dup_sort_key (const char *text)
{
  GString *key = g_string_new (NULL);
  gboolean first = TRUE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    text = "";

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      const char *reading = reading_of (ch, first);

      if (reading != NULL)
        {
          g_string_append (key, reading);
          g_string_append_c (key, '\1');
          first = FALSE;
        }
      else if (ch < 0x80)
        g_string_append_c (key, g_ascii_tolower ((char) ch));
      else
        g_string_append_unichar (key, ch);
    }

  /* names read alike: by the text itself */
  g_string_append_c (key, '\2');
  g_string_append (key, text);

  return g_string_free (key, FALSE);
}
