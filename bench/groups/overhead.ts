import type { Sandbox } from '../../sandbox/server';
import { HARNESS_START_NODE_TYPE, runWorkflow } from '../../test/harness/engine';
import { builtInContactSearch, runBuiltInFlow } from '../builtin/flows';
import type { HubSpotRedirect } from '../builtin/redirect';
import { repetitions } from '../lib/iterations';
import { expectDone, packageDir, runScheduling } from '../lib/ourNode';
import type { FixtureTimes } from '../lib/scenarios';
import { jobs } from '../lib/scenarios';
import { pauseBetweenSamples } from '../lib/samplePause';
import { median, percentile, round, timed } from '../lib/stats';

/**
 * 3. Time per item with the sandbox at 0 ms: what the node itself costs, beside the built-in
 * HubSpot node's contact search and an execution that runs no node at all, all in the same run.
 */

export interface OverheadRow {
	job: string;
	/** Items per execution; the times are per item. */
	items: number;
	runs: number;
	calls: number;
	medianMs: number;
	p95Ms: number;
}

const BATCH = 50;
/** Untimed runs first, so that samples measure warm code, as in a running n8n. */
const WARM_UP_RUNS = 2;

interface Counted {
	calls: Array<{ path: string }>;
}

const counted = (calls: Array<{ path: string }>): Counted => ({ calls });

export async function measureOverhead(
	sandbox: Sandbox,
	times: FixtureTimes,
	builtIn: { packageDir: string; redirect: HubSpotRedirect },
): Promise<OverheadRow[]> {
	const runs = repetitions(30);
	const rows: OverheadRow[] = [];
	const measure = async (job: string, work: () => Promise<Counted>, items = 1) => {
		const samples: number[] = [];
		let calls = 0;
		for (let run = -WARM_UP_RUNS; run < runs; run++) {
			sandbox.reset();
			const { ms, value } = await timed(work);
			if (run >= 0) samples.push(ms / items);
			calls = value.calls.length;
			await pauseBetweenSamples(value.calls);
		}
		rows.push({
			job,
			items,
			runs,
			calls,
			medianMs: round(median(samples), 2),
			p95Ms: round(percentile(samples, 95), 2),
		});
	};

	await measure('n8n execution with no node (engine baseline)', async () => {
		await runWorkflow({
			packageDir: packageDir(),
			workflow: {
				nodes: [
					{
						id: 'start',
						name: 'Start',
						type: HARNESS_START_NODE_TYPE,
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
				],
				connections: {},
			},
			credentials: {},
		});
		return { calls: [] };
	});
	await measure('Built-in HubSpot node: contact search by email', async () => {
		const run = await runBuiltInFlow(
			builtIn.packageDir,
			builtInContactSearch(['bob.smith@globex.test']),
			builtIn.redirect,
			sandbox,
		);
		return counted(run.calls);
	});
	for (const job of jobs(times)) {
		await measure(job.name, async () =>
			counted(expectDone(job.name, await runScheduling(sandbox, job.parameters)).calls),
		);
	}
	const emails = Array.from({ length: BATCH }, (_, index) =>
		index % 2 === 0 ? 'bob.smith@globex.test' : `nobody${index}@acme.test`,
	);
	await measure(
		`Built-in HubSpot node: contact search by email, ${BATCH} items`,
		async () =>
			counted(
				(
					await runBuiltInFlow(
						builtIn.packageDir,
						builtInContactSearch(emails),
						builtIn.redirect,
						sandbox,
					)
				).calls,
			),
		BATCH,
	);
	await measure(
		`Lookup Contact by email, ${BATCH} items`,
		async () =>
			counted(
				expectDone(
					'lookup batch',
					await runScheduling(
						sandbox,
						{
							operation: 'lookupContact',
							lookupBy: 'email',
							email: '={{ $json.email }}',
							maxMeetings: 0,
						},
						emails.map((email) => ({ email })),
					),
				).calls,
			),
		BATCH,
	);
	return rows;
}
