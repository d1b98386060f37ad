/* ps_normalise.h — turn raw due, owner and status text into canonical values,
 * keeping the original text beside each.
 *
 * ps_normalise() is the stage: it reads what extract left in each item
 * (due.text, owners_text, status.text/colour/section, text and fields) and
 * fills due, owners, status and links.  The unit-level functions below are
 * the steps it takes, exported for the tests and for callers that hold
 * single values.  Ownership follows ps_model.h: arguments are borrowed, and
 * every string a function stores lives in the list's arena. */
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
 * before starting worker threads.  Safe to call again; every other function
 * here also calls it. */
void ps_normalise_init (void);

/* Normalises every item of list in place.  opts may be NULL.  Content it
 * cannot interpret is kept as text with kind "unspecified" / canonical
 * "unknown"; it only fails (FALSE, error set) on a programmer error. */
gboolean ps_normalise (PsItemList *list, const PsNormaliseOptions *opts, GError **error);

/* ---- unit-level functions ------------------------------------------------ */

/* What the steps need to know about one document: its date, colour key,
 * glossary, words (for repairing broken words and reading abbreviations)
 * and its items' refs.  It borrows list: free it before the list, and do not
 * change items' refs or texts while it lives.  One context per thread. */
typedef struct PsNormaliseContext PsNormaliseContext;

PsNormaliseContext *ps_normalise_context_new (const PsItemList *list);
void ps_normalise_context_free (PsNormaliseContext *ctx);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsNormaliseContext, ps_normalise_context_free)

/* Reads a due cell into *due (cleared first; due->text = text).  A cell that
 * points at another item ("As 19 above") gets kind reference and ref, and
 * its dates only from ps_due_resolve_references.  NULL text leaves due
 * cleared. */
void ps_due_parse (const PsNormaliseContext *ctx, PsItemList *list, const char *text,
                   PsDue *due);

/* Gives every reference due the dates of the item it names (following
 * chains, stopping at cycles) and spells its ref as that item's ref. */
void ps_due_resolve_references (const PsNormaliseContext *ctx, PsItemList *list);

/* Splits an owner cell into item->owners (cleared first).  A cell that
 * points at another item ("As 19 above") becomes one owner of unknown kind
 * with only text, which ps_owners_resolve_references replaces. */
void ps_owners_parse (const PsNormaliseContext *ctx, PsItemList *list, PsItem *item,
                      const char *text);

/* Replaces "As 19 above" owners with the owners of the item named; drops
 * them when no item is. */
void ps_owners_resolve_references (const PsNormaliseContext *ctx, PsItemList *list);

/* Sets status->rag, canonical and source from its text, colour and
 * section (precedence: text, then colour through the key, then section). */
void ps_status_parse (const PsNormaliseContext *ctx, PsStatus *status);

/* Sets item->links: the refs of the items its cells point at ("See 38
 * DLUHC above", "linked to Recommendations 1, 2 and 20"), plus links
 * already there, resolved against the list's refs, each once, in order of
 * appearance, never the item itself.  Mentions no item answers to are
 * dropped. */
void ps_links_find (const PsNormaliseContext *ctx, PsItemList *list, PsItem *item);

G_END_DECLS

#endif /* PS_NORMALISE_H */
