/* test_layout.c — a PDF's pages as blocks: ruled and borderless tables,
 * furniture, headings, regions; on pages built with the model API and on
 * the PDF fixtures (their sources are under tests/fixtures/pdf/src). */
#include <math.h>
#include <string.h>

#include "harness.h"
#include "ps_extract.h"
#include "ps_ingest.h"

/* ---- building pages ------------------------------------------------------ */

static PsDoc *
new_pdf (void)
{
  PsDoc *doc = ps_doc_new ();
  doc->source = ps_doc_strdup (doc, "test.pdf");
  doc->format = PS_FORMAT_PDF;
  return doc;
}

/* A line of text at (x, y), the top of its box: words spaced as a sans
 * font of this size would set them (half an em a letter, a quarter em a
 * space). */
static void
add_line (PsDoc *doc, PsPage *page, double x, double y, double size, guint flags, const char *text)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  PsLine line = { { x, y, x, y + size * 1.15 }, page->words->len, 0 };
  for (char **w = words; *w; w++)
    {
      if (!**w)
        continue;
      double width = 0.5 * size * g_utf8_strlen (*w, -1);
      PsWord word = { ps_doc_strdup (doc, *w), { x, y, x + width, y + size * 1.15 }, NULL, size,
                      flags, PS_COLOUR_RGB (0, 0, 0) };
      g_array_append_val (page->words, word);
      line.box.x1 = x + width;
      line.n_words++;
      x += width + 0.25 * size;
    }
  g_array_append_val (page->lines, line);
}

static void
add_hrule (PsPage *page, double x0, double x1, double y)
{
  PsRuling r = { PS_RULING_HORIZONTAL, x0, y, x1, y, 0.75, PS_COLOUR_RGB (0, 0, 0) };
  g_array_append_val (page->rulings, r);
}

static void
add_vrule (PsPage *page, double x, double y0, double y1)
{
  PsRuling r = { PS_RULING_VERTICAL, x, y0, x, y1, 0.75, PS_COLOUR_RGB (0, 0, 0) };
  g_array_append_val (page->rulings, r);
}

static void
add_fill (PsPage *page, double x0, double y0, double x1, double y1, PsColour colour)
{
  PsFill f = { { x0, y0, x1, y1 }, colour };
  g_array_append_val (page->fills, f);
}

/* ---- reading blocks ---------------------------------------------------- */

static const PsBlock *
nth_block (const PsDoc *layout, PsBlockKind kind, guint n)
{
  for (guint i = 0; i < layout->blocks->len; i++)
    {
      const PsBlock *b = g_ptr_array_index (layout->blocks, i);
      if (b->kind == kind && n-- == 0)
        return b;
    }
  return NULL;
}

static guint
count_blocks (const PsDoc *layout, PsBlockKind kind)
{
  guint n = 0;
  for (guint i = 0; i < layout->blocks->len; i++)
    n += ((const PsBlock *) g_ptr_array_index (layout->blocks, i))->kind == kind;
  return n;
}

static const char *
cell_text (const PsBlock *b, guint row, guint col)
{
  const PsCell *c = b && b->table ? ps_table_cell_at (b->table, row, col) : NULL;
  return c ? c->text : NULL;
}

static const PsCell *
cell (const PsBlock *b, guint row, guint col)
{
  return b && b->table ? ps_table_cell_at (b->table, row, col) : NULL;
}

static gboolean
has_text (const PsDoc *layout, const char *needle)
{
  for (guint i = 0; i < layout->blocks->len; i++)
    {
      const PsBlock *b = g_ptr_array_index (layout->blocks, i);
      if (strstr (b->text, needle))
        return TRUE;
      for (guint k = 0; b->table && k < b->table->cells->len; k++)
        if (strstr (g_array_index (b->table->cells, PsCell, k).text, needle))
          return TRUE;
    }
  return FALSE;
}

static PsDoc *
layout_of (const PsDoc *doc, const PsExtractOptions *opts)
{
  g_autoptr (GError) error = NULL;
  PsDoc *layout = ps_extract_layout (doc, opts, &error);
  OK (layout != NULL);
  g_autoptr (GError) check = NULL;
  OK (layout && ps_doc_check (layout, &check));
  if (check)
    fprintf (stderr, "check: %s\n", check->message);
  return layout;
}

/* ---- ruled tables ------------------------------------------------------- */

/* A 3x3 grid whose first row is one cell across the first two columns,
 * rulings that stop short of each other and a double line under the
 * header; a cell of two wrapped lines; a shaded cell. */
static void
test_lattice_spans (void)
{
  g_autoptr (PsDoc) doc = new_pdf ();
  PsPage *page = ps_doc_add_page (doc, 600, 800, 0);
  double xs[] = { 50, 200, 350, 500 }, ys[] = { 100, 130, 133, 190, 230 };
  /* Horizontals (the double line at 130/133), 2pt short at the ends. */
  for (guint i = 0; i < G_N_ELEMENTS (ys); i++)
    add_hrule (page, xs[0] + 2, xs[3] - 2, ys[i]);
  /* Outer verticals full height; the inner ones, but the first stops at
   * the header so the header's first cell spans two columns. */
  add_vrule (page, xs[0], ys[0], ys[4]);
  add_vrule (page, xs[3], ys[0], ys[4]);
  add_vrule (page, xs[1], ys[1], ys[4] - 2);
  add_vrule (page, xs[2], ys[0] + 2, ys[4]);
  add_line (doc, page, 55, 105, 10, PS_TEXT_BOLD, "Recommendation and response");
  add_line (doc, page, 355, 105, 10, PS_TEXT_BOLD, "Owner");
  add_line (doc, page, 55, 140, 10, 0, "R1");
  add_line (doc, page, 205, 140, 10, 0, "Publish a medium term");
  add_line (doc, page, 205, 152, 10, 0, "financial strategy");
  add_line (doc, page, 355, 140, 10, 0, "Chief Executive");
  add_line (doc, page, 55, 195, 10, 0, "R2");
  add_line (doc, page, 205, 195, 10, 0, "Agree a workforce plan");
  add_line (doc, page, 355, 195, 10, 0, "Complete");
  add_fill (page, 351, 191, 499, 229, PS_COLOUR_RGB (0x00, 0xb0, 0x50));

  g_autoptr (PsDoc) layout = layout_of (doc, NULL);
  INT_EQ (count_blocks (layout, PS_BLOCK_TABLE), 1);
  const PsBlock *t = nth_block (layout, PS_BLOCK_TABLE, 0);
  OK (t && t->table);
  if (!t || !t->table)
    return;
  INT_EQ (t->table->n_rows, 3);
  INT_EQ (t->table->n_cols, 3);
  const PsCell *head = cell (t, 0, 0);
  OK (head && head->colspan == 2 && head->rowspan == 1);
  STR_EQ (cell_text (t, 0, 0), "Recommendation and response");
  OK (head && (head->flags & PS_TEXT_BOLD));
  STR_EQ (cell_text (t, 0, 2), "Owner");
  /* Wrapped lines of one cell are one text, joined as a sentence. */
  STR_EQ (cell_text (t, 1, 1), "Publish a medium term financial strategy");
  STR_EQ (cell_text (t, 2, 2), "Complete");
  const PsCell *done = cell (t, 2, 2);
  OK (done && done->fill.g == 0xb0 && done->fill.a == 255);
  OK (done && done->page == 1 && done->box.x0 >= 349 && done->box.x1 <= 501);
  INT_EQ (t->page, 1);
}

/* A heading row spanning a ruled table, with the column rulings of the
 * rows below drawn on through its text (as ingest reports them when glyphs
 * hide the pixels), and an underline under a word in a cell. */
static void
test_lattice_spurious_rulings (void)
{
  g_autoptr (PsDoc) doc = new_pdf ();
  PsPage *page = ps_doc_add_page (doc, 600, 800, 0);
  double xs[] = { 50, 120, 300, 500 }, ys[] = { 100, 125, 160, 200 };
  for (guint i = 0; i < G_N_ELEMENTS (ys); i++)
    add_hrule (page, xs[0], xs[3], ys[i]);
  for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
    add_vrule (page, xs[i], ys[0], ys[3]);
  add_line (doc, page, 55, 106, 10, PS_TEXT_BOLD,
            "Governance and decision making across the council and its committees");
  add_line (doc, page, 55, 130, 10, 0, "1.1");
  add_line (doc, page, 125, 130, 10, 0, "Review the constitution");
  add_line (doc, page, 305, 130, 10, 0, "Monitoring Officer");
  add_hrule (page, 305, 305 + 9 * 5 + 2.5, 130 + 11.2); /* underline of "Monitoring" */
  add_line (doc, page, 55, 165, 10, 0, "1.2");
  add_line (doc, page, 125, 165, 10, 0, "Train all members");
  add_line (doc, page, 305, 165, 10, 0, "Head of Legal");

  g_autoptr (PsDoc) layout = layout_of (doc, NULL);
  const PsBlock *t = nth_block (layout, PS_BLOCK_TABLE, 0);
  OK (t && t->table);
  if (!t || !t->table)
    return;
  INT_EQ (t->table->n_rows, 3);
  INT_EQ (t->table->n_cols, 3);
  const PsCell *head = cell (t, 0, 0);
  OK (head && head->colspan == 3);
  STR_EQ (cell_text (t, 0, 0), "Governance and decision making across the council and its committees");
  STR_EQ (cell_text (t, 1, 2), "Monitoring Officer");
  STR_EQ (cell_text (t, 2, 1), "Train all members");
}

/* Pieces of one ruled table on two pages, the header repeated: one block,
 * rows appended, the repeated header kept in place. */
static void
test_continued_table (void)
{
  g_autoptr (PsDoc) doc = new_pdf ();
  for (int p = 0; p < 2; p++)
    {
      PsPage *page = ps_doc_add_page (doc, 600, 800, 0);
      double xs[] = { 50, 120, 500 }, ys[] = { 60, 85, 120, 155 };
      for (guint i = 0; i < G_N_ELEMENTS (ys); i++)
        add_hrule (page, xs[0], xs[2], ys[i]);
      for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
        add_vrule (page, xs[i], ys[0], ys[3]);
      add_line (doc, page, 55, 65, 10, PS_TEXT_BOLD, "Ref");
      add_line (doc, page, 125, 65, 10, PS_TEXT_BOLD, "Action");
      for (int r = 0; r < 2; r++)
        {
          char ref[8];
          g_snprintf (ref, sizeof ref, "%d", p * 2 + r + 1);
          add_line (doc, page, 55, 90 + 35 * r, 10, 0, ref);
          add_line (doc, page, 125, 90 + 35 * r, 10, 0, "Agree the plan with members");
        }
      char footer[32];
      g_snprintf (footer, sizeof footer, "Page %d of 2", p + 1);
      add_line (doc, page, 280, 770, 9, 0, footer);
    }
  g_autoptr (PsDoc) layout = layout_of (doc, NULL);
  INT_EQ (count_blocks (layout, PS_BLOCK_TABLE), 1);
  const PsBlock *t = nth_block (layout, PS_BLOCK_TABLE, 0);
  OK (t && t->table && t->table->n_rows == 6 && t->table->n_cols == 2);
  STR_EQ (cell_text (t, 3, 1), "Action");
  STR_EQ (cell_text (t, 5, 0), "4");
  const PsCell *last = cell (t, 5, 0);
  OK (last && last->page == 2);
  OK (!has_text (layout, "Page 1 of 2"));
}

/* ---- borderless tables -------------------------------------------------- */

/* Four columns without rulings; rows set apart by padding, one with a
 * cell wrapped over three lines; a heading above and a paragraph below. */
static void
test_stream_wrapped (void)
{
  g_autoptr (PsDoc) doc = new_pdf ();
  PsPage *page = ps_doc_add_page (doc, 800, 600, 0);
  add_line (doc, page, 40, 40, 16, PS_TEXT_BOLD, "Key Recommendations");
  double col[] = { 40, 240, 520, 660 };
  add_line (doc, page, col[0], 80, 10, PS_TEXT_BOLD, "Recommendation");
  add_line (doc, page, col[1], 80, 10, PS_TEXT_BOLD, "Response");
  add_line (doc, page, col[2], 80, 10, PS_TEXT_BOLD, "Lead Officer");
  add_line (doc, page, col[3], 80, 10, PS_TEXT_BOLD, "Timescale");
  double y = 104;
  /* Each line as long as fits: the next one's first word would not. */
  add_line (doc, page, col[0], y, 10, 0, "Pause and reflect on the shared service");
  add_line (doc, page, col[0], y + 12, 10, 0, "journey to date");
  add_line (doc, page, col[1], y, 10, 0, "As a management team we will take more time to celebrate our");
  add_line (doc, page, col[1], y + 12, 10, 0, "successes with staff at briefings every");
  add_line (doc, page, col[1], y + 24, 10, 0, "month");
  add_line (doc, page, col[2], y, 10, 0, "Alex Morgan");
  add_line (doc, page, col[3], y, 10, 0, "September 2018");
  y += 50;
  add_line (doc, page, col[0], y, 10, 0, "Spend more time together");
  add_line (doc, page, col[1], y, 10, 0, "Joint meetings of the leaders");
  add_line (doc, page, col[2], y, 10, 0, "Leaders");
  add_line (doc, page, col[3], y, 10, 0, "Ongoing");
  y += 26;
  add_line (doc, page, col[0], y, 10, 0, "Create space for partners");
  add_line (doc, page, col[1], y, 10, 0, "Discussions with partners");
  add_line (doc, page, col[2], y, 10, 0, "Sam Patel");
  add_line (doc, page, col[3], y, 10, 0, "December 2018");
  add_line (doc, page, 40, y + 60, 10, 0,
            "All recommendations will be reviewed by the Audit Committee every six months.");

  g_autoptr (PsDoc) layout = layout_of (doc, NULL);
  INT_EQ (count_blocks (layout, PS_BLOCK_TABLE), 1);
  const PsBlock *t = nth_block (layout, PS_BLOCK_TABLE, 0);
  OK (t && t->table);
  if (!t || !t->table)
    return;
  INT_EQ (t->table->n_cols, 4);
  INT_EQ (t->table->n_rows, 4);
  STR_EQ (cell_text (t, 0, 2), "Lead Officer");
  STR_EQ (cell_text (t, 1, 0), "Pause and reflect on the shared service journey to date");
  STR_EQ (cell_text (t, 1, 1), "As a management team we will take more time to celebrate our "
                               "successes with staff at briefings every\nmonth");
  STR_EQ (cell_text (t, 3, 3), "December 2018");
  const PsBlock *h = nth_block (layout, PS_BLOCK_HEADING, 0);
  STR_EQ (h ? h->text : NULL, "Key Recommendations");
  const PsBlock *para = nth_block (layout, PS_BLOCK_PARAGRAPH, 0);
  OK (para && g_str_has_prefix (para->text, "All recommendations"));
  /* Reading order: heading, table, paragraph. */
  OK (layout->blocks->len == 3 && g_ptr_array_index (layout->blocks, 1) == t);
}

/* A narrow column whose first line holds one short word: the next word
 * would have fitted in the gutter before the next column's text, but not
 * within the column's widest line, so the line wrapped and the cell reads
 * as one phrase. */
static void
test_stream_gutter_wrap (void)
{
  g_autoptr (PsDoc) doc = new_pdf ();
  PsPage *page = ps_doc_add_page (doc, 600, 400, 0);
  double col[] = { 40, 200, 290 };
  add_line (doc, page, col[0], 40, 10, PS_TEXT_BOLD, "Action");
  add_line (doc, page, col[1], 40, 10, PS_TEXT_BOLD, "Lead");
  add_line (doc, page, col[2], 40, 10, PS_TEXT_BOLD, "Due");
  add_line (doc, page, col[0], 66, 10, 0, "Introduce an appointment system");
  add_line (doc, page, col[0], 78, 10, 0, "for repairs");
  add_line (doc, page, col[1], 66, 10, 0, "Repairs");
  add_line (doc, page, col[1], 78, 10, 0, "Contract Manager");
  add_line (doc, page, col[2], 66, 10, 0, "March 2025");
  add_line (doc, page, col[0], 104, 10, 0, "Complete more repairs first time");
  add_line (doc, page, col[1], 104, 10, 0, "Head of Housing");
  add_line (doc, page, col[0], 116, 10, 0, "with parts");
  add_line (doc, page, col[2], 104, 10, 0, "June 2025");
  add_line (doc, page, col[0], 142, 10, 0, "Publish a guide");
  add_line (doc, page, col[0], 154, 10, 0, "for tenants");
  add_line (doc, page, col[1], 142, 10, 0, "Tenant Manager");
  add_line (doc, page, col[2], 142, 10, 0, "May 2025");

  g_autoptr (PsDoc) layout = layout_of (doc, NULL);
  const PsBlock *t = nth_block (layout, PS_BLOCK_TABLE, 0);
  OK (t && t->table);
  if (!t || !t->table)
    return;
  INT_EQ (t->table->n_cols, 3);
  INT_EQ (t->table->n_rows, 4);
  STR_EQ (cell_text (t, 1, 0), "Introduce an appointment system for repairs");
  STR_EQ (cell_text (t, 1, 1), "Repairs Contract Manager");
  STR_EQ (cell_text (t, 2, 1), "Head of Housing");
}

/* Justified prose has wide word spaces too, and a bulleted list a column
 * of bullets: neither is a table. */
static void
test_stream_not_tables (void)
{
  g_autoptr (PsDoc) doc = new_pdf ();
  PsPage *page = ps_doc_add_page (doc, 600, 800, 0);
  static const char *const prose[] = {
    "The   council   agreed   a   plan   in   March   and",
    "set  up  a  board  to   oversee   it   and   report",
    "to cabinet every quarter  on  progress  against  its",
    "targets  and  the  savings  it  has   found   so   far",
  };
  for (guint i = 0; i < G_N_ELEMENTS (prose); i++)
    {
      /* Spaces stretched at different places in each line. */
      g_auto (GStrv) words = g_strsplit (prose[i], " ", -1);
      double x = 50;
      PsLine line = { { 50, 100 + 13 * i, 50, 100 + 13 * i + 11.5 }, page->words->len, 0 };
      for (char **w = words; *w; w++)
        {
          if (!**w)
            {
              x += 3;
              continue;
            }
          double width = 5.0 * g_utf8_strlen (*w, -1);
          PsWord word = { ps_doc_strdup (doc, *w), { x, line.box.y0, x + width, line.box.y1 },
                          NULL, 10, 0, PS_COLOUR_RGB (0, 0, 0) };
          g_array_append_val (page->words, word);
          line.n_words++;
          line.box.x1 = x + width;
          x += width + 2.5;
        }
      g_array_append_val (page->lines, line);
    }
  for (int i = 0; i < 4; i++)
    {
      add_line (doc, page, 60, 200 + 14 * i, 10, 0, "\xe2\x80\xa2");
      add_line (doc, page, 75, 200 + 14 * i, 10, 0, "A point of the list that runs on");
    }
  g_autoptr (PsDoc) layout = layout_of (doc, NULL);
  INT_EQ (count_blocks (layout, PS_BLOCK_TABLE), 0);
  INT_EQ (count_blocks (layout, PS_BLOCK_LIST_ITEM), 4);
}

/* ---- furniture, headings -------------------------------------------------- */

static void
test_furniture_and_headings (void)
{
  g_autoptr (PsDoc) doc = new_pdf ();
  for (int p = 0; p < 3; p++)
    {
      PsPage *page = ps_doc_add_page (doc, 600, 800, 0);
      add_line (doc, page, 50, 20, 8, 0, "Improvement Plan Annual Report 2024");
      if (p == 0)
        add_line (doc, page, 50, 80, 20, PS_TEXT_BOLD, "Improvement Plan");
      add_line (doc, page, 50, 120, 13, PS_TEXT_BOLD, "Governance");
      add_line (doc, page, 50, 140, 10, 0, "The board met twice and agreed the plan.");
      add_line (doc, page, 50, 160, 10, PS_TEXT_BOLD, "Next steps");
      add_line (doc, page, 50, 180, 10, 0, "The plan goes to cabinet in June.");
      add_line (doc, page, 440, 200, 10, 0, "Continues over the page");
      char number[8];
      g_snprintf (number, sizeof number, "%d", p + 1);
      add_line (doc, page, 300, 770, 9, 0, number);
    }
  g_autoptr (PsDoc) layout = layout_of (doc, NULL);
  OK (!has_text (layout, "Annual Report"));
  OK (!has_text (layout, "Continues over the page"));
  for (guint i = 0; i < layout->blocks->len; i++)
    {
      const PsBlock *b = g_ptr_array_index (layout->blocks, i);
      OK (strcmp (b->text, "1") != 0 && strcmp (b->text, "2") != 0);
    }
  const PsBlock *title = nth_block (layout, PS_BLOCK_HEADING, 0);
  OK (title && strcmp (title->text, "Improvement Plan") == 0 && title->level == 1);
  const PsBlock *section = nth_block (layout, PS_BLOCK_HEADING, 1);
  OK (section && strcmp (section->text, "Governance") == 0 && section->level == 2);
  /* A short bold line in body size is a bold paragraph (extract reads it
   * as a heading). */
  const PsBlock *next = nth_block (layout, PS_BLOCK_PARAGRAPH, 1);
  OK (next && strcmp (next->text, "Next steps") == 0 && (next->flags & PS_TEXT_BOLD));
  OK (next && next->page == 1 && next->size > 9 && next->box.y0 >= 159);
}

/* ---- regions -------------------------------------------------------------- */

static void
test_regions (void)
{
  g_autoptr (PsDoc) doc = new_pdf ();
  PsPage *page = ps_doc_add_page (doc, 600, 800, 0);
  add_line (doc, page, 50, 50, 10, 0, "Text above the table that is not part of it.");
  add_line (doc, page, 100, 100, 10, 0, "Country");
  add_line (doc, page, 250, 100, 10, 0, "2001");
  add_line (doc, page, 350, 100, 10, 0, "2005");
  add_line (doc, page, 100, 115, 10, 0, "Finland");
  add_line (doc, page, 250, 115, 10, 0, "3.7");
  add_line (doc, page, 350, 115, 10, 0, "1.6");
  add_line (doc, page, 100, 130, 10, 0, "Sweden");
  add_line (doc, page, 250, 130, 10, 0, "4.1");
  add_line (doc, page, 350, 130, 10, 0, "2.2");
  PsRegion region = { 1, { 95, 95, 400, 145 } };
  PsExtractOptions opts = { &region, 1 };
  g_autoptr (PsDoc) layout = layout_of (doc, &opts);
  INT_EQ (layout->blocks->len, 1);
  const PsBlock *t = nth_block (layout, PS_BLOCK_TABLE, 0);
  OK (t && t->table && t->table->n_rows == 3 && t->table->n_cols == 3);
  STR_EQ (cell_text (t, 2, 2), "2.2");
  OK (!has_text (layout, "Text above"));
  /* A region with no words gives no table, and a region on a page the
   * document lacks is skipped. */
  PsRegion none[] = { { 1, { 10, 500, 50, 550 } }, { 9, { 0, 0, 10, 10 } } };
  PsExtractOptions opts2 = { none, 2 };
  g_autoptr (PsDoc) empty = layout_of (doc, &opts2);
  INT_EQ (empty->blocks->len, 0);
}

/* ---- hostile input ---------------------------------------------------------- */

/* Thousands of rulings crossing everywhere, words on top of each other,
 * boxes outside the page and NaN: no crash, and it stays fast. */
static void
test_hostile (void)
{
  g_autoptr (PsDoc) doc = new_pdf ();
  PsPage *page = ps_doc_add_page (doc, 600, 800, 0);
  GRand *rand = g_rand_new_with_seed (7);
  for (int i = 0; i < 6000; i++)
    {
      double a = g_rand_double_range (rand, -10, 810), b = g_rand_double_range (rand, -10, 810);
      double c = g_rand_double_range (rand, -10, 810);
      if (i % 2)
        add_hrule (page, MIN (a, b), MAX (a, b), c);
      else
        add_vrule (page, c, MIN (a, b), MAX (a, b));
    }
  for (int i = 0; i < 4000; i++)
    {
      double x = g_rand_double_range (rand, 0, 580), y = g_rand_double_range (rand, 0, 780);
      add_line (doc, page, x, y, g_rand_double_range (rand, 1, 30), 0, "word word word");
    }
  PsWord bad = { ps_doc_strdup (doc, "nan"), { NAN, 0, 1, 1 }, NULL, NAN, 0, PS_COLOUR_NONE };
  PsLine line = { { 0, 0, 1, 1 }, page->words->len, 1 };
  g_array_append_val (page->words, bad);
  g_array_append_val (page->lines, line);
  PsRuling nan_rule = { PS_RULING_VERTICAL, NAN, 0, NAN, 10, 1, PS_COLOUR_NONE };
  g_array_append_val (page->rulings, nan_rule);
  for (int i = 0; i < 500; i++)
    add_fill (page, g_rand_double_range (rand, 0, 590), g_rand_double_range (rand, 0, 790),
              g_rand_double_range (rand, 0, 600), g_rand_double_range (rand, 0, 800),
              PS_COLOUR_RGB (200, 10, 10));
  g_rand_free (rand);
  gint64 start = g_get_monotonic_time ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDoc) layout = ps_extract_layout (doc, NULL, &error);
  OK (layout != NULL);
  /* Generous, for sanitizer builds: the point is no blow-up. */
  OK (g_get_monotonic_time () - start < 60 * G_USEC_PER_SEC);
  g_autoptr (PsItemList) items = ps_extract (doc, NULL, &error);
  OK (items != NULL);
}

/* An empty document and pages without words. */
static void
test_empty (void)
{
  g_autoptr (PsDoc) doc = new_pdf ();
  g_autoptr (PsDoc) none = layout_of (doc, NULL);
  INT_EQ (none->blocks->len, 0);
  PsPage *page = ps_doc_add_page (doc, 600, 800, 0);
  add_hrule (page, 10, 100, 50);
  add_vrule (page, 10, 50, 100);
  g_autoptr (PsDoc) bare = layout_of (doc, NULL);
  INT_EQ (bare->blocks->len, 0);
}

/* ---- the PDF fixtures -------------------------------------------------------- */

static PsDoc *
fixture (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  PsDoc *doc = ps_ingest_file (path, NULL, &error);
  OK (doc != NULL);
  if (error)
    fprintf (stderr, "%s: %s\n", path, error->message);
  return doc;
}

/* tests/fixtures/pdf/src/ruled_table.html: a header of grey cells, 36
 * numbered rows, a status column coloured green, amber and red; printed
 * by Chromium and converted by LibreOffice. */
static void
test_fixture_ruled (const char *dir, const char *name)
{
  g_autoptr (PsDoc) doc = fixture (dir, name);
  if (!doc)
    return;
  g_autoptr (PsDoc) layout = layout_of (doc, NULL);
  const PsBlock *h = nth_block (layout, PS_BLOCK_HEADING, 0);
  STR_EQ (h ? h->text : NULL, "Improvement Plan Actions");
  OK (h && h->level == 1);
  const PsBlock *t = nth_block (layout, PS_BLOCK_TABLE, 0);
  OK (t && t->table);
  if (!t || !t->table)
    return;
  INT_EQ (t->table->n_cols, 5);
  /* The header, and 36 rows over two pages (the header repeated). */
  guint rows = 0, headers = 0;
  for (guint r = 0; r < t->table->n_rows; r++)
    {
      const char *ref = cell_text (t, r, 0);
      if (ref && strcmp (ref, "Ref") == 0)
        headers++;
      else if (ref && *ref)
        rows++;
    }
  INT_EQ (rows, 36);
  OK (headers >= 1);
  STR_EQ (cell_text (t, 0, 1), "Action");
  const PsCell *head = cell (t, 0, 4);
  OK (head && head->fill.r == 0xd9 && head->fill.g == 0xd9 && (head->flags & PS_TEXT_BOLD));
  STR_EQ (cell_text (t, 1, 0), "1");
  STR_EQ (cell_text (t, 1, 1),
          "Review the constitution and the scheme of delegation so that decision making is "
          "clear and timely.");
  STR_EQ (cell_text (t, 1, 2), "Chief Executive");
  STR_EQ (cell_text (t, 3, 3), "Q3 2024/25");
  const PsCell *green = cell (t, 1, 4), *amber = cell (t, 2, 4), *red = cell (t, 3, 4);
  STR_EQ (green ? green->text : NULL, "Complete");
  OK (green && green->fill.r == 0x00 && green->fill.g == 0xb0 && green->fill.b == 0x50);
  OK (amber && amber->fill.r == 0xff && amber->fill.g == 0xc0 && amber->fill.b == 0x00);
  OK (red && red->fill.r == 0xff && red->fill.g == 0x00 && red->fill.b == 0x00);
}

/* tests/fixtures/pdf/src/borderless.html: four columns, no rulings, a
 * paragraph after the table. */
static void
test_fixture_borderless (const char *dir)
{
  g_autoptr (PsDoc) doc = fixture (dir, "borderless.pdf");
  if (!doc)
    return;
  g_autoptr (PsDoc) layout = layout_of (doc, NULL);
  const PsBlock *t = nth_block (layout, PS_BLOCK_TABLE, 0);
  OK (t && t->table);
  if (!t || !t->table)
    return;
  INT_EQ (t->table->n_rows, 5);
  INT_EQ (t->table->n_cols, 4);
  STR_EQ (cell_text (t, 0, 0), "No.");
  STR_EQ (cell_text (t, 0, 3), "Target date");
  STR_EQ (cell_text (t, 2, 1), "Invest in the capacity of the corporate centre.");
  STR_EQ (cell_text (t, 4, 2), "Head of Communications");
  STR_EQ (cell_text (t, 4, 3), "2024/25");
  const PsBlock *para = nth_block (layout, PS_BLOCK_PARAGRAPH, 0);
  STR_EQ (para ? para->text : NULL, "All recommendations will be reviewed by the Audit Committee.");
  const PsBlock *h = nth_block (layout, PS_BLOCK_HEADING, 0);
  STR_EQ (h ? h->text : NULL, "Actions Without Borders");
}

/* tests/fixtures/pdf/src/columns.html: text set in two columns is read
 * column by column, not as a table. */
static void
test_fixture_columns (const char *dir)
{
  g_autoptr (PsDoc) doc = fixture (dir, "columns.pdf");
  if (!doc)
    return;
  g_autoptr (PsDoc) layout = layout_of (doc, NULL);
  INT_EQ (count_blocks (layout, PS_BLOCK_TABLE), 0);
  const PsBlock *first = nth_block (layout, PS_BLOCK_PARAGRAPH, 0);
  OK (first && g_str_has_prefix (first->text, "Leftcolumn opens"));
}

int
main (int argc, char **argv)
{
  ps_extract_init ();
  test_lattice_spans ();
  test_lattice_spurious_rulings ();
  test_continued_table ();
  test_stream_wrapped ();
  test_stream_gutter_wrap ();
  test_stream_not_tables ();
  test_furniture_and_headings ();
  test_regions ();
  test_empty ();
  test_hostile ();
  if (argc > 1)
    {
      test_fixture_ruled (argv[1], "ruled_table.pdf");
      test_fixture_ruled (argv[1], "ruled_table.libreoffice.pdf");
      test_fixture_borderless (argv[1]);
      test_fixture_columns (argv[1]);
    }
  return harness_done ("test_layout");
}
