/* pdf_ingest.c — placeholder until the Poppler reader lands. */
#include "ingest_private.h"

gboolean
ps_pdf_ingest (PsDoc *doc, GBytes *bytes, const PsIngestOptions *opts, GError **error)
{
  (void) doc;
  (void) bytes;
  (void) opts;
  g_set_error (error, PS_INGEST_ERROR, PS_INGEST_ERROR_FORMAT, "PDF ingest not built yet");
  return FALSE;
}
