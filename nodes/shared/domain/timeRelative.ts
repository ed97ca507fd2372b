import { DateTime } from 'luxon';

import { MONTH_NAMES } from './dateText';
import type { TimeFields } from './dateText';
import { addDays, compareDates, isoWeekday } from './wallClock';
import type { CivilDate } from './wallClock';

/**
 * What people and LLMs say on a call instead of a full date: "next Tuesday at 3pm", "Tuesday 3pm",
 * "tomorrow at 3pm", "3pm", "December 16 at 10am". This reads such a phrase against today's date
 * and the current clock time in the caller's zone (both passed in, so tests can fix the clock) into
 * calendar fields; time.ts then turns them into an instant (daylight saving included).
 * Anything that could mean two things comes back as a question the agent can ask the caller.
 *
 * The rules, so the answer is predictable and can be said back:
 * - a bare weekday ("Tuesday", "this Tuesday") is the next such day after today; said on that very
 *   weekday it is ambiguous (today or in a week) and asked about, unless "this" or "next" says it;
 * - "next Tuesday" is the first Tuesday after today (a week from today when said on a Tuesday);
 * - "today" / "tomorrow" with a time; a bare time ("3pm") is its next occurrence, today or tomorrow;
 * - a month and day without a year is the next such date, today included;
 * - an hour from 1 to 12 without AM or PM, a part of the day ("morning") or no time at all is asked about.
 */

export type RelativeReading =
	| { kind: 'read'; date: CivilDate; time?: TimeFields }
	| { kind: 'ask'; question: string }
	| { kind: 'none' };

export interface RelativeClock {
	/** Today's calendar date in the caller's zone. */
	today: CivilDate;
	/** Minutes since midnight on the caller's wall clock now. */
	minuteOfDay: number;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAY_WORD =
	/^(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?$/;
const MONTHS = MONTH_NAMES;
const PARTS_OF_DAY = /\b(morning|afternoon|evening|tonight|night|lunchtime|lunch)\b/;
const MERIDIEM_TIME = /\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b/;
const CLOCK_TIME = /\b(\d{1,2}):(\d{2})\b/;
const OCLOCK_TIME = /\b(\d{1,2})\s*o'?clock\b/;
const AT_HOUR = /(?:\bat|@)\s*(\d{1,2})\b(?![:\d])/;

type TimePart =
	| { kind: 'time'; time: TimeFields }
	| { kind: 'ask'; question: (day: string) => string }
	| { kind: 'none' };

/** `text` is the phrase as given; anything that is not a relative phrase gives `none`. */
export function readRelativeText(text: string, clock: RelativeClock): RelativeReading {
	const normalized = text
		.normalize('NFKC')
		.toLowerCase()
		.replace(/\b([ap])\.\s?m\.?/g, '$1m')
		.replace(/[,.]+(?=\s|$)/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	if (normalized === '' || /\b\d{4}\b/.test(normalized)) return { kind: 'none' };
	const { part, rest } = takeTime(normalized);
	const day = readDay(
		rest
			.replace(/@/g, ' ')
			.replace(/\b(on|at|the|of)\b/g, ' ')
			.replace(/\s+/g, ' ')
			.trim(),
		clock,
	);
	if (day.kind === 'none') return { kind: 'none' };
	if (day.kind === 'ask') return day;
	if (day.kind === 'next-time') return nextOccurrence(part, clock);
	const label = dayLabel(day.date);
	if (part.kind === 'ask') return { kind: 'ask', question: part.question(label) };
	if (day.sameWeekday && !day.explicit) {
		const inAWeek = dayLabel(addDays(day.date, 7));
		return {
			kind: 'ask',
			question: `Do you mean today, ${label}, or next week, ${inAWeek}?`,
		};
	}
	return part.kind === 'time'
		? { kind: 'read', date: day.date, time: part.time }
		: { kind: 'read', date: day.date };
}

/** "What time on Tuesday, December 8?" when no time was given and a start time needs one. */
export function missingTimeQuestion(date: CivilDate): string {
	return `What time on ${dayLabel(date)}?`;
}

function nextOccurrence(part: TimePart, clock: RelativeClock): RelativeReading {
	if (part.kind === 'none') return { kind: 'none' };
	if (part.kind === 'ask') return { kind: 'ask', question: part.question('that day') };
	const minute = part.time.hour * 60 + part.time.minute;
	const date = minute > clock.minuteOfDay ? clock.today : addDays(clock.today, 1);
	return { kind: 'read', date, time: part.time };
}

function takeTime(text: string): { part: TimePart; rest: string } {
	const words = (match: RegExpExecArray) => text.replace(match[0], ' ');
	const meridiem = MERIDIEM_TIME.exec(text);
	if (meridiem) {
		const hour = Number(meridiem[1]);
		const minute = Number(meridiem[2] ?? '0');
		if (hour < 1 || hour > 12 || minute > 59) return { part: { kind: 'none' }, rest: text };
		const hour24 = (hour % 12) + (meridiem[3] === 'pm' ? 12 : 0);
		return { part: timeOf(hour24, minute), rest: words(meridiem) };
	}
	if (/\bnoon\b/.test(text)) return { part: timeOf(12, 0), rest: text.replace(/\bnoon\b/, ' ') };
	if (/\bmidnight\b/.test(text)) {
		return {
			part: { kind: 'ask', question: () => 'Midnight at the start or at the end of which day?' },
			rest: text.replace(/\bmidnight\b/, ' '),
		};
	}
	const clockTime = CLOCK_TIME.exec(text) ?? OCLOCK_TIME.exec(text) ?? AT_HOUR.exec(text);
	if (clockTime) {
		const hour = Number(clockTime[1]);
		const minute = clockTime[2] !== undefined && /:/.test(clockTime[0]) ? Number(clockTime[2]) : 0;
		if (hour > 23 || minute > 59) return { part: { kind: 'none' }, rest: text };
		const spoken = minute === 0 ? `${hour}` : `${hour}:${String(minute).padStart(2, '0')}`;
		const part: TimePart =
			hour >= 1 && hour <= 12
				? {
						kind: 'ask',
						question: (day) =>
							`Is that ${spoken} in the morning or ${spoken} in the afternoon or evening on ${day}?`,
					}
				: timeOf(hour, minute);
		return { part, rest: words(clockTime) };
	}
	const partOfDay = PARTS_OF_DAY.exec(text);
	if (partOfDay) {
		const when = partOfDay[1] === 'tonight' ? 'tonight' : `in the ${partOfDay[1]}`;
		return {
			part: { kind: 'ask', question: (day) => `What time ${when} on ${day}?` },
			rest: text.replace(partOfDay[0], ' ').replace(/\btonight\b/, 'today'),
		};
	}
	return { part: { kind: 'none' }, rest: text };
}

function timeOf(hour: number, minute: number): TimePart {
	return { kind: 'time', time: { hour, minute, second: 0, millisecond: 0 } };
}

type DayReading =
	| { kind: 'day'; date: CivilDate; sameWeekday?: boolean; explicit?: boolean }
	| { kind: 'next-time' }
	| { kind: 'ask'; question: string }
	| { kind: 'none' };

function readDay(text: string, clock: RelativeClock): DayReading {
	if (text === '') return { kind: 'next-time' };
	if (text === 'today' || text === 'tonight') return { kind: 'day', date: clock.today };
	if (text === 'tomorrow') return { kind: 'day', date: addDays(clock.today, 1) };
	const tokens = text.split(' ');
	const [first] = tokens;
	if (tokens.length <= 2) {
		const qualifier = tokens.length === 2 ? first : undefined;
		const weekday = weekdayNumber(tokens[tokens.length - 1]);
		if (weekday && (qualifier === undefined || ['this', 'next', 'coming'].includes(qualifier))) {
			return weekdayDate(weekday, qualifier, clock.today);
		}
	}
	const named = weekdayNumber(first);
	const dateTokens = named ? tokens.slice(1) : tokens;
	const monthDay = readMonthDay(dateTokens);
	if (!monthDay) return { kind: 'none' };
	return nextMonthDay(monthDay, named, clock.today);
}

function weekdayDate(weekday: number, qualifier: string | undefined, today: CivilDate): DayReading {
	const todayWeekday = isoWeekday(today);
	const ahead = (weekday - todayWeekday + 7) % 7;
	if (ahead === 0) {
		if (qualifier === 'this') return { kind: 'day', date: today };
		if (qualifier === 'next') return { kind: 'day', date: addDays(today, 7) };
		return { kind: 'day', date: today, sameWeekday: true };
	}
	return { kind: 'day', date: addDays(today, ahead), explicit: qualifier !== undefined };
}

function readMonthDay(tokens: string[]): { month: number; day: number } | undefined {
	if (tokens.length !== 2) return undefined;
	const [a, b] = tokens;
	const dayOf = (word: string) => /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(word)?.[1];
	const monthFirst = monthNumber(a) && dayOf(b);
	if (monthFirst) return { month: monthNumber(a) as number, day: Number(dayOf(b)) };
	const dayFirst = dayOf(a) && monthNumber(b);
	if (dayFirst) return { month: monthNumber(b) as number, day: Number(dayOf(a)) };
	return undefined;
}

/** This year's date unless it has passed, else next year's; a named weekday must match it. */
function nextMonthDay(
	monthDay: { month: number; day: number },
	weekday: number | undefined,
	today: CivilDate,
): DayReading {
	for (const year of [today.year, today.year + 1]) {
		const date = { year, month: monthDay.month, day: monthDay.day };
		const check = DateTime.fromObject(date, { zone: 'UTC' });
		if (!check.isValid) continue;
		if (compareDates(date, today) < 0) continue;
		if (weekday !== undefined && isoWeekday(date) !== weekday) {
			return {
				kind: 'ask',
				question: `${check.toFormat('LLLL d')} is a ${WEEKDAYS[isoWeekday(date) - 1].replace(/^./, (c) => c.toUpperCase())}, not a ${WEEKDAYS[weekday - 1].replace(/^./, (c) => c.toUpperCase())}. Which day do you mean?`,
			};
		}
		return { kind: 'day', date };
	}
	return {
		kind: 'ask',
		question: `Which date do you mean? There is no ${MONTHS[monthDay.month - 1]} ${monthDay.day}.`,
	};
}

function weekdayNumber(word: string | undefined): number | undefined {
	const match = word === undefined ? null : WEEKDAY_WORD.exec(word);
	if (!match) return undefined;
	const index = WEEKDAYS.findIndex((name) => name.startsWith(match[1].slice(0, 3)));
	return index < 0 ? undefined : index + 1;
}

function monthNumber(word: string): number | undefined {
	if (word.length < 3) return undefined;
	const index = MONTHS.findIndex(
		(name) => name.startsWith(word) || (word === 'sept' && name === 'september'),
	);
	return index < 0 ? undefined : index + 1;
}

/** "Tuesday, December 8" (English, as the node's other spoken sentences). */
function dayLabel(date: CivilDate): string {
	return DateTime.fromObject(date, { zone: 'UTC' }).setLocale('en-US').toFormat('cccc, LLLL d');
}
