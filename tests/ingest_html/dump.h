/* dump.h — a document's blocks as the text the case files hold, one line per
 * block or cell:
 *
 *   title: Improvement Plan
 *   heading 1 /html/body/h1 bold | Improvement Plan
 *   paragraph /html/body/p fill=#ddebf7 | first line\nsecond line
 *   list_item 2 /html/body/ul/li/ul/li | text
 *   table /html/body/table 3x4
 *     0,0 2x1 header bold /html/body/table/tr[1]/th[1] | No.
 *
 * Cells show rowspan x colspan; line breaks in text are written as \n. */
#ifndef PS_TEST_HTML_DUMP_H
#define PS_TEST_HTML_DUMP_H

#include <glib.h>

#include "ps_model.h"

static void
dump_style (GString *out, guint flags, PsColour fill, PsColour colour)
{
  char buf[8];
  if (flags & PS_TEXT_BOLD)
    g_string_append (out, " bold");
  if (flags & PS_TEXT_ITALIC)
    g_string_append (out, " italic");
  if (ps_colour_is_set (fill))
    {
      ps_colour_format (fill, buf);
      g_string_append_printf (out, " fill=%s", buf);
    }
  if (ps_colour_is_set (colour))
    {
      ps_colour_format (colour, buf);
      g_string_append_printf (out, " colour=%s", buf);
    }
}

static void
dump_text (GString *out, const char *text)
{
  g_string_append (out, " | ");
  for (const char *p = text ? text : ""; *p; p++)
    if (*p == '\n')
      g_string_append (out, "\\n");
    else
      g_string_append_c (out, *p);
  g_string_append_c (out, '\n');
}

/* (transfer full) */
static char *
dump_doc (const PsDoc *doc)
{
  GString *out = g_string_new (NULL);
  if (doc->title)
    g_string_append_printf (out, "title: %s\n", doc->title);
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const PsBlock *b = g_ptr_array_index (doc->blocks, i);
      g_string_append (out, ps_block_kind_to_string (b->kind));
      if (b->kind == PS_BLOCK_HEADING || b->kind == PS_BLOCK_LIST_ITEM)
        g_string_append_printf (out, " %u", b->level);
      g_string_append_printf (out, " %s", b->xpath ? b->xpath : "-");
      if (b->kind != PS_BLOCK_TABLE)
        {
          dump_style (out, b->flags, b->fill, b->colour);
          dump_text (out, b->text);
          continue;
        }
      const PsTable *t = b->table;
      g_string_append_printf (out, " %ux%u\n", t->n_rows, t->n_cols);
      for (guint c = 0; c < t->cells->len; c++)
        {
          const PsCell *cell = &g_array_index (t->cells, PsCell, c);
          g_string_append_printf (out, "  %u,%u", cell->row, cell->col);
          if (cell->rowspan != 1 || cell->colspan != 1)
            g_string_append_printf (out, " %ux%u", cell->rowspan, cell->colspan);
          if (cell->header)
            g_string_append (out, " header");
          dump_style (out, cell->flags, cell->fill, cell->colour);
          g_string_append_printf (out, " %s", cell->xpath ? cell->xpath : "-");
          dump_text (out, cell->text);
        }
    }
  return g_string_free (out, FALSE);
}

#endif /* PS_TEST_HTML_DUMP_H */
