import type { Clock } from '../../nodes/shared/transport/pacing';

/**
 * The one fake time of the test suites. Production code reads the time only from the Clock it is
 * given (the router's client options, a trigger's options), so tests inject this clock there and
 * patch nothing global: not Date.now, not luxon's Settings.now.
 */
export interface TestClockOptions {
	/** The instant the clock starts at. */
	startMs: number;
	/**
	 * `real-time`: moves at real speed from startMs (engine suites, whose sandbox reads the same
	 * clock). `frozen`: moves only by advance() and by sleeps (unit tests that step through time).
	 */
	flow?: 'real-time' | 'frozen';
	/** `skip`: a sleep (a retry backoff, search pacing) jumps the clock at once; `wait`: it really waits. */
	sleeps?: 'skip' | 'wait';
	/** Seeds random() (mulberry32), so the jitter in recorded backoffs is the same on every run. */
	seed?: number;
}

export class TestClock implements Clock {
	/** Every sleep asked for, in order. */
	readonly sleeps: number[] = [];
	private movedMs = 0;
	private seed: number;
	private readonly realStartMs = Date.now();
	private readonly flow: 'real-time' | 'frozen';
	private readonly waits: boolean;
	private readonly startMs: number;

	constructor(options: TestClockOptions) {
		this.startMs = options.startMs;
		this.flow = options.flow ?? 'real-time';
		this.waits = options.sleeps === 'wait';
		this.seed = options.seed ?? 20261201;
	}

	now = (): number =>
		this.startMs + this.movedMs + (this.flow === 'real-time' ? Date.now() - this.realStartMs : 0);

	sleep = async (ms: number): Promise<void> => {
		this.sleeps.push(ms);
		if (this.waits) {
			await new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
			return;
		}
		this.movedMs += Math.max(0, ms);
	};

	random = (): number => {
		this.seed = (this.seed + 0x6d2b79f5) | 0;
		let t = this.seed;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};

	/** Moves the clock forward, as time passing between two polls or deliveries. */
	advance(ms: number): void {
		this.movedMs += ms;
	}

	/** The sleeps recorded since the last call. */
	takeSleeps(): number[] {
		return this.sleeps.splice(0, this.sleeps.length);
	}
}
