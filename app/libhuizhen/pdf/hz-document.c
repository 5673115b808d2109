/* hz-document.c — A4 layout with cairo and Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-pdf"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "huizhen.h"

/* A4 in points, margins of 20 mm */
#define PAGE_WIDTH   595.276
#define PAGE_HEIGHT  841.890
#define MARGIN       56.7
#define LABEL_WIDTH  120.0
#define GAP          6.0
#define FONT_FAMILY  "Noto Serif CJK SC"
#define BODY_SIZE    10.5    /* 五号 */

typedef enum {
  BLOCK_HEADING,
  BLOCK_FIELD,
  BLOCK_PARAGRAPH,
  BLOCK_SIGNATURE,
} BlockType;

typedef struct
{
  BlockType  type;
  char      *label;
  char      *text;
  char      *time;
  char      *note;
} Block;

struct _HzDocument
{
  GObject    parent_instance;

  char      *organization;
  char      *title;
  char      *subtitle;
  char      *page_format;
  GPtrArray *blocks;
};

G_DEFINE_FINAL_TYPE (HzDocument, hz_document, G_TYPE_OBJECT)

static void
block_free (Block *block)
{
  g_free (block->label);
  g_free (block->text);
  g_free (block->time);
  g_free (block->note);
  g_free (block);
}

static void
hz_document_finalize (GObject *object)
{
  HzDocument *self = HZ_DOCUMENT (object);

  g_free (self->organization);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->page_format);
  g_ptr_array_unref (self->blocks);

  G_OBJECT_CLASS (hz_document_parent_class)->finalize (object);
}

static void
hz_document_class_init (HzDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hz_document_finalize;
}

static void
hz_document_init (HzDocument *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
}

HzDocument *
hz_document_new (const char *organization,
                 const char *title)
{
  HzDocument *self = g_object_new (HZ_TYPE_DOCUMENT, NULL);

  self->organization = g_strdup (organization);
  self->title = g_strdup (title);
  return self;
}

void
hz_document_set_page_format (HzDocument *self,
                             const char *format)
{
  g_return_if_fail (HZ_IS_DOCUMENT (self));
  g_free (self->page_format);
  self->page_format = g_strdup (format);
}

void
hz_document_set_subtitle (HzDocument *self,
                          const char *subtitle)
{
  g_return_if_fail (HZ_IS_DOCUMENT (self));
  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
}

static Block *
add_block (HzDocument *self,
           BlockType   type,
           const char *label,
           const char *text)
{
  Block *block = g_new0 (Block, 1);

  block->type = type;
  block->label = g_strdup (label);
  block->text = g_strdup (text);
  g_ptr_array_add (self->blocks, block);
  return block;
}

void
hz_document_add_heading (HzDocument *self,
                         const char *text)
{
  g_return_if_fail (HZ_IS_DOCUMENT (self));
  add_block (self, BLOCK_HEADING, NULL, text);
}

void
hz_document_add_field (HzDocument *self,
                       const char *label,
                       const char *value)
{
  g_return_if_fail (HZ_IS_DOCUMENT (self));
  add_block (self, BLOCK_FIELD, label, value);
}

void
hz_document_add_paragraph (HzDocument *self,
                           const char *text)
{
  g_return_if_fail (HZ_IS_DOCUMENT (self));
  add_block (self, BLOCK_PARAGRAPH, NULL, text);
}

void
hz_document_add_signature (HzDocument *self,
                           const char *label,
                           const char *signer,
                           const char *time,
                           const char *note)
{
  Block *block;

  g_return_if_fail (HZ_IS_DOCUMENT (self));
  block = add_block (self, BLOCK_SIGNATURE, label, signer);
  block->time = g_strdup (time);
  block->note = g_strdup (note);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             double      size,
             gboolean    bold,
             double      width,
             const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_context_set_language (pango_layout_get_context (layout), pango_language_from_string ("zh-cn"));
  pango_layout_context_changed (layout);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* Draws @layout at (@x, @y) when @draw; returns its height */
static double
put (cairo_t     *cr,
     gboolean     draw,
     PangoLayout *layout,
     double       x,
     double       y,
     gboolean     centred)
{
  double h = layout_height (layout);

  if (centred)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  if (draw)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
  return h;
}

static void
rule (cairo_t  *cr,
      gboolean  draw,
      double    x1,
      double    x2,
      double    y,
      double    width)
{
  if (!draw)
    return;
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x1, y);
  cairo_line_to (cr, x2, y);
  cairo_stroke (cr);
}

/* The header of page @page (1-based); returns where the body starts */
static double
draw_header (HzDocument *self,
             cairo_t    *cr,
             gboolean    draw,
             guint       page)
{
  double width = PAGE_WIDTH - 2 * MARGIN;
  double y = MARGIN;

  if (self->organization != NULL)
    {
      g_autoptr(PangoLayout) org = make_layout (cr, 14, TRUE, width, self->organization);

      y += put (cr, draw, org, MARGIN, y, TRUE) + 4;
    }
  {
    g_autoptr(PangoLayout) title = make_layout (cr, page == 1 ? 18 : 12, TRUE, width, self->title);

    y += put (cr, draw, title, MARGIN, y, TRUE) + 4;
  }
  if (page == 1 && self->subtitle != NULL)
    {
      g_autoptr(PangoLayout) sub = make_layout (cr, 9, FALSE, width, self->subtitle);

      pango_layout_set_alignment (sub, PANGO_ALIGN_RIGHT);
      y += put (cr, draw, sub, MARGIN, y, FALSE) + 2;
    }
  rule (cr, draw, MARGIN, PAGE_WIDTH - MARGIN, y, 1.2);
  return y + 10;
}

static void
draw_footer (HzDocument *self,
             cairo_t    *cr,
             gboolean    draw,
             guint       page,
             guint       n_pages)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  if (!draw)
    return;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  /* Translators: the foot of a printed page */
  text = g_strdup_printf (self->page_format != NULL ? self->page_format : _("Page %u of %u"),
                          page, n_pages);
#pragma GCC diagnostic pop
  layout = make_layout (cr, 9, FALSE, PAGE_WIDTH - 2 * MARGIN, text);
  put (cr, draw, layout, MARGIN, PAGE_HEIGHT - MARGIN + 14, TRUE);
}

/* One block: its layouts made, drawn at @y when @draw; its height */
static double
do_block (Block    *block,
          cairo_t  *cr,
          gboolean  draw,
          double    y)
{
  double width = PAGE_WIDTH - 2 * MARGIN;

  switch (block->type)
    {
    case BLOCK_HEADING:
      {
        g_autoptr(PangoLayout) layout = make_layout (cr, 12, TRUE, width, block->text);
        double h = put (cr, draw, layout, MARGIN, y + 6, FALSE);

        rule (cr, draw, MARGIN, PAGE_WIDTH - MARGIN, y + 6 + h + 1, 0.5);
        return h + 12;
      }
    case BLOCK_FIELD:
      {
        g_autoptr(PangoLayout) label = make_layout (cr, BODY_SIZE, TRUE, LABEL_WIDTH - GAP, block->label);
        g_autoptr(PangoLayout) value = make_layout (cr, BODY_SIZE, FALSE, width - LABEL_WIDTH,
                                                    block->text);
        double hl = put (cr, draw, label, MARGIN, y, FALSE);
        double hv = put (cr, draw, value, MARGIN + LABEL_WIDTH, y, FALSE);
        double h = MAX (hl, hv);

        /* a line to write on, under a value left empty */
        if (block->text == NULL || *block->text == '\0')
          rule (cr, draw, MARGIN + LABEL_WIDTH, PAGE_WIDTH - MARGIN, y + h, 0.4);
        return h + GAP;
      }
    case BLOCK_PARAGRAPH:
      {
        g_autoptr(PangoLayout) layout = make_layout (cr, BODY_SIZE, FALSE, width, block->text);

        return put (cr, draw, layout, MARGIN, y, FALSE) + GAP;
      }
    case BLOCK_SIGNATURE:
      {
        g_autofree char *line = g_strdup_printf ("%s%s", block->label != NULL ? block->label : "",
                                                 block->text != NULL ? block->text : "");
        g_autoptr(PangoLayout) who = make_layout (cr, BODY_SIZE + 1, TRUE, width * 0.6, line);
        g_autoptr(PangoLayout) when = make_layout (cr, BODY_SIZE, FALSE, width * 0.6, block->time);
        g_autoptr(PangoLayout) note = make_layout (cr, 7.5, FALSE, width, block->note);
        double x = MARGIN + width * 0.4;
        double h = 14;

        h += put (cr, draw, who, x, y + h, FALSE) + 4;
        if (block->text == NULL || *block->text == '\0')
          rule (cr, draw, x + 40, PAGE_WIDTH - MARGIN, y + h - 4, 0.4);
        h += put (cr, draw, when, x, y + h, FALSE) + 4;
        if (block->note != NULL)
          h += put (cr, draw, note, MARGIN, y + h, FALSE);
        return h + GAP;
      }
    default:
      g_assert_not_reached ();
    }
}

/* Lays the blocks out on pages, drawing them when @n_pages is known
 * (> 0): every page, each ended with cairo_show_page(), or with @only_page
 * (1-based) that page alone, not ended; returns the number of pages. One
 * path for counting and drawing, so that the page numbers are right. */
static guint
layout_pages (HzDocument *self,
              cairo_t    *cr,
              guint       n_pages,
              guint       only_page)
{
  gboolean draw = n_pages > 0 && (only_page == 0 || only_page == 1);
  double bottom = PAGE_HEIGHT - MARGIN;
  guint page = 1;
  double y = draw_header (self, cr, draw, page);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double h = do_block (block, cr, FALSE, y);

      /* a heading stays with what follows it */
      if (block->type == BLOCK_HEADING && i + 1 < self->blocks->len)
        h += do_block (g_ptr_array_index (self->blocks, i + 1), cr, FALSE, y);

      if (y + h > bottom && y > MARGIN + 80)
        {
          draw_footer (self, cr, draw, page, n_pages);
          if (draw && only_page == 0)
            cairo_show_page (cr);
          page++;
          draw = n_pages > 0 && (only_page == 0 || only_page == page);
          y = draw_header (self, cr, draw, page);
        }
      y += do_block (block, cr, draw, y);
    }
  draw_footer (self, cr, draw, page, n_pages);
  if (draw && only_page == 0)
    cairo_show_page (cr);

  return page;
}

guint
hz_document_get_n_pages (HzDocument *self)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n;

  g_return_val_if_fail (HZ_IS_DOCUMENT (self), 0);

  surface = cairo_pdf_surface_create_for_stream (NULL, NULL, PAGE_WIDTH, PAGE_HEIGHT);
  cr = cairo_create (surface);
  n = layout_pages (self, cr, 0, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return n;
}

gboolean
hz_document_write_pdf (HzDocument  *self,
                       const char  *path,
                       GError     **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (HZ_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  n_pages = hz_document_get_n_pages (self);
  surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  if (self->organization != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->organization);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Huizhen");
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0, 0, 0);
  layout_pages (self, cr, n_pages, 0);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

void
hz_document_draw_page (HzDocument *self,
                       cairo_t    *cr,
                       guint       page_nr)
{
  guint n_pages;

  g_return_if_fail (HZ_IS_DOCUMENT (self));
  g_return_if_fail (cr != NULL);

  n_pages = hz_document_get_n_pages (self);
  g_return_if_fail (page_nr < n_pages);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  layout_pages (self, cr, n_pages, page_nr + 1);
  cairo_restore (cr);
}
