/* cli.h — shared by the plansift subcommands. Only cli/ writes to stderr. */
#ifndef PS_CLI_H
#define PS_CLI_H

#include <glib.h>

#include "ps_ingest.h"
#include "ps_model.h"

/* Exit codes: success, some inputs failed, usage error. */
enum
{
  CLI_EXIT_OK = 0,
  CLI_EXIT_FAILED = 1,
  CLI_EXIT_USAGE = 2,
};

int cmd_ingest (int argc, char **argv);
int cmd_extract (int argc, char **argv);
int cmd_normalise (int argc, char **argv);
int cmd_output (int argc, char **argv);
int cmd_run (int argc, char **argv);
int cmd_eval (int argc, char **argv);

/* "plansift: FILE: message" on stderr (FILE left out when NULL). */
void cli_error (const char *file, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

/* "plansift CMD: message" and a pointer to --help on stderr; returns
 * CLI_EXIT_USAGE. */
int cli_usage_error (const char *cmd, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

/* Parses options with ctx; on a bad option prints a usage error and returns
 * FALSE.  --help is handled by GOption (stdout, exit 0). */
gboolean cli_parse (GOptionContext *ctx, const char *cmd, int *argc, char ***argv);

/* Writes to stdout; remembers a failure for cli_finish. */
void cli_write (const char *data, gsize len);

/* Flushes and closes stdout; a write failure turns status into
 * CLI_EXIT_FAILED with a message, so a truncated output never exits 0. */
int cli_finish (int status);

/* What a stage input turned out to be. */
typedef struct
{
  PsDoc *doc;         /* a PDF, HTML, or "plansift/doc/1" JSON */
  PsItemList *items;  /* "plansift/items/1" JSON */
} CliInput;

void cli_input_clear (CliInput *in);

/* Loads path ("-" is stdin) as stage JSON or as a PDF/HTML document. */
gboolean cli_load (const char *path, const PsIngestOptions *opts, CliInput *out,
                   GError **error);

/* Shared ingest options (--password, --max-pages, --no-graphics) for a
 * subcommand's option table. */
typedef struct
{
  char *password;
  int max_pages;
  gboolean no_graphics;
} CliIngestArgs;

GOptionGroup *cli_ingest_group (CliIngestArgs *args);
void cli_ingest_options (const CliIngestArgs *args, PsIngestOptions *opts);
void cli_ingest_args_clear (CliIngestArgs *args);

#endif /* PS_CLI_H */
