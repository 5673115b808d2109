/* huizhen.h — the public API of libhuizhen, for the shell, the CLI and plugins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define HUIZHEN_INSIDE
# include "hz-version.h"
# include "hz-actor.h"
# include "hz-json-value.h"
# include "hz-fhir.h"
# include "hz-fhir-time.h"
# include "hz-fhir-codes.h"
# include "hz-parallel.h"
# include "hz-resource.h"
# include "hz-store.h"
# include "hz-demo.h"
# include "hz-risk.h"
# include "hz-case-summary.h"
# include "hz-case-list-model.h"
# include "hz-case.h"
# include "hz-registry.h"
# include "hz-registry-model.h"
# include "hz-risk-factors.h"
# include "hz-ga.h"
# include "hz-schedule.h"
# include "hz-thresholds.h"
# include "hz-calc.h"
# include "hz-trend.h"
# include "hz-document.h"
# include "hz-form.h"
# include "hz-form-checks.h"
# include "hz-referral.h"
# include "hz-i18n.h"
# include "hz-timeline-event.h"
# include "hz-timeline-source.h"
# include "hz-exporter.h"
# include "hz-syncable.h"
# include "hz-plugin-engine.h"
# include "hz-settings.h"
#undef HUIZHEN_INSIDE
