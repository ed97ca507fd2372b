/**
 * Keeps requests under HubSpot's limits before they are refused: CRM search allows 5 requests per
 * second per account and answers without rate-limit headers, so searches are spaced out up front;
 * other calls slow down when the X-HubSpot-RateLimit-Remaining header says the window is nearly used.
 */

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
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

	async beforeSearch(clock: Clock): Promise<void> {
		const now = clock.now();
		const at = Math.max(now, this.nextSearchAt);
		this.nextSearchAt = at + SEARCH_SPACING_MS;
		if (at > now) await clock.sleep(at - now);
	}

	async beforeCall(clock: Clock): Promise<void> {
		const wait = Math.min(this.nextCallAt - clock.now(), BURST_WINDOW_MS);
		if (wait > 0) await clock.sleep(wait);
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

const pacers = new Map<string, AccountPacer>();

/** One pacer per credential, shared by every execution in this n8n process (least recently used dropped first). */
export function pacerFor(accountKey: string): AccountPacer {
	const pacer = pacers.get(accountKey) ?? new AccountPacer();
	// Re-inserting keeps the map in order of last use, so its first key is the one to drop.
	pacers.delete(accountKey);
	pacers.set(accountKey, pacer);
	if (pacers.size > MAX_PACERS) pacers.delete(pacers.keys().next().value as string);
	return pacer;
}

/** How many pacers this process holds (for tests). */
export function pacerCount(): number {
	return pacers.size;
}
