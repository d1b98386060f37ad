/* check.c — ps_doc_check: the invariants every stage may rely on. */
#include "ps_model.h"

#include <math.h>

/* Glyph boxes may poke a little outside the page (descenders, italic
 * overhang); anything further out is a bug or a hostile input. */
#define PAGE_SLACK 2.0

static gboolean
box_ok (const PsBox *b, const PsPage *page)
{
  return isfinite (b->x0) && isfinite (b->y0) && isfinite (b->x1) && isfinite (b->y1)
         && b->x0 <= b->x1 && b->y0 <= b->y1 && b->x0 >= -PAGE_SLACK
         && b->y0 >= -PAGE_SLACK && b->x1 <= page->width + PAGE_SLACK
         && b->y1 <= page->height + PAGE_SLACK;
}

static gboolean G_GNUC_PRINTF (2, 3)
check_fail (GError **error, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_CHECK, "%s", msg);
  return FALSE;
}

static gboolean
check_table (const PsTable *t, const char *where, GError **error)
{
  for (guint i = 0; i < t->cells->len; i++)
    {
      const PsCell *c = &g_array_index (t->cells, PsCell, i);
      if (c->rowspan < 1 || c->colspan < 1 || c->row >= t->n_rows || c->col >= t->n_cols
          || c->rowspan > t->n_rows - c->row || c->colspan > t->n_cols - c->col)
        return check_fail (error, "%s cell %u: outside its %ux%u table", where, i, t->n_rows,
                           t->n_cols);
      if (!c->text || !g_utf8_validate (c->text, -1, NULL))
        return check_fail (error, "%s cell %u: text is not UTF-8", where, i);
    }
  return TRUE;
}

gboolean
ps_doc_check (const PsDoc *doc, GError **error)
{
  for (guint p = 0; p < doc->pages->len; p++)
    {
      const PsPage *page = g_ptr_array_index (doc->pages, p);
      if (page->number != p + 1)
        return check_fail (error, "page %u: numbered %u", p + 1, page->number);
      if (!(page->width > 0 && page->height > 0 && isfinite (page->width)
            && isfinite (page->height)))
        return check_fail (error, "page %u: no size", page->number);
      guint next = 0;
      for (guint l = 0; l < page->lines->len; l++)
        {
          const PsLine *line = &g_array_index (page->lines, PsLine, l);
          if (line->first_word != next || line->n_words > page->words->len - next)
            return check_fail (error, "page %u line %u: words out of order", page->number, l);
          next += line->n_words;
          if (!box_ok (&line->box, page))
            return check_fail (error, "page %u line %u: box outside the page", page->number, l);
          for (guint w = 0; w < line->n_words; w++)
            {
              const PsWord *word = ps_line_word (page, line, w);
              if (!box_ok (&word->box, page))
                return check_fail (error, "page %u line %u word %u: box outside the page",
                                   page->number, l, w);
              if (!word->text || !g_utf8_validate (word->text, -1, NULL))
                return check_fail (error, "page %u line %u word %u: text is not UTF-8",
                                   page->number, l, w);
            }
        }
      if (next != page->words->len)
        return check_fail (error, "page %u: %u words belong to no line", page->number,
                           page->words->len - next);
      for (guint i = 0; i < page->fills->len; i++)
        if (!box_ok (&g_array_index (page->fills, PsFill, i).box, page))
          return check_fail (error, "page %u fill %u: box outside the page", page->number, i);
      for (guint i = 0; i < page->rulings->len; i++)
        {
          const PsRuling *r = &g_array_index (page->rulings, PsRuling, i);
          PsBox b = { MIN (r->x0, r->x1), MIN (r->y0, r->y1), MAX (r->x0, r->x1),
                      MAX (r->y0, r->y1) };
          if (r->dir == PS_RULING_NONE || !box_ok (&b, page))
            return check_fail (error, "page %u ruling %u: outside the page or no direction",
                               page->number, i);
        }
    }
  for (guint b = 0; b < doc->blocks->len; b++)
    {
      const PsBlock *block = g_ptr_array_index (doc->blocks, b);
      char where[32];
      g_snprintf (where, sizeof where, "block %u", b);
      if (block->kind == PS_BLOCK_TABLE && (!block->table || !check_table (block->table, where, error)))
        return block->table ? FALSE : check_fail (error, "%s: table without cells", where);
    }
  return TRUE;
}
