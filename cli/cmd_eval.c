/* cmd_eval.c — plansift eval --gold GOLDDIR [--json] [thresholds…] OUTDIR. */
#include "cli.h"

#include <string.h>

#include "ps_eval.h"
#include "ps_model_json.h"

/* A pass mark: a number from 0 to 1, with a '.' whatever the locale. */
static gboolean
parse_mark (const char *text, double *out)
{
  if (!text || !*text)
    return FALSE;
  char *end = NULL;
  double x = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(x >= 0.0 && x <= 1.0))
    return FALSE;
  *out = x;
  return TRUE;
}

/* Fills t from the option strings; a usage error (and FALSE) on the first
 * bad one. */
static gboolean
parse_thresholds (const char *min_f1, const char *min_doc_f1, const char *min_field_accuracy,
                  char **min_field, PsEvalThresholds *t)
{
  ps_eval_thresholds_init (t);
  const struct
  {
    const char *option;
    const char *text;
    double *mark;
  } marks[] = {
    { "--min-f1", min_f1, &t->min_f1 },
    { "--min-doc-f1", min_doc_f1, &t->min_doc_f1 },
    { "--min-field-accuracy", min_field_accuracy, &t->min_field_accuracy },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (marks); i++)
    if (marks[i].text && !parse_mark (marks[i].text, marks[i].mark))
      {
        cli_usage_error ("eval", "%s: expected a number from 0 to 1, got '%s'", marks[i].option,
                         marks[i].text);
        return FALSE;
      }
  for (char **m = min_field; m && *m; m++)
    {
      const char *eq = strchr (*m, '=');
      g_autofree char *name = eq ? g_strndup (*m, (gsize) (eq - *m)) : g_strdup (*m);
      PsEvalField field = ps_eval_field_from_string (name);
      if (field == PS_EVAL_FIELD_NONE)
        {
          cli_usage_error ("eval",
                           "--min-field: unknown field '%s' (text, ref, section, owners, "
                           "due_start, due_end, due_kind, status, rag, links)",
                           name);
          return FALSE;
        }
      if (!eq || !parse_mark (eq + 1, &t->min_field[field]))
        {
          cli_usage_error ("eval", "--min-field: expected FIELD=X with X from 0 to 1, got '%s'",
                           *m);
          return FALSE;
        }
    }
  return TRUE;
}

int
cmd_eval (int argc, char **argv)
{
  g_autofree char *gold_dir = NULL;
  gboolean json = FALSE, verbose = FALSE;
  g_autofree char *min_f1 = NULL, *min_doc_f1 = NULL, *min_field_accuracy = NULL;
  g_auto (GStrv) min_field = NULL;
  GOptionEntry entries[] = {
    { "gold", 'g', 0, G_OPTION_ARG_FILENAME, &gold_dir,
      "Folder of gold files, NAME.json (required)", "GOLDDIR" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Write the scores as JSON instead of a table", NULL },
    { "min-f1", 0, 0, G_OPTION_ARG_STRING, &min_f1, "Fail below this overall item F1", "X" },
    { "min-doc-f1", 0, 0, G_OPTION_ARG_STRING, &min_doc_f1,
      "Fail when any document's item F1 is below X", "X" },
    { "min-field-accuracy", 0, 0, G_OPTION_ARG_STRING, &min_field_accuracy,
      "Fail when any field's overall accuracy is below X", "X" },
    { "min-field", 0, 0, G_OPTION_ARG_STRING_ARRAY, &min_field,
      "Fail when FIELD's overall accuracy is below X (repeatable)", "FIELD=X" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      "List missed and extra items and wrong fields on standard error", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("OUTDIR");
  g_option_context_set_summary (
      ctx, "Score the items JSON under OUTDIR (OUTDIR/docs/*.json and OUTDIR/*.json, as\n"
           "'plansift run -o OUTDIR' writes them) against the gold in GOLDDIR.  Each\n"
           "prediction is scored against GOLDDIR/NAME.json, NAME being its source file's\n"
           "name without extension and producer suffix (plan.chromium.pdf -> plan).\n"
           "Items are matched by ref, then by text; the table gives item precision,\n"
           "recall and F1 and the accuracy of each field over matched items.");
  g_option_context_set_description (
      ctx, "Fields: text, ref, section, owners, due_start, due_end, due_kind, status, rag,\n"
           "links.  Marks X are numbers from 0 to 1.  With any mark set, a gold document\n"
           "without a prediction also fails.\n"
           "Exit status: 0 all marks met, 1 a mark missed or a file unreadable, 2 usage.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "eval", &argc, &argv))
    return CLI_EXIT_USAGE;
  if (!gold_dir || !gold_dir[0])
    return cli_usage_error ("eval", "--gold GOLDDIR is required");
  if (argc < 2 || !argv[1][0])
    return cli_usage_error ("eval", "no OUTDIR given");
  if (argc > 2)
    return cli_usage_error ("eval", "only one OUTDIR");
  PsEvalThresholds marks;
  if (!parse_thresholds (min_f1, min_doc_f1, min_field_accuracy, min_field, &marks))
    return CLI_EXIT_USAGE;

  g_autoptr (GError) error = NULL;
  g_autoptr (PsEvalReport) report = ps_eval_dirs (gold_dir, argv[1], &error);
  if (!report)
    {
      cli_error (NULL, "%s", error->message);
      return CLI_EXIT_FAILED;
    }

  int status = CLI_EXIT_OK;
  for (guint i = 0; i < report->failures->len; i++)
    {
      const PsEvalNote *n = g_ptr_array_index (report->failures, i);
      cli_error (n->path, "%s", n->message);
      status = CLI_EXIT_FAILED;
    }
  for (guint i = 0; i < report->skipped->len; i++)
    {
      const PsEvalNote *n = g_ptr_array_index (report->skipped, i);
      cli_error (n->path, "%s", n->message);
    }
  for (guint i = 0; i < report->missing->len; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s.json",
                                               (const char *) g_ptr_array_index (report->missing, i));
      g_autofree char *path = g_build_filename (gold_dir, file, NULL);
      cli_error (path, "no prediction was scored against this gold");
    }
  for (guint i = 0; verbose && i < report->docs->len; i++)
    {
      const PsEvalScore *s = g_ptr_array_index (report->docs, i);
      for (guint j = 0; j < s->notes->len; j++)
        cli_error (s->name, "%s", (const char *) g_ptr_array_index (s->notes, j));
    }

  if (json)
    {
      g_autoptr (cJSON) root = ps_eval_report_to_json (report);
      g_autofree char *text = ps_json_print (root, TRUE);
      cli_write (text, strlen (text));
    }
  else
    {
      g_autofree char *table = ps_eval_report_table (report);
      cli_write (table, strlen (table));
    }

  g_autoptr (GPtrArray) failed = ps_eval_check (report, &marks);
  for (guint i = 0; i < failed->len; i++)
    cli_error (NULL, "eval: %s", (const char *) g_ptr_array_index (failed, i));
  if (failed->len)
    status = CLI_EXIT_FAILED;
  return status;
}
