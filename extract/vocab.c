/* vocab.c — column header vocabulary (data/header_roles.tsv). */
#include "extract_private.h"

#include <string.h>

extern const PsTsvTable ps_header_roles_table;

static gpointer
build_header_vocab (gpointer data)
{
  (void) data;
  return ps_vocab_new (&ps_header_roles_table, 0);
}

static const PsVocab *
header_vocab (void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once (&once, build_header_vocab, NULL);
}

/* Longest phrase of the vocabulary starting at words[i]: its row, and the
 * number of words it covers in *len. */
static long
longest_phrase (const PsVocab *vocab, char **words, guint n, guint i, guint *len)
{
  for (guint k = MIN (n - i, 6u); k >= 1; k--)
    {
      GString *s = g_string_new (NULL);
      for (guint j = 0; j < k; j++)
        {
          if (j)
            g_string_append_c (s, ' ');
          g_string_append (s, words[i + j]);
        }
      long row = ps_vocab_lookup (vocab, s->str);
      g_string_free (s, TRUE);
      if (row >= 0)
        {
          *len = k;
          return row;
        }
    }
  return -1;
}

guint
ps_header_roles (const char *header, PsRole *roles, guint max, PsItemKind *kind)
{
  return ps_header_roles_coverage (header, roles, max, kind, NULL);
}

guint
ps_header_roles_coverage (const char *header, PsRole *roles, guint max, PsItemKind *kind,
                          double *coverage)
{
  const PsVocab *vocab = header_vocab ();
  const PsTsvTable *t = ps_vocab_table (vocab);
  guint n_roles = 0, covered = 0;
  *kind = PS_ITEM_KIND_UNKNOWN;
  if (coverage)
    *coverage = 0.0;
  g_autofree char *key = ps_text_key (header);
  if (!key || !*key)
    return 0;
  g_auto (GStrv) words = g_strsplit (key, " ", -1);
  guint n = g_strv_length (words);
  /* Headers are short; a long cell is content, not a header. */
  if (n > 40)
    return 0;
  for (guint i = 0; i < n;)
    {
      guint len = 1;
      long row = longest_phrase (vocab, words, n, i, &len);
      if (row < 0)
        {
          i++;
          continue;
        }
      covered += len;
      PsRole role = ps_role_from_string (ps_tsv_cell (t, row, 1));
      gboolean seen = FALSE;
      for (guint r = 0; r < n_roles; r++)
        seen |= roles[r] == role;
      if (!seen && n_roles < max && role != PS_ROLE_NONE)
        {
          roles[n_roles++] = role;
          if (*kind == PS_ITEM_KIND_UNKNOWN)
            *kind = ps_item_kind_from_string (ps_tsv_cell (t, row, 2));
        }
      i += len;
    }
  if (coverage && n)
    *coverage = (double) covered / n;
  return n_roles;
}

extern const PsTsvTable ps_extract_owner_words;

static gpointer
build_owner_vocab (gpointer data)
{
  (void) data;
  return ps_vocab_new (&ps_extract_owner_words, 0);
}

gboolean
ps_text_names_owner (const char *text)
{
  static GOnce once = G_ONCE_INIT;
  const PsVocab *vocab = g_once (&once, build_owner_vocab, NULL);
  const PsTsvTable *t = ps_vocab_table (vocab);
  g_autofree char *key = ps_text_key (text);
  if (!key || !*key)
    return FALSE;
  g_auto (GStrv) words = g_strsplit (key, " ", -1);
  guint n = g_strv_length (words);
  for (guint i = 0; i < n; i++)
    {
      guint len;
      long row = longest_phrase (vocab, words, n, i, &len);
      if (row < 0)
        continue;
      const char *kind = ps_tsv_cell (t, row, 1);
      if (g_str_equal (kind, "role") || g_str_equal (kind, "team") || g_str_equal (kind, "body"))
        return TRUE;
    }
  return FALSE;
}
