/* score.c — item detection and field accuracy for one document. */
#include "eval_private.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ps_text.h"

/* ---- sets of keys ------------------------------------------------------- */

static GHashTable *
key_set_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Adds key (taking it); empty and NULL keys carry nothing and are dropped. */
static void
key_set_take (GHashTable *set, char *key)
{
  if (key && key[0])
    g_hash_table_add (set, key);
  else
    g_free (key);
}

static guint
key_set_common (GHashTable *a, GHashTable *b)
{
  guint n = 0;
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, a);
  while (g_hash_table_iter_next (&it, &key, NULL))
    if (g_hash_table_contains (b, key))
      n++;
  return n;
}

static gboolean
key_set_equal (GHashTable *a, GHashTable *b)
{
  return g_hash_table_size (a) == g_hash_table_size (b)
         && key_set_common (a, b) == g_hash_table_size (a);
}

static int
compare_str_ptrs (const void *a, const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The keys sorted and joined, "{a; b}", for notes: (transfer full). */
static char *
key_set_show (GHashTable *set)
{
  guint n = 0;
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (set, &n);
  qsort (keys, n, sizeof (gpointer), compare_str_ptrs);
  GString *s = g_string_new ("{");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? "; " : "", (const char *) keys[i]);
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

/* An owner is known by the key of its name (abbreviations expanded), or of
 * its text when it has no name. */
static GHashTable *
owner_keys (const PsItem *item)
{
  GHashTable *set = key_set_new ();
  for (guint i = 0; item->owners && i < item->owners->len; i++)
    {
      const PsOwner *o = g_ptr_array_index (item->owners, i);
      key_set_take (set, ps_text_key (o->name && o->name[0] ? o->name : o->text));
    }
  return set;
}

static GHashTable *
link_keys (const PsItem *item)
{
  GHashTable *set = key_set_new ();
  for (guint i = 0; item->links && i < item->links->len; i++)
    key_set_take (set, eval_ref_key (g_ptr_array_index (item->links, i)));
  return set;
}

/* ---- one comparison per field ------------------------------------------ */

static char *
show_string (const char *s)
{
  if (!s)
    return g_strdup ("null");
  g_autofree char *flat = ps_text_flatten (s);
  if (g_utf8_strlen (flat, -1) <= 60)
    return g_strdup_printf ("\"%s\"", flat);
  g_autofree char *head = g_utf8_substring (flat, 0, 60);
  return g_strdup_printf ("\"%s…\"", head);
}

/* A text is right when it folds to the same characters (case, spacing and
 * punctuation aside) or is nearly the same words: PDF line breaks and
 * hyphenation move a word or two without making the extraction wrong. */
static gboolean
text_equal (const PsItem *g, const PsItem *p)
{
  g_autofree char *fg = ps_text_fold (g->text ? g->text : "");
  g_autofree char *fp = ps_text_fold (p->text ? p->text : "");
  return strcmp (fg, fp) == 0
         || ps_text_similarity (g->text, p->text) >= PS_EVAL_TEXT_SIMILARITY;
}

static char *
text_show (const PsItem *item)
{
  return show_string (item->text);
}

static gboolean
ref_equal (const PsItem *g, const PsItem *p)
{
  g_autofree char *kg = eval_ref_key (g->ref);
  g_autofree char *kp = eval_ref_key (p->ref);
  return g_strcmp0 (kg, kp) == 0;
}

static char *
ref_show (const PsItem *item)
{
  return show_string (item->ref);
}

/* A section key; an empty heading is no heading. */
static char *
section_key (const char *section)
{
  char *key = ps_text_key (section);
  if (key && !key[0])
    g_clear_pointer (&key, g_free);
  return key;
}

static gboolean
section_equal (const PsItem *g, const PsItem *p)
{
  g_autofree char *kg = section_key (g->section);
  g_autofree char *kp = section_key (p->section);
  return g_strcmp0 (kg, kp) == 0;
}

static char *
section_show (const PsItem *item)
{
  return show_string (item->section);
}

static gboolean
owners_equal (const PsItem *g, const PsItem *p)
{
  g_autoptr (GHashTable) kg = owner_keys (g);
  g_autoptr (GHashTable) kp = owner_keys (p);
  return key_set_equal (kg, kp);
}

static char *
owners_show (const PsItem *item)
{
  g_autoptr (GHashTable) k = owner_keys (item);
  return key_set_show (k);
}

static gboolean
due_start_equal (const PsItem *g, const PsItem *p)
{
  return strcmp (g->due.start, p->due.start) == 0;
}

static char *
due_start_show (const PsItem *item)
{
  return show_string (item->due.start[0] ? item->due.start : NULL);
}

static gboolean
due_end_equal (const PsItem *g, const PsItem *p)
{
  return strcmp (g->due.end, p->due.end) == 0;
}

static char *
due_end_show (const PsItem *item)
{
  return show_string (item->due.end[0] ? item->due.end : NULL);
}

/* The model reads a null due as kind "unspecified" with no dates, so a null
 * gold due is matched by a null prediction or an "unspecified" one — but not
 * by an "unspecified" one that still carries dates. */
static gboolean
due_is_null (const PsDue *due)
{
  return !due->text && due->kind == PS_DUE_KIND_UNSPECIFIED && !due->start[0] && !due->end[0];
}

static gboolean
due_kind_equal (const PsItem *g, const PsItem *p)
{
  if (due_is_null (&g->due))
    return p->due.kind == PS_DUE_KIND_UNSPECIFIED && !p->due.start[0] && !p->due.end[0];
  return g->due.kind == p->due.kind;
}

static char *
due_kind_show (const PsItem *item)
{
  if (due_is_null (&item->due))
    return g_strdup ("null");
  return g_strdup (ps_due_kind_to_string (item->due.kind));
}

/* A null status reads as canonical "unknown", so null and unknown agree. */
static gboolean
status_equal (const PsItem *g, const PsItem *p)
{
  return g->status.canonical == p->status.canonical;
}

static char *
status_show (const PsItem *item)
{
  return g_strdup (ps_status_value_to_string (item->status.canonical));
}

static gboolean
rag_equal (const PsItem *g, const PsItem *p)
{
  return g->status.rag == p->status.rag;
}

static char *
rag_show (const PsItem *item)
{
  return show_string (ps_rag_to_string (item->status.rag));
}

static gboolean
links_equal (const PsItem *g, const PsItem *p)
{
  g_autoptr (GHashTable) kg = link_keys (g);
  g_autoptr (GHashTable) kp = link_keys (p);
  return key_set_equal (kg, kp);
}

static char *
links_show (const PsItem *item)
{
  g_autoptr (GHashTable) k = link_keys (item);
  return key_set_show (k);
}

typedef struct
{
  PsEvalField field;
  const char *name; /* the JSON key and column title */
  gboolean (*equal) (const PsItem *gold, const PsItem *pred);
  char *(*show) (const PsItem *item);
} FieldDef;

static const FieldDef field_defs[] = {
  { PS_EVAL_FIELD_NONE, NULL, NULL, NULL },
  { PS_EVAL_FIELD_TEXT, "text", text_equal, text_show },
  { PS_EVAL_FIELD_REF, "ref", ref_equal, ref_show },
  { PS_EVAL_FIELD_SECTION, "section", section_equal, section_show },
  { PS_EVAL_FIELD_OWNERS, "owners", owners_equal, owners_show },
  { PS_EVAL_FIELD_DUE_START, "due_start", due_start_equal, due_start_show },
  { PS_EVAL_FIELD_DUE_END, "due_end", due_end_equal, due_end_show },
  { PS_EVAL_FIELD_DUE_KIND, "due_kind", due_kind_equal, due_kind_show },
  { PS_EVAL_FIELD_STATUS, "status", status_equal, status_show },
  { PS_EVAL_FIELD_RAG, "rag", rag_equal, rag_show },
  { PS_EVAL_FIELD_LINKS, "links", links_equal, links_show },
};

G_STATIC_ASSERT (G_N_ELEMENTS (field_defs) == PS_EVAL_N_FIELDS);

const char *
ps_eval_field_to_string (PsEvalField f)
{
  if ((int) f <= PS_EVAL_FIELD_NONE || f >= PS_EVAL_N_FIELDS)
    return NULL;
  return field_defs[f].name;
}

PsEvalField
ps_eval_field_from_string (const char *s)
{
  for (int f = PS_EVAL_FIELD_FIRST; s && f < PS_EVAL_N_FIELDS; f++)
    if (strcmp (s, field_defs[f].name) == 0)
      return (PsEvalField) f;
  return PS_EVAL_FIELD_NONE;
}

/* ---- a document's score ------------------------------------------------- */

static void
note (PsEvalScore *s, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static void
note (PsEvalScore *s, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_ptr_array_add (s->notes, g_strdup_vprintf (fmt, ap));
  va_end (ap);
}

static void
score_pair (PsEvalScore *s, const PsItem *g, const PsItem *p)
{
  g_autofree char *label = eval_item_label (g);
  for (int f = PS_EVAL_FIELD_FIRST; f < PS_EVAL_N_FIELDS; f++)
    {
      const FieldDef *def = &field_defs[f];
      if (def->equal (g, p))
        {
          s->field_correct[f]++;
          continue;
        }
      g_autofree char *got = def->show (p);
      g_autofree char *want = def->show (g);
      note (s, "item %s: %s is %s, expected %s", label, def->name, got, want);
    }
  g_autoptr (GHashTable) kg = owner_keys (g);
  g_autoptr (GHashTable) kp = owner_keys (p);
  s->owners_tp += key_set_common (kg, kp);
  s->owners_gold += g_hash_table_size (kg);
  s->owners_pred += g_hash_table_size (kp);
}

static PsEvalScore *
score_new (const char *name, const char *gold_name)
{
  PsEvalScore *s = g_new0 (PsEvalScore, 1);
  s->name = g_strdup (name);
  s->gold_name = g_strdup (gold_name);
  s->notes = g_ptr_array_new_with_free_func (g_free);
  return s;
}

PsEvalScore *
ps_eval_score (const char *name, const char *gold_name, const PsItemList *gold,
               const PsItemList *pred)
{
  g_return_val_if_fail (gold != NULL && pred != NULL, NULL);
  PsEvalScore *s = score_new (name, gold_name);
  s->n_docs = 1;
  s->n_gold = gold->items->len;
  s->n_pred = pred->items->len;
  g_autoptr (GArray) pairs = eval_match (gold, pred);
  s->n_matched = pairs->len;

  g_autofree gboolean *pred_used = g_new0 (gboolean, pred->items->len + 1);
  guint next = 0; /* pairs are sorted by gold index */
  for (guint gi = 0; gi < gold->items->len; gi++)
    {
      const PsItem *g = g_ptr_array_index (gold->items, gi);
      if (next < pairs->len && g_array_index (pairs, EvalPair, next).gold == gi)
        {
          guint pi = g_array_index (pairs, EvalPair, next++).pred;
          pred_used[pi] = TRUE;
          score_pair (s, g, g_ptr_array_index (pred->items, pi));
        }
      else
        {
          g_autofree char *label = eval_item_label (g);
          note (s, "gold item %s not found", label);
        }
    }
  for (guint pi = 0; pi < pred->items->len; pi++)
    if (!pred_used[pi])
      {
        g_autofree char *label = eval_item_label (g_ptr_array_index (pred->items, pi));
        note (s, "extra item %s, not in the gold", label);
      }
  return s;
}

void
ps_eval_score_free (PsEvalScore *score)
{
  if (!score)
    return;
  g_free (score->name);
  g_free (score->gold_name);
  g_ptr_array_unref (score->notes);
  g_free (score);
}

PsEvalScore *
eval_score_sum_new (void)
{
  return score_new ("overall", NULL);
}

/* ---- ratios ------------------------------------------------------------- */

static double
ratio (guint num, guint den)
{
  return den ? (double) num / den : NAN;
}

static double
f1 (guint tp, guint pred, guint gold)
{
  return pred + gold ? 2.0 * tp / (pred + gold) : 1.0;
}

double
ps_eval_precision (const PsEvalScore *s)
{
  return ratio (s->n_matched, s->n_pred);
}

double
ps_eval_recall (const PsEvalScore *s)
{
  return ratio (s->n_matched, s->n_gold);
}

double
ps_eval_f1 (const PsEvalScore *s)
{
  return f1 (s->n_matched, s->n_pred, s->n_gold);
}

double
ps_eval_field_accuracy (const PsEvalScore *s, PsEvalField field)
{
  g_return_val_if_fail (field >= PS_EVAL_FIELD_FIRST && field < PS_EVAL_N_FIELDS, NAN);
  return ratio (s->field_correct[field], s->n_matched);
}

double
ps_eval_owners_precision (const PsEvalScore *s)
{
  return ratio (s->owners_tp, s->owners_pred);
}

double
ps_eval_owners_recall (const PsEvalScore *s)
{
  return ratio (s->owners_tp, s->owners_gold);
}

double
ps_eval_owners_f1 (const PsEvalScore *s)
{
  return f1 (s->owners_tp, s->owners_pred, s->owners_gold);
}
