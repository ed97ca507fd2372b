import type { Sandbox } from '../../sandbox/server';
import { connectOAuth2 } from '../harness/sandboxOAuth';
import { baseFixture } from '../sandbox/helpers';
import { bookDemoSlot, DEMO_PATHS, DEMO_SLOT, getDemoSlots } from './support/demoLink';
import { FaultSuite, itLeaksNoSecrets, SERVICE_KEY } from './support/faultSuite';
import { contactIdsWithEmail, liveMeetingsAt } from './support/sandboxFacts';

/**
 * HubSpot's 429s by policy, and rate-limit headers that are missing or odd. Every item must either
 * complete or fail with a clear message; a DAILY 429 is never retried; no header can make the node
 * wait longer than the backoff cap (10 s). Waits are recorded on the virtual clock, never slept.
 */

const suite = FaultSuite.install();
const sandbox = suite.sandboxPerFile();

const { bookingInfo: BOOKING_INFO, book: BOOK, contactSearch: SEARCH } = DEMO_PATHS;
const SLOT = DEMO_SLOT;
const getSlots = getDemoSlots;
const lookupByPhone = {
	operation: 'lookupContact',
	lookupBy: 'phone',
	phone: '+1 415 555 0100',
	maxMeetings: 0,
};
const book = bookDemoSlot({ email: 'rita.ratelimit@acme.test', fullName: 'Rita Ratelimit' });

/** The backoff bounds of retryPolicy.ts: base × 2^(n−1), capped at 10 s, plus up to 25 % jitter. */
function expectBackoffs(sleeps: number[], baseMs: number): void {
	sleeps.forEach((sleep, index) => {
		const exponential = Math.min(baseMs * 2 ** index, 10_000);
		expect(sleep).toBeGreaterThanOrEqual(exponential);
		expect(sleep).toBeLessThanOrEqual(Math.min(exponential * 1.25, 10_000));
	});
}

const statuses = (requests: Array<{ status: number | null }>) =>
	requests.map((request) => request.status);

describe.each([
	['TEN_SECONDLY_ROLLING', 1_500],
	['SECONDLY', 1_000],
] as const)('a %s burst', (policyName, baseMs) => {
	it('on the first read of Get Slots: retried with backoff, and the item completes', async () => {
		sandbox.faults.add({
			path: BOOKING_INFO,
			times: 3,
			action: { kind: 'rate-limit', policyName },
		});
		const run = await suite.run(sandbox, getSlots);
		expect(run.result.status).toBe('success');
		expect(run.items[0]).toMatchObject({ meetingLink: 'alex-demo', durationMinutes: 30 });
		expect(statuses(run.requests)).toEqual([429, 429, 429, 200]);
		const sleeps = suite.clock.takeSleeps();
		expect(sleeps).toHaveLength(3);
		expectBackoffs(sleeps, baseMs);
	});

	it('on a phone search: retried, and the caller is found', async () => {
		sandbox.faults.add({ path: SEARCH, times: 2, action: { kind: 'rate-limit', policyName } });
		const run = await suite.run(sandbox, lookupByPhone);
		expect(run.items).toEqual([
			expect.objectContaining({ found: true, firstName: 'Jane', lastName: 'Doe' }),
		]);
		expect(statuses(run.requests)).toEqual([429, 429, 200]);
	});

	it('on the booking itself: retried (HubSpot refused before acting), and booked exactly once', async () => {
		sandbox.faults.add({
			method: 'POST',
			path: BOOK,
			times: 2,
			action: { kind: 'rate-limit', policyName },
		});
		const run = await suite.run(sandbox, book);
		expect(run.items[0]).toMatchObject({ booked: true, alreadyBooked: false });
		expect(
			run.requests.filter((request) => request.method === 'POST').map((request) => request.status),
		).toEqual([429, 429, 200]);
		expect(liveMeetingsAt(sandbox, Date.parse(SLOT))).toHaveLength(1);
		expect(contactIdsWithEmail(sandbox, book.email)).toHaveLength(1);
	});

	it('longer than the retry budget: that item fails with a clear message, the other items complete', async () => {
		sandbox.faults.add({
			path: BOOKING_INFO,
			times: 6,
			action: { kind: 'rate-limit', policyName },
		});
		const run = await suite.run(sandbox, getSlots, { input: [{}, {}, {}], continueOnFail: true });
		expect(run.items[0]).toEqual({
			error: `Could not read the meeting link "alex-demo": HubSpot's rate limit (${policyName}) was still exceeded after 6 attempts. Process fewer items at once or slow the workflow down.`,
			errorDescription: expect.stringMatching(
				/^HTTP 429, correlationId [0-9a-f-]{36}, 6 attempts\.$/,
			),
			httpCode: '429',
		});
		expect(run.items.slice(1)).toEqual([
			expect.objectContaining({ meetingLink: 'alex-demo', count: expect.any(Number) }),
			expect.objectContaining({ meetingLink: 'alex-demo', count: expect.any(Number) }),
		]);
		// The two later items ask about the same link, so they share one read.
		expect(statuses(run.requests)).toEqual([429, 429, 429, 429, 429, 429, 200]);
		expectBackoffs(suite.clock.takeSleeps(), baseMs);
	});
});

describe('a DAILY 429', () => {
	const dailyMessage = (what: string) =>
		`Could not ${what}: this HubSpot account has used its daily API limit. It resets at midnight in the account's time zone; try again then or ask HubSpot for an API limit increase.`;

	it('is never retried: each item makes one request, waits nowhere, and fails with the reset time', async () => {
		sandbox.faults.add({
			path: '/',
			times: 1_000,
			action: { kind: 'rate-limit', policyName: 'DAILY' },
		});
		const run = await suite.run(sandbox, getSlots, { input: [{}, {}, {}], continueOnFail: true });
		expect(run.items.map((item) => item.error)).toEqual([
			dailyMessage('read the meeting link "alex-demo"'),
			dailyMessage('read the meeting link "alex-demo"'),
			dailyMessage('read the meeting link "alex-demo"'),
		]);
		expect(statuses(run.requests)).toEqual([429, 429, 429]);
		expect(suite.clock.takeSleeps()).toEqual([]);
	});

	it('on the booking: one attempt, nothing booked, and the execution stops with that message', async () => {
		sandbox.faults.add({
			method: 'POST',
			path: BOOK,
			times: 1_000,
			action: { kind: 'rate-limit', policyName: 'DAILY' },
		});
		const run = await suite.run(sandbox, book);
		expect(run.result.status).toBe('error');
		// A 429 was not applied, so the caller hears plainly that nothing was booked.
		expect(run.result.error?.message).toBe(
			`The meeting was not booked. ${dailyMessage('book the meeting')}`,
		);
		expect(run.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
		expect(liveMeetingsAt(sandbox, Date.parse(SLOT))).toEqual([]);
		expect(suite.clock.takeSleeps()).toEqual([]);
	});

	it('on a phone search: one attempt for the whole batch of callers, and each caller gets the message', async () => {
		sandbox.faults.add({
			path: SEARCH,
			times: 1_000,
			action: { kind: 'rate-limit', policyName: 'DAILY' },
		});
		const input = [{ phone: '+1 415 555 0100' }, { phone: '+1 415 555 0101' }];
		const run = await suite.run(
			sandbox,
			{ ...lookupByPhone, phone: '={{ $json.phone }}' },
			{ input, continueOnFail: true },
		);
		expect(
			run.requests.map((request) => `${request.method} ${request.path} ${request.status}`),
		).toEqual([`POST ${SEARCH} 429`]);
		expect(run.items.map((item) => item.error)).toEqual([
			dailyMessage('search contacts by phone'),
			dailyMessage('search contacts by phone'),
		]);
		expect(suite.clock.takeSleeps()).toEqual([]);
	});
});

describe('429s with a body or headers HubSpot does not document', () => {
	it.each([
		['no policyName', { status: 'error', message: 'slow down', errorType: 'RATE_LIMIT' }, {}],
		[
			'an unknown policyName',
			{ status: 'error', message: 'slow down', policyName: 'MONTHLY_SURPRISE' },
			{},
		],
		['a text body', 'Too Many Requests', {}],
		[
			'an unparsable Retry-After',
			{ policyName: 'TEN_SECONDLY_ROLLING' },
			{ 'retry-after': 'banana' },
		],
		['a huge Retry-After', { policyName: 'TEN_SECONDLY_ROLLING' }, { 'retry-after': '999999999' }],
		[
			'negative remaining and a zero max',
			{ policyName: 'TEN_SECONDLY_ROLLING' },
			{ 'x-hubspot-ratelimit-remaining': '-1', 'x-hubspot-ratelimit-max': '0' },
		],
	])(
		'%s: treated as a burst limit, retried within the cap, and the item completes',
		async (_case, body, headers) => {
			sandbox.faults.add({ path: BOOKING_INFO, times: 2, action: { status: 429, body, headers } });
			const run = await suite.run(sandbox, getSlots);
			expect(run.result.status).toBe('success');
			expect(statuses(run.requests)).toEqual([429, 429, 200]);
			const sleeps = suite.clock.takeSleeps();
			expect(sleeps).toHaveLength(2);
			expectBackoffs(sleeps, 1_500);
		},
	);
});

describe('successful answers with odd rate-limit headers', () => {
	let bookingInfoBody: unknown;

	beforeAll(async () => {
		const response = await fetch(`${sandbox.url}${BOOKING_INFO}?timezone=America%2FNew_York`, {
			headers: { authorization: `Bearer ${SERVICE_KEY}` },
		});
		bookingInfoBody = await response.json();
	});

	it.each([
		[
			'remaining is not a number',
			{
				'x-hubspot-ratelimit-max': '190',
				'x-hubspot-ratelimit-remaining': 'abc',
				'x-hubspot-ratelimit-interval-milliseconds': '10000',
			},
		],
		[
			'the window is exhausted and the interval says one hour',
			{
				'x-hubspot-ratelimit-max': '190',
				'x-hubspot-ratelimit-remaining': '0',
				'x-hubspot-ratelimit-interval-milliseconds': '3600000',
			},
		],
		[
			'remaining is negative',
			{
				'x-hubspot-ratelimit-max': '190',
				'x-hubspot-ratelimit-remaining': '-50',
				'x-hubspot-ratelimit-interval-milliseconds': '10000',
			},
		],
		[
			'max is zero',
			{
				'x-hubspot-ratelimit-max': '0',
				'x-hubspot-ratelimit-remaining': '0',
				'x-hubspot-ratelimit-interval-milliseconds': '10000',
			},
		],
		[
			'the interval is empty',
			{
				'x-hubspot-ratelimit-max': '190',
				'x-hubspot-ratelimit-remaining': '1',
				'x-hubspot-ratelimit-interval-milliseconds': '',
			},
		],
		['headers are missing', {}],
	])('%s: the next call waits at most 10 s, and every item completes', async (_case, headers) => {
		sandbox.faults.add({
			path: BOOKING_INFO,
			times: 1,
			action: { status: 200, body: bookingInfoBody, headers },
		});
		// Two zones, so the items do not share one read of the link: the second call is the paced one.
		const run = await suite.run(
			sandbox,
			{ ...getSlots, timeZone: '={{ $json.zone }}' },
			{ input: [{ zone: 'America/New_York' }, { zone: 'America/Chicago' }] },
		);
		expect(run.result.status).toBe('success');
		expect(run.items).toHaveLength(2);
		expect(statuses(run.requests)).toEqual([200, 200]);
		for (const sleep of suite.clock.takeSleeps()) expect(sleep).toBeLessThanOrEqual(10_000);
	});
});

describe('an OAuth (public) app, whose window is smaller than a service key’s (HubSpot: 110 vs 190)', () => {
	let small: Sandbox;
	const ZONES = [
		'America/New_York',
		'America/Chicago',
		'America/Denver',
		'America/Los_Angeles',
		'Europe/London',
		'Europe/Berlin',
		'Asia/Tokyo',
		'Australia/Sydney',
	];

	beforeAll(async () => {
		const fixture = baseFixture();
		small = await suite.startSandbox({
			fixture: { ...fixture, rateLimits: { ...fixture.rateLimits, oauthTenSecondlyMax: 3 } },
		});
	});
	afterAll(async () => await small.close());

	it('is paced by the headers HubSpot sends for it: no call is refused, every item completes', async () => {
		const credential = await connectOAuth2(small);
		small.clearLog();
		// One zone per item, so each item reads the link itself.
		const run = await suite.run(
			small,
			{ ...getSlots, timeZone: '={{ $json.zone }}' },
			{ input: ZONES.map((zone) => ({ zone })), credential },
		);

		expect(run.result.status).toBe('success');
		expect(run.items.length).toBeGreaterThanOrEqual(ZONES.length);
		expect(run.requests.map((request) => request.authKind)).toContain('oauth');
		expect(statuses(run.requests).every((status) => status === 200)).toBe(true);
		expect(run.requests[0]).toBeDefined();
		for (const sleep of suite.clock.takeSleeps()) expect(sleep).toBeLessThanOrEqual(10_000);
	});
});

describe('secrets', () => itLeaksNoSecrets(suite));
