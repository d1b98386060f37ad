/* ps_output.h — write items as JSON, JSONL or CSV. */
#ifndef PS_OUTPUT_H
#define PS_OUTPUT_H

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

/* Appends list in format to out. */
void ps_output_append (GString *out, const PsItemList *list, PsOutputFormat format);

G_END_DECLS

#endif /* PS_OUTPUT_H */
