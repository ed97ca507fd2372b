import { DateTime } from 'luxon';

/**
 * Free slots computed from a link's weekly hours and busy times, for links whose availability page
 * gives busy times only. Windows are wall-clock times in the link's zone, so days of 23 or 25 hours
 * (daylight saving changes) come out right.
 */

export type WeeklyHours = Record<string, Array<{ start: number; end: number }>>;

export interface SlotRequest {
	rangeStartMs: number;
	rangeEndMs: number;
	zone: string;
	weeklyHours: WeeklyHours;
	durationMs: number;
	bufferMs: number;
	incrementMinutes: number;
	minimumNoticeMs: number;
	nowMs: number;
	busy: Array<{ startMs: number; endMs: number }>;
}

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

function keysForWeekday(weekday: number): string[] {
	const keys = [WEEKDAYS[weekday - 1], 'EVERY_DAY'];
	keys.push(weekday <= 5 ? 'MON_FRI' : 'SAT_SUN');
	return keys;
}

function wallClock(day: DateTime, minutes: number): DateTime {
	if (minutes >= 1440) return day.plus({ days: 1 }).startOf('day');
	return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 });
}

export function computeFreeSlots(request: SlotRequest): Array<{ startMs: number; endMs: number }> {
	const earliest = Math.max(request.rangeStartMs, request.nowMs + request.minimumNoticeMs);
	const busy = request.busy
		.map((interval) => ({ startMs: interval.startMs - request.bufferMs, endMs: interval.endMs + request.bufferMs }))
		.sort((a, b) => a.startMs - b.startMs);
	const stepMs = Math.max(1, request.incrementMinutes) * 60_000;
	const slots: Array<{ startMs: number; endMs: number }> = [];
	let day = DateTime.fromMillis(request.rangeStartMs, { zone: request.zone }).startOf('day').minus({ days: 1 });
	const lastDay = DateTime.fromMillis(request.rangeEndMs, { zone: request.zone }).startOf('day');
	for (; day <= lastDay; day = day.plus({ days: 1 }).startOf('day')) {
		for (const key of keysForWeekday(day.weekday)) {
			for (const window of request.weeklyHours[key] ?? []) {
				const windowStart = wallClock(day, window.start).toMillis();
				const windowEnd = wallClock(day, window.end).toMillis();
				for (let start = windowStart; start + request.durationMs <= windowEnd; start += stepMs) {
					const end = start + request.durationMs;
					if (start < earliest || start >= request.rangeEndMs) continue;
					if (busy.some((interval) => interval.startMs < end && interval.endMs > start)) continue;
					slots.push({ startMs: start, endMs: end });
				}
			}
		}
	}
	const unique = new Map(slots.map((slot) => [slot.startMs, slot]));
	return [...unique.values()].sort((a, b) => a.startMs - b.startMs);
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

export function incrementMinutesFromSetting(setting: string, durationMs: number): number {
	return INCREMENTS[setting] ?? Math.max(1, Math.round(durationMs / 60_000));
}
