/* ps_ingest.h — read a PDF or HTML file into the document model. */
#ifndef PS_INGEST_H
#define PS_INGEST_H

#include <glib.h>

#include "ps_model.h"

G_BEGIN_DECLS

#define PS_INGEST_ERROR (ps_ingest_error_quark ())
GQuark ps_ingest_error_quark (void);

typedef enum
{
  PS_INGEST_ERROR_IO,        /* cannot read the file */
  PS_INGEST_ERROR_FORMAT,    /* neither PDF nor HTML */
  PS_INGEST_ERROR_ENCRYPTED, /* needs a password, or the password is wrong */
  PS_INGEST_ERROR_DAMAGED,   /* a PDF Poppler cannot open */
  PS_INGEST_ERROR_EMPTY,     /* no bytes, or a PDF with no pages */
  PS_INGEST_ERROR_LIMIT,     /* over max_pages / max_bytes */
} PsIngestError;

typedef struct
{
  const char *password; /* for encrypted PDFs, or NULL */
  guint max_pages;      /* 0: no limit */
  guint64 max_bytes;    /* 0: no limit */
  gboolean no_graphics; /* skip rendering: no rulings or fills */
} PsIngestOptions;

/* Guesses the format from the first bytes, then the file name's extension. */
PsFormat ps_ingest_sniff (const guint8 *data, gsize len, const char *name);

/* The bytes of path ("-" is stdin): a regular file is mapped, not copied.
 * NULL with PS_INGEST_ERROR_IO on failure. */
GBytes *ps_ingest_read (const char *path, GError **error);

/* Reads path ("-" is stdin) into a new PsDoc, or NULL with error set.
 * opts may be NULL for defaults. */
PsDoc *ps_ingest_file (const char *path, const PsIngestOptions *opts, GError **error);

/* The same from bytes in memory; source names the input in the model and in
 * error messages. */
PsDoc *ps_ingest_bytes (GBytes *bytes, const char *source, const PsIngestOptions *opts,
                        GError **error);

G_END_DECLS

#endif /* PS_INGEST_H */
