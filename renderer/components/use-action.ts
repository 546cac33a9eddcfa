import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { CommandName, CommandRequest, CommandResult, DeskError, Result } from '../../preload/contract';
import { useServices } from '../services';

/**
 * Runs one bridge command for a control: `busy` while it is in flight (to avoid double sends),
 * `error` when it failed. The state shown on screen still comes only from the desk's snapshot.
 */
export function useAction() {
  const { invoke } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DeskError | null>(null);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  const run = useCallback(
    async <C extends CommandName>(
      command: C,
      request: CommandRequest<C>,
    ): Promise<Result<CommandResult<C>>> => {
      setBusy(true);
      setError(null);
      const result = await invoke(command, request);
      if (live.current) {
        setBusy(false);
        if (!result.ok) setError(result.error);
      }
      return result;
    },
    [invoke],
  );
  return { run, busy, error, clearError: () => setError(null) };
}
