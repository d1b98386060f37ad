/* run_inputs.c — what 'plansift run' reads: folders walked in a fixed order,
 * files given directly, names for their docs/ files, and shards. */
#include "run_private.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

void
run_input_free (RunInput *input)
{
  if (!input)
    return;
  g_free (input->path);
  g_free (input->name);
  g_free (input->error);
  g_free (input);
}

static const char *const extensions[] = { ".pdf", ".html", ".htm" };

static gboolean
has_document_extension (const char *name)
{
  gsize n = strlen (name);
  for (gsize i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      gsize m = strlen (extensions[i]);
      if (n > m && g_ascii_strcasecmp (name + n - m, extensions[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  const RunWalkOptions *opts;
  GPtrArray *inputs;  /* RunInput* */
  GHashTable *seen;   /* paths already listed */
  GHashTable *folders; /* "dev:ino" of folders already walked */
  dev_t out_dev;
  ino_t out_ino;
  gboolean have_out;
} Walk;

static void
add_input (Walk *w, const char *path, const char *error)
{
  if (g_hash_table_contains (w->seen, path))
    return;
  g_hash_table_add (w->seen, g_strdup (path));
  RunInput *in = g_new0 (RunInput, 1);
  in->path = g_strdup (path);
  in->error = g_strdup (error);
  g_ptr_array_add (w->inputs, in);
}

/* TRUE the first time a folder is met: symbolic links can make loops, and
 * the output folder must not be read as input. */
static gboolean
first_visit (Walk *w, const struct stat *st)
{
  if (w->have_out && st->st_dev == w->out_dev && st->st_ino == w->out_ino)
    return FALSE;
  char key[64];
  g_snprintf (key, sizeof key, "%ju:%ju", (uintmax_t) st->st_dev, (uintmax_t) st->st_ino);
  if (g_hash_table_contains (w->folders, key))
    return FALSE;
  g_hash_table_add (w->folders, g_strdup (key));
  return TRUE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void walk_folder (Walk *w, const char *dir);

static void
walk_entry (Walk *w, const char *path, const char *name)
{
  struct stat st;
  if (stat (path, &st) != 0)
    {
      /* A dangling link named like a document fails as an input. */
      if (has_document_extension (name))
        add_input (w, path, NULL);
      else if (!w->opts->quiet)
        cli_error (path, "skipped: not a .pdf, .html or .htm file");
      return;
    }
  if (S_ISDIR (st.st_mode))
    {
      if (first_visit (w, &st))
        walk_folder (w, path);
      return;
    }
  if (!has_document_extension (name))
    {
      if (!w->opts->quiet)
        cli_error (path, "skipped: not a .pdf, .html or .htm file");
      return;
    }
  /* A FIFO or device found in a folder could block a worker for ever. */
  add_input (w, path, S_ISREG (st.st_mode) ? NULL : "not a regular file");
}

static void
walk_folder (Walk *w, const char *dir)
{
  /* opendir rather than g_dir_open: its errno makes a one-line message. */
  DIR *d = opendir (dir);
  if (!d)
    {
      g_autofree char *msg = g_strdup_printf ("cannot read folder: %s", g_strerror (errno));
      add_input (w, dir, msg);
      return;
    }
  /* readdir's order is the file system's: sort for stable output. */
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  struct dirent *e;
  while ((e = readdir (d)))
    if (e->d_name[0] != '.')
      g_ptr_array_add (names, g_strdup (e->d_name));
  closedir (d);
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, n, NULL);
      walk_entry (w, path, n);
    }
}

GPtrArray *
run_inputs_collect (char **paths, const RunWalkOptions *opts)
{
  Walk w = { 0 };
  w.opts = opts;
  w.inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) run_input_free);
  w.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  struct stat st;
  if (opts->outdir && stat (opts->outdir, &st) == 0)
    {
      w.have_out = TRUE;
      w.out_dev = st.st_dev;
      w.out_ino = st.st_ino;
    }
  for (char **p = paths; p && *p; p++)
    {
      if (stat (*p, &st) == 0 && S_ISDIR (st.st_mode))
        {
          if (first_visit (&w, &st))
            walk_folder (&w, *p);
        }
      else
        add_input (&w, *p, NULL); /* given by name: sniffed, whatever it is */
    }
  g_hash_table_unref (w.seen);
  g_hash_table_unref (w.folders);
  return w.inputs;
}

gboolean
run_inputs_read_list (FILE *in, GPtrArray *paths, GError **error)
{
  g_autoptr (GString) line = g_string_new (NULL);
  int c;
  do
    {
      c = getc (in);
      if (c != EOF && c != '\n')
        {
          g_string_append_c (line, (char) c);
          continue;
        }
      if (line->len && line->str[line->len - 1] == '\r')
        g_string_truncate (line, line->len - 1);
      if (line->len && strlen (line->str) == line->len)
        g_ptr_array_add (paths, g_strdup (line->str));
      g_string_truncate (line, 0);
    }
  while (c != EOF);
  if (ferror (in))
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "cannot read the list of paths: %s", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* Long enough to be useful, short enough that name + hash + ".json" fits
 * in NAME_MAX. */
#define MAX_BASENAME 200

char *
run_display_path (const char *path)
{
  return g_utf8_validate (path, -1, NULL) ? g_strdup (path) : g_utf8_make_valid (path, -1);
}

/* The basename, valid UTF-8 (it is written into JSON). */
static char *
base_of (const char *path)
{
  g_autofree char *raw = g_path_get_basename (path);
  g_autofree char *base = run_display_path (raw);
  if (!base[0] || strcmp (base, ".") == 0 || strcmp (base, "..") == 0
      || strcmp (base, G_DIR_SEPARATOR_S) == 0)
    return g_strdup ("input");
  if (strlen (base) > MAX_BASENAME)
    {
      const char *end = base + MAX_BASENAME;
      /* Cut on a UTF-8 character boundary when the name is UTF-8. */
      while (end > base && ((guchar) *end & 0xC0) == 0x80)
        end--;
      return g_strndup (base, (gsize) (end - base));
    }
  return g_steal_pointer (&base);
}

void
run_inputs_name (GPtrArray *inputs)
{
  /* Case-insensitive, as two names differing only in case are one file on
   * some file systems. */
  g_autoptr (GHashTable) count = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < inputs->len; i++)
    {
      RunInput *in = g_ptr_array_index (inputs, i);
      g_autofree char *base = base_of (in->path);
      char *key = g_utf8_casefold (base, -1);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (count, key));
      g_hash_table_replace (count, key, GUINT_TO_POINTER (n + 1));
    }
  for (guint i = 0; i < inputs->len; i++)
    {
      RunInput *in = g_ptr_array_index (inputs, i);
      g_autofree char *base = base_of (in->path);
      g_autofree char *key = g_utf8_casefold (base, -1);
      g_free (in->name);
      if (GPOINTER_TO_UINT (g_hash_table_lookup (count, key)) > 1)
        {
          g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, in->path, -1);
          in->name = g_strdup_printf ("%s.%.8s.json", base, digest);
        }
      else
        in->name = g_strconcat (base, ".json", NULL);
    }
}

guint
run_shard_of (const char *path, guint n)
{
  g_return_val_if_fail (n > 0, 0);
  guint8 digest[20];
  gsize len = sizeof digest;
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sum, (const guchar *) path, (gssize) strlen (path));
  g_checksum_get_digest (sum, digest, &len);
  guint64 v = 0;
  for (int i = 0; i < 8; i++)
    v = (v << 8) | digest[i];
  return (guint) (v % n);
}

void
run_inputs_shard (GPtrArray *inputs, guint k, guint n)
{
  g_return_if_fail (k >= 1 && k <= n);
  guint kept = 0;
  for (guint i = 0; i < inputs->len; i++)
    {
      RunInput *in = g_ptr_array_index (inputs, i);
      if (run_shard_of (in->path, n) == k - 1)
        inputs->pdata[kept++] = in;
      else
        run_input_free (in);
    }
  /* The dropped inputs are freed above: shrink without freeing again. */
  g_ptr_array_set_free_func (inputs, NULL);
  g_ptr_array_set_size (inputs, kept);
  g_ptr_array_set_free_func (inputs, (GDestroyNotify) run_input_free);
}
