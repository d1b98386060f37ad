/* ps_output.h — write items as JSON, JSONL or CSV.
 *
 * Three formats, one field order.  A table in output/fields.c lists the
 * members of a record (the item's document fields, then the item's members
 * in schema order) and, for each, its CSV columns; json.c, jsonl.c and csv.c
 * all walk it, so the formats cannot drift apart.  The JSON itself comes
 * from model/ (ps_item_list_to_json and friends): output/ never maps the
 * model to JSON on its own.
 *
 *  - JSON:  the items JSON of one document ("schema": "plansift/items/1"),
 *           schemas/document.schema.json.
 *  - JSONL: one item per line, self-contained: {"document": {source, format,
 *           sha256, title, date, pages}, "ref": …, …, "provenance": {…}},
 *           schemas/item.schema.json.
 *  - CSV:   RFC 4180 (CRLF line ends, quotes only where needed), UTF-8
 *           without a byte-order mark, a header row, one row per item, the
 *           columns of ps_output_column_name in record order.
 *
 * Output is deterministic: the same list gives the same bytes.  Ownership
 * as in ps_model.h. */
#ifndef PS_OUTPUT_H
#define PS_OUTPUT_H

#include <cjson/cJSON.h>
#include <glib.h>

#include "ps_model.h"

G_BEGIN_DECLS

typedef enum
{
  PS_OUTPUT_FORMAT_NONE = 0,
  PS_OUTPUT_FORMAT_JSON,
  PS_OUTPUT_FORMAT_JSONL,
  PS_OUTPUT_FORMAT_CSV,
} PsOutputFormat;

const char *ps_output_format_to_string (PsOutputFormat f);
PsOutputFormat ps_output_format_from_string (const char *s);

/* Appends list to out as one whole file of format: JSON pretty-printed,
 * JSONL one line per item, CSV the header row and one row per item. */
void ps_output_append (GString *out, const PsItemList *list, PsOutputFormat format);

/* ---- the pieces, for files that hold many documents (plansift run) ------ */

/* The items JSON of list, with a trailing newline; pretty or on one line. */
void ps_output_json_append (GString *out, const PsItemList *list, gboolean pretty);

/* One JSONL line per item of list. */
void ps_output_jsonl_append (GString *out, const PsItemList *list);

/* The CSV header row; then one row per item of list. */
void ps_output_csv_header_append (GString *out);
void ps_output_csv_rows_append (GString *out, const PsItemList *list);

/* Appends text as one CSV field (RFC 4180: quoted, with quotes doubled,
 * when it holds a comma, a quote, CR or LF).  NULL is the empty field. */
void ps_output_csv_field_append (GString *out, const char *text);

/* ---- the field-order table --------------------------------------------- */

/* The JSONL record of item index of list: (transfer full), cJSON_Delete. */
cJSON *ps_output_record (const PsItemList *list, guint index);

/* The top-level members of a record, in order: (transfer none). */
guint ps_output_n_members (void);
const char *ps_output_member_name (guint i);

/* The CSV columns, in order: (transfer none). */
guint ps_output_n_columns (void);
const char *ps_output_column_name (guint i);
/* The record member column i is read from: (transfer none). */
const char *ps_output_column_member (guint i);

G_END_DECLS

#endif /* PS_OUTPUT_H */
