/* ps_eval.h — score extracted items against hand-checked gold.
 *
 * Ownership as in ps_model.h: arguments are borrowed; a returned pointer is
 * new and freed with its _free (or cJSON_Delete, g_free, g_ptr_array_unref as
 * its comment says).
 *
 * The metric, in short: items are matched one-to-one per document, first by
 * normalised ref in document order, then the rest by text similarity; item
 * detection gives precision, recall and F1; every matched pair is then
 * checked field by field.  Sums over documents are micro averages.  The
 * README's "Scoring" section states each rule.
 */
#ifndef PS_EVAL_H
#define PS_EVAL_H

#include <cjson/cJSON.h>
#include <glib.h>

#include "ps_model.h"

G_BEGIN_DECLS

/* The fields scored on every matched pair, in table order. */
typedef enum
{
  PS_EVAL_FIELD_NONE = 0,
  PS_EVAL_FIELD_TEXT,
  PS_EVAL_FIELD_REF,
  PS_EVAL_FIELD_SECTION,
  PS_EVAL_FIELD_OWNERS,
  PS_EVAL_FIELD_DUE_START,
  PS_EVAL_FIELD_DUE_END,
  PS_EVAL_FIELD_DUE_KIND,
  PS_EVAL_FIELD_STATUS,
  PS_EVAL_FIELD_RAG,
  PS_EVAL_FIELD_LINKS,
  PS_EVAL_N_FIELDS, /* one past the last; arrays are indexed by field */
} PsEvalField;

#define PS_EVAL_FIELD_FIRST PS_EVAL_FIELD_TEXT

const char *ps_eval_field_to_string (PsEvalField f);
PsEvalField ps_eval_field_from_string (const char *s);

/* Thresholds for a match by text, and for calling a matched text correct. */
#define PS_EVAL_MATCH_SIMILARITY 0.6
#define PS_EVAL_TEXT_SIMILARITY 0.9

/* Counts for one document, or for all of them summed (the overall row). */
typedef struct
{
  char *name;      /* the document: its source's basename ("plan.chromium.pdf"),
                      "overall" for the sum */
  char *gold_name; /* the gold it was scored against ("plan"); NULL for the sum */
  guint n_docs;    /* 1 for a document; documents summed for the overall row */
  guint n_gold, n_pred, n_matched;
  guint field_correct[PS_EVAL_N_FIELDS]; /* each out of n_matched */
  guint owners_tp, owners_pred, owners_gold; /* owner keys over matched pairs */
  GPtrArray *notes; /* char*: one line per miss, extra item or wrong field */
} PsEvalScore;

/* Scores pred against gold.  name and gold_name are copied into the score. */
PsEvalScore *ps_eval_score (const char *name, const char *gold_name, const PsItemList *gold,
                            const PsItemList *pred);
void ps_eval_score_free (PsEvalScore *score);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsEvalScore, ps_eval_score_free)

/* Ratios of a score.  Precision, recall and accuracies are NAN when their
 * denominator is 0 (nothing predicted / no gold / no pair matched); F1 is
 * 2·TP / (pred + gold), and 1 when both are 0. */
double ps_eval_precision (const PsEvalScore *s);
double ps_eval_recall (const PsEvalScore *s);
double ps_eval_f1 (const PsEvalScore *s);
double ps_eval_field_accuracy (const PsEvalScore *s, PsEvalField field);
double ps_eval_owners_precision (const PsEvalScore *s);
double ps_eval_owners_recall (const PsEvalScore *s);
double ps_eval_owners_f1 (const PsEvalScore *s);

/* A file and what went wrong with it. */
typedef struct
{
  char *path;
  char *message;
} PsEvalNote;

/* The scores of a run, sorted by document name, with their micro sum. */
typedef struct
{
  GPtrArray *docs;      /* PsEvalScore* */
  PsEvalScore *overall; /* the sum over docs, set by ps_eval_report_finish */
  GPtrArray *missing;   /* char*: names of golds no prediction was scored against */
  GPtrArray *skipped;   /* PsEvalNote*: predictions without a gold, or duplicates */
  GPtrArray *failures;  /* PsEvalNote*: gold or prediction files that cannot be read */
} PsEvalReport;

PsEvalReport *ps_eval_report_new (void);
void ps_eval_report_free (PsEvalReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsEvalReport, ps_eval_report_free)

/* Adds a document's score: the report takes it (transfer full). */
void ps_eval_report_add (PsEvalReport *report, PsEvalScore *score);
/* Sorts documents and missing names, and sums the overall row.  Call once
 * all scores are in. */
void ps_eval_report_finish (PsEvalReport *report);

/* The report as a fixed-width table, one row per document and an overall
 * row: (transfer full). */
char *ps_eval_report_table (const PsEvalReport *report);
/* The report as JSON ("schema": "plansift/eval/1"), keys in a fixed order:
 * free with cJSON_Delete. */
cJSON *ps_eval_report_to_json (const PsEvalReport *report);

/* The gold name a prediction's document.source points at: the basename
 * without .html/.htm/.pdf and without a producer suffix (.chromium,
 * .libreoffice): "docs/plan.chromium.pdf" → "plan".  (transfer full); NULL
 * for NULL or an empty name. */
char *ps_eval_doc_name (const char *source);

/* Loads every GOLD_DIR/NAME.json, finds the items JSON under OUT_DIR
 * (the *.json files in OUT_DIR and in OUT_DIR/docs, or OUT_DIR itself
 * when it is a file; manifest.json and other schemas are ignored), scores
 * each against its gold and finishes the report.  A file that cannot be read is recorded
 * in report->failures and the run goes on; NULL with error (message naming
 * the directory) only when a directory cannot be read. */
PsEvalReport *ps_eval_dirs (const char *gold_dir, const char *out_dir, GError **error);

/* Pass marks; a negative value means "not set". */
typedef struct
{
  double min_f1;             /* overall item F1 */
  double min_doc_f1;         /* every document's item F1 */
  double min_field_accuracy; /* overall accuracy of every field */
  double min_field[PS_EVAL_N_FIELDS]; /* overall accuracy of one field */
} PsEvalThresholds;

void ps_eval_thresholds_init (PsEvalThresholds *t);
gboolean ps_eval_thresholds_any (const PsEvalThresholds *t);

/* Checks report against t: one line per failed threshold, saying which and
 * by how much (char*, free with g_ptr_array_unref); empty when all pass.
 * With any threshold set, a missing gold document or an empty run fails. */
GPtrArray *ps_eval_check (const PsEvalReport *report, const PsEvalThresholds *t);

G_END_DECLS

#endif /* PS_EVAL_H */
