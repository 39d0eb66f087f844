/* export.c — residents as a spreadsheet CSV for Excel and WPS.
 *
 * UTF-8 with a BOM (without it Excel reads UTF-8 as the local code page and
 * shows mojibake), CRLF line ends, RFC 4180 quoting.  The column names are
 * the ones the importer knows (src/households/import.c), so an unmasked export imports
 * again into the same records.
 *
 * ID and phone numbers are written after a TAB: a spreadsheet otherwise
 * takes an 18-digit ID for a number and shows it as 3.30102E+17, losing its
 * last digits, and drops the leading 0 of an area code.  The importer trims
 * the TAB away again.
 *
 * A cell that begins with = + - or @ is a formula to Excel and WPS, which
 * run it when the file opens (a name typed as =HYPERLINK(...) by someone):
 * such a cell is written after a ' so that the spreadsheet shows it as
 * text, and the importer takes the ' away again.  Control characters
 * (ESC, BEL, C1...) are written as U+FFFD: the export may go to a terminal.
 *
 * Masked (the default), the birth date of a resident with an ID number is
 * the year only (resident_birth_shown): the masked digits are the date. */
#include "src/households/export.h"

#include <string.h>

#include "src/households/vocab.h"
#include "src/households/household.h"
#include "src/text.h"

static const char *const header[] = {
    "小区", "楼栋", "单元", "房号", "网格", "网格员", "房屋性质", "姓名", "性别", "证件类型",
    "身份证号", "出生日期", "联系电话", "与户主关系", "人员类型", "户籍地", "关爱标记",
    "返乡来源地", "到达日期", "行程", "迁出日期", "迁往", "备注", "户联系电话", "户备注",
};

/* Would a spreadsheet take V for a formula? */
static bool formula_like(const char *v)
{
    return *v && strchr("=+-@", *v);
}

/* Writes one cell: quoted when it holds a comma, quote or line break; a
 * formula kept as text; no control character but the line break. */
static void put_cell(FILE *out, const char *raw, bool first)
{
    char v[1024];

    text_clean(v, sizeof v, raw, "\n");
    if (!first)
        fputc(',', out);
    if (!strpbrk(v, ",\"\r\n")) {
        if (formula_like(v))
            fputc('\'', out);
        fputs(v, out);
        return;
    }
    fputc('"', out);
    if (formula_like(v))
        fputc('\'', out);
    for (const char *p = v; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

/* A number a spreadsheet would mangle: kept as text by a leading TAB (or,
 * should it look like a formula, a '). */
static void put_number_cell(FILE *out, const char *raw)
{
    char v[256];

    text_clean(v, sizeof v, raw, NULL);
    fputc(',', out);
    if (*v)
        fputc(formula_like(v) ? '\'' : '\t', out);
    for (const char *p = v; *p; p++) /* digits, letters, '*', '-': nothing to quote */
        if (*p != '"' && *p != ',')
            fputc(*p, out);
}

enum {
    C_COMPOUND, C_BUILDING, C_UNIT, C_ROOM, C_GRID, C_WORKER, C_HKIND, C_NAME, C_SEX,
    C_IDKIND, C_IDNUM, C_BIRTH, C_PHONE, C_RELATION, C_FLOATING, C_HUKOU, C_FLAGS,
    C_RETFROM, C_ARRIVED, C_TRAVEL, C_MOVEDON, C_MOVEDTO, C_NOTES, C_HPHONE, C_HNOTES
};

/* A phone number as the export writes it. */
static void put_phone(FILE *out, const char *phone, bool unmasked)
{
    char buf[192];

    if (unmasked)
        snprintf(buf, sizeof buf, "%s", phone);
    else
        text_mask_phone(buf, sizeof buf, phone);
    put_number_cell(out, buf);
}

static void put_row(FILE *out, db_stmt *st, bool unmasked)
{
    char buf[192];

    for (int c = C_COMPOUND; c <= C_GRID; c++)
        put_cell(out, db_col_text(st, c), c == C_COMPOUND);
    put_cell(out, db_col_text(st, C_WORKER), false);
    put_cell(out, vocab_stored(&hh_vocab_kind, (int)db_col_int(st, C_HKIND)), false);
    put_cell(out, db_col_text(st, C_NAME), false);
    put_cell(out, vocab_stored(&hh_vocab_sex, db_col_text(st, C_SEX)[0]), false);
    put_cell(out, vocab_stored(&hh_vocab_id_kind, (int)db_col_int(st, C_IDKIND)), false);
    if (unmasked)
        snprintf(buf, sizeof buf, "%s", db_col_text(st, C_IDNUM));
    else
        text_mask_id(buf, sizeof buf, db_col_text(st, C_IDNUM));
    put_number_cell(out, buf);
    struct resident r = { .id_kind = (int)db_col_int(st, C_IDKIND) };
    text_copy(r.id_number, sizeof r.id_number, db_col_text(st, C_IDNUM));
    text_copy(r.birth_date, sizeof r.birth_date, db_col_text(st, C_BIRTH));
    resident_birth_shown(buf, sizeof buf, &r, !unmasked);
    put_cell(out, buf, false);
    put_phone(out, db_col_text(st, C_PHONE), unmasked);
    put_cell(out, db_col_text(st, C_RELATION), false);
    put_cell(out, vocab_stored(&hh_vocab_population, db_col_int(st, C_FLOATING) ? 1 : 0),
             false);
    put_cell(out, db_col_text(st, C_HUKOU), false);
    vocab_join(&hh_vocab_care, (unsigned)db_col_int(st, C_FLAGS), true, "、", buf, sizeof buf);
    put_cell(out, buf, false);
    for (int c = C_RETFROM; c <= C_NOTES; c++)
        put_cell(out, db_col_text(st, c), false);
    put_phone(out, db_col_text(st, C_HPHONE), unmasked);
    put_cell(out, db_col_text(st, C_HNOTES), false);
    fputs("\r\n", out);
}

int export_residents(db *d, FILE *out, bool unmasked, long *count)
{
    db_stmt *st;
    int rc;

    *count = 0;
    st = db_prepare(d,
                    "SELECT h.compound, h.building, h.unit, h.room, h.grid, h.grid_worker, h.kind,"
                    "       r.name, r.sex, r.id_kind, r.id_number, r.birth_date, r.phone,"
                    "       r.relation, r.floating, r.hukou_place, r.flags, r.returned_from,"
                    "       r.arrived_on, r.travel_notes, r.moved_out_on, r.moved_to, r.notes,"
                    "       h.phone, h.notes"
                    "  FROM resident r JOIN household h ON h.id = r.household_id"
                    " ORDER BY h.compound, length(h.building), h.building, length(h.unit),"
                    "          h.unit, length(h.room), h.room, r.gone,"
                    "          r.relation IS NOT '户主', r.name_key, r.id");
    if (!st)
        return -1;
    fputs("\xEF\xBB\xBF", out);
    for (size_t i = 0; i < sizeof header / sizeof header[0]; i++)
        put_cell(out, header[i], i == 0);
    fputs("\r\n", out);
    while ((rc = db_step(st)) == DB_ROW) {
        put_row(out, st, unmasked);
        ++*count;
    }
    db_finalize(&st);
    return rc == DB_DONE ? 0 : -1;
}

int export_record(db *d, const char *what, const char *file, long rows)
{
    db_stmt *st = db_prepare(d, "INSERT INTO export_run (what, file, rows, created_by, created_at)"
                                " VALUES (:what, :file, :rows, dd_operator(), dd_now())");
    int rc = -1;

    if (st && db_bind_text(st, ":what", what) == 0 && db_bind_text(st, ":file", file) == 0
        && db_bind_int(st, ":rows", rows) == 0 && db_step(st) == DB_DONE)
        rc = 0;
    db_finalize(&st);
    return rc;
}
