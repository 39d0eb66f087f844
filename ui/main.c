/* main.c — the program: the command line, with the terminal interface. */
#include "src/cli.h"
#include "ui/ui.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv, ui_run);
}
