/**
 * Reads the date-and-time phrasings people and LLMs actually produce ("2026-11-24 14:00",
 * "Tuesday, November 24, 2026 at 2 PM", RFC 2822 headers) into plain calendar fields, so that
 * time.ts can decide zones and daylight-saving questions in one place.
 */

export interface DateFields {
	year: number;
	month: number;
	day: number;
	/** ISO weekday (1 = Monday) when the text named one, so a wrong weekday can be caught. */
	weekday?: number;
}

export interface TimeFields {
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
}

export type DateTextReading =
	| { kind: 'read'; date: DateFields; time?: TimeFields; offsetMinutes?: number }
	| { kind: 'invalid'; problem: string }
	| { kind: 'unknown' };

/** English month names, January first (shared with the relative-date reader). */
export const MONTH_NAMES = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december',
];
const MONTHS = MONTH_NAMES.map((name) => name.slice(0, 3));
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const WEEKDAY =
	/^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\b\.?,?\s*/;
const NUMERIC_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/;
const MONTH_FIRST = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/;
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{4})(?!\d)/;
const SEPARATOR = /^(?:t|,?\s*(?:at\s+|@\s*)?)/;
const CLOCK = /^(\d{1,2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(am|pm)?/;
const OFFSET = /^\s*(?:z|(?:utc|gmt)(?:\s*([+-]\d{1,2})(?::?(\d{2}))?)?|([+-]\d{2})(?::?(\d{2}))?)/;
const ZONE_ABBREVIATION = /^\s*\(?[a-z]{1,4}t\)?$/;

/** Expects trimmed text; case, repeated spaces and "p.m." style meridiems are handled here. */
export function readDateText(text: string): DateTextReading {
	let rest = text
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.replace(/\b([ap])\.m\.?/g, '$1m')
		.trim();
	let weekday: number | undefined;
	const named = WEEKDAY.exec(rest);
	if (named) {
		weekday = WEEKDAYS.indexOf(named[1].slice(0, 3)) + 1;
		rest = rest.slice(named[0].length);
	}
	const date = readDate(rest);
	if (!date) return { kind: 'unknown' };
	const fields: DateFields = weekday === undefined ? date.fields : { ...date.fields, weekday };
	rest = date.rest.replace(/^[\s,.]+$/, '');
	if (rest === '') return { kind: 'read', date: fields };
	rest = rest.replace(SEPARATOR, '');
	const time = readTime(rest);
	if (time.kind !== 'read') return time;
	rest = time.rest;
	if (rest.trim() === '') return { kind: 'read', date: fields, time: time.fields };
	const offset = readOffset(rest);
	if (offset.kind !== 'read') return offset;
	return { kind: 'read', date: fields, time: time.fields, offsetMinutes: offset.minutes };
}

function readDate(text: string): { fields: DateFields; rest: string } | undefined {
	const numeric = NUMERIC_DATE.exec(text);
	if (numeric) return dateResult(numeric[1], numeric[3], numeric[4], text.slice(numeric[0].length));
	const monthFirst = MONTH_FIRST.exec(text);
	if (monthFirst && monthNumber(monthFirst[1])) {
		return dateResult(
			monthFirst[3],
			String(monthNumber(monthFirst[1])),
			monthFirst[2],
			text.slice(monthFirst[0].length),
		);
	}
	const dayFirst = DAY_FIRST.exec(text);
	if (dayFirst && monthNumber(dayFirst[2])) {
		return dateResult(
			dayFirst[3],
			String(monthNumber(dayFirst[2])),
			dayFirst[1],
			text.slice(dayFirst[0].length),
		);
	}
	return undefined;
}

function dateResult(year: string, month: string, day: string, rest: string) {
	return { fields: { year: Number(year), month: Number(month), day: Number(day) }, rest };
}

/** "nov", "november" and "sept" all count; words that merely start like a month do not. */
function monthNumber(word: string): number | undefined {
	const index = MONTHS.indexOf(word.slice(0, 3));
	if (index < 0) return undefined;
	const full = MONTH_NAMES[index];
	return full.startsWith(word) || word === 'sept' ? index + 1 : undefined;
}

type TimeReading =
	| { kind: 'read'; fields: TimeFields; rest: string }
	| { kind: 'invalid'; problem: string }
	| { kind: 'unknown' };

function readTime(text: string): TimeReading {
	if (text.startsWith('noon'))
		return { kind: 'read', fields: clock(12, 0, 0, 0), rest: text.slice(4) };
	const match = CLOCK.exec(text);
	if (!match || (match[2] === undefined && match[5] === undefined)) return { kind: 'unknown' };
	const [hourText, minuteText = '0', secondText = '0', fraction = '0', meridiem] = match.slice(1);
	let hour = Number(hourText);
	const minute = Number(minuteText);
	const second = Number(secondText);
	if (meridiem) {
		if (hour < 1 || hour > 12)
			return {
				kind: 'invalid',
				problem: `${hourText} ${meridiem.toUpperCase()} is not a clock time`,
			};
		hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
	}
	if (hour > 23 || minute > 59 || second > 59) {
		return {
			kind: 'invalid',
			problem: `${match[0].trim()} is not a clock time (hours go to 23, minutes and seconds to 59)`,
		};
	}
	const millisecond = Math.floor(Number(`0.${fraction}`) * 1000);
	return {
		kind: 'read',
		fields: clock(hour, minute, second, millisecond),
		rest: text.slice(match[0].length),
	};
}

function clock(hour: number, minute: number, second: number, millisecond: number): TimeFields {
	return { hour, minute, second, millisecond };
}

type OffsetReading =
	| { kind: 'read'; minutes: number }
	| { kind: 'invalid'; problem: string }
	| { kind: 'unknown' };

function readOffset(text: string): OffsetReading {
	const match = OFFSET.exec(text);
	if (match && text.slice(match[0].length).trim() === '') {
		const hours = match[1] ?? match[3];
		if (hours === undefined) return { kind: 'read', minutes: 0 };
		const minutes = Number(match[2] ?? match[4] ?? '0');
		const sign = hours.startsWith('-') ? -1 : 1;
		const total = sign * (Math.abs(Number(hours)) * 60 + minutes);
		if (minutes > 59 || Math.abs(total) > 14 * 60)
			return { kind: 'invalid', problem: `${match[0].trim()} is not a UTC offset` };
		return { kind: 'read', minutes: total };
	}
	if (ZONE_ABBREVIATION.test(text)) {
		return {
			kind: 'invalid',
			problem: `time zone abbreviations like “${text.trim().toUpperCase()}” are ambiguous; leave it out and set the time zone, or give an offset like -05:00`,
		};
	}
	return { kind: 'unknown' };
}
