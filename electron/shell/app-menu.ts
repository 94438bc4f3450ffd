/**
 * The standard application menu (File, Edit, View, Window, Help), with "Open…" sent to the
 * renderer as a `menu:command` so the open flow stays in one place.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** What the menu asks of the app. */
export interface MenuActions {
  readonly openFile: () => void;
  readonly about: () => void;
}

/** The menu template for `platform` (macOS gets the app menu first). */
export function appMenuTemplate(platform: string, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open File…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFile() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Omneo Profile Importer', click: () => actions.about() }] },
  ];
}
