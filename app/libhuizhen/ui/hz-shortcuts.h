/* hz-shortcuts.h — a plugin's keys in the shell's Keyboard Shortcuts window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_UI_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <hz-ui.h> can be included directly."
#endif

#include <gtk/gtk.h>
#include <libpeas/peas.h>

G_BEGIN_DECLS

/**
 * HzShortcut:
 * @title: what the key does, marked `NC_("shortcut window", "…")` and
 *   translated in @translation_domain when the window is shown
 * @accelerator: the keys, as #GtkShortcutsShortcut:accelerator spells them
 *   (`<Control>g`; alternatives separated by a space, `Page_Down <Alt>Right`;
 *   a range, `<Alt>1...<Alt>9`), or %NULL for a gesture or an action
 * @action_name: an `app.` or `win.` action whose accelerators the
 *   application knows, shown as they are set; or %NULL
 * @type: %GTK_SHORTCUT_ACCELERATOR (0) for keys, or one of the touchpad
 *   gestures (%GTK_SHORTCUT_GESTURE_PINCH...), which need no @accelerator
 *
 * One row of a plugin's group in the Keyboard Shortcuts window. A plugin
 * keeps them in a static table and registers it with
 * hz_shortcuts_register() from peas_register_types().
 */
typedef struct
{
  const char      *title;
  const char      *accelerator;
  const char      *action_name;
  GtkShortcutType  type;
} HzShortcut;

void hz_shortcuts_register (PeasObjectModule *module,
                            const char       *translation_domain,
                            const HzShortcut *shortcuts,
                            gsize             n_shortcuts);

G_END_DECLS
