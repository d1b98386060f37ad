/* calendar.c — the little date arithmetic due dates need. */
#include "normalise_private.h"

#include <string.h>

int
norm_days_in_month (int y, int m)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  if (m < 1 || m > 12)
    return 0;
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return days[m - 1];
}

gboolean
norm_ymd_valid (Ymd v)
{
  return v.y >= 1000 && v.y <= 9999 && v.m >= 1 && v.m <= 12 && v.d >= 1
         && v.d <= norm_days_in_month (v.y, v.m);
}

Ymd
norm_month_start (int index)
{
  Ymd v = { index / 12, index % 12 + 1, 1 };
  return v;
}

Ymd
norm_month_end (int index)
{
  Ymd v = { index / 12, index % 12 + 1, 0 };
  v.d = norm_days_in_month (v.y, v.m);
  return v;
}

Ymd
norm_ymd_add_days (Ymd v, int days)
{
  /* Only ever a few weeks at a time: step through months. */
  v.d += days;
  while (v.d > norm_days_in_month (v.y, v.m))
    {
      v.d -= norm_days_in_month (v.y, v.m);
      if (++v.m > 12)
        {
          v.m = 1;
          v.y++;
        }
    }
  while (v.d < 1)
    {
      if (--v.m < 1)
        {
          v.m = 12;
          v.y--;
        }
      v.d += norm_days_in_month (v.y, v.m);
    }
  return v;
}

int
norm_ymd_compare (Ymd a, Ymd b)
{
  if (a.y != b.y)
    return a.y < b.y ? -1 : 1;
  if (a.m != b.m)
    return a.m < b.m ? -1 : 1;
  if (a.d != b.d)
    return a.d < b.d ? -1 : 1;
  return 0;
}

void
norm_ymd_format (Ymd v, char buf[11])
{
  if (!norm_ymd_valid (v))
    {
      buf[0] = '\0';
      return;
    }
  g_snprintf (buf, 11, "%04d-%02d-%02d", v.y, v.m, v.d);
}

static gboolean
digits (const char *s, int n, int *out)
{
  int v = 0;
  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

gboolean
norm_ymd_parse (const char *s, Ymd *out)
{
  Ymd v = { 0, 0, 0 };
  *out = v;
  if (!s)
    return FALSE;
  gsize len = strlen (s);
  if (len < 4 || !digits (s, 4, &v.y) || v.y < 1000)
    return FALSE;
  if (len >= 7 && (s[4] != '-' || !digits (s + 5, 2, &v.m) || v.m < 1 || v.m > 12))
    return FALSE;
  if (len >= 10 && (s[7] != '-' || !digits (s + 8, 2, &v.d) || v.d < 1
                    || v.d > norm_days_in_month (v.y, v.m)))
    return FALSE;
  if (len != 4 && len != 7 && len != 10)
    return FALSE;
  *out = v;
  return TRUE;
}
