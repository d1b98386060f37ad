/* ingest_private.h — shared between the files of ingest/ only. */
#ifndef PS_INGEST_PRIVATE_H
#define PS_INGEST_PRIVATE_H

#include "ps_ingest.h"

/* Fill doc (source, sha256, bytes already set) from PDF bytes. */
gboolean ps_pdf_ingest (PsDoc *doc, GBytes *bytes, const PsIngestOptions *opts,
                        GError **error);

/* Fill doc from HTML bytes. */
gboolean ps_html_ingest (PsDoc *doc, GBytes *bytes, const PsIngestOptions *opts,
                         GError **error);

#endif /* PS_INGEST_PRIVATE_H */
