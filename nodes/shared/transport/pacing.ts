/**
 * Keeps requests under HubSpot's limits before they are refused: CRM search allows 5 requests per
 * second per account and answers without rate-limit headers, so searches are spaced out up front;
 * other calls slow down when the X-HubSpot-RateLimit-Remaining header says the window is nearly used.
 */

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
	random(): number;
}

/** 5 per second, with a margin so that six starts never land inside one second. */
export const SEARCH_SPACING_MS = 210;

export class AccountPacer {
	private nextSearchAt = 0;
	private nextCallAt = 0;

	constructor(private readonly clock: Clock) {}

	async beforeSearch(): Promise<void> {
		const now = this.clock.now();
		const at = Math.max(now, this.nextSearchAt);
		this.nextSearchAt = at + SEARCH_SPACING_MS;
		if (at > now) await this.clock.sleep(at - now);
	}

	async beforeCall(): Promise<void> {
		const now = this.clock.now();
		if (this.nextCallAt > now) await this.clock.sleep(this.nextCallAt - now);
	}

	/** Spreads the rest of the window evenly once fewer than 10% of its requests remain. */
	afterResponse(headers: Record<string, unknown>): void {
		const max = numberHeader(headers, 'x-hubspot-ratelimit-max');
		const remaining = numberHeader(headers, 'x-hubspot-ratelimit-remaining');
		const interval = numberHeader(headers, 'x-hubspot-ratelimit-interval-milliseconds');
		if (max === undefined || remaining === undefined || interval === undefined || max <= 0) return;
		if (remaining > max * 0.1) return;
		// HubSpot's burst window is 10 s; a header claiming more would stall the node, so it is capped.
		const spacing = Math.min(remaining <= 0 ? interval : Math.ceil(interval / max), 10_000);
		this.nextCallAt = Math.max(this.nextCallAt, this.clock.now() + spacing);
	}
}

function numberHeader(headers: Record<string, unknown>, name: string): number | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	const parsed = Number(Array.isArray(value) ? value[0] : value);
	return Number.isFinite(parsed) && String(value ?? '').trim() !== '' ? parsed : undefined;
}

const pacers = new Map<string, AccountPacer>();

/** One pacer per credential, shared by every execution in this n8n process. */
export function pacerFor(accountKey: string, clock: Clock): AccountPacer {
	let pacer = pacers.get(accountKey);
	if (!pacer) {
		pacer = new AccountPacer(clock);
		pacers.set(accountKey, pacer);
	}
	return pacer;
}
