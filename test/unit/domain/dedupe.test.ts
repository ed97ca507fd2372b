import { admitEvents } from '../../../nodes/shared/domain/dedupe';
import type { SeenEvents } from '../../../nodes/shared/domain/dedupe';

const HOUR = 3_600_000;
const T0 = 1_800_000_000_000;

describe('admitEvents', () => {
	it('admits new keys once, de-duplicating within the call, and records when they were seen', () => {
		const result = admitEvents(undefined, ['a', 'b', 'a', 'c'], T0);
		expect(result).toEqual({
			fresh: ['a', 'b', 'c'],
			state: {
				entries: [
					['a', T0],
					['b', T0],
					['c', T0],
				],
			},
		});
	});

	it('drops keys seen within the TTL and admits them again after it', () => {
		const first = admitEvents(undefined, ['a'], T0).state;
		expect(admitEvents(first, ['a', 'b'], T0 + 23 * HOUR).fresh).toEqual(['b']);
		expect(admitEvents(first, ['a'], T0 + 24 * HOUR - 1).fresh).toEqual([]);
		expect(admitEvents(first, ['a'], T0 + 24 * HOUR).fresh).toEqual(['a']);
	});

	it('keeps the first sighting: a retry does not extend the window', () => {
		const first = admitEvents(undefined, ['a'], T0).state;
		const retried = admitEvents(first, ['a'], T0 + 12 * HOUR).state;
		expect(retried).toEqual({ entries: [['a', T0]] });
	});

	it('evicts expired entries', () => {
		const state: SeenEvents = {
			entries: [
				['old', T0 - 25 * HOUR],
				['recent', T0 - HOUR],
			],
		};
		expect(admitEvents(state, [], T0).state).toEqual({ entries: [['recent', T0 - HOUR]] });
	});

	it('keeps only the newest entries beyond maxEntries', () => {
		const state: SeenEvents = {
			entries: [
				['a', T0 - 3],
				['b', T0 - 2],
				['c', T0 - 1],
			],
		};
		const result = admitEvents(state, ['d', 'e'], T0, { maxEntries: 3 });
		expect(result.fresh).toEqual(['d', 'e']);
		expect(result.state).toEqual({
			entries: [
				['c', T0 - 1],
				['d', T0],
				['e', T0],
			],
		});
		expect(admitEvents(result.state, ['a'], T0 + 1, { maxEntries: 3 }).fresh).toEqual(['a']);
	});

	it('honours a custom TTL', () => {
		const state = admitEvents(undefined, ['a'], T0, { ttlMs: 1000 }).state;
		expect(admitEvents(state, ['a'], T0 + 999, { ttlMs: 1000 }).fresh).toEqual([]);
		expect(admitEvents(state, ['a'], T0 + 1000, { ttlMs: 1000 }).fresh).toEqual(['a']);
	});

	it('does not modify the state it is given', () => {
		const state: SeenEvents = { entries: [['a', T0]] };
		admitEvents(state, ['b'], T0 + 1);
		expect(state).toEqual({ entries: [['a', T0]] });
	});

	it('survives hand-edited or corrupted static data', () => {
		const corrupted = {
			entries: [['a', T0], ['b'], [3, T0], 'c', ['d', 'yesterday'], ['e', Number.NaN]],
		} as unknown as SeenEvents;
		expect(admitEvents(corrupted, ['a', 'b'], T0 + 1)).toEqual({
			fresh: ['b'],
			state: {
				entries: [
					['a', T0],
					['b', T0 + 1],
				],
			},
		});
		expect(admitEvents({} as SeenEvents, ['a'], T0).fresh).toEqual(['a']);
	});

	it('round-trips through JSON, as workflow static data does', () => {
		const state = JSON.parse(JSON.stringify(admitEvents(undefined, ['a'], T0).state)) as SeenEvents;
		expect(admitEvents(state, ['a'], T0 + 1).fresh).toEqual([]);
	});
});
