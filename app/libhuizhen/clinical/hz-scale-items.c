/* hz-scale-items.c — the wording of EPDS, PHQ-9 and GAD-7, as the forms print it
 *
 * The one place the items and their answers are written: the English
 * originals are the msgids, the standard Chinese versions (爱丁堡产后抑郁量表
 * 中文版, 患者健康问卷 PHQ-9 中文版, 广泛性焦虑量表 GAD-7 中文版) their zh_CN
 * translations. Each scale is a translation context of its own, so that an
 * answer worded alike in two forms ("Not at all": EPDS 完全不能, PHQ-9
 * 完全不会) keeps each form's Chinese.
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
  { "epds-1", NC_("EPDS", "I have been able to laugh and see the funny side of things"),
    { NC_("EPDS", "As much as I always could"), NC_("EPDS", "Not quite so much now"),
      NC_("EPDS", "Definitely not so much now"), NC_("EPDS", "Not at all") } },
  { "epds-2", NC_("EPDS", "I have looked forward with enjoyment to things"),
    { NC_("EPDS", "As much as I ever did"), NC_("EPDS", "Rather less than I used to"),
      NC_("EPDS", "Definitely less than I used to"), NC_("EPDS", "Hardly at all") } },
  { "epds-3", NC_("EPDS", "I have blamed myself unnecessarily when things went wrong"),
    { NC_("EPDS", "Yes, most of the time"), NC_("EPDS", "Yes, some of the time"),
      NC_("EPDS", "Not very often"), NC_("EPDS", "No, never") } },
  { "epds-4", NC_("EPDS", "I have been anxious or worried for no good reason"),
    { NC_("EPDS", "No, not at all"), NC_("EPDS", "Hardly ever"),
      NC_("EPDS", "Yes, sometimes"), NC_("EPDS", "Yes, very often") } },
  { "epds-5", NC_("EPDS", "I have felt scared or panicky for no very good reason"),
    { NC_("EPDS", "Yes, quite a lot"), NC_("EPDS", "Yes, sometimes"),
      NC_("EPDS", "No, not much"), NC_("EPDS", "No, not at all") } },
  { "epds-6", NC_("EPDS", "Things have been getting on top of me"),
    { NC_("EPDS", "Yes, most of the time I haven’t been able to cope at all"),
      NC_("EPDS", "Yes, sometimes I haven’t been coping as well as usual"),
      NC_("EPDS", "No, most of the time I have coped quite well"),
      NC_("EPDS", "No, I have been coping as well as ever") } },
  { "epds-7", NC_("EPDS", "I have been so unhappy that I have had difficulty sleeping"),
    { NC_("EPDS", "Yes, most of the time"), NC_("EPDS", "Yes, sometimes"),
      NC_("EPDS", "Not very often"), NC_("EPDS", "No, not at all") } },
  { "epds-8", NC_("EPDS", "I have felt sad or miserable"),
    { NC_("EPDS", "Yes, most of the time"), NC_("EPDS", "Yes, quite often"),
      NC_("EPDS", "Not very often"), NC_("EPDS", "No, not at all") } },
  { "epds-9", NC_("EPDS", "I have been so unhappy that I have been crying"),
    { NC_("EPDS", "Yes, most of the time"), NC_("EPDS", "Yes, quite often"),
      NC_("EPDS", "Only occasionally"), NC_("EPDS", "No, never") } },
  { "epds-10", NC_("EPDS", "The thought of harming myself has occurred to me"),
    { NC_("EPDS", "Yes, quite often"), NC_("EPDS", "Sometimes"),
      NC_("EPDS", "Hardly ever"), NC_("EPDS", "Never") } },
};

/* PHQ-9 and GAD-7 print the same four answers under every item */
#define PHQ_OPTIONS(ctx) \
  { NC_(ctx, "Not at all"), NC_(ctx, "Several days"), \
    NC_(ctx, "More than half the days"), NC_(ctx, "Nearly every day") }

static const ScaleItem phq9_items[] = {
  { "phq9-1", NC_("PHQ-9", "Little interest or pleasure in doing things"), PHQ_OPTIONS ("PHQ-9") },
  { "phq9-2", NC_("PHQ-9", "Feeling down, depressed, or hopeless"), PHQ_OPTIONS ("PHQ-9") },
  { "phq9-3", NC_("PHQ-9", "Trouble falling or staying asleep, or sleeping too much"), PHQ_OPTIONS ("PHQ-9") },
  { "phq9-4", NC_("PHQ-9", "Feeling tired or having little energy"), PHQ_OPTIONS ("PHQ-9") },
  { "phq9-5", NC_("PHQ-9", "Poor appetite or overeating"), PHQ_OPTIONS ("PHQ-9") },
  { "phq9-6", NC_("PHQ-9", "Feeling bad about yourself — or that you are a failure or have let "
                           "yourself or your family down"), PHQ_OPTIONS ("PHQ-9") },
  { "phq9-7", NC_("PHQ-9", "Trouble concentrating on things, such as reading the newspaper or "
                           "watching television"), PHQ_OPTIONS ("PHQ-9") },
  { "phq9-8", NC_("PHQ-9", "Moving or speaking so slowly that other people could have noticed? Or "
                           "the opposite — being so fidgety or restless that you have been moving "
                           "around a lot more than usual"), PHQ_OPTIONS ("PHQ-9") },
  { "phq9-9", NC_("PHQ-9", "Thoughts that you would be better off dead or of hurting yourself in "
                           "some way"), PHQ_OPTIONS ("PHQ-9") },
};

static const ScaleItem gad7_items[] = {
  { "gad7-1", NC_("GAD-7", "Feeling nervous, anxious or on edge"), PHQ_OPTIONS ("GAD-7") },
  { "gad7-2", NC_("GAD-7", "Not being able to stop or control worrying"), PHQ_OPTIONS ("GAD-7") },
  { "gad7-3", NC_("GAD-7", "Worrying too much about different things"), PHQ_OPTIONS ("GAD-7") },
  { "gad7-4", NC_("GAD-7", "Trouble relaxing"), PHQ_OPTIONS ("GAD-7") },
  { "gad7-5", NC_("GAD-7", "Being so restless that it is hard to sit still"), PHQ_OPTIONS ("GAD-7") },
  { "gad7-6", NC_("GAD-7", "Becoming easily annoyed or irritable"), PHQ_OPTIONS ("GAD-7") },
  { "gad7-7", NC_("GAD-7", "Feeling afraid as if something awful might happen"), PHQ_OPTIONS ("GAD-7") },
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
translate (HzScale     scale,
           const char *msgid)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, forms[scale].context, msgid);
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

  return translate (scale, forms[scale].title);
}

const char *
hz_scale_get_instructions (HzScale scale)
{
  g_return_val_if_fail (SCALE_IS_VALID (scale), NULL);

  return translate (scale, forms[scale].instructions);
}

const char *
hz_scale_get_item_text (HzScale scale,
                        guint   item)
{
  const ScaleItem *entry = get_item (scale, item);

  return entry != NULL ? translate (scale, entry->text) : NULL;
}

const char *
hz_scale_get_option_text (HzScale scale,
                          guint   item,
                          guint   position)
{
  const ScaleItem *entry = get_item (scale, item);

  if (entry == NULL || position >= HZ_SCALE_N_OPTIONS)
    return NULL;
  return translate (scale, entry->options[position]);
}

const char *
hz_scale_get_link_id (HzScale scale,
                      guint   item)
{
  const ScaleItem *entry = get_item (scale, item);

  return entry != NULL ? entry->link_id : NULL;
}
