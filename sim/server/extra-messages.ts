/**
 * Server messages the practice server sends that xuc/wire has no schema for yet, typed here so
 * their shape is still checked by the compiler. `SimOutgoing` is the intersection with the wire's
 * own table: once xuc/wire declares one of these, both shapes must agree, and this entry can go.
 * Shapes follow what the public library's consumers read (xucmgt's CtiProxy for LineConfig, the
 * GLPI plugin for PhoneHintStatusEvent, xucmgt's XucConfRoom for ConferenceList).
 */
import type { Outgoing } from '../../xuc/wire/events';

export interface ExtraOutgoing {
  /** getConfig line. `id` is "-" for a user without a line (xucmgt then reports MISSING_LINE). */
  LineConfig: {
    id: string;
    context: string;
    name: string;
    number: string;
    webRtc: boolean;
    hasDevice: boolean;
    isUa: boolean;
  };
  /** subscribeToPhoneHints: one number's state, a Cti.PhoneStatus value. */
  PhoneHintStatusEvent: { number: string; status: number };
  /** getList meetme. */
  ConferenceList: Array<{
    name: string;
    number: string;
    pinRequired: boolean;
    startTime: number;
    members: unknown[];
  }>;
}

export type SimOutgoing = Outgoing & ExtraOutgoing;
export type SimMsgType = keyof SimOutgoing;
export const EXTRA_MSG_TYPES: ReadonlyArray<keyof ExtraOutgoing> = [
  'LineConfig',
  'PhoneHintStatusEvent',
  'ConferenceList',
];
