/* run.c — ui_run: sets up the interface around the main loop and takes it
 * down again on every way out. */
#include <stdlib.h>
#include <string.h>

#include "src/i18n.h"
#include "src/msg.h"
#include "src/store.h"
#include "ui/kit/app.h"
#include "ui/kit/term.h"
#include "ui/ui.h"

static void status_sink(enum msg_level level, const char *text, void *ctx)
{
    app_status(ctx, level, text);
}

int ui_run(struct session *s)
{
    struct app *a = calloc(1, sizeof *a);
    char *community = NULL;
    int status;

    if (!a) {
        msg_error("%s", _("out of memory"));
        return EXIT_FAIL;
    }
    a->s = s;
    if (s->db)
        community = store_get_setting(s->db, "community");
    a->community = community && *community ? community : s->cfg.community;
    keymap_init(&a->keys, ui_screens);
    if (!term_start(s->cfg.colors)) {
        keymap_free(&a->keys);
        free(community);
        free(a);
        return EXIT_FAIL;
    }
    msg_set_sink(status_sink, a);
    keymap_apply_config(&a->keys, &s->cfg, ui_screens);
    app_switch(a, ui_base_screens[0].ops);
    /* The interface waits a quarter of a second for a busy database, not
     * the command line's five: a save it cannot make yet is kept and tried
     * again (app_retry_busy), and the screen never freezes. */
    if (s->db)
        db_set_busy_timeout(s->db, 250);
    if (*s->cfg.warning)
        msg_warn("%s", s->cfg.warning);
    if (s->db && store_readonly(s->db))
        msg_warn(_("%s is open read-only (the file or its folder cannot be written): you can "
                   "look everything up, nothing can be saved"),
                 s->db_path);

    status = app_loop(a);

    app_close_all(a);
    msg_set_sink(NULL, NULL);
    msg_set_cleanup(NULL);
    term_stop();
    keymap_free(&a->keys);
    free(community);
    free(a);
    return status;
}
