/* pdf_ingest.c — a PDF into the document model: open it with Poppler, then
 * read each page's text (pdf_text.c) and its rulings and fills
 * (pdf_rulings.c). */
#include "pdf_private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "ps_text.h"

/* Poppler's own size for a page whose boxes are unusable (US Letter). */
#define FALLBACK_WIDTH 612.0
#define FALLBACK_HEIGHT 792.0

/* Longest Poppler reason quoted in an error message. */
#define MAX_REASON 120

/* ---- Poppler's diagnostics -------------------------------------------- */

/* poppler-glib hands every parse problem to g_log() in the "Poppler" domain
 * at INFO level, which GLib's default handler drops, so nothing reaches
 * stderr.  While this thread opens a document we keep the last such message
 * instead: it says why a damaged file failed ("Couldn't read xref table"),
 * which Poppler's GError does not. */
static GPrivate capture_slot; /* char ** of this thread while opening, or NULL */

static void
poppler_log (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  char **last = g_private_get (&capture_slot);
  if (last && (level & (G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_MESSAGE)))
    {
      g_free (*last);
      *last = g_strdup (message);
      return;
    }
  g_log_default_handler (domain, level, message, data);
}

static gpointer
install_log_handler (gpointer data)
{
  (void) data;
  g_log_set_handler ("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                     poppler_log, NULL);
  return NULL;
}

/* "Syntax error at position 12: Couldn't read xref table" -> the part after
 * the position, trimmed to MAX_REASON characters: (transfer full). */
static char *
brief_reason (const char *message)
{
  if (!message)
    return NULL;
  const char *colon = strstr (message, ": ");
  const char *s = colon && g_str_has_prefix (message, "Syntax") ? colon + 2 : message;
  g_autofree char *flat = ps_text_flatten (s);
  if (!flat || !*flat || !g_utf8_validate (flat, -1, NULL))
    return NULL;
  if (g_utf8_strlen (flat, -1) > MAX_REASON)
    {
      char *cut = g_utf8_offset_to_pointer (flat, MAX_REASON);
      *cut = '\0';
    }
  return g_steal_pointer (&flat);
}

/* ---- opening ----------------------------------------------------------- */

/* Opens an encrypted document from a private temporary copy of bytes.
 * Given a wrong password, poppler_document_new_from_bytes() retries with a
 * copy of its stream cast to the wrong class, and crashes (Poppler 22.12;
 * the code is unchanged upstream), as does new_from_data in 22.12;
 * new_from_file retries by reopening the file, which is safe.  (So would
 * new_from_stream over a GMemoryInputStream, but ingest does not link GIO.)
 * The copy is still encrypted, and is unlinked as soon as Poppler holds it
 * open. */
static PopplerDocument *
open_with_password (GBytes *bytes, const char *password, GError **error)
{
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("plansift-XXXXXX.pdf", &path, error);
  if (fd < 0)
    return NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  gboolean written = TRUE;
  while (len > 0 && written)
    {
      ssize_t n = write (fd, data, len);
      if (n < 0 && errno == EINTR)
        continue;
      written = n > 0;
      if (written)
        {
          data += n;
          len -= (gsize) n;
        }
    }
  written = close (fd) == 0 && written;
  PopplerDocument *pdoc = NULL;
  g_autofree char *uri = written ? g_filename_to_uri (path, NULL, error) : NULL;
  if (!written)
    g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_IO,
                         "cannot write a temporary copy to decrypt");
  else if (uri)
    pdoc = poppler_document_new_from_file (uri, password, error);
  g_unlink (path);
  return pdoc;
}

static PopplerDocument *
open_document (GBytes *bytes, const char *password, GError **error)
{
  static GOnce once = G_ONCE_INIT;
  g_once (&once, install_log_handler, NULL);

  if (password && !*password)
    password = NULL;
  char *last = NULL;
  g_private_set (&capture_slot, &last);
  g_autoptr (GError) local = NULL;
  PopplerDocument *pdoc = poppler_document_new_from_bytes (bytes, NULL, &local);
  /* The password is only tried on a document that needs one, so that a
   * batch run with --password reads its other files from memory. */
  if (!pdoc && password && g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    {
      g_clear_error (&local);
      pdoc = open_with_password (bytes, password, &local);
    }
  g_private_set (&capture_slot, NULL);
  g_autofree char *reason = brief_reason (last);
  g_free (last);
  if (pdoc)
    return pdoc;

  if (local && local->domain == POPPLER_ERROR && local->code == POPPLER_ERROR_ENCRYPTED)
    g_set_error_literal (error, PS_INGEST_ERROR, PS_INGEST_ERROR_ENCRYPTED,
                         password ? "wrong password"
                                  : "document is encrypted (give --password)");
  else if (local && local->domain != POPPLER_ERROR)
    g_set_error (error, PS_INGEST_ERROR, PS_INGEST_ERROR_IO, "cannot read: %s", local->message);
  else if (reason)
    g_set_error (error, PS_INGEST_ERROR, PS_INGEST_ERROR_DAMAGED, "damaged PDF: %s", reason);
  else
    g_set_error (error, PS_INGEST_ERROR, PS_INGEST_ERROR_DAMAGED, "damaged PDF: %s",
                 local ? local->message : "Poppler cannot open it");
  return NULL;
}

/* ---- pages ------------------------------------------------------------- */

/* poppler-glib has no getter for a page's /Rotate, but an annotation shows
 * it: poppler_page_add_annot() stores the rectangle it is given (in
 * displayed coordinates) turned back to the unrotated page, and
 * poppler_annot_get_rectangle() returns what was stored.  One probe serves
 * a document; it is removed from each page before the page is read.
 *
 * Before Poppler 25.06, poppler_annot_*_new() keeps an extra reference, so
 * the probe leaks (a few hundred bytes).  There it is only made for a
 * document with a page turned a quarter (its size and crop box disagree),
 * to tell 90 from 270; other pages read as 0, so a page turned upside down
 * reads as 0 too.  Coordinates are as displayed either way. */
#if POPPLER_CHECK_VERSION(25, 6, 0)
#define PROBE_EVERY_PAGE TRUE
#else
#define PROBE_EVERY_PAGE FALSE
#endif

typedef struct
{
  PopplerAnnot *annot; /* made on first use */
} RotationProbe;

static const PopplerRectangle probe_rect = { 10, 20, 14, 22 };

static gboolean
probe_rotation (RotationProbe *probe, PopplerDocument *pdoc, PopplerPage *ppage, double width,
                double height, int *rotation)
{
  PopplerRectangle rect = probe_rect;
  if (!probe->annot)
    probe->annot = poppler_annot_square_new (pdoc, &rect);
  if (!probe->annot)
    return FALSE;
  /* Detached, the rectangle is stored as given. */
  poppler_annot_set_rectangle (probe->annot, &rect);
  poppler_page_add_annot (ppage, probe->annot);
  PopplerRectangle back = { 0 };
  poppler_annot_get_rectangle (probe->annot, &back);
  poppler_page_remove_annot (ppage, probe->annot);

  double cx = (probe_rect.x1 + probe_rect.x2) / 2, cy = (probe_rect.y1 + probe_rect.y2) / 2;
  double bx = (back.x1 + back.x2) / 2, by = (back.y1 + back.y2) / 2;
  /* Where the probe's centre lands on the unrotated page for each /Rotate;
   * for 90 and 270 the unrotated page is height wide and width tall. */
  const struct
  {
    int rotation;
    double x, y;
  } expect[] = {
    { 0, cx, cy },
    { 90, height - cy, cx },
    { 180, width - cx, height - cy },
    { 270, cy, width - cx },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (expect); i++)
    if (fabs (bx - expect[i].x) < 0.5 && fabs (by - expect[i].y) < 0.5)
      {
        *rotation = expect[i].rotation;
        return TRUE;
      }
  return FALSE;
}

static int
page_rotation (RotationProbe *probe, PopplerDocument *pdoc, PopplerPage *ppage, double width,
               double height)
{
  PopplerRectangle crop;
  poppler_page_get_crop_box (ppage, &crop);
  double cw = fabs (crop.x2 - crop.x1), ch = fabs (crop.y2 - crop.y1);
  gboolean quarter = fabs (cw - width) > 0.5 && fabs (ch - height) > 0.5;
  int rotation = quarter ? 90 : 0;
  if (PROBE_EVERY_PAGE || quarter)
    probe_rotation (probe, pdoc, ppage, width, height, &rotation);
  return rotation;
}

static double
usable_size (double v, double fallback)
{
  return v > 0 && isfinite (v) ? v : fallback;
}

static void
read_page (PsDoc *doc, PopplerDocument *pdoc, int index, RotationProbe *probe,
           PsPdfRaster *raster)
{
  PopplerPage *ppage = poppler_document_get_page (pdoc, index);
  if (!ppage)
    {
      /* A page Poppler cannot load stays in the model, empty, so that page
       * numbers keep matching the PDF's. */
      const PsPage *prev = doc->pages->len ? g_ptr_array_index (doc->pages, doc->pages->len - 1)
                                           : NULL;
      ps_doc_add_page (doc, prev ? prev->width : FALLBACK_WIDTH,
                       prev ? prev->height : FALLBACK_HEIGHT, 0);
      return;
    }
  double width = 0, height = 0;
  poppler_page_get_size (ppage, &width, &height);
  width = usable_size (width, FALLBACK_WIDTH);
  height = usable_size (height, FALLBACK_HEIGHT);
  int rotation = page_rotation (probe, pdoc, ppage, width, height);
  PsPage *page = ps_doc_add_page (doc, width, height, rotation);
  g_autoptr (GArray) glyphs = ps_pdf_read_text (doc, page, ppage);
  if (raster)
    ps_pdf_read_graphics (raster, page, ppage, glyphs);
  g_object_unref (ppage);
}

static void
set_title (PsDoc *doc, PopplerDocument *pdoc)
{
  g_autofree char *title = poppler_document_get_title (pdoc);
  if (!title || !g_utf8_validate (title, -1, NULL))
    return;
  for (char *p = title; *p; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';
  g_autofree char *flat = ps_text_flatten (title);
  if (flat && *flat)
    doc->title = ps_doc_strdup (doc, flat);
}

gboolean
ps_pdf_ingest (PsDoc *doc, GBytes *bytes, const PsIngestOptions *opts, GError **error)
{
  PopplerDocument *pdoc = open_document (bytes, opts->password, error);
  if (!pdoc)
    return FALSE;
  int n_pages = poppler_document_get_n_pages (pdoc);
  gboolean ok = FALSE;
  if (n_pages <= 0)
    g_set_error_literal (error, PS_INGEST_ERROR, PS_INGEST_ERROR_EMPTY, "PDF has no pages");
  else if (opts->max_pages && (guint) n_pages > opts->max_pages)
    g_set_error (error, PS_INGEST_ERROR, PS_INGEST_ERROR_LIMIT,
                 "PDF has %d pages, over the limit of %u", n_pages, opts->max_pages);
  else
    {
      set_title (doc, pdoc);
      g_autoptr (PsPdfRaster) raster = opts->no_graphics ? NULL : ps_pdf_raster_new ();
      RotationProbe probe = { NULL };
      for (int i = 0; i < n_pages; i++)
        read_page (doc, pdoc, i, &probe, raster);
      g_clear_object (&probe.annot);
      ok = TRUE;
    }
  g_object_unref (pdoc);
  return ok;
}
