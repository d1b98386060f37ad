/* owners.c — an owner cell into PsOwner records.
 *
 * The cell is split on '/', ';', '|', bullets and line breaks, and on ',',
 * '&' and "and" only where the words after the split start like an owner
 * of their own: a role, team or body head (Director, Head, Chief Executive,
 * Leader, Team, Cabinet…, after up to three modifiers such as Corporate or
 * Deputy), an honorific, a person's name, or an abbreviation that stands
 * for an owner.  After an "of"/"for" complement ("Director of Law and
 * Governance", "Portfolio Holder for Finance, Risk and Welfare") only a role
 * may start a new owner, so department names stay whole.  A line break is a
 * wrap, not a split, when the line ends with a joining word or the next
 * line only completes a name ("Corporate Leadership\nTeam").
 *
 * Each owner keeps its text as printed; its name is repaired (word breaks
 * against the document's own words and data/words.tsv, a lost first letter
 * against the document's capitalised words), cut before a trailing remark
 * ("to keep under review"), abbreviations expanded (the document's
 * glossary, then a phrase the document spells out, then
 * data/abbreviations.tsv), '&' read as "and" and lower-case words given
 * capitals so one post reads the same in every plan.  Its kind comes from
 * the last head phrase before the complement (data/owner_words.tsv); a name
 * with no head is a person when it looks like one, else a team. */
#include "normalise_private.h"

#include <string.h>

typedef enum
{
  T_WORD,
  T_NEWLINE,
  T_SLASH,
  T_SEMI,
  T_BAR,
  T_BULLET,
  T_COMMA,
  T_AMP,
  T_OPEN,
  T_CLOSE,
  T_DASH,
  T_COLON,
  T_OTHER,
} TokType;

typedef struct
{
  TokType type;
  gsize start, end; /* bytes of the collapsed cell */
  char *form;       /* T_WORD: the word, confusables folded and repaired */
  gboolean space_before;
  gboolean dead;    /* merged into another token, or a dropped label */
} Tok;

typedef struct
{
  const PsNormaliseContext *ctx;
  const char *s;
  gsize len;
  GArray *toks; /* Tok */
} Cell;

static void
tok_clear (gpointer data)
{
  g_free (((Tok *) data)->form);
}

/* ---- tokens ------------------------------------------------------------ */

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '\'' || c == 0x2019 || g_unichar_ismark (c);
}

static TokType
punct_type (gunichar c)
{
  switch (c)
    {
    case '\n':
      return T_NEWLINE;
    case '/':
    case 0x2044:
    case 0x2215:
    case '\\':
      return T_SLASH;
    case ';':
      return T_SEMI;
    case '|':
      return T_BAR;
    case 0x2022:
    case 0x00B7:
    case 0x25CF:
    case 0x25AA:
    case 0x25E6:
    case 0x2023:
    case 0xF0B7:
    case '*':
      return T_BULLET;
    case ',':
      return T_COMMA;
    case '&':
    case '+':
      return T_AMP;
    case '(':
    case '[':
      return T_OPEN;
    case ')':
    case ']':
      return T_CLOSE;
    case '-':
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return T_DASH;
    case ':':
      return T_COLON;
    default:
      return T_OTHER;
    }
}

static void
tokenize (Cell *c)
{
  const char *s = c->s;
  gsize i = 0;
  gboolean space = FALSE;
  while (i < c->len)
    {
      gunichar ch = g_utf8_get_char (s + i);
      gsize next = (gsize) (g_utf8_next_char (s + i) - s);
      if (ch == ' ' || ch == '\t')
        {
          space = TRUE;
          i = next;
          continue;
        }
      Tok t = { 0 };
      t.start = i;
      t.space_before = space;
      if (is_word_char (ch))
        {
          gsize j = i;
          for (;;)
            {
              gunichar cj = g_utf8_get_char (s + j);
              gsize nj = (gsize) (g_utf8_next_char (s + j) - s);
              if (j < c->len && is_word_char (cj))
                {
                  j = nj;
                  continue;
                }
              /* Hyphens and full stops inside a word ("co-ordinate",
               * "s.151"), and the full stop of a short abbreviation or
               * initial ("Asst.", "A."). */
              if (j < c->len && (cj == '-' || cj == '.') && nj < c->len
                  && is_word_char (g_utf8_get_char (s + nj)))
                {
                  j = nj;
                  continue;
                }
              if (j < c->len && cj == '.' && j - i <= 4 && g_unichar_isupper (ch))
                j = nj;
              break;
            }
          t.type = T_WORD;
          t.end = j;
          t.form = norm_fold_confusables (s + i, j - i);
          i = j;
        }
      else
        {
          t.type = punct_type (ch);
          t.end = next;
          i = next;
        }
      g_array_append_val (c->toks, t);
      space = t.type == T_NEWLINE;
    }
}

static Tok *
tok (Cell *c, guint i)
{
  return &g_array_index (c->toks, Tok, i);
}

/* The next live token from i on, or toks->len. */
static guint
live (Cell *c, guint i)
{
  while (i < c->toks->len && tok (c, i)->dead)
    i++;
  return i;
}

static gboolean
word_is (const Tok *t, const char *w)
{
  return t->type == T_WORD && g_ascii_strcasecmp (t->form, w) == 0;
}

/* ---- vocabulary -------------------------------------------------------- */

static guint
owner_bits_len (const char *s, gsize len)
{
  return norm_owner_bits (s, len);
}

static gboolean
word_has (const Tok *t, guint bits)
{
  return t->type == T_WORD && (owner_bits_len (t->form, strlen (t->form)) & bits);
}

/* The longest owner phrase of the words from i: its bits, and *n words. */
static guint
phrase_at (Cell *c, guint i, guint end, guint *n)
{
  const NormTables *t = norm_tables ();
  GString *s = g_string_new (NULL);
  guint best_bits = 0, k = 0;
  *n = 0;
  for (guint j = i; j < end && k < t->owner_words_max; j++)
    {
      Tok *tj = tok (c, j);
      if (tj->dead)
        continue;
      if (tj->type != T_WORD)
        break;
      if (k)
        g_string_append_c (s, ' ');
      g_string_append (s, tj->form);
      k++;
      guint bits = owner_bits_len (s->str, s->len);
      if (bits)
        {
          best_bits = bits;
          *n = j - i + 1;
        }
    }
  g_string_free (s, TRUE);
  return best_bits;
}

/* An abbreviation that stands for an owner: (transfer none) expansion. */
static const char *
owner_abbreviation (const PsNormaliseContext *ctx, const char *word)
{
  const char *e = norm_lookup (ctx->glossary, word);
  if (e)
    return e;
  e = norm_context_acronym (ctx, word);
  if (e)
    return e;
  return norm_lookup (norm_tables ()->abbr_owner, word);
}

static gboolean known_word (const char *w);

/* A name's words look like a person: two to four capitalised words (or
 * initials) that are neither ordinary words nor owner words; the first may
 * be an honorific ("Cllr A. Patel"). */
static gboolean
is_person (const char *name)
{
  g_auto (GStrv) words = g_strsplit (name, " ", -1);
  guint n = 0, real = 0;
  gboolean honorific = FALSE;
  for (guint i = 0; words[i]; i++)
    {
      const char *w = words[i];
      if (!*w)
        continue;
      gsize len = strlen (w);
      if (i == 0 && owner_bits_len (w, len) & OW_HONORIFIC)
        {
          honorific = TRUE;
          continue;
        }
      n++;
      gunichar first = g_utf8_get_char (w);
      if (!g_unichar_isupper (first))
        return FALSE;
      /* An initial: "A", "A.", "J.K." */
      if (len <= 2 || (len <= 4 && strchr (w, '.')))
        continue;
      gboolean has_lower = FALSE;
      for (const char *p = w; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          if (g_unichar_islower (c))
            has_lower = TRUE;
          else if (!g_unichar_isalpha (c) && c != '-' && c != '\'' && c != 0x2019)
            return FALSE;
        }
      if (!has_lower || owner_bits_len (w, len) & (OW_HEAD | OW_MODIFIER | OW_LABEL))
        return FALSE;
      if (real == 0 && !honorific && known_word (w))
        return FALSE;
      real++;
    }
  return real >= 1 && (honorific ? n >= 1 : n >= 2) && n <= 4;
}

static gboolean
known_word (const char *w)
{
  g_autofree char *lower = g_utf8_casefold (w, -1);
  gsize n = strlen (lower);
  while (n && lower[n - 1] == '.')
    lower[--n] = '\0';
  return g_hash_table_contains (norm_tables ()->words, lower)
         || g_hash_table_contains (norm_tables ()->owner_words, lower);
}

/* The words from i start an owner of their own.  strict (after an "of"
 * complement): only a role, a person or an abbreviation of a role will do. */
static gboolean starts_like_owner (Cell *c, guint i, guint end, gboolean strict);

static PsOwnerKind kind_of_name (const char *name);

static gboolean
starts_like_owner (Cell *c, guint i, guint end, gboolean strict)
{
  i = live (c, i);
  if (i >= end || tok (c, i)->type != T_WORD)
    return FALSE;
  /* "with the Corporate Leadership Team" */
  if (g_ascii_strcasecmp (tok (c, i)->form, "the") == 0)
    {
      i = live (c, i + 1);
      if (i >= end || tok (c, i)->type != T_WORD)
        return FALSE;
    }
  Tok *t0 = tok (c, i);
  guint n;
  guint bits = phrase_at (c, i, end, &n);
  if (bits & OW_HONORIFIC && live (c, i + 1) < end && tok (c, live (c, i + 1))->type == T_WORD)
    return TRUE;
  /* An abbreviation of an owner: one whose expansion has a head ("CMT"
   * yes; "HR" and "OD", departments, no: "HR & OD Manager" is one post). */
  const char *abbr = owner_abbreviation (c->ctx, t0->form);
  if (abbr && kind_of_name (abbr) != PS_OWNER_KIND_UNKNOWN)
    return TRUE;
  /* Up to three modifiers, then a head. */
  guint j = i;
  for (int step = 0; step < 4 && j < end; step++)
    {
      bits = phrase_at (c, j, end, &n);
      if (!n)
        break;
      if (bits & OW_ROLE)
        return TRUE;
      if (bits & (OW_TEAM | OW_BODY) && !strict)
        return TRUE;
      if (!(bits & OW_MODIFIER))
        break;
      j += n;
      j = live (c, j);
      if (j >= end || tok (c, j)->type != T_WORD)
        break;
    }
  /* "Economy Director", "Adult Social Care Director": a name, then a role,
   * all in one run of capitalised words. */
  for (guint k = live (c, i + 1), m = 0; k < end && m < 2; k = live (c, k + 1), m++)
    {
      Tok *tk = tok (c, k);
      if (tk->type != T_WORD || !g_unichar_isupper (g_utf8_get_char (tk->form))
          || word_has (tk, OW_MINOR | OW_JOINER))
        break;
      guint kn;
      if (phrase_at (c, k, end, &kn) & OW_ROLE)
        return g_unichar_isupper (g_utf8_get_char (t0->form));
    }
  /* A person: two capitalised words that are not ordinary words. */
  guint k = live (c, i + 1);
  if (k < end && tok (c, k)->type == T_WORD)
    {
      g_autofree char *two = g_strdup_printf ("%s %s", t0->form, tok (c, k)->form);
      if (is_person (two))
        return TRUE;
    }
  return FALSE;
}

/* ---- repairs ----------------------------------------------------------- */

/* a + b make a word the document or the word list knows, and a and b are
 * not both words in their own right. */
static gboolean
join_ok (Cell *c, const Tok *a, const Tok *b)
{
  if (a->type != T_WORD || b->type != T_WORD || !g_unichar_islower (g_utf8_get_char (b->form)))
    return FALSE;
  g_autofree char *joined = g_strconcat (a->form, b->form, NULL);
  if (!norm_word_is_known (c->ctx, joined, strlen (joined), 1))
    return FALSE;
  return !(norm_word_is_known (c->ctx, a->form, strlen (a->form), 3)
           && norm_word_is_known (c->ctx, b->form, strlen (b->form), 3));
}

static void
merge (Tok *a, Tok *b)
{
  char *joined = g_strconcat (a->form, b->form, NULL);
  g_free (a->form);
  a->form = joined;
  a->end = b->end;
  b->dead = TRUE;
}

static void
repair_words (Cell *c)
{
  const PsNormaliseContext *ctx = c->ctx;
  guint n = c->toks->len;
  for (guint i = 0; i < n; i++)
    {
      Tok *a = tok (c, i);
      if (a->dead || a->type != T_WORD)
        continue;
      for (;;)
        {
          /* "Corp orate", "Corp\norate", "Communi-\ncations" */
          guint j = live (c, i + 1);
          if (j >= n)
            break;
          Tok *b = tok (c, j);
          Tok *dash = NULL, *nl = NULL;
          if (b->type == T_DASH && !b->space_before)
            {
              dash = b;
              j = live (c, j + 1);
              if (j >= n)
                break;
              b = tok (c, j);
            }
          if (b->type == T_NEWLINE)
            {
              nl = b;
              j = live (c, j + 1);
              if (j >= n)
                break;
              b = tok (c, j);
            }
          if (dash && !nl)
            break;
          if (!join_ok (c, a, b))
            break;
          if (dash)
            dash->dead = TRUE;
          if (nl)
            nl->dead = TRUE;
          merge (a, b);
        }
      /* "ayne Pickering": a lost first letter, when the document has the
       * whole word (before the same next word, or often). */
      if (g_unichar_islower (g_utf8_get_char (a->form)) && strlen (a->form) >= 3
          && !norm_word_is_known (ctx, a->form, strlen (a->form), 2))
        {
          g_autofree char *key = g_utf8_casefold (a->form, -1);
          const char *whole = g_hash_table_lookup (ctx->capitalised, key);
          if (whole && *whole)
            {
              guint j = live (c, i + 1);
              gboolean ok;
              if (j < n && tok (c, j)->type == T_WORD)
                {
                  g_autofree char *pair = g_strdup_printf ("%s %s", whole, tok (c, j)->form);
                  g_autofree char *pkey = g_utf8_casefold (pair, -1);
                  ok = g_hash_table_contains (ctx->bigrams, pkey);
                }
              else
                {
                  g_autofree char *wkey = g_utf8_casefold (whole, -1);
                  ok = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->words, wkey)) >= 2;
                }
              if (ok)
                {
                  g_free (a->form);
                  a->form = g_strdup (whole);
                }
            }
        }
    }
}

/* "Lead: …", "Owner: …" at the start of a line: not part of the owner. */
static void
drop_labels (Cell *c)
{
  guint n = c->toks->len;
  gboolean line_start = TRUE;
  for (guint i = 0; i < n; i++)
    {
      Tok *t = tok (c, i);
      if (t->dead)
        continue;
      if (t->type == T_NEWLINE || t->type == T_SEMI)
        {
          line_start = TRUE;
          continue;
        }
      if (!line_start)
        continue;
      line_start = FALSE;
      guint words;
      guint bits = phrase_at (c, i, n, &words);
      guint k = live (c, i + words);
      if (words && bits & OW_LABEL && k < n && tok (c, k)->type == T_COLON)
        for (guint j = i; j <= k; j++)
          tok (c, j)->dead = TRUE;
    }
}

/* ---- splitting --------------------------------------------------------- */

static gboolean
joining_word (const Tok *t)
{
  return word_has (t, OW_MINOR | OW_JOINER) || t->type == T_AMP || t->type == T_COMMA
         || t->type == T_DASH;
}

static char *name_of (Cell *c, guint from, guint to);

/* A line break at k wraps a name rather than separating two owners.
 * complement: the line before has an "of"/"for" complement. */
static gboolean
newline_joins (Cell *c, guint k, gboolean complement)
{
  guint n = c->toks->len;
  int p = (int) k - 1;
  while (p >= 0 && tok (c, (guint) p)->dead)
    p--;
  guint q = live (c, k + 1);
  if (p < 0 || q >= n)
    return FALSE;
  Tok *prev = tok (c, (guint) p), *next = tok (c, q);
  if (joining_word (prev))
    return TRUE;
  if (next->type == T_AMP || next->type == T_COMMA || next->type == T_CLOSE
      || word_has (next, OW_JOINER | OW_COMPLEMENT))
    return TRUE;
  if (next->type != T_WORD)
    return FALSE;
  if (g_unichar_islower (g_utf8_get_char (next->form)) && !starts_like_owner (c, q, n, FALSE))
    return TRUE;
  /* "Corporate Leadership\nTeam": a lone head word finishing a name. */
  guint words;
  guint bits = phrase_at (c, q, n, &words);
  guint after = live (c, q + (words ? words : 1));
  gboolean alone = after >= n || tok (c, after)->type != T_WORD;
  /* "Head of Housing\nOptions": a lone word that is no owner, finishing a
   * complement. */
  if (complement && !words && alone && prev->type == T_WORD && !starts_like_owner (c, q, n, FALSE))
    return TRUE;
  if (words && bits & (OW_ROLE | OW_TEAM) && alone && prev->type == T_WORD)
    {
      guint pb = owner_bits_len (prev->form, strlen (prev->form));
      if (pb & OW_HEAD || owner_abbreviation (c->ctx, prev->form))
        return FALSE;
      /* "Claire Felton\nLeader": a whole person on the line before. */
      guint from = (guint) p, n_words = 0;
      while (from > 0 && n_words < 5)
        {
          Tok *t = tok (c, from - 1);
          if (!t->dead && t->type != T_WORD)
            break;
          from--;
          n_words += !t->dead;
        }
      g_autofree char *line = name_of (c, from, (guint) p + 1);
      return !is_person (line);
    }
  return FALSE;
}

static gboolean
short_caps (const Tok *t)
{
  if (t->type != T_WORD || strlen (t->form) > 4)
    return FALSE;
  for (const char *p = t->form; *p; p++)
    if (!g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* "Director of HR/OD": a slash between two short abbreviations inside a
 * complement joins them. */
static gboolean
slash_joins (Cell *c, guint k, gboolean complement)
{
  if (k == 0 || k + 1 >= c->toks->len)
    return FALSE;
  Tok *t = tok (c, k), *a = tok (c, k - 1), *b = tok (c, k + 1);
  return complement && !t->space_before && !b->space_before && !a->dead && !b->dead
         && short_caps (a) && short_caps (b);
}

typedef struct
{
  guint from, to; /* token range */
} Seg;

/* Hard splits: pieces between separators that always separate owners. */
static void
split_hard (Cell *c, GArray *pieces)
{
  guint n = c->toks->len, start = 0;
  int depth = 0;
  gboolean complement = FALSE; /* the piece so far has an of/for complement */
  for (guint i = 0; i < n; i++)
    {
      Tok *t = tok (c, i);
      if (t->dead)
        continue;
      if (t->type == T_OPEN)
        depth++;
      else if (t->type == T_CLOSE && depth > 0)
        depth--;
      else if (depth == 0 && word_has (t, OW_COMPLEMENT))
        complement = TRUE;
      gboolean cut = FALSE;
      switch (t->type)
        {
        case T_NEWLINE:
          /* A bracket left open is closed by the end of its line; a line
           * that only wraps a name is no break at all. */
          cut = !newline_joins (c, i, complement);
          if (cut)
            depth = 0;
          else
            t->dead = TRUE;
          break;
        case T_SEMI:
        case T_BAR:
        case T_BULLET:
          cut = depth == 0;
          break;
        case T_SLASH:
          cut = depth == 0 && !slash_joins (c, i, complement);
          break;
        default:
          break;
        }
      if (cut)
        {
          Seg s = { start, i };
          g_array_append_val (pieces, s);
          start = i + 1;
          complement = FALSE;
        }
    }
  Seg s = { start, n };
  g_array_append_val (pieces, s);
}

/* Does the segment [from, to) end like a whole owner: with a head phrase
 * ("… Team", "… Director", "group leaders"), or is it one abbreviation that
 * stands for an owner ("ACE")? */
static gboolean
ends_like_owner (Cell *c, guint from, guint to, guint words)
{
  const NormTables *t = norm_tables ();
  guint idx[8], n = 0;
  for (guint i = to; i-- > from && n < t->owner_words_max && n < G_N_ELEMENTS (idx);)
    {
      Tok *ti = tok (c, i);
      if (ti->dead)
        continue;
      if (ti->type != T_WORD)
        break;
      idx[n++] = i;
    }
  if (!n)
    return FALSE;
  const char *abbr = words == 1 ? owner_abbreviation (c->ctx, tok (c, idx[0])->form) : NULL;
  if (abbr && kind_of_name (abbr) != PS_OWNER_KIND_UNKNOWN)
    return TRUE;
  GString *s = g_string_new (NULL);
  gboolean found = FALSE;
  for (guint len = 1; len <= n && !found; len++)
    {
      g_string_truncate (s, 0);
      for (guint k = len; k-- > 0;)
        {
          g_string_append (s, tok (c, idx[k])->form);
          if (k)
            g_string_append_c (s, ' ');
        }
      found = (owner_bits_len (s->str, s->len) & OW_HEAD) != 0;
    }
  g_string_free (s, TRUE);
  return found;
}

/* The word at r is the last of its owner: a separator or the end follows. */
static gboolean
last_word (Cell *c, guint r, guint end)
{
  guint k = live (c, r + 1);
  if (k >= end)
    return TRUE;
  const Tok *t = tok (c, k);
  guint n;
  return t->type != T_WORD || (phrase_at (c, k, end, &n) & OW_JOINER);
}

/* Soft splits of one piece at ',', '&' and joining words ("and", "with",
 * "in concert with") where an owner starts.  What it knows about the
 * segment so far is kept as it goes, so a long cell costs linear time. */
static void
split_soft (Cell *c, Seg piece, GArray *segs)
{
  guint start = piece.from, words = 0;
  int depth = 0;
  gboolean complement = FALSE;
  for (guint i = piece.from; i < piece.to; i++)
    {
      Tok *t = tok (c, i);
      if (t->dead)
        continue;
      if (t->type == T_OPEN)
        depth++;
      else if (t->type == T_CLOSE && depth > 0)
        depth--;
      guint jn = 0; /* tokens in a joining phrase */
      if (depth == 0 && t->type == T_WORD)
        {
          guint bits = phrase_at (c, i, piece.to, &jn);
          /* "Director of Housing Cllr S. Mahmood": an honorific starts a
           * new owner wherever it stands. */
          if ((bits & (OW_HONORIFIC | OW_ROLE)) == OW_HONORIFIC && words
              && g_unichar_isupper (g_utf8_get_char (t->form)) && live (c, i + 1) < piece.to
              && tok (c, live (c, i + 1))->type == T_WORD)
            {
              Seg s = { start, i };
              g_array_append_val (segs, s);
              start = i;
              words = 1;
              complement = FALSE;
              continue;
            }
          if (!(bits & OW_JOINER))
            jn = 0;
        }
      gboolean joiner = depth == 0 && (t->type == T_COMMA || t->type == T_AMP || jn);
      if (!joiner)
        {
          if (t->type == T_WORD)
            {
              words++;
              if (depth == 0 && word_has (t, OW_COMPLEMENT))
                complement = TRUE;
            }
          /* "Assistant Director – Strategy & Performance": a dash after a
           * post opens its portfolio, as "of" does. */
          if (depth == 0 && t->type == T_DASH && t->space_before && words)
            complement = TRUE;
          continue;
        }
      if (!words)
        {
          if (jn)
            i += jn - 1;
          continue;
        }
      guint r = live (c, i + (jn ? jn : 1));
      /* ", and" / "& and": look past the second joiner. */
      if (r < piece.to && (word_is (tok (c, r), "and") || tok (c, r)->type == T_AMP))
        r = live (c, r + 1);
      gboolean split = starts_like_owner (c, r, piece.to, complement);
      /* "ACE and Place": a whole owner, then one capitalised name. */
      if (!split && !complement && t->type != T_COMMA && r < piece.to && tok (c, r)->type == T_WORD
          && g_unichar_isupper (g_utf8_get_char (tok (c, r)->form)) && last_word (c, r, piece.to)
          && ends_like_owner (c, start, i, words))
        split = TRUE;
      /* Both sides must look like owners: "Overview and Scrutiny
       * Committee" is one. */
      if (split && !complement && !starts_like_owner (c, start, i, FALSE)
          && !ends_like_owner (c, start, i, words))
        split = FALSE;
      if (split && t->type == T_COMMA && words <= 6)
        {
          /* "Jane Smith, Director of Finance", "Head of Housing, Jane
           * Smith": a person and their title. */
          g_autofree char *left = name_of (c, start, i);
          guint e = r, k = 0;
          while (e < piece.to && k < 12
                 && !(tok (c, e)->type == T_COMMA || tok (c, e)->type == T_AMP
                      || word_is (tok (c, e), "and")))
            e++, k++;
          g_autofree char *right = name_of (c, r, e);
          gboolean left_person = is_person (left), right_person = is_person (right);
          if (left_person && !right_person && kind_of_name (right) == PS_OWNER_KIND_ROLE)
            split = FALSE;
          if (right_person && !left_person && kind_of_name (left) == PS_OWNER_KIND_ROLE)
            split = FALSE;
        }
      if (!split)
        {
          if (jn)
            {
              i += jn - 1;
              words += jn;
            }
          /* "Service Manager, Front Door": what follows the comma qualifies
           * the post. */
          if (t->type == T_COMMA)
            complement = TRUE;
          continue;
        }
      Seg s = { start, i };
      g_array_append_val (segs, s);
      start = i + (jn ? jn : 1);
      i = start - 1;
      words = 0;
      complement = FALSE;
    }
  Seg s = { start, piece.to };
  g_array_append_val (segs, s);
}

/* ---- names ------------------------------------------------------------- */

/* The segment's words as one string, with the printed spacing, repaired
 * forms, the document's abbreviations and word-scope ones expanded ("Asst"
 * -> "Assistant"): (transfer full). */
static char *
name_of (Cell *c, guint from, guint to)
{
  GString *s = g_string_new (NULL);
  gboolean first = TRUE;
  for (guint i = from; i < to; i++)
    {
      Tok *t = tok (c, i);
      if (t->dead || t->type == T_NEWLINE)
        continue;
      if (!first && (t->space_before || (i > 0 && tok (c, i - 1)->type == T_NEWLINE)))
        g_string_append_c (s, ' ');
      if (t->type == T_WORD)
        {
          /* The document's own abbreviations are safe anywhere ("SAB
           * Business Manager"); the built-in ones only where they stand for
           * a word ("Asst"). */
          const char *w = g_hash_table_size (c->ctx->glossary)
                              ? norm_lookup (c->ctx->glossary, t->form)
                              : NULL;
          if (!w)
            w = norm_lookup (norm_tables ()->abbr_word, t->form);
          g_string_append (s, w ? w : t->form);
        }
      else
        g_string_append_len (s, c->s + t->start, (gssize) (t->end - t->start));
      first = FALSE;
    }
  return g_string_free (s, FALSE);
}

/* A word that stays lower case inside a name ("of", "and", "the"). */
static gboolean
small_title_word (const char *w)
{
  return (owner_bits_len (w, strlen (w)) & OW_MINOR) != 0;
}

/* '&' as "and", lower-case words capitalised (not the small ones), shouted
 * ordinary words in title case, whitespace collapsed: (transfer full). */
static char *
canonical_name (const char *name)
{
  g_autofree char *flat = ps_text_flatten (name);
  g_auto (GStrv) words = g_strsplit (flat, " ", -1);
  GString *out = g_string_new (NULL);
  guint n = 0;
  for (guint i = 0; words[i]; i++)
    {
      char *w = words[i];
      if (!*w)
        continue;
      if (n)
        g_string_append_c (out, ' ');
      if (strcmp (w, "&") == 0 || strcmp (w, "+") == 0)
        {
          g_string_append (out, "and");
          n++;
          continue;
        }
      /* "(finance" -> "(Finance": capitalise after opening punctuation. */
      char *core = w;
      while (*core && !g_unichar_isalnum (g_utf8_get_char (core)))
        core = g_utf8_next_char (core);
      g_string_append_len (out, w, core - w);
      gboolean lower = TRUE, upper = TRUE;
      guint letters = 0;
      for (const char *p = core; *p; p = g_utf8_next_char (p))
        {
          gunichar ch = g_utf8_get_char (p);
          if (g_unichar_isupper (ch))
            lower = FALSE, letters++;
          else if (g_unichar_islower (ch))
            upper = FALSE, letters++;
        }
      if (n && small_title_word (core))
        {
          g_autofree char *down = g_utf8_strdown (core, -1);
          g_string_append (out, down);
        }
      else if (*core && lower && letters)
        {
          gunichar first = g_utf8_get_char (core);
          g_string_append_unichar (out, g_unichar_totitle (first));
          g_string_append (out, g_utf8_next_char (core));
        }
      else if (*core && upper && letters >= 4 && known_word (core))
        {
          g_autofree char *down = g_utf8_strdown (g_utf8_next_char (core), -1);
          g_string_append_unichar (out, g_utf8_get_char (core));
          g_string_append (out, down);
        }
      else
        g_string_append (out, core);
      n++;
    }
  return g_string_free (out, FALSE);
}

/* The kind an owner's name says: the last head phrase before an "of"/"for"
 * complement ("Council Management Team" is a team, "Director of Children's
 * Services" a role). */
static PsOwnerKind
kind_of_name (const char *name)
{
  const NormTables *t = norm_tables ();
  g_autofree char *key = norm_key (name, strlen (name));
  g_auto (GStrv) w = g_strsplit (key, " ", -1);
  guint n = g_strv_length (w);
  guint last = 0;
  for (guint i = 0; i < n;)
    {
      guint best = 0, best_len = 0;
      GString *s = g_string_new (NULL);
      for (guint k = 0; k < t->owner_words_max && i + k < n; k++)
        {
          if (k)
            g_string_append_c (s, ' ');
          g_string_append (s, w[i + k]);
          guint bits = GPOINTER_TO_UINT (g_hash_table_lookup (t->owner_words, s->str));
          if (bits & OW_HEAD)
            {
              best = bits;
              best_len = k + 1;
            }
        }
      g_string_free (s, TRUE);
      if (best_len)
        {
          last = best;
          i += best_len;
          continue;
        }
      if (GPOINTER_TO_UINT (g_hash_table_lookup (t->owner_words, w[i])) & OW_COMPLEMENT)
        break;
      i++;
    }
  if (last & OW_ROLE)
    return PS_OWNER_KIND_ROLE;
  if (last & OW_TEAM)
    return PS_OWNER_KIND_TEAM;
  if (last & OW_BODY)
    return PS_OWNER_KIND_BODY;
  return PS_OWNER_KIND_UNKNOWN;
}

/* A name that is only an abbreviation, perhaps after modifiers ("CMT",
 * "Deputy CEx", "s151 Officer"), or that starts with the abbreviation of a
 * post ("PH Housing" -> "Portfolio Holder Housing"; not "HR Director", HR
 * being no post): the expansion, or NULL. */
static char *
expand_abbreviation (const PsNormaliseContext *ctx, const char *name)
{
  const char *whole = owner_abbreviation (ctx, name);
  if (whole)
    return g_strdup (whole);
  const char *sp = strrchr (name, ' ');
  if (!sp)
    return NULL;
  const char *first_sp = strchr (name, ' ');
  g_autofree char *first = g_strndup (name, (gsize) (first_sp - name));
  const char *lead = owner_abbreviation (ctx, first);
  if (lead && kind_of_name (lead) == PS_OWNER_KIND_ROLE)
    return g_strdup_printf ("%s%s", lead, first_sp);
  /* Every word before the abbreviation must be a modifier. */
  g_autofree char *head = g_strndup (name, (gsize) (sp - name));
  g_auto (GStrv) mods = g_strsplit (head, " ", -1);
  for (guint i = 0; mods[i]; i++)
    if (!(owner_bits_len (mods[i], strlen (mods[i])) & OW_MODIFIER))
      return NULL;
  const char *last = owner_abbreviation (ctx, sp + 1);
  return last ? g_strdup_printf ("%s %s", head, last) : NULL;
}

/* Cuts a trailing remark: "Director of Law & Governance to keep under
 * review" -> "Director of Law & Governance"; and trailing punctuation. */
static void
cut_remark (char *name)
{
  const pcre2_code *code = norm_pattern (NP_OWNER_REMARK);
  g_autoptr (pcre2_match_data) md = pcre2_match_data_create_from_pattern (code, NULL);
  gsize len = strlen (name);
  if (pcre2_match (code, (PCRE2_SPTR) name, len, 0, 0, md, NULL) > 0)
    name[norm_match_start (md)] = '\0';
  len = strlen (name);
  while (len && strchr (" .,;:-", name[len - 1]))
    name[--len] = '\0';
}

typedef struct
{
  char *name;
  char *role;
  PsOwnerKind kind;
} Meaning;

static gboolean
starts_like_role_text (const PsNormaliseContext *ctx, const char *s)
{
  g_autofree char *exp = expand_abbreviation (ctx, s);
  return kind_of_name (exp ? exp : s) == PS_OWNER_KIND_ROLE;
}

/* A name without a head word still names a service when it is short,
 * capitalised, without figures, and its lower-case words are only joining
 * words. */
static gboolean
reads_like_name (const char *name)
{
  g_auto (GStrv) words = g_strsplit (name, " ", -1);
  guint n = 0;
  for (guint i = 0; words[i]; i++)
    {
      const char *w = words[i];
      if (!*w)
        continue;
      n++;
      gboolean letter = FALSE;
      for (const char *p = w; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          if (g_unichar_isdigit (c))
            return FALSE;
          letter |= g_unichar_isalpha (c);
        }
      if (!letter && strcmp (w, "&") != 0 && strcmp (w, "-") != 0)
        continue;
      gunichar first = g_utf8_get_char (w);
      if (g_unichar_islower (first)
          && (n == 1 || g_ascii_strcasecmp (w, "the") == 0 || !small_title_word (w)))
        return FALSE;
    }
  return n >= 1 && n <= 6;
}

/* A dash between spaces (" - ", " – ", " — "): where it starts, and its
 * length with the spaces. */
static char *
find_dash (char *name, gsize *len)
{
  static const char *const dashes[] = { " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 " };
  char *best = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (dashes); i++)
    {
      char *p = strstr (name, dashes[i]);
      if (p && (!best || p < best))
        {
          best = p;
          *len = strlen (dashes[i]);
        }
    }
  return best;
}

/* Reads one owner's name: person or post, with the title beside a person. */
static void
interpret (const PsNormaliseContext *ctx, char *raw, Meaning *m)
{
  memset (m, 0, sizeof *m);
  cut_remark (raw);
  char *name = raw, *role = NULL;
  if (g_ascii_strncasecmp (name, "the ", 4) == 0)
    name += 4;
  g_autofree char *role_buf = NULL;
  /* "Vikki Slade – Leader", "Leader - Vikki Slade", "CMT - overseeing". */
  gsize dash_len;
  char *dash = find_dash (name, &dash_len);
  if (dash)
    {
      char *right = dash + dash_len;
      *dash = '\0';
      if (g_unichar_islower (g_utf8_get_char (right)))
        ; /* a remark: dropped */
      else if (is_person (name) && starts_like_role_text (ctx, right))
        role = right;
      else if (is_person (right) && starts_like_role_text (ctx, name))
        {
          role = name;
          name = right;
        }
      else
        *dash = ' '; /* neither: keep it whole */
    }
  /* "Jane Smith (Director of Finance)", "Director of Finance (Jane Smith)",
   * "Director of Finance (lead)". */
  gsize len = strlen (name);
  char *open = strrchr (name, '(');
  if (!role && open && len && name[len - 1] == ')' && open > name)
    {
      g_autofree char *inside = g_strndup (open + 1, (gsize) (name + len - 1 - (open + 1)));
      g_strstrip (inside);
      g_autofree char *before = g_strndup (name, (gsize) (open - name));
      g_strstrip (before);
      if (owner_bits_len (inside, strlen (inside)) & OW_LABEL)
        *open = '\0';
      else if (is_person (before) && starts_like_role_text (ctx, inside))
        {
          role_buf = g_strdup (inside);
          *open = '\0';
          role = role_buf;
        }
      else if (is_person (inside) && starts_like_role_text (ctx, before))
        {
          role_buf = g_strdup (before);
          memmove (name, inside, strlen (inside) + 1);
          role = role_buf;
        }
    }
  /* "Jane Smith, Director of Finance" */
  char *comma = strchr (name, ',');
  if (!role && comma)
    {
      *comma = '\0';
      char *right = comma + 1;
      while (*right == ' ')
        right++;
      if (is_person (name) && starts_like_role_text (ctx, right))
        role = right;
      else if (is_person (right) && starts_like_role_text (ctx, name))
        {
          role_buf = g_strdup (name);
          memmove (name, right, strlen (right) + 1);
          role = role_buf;
        }
      else
        *comma = ',';
    }
  g_strstrip (name);
  cut_remark (name);
  if (role)
    {
      g_strstrip (role);
      cut_remark (role);
    }
  if (!*name)
    return;
  if (is_person (name))
    {
      g_autofree char *flat = ps_text_flatten (name);
      m->name = g_strdup (flat);
      if (role && *role)
        {
          g_autofree char *exp = expand_abbreviation (ctx, role);
          m->role = canonical_name (exp ? exp : role);
        }
      m->kind = PS_OWNER_KIND_PERSON;
      return;
    }
  g_autofree char *exp = expand_abbreviation (ctx, name);
  m->name = canonical_name (exp ? exp : name);
  m->kind = kind_of_name (m->name);
  if (m->kind == PS_OWNER_KIND_UNKNOWN)
    {
      /* No head word: a service or department ("Place", "Performance",
       * "Communications and Communities") when it reads like a name; a
       * remark ("Launch of the DV Strategy", "2017/18", "as required") is
       * no owner at all. */
      if (!reads_like_name (name))
        {
          g_clear_pointer (&m->name, g_free);
          return;
        }
      m->kind = PS_OWNER_KIND_TEAM;
    }
  if (m->kind == PS_OWNER_KIND_ROLE)
    m->role = g_strdup (m->name);
}

/* ---- the cell ---------------------------------------------------------- */

static gboolean
full_stop (Cell *c, guint i)
{
  const Tok *t = tok (c, i);
  return !t->dead && t->type == T_OTHER && c->s[t->start] == '.' && i > 0;
}

static gboolean
only_unspecified (const char *text)
{
  const NormTables *t = norm_tables ();
  g_autofree char *key = norm_key (text, strlen (text));
  if (!*key)
    return TRUE; /* "-", "?" */
  gpointer v = g_hash_table_lookup (t->due_words, key);
  return v && GPOINTER_TO_INT (v) - 1 == PS_DUE_KIND_UNSPECIFIED;
}

/* seen: the owners so far, as "kind name", so a long cell stays linear. */
static void
add_owner (PsItemList *list, PsItem *item, const char *text, const Meaning *m, GHashTable *seen)
{
  /* The same owner twice (continuation rows repeat it) is one owner. */
  char *key = g_strdup_printf ("%d %s", m->kind, m->name);
  if (!g_hash_table_add (seen, key))
    return;
  PsOwner *o = ps_item_add_owner (list, item, text);
  o->name = ps_item_list_strdup (list, m->name);
  o->role = ps_item_list_strdup (list, m->role);
  o->kind = m->kind;
}

static gboolean
is_reference (const PsNormaliseContext *ctx, const char *flat)
{
  g_autofree char *ascii = norm_ascii_punct (flat);
  const char *p = ascii;
  while (*p && !g_ascii_isalnum (*p))
    p++;
  g_autofree char *number = NULL, *source = NULL;
  int dir;
  gsize end;
  if (!norm_parse_reference (ctx, p, &number, &source, &dir, &end))
    return FALSE;
  for (const char *q = p + end; *q; q++)
    if (g_ascii_isalnum (*q))
      return FALSE;
  return TRUE;
}

void
ps_owners_parse (const PsNormaliseContext *ctx, PsItemList *list, PsItem *item, const char *text)
{
  g_return_if_fail (ctx != NULL && list != NULL && item != NULL);
  g_ptr_array_set_size (item->owners, 0);
  if (!text)
    return;
  g_autofree char *collapsed = ps_text_collapse (text);
  g_autofree char *flat = ps_text_flatten (collapsed);
  if (!*flat || only_unspecified (flat))
    return;
  if (is_reference (ctx, flat))
    {
      /* "As 19 above": ps_owners_resolve_references copies 19's owners. */
      ps_item_add_owner (list, item, flat);
      return;
    }
  Cell c = { ctx, collapsed, strlen (collapsed), g_array_new (FALSE, TRUE, sizeof (Tok)) };
  g_array_set_clear_func (c.toks, tok_clear);
  tokenize (&c);
  repair_words (&c);
  drop_labels (&c);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Seg));
  g_autoptr (GArray) segs = g_array_new (FALSE, FALSE, sizeof (Seg));
  split_hard (&c, pieces);
  for (guint i = 0; i < pieces->len; i++)
    split_soft (&c, g_array_index (pieces, Seg, i), segs);
  for (guint i = 0; i < segs->len; i++)
    {
      Seg s = g_array_index (segs, Seg, i);
      /* Trim joiners and punctuation at both ends. */
      while (s.from < s.to
             && (tok (&c, s.from)->dead || (tok (&c, s.from)->type != T_WORD && tok (&c, s.from)->type != T_OPEN)
                 || word_is (tok (&c, s.from), "and")))
        s.from++;
      while (s.to > s.from
             && (tok (&c, s.to - 1)->dead
                 || (tok (&c, s.to - 1)->type != T_WORD && tok (&c, s.to - 1)->type != T_CLOSE
                     && !full_stop (&c, s.to - 1))
                 || word_is (tok (&c, s.to - 1), "and")))
        s.to--;
      /* A full stop after a separator is not the owner's. */
      if (s.to > s.from && full_stop (&c, s.to - 1) && tok (&c, s.to - 2)->type != T_WORD)
        s.to--;
      if (s.from >= s.to)
        continue;
      g_autofree char *printed = g_strndup (c.s + tok (&c, s.from)->start,
                                            tok (&c, s.to - 1)->end - tok (&c, s.from)->start);
      g_autofree char *owner_text = ps_text_flatten (printed);
      if (only_unspecified (owner_text))
        continue;
      g_autofree char *raw = name_of (&c, s.from, s.to);
      Meaning m;
      interpret (ctx, raw, &m);
      if (m.name && *m.name)
        add_owner (list, item, owner_text, &m, seen);
      g_free (m.name);
      g_free (m.role);
    }
  g_array_unref (c.toks);
}

/* ---- references -------------------------------------------------------- */

typedef struct
{
  const PsNormaliseContext *ctx;
  const PsItemList *list;
} Resolve;

static gboolean
owner_is_reference (const PsNormaliseContext *ctx, const PsOwner *o)
{
  return o->kind == PS_OWNER_KIND_UNKNOWN && !o->name && o->text && is_reference (ctx, o->text);
}

static int
owner_reference_target (const PsNormaliseContext *ctx, const PsItemList *list, int index)
{
  const PsItem *item = g_ptr_array_index (list->items, index);
  if (item->owners->len != 1 || !owner_is_reference (ctx, g_ptr_array_index (item->owners, 0)))
    return -1;
  const PsOwner *o = g_ptr_array_index (item->owners, 0);
  g_autofree char *ascii = norm_ascii_punct (o->text);
  const char *p = ascii;
  while (*p && !g_ascii_isalnum (*p))
    p++;
  g_autofree char *number = NULL, *source = NULL;
  int dir = 0;
  gsize end;
  if (!norm_parse_reference (ctx, p, &number, &source, &dir, &end))
    return -1;
  if (!number)
    return dir > 0 ? index + 1 : index - 1;
  return norm_ref_resolve (ctx, number, source, index, dir);
}

static gboolean
owners_are_reference (gconstpointer data, int i)
{
  const Resolve *r = data;
  const PsItem *item = g_ptr_array_index (r->list->items, i);
  return item->owners->len == 1 && owner_is_reference (r->ctx, g_ptr_array_index (item->owners, 0));
}

void
ps_owners_resolve_references (const PsNormaliseContext *ctx, PsItemList *list)
{
  g_return_if_fail (ctx != NULL && list != NULL);
  int n = (int) list->items->len;
  Resolve r = { ctx, list };
  g_autofree int *step = g_new (int, n + 1);
  g_autofree int *final = g_new (int, n + 1);
  g_autofree gboolean *is_ref = g_new0 (gboolean, n + 1);
  for (int i = 0; i < n; i++)
    {
      final[i] = -2;
      is_ref[i] = owners_are_reference (&r, i);
      step[i] = is_ref[i] ? owner_reference_target (ctx, list, i) : -1;
    }
  /* Find every target first, so copying one item's owners cannot change
   * what a later chain sees. */
  norm_resolve_chains (n, step, final, owners_are_reference, &r);
  for (int i = 0; i < n; i++)
    {
      if (!is_ref[i])
        continue;
      PsItem *item = g_ptr_array_index (list->items, i);
      g_ptr_array_set_size (item->owners, 0);
      if (final[i] < 0)
        continue;
      const PsItem *ti = g_ptr_array_index (list->items, final[i]);
      for (guint k = 0; k < ti->owners->len; k++)
        {
          const PsOwner *src = g_ptr_array_index (ti->owners, k);
          PsOwner *o = ps_item_add_owner (list, item, NULL);
          o->text = src->text;
          o->name = src->name;
          o->role = src->role;
          o->kind = src->kind;
        }
    }
}
