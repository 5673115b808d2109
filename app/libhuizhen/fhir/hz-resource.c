/* hz-resource.c — one FHIR resource of a case, as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-fhir"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-fhir-private.h"
#include "hz-resource-private.h"

struct _HzResource
{
  GObject     parent_instance;

  HzJsonDoc  *doc;
  HzJv       *value;          /* inside doc */
  const char *resource_type;  /* inside doc */
  const char *id;             /* inside doc */
  const char *loinc_code;     /* inside doc */
  char       *reference;
  GDateTime  *date;
  char       *title;
};

G_DEFINE_FINAL_TYPE (HzResource, hz_resource, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RESOURCE_TYPE,
  PROP_ID,
  PROP_REFERENCE,
  PROP_DATE,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
make_title (const HzJv *value,
            const char *resource_type)
{
  static const char * const concept_members[] = {
    "code", "type", "category", "serviceType", "reasonCode", NULL
  };
  const char *text;
  HzJv *name;

  text = hz_fhir_jv_get_concept_text (value, "code");
  if (text != NULL)
    return g_strdup (text);

  /* Patient.name[0] (HumanName), CareTeam.name (string) */
  name = hz_jv_get (value, "name");
  if (name != NULL && hz_jv_get_value_type (name) == HZ_JV_ARRAY)
    {
      char *human = hz_fhir_jv_dup_human_name (value);

      if (human != NULL)
        return human;
    }
  else if ((text = hz_jv_get_str (name)) != NULL && *text != '\0')
    return g_strdup (text);

  for (guint i = 0; i < 2; i++)
    {
      const char *member = i == 0 ? "description" : "title";

      text = hz_jv_get_string (value, member);
      if (text != NULL && *text != '\0')
        return g_strdup (text);
    }

  for (guint i = 1; concept_members[i] != NULL; i++)
    {
      text = hz_fhir_jv_get_concept_text (value, concept_members[i]);
      if (text != NULL)
        return g_strdup (text);
    }

  return g_strdup (resource_type != NULL ? resource_type : _("Resource"));
}

static void
hz_resource_finalize (GObject *object)
{
  HzResource *self = (HzResource *)object;

  g_clear_pointer (&self->doc, hz_json_doc_unref);
  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (hz_resource_parent_class)->finalize (object);
}

static void
hz_resource_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HzResource *self = HZ_RESOURCE (object);

  switch (prop_id)
    {
    case PROP_RESOURCE_TYPE:
      g_value_set_string (value, self->resource_type);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_resource_class_init (HzResourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hz_resource_finalize;
  object_class->get_property = hz_resource_get_property;

  properties[PROP_RESOURCE_TYPE] =
    g_param_spec_string ("resource-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hz_resource_init (HzResource *self)
{
}

/*
 * hz_resource_new_for_value:
 * @doc: the document holding @value (a reference is taken)
 * @value: a resource object inside @doc, never changed afterwards
 *
 * What HzCase builds, in its loading thread: the fields lists and
 * views read all the time are read here once; a json-glib copy is
 * only built if somebody asks for it.
 */
HzResource *
hz_resource_new_for_value (HzJsonDoc *doc,
                           HzJv      *value)
{
  HzResource *self;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (value != NULL && value->type == HZ_JV_OBJECT, NULL);

  self = g_object_new (HZ_TYPE_RESOURCE, NULL);
  self->doc = hz_json_doc_ref (doc);
  self->value = value;
  self->resource_type = hz_jv_get_string (value, "resourceType");
  self->id = hz_jv_get_string (value, "id");
  self->reference = g_strconcat (self->resource_type ? self->resource_type : "", "/",
                                 self->id ? self->id : "", NULL);
  /* as shown: in the hospital's zone when one is set (hz-fhir-time.h) */
  self->date = hz_fhir_parse_display_datetime (hz_fhir_jv_get_resource_date (value));
  self->title = make_title (value, self->resource_type);
  /* hz_case_find_observations() filters every Observation by it */
  if (g_strcmp0 (self->resource_type, "Observation") == 0)
    self->loinc_code = hz_fhir_jv_get_concept_code (value, "code", HZ_SYSTEM_LOINC);

  return self;
}

/**
 * hz_resource_new:
 * @object: a FHIR resource
 *
 * Wraps a copy of @object. The resource is immutable: write changes
 * through hz_store_put().
 *
 * Returns: (transfer full): a new #HzResource
 */
HzResource *
hz_resource_new (JsonObject *object)
{
  g_autoptr(HzJsonDoc) doc = NULL;
  char *text;

  g_return_val_if_fail (object != NULL, NULL);

  text = hz_json_object_to_string (object);
  /* json-glib wrote it: it parses */
  doc = hz_json_doc_parse (text, strlen (text), NULL);
  g_return_val_if_fail (doc != NULL && hz_json_doc_get_root (doc) != NULL, NULL);

  return hz_resource_new_for_value (doc, hz_json_doc_get_root (doc));
}

/**
 * hz_resource_new_from_data:
 * @data: the JSON text of one resource
 * @length: its length in bytes, or -1 if NUL-terminated
 *
 * Parses @data with the store's parser: numbers keep their digits, a
 * member given twice is refused.
 *
 * Returns: (transfer full) (nullable): a new #HzResource, or %NULL with a
 *   JSON_PARSER_ERROR naming what is wrong
 */
HzResource *
hz_resource_new_from_data (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(HzJsonDoc) doc = NULL;
  HzJv *root;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);

  doc = hz_json_doc_parse (g_strndup (data, length), length, error);
  if (doc == NULL)
    return NULL;

  root = hz_json_doc_get_root (doc);
  if (root == NULL || root->type != HZ_JV_OBJECT)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("A resource must be a JSON object"));
      return NULL;
    }

  return hz_resource_new_for_value (doc, root);
}

/**
 * hz_resource_get_loinc_code:
 *
 * Returns: (nullable) (transfer none): an Observation's LOINC code (its
 *   `code`), %NULL for other resources
 */
const char *
hz_resource_get_loinc_code (HzResource *self)
{
  g_return_val_if_fail (HZ_IS_RESOURCE (self), NULL);

  return self->loinc_code;
}

const char *
hz_resource_get_resource_type (HzResource *self)
{
  g_return_val_if_fail (HZ_IS_RESOURCE (self), NULL);

  return self->resource_type;
}

const char *
hz_resource_get_id (HzResource *self)
{
  g_return_val_if_fail (HZ_IS_RESOURCE (self), NULL);

  return self->id;
}

const char *
hz_resource_get_reference (HzResource *self)
{
  g_return_val_if_fail (HZ_IS_RESOURCE (self), NULL);

  return self->reference;
}

/**
 * hz_resource_get_value:
 *
 * The resource's JSON as a read-only tree (see hz-json-value.h): the
 * cheap way to read many resources.
 *
 * Returns: (transfer none): the resource object
 */
const HzJv *
hz_resource_get_value (HzResource *self)
{
  g_return_val_if_fail (HZ_IS_RESOURCE (self), NULL);

  return self->value;
}

/**
 * hz_resource_dup_json:
 *
 * A json-glib copy of the resource, to change and write back through
 * hz_store_put(). Read resources with hz_resource_get_value() and the
 * hz_fhir_jv_*() readers instead.
 *
 * Returns: (transfer full): a new object
 */
JsonObject *
hz_resource_dup_json (HzResource *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (HZ_IS_RESOURCE (self), NULL);

  node = hz_jv_to_json_node (self->value);
  return json_object_ref (json_node_get_object (node));
}

/**
 * hz_resource_get_date:
 *
 * Returns: (transfer none) (nullable): the clinically meaningful date
 */
GDateTime *
hz_resource_get_date (HzResource *self)
{
  g_return_val_if_fail (HZ_IS_RESOURCE (self), NULL);

  return self->date;
}

gboolean
hz_resource_get_day (HzResource *self,
                     GDate      *day)
{
  int y, m, d;

  g_return_val_if_fail (HZ_IS_RESOURCE (self), FALSE);
  g_return_val_if_fail (day != NULL, FALSE);

  g_date_clear (day, 1);
  if (self->date == NULL)
    return FALSE;

  g_date_time_get_ymd (self->date, &y, &m, &d);
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (day, d, m, y);
  return TRUE;
}

const char *
hz_resource_get_title (HzResource *self)
{
  g_return_val_if_fail (HZ_IS_RESOURCE (self), NULL);

  return self->title;
}

char *
hz_resource_to_string (HzResource *self)
{
  g_return_val_if_fail (HZ_IS_RESOURCE (self), NULL);

  return hz_jv_to_string (self->value);
}
