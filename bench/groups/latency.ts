import type { LoggedRequest, Sandbox } from '../../sandbox/server';
import { repetitions } from '../lib/iterations';
import { expectDone, runScheduling } from '../lib/ourNode';
import { pauseBetweenSamples } from '../lib/samplePause';
import type { FixtureTimes } from '../lib/scenarios';
import { jobs } from '../lib/scenarios';
import { median, percentile, round, timed } from '../lib/stats';

/**
 * 2. Each operation through n8n's engine against a sandbox that adds 150 ms to every request.
 * Overhead is the wall time above calls × 150 ms, as the issue defines it; because some calls run
 * in parallel, the critical path (rounds of calls that must wait for each other) is shown too.
 */

export const LATENCY_MS = 150;
/** Untimed runs first, so that samples measure warm code, as in a running n8n. */
const WARM_UP_RUNS = 2;

export interface LatencyRow {
	job: string;
	runs: number;
	calls: number;
	rounds: number;
	p50Ms: number;
	p95Ms: number;
	overheadP50Ms: number;
	overheadP95Ms: number;
	overheadOverRoundsP50Ms: number;
}

/** Calls that arrive within 100 ms of a round's first call travelled together. */
export function roundsOf(calls: LoggedRequest[]): number {
	let rounds = 0;
	let roundStart = Number.NEGATIVE_INFINITY;
	for (const at of calls.map((call) => call.at).sort((a, b) => a - b)) {
		if (at - roundStart >= 100) {
			rounds++;
			roundStart = at;
		}
	}
	return rounds;
}

export async function measureLatency(sandbox: Sandbox, times: FixtureTimes): Promise<LatencyRow[]> {
	const rows: LatencyRow[] = [];
	const runs = repetitions(20);
	for (const job of jobs(times)) {
		const walls: number[] = [];
		const overheads: number[] = [];
		const overRounds: number[] = [];
		const callCounts: number[] = [];
		const roundCounts: number[] = [];
		for (let run = -WARM_UP_RUNS; run < runs; run++) {
			sandbox.reset();
			const { ms, value } = await timed(async () => await runScheduling(sandbox, job.parameters));
			const measured = expectDone(job.name, value);
			await pauseBetweenSamples(measured.calls);
			if (run < 0) continue;
			const rounds = roundsOf(measured.calls);
			walls.push(ms);
			callCounts.push(measured.calls.length);
			roundCounts.push(rounds);
			overheads.push(ms - measured.calls.length * LATENCY_MS);
			overRounds.push(ms - rounds * LATENCY_MS);
		}
		rows.push({
			job: job.name,
			runs,
			calls: median(callCounts),
			rounds: median(roundCounts),
			p50Ms: round(median(walls)),
			p95Ms: round(percentile(walls, 95)),
			overheadP50Ms: round(median(overheads)),
			overheadP95Ms: round(percentile(overheads, 95)),
			overheadOverRoundsP50Ms: round(median(overRounds)),
		});
	}
	return rows;
}
