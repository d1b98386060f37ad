/* run_manifest.c — OUTDIR/manifest.json (what each input gave: the record
 * incremental runs compare against) and OUTDIR/timings.json (how long each
 * took).  Timings live apart so that the manifest, like the dataset, is the
 * same bytes whatever -j and however fast the machine. */
#include "run_private.h"

#include <math.h>
#include <string.h>

#include "ps_model_json.h"
#include "ps_version.h"

#define MANIFEST_SCHEMA "plansift/manifest/1"
#define TIMINGS_SCHEMA "plansift/timings/1"
#define MANIFEST_NAME "manifest.json"
#define TIMINGS_NAME "timings.json"

static const char *const status_names[] = {
  [RUN_STATUS_NONE] = NULL,
  [RUN_STATUS_OK] = "ok",
  [RUN_STATUS_UNCHANGED] = "unchanged",
  [RUN_STATUS_FAILED] = "failed",
};

const char *
run_status_to_string (RunStatus s)
{
  return (guint) s < G_N_ELEMENTS (status_names) ? status_names[s] : NULL;
}

RunStatus
run_status_from_string (const char *s)
{
  for (gsize i = 1; s && i < G_N_ELEMENTS (status_names); i++)
    if (strcmp (s, status_names[i]) == 0)
      return (RunStatus) i;
  return RUN_STATUS_NONE;
}

void
run_entry_clear (RunEntry *e)
{
  g_clear_pointer (&e->path, g_free);
  g_clear_pointer (&e->output, g_free);
  g_clear_pointer (&e->error, g_free);
  g_clear_pointer (&e->version, g_free);
  memset (e, 0, sizeof *e);
}

static void
entry_free (RunEntry *e)
{
  run_entry_clear (e);
  g_free (e);
}

static void
add_string_or_null (cJSON *o, const char *name, const char *s)
{
  if (s)
    cJSON_AddStringToObject (o, name, s);
  else
    cJSON_AddNullToObject (o, name);
}

static cJSON *
settings_to_json (const RunSettings *s)
{
  cJSON *o = cJSON_CreateObject ();
  cJSON_AddNumberToObject (o, "max_pages", s->max_pages);
  cJSON_AddBoolToObject (o, "no_graphics", s->no_graphics);
  return o;
}

static const char *
string_member (const cJSON *o, const char *name)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (o, name);
  return cJSON_IsString (v) ? v->valuestring : NULL;
}

static double
number_member (const cJSON *o, const char *name)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (o, name);
  return cJSON_IsNumber (v) && isfinite (v->valuedouble) && v->valuedouble >= 0
             ? v->valuedouble
             : 0;
}

GHashTable *
run_manifest_load (const char *outdir, const RunSettings *settings)
{
  GHashTable *entries
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) entry_free);
  g_autofree char *path = g_build_filename (outdir, MANIFEST_NAME, NULL);
  g_autofree char *data = NULL;
  gsize len;
  if (!g_file_get_contents (path, &data, &len, NULL))
    return entries;
  g_autoptr (cJSON) root = ps_json_parse (data, len, NULL);
  if (!root || g_strcmp0 (ps_json_schema (root), MANIFEST_SCHEMA) != 0)
    return entries;
  /* Other settings make other output: nothing of that run can be reused. */
  g_autoptr (cJSON) want = settings_to_json (settings);
  if (!cJSON_Compare (cJSON_GetObjectItemCaseSensitive (root, "settings"), want, TRUE))
    return entries;
  const cJSON *inputs = cJSON_GetObjectItemCaseSensitive (root, "inputs");
  if (!cJSON_IsArray (inputs))
    return entries;
  const cJSON *in;
  cJSON_ArrayForEach (in, inputs)
  {
    const char *p = string_member (in, "path");
    const char *sha = string_member (in, "sha256");
    if (!p || g_hash_table_contains (entries, p))
      continue;
    RunEntry *e = g_new0 (RunEntry, 1);
    e->path = g_strdup (p);
    e->output = g_strdup (string_member (in, "output"));
    e->status = run_status_from_string (string_member (in, "status"));
    e->error = g_strdup (string_member (in, "error"));
    if (sha && strlen (sha) == 64)
      g_strlcpy (e->sha256, sha, sizeof e->sha256);
    e->bytes = (guint64) number_member (in, "bytes");
    e->pages = (guint) MIN (number_member (in, "pages"), G_MAXUINT);
    e->items = (guint) MIN (number_member (in, "items"), G_MAXUINT);
    e->version = g_strdup (string_member (in, "version"));
    g_hash_table_insert (entries, e->path, e);
  }
  return entries;
}

static cJSON *
formats_to_json (const RunSummary *s)
{
  cJSON *a = cJSON_CreateArray ();
  for (guint i = 0; s->formats && i < s->formats->len; i++)
    cJSON_AddItemToArray (a, cJSON_CreateString (g_ptr_array_index (s->formats, i)));
  return a;
}

static cJSON *
entry_to_json (const RunEntry *e)
{
  gboolean known = e->status != RUN_STATUS_FAILED;
  cJSON *o = cJSON_CreateObject ();
  add_string_or_null (o, "path", e->path);
  add_string_or_null (o, "output", e->output);
  add_string_or_null (o, "status", run_status_to_string (e->status));
  add_string_or_null (o, "error", e->error);
  add_string_or_null (o, "sha256", e->sha256[0] ? e->sha256 : NULL);
  if (e->sha256[0])
    cJSON_AddNumberToObject (o, "bytes", (double) e->bytes);
  else
    cJSON_AddNullToObject (o, "bytes");
  if (known)
    {
      cJSON_AddNumberToObject (o, "pages", e->pages);
      cJSON_AddNumberToObject (o, "items", e->items);
    }
  else
    {
      cJSON_AddNullToObject (o, "pages");
      cJSON_AddNullToObject (o, "items");
    }
  add_string_or_null (o, "version", e->version);
  return o;
}

gboolean
run_manifest_write (const char *outdir, const RunSummary *s, GError **error)
{
  guint counts[G_N_ELEMENTS (status_names)] = { 0 };
  guint64 pages = 0, items = 0;
  for (guint i = 0; i < s->n_entries; i++)
    {
      const RunEntry *e = &s->entries[i];
      counts[e->status < G_N_ELEMENTS (status_names) ? e->status : 0]++;
      if (e->status != RUN_STATUS_FAILED)
        {
          pages += e->pages;
          items += e->items;
        }
    }
  g_autoptr (cJSON) root = cJSON_CreateObject ();
  cJSON_AddStringToObject (root, "schema", MANIFEST_SCHEMA);
  cJSON_AddStringToObject (root, "version", PS_VERSION);
  cJSON_AddItemToObject (root, "settings", settings_to_json (s->settings));
  cJSON_AddItemToObject (root, "formats", formats_to_json (s));
  add_string_or_null (root, "shard", s->shard);
  cJSON *sum = cJSON_AddObjectToObject (root, "summary");
  cJSON_AddNumberToObject (sum, "inputs", s->n_entries);
  cJSON_AddNumberToObject (sum, "ok", counts[RUN_STATUS_OK]);
  cJSON_AddNumberToObject (sum, "unchanged", counts[RUN_STATUS_UNCHANGED]);
  cJSON_AddNumberToObject (sum, "failed", counts[RUN_STATUS_FAILED]);
  cJSON_AddNumberToObject (sum, "pages", (double) pages);
  cJSON_AddNumberToObject (sum, "items", (double) items);
  cJSON *inputs = cJSON_AddArrayToObject (root, "inputs");
  for (guint i = 0; i < s->n_entries; i++)
    cJSON_AddItemToArray (inputs, entry_to_json (&s->entries[i]));
  g_autofree char *text = ps_json_print (root, TRUE);
  g_autofree char *path = g_build_filename (outdir, MANIFEST_NAME, NULL);
  return run_file_set_contents (path, text, strlen (text), error);
}

static double
round3 (double v)
{
  return isfinite (v) ? round (v * 1000.0) / 1000.0 : 0.0;
}

gboolean
run_timings_write (const char *outdir, const RunSummary *s, GError **error)
{
  guint64 pages = 0;
  guint processed = 0;
  for (guint i = 0; i < s->n_entries; i++)
    if (s->entries[i].status == RUN_STATUS_OK)
      {
        pages += s->entries[i].pages;
        processed++;
      }
  g_autoptr (cJSON) root = cJSON_CreateObject ();
  cJSON_AddStringToObject (root, "schema", TIMINGS_SCHEMA);
  cJSON_AddStringToObject (root, "version", PS_VERSION);
  cJSON_AddNumberToObject (root, "jobs", s->jobs);
  cJSON_AddNumberToObject (root, "seconds", round3 (s->seconds));
  cJSON_AddNumberToObject (root, "processed", processed);
  cJSON_AddNumberToObject (root, "pages", (double) pages);
  cJSON_AddNumberToObject (root, "pages_per_second",
                           s->seconds > 0 ? round3 ((double) pages / s->seconds) : 0);
  cJSON *inputs = cJSON_AddArrayToObject (root, "inputs");
  for (guint i = 0; i < s->n_entries; i++)
    {
      const RunEntry *e = &s->entries[i];
      cJSON *o = cJSON_CreateObject ();
      add_string_or_null (o, "path", e->path);
      add_string_or_null (o, "status", run_status_to_string (e->status));
      cJSON_AddNumberToObject (o, "seconds", round3 (e->seconds));
      cJSON_AddItemToArray (inputs, o);
    }
  g_autofree char *text = ps_json_print (root, TRUE);
  g_autofree char *path = g_build_filename (outdir, TIMINGS_NAME, NULL);
  return run_file_set_contents (path, text, strlen (text), error);
}
