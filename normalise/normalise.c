/* normalise.c — the normalise stage's entry point. */
#include "ps_normalise.h"

void
ps_normalise_init (void)
{
}

gboolean
ps_normalise (PsItemList *list, const PsNormaliseOptions *opts, GError **error)
{
  (void) list;
  (void) opts;
  (void) error;
  return TRUE;
}
