/* hz-timeline-summary.c — a resource's JSON as a few readable lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <huizhen.h>

#include "hz-timeline-summary.h"

#define MAX_VALUE_CHARS 160
#define MAX_ARRAY_ITEMS 4

static void append_node (GString *out, JsonNode *node, guint depth);

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
append_special_object (GString    *out,
                       JsonObject *object)
{
  const char *text, *display, *reference, *start, *end, *unit;
  JsonNode *value, *coding;

  /* CodeableConcept */
  if ((text = string_member (object, "text")) != NULL &&
      (json_object_has_member (object, "coding") || json_object_get_size (object) == 1))
    {
      g_string_append (out, text);
      return TRUE;
    }
  coding = json_object_get_member (object, "coding");
  if (coding != NULL && JSON_NODE_HOLDS_ARRAY (coding) && json_array_get_length (json_node_get_array (coding)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (coding), 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        {
          JsonObject *c = json_node_get_object (first);

          display = string_member (c, "display");
          if (display == NULL)
            display = hz_fhir_code_get_display (string_member (c, "code"));
          g_string_append (out, display != NULL ? display : (string_member (c, "code") ?: ""));
          return TRUE;
        }
    }

  /* Reference */
  display = string_member (object, "display");
  reference = string_member (object, "reference");
  if (display != NULL || (reference != NULL && json_object_get_size (object) <= 2))
    {
      g_string_append (out, display != NULL ? display : reference);
      return TRUE;
    }

  /* Quantity */
  value = json_object_get_member (object, "value");
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) != G_TYPE_STRING)
    {
      unit = string_member (object, "unit");
      if (unit == NULL)
        unit = string_member (object, "code");
      {
        g_autoptr(GString) number = g_string_new (NULL);
        g_autofree char *shown = NULL;

        append_node (number, value, 1);
        shown = hz_fhir_format_with_unit (number->str, unit);
        g_string_append (out, shown);
      }
      return TRUE;
    }

  /* Range / referenceRange: low – high */
  {
    JsonNode *low = json_object_get_member (object, "low");
    JsonNode *high = json_object_get_member (object, "high");

    if ((low != NULL && JSON_NODE_HOLDS_OBJECT (low)) || (high != NULL && JSON_NODE_HOLDS_OBJECT (high)))
      {
        if (low != NULL)
          append_node (out, low, 1);
        g_string_append (out, " – ");
        if (high != NULL)
          append_node (out, high, 1);
        return TRUE;
      }
  }

  /* Period */
  start = string_member (object, "start");
  end = string_member (object, "end");
  if (start != NULL || end != NULL)
    {
      g_string_append_printf (out, "%s – %s", start ?: "", end ?: "");
      return TRUE;
    }

  /* Coding */
  if ((text = string_member (object, "code")) != NULL)
    {
      g_string_append (out, text);
      return TRUE;
    }

  return FALSE;
}

static void
append_node (GString  *out,
             JsonNode *node,
             guint     depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          {
            /* A code ("in-progress") in words; any other text as it is */
            const char *word = hz_fhir_code_get_display (json_node_get_string (node));

            g_string_append (out, word != NULL ? word : json_node_get_string (node));
          }
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? _("yes") : _("no"));
        else if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%g", json_node_get_double (node)));
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n && i < MAX_ARRAY_ITEMS; i++)
          {
            if (i > 0)
              g_string_append (out, "; ");
            append_node (out, json_array_get_element (array, i), depth + 1);
          }
        if (n > MAX_ARRAY_ITEMS)
          g_string_append_printf (out, "; … (+%u)", n - MAX_ARRAY_ITEMS);
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);

        if (!append_special_object (out, object))
          {
            /* Anything else: {member: value, ...}, numbers kept short */
            g_autoptr(GList) members = json_object_get_members (object);

            g_string_append_c (out, '{');
            for (const GList *l = members; l != NULL; l = l->next)
              {
                if (l != members)
                  g_string_append (out, ", ");
                /* Translators: a field inside a record's field: "剂量：…" */
                g_string_append_printf (out, _("%s: "), hz_fhir_field_get_display (l->data));
                if (depth < 3)
                  append_node (out, json_object_get_member (object, l->data), depth + 1);
                else
                  g_string_append (out, "…");
              }
            g_string_append_c (out, '}');
          }
      }
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
}

char *
hz_timeline_resource_summary (JsonObject *resource,
                              guint       max_lines)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GList) members = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  guint limit;

  g_return_val_if_fail (resource != NULL, NULL);

  members = json_object_get_members (resource);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_str_equal (name, "resourceType") || g_str_equal (name, "id") ||
          g_str_equal (name, "meta") || g_str_equal (name, "text"))
        continue;
      g_ptr_array_add (shown, (gpointer) name);
    }

  /* Room for everything, or for max_lines - 1 and the "more" line */
  limit = shown->len;
  if (max_lines > 0 && shown->len > max_lines)
    limit = max_lines - 1;

  for (guint i = 0; i < limit; i++)
    {
      const char *name = g_ptr_array_index (shown, i);
      g_autoptr(GString) value = g_string_new (NULL);

      append_node (value, json_object_get_member (resource, name), 0);
      if (value->len == 0)
        continue;
      if (g_utf8_strlen (value->str, -1) > MAX_VALUE_CHARS)
        {
          const char *cut = g_utf8_offset_to_pointer (value->str, MAX_VALUE_CHARS);

          g_string_truncate (value, cut - value->str);
          g_string_append (value, "…");
        }

      if (out->len > 0)
        g_string_append_c (out, '\n');
      /* Translators: a field of a record and its value, in the event's detail */
      g_string_append_printf (out, _("%s: %s"), hz_fhir_field_get_display (name), value->str);
    }

  if (limit < shown->len)
    {
      guint more = shown->len - limit;

      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE, "… and %u more field", "… and %u more fields", more),
                              more);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
