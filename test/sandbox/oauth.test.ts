import type { Sandbox } from '../../sandbox/server';
import { type CrmObject, call, testClock, withSandbox } from './helpers';

interface TokenBody {
	token_type: string;
	refresh_token: string;
	access_token: string;
	expires_in: number;
	hub_id: number;
	user_id: number;
	scopes: string[];
	token_use: string;
}

const REDIRECT = 'http://localhost:5678/rest/oauth2-credential/callback';
const SCOPES =
	'oauth crm.objects.contacts.read crm.objects.contacts.write scheduler.meetings.meeting-link.read crm.objects.owners.read';
const CLIENT = { client_id: 'sandbox-client-id', client_secret: 'sandbox-client-secret' };

describe('OAuth', () => {
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

	async function authorize(params: Record<string, string>): Promise<URL> {
		const query = new URLSearchParams({
			client_id: CLIENT.client_id,
			redirect_uri: REDIRECT,
			scope: SCOPES,
			state: 'st-42',
			...params,
		});
		const reply = await call(sandbox, 'GET', `/oauth/authorize?${query}`, { token: null });
		expect(reply.status).toBe(302);
		return new URL(reply.headers.get('location') ?? '');
	}

	async function install(): Promise<TokenBody> {
		const code = (await authorize({})).searchParams.get('code') ?? '';
		const reply = await call<TokenBody>(sandbox, 'POST', '/oauth/v1/token', {
			token: null,
			form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...CLIENT },
		});
		expect(reply.status).toBe(200);
		return reply.body;
	}

	it('auto-approves and redirects back with a code and the state', async () => {
		const location = await authorize({});
		expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
		expect(location.searchParams.get('state')).toBe('st-42');
		expect(location.searchParams.get('code')).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('redirects with an error for an unknown client or a scope the app does not have', async () => {
		expect(Object.fromEntries((await authorize({ client_id: 'other' })).searchParams)).toEqual({
			error: 'invalid_client',
			error_description: 'Unknown client_id',
			state: 'st-42',
		});
		const scoped = await authorize({ scope: 'oauth tickets' });
		expect(scoped.searchParams.get('error')).toBe('invalid_scope');
		expect(scoped.searchParams.get('error_description')).toBe(
			'The app is not configured for these scopes: tickets',
		);
		const missing = await authorize({ scope: 'crm.objects.contacts.read' });
		expect(missing.searchParams.get('error_description')).toBe(
			'Insufficient scopes were provided; the app requires: oauth',
		);
	});

	it('grants optional scopes the app may have and drops the others', async () => {
		const location = await authorize({
			scope: 'oauth',
			optional_scope: 'crm.objects.contacts.read tickets',
		});
		const code = location.searchParams.get('code') ?? '';
		const tokens = await call<TokenBody>(sandbox, 'POST', '/oauth/v1/token', {
			token: null,
			form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...CLIENT },
		});
		expect(tokens.body.scopes).toEqual(['oauth', 'crm.objects.contacts.read']);
	});

	it('exchanges the code for tokens that live tokenTtlSeconds', async () => {
		const tokens = await install();
		expect(tokens).toMatchObject({
			token_type: 'bearer',
			expires_in: 1800,
			hub_id: 62515,
			user_id: 1100001,
			token_use: 'access_token',
		});
		expect(tokens.scopes).toEqual(SCOPES.split(' '));
		expect(tokens.refresh_token).toMatch(/^na1-/);
		expect(sandbox.requestLog().map((e) => [e.method, e.path, e.authKind])).toEqual([
			['POST', '/oauth/v1/token', 'client-credentials'],
		]);
	});

	it('refuses a code used twice with BAD_AUTH_CODE', async () => {
		const code = (await authorize({})).searchParams.get('code') ?? '';
		const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...CLIENT };
		await call(sandbox, 'POST', '/oauth/v1/token', { token: null, form });
		const again = await call(sandbox, 'POST', '/oauth/v1/token', { token: null, form });
		expect(again.status).toBe(400);
		expect(again.body).toEqual({
			error: 'invalid_grant',
			error_description: 'missing or unknown auth code',
			status: 'BAD_AUTH_CODE',
			message: 'missing or unknown auth code',
			correlationId: again.headers.get('x-hubspot-correlation-id'),
		});
	});

	it('refuses an old code with EXPIRED_AUTH_CODE', async () => {
		const code = (await authorize({})).searchParams.get('code') ?? '';
		clock.advance(5 * 60_000);
		const reply = await call(sandbox, 'POST', '/oauth/v1/token', {
			token: null,
			form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...CLIENT },
		});
		expect(reply.body).toMatchObject({ error: 'invalid_grant', status: 'EXPIRED_AUTH_CODE' });
	});

	it('refuses a wrong client secret', async () => {
		const reply = await call(sandbox, 'POST', '/oauth/v1/token', {
			token: null,
			form: {
				grant_type: 'refresh_token',
				refresh_token: 'x',
				client_id: CLIENT.client_id,
				client_secret: 'wrong',
			},
		});
		expect(reply.status).toBe(400);
		expect(reply.body).toMatchObject({ error: 'invalid_client', status: 'BAD_CLIENT_SECRET' });
	});

	it('expires access tokens after the TTL with the EXPIRED_AUTHENTICATION body', async () => {
		const tokens = await install();
		const path = '/crm/v3/objects/contacts?limit=1';
		expect((await call(sandbox, 'GET', path, { token: tokens.access_token })).status).toBe(200);
		clock.advance(1800 * 1000 + 5000);
		const expired = await call(sandbox, 'GET', path, { token: tokens.access_token });
		expect(expired.status).toBe(401);
		expect(expired.body).toEqual({
			status: 'error',
			message: 'The OAuth token used to make this call expired 5 second(s) ago.',
			correlationId: expired.headers.get('x-hubspot-correlation-id'),
			category: 'EXPIRED_AUTHENTICATION',
			context: { 'expire time': ['2026-03-04T14:30:00.000Z'] },
		});
	});

	it('refreshes with HTTP Basic client auth, keeping the same refresh token', async () => {
		const tokens = await install();
		clock.advance(1800 * 1000);
		const basic = Buffer.from(`${CLIENT.client_id}:${CLIENT.client_secret}`).toString('base64');
		const refreshed = await call<TokenBody>(sandbox, 'POST', '/oauth/2026-03/token', {
			token: null,
			headers: { authorization: `Basic ${basic}` },
			form: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
		});
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.refresh_token).toBe(tokens.refresh_token);
		expect(refreshed.body.access_token).not.toBe(tokens.access_token);
		const use = await call<{ results: CrmObject[] }>(
			sandbox,
			'GET',
			'/crm/v3/objects/contacts?limit=1',
			{ token: refreshed.body.access_token },
		);
		expect(use.status).toBe(200);
		expect(use.headers.get('x-hubspot-ratelimit-max')).toBe('110');
	});

	it('turns the v1 token and token-info paths off on 2027-02-16 (its clock), the dated paths stay', async () => {
		const tokens = await install();
		const refresh = (path: string) =>
			call<Record<string, string>>(sandbox, 'POST', path, {
				token: null,
				form: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, ...CLIENT },
			});
		clock.set('2027-02-15T23:59:59.000Z');
		expect((await refresh('/oauth/v1/token')).status).toBe(200);
		clock.set('2027-02-16T00:00:00.000Z');
		const refused = await refresh('/oauth/v1/token');
		expect(refused.status).toBe(404);
		expect(refused.body).toMatchObject({ error: 'invalid_request', status: 'OAUTH_V1_SUNSET' });
		expect(refused.body.message).toContain('/oauth/2026-03/token');
		const info = await call(sandbox, 'GET', `/oauth/v1/refresh-tokens/${tokens.refresh_token}`, {
			token: null,
		});
		expect(info.status).toBe(404);
		expect((await refresh('/oauth/2026-09/token')).status).toBe(200);
	});

	it('moves its clock through the control API, and reset puts it back', async () => {
		const tokens = await install();
		const moved = await fetch(`${sandbox.url}/__sandbox/clock`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ at: '2027-02-17T12:00:00Z' }),
		});
		expect(await moved.json()).toMatchObject({ now: Date.parse('2027-02-17T12:00:00Z') });
		const refused = await call(sandbox, 'POST', '/oauth/v1/token', {
			token: null,
			form: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, ...CLIENT },
		});
		expect(refused.status).toBe(404);
		sandbox.reset();
		const clockNow = (await (await fetch(`${sandbox.url}/__sandbox/clock`)).json()) as {
			now: number;
			shiftMs: number;
		};
		expect(clockNow).toEqual({
			now: clock.now(),
			iso: new Date(clock.now()).toISOString(),
			shiftMs: 0,
		});
	});

	it('refuses an unknown refresh token with BAD_REFRESH_TOKEN', async () => {
		const reply = await call(sandbox, 'POST', '/oauth/v1/token', {
			token: null,
			form: { grant_type: 'refresh_token', refresh_token: 'na1-unknown', ...CLIENT },
		});
		expect(reply.status).toBe(400);
		expect(reply.body).toMatchObject({
			error: 'invalid_grant',
			error_description: 'refresh token is invalid, expired or revoked',
			status: 'BAD_REFRESH_TOKEN',
			message: 'refresh token is invalid, expired or revoked',
		});
	});

	it('enforces the granted scopes on OAuth tokens', async () => {
		const code =
			(await authorize({ scope: 'oauth crm.objects.contacts.read' })).searchParams.get('code') ??
			'';
		const tokens = await call<TokenBody>(sandbox, 'POST', '/oauth/v1/token', {
			token: null,
			form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...CLIENT },
		});
		const reply = await call(sandbox, 'GET', '/scheduler/v3/meetings/meeting-links', {
			token: tokens.body.access_token,
		});
		expect(reply.status).toBe(403);
	});

	it('describes tokens: access-token info, introspection, unknown → active:false', async () => {
		const tokens = await install();
		const info = await call<{
			hub_id: number;
			app_id: number;
			expires_in: number;
			user: string;
			token_type: string;
		}>(sandbox, 'GET', `/oauth/v1/access-tokens/${tokens.access_token}`, { token: null });
		expect(info.body).toMatchObject({
			hub_id: 62515,
			app_id: 54321,
			expires_in: 1800,
			user: 'alex.rivera@sandbox-co.test',
			token_type: 'access',
		});
		const active = await call(sandbox, 'POST', '/oauth/2026-03/token/introspect', {
			token: null,
			form: { ...CLIENT, token: tokens.access_token },
		});
		expect(active.body).toMatchObject({
			active: true,
			token_use: 'access_token',
			token_type: 'Bearer',
			hub_id: 62515,
		});
		const unknown = await call(sandbox, 'POST', '/oauth/2026-03/token/introspect', {
			token: null,
			form: { ...CLIENT, token: 'nope' },
		});
		expect(unknown.body).toEqual({ active: false });
	});

	it('expires every issued access token on /__sandbox/tokens/expire, but not service keys', async () => {
		const tokens = await install();
		const expire = await call<{ expired: number }>(sandbox, 'POST', '/__sandbox/tokens/expire', {
			token: null,
		});
		expect(expire.body).toEqual({ expired: 1 });
		const oauth = await call(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1', {
			token: tokens.access_token,
		});
		expect([oauth.status, oauth.body.message]).toEqual([
			401,
			'The OAuth token used to make this call expired 0 second(s) ago.',
		]);
		expect((await call(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1')).status).toBe(200);
	});

	it('expires the calling token through an expire-token fault', async () => {
		const tokens = await install();
		sandbox.faults.add({ path: '/crm/v3/objects/contacts', action: { kind: 'expire-token' } });
		const reply = await call(sandbox, 'GET', '/crm/v3/objects/contacts?limit=1', {
			token: tokens.access_token,
		});
		expect(reply.body.category).toBe('EXPIRED_AUTHENTICATION');
		expect(sandbox.state.accessTokens.get(tokens.access_token)?.expiresAt).toBe(clock.now());
	});

	it('honours a shorter tokenTtlSeconds set at runtime', async () => {
		await call(sandbox, 'POST', '/__sandbox/config', {
			token: null,
			body: { tokenTtlSeconds: 60 },
		});
		expect((await install()).expires_in).toBe(60);
	});
});
