/**
 * `npm run bench [suite…]`: runs the benchmark suites and prints one table.
 * Suites register in SUITES by name; pass names to run only some (others are not even loaded).
 */
import { formatTable, type BenchRow, type BenchSuite } from './harness';

const SUITES: Record<string, () => Promise<BenchSuite>> = {
  'xuc-decode': async () => (await import('./xuc-decode.bench')).suite,
  'sim-fanout': async () => (await import('./sim-fanout.bench')).suite,
  desk: async () => (await import('./desk.bench')).suite,
  renderer: async () => (await import('./renderer.bench')).suite,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in SUITES));
if (unknown.length > 0) {
  console.error(`bench: unknown suite ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`);
  process.exit(2);
}
const rows: BenchRow[] = [];
for (const [name, load] of Object.entries(SUITES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  rows.push(...(await (await load()).run()));
}
console.log(formatTable(rows));
