import { parseArgs } from '../../sandbox/main';
import type { Sandbox } from '../../sandbox/server';
import type { LoggedRequest } from '../../sandbox/sandboxTypes';
import { type CrmObject, call, contactId, testClock, withSandbox } from './helpers';

describe('control API and fault rules', () => {
	const clock = testClock('2026-03-04T14:00:00.000Z');
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await withSandbox({ now: clock.now });
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	const control = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
		call<T>(sandbox, method, `/__sandbox/${path}`, { token: null, body });

	it('logs HubSpot API calls (raw path, query, parsed body, status, auth kind) but not control calls', async () => {
		await call(
			sandbox,
			'GET',
			'/crm/v3/objects/contacts/jane.doe%40acme-corp.test?idProperty=email',
		);
		await call(sandbox, 'POST', '/crm/v3/objects/contacts/search', { body: { limit: 1 } });
		await control('GET', 'state');
		const log = await control<{ requests: LoggedRequest[] }>('GET', 'log');
		expect(log.body.requests).toEqual([
			{
				method: 'GET',
				path: '/crm/v3/objects/contacts/jane.doe%40acme-corp.test',
				query: { idProperty: 'email' },
				status: 200,
				at: clock.now(),
				authKind: 'service-key',
			},
			{
				method: 'POST',
				path: '/crm/v3/objects/contacts/search',
				query: {},
				body: { limit: 1 },
				status: 200,
				at: clock.now(),
				authKind: 'service-key',
			},
		]);
		expect((await control('DELETE', 'log')).status).toBe(204);
		expect(sandbox.requestLog()).toEqual([]);
	});

	it('does not log the OAuth consent page', async () => {
		await call(
			sandbox,
			'GET',
			'/oauth/authorize?client_id=sandbox-client-id&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&scope=oauth',
			{ token: null },
		);
		expect(sandbox.requestLog()).toEqual([]);
	});

	it('creates UI-style contacts and resets to the fixture', async () => {
		const created = await control<{ id: string }>('POST', 'contacts', {
			properties: { email: 'ui@acme.test', phone: '(415) 555-0177' },
		});
		expect(created.status).toBe(201);
		expect(
			sandbox.state.contacts.get(created.body.id)?.properties.hs_searchable_calculated_phone_number,
		).toBe('4155550177');
		await control('POST', 'reset');
		expect(sandbox.state.contactByEmail('ui@acme.test')).toBeUndefined();
		expect(sandbox.state.contacts.size).toBe(13);
	});

	it('dumps the state with contacts, meetings, associations, busy times and bookings', async () => {
		const state = await control<{
			contacts: unknown[];
			meetings: unknown[];
			associations: unknown[];
			busyTimes: Record<string, unknown[]>;
			bookings: unknown[];
		}>('GET', 'state');
		expect(state.body.contacts).toHaveLength(13);
		expect(state.body.meetings).toHaveLength(3);
		expect(state.body.associations).toHaveLength(3);
		expect(Object.keys(state.body.busyTimes)).toEqual([
			'1100001',
			'1100002',
			'1100003',
			'1100004',
			'1100005',
		]);
		expect(state.body.bookings).toEqual([]);
	});

	it('changes latency, index lag, token TTL and the booking delay at runtime and restores them on reset', async () => {
		const changed = await control('POST', 'config', {
			searchIndexLagMs: 5000,
			bookingEffectsDelayMs: 1500,
		});
		expect(changed.body).toEqual({
			latencyMs: 0,
			searchIndexLagMs: 5000,
			tokenTtlSeconds: 1800,
			bookingEffectsDelayMs: 1500,
		});
		expect((await control('POST', 'config', { latencyMs: -1 })).status).toBe(400);
		await control('POST', 'reset');
		expect((await control<{ config: unknown }>('GET', 'state')).body.config).toEqual({
			latencyMs: 0,
			searchIndexLagMs: 0,
			tokenTtlSeconds: 1800,
			bookingEffectsDelayMs: 0,
		});
	});

	it('adds a fault over HTTP that fails the matching request once, with a default HubSpot body', async () => {
		const added = await control<{ id: string }>('POST', 'faults', {
			method: 'GET',
			pathRegex: '^/crm/v3/objects/contacts/\\d+$',
			action: { status: 500 },
		});
		expect(added.status).toBe(201);
		const jane = contactId(sandbox, 'jane.doe@acme-corp.test');
		const failed = await call(sandbox, 'GET', `/crm/v3/objects/contacts/${jane}`);
		expect(failed.status).toBe(500);
		expect(failed.body).toMatchObject({
			status: 'error',
			message: 'internal error',
			category: 'INTERNAL_ERROR',
		});
		expect((await call(sandbox, 'GET', `/crm/v3/objects/contacts/${jane}`)).status).toBe(200);
		const faults = await control<{ faults: Array<{ seen: number; fired: number }> }>(
			'GET',
			'faults',
		);
		expect(faults.body.faults.map((f) => [f.seen, f.fired])).toEqual([[2, 1]]);
	});

	it('lets the first N matches through with after, and fires times in a row', async () => {
		sandbox.faults.add({
			path: '/crm/v3/objects/contacts',
			after: 1,
			times: 2,
			action: { status: 503, body: { custom: true }, headers: { 'x-test': 'yes' } },
		});
		const statuses = [];
		for (let i = 0; i < 4; i++)
			statuses.push((await call(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1')).status);
		expect(statuses).toEqual([200, 503, 503, 200]);
		sandbox.faults.add({
			path: '/crm/v3/objects/contacts',
			action: { status: 503, body: { custom: true }, headers: { 'x-test': 'yes' } },
		});
		const custom = await call(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1');
		expect([custom.body, custom.headers.get('x-test')]).toEqual([{ custom: true }, 'yes']);
	});

	it('drops the connection without an answer, logging a null status', async () => {
		sandbox.faults.add({ path: '/crm/v3/objects/contacts', action: { kind: 'drop' } });
		await expect(call(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1')).rejects.toThrow();
		expect(sandbox.requestLog().map((e) => e.status)).toEqual([null]);
	});

	it('performs a create before dropping the answer when applyEffect is set', async () => {
		sandbox.faults.add({
			method: 'POST',
			path: '/crm/v3/objects/contacts',
			action: { kind: 'drop' },
			applyEffect: true,
		});
		await expect(
			call(sandbox, 'POST', '/crm/v3/objects/contacts', {
				body: { properties: { email: 'ghost@acme.test' } },
			}),
		).rejects.toThrow();
		const retry = await call(sandbox, 'POST', '/crm/v3/objects/contacts', {
			body: { properties: { email: 'ghost@acme.test' } },
		});
		expect(retry.status).toBe(409);
		expect(retry.body.message).toBe(
			`Contact already exists. Existing ID: ${contactId(sandbox, 'ghost@acme.test')}`,
		);
	});

	it('delays a matching request and then answers it normally', async () => {
		sandbox.faults.add({ path: '/crm/v3/objects/contacts', action: { kind: 'delay', ms: 20 } });
		const reply = await call<{ results: CrmObject[] }>(
			sandbox,
			'GET',
			'/crm/v3/objects/contacts?limit=1',
		);
		expect(reply.status).toBe(200);
		expect(reply.body.results).toHaveLength(1);
	});

	it('rejects a malformed fault rule and answers unknown control paths with 404', async () => {
		expect((await control('POST', 'faults', { action: { kind: 'explode' } })).status).toBe(400);
		expect((await control('GET', 'nothing-here')).status).toBe(404);
	});

	it('answers unknown API paths with a HubSpot-style 404', async () => {
		const reply = await call(sandbox, 'GET', '/crm/v3/objects/widgets/1');
		expect(reply.status).toBe(404);
		expect(reply.body).toMatchObject({
			status: 'error',
			message: 'No endpoint matches GET /crm/v3/objects/widgets/1',
		});
	});

	it('reports the credentials on /__sandbox/info', async () => {
		const info = await control('GET', 'info');
		expect(info.body).toMatchObject({
			url: sandbox.url,
			portalId: 62515,
			appId: 54321,
			clientId: 'sandbox-client-id',
			developerApiKey: 'sandbox-developer-key',
		});
	});
});

describe('CLI arguments', () => {
	it('maps flags to options', () => {
		expect(
			parseArgs(['--port', '4010', '--latency', '25', '--index-lag', '1500', '--token-ttl', '60']),
		).toEqual({
			port: 4010,
			latencyMs: 25,
			searchIndexLagMs: 1500,
			tokenTtlSeconds: 60,
		});
	});

	it('rejects unknown flags and non-numbers', () => {
		expect(() => parseArgs(['--colour', 'red'])).toThrow('Unknown or incomplete option: --colour');
		expect(() => parseArgs(['--port', 'abc'])).toThrow('--port needs a whole number, got "abc"');
	});
});
