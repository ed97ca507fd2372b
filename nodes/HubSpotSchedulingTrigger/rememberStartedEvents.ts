import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { systemClock } from '../shared/transport/client';
import type { Clock } from '../shared/transport/pacing';
import { contactKey, eventKey } from './deliveryEvents';
import { rememberKeys } from './seenEvents';

/**
 * The first step of every execution the trigger starts: it passes the items on unchanged and writes
 * their event keys into the trigger's static data, so that n8n saves them.
 *
 * Why here and not only in the webhook: n8n 2.41.1 does not save what a webhook writes to static
 * data when the delivery starts an execution. `WorkflowRunner.run` wraps the same static-data object
 * in a new Workflow (`establishContextForPersistence`), which resets its change flag before the
 * webhook handler's save, so that save is skipped (regular mode and queue mode alike). The
 * execution, though, runs on static data read from the database and saves it at its end when a node
 * changed it (regular mode). Without this step the memory of admitted events lived only in the
 * webhook process and was gone after a restart. In queue mode the worker's execution has no static
 * data to add to (see below), so this step writes nothing there.
 */
export function rememberStartedEvents(
	this: IExecuteFunctions,
	clock: Pick<Clock, 'now'> = systemClock,
): INodeExecutionData[][] {
	const items = this.getInputData();
	// Manual executions never save static data, and "Listen for test event" keeps its own memory.
	if (this.getMode() === 'manual') return [items];
	const keys = items.flatMap((item) => keysOfStartedItem(item.json));
	if (keys.length === 0) return [items];
	const staticData = this.getWorkflowStaticData('node');
	// A queue-mode worker runs the execution without the workflow's static data (n8n 2.41.1 stores
	// the execution's workflow without it), and would save only these keys over everything the
	// workflow keeps. Empty here means "not loaded": write nothing rather than erase.
	if (Object.keys(staticData).length === 0) return [items];
	// Assigned, not mutated, so n8n notices the change and saves it.
	staticData.seenEvents = rememberKeys(staticData.seenEvents, keys, clock.now());
	return [items];
}

/** The same two keys the webhook admitted the event under (seenEvents.ts), from its item. */
function keysOfStartedItem(json: IDataObject): string[] {
	const eventId = idOf(json.eventId);
	const contactId = idOf(json.contactId);
	if (eventId === undefined || contactId === undefined) return [];
	const event = {
		eventId,
		contactId,
		portalId: idOf(json.portalId),
		subscriptionId: idOf(json.subscriptionId),
	};
	return [eventKey(event), contactKey(event)];
}

function idOf(value: unknown): string | undefined {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}
