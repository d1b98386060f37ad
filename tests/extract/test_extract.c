/* test_extract.c — extract's patterns and its reading of tables, headings,
 * keys and prose, on documents built with the model API. */
#include <stdarg.h>
#include <string.h>

#include "extract_private.h"
#include "harness.h"

/* A table from rows of cells; "" is an empty cell, NULL ends a row early.
 * Spans are given by a cell text of the form "@R,C:text" (rowspan,colspan). */
typedef struct
{
  const char *text;
  guint rowspan, colspan;
  gboolean header, bold;
  const char *fill;
} C;

static PsBlock *
add_table (PsDoc *doc, guint n_rows, guint n_cols, const C *cells, guint n_cells,
           const guint *rows, const guint *cols)
{
  PsBlock *b = ps_doc_add_block (doc, PS_BLOCK_TABLE);
  b->table = ps_table_new ();
  b->table->n_rows = n_rows;
  b->table->n_cols = n_cols;
  for (guint i = 0; i < n_cells; i++)
    {
      PsCell cell = { 0 };
      cell.row = rows[i];
      cell.col = cols[i];
      cell.rowspan = cells[i].rowspan ? cells[i].rowspan : 1;
      cell.colspan = cells[i].colspan ? cells[i].colspan : 1;
      cell.text = ps_doc_strdup (doc, cells[i].text);
      cell.header = cells[i].header;
      cell.flags = cells[i].bold ? PS_TEXT_BOLD : 0;
      if (cells[i].fill)
        ps_colour_parse (cells[i].fill, &cell.fill);
      char xp[64];
      g_snprintf (xp, sizeof xp, "/html/body/table/tr[%u]/td[%u]", rows[i] + 1, cols[i] + 1);
      cell.xpath = ps_doc_strdup (doc, xp);
      g_array_append_val (b->table->cells, cell);
    }
  return b;
}

/* Lays cells out row by row, skipping grid positions covered by spans. */
static PsBlock *
grid_table (PsDoc *doc, guint n_rows, guint n_cols, const C *cells, guint n_cells)
{
  g_autofree guint *rows = g_new0 (guint, n_cells);
  g_autofree guint *cols = g_new0 (guint, n_cells);
  g_autofree gboolean *taken = g_new0 (gboolean, n_rows * n_cols);
  guint r = 0, c = 0;
  for (guint i = 0; i < n_cells; i++)
    {
      while (r < n_rows && (c >= n_cols || taken[r * n_cols + c]))
        {
          if (c >= n_cols)
            {
              r++;
              c = 0;
            }
          else
            c++;
        }
      rows[i] = r;
      cols[i] = c;
      guint rs = cells[i].rowspan ? cells[i].rowspan : 1, cs = cells[i].colspan ? cells[i].colspan : 1;
      for (guint y = r; y < r + rs && y < n_rows; y++)
        for (guint x = c; x < c + cs && x < n_cols; x++)
          taken[y * n_cols + x] = TRUE;
      c += cs;
    }
  return add_table (doc, n_rows, n_cols, cells, n_cells, rows, cols);
}

static PsBlock *
add_text (PsDoc *doc, PsBlockKind kind, guint level, const char *text)
{
  PsBlock *b = ps_doc_add_block (doc, kind);
  b->level = level;
  b->text = ps_doc_strdup (doc, text);
  return b;
}

static PsDoc *
new_doc (void)
{
  PsDoc *doc = ps_doc_new ();
  doc->source = ps_doc_strdup (doc, "test.html");
  doc->format = PS_FORMAT_HTML;
  return doc;
}

static const PsItem *
item (const PsItemList *list, guint i)
{
  return i < list->items->len ? g_ptr_array_index (list->items, i) : NULL;
}

static const char *
field (const PsItem *it, PsRole role)
{
  const PsField *f = it ? ps_item_get_field (it, role) : NULL;
  return f ? f->text : NULL;
}

static void
test_patterns (void)
{
  gsize n;
  const PsPatternDef *defs = ps_extract_pattern_defs (&n);
  g_autoptr (GError) error = NULL;
  OK (ps_pattern_defs_check (defs, n, &error));
  if (error)
    fprintf (stderr, "%s\n", error->message);
}

/* Numbered rows, a continuation row with an empty number cell, and an
 * action cell shared by three recommendations. */
static void
test_ref_column (void)
{
  g_autoptr (PsDoc) doc = new_doc ();
  add_text (doc, PS_BLOCK_HEADING, 1, "Council Peer Challenge - Action Plan");
  add_text (doc, PS_BLOCK_PARAGRAPH, 0, "January 2024");
  const C cells[] = {
    { "Ref", 0, 0, TRUE, TRUE, NULL }, { "LGA Recommendation", 0, 0, TRUE, TRUE, NULL },
    { "Action", 0, 0, TRUE, TRUE, NULL }, { "Cabinet Sponsor/s", 0, 0, TRUE, TRUE, NULL },
    { "Lead Service Area", 0, 0, TRUE, TRUE, NULL },
    { "1.", 0, 0, 0, 0, NULL }, { "Ensure the approach", 0, 0, 0, 0, NULL },
    { "We will extend", 0, 0, 0, 0, NULL }, { "Mayor/ Deputy Mayor", 0, 0, 0, 0, NULL },
    { "Chief Executive", 0, 0, 0, 0, NULL },
    { "", 0, 0, 0, 0, NULL }, { "", 0, 0, 0, 0, NULL },
    { "This action is linked to Recommendations 1 and 4.", 0, 0, 0, 0, NULL },
    { "", 0, 0, 0, 0, NULL }, { "", 0, 0, 0, 0, NULL },
    { "5.", 0, 0, 0, 0, NULL }, { "Invest the time", 0, 0, 0, 0, NULL },
    { "Shared action text", 3, 0, 0, 0, NULL }, { "Cabinet", 3, 0, 0, 0, NULL },
    { "Corporate Leadership Team", 3, 0, 0, 0, NULL },
    { "6.", 0, 0, 0, 0, NULL }, { "Ensure the senior leaders", 0, 0, 0, 0, NULL },
    { "7.", 0, 0, 0, 0, NULL }, { "Urgently re-clarify", 0, 0, 0, 0, NULL },
  };
  grid_table (doc, 6, 5, cells, G_N_ELEMENTS (cells));
  g_autoptr (PsItemList) list = ps_extract (doc, NULL, NULL);
  INT_EQ (list->items->len, 4);
  const PsItem *one = item (list, 0);
  STR_EQ (one->ref, "1");
  STR_EQ (one->ref_parts.number, "1");
  INT_EQ (one->kind, PS_ITEM_KIND_RECOMMENDATION);
  STR_EQ (one->text, "Ensure the approach");
  STR_EQ (field (one, PS_ROLE_ACTION), "We will extend\nThis action is linked to Recommendations 1 and 4.");
  STR_EQ (field (one, PS_ROLE_SPONSOR), "Mayor/ Deputy Mayor");
  STR_EQ (one->owners_text, "Chief Executive");
  STR_EQ (one->section, NULL); /* the title is not a section */
  STR_EQ (one->text_prov.xpath, "/html/body/table/tr[2]/td[2]");
  STR_EQ (one->prov.xpath, "/html/body/table/tr[2]");
  for (guint i = 1; i < 4; i++)
    {
      STR_EQ (field (item (list, i), PS_ROLE_ACTION), "Shared action text");
      STR_EQ (item (list, i)->owners_text, "Corporate Leadership Team");
    }
  STR_EQ (item (list, 3)->ref, "7");
  STR_EQ (list->date_text, "January 2024");
  STR_EQ (list->date, "2024-01");
}

/* No number column: bullets and numbers inside the text cell, continuation
 * rows with an empty recommendation cell, a page-split sentence. */
static void
test_text_column (void)
{
  g_autoptr (PsDoc) doc = new_doc ();
  add_text (doc, PS_BLOCK_HEADING, 1, "Corporate Peer Challenge Action Plan");
  add_text (doc, PS_BLOCK_HEADING, 2, "Key Recommendations");
  const C cells[] = {
    { "Recommendation", 0, 0, TRUE, 0, NULL }, { "Response / Action", 0, 0, TRUE, 0, NULL },
    { "Lead Officer", 0, 0, TRUE, 0, NULL }, { "Timescale", 0, 0, TRUE, 0, NULL },
    { "\xe2\x80\xa2 Pause and reflect on the journey", 0, 0, 0, 0, NULL },
    { "We will celebrate.", 0, 0, 0, 0, NULL }, { "Kevin Dicks", 0, 0, 0, 0, NULL },
    { "September 2018 and ongoing", 0, 0, 0, 0, NULL },
    { "", 0, 0, 0, 0, NULL }, { "Staff briefings.", 0, 0, 0, 0, NULL },
    { "Kevin Dicks", 0, 0, 0, 0, NULL }, { "September 2018", 0, 0, 0, 0, NULL },
    { "2. When change is introduced guarantee", 0, 0, 0, 0, NULL },
    { "Business case proforma", 0, 0, 0, 0, NULL }, { "CMT", 0, 0, 0, 0, NULL },
    { "In place", 0, 0, 0, 0, NULL },
  };
  grid_table (doc, 4, 4, cells, G_N_ELEMENTS (cells));
  /* The next page repeats the header; its first row carries on the
   * recommendation above, the next starts a new one. */
  const C next[] = {
    { "Recommendation", 0, 0, TRUE, 0, NULL }, { "Response / Action", 0, 0, TRUE, 0, NULL },
    { "Lead Officer", 0, 0, TRUE, 0, NULL }, { "Timescale", 0, 0, TRUE, 0, NULL },
    { "political level", 0, 0, 0, 0, NULL }, { "Monitoring", 0, 0, 0, 0, NULL },
    { "Cabinet / CMT", 0, 0, 0, 0, NULL }, { "December 2018", 0, 0, 0, 0, NULL },
    { "Spend more time together", 0, 0, 0, 0, NULL }, { "Meetings.", 0, 0, 0, 0, NULL },
    { "Leaders", 0, 0, 0, 0, NULL }, { "Ongoing", 0, 0, 0, 0, NULL },
    { "clipped letters", 0, 0, 0, 0, NULL }, { "Not after a break.", 0, 0, 0, 0, NULL },
    { "CMT", 0, 0, 0, 0, NULL }, { "Ongoing", 0, 0, 0, 0, NULL },
  };
  grid_table (doc, 4, 4, next, G_N_ELEMENTS (next));
  g_autoptr (PsItemList) list = ps_extract (doc, NULL, NULL);
  INT_EQ (list->items->len, 4);
  const PsItem *a = item (list, 0), *b = item (list, 1), *c = item (list, 2);
  STR_EQ (item (list, 3) ? item (list, 3)->text : NULL, "clipped letters");
  STR_EQ (a->ref, NULL);
  STR_EQ (a->text, "Pause and reflect on the journey");
  STR_EQ (field (a, PS_ROLE_RESPONSE), "We will celebrate.\nStaff briefings.");
  STR_EQ (a->owners_text, "Kevin Dicks\nKevin Dicks");
  STR_EQ (a->due.text, "September 2018 and ongoing\nSeptember 2018");
  STR_EQ (a->section, "Key Recommendations");
  INT_EQ (a->kind, PS_ITEM_KIND_RECOMMENDATION);
  STR_EQ (b ? b->ref : NULL, "2");
  STR_EQ (b ? b->text : NULL, "When change is introduced guarantee\npolitical level");
  STR_EQ (b ? b->due.text : NULL, "In place\nDecember 2018");
  STR_EQ (c ? c->text : NULL, "Spend more time together");
}

/* Heading rows inside a table, a status heading, colour-only status in the
 * number column, a duplicate row whose "See … above" spans the columns. */
static void
test_headings_and_colours (void)
{
  g_autoptr (PsDoc) doc = new_doc ();
  add_text (doc, PS_BLOCK_HEADING, 1, "Best Value Notice Action Plan");
  const C key[] = {
    { "Completed", 0, 0, 0, 0, NULL }, { "", 0, 0, 0, 0, "#5b9bd5" },
    { "Progressing well", 0, 0, 0, 0, NULL }, { "", 0, 0, 0, 0, "#00b050" },
  };
  grid_table (doc, 2, 2, key, G_N_ELEMENTS (key));
  add_text (doc, PS_BLOCK_HEADING, 2, "Actions progressing well as of March 2024");
  const C cells[] = {
    { "No.", 0, 0, TRUE, 0, NULL }, { "Action", 0, 0, TRUE, 0, NULL },
    { "Target date", 0, 0, TRUE, 0, NULL }, { "Action owner", 0, 0, TRUE, 0, NULL },
    { "Further issues to address", 0, 4, 0, TRUE, NULL },
    { "38 DLUHC", 0, 0, 0, 0, "#00b050" }, { "Draw up plans", 0, 0, 0, 0, NULL },
    { "July 2024", 0, 0, 0, 0, NULL }, { "Director of Finance", 0, 0, 0, 0, NULL },
    { "38 BCP CEx", 0, 0, 0, 0, "#00b050" }, { "Consider how best", 0, 0, 0, 0, NULL },
    { "See 38 DLUHC above", 0, 2, 0, 0, NULL },
    { "Actions completed as of March 2024", 0, 4, 0, TRUE, NULL },
    { "Council Meetings", 0, 4, 0, TRUE, NULL },
    { "1 BCP CEx", 0, 0, 0, 0, "#5b9bd5" }, { "Elect a Chair", 0, 0, 0, 0, NULL },
    { "June 2023", 0, 0, 0, 0, NULL }, { "Director of Law", 0, 0, 0, 0, NULL },
  };
  grid_table (doc, 7, 4, cells, G_N_ELEMENTS (cells));
  g_autoptr (PsItemList) list = ps_extract (doc, NULL, NULL);
  INT_EQ (list->key->len, 2);
  INT_EQ (list->items->len, 3);
  const PsItem *a = item (list, 0), *b = item (list, 1), *c = item (list, 2);
  STR_EQ (a->ref, "38 DLUHC");
  STR_EQ (a->ref_parts.source, "DLUHC");
  STR_EQ (a->section, "Further issues to address");
  STR_EQ (a->status.section, "Actions progressing well as of March 2024");
  OK (a->status.colour.g == 0xb0);
  STR_EQ (b ? b->ref : NULL, "38 BCP CEx");
  STR_EQ (b ? b->due.text : NULL, "See 38 DLUHC above");
  STR_EQ (b ? b->owners_text : NULL, NULL);
  STR_EQ (c ? c->section : NULL, "Council Meetings");
  STR_EQ (c ? c->status.section : NULL, "Actions completed as of March 2024");
  INT_EQ (a->kind, PS_ITEM_KIND_ACTION);
}

static void
test_prose_and_glossary (void)
{
  g_autoptr (PsDoc) doc = new_doc ();
  add_text (doc, PS_BLOCK_HEADING, 1, "Improvement Plan");
  add_text (doc, PS_BLOCK_PARAGRAPH, 0,
            "The Chief Executive (CEx) and the Corporate Management Team (CMT) own this plan.");
  add_text (doc, PS_BLOCK_PARAGRAPH, 0, "1. Introduction to the plan");
  add_text (doc, PS_BLOCK_PARAGRAPH, 0, "1. Ensure the budget is balanced\nLead: Director of Finance");
  add_text (doc, PS_BLOCK_PARAGRAPH, 0, "Deadline: March 2025");
  add_text (doc, PS_BLOCK_PARAGRAPH, 0, "2. Review the constitution");
  add_text (doc, PS_BLOCK_PARAGRAPH, 0, "Lead: Monitoring Officer\nStatus: Complete");
  g_autoptr (PsItemList) list = ps_extract (doc, NULL, NULL);
  INT_EQ (list->items->len, 2);
  STR_EQ (item (list, 0)->text, "Ensure the budget is balanced");
  STR_EQ (item (list, 0)->owners_text, "Director of Finance");
  STR_EQ (item (list, 0)->due.text, "March 2025");
  STR_EQ (item (list, 1)->status.text, "Complete");
  INT_EQ (list->glossary->len, 2);
  STR_EQ (g_array_index (list->glossary, PsGlossaryEntry, 0).abbr, "CEx");
  STR_EQ (g_array_index (list->glossary, PsGlossaryEntry, 0).expansion, "Chief Executive");
  STR_EQ (g_array_index (list->glossary, PsGlossaryEntry, 1).expansion, "Corporate Management Team");
}

/* A glossary as a list and a key written in words, sentences around them. */
static void
test_glossary_list_and_text_key (void)
{
  g_autoptr (PsDoc) doc = new_doc ();
  add_text (doc, PS_BLOCK_HEADING, 1, "Audit Action Plan");
  add_text (doc, PS_BLOCK_PARAGRAPH, 0,
            "RAG rating: Green \xe2\x80\x93 action completed; Amber \xe2\x80\x93 action in progress "
            "and on course; Red \xe2\x80\x93 action delayed or not expected to meet the date. "
            "The rating is shown in words.");
  add_text (doc, PS_BLOCK_PARAGRAPH, 0,
            "Abbreviations: CLT \xe2\x80\x93 Corporate Leadership Team; HoIA \xe2\x80\x93 Head of "
            "Internal Audit; OT \xe2\x80\x93 occupational therapy; XYZ \xe2\x80\x93 not an expansion.");
  g_autoptr (PsItemList) list = ps_extract (doc, NULL, NULL);
  INT_EQ (list->key->len, 3);
  if (list->key->len == 3)
    {
      STR_EQ (g_array_index (list->key, PsKeyEntry, 2).label,
              "action delayed or not expected to meet the date");
      OK (g_array_index (list->key, PsKeyEntry, 0).colour.g > 0x80);
    }
  INT_EQ (list->glossary->len, 3);
  if (list->glossary->len == 3)
    {
      STR_EQ (g_array_index (list->glossary, PsGlossaryEntry, 1).abbr, "HoIA");
      STR_EQ (g_array_index (list->glossary, PsGlossaryEntry, 1).expansion, "Head of Internal Audit");
      STR_EQ (g_array_index (list->glossary, PsGlossaryEntry, 2).expansion, "occupational therapy");
    }
}

/* A recommendation stated across the table with its actions beneath; a
 * labelled row inside a tracker; a theme column spanning its rows. */
static void
test_recommendation_rows (void)
{
  g_autoptr (PsDoc) doc = new_doc ();
  add_text (doc, PS_BLOCK_HEADING, 1, "Improvement Plan");
  const C cells[] = {
    { "Ref", 0, 0, TRUE, 0, NULL }, { "Action", 0, 0, TRUE, 0, NULL },
    { "Lead", 0, 0, TRUE, 0, NULL }, { "Timescale", 0, 0, TRUE, 0, NULL },
    { "Rec 1", 0, 0, 0, TRUE, NULL }, { "Improve supervision", 0, 3, 0, TRUE, NULL },
    { "", 0, 0, 0, 0, NULL }, { "Relaunch the policy", 0, 0, 0, 0, NULL },
    { "Principal Social Worker", 0, 0, 0, 0, NULL }, { "Sept 2024", 0, 0, 0, 0, NULL },
    { "", 0, 0, 0, 0, NULL }, { "Train managers", 0, 0, 0, 0, NULL },
    { "Heads of Service", 0, 0, 0, 0, NULL }, { "Dec 2024", 0, 0, 0, 0, NULL },
    { "Recommendation 2: Reduce waiting times", 0, 4, 0, TRUE, NULL },
    { "2a", 0, 0, 0, 0, NULL }, { "Triage the list", 0, 0, 0, 0, NULL },
    { "Head of Operations", 0, 0, 0, 0, NULL }, { "June 2024", 0, 0, 0, 0, NULL },
  };
  grid_table (doc, 6, 4, cells, G_N_ELEMENTS (cells));
  const C themed[] = {
    { "Theme", 0, 0, TRUE, 0, NULL }, { "No.", 0, 0, TRUE, 0, NULL },
    { "What we will do", 0, 0, TRUE, 0, NULL }, { "Lead", 0, 0, TRUE, 0, NULL },
    { "A. Leadership", 2, 0, 0, TRUE, NULL }, { "A1", 0, 0, 0, 0, NULL },
    { "Agree a plan", 0, 0, 0, 0, NULL }, { "Chief Executive", 0, 0, 0, 0, NULL },
    { "A2", 0, 0, 0, 0, NULL }, { "Run a survey", 0, 0, 0, 0, NULL },
    { "Director of People", 0, 0, 0, 0, NULL },
  };
  grid_table (doc, 3, 4, themed, G_N_ELEMENTS (themed));
  g_autoptr (PsItemList) list = ps_extract (doc, NULL, NULL);
  INT_EQ (list->items->len, 5);
  const PsItem *one = item (list, 0);
  STR_EQ (one->ref, "1"); /* "Rec" is a label, not part of the number */
  STR_EQ (one->text, "Improve supervision");
  STR_EQ (field (one, PS_ROLE_ACTION), "Relaunch the policy\nTrain managers");
  STR_EQ (one->owners_text, "Principal Social Worker\nHeads of Service");
  STR_EQ (one->due.text, "Sept 2024\nDec 2024");
  const PsItem *two = item (list, 1);
  STR_EQ (two ? two->ref : NULL, "2");
  INT_EQ (two ? two->kind : 0, PS_ITEM_KIND_RECOMMENDATION);
  STR_EQ (two ? two->text : NULL, "Reduce waiting times");
  STR_EQ (item (list, 2) ? item (list, 2)->ref : NULL, "2a");
  STR_EQ (item (list, 2) ? item (list, 2)->ref_parts.number : NULL, "2a");
  STR_EQ (item (list, 2) ? item (list, 2)->ref_parts.parent : NULL, "2");
  INT_EQ (item (list, 2) ? item (list, 2)->kind : 0, PS_ITEM_KIND_ACTION);
  STR_EQ (item (list, 3) ? item (list, 3)->section : NULL, "A. Leadership");
  STR_EQ (item (list, 4) ? item (list, 4)->section : NULL, "A. Leadership");
  OK (item (list, 4) && ps_item_get_field (item (list, 4), PS_ROLE_THEME) == NULL);
}

static void
test_header_roles (void)
{
  static const struct
  {
    const char *header;
    PsRole first, second;
  } cases[] = {
    { "Target date", PS_ROLE_DUE, 0 },
    { "Progress to date", PS_ROLE_PROGRESS, 0 },
    { "Cabinet Sponsor/s", PS_ROLE_SPONSOR, 0 },
    { "Lead / RAG status (Green \xe2\x80\x93 complete; Amber \xe2\x80\x93 on track) Latest Update",
      PS_ROLE_OWNER, PS_ROLE_STATUS },
    { "Outputs/Outcomes", PS_ROLE_OUTCOME, 0 },
    { "Response / Action", PS_ROLE_RESPONSE, 0 },
    { "No.", PS_ROLE_REF, 0 },
    { "Improvement Aim", PS_ROLE_RECOMMENDATION, 0 },
    { "Budget 2024", 0, 0 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PsRole roles[4] = { 0 };
      PsItemKind kind;
      ps_header_roles (cases[i].header, roles, 3, &kind);
      INT_EQ (roles[0], cases[i].first);
      if (cases[i].second)
        INT_EQ (roles[1], cases[i].second);
    }
}

int
main (void)
{
  test_patterns ();
  test_header_roles ();
  test_ref_column ();
  test_text_column ();
  test_headings_and_colours ();
  test_prose_and_glossary ();
  test_recommendation_rows ();
  test_glossary_list_and_text_key ();
  return harness_done ("extract");
}
