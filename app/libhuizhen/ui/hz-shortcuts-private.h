/* hz-shortcuts-private.h — the Keyboard Shortcuts window, for the shell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hz-ui.h"

G_BEGIN_DECLS

/* One group of the window that is no plugin's (the shell's own) */
typedef struct
{
  const char       *title;         /* NC_("shortcut window", …) */
  const HzShortcut *shortcuts;
  gsize             n_shortcuts;
} HzShortcutGroup;

/* A new GtkShortcutsWindow for @parent (the keys of actions looked up in
 * its application): @groups (their titles translated in
 * GETTEXT_PACKAGE), then a group for each plugin loaded now that
 * registered shortcuts, titled by the plugin's name and named
 * "shortcuts-MODULE". (transfer none: a toplevel, destroy it) */
GtkWindow *hz_shortcuts_window_new (GtkWindow             *parent,
                                    const HzShortcutGroup *groups,
                                    gsize                  n_groups);

G_END_DECLS
