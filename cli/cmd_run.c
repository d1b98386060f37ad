/* cmd_run.c — plansift run: all stages over files and folders. */
#include "cli.h"

int
cmd_run (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  cli_error (NULL, "run: not available yet");
  return CLI_EXIT_FAILED;
}
