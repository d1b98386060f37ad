/* cmd_extract.c — plansift extract [FILE|-]: items JSON from a model or a
 * PDF/HTML. */
#include "cli.h"

#include <string.h>

#include "ps_extract.h"
#include "ps_model_json.h"

int
cmd_extract (int argc, char **argv)
{
  CliIngestArgs iargs = { 0 };
  gboolean compact = FALSE;
  GOptionEntry entries[] = {
    { "compact", 0, 0, G_OPTION_ARG_NONE, &compact, "Write JSON on one line", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("[FILE|-]");
  g_option_context_set_summary (
      ctx, "Find the recommendations and actions of a document and write them as items\n"
           "JSON (\"schema\": \"" PS_ITEMS_SCHEMA "\").  FILE is the JSON of 'plansift ingest',\n"
           "or a PDF or HTML plan; standard input when FILE is - or missing.");
  g_option_context_set_main_group (ctx, cli_ingest_group (&iargs));
  g_option_context_add_main_entries (ctx, entries, NULL);
  int status = CLI_EXIT_OK;
  if (!cli_parse (ctx, "extract", &argc, &argv))
    status = CLI_EXIT_USAGE;
  else if (argc > 2)
    status = cli_usage_error ("extract", "only one input file");
  else
    {
      const char *path = argc == 2 ? argv[1] : "-";
      const char *name = strcmp (path, "-") == 0 ? "<stdin>" : path;
      PsIngestOptions opts;
      cli_ingest_options (&iargs, &opts);
      g_autoptr (GError) error = NULL;
      CliInput in;
      g_autoptr (PsItemList) list = NULL;
      if (!cli_load (path, &opts, &in, &error))
        cli_error (name, "%s", error->message);
      else if (!in.doc)
        cli_error (name, "already extracted: give the JSON of 'plansift ingest', or a PDF/HTML");
      else if (!(list = ps_extract (in.doc, NULL, &error)))
        cli_error (name, "%s", error->message);
      if (list)
        {
          g_autoptr (cJSON) json = ps_item_list_to_json (list);
          g_autofree char *text = ps_json_print (json, !compact);
          cli_write (text, strlen (text));
        }
      else
        status = CLI_EXIT_FAILED;
      cli_input_clear (&in);
    }
  cli_ingest_args_clear (&iargs);
  return status;
}
