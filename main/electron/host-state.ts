/**
 * What the Electron host itself remembers between runs, apart from the desk's settings: the window's
 * bounds, and whether the agent already confirmed dialling `tel:` links. One small JSON file,
 * validated on load (a bad file or a bad field falls back to its default), written atomically.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../files/atomic-file';
import { WindowStateSchema } from './window-state';

export const HostStateSchema = z.object({
  window: WindowStateSchema.nullable().catch(null).default(null),
  telLinksConfirmed: z.boolean().catch(false).default(false),
});
export type HostState = z.output<typeof HostStateSchema>;

export interface HostStateFile {
  readonly path: string;
  get(): HostState;
  update(patch: Partial<HostState>): Promise<void>;
}

export async function openHostState(dir: string): Promise<HostStateFile> {
  const path = join(dir, 'host-state.json');
  const read = await readJsonFile(path);
  const parsed = HostStateSchema.safeParse(read.kind === 'ok' ? read.value : {});
  let state: HostState = parsed.success ? parsed.data : HostStateSchema.parse({});
  return {
    path,
    get: () => state,
    update(patch) {
      state = { ...state, ...patch };
      return writeFileAtomic(path, JSON.stringify(state, null, 2));
    },
  };
}
