/* cmd_ingest.c — plansift ingest FILE: the document model as JSON. */
#include "cli.h"

#include <string.h>

#include "ps_model_json.h"

int
cmd_ingest (int argc, char **argv)
{
  CliIngestArgs iargs = { 0 };
  gboolean compact = FALSE;
  GOptionEntry entries[] = {
    { "compact", 0, 0, G_OPTION_ARG_NONE, &compact, "Write JSON on one line", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("FILE");
  g_option_context_set_summary (ctx,
                                "Read a PDF or HTML plan (FILE, or - for standard input) and "
                                "write its document model\n(\"schema\": \"" PS_DOC_SCHEMA
                                "\") as JSON on standard output.");
  g_option_context_set_main_group (ctx, cli_ingest_group (&iargs));
  g_option_context_add_main_entries (ctx, entries, NULL);
  int status = CLI_EXIT_OK;
  if (!cli_parse (ctx, "ingest", &argc, &argv))
    status = CLI_EXIT_USAGE;
  else if (argc != 2)
    status = cli_usage_error ("ingest", argc < 2 ? "no input file" : "only one input file");
  else
    {
      PsIngestOptions opts;
      cli_ingest_options (&iargs, &opts);
      g_autoptr (GError) error = NULL;
      g_autoptr (PsDoc) doc = ps_ingest_file (argv[1], &opts, &error);
      if (!doc)
        {
          cli_error (argv[1], "%s", error->message);
          status = CLI_EXIT_FAILED;
        }
      else
        {
          g_autoptr (cJSON) json = ps_doc_to_json (doc);
          g_autofree char *text = ps_json_print (json, !compact);
          cli_write (text, strlen (text));
        }
    }
  cli_ingest_args_clear (&iargs);
  return status;
}
