/* test_normalise — the normalise stage as a whole: its pattern table and
 * vocabularies, ps_normalise on a small hand-made plan (key, glossary, "As
 * above" references, links), repeatability, and threads. */
#include <cjson/cJSON.h>
#include <glib.h>
#include <string.h>

#include "harness.h"
#include "normalise_private.h"
#include "ps_model_json.h"
#include "ps_tsv.h"

extern const PsTsvTable ps_norm_status_words;
extern const PsTsvTable ps_norm_due_words;
extern const PsTsvTable ps_norm_abbreviations;
extern const PsTsvTable ps_norm_owner_words;
extern const PsTsvTable ps_norm_months;
extern const PsTsvTable ps_norm_seasons;

static void
test_patterns (void)
{
  gsize n;
  PsPatternDef *defs = norm_pattern_defs_expand (&n);
  g_autoptr (GError) error = NULL;
  gboolean ok = ps_pattern_defs_check (defs, n, &error);
  if (!ok)
    fprintf (stderr, "pattern table: %s\n", error->message);
  OK (ok);
  INT_EQ (n, NP_N_PATTERNS);
  for (gsize i = 0; i < n; i++)
    INT_EQ (defs[i].id, (int) i);
  norm_pattern_defs_free (defs, n);
}

/* Every row of every vocabulary says something the code understands. */
static void
test_vocabularies (void)
{
  for (long r = 0; r < ps_norm_status_words.n_rows; r++)
    {
      const char *canon = ps_tsv_cell (&ps_norm_status_words, r, 1);
      const char *rag = ps_tsv_cell (&ps_norm_status_words, r, 2);
      OK (*canon || *rag);
      OK (!*canon || ps_status_value_from_string (canon) != PS_STATUS_UNKNOWN);
      OK (!*rag || ps_rag_from_string (rag) != PS_RAG_NONE);
    }
  for (long r = 0; r < ps_norm_due_words.n_rows; r++)
    {
      const char *kind = ps_tsv_cell (&ps_norm_due_words, r, 1);
      OK (strcmp (kind, "unspecified") == 0 || ps_due_kind_from_string (kind) != PS_DUE_KIND_UNSPECIFIED);
    }
  for (long r = 0; r < ps_norm_abbreviations.n_rows; r++)
    {
      const char *scope = ps_tsv_cell (&ps_norm_abbreviations, r, 2);
      OK (strcmp (scope, "owner") == 0 || strcmp (scope, "word") == 0);
    }
  static const char *const kinds[]
      = { "role", "team", "body", "modifier", "honorific", "label", "joiner", "complement", "minor" };
  for (long r = 0; r < ps_norm_owner_words.n_rows; r++)
    {
      const char *kind = ps_tsv_cell (&ps_norm_owner_words, r, 1);
      gboolean known = FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        known |= strcmp (kind, kinds[k]) == 0;
      OK (known);
    }
  for (long r = 0; r < ps_norm_months.n_rows; r++)
    {
      int m = atoi (ps_tsv_cell (&ps_norm_months, r, 1));
      OK (m >= 1 && m <= 12);
    }
  for (long r = 0; r < ps_norm_seasons.n_rows; r++)
    {
      int m = atoi (ps_tsv_cell (&ps_norm_seasons, r, 1));
      OK (m == 3 || m == 6 || m == 9 || m == 12);
    }
}

/* The quick ASCII key agrees with ps_text_key. */
static void
test_keys (void)
{
  static const char alphabet[] = "aZ09 &'-/|.,;:()_+$<=>^`~!?\"#%@[]{}*\t\n\x01\x7f";
  g_autoptr (GRand) r = g_rand_new_with_seed (7);
  for (int i = 0; i < 20000; i++)
    {
      char buf[16];
      int n = g_rand_int_range (r, 0, (int) sizeof buf);
      for (int k = 0; k < n; k++)
        buf[k] = alphabet[g_rand_int_range (r, 0, (int) sizeof alphabet - 1)];
      buf[n] = '\0';
      g_autofree char *fast = norm_key (buf, (gsize) n);
      g_autofree char *slow = ps_text_key (buf);
      harness_checks++;
      if (strcmp (fast, slow) != 0)
        {
          harness_failures++;
          g_autofree char *esc = g_strescape (buf, NULL);
          fprintf (stderr, "key of \"%s\": \"%s\", ps_text_key \"%s\"\n", esc, fast, slow);
          break;
        }
    }
}

static PsItem *
add_item (PsItemList *list, const char *ref, const char *text, const char *due,
          const char *owners, const char *status, const char *colour, const char *section)
{
  PsItem *it = ps_item_list_add (list);
  it->ref = ps_item_list_strdup (list, ref);
  it->kind = PS_ITEM_KIND_ACTION;
  it->text = ps_item_list_strdup (list, text);
  it->due.text = ps_item_list_strdup (list, due);
  it->owners_text = ps_item_list_strdup (list, owners);
  it->status.text = ps_item_list_strdup (list, status);
  if (colour)
    ps_colour_parse (colour, &it->status.colour);
  it->status.section = ps_item_list_strdup (list, section);
  return it;
}

/* A small plan in BCP's shape: numbered actions from two sources, a key
 * whose Green means "progressing well", a glossary that defines CMT its own
 * way, repeated rows pointing above. */
static PsItemList *
sample_list (void)
{
  PsItemList *list = ps_item_list_new ();
  list->date = ps_item_list_strdup (list, "2023-08");
  PsKeyEntry keys[] = {
    { PS_COLOUR_RGB (0x5b, 0x9b, 0xd5), "Completed" },
    { PS_COLOUR_RGB (0x00, 0xb0, 0x50), "Progressing well" },
    { PS_COLOUR_RGB (0xff, 0xc0, 0x00), "Started" },
    { PS_COLOUR_RGB (0xff, 0x00, 0x00), "No movement" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      keys[i].label = ps_item_list_strdup (list, keys[i].label);
      g_array_append_val (list->key, keys[i]);
    }
  PsGlossaryEntry g = { ps_item_list_strdup (list, "CMT"),
                        ps_item_list_strdup (list, "Council Management Team") };
  g_array_append_val (list->glossary, g);

  add_item (list, "18 DLUHC", "Put in place a comprehensive Member induction programme",
            "June 2023", "Director of Law & Governance", NULL, "#5b9bd5", NULL);
  PsItem *it = add_item (list, "19 DLUHC", "Put in place an ongoing programme of Member training",
                         "As 18 DLUHC above", "Director of Law & Governance and CMT", "Green", NULL,
                         NULL);
  ps_item_add_field (list, it, PS_ROLE_PROGRESS, NULL, "As 18 DLUHC above");
  ps_item_add_field (list, it, PS_ROLE_NEXT_STEPS, NULL,
                     "Ongoing, and needs to be monitored.\nAlso see action 3 DLUHC above.");
  add_item (list, "3 DLUHC", "Develop the scrutiny role", "Original target July 2023\nExtended to February 2024",
            "Chief Executive & s151 Officer", NULL, "#00b050", "Actions completed as of March 2024");
  it = add_item (list, "3 BCP CEx", "Continue to increase the focus of Overview and Scrutiny", NULL, NULL,
                 NULL, NULL, "Actions completed as of March 2024");
  ps_item_add_field (list, it, PS_ROLE_OUTCOME, NULL, "See action 3 DLUHC above");
  ps_item_add_link (list, it, "18 DLUHC");
  ps_item_add_link (list, it, "99 NOWHERE");
  add_item (list, "20", "A row that repeats the one above", "As above", "As 3 DLUHC above",
            "Not started", NULL, NULL);
  add_item (list, "21", "A cycle", "As 22 below", NULL, NULL, NULL, NULL);
  add_item (list, "22", "A cycle", "As 21 above", NULL, NULL, NULL, NULL);
  return list;
}

static const PsItem *
item_at (const PsItemList *list, guint i)
{
  return g_ptr_array_index (list->items, i);
}

static void
test_end_to_end (void)
{
  g_autoptr (PsItemList) list = sample_list ();
  g_autoptr (GError) error = NULL;
  OK (ps_normalise (list, NULL, &error));

  /* 18 DLUHC: a month; a role with '&' read as "and"; colour through the key. */
  const PsItem *a = item_at (list, 0);
  INT_EQ (a->due.kind, PS_DUE_KIND_DATE);
  STR_EQ (a->due.start, "2023-06-01");
  STR_EQ (a->due.end, "2023-06-30");
  INT_EQ (a->owners->len, 1);
  if (a->owners->len == 1)
    STR_EQ (((PsOwner *) g_ptr_array_index (a->owners, 0))->name, "Director of Law and Governance");
  INT_EQ (a->status.canonical, PS_STATUS_COMPLETED);
  INT_EQ (a->status.rag, PS_RAG_BLUE);
  INT_EQ (a->status.source, PS_STATUS_SOURCE_KEY);
  INT_EQ (a->links->len, 0);

  /* 19 DLUHC: due copied from 18; CMT as the glossary says; "Green" means
   * what the key says; links in order of appearance, each once. */
  const PsItem *b = item_at (list, 1);
  INT_EQ (b->due.kind, PS_DUE_KIND_REFERENCE);
  STR_EQ (b->due.ref, "18 DLUHC");
  STR_EQ (b->due.start, "2023-06-01");
  STR_EQ (b->due.end, "2023-06-30");
  INT_EQ (b->due.precision, PS_PRECISION_MONTH);
  INT_EQ (b->owners->len, 2);
  if (b->owners->len == 2)
    {
      STR_EQ (((PsOwner *) g_ptr_array_index (b->owners, 1))->name, "Council Management Team");
      INT_EQ (((PsOwner *) g_ptr_array_index (b->owners, 1))->kind, PS_OWNER_KIND_TEAM);
    }
  INT_EQ (b->status.canonical, PS_STATUS_ON_TRACK);
  INT_EQ (b->status.rag, PS_RAG_GREEN);
  INT_EQ (b->status.source, PS_STATUS_SOURCE_KEY);
  INT_EQ (b->links->len, 2);
  if (b->links->len == 2)
    {
      STR_EQ (g_ptr_array_index (b->links, 0), "18 DLUHC");
      STR_EQ (g_ptr_array_index (b->links, 1), "3 DLUHC");
    }

  /* 3 DLUHC: a revised date; two owners; the colour beats the heading. */
  const PsItem *c = item_at (list, 2);
  INT_EQ (c->due.kind, PS_DUE_KIND_DATE);
  STR_EQ (c->due.start, "2024-02-01");
  OK (c->due.revised_from != NULL);
  if (c->due.revised_from)
    {
      STR_EQ (c->due.revised_from->text, "Original target July 2023");
      STR_EQ (c->due.revised_from->start, "2023-07-01");
    }
  INT_EQ (c->owners->len, 2);
  if (c->owners->len == 2)
    STR_EQ (((PsOwner *) g_ptr_array_index (c->owners, 1))->name, "Section 151 Officer");
  INT_EQ (c->status.canonical, PS_STATUS_ON_TRACK);
  INT_EQ (c->status.source, PS_STATUS_SOURCE_KEY);

  /* 3 BCP CEx: no due, no owners; status from the heading; its own link
   * first, then extract's (the one naming nothing is dropped). */
  const PsItem *d = item_at (list, 3);
  OK (d->due.text == NULL);
  INT_EQ (d->due.kind, PS_DUE_KIND_UNSPECIFIED);
  INT_EQ (d->owners->len, 0);
  INT_EQ (d->status.canonical, PS_STATUS_COMPLETED);
  INT_EQ (d->status.source, PS_STATUS_SOURCE_SECTION);
  INT_EQ (d->links->len, 2);
  if (d->links->len == 2)
    {
      STR_EQ (g_ptr_array_index (d->links, 0), "3 DLUHC");
      STR_EQ (g_ptr_array_index (d->links, 1), "18 DLUHC");
    }

  /* 20: "As above" is the item above (which has no due); owners copied
   * from 3 DLUHC. */
  const PsItem *e = item_at (list, 4);
  INT_EQ (e->due.kind, PS_DUE_KIND_REFERENCE);
  STR_EQ (e->due.ref, "3 BCP CEx");
  STR_EQ (e->due.start, "");
  INT_EQ (e->owners->len, 2);
  if (e->owners->len == 2)
    STR_EQ (((PsOwner *) g_ptr_array_index (e->owners, 0))->name, "Chief Executive");
  INT_EQ (e->status.canonical, PS_STATUS_NOT_STARTED);
  INT_EQ (e->links->len, 1);

  /* 21 and 22 point at each other: the walk stops, nothing is invented. */
  const PsItem *f = item_at (list, 5);
  INT_EQ (f->due.kind, PS_DUE_KIND_REFERENCE);
  STR_EQ (f->due.ref, "22");
  STR_EQ (f->due.start, "");
  STR_EQ (((const PsItem *) item_at (list, 6))->due.ref, "21");
}

static char *
normalised_json (PsItemList *list)
{
  g_autoptr (GError) error = NULL;
  ps_normalise (list, NULL, &error);
  g_autoptr (cJSON) json = ps_item_list_to_json (list);
  return ps_json_print (json, FALSE);
}

/* Running the stage on its own output, or after a JSON round trip, changes
 * nothing. */
static void
test_repeatable (void)
{
  g_autoptr (PsItemList) list = sample_list ();
  g_autofree char *once = normalised_json (list);
  g_autofree char *twice = normalised_json (list);
  STR_EQ (twice, once);

  g_autoptr (GError) error = NULL;
  g_autoptr (cJSON) root = ps_json_parse (once, strlen (once), &error);
  OK (root != NULL);
  g_autoptr (PsItemList) back = root ? ps_item_list_from_json (root, &error) : NULL;
  OK (back != NULL);
  if (back)
    {
      g_autofree char *again = normalised_json (back);
      STR_EQ (again, once);
    }
}

static gpointer
normalise_in_thread (gpointer data)
{
  (void) data;
  ps_normalise_init ();
  g_autoptr (PsItemList) list = sample_list ();
  return normalised_json (list);
}

/* Workers share only the read-only tables. */
static void
test_threads (void)
{
  g_autofree char *expected = normalise_in_thread (NULL);
  GThread *threads[6];
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("normalise", normalise_in_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autofree char *got = g_thread_join (threads[i]);
      STR_EQ (got, expected);
    }
}

int
main (void)
{
  ps_normalise_init ();
  test_patterns ();
  test_vocabularies ();
  test_keys ();
  test_end_to_end ();
  test_repeatable ();
  test_threads ();
  return harness_done ("test_normalise");
}
