/* links.c — cross-references between items: "See 38 DLUHC above",
 * "As action 21 ABC CEx above", "linked to Recommendations 1, 2 and 20",
 * "Point 9 refers", "As a result of 6 above", "See 1.7".
 *
 * Three patterns find mentions: a keyword that names numbers after it
 * (recommendation, action, point, item, …) followed by a list ("1, 2,4 and
 * 19", "13-16"); "see" followed by a list; and a number followed by
 * "above"/"below".  A number may carry a source the document uses in its
 * refs ("38 DLUHC").  Each mention must name an item of the same list
 * (refs.c); mentions that name none are dropped, never invented. */
#include "normalise_private.h"

#include <stdlib.h>
#include <string.h>

typedef struct
{
  gsize pos;   /* where the mention starts in its text */
  guint order; /* the order it was found in, to keep sorting stable */
  int target;
} Found;

/* Ranges ("Recommendations 13-16") are written out up to this many. */
#define MAX_RANGE 30

static void
found_add (GArray *found, gsize pos, int target)
{
  if (target < 0)
    return;
  Found f = { pos, found->len, target };
  g_array_append_val (found, f);
}

static gint
found_compare (gconstpointer a, gconstpointer b)
{
  const Found *x = a, *y = b;
  if (x->pos != y->pos)
    return x->pos < y->pos ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static gboolean
plain_integer (const char *s, int *v)
{
  if (!*s || strlen (s) > 4)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  *v = atoi (s);
  return TRUE;
}

/* Reads a list of numbers at pos ("1, 2,4 and 19", "3 DLUHC above",
 * "13-16") and records the items they name.  need_tail: the first number
 * counts only with "above"/"below" after it. */
static void
read_list (const PsNormaliseContext *ctx, const char *s, gsize len, gsize pos, int self,
           gboolean need_tail, pcre2_match_data *md, GArray *found)
{
  const pcre2_code *num = norm_pattern (NP_LINK_NUMBER);
  const pcre2_code *range_sep = norm_pattern (NP_DUE_RANGE_SEP);
  const pcre2_code *list_sep = norm_pattern (NP_DUE_LIST_SEP);
  const pcre2_code *tail = norm_pattern (NP_REF_TAIL);
  int prev = -1; /* the number before a range separator */
  for (int guard = 0; guard < 64; guard++)
    {
      gsize ns, ne;
      if (norm_match_at (num, s, len, pos, md) <= 0 || !norm_named_span (num, md, "number", &ns, &ne))
        return;
      g_autofree char *number = g_strndup (s + ns, ne - ns);
      gsize p = ne;
      g_autofree char *source = norm_ref_read_source (ctx, s, len, &p);
      int dir = 0;
      if (norm_match_at (tail, s, len, p, md) > 0)
        {
          gsize ds, de;
          if (norm_named_span (tail, md, "dir", &ds, &de))
            dir = g_ascii_tolower (s[ds]) == 'a' ? -1 : 1;
          p = norm_match_end (md);
        }
      if (need_tail && guard == 0 && dir == 0)
        return;
      /* "13-16", "13 to 16": the numbers between, before the last. */
      int b;
      if (prev >= 0 && plain_integer (number, &b) && b > prev + 1 && b - prev <= MAX_RANGE)
        for (int k = prev + 1; k < b; k++)
          {
            char buf[16];
            g_snprintf (buf, sizeof buf, "%d", k);
            found_add (found, ns, norm_ref_resolve (ctx, buf, NULL, self, 0));
          }
      found_add (found, ns, norm_ref_resolve (ctx, number, source, self, dir));
      prev = -1;
      pos = p;
      if (norm_match_at (range_sep, s, len, pos, md) > 0 && norm_match_end (md) > pos)
        {
          gsize after = norm_match_end (md);
          if (norm_match_at (num, s, len, after, md) > 0)
            {
              int a;
              if (plain_integer (number, &a))
                prev = a;
              pos = after;
              continue;
            }
        }
      if (norm_match_at (list_sep, s, len, pos, md) <= 0)
        return;
      gsize after = norm_match_end (md);
      /* A plain space does not continue a list ("Recommendation 3 2024"). */
      if (after == pos || (after - pos == 1 && s[pos] == ' ')
          || norm_match_at (num, s, len, after, md) <= 0)
        return;
      pos = after;
    }
}

static void
scan_text (const PsNormaliseContext *ctx, const char *text, int self, GArray *found)
{
  if (!text || !*text)
    return;
  g_autofree char *flat = ps_text_flatten (text);
  g_autofree char *s = norm_ascii_punct (flat);
  gsize len = strlen (s);
  g_autoptr (pcre2_match_data) md = pcre2_match_data_create (32, NULL);
  g_autoptr (pcre2_match_data) md2 = pcre2_match_data_create (32, NULL);
  static const NormPattern heads[] = { NP_LINK_KEYWORD, NP_LINK_SEE, NP_LINK_DIRECTION };
  g_autoptr (GArray) local = g_array_new (FALSE, FALSE, sizeof (Found));
  for (guint h = 0; h < G_N_ELEMENTS (heads); h++)
    {
      const pcre2_code *code = norm_pattern (heads[h]);
      gboolean direction = heads[h] == NP_LINK_DIRECTION;
      gsize pos = 0;
      while (pos < len && norm_search (code, s, len, pos, md) > 0)
        {
          gsize start = norm_match_start (md), end = norm_match_end (md);
          read_list (ctx, s, len, direction ? start : end, self, direction, md2, local);
          pos = end > pos ? end : pos + 1;
        }
    }
  /* Order of appearance within this text. */
  g_array_sort (local, found_compare);
  for (guint i = 0; i < local->len; i++)
    found_add (found, g_array_index (local, Found, i).pos, g_array_index (local, Found, i).target);
}

/* A link extract left, as its item: a ref ("38 DLUHC"), or a mention
 * ("Recommendation 3"). */
static int
resolve_link (const PsNormaliseContext *ctx, const char *link, int self)
{
  g_autofree char *flat = ps_text_flatten (link);
  int t = norm_ref_resolve (ctx, flat, NULL, self, 0);
  if (t >= 0)
    return t;
  g_autoptr (GArray) one = g_array_new (FALSE, FALSE, sizeof (Found));
  scan_text (ctx, flat, self, one);
  if (!one->len)
    {
      g_autofree char *see = g_strdup_printf ("see %s", flat);
      scan_text (ctx, see, self, one);
    }
  return one->len ? g_array_index (one, Found, 0).target : -1;
}

void
ps_links_find (const PsNormaliseContext *ctx, PsItemList *list, PsItem *item)
{
  g_return_if_fail (ctx != NULL && list != NULL && item != NULL);
  int self = norm_item_index (ctx, item);
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (Found));
  scan_text (ctx, item->text, self, found);
  for (guint i = 0; i < item->fields->len; i++)
    scan_text (ctx, ((const PsField *) g_ptr_array_index (item->fields, i))->text, self, found);
  scan_text (ctx, item->owners_text, self, found);
  scan_text (ctx, item->due.text, self, found);
  scan_text (ctx, item->status.text, self, found);
  /* Links extract found: the same resolution, after the ones read here. */
  for (guint i = 0; i < item->links->len; i++)
    {
      const char *l = g_ptr_array_index (item->links, i);
      if (l)
        found_add (found, 0, resolve_link (ctx, l, self));
    }
  g_ptr_array_set_size (item->links, 0);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < found->len; i++)
    {
      int t = g_array_index (found, Found, i).target;
      if (t == self || t < 0 || g_hash_table_contains (seen, GINT_TO_POINTER (t + 1)))
        continue;
      g_hash_table_add (seen, GINT_TO_POINTER (t + 1));
      const PsItem *target = g_ptr_array_index (list->items, t);
      /* Another item with the item's own ref reads as a link to itself. */
      if (target->ref && g_strcmp0 (target->ref, item->ref) != 0)
        g_ptr_array_add (item->links, (gpointer) target->ref);
    }
}
