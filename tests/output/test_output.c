/* test_output.c — JSON, JSONL and CSV of a hand-made item list.
 *
 *   test_output            run the checks
 *   test_output --write D  also write D/sample.json, .jsonl and .csv, for
 *                          the schema and CLI tests */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "harness.h"
#include "ps_model_json.h"
#include "ps_output.h"

/* A list with the awkward cases: commas, quotes, line breaks, non-ASCII,
 * empty values, a second column of one role, a column of no known role. */
static PsItemList *
sample_list (void)
{
  PsItemList *list = ps_item_list_new ();
  list->source = ps_item_list_strdup (list, "plans/Plan, \"final\".pdf");
  list->format = PS_FORMAT_PDF;
  memset (list->sha256, 'a', 64);
  list->sha256[64] = '\0';
  list->bytes = 1234;
  list->title = ps_item_list_strdup (list, "Improvement Plan — Café Þ 中文");
  list->date_text = ps_item_list_strdup (list, "March 2024");
  list->date = ps_item_list_strdup (list, "2024-03-01");
  list->n_pages = 3;
  PsKeyEntry key = { PS_COLOUR_RGB (0, 176, 80), ps_item_list_strdup (list, "Complete") };
  g_array_append_val (list->key, key);

  PsItem *a = ps_item_list_add (list);
  a->ref = ps_item_list_strdup (list, "1.10 BCP CEx");
  a->ref_parts.number = ps_item_list_strdup (list, "1.10");
  a->ref_parts.parent = ps_item_list_strdup (list, "1");
  a->ref_parts.source = ps_item_list_strdup (list, "BCP CEx");
  a->kind = PS_ITEM_KIND_RECOMMENDATION;
  a->section = ps_item_list_strdup (list, "Governance, \"Risk\" & Audit");
  a->text = ps_item_list_strdup (list, "Review the constitution,\nthen \"report\" back\r\nby May.");
  ps_item_add_field (list, a, PS_ROLE_RESPONSE, NULL, "Agreed; in hand");
  ps_item_add_field (list, a, PS_ROLE_PROGRESS, NULL, "Half done");
  ps_item_add_field (list, a, PS_ROLE_PROGRESS, NULL, "Second progress column");
  ps_item_add_field (list, a, PS_ROLE_OTHER, "Comments", "See, also: appendix");
  a->owners_text = ps_item_list_strdup (list, "CEx / Head of Legal & Democratic Services");
  PsOwner *o1 = ps_item_add_owner (list, a, "CEx");
  o1->name = ps_item_list_strdup (list, "Chief Executive");
  o1->kind = PS_OWNER_KIND_ROLE;
  PsOwner *o2 = ps_item_add_owner (list, a, "Head of Legal & Democratic Services");
  o2->kind = PS_OWNER_KIND_ROLE;
  a->due.text = ps_item_list_strdup (list, "Q3 2024/25");
  a->due.kind = PS_DUE_KIND_DATE;
  g_strlcpy (a->due.start, "2024-10-01", sizeof a->due.start);
  g_strlcpy (a->due.end, "2024-12-31", sizeof a->due.end);
  a->due.precision = PS_PRECISION_QUARTER;
  PsDue *rev = ps_due_add_revised_from (&a->due);
  rev->text = ps_item_list_strdup (list, "July 2024");
  rev->kind = PS_DUE_KIND_DATE;
  a->status.text = ps_item_list_strdup (list, "On track");
  a->status.colour = PS_COLOUR_RGB (0, 176, 80);
  a->status.rag = PS_RAG_GREEN;
  a->status.canonical = PS_STATUS_ON_TRACK;
  a->status.source = PS_STATUS_SOURCE_TEXT;
  ps_item_add_link (list, a, ps_item_list_strdup (list, "2"));
  ps_item_add_link (list, a, ps_item_list_strdup (list, "R3"));
  a->prov.page = 2;
  a->prov.box = (PsBox){ 72, 100.125, 540.5, 130 };
  a->text_prov = a->prov;

  PsItem *b = ps_item_list_add (list); /* everything empty */
  (void) b;

  PsItem *c = ps_item_list_add (list);
  c->ref = ps_item_list_strdup (list, "2");
  c->ref_parts.number = c->ref;
  c->kind = PS_ITEM_KIND_ACTION;
  c->text = ps_item_list_strdup (list, "Plain text");
  ps_item_add_field (list, c, PS_ROLE_ACTION, NULL, "Do it");
  ps_item_add_field (list, c, PS_ROLE_NEXT_STEPS, NULL, "\"Quoted\" entirely");
  ps_item_add_field (list, c, PS_ROLE_SPONSOR, NULL, "Cllr A. Patel");
  ps_item_add_field (list, c, PS_ROLE_OUTCOME, NULL, "");
  c->prov.xpath = ps_item_list_strdup (list, "/html/body/table[1]/tr[3]");
  return list;
}

/* ---- a small RFC 4180 reader, to read the CSV back -------------------- */

/* Splits csv into rows of fields (GPtrArray of GPtrArray of char*); NULL
 * when it is malformed (a quote inside an unquoted field, an unterminated
 * quote, a row not ended by CRLF). */
static GPtrArray *
csv_read (const char *csv)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = csv;
  while (*p)
    {
      if (*p == '"')
        {
          for (p++;; p++)
            {
              if (!*p)
                goto bad;
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          p++;
        }
      else
        while (*p && *p != ',' && *p != '\r' && *p != '\n')
          {
            if (*p == '"')
              goto bad;
            g_string_append_c (field, *p++);
          }
      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == ',')
        p++;
      else if (p[0] == '\r' && p[1] == '\n')
        {
          p += 2;
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
      else
        goto bad;
    }
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
bad:
  g_ptr_array_unref (row);
  g_ptr_array_unref (rows);
  g_string_free (field, TRUE);
  return NULL;
}

static const char *
cell (GPtrArray *rows, guint r, guint c)
{
  GPtrArray *row = g_ptr_array_index (rows, r);
  return c < row->len ? g_ptr_array_index (row, c) : NULL;
}

static guint
column_index (const char *name)
{
  for (guint i = 0; i < ps_output_n_columns (); i++)
    if (strcmp (ps_output_column_name (i), name) == 0)
      return i;
  return G_MAXUINT;
}

/* ---- checks -------------------------------------------------------------- */

static void
test_formats (void)
{
  STR_EQ (ps_output_format_to_string (PS_OUTPUT_FORMAT_JSONL), "jsonl");
  INT_EQ (ps_output_format_from_string ("csv"), PS_OUTPUT_FORMAT_CSV);
  INT_EQ (ps_output_format_from_string ("CSV"), PS_OUTPUT_FORMAT_CSV);
  INT_EQ (ps_output_format_from_string ("xml"), PS_OUTPUT_FORMAT_NONE);
  INT_EQ (ps_output_format_from_string (NULL), PS_OUTPUT_FORMAT_NONE);
  OK (ps_output_format_to_string (PS_OUTPUT_FORMAT_NONE) == NULL);
}

static void
test_csv_field (void)
{
  struct
  {
    const char *in, *out;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "\"", "\"\"\"\"" },
    { "line\nbreak", "\"line\nbreak\"" },
    { "cr\rhere", "\"cr\rhere\"" },
    { "Café — 中文", "Café — 中文" },
    { " spaced ", " spaced " },
    { "semi;colon", "semi;colon" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) s = g_string_new (NULL);
      ps_output_csv_field_append (s, cases[i].in);
      STR_EQ (s->str, cases[i].out);
    }
  g_autoptr (GString) s = g_string_new (NULL);
  ps_output_csv_field_append (s, NULL);
  STR_EQ (s->str, "");
}

/* The table and ps_item_to_json agree on the item's members and order. */
static void
test_table_matches_model (const PsItemList *list)
{
  INT_EQ (ps_output_n_members () > 1, 1);
  STR_EQ (ps_output_member_name (0), "document");
  g_autoptr (cJSON) item = ps_item_to_json (g_ptr_array_index (list->items, 0));
  guint i = 1;
  const cJSON *m;
  cJSON_ArrayForEach (m, item)
  {
    OK (i < ps_output_n_members ());
    if (i < ps_output_n_members ())
      STR_EQ (m->string, ps_output_member_name (i));
    i++;
  }
  INT_EQ (i, ps_output_n_members ());

  /* Column names are unique, and grouped by member in member order. */
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  guint member = 0;
  for (guint c = 0; c < ps_output_n_columns (); c++)
    {
      OK (g_hash_table_add (names, (gpointer) ps_output_column_name (c)));
      while (member < ps_output_n_members ()
             && strcmp (ps_output_member_name (member), ps_output_column_member (c)) != 0)
        member++;
      OK (member < ps_output_n_members ());
    }
}

static void
test_jsonl (const PsItemList *list, const char *jsonl)
{
  g_auto (GStrv) lines = g_strsplit (jsonl, "\n", -1);
  INT_EQ (g_strv_length (lines), list->items->len + 1); /* and a final "" */
  STR_EQ (lines[list->items->len], "");
  for (guint i = 0; i < list->items->len; i++)
    {
      g_autoptr (cJSON) rec = ps_json_parse (lines[i], strlen (lines[i]), NULL);
      OK (cJSON_IsObject (rec));
      if (!rec)
        continue;
      /* Members in table order, each once. */
      guint k = 0;
      const cJSON *m;
      cJSON_ArrayForEach (m, rec)
      {
        if (k < ps_output_n_members ())
          STR_EQ (m->string, ps_output_member_name (k));
        k++;
      }
      INT_EQ (k, ps_output_n_members ());
      /* The document fields, repeated on every line. */
      const cJSON *doc = cJSON_GetObjectItemCaseSensitive (rec, "document");
      const char *want[] = { "source", "format", "sha256", "title", "date", "pages" };
      k = 0;
      cJSON_ArrayForEach (m, doc)
      {
        if (k < G_N_ELEMENTS (want))
          STR_EQ (m->string, want[k]);
        k++;
      }
      INT_EQ (k, G_N_ELEMENTS (want));
      STR_EQ (cJSON_GetObjectItemCaseSensitive (doc, "source")->valuestring,
              "plans/Plan, \"final\".pdf");
      /* Each line equals the record API. */
      g_autoptr (cJSON) direct = ps_output_record (list, i);
      OK (cJSON_Compare (rec, direct, TRUE));
    }
  g_autoptr (cJSON) first = ps_json_parse (lines[0], strlen (lines[0]), NULL);
  const cJSON *text = cJSON_GetObjectItemCaseSensitive (first, "text");
  STR_EQ (cJSON_IsString (text) ? text->valuestring : NULL,
          "Review the constitution,\nthen \"report\" back\r\nby May.");
}

static void
test_csv (const PsItemList *list, const char *csv)
{
  g_autoptr (GPtrArray) rows = csv_read (csv);
  OK (rows != NULL);
  if (!rows)
    return;
  guint n = ps_output_n_columns ();
  INT_EQ (rows->len, list->items->len + 1);
  for (guint r = 0; r < rows->len; r++)
    INT_EQ (((GPtrArray *) g_ptr_array_index (rows, r))->len, n);
  for (guint c = 0; c < n; c++)
    STR_EQ (cell (rows, 0, c), ps_output_column_name (c));

  STR_EQ (cell (rows, 1, column_index ("document_source")), "plans/Plan, \"final\".pdf");
  STR_EQ (cell (rows, 1, column_index ("document_title")), "Improvement Plan — Café Þ 中文");
  STR_EQ (cell (rows, 1, column_index ("document_date")), "2024-03-01");
  STR_EQ (cell (rows, 1, column_index ("document_date_text")), "March 2024");
  STR_EQ (cell (rows, 1, column_index ("document_pages")), "3");
  STR_EQ (cell (rows, 1, column_index ("ref")), "1.10 BCP CEx");
  STR_EQ (cell (rows, 1, column_index ("ref_number")), "1.10");
  STR_EQ (cell (rows, 1, column_index ("ref_parent")), "1");
  STR_EQ (cell (rows, 1, column_index ("ref_source")), "BCP CEx");
  STR_EQ (cell (rows, 1, column_index ("section")), "Governance, \"Risk\" & Audit");
  STR_EQ (cell (rows, 1, column_index ("text")),
          "Review the constitution,\nthen \"report\" back\r\nby May.");
  STR_EQ (cell (rows, 1, column_index ("response")), "Agreed; in hand");
  STR_EQ (cell (rows, 1, column_index ("progress")), "Half done");
  STR_EQ (cell (rows, 1, column_index ("other_fields")),
          "progress_2: Second progress column\nComments: See, also: appendix");
  STR_EQ (cell (rows, 1, column_index ("owners")),
          "Chief Executive; Head of Legal & Democratic Services");
  STR_EQ (cell (rows, 1, column_index ("owners_text")),
          "CEx / Head of Legal & Democratic Services");
  STR_EQ (cell (rows, 1, column_index ("due_text")), "Q3 2024/25");
  STR_EQ (cell (rows, 1, column_index ("due_kind")), "date");
  STR_EQ (cell (rows, 1, column_index ("due_start")), "2024-10-01");
  STR_EQ (cell (rows, 1, column_index ("due_end")), "2024-12-31");
  STR_EQ (cell (rows, 1, column_index ("due_precision")), "quarter");
  STR_EQ (cell (rows, 1, column_index ("due_revised_from")), "July 2024");
  STR_EQ (cell (rows, 1, column_index ("status_text")), "On track");
  STR_EQ (cell (rows, 1, column_index ("status_colour")), "#00b050");
  STR_EQ (cell (rows, 1, column_index ("status_rag")), "green");
  STR_EQ (cell (rows, 1, column_index ("status_canonical")), "on_track");
  STR_EQ (cell (rows, 1, column_index ("status_source")), "text");
  STR_EQ (cell (rows, 1, column_index ("links")), "2; R3");
  STR_EQ (cell (rows, 1, column_index ("provenance_page")), "2");
  STR_EQ (cell (rows, 1, column_index ("provenance_x0")), "72");
  STR_EQ (cell (rows, 1, column_index ("provenance_y0")), "100.13");
  STR_EQ (cell (rows, 1, column_index ("provenance_x1")), "540.5");
  STR_EQ (cell (rows, 1, column_index ("provenance_xpath")), "");

  /* The empty item: nulls are empty cells, the document still repeated. */
  STR_EQ (cell (rows, 2, column_index ("document_sha256")), list->sha256);
  STR_EQ (cell (rows, 2, column_index ("ref")), "");
  STR_EQ (cell (rows, 2, column_index ("kind")), "");
  STR_EQ (cell (rows, 2, column_index ("owners")), "");
  STR_EQ (cell (rows, 2, column_index ("due_kind")), "");
  STR_EQ (cell (rows, 2, column_index ("links")), "");

  STR_EQ (cell (rows, 3, column_index ("action")), "Do it");
  STR_EQ (cell (rows, 3, column_index ("next_steps")), "\"Quoted\" entirely");
  STR_EQ (cell (rows, 3, column_index ("sponsor")), "Cllr A. Patel");
  STR_EQ (cell (rows, 3, column_index ("outcome")), "");
  STR_EQ (cell (rows, 3, column_index ("other_fields")), "");
  STR_EQ (cell (rows, 3, column_index ("provenance_page")), "");
  STR_EQ (cell (rows, 3, column_index ("provenance_xpath")), "/html/body/table[1]/tr[3]");

  /* Every CSV cell of a plain value column says what the JSONL says. */
  for (guint i = 0; i < list->items->len; i++)
    {
      g_autoptr (cJSON) rec = ps_output_record (list, i);
      const cJSON *ref = cJSON_GetObjectItemCaseSensitive (rec, "ref");
      STR_EQ (cell (rows, i + 1, column_index ("ref")),
              cJSON_IsString (ref) ? ref->valuestring : "");
      const cJSON *kind = cJSON_GetObjectItemCaseSensitive (rec, "kind");
      STR_EQ (cell (rows, i + 1, column_index ("kind")),
              cJSON_IsString (kind) ? kind->valuestring : "");
    }
}

/* The JSON format is the items JSON: it reads back to the same bytes. */
static void
test_json (const PsItemList *list, const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (cJSON) root = ps_json_parse (json, strlen (json), &error);
  OK (root != NULL);
  STR_EQ (ps_json_schema (root), PS_ITEMS_SCHEMA);
  g_autoptr (PsItemList) back = root ? ps_item_list_from_json (root, &error) : NULL;
  OK (back != NULL);
  if (!back)
    {
      fprintf (stderr, "read back: %s\n", error ? error->message : "?");
      return;
    }
  INT_EQ (back->items->len, list->items->len);
  g_autoptr (GString) again = g_string_new (NULL);
  ps_output_json_append (again, back, TRUE);
  STR_EQ (again->str, json);
  /* JSONL and CSV made from the read-back list are the same bytes too:
   * what 'plansift run' relies on when it reuses docs/NAME.json. */
  g_autoptr (GString) l1 = g_string_new (NULL), l2 = g_string_new (NULL);
  ps_output_append (l1, list, PS_OUTPUT_FORMAT_JSONL);
  ps_output_append (l2, back, PS_OUTPUT_FORMAT_JSONL);
  STR_EQ (l2->str, l1->str);
  g_autoptr (GString) c1 = g_string_new (NULL), c2 = g_string_new (NULL);
  ps_output_append (c1, list, PS_OUTPUT_FORMAT_CSV);
  ps_output_append (c2, back, PS_OUTPUT_FORMAT_CSV);
  STR_EQ (c2->str, c1->str);
}

static void
test_empty_list (void)
{
  g_autoptr (PsItemList) list = ps_item_list_new ();
  g_autoptr (GString) s = g_string_new (NULL);
  ps_output_append (s, list, PS_OUTPUT_FORMAT_JSONL);
  STR_EQ (s->str, "");
  ps_output_append (s, list, PS_OUTPUT_FORMAT_CSV);
  g_autoptr (GString) header = g_string_new (NULL);
  ps_output_csv_header_append (header);
  STR_EQ (s->str, header->str);
  OK (g_str_has_suffix (header->str, "\r\n"));
  g_string_truncate (s, 0);
  ps_output_append (s, list, PS_OUTPUT_FORMAT_JSON);
  OK (strstr (s->str, "\"items\":\t[]") != NULL);
}

static gboolean
write_file (const char *dir, const char *name, const GString *s)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_file_set_contents (path, s->str, (gssize) s->len, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr (PsItemList) list = sample_list ();
  g_autoptr (GString) json = g_string_new (NULL);
  g_autoptr (GString) jsonl = g_string_new (NULL);
  g_autoptr (GString) csv = g_string_new (NULL);
  ps_output_append (json, list, PS_OUTPUT_FORMAT_JSON);
  ps_output_append (jsonl, list, PS_OUTPUT_FORMAT_JSONL);
  ps_output_append (csv, list, PS_OUTPUT_FORMAT_CSV);

  if (argc == 3 && strcmp (argv[1], "--write") == 0)
    return write_file (argv[2], "sample.json", json)
                   && write_file (argv[2], "sample.jsonl", jsonl)
                   && write_file (argv[2], "sample.csv", csv)
               ? 0
               : 1;

  test_formats ();
  test_csv_field ();
  test_table_matches_model (list);
  test_jsonl (list, jsonl->str);
  test_csv (list, csv->str);
  test_json (list, json->str);
  test_empty_list ();

  /* Same list, same bytes. */
  g_autoptr (GString) again = g_string_new (NULL);
  ps_output_append (again, list, PS_OUTPUT_FORMAT_CSV);
  STR_EQ (again->str, csv->str);
  g_string_truncate (again, 0);
  ps_output_append (again, list, PS_OUTPUT_FORMAT_JSONL);
  STR_EQ (again->str, jsonl->str);
  return harness_done ("output");
}
