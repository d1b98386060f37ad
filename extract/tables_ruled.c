/* tables_ruled.c — ruled tables (lattice): grids of ruling lines.
 *
 *   collect_segments    rulings as segments, collinear pieces merged,
 *                       underlines dropped
 *   fill_borders        the sides of fills that act as borders: a shaded
 *                       header above a ruled grid, a table of shaded cells,
 *                       a border lost in a fill of its own colour
 *   connect             rulings that meet (within a few points) form one
 *                       component; each component may be a table
 *   grid_positions      its distinct x and y positions, near-equal ones
 *                       snapped, thin empty strips (double lines) dropped
 *   find_edges          which sides of each elementary cell are ruled: a
 *                       ruling must cover most of the side, and no text
 *                       may run across it
 *   group_cells         elementary cells joined across unruled sides are
 *                       one cell (row and column spans)
 *   boxed_rows,         rows that are not the table's: the gap between two
 *   drop_text_rows      tables, a paragraph between them
 *
 * Rulings that stop a few points short of the line they meet, double
 * lines, and borders drawn as thin filled rectangles (which ingest reports
 * as rulings) all land on the same grid.  A ruling that runs through a
 * word is not there: ingest may bridge a ruling across the text of a cell
 * that spans its columns, or across footnotes between two tables, since
 * glyphs hide the pixels it scans; nor is one that passes between two
 * words a word space apart.  (A fill is no such evidence: ingest lets a
 * fill run on under a ruling that touches glyphs.)
 */
#include "layout_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Segments closer than this across, and overlapping or this close along,
 * are one ruling (points). */
#define COLLINEAR 1.0
#define JOIN_GAP 2.0
/* A ruling may stop this short of the one it meets (points). */
#define REACH 3.0
/* Positions this close are one grid line (points). */
#define SNAP 2.5
/* A strip of the grid thinner than this with no text is the gap of a
 * double line (points). */
#define THIN_STRIP 4.0
/* Two words closer than this many ems are one text: a word space is
 * about a quarter of an em; cell padding on both sides of a line is more. */
#define WORD_SPACE_EM 0.35
/* Share of a cell side a ruling must cover. */
#define MIN_COVER 0.6
/* Most rulings looked at per direction, and most grid lines per table:
 * beyond them a page is a drawing, not a table, and the work is capped. */
#define MAX_SEGMENTS 3000
#define MAX_GRID_LINES 400

typedef struct
{
  double a;      /* across: y of a horizontal, x of a vertical */
  double lo, hi; /* along */
  int line;      /* grid line it lies on, or -1 */
} Seg;

/* ---- segments ------------------------------------------------------------ */

static int
compare_seg_a (gconstpointer a, gconstpointer b)
{
  const Seg *x = a, *y = b;
  if (x->a != y->a)
    return x->a < y->a ? -1 : 1;
  if (x->lo != y->lo)
    return x->lo < y->lo ? -1 : 1;
  return (x->hi > y->hi) - (x->hi < y->hi);
}

static int
compare_seg_lo (gconstpointer a, gconstpointer b)
{
  const Seg *x = a, *y = b;
  if (x->lo != y->lo)
    return x->lo < y->lo ? -1 : 1;
  return (x->hi > y->hi) - (x->hi < y->hi);
}

static int
compare_seg_length_desc (gconstpointer a, gconstpointer b)
{
  const Seg *x = a, *y = b;
  double lx = x->hi - x->lo, ly = y->hi - y->lo;
  if (lx != ly)
    return lx > ly ? -1 : 1;
  return compare_seg_a (a, b);
}

/* Merges segments on one line (within COLLINEAR across) that overlap or
 * nearly touch along. */
static GArray *
merge_collinear (GArray *segs)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Seg));
  g_array_sort (segs, compare_seg_a);
  guint n = segs->len;
  Seg *s = (Seg *) (void *) segs->data;
  for (guint i = 0; i < n;)
    {
      guint j = i + 1;
      while (j < n && s[j].a - s[i].a <= COLLINEAR)
        j++;
      /* s[i..j) lie on one line: merge them along. */
      qsort (s + i, j - i, sizeof (Seg), compare_seg_lo);
      /* The merged ruling lies where its longest piece does: a position
       * read from the input, not computed, so that the stage JSON (which
       * rounds positions) lays out the same as the PDF. */
      Seg cur = s[i];
      double longest = cur.hi - cur.lo;
      for (guint k = i + 1; k <= j; k++)
        {
          if (k < j && s[k].lo <= cur.hi + JOIN_GAP)
            {
              cur.hi = MAX (cur.hi, s[k].hi);
              if (s[k].hi - s[k].lo > longest)
                {
                  longest = s[k].hi - s[k].lo;
                  cur.a = s[k].a;
                }
              continue;
            }
          g_array_append_val (out, cur);
          if (k < j)
            {
              cur = s[k];
              longest = cur.hi - cur.lo;
            }
        }
      i = j;
    }
  return out;
}

static int
compare_word_bottom (gconstpointer a, gconstpointer b, gpointer data)
{
  const PsPage *page = data;
  guint i = *(const guint *) a, k = *(const guint *) b;
  double x = page_word (page, i)->box.y1, y = page_word (page, k)->box.y1;
  if (x != y)
    return x < y ? -1 : 1;
  return (i > k) - (i < k);
}

/* Underlines (links, emphasis) are drawn as rulings: a horizontal one lying
 * along the foot of words that cover nearly all of it, and reaching little
 * beyond them.  A table's border runs across its cells' padding. */
static void
drop_underlines (const LayoutPage *lp, GArray *segs)
{
  const PsPage *page = lp->page;
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < page->words->len; i++)
    if (lp->state[i] != WORD_BAD)
      g_array_append_val (idx, i);
  g_qsort_with_data (idx->data, (gint) idx->len, sizeof (guint), compare_word_bottom,
                     (gpointer) page);
  const guint *ix = (const guint *) (const void *) idx->data;
  guint n = idx->len;
  for (guint k = 0; k < segs->len;)
    {
      const Seg *s = &g_array_index (segs, Seg, k);
      /* Words whose foot lies within 3 points above to 3 below. */
      guint lo = 0, hi = n;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (page_word (page, ix[mid])->box.y1 < s->a - 3.0)
            lo = mid + 1;
          else
            hi = mid;
        }
      double covered_len = 0, x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE;
      for (guint i = lo; i < n && page_word (page, ix[i])->box.y1 <= s->a + 3.0; i++)
        {
          const PsBox *b = &page_word (page, ix[i])->box;
          double ov = overlap_1d (b->x0, b->x1, s->lo, s->hi);
          if (ov <= 0 || s->a < b->y0 + 0.5 * (b->y1 - b->y0))
            continue;
          covered_len += ov;
          x0 = MIN (x0, b->x0);
          x1 = MAX (x1, b->x1);
        }
      double len = s->hi - s->lo;
      if (len > 0 && covered_len >= 0.8 * len && s->lo >= x0 - 3.0 && s->hi <= x1 + 3.0)
        g_array_remove_index (segs, k);
      else
        k++;
    }
}

static GArray *
collect_segments (const LayoutPage *lp, PsRulingDir dir, const PsBox *clip)
{
  const PsPage *page = lp->page;
  g_autoptr (GArray) raw = g_array_new (FALSE, FALSE, sizeof (Seg));
  for (guint i = 0; i < page->rulings->len; i++)
    {
      const PsRuling *r = &g_array_index (page->rulings, PsRuling, i);
      if (r->dir != dir || !isfinite (r->x0) || !isfinite (r->y0) || !isfinite (r->x1)
          || !isfinite (r->y1))
        continue;
      Seg s;
      if (dir == PS_RULING_HORIZONTAL)
        s = (Seg){ r->y0, MIN (r->x0, r->x1), MAX (r->x0, r->x1), -1 };
      else
        s = (Seg){ r->x0, MIN (r->y0, r->y1), MAX (r->y0, r->y1), -1 };
      if (clip)
        {
          double a0 = dir == PS_RULING_HORIZONTAL ? clip->y0 : clip->x0;
          double a1 = dir == PS_RULING_HORIZONTAL ? clip->y1 : clip->x1;
          double l0 = dir == PS_RULING_HORIZONTAL ? clip->x0 : clip->y0;
          double l1 = dir == PS_RULING_HORIZONTAL ? clip->x1 : clip->y1;
          if (s.a < a0 - REACH || s.a > a1 + REACH || s.hi < l0 || s.lo > l1)
            continue;
          s.lo = MAX (s.lo, l0 - REACH);
          s.hi = MIN (s.hi, l1 + REACH);
        }
      if (s.hi - s.lo < 1.0)
        continue;
      g_array_append_val (raw, s);
    }
  GArray *segs = merge_collinear (raw);
  if (dir == PS_RULING_HORIZONTAL)
    drop_underlines (lp, segs);
  if (segs->len > MAX_SEGMENTS)
    {
      g_array_sort (segs, compare_seg_length_desc);
      g_array_set_size (segs, MAX_SEGMENTS);
    }
  return segs;
}

/* ---- components ------------------------------------------------------------ */

static guint
uf_find (guint *parent, guint i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

static void
uf_union (guint *parent, guint a, guint b)
{
  a = uf_find (parent, a);
  b = uf_find (parent, b);
  if (a != b)
    parent[MAX (a, b)] = MIN (a, b);
}

/* Joins every horizontal to the verticals it meets.  Verticals are sorted
 * by x, so each horizontal only looks at those within its reach. */
static guint *
connect (GArray *hs, GArray *vs)
{
  guint nh = hs->len, nv = vs->len;
  guint *parent = g_new (guint, nh + nv + 1);
  for (guint i = 0; i < nh + nv; i++)
    parent[i] = i;
  g_array_sort (vs, compare_seg_a);
  const Seg *v = (const Seg *) (const void *) vs->data;
  for (guint i = 0; i < nh; i++)
    {
      const Seg *h = &g_array_index (hs, Seg, i);
      /* First vertical with x >= h->lo - REACH. */
      guint lo = 0, hi = nv;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (v[mid].a < h->lo - REACH)
            lo = mid + 1;
          else
            hi = mid;
        }
      for (guint j = lo; j < nv && v[j].a <= h->hi + REACH; j++)
        if (h->a >= v[j].lo - REACH && h->a <= v[j].hi + REACH)
          uf_union (parent, i, nh + j);
    }
  return parent;
}

/* ---- the grid --------------------------------------------------------------- */

typedef struct
{
  const LayoutPage *lp;
  GArray *xs, *ys;       /* grid line positions (double), ascending */
  GPtrArray *hsegs;      /* Seg* of the component, horizontal */
  GPtrArray *vsegs;      /* vertical */
  guint nx, ny;          /* xs->len, ys->len */
  guint8 *ve;            /* (ny-1) * nx: vertical side at xs[j] of row i ruled */
  guint8 *he;            /* ny * (nx-1): horizontal side at ys[i] of column j ruled */
  guint *group;          /* (ny-1) * (nx-1): the cell each elementary cell is part of */
  PsBox box;
} Grid2;

static int
compare_seg_ptr_a (gconstpointer a, gconstpointer b)
{
  const Seg *x = *(Seg *const *) a, *y = *(Seg *const *) b;
  return compare_seg_a (x, y);
}

/* Distinct positions of segs' a, near-equal ones (within SNAP) one line
 * where the longest of them lies, with the extremes of the other
 * direction's extent added as outer lines when they reach beyond (a table
 * ruled only across, or with open sides). */
static GArray *
grid_positions (GPtrArray *segs, double ext_lo, double ext_hi)
{
  GArray *pos = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) sorted = g_ptr_array_sized_new (segs->len);
  for (guint i = 0; i < segs->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (segs, i));
  g_ptr_array_sort (sorted, compare_seg_ptr_a);
  for (guint i = 0; i < sorted->len;)
    {
      const Seg *first = g_ptr_array_index (sorted, i), *best = first;
      guint j = i;
      while (j < sorted->len && ((const Seg *) g_ptr_array_index (sorted, j))->a - first->a <= SNAP)
        {
          const Seg *s = g_ptr_array_index (sorted, j++);
          if (s->hi - s->lo > best->hi - best->lo)
            best = s;
        }
      g_array_append_val (pos, best->a);
      i = j;
    }
  if (pos->len == 0 || ext_lo < g_array_index (pos, double, 0) - SNAP)
    g_array_prepend_val (pos, ext_lo);
  if (ext_hi > g_array_index (pos, double, pos->len - 1) + SNAP)
    g_array_append_val (pos, ext_hi);
  return pos;
}

/* Index of the grid line nearest a, or -1 when none is within SNAP. */
static int
nearest_line (const GArray *pos, double a, double tolerance)
{
  int best = -1;
  double best_d = tolerance;
  for (guint i = 0; i < pos->len; i++)
    {
      double d = fabs (g_array_index (pos, double, i) - a);
      if (d <= best_d)
        {
          best_d = d;
          best = (int) i;
        }
    }
  return best;
}

/* Index of the strip of pos holding a: pos[i] <= a < pos[i+1]; -1 outside. */
static int
strip_of (const GArray *pos, double a)
{
  const double *p = (const double *) (const void *) pos->data;
  guint n = pos->len;
  if (n < 2 || a < p[0] || a > p[n - 1])
    return -1;
  guint lo = 0, hi = n - 1;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (p[mid] <= a)
        lo = mid;
      else
        hi = mid;
    }
  return (int) lo;
}

/* Drops lines that bound a strip thinner than THIN_STRIP holding no word
 * centre: the two strokes of a double line are one line. */
static void
drop_thin_strips (const LayoutPage *lp, GArray *pos, gboolean vertical, const PsBox *box)
{
  const PsPage *page = lp->page;
  for (guint i = 0; i + 1 < pos->len;)
    {
      double a = g_array_index (pos, double, i), b = g_array_index (pos, double, i + 1);
      if (b - a >= THIN_STRIP || pos->len <= 2)
        {
          i++;
          continue;
        }
      gboolean text = FALSE;
      PsBox strip = vertical ? (PsBox){ a, box->y0, b, box->y1 } : (PsBox){ box->x0, a, box->x1, b };
      g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
      ps_word_index_query (lp->index, &strip, near);
      for (guint k = 0; k < near->len && !text; k++)
        {
          guint w = g_array_index (near, guint, k);
          if (lp->state[w] != WORD_FREE)
            continue;
          const PsBox *wb = &page_word (page, w)->box;
          double c = vertical ? box_cx (wb) : box_cy (wb);
          double other = vertical ? box_cy (wb) : box_cx (wb);
          double olo = vertical ? box->y0 : box->x0, ohi = vertical ? box->y1 : box->x1;
          text = c > a && c < b && other >= olo && other <= ohi;
        }
      if (text)
        {
          i++;
          continue;
        }
      /* Keep the outer line of the pair at the table's edge. */
      g_array_remove_index (pos, i + 1 == pos->len - 1 ? i : i + 1);
    }
}

/* Length of [lo,hi] the segments of one grid line cover. */
static double
covered (GPtrArray *segs, double lo, double hi)
{
  double sum = 0;
  for (guint i = 0; segs && i < segs->len; i++)
    {
      const Seg *s = g_ptr_array_index (segs, i);
      double ov = overlap_1d (s->lo - REACH, s->hi + REACH, lo, hi);
      if (ov > 0)
        sum += ov;
    }
  return sum;
}

/* The segments of segs on each grid line of pos: (transfer full) array of
 * pos->len GPtrArray* (NULL for a line without any). */
static GPtrArray **
segments_by_line (GPtrArray *segs, const GArray *pos)
{
  GPtrArray **by = g_new0 (GPtrArray *, pos->len + 1);
  for (guint i = 0; i < segs->len; i++)
    {
      Seg *s = g_ptr_array_index (segs, i);
      s->line = nearest_line (pos, s->a, SNAP + 1);
      if (s->line < 0)
        continue;
      if (!by[s->line])
        by[s->line] = g_ptr_array_new ();
      g_ptr_array_add (by[s->line], s);
    }
  return by;
}

static void
free_by_line (GPtrArray **by, guint n)
{
  for (guint i = 0; i < n; i++)
    if (by[i])
      g_ptr_array_unref (by[i]);
  g_free (by);
}

/* First index of pos whose value exceeds a. */
static guint
first_above (const GArray *pos, double a)
{
  const double *p = (const double *) (const void *) pos->data;
  guint lo = 0, hi = pos->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (p[mid] <= a)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Which elementary sides are ruled. */
static void
find_edges (Grid2 *g)
{
  const double *xs = (const double *) (const void *) g->xs->data;
  const double *ys = (const double *) (const void *) g->ys->data;
  guint nx = g->nx, ny = g->ny;
  GPtrArray **vby = segments_by_line (g->vsegs, g->xs);
  GPtrArray **hby = segments_by_line (g->hsegs, g->ys);
  for (guint i = 0; i + 1 < ny; i++)
    for (guint j = 0; j < nx; j++)
      {
        double len = ys[i + 1] - ys[i];
        g->ve[i * nx + j] = covered (vby[j], ys[i], ys[i + 1]) >= MIN_COVER * len;
      }
  for (guint i = 0; i < ny; i++)
    for (guint j = 0; j + 1 < nx; j++)
      {
        double len = xs[j + 1] - xs[j];
        g->he[i * (nx - 1) + j] = covered (hby[i], xs[j], xs[j + 1]) >= MIN_COVER * len;
      }
  free_by_line (vby, nx);
  free_by_line (hby, ny);

  /* No ruling runs through a word. */
  const PsPage *page = g->lp->page;
  g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
  ps_word_index_query (g->lp->index, &g->box, near);
  for (guint k = 0; k < near->len; k++)
    {
      guint w = g_array_index (near, guint, k);
      if (g->lp->state[w] != WORD_FREE)
        continue;
      const PsBox *b = &page_word (page, w)->box;
      double mx = MIN (2.0, 0.25 * (b->x1 - b->x0)), my = 0.3 * (b->y1 - b->y0);
      int row = strip_of (g->ys, box_cy (b)), col = strip_of (g->xs, box_cx (b));
      if (row >= 0)
        for (guint j = MAX (1u, first_above (g->xs, b->x0 + mx)); j + 1 < nx && xs[j] < b->x1 - mx; j++)
          g->ve[(guint) row * nx + j] = 0;
      if (col >= 0)
        for (guint i = MAX (1u, first_above (g->ys, b->y0 + my)); i + 1 < ny && ys[i] < b->y1 - my; i++)
          g->he[i * (nx - 1) + (guint) col] = 0;
    }

  /* Nor between two words a word space apart: the text runs on across it
   * ("Councillor Behaviours" across the line under a number column). */
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint k = 0; k < near->len; k++)
    {
      guint w = g_array_index (near, guint, k);
      const PsBox *b = &page_word (page, w)->box;
      if (g->lp->state[w] == WORD_FREE && box_contains_point (&g->box, box_cx (b), box_cy (b)))
        g_array_append_val (idx, w);
    }
  guint *ix = (guint *) (void *) idx->data;
  g_autoptr (GArray) bands = ps_layout_bands (page, ix, idx->len);
  for (guint b = 0; b < bands->len; b++)
    {
      const Band *band = &g_array_index (bands, Band, b);
      for (guint i = 1; i < band->n; i++)
        {
          const PsWord *u = page_word (page, ix[band->first + i - 1]);
          const PsWord *v = page_word (page, ix[band->first + i]);
          double em = MAX (ps_layout_word_size (u), ps_layout_word_size (v));
          if (v->box.x0 - u->box.x1 >= WORD_SPACE_EM * em)
            continue;
          int row = strip_of (g->ys, (box_cy (&u->box) + box_cy (&v->box)) / 2);
          if (row < 0)
            continue;
          for (guint j = MAX (1u, first_above (g->xs, u->box.x1 - 2.0));
               j + 1 < nx && xs[j] < v->box.x0 + 2.0; j++)
            g->ve[(guint) row * nx + j] = 0;
        }
    }
}

/* Joins elementary cells across unruled sides. */
static void
group_cells (Grid2 *g)
{
  guint nx = g->nx, ny = g->ny, cols = nx - 1, rows = ny - 1;
  for (guint i = 0; i < rows * cols; i++)
    g->group[i] = i;
  for (guint i = 0; i < rows; i++)
    for (guint j = 0; j < cols; j++)
      {
        if (j + 1 < cols && !g->ve[i * nx + j + 1])
          uf_union (g->group, i * cols + j, i * cols + j + 1);
        if (i + 1 < rows && !g->he[(i + 1) * cols + j])
          uf_union (g->group, i * cols + j, (i + 1) * cols + j);
      }
  for (guint i = 0; i < rows * cols; i++)
    g->group[i] = uf_find (g->group, i);
}

/* Grid lines that no longer separate two cells anywhere are dropped;
 * returns TRUE when one was. */
static gboolean
drop_idle_lines (Grid2 *g)
{
  guint nx = g->nx, ny = g->ny, cols = nx - 1, rows = ny - 1;
  gboolean dropped = FALSE;
  for (guint j = nx - 2; j >= 1 && nx > 2; j--)
    {
      gboolean used = FALSE;
      for (guint i = 0; i < rows && !used; i++)
        used = g->group[i * cols + j - 1] != g->group[i * cols + j];
      if (!used)
        {
          g_array_remove_index (g->xs, j);
          dropped = TRUE;
        }
    }
  for (guint i = ny - 2; i >= 1 && ny > 2; i--)
    {
      gboolean used = FALSE;
      for (guint j = 0; j < cols && !used; j++)
        used = g->group[(i - 1) * cols + j] != g->group[i * cols + j];
      if (!used)
        {
          g_array_remove_index (g->ys, i);
          dropped = TRUE;
        }
    }
  return dropped;
}

static void
grid_alloc (Grid2 *g)
{
  g->nx = g->xs->len;
  g->ny = g->ys->len;
  g_free (g->ve);
  g_free (g->he);
  g_free (g->group);
  g->ve = g_new0 (guint8, (gsize) (g->ny - 1) * g->nx + 1);
  g->he = g_new0 (guint8, (gsize) g->ny * (g->nx - 1) + 1);
  g->group = g_new0 (guint, (gsize) (g->ny - 1) * (g->nx - 1) + 1);
}

/* The cells of grid rows [r0, r1): one per group when the group is a
 * rectangle inside them, else one per elementary cell. */
static LTable *
grid_table (const Grid2 *g, guint r0, guint r1)
{
  guint cols = g->nx - 1, rows = g->ny - 1;
  const double *xs = (const double *) (const void *) g->xs->data;
  const double *ys = (const double *) (const void *) g->ys->data;
  LTable *t = ps_ltable_new ();
  t->ruled = TRUE;
  t->n_rows = r1 - r0;
  t->n_cols = cols;
  t->box = (PsBox){ xs[0], ys[r0], xs[g->nx - 1], ys[r1] };
  g_autofree guint8 *done = g_new0 (guint8, (gsize) rows * cols + 1);
  for (guint i = r0; i < r1; i++)
    for (guint j = 0; j < cols; j++)
      {
        guint id = g->group[i * cols + j];
        if (done[i * cols + j])
          continue;
        /* The group's extent, from its top-left cell. */
        guint c1 = j, e1 = i;
        while (c1 + 1 < cols && g->group[i * cols + c1 + 1] == id)
          c1++;
        while (e1 + 1 < r1 && g->group[(e1 + 1) * cols + j] == id)
          e1++;
        gboolean rect = TRUE;
        for (guint r = i; r <= e1 && rect; r++)
          for (guint c = j; c <= c1 && rect; c++)
            rect = g->group[r * cols + c] == id && !done[r * cols + c];
        /* Outside the rectangle, the group must not go on. */
        for (guint r = 0; r < rows && rect; r++)
          for (guint c = 0; c < cols && rect; c++)
            if ((r < i || r > e1 || c < j || c > c1) && g->group[r * cols + c] == id)
              rect = FALSE;
        if (!rect)
          c1 = j, e1 = i;
        for (guint r = i; r <= e1; r++)
          for (guint c = j; c <= c1; c++)
            done[r * cols + c] = 1;
        LCell cell = { i - r0, j, e1 - i + 1, c1 - j + 1,
                       { xs[j], ys[i], xs[c1 + 1], ys[e1 + 1] }, 0 };
        g_array_append_val (t->cells, cell);
      }
  return t;
}

/* Rows of a boxed table (most rows ruled down both outer sides) that
 * miss an outer side are not the table's: the gap between two tables,
 * whose outer rulings ingest may have bridged across the text between
 * them (footnotes).  Returns a row mask, 1 for the table's rows. */
static guint8 *
boxed_rows (const Grid2 *g)
{
  guint rows = g->ny - 1, nx = g->nx;
  const double *xs = (const double *) (const void *) g->xs->data;
  const double *ys = (const double *) (const void *) g->ys->data;
  const PsPage *page = g->lp->page;
  guint8 *inside = g_new (guint8, rows + 1);
  guint boxed = 0;
  for (guint i = 0; i < rows; i++)
    {
      gboolean left = g->ve[i * nx], right = g->ve[i * nx + nx - 1];
      /* A shaded row is bounded by its fill where no ruling shows (a
       * header whose borders are drawn in its own colour). */
      for (guint f = 0; f < page->fills->len && !(left && right); f++)
        {
          const PsBox *b = &g_array_index (page->fills, PsFill, f).box;
          if (overlap_1d (b->y0, b->y1, ys[i], ys[i + 1]) < MIN_COVER * (ys[i + 1] - ys[i]))
            continue;
          left |= fabs (b->x0 - xs[0]) <= REACH;
          right |= fabs (b->x1 - xs[nx - 1]) <= REACH;
        }
      inside[i] = left && right;
      boxed += inside[i];
    }
  if (rows < 3 || boxed * 10 < rows * 6)
    memset (inside, 1, rows);
  return inside;
}

/* Most of box lies under one fill. */
static gboolean
shaded (const PsPage *page, const PsBox *box)
{
  double area = (box->x1 - box->x0) * (box->y1 - box->y0);
  for (guint f = 0; f < page->fills->len; f++)
    {
      const PsBox *b = &g_array_index (page->fills, PsFill, f).box;
      double w = overlap_1d (b->x0, b->x1, box->x0, box->x1);
      double h = overlap_1d (b->y0, b->y1, box->y0, box->y1);
      if (w > 0 && h > 0 && w * h >= 0.6 * area)
        return TRUE;
    }
  return FALSE;
}

/* Rows inside a grid that are running text, not table: two lines or more
 * each running in one piece across two of its column lines and half its
 * width — the paragraph between two tables whose column rulings ingest
 * drew on through it.  Cell text never runs across ruled columns; a
 * heading row across them is one line, or shaded, or opens in bold.  The
 * first and last rows stay (a table's title or notes). */
static void
drop_text_rows (const Grid2 *g, guint8 *inside)
{
  guint rows = g->ny - 1;
  const double *xs = (const double *) (const void *) g->xs->data;
  const double *ys = (const double *) (const void *) g->ys->data;
  const PsPage *page = g->lp->page;
  double width = xs[g->nx - 1] - xs[0];
  for (guint i = 1; i + 1 < rows; i++)
    {
      PsBox strip = { xs[0], ys[i], xs[g->nx - 1], ys[i + 1] };
      g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
      ps_word_index_query (g->lp->index, &strip, near);
      g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint k = 0; k < near->len; k++)
        {
          guint w = g_array_index (near, guint, k);
          const PsWord *word = page_word (page, w);
          if (g->lp->state[w] == WORD_FREE
              && box_contains_point (&strip, box_cx (&word->box), box_cy (&word->box)))
            g_array_append_val (idx, w);
        }
      guint *ix = (guint *) (void *) idx->data;
      g_autoptr (GArray) bands = ps_layout_bands (page, ix, idx->len);
      if (bands->len < 2 || shaded (page, &strip))
        continue;
      /* A heading row opens with a bold line. */
      const Band *top = &g_array_index (bands, Band, 0);
      gboolean bold = TRUE;
      for (guint k = 0; k < top->n; k++)
        bold &= (page_word (page, ix[top->first + k])->flags & PS_TEXT_BOLD) != 0;
      if (bold)
        continue;
      guint running = 0;
      for (guint b = 0; b < bands->len; b++)
        {
          const Band *band = &g_array_index (bands, Band, b);
          double from = 0, to = 0;
          gboolean any = FALSE, found = FALSE;
          for (guint k = 0; k <= band->n && !found; k++)
            {
              const PsWord *w = k < band->n ? page_word (page, ix[band->first + k]) : NULL;
              double em = w ? ps_layout_word_size (w) : 0;
              if (w && any && w->box.x0 - to < 0.5 * em)
                {
                  to = MAX (to, w->box.x1);
                  continue;
                }
              /* A piece of the line ended: does it run across? */
              if (any && to - from >= 0.5 * width)
                {
                  guint crossed = 0;
                  for (guint j = 1; j + 1 < g->nx; j++)
                    crossed += xs[j] > from && xs[j] < to;
                  found = crossed >= 2;
                }
              if (w)
                {
                  from = w->box.x0;
                  to = w->box.x1;
                  any = TRUE;
                }
            }
          running += found;
        }
      if (running >= 2)
        inside[i] = 0;
    }
}

/* Interior column lines of t that no cell starts or ends at are dropped
 * (a grid split in two keeps only its own columns in each part). */
static void
compact_columns (LTable *t)
{
  for (guint j = t->n_cols - 1; j >= 1 && t->n_cols > 1; j--)
    {
      gboolean used = FALSE;
      for (guint i = 0; i < t->cells->len && !used; i++)
        {
          const LCell *c = &g_array_index (t->cells, LCell, i);
          used = c->col == j || c->col + c->colspan == j;
        }
      if (used)
        continue;
      for (guint i = 0; i < t->cells->len; i++)
        {
          LCell *c = &g_array_index (t->cells, LCell, i);
          if (c->col > j)
            c->col--;
          else if (c->col + c->colspan > j)
            c->colspan--;
        }
      t->n_cols--;
    }
}

/* One component as tables (none when it is no grid), appended to out. */
static void
component_tables (const LayoutPage *lp, GPtrArray *hsegs, GPtrArray *vsegs, GPtrArray *out)
{
  if (hsegs->len == 0 || vsegs->len == 0 || hsegs->len + vsegs->len < 4)
    return;
  PsBox box = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  for (guint i = 0; i < hsegs->len; i++)
    {
      const Seg *s = g_ptr_array_index (hsegs, i);
      box = box_union (box, (PsBox){ s->lo, s->a, s->hi, s->a });
    }
  for (guint i = 0; i < vsegs->len; i++)
    {
      const Seg *s = g_ptr_array_index (vsegs, i);
      box = box_union (box, (PsBox){ s->a, s->lo, s->a, s->hi });
    }
  Grid2 g = { 0 };
  g_autofree guint8 *inside = NULL;
  g.lp = lp;
  g.hsegs = hsegs;
  g.vsegs = vsegs;
  g.box = box;
  g.xs = grid_positions (vsegs, box.x0, box.x1);
  g.ys = grid_positions (hsegs, box.y0, box.y1);
  if (g.xs->len > MAX_GRID_LINES || g.ys->len > MAX_GRID_LINES)
    goto out;
  drop_thin_strips (lp, g.xs, TRUE, &box);
  drop_thin_strips (lp, g.ys, FALSE, &box);
  if (g.xs->len < 2 || g.ys->len < 2)
    goto out;
  /* Dropping a line can leave another idle: settle in a few rounds. */
  for (int round = 0; round < 4; round++)
    {
      grid_alloc (&g);
      find_edges (&g);
      group_cells (&g);
      if (!drop_idle_lines (&g))
        break;
    }
  grid_alloc (&g);
  find_edges (&g);
  group_cells (&g);
  guint rows = g.ny - 1;
  inside = boxed_rows (&g);
  drop_text_rows (&g, inside);
  for (guint r0 = 0; r0 < rows;)
    {
      if (!inside[r0])
        {
          r0++;
          continue;
        }
      guint r1 = r0;
      while (r1 < rows && inside[r1])
        r1++;
      /* One column is a frame around text (a box, a callout), not a
       * table. */
      if (g.nx >= 3)
        {
          LTable *t = grid_table (&g, r0, r1);
          compact_columns (t);
          if (t->n_cols >= 2)
            g_ptr_array_add (out, t);
          else
            ps_ltable_free (t);
        }
      r0 = r1;
    }
out:
  g_array_unref (g.xs);
  g_array_unref (g.ys);
  g_free (g.ve);
  g_free (g.he);
  g_free (g.group);
}

static int
compare_area_desc (gconstpointer a, gconstpointer b)
{
  const LTable *x = *(LTable *const *) a, *y = *(LTable *const *) b;
  double ax = (x->box.x1 - x->box.x0) * (x->box.y1 - x->box.y0);
  double ay = (y->box.x1 - y->box.x0) * (y->box.y1 - y->box.y0);
  if (ax != ay)
    return ax > ay ? -1 : 1;
  if (x->box.y0 != y->box.y0)
    return x->box.y0 < y->box.y0 ? -1 : 1;
  return (x->box.x0 > y->box.x0) - (x->box.x0 < y->box.x0);
}

/* ---- fills as borders ---------------------------------------------------- */

/* The boxes of the components that have rulings both ways. */
static GArray *
component_boxes (GArray *hs, GArray *vs)
{
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (PsBox));
  if (hs->len == 0 || vs->len == 0)
    return boxes;
  g_autofree guint *parent = connect (hs, vs);
  guint nh = hs->len, nv = vs->len;
  g_autofree gint *slot = g_new (gint, nh + nv + 1);
  g_autofree guint8 *kinds = g_new0 (guint8, nh + nv + 1);
  for (guint i = 0; i < nh + nv; i++)
    slot[i] = -1;
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (PsBox));
  for (guint i = 0; i < nh + nv; i++)
    {
      guint root = uf_find (parent, i);
      const Seg *s = i < nh ? &g_array_index (hs, Seg, i) : &g_array_index (vs, Seg, i - nh);
      PsBox b = i < nh ? (PsBox){ s->lo, s->a, s->hi, s->a } : (PsBox){ s->a, s->lo, s->a, s->hi };
      if (slot[root] < 0)
        {
          slot[root] = (gint) all->len;
          g_array_append_val (all, b);
        }
      else
        {
          PsBox *u = &g_array_index (all, PsBox, (guint) slot[root]);
          *u = box_union (*u, b);
        }
      kinds[slot[root]] |= i < nh ? 1 : 2;
    }
  for (guint i = 0; i < all->len; i++)
    if (kinds[i] == 3)
      g_array_append_val (boxes, g_array_index (all, PsBox, i));
  return boxes;
}

static gboolean
colours_alike (PsColour a, PsColour b)
{
  return abs ((int) a.r - b.r) + abs ((int) a.g - b.g) + abs ((int) a.b - b.b) <= 24;
}

/* A word's box meets band. */
static gboolean
words_touch (const LayoutPage *lp, const PsBox *band)
{
  g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
  ps_word_index_query (lp->index, band, near);
  return near->len > 0;
}

/* Fill i's side (0 top, 1 bottom, 2 left, 3 right) meets a fill of the
 * same colour. */
static gboolean
same_fill_beyond (const PsPage *page, guint i, int side)
{
  const PsFill *a = &g_array_index (page->fills, PsFill, i);
  for (guint k = 0; k < page->fills->len; k++)
    {
      const PsFill *b = &g_array_index (page->fills, PsFill, k);
      if (k == i || !colours_alike (a->colour, b->colour))
        continue;
      gboolean meet = side == 0   ? fabs (b->box.y1 - a->box.y0) <= REACH
                      : side == 1 ? fabs (b->box.y0 - a->box.y1) <= REACH
                      : side == 2 ? fabs (b->box.x1 - a->box.x0) <= REACH
                                  : fabs (b->box.x0 - a->box.x1) <= REACH;
      gboolean along = side < 2 ? overlap_1d (a->box.x0, a->box.x1, b->box.x0, b->box.x1) > 0
                                : overlap_1d (a->box.y0, a->box.y1, b->box.y0, b->box.y1) > 0;
      if (meet && along)
        return TRUE;
    }
  return FALSE;
}

/* a and b share a side: they meet (within REACH) along one axis and
 * overlap by half the smaller along the other. */
static gboolean
boxes_abut (const PsBox *a, const PsBox *b)
{
  double ox = overlap_1d (a->x0, a->x1, b->x0, b->x1);
  double oy = overlap_1d (a->y0, a->y1, b->y0, b->y1);
  double wx = MIN (a->x1 - a->x0, b->x1 - b->x0), wy = MIN (a->y1 - a->y0, b->y1 - b->y0);
  gboolean vertical_meet = (fabs (a->y1 - b->y0) <= REACH || fabs (b->y1 - a->y0) <= REACH);
  gboolean horizontal_meet = (fabs (a->x1 - b->x0) <= REACH || fabs (b->x1 - a->x0) <= REACH);
  return (vertical_meet && ox >= 0.5 * wx) || (horizontal_meet && oy >= 0.5 * wy);
}

static gboolean
box_inside (const PsBox *in, const PsBox *out, double slack)
{
  return in->x0 >= out->x0 - slack && in->x1 <= out->x1 + slack && in->y0 >= out->y0 - slack
         && in->y1 <= out->y1 + slack;
}

/* A table's cells may be shaded rather than ruled: a header row in a dark
 * fill whose borders are drawn in the same colour, or a whole table of
 * shaded cells with white gaps between.  The sides of a fill count as
 * rulings when it abuts a ruled grid from outside or abuts another such
 * fill; fills inside a grid are its cells' backgrounds and add nothing.
 * Appends segments to hs and vs; returns how many. */
static guint
fill_borders (const LayoutPage *lp, const PsBox *clip, GArray *hs, GArray *vs)
{
  const PsPage *page = lp->page;
  guint n = page->fills->len;
  if (n == 0 || n > MAX_SEGMENTS)
    return 0;
  g_autoptr (GArray) grids = component_boxes (hs, vs);
  g_autofree guint8 *use = g_new0 (guint8, n);
  g_autofree guint8 *inside = g_new0 (guint8, n);
  for (guint i = 0; i < n; i++)
    {
      const PsBox *f = &g_array_index (page->fills, PsFill, i).box;
      if (f->x1 - f->x0 < 4 || f->y1 - f->y0 < 4 || !isfinite (f->x0) || !isfinite (f->y0)
          || !isfinite (f->x1) || !isfinite (f->y1))
        {
          inside[i] = 1;
          continue;
        }
      if (clip && !box_inside (f, clip, REACH))
        {
          inside[i] = 1;
          continue;
        }
      for (guint g = 0; g < grids->len && !inside[i]; g++)
        {
          const PsBox *b = &g_array_index (grids, PsBox, g);
          if (box_inside (f, b, 2.0))
            inside[i] = 1;
          else if (boxes_abut (f, b))
            use[i] = 1;
        }
    }
  /* A fill inside another is the background of something inline (a
   * button in a banner), and the one around it a panel, not a cell. */
  for (guint i = 0; i < n; i++)
    for (guint k = 0; k < n; k++)
      if (i != k && box_inside (&g_array_index (page->fills, PsFill, i).box,
                                &g_array_index (page->fills, PsFill, k).box, 0.5))
        inside[i] = inside[k] = 1;
  for (guint i = 0; i < n; i++)
    for (guint k = i + 1; k < n && !inside[i]; k++)
      if (!inside[k] && boxes_abut (&g_array_index (page->fills, PsFill, i).box,
                                     &g_array_index (page->fills, PsFill, k).box))
        use[i] = use[k] = 1;
  guint added = 0;
  /* Inside a grid, the sides of a cell's fill are its borders even where
   * the ruling is lost in the fill (lines drawn in a dark header's own
   * colour).  Not a side that runs along text (ingest cuts fills short
   * around glyphs), nor one that meets a fill of the same colour (one cell
   * in two pieces). */
  for (guint i = 0; i < n; i++)
    {
      const PsFill *a = &g_array_index (page->fills, PsFill, i);
      if (!inside[i] || a->box.x1 - a->box.x0 < 4 || a->box.y1 - a->box.y0 < 4
          || !isfinite (a->box.x0) || !isfinite (a->box.y0) || !isfinite (a->box.x1)
          || !isfinite (a->box.y1) || (clip && !box_inside (&a->box, clip, REACH)))
        continue;
      for (int side = 0; side < 4; side++)
        {
          gboolean horizontal = side < 2;
          double at = side == 0 ? a->box.y0 : side == 1 ? a->box.y1 : side == 2 ? a->box.x0 : a->box.x1;
          double lo = horizontal ? a->box.x0 : a->box.y0, hi = horizontal ? a->box.x1 : a->box.y1;
          PsBox band = horizontal ? (PsBox){ lo, at - 2, hi, at + 2 } : (PsBox){ at - 2, lo, at + 2, hi };
          if (words_touch (lp, &band) || same_fill_beyond (page, i, side))
            continue;
          Seg e = { at, lo, hi, -1 };
          g_array_append_val (horizontal ? hs : vs, e);
          added++;
        }
    }
  for (guint i = 0; i < n; i++)
    {
      if (!use[i] || inside[i])
        continue;
      const PsBox *f = &g_array_index (page->fills, PsFill, i).box;
      Seg top = { f->y0, f->x0, f->x1, -1 }, bottom = { f->y1, f->x0, f->x1, -1 };
      Seg left = { f->x0, f->y0, f->y1, -1 }, right = { f->x1, f->y0, f->y1, -1 };
      g_array_append_val (hs, top);
      g_array_append_val (hs, bottom);
      g_array_append_val (vs, left);
      g_array_append_val (vs, right);
      added += 4;
    }
  return added;
}

GPtrArray *
ps_lattice_find (const LayoutPage *lp, const PsBox *clip)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_ltable_free);
  g_autoptr (GArray) hs = collect_segments (lp, PS_RULING_HORIZONTAL, clip);
  g_autoptr (GArray) vs = collect_segments (lp, PS_RULING_VERTICAL, clip);
  if (fill_borders (lp, clip, hs, vs))
    {
      GArray *h2 = merge_collinear (hs), *v2 = merge_collinear (vs);
      g_array_unref (hs);
      g_array_unref (vs);
      hs = h2;
      vs = v2;
    }
  if (hs->len == 0 || vs->len == 0)
    return tables;
  g_autofree guint *parent = connect (hs, vs);
  guint nh = hs->len, nv = vs->len;
  /* Components numbered in order of their first segment. */
  g_autofree guint *comp = g_new (guint, nh + nv + 1);
  g_autoptr (GPtrArray) hsets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) vsets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < nh + nv; i++)
    {
      guint root = uf_find (parent, i);
      if (root == i)
        {
          comp[i] = hsets->len;
          g_ptr_array_add (hsets, g_ptr_array_new ());
          g_ptr_array_add (vsets, g_ptr_array_new ());
        }
      else
        comp[i] = comp[root]; /* roots are the smallest index: seen first */
      if (i < nh)
        g_ptr_array_add (g_ptr_array_index (hsets, comp[i]), &g_array_index (hs, Seg, i));
      else
        g_ptr_array_add (g_ptr_array_index (vsets, comp[i]), &g_array_index (vs, Seg, i - nh));
    }
  for (guint c = 0; c < hsets->len; c++)
    component_tables (lp, g_ptr_array_index (hsets, c), g_ptr_array_index (vsets, c), tables);
  /* Outer tables first: a table nested in a cell is read as that cell's
   * text. */
  g_ptr_array_sort (tables, compare_area_desc);
  for (guint i = 0; i < tables->len; i++)
    {
      const LTable *inner = g_ptr_array_index (tables, i);
      for (guint k = 0; k < i; k++)
        {
          const LTable *outer = g_ptr_array_index (tables, k);
          if (inner->box.x0 >= outer->box.x0 - 1 && inner->box.x1 <= outer->box.x1 + 1
              && inner->box.y0 >= outer->box.y0 - 1 && inner->box.y1 <= outer->box.y1 + 1)
            {
              g_ptr_array_remove_index (tables, i--);
              break;
            }
        }
    }
  return tables;
}
