import { clockWithDeadline } from '../../../nodes/shared/transport/deadlineClock';
import {
	AccountPacer,
	MAX_PACERS,
	PACER_IDLE_MS,
	SEARCH_SPACING_MS,
	pacerCount,
	pacerFor,
} from '../../../nodes/shared/transport/pacing';
import type { Clock } from '../../../nodes/shared/transport/pacing';

function fakeClock(startMs = 0): Clock & { sleeps: number[] } {
	let now = startMs;
	const sleeps: number[] = [];
	return {
		now: () => now,
		random: () => 0.5,
		sleep: async (ms) => {
			sleeps.push(ms);
			now += ms;
		},
		sleeps,
	};
}

describe('AccountPacer', () => {
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

	it('slows calls down when the window is nearly used, and never waits more than 10 s', async () => {
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
