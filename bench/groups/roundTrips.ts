import type { Sandbox } from '../../sandbox/server';
import { builtInFlows, runBuiltInFlow } from '../builtin/flows';
import type { HubSpotRedirect } from '../builtin/redirect';
import { expectDone, runScheduling } from '../lib/ourNode';
import type { FixtureTimes } from '../lib/scenarios';
import { jobs } from '../lib/scenarios';
import { median } from '../lib/stats';

/** 1. HubSpot calls per operation on the normal path, from the sandbox's request log, against the built-in flow. */

export interface RoundTripRow {
	job: string;
	calls: number;
	sequence: string[];
	builtInCalls: number | null;
	builtInSequence: string[];
	note: string;
}

const RUNS = 3;

export async function measureRoundTrips(
	sandbox: Sandbox,
	times: FixtureTimes,
	builtIn: { packageDir: string; redirect: HubSpotRedirect },
): Promise<RoundTripRow[]> {
	const flows = builtInFlows(times);
	const rows: RoundTripRow[] = [];
	for (const job of jobs(times)) {
		const counts: number[] = [];
		let sequence: string[] = [];
		for (let run = 0; run < RUNS; run++) {
			sandbox.reset();
			const measured = expectDone(job.name, await runScheduling(sandbox, job.parameters));
			counts.push(measured.calls.length);
			sequence = measured.calls.map((call) => `${call.method} ${call.path}`);
		}
		const flow = flows.find((candidate) => candidate.job === job.name);
		const builtInCounts: number[] = [];
		let builtInSequence: string[] = [];
		for (let run = 0; flow && run < RUNS; run++) {
			sandbox.reset();
			const measured = await runBuiltInFlow(builtIn.packageDir, flow, builtIn.redirect, sandbox);
			builtInCounts.push(measured.calls.length);
			builtInSequence = measured.calls.map((call) => `${call.method} ${call.path}`);
		}
		rows.push({
			job: job.name,
			calls: median(counts),
			sequence,
			builtInCalls: flow ? median(builtInCounts) : null,
			builtInSequence,
			note: flow ? (flow.note ?? '') : 'no scheduler operations in the built-in node',
		});
	}
	return rows;
}
