/* test_model.c — the document model, its JSON round trip, its checks, and the
 * shared text and pattern helpers. */
#include <string.h>

#include "harness.h"
#include "ps_model.h"
#include "ps_model_json.h"
#include "ps_pattern.h"
#include "ps_text.h"

static void
test_colours (void)
{
  static const struct
  {
    const char *in;
    const char *out; /* NULL: not a colour */
  } cases[] = {
    { "#00B050", "#00b050" },  { "#fc0", "#ffcc00" },          { "00b050", "#00b050" },
    { "red", "#ff0000" },      { "  Green ", "#008000" },      { "LightGray", "#d3d3d3" },
    { "rgb(0, 112, 192)", "#0070c0" }, { "rgb(0 112 192)", "#0070c0" },
    { "rgba(255,0,0,0.5)", "#ff0000" }, { "rgba(255,0,0,0)", NULL },
    { "rgb(100%, 0%, 0%)", "#ff0000" }, { "#ffc000 !important", "#ffc000" },
    { "transparent", NULL },   { "#12345", NULL },             { "", NULL },
    { "notacolour", NULL },    { "#00000000", NULL },           { "rgb(", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PsColour c;
      gboolean ok = ps_colour_parse (cases[i].in, &c);
      char buf[8];
      ps_colour_format (c, buf);
      OK (ok == (cases[i].out != NULL));
      STR_EQ (ok ? buf : NULL, cases[i].out);
    }
}

static void
test_enums (void)
{
  for (int v = 0; v <= PS_STATUS_SUPERSEDED; v++)
    INT_EQ (ps_status_value_from_string (ps_status_value_to_string ((PsStatusValue) v)), v);
  for (int v = 0; v <= PS_DUE_KIND_REFERENCE; v++)
    INT_EQ (ps_due_kind_from_string (ps_due_kind_to_string ((PsDueKind) v)), v);
  for (int v = 1; v <= PS_ROLE_OTHER; v++)
    INT_EQ (ps_role_from_string (ps_role_to_string ((PsRole) v)), v);
  STR_EQ (ps_status_value_to_string (PS_STATUS_ON_TRACK), "on_track");
  STR_EQ (ps_precision_to_string (PS_PRECISION_FISCAL_YEAR), "fiscal_year");
  INT_EQ (ps_rag_from_string ("purple"), PS_RAG_NONE);
  INT_EQ (ps_format_from_string (NULL), PS_FORMAT_UNKNOWN);
}

/* A PDF-like page and an HTML-like table in one document. */
static PsDoc *
make_doc (void)
{
  PsDoc *doc = ps_doc_new ();
  doc->source = ps_doc_strdup (doc, "plans/test.pdf");
  doc->format = PS_FORMAT_PDF;
  memset (doc->sha256, 'a', 64);
  doc->bytes = 1234;
  doc->title = ps_doc_strdup (doc, "Action Plan – “2024”");
  doc->date_text = ps_doc_strdup (doc, "January 2024");
  doc->date = ps_doc_strdup (doc, "2024-01");
  PsPage *page = ps_doc_add_page (doc, 842, 595.28, 90);
  const char *words[] = { "1.10", "Corp", "orate", "Leadership" };
  for (int l = 0; l < 2; l++)
    {
      PsLine line = { { 10, 20 + 15 * l, 200, 32 + 15 * l }, page->words->len, 2 };
      for (int w = 0; w < 2; w++)
        {
          PsWord word = { ps_doc_strdup (doc, words[2 * l + w]),
                          { 10 + 60 * w, 20 + 15 * l, 60 + 60 * w, 32 + 15 * l },
                          ps_doc_intern (doc, "LiberationSans-Bold"),
                          11.5,
                          l ? PS_TEXT_ITALIC : PS_TEXT_BOLD,
                          PS_COLOUR_RGB (0, 0, 0) };
          g_array_append_val (page->words, word);
        }
      g_array_append_val (page->lines, line);
    }
  PsRuling r = { PS_RULING_HORIZONTAL, 5, 18.123, 500, 18.123, 0.75, PS_COLOUR_RGB (0, 0, 0) };
  g_array_append_val (page->rulings, r);
  PsFill f = { { 5, 18, 40, 50 }, PS_COLOUR_RGB (0x00, 0xb0, 0x50) };
  g_array_append_val (page->fills, f);

  PsBlock *h = ps_doc_add_block (doc, PS_BLOCK_HEADING);
  h->level = 2;
  h->text = ps_doc_strdup (doc, "Key Recommendations");
  h->xpath = ps_doc_strdup (doc, "/html/body/h2[1]");
  PsBlock *t = ps_doc_add_block (doc, PS_BLOCK_TABLE);
  t->xpath = ps_doc_strdup (doc, "/html/body/table[1]");
  t->table = ps_table_new ();
  t->table->n_rows = 2;
  t->table->n_cols = 3;
  PsCell cells[] = {
    { 0, 0, 1, 1, "Ref", TRUE, PS_TEXT_BOLD, PS_COLOUR_NONE, PS_COLOUR_NONE, "/t/tr[1]/th[1]", 0, { 0, 0, 0, 0 } },
    { 0, 1, 2, 2, "Action\nspanning", FALSE, 0, PS_COLOUR_RGB (255, 192, 0), PS_COLOUR_NONE, NULL, 0, { 0, 0, 0, 0 } },
    { 1, 0, 1, 1, "", FALSE, 0, PS_COLOUR_NONE, PS_COLOUR_RGB (255, 0, 0), NULL, 0, { 0, 0, 0, 0 } },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      cells[i].text = ps_doc_strdup (doc, cells[i].text);
      cells[i].xpath = ps_doc_strdup (doc, cells[i].xpath);
      g_array_append_val (t->table->cells, cells[i]);
    }
  return doc;
}

static char *
doc_json (const PsDoc *doc)
{
  g_autoptr (cJSON) json = ps_doc_to_json (doc);
  return ps_json_print (json, FALSE);
}

static PsDoc *
doc_from_text (const char *text, GError **error)
{
  g_autoptr (cJSON) root = ps_json_parse (text, strlen (text), error);
  return root ? ps_doc_from_json (root, error) : NULL;
}

static void
test_doc_round_trip (void)
{
  g_autoptr (PsDoc) doc = make_doc ();
  g_autoptr (GError) error = NULL;
  OK (ps_doc_check (doc, &error));
  g_autofree char *first = doc_json (doc);
  g_autoptr (PsDoc) back = doc_from_text (first, &error);
  OK (back != NULL);
  if (!back)
    {
      fprintf (stderr, "round trip: %s\n", error->message);
      return;
    }
  g_autofree char *second = doc_json (back);
  STR_EQ (second, first);

  /* The values survive, not just the bytes. */
  const PsPage *page = g_ptr_array_index (back->pages, 0);
  INT_EQ (page->words->len, 4);
  INT_EQ (page->lines->len, 2);
  INT_EQ (page->rotation, 90);
  STR_EQ (ps_line_word (page, &g_array_index (page->lines, PsLine, 1), 0)->text, "orate");
  g_autofree char *line = ps_line_text (page, &g_array_index (page->lines, PsLine, 1));
  STR_EQ (line, "orate Leadership");
  OK (g_array_index (page->words, PsWord, 0).flags == PS_TEXT_BOLD);
  OK (g_array_index (page->rulings, PsRuling, 0).y0 == 18.12); /* rounded to 2 decimals */
  const PsBlock *tb = g_ptr_array_index (back->blocks, 1);
  const PsCell *c = ps_table_cell_at (tb->table, 1, 2);
  OK (c != NULL && c->rowspan == 2 && c->colspan == 2);
  STR_EQ (c ? c->text : NULL, "Action\nspanning");
  OK (ps_table_cell_at (tb->table, 1, 0) != NULL);
  STR_EQ (back->title, "Action Plan – “2024”");
  STR_EQ (back->date, "2024-01");
}

static void
test_doc_rejects (void)
{
  static const char *const bad[] = {
    "[]",
    "{\"schema\":\"plansift/items/1\"}",
    "{\"schema\":\"plansift/doc/1\"}",
    "{\"schema\":\"plansift/doc/1\",\"document\":{\"format\":\"docx\"}}",
    "{\"schema\":\"plansift/doc/1\",\"document\":{\"pages\":2},\"pages\":[{\"width\":9,\"height\":9}]}",
    "{\"schema\":\"plansift/doc/1\",\"document\":{\"pages\":1},\"pages\":[{\"width\":100}]}",
    "{\"schema\":\"plansift/doc/1\",\"document\":{\"pages\":1},\"pages\":[{\"width\":100,"
    "\"height\":100,\"lines\":[{\"bbox\":[0,0,10,10],\"words\":[{\"text\":\"x\",\"bbox\":[0,0,500,10]}]}]}]}",
    "{\"schema\":\"plansift/doc/1\",\"document\":{\"pages\":1},\"pages\":[{\"width\":100,"
    "\"height\":100,\"lines\":[{\"bbox\":[0,0,10]}]}]}",
    "{\"schema\":\"plansift/doc/1\",\"document\":{},\"blocks\":[{\"type\":\"table\",\"table\":"
    "{\"rows\":1,\"cols\":1,\"cells\":[{\"row\":0,\"col\":0,\"rowspan\":2,\"text\":\"x\"}]}}]}",
    "{\"schema\":\"plansift/doc/1\",\"document\":{},\"blocks\":[{\"type\":\"marquee\"}]}",
    "{\"schema\":\"plansift/doc/1\",\"document\":{},\"blocks\":[{\"type\":\"heading\",\"level\":-1}]}",
    "{\"schema\":\"plansift/doc/1\",\"document\":{\"bytes\":\"12\"}}",
    "{\"schema\":\"plansift/doc/1\",\"document\":{}} trailing",
    "{\"schema\":\"plansift/doc/1\",\"document\":{},\"pages\":{}}",
    "{\"schema\":\"plansift/doc/1\",\"document\":{\"sha256\":\"xyz\"}}",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PsDoc) doc = doc_from_text (bad[i], &error);
      OK (doc == NULL && error != NULL);
      if (doc)
        fprintf (stderr, "accepted bad doc %" G_GSIZE_FORMAT "\n", i);
    }
  /* A minimal document is fine; invalid UTF-8 in strings is repaired. */
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDoc) ok = doc_from_text ("{\"schema\":\"plansift/doc/1\",\"document\":{\"title\":\"a\xff\"}}", &error);
  OK (ok != NULL);
  OK (ok && g_utf8_validate (ok->title, -1, NULL));
}

static PsItemList *
make_items (void)
{
  PsItemList *list = ps_item_list_new ();
  list->source = ps_item_list_strdup (list, "bcp.html");
  list->format = PS_FORMAT_HTML;
  list->title = ps_item_list_strdup (list, "Plan");
  PsKeyEntry k = { PS_COLOUR_RGB (0, 112, 192), ps_item_list_strdup (list, "Completed") };
  g_array_append_val (list->key, k);
  PsGlossaryEntry g = { ps_item_list_strdup (list, "CEx"),
                        ps_item_list_strdup (list, "Chief Executive") };
  g_array_append_val (list->glossary, g);

  PsItem *item = ps_item_list_add (list);
  item->ref = ps_item_list_strdup (list, "33 BCP CEx");
  item->ref_parts.number = ps_item_list_strdup (list, "33");
  item->ref_parts.source = ps_item_list_strdup (list, "BCP CEx");
  item->kind = PS_ITEM_KIND_ACTION;
  item->section = ps_item_list_strdup (list, "Further issues to address");
  item->text = ps_item_list_strdup (list, "Carry out a Governance review");
  PsField *f = ps_item_add_field (list, item, PS_ROLE_OUTCOME, NULL, "Boards of all…");
  f->prov.xpath = ps_item_list_strdup (list, "/html/body/table[3]/tr[2]/td[3]");
  ps_item_add_field (list, item, PS_ROLE_PROGRESS, NULL, "first");
  ps_item_add_field (list, item, PS_ROLE_PROGRESS, NULL, "second");
  ps_item_add_field (list, item, PS_ROLE_OTHER, "Budget", "£4.6 million");
  item->owners_text = ps_item_list_strdup (list, "Director of law and Governance");
  PsOwner *o = ps_item_add_owner (list, item, "Director of law and Governance");
  o->name = ps_item_list_strdup (list, "Director of Law and Governance");
  o->role = o->name;
  o->kind = PS_OWNER_KIND_ROLE;
  item->due.text = ps_item_list_strdup (list, "Original target July 2023 Extended to February 2024");
  item->due.kind = PS_DUE_KIND_DATE;
  strcpy (item->due.start, "2024-02-01");
  strcpy (item->due.end, "2024-02-29");
  item->due.precision = PS_PRECISION_MONTH;
  PsDue *rev = ps_due_add_revised_from (&item->due);
  rev->text = ps_item_list_strdup (list, "July 2023");
  rev->kind = PS_DUE_KIND_DATE;
  strcpy (rev->start, "2023-07-01");
  strcpy (rev->end, "2023-07-31");
  rev->precision = PS_PRECISION_MONTH;
  item->status.colour = PS_COLOUR_RGB (0, 176, 80);
  item->status.rag = PS_RAG_GREEN;
  item->status.canonical = PS_STATUS_ON_TRACK;
  item->status.source = PS_STATUS_SOURCE_KEY;
  ps_item_add_link (list, item, "38 DLUHC");
  ps_item_add_link (list, item, "38 DLUHC");
  item->prov.xpath = ps_item_list_strdup (list, "/html/body/table[3]/tr[2]");
  item->text_prov.xpath = ps_item_list_strdup (list, "/html/body/table[3]/tr[2]/td[2]");

  PsItem *bare = ps_item_list_add (list);
  bare->kind = PS_ITEM_KIND_RECOMMENDATION;
  bare->text = ps_item_list_strdup (list, "Unnumbered");
  return list;
}

static char *
items_json (const PsItemList *list)
{
  g_autoptr (cJSON) json = ps_item_list_to_json (list);
  return ps_json_print (json, TRUE);
}

static PsItemList *
items_from_text (const char *text, GError **error)
{
  g_autoptr (cJSON) root = ps_json_parse (text, strlen (text), error);
  return root ? ps_item_list_from_json (root, error) : NULL;
}

static void
test_items_round_trip (void)
{
  g_autoptr (PsItemList) list = make_items ();
  g_autofree char *first = items_json (list);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsItemList) back = items_from_text (first, &error);
  OK (back != NULL);
  if (!back)
    {
      fprintf (stderr, "items round trip: %s\n", error->message);
      return;
    }
  g_autofree char *second = items_json (back);
  STR_EQ (second, first);
  const PsItem *item = g_ptr_array_index (back->items, 0);
  INT_EQ (item->links->len, 1);
  INT_EQ (item->fields->len, 4);
  OK (strstr (first, "\"progress_2\"") != NULL);
  OK (strstr (first, "\"Budget\"") != NULL);
  STR_EQ (ps_item_get_field (item, PS_ROLE_OUTCOME)->prov.xpath,
          "/html/body/table[3]/tr[2]/td[3]");
  OK (item->due.revised_from && strcmp (item->due.revised_from->start, "2023-07-01") == 0);
  INT_EQ (item->status.canonical, PS_STATUS_ON_TRACK);
  const PsItem *bare = g_ptr_array_index (back->items, 1);
  OK (bare->ref == NULL && bare->due.text == NULL && bare->status.source == PS_STATUS_SOURCE_NONE);
}

static void
test_items_rejects (void)
{
  static const char *const bad[] = {
    "{\"schema\":\"plansift/items/1\",\"document\":{},\"items\":[{\"kind\":\"wish\"}]}",
    "{\"schema\":\"plansift/items/1\",\"document\":{},\"items\":[{\"due\":{\"start\":\"2024-02-30\"}}]}",
    "{\"schema\":\"plansift/items/1\",\"document\":{},\"items\":[{\"status\":{\"canonical\":\"fine\"}}]}",
    "{\"schema\":\"plansift/items/1\",\"document\":{},\"items\":[{\"fields\":{\"outcome\":3}}]}",
    "{\"schema\":\"plansift/items/1\",\"document\":{},\"items\":[{\"links\":[1]}]}",
    "{\"schema\":\"plansift/items/1\",\"document\":{},\"items\":[{\"owners\":[\"x\"]}]}",
    "{\"schema\":\"plansift/items/1\",\"document\":{},\"items\":[7]}",
    "{\"schema\":\"plansift/items/1\",\"document\":{\"key\":[{\"colour\":\"mauvish\"}]},\"items\":[]}",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PsItemList) list = items_from_text (bad[i], &error);
      OK (list == NULL && error != NULL);
      if (list)
        fprintf (stderr, "accepted bad items %" G_GSIZE_FORMAT "\n", i);
    }
  /* A deep revised_from chain is refused, not recursed into. */
  GString *deep = g_string_new ("{\"schema\":\"plansift/items/1\",\"document\":{},\"items\":[{\"due\":");
  for (int i = 0; i < 200; i++)
    g_string_append (deep, "{\"kind\":\"date\",\"revised_from\":");
  g_string_append (deep, "null");
  for (int i = 0; i < 200; i++)
    g_string_append_c (deep, '}');
  g_string_append (deep, "}]}");
  g_autoptr (GError) error = NULL;
  g_autoptr (PsItemList) list = items_from_text (deep->str, &error);
  OK (list == NULL);
  g_string_free (deep, TRUE);
}

static void
test_check (void)
{
  g_autoptr (PsDoc) doc = make_doc ();
  PsPage *page = g_ptr_array_index (doc->pages, 0);
  g_array_index (page->words, PsWord, 3).box.x1 = 2000;
  g_autoptr (GError) error = NULL;
  OK (!ps_doc_check (doc, &error));
  OK (error && strstr (error->message, "word 1") != NULL);
}

static void
test_text (void)
{
  static const struct
  {
    const char *in, *collapse, *key, *fold;
  } cases[] = {
    { "  Director of  Law\u00a0&\tGovernance ", "Director of Law & Governance",
      "director of law and governance", "directoroflawgovernance" },
    { "Chief Executive/Corp orate\n\n Leadership Team/ Performance",
      "Chief Executive/Corp orate\nLeadership Team/ Performance",
      "chief executive corp orate leadership team performance",
      "chiefexecutivecorporateleadershipteamperformance" },
    { "Children’s Services – co-ordination.", "Children’s Services – co-ordination.",
      "children's services co-ordination", "childrensservicescoordination" },
    { "", "", "", "" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *c = ps_text_collapse (cases[i].in);
      g_autofree char *k = ps_text_key (cases[i].in);
      g_autofree char *f = ps_text_fold (cases[i].in);
      STR_EQ (c, cases[i].collapse);
      STR_EQ (k, cases[i].key);
      STR_EQ (f, cases[i].fold);
    }
  g_autofree char *flat = ps_text_flatten ("a\n b \r\n c");
  STR_EQ (flat, "a b c");
  OK (ps_text_similarity ("Agree a Corporate Strategy", "agree a corporate strategy.") == 1.0);
  OK (ps_text_similarity ("one two three four", "one two") > 0.6);
  OK (ps_text_similarity ("one two", "three four") == 0.0);
  OK (ps_text_similarity ("", "") == 1.0);
  OK (ps_text_collapse (NULL) == NULL);
}

static const char *const ref_matches[] = { "1.10", "33", NULL };
static const char *const ref_rejects[] = { "abc", NULL };
static const char *const wrong_matches[] = { "xyz", NULL };

static void
test_patterns (void)
{
  const PsPatternDef good[] = {
    { 0, "number", "^\\d+(?:\\.\\d+)?$", 0, "a number", ref_matches, ref_rejects },
  };
  g_autoptr (GError) error = NULL;
  OK (ps_pattern_defs_check (good, 1, &error));
  const PsPatternDef wrong[] = {
    { 0, "number", "^\\d+$", 0, "a number", wrong_matches, NULL },
  };
  OK (!ps_pattern_defs_check (wrong, 1, &error));
  OK (error && strstr (error->message, "xyz") != NULL);
  g_clear_error (&error);
  const PsPatternDef broken[] = {
    { 0, "broken", "(unclosed", 0, "never compiles", ref_matches, NULL },
  };
  OK (!ps_pattern_defs_check (broken, 1, &error));
  g_clear_error (&error);

  PsPatternSet *set = ps_pattern_set_new (good, 1, &error);
  const char *subject = "ref 1.10";
  /* ^ anchors at the subject's start, not at the offset. */
  g_autoptr (pcre2_match_data) none = ps_pattern_match (ps_pattern_set_get (set, 0), subject, -1, 4);
  OK (none == NULL);
  g_autoptr (pcre2_match_data) md = ps_pattern_match (ps_pattern_set_get (set, 0), subject + 4, -1, 0);
  OK (md != NULL);
  g_autofree char *g0 = md ? ps_match_group (md, subject + 4, 0) : NULL;
  STR_EQ (g0, "1.10");
  /* Invalid UTF-8 is a non-match, never a crash. */
  g_autoptr (pcre2_match_data) bad = ps_pattern_match (ps_pattern_set_get (set, 0), "1\xff", -1, 0);
  OK (bad == NULL);
  ps_pattern_set_free (set);
}

int
main (void)
{
  test_colours ();
  test_enums ();
  test_doc_round_trip ();
  test_doc_rejects ();
  test_items_round_trip ();
  test_items_rejects ();
  test_check ();
  test_text ();
  test_patterns ();
  return harness_done ("model");
}
