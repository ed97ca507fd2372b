import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import type { LoadedPackage } from '../harness/engine';
import { closeEngineRuntime } from '../harness/runtime';
import { connectOAuth2 } from '../harness/sandboxOAuth';
import { EngineTriggerWorkflow, startN8nLikeServer } from './helpers/engineTrigger';
import type { N8nLikeServer } from './helpers/engineTrigger';
import { disposeTriggerPackage, loadTriggerPackage } from './helpers/triggerPackage';

/**
 * Real deliveries: the sandbox signs and POSTs contact-creation events over HTTP to a server that
 * serves them like n8n does, into the trigger running in n8n-core's contexts and WorkflowExecute.
 */

const SECRET = 'sandbox-client-secret';
const DEVELOPER_KEY = 'sandbox-developer-key';

const callWindowParameters = {
	addCallWindow: true,
	callDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
	callEarliest: '09:00',
	callLatest: '18:00',
	callTimeZoneSource: 'contact',
	callTimeZone: 'America/New_York',
};

let loaded: LoadedPackage;
let sandbox: Sandbox;
let n8n: N8nLikeServer;
let workflow: EngineTriggerWorkflow;

beforeAll(async () => {
	loaded = await loadTriggerPackage();
});

beforeEach(async () => {
	sandbox = await startSandbox({
		port: 0,
		webhookRetryDelaysMs: [600_000],
		webhookBatchWindowMs: 20,
	});
	n8n = await startN8nLikeServer(() => workflow);
});

afterEach(async () => {
	await n8n.close();
	await sandbox.close();
});

/** A service key, the webhook secret and the developer key, all against this test's sandbox. */
function serviceKeyCredentials() {
	return {
		hubSpotSchedulingServiceKeyApi: { accessToken: 'pat-na1-sandbox-full', baseUrl: sandbox.url },
		hubSpotSchedulingWebhookSecretApi: { clientSecret: SECRET },
		hubSpotSchedulingDeveloperApi: {
			developerApiKey: DEVELOPER_KEY,
			appId: '54321',
			baseUrl: sandbox.url,
		},
	};
}

afterAll(async () => {
	disposeTriggerPackage(loaded);
	await closeEngineRuntime();
});

async function control(path: string, body?: unknown): Promise<Response> {
	return await fetch(`${sandbox.url}/__sandbox/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

async function developerApi(method: string, path: string, body?: unknown): Promise<Response> {
	return await fetch(`${sandbox.url}/app-webhooks/2026-09/54321${path}?hapikey=${DEVELOPER_KEY}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

/** Lets the sandbox send what is due, then waits for the executions those deliveries started. */
async function deliverAll(): Promise<void> {
	await sandbox.flushWebhooks();
	await workflow.idle();
}

function contactIds(items: IDataObject[]): string[] {
	return items.map((item) => String(item.contactId));
}

function batchReadsLogged(): number {
	return sandbox
		.requestLog()
		.filter((entry) => entry.path === '/crm/objects/2026-09/contacts/batch/read').length;
}

describe('App Configuration mode (project app), OAuth2 credential', () => {
	beforeEach(async () => {
		const token = (await connectOAuth2(sandbox)).data.oauthTokenData;
		workflow = new EngineTriggerWorkflow({
			loaded,
			nodeType: 'hubSpotSchedulingTrigger',
			instanceUrl: n8n.url,
			parameters: {
				subscriptionMode: 'appConfiguration',
				authentication: 'oAuth2',
				verifySignature: true,
				secretFrom: 'oAuth2Credential',
				enrich: true,
				contactProperties: 'firstname, lastname, email, phone, company, city, jobtitle',
				...callWindowParameters,
			},
			credentials: {
				hubSpotSchedulingOAuth2Api: {
					clientId: 'sandbox-client-id',
					clientSecret: SECRET,
					baseUrl: sandbox.url,
					oauthTokenData: token,
				},
			},
		});
		await workflow.activate();
		const target = await control('webhooks/target', {
			url: `${n8n.url}${workflow.webhookPath}`,
			eventFormat: 'generic',
		});
		expect(target.status).toBe(200);
	});

	it('registers nothing with HubSpot on activation, and says so', async () => {
		expect(sandbox.requestLog().filter((entry) => entry.path.startsWith('/webhooks/'))).toEqual([]);
		// Nothing registered, so nothing to keep until the first delivery.
		expect(workflow.savedStaticData).toEqual({});
	});

	it('turns one batched, signed delivery into one execution with one enriched item per contact', async () => {
		const ada = sandbox.createContact({
			firstname: 'Ada',
			lastname: 'Lovelace',
			email: 'ada@lovelace.test',
			phone: '+44 20 7946 0000',
			company: 'Analytical Engines',
			city: 'London',
			hs_timezone: 'europe_slash_london',
		});
		const grace = sandbox.createContact({
			firstname: 'Grace',
			lastname: 'Hopper',
			email: 'grace@navy.test',
			phone: '(212) 555-0199',
		});
		const alan = sandbox.createContact({ firstname: 'Alan', email: 'alan@turing.test' });
		await deliverAll();

		const deliveries = sandbox.deliveries();
		expect(
			deliveries.map((attempt) => [attempt.status, attempt.eventIds.length, attempt.target]),
		).toEqual([[200, 3, 'app-config']]);
		expect(workflow.executions).toHaveLength(1);
		const [items] = workflow.executions;
		expect(contactIds(items)).toEqual([ada, grace, alan]);
		expect(batchReadsLogged()).toBe(1);

		expect(items[0]).toMatchObject({
			contactId: ada,
			subscriptionType: 'object.creation',
			portalId: '62515',
			attemptNumber: 0,
			enriched: true,
			contact: {
				id: ada,
				firstName: 'Ada',
				lastName: 'Lovelace',
				fullName: 'Ada Lovelace',
				email: 'ada@lovelace.test',
				phoneE164: '+442079460000',
				company: 'Analytical Engines',
				city: 'London',
				timeZone: 'europe_slash_london',
			},
			callWindow: {
				zone: 'Europe/London',
				zoneSource: 'contact',
				openNow: expect.any(Boolean),
				nextOpenAt: expect.any(String),
			},
		});
		expect(items[1]).toMatchObject({
			contact: { fullName: 'Grace Hopper', phoneE164: '+12125550199' },
			callWindow: { zone: 'America/New_York', zoneSource: 'fixed' },
		});
		expect(items[2]).toMatchObject({ contact: { fullName: 'Alan', phone: null, phoneE164: null } });
	});

	it('emits a contact once when the first delivery fails and HubSpot retries it', async () => {
		// HubSpot's batch read is down for the first delivery (the client tries three times).
		sandbox.faults.add({
			method: 'POST',
			path: '/crm/objects/2026-09/contacts/batch/read',
			times: 3,
			action: {
				status: 503,
				body: { status: 'error', message: 'Service Unavailable', category: 'SERVICE_UNAVAILABLE' },
			},
		});
		const ada = sandbox.createContact({ firstname: 'Ada', email: 'ada@lovelace.test' });
		await deliverAll();
		expect(workflow.executions).toEqual([]);

		await deliverAll();
		const attempts = sandbox
			.deliveries()
			.map((attempt) => [attempt.kind, attempt.attemptNumber, attempt.status]);
		expect(attempts).toEqual([
			['first', 0, 503],
			['retry', 1, 200],
		]);
		expect(workflow.executions.map(contactIds)).toEqual([[ada]]);
		expect(workflow.executions[0][0]).toMatchObject({ attemptNumber: 1, enriched: true });
	});

	it('starts nothing for a redelivery or a replay of a delivery already handled', async () => {
		const ada = sandbox.createContact({ firstname: 'Ada', email: 'ada@lovelace.test' });
		await deliverAll();
		const [first] = sandbox.deliveries();

		const redelivery = await control('webhooks/redeliver');
		expect(redelivery.status).toBe(200);
		await workflow.idle();
		const replay = await fetch(first.url, {
			method: 'POST',
			headers: first.headers,
			body: first.rawBody,
		});
		expect(replay.status).toBe(200);
		expect(await replay.json()).toEqual({ received: 1, contactCreations: 1, started: 0 });

		expect(sandbox.deliveries().map((attempt) => [attempt.kind, attempt.status])).toEqual([
			['first', 200],
			['redelivery', 200],
		]);
		expect(workflow.executions.map(contactIds)).toEqual([[ada]]);
		expect(batchReadsLogged()).toBe(1);
	});

	it('answers a forged or tampered delivery with 401 and starts nothing', async () => {
		sandbox.createContact({ firstname: 'Ada', email: 'ada@lovelace.test' });
		await deliverAll();
		const [genuine] = sandbox.deliveries();
		const tampered = genuine.rawBody.replace(/"objectId":\d+/, '"objectId":1');
		const forgedAnswers = await Promise.all([
			fetch(genuine.url, { method: 'POST', headers: genuine.headers, body: tampered }),
			fetch(genuine.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: genuine.rawBody,
			}),
		]);
		expect(forgedAnswers.map((answer) => answer.status)).toEqual([401, 401]);
		await workflow.idle();
		expect(workflow.executions).toHaveLength(1);
	});
});

describe('Automatic mode (legacy public app), service key plus webhook secret credential', () => {
	function automaticWorkflow(): EngineTriggerWorkflow {
		return new EngineTriggerWorkflow({
			loaded,
			nodeType: 'hubSpotSchedulingTrigger',
			instanceUrl: n8n.url,
			parameters: {
				subscriptionMode: 'automatic',
				authentication: 'serviceKey',
				verifySignature: true,
				secretFrom: 'webhookSecretCredential',
				enrich: true,
				contactProperties: 'firstname, lastname, email, phone',
				addCallWindow: false,
			},
			credentials: serviceKeyCredentials(),
		});
	}

	beforeEach(() => {
		workflow = automaticWorkflow();
	});

	it('registers on activation, delivers each new contact once, and removes exactly what it added', async () => {
		await workflow.activate();
		const targetUrl = `${n8n.url}${workflow.webhookPath}`;
		expect(sandbox.state.webhookSettings?.targetUrl).toBe(targetUrl);
		const subscriptions = [...sandbox.state.subscriptions.values()];
		expect(
			subscriptions.map((subscription) => [subscription.eventType, subscription.active]),
		).toEqual([['contact.creation', true]]);
		expect(workflow.savedStaticData).toEqual({
			'node:HubSpot Trigger': {
				registration: {
					appId: '54321',
					targetUrl,
					subscriptionId: subscriptions[0].id,
					ownership: 'created',
					settingsCreated: true,
				},
			},
		});
		expect(
			sandbox
				.requestLog()
				.filter((entry) => entry.path.startsWith('/webhooks/'))
				.every((entry) => entry.authKind === 'developer-key'),
		).toBe(true);

		const ada = sandbox.createContact({
			firstname: 'Ada',
			lastname: 'Lovelace',
			email: 'ada@lovelace.test',
		});
		await deliverAll();
		expect(sandbox.deliveries().map((attempt) => [attempt.target, attempt.status])).toEqual([
			['v3-settings', 200],
		]);
		expect(workflow.executions.map(contactIds)).toEqual([[ada]]);
		expect(workflow.executions[0][0]).toMatchObject({
			subscriptionType: 'contact.creation',
			contact: { fullName: 'Ada Lovelace' },
		});

		// A second activation (n8n restart) finds the registration in place and changes nothing.
		const writesBefore = sandbox.requestLog().filter((entry) => entry.method !== 'GET').length;
		await workflow.activate('init');
		expect(sandbox.requestLog().filter((entry) => entry.method !== 'GET').length).toBe(
			writesBefore,
		);

		await workflow.deactivate();
		expect(sandbox.state.webhookSettings).toBeNull();
		expect(sandbox.state.subscriptions.size).toBe(0);
		// The registration is forgotten; the seen-event memory stays, for HubSpot retries after a reactivation.
		expect(Object.keys(workflow.savedStaticData['node:HubSpot Trigger'] as IDataObject)).toEqual([
			'seenEvents',
		]);
	});

	it('leaves subscriptions it did not create, and the target URL they need', async () => {
		await workflow.activate();
		const other = await developerApi('POST', '/subscriptions', {
			eventType: 'deal.creation',
			active: true,
		});
		expect(other.status).toBe(201);
		await workflow.deactivate();
		expect(
			[...sandbox.state.subscriptions.values()].map((subscription) => subscription.eventType),
		).toEqual(['deal.creation']);
		expect(sandbox.state.webhookSettings?.targetUrl).toBe(`${n8n.url}${workflow.webhookPath}`);
	});

	it('refuses to take over an app that already sends to another URL, changing nothing', async () => {
		const put = await developerApi('PUT', '/settings', {
			targetUrl: 'https://other-n8n.example.org/webhook/abc/hubspot-contact-created',
			throttling: { maxConcurrentRequests: 10 },
		});
		expect(put.status).toBe(200);
		sandbox.clearLog();

		await expect(workflow.activate()).rejects.toThrow(
			`HubSpot app 54321 already sends its webhooks to https://other-n8n.example.org/webhook/abc/hubspot-contact-created, not to this trigger (${n8n.url}${workflow.webhookPath}).`,
		);
		expect(sandbox.requestLog().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'GET /app-webhooks/2026-09/54321/settings',
		]);
		expect(sandbox.state.webhookSettings?.targetUrl).toBe(
			'https://other-n8n.example.org/webhook/abc/hubspot-contact-created',
		);
		expect(sandbox.state.subscriptions.size).toBe(0);
	});

	it('raises a rejected developer API key on activation instead of swallowing it', async () => {
		workflow = new EngineTriggerWorkflow({
			...{ loaded, nodeType: 'hubSpotSchedulingTrigger' as const, instanceUrl: n8n.url },
			parameters: {
				subscriptionMode: 'automatic',
				authentication: 'serviceKey',
				verifySignature: true,
				secretFrom: 'webhookSecretCredential',
			},
			credentials: {
				hubSpotSchedulingServiceKeyApi: {
					accessToken: 'pat-na1-sandbox-full',
					baseUrl: sandbox.url,
				},
				hubSpotSchedulingWebhookSecretApi: { clientSecret: SECRET },
				hubSpotSchedulingDeveloperApi: {
					developerApiKey: 'wrong-key',
					appId: '54321',
					baseUrl: sandbox.url,
				},
			},
		});
		await expect(workflow.activate()).rejects.toThrow("Could not read the app's webhook settings");
		expect(sandbox.state.webhookSettings).toBeNull();
	});
});

describe('"Listen for test event" in the editor', () => {
	const parameters = {
		subscriptionMode: 'automatic',
		authentication: 'serviceKey',
		verifySignature: true,
		secretFrom: 'webhookSecretCredential',
		enrich: true,
		contactProperties: 'firstname, email',
		addCallWindow: false,
	};

	it('receives a sandbox delivery on the test URL registered for the test, then removes it', async () => {
		workflow = new EngineTriggerWorkflow({
			loaded,
			nodeType: 'hubSpotSchedulingTrigger',
			instanceUrl: n8n.url,
			testWebhook: true,
			parameters,
			credentials: serviceKeyCredentials(),
		});
		await workflow.activate('manual');
		expect(sandbox.state.webhookSettings?.targetUrl).toBe(
			`${n8n.url}/webhook-test/${workflow.node.webhookId}/hubspot-contact-created`,
		);

		const ada = sandbox.createContact({ firstname: 'Ada', email: 'ada@lovelace.test' });
		await deliverAll();
		expect(workflow.executions.map(contactIds)).toEqual([[ada]]);

		await workflow.deactivate();
		expect(sandbox.state.webhookSettings).toBeNull();
		expect(sandbox.state.subscriptions.size).toBe(0);
	});

	it('receives a sandbox delivery in App Configuration mode when the app points at the test URL', async () => {
		workflow = new EngineTriggerWorkflow({
			loaded,
			nodeType: 'hubSpotSchedulingTrigger',
			instanceUrl: n8n.url,
			testWebhook: true,
			parameters: { ...parameters, subscriptionMode: 'appConfiguration' },
			credentials: serviceKeyCredentials(),
		});
		await workflow.activate('manual');
		await control('webhooks/target', {
			url: `${n8n.url}${workflow.webhookPath}`,
			eventFormat: 'legacy',
		});
		const ada = sandbox.createContact({ firstname: 'Ada', email: 'ada@lovelace.test' });
		await deliverAll();
		expect(workflow.executions.map(contactIds)).toEqual([[ada]]);
	});

	it('explains that an active workflow already owns the app instead of taking it over', async () => {
		const production = new EngineTriggerWorkflow({
			loaded,
			nodeType: 'hubSpotSchedulingTrigger',
			instanceUrl: n8n.url,
			parameters,
			credentials: serviceKeyCredentials(),
		});
		await production.activate();
		workflow = new EngineTriggerWorkflow({
			loaded,
			nodeType: 'hubSpotSchedulingTrigger',
			instanceUrl: n8n.url,
			testWebhook: true,
			parameters,
			credentials: serviceKeyCredentials(),
		});
		await expect(workflow.activate('manual')).rejects.toMatchObject({
			description: expect.stringContaining(
				'deactivate the workflow while listening for a test event',
			),
		});
		expect(sandbox.state.webhookSettings?.targetUrl).toBe(`${n8n.url}${production.webhookPath}`);
	});
});

describe('Version 1.1: a service key always takes the signing secret from the webhook secret credential', () => {
	// Signing Secret From left at its default, as n8n saves it (only values that differ are stored).
	const parameters = {
		subscriptionMode: 'automatic',
		authentication: 'serviceKey',
		verifySignature: true,
		enrich: false,
		addCallWindow: false,
	};

	it('version 1.1 activates and starts the workflow for a signed delivery', async () => {
		workflow = new EngineTriggerWorkflow({
			...{ loaded, nodeType: 'hubSpotSchedulingTrigger' as const, instanceUrl: n8n.url },
			typeVersion: 1.1,
			parameters,
			credentials: serviceKeyCredentials(),
		});
		await workflow.activate();
		const ada = sandbox.createContact({ firstname: 'Ada', email: 'ada@lovelace.test' });
		await deliverAll();
		expect(workflow.executions.map(contactIds)).toEqual([[ada]]);
		await workflow.deactivate();
	});

	it('version 1 keeps its behaviour: the default (OAuth2 Credential) is refused with a service key', async () => {
		workflow = new EngineTriggerWorkflow({
			...{ loaded, nodeType: 'hubSpotSchedulingTrigger' as const, instanceUrl: n8n.url },
			parameters,
			credentials: serviceKeyCredentials(),
		});
		await expect(workflow.activate()).rejects.toThrow(
			'A service key or private app token has no client secret',
		);
		expect(sandbox.state.webhookSettings).toBeNull();
	});
});
