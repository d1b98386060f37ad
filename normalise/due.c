/* due.c — due cells ("March 2024", "Q3 2024/25", "by July 2024",
 * "Original target July 2023 Extended to February 2024", "As 19 above")
 * into PsDue, by SPEC.md's date conventions.
 *
 * A cell is read from left to right as a series of expressions: optional
 * lead words (by, from, end of, early, original, extended to, …), a date
 * atom (a day, month, quarter, half, season, year, financial year or a
 * period relative to the document's date), an optional second atom after
 * "to" or "-" (a range), and an optional "and ongoing"/"onwards".  Anything
 * else ends the expressions on that line: it is a remark, kept in the text,
 * in which only a revision with a new date ("Deferred to May 2024") still
 * counts.  Expressions may run over line breaks (a PDF cell wraps "September
 * 2018 and / ongoing"); remarks stop at them.
 *
 * Rules where SPEC.md is silent (tests/cases/normalise/due.txt shows each):
 * - Winter YYYY runs from December YYYY to February YYYY+1; Winter YYYY/YY
 *   from December of the first year.  A season with a financial year is the
 *   season of its first calendar year.
 * - early/mid/late (and start of) a year, financial year, half, quarter or
 *   season is its first/middle/last third: early 2024 = January-April, mid =
 *   May-August, late = September-December, as kind range with precision
 *   month (kind date when the third is one month).  On a month or a day
 *   they change nothing.
 * - "by X" (and "within N months") is a deadline at the last day of X;
 *   "end of X" without "by" is X itself ("End of March 2025" is March
 *   2025), "by the end of X" a deadline.  "from X" is ongoing from the
 *   start of X.  "w/c D Month" is the range of seven days.
 * - Financial years: "2024/25", "2024-25", "2024/2025" and "2022-2023"
 *   (one year apart), as UK plans print them; "2025/28" and "2019-22" span
 *   financial years 2025/26 to 2027/28 and 2019/20 to 2021/22 (kind range);
 *   only four-digit years more than one apart with a hyphen ("2024-2026",
 *   "Council Plan 2018-2022") span calendar years.
 * - A month, day, season, quarter or half without a year takes it from the
 *   next date in the same line ("February to August 2024"), or from a year
 *   printed just before it ("2023/24 Q4"), else from the document's date:
 *   the first occurrence in the twelve months starting three months before
 *   it (plans look ahead, progress reports a little back).  A quarter or
 *   half without a year is of a financial year.  With no document date the
 *   atom is not read.
 * - Relative phrases ("by the end of the year", "next month", "within 3
 *   months", "end of the financial year") count from the document's date;
 *   without one they are not read.
 * - A line may start with up to four words before its date when a lead
 *   introduces it ("To be completed by September 2024") or the date has its
 *   year ("[Culture dashboard - September 2018]").  A date after "after",
 *   "following" or "subject to" is not when something is due.
 * - Several dates in one cell: identical ones count once; distinct ones give
 *   a range from the earliest start to the latest end with the coarsest
 *   precision.  When any part of the cell is ongoing ("Ongoing\nNovember
 *   2018"), the cell is ongoing from the earliest start.  Other undated
 *   parts (TBC, "In place", a reference) do not count beside dated ones.
 * - A revision ("Extended to", "Revised:", "now", "Deferred to") replaces the
 *   date before it, which becomes revised_from (a chain for several).  A
 *   revision word without a new date is a remark. */
#include "normalise_private.h"

#include <string.h>

/* ---- atoms -------------------------------------------------------------- */

typedef enum
{
  AT_NONE,
  AT_DAY,
  AT_MONTH,
  AT_QUARTER,
  AT_HALF,
  AT_SEASON,
  AT_YEAR,
  AT_FISCAL, /* financial years y/y+1 .. (y2-1)/y2 */
  AT_YEARS,  /* calendar years y .. y2 */
  AT_SPAN,   /* already resolved (relative phrases) */
} AtomType;

typedef struct
{
  AtomType type;
  int y, y2;        /* y == 0: no year printed */
  gboolean fiscal;  /* a quarter/half/season given with a financial year */
  int m, d, n;      /* month, day; quarter/half number or season start month */
  gboolean end_flag; /* "year end": an end-of-period deadline by itself */
  gboolean resolved;
  Ymd start, end;
  PsPrecision precision;
} Atom;

enum
{
  LEAD_ORIGINAL = 1 << 0,
  LEAD_REVISION = 1 << 1,
  LEAD_DEADLINE = 1 << 2,
  LEAD_END = 1 << 3,
  LEAD_START = 1 << 4,
  LEAD_PART = 1 << 5,
  LEAD_FROM = 1 << 6,
  LEAD_WEEK = 1 << 7,
  LEAD_BETWEEN = 1 << 8,
  LEAD_PLAIN = 1 << 9,
  EXPR_ONGOING = 1 << 10,
  /* Leads that introduce a date even after other words ("To be completed
   * by …"). */
  LEAD_STRONG = LEAD_ORIGINAL | LEAD_REVISION | LEAD_DEADLINE | LEAD_END | LEAD_START | LEAD_FROM
                | LEAD_WEEK | LEAD_BETWEEN,
};

typedef struct
{
  guint flags;
  int part; /* 0, or 1 early, 2 mid, 3 late */
  Atom a, b;
  gboolean has_b;
  gsize start, end;
} Expr;

typedef struct Part Part;
struct Part
{
  PsDueKind kind;
  gboolean dated;
  Ymd start, end; /* the period; a deadline's start is its period's start */
  PsPrecision precision;
  gsize text_start, text_end;
  gboolean revision;
  Part *revised_from;
  char *ref; /* PS_DUE_KIND_REFERENCE: the mention as printed, or NULL */
};

typedef struct
{
  const PsNormaliseContext *ctx;
  const char *s; /* the cell, whitespace collapsed, punctuation made ASCII */
  gsize len;
  pcre2_match_data *md;
  GPtrArray *parts; /* Part* */
  Ymd doc;
} Parser;

static void
part_free (Part *p)
{
  while (p)
    {
      Part *next = p->revised_from;
      g_free (p->ref);
      g_free (p);
      p = next;
    }
}

static int
precision_rank (PsPrecision p)
{
  switch (p)
    {
    case PS_PRECISION_DAY:
      return 1;
    case PS_PRECISION_MONTH:
      return 2;
    case PS_PRECISION_QUARTER:
    case PS_PRECISION_SEASON:
      return 3;
    case PS_PRECISION_HALF:
      return 4;
    case PS_PRECISION_YEAR:
    case PS_PRECISION_FISCAL_YEAR:
      return 5;
    default:
      return 0;
    }
}

static PsPrecision
coarser (PsPrecision a, PsPrecision b)
{
  return precision_rank (b) > precision_rank (a) ? b : a;
}

/* ---- reading atoms ------------------------------------------------------ */

static gboolean
match (Parser *ps, NormPattern id, gsize pos)
{
  return norm_match_at (norm_pattern (id), ps->s, ps->len, pos, ps->md) > 0;
}

static int
group_int (Parser *ps, NormPattern id, const char *name, int fallback)
{
  return norm_named_int (norm_pattern (id), ps->md, ps->s, name, fallback);
}

static gboolean
group_span (Parser *ps, NormPattern id, const char *name, gsize *s, gsize *e)
{
  return norm_named_span (norm_pattern (id), ps->md, name, s, e) && *e > *s;
}

/* The year of a match: a four-digit "y", or a two-digit "yy" ('24). */
static int
group_year (Parser *ps, NormPattern id)
{
  int y = group_int (ps, id, "y", 0);
  if (y)
    return y;
  int yy = group_int (ps, id, "yy", -1);
  return yy >= 0 ? 2000 + yy : 0;
}

/* A month name as printed.  A lower-case month that is also an ordinary
 * word ("may", "march") is only a month with a year beside it. */
static int
group_month (Parser *ps, NormPattern id, gboolean has_year)
{
  gsize s, e;
  if (!group_span (ps, id, "mon", &s, &e))
    return 0;
  int m = GPOINTER_TO_INT (norm_lookup_len (norm_tables ()->months, ps->s + s, e - s));
  if (m && !has_year && g_ascii_islower (ps->s[s]))
    {
      g_autofree char *w = g_ascii_strdown (ps->s + s, (gssize) (e - s));
      if (g_hash_table_contains (norm_tables ()->words, w))
        return 0;
    }
  return m;
}

/* A financial year from the fy1/fysep/fy2 groups; FALSE when they do not
 * make one. */
static gboolean
group_fiscal (Parser *ps, NormPattern id, Atom *a)
{
  gsize s1, e1, s2, e2, ss, se;
  if (!group_span (ps, id, "fy1", &s1, &e1) || !group_span (ps, id, "fy2", &s2, &e2)
      || !group_span (ps, id, "fysep", &ss, &se))
    return FALSE;
  int y1 = group_int (ps, id, "fy1", -1), y2 = group_int (ps, id, "fy2", -1);
  gboolean two1 = e1 - s1 == 2, two2 = e2 - s2 == 2;
  char sep = ps->s[ss];
  if (y1 < 0 || y2 < 0)
    return FALSE;
  if (two1)
    {
      /* "23/24": only a financial year when the years follow each other. */
      if (!two2 || sep != '/' || (y1 + 1) % 100 != y2)
        return FALSE;
      y1 += 2000;
      y2 = y1 + 1;
    }
  else if (two2)
    {
      y2 += y1 / 100 * 100;
      if (y2 < y1)
        y2 += 100;
    }
  if (y2 <= y1 || y2 > y1 + 10)
    return FALSE;
  if (sep == '-' && !two2 && y2 > y1 + 1)
    {
      a->type = AT_YEARS;
      a->y = y1;
      a->y2 = y2;
      return TRUE;
    }
  a->type = AT_FISCAL;
  a->y = y1;
  a->y2 = y2;
  return TRUE;
}

/* The year a quarter/half/season is given with: a financial year or a
 * calendar year, or none. */
static gboolean
period_year (Parser *ps, NormPattern id, Atom *a)
{
  gsize s, e;
  if (group_span (ps, id, "fy1", &s, &e))
    {
      Atom fy = { 0 };
      if (!group_fiscal (ps, id, &fy) || fy.type != AT_FISCAL || fy.y2 != fy.y + 1)
        return FALSE;
      a->y = fy.y;
      a->fiscal = TRUE;
      return TRUE;
    }
  a->y = group_int (ps, id, "y", 0);
  return TRUE;
}

static const char *const ordinal_words[] = { "first", "second", "third", "fourth" };

static int
ordinal_word (Parser *ps, NormPattern id, const char *group)
{
  gsize s, e;
  if (!group_span (ps, id, group, &s, &e))
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (ordinal_words); i++)
    if (e - s == strlen (ordinal_words[i]) && g_ascii_strncasecmp (ps->s + s, ordinal_words[i], e - s) == 0)
      return (int) i + 1;
  /* "final quarter", "last quarter" */
  return 4;
}

static const char *const number_words[]
    = { "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve" };

static int
count_word (const char *s, gsize len)
{
  if (len && g_ascii_isdigit (s[0]))
    {
      int v = 0;
      for (gsize i = 0; i < len && i < 4; i++)
        v = v * 10 + (s[i] - '0');
      return v;
    }
  for (guint i = 0; i < G_N_ELEMENTS (number_words); i++)
    if (len == strlen (number_words[i]) && g_ascii_strncasecmp (s, number_words[i], len) == 0)
      return (int) i + 1;
  if (len == 8 && g_ascii_strncasecmp (s, "eighteen", 8) == 0)
    return 18;
  if (len == 11 && g_ascii_strncasecmp (s, "twenty-four", 11) == 0)
    return 24;
  return 0;
}

static gboolean
span_atom (Atom *a, Ymd start, Ymd end, PsPrecision p)
{
  if (!norm_ymd_valid (start) || !norm_ymd_valid (end))
    return FALSE;
  a->type = AT_SPAN;
  a->resolved = TRUE;
  a->start = start;
  a->end = end;
  a->precision = p;
  return TRUE;
}

/* The financial year (its start year) that contains a month. */
static int
fiscal_of (int y, int m)
{
  return m >= 4 ? y : y - 1;
}

/* "the year", "next month", "this financial year", "year end",
 * "within 3 months": resolved against the document's date at once. */
static gboolean
relative_atom (Parser *ps, gsize pos, Atom *a, gsize *end)
{
  Ymd doc = ps->doc;
  if (match (ps, NP_DUE_REL_WITHIN, pos))
    {
      gsize ns, ne, us, ue;
      *end = norm_match_end (ps->md);
      if (!doc.y || !doc.m || !group_span (ps, NP_DUE_REL_WITHIN, "n", &ns, &ne)
          || !group_span (ps, NP_DUE_REL_WITHIN, "unit", &us, &ue))
        return FALSE;
      int n = count_word (ps->s + ns, ne - ns);
      char unit = g_ascii_tolower (ps->s[us]);
      if (n <= 0 || n > 120)
        return FALSE;
      Ymd start = norm_month_start (norm_month_index (doc.y, doc.m));
      a->end_flag = TRUE;
      if (unit == 'm' || unit == 'y')
        {
          int months = unit == 'm' ? n : 12 * n;
          int idx = norm_month_index (doc.y, doc.m) + months;
          return span_atom (a, start, norm_month_end (idx), PS_PRECISION_MONTH);
        }
      /* Days and weeks need the document's day. */
      if (!doc.d)
        return FALSE;
      Ymd e = norm_ymd_add_days (doc, unit == 'w' ? 7 * n : n);
      return span_atom (a, doc, e, PS_PRECISION_DAY);
    }
  if (match (ps, NP_DUE_REL_YEAR_END, pos))
    {
      gsize fs, fe;
      *end = norm_match_end (ps->md);
      gboolean fin = group_span (ps, NP_DUE_REL_YEAR_END, "fin", &fs, &fe);
      if (!doc.y || (fin && !doc.m))
        return FALSE;
      if (fin)
        {
          int fy = fiscal_of (doc.y, doc.m);
          return span_atom (a, (Ymd){ fy, 4, 1 }, (Ymd){ fy + 1, 3, 31 }, PS_PRECISION_FISCAL_YEAR);
        }
      return span_atom (a, (Ymd){ doc.y, 1, 1 }, (Ymd){ doc.y, 12, 31 }, PS_PRECISION_YEAR);
    }
  if (match (ps, NP_DUE_REL_PERIOD, pos))
    {
      gsize ws, we, fs, fe, us, ue;
      *end = norm_match_end (ps->md);
      if (!doc.y || !group_span (ps, NP_DUE_REL_PERIOD, "which", &ws, &we)
          || !group_span (ps, NP_DUE_REL_PERIOD, "unit", &us, &ue))
        return FALSE;
      gboolean fin = group_span (ps, NP_DUE_REL_PERIOD, "fin", &fs, &fe);
      char w = g_ascii_tolower (ps->s[ws]);
      /* next, following, coming: +1; last, previous: -1; this, the, current: 0 */
      int off = (w == 'n' || w == 'f' || (w == 'c' && g_ascii_tolower (ps->s[ws + 1]) == 'o'
                                          && g_ascii_tolower (ps->s[ws + 2]) == 'm'))
                    ? 1
                : (w == 'l' || w == 'p') ? -1
                                         : 0;
      char unit = g_ascii_tolower (ps->s[us]);
      if (unit == 'y' && !fin)
        return span_atom (a, (Ymd){ doc.y + off, 1, 1 }, (Ymd){ doc.y + off, 12, 31 }, PS_PRECISION_YEAR);
      if (!doc.m)
        return FALSE;
      if (unit == 'y')
        {
          int fy = fiscal_of (doc.y, doc.m) + off;
          return span_atom (a, (Ymd){ fy, 4, 1 }, (Ymd){ fy + 1, 3, 31 }, PS_PRECISION_FISCAL_YEAR);
        }
      int idx = norm_month_index (doc.y, doc.m);
      if (unit == 'm')
        return span_atom (a, norm_month_start (idx + off), norm_month_end (idx + off),
                          PS_PRECISION_MONTH);
      /* Calendar and financial quarters share their boundaries. */
      int q0 = idx - (idx % 3) + 3 * off;
      return span_atom (a, norm_month_start (q0), norm_month_end (q0 + 2), PS_PRECISION_QUARTER);
    }
  return FALSE;
}

/* Reads one date atom at pos.  *end is set past it.  The atom may still
 * need a year (resolve_atom). */
static gboolean
read_atom (Parser *ps, gsize pos, Atom *a, gsize *end)
{
  memset (a, 0, sizeof *a);
  if (pos >= ps->len)
    return FALSE;
  char c = ps->s[pos];
  if (g_ascii_isalpha (c))
    {
      gsize rel_end;
      if (relative_atom (ps, pos, a, &rel_end))
        {
          *end = rel_end;
          return TRUE;
        }
      memset (a, 0, sizeof *a);
    }
  if (g_ascii_isdigit (c))
    {
      NormPattern id = match (ps, NP_DUE_DATE_ISO, pos)       ? NP_DUE_DATE_ISO
                       : match (ps, NP_DUE_DATE_NUMERIC, pos) ? NP_DUE_DATE_NUMERIC
                                                              : NP_N_PATTERNS;
      if (id != NP_N_PATTERNS)
        {
          a->type = AT_DAY;
          a->y = group_int (ps, id, "y", 0);
          if (a->y < 100)
            a->y += 2000;
          a->m = group_int (ps, id, "m", 0);
          a->d = group_int (ps, id, "d", 0);
          *end = norm_match_end (ps->md);
          return norm_ymd_valid ((Ymd){ a->y, a->m, a->d });
        }
      if (match (ps, NP_DUE_DATE_WORDS, pos))
        {
          a->type = AT_DAY;
          a->y = group_year (ps, NP_DUE_DATE_WORDS);
          a->d = group_int (ps, NP_DUE_DATE_WORDS, "d", 0);
          a->m = group_month (ps, NP_DUE_DATE_WORDS, a->y != 0);
          *end = norm_match_end (ps->md);
          return a->m && a->d <= norm_days_in_month (a->y ? a->y : 2000, a->m);
        }
      if (match (ps, NP_DUE_DAY_ONLY, pos))
        {
          /* "3 - 7 June": the month and year come from the right. */
          a->type = AT_DAY;
          a->d = group_int (ps, NP_DUE_DAY_ONLY, "d", 0);
          *end = norm_match_end (ps->md);
          return a->d > 0;
        }
      if (match (ps, NP_DUE_MONTH_NUMERIC, pos))
        {
          a->type = AT_MONTH;
          a->m = group_int (ps, NP_DUE_MONTH_NUMERIC, "m", 0);
          a->y = group_int (ps, NP_DUE_MONTH_NUMERIC, "y", 0);
          *end = norm_match_end (ps->md);
          return a->m >= 1 && a->m <= 12;
        }
    }
  if (match (ps, NP_DUE_DATE_US, pos))
    {
      a->type = AT_DAY;
      a->y = group_int (ps, NP_DUE_DATE_US, "y", 0);
      a->d = group_int (ps, NP_DUE_DATE_US, "d", 0);
      a->m = group_month (ps, NP_DUE_DATE_US, a->y != 0);
      *end = norm_match_end (ps->md);
      if (a->m && a->d <= norm_days_in_month (a->y ? a->y : 2000, a->m))
        return TRUE;
      memset (a, 0, sizeof *a);
    }
  if (match (ps, NP_DUE_QUARTER, pos))
    {
      a->type = AT_QUARTER;
      a->n = group_int (ps, NP_DUE_QUARTER, "q", 0);
      if (!a->n)
        a->n = ordinal_word (ps, NP_DUE_QUARTER, "qw");
      *end = norm_match_end (ps->md);
      return period_year (ps, NP_DUE_QUARTER, a) && a->n >= 1 && a->n <= 4;
    }
  if (match (ps, NP_DUE_HALF, pos))
    {
      a->type = AT_HALF;
      a->n = group_int (ps, NP_DUE_HALF, "h", 0);
      if (!a->n)
        a->n = ordinal_word (ps, NP_DUE_HALF, "hw");
      *end = norm_match_end (ps->md);
      return period_year (ps, NP_DUE_HALF, a) && a->n >= 1 && a->n <= 2;
    }
  if (match (ps, NP_DUE_SEASON, pos))
    {
      gsize s, e;
      a->type = AT_SEASON;
      if (!group_span (ps, NP_DUE_SEASON, "season", &s, &e))
        return FALSE;
      a->n = GPOINTER_TO_INT (norm_lookup_len (norm_tables ()->seasons, ps->s + s, e - s));
      *end = norm_match_end (ps->md);
      return period_year (ps, NP_DUE_SEASON, a) && a->n >= 1 && a->n <= 12;
    }
  if (match (ps, NP_DUE_MONTH, pos))
    {
      a->type = AT_MONTH;
      a->y = group_year (ps, NP_DUE_MONTH);
      a->m = group_month (ps, NP_DUE_MONTH, a->y != 0);
      *end = norm_match_end (ps->md);
      return a->m != 0;
    }
  if (match (ps, NP_DUE_FISCAL, pos))
    {
      *end = norm_match_end (ps->md);
      return group_fiscal (ps, NP_DUE_FISCAL, a);
    }
  if (match (ps, NP_DUE_YEAR, pos))
    {
      a->type = AT_YEAR;
      a->y = group_int (ps, NP_DUE_YEAR, "y", 0);
      *end = norm_match_end (ps->md);
      return a->y != 0;
    }
  return FALSE;
}

static gboolean
atom_has_year (const Atom *a)
{
  return a->resolved || a->y != 0;
}

/* Computes start/end/precision of a with year y (a financial year's start
 * year when fiscal).  FALSE for an impossible date (31 June). */
static gboolean
compute_atom (Atom *a, int y, gboolean fiscal)
{
  Ymd s = { 0, 0, 0 }, e = { 0, 0, 0 };
  switch (a->type)
    {
    case AT_DAY:
      if (!a->m)
        return FALSE;
      s = e = (Ymd){ fiscal && a->m < 4 ? y + 1 : y, a->m, a->d };
      a->precision = PS_PRECISION_DAY;
      break;
    case AT_MONTH:
      {
        int idx = norm_month_index (fiscal && a->m < 4 ? y + 1 : y, a->m);
        s = norm_month_start (idx);
        e = norm_month_end (idx);
        a->precision = PS_PRECISION_MONTH;
        break;
      }
    case AT_QUARTER:
      {
        int idx = norm_month_index (y, fiscal ? 4 : 1) + 3 * (a->n - 1);
        s = norm_month_start (idx);
        e = norm_month_end (idx + 2);
        a->precision = PS_PRECISION_QUARTER;
        break;
      }
    case AT_HALF:
      {
        int idx = norm_month_index (y, fiscal ? 4 : 1) + 6 * (a->n - 1);
        s = norm_month_start (idx);
        e = norm_month_end (idx + 5);
        a->precision = PS_PRECISION_HALF;
        break;
      }
    case AT_SEASON:
      {
        int idx = norm_month_index (y, a->n);
        s = norm_month_start (idx);
        e = norm_month_end (idx + 2);
        a->precision = PS_PRECISION_SEASON;
        break;
      }
    case AT_YEAR:
      s = (Ymd){ y, 1, 1 };
      e = (Ymd){ y, 12, 31 };
      a->precision = PS_PRECISION_YEAR;
      break;
    case AT_FISCAL:
      s = (Ymd){ a->y, 4, 1 };
      e = (Ymd){ a->y2, 3, 31 };
      a->precision = PS_PRECISION_FISCAL_YEAR;
      break;
    case AT_YEARS:
      s = (Ymd){ a->y, 1, 1 };
      e = (Ymd){ a->y2, 12, 31 };
      a->precision = PS_PRECISION_YEAR;
      break;
    case AT_SPAN:
      return TRUE;
    default:
      return FALSE;
    }
  if (!norm_ymd_valid (s) || !norm_ymd_valid (e))
    return FALSE;
  a->start = s;
  a->end = e;
  a->resolved = TRUE;
  return TRUE;
}

/* The year an atom lends to a yearless one on its left. */
static void
year_of (const Atom *a, int *y, gboolean *fiscal)
{
  *fiscal = a->type == AT_FISCAL || ((a->type == AT_QUARTER || a->type == AT_HALF) && a->fiscal);
  *y = *fiscal ? (a->type == AT_FISCAL ? a->y : fiscal_of (a->start.y, a->start.m)) : a->start.y;
}

/* Gives a its dates: from its own year, else from the atom on its right
 * (right, resolved, or NULL), else from the document's date. */
static gboolean
resolve_atom (Parser *ps, Atom *a, const Atom *right)
{
  if (a->resolved)
    return TRUE;
  if (a->y)
    return compute_atom (a, a->y, a->fiscal);
  if (right && right->resolved)
    {
      int y;
      gboolean fiscal;
      year_of (right, &y, &fiscal);
      /* A lone day borrows the month too ("3 - 7 June"). */
      if (a->type == AT_DAY && !a->m)
        {
          a->m = right->start.m;
          return compute_atom (a, right->start.y, FALSE);
        }
      if (a->type == AT_QUARTER || a->type == AT_HALF)
        a->fiscal = fiscal;
      Atom try = *a;
      if (!compute_atom (&try, y, fiscal))
        return FALSE;
      if (norm_ymd_compare (try.start, right->start) > 0)
        {
          try = *a;
          if (!compute_atom (&try, y - 1, fiscal))
            return FALSE;
        }
      *a = try;
      return TRUE;
    }
  Ymd doc = ps->doc;
  if (!doc.y || (a->type == AT_DAY && !a->m))
    return FALSE;
  gboolean fiscal = a->type == AT_QUARTER || a->type == AT_HALF;
  int base = fiscal && doc.m ? fiscal_of (doc.y, doc.m) : doc.y;
  if (!doc.m)
    return compute_atom (a, base, fiscal);
  int doc_idx = norm_month_index (doc.y, doc.m);
  for (int y = base - 1; y <= base + 1; y++)
    {
      Atom try = *a;
      if (!compute_atom (&try, y, fiscal))
        continue;
      int idx = norm_month_index (try.start.y, try.start.m);
      if (idx >= doc_idx - 3 && idx <= doc_idx + 8)
        {
          *a = try;
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- expressions -------------------------------------------------------- */

static const struct
{
  NormPattern id;
  guint flag;
} leads[] = {
  { NP_DUE_LEAD_ORIGINAL, LEAD_ORIGINAL }, { NP_DUE_LEAD_REVISION, LEAD_REVISION },
  { NP_DUE_LEAD_DEADLINE, LEAD_DEADLINE }, { NP_DUE_LEAD_WEEK, LEAD_WEEK },
  { NP_DUE_LEAD_FROM, LEAD_FROM },         { NP_DUE_LEAD_BETWEEN, LEAD_BETWEEN },
  { NP_DUE_LEAD_END, LEAD_END },           { NP_DUE_LEAD_START, LEAD_START },
  { NP_DUE_LEAD_PART, LEAD_PART },         { NP_DUE_LEAD_PLAIN, LEAD_PLAIN },
};

/* Reads one expression at pos.  strong: it must start with a strong lead,
 * or be a date with its year (after words that were stepped over). */
static gboolean
read_expression_full (Parser *ps, gsize pos, gboolean strong, Expr *e, gboolean *blocked)
{
  memset (e, 0, sizeof *e);
  *blocked = FALSE;
  e->start = pos;
  gsize p = pos, end = pos;
  gboolean have_atom = FALSE;
  for (guint step = 0; step < 8 && p < ps->len && !have_atom; step++)
    {
      if (read_atom (ps, p, &e->a, &end))
        {
          have_atom = TRUE;
          break;
        }
      /* "Following the May 2023 elections": not when it is due. */
      if (match (ps, NP_DUE_LEAD_AFTER, p))
        {
          *blocked = TRUE;
          return FALSE;
        }
      gboolean took = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (leads) && !took; i++)
        if (!(e->flags & leads[i].flag) && match (ps, leads[i].id, p) && norm_match_end (ps->md) > p)
          {
            if (leads[i].flag == LEAD_PART)
              {
                gsize s, pe;
                if (group_span (ps, NP_DUE_LEAD_PART, "part", &s, &pe))
                  {
                    char c = g_ascii_tolower (ps->s[s]);
                    e->part = c == 'e' ? 1 : c == 'm' ? 2 : 3;
                  }
                p = norm_match_end (ps->md);
              }
            else
              p = norm_match_end (ps->md);
            e->flags |= leads[i].flag;
            took = TRUE;
          }
      if (!took)
        return FALSE;
    }
  if (!have_atom)
    return FALSE;
  if (strong && !(e->flags & (LEAD_STRONG | LEAD_PLAIN)) && !atom_has_year (&e->a))
    return FALSE;
  p = end;
  /* The second atom of a range. */
  gsize sep_end;
  if (e->flags & LEAD_BETWEEN)
    {
      if (!match (ps, NP_DUE_AND_SEP, p))
        return FALSE;
      sep_end = norm_match_end (ps->md);
      if (!read_atom (ps, sep_end, &e->b, &end))
        return FALSE;
      e->has_b = TRUE;
      p = end;
    }
  else if (match (ps, NP_DUE_RANGE_SEP, p))
    {
      sep_end = norm_match_end (ps->md);
      Atom b;
      if (read_atom (ps, sep_end, &b, &end))
        {
          e->b = b;
          e->has_b = TRUE;
          p = end;
        }
    }
  if (match (ps, NP_DUE_ONGOING_SUFFIX, p))
    {
      e->flags |= EXPR_ONGOING;
      p = norm_match_end (ps->md);
    }
  e->end = p;
  return TRUE;
}

static gboolean
read_expression (Parser *ps, gsize pos, gboolean strong, Expr *e)
{
  gboolean blocked;
  return read_expression_full (ps, pos, strong, e, &blocked);
}

/* The first, middle or last third of a period of 3n months. */
static void
apply_part (int part, Ymd *start, Ymd *end, PsPrecision *precision)
{
  int s = norm_month_index (start->y, start->m), e = norm_month_index (end->y, end->m);
  int months = e - s + 1;
  if (part < 1 || months < 3 || months % 3 != 0 || start->d != 1)
    return;
  int third = months / 3;
  int first = s + third * (part - 1);
  *start = norm_month_start (first);
  *end = norm_month_end (first + third - 1);
  *precision = PS_PRECISION_MONTH;
}

static Part *
part_from_expr (Expr *e)
{
  Part *p = g_new0 (Part, 1);
  p->text_start = e->start;
  p->text_end = e->end;
  p->dated = TRUE;
  p->revision = (e->flags & LEAD_REVISION) != 0;
  p->start = e->a.start;
  p->end = e->has_b ? e->b.end : e->a.end;
  p->precision = e->has_b ? coarser (e->a.precision, e->b.precision) : e->a.precision;
  if (e->has_b && norm_ymd_compare (p->end, p->start) < 0)
    {
      /* "March to January 2024": a range cannot run backwards. */
      g_free (p);
      return NULL;
    }
  int part = e->part ? e->part : (e->flags & LEAD_START) ? 1 : 0;
  Ymd s0 = p->start, e0 = p->end;
  if (!e->has_b && part)
    apply_part (part, &p->start, &p->end, &p->precision);
  gboolean several_months = (p->start.y != s0.y || p->start.m != s0.m || p->end.y != e0.y
                             || p->end.m != e0.m)
                            && (p->start.y != p->end.y || p->start.m != p->end.m);
  if (e->flags & LEAD_WEEK && e->a.type == AT_DAY && !e->has_b)
    {
      p->end = norm_ymd_add_days (p->start, 6);
      p->kind = PS_DUE_KIND_RANGE;
    }
  else if (e->has_b || e->flags & LEAD_BETWEEN)
    p->kind = PS_DUE_KIND_RANGE;
  else if (e->flags & LEAD_DEADLINE || e->a.end_flag)
    p->kind = PS_DUE_KIND_DEADLINE;
  else if (e->flags & LEAD_FROM)
    p->kind = PS_DUE_KIND_ONGOING;
  else if (several_months || e->a.type == AT_YEARS
           || (e->a.type == AT_FISCAL && e->a.y2 > e->a.y + 1))
    p->kind = PS_DUE_KIND_RANGE;
  else
    p->kind = PS_DUE_KIND_DATE;
  if (e->flags & EXPR_ONGOING && p->kind != PS_DUE_KIND_DEADLINE)
    p->kind = PS_DUE_KIND_ONGOING;
  return p;
}

/* Adds a part; a revision takes the part before it as revised_from. */
static void
add_part (Parser *ps, Part *p)
{
  if (!p)
    return;
  if (p->revision && ps->parts->len)
    {
      Part *prev = g_ptr_array_steal_index (ps->parts, ps->parts->len - 1);
      if (prev->dated)
        p->revised_from = prev;
      else
        part_free (prev);
    }
  g_ptr_array_add (ps->parts, p);
}

/* Resolves the years of a line's expressions right to left (a yearless
 * date borrows from the next one) and adds them as parts. */
/* "2023/24 Q4", "2024 Q3": a bare year just before a yearless period is
 * that period's year, not a date of its own. */
static void
lend_years_right (Parser *ps, GArray *exprs, gboolean *skip)
{
  for (guint i = 1; i < exprs->len; i++)
    {
      Expr *prev = &g_array_index (exprs, Expr, i - 1), *e = &g_array_index (exprs, Expr, i);
      if (prev->has_b || prev->flags || e->a.y || e->a.resolved
          || !(prev->a.type == AT_YEAR || (prev->a.type == AT_FISCAL && prev->a.y2 == prev->a.y + 1))
          || !(e->a.type == AT_QUARTER || e->a.type == AT_HALF || e->a.type == AT_MONTH
               || e->a.type == AT_SEASON))
        continue;
      gboolean adjacent = TRUE;
      for (gsize k = prev->end; k < e->start && adjacent; k++)
        adjacent = ps->s[k] == ' ';
      if (!adjacent)
        continue;
      e->a.y = prev->a.y;
      e->a.fiscal = prev->a.type == AT_FISCAL && e->a.type != AT_SEASON;
      e->start = prev->start;
      skip[i - 1] = TRUE;
    }
}

static void
flush_expressions (Parser *ps, GArray *exprs)
{
  const Atom *right = NULL;
  gboolean *ok = g_new0 (gboolean, exprs->len + 1);
  gboolean *skip = g_new0 (gboolean, exprs->len + 1);
  lend_years_right (ps, exprs, skip);
  for (guint i = exprs->len; i-- > 0;)
    {
      Expr *e = &g_array_index (exprs, Expr, i);
      gboolean good;
      if (e->has_b)
        good = resolve_atom (ps, &e->b, right) && resolve_atom (ps, &e->a, &e->b);
      else
        good = resolve_atom (ps, &e->a, right);
      ok[i] = good;
      if (good)
        right = &e->a;
    }
  for (guint i = 0; i < exprs->len; i++)
    if (ok[i] && !skip[i])
      add_part (ps, part_from_expr (&g_array_index (exprs, Expr, i)));
  g_free (ok);
  g_free (skip);
  g_array_set_size (exprs, 0);
}

static gsize
skip_space (Parser *ps, gsize pos)
{
  while (pos < ps->len && (g_ascii_isspace (ps->s[pos])))
    pos++;
  return pos;
}

/* Bullets and opening brackets before a line's first word. */
static gsize
skip_bullets (Parser *ps, gsize pos)
{
  for (;;)
    {
      pos = skip_space (ps, pos);
      if (pos >= ps->len)
        return pos;
      const char *p = ps->s + pos;
      gunichar c = g_utf8_get_char (p);
      if (c == '(' || c == '[' || c == '"' || c == '\'' || c == '*' || c == 0x2022 || c == 0x00B7
          || c == 0x25CF || c == 0x25AA || c == 0xF0B7 || c == ':'
          || ((c == '-' || c == '.') && pos + 1 < ps->len && g_ascii_isspace (p[1])))
        pos = (gsize) (g_utf8_next_char (p) - ps->s);
      else
        return pos;
    }
}

static gsize
line_end (Parser *ps, gsize pos)
{
  const char *nl = memchr (ps->s + pos, '\n', ps->len - pos);
  return nl ? (gsize) (nl - ps->s) : ps->len;
}

/* A due word at pos ("Ongoing", "In place", "TBC", "N/A"): its kind + 1,
 * and *end past it; 0 when none. */
static int
due_word (Parser *ps, gsize pos, gsize *end)
{
  const NormTables *t = norm_tables ();
  gsize ends[8];
  guint n = 0;
  gsize p = pos, stop = line_end (ps, pos);
  while (n < t->due_words_max && n < G_N_ELEMENTS (ends) && p < stop)
    {
      while (p < stop && !g_ascii_isspace (ps->s[p]))
        p++;
      ends[n++] = p;
      while (p < stop && g_ascii_isspace (ps->s[p]))
        p++;
    }
  for (guint k = n; k-- > 0;)
    {
      int v = GPOINTER_TO_INT (norm_lookup_len (t->due_words, ps->s + pos, ends[k] - pos));
      if (v)
        {
          *end = ends[k];
          return v;
        }
    }
  return 0;
}

static Part *
undated_part (PsDueKind kind, gsize s, gsize e)
{
  Part *p = g_new0 (Part, 1);
  p->kind = kind;
  p->text_start = s;
  p->text_end = e;
  return p;
}

/* After the expressions of a line: only a revision with a date still
 * counts ("October 2023 Deferred to December 2023 due to …"), or the date
 * a revision replaced ("Revised to October 2024 (originally June 2024)"),
 * which becomes the revised_from of the part before it. */
static void
scan_remark (Parser *ps, gsize pos, gsize stop, GArray *exprs)
{
  while (pos < stop)
    {
      gboolean word_start = pos == 0 || !g_unichar_isalnum (g_utf8_get_char (
                                            g_utf8_prev_char (ps->s + pos)));
      Expr e;
      if (word_start && g_ascii_isalpha (ps->s[pos])
          && (match (ps, NP_DUE_LEAD_REVISION, pos) || match (ps, NP_DUE_LEAD_ORIGINAL, pos))
          && read_expression (ps, pos, TRUE, &e) && e.flags & (LEAD_REVISION | LEAD_ORIGINAL))
        {
          guint before = ps->parts->len;
          Part *last = before ? g_ptr_array_index (ps->parts, before - 1) : NULL;
          gboolean original = !(e.flags & LEAD_REVISION);
          g_array_append_val (exprs, e);
          flush_expressions (ps, exprs);
          if (original && last && last->dated && !last->revised_from && ps->parts->len == before + 1)
            {
              Part *orig = g_ptr_array_steal_index (ps->parts, ps->parts->len - 1);
              last->revised_from = orig;
            }
          pos = e.end;
          continue;
        }
      pos = (gsize) (g_utf8_next_char (ps->s + pos) - ps->s);
    }
}

/* Reads one line (which its expressions may run past); returns where the
 * next line starts. */
static gsize
parse_line (Parser *ps, gsize pos)
{
  g_autoptr (GArray) exprs = g_array_new (FALSE, TRUE, sizeof (Expr));
  gsize stop = line_end (ps, pos);
  char *number = NULL, *source = NULL;
  int dir = 0;
  gsize ref_end;
  if (norm_parse_reference (ps->ctx, ps->s + pos, &number, &source, &dir, &ref_end))
    {
      Part *p = undated_part (PS_DUE_KIND_REFERENCE, pos, pos + ref_end);
      if (number)
        p->ref = source ? g_strdup_printf ("%s %s", number, source) : g_strdup (number);
      g_free (number);
      g_free (source);
      add_part (ps, p);
      return stop;
    }
  Expr e;
  gboolean have = FALSE, blocked = FALSE;
  gsize word_end;
  int dk = due_word (ps, pos, &word_end);
  if (dk)
    {
      PsDueKind kind = (PsDueKind) (dk - 1);
      gsize p = word_end;
      while (p < ps->len && (ps->s[p] == ' ' || ps->s[p] == '-' || ps->s[p] == ':'
                             || ps->s[p] == ',' || ps->s[p] == ';' || ps->s[p] == '('))
        p++;
      if (p < stop && read_expression (ps, p, FALSE, &e))
        {
          /* "Complete by March", "Ongoing until June": a deadline;
           * "Ongoing from May", "Completed March 2024": the word's kind
           * with the date. */
          guint before = ps->parts->len;
          g_array_append_val (exprs, e);
          flush_expressions (ps, exprs);
          if (ps->parts->len > before)
            {
              Part *last = g_ptr_array_index (ps->parts, ps->parts->len - 1);
              last->text_start = pos;
              if (last->kind != PS_DUE_KIND_DEADLINE && kind != PS_DUE_KIND_UNSPECIFIED)
                last->kind = kind;
            }
          pos = e.end;
          have = TRUE;
        }
      else
        {
          add_part (ps, undated_part (kind, pos, word_end));
          scan_remark (ps, word_end, stop, exprs);
          return stop;
        }
    }
  else if (read_expression_full (ps, pos, FALSE, &e, &blocked))
    {
      g_array_append_val (exprs, e);
      pos = e.end;
      have = TRUE;
    }
  else if (!blocked)
    {
      /* "To be completed by September 2024": step over a few words. */
      gsize p = pos;
      for (int i = 0; i < 4 && p < stop; i++)
        {
          if (!match (ps, NP_DUE_SKIP_WORD, p))
            break;
          p = norm_match_end (ps->md);
          if (p >= stop)
            break;
          if (read_expression_full (ps, p, TRUE, &e, &blocked))
            {
              g_array_append_val (exprs, e);
              pos = e.end;
              have = TRUE;
              break;
            }
          if (blocked)
            break;
        }
    }
  if (!have)
    {
      scan_remark (ps, pos, stop, exprs);
      return stop;
    }
  /* More dates after the first: "November 2018 November 2018",
   * "June and September 2024". */
  for (;;)
    {
      if (!match (ps, NP_DUE_LIST_SEP, pos))
        break;
      gsize p = norm_match_end (ps->md);
      if (p >= ps->len || !read_expression (ps, p, FALSE, &e))
        break;
      g_array_append_val (exprs, e);
      pos = e.end;
    }
  flush_expressions (ps, exprs);
  if (pos > stop)
    stop = line_end (ps, pos);
  scan_remark (ps, pos, stop, exprs);
  return stop;
}

/* ---- the cell's value -------------------------------------------------- */

static void
write_part (Parser *ps, PsItemList *list, const Part *p, PsDue *due)
{
  due->kind = p->kind;
  due->precision = p->dated ? p->precision : PS_PRECISION_NONE;
  due->start[0] = due->end[0] = '\0';
  if (p->dated)
    {
      if (p->kind != PS_DUE_KIND_DEADLINE)
        norm_ymd_format (p->start, due->start);
      if (p->kind != PS_DUE_KIND_ONGOING)
        norm_ymd_format (p->end, due->end);
    }
  if (p->ref)
    due->ref = ps_item_list_strdup (list, p->ref);
  if (p->revised_from)
    {
      const Part *r = p->revised_from;
      PsDue *rd = ps_due_add_revised_from (due);
      g_autofree char *t = g_strndup (ps->s + r->text_start, r->text_end - r->text_start);
      g_strstrip (t);
      rd->text = ps_item_list_strdup (list, t);
      write_part (ps, list, r, rd);
    }
}

static void
finish (Parser *ps, PsItemList *list, PsDue *due)
{
  GPtrArray *dated = g_ptr_array_new ();
  /* Distinct dated parts, found by hashing so a cell listing thousands of
   * dates stays linear. */
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const Part *ongoing = NULL, *complete = NULL, *reference = NULL;
  for (guint i = 0; i < ps->parts->len; i++)
    {
      const Part *p = g_ptr_array_index (ps->parts, i);
      if (p->dated)
        {
          char *key = g_strdup_printf ("%d %d-%d-%d %d-%d-%d %d", p->kind, p->start.y, p->start.m,
                                       p->start.d, p->end.y, p->end.m, p->end.d, p->precision);
          if (g_hash_table_add (seen, key))
            g_ptr_array_add (dated, (gpointer) p);
        }
      else if (p->kind == PS_DUE_KIND_ONGOING && !ongoing)
        ongoing = p;
      else if (p->kind == PS_DUE_KIND_COMPLETE && !complete)
        complete = p;
      else if (p->kind == PS_DUE_KIND_REFERENCE && !reference)
        reference = p;
    }
  if (dated->len == 1 && !ongoing)
    write_part (ps, list, g_ptr_array_index (dated, 0), due);
  else if (dated->len)
    {
      Part sum = { 0 };
      sum.dated = TRUE;
      gboolean all_deadline = TRUE, all_complete = TRUE, any_ongoing = ongoing != NULL;
      for (guint j = 0; j < dated->len; j++)
        {
          const Part *p = g_ptr_array_index (dated, j);
          if (j == 0 || norm_ymd_compare (p->start, sum.start) < 0)
            sum.start = p->start;
          if (j == 0 || norm_ymd_compare (p->end, sum.end) > 0)
            sum.end = p->end;
          sum.precision = coarser (sum.precision, p->precision);
          all_deadline &= p->kind == PS_DUE_KIND_DEADLINE;
          all_complete &= p->kind == PS_DUE_KIND_COMPLETE;
          any_ongoing |= p->kind == PS_DUE_KIND_ONGOING;
        }
      sum.kind = any_ongoing    ? PS_DUE_KIND_ONGOING
                 : all_deadline ? PS_DUE_KIND_DEADLINE
                 : all_complete ? PS_DUE_KIND_COMPLETE
                                : PS_DUE_KIND_RANGE;
      write_part (ps, list, &sum, due);
    }
  else if (ongoing)
    write_part (ps, list, ongoing, due);
  else if (complete)
    write_part (ps, list, complete, due);
  else if (reference)
    write_part (ps, list, reference, due);
  else
    due->kind = PS_DUE_KIND_UNSPECIFIED;
  g_ptr_array_unref (dated);
}

static gboolean
has_alnum (const char *s)
{
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

void
ps_due_parse (const PsNormaliseContext *ctx, PsItemList *list, const char *text, PsDue *due)
{
  g_return_if_fail (ctx != NULL && list != NULL && due != NULL);
  ps_due_clear (due);
  if (!text)
    return;
  g_autofree char *collapsed = ps_text_collapse (text);
  /* An empty cell is no value: "No due cell → null". */
  if (!*collapsed)
    return;
  due->text = ps_item_list_strdup (list, text);
  if (!has_alnum (collapsed))
    return; /* "-", "?": unspecified */
  Parser ps = { 0 };
  ps.ctx = ctx;
  g_autofree char *s = norm_ascii_punct (collapsed);
  ps.s = s;
  ps.len = strlen (s);
  ps.doc = ctx->date;
  ps.md = pcre2_match_data_create (32, NULL);
  ps.parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  gsize pos = 0;
  while (pos < ps.len)
    {
      pos = skip_bullets (&ps, pos);
      if (pos >= ps.len)
        break;
      gsize next = parse_line (&ps, pos);
      pos = next > pos ? next : pos + 1;
    }
  finish (&ps, list, due);
  g_ptr_array_unref (ps.parts);
  pcre2_match_data_free (ps.md);
}

/* ---- references -------------------------------------------------------- */

/* The item a reference due points at, or -1. */
static int
reference_target (const PsNormaliseContext *ctx, const PsItemList *list, int index)
{
  const PsItem *item = g_ptr_array_index (list->items, index);
  if (!item->due.text)
    return -1;
  g_autofree char *collapsed = ps_text_collapse (item->due.text);
  g_autofree char *s = norm_ascii_punct (collapsed);
  const char *p = s;
  while (*p && !g_ascii_isalnum (*p))
    p++;
  g_autofree char *number = NULL, *source = NULL;
  int dir = 0;
  gsize end;
  if (!norm_parse_reference (ctx, p, &number, &source, &dir, &end))
    return -1;
  if (!number)
    return dir > 0 ? index + 1 : index - 1; /* "As above" */
  return norm_ref_resolve (ctx, number, source, index, dir);
}

static gboolean
due_is_reference (gconstpointer data, int i)
{
  const PsItemList *list = data;
  return ((const PsItem *) g_ptr_array_index (list->items, i))->due.kind == PS_DUE_KIND_REFERENCE;
}

void
ps_due_resolve_references (const PsNormaliseContext *ctx, PsItemList *list)
{
  g_return_if_fail (ctx != NULL && list != NULL);
  int n = (int) list->items->len;
  g_autofree int *first = g_new (int, n + 1);
  g_autofree int *final = g_new (int, n + 1);
  for (int i = 0; i < n; i++)
    {
      final[i] = -2;
      first[i] = due_is_reference (list, i) ? reference_target (ctx, list, i) : -1;
      if (first[i] >= n)
        first[i] = -1;
    }
  norm_resolve_chains (n, first, final, due_is_reference, list);
  for (int i = 0; i < n; i++)
    {
      PsItem *item = g_ptr_array_index (list->items, i);
      if (item->due.kind != PS_DUE_KIND_REFERENCE)
        continue;
      /* The ref as that item spells it; a mention no item answers to is
       * not a ref (the text keeps it). */
      item->due.ref = first[i] >= 0 ? ((const PsItem *) g_ptr_array_index (list->items, first[i]))->ref : NULL;
      if (final[i] >= 0)
        {
          const PsItem *ti = g_ptr_array_index (list->items, final[i]);
          memcpy (item->due.start, ti->due.start, sizeof item->due.start);
          memcpy (item->due.end, ti->due.end, sizeof item->due.end);
          item->due.precision = ti->due.precision;
        }
    }
}
