/**
 * The practice server for in-process use (the browser host, tests):
 * `const sim = await startPracticeServer({ port: 0 }); … await sim.close();`
 */
import { loadSimDataFile, parseSimData } from './data/load';
import { defaultData } from './data/default';
import type { SimData } from './data/schema';
import { startScenario } from './scenario';
import { createPracticeServer, type PracticeServer, type PracticeServerOptions } from './server/server';

export type { PracticeServer, ControlApi } from './server/server';
export { ControlError } from './server/server';
export { SsoConfigError, type SsoOptions } from './server/sso';
export type { CasOptions } from './server/cas';
export { ManualScheduler, RealScheduler, type Scheduler } from './model/scheduler';
export { SCENARIOS } from './scenario';
export { SimDataError } from './data/load';
export type { SimData } from './data/schema';

export interface StartOptions extends Omit<PracticeServerOptions, 'data'> {
  /** The contact centre; default: the built-in demo centre (sim/data/default.ts). */
  data?: unknown;
  /** A JSON data file, validated at start (SimDataError names the bad entry). */
  dataFile?: string;
  /** Place calls on a timer: one of SCENARIOS. */
  scenario?: string;
  scenarioSeed?: number;
}

export async function loadData(options: Pick<StartOptions, 'data' | 'dataFile'>): Promise<SimData> {
  if (options.dataFile !== undefined) return loadSimDataFile(options.dataFile);
  return parseSimData(options.data ?? defaultData, options.data === undefined ? 'default data' : 'data');
}

export async function startPracticeServer(options: StartOptions = {}): Promise<PracticeServer> {
  const data = await loadData(options);
  const server = await createPracticeServer({ ...options, data });
  if (options.scenario === undefined) return server;
  let stop: () => void;
  try {
    stop = startScenario(options.scenario, server.model, options.scenarioSeed);
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    ...server,
    close: () => {
      stop();
      return server.close();
    },
  };
}
