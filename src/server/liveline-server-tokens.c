/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-server-tokens"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "liveline-server-private.h"
#include "liveline-server-tokens.h"

/* The bearer tokens the API accepts, each for every live blog or for a list
 * of them (docs/api.md, "Running the reference server"). Only a SHA-256
 * digest of each token is kept, and a token is looked up by comparing its
 * digest with every one, in a time that does not depend on where they
 * differ.
 */

#define DIGEST_SIZE 32

typedef struct
{
  guint8  digest[DIGEST_SIZE];
  GStrv   blogs;
} Token;

struct _LivelineServerTokens
{
  GArray *tokens;
};

static void
token_clear (Token *token)
{
  g_clear_pointer (&token->blogs, g_strfreev);
}

static void
digest_token (const char *text,
              guint8      digest[DIGEST_SIZE])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize size = DIGEST_SIZE;

  g_checksum_update (checksum, (const guchar *)text, strlen (text));
  g_checksum_get_digest (checksum, digest, &size);
  g_assert (size == DIGEST_SIZE);
}

LivelineServerTokens *
liveline_server_tokens_new (void)
{
  LivelineServerTokens *self = g_new0 (LivelineServerTokens, 1);

  self->tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_array_set_clear_func (self->tokens, (GDestroyNotify)token_clear);

  return self;
}

void
liveline_server_tokens_free (LivelineServerTokens *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->tokens);
  g_free (self);
}

/**
 * liveline_server_tokens_add:
 * @self: the tokens
 * @token: a bearer token
 * @blogs: (nullable) (array zero-terminated=1): the slugs of the live blogs
 *   it may change, or %NULL for all of them
 */
void
liveline_server_tokens_add (LivelineServerTokens *self,
                            const char           *token,
                            const char * const   *blogs)
{
  Token entry = { { 0 }, NULL };

  g_return_if_fail (self != NULL);
  g_return_if_fail (token != NULL && *token != '\0');

  digest_token (token, entry.digest);
  entry.blogs = blogs != NULL ? g_strdupv ((char **)blogs) : NULL;
  g_array_append_val (self->tokens, entry);
}

/**
 * liveline_server_tokens_add_line:
 * @self: the tokens
 * @line: a token, then optionally the slugs of the blogs it may change,
 *   separated by spaces or commas; "*" or no slug at all means every blog
 * @error: a location for a #GError
 *
 * Returns: %TRUE when the line held a token and only valid slugs
 */
gboolean
liveline_server_tokens_add_line (LivelineServerTokens  *self,
                                 const char            *line,
                                 GError               **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) blogs = NULL;
  const char *token = NULL;
  gboolean every_blog = FALSE;
  guint n_blogs = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (line != NULL, FALSE);

  words = g_strsplit_set (line, " \t,", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];

      if (*word == '\0')
        continue;

      if (token == NULL)
        token = word;
      else if (g_str_equal (word, "*"))
        every_blog = TRUE;
      else if (_liveline_server_is_slug (word))
        {
          g_strv_builder_add (builder, word);
          n_blogs++;
        }
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not the name of a live blog (1 to 64 of a-z, 0-9 and -)"),
                       word);
          return FALSE;
        }
    }

  if (token == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("No token is given"));
      return FALSE;
    }

  blogs = g_strv_builder_end (builder);
  liveline_server_tokens_add (self, token,
                              every_blog || n_blogs == 0 ? NULL : (const char * const *)blogs);

  return TRUE;
}

guint
liveline_server_tokens_get_size (LivelineServerTokens *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->tokens->len;
}

/**
 * liveline_server_tokens_find:
 * @self: the tokens
 * @token: the token a client sent
 * @blogs: (out) (optional) (transfer none): the blogs it may change, %NULL
 *   for all of them
 *
 * Returns: whether @token is one of the tokens
 */
gboolean
liveline_server_tokens_find (LivelineServerTokens  *self,
                             const char            *token,
                             const char * const   **blogs)
{
  guint8 digest[DIGEST_SIZE];
  const Token *found = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  digest_token (token, digest);

  /* Every token is compared whole, whichever matches. */
  for (guint i = 0; i < self->tokens->len; i++)
    {
      const Token *entry = &g_array_index (self->tokens, Token, i);
      guint8 difference = 0;

      for (guint j = 0; j < DIGEST_SIZE; j++)
        difference |= entry->digest[j] ^ digest[j];

      if (difference == 0)
        found = entry;
    }

  if (blogs != NULL)
    *blogs = found != NULL ? (const char * const *)found->blogs : NULL;

  return found != NULL;
}

/**
 * liveline_server_tokens_covers:
 * @blogs: (nullable): what liveline_server_tokens_find() gave
 * @blog: a blog's slug
 *
 * Returns: whether a token for @blogs may change @blog
 */
gboolean
liveline_server_tokens_covers (const char * const *blogs,
                               const char         *blog)
{
  return blogs == NULL || g_strv_contains (blogs, blog);
}
