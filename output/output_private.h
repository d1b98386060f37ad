/* output_private.h — the field-order table, shared by the files of output/
 * only. */
#ifndef PS_OUTPUT_PRIVATE_H
#define PS_OUTPUT_PRIVATE_H

#include <cjson/cJSON.h>
#include <glib.h>

#include "ps_model.h"

/* How a CSV column turns the JSON under its path into one cell. */
typedef enum
{
  PS_COLUMN_VALUE = 0, /* a string as is, a number as JSON prints it, null as "" */
  PS_COLUMN_NAMES,     /* an array of owners: each name (its text when it has
                          none) joined by "; " */
  PS_COLUMN_STRINGS,   /* an array of strings joined by "; " */
  PS_COLUMN_OTHER,     /* the members of an object that no sibling column
                          reads, as "key: text" lines */
} PsColumnKind;

typedef struct
{
  const char *name; /* CSV header */
  const char *path; /* inside the member's value: "" is the value itself,
                       "date.iso", "bbox.0" (an array index) */
  PsColumnKind kind;
} PsColumn;

typedef struct
{
  const char *name;        /* the record's top-level key */
  gboolean from_document;  /* built from the list's document fields (the
                              first segment of each column path names one) */
  const PsColumn *columns;
  guint n_columns;
} PsMember;

/* The table: (transfer none). */
const PsMember *ps_output_members (guint *n_members);

/* The document fields a record repeats, built once per list: cJSON_Delete. */
cJSON *ps_output_document_subset (const PsItemList *list);

/* A record from that subset (copied) and an item: cJSON_Delete. */
cJSON *ps_output_record_build (const cJSON *document, const PsItem *item);

/* Puts the members of an item object (ps_item_to_json) in table order; a
 * member the table does not know goes last, so nothing is ever lost. */
void ps_output_item_order (cJSON *item);

/* The JSON under a dotted path ("" is v itself): (transfer none), or NULL. */
const cJSON *ps_output_lookup (const cJSON *v, const char *path);

#endif /* PS_OUTPUT_PRIVATE_H */
