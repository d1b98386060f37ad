/* eval_private.h — shared by the files of eval/, never included elsewhere. */
#ifndef PS_EVAL_PRIVATE_H
#define PS_EVAL_PRIVATE_H

#include <glib.h>

#include "ps_eval.h"

G_BEGIN_DECLS

/* A matched pair: indices into gold->items and pred->items. */
typedef struct
{
  guint gold, pred;
} EvalPair;

/* A ref as compared: whitespace collapsed, case-folded, trailing full stops
 * dropped: (transfer full), or NULL when nothing is left. */
char *eval_ref_key (const char *ref);

/* Matches pred's items to gold's one-to-one (EvalPair, sorted by gold
 * index): first by ref key in document order, then what is left by text
 * similarity, best pairs first.  (transfer full) */
GArray *eval_match (const PsItemList *gold, const PsItemList *pred);

/* A short, one-line name for an item in notes: its ref, or the start of its
 * text in quotes: (transfer full). */
char *eval_item_label (const PsItem *item);

/* An empty score named "overall", for report.c to sum into: (transfer full). */
PsEvalScore *eval_score_sum_new (void);

G_END_DECLS

#endif /* PS_EVAL_PRIVATE_H */
