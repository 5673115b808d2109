/* hz-dicom-charset.c — Specific Character Set (0008,0005) to UTF-8
 *
 * Single-byte and multi-byte sets without code extensions go through
 * g_convert: ISO_IR 100 (Latin-1) and its siblings, ISO_IR 192 (UTF-8),
 * GB18030, GBK. With "ISO 2022 …" values the text switches sets with
 * escape sequences: IR 58 (GB2312, in G1), IR 87 and IR 159 (JIS X 0208
 * and 0212, in G0), IR 149 (KS X 1001, in G1), IR 13 (JIS X 0201), IR
 * 100 (Latin-1 in G1). Each run is converted on its own; the code sets
 * go back to the initial ones at the value and component delimiters.
 *
 * Undeclared non-ASCII text is read as UTF-8 when it is valid, else as
 * GB18030 (what Chinese modalities write without saying so), else Latin-1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-dicom"

#include "config.h"

#include <string.h>

#include "hz-dicom.h"

typedef enum
{
  SET_ASCII,
  SET_JIS_ROMAN,     /* ESC ( J */
  SET_JIS_KATAKANA,  /* ESC ) I: G1 */
  SET_JIS_X0208,     /* ESC $ B: G0, two bytes */
  SET_JIS_X0212,     /* ESC $ ( D: G0, two bytes */
  SET_GB2312,        /* ESC $ ) A: G1, two bytes */
  SET_KS_X1001,      /* ESC $ ) C: G1, two bytes */
  SET_LATIN1,        /* ESC - A: G1 */
  SET_NONE,
} CodeSet;

static const char *
single_encoding (const char *term)
{
  static const struct { const char *term; const char *iconv; } map[] = {
    { "ISO_IR 100", "ISO-8859-1" }, { "ISO_IR 101", "ISO-8859-2" }, { "ISO_IR 109", "ISO-8859-3" },
    { "ISO_IR 110", "ISO-8859-4" }, { "ISO_IR 144", "ISO-8859-5" }, { "ISO_IR 127", "ISO-8859-6" },
    { "ISO_IR 126", "ISO-8859-7" }, { "ISO_IR 138", "ISO-8859-8" }, { "ISO_IR 148", "ISO-8859-9" },
    { "ISO_IR 203", "ISO-8859-15" }, { "ISO_IR 166", "TIS-620" }, { "ISO_IR 13", "SHIFT_JIS" },
    { "ISO_IR 192", "UTF-8" }, { "GB18030", "GB18030" }, { "GBK", "GBK" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (strcmp (term, map[i].term) == 0)
      return map[i].iconv;
  return NULL;
}

/* the code sets an "ISO 2022 IR n" term designates */
static void
initial_sets (const char *term,
              CodeSet    *g0,
              CodeSet    *g1)
{
  if (strcmp (term, "ISO 2022 IR 58") == 0)
    *g1 = SET_GB2312;
  else if (strcmp (term, "ISO 2022 IR 149") == 0)
    *g1 = SET_KS_X1001;
  else if (strcmp (term, "ISO 2022 IR 87") == 0)
    *g0 = SET_JIS_X0208;
  else if (strcmp (term, "ISO 2022 IR 159") == 0)
    *g0 = SET_JIS_X0212;
  else if (strcmp (term, "ISO 2022 IR 13") == 0)
    {
      *g0 = SET_JIS_ROMAN;
      *g1 = SET_JIS_KATAKANA;
    }
  else if (strcmp (term, "ISO 2022 IR 100") == 0)
    *g1 = SET_LATIN1;
}

/* Appends @bytes in @encoding as UTF-8; bytes that do not convert become
 * U+FFFD */
static void
append_converted (GString      *out,
                  const char   *encoding,
                  const guint8 *bytes,
                  gsize         length)
{
  g_autofree char *utf8 = NULL;

  if (length == 0)
    return;
  if (encoding == NULL || strcmp (encoding, "UTF-8") == 0)
    {
      g_autofree char *valid = g_utf8_make_valid ((const char *) bytes, (gssize) length);

      g_string_append (out, valid);
      return;
    }
  utf8 = g_convert ((const char *) bytes, (gssize) length, "UTF-8", encoding, NULL, NULL, NULL);
  if (utf8 != NULL)
    g_string_append (out, utf8);
  else
    {
      g_autofree char *valid = g_utf8_make_valid ((const char *) bytes, (gssize) length);

      g_string_append (out, valid);
    }
}

static const char *
set_encoding (CodeSet set)
{
  switch (set)
    {
    case SET_JIS_X0208:
    case SET_JIS_X0212:
      return "EUC-JP";
    case SET_JIS_KATAKANA:
      return "SHIFT_JIS";
    case SET_GB2312:
      return "GB2312";
    case SET_KS_X1001:
      return "EUC-KR";
    case SET_LATIN1:
      return "ISO-8859-1";
    default:
      return NULL;
    }
}

static void
decode_iso2022 (GString      *out,
                char        **terms,
                const guint8 *text,
                gsize         length)
{
  CodeSet init_g0 = SET_ASCII, init_g1 = SET_NONE, g0, g1;
  GByteArray *run = g_byte_array_new ();
  CodeSet run_set = SET_ASCII;
  gsize i = 0;

  for (guint t = 0; terms[t] != NULL; t++)
    {
      g_strstrip (terms[t]);
      if (t == 0)
        initial_sets (terms[t], &init_g0, &init_g1);
    }
  g0 = init_g0;
  g1 = init_g1;

#define FLUSH() G_STMT_START {                                                   \
    append_converted (out, set_encoding (run_set), run->data, run->len);         \
    g_byte_array_set_size (run, 0);                                              \
  } G_STMT_END

  while (i < length)
    {
      guint8 c = text[i];
      CodeSet set;
      guint8 pair[3];

      if (c == 0x1B)
        {
          const guint8 *e = text + i + 1;
          gsize left = length - i - 1;
          gsize used = 0;

          if (left >= 2 && e[0] == '(' && e[1] == 'B')
            g0 = SET_ASCII, used = 2;
          else if (left >= 2 && e[0] == '(' && e[1] == 'J')
            g0 = SET_JIS_ROMAN, used = 2;
          else if (left >= 2 && e[0] == ')' && e[1] == 'I')
            g1 = SET_JIS_KATAKANA, used = 2;
          else if (left >= 2 && e[0] == '$' && e[1] == 'B')
            g0 = SET_JIS_X0208, used = 2;
          else if (left >= 3 && e[0] == '$' && e[1] == '(' && e[2] == 'D')
            g0 = SET_JIS_X0212, used = 3;
          else if (left >= 3 && e[0] == '$' && e[1] == ')' && e[2] == 'A')
            g1 = SET_GB2312, used = 3;
          else if (left >= 3 && e[0] == '$' && e[1] == ')' && e[2] == 'C')
            g1 = SET_KS_X1001, used = 3;
          else if (left >= 2 && e[0] == '-' && e[1] == 'A')
            g1 = SET_LATIN1, used = 2;
          i += 1 + used;
          continue;
        }

      if (c < 0x80)
        {
          if ((g0 == SET_JIS_X0208 || g0 == SET_JIS_X0212) && c >= 0x21 && c <= 0x7E && i + 1 < length)
            {
              /* two G0 bytes: as EUC-JP with the high bits set */
              set = g0;
              if (set != run_set)
                FLUSH ();
              run_set = set;
              if (g0 == SET_JIS_X0212)
                g_byte_array_append (run, (const guint8 *) "\x8F", 1);
              pair[0] = c | 0x80;
              pair[1] = text[i + 1] | 0x80;
              g_byte_array_append (run, pair, 2);
              i += 2;
              continue;
            }
          if (run_set != SET_ASCII)
            FLUSH ();
          run_set = SET_ASCII;
          g_byte_array_append (run, &c, 1);
          if (g0 == SET_ASCII || g0 == SET_JIS_ROMAN)
            if (c == '^' || c == '=' || c == '\\' || c == '\r' || c == '\n' || c == '\t' || c == '\f')
              {
                g0 = init_g0;
                g1 = init_g1;
              }
          i++;
          continue;
        }

      /* a G1 byte */
      set = g1 == SET_NONE ? SET_LATIN1 : g1;
      if (set != run_set)
        FLUSH ();
      run_set = set;
      if ((set == SET_GB2312 || set == SET_KS_X1001) && i + 1 < length)
        {
          g_byte_array_append (run, text + i, 2);
          i += 2;
        }
      else
        {
          g_byte_array_append (run, &c, 1);
          i++;
        }
    }
  FLUSH ();
#undef FLUSH
  g_byte_array_unref (run);
}

char *
hz_dicom_decode_text (const char   *charset,
                      const guint8 *text,
                      gsize         length)
{
  GString *out = g_string_sized_new (length + 1);
  g_auto(GStrv) terms = NULL;
  gboolean ascii = TRUE;

  while (length > 0 && (text[length - 1] == '\0' || text[length - 1] == ' '))
    length--;
  for (gsize i = 0; i < length && ascii; i++)
    if (text[i] >= 0x80 || text[i] == 0x1B)
      ascii = FALSE;
  if (ascii)
    {
      g_string_append_len (out, (const char *) text, (gssize) length);
      return g_string_free (out, FALSE);
    }

  terms = g_strsplit (charset != NULL ? charset : "", "\\", -1);
  if (charset != NULL && strstr (charset, "ISO 2022") != NULL)
    decode_iso2022 (out, terms, text, length);
  else
    {
      const char *encoding = terms[0] != NULL ? single_encoding (g_strstrip (terms[0])) : NULL;

      if (encoding == NULL)
        {
          /* nothing declared (or ISO_IR 6) but non-ASCII bytes */
          if (g_utf8_validate ((const char *) text, (gssize) length, NULL))
            encoding = "UTF-8";
          else
            {
              g_autofree char *gb = g_convert ((const char *) text, (gssize) length, "UTF-8", "GB18030",
                                               NULL, NULL, NULL);

              encoding = gb != NULL ? "GB18030" : "ISO-8859-1";
            }
        }
      append_converted (out, encoding, text, length);
    }
  return g_string_free (out, FALSE);
}
