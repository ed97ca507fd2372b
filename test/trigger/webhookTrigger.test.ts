import { createHmac } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { receiveDelivery } from '../../nodes/HubSpotSchedulingTrigger/receiveDelivery';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { connectOAuth2 } from '../harness/sandboxOAuth';
import type { OAuthCredential } from '../harness/sandboxOAuth';
import { TestClock } from '../harness/testClock';
import { fakeWebhookContext } from './helpers/fakeContexts';
import type { RecordedCall } from './helpers/fakeContexts';

// The secret and URI of HubSpot's published signature test vectors (hubspot-api.md §8.5).
const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const VECTOR_URI = 'https://www.example.com/webhook_uri';
const V1_BODY =
	'[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
const NODE_URL = 'http://localhost:5678/webhook/abc/hubspot-contact-created';
const PUBLIC_URL = 'https://n8n.example.com/webhook/abc/hubspot-contact-created';
const NOW = Date.UTC(2026, 10, 21, 10, 0, 0); // Saturday 21 Nov 2026, 10:00 UTC

const baseParameters = {
	subscriptionMode: 'appConfiguration',
	authentication: 'oAuth2',
	verifySignature: true,
	secretFrom: 'oAuth2Credential',
	enrich: true,
	contactProperties: 'firstname, lastname, email, phone',
	addCallWindow: false,
	options: {},
};
/** A legacy private app: its secret comes from the webhook secret credential, and it may sign with v1/v2 only. */
const privateApp = {
	authentication: 'serviceKey',
	secretFrom: 'webhookSecretCredential',
	enrich: false,
};

const BATCH_READ_PATH = '/crm/objects/2026-09/contacts/batch/read';
const SERVICE_KEY = 'pat-na1-sandbox-full';

/**
 * HubSpot is the sandbox, one for the file: the contacts are created in it before the tests (the
 * tests only read them), and each test starts without faults and with an empty request log.
 */
let sandbox: Sandbox;
let connected: OAuthCredential;
/** The contacts' ids, as the sandbox gave them. */
const ids = { ada: 0, grace: 0, nobody: 0, gone: 0 };

beforeAll(async () => {
	sandbox = await startSandbox();
	connected = await connectOAuth2(sandbox);
	ids.ada = Number(
		sandbox.createContact({
			firstname: 'Ada',
			lastname: 'Lovelace',
			email: 'ada@example.com',
			phone: '(415) 555-0100',
			company: 'Analytical Engines',
			city: 'London',
			hs_timezone: 'europe_slash_london',
		}),
	);
	ids.grace = Number(
		sandbox.createContact({
			firstname: 'Grace',
			lastname: 'Hopper',
			email: 'grace@example.com',
			phone: '+1 212 555 0199',
		}),
	);
	ids.nobody = Number(sandbox.createContact({ email: 'nobody@example.com' }));
	// Created and deleted again before its event arrives: HubSpot no longer returns it.
	ids.gone = Number(sandbox.createContact({ email: 'gone@example.com' }));
	const archived = await fetch(`${sandbox.url}/crm/objects/2026-09/contacts/${ids.gone}`, {
		method: 'DELETE',
		headers: { authorization: `Bearer ${SERVICE_KEY}` },
	});
	expect(archived.status).toBe(204);
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => {
	sandbox.faults.clear();
	sandbox.clearLog();
});

/**
 * The OAuth2 credential as n8n stores it after "Connect my account" with the sandbox, whose client
 * secret is the one of HubSpot's signature test vectors (the trigger checks signatures with it).
 */
function oAuth2Credentials(accessToken?: string) {
	const { oauthTokenData } = connected.data;
	return {
		hubSpotSchedulingOAuth2Api: {
			...connected.data,
			clientSecret: SECRET,
			oauthTokenData:
				accessToken === undefined
					? oauthTokenData
					: { ...oauthTokenData, access_token: accessToken },
		},
		hubSpotSchedulingWebhookSecretApi: { clientSecret: SECRET },
	};
}

/** The stored properties of a contact the test created, as the sandbox holds them. */
function stored(id: number): Record<string, string> {
	const record = sandbox.state.contacts.get(String(id));
	if (record === undefined) throw new Error(`The sandbox has no contact ${id}`);
	return record.properties;
}

function signV3(
	method: string,
	uri: string,
	body: string,
	timestamp: number,
	secret = SECRET,
): string {
	return createHmac('sha256', secret).update(`${method}${uri}${body}${timestamp}`).digest('base64');
}

function v3Headers(
	body: string,
	timestamp: number,
	uri = NODE_URL,
	secret = SECRET,
): Record<string, string> {
	return {
		'Content-Type': 'application/json',
		'X-HubSpot-Signature-v3': signV3('POST', uri, body, timestamp, secret),
		'X-HubSpot-Request-Timestamp': String(timestamp),
	};
}

interface DeliverOptions {
	headers: Record<string, string>;
	nowMs?: number;
	parameters?: Record<string, unknown>;
	staticData?: IDataObject;
	/** Default: the connected OAuth2 credential. */
	credentials?: ReturnType<typeof oAuth2Credentials>;
	method?: string;
	originalUrl?: string;
	workflowId?: string;
}

async function deliver(body: string, options: DeliverOptions) {
	const clock = new TestClock({ startMs: options.nowMs ?? NOW, flow: 'frozen', sleeps: 'skip' });
	const { ctx, environment, response } = fakeWebhookContext(
		{
			parameters: { ...baseParameters, ...options.parameters },
			credentials: options.credentials ?? oAuth2Credentials(),
			sandbox,
			staticData: options.staticData,
			nodeUrl: NODE_URL,
			workflowId: options.workflowId,
		},
		{
			method: options.method ?? 'POST',
			originalUrl: options.originalUrl ?? '/webhook/abc/hubspot-contact-created',
			headers: { host: 'localhost:5678', ...options.headers },
			rawBody: Buffer.from(body, 'utf8'),
			protocol: 'http',
		},
	);
	const result = await receiveDelivery.call(ctx, { clock });
	const items = result.workflowData?.[0].map((item) => item.json) ?? [];
	return { result, items, environment, response, clock };
}

function event(eventId: number, objectId: number, extra: Record<string, unknown> = {}) {
	return {
		eventId,
		subscriptionId: 12345,
		portalId: 62515,
		occurredAt: NOW - 2_000,
		subscriptionType: 'contact.creation',
		attemptNumber: 0,
		objectId,
		changeSource: 'CRM',
		changeFlag: 'NEW',
		appId: 54321,
		...extra,
	};
}

const batchReads = (calls: RecordedCall[]) =>
	calls.filter((call) => call.url.endsWith('/contacts/batch/read'));
/** The batch reads HubSpot received, with its answers' statuses. */
const receivedBatchReads = () =>
	sandbox.requestLog().filter((entry) => entry.path === BATCH_READ_PATH);

describe("HubSpot Scheduling Trigger: signature verification with HubSpot's test vectors", () => {
	it('accepts the official v1 vector from a private app and emits its contact', async () => {
		const { items, response } = await deliver(V1_BODY, {
			headers: {
				'X-HubSpot-Signature': '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
				'X-HubSpot-Signature-Version': 'v1',
			},
			parameters: privateApp,
			// The vector's event happened in July 2019; older events than a day start nothing.
			nowMs: 1_564_113_600_000 + 60_000,
		});
		expect(response.statusCode).toBe(200);
		expect(JSON.parse(response.body as string)).toEqual({
			received: 1,
			contactCreations: 1,
			started: 1,
		});
		expect(items.map((item) => [item.eventId, item.contactId])).toEqual([['1', '123']]);
	});

	it("refuses the same v1 vector with an OAuth app's secret: HubSpot signs those with v3 too, and v1 has no timestamp", async () => {
		const { items, response, environment } = await deliver(V1_BODY, {
			headers: {
				'X-HubSpot-Signature': '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
				'X-HubSpot-Signature-Version': 'v1',
			},
		});
		expect(response.statusCode).toBe(401);
		expect(items).toEqual([]);
		expect(environment.logs.map((line) => line.message)).toEqual([
			'HubSpot Scheduling Trigger rejected a delivery with HTTP 401: the request carries only a v1/v2 signature, but HubSpot signs every delivery to an OAuth app with X-HubSpot-Signature-v3 (a copied or altered request)',
		]);
	});

	// The v2/v3 vectors sign bodies that are not event arrays: passing the signature check shows as
	// HTTP 400 ("not a JSON array"), failing it as HTTP 401.
	it.each([
		[
			'v2 GET, empty body',
			'GET',
			'',
			{
				'X-HubSpot-Signature': 'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e',
				'X-HubSpot-Signature-Version': 'v2',
			},
			NOW,
		],
		[
			'v2 POST',
			'POST',
			'{"example_field":"example_value"}',
			{
				'X-HubSpot-Signature': '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
				'X-HubSpot-Signature-Version': 'v2',
			},
			NOW,
		],
		[
			'v3 (Python SDK vector)',
			'POST',
			"{'example_field':'example_value'}",
			{
				'X-HubSpot-Signature-v3': 'HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=',
				'X-HubSpot-Request-Timestamp': '15000000',
			},
			15_000_000 + 60_000,
		],
		[
			'v3 (derived vector)',
			'POST',
			'{"example_field":"example_value"}',
			{
				'X-HubSpot-Signature-v3': 'rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=',
				'X-HubSpot-Request-Timestamp': '1700000000000',
			},
			1_700_000_000_000 + 299_000,
		],
	])(
		'accepts the %s vector at the URL HubSpot signed',
		async (name, method, body, headers, nowMs) => {
			const { response } = await deliver(body, {
				method,
				headers,
				nowMs,
				parameters: {
					...(name.startsWith('v2') ? privateApp : {}),
					options: { publicWebhookUrl: VECTOR_URI },
				},
			});
			expect(response.statusCode).toBe(400);
			expect(response.body).toBe(
				'{"message":"The request body is not a JSON array. HubSpot sends a JSON array of events."}',
			);
		},
	);

	it('rejects the same v3 vector when one byte of the body was changed', async () => {
		const { response, items } = await deliver('{"example_field":"example_valuE"}', {
			headers: {
				'X-HubSpot-Signature-v3': 'rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=',
				'X-HubSpot-Request-Timestamp': '1700000000000',
			},
			nowMs: 1_700_000_000_000,
			parameters: { options: { publicWebhookUrl: VECTOR_URI } },
		});
		expect(response.statusCode).toBe(401);
		expect(items).toEqual([]);
	});

	it('rejects the v1 vector when the body was re-serialised with spaces', async () => {
		const { response } = await deliver(JSON.stringify(JSON.parse(V1_BODY), null, 1), {
			headers: {
				'X-HubSpot-Signature': '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
				'X-HubSpot-Signature-Version': 'v1',
			},
			parameters: privateApp,
		});
		expect(response.statusCode).toBe(401);
	});
});

describe('HubSpot Scheduling Trigger: forged, stale and replayed deliveries', () => {
	// A creation of a contact that exists in HubSpot, so an accepted delivery is enriched for real.
	let body: string;
	beforeAll(() => {
		body = JSON.stringify([event(10, ids.ada)]);
	});

	it('answers a forged signature with 401, emits nothing, calls nobody, and logs without secrets', async () => {
		const forged = v3Headers(body, NOW, NODE_URL, 'not-the-app-secret');
		const { result, response, environment } = await deliver(body, { headers: forged });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response).toEqual({
			statusCode: 401,
			headers: { 'content-type': 'application/json; charset=utf-8' },
			body: '{"message":"Invalid HubSpot signature"}',
		});
		expect(environment.calls).toEqual([]);
		expect(environment.logs).toHaveLength(1);
		const [line] = environment.logs;
		expect(line.level).toBe('warn');
		expect(line.message).toBe(
			`HubSpot Scheduling Trigger rejected a delivery with HTTP 401: the signature does not match (wrong client secret, changed body, or HubSpot called another URL than ${NODE_URL}; behind a proxy, set WEBHOOK_URL for n8n or Options → Public Webhook URL)`,
		);
		const logged = JSON.stringify(environment.logs);
		expect(logged).not.toContain(SECRET);
		expect(logged).not.toContain(forged['X-HubSpot-Signature-v3']);
	});

	it('answers a request without any signature with 401', async () => {
		const { response, environment } = await deliver(body, {
			headers: { 'Content-Type': 'application/json' },
		});
		expect(response.statusCode).toBe(401);
		expect(environment.logs[0].message).toBe(
			'HubSpot Scheduling Trigger rejected a delivery with HTTP 401: the request carries no X-HubSpot-Signature or X-HubSpot-Signature-v3 header',
		);
	});

	it('accepts a v3 timestamp exactly 5 minutes old and rejects one a millisecond older', async () => {
		const fiveMinutes = 300_000;
		const atLimit = await deliver(body, { headers: v3Headers(body, NOW - fiveMinutes) });
		const stale = await deliver(body, { headers: v3Headers(body, NOW - fiveMinutes - 1) });
		expect(atLimit.items).toHaveLength(1);
		expect(stale.response.statusCode).toBe(401);
		expect(stale.environment.logs[0].message).toBe(
			'HubSpot Scheduling Trigger rejected a delivery with HTTP 401: X-HubSpot-Request-Timestamp is more than 5 minutes away from now (a replay, or a wrong clock)',
		);
	});

	it('starts nothing when a signed delivery is replayed within the window, and says so in the answer', async () => {
		const staticData: IDataObject = {};
		const headers = v3Headers(body, NOW);
		const first = await deliver(body, { headers, staticData });
		const replay = await deliver(body, { headers, staticData, nowMs: NOW + 30_000 });
		expect(first.items).toHaveLength(1);
		expect(replay.result).toEqual({ noWebhookResponse: true });
		expect(JSON.parse(replay.response.body as string)).toEqual({
			received: 1,
			contactCreations: 1,
			started: 0,
		});
		expect(batchReads(replay.environment.calls)).toEqual([]);
	});

	it('starts nothing when HubSpot redelivers the event later with a new attempt number and signature', async () => {
		const staticData: IDataObject = {};
		await deliver(body, { headers: v3Headers(body, NOW), staticData });
		const retried = JSON.stringify([event(10, ids.ada, { attemptNumber: 3 })]);
		const later = NOW + 3_600_000;
		const redelivery = await deliver(retried, {
			headers: v3Headers(retried, later),
			staticData,
			nowMs: later,
		});
		expect(redelivery.items).toEqual([]);
		expect(redelivery.response.statusCode).toBe(200);
	});

	it('refuses a delivery signed for the host that X-Forwarded-* or Host claim, without an override', async () => {
		const headers = {
			...v3Headers(body, NOW, PUBLIC_URL),
			'X-Forwarded-Proto': 'https',
			'X-Forwarded-Host': 'n8n.example.com',
			Host: 'n8n.example.com',
		};
		const { response, items } = await deliver(body, { headers });
		expect(response.statusCode).toBe(401);
		expect(items).toEqual([]);
	});

	it('accepts a delivery signed for the public URL via the override, and rejects it without one', async () => {
		const headers = v3Headers(body, NOW, PUBLIC_URL);
		const withOverride = await deliver(body, {
			headers,
			parameters: { options: { publicWebhookUrl: PUBLIC_URL } },
		});
		const without = await deliver(body, { headers });
		expect(withOverride.items).toHaveLength(1);
		expect(without.response.statusCode).toBe(401);
	});

	it('with the override set, refuses a delivery signed for another host even when the request claims that host', async () => {
		const staging = 'https://staging.example.com/webhook/abc/hubspot-contact-created';
		const { response, items } = await deliver(body, {
			headers: {
				...v3Headers(body, NOW, staging),
				'x-forwarded-host': 'staging.example.com',
				'x-forwarded-proto': 'https',
			},
			parameters: { options: { publicWebhookUrl: PUBLIC_URL } },
		});
		expect(response.statusCode).toBe(401);
		expect(items).toEqual([]);
	});

	it('accepts unsigned deliveries only when verification is switched off', async () => {
		const { items } = await deliver(body, { headers: {}, parameters: { verifySignature: false } });
		expect(items).toHaveLength(1);
	});
});

describe('HubSpot Scheduling Trigger: deliveries', () => {
	it('emits one enriched item per contact creation, from one batch read, ignoring other events', async () => {
		const body = JSON.stringify([
			event(1, ids.ada),
			event(2, 99, { subscriptionType: 'deal.creation' }),
			event(3, ids.grace, {
				subscriptionType: 'object.creation',
				objectTypeId: '0-1',
				attemptNumber: 2,
			}),
			event(4, ids.nobody),
		]);
		const { items, result, response, environment } = await deliver(body, {
			headers: v3Headers(body, NOW),
		});

		expect(batchReads(environment.calls)).toEqual([
			{
				credentialType: 'hubSpotSchedulingOAuth2Api',
				method: 'POST',
				url: `${sandbox.url}${BATCH_READ_PATH}`,
				qs: undefined,
				body: {
					inputs: [{ id: String(ids.ada) }, { id: String(ids.grace) }, { id: String(ids.nobody) }],
					properties: [
						'firstname',
						'lastname',
						'email',
						'phone',
						'mobilephone',
						'company',
						'city',
						'hs_timezone',
					],
				},
			},
		]);
		expect(environment.calls).toHaveLength(1);
		// HubSpot received that one read with the connected app's token, and found every contact.
		expect(receivedBatchReads().map((entry) => [entry.authKind, entry.status, entry.body])).toEqual(
			[['oauth', 200, environment.calls[0].body]],
		);
		// The signing secret and the batch read share one read of the OAuth2 credential.
		expect(environment.credentialReads).toEqual(['hubSpotSchedulingOAuth2Api']);
		expect(result.noWebhookResponse).toBe(true);
		expect(JSON.parse(response.body as string)).toEqual({
			received: 4,
			contactCreations: 3,
			started: 3,
		});
		expect(items[0]).toEqual({
			eventId: '1',
			subscriptionId: '12345',
			contactId: String(ids.ada),
			occurredAt: '2026-11-21T09:59:58.000Z',
			subscriptionType: 'contact.creation',
			portalId: '62515',
			appId: '54321',
			attemptNumber: 0,
			changeSource: 'CRM',
			enriched: true,
			contact: {
				id: String(ids.ada),
				firstName: 'Ada',
				lastName: 'Lovelace',
				fullName: 'Ada Lovelace',
				email: 'ada@example.com',
				phone: '(415) 555-0100',
				mobilePhone: null,
				phoneE164: '+14155550100',
				company: 'Analytical Engines',
				city: 'London',
				timeZone: 'europe_slash_london',
				properties: {
					firstname: 'Ada',
					lastname: 'Lovelace',
					email: 'ada@example.com',
					phone: '(415) 555-0100',
					mobilephone: null,
					company: 'Analytical Engines',
					city: 'London',
					hs_timezone: 'europe_slash_london',
					// HubSpot returns these three with every read, asked for or not.
					hs_object_id: String(ids.ada),
					createdate: stored(ids.ada).createdate,
					lastmodifieddate: stored(ids.ada).lastmodifieddate,
				},
			},
		});
		expect(
			items.map((item) => [item.contactId, item.subscriptionType, item.attemptNumber]),
		).toEqual([
			[String(ids.ada), 'contact.creation', 0],
			[String(ids.grace), 'object.creation', 2],
			[String(ids.nobody), 'contact.creation', 0],
		]);
		expect(items[2].contact).toMatchObject({
			fullName: null,
			phone: null,
			phoneE164: null,
			email: 'nobody@example.com',
		});
	});

	it("adds the call window in the contact's own time zone, else the fixed one", async () => {
		const body = JSON.stringify([event(1, ids.ada), event(2, ids.grace)]);
		const { items } = await deliver(body, {
			headers: v3Headers(body, NOW),
			parameters: {
				addCallWindow: true,
				callDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
				callEarliest: '09:00',
				callLatest: '17:30',
				callTimeZoneSource: 'contact',
				callTimeZone: 'America/New_York',
			},
		});
		// Saturday morning: both wait for Monday 09:00 in their own zone.
		expect(items.map((item) => item.callWindow)).toEqual([
			{
				openNow: false,
				nextOpenAt: '2026-11-23T09:00:00+00:00',
				zone: 'Europe/London',
				zoneSource: 'contact',
			},
			{
				openNow: false,
				nextOpenAt: '2026-11-23T09:00:00-05:00',
				zone: 'America/New_York',
				zoneSource: 'fixed',
			},
		]);
	});

	it('reports an open call window with its closing time', async () => {
		const monday = Date.UTC(2026, 10, 23, 10, 0, 0);
		const body = JSON.stringify([event(1, ids.ada, { occurredAt: monday - 2_000 })]);
		const { items } = await deliver(body, {
			headers: v3Headers(body, monday),
			nowMs: monday,
			parameters: {
				addCallWindow: true,
				callDays: ['MON'],
				callEarliest: '09:00',
				callLatest: '17:30',
				callTimeZoneSource: 'fixed',
				callTimeZone: 'Europe/Berlin',
			},
		});
		expect(items[0].callWindow).toEqual({
			openNow: true,
			nextOpenAt: '2026-11-23T11:00:00+01:00',
			closesAt: '2026-11-23T17:30:00+01:00',
			zone: 'Europe/Berlin',
			zoneSource: 'fixed',
		});
	});

	it('drops an event whose objectId is not a HubSpot id (1e400 is Infinity in JSON) with a log line, and emits the others', async () => {
		const body = `[${JSON.stringify(event(1, ids.ada))},${JSON.stringify(event(2, ids.grace)).replace(`"objectId":${ids.grace}`, '"objectId":1e400')}]`;
		const { items, response, environment } = await deliver(body, { headers: v3Headers(body, NOW) });
		expect(items.map((item) => item.contactId)).toEqual([String(ids.ada)]);
		expect(JSON.parse(response.body as string)).toEqual({
			received: 2,
			contactCreations: 1,
			started: 1,
		});
		expect(environment.logs.map((line) => [line.level, line.message])).toEqual([
			[
				'warn',
				'HubSpot Scheduling Trigger dropped event 2 of a delivery: objectId is not a HubSpot id (ids must be positive whole numbers)',
			],
		]);
	});

	it('answers 200 but starts nothing for a signed event older than a day: HubSpot has stopped retrying by then', async () => {
		const body = JSON.stringify([event(1, ids.ada, { occurredAt: NOW - 26 * 3_600_000 })]);
		const { items, response, environment } = await deliver(body, { headers: v3Headers(body, NOW) });
		expect(items).toEqual([]);
		expect(JSON.parse(response.body as string)).toEqual({
			received: 1,
			contactCreations: 1,
			started: 0,
		});
		expect(environment.calls).toEqual([]);
	});

	it('starts one execution when two deliveries announce one contact at once, each with the static data n8n loaded for it', async () => {
		const legacy = JSON.stringify([event(1, ids.ada)]);
		const generic = JSON.stringify([
			event(2, ids.ada, {
				subscriptionId: 999,
				subscriptionType: 'object.creation',
				objectTypeId: '0-1',
			}),
		]);
		const [first, second] = await Promise.all([
			deliver(legacy, {
				headers: v3Headers(legacy, NOW),
				staticData: {},
				workflowId: 'wf-together',
			}),
			deliver(generic, {
				headers: v3Headers(generic, NOW),
				staticData: {},
				workflowId: 'wf-together',
			}),
		]);
		expect([...first.items, ...second.items].map((item) => item.contactId)).toEqual([
			String(ids.ada),
		]);
	});

	it('emits the contact id only, without calling HubSpot, when enrichment is off', async () => {
		const body = JSON.stringify([event(1, ids.ada)]);
		const { items, environment } = await deliver(body, {
			headers: v3Headers(body, NOW),
			parameters: { enrich: false },
		});
		expect(environment.calls).toEqual([]);
		expect(sandbox.requestLog()).toEqual([]);
		expect(items[0]).toMatchObject({
			contactId: String(ids.ada),
			enriched: false,
			contact: { id: String(ids.ada), email: null, properties: {} },
		});
	});

	it('still emits contacts that HubSpot no longer returns (deleted, or never there), marked as not enriched', async () => {
		const neverThere = ids.gone + 1_000;
		const body = JSON.stringify([event(1, ids.gone), event(2, neverThere), event(3, ids.grace)]);
		const { items } = await deliver(body, { headers: v3Headers(body, NOW) });
		// HubSpot answers such a batch read with 207: what it found, and the ids it could not get.
		expect(receivedBatchReads().map((entry) => entry.status)).toEqual([207]);
		expect(items.map((item) => [item.contactId, item.enriched])).toEqual([
			[String(ids.gone), false],
			[String(neverThere), false],
			[String(ids.grace), true],
		]);
	});

	it("answers 503 and starts nothing when the batch read fails, and processes HubSpot's retry in full", async () => {
		const body = JSON.stringify([event(1, ids.ada)]);
		const staticData: IDataObject = {};
		const outage = sandbox.faults.add({
			method: 'POST',
			path: BATCH_READ_PATH,
			times: 1_000,
			action: { status: 503 },
		});
		const failed = await deliver(body, {
			headers: v3Headers(body, NOW),
			staticData,
		});
		expect(failed.result).toEqual({ noWebhookResponse: true });
		expect(failed.response.statusCode).toBe(503);
		expect(failed.items).toEqual([]);
		expect(staticData).toEqual({});
		const duringOutage = receivedBatchReads().map((entry) => entry.status);
		expect(duringOutage.length).toBeGreaterThan(0);
		expect(new Set(duringOutage)).toEqual(new Set([503]));

		sandbox.faults.remove(outage);
		sandbox.clearLog();
		const retried = JSON.stringify([event(1, ids.ada, { attemptNumber: 1 })]);
		const retry = await deliver(retried, {
			headers: v3Headers(retried, NOW + 60_000),
			staticData,
			nowMs: NOW + 60_000,
		});
		expect(retry.items.map((item) => [item.contactId, item.enriched, item.attemptNumber])).toEqual([
			[String(ids.ada), true, 1],
		]);
		expect(receivedBatchReads().map((entry) => entry.status)).toEqual([200]);
	});

	it('gives up waiting for HubSpot before HubSpot gives up on the webhook', async () => {
		const body = JSON.stringify([event(1, ids.ada)]);
		sandbox.faults.add({
			path: BATCH_READ_PATH,
			times: 1_000,
			action: { kind: 'rate-limit', policyName: 'TEN_SECONDLY_ROLLING' },
		});
		const late = await deliver(body, { headers: v3Headers(body, NOW) });
		// No wait past the budget: the answer is a 503 HubSpot retries, and nothing starts.
		expect(late.response.statusCode).toBe(503);
		expect(late.items).toEqual([]);
		const answers = receivedBatchReads().map((entry) => entry.status);
		expect(answers.length).toBeGreaterThan(0);
		expect(new Set(answers)).toEqual(new Set([429]));
	});

	it('fails the delivery (a failed execution the user sees) when HubSpot refuses the credential', async () => {
		const body = JSON.stringify([event(1, ids.ada)]);
		const staticData: IDataObject = {};
		// An access token HubSpot does not know (revoked, or from another app): it answers 401.
		const refused = oAuth2Credentials('an-access-token-hubspot-never-issued');
		await expect(
			deliver(body, { headers: v3Headers(body, NOW), staticData, credentials: refused }),
		).rejects.toThrow();
		expect(staticData).toEqual({});
		expect(receivedBatchReads().map((entry) => entry.status)).toEqual([401]);
	});

	it('answers 400 to a signed body that is not an event array', async () => {
		const body = '{"hello":"world"}';
		const { response, result } = await deliver(body, { headers: v3Headers(body, NOW) });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(400);
	});

	it('refuses a service key as the source of the signing secret, with how to fix it', async () => {
		const body = JSON.stringify([event(1, ids.ada)]);
		await expect(
			deliver(body, {
				headers: v3Headers(body, NOW),
				parameters: { authentication: 'serviceKey' },
			}),
		).rejects.toThrow(
			'A service key or private app token has no client secret to check HubSpot signatures with',
		);
	});
});
