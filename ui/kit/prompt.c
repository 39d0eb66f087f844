/* prompt.c — one yes/no question on the status line; see prompt.h. */
#include "ui/kit/prompt.h"

#include <stdio.h>

#include "src/i18n.h"
#include "ui/kit/app.h"
#include "ui/kit/keys.h"

void prompt_ask(struct prompt *p, int id, const char *text)
{
    p->id = id;
    /* TRANSLATORS: after a question; y and n are the keys that answer it. */
    snprintf(p->text, sizeof p->text, _("%s (y/n)"), text);
}

bool prompt_open(const struct prompt *p)
{
    return p->id != 0;
}

enum prompt_answer prompt_key(struct prompt *p, int key, int *id)
{
    *id = p->id;
    if (key == 'y' || key == 'Y') {
        p->id = 0;
        return PROMPT_YES;
    }
    if (key == 'n' || key == 'N' || key == KEYS_ESC) {
        p->id = 0;
        return PROMPT_NO;
    }
    return PROMPT_NONE;
}

void prompt_show(struct app *a, const struct prompt *p)
{
    if (p->id)
        app_status(a, MSG_WARN, p->text);
}
