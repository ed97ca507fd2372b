import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

/**
 * n8n cancels an execution when someone presses Stop, when the workflow's timeout passes, or when
 * the caller that started it goes away. From then on the transport starts no request and stops
 * every wait (pacing, retry back-off, a pause). What it reports depends on what it knows: a request
 * that was on its way when the cancel came may or may not have been applied by HubSpot, because its
 * answer was never read; a request that was not sent was not applied. n8n reads an error whose
 * name contains "Cancelled" as a cancelled execution (WorkflowExecute.processSuccessExecution), so
 * the execution keeps that status rather than "error".
 */
export class CancelledHubSpotCallError extends NodeOperationError {
	/**
	 * True when a write may have been applied although its answer was never read: it was on its way
	 * when the cancel came, or an earlier attempt of it failed in a way that may have applied it.
	 */
	readonly writeMayHaveApplied: boolean;

	constructor(
		node: INode,
		stopped: {
			/** Completes "… to …", e.g. "book the meeting". */
			what: string;
			/** The request had been handed to n8n's HTTP client when the cancel came. */
			inFlight: boolean;
			isWrite: boolean;
			earlierAttemptMayHaveApplied?: boolean;
			itemIndex?: number;
		},
	) {
		const writeMayHaveApplied =
			stopped.isWrite && (stopped.inFlight || stopped.earlierAttemptMayHaveApplied === true);
		super(node, cancelledMessage(stopped.what, stopped.inFlight, writeMayHaveApplied), {
			itemIndex: stopped.itemIndex,
			description: writeMayHaveApplied
				? 'n8n cancelled this execution (it was stopped, it timed out, or its caller went away) while HubSpot was handling this change, so its answer was never read. Nothing else was sent to HubSpot after the cancel. Check the record in HubSpot before doing the same again.'
				: 'n8n cancelled this execution (it was stopped, it timed out, or its caller went away). Nothing was sent to HubSpot after the cancel.',
		});
		this.writeMayHaveApplied = writeMayHaveApplied;
	}
}

function cancelledMessage(what: string, inFlight: boolean, writeMayHaveApplied: boolean): string {
	if (writeMayHaveApplied)
		return `The execution was cancelled before it was known whether HubSpot made the change "${what}": it may or may not have been made.`;
	if (inFlight)
		return `The execution was cancelled while waiting for HubSpot's answer to "${what}"; it only read data, so nothing was changed by it.`;
	return `The execution was cancelled before the request to "${what}" was sent to HubSpot.`;
}

/** Why a wait ended early: the cancel itself, not a failure of the wait. */
export function isCancelled(signal: AbortSignal | undefined): boolean {
	return signal?.aborted === true;
}

/** The cancel signal of an execution, where n8n offers one (execute functions do; hooks and load options do not). */
export function cancelSignalOf(context: object): AbortSignal | undefined {
	const offering = context as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return typeof offering.getExecutionCancelSignal === 'function'
		? offering.getExecutionCancelSignal()
		: undefined;
}
