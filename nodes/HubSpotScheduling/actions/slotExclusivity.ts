import type { HubSpotClient } from '../../shared/transport/client';
import { searchOwnerMeetingsOverlapping } from '../hubspot/calendarMeetings';
import type { OwnedMeeting } from '../hubspot/calendarMeetings';
import { archiveMeeting, isActive } from '../hubspot/meetings';

/**
 * One meeting per organizer and slot, across any number of n8n processes, with no lock: HubSpot's
 * calendar endpoint does not refuse a busy time, so two callers who both saw the slot free may both
 * write. Right after its write each booking reads the organizer's meetings overlapping the slot
 * (one CRM search) and keeps its meeting only when it is the earliest of them (creation time, then
 * id). Every process applies the same rule to the same data, so exactly one keeps its meeting; the
 * others archive their own and answer that the slot is gone. A meeting that was there first (even
 * one created outside the node) wins, which is the conservative answer.
 *
 * CRM search indexes a write a moment later: the result counts only once it contains the booking's
 * own meeting, so that every write made before it is visible too (our assumption: HubSpot indexes
 * writes in order). The search is repeated a few times while it does not.
 */
const VISIBILITY_WAITS_MS = [250, 500, 1000];

export interface ExclusivityCheck {
	kept: boolean;
	/** Searches made (1 on the normal path). */
	searches: number;
	/** Set when the own meeting never showed up in search, so the check could not be completed. */
	unverified?: boolean;
}

export async function keepIfFirst(
	hubspot: HubSpotClient,
	own: { meetingId: string; ownerId: string; startMs: number; endMs: number },
): Promise<ExclusivityCheck> {
	for (let attempt = 0; ; attempt++) {
		const overlapping = (
			await searchOwnerMeetingsOverlapping(hubspot, own.ownerId, own.startMs, own.endMs)
		).filter(isActive);
		if (overlapping.some((meeting) => meeting.id === own.meetingId)) {
			if (firstOf(overlapping).id === own.meetingId) return { kept: true, searches: attempt + 1 };
			await archiveMeeting(hubspot, own.meetingId);
			return { kept: false, searches: attempt + 1 };
		}
		if (attempt >= VISIBILITY_WAITS_MS.length)
			return { kept: true, searches: attempt + 1, unverified: true };
		await hubspot.sleep(VISIBILITY_WAITS_MS[attempt], "search the organizer's meetings again");
	}
}

function firstOf(meetings: OwnedMeeting[]): OwnedMeeting {
	return [...meetings].sort((a, b) => a.createdMs - b.createdMs || compareIds(a.id, b.id))[0];
}

function compareIds(a: string, b: string): number {
	return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
