/* jsonl.c — one self-contained item per line: the record of fields.c. */
#include "ps_output.h"

#include "output_private.h"
#include "ps_model_json.h"

void
ps_output_jsonl_append (GString *out, const PsItemList *list)
{
  g_return_if_fail (out != NULL && list != NULL);
  g_autoptr (cJSON) doc = ps_output_document_subset (list);
  for (guint i = 0; i < list->items->len; i++)
    {
      g_autoptr (cJSON) rec = ps_output_record_build (doc, g_ptr_array_index (list->items, i));
      /* Unformatted JSON escapes every control character inside strings,
       * so a record never spans two lines. */
      g_autofree char *line = ps_json_print (rec, FALSE);
      g_string_append (out, line);
    }
}
