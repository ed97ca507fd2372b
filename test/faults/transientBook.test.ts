import { FaultSuite, itLeaksNoSecrets } from './support/faultSuite';
import type { NodeRun } from './support/faultSuite';
import { contactIdsWithEmail, liveMeetingsAt, liveMeetingsOf } from './support/sandboxFacts';
import { discoverSteps, sweep, TRANSIENT_FAULTS } from './support/stepFaults';
import type { Scenario, Step } from './support/stepFaults';

/**
 * 5xx, 423, dropped connections and slow answers at every HubSpot call of Book. After each fault
 * the sandbox must hold at most one meeting in the slot and one contact per email; a retry of the
 * same tool call must end with exactly one meeting, recognised as already booked when the faulted
 * run had made it.
 */

const suite = FaultSuite.install();
const sandbox = suite.sandboxPerFile('nothing');

const SLOT = '2026-12-02T10:00:00-05:00';
const SLOT_MS = Date.parse(SLOT);
const link = { __rl: true, mode: 'slug', value: 'alex-demo' };

interface BookFacts {
	meetingsInSlot: number;
	guestMeetingsInSlot: number;
	guestContacts: number;
	guestOtherMeetings: number;
}

function bookScenario(
	name: string,
	email: string,
	method: string,
	otherMeetings: number,
	extra: Record<string, unknown> = {},
): Scenario<BookFacts> {
	return {
		name,
		parameters: {
			operation: 'book',
			meetingLink: link,
			startTime: SLOT,
			timeZone: 'America/New_York',
			email,
			method,
			options: { duration: 30 },
			...extra,
		},
		observe: (box) => {
			const guestMeetings = liveMeetingsOf(box, email);
			return {
				meetingsInSlot: liveMeetingsAt(box, SLOT_MS).length,
				guestMeetingsInSlot: guestMeetings.filter((meeting) => meeting.startMs === SLOT_MS).length,
				guestContacts: contactIdsWithEmail(box, email).length,
				guestOtherMeetings: guestMeetings.filter((meeting) => meeting.startMs !== SLOT_MS).length,
			};
		},
		afterFault: (facts, run) => [
			...(facts.meetingsInSlot > 1 ? [`the slot holds ${facts.meetingsInSlot} meetings`] : []),
			...(facts.guestContacts > 1
				? [`${facts.guestContacts} contacts have the email ${email}`]
				: []),
			...(facts.guestOtherMeetings !== otherMeetings
				? [`the guest's other meetings changed to ${facts.guestOtherMeetings}`]
				: []),
			...(run.result.status === 'success' && facts.guestMeetingsInSlot !== 1
				? ['it reported a booking that HubSpot does not hold']
				: []),
		],
		afterRetry: (facts, run, before) => [
			...retryFailed(run),
			...(facts.guestMeetingsInSlot !== 1 || facts.meetingsInSlot !== 1
				? [
						`expected exactly the guest's one meeting in the slot, found ${facts.meetingsInSlot} (${facts.guestMeetingsInSlot} the guest's)`,
					]
				: []),
			...(facts.guestContacts !== 1
				? [`${facts.guestContacts} contacts have the email ${email}`]
				: []),
			...(facts.guestOtherMeetings !== otherMeetings
				? [`the guest's other meetings changed to ${facts.guestOtherMeetings}`]
				: []),
			...(run.items[0] && run.items[0].alreadyBooked !== before.guestMeetingsInSlot > 0
				? [
						`alreadyBooked is ${String(run.items[0].alreadyBooked)} although the faulted run ${before.guestMeetingsInSlot > 0 ? 'had' : 'had not'} booked`,
					]
				: []),
		],
	};
}

function retryFailed(run: NodeRun): string[] {
	if (run.result.status === 'success' && run.items[0]?.booked === true) return [];
	return [`the retry did not book: ${run.result.error?.message ?? JSON.stringify(run.items[0])}`];
}

const scenarios = [
	bookScenario(
		'Book, Meeting Link, new guest with a phone',
		'nina.network@acme.test',
		'meetingLink',
		0,
		{
			fullName: 'Nina Network',
			phone: '+1 212 555 0134',
		},
	),
	bookScenario('Book, CRM Record, new guest', 'carl.crm@acme.test', 'crmRecord', 0, {
		fullName: 'Carl Crm',
	}),
	bookScenario(
		'Book, CRM Record, existing contact with meetings',
		'jane.doe@acme-corp.test',
		'crmRecord',
		3,
		{
			fullName: 'Jane Doe',
			phone: '+1 415 555 0100',
		},
	),
];

describe.each(scenarios)('$name', (scenario) => {
	let steps: Step[];

	beforeAll(async () => {
		steps = await discoverSteps(suite, sandbox, scenario);
	});

	it('makes at least two HubSpot calls to put faults on', () => {
		expect(steps.length).toBeGreaterThanOrEqual(2);
	});

	it.each(TRANSIENT_FAULTS)(
		'$name at each call: never two meetings or contacts, and a retry books exactly once',
		async (fault) => {
			expect(await sweep(suite, sandbox, scenario, steps, fault)).toEqual([]);
		},
	);
});

describe('secrets', () => itLeaksNoSecrets(suite));
