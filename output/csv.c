/* csv.c — one row per item, the columns of the field-order table (RFC 4180).
 *
 * Rows are read from the same record a JSONL line prints, so the CSV can
 * only lose structure (owners become names joined by "; "), never disagree. */
#include "ps_output.h"

#include <string.h>

#include "output_private.h"
#include "ps_model_json.h"

#define CSV_EOL "\r\n"
#define CSV_JOIN "; "

void
ps_output_csv_field_append (GString *out, const char *text)
{
  if (!text || !*text)
    return;
  if (!text[strcspn (text, ",\"\r\n")])
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* A scalar as a cell: strings as they are, numbers and booleans as the
 * JSONL prints them, null (or nothing) as the empty cell. */
static void
scalar_text (GString *cell, const cJSON *v)
{
  if (!v || cJSON_IsNull (v))
    return;
  if (cJSON_IsString (v))
    {
      g_string_append (cell, v->valuestring);
      return;
    }
  char *s = cJSON_PrintUnformatted (v);
  if (s)
    g_string_append (cell, s);
  cJSON_free (s);
}

static void
join_text (GString *cell, const char *text)
{
  if (cell->len)
    g_string_append (cell, CSV_JOIN);
  g_string_append (cell, text);
}

/* "key: text" for every member of obj no sibling column of member reads. */
static void
other_text (GString *cell, const cJSON *obj, const PsMember *member)
{
  const cJSON *v;
  cJSON_ArrayForEach (v, obj)
  {
    gboolean own = FALSE;
    for (guint c = 0; c < member->n_columns && !own; c++)
      own = member->columns[c].kind == PS_COLUMN_VALUE
            && g_strcmp0 (member->columns[c].path, v->string) == 0;
    if (own)
      continue;
    if (cell->len)
      g_string_append_c (cell, '\n');
    g_string_append (cell, v->string);
    g_string_append (cell, ": ");
    scalar_text (cell, v);
  }
}

static void
cell_text (GString *cell, const cJSON *value, const PsMember *member, const PsColumn *column)
{
  const cJSON *v = ps_output_lookup (value, column->path);
  const cJSON *array = cJSON_IsArray (v) ? v : NULL;
  const cJSON *e;
  switch (column->kind)
    {
    case PS_COLUMN_VALUE:
      scalar_text (cell, v);
      break;
    case PS_COLUMN_NAMES:
      cJSON_ArrayForEach (e, array)
      {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive (e, "name");
        if (!cJSON_IsString (name))
          name = cJSON_GetObjectItemCaseSensitive (e, "text");
        if (cJSON_IsString (name))
          join_text (cell, name->valuestring);
      }
      break;
    case PS_COLUMN_STRINGS:
      cJSON_ArrayForEach (e, array)
      if (cJSON_IsString (e))
        join_text (cell, e->valuestring);
      break;
    case PS_COLUMN_OTHER:
      if (cJSON_IsObject (v))
        other_text (cell, v, member);
      break;
    }
}

void
ps_output_csv_header_append (GString *out)
{
  g_return_if_fail (out != NULL);
  guint n = ps_output_n_columns ();
  for (guint i = 0; i < n; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      ps_output_csv_field_append (out, ps_output_column_name (i));
    }
  g_string_append (out, CSV_EOL);
}

static void
row_append (GString *out, const cJSON *record, GString *cell)
{
  guint n_members;
  const PsMember *members = ps_output_members (&n_members);
  gboolean first = TRUE;
  for (guint m = 0; m < n_members; m++)
    {
      const cJSON *value = cJSON_GetObjectItemCaseSensitive (record, members[m].name);
      for (guint c = 0; c < members[m].n_columns; c++)
        {
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          g_string_truncate (cell, 0);
          cell_text (cell, value, &members[m], &members[m].columns[c]);
          ps_output_csv_field_append (out, cell->str);
        }
    }
  g_string_append (out, CSV_EOL);
}

void
ps_output_csv_rows_append (GString *out, const PsItemList *list)
{
  g_return_if_fail (out != NULL && list != NULL);
  g_autoptr (cJSON) doc = ps_output_document_subset (list);
  g_autoptr (GString) cell = g_string_new (NULL);
  for (guint i = 0; i < list->items->len; i++)
    {
      g_autoptr (cJSON) rec = ps_output_record_build (doc, g_ptr_array_index (list->items, i));
      row_append (out, rec, cell);
    }
}
