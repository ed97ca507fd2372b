import { DateTime } from 'luxon';
import type { IANAZone } from 'luxon';

import { readDateText } from './dateText';
import type { DateFields, TimeFields } from './dateText';
import { fail, ok } from './result';
import type { Result } from './result';
import { quoteInput } from './speech';
import { missingTimeQuestion, readRelativeText } from './timeRelative';
import { civilDateOf, isoWeekday, resolveWallTime, zoneFor } from './wallClock';

/**
 * Start times arrive from LLMs, voice platforms and n8n expressions in many shapes; this is the one
 * place that turns them into instants in the caller's zone, refuses times that do not exist, and
 * turns instants back into words and ISO strings.
 */

const HINT = 'Use ISO 8601 like 2026-11-24T14:00, or 2026-11-24 14:00, or epoch milliseconds.';
const WEEKDAY_NAMES = [
	'Monday',
	'Tuesday',
	'Wednesday',
	'Thursday',
	'Friday',
	'Saturday',
	'Sunday',
];

export function isValidTimeZone(zone: string): boolean {
	return zoneFor(zone) !== undefined;
}

/**
 * A start time: the text must carry a time of day. Wall times in the repeated autumn hour mean their
 * first occurrence. With `now`, what people say on a call is read too ("next Tuesday at 3pm",
 * "tomorrow at 3pm", "3pm", "December 16 at 10am"; see timeRelative.ts), counted from `now` in `zone`;
 * a phrase that could mean two things fails with a question the agent can ask the caller.
 */
export function parseDateTime(
	input: string | number,
	zone: string,
	now?: DateTime,
): Result<DateTime> {
	return parse(input, zone, 'time required', now);
}

/** Like parseDateTime, but a bare date (or "today", "tomorrow", "next Tuesday", "December 16", counted from `now`) means the start of that day in `zone`. */
export function parseDate(input: string | number, zone: string, now: DateTime): Result<DateTime> {
	return parse(input, zone, 'date allowed', now);
}

function parse(
	input: string | number,
	zone: string,
	mode: 'time required' | 'date allowed',
	now?: DateTime,
): Result<DateTime> {
	const ianaZone = zoneFor(zone);
	if (!ianaZone) return fail(unknownZone(zone));
	const text = typeof input === 'number' ? String(input) : input.normalize('NFKC').trim();
	if (text === '') return fail(`A date and time is required. ${HINT}`);
	if (typeof input === 'number' || /^\d+$/.test(text)) return fromEpoch(Number(text), text, zone);
	const reading = readDateText(text);
	if (reading.kind === 'unknown') {
		const relative = now ? fromRelativeText(text, ianaZone, zone, mode, now) : undefined;
		return relative ?? fail(`${quoteInput(text)} is not a date and time I understand. ${HINT}`);
	}
	if (reading.kind === 'invalid')
		return fail(`${quoteInput(text)} cannot be used: ${reading.problem}. ${HINT}`);
	const dateProblem = checkDate(reading.date);
	if (dateProblem) return fail(`${quoteInput(text)} cannot be used: ${dateProblem}.`);
	const time = reading.time ?? { hour: 0, minute: 0, second: 0, millisecond: 0 };
	if (!reading.time && mode === 'time required') {
		return fail(
			`${quoteInput(text)} has a date but no time of day, and a start time needs both. ${HINT}`,
		);
	}
	if (reading.offsetMinutes !== undefined) {
		const ms = wallAsUtc(reading.date, time) - reading.offsetMinutes * 60_000;
		return ok(DateTime.fromMillis(ms, { zone }));
	}
	if (!reading.time) {
		const { year, month, day } = reading.date;
		return ok(DateTime.fromObject({ year, month, day }, { zone }).startOf('day'));
	}
	return fromWallTime(text, ianaZone, zone, reading.date, time);
}

/** undefined when `text` is no relative phrase either (the caller then explains the formats). */
function fromRelativeText(
	text: string,
	ianaZone: IANAZone,
	zone: string,
	mode: 'time required' | 'date allowed',
	now: DateTime,
): Result<DateTime> | undefined {
	const nowMs = now.toMillis();
	const wall = DateTime.fromMillis(nowMs, { zone });
	const relative = readRelativeText(text, {
		today: civilDateOf(nowMs, ianaZone),
		minuteOfDay: wall.hour * 60 + wall.minute,
	});
	if (relative.kind === 'none') return undefined;
	if (relative.kind === 'ask')
		return fail(`${quoteInput(text)} is not clear. ${relative.question}`);
	if (!relative.time) {
		if (mode === 'time required')
			return fail(`${quoteInput(text)} has no time of day. ${missingTimeQuestion(relative.date)}`);
		return ok(DateTime.fromObject(relative.date, { zone }).startOf('day'));
	}
	return fromWallTime(text, ianaZone, zone, relative.date, relative.time);
}

function fromWallTime(
	text: string,
	ianaZone: IANAZone,
	zone: string,
	date: DateFields,
	time: TimeFields,
): Result<DateTime> {
	const msOfDay = wallAsUtc(date, time) - Date.UTC(date.year, date.month - 1, date.day);
	const resolved = resolveWallTime(ianaZone, date, msOfDay);
	if (resolved.kind === 'unique') return ok(DateTime.fromMillis(resolved.ms, { zone }));
	if (resolved.kind === 'repeated') return ok(DateTime.fromMillis(resolved.firstMs, { zone }));
	const jumpFrom = DateTime.fromMillis(resolved.transitionMs - resolved.skippedMinutes * 60_000, {
		zone: 'UTC',
	}).plus({ minutes: ianaZone.offset(resolved.transitionMs) });
	const jumpTo = DateTime.fromMillis(resolved.transitionMs, { zone });
	const suggestion = DateTime.fromMillis(
		wallAsUtc(date, time) -
			(ianaZone.offset(resolved.transitionMs) - resolved.skippedMinutes) * 60_000,
		{ zone },
	);
	return fail(
		`${quoteInput(text)} does not exist in ${zone}: on ${speakableDay(jumpTo)} the clocks jump forward from ` +
			`${speakableTime(jumpFrom)} to ${speakableTime(jumpTo)} for daylight saving time. ` +
			`Choose a time outside that gap, such as ${speakableTime(suggestion)}.`,
	);
}

function wallAsUtc(date: DateFields, time: TimeFields): number {
	return Date.UTC(
		date.year,
		date.month - 1,
		date.day,
		time.hour,
		time.minute,
		time.second,
		time.millisecond,
	);
}

function checkDate(date: DateFields): string | undefined {
	const candidate = DateTime.fromObject(
		{ year: date.year, month: date.month, day: date.day },
		{ zone: 'UTC' },
	);
	if (!candidate.isValid)
		return `${date.year}-${pad(date.month)}-${pad(date.day)} is not a calendar date`;
	const actual = isoWeekday(date);
	if (date.weekday !== undefined && date.weekday !== actual) {
		return `${candidate.toFormat('LLLL d, yyyy')} is a ${WEEKDAY_NAMES[actual - 1]}, not a ${WEEKDAY_NAMES[date.weekday - 1]}. Say which of the two you mean`;
	}
	return undefined;
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

/** Epoch values are told apart by their length: 13 digits are milliseconds, 10 digits are seconds. */
function fromEpoch(value: number, text: string, zone: string): Result<DateTime> {
	const digits = Number.isFinite(value) ? String(Math.trunc(Math.abs(value))).length : 0;
	if (value >= 0 && digits === 13) return ok(DateTime.fromMillis(Math.round(value), { zone }));
	if (value >= 0 && digits === 10)
		return ok(DateTime.fromMillis(Math.round(value * 1000), { zone }));
	return fail(
		`${quoteInput(text)} is not a date and time I understand: epoch times need 13 digits (milliseconds) or 10 digits (seconds). ${HINT}`,
	);
}

function unknownZone(zone: string): string {
	return `${quoteInput(zone)} is not a time zone I know. Use an IANA name such as America/New_York, Europe/London or UTC.`;
}

/** Intl puts narrow no-break spaces before AM/PM; text-to-speech and JSON consumers want plain spaces. */
function plainSpaces(text: string): string {
	return text.replace(/[\u00a0\u202f\u2009]/g, ' ');
}

/** "Tuesday, November 24 at 2:00 PM"; the year only on request, because people rarely say it. */
export function speakableDateTime(
	dt: DateTime,
	locale = 'en-US',
	options: { withYear?: boolean } = {},
): string {
	const year = options.withYear ? { year: 'numeric' as const } : {};
	return plainSpaces(
		dt.toLocaleString(
			{
				weekday: 'long',
				month: 'long',
				day: 'numeric',
				...year,
				hour: 'numeric',
				minute: '2-digit',
			},
			{ locale },
		),
	);
}

export function speakableTime(dt: DateTime, locale = 'en-US'): string {
	return plainSpaces(dt.toLocaleString({ hour: 'numeric', minute: '2-digit' }, { locale }));
}

export function speakableDay(
	dt: DateTime,
	locale = 'en-US',
	options: { withYear?: boolean } = {},
): string {
	const year = options.withYear ? { year: 'numeric' as const } : {};
	return plainSpaces(
		dt.toLocaleString({ weekday: 'long', month: 'long', day: 'numeric', ...year }, { locale }),
	);
}

export interface OutputTimes {
	start: string;
	end: string;
	startUtc: string;
	endUtc: string;
	startMs: number;
	endMs: number;
	timeZone: string;
}

/** ISO strings to whole seconds, local with offset and UTC with Z. An unknown zone falls back to UTC and says so in `timeZone`. */
export function toOutputTimes(startMs: number, endMs: number, zone: string): OutputTimes {
	const timeZone = isValidTimeZone(zone) ? zone : 'UTC';
	return {
		start: isoSeconds(startMs, timeZone),
		end: isoSeconds(endMs, timeZone),
		startUtc: isoSeconds(startMs, 'UTC'),
		endUtc: isoSeconds(endMs, 'UTC'),
		startMs,
		endMs,
		timeZone,
	};
}

/** Local ISO with offset and no milliseconds, e.g. 2026-11-24T14:00:00-05:00 (UTC gives a Z). */
export function isoSeconds(ms: number, zone: string): string {
	const dt = DateTime.fromMillis(ms, { zone }).startOf('second');
	return dt.toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}
