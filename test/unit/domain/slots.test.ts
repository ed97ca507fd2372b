import { DateTime } from 'luxon';

import {
	computeFreeSlots,
	incrementMinutesFromSetting,
	mergeIntervals,
} from '../../../nodes/shared/domain/slots';
import type { SlotRequest, WeeklyHours } from '../../../nodes/shared/domain/slots';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Local wall time in a zone, e.g. at('2026-11-24T09:00') → epoch ms. */
const at = (local: string, zone = NY) => DateTime.fromISO(local, { zone }).toMillis();
const label = (ms: number, zone: string) =>
	DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm ZZ');
const window = (start: string, end: string) => ({ start: minutes(start), end: minutes(end) });
function minutes(clock: string): number {
	const [hours, mins] = clock.split(':').map(Number);
	return hours * 60 + mins;
}

function request(overrides: Partial<SlotRequest>): SlotRequest {
	return {
		rangeStartMs: at('2026-11-24T00:00'),
		rangeEndMs: at('2026-11-25T00:00'),
		zone: NY,
		weeklyHours: { MON_FRI: [window('09:00', '12:00')] },
		durationMs: 30 * MINUTE,
		bufferMs: 0,
		incrementMinutes: 30,
		minimumNoticeMs: 0,
		nowMs: at('2026-01-01T00:00'),
		busy: [],
		...overrides,
	};
}

/** Slot starts as local clock times; every slot is also checked to last exactly the duration. */
function starts(overrides: Partial<SlotRequest>, format: 'time' | 'full' = 'time'): string[] {
	const req = request(overrides);
	const slots = computeFreeSlots(req);
	for (const slot of slots) expect(slot.endMs - slot.startMs).toBe(req.durationMs);
	return slots.map((slot) =>
		format === 'time'
			? DateTime.fromMillis(slot.startMs, { zone: req.zone }).toFormat('HH:mm')
			: label(slot.startMs, req.zone),
	);
}

describe('computeFreeSlots on an ordinary day', () => {
	it('steps through the window and skips a busy interval', () => {
		const busy = [{ startMs: at('2026-11-24T10:00'), endMs: at('2026-11-24T10:30') }];
		expect(starts({ busy })).toEqual(['09:00', '09:30', '10:30', '11:00', '11:30']);
	});

	it('keeps the buffer free before and after each busy interval', () => {
		const busy = [{ startMs: at('2026-11-24T10:00'), endMs: at('2026-11-24T10:30') }];
		expect(starts({ busy, bufferMs: 15 * MINUTE, incrementMinutes: 15 })).toEqual([
			'09:00',
			'09:15',
			'10:45',
			'11:00',
			'11:15',
			'11:30',
		]);
	});

	it('returns overlapping slots when the increment is shorter than the duration', () => {
		expect(
			starts({ weeklyHours: { TUESDAY: [window('09:00', '10:00')] }, incrementMinutes: 15 }),
		).toEqual(['09:00', '09:15', '09:30']);
	});

	it('leaves gaps when the increment is longer than the duration', () => {
		expect(
			starts({ weeklyHours: { TUESDAY: [window('09:00', '11:00')] }, incrementMinutes: 45 }),
		).toEqual(['09:00', '09:45', '10:30']);
	});

	it('counts the increment from the start of each window, also after a busy interval', () => {
		const hours = { TUESDAY: [window('09:10', '10:00')] };
		expect(starts({ weeklyHours: hours, durationMs: 15 * MINUTE, incrementMinutes: 15 })).toEqual([
			'09:10',
			'09:25',
			'09:40',
		]);
		const busy = [{ startMs: at('2026-11-24T09:20'), endMs: at('2026-11-24T09:30') }];
		expect(
			starts({ weeklyHours: hours, durationMs: 15 * MINUTE, incrementMinutes: 15, busy }),
		).toEqual(['09:40']);
	});

	it('accepts unsorted and overlapping busy intervals', () => {
		const busy = [
			{ startMs: at('2026-11-24T10:30'), endMs: at('2026-11-24T11:00') },
			{ startMs: at('2026-11-24T09:00'), endMs: at('2026-11-24T09:45') },
			{ startMs: at('2026-11-24T09:30'), endMs: at('2026-11-24T10:00') },
		];
		expect(starts({ busy })).toEqual(['10:00', '11:00', '11:30']);
	});

	it('applies the minimum notice from now', () => {
		expect(starts({ nowMs: at('2026-11-24T09:05'), minimumNoticeMs: HOUR })).toEqual([
			'10:30',
			'11:00',
			'11:30',
		]);
	});

	it('only returns slots starting inside the range', () => {
		expect(
			starts({ rangeStartMs: at('2026-11-24T10:10'), rangeEndMs: at('2026-11-24T11:30') }),
		).toEqual(['10:30', '11:00']);
	});

	it('merges windows given for the same day under several keys', () => {
		const weeklyHours: WeeklyHours = {
			MON_FRI: [window('09:00', '12:00')],
			TUESDAY: [window('11:00', '14:00')],
		};
		expect(starts({ weeklyHours, durationMs: HOUR, incrementMinutes: 60 })).toEqual([
			'09:00',
			'10:00',
			'11:00',
			'12:00',
			'13:00',
		]);
	});

	it('ignores unknown keys, inverted windows, and reads keys case-insensitively', () => {
		const weeklyHours: WeeklyHours = {
			HOLIDAY: [window('09:00', '12:00')],
			tuesday: [window('15:00', '16:00'), window('12:00', '11:00')],
		};
		expect(starts({ weeklyHours })).toEqual(['15:00', '15:30']);
	});
});

describe('computeFreeSlots across days', () => {
	it('follows weekdays and weekends', () => {
		const weeklyHours: WeeklyHours = {
			MON_FRI: [window('09:00', '17:00')],
			SATURDAY: [window('10:00', '12:00')],
		};
		const result = starts(
			{
				weeklyHours,
				durationMs: HOUR,
				incrementMinutes: 60,
				rangeStartMs: at('2026-11-27T00:00'),
				rangeEndMs: at('2026-11-30T10:00'),
			},
			'full',
		);
		expect(result).toEqual([
			...[9, 10, 11, 12, 13, 14, 15, 16].map(
				(hour) => `2026-11-27 ${String(hour).padStart(2, '0')}:00 -05:00`,
			),
			'2026-11-28 10:00 -05:00',
			'2026-11-28 11:00 -05:00',
			'2026-11-30 09:00 -05:00',
		]);
	});

	it('blocks a busy interval that spans midnight on both days', () => {
		const weeklyHours: WeeklyHours = {
			EVERY_DAY: [window('08:00', '10:00'), window('23:00', '24:00')],
		};
		const busy = [{ startMs: at('2026-11-23T23:30'), endMs: at('2026-11-24T08:30') }];
		const result = starts(
			{
				weeklyHours,
				busy,
				rangeStartMs: at('2026-11-23T00:00'),
				rangeEndMs: at('2026-11-25T00:00'),
			},
			'full',
		);
		expect(result).toEqual([
			'2026-11-23 08:00 -05:00',
			'2026-11-23 08:30 -05:00',
			'2026-11-23 09:00 -05:00',
			'2026-11-23 09:30 -05:00',
			'2026-11-23 23:00 -05:00',
			'2026-11-24 08:30 -05:00',
			'2026-11-24 09:00 -05:00',
			'2026-11-24 09:30 -05:00',
			'2026-11-24 23:00 -05:00',
			'2026-11-24 23:30 -05:00',
		]);
	});

	it('keeps 9 AM local on both sides of a daylight-saving change', () => {
		const result = starts(
			{
				weeklyHours: { MON_FRI: [window('09:00', '10:00')] },
				durationMs: HOUR,
				rangeStartMs: at('2026-03-06T00:00'),
				rangeEndMs: at('2026-03-10T00:00'),
			},
			'full',
		);
		expect(result).toEqual(['2026-03-06 09:00 -05:00', '2026-03-09 09:00 -04:00']);
	});

	it('computes a month of 15-minute slots, counting the 25-hour day', () => {
		const slots = computeFreeSlots(
			request({
				weeklyHours: { EVERY_DAY: [window('00:00', '24:00')] },
				durationMs: 15 * MINUTE,
				incrementMinutes: 15,
				rangeStartMs: at('2026-11-01T00:00'),
				rangeEndMs: at('2026-12-01T00:00'),
			}),
		);
		expect(slots).toHaveLength((30 * 24 + 1) * 4);
		expect(slots[slots.length - 1]).toEqual({
			startMs: at('2026-11-30T23:45'),
			endMs: at('2026-12-01T00:00'),
		});
	});
});

describe('computeFreeSlots on daylight-saving days', () => {
	const allDay = { EVERY_DAY: [window('00:00', '24:00')] };
	const hourly = { durationMs: HOUR, incrementMinutes: 60 };

	it('New York spring forward: a 23-hour day has 23 hourly slots and no 2 AM', () => {
		const result = starts(
			{
				...hourly,
				weeklyHours: allDay,
				rangeStartMs: at('2026-03-08T00:00'),
				rangeEndMs: at('2026-03-09T00:00'),
			},
			'full',
		);
		expect(result).toHaveLength(23);
		expect(result.slice(0, 4)).toEqual([
			'2026-03-08 00:00 -05:00',
			'2026-03-08 01:00 -05:00',
			'2026-03-08 03:00 -04:00',
			'2026-03-08 04:00 -04:00',
		]);
		expect(result[22]).toBe('2026-03-08 23:00 -04:00');
	});

	it('New York fall back: a 25-hour day has 25 hourly slots, 1 AM twice', () => {
		const result = starts(
			{
				...hourly,
				weeklyHours: allDay,
				rangeStartMs: at('2026-11-01T00:00'),
				rangeEndMs: at('2026-11-02T00:00'),
			},
			'full',
		);
		expect(result).toHaveLength(25);
		expect(result.slice(0, 4)).toEqual([
			'2026-11-01 00:00 -04:00',
			'2026-11-01 01:00 -04:00',
			'2026-11-01 01:00 -05:00',
			'2026-11-01 02:00 -05:00',
		]);
	});

	it('a window over the skipped hour is an hour shorter in real time', () => {
		const result = starts(
			{
				weeklyHours: { SUNDAY: [window('01:00', '04:00')] },
				rangeStartMs: at('2026-03-08T00:00'),
				rangeEndMs: at('2026-03-09T00:00'),
			},
			'full',
		);
		expect(result).toEqual([
			'2026-03-08 01:00 -05:00',
			'2026-03-08 01:30 -05:00',
			'2026-03-08 03:00 -04:00',
			'2026-03-08 03:30 -04:00',
		]);
	});

	it('a window starting inside the skipped hour opens when the clocks jump', () => {
		const result = starts(
			{
				weeklyHours: { SUNDAY: [window('02:30', '04:00')] },
				rangeStartMs: at('2026-03-08T00:00'),
				rangeEndMs: at('2026-03-09T00:00'),
			},
			'full',
		);
		expect(result).toEqual(['2026-03-08 03:00 -04:00', '2026-03-08 03:30 -04:00']);
	});

	it('a window over the repeated hour is an hour longer in real time', () => {
		const result = starts(
			{
				...hourly,
				weeklyHours: { SUNDAY: [window('00:00', '03:00')] },
				rangeStartMs: at('2026-11-01T00:00'),
				rangeEndMs: at('2026-11-02T00:00'),
			},
			'full',
		);
		expect(result).toEqual([
			'2026-11-01 00:00 -04:00',
			'2026-11-01 01:00 -04:00',
			'2026-11-01 01:00 -05:00',
			'2026-11-01 02:00 -05:00',
		]);
	});

	it('a window starting inside the repeated hour starts at its first occurrence', () => {
		const result = starts(
			{
				...hourly,
				weeklyHours: { SUNDAY: [window('01:30', '03:00')] },
				rangeStartMs: at('2026-11-01T00:00'),
				rangeEndMs: at('2026-11-02T00:00'),
			},
			'full',
		);
		expect(result).toEqual(['2026-11-01 01:30 -04:00', '2026-11-01 01:30 -05:00']);
	});

	it('London spring forward and fall back', () => {
		const early = { ...hourly, zone: LONDON, weeklyHours: { SUNDAY: [window('00:00', '03:00')] } };
		expect(
			starts(
				{
					...early,
					rangeStartMs: at('2026-03-29T00:00', LONDON),
					rangeEndMs: at('2026-03-30T00:00', LONDON),
				},
				'full',
			),
		).toEqual(['2026-03-29 00:00 +00:00', '2026-03-29 02:00 +01:00']);
		expect(
			starts(
				{
					...early,
					rangeStartMs: at('2026-10-25T00:00', LONDON),
					rangeEndMs: at('2026-10-26T00:00', LONDON),
				},
				'full',
			),
		).toEqual([
			'2026-10-25 00:00 +01:00',
			'2026-10-25 01:00 +01:00',
			'2026-10-25 01:00 +00:00',
			'2026-10-25 02:00 +00:00',
		]);
	});
});

describe('computeFreeSlots edge cases', () => {
	it('returns nothing for a non-positive duration or an empty range', () => {
		expect(computeFreeSlots(request({ durationMs: 0 }))).toEqual([]);
		expect(computeFreeSlots(request({ rangeEndMs: at('2026-11-24T00:00') }))).toEqual([]);
		expect(computeFreeSlots(request({ nowMs: at('2026-11-25T00:00') }))).toEqual([]);
	});

	it('steps by the duration when the increment is not positive', () => {
		expect(starts({ incrementMinutes: 0, durationMs: HOUR })).toEqual(['09:00', '10:00', '11:00']);
	});

	it('throws for an unknown zone instead of reporting no availability', () => {
		expect(() => computeFreeSlots(request({ zone: 'Moon/Base' }))).toThrow(
			new RangeError('Unknown time zone "Moon/Base"'),
		);
	});
});

describe('mergeIntervals', () => {
	it('sorts, joins overlapping and touching intervals, drops empty ones', () => {
		expect(
			mergeIntervals([
				{ startMs: 50, endMs: 60 },
				{ startMs: 10, endMs: 20 },
				{ startMs: 20, endMs: 30 },
				{ startMs: 15, endMs: 18 },
				{ startMs: 40, endMs: 40 },
				{ startMs: Number.NaN, endMs: 45 },
			]),
		).toEqual([
			{ startMs: 10, endMs: 30 },
			{ startMs: 50, endMs: 60 },
		]);
	});
});

describe('incrementMinutesFromSetting', () => {
	it.each([
		['FIVE', 5],
		['TEN', 10],
		['FIFTEEN', 15],
		['TWENTY', 20],
		['THIRTY', 30],
		['FORTY_FIVE', 45],
		['SIXTY', 60],
		['NINETY', 90],
		['ONE_HUNDRED_TWENTY', 120],
		[' fifteen ', 15],
		['MEETING_DURATION', 45],
		['', 45],
		['SOMETIMES', 45],
		['20', 20],
	])('%j with a 45-minute meeting → %i', (setting, expected) => {
		expect(incrementMinutesFromSetting(setting, 45 * MINUTE)).toBe(expected);
	});

	it('rounds a meeting duration up to whole minutes', () => {
		expect(incrementMinutesFromSetting('MEETING_DURATION', 90_000)).toBe(2);
	});
});
