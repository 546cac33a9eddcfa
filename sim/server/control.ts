/**
 * The control API under /sim/ (practice, demos, tests): place an inbound call, answer or hang it
 * up, add a callback request, read the whole state. JSON over HTTP; POSTs must be
 * `application/json` (so a web page cannot fire them as "simple" cross-site requests), bodies are
 * checked with zod and refused with a 400 naming the bad field.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { formatPath } from '../data/load';
import { REQUEST_TEXT_MAX } from '../model/callbacks';
import type { ContactCentre } from '../model/contact-centre';
import { fail, ok } from '../model/events';
import type { CallbackRequestRecord, Outcome, SimError } from '../model/events';
import { HttpError, isJsonRequest, isLoopback, readJson, sendError, sendJson } from './http-util';

const phone = z.string().regex(/^[0-9*#+]{1,20}$/, 'digits, *, # or +, up to 20');
const variables = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'a variable name such as folderNumber'),
    z.string().max(500),
  )
  .refine((value) => Object.keys(value).length <= 30, 'at most 30 variables');

export const PlaceCallBody = z
  .object({
    queueId: z.number().int().positive().optional(),
    queueName: z.string().min(1).max(40).optional(),
    callerNumber: phone,
    callerName: z.string().max(100).default(''),
    variables: variables.default({}),
  })
  .strict()
  .refine((body) => (body.queueId === undefined) !== (body.queueName === undefined), {
    message: 'give exactly one of queueId or queueName',
    path: ['queueId'],
  });

export const AddCallbackBody = z
  .object({
    listUuid: z.string().min(1).max(100),
    phoneNumber: phone.optional(),
    mobilePhoneNumber: phone.optional(),
    firstName: z.string().max(100).optional(),
    lastName: z.string().max(100).optional(),
    company: z.string().max(100).optional(),
    description: z.string().max(REQUEST_TEXT_MAX).optional(),
    dueDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
      .optional(),
    periodUuid: z.string().max(100).optional(),
    voiceMessageRef: z.string().max(200).optional(),
  })
  .strict()
  .refine((body) => body.phoneNumber !== undefined || body.mobilePhoneNumber !== undefined, {
    message: 'give a phoneNumber or a mobilePhoneNumber',
    path: ['phoneNumber'],
  });

/** Loopback callers always; others only when listed (`--control-host`). */
export function mayUseControl(remoteAddress: string | undefined, allowHosts: ReadonlySet<string>): boolean {
  if (isLoopback(remoteAddress)) return true;
  if (remoteAddress === undefined) return false;
  // An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d; match both spellings.
  return allowHosts.has(remoteAddress) || allowHosts.has(remoteAddress.replace(/^::ffff:/, ''));
}

/** Errors of the model mapped to HTTP statuses. */
function statusOf(error: SimError): number {
  if (error.code === 'InvalidRequest') return 400;
  if (error.code.startsWith('Unknown') || error.code.endsWith('NotFound')) return 404;
  if (error.code === 'NotRinging') return 409;
  return 400;
}

/** Places an inbound call from an unchecked body: the one path for HTTP and in-process callers. */
export function placeCall(model: ContactCentre, body: unknown): Outcome<{ callId: string }> {
  const input = validate(PlaceCallBody, body);
  if (!input.ok) return input;
  const { queueId, queueName, callerNumber, callerName, variables } = input.value;
  const id = queueId ?? [...model.queues.values()].find((queue) => queue.name === queueName)?.id;
  if (id === undefined) return fail('UnknownQueue', `no queue named ${queueName}`);
  return model.placeInboundCall({ queueId: id, callerNumber, callerName, variables });
}

/** Adds a callback request from an unchecked body. */
export function addCallback(model: ContactCentre, body: unknown): Outcome<CallbackRequestRecord> {
  const input = validate(AddCallbackBody, body);
  if (!input.ok) return input;
  const { listUuid, ...request } = input.value;
  return model.addCallbackRequest(listUuid, request);
}

function validate<T>(schema: z.ZodType<T>, body: unknown): Outcome<T> {
  const result = schema.safeParse(body);
  if (result.success) return ok(result.data);
  const issue = result.error.issues[0]!;
  return fail('InvalidRequest', `${formatPath(issue.path)}: ${issue.message}`);
}

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  model: ContactCentre,
  extraState: () => Record<string, unknown>,
): Promise<void> {
  const reply = <T>(outcome: Outcome<T>, status: number, body: (value: T) => unknown) =>
    outcome.ok
      ? sendJson(res, status, body(outcome.value))
      : sendError(res, statusOf(outcome.error), outcome.error.code, outcome.error.message);
  try {
    const route = `${req.method} ${pathname}`;
    if (route === 'GET /sim/state') return sendJson(res, 200, { ...model.snapshot(), ...extraState() });
    if (req.method === 'POST') {
      if (!isJsonRequest(req)) {
        req.resume();
        return sendError(res, 415, 'UnsupportedMediaType', 'send Content-Type: application/json');
      }
      if (pathname === '/sim/calls') {
        const placed = placeCall(model, await readJson(req));
        return reply(placed, 201, ({ callId }) => ({ callId, call: model.call(callId) }));
      }
      const callAction = /^\/sim\/calls\/([^/]+)\/(answer|hangup)$/.exec(pathname);
      if (callAction) {
        req.resume();
        const callId = decodeURIComponent(callAction[1]!);
        const outcome = callAction[2] === 'answer' ? model.answerCall(callId) : model.hangupCall(callId);
        return reply(outcome, 200, () => ({ callId, call: model.call(callId) }));
      }
      if (pathname === '/sim/callbacks') {
        const added = addCallback(model, await readJson(req));
        return reply(added, 201, (request) => ({ uuid: request.uuid, request }));
      }
    }
    req.resume();
    const known =
      ['/sim/state', '/sim/calls', '/sim/callbacks'].includes(pathname) ||
      /^\/sim\/calls\/[^/]+\/(answer|hangup)$/.test(pathname);
    if (known) return sendError(res, 405, 'MethodNotAllowed', `${req.method} is not allowed on ${pathname}`);
    return sendError(res, 404, 'NotFound', `no control route ${pathname}`);
  } catch (error) {
    if (error instanceof HttpError) return sendError(res, error.status, error.code, error.message);
    throw error;
  }
}
