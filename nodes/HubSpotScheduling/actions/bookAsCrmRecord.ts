import { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import type { HubSpotClient } from '../../shared/transport/client';
import { createContact, updateContact } from '../hubspot/contacts';
import { createMeeting, isActive, readMeeting } from '../hubspot/meetings';
import type { MeetingLink } from '../hubspot/scheduler';
import { findSlots } from '../hubspot/scheduler';
import { bookingAt, readGuestRecord, slotTaken } from './booking';
import type { BookingRequest, BookingResult, GuestRecord } from './booking';
import { claim, claimOf, oneAtATime, release, slotKey } from './slotClaims';

/**
 * CRM Record: for links or accounts where the scheduler cannot book. Reads the slot and the guest
 * in parallel, writes only after the slot checks out, and creates the meeting already associated
 * with the contact. The guest's meetings are always checked, because a CRM meeting may not block
 * the organizer's calendar, so a retried call would otherwise find the slot still free; for the same
 * reason bookings of one slot take turns (see slotClaims).
 */
export async function bookAsCrmRecord(
	context: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
	request: BookingRequest,
	link: MeetingLink,
	knownGuest?: GuestRecord,
): Promise<BookingResult> {
	const startMs = request.start.toMillis();
	const key = slotKey(context, request.slug, startMs);
	return await oneAtATime(key, async () => {
		const [slots, guest] = await Promise.all([
			findSlots(hubspot, link, {
				zone: request.zone,
				durationMs: request.durationMs,
				rangeStartMs: startMs,
				rangeEndMs: startMs + 1,
				nowMs: DateTime.now().toMillis(),
			}),
			knownGuest ?? readGuestRecord(hubspot, request.email),
		]);
		const existing = bookingAt(guest, startMs);
		if (existing) return existing;
		if (!slots.some((slot) => slot.startMs === startMs))
			throw slotTaken(context, itemIndex, request);
		if (await takenByOtherCaller(hubspot, key, request))
			throw slotTaken(context, itemIndex, request);

		const { contactId, contactCreated } = await ensureContact(hubspot, request, guest);
		const subject =
			request.title ??
			`Meeting with ${[request.firstName, request.lastName].filter(Boolean).join(' ')}`;
		const meetingId = await createMeeting(hubspot, contactId, {
			hs_timestamp: String(startMs),
			hs_meeting_title: subject,
			hs_meeting_start_time: String(startMs),
			hs_meeting_end_time: String(startMs + request.durationMs),
			hs_meeting_outcome: 'SCHEDULED',
			...(request.notes ? { hs_meeting_body: request.notes } : {}),
			...(request.ownerId ? { hubspot_owner_id: request.ownerId } : {}),
		});
		claim(key, { email: request.email, meetingId, startMs });
		return {
			alreadyBooked: false,
			contactId,
			contactCreated,
			meetingId,
			calendarEventId: null,
			subject,
		};
	});
}

/** Another caller took this slot while this booking waited its turn; true only while that meeting is live. */
async function takenByOtherCaller(hubspot: HubSpotClient, key: string, request: BookingRequest) {
	const taken = claimOf(key);
	if (!taken || taken.email === request.email) return false;
	const meeting = await readMeeting(hubspot, taken.meetingId);
	if (meeting && isActive(meeting) && meeting.startMs === taken.startMs) return true;
	release(key);
	return false;
}

/** The HubSpot account this execution books in, as n8n names its credential. */
/** An existing contact only gets the phone when it has none; a new one gets name, email and phone. */
async function ensureContact(
	hubspot: HubSpotClient,
	request: BookingRequest,
	guest: GuestRecord,
): Promise<{ contactId: string; contactCreated: boolean }> {
	if (guest.contact) {
		if (request.phone && !guest.contact.properties.phone) {
			await updateContact(hubspot, guest.contact.id, { phone: request.phone });
		}
		return { contactId: guest.contact.id, contactCreated: false };
	}
	const created = await createContact(hubspot, {
		email: request.email,
		...(request.firstName ? { firstname: request.firstName } : {}),
		...(request.lastName ? { lastname: request.lastName } : {}),
		...(request.phone ? { phone: request.phone } : {}),
	});
	return { contactId: created.id, contactCreated: created.created };
}
