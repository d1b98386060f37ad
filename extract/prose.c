/* prose.c — numbered recommendations written as paragraphs:
 *   1. Ensure the approach … maximises engagement.
 *   Lead: Chief Executive
 *   Deadline: June 2024
 * A numbered paragraph is an item only when labelled lines (whose labels
 * name a column role) follow it, so numbered introductions stay prose. */
#include "extract_private.h"

#include <string.h>

/* The role a labelled line names, or PS_ROLE_NONE; its value in *value. */
static PsRole
label_line (const char *line, char **value, const char **name)
{
  const pcre2_code *code = ps_extract_pattern (PAT_LABEL_LINE);
  g_autoptr (pcre2_match_data) md = ps_pattern_match (code, line, -1, 0);
  if (!md)
    return PS_ROLE_NONE;
  g_autofree char *label = ps_match_named (code, md, line, "label");
  PsRole roles[MAX_COLUMN_ROLES];
  PsItemKind kind;
  g_autofree char *key = ps_text_key (label);
  /* The whole label must be a header phrase: "Lead", not "Leaders met". */
  if (!key || ps_header_roles (label, roles, 1, &kind) != 1)
    return PS_ROLE_NONE;
  if (strchr (key, ' ') && g_utf8_strlen (key, -1) > 30)
    return PS_ROLE_NONE;
  *value = ps_match_named (code, md, line, "value");
  *name = NULL;
  return roles[0];
}

static gboolean
opens_item (const PsBlock *b)
{
  if (b->kind != PS_BLOCK_PARAGRAPH && b->kind != PS_BLOCK_LIST_ITEM)
    return FALSE;
  g_autoptr (pcre2_match_data) md
      = ps_pattern_match (ps_extract_pattern (PAT_REF_PREFIX), b->text, -1, 0);
  return md != NULL;
}

/* Lines of blocks[0..n) from the opening paragraph on, stopping at the next
 * numbered paragraph, a heading or a table. */
static GPtrArray *
gather_lines (const PsBlock *const *blocks, guint n, guint *used)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  guint i = 0;
  for (; i < n; i++)
    {
      const PsBlock *b = blocks[i];
      if (i > 0 && (b->kind == PS_BLOCK_TABLE || ps_block_is_heading (b) || opens_item (b)))
        break;
      g_auto (GStrv) parts = g_strsplit (b->text, "\n", -1);
      for (char **p = parts; *p; p++)
        if (**p)
          g_ptr_array_add (lines, g_strdup (*p));
    }
  *used = i;
  return lines;
}

void
ps_prose_items (Ctx *ctx, const PsBlock *const *blocks, guint n, guint *consumed)
{
  *consumed = 0;
  if (n == 0 || !opens_item (blocks[0]))
    return;
  guint used;
  g_autoptr (GPtrArray) lines = gather_lines (blocks, n, &used);
  guint labelled = 0;
  for (guint i = 1; i < lines->len; i++)
    {
      g_autofree char *value = NULL;
      const char *name;
      PsRole role = label_line (g_ptr_array_index (lines, i), &value, &name);
      if (role != PS_ROLE_NONE && role != PS_ROLE_REF)
        labelled++;
    }
  if (labelled == 0)
    return;

  const PsBlock *first = blocks[0];
  const char *text = g_ptr_array_index (lines, 0);
  const pcre2_code *code = ps_extract_pattern (PAT_REF_PREFIX);
  g_autoptr (pcre2_match_data) md = ps_pattern_match (code, text, -1, 0);
  /* The block's text matched across its line break ("1.10" then the text
   * on the next line); its first line alone holds only the number. */
  if (!md)
    return;
  g_autofree char *number = ps_match_named (code, md, text, "number");
  g_autofree char *rest = ps_match_named (code, md, text, "rest");
  PsProv prov = { first->page, first->box,
                  first->xpath ? ps_item_list_strdup (ctx->list, first->xpath) : NULL };
  ps_item_begin (ctx, PS_ITEM_KIND_RECOMMENDATION, number, &prov);
  ps_item_add (ctx, PS_ROLE_RECOMMENDATION, NULL, TRUE, rest, &prov);
  PsRole last = PS_ROLE_RECOMMENDATION;
  for (guint i = 1; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      g_autofree char *value = NULL;
      const char *name;
      PsRole role = label_line (line, &value, &name);
      if (role != PS_ROLE_NONE && role != PS_ROLE_REF)
        {
          last = role;
          ps_item_add (ctx, role, NULL, role == PS_ROLE_RECOMMENDATION, value, &prov);
        }
      else
        /* An unlabelled line continues whatever came before it. */
        ps_item_add (ctx, last, NULL, last == PS_ROLE_RECOMMENDATION, line, &prov);
    }
  ps_item_finish (ctx);
  *consumed = used;
}
