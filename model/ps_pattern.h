/* ps_pattern.h — PCRE2 patterns as data: each stage keeps its patterns in one
 * table (extract/patterns.c, normalise/patterns.c) of PsPatternDef rows, each
 * with the examples it must and must not match; this compiles a table once
 * (JIT) and matches against it.  The only header that includes <pcre2.h>. */
#ifndef PS_PATTERN_H
#define PS_PATTERN_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <glib.h>
#include <pcre2.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (pcre2_match_data, pcre2_match_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (pcre2_code, pcre2_code_free)

typedef struct
{
  int id;              /* the stage's enum value: row i must have id i */
  const char *name;    /* for messages and tests */
  const char *pattern; /* PCRE2 syntax; compiled with PCRE2_UTF | PCRE2_UCP */
  guint32 flags;       /* extra PCRE2 compile options (PCRE2_CASELESS, …) */
  const char *why;     /* one line: what it recognises and why */
  const char *const *matches; /* NULL-terminated examples it must match */
  const char *const *rejects; /* NULL-terminated examples it must not match */
} PsPatternDef;

typedef struct PsPatternSet PsPatternSet;

/* Compiles every pattern of defs (n rows) with JIT.  A pattern that does not
 * compile is a programmer error: NULL with error naming it.  The set is
 * read-only once built and may be shared by threads. */
PsPatternSet *ps_pattern_set_new (const PsPatternDef *defs, gsize n, GError **error);
void ps_pattern_set_free (PsPatternSet *set);

/* (transfer none) the compiled pattern of row id. */
const pcre2_code *ps_pattern_set_get (const PsPatternSet *set, int id);

/* Matches subject (len bytes, or -1 for NUL-terminated) from offset.
 * Returns new match data (free with pcre2_match_data_free) or NULL when it
 * does not match. */
pcre2_match_data *ps_pattern_match (const pcre2_code *code, const char *subject, gssize len,
                                    gsize offset);

/* Group n (or the named group) of a match: (transfer full), or NULL when the
 * group did not take part. */
char *ps_match_group (pcre2_match_data *md, const char *subject, guint n);
char *ps_match_named (const pcre2_code *code, pcre2_match_data *md, const char *subject,
                      const char *name);

/* Start and end byte offsets of group n; FALSE when unset. */
gboolean ps_match_span (pcre2_match_data *md, guint n, gsize *start, gsize *end);

/* Checks every row's examples; FALSE with a message naming the row and the
 * example on the first failure.  Used by the unit tests. */
gboolean ps_pattern_defs_check (const PsPatternDef *defs, gsize n, GError **error);

G_END_DECLS

#endif /* PS_PATTERN_H */
