import { DateTime } from 'luxon';

import { slotRange } from '../../../nodes/HubSpotScheduling/actions/slots/slotRange';
import { slotsOutput } from '../../../nodes/HubSpotScheduling/actions/slots/slotsOutput';

const NY = 'America/New_York';
// Tuesday 2026-11-24, 10:30 in New York.
const NOW = DateTime.fromISO('2026-11-24T10:30:00', { zone: NY });

describe('slotRange', () => {
	it('starts now and ends after the days asked for when no start date is given', () => {
		const range = slotRange({ rawStart: '', zone: NY, daysAhead: 2, now: NOW });
		expect(range.ok && [range.value.start.toISO(), range.value.end.toISO()]).toEqual([
			'2026-11-24T10:30:00.000-05:00',
			'2026-11-26T00:00:00.000-05:00',
		]);
	});

	it('reads the start date in the chosen zone, and never offers times before now', () => {
		const future = slotRange({ rawStart: '2026-12-01', zone: NY, daysAhead: 1, now: NOW });
		expect(future.ok && future.value.start.toISO()).toBe('2026-12-01T00:00:00.000-05:00');
		const today = slotRange({ rawStart: '2026-11-24', zone: NY, daysAhead: 1, now: NOW });
		expect(today.ok && today.value.start.toISO()).toBe(NOW.toISO());
	});

	it('refuses a range that is already over, saying how to fix it', () => {
		expect(slotRange({ rawStart: '2026-11-20', zone: NY, daysAhead: 2, now: NOW })).toEqual({
			ok: false,
			reason: '2026-11-20 plus 2 day(s) is already over. Give today or a later date.',
		});
	});

	it('refuses a start date more than two years away (a wrong year)', () => {
		expect(slotRange({ rawStart: '2029-01-05', zone: NY, daysAhead: 2, now: NOW })).toEqual({
			ok: false,
			reason: '2029-01-05 is more than 2 years away. Check the year.',
		});
	});

	it('passes on why a start date cannot be read', () => {
		const result = slotRange({ rawStart: 'next blursday', zone: NY, daysAhead: 2, now: NOW });
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toMatch(/^“next blursday” is not a date and time/);
	});
});

describe('slotsOutput', () => {
	const range = { start: NOW, end: DateTime.fromISO('2026-11-26T00:00:00', { zone: NY }) };
	const at = (iso: string) => DateTime.fromISO(iso, { zone: NY }).toMillis();
	const found = [
		{ startMs: at('2026-11-24T14:00'), endMs: at('2026-11-24T14:30') },
		{ startMs: at('2026-11-25T09:00'), endMs: at('2026-11-25T09:30') },
	];
	const answer = {
		slug: 'alex-demo',
		zoneChoice: { zone: NY, from: 'Time Zone field' as const },
		durationMs: 30 * 60_000,
		range,
		found,
		maxSlots: 1,
	};

	it('gives one item with the first Max Slots slots, the total and a spoken line', () => {
		const [item] = slotsOutput({ ...answer, mode: 'single' });
		expect(item).toMatchObject({
			meetingLink: 'alex-demo',
			timeZone: NY,
			timeZoneFrom: 'Time Zone field',
			durationMinutes: 30,
			from: '2026-11-24T10:30:00-05:00',
			to: '2026-11-26T00:00:00-05:00',
			count: 1,
			totalAvailable: 2,
		});
		expect(item.slots).toEqual([
			expect.objectContaining({ start: '2026-11-24T14:00:00-05:00', label: expect.any(String) }),
		]);
		expect(item.speech).toEqual(expect.stringContaining('2:00'));
	});

	it('gives one item per slot, and none when nothing is free', () => {
		const items = slotsOutput({ ...answer, maxSlots: 0, mode: 'perSlot' });
		expect(items.map((item) => item.start)).toEqual([
			'2026-11-24T14:00:00-05:00',
			'2026-11-25T09:00:00-05:00',
		]);
		expect(items[0]).toMatchObject({ meetingLink: 'alex-demo', durationMinutes: 30 });
		expect(slotsOutput({ ...answer, found: [], mode: 'perSlot' })).toEqual([]);
	});
});
