/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LIVELINE_SERVER_FAULT_NONE,
  LIVELINE_SERVER_FAULT_STATUS,
  LIVELINE_SERVER_FAULT_DELAY,
  LIVELINE_SERVER_FAULT_DROP,
  LIVELINE_SERVER_FAULT_GARBAGE,
} LivelineServerFaultKind;

typedef struct
{
  LivelineServerFaultKind kind;
  guint                   status;
  guint                   retry_after;
  guint                   delay_ms;
} LivelineServerFault;

typedef struct _LivelineServerFaultPlan LivelineServerFaultPlan;

LivelineServerFaultPlan *liveline_server_fault_plan_new_from_text (const char              *text,
                                                                   GError                 **error);
void                     liveline_server_fault_plan_free          (LivelineServerFaultPlan *self);
gboolean                 liveline_server_fault_plan_match         (LivelineServerFaultPlan *self,
                                                                   guint64                  request,
                                                                   LivelineServerFault     *fault);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LivelineServerFaultPlan, liveline_server_fault_plan_free)

G_END_DECLS
