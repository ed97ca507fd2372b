import { DateTime, IANAZone } from 'luxon';

import { fail, ok } from './result';
import type { Result } from './result';

/** Times arrive from LLMs and voice platforms in many shapes; luxon does all the arithmetic. */

export function isValidTimeZone(zone: string): boolean {
	return zone.trim() !== '' && (zone === 'UTC' || IANAZone.isValidZone(zone));
}

const LOCAL_FORMATS = [
	'yyyy-MM-dd HH:mm',
	'yyyy-MM-dd HH:mm:ss',
	'yyyy-MM-dd H:mm',
	'yyyy/MM/dd HH:mm',
	'yyyy-MM-dd h:mm a',
	'yyyy-MM-dd h:mma',
	'yyyy-MM-dd h a',
	'yyyy-MM-dd ha',
	'MMMM d, yyyy h:mm a',
	'MMMM d yyyy h:mm a',
	'MMMM d, yyyy HH:mm',
	'MMM d yyyy h a',
	'MMM d yyyy ha',
	'MMM d, yyyy h:mm a',
	'd MMMM yyyy HH:mm',
	'd MMMM yyyy h:mm a',
];
const DATE_FORMATS = ['yyyy-MM-dd', 'yyyy/MM/dd', 'MMMM d, yyyy', 'MMMM d yyyy', 'd MMMM yyyy', 'MMM d, yyyy'];

const HINT = 'Use ISO 8601 like 2026-11-24T14:00, or 2026-11-24 14:00, or epoch milliseconds.';

export function parseDateTime(input: string | number, zone: string): Result<DateTime> {
	if (!isValidTimeZone(zone)) return fail(`“${zone}” is not an IANA time zone such as America/New_York.`);
	const epoch = fromEpoch(input, zone);
	if (epoch) return epoch;
	const text = String(input).trim();
	if (text === '') return fail(`a date and time is required. ${HINT}`);
	const iso = DateTime.fromISO(text, { zone, setZone: false });
	if (iso.isValid) {
		if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return fail(`“${text}” has no time of day. ${HINT}`);
		return checkLocal(text, iso.setZone(zone), zone);
	}
	const rfc = DateTime.fromRFC2822(text.replace(/\bGMT$/, '+0000'));
	if (rfc.isValid) return ok(rfc.setZone(zone));
	const normalized = text.replace(/\s+/g, ' ').replace(/\b(am|pm)\b/i, (m) => m.toUpperCase()).replace(/(\d)(am|pm)\b/i, (_, d: string, m: string) => `${d}${m.toUpperCase()}`);
	for (const format of LOCAL_FORMATS) {
		const parsed = DateTime.fromFormat(normalized, format, { zone, locale: 'en-US' });
		if (parsed.isValid) return checkLocal(text, parsed, zone);
	}
	for (const format of DATE_FORMATS) {
		if (DateTime.fromFormat(normalized, format, { zone, locale: 'en-US' }).isValid) {
			return fail(`“${text}” has no time of day. ${HINT}`);
		}
	}
	return fail(`“${text.slice(0, 60)}” is not a date and time I understand. ${HINT}`);
}

/** Date-only forms mean the start of that day; "today" and "tomorrow" count from `now`. */
export function parseDate(input: string | number, zone: string, now: DateTime): Result<DateTime> {
	const text = String(input).trim().toLowerCase();
	if (text === 'today') return ok(now.setZone(zone).startOf('day'));
	if (text === 'tomorrow') return ok(now.setZone(zone).plus({ days: 1 }).startOf('day'));
	const iso = DateTime.fromISO(String(input).trim(), { zone });
	if (/^\d{4}-\d{2}-\d{2}$/.test(String(input).trim()) && iso.isValid) return ok(iso.startOf('day'));
	for (const format of DATE_FORMATS) {
		const parsed = DateTime.fromFormat(String(input).trim(), format, { zone, locale: 'en-US' });
		if (parsed.isValid) return ok(parsed.startOf('day'));
	}
	return parseDateTime(input, zone);
}

function fromEpoch(input: string | number, zone: string): Result<DateTime> | undefined {
	const text = String(input).trim();
	if (typeof input === 'number' || /^\d{10}$|^\d{13}$/.test(text)) {
		const value = Number(text);
		if (!Number.isFinite(value)) return fail(`“${text}” is not a number of milliseconds.`);
		const ms = text.length === 10 ? value * 1000 : value;
		return ok(DateTime.fromMillis(ms, { zone }));
	}
	return undefined;
}

/** A wall-clock time that falls into a DST gap does not exist; luxon would silently shift it. */
function checkLocal(text: string, parsed: DateTime, zone: string): Result<DateTime> {
	const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
	if (!hasOffset) {
		const wall = /(\d{1,2}):(\d{2})/.exec(text);
		if (wall && text.includes('-') && Number(wall[1]) < 24 && parsed.hour !== Number(wall[1]) && !/pm|am/i.test(text)) {
			return fail(`${text} does not exist in ${zone}: the clocks skip that hour for daylight saving time. Choose another time.`);
		}
	}
	return ok(parsed.setZone(zone));
}

export function speakableDateTime(dt: DateTime, locale = 'en-US'): string {
	return `${dt.setLocale(locale).toFormat('cccc, LLLL d')} at ${speakableTime(dt, locale)}`;
}

export function speakableTime(dt: DateTime, locale = 'en-US'): string {
	return dt.setLocale(locale).toFormat('h:mm a');
}

export function speakableDay(dt: DateTime, locale = 'en-US'): string {
	return dt.setLocale(locale).toFormat('cccc, LLLL d');
}

export function toOutputTimes(startMs: number, endMs: number, zone: string) {
	const iso = (ms: number, z: string) => DateTime.fromMillis(ms, { zone: z }).toISO({ suppressMilliseconds: true }) as string;
	return {
		start: iso(startMs, zone),
		end: iso(endMs, zone),
		startUtc: iso(startMs, 'UTC').replace('+00:00', 'Z'),
		endUtc: iso(endMs, 'UTC').replace('+00:00', 'Z'),
		startMs,
		endMs,
		timeZone: zone,
	};
}
