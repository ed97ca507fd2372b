import type { Sandbox } from '../../sandbox/server';
import {
	type CrmObject,
	type SearchBody,
	call,
	contactId,
	testClock,
	withSandbox,
} from './helpers';

type Filter = {
	propertyName: string;
	operator: string;
	value?: string;
	values?: string[];
	highValue?: string;
};

describe('CRM search', () => {
	const clock = testClock('2026-03-04T14:00:00.000Z');
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await withSandbox({ now: clock.now });
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		clock.set('2026-03-04T14:00:00.000Z');
		sandbox.reset();
	});

	/** Each search moves the clock by 300 ms so the 5-per-second search limit is never hit by accident. */
	async function search(body: unknown, object = 'contacts') {
		clock.advance(300);
		return call<SearchBody>(sandbox, 'POST', `/crm/v3/objects/${object}/search`, { body });
	}

	async function emails(filterGroups: Array<{ filters: Filter[] }>): Promise<string[]> {
		const reply = await search({ filterGroups, properties: ['email'], limit: 100 });
		expect(reply.status).toBe(200);
		return reply.body.results.map((r) => r.properties.email ?? '').sort();
	}

	const one = (...filters: Filter[]) => [{ filters }];

	it('finds a contact by the national phone number', async () => {
		expect(
			await emails(
				one({
					propertyName: 'hs_searchable_calculated_phone_number',
					operator: 'EQ',
					value: '4155550100',
				}),
			),
		).toEqual(['jane.doe@acme-corp.test']);
	});

	it('finds both contacts sharing a number typed two ways', async () => {
		expect(
			await emails(
				one({
					propertyName: 'hs_searchable_calculated_phone_number',
					operator: 'CONTAINS_TOKEN',
					value: '*5550142',
				}),
			),
		).toEqual(['dana.white@whitefamily.test', 'evan.white@whitefamily.test']);
	});

	it('ORs filter groups and ANDs filters within a group', async () => {
		const either = [
			{ filters: [{ propertyName: 'email', operator: 'EQ', value: 'bob.smith@globex.test' }] },
			{
				filters: [
					{ propertyName: 'lastname', operator: 'EQ', value: 'white' },
					{ propertyName: 'firstname', operator: 'EQ', value: 'Dana' },
				],
			},
		];
		expect(await emails(either)).toEqual(['bob.smith@globex.test', 'dana.white@whitefamily.test']);
	});

	it('compares string values case-insensitively', async () => {
		expect(
			await emails(
				one({ propertyName: 'email', operator: 'EQ', value: 'JANE.DOE@ACME-CORP.TEST' }),
			),
		).toEqual(['jane.doe@acme-corp.test']);
	});

	it('matches IN values only when they are lowercase, as HubSpot documents', async () => {
		expect(
			await emails(one({ propertyName: 'lastname', operator: 'IN', values: ['White'] })),
		).toEqual([]);
		expect(
			await emails(one({ propertyName: 'lastname', operator: 'IN', values: ['white', 'ford'] })),
		).toEqual([
			'dana.white@whitefamily.test',
			'evan.white@whitefamily.test',
			'henry.ford@detroit.test',
		]);
	});

	it('supports NEQ, NOT_IN, HAS_PROPERTY and NOT_HAS_PROPERTY', async () => {
		expect(await emails(one({ propertyName: 'mobilephone', operator: 'HAS_PROPERTY' }))).toEqual([
			'carla.gomez@initech.test',
			'ivy.chen@chicago-llc.test',
		]);
		expect(await emails(one({ propertyName: 'phone', operator: 'NOT_HAS_PROPERTY' }))).toEqual([
			'carla.gomez@initech.test',
			'henry.ford@detroit.test',
		]);
		const notWhite = await emails(
			one({ propertyName: 'lastname', operator: 'NEQ', value: 'White' }),
		);
		expect(notWhite).toHaveLength(11);
		const notIn = await emails(
			one({
				propertyName: 'country',
				operator: 'NOT_IN',
				values: ['united kingdom', 'germany', 'australia', 'france'],
			}),
		);
		expect(notIn).toHaveLength(8);
	});

	it('matches tokens with CONTAINS_TOKEN (wildcards included) and excludes them with NOT_CONTAINS_TOKEN', async () => {
		expect(
			await emails(
				one({ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*@britco.test' }),
			),
		).toEqual(['amelia.clarke@britco.test', 'oliver.bennett@britco.test']);
		expect(
			await emails(one({ propertyName: 'company', operator: 'CONTAINS_TOKEN', value: 'corp' })),
		).toEqual(['jane.doe@acme-corp.test']);
		const withoutBritco = await emails(
			one({ propertyName: 'email', operator: 'NOT_CONTAINS_TOKEN', value: '*@britco.test' }),
		);
		expect(withoutBritco).toHaveLength(11);
	});

	it('compares datetimes as epoch ms whether the filter value is ISO or milliseconds', async () => {
		clock.advance(60_000);
		await call(sandbox, 'POST', '/crm/v3/objects/contacts', {
			body: { properties: { email: 'late@acme.test' } },
		});
		const since = String(Date.parse('2026-03-04T14:00:00.000Z'));
		expect(
			await emails(one({ propertyName: 'createdate', operator: 'GTE', value: since })),
		).toEqual(['late@acme.test']);
		expect(
			await emails(
				one({ propertyName: 'createdate', operator: 'GT', value: '2026-03-04T14:00:00Z' }),
			),
		).toEqual(['late@acme.test']);
		expect(
			await emails(one({ propertyName: 'createdate', operator: 'LT', value: since })),
		).toHaveLength(13);
	});

	it('finds meetings in a start-time window with BETWEEN and by associated contact', async () => {
		const jane = contactId(sandbox, 'jane.doe@acme-corp.test');
		const window = {
			filterGroups: [
				{
					filters: [
						{
							propertyName: 'hs_meeting_start_time',
							operator: 'BETWEEN',
							value: String(Date.parse('2026-03-05T00:00:00Z')),
							highValue: '2026-03-14T00:00:00Z',
						},
						{ propertyName: 'associations.contact', operator: 'EQ', value: jane },
					],
				},
			],
			properties: ['hs_meeting_title', 'hs_meeting_start_time'],
			sorts: [{ propertyName: 'hs_meeting_start_time', direction: 'DESCENDING' }],
		};
		const reply = await search(window, 'meetings');
		expect(
			reply.body.results.map((r) => [
				r.properties.hs_meeting_title,
				r.properties.hs_meeting_start_time,
			]),
		).toEqual([
			['Pricing follow-up', '2026-03-13T18:00:00.000Z'],
			['Product Demo', '2026-03-06T15:00:00.000Z'],
		]);
	});

	it('returns only the default meeting properties unless asked', async () => {
		const reply = await search({}, 'meetings');
		expect(Object.keys(reply.body.results[0].properties)).toEqual([
			'hs_createdate',
			'hs_lastmodifieddate',
			'hs_object_id',
		]);
	});

	it('sorts, pages with the after offset and reports the total', async () => {
		const sorts = [{ propertyName: 'email', direction: 'ASCENDING' }];
		const first = await search({ sorts, properties: ['email'], limit: 5 });
		expect(first.body.total).toBe(13);
		expect(first.body.results.map((r) => r.properties.email)).toEqual([
			'amelia.clarke@britco.test',
			'bob.smith@globex.test',
			'carla.gomez@initech.test',
			'chloe.nguyen@sydney-pty.test',
			'dana.white@whitefamily.test',
		]);
		expect(first.body.paging).toEqual({ next: { after: '5' } });
		const last = await search({ sorts, properties: ['email'], limit: 5, after: '10' });
		expect(last.body.results).toHaveLength(3);
		expect(last.body.paging).toBeUndefined();
	});

	it('defaults to 10 results per page and accepts a sort given as "-property"', async () => {
		const reply = await search({ sorts: ['-lastname'], properties: ['lastname'] });
		expect(reply.body.results).toHaveLength(10);
		expect(reply.body.results[0].properties.lastname).toBe('White');
	});

	it('matches the full-text query against name, email, phone and company', async () => {
		const reply = await search({ query: 'globex' });
		expect(reply.body.results.map((r) => r.properties.email)).toEqual(['bob.smith@globex.test']);
	});

	it.each([
		[
			'6 filter groups',
			{
				filterGroups: Array.from({ length: 6 }, () => ({
					filters: [{ propertyName: 'email', operator: 'HAS_PROPERTY' }],
				})),
			},
			'Too many filter groups (6). The maximum number of filter groups is 5.',
		],
		[
			'7 filters in a group',
			{
				filterGroups: [
					{
						filters: Array.from({ length: 7 }, () => ({
							propertyName: 'email',
							operator: 'HAS_PROPERTY',
						})),
					},
				],
			},
			'Too many filters in a filter group (7). The maximum number of filters per filter group is 6.',
		],
		[
			'19 filters in total',
			{
				filterGroups: [4, 5, 5, 5].map((n) => ({
					filters: Array.from({ length: n }, () => ({
						propertyName: 'email',
						operator: 'HAS_PROPERTY',
					})),
				})),
			},
			'Too many filters (19). The maximum number of filters across all filter groups is 18.',
		],
		['limit 201', { limit: 201 }, 'limit must be between 0 and 200; got 201.'],
		[
			'paging past 10,000',
			{ after: '10000' },
			'Paging beyond 10000 results is not supported (after=10000). Narrow the search with filters.',
		],
		[
			'two sorts',
			{ sorts: ['email', 'lastname'] },
			'Only one sort rule is supported per search request.',
		],
		[
			'an unknown operator',
			{ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'LIKE', value: 'x' }] }] },
			'LIKE is not a valid filter operator. Valid operators: EQ, NEQ, LT, LTE, GT, GTE, BETWEEN, IN, NOT_IN, HAS_PROPERTY, NOT_HAS_PROPERTY, CONTAINS_TOKEN, NOT_CONTAINS_TOKEN.',
		],
	])('rejects %s with 400 VALIDATION_ERROR', async (_name, body, message) => {
		const reply = await call(sandbox, 'POST', '/crm/v3/objects/contacts/search', { body });
		expect(reply.status).toBe(400);
		expect(reply.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', message });
	});

	it('rejects a body longer than 3,000 characters', async () => {
		const body = JSON.stringify({ query: 'x'.repeat(2990) });
		const reply = await call(sandbox, 'POST', '/crm/v3/objects/contacts/search', { body });
		expect(reply.status).toBe(400);
		expect(reply.body.message).toBe(
			`The request body is ${body.length} characters long; search requests are limited to 3000 characters.`,
		);
	});

	it('sends no rate-limit headers on search responses', async () => {
		const reply = await search({});
		expect(reply.headers.get('x-hubspot-ratelimit-max')).toBeNull();
		expect(reply.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
	});

	it('never returns archived records', async () => {
		const jane = contactId(sandbox, 'jane.doe@acme-corp.test');
		await call(sandbox, 'DELETE', `/crm/v3/objects/contacts/${jane}`);
		expect(
			await emails(
				one({ propertyName: 'email', operator: 'EQ', value: 'jane.doe@acme-corp.test' }),
			),
		).toEqual([]);
	});
});

describe('search index lag', () => {
	const clock = testClock('2026-03-04T14:00:00.000Z');
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await withSandbox({ now: clock.now, searchIndexLagMs: 2000 });
	});
	afterAll(() => sandbox.close());

	const byPhone = (national: string) => ({
		filterGroups: [
			{
				filters: [
					{
						propertyName: 'hs_searchable_calculated_phone_number',
						operator: 'EQ',
						value: national,
					},
				],
			},
		],
		properties: ['phone'],
	});

	it('hides a new contact from search until the lag has passed, while GET sees it at once', async () => {
		const created = await call<CrmObject>(sandbox, 'POST', '/crm/v3/objects/contacts', {
			body: { properties: { email: 'caller@acme.test', phone: '+1 917 555 0188' } },
		});
		const hidden = await call<SearchBody>(sandbox, 'POST', '/crm/v3/objects/contacts/search', {
			body: byPhone('9175550188'),
		});
		expect(hidden.body.total).toBe(0);
		expect((await call(sandbox, 'GET', `/crm/v3/objects/contacts/${created.body.id}`)).status).toBe(
			200,
		);
		clock.advance(1999);
		expect(
			(
				await call<SearchBody>(sandbox, 'POST', '/crm/v3/objects/contacts/search', {
					body: byPhone('9175550188'),
				})
			).body.total,
		).toBe(0);
		clock.advance(1);
		const visible = await call<SearchBody>(sandbox, 'POST', '/crm/v3/objects/contacts/search', {
			body: byPhone('9175550188'),
		});
		expect(visible.body.results.map((r) => r.id)).toEqual([created.body.id]);
	});

	it('keeps serving the previous version of an updated record until the lag has passed', async () => {
		const bob = contactId(sandbox, 'bob.smith@globex.test');
		await call(sandbox, 'PATCH', `/crm/v3/objects/contacts/${bob}`, {
			body: { properties: { phone: '+1 917 555 0199' } },
		});
		clock.advance(1000);
		const old = await call<SearchBody>(sandbox, 'POST', '/crm/v3/objects/contacts/search', {
			body: byPhone('4155550101'),
		});
		expect(old.body.results.map((r) => [r.id, r.properties.phone])).toEqual([
			[bob, '415.555.0101'],
		]);
		clock.advance(1000);
		const fresh = await call<SearchBody>(sandbox, 'POST', '/crm/v3/objects/contacts/search', {
			body: byPhone('9175550199'),
		});
		expect(fresh.body.results.map((r) => r.id)).toEqual([bob]);
	});
});
