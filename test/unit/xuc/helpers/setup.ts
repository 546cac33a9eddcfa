/** A XucClient wired to a FakeXuc over real sockets, with a manual clock and a recording logger. */
import { XucClient, type XucClientConfig } from '../../../../xuc/client';
import { nodeSocketFactory } from '../../../../xuc/transport-node';
import { FakeXuc, type FakeXucOptions } from './fake-xuc';
import { ManualTimers, recordingLogger } from './support';

export const PASSWORD = 'correct horse';

export interface Rig {
  server: FakeXuc;
  client: XucClient;
  timers: ManualTimers;
  log: ReturnType<typeof recordingLogger>;
  /** Closes the client and the server. */
  dispose(): Promise<void>;
}

export async function rig(
  options: Partial<XucClientConfig> = {},
  serverOptions: FakeXucOptions = {},
): Promise<Rig> {
  const server = await FakeXuc.start(serverOptions);
  const timers = new ManualTimers();
  const log = recordingLogger();
  const client = new XucClient({
    baseUrl: server.baseUrl,
    login: 'alice',
    password: PASSWORD,
    socketFactory: nodeSocketFactory(),
    timers,
    logger: log.logger,
    random: () => 0,
    ...options,
  });
  return {
    server,
    client,
    timers,
    log,
    dispose: async () => {
      client.close();
      await server.stop();
    },
  };
}
