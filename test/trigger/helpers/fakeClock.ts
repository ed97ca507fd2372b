import type { Clock } from '../../../nodes/shared/transport/pacing';

/** A clock tests move by hand; sleeping advances it at once and is recorded. */
export class FakeClock implements Clock {
	readonly sleeps: number[] = [];

	constructor(public nowMs: number) {}

	now(): number {
		return this.nowMs;
	}

	async sleep(ms: number): Promise<void> {
		this.sleeps.push(ms);
		this.nowMs += ms;
	}

	random(): number {
		return 0;
	}
}
