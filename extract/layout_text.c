/* layout_text.c — words into visual lines, and the free lines of a page
 * into headings, paragraphs and list items. */
#include "layout_private.h"

#include <math.h>
#include <string.h>

double
ps_layout_word_size (const PsWord *w)
{
  double h = w->box.y1 - w->box.y0;
  double s = w->size;
  /* Some producers scale text by its matrix and report a nominal size of
   * 1; the box height is then the better measure. */
  if (!(s > 0) || !isfinite (s) || (h > 0 && (s < 0.3 * h || s > 3 * h)))
    s = h > 0 ? h * 0.85 : 1;
  return s;
}

/* ---- bands ---------------------------------------------------------------- */

static int
compare_centre_y (gconstpointer a, gconstpointer b, gpointer data)
{
  const PsPage *page = data;
  guint i = *(const guint *) a, k = *(const guint *) b;
  const PsWord *u = page_word (page, i), *v = page_word (page, k);
  double cu = box_cy (&u->box), cv = box_cy (&v->box);
  if (cu != cv)
    return cu < cv ? -1 : 1;
  if (u->box.x0 != v->box.x0)
    return u->box.x0 < v->box.x0 ? -1 : 1;
  return (i > k) - (i < k);
}

static int
compare_x (gconstpointer a, gconstpointer b, gpointer data)
{
  const PsPage *page = data;
  guint i = *(const guint *) a, k = *(const guint *) b;
  const PsWord *u = page_word (page, i), *v = page_word (page, k);
  if (u->box.x0 != v->box.x0)
    return u->box.x0 < v->box.x0 ? -1 : 1;
  return (i > k) - (i < k);
}

/* The size most of the band's characters are set in. */
static double
dominant_size (const PsPage *page, const guint *idx, guint n)
{
  double best = 0;
  gsize best_chars = 0;
  for (guint i = 0; i < n; i++)
    {
      double s = ps_layout_word_size (page_word (page, idx[i]));
      gsize chars = 0;
      for (guint k = 0; k < n; k++)
        {
          const PsWord *w = page_word (page, idx[k]);
          if (fabs (ps_layout_word_size (w) - s) < 0.25)
            chars += strlen (w->text);
        }
      if (chars > best_chars || (chars == best_chars && s > best))
        {
          best_chars = chars;
          best = s;
        }
      /* Long lines are nearly always one size; a few samples settle it. */
      if (i >= 8)
        break;
    }
  return best;
}

GArray *
ps_layout_bands (const PsPage *page, guint *idx, guint n)
{
  GArray *bands = g_array_new (FALSE, TRUE, sizeof (Band));
  if (n == 0)
    return bands;
  g_qsort_with_data (idx, (gint) n, sizeof (guint), compare_centre_y, (gpointer) page);
  Band cur = { 0 };
  double first_cy = 0, first_h = 0;
  for (guint i = 0; i < n; i++)
    {
      const PsWord *w = page_word (page, idx[i]);
      double h = w->box.y1 - w->box.y0;
      if (cur.n)
        {
          double hu = cur.box.y1 - cur.box.y0;
          double ov = overlap_1d (cur.box.y0, cur.box.y1, w->box.y0, w->box.y1);
          /* Half the smaller height in common, and no drift from the
           * line's first word, so a tall run of words cannot chain lines. */
          if (ov >= 0.5 * MIN (h, hu) && fabs (box_cy (&w->box) - first_cy) <= 0.6 * MAX (h, first_h))
            {
              cur.n++;
              cur.box = box_union (cur.box, w->box);
              continue;
            }
          g_array_append_val (bands, cur);
        }
      cur.first = i;
      cur.n = 1;
      cur.box = w->box;
      first_cy = box_cy (&w->box);
      first_h = h;
    }
  g_array_append_val (bands, cur);
  for (guint b = 0; b < bands->len; b++)
    {
      Band *band = &g_array_index (bands, Band, b);
      g_qsort_with_data (idx + band->first, (gint) band->n, sizeof (guint), compare_x,
                         (gpointer) page);
      band->size = dominant_size (page, idx + band->first, band->n);
    }
  return bands;
}

/* Line b+1 of a cell starts a new paragraph or item rather than carrying
 * on line b. */
static gboolean
line_break_before (const PsPage *page, const guint *idx, const GArray *bands, guint b,
                   double wrap_x1, double leading)
{
  const Band *cur = &g_array_index (bands, Band, b), *next = &g_array_index (bands, Band, b + 1);
  const PsWord *first = page_word (page, idx[next->first]);
  double h = MAX (cur->box.y1 - cur->box.y0, next->box.y1 - next->box.y0);
  double em = MAX (next->size, 1.0);
  /* Paragraph spacing. */
  if (next->box.y0 - cur->box.y1 > leading + MAX (2.0, 0.35 * h))
    return TRUE;
  /* A bullet or a number opens an item. */
  g_autoptr (GString) head = g_string_new (first->text);
  if (next->n > 1)
    {
      g_string_append_c (head, ' ');
      g_string_append (head, page_word (page, idx[next->first + 1])->text);
    }
  if (ps_extract_matches (PAT_BULLET, head->str) || ps_extract_matches (PAT_REF_PREFIX, head->str))
    return TRUE;
  /* Bold stops or starts with the line: a bold lead-in ("Lead officer")
   * above a plain paragraph, or the reverse. */
  gboolean cur_bold = TRUE, next_bold = TRUE;
  for (guint i = 0; i < cur->n; i++)
    cur_bold &= (page_word (page, idx[cur->first + i])->flags & PS_TEXT_BOLD) != 0;
  for (guint i = 0; i < next->n; i++)
    next_bold &= (page_word (page, idx[next->first + i])->flags & PS_TEXT_BOLD) != 0;
  gboolean first_bold = (first->flags & PS_TEXT_BOLD) != 0;
  gboolean last_bold = (page_word (page, idx[cur->first + cur->n - 1])->flags & PS_TEXT_BOLD) != 0;
  if ((cur_bold && !first_bold) || (!last_bold && next_bold))
    return TRUE;
  /* The next line's first word would have fitted, with half an em to
   * spare (word boxes are a little narrower than the space they take):
   * the line was broken on purpose. */
  return cur->box.x1 + 0.75 * em + (first->box.x1 - first->box.x0) <= wrap_x1;
}

char *
ps_layout_words_text (const PsPage *page, guint *idx, guint n, double wrap_x1, guint *flags,
                      PsColour *colour)
{
  g_autoptr (GArray) bands = ps_layout_bands (page, idx, n);
  GString *s = g_string_new (NULL);
  guint all = PS_TEXT_BOLD | PS_TEXT_ITALIC;
  PsColour c = PS_COLOUR_NONE;
  gboolean one_colour = TRUE;
  double right = wrap_x1, leading = G_MAXDOUBLE;
  for (guint b = 0; b < bands->len; b++)
    {
      const Band *band = &g_array_index (bands, Band, b);
      right = MAX (right, band->box.x1);
      if (b + 1 < bands->len)
        leading = MIN (leading, g_array_index (bands, Band, b + 1).box.y0 - band->box.y1);
    }
  leading = MAX (leading, 0);
  for (guint b = 0; b < bands->len; b++)
    {
      const Band *band = &g_array_index (bands, Band, b);
      if (b)
        g_string_append_c (s, line_break_before (page, idx, bands, b - 1, right, leading) ? '\n'
                                                                                           : ' ');
      for (guint i = 0; i < band->n; i++)
        {
          const PsWord *w = page_word (page, idx[band->first + i]);
          if (i)
            g_string_append_c (s, ' ');
          g_string_append (s, w->text);
          all &= w->flags;
          if (b == 0 && i == 0)
            c = w->colour;
          else if (c.r != w->colour.r || c.g != w->colour.g || c.b != w->colour.b
                   || c.a != w->colour.a)
            one_colour = FALSE;
        }
    }
  if (flags)
    *flags = n ? all : 0;
  if (colour)
    *colour = n && one_colour ? c : PS_COLOUR_NONE;
  return g_string_free (s, FALSE);
}

/* ---- text lines ------------------------------------------------------------ */

/* A line of free words, as ingest read it (Poppler's reading order), split
 * where a wide gap shows two things side by side. */
typedef struct
{
  guint first, n; /* into the index array */
  PsBox box;
  double size;
  guint flags; /* PS_TEXT_* every word carries */
  gboolean bullet; /* opens with a list bullet (dropped from its text) */
} TextLine;

/* A gap this many times the line's size splits it: wider than any word
 * space, even in justified text. */
#define SPLIT_GAP_EM 2.5

static gboolean
is_bullet_word (const char *w)
{
  static const char *const bullets[] = { "\xe2\x80\xa2", /* • */
                                         "\xe2\x97\x8f", /* ● */
                                         "\xe2\x96\xaa", /* ▪ */
                                         "\xe2\x96\xa0", /* ■ */
                                         "\xe2\x97\xa6", /* ◦ */
                                         "\xe2\x80\xa3", /* ‣ */
                                         "\xe2\x81\x83", /* ⁃ */
                                         "\xe2\x88\x99", /* ∙ */
                                         "\xc2\xb7",     /* · */
                                         "\xe2\x9e\xa2", /* ➢ */
                                         "\xe2\x9c\x93", /* ✓ */
                                         "-",
                                         "\xe2\x80\x93", /* – */
                                         "o" };
  for (gsize i = 0; i < G_N_ELEMENTS (bullets); i++)
    if (strcmp (w, bullets[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
ps_layout_is_marker (const char *w)
{
  if (is_bullet_word (w) || strcmp (w, "*") == 0)
    return TRUE;
  /* "1.", "2)", "(a)", "iv.", "5.2.3." */
  const char *p = w;
  gboolean open = *p == '(';
  p += open;
  gsize body = 0;
  gboolean digits = TRUE, letters = TRUE;
  for (; *p && *p != ')' && !(*p == '.' && !p[1]); p++, body++)
    {
      digits &= g_ascii_isdigit (*p) || *p == '.';
      letters &= g_ascii_islower (*p);
    }
  if (body == 0 || body > 8 || !(digits || (letters && body <= 4)))
    return FALSE;
  return (*p == ')' && !p[1]) || (*p == '.' && !p[1] && !open);
}

static void
finish_line (const PsPage *page, const guint *idx, TextLine *line)
{
  line->box = page_word (page, idx[line->first])->box;
  line->flags = PS_TEXT_BOLD | PS_TEXT_ITALIC;
  for (guint i = 0; i < line->n; i++)
    {
      const PsWord *w = page_word (page, idx[line->first + i]);
      line->box = box_union (line->box, w->box);
      line->flags &= w->flags;
    }
  line->size = dominant_size (page, idx + line->first, line->n);
  line->bullet = line->n >= 2 && is_bullet_word (page_word (page, idx[line->first])->text);
  if (line->bullet)
    {
      /* The bullet's own font says nothing about the text's. */
      line->flags = PS_TEXT_BOLD | PS_TEXT_ITALIC;
      for (guint i = 1; i < line->n; i++)
        line->flags &= page_word (page, idx[line->first + i])->flags;
    }
}

/* A bullet read as a line of its own, followed by the text it marks on the
 * same line, is one list line.  Lines are runs of idx in order, so the
 * bullet's word sits right before the text's. */
static GArray *
merge_bullets (const PsPage *page, GArray *idx, GArray *lines)
{
  GArray *out = g_array_sized_new (FALSE, TRUE, sizeof (TextLine), lines->len);
  for (guint l = 0; l < lines->len; l++)
    {
      const TextLine *a = &g_array_index (lines, TextLine, l);
      const TextLine *b = l + 1 < lines->len ? &g_array_index (lines, TextLine, l + 1) : NULL;
      if (b && a->n == 1 && a->first + 1 == b->first
          && is_bullet_word (page_word (page, g_array_index (idx, guint, a->first))->text))
        {
          double em = MAX (b->size, 1.0);
          double h = MIN (a->box.y1 - a->box.y0, b->box.y1 - b->box.y0);
          if (b->box.x0 >= a->box.x1 && b->box.x0 - a->box.x1 <= 3 * em
              && overlap_1d (a->box.y0, a->box.y1, b->box.y0, b->box.y1) >= 0.5 * h)
            {
              TextLine merged = *b;
              merged.first = a->first;
              merged.n = b->n + 1;
              finish_line (page, (const guint *) (const void *) idx->data, &merged);
              g_array_append_val (out, merged);
              l++;
              continue;
            }
        }
      g_array_append_val (out, *a);
    }
  g_array_unref (lines);
  return out;
}

/* The free words of the page in ingest's line order, cut into TextLines. */
static GArray *
text_lines (const LayoutPage *lp, GArray *idx)
{
  const PsPage *page = lp->page;
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (TextLine));
  guint n_words = page->words->len;
  for (guint l = 0; l < page->lines->len; l++)
    {
      const PsLine *pl = &g_array_index (page->lines, PsLine, l);
      if (pl->first_word >= n_words)
        continue;
      guint end = MIN (n_words, pl->first_word + pl->n_words);
      TextLine cur = { 0 };
      cur.first = idx->len;
      const PsWord *prev = NULL;
      for (guint i = pl->first_word; i < end; i++)
        {
          if (lp->state[i] != WORD_FREE)
            continue;
          const PsWord *w = page_word (page, i);
          if (prev && cur.n)
            {
              double em = MAX (ps_layout_word_size (prev), ps_layout_word_size (w));
              double gap = w->box.x0 - prev->box.x1;
              gboolean same_line
                  = overlap_1d (prev->box.y0, prev->box.y1, w->box.y0, w->box.y1)
                    > 0.3 * MIN (prev->box.y1 - prev->box.y0, w->box.y1 - w->box.y0);
              if (gap > SPLIT_GAP_EM * em || gap < -em || !same_line)
                {
                  finish_line (page, (const guint *) idx->data, &cur);
                  g_array_append_val (lines, cur);
                  cur.first = idx->len;
                  cur.n = 0;
                }
            }
          g_array_append_val (idx, i);
          cur.n++;
          prev = w;
        }
      if (cur.n)
        {
          finish_line (page, (const guint *) idx->data, &cur);
          g_array_append_val (lines, cur);
        }
    }
  return merge_bullets (page, idx, lines);
}

/* ---- heading sizes ---------------------------------------------------------- */

static int
compare_double_desc (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x < y) - (x > y);
}

void
ps_heading_sizes (const LayoutPage *pages, guint n_pages, HeadingSizes *hs)
{
  memset (hs, 0, sizeof *hs);
  g_autoptr (GArray) sizes = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint p = 0; p < n_pages; p++)
    {
      const LayoutPage *lp = &pages[p];
      g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr (GArray) lines = text_lines (lp, idx);
      for (guint l = 0; l < lines->len; l++)
        {
          double s = g_array_index (lines, TextLine, l).size;
          if (s >= lp->body_size * HEADING_SIZE_RATIO)
            g_array_append_val (sizes, s);
        }
    }
  g_array_sort (sizes, compare_double_desc);
  for (guint i = 0; i < sizes->len && hs->n < MAX_HEADING_SIZES; i++)
    {
      double s = g_array_index (sizes, double, i);
      /* Sizes within half a point are one size. */
      if (hs->n && hs->sizes[hs->n - 1] - s < 0.5)
        continue;
      hs->sizes[hs->n++] = s;
    }
}

static guint
heading_level (const HeadingSizes *hs, double size)
{
  for (guint i = 0; i < hs->n; i++)
    if (size >= hs->sizes[i] - 0.5)
      return i + 1;
  return MAX (hs->n, 1);
}

/* ---- blocks ------------------------------------------------------------------ */

typedef struct
{
  PsBlockKind kind;
  guint level;
  GString *text;
  PsBox box;
  double size;
  guint flags;
  double text_x0;  /* where a list item's text starts (after its bullet) */
  TextLine last;
  gboolean open;
} Para;

static gboolean
is_heading_line (const LayoutPage *lp, const TextLine *l)
{
  return l->size >= lp->body_size * HEADING_SIZE_RATIO;
}

/* A line joins the block above when it carries on the same text: the same
 * kind and size, close below it, overlapping it across, not a new list item
 * or a new numbered paragraph, and not switching to or from bold. */
static gboolean
continues_para (const LayoutPage *lp, const Para *p, const TextLine *l, const char *head,
                double leading)
{
  if (!p->open || l->bullet)
    return FALSE;
  gboolean heading = is_heading_line (lp, l);
  if (heading != (p->kind == PS_BLOCK_HEADING))
    return FALSE;
  if (fabs (p->size - l->size) > 0.6)
    return FALSE;
  if ((p->flags & PS_TEXT_BOLD) != (l->flags & PS_TEXT_BOLD))
    return FALSE;
  double h = MAX (p->last.box.y1 - p->last.box.y0, l->box.y1 - l->box.y0);
  double gap = l->box.y0 - p->last.box.y1;
  /* Wider than the page's line spacing: a new paragraph. */
  if (gap > MIN (leading + MAX (2.0, 0.3 * h), 1.2 * h) || gap < -0.5 * h)
    return FALSE;
  if (overlap_1d (p->box.x0, p->box.x1, l->box.x0, l->box.x1) <= 0)
    return FALSE;
  if (p->kind == PS_BLOCK_LIST_ITEM && l->box.x0 < p->text_x0 - 0.5 * l->size)
    return FALSE;
  /* "2. When change…" opens a numbered paragraph of its own. */
  return !ps_extract_matches (PAT_REF_PREFIX, head);
}

static void
flush_para (PsDoc *layout, LayoutPage *lp, Para *p)
{
  if (!p->open)
    return;
  PsBlock *b = ps_doc_add_block (layout, p->kind);
  b->level = p->level;
  b->text = ps_doc_strndup (layout, p->text->str, p->text->len);
  b->flags = p->flags;
  b->page = lp->page->number;
  b->box = p->box;
  b->size = p->size;
  g_ptr_array_add (lp->texts, b);
  g_string_truncate (p->text, 0);
  p->open = FALSE;
}

/* Appends the words of l to s, the bullet left out. */
static void
append_line_words (GString *s, const PsPage *page, const guint *idx, const TextLine *l)
{
  for (guint i = l->bullet ? 1 : 0; i < l->n; i++)
    {
      if (s->len && s->str[s->len - 1] != '\n' && s->str[s->len - 1] != ' ')
        g_string_append_c (s, ' ');
      g_string_append (s, page_word (page, idx[l->first + i])->text);
    }
}

/* Where the text of line `at` (starting at x0) wraps: the right end of the
 * longest of the lines around it that start near it (the same column).
 * Forty lines either way show the column; looking no further keeps a page
 * of thousands of lines linear. */
static double
column_right (const GArray *lines, guint at, double x0, double em)
{
  double right = 0;
  guint from = at > 40 ? at - 40 : 0, to = MIN (lines->len, at + 41);
  for (guint i = from; i < to; i++)
    {
      const TextLine *l = &g_array_index (lines, TextLine, i);
      if (fabs (l->box.x0 - x0) <= 3 * em)
        right = MAX (right, l->box.x1);
    }
  return right;
}

/* A wrapped line joins the one above with a space; a line that follows a
 * short one (its first word would have fitted above, with half an em to
 * spare), or that is set further in (an item under a lead-in), was broken
 * on purpose and keeps its line break. */
static gboolean
hard_break (const PsPage *page, const guint *idx, const GArray *lines, guint at, const Para *p,
            const TextLine *l)
{
  const PsWord *w = page_word (page, idx[l->first]);
  double em = MAX (l->size, 1.0);
  if (l->box.x0 > p->last.box.x0 + em)
    return TRUE;
  double right = MAX (p->box.x1, column_right (lines, at, p->last.box.x0, em));
  return p->last.box.x1 + 0.75 * em + (w->box.x1 - w->box.x0) <= right;
}

static int
compare_gap (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The gap between the lines of a paragraph on this page: the lower third
 * of the gaps between consecutive lines set alike, one under the other. */
static double
line_spacing (const GArray *lines)
{
  g_autoptr (GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 1; i < lines->len; i++)
    {
      const TextLine *a = &g_array_index (lines, TextLine, i - 1);
      const TextLine *b = &g_array_index (lines, TextLine, i);
      double h = MAX (a->box.y1 - a->box.y0, b->box.y1 - b->box.y0);
      double gap = b->box.y0 - a->box.y1;
      if (fabs (a->size - b->size) < 0.6 && gap >= -0.5 * h && gap <= 1.5 * h
          && overlap_1d (a->box.x0, a->box.x1, b->box.x0, b->box.x1) > 0)
        g_array_append_val (gaps, gap);
    }
  if (gaps->len == 0)
    return 0;
  g_array_sort (gaps, compare_gap);
  return MAX (0, g_array_index (gaps, double, gaps->len / 3));
}

void
ps_layout_text_blocks (PsDoc *layout, LayoutPage *lp, const HeadingSizes *hs)
{
  const PsPage *page = lp->page;
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) lines = text_lines (lp, idx);
  const guint *ix = (const guint *) idx->data;
  double leading = line_spacing (lines);
  Para p = { 0 };
  p.text = g_string_new (NULL);
  for (guint l = 0; l < lines->len; l++)
    {
      const TextLine *line = &g_array_index (lines, TextLine, l);
      /* The first two words say whether a number opens the line. */
      g_autofree char *head
          = g_strconcat (page_word (page, ix[line->first])->text, line->n > 1 ? " " : "",
                         line->n > 1 ? page_word (page, ix[line->first + 1])->text : "", NULL);
      if (continues_para (lp, &p, line, head, leading))
        {
          gboolean hard = p.kind != PS_BLOCK_HEADING && hard_break (page, ix, lines, l, &p, line);
          g_string_append_c (p.text, hard ? '\n' : ' ');
          append_line_words (p.text, page, ix, line);
          p.box = box_union (p.box, line->box);
          p.flags &= line->flags;
          p.last = *line;
          continue;
        }
      flush_para (layout, lp, &p);
      p.open = TRUE;
      p.kind = is_heading_line (lp, line) ? PS_BLOCK_HEADING
               : line->bullet             ? PS_BLOCK_LIST_ITEM
                                          : PS_BLOCK_PARAGRAPH;
      p.level = p.kind == PS_BLOCK_HEADING ? heading_level (hs, line->size)
                : p.kind == PS_BLOCK_LIST_ITEM ? 1
                                               : 0;
      p.size = line->size;
      p.flags = line->flags;
      p.box = line->box;
      p.last = *line;
      p.text_x0 = line->bullet && line->n >= 2 ? page_word (page, ix[line->first + 1])->box.x0
                                               : line->box.x0;
      append_line_words (p.text, page, ix, line);
    }
  flush_para (layout, lp, &p);
  g_string_free (p.text, TRUE);
}
