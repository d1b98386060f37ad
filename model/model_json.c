/* model_json.c — PsDoc and PsItemList to and from the stage JSON.
 *
 * Writers build cJSON objects in schema order (cJSON keeps insertion order)
 * so the bytes are deterministic.  Readers check every type: a member of the
 * wrong type is a schema error naming its path, never a crash. */
#include "ps_model_json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- small writers ----------------------------------------------------- */

static double
round2 (double v)
{
  if (!isfinite (v))
    return 0.0;
  return round (v * 100.0) / 100.0;
}

cJSON *
ps_box_to_json (const PsBox *box)
{
  cJSON *a = cJSON_CreateArray ();
  cJSON_AddItemToArray (a, cJSON_CreateNumber (round2 (box->x0)));
  cJSON_AddItemToArray (a, cJSON_CreateNumber (round2 (box->y0)));
  cJSON_AddItemToArray (a, cJSON_CreateNumber (round2 (box->x1)));
  cJSON_AddItemToArray (a, cJSON_CreateNumber (round2 (box->y1)));
  return a;
}

static void
add_string_or_null (cJSON *obj, const char *name, const char *s)
{
  if (s)
    cJSON_AddStringToObject (obj, name, s);
  else
    cJSON_AddNullToObject (obj, name);
}

static void
add_colour (cJSON *obj, const char *name, PsColour c)
{
  char buf[8];
  ps_colour_format (c, buf);
  add_string_or_null (obj, name, buf[0] ? buf : NULL);
}

static void
add_number (cJSON *obj, const char *name, double v)
{
  cJSON_AddNumberToObject (obj, name, round2 (v));
}

cJSON *
ps_json_parse (const char *data, gsize len, GError **error)
{
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts (data, len, &end, FALSE);
  if (!root)
    {
      gsize offset = end && end >= data ? (gsize) (end - data) : 0;
      g_set_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_PARSE,
                   "not valid JSON (near byte %" G_GSIZE_FORMAT ")", offset);
      return NULL;
    }
  /* Anything but whitespace after the value is an error, not ignored. */
  while (end && (gsize) (end - data) < len && g_ascii_isspace (*end))
    end++;
  if (end && (gsize) (end - data) < len)
    {
      g_set_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_PARSE,
                   "not valid JSON (trailing data at byte %" G_GSIZE_FORMAT ")",
                   (gsize) (end - data));
      cJSON_Delete (root);
      return NULL;
    }
  return root;
}

const char *
ps_json_schema (const cJSON *root)
{
  const cJSON *s = cJSON_GetObjectItemCaseSensitive (root, "schema");
  return cJSON_IsString (s) ? s->valuestring : NULL;
}

char *
ps_json_print (const cJSON *json, gboolean pretty)
{
  char *s = pretty ? cJSON_Print (json) : cJSON_PrintUnformatted (json);
  char *out = g_strconcat (s, "\n", NULL);
  cJSON_free (s);
  return out;
}

/* ---- document writer --------------------------------------------------- */

static cJSON *
document_header_to_json (const char *source, PsFormat format, const char *sha256,
                         guint64 bytes, const char *title, const char *date_text,
                         const char *date, guint n_pages)
{
  cJSON *d = cJSON_CreateObject ();
  add_string_or_null (d, "source", source);
  add_string_or_null (d, "format", ps_format_to_string (format));
  add_string_or_null (d, "sha256", sha256[0] ? sha256 : NULL);
  cJSON_AddNumberToObject (d, "bytes", (double) bytes);
  add_string_or_null (d, "title", title);
  if (date_text || date)
    {
      cJSON *dt = cJSON_AddObjectToObject (d, "date");
      add_string_or_null (dt, "text", date_text);
      add_string_or_null (dt, "iso", date);
    }
  else
    cJSON_AddNullToObject (d, "date");
  cJSON_AddNumberToObject (d, "pages", n_pages);
  return d;
}

static cJSON *
word_to_json (const PsWord *w)
{
  cJSON *o = cJSON_CreateObject ();
  cJSON_AddStringToObject (o, "text", w->text ? w->text : "");
  cJSON_AddItemToObject (o, "bbox", ps_box_to_json (&w->box));
  add_string_or_null (o, "font", w->font);
  add_number (o, "size", w->size);
  cJSON_AddBoolToObject (o, "bold", (w->flags & PS_TEXT_BOLD) != 0);
  cJSON_AddBoolToObject (o, "italic", (w->flags & PS_TEXT_ITALIC) != 0);
  add_colour (o, "colour", w->colour);
  return o;
}

static cJSON *
page_to_json (const PsPage *page)
{
  cJSON *p = cJSON_CreateObject ();
  cJSON_AddNumberToObject (p, "number", page->number);
  add_number (p, "width", page->width);
  add_number (p, "height", page->height);
  cJSON_AddNumberToObject (p, "rotation", page->rotation);

  cJSON *lines = cJSON_AddArrayToObject (p, "lines");
  for (guint i = 0; i < page->lines->len; i++)
    {
      const PsLine *line = &g_array_index (page->lines, PsLine, i);
      cJSON *l = cJSON_CreateObject ();
      cJSON_AddItemToObject (l, "bbox", ps_box_to_json (&line->box));
      cJSON *words = cJSON_AddArrayToObject (l, "words");
      for (guint w = 0; w < line->n_words; w++)
        cJSON_AddItemToArray (words, word_to_json (ps_line_word (page, line, w)));
      cJSON_AddItemToArray (lines, l);
    }

  cJSON *rulings = cJSON_AddArrayToObject (p, "rulings");
  for (guint i = 0; i < page->rulings->len; i++)
    {
      const PsRuling *r = &g_array_index (page->rulings, PsRuling, i);
      cJSON *o = cJSON_CreateObject ();
      add_string_or_null (o, "dir", ps_ruling_dir_to_string (r->dir));
      add_number (o, "x0", r->x0);
      add_number (o, "y0", r->y0);
      add_number (o, "x1", r->x1);
      add_number (o, "y1", r->y1);
      add_number (o, "width", r->width);
      add_colour (o, "colour", r->colour);
      cJSON_AddItemToArray (rulings, o);
    }

  cJSON *fills = cJSON_AddArrayToObject (p, "fills");
  for (guint i = 0; i < page->fills->len; i++)
    {
      const PsFill *f = &g_array_index (page->fills, PsFill, i);
      cJSON *o = cJSON_CreateObject ();
      cJSON_AddItemToObject (o, "bbox", ps_box_to_json (&f->box));
      add_colour (o, "colour", f->colour);
      cJSON_AddItemToArray (fills, o);
    }
  return p;
}

static cJSON *
cell_to_json (const PsCell *c)
{
  cJSON *o = cJSON_CreateObject ();
  cJSON_AddNumberToObject (o, "row", c->row);
  cJSON_AddNumberToObject (o, "col", c->col);
  cJSON_AddNumberToObject (o, "rowspan", c->rowspan);
  cJSON_AddNumberToObject (o, "colspan", c->colspan);
  cJSON_AddStringToObject (o, "text", c->text ? c->text : "");
  cJSON_AddBoolToObject (o, "header", c->header);
  cJSON_AddBoolToObject (o, "bold", (c->flags & PS_TEXT_BOLD) != 0);
  cJSON_AddBoolToObject (o, "italic", (c->flags & PS_TEXT_ITALIC) != 0);
  add_colour (o, "fill", c->fill);
  add_colour (o, "colour", c->colour);
  if (c->xpath)
    cJSON_AddStringToObject (o, "xpath", c->xpath);
  if (c->page)
    {
      cJSON_AddNumberToObject (o, "page", c->page);
      cJSON_AddItemToObject (o, "bbox", ps_box_to_json (&c->box));
    }
  return o;
}

static cJSON *
table_to_json (const PsTable *t)
{
  cJSON *o = cJSON_CreateObject ();
  cJSON_AddNumberToObject (o, "rows", t->n_rows);
  cJSON_AddNumberToObject (o, "cols", t->n_cols);
  if (t->page)
    {
      cJSON_AddNumberToObject (o, "page", t->page);
      cJSON_AddItemToObject (o, "bbox", ps_box_to_json (&t->box));
    }
  cJSON *cells = cJSON_AddArrayToObject (o, "cells");
  for (guint i = 0; i < t->cells->len; i++)
    cJSON_AddItemToArray (cells, cell_to_json (&g_array_index (t->cells, PsCell, i)));
  return o;
}

static cJSON *
block_to_json (const PsBlock *b)
{
  cJSON *o = cJSON_CreateObject ();
  add_string_or_null (o, "type", ps_block_kind_to_string (b->kind));
  if (b->kind == PS_BLOCK_HEADING || b->kind == PS_BLOCK_LIST_ITEM)
    cJSON_AddNumberToObject (o, "level", b->level);
  if (b->kind != PS_BLOCK_TABLE)
    {
      cJSON_AddStringToObject (o, "text", b->text ? b->text : "");
      cJSON_AddBoolToObject (o, "bold", (b->flags & PS_TEXT_BOLD) != 0);
      cJSON_AddBoolToObject (o, "italic", (b->flags & PS_TEXT_ITALIC) != 0);
      add_colour (o, "fill", b->fill);
      add_colour (o, "colour", b->colour);
    }
  add_string_or_null (o, "xpath", b->xpath);
  if (b->page)
    {
      cJSON_AddNumberToObject (o, "page", b->page);
      cJSON_AddItemToObject (o, "bbox", ps_box_to_json (&b->box));
      add_number (o, "size", b->size);
    }
  if (b->kind == PS_BLOCK_TABLE && b->table)
    cJSON_AddItemToObject (o, "table", table_to_json (b->table));
  return o;
}

cJSON *
ps_doc_to_json (const PsDoc *doc)
{
  cJSON *root = cJSON_CreateObject ();
  cJSON_AddStringToObject (root, "schema", PS_DOC_SCHEMA);
  cJSON_AddItemToObject (root, "document",
                         document_header_to_json (doc->source, doc->format, doc->sha256,
                                                  doc->bytes, doc->title, doc->date_text,
                                                  doc->date, doc->n_pages));
  cJSON *pages = cJSON_AddArrayToObject (root, "pages");
  for (guint i = 0; i < doc->pages->len; i++)
    cJSON_AddItemToArray (pages, page_to_json (g_ptr_array_index (doc->pages, i)));
  cJSON *blocks = cJSON_AddArrayToObject (root, "blocks");
  for (guint i = 0; i < doc->blocks->len; i++)
    cJSON_AddItemToArray (blocks, block_to_json (g_ptr_array_index (doc->blocks, i)));
  return root;
}

/* ---- readers: typed getters that record the first schema problem ------- */

typedef struct
{
  GError **error;
  gboolean failed;
} Reader;

static void G_GNUC_PRINTF (2, 3)
fail (Reader *r, const char *fmt, ...)
{
  if (r->failed)
    return;
  r->failed = TRUE;
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (r->error, PS_MODEL_ERROR, PS_MODEL_ERROR_SCHEMA, "%s", msg);
}

static const cJSON *
get (const cJSON *obj, const char *name)
{
  return cJSON_GetObjectItemCaseSensitive (obj, name);
}

/* A string member: NULL when absent or null; a schema error when another type.
 * (transfer none) into the cJSON tree. */
static const char *
get_string (Reader *r, const cJSON *obj, const char *name, const char *where)
{
  const cJSON *v = get (obj, name);
  if (!v || cJSON_IsNull (v))
    return NULL;
  if (!cJSON_IsString (v))
    {
      fail (r, "%s.%s: expected a string", where, name);
      return NULL;
    }
  return v->valuestring;
}

static double
get_number (Reader *r, const cJSON *obj, const char *name, const char *where, double dflt)
{
  const cJSON *v = get (obj, name);
  if (!v || cJSON_IsNull (v))
    return dflt;
  if (!cJSON_IsNumber (v) || !isfinite (v->valuedouble))
    {
      fail (r, "%s.%s: expected a number", where, name);
      return dflt;
    }
  return v->valuedouble;
}

/* A non-negative integer no larger than max. */
static guint
get_uint (Reader *r, const cJSON *obj, const char *name, const char *where, guint dflt,
          guint max)
{
  double v = get_number (r, obj, name, where, dflt);
  if (v < 0 || v > max || v != floor (v))
    {
      fail (r, "%s.%s: expected an integer from 0 to %u", where, name, max);
      return dflt;
    }
  return (guint) v;
}

static gboolean
get_bool (Reader *r, const cJSON *obj, const char *name, const char *where)
{
  const cJSON *v = get (obj, name);
  if (!v || cJSON_IsNull (v))
    return FALSE;
  if (!cJSON_IsBool (v))
    {
      fail (r, "%s.%s: expected true or false", where, name);
      return FALSE;
    }
  return cJSON_IsTrue (v);
}

static const cJSON *
get_array (Reader *r, const cJSON *obj, const char *name, const char *where)
{
  const cJSON *v = get (obj, name);
  if (!v || cJSON_IsNull (v))
    return NULL;
  if (!cJSON_IsArray (v))
    {
      fail (r, "%s.%s: expected an array", where, name);
      return NULL;
    }
  return v;
}

static const cJSON *
get_object (Reader *r, const cJSON *obj, const char *name, const char *where)
{
  const cJSON *v = get (obj, name);
  if (!v || cJSON_IsNull (v))
    return NULL;
  if (!cJSON_IsObject (v))
    {
      fail (r, "%s.%s: expected an object", where, name);
      return NULL;
    }
  return v;
}

static PsBox
get_box (Reader *r, const cJSON *obj, const char *name, const char *where)
{
  PsBox box = { 0, 0, 0, 0 };
  const cJSON *a = get_array (r, obj, name, where);
  if (!a)
    return box;
  double v[4];
  int n = 0;
  const cJSON *e;
  cJSON_ArrayForEach (e, a)
  {
    if (n >= 4 || !cJSON_IsNumber (e) || !isfinite (e->valuedouble))
      {
        fail (r, "%s.%s: expected [x0, y0, x1, y1]", where, name);
        return box;
      }
    v[n++] = e->valuedouble;
  }
  if (n != 4)
    {
      fail (r, "%s.%s: expected [x0, y0, x1, y1]", where, name);
      return box;
    }
  box.x0 = v[0];
  box.y0 = v[1];
  box.x1 = v[2];
  box.y1 = v[3];
  return box;
}

static PsColour
get_colour (Reader *r, const cJSON *obj, const char *name, const char *where)
{
  PsColour c = PS_COLOUR_NONE;
  const char *s = get_string (r, obj, name, where);
  if (s && !ps_colour_parse (s, &c))
    fail (r, "%s.%s: not a colour: %.40s", where, name, s);
  return c;
}

/* Enum members: an unknown word is a schema error, an absent one the enum's
 * "don't know" value. */
#define DEFINE_GET_ENUM(Type, prefix)                                              \
  static Type get_##prefix (Reader *r, const cJSON *obj, const char *name,        \
                            const char *where)                                    \
  {                                                                               \
    const char *s = get_string (r, obj, name, where);                             \
    Type v = s ? prefix##_from_string (s) : (Type) 0;                             \
    if (s && v == (Type) 0 && g_strcmp0 (prefix##_to_string ((Type) 0), s) != 0) \
      fail (r, "%s.%s: unknown value \"%.40s\"", where, name, s);                \
    return v;                                                                     \
  }

DEFINE_GET_ENUM (PsRulingDir, ps_ruling_dir)
DEFINE_GET_ENUM (PsBlockKind, ps_block_kind)
DEFINE_GET_ENUM (PsItemKind, ps_item_kind)
DEFINE_GET_ENUM (PsOwnerKind, ps_owner_kind)
DEFINE_GET_ENUM (PsDueKind, ps_due_kind)
DEFINE_GET_ENUM (PsPrecision, ps_precision)
DEFINE_GET_ENUM (PsRag, ps_rag)
DEFINE_GET_ENUM (PsStatusValue, ps_status_value)
DEFINE_GET_ENUM (PsStatusSource, ps_status_source)

/* Stage JSON can come from anyone: keep its strings valid UTF-8. */
static const char *
doc_str (PsDoc *doc, const char *s)
{
  if (!s)
    return NULL;
  if (g_utf8_validate (s, -1, NULL))
    return ps_doc_strdup (doc, s);
  g_autofree char *valid = g_utf8_make_valid (s, -1);
  return ps_doc_strdup (doc, valid);
}

static const char *
list_str (PsItemList *list, const char *s)
{
  if (!s)
    return NULL;
  if (g_utf8_validate (s, -1, NULL))
    return ps_item_list_strdup (list, s);
  g_autofree char *valid = g_utf8_make_valid (s, -1);
  return ps_item_list_strdup (list, valid);
}

/* Limits that keep a hostile stage JSON from asking for absurd allocations. */
#define MAX_PAGES 1000000u
#define MAX_GRID 100000u

static gboolean
check_schema (Reader *r, const cJSON *root, const char *want)
{
  if (!cJSON_IsObject (root))
    {
      fail (r, "expected a JSON object with \"schema\": \"%s\"", want);
      return FALSE;
    }
  const char *schema = ps_json_schema (root);
  if (g_strcmp0 (schema, want) != 0)
    {
      fail (r, "expected \"schema\": \"%s\", found %s%.40s%s", want, schema ? "\"" : "",
            schema ? schema : "none", schema ? "\"" : "");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *source, *format, *sha256, *title, *date_text, *date;
  double bytes;
  guint pages;
} Header;

static Header
read_header (Reader *r, const cJSON *root)
{
  Header h = { 0 };
  const cJSON *d = get_object (r, root, "document", "$");
  if (!d)
    {
      fail (r, "$.document: missing");
      return h;
    }
  h.source = get_string (r, d, "source", "$.document");
  h.format = get_string (r, d, "format", "$.document");
  h.sha256 = get_string (r, d, "sha256", "$.document");
  h.bytes = get_number (r, d, "bytes", "$.document", 0);
  h.title = get_string (r, d, "title", "$.document");
  const cJSON *date = get_object (r, d, "date", "$.document");
  if (date)
    {
      h.date_text = get_string (r, date, "text", "$.document.date");
      h.date = get_string (r, date, "iso", "$.document.date");
    }
  h.pages = get_uint (r, d, "pages", "$.document", 0, MAX_PAGES);
  if (h.format && ps_format_from_string (h.format) == PS_FORMAT_UNKNOWN)
    fail (r, "$.document.format: unknown value \"%.40s\"", h.format);
  if (h.sha256 && (strlen (h.sha256) != 64 || strspn (h.sha256, "0123456789abcdef") != 64))
    fail (r, "$.document.sha256: expected 64 lower-case hex digits");
  if (h.bytes < 0 || h.bytes != floor (h.bytes))
    fail (r, "$.document.bytes: expected a non-negative integer");
  return h;
}

static void
read_page (Reader *r, PsDoc *doc, const cJSON *p, guint index)
{
  char where[64];
  g_snprintf (where, sizeof where, "$.pages[%u]", index);
  if (!cJSON_IsObject (p))
    {
      fail (r, "%s: expected an object", where);
      return;
    }
  PsPage *page = ps_doc_add_page (doc, get_number (r, p, "width", where, 0),
                                  get_number (r, p, "height", where, 0),
                                  (int) get_uint (r, p, "rotation", where, 0, 270));
  const cJSON *lines = get_array (r, p, "lines", where);
  const cJSON *l;
  guint li = 0;
  cJSON_ArrayForEach (l, lines)
  {
    char lw[96];
    g_snprintf (lw, sizeof lw, "%s.lines[%u]", where, li++);
    if (!cJSON_IsObject (l))
      {
        fail (r, "%s: expected an object", lw);
        return;
      }
    PsLine line = { get_box (r, l, "bbox", lw), page->words->len, 0 };
    const cJSON *words = get_array (r, l, "words", lw);
    const cJSON *w;
    guint wi = 0;
    cJSON_ArrayForEach (w, words)
    {
      char ww[128];
      g_snprintf (ww, sizeof ww, "%s.words[%u]", lw, wi++);
      if (!cJSON_IsObject (w))
        {
          fail (r, "%s: expected an object", ww);
          return;
        }
      PsWord word = { 0 };
      const char *text = get_string (r, w, "text", ww);
      word.text = doc_str (doc, text ? text : "");
      word.box = get_box (r, w, "bbox", ww);
      const char *font = get_string (r, w, "font", ww);
      word.font = font ? ps_doc_intern (doc, font) : NULL;
      word.size = get_number (r, w, "size", ww, 0);
      word.flags = (get_bool (r, w, "bold", ww) ? PS_TEXT_BOLD : 0)
                   | (get_bool (r, w, "italic", ww) ? PS_TEXT_ITALIC : 0);
      word.colour = get_colour (r, w, "colour", ww);
      g_array_append_val (page->words, word);
      line.n_words++;
    }
    g_array_append_val (page->lines, line);
  }

  const cJSON *rulings = get_array (r, p, "rulings", where);
  const cJSON *o;
  guint ri = 0;
  cJSON_ArrayForEach (o, rulings)
  {
    char rw[96];
    g_snprintf (rw, sizeof rw, "%s.rulings[%u]", where, ri++);
    if (!cJSON_IsObject (o))
      {
        fail (r, "%s: expected an object", rw);
        return;
      }
    PsRuling ruling = { 0 };
    ruling.dir = get_ps_ruling_dir (r, o, "dir", rw);
    ruling.x0 = get_number (r, o, "x0", rw, 0);
    ruling.y0 = get_number (r, o, "y0", rw, 0);
    ruling.x1 = get_number (r, o, "x1", rw, 0);
    ruling.y1 = get_number (r, o, "y1", rw, 0);
    ruling.width = get_number (r, o, "width", rw, 0);
    ruling.colour = get_colour (r, o, "colour", rw);
    g_array_append_val (page->rulings, ruling);
  }

  const cJSON *fills = get_array (r, p, "fills", where);
  guint fi = 0;
  cJSON_ArrayForEach (o, fills)
  {
    char fw[96];
    g_snprintf (fw, sizeof fw, "%s.fills[%u]", where, fi++);
    if (!cJSON_IsObject (o))
      {
        fail (r, "%s: expected an object", fw);
        return;
      }
    PsFill fill = { get_box (r, o, "bbox", fw), get_colour (r, o, "colour", fw) };
    g_array_append_val (page->fills, fill);
  }
}

static PsTable *
read_table (Reader *r, PsDoc *doc, const cJSON *t, const char *where)
{
  PsTable *table = ps_table_new ();
  table->n_rows = get_uint (r, t, "rows", where, 0, MAX_GRID);
  table->n_cols = get_uint (r, t, "cols", where, 0, MAX_GRID);
  table->page = get_uint (r, t, "page", where, 0, MAX_PAGES);
  table->box = get_box (r, t, "bbox", where);
  const cJSON *cells = get_array (r, t, "cells", where);
  const cJSON *c;
  guint ci = 0;
  cJSON_ArrayForEach (c, cells)
  {
    char cw[128];
    g_snprintf (cw, sizeof cw, "%s.cells[%u]", where, ci++);
    if (!cJSON_IsObject (c))
      {
        fail (r, "%s: expected an object", cw);
        break;
      }
    PsCell cell = { 0 };
    cell.row = get_uint (r, c, "row", cw, 0, MAX_GRID);
    cell.col = get_uint (r, c, "col", cw, 0, MAX_GRID);
    cell.rowspan = get_uint (r, c, "rowspan", cw, 1, MAX_GRID);
    cell.colspan = get_uint (r, c, "colspan", cw, 1, MAX_GRID);
    const char *text = get_string (r, c, "text", cw);
    cell.text = doc_str (doc, text ? text : "");
    cell.header = get_bool (r, c, "header", cw);
    cell.flags = (get_bool (r, c, "bold", cw) ? PS_TEXT_BOLD : 0)
                 | (get_bool (r, c, "italic", cw) ? PS_TEXT_ITALIC : 0);
    cell.fill = get_colour (r, c, "fill", cw);
    cell.colour = get_colour (r, c, "colour", cw);
    cell.xpath = doc_str (doc, get_string (r, c, "xpath", cw));
    cell.page = get_uint (r, c, "page", cw, 0, MAX_PAGES);
    cell.box = get_box (r, c, "bbox", cw);
    if (cell.rowspan == 0 || cell.colspan == 0)
      fail (r, "%s: rowspan and colspan must be at least 1", cw);
    g_array_append_val (table->cells, cell);
  }
  return table;
}

static void
read_block (Reader *r, PsDoc *doc, const cJSON *b, guint index)
{
  char where[64];
  g_snprintf (where, sizeof where, "$.blocks[%u]", index);
  if (!cJSON_IsObject (b))
    {
      fail (r, "%s: expected an object", where);
      return;
    }
  PsBlockKind kind = get_ps_block_kind (r, b, "type", where);
  if (kind == PS_BLOCK_NONE)
    {
      fail (r, "%s.type: missing", where);
      return;
    }
  PsBlock *block = ps_doc_add_block (doc, kind);
  block->level = get_uint (r, b, "level", where, 0, 64);
  const char *text = get_string (r, b, "text", where);
  block->text = doc_str (doc, text ? text : "");
  block->flags = (get_bool (r, b, "bold", where) ? PS_TEXT_BOLD : 0)
                 | (get_bool (r, b, "italic", where) ? PS_TEXT_ITALIC : 0);
  block->fill = get_colour (r, b, "fill", where);
  block->colour = get_colour (r, b, "colour", where);
  block->xpath = doc_str (doc, get_string (r, b, "xpath", where));
  block->page = get_uint (r, b, "page", where, 0, MAX_PAGES);
  block->box = get_box (r, b, "bbox", where);
  block->size = get_number (r, b, "size", where, 0);
  if (kind == PS_BLOCK_TABLE)
    {
      char tw[80];
      g_snprintf (tw, sizeof tw, "%s.table", where);
      const cJSON *t = get_object (r, b, "table", where);
      block->table = t ? read_table (r, doc, t, tw) : ps_table_new ();
    }
}

PsDoc *
ps_doc_from_json (const cJSON *root, GError **error)
{
  Reader r = { error, FALSE };
  if (!check_schema (&r, root, PS_DOC_SCHEMA))
    return NULL;
  g_autoptr (PsDoc) doc = ps_doc_new ();
  Header h = read_header (&r, root);
  doc->source = doc_str (doc, h.source);
  doc->format = ps_format_from_string (h.format);
  if (h.sha256)
    g_strlcpy (doc->sha256, h.sha256, sizeof doc->sha256);
  doc->bytes = (guint64) MAX (h.bytes, 0);
  doc->title = doc_str (doc, h.title);
  doc->date_text = doc_str (doc, h.date_text);
  doc->date = doc_str (doc, h.date);

  const cJSON *pages = get_array (&r, root, "pages", "$");
  const cJSON *p;
  guint i = 0;
  cJSON_ArrayForEach (p, pages)
  {
    if (r.failed || i >= MAX_PAGES)
      break;
    read_page (&r, doc, p, i++);
  }
  /* A layout document ('plansift extract --layout') keeps the page count
   * but no pages: its blocks say where they sit. */
  doc->n_pages = doc->pages->len ? doc->pages->len : h.pages;
  if (!r.failed && h.pages != doc->n_pages)
    fail (&r, "$.document.pages: says %u but %u pages follow", h.pages, doc->pages->len);

  const cJSON *blocks = get_array (&r, root, "blocks", "$");
  const cJSON *b;
  i = 0;
  cJSON_ArrayForEach (b, blocks)
  {
    if (r.failed)
      break;
    read_block (&r, doc, b, i++);
  }
  if (r.failed)
    return NULL;
  if (!ps_doc_check (doc, error))
    return NULL;
  return g_steal_pointer (&doc);
}

/* ---- items writer ------------------------------------------------------ */

static cJSON *
prov_to_json (const PsProv *p)
{
  cJSON *o = cJSON_CreateObject ();
  if (p->page)
    {
      cJSON_AddNumberToObject (o, "page", p->page);
      cJSON_AddItemToObject (o, "bbox", ps_box_to_json (&p->box));
    }
  if (p->xpath)
    cJSON_AddStringToObject (o, "xpath", p->xpath);
  return o;
}

static cJSON *
due_to_json (const PsDue *due)
{
  if (!due->text && due->kind == PS_DUE_KIND_UNSPECIFIED && !due->start[0])
    return cJSON_CreateNull ();
  cJSON *o = cJSON_CreateObject ();
  add_string_or_null (o, "text", due->text);
  add_string_or_null (o, "kind", ps_due_kind_to_string (due->kind));
  add_string_or_null (o, "start", due->start[0] ? due->start : NULL);
  add_string_or_null (o, "end", due->end[0] ? due->end : NULL);
  add_string_or_null (o, "precision", ps_precision_to_string (due->precision));
  if (due->ref)
    cJSON_AddStringToObject (o, "ref", due->ref);
  if (due->revised_from)
    cJSON_AddItemToObject (o, "revised_from", due_to_json (due->revised_from));
  else
    cJSON_AddNullToObject (o, "revised_from");
  return o;
}

static cJSON *
status_to_json (const PsStatus *s)
{
  if (!s->text && !ps_colour_is_set (s->colour) && !s->section
      && s->canonical == PS_STATUS_UNKNOWN && s->rag == PS_RAG_NONE)
    return cJSON_CreateNull ();
  cJSON *o = cJSON_CreateObject ();
  add_string_or_null (o, "text", s->text);
  add_colour (o, "colour", s->colour);
  if (s->section)
    cJSON_AddStringToObject (o, "section", s->section);
  add_string_or_null (o, "rag", ps_rag_to_string (s->rag));
  add_string_or_null (o, "canonical", ps_status_value_to_string (s->canonical));
  add_string_or_null (o, "source", ps_status_source_to_string (s->source));
  return o;
}

/* The key of a field in "fields": its role, or for PS_ROLE_OTHER its column
 * name; a second column with the same key gets "_2", "_3"… so nothing is
 * lost and keys stay unique. */
static char *
field_key (const PsItem *item, guint index)
{
  const PsField *f = g_ptr_array_index (item->fields, index);
  const char *base = f->role == PS_ROLE_OTHER && f->name && f->name[0]
                         ? f->name
                         : ps_role_to_string (f->role);
  if (!base)
    base = "other";
  guint seen = 0;
  for (guint i = 0; i < index; i++)
    {
      const PsField *g = g_ptr_array_index (item->fields, i);
      const char *b = g->role == PS_ROLE_OTHER && g->name && g->name[0]
                          ? g->name
                          : ps_role_to_string (g->role);
      if (g_strcmp0 (b ? b : "other", base) == 0)
        seen++;
    }
  return seen ? g_strdup_printf ("%s_%u", base, seen + 1) : g_strdup (base);
}

cJSON *
ps_item_to_json (const PsItem *item)
{
  cJSON *o = cJSON_CreateObject ();
  add_string_or_null (o, "ref", item->ref);
  if (item->ref_parts.number)
    {
      cJSON *rp = cJSON_AddObjectToObject (o, "ref_parts");
      cJSON_AddStringToObject (rp, "number", item->ref_parts.number);
      add_string_or_null (rp, "parent", item->ref_parts.parent);
      add_string_or_null (rp, "source", item->ref_parts.source);
    }
  else
    cJSON_AddNullToObject (o, "ref_parts");
  add_string_or_null (o, "kind", ps_item_kind_to_string (item->kind));
  add_string_or_null (o, "section", item->section);
  add_string_or_null (o, "text", item->text);

  cJSON *fields = cJSON_AddObjectToObject (o, "fields");
  cJSON *field_prov = cJSON_CreateObject ();
  for (guint i = 0; i < item->fields->len; i++)
    {
      const PsField *f = g_ptr_array_index (item->fields, i);
      g_autofree char *key = field_key (item, i);
      cJSON_AddStringToObject (fields, key, f->text ? f->text : "");
      if (ps_prov_is_set (&f->prov))
        cJSON_AddItemToObject (field_prov, key, prov_to_json (&f->prov));
    }

  add_string_or_null (o, "owners_text", item->owners_text);
  cJSON *owners = cJSON_AddArrayToObject (o, "owners");
  for (guint i = 0; i < item->owners->len; i++)
    {
      const PsOwner *ow = g_ptr_array_index (item->owners, i);
      cJSON *oo = cJSON_CreateObject ();
      add_string_or_null (oo, "text", ow->text);
      add_string_or_null (oo, "name", ow->name);
      add_string_or_null (oo, "role", ow->role);
      add_string_or_null (oo, "kind", ps_owner_kind_to_string (ow->kind));
      cJSON_AddItemToArray (owners, oo);
    }
  cJSON_AddItemToObject (o, "due", due_to_json (&item->due));
  cJSON_AddItemToObject (o, "status", status_to_json (&item->status));
  cJSON *links = cJSON_AddArrayToObject (o, "links");
  for (guint i = 0; i < item->links->len; i++)
    cJSON_AddItemToArray (links, cJSON_CreateString (g_ptr_array_index (item->links, i)));

  cJSON *prov = prov_to_json (&item->prov);
  struct
  {
    const char *name;
    const PsProv *p;
  } named[] = {
    { "text", &item->text_prov },
    { "owners", &item->owners_prov },
    { "due", &item->due_prov },
    { "status", &item->status_prov },
  };
  cJSON *fp = cJSON_CreateObject ();
  for (gsize i = 0; i < G_N_ELEMENTS (named); i++)
    if (ps_prov_is_set (named[i].p))
      cJSON_AddItemToObject (fp, named[i].name, prov_to_json (named[i].p));
  /* Extra columns after the named values, in column order. */
  cJSON *e;
  while ((e = field_prov->child))
    {
      cJSON_DetachItemViaPointer (field_prov, e);
      cJSON_AddItemToObject (fp, e->string, e);
    }
  cJSON_Delete (field_prov);
  cJSON_AddItemToObject (prov, "fields", fp);
  cJSON_AddItemToObject (o, "provenance", prov);
  return o;
}

cJSON *
ps_item_list_document_to_json (const PsItemList *list)
{
  cJSON *d = document_header_to_json (list->source, list->format, list->sha256, list->bytes,
                                      list->title, list->date_text, list->date, list->n_pages);
  cJSON *key = cJSON_AddArrayToObject (d, "key");
  for (guint i = 0; i < list->key->len; i++)
    {
      const PsKeyEntry *k = &g_array_index (list->key, PsKeyEntry, i);
      cJSON *o = cJSON_CreateObject ();
      add_colour (o, "colour", k->colour);
      add_string_or_null (o, "label", k->label);
      cJSON_AddItemToArray (key, o);
    }
  cJSON *glossary = cJSON_AddArrayToObject (d, "glossary");
  for (guint i = 0; i < list->glossary->len; i++)
    {
      const PsGlossaryEntry *g = &g_array_index (list->glossary, PsGlossaryEntry, i);
      cJSON *o = cJSON_CreateObject ();
      add_string_or_null (o, "abbr", g->abbr);
      add_string_or_null (o, "expansion", g->expansion);
      cJSON_AddItemToArray (glossary, o);
    }
  return d;
}

cJSON *
ps_item_list_to_json (const PsItemList *list)
{
  cJSON *root = cJSON_CreateObject ();
  cJSON_AddStringToObject (root, "schema", PS_ITEMS_SCHEMA);
  cJSON_AddItemToObject (root, "document", ps_item_list_document_to_json (list));
  cJSON *items = cJSON_AddArrayToObject (root, "items");
  for (guint i = 0; i < list->items->len; i++)
    cJSON_AddItemToArray (items, ps_item_to_json (g_ptr_array_index (list->items, i)));
  return root;
}

/* ---- items reader ------------------------------------------------------ */

static PsProv
read_prov (Reader *r, PsItemList *list, const cJSON *o, const char *where)
{
  PsProv p = { 0 };
  if (!o)
    return p;
  if (!cJSON_IsObject (o))
    {
      fail (r, "%s: expected an object", where);
      return p;
    }
  p.page = get_uint (r, o, "page", where, 0, MAX_PAGES);
  p.box = get_box (r, o, "bbox", where);
  p.xpath = list_str (list, get_string (r, o, "xpath", where));
  return p;
}

static gboolean
valid_iso_date (const char *s)
{
  if (!s || strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  int y = atoi (s), m = atoi (s + 5), d = atoi (s + 8);
  return g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static void
read_due (Reader *r, PsItemList *list, PsDue *due, const cJSON *o, const char *where)
{
  /* revised_from chains are walked, not recursed, and capped. */
  for (int depth = 0; o && !cJSON_IsNull (o); depth++)
    {
      if (!cJSON_IsObject (o) || depth > 16)
        {
          fail (r, "%s: expected a due object", where);
          return;
        }
      due->text = list_str (list, get_string (r, o, "text", where));
      due->kind = get_ps_due_kind (r, o, "kind", where);
      const char *start = get_string (r, o, "start", where);
      const char *end = get_string (r, o, "end", where);
      if (start && !valid_iso_date (start))
        fail (r, "%s.start: expected YYYY-MM-DD", where);
      else if (start)
        g_strlcpy (due->start, start, sizeof due->start);
      if (end && !valid_iso_date (end))
        fail (r, "%s.end: expected YYYY-MM-DD", where);
      else if (end)
        g_strlcpy (due->end, end, sizeof due->end);
      due->precision = get_ps_precision (r, o, "precision", where);
      due->ref = list_str (list, get_string (r, o, "ref", where));
      o = get (o, "revised_from");
      if (o && !cJSON_IsNull (o))
        due = ps_due_add_revised_from (due);
    }
}

static void
read_item (Reader *r, PsItemList *list, const cJSON *o, guint index)
{
  char where[64];
  g_snprintf (where, sizeof where, "$.items[%u]", index);
  if (!cJSON_IsObject (o))
    {
      fail (r, "%s: expected an object", where);
      return;
    }
  PsItem *item = ps_item_list_add (list);
  item->ref = list_str (list, get_string (r, o, "ref", where));
  const cJSON *rp = get_object (r, o, "ref_parts", where);
  if (rp)
    {
      char w[96];
      g_snprintf (w, sizeof w, "%s.ref_parts", where);
      item->ref_parts.number = list_str (list, get_string (r, rp, "number", w));
      item->ref_parts.parent = list_str (list, get_string (r, rp, "parent", w));
      item->ref_parts.source = list_str (list, get_string (r, rp, "source", w));
    }
  item->kind = get_ps_item_kind (r, o, "kind", where);
  item->section = list_str (list, get_string (r, o, "section", where));
  item->text = list_str (list, get_string (r, o, "text", where));

  const cJSON *prov = get_object (r, o, "provenance", where);
  const cJSON *fprov = prov ? get_object (r, prov, "fields", where) : NULL;
  char pw[96];
  g_snprintf (pw, sizeof pw, "%s.provenance", where);
  item->prov = read_prov (r, list, prov, pw);
  item->text_prov = read_prov (r, list, fprov ? get (fprov, "text") : NULL, pw);
  item->owners_prov = read_prov (r, list, fprov ? get (fprov, "owners") : NULL, pw);
  item->due_prov = read_prov (r, list, fprov ? get (fprov, "due") : NULL, pw);
  item->status_prov = read_prov (r, list, fprov ? get (fprov, "status") : NULL, pw);

  const cJSON *fields = get_object (r, o, "fields", where);
  const cJSON *f;
  cJSON_ArrayForEach (f, fields)
  {
    if (!cJSON_IsString (f))
      {
        fail (r, "%s.fields.%.40s: expected a string", where, f->string);
        return;
      }
    /* "progress_2" is the second progress column: strip the suffix. */
    g_autofree char *key = g_strdup (f->string);
    char *us = strrchr (key, '_');
    if (us && us[1] && strspn (us + 1, "0123456789") == strlen (us + 1))
      *us = '\0';
    PsRole role = ps_role_from_string (key);
    PsField *field = ps_item_add_field (list, item, role ? role : PS_ROLE_OTHER,
                                        role && role != PS_ROLE_OTHER ? NULL : key,
                                        f->valuestring);
    if (!g_utf8_validate (field->text, -1, NULL))
      field->text = list_str (list, f->valuestring);
    field->prov = read_prov (r, list, fprov ? get (fprov, f->string) : NULL, pw);
  }

  item->owners_text = list_str (list, get_string (r, o, "owners_text", where));
  const cJSON *owners = get_array (r, o, "owners", where);
  const cJSON *ow;
  cJSON_ArrayForEach (ow, owners)
  {
    if (!cJSON_IsObject (ow))
      {
        fail (r, "%s.owners: expected objects", where);
        return;
      }
    PsOwner *owner = ps_item_add_owner (list, item, NULL);
    owner->text = list_str (list, get_string (r, ow, "text", where));
    if (!owner->text)
      owner->text = "";
    owner->name = list_str (list, get_string (r, ow, "name", where));
    owner->role = list_str (list, get_string (r, ow, "role", where));
    owner->kind = get_ps_owner_kind (r, ow, "kind", where);
  }

  char dw[96];
  g_snprintf (dw, sizeof dw, "%s.due", where);
  read_due (r, list, &item->due, get (o, "due"), dw);

  const cJSON *st = get_object (r, o, "status", where);
  if (st)
    {
      char sw[96];
      g_snprintf (sw, sizeof sw, "%s.status", where);
      item->status.text = list_str (list, get_string (r, st, "text", sw));
      item->status.colour = get_colour (r, st, "colour", sw);
      item->status.section = list_str (list, get_string (r, st, "section", sw));
      item->status.rag = get_ps_rag (r, st, "rag", sw);
      item->status.canonical = get_ps_status_value (r, st, "canonical", sw);
      item->status.source = get_ps_status_source (r, st, "source", sw);
    }

  const cJSON *links = get_array (r, o, "links", where);
  const cJSON *l;
  cJSON_ArrayForEach (l, links)
  {
    if (!cJSON_IsString (l))
      {
        fail (r, "%s.links: expected strings", where);
        return;
      }
    ps_item_add_link (list, item, list_str (list, l->valuestring));
  }
}

PsItemList *
ps_item_list_from_json (const cJSON *root, GError **error)
{
  Reader r = { error, FALSE };
  if (!check_schema (&r, root, PS_ITEMS_SCHEMA))
    return NULL;
  g_autoptr (PsItemList) list = ps_item_list_new ();
  Header h = read_header (&r, root);
  list->source = list_str (list, h.source);
  list->format = ps_format_from_string (h.format);
  if (h.sha256)
    g_strlcpy (list->sha256, h.sha256, sizeof list->sha256);
  list->bytes = (guint64) MAX (h.bytes, 0);
  list->title = list_str (list, h.title);
  list->date_text = list_str (list, h.date_text);
  list->date = list_str (list, h.date);
  list->n_pages = h.pages;

  const cJSON *d = get (root, "document");
  const cJSON *key = d ? get_array (&r, d, "key", "$.document") : NULL;
  const cJSON *k;
  cJSON_ArrayForEach (k, key)
  {
    if (!cJSON_IsObject (k))
      {
        fail (&r, "$.document.key: expected objects");
        break;
      }
    PsKeyEntry e = { get_colour (&r, k, "colour", "$.document.key"),
                     list_str (list, get_string (&r, k, "label", "$.document.key")) };
    g_array_append_val (list->key, e);
  }
  const cJSON *glossary = d ? get_array (&r, d, "glossary", "$.document") : NULL;
  cJSON_ArrayForEach (k, glossary)
  {
    if (!cJSON_IsObject (k))
      {
        fail (&r, "$.document.glossary: expected objects");
        break;
      }
    PsGlossaryEntry e = {
      list_str (list, get_string (&r, k, "abbr", "$.document.glossary")),
      list_str (list, get_string (&r, k, "expansion", "$.document.glossary")),
    };
    if (e.abbr && e.expansion)
      g_array_append_val (list->glossary, e);
  }

  const cJSON *items = get_array (&r, root, "items", "$");
  const cJSON *it;
  guint i = 0;
  cJSON_ArrayForEach (it, items)
  {
    if (r.failed)
      break;
    read_item (&r, list, it, i++);
  }
  if (r.failed)
    return NULL;
  return g_steal_pointer (&list);
}
