import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startSandbox } from '../sandbox/server';
import { closeEngineRuntime } from '../test/harness/runtime';
import { createBuiltInPackage, removeBuiltInPackage } from './builtin/package';
import { HubSpotRedirect } from './builtin/redirect';
import { startV1Shim } from './builtin/v1Shim';
import { measureBulk, measureMemory } from './groups/bulk';
import type { BulkRow } from './groups/bulk';
import { LATENCY_MS, measureLatency } from './groups/latency';
import { measureOverhead } from './groups/overhead';
import { measureRoundTrips } from './groups/roundTrips';
import { measureTrigger } from './groups/trigger';
import { fixtureWithoutRateLimits } from './lib/fixtures';
import { SERVICE_KEY } from './lib/ourNode';
import { repositoryRoot } from './lib/repository';
import { readFixtureTimes } from './lib/scenarios';
import { printTable } from './lib/table';

/**
 * `npm run bench`: the six benchmark groups of issue 6. Prints tables and writes every figure to
 * bench/results/<time>.json (and latest.json). Figures are medians over repeated runs; comparisons
 * are measured in the same run. Nothing here asserts a timing.
 */

const log = (message: string) => console.error(`bench: ${message}`);

async function main(): Promise<void> {
	const startedAt = new Date();
	const loadAtStart = os.loadavg();
	const builtInDir = createBuiltInPackage(log);
	const sandbox = await startSandbox({ fixture: fixtureWithoutRateLimits() });
	const shim = await startV1Shim(sandbox, SERVICE_KEY);
	const redirect = new HubSpotRedirect(sandbox.url, shim.url);
	const builtIn = { packageDir: builtInDir, redirect };
	const slowSandbox = await startSandbox({ latencyMs: LATENCY_MS });
	try {
		const times = await readFixtureTimes(sandbox);

		log('1/6 HubSpot calls per operation');
		const roundTrips = await measureRoundTrips(sandbox, times, builtIn);
		printTable(
			'1. HubSpot calls per operation, normal path (median of 3 runs)',
			['Job', 'This node', 'Built-in HubSpot + IF', 'Note'],
			roundTrips.map((row) => [row.job, row.calls, row.builtInCalls ?? '—', row.note]),
		);

		log('2/6 latency with 150 ms per HubSpot request');
		const latency = await measureLatency(slowSandbox, times);
		printTable(
			`2. Latency through n8n's engine, sandbox +${LATENCY_MS} ms per request (ms)`,
			[
				'Job',
				'Runs',
				'Calls',
				'Rounds',
				'p50',
				'p95',
				'Overhead p50 (wall − calls×150)',
				'Overhead p95',
				'Over critical path p50 (wall − rounds×150)',
			],
			latency.map((row) => [
				row.job,
				row.runs,
				row.calls,
				row.rounds,
				row.p50Ms,
				row.p95Ms,
				row.overheadP50Ms,
				row.overheadP95Ms,
				row.overheadOverRoundsP50Ms,
			]),
		);

		log('3/6 node overhead at 0 ms');
		const overhead = await measureOverhead(sandbox, times, builtIn);
		printTable(
			'3. Time per item, sandbox at 0 ms (ms; one execution per sample)',
			['Job', 'Items per execution', 'Runs', 'Calls', 'Median per item', 'p95 per item'],
			overhead.map((row) => [row.job, row.items, row.runs, row.calls, row.medianMs, row.p95Ms]),
		);

		log('4/6 bulk within HubSpot limits');
		const bulk = await measureBulk();
		printBulk('4. Bulk against HubSpot limits (190 per 10 s, 5 searches per second)', bulk);

		log('5/6 trigger: 100-event signed deliveries');
		const trigger = await measureTrigger();
		printTable(
			`5. Trigger: signed delivery of 100 contact creations, sandbox +${LATENCY_MS} ms (ms until HubSpot gets the answer)`,
			[
				'Enrich (1 batch read)',
				'Events',
				'Runs',
				'p50',
				'p95',
				'Max',
				'HubSpot calls per delivery',
			],
			trigger.map((row) => [
				row.enrich ? 'yes' : 'no',
				row.events,
				row.runs,
				row.p50Ms,
				row.p95Ms,
				row.maxMs,
				row.hubspotCallsPerDelivery,
			]),
		);

		log('6/6 memory at growing sizes');
		const memory = await measureMemory();
		printTable(
			'6. Peak RSS of one execution in its own process, 0 ms (MB)',
			[
				'Job',
				'Items',
				'Peak RSS',
				'Heap kept after the run (MB)',
				'Output JSON (KB)',
				'Wall (ms)',
				'Failed items',
			],
			memory.map((row) => [
				row.job,
				row.items,
				row.maxRssMb,
				row.retainedMb,
				row.outputKb,
				row.wallMs,
				row.failedItems,
			]),
		);

		const run = {
			startedAt: startedAt.toISOString(),
			finishedAt: new Date().toISOString(),
			loadAverageAtStart: loadAtStart,
			loadAverageAtEnd: os.loadavg(),
		};
		console.log(`\nMachine: ${JSON.stringify(machine())}\nRun: ${JSON.stringify(run)}`);
		writeResults({ machine: machine(), run, roundTrips, latency, overhead, bulk, trigger, memory });
	} finally {
		redirect.close();
		await shim.close();
		await sandbox.close();
		await slowSandbox.close();
		removeBuiltInPackage(builtInDir);
		await closeEngineRuntime();
	}
}

function printBulk(title: string, rows: BulkRow[]): void {
	printTable(
		title,
		[
			'Job',
			'Items',
			'Latency',
			'Runs',
			'Wall (ms)',
			'Calls',
			'Searches',
			'429s',
			'Failed',
			'Floor (ms)',
			'Wall / floor',
			'Peak RSS (MB)',
			'Heap kept (MB)',
		],
		rows.map((row) => [
			row.job,
			row.items,
			row.latencyMs,
			row.runs,
			row.wallMs,
			row.calls,
			row.searches,
			row.status429,
			row.failedItems,
			row.floorMs,
			row.ratio ?? '—',
			row.maxRssMb,
			row.retainedMb,
		]),
	);
	for (const row of rows.filter((candidate) => candidate.firstError))
		console.log(`  first error (${row.job}, ${row.items}): ${row.firstError}`);
}

function machine() {
	return {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model ?? 'unknown',
		memoryGb: Math.round(os.totalmem() / 1024 ** 3),
		platform: `${os.platform()} ${os.release()}`,
		node: process.version,
		quick: process.env.BENCH_QUICK === '1',
	};
}

function writeResults(results: object): void {
	const directory = path.join(repositoryRoot(), 'bench', 'results');
	mkdirSync(directory, { recursive: true });
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const text = `${JSON.stringify(results, null, 2)}\n`;
	writeFileSync(path.join(directory, `${stamp}.json`), text);
	writeFileSync(path.join(directory, 'latest.json'), text);
	console.log(`\nResults: bench/results/${stamp}.json`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
