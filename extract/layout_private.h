/* layout_private.h — shared by the PDF layout files of extract/ (layout*.c,
 * tables_ruled.c, tables_stream.c, furniture.c) only.
 *
 * Layout turns a page's words, rulings and fills into blocks.  Every word of
 * a page is in one state: free (still to be placed), furniture (dropped), or
 * taken by a table.  Ruled tables are found first, then page furniture is
 * dropped, then borderless tables are found among the free words, and what
 * stays free becomes headings, paragraphs and list items. */
#ifndef PS_LAYOUT_PRIVATE_H
#define PS_LAYOUT_PRIVATE_H

#include "extract_private.h"

/* What has become of a word. */
enum
{
  WORD_FREE = 0,
  WORD_FURNITURE,
  WORD_TABLE,
  WORD_BAD, /* unusable geometry or no text: never placed */
};

typedef struct WordIndex WordIndex;

/* A page being laid out. */
typedef struct
{
  const PsPage *page;
  guint8 *state;      /* one per page->words, WORD_* (owned) */
  double body_size;   /* the document's body text size (points) */
  GPtrArray *tables;  /* PsBlock* of this page's tables (transfer none) */
  GPtrArray *texts;   /* PsBlock* of its text blocks, in reading order */
  WordIndex *index;   /* where the words are (owned) */
} LayoutPage;

/* A grid of buckets over the page, so that finding the words in a box
 * costs the words near it, not all the page's (layout_table.c). */
WordIndex *ps_word_index_new (const LayoutPage *lp);
void ps_word_index_free (WordIndex *index);

/* The words (of any state but WORD_BAD) whose box meets box, in index
 * order, appended to out (guint). */
void ps_word_index_query (WordIndex *index, const PsBox *box, GArray *out);

/* ---- geometry ------------------------------------------------------------ */

static inline double
box_cx (const PsBox *b)
{
  return (b->x0 + b->x1) / 2;
}

static inline double
box_cy (const PsBox *b)
{
  return (b->y0 + b->y1) / 2;
}

static inline gboolean
box_contains_point (const PsBox *b, double x, double y)
{
  return x >= b->x0 && x <= b->x1 && y >= b->y0 && y <= b->y1;
}

static inline PsBox
box_union (PsBox a, PsBox b)
{
  return (PsBox){ MIN (a.x0, b.x0), MIN (a.y0, b.y0), MAX (a.x1, b.x1), MAX (a.y1, b.y1) };
}

/* Overlap of [a0,a1] and [b0,b1]; negative when apart. */
static inline double
overlap_1d (double a0, double a1, double b0, double b1)
{
  return MIN (a1, b1) - MAX (a0, b0);
}

static inline const PsWord *
page_word (const PsPage *page, guint i)
{
  return &g_array_index (page->words, PsWord, i);
}

/* A word's size: its font size, or its box height when the font gave none. */
double ps_layout_word_size (const PsWord *w);

/* ---- bands: words on one visual line ----------------------------------- */

/* A run of a sorted index array: words sharing a visual line, left to
 * right.  box is the union of their boxes. */
typedef struct
{
  guint first, n; /* into the index array the bands were built from */
  PsBox box;
  double size; /* the size most of its characters are set in */
} Band;

/* Sorts idx (word indices of page) into visual lines, top to bottom, each
 * left to right, and returns the bands: (transfer full) GArray of Band. */
GArray *ps_layout_bands (const PsPage *page, guint *idx, guint n);

/* The text of words idx[0..n) (a cell's): its visual lines, words joined
 * by a space; a line wrapped to fit is joined to the next by a space, a
 * line broken on purpose (a new paragraph, item or bullet, or a short line
 * the next word would have fitted on) by '\n'.  wrap_x1 is where the text
 * wraps (its right edge), 0 when unknown.  Sorts idx.  The flags every
 * word carries go to *flags, the text colour when all share one to
 * *colour (either may be NULL): (transfer full). */
char *ps_layout_words_text (const PsPage *page, guint *idx, guint n, double wrap_x1,
                            guint *flags, PsColour *colour);

/* A list marker on its own: a bullet, or a number or letter that opens
 * a list item ("1.", "2)", "(a)", "iv.", "5.2.3."). */
gboolean ps_layout_is_marker (const char *word);

/* ---- tables -------------------------------------------------------------- */

/* A table before its words are read: a grid of cells with boxes. */
typedef struct
{
  guint row, col, rowspan, colspan;
  PsBox box;
  double wrap_x1; /* where its text wraps, 0 when unknown (see the box) */
} LCell;

typedef struct
{
  PsBox box;
  guint n_rows, n_cols;
  GArray *cells;  /* LCell, by (row, col) */
  gboolean ruled; /* found from rulings */
} LTable;

LTable *ps_ltable_new (void);
void ps_ltable_free (LTable *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LTable, ps_ltable_free)

/* Reads the free words whose centre lies in a cell of t into a new table
 * block of layout (words taken, block added to lp->tables), with each
 * cell's text, fill and flags.  Returns the block (transfer none), or NULL
 * when fewer than min_filled cells, or (in a grid of a dozen cells or
 * more) less than min_share of its cells, got any text: nothing is taken
 * then. */
PsBlock *ps_layout_emit_table (PsDoc *layout, LayoutPage *lp, const LTable *t,
                               guint min_filled, double min_share);

/* tables_ruled.c: grids of rulings on the page (only those inside clip,
 * when not NULL), as tables: (transfer full) GPtrArray of LTable*. */
GPtrArray *ps_lattice_find (const LayoutPage *lp, const PsBox *clip);

/* ---- borderless tables (tables_stream.c) ---------------------------------- */

/* Words cut into chunks: runs of words a word space apart. */
typedef struct
{
  double x0, x1;
  guint first, n; /* words: into the index array */
} Chunk;

/* Words as visual lines (bands), each cut into chunks. */
typedef struct
{
  const LayoutPage *lp;
  guint *idx;        /* word indices, band by band (owned) */
  GArray *bands;     /* Band */
  GPtrArray *chunks; /* per band: GArray of Chunk */
} StreamLines;

void ps_stream_lines_init (StreamLines *l, const LayoutPage *lp, const guint *words, guint n);
void ps_stream_lines_clear (StreamLines *l);

/* Column boundaries of bands [b0, b1): x ranges covered by (almost) no
 * chunk, inside the extent of the bands with several chunks (all bands
 * when all_bands), with text on both sides in at least `support` bands.
 * Returns the middle of each: (transfer full) GArray of double, ascending. */
GArray *ps_stream_gutters (const StreamLines *l, guint b0, guint b1, guint support,
                           gboolean all_bands);

/* Bands [b0, b1) grouped into rows given column boundaries cuts: lines of
 * wrapped text are one row when the rows stand apart, else each line is a
 * row unless it only carries on some cells of the line above.  Returns the
 * first band of each row: (transfer full) GArray of guint. */
GArray *ps_stream_rows (const StreamLines *l, guint b0, guint b1, const GArray *cuts);

/* The columns of the table that ends the page before (interior column
 * lines, and its left and right edges). */
typedef struct
{
  const double *cols;
  guint n;
  double x0, x1;
} StreamHint;

/* Borderless tables among the free words of the page, as tables; lines
 * that open the page under hint's table and as wide carry it on with its
 * columns (hint may be NULL): (transfer full) GPtrArray of LTable*. */
GPtrArray *ps_stream_find (const LayoutPage *lp, const StreamHint *hint);

/* The one borderless table made of the free words inside region, or NULL
 * when it holds no words: (transfer full). */
LTable *ps_stream_in_region (const LayoutPage *lp, const PsBox *region);

/* tables_refine.c: a ruled table's cells split where its rulings are
 * missing — columns ruled only in the header, columns without rulings
 * between them, rows ruled only around the header and the total — from
 * the alignment of the words inside.  cols (n_cols interior column lines,
 * or NULL) are another piece of the same table's columns, used instead of
 * the gutters of this piece's own words. */
void ps_lattice_refine (const LayoutPage *lp, LTable *t, const double *cols, guint n_cols);

LTable *ps_ltable_copy (const LTable *t);

/* The column and row edges of t (n_cols + 1 and n_rows + 1 values). */
void ps_ltable_edges (const LTable *t, double *xs, double *ys);

/* ---- page furniture (furniture.c) ---------------------------------------- */

/* Marks the running headers and footers, page numbers and continuation
 * notes among the free words of every page WORD_FURNITURE. */
void ps_furniture_mark (LayoutPage *pages, guint n_pages);

/* ---- text (layout_text.c) ------------------------------------------------- */

/* Sizes of heading text in the document, largest first: level i + 1. */
#define MAX_HEADING_SIZES 6
typedef struct
{
  double sizes[MAX_HEADING_SIZES];
  guint n;
} HeadingSizes;

/* A line of text larger than this share of the body size is a heading. */
#define HEADING_SIZE_RATIO 1.15

void ps_heading_sizes (const LayoutPage *pages, guint n_pages, HeadingSizes *hs);

/* Headings, paragraphs and list items of the free words of the page, added
 * to layout and to lp->texts in reading order. */
void ps_layout_text_blocks (PsDoc *layout, LayoutPage *lp, const HeadingSizes *hs);

#endif /* PS_LAYOUT_PRIVATE_H */
