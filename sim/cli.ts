/**
 * `npm run sim -- [--port N] [--host H] [--data FILE] [--scenario NAME] [--no-control]
 *  [--control-host ADDR]… [--token-ttl S]`
 * Prints one line `xuc-compatible practice server listening on http://HOST:PORT` when ready.
 */
import { parseArgs } from 'node:util';
import { SimDataError, startPracticeServer, SCENARIOS } from './index';

const USAGE = `usage: npm run sim -- [--port N] [--host H] [--data FILE] [--scenario ${Object.keys(SCENARIOS).join('|')}]
                       [--no-control] [--control-host ADDR]... [--token-ttl SECONDS]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function integer(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    fail(`--${name} must be an integer from ${min} to ${max}\n${USAGE}`);
  return n;
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        scenario: { type: 'string' },
        'no-control': { type: 'boolean' },
        'control-host': { type: 'string', multiple: true },
        'token-ttl': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (args.scenario !== undefined && !(args.scenario in SCENARIOS)) {
    fail(`unknown scenario ${args.scenario}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  }
  const server = await startPracticeServer({
    port: integer(args.port, 'port', 0, 65535, 8090),
    host: args.host ?? '127.0.0.1',
    dataFile: args.data,
    scenario: args.scenario,
    tokenTtlSeconds: integer(args['token-ttl'], 'token-ttl', 1, 30 * 24 * 3600, 3600),
    control: { enabled: !args['no-control'], allowHosts: args['control-host'] ?? [] },
    log: (line) => process.stderr.write(`${line}\n`),
  }).catch((error: unknown) => {
    if (error instanceof SimDataError) fail(error.message);
    fail(`cannot start: ${(error as Error).message}`);
  });
  process.stdout.write(`xuc-compatible practice server listening on ${server.baseUrl}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
