/* status.c — a status from its words, its cell colour, the document's key
 * and the heading the item sits under.
 *
 * Precedence: words in the status text that name a status ("Completed",
 * "On track") decide (the leftmost, but "in progress" gives way to any
 * other status in the same text); else the colour — the cell's fill, or a RAG word in
 * the text ("Green") — read through the document's key ("key"), or by its
 * hue when the key has no such colour ("colour"); else a status heading
 * above the item ("Actions completed as of March 2024", "section").  A
 * status with text or colour that none of these explains is "unknown".
 *
 * Hue families (HSL), for fills and key swatches: chroma below 0.08 or
 * saturation below 0.15 (greys, white, black), lightness above 0.96 or
 * below 0.08 is no RAG colour; otherwise hue [330, 20) red, [20, 70) amber
 * (orange, amber, yellow), [70, 165) green, [165, 260) blue, and [260, 330)
 * (purple, magenta) none.  A fill matches a key swatch within a Manhattan
 * RGB distance of 48 (producers shade fills slightly); failing that, the
 * one key entry of the same hue family.  Without a key, hue alone gives
 * the status: green on_track, amber in_progress (work under way, not yet
 * assured; amber is not "at risk" in every plan), red off_track, blue
 * completed. */
#include "normalise_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define KEY_TOLERANCE 48

static PsRag
hue_family (PsColour c)
{
  if (!ps_colour_is_set (c))
    return PS_RAG_NONE;
  double r = c.r / 255.0, g = c.g / 255.0, b = c.b / 255.0;
  double max = MAX (r, MAX (g, b)), min = MIN (r, MIN (g, b));
  double chroma = max - min, l = (max + min) / 2;
  if (chroma < 0.08 || l > 0.96 || l < 0.08)
    return PS_RAG_NONE;
  double s = chroma / (1 - fabs (2 * l - 1));
  if (s < 0.15)
    return PS_RAG_NONE;
  double h;
  if (max == r)
    h = 60 * fmod ((g - b) / chroma, 6);
  else if (max == g)
    h = 60 * ((b - r) / chroma + 2);
  else
    h = 60 * ((r - g) / chroma + 4);
  if (h < 0)
    h += 360;
  if (h < 20 || h >= 330)
    return PS_RAG_RED;
  if (h < 70)
    return PS_RAG_AMBER;
  if (h < 165)
    return PS_RAG_GREEN;
  if (h < 260)
    return PS_RAG_BLUE;
  return PS_RAG_NONE;
}

static gboolean
near_white (PsColour c)
{
  return c.r >= 242 && c.g >= 242 && c.b >= 242;
}

typedef struct
{
  PsStatusValue canonical; /* UNKNOWN when the words give none */
  PsRag rag;
} Reading;

/* The status words of text: the leftmost, longest phrase that names a
 * canonical status, and the first RAG word. */
static Reading
read_words (const char *text)
{
  Reading r = { PS_STATUS_UNKNOWN, PS_RAG_NONE };
  if (!text)
    return r;
  const NormTables *t = norm_tables ();
  g_autofree char *key = norm_key (text, strlen (text));
  if (!*key)
    return r;
  const StatusWord *whole = g_hash_table_lookup (t->status_words, key);
  if (whole && whole->whole)
    {
      r.rag = ps_rag_from_string (whole->rag);
      r.canonical = ps_status_value_from_string (whole->canonical);
      return r;
    }
  g_auto (GStrv) w = g_strsplit (key, " ", -1);
  guint n = g_strv_length (w);
  GString *s = g_string_new (NULL);
  /* "In progress" is the vaguest status: another in the same text refines
   * it ("in progress and on course to be delivered" is on track), so the
   * scan goes on past it. */
  for (guint i = 0;
       i < n && (r.canonical == PS_STATUS_UNKNOWN || r.canonical == PS_STATUS_IN_PROGRESS || r.rag == PS_RAG_NONE);)
    {
      const StatusWord *best = NULL;
      guint best_len = 0;
      g_string_truncate (s, 0);
      for (guint k = 0; k < t->status_words_max && i + k < n; k++)
        {
          if (k)
            g_string_append_c (s, ' ');
          g_string_append (s, w[i + k]);
          const StatusWord *sw = g_hash_table_lookup (t->status_words, s->str);
          if (sw && !sw->whole)
            {
              best = sw;
              best_len = k + 1;
            }
        }
      if (!best)
        {
          i++;
          continue;
        }
      if ((r.canonical == PS_STATUS_UNKNOWN || r.canonical == PS_STATUS_IN_PROGRESS) && *best->canonical)
        {
          PsStatusValue v = ps_status_value_from_string (best->canonical);
          if (r.canonical == PS_STATUS_UNKNOWN || v != PS_STATUS_IN_PROGRESS)
            r.canonical = v;
        }
      if (r.rag == PS_RAG_NONE && *best->rag)
        r.rag = ps_rag_from_string (best->rag);
      i += best_len;
    }
  g_string_free (s, TRUE);
  return r;
}

/* The family a key entry stands for: its swatch's hue, or a RAG word in its
 * label ("Green - complete") when the swatch has none. */
static PsRag
key_family (const PsKeyEntry *k)
{
  PsRag f = hue_family (k->colour);
  return f != PS_RAG_NONE ? f : read_words (k->label).rag;
}

static int
colour_distance (PsColour a, PsColour b)
{
  return abs ((int) a.r - b.r) + abs ((int) a.g - b.g) + abs ((int) a.b - b.b);
}

/* The key entry for a fill: the nearest swatch within tolerance, else the
 * only entry of the same hue family; NULL when none. */
static const PsKeyEntry *
key_for_colour (const PsItemList *list, PsColour c)
{
  const PsKeyEntry *best = NULL;
  int best_d = KEY_TOLERANCE + 1;
  for (guint i = 0; i < list->key->len; i++)
    {
      const PsKeyEntry *k = &g_array_index (list->key, PsKeyEntry, i);
      if (!ps_colour_is_set (k->colour))
        continue;
      int d = colour_distance (k->colour, c);
      if (d < best_d)
        {
          best = k;
          best_d = d;
        }
    }
  if (best)
    return best;
  PsRag f = hue_family (c);
  if (f == PS_RAG_NONE)
    return NULL;
  const PsKeyEntry *only = NULL;
  for (guint i = 0; i < list->key->len; i++)
    {
      const PsKeyEntry *k = &g_array_index (list->key, PsKeyEntry, i);
      if (key_family (k) == f)
        {
          if (only)
            return NULL;
          only = k;
        }
    }
  return only;
}

/* The first key entry of a RAG family (what the document says "Green"
 * means), or NULL. */
static const PsKeyEntry *
key_for_rag (const PsItemList *list, PsRag rag)
{
  for (guint i = 0; i < list->key->len; i++)
    {
      const PsKeyEntry *k = &g_array_index (list->key, PsKeyEntry, i);
      if (key_family (k) == rag)
        return k;
    }
  return NULL;
}

static PsStatusValue
default_for_rag (PsRag rag)
{
  switch (rag)
    {
    case PS_RAG_GREEN:
      return PS_STATUS_ON_TRACK;
    case PS_RAG_AMBER:
      return PS_STATUS_IN_PROGRESS;
    case PS_RAG_RED:
      return PS_STATUS_OFF_TRACK;
    case PS_RAG_BLUE:
      return PS_STATUS_COMPLETED;
    default:
      return PS_STATUS_UNKNOWN;
    }
}

void
ps_status_parse (const PsNormaliseContext *ctx, PsStatus *status)
{
  g_return_if_fail (ctx != NULL && status != NULL);
  const PsItemList *list = ctx->list;
  status->rag = PS_RAG_NONE;
  status->canonical = PS_STATUS_UNKNOWN;
  status->source = PS_STATUS_SOURCE_NONE;
  if (status->text)
    {
      g_autofree char *flat = ps_text_flatten (status->text);
      if (!*flat)
        status->text = NULL; /* an empty cell says nothing */
    }

  /* The fill, read through the key. */
  PsColour fill = status->colour;
  const PsKeyEntry *fill_key = NULL;
  PsRag fill_rag = PS_RAG_NONE;
  if (ps_colour_is_set (fill))
    {
      fill_key = key_for_colour (list, fill);
      fill_rag = hue_family (fill);
      if (fill_key)
        fill_rag = key_family (fill_key);
      else if (near_white (fill))
        {
          /* White is a table's background, not a status. */
          status->colour = PS_COLOUR_NONE;
          fill = PS_COLOUR_NONE;
        }
    }

  Reading words = read_words (status->text);
  status->rag = words.rag != PS_RAG_NONE ? words.rag : fill_rag;

  if (words.canonical != PS_STATUS_UNKNOWN)
    {
      status->canonical = words.canonical;
      status->source = PS_STATUS_SOURCE_TEXT;
      return;
    }
  /* A RAG word in the text means what the key says that colour means. */
  if (words.rag != PS_RAG_NONE)
    {
      const PsKeyEntry *k = key_for_rag (list, words.rag);
      PsStatusValue v = k ? read_words (k->label).canonical : PS_STATUS_UNKNOWN;
      if (v != PS_STATUS_UNKNOWN)
        {
          status->canonical = v;
          status->source = PS_STATUS_SOURCE_KEY;
        }
      else
        {
          status->canonical = default_for_rag (words.rag);
          status->source = PS_STATUS_SOURCE_TEXT;
        }
      return;
    }
  if (fill_key)
    {
      PsStatusValue v = read_words (fill_key->label).canonical;
      if (v != PS_STATUS_UNKNOWN)
        {
          status->canonical = v;
          status->source = PS_STATUS_SOURCE_KEY;
          return;
        }
    }
  if (!fill_key && fill_rag != PS_RAG_NONE)
    {
      status->canonical = default_for_rag (fill_rag);
      status->source = PS_STATUS_SOURCE_COLOUR;
      return;
    }
  if (status->section)
    {
      Reading sec = read_words (status->section);
      if (sec.canonical != PS_STATUS_UNKNOWN)
        {
          status->canonical = sec.canonical;
          status->source = PS_STATUS_SOURCE_SECTION;
        }
    }
}
