import { fail, ok } from './result';
import type { Result } from './result';
import { quoteInput } from './speech';
import { zoneFor } from './wallClock';

/**
 * Time Zone fields take IANA names only. Abbreviations such as EST are fixed offsets in the tz
 * database (EST is UTC-5 all year), so "EST" in June would read 9:00 New York time as 8:00; they are
 * refused with the names people usually mean, as in start times.
 */
const LIKELY_NAMES: Record<string, string[]> = {
	ET: ['America/New_York'],
	EST: ['America/New_York'],
	EDT: ['America/New_York'],
	EST5EDT: ['America/New_York'],
	CT: ['America/Chicago'],
	CST: ['America/Chicago'],
	CDT: ['America/Chicago'],
	CST6CDT: ['America/Chicago'],
	MT: ['America/Denver', 'America/Phoenix'],
	MST: ['America/Denver', 'America/Phoenix'],
	MDT: ['America/Denver'],
	MST7MDT: ['America/Denver'],
	PT: ['America/Los_Angeles'],
	PST: ['America/Los_Angeles'],
	PDT: ['America/Los_Angeles'],
	PST8PDT: ['America/Los_Angeles'],
	AKST: ['America/Anchorage'],
	HST: ['Pacific/Honolulu'],
	GMT: ['Europe/London', 'UTC'],
	BST: ['Europe/London'],
	WET: ['Europe/Lisbon'],
	CET: ['Europe/Berlin', 'Europe/Paris'],
	CEST: ['Europe/Berlin', 'Europe/Paris'],
	MET: ['Europe/Berlin'],
	EET: ['Europe/Athens', 'Europe/Helsinki'],
	IST: ['Asia/Kolkata', 'Europe/Dublin'],
	JST: ['Asia/Tokyo'],
	AEST: ['Australia/Sydney'],
	AEDT: ['Australia/Sydney'],
};

const IANA_NAME = /^(?:UTC|[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+)$/;

/** The zone as given when it is an IANA name the runtime knows; otherwise why not and what to use. */
export function checkIanaZone(input: string): Result<string> {
	const zone = input.trim();
	const likely = LIKELY_NAMES[zone.toUpperCase()];
	if (likely) {
		return fail(
			`${quoteInput(zone)} is an abbreviation, not an IANA time zone (abbreviations are fixed offsets and ignore daylight saving). Use ${likely.join(' or ')}.`,
		);
	}
	if (!IANA_NAME.test(zone) || zoneFor(zone) === undefined) {
		return fail(
			`${quoteInput(zone)} is not an IANA time zone. Use a name such as America/New_York, Europe/London or UTC.`,
		);
	}
	return ok(zone);
}
