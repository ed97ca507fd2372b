import { DateTime } from 'luxon';

import {
	evaluateCallWindow,
	hubspotTimeZoneToIana,
	validateCallWindow,
} from '../../../nodes/shared/domain/callWindow';
import type { CallWindowRule, Weekday } from '../../../nodes/shared/domain/callWindow';
import { isValidTimeZone } from '../../../nodes/shared/domain/time';

const NY = 'America/New_York';
const WEEKDAYS: Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI'];
const OFFICE: CallWindowRule = { days: WEEKDAYS, earliest: '09:00', latest: '18:00', zone: NY };
const at = (local: string, zone = NY) => DateTime.fromISO(local, { zone }).toMillis();

describe('evaluateCallWindow on ordinary days (Mon–Fri 09:00–18:00, New York)', () => {
	it.each([
		[
			'Tuesday 10:00',
			'2026-11-24T10:00',
			{
				openNow: true,
				nextOpenAt: '2026-11-24T10:00:00-05:00',
				closesAt: '2026-11-24T18:00:00-05:00',
			},
		],
		[
			'Tuesday 09:00 exactly',
			'2026-11-24T09:00',
			{
				openNow: true,
				nextOpenAt: '2026-11-24T09:00:00-05:00',
				closesAt: '2026-11-24T18:00:00-05:00',
			},
		],
		[
			'Tuesday 08:00',
			'2026-11-24T08:00',
			{ openNow: false, nextOpenAt: '2026-11-24T09:00:00-05:00' },
		],
		[
			'Tuesday 18:00 exactly',
			'2026-11-24T18:00',
			{ openNow: false, nextOpenAt: '2026-11-25T09:00:00-05:00' },
		],
		[
			'Friday 19:00',
			'2026-11-27T19:00',
			{ openNow: false, nextOpenAt: '2026-11-30T09:00:00-05:00' },
		],
		[
			'Saturday noon',
			'2026-11-28T12:00',
			{ openNow: false, nextOpenAt: '2026-11-30T09:00:00-05:00' },
		],
		[
			'Friday evening before spring forward',
			'2026-03-06T19:00',
			{ openNow: false, nextOpenAt: '2026-03-09T09:00:00-04:00' },
		],
	])('%s', (_, local, expected) => {
		const nowMs = at(local);
		const state = evaluateCallWindow(OFFICE, nowMs);
		expect(state).toEqual({
			...expected,
			nextOpenAtMs: expected.openNow ? nowMs : Date.parse(expected.nextOpenAt),
			zone: NY,
		});
	});

	it('answers in the rule zone whatever zone the clock is in', () => {
		const rule: CallWindowRule = { ...OFFICE, zone: 'Asia/Kolkata' };
		const state = evaluateCallWindow(rule, at('2026-11-24T10:00'));
		expect(state).toEqual({
			openNow: false,
			nextOpenAt: '2026-11-25T09:00:00+05:30',
			nextOpenAtMs: at('2026-11-25T09:00', 'Asia/Kolkata'),
			zone: 'Asia/Kolkata',
		});
	});

	it('reports now without milliseconds when open', () => {
		expect(evaluateCallWindow(OFFICE, at('2026-11-24T10:00') + 456).nextOpenAt).toBe(
			'2026-11-24T10:00:00-05:00',
		);
	});
});

describe('evaluateCallWindow across midnight (Fri and Sat, 22:00–02:00)', () => {
	const LATE: CallWindowRule = {
		days: ['FRI', 'SAT'],
		earliest: '22:00',
		latest: '02:00',
		zone: NY,
	};

	it.each([
		['Friday 21:00', '2026-11-27T21:00', false, '2026-11-27T22:00:00-05:00', undefined],
		[
			'Friday 23:00',
			'2026-11-27T23:00',
			true,
			'2026-11-27T23:00:00-05:00',
			'2026-11-28T02:00:00-05:00',
		],
		[
			'Saturday 01:00 (Friday window)',
			'2026-11-28T01:00',
			true,
			'2026-11-28T01:00:00-05:00',
			'2026-11-28T02:00:00-05:00',
		],
		['Saturday 03:00', '2026-11-28T03:00', false, '2026-11-28T22:00:00-05:00', undefined],
		[
			'Sunday 01:00 (Saturday window)',
			'2026-11-29T01:00',
			true,
			'2026-11-29T01:00:00-05:00',
			'2026-11-29T02:00:00-05:00',
		],
		[
			'Monday 01:00 (Sunday has no window)',
			'2026-11-30T01:00',
			false,
			'2026-12-04T22:00:00-05:00',
			undefined,
		],
	])('%s', (_, local, openNow, nextOpenAt, closesAt) => {
		const state = evaluateCallWindow(LATE, at(local));
		expect([state.openNow, state.nextOpenAt, state.closesAt]).toEqual([
			openNow,
			nextOpenAt,
			closesAt,
		]);
	});
});

describe('evaluateCallWindow on daylight-saving days', () => {
	it('a window opening inside the skipped hour opens when the clocks jump', () => {
		const rule: CallWindowRule = { days: ['SUN'], earliest: '02:30', latest: '04:00', zone: NY };
		const before = evaluateCallWindow(rule, at('2026-03-08T01:59'));
		expect([before.openNow, before.nextOpenAt]).toEqual([false, '2026-03-08T03:00:00-04:00']);
		const during = evaluateCallWindow(rule, at('2026-03-08T03:10'));
		expect([during.openNow, during.closesAt]).toEqual([true, '2026-03-08T04:00:00-04:00']);
	});

	it('a window opening inside the repeated hour opens at its first occurrence and stays open through the second', () => {
		const rule: CallWindowRule = { days: ['SUN'], earliest: '01:30', latest: '03:00', zone: NY };
		const before = evaluateCallWindow(rule, Date.UTC(2026, 10, 1, 5, 0));
		expect([before.openNow, before.nextOpenAt]).toEqual([false, '2026-11-01T01:30:00-04:00']);
		const secondOneFifteen = evaluateCallWindow(rule, Date.UTC(2026, 10, 1, 6, 15));
		expect([
			secondOneFifteen.openNow,
			secondOneFifteen.nextOpenAt,
			secondOneFifteen.closesAt,
		]).toEqual([true, '2026-11-01T01:15:00-05:00', '2026-11-01T03:00:00-05:00']);
	});

	it('London: 09:00 stays 09:00 local across the change', () => {
		const rule: CallWindowRule = {
			days: ['MON'],
			earliest: '09:00',
			latest: '17:00',
			zone: 'Europe/London',
		};
		const state = evaluateCallWindow(rule, Date.UTC(2026, 2, 28, 12));
		expect(state.nextOpenAt).toBe('2026-03-30T09:00:00+01:00');
	});

	it('throws on a rule that does not validate', () => {
		expect(() => evaluateCallWindow({ ...OFFICE, days: [] }, 0)).toThrow(
			new RangeError(
				'No calling days were given, so the window never opens. Pick at least one day, such as MON to FRI.',
			),
		);
	});
});

describe('validateCallWindow', () => {
	it('tidies a valid rule: days once each in week order, times as HH:mm', () => {
		const days = ['fri', 'MON', 'Monday', 'wednesday'] as unknown as Weekday[];
		expect(validateCallWindow({ days, earliest: '9:00', latest: ' 17:30 ', zone: NY })).toEqual({
			ok: true,
			value: { days: ['MON', 'WED', 'FRI'], earliest: '09:00', latest: '17:30', zone: NY },
		});
	});

	it.each([
		[
			{ days: [] },
			'No calling days were given, so the window never opens. Pick at least one day, such as MON to FRI.',
		],
		[
			{ days: ['MON', 'FUNDAY'] },
			'“FUNDAY” is not a weekday. Use MON, TUE, WED, THU, FRI, SAT or SUN.',
		],
		[{ days: ['MONKEY'] }, '“MONKEY” is not a weekday. Use MON, TUE, WED, THU, FRI, SAT or SUN.'],
		[
			{ earliest: '9am' },
			'“9am” is not a time of day. Give the earliest time as HH:mm, like 09:00.',
		],
		[
			{ earliest: '24:00' },
			'“24:00” is not a time of day. Give the earliest time as HH:mm, like 09:00.',
		],
		[
			{ latest: '18:60' },
			'“18:60” is not a time of day. Give the latest time as HH:mm, like 18:00.',
		],
		[
			{ latest: '09:00' },
			'The earliest and latest times are both 09:00, so the window is empty. Make the latest time later.',
		],
		[
			{ zone: 'Eastern Time' },
			'“Eastern Time” is not a time zone I know. Use an IANA name such as America/New_York.',
		],
	])('%j', (change, reason) => {
		expect(validateCallWindow({ ...OFFICE, ...(change as Partial<CallWindowRule>) })).toEqual({
			ok: false,
			reason,
		});
	});
});

describe('hubspotTimeZoneToIana', () => {
	it.each([
		['america_slash_new_york', 'America/New_York'],
		['europe_slash_london', 'Europe/London'],
		['america_slash_port_of_spain', 'America/Port_of_Spain'],
		['antarctica_slash_dumontdurville', 'Antarctica/DumontDUrville'],
		['AMERICA_SLASH_LOS_ANGELES', 'America/Los_Angeles'],
		['etc_slash_gmt+5', 'Etc/GMT+5'],
		['utc', 'UTC'],
		['America/Chicago', 'America/Chicago'],
		[' america_slash_chicago ', 'America/Chicago'],
		['mars_slash_base', undefined],
		['eastern', undefined],
		['', undefined],
		[null, undefined],
		[undefined, undefined],
	])('%j → %j', (value, expected) => {
		expect(hubspotTimeZoneToIana(value)).toBe(expected);
	});

	it('turns aliases into a name the runtime accepts', () => {
		const kolkata = hubspotTimeZoneToIana('asia_slash_kolkata') as string;
		expect(kolkata).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
		expect(isValidTimeZone(kolkata)).toBe(true);
	});
});
