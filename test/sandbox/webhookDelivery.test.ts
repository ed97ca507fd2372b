import { createHash, createHmac } from 'node:crypto';
import type { Sandbox } from '../../sandbox/server';
import { signatureV1, signatureV2, signatureV3 } from '../../sandbox/webhookSignature';
import { type Receiver, call, startReceiver, testClock, withSandbox } from './helpers';

const SECRET = 'sandbox-client-secret';
const KEY = 'hapikey=sandbox-developer-key';

interface Event {
	eventId: number;
	subscriptionId: number;
	portalId: number;
	occurredAt: number;
	subscriptionType: string;
	attemptNumber: number;
	objectId: number;
	objectTypeId?: string;
	changeSource: string;
	changeFlag: string;
	appId: number;
}

describe('webhook signatures (HubSpot test vectors)', () => {
	const secret = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
	const uri = 'https://www.example.com/webhook_uri';

	it('v1 = hex sha256(secret + body)', () => {
		const body =
			'[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
		expect(signatureV1(secret, body)).toBe(
			'232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
		);
	});

	it('v2 = hex sha256(secret + method + uri + body)', () => {
		expect(signatureV2(secret, 'GET', uri, '')).toBe(
			'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e',
		);
		expect(signatureV2(secret, 'POST', uri, '{"example_field":"example_value"}')).toBe(
			'9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
		);
	});

	it('v3 = base64 HMAC-SHA256(method + uri + body + timestamp)', () => {
		expect(signatureV3(secret, 'POST', uri, "{'example_field':'example_value'}", '15000000')).toBe(
			'HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=',
		);
		expect(
			signatureV3(secret, 'POST', uri, '{"example_field":"example_value"}', '1700000000000'),
		).toBe('rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=');
	});
});

describe('contact-creation deliveries', () => {
	const clock = testClock('2026-03-04T14:00:00.000Z');
	let sandbox: Sandbox;
	let receiver: Receiver;

	async function subscribeViaV3(targetUrl: string): Promise<string> {
		await call(sandbox, 'PUT', `/webhooks/v3/54321/settings?${KEY}`, {
			token: null,
			body: { targetUrl, throttling: { maxConcurrentRequests: 10 } },
		});
		const created = await call<{ id: string }>(
			sandbox,
			'POST',
			`/webhooks/v3/54321/subscriptions?${KEY}`,
			{
				token: null,
				body: { eventType: 'contact.creation', active: true },
			},
		);
		return created.body.id;
	}

	const events = (rawBody: string) => JSON.parse(rawBody) as Event[];

	afterEach(async () => {
		await sandbox.close();
		await receiver.close();
	});

	it('batches three quick creations into one signed request', async () => {
		receiver = await startReceiver();
		sandbox = await withSandbox({ now: clock.now });
		const subscriptionId = await subscribeViaV3(receiver.url);
		const ids = ['a', 'b', 'c'].map((name) =>
			sandbox.createContact({ email: `${name}@acme.test` }),
		);
		await sandbox.flushWebhooks();
		expect(receiver.requests).toHaveLength(1);
		const [request] = receiver.requests;
		const timestamp = String(clock.now());
		expect(request.method).toBe('POST');
		expect(request.url).toBe('/hubspot/webhook');
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.headers['x-hubspot-signature-version']).toBe('v1');
		expect(request.headers['x-hubspot-request-timestamp']).toBe(timestamp);
		expect(request.headers['x-hubspot-signature']).toBe(
			createHash('sha256')
				.update(SECRET + request.rawBody)
				.digest('hex'),
		);
		expect(request.headers['x-hubspot-signature-v3']).toBe(
			createHmac('sha256', SECRET)
				.update(`POST${receiver.url}${request.rawBody}${timestamp}`)
				.digest('base64'),
		);
		const delivered = events(request.rawBody);
		expect(delivered.map((e) => String(e.objectId))).toEqual(ids);
		expect(new Set(delivered.map((e) => e.eventId)).size).toBe(3);
		expect(delivered[0]).toEqual({
			eventId: delivered[0].eventId,
			subscriptionId: Number(subscriptionId),
			portalId: 62515,
			occurredAt: clock.now(),
			subscriptionType: 'contact.creation',
			attemptNumber: 0,
			objectId: Number(ids[0]),
			changeSource: 'CRM_UI',
			sourceId: 'userId:1100001',
			changeFlag: 'NEW',
			appId: 54321,
		});
		expect(Object.keys(delivered[0]).at(-1)).toBe('appId');
		expect(
			sandbox.deliveries().map((d) => [d.status, d.attemptNumber, d.kind, d.eventIds.length]),
		).toEqual([[200, 0, 'first', 3]]);
	});

	it('delivers on its own after the batch window', async () => {
		receiver = await startReceiver();
		sandbox = await withSandbox({ now: clock.now, webhookBatchWindowMs: 5 });
		await subscribeViaV3(receiver.url);
		await call(sandbox, 'POST', '/crm/v3/objects/contacts', {
			body: { properties: { email: 'api@acme.test' } },
		});
		for (let i = 0; i < 200 && sandbox.deliveries().length === 0; i++)
			await new Promise((r) => setTimeout(r, 5));
		expect(events(receiver.requests[0].rawBody).map((e) => e.changeSource)).toEqual(['API']);
	});

	it('sends nothing while the subscription is paused or absent', async () => {
		receiver = await startReceiver();
		sandbox = await withSandbox({ now: clock.now });
		const id = await subscribeViaV3(receiver.url);
		await call(sandbox, 'PATCH', `/webhooks/v3/54321/subscriptions/${id}?${KEY}`, {
			token: null,
			body: { active: false },
		});
		sandbox.createContact({ email: 'quiet@acme.test' });
		await sandbox.flushWebhooks();
		expect(receiver.requests).toEqual([]);
	});

	it('retries after a 500 with attemptNumber 1 and a fresh signature', async () => {
		receiver = await startReceiver([500]);
		sandbox = await withSandbox({ now: clock.now, webhookRetryDelaysMs: [60_000] });
		await subscribeViaV3(receiver.url);
		sandbox.createContact({ email: 'retry@acme.test' });
		await sandbox.flushWebhooks();
		clock.advance(60_000);
		await sandbox.flushWebhooks();
		const [first, second] = receiver.requests;
		expect(events(first.rawBody)[0].attemptNumber).toBe(0);
		expect(events(second.rawBody)[0].attemptNumber).toBe(1);
		expect(events(second.rawBody)[0].eventId).toBe(events(first.rawBody)[0].eventId);
		expect(second.headers['x-hubspot-request-timestamp']).toBe(String(clock.now()));
		expect(second.headers['x-hubspot-signature-v3']).toBe(
			createHmac('sha256', SECRET)
				.update(`POST${receiver.url}${second.rawBody}${clock.now()}`)
				.digest('base64'),
		);
		expect(sandbox.deliveries().map((d) => [d.status, d.attemptNumber, d.kind])).toEqual([
			[500, 0, 'first'],
			[200, 1, 'retry'],
		]);
	});

	it('records a target that never answers as a failed attempt and stops after the last retry delay', async () => {
		receiver = await startReceiver([0, 0]);
		sandbox = await withSandbox({
			now: clock.now,
			webhookRetryDelaysMs: [1],
			webhookResponseTimeoutMs: 50,
		});
		await subscribeViaV3(receiver.url);
		sandbox.createContact({ email: 'silent@acme.test' });
		await sandbox.flushWebhooks();
		await sandbox.flushWebhooks();
		await sandbox.flushWebhooks();
		expect(sandbox.deliveries().map((d) => [d.status, d.error, d.attemptNumber])).toEqual([
			[null, 'no answer within 50 ms', 0],
			[null, 'no answer within 50 ms', 1],
		]);
	});

	it('redelivers the last delivery with the same body and a fresh timestamp', async () => {
		receiver = await startReceiver();
		sandbox = await withSandbox({ now: clock.now });
		await subscribeViaV3(receiver.url);
		sandbox.createContact({ email: 'dup@acme.test' });
		await sandbox.flushWebhooks();
		clock.advance(1234);
		const redelivered = await call<{ kind: string; rawBody: string }>(
			sandbox,
			'POST',
			'/__sandbox/webhooks/redeliver',
			{ token: null },
		);
		expect(redelivered.body.kind).toBe('redelivery');
		const [original, duplicate] = receiver.requests;
		expect(duplicate.rawBody).toBe(original.rawBody);
		expect(duplicate.headers['x-hubspot-signature']).toBe(original.headers['x-hubspot-signature']);
		expect(Number(duplicate.headers['x-hubspot-request-timestamp'])).toBe(
			Number(original.headers['x-hubspot-request-timestamp']) + 1234,
		);
		expect(duplicate.headers['x-hubspot-signature-v3']).not.toBe(
			original.headers['x-hubspot-signature-v3'],
		);
	});

	it('uses the generic object.creation format for an app configured in the UI', async () => {
		receiver = await startReceiver();
		sandbox = await withSandbox({ now: clock.now });
		await call(sandbox, 'POST', '/__sandbox/webhooks/target', {
			token: null,
			body: { url: receiver.url, eventFormat: 'generic' },
		});
		sandbox.createContact({ email: 'generic@acme.test' });
		await call(sandbox, 'POST', '/__sandbox/webhooks/flush', { token: null });
		expect(events(receiver.requests[0].rawBody)[0]).toMatchObject({
			subscriptionType: 'object.creation',
			objectTypeId: '0-1',
			subscriptionId: 2100001,
			changeFlag: 'NEW',
		});
		expect(sandbox.deliveries()[0].target).toBe('app-config');
	});

	it('fires for contacts created by booking, with changeSource MEETINGS', async () => {
		receiver = await startReceiver();
		sandbox = await withSandbox({ now: clock.now });
		await subscribeViaV3(receiver.url);
		const reply = await call<{ contactId: string }>(
			sandbox,
			'POST',
			'/scheduler/v3/meetings/meeting-links/book?timezone=America%2FChicago',
			{
				body: {
					slug: 'offline-rep',
					firstName: 'A',
					lastName: 'B',
					email: 'booker@acme.test',
					startTime: Date.parse('2026-03-04T15:00:00Z'),
					duration: 1_800_000,
				},
			},
		);
		await sandbox.flushWebhooks();
		expect(
			events(receiver.requests[0].rawBody).map((e) => [String(e.objectId), e.changeSource]),
		).toEqual([[reply.body.contactId, 'MEETINGS']]);
	});

	it('splits more than 100 events into requests of at most 100', async () => {
		receiver = await startReceiver();
		sandbox = await withSandbox({ now: clock.now });
		await subscribeViaV3(receiver.url);
		for (let i = 0; i < 150; i++) sandbox.createContact({ email: `bulk${i}@acme.test` });
		await sandbox.flushWebhooks();
		expect(receiver.requests.map((r) => events(r.rawBody).length).sort((a, b) => b - a)).toEqual([
			100, 50,
		]);
	});
});
