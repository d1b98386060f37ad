/* html_charset.c — an HTML file's bytes into valid UTF-8, the way browsers
 * choose the encoding: a byte order mark, else the <meta> declaration, else
 * UTF-8 when the bytes are valid UTF-8 and windows-1252 when they are not.
 *
 * libxml2 is then told the text is UTF-8 and to ignore the document's own
 * declaration, so one decision is made, here, and every model string is
 * valid UTF-8 whatever the file holds. */
#include "html_private.h"

#include <errno.h>
#include <string.h>

#include <libxml/HTMLparser.h>

typedef enum
{
  ENC_NONE = 0,
  ENC_UTF8,
  ENC_UTF16LE,
  ENC_UTF16BE,
  ENC_CP1252,
  ENC_OTHER, /* a label for iconv */
} Encoding;

/* windows-1252 for 0x80–0x9F (the WHATWG table); 0 where it is undefined. */
static const guint16 cp1252_high[32] = {
  0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
  0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

gunichar
ps_html_cp1252 (guint8 b)
{
  if (b >= 0x80 && b < 0xA0)
    return cp1252_high[b - 0x80];
  return b;
}

/* The WHATWG encoding labels plansift decodes itself; any other label goes to
 * iconv.  Browsers read every ISO-8859-1 and ASCII label as windows-1252. */
static const struct
{
  const char *label;
  Encoding enc;
} labels[] = {
  { "utf-8", ENC_UTF8 },           { "utf8", ENC_UTF8 },
  { "unicode-1-1-utf-8", ENC_UTF8 }, { "x-unicode20utf8", ENC_UTF8 },
  { "unicode11utf8", ENC_UTF8 },   { "unicode20utf8", ENC_UTF8 },
  /* A <meta> can only be read when the bytes are ASCII-compatible, so a
   * UTF-16 declaration there means UTF-8 (WHATWG "prescan"). */
  { "utf-16", ENC_UTF8 },          { "utf-16le", ENC_UTF8 },
  { "utf-16be", ENC_UTF8 },        { "unicode", ENC_UTF8 },
  { "ucs-2", ENC_UTF8 },           { "csunicode", ENC_UTF8 },
  { "iso-10646-ucs-2", ENC_UTF8 }, { "unicodefeff", ENC_UTF8 },
  { "unicodefffe", ENC_UTF8 },
  { "windows-1252", ENC_CP1252 },  { "cp1252", ENC_CP1252 },
  { "x-cp1252", ENC_CP1252 },      { "iso-8859-1", ENC_CP1252 },
  { "iso8859-1", ENC_CP1252 },     { "iso88591", ENC_CP1252 },
  { "iso_8859-1", ENC_CP1252 },    { "iso_8859-1:1987", ENC_CP1252 },
  { "iso-ir-100", ENC_CP1252 },    { "csisolatin1", ENC_CP1252 },
  { "latin1", ENC_CP1252 },        { "l1", ENC_CP1252 },
  { "cp819", ENC_CP1252 },         { "ibm819", ENC_CP1252 },
  { "us-ascii", ENC_CP1252 },      { "ascii", ENC_CP1252 },
  { "ansi_x3.4-1968", ENC_CP1252 },
};

static Encoding
encoding_for_label (const char *label)
{
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_ascii_strcasecmp (label, labels[i].label) == 0)
      return labels[i].enc;
  return ENC_OTHER;
}

/* ---- the <meta> prescan ------------------------------------------------ */

static gboolean
is_space (guint8 c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static gboolean
starts_ci (const guint8 *p, const guint8 *end, const char *s)
{
  gsize n = strlen (s);
  return (gsize) (end - p) >= n && g_ascii_strncasecmp ((const char *) p, s, n) == 0;
}

/* One attribute of a tag (WHATWG "get an attribute"): name and value into
 * the given buffers (truncated), *p moved past it.  FALSE at the tag's end. */
static gboolean
next_attribute (const guint8 **pp, const guint8 *end, char *name, gsize name_size, char *value,
                gsize value_size)
{
  const guint8 *p = *pp;
  gsize n = 0, v = 0;
  while (p < end && (is_space (*p) || *p == '/'))
    p++;
  if (p >= end || *p == '>')
    {
      *pp = p;
      return FALSE;
    }
  while (p < end && !is_space (*p) && *p != '/' && *p != '>' && (*p != '=' || n == 0))
    {
      if (n + 1 < name_size)
        name[n++] = (char) g_ascii_tolower (*p);
      p++;
    }
  name[n] = '\0';
  value[0] = '\0';
  while (p < end && is_space (*p))
    p++;
  if (p < end && *p == '=')
    {
      p++;
      while (p < end && is_space (*p))
        p++;
      if (p < end && (*p == '"' || *p == '\''))
        {
          guint8 q = *p++;
          while (p < end && *p != q)
            {
              if (v + 1 < value_size)
                value[v++] = (char) *p;
              p++;
            }
          if (p < end)
            p++;
        }
      else
        while (p < end && !is_space (*p) && *p != '>')
          {
            if (v + 1 < value_size)
              value[v++] = (char) *p;
            p++;
          }
      value[v] = '\0';
    }
  *pp = p;
  return TRUE;
}

/* "text/html; charset=windows-1252" → "windows-1252" (WHATWG "extracting a
 * character encoding from a meta element"). */
static gboolean
charset_from_content (const char *content, char *out, gsize size)
{
  g_autofree char *lower = g_ascii_strdown (content, -1);
  const char *p = lower;
  while ((p = strstr (p, "charset")))
    {
      p += 7;
      while (is_space ((guint8) *p))
        p++;
      if (*p != '=')
        continue;
      p++;
      while (is_space ((guint8) *p))
        p++;
      const char *v = content + (p - lower); /* the label as written */
      char q = (*v == '"' || *v == '\'') ? *v++ : 0;
      gsize n = 0;
      while (*v && (q ? *v != q : !is_space ((guint8) *v) && *v != ';'))
        {
          if (n + 1 < size)
            out[n++] = *v;
          v++;
        }
      out[n] = '\0';
      return n > 0;
    }
  return FALSE;
}

/* A charset label is a short token; anything else is ignored rather than
 * handed to iconv. */
static gboolean
label_ok (const char *s)
{
  gsize n = strlen (s);
  if (n == 0 || n > 40)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (s[i]) && !strchr ("-_.:", s[i]))
      return FALSE;
  return TRUE;
}

/* The charset a <meta> in the first bytes declares, into label. */
static gboolean
prescan (const guint8 *data, gsize len, char *label, gsize label_size)
{
  /* Browsers look further than the standard's 1024 bytes; 64 KiB covers
   * pages whose <head> carries large inline styles. */
  const guint8 *p = data, *end = data + MIN (len, 65536);
  while (p < end)
    {
      if (starts_ci (p, end, "<!--"))
        {
          const guint8 *c = (const guint8 *) g_strstr_len ((const char *) p + 4,
                                                            end - p - 4, "-->");
          /* g_strstr_len stops at a NUL: treat that like an unterminated comment. */
          p = c ? c + 3 : end;
        }
      else if (starts_ci (p, end, "<meta") && p + 5 < end && (is_space (p[5]) || p[5] == '/'))
        {
          char name[32], value[256], charset[64] = "", content[256] = "";
          gboolean http_equiv = FALSE;
          p += 5;
          while (next_attribute (&p, end, name, sizeof name, value, sizeof value))
            {
              if (strcmp (name, "charset") == 0 && !charset[0])
                g_strlcpy (charset, g_strstrip (value), sizeof charset);
              else if (strcmp (name, "http-equiv") == 0)
                http_equiv = g_ascii_strcasecmp (g_strstrip (value), "content-type") == 0;
              else if (strcmp (name, "content") == 0 && !content[0])
                g_strlcpy (content, value, sizeof content);
            }
          if (charset[0] && label_ok (charset))
            {
              g_strlcpy (label, charset, label_size);
              return TRUE;
            }
          if (http_equiv && charset_from_content (content, label, label_size) && label_ok (label))
            return TRUE;
        }
      else if (*p == '<' && p + 1 < end
               && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?'))
        {
          /* Skip any other tag with its attributes (quoted values may hold '>'). */
          char name[8], value[8];
          p += 2;
          while (p < end && !is_space (*p) && *p != '>')
            p++;
          while (next_attribute (&p, end, name, sizeof name, value, sizeof value))
            ;
          if (p < end)
            p++;
        }
      else
        p++;
    }
  return FALSE;
}

/* ---- decoders ---------------------------------------------------------- */

/* Counts valid multi-byte UTF-8 sequences and invalid bytes. */
static void
utf8_census (const guint8 *data, gsize len, gsize *multibyte, gsize *invalid)
{
  const char *p = (const char *) data, *end = p + len;
  *multibyte = *invalid = 0;
  while (p < end)
    {
      const char *bad;
      if (g_utf8_validate_len (p, (gsize) (end - p), &bad))
        bad = end;
      for (const char *q = p; q < bad; q++)
        if (((guint8) *q & 0xC0) == 0xC0)
          (*multibyte)++;
      if (bad >= end)
        break;
      /* g_utf8_validate_len stops at a NUL too; clean() drops those later. */
      if (*bad != '\0')
        (*invalid)++;
      p = bad + 1;
    }
}

static void
decode_cp1252 (GString *out, const guint8 *data, gsize len)
{
  for (gsize i = 0; i < len; i++)
    {
      gunichar c = ps_html_cp1252 (data[i]);
      if (c)
        g_string_append_unichar (out, c);
    }
}

static void
decode_utf16 (GString *out, const guint8 *data, gsize len, gboolean le)
{
  for (gsize i = 0; i + 1 < len; i += 2)
    {
      gunichar u = le ? (gunichar) (data[i] | data[i + 1] << 8)
                      : (gunichar) (data[i] << 8 | data[i + 1]);
      if (u >= 0xD800 && u < 0xDC00 && i + 3 < len)
        {
          gunichar lo = le ? (gunichar) (data[i + 2] | data[i + 3] << 8)
                           : (gunichar) (data[i + 2] << 8 | data[i + 3]);
          if (lo >= 0xDC00 && lo < 0xE000)
            {
              u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
              i += 2;
            }
        }
      if (u >= 0xD800 && u < 0xE000)
        u = 0xFFFD; /* a lone surrogate */
      g_string_append_unichar (out, u);
    }
}

/* Any other charset through iconv; an undecodable byte becomes U+FFFD.
 * FALSE when iconv does not know the label. */
static gboolean
decode_iconv (GString *out, const guint8 *data, gsize len, const char *label)
{
  GIConv cd = g_iconv_open ("UTF-8", label);
  if (cd == (GIConv) -1)
    return FALSE;
  gchar *in = (gchar *) data;
  gsize in_left = len;
  char buf[4096];
  while (in_left > 0)
    {
      gchar *o = buf;
      gsize o_left = sizeof buf;
      gsize r = g_iconv (cd, &in, &in_left, &o, &o_left);
      int saved = errno;
      g_string_append_len (out, buf, (gssize) (sizeof buf - o_left));
      if (r != (gsize) -1 || saved == E2BIG)
        continue;
      /* EILSEQ or EINVAL: replace one byte and start afresh after it. */
      g_string_append (out, "\xEF\xBF\xBD");
      in++;
      in_left--;
      g_iconv (cd, NULL, NULL, NULL, NULL);
    }
  g_iconv_close (cd);
  return TRUE;
}

/* Browsers decode the legacy Latin-1 entities without their semicolon
 * ("&nbsp", "&amp"); libxml2 leaves them as text, so add the semicolon. */
static void
append_fixing_entities (GString *out, const char *s, gsize len)
{
  const char *p = s, *end = s + len;
  while (p < end)
    {
      const char *amp = memchr (p, '&', (gsize) (end - p));
      if (!amp)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, amp + 1 - p);
      p = amp + 1;
      const char *q = p;
      while (q < end && g_ascii_isalnum (*q) && q - p < 9)
        q++;
      if (q - p < 2 || q - p > 8 || (q < end && (*q == ';' || g_ascii_isalnum (*q))))
        continue;
      char name[9];
      memcpy (name, p, (gsize) (q - p));
      name[q - p] = '\0';
      const htmlEntityDesc *e = htmlEntityLookup ((const xmlChar *) name);
      if (e && e->value < 256)
        {
          g_string_append (out, name);
          g_string_append_c (out, ';');
          p = q;
        }
    }
}

/* Drops NULs and C0 controls other than tab, LF, FF and CR: browsers
 * ignore them and libxml2 may stop at a NUL. */
static char *
clean (GString *s, gsize *out_len)
{
  gsize w = 0;
  for (gsize r = 0; r < s->len; r++)
    {
      guint8 c = (guint8) s->str[r];
      if (c >= 0x20 || c == '\t' || c == '\n' || c == '\f' || c == '\r')
        s->str[w++] = (char) c;
    }
  g_string_truncate (s, w);
  if (!g_utf8_validate_len (s->str, s->len, NULL))
    {
      char *valid = g_utf8_make_valid (s->str, (gssize) s->len);
      g_string_free (s, TRUE);
      *out_len = strlen (valid);
      return valid;
    }
  *out_len = s->len;
  return g_string_free (s, FALSE);
}

char *
ps_html_decode (const guint8 *data, gsize len, gsize *out_len)
{
  Encoding enc = ENC_NONE;
  char label[64] = "";

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    enc = ENC_UTF8, data += 3, len -= 3;
  else if (len >= 2 && memcmp (data, "\xFF\xFE", 2) == 0)
    enc = ENC_UTF16LE, data += 2, len -= 2;
  else if (len >= 2 && memcmp (data, "\xFE\xFF", 2) == 0)
    enc = ENC_UTF16BE, data += 2, len -= 2;
  else if (len >= 4 && data[0] == '<' && data[1] == 0 && data[2] != 0 && data[3] == 0)
    enc = ENC_UTF16LE; /* UTF-16 without a BOM still starts with '<' */
  else if (len >= 4 && data[0] == 0 && data[1] == '<' && data[2] == 0 && data[3] != 0)
    enc = ENC_UTF16BE;
  else if (prescan (data, len, label, sizeof label))
    enc = encoding_for_label (label);

  if (enc == ENC_NONE || enc == ENC_UTF8 || enc == ENC_CP1252)
    {
      gsize multibyte, invalid;
      utf8_census (data, len, &multibyte, &invalid);
      if (enc == ENC_NONE)
        enc = invalid ? ENC_CP1252 : ENC_UTF8;
      /* A page saved from a server that sent UTF-8 often keeps a stale
       * Latin-1 <meta>; valid multi-byte UTF-8 is almost never Latin-1 text. */
      else if (enc == ENC_CP1252 && invalid == 0 && multibyte > 0)
        enc = ENC_UTF8;
      /* "UTF-8" declared over bytes with no valid multi-byte sequence at all:
       * a single-byte editor wrote it (Word's smart quotes, "£"). */
      else if (enc == ENC_UTF8 && invalid > 0 && multibyte == 0)
        enc = ENC_CP1252;
    }

  GString *text = g_string_sized_new (len + len / 8 + 16);
  switch (enc)
    {
    case ENC_UTF16LE:
    case ENC_UTF16BE:
      decode_utf16 (text, data, len, enc == ENC_UTF16LE);
      break;
    case ENC_CP1252:
      decode_cp1252 (text, data, len);
      break;
    case ENC_OTHER:
      if (decode_iconv (text, data, len, label))
        break;
      /* An unknown label: decide as if undeclared. */
      {
        gsize multibyte, invalid;
        utf8_census (data, len, &multibyte, &invalid);
        if (invalid)
          decode_cp1252 (text, data, len);
        else
          g_string_append_len (text, (const char *) data, (gssize) len);
      }
      break;
    default:
      g_string_append_len (text, (const char *) data, (gssize) len);
      break;
    }
  /* A BOM written again after conversion would reach the text. */
  if (text->len >= 3 && memcmp (text->str, "\xEF\xBB\xBF", 3) == 0)
    g_string_erase (text, 0, 3);

  GString *fixed = g_string_sized_new (text->len + 16);
  append_fixing_entities (fixed, text->str, text->len);
  g_string_free (text, TRUE);
  return clean (fixed, out_len);
}
