/* layout.c — a PDF's pages as blocks, the same kinds of blocks HTML ingest
 * reads from the DOM, so that one item reader serves both:
 *
 *   find_ruled_tables     grids of rulings and fill borders (tables_ruled.c),
 *                         completed where rulings are missing from the
 *                         alignment of their words (tables_refine.c); the
 *                         two pieces of a table a page break cut share the
 *                         columns of the bigger piece
 *   ps_furniture_mark     page numbers, running headers and footers,
 *                         continuation notes (furniture.c)
 *   find_stream_tables    borderless tables from word alignment
 *                         (tables_stream.c); lines opening a page under a
 *                         table that ended the page before take its columns
 *   ps_layout_text_blocks headings, paragraphs and list items from what is
 *                         left (layout_text.c)
 *   order_blocks          per page, tables among the text by position
 *   merge_continued       a table that ends one page and one that starts the
 *                         next with the same columns are one table
 *
 * A table continued over pages becomes one block when its pieces' columns
 * agree: the item reader (tables.c) then judges its columns on the whole
 * table, as it does for HTML (a column's mean length decides whether a
 * lead column also holds updates), and the header rows a producer repeats
 * on each page stay in place, where tables.c drops them and lets the row
 * after them carry on the item above.  Pieces whose columns differ stay
 * separate blocks; tables.c then reuses the last header's columns for a
 * headerless piece with as many columns.
 *
 * With regions (PsExtractOptions), each region gets exactly one table —
 * ruled when rulings inside it make a grid, else borderless — and nothing
 * else is laid out.
 *
 * Positions that reach the output (cell and table boxes) are read from the
 * input, not computed from it, so that a PDF and its stage JSON (which
 * rounds positions to hundredths) lay out to the same bytes. */
#include "layout_private.h"

#include <math.h>
#include <string.h>

/* Words layout can place: text, and a finite box that lies on the page. */
static gboolean
word_ok (const PsPage *page, const PsWord *w)
{
  const PsBox *b = &w->box;
  return w->text && *w->text && isfinite (b->x0) && isfinite (b->y0) && isfinite (b->x1)
         && isfinite (b->y1) && b->x1 >= b->x0 && b->y1 >= b->y0 && b->x1 >= 0 && b->y1 >= 0
         && b->x0 <= page->width && b->y0 <= page->height;
}

/* The body text size: the size most characters are set in, in half
 * points. */
static double
body_size (const PsDoc *doc)
{
  g_autoptr (GHashTable) counts = g_hash_table_new (g_direct_hash, g_direct_equal);
  gsize best = 0;
  int best_size = 20;
  for (guint p = 0; p < doc->pages->len; p++)
    {
      const PsPage *page = g_ptr_array_index (doc->pages, p);
      for (guint w = 0; w < page->words->len; w++)
        {
          const PsWord *word = page_word (page, w);
          if (!word_ok (page, word))
            continue;
          int size = (int) lround (CLAMP (ps_layout_word_size (word), 0, 1000) * 2);
          gsize n = GPOINTER_TO_SIZE (g_hash_table_lookup (counts, GINT_TO_POINTER (size)));
          n += strlen (word->text);
          g_hash_table_insert (counts, GINT_TO_POINTER (size), GSIZE_TO_POINTER (n));
          if (n > best || (n == best && size < best_size))
            {
              best = n;
              best_size = size;
            }
        }
    }
  return best_size / 2.0;
}

static void
pages_init (const PsDoc *doc, LayoutPage *pages, double body)
{
  for (guint p = 0; p < doc->pages->len; p++)
    {
      LayoutPage *lp = &pages[p];
      lp->page = g_ptr_array_index (doc->pages, p);
      lp->body_size = body;
      lp->state = g_new0 (guint8, lp->page->words->len + 1);
      lp->tables = g_ptr_array_new ();
      lp->texts = g_ptr_array_new ();
      /* Only words that belong to a line are read, as ingest promises. */
      for (guint w = 0; w < lp->page->words->len; w++)
        lp->state[w] = WORD_BAD;
      for (guint l = 0; l < lp->page->lines->len; l++)
        {
          const PsLine *line = &g_array_index (lp->page->lines, PsLine, l);
          for (guint i = line->first_word;
               i < line->first_word + line->n_words && i < lp->page->words->len; i++)
            if (word_ok (lp->page, page_word (lp->page, i)))
              lp->state[i] = WORD_FREE;
        }
      lp->index = ps_word_index_new (lp);
    }
}

static void
pages_clear (LayoutPage *pages, guint n)
{
  for (guint p = 0; p < n; p++)
    {
      g_free (pages[p].state);
      ps_word_index_free (pages[p].index);
      g_ptr_array_unref (pages[p].tables);
      g_ptr_array_unref (pages[p].texts);
    }
  g_free (pages);
}

/* A grid of rulings with text in fewer of its cells than this is a chart
 * (gridlines, a few labels and a legend), not a table; its words are left
 * for the rest of the layout. */
#define MIN_RULED_SHARE 0.2

static int
compare_ltable_top (gconstpointer a, gconstpointer b)
{
  const LTable *x = *(LTable *const *) a, *y = *(LTable *const *) b;
  if (x->box.y0 != y->box.y0)
    return x->box.y0 < y->box.y0 ? -1 : 1;
  return (x->box.x0 > y->box.x0) - (x->box.x0 < y->box.x0);
}

/* Interior column lines of t: (transfer full), n_cols - 1 values. */
static double *
interior_columns (const LTable *t, guint *n)
{
  g_autofree double *xs = g_new (double, t->n_cols + 1);
  g_autofree double *ys = g_new (double, t->n_rows + 1);
  ps_ltable_edges (t, xs, ys);
  *n = t->n_cols > 0 ? t->n_cols - 1 : 0;
  double *out = g_new (double, *n + 1);
  for (guint i = 0; i < *n; i++)
    out[i] = xs[i + 1];
  return out;
}

static gboolean
same_ltable_columns (const LTable *a, const LTable *b)
{
  if (a->n_cols != b->n_cols)
    return FALSE;
  guint na, nb;
  g_autofree double *ca = interior_columns (a, &na);
  g_autofree double *cb = interior_columns (b, &nb);
  for (guint i = 0; i < na; i++)
    if (fabs (ca[i] - cb[i]) > 4.0)
      return FALSE;
  return TRUE;
}

/* No text on the page between box and the page's top (or bottom) margin:
 * the table ends the page there. */
static gboolean
clear_to_edge (const LayoutPage *lp, const PsBox *box, gboolean above)
{
  double margin = 0.1 * lp->page->height;
  PsBox area = above ? (PsBox){ 0, margin, lp->page->width, box->y0 - 1 }
                     : (PsBox){ 0, box->y1 + 1, lp->page->width, lp->page->height - margin };
  g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
  ps_word_index_query (lp->index, &area, near);
  for (guint i = 0; i < near->len; i++)
    {
      guint w = g_array_index (near, guint, i);
      const PsBox *b = &page_word (lp->page, w)->box;
      if (lp->state[w] == WORD_FREE && box_contains_point (&area, box_cx (b), box_cy (b)))
        return FALSE;
    }
  return TRUE;
}

/* The last table of one page and the first of the next are pieces of one
 * table when nothing follows the one and nothing comes before the other,
 * and they are as wide as each other. */
static gboolean
pieces_of_one (const LayoutPage *pa, const LTable *a, const LayoutPage *pb, const LTable *b)
{
  return fabs (a->box.x0 - b->box.x0) <= 5.0 && fabs (a->box.x1 - b->box.x1) <= 5.0
         && clear_to_edge (pa, &a->box, FALSE) && clear_to_edge (pb, &b->box, TRUE);
}

/* Ruled tables of every page: each refined from its own words, then the
 * two pieces of a table a page break cut take the columns of the piece
 * with more rows (a few lines under a repeated header show too little of
 * the columns), and are emitted. */
static void
find_ruled_tables (PsDoc *layout, LayoutPage *pages, guint n_pages)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) raw = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint p = 0; p < n_pages; p++)
    {
      GPtrArray *tables = ps_lattice_find (&pages[p], NULL);
      g_ptr_array_sort (tables, compare_ltable_top);
      GPtrArray *copies = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_ltable_free);
      for (guint i = 0; i < tables->len; i++)
        {
          LTable *t = g_ptr_array_index (tables, i);
          g_ptr_array_add (copies, ps_ltable_copy (t));
          ps_lattice_refine (&pages[p], t, NULL, 0);
        }
      g_ptr_array_add (found, tables);
      g_ptr_array_add (raw, copies);
    }
  for (guint p = 0; p + 1 < n_pages; p++)
    {
      GPtrArray *here = g_ptr_array_index (found, p), *next = g_ptr_array_index (found, p + 1);
      if (here->len == 0 || next->len == 0)
        continue;
      guint ia = here->len - 1;
      LTable *a = g_ptr_array_index (here, ia), *b = g_ptr_array_index (next, 0);
      if (!pieces_of_one (&pages[p], a, &pages[p + 1], b) || same_ltable_columns (a, b))
        continue;
      gboolean a_leads = a->n_rows >= b->n_rows;
      LTable *from = a_leads ? a : b;
      guint page = a_leads ? p + 1 : p, slot = a_leads ? 0 : ia;
      guint n;
      g_autofree double *cols = interior_columns (from, &n);
      GPtrArray *copies = g_ptr_array_index (raw, page);
      LTable *redo = ps_ltable_copy (g_ptr_array_index (copies, slot));
      ps_lattice_refine (&pages[page], redo, cols, n);
      GPtrArray *list = g_ptr_array_index (found, page);
      ps_ltable_free (g_ptr_array_index (list, slot));
      list->pdata[slot] = redo;
    }
  for (guint p = 0; p < n_pages; p++)
    {
      GPtrArray *tables = g_ptr_array_index (found, p);
      for (guint i = 0; i < tables->len; i++)
        ps_layout_emit_table (layout, &pages[p], g_ptr_array_index (tables, i), 2,
                              MIN_RULED_SHARE);
    }
}

static void column_edges (const PsTable *t, double *xs);

/* The lowest table of a page: (transfer none), or NULL. */
static const PsBlock *
last_table (const LayoutPage *lp)
{
  const PsBlock *last = NULL;
  for (guint i = 0; i < lp->tables->len; i++)
    {
      const PsBlock *b = g_ptr_array_index (lp->tables, i);
      if (!last || b->box.y1 > last->box.y1)
        last = b;
    }
  return last;
}

static void
find_stream_tables (PsDoc *layout, LayoutPage *lp, const LayoutPage *before)
{
  /* The table ending the page before lends its columns to lines that
   * carry it on at the top of this one. */
  const PsBlock *prev = before ? last_table (before) : NULL;
  StreamHint hint = { 0 };
  g_autofree double *cols = NULL;
  if (prev && prev->table && prev->table->n_cols > 1 && prev->table->n_cols <= 256
      && clear_to_edge (before, &prev->box, FALSE))
    {
      double xs[257];
      column_edges (prev->table, xs);
      cols = g_new (double, prev->table->n_cols);
      for (guint i = 1; i < prev->table->n_cols; i++)
        if (!isnan (xs[i]))
          cols[hint.n++] = xs[i];
      hint.cols = cols;
      hint.x0 = prev->box.x0;
      hint.x1 = prev->box.x1;
    }
  g_autoptr (GPtrArray) tables = ps_stream_find (lp, hint.n ? &hint : NULL);
  for (guint i = 0; i < tables->len; i++)
    ps_layout_emit_table (layout, lp, g_ptr_array_index (tables, i), 3, 0);
}

static int
compare_block_top (gconstpointer a, gconstpointer b)
{
  const PsBlock *x = *(PsBlock *const *) a, *y = *(PsBlock *const *) b;
  if (x->box.y0 != y->box.y0)
    return x->box.y0 < y->box.y0 ? -1 : 1;
  return (x->box.x0 > y->box.x0) - (x->box.x0 < y->box.x0);
}

/* The blocks laid out since `from`, page by page; on a page, text in
 * reading order, each table before the first text below its top. */
static void
order_blocks (PsDoc *layout, guint from, LayoutPage *pages, guint n_pages)
{
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  for (guint p = 0; p < n_pages; p++)
    {
      LayoutPage *lp = &pages[p];
      g_ptr_array_sort (lp->tables, compare_block_top);
      guint t = 0;
      for (guint i = 0; i < lp->texts->len; i++)
        {
          const PsBlock *text = g_ptr_array_index (lp->texts, i);
          while (t < lp->tables->len
                 && ((const PsBlock *) g_ptr_array_index (lp->tables, t))->box.y0 <= text->box.y0)
            g_ptr_array_add (order, g_ptr_array_index (lp->tables, t++));
          g_ptr_array_add (order, (gpointer) text);
        }
      while (t < lp->tables->len)
        g_ptr_array_add (order, g_ptr_array_index (lp->tables, t++));
    }
  /* The same blocks, permuted: nothing is freed or added. */
  g_return_if_fail (from + order->len == layout->blocks->len);
  for (guint i = 0; i < order->len; i++)
    layout->blocks->pdata[from + i] = order->pdata[i];
}

/* Tables wider than this are never joined across pages. */
#define MAX_MERGE_COLS 256
/* At most this many rows of a piece can repeat the rows its table starts
 * with. */
#define MAX_HEADER_ROWS 64

/* Column boundaries of a table, from its cells (n_cols + 1 values). */
static void
column_edges (const PsTable *t, double *xs)
{
  for (guint i = 0; i <= t->n_cols; i++)
    xs[i] = NAN;
  for (guint i = 0; i < t->cells->len; i++)
    {
      const PsCell *c = &g_array_index (t->cells, PsCell, i);
      if (c->col < t->n_cols && isnan (xs[c->col]))
        xs[c->col] = c->box.x0;
      if (c->col + c->colspan <= t->n_cols && isnan (xs[c->col + c->colspan]))
        xs[c->col + c->colspan] = c->box.x1;
    }
}

/* Two pieces of one table: as many columns, each edge within a few
 * points; xa holds the first piece's edges. */
static gboolean
same_columns (const double *xa, guint n_cols, const PsTable *b)
{
  if (b->n_cols != n_cols || n_cols == 0 || n_cols > MAX_MERGE_COLS)
    return FALSE;
  double xb[MAX_MERGE_COLS + 1];
  column_edges (b, xb);
  for (guint i = 0; i <= n_cols; i++)
    if (!isnan (xa[i]) && !isnan (xb[i]) && fabs (xa[i] - xb[i]) > 4.0)
      return FALSE;
  return TRUE;
}

/* The page of a table's last cell. */
static guint
last_page (const PsTable *t)
{
  guint page = t->page;
  for (guint i = 0; i < t->cells->len; i++)
    page = MAX (page, g_array_index (t->cells, PsCell, i).page);
  return page;
}

/* Which of t's cells from cell `from` on covers each position of rows
 * [r0, r1), row by row; -1 where none does.  Lookups by position would
 * otherwise scan every cell. */
static gint *
cell_grid (const PsTable *t, guint from, guint r0, guint r1)
{
  gsize size = (gsize) (r1 - r0) * t->n_cols;
  gint *at = g_new (gint, size + 1);
  for (gsize i = 0; i < size; i++)
    at[i] = -1;
  for (guint i = from; i < t->cells->len; i++)
    {
      const PsCell *c = &g_array_index (t->cells, PsCell, i);
      for (guint r = MAX (c->row, r0); r < c->row + c->rowspan && r < r1; r++)
        for (guint k = c->col; k < c->col + c->colspan && k < t->n_cols; k++)
          if (at[(gsize) (r - r0) * t->n_cols + k] < 0)
            at[(gsize) (r - r0) * t->n_cols + k] = (gint) i;
    }
  return at;
}

/* A table growing by the pieces that continue it on the next pages.  What
 * joining needs of it is kept here, so that a table continued over many
 * pages is not scanned again for each. */
typedef struct
{
  PsTable *t;
  double xs[MAX_MERGE_COLS + 1]; /* column edges of the first piece */
  guint head_rows;               /* rows of the first piece, where its header is */
  gint *head;                    /* cell_grid of those rows */
  guint tail;                    /* the last piece's cells start here */
  guint last_page;
} Growing;

static void
growing_start (Growing *g, PsTable *t)
{
  g_free (g->head);
  g->t = t;
  g->head = NULL;
  /* A header repeated on each page is a few rows: only the first rows
   * are compared, however long the table. */
  g->head_rows = MIN (t->n_rows, MAX_HEADER_ROWS);
  if (t->n_cols > 0 && t->n_cols <= MAX_MERGE_COLS)
    {
      column_edges (t, g->xs);
      g->head = cell_grid (t, 0, 0, g->head_rows);
    }
  g->tail = 0;
  g->last_page = last_page (t);
}

/* Row r of b repeats row r of the growing table, cell for cell (a header
 * the producer repeats on each page); at_b is b's cell grid from row 0. */
static gboolean
row_repeats (const Growing *g, const PsTable *b, const gint *at_b, guint r)
{
  const PsTable *a = g->t;
  guint n = 0;
  for (guint k = 0; k < b->n_cols; k++)
    {
      gint ib = at_b[(gsize) r * b->n_cols + k];
      if (ib < 0)
        continue;
      const PsCell *cb = &g_array_index (b->cells, PsCell, ib);
      if (cb->row != r || cb->col != k)
        continue;
      gint ia = r < g->head_rows && k < a->n_cols ? g->head[(gsize) r * a->n_cols + k] : -1;
      const PsCell *ca = ia >= 0 ? &g_array_index (a->cells, PsCell, ia) : NULL;
      if (!ca || ca->row != r || ca->col != cb->col || ca->colspan != cb->colspan
          || strcmp (ca->text, cb->text) != 0)
        return FALSE;
      n += *cb->text != '\0';
    }
  return n > 0;
}

static gboolean
same_colour (PsColour a, PsColour b)
{
  return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* Appends b's rows to the growing table.  A cell spanning rows that a page
 * break cut carries on in b as an empty cell under the repeated header,
 * shaded as it is: it is still the cell above (a theme beside its
 * actions), so it gets the text it continues.  It spans rows on one side
 * of the break at least; a cell of one row cut by the break is the same
 * row carrying on, which the item reader joins by itself. */
static void
append_rows (PsDoc *layout, Growing *g, const PsTable *b)
{
  PsTable *a = g->t;
  guint rows = MIN (g->head_rows, b->n_rows);
  g_autofree gint *at_b = cell_grid (b, 0, 0, rows);
  guint header = 0;
  while (header < rows && row_repeats (g, b, at_b, header))
    header++;
  /* The last row of the table lies in its last piece. */
  g_autofree gint *last = header > 0 && a->n_rows > 0
                              ? cell_grid (a, g->tail, a->n_rows - 1, a->n_rows)
                              : NULL;
  g->tail = a->cells->len;
  for (guint i = 0; i < b->cells->len; i++)
    {
      PsCell c = g_array_index (b->cells, PsCell, i);
      if (c.row == header && last && *c.text == '\0' && c.col < a->n_cols && last[c.col] >= 0)
        {
          const PsCell *above = &g_array_index (a->cells, PsCell, last[c.col]);
          if ((above->rowspan > 1 || c.rowspan > 1) && above->col == c.col
              && above->colspan == c.colspan && *above->text && same_colour (above->fill, c.fill))
            {
              c.text = ps_doc_strdup (layout, above->text);
              c.flags = above->flags;
            }
        }
      c.row += a->n_rows;
      g_array_append_val (a->cells, c);
    }
  a->n_rows += b->n_rows;
  g->last_page = MAX (g->last_page, last_page (b));
}

/* A table that is the last block of its page and one that is the first of
 * the next page, with the same columns, are one table. */
static void
merge_continued (PsDoc *layout, guint from)
{
  Growing g = { 0 };
  for (guint i = from; i + 1 < layout->blocks->len;)
    {
      PsBlock *a = g_ptr_array_index (layout->blocks, i);
      PsBlock *b = g_ptr_array_index (layout->blocks, i + 1);
      if (a->kind == PS_BLOCK_TABLE && a->table && g.t != a->table)
        growing_start (&g, a->table);
      if (a->kind == PS_BLOCK_TABLE && a->table && g.head && b->kind == PS_BLOCK_TABLE
          && b->table && b->page == g.last_page + 1
          && same_columns (g.xs, a->table->n_cols, b->table))
        {
          /* The table keeps the page and box it starts on. */
          append_rows (layout, &g, b->table);
          g_ptr_array_remove_index (layout->blocks, i + 1);
          continue;
        }
      i++;
    }
  g_free (g.head);
}

/* The one table of a region: the ruled grid covering most of it, else the
 * borderless table of its words. */
static void
region_table (PsDoc *layout, LayoutPage *lp, const PsBox *region)
{
  /* A region drawn tight may shave the edge of its outer words. */
  PsBox grown = { region->x0 - 2, region->y0 - 2, region->x1 + 2, region->y1 + 2 };
  g_autoptr (GPtrArray) grids = ps_lattice_find (lp, &grown);
  double area = (region->x1 - region->x0) * (region->y1 - region->y0);
  LTable *best = NULL;
  double best_cover = 0.5 * area;
  for (guint i = 0; i < grids->len; i++)
    {
      LTable *t = g_ptr_array_index (grids, i);
      double w = overlap_1d (t->box.x0, t->box.x1, region->x0, region->x1);
      double h = overlap_1d (t->box.y0, t->box.y1, region->y0, region->y1);
      if (w > 0 && h > 0 && w * h > best_cover)
        {
          best_cover = w * h;
          best = t;
        }
    }
  if (best)
    ps_lattice_refine (lp, best, NULL, 0);
  if (best && ps_layout_emit_table (layout, lp, best, 1, 0))
    return;
  g_autoptr (LTable) t = ps_stream_in_region (lp, &grown);
  if (t)
    ps_layout_emit_table (layout, lp, t, 1, 0);
}

static void
layout_regions (const PsExtractOptions *opts, PsDoc *layout, LayoutPage *pages, guint n_pages)
{
  for (guint r = 0; r < opts->n_regions; r++)
    {
      const PsRegion *region = &opts->regions[r];
      if (region->page < 1 || region->page > n_pages)
        continue;
      region_table (layout, &pages[region->page - 1], &region->box);
    }
}

void
ps_layout_pdf (const PsDoc *doc, const PsExtractOptions *opts, PsDoc *layout)
{
  guint n_pages = doc->pages->len;
  LayoutPage *pages = g_new0 (LayoutPage, n_pages + 1);
  pages_init (doc, pages, body_size (doc));
  if (opts && opts->n_regions)
    {
      layout_regions (opts, layout, pages, n_pages);
      pages_clear (pages, n_pages);
      return;
    }
  guint from = layout->blocks->len;
  find_ruled_tables (layout, pages, n_pages);
  ps_furniture_mark (pages, n_pages);
  for (guint p = 0; p < n_pages; p++)
    find_stream_tables (layout, &pages[p], p ? &pages[p - 1] : NULL);
  HeadingSizes hs;
  ps_heading_sizes (pages, n_pages, &hs);
  for (guint p = 0; p < n_pages; p++)
    ps_layout_text_blocks (layout, &pages[p], &hs);
  order_blocks (layout, from, pages, n_pages);
  merge_continued (layout, from);
  pages_clear (pages, n_pages);
}
