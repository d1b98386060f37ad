/* patterns.c — every regular expression extract uses, with the examples each
 * must and must not match (a unit test walks this table). */
#include "extract_private.h"

#define EX(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* A number: "1", "1.10", "12a", "2(a)", "R3", "A1", "(iii)", "iv". */
#define NUM "(?:\\d{1,3}(?:\\.\\d{1,3}){0,3}[a-z]?(?:\\s?\\([a-z]{1,3}\\))?|[A-Z]{1,2}\\d{1,3}(?:\\.\\d{1,3}){0,2}|\\(?[ivxlc]{1,6}\\)|\\([a-z]\\))"

static const PsPatternDef defs[] = {
  { PAT_REF_CELL, "ref-cell",
    /* Optional label, the number, then up to three capitalised source words:
     * "33 ABC CEx", "Rec 3", "R3", "1.10", "2(a)", "(iii)", "1.". */
    "^\\s*(?:(?<label>(?i:Rec(?:ommendation)?|Action|Ref|Item|No|Point|Para(?:graph)?))\\.?\\s*)?"
    "(?<number>" NUM ")[.:]?"
    "(?:\\s+(?<source>[A-Z][A-Za-z&]{0,11}(?:\\s+[A-Z][A-Za-z&]{0,11}){0,2}))?\\s*$",
    0, "a table cell that holds only an item number",
    EX ("1", "1.", "1.10", "33 ABC CEx", "38 DLUHC", "Rec 3", "R3", "A1", "2(a)", "(iii)", "12a",
        "Recommendation 4", "4.13", "REC 5", "Recommendation 1:"),
    EX ("Ongoing", "March 2024", "2024", "Leaders", "1 January 2024", "See 38 DLUHC above",
        "100%", "") },
  { PAT_REF_PREFIX, "ref-prefix",
    /* A number that starts a text: "2. When change…", "1.3 Effective…",
     * "R3: Review…", "(a) Ensure…".  The number must be followed by
     * punctuation or by a capitalised word so dates and quantities are not
     * taken ("6 weekly meetings", "2024 budget"). */
    "^\\s*(?:(?<label>Rec(?:ommendation)?|Action|Ref)\\.?\\s*)?"
    "(?<number>\\d{1,3}(?:\\.\\d{1,3}){0,3}|[A-Z]{1,2}\\d{1,3}(?:\\.\\d{1,3})?|\\(?[ivx]{1,5}\\)|\\(?[a-h]\\))"
    "(?:[.):]\\s+|\\s+(?=[A-Z\\x{2018}\\x{201C}'\"]))"
    "(?<rest>\\S.*)$",
    PCRE2_DOTALL, "an item number at the start of a cell or paragraph",
    EX ("2. When change is introduced", "1.3 Effective governance", "R3: Review the plan",
        "(a) Ensure members", "10. Ensure that boundaries", "iv) Consider options"),
    EX ("6 weekly meetings are in place", "2024 budget setting", "4 year budget planning",
        "As 18 DLUHC above", "100% of actions", "15-year plan") },
  { PAT_BULLET, "bullet",
    "^\\s*(?<bullet>[\\x{2022}\\x{25CF}\\x{25AA}\\x{25A0}\\x{25E6}\\x{2023}\\x{2043}\\x{2219}\\x{00B7}\\x{27A2}\\x{2713}\\x{F0B7}\\x{F0A7}\\x{F0D8}\\x{F076}\\x{F0FC}o*-]|\\x{2013}|\\x{2014})\\s+(?<rest>\\S.*)$",
    PCRE2_DOTALL, "a bullet that marks an unnumbered item or list entry",
    EX ("\xe2\x80\xa2 Pause and reflect", "- Work with partners", "\xe2\x80\x93 a dash bullet"),
    EX ("Pause and reflect", "-5 degrees", "1. numbered") },
  { PAT_STATUS_HEADING, "status-heading",
    /* Headings that group items by progress rather than by theme. */
    "^\\s*(?:(?:actions?|recommendations?|items?|tasks?)\\s+(?:that\\s+(?:are|have\\s+been)\\s+|which\\s+(?:are|have\\s+been)\\s+)?"
    "(?:completed?|closed|progressing(?:\\s+well)?|on\\s+(?:track|target)|in\\s+progress|not\\s+(?:yet\\s+)?started|"
    "delayed|off\\s+track|outstanding|ongoing|open|superseded|at\\s+risk|started)\\b"
    "|(?:completed?|closed|outstanding|ongoing|open|delayed|superseded)\\s+(?:actions?|recommendations?|items?)\\b)",
    PCRE2_CASELESS, "a heading that states the progress of the items beneath it",
    EX ("Actions progressing well as of March 2024", "Actions completed as of March 2024",
        "Completed actions", "Recommendations not yet started", "Actions that are on track"),
    EX ("Council Meetings and Decision Making", "Key Recommendations", "Further issues to address",
        "Action Plan", "Progress Summary as of March 2024") },
  { PAT_FURNITURE, "furniture",
    /* Page furniture repeated by producers, never content. */
    "^\\s*(?:(?:page\\s+)?\\d{1,3}(?:\\s*(?:of|/)\\s*\\d{1,3})?|continues?\\s+(?:over\\s+the\\s+page|overleaf|on\\s+(?:the\\s+)?next\\s+page)|"
    "continued(?:\\s+(?:overleaf|on\\s+(?:the\\s+)?next\\s+page|from\\s+(?:the\\s+)?previous\\s+page))?|"
    "(?:please\\s+)?turn\\s+over|PTO|\\(?cont(?:inued|'d|\\.)?\\)?)\\s*\\.?\\s*$",
    PCRE2_CASELESS, "page numbers and continuation notes",
    EX ("12", "Page 3", "Page 3 of 10", "3 / 10", "Continues over the page", "Continued overleaf",
        "(cont.)", "Continued"),
    EX ("Continue discussions with DfE.", "1.10 Effective", "2024/25", "Page layout review") },
  { PAT_GLOSSARY, "glossary",
    /* "Full Name (ABBR)": the capitalised words before an abbreviation in
     * brackets; ps_extract checks the initials agree. */
    "(?<expansion>(?:[A-Z][\\w'\\x{2019}-]*[\\s,&]+(?:(?:and|of|for|the|&|on|in|to)\\s+)*){1,8}[A-Z][\\w'\\x{2019}-]*)\\s*\\((?<abbr>[A-Z][A-Za-z0-9&]{1,7})\\)",
    0, "an abbreviation defined in brackets after its expansion",
    EX ("Chief Executive (CEx)", "Corporate Management Board (CMB)",
        "the Department for Levelling Up, Housing & Communities (DLUHC)", "Overview and Scrutiny (O&S)"),
    EX ("in 2024 (see above)", "the council (which)") },
  { PAT_DOC_DATE, "doc-date",
    /* The date printed on a plan's first page: "January 2024",
     * "September Update 2018", "3 August 2023". */
    "\\b(?:(?<day>\\d{1,2})(?:st|nd|rd|th)?\\s+)?(?<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?"
    "(?:\\s+(?:update|edition|version|review|progress\\s+report))?,?\\s+(?<year>(?:19|20)\\d\\d)\\b",
    PCRE2_CASELESS, "a month and year, perhaps with a day, in a title or heading",
    EX ("January 2024", "September Update 2018", "3 August 2023", "August 2023 \xe2\x80\x93 August 2024"),
    EX ("2022-2023", "Q3 2024", "Mayor 2024x") },
  { PAT_LABEL_LINE, "label-line",
    /* "Lead: Director of Finance", "Deadline - March 2025" in prose plans. */
    "^\\s*(?<label>[A-Za-z][A-Za-z /&'()-]{1,40}?)\\s*(?::|\\s[-\\x{2013}]\\s)\\s*(?<value>\\S.*)$",
    PCRE2_DOTALL, "a labelled line in a prose plan",
    EX ("Lead: Director of Finance", "Deadline - March 2025", "Status: Complete",
        "Lead officer: Jayne Pickering"),
    EX ("Lead", "no label here at all") },
  { PAT_TEXT_KEY, "text-key",
    /* One entry of a key written out in words. */
    "\\b(?<colour>red|amber|orange|yellow|green|blue|purple|grey|gray|black|white)\\s*(?:[-\\x{2013}\\x{2014}:=]|\\bmeans\\b)\\s*(?<label>(?:[^;,()\\n.]|\\.(?!\\s|$))*[^;,()\\n\\s.])",
    PCRE2_CASELESS, "a colour and its meaning in a key written as text",
    EX ("Green \xe2\x80\x93 complete / evaluated", "Amber - on track", "Red: off track",
        "Red \xe2\x80\x93 action delayed. The rating is shown in words"),
    EX ("Green Belt review", "amber") },
  { PAT_MONTH, "month",
    "\\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\b",
    0, "a month name, which marks a dated update rather than a name",
    EX ("September Update", "(July Update)", "Sept Update"),
    EX ("City Solicitor", "Marketing Director", "may") },
  { PAT_LABELLED_ITEM, "labelled-item",
    /* A row or paragraph that names its item: "Recommendation 1: Reduce …",
     * "Rec 3 The quality of …", "Action 2 – Review …". */
    "^\\s*(?<label>(?i:Rec(?:ommendation)?|Action|Objective|Priority))\\.?\\s*"
    "(?<number>\\d{1,3}(?:\\.\\d{1,3}){0,2}[a-z]?|[A-Z]\\d{1,3})"
    "\\s*(?:[.:)]|\\s[-\\x{2013}\\x{2014}])?\\s+(?<rest>\\S.*)$",
    PCRE2_DOTALL, "an item announced by its label and number",
    EX ("Recommendation 1: Reduce waiting times", "Rec 3 The quality of practice",
        "Action 2 \xe2\x80\x93 Review the plan", "REC 12. Improve"),
    EX ("Recommendations and actions", "Action plan 2024", "Recommendation", "Priority areas") },
  { PAT_GLOSSARY_LIST, "glossary-list",
    /* "Abbreviations: CLT – Corporate Leadership Team; DoF – Director of
     * Finance."  One entry per match; extract checks the initials. */
    "(?:^|[;:\\n]|\\.\\s)\\s*(?<abbr>[A-Z][A-Za-z&]{1,7})\\s+[-=\\x{2013}\\x{2014}]\\s+(?<expansion>[^;\\n]+?)\\s*(?=[;\\n]|\\.\\s|\\.?$)",
    0, "an abbreviation defined in a list, before its expansion",
    EX ("Abbreviations: CLT \xe2\x80\x93 Corporate Leadership Team; DoF \xe2\x80\x93 Director of Finance.",
        "PSW - Principal Social Worker"),
    EX ("The plan - which we agreed", "abbreviations are below") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (defs) == PAT_COUNT);

static PsPatternSet *patterns;

static gpointer
build_patterns (gpointer data)
{
  (void) data;
  g_autoptr (GError) error = NULL;
  PsPatternSet *set = ps_pattern_set_new (defs, G_N_ELEMENTS (defs), &error);
  /* The table is a constant: failing to compile it is a programming error. */
  if (!set)
    g_error ("extract patterns: %s", error->message);
  return set;
}

const pcre2_code *
ps_extract_pattern (ExtractPattern id)
{
  static GOnce once = G_ONCE_INIT;
  patterns = g_once (&once, build_patterns, NULL);
  return ps_pattern_set_get (patterns, (int) id);
}

const PsPatternDef *
ps_extract_pattern_defs (gsize *n)
{
  *n = G_N_ELEMENTS (defs);
  return defs;
}
