/* ps_text.h — text helpers every stage shares: whitespace, comparison keys,
 * similarity, and vocabulary look-up tables built from the data/ TSV files. */
#ifndef PS_TEXT_H
#define PS_TEXT_H

#include <glib.h>

#include "ps_tsv.h"

G_BEGIN_DECLS

/* Whitespace (including no-break and other Unicode spaces) collapsed to one
 * space inside each line, lines trimmed, empty lines dropped, lines joined by
 * '\n': (transfer full).  NULL stays NULL. */
char *ps_text_collapse (const char *s);

/* The same, with line breaks also turned into spaces: (transfer full). */
char *ps_text_flatten (const char *s);

/* A look-up key: NFKC, case-folded, '&' read as "and", punctuation other
 * than inside words dropped, whitespace collapsed: (transfer full). */
char *ps_text_key (const char *s);

/* A comparison key: NFKC, case-folded, no whitespace, no punctuation — the
 * ICDAR 2013 normalisation: (transfer full). */
char *ps_text_fold (const char *s);

/* Similarity of two texts in [0, 1]: Dice coefficient over the multisets of
 * their word keys; 1 for two empty texts. */
double ps_text_similarity (const char *a, const char *b);

/* A case-insensitive table from the key column of a vocabulary to its row. */
typedef struct PsVocab PsVocab;

/* Builds the table once per vocabulary: keys go through ps_text_key; a key
 * that appears twice keeps its first row. */
PsVocab *ps_vocab_new (const PsTsvTable *table, int key_col);
void ps_vocab_free (PsVocab *vocab);
/* Row of text's key, or -1. */
long ps_vocab_lookup (const PsVocab *vocab, const char *text);
/* (transfer none) the underlying table. */
const PsTsvTable *ps_vocab_table (const PsVocab *vocab);

G_END_DECLS

#endif /* PS_TEXT_H */
