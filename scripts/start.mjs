#!/usr/bin/env node
// `npm start`: builds the app, then opens it on the built-in practice server (sign in with an empty
// server address; the practice logins are in sim/README.md). Where no Electron binary is installed
// (npm downloads it at install time, which needs network access to its host), it says so and serves
// the same app through the browser host instead. Extra arguments go to whichever host runs.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { electronBinaryPath } from './electron-binary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const extra = process.argv.slice(2);

/** Runs a child with our stdio; forwards Ctrl-C and termination to it; exits with its code. */
function run(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => () => {
    if (child.exitCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal));
  child.on('error', (error) => {
    console.error(`start: could not run ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

await build();
const electron = electronBinaryPath();
if (electron) {
  console.log('start: launching Agent Desk (Electron) on the practice server');
  // ELECTRON_RUN_AS_NODE would make the binary a plain Node; never inherit it.
  const { ELECTRON_RUN_AS_NODE: _ignored, ...env } = process.env;
  run(electron, [join(root, 'dist', 'electron', 'main.cjs'), ...extra], {
    AGENT_DESK_PRACTICE_SCENARIO: 'steady',
    ...env,
  });
} else {
  console.log(
    'No Electron binary is installed (it could not be downloaded here); serving the same app in your browser instead.',
  );
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  // A practising agent gets calls on their own: the steady scenario places one every 20 s or so.
  run(process.execPath, [
    tsx,
    join(root, 'main', 'web', 'cli.ts'),
    '--practice',
    '--scenario',
    'steady',
    ...extra,
  ]);
}
