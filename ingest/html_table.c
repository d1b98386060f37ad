/* html_table.c — a <table> onto its grid, per the HTML table model: row
 * groups (a <tfoot> goes last wherever it is written), rowspan and colspan
 * with rowspan=0 meaning "to the end of the row group", spans clipped where
 * they would overlap a cell placed before them, and ragged rows left ragged.
 *
 * A table nested in a cell is not a block of its own: it becomes part of
 * the cell's text, one line per row with its cells joined by " | "
 * (html_text.c), since a cell is the unit extract reads.  A layout table —
 * every row one cell, marked role=presentation, or wrapping a bigger table —
 * is no table at all: its contents are walked as blocks. */
#include "html_private.h"

#include <stdlib.h>
#include <string.h>

/* The HTML limits on spans (a browser clamps rowspan to its row group). */
#define MAX_COLSPAN 1000
#define MAX_ROWSPAN 65534
/* The stage JSON reader's limit on rows and columns (model_json.c): a table
 * past it would be written but not read back. */
#define MAX_GRID 100000
/* Slots of the occupancy grid used to place spanning cells; a table needing
 * more (only a hostile page) is laid out with its rowspans ignored. */
#define GRID_BUDGET (G_GUINT64_CONSTANT (32) * 1024 * 1024)

typedef struct
{
  xmlNode *el;
  guint colspan, rowspan; /* rowspan 0: to the end of the row group */
  guint row, col;         /* grid position */
} Cell;

typedef struct
{
  guint first_cell, n_cells;
  guint group;
} Row;

typedef struct
{
  guint first_row, n_rows;
  gboolean foot;
} Group;

typedef struct
{
  xmlNode *table;
  GArray *cells, *rows, *groups;
  xmlNode *caption;
  gint group;  /* open group, or -1 */
  gint row;    /* open row, or -1 */
} Scan;

/* ---- finding rows and cells -------------------------------------------- */

static void
open_group (Scan *s, gboolean foot)
{
  Group g = { s->rows->len, 0, foot };
  g_array_append_val (s->groups, g);
  s->group = (gint) s->groups->len - 1;
}

static void
open_row (Scan *s)
{
  if (s->group < 0)
    open_group (s, FALSE); /* rows outside any row group form one */
  Row r = { s->cells->len, 0, (guint) s->group };
  g_array_append_val (s->rows, r);
  g_array_index (s->groups, Group, s->group).n_rows++;
  s->row = (gint) s->rows->len - 1;
}

/* HTML's "rules for parsing non-negative integers": leading digits count. */
static guint
span_attr (const xmlNode *el, const char *name, guint fallback, guint max)
{
  xmlChar *v = xmlGetNoNsProp (el, (const xmlChar *) name);
  if (!v)
    return fallback;
  const char *p = (const char *) v;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '+')
    p++;
  guint64 n = 0;
  gboolean digits = FALSE;
  for (; g_ascii_isdigit (*p); p++, digits = TRUE)
    n = MIN (n * 10 + (guint64) (*p - '0'), (guint64) G_MAXUINT);
  xmlFree (v);
  return digits ? (guint) MIN (n, (guint64) max) : fallback;
}

static gboolean
scan_enter (xmlNode *el, gpointer data)
{
  Scan *s = data;
  const PsHtmlNode *info = ps_html_node (el);
  if (info->skip)
    return FALSE;
  switch ((PsHtmlKind) info->kind)
    {
    case PS_HTML_TABLE:    /* nested: part of a cell, or skipped */
    case PS_HTML_COLGROUP:
      return FALSE;
    case PS_HTML_CAPTION:
      if (!s->caption)
        s->caption = el;
      return FALSE;
    case PS_HTML_ROWGROUP:
      s->row = -1;
      open_group (s, strcmp ((const char *) el->name, "tfoot") == 0);
      return TRUE;
    case PS_HTML_ROW:
      open_row (s);
      return TRUE;
    case PS_HTML_CELL:
      {
        if (s->row < 0)
          open_row (s); /* a cell outside any row starts one */
        guint colspan = span_attr (el, "colspan", 1, MAX_COLSPAN);
        Cell c = { el, colspan ? colspan : 1, span_attr (el, "rowspan", 1, MAX_ROWSPAN), 0, 0 };
        g_array_append_val (s->cells, c);
        g_array_index (s->rows, Row, s->row).n_cells++;
        return FALSE;
      }
    default:
      return TRUE; /* a <form> or other wrapper between table and rows */
    }
}

static void
scan_leave (xmlNode *el, gpointer data)
{
  Scan *s = data;
  switch ((PsHtmlKind) ps_html_node (el)->kind)
    {
    case PS_HTML_ROWGROUP:
      s->row = -1;
      s->group = -1;
      break;
    case PS_HTML_ROW:
      s->row = -1;
      break;
    default:
      break;
    }
}

/* ---- placing cells on the grid ----------------------------------------- */

typedef struct
{
  guint8 *bits;
  guint64 width;
} Grid;

static gboolean
taken (const Grid *g, guint64 y, guint64 x)
{
  guint64 i = y * g->width + x;
  return (g->bits[i / 8] >> (i % 8)) & 1;
}

static void
take (Grid *g, guint64 y, guint64 x)
{
  guint64 i = y * g->width + x;
  g->bits[i / 8] |= (guint8) (1u << (i % 8));
}

/* Rows in grid order: every group but the footers in document order, then
 * the footers.  order[y] is the Row index; group_end[y] the grid row after
 * y's group. */
static guint
order_rows (const Scan *s, guint *order, guint *group_end)
{
  guint y = 0;
  for (int pass = 0; pass < 2; pass++)
    for (guint g = 0; g < s->groups->len; g++)
      {
        const Group *gr = &g_array_index (s->groups, Group, g);
        if (gr->foot != (pass == 1))
          continue;
        for (guint r = 0; r < gr->n_rows; r++)
          {
            order[y + r] = gr->first_row + r;
            group_end[y + r] = y + gr->n_rows;
          }
        y += gr->n_rows;
      }
  return y;
}

/* Places every cell; returns them in grid order (row, then column). */
static GArray *
place_cells (const Scan *s, guint *n_rows, guint *n_cols)
{
  guint R = s->rows->len;
  g_autofree guint *order = g_new (guint, MAX (R, 1));
  g_autofree guint *group_end = g_new (guint, MAX (R, 1));
  order_rows (s, order, group_end);

  /* Clamp rowspans to the row group, and bound the grid's width: a row's
   * cells plus the cells spanning down into it from above. */
  GArray *out = g_array_sized_new (FALSE, TRUE, sizeof (Cell), s->cells->len);
  g_autofree gint64 *active = g_new0 (gint64, R + 1);
  guint64 width = 0, running = 0;
  for (guint y = 0; y < R; y++)
    {
      const Row *row = &g_array_index (s->rows, Row, order[y]);
      guint64 sum = 0;
      for (guint i = 0; i < row->n_cells; i++)
        {
          Cell c = g_array_index (s->cells, Cell, row->first_cell + i);
          guint left = group_end[y] - y;
          c.rowspan = c.rowspan == 0 ? left : MIN (c.rowspan, left);
          c.row = y;
          sum += c.colspan;
          if (c.rowspan > 1)
            {
              active[y + 1] += c.colspan;
              active[y + c.rowspan] -= c.colspan;
            }
          g_array_append_val (out, c);
        }
      running += (guint64) active[y];
      width = MAX (width, sum + running);
    }

  if ((guint64) R * width <= GRID_BUDGET)
    {
      Grid grid = { g_malloc0 ((gsize) (((guint64) R * width + 7) / 8 + 1)), width };
      guint k = 0;
      for (guint y = 0; y < R; y++)
        {
          const Row *row = &g_array_index (s->rows, Row, order[y]);
          guint64 x = 0;
          for (guint i = 0; i < row->n_cells; i++, k++)
            {
              Cell *c = &g_array_index (out, Cell, k);
              /* width bounds every row's slots, so x stays inside the grid;
               * the checks below only keep that true if the bound were wrong. */
              while (x < width && taken (&grid, y, x))
                x++;
              if (x >= width)
                {
                  c->col = (guint) x;
                  c->colspan = c->rowspan = 1;
                  continue;
                }
              /* Where a span would overlap a cell placed earlier, it stops
               * short of it (HTML calls the overlap a table model error). */
              guint cs = 1, rs = 1;
              while (cs < c->colspan && x + cs < width && !taken (&grid, y, x + cs))
                cs++;
              for (; rs < c->rowspan; rs++)
                {
                  gboolean free = TRUE;
                  for (guint dx = 0; dx < cs && free; dx++)
                    free = !taken (&grid, y + rs, x + dx);
                  if (!free)
                    break;
                }
              for (guint dy = 0; dy < rs; dy++)
                for (guint dx = 0; dx < cs; dx++)
                  take (&grid, y + dy, x + dx);
              c->col = (guint) x;
              c->colspan = cs;
              c->rowspan = rs;
              x += cs;
            }
        }
      g_free (grid.bits);
    }
  else
    {
      guint k = 0;
      for (guint y = 0; y < R; y++)
        {
          const Row *row = &g_array_index (s->rows, Row, order[y]);
          guint64 x = 0;
          for (guint i = 0; i < row->n_cells; i++, k++)
            {
              Cell *c = &g_array_index (out, Cell, k);
              c->col = (guint) MIN (x, (guint64) G_MAXUINT / 2);
              c->rowspan = 1;
              x += c->colspan;
            }
        }
    }
  *n_rows = R;
  *n_cols = (guint) MIN (width, (guint64) G_MAXUINT / 2);
  return out;
}

static int
compare_uint (const void *a, const void *b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

/* Index of the first element of sorted[0..n) not below v. */
static guint
lower_bound (const guint *sorted, guint n, guint v)
{
  guint lo = 0, hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (sorted[mid] < v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Drops grid columns and rows in which no cell starts: a colspan nothing
 * else needs, or an empty <tr>, is no column or row to a reader.  Cells too
 * far out for the stage JSON are dropped. */
static void
compress_grid (GArray *cells, guint *n_rows, guint *n_cols)
{
  guint n = cells->len;
  g_autofree guint *cols = g_new (guint, MAX (n, 1));
  g_autofree guint *rows = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      cols[i] = g_array_index (cells, Cell, i).col;
      rows[i] = g_array_index (cells, Cell, i).row;
    }
  qsort (cols, n, sizeof (guint), compare_uint);
  guint nc = 0, nr = 0;
  for (guint i = 0; i < n; i++)
    if (nc == 0 || cols[nc - 1] != cols[i])
      cols[nc++] = cols[i];
  /* rows are already in order */
  for (guint i = 0; i < n; i++)
    if (nr == 0 || rows[nr - 1] != rows[i])
      rows[nr++] = rows[i];
  guint w = 0;
  for (guint i = 0; i < n; i++)
    {
      Cell c = g_array_index (cells, Cell, i);
      guint col = lower_bound (cols, nc, c.col);
      guint row = lower_bound (rows, nr, c.row);
      guint col_end = lower_bound (cols, nc, c.col + c.colspan);
      guint row_end = lower_bound (rows, nr, c.row + c.rowspan);
      if (col >= MAX_GRID || row >= MAX_GRID)
        continue;
      c.col = col;
      c.row = row;
      c.colspan = MIN (col_end, MAX_GRID) - col;
      c.rowspan = MIN (row_end, MAX_GRID) - row;
      g_array_index (cells, Cell, w++) = c;
    }
  g_array_set_size (cells, w);
  *n_cols = MIN (nc, MAX_GRID);
  *n_rows = MIN (nr, MAX_GRID);
}

/* ---- output ------------------------------------------------------------ */

static gboolean
is_layout (const xmlNode *table, const GArray *cells, guint n_cols)
{
  const PsHtmlNode *info = ps_html_node (table);
  return info->layout || cells->len == 0 || n_cols <= 1 || info->nested_rows > info->rows;
}

static void
add_caption (PsDoc *doc, xmlNode *caption)
{
  PsHtmlText t;
  ps_html_text_init (&t);
  ps_html_text_collect (&t, caption);
  g_autofree char *text = ps_html_text_finish (&t);
  if (*text)
    {
      PsBlock *b = ps_doc_add_block (doc, PS_BLOCK_PARAGRAPH);
      b->text = ps_doc_strdup (doc, text);
      ps_html_block_style (caption, &t, &b->flags, &b->fill, &b->colour);
      g_autofree char *xpath = ps_html_xpath (caption);
      b->xpath = ps_doc_strdup (doc, xpath);
    }
  ps_html_text_clear (&t);
}

gboolean
ps_html_table_add (PsDoc *doc, xmlNode *table)
{
  Scan s = { table,
             g_array_new (FALSE, TRUE, sizeof (Cell)),
             g_array_new (FALSE, TRUE, sizeof (Row)),
             g_array_new (FALSE, TRUE, sizeof (Group)),
             NULL, -1, -1 };
  static const PsHtmlWalker walker = { scan_enter, scan_leave, NULL };
  ps_html_walk (table, &walker, &s);

  guint n_rows = 0, n_cols = 0;
  g_autoptr (GArray) cells = place_cells (&s, &n_rows, &n_cols);
  compress_grid (cells, &n_rows, &n_cols);
  gboolean layout = is_layout (table, cells, n_cols);
  if (!layout)
    {
      if (s.caption)
        add_caption (doc, s.caption);
      PsTable *pt = ps_table_new ();
      pt->n_rows = n_rows;
      pt->n_cols = n_cols;
      g_array_set_size (pt->cells, cells->len);
      for (guint i = 0; i < cells->len; i++)
        {
          const Cell *c = &g_array_index (cells, Cell, i);
          PsCell *pc = &g_array_index (pt->cells, PsCell, i);
          PsHtmlText t;
          ps_html_text_init (&t);
          ps_html_text_collect (&t, c->el);
          g_autofree char *text = ps_html_text_finish (&t);
          g_autofree char *xpath = ps_html_xpath (c->el);
          pc->row = c->row;
          pc->col = c->col;
          pc->rowspan = c->rowspan;
          pc->colspan = c->colspan;
          pc->text = ps_doc_strdup (doc, text);
          pc->header = strcmp ((const char *) c->el->name, "th") == 0
                       || ps_html_node (c->el)->thead;
          ps_html_block_style (c->el, &t, &pc->flags, &pc->fill, &pc->colour);
          pc->xpath = ps_doc_strdup (doc, xpath);
          ps_html_text_clear (&t);
        }
      PsBlock *b = ps_doc_add_block (doc, PS_BLOCK_TABLE);
      b->table = pt;
      g_autofree char *xpath = ps_html_xpath (table);
      b->xpath = ps_doc_strdup (doc, xpath);
    }
  g_array_unref (s.cells);
  g_array_unref (s.rows);
  g_array_unref (s.groups);
  return !layout;
}
