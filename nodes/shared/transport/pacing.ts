/**
 * Keeps requests under HubSpot's limits before they are refused. CRM search allows 5 requests per
 * second per account and answers without rate-limit headers, so searches are spaced out up front.
 * Every other call counts against HubSpot's rolling burst window, which HubSpot reports on each
 * answer (X-HubSpot-RateLimit-Max / -Remaining / -Interval-Milliseconds). That window is the one
 * state that every n8n process using the same token can see: what it reports beyond this process's
 * own calls is other processes' use (queue-mode workers), so the pacer plans around both.
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
/**
 * Searches answer without rate-limit headers, so the only sign of another process searching on the
 * same account is a SECONDLY 429: each one doubles this process's spacing (up to one search per
 * second), and each answered search narrows it again by a step, back to 210 ms.
 */
export const MAX_SEARCH_SPACING_MS = 1_050;
export const SEARCH_SPACING_STEP_MS = 10;
/** HubSpot's burst window: no header can make a call wait longer than that. */
const BURST_WINDOW_MS = 10_000;
/**
 * Share of the window left unused while other processes are seen using it: their calls in flight
 * are in no header yet (two workers at concurrency 10 can have 20 calls on the way at once).
 */
export const SHARED_WINDOW_MARGIN = 0.1;

/**
 * Until HubSpot has reported the window, the smallest burst limit it documents (100 calls per 10 s,
 * Free and Starter private apps) is assumed for this process's own calls.
 */
const FIRST_WINDOW = { max: 100, intervalMs: BURST_WINDOW_MS };

/** One call of this process, from its start until it has left HubSpot's window. */
export interface PacedCall {
	startedAt: number;
	answeredAt?: number;
}

/** What HubSpot last reported about the window, beyond this process's own calls. */
interface WindowReport {
	max: number;
	intervalMs: number;
	/** Calls in the window that were not this process's when the report arrived (a lower bound). */
	others: number;
	at: number;
	/** When the call that brought the report started: an older call's report never replaces a newer one. */
	basedOnStart: number;
}

/**
 * The account's timing, shared by every execution on one credential in this n8n process. It keeps
 * no clock of its own: each caller waits on its own clock, so a webhook's answer deadline applies
 * to the webhook's calls only, never to a later execution that meets the same pacer.
 */
export class AccountPacer {
	private nextSearchAt = 0;
	private searchSpacingMs = SEARCH_SPACING_MS;
	/** This process's calls still in HubSpot's window (and those waiting for their turn), oldest first. */
	private readonly calls: PacedCall[] = [];
	private report?: WindowReport;
	/** The last answer's round trip: how long a call still in flight may take to be counted. */
	private latencyMs = 0;

	async beforeSearch(clock: Clock, signal?: AbortSignal): Promise<void> {
		const now = clock.now();
		const at = Math.max(now, this.nextSearchAt);
		this.nextSearchAt = at + this.searchSpacingMs;
		if (at > now) await clock.sleep(at - now, signal);
	}

	/** Widens the search spacing after a refusal (other processes search too), narrows it after an answer. */
	afterSearch(status: number | undefined): void {
		if (status === 429)
			this.searchSpacingMs = Math.min(MAX_SEARCH_SPACING_MS, this.searchSpacingMs * 2);
		else if (status !== undefined && status < 400)
			this.searchSpacingMs = Math.max(
				SEARCH_SPACING_MS,
				this.searchSpacingMs - SEARCH_SPACING_STEP_MS,
			);
	}

	/** Waits for this call's turn in the window; pass what it returns to afterResponse. */
	async beforeCall(clock: Clock, signal?: AbortSignal): Promise<PacedCall> {
		const now = clock.now();
		const call = this.reserveCall(now);
		if (call.startedAt > now) {
			let waited = false;
			try {
				await clock.sleep(call.startedAt - now, signal);
				waited = true;
			} finally {
				// Cancelled (or past a deadline) while waiting: the call never starts, so its turn is freed.
				if (!waited) this.forget(call);
			}
		}
		return call;
	}

	/**
	 * The earliest moment from `now` (and no later than `latest`) a call may start: after every call
	 * already waiting (first come, first served), and once this process's calls in the window plus
	 * the others HubSpot reported leave room for one more.
	 */
	reserveCall(now: number, latest = now + BURST_WINDOW_MS): PacedCall {
		this.forgetLeft(now);
		const waiting = this.calls[this.calls.length - 1]?.startedAt ?? now;
		let at = Math.min(latest, Math.max(now, waiting));
		while (at < latest && !this.hasRoom(at)) at = Math.min(latest, this.nextChange(at));
		const call = { startedAt: at };
		this.calls.push(call);
		return call;
	}

	/**
	 * Reads HubSpot's report on the window from any answer that carries it, a 429 included. What it
	 * counts beyond this process's own calls is other processes' use of the same token. A refused
	 * call was not counted by HubSpot, so it leaves this process's ledger too.
	 */
	afterResponse(
		headers: Record<string, unknown>,
		nowMs: number,
		call?: PacedCall,
		status?: number,
	): void {
		if (call) {
			call.answeredAt = nowMs;
			this.latencyMs = Math.max(0, nowMs - call.startedAt);
			if (status === 429) this.forget(call);
		}
		const max = numberHeader(headers, 'x-hubspot-ratelimit-max');
		const remaining = numberHeader(headers, 'x-hubspot-ratelimit-remaining');
		const interval = numberHeader(headers, 'x-hubspot-ratelimit-interval-milliseconds');
		if (max === undefined || remaining === undefined || interval === undefined) return;
		if (max <= 0 || interval <= 0) return;
		const basedOnStart = call?.startedAt ?? nowMs;
		if (this.report && basedOnStart < this.report.basedOnStart) return;
		// A header claiming a longer window than HubSpot's would stall the node, so it is capped.
		const intervalMs = Math.min(interval, BURST_WINDOW_MS);
		const used = max - Math.min(max, Math.max(0, remaining));
		// Every own call started by now counts as HubSpot's, so "others" is never this process's own.
		const own = this.calls.filter(
			(mine) => mine.startedAt <= nowMs && this.leavesAt(mine, intervalMs) > basedOnStart,
		).length;
		this.report = { max, intervalMs, others: Math.max(0, used - own), at: nowMs, basedOnStart };
	}

	private hasRoom(at: number): boolean {
		const { max, intervalMs } = this.report ?? FIRST_WINDOW;
		const others = this.othersAt(at);
		// Other processes' calls in flight are in no report yet: a margin leaves room for them.
		const limit = max - (others > 0 ? Math.ceil(max * SHARED_WINDOW_MARGIN) : 0);
		return this.ownInWindow(at, intervalMs) + others < limit;
	}

	/**
	 * The other processes' calls as last reported, until the report is one window old: each of
	 * them leaves at the latest then. (Taking them to leave sooner would let a burst through.)
	 */
	private othersAt(at: number): number {
		const report = this.report;
		return report && at < report.at + report.intervalMs ? report.others : 0;
	}

	/** The next moment a call of this process or the reported others leave the window, after `at`. */
	private nextChange(at: number): number {
		const intervalMs = (this.report ?? FIRST_WINDOW).intervalMs;
		let next = Number.POSITIVE_INFINITY;
		for (const call of this.calls) {
			const leaves = this.leavesAt(call, intervalMs);
			if (leaves > at) next = Math.min(next, leaves);
		}
		if (this.report && this.othersAt(at) > 0)
			next = Math.min(next, this.report.at + this.report.intervalMs);
		return Math.max(at + 1, next);
	}

	/** HubSpot counts a call from when it admits it, at the latest when it answers. */
	private leavesAt(call: PacedCall, intervalMs: number): number {
		return (call.answeredAt ?? call.startedAt + this.latencyMs) + intervalMs;
	}

	private ownInWindow(at: number, intervalMs: number): number {
		let count = 0;
		for (const call of this.calls)
			if (call.startedAt <= at && this.leavesAt(call, intervalMs) > at) count++;
		return count;
	}

	private forgetLeft(now: number): void {
		const intervalMs = (this.report ?? FIRST_WINDOW).intervalMs;
		while (this.calls.length > 0 && this.leavesAt(this.calls[0], intervalMs) <= now)
			this.calls.shift();
		// No call is ever reserved more than one window ahead, so a later start means the clock went
		// back (a system clock step, or callers on different clocks): such entries would make every
		// new call wait for a moment that is not coming, and are dropped.
		for (let index = this.calls.length - 1; index >= 0; index--)
			if (this.calls[index].startedAt > now + BURST_WINDOW_MS) this.calls.splice(index, 1);
	}

	private forget(call: PacedCall): void {
		const index = this.calls.indexOf(call);
		if (index >= 0) this.calls.splice(index, 1);
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
