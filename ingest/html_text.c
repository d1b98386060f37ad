/* html_text.c — the text of one block or cell, as a browser lays it out:
 * whitespace collapsed, but <br> and block boundaries (<p>, <div>, <li>,
 * <h*>) kept as line breaks, and what all of it has in common (bold, italic,
 * colour, background) noted on the way. */
#include "html_private.h"

#include <string.h>

#include "ps_text.h"

void
ps_html_text_init (PsHtmlText *t)
{
  memset (t, 0, sizeof *t);
  t->buf = g_string_new (NULL);
  t->flags = PS_TEXT_BOLD | PS_TEXT_ITALIC;
}

void
ps_html_text_clear (PsHtmlText *t)
{
  if (t->buf)
    g_string_free (t->buf, TRUE);
  memset (t, 0, sizeof *t);
}

/* Characters that show nothing: they neither make a block nor decide its
 * style. */
static gboolean
is_blank_char (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x200B || c == 0xFEFF || c == 0x00AD
         || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
}

static gboolean
is_blank (const char *s, gsize len)
{
  const char *end = s + len;
  for (const char *p = s; p < end; p = g_utf8_next_char (p))
    if (!is_blank_char (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

void
ps_html_text_add (PsHtmlText *t, const xmlNode *node, gboolean keep_breaks)
{
  const char *s = (const char *) node->content;
  if (!s || !*s)
    return;
  gboolean visible = FALSE;
  const char *end = s + strlen (s);
  for (const char *p = s; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++; /* cannot happen after decoding, but never trust it */
          continue;
        }
      p = g_utf8_next_char (p);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
        g_string_append_c (t->buf, keep_breaks && (c == '\n' || c == '\r') ? '\n' : ' ');
      else if (c >= 0x80 && c < 0xA0)
        {
          /* "&#150;" means what windows-1252 puts at 150, as browsers read it. */
          gunichar w = ps_html_cp1252 ((guint8) c);
          if (w)
            g_string_append_unichar (t->buf, w);
        }
      else
        {
          g_string_append_unichar (t->buf, c);
          visible = visible || !is_blank_char (c);
        }
    }
  if (!visible)
    return;
  const xmlNode *parent = node->parent;
  const PsHtmlNode *info = parent && parent->type == XML_ELEMENT_NODE ? ps_html_node (parent)
                                                                      : NULL;
  PsColour colour = info ? info->colour : PS_COLOUR_NONE;
  PsColour bg = info ? info->bg : PS_COLOUR_NONE;
  guint flags = info ? info->flags : 0;
  if (!t->has_text)
    {
      t->colour = colour;
      t->bg = bg;
    }
  else
    {
      t->colour_mixed = t->colour_mixed || memcmp (&t->colour, &colour, sizeof colour) != 0;
      t->bg_mixed = t->bg_mixed || memcmp (&t->bg, &bg, sizeof bg) != 0;
    }
  t->flags &= flags;
  t->has_text = TRUE;
}

void
ps_html_text_break (PsHtmlText *t)
{
  g_string_append_c (t->buf, '\n');
}

char *
ps_html_text_finish (const PsHtmlText *t)
{
  return ps_text_collapse (t->buf->str);
}

/* ---- collecting a subtree ---------------------------------------------- */

/* Per level of table nesting below the root: where the current cell began
 * (before and after its " | " separator), and whether the row so far has
 * text, so empty nested cells leave no separators behind. */
typedef struct
{
  gsize cell_start, cell_text;
  gboolean has_content;
} NestLevel;

typedef struct
{
  PsHtmlText *t;
  guint nested;    /* tables entered below the root */
  GArray *levels;  /* NestLevel, index = nesting depth */
} Collect;

static NestLevel *
level (Collect *c)
{
  if (c->levels->len <= c->nested)
    g_array_set_size (c->levels, c->nested + 1);
  return &g_array_index (c->levels, NestLevel, c->nested);
}

/* A block boundary: a line break, or a space inside a nested table, whose
 * rows are the only lines it makes. */
static void
boundary (Collect *c)
{
  g_string_append_c (c->t->buf, c->nested ? ' ' : '\n');
}

static gboolean
collect_enter (xmlNode *el, gpointer data)
{
  Collect *c = data;
  const PsHtmlNode *info = ps_html_node (el);
  if (info->skip)
    return FALSE;
  switch ((PsHtmlKind) info->kind)
    {
    case PS_HTML_INLINE:
    case PS_HTML_COLGROUP:
    case PS_HTML_ROWGROUP:
      return TRUE;
    case PS_HTML_TABLE:
      boundary (c);
      c->nested++;
      level (c)->has_content = FALSE;
      return TRUE;
    case PS_HTML_ROW:
      if (c->nested == 1)
        {
          ps_html_text_break (c->t);
          level (c)->has_content = FALSE;
        }
      else if (c->nested == 0)
        boundary (c);
      return TRUE;
    case PS_HTML_CELL:
      if (c->nested == 0)
        {
          boundary (c);
          return TRUE;
        }
      {
        NestLevel *l = level (c);
        l->cell_start = c->t->buf->len;
        if (l->has_content)
          g_string_append (c->t->buf, " | ");
        l->cell_text = c->t->buf->len;
      }
      return TRUE;
    case PS_HTML_CAPTION:
      if (c->nested == 1)
        ps_html_text_break (c->t);
      else
        boundary (c);
      return TRUE;
    case PS_HTML_BR:
    case PS_HTML_HR:
      boundary (c);
      return FALSE;
    case PS_HTML_BLOCK:
    case PS_HTML_PARA:
    case PS_HTML_HEADING:
    case PS_HTML_LIST:
    case PS_HTML_LI:
    default:
      boundary (c);
      return TRUE;
    }
}

static void
collect_leave (xmlNode *el, gpointer data)
{
  Collect *c = data;
  switch ((PsHtmlKind) ps_html_node (el)->kind)
    {
    case PS_HTML_INLINE:
    case PS_HTML_COLGROUP:
    case PS_HTML_ROWGROUP:
      break;
    case PS_HTML_TABLE:
      c->nested--;
      boundary (c);
      break;
    case PS_HTML_ROW:
      if (c->nested == 1)
        ps_html_text_break (c->t);
      else if (c->nested == 0)
        boundary (c);
      break;
    case PS_HTML_CELL:
      if (c->nested == 0)
        boundary (c);
      else
        {
          NestLevel *l = level (c);
          GString *buf = c->t->buf;
          if (l->cell_text <= buf->len
              && is_blank (buf->str + l->cell_text, buf->len - l->cell_text))
            g_string_truncate (buf, l->cell_start);
          else
            l->has_content = TRUE;
        }
      break;
    case PS_HTML_CAPTION:
      if (c->nested == 1)
        ps_html_text_break (c->t);
      else
        boundary (c);
      break;
    default:
      boundary (c);
      break;
    }
}

static void
collect_text (xmlNode *node, gpointer data)
{
  Collect *c = data;
  const xmlNode *parent = node->parent;
  gboolean pre = parent && parent->type == XML_ELEMENT_NODE && ps_html_node (parent)->pre;
  ps_html_text_add (c->t, node, pre && c->nested == 0);
}

void
ps_html_text_collect (PsHtmlText *t, xmlNode *root)
{
  Collect c = { t, 0, g_array_new (FALSE, TRUE, sizeof (NestLevel)) };
  static const PsHtmlWalker walker = { collect_enter, collect_leave, collect_text };
  ps_html_walk (root, &walker, &c);
  g_array_unref (c.levels);
}
