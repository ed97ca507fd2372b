import type { Sandbox } from '../../sandbox/server';
import {
	FULL,
	NO_SCHEDULER,
	baseFixture,
	call,
	fixtureWith,
	testClock,
	withSandbox,
} from './helpers';

const UUID = /^[0-9a-f-]{36}$/;

describe('rate limits', () => {
	const clock = testClock('2026-03-04T14:00:00.000Z');
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await withSandbox({
			now: clock.now,
			fixture: fixtureWith({
				rateLimits: {
					tenSecondlyMax: 3,
					oauthTenSecondlyMax: 2,
					searchPerSecond: 5,
					dailyMax: null,
				},
			}),
		});
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		clock.set('2026-03-04T14:00:00.000Z');
		sandbox.reset();
	});

	const get = (token = FULL) => call(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1', { token });

	it('counts down the 10-second window in headers, then answers 429 TEN_SECONDLY_ROLLING', async () => {
		const remaining: Array<string | null> = [];
		for (let i = 0; i < 3; i++) {
			const reply = await get();
			expect(reply.headers.get('x-hubspot-ratelimit-max')).toBe('3');
			expect(reply.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
			remaining.push(reply.headers.get('x-hubspot-ratelimit-remaining'));
			clock.advance(1000);
		}
		expect(remaining).toEqual(['2', '1', '0']);
		const limited = await get();
		expect(limited.status).toBe(429);
		expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
		expect(limited.body).toEqual({
			status: 'error',
			message: 'You have reached your ten_secondly_rolling limit.',
			correlationId: expect.stringMatching(UUID),
			errorType: 'RATE_LIMIT',
			policyName: 'TEN_SECONDLY_ROLLING',
			groupName: 'publicapi:private_app-api-calls-ten-secondly:54321:62515',
		});
	});

	it('frees capacity as requests leave the rolling window, and keeps windows per token', async () => {
		for (let i = 0; i < 3; i++) await get();
		expect((await get(NO_SCHEDULER)).status).toBe(200);
		clock.advance(9999);
		expect((await get()).status).toBe(429);
		clock.advance(1);
		const reply = await get();
		expect(reply.status).toBe(200);
		expect(reply.headers.get('x-hubspot-ratelimit-remaining')).toBe('2');
	});

	it('gives a public (OAuth) app its own, lower window per installing account (HubSpot: 110 vs 190)', async () => {
		for (const token of ['oauth-install-a', 'oauth-install-a-refreshed']) {
			sandbox.state.accessTokens.set(token, {
				token,
				kind: 'oauth',
				scopes: ['crm.objects.contacts.read'],
				hubId: 62515,
				userId: '1100001',
				clientId: 'sandbox-client-id',
				issuedAt: 0,
				expiresAt: null,
			});
		}
		const first = await get('oauth-install-a');
		expect(first.headers.get('x-hubspot-ratelimit-max')).toBe('2');
		expect(first.headers.get('x-hubspot-ratelimit-remaining')).toBe('1');
		// A second token of the same app and account shares the window.
		expect((await get('oauth-install-a-refreshed')).status).toBe(200);
		const limited = await get('oauth-install-a');
		expect(limited.status).toBe(429);
		expect(limited.body).toMatchObject({
			policyName: 'TEN_SECONDLY_ROLLING',
			groupName: 'publicapi:oauth-api-calls-ten-secondly:54321:62515',
		});
		expect((await get(FULL)).headers.get('x-hubspot-ratelimit-max')).toBe('3');
	});

	it('allows 5 searches per second per account and answers the 6th with 429 SECONDLY', async () => {
		const search = () => call(sandbox, 'POST', '/crm/v3/objects/contacts/search', { body: {} });
		for (let i = 0; i < 5; i++) expect((await search()).status).toBe(200);
		const limited = await search();
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({
			status: 'error',
			message: 'You have reached your secondly limit.',
			correlationId: expect.stringMatching(UUID),
			errorType: 'RATE_LIMIT',
			policyName: 'SECONDLY',
			requestId: expect.stringMatching(UUID),
		});
		expect(limited.headers.get('x-hubspot-ratelimit-max')).toBeNull();
		clock.advance(1000);
		expect((await search()).status).toBe(200);
	});

	it('injects a rate-limit answer through a fault rule', async () => {
		sandbox.faults.add({
			path: '/crm/v3/objects/contacts',
			action: { kind: 'rate-limit', policyName: 'DAILY' },
		});
		const reply = await get();
		expect(reply.status).toBe(429);
		expect(reply.body).toMatchObject({
			message: 'You have reached your daily limit.',
			errorType: 'RATE_LIMIT',
			policyName: 'DAILY',
		});
		expect((await get()).status).toBe(200);
	});
});

describe('daily limit', () => {
	const clock = testClock('2026-03-04T14:00:00.000Z');
	let sandbox: Sandbox;

	beforeAll(async () => {
		const fixture = baseFixture();
		sandbox = await withSandbox({
			now: clock.now,
			fixture: { ...fixture, rateLimits: { ...fixture.rateLimits, dailyMax: 2 } },
		});
	});
	afterAll(() => sandbox.close());

	it('caps calls per account per day (in the portal time zone) and reports daily headers to service keys', async () => {
		const first = await call(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1');
		expect(first.headers.get('x-hubspot-ratelimit-daily')).toBe('2');
		expect(first.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('1');
		await call(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1', { token: NO_SCHEDULER });
		const capped = await call(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1');
		expect(capped.status).toBe(429);
		expect(capped.body.policyName).toBe('DAILY');
		// Midnight in New York is 05:00 UTC.
		clock.set('2026-03-05T04:59:59.000Z');
		expect((await call(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1')).status).toBe(429);
		clock.set('2026-03-05T05:00:00.000Z');
		expect((await call(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1')).status).toBe(200);
	});
});
