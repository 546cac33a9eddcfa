/** The absolute path of the installed Electron executable, or null; never downloads it. */
export function electronBinaryPath(options?: {
  electronDir?: string;
  env?: Readonly<Record<string, string | undefined>>;
}): string | null;
