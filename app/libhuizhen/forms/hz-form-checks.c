/* hz-form-checks.c — 身份证号 and phone number checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-forms"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"

char
hz_id_card_compute_check_digit (const char *number)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char digits[11] = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };
  int sum = 0;

  g_return_val_if_fail (number != NULL, 0);

  for (guint i = 0; i < 17; i++)
    {
      if (!g_ascii_isdigit (number[i]))
        return 0;
      sum += (number[i] - '0') * weights[i];
    }

  return digits[sum % 11];
}

gboolean
hz_id_card_is_valid (const char  *number,
                     const GDate *today,
                     char       **out_message)
{
  GDate birth;
  GDate now;
  guint year, month, day;
  char check;

  g_return_val_if_fail (number != NULL, FALSE);

  if (strlen (number) != 18)
    {
      if (out_message != NULL)
        *out_message = g_strdup_printf (_("an ID card number has 18 characters, not %u"),
                                        (guint) g_utf8_strlen (number, -1));
      return FALSE;
    }

  check = hz_id_card_compute_check_digit (number);
  if (check == 0 || !(g_ascii_isdigit (number[17]) || number[17] == 'X' || number[17] == 'x'))
    {
      if (out_message != NULL)
        *out_message = g_strdup (_("an ID card number is 17 digits and a digit or X"));
      return FALSE;
    }

  year = (number[6] - '0') * 1000 + (number[7] - '0') * 100 + (number[8] - '0') * 10 + (number[9] - '0');
  month = (number[10] - '0') * 10 + (number[11] - '0');
  day = (number[12] - '0') * 10 + (number[13] - '0');
  if (today == NULL)
    {
      hz_ga_get_today (&now);
      today = &now;
    }
  if (year < 1900 || !g_date_valid_dmy (day, month, year))
    {
      if (out_message != NULL)
        *out_message = g_strdup_printf (_("the birth date in the ID card number (%.8s) is not a real day"),
                                        number + 6);
      return FALSE;
    }
  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, day, month, year);
  if (g_date_compare (&birth, today) > 0)
    {
      if (out_message != NULL)
        *out_message = g_strdup_printf (_("the birth date in the ID card number (%.8s) is in the future"),
                                        number + 6);
      return FALSE;
    }

  if (g_ascii_toupper (number[17]) != check)
    {
      if (out_message != NULL)
        *out_message = g_strdup_printf (_("the check digit of the ID card number is wrong (it should be %c)"),
                                        check);
      return FALSE;
    }

  return TRUE;
}

static gboolean
all_digits (const char *p,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

gboolean
hz_phone_is_valid (const char  *number,
                   char       **out_message)
{
  const char *p;
  const char *dash;
  gsize n;

  g_return_val_if_fail (number != NULL, FALSE);

  p = number;
  if (g_str_has_prefix (p, "+86"))
    p += 3;
  n = strlen (p);

  /* a mobile number */
  if (p[0] == '1')
    {
      if (n == 11 && p[1] >= '3' && p[1] <= '9' && all_digits (p, 11))
        return TRUE;
      goto invalid;
    }

  /* a landline: area code 0xx or 0xxx, 7 or 8 digits, an extension */
  if (p[0] != '0' || p != number)
    goto invalid;

  dash = strchr (p, '-');
  if (dash != NULL)
    {
      gsize area = dash - p;
      const char *local = dash + 1;
      const char *ext = strchr (local, '-');
      gsize local_len = ext != NULL ? (gsize) (ext - local) : strlen (local);

      if ((area == 3 || area == 4) && all_digits (p, area) &&
          (local_len == 7 || local_len == 8) && all_digits (local, local_len) &&
          (ext == NULL || (strlen (ext + 1) >= 1 && strlen (ext + 1) <= 6 &&
                           all_digits (ext + 1, strlen (ext + 1)))))
        return TRUE;
      goto invalid;
    }

  if (n >= 10 && n <= 12 && all_digits (p, n))
    return TRUE;

invalid:
  if (out_message != NULL)
    *out_message = g_strdup (_("not a phone number: a mobile number has 11 digits (13…–19…), "
                               "a landline its area code (0571-87654321)"));
  return FALSE;
}
