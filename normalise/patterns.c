/* patterns.c — every regular expression the normalise stage uses, with the
 * examples each must and must not match (tests/normalise walks this table).
 *
 * Month and season names are data (data/months.tsv, data/seasons.tsv): a
 * pattern spells them {MONTH} and {SEASON}, filled in once at start-up.
 * Patterns that start with \G match only where the caller points them
 * (norm_match_at): the due parser walks a cell from left to right.  Text
 * reaches them with dashes and quotes made ASCII (norm_ascii_punct). */
#include "normalise_private.h"

#include <string.h>

#include "ps_tsv.h"

extern const PsTsvTable ps_norm_months;
extern const PsTsvTable ps_norm_seasons;

#define EX(...) ((const char *const[]){ __VA_ARGS__, NULL })

#define YEAR4 "(?:19|20)\\d\\d"
#define DAY "(?:0?[1-9]|[12]\\d|3[01])"
#define ORD "(?:st|nd|rd|th)"
/* A year written after a month or season: "March 2024", "Mar-24",
 * "March '24", "Sept, 2018". */
#define YEAR_AFTER                                                                    \
  "(?:(?:\\s*,\\s*|\\s+|\\s*-\\s*)(?<y>" YEAR4 ")(?![\\d/]|-\\d)|\\s*'(?<yy>\\d\\d)(?!\\d)" \
  "|-(?<yy>\\d\\d)(?![\\d/]))"
/* A financial year: "2024/25", "FY 2024-25", "2024/2025", "23/24". */
#define FY                                                                        \
  "(?:(?:fy|financial\\s+year|fiscal\\s+year|budget\\s+year)\\s*:?\\s*)?"           \
  "(?<fy1>" YEAR4 "|\\d\\d)\\s*(?<fysep>[/-])\\s*(?<fy2>(?:19|20)?\\d\\d)(?![\\d]|[/.-]\\d)"
/* The year a quarter, half or season belongs to. */
#define PERIOD_YEAR                                                                \
  "(?:(?:\\s*,)?\\s*(?:(?:of|in)\\s+)?(?:the\\s+)?(?:" FY "|(?<y>" YEAR4 ")(?![\\d/]|-\\d)))?"
/* An item number: "19", "1.10", "12a", "2(a)". */
#define REFNUM                                                                     \
  "\\d{1,3}(?:\\.\\d{1,3}){0,3}(?:[a-z](?![\\p{L}]))?(?:\\s?\\([a-z0-9]{1,3}\\))?"
/* The same, or with a letter or two before it: "R9", "B1", "A2.3". */
#define LINKREF "(?:(?-i:[A-Z]{1,2})\\d{1,3}(?:\\.\\d{1,3}){0,3}(?![\\p{L}])|" REFNUM ")"

#define CI PCRE2_CASELESS
#define CID (PCRE2_CASELESS | PCRE2_DUPNAMES)

static const PsPatternDef defs[] = {
  /* ---- due: whole-cell references ---------------------------------------- */
  { NP_DUE_REFERENCE, "due-reference",
    "\\G(?:(?:as|see|same\\s+as|as\\s+per|per|refer\\s+to|see\\s+also|also\\s+see|as\\s+for"
    "|covered\\s+(?:by|in|under)|included\\s+(?:in|under)|dealt\\s+with\\s+(?:in|under)"
    "|addressed\\s+(?:in|under|by)|same\\s+(?:timescale|timeframe|date)s?\\s+as)\\s+"
    "(?:(?:the\\s+)?(?:response|action|answer)\\s+(?:to|for|in)\\s+)?"
    "(?:(?:actions?|recommendations?|recs?\\.?|points?|items?|refs?\\.?|nos?\\.?|numbers?"
    "|para(?:graph)?s?\\.?)\\s*)?(?<number>" REFNUM ")(?![\\d]|[./-]\\d|\\s+{MONTH}(?![\\p{L}]))"
    "|\\G(?:as|see|same\\s+as)\\s+(?<dir>above|below|previous(?:\\s+(?:row|action|item))?|before)"
    "(?![\\p{L}]))",
    CID, "a cell that points at another item's value instead of giving one",
    EX ("As 19 above", "As action 21 ABC CEx above", "Same as Recommendation 1",
        "See 38 DLUHC above", "As above", "As per 3.2", "see also item 4"),
    EX ("As soon as possible", "As required", "See the plan", "As 2024/25", "March 2024",
        "See 31 March 2024", "As 31/03/2024") },

  /* ---- due: words before a date ----------------------------------------- */
  { NP_DUE_LEAD_ORIGINAL, "due-lead-original",
    "\\G(?:original(?:ly)?|was|previously|initial(?:ly)?|first)"
    "(?:\\s+(?:target|date|deadline|timescale|completion|due|end|planned))*"
    "\\s*(?::|-|=)?\\s*(?:(?:set\\s+)?(?:for|to|as|of)\\s+)?",
    CI, "the original date of a revised due date",
    EX ("Original target July 2023", "Originally March", "was July", "Original date: May"),
    EX ("Ongoing", "Revised March") },
  { NP_DUE_LEAD_REVISION, "due-lead-revision",
    "\\G(?:(?:now\\s+)?(?:revised|extended|deferred|delayed|postponed|moved|rescheduled"
    "|re-scheduled|changed|amended|updated|slipped|re-?profiled|put\\s+back|pushed\\s+back"
    "|carried\\s+forward|rolled\\s+forward|new)"
    "(?:\\s+(?:target|date|deadline|timescale|completion))*"
    "(?:\\s+(?:to|until|till|into|for|by))?\\s*(?::|-|=)?\\s*"
    "|(?:now|revised\\s+to)\\s*(?::|-)?\\s*)",
    CI, "a new date that replaces an earlier one",
    EX ("Extended to February 2024", "Revised: September 2024", "now March 2025",
        "Deferred to April", "New target date: June"),
    EX ("Ongoing", "Original target July 2023", "by July") },
  { NP_DUE_LEAD_DEADLINE, "due-lead-deadline",
    "\\G(?:by|before|no\\s+later\\s+than|not\\s+later\\s+than|until|till|up\\s+to|prior\\s+to"
    "|deadline|due\\s+by|due\\s+before|complete\\s+by|completion\\s+by)(?:\\s*:)?\\s+(?:the\\s+)?",
    CI, "a date something must be done by: a deadline",
    EX ("by July 2024", "By the end of the year", "no later than March", "until June"),
    EX ("bypass", "July", "end of March") },
  { NP_DUE_LEAD_END, "due-lead-end",
    "\\G(?:the\\s+)?(?:end|close)(?:\\s+of)?\\s+(?:the\\s+)?",
    CI, "the end of a period: a deadline at its last day",
    EX ("end of March 2024", "the end of the year", "End March"),
    EX ("ending", "endorse", "by March") },
  { NP_DUE_LEAD_START, "due-lead-start",
    "\\G(?:the\\s+)?(?:start|beginning)\\s+of\\s+(?:the\\s+)?",
    CI, "the start of a period: read as its early part",
    EX ("start of 2025", "the beginning of the financial year"),
    EX ("started", "starting from May") },
  { NP_DUE_LEAD_PART, "due-lead-part",
    "\\G(?<part>early|mid|late)(?:\\s*-\\s*|\\s+)(?:in\\s+)?(?:the\\s+)?",
    CI, "early/mid/late: the first, middle or last third of a period",
    EX ("early 2024", "mid-2025", "late March", "Mid 2024/25"),
    EX ("earlier 2024", "middle", "lately") },
  { NP_DUE_LEAD_FROM, "due-lead-from",
    "\\G(?:(?:with\\s+effect\\s+)?from|starting(?:\\s+(?:in|from|on))?|commencing(?:\\s+(?:in|from|on))?"
    "|beginning\\s+(?:in|from|on)|effective\\s+from|since)\\s+(?:the\\s+)?",
    CI, "the start of something that carries on",
    EX ("from April 2024", "Starting in May", "with effect from 1 June", "since 2019"),
    EX ("fromage", "by April") },
  { NP_DUE_LEAD_WEEK, "due-lead-week",
    "\\G(?:w/?c|w\\.c\\.?|week\\s+(?:commencing|beginning|starting)|wk\\s+comm?\\.?)(?![\\p{L}])\\s*:?\\s*",
    CI, "week commencing: the seven days from a date",
    EX ("w/c 6 August", "W/C 1 July 2024", "week commencing 3 June", "wc 4 March"),
    EX ("wcag", "weekly") },
  { NP_DUE_LEAD_BETWEEN, "due-lead-between",
    "\\Gbetween\\s+",
    CI, "between X and Y: a range",
    EX ("between June and August 2024"),
    EX ("betweenness") },
  { NP_DUE_LEAD_AFTER, "due-lead-after",
    "\\G(?:after|following|post|once|subject\\s+to|depending\\s+on|dependent\\s+on)\\s+(?:the\\s+)?",
    CI, "a date something waits for, which is not when it is due",
    EX ("Following the May 2023 elections", "after April 2024", "subject to the budget"),
    EX ("afterwards", "by April") },
  { NP_DUE_LEAD_PLAIN, "due-lead-plain",
    "\\G(?:(?:(?:target|due|completion|delivery|implementation|review|end|start)\\s+)?"
    "(?:date|timescale|deadline|target)s?\\s*(?::|-)?\\s*"
    "|(?:target|due|expected|scheduled|planned|anticipated)(?:\\s+(?:for|in|on))?\\s*:?\\s+"
    "|(?:in|on|during|for|at|around|about|approx(?:imately)?\\.?|c\\.|circa|over|throughout)\\s+"
    "|(?=the\\s))(?:the\\s+)?",
    CI, "words that introduce a date without changing its meaning",
    EX ("Target date: March 2024", "Target: June", "in the autumn", "during 2024", "over 2025/28",
        "the 9 October"),
    EX ("Ongoing", "March") },

  /* ---- due: dates ----------------------------------------------------- */
  { NP_DUE_DATE_ISO, "due-date-iso",
    "\\G(?<y>" YEAR4 ")-(?<m>0?[1-9]|1[0-2])-(?<d>" DAY ")(?!\\d)",
    0, "an ISO 8601 date",
    EX ("2024-03-31", "2018-9-1"),
    EX ("2024-25", "2024-2026", "31/03/2024") },
  { NP_DUE_DATE_NUMERIC, "due-date-numeric",
    "\\G(?<d>" DAY ")(?<sep>[/.-])(?<m>0?[1-9]|1[0-2])\\k<sep>(?<y>" YEAR4 "|\\d\\d)(?!\\d|[/.-]\\d)",
    0, "a UK numeric date, day first",
    EX ("31/03/2024", "31.03.24", "1-4-2025", "01/08/2018"),
    EX ("2024/25", "1.10", "31/13/2024", "03/2024") },
  { NP_DUE_DATE_WORDS, "due-date-words",
    "\\G(?<d>" DAY ")" ORD "?(?:\\s+of)?(?:\\s+|\\s*-\\s*)(?<mon>{MONTH})(?:\\.|(?![\\p{L}]))"
    "(?:" YEAR_AFTER "|\\s+(?<yy>\\d\\d)(?![\\d:/.]))?(?![\\p{L}\\d])",
    CID, "a day, a month name and perhaps a year",
    EX ("3 August 2023", "21st July 2018", "6 August", "1-Mar-24", "27th of July", "1 Sept. 2018",
        "31 Mar 24"),
    EX ("3 months", "21 Mayfield", "2024") },
  { NP_DUE_DATE_US, "due-date-us",
    "\\G(?<mon>{MONTH})\\.?\\s+(?<d>" DAY ")" ORD "?(?:,?\\s+(?<y>" YEAR4 "))?(?![\\p{L}\\d/.:])",
    CI, "a month name, a day and perhaps a year",
    EX ("August 3, 2023", "July 27th", "March 24"),
    EX ("March 2024", "May 20244", "March 1.5") },
  { NP_DUE_DAY_ONLY, "due-day-only",
    "\\G(?<d>" DAY ")" ORD "?(?=\\s*(?:-|to|and|&)\\s*" DAY ORD "?\\s+(?:of\\s+)?(?:{MONTH}))",
    CI, "the first day of a range of days in one month",
    EX ("3 - 7 June 2024", "3rd and 4th July"),
    EX ("3 June", "3 - 7 people") },
  { NP_DUE_MONTH, "due-month",
    "\\G(?<mon>{MONTH})(?:\\.|(?![\\p{L}]))" YEAR_AFTER "?(?![\\p{L}\\d])",
    CID, "a month name, perhaps with a year",
    EX ("March 2024", "Sept. 2018", "Mar-24", "March '24", "February", "Jan"),
    EX ("Marches", "Mayor", "Janet", "Augustine 2024") },
  { NP_DUE_MONTH_NUMERIC, "due-month-numeric",
    "\\G(?<m>0?[1-9]|1[0-2])/(?<y>" YEAR4 ")(?![\\d/])",
    0, "a month and year in figures",
    EX ("03/2024", "9/2018"),
    EX ("2024/25", "31/03/2024", "13/2024") },
  { NP_DUE_QUARTER, "due-quarter",
    "\\G(?:q(?<q>[1-4])|quarter\\s*(?<q>[1-4])|(?<q>[1-4])" ORD "\\s+quarter"
    "|(?<qw>first|second|third|fourth|final|last)\\s+quarter)" PERIOD_YEAR "(?![\\p{L}\\d])",
    CID, "a quarter: of a financial year (Q3 2024/25) or a calendar year (Q3 2024)",
    EX ("Q3 2024/25", "Q3 2024", "Quarter 2", "Q3 of 2023/24", "3rd quarter 2024", "Q1 FY24/25"),
    EX ("Q5 2024", "quarterly", "Q34") },
  { NP_DUE_HALF, "due-half",
    "\\G(?:h(?<h>[12])|(?<h>[12])(?:st|nd)\\s+half|(?<hw>first|second)\\s+half)" PERIOD_YEAR
    "(?![\\p{L}\\d])",
    CID, "a half year: of a financial year or a calendar year",
    EX ("H1 2025", "first half of 2025", "2nd half 2024/25", "H2"),
    EX ("H3 2025", "half of the budget", "halfway") },
  { NP_DUE_SEASON, "due-season",
    "\\G(?<season>{SEASON})" PERIOD_YEAR "(?![\\p{L}\\d])",
    CID, "a meteorological season, perhaps with a year",
    EX ("Spring 2024", "Winter 2024/25", "autumn 2024", "Summer"),
    EX ("Springfield", "summertime") },
  { NP_DUE_FISCAL, "due-fiscal",
    "\\G" FY,
    CID, "a financial year, or a span of years (2025/28, 2024-2026)",
    EX ("2024/25", "2024-25", "2025/28", "2024-2026", "FY 2023/24", "23/24", "financial year 2024/25"),
    EX ("2024", "31/03/2024", "2024/255") },
  { NP_DUE_YEAR, "due-year",
    "\\G(?:(?:calendar\\s+)?year\\s+)?(?<y>" YEAR4 ")(?!\\d|[/-]\\d)",
    CI, "a calendar year",
    EX ("2024", "year 2025", "calendar year 2024"),
    EX ("20245", "2024/25", "2024-26", "1066") },
  { NP_DUE_REL_PERIOD, "due-rel-period",
    "\\G(?:the\\s+(?=\\w+\\s))?(?<which>this|the|current|next|following|coming|last|previous)\\s+"
    "(?<fin>(?:financial|fiscal|municipal|council)\\s+)?(?<unit>year|month|quarter)(?![\\p{L}])",
    CI, "a period named relative to the document's date",
    EX ("the year", "next month", "this financial year", "the next quarter"),
    EX ("the years ahead", "next steps", "this report") },
  { NP_DUE_REL_YEAR_END, "due-rel-year-end",
    "\\G(?:the\\s+)?(?:(?<fin>(?:financial|fiscal)\\s+)?year[\\s-]?end"
    "|end\\s+of\\s+(?:the\\s+)?(?<fin>(?:financial|fiscal)\\s+)?year)(?![\\p{L}])",
    CID, "the year end, relative to the document's date",
    EX ("year end", "year-end", "financial year end", "the yearend", "end of year",
        "the end of the financial year"),
    EX ("year ending March", "years end") },
  { NP_DUE_REL_WITHIN, "due-rel-within",
    "\\G(?:(?:within|in|over)\\s+(?:the\\s+)?(?:next\\s+)?|(?:the\\s+)?next\\s+)"
    "(?<n>\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen"
    "|twenty-four)\\s+(?<unit>days?|weeks?|months?|years?)(?![\\p{L}])",
    CI, "a span from the document's date",
    EX ("within 3 months", "in six weeks", "the next 12 months", "over the next two years"),
    EX ("within budget", "in 2024", "3 months") },

  /* ---- due: between dates ----------------------------------------------- */
  { NP_DUE_RANGE_SEP, "due-range-sep",
    "\\G\\s*(?:-|(?:to|until|till|through|thru)(?![\\p{L}]))\\s*",
    CI, "the join of a range: February to August, Jan-Mar",
    EX (" to ", "-", " - ", " until ", "-Mar"),
    EX (" and ", "today") },
  { NP_DUE_AND_SEP, "due-and-sep",
    "\\G\\s*(?:and(?![\\p{L}])|&)\\s*",
    CI, "the second half of between X and Y",
    EX (" and ", "&"),
    EX (" to ", "andover") },
  { NP_DUE_LIST_SEP, "due-list-sep",
    "\\G(?:\\s*(?:,|;|&|\\+|/|(?:and|then|or|also)(?![\\p{L}]))\\s*|\\s+)",
    CI, "between two dates given one after the other",
    EX (", ", " and ", "/", " "),
    EX ("x") },
  { NP_DUE_ONGOING_SUFFIX, "due-ongoing-suffix",
    "\\G\\s*(?:(?:and|&|-|,|then)\\s*)?(?:(?:weekly|monthly|quarterly|annually|yearly|regularly"
    "|every\\s+(?:week|month|quarter|year))\\s+)?(?:ongoing|on-going|on\\s+going|onwards?|continuing"
    "|thereafter|and\\s+beyond|beyond|continuous(?:ly)?)(?![\\p{L}])",
    CI, "a start date of something that carries on",
    EX (" and ongoing", " onwards", " - ongoing", "and\nongoing", " and monthly thereafter"),
    EX (" and March", " only") },
  { NP_DUE_SKIP_WORD, "due-skip-word",
    "\\G[\\p{L}\\d'&-]+\\.?\\s*[,:;]?\\s*",
    0, "a word to step over when looking for a date further on in a line",
    EX ("To ", "completed, ", "S151 "),
    EX (" ", "(") },

  /* ---- owners ------------------------------------------------------------ */
  { NP_OWNER_REMARK, "owner-remark",
    "\\s+(?:to|who|will|should|with|via|through|see|please\\s+see|as\\s+per|per|supported\\s+by"
    "|in\\s+(?:consultation|conjunction|liaison)\\s+with|working\\s+with|alongside|reporting\\s+to"
    "|as\\s+lead|leading\\s+on)\\s+(?=\\p{Ll})",
    0, "where a remark starts after an owner: the owner ends there",
    EX ("Director of Law & Governance to keep under review", "Chief Executive with support from CMT",
        "Chief Executive see progress update"),
    EX ("Director of Law and Governance", "Chief Executive with Leader",
        "Head of Legal & Democratic Services") },

  /* ---- links ------------------------------------------------------------- */
  { NP_LINK_KEYWORD, "link-keyword",
    "(?<![\\p{L}])(?:recommendations?|recs?|actions?|points?|items?|paragraphs?|paras?|objectives?"
    "|proposals?|refs?|references?|nos?|numbers?)\\.?(?:\\s+(?:nos?\\.?|numbers?))?\\s*"
    "(?=(?-i:[A-Z]{0,2})\\d)"
    "|(?<![\\p{L}])(?:linked|links?|related|relates|relating|refers?|cross-references?|cross-referenced"
    "|connected|tied|see\\s+also)\\s+(?:to|with)?\\s*(?=(?-i:[A-Z]{1,2})\\d)",
    CI, "a word that names item numbers after it",
    EX ("linked to Recommendations 2, 4 and 20", "See action 3 DLUHC above", "Point 9 refers",
        "cross-references with action 16 DLUHC", "Linked to R9.", "Linked to actions B1 and B3."),
    EX ("There are 42 actions in total", "the 12 recommendations made", "transactions 5") },
  { NP_LINK_DIRECTION, "link-direction",
    "(?<![\\p{L}\\d.,/])(?<number>" REFNUM ")(?![\\d]|\\.\\d)"
    "(?=(?:\\s+(?-i:[A-Z][\\w&]*)){0,4}\\s+(?:above|below)(?![\\p{L}]))",
    CI, "an item number followed by above or below",
    EX ("As 19 above", "See 38 DLUHC above", "As a result of 6 above", "detailed in 33 ABC CEx above",
        "As 2(a) above"),
    EX ("the 2024 plan above", "1.5 million", "See 38 DLUHC") },
  { NP_LINK_SEE, "link-see",
    "(?<![\\p{L}])(?:see|cf\\.?|refer\\s+to)(?:\\s+also)?\\s+(?=(?-i:[A-Z]{0,2})\\d)",
    CI, "see followed by an item number",
    EX ("See 1.7", "see also 4.2", "refer to 3", "See R3"),
    EX ("See the Chief Executive", "overseen 3") },
  { NP_LINK_NUMBER, "link-number",
    "\\G(?<number>" LINKREF ")(?![\\d]|\\.\\d)(?<tail>\\s*(?:above|below)(?![\\p{L}]))?",
    CID, "one item number in a list of them",
    EX ("19", "1.10", "2(a)", "12a", "19 above", "R9", "B1"),
    EX ("x19", "1234", "Rx9") },
  { NP_REF_TAIL, "ref-tail",
    "\\G\\s*(?<dir>above|below)(?![\\p{L}])",
    CI, "the direction after an item number: As 19 above",
    EX (" above", " below", "above"),
    EX (" aboveground", " before") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (defs) == NP_N_PATTERNS);

/* An alternation of a vocabulary's first column, longest first so "sept"
 * is tried before "sep": (transfer full). */
static char *
alternation (const PsTsvTable *t)
{
  GPtrArray *words = g_ptr_array_new ();
  for (long r = 0; r < t->n_rows; r++)
    g_ptr_array_add (words, (gpointer) ps_tsv_cell (t, r, 0));
  GString *s = g_string_new ("(?:");
  /* Sort by length, longest first (a simple selection keeps it readable). */
  gboolean *used = g_new0 (gboolean, words->len);
  for (guint k = 0; k < words->len; k++)
    {
      guint best = G_MAXUINT;
      for (guint i = 0; i < words->len; i++)
        if (!used[i]
            && (best == G_MAXUINT
                || strlen (g_ptr_array_index (words, i)) > strlen (g_ptr_array_index (words, best))))
          best = i;
      used[best] = TRUE;
      if (k)
        g_string_append_c (s, '|');
      /* Vocabulary words are letters; quote anything else. */
      for (const char *p = g_ptr_array_index (words, best); *p; p++)
        {
          if (!g_ascii_isalnum (*p) && !((guchar) *p & 0x80))
            g_string_append_c (s, '\\');
          g_string_append_c (s, *p);
        }
    }
  g_string_append_c (s, ')');
  g_free (used);
  g_ptr_array_unref (words);
  return g_string_free (s, FALSE);
}

static char *
replace_all (const char *s, const char *what, const char *with)
{
  g_auto (GStrv) parts = g_strsplit (s, what, -1);
  return g_strjoinv (with, parts);
}

PsPatternDef *
norm_pattern_defs_expand (gsize *n)
{
  g_autofree char *months = alternation (&ps_norm_months);
  g_autofree char *seasons = alternation (&ps_norm_seasons);
  PsPatternDef *out = g_new0 (PsPatternDef, G_N_ELEMENTS (defs));
  for (gsize i = 0; i < G_N_ELEMENTS (defs); i++)
    {
      out[i] = defs[i];
      g_autofree char *a = replace_all (defs[i].pattern, "{MONTH}", months);
      out[i].pattern = replace_all (a, "{SEASON}", seasons);
    }
  *n = G_N_ELEMENTS (defs);
  return out;
}

void
norm_pattern_defs_free (PsPatternDef *d, gsize n)
{
  if (!d)
    return;
  for (gsize i = 0; i < n; i++)
    g_free ((char *) d[i].pattern);
  g_free (d);
}
