/* extract.c — the extract stage's entry point. */
#include "ps_extract.h"

G_DEFINE_QUARK (ps-extract-error-quark, ps_extract_error)

void
ps_extract_init (void)
{
}

PsItemList *
ps_extract (const PsDoc *doc, const PsExtractOptions *opts, GError **error)
{
  (void) opts;
  (void) error;
  PsItemList *list = ps_item_list_new ();
  ps_item_list_set_document (list, doc);
  return list;
}
