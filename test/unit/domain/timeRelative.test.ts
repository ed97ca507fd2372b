import { DateTime } from 'luxon';

import { parseDate, parseDateTime } from '../../../nodes/shared/domain/time';

const NY = 'America/New_York';

/** A fixed clock: the wall time `local` in `zone`. */
function clockAt(local: string, zone = NY): DateTime {
	return DateTime.fromISO(local, { zone });
}

function startOf(input: string, now: DateTime, zone = NY): string {
	const result = parseDateTime(input, zone, now);
	if (!result.ok) throw new Error(`expected ${input} to be read, got: ${result.reason}`);
	return result.value.toISO({ suppressMilliseconds: true }) ?? '';
}

function refusal(input: string, now: DateTime, zone = NY): string {
	const result = parseDateTime(input, zone, now);
	if (result.ok) throw new Error(`expected ${input} to be refused, got ${result.value.toISO()}`);
	return result.reason;
}

describe('relative start times, on Tuesday December 1, 2026 at 10:00 in New York', () => {
	const now = clockAt('2026-12-01T10:00');

	it.each([
		['next Tuesday at 3pm', '2026-12-08T15:00:00-05:00'],
		['this Tuesday at 3pm', '2026-12-01T15:00:00-05:00'],
		['Wednesday 3pm', '2026-12-02T15:00:00-05:00'],
		['wed at 3:30 p.m.', '2026-12-02T15:30:00-05:00'],
		['3:30pm on Friday', '2026-12-04T15:30:00-05:00'],
		['next Friday at 15:00', '2026-12-04T15:00:00-05:00'],
		['tomorrow at 3pm', '2026-12-02T15:00:00-05:00'],
		['Tomorrow, 9 AM', '2026-12-02T09:00:00-05:00'],
		['today at noon', '2026-12-01T12:00:00-05:00'],
		['3pm', '2026-12-01T15:00:00-05:00'],
		['9am', '2026-12-02T09:00:00-05:00'],
		['10am', '2026-12-02T10:00:00-05:00'],
		['December 16 at 10am', '2026-12-16T10:00:00-05:00'],
		['Wednesday, December 16 at 10am', '2026-12-16T10:00:00-05:00'],
		['16th of December at 2pm', '2026-12-16T14:00:00-05:00'],
		['Dec 1 at 11am', '2026-12-01T11:00:00-05:00'],
		['November 30 at 9am', '2027-11-30T09:00:00-05:00'],
	])('%j → %s', (input, expected) => {
		expect(startOf(input, now)).toBe(expected);
	});

	it.each([
		[
			'Tuesday 3pm',
			'“Tuesday 3pm” is not clear. Do you mean today, Tuesday, December 1, or next week, Tuesday, December 8?',
		],
		[
			'tomorrow morning',
			'“tomorrow morning” is not clear. What time in the morning on Wednesday, December 2?',
		],
		[
			'Tuesday at 3',
			'“Tuesday at 3” is not clear. Is that 3 in the morning or 3 in the afternoon or evening on Tuesday, December 1?',
		],
		[
			'Friday at 4:30',
			'“Friday at 4:30” is not clear. Is that 4:30 in the morning or 4:30 in the afternoon or evening on Friday, December 4?',
		],
		['tomorrow', '“tomorrow” has no time of day. What time on Wednesday, December 2?'],
		['next Monday', '“next Monday” has no time of day. What time on Monday, December 7?'],
		[
			'Tuesday, December 16 at 10am',
			'“Tuesday, December 16 at 10am” is not clear. December 16 is a Wednesday, not a Tuesday. Which day do you mean?',
		],
	])('asks about %j', (input, question) => {
		expect(refusal(input, now)).toBe(question);
	});

	it('leaves what is no date at all to the usual explanation', () => {
		expect(refusal('someday soon', now)).toMatch(/is not a date and time I understand/);
		expect(refusal('3', now)).toMatch(/epoch/);
	});

	it('reads nothing relative without a clock (callers that pass no `now`)', () => {
		const result = parseDateTime('tomorrow at 3pm', NY);
		expect(result.ok).toBe(false);
	});

	it('counts from now in the item zone, not in the zone of `now`', () => {
		// 10:00 in New York is 00:00 on December 2 in Tokyo.
		expect(startOf('3pm', now, 'Asia/Tokyo')).toBe('2026-12-02T15:00:00+09:00');
		expect(startOf('tomorrow at 9am', now, 'Asia/Tokyo')).toBe('2026-12-03T09:00:00+09:00');
	});
});

describe('relative start times across the year end', () => {
	const now = clockAt('2026-12-30T16:00'); // a Wednesday

	it.each([
		['tomorrow at 9am', '2026-12-31T09:00:00-05:00'],
		['Monday 10am', '2027-01-04T10:00:00-05:00'],
		['next Wednesday at 11am', '2027-01-06T11:00:00-05:00'],
		['January 2 at 11am', '2027-01-02T11:00:00-05:00'],
		['December 30 at 5pm', '2026-12-30T17:00:00-05:00'],
		['December 29 at 5pm', '2027-12-29T17:00:00-05:00'],
		['2pm', '2026-12-31T14:00:00-05:00'],
	])('%j → %s', (input, expected) => {
		expect(startOf(input, now)).toBe(expected);
	});

	it('"tomorrow" late on December 31 is January 1 of the next year', () => {
		expect(startOf('tomorrow at 9am', clockAt('2026-12-31T23:30'))).toBe(
			'2027-01-01T09:00:00-05:00',
		);
	});

	it('a weekday that does not match the next such date is asked about, not moved a year', () => {
		expect(refusal('Thursday, January 1 at 9am', now)).toBe(
			'“Thursday, January 1 at 9am” is not clear. January 1 is a Friday, not a Thursday. Which day do you mean?',
		);
	});
});

describe('relative start times across daylight saving changes in New York', () => {
	it('spring: a day that skips 2:00-3:00 keeps wall times and refuses the gap', () => {
		const now = clockAt('2027-03-13T12:00'); // Saturday, EST
		expect(startOf('tomorrow at 3pm', now)).toBe('2027-03-14T15:00:00-04:00');
		expect(startOf('Sunday 10am', now)).toBe('2027-03-14T10:00:00-04:00');
		expect(refusal('tomorrow at 2:30am', now)).toMatch(
			/does not exist in America\/New_York: on Sunday, March 14 the clocks jump forward/,
		);
	});

	it('spring: a bare time late on Saturday is the next morning, in the new offset', () => {
		expect(startOf('9am', clockAt('2027-03-13T23:00'))).toBe('2027-03-14T09:00:00-04:00');
	});

	it('autumn: the repeated hour means its first occurrence, later days have the new offset', () => {
		const now = clockAt('2026-10-31T12:00'); // Saturday, EDT
		expect(startOf('tomorrow at 1:30am', now)).toBe('2026-11-01T01:30:00-04:00');
		expect(startOf('Monday 9am', now)).toBe('2026-11-02T09:00:00-05:00');
	});

	it('Europe/London: spring forward on March 28, 2027', () => {
		const now = clockAt('2027-03-26T09:00', 'Europe/London'); // Friday, GMT
		expect(startOf('Sunday at 10am', now, 'Europe/London')).toBe('2027-03-28T10:00:00+01:00');
		expect(refusal('Sunday at 1:30am', now, 'Europe/London')).toMatch(/does not exist/);
	});
});

describe('relative dates for Get Slots (a date without a time)', () => {
	const now = clockAt('2026-12-01T10:00');
	const day = (input: string) => {
		const result = parseDate(input, NY, now);
		return result.ok ? result.value.toISO({ suppressMilliseconds: true }) : result.reason;
	};

	it.each([
		['today', '2026-12-01T00:00:00-05:00'],
		['tomorrow', '2026-12-02T00:00:00-05:00'],
		['next Tuesday', '2026-12-08T00:00:00-05:00'],
		['Friday', '2026-12-04T00:00:00-05:00'],
		['December 16', '2026-12-16T00:00:00-05:00'],
		['January 5', '2027-01-05T00:00:00-05:00'],
	])('%j → %s', (input, expected) => {
		expect(day(input)).toBe(expected);
	});
});
