/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-fuzz"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "liveline-fuzz.h"

/* What the fuzz targets share. libFuzzer calls LLVMFuzzerInitialize() once
 * before the first input: a critical or a warning from GLib is a bug the
 * fuzzer found, so it aborts like a failed check.
 */

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);

/* abort() rather than GLib's breakpoint trap: libFuzzer keeps the input
 * on an abort. */
static void
abort_on_warning (const char     *log_domain,
                  GLogLevelFlags  log_level,
                  const char     *message,
                  gpointer        user_data)
{
  g_log_default_handler (log_domain, log_level, message, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_default_handler (abort_on_warning, NULL);

  return 0;
}

/**
 * liveline_fuzz_string:
 * @data: an input
 * @size: its length
 *
 * Returns: (transfer full): @data as a C string, which ends at its first
 *   NUL byte as text from the network or a file does for the parsers
 */
char *
liveline_fuzz_string (const uint8_t *data,
                      size_t         size)
{
  return g_strndup ((const char *)data, size);
}

/**
 * liveline_fuzz_utf8:
 * @data: an input
 * @size: its length
 *
 * Returns: (transfer full): @data as valid UTF-8, as JSON strings are
 *   once json-glib has read them
 */
char *
liveline_fuzz_utf8 (const uint8_t *data,
                    size_t         size)
{
  g_autofree char *text = liveline_fuzz_string (data, size);

  return g_utf8_make_valid (text, -1);
}

/**
 * liveline_fuzz_fail:
 * @format: what is wrong, printf-style
 *
 * Reports a broken promise of the code under test and aborts, so that
 * libFuzzer keeps the input that caused it.
 */
void
liveline_fuzz_fail (const char *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  fputs ("liveline-fuzz: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);

  abort ();
}
