/* test_html_robust.c — the HTML reader on input built to hurt it: deep
 * nesting, huge tables and spans, junk bytes, broken encodings, and a
 * little generated-markup fuzzing.  Every input must give a document that
 * passes ps_doc_check and survives the JSON round trip, print nothing, and
 * take time linear in its size.
 *
 *   test_html_robust --bench ROWS    times a generated ROWS-row table. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "harness.h"
#include "ps_ingest.h"
#include "ps_model_json.h"

static PsDoc *
ingest (const char *data, gsize len)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, len);
  g_autoptr (GError) error = NULL;
  PsDoc *doc = ps_ingest_bytes (bytes, "robust.html", NULL, &error);
  if (!doc)
    fprintf (stderr, "ingest: %s\n", error->message);
  return doc;
}

static gboolean
round_trips (const PsDoc *doc)
{
  g_autoptr (cJSON) j1 = ps_doc_to_json (doc);
  g_autofree char *s1 = ps_json_print (j1, FALSE);
  g_autoptr (cJSON) parsed = ps_json_parse (s1, strlen (s1), NULL);
  g_autoptr (PsDoc) back = parsed ? ps_doc_from_json (parsed, NULL) : NULL;
  if (!back)
    return FALSE;
  g_autoptr (cJSON) j2 = ps_doc_to_json (back);
  g_autofree char *s2 = ps_json_print (j2, FALSE);
  return strcmp (s1, s2) == 0;
}

/* Ingests and checks the invariants; returns the doc for more checks. */
static PsDoc *
check (const char *what, const char *data, gsize len)
{
  PsDoc *doc = ingest (data, len);
  OK (doc != NULL);
  if (!doc)
    {
      fprintf (stderr, "  (%s)\n", what);
      return NULL;
    }
  g_autoptr (GError) error = NULL;
  gboolean ok = ps_doc_check (doc, &error);
  if (!ok)
    fprintf (stderr, "%s: %s\n", what, error->message);
  OK (ok);
  ok = round_trips (doc);
  if (!ok)
    fprintf (stderr, "%s: JSON round trip failed\n", what);
  OK (ok);
  return doc;
}

static char *
repeat (const char *open, const char *middle, const char *close, guint n, gsize *len)
{
  GString *s = g_string_new ("<html><body>");
  for (guint i = 0; i < n; i++)
    g_string_append (s, open);
  g_string_append (s, middle);
  for (guint i = 0; i < n; i++)
    g_string_append (s, close);
  g_string_append (s, "<p>after</p></body></html>");
  *len = s->len;
  return g_string_free (s, FALSE);
}

/* ---- deep nesting ------------------------------------------------------ */

static void
test_deep (void)
{
  static const struct
  {
    const char *open, *middle, *close;
  } cases[] = {
    { "<div>", "deep text", "</div>" },
    { "<table><tr><td>", "cell", "</td></tr></table>" },
    { "<ul><li>", "item", "</li></ul>" },
    { "<b>", "bold", "</b>" },
    { "<p>", "para", "" },
    { "<div>", "unclosed", "</span>" },
    { "<table><tbody><tr><td rowspan=0 colspan=1000>", "x", "" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len;
      g_autofree char *html = repeat (cases[i].open, cases[i].middle, cases[i].close, 100000,
                                      &len);
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr (PsDoc) doc = check (cases[i].open, html, len);
      double s = (double) (g_get_monotonic_time () - t0) / 1e6;
      fprintf (stderr, "deep %s x 100000: %u blocks, %.2f s\n", cases[i].open,
               doc ? doc->blocks->len : 0, s);
      OK (s < 20.0);
    }
}

/* 100 nested lists: within libxml2's depth, past the stage JSON's level
 * limit of 64, so deeper items stay at level 64. */
static void
test_list_levels (void)
{
  gsize len;
  g_autofree char *html = repeat ("<ul><li>item", "", "</li></ul>", 100, &len);
  g_autoptr (PsDoc) doc = check ("nested lists", html, len);
  if (!doc)
    return;
  INT_EQ (doc->blocks->len, 101);
  guint max = 0;
  for (guint i = 0; i + 1 < doc->blocks->len; i++)
    max = MAX (max, ((const PsBlock *) g_ptr_array_index (doc->blocks, i))->level);
  INT_EQ (max, 64);
}

/* ---- big tables -------------------------------------------------------- */

static char *
big_table (guint rows, gsize *len)
{
  GString *s = g_string_new ("<html><head><style>.g{background:#00b050}</style></head>"
                             "<body><table><thead><tr><th>No.</th><th>Recommendation</th>"
                             "<th>Action</th><th>Status</th></tr></thead><tbody>\n");
  for (guint r = 1; r <= rows; r++)
    {
      g_string_append_printf (s, "<tr><td>%u</td><td>Recommendation %u<br>second line</td>", r,
                              r);
      if (r % 3 == 1)
        g_string_append_printf (s, "<td rowspan=\"3\">Action for %u to %u</td>", r, r + 2);
      g_string_append (s, "<td class=\"g\">Complete</td></tr>\n");
    }
  g_string_append (s, "</tbody></table></body></html>\n");
  *len = s->len;
  return g_string_free (s, FALSE);
}

static double
time_table (guint rows, PsDoc **out)
{
  gsize len;
  g_autofree char *html = big_table (rows, &len);
  gint64 t0 = g_get_monotonic_time ();
  *out = ingest (html, len);
  return (double) (g_get_monotonic_time () - t0) / 1e6;
}

static void
test_big_table (void)
{
  PsDoc *doc = NULL;
  double s = time_table (5000, &doc);
  OK (doc != NULL);
  if (!doc)
    return;
  fprintf (stderr, "5000-row table: %.3f s, %.0f rows/s\n", s, 5000 / s);
  INT_EQ (doc->blocks->len, 1);
  const PsBlock *b = g_ptr_array_index (doc->blocks, 0);
  INT_EQ (b->kind, PS_BLOCK_TABLE);
  INT_EQ (b->table->n_rows, 5001);
  INT_EQ (b->table->n_cols, 4);
  /* 5000 rows of 3 cells, an action cell every third row, 4 header cells */
  INT_EQ (b->table->cells->len, 4 + 5000 * 3 + 1667);
  const PsCell *last = &g_array_index (b->table->cells, PsCell, b->table->cells->len - 1);
  INT_EQ (last->row, 5000);
  INT_EQ (last->col, 3);
  STR_EQ (last->text, "Complete");
  STR_EQ (last->xpath, "/html/body/table/tbody/tr[5000]/td[3]");
  const PsCell *action = ps_table_cell_at (b->table, 4999, 2);
  OK (action != NULL);
  if (action)
    {
      INT_EQ (action->row, 4999);
      INT_EQ (action->rowspan, 2); /* clamped to the end of the body */
      STR_EQ (action->text, "Action for 4999 to 5001");
    }
  g_autoptr (GError) error = NULL;
  OK (ps_doc_check (doc, &error));
  OK (round_trips (doc));
  ps_doc_free (doc);
}

static void
test_spans (void)
{
  GString *s = g_string_new ("<table>");
  /* Every cell spans the whole rest of the table: the grid would be huge. */
  for (int r = 0; r < 3000; r++)
    g_string_append (s, "<tr><td rowspan=65534 colspan=1000>x</td><td colspan=0>y</td></tr>");
  g_string_append (s, "</table><table><tr>");
  for (int c = 0; c < 20000; c++)
    g_string_append (s, "<td colspan=1000>w</td>");
  g_string_append (s, "</tr><tr><td rowspan=99999999999999999999>z</td></tr></table>");
  g_string_append (s, "<table><tr>");
  for (int c = 0; c < 2000; c++)
    g_string_append (s, "<td rowspan=0>a</td>");
  g_string_append (s, "</tr>");
  for (int r = 0; r < 2000; r++)
    g_string_append (s, "<tr><td>b</td></tr>");
  g_string_append (s, "</table>");
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (PsDoc) doc = check ("spans", s->str, s->len);
  double secs = (double) (g_get_monotonic_time () - t0) / 1e6;
  fprintf (stderr, "hostile spans: %.2f s\n", secs);
  OK (secs < 20.0);
  if (doc)
    {
      INT_EQ (doc->blocks->len, 3);
      const PsTable *t = ((const PsBlock *) g_ptr_array_index (doc->blocks, 1))->table;
      INT_EQ (t->n_cols, 20000);
      INT_EQ (t->n_rows, 2);
      t = ((const PsBlock *) g_ptr_array_index (doc->blocks, 2))->table;
      INT_EQ (t->n_cols, 2001);
      INT_EQ (t->n_rows, 2001);
    }
  g_string_free (s, TRUE);
}

/* ---- junk and broken text ---------------------------------------------- */

static void
test_edges (void)
{
  static const struct
  {
    const char *what, *data;
    gsize len;
    int blocks;
  } cases[] = {
    { "empty body", "<html><body></body></html>", 0, 0 },
    { "whitespace", "<p>  \n\t </p>", 0, 0 },
    { "no tags", "just text", 0, 1 },
    { "a lone <", "<", 0, 0 },
    { "an open comment", "<!-- never closed", 0, 0 },
    { "UTF-8 BOM only", "\xef\xbb\xbf", 0, 0 },
    { "UTF-16 BOM only", "\xff\xfe", 2, 0 },
    { "NULs everywhere", "<p>a\0b</p>\0\0<p>\0</p>", 20, 1 },
    { "invalid UTF-8", "<meta charset=utf-8><p>\xc3\xa9 \xff\xfe \xe2\x82</p>", 0, 1 },
    { "overlong and surrogates", "<p>\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80</p>", 0, 1 },
    { "bad numeric references", "<p>&#0; &#xD800; &#x110000; &#99999999999; &#1;x</p>", 0, 1 },
    { "UTF-16 odd length", "\xff\xfe<\0p\0>\0x\0y", 11, 1 },
    { "unclosed everything", "<table><tr><td><ul><li><p><b>text", 0, 1 },
    { "tags in attributes", "<p title='<table><tr><td>'>x</p>", 0, 1 },
    { "stray table parts", "<td>a</td><tr><td>b</td></tr><th>c</th><caption>d</caption>", 0, 4 },
    { "style garbage", "<style>}}}{{{@media{</style><p style='color:;;:'>x</p>", 0, 1 },
    { "XML declaration", "<?xml version=\"1.0\" encoding=\"koi8-r\"?><html><p>x</p></html>", 0, 1 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = cases[i].len ? cases[i].len : strlen (cases[i].data);
      g_autoptr (PsDoc) doc = check (cases[i].what, cases[i].data, len);
      if (doc && (int) doc->blocks->len != cases[i].blocks)
        fprintf (stderr, "%s: %u blocks\n", cases[i].what, doc->blocks->len);
      if (doc)
        INT_EQ (doc->blocks->len, cases[i].blocks);
    }

  /* A 0-byte file is not a document. */
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr (GError) error = NULL;
  OK (ps_ingest_bytes (empty, "empty.html", NULL, &error) == NULL);
  OK (g_error_matches (error, PS_INGEST_ERROR, PS_INGEST_ERROR_EMPTY));
}

static guint32
next_random (guint32 *state)
{
  /* xorshift32: the same junk on every machine */
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state;
}

static void
test_junk (void)
{
  guint32 seed = 2463534242u;
  for (int round = 0; round < 8; round++)
    {
      gsize len = 65536;
      g_autofree char *junk = g_malloc (len);
      for (gsize i = 0; i < len; i++)
        junk[i] = (char) (next_random (&seed) & 0xFF);
      /* Binary junk named .html is refused as not a document... */
      g_autoptr (GBytes) bytes = g_bytes_new (junk, len);
      g_autoptr (GError) error = NULL;
      g_autoptr (PsDoc) refused = ps_ingest_bytes (bytes, "junk.html", NULL, &error);
      OK (refused == NULL && g_error_matches (error, PS_INGEST_ERROR, PS_INGEST_ERROR_FORMAT));
      /* ...and behind an <html> tag it reaches the parser, which recovers. */
      memcpy (junk, "<html>", 6);
      g_autoptr (PsDoc) doc = check ("junk", junk, len);
    }
}

/* Markup soup from table, list and style pieces: the shapes that stress the
 * grid, the owner stack and the cascade. */
static void
test_soup (void)
{
  static const char *const pieces[] = {
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<thead>", "<tbody>",
    "<tfoot>", "<caption>", "<td rowspan=0>", "<td colspan=3>", "<td rowspan=2 colspan=2>",
    "<td rowspan=-1 colspan=x>", "<ul>", "</ul>", "<ol>", "<li>", "</li>", "<p>", "</p>",
    "<div>", "</div>", "<br>", "<hr>", "<h2>", "</h2>", "<b>", "</b>", "<i>", "<pre>",
    "</pre>", "<nav>", "</nav>", "<div class=cookie>", "<main>", "</main>", "<h1>",
    "<span style='background:red;color:#fff;font-weight:bold'>", "</span>",
    "<div hidden>", "<p style=display:none>", "<div aria-hidden=true>", "<header>",
    "</header>", "<footer>", "<style>td{background:#ff0} .x td.y{color:red}</style>",
    "<td class=x>", "<tr class=y bgcolor=green>", "<script>x<y</script>", "&nbsp", "&amp;",
    "&#150;", "text ", "more text\n", "\xe2\x80\xa2 bullet", "\xc2\xa3", "\xff", "<!-- c -->",
    "<table role=presentation>", "<dialog>", "<template>", "<svg><text>s</text></svg>",
  };
  guint32 seed = 88172645u;
  for (int round = 0; round < 400; round++)
    {
      GString *s = g_string_new ("<html><body>");
      guint n = 20 + next_random (&seed) % 400;
      for (guint i = 0; i < n; i++)
        g_string_append (s, pieces[next_random (&seed) % G_N_ELEMENTS (pieces)]);
      g_autoptr (PsDoc) doc = check ("soup", s->str, s->len);
      g_string_free (s, TRUE);
    }
}

/* libxml2 prints parse errors unless told not to: nothing may reach stderr. */
static void
test_silent (void)
{
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("plansift-html-XXXXXX", &path, NULL);
  OK (fd >= 0);
  if (fd < 0)
    return;
  fflush (stderr);
  int saved = dup (STDERR_FILENO);
  dup2 (fd, STDERR_FILENO);
  static const char *const bad[] = {
    "<html><body><p>unclosed <b>tags <table><td>x</tr></div></span>",
    "<p>&unknown; &#xZZ; &#99999999;</p><!-- -- --><![CDATA[x]]><?pi?>",
    "<meta charset=utf-8>\xff\xfe<p>bad bytes</p>\xc0",
    "<html><html><body><body><head><title>late</title></head>",
    "<a href=\"x\" href=\"y\" =z <<p>>>",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (bad[i], strlen (bad[i]));
      g_autoptr (PsDoc) doc = ps_ingest_bytes (bytes, "bad.html", NULL, NULL);
    }
  fflush (stderr);
  dup2 (saved, STDERR_FILENO);
  close (saved);
  off_t size = lseek (fd, 0, SEEK_END);
  close (fd);
  g_unlink (path);
  INT_EQ (size, 0);
}

int
main (int argc, char **argv)
{
  xmlInitParser ();
  if (argc == 3 && strcmp (argv[1], "--bench") == 0)
    {
      guint rows = (guint) g_ascii_strtoull (argv[2], NULL, 10);
      for (int i = 0; i < 3; i++)
        {
          PsDoc *doc = NULL;
          double s = time_table (rows, &doc);
          printf ("%u rows: %.3f s, %.0f rows/s\n", rows, s, rows / s);
          ps_doc_free (doc);
        }
      return 0;
    }
  test_silent ();
  test_edges ();
  test_junk ();
  test_soup ();
  test_big_table ();
  test_spans ();
  test_deep ();
  test_list_levels ();
  return harness_done ("test_html_robust");
}
