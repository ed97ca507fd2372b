'use strict';

const assert = require('node:assert/strict');

const { CALLER, LINK, postJson, sandboxState } = require('../../../scripts/demo/conversation');
const { callerRecord } = require('../../../scripts/demo/expectedAnswers');
const { waitForWebhook } = require('../../../scripts/lib/n8nApi');
const { connectOAuth2 } = require('../../../scripts/lib/oauthFlow');
const { SCHEDULING_NODE, respond, stableUuid, webhook } = require('../../../workflows/src/nodes');

const PATH = 'e2e/oauth2-lookup';

/** Webhook -> Lookup Contact over the OAuth2 credential -> the caller's context. */
function oauthLookupWorkflow(credential) {
	const key = 'e2e-oauth2';
	const hook = webhook({
		name: 'Webhook',
		path: PATH,
		position: [0, 0],
		webhookId: stableUuid(key, 'webhook'),
	});
	const lookup = {
		name: 'Look up over OAuth2',
		type: SCHEDULING_NODE,
		typeVersion: 1,
		position: [240, 0],
		parameters: {
			authentication: 'oAuth2',
			operation: 'lookupContact',
			lookupBy: 'phone',
			phone: '={{ $json.body.phone }}',
			maxMeetings: 3,
			timeZone: LINK.zone,
		},
		credentials: { hubSpotSchedulingOAuth2Api: credential },
	};
	const answer = respond({
		name: 'Answer',
		position: [480, 0],
		body: '={{ { context: $json.context ?? null, error: $json.error ?? null } }}',
	});
	const nodes = [hook, lookup, answer].map((node) => ({ ...node, id: stableUuid(key, node.name) }));
	return {
		name: 'E2E: lookup over OAuth2',
		nodes,
		connections: {
			Webhook: { main: [[{ node: lookup.name, type: 'main', index: 0 }]] },
			[lookup.name]: { main: [[{ node: answer.name, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

function isTokenGrant(entry, grantType) {
	return (
		entry.method === 'POST' &&
		entry.path === '/oauth/2026-09/token' &&
		entry.body?.grant_type === grantType &&
		entry.status === 200
	);
}

async function oauth2Tests(t, { stack, credentials }) {
	t.describe("OAuth2 in the real n8n against the sandbox's OAuth endpoints");
	const control = stack.sandboxControl;
	await control.reset();
	await control.clearLog();
	const caller = callerRecord(await sandboxState(stack.sandbox), {
		email: CALLER.email,
		zone: LINK.zone,
		nowMs: Date.now(),
	});
	assert.ok(caller, `the sandbox has no contact ${CALLER.email}`);
	const expected = caller.context;
	const lookup = () =>
		postJson(`${stack.n8n.url}/webhook/${PATH}`, { body: { phone: CALLER.phone } });

	await t.test(
		'authorization-code flow: n8n -> sandbox consent page -> n8n callback -> token exchange',
		async () => {
			const { authorizationUrl, callbackUrl } = await connectOAuth2({
				n8nUrl: stack.n8n.url,
				cookie: stack.cookie,
				credentialId: credentials.oAuth2.id,
			});
			const authorize = new URL(authorizationUrl);
			assert.equal(authorize.origin + authorize.pathname, `${stack.sandbox.url}/oauth/authorize`);
			assert.equal(authorize.searchParams.get('client_id'), stack.sandbox.clientId);
			assert.equal(
				authorize.searchParams.get('scope'),
				'oauth crm.objects.contacts.read crm.objects.contacts.write scheduler.meetings.meeting-link.read crm.objects.owners.read',
			);
			assert.equal(new URL(callbackUrl).pathname, '/rest/oauth2-credential/callback');
			const log = await control.log();
			assert.equal(log.filter((entry) => isTokenGrant(entry, 'authorization_code')).length, 1);
		},
	);

	const created = await stack.api.createWorkflow(oauthLookupWorkflow(credentials.oAuth2));
	await stack.api.activateWorkflow(created.id);

	await t.test('the node calls HubSpot with the access token from the flow', async () => {
		await control.clearLog();
		// The first call may come before n8n has registered the new webhook; that 404 is retried.
		const first = await waitForWebhook(stack.n8n.url, PATH, { body: { phone: CALLER.phone } });
		assert.deepEqual(
			{ status: first.status, body: first.body },
			{ status: 200, body: { context: expected, error: null } },
		);
		const log = await control.log();
		const api = log.filter((entry) => !entry.path.startsWith('/oauth/'));
		assert.ok(
			api.length > 0 && api.every((entry) => entry.authKind === 'oauth' && entry.status === 200),
			JSON.stringify(api),
		);
	});

	await t.test(
		'after the access token expires, n8n refreshes it once and the call still succeeds',
		async () => {
			await control.clearLog();
			const { expired } = await control.expireTokens();
			assert.ok(expired >= 1);
			assert.deepEqual(await lookup(), { status: 200, body: { context: expected, error: null } });
			const log = await control.log();
			const firstRefused = log.findIndex((entry) => entry.status === 401);
			const refresh = log.findIndex((entry) => isTokenGrant(entry, 'refresh_token'));
			assert.ok(firstRefused >= 0, 'the expired token was not refused');
			assert.ok(refresh > firstRefused, 'no refresh after the 401');
			assert.equal(log.filter((entry) => isTokenGrant(entry, 'refresh_token')).length, 1);
			assert.deepEqual(
				log
					.slice(refresh + 1)
					.map((entry) => entry.status)
					.filter((status) => status !== 200),
				[],
			);
		},
	);

	await t.test('a second call reuses the refreshed token (no new refresh)', async () => {
		await control.clearLog();
		assert.deepEqual(await lookup(), { status: 200, body: { context: expected, error: null } });
		assert.equal(
			(await control.log()).filter((entry) => entry.path.startsWith('/oauth/')).length,
			0,
		);
	});
}

module.exports = { oauth2Tests, oauthLookupWorkflow, isTokenGrant, PATH: PATH };
