import { IANAZone } from 'luxon';

/**
 * Turns "this calendar day at this clock time in this zone" into real instants. Daylight saving
 * makes that mapping partial: in spring a clock time can be skipped, in autumn it can happen twice,
 * and luxon resolves both cases silently, so callers that must tell the user (or pick deliberately)
 * ask here instead.
 */

export interface CivilDate {
	year: number;
	month: number;
	day: number;
}

export type WallTimeInstant =
	| { kind: 'unique'; ms: number }
	| { kind: 'repeated'; firstMs: number; secondMs: number }
	| { kind: 'skipped'; transitionMs: number; skippedMinutes: number };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Returns a luxon zone for an IANA name, or undefined when the runtime does not know it. */
export function zoneFor(name: string): IANAZone | undefined {
	if (name.trim() === '' || !IANAZone.isValidZone(name)) return undefined;
	return IANAZone.create(name);
}

/** `msOfDay` may reach 24 h (or beyond): it then means a clock time on a following day. */
export function resolveWallTime(zone: IANAZone, date: CivilDate, msOfDay: number): WallTimeInstant {
	const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day) + msOfDay;
	const offsetBefore = zone.offset(wallAsUtc - DAY_MS);
	const offsetAfter = zone.offset(wallAsUtc + DAY_MS);
	const candidates = [...new Set([offsetBefore, offsetAfter, zone.offset(wallAsUtc)])]
		.map((offset) => wallAsUtc - offset * MINUTE_MS)
		.filter((ms) => wallAsUtc - zone.offset(ms) * MINUTE_MS === ms)
		.sort((a, b) => a - b);
	const instants = [...new Set(candidates)];
	if (instants.length === 1) return { kind: 'unique', ms: instants[0] };
	if (instants.length > 1)
		return { kind: 'repeated', firstMs: instants[0], secondMs: instants[instants.length - 1] };
	const earlyMs = wallAsUtc - offsetAfter * MINUTE_MS;
	const lateMs = wallAsUtc - offsetBefore * MINUTE_MS;
	return {
		kind: 'skipped',
		transitionMs: firstInstantWithOffset(zone, earlyMs, lateMs, offsetAfter),
		skippedMinutes: offsetAfter - offsetBefore,
	};
}

/** The instant a clock time first shows up: a skipped time means the moment the clocks jump. */
export function firstInstantOf(zone: IANAZone, date: CivilDate, msOfDay: number): number {
	const resolved = resolveWallTime(zone, date, msOfDay);
	if (resolved.kind === 'unique') return resolved.ms;
	return resolved.kind === 'repeated' ? resolved.firstMs : resolved.transitionMs;
}

/** Binary search for the offset change; `lowMs` still has the old offset, `highMs` the new one. */
function firstInstantWithOffset(
	zone: IANAZone,
	lowMs: number,
	highMs: number,
	offset: number,
): number {
	let low = lowMs;
	let high = highMs;
	while (high - low > 1) {
		const middle = low + Math.floor((high - low) / 2);
		if (zone.offset(middle) === offset) high = middle;
		else low = middle;
	}
	return high;
}

export function civilDateOf(ms: number, zone: IANAZone): CivilDate {
	const wall = new Date(ms + zone.offset(ms) * MINUTE_MS);
	return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

export function addDays(date: CivilDate, days: number): CivilDate {
	const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
	return {
		year: shifted.getUTCFullYear(),
		month: shifted.getUTCMonth() + 1,
		day: shifted.getUTCDate(),
	};
}

/** ISO weekday: 1 is Monday, 7 is Sunday (luxon's numbering). */
export function isoWeekday(date: CivilDate): number {
	const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
	return day === 0 ? 7 : day;
}

export function compareDates(a: CivilDate, b: CivilDate): number {
	return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
}
