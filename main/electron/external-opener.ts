/**
 * The ONE door to `shell.openExternal` (lint forbids it anywhere else): the URL opener port.
 *
 * The desk calls it only with a URL its screen-pop policy approved. This door checks again, with the
 * same policy function (`checkPopUrl`) against the settings in force at the moment of opening, so a
 * caller that skipped the policy, or settings that tightened meanwhile, still cannot open anything
 * else: https only (http where the admin allows it), an allowlisted host, no credentials, no control
 * characters, bounded length. A refusal is logged without the URL's query (it may hold a token).
 */
import { checkPopUrl } from '../desk/screen-pop';
import type { Settings } from '../../preload/contract';
import type { UrlOpener } from '../desk/ports';

export interface ShellLike {
  openExternal(url: string, options?: { activate?: boolean }): Promise<void>;
}

export class RefusedUrlError extends Error {
  override readonly name = 'RefusedUrlError';
  readonly code = 'refused' as const;
  constructor(readonly reason: string) {
    super(`Not opened: ${reason}`);
  }
}

export interface ExternalOpenerOptions {
  /** The screen-pop settings in force now (allowlist, allowHttp). */
  screenPop: () => Settings['screenPop'];
  logger: {
    info(message: string, fields?: Record<string, unknown>): void;
    warn(message: string, fields?: Record<string, unknown>): void;
  };
}

export function createExternalOpener(deps: { shell: ShellLike }, options: ExternalOpenerOptions): UrlOpener {
  return {
    async open(url) {
      if (typeof url !== 'string') throw new RefusedUrlError('not a string');
      const checked = checkPopUrl({ url, usesToken: false }, options.screenPop());
      if (!checked.ok) {
        options.logger.warn('Refused to open a URL', { reason: checked.reason, url: withoutQuery(url) });
        throw new RefusedUrlError(checked.reason);
      }
      options.logger.info('Opening screen pop', { host: checked.url.host });
      // `multiTab` has no meaning here: the default browser opens every URL in a tab of its own.
      await deps.shell.openExternal(checked.url.href, { activate: true });
    },
  };
}

function withoutQuery(url: string): string {
  return (url.split(/[?#]/, 1)[0] ?? '').slice(0, 200);
}
