/* test_crossformat.c — one model for both formats: an HTML fixture and the
 * PDF Chromium printed from it give the same first table (grid, texts,
 * fills) and the same items. */
#include <libxml/parser.h>
#include <string.h>

#include "harness.h"
#include "ps_extract.h"
#include "ps_ingest.h"
#include "ps_normalise.h"
#include "ps_text.h"

static PsDoc *
ingest (const char *dir, const char *sub, const char *name)
{
  g_autofree char *path = g_build_filename (dir, sub, name, NULL);
  g_autoptr (GError) error = NULL;
  PsDoc *doc = ps_ingest_file (path, NULL, &error);
  if (!doc)
    fprintf (stderr, "%s: %s\n", path, error->message);
  return doc;
}

static const PsTable *
first_table (const PsDoc *layout)
{
  for (guint i = 0; i < layout->blocks->len; i++)
    {
      const PsBlock *b = g_ptr_array_index (layout->blocks, i);
      if (b->kind == PS_BLOCK_TABLE)
        return b->table;
    }
  return NULL;
}

static gboolean
same_text (const char *a, const char *b)
{
  g_autofree char *fa = ps_text_fold (a ? a : "");
  g_autofree char *fb = ps_text_fold (b ? b : "");
  return strcmp (fa, fb) == 0;
}

/* Colours within a few steps per channel: PDF producers round them. */
static gboolean
same_colour (PsColour a, PsColour b)
{
  if (ps_colour_is_set (a) != ps_colour_is_set (b))
    return FALSE;
  return abs (a.r - b.r) <= 8 && abs (a.g - b.g) <= 8 && abs (a.b - b.b) <= 8;
}

/* Rows whose fill differs by design between screen and print. */
static gboolean
print_differs (const char *name, guint row)
{
  /* rag.html: row 3's class is black under @media print, which Chromium
   * applies when printing and HTML ingest ignores; row 12's colour is a
   * highlight behind the text, not the cell's background. */
  return strcmp (name, "rag") == 0 && (row == 3 || row == 12);
}

static void
compare_tables (const char *name, const PsTable *h, const PsTable *p)
{
  OK (h && p);
  if (!h || !p)
    return;
  INT_EQ (p->n_rows, h->n_rows);
  INT_EQ (p->n_cols, h->n_cols);
  INT_EQ (p->cells->len, h->cells->len);
  for (guint i = 0; i < h->cells->len && i < p->cells->len; i++)
    {
      const PsCell *a = &g_array_index (h->cells, PsCell, i);
      const PsCell *b = &g_array_index (p->cells, PsCell, i);
      gboolean ok = a->row == b->row && a->col == b->col && a->rowspan == b->rowspan
                    && a->colspan == b->colspan && same_text (a->text, b->text)
                    && (print_differs (name, a->row) || same_colour (a->fill, b->fill));
      OK (ok);
      if (!ok)
        fprintf (stderr, "%s: cell %u: html (%u,%u %ux%u) \"%s\", pdf (%u,%u %ux%u) \"%s\"\n", name,
                 i, a->row, a->col, a->rowspan, a->colspan, a->text, b->row, b->col, b->rowspan,
                 b->colspan, b->text);
    }
}

/* The items of the plan's table: those in the first item's section (later
 * sections of the fixtures hold deliberately odd grids). */
static guint
plan_items (const PsItemList *list)
{
  guint n = 0;
  const PsItem *first = list->items->len ? g_ptr_array_index (list->items, 0) : NULL;
  while (n < list->items->len
         && g_strcmp0 (((const PsItem *) g_ptr_array_index (list->items, n))->section,
                       first->section) == 0)
    n++;
  return n;
}

static void
compare_items (const char *name, const PsItemList *h, const PsItemList *p)
{
  guint n = plan_items (h);
  OK (n >= 3);
  INT_EQ (plan_items (p), n);
  for (guint i = 0; i < n && i < p->items->len; i++)
    {
      const PsItem *a = g_ptr_array_index (h->items, i);
      const PsItem *b = g_ptr_array_index (p->items, i);
      if (print_differs (name, i + 1))
        continue;
      gboolean ok = g_strcmp0 (a->ref, b->ref) == 0 && same_text (a->text, b->text)
                    && same_text (a->owners_text, b->owners_text)
                    && same_text (a->due.text, b->due.text) && a->due.kind == b->due.kind
                    && strcmp (a->due.start, b->due.start) == 0
                    && a->status.canonical == b->status.canonical && a->status.rag == b->status.rag
                    && g_strcmp0 (a->section, b->section) == 0;
      OK (ok);
      if (!ok)
        fprintf (stderr, "%s: item %u: html %s \"%.40s\", pdf %s \"%.40s\"\n", name, i,
                 a->ref ? a->ref : "-", a->text ? a->text : "", b->ref ? b->ref : "-",
                 b->text ? b->text : "");
    }
}

static void
check_fixture (const char *dir, const char *stem)
{
  g_autofree char *html_name = g_strconcat (stem, ".html", NULL);
  g_autofree char *pdf_name = g_strconcat (stem, ".pdf", NULL);
  g_autoptr (PsDoc) html = ingest (dir, "html", html_name);
  g_autoptr (PsDoc) pdf = ingest (dir, "pdf", pdf_name);
  OK (html && pdf);
  if (!html || !pdf)
    return;
  g_autoptr (PsDoc) hl = ps_extract_layout (html, NULL, NULL);
  g_autoptr (PsDoc) pl = ps_extract_layout (pdf, NULL, NULL);
  compare_tables (stem, first_table (hl), first_table (pl));
  g_autoptr (PsItemList) hi = ps_extract (html, NULL, NULL);
  g_autoptr (PsItemList) pi = ps_extract (pdf, NULL, NULL);
  OK (hi->items->len > 0);
  OK (ps_normalise (hi, NULL, NULL) && ps_normalise (pi, NULL, NULL));
  compare_items (stem, hi, pi);
}

int
main (int argc, char **argv)
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: test_crossformat FIXTURES_DIR\n");
      return 2;
    }
  xmlInitParser ();
  ps_extract_init ();
  ps_normalise_init ();
  /* Rows and columns spanned, a shared action cell; RAG colours by inline
   * style, bgcolor and class. */
  check_fixture (argv[1], "spans");
  check_fixture (argv[1], "rag");
  xmlCleanupParser ();
  return harness_done ("crossformat");
}
