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

static void append_value (GString *out, const HzJv *value, guint depth);

static gboolean
append_special_object (GString    *out,
                       const HzJv *object)
{
  const char *text, *display, *reference, *start, *end;
  HzJv *coding, *low, *high;

  /* CodeableConcept */
  if ((text = hz_jv_get_string (object, "text")) != NULL &&
      (hz_jv_get (object, "coding") != NULL || hz_jv_get_length (object) == 1))
    {
      g_string_append (out, text);
      return TRUE;
    }
  coding = hz_jv_get_object_element (object, "coding", 0);
  if (coding != NULL)
    {
      const char *code = hz_jv_get_string (coding, "code");

      display = hz_jv_get_string (coding, "display");
      if (display == NULL)
        display = hz_fhir_code_get_display (code);
      g_string_append (out, display != NULL ? display : (code != NULL ? code : ""));
      return TRUE;
    }

  /* Reference */
  display = hz_jv_get_string (object, "display");
  reference = hz_jv_get_string (object, "reference");
  if (display != NULL || (reference != NULL && hz_jv_get_length (object) <= 2))
    {
      g_string_append (out, display != NULL ? display : reference);
      return TRUE;
    }

  /* Quantity: the number as recorded, the unit as clinicians write it */
  {
    g_autofree char *quantity = hz_fhir_jv_format_quantity (object, TRUE);

    if (quantity != NULL)
      {
        g_string_append (out, quantity);
        return TRUE;
      }
  }

  /* Range / referenceRange: low – high */
  low = hz_jv_get_object (object, "low");
  high = hz_jv_get_object (object, "high");
  if (low != NULL || high != NULL)
    {
      if (low != NULL)
        append_value (out, low, 1);
      g_string_append (out, " – ");
      if (high != NULL)
        append_value (out, high, 1);
      return TRUE;
    }

  /* Period */
  start = hz_jv_get_string (object, "start");
  end = hz_jv_get_string (object, "end");
  if (start != NULL || end != NULL)
    {
      g_string_append_printf (out, "%s – %s", start ? start : "", end ? end : "");
      return TRUE;
    }

  /* Coding */
  if ((text = hz_jv_get_string (object, "code")) != NULL)
    {
      g_string_append (out, text);
      return TRUE;
    }

  return FALSE;
}

static void
append_value (GString    *out,
              const HzJv *value,
              guint       depth)
{
  switch (hz_jv_get_value_type (value))
    {
    case HZ_JV_STRING:
      {
        /* A code ("in-progress") in words; any other text as it is */
        const char *word = hz_fhir_code_get_display (hz_jv_get_str (value));

        g_string_append (out, word != NULL ? word : hz_jv_get_str (value));
      }
      break;

    case HZ_JV_TRUE:
      g_string_append (out, _("yes"));
      break;

    case HZ_JV_FALSE:
      g_string_append (out, _("no"));
      break;

    case HZ_JV_NUMBER:
      {
        /* as recorded: 36.60 stays 36.60 */
        g_autofree char *number = hz_jv_to_string (value);

        g_string_append (out, number);
      }
      break;

    case HZ_JV_ARRAY:
      {
        guint n = hz_jv_get_length (value);
        guint i = 0;

        for (HzJv *item = hz_jv_get_first (value); item != NULL && i < MAX_ARRAY_ITEMS;
             item = hz_jv_get_next (item), i++)
          {
            if (i > 0)
              g_string_append (out, "; ");
            append_value (out, item, depth + 1);
          }
        if (n > MAX_ARRAY_ITEMS)
          g_string_append_printf (out, "; … (+%u)", n - MAX_ARRAY_ITEMS);
      }
      break;

    case HZ_JV_OBJECT:
      if (!append_special_object (out, value))
        {
          /* Anything else: {member: value, ...} */
          g_string_append_c (out, '{');
          for (HzJv *member = hz_jv_get_first (value); member != NULL; member = hz_jv_get_next (member))
            {
              if (member != hz_jv_get_first (value))
                g_string_append (out, ", ");
              /* Translators: a field inside a record's field: "剂量：…" */
              g_string_append_printf (out, _("%s: "), hz_fhir_field_get_display (hz_jv_get_key (member)));
              if (depth < 3)
                append_value (out, member, depth + 1);
              else
                g_string_append (out, "…");
            }
          g_string_append_c (out, '}');
        }
      break;

    case HZ_JV_NULL:
    default:
      break;
    }
}

char *
hz_timeline_resource_summary (const HzJv *resource,
                              guint       max_lines)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  guint limit;

  g_return_val_if_fail (resource != NULL, NULL);

  for (HzJv *member = hz_jv_get_first (resource); member != NULL; member = hz_jv_get_next (member))
    {
      const char *name = hz_jv_get_key (member);

      if (g_str_equal (name, "resourceType") || g_str_equal (name, "id") ||
          g_str_equal (name, "meta") || g_str_equal (name, "text"))
        continue;
      g_ptr_array_add (shown, member);
    }

  /* Room for everything, or for max_lines - 1 and the "more" line */
  limit = shown->len;
  if (max_lines > 0 && shown->len > max_lines)
    limit = max_lines - 1;

  for (guint i = 0; i < limit; i++)
    {
      const HzJv *member = g_ptr_array_index (shown, i);
      const char *name = hz_jv_get_key (member);
      g_autoptr(GString) value = g_string_new (NULL);

      append_value (value, member, 0);
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
