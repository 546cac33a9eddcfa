/**
 * What the public xuc library (cti.js, callback.js, membership.js) and the apps built on it really
 * send, read the way a real xuc reads it, before the strict command schemas check the frame.
 *
 * - The library converts nothing: ids come as the caller had them. xucmgt walks its queue maps with
 *   string keys (`removeAgentFromQueue(12, "3")`) and pages keep ids in data attributes, so an id
 *   may arrive as a numeric string. GLPI reads phone numbers from HTML, so `agentphonenumber`,
 *   `destination` and `number` may arrive as JSON numbers.
 * - An optional argument the caller passed as `null` travels as JSON null; a real server reads it
 *   as absent. Where the schema itself allows null (dialFromQueue's `queueId`, NaN on the wire),
 *   null stays, so the command gets its own clear refusal.
 * Anything else (a non-numeric id, a fractional one, a missing required field) is still refused.
 */
import { commandSchemas, type CommandName } from '../../xuc/wire/commands';

const ID_FIELDS = new Set(['agentid', 'agentId', 'queueId', 'groupId', 'userId', 'penalty', 'id']);
const NUMBER_AS_TEXT_FIELDS = new Set(['agentphonenumber', 'destination', 'number']);
/** Up to 9 digits: a numeric string is read as an id only when it is exactly an integer. */
const INTEGER_TEXT = /^-?\d{1,9}$/;

function asId(value: unknown): unknown {
  return typeof value === 'string' && INTEGER_TEXT.test(value) ? Number(value) : value;
}

function asText(value: unknown): unknown {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
}

function membershipEntries(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
    const { queueId, penalty, ...rest } = entry as Record<string, unknown>;
    return { ...rest, queueId: asId(queueId), penalty: asId(penalty) };
  });
}

export function prepareRealLibraryFields(
  command: CommandName,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const shape = commandSchemas[command].shape as Record<
    string,
    { safeParse(value: unknown): { success: boolean } }
  >;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === null && shape[key] !== undefined && !shape[key].safeParse(null).success) continue;
    if (ID_FIELDS.has(key)) out[key] = asId(value);
    else if (NUMBER_AS_TEXT_FIELDS.has(key)) out[key] = asText(value);
    else if (key === 'userIds') out[key] = Array.isArray(value) ? value.map(asId) : value;
    else if (key === 'membership') out[key] = membershipEntries(value);
    else out[key] = value;
  }
  return out;
}
