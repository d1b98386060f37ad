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

typedef struct
{
  guint reserved;
} PsExtractOptions;

/* Builds (once, thread-safe) the compiled patterns and vocabularies extract
 * uses; call before starting worker threads.  Safe to call again. */
void ps_extract_init (void);

/* The items of doc, with the document fields copied: (transfer full).
 * opts may be NULL.  NULL with error set only on an internal failure; a
 * document without items gives an empty list. */
PsItemList *ps_extract (const PsDoc *doc, const PsExtractOptions *opts, GError **error);

G_END_DECLS

#endif /* PS_EXTRACT_H */
