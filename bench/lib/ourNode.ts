import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { LoggedRequest, Sandbox } from '../../sandbox/server';
import { runNode, TESTED_NODE_NAME } from '../../test/harness/engine';
import type { RunResult } from '../../test/harness/engine';
import { repositoryRoot } from './repository';

export const SERVICE_KEY = 'pat-na1-sandbox-full';

export interface MeasuredRun {
	result: RunResult;
	items: IDataObject[];
	/** HubSpot API calls the sandbox received during the run (OAuth token calls excluded). */
	calls: LoggedRequest[];
}

/** Where the built package lives: the repository after `npm run build`, or BENCH_PACKAGE_DIR. */
export function packageDir(): string {
	return process.env.BENCH_PACKAGE_DIR ?? repositoryRoot();
}

/** The published package (dist/, from `npm run build`) run in n8n-core's WorkflowExecute. */
export async function runScheduling(
	sandbox: Sandbox,
	parameters: INodeParameters,
	input: IDataObject[] = [{}],
): Promise<MeasuredRun> {
	const before = sandbox.requestLog().length;
	const result = await runNode({
		packageDir: packageDir(),
		nodeType: 'hubSpotScheduling',
		parameters: { authentication: 'serviceKey', ...parameters },
		credentials: {
			hubSpotSchedulingServiceKeyApi: { accessToken: SERVICE_KEY, baseUrl: sandbox.url },
		},
		credentialType: 'hubSpotSchedulingServiceKeyApi',
		input,
		continueOnFail: true,
	});
	return {
		result,
		items: (result.outputs[TESTED_NODE_NAME]?.[0] ?? []).map((item) => item.json),
		calls: sandbox
			.requestLog()
			.slice(before)
			.filter((call) => !call.path.startsWith('/oauth/')),
	};
}

/** Fails loudly when a benchmark run did not do its job, so no figure is printed for a broken run. */
export function expectDone(label: string, run: MeasuredRun): MeasuredRun {
	const failed = run.items.filter((item) => item.error !== undefined);
	if (run.result.status !== 'success' || failed.length > 0) {
		const reason = run.result.error?.message ?? String(failed[0]?.error);
		throw new Error(`bench: "${label}" failed: ${reason}`);
	}
	return run;
}
