/**
 * The control API under /sim/ (practice, demos, tests): place an inbound call, answer or hang it
 * up, add a callback request, read the whole state. JSON over HTTP; POSTs must be
 * `application/json` (so a web page cannot fire them as "simple" cross-site requests), bodies are
 * checked with zod and refused with a 400 naming the bad field.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { formatPath } from '../data/load';
import type { ContactCentre } from '../model/contact-centre';
import type { SimError } from '../model/events';
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
    description: z.string().max(2000).optional(),
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
  if (error.code.startsWith('Unknown') || error.code.endsWith('NotFound')) return 404;
  if (error.code === 'NotRinging') return 409;
  return 400;
}

function validate<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new HttpError(400, 'InvalidRequest', `${formatPath(issue.path)}: ${issue.message}`);
}

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  model: ContactCentre,
  extraState: () => Record<string, unknown>,
): Promise<void> {
  try {
    const route = `${req.method} ${pathname}`;
    if (route === 'GET /sim/state') return sendJson(res, 200, { ...model.snapshot(), ...extraState() });
    if (req.method === 'POST') {
      if (!isJsonRequest(req)) {
        req.resume();
        return sendError(res, 415, 'UnsupportedMediaType', 'send Content-Type: application/json');
      }
      if (pathname === '/sim/calls') {
        const body = validate(PlaceCallBody, await readJson(req));
        const queueId = body.queueId ?? [...model.queues.values()].find((q) => q.name === body.queueName)?.id;
        if (queueId === undefined)
          return sendError(res, 404, 'UnknownQueue', `no queue named ${body.queueName}`);
        const placed = model.placeInboundCall({
          queueId,
          callerNumber: body.callerNumber,
          callerName: body.callerName,
          variables: body.variables,
        });
        if (!placed.ok)
          return sendError(res, statusOf(placed.error), placed.error.code, placed.error.message);
        return sendJson(res, 201, { callId: placed.value.callId, call: model.call(placed.value.callId) });
      }
      const callAction = /^\/sim\/calls\/([^/]+)\/(answer|hangup)$/.exec(pathname);
      if (callAction) {
        req.resume();
        const callId = decodeURIComponent(callAction[1]!);
        const outcome = callAction[2] === 'answer' ? model.answerCall(callId) : model.hangupCall(callId);
        if (!outcome.ok)
          return sendError(res, statusOf(outcome.error), outcome.error.code, outcome.error.message);
        return sendJson(res, 200, { callId, call: model.call(callId) });
      }
      if (pathname === '/sim/callbacks') {
        const { listUuid, ...request } = validate(AddCallbackBody, await readJson(req));
        const added = model.addCallbackRequest(listUuid, request);
        if (!added.ok) return sendError(res, statusOf(added.error), added.error.code, added.error.message);
        return sendJson(res, 201, { uuid: added.value.uuid, request: added.value });
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
