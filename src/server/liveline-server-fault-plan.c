/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-server-fault-plan"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "liveline-server-fault-plan.h"

/* A fault plan makes the reference server misbehave on chosen API requests
 * (docs/api.md, "Fault plans"), so tests of a client can meet a failing
 * endpoint without a second, fake one.
 */

typedef struct
{
  gboolean            every;
  guint64             number;
  LivelineServerFault fault;
} Rule;

struct _LivelineServerFaultPlan
{
  GArray *rules;
};

static gboolean
parse_number (const char  *word,
              guint64      min,
              guint64      max,
              guint64     *out)
{
  return word != NULL && g_ascii_string_to_unsigned (word, 10, min, max, out, NULL);
}

static gboolean
parse_rule (char   **words,
            Rule    *rule)
{
  guint n = g_strv_length (words);
  guint64 value;

  if (n < 3)
    return FALSE;

  if (g_str_equal (words[0], "request"))
    rule->every = FALSE;
  else if (g_str_equal (words[0], "every"))
    rule->every = TRUE;
  else
    return FALSE;

  if (!parse_number (words[1], 1, G_MAXUINT32, &rule->number))
    return FALSE;

  if (g_str_equal (words[2], "status"))
    {
      if (!parse_number (words[3], 400, 599, &value))
        return FALSE;
      rule->fault.kind = LIVELINE_SERVER_FAULT_STATUS;
      rule->fault.status = value;
      rule->fault.retry_after = (value == 429 || value == 503) ? 1 : 0;

      if (n == 4)
        return TRUE;
      if (n != 6 || !g_str_equal (words[4], "retry-after")
          || !parse_number (words[5], 0, 86400, &value))
        return FALSE;
      rule->fault.retry_after = value;
      return TRUE;
    }
  else if (g_str_equal (words[2], "delay"))
    {
      if (n != 4 || !parse_number (words[3], 0, 600000, &value))
        return FALSE;
      rule->fault.kind = LIVELINE_SERVER_FAULT_DELAY;
      rule->fault.delay_ms = value;
      return TRUE;
    }
  else if (g_str_equal (words[2], "drop") && n == 3)
    {
      rule->fault.kind = LIVELINE_SERVER_FAULT_DROP;
      return TRUE;
    }
  else if (g_str_equal (words[2], "garbage") && n == 3)
    {
      rule->fault.kind = LIVELINE_SERVER_FAULT_GARBAGE;
      return TRUE;
    }

  return FALSE;
}

/**
 * liveline_server_fault_plan_new_from_text:
 * @text: the plan, one rule a line
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL when a line does
 *   not parse; the error names the line
 */
LivelineServerFaultPlan *
liveline_server_fault_plan_new_from_text (const char  *text,
                                          GError     **error)
{
  g_autoptr(LivelineServerFaultPlan) self = g_new0 (LivelineServerFaultPlan, 1);
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  self->rules = g_array_new (FALSE, TRUE, sizeof (Rule));
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strdup (lines[i]);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();
      g_auto(GStrv) parts = NULL;
      char *comment = strchr (line, '#');
      Rule rule = { 0 };

      if (comment != NULL)
        *comment = '\0';

      parts = g_strsplit_set (g_strstrip (line), " \t", -1);
      for (guint j = 0; parts[j] != NULL; j++)
        if (parts[j][0] != '\0')
          g_ptr_array_add (words, parts[j]);
      g_ptr_array_add (words, NULL);

      if (words->len == 1)
        continue;

      if (!parse_rule ((char **)words->pdata, &rule))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Line %u of the fault plan is not a rule: “%s”"),
                       i + 1, g_strstrip (lines[i]));
          return NULL;
        }

      g_array_append_val (self->rules, rule);
    }

  return g_steal_pointer (&self);
}

void
liveline_server_fault_plan_free (LivelineServerFaultPlan *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->rules, g_array_unref);
  g_free (self);
}

/**
 * liveline_server_fault_plan_match:
 * @self: a plan
 * @request: the number of the API request, counted from 1
 * @fault: (out): what to do, when a rule matches
 *
 * Returns: whether a rule matches; the first one in the plan wins
 */
gboolean
liveline_server_fault_plan_match (LivelineServerFaultPlan *self,
                                  guint64                  request,
                                  LivelineServerFault     *fault)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fault != NULL, FALSE);

  for (guint i = 0; i < self->rules->len; i++)
    {
      const Rule *rule = &g_array_index (self->rules, Rule, i);

      if (rule->every ? request % rule->number == 0 : request == rule->number)
        {
          *fault = rule->fault;
          return TRUE;
        }
    }

  return FALSE;
}
