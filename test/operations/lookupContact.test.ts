import { DateTime } from 'luxon';

import type { Sandbox } from '../../sandbox/server';
import { closeEngineRuntime } from '../harness/runtime';
import { addPastMeetings, contactWithEmail, createMeetingFor } from './helpers/sandboxRecords';
import {
	apiCalls,
	callLines,
	outputItems,
	outputJson,
	runScheduling,
	startPinnedSandbox,
} from './helpers/schedulingRun';

const CONTACT_PROPERTIES = [
	'firstname',
	'lastname',
	'email',
	'phone',
	'mobilephone',
	'hs_calculated_phone_number',
	'hs_searchable_calculated_phone_number',
	'hs_searchable_calculated_mobile_number',
	'lastmodifieddate',
];
const MEETING_PROPERTIES = [
	'hs_meeting_title',
	'hs_meeting_start_time',
	'hs_meeting_end_time',
	'hs_meeting_outcome',
	'hs_meeting_location',
	'hs_meeting_external_url',
	'hubspot_owner_id',
];
const SEARCH = 'POST /crm/objects/2026-09/contacts/search';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startPinnedSandbox();
});

beforeEach(() => {
	sandbox.reset();
});

afterAll(async () => {
	await sandbox.close();
	await closeEngineRuntime();
});

const idOf = (email: string) => contactWithEmail(sandbox, email)?.id;

const JANE_UPCOMING = [
	{
		id: '81234567001',
		title: 'Product Demo',
		start: '2026-10-31T10:00:00-04:00',
		end: '2026-10-31T10:30:00-04:00',
		startUtc: '2026-10-31T14:00:00Z',
		endUtc: '2026-10-31T14:30:00Z',
		startMs: Date.parse('2026-10-31T14:00:00Z'),
		endMs: Date.parse('2026-10-31T14:30:00Z'),
		timeZone: 'America/New_York',
		label: 'Saturday, October 31 at 10:00 AM',
	},
	{
		id: '81234567002',
		title: 'Pricing follow-up',
		start: '2026-11-07T14:00:00-05:00',
		end: '2026-11-07T15:00:00-05:00',
		startUtc: '2026-11-07T19:00:00Z',
		endUtc: '2026-11-07T20:00:00Z',
		startMs: Date.parse('2026-11-07T19:00:00Z'),
		endMs: Date.parse('2026-11-07T20:00:00Z'),
		timeZone: 'America/New_York',
		label: 'Saturday, November 7 at 2:00 PM',
	},
];

describe('Lookup Contact by phone', () => {
	it('recognises a caller with one search, then reads their upcoming meetings (three calls)', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'lookupContact',
			phone: '+1 (415) 555-0100',
		});

		const janeId = idOf('jane.doe@acme-corp.test');
		expect(apiCalls(sandbox)).toEqual([
			{
				method: 'POST',
				path: '/crm/objects/2026-09/contacts/search',
				body: {
					filterGroups: [
						{
							filters: [
								{
									propertyName: 'hs_searchable_calculated_phone_number',
									operator: 'IN',
									values: ['4155550100'],
								},
							],
						},
						{
							filters: [
								{
									propertyName: 'hs_searchable_calculated_mobile_number',
									operator: 'IN',
									values: ['4155550100'],
								},
							],
						},
						{ filters: [{ propertyName: 'phone', operator: 'IN', values: ['+14155550100'] }] },
						{
							filters: [{ propertyName: 'mobilephone', operator: 'IN', values: ['+14155550100'] }],
						},
					],
					properties: CONTACT_PROPERTIES,
					limit: 200,
				},
			},
			{
				method: 'POST',
				path: '/crm/associations/2026-09/contacts/meetings/batch/read',
				body: { inputs: [{ id: janeId }] },
			},
			{
				method: 'POST',
				path: '/crm/objects/2026-09/meetings/batch/read',
				body: {
					properties: MEETING_PROPERTIES,
					inputs: [{ id: '81234567001' }, { id: '81234567002' }, { id: '81234567003' }],
				},
			},
		]);
		expect(outputItems(result)).toEqual([
			{
				json: {
					found: true,
					matchCount: 1,
					contactId: janeId,
					firstName: 'Jane',
					lastName: 'Doe',
					email: 'jane.doe@acme-corp.test',
					phone: '+1 (415) 555-0100',
					phoneProperty: 'phone',
					phoneE164: '+14155550100',
					otherMatchIds: [],
					upcomingMeetings: JANE_UPCOMING,
					context:
						'The caller is Jane Doe (jane.doe@acme-corp.test). Upcoming: Saturday, October 31 at 10:00 AM - Product Demo; Saturday, November 7 at 2:00 PM - Pricing follow-up.',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it.each([
		['415.555.0100', 'US', 'jane.doe@acme-corp.test', 'phone'],
		['4155550100', 'US', 'jane.doe@acme-corp.test', 'phone'],
		['+14155550100', 'US', 'jane.doe@acme-corp.test', 'phone'],
		['001 415 555 0100', 'DE', 'jane.doe@acme-corp.test', 'phone'],
		['1-415-555-0101', 'US', 'bob.smith@globex.test', 'phone'],
		['(415) 555-0123', 'US', 'grace.hopper@navy.test', 'phone'],
		['(212) 555-0199', 'US', 'carla.gomez@initech.test', 'mobilephone'],
		['312-555-0178', 'US', 'ivy.chen@chicago-llc.test', 'mobilephone'],
		['+1 312 555 0177', 'US', 'ivy.chen@chicago-llc.test', 'phone'],
		['0044 20 7946 0958', 'US', 'oliver.bennett@britco.test', 'phone'],
		['+442079460958', 'US', 'oliver.bennett@britco.test', 'phone'],
		['020 7946 0958', 'GB', 'oliver.bennett@britco.test', 'phone'],
		['+44 20 7946 0959', 'US', 'amelia.clarke@britco.test', 'phone'],
		['030 901820', 'DE', 'lukas.mueller@berlin-gmbh.test', 'phone'],
		['+49 (0)30 901820', 'US', 'lukas.mueller@berlin-gmbh.test', 'phone'],
		['(02) 9374 4000', 'AU', 'chloe.nguyen@sydney-pty.test', 'phone'],
		['0011 61 2 9374 4000', 'AU', 'chloe.nguyen@sydney-pty.test', 'phone'],
		['01 23 45 67 89', 'FR', 'lea.martin@paris-sarl.test', 'phone'],
	])('%s (default country %s) is %s', async (phone, defaultCountry, email, property) => {
		const result = await runScheduling(sandbox, {
			operation: 'lookupContact',
			phone,
			defaultCountry,
			maxMeetings: 0,
		});

		expect(callLines(sandbox)).toEqual([SEARCH]);
		expect(outputJson(result)[0]).toMatchObject({
			found: true,
			matchCount: 1,
			contactId: idOf(email),
			email,
			phoneProperty: property,
		});
	});

	it('does not take a partial match for the caller', async () => {
		// Same last ten digits as Oliver in London, but a US number.
		const result = await runScheduling(sandbox, {
			operation: 'lookupContact',
			phone: '+1 207 946 0958',
		});

		expect(outputJson(result)[0]).toMatchObject({ found: false, matchCount: 0 });
	});

	it('says when one number belongs to two contacts, so the agent asks who is calling', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'lookupContact',
			phone: '646-555-0142',
			maxMeetings: 0,
		});

		const [json] = outputJson(result);
		expect(json.matchCount).toBe(2);
		expect([json.contactId, ...(json.otherMatchIds as string[])].sort()).toEqual(
			[idOf('dana.white@whitefamily.test'), idOf('evan.white@whitefamily.test')].sort(),
		);
		expect(json.context).toMatch(
			/^The caller's number belongs to 2 contacts: (Dana|Evan) White \((dana|evan)\.white@whitefamily\.test\) and (Dana|Evan) White \((dana|evan)\.white@whitefamily\.test\)\. Ask which of them is calling before using their details\.$/,
		);
		expect(json.phoneE164).toBe('+16465550142');
	});

	it('treats a new caller as normal: found false, empty context, one call', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'lookupContact',
			phone: '+1 415 555 0199',
		});

		expect(callLines(sandbox)).toEqual([SEARCH]);
		expect(outputItems(result)).toEqual([
			{
				json: {
					found: false,
					matchCount: 0,
					contactId: null,
					firstName: null,
					lastName: null,
					email: null,
					phone: null,
					phoneE164: '+14155550199',
					otherMatchIds: [],
					upcomingMeetings: [],
					context: '',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('says "no upcoming meetings" for a known caller without any', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'lookupContact',
			phone: '415 555 0101',
		});

		expect(callLines(sandbox)).toEqual([
			SEARCH,
			'POST /crm/associations/2026-09/contacts/meetings/batch/read',
		]);
		expect(outputJson(result)[0]).toMatchObject({
			upcomingMeetings: [],
			context: 'The caller is Bob Smith (bob.smith@globex.test). No upcoming meetings.',
		});
	});

	it('caps the meetings and labels them in the chosen time zone', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'lookupContact',
			phone: '+14155550100',
			maxMeetings: 1,
			timeZone: 'Europe/London',
		});

		expect(outputJson(result)[0]).toMatchObject({
			upcomingMeetings: [
				{
					id: '81234567001',
					start: '2026-10-31T14:00:00+00:00',
					label: 'Saturday, October 31 at 2:00 PM',
				},
			],
			context:
				'The caller is Jane Doe (jane.doe@acme-corp.test). Upcoming: Saturday, October 31 at 2:00 PM - Product Demo.',
		});
	});
});

describe('Lookup Contact by email', () => {
	it('reads the contact with its meeting ids in one call, then the meetings (two calls)', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'lookupContact',
			lookupBy: 'email',
			email: 'JANE.DOE@acme-corp.test',
		});

		expect(apiCalls(sandbox)).toEqual([
			{
				method: 'GET',
				path: '/crm/objects/2026-09/contacts/jane.doe%40acme-corp.test',
				query: {
					idProperty: 'email',
					properties: CONTACT_PROPERTIES.join(','),
					associations: 'meetings',
				},
			},
			{
				method: 'POST',
				path: '/crm/objects/2026-09/meetings/batch/read',
				body: {
					properties: MEETING_PROPERTIES,
					inputs: [{ id: '81234567001' }, { id: '81234567002' }, { id: '81234567003' }],
				},
			},
		]);
		expect(outputJson(result)[0]).toEqual({
			found: true,
			matchCount: 1,
			contactId: idOf('jane.doe@acme-corp.test'),
			firstName: 'Jane',
			lastName: 'Doe',
			email: 'jane.doe@acme-corp.test',
			phone: '+1 (415) 555-0100',
			phoneE164: '+14155550100',
			otherMatchIds: [],
			upcomingMeetings: JANE_UPCOMING,
			context:
				'The caller is Jane Doe (jane.doe@acme-corp.test). Upcoming: Saturday, October 31 at 10:00 AM - Product Demo; Saturday, November 7 at 2:00 PM - Pricing follow-up.',
		});
	});

	it.each(['mailto:Jane.Doe@acme-corp.test', '<jane.doe@acme-corp.test>'])(
		'reads an email an LLM wrapped (%s) as the plain address',
		async (email) => {
			const result = await runScheduling(sandbox, {
				operation: 'lookupContact',
				lookupBy: 'email',
				email,
				maxMeetings: 0,
			});

			expect(callLines(sandbox)).toEqual([
				'GET /crm/objects/2026-09/contacts/jane.doe%40acme-corp.test',
			]);
			expect(outputJson(result)[0]).toMatchObject({
				found: true,
				email: 'jane.doe@acme-corp.test',
			});
		},
	);

	it('answers found false for an unknown email after one call', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'lookupContact',
			lookupBy: 'email',
			email: 'new.caller@acme.test',
		});

		expect(callLines(sandbox)).toEqual([
			'GET /crm/objects/2026-09/contacts/new.caller%40acme.test',
		]);
		expect(outputJson(result)[0]).toMatchObject({ found: false, context: '', phoneE164: null });
	});
});

describe('Lookup Contact for many items at once', () => {
	const phones = [
		'+1 (415) 555-0100',
		'415.555.0101',
		'(212) 555-0199',
		'0044 20 7946 0958',
		'+44 20 7946 0959',
		'+49 30 901820',
		'+61 2 9374 4000',
		'+33 1 23 45 67 89',
		'+1 646 555 0142',
		'+14155550123',
		'+1 312 555 0178',
		'+1 415 555 0199',
	];

	it('puts many numbers into one search and all meetings into one association read and one meeting read', async () => {
		const result = await runScheduling(
			sandbox,
			{ operation: 'lookupContact', phone: '={{ $json.phone }}' },
			{ input: phones.map((phone) => ({ phone })) },
		);

		expect(callLines(sandbox)).toEqual([
			SEARCH,
			'POST /crm/associations/2026-09/contacts/meetings/batch/read',
			'POST /crm/objects/2026-09/meetings/batch/read',
		]);
		const items = outputItems(result);
		expect(items.map((item) => item.pairedItem)).toEqual(phones.map((_, item) => ({ item })));
		expect(items.map((item) => item.json.email)).toEqual([
			'jane.doe@acme-corp.test',
			'bob.smith@globex.test',
			'carla.gomez@initech.test',
			'oliver.bennett@britco.test',
			'amelia.clarke@britco.test',
			'lukas.mueller@berlin-gmbh.test',
			'chloe.nguyen@sydney-pty.test',
			'lea.martin@paris-sarl.test',
			expect.stringMatching(/^(dana|evan)\.white@whitefamily\.test$/),
			'grace.hopper@navy.test',
			'ivy.chen@chicago-llc.test',
			null,
		]);
		expect(items[0].json.upcomingMeetings).toEqual(JANE_UPCOMING);
	});

	it("splits a long list into a few searches that stay under HubSpot's body limit", async () => {
		const callers = Array.from({ length: 120 }, (_, index) => `+1 415 555 ${String(1000 + index)}`);
		const result = await runScheduling(
			sandbox,
			{ operation: 'lookupContact', phone: '={{ $json.phone }}', maxMeetings: 0 },
			{ input: callers.map((phone) => ({ phone })) },
		);

		expect(result.status).toBe('success');
		const searches = sandbox
			.requestLog()
			.filter((entry) => entry.path === '/crm/objects/2026-09/contacts/search');
		expect(searches.map((entry) => entry.status)).toEqual(searches.map(() => 200));
		expect(searches.length).toBe(4);
		expect(outputItems(result)).toHaveLength(120);
	});

	it('reads many emails in one batch read', async () => {
		const emails = ['jane.doe@acme-corp.test', 'bob.smith@globex.test', 'nobody@acme.test'];
		const result = await runScheduling(
			sandbox,
			{ operation: 'lookupContact', lookupBy: 'email', email: '={{ $json.email }}' },
			{ input: emails.map((email) => ({ email })) },
		);

		expect(apiCalls(sandbox)[0]).toEqual({
			method: 'POST',
			path: '/crm/objects/2026-09/contacts/batch/read',
			body: {
				idProperty: 'email',
				properties: CONTACT_PROPERTIES,
				inputs: emails.map((id) => ({ id })),
			},
		});
		expect(callLines(sandbox)).toHaveLength(3);
		expect(outputJson(result).map((json) => json.found)).toEqual([true, true, false]);
	});

	it('with "Continue On Fail", gives a bad item its error and still looks up the others', async () => {
		const result = await runScheduling(
			sandbox,
			{ operation: 'lookupContact', phone: '={{ $json.phone }}', maxMeetings: 0 },
			{
				input: [{ phone: '415.555.0101' }, { phone: 'ask reception' }, { phone: '+14155550123' }],
				continueOnFail: true,
			},
		);

		expect(callLines(sandbox)).toEqual([SEARCH]);
		const items = outputItems(result);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.email).toBe('bob.smith@globex.test');
		expect(items[1].json.error).toMatch(/^Invalid Phone: /);
		expect(items[1].json.errorDescription).toBe(
			'Fix the "Phone" parameter of item 1 and run again. Nothing was sent to HubSpot for this item.',
		);
		expect(items[2].json.email).toBe('grace.hopper@navy.test');
	});

	it('without "Continue On Fail", stops at the bad item before any call', async () => {
		const result = await runScheduling(
			sandbox,
			{ operation: 'lookupContact', phone: '={{ $json.phone }}' },
			{ input: [{ phone: '415.555.0101' }, { phone: '12' }] },
		);

		expect(result.error).toMatchObject({ itemIndex: 1 });
		expect(result.error?.message).toMatch(/^Invalid Phone: “12” is too short/);
		expect(apiCalls(sandbox)).toEqual([]);
	});

	it('with "Continue On Fail", gives every item HubSpot\'s error when the shared search fails', async () => {
		sandbox.faults.add({
			path: '/crm/objects/2026-09/contacts/search',
			times: 1,
			action: { status: 403 },
		});
		const result = await runScheduling(
			sandbox,
			{ operation: 'lookupContact', phone: '={{ $json.phone }}' },
			{ input: [{ phone: '415.555.0101' }, { phone: '+14155550123' }], continueOnFail: true },
		);

		const items = outputItems(result);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items.map((item) => item.json.httpCode)).toEqual(['403', '403']);
	});
});

describe('Lookup Contact refuses invalid items before calling HubSpot', () => {
	it.each([
		[
			'no phone',
			{ phone: '={{ $json.phone ?? "" }}' },
			'Invalid Phone: a phone number is required, for example +1 415 555 0100.',
		],
		['letters only', { phone: 'unknown' }, 'Invalid Phone:'],
		[
			'a bad default country',
			{ phone: '415 555 0100', defaultCountry: 'USA' },
			'Invalid Default Phone Country: “USA” is not a two-letter country code such as US or GB.',
		],
		[
			'a malformed email',
			{ lookupBy: 'email', email: 'jane@@acme.test' },
			'Invalid Email: “jane@@acme.test” is not a valid email address.',
		],
		[
			'an unknown time zone',
			{ phone: '415 555 0100', timeZone: 'Pacific' },
			'Invalid Time Zone: “Pacific” is not an IANA time zone.',
		],
		[
			'too many meetings',
			{ phone: '415 555 0100', maxMeetings: 51 },
			'Invalid Max Upcoming Meetings: must be a whole number from 0 to 50.',
		],
	])('%s', async (_case, parameters, message) => {
		const result = await runScheduling(sandbox, { operation: 'lookupContact', ...parameters });

		expect(result.error?.message.startsWith(message)).toBe(true);
		expect(result.error?.itemIndex).toBe(0);
		expect(apiCalls(sandbox)).toEqual([]);
	});
});

describe('Lookup Contact follows association pages (HubSpot: at most 100 per contact per page)', () => {
	const JANE = 'jane.doe@acme-corp.test';

	/** 150 past meetings associated after Jane's fixture ones: her newest booking is on page 2. */
	async function janeWithLongHistory(): Promise<string> {
		const janeId = idOf(JANE) as string;
		addPastMeetings(sandbox, janeId, 150);
		const newest = await createMeetingFor(
			sandbox,
			janeId,
			DateTime.fromISO('2026-11-02T11:00', { zone: 'America/New_York' }),
			'Booked after many calls',
		);
		sandbox.clearLog();
		return newest;
	}

	it('by email: the contact GET pages, so the whole list is read and the newest meeting is upcoming', async () => {
		const newest = await janeWithLongHistory();
		const result = await runScheduling(sandbox, {
			operation: 'lookupContact',
			lookupBy: 'email',
			email: JANE,
		});

		const upcoming = outputJson(result)[0].upcomingMeetings as Array<{ id: string }>;
		expect(upcoming.map((meeting) => meeting.id)).toContain(newest);
		expect(callLines(sandbox)).toEqual([
			'GET /crm/objects/2026-09/contacts/jane.doe%40acme-corp.test',
			'POST /crm/associations/2026-09/contacts/meetings/batch/read',
			'POST /crm/associations/2026-09/contacts/meetings/batch/read',
			'POST /crm/objects/2026-09/meetings/batch/read',
			'POST /crm/objects/2026-09/meetings/batch/read',
		]);
	});

	it('by phone: the batch read is followed with the cursor beside the id', async () => {
		const newest = await janeWithLongHistory();
		const result = await runScheduling(sandbox, {
			operation: 'lookupContact',
			phone: '+1 (415) 555-0100',
		});

		const upcoming = outputJson(result)[0].upcomingMeetings as Array<{ id: string }>;
		expect(upcoming.map((meeting) => meeting.id)).toContain(newest);
		const associationReads = apiCalls(sandbox).filter((call) => call.path.includes('associations'));
		expect(associationReads).toEqual([
			expect.objectContaining({ body: { inputs: [{ id: idOf(JANE) }] } }),
			expect.objectContaining({
				body: { inputs: [{ id: idOf(JANE), after: expect.any(String) }] },
			}),
		]);
	});
});
