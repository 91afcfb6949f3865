/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-wordpress-publisher"

#include "config.h"

#include "liveline-endpoint-url.h"
#include "liveline-wordpress-publisher-private.h"

/**
 * LivelineWordpressPublisher:
 *
 * Publishes a live blog to a WordPress site through its REST API, signed
 * in with an Application Password: each update is a post in the blog's
 * category, its photo the post's featured image as well as a figure in
 * its content.
 *
 * The REST API is found from the site's address (the `Link` header with
 * `rel="https://api.w.org/"` of its home page, or `?rest_route=/` when
 * there is none), once. An address that already has a `rest_route`
 * parameter, as `https://example.com/?rest_route=/`, is taken for the
 * API's root as it is.
 *
 * WordPress keeps no idempotency keys, so a post is known by its slug,
 * `liveline-<its UUID>`, and a photo by one made from its upload's key:
 * each is looked up before it is made, and duplicates that a lost answer
 * let through are deleted (see liveline-wordpress-publisher-slug.c).
 *
 * As with #LivelineJsonPublisher, the #SoupSession belongs to whoever made
 * it; an operation, all its requests together, may take
 * liveline_wordpress_publisher_set_request_deadline() at most. Plain
 * `http://` is only spoken to this computer, redirects are never
 * followed, and the password goes nowhere but the site's own address; it
 * is never logged and cannot be read back from the object.
 */

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SITE_URL,
  PROP_USERNAME,
  PROP_APPLICATION_PASSWORD,
  PROP_CATEGORY_ID,
  PROP_CATEGORY_NAME,
  N_PROPS
};

G_DEFINE_FINAL_TYPE_WITH_CODE (LivelineWordpressPublisher, liveline_wordpress_publisher, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LIVELINE_TYPE_PUBLISHER,
                                                      _liveline_wordpress_publisher_posts_iface_init))

static GParamSpec *properties[N_PROPS];

/* WordPress shows Application Passwords in groups of four, and takes them
 * with or without the spaces between. */
static char *
basic_authorization (const char *username,
                     const char *password)
{
  g_autoptr(GString) credentials = g_string_new (username);
  g_autofree char *encoded = NULL;

  g_string_append_c (credentials, ':');
  for (const char *p = password; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (credentials, *p);

  encoded = g_base64_encode ((const guchar *)credentials->str, credentials->len);
  memset (credentials->str, 0, credentials->len);

  return g_strconcat ("Basic ", encoded, NULL);
}

static void
liveline_wordpress_publisher_constructed (GObject *object)
{
  LivelineWordpressPublisher *self = LIVELINE_WORDPRESS_PUBLISHER (object);

  G_OBJECT_CLASS (liveline_wordpress_publisher_parent_class)->constructed (object);

  self->url_error = liveline_endpoint_url_check (self->site_url);

  self->authorization = basic_authorization (self->username != NULL ? self->username : "",
                                             self->password);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);

  if (self->category_id != NULL && self->category_id[0] == '\0')
    g_clear_pointer (&self->category_id, g_free);
}

static void
liveline_wordpress_publisher_dispose (GObject *object)
{
  LivelineWordpressPublisher *self = LIVELINE_WORDPRESS_PUBLISHER (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (liveline_wordpress_publisher_parent_class)->dispose (object);
}

static void
liveline_wordpress_publisher_finalize (GObject *object)
{
  LivelineWordpressPublisher *self = LIVELINE_WORDPRESS_PUBLISHER (object);

  g_clear_pointer (&self->site_url, g_free);
  g_clear_pointer (&self->username, g_free);
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_clear_pointer (&self->authorization, g_free);
  g_clear_pointer (&self->category_id, g_free);
  g_clear_pointer (&self->category_name, g_free);
  g_clear_pointer (&self->rest_root, g_free);
  g_clear_pointer (&self->found_category_id, g_free);
  g_clear_error (&self->url_error);

  G_OBJECT_CLASS (liveline_wordpress_publisher_parent_class)->finalize (object);
}

static void
liveline_wordpress_publisher_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  LivelineWordpressPublisher *self = LIVELINE_WORDPRESS_PUBLISHER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SITE_URL:
      g_value_set_string (value, self->site_url);
      break;

    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;

    case PROP_CATEGORY_ID:
      g_value_set_string (value, self->category_id);
      break;

    case PROP_CATEGORY_NAME:
      g_value_set_string (value, self->category_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_wordpress_publisher_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  LivelineWordpressPublisher *self = LIVELINE_WORDPRESS_PUBLISHER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_SITE_URL:
      self->site_url = g_value_dup_string (value);
      break;

    case PROP_USERNAME:
      self->username = g_value_dup_string (value);
      break;

    case PROP_APPLICATION_PASSWORD:
      self->password = g_value_dup_string (value);
      break;

    case PROP_CATEGORY_ID:
      self->category_id = g_value_dup_string (value);
      break;

    case PROP_CATEGORY_NAME:
      self->category_name = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_wordpress_publisher_class_init (LivelineWordpressPublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = liveline_wordpress_publisher_constructed;
  object_class->dispose = liveline_wordpress_publisher_dispose;
  object_class->finalize = liveline_wordpress_publisher_finalize;
  object_class->get_property = liveline_wordpress_publisher_get_property;
  object_class->set_property = liveline_wordpress_publisher_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SOUP_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SITE_URL] =
    g_param_spec_string ("site-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Write-only, so that no property dump can show it. */
  properties[PROP_APPLICATION_PASSWORD] =
    g_param_spec_string ("application-password", NULL, NULL,
                         NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CATEGORY_ID] =
    g_param_spec_string ("category-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CATEGORY_NAME] =
    g_param_spec_string ("category-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liveline_wordpress_publisher_init (LivelineWordpressPublisher *self)
{
  self->request_deadline = LIVELINE_WORDPRESS_PUBLISHER_REQUEST_DEADLINE_S;
}

/**
 * liveline_wordpress_publisher_new:
 * @session: the #SoupSession to send through; its owner sets its timeouts
 * @site_url: the site's address, such as `https://news.example.com/`
 * @username: the WordPress user to publish as
 * @application_password: one of the user's Application Passwords, with or
 *   without its spaces
 * @category_id: (nullable): the id of the category the live blog goes to,
 *   as decimal text
 * @category_name: (nullable): when @category_id is %NULL, the name of the
 *   category: found by name on first use, or made
 *
 * Makes a publisher for one live blog on a WordPress site. A @site_url
 * that is not allowed (see #LivelineWordpressPublisher) does not fail
 * here: every request fails instead, with a message to show.
 *
 * Returns: (transfer full): a new #LivelineWordpressPublisher
 */
LivelineWordpressPublisher *
liveline_wordpress_publisher_new (SoupSession *session,
                                  const char  *site_url,
                                  const char  *username,
                                  const char  *application_password,
                                  const char  *category_id,
                                  const char  *category_name)
{
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (site_url != NULL, NULL);
  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (application_password != NULL, NULL);
  g_return_val_if_fail (category_id != NULL || category_name != NULL, NULL);

  return g_object_new (LIVELINE_TYPE_WORDPRESS_PUBLISHER,
                       "session", session,
                       "site-url", site_url,
                       "username", username,
                       "application-password", application_password,
                       "category-id", category_id,
                       "category-name", category_name,
                       NULL);
}

/**
 * liveline_wordpress_publisher_set_delete_permanently:
 * @self: a #LivelineWordpressPublisher
 * @delete_permanently: whether a retraction deletes the post for good
 *
 * A retraction moves the post to WordPress's trash, from where an editor
 * can bring it back, unless set otherwise here.
 */
void
liveline_wordpress_publisher_set_delete_permanently (LivelineWordpressPublisher *self,
                                                     gboolean                    delete_permanently)
{
  g_return_if_fail (LIVELINE_IS_WORDPRESS_PUBLISHER (self));

  self->delete_permanently = !!delete_permanently;
}

/**
 * liveline_wordpress_publisher_set_request_deadline:
 * @self: a #LivelineWordpressPublisher
 * @seconds: how long an operation may take from start to end, at least 1
 *
 * An operation still going after @seconds, however steadily the site
 * answers, fails as %LIVELINE_PUBLISHER_ERROR_TRANSIENT, to be tried
 * again. It is %LIVELINE_WORDPRESS_PUBLISHER_REQUEST_DEADLINE_S unless set.
 */
void
liveline_wordpress_publisher_set_request_deadline (LivelineWordpressPublisher *self,
                                                   guint                       seconds)
{
  g_return_if_fail (LIVELINE_IS_WORDPRESS_PUBLISHER (self));
  g_return_if_fail (seconds > 0);

  self->request_deadline = seconds;
}
