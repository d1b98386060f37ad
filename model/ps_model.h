/* ps_model.h — the document model and the item record, shared by every stage.
 *
 * Ownership, for the whole API: arguments are borrowed; a returned pointer is
 * new and freed with its _free unless its comment says (transfer none);
 * pointers into a PsDoc or PsItemList (strings, pages, cells, items) live as
 * long as it.  Strings are UTF-8 and live in the owner's GStringChunk, so
 * ps_doc_free() / ps_item_list_free() is the only call a caller makes.
 *
 * Coordinates are PDF points with the origin at the top-left of the page as
 * displayed (after rotation).  Document order is reading order.
 */
#ifndef PS_MODEL_H
#define PS_MODEL_H

#include <glib.h>

G_BEGIN_DECLS

#define PS_DOC_SCHEMA "plansift/doc/1"
#define PS_ITEMS_SCHEMA "plansift/items/1"

/* Errors reading stage JSON. */
#define PS_MODEL_ERROR (ps_model_error_quark ())
GQuark ps_model_error_quark (void);

typedef enum
{
  PS_MODEL_ERROR_PARSE,  /* not JSON */
  PS_MODEL_ERROR_SCHEMA, /* JSON, but not the expected schema */
  PS_MODEL_ERROR_CHECK,  /* ps_doc_check found an inconsistency */
} PsModelError;

/* ---- basic values ------------------------------------------------------ */

typedef struct
{
  double x0, y0, x1, y1;
} PsBox;

/* An sRGB colour; a == 0 means "no colour", so zeroed memory is honest. */
typedef struct
{
  guint8 r, g, b, a;
} PsColour;

#define PS_COLOUR_NONE ((PsColour){ 0, 0, 0, 0 })
#define PS_COLOUR_RGB(R, G, B) ((PsColour){ (R), (G), (B), 255 })

static inline gboolean
ps_colour_is_set (PsColour c)
{
  return c.a != 0;
}

/* "#rrggbb" into buf (8 bytes), or "" when unset. */
void ps_colour_format (PsColour c, char buf[8]);
/* Parses "#rgb", "#rrggbb", "rgb(r,g,b)", "rgba(...)" and CSS colour names.
 * Returns FALSE (and sets *out to none) for anything else. */
gboolean ps_colour_parse (const char *text, PsColour *out);

typedef enum
{
  PS_FORMAT_UNKNOWN = 0,
  PS_FORMAT_PDF,
  PS_FORMAT_HTML,
} PsFormat;

const char *ps_format_to_string (PsFormat f);
PsFormat ps_format_from_string (const char *s);

enum
{
  PS_TEXT_BOLD = 1 << 0,
  PS_TEXT_ITALIC = 1 << 1,
};

/* ---- PDF layout: pages, words, lines, rulings, fills ------------------- */

typedef struct
{
  const char *text; /* one word, no spaces */
  PsBox box;
  const char *font; /* interned font name, or NULL */
  double size;      /* font size in points */
  guint flags;      /* PS_TEXT_BOLD | PS_TEXT_ITALIC */
  PsColour colour;  /* text colour */
} PsWord;

/* A text line: a run of page->words in reading order. */
typedef struct
{
  PsBox box;
  guint first_word; /* index into page->words */
  guint n_words;
} PsLine;

typedef enum
{
  PS_RULING_NONE = 0,
  PS_RULING_HORIZONTAL,
  PS_RULING_VERTICAL,
} PsRulingDir;

const char *ps_ruling_dir_to_string (PsRulingDir d);
PsRulingDir ps_ruling_dir_from_string (const char *s);

/* A ruling line: its centre line from (x0,y0) to (x1,y1) — y0 == y1 when
 * horizontal, x0 == x1 when vertical — and its stroke width. */
typedef struct
{
  PsRulingDir dir;
  double x0, y0, x1, y1;
  double width;
  PsColour colour;
} PsRuling;

/* A uniformly filled rectangle (a cell background, a coloured key swatch). */
typedef struct
{
  PsBox box;
  PsColour colour;
} PsFill;

typedef struct
{
  guint number; /* 1-based */
  double width, height;
  int rotation; /* 0, 90, 180 or 270 */
  GArray *words;   /* PsWord */
  GArray *lines;   /* PsLine, reading order */
  GArray *rulings; /* PsRuling */
  GArray *fills;   /* PsFill */
} PsPage;

/* ---- tables and blocks ------------------------------------------------- */

/* A table cell.  HTML cells come from the DOM (xpath set, page 0); PDF cells
 * are built by extract from words and rulings (page and box set). */
typedef struct
{
  guint row, col;         /* top-left grid position, 0-based */
  guint rowspan, colspan; /* >= 1 */
  const char *text;       /* lines joined by '\n'; "" when empty */
  gboolean header;        /* <th>, or a row of a <thead> */
  guint flags;            /* PS_TEXT_BOLD/ITALIC when the whole cell is */
  PsColour fill;          /* background colour */
  PsColour colour;        /* text colour, when the whole cell has one */
  const char *xpath;      /* HTML: the cell's DOM path */
  guint page;             /* PDF: 1-based page, 0 for HTML */
  PsBox box;              /* PDF: cell box on that page */
} PsCell;

typedef struct
{
  guint n_rows, n_cols;
  GArray *cells;     /* PsCell, ordered by (row, col) of their top-left */
  const char *xpath; /* HTML: the <table>'s DOM path */
  guint page;        /* PDF: first page */
  PsBox box;         /* PDF: box on the first page */
} PsTable;

typedef enum
{
  PS_BLOCK_NONE = 0,
  PS_BLOCK_HEADING,
  PS_BLOCK_PARAGRAPH,
  PS_BLOCK_LIST_ITEM,
  PS_BLOCK_TABLE,
} PsBlockKind;

const char *ps_block_kind_to_string (PsBlockKind k);
PsBlockKind ps_block_kind_from_string (const char *s);

/* A block in document order: what HTML ingest reads from the DOM, and what
 * extract's layout analysis builds from a PDF's pages. */
typedef struct
{
  PsBlockKind kind;
  guint level;       /* heading 1..6; list nesting depth from 1 */
  const char *text;  /* "" for tables */
  guint flags;       /* PS_TEXT_BOLD/ITALIC when the whole block is */
  PsColour fill;     /* background colour */
  PsColour colour;   /* text colour */
  const char *xpath; /* HTML: DOM path */
  PsTable *table;    /* PS_BLOCK_TABLE only; owned by the block */
  guint page;        /* PDF: 1-based page of the block's start, 0 for HTML */
  PsBox box;         /* PDF: box on that page */
  double size;       /* PDF: main font size, 0 when unknown */
} PsBlock;

/* ---- the document ------------------------------------------------------ */

typedef struct
{
  const char *source;  /* path as given, "<stdin>" for stdin */
  PsFormat format;
  char sha256[65];     /* hex digest of the input bytes */
  guint64 bytes;
  const char *title;   /* metadata title, <title>, or NULL */
  const char *date_text; /* the date printed on the document, as printed */
  const char *date;      /* that date in ISO 8601 at the precision printed
                            ("2024-01", "2023-08-03"), or NULL */
  guint n_pages;         /* PDF pages; 0 for HTML */
  GPtrArray *pages;      /* PsPage*, PDF */
  GPtrArray *blocks;     /* PsBlock*, HTML */
  GStringChunk *strings; /* owns every string above */
} PsDoc;

PsDoc *ps_doc_new (void);
void ps_doc_free (PsDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsDoc, ps_doc_free)

/* Copy a string into the doc's arena: (transfer none), lives with doc.
 * NULL stays NULL. */
const char *ps_doc_intern (PsDoc *doc, const char *s);
const char *ps_doc_strdup (PsDoc *doc, const char *s);
const char *ps_doc_strndup (PsDoc *doc, const char *s, gsize len);

/* New empty page/block/table appended to doc: (transfer none). */
PsPage *ps_doc_add_page (PsDoc *doc, double width, double height, int rotation);
PsBlock *ps_doc_add_block (PsDoc *doc, PsBlockKind kind);
PsTable *ps_table_new (void);
void ps_table_free (PsTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsTable, ps_table_free)

/* (transfer none) pointer into table->cells; NULL when nothing covers it. */
const PsCell *ps_table_cell_at (const PsTable *table, guint row, guint col);

/* The words of a line: (transfer none). */
static inline const PsWord *
ps_line_word (const PsPage *page, const PsLine *line, guint i)
{
  return &g_array_index (page->words, PsWord, line->first_word + i);
}

/* A line's text, words joined by one space: (transfer full). */
char *ps_line_text (const PsPage *page, const PsLine *line);

/* Consistency checks between stages (boxes inside their page, spans inside
 * their table, words of a line inside the page).  Returns FALSE with a
 * message in *error describing the first problem. */
gboolean ps_doc_check (const PsDoc *doc, GError **error);

/* ---- the item record --------------------------------------------------- */

typedef enum
{
  PS_ITEM_KIND_UNKNOWN = 0,
  PS_ITEM_KIND_RECOMMENDATION,
  PS_ITEM_KIND_ACTION,
} PsItemKind;

const char *ps_item_kind_to_string (PsItemKind k);
PsItemKind ps_item_kind_from_string (const char *s);

/* What a table column (or a labelled prose line) holds. */
typedef enum
{
  PS_ROLE_NONE = 0,
  PS_ROLE_REF,
  PS_ROLE_RECOMMENDATION,
  PS_ROLE_ACTION,
  PS_ROLE_RESPONSE,
  PS_ROLE_OUTCOME,
  PS_ROLE_PROGRESS,
  PS_ROLE_NEXT_STEPS,
  PS_ROLE_OWNER,
  PS_ROLE_SPONSOR,
  PS_ROLE_DUE,
  PS_ROLE_STATUS,
  PS_ROLE_THEME,
  PS_ROLE_OTHER,
} PsRole;

const char *ps_role_to_string (PsRole r);
PsRole ps_role_from_string (const char *s);

/* Where a value came from: page and box for PDF, a DOM path for HTML. */
typedef struct
{
  guint page; /* 1-based; 0 when not from a PDF */
  PsBox box;
  const char *xpath;
} PsProv;

static inline gboolean
ps_prov_is_set (const PsProv *p)
{
  return p->page != 0 || p->xpath != NULL;
}

/* An extra column of an item: response, outcome, progress, next_steps, …
 * For PS_ROLE_OTHER, name is the column header as printed. */
typedef struct
{
  PsRole role;
  const char *name;
  const char *text;
  PsProv prov;
} PsField;

typedef enum
{
  PS_OWNER_KIND_UNKNOWN = 0,
  PS_OWNER_KIND_ROLE,
  PS_OWNER_KIND_PERSON,
  PS_OWNER_KIND_TEAM,
  PS_OWNER_KIND_BODY,
} PsOwnerKind;

const char *ps_owner_kind_to_string (PsOwnerKind k);
PsOwnerKind ps_owner_kind_from_string (const char *s);

typedef struct
{
  const char *text; /* as printed */
  const char *name; /* repaired, abbreviations expanded; the person for a person */
  const char *role; /* the title, for a person; the role itself for a role */
  PsOwnerKind kind;
} PsOwner;

typedef enum
{
  PS_DUE_KIND_UNSPECIFIED = 0,
  PS_DUE_KIND_DATE,
  PS_DUE_KIND_RANGE,
  PS_DUE_KIND_DEADLINE,
  PS_DUE_KIND_ONGOING,
  PS_DUE_KIND_COMPLETE,
  PS_DUE_KIND_REFERENCE,
} PsDueKind;

const char *ps_due_kind_to_string (PsDueKind k);
PsDueKind ps_due_kind_from_string (const char *s);

typedef enum
{
  PS_PRECISION_NONE = 0,
  PS_PRECISION_DAY,
  PS_PRECISION_MONTH,
  PS_PRECISION_QUARTER,
  PS_PRECISION_SEASON,
  PS_PRECISION_HALF,
  PS_PRECISION_YEAR,
  PS_PRECISION_FISCAL_YEAR,
} PsPrecision;

const char *ps_precision_to_string (PsPrecision p);
PsPrecision ps_precision_from_string (const char *s);

typedef struct PsDue PsDue;
struct PsDue
{
  const char *text; /* as printed; NULL when the item has no due value */
  PsDueKind kind;
  char start[11];   /* YYYY-MM-DD or "" */
  char end[11];     /* YYYY-MM-DD or "" */
  PsPrecision precision;
  const char *ref;  /* PS_DUE_KIND_REFERENCE: the ref pointed at */
  PsDue *revised_from; /* owned by the item, or NULL */
};

typedef enum
{
  PS_RAG_NONE = 0,
  PS_RAG_RED,
  PS_RAG_AMBER,
  PS_RAG_GREEN,
  PS_RAG_BLUE,
} PsRag;

const char *ps_rag_to_string (PsRag r);
PsRag ps_rag_from_string (const char *s);

typedef enum
{
  PS_STATUS_UNKNOWN = 0,
  PS_STATUS_COMPLETED,
  PS_STATUS_ON_TRACK,
  PS_STATUS_IN_PROGRESS,
  PS_STATUS_OFF_TRACK,
  PS_STATUS_NOT_STARTED,
  PS_STATUS_STOPPED,
  PS_STATUS_MONITORING,
  PS_STATUS_SUPERSEDED,
} PsStatusValue;

const char *ps_status_value_to_string (PsStatusValue v);
PsStatusValue ps_status_value_from_string (const char *s);

typedef enum
{
  PS_STATUS_SOURCE_NONE = 0,
  PS_STATUS_SOURCE_TEXT,
  PS_STATUS_SOURCE_COLOUR,
  PS_STATUS_SOURCE_SECTION,
  PS_STATUS_SOURCE_KEY,
} PsStatusSource;

const char *ps_status_source_to_string (PsStatusSource s);
PsStatusSource ps_status_source_from_string (const char *s);

typedef struct
{
  const char *text;   /* status words as printed, or NULL */
  PsColour colour;    /* the colour that carried it (cell fill), or none */
  const char *section; /* the heading that gave it, or NULL */
  PsRag rag;
  PsStatusValue canonical;
  PsStatusSource source;
} PsStatus;

typedef struct
{
  const char *number; /* "33", "1.10" */
  const char *parent; /* "1" for "1.10", or NULL */
  const char *source; /* "ABC CEx" for "33 ABC CEx", or NULL */
} PsRefParts;

typedef struct
{
  const char *ref; /* as printed, whitespace collapsed, or NULL */
  PsRefParts ref_parts;
  PsItemKind kind;
  const char *section;
  const char *text;
  GPtrArray *fields;       /* PsField*, in column order */
  const char *owners_text; /* the whole owner cell as printed, or NULL */
  GPtrArray *owners;       /* PsOwner* */
  PsDue due;
  PsStatus status;
  GPtrArray *links;        /* const char* refs (strings in the list's arena) */
  PsProv prov;             /* the item as a whole (its first part) */
  PsProv text_prov, owners_prov, due_prov, status_prov;
} PsItem;

/* One entry of a document's colour key (legend). */
typedef struct
{
  PsColour colour;
  const char *label; /* "Completed", "Progressing well", "On Target" */
} PsKeyEntry;

/* An abbreviation defined by the document ("Chief Executive (CEx)"). */
typedef struct
{
  const char *abbr;
  const char *expansion;
} PsGlossaryEntry;

/* The items of one document, with the document fields every item repeats. */
typedef struct
{
  const char *source;
  PsFormat format;
  char sha256[65];
  guint64 bytes;
  const char *title;
  const char *date_text;
  const char *date;
  guint n_pages;
  GArray *key;      /* PsKeyEntry */
  GArray *glossary; /* PsGlossaryEntry */
  GPtrArray *items; /* PsItem* */
  GStringChunk *strings;
} PsItemList;

PsItemList *ps_item_list_new (void);
void ps_item_list_free (PsItemList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsItemList, ps_item_list_free)

/* Copies the document fields of doc into list. */
void ps_item_list_set_document (PsItemList *list, const PsDoc *doc);

/* Arena copies, as for PsDoc: (transfer none). */
const char *ps_item_list_strdup (PsItemList *list, const char *s);
const char *ps_item_list_strndup (PsItemList *list, const char *s, gsize len);

/* New empty item appended to list: (transfer none). */
PsItem *ps_item_list_add (PsItemList *list);
PsField *ps_item_add_field (PsItemList *list, PsItem *item, PsRole role,
                            const char *name, const char *text);
PsOwner *ps_item_add_owner (PsItemList *list, PsItem *item, const char *text);
void ps_item_add_link (PsItemList *list, PsItem *item, const char *ref);
/* (transfer none) the field of that role, or NULL. */
const PsField *ps_item_get_field (const PsItem *item, PsRole role);
/* A new revised_from for due, owned by the item: (transfer none). */
PsDue *ps_due_add_revised_from (PsDue *due);

/* Clears a due value (and its revised_from chain) back to zero. */
void ps_due_clear (PsDue *due);

G_END_DECLS

#endif /* PS_MODEL_H */
