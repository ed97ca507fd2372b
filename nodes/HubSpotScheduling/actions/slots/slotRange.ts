import { DateTime } from 'luxon';

import { fail, ok } from '../../../shared/domain/result';
import type { Result } from '../../../shared/domain/result';
import { parseDate } from '../../../shared/domain/time';

export interface SlotRangeRequest {
	/** The Start Date field as typed; empty means now. */
	rawStart: string;
	zone: string;
	daysAhead: number;
	now: DateTime;
}

export interface SlotRange {
	/** The later of the start date and now: slots in the past are never offered. */
	start: DateTime;
	/** The end of the last day asked for. */
	end: DateTime;
}

/** Start dates further away than this are almost always a wrong year. */
const MAX_YEARS_AHEAD = 2;

/**
 * Which times Get Slots searches, or why the Start Date cannot be used. Pure, so that a range that
 * is over or a wrong year is refused before the first HubSpot call.
 */
export function slotRange(request: SlotRangeRequest): Result<SlotRange> {
	const now: DateTime = request.now.setZone(request.zone);
	const parsed = request.rawStart === '' ? ok(now) : parseDate(request.rawStart, request.zone, now);
	if (!parsed.ok) return parsed;
	const start = parsed.value;
	if (start > now.plus({ years: MAX_YEARS_AHEAD })) {
		return fail(`${start.toISODate()} is more than ${MAX_YEARS_AHEAD} years away. Check the year.`);
	}
	const rangeStart = DateTime.max(start, now);
	const rangeEnd = start.startOf('day').plus({ days: request.daysAhead });
	if (rangeEnd <= rangeStart) {
		return fail(
			`${start.toISODate()} plus ${request.daysAhead} day(s) is already over. Give today or a later date.`,
		);
	}
	return ok({ start: rangeStart, end: rangeEnd });
}
