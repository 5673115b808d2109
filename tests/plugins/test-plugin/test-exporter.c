/* test-exporter.c — an exporter that lists a case's resources, for the tests
 *
 * With "fail" set it writes a first line and then fails, so the tests can
 * check that hz_exporter_export_to_file_async() leaves the target alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-test-plugin"

#include "config.h"

#include "test-plugin-private.h"

struct _TestExporter
{
  GObject  parent_instance;

  gboolean fail;
};

enum {
  PROP_0,
  PROP_FAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void exporter_iface_init (HzExporterInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TestExporter, test_exporter, G_TYPE_OBJECT, G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (HZ_TYPE_EXPORTER, exporter_iface_init))

static const char *
test_exporter_get_title (HzExporter *exporter)
{
  return "Resource list (test)";
}

static const char *
test_exporter_get_content_type (HzExporter *exporter)
{
  return "text/plain";
}

static const char *
test_exporter_get_file_extension (HzExporter *exporter)
{
  return "txt";
}

static gboolean
test_exporter_export (HzExporter    *exporter,
                      HzCase        *kase,
                      GOutputStream *stream,
                      GCancellable  *cancellable,
                      GError       **error)
{
  TestExporter *self = TEST_EXPORTER (exporter);
  g_autoptr(JsonNode) bundle = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *entries;

  g_string_append_printf (text, "case %s\n", hz_case_get_id (kase));
  if (!g_output_stream_write_all (stream, text->str, text->len, NULL, cancellable, error))
    return FALSE;

  if (self->fail)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "The test exporter failed on purpose");
      return FALSE;
    }

  {
    g_autofree char *data = hz_store_export_case_to_data (hz_case_get_store (kase),
                                                          hz_case_get_id (kase),
                                                          hz_exporter_stream_get_destination (stream),
                                                          NULL, error);

    if (data == NULL || (bundle = json_from_string (data, error)) == NULL)
      return FALSE;
  }

  g_string_truncate (text, 0);
  entries = json_object_get_array_member (json_node_get_object (bundle), "entry");
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      JsonObject *resource = json_object_get_object_member (entry, "resource");

      g_string_append_printf (text, "%s/%s\n",
                              json_object_get_string_member (resource, "resourceType"),
                              json_object_get_string_member (resource, "id"));
    }

  return g_output_stream_write_all (stream, text->str, text->len, NULL, cancellable, error);
}

static void
exporter_iface_init (HzExporterInterface *iface)
{
  iface->get_title = test_exporter_get_title;
  iface->get_content_type = test_exporter_get_content_type;
  iface->get_file_extension = test_exporter_get_file_extension;
  iface->export = test_exporter_export;
}

static void
test_exporter_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TestExporter *self = TEST_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_FAIL:
      g_value_set_boolean (value, self->fail);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_exporter_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TestExporter *self = TEST_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_FAIL:
      self->fail = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_exporter_class_init (TestExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_exporter_get_property;
  object_class->set_property = test_exporter_set_property;

  properties[PROP_FAIL] =
    g_param_spec_boolean ("fail", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
test_exporter_class_finalize (TestExporterClass *klass)
{
}

static void
test_exporter_init (TestExporter *self)
{
}

void
_test_exporter_register_types (PeasObjectModule *module)
{
  test_exporter_register_type (G_TYPE_MODULE (module));
}
