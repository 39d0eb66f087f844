/* import.c — importing the survey spreadsheet from the households screen
 * (i), with the report the command line gives.
 *
 * A small form asks for the file (~/ is the home folder; the path typed
 * last in this run is offered again).  The report screen then runs the
 * import as a preview (import_residents with dry_run: everything checked
 * and written, then rolled back), its progress on the status line, and
 * shows what it would do -- the counts, the registered people it would move
 * to another household (each with the file's line and both addresses), the
 * households those moves would leave without a head, the rows it would
 * leave out -- and asks before writing anything: y imports, n or Esc goes
 * back with nothing written.  A preview that would change nothing, or that
 * stops, asks nothing.  After the import the same report says what was
 * done.  Every message is "FILE:LINE: reason"; long lines wrap, and the
 * report scrolls.  Esc goes back to the list, which shows the households
 * just changed. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/i18n.h"
#include "src/households/import.h"
#include "src/msg.h"
#include "src/text.h"
#include "ui/households/hh.h"
#include "ui/kit/app.h"
#include "ui/kit/draw.h"
#include "ui/kit/formscreen.h"
#include "ui/kit/keys.h"
#include "ui/kit/listview.h"
#include "ui/kit/prompt.h"
#include "ui/kit/term.h"

#define REPORT_Y 2 /* the first line of the report */

/* ---- the file ------------------------------------------------------------- */

struct path_rec {
    char path[1024];
};

static const struct form_field path_fields[] = {
    { N_("File"), FIELD_TEXT, 50, 300, true, NULL, .offset = offsetof(struct path_rec, path),
      .size = sizeof ((struct path_rec *)0)->path,
      .hint = N_("a CSV file saved from the spreadsheet (UTF-8 or GB18030), e.g. "
                 "~/survey.csv") },
};

/* The file asked for last in this run. */
static char last_path[1024];

static bool path_load(struct app *a, void *record, void *ctx, const void *arg, bool *editing)
{
    struct path_rec *r = record;

    snprintf(r->path, sizeof r->path, "%s", last_path);
    return true;
}

extern const struct screen_ops screen_hh_import_report;

static void open_report(struct app *a, const void *record, const void *ctx)
{
    app_push(a, &screen_hh_import_report, ((const struct path_rec *)record)->path);
}

static void path_save(struct app *a, void *record, void *ctx, struct form_reply *r)
{
    snprintf(last_path, sizeof last_path, "%s", ((struct path_rec *)record)->path);
    r->outcome = FORM_SAVED;
    r->after = open_report;
}

static const struct form_spec path_spec = {
    .title = N_("Import residents"), .fields = path_fields, .nfields = 1,
    .record_size = sizeof(struct path_rec), .load = path_load, .save = path_save,
};

const struct screen_ops screen_hh_import = FORM_SCREEN("import", N_("Import"), &path_spec);

void hh_import_open(struct app *a)
{
    form_push(a, &screen_hh_import, NULL);
}

/* ---- the report ----------------------------------------------------------- */

/* The groups of messages, in the order shown. */
enum { G_MOVE, G_HEADLESS, G_PROBLEM, G_NOTICE, G_COUNT };

enum phase {
    PH_PREVIEW, /* the preview's report, and the question */
    PH_DONE,    /* the report of what was done (or why nothing was) */
};

enum { ASK_IMPORT = 1 };

struct report {
    struct app *a;
    enum phase phase;
    char path[1100];          /* the file, ~/ expanded */
    char title[1200];
    char counts[512], detail[512];
    char **msgs[G_COUNT];     /* the messages of each group, as they came */
    int nmsg[G_COUNT], capmsg[G_COUNT];
    char **text;              /* the report as lines: counts, detail, groups */
    int ntext, captext;
    char **rows;              /* TEXT wrapped to the screen's width */
    int wrapped_cols;
    struct listwin_array nrows;
    struct listwin lw;
    struct listview view;
    struct prompt prompt;
};

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

static void free_strings(char ***v, int *n, int *cap)
{
    for (int i = 0; i < *n; i++)
        free((*v)[i]);
    free(*v);
    *v = NULL;
    *n = *cap = 0;
}

static void free_report(struct report *rp)
{
    for (int g = 0; g < G_COUNT; g++)
        free_strings(&rp->msgs[g], &rp->nmsg[g], &rp->capmsg[g]);
    free_strings(&rp->text, &rp->ntext, &rp->captext);
    for (long i = 0; i < rp->nrows.n; i++)
        free(rp->rows[i]);
    free(rp->rows);
    rp->rows = NULL;
    rp->nrows.n = 0;
    rp->wrapped_cols = 0;
}

/* The messages, grouped under their headings, after the counts. */
static void make_text(struct report *rp, bool preview)
{
    const char *heading[G_COUNT] = {
        preview ? _("Registered people this file would move to another household:")
                : _("Registered people moved to another household:"),
        preview ? _("Households these moves would leave without a head:")
                : _("Households these moves left without a head:"),
        preview ? _("Rows that would be left out, and why:") : _("Rows left out, and why:"),
        _("Notes on rows that are imported:"),
    };

    push(&rp->text, &rp->ntext, &rp->captext, xstrdup(rp->counts));
    if (*rp->detail)
        push(&rp->text, &rp->ntext, &rp->captext, xstrdup(rp->detail));
    for (int g = 0; g < G_COUNT; g++) {
        if (rp->nmsg[g] == 0)
            continue;
        push(&rp->text, &rp->ntext, &rp->captext, xstrdup(""));
        push(&rp->text, &rp->ntext, &rp->captext, xstrdup(heading[g]));
        for (int i = 0; i < rp->nmsg[g]; i++)
            push(&rp->text, &rp->ntext, &rp->captext, xstrdup(rp->msgs[g][i]));
    }
}

/* The report's lines wrapped to COLS columns: the rows of the list. */
static void wrap(struct report *rp, int cols)
{
    int cap = 0, n = 0;

    for (long i = 0; i < rp->nrows.n; i++)
        free(rp->rows[i]);
    free(rp->rows);
    rp->rows = NULL;
    for (int i = 0; i < rp->ntext; i++) {
        const char *s = rp->text[i];
        do {
            size_t next, len = text_line_break(s, cols, &next);
            char *row = malloc(len + 1);
            if (!row)
                msg_fatal("%s", _("out of memory"));
            memcpy(row, s, len);
            row[len] = '\0';
            push(&rp->rows, &n, &cap, row);
            s += next;
        } while (*s);
    }
    rp->nrows.n = n;
    rp->wrapped_cols = cols;
    listwin_reload(&rp->lw);
}

static void on_problem(const struct import_problem *p, void *ctx)
{
    struct report *rp = ctx;
    int g = p->kind == IMPORT_MSG_MOVE       ? G_MOVE
          : p->kind == IMPORT_MSG_HEADLESS   ? G_HEADLESS
          : p->kind == IMPORT_MSG_PROBLEM    ? G_PROBLEM
                                             : G_NOTICE;

    push(&rp->msgs[g], &rp->nmsg[g], &rp->capmsg[g], xstrdup(p->text));
}

static void on_progress(const struct import_progress *p, void *ctx)
{
    struct report *rp = ctx;
    char text[256];
    int pct = p->bytes_total > 0 ? (int)(100 * p->bytes_done / p->bytes_total) : 0;

    snprintf(text, sizeof text, _("Importing: %ld rows read (%d%%)"), p->rows, pct);
    app_progress(rp->a, text);
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

/* Runs the import of the file, as a preview (DRY) or for real, and makes
 * its report. */
static void run(struct app *a, struct report *rp, bool dry)
{
    struct import_options opt = { .dry_run = dry, .problem = on_problem,
                                  .progress = on_progress, .progress_every = 1024, .ctx = rp };
    struct import_result res;
    const char *slash = strrchr(rp->path, '/');
    char brief[256];
    int rc;

    free_report(rp);
    /* The file's name: its folder would push the name itself off a narrow
     * screen, and every message below names the whole path. */
    snprintf(rp->title, sizeof rp->title, dry ? _("Preview of the import of %s")
                                              : _("Import of %s"),
             slash && slash[1] ? slash + 1 : rp->path);
    rc = import_residents(a->s->db, rp->path, &opt, &res);
    rp->detail[0] = '\0';
    if (rc < 0) {
        snprintf(rp->counts, sizeof rp->counts, "%s",
                 _("Nothing was imported: the reason is below."));
    } else {
        snprintf(rp->counts, sizeof rp->counts,
                 dry ? _("Would import: %ld new, %ld updated, %ld unchanged; %ld new "
                         "households; %ld rows left out.")
                     : _("Imported: %ld new, %ld updated, %ld unchanged; %ld new households; "
                         "%ld rows left out."),
                 res.residents_created, res.residents_updated, res.residents_unchanged,
                 res.households_created, res.rows_rejected);
        if (res.residents_moved || res.households_headless)
            snprintf(rp->detail, sizeof rp->detail,
                     dry ? _("%ld registered people would move to another household; %ld "
                             "households would be left without a head (below).")
                         : _("%ld registered people moved to another household; %ld "
                             "households left without a head (below)."),
                     res.residents_moved, res.households_headless);
    }
    if (dry && rc >= 0 && !changes(&res))
        snprintf(rp->detail, sizeof rp->detail, "%s",
                 _("Nothing to import: everyone in the file is registered as it says."));
    make_text(rp, dry);
    rp->phase = dry && rc >= 0 && changes(&res) ? PH_PREVIEW : PH_DONE;
    /* The status line says it short; the report above has it all. */
    snprintf(brief, sizeof brief, _("Imported: %ld new, %ld updated, %ld unchanged."),
             res.residents_created, res.residents_updated, res.residents_unchanged);
    if (rp->phase == PH_PREVIEW)
        prompt_ask(&rp->prompt, ASK_IMPORT, _("Nothing is written yet. Import these rows?"));
    else if (rc < 0)
        msg_error("%s", _("Nothing was imported: the reason is above."));
    else if (dry)
        msg_info("%s", _("Nothing to import."));
    else if (rc > 0)
        msg_warn("%s", brief);
    else
        msg_info("%s", brief);
}

static int report_rows(struct app *a)
{
    int n = app_body_rows(a) - REPORT_Y;
    return n > 1 ? n : 1;
}

static void cells(void *ctx, long i, const char **cell, const int *width, char *buf,
                  size_t bufsz, enum listview_style *style)
{
    const struct report *rp = ctx;

    cell[0] = rp->rows[i];
}

static const struct list_column column[] = { { "", 78, 10, 1, 0, false, 0 } };

static void prepare(struct app *a, void *st)
{
    struct report *rp = st;

    if (rp->wrapped_cols != a->body_cols - 3)
        wrap(rp, a->body_cols - 3);
    listview_prepare(&rp->view, report_rows(a));
}

static void draw(struct app *a, void *st, WINDOW *body)
{
    struct report *rp = st;
    int cols = getmaxx(body), rows = report_rows(a);

    draw_text_mark(body, 0, 1, cols - 2, rp->title, term_attr(ROLE_HEADING), false);
    listview_draw(&rp->view, body, REPORT_Y, 0, cols, rows, false);
    if (rp->lw.top + rows < rp->nrows.n)
        draw_text(body, getmaxy(body) - 1, cols - 1, 1, "v", term_attr(ROLE_HEADING), false);
    prompt_show(a, &rp->prompt);
}

static unsigned key(struct app *a, void *st, int act, int k)
{
    struct report *rp = st;
    int id;

    if (prompt_open(&rp->prompt) && !keys_is_fn(k)) {
        /* The report scrolls while the question waits. */
        if (act != ACT_BACK && listview_key(&rp->view, act, report_rows(a)))
            return SCR_HANDLED | SCR_REDRAW;
        switch (prompt_key(&rp->prompt, k, &id)) {
        case PROMPT_YES:
            run(a, rp, false);
            break;
        case PROMPT_NO:
            msg_info("%s", _("Nothing was imported."));
            return SCR_HANDLED | SCR_BACK;
        case PROMPT_NONE:
            break;
        }
        return SCR_HANDLED | SCR_REDRAW;
    }
    if (act == ACT_BACK)
        return SCR_HANDLED | SCR_BACK;
    if (listview_key(&rp->view, act, report_rows(a)))
        return SCR_HANDLED | SCR_REDRAW;
    return SCR_UNHANDLED;
}

static void open_report_screen(struct app *a, void *st, const void *arg)
{
    struct report *rp = st;

    rp->a = a;
    listwin_init(&rp->lw, &listwin_array_source, &rp->nrows);
    rp->view = (struct listview){ .w = &rp->lw, .cols = column, .ncols = 1, .cells = cells,
                                  .ctx = rp, .no_heading = true, .pager = true };
    expand_home(arg, rp->path, sizeof rp->path);
    run(a, rp, true);
}

static void close_report(struct app *a, void *st)
{
    struct report *rp = st;

    free_report(rp);
    listwin_free(&rp->lw);
}

static const int bar[] = { ACT_BACK, ACT_NONE };

const struct screen_ops screen_hh_import_report = {
    .name = "import_report",
    .title = N_("Import"),
    .kind = SCREEN_LIST,
    .state_size = sizeof(struct report),
    .open = open_report_screen,
    .prepare = prepare,
    .draw = draw,
    .key = key,
    .close = close_report,
    .bar = bar,
};
