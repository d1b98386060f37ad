/* ps_model_json.h — the stage JSON: the only mapping between the model and
 * JSON ("plansift/doc/1" for documents, "plansift/items/1" for items).
 *
 * Every *_to_json returns a new cJSON tree the caller frees with
 * cJSON_Delete; every *_from_json borrows the tree and returns a new model
 * object, or NULL with error set (PS_MODEL_ERROR) when the JSON is not the
 * expected schema.  Readers never trust their input: stage JSON can come
 * from anyone. */
#ifndef PS_MODEL_JSON_H
#define PS_MODEL_JSON_H

#include <cjson/cJSON.h>
#include <glib.h>

#include "ps_model.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* Parses JSON text; NULL with PS_MODEL_ERROR_PARSE (naming the byte offset)
 * when it is not JSON. */
cJSON *ps_json_parse (const char *data, gsize len, GError **error);

/* The "schema" member of a stage JSON object: (transfer none), or NULL. */
const char *ps_json_schema (const cJSON *root);

/* Prints json with a trailing newline: (transfer full). */
char *ps_json_print (const cJSON *json, gboolean pretty);

cJSON *ps_doc_to_json (const PsDoc *doc);
PsDoc *ps_doc_from_json (const cJSON *root, GError **error);

cJSON *ps_item_list_to_json (const PsItemList *list);
PsItemList *ps_item_list_from_json (const cJSON *root, GError **error);

/* The pieces of an items JSON, for output/: the "document" object, and one
 * item object. */
cJSON *ps_item_list_document_to_json (const PsItemList *list);
cJSON *ps_item_to_json (const PsItem *item);

/* A box as [x0, y0, x1, y1] rounded to two decimals. */
cJSON *ps_box_to_json (const PsBox *box);

G_END_DECLS

#endif /* PS_MODEL_JSON_H */
