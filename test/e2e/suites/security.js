'use strict';

const assert = require('node:assert/strict');
const http = require('node:http');
const path = require('node:path');

const { CALLER, postJson } = require('../../../scripts/demo/conversation');
const { nodeWebhookUrl } = require('../../../scripts/demo/deployment');
const { connectOAuth2 } = require('../../../scripts/lib/oauthFlow');
const { eventually } = require('../harness');

/**
 * The attacks of issue 13 that need the real n8n: a user who may edit a shared OAuth2 credential
 * (but not read its secrets) changes only its API Base URL; a delivery signed for another host
 * arrives with that host in Host / X-Forwarded-Host. Each worked before the hardening.
 */

const OAUTH_LOOKUP_PATH = 'e2e/oauth2-lookup';

/** A server on 127.0.0.1 that plays the attacker's host and records what reaches it. */
async function startAttackerHost() {
	const requests = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			requests.push({ method: req.method, url: req.url, headers: req.headers, body });
			res.writeHead(401, { 'content-type': 'application/json' });
			res.end('{"message":"expired"}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		// 0.0.0.0 is outside the allow-list, yet Linux connects it to this machine: nothing leaves loopback.
		baseUrl: `http://0.0.0.0:${port}`,
		requests,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(resolve);
			}),
	};
}

async function rest(stack, method, pathAndQuery, body) {
	const response = await fetch(`${stack.n8n.url}/rest${pathAndQuery}`, {
		method,
		headers: { cookie: stack.cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	const payload = /** @type {any} */ (await response.json().catch(() => undefined));
	if (!response.ok)
		throw new Error(
			`${method} /rest${pathAndQuery}: ${response.status} ${JSON.stringify(payload)}`,
		);
	return payload.data;
}

/** What the credential editor does: read the credential (secrets blanked), save it with one field changed. */
async function editCredentialField(stack, credentialId, field, value) {
	const credential = await rest(stack, 'GET', `/credentials/${credentialId}?includeData=true`);
	await rest(stack, 'PATCH', `/credentials/${credentialId}`, {
		name: credential.name,
		type: credential.type,
		data: { ...credential.data, [field]: value },
	});
	return credential.data;
}

/** POST with any headers, Host included (fetch would not send a chosen Host). */
function rawPost(url, headers, body) {
	return new Promise((resolve, reject) => {
		const request = http.request(
			url,
			{ method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
			(response) => {
				let text = '';
				response.on('data', (chunk) => (text += chunk));
				response.on('end', () => {
					let parsed = text;
					try {
						parsed = JSON.parse(text);
					} catch {
						// kept as text
					}
					resolve({ status: response.statusCode, body: parsed });
				});
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

function signV3(root, secret, url, rawBody) {
	const { signatureV3 } = require(path.join(root, 'build', 'sandbox', 'webhookSignature.js'));
	const timestamp = String(Date.now());
	return {
		'content-type': 'application/json',
		'x-hubspot-signature-v3': signatureV3(secret, 'POST', url, rawBody, timestamp),
		'x-hubspot-request-timestamp': timestamp,
	};
}

function hasStackTrace(body) {
	const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
	return /stacktrace|\bstack\b|\n\s+at |\\n\s+at /i.test(text);
}

async function credentialEditTests(t, { stack, credentials }) {
	const credentialId = credentials.oAuth2.id;
	const lookup = () =>
		postJson(`${stack.n8n.url}/webhook/${OAUTH_LOOKUP_PATH}`, { body: { phone: CALLER.phone } });
	// Earlier suites reset the sandbox, which drops the tokens it issued: connect again first.
	await connectOAuth2({ n8nUrl: stack.n8n.url, cookie: stack.cookie, credentialId });
	const attacker = await startAttackerHost();
	try {
		await t.test(
			'an OAuth2 credential whose API Base URL was edited to another host: the next run sends no token, refresh token or client secret there, and fails saying how to point at the sandbox',
			async () => {
				await editCredentialField(stack, credentialId, 'baseUrl', attacker.baseUrl);
				const answer = await lookup();
				assert.notEqual(answer.status, 200, JSON.stringify(answer));
				assert.equal(hasStackTrace(answer.body), false, JSON.stringify(answer.body));
				// The webhook answers after the execution ended: any request it made has arrived.
				assert.deepEqual(attacker.requests, []);
				const { data } = await stack.api.listExecutions({ includeData: true, limit: 5 });
				const failed = data.find((execution) => execution.status === 'error');
				const message = failed?.data?.resultData?.error?.message ?? '';
				assert.match(message, /is not a HubSpot API address, so no request was sent/);
				assert.match(message, /for the sandbox use its loopback address/);
			},
		);

		await t.test('set back to the sandbox, the same credential works again', async () => {
			await editCredentialField(stack, credentialId, 'baseUrl', stack.sandbox.url);
			const answer = await lookup();
			assert.equal(answer.status, 200, JSON.stringify(answer));
			assert.equal(answer.body.error, null);
		});

		await t.test(
			'with the edit, "Connect my account" sends the browser to HubSpot\'s consent page, not to the edited host',
			async () => {
				await editCredentialField(stack, credentialId, 'baseUrl', attacker.baseUrl);
				const auth = await fetch(
					`${stack.n8n.url}/rest/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`,
					{ headers: { cookie: stack.cookie } },
				);
				assert.equal(auth.status, 200);
				const authorizationUrl = new URL(/** @type {{ data: string }} */ (await auth.json()).data);
				assert.equal(authorizationUrl.origin, 'https://app.hubspot.com');
				assert.deepEqual(attacker.requests, []);
			},
		);
	} finally {
		await editCredentialField(stack, credentialId, 'baseUrl', stack.sandbox.url);
		await attacker.close();
	}
}

async function triggerHostTests(t, { stack, deployed }) {
	const control = stack.sandboxControl;
	const workflowId = deployed.outboundCall.id;
	const triggerUrl = nodeWebhookUrl(
		stack.n8n.url,
		deployed.outboundCall.template,
		'New HubSpot contact',
		'hubspot-contact-created',
	);
	const triggerPath = new URL(triggerUrl).pathname;
	await control.clearWebhookTarget();
	// An id no earlier suite used: the sandbox reuses ids after a reset, and the trigger remembers
	// contacts it announced. HubSpot no longer knowing the contact is fine (the item says enriched: false).
	const contactId = String(90_000_000_000 + (Date.now() % 1_000_000_000));
	const delivery = (eventId) =>
		JSON.stringify([
			{
				eventId,
				subscriptionId: 3100001,
				portalId: stack.sandbox.portalId ?? 62515,
				appId: stack.sandbox.appId ?? 54321,
				occurredAt: Date.now() - 1_000,
				subscriptionType: 'object.creation',
				objectTypeId: '0-1',
				objectId: Number(contactId),
				attemptNumber: 0,
				changeSource: 'CRM_UI',
			},
		]);
	const executions = async () =>
		(await stack.api.listExecutions({ workflowId, limit: 250 })).data.length;

	let before;
	await t.test(
		'a delivery signed for another host, sent with that host in Host and X-Forwarded-Host, gets 401',
		async () => {
			before = await executions();
			/** @type {[string, Record<string, string>][]} */
			const claims = [
				['http', { host: 'evil.example.com' }],
				['https', { 'x-forwarded-host': 'evil.example.com', 'x-forwarded-proto': 'https' }],
			];
			for (const [scheme, claimed] of claims) {
				const body = delivery(Date.now());
				const forgedUrl = `${scheme}://evil.example.com${triggerPath}`;
				const answer = await rawPost(
					triggerUrl,
					{ ...signV3(stack.root, stack.sandbox.clientSecret, forgedUrl, body), ...claimed },
					body,
				);
				assert.deepEqual(answer, { status: 401, body: { message: 'Invalid HubSpot signature' } });
			}
		},
	);

	await t.test(
		"a delivery signed for n8n's own webhook URL is answered with the trigger's summary and is the only new execution (none came from the forgeries)",
		async () => {
			const body = delivery(Date.now() + 1);
			const answer = await rawPost(
				triggerUrl,
				signV3(stack.root, stack.sandbox.clientSecret, triggerUrl, body),
				body,
			);
			assert.deepEqual(answer, {
				status: 200,
				body: { received: 1, contactCreations: 1, started: 1 },
			});
			const settled = await eventually('the execution', async () => {
				const count = await executions();
				return count >= before + 1 ? count : undefined;
			});
			assert.equal(settled, before + 1);
		},
	);
}

async function securityTests(t, context) {
	t.describe(
		"Security in the real n8n: tokens stay with HubSpot, signatures bind to n8n's own URL",
	);
	await triggerHostTests(t, context);
	await credentialEditTests(t, context);
}

module.exports = { securityTests };
