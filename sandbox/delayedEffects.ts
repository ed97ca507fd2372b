/**
 * Booking side effects that HubSpot may create a moment after it answers. HubSpot does not document
 * the book call's contact, CRM meeting and association as synchronous, and its answer carries no
 * meeting id, so the sandbox can make them visible `bookingEffectsDelayMs` after the answer (our
 * assumption about how long; 0 = at once). The booked slot is held busy from the answer on, so the
 * time cannot be booked twice while the effects are pending.
 *
 * The delay is real (wall-clock) waiting, like latency and webhook retries; effects that are due are
 * also applied at the start of every API request, so their order never depends on timer timing.
 */

/** A busy interval for one owner while the meeting that will occupy it is not yet created. */
export interface HeldSlot {
	ownerId: string;
	start: number;
	end: number;
}

interface PendingEffect {
	dueAtWallMs: number;
	hold: HeldSlot | null;
	apply: () => void;
}

export class DelayedBookingEffects {
	private pending: PendingEffect[] = [];
	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(private readonly onError: (error: unknown) => void) {}

	/** Runs `apply` now when the delay is 0, else after it; `hold` is busy until then. */
	schedule(delayMs: number, hold: HeldSlot | null, apply: () => void): void {
		if (delayMs <= 0) {
			apply();
			return;
		}
		this.pending.push({ dueAtWallMs: Date.now() + delayMs, hold, apply });
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			this.applyDue();
		}, delayMs);
		timer.unref();
		this.timers.add(timer);
	}

	applyDue(): void {
		const now = Date.now();
		const due = this.pending.filter((effect) => effect.dueAtWallMs <= now);
		if (due.length === 0) return;
		this.pending = this.pending.filter((effect) => effect.dueAtWallMs > now);
		for (const effect of due) {
			try {
				effect.apply();
			} catch (error) {
				this.onError(error);
			}
		}
	}

	/** Slots booked whose meeting is not created yet. */
	heldSlots(): HeldSlot[] {
		return this.pending.flatMap((effect) => (effect.hold ? [effect.hold] : []));
	}

	pendingCount(): number {
		return this.pending.length;
	}

	/** Forgets what is pending (reset, close). */
	clear(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.pending = [];
	}
}
