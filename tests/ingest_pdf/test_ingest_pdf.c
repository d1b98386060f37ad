/* test_ingest_pdf.c — PDF ingest against the fixtures of tests/fixtures/pdf
 * (made by its make.sh).  Expected boxes come from `pdftotext -bbox` on the
 * same files; expected colours from the fixtures' HTML.
 *
 * usage: test_ingest_pdf FIXTURE_DIR */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "ingest_private.h"
#include "ps_ingest.h"

static const char *fixtures;

/* Word boxes may differ from pdftotext's by rounding only; ruling
 * positions and fill edges by the render's resolution. */
#define BOX_TOLERANCE 0.05
#define COLOUR_TOLERANCE 8

static char *
fixture (const char *name)
{
  return g_build_filename (fixtures, name, NULL);
}

static PsDoc *
ingest (const char *name, const PsIngestOptions *opts, GError **error)
{
  g_autofree char *path = fixture (name);
  PsDoc *doc = ps_ingest_file (path, opts, error);
  if (doc)
    {
      g_autoptr (GError) check = NULL;
      gboolean ok = ps_doc_check (doc, &check);
      OK (ok);
      if (!ok)
        fprintf (stderr, "%s: ps_doc_check: %s\n", name, check->message);
    }
  return doc;
}

static const PsPage *
page_of (const PsDoc *doc, guint number)
{
  return number >= 1 && number <= doc->pages->len ? g_ptr_array_index (doc->pages, number - 1)
                                                  : NULL;
}

static const PsWord *
word_of (const PsPage *page, guint i)
{
  return &g_array_index (page->words, PsWord, i);
}

/* The n-th (from 0) word with this text on the page, or NULL. */
static const PsWord *
find_word (const PsPage *page, const char *text, guint n)
{
  for (guint i = 0; page && i < page->words->len; i++)
    if (strcmp (word_of (page, i)->text, text) == 0 && n-- == 0)
      return word_of (page, i);
  return NULL;
}

static guint
count_words (const PsPage *page, const char *text)
{
  guint n = 0;
  for (guint i = 0; i < page->words->len; i++)
    n += strcmp (word_of (page, i)->text, text) == 0;
  return n;
}

static gboolean
box_near (PsBox b, double x0, double y0, double x1, double y1, double tol)
{
  return fabs (b.x0 - x0) <= tol && fabs (b.y0 - y0) <= tol && fabs (b.x1 - x1) <= tol
         && fabs (b.y1 - y1) <= tol;
}

static gboolean
box_inside (PsBox inner, PsBox outer)
{
  return inner.x0 >= outer.x0 && inner.y0 >= outer.y0 && inner.x1 <= outer.x1
         && inner.y1 <= outer.y1;
}

static gboolean
colour_near (PsColour c, guint8 r, guint8 g, guint8 b)
{
  return c.a != 0 && abs (c.r - r) <= COLOUR_TOLERANCE && abs (c.g - g) <= COLOUR_TOLERANCE
         && abs (c.b - b) <= COLOUR_TOLERANCE;
}

/* The text of line i, words joined by spaces. */
static char *
line_text (const PsPage *page, guint i)
{
  return ps_line_text (page, &g_array_index (page->lines, PsLine, i));
}

/* The line whose first word is text, or -1. */
static int
line_starting (const PsPage *page, const char *text)
{
  for (guint i = 0; i < page->lines->len; i++)
    {
      const PsLine *line = &g_array_index (page->lines, PsLine, i);
      if (strcmp (ps_line_word (page, line, 0)->text, text) == 0)
        return (int) i;
    }
  return -1;
}

static guint
count_rulings (const PsPage *page, PsRulingDir dir)
{
  guint n = 0;
  for (guint i = 0; i < page->rulings->len; i++)
    n += g_array_index (page->rulings, PsRuling, i).dir == dir;
  return n;
}

/* Positions of the rulings of one direction, sorted (they are emitted in
 * order): y for horizontal, x for vertical. */
static GArray *
ruling_positions (const PsPage *page, PsRulingDir dir)
{
  GArray *pos = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < page->rulings->len; i++)
    {
      const PsRuling *r = &g_array_index (page->rulings, PsRuling, i);
      if (r->dir == dir)
        {
          double v = dir == PS_RULING_HORIZONTAL ? r->y0 : r->x0;
          g_array_append_val (pos, v);
        }
    }
  return pos;
}

/* The fill that holds box, or NULL. */
static const PsFill *
fill_around (const PsPage *page, PsBox box)
{
  for (guint i = 0; i < page->fills->len; i++)
    {
      const PsFill *f = &g_array_index (page->fills, PsFill, i);
      if (box_inside (box, f->box))
        return f;
    }
  return NULL;
}

/* ---- the ruled table ---------------------------------------------------- */

typedef struct
{
  guint page;
  const char *text;
  guint nth;
  double x0, y0, x1, y1;
} WordCase;

/* Header cells on both pages (the <thead> repeats) and body words, with
 * pdftotext -bbox's boxes. */
static const WordCase ruled_words[] = {
  { 1, "Improvement", 0, 42.750, 42.831, 130.612, 58.466 },
  { 1, "Ref", 0, 47.496, 80.200, 63.604, 91.369 },
  { 1, "Action", 0, 88.289, 80.200, 119.386, 91.369 },
  { 1, "Lead", 0, 312.691, 80.200, 336.023, 91.369 },
  { 1, "Due", 0, 414.691, 80.200, 433.576, 91.369 },
  { 1, "Status", 0, 486.082, 80.200, 516.632, 91.369 },
  { 1, "constitution", 0, 140.515, 98.200, 191.082, 109.369 },
  { 1, "Agree", 1, 88.289, 442.450, 114.964, 453.619 },
  { 2, "Ref", 0, 47.496, 46.450, 63.604, 57.619 },
};

static const WordCase ruled_words_libreoffice[] = {
  { 1, "Improvement", 0, 42.600, 42.401, 130.380, 60.601 },
  { 1, "Ref", 0, 46.600, 79.301, 62.720, 92.301 },
  { 1, "Action", 0, 87.400, 79.301, 118.480, 92.301 },
  { 1, "Status", 0, 485.500, 79.301, 516.040, 92.301 },
  { 1, "constitution", 0, 139.550, 97.501, 190.060, 110.501 },
  { 1, "Agree", 1, 87.400, 447.801, 114.040, 460.801 },
  { 2, "Ref", 0, 46.600, 46.201, 62.720, 59.201 },
};

static void
check_words (const PsDoc *doc, const WordCase *cases, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      const WordCase *c = &cases[i];
      const PsWord *w = find_word (page_of (doc, c->page), c->text, c->nth);
      OK (w != NULL);
      if (!w)
        {
          fprintf (stderr, "  no word \"%s\" on page %u\n", c->text, c->page);
          continue;
        }
      OK (box_near (w->box, c->x0, c->y0, c->x1, c->y1, BOX_TOLERANCE));
    }
}

/* The table's grid: one horizontal ruling per row edge and one vertical per
 * column edge, on both pages; every header word between the vertical
 * rulings of its column and between the header's two horizontal rulings;
 * RAG status cells filled with their colour around their words. */
typedef struct
{
  const char *producer;
  guint horizontal[2]; /* horizontal rulings on pages 1 and 2 */
  guint fills[2];      /* header cells and status cells */
} TableCase;

static void
check_ruled_table (const PsDoc *doc, const TableCase *tc)
{
  INT_EQ (doc->n_pages, 2);
  STR_EQ (doc->title, "Ruled Table Fixture");
  static const char *const header[] = { "Ref", "Action", "Lead", "Due", "Status" };
  guint n_status = 0;
  for (guint p = 1; p <= 2; p++)
    {
      const PsPage *page = page_of (doc, p);
      INT_EQ (page->rotation, 0);
      INT_EQ (count_rulings (page, PS_RULING_HORIZONTAL), tc->horizontal[p - 1]);
      INT_EQ (count_rulings (page, PS_RULING_VERTICAL), 6);
      g_autoptr (GArray) xs = ruling_positions (page, PS_RULING_VERTICAL);
      g_autoptr (GArray) ys = ruling_positions (page, PS_RULING_HORIZONTAL);
      if (xs->len != 6 || ys->len < 2)
        {
          fprintf (stderr, "  %s page %u: grid not found\n", tc->producer, p);
          continue;
        }
      for (guint col = 0; col < G_N_ELEMENTS (header); col++)
        {
          const PsWord *w = find_word (page, header[col], 0);
          OK (w != NULL);
          if (!w)
            continue;
          OK (g_array_index (xs, double, col) < w->box.x0
              && w->box.x1 < g_array_index (xs, double, col + 1));
          OK (g_array_index (ys, double, 0) < w->box.y0 && w->box.y1 < g_array_index (ys, double, 1));
          OK (w->flags & PS_TEXT_BOLD);
          /* Header cells are light grey, and kept as fills. */
          const PsFill *f = fill_around (page, w->box);
          OK (f && colour_near (f->colour, 0xD9, 0xD9, 0xD9));
        }
      /* Every ruling spans the table: from the first column edge to the
       * last, or from the header's top to the bottom row. */
      for (guint i = 0; i < page->rulings->len; i++)
        {
          const PsRuling *r = &g_array_index (page->rulings, PsRuling, i);
          if (r->dir == PS_RULING_HORIZONTAL)
            OK (fabs (r->x0 - g_array_index (xs, double, 0)) < 2
                && fabs (r->x1 - g_array_index (xs, double, 5)) < 2);
          else
            OK (fabs (r->y0 - g_array_index (ys, double, 0)) < 2
                && fabs (r->y1 - g_array_index (ys, double, ys->len - 1)) < 2);
          /* At 72 dpi a hairline partly hidden under a fill's edge can
           * show only a quarter of its width. */
          OK (r->width > 0.1 && r->width < 1.6);
          OK (r->colour.r < 0x80 && r->colour.g < 0x80 && r->colour.b < 0x80);
        }
      /* Status words: Complete in green, On track in amber, Off track in
       * red, each inside its cell's fill, which stays inside the status
       * column. */
      for (guint i = 0; i < page->words->len; i++)
        {
          const PsWord *w = word_of (page, i);
          guint8 r, g, b;
          if (strcmp (w->text, "Complete") == 0)
            r = 0x00, g = 0xB0, b = 0x50;
          else if (strcmp (w->text, "On") == 0 && w->box.x0 > g_array_index (xs, double, 4))
            r = 0xFF, g = 0xC0, b = 0x00;
          else if (strcmp (w->text, "Off") == 0)
            r = 0xFF, g = 0x00, b = 0x00;
          else
            continue;
          n_status++;
          const PsFill *f = fill_around (page, w->box);
          OK (f != NULL);
          if (!f)
            continue;
          OK (colour_near (f->colour, r, g, b));
          OK (f->box.x0 >= g_array_index (xs, double, 4) && f->box.x1 <= g_array_index (xs, double, 5));
        }
      /* One fill per coloured cell: header cells and status cells. */
      INT_EQ (page->fills->len, tc->fills[p - 1]);
    }
  INT_EQ (n_status, 36);
}

static void
test_ruled_table (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDoc) doc = ingest ("ruled_table.pdf", NULL, &error);
  OK (doc != NULL);
  if (!doc)
    return;
  check_words (doc, ruled_words, G_N_ELEMENTS (ruled_words));
  /* Page 1: the header and 22 rows, page 2: the header again and 14. */
  static const TableCase tc = { "Chromium", { 24, 16 }, { 27, 19 } };
  check_ruled_table (doc, &tc);
  const PsPage *page = page_of (doc, 1);
  INT_EQ (lround (page->width * 100), 59496);
  INT_EQ (lround (page->height * 100), 84192);
  /* Poppler glues the first lines of a table row's cells together; they
   * come out as separate lines, in Poppler's order. */
  int row = line_starting (page, "1");
  OK (row >= 0);
  if (row >= 0)
    {
      g_autofree char *l1 = line_text (page, (guint) row + 1);
      g_autofree char *l4 = line_text (page, (guint) row + 4);
      STR_EQ (l1, "Review the constitution and the scheme of");
      STR_EQ (l4, "Chief Executive");
    }
  const PsWord *w = find_word (page, "Improvement", 0);
  OK (w && w->size > 13.9 && w->size < 14.1 && (w->flags & PS_TEXT_BOLD));
  STR_EQ (w ? w->font : NULL, "LiberationSans-Bold");
  OK (w && colour_near (w->colour, 0, 0, 0));
  w = find_word (page, "constitution", 0);
  OK (w && w->flags == 0 && w->size > 9.9 && w->size < 10.1);
}

static void
test_ruled_table_libreoffice (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDoc) doc = ingest ("ruled_table.libreoffice.pdf", NULL, &error);
  OK (doc != NULL);
  if (!doc)
    return;
  check_words (doc, ruled_words_libreoffice, G_N_ELEMENTS (ruled_words_libreoffice));
  static const TableCase tc = { "LibreOffice", { 24, 16 }, { 27, 19 } };
  check_ruled_table (doc, &tc);
}

static void
test_no_graphics (void)
{
  PsIngestOptions opts = { 0 };
  opts.no_graphics = TRUE;
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDoc) doc = ingest ("ruled_table.pdf", &opts, &error);
  OK (doc != NULL);
  if (!doc)
    return;
  for (guint p = 1; p <= doc->n_pages; p++)
    {
      INT_EQ (page_of (doc, p)->rulings->len, 0);
      INT_EQ (page_of (doc, p)->fills->len, 0);
    }
  check_words (doc, ruled_words, G_N_ELEMENTS (ruled_words));
}

/* ---- other layouts ------------------------------------------------------ */

static void
test_borderless (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDoc) doc = ingest ("borderless.pdf", NULL, &error);
  OK (doc != NULL);
  if (!doc)
    return;
  const PsPage *page = page_of (doc, 1);
  INT_EQ (page->rulings->len, 0);
  INT_EQ (page->fills->len, 0);
  OK (find_word (page, "Recommendation", 0) != NULL);
  OK (find_word (page, "R4", 0) != NULL);
  /* Cells on one row are separate lines. */
  OK (line_starting (page, "Chief") >= 0);
  OK (line_starting (page, "Monitoring") >= 0);
}

static void
test_rotated (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDoc) doc = ingest ("rotated.pdf", NULL, &error);
  OK (doc != NULL);
  if (!doc)
    return;
  const PsPage *page = page_of (doc, 1);
  /* An A4 portrait page turned by /Rotate 90: landscape as displayed. */
  INT_EQ (page->rotation, 90);
  INT_EQ (lround (page->width * 100), 84192);
  INT_EQ (lround (page->height * 100), 59496);
  const PsWord *w = find_word (page, "Alpha", 0);
  OK (w && box_near (w->box, 725.377, 61.746, 738.783, 92.437, BOX_TOLERANCE));
  w = find_word (page, "Heading", 0);
  OK (w && box_near (w->box, 767.280, 120.984, 785.152, 184.087, BOX_TOLERANCE));
  int heading = line_starting (page, "Rotated");
  OK (heading >= 0);
  if (heading >= 0)
    {
      g_autofree char *text = line_text (page, (guint) heading);
      STR_EQ (text, "Rotated Heading");
    }
  /* The 2x2 table's grid turns too: its rows run down the page now. */
  INT_EQ (count_rulings (page, PS_RULING_HORIZONTAL), 3);
  INT_EQ (count_rulings (page, PS_RULING_VERTICAL), 3);
  w = find_word (page, "Delta", 0);
  const PsFill *f = w ? fill_around (page, w->box) : NULL;
  OK (f && colour_near (f->colour, 0x00, 0xB0, 0x50));
  INT_EQ (page->fills->len, 1);
}

/* /Rotate 180 and 270 of the bullets page (595 x 842 unrotated): the word
 * "First" at [90, 74.1, 111.4, 84.3] lands where the turn puts it. */
static void
test_rotations (void)
{
  static const struct
  {
    const char *file;
    int rotation;
    double width, height, x0, y0, x1, y1;
  } cases[] = {
    { "bullets.pdf", 0, 595, 842, 90.0, 74.1, 111.4, 84.3 },
    { "rotate180.pdf", 180, 595, 842, 595 - 111.4, 842 - 84.3, 595 - 90.0, 842 - 74.1 },
    { "rotate270.pdf", 270, 842, 595, 74.1, 595 - 111.4, 84.3, 595 - 90.0 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PsDoc) doc = ingest (cases[i].file, NULL, &error);
      OK (doc != NULL);
      if (!doc)
        continue;
      const PsPage *page = page_of (doc, 1);
      /* Poppler before 25.06 shows 180 as 0 (see page_rotation in
       * pdf_ingest.c); coordinates are right either way. */
      if (cases[i].rotation == 180)
        OK (page->rotation == 180 || page->rotation == 0);
      else
        INT_EQ (page->rotation, cases[i].rotation);
      INT_EQ (lround (page->width), lround (cases[i].width));
      INT_EQ (lround (page->height), lround (cases[i].height));
      const PsWord *w = find_word (page, "First", 0);
      OK (w && box_near (w->box, cases[i].x0, cases[i].y0, cases[i].x1, cases[i].y1, 0.1));
    }
}

/* One probe serves every page of a document: 270, then 90. */
static void
test_rotation_per_page (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDoc) doc = ingest ("rotate_mixed.pdf", NULL, &error);
  OK (doc != NULL);
  if (!doc)
    return;
  INT_EQ (doc->n_pages, 2);
  INT_EQ (page_of (doc, 1)->rotation, 270);
  INT_EQ (page_of (doc, 2)->rotation, 90);
  OK (find_word (page_of (doc, 1), "First", 0) != NULL);
  OK (find_word (page_of (doc, 2), "Alpha", 0) != NULL);
  /* The probe never shows: no stray rulings or fills from it. */
  INT_EQ (page_of (doc, 1)->rulings->len, 0);
  INT_EQ (page_of (doc, 1)->fills->len, 0);
  INT_EQ (page_of (doc, 2)->fills->len, 1);
}

static void
test_columns (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDoc) doc = ingest ("columns.pdf", NULL, &error);
  OK (doc != NULL);
  if (!doc)
    return;
  const PsPage *page = page_of (doc, 1);
  /* Reading order follows the columns: every line of the left column
   * (which flows over into the right one) before the right column's own. */
  int left = line_starting (page, "Leftcolumn"), right = line_starting (page, "Rightcolumn");
  OK (left >= 0 && right > left);
  gboolean seen_right = FALSE, order_ok = TRUE;
  for (guint i = 1; i < page->lines->len; i++)
    {
      const PsLine *line = &g_array_index (page->lines, PsLine, i);
      gboolean in_right = line->box.x0 > page->width / 2;
      if (seen_right && !in_right)
        order_ok = FALSE;
      seen_right |= in_right;
    }
  OK (order_ok);
  INT_EQ (page->rulings->len, 0);
}

static void
test_ligatures (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDoc) doc = ingest ("ligatures.pdf", NULL, &error);
  OK (doc != NULL);
  if (!doc)
    return;
  const PsPage *page = page_of (doc, 1);
  static const char *const spelled[] = { "finance", "office", "workflow.", "effective",
                                         "staff",   "affluent", "flat." };
  for (gsize i = 0; i < G_N_ELEMENTS (spelled); i++)
    OK (find_word (page, spelled[i], 0) != NULL);
  INT_EQ (count_words (page, "office"), 2); /* ﬃ, and the font's own shaping */
  for (guint i = 0; i < page->words->len; i++)
    for (const char *p = word_of (page, i)->text; *p; p = g_utf8_next_char (p))
      OK (g_utf8_get_char (p) < 0xFB00 || g_utf8_get_char (p) > 0xFB4F);
  /* NFKC is for ligatures only: superscripts and fractions stay. */
  OK (find_word (page, "10²", 0) != NULL);
  OK (find_word (page, "½", 0) != NULL);
  /* The ligature's box is the glyph's: "ﬁnance" starts where "ﬁ" does. */
  const PsWord *w = find_word (page, "finance", 0);
  OK (w && w->box.x0 > 83 && w->box.x0 < 84);
}

static void
test_bullets (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDoc) doc = ingest ("bullets.pdf", NULL, &error);
  OK (doc != NULL);
  if (!doc)
    return;
  const PsPage *page = page_of (doc, 1);
  /* Six private-use bullets (Symbol, Wingdings, and one unknown opening
   * a line), each read as "•". */
  INT_EQ (count_words (page, "•"), 6);
  for (guint i = 0; i < page->words->len; i++)
    {
      const char *text = word_of (page, i)->text;
      gunichar c = g_utf8_get_char (text);
      OK (c < 0xF000 || c > 0xF0FF);
    }
  /* A private-use glyph inside a word is left as printed. */
  OK (find_word (page, "Icon\xee\x84\xa3inside", 0) != NULL);
  /* A bullet close to its text stays on the item's line; one set apart
   * (Poppler's own blocks) is a line of its own. */
  gboolean third = FALSE;
  for (guint i = 0; i < page->lines->len; i++)
    {
      g_autofree char *text = line_text (page, i);
      third |= strcmp (text, "• Third point uses an arrow") == 0;
    }
  OK (third);
}

static void
test_hyphenation (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDoc) doc = ingest ("hyphenation.pdf", NULL, &error);
  OK (doc != NULL);
  if (!doc)
    return;
  const PsPage *page = page_of (doc, 1);
  /* A soft hyphen at a line end: the word is whole, on the first line,
   * with the first half's box ("implemen­‐" in pdftotext -bbox). */
  const PsWord *w = find_word (page, "implementation", 0);
  OK (w && box_near (w->box, 96.352, 70.137, 152.367, 83.543, BOX_TOLERANCE));
  int careful = line_starting (page, "careful");
  OK (careful >= 0);
  if (careful >= 0)
    {
      g_autofree char *first = line_text (page, (guint) careful);
      g_autofree char *second = line_text (page, (guint) careful + 1);
      STR_EQ (first, "careful implementation");
      STR_EQ (second, "now.");
    }
  /* A hard hyphen at a line end joins but stays. */
  w = find_word (page, "well-being", 0);
  OK (w && box_near (w->box, 115.008, 109.137, 139.676, 122.543, BOX_TOLERANCE));
  OK (find_word (page, "being", 0) == NULL);
  OK (line_starting (page, "for") >= 0);
  /* Not joined: a capital after the hyphen, and a dash between words. */
  OK (find_word (page, "North-", 0) != NULL);
  OK (line_starting (page, "West") >= 0);
  OK (find_word (page, "-", 0) != NULL);
  OK (line_starting (page, "then") >= 0);
}

/* ---- failures ----------------------------------------------------------- */

static void
expect_error (const char *name, const PsIngestOptions *opts, int code, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDoc) doc = ingest (name, opts, &error);
  OK (doc == NULL);
  OK (error != NULL);
  if (!error)
    return;
  OK (g_error_matches (error, PS_INGEST_ERROR, code));
  if (message)
    STR_EQ (error->message, message);
  if (error->code != code)
    fprintf (stderr, "  %s: got \"%s\" (code %d)\n", name, error->message, error->code);
}

static void
test_encrypted (void)
{
  PsIngestOptions opts = { 0 };
  expect_error ("encrypted.pdf", &opts, PS_INGEST_ERROR_ENCRYPTED,
                "document is encrypted (give --password)");
  opts.password = "nope";
  expect_error ("encrypted.pdf", &opts, PS_INGEST_ERROR_ENCRYPTED, "wrong password");
  static const char *const passwords[] = { "user", "owner" };
  for (gsize i = 0; i < G_N_ELEMENTS (passwords); i++)
    {
      opts.password = passwords[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (PsDoc) doc = ingest ("encrypted.pdf", &opts, &error);
      OK (doc != NULL);
      if (!doc)
        continue;
      STR_EQ (doc->title, "Two Columns Fixture");
      OK (find_word (page_of (doc, 1), "Rightcolumn", 0) != NULL);
    }
  /* A password for a document that has none is ignored. */
  opts.password = "user";
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDoc) doc = ingest ("columns.pdf", &opts, &error);
  OK (doc != NULL);
}

static void
test_broken (void)
{
  expect_error ("truncated.pdf", NULL, PS_INGEST_ERROR_DAMAGED, NULL);
  expect_error ("garbage.pdf", NULL, PS_INGEST_ERROR_DAMAGED, NULL);
  expect_error ("zero_pages.pdf", NULL, PS_INGEST_ERROR_EMPTY, "PDF has no pages");
  PsIngestOptions opts = { 0 };
  opts.max_pages = 1;
  expect_error ("ruled_table.pdf", &opts, PS_INGEST_ERROR_LIMIT,
                "PDF has 2 pages, over the limit of 1");
  opts.max_pages = 2;
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDoc) doc = ingest ("ruled_table.pdf", &opts, &error);
  OK (doc != NULL);

  /* Damaged files say why, in Poppler's words. */
  g_autoptr (GError) damaged = NULL;
  g_autoptr (PsDoc) none = ingest ("truncated.pdf", NULL, &damaged);
  OK (damaged && g_str_has_prefix (damaged->message, "damaged PDF: "));

  /* Empty input, through the front door and straight to the reader. */
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr (GError) e1 = NULL;
  g_autoptr (PsDoc) d1 = ps_ingest_bytes (empty, "empty.pdf", NULL, &e1);
  OK (d1 == NULL && g_error_matches (e1, PS_INGEST_ERROR, PS_INGEST_ERROR_EMPTY));
  PsIngestOptions defaults = { 0 };
  g_autoptr (PsDoc) d2 = ps_doc_new ();
  g_autoptr (GError) e2 = NULL;
  OK (!ps_pdf_ingest (d2, empty, &defaults, &e2) && e2 != NULL);
  g_autoptr (GBytes) header = g_bytes_new_static ("%PDF-1.7\n", 9);
  g_autoptr (GError) e3 = NULL;
  g_autoptr (PsDoc) d3 = ps_ingest_bytes (header, "header.pdf", NULL, &e3);
  OK (d3 == NULL && g_error_matches (e3, PS_INGEST_ERROR, PS_INGEST_ERROR_DAMAGED));
}

static void damage_rounds (void);

/* Lines Poppler itself writes to stderr for a font it cannot load
 * (poppler-glib's cairo font engine, with no way to stop it). */
static const char *const poppler_noise[] = { "some font thing failed", "font type " };

/* Cut and damaged copies of a real PDF: each either fails with an error or
 * gives a model that passes ps_doc_check; none crashes.  Their stderr goes
 * to ingest_pdf_damage.stderr in the working directory (kept when a
 * sanitizer stops the test), and whatever is not Poppler's known noise is
 * shown after. */
static void
test_damage (void)
{
  fflush (stderr);
  int saved = dup (STDERR_FILENO);
  int log = open ("ingest_pdf_damage.stderr", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (saved >= 0 && log >= 0)
    dup2 (log, STDERR_FILENO);
  damage_rounds ();
  fflush (stderr);
  if (saved >= 0 && log >= 0)
    {
      dup2 (saved, STDERR_FILENO);
      close (log);
    }
  if (saved >= 0)
    close (saved);
  g_autofree char *text = NULL;
  if (!g_file_get_contents ("ingest_pdf_damage.stderr", &text, NULL, NULL))
    return;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l; l++)
    {
      gboolean known = **l == '\0';
      for (gsize i = 0; i < G_N_ELEMENTS (poppler_noise); i++)
        known |= g_str_has_prefix (*l, poppler_noise[i]);
      if (!known)
        fprintf (stderr, "damaged input wrote: %s\n", *l);
    }
  unlink ("ingest_pdf_damage.stderr");
}

static void
damage_rounds (void)
{
  g_autofree char *path = fixture ("ruled_table.libreoffice.pdf");
  g_autofree char *data = NULL;
  gsize len = 0;
  OK (g_file_get_contents (path, &data, &len, NULL));
  if (!data)
    return;
  guint32 seed = 12345;
  for (int round = 0; round < 24; round++)
    {
      g_autofree char *copy = g_malloc (len);
      memcpy (copy, data, len);
      gsize n = len;
      if (round % 3 == 0)
        n = len * (gsize) (round + 1) / 26; /* cut short */
      else
        for (int k = 0; k < 16 * round; k++)
          {
            seed = seed * 1103515245u + 12345u; /* deterministic damage */
            copy[(seed >> 8) % len] = (char) (seed >> 24);
          }
      g_autoptr (GBytes) bytes = g_bytes_new (copy, n);
      g_autoptr (GError) error = NULL;
      g_autoptr (PsDoc) doc = ps_ingest_bytes (bytes, "damaged.pdf", NULL, &error);
      OK (doc != NULL || error != NULL);
      if (doc)
        {
          g_autoptr (GError) check = NULL;
          OK (ps_doc_check (doc, &check));
        }
    }
}

/* Only cli/ writes to stderr: reading the fixtures, broken ones included,
 * prints nothing. */
static void
test_silent (void)
{
  static const char *const files[] = { "ruled_table.pdf", "truncated.pdf", "garbage.pdf",
                                       "zero_pages.pdf",  "encrypted.pdf", "bullets.pdf" };
  fflush (stderr);
  int saved = dup (STDERR_FILENO);
  g_autofree char *tmp = NULL;
  int fd = g_file_open_tmp ("test-ingest-pdf-XXXXXX", &tmp, NULL);
  OK (saved >= 0 && fd >= 0);
  if (saved < 0 || fd < 0)
    return;
  dup2 (fd, STDERR_FILENO);
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      GError *error = NULL;
      PsDoc *doc = ingest (files[i], NULL, &error);
      ps_doc_free (doc);
      g_clear_error (&error);
    }
  fflush (stderr);
  dup2 (saved, STDERR_FILENO);
  close (saved);
  struct stat st;
  OK (fstat (fd, &st) == 0 && st.st_size == 0);
  close (fd);
  unlink (tmp);
}

int
main (int argc, char **argv)
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: test_ingest_pdf FIXTURE_DIR\n");
      return 2;
    }
  fixtures = argv[1];
  /* Poppler's diagnostics are debug messages; keep them quiet whatever the
   * environment asks. */
  g_unsetenv ("G_MESSAGES_DEBUG");
  test_ruled_table ();
  test_ruled_table_libreoffice ();
  test_no_graphics ();
  test_borderless ();
  test_rotated ();
  test_rotations ();
  test_rotation_per_page ();
  test_columns ();
  test_ligatures ();
  test_bullets ();
  test_hyphenation ();
  test_encrypted ();
  test_broken ();
  test_damage ();
  test_silent ();
  return harness_done ("test_ingest_pdf");
}
