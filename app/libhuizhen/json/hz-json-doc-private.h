/* hz-json-doc-private.h — a compact, mutable JSON tree for the store's write path
 *
 * Importing a 10,000-resource bundle through json-glib spends most of its
 * time building and freeing GHashTable-backed objects. The store only walks
 * each resource a couple of times, changes a few strings and writes it out
 * again, so it parses into this arena-allocated tree instead: strings are
 * decoded in place in the document's own buffer, numbers keep their
 * original text (36.60 stays 36.60), and member order is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "hz-json-value.h"

G_BEGIN_DECLS

typedef struct _HzJsonDoc HzJsonDoc;

/* 40 bytes: a case of 10,000 resources has some 350,000 of them */
struct _HzJv
{
  const char *key;          /* member name (NUL-terminated) inside an object, else NULL */
  const char *str;          /* STRING: decoded, NUL-terminated; NUMBER: original text, not terminated */
  HzJv       *first;        /* ARRAY / OBJECT children, in order */
  HzJv       *next;
  guint32     len;          /* bytes of str */
  HzJvType    type : 8;
  guint32     n_children : 24;
};

/* The most elements or members one array or object can hold */
#define HZ_JV_MAX_CHILDREN ((1u << 24) - 1)

/* Parses @data (taken: the document owns and modifies it). Strict JSON in
 * UTF-8; a member given twice in one object is an error naming it (and
 * the resource it is in). On error, a JSON_PARSER_ERROR whose translated
 * message starts with the line and column. */
HzJsonDoc  *hz_json_doc_parse          (char        *data,
                                        gsize        length,
                                        GError     **error);
/* Parses the JSON texts in @texts (element-type utf8, one value each) as
 * the elements, in order, of one array: the document's root. For texts
 * this program wrote (stored rows, json-glib output), which cannot repeat a
 * member: that check is skipped. Errors as hz_json_doc_parse(), their
 * line and column counted in that array. */
HzJsonDoc  *hz_json_doc_parse_array    (GPtrArray   *texts,
                                        GError     **error);
HzJsonDoc  *hz_json_doc_ref            (HzJsonDoc   *doc);
/* Thread-safe: a document read by several threads is never changed. */
void        hz_json_doc_unref          (HzJsonDoc   *doc);
/* (nullable): NULL for a document of only white space */
HzJv       *hz_json_doc_get_root       (HzJsonDoc   *doc);

/* Turns @value into the string @str (copied into the document). */
void        hz_jv_set_string           (HzJsonDoc   *doc,
                                        HzJv        *value,
                                        const char  *str);
/* Sets, or appends, member @key of @object to the string @str. */
HzJv       *hz_jv_object_set_string    (HzJsonDoc   *doc,
                                        HzJv        *object,
                                        const char  *key,
                                        const char  *str);
/* Member @key of @object as an object: the existing one, or a new empty
 * one (replacing a member of another type, or appended). */
HzJv       *hz_jv_object_ensure_object (HzJsonDoc   *doc,
                                        HzJv        *object,
                                        const char  *key);

/* The same for an array member */
HzJv       *hz_jv_object_ensure_array  (HzJsonDoc   *doc,
                                        HzJv        *object,
                                        const char  *key);
/* Appends a new empty object to @array and returns it. */
HzJv       *hz_jv_array_append_object  (HzJsonDoc   *doc,
                                        HzJv        *array);

/* Compact JSON text */
void        hz_jv_write                (GString     *out,
                                        const HzJv  *value);
/* Indented by two spaces per level, starting at @depth */
void        hz_jv_write_pretty         (GString     *out,
                                        const HzJv  *value,
                                        guint        depth);

/* A json-glib tree of @value. (transfer full) */
JsonNode   *hz_jv_to_json_node         (const HzJv  *value);

/* Appends @str as a JSON string literal (quotes included). */
void        hz_json_append_escaped     (GString     *out,
                                        const char  *str);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzJsonDoc, hz_json_doc_unref)

G_END_DECLS
