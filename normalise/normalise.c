/* normalise.c — the normalise stage: every item's due, owners, status and
 * links from the raw text extract left, against one per-document context. */
#include "normalise_private.h"

#include <string.h>

PsNormaliseContext *
ps_normalise_context_new (const PsItemList *list)
{
  g_return_val_if_fail (list != NULL, NULL);
  ps_normalise_init ();
  PsNormaliseContext *ctx = g_new0 (PsNormaliseContext, 1);
  ctx->list = list;
  /* The document's date, "YYYY-MM" or "YYYY-MM-DD"; anything else leaves
   * relative phrases unread. */
  if (!norm_ymd_parse (list->date, &ctx->date))
    memset (&ctx->date, 0, sizeof ctx->date);
  ctx->glossary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < list->glossary->len; i++)
    {
      const PsGlossaryEntry *g = &g_array_index (list->glossary, PsGlossaryEntry, i);
      if (!g->abbr || !g->expansion || !*g->expansion)
        continue;
      char *key = ps_text_key (g->abbr);
      if (*key && !g_hash_table_contains (ctx->glossary, key))
        g_hash_table_insert (ctx->glossary, key, (gpointer) g->expansion);
      else
        g_free (key);
    }
  norm_context_index_refs (ctx);
  norm_context_index_words (ctx);
  return ctx;
}

void
ps_normalise_context_free (PsNormaliseContext *ctx)
{
  if (!ctx)
    return;
  g_hash_table_unref (ctx->item_index);
  g_hash_table_unref (ctx->by_ref);
  g_hash_table_unref (ctx->by_number);
  g_hash_table_unref (ctx->sources);
  g_hash_table_unref (ctx->glossary);
  g_hash_table_unref (ctx->words);
  g_hash_table_unref (ctx->capitalised);
  g_hash_table_unref (ctx->bigrams);
  g_hash_table_unref (ctx->acronyms);
  g_free (ctx);
}

/* The owner cell as extract left it: owners_text, or (from older stage
 * JSON) the texts of the owners already there, one a line. */
static char *
owner_cell (const PsItem *item)
{
  if (item->owners_text)
    return g_strdup (item->owners_text);
  if (!item->owners->len)
    return NULL;
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < item->owners->len; i++)
    {
      const PsOwner *o = g_ptr_array_index (item->owners, i);
      if (s->len)
        g_string_append_c (s, '\n');
      g_string_append (s, o->text ? o->text : "");
    }
  return g_string_free (s, FALSE);
}

gboolean
ps_normalise (PsItemList *list, const PsNormaliseOptions *opts, GError **error)
{
  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  (void) opts;
  g_autoptr (PsNormaliseContext) ctx = ps_normalise_context_new (list);
  for (guint i = 0; i < list->items->len; i++)
    {
      PsItem *item = g_ptr_array_index (list->items, i);
      /* Keep the raw text; everything else is worked out again, so running
       * the stage twice gives the same result. */
      const char *due_text = item->due.text;
      ps_due_parse (ctx, list, due_text, &item->due);
      g_autofree char *owners = owner_cell (item);
      ps_owners_parse (ctx, list, item, owners);
      ps_status_parse (ctx, &item->status);
      ps_links_find (ctx, list, item);
    }
  ps_due_resolve_references (ctx, list);
  ps_owners_resolve_references (ctx, list);
  return TRUE;
}
