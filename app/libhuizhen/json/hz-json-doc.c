/* hz-json-doc.c — a compact, mutable JSON tree for the store's write path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-json"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-json-doc-private.h"
#include "hz-parallel.h"

#define NODES_PER_BLOCK 4096
#define MAX_DEPTH 512

struct _HzJsonDoc
{
  gatomicrefcount ref_count;
  char         *data;
  gsize         length;
  GPtrArray    *blocks;    /* HzJv[NODES_PER_BLOCK] */
  guint         used;      /* nodes used in the last block */
  GStringChunk *strings;   /* decoded strings with escapes, and new strings */
  HzJv         *root;
  GPtrArray    *parts;     /* HzJsonDoc: documents whose nodes are linked into this one */
};

static HzJv *
alloc_node (HzJsonDoc *doc)
{
  HzJv *node;

  if (doc->blocks->len == 0 || doc->used == NODES_PER_BLOCK)
    {
      g_ptr_array_add (doc->blocks, g_new (HzJv, NODES_PER_BLOCK));
      doc->used = 0;
    }

  node = &((HzJv *) g_ptr_array_index (doc->blocks, doc->blocks->len - 1))[doc->used++];
  memset (node, 0, sizeof *node);
  return node;
}

/* Links @child after @tail (NULL: the first child) of @parent. */
static void
append_child (HzJv *parent,
              HzJv *tail,
              HzJv *child)
{
  if (tail == NULL)
    parent->first = child;
  else
    tail->next = child;
  parent->n_children++;
}

static HzJv *
last_child (const HzJv *parent)
{
  HzJv *last = parent->first;

  while (last != NULL && last->next != NULL)
    last = last->next;
  return last;
}

static HzJsonDoc *
doc_new (void)
{
  HzJsonDoc *doc = g_new0 (HzJsonDoc, 1);

  g_atomic_ref_count_init (&doc->ref_count);
  return doc;
}

HzJsonDoc *
hz_json_doc_ref (HzJsonDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  g_atomic_ref_count_inc (&doc->ref_count);
  return doc;
}

void
hz_json_doc_unref (HzJsonDoc *doc)
{
  if (doc == NULL || !g_atomic_ref_count_dec (&doc->ref_count))
    return;

  g_clear_pointer (&doc->parts, g_ptr_array_unref);
  g_ptr_array_unref (doc->blocks);
  g_string_chunk_free (doc->strings);
  g_free (doc->data);
  g_free (doc);
}

HzJv *
hz_json_doc_get_root (HzJsonDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  return doc->root;
}

/* ------------------------------------------------------------------------- */
/* Parsing */

typedef struct
{
  HzJsonDoc  *doc;
  char       *p;
  const char *line_start;
  int         line;
  int         depth;
  const char *error_at;
  char       *error_message;
  /* refuse a member given twice (text from outside; the store's own rows
   * and json-glib's output cannot have one) */
  gboolean    check_duplicates;
  /* the innermost object being parsed that has a resourceType and id, to
   * name in an error */
  HzJv       *resource_type;
  HzJv       *resource_id;
} Parser;

static gboolean
fail (Parser     *P,
      const char *at,
      const char *message)
{
  if (P->error_at == NULL)
    {
      P->error_at = at;
      P->error_message = g_strdup (message);
    }
  return FALSE;
}

/* @expected: (nullable): what should have been there, e.g. "“,” or “}”" */
static gboolean
fail_expecting (Parser     *P,
                const char *at,
                const char *expected)
{
  char character[8] = { 0, };

  if (*at == '\0')
    return fail (P, at, _("unexpected end of data"));

  if (P->error_at == NULL)
    {
      memcpy (character, at, g_utf8_next_char (at) - at);
      P->error_at = at;
      if (expected != NULL)
        /* Translators: a character, then what was expected instead */
        P->error_message = g_strdup_printf (_("unexpected character “%s”, expected %s"),
                                            character, expected);
      else
        P->error_message = g_strdup_printf (_("unexpected character “%s”"), character);
    }
  return FALSE;
}

static gboolean
fail_unexpected (Parser     *P,
                 const char *at)
{
  return fail_expecting (P, at, NULL);
}

static inline void
skip_ws (Parser *P)
{
  for (;;)
    {
      switch (*P->p)
        {
        case ' ':
        case '\t':
        case '\r':
          P->p++;
          break;
        case '\n':
          P->p++;
          P->line++;
          P->line_start = P->p;
          break;
        default:
          return;
        }
    }
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (const char *p,
           gunichar   *out)
{
  gunichar v = 0;

  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (p[i]);

      if (h < 0)
        return FALSE;
      v = (v << 4) | h;
    }

  *out = v;
  return TRUE;
}

/* At the opening quote. The closing quote becomes the string's NUL, so the
 * buffer keeps its length and error columns stay right; a string with
 * escapes is decoded into the document's string chunk. */
static gboolean
parse_string (Parser      *P,
              const char **out,
              guint32     *out_len)
{
  char *start = P->p + 1;
  char *r = start;
  GString *decoded;

  while (*r != '"' && *r != '\\' && (guchar) *r >= 0x20)
    r++;

  if (*r == '"')
    {
      *r = '\0';
      *out = start;
      *out_len = r - start;
      P->p = r + 1;
      return TRUE;
    }

  decoded = g_string_new_len (start, r - start);

  for (;;)
    {
      guchar c = *r;

      if (c == '"')
        break;
      if (c == '\0')
        {
          g_string_free (decoded, TRUE);
          return fail (P, r, _("unexpected end of data in a string"));
        }
      if (c < 0x20)
        {
          g_string_free (decoded, TRUE);
          return fail (P, r, _("control character in a string"));
        }

      if (c != '\\')
        {
          g_string_append_c (decoded, c);
          r++;
          continue;
        }

      switch (r[1])
        {
        case '"': g_string_append_c (decoded, '"'); r += 2; break;
        case '\\': g_string_append_c (decoded, '\\'); r += 2; break;
        case '/': g_string_append_c (decoded, '/'); r += 2; break;
        case 'b': g_string_append_c (decoded, '\b'); r += 2; break;
        case 'f': g_string_append_c (decoded, '\f'); r += 2; break;
        case 'n': g_string_append_c (decoded, '\n'); r += 2; break;
        case 'r': g_string_append_c (decoded, '\r'); r += 2; break;
        case 't': g_string_append_c (decoded, '\t'); r += 2; break;
        case 'u':
          {
            gunichar cp;

            if (!read_hex4 (r + 2, &cp))
              {
                g_string_free (decoded, TRUE);
                return fail (P, r, _("invalid \\u escape in a string"));
              }
            r += 6;

            if (cp >= 0xD800 && cp <= 0xDBFF)
              {
                gunichar low;

                if (r[0] == '\\' && r[1] == 'u' && read_hex4 (r + 2, &low) &&
                    low >= 0xDC00 && low <= 0xDFFF)
                  {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    r += 6;
                  }
                else
                  cp = 0xFFFD;  /* a lone surrogate */
              }
            else if (cp >= 0xDC00 && cp <= 0xDFFF)
              cp = 0xFFFD;

            if (cp == 0)
              {
                g_string_free (decoded, TRUE);
                return fail (P, r - 6, _("a NUL character (\\u0000) in a string"));
              }
            g_string_append_unichar (decoded, cp);
          }
          break;
        default:
          g_string_free (decoded, TRUE);
          return fail (P, r, _("invalid escape in a string"));
        }
    }

  *r = '\0';
  *out = g_string_chunk_insert_len (P->doc->strings, decoded->str, decoded->len);
  *out_len = decoded->len;
  P->p = r + 1;
  g_string_free (decoded, TRUE);
  return TRUE;
}

static gboolean
parse_number (Parser *P,
              HzJv   *node)
{
  char *start = P->p;
  char *p = start;

  if (*p == '-')
    p++;

  if (*p == '0')
    p++;
  else if (*p >= '1' && *p <= '9')
    while (g_ascii_isdigit (*p))
      p++;
  else
    return fail (P, start, _("invalid number"));

  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return fail (P, start, _("invalid number"));
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return fail (P, start, _("invalid number"));
      while (g_ascii_isdigit (*p))
        p++;
    }

  node->type = HZ_JV_NUMBER;
  node->str = start;
  node->len = p - start;
  P->p = p;
  return TRUE;
}

static gboolean parse_value (Parser *P,
                             HzJv   *node);
static gboolean parse_object_members (Parser *P,
                                      HzJv   *node);

static gboolean
parse_object (Parser *P,
              HzJv   *node)
{
  HzJv *outer_type = P->resource_type;
  HzJv *outer_id = P->resource_id;
  gboolean ok;

  ok = parse_object_members (P, node);
  if (ok)
    {
      /* the enclosing resource is the one to name again */
      P->resource_type = outer_type;
      P->resource_id = outer_id;
    }
  return ok;
}

static gboolean
parse_object_members (Parser *P,
                      HzJv   *node)
{
  HzJv *tail = NULL;
  HzJv *own_type = NULL;
  HzJv *own_id = NULL;

  node->type = HZ_JV_OBJECT;
  P->p++;   /* { */
  skip_ws (P);

  if (*P->p == '}')
    {
      P->p++;
      return TRUE;
    }

  for (;;)
    {
      HzJv *member;
      const char *key;
      const char *key_at = P->p;
      guint32 key_len;

      if (*P->p != '"')
        return fail_expecting (P, P->p, _("a member name in quotes"));
      if (!parse_string (P, &key, &key_len))
        return FALSE;

      skip_ws (P);
      if (*P->p != ':')
        return fail_expecting (P, P->p, _("“:”"));
      P->p++;
      skip_ws (P);

      if (node->n_children == HZ_JV_MAX_CHILDREN)
        return fail (P, P->p, _("too many members in one object"));

      /* A repeated member would be read as the first by one reader and
       * the last by another: refused, everywhere. */
      for (HzJv *other = P->check_duplicates ? node->first : NULL; other != NULL; other = other->next)
        if (strcmp (other->key, key) == 0)
          {
            g_autofree char *message = NULL;

            if (P->resource_type != NULL && P->resource_id != NULL &&
                P->resource_type->type == HZ_JV_STRING && P->resource_id->type == HZ_JV_STRING)
              message = g_strdup_printf (_("%s/%s: member “%s” appears more than once"),
                                         P->resource_type->str, P->resource_id->str, key);
            else if (P->resource_type != NULL && P->resource_type->type == HZ_JV_STRING)
              message = g_strdup_printf (_("%s: member “%s” appears more than once"),
                                         P->resource_type->str, key);
            else
              message = g_strdup_printf (_("member “%s” appears more than once in one object"),
                                         key);
            return fail (P, key_at, message);
          }

      member = alloc_node (P->doc);
      member->key = key;
      if (!parse_value (P, member))
        return FALSE;
      append_child (node, tail, member);
      tail = member;

      if (strcmp (key, "resourceType") == 0)
        own_type = member;
      else if (strcmp (key, "id") == 0)
        own_id = member;
      if (own_type != NULL && (P->resource_type != own_type || P->resource_id != own_id))
        {
          P->resource_type = own_type;
          P->resource_id = own_id;
        }

      skip_ws (P);
      if (*P->p == ',')
        {
          P->p++;
          skip_ws (P);
          continue;
        }
      if (*P->p == '}')
        {
          P->p++;
          return TRUE;
        }
      return fail_expecting (P, P->p, _("“,” or “}”"));
    }
}

static gboolean
parse_array (Parser *P,
             HzJv   *node)
{
  HzJv *tail = NULL;

  node->type = HZ_JV_ARRAY;
  P->p++;   /* [ */
  skip_ws (P);

  if (*P->p == ']')
    {
      P->p++;
      return TRUE;
    }

  for (;;)
    {
      HzJv *element;

      if (node->n_children == HZ_JV_MAX_CHILDREN)
        return fail (P, P->p, _("too many elements in one array"));
      element = alloc_node (P->doc);
      if (!parse_value (P, element))
        return FALSE;
      append_child (node, tail, element);
      tail = element;

      skip_ws (P);
      if (*P->p == ',')
        {
          P->p++;
          skip_ws (P);
          continue;
        }
      if (*P->p == ']')
        {
          P->p++;
          return TRUE;
        }
      return fail_expecting (P, P->p, _("“,” or “]”"));
    }
}

static gboolean
parse_literal (Parser     *P,
               HzJv       *node,
               const char *word,
               HzJvType    type)
{
  gsize len = strlen (word);

  if (strncmp (P->p, word, len) != 0)
    return fail_unexpected (P, P->p);

  node->type = type;
  P->p += len;
  return TRUE;
}

static gboolean
parse_value (Parser *P,
             HzJv   *node)
{
  gboolean ok;

  if (++P->depth > MAX_DEPTH)
    return fail (P, P->p, _("nested too deeply"));

  switch (*P->p)
    {
    case '{':
      ok = parse_object (P, node);
      break;
    case '[':
      ok = parse_array (P, node);
      break;
    case '"':
      node->type = HZ_JV_STRING;
      ok = parse_string (P, &node->str, &node->len);
      break;
    case 't':
      ok = parse_literal (P, node, "true", HZ_JV_TRUE);
      break;
    case 'f':
      ok = parse_literal (P, node, "false", HZ_JV_FALSE);
      break;
    case 'n':
      ok = parse_literal (P, node, "null", HZ_JV_NULL);
      break;
    case '\0':
      ok = fail (P, P->p, _("unexpected end of data"));
      break;
    default:
      if (*P->p == '-' || g_ascii_isdigit (*P->p))
        ok = parse_number (P, node);
      else
        ok = fail_unexpected (P, P->p);
      break;
    }

  P->depth--;
  return ok;
}

static void
set_parse_error (GError     **error,
                 Parser      *P,
                 const char  *message)
{
  int column = 1;

  /* characters, not bytes: count the UTF-8 lead bytes */
  for (const char *c = P->line_start; c < P->error_at; c++)
    if (((guchar) *c & 0xC0) != 0x80)
      column++;

  /* Translators: where a JSON file is broken, then what is wrong */
  g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
               _("line %d, column %d: %s"), P->line, column, message);
}

/**
 * hz_json_doc_parse:
 * @data: (transfer full): JSON text, NUL-terminated at @length
 * @length: bytes of @data
 *
 * Returns: (transfer full) (nullable): the document
 */
static HzJsonDoc *
parse_text (char     *data,
            gsize     length,
            gboolean  check_duplicates,
            GError  **error)
{
  g_autoptr(HzJsonDoc) doc = doc_new ();
  const char *invalid = NULL;
  Parser P = { 0, };

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (data[length] == '\0', NULL);

  doc->data = data;
  doc->length = length;
  doc->blocks = g_ptr_array_new_with_free_func (g_free);
  doc->strings = g_string_chunk_new (4096);

  P.doc = doc;
  P.p = data;
  P.line_start = data;
  P.line = 1;
  P.check_duplicates = check_duplicates;

  if (!g_utf8_validate_len (data, length, &invalid))
    {
      /* count lines up to the bad byte for the message */
      for (P.p = data; P.p < invalid; P.p++)
        if (*P.p == '\n')
          {
            P.line++;
            P.line_start = P.p + 1;
          }
      P.error_at = invalid;
      set_parse_error (error, &P, *invalid == '\0' ? _("a NUL byte in the text")
                                                   : _("the text is not valid UTF-8"));
      return NULL;
    }

  skip_ws (&P);
  if (*P.p == '\0')
    return g_steal_pointer (&doc);   /* empty: no root */

  doc->root = alloc_node (doc);
  if (parse_value (&P, doc->root))
    {
      skip_ws (&P);
      if (*P.p != '\0')
        fail_expecting (&P, P.p, _("the end of the data"));
    }

  if (P.error_at != NULL)
    {
      set_parse_error (error, &P, P.error_message);
      g_free (P.error_message);
      return NULL;
    }

  return g_steal_pointer (&doc);
}

HzJsonDoc *
hz_json_doc_parse (char    *data,
                   gsize    length,
                   GError **error)
{
  return parse_text (data, length, TRUE, error);
}

static HzJsonDoc *
parse_array_range (GPtrArray  *texts,
                   guint       start,
                   guint       end,
                   GError    **error)
{
  GString *text;
  gsize length = 2;

  for (guint i = start; i < end; i++)
    length += strlen (g_ptr_array_index (texts, i)) + 1;

  text = g_string_sized_new (length);
  g_string_append_c (text, '[');
  for (guint i = start; i < end; i++)
    {
      if (i > start)
        g_string_append_c (text, ',');
      g_string_append (text, g_ptr_array_index (texts, i));
    }
  g_string_append_c (text, ']');

  length = text->len;
  return parse_text (g_string_free (text, FALSE), length, FALSE, error);
}

/* Below this many texts a second thread is not worth starting */
#define PARALLEL_MIN_TEXTS 2000

typedef struct
{
  GPtrArray  *texts;
  guint       n_parts;
  HzJsonDoc **parts;
} ParseParts;

static void
parse_part (guint    part,
            gpointer user_data)
{
  ParseParts *data = user_data;

  data->parts[part] = parse_array_range (data->texts,
                                         (guint) ((guint64) data->texts->len * part / data->n_parts),
                                         (guint) ((guint64) data->texts->len * (part + 1) / data->n_parts),
                                         NULL);
}

HzJsonDoc *
hz_json_doc_parse_array (GPtrArray  *texts,
                         GError    **error)
{
  ParseParts data;
  HzJsonDoc *doc;
  HzJv *root;
  HzJv *tail;
  gboolean ok = TRUE;

  g_return_val_if_fail (texts != NULL, NULL);

  if (texts->len < PARALLEL_MIN_TEXTS || g_get_num_processors () < 2)
    return parse_array_range (texts, 0, texts->len, error);

  /* A whole case: its halves parsed side by side, then the second's
   * elements linked after the first's (the first document keeps the
   * second alive). */
  data.texts = texts;
  data.n_parts = MIN (g_get_num_processors (), 4);
  data.parts = g_newa (HzJsonDoc *, data.n_parts);
  hz_parallel_for (data.n_parts, 1, parse_part, &data);

  for (guint i = 0; i < data.n_parts; i++)
    ok = ok && data.parts[i] != NULL;
  if (!ok)
    {
      for (guint i = 0; i < data.n_parts; i++)
        g_clear_pointer (&data.parts[i], hz_json_doc_unref);
      /* again in one piece, for an error that counts lines in the whole */
      return parse_array_range (texts, 0, texts->len, error);
    }

  doc = data.parts[0];
  root = doc->root;
  tail = last_child (root);
  doc->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_json_doc_unref);
  for (guint i = 1; i < data.n_parts; i++)
    {
      HzJv *part_root = data.parts[i]->root;

      if (part_root->first != NULL)
        {
          if (tail == NULL)
            root->first = part_root->first;
          else
            tail->next = part_root->first;
          tail = last_child (part_root);
          root->n_children += part_root->n_children;
        }
      g_ptr_array_add (doc->parts, data.parts[i]);
    }

  return doc;
}

/* ------------------------------------------------------------------------- */
/* Access */

HzJv *
hz_jv_get (const HzJv *object,
           const char *key)
{
  if (object == NULL || object->type != HZ_JV_OBJECT)
    return NULL;

  for (HzJv *member = object->first; member != NULL; member = member->next)
    if (strcmp (member->key, key) == 0)
      return member;

  return NULL;
}

const char *
hz_jv_get_string (const HzJv *object,
                  const char *key)
{
  HzJv *member = hz_jv_get (object, key);

  return member != NULL && member->type == HZ_JV_STRING ? member->str : NULL;
}

HzJv *
hz_jv_get_object (const HzJv *object,
                  const char *key)
{
  HzJv *member = hz_jv_get (object, key);

  return member != NULL && member->type == HZ_JV_OBJECT ? member : NULL;
}

HzJv *
hz_jv_get_array (const HzJv *object,
                 const char *key)
{
  HzJv *member = hz_jv_get (object, key);

  return member != NULL && member->type == HZ_JV_ARRAY ? member : NULL;
}

const char *
hz_jv_get_path_string (const HzJv *object,
                       const char *path)
{
  const char *dot = strchr (path, '.');
  char head[64];

  if (dot == NULL)
    return hz_jv_get_string (object, path);

  if ((gsize) (dot - path) >= sizeof head)
    return NULL;
  memcpy (head, path, dot - path);
  head[dot - path] = '\0';

  return hz_jv_get_path_string (hz_jv_get_object (object, head), dot + 1);
}

HzJv *
hz_jv_get_object_element (const HzJv *object,
                          const char *key,
                          guint       index)
{
  HzJv *element = hz_jv_get_element (hz_jv_get_array (object, key), index);

  return element != NULL && element->type == HZ_JV_OBJECT ? element : NULL;
}

HzJvType
hz_jv_get_value_type (const HzJv *value)
{
  g_return_val_if_fail (value != NULL, HZ_JV_NULL);

  return value->type;
}

guint
hz_jv_get_length (const HzJv *value)
{
  if (value == NULL || (value->type != HZ_JV_ARRAY && value->type != HZ_JV_OBJECT))
    return 0;

  return value->n_children;
}

HzJv *
hz_jv_get_first (const HzJv *value)
{
  if (value == NULL || (value->type != HZ_JV_ARRAY && value->type != HZ_JV_OBJECT))
    return NULL;

  return value->first;
}

HzJv *
hz_jv_get_next (const HzJv *value)
{
  return value != NULL ? value->next : NULL;
}

HzJv *
hz_jv_get_element (const HzJv *array,
                   guint       index)
{
  HzJv *element;

  if (array == NULL || array->type != HZ_JV_ARRAY || index >= array->n_children)
    return NULL;

  for (element = array->first; index > 0; index--)
    element = element->next;

  return element;
}

const char *
hz_jv_get_key (const HzJv *value)
{
  return value != NULL ? value->key : NULL;
}

const char *
hz_jv_get_str (const HzJv *value)
{
  return value != NULL && value->type == HZ_JV_STRING ? value->str : NULL;
}

gboolean
hz_jv_get_int64 (const HzJv *value,
                 gint64     *out)
{
  char buf[32];

  g_return_val_if_fail (out != NULL, FALSE);

  if (value == NULL || value->type != HZ_JV_NUMBER || value->len >= sizeof buf ||
      memchr (value->str, '.', value->len) != NULL ||
      memchr (value->str, 'e', value->len) != NULL ||
      memchr (value->str, 'E', value->len) != NULL)
    return FALSE;

  memcpy (buf, value->str, value->len);
  buf[value->len] = '\0';
  return g_ascii_string_to_signed (buf, 10, G_MININT64, G_MAXINT64, out, NULL);
}

gboolean
hz_jv_get_double (const HzJv *value,
                  double     *out)
{
  char buf[64];
  char *end = NULL;
  double d;

  g_return_val_if_fail (out != NULL, FALSE);

  if (value == NULL || value->type != HZ_JV_NUMBER || value->len >= sizeof buf)
    return FALSE;

  /* the number's text is not terminated inside the document */
  memcpy (buf, value->str, value->len);
  buf[value->len] = '\0';
  d = g_ascii_strtod (buf, &end);
  if (end == buf || *end != '\0' || !isfinite (d))
    return FALSE;

  *out = d;
  return TRUE;
}

gboolean
hz_jv_get_boolean (const HzJv *value,
                   gboolean   *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (value == NULL || (value->type != HZ_JV_TRUE && value->type != HZ_JV_FALSE))
    return FALSE;

  *out = value->type == HZ_JV_TRUE;
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Changes */

void
hz_jv_set_string (HzJsonDoc  *doc,
                  HzJv       *value,
                  const char *str)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (value != NULL);
  g_return_if_fail (str != NULL);

  value->type = HZ_JV_STRING;
  value->len = strlen (str);
  value->str = g_string_chunk_insert_len (doc->strings, str, value->len);
  value->first = NULL;
  value->n_children = 0;
}

static HzJv *
append_member (HzJsonDoc  *doc,
               HzJv       *object,
               const char *key)
{
  HzJv *member = alloc_node (doc);

  member->key = g_string_chunk_insert_const (doc->strings, key);
  append_child (object, last_child (object), member);
  return member;
}

HzJv *
hz_jv_object_set_string (HzJsonDoc  *doc,
                         HzJv       *object,
                         const char *key,
                         const char *str)
{
  HzJv *member;

  g_return_val_if_fail (object != NULL && object->type == HZ_JV_OBJECT, NULL);

  member = hz_jv_get (object, key);
  if (member == NULL)
    member = append_member (doc, object, key);

  hz_jv_set_string (doc, member, str);
  return member;
}

/* Member @key of @object as a container of @type: the existing one, or a
 * new empty one (replacing a member of another type, or appended). */
static HzJv *
ensure_container (HzJsonDoc  *doc,
                  HzJv       *object,
                  const char *key,
                  HzJvType    type)
{
  HzJv *member;

  g_return_val_if_fail (object != NULL && object->type == HZ_JV_OBJECT, NULL);

  member = hz_jv_get (object, key);
  if (member == NULL)
    member = append_member (doc, object, key);

  if (member->type != type)
    {
      member->type = type;
      member->str = NULL;
      member->len = 0;
      member->first = NULL;
      member->n_children = 0;
    }

  return member;
}

HzJv *
hz_jv_object_ensure_object (HzJsonDoc  *doc,
                            HzJv       *object,
                            const char *key)
{
  return ensure_container (doc, object, key, HZ_JV_OBJECT);
}

HzJv *
hz_jv_object_ensure_array (HzJsonDoc  *doc,
                           HzJv       *object,
                           const char *key)
{
  return ensure_container (doc, object, key, HZ_JV_ARRAY);
}

HzJv *
hz_jv_array_append_object (HzJsonDoc *doc,
                           HzJv      *array)
{
  HzJv *element;

  g_return_val_if_fail (array != NULL && array->type == HZ_JV_ARRAY, NULL);

  element = alloc_node (doc);
  element->type = HZ_JV_OBJECT;
  append_child (array, last_child (array), element);
  return element;
}

/* ------------------------------------------------------------------------- */
/* Output */

void
hz_json_append_escaped (GString    *out,
                        const char *str)
{
  const char *run = str;
  const char *p;

  g_string_append_c (out, '"');
  for (p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape;
      char buf[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:
          g_snprintf (buf, sizeof buf, "\\u%04x", c);
          escape = buf;
          break;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

void
hz_jv_write (GString    *out,
             const HzJv *value)
{
  switch (value->type)
    {
    case HZ_JV_NULL:
      g_string_append_len (out, "null", 4);
      break;
    case HZ_JV_TRUE:
      g_string_append_len (out, "true", 4);
      break;
    case HZ_JV_FALSE:
      g_string_append_len (out, "false", 5);
      break;
    case HZ_JV_NUMBER:
      g_string_append_len (out, value->str, value->len);
      break;
    case HZ_JV_STRING:
      hz_json_append_escaped (out, value->str);
      break;
    case HZ_JV_ARRAY:
      g_string_append_c (out, '[');
      for (HzJv *child = value->first; child != NULL; child = child->next)
        {
          if (child != value->first)
            g_string_append_c (out, ',');
          hz_jv_write (out, child);
        }
      g_string_append_c (out, ']');
      break;
    case HZ_JV_OBJECT:
      g_string_append_c (out, '{');
      for (HzJv *child = value->first; child != NULL; child = child->next)
        {
          if (child != value->first)
            g_string_append_c (out, ',');
          hz_json_append_escaped (out, child->key);
          g_string_append_c (out, ':');
          hz_jv_write (out, child);
        }
      g_string_append_c (out, '}');
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
indent (GString *out,
        guint    depth)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append_len (out, "  ", 2);
}

void
hz_jv_write_pretty (GString    *out,
                    const HzJv *value,
                    guint       depth)
{
  if ((value->type != HZ_JV_ARRAY && value->type != HZ_JV_OBJECT) || value->first == NULL)
    {
      hz_jv_write (out, value);
      return;
    }

  g_string_append_c (out, value->type == HZ_JV_ARRAY ? '[' : '{');
  for (HzJv *child = value->first; child != NULL; child = child->next)
    {
      if (child != value->first)
        g_string_append_c (out, ',');
      indent (out, depth + 1);
      if (value->type == HZ_JV_OBJECT)
        {
          hz_json_append_escaped (out, child->key);
          g_string_append_len (out, ": ", 2);
        }
      hz_jv_write_pretty (out, child, depth + 1);
    }
  indent (out, depth);
  g_string_append_c (out, value->type == HZ_JV_ARRAY ? ']' : '}');
}

char *
hz_jv_to_string (const HzJv *value)
{
  GString *out = g_string_sized_new (1024);

  g_return_val_if_fail (value != NULL, NULL);

  hz_jv_write (out, value);
  return g_string_free (out, FALSE);
}

static JsonNode *
number_to_node (const HzJv *value)
{
  char buf[64];
  char *text = value->len < sizeof buf ? buf : g_malloc (value->len + 1);
  JsonNode *node = json_node_alloc ();

  memcpy (text, value->str, value->len);
  text[value->len] = '\0';

  if (strpbrk (text, ".eE") == NULL)
    {
      char *end = NULL;
      gint64 v;

      errno = 0;
      v = g_ascii_strtoll (text, &end, 10);
      if (errno == 0)
        json_node_init_int (node, v);
      else
        json_node_init_double (node, g_ascii_strtod (text, NULL));
    }
  else
    json_node_init_double (node, g_ascii_strtod (text, NULL));

  if (text != buf)
    g_free (text);

  return node;
}

JsonNode *
hz_jv_to_json_node (const HzJv *value)
{
  JsonNode *node;

  g_return_val_if_fail (value != NULL, NULL);

  switch (value->type)
    {
    case HZ_JV_NULL:
      return json_node_init_null (json_node_alloc ());
    case HZ_JV_TRUE:
    case HZ_JV_FALSE:
      return json_node_init_boolean (json_node_alloc (), value->type == HZ_JV_TRUE);
    case HZ_JV_NUMBER:
      return number_to_node (value);
    case HZ_JV_STRING:
      return json_node_init_string (json_node_alloc (), value->str);
    case HZ_JV_ARRAY:
      {
        JsonArray *array = json_array_sized_new (value->n_children);

        for (HzJv *child = value->first; child != NULL; child = child->next)
          json_array_add_element (array, hz_jv_to_json_node (child));
        node = json_node_alloc ();
        json_node_init_array (node, array);
        json_array_unref (array);
        return node;
      }
    case HZ_JV_OBJECT:
      {
        JsonObject *object = json_object_new ();

        for (HzJv *child = value->first; child != NULL; child = child->next)
          json_object_set_member (object, child->key, hz_jv_to_json_node (child));
        node = json_node_alloc ();
        json_node_init_object (node, object);
        json_object_unref (object);
        return node;
      }
    default:
      g_assert_not_reached ();
    }
}
