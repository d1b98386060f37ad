/* item.c — PsItemList and PsItem: the record every later stage fills. */
#include "ps_model.h"

#include <string.h>

static void
due_free_chain (PsDue *due)
{
  /* Walk the chain instead of recursing: a hostile stage JSON could nest
   * revised_from deeply. */
  PsDue *d = due;
  while (d)
    {
      PsDue *next = d->revised_from;
      g_free (d);
      d = next;
    }
}

void
ps_due_clear (PsDue *due)
{
  due_free_chain (due->revised_from);
  memset (due, 0, sizeof *due);
}

PsDue *
ps_due_add_revised_from (PsDue *due)
{
  g_return_val_if_fail (due->revised_from == NULL, due->revised_from);
  due->revised_from = g_new0 (PsDue, 1);
  return due->revised_from;
}

static void
item_free (gpointer data)
{
  PsItem *item = data;
  g_ptr_array_unref (item->fields);
  g_ptr_array_unref (item->owners);
  g_ptr_array_unref (item->links);
  due_free_chain (item->due.revised_from);
  g_free (item);
}

PsItemList *
ps_item_list_new (void)
{
  PsItemList *list = g_new0 (PsItemList, 1);
  list->key = g_array_new (FALSE, TRUE, sizeof (PsKeyEntry));
  list->glossary = g_array_new (FALSE, TRUE, sizeof (PsGlossaryEntry));
  list->items = g_ptr_array_new_with_free_func (item_free);
  list->strings = g_string_chunk_new (16 * 1024);
  return list;
}

void
ps_item_list_free (PsItemList *list)
{
  if (!list)
    return;
  g_array_unref (list->key);
  g_array_unref (list->glossary);
  g_ptr_array_unref (list->items);
  g_string_chunk_free (list->strings);
  g_free (list);
}

const char *
ps_item_list_strdup (PsItemList *list, const char *s)
{
  return s ? g_string_chunk_insert (list->strings, s) : NULL;
}

const char *
ps_item_list_strndup (PsItemList *list, const char *s, gsize len)
{
  return s ? g_string_chunk_insert_len (list->strings, s, (gssize) len) : NULL;
}

void
ps_item_list_set_document (PsItemList *list, const PsDoc *doc)
{
  list->source = ps_item_list_strdup (list, doc->source);
  list->format = doc->format;
  memcpy (list->sha256, doc->sha256, sizeof list->sha256);
  list->bytes = doc->bytes;
  list->title = ps_item_list_strdup (list, doc->title);
  list->date_text = ps_item_list_strdup (list, doc->date_text);
  list->date = ps_item_list_strdup (list, doc->date);
  list->n_pages = doc->n_pages;
}

PsItem *
ps_item_list_add (PsItemList *list)
{
  PsItem *item = g_new0 (PsItem, 1);
  item->fields = g_ptr_array_new_with_free_func (g_free);
  item->owners = g_ptr_array_new_with_free_func (g_free);
  item->links = g_ptr_array_new ();
  g_ptr_array_add (list->items, item);
  return item;
}

PsField *
ps_item_add_field (PsItemList *list, PsItem *item, PsRole role, const char *name,
                   const char *text)
{
  PsField *f = g_new0 (PsField, 1);
  f->role = role;
  f->name = ps_item_list_strdup (list, name);
  f->text = ps_item_list_strdup (list, text ? text : "");
  g_ptr_array_add (item->fields, f);
  return f;
}

PsOwner *
ps_item_add_owner (PsItemList *list, PsItem *item, const char *text)
{
  PsOwner *o = g_new0 (PsOwner, 1);
  o->text = ps_item_list_strdup (list, text ? text : "");
  g_ptr_array_add (item->owners, o);
  return o;
}

void
ps_item_add_link (PsItemList *list, PsItem *item, const char *ref)
{
  for (guint i = 0; i < item->links->len; i++)
    if (g_strcmp0 (g_ptr_array_index (item->links, i), ref) == 0)
      return;
  g_ptr_array_add (item->links, (gpointer) ps_item_list_strdup (list, ref));
}

const PsField *
ps_item_get_field (const PsItem *item, PsRole role)
{
  for (guint i = 0; i < item->fields->len; i++)
    {
      const PsField *f = g_ptr_array_index (item->fields, i);
      if (f->role == role)
        return f;
    }
  return NULL;
}
