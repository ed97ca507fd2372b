import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { z } from 'zod';

import { clockWithDeadline } from '../../../nodes/shared/transport/deadlineClock';
import { HubSpotClient } from '../../../nodes/shared/transport/client';
import { HubSpotApiError } from '../../../nodes/shared/transport/errors';
import type { Clock } from '../../../nodes/shared/transport/pacing';
import { startSandbox } from '../../../sandbox/server';
import type { Sandbox } from '../../../sandbox/server';
import { sandboxPerFile } from '../../harness/sandboxPerFile';
import { baseFixture } from '../../sandbox/helpers';
import { sandboxRequestContext } from '../../harness/sandboxRequests';
import { testNode } from '../../harness/testNode';

/**
 * The transport against the sandbox, with a recorded clock instead of real waiting. The context does
 * only what n8n's httpRequestWithAuthentication does around the HTTP call (sendToSandbox): add the
 * Bearer header, and throw a NodeApiError carrying the response for statuses it is told not to ignore.
 */

const node = testNode('hubSpotScheduling', { credentials: {} });

const sandbox = sandboxPerFile();
let accountSeq = 0;

function recordingClock(): Clock & { sleeps: number[] } {
	let now = 1_800_000_000_000;
	const sleeps: number[] = [];
	return {
		sleeps,
		now: () => now,
		sleep: async (ms) => {
			sleeps.push(ms);
			now += ms;
		},
		random: () => 0,
	};
}

/** n8n's request helper with the sandbox as HubSpot (sendToSandbox: the one forwarder of the tests). */
function fakeContext(accessToken: string): IExecuteFunctions {
	return sandboxRequestContext(node, {
		hubSpotSchedulingServiceKeyApi: { accessToken, baseUrl: sandbox.url },
	}) as unknown as IExecuteFunctions;
}

async function client(accessToken = 'pat-na1-sandbox-full') {
	const clock = recordingClock();
	// Each test gets its own account key, so pacing state from one test cannot leak into the next.
	node.credentials = {
		hubSpotSchedulingServiceKeyApi: { id: `account-${++accountSeq}`, name: 'test' },
	};
	const hubspot = await HubSpotClient.connect(
		fakeContext(accessToken),
		'hubSpotSchedulingServiceKeyApi',
		{ clock },
	);
	return { hubspot: hubspot.forItem(3), clock };
}

const contactSchema = z.object({ id: z.string() }).passthrough();

describe('HubSpotClient', () => {
	it('retries a TEN_SECONDLY_ROLLING 429 after a recorded backoff and then succeeds', async () => {
		sandbox.faults.add({
			path: '/crm/objects/2026-09/contacts/search',
			times: 2,
			action: { kind: 'rate-limit', policyName: 'TEN_SECONDLY_ROLLING' },
		});
		const { hubspot, clock } = await client();
		const page = await hubspot.request(
			{
				method: 'POST',
				path: '/crm/objects/2026-09/contacts/search',
				kind: 'search',
				body: { limit: 1 },
				what: 'search contacts',
			},
			z.object({ results: z.array(z.unknown()) }),
		);
		expect(page.results).toHaveLength(1);
		expect(sandbox.requestLog().map((entry) => entry.status)).toEqual([429, 429, 200]);
		// Search spacing (210 ms) precedes the 2nd and 3rd attempt only because the clock advanced by the backoff.
		expect(clock.sleeps).toEqual([1500, 3000]);
	});

	it('never retries a DAILY 429 and says when it resets', async () => {
		sandbox.faults.add({
			path: '/crm/objects/2026-09/contacts/',
			times: 5,
			action: { kind: 'rate-limit', policyName: 'DAILY' },
		});
		const { hubspot, clock } = await client();
		const failure = hubspot.request(
			{ method: 'GET', path: '/crm/objects/2026-09/contacts/1', what: 'read the contact' },
			contactSchema,
		);
		await expect(failure).rejects.toThrow(
			"Could not read the contact: this HubSpot account has used its daily API limit. It resets at midnight in the account's time zone; try again then or ask HubSpot for an API limit increase.",
		);
		expect(sandbox.requestLog()).toHaveLength(1);
		expect(clock.sleeps).toEqual([]);
	});

	it('retries a 503 on a read but never on a create', async () => {
		sandbox.faults.add({
			method: 'GET',
			path: '/crm/objects/2026-09/contacts/',
			times: 1,
			action: { status: 503 },
		});
		const { hubspot, clock } = await client();
		const missing = await hubspot.requestOrNull(
			{ method: 'GET', path: '/crm/objects/2026-09/contacts/999', what: 'read the contact' },
			contactSchema,
		);
		expect(missing).toBeNull();
		expect(sandbox.requestLog().map((entry) => entry.status)).toEqual([503, 404]);
		expect(clock.sleeps).toEqual([200]);

		sandbox.clearLog();
		sandbox.faults.add({
			method: 'POST',
			path: '/crm/objects/2026-09/contacts',
			times: 1,
			action: { status: 502 },
			applyEffect: true,
		});
		const create = hubspot.request(
			{
				method: 'POST',
				path: '/crm/objects/2026-09/contacts',
				body: { properties: { email: 'once@acme.io' } },
				what: 'create the contact',
			},
			contactSchema,
		);
		await expect(create).rejects.toMatchObject({
			message:
				'Could not create the contact: HubSpot had a server error (502). Try again in a moment.',
			description: expect.stringContaining('This was a write, so it was not retried automatically'),
		});
		expect(sandbox.requestLog()).toHaveLength(1);
		// HubSpot did create it before the answer was lost: exactly one contact, not two.
		expect(sandbox.state.contactByEmail('once@acme.io')).toBeDefined();
	});

	it('maps a missing scope to the scope name, with the item index and no token in the message', async () => {
		const { hubspot } = await client('pat-na1-sandbox-noscheduler');
		const error = await hubspot
			.request(
				{
					method: 'GET',
					path: '/scheduler/2026-09/meetings/meeting-links',
					what: 'list meeting links',
				},
				z.unknown(),
			)
			.catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(HubSpotApiError);
		const apiError = error as HubSpotApiError;
		expect(apiError.message).toBe(
			'Could not list meeting links: the HubSpot app or service key is missing the scope scheduler.meetings.meeting-link.read. Add it in HubSpot, then reconnect the credential.',
		);
		expect(apiError.httpCode).toBe('403');
		expect(apiError.context.itemIndex).toBe(3);
		expect(
			JSON.stringify({ message: apiError.message, description: apiError.description }),
		).not.toContain('pat-na1');
	});

	it('turns a rejected key (thrown 401) into a readable credential error', async () => {
		const { hubspot } = await client('pat-na1-not-a-real-key');
		await expect(
			hubspot.request(
				{ method: 'GET', path: '/crm/objects/2026-09/contacts/1', what: 'read the contact' },
				contactSchema,
			),
		).rejects.toThrow(
			'Could not read the contact: HubSpot rejected the credential (INVALID_AUTHENTICATION). Reconnect the OAuth2 credential, or paste a current service key.',
		);
	});

	it('fails clearly when HubSpot answers in an unexpected shape', async () => {
		const { hubspot } = await client();
		await expect(
			hubspot.request(
				{
					method: 'GET',
					path: '/scheduler/2026-09/meetings/meeting-links',
					what: 'list meeting links',
				},
				z.object({ items: z.array(z.string()) }),
			),
		).rejects.toThrow(
			/Could not list meeting links: HubSpot answered in a shape this node does not understand \(items: Required\)/,
		);
	});
});

describe('HubSpotClient with an answer deadline (a webhook)', () => {
	it('gives each attempt only the time left before the deadline', async () => {
		const timeouts: Array<number | undefined> = [];
		const forwarding = fakeContext('pat-na1-sandbox-full');
		const ctx = {
			...forwarding,
			helpers: {
				httpRequestWithAuthentication: async (type: string, options: IHttpRequestOptions) => {
					timeouts.push(options.timeout);
					return await forwarding.helpers.httpRequestWithAuthentication.call(
						forwarding,
						type,
						options,
					);
				},
			},
		} as unknown as IExecuteFunctions;
		const contactPath = `/crm/objects/2026-09/contacts/${sandbox.createContact({ email: 'deadline@example.com' })}`;
		const base = recordingClock();
		const clock = clockWithDeadline(base, base.now() + 1_200, 'the test deadline');
		const hubspot = await HubSpotClient.connect(ctx, 'hubSpotSchedulingServiceKeyApi', {
			clock,
			timeoutMs: 3_500,
		});
		await hubspot.request({ method: 'GET', path: contactPath, what: 'read' }, contactSchema);
		await base.sleep(1_000);
		await hubspot.request({ method: 'GET', path: contactPath, what: 'read' }, contactSchema);
		expect(timeouts).toEqual([1_200, 200]);
		expect(sandbox.requestLog().map((entry) => entry.status)).toEqual([200, 200]);
	});
});

describe('HubSpotClient.pause (waiting for HubSpot to catch up)', () => {
	it('waits on the client clock when there is no answer deadline', async () => {
		const { hubspot, clock } = await client();
		expect(await hubspot.pause(500)).toBe(true);
		expect(clock.sleeps).toEqual([500]);
	});

	it('declines at once when the wait and one more call would not fit before the deadline', async () => {
		const base = recordingClock();
		const withDeadline = clockWithDeadline(base, base.now() + 1_400, 'the test deadline');
		const hubspot = await HubSpotClient.connect(
			fakeContext('pat-na1-sandbox-full'),
			'hubSpotSchedulingServiceKeyApi',
			{ clock: withDeadline },
		);
		expect(await hubspot.pause(500)).toBe(false);
		expect(base.sleeps).toEqual([]);
		expect(await hubspot.pause(300)).toBe(true);
		expect(base.sleeps).toEqual([300]);
	});
});

describe('two processes on one token (queue-mode workers), sharing nothing but HubSpot', () => {
	const LIMIT = 40;
	let shared: Sandbox;
	/** Real time plus every wait any caller made, jumped at once; the sandbox reads it too. */
	const skipped = { ms: 0, sleeps: [] as number[] };
	const jumpingClock: Clock = {
		now: () => Date.now() + skipped.ms,
		sleep: async (ms) => {
			skipped.sleeps.push(ms);
			skipped.ms += Math.max(0, ms);
		},
		random: () => 0.5,
	};

	beforeAll(async () => {
		const fixture = baseFixture();
		shared = await startSandbox({
			now: jumpingClock.now,
			fixture: { ...fixture, rateLimits: { ...fixture.rateLimits, tenSecondlyMax: LIMIT } },
		});
	});
	afterAll(async () => await shared.close());

	/** A client as another n8n process has it: its own pacer (its own credential id here). */
	async function workerClient(worker: string): Promise<HubSpotClient> {
		node.credentials = {
			hubSpotSchedulingServiceKeyApi: { id: `${worker}-${++accountSeq}`, name: 'test' },
		};
		return await HubSpotClient.connect(
			fakeContext('pat-na1-sandbox-full'),
			'hubSpotSchedulingServiceKeyApi',
			{
				clock: jumpingClock,
				credentials: { accessToken: 'pat-na1-sandbox-full', baseUrl: shared.url },
			},
		);
	}

	it('stay under the window HubSpot enforces together: no call is refused, every call completes', async () => {
		const workers = [await workerClient('worker-a'), await workerClient('worker-b')];
		const execution = async (hubspot: HubSpotClient) => {
			for (let call = 0; call < 12; call++)
				await hubspot.request(
					{
						method: 'GET',
						path: '/scheduler/2026-09/meetings/meeting-links/book/alex-demo',
						qs: { timezone: 'America/New_York' },
						what: 'read the meeting link',
					},
					z.object({}).passthrough(),
				);
		};
		// Each worker runs 5 executions at once: 120 calls against 40 per 10 s.
		await Promise.all(
			workers.flatMap((hubspot) => Array.from({ length: 5 }, () => execution(hubspot))),
		);
		const statuses = shared.requestLog().map((entry) => entry.status);
		expect(statuses).toHaveLength(120);
		expect(statuses.filter((status) => status === 429)).toEqual([]);
		for (const sleep of skipped.sleeps) expect(sleep).toBeLessThanOrEqual(10_000);
	});
});
