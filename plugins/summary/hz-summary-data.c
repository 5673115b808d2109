/* hz-summary-data.c — what the summary page and panel read from a case
 *
 * Everything is read from the HzCase models (never from the database), and
 * follows the conventions of docs/data-model.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-summary"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-summary-private.h"

char *
hz_summary_risk_factors (HzResource *risk)
{
  const HzJv *json = hz_resource_get_value (risk);
  g_autoptr(GPtrArray) factors = g_ptr_array_new ();
  HzJv *item;

  for (guint i = 0; (item = hz_jv_get_object_element (json, "basis", i)) != NULL; i++)
    {
      const char *display = hz_jv_get_string (item, "display");

      if (display != NULL && *display != '\0')
        g_ptr_array_add (factors, (gpointer) display);
    }

  for (guint i = 0; (item = hz_jv_get_object_element (json, "note", i)) != NULL; i++)
    {
      const char *text = hz_jv_get_string (item, "text");

      if (text != NULL && *text != '\0')
        g_ptr_array_add (factors, (gpointer) text);
    }

  if (factors->len == 0)
    return NULL;

  g_ptr_array_add (factors, NULL);

  /* Translators: separates the factors of a risk grading */
  return g_strjoinv (_("; "), (char **) factors->pdata);
}

char *
hz_summary_sentence_case (const char *text)
{
  gunichar first;

  g_return_val_if_fail (text != NULL, NULL);

  /* A word written to stand inside a sentence ("appointment not
   * confirmed", the timeline's) starts with a capital alone at the end of
   * a row. A script without case (Chinese) is left as it is. */
  first = g_utf8_get_char (text);
  if (first == g_unichar_totitle (first))
    return g_strdup (text);

  {
    char buf[8];
    int len = g_unichar_to_utf8 (g_unichar_totitle (first), buf);

    return g_strdup_printf ("%.*s%s", len, buf, g_utf8_next_char (text));
  }
}
