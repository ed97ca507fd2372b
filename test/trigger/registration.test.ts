import {
	isRegistered,
	register,
	unregister,
} from '../../nodes/HubSpotSchedulingTrigger/registration';
import type { Registration } from '../../nodes/HubSpotSchedulingTrigger/registration';
import { hubspotWebhooksApi } from '../../nodes/shared/hubspot/webhooks';
import type { WebhooksApi } from '../../nodes/shared/hubspot/webhooks';
import { HubSpotClient } from '../../nodes/shared/transport/client';
import { sandboxPerFile } from '../harness/sandboxPerFile';
import { sandboxRequestContext } from '../harness/sandboxRequests';
import { testNode } from '../harness/testNode';

const node = testNode('hubSpotSchedulingTrigger');
const OUR_URL = 'https://n8n.example.com/webhook/abc/hubspot-contact-created';
const OURS = { url: OUR_URL, testRun: false };
const OTHER_URL = 'https://other.example.com/hooks/hubspot';
const APP_ID = '54321';
const DEVELOPER_KEY = 'sandbox-developer-key';
const APP_PATH = `/app-webhooks/2026-09/${APP_ID}`;

/**
 * Registration against the sandbox's v3 webhooks management API, through the node's own client and
 * webhooks API. The app's state is set up the way another tool would, through the same API.
 */
const sandbox = sandboxPerFile();
let api: WebhooksApi;

beforeEach(async () => {
	const credentials = {
		hubSpotSchedulingDeveloperApi: {
			developerApiKey: DEVELOPER_KEY,
			appId: APP_ID,
			baseUrl: sandbox.url,
		},
	};
	const client = await HubSpotClient.connect(
		sandboxRequestContext(node, credentials),
		'hubSpotSchedulingDeveloperApi',
	);
	api = hubspotWebhooksApi(client, APP_ID);
});

/** The app as someone else left it: a target URL and subscriptions; returns the subscription ids. */
async function appHas(
	targetUrl: string | null,
	subscriptions: Array<{ eventType: string; active: boolean }>,
): Promise<string[]> {
	if (targetUrl !== null) await developerApi('PUT', '/settings', { targetUrl });
	const ids: string[] = [];
	for (const subscription of subscriptions) {
		const created = (await (await developerApi('POST', '/subscriptions', subscription)).json()) as {
			id: string | number;
		};
		ids.push(String(created.id));
	}
	sandbox.clearLog();
	return ids;
}

async function developerApi(method: string, path: string, body?: unknown): Promise<Response> {
	const response = await fetch(`${sandbox.url}${APP_PATH}${path}?hapikey=${DEVELOPER_KEY}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (response.status >= 300) throw new Error(`${method} ${path}: ${await response.text()}`);
	return response;
}

/** Every change the node asked HubSpot for, as "METHOD path" under the app. */
function changes(): string[] {
	return sandbox
		.requestLog()
		.filter((entry) => entry.method !== 'GET')
		.map((entry) => `${entry.method} ${entry.path.replace(APP_PATH, '')}`);
}

function targetUrl(): string | undefined {
	return sandbox.state.webhookSettings?.targetUrl;
}

function subscriptions(): Array<[string, string, boolean]> {
	return [...sandbox.state.subscriptions.values()].map((subscription) => [
		String(subscription.id),
		subscription.eventType,
		subscription.active,
	]);
}

describe('automatic registration', () => {
	it('sets the target URL and creates the subscription on a fresh app, then undoes both', async () => {
		expect(targetUrl()).toBeUndefined();
		expect(await isRegistered(node, api, OURS)).toBe(false);
		const registration = await register(node, api, OURS, undefined);
		const [[subscriptionId]] = subscriptions();
		expect(registration).toEqual({
			appId: APP_ID,
			targetUrl: OUR_URL,
			subscriptionId,
			ownership: 'created',
			settingsCreated: true,
		});
		expect(await isRegistered(node, api, OURS)).toBe(true);

		const report = await unregister(api, registration);
		expect(report).toEqual({ subscription: 'deleted', settings: 'deleted' });
		expect(changes()).toEqual([
			'PUT /settings',
			'POST /subscriptions',
			`DELETE /subscriptions/${subscriptionId}`,
			'DELETE /settings',
		]);
		expect(targetUrl()).toBeUndefined();
		expect(subscriptions()).toEqual([]);
	});

	it('refuses to take over an app that delivers to another URL, and changes nothing', async () => {
		await appHas(OTHER_URL, [{ eventType: 'deal.creation', active: true }]);
		const expected = `HubSpot app ${APP_ID} already sends its webhooks to ${OTHER_URL}, not to this trigger (${OUR_URL}).`;
		await expect(isRegistered(node, api, OURS)).rejects.toThrow(expected);
		await expect(register(node, api, OURS, undefined)).rejects.toThrow(expected);
		expect(changes()).toEqual([]);
		expect(targetUrl()).toBe(OTHER_URL);
	});

	it('never deletes subscriptions it did not create', async () => {
		const ids = await appHas(OUR_URL, [
			{ eventType: 'deal.creation', active: true },
			{ eventType: 'contact.creation', active: true },
		]);
		const registration = await register(node, api, OURS, undefined);
		expect(registration.ownership).toBe('borrowed');
		expect(registration.settingsCreated).toBe(false);
		expect(await unregister(api, registration)).toEqual({
			subscription: 'left in place',
			settings: 'left in place',
		});
		expect(changes()).toEqual([]);
		expect(subscriptions().map(([id]) => id)).toEqual(ids);
	});

	it('keeps the target URL when other subscriptions of the app remain after removing its own', async () => {
		const registration = await register(node, api, OURS, undefined);
		await appHas(null, [{ eventType: 'deal.creation', active: true }]);
		expect(await unregister(api, registration)).toEqual({
			subscription: 'deleted',
			settings: 'left in place',
		});
		expect(targetUrl()).toBe(OUR_URL);
	});

	it('switches on a paused contact.creation subscription and pauses it again on removal', async () => {
		const [paused] = await appHas(OUR_URL, [{ eventType: 'contact.creation', active: false }]);
		expect(await isRegistered(node, api, OURS)).toBe(false);
		const registration = await register(node, api, OURS, undefined);
		expect(registration.ownership).toBe('activated');
		expect(subscriptions()).toEqual([[paused, 'contact.creation', true]]);
		expect(await unregister(api, registration)).toEqual({
			subscription: 'paused',
			settings: 'left in place',
		});
		expect(changes()).toEqual([`PATCH /subscriptions/${paused}`, `PATCH /subscriptions/${paused}`]);
		expect(subscriptions()).toEqual([[paused, 'contact.creation', false]]);
	});

	it('remembers ownership across a repeated activation', async () => {
		const first = await register(node, api, OURS, undefined);
		const again = await register(node, api, OURS, first);
		expect(again).toEqual(first);
		expect(changes()).toEqual(['PUT /settings', 'POST /subscriptions']);
	});

	it('reports a subscription someone else already removed, and still releases the URL', async () => {
		const registration: Registration = await register(node, api, OURS, undefined);
		await developerApi('DELETE', `/subscriptions/${registration.subscriptionId}`);
		expect(await unregister(api, registration)).toEqual({
			subscription: 'already gone',
			settings: 'deleted',
		});
		expect(targetUrl()).toBeUndefined();
	});

	it('leaves the settings alone when they were changed to another URL meanwhile', async () => {
		const registration = await register(node, api, OURS, undefined);
		await appHas(OTHER_URL, []);
		expect(await unregister(api, registration)).toEqual({
			subscription: 'deleted',
			settings: 'left in place',
		});
		expect(targetUrl()).toBe(OTHER_URL);
	});
});
