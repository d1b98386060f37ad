/* fields.c — the one field-order table behind JSON, JSONL and CSV.
 *
 * A record (one JSONL line, one CSV row) is the item's document fields
 * followed by the item's members.  The rows below are in record order; each
 * lists the CSV columns read from that member.  Item members follow the order
 * ps_item_to_json builds them in (schemas/item.schema.json), which the unit
 * test checks, so the items JSON, the JSONL and the CSV agree. */
#include "ps_output.h"

#include <stdlib.h>
#include <string.h>

#include "output_private.h"
#include "ps_model_json.h"

#define COLUMNS(a) a, G_N_ELEMENTS (a)

/* The document fields every record repeats; their first path segments are
 * the members of the record's "document" object. */
static const PsColumn document_columns[] = {
  { "document_source", "source", PS_COLUMN_VALUE },
  { "document_format", "format", PS_COLUMN_VALUE },
  { "document_sha256", "sha256", PS_COLUMN_VALUE },
  { "document_title", "title", PS_COLUMN_VALUE },
  { "document_date", "date.iso", PS_COLUMN_VALUE },
  { "document_date_text", "date.text", PS_COLUMN_VALUE },
  { "document_pages", "pages", PS_COLUMN_VALUE },
};

static const PsColumn ref_columns[] = { { "ref", "", PS_COLUMN_VALUE } };

static const PsColumn ref_parts_columns[] = {
  { "ref_number", "number", PS_COLUMN_VALUE },
  { "ref_parent", "parent", PS_COLUMN_VALUE },
  { "ref_source", "source", PS_COLUMN_VALUE },
};

static const PsColumn kind_columns[] = { { "kind", "", PS_COLUMN_VALUE } };
static const PsColumn section_columns[] = { { "section", "", PS_COLUMN_VALUE } };
static const PsColumn text_columns[] = { { "text", "", PS_COLUMN_VALUE } };

/* The standard column roles get a column each; any other column of the
 * document (and a second column of the same role, "progress_2") lands in
 * other_fields, so a spreadsheet keeps it too. */
static const PsColumn fields_columns[] = {
  { "action", "action", PS_COLUMN_VALUE },
  { "response", "response", PS_COLUMN_VALUE },
  { "outcome", "outcome", PS_COLUMN_VALUE },
  { "progress", "progress", PS_COLUMN_VALUE },
  { "next_steps", "next_steps", PS_COLUMN_VALUE },
  { "sponsor", "sponsor", PS_COLUMN_VALUE },
  { "other_fields", "", PS_COLUMN_OTHER },
};

static const PsColumn owners_text_columns[] = { { "owners_text", "", PS_COLUMN_VALUE } };
static const PsColumn owners_columns[] = { { "owners", "", PS_COLUMN_NAMES } };

static const PsColumn due_columns[] = {
  { "due_text", "text", PS_COLUMN_VALUE },
  { "due_kind", "kind", PS_COLUMN_VALUE },
  { "due_start", "start", PS_COLUMN_VALUE },
  { "due_end", "end", PS_COLUMN_VALUE },
  { "due_precision", "precision", PS_COLUMN_VALUE },
  { "due_ref", "ref", PS_COLUMN_VALUE },
  { "due_revised_from", "revised_from.text", PS_COLUMN_VALUE },
};

static const PsColumn status_columns[] = {
  { "status_text", "text", PS_COLUMN_VALUE },
  { "status_colour", "colour", PS_COLUMN_VALUE },
  { "status_rag", "rag", PS_COLUMN_VALUE },
  { "status_canonical", "canonical", PS_COLUMN_VALUE },
  { "status_source", "source", PS_COLUMN_VALUE },
};

static const PsColumn links_columns[] = { { "links", "", PS_COLUMN_STRINGS } };

static const PsColumn provenance_columns[] = {
  { "provenance_page", "page", PS_COLUMN_VALUE },
  { "provenance_x0", "bbox.0", PS_COLUMN_VALUE },
  { "provenance_y0", "bbox.1", PS_COLUMN_VALUE },
  { "provenance_x1", "bbox.2", PS_COLUMN_VALUE },
  { "provenance_y1", "bbox.3", PS_COLUMN_VALUE },
  { "provenance_xpath", "xpath", PS_COLUMN_VALUE },
};

static const PsMember members[] = {
  { "document", TRUE, COLUMNS (document_columns) },
  { "ref", FALSE, COLUMNS (ref_columns) },
  { "ref_parts", FALSE, COLUMNS (ref_parts_columns) },
  { "kind", FALSE, COLUMNS (kind_columns) },
  { "section", FALSE, COLUMNS (section_columns) },
  { "text", FALSE, COLUMNS (text_columns) },
  { "fields", FALSE, COLUMNS (fields_columns) },
  { "owners_text", FALSE, COLUMNS (owners_text_columns) },
  { "owners", FALSE, COLUMNS (owners_columns) },
  { "due", FALSE, COLUMNS (due_columns) },
  { "status", FALSE, COLUMNS (status_columns) },
  { "links", FALSE, COLUMNS (links_columns) },
  { "provenance", FALSE, COLUMNS (provenance_columns) },
};

const PsMember *
ps_output_members (guint *n_members)
{
  *n_members = G_N_ELEMENTS (members);
  return members;
}

guint
ps_output_n_members (void)
{
  return G_N_ELEMENTS (members);
}

const char *
ps_output_member_name (guint i)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (members), NULL);
  return members[i].name;
}

/* Column i as (member, column). */
static gboolean
find_column (guint i, const PsMember **member, const PsColumn **column)
{
  for (gsize m = 0; m < G_N_ELEMENTS (members); m++)
    {
      if (i < members[m].n_columns)
        {
          *member = &members[m];
          *column = &members[m].columns[i];
          return TRUE;
        }
      i -= members[m].n_columns;
    }
  return FALSE;
}

guint
ps_output_n_columns (void)
{
  guint n = 0;
  for (gsize m = 0; m < G_N_ELEMENTS (members); m++)
    n += members[m].n_columns;
  return n;
}

const char *
ps_output_column_name (guint i)
{
  const PsMember *m;
  const PsColumn *c;
  g_return_val_if_fail (find_column (i, &m, &c), NULL);
  return c->name;
}

const char *
ps_output_column_member (guint i)
{
  const PsMember *m;
  const PsColumn *c;
  g_return_val_if_fail (find_column (i, &m, &c), NULL);
  return m->name;
}

const cJSON *
ps_output_lookup (const cJSON *v, const char *path)
{
  const char *p = path;
  while (v && *p)
    {
      const char *dot = strchr (p, '.');
      gsize len = dot ? (gsize) (dot - p) : strlen (p);
      char key[64];
      if (len >= sizeof key)
        return NULL;
      memcpy (key, p, len);
      key[len] = '\0';
      if (cJSON_IsArray (v) && g_ascii_isdigit (key[0]))
        v = cJSON_GetArrayItem (v, atoi (key));
      else if (cJSON_IsObject (v))
        v = cJSON_GetObjectItemCaseSensitive (v, key);
      else
        return NULL;
      p += len;
      if (*p == '.')
        p++;
    }
  return v;
}

/* The first segment of a path into key (size n). */
static void
first_segment (const char *path, char *key, gsize n)
{
  gsize len = strcspn (path, ".");
  if (len >= n)
    len = n - 1;
  memcpy (key, path, len);
  key[len] = '\0';
}

cJSON *
ps_output_document_subset (const PsItemList *list)
{
  g_autoptr (cJSON) full = ps_item_list_document_to_json (list);
  cJSON *doc = cJSON_CreateObject ();
  for (gsize m = 0; m < G_N_ELEMENTS (members); m++)
    {
      if (!members[m].from_document)
        continue;
      for (guint c = 0; c < members[m].n_columns; c++)
        {
          char key[64];
          first_segment (members[m].columns[c].path, key, sizeof key);
          if (cJSON_GetObjectItemCaseSensitive (doc, key))
            continue; /* date.iso and date.text share "date" */
          cJSON *v = cJSON_DetachItemFromObjectCaseSensitive (full, key);
          cJSON_AddItemToObject (doc, key, v ? v : cJSON_CreateNull ());
        }
    }
  return doc;
}

/* Moves the members of from into to in table order, then any the table
 * does not know. */
static void
move_members (cJSON *to, cJSON *from)
{
  for (gsize m = 0; m < G_N_ELEMENTS (members); m++)
    {
      if (members[m].from_document)
        continue;
      cJSON *v = cJSON_DetachItemFromObjectCaseSensitive (from, members[m].name);
      if (v)
        cJSON_AddItemToObject (to, members[m].name, v);
    }
  cJSON *v;
  while ((v = from->child))
    {
      cJSON_DetachItemViaPointer (from, v);
      cJSON_AddItemToObject (to, v->string, v);
    }
}

cJSON *
ps_output_record_build (const cJSON *document, const PsItem *item)
{
  cJSON *rec = cJSON_CreateObject ();
  for (gsize m = 0; m < G_N_ELEMENTS (members); m++)
    if (members[m].from_document)
      cJSON_AddItemToObject (rec, members[m].name, cJSON_Duplicate (document, TRUE));
  g_autoptr (cJSON) it = ps_item_to_json (item);
  move_members (rec, it);
  return rec;
}

void
ps_output_item_order (cJSON *item)
{
  g_autoptr (cJSON) tmp = cJSON_CreateObject ();
  move_members (tmp, item);
  move_members (item, tmp);
}

cJSON *
ps_output_record (const PsItemList *list, guint index)
{
  g_return_val_if_fail (index < list->items->len, NULL);
  g_autoptr (cJSON) doc = ps_output_document_subset (list);
  return ps_output_record_build (doc, g_ptr_array_index (list->items, index));
}
