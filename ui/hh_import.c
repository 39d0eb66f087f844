/* hh_import.c — importing the survey spreadsheet from the households
 * screen (i), with the report the command line gives.
 *
 * A small form asks for the file (~/ is the home folder; the path typed
 * last in this run is offered again).  The import (import_residents) runs
 * at once, its progress on the status line; then the screen shows the
 * report: what was imported, and every message about the file, a column or
 * a row, as "FILE:LINE: reason", in a list that scrolls.  Esc goes back to
 * the list, which shows the households just changed. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/form.h"
#include "src/i18n.h"
#include "src/import.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/form.h"
#include "ui/hh.h"
#include "ui/keys.h"
#include "ui/term.h"

#define REPORT_Y 2 /* the first line of the report */

struct path_rec {
    char path[1024];
};

static const struct form_field path_fields[] = {
    { N_("File"), FIELD_TEXT, 50, 300, true, NULL, offsetof(struct path_rec, path),
      sizeof ((struct path_rec *)0)->path,
      N_("a CSV file saved from the spreadsheet (UTF-8 or GB18030), e.g. ~/survey.csv"),
      NULL },
};

/* The report: the counts, a second line of them, a blank line, then the
 * messages (LINES). */
#define REPORT_HEAD 3

struct importer {
    struct app *a;
    bool reporting;   /* the report is shown (else the form) */
    struct form form;
    struct path_rec rec;
    char counts[512], detail[512];
    char **lines;     /* the messages, "FILE:LINE: reason" */
    int n, cap;
    int top;
    char title[1100];
};

/* The file asked for last in this run. */
static char last_path[1024];

static const struct screen_ops screen_hh_import;

static struct importer *state(struct app *a)
{
    return a->state[SCR_HH_IMPORT];
}

static void add_line(struct importer *im, const char *text)
{
    if (im->n == im->cap) {
        int cap = im->cap ? 2 * im->cap : 32;
        char **lines = realloc(im->lines, (size_t)cap * sizeof *lines);
        if (!lines)
            msg_fatal("%s", _("out of memory"));
        im->lines = lines;
        im->cap = cap;
    }
    im->lines[im->n] = strdup(text);
    if (!im->lines[im->n])
        msg_fatal("%s", _("out of memory"));
    im->n++;
}

static void free_lines(struct importer *im)
{
    for (int i = 0; i < im->n; i++)
        free(im->lines[i]);
    free(im->lines);
    im->lines = NULL;
    im->n = im->cap = 0;
}

/* ---- running the import --------------------------------------------------- */

static void on_problem(const struct import_problem *p, void *ctx)
{
    add_line(ctx, p->text);
}

static void on_progress(const struct import_progress *p, void *ctx)
{
    struct importer *im = ctx;
    char text[256];
    int pct = p->bytes_total > 0 ? (int)(100 * p->bytes_done / p->bytes_total) : 0;

    snprintf(text, sizeof text, _("Importing: %ld rows read (%d%%)"), p->rows, pct);
    app_progress(im->a, text);
}

/* PATH with a leading ~/ made the home folder, into OUT. */
static void expand_home(const char *path, char *out, size_t outsz)
{
    const char *home = getenv("HOME");

    if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') && home && *home)
        snprintf(out, outsz, "%s%s", home, path + 1);
    else
        snprintf(out, outsz, "%s", path);
}

static void run(struct app *a, struct importer *im)
{
    struct import_options opt = { .problem = on_problem, .progress = on_progress,
                                  .progress_every = 1024, .ctx = im };
    struct import_result res;
    char path[1100];
    int rc;

    expand_home(im->rec.path, path, sizeof path);
    snprintf(last_path, sizeof last_path, "%s", im->rec.path);
    free_lines(im);
    snprintf(im->title, sizeof im->title, _("Import of %s"), path);
    rc = import_residents(a->s->db, path, &opt, &res);
    im->detail[0] = '\0';
    if (rc < 0) {
        snprintf(im->counts, sizeof im->counts, "%s",
                 _("Nothing was imported: the reason is below."));
    } else {
        snprintf(im->counts, sizeof im->counts,
                 _("Imported %ld residents in %ld new households, %ld rows rejected."),
                 res.residents_created + res.residents_updated + res.residents_unchanged,
                 res.households_created, res.rows_rejected);
        snprintf(im->detail, sizeof im->detail, _("%ld new, %ld updated, %ld unchanged."),
                 res.residents_created, res.residents_updated, res.residents_unchanged);
    }
    im->reporting = true;
    im->top = 0;
    if (rc < 0)
        msg_error("%s", im->counts);
    else if (rc > 0)
        msg_warn("%s", im->counts);
    else
        msg_info("%s", im->counts);
}

static int report_lines(const struct importer *im)
{
    return REPORT_HEAD + im->n;
}

static const char *report_line(const struct importer *im, int i)
{
    if (i == 0)
        return im->counts;
    if (i == 1)
        return im->detail;
    if (i < REPORT_HEAD)
        return "";
    return im->lines[i - REPORT_HEAD];
}

/* ---- the screen ----------------------------------------------------------- */

static int report_rows(struct app *a)
{
    int n = a->body_lines - REPORT_Y;
    return n > 1 ? n : 1;
}

static void draw(struct app *a, WINDOW *body)
{
    struct importer *im = state(a);
    int cols = getmaxx(body), rows = report_rows(a), y, x;

    if (!im->reporting) {
        uiform_draw(body, &im->form, _("Import residents"), &y, &x);
        if (y >= 0)
            app_set_cursor(a, y, x);
        return;
    }
    draw_text_mark(body, 0, 1, cols - 2, im->title, term_attr(ROLE_HEADING), false);
    for (int i = 0; i < rows && im->top + i < report_lines(im); i++) {
        int n = im->top + i;
        attr_t attr = n == 0 ? A_BOLD : term_attr(ROLE_NORMAL);
        draw_text_mark(body, REPORT_Y + i, 1, cols - 2, report_line(im, n), attr, false);
    }
    if (im->top + rows < report_lines(im))
        draw_text(body, getmaxy(body) - 1, cols - 1, 1, "v", term_attr(ROLE_HEADING), false);
}

static unsigned report_key(struct app *a, struct importer *im, enum action act)
{
    int rows = report_rows(a), last = report_lines(im) - rows;

    if (last < 0)
        last = 0;
    switch (act) {
    case ACT_UP:
        im->top--;
        break;
    case ACT_DOWN:
        im->top++;
        break;
    case ACT_PAGE_UP:
        im->top -= rows - 1;
        break;
    case ACT_PAGE_DOWN:
        im->top += rows - 1;
        break;
    case ACT_HOME:
        im->top = 0;
        break;
    case ACT_END:
        im->top = last;
        break;
    case ACT_BACK:
        return SCR_HANDLED | SCR_BACK;
    default:
        return SCR_UNHANDLED;
    }
    if (im->top > last)
        im->top = last;
    if (im->top < 0)
        im->top = 0;
    return SCR_HANDLED | SCR_REDRAW;
}

static unsigned form_key(struct app *a, struct importer *im, int k)
{
    enum action act = keymap_lookup(&a->keys, k, SCOPE_FORM);

    switch (uiform_key(&im->form, act, k)) {
    case UIFORM_CHANGED:
        return SCR_HANDLED | SCR_REDRAW;
    case UIFORM_SAVE:
        if (!form_read(&im->form, &im->rec)) {
            uiform_report(&im->form);
            return SCR_HANDLED | SCR_REDRAW;
        }
        run(a, im);
        return SCR_HANDLED | SCR_REDRAW;
    case UIFORM_CANCEL:
        return SCR_HANDLED | SCR_BACK;
    case UIFORM_UNHANDLED:
        break;
    }
    return SCR_UNHANDLED;
}

static unsigned key(struct app *a, enum action act, int k)
{
    struct importer *im = state(a);

    return im->reporting ? report_key(a, im, act) : form_key(a, im, k);
}

static void open_importer(struct app *a)
{
    struct importer *im = calloc(1, sizeof *im);

    if (!im)
        msg_fatal("%s", _("out of memory"));
    im->a = a;
    snprintf(im->rec.path, sizeof im->rec.path, "%s", last_path);
    form_open(&im->form, path_fields, sizeof path_fields / sizeof path_fields[0], &im->rec);
    a->state[SCR_HH_IMPORT] = im;
}

static void close_importer(struct app *a)
{
    struct importer *im = state(a);

    if (!im)
        return;
    form_close(&im->form);
    free_lines(im);
    free(im);
    a->state[SCR_HH_IMPORT] = NULL;
}

static bool dirty(struct app *a)
{
    struct importer *im = state(a);

    return im && !im->reporting && form_dirty(&im->form);
}

void hh_import_open(struct app *a)
{
    app_push(a, &screen_hh_import);
    if (app_top(a) != &screen_hh_import)
        msg_error("%s", _("Too many screens are open: press Esc first."));
}

static const enum action bar[] = { ACT_BACK, ACT_NONE };

static const struct screen_ops screen_hh_import = {
    .id = SCR_HH_IMPORT,
    .title = N_("Import"),
    .open = open_importer,
    .draw = draw,
    .key = key,
    .close = close_importer,
    .dirty = dirty,
    .bar_actions = bar,
};
