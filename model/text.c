/* text.c — whitespace, keys, similarity and vocabularies. */
#include "ps_text.h"

#include <string.h>

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x2007 || c == 0x202F
         || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
}

static gboolean
is_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == '\v' || c == '\f';
}

static char *
collapse (const char *s, gboolean keep_lines)
{
  if (!s)
    return NULL;
  g_autofree char *valid = g_utf8_make_valid (s, -1);
  GString *out = g_string_sized_new (strlen (valid));
  gboolean pending_space = FALSE, pending_break = FALSE;
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (keep_lines && is_break (c))
        {
          pending_break = out->len > 0;
          pending_space = FALSE;
          continue;
        }
      if (is_space (c) || is_break (c) || c == 0x200B || c == 0xFEFF || c == 0x00AD)
        {
          /* Zero-width space, BOM and soft hyphen are invisible: drop them. */
          if (c != 0x200B && c != 0xFEFF && c != 0x00AD)
            pending_space = out->len > 0;
          continue;
        }
      if (pending_break)
        g_string_append_c (out, '\n');
      else if (pending_space)
        g_string_append_c (out, ' ');
      pending_break = pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
ps_text_collapse (const char *s)
{
  return collapse (s, TRUE);
}

char *
ps_text_flatten (const char *s)
{
  return collapse (s, FALSE);
}

static gboolean
is_punct (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
      return TRUE;
    default:
      return FALSE;
    }
}

char *
ps_text_key (const char *s)
{
  if (!s)
    return NULL;
  g_autofree char *valid = g_utf8_make_valid (s, -1);
  g_autofree char *nfkc = g_utf8_normalize (valid, -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *folded = g_utf8_casefold (nfkc ? nfkc : valid, -1);
  GString *out = g_string_new (NULL);
  gboolean pending_space = FALSE;
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '&')
        {
          if (out->len)
            g_string_append_c (out, ' ');
          g_string_append (out, "and");
          pending_space = TRUE;
          continue;
        }
      /* Apostrophes and hyphens inside a word belong to it ("children's",
       * "co-ordinate"); other punctuation separates words. */
      if ((c == '\'' || c == 0x2019 || c == '-') && out->len
          && g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (out->str + out->len)))
          && g_unichar_isalnum (g_utf8_get_char (g_utf8_next_char (p))))
        {
          g_string_append_c (out, c == '-' ? '-' : '\'');
          continue;
        }
      if (is_space (c) || is_break (c) || is_punct (c) || c == '/' || c == '|')
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
ps_text_fold (const char *s)
{
  if (!s)
    return NULL;
  g_autofree char *valid = g_utf8_make_valid (s, -1);
  g_autofree char *nfkc = g_utf8_normalize (valid, -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *folded = g_utf8_casefold (nfkc ? nfkc : valid, -1);
  GString *out = g_string_new (NULL);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!is_space (c) && !is_break (c) && !is_punct (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

double
ps_text_similarity (const char *a, const char *b)
{
  g_autofree char *ka = ps_text_key (a ? a : "");
  g_autofree char *kb = ps_text_key (b ? b : "");
  g_auto (GStrv) wa = g_strsplit (ka, " ", -1);
  g_auto (GStrv) wb = g_strsplit (kb, " ", -1);
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  guint na = 0, nb = 0, common = 0;
  for (char **w = wa; *w; w++)
    if (**w)
      {
        na++;
        g_hash_table_insert (counts, *w,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, *w)) + 1));
      }
  for (char **w = wb; *w; w++)
    if (**w)
      {
        nb++;
        guint c = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *w));
        if (c)
          {
            common++;
            g_hash_table_insert (counts, *w, GUINT_TO_POINTER (c - 1));
          }
      }
  if (na + nb == 0)
    return 1.0;
  return 2.0 * common / (na + nb);
}

struct PsVocab
{
  const PsTsvTable *table;
  GHashTable *rows; /* key (owned) -> row + 1 */
};

PsVocab *
ps_vocab_new (const PsTsvTable *table, int key_col)
{
  PsVocab *v = g_new0 (PsVocab, 1);
  v->table = table;
  v->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (long r = 0; r < table->n_rows; r++)
    {
      char *key = ps_text_key (ps_tsv_cell (table, r, key_col));
      if (!*key || g_hash_table_contains (v->rows, key))
        g_free (key);
      else
        g_hash_table_insert (v->rows, key, GSIZE_TO_POINTER ((gsize) r + 1));
    }
  return v;
}

void
ps_vocab_free (PsVocab *vocab)
{
  if (!vocab)
    return;
  g_hash_table_unref (vocab->rows);
  g_free (vocab);
}

long
ps_vocab_lookup (const PsVocab *vocab, const char *text)
{
  g_autofree char *key = ps_text_key (text);
  gpointer row = key ? g_hash_table_lookup (vocab->rows, key) : NULL;
  return row ? (long) GPOINTER_TO_SIZE (row) - 1 : -1;
}

const PsTsvTable *
ps_vocab_table (const PsVocab *vocab)
{
  return vocab->table;
}
