/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

/* Times the first frame of any X11 program from outside, the same way for
 * every program, for build-aux/bench-first-frame (which builds it: it is
 * not part of Liveline):
 *
 *   first-frame-watch [--close] -- COMMAND [ARG…]
 *
 * It starts COMMAND and watches the screen with the X DAMAGE extension. The
 * first time a top-level window of COMMAND holds pixels that are not all the
 * same colour, it prints one line on stdout:
 *
 *   external first-frame-ms=362.1 rss-kb=176512
 *
 * the time since it started COMMAND and VmRSS of COMMAND's process at that
 * moment. With --close it then asks the window to close (WM_DELETE_WINDOW,
 * as a window manager would) and ends COMMAND if it has not quit after a
 * while; without, it waits for COMMAND to quit by itself. It exits 0 when a
 * frame was seen, 1 otherwise.
 *
 * Damage is watched on the root window, which takes in the drawing to every
 * window on it, from before COMMAND starts: a window that paints before the
 * watcher sees it mapped cannot be missed. The root is made plain black
 * first, so a window that was mapped but not drawn yet reads as uniform.
 */

#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xdamage.h>

#define FRAME_TIMEOUT_MS 30000
#define CLOSE_TIMEOUT_MS 5000

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);

  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* A window can go away between an event and a request about it. */
static int
ignore_x_error (Display     *display,
                XErrorEvent *event)
{
  (void)display;
  (void)event;

  return 0;
}

static long
read_rss_kb (pid_t pid)
{
  char path[64];
  char line[256];
  long rss = -1;
  FILE *status;

  snprintf (path, sizeof path, "/proc/%d/status", (int)pid);
  if (!(status = fopen (path, "r")))
    return -1;

  while (fgets (line, sizeof line, status))
    {
      if (strncmp (line, "VmRSS:", 6) == 0)
        {
          rss = strtol (line + 6, NULL, 10);
          break;
        }
    }

  fclose (status);

  return rss;
}

/* The _NET_WM_PID of @window, or 0 when it does not say. */
static pid_t
window_pid (Display *display,
            Window   window)
{
  Atom net_wm_pid = XInternAtom (display, "_NET_WM_PID", False);
  unsigned char *data = NULL;
  unsigned long n_items;
  unsigned long after;
  Atom type;
  int format;
  pid_t pid = 0;

  if (XGetWindowProperty (display, window, net_wm_pid, 0, 1, False, XA_CARDINAL,
                          &type, &format, &n_items, &after, &data) == Success &&
      data != NULL && format == 32 && n_items == 1)
    pid = (pid_t)*(unsigned long *)data;

  if (data != NULL)
    XFree (data);

  return pid;
}

/* Whether @window shows more than one colour. */
static int
window_is_drawn (Display *display,
                 Window   window)
{
  XWindowAttributes attributes;
  unsigned long first;
  XImage *image;
  int drawn = 0;

  if (!XGetWindowAttributes (display, window, &attributes) ||
      attributes.map_state != IsViewable || attributes.width < 2 || attributes.height < 2)
    return 0;

  if (!(image = XGetImage (display, window, 0, 0, attributes.width, attributes.height,
                           AllPlanes, ZPixmap)))
    return 0;

  first = XGetPixel (image, 0, 0);
  for (int y = 0; y < attributes.height && !drawn; y++)
    for (int x = 0; x < attributes.width && !drawn; x++)
      drawn = XGetPixel (image, x, y) != first;

  XDestroyImage (image);

  return drawn;
}

static void
ask_to_close (Display *display,
              Window   window)
{
  XEvent event = { 0 };

  event.xclient.type = ClientMessage;
  event.xclient.window = window;
  event.xclient.message_type = XInternAtom (display, "WM_PROTOCOLS", False);
  event.xclient.format = 32;
  event.xclient.data.l[0] = XInternAtom (display, "WM_DELETE_WINDOW", False);
  event.xclient.data.l[1] = CurrentTime;
  XSendEvent (display, window, False, NoEventMask, &event);
  XFlush (display);
}

/* Waits up to @timeout_ms for @pid to end; returns whether it did. */
static int
wait_for_exit (pid_t pid,
               int   timeout_ms)
{
  double deadline = now_ms () + timeout_ms;

  do
    {
      if (waitpid (pid, NULL, WNOHANG) == pid)
        return 1;
      usleep (10000);
    }
  while (timeout_ms < 0 || now_ms () < deadline);

  return 0;
}

static void
end (pid_t pid)
{
  kill (pid, SIGTERM);
  if (!wait_for_exit (pid, 2000))
    {
      kill (pid, SIGKILL);
      waitpid (pid, NULL, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  Window windows[16];
  int n_windows = 0;
  Window drawn = None;
  int close_window = 0;
  int damage_event;
  int damage_error;
  Display *display;
  Window root;
  double start;
  double frame_ms = 0;
  long rss_kb = -1;
  int first_arg = 1;
  pid_t pid;

  for (; first_arg < argc && argv[first_arg][0] == '-'; first_arg++)
    {
      if (strcmp (argv[first_arg], "--close") == 0)
        close_window = 1;
      else if (strcmp (argv[first_arg], "--") == 0)
        {
          first_arg++;
          break;
        }
      else
        first_arg = argc;
    }

  if (first_arg >= argc)
    {
      fprintf (stderr, "Usage: %s [--close] -- COMMAND [ARG…]\n", argv[0]);
      return 2;
    }

  if (!(display = XOpenDisplay (NULL)))
    {
      fprintf (stderr, "%s: cannot open the display\n", argv[0]);
      return 2;
    }

  if (!XDamageQueryExtension (display, &damage_event, &damage_error))
    {
      fprintf (stderr, "%s: the X server has no DAMAGE extension\n", argv[0]);
      return 2;
    }

  XSetErrorHandler (ignore_x_error);
  fcntl (ConnectionNumber (display), F_SETFD, FD_CLOEXEC);

  root = DefaultRootWindow (display);
  XSetWindowBackground (display, root, BlackPixel (display, DefaultScreen (display)));
  XClearWindow (display, root);
  XSelectInput (display, root, SubstructureNotifyMask);
  XDamageCreate (display, root, XDamageReportNonEmpty);
  XSync (display, False);

  fflush (stdout);
  start = now_ms ();
  pid = fork ();
  if (pid < 0)
    {
      perror ("fork");
      return 2;
    }

  if (pid == 0)
    {
      execvp (argv[first_arg], argv + first_arg);
      fprintf (stderr, "%s: cannot run %s: %s\n", argv[0], argv[first_arg], strerror (errno));
      _exit (127);
    }

  while (drawn == None && now_ms () - start < FRAME_TIMEOUT_MS)
    {
      struct pollfd poll_fd = { ConnectionNumber (display), POLLIN, 0 };

      if (XPending (display) == 0)
        {
          if (waitpid (pid, NULL, WNOHANG) == pid)
            {
              fprintf (stderr, "%s: %s quit before showing a window\n", argv[0], argv[first_arg]);
              return 1;
            }
          poll (&poll_fd, 1, 100);
          continue;
        }

      while (XPending (display) > 0 && drawn == None)
        {
          double received = now_ms ();
          XEvent event;

          XNextEvent (display, &event);

          if (event.type == MapNotify && event.xmap.event == root &&
              !event.xmap.override_redirect && n_windows < (int)(sizeof windows / sizeof windows[0]))
            {
              pid_t owner = window_pid (display, event.xmap.window);

              if (owner == 0 || owner == pid)
                windows[n_windows++] = event.xmap.window;
            }
          else if (event.type == damage_event + XDamageNotify)
            {
              XDamageNotifyEvent *damage = (XDamageNotifyEvent *)&event;

              XDamageSubtract (display, damage->damage, None, None);

              /* The time the pixels were drawn, not the time they were read. */
              for (int i = 0; i < n_windows && drawn == None; i++)
                {
                  long rss = read_rss_kb (pid);

                  if (window_is_drawn (display, windows[i]))
                    {
                      drawn = windows[i];
                      frame_ms = received - start;
                      rss_kb = rss;
                    }
                }
            }
        }
    }

  if (drawn == None)
    {
      fprintf (stderr, "%s: %s showed no frame in %d s\n", argv[0], argv[first_arg],
               FRAME_TIMEOUT_MS / 1000);
      end (pid);
      return 1;
    }

  printf ("external first-frame-ms=%.1f rss-kb=%ld\n", frame_ms, rss_kb);
  fflush (stdout);

  if (close_window)
    {
      ask_to_close (display, drawn);
      if (!wait_for_exit (pid, CLOSE_TIMEOUT_MS))
        end (pid);
    }
  else
    {
      wait_for_exit (pid, -1);
    }

  XCloseDisplay (display);

  return 0;
}
