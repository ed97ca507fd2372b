import { clockWithDeadline } from '../../../nodes/shared/transport/deadlineClock';
import {
	AccountPacer,
	MAX_PACERS,
	MAX_SEARCH_SPACING_MS,
	PACER_IDLE_MS,
	SEARCH_SPACING_MS,
	SHARED_WINDOW_MARGIN,
	pacerCount,
	pacerFor,
} from '../../../nodes/shared/transport/pacing';
import type { Clock } from '../../../nodes/shared/transport/pacing';
import { HubSpotError } from '../../../sandbox/errors';
import { RateLimiter } from '../../../sandbox/rateLimit';
import type { AccessTokenRecord } from '../../../sandbox/state';
import { TestClock } from '../../harness/testClock';

function fakeClock(startMs = 0): TestClock {
	return new TestClock({ startMs, flow: 'frozen', sleeps: 'skip' });
}

describe('AccountPacer', () => {
	it('does not make a call wait for a moment that is not coming when the clock went back', async () => {
		const pacer = new AccountPacer();
		const before = fakeClock(60_000);
		pacer.afterResponse({}, 60_050, await pacer.beforeCall(before));
		// A system clock step back by a minute (or a caller on another clock).
		const after = fakeClock(0);
		await pacer.beforeCall(after);
		expect(after.sleeps).toEqual([]);
	});

	it('spaces searches on one account 210 ms apart, across callers', async () => {
		const pacer = new AccountPacer();
		const first = fakeClock(1_000);
		const second = fakeClock(1_000);
		await pacer.beforeSearch(first);
		await pacer.beforeSearch(second);
		await pacer.beforeSearch(second);
		expect(first.sleeps).toEqual([]);
		expect(second.sleeps).toEqual([SEARCH_SPACING_MS, SEARCH_SPACING_MS]);
	});

	it("makes each caller wait on its own clock, so a webhook's answer deadline never reaches a later execution", async () => {
		const pacer = new AccountPacer();
		// The trigger met the pacer first, with a clock that may not wait past 100 ms.
		await pacer.beforeSearch(clockWithDeadline(fakeClock(0), 100, 'the webhook deadline'));
		const execution = fakeClock(0);
		await expect(pacer.beforeSearch(execution)).resolves.toBeUndefined();
		expect(execution.sleeps).toEqual([SEARCH_SPACING_MS]);
	});

	it('widens its search spacing after a SECONDLY 429 (another process searches too), and narrows it back after answers', async () => {
		const pacer = new AccountPacer();
		const clock = fakeClock(0);
		await pacer.beforeSearch(clock);
		pacer.afterSearch(429);
		pacer.afterSearch(429);
		await pacer.beforeSearch(clock);
		await pacer.beforeSearch(clock);
		expect(clock.sleeps).toEqual([SEARCH_SPACING_MS, 4 * SEARCH_SPACING_MS]);
		for (let index = 0; index < 10; index++) pacer.afterSearch(429);
		await pacer.beforeSearch(clock);
		expect(clock.sleeps[2]).toBe(4 * SEARCH_SPACING_MS);
		await pacer.beforeSearch(clock);
		expect(clock.sleeps[3]).toBe(MAX_SEARCH_SPACING_MS);
		for (let index = 0; index < 200; index++) pacer.afterSearch(200);
		await pacer.beforeSearch(clock);
		await pacer.beforeSearch(clock);
		// The search already spaced at the widest goes first; the next one is back to 210 ms.
		expect(clock.sleeps.slice(4)).toEqual([MAX_SEARCH_SPACING_MS, SEARCH_SPACING_MS]);
	});

	it('keeps two processes searching on one account under 5 per second after their first refusals', async () => {
		const time = new SimulatedTime();
		const searches: number[] = [];
		let refused = 0;
		const searcher = async (pacer: AccountPacer, count: number) => {
			for (let done = 0; done < count; ) {
				await pacer.beforeSearch(time);
				const at = time.now();
				const inLastSecond = searches.filter((start) => start > at - 1_000).length;
				const status = inLastSecond >= 5 ? 429 : 200;
				if (status === 200) searches.push(at);
				else refused++;
				await time.sleep(150);
				pacer.afterSearch(status);
				if (status === 200) done++;
			}
		};
		const [first, second] = [new AccountPacer(), new AccountPacer()];
		await time.runUntilSettled(
			Promise.all([
				...Array.from({ length: 5 }, () => searcher(first, 20)),
				...Array.from({ length: 5 }, () => searcher(second, 20)),
			]),
		);
		expect(searches).toHaveLength(200);
		// Each refusal halves a process's pace; answers speed it up by small steps, so refusals stay rare.
		expect(refused).toBeLessThan(20);
	});

	it('never waits more than 10 s, whatever window a header claims', async () => {
		const pacer = new AccountPacer();
		const clock = fakeClock(0);
		pacer.afterResponse(
			{
				'x-hubspot-ratelimit-max': '190',
				'x-hubspot-ratelimit-remaining': '0',
				'x-hubspot-ratelimit-interval-milliseconds': '3600000',
			},
			clock.now(),
		);
		await pacer.beforeCall(clock);
		expect(clock.sleeps).toEqual([10_000]);
	});
});

const WINDOW = { max: 190, intervalMs: 10_000 };

/** The headers HubSpot sends with an answer when `remaining` calls are left in the window. */
function report(remaining: number, max = WINDOW.max): Record<string, string> {
	return {
		'x-hubspot-ratelimit-max': String(max),
		'x-hubspot-ratelimit-remaining': String(remaining),
		'x-hubspot-ratelimit-interval-milliseconds': String(WINDOW.intervalMs),
	};
}

describe('AccountPacer and the burst window HubSpot reports', () => {
	it('lets a single process use the whole window, and the next call waits until its first call has left it', () => {
		const pacer = new AccountPacer();
		const first = pacer.reserveCall(0);
		pacer.afterResponse(report(189), 150, first, 200);
		for (let index = 1; index < 190; index++) {
			const call = pacer.reserveCall(200);
			expect(call.startedAt).toBe(200);
			pacer.afterResponse(report(189 - index), 350, call, 200);
		}
		// HubSpot counts the first call until one window after it answered, at the latest.
		expect(pacer.reserveCall(400).startedAt).toBe(150 + WINDOW.intervalMs);
	});

	it("assumes HubSpot's smallest documented window (100 per 10 s) until it has reported one", () => {
		const pacer = new AccountPacer();
		for (let index = 0; index < 100; index++) expect(pacer.reserveCall(0).startedAt).toBe(0);
		expect(pacer.reserveCall(0).startedAt).toBeGreaterThan(0);
	});

	it("counts what the window holds beyond its own calls as other processes' use, and keeps a margin for their calls in flight", () => {
		const pacer = new AccountPacer();
		const mine = pacer.reserveCall(0);
		// Another worker on the same token has used 100 calls: HubSpot says 89 are left after ours.
		pacer.afterResponse(report(89), 150, mine, 200);
		const margin = Math.ceil(WINDOW.max * SHARED_WINDOW_MARGIN);
		const room = WINDOW.max - margin - 100 - 1;
		for (let index = 0; index < room; index++) expect(pacer.reserveCall(200).startedAt).toBe(200);
		// The next call waits until this process's first call has left the window (the others' report is as old).
		expect(pacer.reserveCall(200).startedAt).toBe(150 + WINDOW.intervalMs);
	});

	it('takes a 429 as a full window: the refused call is not counted, and the retry waits for room', () => {
		const pacer = new AccountPacer();
		const refused = pacer.reserveCall(1_000);
		pacer.afterResponse(report(0), 1_150, refused, 429);
		const retry = pacer.reserveCall(1_200);
		expect(retry.startedAt).toBe(1_150 + WINDOW.intervalMs);
	});

	it('lets a report from an older call never replace a newer one', () => {
		const pacer = new AccountPacer();
		const older = pacer.reserveCall(0);
		const newer = pacer.reserveCall(10);
		// The newer call's answer arrives first and says the window is nearly empty.
		pacer.afterResponse(report(188), 160, newer, 200);
		pacer.afterResponse(report(0), 170, older, 200);
		expect(pacer.reserveCall(200).startedAt).toBe(200);
	});

	it('ignores answers without the headers (CRM search sends none) and headers that are not numbers', () => {
		const pacer = new AccountPacer();
		const call = pacer.reserveCall(0);
		pacer.afterResponse({}, 150, call, 200);
		pacer.afterResponse({ ...report(0), 'x-hubspot-ratelimit-remaining': 'abc' }, 150);
		pacer.afterResponse({ ...report(0), 'x-hubspot-ratelimit-max': '0' }, 150);
		expect(pacer.reserveCall(200).startedAt).toBe(200);
	});

	it('keeps two processes sharing one token under the window together, where each pacing alone would not', async () => {
		const time = new SimulatedTime();
		const hubspot = new SandboxWindow(time);
		const processes = [new AccountPacer(), new AccountPacer()];
		// Two queue-mode workers at concurrency 10, each execution making 40 calls one after another.
		const executions = processes.flatMap((pacer) =>
			Array.from({ length: 10 }, () => runExecution(pacer, hubspot, time, 40)),
		);
		await time.runUntilSettled(Promise.all(executions));
		expect(hubspot.admitted).toBe(800);
		expect(hubspot.refused).toBe(0);
		// Near HubSpot's floor: 800 calls need at least four full windows after the first.
		expect(time.now()).toBeLessThan(1.2 * (4 * WINDOW.intervalMs + 150));
	});
});

/**
 * HubSpot's rolling window in virtual time: the sandbox's own limiter (sandbox/rateLimit.ts, the one
 * model of HubSpot's limits) for one service key, on the test's clock instead of a server's.
 */
class SandboxWindow {
	admitted = 0;
	refused = 0;
	private readonly limiter: RateLimiter;
	private readonly serviceKey: AccessTokenRecord = {
		token: 'pat-na1-sandbox-full',
		kind: 'service-key',
		scopes: [],
		hubId: 62515,
		userId: '1100001',
		issuedAt: 0,
		expiresAt: null,
	};

	constructor(time: Clock) {
		this.limiter = new RateLimiter(
			() => time.now(),
			() => ({
				tenSecondlyMax: WINDOW.max,
				oauthTenSecondlyMax: 110,
				searchPerSecond: 5,
				dailyMax: null,
			}),
			() => ({ portalId: 62515, appId: 54321, timeZone: 'America/New_York' }),
		);
	}

	/** Admits a call (200) or refuses it (429), with the headers HubSpot sends either way. */
	admit(): { status: number; headers: Record<string, string> } {
		try {
			const headers = this.limiter.admitApiCall(this.serviceKey);
			this.admitted++;
			return { status: 200, headers };
		} catch (error) {
			if (!(error instanceof HubSpotError) || error.httpStatus !== 429) throw error;
			this.refused++;
			return { status: 429, headers: error.headers };
		}
	}
}

/** Virtual time for many callers at once: a sleep resolves when the earliest pending wake-up is due. */
class SimulatedTime implements Clock {
	private time = 0;
	private readonly wakeUps: Array<{ at: number; wake: () => void }> = [];

	now = (): number => this.time;
	random = (): number => 0.5;
	sleep = async (ms: number): Promise<void> =>
		await new Promise<void>((wake) => this.wakeUps.push({ at: this.time + Math.max(0, ms), wake }));

	async runUntilSettled(work: Promise<unknown>): Promise<void> {
		let settled = false;
		void work.finally(() => (settled = true));
		while (!settled) {
			await new Promise((resolve) => setImmediate(resolve));
			if (settled || this.wakeUps.length === 0) continue;
			this.wakeUps.sort((a, b) => a.at - b.at);
			const next = this.wakeUps.shift() as { at: number; wake: () => void };
			this.time = Math.max(this.time, next.at);
			next.wake();
		}
		await work;
	}
}

/** One execution: calls one after another, each answered 150 ms later (admitted half-way). */
async function runExecution(
	pacer: AccountPacer,
	hubspot: SandboxWindow,
	time: SimulatedTime,
	calls: number,
): Promise<void> {
	for (let done = 0; done < calls; ) {
		const call = await pacer.beforeCall(time);
		await time.sleep(75);
		const answer = hubspot.admit();
		await time.sleep(75);
		pacer.afterResponse(answer.headers, time.now(), call, answer.status);
		if (answer.status === 200) done++;
	}
}

describe('pacerFor', () => {
	const NOW = 1_800_000_000_000;

	it('keeps one pacer per credential, and no more than MAX_PACERS in a process', () => {
		const first = pacerFor('credential-0', NOW);
		expect(pacerFor('credential-0', NOW)).toBe(first);
		for (let index = 1; index <= MAX_PACERS + 50; index++) pacerFor(`credential-${index}`, NOW);
		expect(pacerCount()).toBe(MAX_PACERS);
		// The least recently used went first: credential-0 gets a fresh pacer, a recent one is kept.
		expect(pacerFor('credential-0', NOW)).not.toBe(first);
		const recent = pacerFor(`credential-${MAX_PACERS + 50}`, NOW);
		expect(pacerFor(`credential-${MAX_PACERS + 50}`, NOW)).toBe(recent);
	});

	it('drops pacers idle for longer than PACER_IDLE_MS, and keeps those used within it', () => {
		const later = NOW + 10 * PACER_IDLE_MS;
		const idle = pacerFor('idle-credential', later);
		const busy = pacerFor('busy-credential', later + PACER_IDLE_MS / 2);
		// Any credential's next call prunes: the idle one has aged out, the busy one has not.
		pacerFor('another-credential', later + PACER_IDLE_MS + 1);
		expect(pacerFor('busy-credential', later + PACER_IDLE_MS + 1)).toBe(busy);
		expect(pacerFor('idle-credential', later + PACER_IDLE_MS + 1)).not.toBe(idle);
		// Everything handed out before `later` (the first test's pacers) is gone too.
		expect(pacerCount()).toBe(3);
	});
});
