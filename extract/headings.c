/* headings.c — which blocks are headings, and the sections they open. */
#include "extract_private.h"

#include <string.h>


static guint
count_words (const char *s)
{
  guint n = 0;
  gboolean in_word = FALSE;
  for (; *s; s++)
    {
      gboolean space = g_ascii_isspace (*s);
      if (!space && !in_word)
        n++;
      in_word = !space;
    }
  return n;
}

gboolean
ps_block_is_heading (const PsBlock *block)
{
  if (block->kind == PS_BLOCK_HEADING)
    return TRUE;
  /* A short bold paragraph reads as a heading when a document has no
   * heading markup (many council pages use <p><strong>…</strong></p>). */
  if (block->kind != PS_BLOCK_PARAGRAPH || !(block->flags & PS_TEXT_BOLD))
    return FALSE;
  const char *t = block->text;
  gsize len = strlen (t);
  if (len == 0 || strchr (t, '\n') || count_words (t) > MAX_HEADING_WORDS)
    return FALSE;
  /* A sentence is not a heading. */
  return t[len - 1] != '.' || ps_extract_matches (PAT_STATUS_HEADING, t);
}

/* Headings nest by level: a heading closes every deeper one.  A heading
 * that states progress ("Actions completed as of March 2024") opens a new
 * part of the document, so it also closes the theme above it. */
void
ps_ctx_heading (Ctx *ctx, const char *text, guint level)
{
  g_autofree char *flat = ps_text_flatten (text);
  if (!flat || !*flat || ps_extract_matches (PAT_FURNITURE, flat))
    return;
  if (ctx->title && strcmp (flat, ctx->title) == 0)
    return;
  /* A date on its own line ("January 2024", "September Update 2018") dates
   * the document; it is not a section. */
  if (ps_extract_matches (PAT_DOC_DATE, flat) && strlen (flat) <= 32)
    {
      guint words = 1;
      for (const char *p = flat; *p; p++)
        words += *p == ' ';
      if (words <= 4)
        return;
    }
  const char *s = ps_item_list_strdup (ctx->list, flat);
  if (ps_extract_matches (PAT_STATUS_HEADING, flat))
    {
      ctx->status_heading = s;
      ctx->status_level = level;
      ctx->theme = NULL;
      ctx->theme_level = 0;
      return;
    }
  if (ctx->status_heading && level < ctx->status_level)
    ctx->status_heading = NULL;
  ctx->theme = s;
  ctx->theme_level = level;
}
