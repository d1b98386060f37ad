/* layout.c — a PDF's pages as blocks: headings and paragraphs from its text
 * lines.  Tables are found by tables_ruled.c and tables_stream.c. */
#include "extract_private.h"

#include <math.h>
#include <string.h>

/* The body text size: the size most words are set in. */
static double
body_size (const PsDoc *doc)
{
  g_autoptr (GHashTable) counts = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint best = 0;
  int best_size = 0;
  for (guint p = 0; p < doc->pages->len; p++)
    {
      const PsPage *page = g_ptr_array_index (doc->pages, p);
      for (guint w = 0; w < page->words->len; w++)
        {
          int size = (int) lround (g_array_index (page->words, PsWord, w).size * 2);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GINT_TO_POINTER (size))) + 1;
          g_hash_table_insert (counts, GINT_TO_POINTER (size), GUINT_TO_POINTER (n));
          if (n > best)
            {
              best = n;
              best_size = size;
            }
        }
    }
  return best_size / 2.0;
}

static double
line_size (const PsPage *page, const PsLine *line, gboolean *bold)
{
  double size = 0;
  guint bold_words = 0;
  for (guint i = 0; i < line->n_words; i++)
    {
      const PsWord *w = ps_line_word (page, line, i);
      size = MAX (size, w->size);
      if (w->flags & PS_TEXT_BOLD)
        bold_words++;
    }
  *bold = line->n_words && bold_words == line->n_words;
  return size;
}

void
ps_layout_pdf (const PsDoc *doc, const PsExtractOptions *opts, PsDoc *layout)
{
  (void) opts;
  double body = body_size (doc);
  for (guint p = 0; p < doc->pages->len; p++)
    {
      const PsPage *page = g_ptr_array_index (doc->pages, p);
      PsBlock *para = NULL;
      double last_bottom = 0;
      for (guint l = 0; l < page->lines->len; l++)
        {
          const PsLine *line = &g_array_index (page->lines, PsLine, l);
          g_autofree char *text = ps_line_text (page, line);
          if (ps_extract_matches (PAT_FURNITURE, text))
            continue;
          gboolean bold;
          double size = line_size (page, line, &bold);
          gboolean heading = size >= body * 1.15 + 0.5;
          double gap = line->box.y0 - last_bottom;
          last_bottom = line->box.y1;
          if (para && !heading && para->kind == PS_BLOCK_PARAGRAPH
              && gap < (line->box.y1 - line->box.y0) * 0.8 && fabs (para->size - size) < 0.6)
            {
              g_autofree char *joined = g_strconcat (para->text, "\n", text, NULL);
              para->text = ps_doc_strdup (layout, joined);
              para->box.x0 = MIN (para->box.x0, line->box.x0);
              para->box.x1 = MAX (para->box.x1, line->box.x1);
              para->box.y1 = MAX (para->box.y1, line->box.y1);
              if (!bold)
                para->flags &= ~(guint) PS_TEXT_BOLD;
              continue;
            }
          para = ps_doc_add_block (layout, heading ? PS_BLOCK_HEADING : PS_BLOCK_PARAGRAPH);
          para->text = ps_doc_strdup (layout, text);
          para->page = page->number;
          para->box = line->box;
          para->size = size;
          para->flags = bold ? PS_TEXT_BOLD : 0;
          /* Larger type, higher level: 1 for the largest headings. */
          para->level = heading ? (size >= body * 1.8 ? 1 : size >= body * 1.4 ? 2 : 3) : 0;
        }
    }
}
