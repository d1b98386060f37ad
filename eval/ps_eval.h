/* ps_eval.h — score extracted items against hand-checked gold. */
#ifndef PS_EVAL_H
#define PS_EVAL_H

#include <glib.h>

#include "ps_model.h"

G_BEGIN_DECLS

G_END_DECLS

#endif /* PS_EVAL_H */
