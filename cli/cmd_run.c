/* cmd_run.c — plansift run: every stage over files and folders, in
 * parallel, into an output folder (or standard output).
 *
 * OUTDIR/docs/NAME.json  the items JSON of each document (NAME: run_private.h)
 * OUTDIR/items.jsonl     every item of every document, in input order
 * OUTDIR/items.csv       the same as CSV
 * OUTDIR/manifest.json   per input: path, status, error, sha256, pages, items
 * OUTDIR/timings.json    per input: seconds (kept apart: the rest is
 *                        deterministic, timings never are)
 */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run_private.h"

#define MAX_JOBS 256
#define MAX_SHARDS 1000000

typedef struct
{
  char *outdir;
  int jobs;
  char *formats;
  gboolean from_stdin;
  char *shard;
  double timeout;
  gboolean force;
  gboolean quiet;
  char **paths;
  CliIngestArgs ingest;
} RunArgs;

static void
run_args_clear (RunArgs *a)
{
  g_free (a->outdir);
  g_free (a->formats);
  g_free (a->shard);
  g_strfreev (a->paths);
  cli_ingest_args_clear (&a->ingest);
}

/* "K/N" with 1 <= K <= N. */
static gboolean
parse_shard (const char *s, guint *k, guint *n)
{
  guint64 a, b;
  const char *slash = strchr (s, '/');
  if (!slash)
    return FALSE;
  g_autofree char *left = g_strndup (s, (gsize) (slash - s));
  if (!g_ascii_string_to_unsigned (left, 10, 1, MAX_SHARDS, &a, NULL)
      || !g_ascii_string_to_unsigned (slash + 1, 10, 1, MAX_SHARDS, &b, NULL) || a > b)
    return FALSE;
  *k = (guint) a;
  *n = (guint) b;
  return TRUE;
}

/* Fills the write_* flags of cfg from "json,jsonl,csv" and names the formats
 * in formats (const char*). */
static gboolean
parse_formats (const char *list, RunConfig *cfg, GPtrArray *formats, char **bad)
{
  g_auto (GStrv) parts = g_strsplit (list, ",", -1);
  for (char **p = parts; *p; p++)
    {
      g_strstrip (*p);
      PsOutputFormat f = ps_output_format_from_string (*p);
      if (f == PS_OUTPUT_FORMAT_NONE)
        {
          *bad = g_strdup (*p);
          return FALSE;
        }
      cfg->write_docs |= f == PS_OUTPUT_FORMAT_JSON;
      cfg->write_jsonl |= f == PS_OUTPUT_FORMAT_JSONL;
      cfg->write_csv |= f == PS_OUTPUT_FORMAT_CSV;
    }
  /* The manifest lists them in one order whatever order they were given. */
  if (cfg->write_docs)
    g_ptr_array_add (formats, (gpointer) "json");
  if (cfg->write_jsonl)
    g_ptr_array_add (formats, (gpointer) "jsonl");
  if (cfg->write_csv)
    g_ptr_array_add (formats, (gpointer) "csv");
  return formats->len > 0;
}

static gboolean
make_folder (const char *path, GError **error)
{
  if (g_mkdir_with_parents (path, 0777) != 0)
    {
      int err = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
                   "%s: cannot create folder: %s", path, g_strerror (err));
      return FALSE;
    }
  return TRUE;
}

/* Creates OUTDIR (and docs/), locks it against a second run, and clears the
 * temporary files an interrupted run left. */
static gboolean
prepare_outdir (const RunConfig *cfg, GError **error)
{
  if (!make_folder (cfg->outdir, error) || !run_dir_lock (cfg->outdir, error))
    return FALSE;
  run_dir_remove_temps (cfg->outdir);
  g_autofree char *docs = g_build_filename (cfg->outdir, "docs", NULL);
  if (cfg->write_docs && !make_folder (docs, error))
    return FALSE;
  run_dir_remove_temps (docs);
  return TRUE;
}

static void
print_summary (const RunSummary *s)
{
  guint ok = 0, unchanged = 0, failed = 0;
  guint64 pages = 0, items = 0, new_pages = 0;
  for (guint i = 0; i < s->n_entries; i++)
    {
      const RunEntry *e = &s->entries[i];
      ok += e->status == RUN_STATUS_OK;
      unchanged += e->status == RUN_STATUS_UNCHANGED;
      failed += e->status == RUN_STATUS_FAILED;
      if (e->status != RUN_STATUS_FAILED)
        {
          pages += e->pages;
          items += e->items;
        }
      if (e->status == RUN_STATUS_OK)
        new_pages += e->pages;
    }
  char secs[G_ASCII_DTOSTR_BUF_SIZE], rate[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (secs, sizeof secs, "%.1f", s->seconds);
  g_ascii_formatd (rate, sizeof rate, "%.1f",
                   s->seconds > 0 ? (double) new_pages / s->seconds : 0.0);
  cli_error (NULL,
             "%u input%s: %u ok, %u unchanged, %u failed; %" G_GUINT64_FORMAT
             " pages, %" G_GUINT64_FORMAT " items; %s s (%s pages/s)",
             s->n_entries, s->n_entries == 1 ? "" : "s", ok, unchanged, failed, pages, items,
             secs, rate);
}

/* The inputs: the paths given, then those read from stdin, walked, named
 * over the whole list, then cut to the shard. */
static GPtrArray *
list_inputs (RunArgs *a, const RunConfig *cfg, guint shard_k, guint shard_n, GError **error)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  for (char **p = a->paths; p && *p; p++)
    g_ptr_array_add (paths, g_strdup (*p));
  if (a->from_stdin && !run_inputs_read_list (stdin, paths, error))
    return NULL;
  g_ptr_array_add (paths, NULL);
  RunWalkOptions walk = { a->quiet, cfg->outdir };
  GPtrArray *inputs = run_inputs_collect ((char **) paths->pdata, &walk);
  run_inputs_name (inputs);
  if (shard_n > 1)
    run_inputs_shard (inputs, shard_k, shard_n);
  return inputs;
}

static int
run (RunArgs *a, RunConfig *cfg, RunSummary *summary)
{
  guint shard_k = 1, shard_n = 1;
  g_autofree char *shard = NULL;
  if (a->shard && parse_shard (a->shard, &shard_k, &shard_n))
    shard = g_strdup_printf ("%u/%u", shard_k, shard_n); /* "01/2" is "1/2" */
  summary->shard = shard;
  g_autoptr (GError) error = NULL;
  if (cfg->outdir && !prepare_outdir (cfg, &error))
    {
      cli_error (NULL, "%s", error->message);
      return CLI_EXIT_FAILED;
    }
  g_autoptr (GPtrArray) inputs = list_inputs (a, cfg, shard_k, shard_n, &error);
  if (!inputs)
    {
      cli_error ("<stdin>", "%s", error->message);
      return CLI_EXIT_FAILED;
    }
  RunSettings settings = { cfg->ingest.max_pages, cfg->ingest.no_graphics };
  g_autoptr (GHashTable) previous = cfg->outdir ? run_manifest_load (cfg->outdir, &settings)
                                                : NULL;
  cfg->previous = previous;
  summary->settings = &settings;
  summary->entries = g_new0 (RunEntry, MAX (inputs->len, 1));
  cfg->summary = summary;

  gint64 start = g_get_monotonic_time ();
  gboolean stranded = FALSE;
  gboolean ok = run_batch (inputs, cfg, &stranded, &error);
  summary->seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  int status = CLI_EXIT_OK;
  if (!ok)
    {
      cli_error (NULL, "%s", error->message);
      g_clear_error (&error);
      status = CLI_EXIT_FAILED;
    }
  if (cfg->outdir)
    {
      if (!run_manifest_write (cfg->outdir, summary, &error)
          || !run_timings_write (cfg->outdir, summary, &error))
        {
          cli_error (NULL, "%s", error->message);
          status = CLI_EXIT_FAILED;
        }
      g_autofree char *docs = g_build_filename (cfg->outdir, "docs", NULL);
      run_dir_sync (docs);
      run_dir_sync (cfg->outdir);
    }
  for (guint i = 0; i < summary->n_entries; i++)
    if (summary->entries[i].status == RUN_STATUS_FAILED)
      status = CLI_EXIT_FAILED;
  if (!a->quiet)
    print_summary (summary);

  if (stranded)
    {
      /* A worker that timed out is still inside a library call and cannot
       * be stopped or joined: everything is written, so leave now, without
       * running exit handlers under its feet. */
      if (!a->quiet)
        cli_error (NULL, "leaving a timed-out document behind");
      status = cli_finish (status);
      fflush (stderr);
      _exit (status);
    }
  for (guint i = 0; i < summary->n_entries; i++)
    run_entry_clear (&summary->entries[i]);
  g_free (summary->entries);
  return status;
}

int
cmd_run (int argc, char **argv)
{
  RunArgs a = { 0 };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a.outdir,
      "Write the results into OUTDIR (default: the dataset on standard output)",
      "OUTDIR" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &a.jobs,
      "Documents processed at once (default: the number of CPUs)", "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &a.formats,
      "Outputs: json (docs/), jsonl, csv, comma-separated (default: all; jsonl without -o)",
      "LIST" },
    { "stdin", 0, 0, G_OPTION_ARG_NONE, &a.from_stdin,
      "Read input paths from standard input, one a line", NULL },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &a.shard,
      "Process only shard K of N (by a hash of each path), 1 <= K <= N", "K/N" },
    { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &a.timeout,
      "Fail a document that takes longer than SECONDS (default: no limit)", "SECONDS" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &a.force,
      "Process every input, even those unchanged since the last run", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &a.quiet,
      "No progress, notes or summary: only errors", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a.paths, NULL, "PATH..." },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (NULL);
  g_option_context_set_summary (
      ctx,
      "Run every stage over PDF and HTML plans: files given by name (any name), and\n"
      "folders, walked recursively for *.pdf, *.html and *.htm.  Documents are\n"
      "processed in parallel; the output is the same whatever -j.\n\n"
      "OUTDIR gets docs/NAME.json (the items JSON of each input), items.jsonl and\n"
      "items.csv (every item, in input order), manifest.json (each input's status)\n"
      "and timings.json.  A re-run into the same OUTDIR reuses the documents whose\n"
      "bytes have not changed.\n\n"
      "Exit status: 0 all inputs done, 1 some failed, 2 usage error.");
  g_option_context_set_main_group (ctx, cli_ingest_group (&a.ingest));
  g_option_context_add_main_entries (ctx, entries, NULL);

  int status = CLI_EXIT_OK;
  RunConfig cfg = { 0 };
  RunSummary summary = { 0 };
  g_autoptr (GPtrArray) formats = g_ptr_array_new ();
  g_autofree char *bad = NULL;
  guint k, n;
  if (!cli_parse (ctx, "run", &argc, &argv))
    status = CLI_EXIT_USAGE;
  else if (!a.paths && !a.from_stdin)
    status = cli_usage_error ("run", "no input given (PATH... or --stdin)");
  else if (a.paths && g_strv_contains ((const char *const *) a.paths, "-"))
    status = cli_usage_error ("run", "'-' is not a path: use --stdin to read paths");
  else if (a.jobs < 0 || a.jobs > MAX_JOBS)
    status = cli_usage_error ("run", "--jobs: expected 1 to %d, got %d", MAX_JOBS, a.jobs);
  else if (a.ingest.max_pages < 0)
    status = cli_usage_error ("run", "--max-pages: expected a positive number");
  else if (!isfinite (a.timeout) || a.timeout < 0 || a.timeout > 1e6)
    status = cli_usage_error ("run", "--timeout: expected a number of seconds");
  else if (a.shard && !parse_shard (a.shard, &k, &n))
    status = cli_usage_error ("run", "--shard: expected K/N with 1 <= K <= N, got '%s'",
                              a.shard);
  else if (a.outdir && !a.outdir[0])
    status = cli_usage_error ("run", "--output: empty folder name");
  else if (!parse_formats (a.formats ? a.formats : a.outdir ? "json,jsonl,csv" : "jsonl", &cfg,
                           formats, &bad))
    status = cli_usage_error ("run", "--format: unknown format '%s' (json, jsonl or csv)",
                              bad ? bad : "");
  else if (!a.outdir && (cfg.write_docs || (cfg.write_jsonl && cfg.write_csv)))
    status = cli_usage_error ("run", "without -o OUTDIR, --format is one of jsonl or csv");
  else
    {
      cfg.outdir = a.outdir;
      cli_ingest_options (&a.ingest, &cfg.ingest);
      cfg.jobs = a.jobs > 0 ? (guint) a.jobs : MAX (1, g_get_num_processors ());
      cfg.timeout = a.timeout;
      cfg.force = a.force;
      cfg.quiet = a.quiet;
      summary.formats = formats;
      summary.jobs = cfg.jobs;
      status = run (&a, &cfg, &summary);
    }
  run_args_clear (&a);
  return status;
}
