import type { LoggedRequest } from '../../sandbox/server';

/**
 * An untimed pause between two samples, so each sample measures one operation on its own:
 * - n8n 2.41 evaluates expressions in a pool of one isolated-vm isolate and replaces it after each
 *   execution; an execution that starts right after another waits up to ~30 ms for the new one
 *   (measured with an execution of no node: 2–3 ms with a 60 ms gap, ~30 ms back to back);
 * - the node spaces CRM searches 210 ms apart per credential, across executions (HubSpot allows
 *   five per second).
 */
const ISOLATE_REFILL_MS = 60;
const SEARCH_SPACING_MS = 220;

export async function pauseBetweenSamples(
	calls: Array<Pick<LoggedRequest, 'path'>> = [],
): Promise<void> {
	const searched = calls.some((call) => call.path.endsWith('/search'));
	await new Promise((resolve) =>
		setTimeout(resolve, searched ? SEARCH_SPACING_MS : ISOLATE_REFILL_MS),
	);
}
