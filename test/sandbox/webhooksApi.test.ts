import type { Sandbox } from '../../sandbox/server';
import { call, testClock, withSandbox } from './helpers';

interface Subscription {
	id: string;
	eventType: string;
	active: boolean;
	objectTypeId?: string;
	createdAt: string;
}

const KEY = 'hapikey=sandbox-developer-key';
const BASE = '/webhooks/v3/54321';

describe('webhooks v3 management API', () => {
	const clock = testClock('2026-03-04T14:00:00.000Z');
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await withSandbox({ now: clock.now });
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('refuses a wrong developer API key with 401', async () => {
		const reply = await call(sandbox, 'GET', `${BASE}/settings?hapikey=wrong`, { token: null });
		expect(reply.status).toBe(401);
		expect(reply.body).toMatchObject({
			status: 'error',
			message:
				'The API key provided is invalid. View or manage your API key here: https://app.hubspot.com/l/api-key/',
			category: 'INVALID_AUTHENTICATION',
		});
		expect(sandbox.requestLog()[0].authKind).toBe('developer-key');
	});

	it('answers 404 before settings exist, then stores and returns them', async () => {
		expect((await call(sandbox, 'GET', `${BASE}/settings?${KEY}`, { token: null })).status).toBe(
			404,
		);
		const put = await call(sandbox, 'PUT', `${BASE}/settings?${KEY}`, {
			token: null,
			body: {
				targetUrl: 'https://n8n.example.test/webhook/abc',
				throttling: { maxConcurrentRequests: 10 },
			},
		});
		expect(put.status).toBe(200);
		const got = await call(sandbox, 'GET', `${BASE}/settings?${KEY}`, { token: null });
		expect(got.body).toEqual({
			targetUrl: 'https://n8n.example.test/webhook/abc',
			throttling: { maxConcurrentRequests: 10 },
			createdAt: '2026-03-04T14:00:00.000Z',
			updatedAt: '2026-03-04T14:00:00.000Z',
		});
		expect((await call(sandbox, 'DELETE', `${BASE}/settings?${KEY}`, { token: null })).status).toBe(
			204,
		);
		expect((await call(sandbox, 'GET', `${BASE}/settings?${KEY}`, { token: null })).status).toBe(
			404,
		);
	});

	it('accepts maxConcurrentRequests at the top level, as n8n’s built-in trigger sends it', async () => {
		const put = await call(sandbox, 'PUT', `${BASE}/settings?${KEY}`, {
			token: null,
			body: { targetUrl: 'https://n8n.example.test/webhook/abc', maxConcurrentRequests: 5 },
		});
		expect(put.body.throttling).toEqual({ maxConcurrentRequests: 5 });
	});

	it('creates, reads, activates, lists and deletes a subscription', async () => {
		const created = await call<Subscription>(sandbox, 'POST', `${BASE}/subscriptions?${KEY}`, {
			token: null,
			body: { eventType: 'contact.creation' },
		});
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			eventType: 'contact.creation',
			active: false,
			createdAt: '2026-03-04T14:00:00.000Z',
		});
		const id = created.body.id;
		const patched = await call<Subscription>(
			sandbox,
			'PATCH',
			`${BASE}/subscriptions/${id}?${KEY}`,
			{ token: null, body: { active: true } },
		);
		expect(patched.body.active).toBe(true);
		const list = await call<{ results: Subscription[] }>(
			sandbox,
			'GET',
			`${BASE}/subscriptions?${KEY}`,
			{ token: null },
		);
		expect(list.body.results.map((s) => [s.id, s.eventType, s.active])).toEqual([
			[id, 'contact.creation', true],
		]);
		expect(
			(await call(sandbox, 'DELETE', `${BASE}/subscriptions/${id}?${KEY}`, { token: null })).status,
		).toBe(204);
		expect(
			(await call(sandbox, 'GET', `${BASE}/subscriptions/${id}?${KEY}`, { token: null })).status,
		).toBe(404);
	});

	it('validates event types and the generic format’s objectTypeId', async () => {
		const bad = await call(sandbox, 'POST', `${BASE}/subscriptions?${KEY}`, {
			token: null,
			body: { eventType: 'contact.born' },
		});
		expect([bad.status, bad.body.message]).toEqual([
			400,
			'contact.born is not a valid subscription eventType',
		]);
		const generic = await call(sandbox, 'POST', `${BASE}/subscriptions?${KEY}`, {
			token: null,
			body: { eventType: 'object.creation' },
		});
		expect(generic.body.message).toBe('objectTypeId is required for object.creation subscriptions');
		const ok = await call<Subscription>(sandbox, 'POST', `${BASE}/subscriptions?${KEY}`, {
			token: null,
			body: { eventType: 'object.creation', objectTypeId: '0-1', active: true },
		});
		expect(ok.body).toMatchObject({ objectTypeId: '0-1', active: true });
	});

	it('refuses the 1,001st subscription with HubSpot’s message', async () => {
		for (let i = 0; i < 1000; i++) {
			const id = String(i);
			sandbox.state.subscriptions.set(id, {
				id,
				eventType: 'contact.propertyChange',
				propertyName: `p${i}`,
				active: false,
				createdAt: 0,
				updatedAt: 0,
			});
		}
		const reply = await call(sandbox, 'POST', `${BASE}/subscriptions?${KEY}`, {
			token: null,
			body: { eventType: 'contact.creation' },
		});
		expect(reply.status).toBe(400);
		expect(reply.body.message).toBe(
			"Couldn't create another subscription. You've reached the maximum number allowed per application (1000).",
		);
	});

	it('answers 404 for another app id', async () => {
		expect(
			(await call(sandbox, 'GET', `/webhooks/v3/1/subscriptions?${KEY}`, { token: null })).status,
		).toBe(404);
	});
});
