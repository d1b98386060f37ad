/* vocab.c — the stage's read-only tables: compiled patterns and the
 * vocabularies under data/, built once and shared by every thread. */
#include "normalise_private.h"

#include <stdlib.h>
#include <string.h>

#include "ps_tsv.h"

extern const PsTsvTable ps_norm_months;
extern const PsTsvTable ps_norm_seasons;
extern const PsTsvTable ps_norm_due_words;
extern const PsTsvTable ps_norm_status_words;
extern const PsTsvTable ps_norm_abbreviations;
extern const PsTsvTable ps_norm_owner_words;
extern const PsTsvTable ps_norm_words;
extern const PsTsvTable ps_norm_confusables;

static guint
count_words (const char *key)
{
  guint n = *key ? 1 : 0;
  for (const char *p = key; *p; p++)
    if (*p == ' ')
      n++;
  return n;
}

/* Inserts key(text) -> value; the first row of a key wins.  Returns the
 * phrase length in words. */
static guint
insert_keyed (GHashTable *table, const char *text, gpointer value)
{
  char *key = ps_text_key (text);
  guint n = count_words (key);
  if (!*key || g_hash_table_contains (table, key))
    g_free (key);
  else
    g_hash_table_insert (table, key, value);
  return n;
}

static PsDueKind
due_kind_of (const char *s)
{
  PsDueKind k = ps_due_kind_from_string (s);
  return k;
}

static NormTables *
build_tables (void)
{
  NormTables *t = g_new0 (NormTables, 1);
  g_autoptr (GError) error = NULL;
  gsize n = 0;
  PsPatternDef *defs = norm_pattern_defs_expand (&n);
  t->patterns = ps_pattern_set_new (defs, n, &error);
  norm_pattern_defs_free (defs, n);
  /* The table is part of the program: a pattern that does not compile is a
   * bug the unit tests catch, not bad input. */
  if (!t->patterns)
    g_error ("normalise patterns: %s", error->message);

  t->months = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (long r = 0; r < ps_norm_months.n_rows; r++)
    insert_keyed (t->months, ps_tsv_cell (&ps_norm_months, r, 0),
                  GINT_TO_POINTER (atoi (ps_tsv_cell (&ps_norm_months, r, 1))));
  t->seasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (long r = 0; r < ps_norm_seasons.n_rows; r++)
    insert_keyed (t->seasons, ps_tsv_cell (&ps_norm_seasons, r, 0),
                  GINT_TO_POINTER (atoi (ps_tsv_cell (&ps_norm_seasons, r, 1))));

  t->due_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (long r = 0; r < ps_norm_due_words.n_rows; r++)
    t->due_words_max
        = MAX (t->due_words_max,
               insert_keyed (t->due_words, ps_tsv_cell (&ps_norm_due_words, r, 0),
                             GINT_TO_POINTER (1 + due_kind_of (ps_tsv_cell (&ps_norm_due_words, r, 1)))));

  t->status_rows = g_new0 (StatusWord, ps_norm_status_words.n_rows + 1);
  t->status_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (long r = 0; r < ps_norm_status_words.n_rows; r++)
    {
      StatusWord *w = &t->status_rows[r];
      w->canonical = ps_tsv_cell (&ps_norm_status_words, r, 1);
      w->rag = ps_tsv_cell (&ps_norm_status_words, r, 2);
      w->whole = strcmp (ps_tsv_cell (&ps_norm_status_words, r, 3), "1") == 0;
      t->status_words_max = MAX (
          t->status_words_max, insert_keyed (t->status_words, ps_tsv_cell (&ps_norm_status_words, r, 0), w));
    }

  t->abbr_owner = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  t->abbr_word = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (long r = 0; r < ps_norm_abbreviations.n_rows; r++)
    {
      const char *scope = ps_tsv_cell (&ps_norm_abbreviations, r, 2);
      insert_keyed (strcmp (scope, "word") == 0 ? t->abbr_word : t->abbr_owner,
                    ps_tsv_cell (&ps_norm_abbreviations, r, 0),
                    (gpointer) ps_tsv_cell (&ps_norm_abbreviations, r, 1));
    }

  /* One phrase can be several kinds ("executive": a body, and a modifier in
   * "Executive Director"): the value is a set of bits. */
  t->owner_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (long r = 0; r < ps_norm_owner_words.n_rows; r++)
    {
      const char *kind = ps_tsv_cell (&ps_norm_owner_words, r, 1);
      guint bit = strcmp (kind, "role") == 0       ? OW_ROLE
                  : strcmp (kind, "team") == 0     ? OW_TEAM
                  : strcmp (kind, "body") == 0     ? OW_BODY
                  : strcmp (kind, "modifier") == 0 ? OW_MODIFIER
                  : strcmp (kind, "honorific") == 0 ? OW_HONORIFIC
                  : strcmp (kind, "label") == 0    ? OW_LABEL
                  : strcmp (kind, "joiner") == 0   ? OW_JOINER
                  : strcmp (kind, "complement") == 0 ? OW_COMPLEMENT
                  : strcmp (kind, "minor") == 0    ? OW_MINOR
                                                   : 0;
      char *key = ps_text_key (ps_tsv_cell (&ps_norm_owner_words, r, 0));
      if (!*key)
        {
          g_free (key);
          continue;
        }
      t->owner_words_max = MAX (t->owner_words_max, count_words (key));
      guint old = GPOINTER_TO_UINT (g_hash_table_lookup (t->owner_words, key));
      g_hash_table_insert (t->owner_words, key, GUINT_TO_POINTER (old | bit));
    }

  t->words = g_hash_table_new (g_str_hash, g_str_equal);
  for (long r = 0; r < ps_norm_words.n_rows; r++)
    g_hash_table_add (t->words, (gpointer) ps_tsv_cell (&ps_norm_words, r, 0));

  t->confusables = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (long r = 0; r < ps_norm_confusables.n_rows; r++)
    {
      gunichar from = g_utf8_get_char_validated (ps_tsv_cell (&ps_norm_confusables, r, 0), -1);
      gunichar to = g_utf8_get_char_validated (ps_tsv_cell (&ps_norm_confusables, r, 1), -1);
      if (from < 0x110000 && to < 0x80)
        g_hash_table_insert (t->confusables, GUINT_TO_POINTER (from), GUINT_TO_POINTER (to));
    }
  return t;
}

const NormTables *
norm_tables (void)
{
  static gsize once = 0;
  static NormTables *tables;
  if (g_once_init_enter (&once))
    {
      tables = build_tables ();
      g_once_init_leave (&once, 1);
    }
  return tables;
}

void
ps_normalise_init (void)
{
  (void) norm_tables ();
}

/* ps_text_key for plain ASCII, without normalising and case folding the
 * whole Unicode way: the look-ups run once per word of a cell, and a cell
 * can be a megabyte.  It must give exactly what ps_text_key gives. */
static gboolean
ascii_key (const char *s, gsize len, GString *out)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) s[i] >= 0x80 || s[i] == '\0')
      return FALSE;
  g_string_truncate (out, 0);
  gboolean pending_space = FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = s[i];
      if (c == '&')
        {
          if (out->len)
            g_string_append_c (out, ' ');
          g_string_append (out, "and");
          pending_space = TRUE;
          continue;
        }
      if ((c == '\'' || c == '-') && out->len && g_ascii_isalnum (out->str[out->len - 1]) && i + 1 < len
          && g_ascii_isalnum (s[i + 1]))
        {
          g_string_append_c (out, c);
          continue;
        }
      if (g_ascii_isspace (c) || c == '\v' || c == '\f' || c == '/' || c == '|'
          || (g_ascii_ispunct (c) && !strchr ("$+<=>^`~", c)))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, g_ascii_tolower (c));
    }
  return TRUE;
}

char *
norm_key (const char *s, gsize len)
{
  GString *key = g_string_sized_new (len + 8);
  if (ascii_key (s, len, key))
    return g_string_free (key, FALSE);
  g_string_free (key, TRUE);
  g_autofree char *copy = g_strndup (s, len);
  return ps_text_key (copy);
}

gpointer
norm_lookup_len (GHashTable *table, const char *s, gsize len)
{
  g_autofree char *key = norm_key (s, len);
  return key && *key ? g_hash_table_lookup (table, key) : NULL;
}

gpointer
norm_lookup (GHashTable *table, const char *s)
{
  return norm_lookup_len (table, s, strlen (s));
}

int
norm_match_at (const pcre2_code *code, const char *subject, gsize len, gsize offset,
               pcre2_match_data *md)
{
  if (offset > len)
    return -1;
  return pcre2_match (code, (PCRE2_SPTR) subject, len, offset, 0, md, NULL);
}

int
norm_search (const pcre2_code *code, const char *subject, gsize len, gsize offset,
             pcre2_match_data *md)
{
  return norm_match_at (code, subject, len, offset, md);
}

gboolean
norm_named_span (const pcre2_code *code, pcre2_match_data *md, const char *name, gsize *start,
                 gsize *end)
{
  PCRE2_SPTR first, last;
  int size = pcre2_substring_nametable_scan (code, (PCRE2_SPTR) name, &first, &last);
  if (size <= 0)
    return FALSE;
  for (PCRE2_SPTR e = first; e <= last; e += size)
    {
      guint num = ((guint) e[0] << 8) | e[1];
      if (ps_match_span (md, num, start, end))
        return TRUE;
    }
  return FALSE;
}

gsize
norm_match_end (pcre2_match_data *md)
{
  return pcre2_get_ovector_pointer (md)[1];
}

gsize
norm_match_start (pcre2_match_data *md)
{
  return pcre2_get_ovector_pointer (md)[0];
}

int
norm_named_int (const pcre2_code *code, pcre2_match_data *md, const char *subject,
                const char *name, int fallback)
{
  gsize s, e;
  if (!norm_named_span (code, md, name, &s, &e) || e <= s || e - s > 9)
    return fallback;
  int v = 0;
  for (gsize i = s; i < e; i++)
    {
      if (!g_ascii_isdigit (subject[i]))
        return fallback;
      v = v * 10 + (subject[i] - '0');
    }
  return v;
}

guint
norm_owner_bits (const char *word, gsize len)
{
  return GPOINTER_TO_UINT (norm_lookup_len (norm_tables ()->owner_words, word, len));
}

char *
norm_fold_confusables (const char *word, gsize len)
{
  const NormTables *t = norm_tables ();
  gboolean any = FALSE;
  for (const char *p = word; p < word + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_hash_table_contains (t->confusables, GUINT_TO_POINTER (c)))
        any = TRUE;
      else if (c >= 0x80)
        return g_strndup (word, len); /* another script for real: leave it */
    }
  if (!any)
    return g_strndup (word, len);
  GString *out = g_string_sized_new (len);
  for (const char *p = word; p < word + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gpointer to = g_hash_table_lookup (t->confusables, GUINT_TO_POINTER (c));
      g_string_append_unichar (out, to ? GPOINTER_TO_UINT (to) : c);
    }
  return g_string_free (out, FALSE);
}

char *
norm_ascii_punct (const char *s)
{
  g_autofree char *valid = g_utf8_make_valid (s, -1);
  GString *out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      switch (c)
        {
        case 0x2010: /* hyphen */
        case 0x2011: /* non-breaking hyphen */
        case 0x2012: /* figure dash */
        case 0x2013: /* en dash */
        case 0x2014: /* em dash */
        case 0x2015: /* horizontal bar */
        case 0x2212: /* minus */
        case 0xFE58:
        case 0xFE63:
        case 0xFF0D:
          g_string_append_c (out, '-');
          break;
        case 0x2018:
        case 0x2019:
        case 0x201B:
        case 0x2032:
          g_string_append_c (out, '\'');
          break;
        case 0x201C:
        case 0x201D:
          g_string_append_c (out, '"');
          break;
        case 0x2044: /* fraction slash */
        case 0x2215: /* division slash */
          g_string_append_c (out, '/');
          break;
        default:
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}
