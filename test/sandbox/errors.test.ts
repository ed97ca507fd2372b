import type { Sandbox } from '../../sandbox/server';
import {
	type CrmObject,
	FULL,
	NO_SCHEDULER,
	READONLY,
	call,
	contactId,
	testClock,
	withSandbox,
} from './helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('sandbox error bodies', () => {
	const clock = testClock('2026-03-04T14:00:00.000Z');
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await withSandbox({ now: clock.now });
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('answers an unknown token with 401 INVALID_AUTHENTICATION and the auth-failure header', async () => {
		const reply = await call(sandbox, 'GET', '/crm/v3/objects/contacts/1', {
			token: 'pat-na1-nope',
		});
		expect(reply.status).toBe(401);
		expect(reply.headers.get('x-hubspot-auth-failure')).toBe('401 Unauthorized');
		expect(reply.body).toEqual({
			status: 'error',
			message:
				'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
			correlationId: reply.headers.get('x-hubspot-correlation-id'),
			category: 'INVALID_AUTHENTICATION',
		});
		expect(reply.body.correlationId).toMatch(UUID);
	});

	it('answers a request without Authorization like an unknown token', async () => {
		const reply = await call(sandbox, 'GET', '/crm/v3/objects/contacts/1', { token: null });
		expect(reply.status).toBe(401);
		expect(reply.body.category).toBe('INVALID_AUTHENTICATION');
	});

	it('answers a missing scope with 403 MISSING_SCOPES naming the required scopes', async () => {
		const reply = await call(sandbox, 'GET', '/scheduler/v3/meetings/meeting-links', {
			token: NO_SCHEDULER,
		});
		expect(reply.status).toBe(403);
		expect(reply.body).toEqual({
			status: 'error',
			message:
				"This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
			correlationId: expect.stringMatching(UUID),
			errors: [
				{
					message: 'One or more of the following scopes are required.',
					context: { requiredScopes: ['scheduler.meetings.meeting-link.read'] },
				},
			],
			links: { scopes: 'https://developers.hubspot.com/scopes' },
			category: 'MISSING_SCOPES',
		});
	});

	it('refuses writes to a read-only service key', async () => {
		const reply = await call(sandbox, 'POST', '/crm/v3/objects/contacts', {
			token: READONLY,
			body: { properties: { email: 'new@acme.test' } },
		});
		expect(reply.status).toBe(403);
		expect(reply.body.errors?.[0].context).toEqual({
			requiredScopes: ['crm.objects.contacts.write'],
		});
	});

	it('answers an unknown record with 404 OBJECT_NOT_FOUND and the id in context', async () => {
		const reply = await call(sandbox, 'GET', '/crm/v3/objects/contacts/999');
		expect(reply.status).toBe(404);
		expect(reply.body).toEqual({
			status: 'error',
			message: 'Object not found.  objectId are usually numeric.',
			correlationId: expect.stringMatching(UUID),
			context: { id: ['999'] },
			category: 'OBJECT_NOT_FOUND',
		});
	});

	it('answers a duplicate email with 409 CONFLICT carrying the existing id', async () => {
		const existing = contactId(sandbox, 'jane.doe@acme-corp.test');
		const reply = await call(sandbox, 'POST', '/crm/v3/objects/contacts', {
			body: { properties: { email: 'Jane.Doe@Acme-Corp.test', firstname: 'Janet' } },
		});
		expect(reply.status).toBe(409);
		expect(reply.body).toEqual({
			status: 'error',
			message: `Contact already exists. Existing ID: ${existing}`,
			correlationId: expect.stringMatching(UUID),
			category: 'CONFLICT',
		});
	});

	it('answers malformed JSON with the line and column of the problem', async () => {
		const reply = await call(sandbox, 'POST', '/crm/v3/objects/contacts', {
			body: '{"properties": {"email": }}',
		});
		expect(reply.status).toBe(400);
		expect(reply.body.message).toMatch(/^Invalid input JSON on line 1, column 26: /);
		expect(reply.body.category).toBeUndefined();
	});

	it('answers invalid property values with a VALIDATION_ERROR listing each problem', async () => {
		const reply = await call(sandbox, 'POST', '/crm/v3/objects/contacts', {
			body: { properties: { email: 'not-an-email' } },
		});
		expect(reply.status).toBe(400);
		expect(reply.body.category).toBe('VALIDATION_ERROR');
		expect(reply.body.message).toBe(
			'Property values were not valid: [{"isValid":false,"message":"Email address not-an-email is invalid","error":"INVALID_EMAIL","name":"email"}]',
		);
		expect(reply.body.errors).toEqual([
			{
				message: 'Email address not-an-email is invalid',
				code: 'INVALID_EMAIL',
				context: { propertyName: ['email'] },
			},
		]);
	});

	it('puts a correlation id header on every response, including successes and control calls', async () => {
		const ok = await call<CrmObject>(
			sandbox,
			'GET',
			`/crm/v3/objects/contacts/${contactId(sandbox, 'bob.smith@globex.test')}`,
			{ token: FULL },
		);
		const control = await call(sandbox, 'GET', '/__sandbox/log', { token: null });
		expect(ok.headers.get('x-hubspot-correlation-id')).toMatch(UUID);
		expect(control.headers.get('x-hubspot-correlation-id')).toMatch(UUID);
	});
});
