/* hz-scale-items.c — the wording of EPDS, PHQ-9 and GAD-7, as the forms print it
 *
 * The one place the items and their answers are written: the English
 * originals are the msgids, the standard Chinese versions (爱丁堡产后抑郁量表
 * 中文版, 患者健康问卷 PHQ-9 中文版, 广泛性焦虑量表 GAD-7 中文版) their zh_CN
 * translations. Each EPDS item, and each of the other two forms, is a
 * translation context of its own, so that an answer worded alike in two
 * places keeps each one's Chinese ("Hardly ever": EPDS item 4 极少有, item
 * 10 很少这样; "Not at all": EPDS item 1 完全不能, PHQ-9 完全不会).
 *
 * Answers are listed in the order the standard form prints them: on the
 * EPDS items 3 and 5–10 that is from the answer scored 3 down to the one
 * scored 0 (hz_scale_item_is_reversed(), which hz_scale_score() uses too).
 *
 *  - EPDS: Cox JL, Holden JM, Sagovsky R. Br J Psychiatry 1987;150:782–6.
 *  - PHQ-9: Kroenke K, Spitzer RL, Williams JB. J Gen Intern Med 2001;16:606–13.
 *  - GAD-7: Spitzer RL, Kroenke K, Williams JB, Löwe B. Arch Intern Med 2006;166:1092–7.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-clinical"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "huizhen.h"

typedef struct
{
  const char *context;                       /* msgctxt of the item and its answers */
  const char *link_id;                       /* "epds-3" */
  const char *text;                          /* msgid */
  const char *options[HZ_SCALE_N_OPTIONS];   /* msgids, as printed */
} ScaleItem;

typedef struct
{
  const char      *context;                  /* msgctxt of every string of the form */
  const char      *title;
  const char      *instructions;
  const ScaleItem *items;
  guint            n_items;
} ScaleForm;

static const ScaleItem epds_items[] = {
  { "EPDS item 1", "epds-1", NC_("EPDS item 1", "I have been able to laugh and see the funny side of things"),
    { NC_("EPDS item 1", "As much as I always could"), NC_("EPDS item 1", "Not quite so much now"),
      NC_("EPDS item 1", "Definitely not so much now"), NC_("EPDS item 1", "Not at all") } },
  { "EPDS item 2", "epds-2", NC_("EPDS item 2", "I have looked forward with enjoyment to things"),
    { NC_("EPDS item 2", "As much as I ever did"), NC_("EPDS item 2", "Rather less than I used to"),
      NC_("EPDS item 2", "Definitely less than I used to"), NC_("EPDS item 2", "Hardly at all") } },
  { "EPDS item 3", "epds-3", NC_("EPDS item 3", "I have blamed myself unnecessarily when things went wrong"),
    { NC_("EPDS item 3", "Yes, most of the time"), NC_("EPDS item 3", "Yes, some of the time"),
      NC_("EPDS item 3", "Not very often"), NC_("EPDS item 3", "No, never") } },
  { "EPDS item 4", "epds-4", NC_("EPDS item 4", "I have been anxious or worried for no good reason"),
    { NC_("EPDS item 4", "No, not at all"), NC_("EPDS item 4", "Hardly ever"),
      NC_("EPDS item 4", "Yes, sometimes"), NC_("EPDS item 4", "Yes, very often") } },
  { "EPDS item 5", "epds-5", NC_("EPDS item 5", "I have felt scared or panicky for no very good reason"),
    { NC_("EPDS item 5", "Yes, quite a lot"), NC_("EPDS item 5", "Yes, sometimes"),
      NC_("EPDS item 5", "No, not much"), NC_("EPDS item 5", "No, not at all") } },
  { "EPDS item 6", "epds-6", NC_("EPDS item 6", "Things have been getting on top of me"),
    { NC_("EPDS item 6", "Yes, most of the time I haven’t been able to cope at all"),
      NC_("EPDS item 6", "Yes, sometimes I haven’t been coping as well as usual"),
      NC_("EPDS item 6", "No, most of the time I have coped quite well"),
      NC_("EPDS item 6", "No, I have been coping as well as ever") } },
  { "EPDS item 7", "epds-7", NC_("EPDS item 7", "I have been so unhappy that I have had difficulty sleeping"),
    { NC_("EPDS item 7", "Yes, most of the time"), NC_("EPDS item 7", "Yes, sometimes"),
      NC_("EPDS item 7", "Not very often"), NC_("EPDS item 7", "No, not at all") } },
  { "EPDS item 8", "epds-8", NC_("EPDS item 8", "I have felt sad or miserable"),
    { NC_("EPDS item 8", "Yes, most of the time"), NC_("EPDS item 8", "Yes, quite often"),
      NC_("EPDS item 8", "Not very often"), NC_("EPDS item 8", "No, not at all") } },
  { "EPDS item 9", "epds-9", NC_("EPDS item 9", "I have been so unhappy that I have been crying"),
    { NC_("EPDS item 9", "Yes, most of the time"), NC_("EPDS item 9", "Yes, quite often"),
      NC_("EPDS item 9", "Only occasionally"), NC_("EPDS item 9", "No, never") } },
  { "EPDS item 10", "epds-10", NC_("EPDS item 10", "The thought of harming myself has occurred to me"),
    { NC_("EPDS item 10", "Yes, quite often"), NC_("EPDS item 10", "Sometimes"),
      NC_("EPDS item 10", "Hardly ever"), NC_("EPDS item 10", "Never") } },
};

/* PHQ-9 and GAD-7 print the same four answers under every item (the
 * contexts are written out: xgettext reads only literal ones) */
#define PHQ9_OPTIONS \
  { NC_("PHQ-9", "Not at all"), NC_("PHQ-9", "Several days"), \
    NC_("PHQ-9", "More than half the days"), NC_("PHQ-9", "Nearly every day") }
#define GAD7_OPTIONS \
  { NC_("GAD-7", "Not at all"), NC_("GAD-7", "Several days"), \
    NC_("GAD-7", "More than half the days"), NC_("GAD-7", "Nearly every day") }

static const ScaleItem phq9_items[] = {
  { "PHQ-9", "phq9-1", NC_("PHQ-9", "Little interest or pleasure in doing things"), PHQ9_OPTIONS },
  { "PHQ-9", "phq9-2", NC_("PHQ-9", "Feeling down, depressed, or hopeless"), PHQ9_OPTIONS },
  { "PHQ-9", "phq9-3", NC_("PHQ-9", "Trouble falling or staying asleep, or sleeping too much"), PHQ9_OPTIONS },
  { "PHQ-9", "phq9-4", NC_("PHQ-9", "Feeling tired or having little energy"), PHQ9_OPTIONS },
  { "PHQ-9", "phq9-5", NC_("PHQ-9", "Poor appetite or overeating"), PHQ9_OPTIONS },
  { "PHQ-9", "phq9-6", NC_("PHQ-9", "Feeling bad about yourself — or that you are a failure or have let "
                           "yourself or your family down"), PHQ9_OPTIONS },
  { "PHQ-9", "phq9-7", NC_("PHQ-9", "Trouble concentrating on things, such as reading the newspaper or "
                           "watching television"), PHQ9_OPTIONS },
  { "PHQ-9", "phq9-8", NC_("PHQ-9", "Moving or speaking so slowly that other people could have noticed? Or "
                           "the opposite — being so fidgety or restless that you have been moving "
                           "around a lot more than usual"), PHQ9_OPTIONS },
  { "PHQ-9", "phq9-9", NC_("PHQ-9", "Thoughts that you would be better off dead or of hurting yourself in "
                           "some way"), PHQ9_OPTIONS },
};

static const ScaleItem gad7_items[] = {
  { "GAD-7", "gad7-1", NC_("GAD-7", "Feeling nervous, anxious or on edge"), GAD7_OPTIONS },
  { "GAD-7", "gad7-2", NC_("GAD-7", "Not being able to stop or control worrying"), GAD7_OPTIONS },
  { "GAD-7", "gad7-3", NC_("GAD-7", "Worrying too much about different things"), GAD7_OPTIONS },
  { "GAD-7", "gad7-4", NC_("GAD-7", "Trouble relaxing"), GAD7_OPTIONS },
  { "GAD-7", "gad7-5", NC_("GAD-7", "Being so restless that it is hard to sit still"), GAD7_OPTIONS },
  { "GAD-7", "gad7-6", NC_("GAD-7", "Becoming easily annoyed or irritable"), GAD7_OPTIONS },
  { "GAD-7", "gad7-7", NC_("GAD-7", "Feeling afraid as if something awful might happen"), GAD7_OPTIONS },
};

static const ScaleForm forms[HZ_N_SCALES] = {
  [HZ_SCALE_EPDS] = { "EPDS", NC_("EPDS", "Edinburgh Postnatal Depression Scale"),
                      NC_("EPDS", "Please choose the answer that comes closest to how you have felt "
                                  "in the past 7 days, not just how you feel today."),
                      epds_items, G_N_ELEMENTS (epds_items) },
  [HZ_SCALE_PHQ9] = { "PHQ-9", NC_("PHQ-9", "Patient Health Questionnaire"),
                      NC_("PHQ-9", "Over the last 2 weeks, how often have you been bothered by any "
                                   "of the following problems?"),
                      phq9_items, G_N_ELEMENTS (phq9_items) },
  [HZ_SCALE_GAD7] = { "GAD-7", NC_("GAD-7", "Generalized Anxiety Disorder Scale"),
                      NC_("GAD-7", "Over the last 2 weeks, how often have you been bothered by the "
                                   "following problems?"),
                      gad7_items, G_N_ELEMENTS (gad7_items) },
};

#define SCALE_IS_VALID(scale) ((guint) (scale) < HZ_N_SCALES)

static const char *
translate (const char *context,
           const char *msgid)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, context, msgid);
}

static const ScaleItem *
get_item (HzScale scale,
          guint   item)
{
  g_return_val_if_fail (SCALE_IS_VALID (scale), NULL);
  /* the forms' items and the scoring table's agree (test-calc checks it) */
  g_assert (forms[scale].n_items == hz_scale_get_n_items (scale));

  if (item < 1 || item > forms[scale].n_items)
    return NULL;
  return &forms[scale].items[item - 1];
}

const char *
hz_scale_get_title (HzScale scale)
{
  g_return_val_if_fail (SCALE_IS_VALID (scale), NULL);

  return translate (forms[scale].context, forms[scale].title);
}

const char *
hz_scale_get_instructions (HzScale scale)
{
  g_return_val_if_fail (SCALE_IS_VALID (scale), NULL);

  return translate (forms[scale].context, forms[scale].instructions);
}

const char *
hz_scale_get_item_text (HzScale scale,
                        guint   item)
{
  const ScaleItem *entry = get_item (scale, item);

  return entry != NULL ? translate (entry->context, entry->text) : NULL;
}

const char *
hz_scale_get_option_text (HzScale scale,
                          guint   item,
                          guint   position)
{
  const ScaleItem *entry = get_item (scale, item);

  if (entry == NULL || position >= HZ_SCALE_N_OPTIONS)
    return NULL;
  return translate (entry->context, entry->options[position]);
}

const char *
hz_scale_get_link_id (HzScale scale,
                      guint   item)
{
  const ScaleItem *entry = get_item (scale, item);

  return entry != NULL ? entry->link_id : NULL;
}
