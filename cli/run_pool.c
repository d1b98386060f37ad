/* run_pool.c — the batch of 'plansift run': documents processed by a set of
 * worker threads, one document per worker at a time, results written in
 * input order.
 *
 * The calling thread dispatches, watches and writes: it keeps at most a
 * window of documents in flight past the first one not yet written, so
 * memory stays bounded by the window, not the corpus; it writes each
 * document's JSONL and CSV as soon as every document before it is written,
 * so the dataset's bytes never depend on which worker finished first; and
 * it fails a document that runs past --timeout.
 *
 * The workers are GThreads fed by a GAsyncQueue rather than a GThreadPool,
 * because a pool's threads cannot be joined: GLib keeps them alive after
 * g_thread_pool_free, so the process would end with threads still holding
 * per-thread library state (libxml2's), and a stuck thread could not be
 * told from an idle one.  Here every worker is joined at the end, except
 * one stuck past --timeout.
 *
 * A timed-out worker cannot be stopped (Poppler has no cancellation): its
 * task is marked and abandoned and a new worker takes its place; when it
 * ends, its result is thrown away, under the same lock the watchdog marks
 * it with, so it never writes a docs/ file after the document was reported
 * failed, and the thread leaves instead of taking more work.  If it is
 * still running when the batch is done, run_batch says so and the caller
 * leaves with _exit. */
#include "run_private.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ps_extract.h"
#include "ps_model_json.h"
#include "ps_normalise.h"
#include "ps_version.h"

/* How often the calling thread wakes to check timeouts and redraw. */
#define TICK_US (G_USEC_PER_SEC / 10)
/* How often the manifest is checkpointed, so that a re-run after an
 * interruption skips what was already done. */
#define CHECKPOINT_US (5 * G_USEC_PER_SEC)

typedef enum
{
  TASK_QUEUED = 0,
  TASK_RUNNING,
  TASK_DONE,
  TASK_TIMED_OUT,
} TaskState;

typedef struct Run Run;

typedef struct
{
  Run *run;
  GThread *thread;
  /* Guarded by run->lock. */
  gboolean stranded; /* its task timed out: it leaves when that ends */
  gboolean finished; /* it has left its loop */
} Worker;

typedef struct
{
  Run *run;
  const RunInput *input;
  gint refs; /* the calling thread's and the worker's */
  /* Guarded by run->lock. */
  TaskState state;
  gint64 started;
  Worker *worker; /* while running */
  RunEntry entry;
  GString *jsonl;
  GString *csv;
} Task;

struct Run
{
  const RunConfig *cfg;
  char *docs_dir;
  GAsyncQueue *queue; /* Task*, or &stop to end a worker */
  GMutex lock;
  GCond cond;
  /* Guarded by lock. */
  GPtrArray *workers; /* Worker*, every one started */
  guint done;         /* tasks finished or timed out, in any order */
  guint64 pages;      /* their pages */
};

/* Pushed once per worker to end it. */
static Task stop;

static void
task_unref (Task *t)
{
  if (!g_atomic_int_dec_and_test (&t->refs))
    return;
  run_entry_clear (&t->entry);
  if (t->jsonl)
    g_string_free (t->jsonl, TRUE);
  if (t->csv)
    g_string_free (t->csv, TRUE);
  g_free (t);
}

/* One line: a message from a library may hold line breaks. */
static char *
one_line (const char *msg)
{
  char *s = g_strdup (msg && *msg ? msg : "failed");
  for (char *p = s; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return g_strchomp (s);
}

/* The outcome of one document, built without the lock. */
typedef struct
{
  RunEntry entry;
  GString *jsonl;
  GString *csv;
  RunFile *docs; /* synced, waiting for its rename */
} Result;

static void
result_fail (Result *r, const char *msg)
{
  r->entry.status = RUN_STATUS_FAILED;
  g_free (r->entry.error);
  r->entry.error = one_line (msg);
  g_clear_pointer (&r->entry.output, g_free);
  r->entry.pages = r->entry.items = 0;
}


/* The items of an earlier run, when they are still good: same bytes, same
 * tool, same settings (run_manifest_load checked those), and the file says
 * so too. */
static PsItemList *
reuse_previous (const RunConfig *cfg, const Run *run, const RunInput *input, const RunEntry *now)
{
  if (cfg->force || !cfg->previous || !run->docs_dir)
    return NULL;
  const RunEntry *prev = g_hash_table_lookup (cfg->previous, now->path);
  if (!prev || (prev->status != RUN_STATUS_OK && prev->status != RUN_STATUS_UNCHANGED)
      || strcmp (prev->sha256, now->sha256) != 0 || g_strcmp0 (prev->version, PS_VERSION) != 0)
    return NULL;
  g_autofree char *want = g_build_filename ("docs", input->name, NULL);
  if (g_strcmp0 (prev->output, want) != 0)
    return NULL;
  g_autofree char *path = g_build_filename (run->docs_dir, input->name, NULL);
  g_autofree char *data = NULL;
  gsize len;
  if (!g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  g_autoptr (cJSON) root = ps_json_parse (data, len, NULL);
  if (!root)
    return NULL;
  g_autoptr (PsItemList) list = ps_item_list_from_json (root, NULL);
  if (!list || strcmp (list->sha256, now->sha256) != 0)
    return NULL;
  return g_steal_pointer (&list);
}

static PsItemList *
process_bytes (const RunConfig *cfg, GBytes *bytes, const char *source, GError **error)
{
  g_autoptr (PsDoc) doc = ps_ingest_bytes (bytes, source, &cfg->ingest, error);
  if (!doc)
    return NULL;
  g_autoptr (PsItemList) list = ps_extract (doc, NULL, error);
  if (!list)
    return NULL;
  g_clear_pointer (&doc, ps_doc_free); /* the model is big; items are not */
  if (!ps_normalise (list, NULL, error))
    return NULL;
  return g_steal_pointer (&list);
}

static void
process (const Run *run, const RunInput *input, Result *r)
{
  const RunConfig *cfg = run->cfg;
  r->entry.path = run_display_path (input->path);
  r->entry.version = g_strdup (PS_VERSION);
  if (input->error)
    {
      result_fail (r, input->error);
      return;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = ps_ingest_read (input->path, &error);
  if (!bytes)
    {
      result_fail (r, error->message);
      return;
    }
  g_autofree char *digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_strlcpy (r->entry.sha256, digest, sizeof r->entry.sha256);
  r->entry.bytes = g_bytes_get_size (bytes);

  g_autoptr (PsItemList) list = reuse_previous (cfg, run, input, &r->entry);
  if (list)
    r->entry.status = RUN_STATUS_UNCHANGED;
  else
    {
      list = process_bytes (cfg, bytes, r->entry.path, &error);
      if (!list)
        {
          result_fail (r, error ? error->message : NULL);
          return;
        }
      r->entry.status = RUN_STATUS_OK;
    }
  g_clear_pointer (&bytes, g_bytes_unref);

  if (r->entry.status == RUN_STATUS_OK && run->docs_dir)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      ps_output_json_append (text, list, TRUE);
      g_autofree char *path = g_build_filename (run->docs_dir, input->name, NULL);
      r->docs = run_file_open (path, &error);
      if (!r->docs || !run_file_write (r->docs, text->str, text->len, &error)
          || !run_file_sync (r->docs, &error))
        {
          g_clear_pointer (&r->docs, run_file_abort);
          result_fail (r, error->message);
          return;
        }
    }
  if (run->docs_dir)
    r->entry.output = g_build_filename ("docs", input->name, NULL);
  r->entry.pages = list->n_pages;
  r->entry.items = list->items->len;
  if (cfg->write_jsonl)
    {
      r->jsonl = g_string_new (NULL);
      ps_output_jsonl_append (r->jsonl, list);
    }
  if (cfg->write_csv)
    {
      r->csv = g_string_new (NULL);
      ps_output_csv_rows_append (r->csv, list);
    }
}

/* A failed document puts nothing in the dataset. */
static void
drop_rows (Result *r)
{
  if (r->jsonl)
    g_string_free (g_steal_pointer (&r->jsonl), TRUE);
  if (r->csv)
    g_string_free (g_steal_pointer (&r->csv), TRUE);
}

static void
result_clear (Result *r)
{
  run_entry_clear (&r->entry);
  if (r->jsonl)
    g_string_free (r->jsonl, TRUE);
  if (r->csv)
    g_string_free (r->csv, TRUE);
  run_file_abort (r->docs);
  memset (r, 0, sizeof *r);
}

/* Runs one task; returns FALSE when the worker must leave (its task timed
 * out and another worker has taken its place). */
static gboolean
run_task (Worker *w, Task *t)
{
  Run *run = w->run;
  gint64 start = g_get_monotonic_time ();
  g_mutex_lock (&run->lock);
  t->state = TASK_RUNNING;
  t->started = start;
  t->worker = w;
  g_mutex_unlock (&run->lock);

  Result r = { 0 };
  process (run, t->input, &r);
  r.entry.seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;

  gboolean go_on = TRUE;
  g_mutex_lock (&run->lock);
  if (t->state == TASK_TIMED_OUT)
    go_on = FALSE; /* reported failed already: leave no trace */
  else
    {
      g_autoptr (GError) error = NULL;
      if (r.docs && !run_file_commit (g_steal_pointer (&r.docs), &error))
        {
          result_fail (&r, error->message);
          drop_rows (&r);
        }
      t->entry = r.entry;
      memset (&r.entry, 0, sizeof r.entry);
      t->jsonl = g_steal_pointer (&r.jsonl);
      t->csv = g_steal_pointer (&r.csv);
      t->state = TASK_DONE;
      run->done++;
      run->pages += t->entry.status == RUN_STATUS_FAILED ? 0 : t->entry.pages;
      g_cond_signal (&run->cond);
    }
  t->worker = NULL;
  g_mutex_unlock (&run->lock);
  result_clear (&r);
  task_unref (t);
  return go_on;
}

static gpointer
worker_main (gpointer data)
{
  Worker *w = data;
  Run *run = w->run;
  for (;;)
    {
      Task *t = g_async_queue_pop (run->queue);
      if (t == &stop || !run_task (w, t))
        break;
    }
  g_mutex_lock (&run->lock);
  w->finished = TRUE;
  g_mutex_unlock (&run->lock);
  return NULL;
}

/* Starts a worker.  Called with the lock held, or before any worker runs. */
static void
start_worker (Run *run)
{
  Worker *w = g_new0 (Worker, 1);
  w->run = run;
  g_ptr_array_add (run->workers, w);
  w->thread = g_thread_new ("plansift-run", worker_main, w);
}

/* Ends the workers: a stop for each one still taking work, then a join for
 * each that has left or will.  Returns the number still stuck in a task,
 * which are left running (detached). */
static guint
stop_workers (Run *run)
{
  g_mutex_lock (&run->lock);
  for (guint i = 0; i < run->workers->len; i++)
    {
      Worker *w = g_ptr_array_index (run->workers, i);
      if (!w->stranded)
        g_async_queue_push (run->queue, &stop);
    }
  g_mutex_unlock (&run->lock);
  guint stuck = 0;
  for (guint i = 0; i < run->workers->len; i++)
    {
      Worker *w = g_ptr_array_index (run->workers, i);
      g_mutex_lock (&run->lock);
      /* A stranded worker whose task has ended leaves without popping. */
      gboolean joinable = !w->stranded || w->finished;
      g_mutex_unlock (&run->lock);
      if (joinable)
        {
          g_thread_join (w->thread);
          w->thread = NULL;
        }
      else
        {
          g_thread_unref (g_steal_pointer (&w->thread));
          stuck++;
        }
    }
  return stuck;
}

/* ---- the calling thread ------------------------------------------------- */

/* Where the dataset goes: files in OUTDIR, or stdout. */
typedef struct
{
  RunFile *jsonl;
  RunFile *csv;
  gboolean to_stdout;
  GError *error; /* the first write that failed */
} Sink;

static void
sink_write (Sink *sink, RunFile *file, const GString *text)
{
  if (!text || !text->len || sink->error)
    return;
  if (sink->to_stdout)
    cli_write (text->str, text->len);
  else if (file)
    run_file_write (file, text->str, text->len, &sink->error);
}

static gboolean
sink_open (Sink *sink, const RunConfig *cfg, GError **error)
{
  memset (sink, 0, sizeof *sink);
  g_autoptr (GString) header = g_string_new (NULL);
  if (cfg->write_csv)
    ps_output_csv_header_append (header);
  if (!cfg->outdir)
    {
      sink->to_stdout = TRUE;
      sink_write (sink, NULL, header);
      return TRUE;
    }
  if (cfg->write_jsonl)
    {
      g_autofree char *path = g_build_filename (cfg->outdir, "items.jsonl", NULL);
      if (!(sink->jsonl = run_file_open (path, error)))
        return FALSE;
    }
  if (cfg->write_csv)
    {
      g_autofree char *path = g_build_filename (cfg->outdir, "items.csv", NULL);
      if (!(sink->csv = run_file_open (path, error)))
        return FALSE;
      sink_write (sink, sink->csv, header);
    }
  return TRUE;
}

static gboolean
sink_close (Sink *sink, GError **error)
{
  if (!sink->error && sink->jsonl)
    run_file_commit (g_steal_pointer (&sink->jsonl), &sink->error);
  if (!sink->error && sink->csv)
    run_file_commit (g_steal_pointer (&sink->csv), &sink->error);
  g_clear_pointer (&sink->jsonl, run_file_abort);
  g_clear_pointer (&sink->csv, run_file_abort);
  if (sink->error)
    {
      g_propagate_error (error, g_steal_pointer (&sink->error));
      return FALSE;
    }
  return TRUE;
}

/* Fails every running task past its deadline.  Called with the lock. */
static void
check_timeouts (Run *run, Task **tasks, guint from, guint to, gint64 now)
{
  const RunConfig *cfg = run->cfg;
  gint64 limit = (gint64) (cfg->timeout * G_USEC_PER_SEC);
  for (guint i = from; i < to; i++)
    {
      Task *t = tasks[i];
      if (!t || t->state != TASK_RUNNING || now - t->started <= limit)
        continue;
      t->state = TASK_TIMED_OUT;
      t->entry.path = run_display_path (t->input->path);
      t->entry.version = g_strdup (PS_VERSION);
      t->entry.status = RUN_STATUS_FAILED;
      char secs[G_ASCII_DTOSTR_BUF_SIZE];
      g_ascii_formatd (secs, sizeof secs, "%g", cfg->timeout);
      t->entry.error = g_strdup_printf ("timed out after %s s", secs);
      t->entry.seconds = (double) (now - t->started) / G_USEC_PER_SEC;
      run->done++;
      /* The stuck thread keeps running: another takes its place. */
      t->worker->stranded = TRUE;
      start_worker (run);
    }
}

/* Writes a finished task's rows and takes its entry into the summary. */
static void
deliver (Run *run, Sink *sink, Task *t, RunEntry *slot, CliProgress *progress)
{
  if (t->entry.status == RUN_STATUS_FAILED)
    {
      cli_progress_clear (progress);
      cli_error (t->entry.path, "%s", t->entry.error);
      /* A docs/ file from an earlier run no longer describes this input. */
      if (run->docs_dir)
        {
          g_autofree char *path = g_build_filename (run->docs_dir, t->input->name, NULL);
          g_unlink (path);
        }
    }
  else
    {
      sink_write (sink, sink->jsonl, t->jsonl);
      sink_write (sink, sink->csv, t->csv);
    }
  *slot = t->entry;
  memset (&t->entry, 0, sizeof t->entry);
}

/* The manifest as it stands: entries written so far, and for the inputs
 * still to come the entries of the last run, which stay true until their
 * document is redone. */
static void
checkpoint (const RunConfig *cfg, GPtrArray *inputs, guint written)
{
  RunSummary s = *cfg->summary;
  s.entries = g_new0 (RunEntry, inputs->len);
  s.n_entries = 0;
  for (guint i = 0; i < inputs->len; i++)
    {
      const RunInput *in = g_ptr_array_index (inputs, i);
      g_autofree char *key = run_display_path (in->path);
      const RunEntry *e = i < written ? &cfg->summary->entries[i]
                          : cfg->previous ? g_hash_table_lookup (cfg->previous, key)
                                          : NULL;
      if (e)
        s.entries[s.n_entries++] = *e; /* borrowed strings */
    }
  run_manifest_write (cfg->outdir, &s, NULL);
  g_free (s.entries);
}

/* The signal that interrupted the batch, or 0.  A signal handler can only
 * set a flag; the calling thread looks at it on every tick. */
static volatile sig_atomic_t interrupted;

static void
on_signal (int sig)
{
  interrupted = sig;
}

static void
catch_signals (gboolean on)
{
  static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sigemptyset (&sa.sa_mask);
  sa.sa_handler = on ? on_signal : SIG_DFL;
  /* A second signal while cleaning up ends the process at once. */
  sa.sa_flags = on ? (int) SA_RESETHAND : 0;
  for (gsize i = 0; i < G_N_ELEMENTS (sigs); i++)
    sigaction (sigs[i], &sa, NULL);
}

/* The state of the calling thread's loop. */
typedef struct
{
  Run *run;
  GPtrArray *inputs;
  Task **tasks;
  guint dispatched, written;
  Sink sink;
  CliProgress *progress;
  gint64 last_checkpoint;
  guint checkpointed; /* entries in the last checkpoint */
} Batch;

/* Leaves after a signal: the manifest records what is done, the dataset
 * files of this run are dropped (the last complete ones stay), and a re-run
 * goes on from there.  Temporary docs/ files of the workers are cleared by
 * that re-run. */
static void
leave_on_signal (Batch *b)
{
  const RunConfig *cfg = b->run->cfg;
  int sig = interrupted;
  cli_progress_clear (b->progress);
  if (cfg->outdir)
    checkpoint (cfg, b->inputs, b->written);
  run_file_abort (g_steal_pointer (&b->sink.jsonl));
  run_file_abort (g_steal_pointer (&b->sink.csv));
  cli_error (NULL, "interrupted after %u of %u documents%s", b->written, b->inputs->len,
             cfg->outdir ? "; run again to finish" : "");
  fflush (stdout);
  signal (sig, SIG_DFL);
  raise (sig);
  _exit (128 + sig); /* only if the signal did not end the process */
}

/* What the calling thread does between results: redraw, checkpoint, and
 * notice a signal.  Called without the lock. */
static void
tick (Batch *b, gboolean force_draw)
{
  Run *run = b->run;
  const RunConfig *cfg = run->cfg;
  if (interrupted)
    leave_on_signal (b);
  g_mutex_lock (&run->lock);
  guint done = run->done;
  guint64 pages = run->pages;
  g_mutex_unlock (&run->lock);
  cli_progress_update (b->progress, done, pages, force_draw);
  gint64 now = g_get_monotonic_time ();
  if (cfg->outdir && b->written > b->checkpointed && now - b->last_checkpoint >= CHECKPOINT_US)
    {
      checkpoint (cfg, b->inputs, b->written);
      b->last_checkpoint = now;
      b->checkpointed = b->written;
    }
}

static void
dispatch (Batch *b, guint window)
{
  guint n = b->inputs->len;
  for (; b->dispatched < n && b->dispatched < b->written + window; b->dispatched++)
    {
      Task *t = g_new0 (Task, 1);
      t->run = b->run;
      t->input = g_ptr_array_index (b->inputs, b->dispatched);
      t->refs = 2;
      b->tasks[b->dispatched] = t;
      g_async_queue_push (b->run->queue, t);
    }
}

/* Waits until task t has finished or timed out, failing the tasks that run
 * past --timeout meanwhile. */
static void
wait_for (Batch *b, Task *t)
{
  Run *run = b->run;
  g_mutex_lock (&run->lock);
  while (t->state != TASK_DONE && t->state != TASK_TIMED_OUT)
    {
      g_cond_wait_until (&run->cond, &run->lock, g_get_monotonic_time () + TICK_US);
      if (run->cfg->timeout > 0)
        check_timeouts (run, b->tasks, b->written, b->dispatched, g_get_monotonic_time ());
      g_mutex_unlock (&run->lock);
      tick (b, FALSE);
      g_mutex_lock (&run->lock);
    }
  g_mutex_unlock (&run->lock);
}

static void
run_free (Run *run)
{
  g_ptr_array_unref (run->workers);
  g_async_queue_unref (run->queue);
  g_mutex_clear (&run->lock);
  g_cond_clear (&run->cond);
  g_free (run->docs_dir);
  g_free (run);
}

gboolean
run_batch (GPtrArray *inputs, const RunConfig *cfg, gboolean *stranded, GError **error)
{
  *stranded = FALSE;
  guint n = inputs->len;
  Batch b = { 0 };
  b.inputs = inputs;
  if (!sink_open (&b.sink, cfg, error))
    {
      sink_close (&b.sink, NULL);
      return FALSE;
    }
  Run *run = b.run = g_new0 (Run, 1);
  run->cfg = cfg;
  if (cfg->outdir && cfg->write_docs)
    run->docs_dir = g_build_filename (cfg->outdir, "docs", NULL);
  g_mutex_init (&run->lock);
  g_cond_init (&run->cond);
  run->queue = g_async_queue_new ();
  run->workers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < cfg->jobs; i++)
    start_worker (run);
  b.tasks = g_new0 (Task *, n ? n : 1);
  b.progress = cli_progress_new (n, !cfg->quiet && isatty (STDERR_FILENO));
  b.last_checkpoint = g_get_monotonic_time ();
  interrupted = 0;
  catch_signals (TRUE);

  guint window = MAX (8, cfg->jobs * 4);
  for (; b.written < n && !b.sink.error; b.written++)
    {
      dispatch (&b, window);
      Task *t = b.tasks[b.written];
      wait_for (&b, t);
      deliver (run, &b.sink, t, &cfg->summary->entries[b.written], b.progress);
      cfg->summary->n_entries = b.written + 1;
      b.tasks[b.written] = NULL;
      task_unref (t);
      tick (&b, b.written + 1 == n);
    }
  cli_progress_free (b.progress);

  /* Every task dispatched runs to its end (after a write error too, so
   * none is leaked) before its worker takes the stop. */
  guint stuck = stop_workers (run);
  catch_signals (FALSE);
  for (guint i = b.written; i < b.dispatched; i++)
    if (b.tasks[i])
      task_unref (b.tasks[i]);
  g_free (b.tasks);

  gboolean ok = sink_close (&b.sink, error);
  if (stuck == 0)
    run_free (run);
  else
    *stranded = TRUE; /* its workers still hold run: it must outlive them */
  return ok;
}
