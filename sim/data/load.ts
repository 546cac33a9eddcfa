/**
 * Reads and validates a data file. An invalid file is refused with the path of the first bad
 * entry (e.g. `users[3].agentId: agent 99 does not exist`), never half-loaded.
 */
import { readFile } from 'node:fs/promises';
import { SimDataSchema, type SimData } from './schema';

export class SimDataError extends Error {
  override readonly name = 'SimDataError';
}

/** `users.3.agentId` → `users[3].agentId`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(root)';
}

export function parseSimData(value: unknown, source = 'data'): SimData {
  const result = SimDataSchema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues
    .slice(0, 5)
    .map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`);
  const more = result.error.issues.length > 5 ? `\n  … and ${result.error.issues.length - 5} more` : '';
  throw new SimDataError(`invalid ${source}:\n${lines.join('\n')}${more}`);
}

export async function loadSimDataFile(file: string): Promise<SimData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SimDataError(`cannot read data file ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SimDataError(`data file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseSimData(value, `data file ${file}`);
}
