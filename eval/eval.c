/* eval.c — placeholder until the scorer lands. */
#include "ps_eval.h"

int ps_eval_placeholder (void);

int
ps_eval_placeholder (void)
{
  return 0;
}
