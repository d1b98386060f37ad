/* main.c — the plansift binary: dispatch to one subcommand per stage. */
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>

#include "cli.h"
#include "ps_extract.h"
#include "ps_normalise.h"
#include "ps_version.h"

typedef struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "ingest", cmd_ingest, "PDF or HTML -> document model JSON" },
  { "extract", cmd_extract, "model JSON (or a PDF/HTML) -> items JSON" },
  { "normalise", cmd_normalise, "items JSON -> normalised items JSON" },
  { "output", cmd_output, "items JSON -> JSON, JSONL or CSV" },
  { "run", cmd_run, "all stages over files and folders, in parallel" },
  { "eval", cmd_eval, "score an output folder against gold" },
};

static void
usage (FILE *out)
{
  fprintf (out, "Usage: plansift COMMAND [OPTION...] [ARG...]\n\n"
                "Turn council action plans (PDF or HTML) into structured JSON.\n\n"
                "Commands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nThe stages chain: plansift ingest plan.pdf | plansift extract | "
                "plansift normalise | plansift output --format csv\n"
                "Run 'plansift COMMAND --help' for a command's options.\n"
                "  -h, --help     Show this help\n"
                "  -V, --version  Show the version\n");
}

int
main (int argc, char **argv)
{
  /* Parsers and tables other threads will share are built here, once. */
  xmlInitParser ();
  ps_extract_init ();
  ps_normalise_init ();

  int status;
  if (argc < 2)
    {
      cli_usage_error (NULL, "no command given");
      status = CLI_EXIT_USAGE;
    }
  else if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
           || strcmp (argv[1], "help") == 0)
    {
      usage (stdout);
      status = CLI_EXIT_OK;
    }
  else if (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "-V") == 0)
    {
      printf ("plansift %s\n", PS_VERSION);
      status = CLI_EXIT_OK;
    }
  else
    {
      const Command *cmd = NULL;
      for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
        if (strcmp (argv[1], commands[i].name) == 0)
          cmd = &commands[i];
      /* The spelling "normalize" is common enough to accept. */
      if (!cmd && strcmp (argv[1], "normalize") == 0)
        cmd = &commands[2];
      if (cmd)
        {
          /* GOption names the program in --help: "plansift extract". */
          g_autofree char *prgname = g_strconcat ("plansift ", cmd->name, NULL);
          g_set_prgname (prgname);
          status = cmd->run (argc - 1, argv + 1);
        }
      else
        status = cli_usage_error (NULL, "unknown command '%s'", argv[1]);
    }
  status = cli_finish (status);
  xmlCleanupParser ();
  return status;
}
