/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

/* What every fuzz target defines: libFuzzer calls it with each input. */
int   LLVMFuzzerTestOneInput (const uint8_t *data,
                              size_t         size);

char *liveline_fuzz_string   (const uint8_t *data,
                              size_t         size);
char *liveline_fuzz_utf8     (const uint8_t *data,
                              size_t         size);
void  liveline_fuzz_fail     (const char    *format,
                              ...) G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN;

G_END_DECLS
