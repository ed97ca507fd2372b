import { spawn } from 'node:child_process';
import path from 'node:path';

import { DateTime } from 'luxon';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { LoggedRequest, Sandbox } from '../../sandbox/server';
import { repetitions } from '../lib/iterations';
import { ZONE } from '../lib/scenarios';
import { median, round } from '../lib/stats';

/**
 * 4. Bulk: Lookup Contact for 1,000 callers and Get Slots for 100 items against a sandbox that
 * enforces HubSpot's limits (190 calls per 10 s, 5 searches per second), at 0 ms and 150 ms latency.
 * 6. Memory: each execution runs in its own process, whose peak RSS is reported, at several sizes.
 */

export interface BulkRow {
	job: string;
	items: number;
	latencyMs: number;
	runs: number;
	wallMs: number;
	calls: number;
	searches: number;
	status429: number;
	failedItems: number;
	floorMs: number;
	/** wall / floor; null when the floor is zero. */
	ratio: number | null;
	maxRssMb: number;
	/** Heap still used after the execution (output held), above the heap of a loaded n8n. */
	retainedMb: number;
	outputKb: number;
	firstError: string | null;
}

interface ChildReport {
	wallMs: number;
	failedItems: number;
	firstError: string | null;
	outputBytes: number;
	maxRssKb: number;
	retainedBytes: number;
}

const SEARCHES_PER_SECOND = 5;
const CALLS_PER_TEN_SECONDS = 190;

/**
 * The least time HubSpot's limits allow for these calls: at most 5 searches start in any second and
 * 190 other calls in any 10 s, and calls that depend on earlier answers wait one latency each.
 */
export function floorMs(
	searches: number,
	others: number,
	dependentRounds: number,
	latencyMs: number,
): number {
	const searchFloor = Math.max(0, Math.ceil(searches / SEARCHES_PER_SECOND) - 1) * 1_000;
	const otherFloor = Math.max(0, Math.ceil(others / CALLS_PER_TEN_SECONDS) - 1) * 10_000;
	return searchFloor + otherFloor + dependentRounds * latencyMs;
}

interface BulkJob {
	name: string;
	seed(sandbox: Sandbox, items: number): IDataObject[];
	parameters: INodeParameters;
	/** Rounds of calls that must wait for each other, given the calls made. */
	dependentRounds(calls: LoggedRequest[]): number;
}

/** 90 % of the callers are contacts (stored as "(646) 3xx-xxxx"), asked for as "+1 646-3xx-xxxx"; 10 % are unknown. */
const lookupJob: BulkJob = {
	name: 'Lookup Contact by phone',
	seed: (sandbox, items) =>
		Array.from({ length: items }, (_, index) => {
			const exchange = 300 + Math.floor(index / 100);
			const line = String(index % 100).padStart(4, '0');
			const known = index % 10 !== 9;
			if (known)
				sandbox.createContact({
					firstname: `Caller${index}`,
					lastname: 'Bulk',
					email: `caller${index}@bulk.test`,
					phone: `(646) ${exchange}-${line}`,
				});
			return { phone: `+1 ${known ? '646' : '917'}-${exchange}-${line}` };
		}),
	parameters: {
		operation: 'lookupContact',
		lookupBy: 'phone',
		phone: '={{ $json.phone }}',
		maxMeetings: 3,
	},
	dependentRounds: (calls) =>
		1 +
		(calls.some((call) => call.path.includes('/associations/')) ? 1 : 0) +
		(calls.some((call) => call.path.endsWith('/meetings/batch/read')) ? 1 : 0),
};

/** 100 callers asking for slots on one of the next 14 days each. */
const slotsJob: BulkJob = {
	name: 'Get Slots',
	seed: (_sandbox, items) => {
		const today = DateTime.now().setZone(ZONE).startOf('day');
		return Array.from({ length: items }, (_, index) => ({
			startDate: today.plus({ days: 1 + (index % 14) }).toISODate(),
		}));
	},
	parameters: {
		operation: 'getSlots',
		meetingLink: { __rl: true, mode: 'slug', value: 'alex-demo' },
		timeZone: ZONE,
		duration: 30,
		startDate: '={{ $json.startDate }}',
		daysAhead: 1,
	},
	dependentRounds: (calls) =>
		calls.some((call) => call.path.includes('/availability-page/')) ? 2 : 1,
};

function runChild(
	sandboxUrl: string,
	parameters: INodeParameters,
	input: IDataObject[],
): Promise<ChildReport> {
	return new Promise((resolve, reject) => {
		const script = path.join(__dirname, '..', 'bulkChild.js');
		const child = spawn(
			process.execPath,
			['--expose-gc', script, JSON.stringify({ sandboxUrl, parameters, input })],
			{
				stdio: ['ignore', 'pipe', 'inherit'],
				env: process.env,
			},
		);
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
		child.on('error', reject);
		child.on('exit', (code) => {
			if (code !== 0) reject(new Error(`bench: bulk child exited with ${code}`));
			else resolve(JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as ChildReport);
		});
	});
}

async function measure(
	job: BulkJob,
	items: number,
	latencyMs: number,
	runs: number,
): Promise<BulkRow> {
	const reports: ChildReport[] = [];
	const counts: Array<{ calls: number; searches: number; status429: number; rounds: number }> = [];
	for (let run = 0; run < runs; run++) {
		// A fresh sandbox per run: an empty rate window and no contacts from the last run.
		const sandbox = await startSandbox({ latencyMs });
		try {
			const input = job.seed(sandbox, items);
			sandbox.clearLog();
			reports.push(await runChild(sandbox.url, job.parameters, input));
			const calls = sandbox.requestLog();
			counts.push({
				calls: calls.length,
				searches: calls.filter((call) => call.path.endsWith('/search')).length,
				status429: calls.filter((call) => call.status === 429).length,
				rounds: job.dependentRounds(calls),
			});
		} finally {
			await sandbox.close();
		}
	}
	const calls = median(counts.map((count) => count.calls));
	const searches = median(counts.map((count) => count.searches));
	const floor = floorMs(
		searches,
		calls - searches,
		median(counts.map((count) => count.rounds)),
		latencyMs,
	);
	const wall = median(reports.map((report) => report.wallMs));
	return {
		job: job.name,
		items,
		latencyMs,
		runs,
		wallMs: round(wall),
		calls,
		searches,
		status429: Math.max(...counts.map((count) => count.status429)),
		failedItems: Math.max(...reports.map((report) => report.failedItems)),
		floorMs: floor,
		ratio: floor > 0 ? round(wall / floor, 2) : null,
		maxRssMb: round(median(reports.map((report) => report.maxRssKb)) / 1024),
		retainedMb: round(median(reports.map((report) => report.retainedBytes)) / 1024 ** 2, 2),
		outputKb: round(median(reports.map((report) => report.outputBytes)) / 1024),
		firstError: reports.find((report) => report.firstError)?.firstError ?? null,
	};
}

export async function measureBulk(): Promise<BulkRow[]> {
	const runs = repetitions(3, 1);
	return [
		await measure(lookupJob, 1_000, 0, runs),
		await measure(slotsJob, 100, 0, runs),
		await measure(lookupJob, 1_000, 150, runs),
		await measure(slotsJob, 100, 150, runs),
	];
}

/** Peak RSS at growing sizes (0 ms latency, one run each): growth per item against the item's own size. */
export async function measureMemory(): Promise<BulkRow[]> {
	const rows: BulkRow[] = [];
	for (const items of [1, 250, 500, 1_000]) rows.push(await measure(lookupJob, items, 0, 1));
	for (const items of [1, 25, 50, 100]) rows.push(await measure(slotsJob, items, 0, 1));
	return rows;
}
