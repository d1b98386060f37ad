/* json.c — the items JSON of one document ("schema": "plansift/items/1"). */
#include "ps_output.h"

#include <string.h>

#include "output_private.h"
#include "ps_model_json.h"

void
ps_output_json_append (GString *out, const PsItemList *list, gboolean pretty)
{
  g_return_if_fail (out != NULL && list != NULL);
  g_autoptr (cJSON) json = ps_item_list_to_json (list);
  /* model/ builds items in schema order already; putting them through the
   * table keeps the one order authoritative for every format. */
  cJSON *items = cJSON_GetObjectItemCaseSensitive (json, "items");
  cJSON *item;
  cJSON_ArrayForEach (item, items)
    ps_output_item_order (item);
  g_autofree char *text = ps_json_print (json, pretty);
  g_string_append (out, text);
}
