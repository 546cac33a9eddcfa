/**
 * `npm run web -- [--port N] [--practice] [--scenario NAME] [--no-open] [--data-dir DIR] [--verbose]`
 *
 * Serves Agent Desk to a browser on 127.0.0.1, prints the one-time URL, and opens it in the
 * default browser unless --no-open. --practice starts the practice server in this process; an
 * empty server address at sign-in then uses it.
 */
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { consoleLogger } from './ports';
import { startWebHost } from './server';
import { SCENARIOS } from '../../sim/index';

export interface CliOptions {
  port: number;
  practice: boolean;
  open: boolean;
  dataDir: string;
  verbose: boolean;
  /** Practice calls on a timer (sim/scenario.ts); none when absent. */
  scenario?: string;
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'agent-desk', 'web');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'agent-desk', 'web');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'agent-desk', 'web');
}

export function parseArgs(argv: string[]): CliOptions | { error: string } {
  const options: CliOptions = {
    port: 0,
    practice: false,
    open: true,
    dataDir: defaultDataDir(),
    verbose: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    switch (arg) {
      case '--port': {
        const value = Number(argv[++i]);
        if (!Number.isInteger(value) || value < 0 || value > 65535)
          return { error: '--port needs a number 0-65535' };
        options.port = value;
        break;
      }
      case '--practice':
        options.practice = true;
        break;
      case '--scenario': {
        const value = argv[++i] ?? '';
        if (!Object.prototype.hasOwnProperty.call(SCENARIOS, value))
          return { error: `--scenario needs one of ${Object.keys(SCENARIOS).join(', ')}` };
        options.scenario = value;
        break;
      }
      case '--no-open':
        options.open = false;
        break;
      case '--data-dir': {
        const value = argv[++i];
        if (!value) return { error: '--data-dir needs a folder' };
        options.dataDir = value;
        break;
      }
      case '--verbose':
        options.verbose = true;
        break;
      default:
        return { error: `unknown option ${arg}` };
    }
  }
  return options;
}

/** The platform's "open this URL" command, as an argument list (no shell). */
export function openCommand(url: string, platform = process.platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

function openBrowser(url: string): void {
  const [command, args] = openCommand(url);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser to open: the printed URL is enough.
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if ('error' in options) {
    process.stderr.write(
      `${options.error}\nusage: npm run web -- [--port N] [--practice] [--scenario NAME] [--no-open] [--data-dir DIR]\n`,
    );
    process.exit(2);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    process.exit(0);
  };
  const host = await startWebHost({
    port: options.port,
    practice: options.practice,
    practiceScenario: options.scenario,
    dataDir: options.dataDir,
    logger: consoleLogger(options.verbose),
    onQuit: () => void stop(),
  });
  const practice = host.practice();
  process.stdout.write(`Agent Desk is served at ${host.url}\n`);
  if (practice)
    process.stdout.write(`Practice server: ${practice.baseUrl} (sign in with an empty server address)\n`);
  process.stdout.write(`Data: ${options.dataDir}\n`);
  if (options.open) openBrowser(host.url);
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (process.argv[1] && /cli\.ts$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
