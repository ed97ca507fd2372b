import type { INodeParameters } from 'n8n-workflow';

import type { FaultRule, LoggedRequest, Sandbox } from '../../../sandbox/server';
import type { FaultSuite, NodeRun } from './faultSuite';

/**
 * Sweeps one transient fault over every HubSpot call an operation makes. The calls are discovered
 * from a clean run first, so the sweep follows the node as it changes. For each call: fresh sandbox
 * state, the fault on exactly that call, one run, the state judged; then the same run again without
 * faults (a voice platform retrying the tool call), and the state judged again.
 */

export interface TransientFault {
	name: string;
	rule: Pick<FaultRule, 'action' | 'applyEffect'>;
	/** A delay past the client's timeout: HubSpot still does the work, after the node gave up. */
	slow?: boolean;
}

// The client's timeout applies to every call of the slow run, so it is set well above what a loaded
// machine takes for an ordinary sandbox call (otherwise an earlier call times out instead and the
// sweep never reaches its step); the faulted call is held past it.
const SLOW_RESPONSE_MS = 1_000;
const CLIENT_TIMEOUT_MS = 750;
/** How long the sandbox may take to finish the calls the node gave up on before the sweep judges. */
const SETTLE_DEADLINE_MS = 15_000;

export const TRANSIENT_FAULTS: TransientFault[] = [
	{ name: 'HTTP 500', rule: { action: { status: 500 } } },
	{ name: 'HTTP 503 after HubSpot acted', rule: { action: { status: 503 }, applyEffect: true } },
	{ name: 'HTTP 423', rule: { action: { status: 423 } } },
	{ name: 'HTTP 423 after HubSpot acted', rule: { action: { status: 423 }, applyEffect: true } },
	{ name: 'a dropped connection', rule: { action: { kind: 'drop' } } },
	{
		name: 'a connection dropped after HubSpot acted',
		rule: { action: { kind: 'drop' }, applyEffect: true },
	},
	{
		name: 'a response slower than the timeout',
		rule: { action: { kind: 'delay', ms: SLOW_RESPONSE_MS } },
		slow: true,
	},
];

export interface Step {
	method: string;
	path: string;
	/** How many earlier calls had the same method and path (the fault skips those). */
	occurrence: number;
}

export function stepsOf(requests: LoggedRequest[]): Step[] {
	const seen = new Map<string, number>();
	return requests
		.filter((request) => !request.path.startsWith('/oauth/'))
		.map((request) => {
			const key = `${request.method} ${request.path}`;
			const occurrence = seen.get(key) ?? 0;
			seen.set(key, occurrence + 1);
			return { method: request.method, path: request.path, occurrence };
		});
}

export const describeStep = (step: Step) =>
	`${step.method} ${step.path}${step.occurrence > 0 ? ` (call ${step.occurrence + 1})` : ''}`;

function ruleFor(step: Step, fault: TransientFault): FaultRule {
	const exactPath = `^${step.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
	return {
		method: step.method,
		pathRegex: exactPath,
		after: step.occurrence,
		times: 1,
		...fault.rule,
	};
}

export interface Scenario<Facts> {
	/** e.g. "Book, Meeting Link, new guest". */
	name: string;
	parameters: INodeParameters;
	/** The sandbox facts this operation is judged on. */
	observe(sandbox: Sandbox): Facts;
	/** Problems right after the faulted run. */
	afterFault(facts: Facts, run: NodeRun): string[];
	/** Problems after the clean retry; `before` are the facts the faulted run left. */
	afterRetry(facts: Facts, run: NodeRun, before: Facts): string[];
}

/** A failed run must fail with a message a person can act on, not a crash inside the node. */
export function crashProblems(run: NodeRun): string[] {
	const message = run.result.error?.message ?? '';
	if (run.result.status !== 'error') return [];
	if (message === '' || /Cannot read|undefined|TypeError|is not a function/.test(message)) {
		return [`failed without a clear message: "${message}"`];
	}
	return [];
}

export async function discoverSteps<Facts>(
	suite: FaultSuite,
	sandbox: Sandbox,
	scenario: Scenario<Facts>,
): Promise<Step[]> {
	sandbox.reset();
	const run = await suite.run(sandbox, scenario.parameters);
	if (run.result.status !== 'success') {
		throw new Error(
			`${scenario.name} does not succeed without faults: ${run.result.error?.message}`,
		);
	}
	return stepsOf(run.requests);
}

/**
 * Waits until the sandbox has answered every request it received (a logged request has no status
 * until HubSpot's work for it is done), so that the state judged includes what HubSpot did for the
 * call the node stopped waiting for.
 */
async function untilAnswered(sandbox: Sandbox): Promise<void> {
	const deadline = Date.now() + SETTLE_DEADLINE_MS;
	while (sandbox.requestLog().some((request) => request.status === null)) {
		if (Date.now() > deadline)
			throw new Error(`the sandbox still had unanswered requests after ${SETTLE_DEADLINE_MS} ms`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** Runs the sweep and returns every broken expectation, each naming the step and the fault. */
export async function sweep<Facts>(
	suite: FaultSuite,
	sandbox: Sandbox,
	scenario: Scenario<Facts>,
	steps: Step[],
	fault: TransientFault,
): Promise<string[]> {
	const problems: string[] = [];
	for (const step of steps) {
		sandbox.reset();
		sandbox.faults.add(ruleFor(step, fault));
		const faulted = await suite.run(
			sandbox,
			scenario.parameters,
			fault.slow ? { timeoutMs: CLIENT_TIMEOUT_MS } : {},
		);
		if (fault.slow) await untilAnswered(sandbox);
		const where = `${fault.name} at ${describeStep(step)}`;
		const fired = sandbox.faults.list().some((active) => active.fired > 0);
		if (!fired) problems.push(`${where}: the fault never fired (the call did not happen)`);
		const before = scenario.observe(sandbox);
		for (const problem of [...crashProblems(faulted), ...scenario.afterFault(before, faulted)]) {
			problems.push(`${where}, after the faulted run: ${problem}`);
		}
		sandbox.faults.clear();
		const retried = await suite.run(sandbox, scenario.parameters);
		for (const problem of scenario.afterRetry(scenario.observe(sandbox), retried, before)) {
			problems.push(`${where}, after the retry: ${problem}`);
		}
	}
	return problems;
}
