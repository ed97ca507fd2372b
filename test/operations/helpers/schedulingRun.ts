import path from 'node:path';

import { DateTime } from 'luxon';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startSandbox } from '../../../sandbox/server';
import type { Sandbox, SandboxFixture } from '../../../sandbox/server';
import { runNode, TESTED_NODE_NAME } from '../../harness/engine';
import { engineHooks } from '../../harness/engineHooks';
import { sharedSourcePackage } from '../../harness/sourcePackage';
import { TestClock } from '../../harness/testClock';
import type { EngineCredentials, RunResult } from '../../harness/engine';

export const REPO_ROOT = path.join(__dirname, '../../..');
export const SERVICE_KEY = 'pat-na1-sandbox-full';

/**
 * Every scheduling test runs at the same instant: Thursday 2026-10-29 09:00 in New York. The week
 * holds a month boundary and the US daylight-saving change (Sunday November 1), and the fixture's
 * relative times (day +1 … +9) land on known dates, so outputs can be asserted to the minute.
 */
export const TEST_NOW = DateTime.fromISO('2026-10-29T09:00:00', { zone: 'America/New_York' });

/**
 * One clock for the node (injected through engineHooks into its router) and the sandbox, moving at
 * real speed from `start`; waits are real, as in production.
 */
export function pinClock(start: DateTime = TEST_NOW): () => number {
	const clock = new TestClock({ startMs: start.toMillis(), sleeps: 'wait' });
	engineHooks().clientOptions = { clock };
	return clock.now;
}

/** A sandbox on the pinned clock; pass `now` to share one clock between two sandboxes. */
export async function startPinnedSandbox(
	options: { fixture?: SandboxFixture; now?: () => number } = {},
): Promise<Sandbox> {
	const now = options.now ?? pinClock();
	return await startSandbox({ now, ...(options.fixture ? { fixture: options.fixture } : {}) });
}

export function slug(value: string) {
	return { __rl: true, mode: 'slug', value };
}

export interface RunOptions {
	input?: IDataObject[];
	continueOnFail?: boolean;
	timezone?: string;
	credentials?: { type: string; data: EngineCredentials[string] };
}

export function serviceKeyCredential(sandbox: Sandbox) {
	return {
		type: 'hubSpotSchedulingServiceKeyApi',
		data: { accessToken: SERVICE_KEY, baseUrl: sandbox.url },
	};
}

/** Runs the HubSpot Scheduling node once inside n8n's WorkflowExecute against the sandbox. */
export async function runScheduling(
	sandbox: Sandbox,
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<RunResult> {
	const credential = options.credentials ?? serviceKeyCredential(sandbox);
	return await runNode({
		packageDir: sharedSourcePackage(),
		nodeType: 'hubSpotScheduling',
		parameters: {
			authentication: credential.type === 'hubSpotSchedulingOAuth2Api' ? 'oAuth2' : 'serviceKey',
			...parameters,
		},
		credentials: { [credential.type]: credential.data },
		credentialType: credential.type,
		input: options.input ?? [{}],
		continueOnFail: options.continueOnFail,
		timezone: options.timezone,
	});
}

export function outputItems(result: RunResult): INodeExecutionData[] {
	return result.outputs[TESTED_NODE_NAME]?.[0] ?? [];
}

export function outputJson(result: RunResult): IDataObject[] {
	return outputItems(result).map((item) => item.json);
}

export interface ApiCall {
	method: string;
	path: string;
	query?: Record<string, string | string[]>;
	body?: unknown;
}

/** The HubSpot API requests the sandbox received, in arrival order, without the empty parts. */
export function apiCalls(sandbox: Sandbox): ApiCall[] {
	return sandbox.requestLog().map(({ method, path: requestPath, query, body }) => ({
		method,
		path: requestPath,
		...(Object.keys(query).length > 0 ? { query } : {}),
		...(body !== undefined ? { body } : {}),
	}));
}

/** "METHOD path" of each request, for tests that care about which calls happened, not their bodies. */
export function callLines(sandbox: Sandbox): string[] {
	return sandbox.requestLog().map(({ method, path: requestPath }) => `${method} ${requestPath}`);
}
