import {
	advancePollState,
	comparePositions,
	initialPollState,
	readPollState,
	searchLowerBoundMs,
} from '../../nodes/HubSpotSchedulingPollingTrigger/pollCursor';
import type {
	ContactPosition,
	PollState,
} from '../../nodes/HubSpotSchedulingPollingTrigger/pollCursor';

const options = { lagMs: 60_000, maxSeen: 1_000 };
const at = (createdAtMs: number, id: string): ContactPosition => ({ createdAtMs, id });
const ids = (contacts: ContactPosition[]) => contacts.map((contact) => contact.id);

describe('poll cursor', () => {
	it('starts at the activation time and searches from there', () => {
		const state = initialPollState(1_000_000);
		expect(state).toEqual({
			version: 1,
			floor: { createdAtMs: 1_000_000, id: '' },
			highWater: { createdAtMs: 1_000_000, id: '' },
			seen: [],
		});
		expect(searchLowerBoundMs(state, 60_000)).toBe(1_000_000);
	});

	it('ignores contacts created before activation, even when the search returns them', () => {
		const { fresh } = advancePollState(
			initialPollState(1_000_000),
			[at(999_999, '5'), at(1_000_000, '6')],
			options,
		);
		expect(ids(fresh)).toEqual(['6']);
	});

	it('emits contacts oldest first and orders ids numerically within one millisecond', () => {
		const { fresh } = advancePollState(
			initialPollState(0),
			[at(20, '100'), at(10, '7'), at(20, '99'), at(20, '101')],
			options,
		);
		expect(ids(fresh)).toEqual(['7', '99', '100', '101']);
	});

	it('emits each of several contacts created in the same millisecond once across polls', () => {
		const first = advancePollState(initialPollState(0), [at(500, '1'), at(500, '2')], options);
		// The next search starts at or before 500 ms again and now also finds a third contact from that millisecond.
		const second = advancePollState(
			first.next,
			[at(500, '1'), at(500, '2'), at(500, '3')],
			options,
		);
		expect(ids(first.fresh)).toEqual(['1', '2']);
		expect(ids(second.fresh)).toEqual(['3']);
	});

	it('re-reads the lag window and emits a contact that the index showed late', () => {
		const first = advancePollState(
			initialPollState(0),
			[at(100_000, '1'), at(130_000, '3')],
			options,
		);
		expect(searchLowerBoundMs(first.next, options.lagMs)).toBe(70_000);
		// Contact 2 was created at 120 s but only became searchable after contact 3 had been emitted.
		const second = advancePollState(
			first.next,
			[at(100_000, '1'), at(120_000, '2'), at(130_000, '3')],
			options,
		);
		expect(ids(second.fresh)).toEqual(['2']);
		expect(second.next.highWater).toEqual(at(130_000, '3'));
	});

	it('forgets emitted contacts once they fall out of the lag window and raises the floor past them', () => {
		const first = advancePollState(
			initialPollState(0),
			[at(100_000, '1'), at(110_000, '2')],
			options,
		);
		const second = advancePollState(first.next, [at(200_000, '3')], options);
		expect(second.next.seen).toEqual([['3', 200_000]]);
		expect(second.next.floor).toEqual(at(110_000, '2'));
		expect(searchLowerBoundMs(second.next, options.lagMs)).toBe(140_000);
		// Even if an old contact comes back (e.g. a search with a wider window), it stays handled.
		const third = advancePollState(second.next, [at(110_000, '2'), at(200_000, '3')], options);
		expect(third.fresh).toEqual([]);
	});

	it('bounds what it remembers during a burst and never re-emits what it forgot', () => {
		const burst = Array.from({ length: 30 }, (_, index) => at(1_000, String(index + 1)));
		const first = advancePollState(initialPollState(0), burst, { lagMs: 60_000, maxSeen: 10 });
		expect(first.fresh).toHaveLength(30);
		expect(first.next.seen).toHaveLength(10);
		expect(first.next.floor).toEqual(at(1_000, '20'));
		const again = advancePollState(first.next, [...burst, at(1_000, '31')], {
			lagMs: 60_000,
			maxSeen: 10,
		});
		expect(ids(again.fresh)).toEqual(['31']);
	});

	it('survives a restart: the state round-trips through JSON static data', () => {
		const first = advancePollState(initialPollState(0), [at(10, '1'), at(10, '2')], options);
		const restored = readPollState(JSON.parse(JSON.stringify(first.next))) as PollState;
		expect(restored).toEqual(first.next);
		expect(
			advancePollState(restored, [at(10, '1'), at(10, '2'), at(11, '3')], options).fresh,
		).toEqual([at(11, '3')]);
	});

	it('treats unreadable stored state as never polled', () => {
		expect(readPollState(undefined)).toBeUndefined();
		expect(readPollState({ version: 2 })).toBeUndefined();
		expect(readPollState({ version: 1, floor: { createdAtMs: 'x', id: '1' } })).toBeUndefined();
	});

	it('compares positions by time, then by numeric id', () => {
		expect(comparePositions(at(1, '9'), at(2, '1'))).toBeLessThan(0);
		expect(comparePositions(at(1, '9'), at(1, '10'))).toBeLessThan(0);
		expect(comparePositions(at(1, '10'), at(1, '10'))).toBe(0);
	});
});
