import type { IANAZone } from 'luxon';

import {
	addDays,
	civilDateOf,
	compareDates,
	firstInstantOf,
	isoWeekday,
	zoneFor,
} from './wallClock';
import type { CivilDate } from './wallClock';

/**
 * Free slots computed from a link's weekly hours and busy times, for links whose availability page
 * gives busy times but no ready-made slots. Weekly hours are wall-clock times in the link's zone, so
 * each day is laid out on its own calendar date and days of 23 or 25 hours come out right.
 */

/** Keys MONDAY..SUNDAY, MON_FRI, SAT_SUN, EVERY_DAY; minutes after local midnight, `end` up to 1440. */
export type WeeklyHours = Record<string, Array<{ start: number; end: number }>>;

export interface SlotRequest {
	/** Only slots starting in [rangeStartMs, rangeEndMs) are returned. */
	rangeStartMs: number;
	rangeEndMs: number;
	zone: string;
	weeklyHours: WeeklyHours;
	durationMs: number;
	/** Free time required before and after each busy interval. */
	bufferMs: number;
	/** Slot start step, counted from the start of each availability window. */
	incrementMinutes: number;
	minimumNoticeMs: number;
	nowMs: number;
	busy: Array<{ startMs: number; endMs: number }>;
}

export interface Interval {
	startMs: number;
	endMs: number;
}

interface MinuteWindow {
	start: number;
	end: number;
}

const DAY_KEYS: Record<string, number[]> = {
	MONDAY: [1],
	TUESDAY: [2],
	WEDNESDAY: [3],
	THURSDAY: [4],
	FRIDAY: [5],
	SATURDAY: [6],
	SUNDAY: [7],
	MON_FRI: [1, 2, 3, 4, 5],
	SAT_SUN: [6, 7],
	EVERY_DAY: [1, 2, 3, 4, 5, 6, 7],
};

const MINUTE_MS = 60_000;

/**
 * Sorted by start; slots overlap when the increment is shorter than the duration. Windows given
 * for the same day under several keys are merged. A window edge inside the skipped spring hour
 * moves to the moment the clocks jump; one inside the repeated autumn hour means its first
 * occurrence. Throws RangeError for an unknown zone: callers validate zones first, and an empty
 * list would otherwise be read out as "no availability".
 */
export function computeFreeSlots(request: SlotRequest): Interval[] {
	const zone = zoneFor(request.zone);
	if (!zone) throw new RangeError(`Unknown time zone "${request.zone}"`);
	const earliestStart = Math.max(request.rangeStartMs, request.nowMs + request.minimumNoticeMs);
	if (!(request.durationMs > 0) || !(earliestStart < request.rangeEndMs)) return [];
	const stepMs =
		request.incrementMinutes > 0 ? request.incrementMinutes * MINUTE_MS : request.durationMs;
	const blocked = mergeIntervals(
		request.busy.map((busy) => widen(busy, Math.max(0, request.bufferMs))),
	);
	const windowsByWeekday = weeklyWindows(request.weeklyHours);
	const slots: Interval[] = [];
	const lastDate = civilDateOf(request.rangeEndMs - 1, zone);
	for (
		let date = civilDateOf(earliestStart, zone);
		compareDates(date, lastDate) <= 0;
		date = addDays(date, 1)
	) {
		for (const window of windowsByWeekday[isoWeekday(date)]) {
			const bounds = windowInstants(zone, date, window);
			collectSlots(slots, bounds, { ...request, stepMs, earliestStart, blocked });
		}
	}
	return slots.sort((a, b) => a.startMs - b.startMs);
}

interface Collection {
	durationMs: number;
	stepMs: number;
	earliestStart: number;
	rangeEndMs: number;
	blocked: Interval[];
}

/** Walks one window's slot grid, jumping straight past each blocked interval instead of testing every step. */
function collectSlots(slots: Interval[], window: Interval, plan: Collection): void {
	const { durationMs, stepMs, blocked } = plan;
	const stepsToReach = (ms: number) => Math.max(0, Math.ceil((ms - window.startMs) / stepMs));
	let start = window.startMs + stepsToReach(plan.earliestStart) * stepMs;
	let next = firstEndingAfter(blocked, start);
	while (start + durationMs <= window.endMs && start < plan.rangeEndMs) {
		while (next < blocked.length && blocked[next].endMs <= start) next++;
		if (next < blocked.length && blocked[next].startMs < start + durationMs) {
			start = window.startMs + stepsToReach(blocked[next].endMs) * stepMs;
			continue;
		}
		slots.push({ startMs: start, endMs: start + durationMs });
		start += stepMs;
	}
}

function windowInstants(zone: IANAZone, date: CivilDate, window: MinuteWindow): Interval {
	return {
		startMs: firstInstantOf(zone, date, window.start * MINUTE_MS),
		endMs: firstInstantOf(zone, date, window.end * MINUTE_MS),
	};
}

/** Index of the first interval that ends after `ms` (intervals sorted and disjoint). */
function firstEndingAfter(intervals: Interval[], ms: number): number {
	let low = 0;
	let high = intervals.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (intervals[middle].endMs <= ms) low = middle + 1;
		else high = middle;
	}
	return low;
}

function widen(busy: Interval, bufferMs: number): Interval {
	return { startMs: busy.startMs - bufferMs, endMs: busy.endMs + bufferMs };
}

/** Sorted, with overlapping or touching intervals joined; empty and malformed ones dropped. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
	const sorted = intervals
		.filter(
			(interval) =>
				Number.isFinite(interval.startMs) &&
				Number.isFinite(interval.endMs) &&
				interval.endMs > interval.startMs,
		)
		.sort((a, b) => a.startMs - b.startMs);
	const merged: Interval[] = [];
	for (const interval of sorted) {
		const last = merged[merged.length - 1];
		if (last && interval.startMs <= last.endMs) last.endMs = Math.max(last.endMs, interval.endMs);
		else merged.push({ ...interval });
	}
	return merged;
}

/** Index 1..7 (ISO weekday) → merged windows in minutes; unknown keys and inverted windows are ignored. */
function weeklyWindows(hours: WeeklyHours): MinuteWindow[][] {
	const byDay: MinuteWindow[][] = [[], [], [], [], [], [], [], []];
	for (const [key, windows] of Object.entries(hours)) {
		for (const weekday of DAY_KEYS[key.trim().toUpperCase()] ?? []) {
			for (const window of windows ?? []) {
				const start = Math.max(0, window.start);
				const end = Math.min(1440, window.end);
				if (Number.isFinite(start) && Number.isFinite(end) && end > start)
					byDay[weekday].push({ start, end });
			}
		}
	}
	return byDay.map((windows) =>
		mergeIntervals(windows.map((window) => ({ startMs: window.start, endMs: window.end }))).map(
			(merged) => ({
				start: merged.startMs,
				end: merged.endMs,
			}),
		),
	);
}

const INCREMENTS: Record<string, number> = {
	FIVE: 5,
	TEN: 10,
	FIFTEEN: 15,
	TWENTY: 20,
	THIRTY: 30,
	FORTY_FIVE: 45,
	SIXTY: 60,
	NINETY: 90,
	ONE_HUNDRED_TWENTY: 120,
};

/** HubSpot's startTimeIncrementMinutes enum in minutes; MEETING_DURATION, and anything unknown, step by the meeting length. */
export function incrementMinutesFromSetting(setting: string, durationMs: number): number {
	const key = String(setting ?? '')
		.trim()
		.toUpperCase();
	if (/^\d+$/.test(key) && Number(key) > 0) return Number(key);
	return INCREMENTS[key] ?? Math.max(1, Math.ceil(durationMs / MINUTE_MS));
}
