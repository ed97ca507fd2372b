import type { HubSpotClient } from '../../../shared/transport/client';
import { searchSlotMeetings } from '../../../shared/hubspot/calendarMeetings';
import type { OwnedMeeting, SlotSearch } from '../../../shared/hubspot/calendarMeetings';
import { archiveMeeting, isActive } from '../../../shared/hubspot/meetings';

/**
 * One booking per organizer and slot, and one per guest and slot, across any number of n8n
 * processes, with no lock and no store but HubSpot. Two processes may both write: the calendar
 * endpoint does not refuse a busy time, and on a round-robin link HubSpot's scheduler gives each copy
 * of one request the next free member. So right after its write each booking reads the slot back and
 * applies one rule that every process computes the same way from the same data:
 *
 * - order: earlier creation time first, then the smaller id;
 * - a meeting is "first at its organizer" when no earlier active meeting of the same owner overlaps it;
 * - the guest's survivor is the earliest of the guest's meetings at that start that is first at its
 *   organizer; every other meeting of the guest at that start is a copy and is retracted (archived)
 *   by the process that wrote it, which answers "already booked" with the survivor;
 * - a meeting that is not first at its organizer, and is not the guest's survivor, is retracted and
 *   its writer answers that the slot is gone.
 *
 * Survivors never conflict: each is the earliest at its organizer, and a guest keeps only the first
 * such meeting. Every process of one guest sees the same "first at organizer" answer for a meeting
 * earlier than its own (see visibility below; archiving only removes later meetings, never earlier
 * ones), so copies agree on the survivor.
 *
 * Visibility: CRM search indexes a write a moment later. A result counts only once it contains the
 * booking's own meeting, so that every write made before it is visible too (our assumption: HubSpot
 * indexes writes in order). The search is repeated a few times while it does not.
 */
const VISIBILITY_WAITS_MS = [250, 500, 1000];

export type SlotVerdict =
	| { outcome: 'kept'; searches: number; unverified?: boolean }
	/** Own meeting retracted: the guest already holds `survivor` at this start. */
	| { outcome: 'copy'; searches: number; survivor: OwnedMeeting }
	/** Own meeting retracted: the organizer's slot belongs to an earlier meeting of someone else. */
	| { outcome: 'taken'; searches: number };

export interface OwnBooking {
	contactId: string;
	startMs: number;
	endMs: number;
	/** How to recognise the own meeting among the results (its id, or its calendar event). */
	isOwn: (meeting: OwnedMeeting) => boolean;
	/**
	 * CRM Record: the organizer the node chose; its overlapping meetings are checked in the same
	 * search. Absent for a Meeting Link booking: HubSpot's scheduler assigned a member who was free
	 * (its own check), so only the guest's copies are read.
	 */
	ownerId?: string;
}

export async function settleSlot(hubspot: HubSpotClient, own: OwnBooking): Promise<SlotVerdict> {
	const search: SlotSearch = {
		startMs: own.startMs,
		endMs: own.endMs,
		contactId: own.contactId,
		...(own.ownerId !== undefined ? { ownerId: own.ownerId } : {}),
	};
	for (let attempt = 0; ; attempt++) {
		const found = (await searchSlotMeetings(hubspot, search)).filter(isActive);
		const mine = found.find(own.isOwn);
		if (mine) {
			// The normal path: nothing earlier at the organizer or among the guest's copies.
			if (inOrder(found)[0].id === mine.id) return { outcome: 'kept', searches: attempt + 1 };
			return await settleRace(hubspot, own, mine, found, attempt + 1);
		}
		if (attempt >= VISIBILITY_WAITS_MS.length)
			return { outcome: 'kept', searches: attempt + 1, unverified: true };
		await hubspot.sleep(VISIBILITY_WAITS_MS[attempt], "search the slot's meetings again");
	}
}

/**
 * Someone wrote at this time before us: the guest's copies are read on their own (the combined search
 * does not say which results are the guest's), and each earlier copy's organizer is checked.
 */
async function settleRace(
	hubspot: HubSpotClient,
	own: OwnBooking,
	mine: OwnedMeeting,
	found: OwnedMeeting[],
	searchesSoFar: number,
): Promise<SlotVerdict> {
	let searches = searchesSoFar;
	let guestCopies = found;
	if (own.ownerId !== undefined) {
		searches++;
		guestCopies = (
			await searchSlotMeetings(hubspot, {
				startMs: own.startMs,
				endMs: own.endMs,
				contactId: own.contactId,
			})
		).filter(isActive);
	}
	const isFirstAtOrganizer = async (meeting: OwnedMeeting): Promise<boolean> => {
		// A Meeting Link booking's organizer was assigned free by HubSpot's scheduler.
		if (meeting.id === mine.id && own.ownerId === undefined) return true;
		// The first search already holds our organizer's meetings at this time.
		if (own.ownerId !== undefined && meeting.ownerId === own.ownerId)
			return firstAtOrganizer(meeting, found);
		searches++;
		const atOrganizer = await searchSlotMeetings(hubspot, {
			ownerId: meeting.ownerId,
			startMs: meeting.startMs,
			endMs: meeting.endMs,
		});
		return firstAtOrganizer(meeting, atOrganizer.filter(isActive));
	};
	const copies = inOrder(
		guestCopies.some((meeting) => meeting.id === mine.id) ? guestCopies : [...guestCopies, mine],
	);
	for (const copy of copies) {
		if (!(await isFirstAtOrganizer(copy))) continue;
		if (copy.id === mine.id) return { outcome: 'kept', searches };
		await archiveMeeting(hubspot, mine.id);
		return { outcome: 'copy', searches, survivor: copy };
	}
	await archiveMeeting(hubspot, mine.id);
	return { outcome: 'taken', searches };
}

/**
 * The guest's meeting at this start that every copy of the booking agrees on, for a process that did
 * not write (HubSpot refused it the slot): the earliest copy that is first at its organizer.
 */
export async function guestSurvivor(
	hubspot: HubSpotClient,
	contactId: string,
	startMs: number,
	endMs: number,
): Promise<OwnedMeeting | undefined> {
	const copies = inOrder(
		(await searchSlotMeetings(hubspot, { contactId, startMs, endMs })).filter(isActive),
	);
	for (const copy of copies) {
		const atOrganizer = await searchSlotMeetings(hubspot, {
			ownerId: copy.ownerId,
			startMs: copy.startMs,
			endMs: copy.endMs,
		});
		if (firstAtOrganizer(copy, atOrganizer.filter(isActive))) return copy;
	}
	return undefined;
}

/** No earlier active meeting of the same owner overlaps it (and it is still there). */
function firstAtOrganizer(meeting: OwnedMeeting, candidates: OwnedMeeting[]): boolean {
	const sameOwner = candidates.filter(
		(other) =>
			other.ownerId === meeting.ownerId &&
			other.startMs < meeting.endMs &&
			other.endMs > meeting.startMs,
	);
	if (!sameOwner.some((other) => other.id === meeting.id)) return false;
	return inOrder(sameOwner)[0].id === meeting.id;
}

function inOrder(meetings: OwnedMeeting[]): OwnedMeeting[] {
	return [...meetings].sort((a, b) => a.createdMs - b.createdMs || compareIds(a.id, b.id));
}

function compareIds(a: string, b: string): number {
	return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
