/* tables_refine.c — a ruled table whose rulings leave some of its columns
 * or rows out, completed from the alignment of its words:
 *
 *   split_columns   inside a ruled column, a gutter the words leave free
 *                   in every line (numbers set in columns with no line
 *                   between them) is a column boundary too
 *   split_spans     a cell spanning several columns only because the
 *                   column lines are drawn in the header alone is split
 *                   at each column line it has words on both sides of,
 *                   with no text running across it; at a column line
 *                   found from the words, every cell is split that no
 *                   text runs across
 *   split_rows      a ruled row holding several lines that each fill most
 *                   of its cells (rules only around the header and the
 *                   total) is one row per line, wrapped cells kept whole
 *
 * A cell of wrapped prose is never cut: its lines run across any gap, and
 * its continuation lines fill only some of the cells. */
#include "layout_private.h"

#include <math.h>
#include <string.h>

/* Most grid lines a refined table may have. */
#define MAX_MESH 400

/* The table as a grid of elementary cells, each naming the cell it is
 * part of. */
typedef struct
{
  GArray *xs, *ys; /* double edges: n_cols + 1, n_rows + 1 */
  GArray *added;   /* gboolean per column edge: found here, not ruled */
  GArray *id;      /* guint, n_rows * n_cols, row by row */
  guint next_id;
} Mesh;

static guint
mesh_cols (const Mesh *m)
{
  return m->xs->len - 1;
}

static guint
mesh_rows (const Mesh *m)
{
  return m->ys->len - 1;
}

static guint *
mesh_at (const Mesh *m, guint r, guint c)
{
  return &g_array_index (m->id, guint, r * mesh_cols (m) + c);
}

static void
mesh_init (Mesh *m, const LTable *t)
{
  m->xs = g_array_sized_new (FALSE, FALSE, sizeof (double), t->n_cols + 1);
  m->ys = g_array_sized_new (FALSE, FALSE, sizeof (double), t->n_rows + 1);
  g_array_set_size (m->xs, t->n_cols + 1);
  g_array_set_size (m->ys, t->n_rows + 1);
  ps_ltable_edges (t, (double *) (void *) m->xs->data, (double *) (void *) m->ys->data);
  m->added = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_array_set_size (m->added, t->n_cols + 1);
  m->id = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (m->id, (guint) t->n_rows * t->n_cols);
  m->next_id = t->cells->len;
  /* Positions no cell covers get ids of their own. */
  for (guint i = 0; i < m->id->len; i++)
    g_array_index (m->id, guint, i) = m->next_id++;
  for (guint i = 0; i < t->cells->len; i++)
    {
      const LCell *c = &g_array_index (t->cells, LCell, i);
      for (guint r = c->row; r < c->row + c->rowspan && r < t->n_rows; r++)
        for (guint k = c->col; k < c->col + c->colspan && k < t->n_cols; k++)
          *mesh_at (m, r, k) = i;
    }
}

static void
mesh_clear (Mesh *m)
{
  g_array_unref (m->xs);
  g_array_unref (m->ys);
  g_array_unref (m->added);
  g_array_unref (m->id);
}

/* A column line at x inside column j: every cell there spans both halves
 * until split. */
static void
insert_column (Mesh *m, guint j, double x)
{
  guint cols = mesh_cols (m), rows = mesh_rows (m);
  g_autoptr (GArray) id = g_array_sized_new (FALSE, FALSE, sizeof (guint), rows * (cols + 1));
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        g_array_append_val (id, *mesh_at (m, r, c));
        if (c == j)
          g_array_append_val (id, *mesh_at (m, r, c));
      }
  g_array_insert_val (m->xs, j + 1, x);
  gboolean added = TRUE;
  g_array_insert_val (m->added, j + 1, added);
  g_array_set_size (m->id, 0);
  g_array_append_vals (m->id, id->data, id->len);
}

/* A row line at y inside row i. */
static void
insert_row (Mesh *m, guint i, double y)
{
  guint cols = mesh_cols (m);
  g_autofree guint *row = g_new (guint, cols + 1);
  memcpy (row, mesh_at (m, i, 0), cols * sizeof (guint));
  g_array_insert_vals (m->id, (i + 1) * cols, row, cols);
  g_array_insert_val (m->ys, i + 1, y);
}

/* The cells of the mesh, one per id when its positions make a rectangle,
 * else one per position. */
static void
mesh_to_table (const Mesh *m, LTable *t)
{
  guint cols = mesh_cols (m), rows = mesh_rows (m);
  const double *xs = (const double *) (const void *) m->xs->data;
  const double *ys = (const double *) (const void *) m->ys->data;
  g_array_set_size (t->cells, 0);
  t->n_cols = cols;
  t->n_rows = rows;
  g_autofree guint8 *done = g_new0 (guint8, (gsize) rows * cols + 1);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < rows; i++)
    for (guint j = 0; j < cols; j++)
      {
        if (done[i * cols + j])
          continue;
        guint id = *mesh_at (m, i, j);
        guint c1 = j, r1 = i;
        while (c1 + 1 < cols && *mesh_at (m, i, c1 + 1) == id)
          c1++;
        while (r1 + 1 < rows && *mesh_at (m, r1 + 1, j) == id)
          r1++;
        gboolean rect = !g_hash_table_contains (seen, GUINT_TO_POINTER (id + 1));
        for (guint r = i; r <= r1 && rect; r++)
          for (guint c = j; c <= c1 && rect; c++)
            rect = *mesh_at (m, r, c) == id && !done[r * cols + c];
        if (!rect)
          c1 = j, r1 = i;
        g_hash_table_add (seen, GUINT_TO_POINTER (id + 1));
        for (guint r = i; r <= r1; r++)
          for (guint c = j; c <= c1; c++)
            done[r * cols + c] = 1;
        LCell cell = { i, j, r1 - i + 1, c1 - j + 1, { xs[j], ys[i], xs[c1 + 1], ys[r1 + 1] }, 0 };
        g_array_append_val (t->cells, cell);
      }
}

/* ---- words ------------------------------------------------------------------ */

/* The free words whose centre lies in [x0,x1] x [y0,y1]. */
static GArray *
words_in (const LayoutPage *lp, double x0, double y0, double x1, double y1)
{
  const PsPage *page = lp->page;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  PsBox area = { x0, y0, x1, y1 };
  g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
  ps_word_index_query (lp->index, &area, near);
  for (guint i = 0; i < near->len; i++)
    {
      guint w = g_array_index (near, guint, i);
      if (lp->state[w] != WORD_FREE)
        continue;
      const PsBox *b = &page_word (page, w)->box;
      double cx = box_cx (b), cy = box_cy (b);
      if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1)
        g_array_append_val (out, w);
    }
  return out;
}

/* Words of the cell `id` covers (its rectangle [c0,c1] x [r0,r1]). */
static GArray *
cell_words (const LayoutPage *lp, const Mesh *m, guint r0, guint r1, guint c0, guint c1)
{
  const double *xs = (const double *) (const void *) m->xs->data;
  const double *ys = (const double *) (const void *) m->ys->data;
  return words_in (lp, xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]);
}

/* A cell may be cut at x: no word runs across x, nor does a word space
 * (text running on), and (unless `either`) it has words wholly on both
 * sides. */
static gboolean
may_cut (const LayoutPage *lp, GArray *words, double x, gboolean either)
{
  const PsPage *page = lp->page;
  gboolean left = FALSE, right = FALSE;
  for (guint i = 0; i < words->len; i++)
    {
      const PsBox *b = &page_word (page, g_array_index (words, guint, i))->box;
      if (b->x0 < x && b->x1 > x)
        return FALSE;
      left |= b->x1 <= x;
      right |= b->x0 >= x;
    }
  if (!either && (!left || !right))
    return FALSE;
  guint *ix = (guint *) (void *) words->data;
  g_autoptr (GArray) bands = ps_layout_bands (page, ix, words->len);
  for (guint b = 0; b < bands->len; b++)
    {
      const Band *band = &g_array_index (bands, Band, b);
      for (guint i = 1; i < band->n; i++)
        {
          const PsWord *u = page_word (page, ix[band->first + i - 1]);
          const PsWord *v = page_word (page, ix[band->first + i]);
          double em = MAX (ps_layout_word_size (u), ps_layout_word_size (v));
          if (u->box.x1 - 2.0 <= x && v->box.x0 + 2.0 >= x && v->box.x0 - u->box.x1 < 0.35 * em)
            return FALSE;
        }
    }
  return TRUE;
}

/* ---- columns ---------------------------------------------------------------- */

/* Gutters inside each ruled column become column lines. */
static void
split_columns (const LayoutPage *lp, Mesh *m, const PsBox *box)
{
  for (guint j = mesh_cols (m); j-- > 0;)
    {
      double x0 = g_array_index (m->xs, double, j), x1 = g_array_index (m->xs, double, j + 1);
      g_autoptr (GArray) words = words_in (lp, x0, box->y0, x1, box->y1);
      if (words->len < 4)
        continue;
      StreamLines l = { 0 };
      ps_stream_lines_init (&l, lp, (const guint *) (const void *) words->data, words->len);
      g_autoptr (GArray) cuts = ps_stream_gutters (&l, 0, l.bands->len, 2, TRUE);
      ps_stream_lines_clear (&l);
      for (guint k = cuts->len; k-- > 0;)
        {
          double x = g_array_index (cuts, double, k);
          if (x > x0 + 1 && x < x1 - 1 && m->xs->len < MAX_MESH)
            insert_column (m, j, x);
        }
    }
}

/* Cells spanning columns are cut at each column line they may be cut at. */
static void
split_spans (const LayoutPage *lp, Mesh *m)
{
  guint cols = mesh_cols (m), rows = mesh_rows (m);
  for (guint i = 0; i < rows; i++)
    for (guint j = 0; j + 1 < cols; j++)
      {
        guint id = *mesh_at (m, i, j);
        if (*mesh_at (m, i, j + 1) != id || (i > 0 && *mesh_at (m, i - 1, j) == id))
          continue; /* not the top-left of a spanning cell */
        guint c1 = j, r1 = i;
        while (c1 + 1 < cols && *mesh_at (m, i, c1 + 1) == id)
          c1++;
        while (r1 + 1 < rows && *mesh_at (m, r1 + 1, j) == id)
          r1++;
        guint start = j;
        for (guint k = j + 1; k <= c1; k++)
          {
            g_autoptr (GArray) words = cell_words (lp, m, i, r1, start, c1);
            double x = g_array_index (m->xs, double, k);
            /* Across a column line no ruling draws (found from the words),
             * a cell spans only where its text runs across; across a ruled
             * one left out here, it spans unless text stands both sides. */
            if (!may_cut (lp, words, x, g_array_index (m->added, gboolean, k)))
              continue;
            guint fresh = m->next_id++;
            for (guint r = i; r <= r1; r++)
              for (guint c = k; c <= c1; c++)
                if (*mesh_at (m, r, c) == id)
                  *mesh_at (m, r, c) = fresh;
            id = fresh;
            start = k;
          }
      }
}

/* ---- rows ------------------------------------------------------------------ */

static guint
popcount64 (guint64 v)
{
  guint n = 0;
  for (; v; v &= v - 1)
    n++;
  return n;
}

/* The columns each band of l has words in. */
static guint64
band_columns (const StreamLines *l, guint b, const Mesh *m)
{
  const Band *band = &g_array_index (l->bands, Band, b);
  guint64 set = 0;
  for (guint i = 0; i < band->n; i++)
    {
      const PsBox *wb = &page_word (l->lp->page, l->idx[band->first + i])->box;
      double cx = box_cx (wb);
      guint c = 0;
      while (c + 1 < mesh_cols (m) && cx >= g_array_index (m->xs, double, c + 1))
        c++;
      if (c < 64)
        set |= G_GUINT64_CONSTANT (1) << c;
    }
  return set;
}

/* Counts the pieces of band b in each column, and those starting with a
 * lower-case letter. */
static void
count_lower_starts (const StreamLines *l, guint b, const Mesh *m, guint *pieces, guint *lower)
{
  const Band *band = &g_array_index (l->bands, Band, b);
  int last = -1;
  for (guint i = 0; i < band->n; i++)
    {
      const PsWord *w = page_word (l->lp->page, l->idx[band->first + i]);
      double cx = box_cx (&w->box);
      int c = 0;
      while ((guint) c + 1 < mesh_cols (m) && cx >= g_array_index (m->xs, double, c + 1))
        c++;
      if (c == last)
        continue;
      last = c;
      (*pieces)++;
      *lower += g_unichar_islower (g_utf8_get_char_validated (w->text, -1)) != 0;
    }
}

/* Lines of row i that each fill most of its cells are rows of their own
 * when the table shows that a line is a row: one of its other rows holds
 * a single line in several cells. */
static void
split_rows (const LayoutPage *lp, Mesh *m)
{
  guint rows = mesh_rows (m), cols = mesh_cols (m);
  if (cols < 2 || cols > 64)
    return;
  const double *xs = (const double *) (const void *) m->xs->data;
  /* Lines per row, and whether some row is one line across cells. */
  gboolean line_rows = FALSE;
  g_autofree guint *n_bands = g_new0 (guint, rows + 1);
  for (guint i = 0; i < rows; i++)
    {
      double y0 = g_array_index (m->ys, double, i), y1 = g_array_index (m->ys, double, i + 1);
      g_autoptr (GArray) words = words_in (lp, xs[0], y0, xs[cols], y1);
      StreamLines l = { 0 };
      ps_stream_lines_init (&l, lp, (const guint *) (const void *) words->data, words->len);
      n_bands[i] = l.bands->len;
      if (l.bands->len == 1 && popcount64 (band_columns (&l, 0, m)) >= 2)
        line_rows = TRUE;
      ps_stream_lines_clear (&l);
    }
  if (!line_rows)
    return;
  g_autoptr (GArray) cuts = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint c = 1; c < cols; c++)
    g_array_append_val (cuts, xs[c]);
  for (guint i = rows; i-- > 0;)
    {
      if (n_bands[i] < 2)
        continue;
      /* Only rows whose cells all stay inside it. */
      gboolean own = TRUE;
      for (guint c = 0; c < cols && own; c++)
        {
          guint id = *mesh_at (m, i, c);
          own = (i == 0 || *mesh_at (m, i - 1, c) != id)
                && (i + 1 == rows || *mesh_at (m, i + 1, c) != id);
        }
      if (!own)
        continue;
      double y0 = g_array_index (m->ys, double, i), y1 = g_array_index (m->ys, double, i + 1);
      g_autoptr (GArray) words = words_in (lp, xs[0], y0, xs[cols], y1);
      StreamLines l = { 0 };
      ps_stream_lines_init (&l, lp, (const guint *) (const void *) words->data, words->len);
      guint n = l.bands->len, filled = 0, full = 0, pieces = 0, lower = 0;
      guint64 all = 0;
      for (guint b = 0; b < n; b++)
        all |= band_columns (&l, b, m);
      filled = popcount64 (all);
      for (guint b = 0; b < n; b++)
        if (popcount64 (band_columns (&l, b, m)) * 10 >= MAX (2u, filled) * 6)
          {
            full++;
            count_lower_starts (&l, b, m, &pieces, &lower);
          }
      /* Wrapped prose carries its sentences on in lower case; lines that
       * are rows start each cell afresh. */
      if (n >= 2 && full >= 2 && full * 4 >= n * 3 && lower * 10 <= pieces
          && m->ys->len + n < MAX_MESH)
        {
          g_autoptr (GArray) starts = ps_stream_rows (&l, 0, n, cuts);
          for (guint k = starts->len; k-- > 1;)
            {
              guint b = g_array_index (starts, guint, k);
              const Band *below = &g_array_index (l.bands, Band, b);
              insert_row (m, i, below->box.y0);
              /* The part below the new line: cells of its own. */
              for (guint c = 0; c < cols; c++)
                {
                  guint old = *mesh_at (m, i + 1, c);
                  guint fresh = m->next_id++;
                  for (guint cc = c; cc < cols && *mesh_at (m, i + 1, cc) == old; cc++)
                    *mesh_at (m, i + 1, cc) = fresh;
                  while (c + 1 < cols && *mesh_at (m, i + 1, c + 1) == fresh)
                    c++;
                }
            }
        }
      ps_stream_lines_clear (&l);
    }
}

/* ---- a header above the top rule ---------------------------------------- */

/* A table ruled only between its rows (and under its header) has its
 * header row above its first rule: the lines right above it whose words
 * fall in two or more of its columns without running across any. */
static void
extend_header (const LayoutPage *lp, Mesh *m)
{
  const PsPage *page = lp->page;
  guint cols = mesh_cols (m);
  const double *xs = (const double *) (const void *) m->xs->data;
  double top = g_array_index (m->ys, double, 0);
  if (cols < 2)
    return;
  /* Free words above the table, within its width, nearest first. */
  g_autoptr (GArray) words = words_in (lp, xs[0] - 1, top - 60, xs[cols] + 1, top);
  guint *ix = (guint *) (void *) words->data;
  g_autoptr (GArray) bands = ps_layout_bands (page, ix, words->len);
  double edge = top, new_top = top;
  guint64 filled = 0;
  for (guint b = bands->len; b-- > 0;)
    {
      const Band *band = &g_array_index (bands, Band, b);
      double h = band->box.y1 - band->box.y0;
      if (edge - band->box.y1 > 1.2 * h || band->box.x0 < xs[0] - 1 || band->box.x1 > xs[cols] + 1)
        break;
      gboolean crossing = FALSE;
      guint64 here = 0;
      for (guint i = 0; i < band->n && !crossing; i++)
        {
          const PsBox *wb = &page_word (page, ix[band->first + i])->box;
          for (guint c = 1; c < cols && !crossing; c++)
            crossing = wb->x0 < xs[c] - 0.5 && wb->x1 > xs[c] + 0.5;
          guint c = 0;
          while (c + 1 < cols && box_cx (wb) >= xs[c + 1])
            c++;
          if (c < 64)
            here |= G_GUINT64_CONSTANT (1) << c;
        }
      /* A header line fills two columns or more; one that fills a single
       * column is a heading or the end of a paragraph above the table. */
      if (crossing || popcount64 (here) < 2)
        break;
      filled |= here;
      edge = band->box.y0;
      new_top = band->box.y0;
    }
  if (popcount64 (filled) < 2 || new_top >= top)
    return;
  /* A row of its own above the first, one cell per column. */
  g_autofree guint *row = g_new (guint, cols);
  for (guint c = 0; c < cols; c++)
    row[c] = m->next_id++;
  g_array_insert_vals (m->id, 0, row, cols);
  g_array_prepend_val (m->ys, new_top);
}

/* Column lines at the given positions (those not already there). */
static void
add_columns (Mesh *m, const double *cols, guint n)
{
  for (guint k = 0; k < n; k++)
    {
      double x = cols[k];
      guint j = 0;
      while (j + 1 < mesh_cols (m) && g_array_index (m->xs, double, j + 1) <= x)
        j++;
      double x0 = g_array_index (m->xs, double, j), x1 = g_array_index (m->xs, double, j + 1);
      if (x > x0 + 2.5 && x < x1 - 2.5 && m->xs->len < MAX_MESH)
        insert_column (m, j, x);
    }
}

/* A cell whose right edge was found in a gutter, not ruled, has no box to
 * tell where its text wraps: the edge lies where the next column's text
 * starts, past the padding either side of the gutter.  Its text wraps at
 * least as far right as the column's rightmost word, and short of the edge
 * by the narrowest such gutter (a column whose text ran to its wrap). */
static void
set_wraps (const LayoutPage *lp, const Mesh *m, LTable *t)
{
  guint cols = mesh_cols (m);
  const double *xs = (const double *) (const void *) m->xs->data;
  g_autofree double *right = g_new0 (double, cols);
  for (guint i = 0; i < t->cells->len; i++)
    {
      const LCell *c = &g_array_index (t->cells, LCell, i);
      if (c->colspan != 1)
        continue;
      g_autoptr (GArray) words = words_in (lp, c->box.x0, c->box.y0, c->box.x1, c->box.y1);
      for (guint k = 0; k < words->len; k++)
        {
          const PsBox *wb = &page_word (lp->page, g_array_index (words, guint, k))->box;
          if (wb->x1 <= c->box.x1)
            right[c->col] = MAX (right[c->col], wb->x1);
        }
    }
  double gutter = G_MAXDOUBLE;
  for (guint k = 0; k + 1 < cols; k++)
    if (g_array_index (m->added, gboolean, k + 1) && right[k] > xs[k])
      gutter = MIN (gutter, xs[k + 1] - right[k]);
  gutter = gutter < G_MAXDOUBLE ? MAX (gutter, 2.0) : 2.0;
  for (guint i = 0; i < t->cells->len; i++)
    {
      LCell *c = &g_array_index (t->cells, LCell, i);
      guint last = c->col + c->colspan - 1;
      if (last < cols && g_array_index (m->added, gboolean, last + 1) && right[last] > xs[last])
        c->wrap_x1 = MAX (right[last], xs[last + 1] - gutter);
    }
}

void
ps_lattice_refine (const LayoutPage *lp, LTable *t, const double *cols, guint n_cols)
{
  if (t->n_rows == 0 || t->n_cols == 0 || t->n_rows > MAX_MESH || t->n_cols > MAX_MESH)
    return;
  Mesh m = { 0 };
  mesh_init (&m, t);
  if (cols)
    add_columns (&m, cols, n_cols);
  else
    split_columns (lp, &m, &t->box);
  extend_header (lp, &m);
  t->box.y0 = g_array_index (m.ys, double, 0);
  split_spans (lp, &m);
  split_rows (lp, &m);
  mesh_to_table (&m, t);
  set_wraps (lp, &m, t);
  mesh_clear (&m);
}
