/* html_private.h — shared by the html_*.c files of ingest/ only.
 *
 * The HTML reader in five steps:
 *   html_charset.c  bytes → valid UTF-8 (BOM, <meta> charset, UTF-8 or
 *                   windows-1252 for undeclared bytes);
 *   html_ingest.c   libxml2 parses it and the flow walk turns the DOM into
 *                   blocks;
 *   html_dom.c      one pass first computes, per element, what the walks
 *                   need: its kind, computed colours and bold/italic (with
 *                   html_css.c), whether it is page chrome (with
 *                   html_skip.c) and its position for the xpath;
 *   html_text.c     collects the text of a heading, cell or caption;
 *   html_table.c    lays a <table> out on its grid.
 *
 * Every walk is iterative (libxml2's own limit stops nesting at 256 levels,
 * but nothing here depends on it). */
#ifndef PS_HTML_PRIVATE_H
#define PS_HTML_PRIVATE_H

#include <glib.h>
#include <libxml/tree.h>

#include "ingest_private.h"

G_BEGIN_DECLS

/* ---- html_charset.c ---------------------------------------------------- */

/* The document as valid UTF-8 without NULs or C0 controls other than tab and
 * line breaks, whatever its encoding: (transfer full), length in *out_len. */
char *ps_html_decode (const guint8 *data, gsize len, gsize *out_len);

/* The character windows-1252 gives byte b (0x80–0x9F), or 0 where it has
 * none.  Also used to repair C1 controls that numeric references produce. */
gunichar ps_html_cp1252 (guint8 b);

/* ---- html_css.c -------------------------------------------------------- */

/* The CSS properties plansift reads. */
enum
{
  PS_CSS_BG,         /* background-color, or the colour in background */
  PS_CSS_COLOUR,     /* color */
  PS_CSS_BOLD,       /* font-weight (or the font shorthand) */
  PS_CSS_ITALIC,     /* font-style (or the font shorthand) */
  PS_CSS_NONE,       /* display: none */
  PS_CSS_HIDDEN,     /* visibility: hidden */
  PS_CSS_N_PROPS
};

/* A declaration block: which properties it sets, which of them carry
 * !important, and their values (a set bg may be PS_COLOUR_NONE: transparent). */
typedef struct
{
  guint set;
  guint important;
  PsColour bg, colour;
  gboolean bold, italic, none, hidden;
} PsCssDecls;

/* The winning declaration for each property on one element, and its
 * priority: important, inline, specificity, source order (most significant
 * first), so that a plain >= comparison is the cascade. */
typedef struct
{
  PsCssDecls v;
  guint64 prio[PS_CSS_N_PROPS];
} PsCssCascade;

#define PS_CSS_PRIO_IMPORTANT (G_GUINT64_CONSTANT (1) << 63)
#define PS_CSS_PRIO_INLINE (G_GUINT64_CONSTANT (1) << 62)

/* Parses "prop: value; …" (a style attribute or a rule body) into *out. */
void ps_css_decls_parse (const char *text, PsCssDecls *out);

/* Lets each property of d win over c's where prio (plus the important bit of
 * that declaration) is at least as high. */
void ps_css_cascade_apply (PsCssCascade *c, const PsCssDecls *d, guint64 prio);

/* The rules of a page's <style> sheets, indexed for matching. */
typedef struct PsCssSheet PsCssSheet;

PsCssSheet *ps_css_sheet_new (void);
void ps_css_sheet_free (PsCssSheet *sheet);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsCssSheet, ps_css_sheet_free)
/* Adds the rules of one sheet; later sheets come later in source order. */
void ps_css_sheet_parse (PsCssSheet *sheet, const char *text);
/* Number of selectors kept (the rest use features plansift ignores). */
guint ps_css_sheet_n_selectors (const PsCssSheet *sheet);
/* Applies every rule matching el to c.  el and its ancestors must already
 * carry their PsHtmlNode (id and class). */
void ps_css_sheet_cascade (const PsCssSheet *sheet, const xmlNode *el, PsCssCascade *c);

/* ---- html_dom.c -------------------------------------------------------- */

/* What an element is to the walks. */
typedef enum
{
  PS_HTML_INLINE = 0, /* text flows through it (also unknown elements) */
  PS_HTML_BLOCK,      /* div, section, …: a block boundary */
  PS_HTML_PARA,       /* p, dt, dd, pre, …: a paragraph of its own */
  PS_HTML_HEADING,    /* h1–h6, role=heading */
  PS_HTML_LIST,       /* ul, ol, menu */
  PS_HTML_LI,
  PS_HTML_TABLE,
  PS_HTML_ROWGROUP,   /* thead, tbody, tfoot */
  PS_HTML_ROW,
  PS_HTML_CELL,
  PS_HTML_CAPTION,
  PS_HTML_COLGROUP,   /* colgroup, col */
  PS_HTML_BR,
  PS_HTML_HR,
} PsHtmlKind;

/* What the walks need to know about one element, computed once by
 * ps_html_dom_new and hung on the element's _private pointer. */
typedef struct
{
  const char *id;     /* lower-cased id attribute, or NULL */
  const char *cls;    /* lower-cased class attribute, or NULL */
  guint index;        /* 1-based among element siblings of the same name */
  guint count;        /* element siblings of the same name, itself included */
  PsColour bg;        /* background behind its text: its own, else the
                         nearest ancestor's below <body> */
  PsColour colour;    /* computed text colour */
  guint rows;         /* table: rows whose nearest table this is */
  guint nested_rows;  /* table: most rows of a table nested in its cells */
  guint8 kind;        /* PsHtmlKind */
  guint8 level;       /* heading level 1–6 */
  guint8 flags;       /* computed PS_TEXT_BOLD | PS_TEXT_ITALIC */
  guint8 skip : 1;    /* not content: the element and its subtree are left out */
  guint8 pre : 1;     /* inside <pre>: line breaks in its text are kept */
  guint8 guarded : 1; /* holds main content: never skipped as chrome */
  guint8 soft_skip : 1; /* chrome unless guarded (decided on leaving it) */
  guint8 sectioning : 1; /* article, aside, main, nav, section or their roles */
  guint8 sectioned : 1; /* has a sectioning ancestor */
  guint8 layout : 1;  /* table: marked presentational (role=presentation|none) */
  guint8 thead : 1;   /* inside a <thead> */
} PsHtmlNode;

static inline PsHtmlNode *
ps_html_node (const xmlNode *el)
{
  return (PsHtmlNode *) el->_private;
}

typedef struct
{
  PsHtmlNode *nodes;     /* one per element, in document order */
  guint n_nodes;
  GStringChunk *strings; /* ids and classes */
  xmlNode *title;        /* the first <title>, or NULL */
} PsHtmlDom;

/* Computes every element's PsHtmlNode and points its _private at it.
 * The dom must be freed before xml. */
PsHtmlDom *ps_html_dom_new (xmlDoc *xml);
void ps_html_dom_free (PsHtmlDom *dom);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsHtmlDom, ps_html_dom_free)

/* The element's positional path, /html/body/table[2]/tbody/tr[3]/td[1]; a
 * step has an index only when it has same-name siblings: (transfer full). */
char *ps_html_xpath (const xmlNode *el);

/* An iterative depth-first walk over root's descendants (not root itself).
 * enter returns TRUE to walk into an element's children, after which leave
 * is called for it; text is called for text and CDATA nodes.  Any callback
 * may be NULL. */
typedef struct
{
  gboolean (*enter) (xmlNode *el, gpointer data);
  void (*leave) (xmlNode *el, gpointer data);
  void (*text) (xmlNode *node, gpointer data);
} PsHtmlWalker;

void ps_html_walk (xmlNode *root, const PsHtmlWalker *walker, gpointer data);

/* ---- html_skip.c: the chrome vocabulary of data/html_skip.tsv ---------- */

/* Elements never content (script, style, nav, …). */
gboolean ps_html_skip_tag (const char *name);
/* ARIA roles of page chrome (navigation, banner, …). */
gboolean ps_html_skip_role (const char *role);
/* Block containers whose id/class may name them chrome. */
gboolean ps_html_skip_container (const char *name);
/* Does the id or class name chrome?  any: words that mark non-content on
 * any element (skip links, visually hidden text); otherwise the words for
 * containers (cookie, breadcrumb, menu, …). */
gboolean ps_html_skip_words (const char *id, const char *cls, gboolean any);
/* Elements whose presence keeps an ancestor from being skipped (main, h1). */
gboolean ps_html_skip_guard (const char *name);
/* Roles with the same effect (main). */
gboolean ps_html_skip_guard_role (const char *role);

/* ---- html_text.c ------------------------------------------------------- */

/* Text being gathered for one block or cell, with what is common to all of
 * it: bold/italic, text colour and the background behind it. */
typedef struct
{
  GString *buf;
  gboolean has_text;  /* some non-space text was added */
  guint flags;        /* AND of the flags of every text run */
  PsColour colour;    /* common text colour, when not mixed */
  PsColour bg;        /* common background of the runs, when not mixed */
  gboolean colour_mixed, bg_mixed;
} PsHtmlText;

void ps_html_text_init (PsHtmlText *t);
void ps_html_text_clear (PsHtmlText *t);
/* Adds a text node: whitespace becomes spaces (line breaks too, unless
 * keep_breaks), C1 controls become what windows-1252 meant. */
void ps_html_text_add (PsHtmlText *t, const xmlNode *node, gboolean keep_breaks);
/* A line break (or a space when lines are being flattened). */
void ps_html_text_break (PsHtmlText *t);
/* The text collapsed (ps_text_collapse): (transfer full). */
char *ps_html_text_finish (const PsHtmlText *t);

/* Adds everything under root (not root's own boundaries): block elements
 * and <br> are line breaks, list items one line each, a nested table one
 * line per row with its cells joined by " | ", chrome and hidden elements
 * left out. */
void ps_html_text_collect (PsHtmlText *t, xmlNode *root);

/* ---- html_table.c ------------------------------------------------------ */

/* Adds the table as a block (after its caption as a paragraph) and returns
 * TRUE, or returns FALSE without adding anything when it is a layout table,
 * whose contents the caller walks as blocks. */
gboolean ps_html_table_add (PsDoc *doc, xmlNode *table);

/* ---- html_ingest.c ----------------------------------------------------- */

/* Fill and text colour of a block or cell: the element's background, else
 * the one common to all its text; the colour common to all its text. */
void ps_html_block_style (const xmlNode *el, const PsHtmlText *t, guint *flags, PsColour *fill,
                          PsColour *colour);

G_END_DECLS

#endif /* PS_HTML_PRIVATE_H */
