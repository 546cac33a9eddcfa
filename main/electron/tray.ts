/**
 * The tray view port through Electron's `Tray` and `Menu`: it draws the desk's tray model and
 * nothing more. Icon per state and theme, tooltip, menu; a menu click hands the item's `TrayAction`
 * back. Electron's constructors are injected, so this runs under test with small fakes.
 */
import { join } from 'node:path';
import type { TrayAction, TrayIcon, TrayMenuItem, TrayModel } from '../../preload/contract';
import type { TrayView } from '../desk/ports';

export const TRAY_ICONS: readonly TrayIcon[] = [
  'ready',
  'paused',
  'on-call',
  'ringing',
  'wrapup',
  'logged-out',
  'offline',
];

/**
 * The icon file for a state. macOS: a monochrome template image the system tints. Windows: an
 * `.ico` (16 and 32 px inside). Linux: a PNG (with an `@2x` beside it). `dark` means the icon sits
 * on a dark taskbar or panel, so it is drawn in lighter colours. Pure.
 */
export function trayIconFile(icon: TrayIcon, platform: NodeJS.Platform, dark: boolean): string {
  if (platform === 'darwin') return `tray-${icon}Template.png`;
  const variant = dark ? 'dark' : 'light';
  return platform === 'win32' ? `tray-${icon}-${variant}.ico` : `tray-${icon}-${variant}.png`;
}

/**
 * Whether the tray icon sits on a dark background. Windows: the taskbar's own theme. Linux: the
 * panels of GNOME, Ubuntu and KDE's default theme are dark whatever the app theme, so dark. macOS
 * uses template images and ignores this. Pure.
 */
export function trayIsDark(platform: NodeJS.Platform, appDark: boolean, systemUiDark: boolean): boolean {
  if (platform === 'win32') return systemUiDark;
  if (platform === 'linux') return true;
  return appDark;
}

export interface MenuItemOptions {
  id?: string;
  label?: string;
  type?: 'normal' | 'separator' | 'submenu';
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItemOptions[];
}

/** The Electron menu template for the model's menu; each click calls `onAction` with its action. Pure. */
export function menuTemplate(
  items: readonly TrayMenuItem[],
  onAction: (action: TrayAction) => void,
): MenuItemOptions[] {
  return items.map((item): MenuItemOptions => {
    if (item.kind === 'separator') return { id: item.id, type: 'separator' };
    if (item.kind === 'submenu') {
      return {
        id: item.id,
        label: item.label,
        type: 'submenu',
        enabled: item.enabled,
        submenu: menuTemplate(item.submenu, onAction),
      };
    }
    const action = item.action;
    return {
      id: item.id,
      label: item.label,
      type: 'normal',
      enabled: item.enabled && action !== null,
      ...(action ? { click: () => onAction(action) } : {}),
    };
  });
}

export interface TrayLike {
  setImage(image: unknown): void;
  setToolTip(toolTip: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps<Image> {
  Tray: new (image: Image) => TrayLike;
  Menu: { buildFromTemplate(template: MenuItemOptions[]): unknown };
  nativeImage: { createFromPath(path: string): Image };
}

export interface TrayOptions {
  iconDir: string;
  platform: NodeJS.Platform;
  /** Whether the taskbar/panel is dark; asked again on `refreshTheme()`. */
  isDark: () => boolean;
  onAction: (action: TrayAction) => void;
  /** A left click on the icon (Windows, macOS): show the window. */
  onClick: () => void;
}

export interface HostTray extends TrayView {
  /** Redraws the icon after the system theme changed. */
  refreshTheme(): void;
  destroy(): void;
}

export function createTray<Image>(deps: TrayDeps<Image>, options: TrayOptions): HostTray {
  const image = (icon: TrayIcon) =>
    deps.nativeImage.createFromPath(
      join(options.iconDir, trayIconFile(icon, options.platform, options.isDark())),
    );

  let icon: TrayIcon = 'offline';
  let iconFile = trayIconFile(icon, options.platform, options.isDark());
  const tray = new deps.Tray(image(icon));
  tray.on('click', options.onClick);
  let tooltip: string | null = null;
  let menuKey: string | null = null;

  const drawIcon = () => {
    const file = trayIconFile(icon, options.platform, options.isDark());
    if (file === iconFile) return;
    iconFile = file;
    tray.setImage(image(icon));
  };

  return {
    render(model: TrayModel) {
      icon = model.icon;
      drawIcon();
      if (model.tooltip !== tooltip) {
        tooltip = model.tooltip;
        tray.setToolTip(model.tooltip);
      }
      // Rebuilding an unchanged menu makes some Linux panels flicker and close an open menu.
      const key = JSON.stringify(model.menu);
      if (key !== menuKey) {
        menuKey = key;
        tray.setContextMenu(deps.Menu.buildFromTemplate(menuTemplate(model.menu, options.onAction)));
      }
    },
    refreshTheme: drawIcon,
    destroy: () => tray.destroy(),
  };
}
