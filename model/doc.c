/* doc.c — PsDoc, its pages, blocks and tables; colours and enum names. */
#include "ps_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ps_tsv.h"

extern const PsTsvTable ps_css_colours;

G_DEFINE_QUARK (ps-model-error-quark, ps_model_error)

/* ---- enum names: the JSON words are spelled here and nowhere else ------ */

typedef struct
{
  int value;
  const char *name;
} EnumName;

static const char *
enum_to_string (const EnumName *names, gsize n, int value)
{
  for (gsize i = 0; i < n; i++)
    if (names[i].value == value)
      return names[i].name;
  return NULL;
}

static int
enum_from_string (const EnumName *names, gsize n, const char *s)
{
  if (s)
    for (gsize i = 0; i < n; i++)
      if (names[i].name && strcmp (names[i].name, s) == 0)
        return names[i].value;
  return 0;
}

#define DEFINE_ENUM_NAMES(Type, prefix, table)                                 \
  const char *prefix##_to_string (Type v)                                      \
  {                                                                            \
    return enum_to_string (table, G_N_ELEMENTS (table), (int) v);              \
  }                                                                            \
  Type prefix##_from_string (const char *s)                                    \
  {                                                                            \
    return (Type) enum_from_string (table, G_N_ELEMENTS (table), s);           \
  }

static const EnumName format_names[] = {
  { PS_FORMAT_UNKNOWN, NULL }, { PS_FORMAT_PDF, "pdf" }, { PS_FORMAT_HTML, "html" },
};
DEFINE_ENUM_NAMES (PsFormat, ps_format, format_names)

static const EnumName ruling_dir_names[] = {
  { PS_RULING_NONE, NULL },
  { PS_RULING_HORIZONTAL, "horizontal" },
  { PS_RULING_VERTICAL, "vertical" },
};
DEFINE_ENUM_NAMES (PsRulingDir, ps_ruling_dir, ruling_dir_names)

static const EnumName block_kind_names[] = {
  { PS_BLOCK_NONE, NULL },
  { PS_BLOCK_HEADING, "heading" },
  { PS_BLOCK_PARAGRAPH, "paragraph" },
  { PS_BLOCK_LIST_ITEM, "list_item" },
  { PS_BLOCK_TABLE, "table" },
};
DEFINE_ENUM_NAMES (PsBlockKind, ps_block_kind, block_kind_names)

static const EnumName item_kind_names[] = {
  { PS_ITEM_KIND_UNKNOWN, NULL },
  { PS_ITEM_KIND_RECOMMENDATION, "recommendation" },
  { PS_ITEM_KIND_ACTION, "action" },
};
DEFINE_ENUM_NAMES (PsItemKind, ps_item_kind, item_kind_names)

static const EnumName role_names[] = {
  { PS_ROLE_NONE, NULL },
  { PS_ROLE_REF, "ref" },
  { PS_ROLE_RECOMMENDATION, "recommendation" },
  { PS_ROLE_ACTION, "action" },
  { PS_ROLE_RESPONSE, "response" },
  { PS_ROLE_OUTCOME, "outcome" },
  { PS_ROLE_PROGRESS, "progress" },
  { PS_ROLE_NEXT_STEPS, "next_steps" },
  { PS_ROLE_OWNER, "owner" },
  { PS_ROLE_SPONSOR, "sponsor" },
  { PS_ROLE_DUE, "due" },
  { PS_ROLE_STATUS, "status" },
  { PS_ROLE_THEME, "theme" },
  { PS_ROLE_OTHER, "other" },
};
DEFINE_ENUM_NAMES (PsRole, ps_role, role_names)

static const EnumName owner_kind_names[] = {
  { PS_OWNER_KIND_UNKNOWN, NULL },
  { PS_OWNER_KIND_ROLE, "role" },
  { PS_OWNER_KIND_PERSON, "person" },
  { PS_OWNER_KIND_TEAM, "team" },
  { PS_OWNER_KIND_BODY, "body" },
};
DEFINE_ENUM_NAMES (PsOwnerKind, ps_owner_kind, owner_kind_names)

static const EnumName due_kind_names[] = {
  { PS_DUE_KIND_UNSPECIFIED, "unspecified" },
  { PS_DUE_KIND_DATE, "date" },
  { PS_DUE_KIND_RANGE, "range" },
  { PS_DUE_KIND_DEADLINE, "deadline" },
  { PS_DUE_KIND_ONGOING, "ongoing" },
  { PS_DUE_KIND_COMPLETE, "complete" },
  { PS_DUE_KIND_REFERENCE, "reference" },
};
DEFINE_ENUM_NAMES (PsDueKind, ps_due_kind, due_kind_names)

static const EnumName precision_names[] = {
  { PS_PRECISION_NONE, NULL },
  { PS_PRECISION_DAY, "day" },
  { PS_PRECISION_MONTH, "month" },
  { PS_PRECISION_QUARTER, "quarter" },
  { PS_PRECISION_SEASON, "season" },
  { PS_PRECISION_HALF, "half" },
  { PS_PRECISION_YEAR, "year" },
  { PS_PRECISION_FISCAL_YEAR, "fiscal_year" },
};
DEFINE_ENUM_NAMES (PsPrecision, ps_precision, precision_names)

static const EnumName rag_names[] = {
  { PS_RAG_NONE, NULL },       { PS_RAG_RED, "red" },   { PS_RAG_AMBER, "amber" },
  { PS_RAG_GREEN, "green" },   { PS_RAG_BLUE, "blue" },
};
DEFINE_ENUM_NAMES (PsRag, ps_rag, rag_names)

static const EnumName status_value_names[] = {
  { PS_STATUS_UNKNOWN, "unknown" },
  { PS_STATUS_COMPLETED, "completed" },
  { PS_STATUS_ON_TRACK, "on_track" },
  { PS_STATUS_IN_PROGRESS, "in_progress" },
  { PS_STATUS_OFF_TRACK, "off_track" },
  { PS_STATUS_NOT_STARTED, "not_started" },
  { PS_STATUS_STOPPED, "stopped" },
  { PS_STATUS_MONITORING, "monitoring" },
  { PS_STATUS_SUPERSEDED, "superseded" },
};
DEFINE_ENUM_NAMES (PsStatusValue, ps_status_value, status_value_names)

static const EnumName status_source_names[] = {
  { PS_STATUS_SOURCE_NONE, NULL },
  { PS_STATUS_SOURCE_TEXT, "text" },
  { PS_STATUS_SOURCE_COLOUR, "colour" },
  { PS_STATUS_SOURCE_SECTION, "section" },
  { PS_STATUS_SOURCE_KEY, "key" },
};
DEFINE_ENUM_NAMES (PsStatusSource, ps_status_source, status_source_names)

/* ---- colours ----------------------------------------------------------- */

void
ps_colour_format (PsColour c, char buf[8])
{
  if (!ps_colour_is_set (c))
    buf[0] = '\0';
  else
    g_snprintf (buf, 8, "#%02x%02x%02x", c.r, c.g, c.b);
}

static int
hex_digit (char c)
{
  return g_ascii_xdigit_value (c);
}

static gboolean
parse_hex (const char *s, gsize n, PsColour *out)
{
  int v[6];
  if (n != 3 && n != 6 && n != 4 && n != 8)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if ((v[i % 6] = hex_digit (s[i])) < 0)
      return FALSE;
  if (n == 3 || n == 4)
    {
      if (n == 4 && v[3] == 0)
        return FALSE; /* fully transparent: no colour */
      *out = PS_COLOUR_RGB (v[0] * 17, v[1] * 17, v[2] * 17);
    }
  else
    {
      if (n == 8 && hex_digit (s[6]) * 16 + hex_digit (s[7]) == 0)
        return FALSE;
      *out = PS_COLOUR_RGB (v[0] * 16 + v[1], v[2] * 16 + v[3], v[4] * 16 + v[5]);
    }
  return TRUE;
}

/* rgb(1, 2, 3), rgb(1 2 3), rgb(10%,20%,30%), rgba(..., a) */
static gboolean
parse_rgb_function (const char *s, PsColour *out)
{
  const char *p = strchr (s, '(');
  double v[4] = { 0, 0, 0, 1 };
  int n = 0;
  if (!p)
    return FALSE;
  p++;
  while (n < 4)
    {
      char *end;
      while (g_ascii_isspace (*p) || *p == ',' || *p == '/')
        p++;
      if (*p == ')' || *p == '\0')
        break;
      v[n] = g_ascii_strtod (p, &end);
      if (end == p)
        return FALSE;
      if (*end == '%')
        {
          v[n] = n < 3 ? v[n] * 255.0 / 100.0 : v[n] / 100.0;
          end++;
        }
      p = end;
      n++;
    }
  if (n < 3 || v[3] <= 0.0)
    return FALSE;
  for (int i = 0; i < 3; i++)
    v[i] = CLAMP (v[i], 0.0, 255.0);
  *out = PS_COLOUR_RGB ((guint8) (v[0] + 0.5), (guint8) (v[1] + 0.5), (guint8) (v[2] + 0.5));
  return TRUE;
}

static int
compare_colour_name (const void *key, const void *row)
{
  return g_ascii_strcasecmp (key, *(const char *const *) row);
}

gboolean
ps_colour_parse (const char *text, PsColour *out)
{
  *out = PS_COLOUR_NONE;
  if (!text)
    return FALSE;
  g_autofree char *s = g_strstrip (g_strdup (text));
  gsize n = strlen (s);
  /* CSS allows "!important" after a value; the colour is what precedes it. */
  char *bang = strchr (s, '!');
  if (bang)
    {
      *bang = '\0';
      g_strstrip (s);
      n = strlen (s);
    }
  if (n == 0)
    return FALSE;
  if (s[0] == '#')
    return parse_hex (s + 1, n - 1, out);
  if (g_ascii_strncasecmp (s, "rgb", 3) == 0)
    return parse_rgb_function (s, out);
  /* HTML's bgcolor also accepts bare hex ("ff0000"). */
  if ((n == 6 || n == 3) && parse_hex (s, n, out))
    return TRUE;
  const PsTsvTable *t = &ps_css_colours;
  const char *const *row = bsearch (s, t->cells + t->n_cols, (gsize) t->n_rows,
                                    sizeof (char *) * (gsize) t->n_cols, compare_colour_name);
  if (!row)
    return FALSE;
  return parse_hex (row[1] + 1, strlen (row[1] + 1), out);
}

int
ps_tsv_column (const PsTsvTable *t, const char *name)
{
  for (int i = 0; i < t->n_cols; i++)
    if (strcmp (t->cells[i], name) == 0)
      return i;
  return -1;
}

/* ---- the document ------------------------------------------------------ */

static void
page_free (gpointer data)
{
  PsPage *page = data;
  g_array_unref (page->words);
  g_array_unref (page->lines);
  g_array_unref (page->rulings);
  g_array_unref (page->fills);
  g_free (page);
}

static void
block_free (gpointer data)
{
  PsBlock *block = data;
  ps_table_free (block->table);
  g_free (block);
}

PsDoc *
ps_doc_new (void)
{
  PsDoc *doc = g_new0 (PsDoc, 1);
  doc->pages = g_ptr_array_new_with_free_func (page_free);
  doc->blocks = g_ptr_array_new_with_free_func (block_free);
  doc->strings = g_string_chunk_new (64 * 1024);
  return doc;
}

void
ps_doc_free (PsDoc *doc)
{
  if (!doc)
    return;
  g_ptr_array_unref (doc->pages);
  g_ptr_array_unref (doc->blocks);
  g_string_chunk_free (doc->strings);
  g_free (doc);
}

const char *
ps_doc_intern (PsDoc *doc, const char *s)
{
  return s ? g_string_chunk_insert_const (doc->strings, s) : NULL;
}

const char *
ps_doc_strdup (PsDoc *doc, const char *s)
{
  return s ? g_string_chunk_insert (doc->strings, s) : NULL;
}

const char *
ps_doc_strndup (PsDoc *doc, const char *s, gsize len)
{
  return s ? g_string_chunk_insert_len (doc->strings, s, (gssize) len) : NULL;
}

PsPage *
ps_doc_add_page (PsDoc *doc, double width, double height, int rotation)
{
  PsPage *page = g_new0 (PsPage, 1);
  page->number = doc->pages->len + 1;
  page->width = width;
  page->height = height;
  page->rotation = rotation;
  page->words = g_array_new (FALSE, TRUE, sizeof (PsWord));
  page->lines = g_array_new (FALSE, TRUE, sizeof (PsLine));
  page->rulings = g_array_new (FALSE, TRUE, sizeof (PsRuling));
  page->fills = g_array_new (FALSE, TRUE, sizeof (PsFill));
  g_ptr_array_add (doc->pages, page);
  doc->n_pages = doc->pages->len;
  return page;
}

PsBlock *
ps_doc_add_block (PsDoc *doc, PsBlockKind kind)
{
  PsBlock *block = g_new0 (PsBlock, 1);
  block->kind = kind;
  block->text = "";
  g_ptr_array_add (doc->blocks, block);
  return block;
}

PsTable *
ps_table_new (void)
{
  PsTable *table = g_new0 (PsTable, 1);
  table->cells = g_array_new (FALSE, TRUE, sizeof (PsCell));
  return table;
}

void
ps_table_free (PsTable *table)
{
  if (!table)
    return;
  g_array_unref (table->cells);
  g_free (table);
}

const PsCell *
ps_table_cell_at (const PsTable *table, guint row, guint col)
{
  for (guint i = 0; i < table->cells->len; i++)
    {
      const PsCell *c = &g_array_index (table->cells, PsCell, i);
      if (row >= c->row && row < c->row + c->rowspan && col >= c->col
          && col < c->col + c->colspan)
        return c;
    }
  return NULL;
}

char *
ps_line_text (const PsPage *page, const PsLine *line)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < line->n_words; i++)
    {
      if (i)
        g_string_append_c (s, ' ');
      g_string_append (s, ps_line_word (page, line, i)->text);
    }
  return g_string_free (s, FALSE);
}
