/* test_eval.c — the scorer: matching, detection and field figures on crafted
 * predictions, the report, the pass marks and the folder walk.
 *
 * Usage: test_eval FIXTURES (the tests/eval/fixtures folder). */
#include <math.h>
#include <string.h>

#include "eval_private.h"
#include "harness.h"
#include "ps_eval.h"
#include "ps_model_json.h"
#include "ps_text.h"

static const char *fixtures;

#define NEAR(a, b) OK (fabs ((a) - (b)) < 1e-12)

static cJSON *
load_json (const char *rel)
{
  g_autofree char *path = g_build_filename (fixtures, rel, NULL);
  g_autofree char *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &data, &len, NULL))
    {
      fprintf (stderr, "cannot read %s\n", path);
      return NULL;
    }
  return ps_json_parse (data, len, NULL);
}

static PsItemList *
list_from (const cJSON *root)
{
  g_autoptr (GError) error = NULL;
  PsItemList *list = ps_item_list_from_json (root, &error);
  if (!list)
    fprintf (stderr, "items JSON: %s\n", error->message);
  return list;
}

/* ---- mutations of the gold, one imperfection each ---------------------- */

static cJSON *
item (cJSON *items, int i)
{
  return cJSON_GetArrayItem (items, i);
}

static void
set (cJSON *obj, const char *key, cJSON *value)
{
  if (cJSON_GetObjectItemCaseSensitive (obj, key))
    cJSON_ReplaceItemInObjectCaseSensitive (obj, key, value);
  else
    cJSON_AddItemToObject (obj, key, value);
}

static void
set_str (cJSON *obj, const char *key, const char *value)
{
  set (obj, key, value ? cJSON_CreateString (value) : cJSON_CreateNull ());
}

static cJSON *
parse (const char *json)
{
  return cJSON_Parse (json);
}

static void
unchanged (cJSON *items)
{
  (void) items;
}

static void
drop_item_2 (cJSON *items)
{
  cJSON_DeleteItemFromArray (items, 1);
}

static void
add_extra_item (cJSON *items)
{
  cJSON_AddItemToArray (items, parse ("{\"ref\": \"5\", \"kind\": \"action\", \"text\": "
                                      "\"Publish the action plan on the council website.\"}"));
}

static void
wrong_due_start (cJSON *items)
{
  set_str (cJSON_GetObjectItem (item (items, 0), "due"), "start", "2024-04-01");
}

static void
owners_reversed (cJSON *items)
{
  cJSON *owners = cJSON_GetObjectItem (item (items, 0), "owners");
  cJSON *first = cJSON_DetachItemFromArray (owners, 0);
  cJSON_AddItemToArray (owners, first);
}

static void
ref_with_full_stop (cJSON *items)
{
  set_str (item (items, 0), "ref", "1.");
}

static void
ref_other_case (cJSON *items)
{
  set_str (item (items, 2), "ref", "3  dluhc");
}

static void
unnumbered_small_changes (cJSON *items)
{
  set_str (item (items, 4), "text",
           "Build a culture of openness, where staff feel able to challenge and to raise concerns");
}

static void
unnumbered_rewritten (cJSON *items)
{
  /* 8 common words of 14 and 10: Dice 16/24 = 0.67, matched, but wrong. */
  set_str (item (items, 4), "text", "Build a culture of openness where staff can challenge leaders");
}

static void
wrong_status (cJSON *items)
{
  set_str (cJSON_GetObjectItem (item (items, 1), "status"), "canonical", "off_track");
}

static void
wrong_rag (cJSON *items)
{
  set_str (cJSON_GetObjectItem (item (items, 1), "status"), "rag", "amber");
}

static void
section_where_none (cJSON *items)
{
  set_str (item (items, 5), "section", "Partnerships");
}

static void
section_missing (cJSON *items)
{
  set_str (item (items, 0), "section", NULL);
}

static void
section_other_spelling (cJSON *items)
{
  set_str (item (items, 0), "section", "LEADERSHIP & GOVERNANCE:");
}

static void
due_where_none (cJSON *items)
{
  set (item (items, 3), "due",
       parse ("{\"text\": \"March 2024\", \"kind\": \"date\", \"start\": \"2024-03-01\", "
              "\"end\": \"2024-03-31\", \"precision\": \"month\"}"));
}

static void
unspecified_where_none (cJSON *items)
{
  set (item (items, 3), "due", parse ("{\"text\": \"TBC\", \"kind\": \"unspecified\"}"));
}

static void
due_missing (cJSON *items)
{
  set (item (items, 2), "due", cJSON_CreateNull ());
}

static void
unknown_status_where_none (cJSON *items)
{
  set (item (items, 3), "status",
       parse ("{\"text\": \"TBC\", \"canonical\": \"unknown\", \"source\": \"text\"}"));
}

static void
owner_without_name (cJSON *items)
{
  /* Falls back to its text, which is the same words. */
  set_str (item (cJSON_GetObjectItem (item (items, 1), "owners"), 0), "name", NULL);
}

static void
owner_abbreviation_kept (cJSON *items)
{
  /* "CEx" unexpanded is not "Chief Executive". */
  set_str (item (cJSON_GetObjectItem (item (items, 0), "owners"), 0), "name", NULL);
}

static void
owner_missing (cJSON *items)
{
  cJSON_DeleteItemFromArray (cJSON_GetObjectItem (item (items, 0), "owners"), 1);
}

static void
links_reordered (cJSON *items)
{
  set (item (items, 5), "links", parse ("[\"2\", \"1.\"]"));
}

static void
link_missing (cJSON *items)
{
  set (item (items, 5), "links", parse ("[\"1\"]"));
}

static void
ref_without_source (cJSON *items)
{
  /* "3" is not "3 BCP CEx": the item is found by its text instead. */
  set_str (item (items, 3), "ref", "3");
}

static void
sources_swapped (cJSON *items)
{
  set_str (item (items, 2), "ref", "3 BCP CEx");
  set_str (item (items, 3), "ref", "3 DLUHC");
}

static void
reversed (cJSON *items)
{
  int n = cJSON_GetArraySize (items);
  for (int i = 0; i < n; i++)
    cJSON_AddItemToArray (items, cJSON_DetachItemFromArray (items, n - 1 - i));
}

static void
empty (cJSON *items)
{
  while (cJSON_GetArraySize (items))
    cJSON_DeleteItemFromArray (items, 0);
}

typedef struct
{
  const char *name;
  void (*mutate) (cJSON *items);
  guint n_pred, n_matched;
  guint wrong[PS_EVAL_N_FIELDS]; /* matched pairs each field gets wrong */
  int owners_tp, owners_pred, owners_gold; /* -1 (or all 0): not checked */
} Case;

#define F(name) [PS_EVAL_FIELD_##name]

/* The gold has 6 items and 7 owners (2 + 1 + 1 + 1 + 2 + 0). */
static const Case cases[] = {
  { "gold against itself", unchanged, 6, 6, { 0 }, 7, 7, 7 },
  { "missing item", drop_item_2, 5, 5, { 0 }, 6, 6, 6 },
  { "extra item", add_extra_item, 7, 6, { 0 }, 7, 7, 7 },
  { "wrong due start", wrong_due_start, 6, 6, { F (DUE_START) = 1 }, 7, 7, 7 },
  { "owners reordered", owners_reversed, 6, 6, { 0 }, 7, 7, 7 },
  { "ref 1. for 1", ref_with_full_stop, 6, 6, { 0 }, 7, 7, 7 },
  { "ref in other case and spacing", ref_other_case, 6, 6, { 0 }, 7, 7, 7 },
  { "unnumbered, small changes", unnumbered_small_changes, 6, 6, { 0 }, 7, 7, 7 },
  { "unnumbered, rewritten", unnumbered_rewritten, 6, 6, { F (TEXT) = 1 }, 7, 7, 7 },
  { "wrong status", wrong_status, 6, 6, { F (STATUS) = 1 }, 7, 7, 7 },
  { "wrong rag", wrong_rag, 6, 6, { F (RAG) = 1 }, 7, 7, 7 },
  { "section where gold has none", section_where_none, 6, 6, { F (SECTION) = 1 }, 7, 7, 7 },
  { "section missing", section_missing, 6, 6, { F (SECTION) = 1 }, 7, 7, 7 },
  { "section spelt otherwise", section_other_spelling, 6, 6, { 0 }, 7, 7, 7 },
  { "due where gold has none", due_where_none, 6, 6,
    { F (DUE_START) = 1, F (DUE_END) = 1, F (DUE_KIND) = 1 }, 7, 7, 7 },
  { "unspecified due where gold has none", unspecified_where_none, 6, 6, { 0 }, 7, 7, 7 },
  { "due missing", due_missing, 6, 6, { F (DUE_END) = 1, F (DUE_KIND) = 1 }, 7, 7, 7 },
  { "unknown status where gold has none", unknown_status_where_none, 6, 6, { 0 }, 7, 7, 7 },
  { "owner without a name", owner_without_name, 6, 6, { 0 }, 7, 7, 7 },
  { "owner abbreviation kept", owner_abbreviation_kept, 6, 6, { F (OWNERS) = 1 }, 6, 7, 7 },
  { "owner missing", owner_missing, 6, 6, { F (OWNERS) = 1 }, 6, 6, 7 },
  { "links reordered", links_reordered, 6, 6, { 0 }, 7, 7, 7 },
  { "link missing", link_missing, 6, 6, { F (LINKS) = 1 }, 7, 7, 7 },
  { "ref without its source", ref_without_source, 6, 6, { F (REF) = 1 }, 7, 7, 7 },
  /* The ref decides: each "3 …" item pairs with the other's text. */
  { "ref sources swapped", sources_swapped, 6, 6,
    { F (TEXT) = 2, F (OWNERS) = 2, F (DUE_END) = 2, F (DUE_KIND) = 2, F (STATUS) = 2,
      F (RAG) = 2, F (LINKS) = 2 },
    5, 7, 7 },
  { "document order reversed", reversed, 6, 6, { 0 }, 7, 7, 7 },
  { "nothing predicted", empty, 0, 0, { 0 }, 0, 0, 0 },
};

static void
test_cases (void)
{
  g_autoptr (cJSON) gold_json = load_json ("gold/plan.json");
  OK (gold_json != NULL);
  if (!gold_json)
    return;
  g_autoptr (PsItemList) gold = list_from (gold_json);
  OK (gold != NULL && gold->items->len == 6);
  if (!gold)
    return;
  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const Case *k = &cases[c];
      g_autoptr (cJSON) pred_json = cJSON_Duplicate (gold_json, TRUE);
      k->mutate (cJSON_GetObjectItem (pred_json, "items"));
      g_autoptr (PsItemList) pred = list_from (pred_json);
      OK (pred != NULL);
      if (!pred)
        continue;
      g_autoptr (PsEvalScore) s = ps_eval_score ("plan.html", "plan", gold, pred);
      int before = harness_failures;
      INT_EQ (s->n_gold, 6);
      INT_EQ (s->n_pred, k->n_pred);
      INT_EQ (s->n_matched, k->n_matched);
      for (int f = PS_EVAL_FIELD_FIRST; f < PS_EVAL_N_FIELDS; f++)
        INT_EQ (s->n_matched - s->field_correct[f], k->wrong[f]);
      if (k->owners_gold > 0)
        {
          INT_EQ (s->owners_tp, k->owners_tp);
          INT_EQ (s->owners_pred, k->owners_pred);
          INT_EQ (s->owners_gold, k->owners_gold);
        }
      /* A note for every miss, extra item and wrong field. */
      guint wrong = 0;
      for (int f = PS_EVAL_FIELD_FIRST; f < PS_EVAL_N_FIELDS; f++)
        wrong += k->wrong[f];
      INT_EQ (s->notes->len, (6 - k->n_matched) + (k->n_pred - k->n_matched) + wrong);
      if (harness_failures != before)
        fprintf (stderr, "  in case \"%s\"\n", k->name);
    }
}

/* The figures the brief asks for, as ratios. */
static void
test_ratios (void)
{
  g_autoptr (cJSON) gold_json = load_json ("gold/plan.json");
  g_autoptr (PsItemList) gold = list_from (gold_json);
  if (!gold)
    return;
  void (*mutations[]) (cJSON *) = { drop_item_2, add_extra_item, wrong_due_start, empty };
  PsEvalScore *s[G_N_ELEMENTS (mutations)];
  for (gsize i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autoptr (cJSON) pj = cJSON_Duplicate (gold_json, TRUE);
      mutations[i] (cJSON_GetObjectItem (pj, "items"));
      g_autoptr (PsItemList) pred = list_from (pj);
      s[i] = ps_eval_score ("plan.html", "plan", gold, pred);
    }
  NEAR (ps_eval_recall (s[0]), 5.0 / 6);
  NEAR (ps_eval_precision (s[0]), 1.0);
  NEAR (ps_eval_f1 (s[0]), 10.0 / 11);
  NEAR (ps_eval_precision (s[1]), 6.0 / 7);
  NEAR (ps_eval_recall (s[1]), 1.0);
  NEAR (ps_eval_field_accuracy (s[2], PS_EVAL_FIELD_DUE_START), 5.0 / 6);
  NEAR (ps_eval_field_accuracy (s[2], PS_EVAL_FIELD_DUE_END), 1.0);
  OK (isnan (ps_eval_precision (s[3])));
  NEAR (ps_eval_recall (s[3]), 0.0);
  NEAR (ps_eval_f1 (s[3]), 0.0);
  OK (isnan (ps_eval_field_accuracy (s[3], PS_EVAL_FIELD_TEXT)));
  NEAR (ps_eval_owners_f1 (s[0]), 1.0);
  for (gsize i = 0; i < G_N_ELEMENTS (s); i++)
    ps_eval_score_free (s[i]);

  /* Nothing to find and nothing found is a perfect score. */
  g_autoptr (PsItemList) none = ps_item_list_new ();
  g_autoptr (PsEvalScore) e = ps_eval_score ("x", "x", none, none);
  NEAR (ps_eval_f1 (e), 1.0);
  OK (isnan (ps_eval_precision (e)) && isnan (ps_eval_recall (e)));
}

static PsItemList *
list_of (const char *items_json)
{
  g_autofree char *json = g_strdup_printf (
      "{\"schema\": \"plansift/items/1\", \"document\": {\"source\": \"t\"}, \"items\": %s}",
      items_json);
  g_autoptr (cJSON) root = cJSON_Parse (json);
  return root ? list_from (root) : NULL;
}

/* A ref printed on several rows pairs in document order, one-to-one. */
static void
test_repeated_refs (void)
{
  g_autoptr (PsItemList) gold = list_of (
      "[{\"ref\": \"38 BCP CEx\", \"text\": \"Review the constitution.\"},"
      " {\"ref\": \"38 BCP CEx\", \"text\": \"See 38 DLUHC above.\"}]");
  g_autoptr (PsItemList) pred = list_of (
      "[{\"ref\": \"38 bcp cex\", \"text\": \"Review the constitution.\"},"
      " {\"ref\": \"38 BCP  CEx\", \"text\": \"See 38 DLUHC above.\"},"
      " {\"ref\": \"38 BCP CEx\", \"text\": \"A third row.\"}]");
  OK (gold && pred);
  if (!gold || !pred)
    return;
  g_autoptr (PsEvalScore) s = ps_eval_score ("t", "t", gold, pred);
  INT_EQ (s->n_matched, 2);
  INT_EQ (s->field_correct[PS_EVAL_FIELD_TEXT], 2);
  INT_EQ (s->n_pred, 3);
}

/* Leftovers pair by text at similarity 0.6 and above, best pairs first. */
static void
test_text_matching (void)
{
  NEAR (ps_text_similarity ("alpha beta gamma delta epsilon", "alpha beta gamma zeta eta"), 0.6);
  g_autoptr (PsItemList) gold = list_of ("[{\"ref\": null, \"text\": \"alpha beta gamma delta epsilon\"},"
                                         " {\"ref\": null, \"text\": \"one two three four\"}]");
  g_autoptr (PsItemList) pred = list_of ("[{\"ref\": null, \"text\": \"alpha beta gamma zeta eta\"},"
                                         " {\"ref\": null, \"text\": \"one two three five\"},"
                                         " {\"ref\": null, \"text\": \"one two three four\"}]");
  OK (gold && pred);
  if (!gold || !pred)
    return;
  g_autoptr (PsEvalScore) s = ps_eval_score ("t", "t", gold, pred);
  INT_EQ (s->n_matched, 2);
  /* "one two three four" takes its exact copy, not the earlier near one. */
  INT_EQ (s->field_correct[PS_EVAL_FIELD_TEXT], 1);

  g_autoptr (PsItemList) far = list_of ("[{\"ref\": null, \"text\": \"alpha beta zeta eta theta\"}]");
  g_autoptr (PsEvalScore) s2 = ps_eval_score ("t", "t", gold, far);
  INT_EQ (s2->n_matched, 0);

  /* A numbered gold item whose ref the prediction got wrong is still found
   * by its text; a matched text at 0.9 or above is right. */
  g_autoptr (PsItemList) g3 = list_of (
      "[{\"ref\": \"7\", \"text\": \"a b c d e f g h i j k l m n o p q r s t\"}]");
  g_autoptr (PsItemList) p3 = list_of (
      "[{\"ref\": \"8\", \"text\": \"a b c d e f g h i j k l m n o p q r s x\"}]");
  g_autoptr (PsEvalScore) s3 = ps_eval_score ("t", "t", g3, p3);
  INT_EQ (s3->n_matched, 1);
  INT_EQ (s3->field_correct[PS_EVAL_FIELD_REF], 0);
  INT_EQ (s3->field_correct[PS_EVAL_FIELD_TEXT], 1);
}

static void
test_names (void)
{
  static const struct
  {
    const char *in, *out;
  } names[] = {
    { "corpus/docs/plan.chromium.pdf", "plan" },
    { "plan.libreoffice.pdf", "plan" },
    { "/tmp/x/plan.html", "plan" },
    { "PLAN.HTM", "PLAN" },
    { "C:\\plans\\plan.PDF", "plan" },
    { "plan", "plan" },
    { "plan.chromium", "plan" },
    { "my.plan.v2.pdf", "my.plan.v2" },
    { "", NULL },
    { NULL, NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *got = ps_eval_doc_name (names[i].in);
      STR_EQ (got, names[i].out);
    }

  static const struct
  {
    const char *in, *out;
  } refs[] = {
    { "1.", "1" },          { "1", "1" },           { " 33  BCP\nCEx ", "33 bcp cex" },
    { "1.10", "1.10" },     { "2(a).", "2(a)" },    { "R3", "r3" },
    { ".", NULL },          { "  ", NULL },         { NULL, NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (refs); i++)
    {
      g_autofree char *got = eval_ref_key (refs[i].in);
      STR_EQ (got, refs[i].out);
    }

  for (int f = PS_EVAL_FIELD_FIRST; f < PS_EVAL_N_FIELDS; f++)
    INT_EQ (ps_eval_field_from_string (ps_eval_field_to_string ((PsEvalField) f)), f);
  INT_EQ (ps_eval_field_from_string ("colour"), PS_EVAL_FIELD_NONE);
  INT_EQ (ps_eval_field_from_string (NULL), PS_EVAL_FIELD_NONE);
  STR_EQ (ps_eval_field_to_string (PS_EVAL_FIELD_DUE_START), "due_start");
  OK (ps_eval_field_to_string (PS_EVAL_FIELD_NONE) == NULL);
}

/* The run-ok folder: plan.html perfect, plan.chromium.pdf missing item 2
 * and with a wrong due start, small.libreoffice.pdf perfect; manifest.json
 * and a JSON of another schema ignored. */
static PsEvalReport *
run_dirs (const char *out)
{
  g_autofree char *gold = g_build_filename (fixtures, "gold", NULL);
  g_autofree char *dir = g_build_filename (fixtures, out, NULL);
  g_autoptr (GError) error = NULL;
  PsEvalReport *r = ps_eval_dirs (gold, dir, &error);
  if (!r)
    fprintf (stderr, "ps_eval_dirs: %s\n", error->message);
  return r;
}

static void
test_dirs (void)
{
  g_autoptr (PsEvalReport) r = run_dirs ("run-ok");
  OK (r != NULL);
  if (!r)
    return;
  INT_EQ (r->docs->len, 3);
  INT_EQ (r->failures->len, 0);
  INT_EQ (r->skipped->len, 0);
  INT_EQ (r->missing->len, 0);
  if (r->docs->len == 3)
    {
      const PsEvalScore *a = g_ptr_array_index (r->docs, 0);
      const PsEvalScore *b = g_ptr_array_index (r->docs, 1);
      const PsEvalScore *c = g_ptr_array_index (r->docs, 2);
      STR_EQ (a->name, "plan.chromium.pdf");
      STR_EQ (a->gold_name, "plan");
      STR_EQ (b->name, "plan.html");
      STR_EQ (c->name, "small.libreoffice.pdf");
      INT_EQ (a->n_matched, 5);
      INT_EQ (a->field_correct[PS_EVAL_FIELD_DUE_START], 4);
    }
  const PsEvalScore *o = r->overall;
  INT_EQ (o->n_docs, 3);
  INT_EQ (o->n_gold, 14);
  INT_EQ (o->n_pred, 13);
  INT_EQ (o->n_matched, 13);
  NEAR (ps_eval_f1 (o), 26.0 / 27);
  NEAR (ps_eval_field_accuracy (o, PS_EVAL_FIELD_DUE_START), 12.0 / 13);

  /* The table: a header, a row per document and the overall row. */
  g_autofree char *table = ps_eval_report_table (r);
  OK (g_str_has_prefix (table, "document "));
  OK (strstr (table, "\nplan.chromium.pdf ") != NULL);
  OK (strstr (table, "\noverall ") != NULL);
  OK (strstr (table, " 0.963 ") != NULL);
  OK (strstr (table, " due_start ") != NULL);

  /* The JSON: fixed keys in a fixed order. */
  g_autoptr (cJSON) json = ps_eval_report_to_json (r);
  STR_EQ (json->child->string, "schema");
  STR_EQ (json->child->next->string, "documents");
  STR_EQ (json->child->next->next->string, "overall");
  STR_EQ (json->child->next->next->next->string, "missing");
  cJSON *overall = cJSON_GetObjectItem (json, "overall");
  NEAR (cJSON_GetObjectItem (overall, "f1")->valuedouble, 0.963);
  cJSON *due = cJSON_GetObjectItem (cJSON_GetObjectItem (overall, "fields"), "due_start");
  INT_EQ (cJSON_GetObjectItem (due, "correct")->valueint, 12);
  INT_EQ (cJSON_GetObjectItem (due, "total")->valueint, 13);
  cJSON *doc0 = cJSON_GetArrayItem (cJSON_GetObjectItem (json, "documents"), 0);
  STR_EQ (cJSON_GetObjectItem (doc0, "name")->valuestring, "plan.chromium.pdf");
  cJSON *owners = cJSON_GetObjectItem (doc0, "owners");
  INT_EQ (cJSON_GetObjectItem (owners, "gold")->valueint, 6);
  NEAR (cJSON_GetObjectItem (owners, "recall")->valuedouble, 1.0);

  /* Pass marks: each failure says which and by how much. */
  PsEvalThresholds t;
  ps_eval_thresholds_init (&t);
  OK (!ps_eval_thresholds_any (&t));
  g_autoptr (GPtrArray) none = ps_eval_check (r, &t);
  INT_EQ (none->len, 0);
  t.min_f1 = 0.9;
  t.min_doc_f1 = 0.9;
  t.min_field_accuracy = 0.9;
  t.min_field[PS_EVAL_FIELD_TEXT] = 1.0;
  g_autoptr (GPtrArray) pass = ps_eval_check (r, &t);
  INT_EQ (pass->len, 0);
  t.min_f1 = 0.99;
  t.min_doc_f1 = 0.95;
  t.min_field[PS_EVAL_FIELD_DUE_START] = 0.95;
  g_autoptr (GPtrArray) fail = ps_eval_check (r, &t);
  INT_EQ (fail->len, 3);
  if (fail->len == 3)
    {
      STR_EQ (g_ptr_array_index (fail, 0),
              "overall item F1 0.9630 is below --min-f1 0.9900 by 0.0270");
      STR_EQ (g_ptr_array_index (fail, 1),
              "plan.chromium.pdf: item F1 0.9091 is below --min-doc-f1 0.9500 by 0.0409");
      STR_EQ (g_ptr_array_index (fail, 2), "overall due_start accuracy 0.9231 is below "
                                           "--min-field due_start=0.9500 by 0.0269");
    }
  /* 5/6 meets a mark written with fewer digits than the ratio has. */
  ps_eval_thresholds_init (&t);
  t.min_field[PS_EVAL_FIELD_DUE_START] = 12.0 / 13;
  g_autoptr (GPtrArray) exact = ps_eval_check (r, &t);
  INT_EQ (exact->len, 0);
}

static void
test_dirs_problems (void)
{
  /* A gold without a prediction is reported, and fails any pass mark. */
  g_autoptr (PsEvalReport) missing = run_dirs ("run-missing");
  OK (missing != NULL);
  if (missing)
    {
      INT_EQ (missing->docs->len, 1);
      INT_EQ (missing->missing->len, 1);
      if (missing->missing->len)
        STR_EQ (g_ptr_array_index (missing->missing, 0), "small");
      PsEvalThresholds t;
      ps_eval_thresholds_init (&t);
      g_autoptr (GPtrArray) quiet = ps_eval_check (missing, &t);
      INT_EQ (quiet->len, 0);
      t.min_f1 = 0.5;
      g_autoptr (GPtrArray) fail = ps_eval_check (missing, &t);
      INT_EQ (fail->len, 1);
      if (fail->len)
        STR_EQ (g_ptr_array_index (fail, 0), "gold document small has no prediction");
    }

  /* Unreadable predictions are failures; the rest is still scored. */
  g_autoptr (PsEvalReport) bad = run_dirs ("run-bad");
  OK (bad != NULL);
  if (bad)
    {
      INT_EQ (bad->docs->len, 2);
      INT_EQ (bad->failures->len, 2);
      for (guint i = 0; i < bad->failures->len; i++)
        {
          const PsEvalNote *n = g_ptr_array_index (bad->failures, i);
          OK (g_str_has_suffix (n->path, i == 0 ? "broken.json" : "plan.libreoffice.pdf.json"));
        }
    }

  /* A prediction without a gold is skipped and said so. */
  g_autoptr (PsEvalReport) nogold = run_dirs ("run-nogold");
  OK (nogold != NULL);
  if (nogold)
    {
      INT_EQ (nogold->docs->len, 1);
      INT_EQ (nogold->skipped->len, 1);
      if (nogold->skipped->len)
        {
          const PsEvalNote *n = g_ptr_array_index (nogold->skipped, 0);
          OK (g_str_has_suffix (n->path, "unknown.html.json"));
          OK (strstr (n->message, "unknown.json") != NULL);
        }
    }

  /* A folder that is not there is an error naming it. */
  g_autoptr (GError) error = NULL;
  g_autofree char *gold = g_build_filename (fixtures, "gold", NULL);
  g_autoptr (PsEvalReport) none = ps_eval_dirs (gold, "no/such/dir", &error);
  OK (none == NULL);
  OK (error && strstr (error->message, "no/such/dir: no such directory"));
  g_clear_error (&error);
  g_autoptr (PsEvalReport) none2 = ps_eval_dirs ("no/such/gold", gold, &error);
  OK (none2 == NULL && error != NULL);

  /* A single file works as OUTDIR; a gold scored against itself is perfect. */
  g_autofree char *file = g_build_filename (fixtures, "gold", "plan.json", NULL);
  g_autoptr (PsEvalReport) self = ps_eval_dirs (gold, file, NULL);
  OK (self != NULL);
  if (self)
    {
      INT_EQ (self->docs->len, 1);
      NEAR (ps_eval_f1 (self->overall), 1.0);
      for (int f = PS_EVAL_FIELD_FIRST; f < PS_EVAL_N_FIELDS; f++)
        NEAR (ps_eval_field_accuracy (self->overall, (PsEvalField) f), 1.0);
    }
}

int
main (int argc, char **argv)
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: test_eval FIXTURES\n");
      return 2;
    }
  fixtures = argv[1];
  test_cases ();
  test_ratios ();
  test_repeated_refs ();
  test_text_matching ();
  test_names ();
  test_dirs ();
  test_dirs_problems ();
  return harness_done ("eval");
}
