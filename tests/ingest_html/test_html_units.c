/* test_html_units.c — the parts of the HTML reader on their own: encoding
 * detection and decoding, CSS declarations, style sheets and the chrome
 * vocabulary. */
#include <string.h>

#include <libxml/HTMLparser.h>

#include "harness.h"
#include "html_private.h"

/* ---- encodings --------------------------------------------------------- */

static void
test_decode (void)
{
  static const struct
  {
    const char *name;
    const char *in;
    gsize len; /* 0: strlen (in) */
    const char *out;
  } cases[] = {
    { "undeclared UTF-8", "<p>caf\xc3\xa9 \xe2\x80\x93</p>", 0, "<p>caf\xc3\xa9 \xe2\x80\x93</p>" },
    { "undeclared windows-1252", "<p>caf\xe9 \x93q\x94 \xa3" "5 \x80 \x81</p>", 0,
      "<p>caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d \xc2\xa3" "5 \xe2\x82\xac </p>" },
    { "UTF-8 BOM", "\xef\xbb\xbf<p>\xc2\xa3</p>", 0, "<p>\xc2\xa3</p>" },
    { "UTF-16LE BOM", "\xff\xfe<\0p\0>\0\xa3\0\x19\x20", 12, "<p>\xc2\xa3\xe2\x80\x99" },
    { "UTF-16BE BOM, pair and lone surrogate", "\xfe\xff\0<\xd8\x35\xdf\xd9\xdc\0\0>", 12,
      "<\xf0\x9d\x9f\x99\xef\xbf\xbd>" },
    { "UTF-16LE without BOM", "<\0p\0>\0x\0", 8, "<p>x" },
    { "UTF-16 odd byte dropped", "\xff\xfex\0y", 5, "x" },
    { "meta charset Latin-1 is windows-1252",
      "<meta charset=\"ISO-8859-1\"><p>\xe9\x92</p>", 0,
      "<meta charset=\"ISO-8859-1\"><p>\xc3\xa9\xe2\x80\x99</p>" },
    { "http-equiv",
      "<META HTTP-EQUIV='Content-Type' CONTENT='text/html; Charset=\"windows-1252\"'>\x96", 0,
      "<META HTTP-EQUIV='Content-Type' CONTENT='text/html; Charset=\"windows-1252\"'>\xe2\x80\x93" },
    { "declared UTF-8 with a bad byte among good ones",
      "<meta charset=utf-8>\xc3\xa9\xff", 0, "<meta charset=utf-8>\xc3\xa9\xef\xbf\xbd" },
    { "declared UTF-8 over single-byte text", "<meta charset=utf-8>\x93hi\x94 \xa3", 0,
      "<meta charset=utf-8>\xe2\x80\x9chi\xe2\x80\x9d \xc2\xa3" },
    { "stale Latin-1 declaration over UTF-8", "<meta charset=iso-8859-1>caf\xc3\xa9", 0,
      "<meta charset=iso-8859-1>caf\xc3\xa9" },
    { "ISO-8859-15 through iconv", "<meta charset=iso-8859-15>\xa4", 0,
      "<meta charset=iso-8859-15>\xe2\x82\xac" },
    { "KOI8-R after a tag whose attribute holds '>'",
      "<a title=\"x>y\"><meta charset=koi8-r>\xe9", 0,
      "<a title=\"x>y\"><meta charset=koi8-r>\xd0\x98" },
    { "a meta inside a comment is no declaration", "<!-- <meta charset=koi8-r> -->\xe9", 0,
      "<!-- <meta charset=koi8-r> -->\xc3\xa9" },
    { "unknown label", "<meta charset=x-no-such-thing>\xc3\xa9", 0,
      "<meta charset=x-no-such-thing>\xc3\xa9" },
    { "hostile label", "<meta charset=\"utf-8; rm -rf\">\xe9", 0,
      "<meta charset=\"utf-8; rm -rf\">\xc3\xa9" },
    { "UTF-16 in a meta means UTF-8", "<meta charset=utf-16>\xc3\xa9", 0,
      "<meta charset=utf-16>\xc3\xa9" },
    { "NULs and C0 controls dropped", "a\0b\x01" "c\td\r\n\x0c\x1f", 11, "abc\td\r\n\x0c" },
    { "legacy entities get their semicolon",
      "a&nbsp b &amp c &copy; &zzz d &nbspx &Eacute&hellip &amp=", 0,
      "a&nbsp; b &amp; c &copy; &zzz d &nbspx &Eacute;&hellip &amp;=" },
    { "empty", "", 0, "" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = cases[i].len ? cases[i].len : strlen (cases[i].in), out_len;
      g_autofree char *out = ps_html_decode ((const guint8 *) cases[i].in, len, &out_len);
      if (g_strcmp0 (out, cases[i].out) != 0)
        fprintf (stderr, "decode: %s\n", cases[i].name);
      STR_EQ (out, cases[i].out);
      INT_EQ (out_len, strlen (out));
      OK (g_utf8_validate (out, (gssize) out_len, NULL));
    }
  INT_EQ (ps_html_cp1252 (0x80), 0x20AC);
  INT_EQ (ps_html_cp1252 (0x9D), 0);
  INT_EQ (ps_html_cp1252 (0xE9), 0xE9);
}

/* ---- CSS declarations -------------------------------------------------- */

static void
test_decls (void)
{
  PsCssDecls d;
  char buf[8];

  ps_css_decls_parse ("color: Red; BACKGROUND: url(\"a;b\") no-repeat #0f0 !important;"
                      " background-color: blue; font: italic bold 12px/2 Arial",
                      &d);
  OK (d.set & (1u << PS_CSS_COLOUR));
  ps_colour_format (d.colour, buf);
  STR_EQ (buf, "#ff0000");
  ps_colour_format (d.bg, buf);
  STR_EQ (buf, "#00ff00"); /* the later plain declaration loses to !important */
  OK (d.important & (1u << PS_CSS_BG));
  OK (d.bold && d.italic);

  ps_css_decls_parse ("background: linear-gradient(red, blue)", &d);
  OK (d.set & (1u << PS_CSS_BG));
  OK (!ps_colour_is_set (d.bg)); /* the shorthand without a colour clears it */

  ps_css_decls_parse ("background-color: var(--rag); color: inherit; font-weight: 500;"
                      " background: url(x.png) var(--green); font: inherit",
                      &d);
  OK (!(d.set & (1u << PS_CSS_BG)));
  OK (!(d.set & (1u << PS_CSS_ITALIC)));
  OK (!(d.set & (1u << PS_CSS_COLOUR)));
  OK ((d.set & (1u << PS_CSS_BOLD)) && !d.bold);

  ps_css_decls_parse ("background-color: transparent; font-weight: 600; font-style: oblique 10deg",
                      &d);
  OK ((d.set & (1u << PS_CSS_BG)) && !ps_colour_is_set (d.bg));
  OK (d.bold && d.italic);

  ps_css_decls_parse ("display:none;visibility : collapse", &d);
  OK (d.none && d.hidden);
  ps_css_decls_parse ("display: block", &d);
  OK ((d.set & (1u << PS_CSS_NONE)) && !d.none);

  ps_css_decls_parse (";;:;color:;:red; garbage; font: 12px \"Bold Font\"", &d);
  OK (!(d.set & (1u << PS_CSS_COLOUR)));
  OK ((d.set & (1u << PS_CSS_BOLD)) && !d.bold);

  /* The cascade: a higher priority wins, an equal one applied later wins,
   * !important beats anything without it. */
  PsCssCascade c = { 0 };
  PsCssDecls red, blue, green;
  ps_css_decls_parse ("color: red", &red);
  ps_css_decls_parse ("color: blue", &blue);
  ps_css_decls_parse ("color: green !important", &green);
  ps_css_cascade_apply (&c, &red, 10);
  ps_css_cascade_apply (&c, &blue, 5);
  ps_colour_format (c.v.colour, buf);
  STR_EQ (buf, "#ff0000");
  ps_css_cascade_apply (&c, &blue, 10);
  ps_colour_format (c.v.colour, buf);
  STR_EQ (buf, "#0000ff");
  ps_css_cascade_apply (&c, &green, 1);
  ps_css_cascade_apply (&c, &red, PS_CSS_PRIO_INLINE);
  ps_colour_format (c.v.colour, buf);
  STR_EQ (buf, "#008000");
}

/* ---- style sheets ------------------------------------------------------ */

static void
test_sheet (void)
{
  static const struct
  {
    const char *css;
    guint selectors;
  } cases[] = {
    { "td { color: red }", 1 },
    { "td, th, .a, #b, table.plan td.green { color: red }", 5 },
    { "td { margin: 0 }", 0 },                      /* nothing plansift reads */
    { "a:hover, tr:nth-child(2n), [title] td, a + b, a ~ b, ::before { color: red }", 0 },
    { "a > b { color: red } x>y{color:red}", 2 },   /* read as descendant */
    { "/* td { color: red } */ p { color: red /* } */ }", 1 },
    { "@media print { td { color: red } } @media screen { td { color: red } }", 1 },
    { "@media only screen, print { td { color: red } }", 1 },
    { "@media (max-width: 600px) { td { color: red } }", 0 },
    { "@import url(x.css); @charset \"utf-8\"; @font-face { src: url(a}b) } td{color:red}", 1 },
    { "@supports (display: grid) { td { color: red } } td { color: red }", 1 },
    { "<!-- td { color: red } -->", 1 },
    { "td { color: red", 1 },                       /* unterminated block */
    { "td color: red }", 0 },
    { "}}}{{{ td { color: red }", 0 },
    { "a.b.c.d.e.f { color: red } a.b.c.d.e { color: red }", 1 },
    { "#a#b { color: red } #a#a { color: red }", 1 },
    { "a b c d e f g h i { color: red } a b c d e f g h { color: red }", 1 },
    { "", 0 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PsCssSheet) sheet = ps_css_sheet_new ();
      ps_css_sheet_parse (sheet, cases[i].css);
      if (ps_css_sheet_n_selectors (sheet) != cases[i].selectors)
        fprintf (stderr, "sheet: %s\n", cases[i].css);
      INT_EQ (ps_css_sheet_n_selectors (sheet), cases[i].selectors);
    }

  /* Deep @media nesting and a long run of braces stay bounded. */
  GString *deep = g_string_new (NULL);
  for (int i = 0; i < 10000; i++)
    g_string_append (deep, "@media screen { ");
  g_string_append (deep, "td { color: red }");
  g_autoptr (PsCssSheet) sheet = ps_css_sheet_new ();
  ps_css_sheet_parse (sheet, deep->str);
  INT_EQ (ps_css_sheet_n_selectors (sheet), 0);
  g_string_free (deep, TRUE);
}

/* ---- the chrome vocabulary --------------------------------------------- */

static void
test_skip (void)
{
  OK (ps_html_skip_tag ("script"));
  OK (ps_html_skip_tag ("nav"));
  OK (!ps_html_skip_tag ("table"));
  OK (!ps_html_skip_tag ("button")); /* accordion headings live in buttons */
  OK (ps_html_skip_role ("navigation"));
  OK (ps_html_skip_role ("contentinfo"));
  OK (!ps_html_skip_role ("main"));
  OK (!ps_html_skip_role (NULL));
  OK (ps_html_skip_container ("div"));
  OK (!ps_html_skip_container ("td"));
  OK (ps_html_skip_words (NULL, "govuk-cookie-banner", FALSE));
  OK (ps_html_skip_words ("site-footer", NULL, FALSE));
  OK (!ps_html_skip_words ("plan", "rag-green", FALSE));
  OK (ps_html_skip_words (NULL, "skip-link", TRUE));
  OK (!ps_html_skip_words (NULL, "cookie-banner", TRUE));
  OK (ps_html_skip_guard ("main"));
  OK (ps_html_skip_guard ("h1"));
  OK (!ps_html_skip_guard ("h2"));
  OK (ps_html_skip_guard_role ("main"));
}

int
main (void)
{
  xmlInitParser ();
  test_decode ();
  test_decls ();
  test_sheet ();
  test_skip ();
  return harness_done ("test_html_units");
}
