/* output.c — the output stage's entry point: formats by name, and one whole
 * file of a format. */
#include "ps_output.h"

static const char *const format_names[] = {
  [PS_OUTPUT_FORMAT_NONE] = NULL,
  [PS_OUTPUT_FORMAT_JSON] = "json",
  [PS_OUTPUT_FORMAT_JSONL] = "jsonl",
  [PS_OUTPUT_FORMAT_CSV] = "csv",
};

const char *
ps_output_format_to_string (PsOutputFormat f)
{
  return (guint) f < G_N_ELEMENTS (format_names) ? format_names[f] : NULL;
}

PsOutputFormat
ps_output_format_from_string (const char *s)
{
  for (gsize f = 1; s && f < G_N_ELEMENTS (format_names); f++)
    if (g_ascii_strcasecmp (s, format_names[f]) == 0)
      return (PsOutputFormat) f;
  return PS_OUTPUT_FORMAT_NONE;
}

void
ps_output_append (GString *out, const PsItemList *list, PsOutputFormat format)
{
  g_return_if_fail (out != NULL && list != NULL);
  switch (format)
    {
    case PS_OUTPUT_FORMAT_JSON:
      ps_output_json_append (out, list, TRUE);
      break;
    case PS_OUTPUT_FORMAT_JSONL:
      ps_output_jsonl_append (out, list);
      break;
    case PS_OUTPUT_FORMAT_CSV:
      ps_output_csv_header_append (out);
      ps_output_csv_rows_append (out, list);
      break;
    case PS_OUTPUT_FORMAT_NONE:
    default:
      g_return_if_reached ();
    }
}
