/**
 * `npm run bench [suite…]`: runs the benchmark suites and prints one table.
 * Suites register in SUITES; pass names to run only some.
 */
import { formatTable, type BenchRow, type BenchSuite } from './harness';

const SUITES: Array<() => Promise<BenchSuite>> = [
  async () => (await import('./xuc-decode.bench')).suite,
  async () => (await import('./sim-fanout.bench')).suite,
  async () => (await import('./renderer.bench')).suite,
  async () => (await import('./desk.bench')).suite,
];

const wanted = new Set(process.argv.slice(2));
const rows: BenchRow[] = [];
for (const load of SUITES) {
  const suite = await load();
  if (wanted.size > 0 && !wanted.has(suite.name)) continue;
  process.stderr.write(`bench: ${suite.name}…\n`);
  rows.push(...(await suite.run()));
}
console.log(formatTable(rows));
