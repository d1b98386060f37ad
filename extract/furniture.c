/* furniture.c — page furniture: page numbers, continuation notes, and
 * running headers and footers.
 *
 * A continuation note ("Continues over the page", "(cont.)") is never
 * content, wherever it sits.  A page number ("12", "Page 3 of 10") is
 * furniture only in the page's top or bottom margin, since a cell or a list
 * may hold a bare number too.  Other text in those margins is furniture
 * when it comes back at the same height on many pages, digits aside
 * ("Annual report 2023 – page 4"), and is not a row of several columns: a
 * table header repeated on each page sits at the same height too. */
#include "layout_private.h"

#include <math.h>
#include <string.h>

/* The margins: this share of the page height at the top and the bottom. */
#define MARGIN_SHARE 0.1
/* Pieces of a line further apart than this many ems are separate texts. */
#define CHUNK_GAP_EM 2.5
/* Same height on different pages, within this many points. */
#define SAME_Y 4.0

typedef struct
{
  guint page;     /* index into pages */
  guint first, n; /* into the page's index array */
  double y;       /* centre */
  char *key;      /* text with digits as '#' (owned) */
} Piece;

static void
piece_clear (gpointer data)
{
  g_free (((Piece *) data)->key);
}

static char *
digit_key (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    g_string_append_c (s, g_ascii_isdigit (*p) ? '#' : *p);
  return g_string_free (s, FALSE);
}

static gboolean
has_digit (const char *s)
{
  for (; *s; s++)
    if (g_ascii_isdigit (*s))
      return TRUE;
  return FALSE;
}

static void
mark (LayoutPage *lp, const guint *idx, guint first, guint n)
{
  for (guint i = 0; i < n; i++)
    lp->state[idx[first + i]] = WORD_FURNITURE;
}

static char *
piece_text (const PsPage *page, const guint *idx, guint first, guint n)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      if (i)
        g_string_append_c (s, ' ');
      g_string_append (s, page_word (page, idx[first + i])->text);
    }
  return g_string_free (s, FALSE);
}

/* Cuts each band into pieces at wide gaps; decides continuation notes and
 * page numbers at once, and keeps the margin pieces as candidates for
 * running headers and footers. */
static void
scan_page (LayoutPage *lp, guint p, GArray *idx, GArray *pieces)
{
  const PsPage *page = lp->page;
  for (guint i = 0; i < page->words->len; i++)
    if (lp->state[i] == WORD_FREE)
      g_array_append_val (idx, i);
  guint *ix = (guint *) idx->data;
  g_autoptr (GArray) bands = ps_layout_bands (page, ix, idx->len);
  double top = page->height * MARGIN_SHARE, bottom = page->height * (1 - MARGIN_SHARE);
  for (guint b = 0; b < bands->len; b++)
    {
      const Band *band = &g_array_index (bands, Band, b);
      /* Pieces of the band. */
      guint starts[64], lens[64], n_pieces = 0;
      guint start = band->first;
      for (guint i = band->first + 1; i <= band->first + band->n; i++)
        {
          gboolean cut = i == band->first + band->n;
          if (!cut)
            {
              const PsWord *a = page_word (page, ix[i - 1]), *w = page_word (page, ix[i]);
              double em = MAX (ps_layout_word_size (a), ps_layout_word_size (w));
              cut = w->box.x0 - a->box.x1 > CHUNK_GAP_EM * em;
            }
          if (cut)
            {
              if (n_pieces < G_N_ELEMENTS (starts))
                {
                  starts[n_pieces] = start;
                  lens[n_pieces++] = i - start;
                }
              start = i;
            }
        }
      gboolean margin = band->box.y1 <= top || band->box.y0 >= bottom;
      for (guint k = 0; k < n_pieces; k++)
        {
          g_autofree char *text = piece_text (page, ix, starts[k], lens[k]);
          if (ps_extract_matches (PAT_FURNITURE, text))
            {
              if (!has_digit (text) || margin)
                {
                  mark (lp, ix, starts[k], lens[k]);
                  continue;
                }
            }
          if (!margin || n_pieces > 2)
            continue;
          Piece pc = { p, starts[k], lens[k], box_cy (&band->box), digit_key (text) };
          g_array_append_val (pieces, pc);
        }
    }
}

static int
compare_pieces (gconstpointer a, gconstpointer b)
{
  const Piece *x = a, *y = b;
  int c = strcmp (x->key, y->key);
  if (c)
    return c;
  if (x->y != y->y)
    return x->y < y->y ? -1 : 1;
  return (x->page > y->page) - (x->page < y->page);
}

void
ps_furniture_mark (LayoutPage *pages, guint n_pages)
{
  g_autoptr (GPtrArray) idxs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (GArray) pieces = g_array_new (FALSE, TRUE, sizeof (Piece));
  g_array_set_clear_func (pieces, piece_clear);
  for (guint p = 0; p < n_pages; p++)
    {
      GArray *idx = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_add (idxs, idx);
      scan_page (&pages[p], p, idx, pieces);
    }
  if (n_pages < 2)
    return;
  /* Running text: the same key at the same height on enough pages.  Sorted
   * by key then height, each run of equal keys is scanned with a window of
   * heights, so this stays O(n log n) however many pages there are. */
  guint need = MAX (2u, (n_pages * 2 + 4) / 5);
  g_array_sort (pieces, compare_pieces);
  Piece *pc = (Piece *) (void *) pieces->data;
  guint n = pieces->len;
  for (guint i = 0; i < n;)
    {
      guint j = i;
      while (j < n && strcmp (pc[j].key, pc[i].key) == 0)
        j++;
      guint lo = i, unmarked = i;
      for (guint k = i; k < j; k++)
        {
          while (pc[k].y - pc[lo].y > 2 * SAME_Y)
            lo++;
          /* pieces lo..k lie within 2*SAME_Y of each other; each piece is
           * marked once however many windows it is in. */
          if (k - lo + 1 >= need)
            {
              for (guint m = MAX (lo, unmarked); m <= k; m++)
                {
                  GArray *idx = g_ptr_array_index (idxs, pc[m].page);
                  mark (&pages[pc[m].page], (const guint *) idx->data, pc[m].first, pc[m].n);
                }
              unmarked = k + 1;
            }
        }
      i = j;
    }
}
