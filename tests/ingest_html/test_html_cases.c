/* test_html_cases.c — the HTML reader against case files.
 *
 *   test_html_cases FIXTURES EXPECTED SNIPPETS
 *
 * Every FIXTURES/NAME.html is ingested and its dump (dump.h) compared with
 * EXPECTED/NAME.txt; every case of SNIPPETS (a "=== name" line, HTML, a
 * "---" line, the expected dump) likewise.  Each document must also pass
 * ps_doc_check and survive a JSON round trip byte for byte.
 *
 *   test_html_cases --dump FILE    prints FILE's dump, for writing cases. */
#include <string.h>

#include <libxml/parser.h>

#include "dump.h"
#include "harness.h"
#include "ps_ingest.h"
#include "ps_model_json.h"

static PsDoc *
ingest (const char *data, gsize len, const char *source)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, len);
  g_autoptr (GError) error = NULL;
  PsDoc *doc = ps_ingest_bytes (bytes, source, NULL, &error);
  if (!doc)
    fprintf (stderr, "%s: %s\n", source, error->message);
  return doc;
}

/* The stage JSON of doc, printed, read back and printed again: the same bytes. */
static void
check_round_trip (const PsDoc *doc, const char *where)
{
  g_autoptr (cJSON) j1 = ps_doc_to_json (doc);
  g_autofree char *s1 = ps_json_print (j1, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (cJSON) parsed = ps_json_parse (s1, strlen (s1), &error);
  g_autoptr (PsDoc) back = parsed ? ps_doc_from_json (parsed, &error) : NULL;
  if (!back)
    {
      OK (back != NULL);
      fprintf (stderr, "%s: round trip: %s\n", where, error ? error->message : "?");
      return;
    }
  g_autoptr (cJSON) j2 = ps_doc_to_json (back);
  g_autofree char *s2 = ps_json_print (j2, TRUE);
  if (strcmp (s1, s2) != 0)
    fprintf (stderr, "%s: JSON round trip changed the document\n", where);
  OK (strcmp (s1, s2) == 0);
}

static void
check_doc (const PsDoc *doc, const char *where)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = ps_doc_check (doc, &error);
  if (!ok)
    fprintf (stderr, "%s: ps_doc_check: %s\n", where, error->message);
  OK (ok);
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const PsBlock *b = g_ptr_array_index (doc->blocks, i);
      OK (g_utf8_validate (b->text, -1, NULL));
    }
  check_round_trip (doc, where);
}

/* Compares dumps line by line; reports the first difference as file:line. */
static void
compare (const char *got, const char *expected, const char *file, int first_line)
{
  g_auto (GStrv) g = g_strsplit (got, "\n", -1);
  g_auto (GStrv) e = g_strsplit (expected, "\n", -1);
  guint i = 0;
  while (g[i] && e[i] && strcmp (g[i], e[i]) == 0)
    i++;
  gboolean same = !g[i] && !e[i];
  OK (same);
  if (!same)
    fprintf (stderr, "%s:%d: expected: %s\n%*s   got: %s\n", file, first_line + (int) i,
             e[i] ? e[i] : "(end)", (int) strlen (file) + 4, "", g[i] ? g[i] : "(end)");
}

static void
run_fixtures (const char *fixtures, const char *expected_dir)
{
  g_autoptr (GDir) dir = g_dir_open (fixtures, 0, NULL);
  OK (dir != NULL);
  if (!dir)
    return;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".html"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  OK (names->len >= 10);
  for (guint i = 0; i < names->len; i++)
    {
      const char *html = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (fixtures, html, NULL);
      g_autofree char *stem = g_strndup (html, strlen (html) - 5);
      g_autofree char *txt = g_strconcat (stem, ".txt", NULL);
      g_autofree char *exp_path = g_build_filename (expected_dir, txt, NULL);
      g_autofree char *expected = NULL;
      if (!g_file_get_contents (exp_path, &expected, NULL, NULL))
        {
          fprintf (stderr, "%s: no expected dump %s\n", html, exp_path);
          OK (FALSE);
          continue;
        }
      g_autoptr (GError) error = NULL;
      g_autoptr (PsDoc) doc = ps_ingest_file (path, NULL, &error);
      OK (doc != NULL);
      if (!doc)
        continue;
      g_autofree char *got = dump_doc (doc);
      compare (got, expected, txt, 1);
      check_doc (doc, html);
    }
}

/* Workers ingest in parallel: every thread must see what one thread sees. */
typedef struct
{
  GPtrArray *paths, *dumps;
  gint mismatches;
} Parallel;

static gpointer
parallel_worker (gpointer data)
{
  Parallel *p = data;
  for (int round = 0; round < 5; round++)
    for (guint i = 0; i < p->paths->len; i++)
      {
        g_autoptr (PsDoc) doc = ps_ingest_file (g_ptr_array_index (p->paths, i), NULL, NULL);
        g_autofree char *d = doc ? dump_doc (doc) : NULL;
        if (g_strcmp0 (d, g_ptr_array_index (p->dumps, i)) != 0)
          g_atomic_int_inc (&p->mismatches);
      }
  return NULL;
}

static void
run_parallel (const char *fixtures)
{
  Parallel p = { g_ptr_array_new_with_free_func (g_free),
                 g_ptr_array_new_with_free_func (g_free), 0 };
  g_autoptr (GDir) dir = g_dir_open (fixtures, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".html"))
      {
        char *path = g_build_filename (fixtures, name, NULL);
        g_autoptr (PsDoc) doc = ps_ingest_file (path, NULL, NULL);
        g_ptr_array_add (p.paths, path);
        g_ptr_array_add (p.dumps, doc ? dump_doc (doc) : NULL);
      }
  GThread *threads[4];
  for (int i = 0; i < 4; i++)
    threads[i] = g_thread_new ("ingest", parallel_worker, &p);
  for (int i = 0; i < 4; i++)
    g_thread_join (threads[i]);
  INT_EQ (g_atomic_int_get (&p.mismatches), 0);
  g_ptr_array_unref (p.paths);
  g_ptr_array_unref (p.dumps);
}

static void
run_snippets (const char *path)
{
  g_autofree char *text = NULL;
  OK (g_file_get_contents (path, &text, NULL, NULL));
  if (!text)
    return;
  g_autofree char *base = g_path_get_basename (path);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  int cases = 0;
  for (guint i = 0; lines[i];)
    {
      if (!g_str_has_prefix (lines[i], "=== "))
        {
          i++;
          continue;
        }
      const char *name = lines[i] + 4;
      int start = (int) i + 1;
      GString *html = g_string_new (NULL), *expected = g_string_new (NULL);
      for (i++; lines[i] && strcmp (lines[i], "---") != 0; i++)
        g_string_append_printf (html, "%s\n", lines[i]);
      int exp_line = (int) i + 2;
      if (lines[i])
        i++;
      for (; lines[i] && !g_str_has_prefix (lines[i], "=== "); i++)
        g_string_append_printf (expected, "%s\n", lines[i]);
      /* Blank lines between cases are not part of the expectation. */
      while (expected->len && expected->str[expected->len - 1] == '\n')
        g_string_truncate (expected, expected->len - 1);
      g_autofree char *where = g_strdup_printf ("%s:%d (%s)", base, start, name);
      g_autoptr (PsDoc) doc = ingest (html->str, html->len, "snippet.html");
      OK (doc != NULL);
      if (doc)
        {
          g_autofree char *got = dump_doc (doc);
          while (*got && got[strlen (got) - 1] == '\n')
            got[strlen (got) - 1] = '\0';
          compare (got, expected->str, base, exp_line);
          check_doc (doc, where);
        }
      g_string_free (html, TRUE);
      g_string_free (expected, TRUE);
      cases++;
    }
  fprintf (stderr, "%s: %d cases\n", base, cases);
  OK (cases > 0);
}

int
main (int argc, char **argv)
{
  xmlInitParser ();
  if (argc == 3 && strcmp (argv[1], "--dump") == 0)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PsDoc) doc = ps_ingest_file (argv[2], NULL, &error);
      if (!doc)
        {
          fprintf (stderr, "%s: %s\n", argv[2], error->message);
          return 1;
        }
      g_autofree char *d = dump_doc (doc);
      fputs (d, stdout);
      return 0;
    }
  if (argc != 4)
    {
      fprintf (stderr, "usage: test_html_cases FIXTURES EXPECTED SNIPPETS\n");
      return 2;
    }
  run_fixtures (argv[1], argv[2]);
  run_parallel (argv[1]);
  run_snippets (argv[3]);
  return harness_done ("test_html_cases");
}
