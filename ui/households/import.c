/* ui/households/import.c — importing the survey spreadsheet from the households
 * screen (i), with the report the command line gives.
 *
 * A small form asks for the file (~/ is the home folder; the path typed
 * last in this run is offered again).  The import first runs as a preview
 * (import_residents with dry_run: everything checked and written, then
 * rolled back), its progress on the status line; the screen then shows
 * what it would do -- the counts, the registered people it would move to
 * another household (each with the file's line and both addresses), the
 * households those moves would leave without a head, the rows it would
 * leave out -- and asks before writing anything: y imports, n or Esc goes
 * back with nothing written.  A preview that would change nothing, or that
 * stops, asks nothing.  After the import the same report says what was
 * done.  Every message is "FILE:LINE: reason", in a list that scrolls.
 * Esc goes back to the list, which shows the households just changed. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/form.h"
#include "src/i18n.h"
#include "src/import.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/kit/app.h"
#include "ui/kit/draw.h"
#include "ui/kit/form.h"
#include "ui/households/hh.h"
#include "ui/kit/keys.h"
#include "ui/kit/term.h"

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
 * messages (LINES), grouped: moves, households left without a head, rows
 * left out, notices; each group under a heading. */
#define REPORT_HEAD 3

enum phase {
    PH_FORM,    /* asking for the file */
    PH_PREVIEW, /* the preview's report, and the question */
    PH_DONE,    /* the report of what was done (or why nothing was) */
};

/* The groups of messages, in the order shown. */
enum { G_MOVE, G_HEADLESS, G_PROBLEM, G_NOTICE, G_COUNT };

struct importer {
    struct app *a;
    enum phase phase;
    struct form form;
    struct path_rec rec;
    char path[1100];  /* the file, ~/ expanded */
    char counts[512], detail[512];
    char **lines;     /* the report's lines after its head */
    int n, cap;
    char **msgs[G_COUNT]; /* the messages of each group, as they came */
    int nmsg[G_COUNT], capmsg[G_COUNT];
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

static char *xstrdup(const char *text)
{
    char *copy = strdup(text);

    if (!copy)
        msg_fatal("%s", _("out of memory"));
    return copy;
}

static void push(char ***v, int *n, int *cap, char *text)
{
    if (*n == *cap) {
        int c = *cap ? 2 * *cap : 32;
        char **grown = realloc(*v, (size_t)c * sizeof *grown);
        if (!grown)
            msg_fatal("%s", _("out of memory"));
        *v = grown;
        *cap = c;
    }
    (*v)[(*n)++] = text;
}

static void free_lines(struct importer *im)
{
    for (int i = 0; i < im->n; i++)
        free(im->lines[i]);
    free(im->lines);
    im->lines = NULL;
    im->n = im->cap = 0;
    for (int g = 0; g < G_COUNT; g++) {
        free(im->msgs[g]); /* the texts went on to LINES */
        im->msgs[g] = NULL;
        im->nmsg[g] = im->capmsg[g] = 0;
    }
}

/* The messages, grouped under their headings, become the report's lines. */
static void group_lines(struct importer *im, bool preview)
{
    const char *heading[G_COUNT] = {
        preview ? _("Registered people this file would move to another household:")
                : _("Registered people moved to another household:"),
        preview ? _("Households these moves would leave without a head:")
                : _("Households these moves left without a head:"),
        preview ? _("Rows that would be left out, and why:") : _("Rows left out, and why:"),
        _("Notes on rows that are imported:"),
    };

    for (int g = 0; g < G_COUNT; g++) {
        if (im->nmsg[g] == 0)
            continue;
        if (im->n > 0)
            push(&im->lines, &im->n, &im->cap, xstrdup(""));
        push(&im->lines, &im->n, &im->cap, xstrdup(heading[g]));
        for (int i = 0; i < im->nmsg[g]; i++)
            push(&im->lines, &im->n, &im->cap, im->msgs[g][i]);
        free(im->msgs[g]);
        im->msgs[g] = NULL;
        im->nmsg[g] = im->capmsg[g] = 0;
    }
}

/* ---- running the import --------------------------------------------------- */

static void on_problem(const struct import_problem *p, void *ctx)
{
    struct importer *im = ctx;
    int g = p->kind == IMPORT_MSG_MOVE       ? G_MOVE
          : p->kind == IMPORT_MSG_HEADLESS   ? G_HEADLESS
          : p->kind == IMPORT_MSG_PROBLEM    ? G_PROBLEM
                                             : G_NOTICE;

    push(&im->msgs[g], &im->nmsg[g], &im->capmsg[g], xstrdup(p->text));
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

/* Would the import change anything? */
static bool changes(const struct import_result *res)
{
    return res->residents_created || res->residents_updated || res->households_created;
}

/* Runs the import of im->path, as a preview (DRY) or for real, and makes
 * its report. */
static void run(struct app *a, struct importer *im, bool dry)
{
    struct import_options opt = { .dry_run = dry, .problem = on_problem,
                                  .progress = on_progress, .progress_every = 1024, .ctx = im };
    struct import_result res;
    int rc;

    free_lines(im);
    /* The file's name: its folder would push the name itself off a narrow
     * screen, and every message below names the whole path. */
    const char *slash = strrchr(im->path, '/');
    snprintf(im->title, sizeof im->title, dry ? _("Preview of the import of %s")
                                              : _("Import of %s"),
             slash && slash[1] ? slash + 1 : im->path);
    rc = import_residents(a->s->db, im->path, &opt, &res);
    im->detail[0] = '\0';
    im->top = 0;
    if (rc < 0) {
        snprintf(im->counts, sizeof im->counts, "%s",
                 _("Nothing was imported: the reason is below."));
    } else {
        snprintf(im->counts, sizeof im->counts,
                 dry ? _("Would import: %ld new, %ld updated, %ld unchanged; %ld new "
                         "households; %ld rows left out.")
                     : _("Imported: %ld new, %ld updated, %ld unchanged; %ld new households; "
                         "%ld rows left out."),
                 res.residents_created, res.residents_updated, res.residents_unchanged,
                 res.households_created, res.rows_rejected);
        if (res.residents_moved || res.households_headless)
            snprintf(im->detail, sizeof im->detail,
                     dry ? _("%ld registered people would move to another household; %ld "
                             "households would be left without a head (below).")
                         : _("%ld registered people moved to another household; %ld "
                             "households left without a head (below)."),
                     res.residents_moved, res.households_headless);
    }
    group_lines(im, dry);
    im->phase = dry && rc >= 0 && changes(&res) ? PH_PREVIEW : PH_DONE;
    if (dry && rc >= 0 && !changes(&res))
        snprintf(im->detail, sizeof im->detail, "%s",
                 _("Nothing to import: everyone in the file is registered as it says."));
    /* The status line says it short; the report above has it all. */
    char brief[256];
    snprintf(brief, sizeof brief, _("Imported: %ld new, %ld updated, %ld unchanged."),
             res.residents_created, res.residents_updated, res.residents_unchanged);
    if (im->phase == PH_PREVIEW)
        msg_warn("%s", _("Nothing is written yet. Import these rows? y imports them, n or Esc "
                         "goes back."));
    else if (rc < 0)
        msg_error("%s", _("Nothing was imported: the reason is above."));
    else if (dry)
        msg_info("%s", _("Nothing to import."));
    else if (rc > 0)
        msg_warn("%s", brief);
    else
        msg_info("%s", brief);
}

static const char *report_line(const struct importer *im, int i);

static int report_lines(const struct importer *im)
{
    return REPORT_HEAD + im->n;
}

/* The report is never cut: a line wider than the screen wraps
 * (text_line_break), and scrolling counts screen rows. */
static int rows_of(const char *s, int cols)
{
    int n = 0;

    do {
        size_t next;
        text_line_break(s, cols, &next);
        s += next;
        n++;
    } while (*s);
    return n;
}

static int report_height(struct app *a, const struct importer *im)
{
    int h = 0, cols = a->body_cols - 2;

    for (int i = 0; i < report_lines(im); i++)
        h += rows_of(report_line(im, i), cols);
    return h;
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

    if (im->phase == PH_FORM) {
        uiform_draw(body, &im->form, _("Import residents"), &y, &x);
        if (y >= 0)
            app_set_cursor(a, y, x);
        return;
    }
    if (im->phase == PH_PREVIEW)
        app_status(a, MSG_WARN, _("Nothing is written yet. Import these rows? y imports them, "
                                  "n or Esc goes back."));
    draw_text_mark(body, 0, 1, cols - 2, im->title, term_attr(ROLE_HEADING), false);
    int row = 0; /* of the whole report, wrapped */
    for (int i = 0; i < report_lines(im) && row < im->top + rows; i++) {
        const char *s = report_line(im, i);
        attr_t attr = i == 0 ? A_BOLD : term_attr(ROLE_NORMAL);
        do {
            size_t next, len = text_line_break(s, cols - 2, &next);
            if (row >= im->top && row < im->top + rows) {
                char piece[4 * DRAW_MAX_COLS + 1];
                snprintf(piece, sizeof piece, "%.*s", (int)len, s);
                draw_text(body, REPORT_Y + row - im->top, 1, cols - 2, piece, attr, false);
            }
            s += next;
            row++;
        } while (*s);
    }
    if (im->top + rows < report_height(a, im))
        draw_text(body, getmaxy(body) - 1, cols - 1, 1, "v", term_attr(ROLE_HEADING), false);
}

static unsigned report_key(struct app *a, struct importer *im, enum action act)
{
    int rows = report_rows(a), last = report_height(a, im) - rows;

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
        expand_home(im->rec.path, im->path, sizeof im->path);
        snprintf(last_path, sizeof last_path, "%s", im->rec.path);
        run(a, im, true);
        return SCR_HANDLED | SCR_REDRAW;
    case UIFORM_CANCEL:
        return SCR_HANDLED | SCR_BACK;
    case UIFORM_UNHANDLED:
        break;
    }
    return SCR_UNHANDLED;
}

/* The preview's question: y imports; n and Esc go back, nothing written. */
static unsigned preview_key(struct app *a, struct importer *im, enum action act, int k)
{
    if (k == 'y' || k == 'Y') {
        run(a, im, false);
        return SCR_HANDLED | SCR_REDRAW;
    }
    if (k == 'n' || k == 'N' || act == ACT_BACK) {
        msg_info("%s", _("Nothing was imported."));
        return SCR_HANDLED | SCR_BACK;
    }
    unsigned flags = report_key(a, im, act);
    if (flags == SCR_UNHANDLED && !keys_is_fn(k)) {
        msg_warn("%s", _("Nothing is written yet. Import these rows? y imports them, n or Esc "
                         "goes back."));
        return SCR_HANDLED | SCR_REDRAW;
    }
    return flags;
}

static unsigned key(struct app *a, enum action act, int k)
{
    struct importer *im = state(a);

    switch (im->phase) {
    case PH_FORM:
        return form_key(a, im, k);
    case PH_PREVIEW:
        return preview_key(a, im, act, k);
    case PH_DONE:
        break;
    }
    return report_key(a, im, act);
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

    return im && im->phase == PH_FORM && form_dirty(&im->form);
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
