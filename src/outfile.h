/* outfile.h — the files the commands write (exports, backups, summaries).
 *
 * Nothing the program writes may land on the database: not on its file,
 * not on its side files (-wal, -shm, -journal, -busy), whether DEST names
 * one of them directly, through a symbolic link, or is a hard link to one.
 * And nothing replaces a file that is there already unless the person said
 * so (--force on the command line, a question on the screen).
 *
 * A file is written to a temporary file beside DEST (mode 0600: these
 * files hold personal data) and put in place only once complete and synced,
 * so a failed write never leaves half a file under DEST's name.  Without
 * REPLACE the temporary file is linked to DEST, which fails if DEST came
 * into being meanwhile (on a file system without hard links, a USB stick,
 * DEST is checked once more and renamed to). */
#ifndef DD_OUTFILE_H
#define DD_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* May DEST be written, for a program working on the database DB_PATH (NULL:
 * none)?  0, or -1 with the reason, translated, in ERR: DEST is the
 * database or one of its side files; DEST is a folder; DEST exists and
 * REPLACE is false (the reason says to add --force: the command line's
 * word; the interface asks first and passes REPLACE).  *EXISTS (may be
 * NULL) says whether DEST exists. */
int outfile_check(const char *db_path, const char *dest, bool replace, bool *exists, char *err,
                  size_t errsz);

struct outfile {
    FILE *f;           /* write here */
    char tmp[4200];    /* the temporary file beside DEST */
    char dest[4096];
    bool replace;
};

/* Checks DEST (outfile_check) and opens its temporary file.  0, or -1 with
 * ERR. */
int outfile_open(struct outfile *o, const char *db_path, const char *dest, bool replace,
                 char *err, size_t errsz);
/* Flushes, syncs and closes the file, then puts it in place.  0, or -1 with
 * ERR (the temporary file is removed; DEST is as it was). */
int outfile_commit(struct outfile *o, char *err, size_t errsz);
/* Drops the temporary file; DEST is as it was.  Harmless after a commit. */
void outfile_abort(struct outfile *o);

#endif
