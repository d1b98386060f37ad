/* util.c — messages, option parsing, stdout and input loading for cli/. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ps_model_json.h"

static gboolean write_failed;

void
cli_error (const char *file, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  if (file)
    fprintf (stderr, "plansift: %s: %s\n", file, msg);
  else
    fprintf (stderr, "plansift: %s\n", msg);
}

int
cli_usage_error (const char *cmd, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  fprintf (stderr, "plansift%s%s: %s\nTry 'plansift%s%s --help' for more information.\n",
           cmd ? " " : "", cmd ? cmd : "", msg, cmd ? " " : "", cmd ? cmd : "");
  return CLI_EXIT_USAGE;
}

gboolean
cli_parse (GOptionContext *ctx, const char *cmd, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      cli_usage_error (cmd, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

void
cli_write (const char *data, gsize len)
{
  if (len && fwrite (data, 1, len, stdout) != len)
    write_failed = TRUE;
}

int
cli_finish (int status)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    write_failed = TRUE;
  if (fclose (stdout) != 0)
    write_failed = TRUE;
  if (write_failed)
    {
      cli_error (NULL, "writing output failed: %s", g_strerror (errno));
      return status == CLI_EXIT_USAGE ? status : CLI_EXIT_FAILED;
    }
  return status;
}

void
cli_input_clear (CliInput *in)
{
  g_clear_pointer (&in->doc, ps_doc_free);
  g_clear_pointer (&in->items, ps_item_list_free);
}

gboolean
cli_load (const char *path, const PsIngestOptions *opts, CliInput *out, GError **error)
{
  memset (out, 0, sizeof *out);
  g_autoptr (GBytes) bytes = ps_ingest_read (path, error);
  if (!bytes)
    return FALSE;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  gsize i = 0;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i < len && data[i] == '{')
    {
      g_autoptr (cJSON) root = ps_json_parse (data, len, error);
      if (!root)
        return FALSE;
      const char *schema = ps_json_schema (root);
      if (g_strcmp0 (schema, PS_DOC_SCHEMA) == 0)
        out->doc = ps_doc_from_json (root, error);
      else if (g_strcmp0 (schema, PS_ITEMS_SCHEMA) == 0)
        out->items = ps_item_list_from_json (root, error);
      else
        {
          g_set_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_SCHEMA,
                       "JSON is not a plansift stage document (\"schema\": \"%s\" or \"%s\")",
                       PS_DOC_SCHEMA, PS_ITEMS_SCHEMA);
          return FALSE;
        }
      return out->doc || out->items;
    }
  out->doc = ps_ingest_bytes (bytes, strcmp (path, "-") == 0 ? "<stdin>" : path, opts, error);
  return out->doc != NULL;
}

GOptionGroup *
cli_ingest_group (CliIngestArgs *args)
{
  GOptionEntry entries[] = {
    { "password", 0, 0, G_OPTION_ARG_STRING, &args->password,
      "Password of an encrypted PDF", "PASSWORD" },
    { "max-pages", 0, 0, G_OPTION_ARG_INT, &args->max_pages,
      "Refuse PDFs with more than N pages (default: no limit)", "N" },
    { "no-graphics", 0, 0, G_OPTION_ARG_NONE, &args->no_graphics,
      "Skip rendering: no ruling lines or cell colours (faster)", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  GOptionGroup *g = g_option_group_new ("ingest", "Reading PDF and HTML:",
                                        "Show options for reading PDF and HTML", NULL, NULL);
  g_option_group_add_entries (g, entries);
  return g;
}

void
cli_ingest_options (const CliIngestArgs *args, PsIngestOptions *opts)
{
  memset (opts, 0, sizeof *opts);
  opts->password = args->password;
  opts->max_pages = args->max_pages > 0 ? (guint) args->max_pages : 0;
  opts->no_graphics = args->no_graphics;
}

void
cli_ingest_args_clear (CliIngestArgs *args)
{
  g_clear_pointer (&args->password, g_free);
}
