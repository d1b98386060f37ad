/* test_normalise_props — properties of the normalise stage over thousands
 * of generated inputs (a seeded PRNG, so every run is the same): cells
 * built from date, owner and status vocabulary, real cells mutated byte by
 * byte, random UTF-8 and invalid bytes.  Whatever the input: no crash,
 * valid ISO dates, start <= end, a kind that agrees with the dates present,
 * owners with text and name, a status whose source agrees with its value,
 * links that name other items of the list.  Very long cells (PS_TEST_LONG
 * bytes, 1 MB in the "slow" ctest) must go through too; the test asserts no
 * time, but a quadratic step shows here (PS_TEST_VERBOSE prints times). */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "ps_model_json.h"
#include "ps_normalise.h"

#define SEED 20240531
#define N_GENERATED 4000
#define N_MUTATED 4000
#define N_RANDOM 3000

static const char *const real_cells[] = {
  "March 2024",
  "Original target July 2023\nExtended to February 2024 to go alongside the budget process",
  "October 2023 Deferred due to CIPFA availability",
  "October 2023 To be incorporated into the MTFP and 2024-25 budget in the February budget report",
  "September 2018 and ongoing\nJanuary 2019",
  "November 2018\nDecember 2018\nDecember 2018",
  "As 19 above",
  "In place",
  "Ongoing",
  "Director of Finance and Corporate Director of Children's Services",
  "Director of Law & Governance to keep under review",
  "Chief Executive, Leader and portfolio holder",
  "Chief Executive/Corp orate Leadership Team/ Performance",
  "Asst Chief Executive (Finance) & CFO",
  "Deb Poole / ayne Pickering",
  "Kevin Dicks/ CMT\nDeb Poole",
  "City Solicitor / ACE in concert with Group Leaders / Deputy Leader",
  "Vikki Slade \xe2\x80\x93 Leader",
  "This action is also linked to Recommendations 2, 4 and 20.",
  "As 18 DLUHC above\nAlso see action 3 DLUHC above.",
  "Point 9 refers Undertaken as part of the review of the Constitution",
  "Green \xe2\x80\x93 complete / evaluated; Amber \xe2\x80\x93 on track; Red \xe2\x80\x93 off track",
  "Actions completed as of March 2024",
  "w/c 6 August",
  "Q1-Q2 2025/26",
  "by the end of the financial year",
  "\xd0\xa1\xd0\x9c\xd0\xa2",
};

static const char *const fragments[] = {
  "March", "Sept.", "Jan", "may", "2024", "2025/26", "23/24", "2024-2026", "Q3", "H2",
  "Winter", "spring", "early", "mid-", "late", "by", "end of", "from", "to", "-", "and",
  "ongoing", "onwards", "TBC", "N/A", "In place", "Original target", "Extended to",
  "Revised:", "now", "was", "w/c", "31/03/2024", "31.03.24", "21st", "3", "the year",
  "next month", "within 3 months", "year end", "As", "19", "above", "below", "See",
  "action", "Recommendations", "1, 2 and 20", "Director of", "Law & Governance",
  "Chief Executive", "CMT", "Cllr A. Patel", "/", ";", ",", "&", "(", ")", "\n",
  "Green", "Amber", "complete", "not started", "RAG:", "\xe2\x80\x93", "\xc2\xa0",
  "Leader", "Team", "Services", "Kevin Dicks", "ayne", "Corp", "orate", "s151 Officer",
  "HoS", "Head of Service,", "Portfolio Holder for", "Finance, Risk and Welfare",
};

static const char *const refs[] = {
  "1", "2", "3 DLUHC", "3 BCP CEx", "18 DLUHC", "19", "20", "1.7", "2(a)", "38 DLUHC", NULL,
};

static char *
generated (GRand *r)
{
  GString *s = g_string_new (NULL);
  int n = g_rand_int_range (r, 1, 12);
  for (int i = 0; i < n; i++)
    {
      if (i && g_rand_boolean (r))
        g_string_append_c (s, ' ');
      g_string_append (s, fragments[g_rand_int_range (r, 0, G_N_ELEMENTS (fragments))]);
    }
  return g_string_free (s, FALSE);
}

static char *
mutated (GRand *r)
{
  GString *s = g_string_new (real_cells[g_rand_int_range (r, 0, G_N_ELEMENTS (real_cells))]);
  int n = g_rand_int_range (r, 1, 6);
  for (int i = 0; i < n; i++)
    {
      gsize pos = s->len ? (gsize) g_rand_int_range (r, 0, (gint32) s->len + 1) : 0;
      switch (g_rand_int_range (r, 0, 5))
        {
        case 0: /* delete a byte: may leave broken UTF-8 */
          if (pos < s->len)
            g_string_erase (s, (gssize) pos, 1);
          break;
        case 1: /* insert a random byte */
          g_string_insert_c (s, (gssize) pos, (char) g_rand_int_range (r, 1, 256));
          break;
        case 2: /* insert a fragment */
          g_string_insert (s, (gssize) pos, fragments[g_rand_int_range (r, 0, G_N_ELEMENTS (fragments))]);
          break;
        case 3: /* duplicate a piece */
          {
            gsize len = s->len - pos > 12 ? 12 : s->len - pos;
            g_autofree char *piece = g_strndup (s->str + pos, len);
            g_string_insert (s, (gssize) pos, piece);
            break;
          }
        default: /* replace a byte with a digit */
          if (pos < s->len)
            s->str[pos] = (char) ('0' + g_rand_int_range (r, 0, 10));
        }
    }
  return g_string_free (s, FALSE);
}

static char *
random_text (GRand *r)
{
  GString *s = g_string_new (NULL);
  int n = g_rand_int_range (r, 0, 80);
  gboolean bytes = g_rand_int_range (r, 0, 4) == 0;
  for (int i = 0; i < n; i++)
    {
      if (bytes)
        {
          g_string_append_c (s, (char) g_rand_int_range (r, 1, 256));
          continue;
        }
      gunichar c;
      switch (g_rand_int_range (r, 0, 6))
        {
        case 0:
          c = (gunichar) g_rand_int_range (r, 0x20, 0x7f);
          break;
        case 1:
          c = (gunichar) g_rand_int_range (r, 0x80, 0x800);
          break;
        case 2:
          c = (gunichar) g_rand_int_range (r, 0x2000, 0x2070); /* spaces, dashes, marks */
          break;
        case 3:
          c = (gunichar) g_rand_int_range (r, 0x300, 0x370); /* combining */
          break;
        case 4:
          c = (gunichar) g_rand_int_range (r, 0x1F300, 0x1FAFF);
          break;
        default:
          c = " \n/&,;-0123456789"[g_rand_int_range (r, 0, 18)];
        }
      if (c == 0 || !g_unichar_validate (c))
        c = '?';
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static gboolean
iso_ok (const char *d)
{
  if (!*d)
    return TRUE;
  GDate date;
  if (strlen (d) != 10 || d[4] != '-' || d[7] != '-')
    return FALSE;
  g_date_clear (&date, 1);
  int y = atoi (d), m = atoi (d + 5), day = atoi (d + 8);
  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) m, (GDateYear) y);
}

static void
check_due (const PsDue *due, const char *input)
{
  for (int depth = 0; due && depth < 100; depth++, due = due->revised_from)
    {
      gboolean s = due->start[0] != '\0', e = due->end[0] != '\0';
      gboolean good = iso_ok (due->start) && iso_ok (due->end);
      if (s && e)
        good &= strcmp (due->start, due->end) <= 0;
      switch (due->kind)
        {
        case PS_DUE_KIND_DATE:
        case PS_DUE_KIND_RANGE:
          good &= s && e;
          break;
        case PS_DUE_KIND_DEADLINE:
          good &= !s && e;
          break;
        case PS_DUE_KIND_ONGOING:
          good &= !e;
          break;
        case PS_DUE_KIND_UNSPECIFIED:
          good &= !s && !e && due->precision == PS_PRECISION_NONE;
          break;
        case PS_DUE_KIND_COMPLETE:
        case PS_DUE_KIND_REFERENCE:
          good &= s == e;
          break;
        default:
          good = FALSE;
        }
      good &= (s || e) == (due->precision != PS_PRECISION_NONE);
      harness_checks++;
      if (!good)
        {
          harness_failures++;
          g_autofree char *esc = g_strescape (input, NULL);
          fprintf (stderr, "bad due for \"%s\": kind %d start %s end %s precision %d\n", esc,
                   due->kind, due->start, due->end, due->precision);
        }
    }
}

static void
check_owners (const PsItem *item, const char *input)
{
  for (guint i = 0; i < item->owners->len; i++)
    {
      const PsOwner *o = g_ptr_array_index (item->owners, i);
      gboolean good = o->text && o->kind <= PS_OWNER_KIND_BODY;
      /* An unresolved "As 19 above" is the only owner without a name. */
      good &= o->name ? g_utf8_validate (o->name, -1, NULL) && *o->name : o->kind == PS_OWNER_KIND_UNKNOWN;
      if (o->kind == PS_OWNER_KIND_ROLE)
        good &= o->role && strcmp (o->role, o->name) == 0;
      if (o->kind == PS_OWNER_KIND_TEAM || o->kind == PS_OWNER_KIND_BODY)
        good &= o->role == NULL;
      harness_checks++;
      if (!good)
        {
          harness_failures++;
          g_autofree char *esc = g_strescape (input, NULL);
          fprintf (stderr, "bad owner for \"%s\": %s / %s / %d\n", esc, o->text,
                   o->name ? o->name : "(null)", o->kind);
        }
    }
}

static void
check_status (const PsStatus *st, const char *input)
{
  gboolean good = st->canonical <= PS_STATUS_SUPERSEDED && st->rag <= PS_RAG_BLUE
                  && st->source <= PS_STATUS_SOURCE_KEY;
  good &= (st->source == PS_STATUS_SOURCE_NONE) == (st->canonical == PS_STATUS_UNKNOWN);
  harness_checks++;
  if (!good)
    {
      harness_failures++;
      g_autofree char *esc = g_strescape (input ? input : "", NULL);
      fprintf (stderr, "bad status for \"%s\"\n", esc);
    }
}

static void
check_links (const PsItemList *list, const PsItem *item)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean good = TRUE;
  for (guint i = 0; i < item->links->len; i++)
    {
      const char *l = g_ptr_array_index (item->links, i);
      good &= l && !g_hash_table_contains (seen, l) && g_strcmp0 (l, item->ref) != 0;
      gboolean named = FALSE;
      for (guint k = 0; k < list->items->len && !named; k++)
        named = g_strcmp0 (((const PsItem *) g_ptr_array_index (list->items, k))->ref, l) == 0;
      good &= named;
      if (l)
        g_hash_table_add (seen, (gpointer) l);
    }
  harness_checks++;
  if (!good)
    {
      harness_failures++;
      g_autofree char *esc = g_strescape (item->text ? item->text : "", NULL);
      fprintf (stderr, "bad links of %s \"%s\":", item->ref ? item->ref : "(no ref)", esc);
      for (guint i = 0; i < item->links->len; i++)
        fprintf (stderr, " [%s]", (const char *) g_ptr_array_index (item->links, i));
      fprintf (stderr, "\n");
    }
}

/* One list of a few items, every cell from the same generator. */
static void
run_list (GRand *r, char *(*gen) (GRand *))
{
  g_autoptr (PsItemList) list = ps_item_list_new ();
  static const char *const dates[] = { "2024-01", "2023-08-15", "2018", "", "not a date", NULL };
  list->date = ps_item_list_strdup (list, dates[g_rand_int_range (r, 0, G_N_ELEMENTS (dates))]);
  if (g_rand_boolean (r))
    {
      PsKeyEntry k = { PS_COLOUR_RGB (0, 0xb0, 0x50), ps_item_list_strdup (list, "Progressing well") };
      g_array_append_val (list->key, k);
      PsKeyEntry k2 = { PS_COLOUR_NONE, ps_item_list_strdup (list, "Amber - on track") };
      g_array_append_val (list->key, k2);
    }
  int n = g_rand_int_range (r, 1, 5);
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < n; i++)
    {
      PsItem *it = ps_item_list_add (list);
      it->ref = ps_item_list_strdup (list, refs[g_rand_int_range (r, 0, G_N_ELEMENTS (refs))]);
      char *cells[5];
      for (int k = 0; k < 5; k++)
        {
          cells[k] = gen (r);
          g_ptr_array_add (inputs, cells[k]);
        }
      it->text = ps_item_list_strdup (list, cells[0]);
      it->due.text = ps_item_list_strdup (list, cells[1]);
      it->owners_text = ps_item_list_strdup (list, cells[2]);
      it->status.text = ps_item_list_strdup (list, cells[3]);
      it->status.section = ps_item_list_strdup (list, cells[4]);
      it->status.colour = PS_COLOUR_RGB (g_rand_int_range (r, 0, 256), g_rand_int_range (r, 0, 256),
                                         g_rand_int_range (r, 0, 256));
      if (g_rand_boolean (r))
        ps_item_add_link (list, it, cells[0]);
    }
  g_autoptr (GError) error = NULL;
  OK (ps_normalise (list, NULL, &error));
  for (guint i = 0; i < list->items->len; i++)
    {
      const PsItem *it = g_ptr_array_index (list->items, i);
      check_due (&it->due, it->due.text ? it->due.text : "");
      check_owners (it, it->owners_text ? it->owners_text : "");
      check_status (&it->status, it->status.text);
      check_links (list, it);
    }
  /* And the stage JSON of whatever came out reads back. */
  g_autoptr (cJSON) json = ps_item_list_to_json (list);
  g_autofree char *text = ps_json_print (json, FALSE);
  g_autoptr (cJSON) back = ps_json_parse (text, strlen (text), &error);
  OK (back != NULL);
  g_autoptr (PsItemList) again = back ? ps_item_list_from_json (back, &error) : NULL;
  OK (again != NULL);
}

static char *
repeat (const char *unit, gsize bytes)
{
  GString *s = g_string_sized_new (bytes + strlen (unit));
  while (s->len < bytes)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

/* 1 MB cells of every shape the parsers loop over, each unit in one cell
 * (text, due, owners, status in turn); and a plan of many small items. */
static void
run_long (void)
{
  static const char *const units[] = {
    "March 2024 ", "November 2018\n", "Director of Finance and ", "Chief Executive, ", "Risk, ",
    "See 1 above ", "Recommendations 1, 2, ", "a", "Corp orate ", "(", "Original target July 2023 Extended to ",
    "2024/25 - ", "As ", "\xe2\x80\x93", "Green ", "by the end of ",
  };
  /* 1 MB with PS_TEST_LONG (the "slow" ctest); 32 KB otherwise, so the
   * unit run stays quick in sanitizer builds. */
  const char *env = g_getenv ("PS_TEST_LONG");
  const gsize size = env && *env ? (gsize) g_ascii_strtoull (env, NULL, 10) : 32 << 10;
  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autofree char *big = repeat (units[u], size);
      g_autoptr (PsItemList) list = ps_item_list_new ();
      list->date = ps_item_list_strdup (list, "2024-01");
      PsItem *other = ps_item_list_add (list);
      other->ref = ps_item_list_strdup (list, "1");
      PsItem *it = ps_item_list_add (list);
      it->ref = ps_item_list_strdup (list, "2");
      const char **cell = u % 4 == 0 ? &it->text : u % 4 == 1 ? &it->due.text
                          : u % 4 == 2 ? &it->owners_text : &it->status.text;
      *cell = ps_item_list_strdup (list, big);
      g_autoptr (GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      OK (ps_normalise (list, NULL, &error));
      gint64 t1 = g_get_monotonic_time ();
      check_due (&it->due, "(long cell)");
      if (g_getenv ("PS_TEST_VERBOSE"))
        fprintf (stderr, "%zu bytes of \"%s\" in cell %u: %.2f s\n", (size_t) size, units[u], u % 4,
                 (double) (t1 - t0) / 1e6);
    }
  /* Distinct owners and distinct dates: nothing may compare each with all
   * the others. */
  for (int kind = 0; kind < 2; kind++)
    {
      GString *s = g_string_new (NULL);
      static const char *const months[] = { "January", "February", "March", "April", "May", "June",
                                            "July", "August", "September", "October", "November", "December" };
      for (guint i = 0; s->len < size; i++)
        {
          if (kind == 0)
            g_string_append_printf (s, "K%c%c%c Dicks%c%c / ", 'a' + i % 26, 'a' + i / 26 % 26,
                                    'a' + i / 676 % 26, 'a' + i / 17576 % 26, 'a' + i / 456976 % 26);
          else
            g_string_append_printf (s, "%u %s %u, ", 1 + i % 28, months[i / 28 % 12], 1950 + i / 336 % 200);
        }
      g_autoptr (PsItemList) distinct = ps_item_list_new ();
      PsItem *it = ps_item_list_add (distinct);
      if (kind == 0)
        it->owners_text = ps_item_list_strdup (distinct, s->str);
      else
        it->due.text = ps_item_list_strdup (distinct, s->str);
      g_string_free (s, TRUE);
      g_autoptr (GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      OK (ps_normalise (distinct, NULL, &error));
      gint64 t1 = g_get_monotonic_time ();
      check_due (&it->due, "(long cell)");
      check_owners (it, "(long cell)");
      if (g_getenv ("PS_TEST_VERBOSE"))
        fprintf (stderr, "%zu bytes of distinct %s: %.2f s (%u owners)\n", (size_t) size,
                 kind ? "dates" : "owners", (double) (t1 - t0) / 1e6, it->owners->len);
    }

  g_autoptr (PsItemList) list = ps_item_list_new ();
  for (int i = 0; i < 20000; i++)
    {
      PsItem *it = ps_item_list_add (list);
      char buf[64];
      /* Items 1..999 each point at the one above; the rest link to them. */
      g_snprintf (buf, sizeof buf, i < 999 ? "%d" : "X%d", i + 1);
      it->ref = ps_item_list_strdup (list, buf);
      g_snprintf (buf, sizeof buf, "As %d above", i < 999 ? i : i % 999 + 1);
      it->due.text = ps_item_list_strdup (list, i ? buf : "March 2024");
      it->owners_text = ps_item_list_strdup (list, i ? buf : "Chief Executive");
      it->text = ps_item_list_strdup (list, buf);
    }
  g_autoptr (GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  OK (ps_normalise (list, NULL, &error));
  gint64 t1 = g_get_monotonic_time ();
  /* The chain of "As N above" reaches the first item's date. */
  const PsItem *last = g_ptr_array_index (list->items, list->items->len - 1);
  STR_EQ (last->due.start, "2024-03-01");
  INT_EQ (last->owners->len, 1);
  INT_EQ (last->links->len, 1);
  if (g_getenv ("PS_TEST_VERBOSE"))
    fprintf (stderr, "20000 items: %.2f s\n", (double) (t1 - t0) / 1e6);
}

int
main (void)
{
  ps_normalise_init ();
  g_autoptr (GRand) r = g_rand_new_with_seed (SEED);
  for (int i = 0; i < N_GENERATED / 4; i++)
    run_list (r, generated);
  for (int i = 0; i < N_MUTATED / 4; i++)
    run_list (r, mutated);
  for (int i = 0; i < N_RANDOM / 4; i++)
    run_list (r, random_text);
  if (!g_getenv ("PS_TEST_SHORT"))
    run_long ();
  return harness_done ("test_normalise_props");
}
