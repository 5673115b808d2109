/* hz-glucose-day.c — one day of the glucose log: a reading per slot (fasting, 1 h and 2 h after each meal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-nutrition"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-glucose-day.h"

struct _HzGlucoseDay
{
  GObject        parent_instance;

  GDate          day;
  char          *label;
  HzGlucoseCell  cells[HZ_GLUCOSE_LOG_N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (HzGlucoseDay, hz_glucose_day, G_TYPE_OBJECT)

gboolean
hz_glucose_log_column (HzGlucoseSlot  slot,
                       HzMeal         meal,
                       guint         *column)
{
  if (slot == HZ_GLUCOSE_SLOT_FASTING)
    {
      *column = 0;
      return meal == HZ_MEAL_NONE;
    }
  if (meal == HZ_MEAL_NONE || (guint) meal >= HZ_N_MEALS || (guint) slot >= HZ_N_GLUCOSE_SLOTS)
    return FALSE;
  /* breakfast 1 h = 1, breakfast 2 h = 2, lunch 1 h = 3 ... */
  *column = 1 + (meal - HZ_MEAL_BREAKFAST) * 2 + (slot == HZ_GLUCOSE_SLOT_2H ? 1 : 0);
  return TRUE;
}

void
hz_glucose_log_column_slot (guint          column,
                            HzGlucoseSlot *slot,
                            HzMeal        *meal)
{
  g_return_if_fail (column < HZ_GLUCOSE_LOG_N_COLUMNS);

  if (column == 0)
    {
      *slot = HZ_GLUCOSE_SLOT_FASTING;
      *meal = HZ_MEAL_NONE;
      return;
    }
  *meal = HZ_MEAL_BREAKFAST + (column - 1) / 2;
  *slot = (column - 1) % 2 == 0 ? HZ_GLUCOSE_SLOT_1H : HZ_GLUCOSE_SLOT_2H;
}

char *
hz_glucose_log_column_title (guint column)
{
  HzGlucoseSlot slot;
  HzMeal meal;

  hz_glucose_log_column_slot (column, &slot, &meal);
  return g_strdup (hz_glucose_slot_get_meal_display_name (slot, meal));
}

static void
hz_glucose_day_finalize (GObject *object)
{
  HzGlucoseDay *self = (HzGlucoseDay *)object;

  g_free (self->label);
  for (guint i = 0; i < HZ_GLUCOSE_LOG_N_COLUMNS; i++)
    {
      g_free (self->cells[i].reference);
      g_free (self->cells[i].text);
    }

  G_OBJECT_CLASS (hz_glucose_day_parent_class)->finalize (object);
}

static void
hz_glucose_day_class_init (HzGlucoseDayClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hz_glucose_day_finalize;
}

static void
hz_glucose_day_init (HzGlucoseDay *self)
{
}

HzGlucoseDay *
hz_glucose_day_new (const GDate *day)
{
  HzGlucoseDay *self;

  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  self = g_object_new (HZ_TYPE_GLUCOSE_DAY, NULL);
  self->day = *day;
  self->label = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (day),
                                 g_date_get_month (day), g_date_get_day (day));
  return self;
}

guint32
hz_glucose_day_get_julian (HzGlucoseDay *self)
{
  g_return_val_if_fail (HZ_IS_GLUCOSE_DAY (self), 0);

  return g_date_get_julian (&self->day);
}

const char *
hz_glucose_day_get_label (HzGlucoseDay *self)
{
  g_return_val_if_fail (HZ_IS_GLUCOSE_DAY (self), NULL);

  return self->label;
}

void
hz_glucose_day_add (HzGlucoseDay           *self,
                    const HzGlucoseReading *reading,
                    const char             *time,
                    const char             *reference)
{
  HzGlucoseCell *cell;
  g_autofree char *criterion = NULL;
  g_autofree char *line = NULL;
  char value[G_ASCII_DTOSTR_BUF_SIZE];
  guint column;

  g_return_if_fail (HZ_IS_GLUCOSE_DAY (self));
  g_return_if_fail (reading != NULL);

  if (!hz_glucose_log_column (reading->slot, reading->meal, &column))
    return;

  cell = &self->cells[column];
  cell->has_value = TRUE;
  cell->mmol_l = reading->mmol_l;
  cell->n_readings++;
  g_free (cell->reference);
  cell->reference = g_strdup (reference);
  hz_glucose_reading_judge (reading, &cell->result);

  g_ascii_formatd (value, sizeof value, "%.1f", reading->mmol_l);
  if (cell->result.threshold != HZ_THRESHOLD_NONE)
    {
      criterion = hz_threshold_format (cell->result.threshold);
      /* Translators: a reading of the glucose log above its target: the
       * time, the value, the reading, the threshold met and its source:
       * "12:40 6.7 mmol/L · 高于控制目标：餐后2小时血糖 ≥ 6.7 mmol/L · 依据：…" */
      line = g_strdup_printf (_("%s %s mmol/L · %s: %s · Source: %s"), time != NULL ? time : "",
                              value, cell->result.label, criterion, cell->result.source);
    }
  else
    {
      g_autofree char *target = hz_threshold_format_value (hz_glucose_slot_get_target (reading->slot));

      /* Translators: a reading of the glucose log on target: the time,
       * the value and the target: "07:10 5.1 mmol/L · 达标（目标 < 5.3）" */
      line = g_strdup_printf (_("%s %s mmol/L · on target (target < %s)"), time != NULL ? time : "",
                              value, target);
    }

  if (cell->text == NULL)
    cell->text = g_steal_pointer (&line);
  else
    {
      char *joined = g_strdup_printf ("%s\n%s", cell->text, line);

      g_free (cell->text);
      cell->text = joined;
    }
}

const HzGlucoseCell *
hz_glucose_day_get_cell (HzGlucoseDay *self,
                         guint         column)
{
  g_return_val_if_fail (HZ_IS_GLUCOSE_DAY (self), NULL);
  g_return_val_if_fail (column < HZ_GLUCOSE_LOG_N_COLUMNS, NULL);

  return &self->cells[column];
}

guint
hz_glucose_day_count_flagged (HzGlucoseDay *self)
{
  guint n = 0;

  g_return_val_if_fail (HZ_IS_GLUCOSE_DAY (self), 0);

  for (guint i = 0; i < HZ_GLUCOSE_LOG_N_COLUMNS; i++)
    if (self->cells[i].has_value && self->cells[i].result.threshold != HZ_THRESHOLD_NONE)
      n++;
  return n;
}

gboolean
hz_glucose_day_equal (HzGlucoseDay *a,
                      HzGlucoseDay *b)
{
  g_return_val_if_fail (HZ_IS_GLUCOSE_DAY (a) && HZ_IS_GLUCOSE_DAY (b), FALSE);

  if (g_date_compare (&a->day, &b->day) != 0)
    return FALSE;
  for (guint i = 0; i < HZ_GLUCOSE_LOG_N_COLUMNS; i++)
    if (a->cells[i].has_value != b->cells[i].has_value ||
        g_strcmp0 (a->cells[i].text, b->cells[i].text) != 0 ||
        g_strcmp0 (a->cells[i].reference, b->cells[i].reference) != 0)
      return FALSE;
  return TRUE;
}
