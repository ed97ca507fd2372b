import {
	addDays,
	civilDateOf,
	compareDates,
	firstInstantOf,
	isoWeekday,
	resolveWallTime,
	zoneFor,
} from '../../../nodes/shared/domain/wallClock';
import type { IANAZone } from 'luxon';

const HOUR = 3_600_000;
const ny = zoneFor('America/New_York') as IANAZone;
const london = zoneFor('Europe/London') as IANAZone;
const lordHowe = zoneFor('Australia/Lord_Howe') as IANAZone;

describe('resolveWallTime', () => {
	it('maps an ordinary clock time to one instant', () => {
		expect(resolveWallTime(ny, { year: 2026, month: 11, day: 24 }, 14 * HOUR)).toEqual({
			kind: 'unique',
			ms: Date.UTC(2026, 10, 24, 19),
		});
	});

	it('reports both instants of a repeated clock time', () => {
		expect(resolveWallTime(ny, { year: 2026, month: 11, day: 1 }, 1.5 * HOUR)).toEqual({
			kind: 'repeated',
			firstMs: Date.UTC(2026, 10, 1, 5, 30),
			secondMs: Date.UTC(2026, 10, 1, 6, 30),
		});
	});

	it('reports when and by how much the clocks jump over a skipped time', () => {
		expect(resolveWallTime(ny, { year: 2026, month: 3, day: 8 }, 2.5 * HOUR)).toEqual({
			kind: 'skipped',
			transitionMs: Date.UTC(2026, 2, 8, 7),
			skippedMinutes: 60,
		});
		expect(resolveWallTime(london, { year: 2026, month: 3, day: 29 }, HOUR)).toEqual({
			kind: 'skipped',
			transitionMs: Date.UTC(2026, 2, 29, 1),
			skippedMinutes: 60,
		});
	});

	it('handles half-hour daylight saving (Lord Howe Island)', () => {
		// Clocks go from 02:00 (+10:30) to 02:30 (+11:00) on the first Sunday of October.
		expect(resolveWallTime(lordHowe, { year: 2026, month: 10, day: 4 }, 2.25 * HOUR)).toEqual({
			kind: 'skipped',
			transitionMs: Date.UTC(2026, 9, 3, 15, 30),
			skippedMinutes: 30,
		});
	});

	it('treats 24:00 as the next midnight', () => {
		expect(firstInstantOf(ny, { year: 2026, month: 11, day: 24 }, 24 * HOUR)).toBe(
			Date.UTC(2026, 10, 25, 5),
		);
	});
});

describe('calendar helpers', () => {
	it('civilDateOf gives the local date of an instant', () => {
		expect(civilDateOf(Date.UTC(2026, 10, 25, 3, 30), ny)).toEqual({
			year: 2026,
			month: 11,
			day: 24,
		});
		expect(civilDateOf(Date.UTC(2026, 10, 25, 5, 0), ny)).toEqual({
			year: 2026,
			month: 11,
			day: 25,
		});
	});

	it('addDays rolls over months, years and leap days', () => {
		expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({
			year: 2027,
			month: 1,
			day: 1,
		});
		expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({
			year: 2028,
			month: 2,
			day: 29,
		});
		expect(addDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({
			year: 2026,
			month: 2,
			day: 28,
		});
	});

	it('isoWeekday counts Monday as 1 and Sunday as 7', () => {
		expect(isoWeekday({ year: 2026, month: 11, day: 23 })).toBe(1);
		expect(isoWeekday({ year: 2026, month: 11, day: 29 })).toBe(7);
	});

	it('compareDates orders calendar dates', () => {
		expect(
			Math.sign(compareDates({ year: 2026, month: 1, day: 2 }, { year: 2025, month: 12, day: 31 })),
		).toBe(1);
		expect(compareDates({ year: 2026, month: 1, day: 2 }, { year: 2026, month: 1, day: 2 })).toBe(
			0,
		);
	});

	it('zoneFor rejects unknown and empty names', () => {
		expect(zoneFor('')).toBeUndefined();
		expect(zoneFor('Nowhere/Special')).toBeUndefined();
		expect(zoneFor('UTC')?.name).toBe('UTC');
	});
});
