import { DateTime } from 'luxon';

import {
	isoSeconds,
	isValidTimeZone,
	parseDate,
	parseDateTime,
	speakableDateTime,
	speakableDay,
	speakableTime,
	toOutputTimes,
} from '../../../nodes/shared/domain/time';

const NY = 'America/New_York';
/** 2026-11-24 14:00 in New York (EST, UTC-5), a Tuesday. */
const TUESDAY_2PM_NY = Date.UTC(2026, 10, 24, 19, 0);

function parsedMs(input: string | number, zone = NY): number {
	const result = parseDateTime(input, zone);
	if (!result.ok) throw new Error(`expected ${String(input)} to parse, got: ${result.reason}`);
	return result.value.toMillis();
}

function reasonFor(input: string | number, zone = NY): string {
	const result = parseDateTime(input, zone);
	if (result.ok)
		throw new Error(`expected ${String(input)} to be rejected, got ${result.value.toISO()}`);
	return result.reason;
}

describe('isValidTimeZone', () => {
	it.each([
		['America/New_York', true],
		['Europe/London', true],
		['UTC', true],
		['Etc/GMT+5', true],
		['america/new_york', true],
		['', false],
		['   ', false],
		['Mars/Olympus_Mons', false],
		['New York', false],
	])('%j → %s', (zone, expected) => {
		expect(isValidTimeZone(zone)).toBe(expected);
	});
});

describe('parseDateTime accepts the shapes LLMs and platforms send', () => {
	it.each([
		['2026-11-24T14:00:00-05:00', TUESDAY_2PM_NY],
		['2026-11-24T19:00:00Z', TUESDAY_2PM_NY],
		['2026-11-24T19:00:00.000Z', TUESDAY_2PM_NY],
		['2026-11-25T00:30:00+05:30', TUESDAY_2PM_NY],
		['2026-11-24T14:00+0000', TUESDAY_2PM_NY - 5 * 3_600_000],
		['2026-11-24T14:00', TUESDAY_2PM_NY],
		['2026-11-24T14:00:00', TUESDAY_2PM_NY],
		['2026-11-24 14:00', TUESDAY_2PM_NY],
		['2026-11-24 14:00:30', TUESDAY_2PM_NY + 30_000],
		['2026-11-24 2:00 pm', TUESDAY_2PM_NY],
		['2026-11-24 2:00PM', TUESDAY_2PM_NY],
		['2026-11-24 2:00pm', TUESDAY_2PM_NY],
		['2026-11-24 2 PM', TUESDAY_2PM_NY],
		['2026-11-24 2 p.m.', TUESDAY_2PM_NY],
		['2026-11-24 2:30pm', TUESDAY_2PM_NY + 30 * 60_000],
		['2026/11/24 14:00', TUESDAY_2PM_NY],
		['Tue, 24 Nov 2026 19:00:00 GMT', TUESDAY_2PM_NY],
		['Tue, 24 Nov 2026 14:00:00 -0500', TUESDAY_2PM_NY],
		['November 24, 2026 2:00 PM', TUESDAY_2PM_NY],
		['November 24 2026 2:00 PM', TUESDAY_2PM_NY],
		['24 November 2026 14:00', TUESDAY_2PM_NY],
		['24th of November, 2026 at 14:00', TUESDAY_2PM_NY],
		['Nov 24 2026 2pm', TUESDAY_2PM_NY],
		['Nov. 24, 2026, 2:00 PM', TUESDAY_2PM_NY],
		['Tuesday, November 24, 2026 at 2:00 PM', TUESDAY_2PM_NY],
		['tuesday november 24th 2026 at 2pm', TUESDAY_2PM_NY],
		['November 24, 2026 at noon', TUESDAY_2PM_NY - 2 * 3_600_000],
		['2026-11-24 12:00 am', TUESDAY_2PM_NY - 14 * 3_600_000],
		['2026-11-24 2:00 PM UTC', Date.UTC(2026, 10, 24, 14)],
		['  2026-11-24 14:00 \n', TUESDAY_2PM_NY],
		['２０２６-１１-２４ １４:００', TUESDAY_2PM_NY],
		[TUESDAY_2PM_NY, TUESDAY_2PM_NY],
		[String(TUESDAY_2PM_NY), TUESDAY_2PM_NY],
		[TUESDAY_2PM_NY / 1000, TUESDAY_2PM_NY],
		[String(TUESDAY_2PM_NY / 1000), TUESDAY_2PM_NY],
	])('%j', (input, expectedMs) => {
		expect(parsedMs(input)).toBe(expectedMs);
	});

	it('returns the instant in the requested zone, whatever offset the text carried', () => {
		const result = parseDateTime('2026-11-24T19:00:00Z', NY);
		expect(result.ok && result.value.toISO()).toBe('2026-11-24T14:00:00.000-05:00');
		expect(result.ok && result.value.zoneName).toBe(NY);
	});

	it('reads a local time in the zone it is given', () => {
		expect(parsedMs('2026-11-24 14:00', 'Europe/London')).toBe(Date.UTC(2026, 10, 24, 14));
		expect(parsedMs('2026-07-01 14:00', 'Europe/London')).toBe(Date.UTC(2026, 6, 1, 13));
	});

	it('takes the first occurrence of a time in the repeated autumn hour', () => {
		const result = parseDateTime('2026-11-01 01:30', NY);
		expect(result.ok && result.value.toISO()).toBe('2026-11-01T01:30:00.000-04:00');
	});

	it('accepts a time inside the spring gap when the text carries its own offset', () => {
		const result = parseDateTime('2026-03-08T02:30:00-05:00', NY);
		expect(result.ok && result.value.toISO()).toBe('2026-03-08T03:30:00.000-04:00');
	});
});

describe('parseDateTime rejects with a reason the user can act on', () => {
	const HINT = 'Use ISO 8601 like 2026-11-24T14:00, or 2026-11-24 14:00, or epoch milliseconds.';

	it.each([
		[
			'2026-11-24',
			`“2026-11-24” has a date but no time of day, and a start time needs both. ${HINT}`,
		],
		[
			'November 24, 2026',
			`“November 24, 2026” has a date but no time of day, and a start time needs both. ${HINT}`,
		],
		['2026-13-01 10:00', '“2026-13-01 10:00” cannot be used: 2026-13-01 is not a calendar date.'],
		['2026-02-30 10:00', '“2026-02-30 10:00” cannot be used: 2026-02-30 is not a calendar date.'],
		[
			'2026-11-24 25:00',
			`“2026-11-24 25:00” cannot be used: 25:00 is not a clock time (hours go to 23, minutes and seconds to 59). ${HINT}`,
		],
		[
			'2026-11-24 13:00 pm',
			`“2026-11-24 13:00 pm” cannot be used: 13 PM is not a clock time. ${HINT}`,
		],
		[
			'Monday, November 24, 2026 at 2pm',
			'“Monday, November 24, 2026 at 2pm” cannot be used: November 24, 2026 is a Tuesday, not a Monday. Say which of the two you mean.',
		],
		[
			'2026-11-24 2pm EST',
			`“2026-11-24 2pm EST” cannot be used: time zone abbreviations like “EST” are ambiguous; leave it out and set the time zone, or give an offset like -05:00. ${HINT}`,
		],
		['next tuesday at 2', `“next tuesday at 2” is not a date and time I understand. ${HINT}`],
		['11/24/2026 2pm', `“11/24/2026 2pm” is not a date and time I understand. ${HINT}`],
		['2026-11-24 14', `“2026-11-24 14” is not a date and time I understand. ${HINT}`],
		[
			'2026-11-24 14:00 please',
			`“2026-11-24 14:00 please” is not a date and time I understand. ${HINT}`,
		],
		[
			'2026-11-24T14:00+15:00',
			`“2026-11-24T14:00+15:00” cannot be used: +15:00 is not a UTC offset. ${HINT}`,
		],
		[
			'123',
			`“123” is not a date and time I understand: epoch times need 13 digits (milliseconds) or 10 digits (seconds). ${HINT}`,
		],
		[
			-5,
			`“-5” is not a date and time I understand: epoch times need 13 digits (milliseconds) or 10 digits (seconds). ${HINT}`,
		],
		['', `A date and time is required. ${HINT}`],
	])('%j', (input, reason) => {
		expect(reasonFor(input)).toBe(reason);
	});

	it('names the daylight-saving gap for a time that does not exist (New York)', () => {
		expect(reasonFor('2026-03-08 02:30')).toBe(
			'“2026-03-08 02:30” does not exist in America/New_York: on Sunday, March 8 the clocks jump forward from 2:00 AM to 3:00 AM for daylight saving time. Choose a time outside that gap, such as 3:30 AM.',
		);
	});

	it('names the daylight-saving gap for a time that does not exist (London)', () => {
		expect(reasonFor('March 29, 2026 1:15 AM', 'Europe/London')).toBe(
			'“March 29, 2026 1:15 AM” does not exist in Europe/London: on Sunday, March 29 the clocks jump forward from 1:00 AM to 2:00 AM for daylight saving time. Choose a time outside that gap, such as 2:15 AM.',
		);
	});

	it('rejects an unknown zone before reading the text', () => {
		expect(reasonFor('2026-11-24 14:00', 'Eastern')).toBe(
			'“Eastern” is not a time zone I know. Use an IANA name such as America/New_York, Europe/London or UTC.',
		);
	});
});

describe('parseDate', () => {
	/** 22:30 on Tuesday in New York, already Wednesday in UTC. */
	const now = DateTime.fromISO('2026-11-25T03:30:00Z', { zone: 'UTC' });
	const iso = (input: string | number, zone = NY) => {
		const result = parseDate(input, zone, now);
		return result.ok ? result.value.toISO() : result.reason;
	};

	it.each([
		['today', '2026-11-24T00:00:00.000-05:00'],
		[' Tomorrow ', '2026-11-25T00:00:00.000-05:00'],
		['2026-11-24', '2026-11-24T00:00:00.000-05:00'],
		['2026/11/24', '2026-11-24T00:00:00.000-05:00'],
		['November 24, 2026', '2026-11-24T00:00:00.000-05:00'],
		['24 Nov 2026', '2026-11-24T00:00:00.000-05:00'],
		['Tuesday, November 24, 2026', '2026-11-24T00:00:00.000-05:00'],
		['2026-11-24 14:00', '2026-11-24T14:00:00.000-05:00'],
		[TUESDAY_2PM_NY, '2026-11-24T14:00:00.000-05:00'],
	])('%j → %s', (input, expected) => {
		expect(iso(input)).toBe(expected);
	});

	it('counts today in the requested zone, not in the zone of `now`', () => {
		expect(iso('today', 'Asia/Tokyo')).toBe('2026-11-25T00:00:00.000+09:00');
	});

	it('starts a day whose midnight is skipped at the first real instant', () => {
		expect(iso('2026-09-06', 'America/Santiago')).toBe('2026-09-06T01:00:00.000-03:00');
	});

	it('still rejects what is not a date', () => {
		expect(iso('someday')).toBe(
			'“someday” is not a date and time I understand. Use ISO 8601 like 2026-11-24T14:00, or 2026-11-24 14:00, or epoch milliseconds.',
		);
		expect(iso('today', 'Nowhere/Land')).toBe(
			'“Nowhere/Land” is not a time zone I know. Use an IANA name such as America/New_York, Europe/London or UTC.',
		);
	});
});

describe('speakable forms', () => {
	const tuesday = DateTime.fromMillis(TUESDAY_2PM_NY, { zone: NY });

	it('reads a date and time the way a person says it, with plain spaces only', () => {
		expect(speakableDateTime(tuesday)).toBe('Tuesday, November 24 at 2:00 PM');
		expect(speakableDateTime(tuesday, 'en-US', { withYear: true })).toBe(
			'Tuesday, November 24, 2026 at 2:00 PM',
		);
		expect(speakableDateTime(tuesday.plus({ minutes: 5 }).minus({ hours: 5 }))).toBe(
			'Tuesday, November 24 at 9:05 AM',
		);
		expect(speakableTime(tuesday)).toBe('2:00 PM');
		expect(speakableDay(tuesday)).toBe('Tuesday, November 24');
		expect(speakableDay(tuesday, 'en-US', { withYear: true })).toBe('Tuesday, November 24, 2026');
	});

	it('follows the locale it is given', () => {
		expect(speakableDateTime(tuesday, 'de-DE')).toBe('Dienstag, 24. November um 14:00');
		expect(speakableTime(tuesday, 'en-GB')).toBe('14:00');
	});

	it('speaks in the zone of the DateTime', () => {
		expect(speakableDateTime(tuesday.setZone('Europe/London'))).toBe(
			'Tuesday, November 24 at 7:00 PM',
		);
	});
});

describe('toOutputTimes', () => {
	it('gives local ISO with offset, UTC ISO with Z, both without milliseconds', () => {
		expect(toOutputTimes(TUESDAY_2PM_NY, TUESDAY_2PM_NY + 1_800_000, NY)).toEqual({
			start: '2026-11-24T14:00:00-05:00',
			end: '2026-11-24T14:30:00-05:00',
			startUtc: '2026-11-24T19:00:00Z',
			endUtc: '2026-11-24T19:30:00Z',
			startMs: TUESDAY_2PM_NY,
			endMs: TUESDAY_2PM_NY + 1_800_000,
			timeZone: NY,
		});
	});

	it('truncates stray milliseconds in the strings but keeps the exact numbers', () => {
		const output = toOutputTimes(TUESDAY_2PM_NY + 999, TUESDAY_2PM_NY + 60_999, 'Asia/Kolkata');
		expect([output.start, output.end, output.startUtc, output.startMs]).toEqual([
			'2026-11-25T00:30:00+05:30',
			'2026-11-25T00:31:00+05:30',
			'2026-11-24T19:00:00Z',
			TUESDAY_2PM_NY + 999,
		]);
	});

	it('falls back to UTC for an unknown zone and says so', () => {
		const output = toOutputTimes(TUESDAY_2PM_NY, TUESDAY_2PM_NY, 'Not/AZone');
		expect([output.start, output.timeZone]).toEqual(['2026-11-24T19:00:00Z', 'UTC']);
	});

	it('formats a UTC zone with Z', () => {
		expect(isoSeconds(TUESDAY_2PM_NY, 'UTC')).toBe('2026-11-24T19:00:00Z');
	});
});
