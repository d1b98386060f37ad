/* match.c — pairing predicted items with gold items, one-to-one. */
#include "eval_private.h"

#include <stdlib.h>
#include <string.h>

#include "ps_text.h"

char *
eval_ref_key (const char *ref)
{
  if (!ref)
    return NULL;
  g_autofree char *flat = ps_text_flatten (ref);
  g_autofree char *nfkc = g_utf8_normalize (flat, -1, G_NORMALIZE_ALL_COMPOSE);
  char *key = g_utf8_casefold (nfkc ? nfkc : flat, -1);
  /* "1." and "1" are the same number printed two ways. */
  gsize len = strlen (key);
  while (len > 0 && (key[len - 1] == '.' || key[len - 1] == ' '))
    key[--len] = '\0';
  if (len == 0)
    g_clear_pointer (&key, g_free);
  return key;
}

char *
eval_item_label (const PsItem *item)
{
  if (item->ref && item->ref[0])
    return ps_text_flatten (item->ref);
  g_autofree char *flat = ps_text_flatten (item->text ? item->text : "");
  if (g_utf8_strlen (flat, -1) <= 40)
    return g_strdup_printf ("\"%s\"", flat);
  g_autofree char *head = g_utf8_substring (flat, 0, 40);
  return g_strdup_printf ("\"%s…\"", head);
}

/* ---- matching by ref ---------------------------------------------------- */

/* Pairs items that share a ref key, the n-th gold item of a key with the
 * n-th predicted one, so a ref printed twice ("38 BCP CEx" on two rows)
 * still pairs in document order.  Marks what it used. */
static void
match_by_ref (const PsItemList *gold, const PsItemList *pred, GArray *pairs, gboolean *gold_used,
              gboolean *pred_used)
{
  /* key -> GQueue of gold indices, in document order */
  g_autoptr (GHashTable) queues
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_queue_free);
  for (guint g = 0; g < gold->items->len; g++)
    {
      const PsItem *item = g_ptr_array_index (gold->items, g);
      char *key = eval_ref_key (item->ref);
      if (!key)
        continue;
      GQueue *q = g_hash_table_lookup (queues, key);
      if (!q)
        {
          q = g_queue_new ();
          g_hash_table_insert (queues, key, q);
        }
      else
        g_free (key);
      g_queue_push_tail (q, GUINT_TO_POINTER (g));
    }
  for (guint p = 0; p < pred->items->len; p++)
    {
      const PsItem *item = g_ptr_array_index (pred->items, p);
      g_autofree char *key = eval_ref_key (item->ref);
      GQueue *q = key ? g_hash_table_lookup (queues, key) : NULL;
      if (!q || g_queue_is_empty (q))
        continue;
      EvalPair pair = { GPOINTER_TO_UINT (g_queue_pop_head (q)), p };
      g_array_append_val (pairs, pair);
      gold_used[pair.gold] = TRUE;
      pred_used[p] = TRUE;
    }
}

/* ---- matching by text --------------------------------------------------- */

/* An item's word keys, sorted, so the Dice coefficient of two items is one
 * merge: the same value as ps_text_similarity, without re-keying each text
 * for every pair (leftovers are compared all against all). */
typedef struct
{
  char *key;    /* owns the words */
  GPtrArray *words; /* char*, pointers into key, sorted */
} Words;

static int
compare_strings (const void *a, const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
words_init (Words *w, const char *text)
{
  w->key = ps_text_key (text ? text : "");
  w->words = g_ptr_array_new ();
  for (char *p = w->key; *p;)
    {
      char *space = strchr (p, ' ');
      if (space)
        *space = '\0';
      if (*p)
        g_ptr_array_add (w->words, p);
      if (!space)
        break;
      p = space + 1;
    }
  if (w->words->len > 1)
    qsort (w->words->pdata, w->words->len, sizeof (char *), compare_strings);
}

static void
words_clear (Words *w)
{
  g_free (w->key);
  g_ptr_array_unref (w->words);
}

static double
dice (const Words *a, const Words *b)
{
  guint na = a->words->len, nb = b->words->len;
  if (na + nb == 0)
    return 1.0;
  guint i = 0, j = 0, common = 0;
  while (i < na && j < nb)
    {
      int c = strcmp (g_ptr_array_index (a->words, i), g_ptr_array_index (b->words, j));
      if (c == 0)
        common++, i++, j++;
      else if (c < 0)
        i++;
      else
        j++;
    }
  return 2.0 * common / (na + nb);
}

/* The sorted words joined by spaces: equal exactly when similarity is 1.
 * (transfer full) */
static char *
words_signature (const Words *w)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < w->words->len; i++)
    {
      if (i)
        g_string_append_c (s, ' ');
      g_string_append (s, g_ptr_array_index (w->words, i));
    }
  return g_string_free (s, FALSE);
}

typedef struct
{
  double similarity;
  guint gold, pred;
} Candidate;

/* Best similarity first; ties go to the earlier gold, then the earlier
 * prediction, so the result does not depend on the sort's stability. */
static int
compare_candidates (const void *pa, const void *pb)
{
  const Candidate *a = pa, *b = pb;
  if (a->similarity != b->similarity)
    return a->similarity > b->similarity ? -1 : 1;
  if (a->gold != b->gold)
    return a->gold < b->gold ? -1 : 1;
  if (a->pred != b->pred)
    return a->pred < b->pred ? -1 : 1;
  return 0;
}

/* Pairs the items left over (unnumbered, or whose ref found no partner) by
 * text: all pairs at or above PS_EVAL_MATCH_SIMILARITY, best first, each
 * item used once. */
static void
match_by_text (const PsItemList *gold, const PsItemList *pred, GArray *pairs, gboolean *gold_used,
               gboolean *pred_used)
{
  guint ng = gold->items->len, np = pred->items->len;
  Words *gw = g_new0 (Words, ng);
  Words *pw = g_new0 (Words, np);
  for (guint g = 0; g < ng; g++)
    if (!gold_used[g])
      words_init (&gw[g], ((const PsItem *) g_ptr_array_index (gold->items, g))->text);
  for (guint p = 0; p < np; p++)
    if (!pred_used[p])
      words_init (&pw[p], ((const PsItem *) g_ptr_array_index (pred->items, p))->text);

  /* Identical word multisets (similarity 1) pair first, in document order —
   * what the greedy pass below would do anyway, but without an all-pairs
   * candidate list when a plan repeats one text many times. */
  g_autoptr (GHashTable) same
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_queue_free);
  for (guint p = 0; p < np; p++)
    {
      if (pred_used[p])
        continue;
      char *sig = words_signature (&pw[p]);
      GQueue *q = g_hash_table_lookup (same, sig);
      if (!q)
        {
          q = g_queue_new ();
          g_hash_table_insert (same, sig, q);
        }
      else
        g_free (sig);
      g_queue_push_tail (q, GUINT_TO_POINTER (p));
    }
  for (guint g = 0; g < ng; g++)
    {
      if (gold_used[g])
        continue;
      g_autofree char *sig = words_signature (&gw[g]);
      GQueue *q = g_hash_table_lookup (same, sig);
      if (!q || g_queue_is_empty (q))
        continue;
      EvalPair pair = { g, GPOINTER_TO_UINT (g_queue_pop_head (q)) };
      g_array_append_val (pairs, pair);
      gold_used[pair.gold] = pred_used[pair.pred] = TRUE;
    }

  g_autoptr (GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  for (guint g = 0; g < ng; g++)
    {
      if (gold_used[g])
        continue;
      for (guint p = 0; p < np; p++)
        {
          if (pred_used[p])
            continue;
          guint na = gw[g].words->len, nb = pw[p].words->len;
          /* Dice can never exceed 2·min/(na+nb): skip pairs that cannot reach
           * the threshold without merging them. */
          if (na + nb > 0 && 2.0 * MIN (na, nb) / (na + nb) < PS_EVAL_MATCH_SIMILARITY)
            continue;
          Candidate c = { dice (&gw[g], &pw[p]), g, p };
          if (c.similarity >= PS_EVAL_MATCH_SIMILARITY)
            g_array_append_val (candidates, c);
        }
    }
  if (candidates->len > 1)
    qsort (candidates->data, candidates->len, sizeof (Candidate), compare_candidates);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      if (gold_used[c->gold] || pred_used[c->pred])
        continue;
      EvalPair pair = { c->gold, c->pred };
      g_array_append_val (pairs, pair);
      gold_used[c->gold] = pred_used[c->pred] = TRUE;
    }

  for (guint g = 0; g < ng; g++)
    if (gw[g].words)
      words_clear (&gw[g]);
  for (guint p = 0; p < np; p++)
    if (pw[p].words)
      words_clear (&pw[p]);
  g_free (gw);
  g_free (pw);
}

static int
compare_pairs (const void *pa, const void *pb)
{
  const EvalPair *a = pa, *b = pb;
  return a->gold < b->gold ? -1 : a->gold > b->gold;
}

GArray *
eval_match (const PsItemList *gold, const PsItemList *pred)
{
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (EvalPair));
  g_autofree gboolean *gold_used = g_new0 (gboolean, gold->items->len + 1);
  g_autofree gboolean *pred_used = g_new0 (gboolean, pred->items->len + 1);
  match_by_ref (gold, pred, pairs, gold_used, pred_used);
  match_by_text (gold, pred, pairs, gold_used, pred_used);
  if (pairs->len > 1)
    qsort (pairs->data, pairs->len, sizeof (EvalPair), compare_pairs);
  return pairs;
}
