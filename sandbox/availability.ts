/**
 * Free-slot computation for meeting links: the oracle the node's own slot computation is checked
 * against. Pure functions of the link rules, the members' busy intervals and "now".
 *
 * Working hours are wall-clock times in the link's zone ("540" = 09:00 local), so on a DST change day
 * 09:00 still means 09:00 and a 00:00–24:00 window is 23 or 25 hours long. Slots start at the window
 * start and step by the start-time increment in elapsed time; a slot must end inside its window,
 * start at least `minimumNoticeMs` after now, start before the advertising horizon, and keep
 * `bufferMs` clear of every busy interval on both sides.
 */
import { DateTime } from 'luxon';
import { type DayKey, START_TIME_INCREMENTS, type StartTimeIncrement } from './fixtureSchema';

export interface Interval {
	start: number;
	end: number;
}

export interface MinuteRange {
	start: number;
	end: number;
}

export interface LinkRules {
	timeZone: string;
	availability: Partial<Record<DayKey, MinuteRange[]>>;
	durationsMs: number[];
	bufferMs: number;
	startTimeIncrement: StartTimeIncrement;
	minimumNoticeMs: number;
	weeksToAdvertise: number;
}

/** 'any' = round robin (one free member is enough); 'all' = group calendar and personal links. */
export type MemberMode = 'any' | 'all';

const DAY_MS = 86_400_000;
const WEEKDAY_KEYS: Record<number, DayKey> = {
	1: 'MONDAY',
	2: 'TUESDAY',
	3: 'WEDNESDAY',
	4: 'THURSDAY',
	5: 'FRIDAY',
	6: 'SATURDAY',
	7: 'SUNDAY',
};

/** Which availability keys apply to a luxon weekday (1 = Monday … 7 = Sunday). */
export function dayKeysFor(weekday: number): DayKey[] {
	const keys: DayKey[] = [WEEKDAY_KEYS[weekday], 'EVERY_DAY'];
	keys.push(weekday <= 5 ? 'MON_FRI' : 'SAT_SUN');
	return keys;
}

/** Absolute ms of a wall-clock minute-of-day on a local day; 1440 is the next local midnight. */
export function wallClockMs(day: DateTime, minuteOfDay: number): number {
	if (minuteOfDay >= 1440) return day.plus({ days: 1 }).startOf('day').toMillis();
	return day
		.set({
			hour: Math.floor(minuteOfDay / 60),
			minute: minuteOfDay % 60,
			second: 0,
			millisecond: 0,
		})
		.toMillis();
}

export function mergeIntervals(intervals: Interval[]): Interval[] {
	const sorted = [...intervals].sort((a, b) => a.start - b.start || a.end - b.end);
	const merged: Interval[] = [];
	for (const interval of sorted) {
		const last = merged[merged.length - 1];
		if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
		else merged.push({ ...interval });
	}
	return merged;
}

/** Calls `visit` for every local day in `zone` that overlaps [from, to). */
export function forEachLocalDay(
	zone: string,
	from: number,
	to: number,
	visit: (day: DateTime) => void,
): void {
	let day = DateTime.fromMillis(from - DAY_MS, { zone }).startOf('day');
	while (day.toMillis() < to) {
		visit(day);
		day = day.plus({ days: 1 }).startOf('day');
	}
}

/** Minute ranges (from day keys) turned into whole absolute intervals that overlap [from, to). */
export function expandWeeklyRanges(
	zone: string,
	rangesForWeekday: (weekday: number) => MinuteRange[],
	from: number,
	to: number,
): Interval[] {
	const intervals: Interval[] = [];
	forEachLocalDay(zone, from, to, (day) => {
		for (const range of rangesForWeekday(day.weekday)) {
			const start = wallClockMs(day, range.start);
			const end = wallClockMs(day, range.end);
			if (end > from && start < to) intervals.push({ start, end });
		}
	});
	return mergeIntervals(intervals);
}

export function workingIntervals(rules: LinkRules, from: number, to: number): Interval[] {
	return expandWeeklyRanges(
		rules.timeZone,
		(weekday) => dayKeysFor(weekday).flatMap((key) => rules.availability[key] ?? []),
		from,
		to,
	);
}

export function stepMs(rules: LinkRules, durationMs: number): number {
	const minutes = START_TIME_INCREMENTS[rules.startTimeIncrement];
	return minutes === null ? durationMs : minutes * 60_000;
}

/** End of the advertising horizon: local midnight today plus `weeksToAdvertise` weeks. */
export function horizonEnd(rules: LinkRules, now: number): number {
	return DateTime.fromMillis(now, { zone: rules.timeZone })
		.startOf('day')
		.plus({ weeks: rules.weeksToAdvertise })
		.toMillis();
}

/** The calendar month `monthOffset` months from the current month, in the viewer's time zone. */
export function monthWindow(timeZone: string, now: number, monthOffset: number): Interval {
	const start = DateTime.fromMillis(now, { zone: timeZone })
		.startOf('month')
		.plus({ months: monthOffset });
	return { start: start.toMillis(), end: start.plus({ months: 1 }).toMillis() };
}

export function isFree(
	busy: readonly Interval[],
	start: number,
	end: number,
	bufferMs: number,
): boolean {
	return busy.every((b) => !(start < b.end + bufferMs && b.start - bufferMs < end));
}

export interface SlotQuery {
	rules: LinkRules;
	/** Busy intervals per link member, in member order. */
	memberBusy: Interval[][];
	mode: MemberMode;
	now: number;
	/** Only slots starting in [from, to) are returned. */
	from: number;
	to: number;
}

/** Slot start candidates for one duration, before busy times are considered. */
export function candidateStarts(query: SlotQuery, durationMs: number): number[] {
	const { rules, now, from, to } = query;
	const earliest = now + rules.minimumNoticeMs;
	const latest = Math.min(to, horizonEnd(rules, now));
	const step = stepMs(rules, durationMs);
	const starts: number[] = [];
	for (const window of workingIntervals(rules, from - DAY_MS, latest + DAY_MS)) {
		for (let start = window.start; start + durationMs <= window.end; start += step) {
			if (start >= earliest && start >= from && start < latest) starts.push(start);
		}
	}
	return starts;
}

/** Indexes of the members free for [start, end), honouring the buffer. */
export function freeMembers(query: SlotQuery, start: number, end: number): number[] {
	return query.memberBusy
		.map((busy, index) => (isFree(busy, start, end, query.rules.bufferMs) ? index : -1))
		.filter((index) => index >= 0);
}

export function isBookable(query: SlotQuery, start: number, end: number): boolean {
	const free = freeMembers(query, start, end).length;
	return query.mode === 'any' ? free > 0 : free === query.memberBusy.length;
}

/** Free slots keyed by duration in ms, as HubSpot's availability page returns them. */
export function computeSlots(query: SlotQuery): Map<number, Interval[]> {
	const slots = new Map<number, Interval[]>();
	for (const durationMs of query.rules.durationsMs) {
		const free = candidateStarts(query, durationMs)
			.map((start) => ({ start, end: start + durationMs }))
			.filter((slot) => isBookable(query, slot.start, slot.end));
		slots.set(durationMs, free);
	}
	return slots;
}
