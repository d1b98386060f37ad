/* extract.c — the extract stage: layout, document facts, then items from the
 * block stream, the same way for PDF and HTML. */
#include "ps_extract.h"

#include <string.h>

#include "extract_private.h"

G_DEFINE_QUARK (ps-extract-error-quark, ps_extract_error)

void
ps_extract_init (void)
{
  /* Compile the patterns and build the vocabularies before any thread
   * needs them. */
  ps_extract_pattern (PAT_REF_CELL);
  PsRole roles[1];
  PsItemKind kind;
  ps_header_roles ("ref", roles, 1, &kind);
}

gboolean
ps_extract_matches (ExtractPattern id, const char *text)
{
  if (!text)
    return FALSE;
  g_autoptr (pcre2_match_data) md = ps_pattern_match (ps_extract_pattern (id), text, -1, 0);
  return md != NULL;
}

static PsTable *
copy_table (PsDoc *dst, const PsTable *src)
{
  PsTable *t = ps_table_new ();
  t->n_rows = src->n_rows;
  t->n_cols = src->n_cols;
  t->page = src->page;
  t->box = src->box;
  t->xpath = ps_doc_strdup (dst, src->xpath);
  for (guint i = 0; i < src->cells->len; i++)
    {
      PsCell c = g_array_index (src->cells, PsCell, i);
      c.text = ps_doc_strdup (dst, c.text);
      c.xpath = ps_doc_strdup (dst, c.xpath);
      g_array_append_val (t->cells, c);
    }
  return t;
}

PsDoc *
ps_extract_layout (const PsDoc *doc, const PsExtractOptions *opts, GError **error)
{
  static const PsExtractOptions defaults = { 0 };
  (void) error;
  if (!opts)
    opts = &defaults;
  PsDoc *layout = ps_doc_new ();
  layout->source = ps_doc_strdup (layout, doc->source);
  layout->format = doc->format;
  memcpy (layout->sha256, doc->sha256, sizeof layout->sha256);
  layout->bytes = doc->bytes;
  layout->title = ps_doc_strdup (layout, doc->title);
  layout->date_text = ps_doc_strdup (layout, doc->date_text);
  layout->date = ps_doc_strdup (layout, doc->date);
  layout->n_pages = doc->n_pages;
  if (doc->format == PS_FORMAT_PDF)
    ps_layout_pdf (doc, opts, layout);
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const PsBlock *src = g_ptr_array_index (doc->blocks, i);
      PsBlock *b = ps_doc_add_block (layout, src->kind);
      PsTable *table = b->table;
      *b = *src;
      b->table = table;
      b->text = ps_doc_strdup (layout, src->text);
      b->xpath = ps_doc_strdup (layout, src->xpath);
      if (src->table)
        b->table = copy_table (layout, src->table);
    }
  return layout;
}

/* Walks the blocks: headings open sections, tables and numbered paragraphs
 * give items. */
static void
items_from_blocks (Ctx *ctx, const PsDoc *layout)
{
  const PsBlock *const *blocks = (const PsBlock *const *) layout->blocks->pdata;
  guint n = layout->blocks->len;
  for (guint i = 0; i < n; i++)
    {
      const PsBlock *b = blocks[i];
      if (b->kind == PS_BLOCK_TABLE)
        {
          ps_table_items (ctx, b);
          continue;
        }
      if (ps_block_is_heading (b))
        {
          ps_item_finish (ctx);
          ps_ctx_heading (ctx, b->text, b->kind == PS_BLOCK_HEADING ? MAX (b->level, 1) : 7);
          continue;
        }
      guint used = 0;
      ps_prose_items (ctx, blocks + i, n - i, &used);
      if (used)
        i += used - 1;
    }
  ps_item_finish (ctx);
}

PsItemList *
ps_extract (const PsDoc *doc, const PsExtractOptions *opts, GError **error)
{
  g_autoptr (PsDoc) layout = ps_extract_layout (doc, opts, error);
  if (!layout)
    return NULL;
  PsItemList *list = ps_item_list_new ();
  ps_item_list_set_document (list, doc);
  Ctx ctx = { 0 };
  ctx.doc = doc;
  ctx.opts = opts;
  ctx.list = list;
  ps_document_facts (&ctx, layout);
  items_from_blocks (&ctx, layout);
  g_clear_pointer (&ctx.group, g_ptr_array_unref);
  return list;
}
