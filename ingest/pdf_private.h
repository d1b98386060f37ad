/* pdf_private.h — shared by the PDF files of ingest/ (pdf_*.c) only. */
#ifndef PS_PDF_PRIVATE_H
#define PS_PDF_PRIVATE_H

#include <poppler.h>

#include "ingest_private.h"

G_BEGIN_DECLS

/* Fills page->words and page->lines from Poppler's text of ppage, in
 * Poppler's reading order.  Returns the box of every printed character (in
 * page points), which the graphics scan uses to tell glyphs from rulings:
 * (transfer full), a GArray of PsBox. */
GArray *ps_pdf_read_text (PsDoc *doc, PsPage *page, PopplerPage *ppage);

/* Scratch memory for rendering, reused by the pages of one document. */
typedef struct PsPdfRaster PsPdfRaster;

PsPdfRaster *ps_pdf_raster_new (void);
void ps_pdf_raster_free (PsPdfRaster *raster);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsPdfRaster, ps_pdf_raster_free)

/* Renders ppage and fills page->rulings and page->fills.  glyphs are the
 * character boxes from ps_pdf_read_text. */
void ps_pdf_read_graphics (PsPdfRaster *raster, PsPage *page, PopplerPage *ppage,
                           const GArray *glyphs);

G_END_DECLS

#endif /* PS_PDF_PRIVATE_H */
