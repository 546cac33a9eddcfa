/**
 * The Sheet sent when a queue call rings an agent: the queue's configured fields, filled from the
 * call's data, then the call's own facts (folder number, caller, variables) so a screen pop has them.
 */
import type { SheetFieldDataT } from '../data/schema';
import type { SheetFieldValue } from './events';

export interface SheetCallData {
  callId: string;
  callerNumber: string;
  callerName: string;
  folderNumber: string;
  queueName: string;
  variables: Readonly<Record<string, string>>;
}

/**
 * `{name}` placeholders take the call's value; in a url field it is percent-encoded so a caller
 * name cannot change the URL's shape. Unknown placeholders become empty.
 */
export function fillTemplate(template: string, call: SheetCallData, encode: boolean): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, key: string) => {
    const value = placeholder(call, key) ?? '';
    return encode ? encodeURIComponent(value) : value;
  });
}

function placeholder(call: SheetCallData, key: string): string | undefined {
  switch (key) {
    case 'callId':
      return call.callId;
    case 'callerNumber':
      return call.callerNumber;
    case 'callerName':
      return call.callerName;
    case 'folderNumber':
      return call.folderNumber;
    case 'queueName':
      return call.queueName;
    default:
      return Object.prototype.hasOwnProperty.call(call.variables, key) ? call.variables[key] : undefined;
  }
}

export function buildSheet(fields: readonly SheetFieldDataT[], call: SheetCallData): SheetFieldValue[] {
  const out: SheetFieldValue[] = fields.map((field) => ({
    name: field.name,
    value: fillTemplate(field.value, call, field.type === 'url'),
    order: field.order,
    type: field.type,
  }));
  const taken = new Set(out.map((field) => field.name));
  let order = Math.max(0, ...out.map((field) => field.order));
  const add = (name: string, value: string) => {
    if (taken.has(name)) return;
    taken.add(name);
    order += 10;
    out.push({ name, value, order, type: 'text' });
  };
  add('folderNumber', call.folderNumber);
  add('callerNumber', call.callerNumber);
  add('callerName', call.callerName);
  add('queueName', call.queueName);
  for (const [name, value] of Object.entries(call.variables)) add(`USR_${name}`, value);
  return out.sort((a, b) => a.order - b.order);
}
