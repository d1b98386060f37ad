/* extract_private.h — shared between the files of extract/ only. */
#ifndef PS_EXTRACT_PRIVATE_H
#define PS_EXTRACT_PRIVATE_H

#include "ps_extract.h"
#include "ps_pattern.h"
#include "ps_text.h"

/* ---- patterns (patterns.c) --------------------------------------------- */

typedef enum
{
  PAT_REF_CELL,
  PAT_REF_PREFIX,
  PAT_BULLET,
  PAT_STATUS_HEADING,
  PAT_FURNITURE,
  PAT_GLOSSARY,
  PAT_DOC_DATE,
  PAT_LABEL_LINE,
  PAT_TEXT_KEY,
  PAT_MONTH,
  PAT_LABELLED_ITEM,
  PAT_GLOSSARY_LIST,
  PAT_COUNT,
} ExtractPattern;

/* (transfer none) compiled once, shared by threads. */
const pcre2_code *ps_extract_pattern (ExtractPattern id);
const PsPatternDef *ps_extract_pattern_defs (gsize *n);

/* TRUE when the whole of text matches pattern id. */
gboolean ps_extract_matches (ExtractPattern id, const char *text);

/* ---- vocabularies (vocab.c) -------------------------------------------- */

/* The roles a column header names, strongest first; the item kind its
 * phrase implies in *kind (PS_ITEM_KIND_UNKNOWN when none).  Returns how many
 * roles were written to roles (at most max). */
guint ps_header_roles (const char *header, PsRole *roles, guint max, PsItemKind *kind);
/* The same, with the share of the header's words the phrases cover. */
guint ps_header_roles_coverage (const char *header, PsRole *roles, guint max, PsItemKind *kind,
                                double *coverage);

/* TRUE when text contains a post, team or body word (data/owner_words.tsv):
 * "Chief Executive", "Democratic Services", "Cabinet". */
gboolean ps_text_names_owner (const char *text);

/* ---- layout (layout.c): a PDF's pages as blocks ------------------------ */

/* Adds to layout (a new, empty PsDoc) the blocks of the PDF doc: tables
 * found on its pages, headings and paragraphs between them, page furniture
 * dropped. */
void ps_layout_pdf (const PsDoc *doc, const PsExtractOptions *opts, PsDoc *layout);

/* ---- from blocks to items ---------------------------------------------- */

/* A table as a grid: every position points at the cell covering it. */
typedef struct
{
  const PsBlock *block;
  const PsTable *table;
  guint n_rows, n_cols;
  const PsCell **at; /* n_rows * n_cols, NULL where no cell covers */
} Grid;

Grid *ps_grid_new (const PsBlock *block);
void ps_grid_free (Grid *grid);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Grid, ps_grid_free)

static inline const PsCell *
ps_grid_cell (const Grid *g, guint row, guint col)
{
  return g->at[row * g->n_cols + col];
}

/* The roles of a table's columns. */
#define MAX_COLUMN_ROLES 4
typedef struct
{
  guint n_cols;
  PsRole roles[64][MAX_COLUMN_ROLES]; /* PS_ROLE_NONE-terminated per column */
  const char *names[64];              /* header text, for PS_ROLE_OTHER */
  PsItemKind kind;                    /* what the text column calls its items */
  int ref_col, text_col, owner_col, due_col, status_col; /* -1 when none */
  gboolean owner_in_prose; /* the owner column also holds long updates */
} Columns;

#define MAX_COLUMNS 64

/* An item while its rows are being read. */
typedef struct
{
  PsRole role;
  const char *name; /* header text, for PS_ROLE_OTHER */
  GString *text;
  PsProv prov;
} FieldBuilder;

typedef struct
{
  PsItem *item;     /* already in the list; strings committed at finish */
  GString *text, *owners, *due, *status;
  GPtrArray *fields; /* FieldBuilder* */
  GHashTable *cells; /* const PsCell* already merged into this item */
  const PsCell *ref_cell;
  /* The item's text came from a row that states it across the table
   * ("Recommendation 1: …" over its actions): the text column of the rows
   * beneath holds its actions, not more of its text. */
  gboolean headline;
} ItemBuilder;

/* State carried through the block stream. */
typedef struct
{
  const PsDoc *doc;
  const PsExtractOptions *opts;
  PsItemList *list;
  const char *title;          /* the document's title block text */
  const char *theme;          /* innermost theme heading, or NULL */
  guint theme_level;          /* its level (1 = largest) */
  const char *status_heading; /* heading stating progress, or NULL */
  guint status_level;         /* its level */
  Columns last_columns;       /* of the last table that had a header */
  gboolean have_last_columns;
  ItemBuilder *cur;           /* the item continuation rows extend */
  GPtrArray *group;           /* ItemBuilder*: items sharing one row's cells
                                 (one cell listing two numbered
                                 recommendations); cur is the last */
} Ctx;

/* headings.c: sections and status headings.  Headings longer than this
 * many words are descriptions, not headings. */
#define MAX_HEADING_WORDS 14
gboolean ps_block_is_heading (const PsBlock *block);
void ps_ctx_heading (Ctx *ctx, const char *text, guint level);

/* tables.c: header rows, column roles, rows into items. */
void ps_table_items (Ctx *ctx, const PsBlock *block);

/* prose.c: numbered recommendations outside tables. */
void ps_prose_items (Ctx *ctx, const PsBlock *const *blocks, guint n, guint *consumed);

/* document.c: title, date, glossary and colour key. */
void ps_document_facts (Ctx *ctx, const PsDoc *layout);

/* items.c: building items row by row. */
void ps_item_begin (Ctx *ctx, PsItemKind kind, const char *ref_text, const PsProv *prov);
/* Starts another item that shares the current one's row: every cell but the
 * text goes to both. */
void ps_item_begin_sibling (Ctx *ctx, PsItemKind kind, const char *ref_text, const PsProv *prov);
/* Appends text (a line break between parts) to the item's text (text_role:
 * the current item only), or to the owners, due, status or a field of every
 * item of the group. */
void ps_item_add (Ctx *ctx, PsRole role, const char *name, gboolean text_role,
                  const char *text, const PsProv *prov);
/* TRUE the first time cell is offered to the current item. */
gboolean ps_item_take_cell (Ctx *ctx, const PsCell *cell);
void ps_item_finish (Ctx *ctx);
/* Parses ref text ("33 ABC CEx", "1.") into item->ref and ref_parts. */
void ps_item_set_ref (PsItemList *list, PsItem *item, const char *text);

/* A cell's provenance. */
PsProv ps_cell_prov (PsItemList *list, const PsCell *cell);

#endif /* PS_EXTRACT_PRIVATE_H */
