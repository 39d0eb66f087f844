/* extsort.h — sorting more records than memory should hold.
 *
 * A record is a string of bytes (at most EXTSORT_MAX), and records are put
 * in the order of memcmp, a record that is the start of a longer one first
 * (so several fields make one key when each has a fixed width or ends with
 * a byte the field cannot hold).  Records are kept in memory up to a
 * budget; past it, that memory is sorted and written to a temporary file
 * as one run, and the runs are merged as they are read back.  The memory is
 * the budget while records are added, and a small buffer per run while
 * they are read: it does not grow with the number of records.
 *
 * The temporary file is made in $TMPDIR (else /tmp) and removed at once, so
 * nobody else can open it and it goes when the sort is freed (or the
 * program ends).
 *
 *   extsort *s = extsort_new(4 << 20);
 *   extsort_add(s, rec, n) ...           for each record
 *   extsort_finish(s);
 *   while (extsort_next(s, &rec, &n) == 1) ...
 *   extsort_free(&s);
 *
 * Every function but extsort_free returns -1 on failure and leaves the
 * reason (an errno value: ENOMEM, or what writing or reading the file
 * met) in extsort_error.  A sort is used by one thread at a time. */
#ifndef DD_EXTSORT_H
#define DD_EXTSORT_H

#include <stddef.h>

#define EXTSORT_MAX 1024

typedef struct extsort extsort;

/* A sort whose records take up to BUDGET bytes of memory (each record
 * takes its bytes and 6 more; a run holds one record at least).  NULL when
 * out of memory. */
extsort *extsort_new(size_t budget);
/* 0, or -1 (a record longer than EXTSORT_MAX is EINVAL). */
int extsort_add(extsort *s, const void *rec, size_t n);
/* No more records: ready for extsort_next.  0, -1. */
int extsort_finish(extsort *s);
/* The next record in order into *REC and *N (valid until the next call):
 * 1, 0 at the end, -1. */
int extsort_next(extsort *s, const void **rec, size_t *n);
/* The errno of the failure, 0 when there was none. */
int extsort_error(const extsort *s);
/* How many runs went to the temporary file (0: all stayed in memory). */
size_t extsort_runs(const extsort *s);
/* Frees S and clears *S; NULL is a no-op. */
void extsort_free(extsort **s);

#endif
