import { fail, ok } from './result';
import type { Result } from './result';
import { quoteInput } from './speech';
import { isoSeconds } from './time';
import { addDays, civilDateOf, firstInstantOf, isoWeekday, zoneFor } from './wallClock';

/**
 * "May we call this contact now, and if not, when?" — calling hours are wall-clock times in the
 * contact's zone, so the answer must hold across weekends, midnight and daylight-saving changes.
 */

export type Weekday = 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN';

export interface CallWindowRule {
	days: Weekday[];
	/** "09:00"; a window whose earliest is after its latest runs past midnight and belongs to the day it starts. */
	earliest: string;
	latest: string;
	zone: string;
}

export interface CallWindowState {
	openNow: boolean;
	/** ISO with offset in the rule's zone; equals now when open. */
	nextOpenAt: string;
	nextOpenAtMs: number;
	/** When the current window closes (only while open). */
	closesAt?: string;
	zone: string;
}

const WEEKDAYS: Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const FULL_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Checks a rule and returns it tidied: days de-duplicated in week order, times as HH:mm. */
export function validateCallWindow(rule: CallWindowRule): Result<CallWindowRule> {
	if (!zoneFor(rule.zone)) {
		return fail(
			`${quoteInput(rule.zone)} is not a time zone I know. Use an IANA name such as America/New_York.`,
		);
	}
	const given = Array.isArray(rule.days) ? rule.days : [];
	const days = given.map(weekdayOf);
	const unknown = given.find((_, index) => days[index] === undefined);
	if (unknown !== undefined)
		return fail(
			`${quoteInput(String(unknown))} is not a weekday. Use MON, TUE, WED, THU, FRI, SAT or SUN.`,
		);
	if (days.length === 0)
		return fail(
			'No calling days were given, so the window never opens. Pick at least one day, such as MON to FRI.',
		);
	const earliest = tidyClock(rule.earliest);
	const latest = tidyClock(rule.latest);
	if (earliest === undefined)
		return fail(
			`${quoteInput(rule.earliest)} is not a time of day. Give the earliest time as HH:mm, like 09:00.`,
		);
	if (latest === undefined)
		return fail(
			`${quoteInput(rule.latest)} is not a time of day. Give the latest time as HH:mm, like 18:00.`,
		);
	if (earliest === latest)
		return fail(
			`The earliest and latest times are both ${earliest}, so the window is empty. Make the latest time later.`,
		);
	const sortedDays = WEEKDAYS.filter((day) => days.includes(day));
	return ok({ days: sortedDays, earliest, latest, zone: rule.zone });
}

/** "MON" or "Monday", in any case. */
function weekdayOf(value: string): Weekday | undefined {
	const text = String(value).trim().toUpperCase();
	return WEEKDAYS.find((day, index) => text === day || text === FULL_NAMES[index]);
}

function tidyClock(value: string): string | undefined {
	const match = CLOCK.exec(String(value).trim());
	return match ? `${match[1].padStart(2, '0')}:${match[2]}` : undefined;
}

/**
 * Throws RangeError for a rule that validateCallWindow rejects. An edge that falls in the skipped
 * spring hour opens or closes when the clocks jump; one in the repeated autumn hour means its first occurrence.
 */
export function evaluateCallWindow(rule: CallWindowRule, nowMs: number): CallWindowState {
	const checked = validateCallWindow(rule);
	if (!checked.ok) throw new RangeError(checked.reason);
	const valid = checked.value;
	const zone = zoneFor(valid.zone);
	if (!zone) throw new RangeError(`Unknown time zone "${valid.zone}"`);
	const earliestMs = clockMs(valid.earliest);
	const latestMs = clockMs(valid.latest);
	const crossesMidnight = latestMs < earliestMs;
	const today = civilDateOf(nowMs, zone);
	// Yesterday's window may still be open after midnight; eight days ahead always reaches every weekday.
	for (let offset = -1; offset <= 8; offset++) {
		const date = addDays(today, offset);
		if (!valid.days.includes(WEEKDAYS[isoWeekday(date) - 1])) continue;
		const opensMs = firstInstantOf(zone, date, earliestMs);
		const closesMs = firstInstantOf(zone, crossesMidnight ? addDays(date, 1) : date, latestMs);
		if (closesMs <= nowMs || opensMs >= closesMs) continue;
		if (opensMs <= nowMs) {
			return {
				openNow: true,
				nextOpenAt: isoSeconds(nowMs, valid.zone),
				nextOpenAtMs: nowMs,
				closesAt: isoSeconds(closesMs, valid.zone),
				zone: valid.zone,
			};
		}
		return {
			openNow: false,
			nextOpenAt: isoSeconds(opensMs, valid.zone),
			nextOpenAtMs: opensMs,
			zone: valid.zone,
		};
	}
	throw new RangeError('The call window never opens');
}

function clockMs(clock: string): number {
	const [hours, minutes] = clock.split(':').map(Number);
	return (hours * 60 + minutes) * 60_000;
}

/**
 * HubSpot stores a contact's zone as a slug ("america_slash_new_york"), which Intl rejects.
 * Returns the IANA name, or undefined when the value is empty or names no zone this runtime knows.
 */
export function hubspotTimeZoneToIana(value: string | null | undefined): string | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const candidate = value.trim().replace(/_slash_/gi, '/');
	if (!zoneFor(candidate)) return undefined;
	return canonicalCasing(candidate);
}

/** Intl matches zone names case-insensitively; the runtime's list (or its canonical name for an alias) gives the usual spelling. */
function canonicalCasing(name: string): string {
	const listed = knownZoneNames().get(name.toLowerCase());
	return listed ?? new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
}

let zoneNames: Map<string, string> | undefined;

function knownZoneNames(): Map<string, string> {
	zoneNames ??= new Map(
		Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]),
	);
	return zoneNames;
}
