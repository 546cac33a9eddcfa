/**
 * The default practice contact centre: 4 queues, 2 agent groups, 8 agents with their lines, an
 * Admin, a Supervisor limited to two queues and one group, NoRight agents and one user with no
 * profile; pause reasons; 2 callback lists with a dozen requests due around "today".
 * Passwords here are practice credentials, listed in sim/README.md, not secrets.
 */
import type { z } from 'zod';
import type { SimDataSchema } from './schema';

const PASSWORD = 'practice';

const agents = [
  { id: 11, firstName: 'Alice', lastName: 'Martin', number: '2001', groupId: 1 },
  { id: 12, firstName: 'Bruno', lastName: 'Lefèvre', number: '2002', groupId: 1 },
  { id: 13, firstName: 'Chloé', lastName: 'Durand', number: '2003', groupId: 1 },
  { id: 14, firstName: 'David', lastName: 'Okafor', number: '2004', groupId: 1 },
  { id: 15, firstName: 'Emma', lastName: 'Rossi', number: '2005', groupId: 2 },
  { id: 16, firstName: 'Farid', lastName: 'Benali', number: '2006', groupId: 2 },
  { id: 17, firstName: 'Grace', lastName: 'Nguyen', number: '2007', groupId: 2 },
  { id: 18, firstName: 'Hugo', lastName: 'Schmidt', number: '2008', groupId: 2 },
];

const logins = ['alice', 'bruno', 'chloe', 'david', 'emma', 'farid', 'grace', 'hugo'];

export const defaultData: z.input<typeof SimDataSchema> = {
  queues: [
    {
      id: 1,
      name: 'sales',
      displayName: 'Sales',
      number: '3001',
      wrapUpSeconds: 15,
      ringTimeoutSeconds: 15,
      sheetFields: [
        {
          name: 'popupUrl',
          value: 'https://crm.example.com/customer?folder=',
          order: 10,
          type: 'url',
        },
        { name: 'product', value: '{product}', order: 20, type: 'text' },
      ],
    },
    {
      id: 2,
      name: 'support',
      displayName: 'Support',
      number: '3002',
      wrapUpSeconds: 20,
      ringTimeoutSeconds: 15,
      sheetFields: [
        {
          name: 'popupUrl',
          value: 'https://support.example.com/tickets/new?caller={callerNumber}&folder=',
          order: 10,
          type: 'url',
        },
      ],
    },
    {
      id: 3,
      name: 'billing',
      displayName: 'Billing',
      number: '3003',
      wrapUpSeconds: 10,
      ringTimeoutSeconds: 20,
      maxWaitSeconds: 300,
      sheetFields: [
        {
          name: 'popupUrl',
          value: 'https://billing.example.org/account?id=',
          order: 10,
          type: 'url',
        },
      ],
    },
    {
      id: 4,
      name: 'vip',
      displayName: 'VIP line',
      number: '3004',
      wrapUpSeconds: 30,
      ringTimeoutSeconds: 10,
      sheetFields: [
        {
          name: 'popupUrl',
          value: 'https://crm.example.com/vip?folder=',
          order: 10,
          type: 'url',
        },
        { name: 'accountManager', value: '{accountManager}', order: 20, type: 'text' },
      ],
    },
  ],
  groups: [
    { id: 1, name: 'frontline', displayName: 'Front line' },
    { id: 2, name: 'experts', displayName: 'Experts' },
  ],
  lines: [
    ...agents.map((agent, index) => ({ id: index + 1, number: String(1001 + index) })),
    { id: 9, number: '1009' },
    { id: 10, number: '1010' },
    { id: 11, number: '1011' },
    { id: 12, number: '1012' },
  ],
  agents,
  memberships: [
    { agentId: 11, queueId: 1, penalty: 0 },
    { agentId: 12, queueId: 1, penalty: 0 },
    { agentId: 13, queueId: 1, penalty: 1 },
    { agentId: 15, queueId: 1, penalty: 2 },
    { agentId: 13, queueId: 2, penalty: 0 },
    { agentId: 14, queueId: 2, penalty: 0 },
    { agentId: 16, queueId: 2, penalty: 0 },
    { agentId: 17, queueId: 2, penalty: 1 },
    { agentId: 15, queueId: 3, penalty: 0 },
    { agentId: 16, queueId: 3, penalty: 1 },
    { agentId: 18, queueId: 3, penalty: 0 },
    { agentId: 17, queueId: 4, penalty: 0 },
    { agentId: 18, queueId: 4, penalty: 0 },
    { agentId: 11, queueId: 4, penalty: 2 },
  ],
  users: [
    {
      id: 1,
      login: 'admin',
      password: PASSWORD,
      firstName: 'Ada',
      lastName: 'Admin',
      lineNumber: '1010',
      profile: { type: 'Admin', rights: ['recording', 'dissuasion'] },
    },
    {
      id: 2,
      login: 'supervisor',
      password: PASSWORD,
      firstName: 'Sam',
      lastName: 'Supervisor',
      lineNumber: '1009',
      profile: { type: 'Supervisor', queueIds: [1, 2], groupIds: [1], rights: ['recording'] },
    },
    ...agents.map((agent, index) => ({
      id: 10 + index + 1,
      login: logins[index]!,
      password: PASSWORD,
      firstName: agent.firstName,
      lastName: agent.lastName,
      lineNumber: String(1001 + index),
      agentId: agent.id,
      mobileNumber: `06${String(10203040 + index)}`,
      // Hugo has no profile at all: he behaves as an Admin (agent-api.md).
      profile: agent.id === 18 ? null : ({ type: 'NoRight' } as const),
    })),
  ],
  userStatuses: [
    { name: 'available', longName: 'Available', color: '#2E9E4F', actions: [{ name: 'queueunpause_all' }] },
    { name: 'pause', longName: 'Pause', color: '#E0A100', actions: [{ name: 'queuepause_all' }] },
    { name: 'lunch', longName: 'Lunch', color: '#D9534F', actions: [{ name: 'queuepause_all' }] },
    { name: 'break', longName: 'Coffee break', color: '#C77D00', actions: [{ name: 'queuepause_all' }] },
    { name: 'training', longName: 'Training', color: '#5B6ABF', actions: [{ name: 'queuepause_all' }] },
    { name: 'backoffice', longName: 'Back office', color: '#7A7A7A', actions: [{ name: 'queuepause_all' }] },
    { name: 'disconnected', longName: 'Disconnected', color: '#333333', actions: [{ name: 'agentlogoff' }] },
  ],
  periods: [
    {
      uuid: 'b6a1c9d2-0f0e-4d51-9a11-6f1d2c3b4a01',
      name: 'Morning',
      periodStart: '09:00:00',
      periodEnd: '12:00:00',
      default: true,
    },
    {
      uuid: 'b6a1c9d2-0f0e-4d51-9a11-6f1d2c3b4a02',
      name: 'Afternoon',
      periodStart: '14:00:00',
      periodEnd: '17:00:00',
    },
    {
      uuid: 'b6a1c9d2-0f0e-4d51-9a11-6f1d2c3b4a03',
      name: 'Evening',
      periodStart: '17:00:00',
      periodEnd: '19:30:00',
    },
  ],
  conferenceRooms: [
    { name: 'Team room', number: '4000', pinRequired: false },
    { name: 'Supervisors', number: '4001', pinRequired: true },
  ],
  callbackLists: [
    {
      uuid: 'c0ffee00-0000-4000-8000-000000000001',
      name: 'Sales callbacks',
      queueId: 1,
      requests: [
        request(
          1,
          'Léa',
          'Bernard',
          'Boulangerie Bernard',
          '0230210082',
          -1,
          1,
          'Wants a quote for 3 licences',
        ),
        request(
          2,
          'Marc',
          'Dubois',
          null,
          '0145789632',
          0,
          1,
          'Called about the spring offer',
          'vm-sales-0002',
        ),
        request(3, 'Nadia', 'Haddad', 'Haddad Conseil', '0478963214', 0, 2, null),
        request(4, 'Olivier', 'Petit', null, '0556321478', 0, 3, 'Prefers the evening', 'vm-sales-0004'),
        request(
          5,
          'Paula',
          'Moreau',
          'Moreau & Fils',
          '0387456321',
          1,
          1,
          'Renewal, contract ends next month',
        ),
        request(6, 'Quentin', 'Roux', null, '0299887766', 2, 2, null),
        request(7, 'Rita', 'Fontaine', 'Atelier Fontaine', '0611223344', 3, null, 'Asked for a demo'),
      ],
    },
    {
      uuid: 'c0ffee00-0000-4000-8000-000000000002',
      name: 'Support callbacks',
      queueId: 2,
      requests: [
        request(8, 'Simon', 'Garnier', null, '0240506070', -2, 1, 'Printer still offline', 'vm-support-0008'),
        request(9, 'Tina', 'Lambert', 'Lambert SARL', '0320304050', 0, 2, 'Login problem after update'),
        request(10, 'Ugo', 'Marchand', null, '0491929394', 0, 1, null),
        request(11, 'Vera', 'Chevalier', null, '0612345678', 1, 3, 'Call back on mobile only'),
        request(
          12,
          'Walid',
          'Mercier',
          'Mercier Transports',
          '0467686970',
          2,
          2,
          'Invoice question',
          'vm-support-0012',
        ),
      ],
    },
  ],
};

function request(
  n: number,
  firstName: string,
  lastName: string,
  company: string | null,
  phoneNumber: string,
  dueInDays: number,
  period: 1 | 2 | 3 | null,
  description: string | null,
  voiceMessageRef: string | null = null,
) {
  return {
    uuid: `a967da84-bc41-4bf4-a4fc-${String(n).padStart(12, '0')}`,
    phoneNumber,
    mobilePhoneNumber: n % 3 === 0 ? `07${String(80000000 + n)}` : null,
    firstName,
    lastName,
    company,
    description,
    dueInDays,
    periodUuid: period === null ? null : `b6a1c9d2-0f0e-4d51-9a11-6f1d2c3b4a0${period}`,
    voiceMessageRef,
  };
}
