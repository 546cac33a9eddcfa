/**
 * findCallbackRequest: filters and sort entries as xucmgt's query builder sends them
 * (xuc-protocol.md §4.3): `{field, operator, value}` with string values, `{field, order}` to sort.
 */
import type { CallbackRequestRecord, Outcome } from './events';
import { fail, ok } from './events';
import { compileLike } from './like';

export interface QueryFilter {
  field: string;
  operator?: string;
  value?: string;
  order?: 'ASC' | 'DESC';
}

const FIELDS = [
  'uuid',
  'listUuid',
  'phoneNumber',
  'mobilePhoneNumber',
  'firstName',
  'lastName',
  'company',
  'description',
  'agentId',
  'dueDate',
  'voiceMessageRef',
] as const;
type Field = (typeof FIELDS)[number];
const isField = (value: string): value is Field => (FIELDS as readonly string[]).includes(value);

function read(request: CallbackRequestRecord, field: Field): string | null {
  const value = request[field];
  return value === null || value === undefined ? null : String(value);
}

function compare(a: string, b: string, field: Field): number {
  if (field === 'agentId') return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export const LIKE_PATTERN_MAX = 256;

type Predicate = (request: CallbackRequestRecord) => boolean;

function predicate(filter: QueryFilter & { field: Field }): Outcome<Predicate> {
  const { field, value } = filter;
  const operator = filter.operator?.toLowerCase();
  if (operator === 'is null') return ok((r) => read(r, field) === null);
  if (operator === 'is not null') return ok((r) => read(r, field) !== null);
  if (value === undefined)
    return fail('InvalidFilter', `filter on ${field} with ${filter.operator} needs a value`);
  const cmp =
    (test: (n: number) => boolean): Predicate =>
    (r) => {
      const current = read(r, field);
      return current !== null && test(compare(current, value, field));
    };
  switch (operator) {
    case '=':
      return ok(cmp((n) => n === 0));
    case '<':
      return ok(cmp((n) => n < 0));
    case '<=':
      return ok(cmp((n) => n <= 0));
    case '>':
      return ok(cmp((n) => n > 0));
    case '>=':
      return ok(cmp((n) => n >= 0));
    case 'like':
    case 'ilike': {
      // A search box's pattern, not a document: this bounds the work of one filter on one request.
      if (value.length > LIKE_PATTERN_MAX) {
        return fail(
          'InvalidFilter',
          `a ${filter.operator} pattern is at most ${LIKE_PATTERN_MAX} characters`,
        );
      }
      // xucmgt sends `Like` (case-sensitive) and `ilike` (case-insensitive).
      const like = compileLike(value, operator === 'ilike');
      return ok((r) => {
        const current = read(r, field);
        return current !== null && like.test(current);
      });
    }
    default:
      return fail('InvalidFilter', `unknown operator ${String(filter.operator)}`);
  }
}

export function queryCallbacks(
  requests: readonly CallbackRequestRecord[],
  filters: readonly QueryFilter[],
  offset: number,
  limit: number,
): Outcome<{ list: CallbackRequestRecord[]; total: number }> {
  const tests: Predicate[] = [];
  const sorts: Array<{ field: Field; order: 'ASC' | 'DESC' }> = [];
  for (const filter of filters) {
    if (!isField(filter.field)) return fail('InvalidFilter', `unknown field ${filter.field}`);
    const field = filter.field;
    if (filter.operator !== undefined) {
      const made = predicate({ ...filter, field });
      if (!made.ok) return made;
      tests.push(made.value);
    } else if (filter.order === undefined) {
      return fail('InvalidFilter', `filter on ${field} has neither an operator nor an order`);
    }
    if (filter.order !== undefined) sorts.push({ field, order: filter.order });
  }
  const matching = requests.filter((request) => tests.every((test) => test(request)));
  const sorted = [...matching].sort((a, b) => {
    for (const { field, order } of sorts) {
      const x = read(a, field);
      const y = read(b, field);
      if (x === y) continue;
      // Nulls last, as SQL databases do by default for ASC.
      const n = x === null ? 1 : y === null ? -1 : compare(x, y, field);
      if (n !== 0) return order === 'ASC' ? n : -n;
    }
    return 0;
  });
  return ok({ list: sorted.slice(offset, offset + limit), total: matching.length });
}
