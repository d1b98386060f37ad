/* ps_normalise.h — turn raw due, owner and status text into canonical values,
 * keeping the original text beside each. */
#ifndef PS_NORMALISE_H
#define PS_NORMALISE_H

#include <glib.h>

#include "ps_model.h"

G_BEGIN_DECLS

typedef struct
{
  guint reserved;
} PsNormaliseOptions;

/* Builds (once, thread-safe) the compiled patterns and vocabularies; call
 * before starting worker threads.  Safe to call again. */
void ps_normalise_init (void);

/* Normalises every item of list in place.  opts may be NULL. */
gboolean ps_normalise (PsItemList *list, const PsNormaliseOptions *opts, GError **error);

G_END_DECLS

#endif /* PS_NORMALISE_H */
