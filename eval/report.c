/* report.c — summing documents, the table, the JSON and the pass marks. */
#include "eval_private.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#define PS_EVAL_SCHEMA "plansift/eval/1"

static void
note_free (PsEvalNote *n)
{
  g_free (n->path);
  g_free (n->message);
  g_free (n);
}

PsEvalReport *
ps_eval_report_new (void)
{
  PsEvalReport *r = g_new0 (PsEvalReport, 1);
  r->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_eval_score_free);
  r->overall = eval_score_sum_new ();
  r->missing = g_ptr_array_new_with_free_func (g_free);
  r->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  r->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  return r;
}

void
ps_eval_report_free (PsEvalReport *report)
{
  if (!report)
    return;
  g_ptr_array_unref (report->docs);
  ps_eval_score_free (report->overall);
  g_ptr_array_unref (report->missing);
  g_ptr_array_unref (report->skipped);
  g_ptr_array_unref (report->failures);
  g_free (report);
}

void
ps_eval_report_add (PsEvalReport *report, PsEvalScore *score)
{
  g_return_if_fail (report != NULL && score != NULL);
  g_ptr_array_add (report->docs, score);
}

static int
compare_scores (gconstpointer a, gconstpointer b)
{
  const PsEvalScore *sa = *(PsEvalScore *const *) a, *sb = *(PsEvalScore *const *) b;
  return g_strcmp0 (sa->name, sb->name);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

void
ps_eval_report_finish (PsEvalReport *report)
{
  g_ptr_array_sort (report->docs, compare_scores);
  g_ptr_array_sort (report->missing, compare_names);
  PsEvalScore *o = report->overall;
  o->n_docs = o->n_gold = o->n_pred = o->n_matched = 0;
  o->owners_tp = o->owners_pred = o->owners_gold = 0;
  memset (o->field_correct, 0, sizeof o->field_correct);
  for (guint i = 0; i < report->docs->len; i++)
    {
      const PsEvalScore *s = g_ptr_array_index (report->docs, i);
      o->n_docs += s->n_docs;
      o->n_gold += s->n_gold;
      o->n_pred += s->n_pred;
      o->n_matched += s->n_matched;
      for (int f = PS_EVAL_FIELD_FIRST; f < PS_EVAL_N_FIELDS; f++)
        o->field_correct[f] += s->field_correct[f];
      o->owners_tp += s->owners_tp;
      o->owners_pred += s->owners_pred;
      o->owners_gold += s->owners_gold;
    }
}

/* ---- the table ---------------------------------------------------------- */

/* A ratio with three decimals, "-" when undefined; never the locale's comma. */
static void
format_ratio (char *buf, gsize size, double x)
{
  if (isnan (x))
    g_strlcpy (buf, "-", size);
  else
    g_ascii_formatd (buf, (int) size, "%.3f", x);
}

static void
append_padded (GString *out, const char *s, guint width, gboolean right)
{
  glong len = g_utf8_strlen (s, -1);
  guint pad = len < (glong) width ? width - (guint) len : 0;
  if (right)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, s);
  if (!right)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
}

static guint
field_width (int f)
{
  return MAX (5u, (guint) strlen (ps_eval_field_to_string ((PsEvalField) f)));
}

static void
append_row (GString *out, const PsEvalScore *s, guint name_width)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  append_padded (out, s->name, name_width, FALSE);
  guint counts[] = { s->n_gold, s->n_pred, s->n_matched };
  for (gsize i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_snprintf (buf, sizeof buf, "%u", counts[i]);
      g_string_append_c (out, ' ');
      append_padded (out, buf, 7, TRUE);
    }
  double ratios[] = { ps_eval_precision (s), ps_eval_recall (s), ps_eval_f1 (s) };
  for (gsize i = 0; i < G_N_ELEMENTS (ratios); i++)
    {
      format_ratio (buf, sizeof buf, ratios[i]);
      g_string_append_c (out, ' ');
      append_padded (out, buf, 5, TRUE);
    }
  g_string_append_c (out, ' ');
  for (int f = PS_EVAL_FIELD_FIRST; f < PS_EVAL_N_FIELDS; f++)
    {
      format_ratio (buf, sizeof buf, ps_eval_field_accuracy (s, (PsEvalField) f));
      g_string_append_c (out, ' ');
      append_padded (out, buf, field_width (f), TRUE);
    }
  g_string_append_c (out, '\n');
}

char *
ps_eval_report_table (const PsEvalReport *report)
{
  guint name_width = (guint) strlen ("document");
  for (guint i = 0; i < report->docs->len; i++)
    {
      const PsEvalScore *s = g_ptr_array_index (report->docs, i);
      name_width = MAX (name_width, (guint) g_utf8_strlen (s->name, -1));
    }

  GString *out = g_string_new (NULL);
  append_padded (out, "document", name_width, FALSE);
  static const char *const heads[] = { "gold", "pred", "matched" };
  for (gsize i = 0; i < G_N_ELEMENTS (heads); i++)
    {
      g_string_append_c (out, ' ');
      append_padded (out, heads[i], 7, TRUE);
    }
  static const char *const ratio_heads[] = { "P", "R", "F1" };
  for (gsize i = 0; i < G_N_ELEMENTS (ratio_heads); i++)
    {
      g_string_append_c (out, ' ');
      append_padded (out, ratio_heads[i], 5, TRUE);
    }
  g_string_append_c (out, ' ');
  for (int f = PS_EVAL_FIELD_FIRST; f < PS_EVAL_N_FIELDS; f++)
    {
      g_string_append_c (out, ' ');
      append_padded (out, ps_eval_field_to_string ((PsEvalField) f), field_width (f), TRUE);
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < report->docs->len; i++)
    append_row (out, g_ptr_array_index (report->docs, i), name_width);
  append_row (out, report->overall, name_width);

  char p[G_ASCII_DTOSTR_BUF_SIZE], r[G_ASCII_DTOSTR_BUF_SIZE], f[G_ASCII_DTOSTR_BUF_SIZE];
  const PsEvalScore *o = report->overall;
  format_ratio (p, sizeof p, ps_eval_owners_precision (o));
  format_ratio (r, sizeof r, ps_eval_owners_recall (o));
  format_ratio (f, sizeof f, ps_eval_owners_f1 (o));
  g_string_append_printf (out, "\nowners over matched items: P %s  R %s  F1 %s\n", p, r, f);
  if (report->missing->len)
    {
      g_string_append (out, "gold documents without a prediction:");
      for (guint i = 0; i < report->missing->len; i++)
        g_string_append_printf (out, " %s", (const char *) g_ptr_array_index (report->missing, i));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* ---- JSON --------------------------------------------------------------- */

/* Ratios are rounded to four decimals so the JSON stays readable and stable;
 * the counts beside them give the exact values.  Undefined is null. */
static void
add_ratio (cJSON *o, const char *key, double x)
{
  if (isnan (x))
    cJSON_AddNullToObject (o, key);
  else
    cJSON_AddNumberToObject (o, key, round (x * 10000.0) / 10000.0);
}

static cJSON *
score_to_json (const PsEvalScore *s, gboolean overall)
{
  cJSON *o = cJSON_CreateObject ();
  if (overall)
    cJSON_AddNumberToObject (o, "documents", s->n_docs);
  else
    {
      cJSON_AddStringToObject (o, "name", s->name);
      if (s->gold_name)
        cJSON_AddStringToObject (o, "gold_name", s->gold_name);
      else
        cJSON_AddNullToObject (o, "gold_name");
    }
  cJSON_AddNumberToObject (o, "gold", s->n_gold);
  cJSON_AddNumberToObject (o, "pred", s->n_pred);
  cJSON_AddNumberToObject (o, "matched", s->n_matched);
  add_ratio (o, "precision", ps_eval_precision (s));
  add_ratio (o, "recall", ps_eval_recall (s));
  add_ratio (o, "f1", ps_eval_f1 (s));
  cJSON *fields = cJSON_AddObjectToObject (o, "fields");
  for (int f = PS_EVAL_FIELD_FIRST; f < PS_EVAL_N_FIELDS; f++)
    {
      cJSON *fo = cJSON_AddObjectToObject (fields, ps_eval_field_to_string ((PsEvalField) f));
      cJSON_AddNumberToObject (fo, "correct", s->field_correct[f]);
      cJSON_AddNumberToObject (fo, "total", s->n_matched);
      add_ratio (fo, "accuracy", ps_eval_field_accuracy (s, (PsEvalField) f));
    }
  cJSON *ow = cJSON_AddObjectToObject (o, "owners");
  cJSON_AddNumberToObject (ow, "matched", s->owners_tp);
  cJSON_AddNumberToObject (ow, "pred", s->owners_pred);
  cJSON_AddNumberToObject (ow, "gold", s->owners_gold);
  add_ratio (ow, "precision", ps_eval_owners_precision (s));
  add_ratio (ow, "recall", ps_eval_owners_recall (s));
  add_ratio (ow, "f1", ps_eval_owners_f1 (s));
  return o;
}

cJSON *
ps_eval_report_to_json (const PsEvalReport *report)
{
  cJSON *root = cJSON_CreateObject ();
  cJSON_AddStringToObject (root, "schema", PS_EVAL_SCHEMA);
  cJSON *docs = cJSON_AddArrayToObject (root, "documents");
  for (guint i = 0; i < report->docs->len; i++)
    cJSON_AddItemToArray (docs, score_to_json (g_ptr_array_index (report->docs, i), FALSE));
  cJSON_AddItemToObject (root, "overall", score_to_json (report->overall, TRUE));
  cJSON *missing = cJSON_AddArrayToObject (root, "missing");
  for (guint i = 0; i < report->missing->len; i++)
    cJSON_AddItemToArray (missing, cJSON_CreateString (g_ptr_array_index (report->missing, i)));
  return root;
}

/* ---- pass marks --------------------------------------------------------- */

void
ps_eval_thresholds_init (PsEvalThresholds *t)
{
  t->min_f1 = t->min_doc_f1 = t->min_field_accuracy = -1.0;
  for (int f = 0; f < PS_EVAL_N_FIELDS; f++)
    t->min_field[f] = -1.0;
}

gboolean
ps_eval_thresholds_any (const PsEvalThresholds *t)
{
  if (t->min_f1 >= 0 || t->min_doc_f1 >= 0 || t->min_field_accuracy >= 0)
    return TRUE;
  for (int f = PS_EVAL_FIELD_FIRST; f < PS_EVAL_N_FIELDS; f++)
    if (t->min_field[f] >= 0)
      return TRUE;
  return FALSE;
}

static void
fail (GPtrArray *out, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static void
fail (GPtrArray *out, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_ptr_array_add (out, g_strdup_vprintf (fmt, ap));
  va_end (ap);
}

/* value against a pass mark; adds a line saying what and by how much when
 * it falls short.  option is how the mark was given, printed right before
 * its value ("--min-f1 " or "--min-field rag=").  Scores are ratios of
 * counts, so a hair of tolerance keeps 5/6 from failing a mark written as
 * 0.8333333333. */
static void
check_mark (GPtrArray *out, const char *what, double value, const char *option, double min)
{
  char v[G_ASCII_DTOSTR_BUF_SIZE], m[G_ASCII_DTOSTR_BUF_SIZE], d[G_ASCII_DTOSTR_BUF_SIZE];
  if (min < 0)
    return;
  g_ascii_formatd (m, sizeof m, "%.4f", min);
  if (isnan (value))
    {
      fail (out, "%s: nothing to score (no matched items), %s%s not met", what, option, m);
      return;
    }
  if (value + 1e-9 >= min)
    return;
  g_ascii_formatd (v, sizeof v, "%.4f", value);
  g_ascii_formatd (d, sizeof d, "%.4f", min - value);
  fail (out, "%s %s is below %s%s by %s", what, v, option, m, d);
}

GPtrArray *
ps_eval_check (const PsEvalReport *report, const PsEvalThresholds *t)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  if (!ps_eval_thresholds_any (t))
    return out;

  /* A document that was never scored must not pass CI by its absence. */
  for (guint i = 0; i < report->missing->len; i++)
    fail (out, "gold document %s has no prediction",
          (const char *) g_ptr_array_index (report->missing, i));
  if (report->docs->len == 0)
    fail (out, "no prediction was scored against a gold document");

  check_mark (out, "overall item F1", ps_eval_f1 (report->overall), "--min-f1 ", t->min_f1);
  for (guint i = 0; t->min_doc_f1 >= 0 && i < report->docs->len; i++)
    {
      const PsEvalScore *s = g_ptr_array_index (report->docs, i);
      g_autofree char *what = g_strdup_printf ("%s: item F1", s->name);
      check_mark (out, what, ps_eval_f1 (s), "--min-doc-f1 ", t->min_doc_f1);
    }
  for (int f = PS_EVAL_FIELD_FIRST; f < PS_EVAL_N_FIELDS; f++)
    {
      const char *name = ps_eval_field_to_string ((PsEvalField) f);
      double acc = ps_eval_field_accuracy (report->overall, (PsEvalField) f);
      g_autofree char *what = g_strdup_printf ("overall %s accuracy", name);
      check_mark (out, what, acc, "--min-field-accuracy ", t->min_field_accuracy);
      g_autofree char *option = g_strdup_printf ("--min-field %s=", name);
      check_mark (out, what, acc, option, t->min_field[f]);
    }
  return out;
}
