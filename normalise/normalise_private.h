/* normalise_private.h — shared by the files of the normalise stage only:
 * pattern ids, the read-only vocabulary tables, calendar arithmetic, the
 * per-document context and the ref index. */
#ifndef PS_NORMALISE_PRIVATE_H
#define PS_NORMALISE_PRIVATE_H

#include "ps_normalise.h"
#include "ps_pattern.h"
#include "ps_text.h"

/* ---- patterns (patterns.c) ---------------------------------------------- */

typedef enum
{
  NP_DUE_REFERENCE,
  NP_DUE_LEAD_ORIGINAL,
  NP_DUE_LEAD_REVISION,
  NP_DUE_LEAD_DEADLINE,
  NP_DUE_LEAD_END,
  NP_DUE_LEAD_START,
  NP_DUE_LEAD_PART,
  NP_DUE_LEAD_FROM,
  NP_DUE_LEAD_WEEK,
  NP_DUE_LEAD_BETWEEN,
  NP_DUE_LEAD_AFTER,
  NP_DUE_LEAD_PLAIN,
  NP_DUE_DATE_ISO,
  NP_DUE_DATE_NUMERIC,
  NP_DUE_DATE_WORDS,
  NP_DUE_DATE_US,
  NP_DUE_DAY_ONLY,
  NP_DUE_MONTH,
  NP_DUE_MONTH_NUMERIC,
  NP_DUE_QUARTER,
  NP_DUE_HALF,
  NP_DUE_SEASON,
  NP_DUE_FISCAL,
  NP_DUE_YEAR,
  NP_DUE_REL_PERIOD,
  NP_DUE_REL_YEAR_END,
  NP_DUE_REL_WITHIN,
  NP_DUE_RANGE_SEP,
  NP_DUE_AND_SEP,
  NP_DUE_LIST_SEP,
  NP_DUE_ONGOING_SUFFIX,
  NP_DUE_SKIP_WORD,
  NP_OWNER_REMARK,
  NP_LINK_KEYWORD,
  NP_LINK_DIRECTION,
  NP_LINK_SEE,
  NP_LINK_NUMBER,
  NP_REF_TAIL,
  NP_N_PATTERNS
} NormPattern;

/* The pattern table with its {MONTH}/{SEASON} placeholders filled from
 * data/months.tsv and data/seasons.tsv: (transfer full) rows whose pattern
 * strings the caller frees with norm_pattern_defs_free. */
PsPatternDef *norm_pattern_defs_expand (gsize *n);
void norm_pattern_defs_free (PsPatternDef *defs, gsize n);

/* ---- vocabularies (vocab.c) --------------------------------------------- */

/* Bits of an owner word's kinds (data/owner_words.tsv). */
enum
{
  OW_ROLE = 1 << 0,
  OW_TEAM = 1 << 1,
  OW_BODY = 1 << 2,
  OW_MODIFIER = 1 << 3,
  OW_HONORIFIC = 1 << 4,
  OW_LABEL = 1 << 5,
  OW_JOINER = 1 << 6,
  OW_COMPLEMENT = 1 << 7,
  OW_MINOR = 1 << 8,
  OW_HEAD = OW_ROLE | OW_TEAM | OW_BODY,
};

typedef struct
{
  const char *canonical; /* "" when the row gives only a rag */
  const char *rag;       /* "" when the row gives only a canonical */
  gboolean whole;        /* only as the whole text */
} StatusWord;

typedef struct
{
  PsPatternSet *patterns;
  GHashTable *months;      /* key -> month 1..12 */
  GHashTable *seasons;     /* key -> start month */
  GHashTable *due_words;   /* key -> PsDueKind */
  guint due_words_max;     /* longest phrase, in words */
  GHashTable *status_words; /* key -> StatusWord* */
  guint status_words_max;
  GHashTable *abbr_owner;  /* key -> expansion (scope owner) */
  GHashTable *abbr_word;   /* key -> expansion (scope word) */
  GHashTable *owner_words; /* key -> OW_* bits */
  guint owner_words_max;
  GHashTable *words;       /* lower-case word set */
  GHashTable *confusables; /* gunichar -> gunichar (Latin) */
  StatusWord *status_rows;
} NormTables;

/* The tables, built on first use (thread-safe): (transfer none). */
const NormTables *norm_tables (void);

static inline const pcre2_code *
norm_pattern (NormPattern id)
{
  return ps_pattern_set_get (norm_tables ()->patterns, (int) id);
}

/* ps_text_key of the bytes [s, s+len), quicker for plain ASCII:
 * (transfer full). */
char *norm_key (const char *s, gsize len);
/* ps_text_key of s looked up in table: the value, or NULL. */
gpointer norm_lookup (GHashTable *table, const char *s);
/* The same for the bytes [s, s+len). */
gpointer norm_lookup_len (GHashTable *table, const char *s, gsize len);

/* Matches code at exactly offset (the patterns start with \G); returns the
 * number of groups + 1, or <= 0 when it does not match.  md is the caller's
 * (one per call chain). */
int norm_match_at (const pcre2_code *code, const char *subject, gsize len, gsize offset,
                   pcre2_match_data *md);
/* Searches from offset on. */
int norm_search (const pcre2_code *code, const char *subject, gsize len, gsize offset,
                 pcre2_match_data *md);
/* Span of a named group of the last match; FALSE when it did not take part
 * (with PCRE2_DUPNAMES, the first that did). */
gboolean norm_named_span (const pcre2_code *code, pcre2_match_data *md, const char *name,
                          gsize *start, gsize *end);
/* End offset of the whole match. */
gsize norm_match_end (pcre2_match_data *md);
gsize norm_match_start (pcre2_match_data *md);
/* A named group as an int (atoi of its digits), or fallback. */
int norm_named_int (const pcre2_code *code, pcre2_match_data *md, const char *subject,
                    const char *name, int fallback);

/* ---- calendar (calendar.c) ---------------------------------------------- */

typedef struct
{
  int y, m, d; /* d == 0: not set */
} Ymd;

int norm_days_in_month (int y, int m);
gboolean norm_ymd_valid (Ymd v);
/* Months since year 0: y * 12 + (m - 1). */
static inline int
norm_month_index (int y, int m)
{
  return y * 12 + (m - 1);
}
Ymd norm_month_start (int index);
Ymd norm_month_end (int index);
Ymd norm_ymd_add_days (Ymd v, int days);
int norm_ymd_compare (Ymd a, Ymd b);
/* "YYYY-MM-DD" into buf[11]; "" for an unset date. */
void norm_ymd_format (Ymd v, char buf[11]);
/* Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (m, d 0 when missing). */
gboolean norm_ymd_parse (const char *s, Ymd *out);

/* ---- the per-document context (normalise.c, refs.c, repair.c) ------------ */

struct PsNormaliseContext
{
  const PsItemList *list;
  Ymd date;                 /* the document's date; y == 0 when unknown */
  GHashTable *item_index;   /* PsItem* -> index + 1 */
  GHashTable *by_ref;       /* normalised ref -> GArray of guint item indices */
  GHashTable *by_number;    /* normalised number -> GArray of guint */
  GHashTable *sources;      /* normalised ref source ("abc cex") -> TRUE */
  guint max_source_words;
  GHashTable *glossary;     /* key -> expansion */
  GHashTable *words;        /* lower-case word -> count, over the document */
  GHashTable *capitalised;  /* lower-case tail of a capitalised word ("ayne") ->
                               the word, or "" when two words share it */
  GHashTable *bigrams;      /* "word word" (lower case) -> TRUE */
  GHashTable *acronyms;     /* upper-case initials -> the phrases that spell them
                               (repair.c), for the acronyms owner cells use */
};

/* Normalises a ref for comparison: whitespace collapsed, case folded,
 * trailing full stops dropped: (transfer full). */
char *norm_ref_key (const char *ref);
/* The item a mention names, as its index, or -1.  self is the index of the
 * item that mentions it (excluded), or -1; dir is -1 for "above", +1 for
 * "below", 0 when not said. */
int norm_ref_resolve (const PsNormaliseContext *ctx, const char *number, const char *source,
                      int self, int dir);
/* Reads a known ref source at text[*pos] (after a number): the source as
 * printed (transfer full) and *pos moved past it, or NULL. */
char *norm_ref_read_source (const PsNormaliseContext *ctx, const char *text, gsize len,
                            gsize *pos);
int norm_item_index (const PsNormaliseContext *ctx, const PsItem *item);
/* Follows references: step[i] is the item i points at (or -1); is_ref
 * says whether an item's value is itself a reference.  Sets final[i]
 * (which must hold -2 on entry) to the first item on i's chain that is no
 * reference, or -1 (no item, or a cycle). */
void norm_resolve_chains (int n, const int *step, int *final,
                          gboolean (*is_ref) (gconstpointer data, int i), gconstpointer data);
void norm_context_index_refs (PsNormaliseContext *ctx);

/* Word knowledge for repairs (repair.c). */
gboolean norm_word_is_known (const PsNormaliseContext *ctx, const char *word, gsize len,
                             guint min_doc_count);
void norm_context_index_words (PsNormaliseContext *ctx);
/* The document's expansion of an acronym ("CMT" -> "Council Management
 * Team"), or NULL: (transfer none). */
const char *norm_context_acronym (const PsNormaliseContext *ctx, const char *abbr);

/* The owner-vocabulary bits of one word (data/owner_words.tsv). */
guint norm_owner_bits (const char *word, gsize len);

/* Letters from other scripts that look Latin, folded when a word is made
 * only of Latin letters and such: (transfer full). */
char *norm_fold_confusables (const char *word, gsize len);

/* ---- shared helpers ----------------------------------------------------- */

/* Replaces dashes (en, em, minus, non-breaking hyphen) with '-', and
 * typographic quotes with ASCII ones: (transfer full). */
char *norm_ascii_punct (const char *s);

/* Due reference pattern at the start of text: TRUE with the number and
 * source (transfer full, either may be NULL: "As above") and the direction. */
gboolean norm_parse_reference (const PsNormaliseContext *ctx, const char *text,
                               char **number, char **source, int *dir, gsize *end);

#endif /* PS_NORMALISE_PRIVATE_H */
