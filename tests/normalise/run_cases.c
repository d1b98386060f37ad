/* run_cases KIND FILE — runs the normalise case file FILE (due, owners,
 * status or links) against the unit-level functions.
 *
 * A case file is cmark's spec.txt shape: prose, then examples fenced by a
 * line of 32 backticks followed by " example" and a closing line of 32
 * backticks; inside, the input, a line holding ".", and the expected JSON.
 * Input lines starting with '%' set the document around the input:
 *   %date 2024-01                 the document's date
 *   %key #0070c0 Completed        a key entry ("-" for no colour)
 *   %glossary CMT = Council Management Team
 *   %text Council Management Team a text elsewhere in the document
 *   %item 19 | March 2024 | Chief Executive    another item: ref | due | owners
 *   %self 20                      where the case's own item goes, and its ref
 *   %colour #00b050               the status cell's fill (status)
 *   %section Actions completed    the status heading (status)
 * Expected due objects may leave out "text" (the input) and
 * "revised_from" (null); status objects "text" and "colour".
 *
 * With --print, writes each case's input and actual JSON instead (for
 * reviewing new cases by eye). */
#include <cjson/cJSON.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "ps_model.h"
#include "ps_model_json.h"
#include "ps_normalise.h"

#define FENCE "````````````````````````````````"

typedef enum
{
  KIND_DUE,
  KIND_OWNERS,
  KIND_STATUS,
  KIND_LINKS,
} Kind;

typedef struct
{
  int line;
  GPtrArray *directives; /* char* */
  GString *input;
  gboolean has_input;
  GString *expected;
} Case;

static void
case_free (Case *c)
{
  g_ptr_array_unref (c->directives);
  g_string_free (c->input, TRUE);
  g_string_free (c->expected, TRUE);
  g_free (c);
}

static GPtrArray *
read_cases (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  if (!g_file_get_contents (path, &data, NULL, error))
    return NULL;
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  GPtrArray *cases = g_ptr_array_new_with_free_func ((GDestroyNotify) case_free);
  Case *cur = NULL;
  int state = 0; /* 0 prose, 1 input, 2 expected */
  for (int i = 0; lines[i]; i++)
    {
      const char *l = lines[i];
      if (state == 0)
        {
          if (g_str_has_prefix (l, FENCE " example"))
            {
              cur = g_new0 (Case, 1);
              cur->line = i + 1;
              cur->directives = g_ptr_array_new_with_free_func (g_free);
              cur->input = g_string_new (NULL);
              cur->expected = g_string_new (NULL);
              state = 1;
            }
          continue;
        }
      if (state == 1)
        {
          if (strcmp (l, ".") == 0)
            state = 2;
          else if (l[0] == '%')
            g_ptr_array_add (cur->directives, g_strdup (l + 1));
          else
            {
              if (cur->has_input)
                g_string_append_c (cur->input, '\n');
              g_string_append (cur->input, l);
              cur->has_input = TRUE;
            }
          continue;
        }
      if (strcmp (l, FENCE) == 0)
        {
          g_ptr_array_add (cases, cur);
          cur = NULL;
          state = 0;
          continue;
        }
      g_string_append (cur->expected, l);
      g_string_append_c (cur->expected, '\n');
    }
  if (cur)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s:%d: example not closed", path,
                   cur->line);
      case_free (cur);
      g_ptr_array_unref (cases);
      return NULL;
    }
  return cases;
}

static char *
strip (const char *s)
{
  return g_strstrip (g_strdup (s));
}

/* Builds the case's document; returns the case's own item. */
static PsItem *
build (Kind kind, const Case *c, PsItemList *list)
{
  PsItem *self = NULL;
  const char *input = c->has_input ? c->input->str : NULL;
  for (guint i = 0; i < c->directives->len; i++)
    {
      const char *d = g_ptr_array_index (c->directives, i);
      const char *sp = strchr (d, ' ');
      g_autofree char *name = sp ? g_strndup (d, (gsize) (sp - d)) : g_strdup (d);
      g_autofree char *arg = strip (sp ? sp + 1 : "");
      if (strcmp (name, "date") == 0)
        list->date = ps_item_list_strdup (list, arg);
      else if (strcmp (name, "key") == 0)
        {
          PsKeyEntry e = { PS_COLOUR_NONE, NULL };
          const char *lsp = strchr (arg, ' ');
          g_autofree char *col = lsp ? g_strndup (arg, (gsize) (lsp - arg)) : g_strdup (arg);
          ps_colour_parse (col, &e.colour);
          e.label = ps_item_list_strdup (list, lsp ? lsp + 1 : "");
          g_array_append_val (list->key, e);
        }
      else if (strcmp (name, "glossary") == 0)
        {
          g_auto (GStrv) parts = g_strsplit (arg, "=", 2);
          if (parts[0] && parts[1])
            {
              PsGlossaryEntry e = { ps_item_list_strdup (list, g_strstrip (parts[0])),
                                    ps_item_list_strdup (list, g_strstrip (parts[1])) };
              g_array_append_val (list->glossary, e);
            }
        }
      else if (strcmp (name, "text") == 0)
        {
          PsItem *it = ps_item_list_add (list);
          it->text = ps_item_list_strdup (list, arg);
        }
      else if (strcmp (name, "item") == 0)
        {
          g_auto (GStrv) parts = g_strsplit (arg, "|", 3);
          PsItem *it = ps_item_list_add (list);
          g_autofree char *ref = strip (parts[0] ? parts[0] : "");
          it->ref = *ref ? ps_item_list_strdup (list, ref) : NULL;
          if (parts[0] && parts[1])
            {
              g_autofree char *due = strip (parts[1]);
              it->due.text = *due ? ps_item_list_strdup (list, due) : NULL;
            }
          if (parts[0] && parts[1] && parts[2])
            {
              g_autofree char *own = strip (parts[2]);
              it->owners_text = *own ? ps_item_list_strdup (list, own) : NULL;
            }
        }
      else if (strcmp (name, "self") == 0)
        {
          self = ps_item_list_add (list);
          self->ref = *arg ? ps_item_list_strdup (list, arg) : NULL;
        }
      else if (strcmp (name, "colour") == 0)
        ; /* below, once the item exists */
      else if (strcmp (name, "section") == 0)
        ;
      else
        g_printerr ("unknown directive %%%s\n", name);
    }
  if (!self)
    self = ps_item_list_add (list);
  for (guint i = 0; i < c->directives->len; i++)
    {
      const char *d = g_ptr_array_index (c->directives, i);
      if (g_str_has_prefix (d, "colour "))
        {
          g_autofree char *arg = strip (d + 7);
          ps_colour_parse (arg, &self->status.colour);
        }
      else if (g_str_has_prefix (d, "section "))
        {
          g_autofree char *arg = strip (d + 8);
          self->status.section = ps_item_list_strdup (list, arg);
        }
    }
  switch (kind)
    {
    case KIND_DUE:
      self->due.text = ps_item_list_strdup (list, input);
      break;
    case KIND_OWNERS:
      self->owners_text = ps_item_list_strdup (list, input);
      break;
    case KIND_STATUS:
      self->status.text = ps_item_list_strdup (list, input);
      break;
    case KIND_LINKS:
      self->text = ps_item_list_strdup (list, input);
      break;
    }
  return self;
}

static cJSON *
run (Kind kind, PsItemList *list, PsItem *self)
{
  g_autoptr (PsNormaliseContext) ctx = ps_normalise_context_new (list);
  for (guint i = 0; i < list->items->len; i++)
    {
      PsItem *it = g_ptr_array_index (list->items, i);
      if (kind == KIND_DUE || it != self)
        ps_due_parse (ctx, list, it->due.text, &it->due);
      if (kind == KIND_OWNERS || it != self)
        ps_owners_parse (ctx, list, it, it->owners_text);
    }
  ps_due_resolve_references (ctx, list);
  ps_owners_resolve_references (ctx, list);
  if (kind == KIND_STATUS)
    ps_status_parse (ctx, &self->status);
  if (kind == KIND_LINKS)
    ps_links_find (ctx, list, self);
  g_autoptr (cJSON) item = ps_item_to_json (self);
  const char *member = kind == KIND_DUE      ? "due"
                       : kind == KIND_OWNERS ? "owners"
                       : kind == KIND_STATUS ? "status"
                                             : "links";
  return cJSON_DetachItemFromObject (item, member);
}

/* Fills the members an expected value may leave out. */
static void
complete_expected (Kind kind, const Case *c, PsItem *self, cJSON *expected)
{
  if (!cJSON_IsObject (expected))
    return;
  const char *input = c->has_input ? c->input->str : NULL;
  if (kind == KIND_DUE)
    {
      if (!cJSON_HasObjectItem (expected, "text"))
        cJSON_AddItemToObject (expected, "text", input ? cJSON_CreateString (input) : cJSON_CreateNull ());
      if (!cJSON_HasObjectItem (expected, "revised_from"))
        cJSON_AddNullToObject (expected, "revised_from");
      for (const char *const *k = (const char *const[]){ "start", "end", "precision", NULL }; *k; k++)
        if (!cJSON_HasObjectItem (expected, *k))
          cJSON_AddNullToObject (expected, *k);
    }
  if (kind == KIND_STATUS)
    {
      if (!cJSON_HasObjectItem (expected, "text"))
        cJSON_AddItemToObject (expected, "text", input ? cJSON_CreateString (input) : cJSON_CreateNull ());
      if (!cJSON_HasObjectItem (expected, "colour"))
        {
          char buf[8];
          ps_colour_format (self->status.colour, buf);
          cJSON_AddItemToObject (expected, "colour", buf[0] ? cJSON_CreateString (buf) : cJSON_CreateNull ());
        }
      if (!cJSON_HasObjectItem (expected, "section") && self->status.section)
        cJSON_AddStringToObject (expected, "section", self->status.section);
    }
}

int
main (int argc, char **argv)
{
  gboolean print = argc > 1 && strcmp (argv[1], "--print") == 0;
  if (print)
    {
      argv++;
      argc--;
    }
  if (argc != 3)
    {
      g_printerr ("usage: run_cases [--print] due|owners|status|links FILE\n");
      return 2;
    }
  Kind kind;
  if (strcmp (argv[1], "due") == 0)
    kind = KIND_DUE;
  else if (strcmp (argv[1], "owners") == 0)
    kind = KIND_OWNERS;
  else if (strcmp (argv[1], "status") == 0)
    kind = KIND_STATUS;
  else if (strcmp (argv[1], "links") == 0)
    kind = KIND_LINKS;
  else
    {
      g_printerr ("run_cases: unknown kind %s\n", argv[1]);
      return 2;
    }
  const char *path = argv[2];
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cases = read_cases (path, &error);
  if (!cases)
    {
      g_printerr ("run_cases: %s\n", error->message);
      return 1;
    }
  ps_normalise_init ();
  int failed = 0;
  for (guint i = 0; i < cases->len; i++)
    {
      const Case *c = g_ptr_array_index (cases, i);
      g_autoptr (PsItemList) list = ps_item_list_new ();
      PsItem *self = build (kind, c, list);
      g_autoptr (cJSON) actual = run (kind, list, self);
      g_autofree char *actual_text = cJSON_PrintUnformatted (actual);
      if (print)
        {
          for (guint k = 0; k < c->directives->len; k++)
            printf ("%%%s\n", (const char *) g_ptr_array_index (c->directives, k));
          printf ("%s\n.\n%s\n\n", c->has_input ? c->input->str : "", actual_text);
          continue;
        }
      g_autoptr (cJSON) expected = cJSON_Parse (c->expected->str);
      if (!expected)
        {
          printf ("%s:%d: expected value is not JSON\n", base, c->line);
          failed++;
          continue;
        }
      complete_expected (kind, c, self, expected);
      if (!cJSON_Compare (actual, expected, TRUE))
        {
          g_autofree char *exp_text = cJSON_PrintUnformatted (expected);
          printf ("%s:%d: %s\n  expected %s\n  got      %s\n", base, c->line,
                  c->has_input ? c->input->str : "(no input)", exp_text, actual_text);
          failed++;
        }
    }
  if (!print)
    fprintf (stderr, "%s: %u cases, %d failed\n", base, cases->len, failed);
  return failed ? 1 : 0;
}
