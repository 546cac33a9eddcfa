/**
 * `npm run sim -- [--port N] [--host H] [--data FILE] [--scenario NAME] [--no-control]
 *  [--control-host ADDR]… [--token-ttl S] [--sso-keytab FILE --sso-principal HTTP/host@REALM
 *  [--sso-user PRINCIPAL=LOGIN]…] [--cas [--cas-ticket-ttl S] [--cas-service URL-PREFIX]…]
 *  [--cors-origin ORIGIN]…`
 * Prints one line `xuc-compatible practice server listening on http://HOST:PORT` when ready.
 */
import { parseArgs } from 'node:util';
import { SimDataError, SsoConfigError, startPracticeServer, SCENARIOS, type StartOptions } from './index';
import { parseOriginPattern } from './server/cors';

const USAGE = `usage: npm run sim -- [--port N] [--host H] [--data FILE] [--scenario ${Object.keys(SCENARIOS).join('|')}]
                       [--no-control] [--control-host ADDR]... [--token-ttl SECONDS]
                       [--sso-keytab FILE --sso-principal HTTP/host@REALM [--sso-user PRINCIPAL=LOGIN]...]
                       [--cas [--cas-ticket-ttl SECONDS] [--cas-service URL-PREFIX]...]
                       [--cors-origin ORIGIN]...   (default: any loopback origin)`;

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

interface EnterpriseArgs {
  'sso-keytab'?: string;
  'sso-principal'?: string;
  'sso-user'?: string[];
  cas?: boolean;
  'cas-ticket-ttl'?: string;
  'cas-service'?: string[];
}

/** The SSO and CAS options from the flags; each sign-in is off unless its flags are given. */
function enterpriseOptions(args: EnterpriseArgs): Pick<StartOptions, 'sso' | 'cas'> {
  const options: Pick<StartOptions, 'sso' | 'cas'> = {};
  const keytab = args['sso-keytab'];
  const principal = args['sso-principal'];
  if ((keytab === undefined) !== (principal === undefined) || (args['sso-user'] && !keytab)) {
    fail(`--sso-keytab and --sso-principal go together (and --sso-user needs them)\n${USAGE}`);
  }
  if (keytab !== undefined && principal !== undefined) {
    const principals: Record<string, string> = {};
    for (const pair of args['sso-user'] ?? []) {
      const at = pair.lastIndexOf('=');
      if (at <= 0 || at === pair.length - 1) fail(`--sso-user takes PRINCIPAL=LOGIN, not ${pair}`);
      principals[pair.slice(0, at)] = pair.slice(at + 1);
    }
    options.sso = { keytab, servicePrincipal: principal, principals };
  }
  if (!args.cas && (args['cas-ticket-ttl'] !== undefined || args['cas-service'])) {
    fail(`--cas-ticket-ttl and --cas-service need --cas\n${USAGE}`);
  }
  if (args.cas) {
    for (const prefix of args['cas-service'] ?? []) {
      if (!/^https?:\/\/[^/]+\//.test(prefix))
        fail(`--cas-service takes a URL prefix such as https://host/, not ${prefix}`);
    }
    options.cas = {
      ticketTtlSeconds: integer(args['cas-ticket-ttl'], 'cas-ticket-ttl', 1, 300, 60),
      services: args['cas-service'] ?? [],
    };
  }
  return options;
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
        'sso-keytab': { type: 'string' },
        'sso-principal': { type: 'string' },
        'sso-user': { type: 'string', multiple: true },
        cas: { type: 'boolean' },
        'cas-ticket-ttl': { type: 'string' },
        'cas-service': { type: 'string', multiple: true },
        'cors-origin': { type: 'string', multiple: true },
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
  const corsOrigins = args['cors-origin'];
  for (const origin of corsOrigins ?? []) {
    try {
      parseOriginPattern(origin);
    } catch (error) {
      fail(`--cors-origin: ${(error as Error).message}\n${USAGE}`);
    }
  }
  const server = await startPracticeServer({
    ...enterpriseOptions(args),
    port: integer(args.port, 'port', 0, 65535, 8090),
    host: args.host ?? '127.0.0.1',
    dataFile: args.data,
    scenario: args.scenario,
    tokenTtlSeconds: integer(args['token-ttl'], 'token-ttl', 1, 30 * 24 * 3600, 3600),
    control: { enabled: !args['no-control'], allowHosts: args['control-host'] ?? [] },
    ...(corsOrigins === undefined ? {} : { cors: { origins: corsOrigins } }),
    log: (line) => process.stderr.write(`${line}\n`),
  }).catch((error: unknown) => {
    if (error instanceof SimDataError || error instanceof SsoConfigError) fail(error.message);
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
