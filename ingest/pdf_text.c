/* pdf_text.c — words and lines from Poppler's text layout.
 *
 * poppler_page_get_text() gives a page's text in Poppler's reading order
 * (which follows columns), poppler_page_get_text_layout() one box per
 * character of that text, and poppler_page_get_text_attributes() the font,
 * size and colour of each range of it.  Words split at spaces and lines at
 * '\n', and also where the boxes disagree with the text: Poppler glues the
 * first lines of the cells of what it takes for a table together with
 * neither a space nor a newline ("RefActionLead"), so two characters with
 * nothing between them that are not side by side start a new line.
 *
 * What the page shows is kept, with three repairs: ligature characters are
 * spelled out ("ﬁ" -> "fi"), private-use bullet glyphs of Symbol and
 * Wingdings fonts become "•", and a word hyphenated at a line end is put
 * back together on the first line.  The joining is done here rather than in
 * extract because only here is the hyphen's code point known: a soft hyphen
 * (U+00AD) is a break the producer chose and goes; a plain hyphen stays,
 * since "well-" / "being" is as likely as "imple-" / "mentation".
 * Characters Poppler could not map to anything printable (C0 controls) are
 * left out.
 */
#include "pdf_private.h"

#include <math.h>
#include <string.h>

/* Within a text line, a gap between two characters with no space between
 * them up to this many ems is still one word... */
#define WORD_GAP_EM 0.15
/* ...up to this many ems it is a new word on the same line, and beyond it a
 * new line (a block Poppler glued on). */
#define BLOCK_GAP_EM 0.3
/* Two boxes are on one line when they overlap across the line by at least
 * this fraction of the smaller one. */
#define LINE_OVERLAP 0.5
/* A character this much smaller or larger (a fraction of the larger size)
 * whose baseline is this far off the line's (ems) starts a word of its
 * own.  Baselines are estimated from the box bottoms with a usual descent. */
#define SIZE_CHANGE 0.15
#define SCRIPT_SHIFT 0.15
#define DESCENT 0.22

typedef struct
{
  int start, end; /* character indices, inclusive */
  const char *font;
  double size;
  guint flags;
  PsColour colour;
} Attr;

typedef struct
{
  char *text; /* owned */
  PsBox box;
  int attr;   /* index into the attributes, or -1 */
} TmpWord;

typedef struct
{
  guint first, n; /* a run of TmpWords */
} TmpLine;

typedef struct
{
  PsDoc *doc;
  GArray *attrs;  /* Attr */
  GArray *words;  /* TmpWord */
  GArray *lines;  /* TmpLine */
  GArray *glyphs; /* PsBox of every printed character */
  GString *word;  /* the word being read */
  PsBox word_box;
  int word_attr;
  PsBox last;      /* box of the last character read on this line */
  double last_em;  /* its font size */
  gboolean in_line, spaced;
} Reader;

static void
tmp_word_clear (gpointer data)
{
  g_free (((TmpWord *) data)->text);
}

/* ---- fonts ------------------------------------------------------------- */

static gboolean
contains_ci (const char *haystack, const char *needle)
{
  gsize n = strlen (needle);
  for (const char *p = haystack; *p; p++)
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Bold and italic from the font name, the only place poppler-glib shows
 * them: "Arial-BoldMT", "Arial,BoldItalic", "TimesNewRomanPS-ItalicMT",
 * "Helvetica-Oblique", "MinionPro-It". */
static guint
font_flags (const char *name)
{
  guint flags = 0;
  static const char *const bold[] = { "bold", "black", "heavy", "demi" };
  for (gsize i = 0; i < G_N_ELEMENTS (bold); i++)
    if (contains_ci (name, bold[i]))
      flags |= PS_TEXT_BOLD;
  if (contains_ci (name, "italic") || contains_ci (name, "oblique")
      || g_str_has_suffix (name, "It"))
    flags |= PS_TEXT_ITALIC;
  return flags;
}

/* "ABCDEF+Calibri-Bold" -> "Calibri-Bold": the subset tag says nothing. */
static const char *
strip_subset_tag (const char *name)
{
  for (int i = 0; i < 6; i++)
    if (!g_ascii_isupper (name[i]))
      return name;
  return name[6] == '+' && name[7] ? name + 7 : name;
}

static guint8
colour_channel (guint16 v)
{
  return (guint8) ((v + 128) / 257);
}

static GArray *
read_attributes (PsDoc *doc, PopplerPage *ppage)
{
  GArray *attrs = g_array_new (FALSE, TRUE, sizeof (Attr));
  GList *list = poppler_page_get_text_attributes (ppage);
  for (GList *l = list; l; l = l->next)
    {
      const PopplerTextAttributes *a = l->data;
      Attr attr = { a->start_index, a->end_index, NULL, 0, 0, PS_COLOUR_NONE };
      if (a->font_name && *a->font_name && g_utf8_validate (a->font_name, -1, NULL))
        {
          attr.font = ps_doc_intern (doc, strip_subset_tag (a->font_name));
          attr.flags = font_flags (attr.font);
        }
      attr.size = isfinite (a->font_size) && a->font_size > 0 ? a->font_size : 0;
      attr.colour = PS_COLOUR_RGB (colour_channel (a->color.red), colour_channel (a->color.green),
                                   colour_channel (a->color.blue));
      g_array_append_val (attrs, attr);
    }
  poppler_page_free_text_attributes (list);
  return attrs;
}

/* The attribute covering character i; *cursor walks forward with i. */
static int
attr_at (const GArray *attrs, guint *cursor, int i)
{
  while (*cursor < attrs->len && g_array_index (attrs, Attr, *cursor).end < i)
    (*cursor)++;
  if (*cursor < attrs->len && g_array_index (attrs, Attr, *cursor).start <= i)
    return (int) *cursor;
  return -1;
}

/* ---- characters -------------------------------------------------------- */

/* Decodes one character the way Poppler encoded it, so that character
 * counts stay in step with the layout boxes even when Poppler wrote a code
 * point UTF-8 does not allow (a surrogate from a broken ToUnicode map):
 * those come back as U+FFFD. */
static gunichar
next_char (const char **p, const char *end)
{
  const guchar *s = (const guchar *) *p;
  gsize len = s[0] < 0x80 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : s[0] < 0xF8 ? 4 : s[0] < 0xFC ? 5 : 6;
  if (s[0] >= 0x80 && s[0] < 0xC0)
    len = 1; /* a stray continuation byte */
  len = MIN (len, (gsize) (end - *p));
  gunichar c = g_utf8_get_char_validated (*p, (gssize) len);
  *p += len;
  if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_validate (c))
    return 0xFFFD;
  return c;
}

static gboolean
is_private_use (gunichar c)
{
  return c >= 0xE000 && c <= 0xF8FF;
}

/* Bullets of the Symbol and Wingdings fonts Word uses for lists, as their
 * embedded subsets map them (U+F000 + the font's own code). */
static gboolean
is_symbol_bullet (gunichar c)
{
  static const gunichar bullets[] = {
    0xF0B7, /* Symbol bullet */
    0xF0A7, /* Wingdings small square */
    0xF0A8, /* Wingdings square */
    0xF06E, /* Wingdings black square */
    0xF071, /* Wingdings hollow square */
    0xF075, /* Wingdings diamond */
    0xF076, /* Wingdings four diamonds */
    0xF0D8, /* Wingdings arrowhead */
    0xF0E0, /* Wingdings arrow */
    0xF0FC, /* Wingdings tick */
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bullets); i++)
    if (bullets[i] == c)
      return TRUE;
  return FALSE;
}

/* Appends c as it should read: ligatures (Alphabetic Presentation Forms)
 * spelled out by NFKC, which is applied to nothing else; Symbol/Wingdings
 * bullets as "•". */
static void
append_char (GString *s, gunichar c)
{
  if (c >= 0xFB00 && c <= 0xFB4F)
    {
      char buf[8];
      buf[g_unichar_to_utf8 (c, buf)] = '\0';
      g_autofree char *spelled = g_utf8_normalize (buf, -1, G_NORMALIZE_NFKC);
      g_string_append (s, spelled ? spelled : buf);
    }
  else if (is_symbol_bullet (c))
    g_string_append (s, "•");
  else
    g_string_append_unichar (s, c);
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF;
}

/* ---- segmentation ------------------------------------------------------ */

typedef enum
{
  SAME_WORD,
  NEW_WORD,
  NEW_LINE,
} Seam;

static PsBox
box_union (PsBox a, PsBox b)
{
  return (PsBox){ MIN (a.x0, b.x0), MIN (a.y0, b.y0), MAX (a.x1, b.x1), MAX (a.y1, b.y1) };
}

/* What lies between character box a and the next one, b, in fonts of
 * sizes em_a and em_b: the text runs along whichever axis the step from a to
 * b mostly follows, so rotated text reads the same way. */
static Seam
seam (const PsBox *a, const PsBox *b, double em_a, double em_b, gboolean spaced)
{
  double em = MAX (em_a, em_b);
  double dx = (b->x0 + b->x1 - a->x0 - a->x1) / 2;
  double dy = (b->y0 + b->y1 - a->y0 - a->y1) / 2;
  gboolean horizontal = fabs (dx) >= fabs (dy);
  double a0 = horizontal ? a->y0 : a->x0, a1 = horizontal ? a->y1 : a->x1;
  double b0 = horizontal ? b->y0 : b->x0, b1 = horizontal ? b->y1 : b->x1;
  double step = horizontal ? dx : dy;
  double gap = horizontal ? (step >= 0 ? b->x0 - a->x1 : a->x0 - b->x1)
                          : (step >= 0 ? b->y0 - a->y1 : a->y0 - b->y1);
  if (!(em > 0))
    em = MAX (a1 - a0, b1 - b0);
  if (!(em > 0))
    em = 1;

  /* Across the line: the boxes must overlap; a box with no height (some
   * producers' spaces and marks) is judged by its centre instead. */
  double extent = MIN (a1 - a0, b1 - b0);
  if (extent > 0.1 * em)
    {
      if (MIN (a1, b1) - MAX (a0, b0) < LINE_OVERLAP * extent)
        return NEW_LINE;
    }
  else if (fabs ((a0 + a1) / 2 - (b0 + b1) / 2) > 0.5 * em)
    return NEW_LINE;

  if (gap < -0.5 * em)
    return NEW_LINE; /* back over what was read: not the same line */
  if (spaced)
    return NEW_WORD;
  /* A smaller character raised or lowered off the line is a footnote mark
   * or an index ("paper" "43", "km" "2"), not the word's next letter;
   * small capitals change size but keep to the baseline. */
  if (horizontal && em_a > 0 && em_b > 0 && fabs (em_a - em_b) > SIZE_CHANGE * em
      && fabs ((a1 - DESCENT * em_a) - (b1 - DESCENT * em_b)) > SCRIPT_SHIFT * em)
    return gap <= BLOCK_GAP_EM * em ? NEW_WORD : NEW_LINE;
  if (gap <= WORD_GAP_EM * em)
    return SAME_WORD;
  return gap <= BLOCK_GAP_EM * em ? NEW_WORD : NEW_LINE;
}

static void
end_word (Reader *r)
{
  if (r->word->len == 0)
    return;
  TmpWord w = { g_strndup (r->word->str, r->word->len), r->word_box, r->word_attr };
  g_array_append_val (r->words, w);
  g_string_truncate (r->word, 0);
  TmpLine *line = &g_array_index (r->lines, TmpLine, r->lines->len - 1);
  line->n++;
}

static void
end_line (Reader *r)
{
  end_word (r);
  r->in_line = FALSE;
}

static void
add_char (Reader *r, gunichar c, const PsBox *box, int attr)
{
  double em = attr >= 0 ? g_array_index (r->attrs, Attr, attr).size : 0;
  if (r->in_line)
    {
      Seam s = seam (&r->last, box, r->last_em, em, r->spaced);
      if (s == NEW_LINE)
        end_line (r);
      else if (s == NEW_WORD)
        end_word (r);
    }
  if (!r->in_line)
    {
      TmpLine line = { r->words->len, 0 };
      g_array_append_val (r->lines, line);
      r->in_line = TRUE;
    }
  if (r->word->len == 0)
    {
      r->word_box = *box;
      r->word_attr = attr;
    }
  else
    r->word_box = box_union (r->word_box, *box);
  append_char (r->word, c);
  r->last = *box;
  r->last_em = em;
  r->spaced = FALSE;
}

/* ---- repairs ----------------------------------------------------------- */

/* A lone private-use glyph opening a line is a list bullet whatever font it
 * came from (Word's Symbol and Wingdings, LibreOffice's OpenSymbol). */
static void
mark_bullets (Reader *r)
{
  for (guint l = 0; l < r->lines->len; l++)
    {
      const TmpLine *line = &g_array_index (r->lines, TmpLine, l);
      if (line->n == 0)
        continue;
      TmpWord *w = &g_array_index (r->words, TmpWord, line->first);
      if (g_utf8_strlen (w->text, -1) == 1 && is_private_use (g_utf8_get_char (w->text)))
        {
          g_free (w->text);
          w->text = g_strdup ("•");
        }
    }
}

static gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x00AD;
}

static PsBox
line_box (const Reader *r, const TmpLine *line)
{
  PsBox box = g_array_index (r->words, TmpWord, line->first).box;
  for (guint i = 1; i < line->n; i++)
    box = box_union (box, g_array_index (r->words, TmpWord, line->first + i).box);
  return box;
}

/* The next line is the same column's next line: below this one, close to
 * it, and overlapping it across. */
static gboolean
continues_below (const PsBox *a, const PsBox *b)
{
  double h = a->y1 - a->y0;
  return a->x1 - a->x0 >= h && b->x1 - b->x0 >= b->y1 - b->y0 && h > 0
         && b->y0 >= a->y0 + 0.5 * h && b->y0 <= a->y1 + h && b->x0 < a->x1 && a->x0 < b->x1;
}

/* Joins a word hyphenated at a line end ("implemen-" / "tation") into one
 * word on the first line, with the first half's box, when a lowercase
 * letter precedes the hyphen and the next line of the same column starts
 * with a lowercase letter.  A soft hyphen (U+00AD, which the producer marks
 * as a break it chose) is dropped; a plain hyphen is kept ("well-" /
 * "being" -> "well-being"), since without a dictionary ingest cannot tell a
 * compound's hyphen from a hyphenation.  Returns TRUE when it joined. */
static gboolean
join_hyphenated (Reader *r, TmpLine *line, TmpLine *next)
{
  if (line->n == 0 || next->n == 0)
    return FALSE;
  PsBox a = line_box (r, line), b = line_box (r, next);
  if (!continues_below (&a, &b))
    return FALSE;
  TmpWord *w = &g_array_index (r->words, TmpWord, line->first + line->n - 1);
  TmpWord *v = &g_array_index (r->words, TmpWord, next->first);
  const char *end = w->text + strlen (w->text);
  const char *cut = end;
  gboolean soft = FALSE;
  while (cut > w->text)
    {
      const char *prev = g_utf8_prev_char (cut);
      gunichar c = g_utf8_get_char (prev);
      if (!is_hyphen (c))
        break;
      soft |= c == 0x00AD;
      cut = prev;
    }
  if (cut == end || cut == w->text)
    return FALSE;
  if (!g_unichar_islower (g_utf8_get_char (g_utf8_prev_char (cut)))
      || !g_unichar_islower (g_utf8_get_char (v->text)))
    return FALSE;
  char *joined = soft ? g_strdup_printf ("%.*s%s", (int) (cut - w->text), w->text, v->text)
                      : g_strconcat (w->text, v->text, NULL);
  g_free (w->text);
  w->text = joined;
  g_free (v->text);
  v->text = NULL;
  next->first++;
  next->n--;
  return TRUE;
}

static void
join_hyphenation (Reader *r)
{
  for (guint l = 0; l < r->lines->len; l++)
    {
      TmpLine *line = &g_array_index (r->lines, TmpLine, l);
      /* A joined word can end in a hyphen again when the next line held
       * only its second half; then the line after that continues it. */
      for (guint m = l + 1; m < r->lines->len; m++)
        {
          TmpLine *next = &g_array_index (r->lines, TmpLine, m);
          if (!join_hyphenated (r, line, next) || next->n > 0)
            break;
        }
    }
}

/* ---- into the model ---------------------------------------------------- */

/* Clamps box to the page; FALSE when it lies wholly outside. */
static gboolean
clamp_to_page (PsBox *box, const PsPage *page)
{
  if (!(box->x1 >= 0 && box->y1 >= 0 && box->x0 <= page->width && box->y0 <= page->height))
    return FALSE;
  box->x0 = CLAMP (box->x0, 0, page->width);
  box->x1 = CLAMP (box->x1, 0, page->width);
  box->y0 = CLAMP (box->y0, 0, page->height);
  box->y1 = CLAMP (box->y1, 0, page->height);
  return TRUE;
}

static void
emit (Reader *r, PsPage *page)
{
  for (guint l = 0; l < r->lines->len; l++)
    {
      const TmpLine *tl = &g_array_index (r->lines, TmpLine, l);
      PsLine line = { { 0, 0, 0, 0 }, page->words->len, 0 };
      for (guint i = 0; i < tl->n; i++)
        {
          const TmpWord *tw = &g_array_index (r->words, TmpWord, tl->first + i);
          PsBox box = tw->box;
          if (!tw->text || !clamp_to_page (&box, page))
            continue;
          PsWord word = { ps_doc_strdup (r->doc, tw->text), box, NULL, 0, 0, PS_COLOUR_NONE };
          if (tw->attr >= 0)
            {
              const Attr *a = &g_array_index (r->attrs, Attr, tw->attr);
              word.font = a->font;
              word.size = a->size;
              word.flags = a->flags;
              word.colour = a->colour;
            }
          g_array_append_val (page->words, word);
          line.box = line.n_words ? box_union (line.box, box) : box;
          line.n_words++;
        }
      if (line.n_words)
        g_array_append_val (page->lines, line);
    }
}

GArray *
ps_pdf_read_text (PsDoc *doc, PsPage *page, PopplerPage *ppage)
{
  Reader r = { 0 };
  r.doc = doc;
  r.glyphs = g_array_new (FALSE, FALSE, sizeof (PsBox));
  g_autofree char *text = poppler_page_get_text (ppage);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  if (!text || !poppler_page_get_text_layout (ppage, &rects, &n_rects))
    {
      g_free (rects);
      return r.glyphs;
    }
  r.attrs = read_attributes (doc, ppage);
  r.words = g_array_new (FALSE, TRUE, sizeof (TmpWord));
  g_array_set_clear_func (r.words, tmp_word_clear);
  r.lines = g_array_new (FALSE, TRUE, sizeof (TmpLine));
  r.word = g_string_new (NULL);

  const char *p = text, *end = text + strlen (text);
  guint attr_cursor = 0;
  /* Poppler promises one box per character; should that ever fail, the
     characters past the last box are left out rather than misplaced. */
  for (guint i = 0; p < end && i < n_rects; i++)
    {
      gunichar c = next_char (&p, end);
      const PopplerRectangle *rc = &rects[i];
      PsBox box = { MIN (rc->x1, rc->x2), MIN (rc->y1, rc->y2), MAX (rc->x1, rc->x2),
                    MAX (rc->y1, rc->y2) };
      if (c == '\n' || c == '\r')
        end_line (&r);
      else if (is_space (c))
        {
          end_word (&r);
          r.spaced = TRUE;
        }
      else if (g_unichar_iscntrl (c) || !(isfinite (box.x0) && isfinite (box.y0)
                                          && isfinite (box.x1) && isfinite (box.y1)))
        continue; /* nothing printed to keep */
      else
        {
          add_char (&r, c, &box, attr_at (r.attrs, &attr_cursor, (int) i));
          g_array_append_val (r.glyphs, box);
        }
    }
  end_line (&r);
  g_free (rects);

  mark_bullets (&r);
  join_hyphenation (&r);
  emit (&r, page);

  g_string_free (r.word, TRUE);
  g_array_unref (r.words);
  g_array_unref (r.lines);
  g_array_unref (r.attrs);
  return r.glyphs;
}
