/* html_skip.c — look-ups into data/html_skip.tsv, the words and elements
 * that mark page chrome (navigation, cookie banners, site headers and
 * footers).  The tables are built once and only read afterwards, so worker
 * threads share them. */
#include "html_private.h"

#include <string.h>

#include "ps_tsv.h"

extern const PsTsvTable ps_html_skip_table;

typedef struct
{
  GHashTable *tags, *roles, *containers, *guards, *guard_roles;
  GPtrArray *words, *words_any; /* const char *, lower case */
} SkipTables;

static gpointer
build_tables (gpointer unused)
{
  (void) unused;
  const PsTsvTable *t = &ps_html_skip_table;
  int kind = ps_tsv_column (t, "kind"), value = ps_tsv_column (t, "value");
  SkipTables *s = g_new0 (SkipTables, 1);
  s->tags = g_hash_table_new (g_str_hash, g_str_equal);
  s->roles = g_hash_table_new (g_str_hash, g_str_equal);
  s->containers = g_hash_table_new (g_str_hash, g_str_equal);
  s->guards = g_hash_table_new (g_str_hash, g_str_equal);
  s->guard_roles = g_hash_table_new (g_str_hash, g_str_equal);
  s->words = g_ptr_array_new ();
  s->words_any = g_ptr_array_new ();
  for (long r = 0; r < t->n_rows; r++)
    {
      const char *k = ps_tsv_cell (t, r, kind);
      gpointer v = (gpointer) ps_tsv_cell (t, r, value);
      if (strcmp (k, "tag") == 0)
        g_hash_table_add (s->tags, v);
      else if (strcmp (k, "role") == 0)
        g_hash_table_add (s->roles, v);
      else if (strcmp (k, "container") == 0)
        g_hash_table_add (s->containers, v);
      else if (strcmp (k, "guard") == 0)
        g_hash_table_add (s->guards, v);
      else if (strcmp (k, "guard_role") == 0)
        g_hash_table_add (s->guard_roles, v);
      else if (strcmp (k, "word") == 0)
        g_ptr_array_add (s->words, v);
      else if (strcmp (k, "word_any") == 0)
        g_ptr_array_add (s->words_any, v);
    }
  return s;
}

static const SkipTables *
tables (void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once (&once, build_tables, NULL);
}

gboolean
ps_html_skip_tag (const char *name)
{
  return name && g_hash_table_contains (tables ()->tags, name);
}

gboolean
ps_html_skip_role (const char *role)
{
  return role && g_hash_table_contains (tables ()->roles, role);
}

gboolean
ps_html_skip_container (const char *name)
{
  return name && g_hash_table_contains (tables ()->containers, name);
}

gboolean
ps_html_skip_guard (const char *name)
{
  return name && g_hash_table_contains (tables ()->guards, name);
}

gboolean
ps_html_skip_guard_role (const char *role)
{
  return role && g_hash_table_contains (tables ()->guard_roles, role);
}

gboolean
ps_html_skip_words (const char *id, const char *cls, gboolean any)
{
  const GPtrArray *words = any ? tables ()->words_any : tables ()->words;
  for (guint i = 0; i < words->len; i++)
    {
      const char *w = g_ptr_array_index (words, i);
      if ((id && strstr (id, w)) || (cls && strstr (cls, w)))
        return TRUE;
    }
  return FALSE;
}
