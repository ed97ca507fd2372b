import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { isoSeconds, speakableDateTime, toOutputTimes } from '../../../shared/domain/time';
import type { Slot } from '../../../shared/hubspot/scheduler';
import type { ZoneChoice } from '../common/input';
import type { SlotRange } from './slotRange';
import { slotsSpeech } from './slotSpeech';

export type SlotsOutputMode = 'single' | 'perSlot';

export interface SlotsAnswer {
	slug: string;
	zoneChoice: ZoneChoice;
	durationMs: number;
	range: SlotRange;
	/** Every free slot HubSpot's availability gives for the range, earliest first. */
	found: Slot[];
	/** At most this many slots are returned; 0 returns all. */
	maxSlots: number;
	mode: SlotsOutputMode;
}

/** Get Slots' items: one with every slot and a spoken summary, or one per slot (none when nothing is free). */
export function slotsOutput(answer: SlotsAnswer): IDataObject[] {
	const zone = answer.zoneChoice.zone;
	const chosen = answer.maxSlots > 0 ? answer.found.slice(0, answer.maxSlots) : answer.found;
	const slots = chosen.map((slot) => ({
		...toOutputTimes(slot.startMs, slot.endMs, zone),
		label: speakableDateTime(DateTime.fromMillis(slot.startMs, { zone })),
	}));
	const durationMinutes = answer.durationMs / 60_000;
	if (answer.mode === 'perSlot')
		return slots.map((slot) => ({ meetingLink: answer.slug, durationMinutes, ...slot }));
	return [
		{
			meetingLink: answer.slug,
			timeZone: zone,
			timeZoneFrom: answer.zoneChoice.from,
			durationMinutes,
			from: isoSeconds(answer.range.start.toMillis(), zone),
			to: isoSeconds(answer.range.end.toMillis(), zone),
			count: slots.length,
			totalAvailable: answer.found.length,
			slots,
			speech: slotsSpeech(
				slots.map((slot) => slot.startMs),
				zone,
			),
		},
	];
}
