/**
 * Decodes one server frame: size cap, JSON, envelope, then the msgType's schema.
 * Never throws: a bad frame becomes a `Rejected` value that the client counts, logs and drops.
 */
import { incomingSchemas, isMsgType, type AnyIncoming } from './events';

/** 4 MiB: a CallbackLists of several thousand requests fits; a runaway frame does not. */
export const DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;

export type RejectReason =
  'oversized' | 'not-json' | 'not-an-object' | 'no-msgType' | 'unknown-msgType' | 'invalid';

export type Decoded = { ok: true; message: AnyIncoming };
export type Rejected = { ok: false; reason: RejectReason; msgType?: string; detail: string };
export type DecodeResult = Decoded | Rejected;

export function decodeFrame(text: string, maxBytes = DEFAULT_MAX_FRAME_BYTES): DecodeResult {
  // String length counts UTF-16 units, a lower bound of the UTF-8 size: cheap and safe as a cap.
  if (text.length > maxBytes) {
    return { ok: false, reason: 'oversized', detail: `${text.length} characters, cap ${maxBytes}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'not-json', detail: (error as Error).message };
  }
  return decodeValue(value);
}

export function decodeValue(value: unknown): DecodeResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not-an-object', detail: value === null ? 'null' : typeof value };
  }
  const { msgType, ctiMessage } = value as { msgType?: unknown; ctiMessage?: unknown };
  if (typeof msgType !== 'string') {
    return { ok: false, reason: 'no-msgType', detail: 'frame has no string msgType' };
  }
  if (!isMsgType(msgType)) {
    return { ok: false, reason: 'unknown-msgType', msgType, detail: `unknown msgType ${msgType}` };
  }
  const result = incomingSchemas[msgType].safeParse(ctiMessage);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || 'ctiMessage';
    return { ok: false, reason: 'invalid', msgType, detail: `${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, message: { msgType, ctiMessage: result.data } as AnyIncoming };
}
