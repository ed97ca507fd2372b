import { DateTime } from 'luxon';

import { joinSpoken, oneLine } from '../../../shared/domain/speech';
import { speakableDay, speakableTime } from '../../../shared/domain/time';

const MAX_SPOKEN = 5;
const MIN_SPOKEN_GAP_MS = 60 * 60_000;

/**
 * One line a voice agent can say as it is. A caller cannot take in forty quarter-hour slots, so
 * beyond five it names five, spread over the days and at least an hour apart; times are grouped by
 * day so each date is said once: "Available on Friday, October 30 at 9:00 AM, 10:00 AM, or 1:15 PM."
 */
export function slotsSpeech(startsMs: number[], zone: string): string {
	if (startsMs.length === 0)
		return 'There are no free times in that period. Would another day work?';
	const spoken = startsMs.length <= MAX_SPOKEN ? startsMs : pickSpoken(startsMs, zone);
	const days = new Map<string, DateTime[]>();
	for (const startMs of spoken) {
		const start = DateTime.fromMillis(startMs, { zone });
		const day = speakableDay(start);
		days.set(day, [...(days.get(day) ?? []), start]);
	}
	const sentences = [...days].map(
		([day, starts]) =>
			`Available on ${day} at ${joinSpoken(starts.map((start) => speakableTime(start)))}.`,
	);
	const more = startsMs.length - spoken.length;
	if (more > 0)
		sentences.push(`There ${more === 1 ? 'is 1 more time' : `are ${more} more times`} as well.`);
	return oneLine(sentences.join(' '));
}

/** Each day's times an hour apart (earliest first), taken from the days in turn, in time order. */
function pickSpoken(startsMs: number[], zone: string): number[] {
	const byDay = new Map<string, number[]>();
	for (const startMs of [...startsMs].sort((a, b) => a - b)) {
		const day = DateTime.fromMillis(startMs, { zone }).toISODate() ?? '';
		const chosen = byDay.get(day) ?? [];
		if (chosen.length === 0 || startMs - chosen[chosen.length - 1] >= MIN_SPOKEN_GAP_MS) {
			byDay.set(day, [...chosen, startMs]);
		}
	}
	const picked: number[] = [];
	const queues = [...byDay.values()];
	for (
		let round = 0;
		picked.length < MAX_SPOKEN && queues.some((queue) => queue.length > round);
		round++
	) {
		for (const queue of queues) {
			if (round < queue.length && picked.length < MAX_SPOKEN) picked.push(queue[round]);
		}
	}
	return picked.sort((a, b) => a - b);
}
