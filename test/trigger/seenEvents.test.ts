import type { ContactCreatedEvent } from '../../nodes/HubSpotSchedulingTrigger/deliveryEvents';
import {
	admitNewEvents,
	MAX_CLAIMS_IN_PROCESS,
	MAX_TRIGGERS_IN_PROCESS,
	processMemorySize,
} from '../../nodes/HubSpotSchedulingTrigger/seenEvents';

const event = (
	eventId: string,
	contactId: string,
	extra: Partial<ContactCreatedEvent> = {},
): ContactCreatedEvent => ({
	eventId,
	subscriptionId: '9',
	portalId: '62515',
	contactId,
	occurredAtMs: 0,
	subscriptionType: 'contact.creation',
	attemptNumber: 0,
	...extra,
});
const ids = (events: ContactCreatedEvent[]) => events.map((item) => item.eventId);
const HOUR = 3_600_000;

// Each test is its own trigger, so the process memory of one never answers for another.
let scope = '';
let triggers = 0;
beforeEach(() => {
	scope = `test-trigger-${++triggers}`;
});
const admit = (stored: unknown, events: ContactCreatedEvent[], nowMs: number) =>
	admitNewEvents(stored, events, nowMs, scope);

describe('admitNewEvents', () => {
	it('admits new events and refuses a redelivery with a higher attempt number', () => {
		const first = admit(undefined, [event('1', '100'), event('2', '200')], 0);
		const retried = admit(first.state, [event('1', '100', { attemptNumber: 1 })], 60_000);
		expect(ids(first.events)).toEqual(['1', '2']);
		expect(retried.events).toEqual([]);
	});

	it('admits one event when the same delivery repeats it', () => {
		expect(ids(admit(undefined, [event('1', '100'), event('1', '100')], 0).events)).toEqual(['1']);
	});

	it('admits one creation per contact when a legacy and a generic subscription both announce it', () => {
		const legacy = event('1', '100');
		const generic = event('77', '100', {
			subscriptionId: '10',
			subscriptionType: 'object.creation',
		});
		const together = admit(undefined, [legacy, generic], 0);
		const later = admit(admit(undefined, [legacy], 0).state, [generic], 1_000);
		expect(ids(together.events)).toEqual(['1']);
		expect(later.events).toEqual([]);
	});

	it('keeps portals apart: the same event id and contact id in another portal is another event', () => {
		const first = admit(undefined, [event('1', '100')], 0);
		expect(ids(admit(first.state, [event('1', '100', { portalId: '999' })], 0).events)).toEqual([
			'1',
		]);
	});

	it("remembers events for 25 hours, past HubSpot's 24-hour retry horizon", () => {
		const first = admit(undefined, [event('1', '100')], 0);
		expect(admit(first.state, [event('1', '100')], 25 * HOUR - 1).events).toEqual([]);
	});

	it('starts nothing for an event older than that memory: a replay, not a HubSpot retry', () => {
		const first = admit(undefined, [event('1', '100')], 0);
		expect(admit(first.state, [event('1', '100')], 25 * HOUR).events).toEqual([]);
		expect(admit(undefined, [event('1', '100')], 3 * 24 * HOUR).events).toEqual([]);
		// A late event that is still inside the window is admitted.
		expect(ids(admit(undefined, [event('2', '200')], 25 * HOUR - 1).events)).toEqual(['2']);
	});

	it('forgets remembered events after 25 hours, so static data stays bounded', () => {
		const first = admit(undefined, [event('1', '100')], 0);
		const fresh = event('2', '200', { occurredAtMs: 25 * HOUR });
		expect(admit(first.state, [fresh], 25 * HOUR).state).toEqual({
			entries: [
				['62515:9:2', 25 * HOUR],
				['62515:contact:200', 25 * HOUR],
			],
		});
	});

	it('survives a JSON round trip through static data and ignores garbage', () => {
		const first = admit(undefined, [event('1', '100')], 0);
		const restored: unknown = JSON.parse(JSON.stringify(first.state));
		expect(admit(restored, [event('1', '100')], 1).events).toEqual([]);
		const garbled = admitNewEvents({ entries: 'broken' }, [event('1', '100')], 1, `${scope}-other`);
		expect(ids(garbled.events)).toEqual(['1']);
	});

	it('admits one creation when two deliveries announce it at once, both reading the same static data', () => {
		const legacy = event('1', '100');
		const generic = event('77', '100', {
			subscriptionId: '10',
			subscriptionType: 'object.creation',
		});
		const first = admit(undefined, [legacy], 0);
		const second = admit(undefined, [generic], 5);
		expect(ids(first.events)).toEqual(['1']);
		expect(second.events).toEqual([]);
	});

	it("saves the keys of a delivery running alongside, so neither's are lost when the last one is saved", () => {
		admit(undefined, [event('1', '100')], 0);
		const second = admit(undefined, [event('2', '200')], 5);
		expect(ids(second.events)).toEqual(['2']);
		expect(second.state.entries).toEqual([
			['62515:9:1', 0],
			['62515:contact:100', 0],
			['62515:9:2', 5],
			['62515:contact:200', 5],
		]);
	});

	it("gives released events back, so HubSpot's retry of a failed delivery starts them", () => {
		const failed = admit(undefined, [event('1', '100')], 0);
		failed.release();
		expect(ids(admit(undefined, [event('1', '100', { attemptNumber: 1 })], 60_000).events)).toEqual(
			['1'],
		);
	});

	it('keeps the memories of two triggers apart', () => {
		admitNewEvents(undefined, [event('1', '100')], 0, 'workflow-a:node:webhook');
		expect(
			ids(admitNewEvents(undefined, [event('1', '100')], 0, 'workflow-b:node:webhook').events),
		).toEqual(['1']);
	});
});

/**
 * The process memory of triggers that never come back (a deleted workflow, one now served by another
 * process) is dropped: by age once nothing of it can still count, and by count. The clock is the
 * `nowMs` each admission is given; each test starts 100 days after the last so earlier tests'
 * triggers have aged out.
 */
describe('the process memory of all triggers', () => {
	let nowMs = 0;
	beforeEach(() => {
		nowMs += 100 * 24 * HOUR;
	});
	const at = (offsetMs: number) => nowMs + offsetMs;
	const eventsAt = (count: number, occurredAtMs: number, prefix: string) =>
		Array.from({ length: count }, (_, index) =>
			event(`${prefix}-${index}`, `${prefix}-contact-${index}`, { occurredAtMs }),
		);

	it('drops a trigger not heard from for 25 hours when another trigger admits, and keeps one heard from within them', () => {
		admitNewEvents(undefined, eventsAt(1, at(0), 'gone'), at(0), 'deleted-workflow');
		admitNewEvents(undefined, eventsAt(1, at(HOUR), 'kept'), at(HOUR), 'live-workflow');
		admitNewEvents(undefined, eventsAt(1, at(25 * HOUR), 'x'), at(25 * HOUR), 'other-workflow');
		expect(processMemorySize()).toEqual({ triggers: 2, claims: 4 });
		// The live trigger still refuses its event from memory alone (static data not passed)…
		expect(
			admitNewEvents(undefined, eventsAt(1, at(HOUR), 'kept'), at(25 * HOUR), 'live-workflow')
				.events,
		).toEqual([]);
		// …and the dropped one no longer remembers its own.
		expect(
			ids(
				admitNewEvents(
					undefined,
					eventsAt(1, at(2 * HOUR), 'gone'),
					at(25 * HOUR),
					'deleted-workflow',
				).events,
			),
		).toEqual(['gone-0']);
	});

	it(`holds at most ${MAX_TRIGGERS_IN_PROCESS} triggers, dropping the least recently used first`, () => {
		for (let index = 0; index < MAX_TRIGGERS_IN_PROCESS + 10; index++)
			admitNewEvents(undefined, eventsAt(1, at(index), `t${index}`), at(index), `trigger-${index}`);
		expect(processMemorySize().triggers).toBe(MAX_TRIGGERS_IN_PROCESS);
		const newest = MAX_TRIGGERS_IN_PROCESS + 9;
		const later = at(newest + 1);
		const replay = (index: number) =>
			admitNewEvents(undefined, eventsAt(1, at(index), `t${index}`), later, `trigger-${index}`)
				.events.length;
		expect(replay(newest)).toBe(0);
		expect(replay(0)).toBe(1);
	});

	it(`holds at most ${MAX_CLAIMS_IN_PROCESS} claims over all triggers, plus the delivery being admitted`, () => {
		const perTrigger = 5_000; // two keys per event: 10,000 claims, the bound of one trigger
		const triggers = MAX_CLAIMS_IN_PROCESS / (2 * perTrigger) + 3;
		for (let index = 0; index < triggers; index++) {
			admitNewEvents(
				undefined,
				eventsAt(perTrigger, at(index), `c${index}`),
				at(index),
				`busy-${index}`,
			);
			expect(processMemorySize().claims).toBeLessThanOrEqual(
				MAX_CLAIMS_IN_PROCESS + 2 * perTrigger,
			);
		}
		expect(processMemorySize().claims).toBeGreaterThan(MAX_CLAIMS_IN_PROCESS / 2);
		// The oldest triggers went first.
		const replayFirst = admitNewEvents(undefined, eventsAt(1, at(0), 'c0'), at(triggers), 'busy-0');
		expect(replayFirst.events).toHaveLength(1);
	});
});
