import { z } from 'zod';

/**
 * The polling trigger's memory, as pure functions over a plain JSON state kept in static data.
 *
 * Contacts are ordered by (createdate, id). Every contact at or below `floor` counts as handled.
 * Above it, `seen` lists the contacts already emitted, so that re-reading a stretch of time is
 * harmless. Each poll re-reads from `highWater - lag`: HubSpot's search index shows new contacts
 * "after a few moments", so a contact created before the newest one we emitted can still appear
 * late, and is then emitted once. Contacts that share a millisecond are told apart by id.
 */

export interface ContactPosition {
	createdAtMs: number;
	id: string;
}

export interface PollState {
	version: 1;
	floor: ContactPosition;
	highWater: ContactPosition;
	/** [contactId, createdAtMs] of emitted contacts above the floor. */
	seen: Array<[string, number]>;
}

export interface AdvanceOptions {
	lagMs: number;
	/** Bounds static data during huge imports; the floor rises past whatever is forgotten. */
	maxSeen: number;
}

const positionSchema = z.object({ createdAtMs: z.number(), id: z.string() });

const pollStateSchema = z.object({
	version: z.literal(1),
	floor: positionSchema,
	highWater: positionSchema,
	seen: z.array(z.tuple([z.string(), z.number()])),
});

/** Reads what a previous poll stored; anything unreadable counts as "never polled". */
export function readPollState(stored: unknown): PollState | undefined {
	const parsed = pollStateSchema.safeParse(stored);
	return parsed.success ? parsed.data : undefined;
}

/** The first activation starts from now, so it never replays the account's history. */
export function initialPollState(nowMs: number): PollState {
	const start = { createdAtMs: nowMs, id: '' };
	return { version: 1, floor: start, highWater: start, seen: [] };
}

/** The lowest createdate the next search must include. */
export function searchLowerBoundMs(state: PollState, lagMs: number): number {
	return Math.max(state.floor.createdAtMs, state.highWater.createdAtMs - lagMs);
}

export function comparePositions(a: ContactPosition, b: ContactPosition): number {
	if (a.createdAtMs !== b.createdAtMs) return a.createdAtMs - b.createdAtMs;
	return compareIds(a.id, b.id);
}

/** HubSpot ids are decimal strings of varying length: "99" sorts before "100". */
function compareIds(a: string, b: string): number {
	if (a.length !== b.length && /^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length;
	return a < b ? -1 : a > b ? 1 : 0;
}

export interface AdvanceResult<T extends ContactPosition> {
	/** Contacts to emit, oldest first. */
	fresh: T[];
	next: PollState;
}

export function advancePollState<T extends ContactPosition>(
	state: PollState,
	found: T[],
	options: AdvanceOptions,
): AdvanceResult<T> {
	const seen = new Map(state.seen);
	const fresh: T[] = [];
	for (const contact of [...found].sort(comparePositions)) {
		if (comparePositions(contact, state.floor) <= 0 || seen.has(contact.id)) continue;
		seen.set(contact.id, contact.createdAtMs);
		fresh.push(contact);
	}
	const highWater = fresh.reduce<ContactPosition>(
		(highest, contact) =>
			comparePositions(contact, highest) > 0
				? { createdAtMs: contact.createdAtMs, id: contact.id }
				: highest,
		state.highWater,
	);
	const { floor, kept } = forgetBelowWindow(seen, state.floor, highWater, options);
	return {
		fresh,
		next: {
			version: 1,
			floor,
			highWater,
			seen: kept.map(({ id, createdAtMs }) => [id, createdAtMs]),
		},
	};
}

function forgetBelowWindow(
	seen: Map<string, number>,
	previousFloor: ContactPosition,
	highWater: ContactPosition,
	options: AdvanceOptions,
): { floor: ContactPosition; kept: ContactPosition[] } {
	const ordered = [...seen]
		.map(([id, createdAtMs]) => ({ id, createdAtMs }))
		.sort(comparePositions);
	const windowStartMs = highWater.createdAtMs - options.lagMs;
	let firstKept = ordered.findIndex((contact) => contact.createdAtMs >= windowStartMs);
	if (firstKept === -1) firstKept = ordered.length;
	firstKept = Math.max(firstKept, ordered.length - options.maxSeen);
	const forgotten = ordered.slice(0, firstKept);
	const lastForgotten = forgotten[forgotten.length - 1];
	const floor =
		lastForgotten && comparePositions(lastForgotten, previousFloor) > 0
			? lastForgotten
			: previousFloor;
	return { floor, kept: ordered.slice(firstKept) };
}
