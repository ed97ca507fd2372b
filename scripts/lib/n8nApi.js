'use strict';

const { setTimeout: sleep } = require('node:timers/promises');

const { N8N_VERSION } = require('./n8nInstall');

const WEBHOOK_RETRY_MS = 100;

async function readBody(response) {
	const text = await response.text();
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * fetch that throws with the method, path, status and body when the answer is not 2xx.
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: unknown }} [options]
 */
async function request(url, { method = 'GET', headers = {}, body } = {}) {
	const response = await fetch(url, {
		method,
		headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const payload = await readBody(response);
	if (!response.ok) {
		throw new Error(
			`${method} ${new URL(url).pathname} answered ${response.status}: ${JSON.stringify(payload)}`,
		);
	}
	return { response, payload };
}

function authCookie(response) {
	const cookie = response.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
	if (cookie === undefined) throw new Error('n8n did not set the n8n-auth cookie');
	return cookie.split(';')[0];
}

/**
 * Creates the owner account of a fresh instance and returns the session cookie (`n8n-auth=...`).
 * @param {string} url e.g. `http://127.0.0.1:5678`
 * @param {{ email: string, password: string, firstName?: string, lastName?: string }} owner
 */
async function setupOwner(url, { email, password, firstName = 'Local', lastName = 'Owner' }) {
	const { response } = await request(`${url}/rest/owner/setup`, {
		method: 'POST',
		body: { email, password, firstName, lastName },
	});
	return authCookie(response);
}

/** Logs in an existing user and returns the session cookie. */
async function login(url, { email, password }) {
	const { response } = await request(`${url}/rest/login`, {
		method: 'POST',
		body: { emailOrLdapLoginId: email, password },
	});
	return authCookie(response);
}

/** Creates a non-expiring public-API key with every scope the instance offers; returns the raw key. */
async function createApiKey(url, cookie, { label = 'local-tests' } = {}) {
	const { payload: scopes } = await request(`${url}/rest/api-keys/scopes`, { headers: { cookie } });
	const { payload } = await request(`${url}/rest/api-keys`, {
		method: 'POST',
		headers: { cookie },
		body: { label, scopes: scopes.data, expiresAt: null },
	});
	return payload.data.rawApiKey;
}

/**
 * The public API v1 calls the local tests need (`X-N8N-API-KEY` auth). Each returns the parsed body.
 * @param {string} url
 * @param {string} apiKey
 * @param {{ cookie?: string }} [session] the owner's session, used to create credentials in n8n 1.x
 */
function publicApi(url, apiKey, { cookie } = {}) {
	const call = async (method, path, body) =>
		(await request(`${url}/api/v1${path}`, { method, headers: { 'X-N8N-API-KEY': apiKey }, body }))
			.payload;
	return {
		/** @param {{ name: string, nodes: object[], connections: object, settings?: object }} workflow */
		createWorkflow: (workflow) => call('POST', '/workflows', { settings: {}, ...workflow }),
		activateWorkflow: (id) => call('POST', `/workflows/${id}/activate`),
		deactivateWorkflow: (id) => call('POST', `/workflows/${id}/deactivate`),
		/** @param {Record<string, string | number | boolean>} [query] e.g. `{ workflowId, includeData: true }` */
		listExecutions: (query = {}) =>
			call(
				'GET',
				`/executions?${new URLSearchParams(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])))}`,
			),
		/** @param {{ name: string, type: string, data: object }} credential */
		createCredential: async (credential) =>
			N8N_VERSION.startsWith('1.') && cookie
				? await createCredentialAsTheEditor(url, cookie, credential)
				: await call('POST', '/credentials', credential),
	};
}

/**
 * n8n 1.x's public API checks credential data against a JSON schema whose display conditions hold
 * when the field they depend on is absent, so it demands fields the editor hides (`allowedDomains`,
 * `serverUrl`, ...). In 1.x the credential is created the way the editor creates it instead.
 */
async function createCredentialAsTheEditor(url, cookie, credential) {
	const { payload } = await request(`${url}/rest/credentials`, {
		method: 'POST',
		headers: { cookie },
		body: credential,
	});
	return payload.data ?? payload;
}

function isNotRegistered(status, payload) {
	return status === 404 && JSON.stringify(payload).includes('is not registered');
}

/**
 * Calls a production webhook (`<url>/webhook/<path>`). Readiness and activation both answer a
 * little before the webhook is registered, so a 404 "is not registered" is retried until
 * `timeoutMs`; any other answer is returned as `{ status, headers, body, attempts }` (body parsed if JSON).
 * @param {string} url
 * @param {string} path
 * @param {{ method?: string, body?: unknown, rawBody?: string, headers?: Record<string, string>, timeoutMs?: number }} [options]
 */
async function waitForWebhook(
	url,
	path,
	{ method = 'POST', body, rawBody, headers = {}, timeoutMs = 10_000 } = {},
) {
	const deadline = Date.now() + timeoutMs;
	const payloadText = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
	const contentType =
		rawBody === undefined && body !== undefined ? { 'content-type': 'application/json' } : {};
	for (let attempts = 1; ; attempts++) {
		const response = await fetch(`${url}/webhook/${path.replace(/^\//, '')}`, {
			method,
			headers: { ...contentType, ...headers },
			body: payloadText,
		});
		const payload = await readBody(response);
		if (!isNotRegistered(response.status, payload) || Date.now() >= deadline) {
			return {
				status: response.status,
				headers: Object.fromEntries(response.headers),
				body: payload,
				attempts,
			};
		}
		await sleep(WEBHOOK_RETRY_MS);
	}
}

module.exports = { setupOwner, login, createApiKey, publicApi, waitForWebhook };
