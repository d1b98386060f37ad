/* harness.h — a tiny test harness: checks count failures and say where. */
#ifndef PS_TEST_HARNESS_H
#define PS_TEST_HARNESS_H

#include <glib.h>
#include <stdio.h>
#include <string.h>

static int harness_failures;
static int harness_checks;

#define OK(cond)                                                                    \
  do                                                                                \
    {                                                                               \
      harness_checks++;                                                             \
      if (!(cond))                                                                  \
        {                                                                           \
          harness_failures++;                                                       \
          fprintf (stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                           \
    }                                                                               \
  while (0)

#define INT_EQ(a, b)                                                                 \
  do                                                                                 \
    {                                                                                \
      long long a_ = (long long) (a), b_ = (long long) (b);                          \
      harness_checks++;                                                              \
      if (a_ != b_)                                                                  \
        {                                                                            \
          harness_failures++;                                                        \
          fprintf (stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, \
                   #a, a_, b_);                                                      \
        }                                                                            \
    }                                                                                \
  while (0)

#define STR_EQ(a, b)                                                                   \
  do                                                                                   \
    {                                                                                  \
      const char *a_ = (a), *b_ = (b);                                                 \
      harness_checks++;                                                                \
      if (g_strcmp0 (a_, b_) != 0)                                                     \
        {                                                                              \
          harness_failures++;                                                          \
          fprintf (stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, \
                   #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                        \
        }                                                                              \
    }                                                                                  \
  while (0)

static inline int
harness_done (const char *name)
{
  fprintf (stderr, "%s: %d checks, %d failed\n", name, harness_checks, harness_failures);
  return harness_failures ? 1 : 0;
}

#endif /* PS_TEST_HARNESS_H */
