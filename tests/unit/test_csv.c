/* Tests of src/csv.c: encodings, BOM, line ends, quotes, line numbers,
 * ragged rows and reading in small chunks. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/csv.h"

#define MAXREC 16
#define MAXF 8

/* What a reader gave, copied out so the tests can look at all of it. */
struct got {
    int n;
    long line[MAXREC];
    size_t nf[MAXREC];
    char f[MAXREC][MAXF][64];
    int problem[MAXREC];
    long problem_line[MAXREC];
    unsigned char problem_byte[MAXREC];
    long problem_column[MAXREC];
    int enc;
};

static void drain(csv_reader *r, struct got *g)
{
    struct csv_record rec;
    int rc;

    memset(g, 0, sizeof *g);
    g->enc = csv_reader_encoding(r);
    while ((rc = csv_reader_next(r, &rec)) == 1) {
        cr_assert_lt(g->n, MAXREC);
        g->line[g->n] = rec.line;
        g->nf[g->n] = rec.nfields;
        g->problem[g->n] = rec.problem;
        g->problem_line[g->n] = rec.problem_line;
        g->problem_byte[g->n] = rec.problem_byte;
        g->problem_column[g->n] = rec.problem_column;
        for (size_t i = 0; i < rec.nfields && i < MAXF; i++) {
            cr_assert_eq(strlen(rec.field[i]), rec.len[i]);
            snprintf(g->f[g->n][i], sizeof g->f[g->n][i], "%s", rec.field[i]);
        }
        g->n++;
    }
    cr_assert_eq(rc, 0, "reader failed: %s", csv_reader_error(r));
}

/* Reads BUF with the given chunk size (0: the default). */
static void read_mem(const char *buf, size_t len, size_t chunk, struct got *g)
{
    char err[256] = "";
    csv_reader *r = csv_reader_open_mem(buf, len, err, sizeof err);

    cr_assert_not_null(r, "open: %s", err);
    if (chunk)
        csv_reader_set_chunk_size(r, chunk);
    drain(r, g);
    csv_reader_close(&r);
    cr_assert_null(r);
}

/* The same input must read the same whatever the chunk size: the edges fall
 * inside multi-byte characters, CRLF pairs and quoted fields. */
static const size_t chunks[] = {0, 1, 2, 3, 5, 7};
#define NCHUNKS (sizeof chunks / sizeof chunks[0])

#define S(lit) (lit), (sizeof(lit) - 1)

/* ---- encodings --------------------------------------------------------- */

Test(csv, utf8_without_bom)
{
    struct got g;
    for (size_t c = 0; c < NCHUNKS; c++) {
        read_mem(S("姓名,电话\n张三,13912347788\n䶮𠮷·王,\n"), chunks[c], &g);
        cr_assert_eq(g.enc, CSV_ENC_UTF8);
        cr_assert_eq(g.n, 3);
        cr_assert_str_eq(g.f[0][0], "姓名");
        cr_assert_str_eq(g.f[1][0], "张三");
        cr_assert_str_eq(g.f[1][1], "13912347788");
        cr_assert_str_eq(g.f[2][0], "䶮𠮷·王");
        cr_assert_eq(g.nf[2], 2);
        cr_assert_str_eq(g.f[2][1], "");
        cr_assert_eq(g.line[2], 3);
    }
}

Test(csv, utf8_bom_is_dropped)
{
    struct got g;
    for (size_t c = 0; c < NCHUNKS; c++) {
        read_mem(S("\xEF\xBB\xBF姓名,性别\r\n张三,男\r\n"), chunks[c], &g);
        cr_assert_eq(g.enc, CSV_ENC_UTF8_BOM);
        cr_assert_eq(g.n, 2);
        cr_assert_str_eq(g.f[0][0], "姓名", "chunk %zu", chunks[c]);
        cr_assert_eq(strlen(g.f[0][0]), 6);
        cr_assert_str_eq(g.f[1][1], "男");
    }
}

Test(csv, gb18030_is_converted)
{
    /* 姓名,电话 / 张三,139... / 䶮 (FE 9F) and 𠮷 (a four-byte sequence) */
    static const char gb[] = "\xd0\xd5\xc3\xfb,\xb5\xe7\xbb\xb0\r\n"
                             "\xd5\xc5\xc8\xfd,13912347788\r\n"
                             "\xfe\x9f\x95\x34\xb2\x35,\r\n";
    struct got g;
    for (size_t c = 0; c < NCHUNKS; c++) {
        read_mem(gb, sizeof gb - 1, chunks[c], &g);
        cr_assert_eq(g.enc, CSV_ENC_GB18030);
        cr_assert_eq(g.n, 3);
        cr_assert_str_eq(g.f[0][0], "姓名");
        cr_assert_str_eq(g.f[0][1], "电话");
        cr_assert_str_eq(g.f[1][0], "张三", "chunk %zu", chunks[c]);
        cr_assert_str_eq(g.f[2][0], "䶮𠮷", "chunk %zu", chunks[c]);
        cr_assert_eq(g.problem[2], CSV_REC_OK);
        cr_assert_eq(g.line[2], 3);
    }
}

Test(csv, gb18030_detected_by_a_late_byte)
{
    /* Plain ASCII for many lines, then one GBK name: the whole input is
     * checked, not only its beginning. */
    char buf[200000];
    size_t n = 0;
    for (int i = 0; i < 10000; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "a%d,b\n", i);
    n += (size_t)snprintf(buf + n, sizeof buf - n, "\xd5\xc5\xc8\xfd,x\n");

    char err[256];
    csv_reader *r = csv_reader_open_mem(buf, n, err, sizeof err);
    cr_assert_not_null(r);
    cr_assert_eq(csv_reader_encoding(r), CSV_ENC_GB18030);
    struct csv_record rec;
    long count = 0, last_line = 0;
    char last[32] = "";
    while (csv_reader_next(r, &rec) == 1) {
        count++;
        last_line = rec.line;
        snprintf(last, sizeof last, "%s", rec.field[0]);
    }
    cr_assert_eq(count, 10001);
    cr_assert_eq(last_line, 10001);
    cr_assert_str_eq(last, "张三");
    csv_reader_close(&r);
}

Test(csv, bytes_not_in_gb18030_are_reported_with_their_line)
{
    /* 0xFF is no GB18030 lead byte; 0x80 neither. */
    static const char gb[] = "\xd0\xd5\xc3\xfb,x\n"
                             "\xd5\xc5\xc8\xfd,1\n"
                             "a\xff,2\n"
                             "b,\"q\n\x80\"\n"
                             "c,3\n";
    struct got g;
    for (size_t c = 0; c < NCHUNKS; c++) {
        read_mem(gb, sizeof gb - 1, chunks[c], &g);
        cr_assert_eq(g.enc, CSV_ENC_GB18030);
        cr_assert_eq(g.n, 5);
        cr_assert_eq(g.problem[1], CSV_REC_OK);
        cr_assert_eq(g.problem[2], CSV_REC_BAD_BYTES);
        cr_assert_eq(g.problem_line[2], 3);
        cr_assert_str_eq(g.f[2][0], "a\xEF\xBF\xBD");
        cr_assert_eq(g.problem[3], CSV_REC_BAD_BYTES);
        cr_assert_eq(g.line[3], 4);
        cr_assert_eq(g.problem_line[3], 5, "the bad byte is on the second line of the record");
        cr_assert_eq(g.problem[4], CSV_REC_OK);
        cr_assert_eq(g.line[4], 6);
    }
}

Test(csv, bad_utf8_after_a_bom_is_reported)
{
    struct got g;
    read_mem(S("\xEF\xBB\xBFname\nok\nbad\xC3(\n"), 0, &g);
    cr_assert_eq(g.enc, CSV_ENC_UTF8_BOM);
    cr_assert_eq(g.n, 3);
    cr_assert_eq(g.problem[1], CSV_REC_OK);
    cr_assert_eq(g.problem[2], CSV_REC_BAD_BYTES);
    cr_assert_eq(g.problem_line[2], 3);
    cr_assert_str_eq(g.f[2][0], "bad\xEF\xBF\xBD(");
}

/* ---- encoding on evidence, and where a bad byte is ------------------------ */

/* Asserts that record I of G has a bad byte BYTE at LINE and COLUMN. */
#define assert_bad_at(g, i, ln, col, byte, c)                                                \
    do {                                                                                     \
        cr_assert_eq((g).problem[i], CSV_REC_BAD_BYTES, "record %d, chunk %zu", (i), (c));  \
        cr_assert_eq((g).problem_line[i], (ln), "record %d, chunk %zu", (i), (c));          \
        cr_assert_eq((g).problem_column[i], (col), "record %d, chunk %zu: column %ld", (i), \
                     (c), (g).problem_column[i]);                                            \
        cr_assert_eq((g).problem_byte[i], (byte), "record %d, chunk %zu: byte %#x", (i),    \
                     (c), (g).problem_byte[i]);                                              \
    } while (0)

Test(csv, one_bad_byte_leaves_a_long_utf8_file_utf8)
{
    /* 200,000 lines of Chinese UTF-8; line 100,001 has a 0xA0 in the middle
     * of its second field.  Every line but that one is also bad GB18030 (幢
     * is three bytes, and the line break after its third byte cannot trail
     * it), so the one bad UTF-8 byte must not decide the encoding. */
    enum { ROWS = 200000, BAD_LINE = 100001 };
    size_t cap = (size_t)ROWS * 40, n = 0;
    char *buf = malloc(cap);
    cr_assert_not_null(buf);
    for (int i = 1; i <= ROWS; i++)
        n += (size_t)snprintf(buf + n, cap - n, "张三%d,大美%s南苑,12幢\n", i,
                              i == BAD_LINE ? "\xA0" : "");

    char err[256] = "";
    csv_reader *r = csv_reader_open_mem(buf, n, err, sizeof err);
    cr_assert_not_null(r, "open: %s", err);
    cr_assert_eq(csv_reader_encoding(r), CSV_ENC_UTF8);
    struct csv_record rec;
    long count = 0;
    while (csv_reader_next(r, &rec) == 1) {
        char want[32];
        count++;
        snprintf(want, sizeof want, "张三%ld", count);
        cr_assert_eq(rec.line, count);
        cr_assert_eq(rec.nfields, 3, "line %ld", count);
        cr_assert_str_eq(rec.field[0], want);
        cr_assert_str_eq(rec.field[2], "12幢");
        if (count != BAD_LINE) {
            cr_assert_eq(rec.problem, CSV_REC_OK, "line %ld", count);
            cr_assert_str_eq(rec.field[1], "大美南苑");
            continue;
        }
        cr_assert_eq(rec.problem, CSV_REC_BAD_BYTES);
        cr_assert_eq(rec.problem_line, BAD_LINE);
        cr_assert_eq(rec.problem_byte, 0xA0);
        /* 张三100001, is 9 characters and 大美 2 more: the byte is the 12th. */
        cr_assert_eq(rec.problem_column, 12);
        cr_assert_str_eq(rec.field[1], "大美\xEF\xBF\xBD南苑");
    }
    cr_assert_eq(count, ROWS, "reader failed: %s", csv_reader_error(r));
    csv_reader_close(&r);
    free(buf);
}

Test(csv, bad_utf8_bytes_have_their_line_and_column_whatever_the_chunks)
{
    /* Bad bytes right after a Chinese character, at the start of a line,
     * on the second line of a quoted field (after a CRLF) and a character
     * cut off by the end of the input.  Five bytes are bad as UTF-8 and five
     * as GB18030: a tie, which is UTF-8. */
    static const char in[] = "姓名,地址\n"
                             "张三,大美南苑\n"
                             "李四\xA0,12幢\r\n"
                             "\xA0王五,x\n"
                             "孙七,\"甲\r\n乙\xA0丙\"\n"
                             "赵六,y\n"
                             "周八,\xE5\xBC";
    struct got g;
    for (size_t c = 0; c < NCHUNKS; c++) {
        read_mem(in, sizeof in - 1, chunks[c], &g);
        cr_assert_eq(g.enc, CSV_ENC_UTF8);
        cr_assert_eq(g.n, 7, "chunk %zu", chunks[c]);
        for (int i = 0; i < 2; i++) {
            cr_assert_eq(g.problem[i], CSV_REC_OK);
            cr_assert_eq(g.problem_column[i], 0);
            cr_assert_eq(g.problem_byte[i], 0);
        }
        cr_assert_str_eq(g.f[1][1], "大美南苑", "chunk %zu", chunks[c]);
        assert_bad_at(g, 2, 3, 3, 0xA0, chunks[c]);
        cr_assert_str_eq(g.f[2][0], "李四\xEF\xBF\xBD", "chunk %zu", chunks[c]);
        assert_bad_at(g, 3, 4, 1, 0xA0, chunks[c]);
        cr_assert_eq(g.line[4], 5);
        assert_bad_at(g, 4, 6, 2, 0xA0, chunks[c]);
        cr_assert_str_eq(g.f[4][1], "甲\r\n乙\xEF\xBF\xBD丙", "chunk %zu", chunks[c]);
        cr_assert_eq(g.problem[5], CSV_REC_OK);
        cr_assert_eq(g.line[5], 7);
        assert_bad_at(g, 6, 8, 4, 0xE5, chunks[c]);
        cr_assert_str_eq(g.f[6][1], "\xEF\xBF\xBD\xEF\xBF\xBD", "chunk %zu", chunks[c]);
    }
}

Test(csv, gb18030_with_a_bad_byte_stays_gb18030)
{
    /* 姓名,电话 / 张三,1 / 李四 and a lone 0x80 / a 0xFF before 王五 /
     * 䶮𠮷 (two and four bytes) and a 0x80: three bad GB18030 bytes, and
     * many more bad UTF-8 ones. */
    static const char gb[] = "\xd0\xd5\xc3\xfb,\xb5\xe7\xbb\xb0\r\n"
                             "\xd5\xc5\xc8\xfd,1\r\n"
                             "\xc0\xee\xcb\xc4\x80,2\r\n"
                             "\xff\xcd\xf5\xce\xe5,3\r\n"
                             "\xfe\x9f\x95\x34\xb2\x35\x80,4\r\n";
    struct got g;
    for (size_t c = 0; c < NCHUNKS; c++) {
        read_mem(gb, sizeof gb - 1, chunks[c], &g);
        cr_assert_eq(g.enc, CSV_ENC_GB18030);
        cr_assert_eq(g.n, 5);
        cr_assert_str_eq(g.f[0][1], "电话");
        cr_assert_eq(g.problem[1], CSV_REC_OK);
        assert_bad_at(g, 2, 3, 3, 0x80, chunks[c]);
        cr_assert_str_eq(g.f[2][0], "李四\xEF\xBF\xBD", "chunk %zu", chunks[c]);
        assert_bad_at(g, 3, 4, 1, 0xFF, chunks[c]);
        cr_assert_str_eq(g.f[3][0], "\xEF\xBF\xBD王五", "chunk %zu", chunks[c]);
        assert_bad_at(g, 4, 5, 3, 0x80, chunks[c]);
        cr_assert_str_eq(g.f[4][0], "䶮𠮷\xEF\xBF\xBD", "chunk %zu", chunks[c]);
    }
}

Test(csv, ascii_with_one_stray_byte_is_utf8)
{
    /* A no-break space from a Latin-1 program: one bad byte in either
     * encoding (a space cannot trail a GB18030 lead), so UTF-8. */
    struct got g;
    for (size_t c = 0; c < NCHUNKS; c++) {
        read_mem(S("name,room\nZhang,101\nLi,Room\xA0 2\nWang,102\n"), chunks[c], &g);
        cr_assert_eq(g.enc, CSV_ENC_UTF8);
        cr_assert_eq(g.n, 4);
        cr_assert_eq(g.problem[1], CSV_REC_OK);
        assert_bad_at(g, 2, 3, 8, 0xA0, chunks[c]);
        cr_assert_str_eq(g.f[2][1], "Room\xEF\xBF\xBD 2");
        cr_assert_eq(g.problem[3], CSV_REC_OK);
        cr_assert_str_eq(g.f[3][0], "Wang");
    }
}

/* Writes N bytes of BUF to a new temporary file; its path into PATH. */
static void write_temp(char *path, const char *buf, size_t n)
{
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, buf, n), (ssize_t)n);
    close(fd);
}

/* ASCII lines that fill BUF to exactly AT bytes. */
static size_t pad_to(char *buf, size_t at)
{
    size_t n = 0;
    while (n + 40 < at)
        n += (size_t)sprintf(buf + n, "abcdefghijklmnopqrstuvwxy\n");
    memset(buf + n, 'z', at - n - 1);
    buf[at - 1] = '\n';
    return at;
}

/* Reads the file of N bytes of BUF, whose ASCII padding is PAD bytes long:
 * the encoding must be ENC, the first record after the padding FIRST, and
 * the next one must start with a stray 0x80. */
static void check_edge_file(const char *buf, size_t n, size_t pad, int enc, const char *first)
{
    char path[] = "/tmp/dd-test-csv-XXXXXX", err[256] = "";
    long line = 1;
    for (size_t i = 0; i < pad; i++)
        line += buf[i] == '\n';

    write_temp(path, buf, n);
    csv_reader *r = csv_reader_open_file(path, err, sizeof err);
    cr_assert_not_null(r, "open: %s", err);
    cr_assert_eq(csv_reader_encoding(r), enc, "padding %zu", pad);
    struct csv_record rec;
    do
        cr_assert_eq(csv_reader_next(r, &rec), 1);
    while (rec.line < line);
    cr_assert_str_eq(rec.field[0], first, "padding %zu", pad);
    cr_assert_eq(rec.problem, CSV_REC_OK, "padding %zu", pad);
    cr_assert_eq(csv_reader_next(r, &rec), 1);
    cr_assert_eq(rec.problem, CSV_REC_BAD_BYTES);
    cr_assert_eq(rec.problem_line, line + 1);
    cr_assert_eq(rec.problem_column, 1);
    cr_assert_eq(rec.problem_byte, 0x80);
    csv_reader_close(&r);
    unlink(path);
}

/* The chunk the reader reads a file in to find its encoding (DEFAULT_CHUNK
 * in src/csv.c). */
#define DETECT_CHUNK (64 * 1024)

Test(csv, encoding_counts_carry_characters_across_chunk_edges)
{
    /* A character across the edge of the first chunk, at each of its bytes.
     * The counts differ by at most one, so a character counted bad because
     * it was cut would change the answer.  UTF-8 张三 then a stray 0x80: one
     * bad byte in either encoding, a tie, so UTF-8.  GB18030 𠮷 (four
     * bytes), a stray 0x80, then a UTF-8 张: three bad bytes as UTF-8, two
     * as GB18030. */
    static char buf[DETECT_CHUNK + 64];
    for (size_t pad = DETECT_CHUNK - 6; pad <= DETECT_CHUNK; pad++) {
        size_t n = pad_to(buf, pad);
        n += (size_t)sprintf(buf + n, "%s", "张三\n\x80,b\n");
        check_edge_file(buf, n, pad, CSV_ENC_UTF8, "张三");
        n = pad_to(buf, pad);
        n += (size_t)sprintf(buf + n, "%s", "\x95\x34\xb2\x35\n\x80,b\n张\n");
        check_edge_file(buf, n, pad, CSV_ENC_GB18030, "𠮷");
    }
}

Test(csv, utf16_is_refused_with_advice)
{
    char err[512] = "";
    csv_reader *r = csv_reader_open_mem("\xFF\xFEn\0a\0", 6, err, sizeof err);
    cr_assert_null(r);
    cr_assert(strstr(err, "UTF-16") != NULL, "%s", err);
    cr_assert(strstr(err, "CSV UTF-8") != NULL, "%s", err);
}

Test(csv, encoding_names)
{
    cr_assert_str_eq(csv_encoding_name(CSV_ENC_UTF8), "UTF-8");
    cr_assert_str_eq(csv_encoding_name(CSV_ENC_UTF8_BOM), "UTF-8 with BOM");
    cr_assert_str_eq(csv_encoding_name(CSV_ENC_GB18030), "GB18030");
}

/* ---- line ends and line numbers ---------------------------------------------- */

Test(csv, crlf_lf_and_cr_each_end_one_line)
{
    struct got g;
    for (size_t c = 0; c < NCHUNKS; c++) {
        read_mem(S("h1,h2\r\na,b\nc,d\re,f\r\ng,h"), chunks[c], &g);
        cr_assert_eq(g.n, 5);
        for (int i = 0; i < 5; i++) {
            cr_assert_eq(g.line[i], i + 1, "record %d, chunk %zu", i, chunks[c]);
            cr_assert_eq(g.nf[i], 2);
        }
        cr_assert_str_eq(g.f[1][1], "b");
        cr_assert_str_eq(g.f[3][0], "e");
        cr_assert_str_eq(g.f[4][1], "h", "the last record has no line end");
    }
}

Test(csv, blank_lines_are_skipped_and_counted)
{
    struct got g;
    for (size_t c = 0; c < NCHUNKS; c++) {
        read_mem(S("h\r\n\r\n   \r\na\r\n\nb\r\n\r\n\r\n\n"), chunks[c], &g);
        cr_assert_eq(g.n, 3, "chunk %zu", chunks[c]);
        cr_assert_eq(g.line[0], 1);
        cr_assert_str_eq(g.f[1][0], "a");
        cr_assert_eq(g.line[1], 4);
        cr_assert_str_eq(g.f[2][0], "b");
        cr_assert_eq(g.line[2], 6);
    }
}

Test(csv, empty_input_has_no_records)
{
    struct got g;
    read_mem("", 0, 0, &g);
    cr_assert_eq(g.n, 0);
    read_mem(S("\xEF\xBB\xBF"), 0, &g);
    cr_assert_eq(g.n, 0);
    read_mem(S("\r\n\r\n"), 1, &g);
    cr_assert_eq(g.n, 0);
}

/* ---- quotes ------------------------------------------------------------------ */

Test(csv, quoted_commas_quotes_and_line_breaks)
{
    static const char in[] = "姓名,备注,电话\r\n"
                             "张三,\"住一楼, 腿脚不便\",139\r\n"
                             "李四,\"他说\"\"今天不在\"\"\",138\r\n"
                             "王五,\"第一行\r\n第二行\n第三行\",137\r\n"
                             "赵六,,136\r\n";
    struct got g;
    for (size_t c = 0; c < NCHUNKS; c++) {
        read_mem(in, sizeof in - 1, chunks[c], &g);
        cr_assert_eq(g.n, 5);
        cr_assert_str_eq(g.f[1][1], "住一楼, 腿脚不便");
        cr_assert_str_eq(g.f[2][1], "他说\"今天不在\"");
        cr_assert_str_eq(g.f[3][1], "第一行\r\n第二行\n第三行");
        cr_assert_eq(g.nf[3], 3);
        cr_assert_str_eq(g.f[3][2], "137");
        cr_assert_eq(g.line[3], 4);
        cr_assert_eq(g.line[4], 7, "after a field of three lines, chunk %zu", chunks[c]);
        cr_assert_str_eq(g.f[4][0], "赵六");
        cr_assert_str_eq(g.f[4][1], "");
    }
}

Test(csv, quoted_field_opening_a_record_on_several_lines)
{
    struct got g;
    for (size_t c = 0; c < NCHUNKS; c++) {
        read_mem(S("h\n\"a\n\nb\",x\ny,z\n"), chunks[c], &g);
        cr_assert_eq(g.n, 3);
        cr_assert_eq(g.line[1], 2);
        cr_assert_str_eq(g.f[1][0], "a\n\nb");
        cr_assert_eq(g.line[2], 5);
    }
}

Test(csv, unclosed_quote_is_reported_at_its_record)
{
    struct got g;
    read_mem(S("h,i\na,b\nc,\"never closed\nd,e\n"), 0, &g);
    cr_assert_eq(g.n, 3);
    cr_assert_eq(g.problem[1], CSV_REC_OK);
    cr_assert_eq(g.problem[2], CSV_REC_UNCLOSED_QUOTE);
    cr_assert_eq(g.problem_line[2], 3);
    cr_assert_eq(g.line[2], 3);
}

Test(csv, ragged_rows_keep_their_own_field_count)
{
    struct got g;
    read_mem(S("a,b,c\n1,2\n1,2,3,4\n\"x,y\"\n"), 0, &g);
    cr_assert_eq(g.n, 4);
    cr_assert_eq(g.nf[0], 3);
    cr_assert_eq(g.nf[1], 2);
    cr_assert_eq(g.nf[2], 4);
    cr_assert_str_eq(g.f[2][3], "4");
    cr_assert_eq(g.nf[3], 1);
    cr_assert_str_eq(g.f[3][0], "x,y");
}

/* ---- files --------------------------------------------------------------------- */

Test(csv, missing_file_names_it)
{
    char err[512] = "";
    csv_reader *r = csv_reader_open_file("/nonexistent/dir/residents.csv", err, sizeof err);
    cr_assert_null(r);
    cr_assert(strstr(err, "/nonexistent/dir/residents.csv") != NULL, "%s", err);
}

Test(csv, large_file_read_in_chunks)
{
    char path[] = "/tmp/dd-test-csv-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    /* GB18030 so the conversion path and its carry-over are exercised on a
     * file much larger than a chunk. */
    fputs("\xd0\xd5\xc3\xfb,n\r\n", f);
    for (int i = 0; i < 50000; i++) {
        if (i % 1000 == 0)
            fprintf(f, "\"\xd5\xc5\xc8\xfd\r\n%d\",%d\r\n", i, i);
        else
            fprintf(f, "\xd5\xc5\xc8\xfd%d,%d\r\n", i, i);
    }
    fclose(f);

    char err[256];
    csv_reader *r = csv_reader_open_file(path, err, sizeof err);
    cr_assert_not_null(r, "%s", err);
    cr_assert_eq(csv_reader_encoding(r), CSV_ENC_GB18030);
    struct csv_record rec;
    long count = 0, expect_line = 1;
    while (csv_reader_next(r, &rec) == 1) {
        cr_assert_eq(rec.line, expect_line, "record %ld", count);
        cr_assert_eq(rec.nfields, 2);
        cr_assert_eq(rec.problem, CSV_REC_OK);
        if (count > 0) {
            long i = count - 1;
            char want[32];
            snprintf(want, sizeof want, i % 1000 == 0 ? "张三\r\n%ld" : "张三%ld", i);
            cr_assert_str_eq(rec.field[0], want);
            expect_line += i % 1000 == 0 ? 2 : 1;
        } else {
            cr_assert_str_eq(rec.field[0], "姓名");
            expect_line++;
        }
        count++;
    }
    cr_assert_eq(count, 50001);
    cr_assert_eq(csv_reader_bytes_done(r), csv_reader_bytes_total(r));
    cr_assert_gt(csv_reader_bytes_total(r), 500000);
    csv_reader_close(&r);
    unlink(path);
}

/* ---- reading again ------------------------------------------------------ */

/* Read to the end (or half-way), rewound, read again: the same records, in
 * the encoding found the first time. */
static void check_rewind(const char *buf, size_t len, int enc)
{
    for (size_t c = 0; c < NCHUNKS; c++) {
        char err[256] = "";
        struct got first, again;
        struct csv_record rec;
        csv_reader *r = csv_reader_open_mem(buf, len, err, sizeof err);

        cr_assert_not_null(r, "open: %s", err);
        if (chunks[c])
            csv_reader_set_chunk_size(r, chunks[c]);
        drain(r, &first);
        cr_assert_eq(first.enc, enc);
        cr_assert_eq(csv_reader_rewind(r), 0);
        drain(r, &again);
        cr_assert(memcmp(&first, &again, sizeof first) == 0, "chunk %zu: read again differs",
                  chunks[c]);
        /* rewound in the middle of a record and of the input */
        cr_assert_eq(csv_reader_rewind(r), 0);
        cr_assert_eq(csv_reader_next(r, &rec), 1);
        cr_assert_eq(csv_reader_rewind(r), 0);
        drain(r, &again);
        cr_assert(memcmp(&first, &again, sizeof first) == 0, "chunk %zu: after half a read",
                  chunks[c]);
        cr_assert_eq(csv_reader_bytes_done(r), (long long)len);
        csv_reader_close(&r);
    }
}

Test(csv, rewind_reads_the_same_again)
{
    static const char gb[] = "\xd0\xd5\xc3\xfb,\xb5\xe7\xbb\xb0\r\n"
                             "\"\xd5\xc5\r\n\xc8\xfd\",13912347788\r\n"
                             "\r\n"
                             "\xfe\x9f\x95\x34\xb2\x35,\"\"\"x\"\"\"\r\n";
    static const char bom[] = "\xef\xbb\xbf姓名,电话\r\n张三,\"a,b\"\r\n\"李\n四\",1\r\n";
    static const char open_quote[] = "a,b\n\"c,d\n";
    static const char bad_utf8[] = "姓名,地址\n李四\xA0,12幢\r\n\"甲\r\n乙\xA0\",x\n\xA0王五\n";
    static const char bad_gb[] = "\xd5\xc5\xc8\xfd,1\r\n\xc0\xee\xcb\xc4\x80,2\r\n\xff,3\r\n";

    check_rewind(gb, sizeof gb - 1, CSV_ENC_GB18030);
    check_rewind(bom, sizeof bom - 1, CSV_ENC_UTF8_BOM);
    check_rewind(open_quote, sizeof open_quote - 1, CSV_ENC_UTF8);
    check_rewind(bad_utf8, sizeof bad_utf8 - 1, CSV_ENC_UTF8);
    check_rewind(bad_gb, sizeof bad_gb - 1, CSV_ENC_GB18030);
}

/* A stray byte that GB18030 would pair with the ASCII letter after it
 * (0xA0 0x41 is a GB18030 character): the UTF-8 Chinese around it still
 * decides, and the byte is reported. */
Test(csv, a_stray_byte_before_a_letter_in_utf8_chinese)
{
    struct got g;

    read_mem(S("姓名,小区\n张三,大美南苑\n李四,A\xA0" "B座\n王五,大美北苑\n"), 0, &g);
    cr_assert_eq(g.enc, CSV_ENC_UTF8);
    cr_assert_eq(g.n, 4);
    cr_assert_eq(g.problem[2], CSV_REC_BAD_BYTES);
    cr_assert_eq(g.problem_line[2], 3);
    cr_assert_str_eq(g.f[3][1], "大美北苑");
}
