/* tables_stream.c — borderless tables (stream), from the alignment of words
 * across lines, in the spirit of Nurminen's text-edge method (as in
 * Tabula) and of camelot's stream:
 *
 *   bands        words on one visual line, cut into chunks where the gap
 *                is wider than a word space
 *   find_runs    runs of lines where several lines have more than one
 *                chunk, without a wide vertical gap: table candidates
 *   gutters      x ranges no chunk of those lines covers, crossed by at
 *                most a few (a heading spanning the columns), with text
 *                on both sides in at least two lines: column boundaries
 *   trim_run     lines at the top or bottom of a run that cross a gutter,
 *                or are set in another size (a heading above, a note
 *                below), are not part of the table
 *   find_rows    lines close together (the line spacing of wrapped text)
 *                are one row when the table separates its rows by wider
 *                gaps; otherwise each line is a row, unless it only
 *                carries on some cells of the line above
 *   cells        the words of a row in each column; a chunk crossing a
 *                column boundary makes its cell span those columns
 */
#include "layout_private.h"

#include <math.h>
#include <string.h>

/* Words closer than this many ems are one chunk: a word space is about a
 * quarter of an em, the padding between two columns rarely under half. */
#define CHUNK_GAP_EM 0.5
/* Narrowest gutter between columns (points, and ems). */
#define MIN_GUTTER 3.0
#define MIN_GUTTER_EM 0.35
/* Most single-chunk lines between two lines with several chunks inside
 * one table (the last lines of a long wrapped cell). */
#define MAX_SINGLE_RUN 8
/* A vertical gap wider than this many line heights ends a table. */
#define MAX_ROW_GAP 3.5
/* Lines of several chunks a borderless table needs (fewer only for a
 * table of figures). */
#define MIN_STREAM_LINES 3
/* Most columns of a borderless table. */
#define MAX_STREAM_COLS 48

typedef StreamLines Lines;

void
ps_stream_lines_clear (StreamLines *l)
{
  g_clear_pointer (&l->bands, g_array_unref);
  g_clear_pointer (&l->chunks, g_ptr_array_unref);
  g_clear_pointer (&l->idx, g_free);
}

static GArray *
band_chunks (const PsPage *page, const guint *idx, const Band *b)
{
  GArray *chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
  Chunk cur = { 0 };
  for (guint i = 0; i < b->n; i++)
    {
      const PsWord *w = page_word (page, idx[b->first + i]);
      if (cur.n)
        {
          const PsWord *prev = page_word (page, idx[b->first + i - 1]);
          double em = MAX (ps_layout_word_size (prev), ps_layout_word_size (w));
          if (w->box.x0 - cur.x1 <= CHUNK_GAP_EM * em)
            {
              cur.x1 = MAX (cur.x1, w->box.x1);
              cur.n++;
              continue;
            }
          g_array_append_val (chunks, cur);
        }
      cur = (Chunk){ w->box.x0, w->box.x1, b->first + i, 1 };
    }
  if (cur.n)
    g_array_append_val (chunks, cur);
  return chunks;
}

void
ps_stream_lines_init (StreamLines *l, const LayoutPage *lp, const guint *words, guint n)
{
  const PsPage *page = lp->page;
  l->lp = lp;
  l->idx = g_new (guint, n + 1);
  if (n)
    memcpy (l->idx, words, n * sizeof (guint));
  l->bands = ps_layout_bands (page, l->idx, n);
  l->chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint b = 0; b < l->bands->len; b++)
    g_ptr_array_add (l->chunks, band_chunks (page, l->idx, &g_array_index (l->bands, Band, b)));
}

/* The free words of the page (inside clip, when given) as bands and chunks. */
static void
lines_init (Lines *l, const LayoutPage *lp, const PsBox *clip)
{
  const PsPage *page = lp->page;
  g_autofree guint *words = g_new (guint, page->words->len + 1);
  guint n = 0;
  for (guint i = 0; i < page->words->len; i++)
    {
      if (lp->state[i] != WORD_FREE)
        continue;
      const PsBox *b = &page_word (page, i)->box;
      if (clip && !box_contains_point (clip, box_cx (b), box_cy (b)))
        continue;
      words[n++] = i;
    }
  ps_stream_lines_init (l, lp, words, n);
}

static inline const Band *
band_at (const Lines *l, guint b)
{
  return &g_array_index (l->bands, Band, b);
}

static inline GArray *
chunks_at (const Lines *l, guint b)
{
  return g_ptr_array_index (l->chunks, b);
}

/* ---- columns ---------------------------------------------------------------- */

typedef struct
{
  double x0, x1;
} Gutter;

typedef struct
{
  double x;
  int delta;
} Event;

static int
compare_events (gconstpointer a, gconstpointer b)
{
  const Event *x = a, *y = b;
  if (x->x != y->x)
    return x->x < y->x ? -1 : 1;
  return x->delta - y->delta; /* ends before starts at one x */
}

/* Ranges of [x0, x1] covered by at most `allow` chunks of the bands among
 * [b0, b1) that have at least min_chunks chunks. */
static GArray *
low_coverage (const Lines *l, guint b0, guint b1, double x0, double x1, int allow,
              guint min_chunks)
{
  g_autoptr (GArray) ev = g_array_new (FALSE, FALSE, sizeof (Event));
  for (guint b = b0; b < b1; b++)
    {
      GArray *ch = chunks_at (l, b);
      if (ch->len < min_chunks)
        continue;
      for (guint i = 0; i < ch->len; i++)
        {
          const Chunk *c = &g_array_index (ch, Chunk, i);
          Event s = { c->x0, +1 }, e = { c->x1, -1 };
          g_array_append_val (ev, s);
          g_array_append_val (ev, e);
        }
    }
  g_array_sort (ev, compare_events);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Gutter));
  int cov = 0;
  double start = x0;
  gboolean open = TRUE;
  for (guint i = 0; i < ev->len; i++)
    {
      const Event *e = &g_array_index (ev, Event, i);
      int before = cov;
      cov += e->delta;
      if (before <= allow && cov > allow && open)
        {
          Gutter gt = { start, MIN (e->x, x1) };
          if (gt.x1 > gt.x0)
            g_array_append_val (out, gt);
          open = FALSE;
        }
      else if (before > allow && cov <= allow)
        {
          start = MAX (e->x, x0);
          open = TRUE;
        }
    }
  if (open && x1 > start)
    {
      Gutter gt = { start, x1 };
      g_array_append_val (out, gt);
    }
  return out;
}

static int
compare_guint_desc (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return (x < y) - (x > y);
}

/* The lines that show a table's columns are those cut into the most
 * chunks: a quarter of the lines of several chunks (two at least) have
 * this many.  Rows whose text spans columns (a recommendation over the
 * action, lead and date columns) have fewer and are left out. */
static guint
structure_chunks (const Lines *l, guint b0, guint b1)
{
  g_autoptr (GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint b = b0; b < b1; b++)
    if (chunks_at (l, b)->len >= 2)
      g_array_append_val (counts, chunks_at (l, b)->len);
  if (counts->len == 0)
    return 2;
  g_array_sort (counts, compare_guint_desc);
  guint k = MAX (2u, (counts->len + 3) / 4);
  return g_array_index (counts, guint, MIN (k, counts->len) - 1);
}

GArray *
ps_stream_gutters (const StreamLines *l, guint b0, guint b1, guint support, gboolean all_bands)
{
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (double));
  double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, size = 0;
  guint multi = 0, min_chunks = all_bands ? 1 : structure_chunks (l, b0, b1);
  for (guint b = b0; b < b1; b++)
    {
      GArray *ch = chunks_at (l, b);
      if (ch->len == 0 || (ch->len < 2 && !all_bands))
        continue;
      /* The table's extent is that of all its lines of several chunks;
       * the lines showing its columns count for coverage. */
      x0 = MIN (x0, g_array_index (ch, Chunk, 0).x0);
      x1 = MAX (x1, g_array_index (ch, Chunk, ch->len - 1).x1);
      if (ch->len < min_chunks)
        continue;
      multi++;
      size += band_at (l, b)->size;
    }
  if (multi == 0)
    return cuts;
  size /= multi;
  double min_width = MAX (MIN_GUTTER, MIN_GUTTER_EM * size);
  /* A few lines may cross a gutter: a heading or a long cell spanning
   * the columns. */
  int allow = (int) (multi / 10);
  g_autoptr (GArray) gaps = low_coverage (l, b0, b1, x0, x1, allow, min_chunks);
  for (guint g = 0; g < gaps->len; g++)
    {
      Gutter gt = g_array_index (gaps, Gutter, g);
      /* Chunks of any line reaching into it from one side tighten it;
       * those running across it are spanning cells. */
      for (guint b = b0; b < b1; b++)
        {
          GArray *ch = chunks_at (l, b);
          for (guint i = 0; i < ch->len; i++)
            {
              const Chunk *c = &g_array_index (ch, Chunk, i);
              if (c->x0 <= gt.x0 && c->x1 >= gt.x1)
                continue; /* spans it */
              if (c->x0 < gt.x1 && c->x1 > gt.x0)
                {
                  if (c->x0 - gt.x0 >= gt.x1 - c->x1)
                    gt.x1 = MIN (gt.x1, c->x0);
                  else
                    gt.x0 = MAX (gt.x0, c->x1);
                }
            }
        }
      if (gt.x0 <= x0 || gt.x1 >= x1)
        continue; /* the margins, not a gutter */
      if (gt.x1 - gt.x0 < min_width)
        continue;
      /* The cut lies where the gutter ends, at the edge the next column's
       * text starts from (the same on every page of a table, where the
       * ragged edge before it is not), and a position read from the
       * words, not computed: the stage JSON rounds positions, and must lay
       * out the same. */
      double mid = gt.x1;
      guint both = 0;
      for (guint b = b0; b < b1; b++)
        {
          GArray *ch = chunks_at (l, b);
          gboolean left = FALSE, right = FALSE;
          for (guint i = 0; i < ch->len; i++)
            {
              const Chunk *c = &g_array_index (ch, Chunk, i);
              left |= c->x1 <= mid;
              right |= c->x0 >= mid;
            }
          both += left && right;
        }
      if (both >= support && cuts->len + 1 < MAX_STREAM_COLS)
        g_array_append_val (cuts, mid);
    }
  return cuts;
}

/* ---- rows ------------------------------------------------------------------- */

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Column of x among cuts. */
static guint
column_of (const GArray *cuts, double x)
{
  guint c = 0;
  while (c < cuts->len && x >= g_array_index (cuts, double, c))
    c++;
  return c;
}

/* Bit set of the columns band b has words in (first 64). */
static guint64
band_columns (const Lines *l, guint b, const GArray *cuts)
{
  const Band *band = band_at (l, b);
  guint64 set = 0;
  for (guint i = 0; i < band->n; i++)
    {
      const PsBox *wb = &page_word (l->lp->page, l->idx[band->first + i])->box;
      guint c = column_of (cuts, box_cx (wb));
      if (c < 64)
        set |= G_GUINT64_CONSTANT (1) << c;
    }
  return set;
}

static guint
popcount64 (guint64 v)
{
  guint n = 0;
  for (; v; v &= v - 1)
    n++;
  return n;
}

/* A horizontal ruling runs between bands a and b (above b), across most
 * of them: a rule under a header, or between rows. */
static gboolean
ruled_between (const Lines *l, guint a, guint b)
{
  const PsPage *page = l->lp->page;
  const Band *x = band_at (l, a), *y = band_at (l, b);
  double lo = MIN (x->box.x0, y->box.x0), hi = MAX (x->box.x1, y->box.x1);
  for (guint i = 0; i < page->rulings->len; i++)
    {
      const PsRuling *r = &g_array_index (page->rulings, PsRuling, i);
      if (r->dir != PS_RULING_HORIZONTAL || !isfinite (r->y0) || !isfinite (r->x0)
          || !isfinite (r->x1))
        continue;
      double ry = (r->y0 + r->y1) / 2;
      if (ry > x->box.y1 - 1 && ry < y->box.y0 + 1
          && overlap_1d (MIN (r->x0, r->x1), MAX (r->x0, r->x1), lo, hi) >= 0.5 * (hi - lo))
        return TRUE;
    }
  return FALSE;
}

GArray *
ps_stream_rows (const StreamLines *l, guint b0, guint b1, const GArray *cuts)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (starts, b0);
  guint n = b1 - b0;
  if (n < 2)
    return starts;
  /* The line spacing of wrapped text: the smaller gaps between lines. */
  g_autofree double *gaps = g_new (double, n);
  g_autofree double *sorted = g_new (double, n);
  double h = 0;
  for (guint b = b0; b + 1 < b1; b++)
    {
      gaps[b - b0] = band_at (l, b + 1)->box.y0 - band_at (l, b)->box.y1;
      sorted[b - b0] = gaps[b - b0];
    }
  for (guint b = b0; b < b1; b++)
    h += band_at (l, b)->box.y1 - band_at (l, b)->box.y0;
  h /= n;
  qsort (sorted, n - 1, sizeof (double), compare_double);
  double leading = sorted[(n - 1) / 4];
  double wide_from = leading + MAX (2.5, 0.3 * h);
  /* Gaps between rows: the middle of the wider gaps.  A row breaks at a
   * gap at least halfway there, so a paragraph gap inside a cell (a few
   * points) does not split it when rows stand well apart. */
  guint first_wide = 0;
  while (first_wide < n - 1 && sorted[first_wide] < wide_from)
    first_wide++;
  if (first_wide < n - 1)
    {
      double row_gap = sorted[first_wide + (n - 1 - first_wide) / 2];
      wide_from = MAX (wide_from, leading + 0.5 * (row_gap - leading));
    }
  guint wide = 0;
  for (guint i = 0; i + 1 < n; i++)
    wide += gaps[i] >= wide_from;
  /* Rows set apart by wider gaps, with lines set close (a line's spacing)
   * between them: those lines are wrapped cells.  Rows of one line each
   * are as far apart as their padding; they have no close lines. */
  gboolean padded = wide >= 1 && wide * 7 >= n - 1 && leading < 0.35 * h;
  guint64 prev_cols = band_columns (l, b0, cuts);
  for (guint b = b0 + 1; b < b1; b++)
    {
      guint64 cols = band_columns (l, b, cuts);
      gboolean is_wide = gaps[b - 1 - b0] >= wide_from || ruled_between (l, b - 1, b);
      gboolean start;
      if (padded)
        start = is_wide;
      else
        /* Each line a row, unless it only carries on some of the cells
         * above: fewer columns, all of them filled above, the first one
         * empty. */
        start = is_wide || (cols & 1) || (cols & ~prev_cols) != 0
                || popcount64 (cols) >= popcount64 (prev_cols);
      if (start)
        g_array_append_val (starts, b);
      prev_cols = cols;
    }
  return starts;
}

/* ---- the table ------------------------------------------------------------- */

/* Builds the grid of bands [b0, b1) with column boundaries cuts. */
static LTable *
build_table (const Lines *l, guint b0, guint b1, const GArray *cuts)
{
  g_autoptr (GArray) starts = ps_stream_rows (l, b0, b1, cuts);
  guint n_cols = cuts->len + 1, n_rows = starts->len;
  LTable *t = ps_ltable_new ();
  t->n_rows = n_rows;
  t->n_cols = n_cols;
  PsBox box = band_at (l, b0)->box;
  for (guint b = b0; b < b1; b++)
    box = box_union (box, band_at (l, b)->box);
  t->box = box;
  /* Column and row edges. */
  g_autofree double *xs = g_new (double, n_cols + 1);
  g_autofree double *ys = g_new (double, n_rows + 1);
  xs[0] = box.x0;
  xs[n_cols] = box.x1;
  for (guint c = 0; c < cuts->len; c++)
    xs[c + 1] = CLAMP (g_array_index (cuts, double, c), box.x0, box.x1);
  ys[0] = box.y0;
  ys[n_rows] = box.y1;
  for (guint r = 1; r < n_rows; r++)
    {
      guint b = g_array_index (starts, guint, r);
      ys[r] = band_at (l, b)->box.y0;
      ys[r] = CLAMP (ys[r], ys[r - 1], box.y1);
    }
  /* Where each column's text wraps: at least as far as its own rightmost
   * word, and short of where the next column's text starts by the padding
   * either side of a gutter, which the narrowest gutter shows (a column
   * whose text ran to its wrap). */
  g_autofree double *right = g_new0 (double, n_cols);
  g_autofree double *left = g_new (double, n_cols + 1);
  for (guint c = 0; c <= n_cols; c++)
    left[c] = G_MAXDOUBLE;
  for (guint b = b0; b < b1; b++)
    {
      const Band *band = band_at (l, b);
      for (guint i = 0; i < band->n; i++)
        {
          const PsBox *wb = &page_word (l->lp->page, l->idx[band->first + i])->box;
          guint c = column_of (cuts, box_cx (wb));
          if (c < n_cols && wb->x1 <= (c + 1 < n_cols ? xs[c + 1] : box.x1))
            right[c] = MAX (right[c], wb->x1);
          if (c < n_cols && wb->x0 >= xs[c])
            left[c] = MIN (left[c], wb->x0);
        }
    }
  double gutter = G_MAXDOUBLE;
  for (guint c = 0; c + 1 < n_cols; c++)
    if (left[c + 1] < G_MAXDOUBLE && right[c] > 0)
      gutter = MIN (gutter, left[c + 1] - right[c]);
  gutter = gutter < G_MAXDOUBLE ? MAX (gutter, 2.0) : 2.0;
  for (guint c = 0; c + 1 < n_cols; c++)
    if (left[c + 1] < G_MAXDOUBLE)
      right[c] = MAX (right[c], left[c + 1] - gutter);
  g_autofree guint8 *join = g_new0 (guint8, n_cols + 1);
  for (guint r = 0; r < n_rows; r++)
    {
      guint first = g_array_index (starts, guint, r);
      guint last = r + 1 < n_rows ? g_array_index (starts, guint, r + 1) : b1;
      /* join[c]: boundary c (between columns c-1 and c) is crossed. */
      memset (join, 0, n_cols + 1);
      for (guint b = first; b < last; b++)
        {
          GArray *ch = chunks_at (l, b);
          for (guint i = 0; i < ch->len; i++)
            {
              const Chunk *k = &g_array_index (ch, Chunk, i);
              for (guint c = 1; c < n_cols; c++)
                if (k->x0 < xs[c] && k->x1 > xs[c])
                  join[c] = 1;
            }
        }
      for (guint c = 0; c < n_cols;)
        {
          guint span = 1;
          while (c + span < n_cols && join[c + span])
            span++;
          LCell cell = { r, c, 1, span, { xs[c], ys[r], xs[c + span], ys[r + 1] },
                        right[c + span - 1] };
          g_array_append_val (t->cells, cell);
          c += span;
        }
    }
  return t;
}

/* ---- finding tables on a page -------------------------------------------- */

/* Line b crosses one of the cuts with a chunk. */
static gboolean
crosses (const Lines *l, guint b, const GArray *cuts)
{
  GArray *ch = chunks_at (l, b);
  for (guint i = 0; i < ch->len; i++)
    {
      const Chunk *k = &g_array_index (ch, Chunk, i);
      for (guint c = 0; c < cuts->len; c++)
        {
          double x = g_array_index (cuts, double, c);
          if (k->x0 < x && k->x1 > x)
            return TRUE;
        }
    }
  return FALSE;
}

static double
median_multi_size (const Lines *l, guint b0, guint b1)
{
  g_autoptr (GArray) sizes = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint b = b0; b < b1; b++)
    if (chunks_at (l, b)->len >= 2)
      g_array_append_val (sizes, band_at (l, b)->size);
  if (sizes->len == 0)
    return 0;
  g_array_sort (sizes, compare_double);
  return g_array_index (sizes, double, sizes->len / 2);
}

/* A line at the edge of a table that is not part of it: it crosses the
 * columns, or is set in another size. */
static gboolean
foreign_edge (const Lines *l, guint b, const GArray *cuts, double size)
{
  if (chunks_at (l, b)->len >= 2 && !crosses (l, b, cuts))
    return FALSE;
  if (crosses (l, b, cuts))
    return TRUE;
  return size > 0 && fabs (band_at (l, b)->size - size) > 0.1 * size;
}

static gboolean
close_below (const Lines *l, guint a, guint b)
{
  const Band *x = band_at (l, a), *y = band_at (l, b);
  double h = MAX (x->box.y1 - x->box.y0, y->box.y1 - y->box.y0);
  return y->box.y0 - x->box.y1 <= MAX_ROW_GAP * h;
}

/* The table whose core is lines [b0, b1] (both with several chunks),
 * grown up and down by the lines that fit its columns. */
/* Columns holding nothing but list markers (bullets, item numbers) are the
 * margin of a list, not columns: their cut is dropped. */
static void
drop_marker_columns (const Lines *l, guint b0, guint b1, GArray *cuts)
{
  for (guint c = 0; c < cuts->len;)
    {
      double lo = c ? g_array_index (cuts, double, c - 1) : -G_MAXDOUBLE;
      double hi = g_array_index (cuts, double, c);
      guint words = 0, markers = 0;
      for (guint b = b0; b <= b1; b++)
        {
          const Band *band = band_at (l, b);
          for (guint i = 0; i < band->n; i++)
            {
              const PsWord *w = page_word (l->lp->page, l->idx[band->first + i]);
              double cx = box_cx (&w->box);
              if (cx < lo || cx >= hi)
                continue;
              words++;
              markers += ps_layout_is_marker (w->text);
            }
        }
      if (words > 0 && markers == words)
        g_array_remove_index (cuts, c);
      else
        c++;
    }
}

/* Share of the chunks of bands [b0, b1] that hold a digit. */
static double
numeric_share (const Lines *l, guint b0, guint b1)
{
  guint chunks = 0, numeric = 0;
  for (guint b = b0; b <= b1; b++)
    {
      GArray *ch = chunks_at (l, b);
      for (guint k = 0; k < ch->len; k++)
        {
          const Chunk *c = &g_array_index (ch, Chunk, k);
          gboolean digit = FALSE;
          for (guint i = 0; i < c->n && !digit; i++)
            for (const char *p = page_word (l->lp->page, l->idx[c->first + i])->text; *p; p++)
              digit |= g_ascii_isdigit (*p);
          chunks++;
          numeric += digit;
        }
    }
  return chunks ? (double) numeric / chunks : 0.0;
}

/* Column c (between cuts) of bands [b0, b1] reads as running text: most
 * of its lines carry on a sentence from the line above, in lower case. */
static gboolean
column_flows (const Lines *l, guint b0, guint b1, const GArray *cuts, guint c)
{
  guint pairs = 0, flowing = 0;
  const PsWord *last = NULL;
  for (guint b = b0; b <= b1; b++)
    {
      const Band *band = band_at (l, b);
      const PsWord *first = NULL, *end = NULL;
      for (guint i = 0; i < band->n; i++)
        {
          const PsWord *w = page_word (l->lp->page, l->idx[band->first + i]);
          if (column_of (cuts, box_cx (&w->box)) != c)
            continue;
          if (!first)
            first = w;
          end = w;
        }
      if (first && last)
        {
          gsize n = strlen (last->text);
          gboolean stop = n && strchr (".!?:;", last->text[n - 1]);
          pairs++;
          flowing += !stop && g_unichar_islower (g_utf8_get_char_validated (first->text, -1));
        }
      last = end;
    }
  return pairs >= 3 && flowing * 2 >= pairs;
}

/* Two columns of running text side by side are a page set in columns,
 * not a table. */
static gboolean
text_columns (const Lines *l, guint b0, guint b1, const GArray *cuts)
{
  if (cuts->len != 1)
    return FALSE;
  double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE;
  for (guint b = b0; b <= b1; b++)
    {
      x0 = MIN (x0, band_at (l, b)->box.x0);
      x1 = MAX (x1, band_at (l, b)->box.x1);
    }
  double cut = g_array_index (cuts, double, 0);
  gboolean wide = cut - x0 >= 0.3 * (x1 - x0) && x1 - cut >= 0.3 * (x1 - x0);
  return wide && column_flows (l, b0, b1, cuts, 0) && column_flows (l, b0, b1, cuts, 1);
}

/* The columns of the table above a page break, when lines [b0, b1] open
 * the page under them and span as wide: (transfer full), or NULL. */
static GArray *
hinted_cuts (const Lines *l, guint b0, guint b1, const StreamHint *hint)
{
  if (!hint || b0 != 0 || hint->n == 0)
    return NULL;
  double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE;
  for (guint b = b0; b <= b1; b++)
    {
      x0 = MIN (x0, band_at (l, b)->box.x0);
      x1 = MAX (x1, band_at (l, b)->box.x1);
    }
  if (fabs (x0 - hint->x0) > 8.0 || x1 > hint->x1 + 8.0)
    return NULL;
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < hint->n; i++)
    if (hint->cols[i] > x0 && hint->cols[i] < x1)
      g_array_append_val (cuts, hint->cols[i]);
  return cuts;
}

static LTable *
table_from_core (const Lines *l, guint b0, guint b1, guint *end, const StreamHint *hint)
{
  *end = b1 + 1;
  guint multi = 0;
  for (guint b = b0; b <= b1; b++)
    multi += chunks_at (l, b)->len >= 2;
  /* A few lines carrying a table on from the page before take its
   * columns: they show too little of them themselves. */
  GArray *hinted = hinted_cuts (l, b0, b1, hint);
  if (hinted && hinted->len)
    {
      g_autoptr (GArray) cuts = hinted;
      double size = median_multi_size (l, b0, b1 + 1);
      while (b1 + 1 < l->bands->len && close_below (l, b1, b1 + 1)
             && !foreign_edge (l, b1 + 1, cuts, size))
        b1++;
      *end = b1 + 1;
      return build_table (l, b0, b1 + 1, cuts);
    }
  if (hinted)
    g_array_unref (hinted);
  if (multi < 2)
    return NULL;
  g_autoptr (GArray) cuts = ps_stream_gutters (l, b0, b1 + 1, 2, FALSE);
  drop_marker_columns (l, b0, b1, cuts);
  if (cuts->len == 0)
    return NULL;
  /* Two lines of two pieces each happen in prose ("Source: …", a numbered
   * heading, wide word spaces); a table of two lines needs three columns
   * of mostly figures. */
  if (multi < MIN_STREAM_LINES && (cuts->len < 2 || numeric_share (l, b0, b1) < 0.5))
    return NULL;
  if (text_columns (l, b0, b1, cuts))
    {
      *end = G_MAXUINT; /* none of these lines starts a table */
      return NULL;
    }
  /* A line running across the columns after the last row is the text
   * that follows the table (inside, it would be a heading row). */
  while (b1 > b0 && crosses (l, b1, cuts))
    b1--;
  double size = median_multi_size (l, b0, b1 + 1);
  while (b0 > 0 && close_below (l, b0 - 1, b0) && !foreign_edge (l, b0 - 1, cuts, size))
    b0--;
  while (b1 + 1 < l->bands->len && close_below (l, b1, b1 + 1)
         && !foreign_edge (l, b1 + 1, cuts, size))
    b1++;
  *end = b1 + 1;
  return build_table (l, b0, b1 + 1, cuts);
}

/* Gutters g minus the chunks of band b, keeping pieces at least min_width
 * wide: (transfer full). */
static GArray *
carve (const Lines *l, const GArray *g, guint b, double min_width)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Gutter));
  GArray *ch = chunks_at (l, b);
  for (guint i = 0; i < g->len; i++)
    {
      Gutter gt = g_array_index (g, Gutter, i);
      double from = gt.x0;
      for (guint k = 0; k < ch->len && from < gt.x1; k++)
        {
          const Chunk *c = &g_array_index (ch, Chunk, k);
          if (c->x1 <= from || c->x0 >= gt.x1)
            continue;
          if (c->x0 - from >= min_width)
            {
              Gutter piece = { from, c->x0 };
              g_array_append_val (out, piece);
            }
          from = MAX (from, c->x1);
        }
      if (gt.x1 - from >= min_width)
        {
          Gutter piece = { from, gt.x1 };
          g_array_append_val (out, piece);
        }
    }
  return out;
}

/* The gaps between the chunks of band b, at least min_width wide. */
static GArray *
band_gaps (const Lines *l, guint b, double min_width)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Gutter));
  GArray *ch = chunks_at (l, b);
  for (guint k = 1; k < ch->len; k++)
    {
      Gutter gt = { g_array_index (ch, Chunk, k - 1).x1, g_array_index (ch, Chunk, k).x0 };
      if (gt.x1 - gt.x0 >= min_width)
        g_array_append_val (out, gt);
    }
  return out;
}

/* A run of lines that keep at least one gutter open: from band b (of
 * several chunks), each next line close below must leave some of the
 * gutters so far free; one line that closes them all (a heading spanning
 * the columns) is let through when the line after it keeps them open.
 * Justified prose has wide word spaces too, but never in the same place
 * on two lines.  Returns the last band of the run. */
static guint
gutter_run (const Lines *l, guint b, guint *multi)
{
  guint n = l->bands->len;
  double size = MAX (band_at (l, b)->size, 1.0);
  double min_width = MAX (MIN_GUTTER, MIN_GUTTER_EM * size);
  g_autoptr (GArray) g = band_gaps (l, b, min_width);
  guint last = b;
  *multi = 1;
  for (guint e = b + 1; e < n && g->len && close_below (l, e - 1, e); e++)
    {
      GArray *next = carve (l, g, e, min_width);
      if (next->len == 0 && e + 1 < n && close_below (l, e, e + 1))
        {
          /* A spanning line: judged by the line after it. */
          GArray *after = carve (l, g, e + 1, min_width);
          if (after->len)
            {
              g_array_unref (next);
              next = after;
              e++;
            }
          else
            g_array_unref (after);
        }
      if (next->len == 0)
        {
          g_array_unref (next);
          break;
        }
      g_array_unref (g);
      g = next;
      last = e;
      *multi += chunks_at (l, e)->len >= 2;
    }
  return last;
}

GPtrArray *
ps_stream_find (const LayoutPage *lp, const StreamHint *hint)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_ltable_free);
  Lines l = { 0 };
  lines_init (&l, lp, NULL);
  guint n = l.bands->len;
  for (guint start = 0; start < n;)
    {
      if (chunks_at (&l, start)->len < 2)
        {
          start++;
          continue;
        }
      guint multi, last = gutter_run (&l, start, &multi);
      guint end = last + 1;
      LTable *t = multi >= 2 || (hint && start == 0)
                      ? table_from_core (&l, start, last, &end, hint)
                      : NULL;
      if (t)
        g_ptr_array_add (tables, t);
      /* After a table, or lines that are no table however they are
       * taken (text set in columns, a long list), go on below them; after
       * a short run, a table may still start a line further down. */
      if (t)
        start = MAX (end, last + 1);
      else if (end == G_MAXUINT || last - start + 1 >= 2 * MIN_STREAM_LINES)
        start = last + 1;
      else
        start++;
    }
  ps_stream_lines_clear (&l);
  return tables;
}

LTable *
ps_stream_in_region (const LayoutPage *lp, const PsBox *region)
{
  Lines l = { 0 };
  lines_init (&l, lp, region);
  LTable *t = NULL;
  guint n = l.bands->len;
  if (n > 0)
    {
      g_autoptr (GArray) cuts = ps_stream_gutters (&l, 0, n, MIN (2u, n), FALSE);
      t = build_table (&l, 0, n, cuts);
    }
  ps_stream_lines_clear (&l);
  return t;
}
