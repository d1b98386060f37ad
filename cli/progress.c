/* progress.c — the progress line of 'plansift run' on stderr: documents
 * done of total, pages per second, time left.  Drawn only on a terminal and
 * at most ten times a second, so it costs nothing in a log.  No colour. */
#include "run_private.h"

#include <stdio.h>

#define REDRAW_US (G_USEC_PER_SEC / 10)
#define BAR_WIDTH 24

struct CliProgress
{
  gboolean enabled;
  guint total;
  gint64 start;
  gint64 last_draw;
  gboolean drawn;
};

CliProgress *
cli_progress_new (guint total, gboolean enabled)
{
  CliProgress *p = g_new0 (CliProgress, 1);
  p->enabled = enabled;
  p->total = total;
  p->start = g_get_monotonic_time ();
  return p;
}

static void
format_duration (char *buf, gsize n, double seconds)
{
  if (seconds < 0 || seconds > 359999)
    {
      g_strlcpy (buf, "--:--", n);
      return;
    }
  guint s = (guint) (seconds + 0.5);
  if (s >= 3600)
    g_snprintf (buf, n, "%u:%02u:%02u", s / 3600, s / 60 % 60, s % 60);
  else
    g_snprintf (buf, n, "%u:%02u", s / 60, s % 60);
}

void
cli_progress_update (CliProgress *p, guint done, guint64 pages, gboolean force)
{
  if (!p || !p->enabled)
    return;
  gint64 now = g_get_monotonic_time ();
  if (!force && p->drawn && now - p->last_draw < REDRAW_US)
    return;
  p->last_draw = now;
  p->drawn = TRUE;

  double elapsed = (double) (now - p->start) / G_USEC_PER_SEC;
  guint filled = p->total ? (guint) ((guint64) done * BAR_WIDTH / p->total) : BAR_WIDTH;
  char bar[BAR_WIDTH + 1];
  for (guint i = 0; i < BAR_WIDTH; i++)
    bar[i] = i < filled ? '#' : '.';
  bar[BAR_WIDTH] = '\0';
  char eta[32];
  if (done == 0 || elapsed <= 0)
    g_strlcpy (eta, "--:--", sizeof eta);
  else
    format_duration (eta, sizeof eta, elapsed / done * (p->total - done));
  double rate = elapsed > 0 ? (double) pages / elapsed : 0;
  char rate_text[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (rate_text, sizeof rate_text, "%.1f", rate);
  /* \r and "erase to end of line" redraw in place. */
  fprintf (stderr, "\r[%s] %u/%u documents  %s pages/s  ETA %s\033[K", bar, done, p->total,
           rate_text, eta);
  fflush (stderr);
}

void
cli_progress_clear (CliProgress *p)
{
  if (!p || !p->enabled || !p->drawn)
    return;
  fputs ("\r\033[K", stderr);
  fflush (stderr);
  p->drawn = FALSE;
}

void
cli_progress_free (CliProgress *p)
{
  if (!p)
    return;
  cli_progress_clear (p);
  g_free (p);
}
