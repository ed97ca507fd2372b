import {
	contactKey,
	eventKey,
	parseDelivery,
} from '../../nodes/HubSpotSchedulingTrigger/deliveryEvents';

const body = (events: unknown) => Buffer.from(JSON.stringify(events), 'utf8');

const legacy = {
	eventId: 1,
	subscriptionId: 12345,
	portalId: 62515,
	occurredAt: 1564113600000,
	subscriptionType: 'contact.creation',
	attemptNumber: 0,
	objectId: 123,
	changeSource: 'CRM',
	changeFlag: 'NEW',
	appId: 54321,
};

describe('parseDelivery', () => {
	it.each([
		['objectId', 1e400, 'objectId'],
		['objectId', '1e400', 'objectId'],
		['objectId', -5, 'objectId'],
		['objectId', 0, 'objectId'],
		['objectId', 1.5, 'objectId'],
		['objectId', 2 ** 60, 'objectId'],
		['objectId', 'Infinity', 'objectId'],
		['objectId', '12 OR 1=1', 'objectId'],
		['objectId', '0x1F', 'objectId'],
		['eventId', 'abc', 'eventId'],
		['portalId', -1, 'portalId'],
	])('drops a contact creation whose %s is %p, and says which id', (key, value, named) => {
		const raw = `[${JSON.stringify({ ...legacy, [key]: 0 }).replace(`"${key}":0`, `"${key}":${typeof value === 'number' ? (Object.is(value, Infinity) ? '1e400' : String(value)) : JSON.stringify(value)}`)}]`;
		const parsed = parseDelivery(Buffer.from(raw, 'utf8'));
		expect(parsed).toEqual({
			ok: true,
			value: {
				contactCreations: [],
				ignored: 1,
				dropped: [{ index: 0, reason: `${named} is not a HubSpot id` }],
			},
		});
	});

	it('accepts ids as positive safe integers or digit strings', () => {
		const parsed = parseDelivery(
			body([{ ...legacy, objectId: '51234567001', eventId: Number.MAX_SAFE_INTEGER }]),
		);
		expect(parsed.ok && parsed.value.contactCreations.map((event) => event.contactId)).toEqual([
			'51234567001',
		]);
	});

	it('reads a legacy contact.creation event', () => {
		const parsed = parseDelivery(body([legacy]));
		expect(parsed).toEqual({
			ok: true,
			value: {
				ignored: 0,
				dropped: [],
				contactCreations: [
					{
						eventId: '1',
						subscriptionId: '12345',
						portalId: '62515',
						appId: '54321',
						contactId: '123',
						occurredAtMs: 1564113600000,
						subscriptionType: 'contact.creation',
						attemptNumber: 0,
						changeSource: 'CRM',
					},
				],
			},
		});
	});

	it('reads generic object.creation events for contacts and ignores other object types', () => {
		const generic = {
			...legacy,
			eventId: 2,
			subscriptionType: 'object.creation',
			objectTypeId: '0-1',
			objectId: 7,
		};
		const company = { ...generic, eventId: 3, objectTypeId: '0-2', objectId: 8 };
		const parsed = parseDelivery(body([generic, company]));
		expect(
			parsed.ok && parsed.value.contactCreations.map((event) => [event.eventId, event.contactId]),
		).toEqual([['2', '7']]);
		expect(parsed.ok && parsed.value.ignored).toBe(1);
	});

	it('accepts the eventType spelling from older docs and ignores other event types in the same delivery', () => {
		const { subscriptionType, ...withoutType } = legacy;
		const oldSpelling = { ...withoutType, eventId: 4, eventType: subscriptionType };
		const propertyChange = {
			...legacy,
			eventId: 5,
			subscriptionType: 'contact.propertyChange',
			propertyName: 'email',
		};
		const parsed = parseDelivery(body([propertyChange, oldSpelling, { nonsense: true }]));
		expect(parsed.ok && parsed.value.contactCreations.map((event) => event.eventId)).toEqual(['4']);
		expect(parsed.ok && parsed.value.ignored).toBe(2);
	});

	it('refuses bodies that are not a JSON array', () => {
		expect(parseDelivery(Buffer.from('{"eventId":1}'))).toEqual({
			ok: false,
			reason: 'The request body is not a JSON array. HubSpot sends a JSON array of events.',
		});
		expect(parseDelivery(Buffer.from('not json')).ok).toBe(false);
	});

	it('scopes dedupe keys by portal and subscription', () => {
		const parsed = parseDelivery(body([legacy]));
		const event = parsed.ok ? parsed.value.contactCreations[0] : undefined;
		expect(event && eventKey(event)).toBe('62515:12345:1');
		expect(event && contactKey(event)).toBe('62515:contact:123');
	});
});
