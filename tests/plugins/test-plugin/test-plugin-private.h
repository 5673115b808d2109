/* test-plugin-private.h — the types of the test plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpeas/peas.h>
#include <huizhen.h>

G_BEGIN_DECLS

#define TEST_TYPE_TIMELINE_SOURCE (test_timeline_source_get_type ())
G_DECLARE_FINAL_TYPE (TestTimelineSource, test_timeline_source, TEST, TIMELINE_SOURCE, GObject)

#define TEST_TYPE_EXPORTER (test_exporter_get_type ())
G_DECLARE_FINAL_TYPE (TestExporter, test_exporter, TEST, EXPORTER, GObject)

void _test_timeline_source_register_types (PeasObjectModule *module);
void _test_exporter_register_types        (PeasObjectModule *module);

G_MODULE_EXPORT void peas_register_types  (PeasObjectModule *module);

G_END_DECLS
