/* items.c — build items row by row, then commit their strings. */
#include "extract_private.h"

#include <string.h>

static void
field_builder_free (gpointer data)
{
  FieldBuilder *f = data;
  g_string_free (f->text, TRUE);
  g_free (f);
}

static void
builder_free (ItemBuilder *b)
{
  g_string_free (b->text, TRUE);
  g_string_free (b->owners, TRUE);
  g_string_free (b->due, TRUE);
  g_string_free (b->status, TRUE);
  g_ptr_array_unref (b->fields);
  g_hash_table_unref (b->cells);
  g_free (b);
}

void
ps_item_set_ref (PsItemList *list, PsItem *item, const char *text)
{
  g_autofree char *flat = ps_text_flatten (text);
  if (!flat || !*flat)
    return;
  /* The full stop after a list number is punctuation, not part of it. */
  gsize n = strlen (flat);
  while (n > 1 && (flat[n - 1] == '.' || flat[n - 1] == ':'))
    flat[--n] = '\0';
  item->ref = ps_item_list_strdup (list, flat);
  g_autoptr (pcre2_match_data) md
      = ps_pattern_match (ps_extract_pattern (PAT_REF_CELL), flat, -1, 0);
  if (!md)
    {
      item->ref_parts.number = item->ref;
      return;
    }
  const pcre2_code *code = ps_extract_pattern (PAT_REF_CELL);
  g_autofree char *number = ps_match_named (code, md, flat, "number");
  g_autofree char *source = ps_match_named (code, md, flat, "source");
  g_autofree char *label = ps_match_named (code, md, flat, "label");
  /* "Rec 3", "Recommendation 3": the word is a label, the number is the
   * ref ("R3" keeps its letter: it is part of the number). */
  if (label && *label && number)
    {
      g_autofree char *bare = source && *source ? g_strdup_printf ("%s %s", number, source)
                                                : g_strdup (number);
      gsize bl = strlen (bare);
      while (bl > 1 && bare[bl - 1] == '.')
        bare[--bl] = '\0';
      item->ref = ps_item_list_strdup (list, bare);
    }
  if (number)
    {
      gsize nl = strlen (number);
      while (nl > 1 && number[nl - 1] == '.')
        number[--nl] = '\0';
      item->ref_parts.number = ps_item_list_strdup (list, number);
      /* "1.10" belongs to "1"; "4.2.3" to "4.2"; "1a" and "4(a)" to "1" and "4". */
      const char *dot = strrchr (number, '.');
      gsize digits = strspn (number, "0123456789");
      if (dot && dot > number && g_ascii_isdigit (dot[1]))
        item->ref_parts.parent = ps_item_list_strndup (list, number, (gsize) (dot - number));
      else if (digits && number[digits] && !dot
               && (g_ascii_islower (number[digits]) || number[digits] == '('
                   || number[digits] == ' '))
        item->ref_parts.parent = ps_item_list_strndup (list, number, digits);
    }
  if (source && *source)
    item->ref_parts.source = ps_item_list_strdup (list, source);
}

static ItemBuilder *
builder_new (Ctx *ctx, PsItemKind kind, const char *ref_text, const PsProv *prov)
{
  ItemBuilder *b = g_new0 (ItemBuilder, 1);
  b->item = ps_item_list_add (ctx->list);
  b->text = g_string_new (NULL);
  b->owners = g_string_new (NULL);
  b->due = g_string_new (NULL);
  b->status = g_string_new (NULL);
  b->fields = g_ptr_array_new_with_free_func (field_builder_free);
  b->cells = g_hash_table_new (g_direct_hash, g_direct_equal);
  b->item->kind = kind ? kind : PS_ITEM_KIND_ACTION;
  b->item->section = ctx->theme;
  b->item->status.section = ctx->status_heading;
  if (ref_text)
    ps_item_set_ref (ctx->list, b->item, ref_text);
  if (prov)
    b->item->prov = *prov;
  return b;
}

void
ps_item_begin (Ctx *ctx, PsItemKind kind, const char *ref_text, const PsProv *prov)
{
  ps_item_finish (ctx);
  if (!ctx->group)
    ctx->group = g_ptr_array_new ();
  ctx->cur = builder_new (ctx, kind, ref_text, prov);
  g_ptr_array_add (ctx->group, ctx->cur);
}

void
ps_item_begin_sibling (Ctx *ctx, PsItemKind kind, const char *ref_text, const PsProv *prov)
{
  if (!ctx->cur)
    {
      ps_item_begin (ctx, kind, ref_text, prov);
      return;
    }
  ItemBuilder *b = builder_new (ctx, kind, ref_text, prov);
  /* The sibling has already seen what the first has. */
  GHashTableIter it;
  gpointer cell;
  g_hash_table_iter_init (&it, ctx->cur->cells);
  while (g_hash_table_iter_next (&it, &cell, NULL))
    g_hash_table_add (b->cells, cell);
  ctx->cur = b;
  g_ptr_array_add (ctx->group, b);
}

gboolean
ps_item_take_cell (Ctx *ctx, const PsCell *cell)
{
  if (!ctx->cur || !cell)
    return FALSE;
  if (g_hash_table_contains (ctx->cur->cells, cell))
    return FALSE;
  for (guint i = 0; i < ctx->group->len; i++)
    g_hash_table_add (((ItemBuilder *) g_ptr_array_index (ctx->group, i))->cells, (gpointer) cell);
  return TRUE;
}

static void
append_part (GString *s, const char *text)
{
  if (s->len)
    g_string_append_c (s, '\n');
  g_string_append (s, text);
}

static void add_to (ItemBuilder *b, PsRole role, const char *name, gboolean text_role,
                    const char *clean, const PsProv *prov);

void
ps_item_add (Ctx *ctx, PsRole role, const char *name, gboolean text_role, const char *text,
             const PsProv *prov)
{
  g_autofree char *clean = ps_text_collapse (text);
  if (!ctx->cur || !clean || !*clean)
    return;
  if (text_role)
    add_to (ctx->cur, role, name, TRUE, clean, prov);
  else
    for (guint i = 0; i < ctx->group->len; i++)
      add_to (g_ptr_array_index (ctx->group, i), role, name, FALSE, clean, prov);
}

static void
add_to (ItemBuilder *b, PsRole role, const char *name, gboolean text_role, const char *clean,
        const PsProv *prov)
{
  PsItem *item = b->item;
  GString *dst = NULL;
  PsProv *where = NULL;
  if (text_role)
    {
      dst = b->text;
      where = &item->text_prov;
    }
  else
    switch (role)
      {
      case PS_ROLE_OWNER:
        dst = b->owners;
        where = &item->owners_prov;
        break;
      case PS_ROLE_DUE:
        dst = b->due;
        where = &item->due_prov;
        break;
      case PS_ROLE_STATUS:
        dst = b->status;
        where = &item->status_prov;
        break;
      case PS_ROLE_REF:
      case PS_ROLE_NONE:
        return;
      default:
        {
          /* Named roles merge by role; "other" columns by header. */
          const char *key = role == PS_ROLE_OTHER ? name : NULL;
          FieldBuilder *f = NULL;
          for (guint i = 0; i < b->fields->len && !f; i++)
            {
              FieldBuilder *g = g_ptr_array_index (b->fields, i);
              if (g->role == role && g_strcmp0 (g->name, key) == 0)
                f = g;
            }
          if (!f)
            {
              f = g_new0 (FieldBuilder, 1);
              f->role = role;
              f->name = key;
              f->text = g_string_new (NULL);
              g_ptr_array_add (b->fields, f);
            }
          dst = f->text;
          where = &f->prov;
        }
      }
  if (where && !ps_prov_is_set (where) && prov)
    *where = *prov;
  append_part (dst, clean);
}

static const char *
commit (PsItemList *list, GString *s)
{
  return s->len ? ps_item_list_strndup (list, s->str, s->len) : NULL;
}

static void finish_one (Ctx *ctx, ItemBuilder *b);

void
ps_item_finish (Ctx *ctx)
{
  if (!ctx->cur)
    return;
  ctx->cur = NULL;
  for (guint i = 0; i < ctx->group->len; i++)
    finish_one (ctx, g_ptr_array_index (ctx->group, i));
  g_ptr_array_set_size (ctx->group, 0);
}

static void
finish_one (Ctx *ctx, ItemBuilder *b)
{
  PsItem *item = b->item;
  /* A number with nothing beside it is not an item. */
  if (!b->text->len && !b->owners->len && !b->due->len && !b->fields->len)
    {
      g_ptr_array_remove (ctx->list->items, item);
      builder_free (b);
      return;
    }
  item->text = commit (ctx->list, b->text);
  item->owners_text = commit (ctx->list, b->owners);
  item->due.text = commit (ctx->list, b->due);
  if (b->status->len)
    item->status.text = commit (ctx->list, b->status);
  for (guint i = 0; i < b->fields->len; i++)
    {
      FieldBuilder *f = g_ptr_array_index (b->fields, i);
      PsField *field = ps_item_add_field (ctx->list, item, f->role, f->name, f->text->str);
      field->prov = f->prov;
    }
  if (!ps_prov_is_set (&item->prov))
    item->prov = item->text_prov;
  builder_free (b);
}
