/* tables.c — header rows, column roles, and table rows into items. */
#include "extract_private.h"

#include <math.h>
#include <string.h>

/* ---- the grid ---------------------------------------------------------- */

/* Grids larger than this are not action plans; they are read no further
 * than this many columns so a hostile table cannot exhaust memory. */
#define MAX_GRID_CELLS (1u << 24)

Grid *
ps_grid_new (const PsBlock *block)
{
  const PsTable *t = block->table;
  Grid *g = g_new0 (Grid, 1);
  g->block = block;
  g->table = t;
  g->n_rows = t->n_rows;
  g->n_cols = MIN (t->n_cols, MAX_COLUMNS);
  if ((guint64) g->n_rows * g->n_cols > MAX_GRID_CELLS)
    g->n_rows = g->n_cols ? MAX_GRID_CELLS / g->n_cols : 0;
  g->at = g_new0 (const PsCell *, (gsize) g->n_rows * g->n_cols + 1);
  for (guint i = 0; i < t->cells->len; i++)
    {
      const PsCell *c = &g_array_index (t->cells, PsCell, i);
      for (guint r = c->row; r < c->row + c->rowspan && r < g->n_rows; r++)
        for (guint k = c->col; k < c->col + c->colspan && k < g->n_cols; k++)
          if (!g->at[r * g->n_cols + k])
            g->at[r * g->n_cols + k] = c;
    }
  return g;
}

void
ps_grid_free (Grid *grid)
{
  if (!grid)
    return;
  g_free (grid->at);
  g_free (grid);
}

static gboolean
cell_empty (const PsCell *c)
{
  if (!c || !c->text)
    return TRUE;
  for (const char *p = c->text; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      if (!g_unichar_isspace (ch) && ch != 0x00A0 && ch != 0x200B)
        return FALSE;
    }
  return TRUE;
}

/* The distinct cells of row r that have text, left to right. */
static guint
row_text_cells (const Grid *g, guint r, const PsCell **out, guint max)
{
  guint n = 0;
  for (guint c = 0; c < g->n_cols; c++)
    {
      const PsCell *cell = ps_grid_cell (g, r, c);
      if (cell_empty (cell) || (n && out[n - 1] == cell))
        continue;
      gboolean seen = FALSE;
      for (guint i = 0; i < n; i++)
        seen |= out[i] == cell;
      if (!seen && n < max)
        out[n++] = cell;
    }
  return n;
}

PsProv
ps_cell_prov (PsItemList *list, const PsCell *cell)
{
  PsProv p = { 0 };
  if (!cell)
    return p;
  p.page = cell->page;
  p.box = cell->box;
  p.xpath = cell->xpath ? ps_item_list_strdup (list, cell->xpath) : NULL;
  return p;
}

/* The row's own provenance: the DOM path of its <tr>, or the union of its
 * cells' boxes on the page of its first cell. */
static PsProv
row_prov (PsItemList *list, const Grid *g, guint r)
{
  PsProv p = { 0 };
  for (guint c = 0; c < g->n_cols; c++)
    {
      const PsCell *cell = ps_grid_cell (g, r, c);
      if (!cell || cell->row != r)
        continue;
      if (cell->xpath && !p.xpath)
        {
          const char *slash = strrchr (cell->xpath, '/');
          p.xpath = slash ? ps_item_list_strndup (list, cell->xpath, (gsize) (slash - cell->xpath))
                          : ps_item_list_strdup (list, cell->xpath);
        }
      if (cell->page)
        {
          if (!p.page)
            {
              p.page = cell->page;
              p.box = cell->box;
            }
          else if (cell->page == p.page)
            {
              p.box.x0 = MIN (p.box.x0, cell->box.x0);
              p.box.y0 = MIN (p.box.y0, cell->box.y0);
              p.box.x1 = MAX (p.box.x1, cell->box.x1);
              p.box.y1 = MAX (p.box.y1, cell->box.y1);
            }
        }
    }
  return p;
}

/* ---- colours that carry a status ---------------------------------------- */

static gboolean
colour_near (PsColour a, PsColour b, int tolerance)
{
  return abs ((int) a.r - b.r) + abs ((int) a.g - b.g) + abs ((int) a.b - b.b) <= tolerance;
}

/* A fill says something when the document's key lists it, or when it is a
 * saturated colour; greys, white and pale zebra stripes are decoration. */
static gboolean
colour_is_signal (const Ctx *ctx, PsColour c)
{
  if (!ps_colour_is_set (c))
    return FALSE;
  for (guint i = 0; i < ctx->list->key->len; i++)
    if (colour_near (g_array_index (ctx->list->key, PsKeyEntry, i).colour, c, 24))
      return TRUE;
  int max = MAX (c.r, MAX (c.g, c.b)), min = MIN (c.r, MIN (c.g, c.b));
  double saturation = max ? (double) (max - min) / max : 0.0;
  return saturation >= 0.3 && max >= 80;
}

/* ---- header rows and column roles ------------------------------------- */

static guint
roles_of (const char *text, PsRole *roles, PsItemKind *kind)
{
  return ps_header_roles (text, roles, MAX_COLUMN_ROLES - 1, kind);
}

/* A header row: its cells name columns.  Most of its cells must match the
 * header vocabulary, or all of them must be header cells (<th>). */
static gboolean
is_header_row (const Grid *g, guint r)
{
  const PsCell *cells[MAX_COLUMNS];
  guint n = row_text_cells (g, r, cells, MAX_COLUMNS);
  if (n == 0)
    return FALSE;
  guint named = 0, th = 0, long_cells = 0;
  for (guint i = 0; i < n; i++)
    {
      /* A header names its column in a few words on its first line ("Lead /
       * RAG status", then the key in brackets); a sentence that happens to
       * contain "action" or "who" is content. */
      PsRole roles[MAX_COLUMN_ROLES];
      PsItemKind kind;
      double coverage;
      g_auto (GStrv) lines = g_strsplit (cells[i]->text, "\n", 2);
      /* Numbers are content ("Rec 1"), not column names. */
      if (strpbrk (lines[0], "0123456789"))
        continue;
      if (ps_header_roles_coverage (lines[0], roles, MAX_COLUMN_ROLES - 1, &kind, &coverage) > 0
          && coverage >= 0.5)
        named++;
      if (cells[i]->header)
        th++;
      if (strlen (cells[i]->text) > 200)
        long_cells++;
    }
  if (long_cells)
    return FALSE;
  if (n == 1)
    return named == 1 && g->n_cols <= 2;
  return named * 2 >= n + (n > 3 ? 1 : 0) || (th == n && named >= 1);
}

/* A row that only holds a heading: one cell with text, spanning most of the
 * table, or a short bold first cell with nothing else in the row. */
static gboolean
is_heading_row (const Grid *g, guint r, const Columns *cols)
{
  const PsCell *cells[2];
  if (row_text_cells (g, r, cells, 2) != 1)
    return FALSE;
  const PsCell *c = cells[0];
  if (ps_extract_matches (PAT_REF_CELL, c->text))
    return FALSE;
  if (c->colspan >= 2 && c->colspan * 2 >= g->n_cols)
    return TRUE;
  if (g->n_cols < 3 || c->col != 0 || !(c->flags & PS_TEXT_BOLD))
    return FALSE;
  /* In a table with a text column elsewhere, a bold first cell alone is a
   * heading; a continuation row's text would not be bold. */
  if (cols && cols->text_col == 0)
    return FALSE;
  g_autofree char *flat = ps_text_flatten (c->text);
  return g_utf8_strlen (flat, -1) <= 120 && !g_unichar_islower (g_utf8_get_char (flat));
}

static void
columns_clear (Columns *cols, guint n_cols)
{
  memset (cols, 0, sizeof *cols);
  cols->n_cols = MIN (n_cols, MAX_COLUMNS);
  cols->ref_col = cols->text_col = cols->owner_col = cols->due_col = cols->status_col = -1;
}

static int
first_column_with (const Columns *cols, PsRole role, gboolean primary_only)
{
  for (guint c = 0; c < cols->n_cols; c++)
    for (guint i = 0; i < MAX_COLUMN_ROLES && cols->roles[c][i]; i++)
      {
        if (cols->roles[c][i] == role)
          return (int) c;
        if (primary_only)
          break;
      }
  return -1;
}

/* Share of the body cells of column c (from row first) that match pattern. */
static double
column_match_share (const Grid *g, guint first, guint c, ExtractPattern pattern)
{
  guint total = 0, hits = 0;
  for (guint r = first; r < g->n_rows; r++)
    {
      const PsCell *cell = ps_grid_cell (g, r, c);
      /* A cell spanning columns is a heading row (repeated on each page
       * of a PDF), not the column's content. */
      if (cell_empty (cell) || cell->row != r || cell->col != c || cell->colspan > 1)
        continue;
      total++;
      g_autofree char *flat = ps_text_flatten (cell->text);
      if (ps_extract_matches (pattern, flat))
        hits++;
    }
  return total ? (double) hits / total : 0.0;
}

static double
column_mean_length (const Grid *g, guint first, guint c)
{
  guint total = 0;
  gsize chars = 0;
  for (guint r = first; r < g->n_rows; r++)
    {
      const PsCell *cell = ps_grid_cell (g, r, c);
      if (cell_empty (cell) || cell->row != r || cell->col != c || cell->colspan > 1)
        continue;
      /* A header repeated on each page of a PDF is not content. */
      if (is_header_row (g, r))
        continue;
      total++;
      chars += strlen (cell->text);
    }
  return total ? (double) chars / total : 0.0;
}

/* Columns without a header: a colour-only column carries status; a column
 * of numbers is the ref column. */
static void
settle_columns (Columns *cols, const Grid *g, guint first_body)
{
  cols->ref_col = first_column_with (cols, PS_ROLE_REF, TRUE);
  if (cols->ref_col < 0 && g->n_cols >= 2
      && (!cols->roles[0][0] || cols->roles[0][0] == PS_ROLE_OTHER)
      && column_match_share (g, first_body, 0, PAT_REF_CELL) >= 0.6)
    {
      cols->roles[0][0] = PS_ROLE_REF;
      cols->ref_col = 0;
    }
  cols->text_col = first_column_with (cols, PS_ROLE_RECOMMENDATION, TRUE);
  if (cols->text_col < 0)
    cols->text_col = first_column_with (cols, PS_ROLE_ACTION, TRUE);
  if (cols->text_col < 0)
    cols->text_col = first_column_with (cols, PS_ROLE_RESPONSE, TRUE);
  cols->owner_col = first_column_with (cols, PS_ROLE_OWNER, FALSE);
  cols->due_col = first_column_with (cols, PS_ROLE_DUE, TRUE);
  cols->status_col = first_column_with (cols, PS_ROLE_STATUS, FALSE);
  if (cols->owner_col >= 0)
    {
      /* A lead column that also holds the updates ("Lead / RAG status …
       * Latest Update"): owners are its short title lines, the rest is
       * progress. */
      gboolean progress = FALSE;
      for (guint i = 0; i < MAX_COLUMN_ROLES && cols->roles[cols->owner_col][i]; i++)
        progress |= cols->roles[cols->owner_col][i] == PS_ROLE_PROGRESS;
      cols->owner_in_prose = progress || column_mean_length (g, first_body, (guint) cols->owner_col) > 300;
    }
  if (cols->status_col < 0)
    for (guint c = 0; c < cols->n_cols; c++)
      if (!cols->roles[c][0] && !cols->names[c] && column_mean_length (g, first_body, c) == 0.0)
        {
          /* An unnamed column with no text: if its cells are coloured it
           * is a RAG column. */
          for (guint r = first_body; r < g->n_rows; r++)
            {
              const PsCell *cell = ps_grid_cell (g, r, c);
              if (cell && ps_colour_is_set (cell->fill) && cell->col == c)
                {
                  cols->roles[c][0] = PS_ROLE_STATUS;
                  cols->status_col = (int) c;
                  break;
                }
            }
          if (cols->status_col >= 0)
            break;
        }
}

static void
columns_from_header (Ctx *ctx, Columns *cols, const Grid *g, guint first, guint last)
{
  columns_clear (cols, g->n_cols);
  for (guint c = 0; c < cols->n_cols; c++)
    {
      GString *header = g_string_new (NULL);
      const PsCell *prev = NULL;
      for (guint r = first; r <= last; r++)
        {
          const PsCell *cell = ps_grid_cell (g, r, c);
          if (!cell || cell == prev || cell_empty (cell))
            continue;
          /* A header spanning several columns names the first only, unless
           * a lower header row names the others. */
          if (cell->col != c && r == last)
            continue;
          prev = cell;
          if (header->len)
            g_string_append_c (header, ' ');
          g_string_append (header, cell->text);
        }
      if (header->len)
        {
          PsItemKind kind = PS_ITEM_KIND_UNKNOWN;
          guint n = roles_of (header->str, cols->roles[c], &kind);
          g_autofree char *flat = ps_text_flatten (header->str);
          if (n == 0)
            cols->roles[c][0] = PS_ROLE_OTHER;
          cols->names[c] = ps_item_list_strdup (ctx->list, flat);
          if (cols->kind == PS_ITEM_KIND_UNKNOWN && kind != PS_ITEM_KIND_UNKNOWN
              && (cols->roles[c][0] == PS_ROLE_RECOMMENDATION || cols->roles[c][0] == PS_ROLE_ACTION))
            cols->kind = kind;
        }
      g_string_free (header, TRUE);
    }
  settle_columns (cols, g, last + 1);
  if (cols->text_col >= 0)
    {
      PsItemKind kind = PS_ITEM_KIND_UNKNOWN;
      PsRole roles[MAX_COLUMN_ROLES];
      if (cols->names[cols->text_col])
        roles_of (cols->names[cols->text_col], roles, &kind);
      cols->kind = kind ? kind : PS_ITEM_KIND_ACTION;
    }
}

/* No header: reuse the previous table's columns when the shape agrees (a
 * table continued on the next page without its header), else infer. */
static gboolean
columns_without_header (Ctx *ctx, Columns *cols, const Grid *g)
{
  if (ctx->have_last_columns && ctx->last_columns.n_cols == MIN (g->n_cols, MAX_COLUMNS))
    {
      *cols = ctx->last_columns;
      return TRUE;
    }
  columns_clear (cols, g->n_cols);
  if (g->n_cols < 2)
    return FALSE;
  settle_columns (cols, g, 0);
  if (cols->ref_col < 0)
    return FALSE;
  /* The longest column after the number holds the text. */
  double best = 0;
  for (guint c = 0; c < cols->n_cols; c++)
    {
      if ((int) c == cols->ref_col)
        continue;
      double len = column_mean_length (g, 0, c);
      if (len > best)
        {
          best = len;
          cols->text_col = (int) c;
        }
    }
  if (cols->text_col < 0)
    return FALSE;
  cols->roles[cols->text_col][0] = PS_ROLE_ACTION;
  cols->kind = PS_ITEM_KIND_ACTION;
  return TRUE;
}

/* ---- rows into items --------------------------------------------------- */

static void take_status_colour (Ctx *ctx, const Columns *cols, const Grid *g, guint r);

static gboolean
ends_sentence (const char *s)
{
  gsize n = strlen (s);
  while (n && g_ascii_isspace (s[n - 1]))
    n--;
  if (!n)
    return TRUE;
  return strchr (".!?:;)\"'", s[n - 1]) != NULL || (n >= 3 && (guchar) s[n - 1] >= 0x80);
}

/* In a table without a number column, a row whose text cell is filled starts
 * a new item unless it plainly carries on the item above: it is the first
 * row after a page break (a repeated header, or a table continued without
 * one) and its text starts in lower case, or not with a capital after text
 * that stopped mid-sentence; or the table has a status column, the item above has a
 * status and this row has none (a new item would carry its own). */
static gboolean
continues_previous (const Ctx *ctx, const Columns *cols, const Grid *g, guint r,
                    const char *text, gboolean after_break)
{
  if (!ctx->cur || !ctx->cur->text->len)
    return FALSE;
  /* A row the page break cut starts in lower case, or at least not with a
   * capital after text that stopped mid-sentence; a capital after an
   * unfinished text is a new item that did not fit on the page. */
  gunichar first = g_utf8_get_char (text);
  if (after_break
      && (g_unichar_islower (first)
          || (!g_unichar_isupper (first) && !ends_sentence (ctx->cur->text->str))))
    return TRUE;
  if (cols->status_col >= 0)
    {
      const PsItem *it = ctx->cur->item;
      gboolean above = ps_colour_is_set (it->status.colour) || ctx->cur->status->len;
      const PsCell *cell = ps_grid_cell (g, r, (guint) cols->status_col);
      gboolean here = cell && (!cell_empty (cell) || colour_is_signal (ctx, cell->fill));
      if (above && !here)
        return TRUE;
    }
  return FALSE;
}

/* Owners written into a column of updates ("Lead / RAG status … Latest
 * Update"): the short lines that read as a title — every word capitalised
 * or a joining word, the first word capitalised, no sentence punctuation at
 * the end — and either name a post, team or body, hold an abbreviation
 * ("ACE", "CMT"), or open the cell. */
static gboolean
is_joining_word (const char *w)
{
  static const char *const words[] = { "and", "of", "for", "the", "&", "with", "in", "to",
                                       "/", "concert", "on", "-", "\xe2\x80\x93" };
  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (w, words[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_abbreviation (const char *w)
{
  gsize n = strlen (w), upper = 0;
  for (gsize i = 0; i < n; i++)
    upper += g_ascii_isupper (w[i]) != 0;
  return n >= 2 && n <= 5 && upper == n;
}

static gboolean
owner_line (const char *line, gboolean first)
{
  gsize len = strlen (line);
  if (!len || len > 100 || strchr (".!?;", line[len - 1]) || ps_extract_matches (PAT_MONTH, line))
    return FALSE;
  g_auto (GStrv) words = g_strsplit (line, " ", -1);
  guint n = 0;
  gboolean abbreviation = FALSE;
  for (char **w = words; *w; w++)
    {
      if (!**w)
        continue;
      gunichar c = g_utf8_get_char (*w);
      if (n == 0 && !g_unichar_isupper (c))
        return FALSE;
      if (!g_unichar_isupper (c) && !g_unichar_isdigit (c) && c != '(' && !is_joining_word (*w))
        return FALSE;
      abbreviation |= is_abbreviation (*w);
      n++;
    }
  if (n == 0 || n > 12)
    return FALSE;
  return first || abbreviation || ps_text_names_owner (line);
}

static void
add_owner_lines (Ctx *ctx, const char *text, const PsProv *prov)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean first = TRUE;
  for (char **l = lines; *l; l++)
    {
      g_autofree char *line = ps_text_flatten (*l);
      gsize len = strlen (line);
      /* "Chief Finance Officer and Economy Director." — the full stop after
       * a title line is not a sentence; title case decides. */
      while (len && strchr (":-.", line[len - 1]))
        line[--len] = '\0';
      if (!len)
        continue;
      if (owner_line (line, first))
        ps_item_add (ctx, PS_ROLE_OWNER, NULL, FALSE, line, prov);
      first = FALSE;
    }
}

static void
add_cell (Ctx *ctx, const Columns *cols, guint c, const PsCell *cell)
{
  PsProv prov = ps_cell_prov (ctx->list, cell);
  PsRole role = cols->roles[c][0];
  if (role == PS_ROLE_THEME)
    {
      /* A theme column (often one cell spanning its rows) is the section. */
      g_auto (GStrv) lines = g_strsplit (cell->text, "\n", 2);
      g_autofree char *flat = ps_text_flatten (lines[0]);
      for (guint i = 0; i < ctx->group->len; i++)
        ((ItemBuilder *) g_ptr_array_index (ctx->group, i))->item->section
            = ps_item_list_strdup (ctx->list, flat);
      return;
    }
  if ((int) c == cols->text_col && ctx->cur->headline)
    {
      ps_item_add (ctx, role == PS_ROLE_RECOMMENDATION ? PS_ROLE_OTHER : role, cols->names[c],
                   FALSE, cell->text, &prov);
      return;
    }
  if ((int) c == cols->text_col)
    {
      const char *text = cell->text;
      /* The number or bullet that opened the item is not part of its text. */
      g_autoptr (pcre2_match_data) md = NULL;
      const pcre2_code *code = NULL;
      if (cols->ref_col < 0 && ctx->cur && ctx->cur->text->len == 0)
        {
          code = ps_extract_pattern (PAT_REF_PREFIX);
          md = ps_pattern_match (code, text, -1, 0);
          if (!md)
            {
              code = ps_extract_pattern (PAT_BULLET);
              md = ps_pattern_match (code, text, -1, 0);
            }
        }
      g_autofree char *rest = md ? ps_match_named (code, md, text, "rest") : NULL;
      ps_item_add (ctx, role, NULL, TRUE, rest ? rest : text, &prov);
      return;
    }
  if ((int) c == cols->owner_col && cols->owner_in_prose)
    {
      add_owner_lines (ctx, cell->text, &prov);
      ps_item_add (ctx, PS_ROLE_PROGRESS, NULL, FALSE, cell->text, &prov);
      return;
    }
  if ((int) c == cols->status_col || role == PS_ROLE_STATUS)
    {
      ps_item_add (ctx, PS_ROLE_STATUS, NULL, FALSE, cell->text, &prov);
      return;
    }
  if (role == PS_ROLE_RECOMMENDATION || role == PS_ROLE_ACTION)
    role = role == PS_ROLE_RECOMMENDATION ? PS_ROLE_OTHER : PS_ROLE_ACTION;
  ps_item_add (ctx, role, cols->names[c], FALSE, cell->text, &prov);
}

/* The colour that gives the item its status: the status column's fill, or
 * the number cell's, or the text cell's (plans colour whichever). */
static void
take_status_colour (Ctx *ctx, const Columns *cols, const Grid *g, guint r)
{
  if (!ctx->cur || ps_colour_is_set (ctx->cur->item->status.colour))
    return;
  PsItem *item = ctx->cur->item;
  int order[] = { cols->status_col, cols->ref_col, cols->text_col, cols->owner_col };
  for (gsize i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (order[i] < 0)
        continue;
      const PsCell *cell = ps_grid_cell (g, r, (guint) order[i]);
      if (cell && colour_is_signal (ctx, cell->fill))
        {
          for (guint k = 0; k < ctx->group->len; k++)
            {
              item = ((ItemBuilder *) g_ptr_array_index (ctx->group, k))->item;
              item->status.colour = cell->fill;
              if (!ps_prov_is_set (&item->status_prov))
                item->status_prov = ps_cell_prov (ctx->list, cell);
            }
          return;
        }
    }
}

/* The numbered parts of a cell whose lines start "14. …", "15. …": number,
 * text, number, text…  Lines without a number belong to the part above; a
 * cell not starting with a number gives no parts. */
static GPtrArray *
numbered_parts (const char *text)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const pcre2_code *code = ps_extract_pattern (PAT_REF_PREFIX);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GString *cur = NULL;
  for (char **l = lines; *l; l++)
    {
      g_autoptr (pcre2_match_data) md = ps_pattern_match (code, *l, -1, 0);
      if (md)
        {
          if (cur)
            g_ptr_array_add (parts, g_string_free (cur, FALSE));
          g_ptr_array_add (parts, ps_match_named (code, md, *l, "number"));
          cur = g_string_new (NULL);
          char *rest = ps_match_named (code, md, *l, "rest");
          g_string_append (cur, rest);
          g_free (rest);
        }
      else if (cur && **l)
        {
          g_string_append_c (cur, '\n');
          g_string_append (cur, *l);
        }
      else if (!cur)
        break;
    }
  if (cur)
    g_ptr_array_add (parts, g_string_free (cur, FALSE));
  /* The same number twice is a list inside one recommendation. */
  for (guint i = 0; i < parts->len; i += 2)
    for (guint k = i + 2; k < parts->len; k += 2)
      if (g_strcmp0 (g_ptr_array_index (parts, i), g_ptr_array_index (parts, k)) == 0)
        g_ptr_array_set_size (parts, 2);
  return parts;
}

static gboolean
spans_role_columns (const Columns *cols, const PsCell *cell)
{
  int covered[] = { cols->owner_col, cols->due_col, cols->status_col };
  for (gsize i = 0; i < G_N_ELEMENTS (covered); i++)
    if (covered[i] > (int) cell->col && covered[i] < (int) (cell->col + cell->colspan))
      return TRUE;
  return FALSE;
}

static void
body_row (Ctx *ctx, const Columns *cols, const Grid *g, guint r, gboolean after_break)
{
  const PsCell *ref_cell = cols->ref_col >= 0 ? ps_grid_cell (g, r, (guint) cols->ref_col) : NULL;
  const PsCell *text_cell = cols->text_col >= 0 ? ps_grid_cell (g, r, (guint) cols->text_col) : NULL;
  gboolean starts = FALSE;
  const char *ref_text = NULL;
  g_autofree char *prefix_ref = NULL;

  if (ref_cell && !cell_empty (ref_cell) && ref_cell->col == (guint) cols->ref_col)
    {
      /* A number cell spanning rows opens its item once. */
      gboolean same = ctx->cur && ctx->cur->ref_cell == ref_cell;
      g_autofree char *flat = ps_text_flatten (ref_cell->text);
      if (!same && ps_extract_matches (PAT_REF_CELL, flat))
        {
          starts = TRUE;
          ref_text = ref_cell->text;
        }
      else if (!same && after_break && ctx->cur && ctx->cur->item->ref)
        {
          /* A number cell a page break split ("14 ABC" | "CEx"): its
           * second half completes the number above. */
          g_autofree char *joined = g_strconcat (ctx->cur->item->ref, " ", flat, NULL);
          if (ps_extract_matches (PAT_REF_CELL, joined))
            ps_item_set_ref (ctx->list, ctx->cur->item, joined);
        }
    }
  else if (cols->ref_col < 0 && text_cell && !cell_empty (text_cell)
           && !(ctx->cur && g_hash_table_contains (ctx->cur->cells, text_cell)))
    {
      g_autofree char *text = ps_text_collapse (text_cell->text);
      const pcre2_code *code = ps_extract_pattern (PAT_REF_PREFIX);
      g_autoptr (pcre2_match_data) md = ps_pattern_match (code, text, -1, 0);
      if (md)
        {
          starts = TRUE;
          prefix_ref = ps_match_named (code, md, text, "number");
        }
      else if (ps_extract_matches (PAT_BULLET, text)
               || !continues_previous (ctx, cols, g, r, text, after_break))
        starts = TRUE;
    }
  else if (!ctx->cur && text_cell && !cell_empty (text_cell))
    starts = TRUE; /* text before the first number: an unnumbered item */

  g_autoptr (GPtrArray) numbered = prefix_ref ? numbered_parts (text_cell->text) : NULL;
  if (starts && numbered && numbered->len >= 4)
    {
      /* One cell listing several numbered recommendations ("14. …" "15. …"):
       * one item each, sharing the rest of the row. */
      PsProv prov = row_prov (ctx->list, g, r);
      PsProv cprov = ps_cell_prov (ctx->list, text_cell);
      for (guint i = 0; i + 1 < numbered->len; i += 2)
        {
          if (i == 0)
            ps_item_begin (ctx, cols->kind, g_ptr_array_index (numbered, i), &prov);
          else
            ps_item_begin_sibling (ctx, cols->kind, g_ptr_array_index (numbered, i), &prov);
          ps_item_add (ctx, cols->roles[cols->text_col][0], NULL, TRUE,
                       g_ptr_array_index (numbered, i + 1), &cprov);
        }
      ps_item_take_cell (ctx, text_cell);
    }
  else if (starts)
    {
      PsProv prov = row_prov (ctx->list, g, r);
      ps_item_begin (ctx, cols->kind, ref_text ? ref_text : prefix_ref, &prov);
      ctx->cur->ref_cell = ref_text ? ref_cell : NULL;
    }
  /* A numbered row whose text runs across the owner/due columns states the
   * item; the rows beneath hold its actions (set once this row is read). */
  gboolean headline = starts && text_cell && text_cell->colspan > 1
                      && spans_role_columns (cols, text_cell);
  if (!ctx->cur)
    return;
  for (guint c = 0; c < cols->n_cols; c++)
    {
      const PsCell *cell = ps_grid_cell (g, r, c);
      /* A cell spanning columns belongs to its first column; one spanning
       * rows belongs to every item whose row it covers. */
      if (!cell || cell->col != c || (int) c == cols->ref_col)
        continue;
      if (!ps_item_take_cell (ctx, cell) || cell_empty (cell))
        continue;
      add_cell (ctx, cols, c, cell);
    }
  if (ref_cell)
    ps_item_take_cell (ctx, ref_cell);
  take_status_colour (ctx, cols, g, r);
  if (headline)
    ctx->cur->headline = TRUE;
}

/* Two headers name the same columns: the same header texts, or the same
 * roles.  Roles inferred from the rows below a header (a number column
 * without a name) can differ between the pieces of a table a page break
 * split; the names a header prints cannot. */
static gboolean
same_header (const Columns *a, const Columns *b)
{
  if (memcmp (a->roles, b->roles, sizeof a->roles) == 0)
    return TRUE;
  if (a->n_cols != b->n_cols)
    return FALSE;
  guint named = 0;
  for (guint c = 0; c < a->n_cols; c++)
    {
      if (g_strcmp0 (a->names[c], b->names[c]) != 0)
        return FALSE;
      named += a->names[c] != NULL;
    }
  return named > 0;
}

/* A heading row that names the section already open is the top of a table
 * repeated on a new page (a PDF repeats a table's header rows, heading row
 * included): the item above carries on. */
static gboolean
repeats_heading (const Ctx *ctx, const PsCell *cell)
{
  if (!ctx->cur || !ctx->theme)
    return FALSE;
  g_auto (GStrv) lines = g_strsplit (cell->text, "\n", 2);
  g_autofree char *flat = ps_text_flatten (lines[0]);
  return flat && strcmp (flat, ctx->theme) == 0;
}

/* A row across the table that names its item ("Recommendation 1: Reduce
 * …") is an item, not a heading: its label gives the kind, and the rows
 * beneath it hold its actions (or are items of their own when numbered). */
static gboolean
labelled_row (Ctx *ctx, const Columns *cols, const Grid *g, guint r, const PsCell *cell)
{
  const pcre2_code *code = ps_extract_pattern (PAT_LABELLED_ITEM);
  g_autoptr (pcre2_match_data) md = ps_pattern_match (code, cell->text, -1, 0);
  if (!md)
    return FALSE;
  g_autofree char *label = ps_match_named (code, md, cell->text, "label");
  g_autofree char *number = ps_match_named (code, md, cell->text, "number");
  g_autofree char *rest = ps_match_named (code, md, cell->text, "rest");
  PsItemKind kind = g_ascii_strncasecmp (label, "rec", 3) == 0 ? PS_ITEM_KIND_RECOMMENDATION
                                                                : PS_ITEM_KIND_ACTION;
  PsProv prov = row_prov (ctx->list, g, r);
  PsProv cprov = ps_cell_prov (ctx->list, cell);
  ps_item_begin (ctx, kind, number, &prov);
  ps_item_take_cell (ctx, cell);
  ps_item_add (ctx, cols->text_col >= 0 ? cols->roles[cols->text_col][0] : PS_ROLE_NONE, NULL,
               TRUE, rest, &cprov);
  ctx->cur->headline = TRUE;
  take_status_colour (ctx, cols, g, r);
  return TRUE;
}

/* A heading row names a section by its first line.  A long one is the
 * theme's description (often in italics under its name), not a new theme. */
static void
heading_row (Ctx *ctx, const PsCell *cell, gboolean after_heading)
{
  /* An italic line right under a heading describes it. */
  if (after_heading && (cell->flags & PS_TEXT_ITALIC))
    return;
  g_auto (GStrv) lines = g_strsplit (cell->text, "\n", 2);
  g_autofree char *flat = ps_text_flatten (lines[0]);
  guint words = 1;
  for (const char *p = flat; *p; p++)
    words += *p == ' ';
  if (words > MAX_HEADING_WORDS && !ps_extract_matches (PAT_STATUS_HEADING, flat))
    return;
  ps_ctx_heading (ctx, lines[0], 9);
}

void
ps_table_items (Ctx *ctx, const PsBlock *block)
{
  if (!block->table || block->table->n_rows == 0 || block->table->n_cols == 0)
    return;
  g_autoptr (Grid) g = ps_grid_new (block);
  Columns cols;
  gboolean have = FALSE, after_heading = FALSE, repeated = FALSE;
  guint r = 0;

  /* Heading rows and header rows at the top. */
  while (r < g->n_rows)
    {
      if (is_heading_row (g, r, NULL))
        {
          const PsCell *cells[1];
          row_text_cells (g, r, cells, 1);
          /* The description in italics under a repeated heading is
           * repeated with it. */
          if (repeats_heading (ctx, cells[0])
              || (repeated && (cells[0]->flags & PS_TEXT_ITALIC)))
            {
              repeated = after_heading = TRUE;
              r++;
              continue;
            }
          ps_item_finish (ctx);
          heading_row (ctx, cells[0], after_heading);
          after_heading = TRUE;
          r++;
          continue;
        }
      if (is_header_row (g, r))
        {
          guint last = r;
          while (last + 1 < g->n_rows && is_header_row (g, last + 1))
            last++;
          columns_from_header (ctx, &cols, g, r, last);
          have = cols.text_col >= 0;
          r = last + 1;
        }
      break;
    }
  /* A table whose header repeats the last one's, or which has none but the
   * same columns, continues it: its first row may carry on the item above. */
  gboolean after_break = have && ctx->have_last_columns
                         && same_header (&cols, &ctx->last_columns);
  if (!have)
    {
      have = columns_without_header (ctx, &cols, g);
      after_break = have;
    }
  if (!have)
    return; /* not an item table: a key, a chart's data, a layout grid */
  if (!after_break)
    ps_item_finish (ctx);
  ctx->last_columns = cols;
  ctx->have_last_columns = TRUE;

  for (; r < g->n_rows; r++)
    {
      if (is_header_row (g, r))
        {
          /* A header repeated inside the table (a page break in the
           * source) is dropped; a different one starts new columns. */
          guint last = r;
          while (last + 1 < g->n_rows && is_header_row (g, last + 1))
            last++;
          Columns next;
          columns_from_header (ctx, &next, g, r, last);
          if (next.text_col >= 0 && !same_header (&next, &cols))
            {
              ps_item_finish (ctx);
              cols = next;
              ctx->last_columns = cols;
            }
          r = last;
          after_break = TRUE;
          continue;
        }
      if (is_heading_row (g, r, &cols))
        {
          const PsCell *cells[1];
          row_text_cells (g, r, cells, 1);
          if (repeats_heading (ctx, cells[0])
              || (repeated && (cells[0]->flags & PS_TEXT_ITALIC)))
            {
              repeated = after_heading = TRUE;
              continue;
            }
          if (labelled_row (ctx, &cols, g, r, cells[0]))
            {
              after_heading = repeated = FALSE;
              continue;
            }
          ps_item_finish (ctx);
          heading_row (ctx, cells[0], after_heading);
          after_heading = TRUE;
          continue;
        }
      after_heading = repeated = FALSE;
      const PsCell *cells[1];
      if (row_text_cells (g, r, cells, 1) == 0)
        {
          /* An empty row may still carry a colour for the item. */
          take_status_colour (ctx, &cols, g, r);
          continue;
        }
      body_row (ctx, &cols, g, r, after_break);
      after_break = FALSE;
    }
}
