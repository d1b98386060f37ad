/* document.c — what a plan says about itself: its title, the date printed on
 * it, the abbreviations it defines and its colour key. */
#include "extract_private.h"

#include <string.h>

/* ---- title and date ---------------------------------------------------- */

static const char *
month_number (const char *name)
{
  static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec" };
  static const char *const numbers[] = { "01", "02", "03", "04", "05", "06",
                                         "07", "08", "09", "10", "11", "12" };
  for (gsize i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_ascii_strncasecmp (name, months[i], 3) == 0)
      return numbers[i];
  return NULL;
}

/* The first date in text: sets list->date_text and list->date. */
static gboolean
find_date (PsItemList *list, const char *text)
{
  const pcre2_code *code = ps_extract_pattern (PAT_DOC_DATE);
  g_autoptr (pcre2_match_data) md = ps_pattern_match (code, text, -1, 0);
  if (!md)
    return FALSE;
  g_autofree char *whole = ps_match_group (md, text, 0);
  g_autofree char *day = ps_match_named (code, md, text, "day");
  g_autofree char *month = ps_match_named (code, md, text, "month");
  g_autofree char *year = ps_match_named (code, md, text, "year");
  const char *mm = month ? month_number (month) : NULL;
  if (!mm || !year)
    return FALSE;
  list->date_text = ps_item_list_strdup (list, whole);
  int d = day ? atoi (day) : 0;
  if (d >= 1 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) atoi (mm), (GDateYear) atoi (year)))
    {
      char iso[16];
      g_snprintf (iso, sizeof iso, "%s-%s-%02d", year, mm, d);
      list->date = ps_item_list_strdup (list, iso);
    }
  else
    {
      g_autofree char *iso = g_strdup_printf ("%s-%s", year, mm);
      list->date = ps_item_list_strdup (list, iso);
    }
  return TRUE;
}

/* The title is the first heading (or, in a PDF, the first block in the
 * largest type on page 1); the date is the first month and year printed
 * before the first table. */
static void
title_and_date (Ctx *ctx, const PsDoc *layout)
{
  const PsBlock *title = NULL;
  for (guint i = 0; i < layout->blocks->len; i++)
    {
      const PsBlock *b = g_ptr_array_index (layout->blocks, i);
      if (b->kind == PS_BLOCK_TABLE)
        break;
      if (b->kind == PS_BLOCK_HEADING && (!title || b->level < title->level))
        title = b;
      if (title && b->kind == PS_BLOCK_HEADING && title->level == 1)
        break;
    }
  if (title)
    {
      g_autofree char *flat = ps_text_flatten (title->text);
      ctx->title = ps_item_list_strdup (ctx->list, flat);
      if (!ctx->list->title)
        ctx->list->title = ctx->title;
    }
  if (ctx->list->date)
    return;
  if (ctx->title && find_date (ctx->list, ctx->title))
    return;
  for (guint i = 0; i < layout->blocks->len && i < 40; i++)
    {
      const PsBlock *b = g_ptr_array_index (layout->blocks, i);
      if (b->kind == PS_BLOCK_TABLE)
        break;
      if (b->kind != PS_BLOCK_LIST_ITEM && strlen (b->text) < 200 && find_date (ctx->list, b->text))
        return;
    }
}

/* ---- glossary ------------------------------------------------------------ */

static gboolean
is_function_word (const char *w)
{
  static const char *const words[] = { "and", "of", "for", "the", "&", "on", "in", "to", "a" };
  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strcasecmp (w, words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The capital letters of abbr must be the initials of the last words of
 * expansion (function words skipped, case ignored): returns the index of the
 * first word they cover, or -1. */
static gint
initials_start (const char *abbr, char **words, guint n)
{
  GString *caps = g_string_new (NULL);
  for (const char *p = abbr; *p; p++)
    if (g_ascii_isupper (*p))
      g_string_append_c (caps, *p);
  gint w = (gint) n - 1, first = -1;
  gboolean ok = caps->len > 0;
  for (gint k = (gint) caps->len - 1; ok && k >= 0; k--)
    {
      while (w >= 0 && (!*words[w] || is_function_word (words[w])))
        w--;
      if (w < 0 || g_ascii_toupper (words[w][0]) != caps->str[k])
        ok = FALSE;
      else
        first = w--;
    }
  g_string_free (caps, TRUE);
  return ok ? first : -1;
}

static void
add_glossary (PsItemList *list, GHashTable *seen, const char *abbr, char **words, guint from,
              guint n)
{
  GString *exp = g_string_new (NULL);
  for (guint i = from; i < n; i++)
    if (*words[i])
      {
        if (exp->len)
          g_string_append_c (exp, ' ');
        g_string_append (exp, words[i]);
      }
  /* A possessive or closing quote before the bracket is not part of it. */
  while (exp->len && strchr ("'\",.", exp->str[exp->len - 1]))
    g_string_truncate (exp, exp->len - 1);
  if (exp->len >= 3 && g_str_has_suffix (exp->str, "\xe2\x80\x99"))
    g_string_truncate (exp, exp->len - 3);
  if (exp->len)
    {
      PsGlossaryEntry e = { ps_item_list_strdup (list, abbr),
                            ps_item_list_strndup (list, exp->str, exp->len) };
      g_array_append_val (list->glossary, e);
      g_hash_table_add (seen, g_strdup (abbr));
    }
  g_string_free (exp, TRUE);
}

/* Abbreviations a plan defines, in either form:
 *   "Department for Levelling Up, Housing & Communities (DLUHC)" — the
 *   expansion starts at the first of the words whose initials spell it;
 *   "Abbreviations: CLT – Corporate Leadership Team; DoF – …" — every word
 *   of the expansion must be accounted for by the initials. */
static void
glossary_from_text (PsItemList *list, GHashTable *seen, const char *text)
{
  static const ExtractPattern forms[] = { PAT_GLOSSARY, PAT_GLOSSARY_LIST };
  gsize len = strlen (text);
  for (gsize f = 0; f < G_N_ELEMENTS (forms); f++)
    {
      const pcre2_code *code = ps_extract_pattern (forms[f]);
      gsize offset = 0;
      while (offset < len)
        {
          g_autoptr (pcre2_match_data) md = ps_pattern_match (code, text, (gssize) len, offset);
          gsize start, end;
          if (!md || !ps_match_span (md, 0, &start, &end) || end <= offset)
            break;
          offset = end;
          g_autofree char *abbr = ps_match_named (code, md, text, "abbr");
          g_autofree char *expansion = ps_match_named (code, md, text, "expansion");
          if (!abbr || !expansion || g_hash_table_contains (seen, abbr))
            continue;
          g_auto (GStrv) words = g_strsplit_set (expansion, " \t\n,", -1);
          guint n = g_strv_length (words);
          gint first = initials_start (abbr, words, n);
          if (first < 0)
            continue;
          if (forms[f] == PAT_GLOSSARY_LIST)
            {
              gint lead = 0;
              while (lead < first && (!*words[lead] || is_function_word (words[lead])))
                lead++;
              if (lead != first)
                continue;
            }
          add_glossary (list, seen, abbr, words, (guint) first, n);
        }
    }
}

static void
glossary (Ctx *ctx, const PsDoc *layout)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < layout->blocks->len; i++)
    {
      const PsBlock *b = g_ptr_array_index (layout->blocks, i);
      if (b->kind != PS_BLOCK_TABLE)
        glossary_from_text (ctx->list, seen, b->text);
      else if (b->table)
        for (guint k = 0; k < b->table->cells->len; k++)
          glossary_from_text (ctx->list, seen,
                              g_array_index (b->table->cells, PsCell, k).text);
    }
}

/* ---- colour key ---------------------------------------------------------- */

static gboolean
short_label (const char *text)
{
  if (!text || !*text)
    return FALSE;
  guint words = 1;
  for (const char *p = text; *p; p++)
    if (*p == ' ' || *p == '\n')
      words++;
  return words <= 6 && strlen (text) <= 60;
}

/* A key written in words explains each colour in a phrase ("Amber – action
 * in progress and on course to be delivered by the completion date"). */
static gboolean
key_label (const char *text)
{
  if (!text || !*text)
    return FALSE;
  guint words = 1;
  for (const char *p = text; *p; p++)
    words += *p == ' ';
  return words <= 16 && strlen (text) <= 140;
}

static void
add_key (PsItemList *list, PsColour colour, const char *label)
{
  g_autofree char *flat = ps_text_flatten (label);
  for (guint i = 0; i < list->key->len; i++)
    if (strcmp (g_array_index (list->key, PsKeyEntry, i).label, flat) == 0)
      return;
  PsKeyEntry e = { colour, ps_item_list_strdup (list, flat) };
  g_array_append_val (list->key, e);
}

/* A key is a small table of coloured swatches beside short labels (or of
 * coloured cells that are their own labels).  It needs at least two
 * entries, and no header that names item columns. */
static void
key_from_table (PsItemList *list, const PsTable *t)
{
  if (t->n_rows > 12 || t->n_cols > 12)
    return;
  GArray *found = g_array_new (FALSE, FALSE, sizeof (PsKeyEntry));
  for (guint i = 0; i < t->cells->len; i++)
    {
      const PsCell *c = &g_array_index (t->cells, PsCell, i);
      if (!ps_colour_is_set (c->fill))
        continue;
      const char *label = NULL;
      if (short_label (c->text) && *c->text)
        label = c->text;
      else if (!*c->text || g_str_equal (c->text, ""))
        {
          /* The label beside the swatch: right, then left. */
          const PsCell *right = ps_table_cell_at (t, c->row, c->col + c->colspan);
          const PsCell *left = c->col ? ps_table_cell_at (t, c->row, c->col - 1) : NULL;
          if (right && !ps_colour_is_set (right->fill) && short_label (right->text))
            label = right->text;
          else if (left && !ps_colour_is_set (left->fill) && short_label (left->text))
            label = left->text;
        }
      if (label && !ps_extract_matches (PAT_REF_CELL, label))
        {
          PsKeyEntry e = { c->fill, label };
          g_array_append_val (found, e);
        }
    }
  /* Header shading repeated over a row is not a key: all entries the same
   * colour means decoration. */
  gboolean distinct = FALSE;
  for (guint i = 1; i < found->len; i++)
    {
      PsColour a = g_array_index (found, PsKeyEntry, 0).colour;
      PsColour b = g_array_index (found, PsKeyEntry, i).colour;
      distinct |= a.r != b.r || a.g != b.g || a.b != b.b;
    }
  if (found->len >= 2 && distinct)
    for (guint i = 0; i < found->len; i++)
      add_key (list, g_array_index (found, PsKeyEntry, i).colour,
               g_array_index (found, PsKeyEntry, i).label);
  g_array_unref (found);
}

extern const PsTsvTable ps_rag_colours;

/* "(Green – complete / evaluated; Amber – on track; Red – off track)": a key
 * written in words, usually in a column header.  Needs two entries. */
static void
key_from_text (PsItemList *list, const char *text)
{
  if (!text || strlen (text) > 2000)
    return;
  const pcre2_code *code = ps_extract_pattern (PAT_TEXT_KEY);
  GArray *found = g_array_new (FALSE, FALSE, sizeof (PsKeyEntry));
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);
  gsize offset = 0, len = strlen (text);
  while (offset < len)
    {
      g_autoptr (pcre2_match_data) md = ps_pattern_match (code, text, (gssize) len, offset);
      gsize start, end;
      if (!md || !ps_match_span (md, 0, &start, &end) || end <= offset)
        break;
      offset = end;
      g_autofree char *name = ps_match_named (code, md, text, "colour");
      char *label = ps_match_named (code, md, text, "label");
      PsColour c = PS_COLOUR_NONE;
      for (long r = 0; r < ps_rag_colours.n_rows; r++)
        if (g_ascii_strcasecmp (name, ps_tsv_cell (&ps_rag_colours, r, 0)) == 0)
          ps_colour_parse (ps_tsv_cell (&ps_rag_colours, r, 1), &c);
      if (!ps_colour_is_set (c) || !key_label (label))
        {
          g_free (label);
          continue;
        }
      PsKeyEntry e = { c, label };
      g_ptr_array_add (labels, label);
      g_array_append_val (found, e);
    }
  if (found->len >= 2)
    for (guint i = 0; i < found->len; i++)
      add_key (list, g_array_index (found, PsKeyEntry, i).colour,
               g_array_index (found, PsKeyEntry, i).label);
  g_array_unref (found);
  g_ptr_array_unref (labels);
}

static void
colour_key (Ctx *ctx, const PsDoc *layout)
{
  for (guint i = 0; i < layout->blocks->len; i++)
    {
      const PsBlock *b = g_ptr_array_index (layout->blocks, i);
      if (b->kind == PS_BLOCK_TABLE && b->table)
        {
          key_from_table (ctx->list, b->table);
          /* Keys written in words sit in header cells. */
          for (guint k = 0; k < b->table->cells->len; k++)
            {
              const PsCell *c = &g_array_index (b->table->cells, PsCell, k);
              if (c->row < 4)
                key_from_text (ctx->list, c->text);
            }
        }
      else
        key_from_text (ctx->list, b->text);
    }
}

void
ps_document_facts (Ctx *ctx, const PsDoc *layout)
{
  title_and_date (ctx, layout);
  glossary (ctx, layout);
  colour_key (ctx, layout);
}
