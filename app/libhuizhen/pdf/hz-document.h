/* hz-document.h — a printed document: blocks laid out on A4 pages
 *
 * A document is a list of blocks (headings, label–value fields,
 * paragraphs, a signature block) under a header repeated on every page
 * (the hospital's name and the document's title) with page numbers at the
 * foot, as a Chinese hospital prints its forms. Text is set with Pango in
 * Noto Serif CJK SC, the Pango language zh-cn, so Han characters take
 * their Simplified Chinese shapes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>
#include <cairo.h>

G_BEGIN_DECLS

#define HZ_TYPE_DOCUMENT (hz_document_get_type ())

G_DECLARE_FINAL_TYPE (HzDocument, hz_document, HZ, DOCUMENT, GObject)

/* @organization (nullable): the hospital, printed above @title on every page */
HzDocument  *hz_document_new             (const char *organization,
                                          const char *title);
/* The foot of every page: a printf format of the page number and the
 * number of pages, both %u (default: the UI's "Page %u of %u") */
void         hz_document_set_page_format (HzDocument *self,
                                          const char *format);
/* A line under the title on the first page (a number, a date) */
void         hz_document_set_subtitle    (HzDocument *self,
                                          const char *subtitle);
void         hz_document_add_heading     (HzDocument *self,
                                          const char *text);
/* @label: @value, the value wrapped beside the label; an empty @value
 * prints a line to write on */
void         hz_document_add_field       (HzDocument *self,
                                          const char *label,
                                          const char *value);
void         hz_document_add_paragraph   (HzDocument *self,
                                          const char *text);
/* A signature block: @signer (nullable: a line to sign on), the time and
 * a note in small type (e.g. the SHA-256 of what was signed) */
void         hz_document_add_signature   (HzDocument *self,
                                          const char *label,
                                          const char *signer,
                                          const char *time,
                                          const char *note);
/* The number of A4 pages the blocks take */
guint        hz_document_get_n_pages     (HzDocument *self);
/* Draws page @page_nr (0-based, as GtkPrintOperation::draw-page counts)
 * onto @cr, in points with the origin at the top left of an A4 page
 * (595.276 × 841.890): a printer's context is scaled to that by the
 * caller. Nothing else of @cr's state is changed; the page is not ended. */
void         hz_document_draw_page       (HzDocument *self,
                                          cairo_t    *cr,
                                          guint       page_nr);
/* Writes the PDF to @path */
gboolean     hz_document_write_pdf       (HzDocument  *self,
                                          const char  *path,
                                          GError     **error);

G_END_DECLS
