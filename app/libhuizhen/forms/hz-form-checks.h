/* hz-form-checks.h — checks of what is typed into a form: the 18-digit
 * 居民身份证号 (GB 11643-1999 and its ISO 7064 MOD 11-2 check digit) and
 * Chinese phone numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/* The check digit ('0'–'9' or 'X') of the first 17 digits of @number
 * (GB 11643-1999: weights 2^(17-i) mod 11, ISO 7064 MOD 11-2); 0 when
 * @number does not start with 17 digits. */
char      hz_id_card_compute_check_digit (const char  *number);
/* TRUE for an 18-character 身份证号: 17 digits, a birth date that is a
 * real day not after @today (nullable: today), and the right check digit
 * (a lower-case x is accepted). Otherwise FALSE with a translated
 * @out_message (nullable) saying what is wrong. */
gboolean  hz_id_card_is_valid            (const char  *number,
                                          const GDate *today,
                                          char       **out_message);
/* TRUE for a mainland mobile number (11 digits starting 13–19, optionally
 * after +86) or a landline with its area code (0xx-xxxxxxxx, 0xxx-xxxxxxx,
 * the dash optional, an extension after another dash); else a translated
 * @out_message. */
gboolean  hz_phone_is_valid              (const char  *number,
                                          char       **out_message);

G_END_DECLS
