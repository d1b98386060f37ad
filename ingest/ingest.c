/* ingest.c — read bytes, fingerprint them, and hand them to the PDF or HTML
 * reader. */
#include "ps_ingest.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest_private.h"

G_DEFINE_QUARK (ps-ingest-error-quark, ps_ingest_error)

static gboolean
has_suffix_ci (const char *name, const char *suffix)
{
  gsize n = strlen (name), m = strlen (suffix);
  return n >= m && g_ascii_strcasecmp (name + n - m, suffix) == 0;
}

PsFormat
ps_ingest_sniff (const guint8 *data, gsize len, const char *name)
{
  /* PDF readers accept the header anywhere in the first KiB. */
  gsize scan = MIN (len, 1024);
  for (gsize i = 0; i + 5 <= scan; i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return PS_FORMAT_PDF;

  /* Skip a BOM and whitespace, then look for markup. */
  gsize i = 0;
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  else if (len >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    return PS_FORMAT_HTML;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i < len && data[i] == '<')
    {
      static const char *const tags[] = { "<!doctype html", "<html", "<head", "<body",
                                          "<table", "<!--", "<meta", "<title", "<h1",
                                          "<div", "<p", "<?xml" };
      for (gsize t = 0; t < G_N_ELEMENTS (tags); t++)
        {
          gsize tl = strlen (tags[t]);
          if (len - i >= tl && g_ascii_strncasecmp ((const char *) data + i, tags[t], tl) == 0)
            return PS_FORMAT_HTML;
        }
    }
  if (name && (has_suffix_ci (name, ".html") || has_suffix_ci (name, ".htm")
               || has_suffix_ci (name, ".xhtml")))
    {
      /* Text may be HTML without markup; bytes with NULs or other control
       * characters are binary junk with the wrong name. */
      gsize controls = 0, n = MIN (len, 4096);
      for (gsize k = 0; k < n; k++)
        if (data[k] == 0 || (data[k] < 0x20 && !g_ascii_isspace (data[k]) && data[k] != 0x1b))
          controls++;
      return controls * 100 > n ? PS_FORMAT_UNKNOWN : PS_FORMAT_HTML;
    }
  return PS_FORMAT_UNKNOWN;
}

PsDoc *
ps_ingest_bytes (GBytes *bytes, const char *source, const PsIngestOptions *opts,
                 GError **error)
{
  static const PsIngestOptions defaults = { 0 };
  if (!opts)
    opts = &defaults;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  if (len == 0)
    {
      g_set_error (error, PS_INGEST_ERROR, PS_INGEST_ERROR_EMPTY, "file is empty");
      return NULL;
    }
  if (opts->max_bytes && len > opts->max_bytes)
    {
      g_set_error (error, PS_INGEST_ERROR, PS_INGEST_ERROR_LIMIT,
                   "file is %" G_GSIZE_FORMAT " bytes, over the limit of %" G_GUINT64_FORMAT,
                   len, opts->max_bytes);
      return NULL;
    }
  PsFormat format = ps_ingest_sniff (data, len, source);
  if (format == PS_FORMAT_UNKNOWN)
    {
      g_set_error (error, PS_INGEST_ERROR, PS_INGEST_ERROR_FORMAT,
                   "not a PDF or HTML document");
      return NULL;
    }

  g_autoptr (PsDoc) doc = ps_doc_new ();
  doc->source = ps_doc_strdup (doc, source ? source : "<stdin>");
  doc->format = format;
  doc->bytes = len;
  g_autofree char *digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_strlcpy (doc->sha256, digest, sizeof doc->sha256);

  gboolean ok = format == PS_FORMAT_PDF ? ps_pdf_ingest (doc, bytes, opts, error)
                                        : ps_html_ingest (doc, bytes, opts, error);
  if (!ok)
    return NULL;
  return g_steal_pointer (&doc);
}

/* Reads a stream to its end: stdin, pipes, process substitution. */
static GBytes *
read_stream (int fd, GError **error)
{
  GByteArray *buf = g_byte_array_new ();
  guint8 chunk[65536];
  for (;;)
    {
      ssize_t n = read (fd, chunk, sizeof chunk);
      if (n == 0)
        break;
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          int saved = errno;
          g_byte_array_unref (buf);
          g_set_error (error, PS_INGEST_ERROR, PS_INGEST_ERROR_IO, "cannot read: %s",
                       g_strerror (saved));
          return NULL;
        }
      g_byte_array_append (buf, chunk, (guint) n);
    }
  return g_byte_array_free_to_bytes (buf);
}

/* A regular file is mapped, not copied: large PDFs cost no extra memory. */
GBytes *
ps_ingest_read (const char *path, GError **error)
{
  if (strcmp (path, "-") == 0)
    return read_stream (STDIN_FILENO, error);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, PS_INGEST_ERROR, PS_INGEST_ERROR_IO, "cannot open: %s",
                   g_strerror (saved));
      return NULL;
    }
  struct stat st;
  GBytes *bytes = NULL;
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, PS_INGEST_ERROR, PS_INGEST_ERROR_IO, "cannot read: %s",
                   g_strerror (saved));
    }
  else if (S_ISDIR (st.st_mode))
    g_set_error (error, PS_INGEST_ERROR, PS_INGEST_ERROR_IO, "is a directory");
  else if (!S_ISREG (st.st_mode))
    bytes = read_stream (fd, error);
  else if (st.st_size == 0)
    bytes = g_bytes_new (NULL, 0);
  else
    {
      g_autoptr (GError) local = NULL;
      GMappedFile *map = g_mapped_file_new_from_fd (fd, FALSE, &local);
      if (!map)
        g_set_error (error, PS_INGEST_ERROR, PS_INGEST_ERROR_IO, "cannot read: %s",
                     local->message);
      else
        {
          bytes = g_mapped_file_get_bytes (map);
          g_mapped_file_unref (map);
        }
    }
  close (fd);
  return bytes;
}

PsDoc *
ps_ingest_file (const char *path, const PsIngestOptions *opts, GError **error)
{
  g_autoptr (GBytes) bytes = ps_ingest_read (path, error);
  if (!bytes)
    return NULL;
  return ps_ingest_bytes (bytes, strcmp (path, "-") == 0 ? "<stdin>" : path, opts, error);
}
