import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { loadPackageNodes, runNode, TESTED_NODE_NAME } from '../test/harness/engine';
import { closeEngineRuntime, prepareEngineRuntime } from '../test/harness/runtime';
import { packageDir, SERVICE_KEY } from './lib/ourNode';
import { timed } from './lib/stats';

/**
 * One bulk execution in a process of its own, so that its peak RSS is the node's (and n8n's) alone:
 * the sandbox runs in the parent. Reads {sandboxUrl, parameters, input} as JSON from argv[2] and
 * prints {wallMs, items, failedItems, outputBytes, maxRssKb, retainedBytes} as JSON. Started with
 * --expose-gc, it also reports the heap still in use after the execution (its output still held),
 * minus the heap in use before it: what the items cost beyond a loaded n8n.
 */

interface BulkRequest {
	sandboxUrl: string;
	parameters: INodeParameters;
	input: IDataObject[];
}

async function main(): Promise<void> {
	const request = JSON.parse(process.argv[2] ?? '{}') as BulkRequest;
	await prepareEngineRuntime();
	await loadPackageNodes(packageDir());
	const heapBefore = settledHeap();
	const { ms, value: result } = await timed(
		async () =>
			await runNode({
				packageDir: packageDir(),
				nodeType: 'hubSpotScheduling',
				parameters: { authentication: 'serviceKey', ...request.parameters },
				credentials: {
					hubSpotSchedulingServiceKeyApi: { accessToken: SERVICE_KEY, baseUrl: request.sandboxUrl },
				},
				credentialType: 'hubSpotSchedulingServiceKeyApi',
				input: request.input,
				continueOnFail: true,
			}),
	);
	const items = (result.outputs[TESTED_NODE_NAME]?.[0] ?? []).map((item) => item.json);
	const failed = items.filter((item) => item.error !== undefined);
	const retainedBytes = settledHeap() - heapBefore;
	await closeEngineRuntime();
	const report = {
		wallMs: ms,
		status: result.status,
		items: items.length,
		failedItems: failed.length + (result.status === 'error' ? request.input.length : 0),
		firstError: failed[0]?.error ?? result.error?.message ?? null,
		outputBytes: Buffer.byteLength(JSON.stringify(items)),
		inputBytes: Buffer.byteLength(JSON.stringify(request.input)),
		maxRssKb: process.resourceUsage().maxRSS,
		retainedBytes,
		// Keeps the output alive until after the heap was measured.
		outputItems: items.length,
	};
	process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** Heap in use after full garbage collections; needs --expose-gc. */
function settledHeap(): number {
	const collect = (globalThis as { gc?: () => void }).gc;
	if (!collect) return Number.NaN;
	collect();
	collect();
	return process.memoryUsage().heapUsed;
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
