/* html_dom.c — one pass over the parsed tree that works out, per element,
 * everything the block walk needs: its kind, computed colours and
 * bold/italic (the cascade of html_css.c over the UA defaults and the
 * presentational attributes), whether it is page chrome or hidden, and its
 * position among its siblings for the xpath. */
#include "html_private.h"

#include <stdlib.h>
#include <string.h>

/* ---- the walk ---------------------------------------------------------- */

void
ps_html_walk (xmlNode *root, const PsHtmlWalker *w, gpointer data)
{
  xmlNode *node = root->children;
  while (node)
    {
      gboolean descend = FALSE;
      if (node->type == XML_ELEMENT_NODE)
        descend = w->enter ? w->enter (node, data) : TRUE;
      else if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) && w->text)
        w->text (node, data);
      if (descend && node->children)
        {
          node = node->children;
          continue;
        }
      if (descend && w->leave)
        w->leave (node, data);
      /* Climb until a next sibling, leaving each element on the way. */
      while (!node->next)
        {
          node = node->parent;
          if (!node || node == root)
            return;
          if (w->leave)
            w->leave (node, data);
        }
      node = node->next;
    }
}

/* ---- element kinds (the HTML rendering defaults) ----------------------- */

typedef struct
{
  const char *name;
  PsHtmlKind kind;
} KindEntry;

static const KindEntry kinds[] = {
  /* sorted by name for bsearch */
  { "address", PS_HTML_PARA },   { "article", PS_HTML_BLOCK },  { "aside", PS_HTML_BLOCK },
  { "blockquote", PS_HTML_BLOCK }, { "body", PS_HTML_BLOCK },   { "br", PS_HTML_BR },
  { "caption", PS_HTML_CAPTION }, { "center", PS_HTML_BLOCK },  { "col", PS_HTML_COLGROUP },
  { "colgroup", PS_HTML_COLGROUP }, { "dd", PS_HTML_PARA },     { "details", PS_HTML_BLOCK },
  { "dialog", PS_HTML_BLOCK },   { "dir", PS_HTML_LIST },       { "div", PS_HTML_BLOCK },
  { "dl", PS_HTML_BLOCK },       { "dt", PS_HTML_PARA },        { "fieldset", PS_HTML_BLOCK },
  { "figcaption", PS_HTML_PARA }, { "figure", PS_HTML_BLOCK },  { "footer", PS_HTML_BLOCK },
  { "form", PS_HTML_BLOCK },     { "h1", PS_HTML_HEADING },     { "h2", PS_HTML_HEADING },
  { "h3", PS_HTML_HEADING },     { "h4", PS_HTML_HEADING },     { "h5", PS_HTML_HEADING },
  { "h6", PS_HTML_HEADING },     { "header", PS_HTML_BLOCK },   { "hgroup", PS_HTML_BLOCK },
  { "hr", PS_HTML_HR },          { "html", PS_HTML_BLOCK },     { "legend", PS_HTML_PARA },
  { "li", PS_HTML_LI },          { "listing", PS_HTML_PARA },   { "main", PS_HTML_BLOCK },
  { "menu", PS_HTML_LIST },      { "nav", PS_HTML_BLOCK },      { "ol", PS_HTML_LIST },
  { "p", PS_HTML_PARA },         { "plaintext", PS_HTML_PARA }, { "pre", PS_HTML_PARA },
  { "search", PS_HTML_BLOCK },   { "section", PS_HTML_BLOCK },  { "summary", PS_HTML_PARA },
  { "table", PS_HTML_TABLE },    { "tbody", PS_HTML_ROWGROUP }, { "td", PS_HTML_CELL },
  { "tfoot", PS_HTML_ROWGROUP }, { "th", PS_HTML_CELL },        { "thead", PS_HTML_ROWGROUP },
  { "tr", PS_HTML_ROW },         { "ul", PS_HTML_LIST },        { "xmp", PS_HTML_PARA },
};

static int
compare_kind (const void *key, const void *entry)
{
  return strcmp (key, *(const char *const *) entry);
}

static PsHtmlKind
kind_of (const char *name)
{
  const void *e = bsearch (name, kinds, G_N_ELEMENTS (kinds), sizeof kinds[0], compare_kind);
  return e ? ((const KindEntry *) e)->kind : PS_HTML_INLINE;
}

static gboolean
name_in (const char *name, const char *const *list)
{
  for (; *list; list++)
    if (strcmp (name, *list) == 0)
      return TRUE;
  return FALSE;
}

/* Browsers' default style sheet, the part plansift reads. */
static const char *const bold_tags[] = { "b", "strong", "th", "h1", "h2", "h3",
                                         "h4", "h5", "h6", NULL };
static const char *const italic_tags[] = { "i", "em", "cite", "var", "dfn", "address", NULL };
static const char *const pre_tags[] = { "pre", "listing", "xmp", "plaintext", NULL };
/* Elements that scope <header>/<footer> to themselves: outside them a header
 * or footer is the page's banner or contentinfo. */
static const char *const sectioning_tags[] = { "article", "aside", "main", "nav", "section",
                                               NULL };
static const char *const sectioning_roles[] = { "article", "complementary", "main",
                                                "navigation", "region", NULL };
static const char *const bgcolor_tags[] = { "body", "table", "thead", "tbody", "tfoot",
                                            "tr", "td", "th", NULL };

/* ---- attributes -------------------------------------------------------- */

/* An attribute's value: (transfer full), or NULL. */
static char *
attr (const xmlNode *el, const char *name)
{
  return (char *) xmlGetNoNsProp (el, (const xmlChar *) name);
}

/* An attribute's first token, lower-cased: (transfer full), or NULL. */
static char *
attr_token (const xmlNode *el, const char *name)
{
  g_autofree char *v = attr (el, name);
  if (!v)
    return NULL;
  char *s = g_strstrip (v);
  gsize n = strcspn (s, " \t\n\r\f");
  return n ? g_ascii_strdown (s, (gssize) n) : NULL;
}

static const char *
attr_lower_interned (GStringChunk *strings, const xmlNode *el, const char *name)
{
  g_autofree char *v = attr (el, name);
  if (!v || !*g_strstrip (v))
    return NULL;
  g_autofree char *lower = g_ascii_strdown (v, -1);
  return g_string_chunk_insert (strings, lower);
}

/* ---- the pre-pass ------------------------------------------------------ */

typedef struct
{
  PsHtmlDom *dom;
  PsCssSheet *sheet;
  guint next;      /* next free PsHtmlNode */
  guint inert;     /* pass 1: depth inside noscript/template/svg */
  GPtrArray *styles; /* pass 1: <style> elements that apply */
  GPtrArray *open_tables; /* pass 2: PsHtmlNode* of the tables we are in */
  GPtrArray *children;    /* scratch for sibling positions */
  GHashTable *counts;     /* scratch for sibling positions */
} Prep;

static gboolean
style_applies (const xmlNode *el)
{
  g_autofree char *type = attr_token (el, "type");
  g_autofree char *media = attr (el, "media");
  if (type && strcmp (type, "text/css") != 0)
    return FALSE;
  if (!media || !*g_strstrip (media))
    return TRUE;
  g_auto (GStrv) parts = g_strsplit (media, ",", -1);
  for (char **p = parts; *p; p++)
    {
      char *m = g_strstrip (*p);
      if (g_ascii_strcasecmp (m, "screen") == 0 || g_ascii_strcasecmp (m, "all") == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_inert (const char *name)
{
  return strcmp (name, "noscript") == 0 || strcmp (name, "template") == 0
         || strcmp (name, "svg") == 0;
}

static gboolean
count_enter (xmlNode *el, gpointer data)
{
  Prep *p = data;
  const char *name = (const char *) el->name;
  p->dom->n_nodes++;
  if (is_inert (name))
    p->inert++;
  else if (!p->inert && strcmp (name, "style") == 0 && style_applies (el))
    g_ptr_array_add (p->styles, el);
  else if (!p->inert && !p->dom->title && strcmp (name, "title") == 0)
    p->dom->title = el;
  return TRUE;
}

static void
count_leave (xmlNode *el, gpointer data)
{
  Prep *p = data;
  if (is_inert ((const char *) el->name))
    p->inert--;
}

static void
apply_defaults (const xmlNode *el, PsCssCascade *c)
{
  const char *name = (const char *) el->name;
  PsCssDecls d = { 0 };
  if (name_in (name, bold_tags))
    d.set |= 1u << PS_CSS_BOLD, d.bold = TRUE;
  if (name_in (name, italic_tags))
    d.set |= 1u << PS_CSS_ITALIC, d.italic = TRUE;
  /* Presentational attributes rank below every style rule. */
  if (name_in (name, bgcolor_tags))
    {
      g_autofree char *bg = attr (el, "bgcolor");
      if (bg && ps_colour_parse (bg, &d.bg))
        d.set |= 1u << PS_CSS_BG;
    }
  g_autofree char *colour = strcmp (name, "font") == 0   ? attr (el, "color")
                            : strcmp (name, "body") == 0 ? attr (el, "text")
                                                         : NULL;
  if (colour && ps_colour_parse (colour, &d.colour))
    d.set |= 1u << PS_CSS_COLOUR;
  ps_css_cascade_apply (c, &d, 0);
}

static gboolean
is_true (char *v)
{
  return v && g_ascii_strcasecmp (g_strstrip (v), "true") == 0;
}

static gboolean
is_page (const char *name)
{
  return strcmp (name, "html") == 0 || strcmp (name, "body") == 0;
}

/* Kind and heading level; rows counted into the enclosing table. */
static void
classify (Prep *p, PsHtmlNode *info, const xmlNode *el, const char *role)
{
  const char *name = (const char *) el->name;
  info->kind = kind_of (name);
  if (role && strcmp (role, "heading") == 0 && info->kind != PS_HTML_TABLE)
    {
      g_autofree char *lv = attr (el, "aria-level");
      int level = lv ? atoi (lv) : 0;
      info->kind = PS_HTML_HEADING;
      info->level = (guint8) (level >= 1 && level <= 6 ? level : 2);
    }
  else if (info->kind == PS_HTML_HEADING)
    info->level = (guint8) (name[1] - '0');
  if (info->kind == PS_HTML_TABLE)
    {
      info->layout = role && (strcmp (role, "presentation") == 0 || strcmp (role, "none") == 0);
      g_ptr_array_add (p->open_tables, info);
    }
  else if (info->kind == PS_HTML_ROW && p->open_tables->len)
    ((PsHtmlNode *) g_ptr_array_index (p->open_tables, p->open_tables->len - 1))->rows++;
}

/* The cascade (defaults and attributes, the page's rules, the style
 * attribute) into c, and the computed colours and flags into info. */
static void
compute_style (Prep *p, PsHtmlNode *info, const PsHtmlNode *pinfo, const xmlNode *el,
               PsCssCascade *c)
{
  apply_defaults (el, c);
  if (p->sheet)
    ps_css_sheet_cascade (p->sheet, el, c);
  g_autofree char *style = attr (el, "style");
  if (style)
    {
      PsCssDecls d;
      ps_css_decls_parse (style, &d);
      ps_css_cascade_apply (c, &d, PS_CSS_PRIO_INLINE);
    }
  const PsCssDecls *v = &c->v;
  /* The page's own background is not a block's fill. */
  if (!is_page ((const char *) el->name))
    info->bg = (v->set & (1u << PS_CSS_BG)) && ps_colour_is_set (v->bg) ? v->bg
               : pinfo                                                  ? pinfo->bg
                                                                        : PS_COLOUR_NONE;
  info->colour = (v->set & (1u << PS_CSS_COLOUR)) ? v->colour
                 : pinfo                          ? pinfo->colour
                                                  : PS_COLOUR_NONE;
  gboolean bold = (v->set & (1u << PS_CSS_BOLD)) ? v->bold
                  : pinfo                        ? (pinfo->flags & PS_TEXT_BOLD) != 0
                                                 : FALSE;
  gboolean italic = (v->set & (1u << PS_CSS_ITALIC)) ? v->italic
                    : pinfo                          ? (pinfo->flags & PS_TEXT_ITALIC) != 0
                                                     : FALSE;
  info->flags = (guint8) ((bold ? PS_TEXT_BOLD : 0) | (italic ? PS_TEXT_ITALIC : 0));
}

/* Is prop declared with value TRUE, and from where: *inline_decl says the
 * winning declaration is the element's own style attribute. */
static gboolean
css_flag (const PsCssCascade *c, int prop, gboolean value, gboolean *inline_decl)
{
  if (!(c->v.set & (1u << prop)) || !value)
    return FALSE;
  *inline_decl = *inline_decl || (c->prio[prop] & PS_CSS_PRIO_INLINE) != 0;
  return TRUE;
}

/* Whether the element is left out: hard (never content, or hidden on the
 * element itself) or soft (chrome, unless it turns out to hold main
 * content: decided when leaving it, in info_leave). */
static void
decide_skip (PsHtmlNode *info, const xmlNode *el, const char *role, const PsCssCascade *c)
{
  const char *name = (const char *) el->name;
  g_autofree char *hidden = attr (el, "hidden");
  g_autofree char *aria_hidden = attr (el, "aria-hidden");
  gboolean hard = ps_html_skip_tag (name)
                  || (hidden && g_ascii_strcasecmp (g_strstrip (hidden), "until-found") != 0)
                  || (strcmp (name, "dialog") == 0 && !xmlHasProp (el, (const xmlChar *) "open"))
                  || ps_html_skip_words (info->id, info->cls, TRUE);
  /* An inline display:none is explicit.  A style sheet's also hides
   * collapsed accordions and inactive tabs, which may hold the plan, so it
   * yields to main content, like the chrome words do. */
  gboolean inline_decl = FALSE;
  /* "|", not "||": both declarations are looked at. */
  gboolean css_hidden = css_flag (c, PS_CSS_NONE, c->v.none, &inline_decl)
                        | css_flag (c, PS_CSS_HIDDEN, c->v.hidden, &inline_decl);
  hard = hard || (css_hidden && inline_decl);
  gboolean soft = css_hidden || is_true (aria_hidden) || ps_html_skip_role (role)
                  || (ps_html_skip_container (name)
                      && ps_html_skip_words (info->id, info->cls, FALSE))
                  || ((strcmp (name, "header") == 0 || strcmp (name, "footer") == 0)
                      && !info->sectioned);
  /* Pages that hide themselves until a script has run still show their
   * content once it has: <html> and <body> are never left out. */
  info->skip = hard && !is_page (name);
  info->soft_skip = soft && !is_page (name);
  info->guarded = ps_html_skip_guard (name) || ps_html_skip_guard_role (role);
}

static gboolean
info_enter (xmlNode *el, gpointer data)
{
  Prep *p = data;
  PsHtmlNode *info = &p->dom->nodes[p->next++];
  const char *name = (const char *) el->name;
  const xmlNode *parent = el->parent;
  const PsHtmlNode *pinfo = parent && parent->type == XML_ELEMENT_NODE ? ps_html_node (parent)
                                                                       : NULL;
  el->_private = info;
  info->id = attr_lower_interned (p->dom->strings, el, "id");
  info->cls = attr_lower_interned (p->dom->strings, el, "class");
  info->index = info->count = 1;
  g_autofree char *role = attr_token (el, "role");
  classify (p, info, el, role);

  /* Inherited state. */
  info->pre = (pinfo && pinfo->pre) || name_in (name, pre_tags);
  info->sectioning = name_in (name, sectioning_tags) || (role && name_in (role, sectioning_roles));
  info->sectioned = pinfo && (pinfo->sectioned || pinfo->sectioning);
  info->thead = info->kind != PS_HTML_TABLE
                && ((pinfo && pinfo->thead) || strcmp (name, "thead") == 0);

  PsCssCascade c = { 0 };
  compute_style (p, info, pinfo, el, &c);
  decide_skip (info, el, role, &c);
  return TRUE;
}

/* Positions of parent's element children among same-name siblings. */
static void
number_children (Prep *p, xmlNode *parent)
{
  g_ptr_array_set_size (p->children, 0);
  for (xmlNode *c = parent->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && c->_private)
      g_ptr_array_add (p->children, c);
  guint n = p->children->len;
  if (n < 2)
    return;
  g_hash_table_remove_all (p->counts);
  for (guint i = 0; i < n; i++)
    {
      xmlNode *c = g_ptr_array_index (p->children, i);
      guint k = GPOINTER_TO_UINT (g_hash_table_lookup (p->counts, c->name)) + 1;
      g_hash_table_insert (p->counts, (gpointer) c->name, GUINT_TO_POINTER (k));
      ps_html_node (c)->index = k;
    }
  for (guint i = 0; i < n; i++)
    {
      xmlNode *c = g_ptr_array_index (p->children, i);
      ps_html_node (c)->count = GPOINTER_TO_UINT (g_hash_table_lookup (p->counts, c->name));
    }
}

/* A table with this many rows is content, whatever its container is called. */
#define GUARD_TABLE_ROWS 4

static void
info_leave (xmlNode *el, gpointer data)
{
  Prep *p = data;
  PsHtmlNode *info = ps_html_node (el);
  if (info->kind == PS_HTML_TABLE)
    {
      g_ptr_array_set_size (p->open_tables, p->open_tables->len - 1);
      if (info->rows >= GUARD_TABLE_ROWS)
        info->guarded = TRUE;
      if (p->open_tables->len)
        {
          PsHtmlNode *outer = g_ptr_array_index (p->open_tables, p->open_tables->len - 1);
          outer->nested_rows = MAX (outer->nested_rows, info->rows);
        }
    }
  if (info->soft_skip && !info->guarded)
    info->skip = TRUE;
  if (el->parent && el->parent->type == XML_ELEMENT_NODE && info->guarded)
    ps_html_node (el->parent)->guarded = TRUE;
  number_children (p, el);
}

PsHtmlDom *
ps_html_dom_new (xmlDoc *xml)
{
  PsHtmlDom *dom = g_new0 (PsHtmlDom, 1);
  dom->strings = g_string_chunk_new (4096);
  Prep p = { 0 };
  p.dom = dom;
  p.styles = g_ptr_array_new ();
  p.open_tables = g_ptr_array_new ();
  p.children = g_ptr_array_new ();
  p.counts = g_hash_table_new (g_str_hash, g_str_equal);

  static const PsHtmlWalker count = { count_enter, count_leave, NULL };
  ps_html_walk ((xmlNode *) xml, &count, &p);

  if (p.styles->len)
    {
      p.sheet = ps_css_sheet_new ();
      for (guint i = 0; i < p.styles->len; i++)
        {
          xmlChar *css = xmlNodeGetContent (g_ptr_array_index (p.styles, i));
          ps_css_sheet_parse (p.sheet, (const char *) css);
          xmlFree (css);
        }
    }

  dom->nodes = g_new0 (PsHtmlNode, MAX (dom->n_nodes, 1));
  static const PsHtmlWalker info = { info_enter, info_leave, NULL };
  ps_html_walk ((xmlNode *) xml, &info, &p);
  number_children (&p, (xmlNode *) xml);

  ps_css_sheet_free (p.sheet);
  g_ptr_array_unref (p.styles);
  g_ptr_array_unref (p.open_tables);
  g_ptr_array_unref (p.children);
  g_hash_table_unref (p.counts);
  return dom;
}

void
ps_html_dom_free (PsHtmlDom *dom)
{
  if (!dom)
    return;
  g_free (dom->nodes);
  g_string_chunk_free (dom->strings);
  g_free (dom);
}

char *
ps_html_xpath (const xmlNode *el)
{
  g_autoptr (GPtrArray) steps = g_ptr_array_new ();
  for (const xmlNode *n = el; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    g_ptr_array_add (steps, (gpointer) n);
  GString *path = g_string_new (NULL);
  for (guint i = steps->len; i-- > 0;)
    {
      const xmlNode *n = g_ptr_array_index (steps, i);
      const PsHtmlNode *info = ps_html_node (n);
      g_string_append_c (path, '/');
      g_string_append (path, (const char *) n->name);
      if (info && info->count > 1)
        g_string_append_printf (path, "[%u]", info->index);
    }
  return g_string_free (path, FALSE);
}
