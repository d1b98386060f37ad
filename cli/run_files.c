/* run_files.c — output files written atomically: a temporary file in the
 * same folder, synced, then renamed over the target, so an interrupted run
 * leaves either the old file or the new one, never half of one. */
#include "run_private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#define LOCK_NAME ".plansift.lock"

struct RunFile
{
  char *path;
  char *tmp;
  int fd;
};

static void
set_errno_error (GError **error, int err, const char *path, const char *what)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err), "%s: %s: %s", path, what,
               g_strerror (err));
}

RunFile *
run_file_open (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  /* Hidden and ending in .tmp: never taken for output, and found again by
   * run_dir_remove_temps after a crash. */
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX.tmp", base);
  char *tmp = g_build_filename (dir, name, NULL);
  int fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_errno_error (error, errno, path, "cannot create");
      g_free (tmp);
      return NULL;
    }
  RunFile *file = g_new0 (RunFile, 1);
  file->path = g_strdup (path);
  file->tmp = tmp;
  file->fd = fd;
  return file;
}

gboolean
run_file_write (RunFile *file, const char *data, gsize len, GError **error)
{
  while (len > 0)
    {
      ssize_t n = write (file->fd, data, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          set_errno_error (error, n < 0 ? errno : EIO, file->path, "cannot write");
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static void
file_free (RunFile *file)
{
  g_free (file->path);
  g_free (file->tmp);
  g_free (file);
}

gboolean
run_file_sync (RunFile *file, GError **error)
{
  if (file->fd < 0)
    return TRUE;
  int err = 0;
  /* EINVAL: a file system that cannot sync (a pipe, some FUSE mounts). */
  if (fsync (file->fd) != 0 && errno != EINVAL)
    err = errno;
  if (close (file->fd) != 0 && !err)
    err = errno;
  file->fd = -1;
  if (err)
    set_errno_error (error, err, file->path, "cannot write");
  return err == 0;
}

gboolean
run_file_commit (RunFile *file, GError **error)
{
  gboolean ok = run_file_sync (file, error);
  if (ok && rename (file->tmp, file->path) != 0)
    {
      set_errno_error (error, errno, file->path, "cannot rename into place");
      ok = FALSE;
    }
  if (!ok)
    g_unlink (file->tmp);
  file_free (file);
  return ok;
}

void
run_file_abort (RunFile *file)
{
  if (!file)
    return;
  if (file->fd >= 0)
    close (file->fd);
  g_unlink (file->tmp);
  file_free (file);
}

gboolean
run_file_set_contents (const char *path, const char *data, gsize len, GError **error)
{
  RunFile *file = run_file_open (path, error);
  if (!file)
    return FALSE;
  if (!run_file_write (file, data, len, error))
    {
      run_file_abort (file);
      return FALSE;
    }
  return run_file_commit (file, error);
}

void
run_dir_sync (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  fsync (fd);
  close (fd);
}

void
run_dir_remove_temps (const char *dir)
{
  DIR *d = opendir (dir);
  if (!d)
    return;
  struct dirent *e;
  while ((e = readdir (d)))
    if (e->d_name[0] == '.' && g_str_has_suffix (e->d_name, ".tmp")
        && strcmp (e->d_name, LOCK_NAME) != 0)
      {
        g_autofree char *path = g_build_filename (dir, e->d_name, NULL);
        g_unlink (path);
      }
  closedir (d);
}

gboolean
run_dir_lock (const char *dir, GError **error)
{
  g_autofree char *path = g_build_filename (dir, LOCK_NAME, NULL);
  int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_errno_error (error, errno, path, "cannot create");
      return FALSE;
    }
  struct flock fl;
  memset (&fl, 0, sizeof fl);
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  if (fcntl (fd, F_SETLK, &fl) != 0)
    {
      int err = errno;
      close (fd);
      if (err == EACCES || err == EAGAIN)
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                     "%s: another 'plansift run' is writing to this folder", dir);
      else
        set_errno_error (error, err, path, "cannot lock");
      return FALSE;
    }
  /* The descriptor stays open: the lock lasts until the process exits. */
  return TRUE;
}
