/**
 * The main window's behaviour: closing it hides it to the tray (the CTI link stays up), unless the
 * app is quitting; showing it restores, shows and focuses it. Created hidden and shown on
 * `ready-to-show`, unless the app started hidden (at login).
 */
export interface WindowLike {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isVisible(): boolean;
  restore(): void;
  show(): void;
  hide(): void;
  focus(): void;
}

export interface WindowBehaviour {
  /** Show, restore and focus (tray "show", notification click, second launch). */
  showAndFocus(): void;
  /** From now on a close really closes (the app is quitting). */
  allowClose(): void;
}

export function manageWindow(
  win: WindowLike,
  options: { startHidden: boolean; closeToTray: () => boolean; maximize?: () => void },
): WindowBehaviour {
  let quitting = false;
  win.on('close', (event) => {
    if (quitting || !options.closeToTray()) return;
    event.preventDefault();
    win.hide();
  });
  win.once('ready-to-show', () => {
    if (options.startHidden) return;
    options.maximize?.();
    win.show();
  });
  return {
    showAndFocus() {
      if (win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      if (!win.isVisible()) win.show();
      win.focus();
    },
    allowClose() {
      quitting = true;
    },
  };
}

/**
 * Whether the window starts hidden in the tray: the agent's setting, `--hidden` (the login item on
 * Windows and Linux), or macOS reporting that it opened the app at login. Pure.
 */
export function startsHidden(input: {
  setting: boolean;
  argvHidden: boolean;
  platform: string;
  openedAtLogin: () => boolean;
}): boolean {
  return input.setting || input.argvHidden || (input.platform === 'darwin' && input.openedAtLogin());
}
