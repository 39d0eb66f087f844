/* i18n.c — binds the message catalogue.
 *
 * Where the catalogue is looked for, first found first:
 *   $DUTYDESK_LOCALEDIR, when set (and then nowhere else);
 *   DD_LOCALEDIR, the folder compiled in ($(PREFIX)/share/locale);
 *   "locale" beside the program: build/locale for build/dutydesk, which
 *   `make` fills, so the program runs in Chinese from the build tree;
 *   "../share/locale" from the program's folder: an installed copy moved
 *   to another prefix.
 * A folder counts when it holds the catalogue of a language the locale asks
 * for.  The program's folder is read from /proc/self/exe (Linux); without
 * it only the first two places are looked in.  When Chinese is asked for
 * and no folder has it, the program says so once on stderr, before the
 * interface takes the screen, and goes on in English. */
#include "src/i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/paths.h" /* DD_LOCALEDIR, from the Makefile */
#include "src/msg.h"

#define DOMAIN "dutydesk"

enum { MAX_LANGS = 8, NDIRS = 3 };

/* The languages gettext looks for, in its order: none in the C locale,
 * else those of $LANGUAGE (zh_CN:en), else the name of the LC_MESSAGES
 * locale.  Pointers into BUF, at most MAX_LANGS; returns how many. */
static int wanted_languages(char *buf, size_t bufsz, const char **langs)
{
    const char *loc = setlocale(LC_MESSAGES, NULL);
    const char *env = getenv("LANGUAGE");
    int n = 0;

    if (!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
        return 0;
    snprintf(buf, bufsz, "%s", env && *env ? env : loc);
    for (char *p = buf; *p && n < MAX_LANGS;) {
        char *end = p + strcspn(p, ":");
        bool last = *end == '\0';
        *end = '\0';
        if (*p)
            langs[n++] = p;
        if (last)
            break;
        p = end + 1;
    }
    return n;
}

/* Whether LANG's language is Chinese (zh, zh_CN.UTF-8, zh_TW...). */
static bool is_chinese(const char *lang)
{
    return strncmp(lang, "zh", 2) == 0 && strchr("_.@", lang[2]) != NULL;
}

/* Copies the N bytes at SRC after PREFIX (one character, or none) into DST
 * of DSTSZ bytes; "" when they do not fit. */
static void part(char *dst, size_t dstsz, const char *prefix, const char *src, size_t n)
{
    size_t k = strlen(prefix);

    dst[0] = '\0';
    if (k + n >= dstsz)
        return;
    memcpy(dst, prefix, k);
    memcpy(dst + k, src, n);
    dst[k + n] = '\0';
}

/* Whether DIR holds the catalogue for LANG, under one of the names gettext
 * tries for language[_territory][.codeset][@modifier], most specific first:
 * zh_CN.UTF-8@m, zh_CN.utf8@m, zh_CN@m, zh_CN, zh@m, zh (with the parts
 * LANG has). */
static bool has_catalogue(const char *dir, const char *lang)
{
    char l[32], terr[32] = "", cs[32] = "", ncs[32] = "", mod[32] = "", name[160];
    char path[PATH_MAX];
    const char *p = lang;
    size_t k = strcspn(p, "_.@");

    part(l, sizeof l, "", p, k);
    p += k;
    if (*p == '_') {
        k = strcspn(p + 1, ".@");
        part(terr, sizeof terr, "_", p + 1, k);
        p += 1 + k;
    }
    if (*p == '.') {
        /* The normalized codeset, as glibc makes it: letters in lower case
         * and digits, nothing else (UTF-8 -> utf8). */
        size_t o = 1;
        bool digits = true;
        k = strcspn(p + 1, "@");
        part(cs, sizeof cs, ".", p + 1, k);
        ncs[0] = '.';
        for (size_t i = 1; cs[i] && o + 4 < sizeof ncs; i++) {
            char c = cs[i];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                digits = digits && c >= '0' && c <= '9';
                ncs[o++] = c;
            }
        }
        ncs[o] = '\0';
        if (digits && o > 1) {
            memmove(ncs + 4, ncs + 1, o);
            memcpy(ncs + 1, "iso", 3);
        }
        p += 1 + k;
    }
    if (*p == '@')
        part(mod, sizeof mod, "", p, strlen(p));
    if (!*l)
        return false;

    const char *const forms[][3] = {
        { terr, cs, mod }, { terr, ncs, mod }, { terr, "", mod }, { terr, "", "" },
        { "", "", mod },   { "", "", "" },
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        snprintf(name, sizeof name, "%s%s%s%s", l, forms[i][0], forms[i][1], forms[i][2]);
        if ((size_t)snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/" DOMAIN ".mo", dir, name)
                < sizeof path
            && access(path, R_OK) == 0)
            return true;
    }
    return false;
}

/* DIR, then "/" and NAME, into OUT (without a doubled slash); false when
 * it does not fit. */
static bool join(char *out, size_t outsz, const char *dir, const char *name)
{
    size_t n = strlen(dir);

    if (n > 0 && dir[n - 1] == '/')
        n--;
    return (size_t)snprintf(out, outsz, "%.*s/%s", (int)n, dir, name) < outsz;
}

/* The folder of the running program into OUT; false when it cannot be
 * known (no /proc). */
static bool program_dir(char *out, size_t outsz)
{
    ssize_t n = readlink("/proc/self/exe", out, outsz - 1);
    char *slash;

    if (n <= 0 || (size_t)n >= outsz - 1)
        return false;
    out[n] = '\0';
    slash = strrchr(out, '/');
    if (!slash)
        return false;
    slash[slash == out] = '\0'; /* "/dutydesk" is in "/" */
    return true;
}

/* The folders to look in after the one compiled in: DIRS[0] "locale"
 * beside the program, DIRS[1] "../share/locale" from its folder (written
 * out: /opt/dutydesk/share/locale for /opt/dutydesk/bin).  Returns how many
 * (0 when the program's folder is unknown). */
static int program_dirs(char dirs[][PATH_MAX])
{
    char bin[PATH_MAX], prefix[PATH_MAX];
    char *slash;

    if (!program_dir(bin, sizeof bin) || !join(dirs[0], PATH_MAX, bin, "locale"))
        return 0;
    snprintf(prefix, sizeof prefix, "%s", bin);
    slash = strrchr(prefix, '/');
    if (slash)
        *slash = '\0'; /* "/usr/bin" -> "/usr"; "/bin" and "/" -> "" */
    return join(dirs[1], PATH_MAX, prefix, "share/locale") ? 2 : 1;
}

void i18n_init(void)
{
    const char *env = getenv("DUTYDESK_LOCALEDIR");
    char langbuf[256], near[NDIRS - 1][PATH_MAX], looked[1024] = "";
    const char *langs[MAX_LANGS], *dirs[NDIRS], *chosen = NULL;
    int nlangs = wanted_languages(langbuf, sizeof langbuf, langs), ndirs = 0;
    bool chinese = false;

    for (int i = 0; i < nlangs; i++)
        chinese = chinese || is_chinese(langs[i]);
    if (env && *env) {
        dirs[ndirs++] = env;
    } else {
        /* The folders near the program only when a catalogue is wanted,
         * and each folder once (an installed program's ../share/locale is
         * DD_LOCALEDIR). */
        int n = nlangs > 0 ? program_dirs(near) : 0;
        dirs[ndirs++] = DD_LOCALEDIR;
        for (int i = 0; i < n; i++) {
            bool seen = false;
            for (int d = 0; d < ndirs; d++)
                seen = seen || strcmp(near[i], dirs[d]) == 0;
            if (!seen)
                dirs[ndirs++] = near[i];
        }
    }
    for (int d = 0; d < ndirs && !chosen; d++)
        for (int i = 0; i < nlangs && !chosen; i++)
            if (has_catalogue(dirs[d], langs[i]))
                chosen = dirs[d];
    if (!chosen && chinese) {
        for (int d = 0; d < ndirs; d++) {
            strncat(looked, d ? ", " : "", sizeof looked - strlen(looked) - 1);
            strncat(looked, dirs[d], sizeof looked - strlen(looked) - 1);
        }
        /* In English, not through gettext: there is no catalogue to say it
         * in Chinese. */
        msg_warn("no Chinese messages found (looked in %s): showing English", looked);
    }
    bindtextdomain(DOMAIN, chosen ? chosen : dirs[0]);
    bind_textdomain_codeset(DOMAIN, "UTF-8");
    textdomain(DOMAIN);
}
