/* cmd_output.c — plansift output [--format json|jsonl|csv] [FILE|-]. */
#include "cli.h"

#include <string.h>

#include "ps_output.h"

int
cmd_output (int argc, char **argv)
{
  g_autofree char *format_name = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      "Output format: json (default), jsonl or csv", "FORMAT" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("[FILE|-]");
  g_option_context_set_summary (
      ctx, "Write the items JSON of 'plansift normalise' as JSON (the items JSON,\n"
           "pretty-printed), JSONL (one item per line, with its document's fields) or\n"
           "CSV (a header row, then one row per item; RFC 4180, UTF-8).  JSONL and CSV\n"
           "hold the same fields in the same order.  Standard input when FILE is - or\n"
           "missing.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "output", &argc, &argv))
    return CLI_EXIT_USAGE;
  PsOutputFormat format = format_name ? ps_output_format_from_string (format_name)
                                      : PS_OUTPUT_FORMAT_JSON;
  if (format == PS_OUTPUT_FORMAT_NONE)
    return cli_usage_error ("output", "unknown format '%s' (json, jsonl or csv)", format_name);
  if (argc > 2)
    return cli_usage_error ("output", "only one input file");

  const char *path = argc == 2 ? argv[1] : "-";
  const char *name = strcmp (path, "-") == 0 ? "<stdin>" : path;
  g_autoptr (GError) error = NULL;
  CliInput in;
  if (!cli_load (path, NULL, &in, &error))
    {
      cli_error (name, "%s", error->message);
      return CLI_EXIT_FAILED;
    }
  if (!in.items)
    {
      cli_error (name, "not items JSON: run 'plansift extract' and 'plansift normalise' first");
      cli_input_clear (&in);
      return CLI_EXIT_FAILED;
    }
  g_autoptr (GString) out = g_string_new (NULL);
  ps_output_append (out, in.items, format);
  cli_write (out->str, out->len);
  cli_input_clear (&in);
  return CLI_EXIT_OK;
}
