/* cmd_extract.c — plansift extract [FILE|-]: items JSON from a model or a
 * PDF/HTML. */
#include "cli.h"

#include <math.h>
#include <string.h>

#include "ps_extract.h"
#include "ps_model_json.h"

/* "PAGE:X0,Y0,X1,Y1" (PDF points, top-left origin) into r. */
static gboolean
parse_region (const char *text, PsRegion *r)
{
  char *end = NULL;
  guint64 page = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != ':' || page == 0 || page > G_MAXUINT)
    return FALSE;
  double v[4];
  const char *p = end + 1;
  for (int i = 0; i < 4; i++)
    {
      v[i] = g_ascii_strtod (p, &end);
      if (end == p || !isfinite (v[i]) || *end != (i < 3 ? ',' : '\0'))
        return FALSE;
      p = end + 1;
    }
  if (v[2] <= v[0] || v[3] <= v[1])
    return FALSE;
  r->page = (guint) page;
  r->box = (PsBox){ v[0], v[1], v[2], v[3] };
  return TRUE;
}

int
cmd_extract (int argc, char **argv)
{
  CliIngestArgs iargs = { 0 };
  gboolean compact = FALSE, layout = FALSE;
  g_auto (GStrv) regions = NULL;
  GOptionEntry entries[] = {
    { "compact", 0, 0, G_OPTION_ARG_NONE, &compact, "Write JSON on one line", NULL },
    { "layout", 0, 0, G_OPTION_ARG_NONE, &layout,
      "Write the document's layout (blocks and tables) as doc JSON instead of items", NULL },
    { "region", 0, 0, G_OPTION_ARG_STRING_ARRAY, &regions,
      "PDF: read exactly one table in this region (PDF points, top-left origin); repeatable",
      "PAGE:X0,Y0,X1,Y1" },
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
  g_autoptr (GArray) region_list = g_array_new (FALSE, FALSE, sizeof (PsRegion));
  if (!cli_parse (ctx, "extract", &argc, &argv))
    status = CLI_EXIT_USAGE;
  else if (argc > 2)
    status = cli_usage_error ("extract", "only one input file");
  for (guint i = 0; status == CLI_EXIT_OK && regions && regions[i]; i++)
    {
      PsRegion r;
      if (!parse_region (regions[i], &r))
        status = cli_usage_error ("extract", "--region: expected PAGE:X0,Y0,X1,Y1, got '%s'",
                                  regions[i]);
      else
        g_array_append_val (region_list, r);
    }
  if (status == CLI_EXIT_OK)
    {
      PsExtractOptions xopts = { 0 };
      xopts.regions = (const PsRegion *) (const void *) region_list->data;
      xopts.n_regions = region_list->len;
      const char *path = argc == 2 ? argv[1] : "-";
      const char *name = strcmp (path, "-") == 0 ? "<stdin>" : path;
      PsIngestOptions opts;
      cli_ingest_options (&iargs, &opts);
      g_autoptr (GError) error = NULL;
      CliInput in;
      g_autoptr (PsItemList) list = NULL;
      g_autoptr (PsDoc) doc_layout = NULL;
      if (!cli_load (path, &opts, &in, &error))
        cli_error (name, "%s", error->message);
      else if (!in.doc)
        cli_error (name, "already extracted: give the JSON of 'plansift ingest', or a PDF/HTML");
      else if (layout)
        {
          if (!(doc_layout = ps_extract_layout (in.doc, &xopts, &error)))
            cli_error (name, "%s", error->message);
        }
      else if (!(list = ps_extract (in.doc, &xopts, &error)))
        cli_error (name, "%s", error->message);
      if (doc_layout)
        {
          g_autoptr (cJSON) json = ps_doc_to_json (doc_layout);
          g_autofree char *text = ps_json_print (json, !compact);
          cli_write (text, strlen (text));
        }
      else if (list)
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
