/* ps_extract.h — find tables, headers, column roles and items in a document. */
#ifndef PS_EXTRACT_H
#define PS_EXTRACT_H

#include <glib.h>

#include "ps_model.h"

G_BEGIN_DECLS

#define PS_EXTRACT_ERROR (ps_extract_error_quark ())
GQuark ps_extract_error_quark (void);

typedef enum
{
  PS_EXTRACT_ERROR_FAILED,
} PsExtractError;

/* A table region on a page, in PDF points (top-left origin). */
typedef struct
{
  guint page;
  PsBox box;
} PsRegion;

typedef struct
{
  /* PDF only: look for exactly one table in each region instead of
   * searching whole pages (to score table structure given its region). */
  const PsRegion *regions;
  guint n_regions;
} PsExtractOptions;

/* Builds (once, thread-safe) the compiled patterns and vocabularies extract
 * uses; call before starting worker threads.  Safe to call again. */
void ps_extract_init (void);

/* The document as blocks in reading order: for a PDF, the result of layout
 * analysis (tables found, headings and paragraphs between them, page
 * furniture dropped); for HTML, a copy of its blocks.  (transfer full) */
PsDoc *ps_extract_layout (const PsDoc *doc, const PsExtractOptions *opts, GError **error);

/* The items of doc, with the document fields copied: (transfer full).
 * opts may be NULL.  NULL with error set only on an internal failure; a
 * document without items gives an empty list. */
PsItemList *ps_extract (const PsDoc *doc, const PsExtractOptions *opts, GError **error);

G_END_DECLS

#endif /* PS_EXTRACT_H */
