/* output.c — the output stage's entry point. */
#include "ps_output.h"

#include <string.h>

#include "ps_model_json.h"

const char *
ps_output_format_to_string (PsOutputFormat f)
{
  switch (f)
    {
    case PS_OUTPUT_FORMAT_JSON:
      return "json";
    case PS_OUTPUT_FORMAT_JSONL:
      return "jsonl";
    case PS_OUTPUT_FORMAT_CSV:
      return "csv";
    case PS_OUTPUT_FORMAT_NONE:
    default:
      return NULL;
    }
}

PsOutputFormat
ps_output_format_from_string (const char *s)
{
  for (int f = PS_OUTPUT_FORMAT_JSON; f <= PS_OUTPUT_FORMAT_CSV; f++)
    if (g_strcmp0 (s, ps_output_format_to_string ((PsOutputFormat) f)) == 0)
      return (PsOutputFormat) f;
  return PS_OUTPUT_FORMAT_NONE;
}

void
ps_output_append (GString *out, const PsItemList *list, PsOutputFormat format)
{
  (void) format;
  g_autoptr (cJSON) json = ps_item_list_to_json (list);
  g_autofree char *text = ps_json_print (json, TRUE);
  g_string_append (out, text);
}
