/* hz-form.c — a Questionnaire as a form: loading and its items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-forms"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"

struct _HzForm
{
  GObject     parent_instance;

  HzResource *resource;     /* keeps the parsed tree alive */
  char       *id;
  char       *url;
  char       *version;
  char       *title;
  char       *title_en;
  char       *category;
  char       *language;
  GPtrArray  *items;        /* HzFormItem, top level */
  GPtrArray  *all_items;    /* every item, depth first */
  GHashTable *by_link_id;
};

G_DEFINE_FINAL_TYPE (HzForm, hz_form, G_TYPE_OBJECT)

G_DEFINE_QUARK (hz-form-error-quark, hz_form_error)

static gboolean
ui_is_chinese (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "zh");
}

const char *
hz_form_item_get_text (const HzFormItem *item)
{
  if (!ui_is_chinese () && item->text_en != NULL)
    return item->text_en;
  return item->text != NULL ? item->text : item->link_id;
}

const char *
hz_form_option_get_display (const HzFormOption *option)
{
  if (!ui_is_chinese () && option->display_en != NULL)
    return option->display_en;
  return option->display != NULL ? option->display : option->code;
}

const HzFormOption *
hz_form_item_find_option (const HzFormItem *item,
                          const char       *code)
{
  for (guint i = 0; code != NULL && i < item->options->len; i++)
    {
      const HzFormOption *option = g_ptr_array_index (item->options, i);

      if (g_strcmp0 (option->code, code) == 0)
        return option;
    }
  return NULL;
}

static void
option_free (HzFormOption *option)
{
  g_free (option->code);
  g_free (option->display);
  g_free (option->display_en);
  g_free (option);
}

static void
condition_free (HzFormCondition *condition)
{
  g_free (condition->question);
  g_free (condition->op);
  g_free (condition->answer);
  g_free (condition);
}

static void
item_free (HzFormItem *item)
{
  g_free (item->link_id);
  g_free (item->text);
  g_free (item->text_en);
  g_free (item->prefill);
  g_free (item->reference_type);
  g_ptr_array_unref (item->options);
  g_ptr_array_unref (item->enable_when);
  g_ptr_array_unref (item->items);
  g_free (item);
}

static void
hz_form_finalize (GObject *object)
{
  HzForm *self = HZ_FORM (object);

  g_clear_pointer (&self->by_link_id, g_hash_table_unref);
  g_clear_pointer (&self->all_items, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->resource);
  g_free (self->id);
  g_free (self->url);
  g_free (self->version);
  g_free (self->title);
  g_free (self->title_en);
  g_free (self->category);
  g_free (self->language);

  G_OBJECT_CLASS (hz_form_parent_class)->finalize (object);
}

static void
hz_form_class_init (HzFormClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hz_form_finalize;
}

static void
hz_form_init (HzForm *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->all_items = g_ptr_array_new ();
  self->by_link_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/* The English of a primitive @member of @object: its `_member` element's
 * translation extension with lang "en". */
static const char *
get_translation (const HzJv *object,
                 const char *member)
{
  g_autofree char *underscore = g_strconcat ("_", member, NULL);
  HzJv *extensions = hz_jv_get_array (hz_jv_get_object (object, underscore), "extension");

  for (HzJv *ext = hz_jv_get_first (extensions); ext != NULL; ext = hz_jv_get_next (ext))
    {
      const char *lang = NULL;
      const char *content = NULL;

      if (g_strcmp0 (hz_jv_get_string (ext, "url"), HZ_FORM_EXT_TRANSLATION) != 0)
        continue;
      for (HzJv *part = hz_jv_get_first (hz_jv_get_array (ext, "extension")); part != NULL;
           part = hz_jv_get_next (part))
        {
          if (g_strcmp0 (hz_jv_get_string (part, "url"), "lang") == 0)
            lang = hz_jv_get_string (part, "valueCode");
          else if (g_strcmp0 (hz_jv_get_string (part, "url"), "content") == 0)
            content = hz_jv_get_string (part, "valueString");
        }
      if (lang != NULL && g_str_has_prefix (lang, "en"))
        return content;
    }
  return NULL;
}

/* The extension @url of @object */
static HzJv *
get_extension (const HzJv *object,
               const char *url)
{
  for (HzJv *ext = hz_jv_get_first (hz_jv_get_array (object, "extension")); ext != NULL;
       ext = hz_jv_get_next (ext))
    if (g_strcmp0 (hz_jv_get_string (ext, "url"), url) == 0)
      return ext;
  return NULL;
}

static const struct
{
  const char     *name;
  HzFormItemType  type;
} item_types[] = {
  { "group", HZ_FORM_ITEM_GROUP },
  { "display", HZ_FORM_ITEM_DISPLAY },
  { "string", HZ_FORM_ITEM_STRING },
  { "text", HZ_FORM_ITEM_TEXT },
  { "date", HZ_FORM_ITEM_DATE },
  { "dateTime", HZ_FORM_ITEM_DATETIME },
  { "choice", HZ_FORM_ITEM_CHOICE },
  { "boolean", HZ_FORM_ITEM_BOOLEAN },
  { "integer", HZ_FORM_ITEM_INTEGER },
  { "decimal", HZ_FORM_ITEM_DECIMAL },
  { "reference", HZ_FORM_ITEM_REFERENCE },
};

/* A value[x] of an enableWhen answer or a min/max extension as text */
static char *
dup_value_text (const HzJv *object,
                const char *prefix)
{
  for (HzJv *member = hz_jv_get_first (object); member != NULL; member = hz_jv_get_next (member))
    {
      const char *key = hz_jv_get_key (member);
      gboolean b;

      if (!g_str_has_prefix (key, prefix))
        continue;
      if (hz_jv_get_value_type (member) == HZ_JV_STRING)
        return g_strdup (hz_jv_get_str (member));
      if (hz_jv_get_value_type (member) == HZ_JV_NUMBER)
        return hz_jv_to_string (member);
      if (hz_jv_get_boolean (member, &b))
        return g_strdup (b ? "true" : "false");
      if (hz_jv_get_value_type (member) == HZ_JV_OBJECT)
        {
          const char *code = hz_jv_get_string (member, "code");

          return g_strdup (code != NULL ? code : hz_jv_get_string (member, "reference"));
        }
    }
  return NULL;
}

static gboolean
read_items (HzForm      *self,
            const HzJv  *parent_value,
            HzFormItem  *parent,
            GPtrArray   *into,
            const char  *name,
            GError     **error)
{
  for (HzJv *value = hz_jv_get_first (hz_jv_get_array (parent_value, "item")); value != NULL;
       value = hz_jv_get_next (value))
    {
      HzFormItem *item = g_new0 (HzFormItem, 1);
      const char *type = hz_jv_get_string (value, "type");
      gboolean known = FALSE;
      HzJv *ext;
      double number;

      item->options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_free);
      item->enable_when = g_ptr_array_new_with_free_func ((GDestroyNotify) condition_free);
      item->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
      item->parent = parent;
      g_ptr_array_add (into, item);

      item->link_id = g_strdup (hz_jv_get_string (value, "linkId"));
      if (item->link_id == NULL || g_hash_table_contains (self->by_link_id, item->link_id))
        {
          g_set_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_DEFINITION,
                       item->link_id == NULL
                       ? _("%s: an item has no linkId")
                       : _("%s: the linkId “%s” is used twice"),
                       name, item->link_id);
          return FALSE;
        }
      g_hash_table_insert (self->by_link_id, item->link_id, item);
      g_ptr_array_add (self->all_items, item);

      for (guint i = 0; i < G_N_ELEMENTS (item_types); i++)
        if (g_strcmp0 (type, item_types[i].name) == 0)
          {
            item->type = item_types[i].type;
            known = TRUE;
          }
      if (!known)
        {
          g_set_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_DEFINITION,
                       _("%s: item “%s” has the type “%s”, which forms cannot show"),
                       name, item->link_id, type ? type : "");
          return FALSE;
        }

      item->text = g_strdup (hz_jv_get_string (value, "text"));
      item->text_en = g_strdup (get_translation (value, "text"));
      hz_jv_get_boolean (hz_jv_get (value, "required"), &item->required);
      hz_jv_get_boolean (hz_jv_get (value, "readOnly"), &item->read_only);
      if (hz_jv_get_double (hz_jv_get (value, "maxLength"), &number))
        item->max_length = (guint) number;
      item->enable_all = g_strcmp0 (hz_jv_get_string (value, "enableBehavior"), "all") == 0;

      if ((ext = get_extension (value, HZ_FORM_EXT_MIN_VALUE)) != NULL)
        {
          g_autofree char *text = dup_value_text (ext, "value");

          item->has_min = text != NULL && (item->min = g_ascii_strtod (text, NULL), TRUE);
        }
      if ((ext = get_extension (value, HZ_FORM_EXT_MAX_VALUE)) != NULL)
        {
          g_autofree char *text = dup_value_text (ext, "value");

          item->has_max = text != NULL && (item->max = g_ascii_strtod (text, NULL), TRUE);
        }
      if ((ext = get_extension (value, HZ_FORM_EXT_CHECK)) != NULL)
        {
          const char *check = hz_jv_get_string (ext, "valueCode");

          if (g_strcmp0 (check, "id-card") == 0)
            item->check = HZ_FORM_CHECK_ID_CARD;
          else if (g_strcmp0 (check, "phone") == 0)
            item->check = HZ_FORM_CHECK_PHONE;
          else if (g_strcmp0 (check, "not-future") == 0)
            item->check = HZ_FORM_CHECK_NOT_FUTURE;
          else
            {
              g_set_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_DEFINITION,
                           _("%s: item “%s” asks for the check “%s”, which Huizhen does not know"),
                           name, item->link_id, check ? check : "");
              return FALSE;
            }
        }
      if ((ext = get_extension (value, HZ_FORM_EXT_PREFILL)) != NULL)
        item->prefill = g_strdup (hz_jv_get_string (ext, "valueCode"));
      if ((ext = get_extension (value, HZ_FORM_EXT_REFERENCE_RESOURCE)) != NULL)
        item->reference_type = g_strdup (hz_jv_get_string (ext, "valueCode"));

      for (HzJv *option = hz_jv_get_first (hz_jv_get_array (value, "answerOption")); option != NULL;
           option = hz_jv_get_next (option))
        {
          HzJv *coding = hz_jv_get_object (option, "valueCoding");
          HzFormOption *o;

          if (coding == NULL)
            continue;
          o = g_new0 (HzFormOption, 1);
          o->code = g_strdup (hz_jv_get_string (coding, "code"));
          o->display = g_strdup (hz_jv_get_string (coding, "display"));
          o->display_en = g_strdup (get_translation (coding, "display"));
          g_ptr_array_add (item->options, o);
        }
      if (item->type == HZ_FORM_ITEM_CHOICE && item->options->len == 0)
        {
          g_set_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_DEFINITION,
                       _("%s: the choice item “%s” has no answerOption"), name, item->link_id);
          return FALSE;
        }

      for (HzJv *when = hz_jv_get_first (hz_jv_get_array (value, "enableWhen")); when != NULL;
           when = hz_jv_get_next (when))
        {
          HzFormCondition *c = g_new0 (HzFormCondition, 1);

          c->question = g_strdup (hz_jv_get_string (when, "question"));
          c->op = g_strdup (hz_jv_get_string (when, "operator"));
          c->answer = dup_value_text (when, "answer");
          g_ptr_array_add (item->enable_when, c);
        }

      if (!read_items (self, value, item, item->items, name, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * hz_form_new_from_data:
 * @data: the JSON text of a FHIR R4 Questionnaire
 * @length: its length, or -1 if NUL-terminated
 * @name: what to call it in errors (a file name)
 *
 * Returns: (transfer full): the form, or %NULL with a #GError
 */
HzForm *
hz_form_new_from_data (const char  *data,
                       gssize       length,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(HzForm) self = NULL;
  g_autoptr(GError) local_error = NULL;
  const HzJv *root;
  HzJv *ext;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (HZ_TYPE_FORM, NULL);
  self->resource = hz_resource_new_from_data (data, length, &local_error);
  if (self->resource == NULL)
    {
      g_set_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_DEFINITION,
                   _("“%s” is not valid JSON: %s"), name, local_error->message);
      return NULL;
    }
  root = hz_resource_get_value (self->resource);

  if (g_strcmp0 (hz_jv_get_string (root, "resourceType"), "Questionnaire") != 0 ||
      hz_jv_get_string (root, "id") == NULL || hz_jv_get_string (root, "url") == NULL)
    {
      g_set_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_DEFINITION,
                   _("“%s” is not a Questionnaire with an id and a url"), name);
      return NULL;
    }

  self->id = g_strdup (hz_jv_get_string (root, "id"));
  self->url = g_strdup (hz_jv_get_string (root, "url"));
  self->version = g_strdup (hz_jv_get_string (root, "version"));
  self->title = g_strdup (hz_jv_get_string (root, "title"));
  self->title_en = g_strdup (get_translation (root, "title"));
  self->language = g_strdup (hz_jv_get_string (root, "language"));
  if ((ext = get_extension (root, HZ_FORM_EXT_CATEGORY)) != NULL)
    self->category = g_strdup (hz_jv_get_string (ext, "valueCode"));

  if (!read_items (self, root, NULL, self->items, name, error))
    return NULL;

  /* every enableWhen names an item of the form */
  for (guint i = 0; i < self->all_items->len; i++)
    {
      HzFormItem *item = g_ptr_array_index (self->all_items, i);

      for (guint j = 0; j < item->enable_when->len; j++)
        {
          HzFormCondition *c = g_ptr_array_index (item->enable_when, j);

          if (c->question == NULL || !g_hash_table_contains (self->by_link_id, c->question) ||
              c->op == NULL || c->answer == NULL)
            {
              g_set_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_DEFINITION,
                           _("%s: the enableWhen of item “%s” names no item of the form, "
                             "or has no operator or answer"),
                           name, item->link_id);
              return NULL;
            }
        }
    }

  return g_steal_pointer (&self);
}

char *
hz_form_get_default_dir (void)
{
  char *dir = hz_find_data_dir ("HUIZHEN_FORMS_DIR", "forms");

  return dir != NULL ? dir : g_build_filename (HZ_SOURCE_ROOT, "data", "forms", NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * hz_form_list_ids:
 *
 * Returns: (transfer full): the ids of the installed forms (their file
 *   names without .json), sorted
 */
GStrv
hz_form_list_ids (GError **error)
{
  g_autofree char *dir_path = hz_form_get_default_dir ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (dir_path, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_NOT_FOUND,
                   _("No forms are installed in “%s”: %s"), dir_path, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (ids, g_strndup (name, strlen (name) - 5));
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);

  return (GStrv) g_ptr_array_steal (ids, NULL);
}

/**
 * hz_form_load:
 * @id: a form id, e.g. "referral"
 *
 * Returns: (transfer full): the form, or %NULL with HZ_FORM_ERROR_NOT_FOUND
 *   (which lists the forms there are) or HZ_FORM_ERROR_DEFINITION
 */
HzForm *
hz_form_load (const char  *id,
              GError     **error)
{
  g_autofree char *dir = hz_form_get_default_dir ();
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (id != NULL, NULL);

  file_name = g_strconcat (id, ".json", NULL);
  path = g_build_filename (dir, file_name, NULL);
  if (!hz_fhir_id_is_valid (id) || !g_file_get_contents (path, &contents, &length, NULL))
    {
      g_auto(GStrv) ids = hz_form_list_ids (NULL);
      g_autofree char *known = ids != NULL ? g_strjoinv (", ", ids) : g_strdup ("");

      g_set_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_NOT_FOUND,
                   _("There is no form “%s”; the forms are: %s"), id, known);
      return NULL;
    }

  return hz_form_new_from_data (contents, length, file_name, error);
}

const char *
hz_form_get_id (HzForm *self)
{
  g_return_val_if_fail (HZ_IS_FORM (self), NULL);
  return self->id;
}

const char *
hz_form_get_url (HzForm *self)
{
  g_return_val_if_fail (HZ_IS_FORM (self), NULL);
  return self->url;
}

const char *
hz_form_get_version (HzForm *self)
{
  g_return_val_if_fail (HZ_IS_FORM (self), NULL);
  return self->version;
}

const char *
hz_form_get_title (HzForm *self)
{
  g_return_val_if_fail (HZ_IS_FORM (self), NULL);
  if (!ui_is_chinese () && self->title_en != NULL)
    return self->title_en;
  return self->title != NULL ? self->title : self->id;
}

const char *
hz_form_get_language (HzForm *self)
{
  g_return_val_if_fail (HZ_IS_FORM (self), NULL);
  return self->language;
}

const char *
hz_form_get_title_zh (HzForm *self)
{
  g_return_val_if_fail (HZ_IS_FORM (self), NULL);
  return self->title != NULL ? self->title : self->id;
}

const char *
hz_form_get_category (HzForm *self)
{
  g_return_val_if_fail (HZ_IS_FORM (self), NULL);
  return self->category;
}

GPtrArray *
hz_form_get_items (HzForm *self)
{
  g_return_val_if_fail (HZ_IS_FORM (self), NULL);
  return self->items;
}

GPtrArray *
hz_form_get_all_items (HzForm *self)
{
  g_return_val_if_fail (HZ_IS_FORM (self), NULL);
  return self->all_items;
}

const HzFormItem *
hz_form_lookup_item (HzForm     *self,
                     const char *link_id)
{
  g_return_val_if_fail (HZ_IS_FORM (self), NULL);
  return link_id != NULL ? g_hash_table_lookup (self->by_link_id, link_id) : NULL;
}

/* The form a QuestionnaireResponse answers (its canonical without |version) */
HzForm *
hz_form_load_for_response (const HzJv  *response,
                           GError     **error)
{
  const char *canonical = hz_jv_get_string (response, "questionnaire");
  g_autofree char *url = canonical != NULL ? g_strndup (canonical, strcspn (canonical, "|")) : NULL;
  const char *slash = url != NULL ? strrchr (url, '/') : NULL;

  if (slash == NULL)
    {
      g_set_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_NOT_FOUND,
                   _("The form “%s” answers is not known here"), canonical ? canonical : "");
      return NULL;
    }
  return hz_form_load (slash + 1, error);
}
