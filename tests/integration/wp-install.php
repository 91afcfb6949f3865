<?php
// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright 2026 The Liveline developers
//
// Installs the integration tests' WordPress without a browser or wp-cli:
//
//   php wp-install.php ABSPATH URL USER PASSWORD [APP_PASSWORD]
//
// Runs WordPress's own installer if the database is empty (the admin is
// USER with PASSWORD), turns pretty permalinks on (so the REST API answers
// under /wp-json/), and prints an Application Password for USER on stdout:
// APP_PASSWORD itself if it is still one of USER's, otherwise a new one.
// It can be run again and again. Everything else it says goes to stderr.

if ( PHP_SAPI !== 'cli' ) {
  exit( 1 );
}

// PHP's notices must not mix with the password on stdout.
ini_set( 'display_errors', 'stderr' );

if ( $argc < 5 ) {
  fwrite( STDERR, "usage: php wp-install.php ABSPATH URL USER PASSWORD [APP_PASSWORD]\n" );
  exit( 2 );
}
// Prefixed, because WordPress sets globals of its own, $user_login among them.
list( , $ll_abspath, $ll_url, $ll_login, $ll_password ) = $argv;
$ll_app_password = isset( $argv[5] ) ? $argv[5] : '';
$ll_app_name     = 'Liveline integration tests';

// What WordPress expects of a web request.
$ll_parts                   = parse_url( $ll_url );
$_SERVER['HTTP_HOST']       = $ll_parts['host'] . ( isset( $ll_parts['port'] ) ? ':' . $ll_parts['port'] : '' );
$_SERVER['SERVER_NAME']     = $ll_parts['host'];
$_SERVER['SERVER_PORT']     = isset( $ll_parts['port'] ) ? $ll_parts['port'] : 80;
$_SERVER['REQUEST_URI']     = '/';
$_SERVER['REQUEST_METHOD']  = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

define( 'ABSPATH', rtrim( $ll_abspath, '/' ) . '/' );
define( 'WP_INSTALLING', true );

// There is no mail here: the "your new site" message goes nowhere. The
// installer only defines its own when this one does not exist.
function wp_new_blog_notification( $blog_title, $blog_url, $user_id, $password ) {
}

require ABSPATH . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

function ll_fail( $what ) {
  fwrite( STDERR, "wp-install: $what\n" );
  exit( 1 );
}

if ( ! is_blog_installed() ) {
  fwrite( STDERR, "wp-install: installing WordPress\n" );
  $ll_result = wp_install( 'Liveline integration', $ll_login, 'liveline@example.invalid',
    false, '', wp_slash( $ll_password ) );
  if ( is_wp_error( $ll_result ) ) {
    ll_fail( $ll_result->get_error_message() );
  }
}

// Pretty permalinks, as most blogs have them. The rules themselves are in
// the Apache configuration, so nothing is written to an .htaccess.
$ll_structure = '/%year%/%monthnum%/%day%/%postname%/';
if ( get_option( 'permalink_structure' ) !== $ll_structure ) {
  global $wp_rewrite;
  $wp_rewrite->set_permalink_structure( $ll_structure );
  flush_rewrite_rules( false );
}

$ll_user = get_user_by( 'login', $ll_login );
if ( ! $ll_user ) {
  ll_fail( "no user $ll_login" );
}

// Keep the Application Password the state folder already knows, if it
// still opens the door; WordPress keeps only a hash of it.
$ll_known = preg_replace( '/[^a-z\d]/i', '', $ll_app_password );
$ll_items = WP_Application_Passwords::get_user_application_passwords( $ll_user->ID );
foreach ( $ll_items as $ll_item ) {
  if ( '' !== $ll_known && wp_check_password( $ll_known, $ll_item['password'], $ll_user->ID ) ) {
    echo $ll_known, "\n";
    exit( 0 );
  }
}

// Otherwise a new one, in place of the one that was lost.
foreach ( $ll_items as $ll_item ) {
  if ( $ll_item['name'] === $ll_app_name ) {
    WP_Application_Passwords::delete_application_password( $ll_user->ID, $ll_item['uuid'] );
  }
}

$ll_created = WP_Application_Passwords::create_new_application_password( $ll_user->ID, array( 'name' => $ll_app_name ) );
if ( is_wp_error( $ll_created ) ) {
  ll_fail( $ll_created->get_error_message() );
}
fwrite( STDERR, "wp-install: created an Application Password for $ll_login\n" );
echo $ll_created[0], "\n";
