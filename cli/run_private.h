/* run_private.h — the pieces of 'plansift run', shared by cli/cmd_run.c,
 * cli/run_*.c and cli/progress.c only.
 *
 * Ownership as in ps_model.h: arguments are borrowed, returned pointers are
 * new and freed with their _free unless a comment says (transfer none). */
#ifndef PS_RUN_PRIVATE_H
#define PS_RUN_PRIVATE_H

#include <stdio.h>

#include <glib.h>

#include "cli.h"
#include "ps_output.h"

/* ---- inputs (run_inputs.c) --------------------------------------------- */

typedef struct
{
  char *path;  /* as given, or the folder as given joined with the names
                  under it: the key of the manifest and the shard hash */
  char *name;  /* the docs/ file: basename + ".json", or basename + "." +
                  8 hex digits of SHA-1(path) + ".json" when two inputs of
                  the list share a basename (compared case-insensitively);
                  always valid UTF-8 */
  char *error; /* set when listing already failed (an unreadable folder) */
} RunInput;

void run_input_free (RunInput *input);

/* path as valid UTF-8 (invalid bytes replaced): how the manifest, the
 * model's "source" and messages name it.  (transfer full) */
char *run_display_path (const char *path);

typedef struct
{
  gboolean quiet;     /* no notes about files skipped by extension */
  const char *outdir; /* never walked into; may be NULL */
} RunWalkOptions;

/* Expands paths in order: a folder is walked recursively, names sorted
 * bytewise, keeping *.pdf, *.html and *.htm (any case) and noting every
 * other file on stderr; hidden entries (".name") are passed over; symbolic
 * links are followed, each folder visited once.  Anything else given is an
 * input whatever its name (ingest sniffs it), including a path that does not
 * exist (it fails when processed).  A path listed twice is kept once.
 * Returns RunInput*, free with g_ptr_array_unref. */
GPtrArray *run_inputs_collect (char **paths, const RunWalkOptions *opts);

/* Reads paths from a stream, one a line (blank lines skipped, a CR before
 * the LF dropped), appending them to paths (char*). */
gboolean run_inputs_read_list (FILE *in, GPtrArray *paths, GError **error);

/* Sets every input's name; names depend on the whole list, so name before
 * sharding, and shards of one list get names that never collide. */
void run_inputs_name (GPtrArray *inputs);

/* The shard (0-based, of n) path belongs to: the first 8 bytes of
 * SHA-1(path) as a big-endian number, modulo n. */
guint run_shard_of (const char *path, guint n);

/* Keeps only the inputs of shard k (1-based) of n. */
void run_inputs_shard (GPtrArray *inputs, guint k, guint n);

/* ---- files written atomically (run_files.c) ---------------------------- */

/* A file written to a temporary ".NAME.XXXXXX.tmp" beside it and renamed
 * over it on commit, so a reader never sees half a file. */
typedef struct RunFile RunFile;

RunFile *run_file_open (const char *path, GError **error);
gboolean run_file_write (RunFile *file, const char *data, gsize len, GError **error);
/* Syncs and closes the temporary file, leaving the rename for commit. */
gboolean run_file_sync (RunFile *file, GError **error);
/* Syncs, closes (unless run_file_sync did) and renames; frees file whatever
 * happens. */
gboolean run_file_commit (RunFile *file, GError **error);
/* Closes and removes the temporary file; frees file.  NULL is ignored. */
void run_file_abort (RunFile *file);

/* Writes a whole file atomically. */
gboolean run_file_set_contents (const char *path, const char *data, gsize len,
                                GError **error);

/* Syncs a folder, so renames into it survive a crash. */
void run_dir_sync (const char *dir);

/* Removes the temporary files an interrupted run left in dir. */
void run_dir_remove_temps (const char *dir);

/* Takes an exclusive lock on dir/.plansift.lock (fcntl), held until the
 * process exits; FALSE with error when another run holds it. */
gboolean run_dir_lock (const char *dir, GError **error);

/* ---- the manifest (run_manifest.c) ------------------------------------- */

typedef enum
{
  RUN_STATUS_NONE = 0,
  RUN_STATUS_OK,        /* processed now */
  RUN_STATUS_UNCHANGED, /* same bytes, tool and settings as last time: its
                           docs/NAME.json was read back, not remade */
  RUN_STATUS_FAILED,
} RunStatus;

const char *run_status_to_string (RunStatus s);
RunStatus run_status_from_string (const char *s);

typedef struct
{
  char *path;
  char *output; /* "docs/NAME.json", or NULL when none was written */
  RunStatus status;
  char *error;  /* one line, or NULL */
  char sha256[65];
  guint64 bytes;
  guint pages;
  guint items;
  char *version;
  double seconds; /* wall time of this input; goes to timings.json only */
} RunEntry;

void run_entry_clear (RunEntry *e);

/* What changes the output of a document besides its bytes and the tool. */
typedef struct
{
  guint max_pages;
  gboolean no_graphics;
} RunSettings;

/* The entries of OUTDIR/manifest.json by path (RunEntry*, owned by the
 * table), or an empty table when there is none, it cannot be read, or it
 * was made with other settings. */
GHashTable *run_manifest_load (const char *outdir, const RunSettings *settings);

typedef struct
{
  const RunSettings *settings;
  const char *shard; /* "K/N" or NULL */
  GPtrArray *formats; /* const char*: the formats written */
  RunEntry *entries; /* in input order */
  guint n_entries;   /* entries filled so far (a checkpoint has fewer) */
  double seconds;    /* wall time of the run */
  guint jobs;
} RunSummary;

/* Writes OUTDIR/manifest.json: deterministic, no timings. */
gboolean run_manifest_write (const char *outdir, const RunSummary *summary, GError **error);

/* Writes OUTDIR/timings.json: the seconds each input took. */
gboolean run_timings_write (const char *outdir, const RunSummary *summary, GError **error);

/* ---- the progress line (progress.c) ------------------------------------ */

typedef struct CliProgress CliProgress;

/* A progress line on stderr, drawn only when enabled (stderr a terminal,
 * not --quiet). */
CliProgress *cli_progress_new (guint total, gboolean enabled);
/* Redraws at most ten times a second unless force. */
void cli_progress_update (CliProgress *p, guint done, guint64 pages, gboolean force);
/* Erases the line, so a message can be printed; the next update redraws. */
void cli_progress_clear (CliProgress *p);
void cli_progress_free (CliProgress *p);

/* ---- the batch (run_pool.c) -------------------------------------------- */

typedef struct
{
  const char *outdir;       /* NULL: the dataset goes to stdout */
  PsIngestOptions ingest;
  guint jobs;
  double timeout;           /* seconds per document, 0 for none */
  gboolean force;
  gboolean quiet;
  gboolean write_docs;      /* docs/NAME.json */
  gboolean write_jsonl;     /* items.jsonl (or stdout) */
  gboolean write_csv;       /* items.csv (or stdout) */
  GHashTable *previous;     /* from run_manifest_load, or NULL */
  RunSummary *summary;      /* where entries go; checkpointed to outdir */
} RunConfig;

/* Processes every input, writing docs/, items.jsonl, items.csv (or stdout)
 * in input order and filling summary->entries.  Returns FALSE (error set)
 * only when an output file cannot be written.  *stranded is set to TRUE when
 * a worker that timed out is still running: the caller must then leave with
 * _exit, as that thread cannot be stopped. */
gboolean run_batch (GPtrArray *inputs, const RunConfig *cfg, gboolean *stranded,
                    GError **error);

#endif /* PS_RUN_PRIVATE_H */
