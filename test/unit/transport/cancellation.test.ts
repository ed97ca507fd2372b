import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { z } from 'zod';

import { CancelledHubSpotCallError } from '../../../nodes/shared/transport/cancellation';
import { HubSpotClient, systemClock } from '../../../nodes/shared/transport/client';
import type { HubSpotRequest } from '../../../nodes/shared/transport/client';
import { clockWithDeadline } from '../../../nodes/shared/transport/deadlineClock';
import type { Clock } from '../../../nodes/shared/transport/pacing';
import { sandboxPerFile } from '../../harness/sandboxPerFile';
import { sendToSandbox } from '../../harness/sandboxRequests';
import { serviceKeyReference, testNode } from '../../harness/testNode';

/**
 * The transport and n8n's cancel signal, without the engine (test/faults/cancellation.test.ts runs
 * the same in WorkflowExecute). No test here waits on time: a wait that ignored the signal would
 * never end, and the test would fail by jest's timeout. HubSpot is the sandbox; what n8n's own HTTP
 * client throws when the signal aborts a request is written out (ERR_CANCELED).
 */

const SERVICE_KEY = 'pat-na1-sandbox-full';
const sandbox = sandboxPerFile();

const node = testNode('hubSpotScheduling', { credentials: serviceKeyReference('cancellation') });

const never = (signal?: AbortSignal) =>
	new Promise<void>((_resolve, reject) => {
		if (signal?.aborted) reject(signal.reason);
		signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
	});

/** A clock whose every wait lasts until the signal ends it. */
const waitingClock: Clock = {
	now: () => 1_800_000_000_000,
	random: () => 0,
	sleep: async (_ms, signal) => await never(signal),
};

async function clientWith(
	cancel: AbortController,
	answer: (options: IHttpRequestOptions) => Promise<unknown>,
	clock: Clock = waitingClock,
): Promise<{ hubspot: HubSpotClient; sent: string[] }> {
	const sent: string[] = [];
	const context = {
		getNode: () => node,
		getExecutionCancelSignal: () => cancel.signal,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				sent.push(`${options.method} ${options.url}`);
				return await answer(options);
			},
		},
	} as unknown as IExecuteFunctions;
	const hubspot = await HubSpotClient.connect(context, 'hubSpotSchedulingServiceKeyApi', {
		clock,
		credentials: { accessToken: SERVICE_KEY, baseUrl: sandbox.url },
	});
	return { hubspot, sent };
}

const read: HubSpotRequest = {
	method: 'GET',
	path: '/crm/objects/2026-09/contacts/1',
	what: 'read the contact',
};
const write: HubSpotRequest = {
	method: 'POST',
	path: '/crm/objects/2026-09/meetings',
	what: 'create the meeting',
};
/** The sandbox's answer to the request. */
const fromSandbox = async (options: IHttpRequestOptions) =>
	await sendToSandbox(node, 'hubSpotSchedulingServiceKeyApi', options, {
		hubSpotSchedulingServiceKeyApi: { accessToken: SERVICE_KEY, baseUrl: sandbox.url },
	});

async function failure(promise: Promise<unknown>): Promise<CancelledHubSpotCallError> {
	const error = await promise.then(
		() => undefined,
		(thrown: unknown) => thrown,
	);
	expect(error).toBeInstanceOf(CancelledHubSpotCallError);
	return error as CancelledHubSpotCallError;
}

describe('a cancelled execution', () => {
	it('sends no request once cancelled', async () => {
		const cancel = new AbortController();
		cancel.abort();
		const { hubspot, sent } = await clientWith(cancel, fromSandbox);
		const error = await failure(hubspot.request(write, z.unknown()));
		expect(sent).toEqual([]);
		expect(sandbox.requestLog()).toEqual([]);
		expect(error.writeMayHaveApplied).toBe(false);
		expect(error.message).toBe(
			'The execution was cancelled before the request to "create the meeting" was sent to HubSpot.',
		);
	});

	it('ends a retry back-off and sends nothing more', async () => {
		const cancel = new AbortController();
		sandbox.faults.add({
			path: read.path,
			times: 1_000,
			action: { kind: 'rate-limit', policyName: 'TEN_SECONDLY_ROLLING' },
		});
		const { hubspot, sent } = await clientWith(cancel, async (options) => {
			const answer = await fromSandbox(options);
			queueMicrotask(() => cancel.abort());
			return answer;
		});
		const error = await failure(hubspot.request(read, z.unknown()));
		expect(sent).toHaveLength(1);
		expect(sandbox.requestLog().map((entry) => entry.status)).toEqual([429]);
		expect(error.writeMayHaveApplied).toBe(false);
	});

	it('ends a pause', async () => {
		const cancel = new AbortController();
		const { hubspot } = await clientWith(cancel, fromSandbox);
		const paused = hubspot.pause(60_000, "read the guest's meetings again");
		cancel.abort();
		expect((await failure(paused)).message).toContain("read the guest's meetings again");
	});

	it('hands the signal to n8n with every request, and a write aborted on its way may have been applied', async () => {
		const cancel = new AbortController();
		const signals: unknown[] = [];
		const { hubspot } = await clientWith(cancel, async (options) => {
			signals.push(options.abortSignal);
			cancel.abort();
			throw Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' });
		});
		const error = await failure(hubspot.request(write, z.unknown()));
		expect(signals).toEqual([cancel.signal]);
		expect(error.writeMayHaveApplied).toBe(true);
		expect(error.message).toBe(
			'The execution was cancelled before it was known whether HubSpot made the change "create the meeting": it may or may not have been made.',
		);
	});

	it('a read aborted on its way changed nothing, and says so', async () => {
		const cancel = new AbortController();
		const { hubspot } = await clientWith(cancel, async () => {
			cancel.abort();
			throw Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' });
		});
		const error = await failure(hubspot.request(read, z.unknown()));
		expect(error.writeMayHaveApplied).toBe(false);
		expect(error.message).toContain('it only read data, so nothing was changed by it');
	});

	it("through Answer Within's deadline clock too", async () => {
		const cancel = new AbortController();
		const deadline = clockWithDeadline(waitingClock, waitingClock.now() + 60_000, 'the limit');
		const { hubspot } = await clientWith(cancel, fromSandbox, deadline);
		const paused = hubspot.pause(5_000);
		cancel.abort();
		await failure(paused);
	});
});

describe('the system clock', () => {
	it("ends a wait when the signal aborts (n8n-workflow's sleep takes the signal)", async () => {
		const cancel = new AbortController();
		const waiting = systemClock.sleep(24 * 60 * 60_000, cancel.signal);
		cancel.abort();
		await expect(waiting).rejects.toBeDefined();
	});
});
