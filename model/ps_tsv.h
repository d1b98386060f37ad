/* ps_tsv.h — vocabulary tables generated from the TSV files under data/. */
#ifndef PS_TSV_H
#define PS_TSV_H

/* cells holds (n_rows + 1) * n_cols strings: the header row, then the data. */
typedef struct
{
  long n_rows;
  int n_cols;
  const char *const *cells;
} PsTsvTable;

/* Column index of the header named name, or -1. */
int ps_tsv_column (const PsTsvTable *t, const char *name);

/* The cell of data row row (0-based) and column col: (transfer none). */
static inline const char *
ps_tsv_cell (const PsTsvTable *t, long row, int col)
{
  return t->cells[(row + 1) * t->n_cols + col];
}

#endif /* PS_TSV_H */
