/* hz-guidelines-private.h — the guidelines the clinical rules of libhuizhen cite
 *
 * Each is a msgid (translate with g_dgettext (GETTEXT_PACKAGE, ...)); the
 * zh_CN translation names the document as clinical-reference.md does. The
 * due-item rules (hz-schedule.c) and the thresholds (hz-thresholds.c) cite
 * them from here, so that one guideline is written one way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n-lib.h>

G_BEGIN_DECLS

#define HZ_GUIDELINE_PRENATAL_CARE \
  N_("Guideline for preconception and prenatal care (Chinese Society of Obstetrics and Gynecology, 2018)")
#define HZ_GUIDELINE_PERINATAL_DEPRESSION \
  N_("Expert consensus on screening, diagnosis and treatment of perinatal depression (2021)")
#define HZ_GUIDELINE_MATERNAL_CARE \
  N_("Maternal health care work specification (National Health Commission, 2011)")
#define HZ_GUIDELINE_ANAEMIA \
  N_("Guideline for iron deficiency and iron deficiency anaemia in pregnancy (2014)")
#define HZ_GUIDELINE_HYPERTENSION \
  N_("Guideline for hypertensive disorders of pregnancy (2020)")
#define HZ_GUIDELINE_HYPERGLYCAEMIA \
  N_("Guideline for hyperglycaemia in pregnancy (2022)")
#define HZ_GUIDELINE_WEIGHT_GAIN \
  N_("Standard of recommendation for weight gain during pregnancy (WS/T 801-2022)")
#define HZ_GUIDELINE_RISK_GRADING \
  N_("Pregnancy risk assessment and management, five-colour grading (National Health Commission, 2017 No. 35)")
#define HZ_GUIDELINE_RECURRENT_LOSS \
  N_("Expert consensus on diagnosis and treatment of recurrent spontaneous abortion (2022)")
#define HZ_GUIDELINE_ART_DATING \
  N_("ACOG Committee Opinion No. 700: methods for estimating the due date (2017)")

G_END_DECLS
