/* prompt.h — one yes/no question, asked on the status line.
 *
 * A screen that must ask (leave a form with changes? move him? import
 * these rows?) keeps a struct prompt in its state: prompt_ask sets the
 * question, the screen's draw calls prompt_show (the question stays on the
 * status line, wrapped, never cut, while it is open), and its key handler
 * gives every key to prompt_key first while prompt_open says one is open.
 * y answers yes; n and Esc answer no; any other key asks again.  The id
 * tells the screen which of its questions was answered. */
#ifndef DD_UI_PROMPT_H
#define DD_UI_PROMPT_H

#include <stdbool.h>

struct app;

struct prompt {
    int id;          /* 0: no question open */
    char text[512];
};

enum prompt_answer { PROMPT_NONE, PROMPT_YES, PROMPT_NO };

/* Opens question ID (> 0): TEXT, to which " (y/n)" is added. */
void prompt_ask(struct prompt *p, int id, const char *text);
bool prompt_open(const struct prompt *p);
/* The answer KEY gives to the open question (the question closes on
 * yes and no); *ID gets the question's id. */
enum prompt_answer prompt_key(struct prompt *p, int key, int *id);
/* Puts the open question on the status line (for the screen's draw). */
void prompt_show(struct app *a, const struct prompt *p);

#endif
