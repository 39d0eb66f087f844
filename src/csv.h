/* csv.h — reading a spreadsheet saved as CSV, record by record.
 *
 * The CSV grammar (quoted fields, commas, doubled quotes and line breaks
 * inside quotes, CRLF, LF or CR line ends) is libcsv's; this module adds the
 * encodings and the line numbers.
 *
 * Encoding, detected from the bytes, never asked:
 *   - UTF-8 with a BOM: the BOM is dropped;
 *   - UTF-8 without a BOM: when the whole input is valid UTF-8;
 *   - otherwise the input is read through once more and two things are
 *     counted over all of it: the bytes that are not UTF-8 (each byte that
 *     starts no valid UTF-8 character, or starts one cut off by the end of
 *     the input, is one) and the bytes that start no GB18030 sequence (a
 *     sequence is one byte 0x00-0x7F; two bytes, a lead 0x81-0xFE and a
 *     trail 0x40-0x7E or 0x80-0xFE; or four bytes 0x81-0xFE, 0x30-0x39,
 *     0x81-0xFE, 0x30-0x39; after a bad byte the count goes on from the
 *     next one).  UTF-8 when its count is not larger than GB18030's (a tie
 *     is UTF-8), or when its well-formed multi-byte characters are at least
 *     ten times its bad bytes; else GB18030 (a superset of GBK and GB2312),
 *     converted to UTF-8 with iconv.  So one stray byte in a long UTF-8 file
 *     leaves it UTF-8 (even one that GB18030 would pair with the letter
 *     after it), and a GBK file, where almost every Chinese character is
 *     bad UTF-8, stays GBK even with a stray byte of its own;
 *   - either way, bytes that are not text in the encoding chosen become
 *     U+FFFD and the record that holds them says so (CSV_REC_BAD_BYTES,
 *     with the line, the column and the first such byte).
 *   - A UTF-16 file (with its BOM, as "Unicode text" saves it) is refused
 *     when opened, with what to do instead.
 * A file is read in chunks: once to check the encoding (twice when it is
 * not all valid UTF-8) and once to parse; nothing is held whole in memory.
 *
 * Records come out in UTF-8, each with the line where it starts as a text
 * editor counts lines (LF, CRLF and a lone CR each end one line), so a
 * record after a quoted field with line breaks starts further down.  Blank
 * lines (empty or only spaces) are not records and are skipped wherever
 * they are.  libcsv drops spaces and tabs around unquoted fields.
 *
 * Ownership: the reader owns the record it hands out; the record (its
 * fields and their text) is valid until the next csv_reader_next or
 * csv_reader_close.  All functions prefixed csv_reader_ to stay clear of
 * libcsv's own csv_ names. */
#ifndef DD_CSV_H
#define DD_CSV_H

#include <stdbool.h>
#include <stddef.h>

typedef struct csv_reader csv_reader;

enum csv_encoding {
    CSV_ENC_UTF8,     /* UTF-8 without BOM (includes plain ASCII) */
    CSV_ENC_UTF8_BOM, /* UTF-8 with BOM */
    CSV_ENC_GB18030,  /* GB18030 / GBK, converted */
};

/* What is wrong with a record, if anything (the record is still handed out
 * so the caller can report it with its line and go on). */
enum csv_rec_problem {
    CSV_REC_OK = 0,
    CSV_REC_BAD_BYTES,      /* bytes that are not text in the detected encoding */
    CSV_REC_UNCLOSED_QUOTE, /* a quoted field runs to the end of the input */
};

struct csv_record {
    char **field;   /* NFIELDS NUL-terminated UTF-8 strings */
    size_t *len;    /* their lengths in bytes */
    size_t nfields;
    long line;      /* 1-based line where the record starts */
    enum csv_rec_problem problem;
    long problem_line; /* the line of the problem (the first bad byte) */
    /* CSV_REC_BAD_BYTES: the first bad byte of the record as it is in the
     * input (for GB18030, the first byte iconv refused), and its column on
     * PROBLEM_LINE, 1-based, as a text editor counts: every character before
     * it on that line counts 1, a bad byte replaced by U+FFFD too.  Both 0
     * for other problems and for none. */
    unsigned char problem_byte;
    long problem_column;
};

/* Opens PATH.  NULL with a reason for the person in ERR (translated). */
csv_reader *csv_reader_open_file(const char *path, char *err, size_t errsz);

/* Reads from BUF (LEN bytes), which must outlive the reader; not copied. */
csv_reader *csv_reader_open_mem(const char *buf, size_t len, char *err, size_t errsz);

/* Back to the start of the input, to read it again as the first time
 * (the encoding found then is kept: it is not looked for again).  0, or -1
 * when the reader had failed or is out of memory; a read that fails after
 * it says so as any read does. */
int csv_reader_rewind(csv_reader *r);

/* Bytes read per chunk (default 64 KiB; at least 1).  For tests, to put
 * chunk edges inside multi-byte characters and line ends.  Call before the
 * first csv_reader_next. */
void csv_reader_set_chunk_size(csv_reader *r, size_t n);

enum csv_encoding csv_reader_encoding(const csv_reader *r);
const char *csv_encoding_name(enum csv_encoding e); /* "UTF-8", "UTF-8 with BOM", "GB18030" */

/* The next record into *REC: 1 a record, 0 the end, -1 a failure that stops
 * the reading (a read error, out of memory): csv_reader_error says why. */
int csv_reader_next(csv_reader *r, struct csv_record *rec);

const char *csv_reader_error(const csv_reader *r);

/* Bytes of the input consumed so far and in all (for a progress bar). */
long long csv_reader_bytes_done(const csv_reader *r);
long long csv_reader_bytes_total(const csv_reader *r);

/* Closes *R and sets it to NULL; NULL is a no-op. */
void csv_reader_close(csv_reader **r);

#endif
