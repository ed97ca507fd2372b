import type { ContactCreatedEvent } from '../../nodes/HubSpotSchedulingTrigger/deliveryEvents';
import { admitNewEvents } from '../../nodes/HubSpotSchedulingTrigger/seenEvents';

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

describe('admitNewEvents', () => {
	it('admits new events and refuses a redelivery with a higher attempt number', () => {
		const first = admitNewEvents(undefined, [event('1', '100'), event('2', '200')], 0);
		const retried = admitNewEvents(first.state, [event('1', '100', { attemptNumber: 1 })], 60_000);
		expect(ids(first.events)).toEqual(['1', '2']);
		expect(retried.events).toEqual([]);
	});

	it('admits one event when the same delivery repeats it', () => {
		expect(
			ids(admitNewEvents(undefined, [event('1', '100'), event('1', '100')], 0).events),
		).toEqual(['1']);
	});

	it('admits one creation per contact when a legacy and a generic subscription both announce it', () => {
		const legacy = event('1', '100');
		const generic = event('77', '100', {
			subscriptionId: '10',
			subscriptionType: 'object.creation',
		});
		const together = admitNewEvents(undefined, [legacy, generic], 0);
		const later = admitNewEvents(admitNewEvents(undefined, [legacy], 0).state, [generic], 1_000);
		expect(ids(together.events)).toEqual(['1']);
		expect(later.events).toEqual([]);
	});

	it('keeps portals apart: the same event id and contact id in another portal is another event', () => {
		const first = admitNewEvents(undefined, [event('1', '100')], 0);
		expect(
			ids(admitNewEvents(first.state, [event('1', '100', { portalId: '999' })], 0).events),
		).toEqual(['1']);
	});

	it("remembers events for 25 hours, past HubSpot's 24-hour retry horizon", () => {
		const first = admitNewEvents(undefined, [event('1', '100')], 0);
		expect(admitNewEvents(first.state, [event('1', '100')], 25 * HOUR - 1).events).toEqual([]);
	});

	it('starts nothing for an event older than that memory: a replay, not a HubSpot retry', () => {
		const first = admitNewEvents(undefined, [event('1', '100')], 0);
		expect(admitNewEvents(first.state, [event('1', '100')], 25 * HOUR).events).toEqual([]);
		expect(admitNewEvents(undefined, [event('1', '100')], 3 * 24 * HOUR).events).toEqual([]);
		// A late event that is still inside the window is admitted.
		expect(ids(admitNewEvents(undefined, [event('2', '200')], 25 * HOUR - 1).events)).toEqual([
			'2',
		]);
	});

	it('forgets remembered events after 25 hours, so static data stays bounded', () => {
		const first = admitNewEvents(undefined, [event('1', '100')], 0);
		const fresh = event('2', '200', { occurredAtMs: 25 * HOUR });
		expect(admitNewEvents(first.state, [fresh], 25 * HOUR).state).toEqual({
			entries: [
				['62515:9:2', 25 * HOUR],
				['62515:contact:200', 25 * HOUR],
			],
		});
	});

	it('survives a JSON round trip through static data and ignores garbage', () => {
		const first = admitNewEvents(undefined, [event('1', '100')], 0);
		const restored: unknown = JSON.parse(JSON.stringify(first.state));
		expect(admitNewEvents(restored, [event('1', '100')], 1).events).toEqual([]);
		expect(ids(admitNewEvents({ entries: 'broken' }, [event('1', '100')], 1).events)).toEqual([
			'1',
		]);
	});
});
