/* html_ingest.c — an HTML page into blocks: headings, paragraphs, list items
 * and tables in document order, with the chrome around the plan left out.
 *
 * The flow walk keeps a stack of "owners": the element whose block the text
 * being read belongs to.  A <p> or <li> owns everything inside it (a <div>
 * or <p> within it is a line break), except lists and tables, which are
 * blocks of their own and end it; text directly in a <div> or <body> makes
 * paragraphs of that container. */
#include "html_private.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "ps_text.h"

/* Deeper list nesting is read as this level (the stage JSON's limit). */
#define MAX_LIST_LEVEL 64

void
ps_html_block_style (const xmlNode *el, const PsHtmlText *t, guint *flags, PsColour *fill,
                     PsColour *colour)
{
  const PsHtmlNode *info = el ? ps_html_node (el) : NULL;
  *flags = t->has_text ? t->flags : 0;
  if (info && ps_colour_is_set (info->bg))
    *fill = info->bg;
  else if (t->has_text && !t->bg_mixed)
    *fill = t->bg; /* a highlight on all of the text */
  else
    *fill = PS_COLOUR_NONE;
  *colour = t->has_text && !t->colour_mixed ? t->colour : PS_COLOUR_NONE;
}

/* ---- the flow walk ----------------------------------------------------- */

typedef enum
{
  OWN_CONTAINER, /* div, body, a layout table's cell: anonymous paragraphs */
  OWN_PARA,      /* p and the like: one paragraph */
  OWN_LI,        /* one list item */
  OWN_LINE,      /* a block inside a paragraph or list item: a line break */
} OwnKind;

typedef struct
{
  xmlNode *el;
  OwnKind kind;
  guint level;
  gboolean list;
} Owner;

typedef struct
{
  PsDoc *doc;
  GArray *owners;   /* Owner; [0] is the document */
  guint list_depth;
  PsHtmlText run;   /* text of the block being read */
  gboolean open;
  guint run_owner_index; /* the owner of run, in owners */
} Flow;

/* The owner whose block text goes to (lines belong to their paragraph). */
static const Owner *
block_owner (const Flow *f, guint *index)
{
  guint i = f->owners->len - 1;
  while (i > 0 && g_array_index (f->owners, Owner, i).kind == OWN_LINE)
    i--;
  if (index)
    *index = i;
  return &g_array_index (f->owners, Owner, i);
}

static gboolean
in_paragraph (const Flow *f)
{
  OwnKind k = block_owner (f, NULL)->kind;
  return k == OWN_PARA || k == OWN_LI;
}

static void
push (Flow *f, xmlNode *el, OwnKind kind, guint level, gboolean list)
{
  Owner o = { el, kind, level, list };
  g_array_append_val (f->owners, o);
}

static void
add_block (PsDoc *doc, PsBlockKind kind, guint level, xmlNode *el, const PsHtmlText *t)
{
  g_autofree char *text = ps_html_text_finish (t);
  if (!*text)
    return;
  PsBlock *b = ps_doc_add_block (doc, kind);
  b->level = level;
  b->text = ps_doc_strdup (doc, text);
  ps_html_block_style (el, t, &b->flags, &b->fill, &b->colour);
  if (el)
    {
      g_autofree char *xpath = ps_html_xpath (el);
      b->xpath = ps_doc_strdup (doc, xpath);
    }
}

/* Ends the block being read, adding it when it has text. */
static void
flush (Flow *f)
{
  if (!f->open)
    return;
  const Owner *o = &g_array_index (f->owners, Owner, f->run_owner_index);
  add_block (f->doc, o->kind == OWN_LI ? PS_BLOCK_LIST_ITEM : PS_BLOCK_PARAGRAPH,
             o->kind == OWN_LI ? o->level : 0, o->el, &f->run);
  ps_html_text_clear (&f->run);
  f->open = FALSE;
}

static void
line_break (Flow *f)
{
  if (f->open)
    ps_html_text_break (&f->run);
}

/* A heading is read whole: anything inside it is part of its text. */
static void
add_heading (Flow *f, xmlNode *el)
{
  PsHtmlText t;
  ps_html_text_init (&t);
  ps_html_text_collect (&t, el);
  add_block (f->doc, PS_BLOCK_HEADING, ps_html_node (el)->level, el, &t);
  ps_html_text_clear (&t);
}

/* A block element: a line of the paragraph we are in, or a container. */
static void
open_block (Flow *f, xmlNode *el)
{
  if (in_paragraph (f))
    {
      line_break (f);
      push (f, el, OWN_LINE, 0, FALSE);
    }
  else
    {
      flush (f);
      push (f, el, OWN_CONTAINER, 0, FALSE);
    }
}

static gboolean
flow_enter (xmlNode *el, gpointer data)
{
  Flow *f = data;
  const PsHtmlNode *info = ps_html_node (el);
  if (info->skip)
    return FALSE;
  switch ((PsHtmlKind) info->kind)
    {
    case PS_HTML_INLINE:
      return TRUE;
    case PS_HTML_HEADING:
      flush (f);
      add_heading (f, el);
      return FALSE;
    case PS_HTML_TABLE:
      flush (f);
      if (ps_html_table_add (f->doc, el))
        return FALSE;
      push (f, el, OWN_CONTAINER, 0, FALSE); /* a layout table: read its contents */
      return TRUE;
    case PS_HTML_LIST:
      flush (f);
      f->list_depth++;
      push (f, el, OWN_CONTAINER, 0, TRUE);
      return TRUE;
    case PS_HTML_LI:
      flush (f);
      push (f, el, OWN_LI, CLAMP (f->list_depth, 1, MAX_LIST_LEVEL), FALSE);
      return TRUE;
    case PS_HTML_PARA:
    case PS_HTML_CAPTION:
      if (in_paragraph (f))
        open_block (f, el);
      else
        {
          flush (f);
          push (f, el, OWN_PARA, 0, FALSE);
        }
      return TRUE;
    case PS_HTML_BR:
      line_break (f);
      return FALSE;
    case PS_HTML_HR:
      if (in_paragraph (f))
        line_break (f);
      else
        flush (f);
      return FALSE;
    case PS_HTML_COLGROUP:
      return FALSE;
    case PS_HTML_BLOCK:
    case PS_HTML_ROWGROUP:
    case PS_HTML_ROW:
    case PS_HTML_CELL:
    default:
      open_block (f, el);
      return TRUE;
    }
}

static void
flow_leave (xmlNode *el, gpointer data)
{
  Flow *f = data;
  Owner *top = &g_array_index (f->owners, Owner, f->owners->len - 1);
  if (f->owners->len < 2 || top->el != el)
    return; /* an inline element */
  Owner o = *top;
  if (o.kind == OWN_LINE)
    line_break (f);
  else
    flush (f);
  if (o.list)
    f->list_depth--;
  g_array_set_size (f->owners, f->owners->len - 1);
}

static void
flow_text (xmlNode *node, gpointer data)
{
  Flow *f = data;
  const xmlNode *parent = node->parent;
  gboolean pre = parent && parent->type == XML_ELEMENT_NODE && ps_html_node (parent)->pre;
  if (!f->open)
    {
      /* Whitespace between blocks opens nothing. */
      const char *s = (const char *) node->content;
      if (!s || s[strspn (s, " \t\n\r\f")] == '\0')
        return;
      ps_html_text_init (&f->run);
      block_owner (f, &f->run_owner_index);
      f->open = TRUE;
    }
  ps_html_text_add (&f->run, node, pre);
}

static void
read_blocks (PsDoc *doc, xmlDoc *xml)
{
  Flow f = { 0 };
  f.doc = doc;
  f.owners = g_array_new (FALSE, TRUE, sizeof (Owner));
  push (&f, NULL, OWN_CONTAINER, 0, FALSE);
  static const PsHtmlWalker walker = { flow_enter, flow_leave, flow_text };
  ps_html_walk ((xmlNode *) xml, &walker, &f);
  flush (&f);
  g_array_unref (f.owners);
}

/* ---- parsing ----------------------------------------------------------- */

/* The text is UTF-8 already (html_charset.c decided), so libxml2 ignores
 * the page's own declaration.  Not HTML_PARSE_NOIMPLIED: a fragment gets
 * its <html> and <body> as in a browser, so every xpath starts /html/body.
 * Not HTML_PARSE_HUGE: without it libxml2 stops at 256 levels of nesting,
 * which no real page reaches, and with it unmatched end tags cost time
 * quadratic in the depth.  NOERROR and NOWARNING leave the context without
 * error callbacks, so nothing is printed, and no global handler is touched
 * (workers parse in parallel). */
static const int parse_options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                                 | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC;

static void
ignore_message (void *ctx, const char *msg, ...)
{
  (void) ctx;
  (void) msg;
}

gboolean
ps_html_ingest (PsDoc *doc, GBytes *bytes, const PsIngestOptions *opts, GError **error)
{
  (void) opts;
  gsize len, n;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree char *text = ps_html_decode (data, len, &n);
  doc->n_pages = 0;
  if (n > G_MAXINT)
    {
      g_set_error (error, PS_INGEST_ERROR, PS_INGEST_ERROR_LIMIT,
                   "HTML text of %" G_GSIZE_FORMAT " bytes is too large to parse", n);
      return FALSE;
    }
  if (n == 0)
    return TRUE; /* nothing but a BOM or control bytes: no blocks */

  htmlParserCtxtPtr ctxt = htmlNewParserCtxt ();
  if (!ctxt)
    {
      g_set_error (error, PS_INGEST_ERROR, PS_INGEST_ERROR_DAMAGED,
                   "cannot create an HTML parser");
      return FALSE;
    }
  /* Belt and braces: the options clear these, but a context-local no-op
   * keeps libxml2 quiet should a version keep one. */
  ctxt->sax->error = ignore_message;
  ctxt->sax->warning = ignore_message;
  xmlDoc *xml = htmlCtxtReadMemory (ctxt, text, (int) n, NULL, "UTF-8", parse_options);
  htmlFreeParserCtxt (ctxt);
  if (!xml)
    return TRUE; /* libxml2 found no document in it: no blocks */

  PsHtmlDom *dom = ps_html_dom_new (xml);
  if (dom->title)
    {
      xmlChar *t = xmlNodeGetContent (dom->title);
      g_autofree char *title = ps_text_flatten ((const char *) t);
      xmlFree (t);
      if (title && *title)
        doc->title = ps_doc_strdup (doc, title);
    }
  read_blocks (doc, xml);
  ps_html_dom_free (dom);
  xmlFreeDoc (xml);
  return TRUE;
}
