/* eval.c — reading a gold folder and an output folder and scoring one
 * against the other. */
#include "ps_eval.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "eval_private.h"
#include "ps_model_json.h"

/* A gold file serves the HTML page and every PDF rendered from it: these
 * extensions and producer suffixes are what corpus/ names them with. */
static const char *const source_extensions[] = { ".html", ".htm", ".pdf" };
static const char *const producer_suffixes[] = { ".chromium", ".libreoffice" };

/* What `plansift run -o` writes beside the documents, never a prediction. */
#define MANIFEST_NAME "manifest.json"

static const char *
base_name (const char *path)
{
  const char *base = path;
  for (const char *p = path; *p; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;
  return base;
}

/* Cuts suffix off s when s ends with it (ASCII case aside). */
static gboolean
strip_suffix (char *s, const char *suffix)
{
  gsize n = strlen (s), m = strlen (suffix);
  if (n <= m || g_ascii_strcasecmp (s + n - m, suffix) != 0)
    return FALSE;
  s[n - m] = '\0';
  return TRUE;
}

char *
ps_eval_doc_name (const char *source)
{
  if (!source)
    return NULL;
  char *name = g_strdup (base_name (source));
  for (gsize i = 0; i < G_N_ELEMENTS (source_extensions); i++)
    if (strip_suffix (name, source_extensions[i]))
      break;
  for (gsize i = 0; i < G_N_ELEMENTS (producer_suffixes); i++)
    if (strip_suffix (name, producer_suffixes[i]))
      break;
  if (!name[0])
    g_clear_pointer (&name, g_free);
  return name;
}

/* ---- files -------------------------------------------------------------- */

static void
add_note (GPtrArray *notes, const char *path, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static void
add_note (GPtrArray *notes, const char *path, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  PsEvalNote *n = g_new0 (PsEvalNote, 1);
  n->path = g_strdup (path);
  n->message = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_ptr_array_add (notes, n);
}

/* The whole file; the error message leaves the path to the caller. */
static char *
read_file (const char *path, gsize *len, GError **error)
{
  FILE *f = fopen (path, "rb");
  if (!f)
    {
      int e = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e), "cannot open: %s",
                   g_strerror (e));
      return NULL;
    }
  GString *buf = g_string_new (NULL);
  char chunk[65536];
  size_t n;
  while ((n = fread (chunk, 1, sizeof chunk, f)) > 0)
    g_string_append_len (buf, chunk, (gssize) n);
  int e = ferror (f) ? errno : 0;
  fclose (f);
  if (e)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e), "cannot read: %s",
                   g_strerror (e));
      g_string_free (buf, TRUE);
      return NULL;
    }
  *len = buf->len;
  return g_string_free (buf, FALSE);
}

/* Reads an items JSON.  A readable JSON file of another schema gives NULL
 * with *other set and no error. */
static PsItemList *
load_items (const char *path, gboolean *other, GError **error)
{
  *other = FALSE;
  gsize len = 0;
  g_autofree char *data = read_file (path, &len, error);
  if (!data)
    return NULL;
  g_autoptr (cJSON) root = ps_json_parse (data, len, error);
  if (!root)
    return NULL;
  if (g_strcmp0 (ps_json_schema (root), PS_ITEMS_SCHEMA) != 0)
    {
      *other = TRUE;
      return NULL;
    }
  return ps_item_list_from_json (root, error);
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Appends dir's regular *.json files (but manifest.json when skip_manifest)
 * to out.  g_dir_read_name's order is unspecified: callers sort. */
static gboolean
list_json (const char *dir, gboolean skip_manifest, GPtrArray *out, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GDir) d = g_dir_open (dir, 0, &local);
  if (!d)
    {
      const char *why = !g_file_test (dir, G_FILE_TEST_EXISTS)   ? "no such directory"
                        : !g_file_test (dir, G_FILE_TEST_IS_DIR) ? "not a directory"
                                                                 : "cannot open directory";
      g_set_error (error, G_FILE_ERROR, local->code, "%s: %s", dir, why);
      return FALSE;
    }
  const char *name;
  while ((name = g_dir_read_name (d)))
    {
      if (!g_str_has_suffix (name, ".json") || (skip_manifest && strcmp (name, MANIFEST_NAME) == 0))
        continue;
      char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (out, path);
      else
        g_free (path);
    }
  return TRUE;
}

/* ---- the run ------------------------------------------------------------ */

typedef struct
{
  PsItemList *list; /* NULL when the gold file could not be read */
  gboolean used;
} GoldEntry;

static void
gold_entry_free (GoldEntry *e)
{
  ps_item_list_free (e->list);
  g_free (e);
}

/* NAME.json -> NAME: its gold entry. */
static GHashTable *
load_golds (const char *gold_dir, PsEvalReport *report, GError **error)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  if (!list_json (gold_dir, FALSE, paths, error))
    return NULL;
  g_ptr_array_sort (paths, compare_paths);
  GHashTable *golds
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) gold_entry_free);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr (GError) local = NULL;
      gboolean other = FALSE;
      GoldEntry *e = g_new0 (GoldEntry, 1);
      e->list = load_items (path, &other, &local);
      if (other)
        add_note (report->failures, path, "not a gold file: expected \"schema\": \"%s\"",
                  PS_ITEMS_SCHEMA);
      else if (!e->list)
        add_note (report->failures, path, "%s", local->message);
      char *name = g_strdup (base_name (path));
      strip_suffix (name, ".json");
      g_hash_table_insert (golds, name, e);
    }
  return golds;
}

/* The prediction files: OUT_DIR itself when it is a file, else the .json
 * files in it and in its docs folder, sorted by path. */
static GPtrArray *
find_predictions (const char *out_dir, GError **error)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  if (g_file_test (out_dir, G_FILE_TEST_IS_REGULAR))
    {
      g_ptr_array_add (paths, g_strdup (out_dir));
      return g_steal_pointer (&paths);
    }
  if (!list_json (out_dir, TRUE, paths, error))
    return NULL;
  g_autofree char *docs = g_build_filename (out_dir, "docs", NULL);
  if (g_file_test (docs, G_FILE_TEST_IS_DIR) && !list_json (docs, TRUE, paths, error))
    return NULL;
  g_ptr_array_sort (paths, compare_paths);
  return g_steal_pointer (&paths);
}

static void
score_prediction (PsEvalReport *report, GHashTable *golds, GHashTable *scored,
                  const char *gold_dir, const char *path)
{
  g_autoptr (GError) local = NULL;
  gboolean other = FALSE;
  g_autoptr (PsItemList) pred = load_items (path, &other, &local);
  if (other)
    return;
  if (!pred)
    {
      add_note (report->failures, path, "%s", local->message);
      return;
    }
  /* The row is named after the document the prediction came from; without
   * a source, after the prediction file. */
  g_autofree char *doc = NULL;
  if (pred->source && base_name (pred->source)[0])
    doc = g_strdup (base_name (pred->source));
  else
    {
      doc = g_strdup (base_name (path));
      strip_suffix (doc, ".json");
    }
  g_autofree char *gold_name = ps_eval_doc_name (doc);
  GoldEntry *e = gold_name ? g_hash_table_lookup (golds, gold_name) : NULL;
  if (!e)
    {
      g_autofree char *want = g_strdup_printf ("%s.json", gold_name ? gold_name : "NAME");
      g_autofree char *gold_path = g_build_filename (gold_dir, want, NULL);
      add_note (report->skipped, path, "no gold for %s (looked for %s), skipped", doc, gold_path);
      return;
    }
  if (!e->list)
    return; /* its gold is unreadable, and already reported */
  const char *first = g_hash_table_lookup (scored, doc);
  if (first)
    {
      add_note (report->skipped, path, "%s was already scored from %s, skipped", doc, first);
      return;
    }
  g_hash_table_insert (scored, g_strdup (doc), g_strdup (path));
  e->used = TRUE;
  ps_eval_report_add (report, ps_eval_score (doc, gold_name, e->list, pred));
}

PsEvalReport *
ps_eval_dirs (const char *gold_dir, const char *out_dir, GError **error)
{
  g_return_val_if_fail (gold_dir != NULL && out_dir != NULL, NULL);
  g_autoptr (PsEvalReport) report = ps_eval_report_new ();
  g_autoptr (GHashTable) golds = load_golds (gold_dir, report, error);
  if (!golds)
    return NULL;
  g_autoptr (GPtrArray) preds = find_predictions (out_dir, error);
  if (!preds)
    return NULL;

  g_autoptr (GHashTable) scored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < preds->len; i++)
    score_prediction (report, golds, scored, gold_dir, g_ptr_array_index (preds, i));

  GHashTableIter it;
  gpointer name, value;
  g_hash_table_iter_init (&it, golds);
  while (g_hash_table_iter_next (&it, &name, &value))
    {
      const GoldEntry *e = value;
      if (e->list && !e->used)
        g_ptr_array_add (report->missing, g_strdup (name));
    }
  ps_eval_report_finish (report);
  return g_steal_pointer (&report);
}
