import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Clock } from '../../../nodes/shared/transport/pacing';
import { startSandbox } from '../../../sandbox/server';
import type { LoggedRequest, Sandbox, SandboxOptions } from '../../../sandbox/server';
import { runNode, TESTED_NODE_NAME } from '../../harness/engine';
import { sandboxPerFile } from '../../harness/sandboxPerFile';
import type { SandboxPerFileOptions } from '../../harness/sandboxPerFile';
import type { EngineCredentials, RunResult } from '../../harness/engine';
import { engineHooks } from '../../harness/engineHooks';
import { closeEngineRuntime } from '../../harness/runtime';
import { TestClock } from '../../harness/testClock';
import { createFaultPackage, removeFaultPackage } from './faultPackage';
import { CaptureLedger } from './ledger';
import { captureN8nLogs } from './n8nLogs';
import { SecretRegistry } from './secrets';
import { SUITE_START } from './suiteStart';

export const SERVICE_KEY = 'pat-na1-sandbox-full';

export interface Credential {
	type: 'hubSpotSchedulingServiceKeyApi' | 'hubSpotSchedulingOAuth2Api';
	data: EngineCredentials[string];
}

export interface RunOptions {
	input?: IDataObject[];
	continueOnFail?: boolean;
	credential?: Credential;
	/** The client's request timeout; the published default is 15 s. */
	timeoutMs?: number;
	/** Another clock than the suite's virtual one, e.g. one whose waits only a cancel ends. */
	clock?: Clock;
	/** Cancels the execution in n8n's engine when it aborts. */
	cancelSignal?: AbortSignal;
}

export interface NodeRun {
	result: RunResult;
	/** Output items' json (error items too, with continueOnFail). */
	items: IDataObject[];
	/** The errors the node threw to n8n in this run, as objects. */
	thrown: unknown[];
	/** The HubSpot API requests the sandbox received during this run, in order. */
	requests: LoggedRequest[];
}

/**
 * One test file's fixture: the clocked node package, the suite's clock (the node's and the sandbox's), n8n's
 * log captured, and a ledger of everything that came out for the secrets scan. Create it at module
 * level with FaultSuite.install(); it registers its own beforeAll/afterAll.
 */
export class FaultSuite {
	readonly clock = new TestClock({ startMs: SUITE_START.toMillis(), sleeps: 'skip' });
	readonly ledger = new CaptureLedger();
	readonly secrets = new SecretRegistry();
	private packageDir = '';
	private readonly undo: Array<() => void> = [];

	static install(): FaultSuite {
		const suite = new FaultSuite();
		beforeAll(async () => await suite.start());
		afterAll(async () => await suite.stop());
		return suite;
	}

	private async start(): Promise<void> {
		this.packageDir = createFaultPackage();
		// The triggers in this package read the suite's clock too (their deliveries are stamped with it).
		engineHooks().clientOptions = { clock: this.clock };
		this.undo.push(await captureN8nLogs(this.ledger));
	}

	private async stop(): Promise<void> {
		for (const undo of this.undo.reverse()) undo();
		if (this.packageDir !== '') removeFaultPackage(this.packageDir);
		await closeEngineRuntime();
	}

	async startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
		const sandbox = await startSandbox({ now: this.clock.now, ...options });
		this.secrets.collect(sandbox);
		return sandbox;
	}

	/**
	 * The file's one sandbox (started with `startSandbox` above, so its secrets are collected), reset
	 * before each test unless `between` says otherwise; the clock's recorded waits are dropped too.
	 */
	sandboxPerFile(between: SandboxPerFileOptions['between'] = 'reset'): Sandbox {
		beforeEach(() => {
			this.clock.takeSleeps();
		});
		return sandboxPerFile({ between, start: async () => await this.startSandbox() });
	}

	serviceKey(sandbox: Sandbox, accessToken = SERVICE_KEY): Credential {
		return { type: 'hubSpotSchedulingServiceKeyApi', data: { accessToken, baseUrl: sandbox.url } };
	}

	/** Runs the HubSpot Scheduling node once in n8n's WorkflowExecute against the sandbox. */
	async run(
		sandbox: Sandbox,
		parameters: INodeParameters,
		options: RunOptions = {},
	): Promise<NodeRun> {
		const hooks = engineHooks();
		hooks.thrown = [];
		hooks.clientOptions = {
			clock: options.clock ?? this.clock,
			...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
		};
		const credential = options.credential ?? this.serviceKey(sandbox);
		const logged = sandbox.requestLog().length;
		const result = await runNode({
			packageDir: this.packageDir,
			nodeType: 'hubSpotScheduling',
			parameters: {
				authentication: credential.type === 'hubSpotSchedulingOAuth2Api' ? 'oAuth2' : 'serviceKey',
				...parameters,
			},
			credentials: { [credential.type]: credential.data },
			credentialType: credential.type,
			input: options.input ?? [{}],
			continueOnFail: options.continueOnFail,
			cancelSignal: options.cancelSignal,
		});
		const run: NodeRun = {
			result,
			items: (result.outputs[TESTED_NODE_NAME]?.[0] ?? []).map((item) => item.json),
			thrown: [...hooks.thrown],
			requests: sandbox.requestLog().slice(logged),
		};
		this.record(sandbox, run);
		return run;
	}

	private record(sandbox: Sandbox, run: NodeRun): void {
		if (run.result.error) this.ledger.add('run error', run.result.error);
		for (const error of run.thrown) this.ledger.add('thrown error', error);
		for (const item of run.items) this.ledger.add('output item', item);
		this.ledger.add('credentials after run', Object.keys(run.result.credentialsAfter));
		this.secrets.collect(sandbox);
	}
}

/** The secrets scan every fault test file ends with. */
export function itLeaksNoSecrets(suite: FaultSuite): void {
	it('leaks no token, key or secret in any error, log line or output item it captured', () => {
		expect(suite.ledger.size).toBeGreaterThan(0);
		expect(suite.secrets.size).toBeGreaterThanOrEqual(5);
		expect(suite.secrets.leaksIn(suite.ledger)).toEqual([]);
	});
}
