/* layout_table.c — a table's grid filled with the words of its page: each
 * word goes to the cell holding its centre; a cell's text is its visual
 * lines, joined by a space where the text wrapped and by '\n' where a line
 * was broken on purpose (ps_layout_words_text), as an HTML cell's text
 * has '\n' only between its paragraphs, list items and <br> lines; its
 * fill is the fill covering most of it. */
#include "layout_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- word index ---------------------------------------------------------- */

/* Buckets at most this many a side: big pages get bigger buckets. */
#define INDEX_SIDE 128

/* A word whose box covers more buckets than this (a hostile or broken
 * box) is kept aside and checked by every query instead. */
#define INDEX_MAX_SPAN 64

/* Buckets in one block (compressed rows): bucket b's words are
 * entries[start[b] .. start[b + 1]), so a page costs a few arrays however
 * many buckets it has. */
struct WordIndex
{
  const LayoutPage *lp;
  double cell_w, cell_h;
  guint nx, ny;
  guint *start;   /* nx * ny + 1 */
  guint *entries; /* word indices */
  GArray *wide;   /* words covering more than INDEX_MAX_SPAN buckets */
  guint *seen;    /* per word: the query that last returned it */
  guint query;
};

static void
bucket_range (const WordIndex *ix, const PsBox *b, guint *x0, guint *y0, guint *x1, guint *y1)
{
  double fx0 = floor (b->x0 / ix->cell_w), fy0 = floor (b->y0 / ix->cell_h);
  double fx1 = floor (b->x1 / ix->cell_w), fy1 = floor (b->y1 / ix->cell_h);
  *x0 = (guint) CLAMP (fx0, 0, ix->nx - 1);
  *y0 = (guint) CLAMP (fy0, 0, ix->ny - 1);
  *x1 = (guint) CLAMP (fx1, 0, ix->nx - 1);
  *y1 = (guint) CLAMP (fy1, 0, ix->ny - 1);
}

/* Word i's bucket range; FALSE when it goes in no bucket (a bad word, or a
 * wide one). */
static gboolean
word_buckets (const WordIndex *ix, guint i, guint *x0, guint *y0, guint *x1, guint *y1)
{
  if (ix->lp->state[i] == WORD_BAD)
    return FALSE;
  bucket_range (ix, &page_word (ix->lp->page, i)->box, x0, y0, x1, y1);
  return (gsize) (*x1 - *x0 + 1) * (*y1 - *y0 + 1) <= INDEX_MAX_SPAN;
}

WordIndex *
ps_word_index_new (const LayoutPage *lp)
{
  const PsPage *page = lp->page;
  WordIndex *ix = g_new0 (WordIndex, 1);
  ix->lp = lp;
  double w = isfinite (page->width) && page->width > 1 ? page->width : 1;
  double h = isfinite (page->height) && page->height > 1 ? page->height : 1;
  ix->cell_w = MAX (16.0, w / INDEX_SIDE);
  ix->cell_h = MAX (16.0, h / INDEX_SIDE);
  ix->nx = (guint) MIN (INDEX_SIDE, ceil (w / ix->cell_w));
  ix->ny = (guint) MIN (INDEX_SIDE, ceil (h / ix->cell_h));
  ix->nx = MAX (ix->nx, 1u);
  ix->ny = MAX (ix->ny, 1u);
  gsize n_buckets = (gsize) ix->nx * ix->ny;
  ix->start = g_new0 (guint, n_buckets + 1);
  ix->wide = g_array_new (FALSE, FALSE, sizeof (guint));
  ix->seen = g_new0 (guint, page->words->len + 1);
  /* Count, then place: start[b + 1] counts bucket b's words first. */
  guint x0, y0, x1, y1;
  for (guint i = 0; i < page->words->len; i++)
    {
      if (word_buckets (ix, i, &x0, &y0, &x1, &y1))
        for (guint y = y0; y <= y1; y++)
          for (guint x = x0; x <= x1; x++)
            ix->start[(gsize) y * ix->nx + x + 1]++;
      else if (lp->state[i] != WORD_BAD)
        g_array_append_val (ix->wide, i);
    }
  for (gsize b = 0; b < n_buckets; b++)
    ix->start[b + 1] += ix->start[b];
  ix->entries = g_new (guint, ix->start[n_buckets] + 1);
  g_autofree guint *fill = g_new (guint, n_buckets);
  memcpy (fill, ix->start, n_buckets * sizeof (guint));
  for (guint i = 0; i < page->words->len; i++)
    if (word_buckets (ix, i, &x0, &y0, &x1, &y1))
      for (guint y = y0; y <= y1; y++)
        for (guint x = x0; x <= x1; x++)
          ix->entries[fill[(gsize) y * ix->nx + x]++] = i;
  return ix;
}

void
ps_word_index_free (WordIndex *ix)
{
  if (!ix)
    return;
  g_free (ix->start);
  g_free (ix->entries);
  g_array_unref (ix->wide);
  g_free (ix->seen);
  g_free (ix);
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static int
compare_guint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return (x > y) - (x < y);
}

void
ps_word_index_query (WordIndex *ix, const PsBox *box, GArray *out)
{
  if (!(box->x1 >= box->x0 && box->y1 >= box->y0))
    return;
  const PsPage *page = ix->lp->page;
  guint first = out->len;
  if (++ix->query == 0)
    {
      memset (ix->seen, 0, (page->words->len + 1) * sizeof (guint));
      ix->query = 1;
    }
  guint x0, y0, x1, y1;
  bucket_range (ix, box, &x0, &y0, &x1, &y1);
  for (guint y = y0; y <= y1; y++)
    for (guint x = x0; x <= x1; x++)
      {
        gsize b = (gsize) y * ix->nx + x;
        for (guint k = ix->start[b]; k < ix->start[b + 1]; k++)
          {
            guint w = ix->entries[k];
            if (ix->seen[w] == ix->query)
              continue;
            ix->seen[w] = ix->query;
            const PsBox *wb = &page_word (page, w)->box;
            if (wb->x0 <= box->x1 && wb->x1 >= box->x0 && wb->y0 <= box->y1 && wb->y1 >= box->y0)
              g_array_append_val (out, w);
          }
      }
  for (guint k = 0; k < ix->wide->len; k++)
    {
      guint w = g_array_index (ix->wide, guint, k);
      const PsBox *wb = &page_word (page, w)->box;
      if (wb->x0 <= box->x1 && wb->x1 >= box->x0 && wb->y0 <= box->y1 && wb->y1 >= box->y0)
        g_array_append_val (out, w);
    }
  /* Page order, as a scan of the words would give. */
  if (out->len > first + 1)
    qsort ((guint *) (void *) out->data + first, out->len - first, sizeof (guint), compare_guint);
}

/* ---- tables ------------------------------------------------------------------ */

LTable *
ps_ltable_new (void)
{
  LTable *t = g_new0 (LTable, 1);
  t->cells = g_array_new (FALSE, TRUE, sizeof (LCell));
  return t;
}

LTable *
ps_ltable_copy (const LTable *t)
{
  LTable *c = ps_ltable_new ();
  c->box = t->box;
  c->n_rows = t->n_rows;
  c->n_cols = t->n_cols;
  c->ruled = t->ruled;
  g_array_append_vals (c->cells, t->cells->data, t->cells->len);
  return c;
}

void
ps_ltable_free (LTable *t)
{
  if (!t)
    return;
  g_array_unref (t->cells);
  g_free (t);
}

void
ps_ltable_edges (const LTable *t, double *xs, double *ys)
{
  for (guint i = 0; i <= t->n_cols; i++)
    xs[i] = NAN;
  for (guint i = 0; i <= t->n_rows; i++)
    ys[i] = NAN;
  for (guint i = 0; i < t->cells->len; i++)
    {
      const LCell *c = &g_array_index (t->cells, LCell, i);
      if (isnan (xs[c->col]))
        xs[c->col] = c->box.x0;
      if (isnan (xs[c->col + c->colspan]))
        xs[c->col + c->colspan] = c->box.x1;
      if (isnan (ys[c->row]))
        ys[c->row] = c->box.y0;
      if (isnan (ys[c->row + c->rowspan]))
        ys[c->row + c->rowspan] = c->box.y1;
    }
  /* A boundary no cell starts or ends at (inside spans everywhere) is put
   * halfway between its neighbours. */
  for (guint i = 0; i <= t->n_cols; i++)
    if (isnan (xs[i]))
      xs[i] = i == 0 ? t->box.x0 : i == t->n_cols ? t->box.x1 : xs[i - 1];
  for (guint i = 0; i <= t->n_rows; i++)
    if (isnan (ys[i]))
      ys[i] = i == 0 ? t->box.y0 : i == t->n_rows ? t->box.y1 : ys[i - 1];
}

/* Index i with b[i] <= a < b[i+1], or -1 when a is outside b[0..n]. */
static int
slot (const double *b, guint n, double a)
{
  if (n == 0 || a < b[0] || a > b[n])
    return -1;
  guint lo = 0, hi = n;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (b[mid] <= a)
        lo = mid;
      else
        hi = mid;
    }
  return (int) lo;
}

/* The fill covering most of box, when it covers at least half of it. */
static PsColour
cell_fill (const PsPage *page, const PsBox *box)
{
  double area = (box->x1 - box->x0) * (box->y1 - box->y0);
  double best = 0.5 * area;
  PsColour colour = PS_COLOUR_NONE;
  for (guint i = 0; i < page->fills->len; i++)
    {
      const PsFill *f = &g_array_index (page->fills, PsFill, i);
      double w = overlap_1d (f->box.x0, f->box.x1, box->x0, box->x1);
      double h = overlap_1d (f->box.y0, f->box.y1, box->y0, box->y1);
      if (w > 0 && h > 0 && w * h > best)
        {
          best = w * h;
          colour = f->colour;
        }
    }
  return colour;
}

/* Where a cell's text wraps: as far right of the cell's box as its text
 * starts left of it (padding is mostly the same both sides). */
static double
wrap_right (const PsPage *page, const LCell *c, const GArray *words)
{
  if (c->wrap_x1 > 0)
    return c->wrap_x1;
  double x0 = c->box.x1;
  for (guint i = 0; i < words->len; i++)
    x0 = MIN (x0, page_word (page, g_array_index (words, guint, i))->box.x0);
  double pad = CLAMP (x0 - c->box.x0, 0.5, 8.0);
  return c->box.x1 - pad;
}

PsBlock *
ps_layout_emit_table (PsDoc *layout, LayoutPage *lp, const LTable *t, guint min_filled,
                      double min_share)
{
  const PsPage *page = lp->page;
  if (t->n_rows == 0 || t->n_cols == 0 || t->cells->len == 0)
    return NULL;
  g_autofree double *xs = g_new (double, t->n_cols + 1);
  g_autofree double *ys = g_new (double, t->n_rows + 1);
  ps_ltable_edges (t, xs, ys);
  /* Which cell covers each grid position. */
  g_autofree gint *at = g_new (gint, (gsize) t->n_rows * t->n_cols);
  for (gsize i = 0; i < (gsize) t->n_rows * t->n_cols; i++)
    at[i] = -1;
  for (guint i = 0; i < t->cells->len; i++)
    {
      const LCell *c = &g_array_index (t->cells, LCell, i);
      for (guint r = c->row; r < c->row + c->rowspan && r < t->n_rows; r++)
        for (guint k = c->col; k < c->col + c->colspan && k < t->n_cols; k++)
          at[(gsize) r * t->n_cols + k] = (gint) i;
    }
  /* Words into cells. */
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < t->cells->len; i++)
    g_ptr_array_add (words, g_array_new (FALSE, FALSE, sizeof (guint)));
  guint filled = 0;
  g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
  ps_word_index_query (lp->index, &t->box, near);
  for (guint k = 0; k < near->len; k++)
    {
      guint w = g_array_index (near, guint, k);
      if (lp->state[w] != WORD_FREE)
        continue;
      const PsBox *b = &page_word (page, w)->box;
      int col = slot (xs, t->n_cols, box_cx (b)), row = slot (ys, t->n_rows, box_cy (b));
      if (col < 0 || row < 0)
        continue;
      gint cell = at[(gsize) row * t->n_cols + (guint) col];
      if (cell < 0)
        continue;
      GArray *list = g_ptr_array_index (words, (guint) cell);
      filled += list->len == 0;
      g_array_append_val (list, w);
    }
  if (filled < min_filled || (t->cells->len >= 12 && filled < min_share * t->cells->len))
    return NULL;

  PsTable *table = ps_table_new ();
  table->n_rows = t->n_rows;
  table->n_cols = t->n_cols;
  table->page = page->number;
  table->box = t->box;
  g_autoptr (GArray) sizes = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < t->cells->len; i++)
    {
      const LCell *lc = &g_array_index (t->cells, LCell, i);
      GArray *list = g_ptr_array_index (words, i);
      PsCell cell = { 0 };
      cell.row = lc->row;
      cell.col = lc->col;
      cell.rowspan = lc->rowspan;
      cell.colspan = lc->colspan;
      cell.page = page->number;
      cell.box = lc->box;
      cell.fill = cell_fill (page, &lc->box);
      g_autofree char *text
          = ps_layout_words_text (page, (guint *) (void *) list->data, list->len,
                                  wrap_right (page, lc, list), &cell.flags, &cell.colour);
      cell.text = ps_doc_strdup (layout, text);
      for (guint k = 0; k < list->len; k++)
        {
          guint w = g_array_index (list, guint, k);
          lp->state[w] = WORD_TABLE;
          double size = ps_layout_word_size (page_word (page, w));
          g_array_append_val (sizes, size);
        }
      g_array_append_val (table->cells, cell);
    }
  PsBlock *block = ps_doc_add_block (layout, PS_BLOCK_TABLE);
  ps_table_free (block->table);
  block->table = table;
  block->text = ps_doc_strdup (layout, "");
  block->page = page->number;
  block->box = t->box;
  /* The size most of its words are set in (the median). */
  g_array_sort (sizes, compare_double);
  block->size = sizes->len ? g_array_index (sizes, double, sizes->len / 2) : 0;
  g_ptr_array_add (lp->tables, block);
  return block;
}
