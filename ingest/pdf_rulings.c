/* pdf_rulings.c — ruling lines and filled rectangles, found by rendering the
 * page with cairo and scanning its pixels.
 *
 * poppler-glib exposes no vector paths.  Reading them back from a cairo
 * script surface is exact, but it serialises every font and image (about
 * 24 ms a page on the ICDAR 2013 EU set, against 7 ms to render at 72 dpi
 * and 3 ms to scan), so we render and scan.  Against the exact rectangles,
 * scanned rulings on the Chromium fixtures sit within 0.12 pt (median) of
 * the drawn line and end within 0.75 pt of its ends.
 *
 * Rulings.  A pixel is line ink when its colour is no blend of the two
 * pixels K away on either side across the line: not the anti-aliased edge
 * between two areas, but something drawn over them — a line up to K
 * pixels thick, dark on light, light on dark, or black between a red and a
 * green cell.  Runs of ink along a row (column), stacked over neighbouring
 * rows, make a horizontal (vertical) ruling; a rectangle filled thin is a
 * ruling too, and one whose colour carries on past the stack is a fill.
 * Fills.  Runs of one colour along a row, stacked into rectangles of the
 * same extent; white and near-white are paper.
 * Glyphs.  The text layer's character boxes say where glyphs are drawn.
 * Inside them nothing is taken for line ink (underlines and dashes in text
 * are not rulings), a ruling passing under a box runs on, and a fill's
 * colour may be interrupted.  Text often sits closer to a ruling than K, so
 * a line pixel whose side lies in a box is compared with the nearest pixel
 * outside it instead.
 */
#include "pdf_private.h"

#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* 72 dpi: one pixel per point.  Rendering time hardly depends on it (it is
 * spent interpreting the page); positions come out to about a quarter of a
 * point, extents to one point. */
#define RENDER_DPI 72.0
/* Huge pages are rendered smaller: at most this many pixels (64 MB). */
#define MAX_RENDER_PIXELS (16.0 * 1024 * 1024)
/* cairo's limit on an image side. */
#define MAX_RENDER_SIDE 32767
/* Thicker than this is a fill, not a ruling (points). */
#define MAX_RULING_WIDTH 3.0
/* Shortest ruling kept (points): shorter strokes are glyph parts, ticks and
 * dots. */
#define MIN_RULING_LENGTH 6.0
/* Smallest side of a fill (points). */
#define MIN_FILL_SIZE 3.0
/* How far (Euclidean, in 0-255 units) a pixel's colour must lie from every
 * blend of the two pixels it is compared with to be line ink. */
#define INK_RESIDUAL 24
/* Share of a run's pixels (outside glyph boxes) that must be ink, and
 * share of its ink pixels that may differ from the one before. */
#define MIN_INK_SHARE 0.34
#define MAX_CHANGE_SHARE 0.25
/* Channel tolerance when comparing a band's ink with the pixels beside it. */
#define INK_CONTRAST 16
/* Channel tolerance inside one fill colour. */
#define FILL_TOLERANCE 4
/* A pixel whose channels are all at least this is paper: white and
 * near-white fills are background. */
#define PAPER_MIN 248
/* A row of a ruling whose coverage is at least this is taken as fully
 * covered, and gives the ruling's colour directly. */
#define FULL_COVERAGE 0.95
/* A pale line must cover at least this much (pixels), and a pale or a
 * faint line (covering less than FAINT_COVERAGE) be this long (points), to
 * count: hatching, patterns and glyph edges are full of short pale gaps
 * and faint strokes. */
#define LIGHT_MIN_COVERAGE 0.5
#define FAINT_COVERAGE 0.25
#define WEAK_MIN_LENGTH 18.0

#define WHITE 0xFFFFFFu

struct PsPdfRaster
{
  cairo_surface_t *surface;
  int width, height;
  guint8 *mask; /* one byte per pixel: inside a glyph box */
};

PsPdfRaster *
ps_pdf_raster_new (void)
{
  return g_new0 (PsPdfRaster, 1);
}

void
ps_pdf_raster_free (PsPdfRaster *raster)
{
  if (!raster)
    return;
  if (raster->surface)
    cairo_surface_destroy (raster->surface);
  g_free (raster->mask);
  g_free (raster);
}

/* The page being scanned, in pixels. */
typedef struct
{
  const guint8 *data;
  int stride, width, height;
  const guint8 *mask;
  double scale; /* pixels per point */
  int k;        /* distance to the pixels a line pixel is compared with */
  int gap;      /* longest gap bridged inside a ruling */
  int min_len;  /* shortest ruling */
  int min_fill; /* smallest fill side */
} Scan;

static inline guint32
pixel_at (const Scan *s, int x, int y)
{
  if (x < 0 || y < 0 || x >= s->width || y >= s->height)
    return WHITE;
  guint32 p;
  memcpy (&p, s->data + (gsize) y * (gsize) s->stride + (gsize) x * 4, sizeof p);
  return p & WHITE;
}

/* Row y of the image as pixels; cairo's rows are 4-byte aligned. */
static inline const guint32 *
scan_row (const Scan *s, int y)
{
  return (const guint32 *) (const void *) (s->data + (gsize) y * (gsize) s->stride);
}

static inline int
channel (guint32 p, int i)
{
  return (int) ((p >> (16 - 8 * i)) & 0xFF);
}

static inline PsColour
colour_of (guint32 p)
{
  return PS_COLOUR_RGB ((guint8) channel (p, 0), (guint8) channel (p, 1), (guint8) channel (p, 2));
}

/* A side that could not be looked at (hidden behind glyphs). */
#define NONE 0xFF000000u

/* Line ink: p is no blend of a and b (the pixels either side of it across
 * the line), so it is not the anti-aliased edge between them but something
 * drawn over them. */
static inline gboolean
is_ink (guint32 p, guint32 a, guint32 b)
{
  if (a == NONE || b == NONE || (p == a && p == b))
    return FALSE;
  int pb[3], ab[3], dot = 0, len2 = 0, pb2 = 0;
  for (int i = 0; i < 3; i++)
    {
      pb[i] = channel (p, i) - channel (b, i);
      ab[i] = channel (a, i) - channel (b, i);
      dot += pb[i] * ab[i];
      len2 += ab[i] * ab[i];
      pb2 += pb[i] * pb[i];
    }
  /* Squared distance from p to the segment a-b: to b, to a, or to the
   * nearest point between them. */
  double res2;
  if (dot <= 0 || len2 == 0)
    res2 = pb2;
  else if (dot >= len2)
    res2 = pb2 - 2.0 * dot + len2;
  else
    res2 = pb2 - (double) dot * dot / len2;
  return res2 > (double) INK_RESIDUAL * INK_RESIDUAL;
}

/* The mask: GLYPH_BOX inside a glyph's box, GLYPH_RING in the pixel
 * around it, where anti-aliasing and overhang may still put glyph ink. */
enum
{
  GLYPH_RING = 1,
  GLYPH_BOX = 2,
};

/* Glyph ink may be here. */
static inline gboolean
glyph_at (const Scan *s, int x, int y)
{
  return s->mask[(gsize) y * (gsize) s->width + (gsize) x] != 0;
}

/* Inside a glyph's box proper. */
static inline gboolean
inside_glyph (const Scan *s, int x, int y)
{
  return (s->mask[(gsize) y * (gsize) s->width + (gsize) x] & GLYPH_BOX) != 0;
}

static inline int
lightness (guint32 p)
{
  return channel (p, 0) + channel (p, 1) + channel (p, 2);
}

static inline gboolean
unlike (guint32 q, guint32 p)
{
  for (int i = 0; i < 3; i++)
    if (abs (channel (q, i) - channel (p, i)) > INK_CONTRAST)
      return TRUE;
  return FALSE;
}

/* PAPER_MIN is 0xF8: a channel is at least that when its top five bits
 * are set. */
G_STATIC_ASSERT (PAPER_MIN == 0xF8);

static inline gboolean
is_paper (guint32 p)
{
  return (p & 0xF8F8F8u) == 0xF8F8F8u;
}

static inline gboolean
same_colour (guint32 a, guint32 b)
{
  if (a == b)
    return TRUE;
  for (int i = 0; i < 3; i++)
    if (abs (channel (a, i) - channel (b, i)) > FILL_TOLERANCE)
      return FALSE;
  return TRUE;
}

/* ---- rulings ----------------------------------------------------------- */

/* How much of pixel p a line covers when drawn over ground g: how far p
 * moved from g towards the extreme (0 or 255) of its most changed channel.
 * This takes a line thinner than a pixel to be as dark (or as saturated) as
 * possible: a light grey hairline reads as a thinner dark one. */
static double
coverage (guint32 p, guint32 g)
{
  double best = 0;
  for (int i = 0; i < 3; i++)
    {
      int d = channel (p, i) - channel (g, i);
      int room = d < 0 ? channel (g, i) : 255 - channel (g, i);
      if (room > 0)
        best = MAX (best, (double) abs (d) / room);
    }
  return MIN (best, 1.0);
}

/* A run of ink along one row (or column). */
typedef struct
{
  int line;        /* the row, or column */
  int u0, u1;      /* extent along it, inclusive */
  double alpha;    /* sum of the coverage of its pixels */
  int n;           /* its ink pixels */
  double dark;     /* sum of (ink - ground) over channels: < 0 for dark ink */
  double colour[3]; /* sum of the line colour seen through each pixel, by weight */
  double weight;
  double full[3]; /* sum of the colours of fully covered pixels */
  int n_full;
} Run;

/* Follows one row (or column) and collects its runs of ink; what the run
 * looks like is summed in a Run beside it (kept apart, so that the state
 * touched at every pixel stays small). */
typedef struct
{
  int start, last; /* first and last ink pixel; start < 0 when none */
  int seen;        /* last pixel that kept the run going: ink, or a glyph box */
  int n_ink;
  int n_skip, pend_skip; /* glyph-box pixels up to last, and after it */
  int n_change;          /* ink pixels unlike the ink pixel before them */
  guint32 prev;          /* the last ink pixel's colour */
} Tracker;

static void
tracker_close (Tracker *t, Run *acc, const Scan *s, int line, GArray *runs)
{
  if (t->start < 0)
    return;
  /* Ink must show along the run, not only at its ends: glyph boxes carry a
   * run on but do not make one, and dots further apart than MIN_INK_SHARE
   * are no line. */
  int judged = t->last - t->start + 1 - t->n_skip;
  /* A line's pixels are alike along it, changing only where what lies
   * under it changes; patterns and pictures change all the time. */
  if (t->last - t->start + 1 >= s->min_len && t->n_ink > 0
      && t->n_ink >= MIN_INK_SHARE * judged && t->n_change <= MAX_CHANGE_SHARE * t->n_ink + 2)
    {
      Run run = *acc;
      run.line = line;
      run.u0 = t->start;
      run.u1 = t->last;
      run.n = t->n_ink;
      g_array_append_val (runs, run);
    }
  t->start = -1;
}

/* A pixel inside a glyph box cannot be judged (glyph strokes are not
 * rulings): it neither ends nor extends a run, so a ruling passes under a
 * box that overlaps it. */
static inline void
tracker_skip (Tracker *t, int u)
{
  if (t->start >= 0)
    {
      t->seen = u;
      t->pend_skip++;
    }
}

/* Feeds pixel u of the line: p, and the pixels a and b it is compared
 * with across the line. */
static inline void
tracker_feed (Tracker *t, Run *acc, const Scan *s, int line, int u, guint32 p, guint32 a,
              guint32 b, GArray *runs)
{
  if (!is_ink (p, a, b))
    return;
  if (t->start >= 0 && u - t->seen > s->gap + 1)
    tracker_close (t, acc, s, line, runs);
  if (t->start < 0)
    {
      memset (t, 0, sizeof *t);
      memset (acc, 0, sizeof *acc);
      t->start = u;
      t->prev = p;
    }
  if (unlike (p, t->prev))
    t->n_change++;
  t->prev = p;
  t->last = t->seen = u;
  t->n_ink++;
  t->n_skip += t->pend_skip;
  t->pend_skip = 0;
  /* The line lies over one side or the other; the side it differs from
   * least gives the smaller, safer coverage. */
  double ca = coverage (p, a), cb = coverage (p, b);
  guint32 g = ca <= cb ? a : b;
  double alpha = MIN (ca, cb);
  acc->alpha += alpha;
  for (int i = 0; i < 3; i++)
    {
      double d = channel (p, i) - channel (g, i);
      acc->dark += d;
      if (alpha >= FULL_COVERAGE)
        acc->full[i] += channel (p, i);
      else if (alpha > 0)
        acc->colour[i] += alpha * CLAMP (channel (g, i) + d / alpha, 0.0, 255.0);
    }
  if (alpha >= FULL_COVERAGE)
    acc->n_full++;
  else
    acc->weight += alpha;
}

/* Runs on neighbouring rows stacked into one ruling.  A row of the band
 * may hold several runs (a line cut by what crosses it). */
typedef struct
{
  int first_line, last_line;
  int prev_u0, prev_u1; /* extent of the row before last_line, for stacking */
  int row_u0, row_u1;   /* extent of row last_line so far */
  double row_alpha;     /* its coverage so far */
  int row_n;            /* its ink pixels so far */
  gboolean dark;        /* dark or light line */
  int best_u0, best_u1, best_n; /* extent of the fullest row */
  double alpha, centre; /* sum of row coverage, and of coverage * position */
  double colour[3], weight, full[3];
  int n_full, n_lines;
} Band;

/* Adds the row being built to the band's totals. */
static void
band_end_row (Band *b)
{
  if (b->row_n == 0)
    return;
  double alpha = b->row_alpha / b->row_n;
  b->alpha += alpha;
  b->centre += alpha * (b->last_line + 0.5);
  b->n_lines++;
  if (b->row_n > b->best_n)
    {
      b->best_n = b->row_n;
      b->best_u0 = b->row_u0;
      b->best_u1 = b->row_u1;
    }
  b->prev_u0 = b->row_u0;
  b->prev_u1 = b->row_u1;
  b->row_n = 0;
  b->row_alpha = 0;
}

static void
band_add (Band *b, const Run *r)
{
  if (b->n_lines == 0 && b->row_n == 0)
    {
      b->first_line = r->line;
      b->last_line = r->line;
      b->dark = r->dark < 0;
      b->row_u0 = r->u0;
      b->row_u1 = r->u1;
    }
  else if (r->line != b->last_line)
    {
      band_end_row (b);
      b->last_line = r->line;
      b->row_u0 = r->u0;
      b->row_u1 = r->u1;
    }
  b->row_u0 = MIN (b->row_u0, r->u0);
  b->row_u1 = MAX (b->row_u1, r->u1);
  b->row_alpha += r->alpha;
  b->row_n += r->n;
  for (int i = 0; i < 3; i++)
    {
      b->colour[i] += r->colour[i];
      b->full[i] += r->full[i];
    }
  b->weight += r->weight;
  b->n_full += r->n_full;
}

/* The band's colour: what its fully covered pixels show, or else what its
 * partly covered ones imply. */
static guint32
band_colour (const Band *b)
{
  guint32 c = 0;
  for (int i = 0; i < 3; i++)
    {
      double v = b->n_full ? b->full[i] / b->n_full
                 : b->weight > 0 ? b->colour[i] / b->weight
                                 : 0;
      c |= (guint32) CLAMP (lround (v), 0, 255) << (16 - 8 * i);
    }
  return c;
}

/* A band whose colour carries on just outside it is the inside of
 * something thicker than a ruling (a bar or a fill), not a line.  Beside
 * the band, pixels outside glyph boxes are compared with its colour, all
 * along it (a line crossing it must not pass for its continuation); a row
 * (column) wholly under glyphs is skipped for the next one out. */
static gboolean
band_is_thin (const Band *b, const Scan *s, gboolean vertical)
{
  if (b->n_lines > s->k)
    return FALSE;
  guint32 ink = band_colour (b);
  int limit = vertical ? s->width : s->height;
  for (int dir = -1; dir <= 1; dir += 2)
    {
      int v = dir < 0 ? b->first_line - 1 : b->last_line + 1;
      for (int tries = 0; tries < s->k && v >= 0 && v < limit; tries++, v += dir)
        {
          int n_seen = 0, n_like = 0;
          for (int u = b->best_u0; u <= b->best_u1; u++)
            {
              int x = vertical ? v : u, y = vertical ? u : v;
              if (glyph_at (s, x, y))
                continue;
              n_seen++;
              n_like += !unlike (pixel_at (s, x, y), ink);
            }
          if (n_seen == 0)
            continue;
          if (2 * n_like > n_seen)
            return FALSE;
          break;
        }
    }
  return TRUE;
}

static void
emit_ruling (const Band *b, const Scan *s, gboolean vertical, PsPage *page)
{
  if (b->alpha < 0.05 || !band_is_thin (b, s, vertical))
    return;
  PsRuling r = { vertical ? PS_RULING_VERTICAL : PS_RULING_HORIZONTAL, 0, 0, 0, 0, 0,
                 PS_COLOUR_NONE };
  double across = b->centre / b->alpha / s->scale;
  double from = b->best_u0 / s->scale, to = (b->best_u1 + 1) / s->scale;
  double limit_across = vertical ? page->width : page->height;
  double limit_along = vertical ? page->height : page->width;
  across = CLAMP (across, 0, limit_across);
  from = CLAMP (from, 0, limit_along);
  to = CLAMP (to, 0, limit_along);
  if (vertical)
    {
      r.x0 = r.x1 = across;
      r.y0 = from;
      r.y1 = to;
    }
  else
    {
      r.y0 = r.y1 = across;
      r.x0 = from;
      r.x1 = to;
    }
  r.width = b->alpha / s->scale;
  r.colour = colour_of (band_colour (b));
  g_array_append_val (page->rulings, r);
}

static int
compare_runs (gconstpointer a, gconstpointer b)
{
  const Run *x = a, *y = b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return (x->u0 > y->u0) - (x->u0 < y->u0);
}

/* A light band (paler than both its sides) is a ruling only when it is
 * clear, long and stands apart: producers leave faint pale seams where a
 * fill meets a border (LibreOffice's overlapping cell backgrounds), right
 * beside the border's dark band. */
static gboolean
is_seam (const Band *light, const GArray *bands, const Scan *s)
{
  if (light->alpha < LIGHT_MIN_COVERAGE
      || light->best_u1 - light->best_u0 + 1 < WEAK_MIN_LENGTH * s->scale)
    return TRUE;
  for (guint i = 0; i < bands->len; i++)
    {
      const Band *b = &g_array_index (bands, Band, i);
      int overlap = MIN (b->best_u1, light->best_u1) - MAX (b->best_u0, light->best_u0) + 1;
      int shorter = MIN (b->best_u1 - b->best_u0, light->best_u1 - light->best_u0) + 1;
      if (b->dark && 2 * overlap >= shorter && b->first_line <= light->last_line + s->k / 2 + 1
          && light->first_line <= b->last_line + s->k / 2 + 1)
        return TRUE;
    }
  return FALSE;
}

/* Stacks runs (sorted by line) that overlap on consecutive lines and are
 * both dark (or both light) into bands, and turns the bands into
 * rulings. */
static void
stack_runs (GArray *runs, const Scan *s, gboolean vertical, PsPage *page)
{
  g_array_sort (runs, compare_runs);
  g_autoptr (GArray) open = g_array_new (FALSE, TRUE, sizeof (Band));
  g_autoptr (GArray) done = g_array_new (FALSE, TRUE, sizeof (Band));
  guint i = 0;
  while (i < runs->len)
    {
      int line = g_array_index (runs, Run, i).line;
      /* Bands that did not reach the line before this one are finished. */
      guint keep = 0;
      for (guint b = 0; b < open->len; b++)
        {
          Band *band = &g_array_index (open, Band, b);
          if (band->last_line >= line - 1)
            g_array_index (open, Band, keep++) = *band;
          else
            g_array_append_val (done, *band);
        }
      g_array_set_size (open, keep);
      guint n_old = open->len;
      for (; i < runs->len && g_array_index (runs, Run, i).line == line; i++)
        {
          const Run *r = &g_array_index (runs, Run, i);
          gboolean dark = r->dark < 0;
          guint into = open->len;
          for (guint b = 0; b < n_old && into == open->len; b++)
            {
              const Band *band = &g_array_index (open, Band, b);
              /* Compared with the band's last finished row: the row before
               * this line. */
              gboolean on_prev = band->last_line == line - 1;
              int u0 = on_prev ? band->row_u0 : band->prev_u0;
              int u1 = on_prev ? band->row_u1 : band->prev_u1;
              int overlap = MIN (u1, r->u1) - MAX (u0, r->u0) + 1;
              int shorter = MIN (u1 - u0, r->u1 - r->u0) + 1;
              if ((on_prev || (band->last_line == line && band->n_lines > 0)) && band->dark == dark
                  && 2 * overlap >= shorter)
                into = b;
            }
          if (into == open->len)
            {
              Band fresh = { 0 };
              g_array_append_val (open, fresh);
            }
          band_add (&g_array_index (open, Band, into), r);
        }
    }
  g_array_append_vals (done, open->data, open->len);
  for (guint b = 0; b < done->len; b++)
    band_end_row (&g_array_index (done, Band, b));
  for (guint b = 0; b < done->len; b++)
    {
      const Band *band = &g_array_index (done, Band, b);
      gboolean faint = band->alpha < FAINT_COVERAGE
                       && band->best_u1 - band->best_u0 + 1 < WEAK_MIN_LENGTH * s->scale;
      if (band->dark ? !faint : !is_seam (band, done, s))
        emit_ruling (band, s, vertical, page);
    }
}

/* ---- fills ------------------------------------------------------------- */

/* A run of one colour along a row; glyph-box pixels do not interrupt it. */
typedef struct
{
  int start, last; /* first and last pixel of the colour; start < 0 when none */
  guint32 colour;
  int n_glyph, n_glyph_match;       /* glyph-box pixels up to last */
  int pend_glyph, pend_glyph_match; /* glyph-box pixels after last */
} FillTracker;

typedef struct
{
  int y0, y1, x0, x1; /* inclusive */
  guint32 colour;
} Stack;

static void
emit_fill (const Stack *st, const Scan *s, PsPage *page)
{
  if (st->y1 - st->y0 + 1 < s->min_fill || st->x1 - st->x0 + 1 < s->min_fill)
    return;
  PsFill fill = { { st->x0 / s->scale, st->y0 / s->scale, (st->x1 + 1) / s->scale,
                    (st->y1 + 1) / s->scale },
                  colour_of (st->colour) };
  fill.box.x1 = MIN (fill.box.x1, page->width);
  fill.box.y1 = MIN (fill.box.y1, page->height);
  g_array_append_val (page->fills, fill);
}

/* Adds a run of row y to the stack it continues (same colour, same extent
 * to a pixel), or starts a stack.  A weak run — one whose colour hardly
 * shows between the glyphs over it — may only continue a stack: a row
 * through dense text in a coloured cell is still the cell, but black glyphs
 * between two black strokes are no fill. */
static void
stack_fill_run (GArray *stacks, int y, int x0, int x1, guint32 colour, gboolean weak)
{
  for (guint i = 0; i < stacks->len; i++)
    {
      Stack *st = &g_array_index (stacks, Stack, i);
      if (st->y1 == y - 1 && abs (st->x0 - x0) <= 1 && abs (st->x1 - x1) <= 1
          && same_colour (st->colour, colour))
        {
          st->y1 = y;
          return;
        }
    }
  if (weak)
    return;
  Stack st = { y, y, x0, x1, colour };
  g_array_append_val (stacks, st);
}

static void
fill_close (FillTracker *f, const Scan *s, int y, GArray *stacks)
{
  if (f->start >= 0 && f->last - f->start + 1 >= s->min_fill)
    stack_fill_run (stacks, y, f->start, f->last, f->colour,
                    f->n_glyph > 0 && 4 * f->n_glyph_match < f->n_glyph);
  f->start = -1;
}

static inline void
fill_feed (FillTracker *f, const Scan *s, int y, int x, guint32 p, gboolean glyph,
           GArray *stacks)
{
  if (f->start < 0 && !glyph && is_paper (p))
    return;
  if (glyph)
    {
      if (f->start >= 0)
        {
          f->pend_glyph++;
          f->pend_glyph_match += same_colour (p, f->colour);
        }
      return;
    }
  if (f->start >= 0 && same_colour (p, f->colour))
    {
      f->last = x;
      f->n_glyph += f->pend_glyph;
      f->n_glyph_match += f->pend_glyph_match;
      f->pend_glyph = f->pend_glyph_match = 0;
      return;
    }
  fill_close (f, s, y, stacks);
  if (!is_paper (p))
    *f = (FillTracker){ x, x, p, 0, 0, 0, 0 };
}

/* Emits the stacks that row y did not continue. */
static void
close_stacks (GArray *stacks, const Scan *s, int y, PsPage *page)
{
  guint keep = 0;
  for (guint i = 0; i < stacks->len; i++)
    {
      Stack *st = &g_array_index (stacks, Stack, i);
      if (st->y1 >= y)
        g_array_index (stacks, Stack, keep++) = *st;
      else
        emit_fill (st, s, page);
    }
  g_array_set_size (stacks, keep);
}

/* ---- the page ---------------------------------------------------------- */

/* The pixel that line pixel p at (x, y) is compared with on one side
 * (dir -1 or +1) across a horizontal (vertical: across a vertical) line:
 * the one K away, unless it lies inside a glyph box, which may be glyph
 * ink; text can sit closer to a ruling than K, so then the farthest pixel
 * nearer the line that is outside glyph boxes and unlike p (not the line
 * itself), and failing that a lighter one inside a box.  NONE when there
 * is none. */
static inline guint32
side (const Scan *s, gboolean vertical, int x, int y, int dir, guint32 p)
{
  int origin = vertical ? x : y, limit = vertical ? s->width : s->height;
  for (int d = s->k; d >= 1; d--)
    {
      int at = origin + dir * d;
      if (at < 0 || at >= limit)
        return WHITE;
      int ax = vertical ? at : x, ay = vertical ? y : at;
      if (inside_glyph (s, ax, ay))
        continue;
      guint32 q = pixel_at (s, ax, ay);
      if (d == s->k || unlike (q, p))
        return q;
    }
  /* Boxes hug the line (tight rows of a table): the edge of a glyph box is
   * mostly background, so take what is there if it is lighter than p — a
   * dark line's ground, not glyph ink. */
  for (int d = s->k - 1; d >= 1; d--)
    {
      int at = origin + dir * d;
      guint32 q = vertical ? pixel_at (s, at, y) : pixel_at (s, x, at);
      if (unlike (q, p) && lightness (q) > lightness (p))
        return q;
    }
  return NONE;
}

static void
scan_page (const Scan *s, PsPage *page)
{
  const int W = s->width, H = s->height, K = s->k;
  g_autoptr (GArray) hruns = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr (GArray) vruns = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr (GArray) stacks = g_array_new (FALSE, FALSE, sizeof (Stack));
  Tracker *columns = g_new0 (Tracker, W);
  Run *column_runs = g_new0 (Run, W);
  for (int x = 0; x < W; x++)
    columns[x].start = -1;

  /* Rows that are all paper, with no glyph box: most of a page.  A row
   * between two such rows K away holds neither ink nor fill. */
  gboolean *blank = g_new (gboolean, H);
  for (int y = 0; y < H; y++)
    {
      const guint32 *r = scan_row (s, y);
      const guint8 *m = s->mask + (gsize) y * (gsize) W;
      gboolean b = TRUE;
      for (int x = 0; x < W && b; x++)
        b = (r[x] & WHITE) == WHITE && m[x] == 0;
      blank[y] = b;
    }

  for (int y = 0; y < H; y++)
    {
      if (blank[y] && (y - K < 0 || blank[y - K]) && (y + K >= H || blank[y + K]))
        {
          close_stacks (stacks, s, y, page);
          continue;
        }
      Tracker row = { 0 };
      Run row_run = { 0 };
      row.start = -1;
      FillTracker fill = { -1, 0, 0, 0, 0, 0, 0 };
      const guint32 *here = scan_row (s, y);
      const guint32 *above = y - K >= 0 ? scan_row (s, y - K) : NULL;
      const guint32 *below = y + K < H ? scan_row (s, y + K) : NULL;
      const guint8 *mask = s->mask + (gsize) y * (gsize) W;
      const guint8 *mask_above = above ? mask - (gsize) K * (gsize) W : NULL;
      const guint8 *mask_below = below ? mask + (gsize) K * (gsize) W : NULL;
      for (int x = 0; x < W; x++)
        {
          guint32 p = here[x] & WHITE;
          gboolean glyph = mask[x] != 0;
          /* Paper with paper all round K away: no line here, and nothing
           * for side() to look for. */
          if (p == WHITE && !glyph && above && below && x >= K && x + K < W
              && (above[x] & WHITE) == WHITE && (below[x] & WHITE) == WHITE
              && (here[x - K] & WHITE) == WHITE && (here[x + K] & WHITE) == WHITE)
            {
              fill_feed (&fill, s, y, x, p, FALSE, stacks);
              continue;
            }
          if (mask[x] & GLYPH_BOX)
            {
              tracker_skip (&row, x);
              tracker_skip (&columns[x], y);
            }
          else
            {
              /* Most pixels have plain neighbours K away; only those next
               * to glyph boxes need side()'s search. */
              guint32 up = !above ? WHITE
                           : (mask_above[x] & GLYPH_BOX) ? side (s, FALSE, x, y, -1, p)
                                                          : above[x] & WHITE;
              guint32 down = !below ? WHITE
                             : (mask_below[x] & GLYPH_BOX) ? side (s, FALSE, x, y, +1, p)
                                                            : below[x] & WHITE;
              guint32 left = x - K < 0 ? WHITE
                             : (mask[x - K] & GLYPH_BOX) ? side (s, TRUE, x, y, -1, p)
                                                          : here[x - K] & WHITE;
              guint32 right = x + K >= W ? WHITE
                              : (mask[x + K] & GLYPH_BOX) ? side (s, TRUE, x, y, +1, p)
                                                           : here[x + K] & WHITE;
              if (p != up || p != down)
                tracker_feed (&row, &row_run, s, y, x, p, up, down, hruns);
              if (p != left || p != right)
                tracker_feed (&columns[x], &column_runs[x], s, x, y, p, left, right, vruns);
            }
          fill_feed (&fill, s, y, x, p, glyph, stacks);
        }
      tracker_close (&row, &row_run, s, y, hruns);
      fill_close (&fill, s, y, stacks);
      close_stacks (stacks, s, y, page);
    }
  for (int x = 0; x < W; x++)
    tracker_close (&columns[x], &column_runs[x], s, x, vruns);
  close_stacks (stacks, s, H, page);
  g_free (columns);
  g_free (column_runs);
  g_free (blank);

  stack_runs (hruns, s, FALSE, page);
  stack_runs (vruns, s, TRUE, page);
}

static void
mark_rect (guint8 *mask, int width, int height, double fx0, double fy0, double fx1, double fy1,
           guint8 bit)
{
  int x0 = (int) CLAMP (fx0, 0, width), x1 = (int) CLAMP (fx1, 0, width);
  int y0 = (int) CLAMP (fy0, 0, height), y1 = (int) CLAMP (fy1, 0, height);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      mask[(gsize) y * (gsize) width + (gsize) x] |= bit;
}

/* Marks the pixels of every glyph box, and a ring a pixel wide around it
 * for anti-aliasing and overhang. */
static void
mask_glyphs (guint8 *mask, int width, int height, double scale, const GArray *glyphs)
{
  memset (mask, 0, (gsize) width * (gsize) height);
  for (guint i = 0; glyphs && i < glyphs->len; i++)
    {
      const PsBox *b = &g_array_index (glyphs, PsBox, i);
      double x0 = floor (b->x0 * scale), x1 = ceil (b->x1 * scale);
      double y0 = floor (b->y0 * scale), y1 = ceil (b->y1 * scale);
      mark_rect (mask, width, height, x0 - 1, y0 - 1, x1 + 1, y1 + 1, GLYPH_RING);
      mark_rect (mask, width, height, x0, y0, x1, y1, GLYPH_BOX);
    }
}

/* Renders ppage on white at scale; FALSE when cairo cannot. */
static gboolean
render (PsPdfRaster *r, PopplerPage *ppage, int width, int height, double scale)
{
  if (!r->surface || r->width != width || r->height != height)
    {
      if (r->surface)
        cairo_surface_destroy (r->surface);
      g_free (r->mask);
      r->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      r->mask = g_malloc ((gsize) width * (gsize) height);
      r->width = width;
      r->height = height;
    }
  if (cairo_surface_status (r->surface) != CAIRO_STATUS_SUCCESS)
    return FALSE;
  cairo_t *cr = cairo_create (r->surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (ppage, cr);
  cairo_status_t status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (r->surface);
  return status == CAIRO_STATUS_SUCCESS;
}

static int
compare_rulings (gconstpointer a, gconstpointer b)
{
  const PsRuling *x = a, *y = b;
  if (x->dir != y->dir)
    return x->dir < y->dir ? -1 : 1;
  double ka = x->dir == PS_RULING_HORIZONTAL ? x->y0 : x->x0;
  double kb = y->dir == PS_RULING_HORIZONTAL ? y->y0 : y->x0;
  if (ka != kb)
    return ka < kb ? -1 : 1;
  double la = x->dir == PS_RULING_HORIZONTAL ? x->x0 : x->y0;
  double lb = y->dir == PS_RULING_HORIZONTAL ? y->x0 : y->y0;
  return (la > lb) - (la < lb);
}

static int
compare_fills (gconstpointer a, gconstpointer b)
{
  const PsFill *x = a, *y = b;
  if (x->box.y0 != y->box.y0)
    return x->box.y0 < y->box.y0 ? -1 : 1;
  return (x->box.x0 > y->box.x0) - (x->box.x0 < y->box.x0);
}

void
ps_pdf_read_graphics (PsPdfRaster *raster, PsPage *page, PopplerPage *ppage,
                      const GArray *glyphs)
{
  double scale = RENDER_DPI / 72.0;
  double pixels = page->width * page->height * scale * scale;
  if (pixels > MAX_RENDER_PIXELS)
    scale *= sqrt (MAX_RENDER_PIXELS / pixels);
  scale = MIN (scale, MIN (MAX_RENDER_SIDE / page->width, MAX_RENDER_SIDE / page->height));
  int width = (int) CLAMP (ceil (page->width * scale), 1, MAX_RENDER_SIDE);
  int height = (int) CLAMP (ceil (page->height * scale), 1, MAX_RENDER_SIDE);
  if (!render (raster, ppage, width, height, scale))
    return;
  mask_glyphs (raster->mask, width, height, scale, glyphs);

  Scan s = { cairo_image_surface_get_data (raster->surface),
             cairo_image_surface_get_stride (raster->surface),
             width,
             height,
             raster->mask,
             scale,
             0,
             0,
             0,
             0 };
  s.k = (int) ceil (MAX_RULING_WIDTH * scale) + 1;
  s.gap = s.k;
  s.min_len = MAX (2, (int) ceil (MIN_RULING_LENGTH * scale));
  s.min_fill = MAX ((int) ceil (MIN_FILL_SIZE * scale), s.k + 1);
  scan_page (&s, page);
  g_array_sort (page->rulings, compare_rulings);
  g_array_sort (page->fills, compare_fills);
}
