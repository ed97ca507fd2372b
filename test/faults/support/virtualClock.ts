import { DateTime } from 'luxon';

import type { Clock } from '../../../nodes/shared/transport/pacing';

/**
 * Every fault test runs at the same instant: Tuesday 2026-12-01 08:30 in New York. Time then moves
 * at real speed, except that a sleep (a retry backoff, search pacing) jumps the clock forward at
 * once instead of waiting, and is recorded. The node, n8n and the sandbox all read this one clock,
 * so the sandbox's rate windows and token expiry see the same jumps the node made.
 */
export const SUITE_START = DateTime.fromISO('2026-12-01T08:30:00', { zone: 'America/New_York' });

const realNow = Date.now.bind(Date);

export class VirtualClock implements Clock {
	readonly sleeps: number[] = [];
	private skippedMs = 0;
	private readonly realStartMs = realNow();
	private seed: number;

	constructor(
		private readonly startMs: number = SUITE_START.toMillis(),
		seed = 20261201,
	) {
		this.seed = seed;
	}

	now = (): number => this.startMs + (realNow() - this.realStartMs) + this.skippedMs;

	sleep = async (ms: number): Promise<void> => {
		this.sleeps.push(ms);
		this.skippedMs += Math.max(0, ms);
	};

	/** Seeded (mulberry32), so the jitter in recorded backoffs is the same on every run. */
	random = (): number => {
		this.seed = (this.seed + 0x6d2b79f5) | 0;
		let t = this.seed;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};

	/** The sleeps recorded since the last call. */
	takeSleeps(): number[] {
		return this.sleeps.splice(0, this.sleeps.length);
	}
}

/**
 * Makes Date.now (and with it luxon's DateTime.now, which the node's input checks use) read the
 * virtual clock. Returns the undo.
 */
export function pinDateNow(clock: VirtualClock): () => void {
	const spy = jest.spyOn(Date, 'now').mockImplementation(clock.now);
	return () => spy.mockRestore();
}
