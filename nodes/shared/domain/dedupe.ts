/**
 * HubSpot retries deliveries and may send the same event twice, so the trigger remembers what it
 * has already passed on. The memory lives in workflow static data: JSON only, and bounded in both
 * age and size so it cannot grow without limit.
 */

export interface SeenEvents {
	entries: Array<[key: string, seenAtMs: number]>;
}

export interface DedupeOptions {
	/** How long a key counts as seen; 24 hours, HubSpot's retry horizon, unless given. */
	ttlMs?: number;
	/** The oldest keys are forgotten beyond this many; 5000 unless given. */
	maxEntries?: number;
}

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
const DEFAULT_MAX_ENTRIES = 5000;

/** Pure: returns the keys not seen within the TTL (each once, in input order) and the new state. */
export function admitEvents(
	state: SeenEvents | undefined,
	keys: string[],
	nowMs: number,
	options: DedupeOptions = {},
): { fresh: string[]; state: SeenEvents } {
	const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
	const maxEntries = Math.max(0, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
	const seen = new Map<string, number>();
	for (const entry of validEntries(state)) {
		const [key, seenAtMs] = entry;
		if (nowMs - seenAtMs < ttlMs) seen.set(key, Math.max(seenAtMs, seen.get(key) ?? seenAtMs));
	}
	const fresh: string[] = [];
	for (const key of keys) {
		if (seen.has(key)) continue;
		seen.set(key, nowMs);
		fresh.push(key);
	}
	const entries = [...seen.entries()].sort((a, b) => a[1] - b[1]);
	return { fresh, state: { entries: entries.slice(Math.max(0, entries.length - maxEntries)) } };
}

/** Static data is user-editable JSON; anything that is not a [string, number] pair is dropped. */
function validEntries(state: SeenEvents | undefined): Array<[string, number]> {
	if (!state || !Array.isArray(state.entries)) return [];
	return state.entries.filter(
		(entry): entry is [string, number] =>
			Array.isArray(entry) &&
			typeof entry[0] === 'string' &&
			typeof entry[1] === 'number' &&
			Number.isFinite(entry[1]),
	);
}
