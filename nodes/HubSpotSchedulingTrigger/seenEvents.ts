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
	/** Gives the admitted events back when handing them over failed, so HubSpot's retry gets them. */
	release(): void;
}

/**
 * HubSpot sends up to 10 deliveries at once, and n8n saves a workflow's static data whole, the last
 * writer winning: two deliveries running together read the same memory, and one's keys would be
 * lost. So admitted keys are also held in this process, per trigger, claimed before the delivery's
 * first await, and merged into what is saved. (Other webhook processes do not share this: they see
 * a key once a save holding it is in the database; README "Running in queue mode".)
 */
const admittedInProcess = new Map<string, TriggerClaims>();

interface TriggerClaims {
	/** Key → when it was admitted, oldest first. */
	claims: Map<string, number>;
	lastUsedMs: number;
}

/**
 * Triggers whose claims one process holds at once; a workflow deleted or moved to another process
 * never comes back to clear its own, so the least recently used trigger is dropped first.
 */
export const MAX_TRIGGERS_IN_PROCESS = 1_000;
/** Claims held over all triggers together; beyond it the least recently used triggers' claims go. */
export const MAX_CLAIMS_IN_PROCESS = 100_000;

/** `scope` names one trigger node of one workflow, e.g. "workflowId:nodeId:mode". */
export function admitNewEvents(
	stored: unknown,
	events: ContactCreatedEvent[],
	nowMs: number,
	scope: string,
): Admission {
	const claimed = claimsOf(scope, nowMs);
	const keyed = events
		.filter((event) => nowMs - event.occurredAtMs < MAX_EVENT_AGE_MS)
		.map((event) => ({ event, keys: [eventKey(event), contactKey(event)] }));
	const { fresh, state } = admitEvents(
		{ entries: [...storedEntries(stored), ...claimed.entries()] },
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
	for (const key of fresh) claimed.set(key, nowMs);
	return {
		events: admitted,
		state: { entries: state.entries },
		release: () => fresh.forEach((key) => claimed.delete(key)),
	};
}

/** The keys this process admitted for the trigger within the memory's age, bounded like static data. */
function claimsOf(scope: string, nowMs: number): Map<string, number> {
	const held = admittedInProcess.get(scope) ?? { claims: new Map<string, number>(), lastUsedMs: 0 };
	// Re-inserting keeps the map in order of last use, so the triggers to drop come first.
	admittedInProcess.delete(scope);
	dropStaleTriggers(nowMs, held.claims.size);
	held.lastUsedMs = nowMs;
	admittedInProcess.set(scope, held);
	const claims = held.claims;
	for (const [key, admittedAtMs] of claims) {
		if (nowMs - admittedAtMs < DEDUPE_OPTIONS.ttlMs && claims.size <= DEDUPE_OPTIONS.maxEntries)
			break;
		// Oldest first (insertion order): drop what has aged out, or what is over the bound.
		claims.delete(key);
	}
	return claims;
}

/**
 * Drops, least recently used first, the triggers not heard from within the memory's age (all their
 * claims have aged out) and those over the bounds on triggers and on claims. `keptClaims` counts the
 * trigger being admitted for, which is never dropped.
 */
function dropStaleTriggers(nowMs: number, keptClaims: number): void {
	let claims = keptClaims;
	for (const held of admittedInProcess.values()) claims += held.claims.size;
	for (const [scope, held] of admittedInProcess) {
		const agedOut = nowMs - held.lastUsedMs >= DEDUPE_OPTIONS.ttlMs;
		const overBound =
			admittedInProcess.size >= MAX_TRIGGERS_IN_PROCESS || claims > MAX_CLAIMS_IN_PROCESS;
		if (!agedOut && !overBound) break;
		admittedInProcess.delete(scope);
		claims -= held.claims.size;
	}
}

/** What this process holds for the triggers' dedupe (for tests and benchmarks). */
export function processMemorySize(): { triggers: number; claims: number } {
	let claims = 0;
	for (const held of admittedInProcess.values()) claims += held.claims.size;
	return { triggers: admittedInProcess.size, claims };
}

function storedEntries(stored: unknown): SeenEvents['entries'] {
	const entries = asSeenEvents(stored)?.entries;
	// admitEvents drops malformed entries itself.
	return Array.isArray(entries) ? entries : [];
}

function asSeenEvents(stored: unknown): SeenEvents | undefined {
	if (typeof stored !== 'object' || stored === null || !('entries' in stored)) return undefined;
	return stored as SeenEvents;
}
