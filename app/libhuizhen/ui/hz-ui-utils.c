/* hz-ui-utils.c — small widget helpers shared by the shell and plugins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-ui"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "hz-ui.h"

/* The five-colour grading (国卫办妇幼发〔2017〕35号). Yellow, green and orange
 * are light: dark text keeps the WCAG contrast; red takes white text. The
 * colour NAME is always written in the badge, colour is never alone. */
static const char badge_css[] =
  ".risk-badge {\n"
  "  border-radius: 999px;\n"
  "  padding: 1px 8px;\n"
  "  font-size: smaller;\n"
  "  font-weight: bold;\n"
  "  min-height: 16px;\n"
  "}\n"
  ".risk-badge.risk-green  { background-color: #2ec27e; color: rgba(0, 0, 0, 0.8); }\n"
  ".risk-badge.risk-yellow { background-color: #f5c211; color: rgba(0, 0, 0, 0.8); }\n"
  ".risk-badge.risk-orange { background-color: #ff7800; color: rgba(0, 0, 0, 0.8); }\n"
  ".risk-badge.risk-red    { background-color: #e01b24; color: #ffffff; }\n"
  ".risk-badge.risk-unknown {\n"
  "  background-color: alpha(currentColor, 0.12);\n"
  "  font-weight: normal;\n"
  "}\n"
  ".risk-badge.risk-purple-badge { background-color: #9141ac; color: #ffffff; }\n"
  ".risk-purple { color: #9141ac; }\n"
  /* demo data: an outlined pill, never mistaken for a risk colour */
  ".demo-badge {\n"
  "  border-radius: 999px;\n"
  "  padding: 0px 7px;\n"
  "  font-size: smaller;\n"
  "  border: 1px solid alpha(currentColor, 0.5);\n"
  "  color: alpha(currentColor, 0.8);\n"
  "}\n"
  /* the urgent self-harm-risk alert: a red pill with its words, and the
   * banner over the case's pages */
  ".alert-badge {\n"
  "  border-radius: 999px;\n"
  "  padding: 1px 8px;\n"
  "  font-size: smaller;\n"
  "  font-weight: bold;\n"
  "  background-color: #c01c28;\n"
  "  color: #ffffff;\n"
  "}\n"
  ".alert-banner {\n"
  "  background-color: #c01c28;\n"
  "  color: #ffffff;\n"
  "  padding: 6px 12px;\n"
  "}\n"
  ".alert-banner button { color: #ffffff; background-color: alpha(#ffffff, 0.15); }\n"
  ".alert-banner button:hover { background-color: alpha(#ffffff, 0.25); }\n";

static void
hz_ui_init_language (void)
{
  g_autofree char *lang = NULL;
  const char *locale;
  const char *end;

  /* Pango derives the language of each run of text from the locale
   * (LC_CTYPE). Han characters in a language that does not cover them
   * (English, "C") take the first suitable language of PANGO_LANGUAGE, so
   * naming zh-cn there makes patient names use the Simplified Chinese
   * shapes of Noto Sans CJK rather than the Japanese ones. The locale's own
   * language comes first so a Japanese desktop keeps its shapes. */
  if (g_getenv ("PANGO_LANGUAGE") != NULL)
    return;

  locale = setlocale (LC_CTYPE, NULL);
  if (locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX")
      || g_str_has_prefix (locale, "C."))
    locale = g_getenv ("LANGUAGE");

  if (locale != NULL && *locale != '\0')
    {
      end = locale + strcspn (locale, ".@:");
      lang = g_ascii_strdown (locale, end - locale);
      g_strdelimit (lang, "_", '-');
    }

  if (lang != NULL && !g_str_equal (lang, "c") && !g_str_has_prefix (lang, "zh"))
    {
      g_autofree char *value = g_strdup_printf ("%s:zh-cn", lang);
      g_setenv ("PANGO_LANGUAGE", value, FALSE);
    }
  else if (lang != NULL && g_str_has_prefix (lang, "zh"))
    g_setenv ("PANGO_LANGUAGE", lang, FALSE);
  else
    g_setenv ("PANGO_LANGUAGE", "zh-cn", FALSE);
}

static gboolean
has_gpu_render_node (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

/* Without a GPU (virtual machines, VDI thin clients, remote desktops,
 * Xvfb), Mesa renders OpenGL on the CPU (llvmpipe): GTK's GL renderer is
 * then slower than its cairo one (start-up 404 ms against 225 ms here)
 * and loading Mesa and LLVM costs some 60 MB. There, unless the user
 * chose a renderer, use cairo and keep GDK from opening GL at all.
 * docs/architecture.md, "Rendering". Before gtk_init() only. */
static void
hz_ui_init_renderer (void)
{
  const char *renderer = g_getenv ("GSK_RENDERER");
  const char *debug = g_getenv ("GDK_DEBUG");
  g_autofree char *flags = NULL;

  if (renderer != NULL && *renderer != '\0' && !g_str_equal (renderer, "cairo"))
    return;
  if (g_getenv ("HUIZHEN_KEEP_GL") != NULL || has_gpu_render_node ())
    return;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (debug == NULL || *debug == '\0')
    flags = g_strdup ("gl-disable");
  else if (strstr (debug, "gl-disable") == NULL)
    flags = g_strconcat (debug, ",gl-disable", NULL);
  if (flags != NULL)
    g_setenv ("GDK_DEBUG", flags, TRUE);
}

/* Han text (patient names, hospitals) is Chinese clinical data: in a
 * locale whose language does not pick a CJK font itself ("C", English...)
 * fontconfig falls back to the Japanese face of Noto Sans CJK. Naming the
 * Simplified Chinese face right after the interface font fixes the glyph
 * shapes without touching Latin text. Japanese, Korean and traditional
 * Chinese desktops keep their own shapes. */
static void
update_han_fallback (GtkSettings    *settings,
                     GParamSpec     *pspec,
                     GtkCssProvider *provider)
{
  g_autofree char *font_name = NULL;
  g_autoptr(GString) css = g_string_new (NULL);
  PangoContext *context;
  PangoFont *font;
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoFontDescription *desc;
  const char *family = NULL;

  g_object_get (settings, "gtk-font-name", &font_name, NULL);
  desc = pango_font_description_from_string (font_name != NULL ? font_name : "Sans");

  /* The face the interface font resolves to, so that Latin text keeps it
   * even when the named family is not installed. */
  context = pango_font_map_create_context (font_map);
  font = pango_font_map_load_font (font_map, context, desc);
  pango_font_description_free (desc);
  desc = font != NULL ? pango_font_describe (font) : NULL;
  if (desc != NULL)
    family = pango_font_description_get_family (desc);
  g_clear_object (&font);
  g_object_unref (context);

  g_string_append (css, "window, popover, tooltip { font-family: ");
  if (family != NULL && *family != '\0' && strchr (family, '"') == NULL)
    g_string_append_printf (css, "\"%s\", ", family);
  g_string_append (css, "\"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif; }\n");

  gtk_css_provider_load_from_data (provider, css->str, -1);

  if (desc != NULL)
    pango_font_description_free (desc);
}

static void
hz_ui_init_han_fallback (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;
  PangoLanguage *language = pango_language_get_default ();
  GtkSettings *settings = gtk_settings_get_for_display (display);

  if (pango_language_matches (language, "ja;ko;zh-tw;zh-hk;zh-mo"))
    return;

  provider = gtk_css_provider_new ();
  update_han_fallback (settings, NULL, provider);
  g_signal_connect_object (settings, "notify::gtk-font-name",
                           G_CALLBACK (update_han_fallback), provider, 0);
  gtk_style_context_add_provider_for_display (display,
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/**
 * hz_ui_init:
 *
 * Makes Pango use the locale's language, with Simplified Chinese as the
 * fallback for Han characters (also through the font fallback list), and
 * adds the style sheet of the shared widgets (risk badges) to the default
 * display. Safe to call more than once. Call it first before gtk_init():
 * that part sets the language and, on a machine without a GPU, the cairo
 * renderer; then again once there is a display.
 */
void
hz_ui_init (void)
{
  static gboolean initialized;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display;

  if (initialized)
    return;

  display = gdk_display_get_default ();
  if (display == NULL)
    {
      hz_ui_init_language ();
      hz_ui_init_renderer ();
      return;
    }

  hz_ui_init_language ();

  initialized = TRUE;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, badge_css, -1);
  gtk_style_context_add_provider_for_display (display,
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  hz_ui_init_han_fallback (display);
}

static const char *
risk_css_class (HzRiskColour colour)
{
  switch (colour)
    {
    case HZ_RISK_GREEN:  return "risk-green";
    case HZ_RISK_YELLOW: return "risk-yellow";
    case HZ_RISK_ORANGE: return "risk-orange";
    case HZ_RISK_RED:    return "risk-red";
    case HZ_RISK_UNKNOWN:
    default:             return "risk-unknown";
    }
}

/**
 * hz_ui_alert_badge_new:
 *
 * The mark of a case with an open urgent self-harm-risk alert, in the case
 * list and wherever a case is named.
 *
 * Returns: (transfer floating): a red "Self-harm risk" (自伤风险) pill
 */
GtkWidget *
hz_ui_alert_badge_new (void)
{
  GtkWidget *badge = gtk_label_new (C_("alert", "Self-harm risk"));

  gtk_widget_add_css_class (badge, "alert-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (badge, _("Urgent alert: thoughts of self-harm on a screening form; "
                                        "assess the same day"));
  gtk_widget_set_name (badge, "alert-badge");
  return badge;
}

/**
 * hz_ui_demo_badge_new:
 *
 * The mark of a demo case (meta.security HTEST), beside its name in the
 * case list and the case header.
 *
 * Returns: (transfer floating): a small outlined "Demo" (演示) pill
 */
GtkWidget *
hz_ui_demo_badge_new (void)
{
  GtkWidget *badge = gtk_label_new (C_("badge", "Demo"));

  gtk_widget_add_css_class (badge, "demo-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (badge, _("Demo data: invented people, not a real patient"));
  gtk_widget_set_name (badge, "demo-badge");
  return badge;
}

/**
 * hz_ui_risk_badge_new:
 * @colour: the latest risk grade
 * @infectious: whether an active purple (infectious disease) flag exists
 *
 * The risk grade as clinicians mark it (五色管理): a pill with the colour's
 * name and, beside it, a purple pill of its own when the woman has an
 * infectious disease (purple is added to a colour, never mixed into it).
 *
 * Returns: (transfer floating): the pills, in a box
 */
GtkWidget *
hz_ui_risk_badge_new (HzRiskColour colour,
                      gboolean     infectious)
{
  GtkWidget *box;
  GtkWidget *pill;
  GtkWidget *purple;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (box, GTK_ALIGN_START);

  pill = gtk_label_new (NULL);
  gtk_widget_add_css_class (pill, "risk-badge");
  gtk_widget_set_name (pill, "risk-badge");
  gtk_box_append (GTK_BOX (box), pill);

  /* Translators: the badge of the purple grade: an infectious disease
   * (HIV, syphilis, hepatitis B…), shown beside the risk colour */
  purple = gtk_label_new (C_("risk badge", "Purple · infectious"));
  gtk_widget_add_css_class (purple, "risk-badge");
  gtk_widget_add_css_class (purple, "risk-purple-badge");
  gtk_widget_set_name (purple, "purple-badge");
  gtk_widget_set_tooltip_text (purple, _("Infectious disease (purple): HIV, syphilis, hepatitis B or "
                                         "another; see the case's flags"));
  gtk_box_append (GTK_BOX (box), purple);

  g_object_set_data (G_OBJECT (box), "hz-risk-label", pill);
  g_object_set_data (G_OBJECT (box), "hz-risk-purple", purple);
  g_object_set_data (G_OBJECT (box), "hz-risk-colour", GINT_TO_POINTER (-1));

  hz_ui_risk_badge_update (box, colour, infectious);

  return box;
}

/**
 * hz_ui_risk_badge_update:
 * @badge: a widget made by hz_ui_risk_badge_new()
 * @colour: the risk grade
 * @infectious: whether to show the purple badge
 */
void
hz_ui_risk_badge_update (GtkWidget    *badge,
                         HzRiskColour  colour,
                         gboolean      infectious)
{
  g_autofree char *accessible = NULL;
  GtkWidget *purple;
  GtkWidget *label;
  const char *name;
  int previous;

  g_return_if_fail (GTK_IS_WIDGET (badge));

  purple = g_object_get_data (G_OBJECT (badge), "hz-risk-purple");
  label = g_object_get_data (G_OBJECT (badge), "hz-risk-label");
  g_return_if_fail (GTK_IS_LABEL (label));

  previous = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (badge), "hz-risk-colour"));
  if (previous >= 0)
    gtk_widget_remove_css_class (label, risk_css_class ((HzRiskColour) previous));
  gtk_widget_add_css_class (label, risk_css_class (colour));
  g_object_set_data (G_OBJECT (badge), "hz-risk-colour", GINT_TO_POINTER ((int) colour));

  name = hz_risk_colour_get_display_name (colour);
  if (name == NULL)
    name = _("Not graded");
  gtk_label_set_text (GTK_LABEL (label), name);
  gtk_widget_set_visible (purple, infectious);

  if (infectious)
    {
      /* Translators: accessible description of the risk badge; %s is the
       * colour name (e.g. "Orange"); purple marks an infectious disease. */
      accessible = g_strdup_printf (_("Risk: %s, infectious disease (purple)"), name);
    }
  else
    {
      /* Translators: accessible description of the risk badge, %s is the colour name */
      accessible = g_strdup_printf (_("Risk: %s"), name);
    }

  gtk_widget_set_tooltip_text (label, accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

/**
 * hz_ui_format_date:
 * @iso: (nullable): a FHIR date, dateTime or instant
 *
 * Returns: (transfer full) (nullable): the date in the locale's format, the
 *   input itself when it cannot be parsed, or %NULL for %NULL/empty input
 */
char *
hz_ui_format_date (const char *iso)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;
  const char *format;
  gsize len;

  if (iso == NULL || *iso == '\0')
    return NULL;

  parsed = hz_fhir_parse_datetime (iso);
  if (parsed == NULL)
    return g_strdup (iso);

  len = strlen (iso);

  /* A date alone is a calendar day, not an instant: no time zone move. A
   * time is shown by the one rule of every page (hz-fhir-time.h): in the
   * hospital's zone if one is set, else as the record wrote it; never in
   * this machine's zone. */
  if (len <= 10)
    local = g_date_time_ref (parsed);
  else
    {
      GDate day;

      if (!hz_fhir_get_display_time (iso, &day, NULL, NULL, NULL))
        return g_strdup (iso);
      local = g_date_time_new_utc (g_date_get_year (&day), g_date_get_month (&day),
                                   g_date_get_day (&day), 0, 0, 0);
    }

  if (len == 4)
    /* Translators: a year alone, a g_date_time_format() format */
    format = _("%Y");
  else if (len == 7)
    /* Translators: a month and year, a g_date_time_format() format; zh_CN "%Y年%-m月" */
    format = _("%B %Y");
  else
    /* Translators: a day, a g_date_time_format() format; zh_CN "%Y年%-m月%-d日" */
    format = _("%-d %B %Y");

  return g_date_time_format (local, format);
}

/**
 * hz_ui_format_gdate:
 * @date: (nullable): a calendar day
 *
 * Returns: (transfer full) (nullable): @date in the locale's format (as
 *   hz_ui_format_date() writes a FHIR date), or %NULL for %NULL or an
 *   invalid date
 */
char *
hz_ui_format_gdate (const GDate *date)
{
  char iso[16];

  if (date == NULL || !g_date_valid (date))
    return NULL;

  g_snprintf (iso, sizeof iso, "%04u-%02u-%02u",
              g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));

  return hz_ui_format_date (iso);
}

/**
 * hz_ui_mask_id_card:
 * @id: (nullable): an identity card number
 *
 * The number is personal information (PIPL): screens show only its last
 * four characters, after a prefix of fixed length that does not tell how
 * long the number is.
 *
 * Returns: (transfer full) (nullable): the masked number
 */
char *
hz_ui_mask_id_card (const char *id)
{
  glong len;

  if (id == NULL || *id == '\0')
    return NULL;

  len = g_utf8_strlen (id, -1);
  if (len <= 4)
    return g_strdup ("****");

  return g_strconcat ("****", g_utf8_offset_to_pointer (id, len - 4), NULL);
}

/**
 * hz_ui_set_accessible_label:
 * @widget: an icon-only widget
 * @label: what it does, translated
 *
 * Sets the tooltip and the accessible label, so screen readers and GUI
 * tests can find the widget.
 */
void
hz_ui_set_accessible_label (GtkWidget  *widget,
                            const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_set_tooltip_text (widget, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}
