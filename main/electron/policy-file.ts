/**
 * Finds and reads the admin policy file (the rules are in `main/desk/admin-policy.ts`). Looked for
 * in the system configuration folder first (writable only by administrators), then beside the
 * executable (portable and per-machine installs). The first file found is the one used; an invalid
 * one is ignored as a whole and logged, and the app runs with no policy.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, win32 } from 'node:path';
import { NO_POLICY, parseAdminPolicy, type AdminPolicy } from '../desk/admin-policy';

export const POLICY_FILE_NAME = 'policy.json';

/** The candidate paths, most authoritative first. Pure. */
export function policyFileCandidates(input: {
  platform: NodeJS.Platform;
  /** `process.execPath`, or `$APPIMAGE` for an AppImage (whose execPath is a temporary mount). */
  executable: string;
  env: Readonly<Record<string, string | undefined>>;
}): string[] {
  const beside =
    input.platform === 'win32'
      ? win32.join(win32.dirname(input.executable), POLICY_FILE_NAME)
      : join(dirname(input.executable), POLICY_FILE_NAME);
  switch (input.platform) {
    case 'win32': {
      const programData = input.env['ProgramData'] ?? input.env['PROGRAMDATA'] ?? 'C:\\ProgramData';
      return [win32.join(programData, 'AgentDesk', POLICY_FILE_NAME), beside];
    }
    case 'darwin':
      return ['/Library/Application Support/AgentDesk/' + POLICY_FILE_NAME, beside];
    default:
      return ['/etc/agent-desk/' + POLICY_FILE_NAME, beside];
  }
}

export interface LoadedPolicy {
  policy: AdminPolicy;
  /** The file in force, or null. */
  source: string | null;
  /** Why a file found was ignored. */
  error: string | null;
}

export async function loadAdminPolicy(
  candidates: readonly string[],
  logger: {
    info(message: string, fields?: Record<string, unknown>): void;
    error(message: string, fields?: Record<string, unknown>): void;
  },
  read: (path: string) => Promise<string> = (path) => readFile(path, 'utf8'),
): Promise<LoadedPolicy> {
  for (const path of candidates) {
    let text: string;
    try {
      text = await read(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      const message = `${path}: cannot be read (${code ?? String(error)}); ignored`;
      logger.error('Admin policy ignored', { error: message });
      return { policy: NO_POLICY, source: null, error: message };
    }
    const parsed = parseAdminPolicy(text, path);
    if (!parsed.ok) {
      logger.error('Admin policy ignored', { error: parsed.error });
      return { policy: NO_POLICY, source: null, error: parsed.error };
    }
    logger.info('Admin policy in force', { source: path, locked: parsed.policy.locked });
    return { policy: parsed.policy, source: path, error: null };
  }
  return { policy: NO_POLICY, source: null, error: null };
}
