/* cmd_eval.c — plansift eval --gold GOLDDIR OUTDIR. */
#include "cli.h"

int
cmd_eval (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  cli_error (NULL, "eval: not available yet");
  return CLI_EXIT_FAILED;
}
