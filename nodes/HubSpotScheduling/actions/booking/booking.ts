import type { DateTime } from 'luxon';
import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { oneLine } from '../../../shared/domain/speech';
import { speakableDateTime, toOutputTimes } from '../../../shared/domain/time';
import type { HubSpotClient } from '../../../shared/transport/client';
import type { CrmObject } from '../../../shared/transport/schemas';
import { findContactByEmail } from '../../../shared/hubspot/contacts';
import { isActive, meetingIdsOfContact, readMeetings } from '../../../shared/hubspot/meetings';
import type { Meeting } from '../../../shared/hubspot/meetings';

export type BookingMethod = 'meetingLink' | 'crmRecord';

export interface BookingRequest {
	method: BookingMethod;
	slug: string;
	zone: string;
	start: DateTime;
	durationMs: number;
	email: string;
	firstName: string;
	lastName: string;
	phone?: string;
	title?: string;
	notes?: string;
	guestEmails: string[];
	formFields: Record<string, string>;
	locale?: string;
	ownerId?: string;
	/** HubSpot's legalConsentResponses for the link (see legalConsent.ts). */
	consentResponses: Array<{ communicationTypeId: string; consented: boolean }>;
	/** Where the zone came from, said in the output. */
	zoneFrom: 'Time Zone field' | 'workflow';
}

export interface BookingResult {
	alreadyBooked: boolean;
	contactId: string;
	/** null when HubSpot does not say: its scheduler creates or updates the contact silently. */
	contactCreated: boolean | null;
	meetingId: string | null;
	calendarEventId: string | null;
	subject: string | null;
	/** Something that went wrong after the meeting was booked, such as saving the phone. */
	warning?: string;
	/** Why an answer says alreadyBooked when the caller did not ask twice (booked-but-errored). */
	note?: string;
}

/** The guest's contact (null when there is none) and its meetings, as read by email. */
export interface GuestRecord {
	contact: CrmObject | null;
	meetings: Meeting[];
}

/** A direct lookup by email, then the contact's meetings (every association page; none when it has none). */
export async function readGuestRecord(hubspot: HubSpotClient, email: string): Promise<GuestRecord> {
	const contact = await findContactByEmail(hubspot, email, { withMeetings: true });
	const ids = contact ? await meetingIdsOfContact(hubspot, contact) : [];
	return { contact, meetings: await readMeetings(hubspot, ids) };
}

/** The guest's own active booking at this start: what a retried tool call finds. */
export function bookingAt(guest: GuestRecord, startMs: number): BookingResult | undefined {
	const meeting = guest.meetings.find(
		(candidate) => isActive(candidate) && candidate.startMs === startMs,
	);
	if (!guest.contact || !meeting) return undefined;
	return {
		alreadyBooked: true,
		contactId: guest.contact.id,
		contactCreated: false,
		meetingId: meeting.id,
		calendarEventId: null,
		subject: meeting.title,
	};
}

/**
 * The answer of a copy of this booking (the same request sent twice at once, run by another process)
 * whose own meeting lost to the guest's earlier one and was archived: the guest is booked, with the
 * surviving meeting. A Meeting Link copy may have made HubSpot send the guest an invitation for the
 * archived meeting too; the API cannot withdraw it.
 */
export function copyRetracted(
	contactId: string,
	survivor: Pick<Meeting, 'id' | 'title'>,
	method: BookingMethod,
): BookingResult {
	return {
		alreadyBooked: true,
		contactId,
		contactCreated: false,
		meetingId: survivor.id,
		calendarEventId: null,
		subject: survivor.title,
		note:
			method === 'meetingLink'
				? 'The same booking ran twice at once and HubSpot booked it twice; the extra CRM meeting was archived and this one kept. HubSpot may have sent the guest an invitation for the extra one, which its API cannot withdraw.'
				: 'The same booking ran twice at once; the extra meeting was archived and this one kept.',
	};
}

/**
 * HubSpot does not document a booking's contact, CRM meeting and association as created before the
 * book call answers (its answer has no meeting id), while the slot is taken at once. A retried call
 * that finds its slot taken may be looking at its own booking that is not readable yet, so it reads
 * the guest again after each of these waits (as far as the answer budget allows) before it tells
 * the person who just booked that the time is gone. 1.5 s in all: our assumption of how long
 * HubSpot can take; a slot taken by someone else answers that much later.
 */
export const OWN_BOOKING_SETTLE_WAITS_MS = [500, 1_000];

/**
 * The guest's own active booking at this start, read afresh (a record read before the booking cannot
 * show a copy of it made meanwhile by another process), and again while HubSpot may still be
 * creating it.
 */
export async function ownBookingAt(
	hubspot: HubSpotClient,
	email: string,
	startMs: number,
): Promise<BookingResult | undefined> {
	const found = bookingAt(await readGuestRecord(hubspot, email), startMs);
	if (found) return found;
	for (const waitMs of OWN_BOOKING_SETTLE_WAITS_MS) {
		if (!(await hubspot.pause(waitMs))) return undefined;
		const again = bookingAt(await readGuestRecord(hubspot, email), startMs);
		if (again) return again;
	}
	return undefined;
}

export function slotTaken(
	context: IExecuteFunctions,
	itemIndex: number,
	request: BookingRequest,
): NodeApiError {
	const label = speakableDateTime(request.start);
	return new NodeApiError(
		context.getNode(),
		{ message: 'Slot not available' },
		{
			message: `Sorry, ${label} is no longer available. Please choose another time.`,
			description: `The slot ${request.start.toISO({ suppressMilliseconds: true })} on "${request.slug}" was taken or is outside the link's availability. Run Get Slots again for current times.`,
			httpCode: '409',
			itemIndex,
		},
	);
}

export function bookingOutput(request: BookingRequest, result: BookingResult): IDataObject {
	const endMs = request.start.toMillis() + request.durationMs;
	const label = speakableDateTime(request.start);
	// Only what HubSpot's API documents: a booking (either method) creates the calendar event and the
	// CRM meeting. Whether and how the guest is invited is not part of the API (see the README).
	const speech = result.alreadyBooked
		? `You're already booked for ${label}.`
		: `You're booked for ${label}.`;
	return {
		booked: true,
		alreadyBooked: result.alreadyBooked,
		method: request.method,
		meetingLink: request.slug,
		contactId: result.contactId,
		contactCreated: result.contactCreated,
		meetingId: result.meetingId,
		calendarEventId: result.calendarEventId,
		crmMeeting: result.alreadyBooked ? 'unchanged' : 'created',
		calendar: result.alreadyBooked ? 'unchanged' : 'event created',
		subject: result.subject,
		email: request.email,
		durationMinutes: request.durationMs / 60_000,
		...toOutputTimes(request.start.toMillis(), endMs, request.zone),
		timeZoneFrom: request.zoneFrom,
		label,
		speech: oneLine(speech),
		...(result.note ? { note: result.note } : {}),
		...(result.warning ? { warning: result.warning } : {}),
	};
}
