/* repair.c — what the document itself says about words: how often each
 * occurs (to repair PDF word-break damage, "Corp orate" -> "Corporate",
 * "ayne Pickering" -> "Jayne Pickering"), and which capitalised phrases
 * spell out the acronyms its owner cells use ("Council Management Team"
 * for CMT).  Built once per document, in time linear in its text. */
#include "normalise_private.h"

#include <string.h>

typedef struct
{
  gsize start, len;
  gboolean capital; /* starts with an upper-case letter */
  gboolean small;   /* of, and, &, for, the, in, on */
  gboolean brk;     /* punctuation before it: a phrase cannot span it */
} Word;

/* A lower-case minor word ("of", "and", "&") may sit inside a phrase an
 * acronym spells: "Heads of Service" is HOS as well as HS. */
static gboolean
is_small (const char *s, gsize len)
{
  if (len == 1 && *s == '&')
    return TRUE;
  return g_ascii_islower (*s) && (norm_owner_bits (s, len) & OW_MINOR);
}

static gboolean
word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '\'' || c == 0x2019;
}

/* Splits text into words; '&' is a word of its own. */
static void
split_words (const char *text, GArray *out)
{
  g_array_set_size (out, 0);
  gboolean brk = TRUE;
  const char *p = text;
  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '&')
        {
          Word w = { (gsize) (p - text), 1, FALSE, TRUE, brk };
          g_array_append_val (out, w);
          brk = FALSE;
          p++;
          continue;
        }
      if (!word_char (c))
        {
          if (!g_unichar_isspace (c) && c != '-')
            brk = TRUE;
          p = g_utf8_next_char (p);
          continue;
        }
      const char *s = p;
      while (*p && (word_char (g_utf8_get_char (p))
                    || (*p == '-' && p[1] && word_char (g_utf8_get_char (p + 1)) && p > s)))
        p = g_utf8_next_char (p);
      Word w = { (gsize) (s - text), (gsize) (p - s), g_unichar_isupper (c), is_small (s, (gsize) (p - s)),
                 brk };
      g_array_append_val (out, w);
      brk = FALSE;
    }
}

static void
count_word (GHashTable *t, const char *s, gsize len)
{
  g_autofree char *w = g_utf8_casefold (s, (gssize) len);
  gpointer old = g_hash_table_lookup (t, w);
  g_hash_table_replace (t, g_steal_pointer (&w), GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));
}

/* Acronym-like tokens of the owner cells, upper-cased ("HoS" -> "HOS"):
 * only these are looked for among the document's phrases. */
static void
collect_acronyms (GHashTable *needed, const char *text)
{
  const char *p = text;
  while (*p)
    {
      while (*p && !g_unichar_isalpha (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      const char *s = p;
      while (*p && g_unichar_isalpha (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p == s)
        continue;
      g_autofree char *folded = norm_fold_confusables (s, (gsize) (p - s));
      gsize len = strlen (folded);
      guint upper = 0;
      gboolean ascii = TRUE;
      for (gsize i = 0; i < len; i++)
        {
          ascii &= g_ascii_isalpha (folded[i]);
          upper += g_ascii_isupper (folded[i]);
        }
      if (ascii && len >= 2 && len <= 6 && upper >= 2 && upper + 1 >= len)
        g_hash_table_add (needed, g_ascii_strup (folded, -1));
    }
}

/* The phrases spelling one acronym, with how often each occurs; best is
 * the most frequent (the first to reach that count on a tie). */
typedef struct
{
  GHashTable *counts; /* phrase -> guint count */
  const char *best;
  guint best_count;
} Spellings;

static void
spellings_free (gpointer data)
{
  Spellings *sp = data;
  g_hash_table_unref (sp->counts);
  g_free (sp);
}

static void
add_phrase (GHashTable *acronyms, const char *initials, const char *text, const Word *w,
            guint from, guint to)
{
  GString *phrase = g_string_new (NULL);
  for (guint k = from; k <= to; k++)
    {
      if (k > from)
        g_string_append_c (phrase, ' ');
      g_string_append_len (phrase, text + w[k].start, (gssize) w[k].len);
    }
  Spellings *sp = g_hash_table_lookup (acronyms, initials);
  if (!sp)
    {
      sp = g_new0 (Spellings, 1);
      sp->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (acronyms, g_strdup (initials), sp);
    }
  gpointer key, value;
  guint *count;
  if (g_hash_table_lookup_extended (sp->counts, phrase->str, &key, &value))
    {
      count = value;
      g_string_free (phrase, TRUE);
    }
  else
    {
      count = g_new0 (guint, 1);
      key = g_string_free (phrase, FALSE);
      g_hash_table_insert (sp->counts, key, count);
    }
  ++*count;
  if (*count > sp->best_count)
    {
      sp->best = key;
      sp->best_count = *count;
    }
}

static gboolean
all_caps (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (g_ascii_islower (s[i]))
      return FALSE;
  return TRUE;
}

/* Windows of up to six words inside a run of capitalised words (small
 * words allowed between them): their initials, with and without the small
 * words ("Heads of Service" is HS and HOS). */
static void
scan_phrases (GHashTable *acronyms, GHashTable *needed, const char *text, GArray *words)
{
  const Word *w = (const Word *) words->data;
  for (guint i = 0; i < words->len; i++)
    {
      if (!w[i].capital || w[i].small)
        continue;
      char all[8], content[8];
      guint na = 0, nc = 0;
      for (guint j = i; j < words->len && j < i + 8; j++)
        {
          if (j > i && w[j].brk)
            break;
          if (!w[j].capital && !w[j].small)
            break;
          /* A phrase that holds an acronym ("PH Housing") spells nothing
           * out. */
          if (w[j].len >= 2 && all_caps (text + w[j].start, w[j].len))
            break;
          gunichar first = g_unichar_toupper (g_utf8_get_char (text + w[j].start));
          if (first >= 0x80 || na >= 6)
            break;
          all[na++] = (char) first;
          if (!w[j].small)
            {
              content[nc++] = (char) first;
              if (nc >= 2)
                {
                  all[na] = content[nc] = '\0';
                  if (g_hash_table_contains (needed, content))
                    add_phrase (acronyms, content, text, w, i, j);
                  if (na != nc && g_hash_table_contains (needed, all))
                    add_phrase (acronyms, all, text, w, i, j);
                }
            }
        }
    }
}

static void
add_text (PsNormaliseContext *ctx, GHashTable *needed, GArray *words, const char *text)
{
  if (!text || !*text)
    return;
  split_words (text, words);
  const Word *w = (const Word *) words->data;
  for (guint i = 0; i < words->len; i++)
    {
      count_word (ctx->words, text + w[i].start, w[i].len);
      if (w[i].capital && w[i].len >= 4)
        {
          const char *tail = g_utf8_next_char (text + w[i].start);
          g_autofree char *key = g_utf8_casefold (tail, (gssize) (w[i].len - (gsize) (tail - (text + w[i].start))));
          g_autofree char *word = g_strndup (text + w[i].start, w[i].len);
          const char *old = g_hash_table_lookup (ctx->capitalised, key);
          if (!old)
            g_hash_table_insert (ctx->capitalised, g_steal_pointer (&key), g_steal_pointer (&word));
          else if (*old && strcmp (old, word) != 0)
            g_hash_table_replace (ctx->capitalised, g_steal_pointer (&key), g_strdup (""));
        }
      if (i + 1 < words->len && !w[i + 1].brk)
        {
          g_autofree char *pair = g_strndup (text + w[i].start, w[i + 1].start + w[i + 1].len - w[i].start);
          g_autofree char *flat = ps_text_flatten (pair);
          g_hash_table_add (ctx->bigrams, g_utf8_casefold (flat, -1));
        }
    }
  if (g_hash_table_size (needed))
    scan_phrases (ctx->acronyms, needed, text, words);
}

void
norm_context_index_words (PsNormaliseContext *ctx)
{
  const PsItemList *list = ctx->list;
  ctx->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->capitalised = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->bigrams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->acronyms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, spellings_free);
  g_autoptr (GHashTable) needed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < list->items->len; i++)
    {
      const PsItem *item = g_ptr_array_index (list->items, i);
      if (item->owners_text)
        collect_acronyms (needed, item->owners_text);
      for (guint k = 0; k < item->owners->len; k++)
        collect_acronyms (needed, ((const PsOwner *) g_ptr_array_index (item->owners, k))->text);
    }
  g_autoptr (GArray) words = g_array_new (FALSE, FALSE, sizeof (Word));
  add_text (ctx, needed, words, list->title);
  for (guint i = 0; i < list->key->len; i++)
    add_text (ctx, needed, words, g_array_index (list->key, PsKeyEntry, i).label);
  for (guint i = 0; i < list->glossary->len; i++)
    add_text (ctx, needed, words, g_array_index (list->glossary, PsGlossaryEntry, i).expansion);
  for (guint i = 0; i < list->items->len; i++)
    {
      const PsItem *item = g_ptr_array_index (list->items, i);
      add_text (ctx, needed, words, item->section);
      add_text (ctx, needed, words, item->text);
      for (guint k = 0; k < item->fields->len; k++)
        add_text (ctx, needed, words, ((const PsField *) g_ptr_array_index (item->fields, k))->text);
      add_text (ctx, needed, words, item->owners_text);
      for (guint k = 0; k < item->owners->len; k++)
        add_text (ctx, needed, words, ((const PsOwner *) g_ptr_array_index (item->owners, k))->text);
      add_text (ctx, needed, words, item->due.text);
      add_text (ctx, needed, words, item->status.text);
    }
}

gboolean
norm_word_is_known (const PsNormaliseContext *ctx, const char *word, gsize len,
                    guint min_doc_count)
{
  const NormTables *t = norm_tables ();
  g_autofree char *lower = g_utf8_casefold (word, (gssize) len);
  if (g_hash_table_contains (t->words, lower) || g_hash_table_contains (t->owner_words, lower))
    return TRUE;
  return min_doc_count && GPOINTER_TO_UINT (g_hash_table_lookup (ctx->words, lower)) >= min_doc_count;
}

const char *
norm_context_acronym (const PsNormaliseContext *ctx, const char *abbr)
{
  g_autofree char *folded = norm_fold_confusables (abbr, strlen (abbr));
  g_autofree char *key = g_ascii_strup (folded, -1);
  const Spellings *sp = g_hash_table_lookup (ctx->acronyms, key);
  return sp ? sp->best : NULL;
}
