/* refs.c — finding the item a mention names ("As 19 above", "action 21 ABC
 * CEx", "Recommendation 3"): refs compared with whitespace collapsed, case
 * folded and trailing full stops dropped; a bare number also matches an
 * item whose ref starts with that number ("38" -> "38 DLUHC") when only one
 * does, or, with "above"/"below", the nearest such item that way. */
#include "normalise_private.h"

#include <string.h>

char *
norm_ref_key (const char *ref)
{
  if (!ref)
    return g_strdup ("");
  g_autofree char *flat = ps_text_flatten (ref);
  g_autofree char *ascii = norm_ascii_punct (flat);
  char *key = g_utf8_casefold (ascii, -1);
  gsize n = strlen (key);
  while (n && (key[n - 1] == '.' || key[n - 1] == ' ' || key[n - 1] == ':' || key[n - 1] == ')'))
    {
      /* Keep a closing bracket that belongs to the number: "2(a)". */
      if (key[n - 1] == ')' && strchr (key, '('))
        break;
      key[--n] = '\0';
    }
  return key;
}

/* The leading number of a ref as printed: "33" of "33 ABC CEx", "1.10",
 * "2(a)"; and the words after it. */
static void
split_ref (const char *ref, char **number, char **source)
{
  const char *p = ref;
  while (*p == ' ')
    p++;
  const char *s = p;
  while (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])))
    p++;
  if (p == s)
    {
      *number = NULL;
      *source = NULL;
      return;
    }
  if (g_ascii_isalpha (*p) && !g_ascii_isalpha (p[1]))
    p++;
  if (*p == '(' && strchr (p, ')'))
    p = strchr (p, ')') + 1;
  *number = g_strndup (s, (gsize) (p - s));
  while (*p == ' ' || *p == '.')
    p++;
  *source = *p ? g_strdup (p) : NULL;
}

static void
index_add (GHashTable *table, char *key, guint index)
{
  if (!*key)
    {
      g_free (key);
      return;
    }
  GArray *a = g_hash_table_lookup (table, key);
  if (!a)
    {
      a = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (table, key, a);
    }
  else
    g_free (key);
  g_array_append_val (a, index);
}

void
norm_context_index_refs (PsNormaliseContext *ctx)
{
  const PsItemList *list = ctx->list;
  ctx->item_index = g_hash_table_new (g_direct_hash, g_direct_equal);
  ctx->by_ref = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_array_unref);
  ctx->by_number = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_array_unref);
  ctx->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < list->items->len; i++)
    {
      const PsItem *item = g_ptr_array_index (list->items, i);
      g_hash_table_insert (ctx->item_index, (gpointer) item, GUINT_TO_POINTER (i + 1));
      if (!item->ref)
        continue;
      index_add (ctx->by_ref, norm_ref_key (item->ref), i);
      g_autofree char *number = NULL, *source = NULL;
      split_ref (item->ref, &number, &source);
      const char *num = item->ref_parts.number ? item->ref_parts.number : number;
      const char *src = item->ref_parts.source ? item->ref_parts.source : source;
      if (num)
        index_add (ctx->by_number, norm_ref_key (num), i);
      if (src)
        {
          char *key = ps_text_key (src);
          guint words = 1;
          for (const char *p = key; *p; p++)
            words += *p == ' ';
          if (*key && words <= 4)
            {
              ctx->max_source_words = MAX (ctx->max_source_words, words);
              g_hash_table_replace (ctx->sources, key, GINT_TO_POINTER (1));
            }
          else
            g_free (key);
        }
    }
}

int
norm_item_index (const PsNormaliseContext *ctx, const PsItem *item)
{
  gpointer v = g_hash_table_lookup (ctx->item_index, item);
  return v ? (int) GPOINTER_TO_UINT (v) - 1 : -1;
}

static int
choose (GArray *cands, int self, int dir)
{
  if (!cands)
    return -1;
  int only = -1, n = 0, best = -1;
  for (guint i = 0; i < cands->len; i++)
    {
      int c = (int) g_array_index (cands, guint, i);
      if (c == self)
        continue;
      n++;
      only = c;
      if (dir < 0 && c < self && c > best)
        best = c;
      if (dir > 0 && c > self && (best < 0 || c < best))
        best = c;
    }
  if (n == 1)
    return only;
  return n > 1 && dir != 0 ? best : -1;
}

int
norm_ref_resolve (const PsNormaliseContext *ctx, const char *number, const char *source,
                  int self, int dir)
{
  if (!number || !*number)
    return -1;
  if (source && *source)
    {
      g_autofree char *joined = g_strdup_printf ("%s %s", number, source);
      g_autofree char *key = norm_ref_key (joined);
      return choose (g_hash_table_lookup (ctx->by_ref, key), self, dir);
    }
  g_autofree char *key = norm_ref_key (number);
  int r = choose (g_hash_table_lookup (ctx->by_ref, key), self, dir);
  if (r >= 0)
    return r;
  return choose (g_hash_table_lookup (ctx->by_number, key), self, dir);
}

char *
norm_ref_read_source (const PsNormaliseContext *ctx, const char *text, gsize len, gsize *pos)
{
  if (!ctx->max_source_words)
    return NULL;
  gsize p = *pos;
  while (p < len && (text[p] == ' ' || text[p] == '\t'))
    p++;
  gsize ends[4];
  guint n = 0;
  gsize q = p;
  while (n < ctx->max_source_words && n < G_N_ELEMENTS (ends) && q < len)
    {
      gsize w = q;
      while (q < len && !g_ascii_isspace (text[q]) && text[q] != ',' && text[q] != ';'
             && text[q] != '(' && text[q] != ')')
        q++;
      if (q == w)
        break;
      /* A trailing full stop ends the sentence, not the source. */
      gsize e = q;
      while (e > w && (text[e - 1] == '.' || text[e - 1] == ':'))
        e--;
      ends[n++] = e;
      if (e < q)
        break;
      while (q < len && (text[q] == ' ' || text[q] == '\t'))
        q++;
    }
  for (guint k = n; k-- > 0;)
    {
      g_autofree char *cand = g_strndup (text + p, ends[k] - p);
      g_autofree char *key = norm_key (cand, strlen (cand));
      if (*key && g_hash_table_contains (ctx->sources, key))
        {
          *pos = ends[k];
          return g_steal_pointer (&cand);
        }
    }
  return NULL;
}

gboolean
norm_parse_reference (const PsNormaliseContext *ctx, const char *text, char **number,
                      char **source, int *dir, gsize *end)
{
  *number = *source = NULL;
  *dir = 0;
  const pcre2_code *code = norm_pattern (NP_DUE_REFERENCE);
  gsize len = strlen (text);
  g_autoptr (pcre2_match_data) md = pcre2_match_data_create_from_pattern (code, NULL);
  if (norm_match_at (code, text, len, 0, md) <= 0)
    return FALSE;
  gsize s, e;
  gsize p = norm_match_end (md);
  if (norm_named_span (code, md, "dir", &s, &e) && e > s)
    {
      *dir = g_ascii_tolower (text[s]) == 'b' && g_ascii_tolower (text[s + 1]) == 'e'
                     && g_ascii_tolower (text[s + 2]) == 'l'
                 ? 1
                 : -1;
      *end = p;
      return TRUE;
    }
  if (!norm_named_span (code, md, "number", &s, &e) || e <= s)
    return FALSE;
  *number = g_strndup (text + s, e - s);
  *source = norm_ref_read_source (ctx, text, len, &p);
  const pcre2_code *tail = norm_pattern (NP_REF_TAIL);
  g_autoptr (pcre2_match_data) tmd = pcre2_match_data_create_from_pattern (tail, NULL);
  if (norm_match_at (tail, text, len, p, tmd) > 0)
    {
      gsize ds, de;
      if (norm_named_span (tail, tmd, "dir", &ds, &de))
        *dir = g_ascii_tolower (text[ds]) == 'a' ? -1 : 1;
      p = norm_match_end (tmd);
    }
  *end = p;
  return TRUE;
}

void
norm_resolve_chains (int n, const int *step, int *final, gboolean (*is_ref) (gconstpointer, int),
                     gconstpointer data)
{
  /* final[i]: -2 not yet known, -3 on the walk now (a cycle when met
   * again), else the answer.  Every item is stepped through once, so a
   * long chain of "As N above" costs linear time. */
  g_autoptr (GArray) path = g_array_new (FALSE, FALSE, sizeof (int));
  for (int i = 0; i < n; i++)
    {
      if (!is_ref (data, i) || final[i] != -2)
        continue;
      g_array_set_size (path, 0);
      int cur = i, result = -1;
      for (;;)
        {
          if (final[cur] != -2)
            {
              result = final[cur] == -3 ? -1 : final[cur];
              break;
            }
          final[cur] = -3;
          g_array_append_val (path, cur);
          int t = step[cur];
          if (t < 0 || t >= n)
            break;
          if (!is_ref (data, t))
            {
              result = t;
              break;
            }
          cur = t;
        }
      for (guint k = 0; k < path->len; k++)
        final[g_array_index (path, int, k)] = result;
    }
}
