// Where the Electron binary is, without ever downloading it. `require('electron')` would try to
// download it when it is missing (and fail without network); this only looks at what npm left:
// node_modules/electron/path.txt names the executable inside node_modules/electron/dist/.
// ELECTRON_OVERRIDE_DIST_PATH is honoured as Electron's own resolver does.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {string | null} the absolute path of the Electron executable, or null if none is installed */
export function electronBinaryPath({
  electronDir = join(root, 'node_modules', 'electron'),
  env = process.env,
} = {}) {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (relative === '') return null;
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH
    ? resolve(env.ELECTRON_OVERRIDE_DIST_PATH)
    : join(electronDir, 'dist');
  const binary = join(dist, relative);
  return existsSync(binary) ? binary : null;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const binary = electronBinaryPath();
  console.log(binary ?? 'no Electron binary installed');
  process.exit(binary ? 0 : 1);
}
