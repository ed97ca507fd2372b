import type { IDataObject } from 'n8n-workflow';

import { admitEvents } from '../shared/domain/dedupe';
import type { SeenEvents } from '../shared/domain/dedupe';
import { contactKey, eventKey } from './deliveryEvents';
import type { ContactCreatedEvent } from './deliveryEvents';

/**
 * Two keys per event: its event key catches HubSpot's retries and redeliveries; its contact key
 * catches one creation announced twice (an app subscribed in both the legacy and the generic
 * format). An event starts a flow only when both keys are new.
 */

/**
 * HubSpot retries for up to 24 hours; an hour more covers a late last retry. Two keys per event
 * leave room for 5,000 contacts a day.
 */
const DEDUPE_OPTIONS = { ttlMs: 25 * 60 * 60_000, maxEntries: 10_000 };
/**
 * An event older than the memory could only be recognised by chance: it is a replay (HubSpot stops
 * retrying well before), so it starts nothing rather than a second call to a lead.
 */
const MAX_EVENT_AGE_MS = DEDUPE_OPTIONS.ttlMs;

export interface Admission {
	events: ContactCreatedEvent[];
	/** To store in static data once the events have been handed over. */
	state: IDataObject;
}

export function admitNewEvents(
	stored: unknown,
	events: ContactCreatedEvent[],
	nowMs: number,
): Admission {
	const keyed = events
		.filter((event) => nowMs - event.occurredAtMs < MAX_EVENT_AGE_MS)
		.map((event) => ({ event, keys: [eventKey(event), contactKey(event)] }));
	const { fresh, state } = admitEvents(
		asSeenEvents(stored),
		keyed.flatMap(({ keys }) => keys),
		nowMs,
		DEDUPE_OPTIONS,
	);
	// A key is fresh once per call, so the first event of the delivery that carries it claims it.
	const unclaimed = new Set(fresh);
	const admitted: ContactCreatedEvent[] = [];
	for (const { event, keys } of keyed) {
		const isNew = keys.every((key) => unclaimed.has(key));
		for (const key of keys) unclaimed.delete(key);
		if (isNew) admitted.push(event);
	}
	return { events: admitted, state: { entries: state.entries } };
}

function asSeenEvents(stored: unknown): SeenEvents | undefined {
	if (typeof stored !== 'object' || stored === null || !('entries' in stored)) return undefined;
	// admitEvents drops malformed entries itself.
	return stored as SeenEvents;
}
