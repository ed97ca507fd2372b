/**
 * Keeps requests under HubSpot's limits before they are refused: CRM search allows 5 requests per
 * second per account and answers without rate-limit headers, so searches are spaced out up front;
 * other calls slow down when the X-HubSpot-RateLimit-Remaining header says the window is nearly used.
 */

export interface Clock {
	now(): number;
	/** Rejects with the signal's reason as soon as the signal aborts (the execution was cancelled). */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
	random(): number;
	/** Time left before an answer is due (a webhook's), if there is such a deadline. */
	msUntilDeadline?(): number;
}

/** 5 per second, with a margin so that six starts never land inside one second. */
export const SEARCH_SPACING_MS = 210;
/** HubSpot's burst window: no header can make a call wait longer than that. */
const BURST_WINDOW_MS = 10_000;

/**
 * The account's timing, shared by every execution on one credential in this n8n process. It keeps
 * no clock of its own: each caller waits on its own clock, so a webhook's answer deadline applies
 * to the webhook's calls only, never to a later execution that meets the same pacer.
 */
export class AccountPacer {
	private nextSearchAt = 0;
	private nextCallAt = 0;

	async beforeSearch(clock: Clock, signal?: AbortSignal): Promise<void> {
		const now = clock.now();
		const at = Math.max(now, this.nextSearchAt);
		this.nextSearchAt = at + SEARCH_SPACING_MS;
		if (at > now) await clock.sleep(at - now, signal);
	}

	async beforeCall(clock: Clock, signal?: AbortSignal): Promise<void> {
		const wait = Math.min(this.nextCallAt - clock.now(), BURST_WINDOW_MS);
		if (wait > 0) await clock.sleep(wait, signal);
	}

	/** Spreads the rest of the window evenly once fewer than 10% of its requests remain. */
	afterResponse(headers: Record<string, unknown>, nowMs: number): void {
		const max = numberHeader(headers, 'x-hubspot-ratelimit-max');
		const remaining = numberHeader(headers, 'x-hubspot-ratelimit-remaining');
		const interval = numberHeader(headers, 'x-hubspot-ratelimit-interval-milliseconds');
		if (max === undefined || remaining === undefined || interval === undefined || max <= 0) return;
		if (remaining > max * 0.1) return;
		// A header claiming a longer window than HubSpot's would stall the node, so it is capped.
		const spacing = Math.min(
			remaining <= 0 ? interval : Math.ceil(interval / max),
			BURST_WINDOW_MS,
		);
		this.nextCallAt = Math.max(this.nextCallAt, nowMs + spacing);
	}
}

function numberHeader(headers: Record<string, unknown>, name: string): number | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	const parsed = Number(Array.isArray(value) ? value[0] : value);
	return Number.isFinite(parsed) && String(value ?? '').trim() !== '' ? parsed : undefined;
}

/**
 * Pacers kept at once. A pacer only delays calls for the next few seconds, so dropping the one used
 * longest ago loses nothing that matters, and a process serving many credentials over months does
 * not keep one per credential it ever saw.
 */
export const MAX_PACERS = 500;
/**
 * A pacer not handed out for this long is dropped: no wait it imposes lasts longer than HubSpot's
 * 10-second burst window, so after an hour a new pacer behaves exactly like the old one.
 */
export const PACER_IDLE_MS = 60 * 60_000;

/** In order of last use, oldest first (re-inserting moves a key to the end). */
const pacers = new Map<string, { pacer: AccountPacer; lastUsedMs: number }>();

/**
 * One pacer per credential, shared by every execution in this n8n process. Bounded by count (least
 * recently used dropped first) and by age (idle longer than PACER_IDLE_MS dropped).
 */
export function pacerFor(accountKey: string, nowMs: number): AccountPacer {
	const pacer = pacers.get(accountKey)?.pacer ?? new AccountPacer();
	pacers.delete(accountKey);
	pacers.set(accountKey, { pacer, lastUsedMs: nowMs });
	for (const [key, { lastUsedMs }] of pacers) {
		if (pacers.size <= MAX_PACERS && nowMs - lastUsedMs <= PACER_IDLE_MS) break;
		pacers.delete(key);
	}
	return pacer;
}

/** How many pacers this process holds (for tests). */
export function pacerCount(): number {
	return pacers.size;
}
