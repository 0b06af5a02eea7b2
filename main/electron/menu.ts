import { Menu, type MenuItemConstructorOptions } from 'electron';

/** The standard roles only; reload and devtools in development builds. */
export function menuTemplate(
  dev: boolean,
  platform = process.platform,
): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') template.push({ role: 'appMenu' });
  else template.push({ label: 'File', submenu: [{ role: 'quit' }] });
  template.push({ role: 'editMenu' });
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (dev)
    view.unshift(
      { role: 'reload' },
      { role: 'forceReload' },
      { role: 'toggleDevTools' },
      { type: 'separator' },
    );
  template.push({ label: 'View', submenu: view });
  template.push({ role: 'windowMenu' });
  return template;
}

export function installMenu(dev: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(dev)));
}
