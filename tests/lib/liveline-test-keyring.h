/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _LivelineTestKeyring LivelineTestKeyring;

LivelineTestKeyring *liveline_test_keyring_start       (const char          *home);
void                 liveline_test_keyring_stop        (LivelineTestKeyring *keyring);
GPid                 liveline_test_session_bus_hold    (void);
void                 liveline_test_session_bus_release (GPid                 daemon);

G_END_DECLS
