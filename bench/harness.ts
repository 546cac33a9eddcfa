/**
 * The shared shape of `npm run bench`: each suite returns rows, and the runner prints one table.
 * Every row carries the baseline it was measured against in the same run, so the ratio is honest
 * on whatever machine runs it.
 */
export interface BenchRow {
  suite: string;
  case: string;
  value: number;
  unit: string;
  /** The same work done the plain way in the same run (e.g. bare JSON.parse, a bare ws server). */
  baseline?: { label: string; value: number };
  /** ours / baseline, oriented so that higher is better; with the aim it is read against. */
  ratio?: number;
  aim?: string;
}

export interface BenchSuite {
  name: string;
  run(): Promise<BenchRow[]>;
}

export function formatTable(rows: BenchRow[]): string {
  const header = ['suite', 'case', 'value', 'baseline', 'ratio', 'aim'];
  const body = rows.map((row) => [
    row.suite,
    row.case,
    `${fmt(row.value)} ${row.unit}`,
    row.baseline ? `${fmt(row.baseline.value)} ${row.unit} (${row.baseline.label})` : '-',
    row.ratio === undefined ? '-' : row.ratio.toFixed(2),
    row.aim ?? '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...body.map(line)].join(
    '\n',
  );
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(3);
}

/** p-th percentile (0..100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
