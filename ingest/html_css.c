/* html_css.c — the little CSS plansift needs: colours (a RAG status is often
 * only a cell's background), bold/italic and hiding, from style attributes
 * and the page's own <style> sheets.
 *
 * Rules are `selector[, selector] { declarations }` with simple selectors
 * (tag, .class, #id, tag.class, *) joined by descendant combinators;
 * specificity and source order decide, !important is honoured, comments are
 * skipped, @media bodies for screen/all are read as if top level and other
 * at-rules are skipped.  A selector with anything else (attributes,
 * pseudo-classes, sibling combinators) is dropped: it would otherwise match
 * more than it should.  A child combinator is read as a descendant one: that
 * can only widen a match, and keeps matching greedy and linear. */
#include "html_private.h"

#include <string.h>

#define MAX_COMPOUNDS 8 /* compounds in one selector */
#define MAX_CLASSES 4   /* classes in one compound */
#define MAX_NESTING 4   /* @media inside @media … */

typedef struct
{
  const char *tag; /* NULL: any */
  const char *id;  /* NULL: none required */
  const char *classes[MAX_CLASSES];
  guint n_classes;
} Compound;

typedef struct
{
  Compound parts[MAX_COMPOUNDS]; /* left to right */
  guint n_parts;
  guint64 prio;                  /* specificity and source order */
  guint decls;                   /* index into sheet->decls */
} Selector;

struct PsCssSheet
{
  GArray *selectors;     /* Selector */
  GArray *decls;         /* PsCssDecls */
  GStringChunk *strings; /* tags, ids, classes */
  GHashTable *by_id, *by_class, *by_tag; /* key → GArray of selector index */
  GArray *universal;     /* selector indices with no key */
  guint order;           /* rules seen so far */
};

/* ---- declarations ------------------------------------------------------ */

/* Splits a value on top-level whitespace (not inside parentheses or quotes). */
static GPtrArray *
split_value (const char *value)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  const char *p = value;
  while (*p)
    {
      while (g_ascii_isspace (*p) || *p == ',')
        p++;
      if (!*p)
        break;
      const char *start = p;
      int depth = 0;
      char quote = 0;
      while (*p && (quote || depth > 0 || (!g_ascii_isspace (*p) && *p != ',')))
        {
          if (quote)
            {
              if (*p == '\\' && p[1])
                p++;
              else if (*p == quote)
                quote = 0;
            }
          else if (*p == '"' || *p == '\'')
            quote = *p;
          else if (*p == '(')
            depth++;
          else if (*p == ')' && depth > 0)
            depth--;
          p++;
        }
      g_ptr_array_add (tokens, g_strndup (start, (gsize) (p - start)));
    }
  return tokens;
}

static gboolean
is_reset_keyword (const char *v)
{
  static const char *const words[] = { "transparent", "inherit", "initial", "unset",
                                       "revert", "none" };
  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strcasecmp (v, words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* background-color, or the colour inside the background shorthand.  An image
 * or gradient is not a colour; the shorthand without a colour resets it. */
static gboolean
parse_background (const char *value, gboolean shorthand, PsColour *out)
{
  *out = PS_COLOUR_NONE;
  if (!shorthand)
    return ps_colour_parse (value, out) || is_reset_keyword (value);
  g_autoptr (GPtrArray) tokens = split_value (value);
  for (guint i = 0; i < tokens->len; i++)
    if (ps_colour_parse (g_ptr_array_index (tokens, i), out))
      return TRUE;
  return TRUE;
}

static gboolean
weight_is_bold (const char *v, gboolean *bold)
{
  if (g_ascii_strcasecmp (v, "bold") == 0 || g_ascii_strcasecmp (v, "bolder") == 0)
    *bold = TRUE;
  else if (g_ascii_strcasecmp (v, "normal") == 0 || g_ascii_strcasecmp (v, "lighter") == 0)
    *bold = FALSE;
  else if (g_ascii_isdigit (v[0]))
    {
      char *end;
      double w = g_ascii_strtod (v, &end);
      if (*end)
        return FALSE;
      *bold = w >= 600;
    }
  else
    return FALSE;
  return TRUE;
}

static gboolean
style_is_italic (const char *v, gboolean *italic)
{
  if (g_ascii_strcasecmp (v, "italic") == 0 || g_ascii_strncasecmp (v, "oblique", 7) == 0)
    *italic = TRUE;
  else if (g_ascii_strcasecmp (v, "normal") == 0)
    *italic = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* Marks prop as declared; FALSE (and nothing changes) when an earlier
 * declaration of the same block is !important and this one is not — within
 * a block, a later declaration otherwise wins. */
static gboolean
set_prop (PsCssDecls *d, int prop, gboolean important)
{
  guint bit = 1u << prop;
  if ((d->important & bit) && !important)
    return FALSE;
  d->set |= bit;
  if (important)
    d->important |= bit;
  return TRUE;
}

static void
add_declaration (PsCssDecls *d, const char *name, char *value)
{
  gboolean important = FALSE;
  char *bang = strrchr (value, '!');
  if (bang && g_ascii_strcasecmp (g_strstrip (bang + 1), "important") == 0)
    {
      *bang = '\0';
      important = TRUE;
    }
  g_strstrip (value);
  /* A custom property cannot be resolved here, and "font: inherit" names
   * nothing: either way the inherited or earlier value stands. */
  if (!*value || strstr (value, "var(")
      || (strcmp (name, "font") == 0 && is_reset_keyword (value)))
    return;

  PsColour c;
  gboolean flag;
  if (strcmp (name, "background-color") == 0 || strcmp (name, "background") == 0)
    {
      if (parse_background (value, name[10] == '\0', &c) && set_prop (d, PS_CSS_BG, important))
        d->bg = c;
    }
  else if (strcmp (name, "color") == 0)
    {
      /* inherit, currentColor, var(): not a colour, so the inherited one stays. */
      if (ps_colour_parse (value, &c) && set_prop (d, PS_CSS_COLOUR, important))
        d->colour = c;
    }
  else if (strcmp (name, "font-weight") == 0)
    {
      if (weight_is_bold (value, &flag) && set_prop (d, PS_CSS_BOLD, important))
        d->bold = flag;
    }
  else if (strcmp (name, "font-style") == 0)
    {
      if (style_is_italic (value, &flag) && set_prop (d, PS_CSS_ITALIC, important))
        d->italic = flag;
    }
  else if (strcmp (name, "font") == 0)
    {
      /* The shorthand resets weight and style to normal unless it names them. */
      gboolean bold = FALSE, italic = FALSE;
      g_autoptr (GPtrArray) tokens = split_value (value);
      for (guint i = 0; i < tokens->len; i++)
        {
          const char *t = g_ptr_array_index (tokens, i);
          if (t[0] == '"' || t[0] == '\'')
            break; /* the family list has begun */
          if (strspn (t, "0123456789") == strlen (t) || g_ascii_isalpha (t[0]))
            {
              if (weight_is_bold (t, &flag))
                bold = bold || flag;
              else if (style_is_italic (t, &flag))
                italic = italic || flag;
            }
        }
      if (set_prop (d, PS_CSS_BOLD, important))
        d->bold = bold;
      if (set_prop (d, PS_CSS_ITALIC, important))
        d->italic = italic;
    }
  else if (strcmp (name, "display") == 0)
    {
      if (set_prop (d, PS_CSS_NONE, important))
        d->none = g_ascii_strcasecmp (value, "none") == 0;
    }
  else if (strcmp (name, "visibility") == 0)
    {
      if (set_prop (d, PS_CSS_HIDDEN, important))
        d->hidden = g_ascii_strcasecmp (value, "hidden") == 0
                    || g_ascii_strcasecmp (value, "collapse") == 0;
    }
}

/* Index past a quoted string starting at s[i] (the quote). */
static gsize
skip_string (const char *s, gsize i, gsize n)
{
  char q = s[i++];
  while (i < n && s[i] != q)
    {
      if (s[i] == '\\' && i + 1 < n)
        i++;
      i++;
    }
  return i < n ? i + 1 : n;
}

void
ps_css_decls_parse (const char *text, PsCssDecls *out)
{
  memset (out, 0, sizeof *out);
  if (!text)
    return;
  gsize n = strlen (text), i = 0;
  while (i < n)
    {
      gsize start = i;
      int depth = 0;
      while (i < n && (text[i] != ';' || depth > 0))
        {
          if (text[i] == '"' || text[i] == '\'')
            {
              i = skip_string (text, i, n);
              continue;
            }
          if (text[i] == '(')
            depth++;
          else if (text[i] == ')' && depth > 0)
            depth--;
          i++;
        }
      g_autofree char *decl = g_strndup (text + start, i - start);
      i++;
      char *colon = strchr (decl, ':');
      if (!colon)
        continue;
      *colon = '\0';
      char *name = g_strstrip (decl);
      for (char *c = name; *c; c++)
        *c = g_ascii_tolower (*c);
      add_declaration (out, name, colon + 1);
    }
}

void
ps_css_cascade_apply (PsCssCascade *c, const PsCssDecls *d, guint64 prio)
{
  for (int p = 0; p < PS_CSS_N_PROPS; p++)
    {
      guint bit = 1u << p;
      if (!(d->set & bit))
        continue;
      guint64 pr = prio | ((d->important & bit) ? PS_CSS_PRIO_IMPORTANT : 0);
      if ((c->v.set & bit) && pr < c->prio[p])
        continue;
      c->v.set |= bit;
      c->prio[p] = pr;
      switch (p)
        {
        case PS_CSS_BG: c->v.bg = d->bg; break;
        case PS_CSS_COLOUR: c->v.colour = d->colour; break;
        case PS_CSS_BOLD: c->v.bold = d->bold; break;
        case PS_CSS_ITALIC: c->v.italic = d->italic; break;
        case PS_CSS_NONE: c->v.none = d->none; break;
        case PS_CSS_HIDDEN: c->v.hidden = d->hidden; break;
        default: break;
        }
    }
}

/* ---- selectors --------------------------------------------------------- */

static gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || (guint8) c >= 0x80;
}

static const char *
intern_lower (PsCssSheet *sheet, const char *s, gsize n)
{
  char buf[128];
  g_autofree char *big = NULL;
  char *t = n < sizeof buf ? buf : (big = g_malloc (n + 1));
  for (gsize i = 0; i < n; i++)
    t[i] = g_ascii_tolower (s[i]);
  t[n] = '\0';
  return g_string_chunk_insert_const (sheet->strings, t);
}

/* Parses one selector; FALSE when it uses anything unsupported. */
static gboolean
parse_selector (PsCssSheet *sheet, const char *s, gsize n, Selector *sel)
{
  guint ids = 0, classes = 0, tags = 0;
  gsize i = 0;
  memset (sel, 0, sizeof *sel);
  for (;;)
    {
      while (i < n && (g_ascii_isspace (s[i]) || s[i] == '>'))
        i++;
      if (i >= n)
        break;
      if (sel->n_parts == MAX_COMPOUNDS)
        return FALSE;
      Compound *c = &sel->parts[sel->n_parts++];
      gboolean any = FALSE;
      if (s[i] == '*')
        any = TRUE, i++;
      else if (is_ident_char (s[i]))
        {
          gsize st = i;
          while (i < n && is_ident_char (s[i]))
            i++;
          c->tag = intern_lower (sheet, s + st, i - st);
          tags++;
        }
      while (i < n && (s[i] == '.' || s[i] == '#'))
        {
          char kind = s[i++];
          gsize st = i;
          while (i < n && is_ident_char (s[i]))
            i++;
          if (i == st)
            return FALSE;
          const char *name = intern_lower (sheet, s + st, i - st);
          if (kind == '#')
            {
              if (c->id && c->id != name)
                return FALSE; /* two ids never match one element */
              c->id = name;
              ids++;
            }
          else
            {
              if (c->n_classes == MAX_CLASSES)
                return FALSE;
              c->classes[c->n_classes++] = name;
              classes++;
            }
        }
      if (!c->tag && !c->id && !c->n_classes && !any)
        return FALSE; /* ':', '[', '+', '~', '\\', … */
      if (i < n && !g_ascii_isspace (s[i]) && s[i] != '>')
        return FALSE;
    }
  if (sel->n_parts == 0)
    return FALSE;
  sel->prio = (guint64) MIN (ids, 1023u) << 44 | (guint64) MIN (classes, 1023u) << 34
              | (guint64) MIN (tags, 1023u) << 24 | MIN (sheet->order, 0xFFFFFFu);
  return TRUE;
}

static void
index_selector (PsCssSheet *sheet, guint index)
{
  const Selector *sel = &g_array_index (sheet->selectors, Selector, index);
  const Compound *last = &sel->parts[sel->n_parts - 1];
  GHashTable *table = NULL;
  const char *key = NULL;
  if (last->id)
    table = sheet->by_id, key = last->id;
  else if (last->n_classes)
    table = sheet->by_class, key = last->classes[0];
  else if (last->tag)
    table = sheet->by_tag, key = last->tag;
  GArray *list = sheet->universal;
  if (table)
    {
      list = g_hash_table_lookup (table, key);
      if (!list)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (table, (gpointer) key, list);
        }
    }
  g_array_append_val (list, index);
}

static void
add_rule (PsCssSheet *sheet, const char *prelude, gsize plen, const char *body, gsize blen)
{
  g_autofree char *text = g_strndup (body, blen);
  PsCssDecls d;
  ps_css_decls_parse (text, &d);
  sheet->order++;
  if (!d.set)
    return; /* nothing plansift reads */
  guint di = sheet->decls->len;
  g_array_append_val (sheet->decls, d);
  gsize i = 0;
  while (i < plen)
    {
      gsize start = i;
      int depth = 0;
      while (i < plen && (prelude[i] != ',' || depth > 0))
        {
          if (prelude[i] == '"' || prelude[i] == '\'')
            {
              i = skip_string (prelude, i, plen);
              continue;
            }
          if (prelude[i] == '(')
            depth++;
          else if (prelude[i] == ')' && depth > 0)
            depth--;
          i++;
        }
      Selector sel;
      if (parse_selector (sheet, prelude + start, i - start, &sel))
        {
          sel.decls = di;
          g_array_append_val (sheet->selectors, sel);
          index_selector (sheet, sheet->selectors->len - 1);
        }
      i++;
    }
}

/* Media queries whose rules a desktop screen applies: plain "screen" or
 * "all" (possibly with "only").  Queries with features are conditional. */
static gboolean
media_applies (const char *prelude, gsize n)
{
  g_autofree char *q = g_ascii_strdown (prelude, (gssize) n);
  g_auto (GStrv) parts = g_strsplit (q, ",", -1);
  for (char **p = parts; *p; p++)
    {
      char *m = g_strstrip (*p);
      if (g_str_has_prefix (m, "only "))
        m = g_strstrip (m + 5);
      if (strcmp (m, "screen") == 0 || strcmp (m, "all") == 0)
        return TRUE;
    }
  return FALSE;
}

/* Index of the '}' closing the block opened before s[i], or n. */
static gsize
block_end (const char *s, gsize i, gsize n)
{
  int depth = 1;
  while (i < n)
    {
      if (s[i] == '"' || s[i] == '\'')
        {
          i = skip_string (s, i, n);
          continue;
        }
      if (s[i] == '{')
        depth++;
      else if (s[i] == '}' && --depth == 0)
        return i;
      i++;
    }
  return n;
}

static void
parse_rules (PsCssSheet *sheet, const char *s, gsize n, int nesting)
{
  gsize i = 0;
  while (i < n)
    {
      while (i < n && g_ascii_isspace (s[i]))
        i++;
      /* CDO and CDC are allowed (and ignored) around rules. */
      if (n - i >= 4 && strncmp (s + i, "<!--", 4) == 0)
        {
          i += 4;
          continue;
        }
      if (n - i >= 3 && strncmp (s + i, "-->", 3) == 0)
        {
          i += 3;
          continue;
        }
      if (i >= n)
        break;
      gsize start = i;
      while (i < n && s[i] != '{' && s[i] != ';' && s[i] != '}')
        {
          if (s[i] == '"' || s[i] == '\'')
            i = skip_string (s, i, n);
          else
            i++;
        }
      if (i >= n)
        break;
      if (s[i] != '{')
        {
          i++; /* a statement at-rule (@import …;) or a stray token */
          continue;
        }
      gsize open = i, close = block_end (s, i + 1, n);
      if (s[start] == '@')
        {
          gsize k = start + 1;
          while (k < open && is_ident_char (s[k]))
            k++;
          if (k - start == 6 && g_ascii_strncasecmp (s + start, "@media", 6) == 0
              && nesting < MAX_NESTING && media_applies (s + k, open - k))
            parse_rules (sheet, s + open + 1, close - open - 1, nesting + 1);
        }
      else
        add_rule (sheet, s + start, open - start, s + open + 1, close - open - 1);
      i = close + 1;
    }
}

/* The sheet without comments (strings kept intact). */
static char *
strip_comments (const char *text, gsize *len)
{
  gsize n = strlen (text), i = 0;
  GString *out = g_string_sized_new (n);
  while (i < n)
    {
      if (text[i] == '/' && i + 1 < n && text[i + 1] == '*')
        {
          const char *end = strstr (text + i + 2, "*/");
          i = end ? (gsize) (end - text) + 2 : n;
          g_string_append_c (out, ' ');
        }
      else if (text[i] == '"' || text[i] == '\'')
        {
          gsize e = skip_string (text, i, n);
          g_string_append_len (out, text + i, (gssize) (e - i));
          i = e;
        }
      else
        g_string_append_c (out, text[i++]);
    }
  *len = out->len;
  return g_string_free (out, FALSE);
}

void
ps_css_sheet_parse (PsCssSheet *sheet, const char *text)
{
  if (!text)
    return;
  gsize n;
  g_autofree char *s = strip_comments (text, &n);
  parse_rules (sheet, s, n, 0);
}

static void
free_index_list (gpointer p)
{
  g_array_unref (p);
}

PsCssSheet *
ps_css_sheet_new (void)
{
  PsCssSheet *sheet = g_new0 (PsCssSheet, 1);
  sheet->selectors = g_array_new (FALSE, FALSE, sizeof (Selector));
  sheet->decls = g_array_new (FALSE, FALSE, sizeof (PsCssDecls));
  sheet->strings = g_string_chunk_new (4096);
  sheet->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, free_index_list);
  sheet->by_class = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, free_index_list);
  sheet->by_tag = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, free_index_list);
  sheet->universal = g_array_new (FALSE, FALSE, sizeof (guint));
  return sheet;
}

void
ps_css_sheet_free (PsCssSheet *sheet)
{
  if (!sheet)
    return;
  g_array_unref (sheet->selectors);
  g_array_unref (sheet->decls);
  g_hash_table_unref (sheet->by_id);
  g_hash_table_unref (sheet->by_class);
  g_hash_table_unref (sheet->by_tag);
  g_array_unref (sheet->universal);
  g_string_chunk_free (sheet->strings);
  g_free (sheet);
}

guint
ps_css_sheet_n_selectors (const PsCssSheet *sheet)
{
  return sheet->selectors->len;
}

/* ---- matching ---------------------------------------------------------- */

/* Is word one of the whitespace-separated tokens of list? */
static gboolean
has_token (const char *list, const char *word)
{
  if (!list)
    return FALSE;
  gsize n = strlen (word);
  for (const char *p = list; (p = strstr (p, word)); p += n)
    if ((p == list || g_ascii_isspace (p[-1])) && (p[n] == '\0' || g_ascii_isspace (p[n])))
      return TRUE;
  return FALSE;
}

static gboolean
compound_matches (const Compound *c, const xmlNode *el)
{
  const PsHtmlNode *info = ps_html_node (el);
  if (!info)
    return FALSE;
  if (c->tag && g_ascii_strcasecmp (c->tag, (const char *) el->name) != 0)
    return FALSE;
  if (c->id && g_strcmp0 (c->id, info->id) != 0)
    return FALSE;
  for (guint i = 0; i < c->n_classes; i++)
    if (!has_token (info->cls, c->classes[i]))
      return FALSE;
  return TRUE;
}

static gboolean
selector_matches (const Selector *sel, const xmlNode *el)
{
  if (!compound_matches (&sel->parts[sel->n_parts - 1], el))
    return FALSE;
  /* Descendant combinators only: the nearest matching ancestor is always
   * the best choice, so no backtracking is needed. */
  const xmlNode *a = el->parent;
  for (guint k = sel->n_parts - 1; k-- > 0;)
    {
      while (a && a->type == XML_ELEMENT_NODE && !compound_matches (&sel->parts[k], a))
        a = a->parent;
      if (!a || a->type != XML_ELEMENT_NODE)
        return FALSE;
      a = a->parent;
    }
  return TRUE;
}

static void
apply_list (const PsCssSheet *sheet, const GArray *list, const xmlNode *el, PsCssCascade *c)
{
  if (!list)
    return;
  for (guint i = 0; i < list->len; i++)
    {
      const Selector *sel = &g_array_index (sheet->selectors, Selector,
                                            g_array_index (list, guint, i));
      if (selector_matches (sel, el))
        ps_css_cascade_apply (c, &g_array_index (sheet->decls, PsCssDecls, sel->decls),
                              sel->prio);
    }
}

void
ps_css_sheet_cascade (const PsCssSheet *sheet, const xmlNode *el, PsCssCascade *c)
{
  const PsHtmlNode *info = ps_html_node (el);
  if (sheet->selectors->len == 0 || !info)
    return;
  apply_list (sheet, sheet->universal, el, c);
  apply_list (sheet, g_hash_table_lookup (sheet->by_tag, el->name), el, c);
  if (info->id)
    apply_list (sheet, g_hash_table_lookup (sheet->by_id, info->id), el, c);
  if (info->cls && g_hash_table_size (sheet->by_class) > 0)
    {
      /* A class named twice applies its rules twice: harmless, same priority. */
      g_auto (GStrv) classes = g_strsplit_set (info->cls, " \t\n\r\f", -1);
      for (guint i = 0; classes[i]; i++)
        if (classes[i][0])
          apply_list (sheet, g_hash_table_lookup (sheet->by_class, classes[i]), el, c);
    }
}
