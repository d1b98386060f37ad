/* pattern.c — compile-once PCRE2 pattern tables. */
#include "ps_pattern.h"

#include "ps_model.h"

struct PsPatternSet
{
  gsize n;
  pcre2_code **codes;
};

PsPatternSet *
ps_pattern_set_new (const PsPatternDef *defs, gsize n, GError **error)
{
  PsPatternSet *set = g_new0 (PsPatternSet, 1);
  set->n = n;
  set->codes = g_new0 (pcre2_code *, n);
  for (gsize i = 0; i < n; i++)
    {
      int errcode;
      PCRE2_SIZE erroffset;
      if (defs[i].id != (int) i)
        {
          g_set_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_SCHEMA,
                       "pattern table row %" G_GSIZE_FORMAT " (%s) has id %d", i, defs[i].name,
                       defs[i].id);
          ps_pattern_set_free (set);
          return NULL;
        }
      set->codes[i] = pcre2_compile ((PCRE2_SPTR) defs[i].pattern, PCRE2_ZERO_TERMINATED,
                                     PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | defs[i].flags,
                                     &errcode, &erroffset, NULL);
      if (!set->codes[i])
        {
          PCRE2_UCHAR msg[256];
          pcre2_get_error_message (errcode, msg, sizeof msg);
          g_set_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_SCHEMA,
                       "pattern %s: %s at offset %zu", defs[i].name, (const char *) msg,
                       (size_t) erroffset);
          ps_pattern_set_free (set);
          return NULL;
        }
      /* JIT is an optimisation: a platform without it still matches. */
      pcre2_jit_compile (set->codes[i], PCRE2_JIT_COMPLETE);
    }
  return set;
}

void
ps_pattern_set_free (PsPatternSet *set)
{
  if (!set)
    return;
  for (gsize i = 0; i < set->n; i++)
    pcre2_code_free (set->codes[i]);
  g_free (set->codes);
  g_free (set);
}

const pcre2_code *
ps_pattern_set_get (const PsPatternSet *set, int id)
{
  g_return_val_if_fail (id >= 0 && (gsize) id < set->n, NULL);
  return set->codes[id];
}

pcre2_match_data *
ps_pattern_match (const pcre2_code *code, const char *subject, gssize len, gsize offset)
{
  PCRE2_SIZE n = len < 0 ? PCRE2_ZERO_TERMINATED : (PCRE2_SIZE) len;
  pcre2_match_data *md = pcre2_match_data_create_from_pattern (code, NULL);
  int rc = pcre2_match (code, (PCRE2_SPTR) subject, n, offset, 0, md, NULL);
  if (rc < 0)
    {
      pcre2_match_data_free (md);
      return NULL;
    }
  return md;
}

gboolean
ps_match_span (pcre2_match_data *md, guint n, gsize *start, gsize *end)
{
  if (n >= pcre2_get_ovector_count (md))
    return FALSE;
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer (md);
  if (ov[2 * n] == PCRE2_UNSET)
    return FALSE;
  *start = ov[2 * n];
  *end = ov[2 * n + 1];
  return TRUE;
}

char *
ps_match_group (pcre2_match_data *md, const char *subject, guint n)
{
  gsize s, e;
  if (!ps_match_span (md, n, &s, &e) || e < s)
    return NULL;
  return g_strndup (subject + s, e - s);
}

char *
ps_match_named (const pcre2_code *code, pcre2_match_data *md, const char *subject,
                const char *name)
{
  int n = pcre2_substring_number_from_name (code, (PCRE2_SPTR) name);
  if (n < 0)
    {
      /* Duplicate names (PCRE2_DUPNAMES): take the first that is set. */
      PCRE2_SPTR first, last;
      int size = pcre2_substring_nametable_scan (code, (PCRE2_SPTR) name, &first, &last);
      if (size <= 0)
        return NULL;
      for (PCRE2_SPTR e = first; e <= last; e += size)
        {
          guint num = ((guint) e[0] << 8) | e[1];
          char *g = ps_match_group (md, subject, num);
          if (g)
            return g;
        }
      return NULL;
    }
  return ps_match_group (md, subject, (guint) n);
}

gboolean
ps_pattern_defs_check (const PsPatternDef *defs, gsize n, GError **error)
{
  g_autoptr (GError) local = NULL;
  PsPatternSet *set = ps_pattern_set_new (defs, n, &local);
  if (!set)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  gboolean ok = TRUE;
  for (gsize i = 0; i < n && ok; i++)
    {
      const pcre2_code *code = ps_pattern_set_get (set, (int) i);
      if (!defs[i].why || !defs[i].matches || !defs[i].matches[0])
        {
          g_set_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_SCHEMA,
                       "pattern %s: needs a reason and at least one example", defs[i].name);
          ok = FALSE;
          break;
        }
      for (const char *const *m = defs[i].matches; ok && *m; m++)
        {
          g_autoptr (pcre2_match_data) md = ps_pattern_match (code, *m, -1, 0);
          if (!md)
            {
              g_set_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_SCHEMA,
                           "pattern %s: does not match its example \"%s\"", defs[i].name, *m);
              ok = FALSE;
            }
        }
      for (const char *const *r = defs[i].rejects; ok && r && *r; r++)
        {
          g_autoptr (pcre2_match_data) md = ps_pattern_match (code, *r, -1, 0);
          if (md)
            {
              g_set_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_SCHEMA,
                           "pattern %s: matches its counter-example \"%s\"", defs[i].name, *r);
              ok = FALSE;
            }
        }
    }
  ps_pattern_set_free (set);
  return ok;
}
