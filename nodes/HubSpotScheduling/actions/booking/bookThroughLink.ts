import { NodeApiError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import type { HubSpotClient } from '../../../shared/transport/client';
import { HubSpotApiError } from '../../../shared/transport/errors';
import { paths } from '../../../shared/transport/paths';
import { bookingResponseSchema } from '../../../shared/transport/schemas';
import { updateContact } from '../../../shared/hubspot/contacts';
import { bookingTimeFields } from '../../../shared/hubspot/scheduler';
import type { MeetingLink } from '../../../shared/hubspot/scheduler';
import { bookingAt, copyRetracted, ownBookingAt, readGuestRecord, slotTaken } from './booking';
import type { BookingRequest, BookingResult, GuestRecord } from './booking';
import { invalidInput } from '../common/input';
import { recoverAfterFailedBooking } from './bookingRecovery';
import { oneAtATime, slotKey } from './slotClaims';
import { guestSurvivor, settleSlot } from './slotExclusivity';

const SLOT_TAKEN = 'MeetingsBookingSchedulingError.MEETING_START_TIME_NOT_VALID';

/**
 * Meeting Link: one write through the scheduler, which also sends the invite to the guest.
 * Idempotent: when HubSpot refuses the slot it looks for the guest's own meeting at that start (a
 * retried tool call), at no cost on the normal path. A round-robin link is the exception: its slot
 * stays open while another member is free, so HubSpot would accept the retry and book that member
 * too; there the guest's meetings are read first, and after the write the guest's meetings at that
 * start are read back (slotExclusivity): copies of the request that ran at once in other processes
 * agree on one survivor and the others archive their CRM meeting. `knownGuest` is used when the
 * caller read it.
 */
export async function bookThroughLink(
	context: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
	request: BookingRequest,
	link: MeetingLink,
	knownGuest?: GuestRecord,
): Promise<BookingResult> {
	const startMs = request.start.toMillis();
	return await oneAtATime(slotKey(context, request.slug, startMs), async () => {
		if (link.info.linkType === 'ROUND_ROBIN_CALENDAR') {
			const guest = knownGuest ?? (await readGuestRecord(hubspot, request.email));
			const existing = bookingAt(guest, startMs);
			if (existing) return existing;
		}
		return await bookOnce(context, itemIndex, hubspot, request, link);
	});
}

async function bookOnce(
	context: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
	request: BookingRequest,
	link: MeetingLink,
): Promise<BookingResult> {
	const formFields = formFieldsFor(context, itemIndex, request, link);
	let response;
	try {
		response = await hubspot.request(
			{
				method: 'POST',
				path: paths.book(),
				qs: { timezone: request.zone },
				body: {
					slug: request.slug,
					firstName: request.firstName,
					lastName: request.lastName,
					email: request.email,
					...bookingTimeFields(request.start.toMillis(), request.durationMs),
					guestEmails: request.guestEmails,
					timezone: request.zone,
					locale: request.locale ?? 'en-us',
					formFields: Object.entries(formFields).map(([name, value]) => ({ name, value })),
					legalConsentResponses: request.consentResponses,
					likelyAvailableUserIds: [],
				},
				what: 'book the meeting',
			},
			bookingResponseSchema,
		);
	} catch (error) {
		if (!isSlotRejected(error))
			return await recoverAfterFailedBooking(context, hubspot, request, error);
		// Read afresh: a guest record read before booking cannot show a copy of this booking that
		// another process made meanwhile (on a round-robin link, the copy that holds the slot).
		const existing = await ownBookingAt(hubspot, request.email, request.start.toMillis());
		if (existing) return await agreedCopy(hubspot, request, link, existing);
		throw slotTaken(context, itemIndex, request);
	}
	if (!response.calendarEventId || response.isOffline) {
		throw new NodeApiError(
			context.getNode(),
			{ message: 'Organizer calendar disconnected' },
			{
				message: `The meeting was not booked: the organizer's calendar for "${request.slug}" is disconnected in HubSpot, so no calendar event was created.`,
				description:
					"HubSpot answered 200 with an empty calendarEventId (offline booking). Reconnect the organizer's calendar in HubSpot (Settings → General → Calendar), or book with the CRM Record method.",
				itemIndex,
			},
		);
	}
	let booked: BookingResult = {
		alreadyBooked: false,
		contactId: response.contactId,
		contactCreated: null,
		meetingId: null,
		calendarEventId: response.calendarEventId,
		subject: response.subject ?? null,
	};
	if (link.info.linkType === 'ROUND_ROBIN_CALENDAR') {
		const settled = await keepOneCopy(context, itemIndex, hubspot, request, booked);
		if (settled.alreadyBooked) return settled;
		booked = settled;
	}
	// The link's form saves the phone itself; without a phone question it takes one more call.
	if (request.phone && !('phone' in formFields)) {
		try {
			await updateContact(hubspot, response.contactId, { phone: request.phone });
		} catch (error) {
			// The meeting exists: failing the item now would make the caller book again.
			const reason = error instanceof Error ? error.message : String(error);
			context.logger.warn(
				`HubSpot Scheduling booked a meeting but could not save the phone: ${reason}`,
			);
			return {
				...booked,
				warning: `The meeting is booked, but the phone number was not saved on the contact. ${reason}`,
			};
		}
	}
	return booked;
}

function isSlotRejected(error: unknown): boolean {
	if (!(error instanceof HubSpotApiError) || error.hubspot.status !== 400) return false;
	return (
		error.hubspot.subCategory === SLOT_TAKEN ||
		/start time must be contained in availability/i.test(error.hubspot.hubspotMessage ?? '')
	);
}

/** The link's own form decides which fields HubSpot expects; the guest's details fill the standard ones. */
function formFieldsFor(
	context: IExecuteFunctions,
	itemIndex: number,
	request: BookingRequest,
	link: MeetingLink,
): Record<string, string> {
	const standard: Record<string, string | undefined> = {
		firstname: request.firstName,
		lastname: request.lastName,
		email: request.email,
		phone: request.phone,
	};
	const fields: Record<string, string> = {};
	for (const field of link.info.customParams.formFields) {
		if (['firstname', 'lastname', 'email'].includes(field.name)) continue;
		const value = request.formFields[field.name] ?? standard[field.name];
		if (value !== undefined && value !== '') fields[field.name] = value;
		else if (field.isRequired) {
			throw invalidInput(
				context,
				itemIndex,
				'Form Fields',
				`this meeting link's form requires "${field.name}". Add it under Options → Form Fields (JSON), for example {"${field.name}": "…"}.`,
			);
		}
	}
	return fields;
}

/**
 * Round robin: copies of this request running at once (other workers) were each given a free member.
 * The guest's meetings at this start are read back; the earliest one stays and the others archive
 * their own CRM meeting and answer "already booked" with it. Our own meeting is the one whose
 * hs_unique_id is the calendar event HubSpot named.
 */
async function keepOneCopy(
	context: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
	request: BookingRequest,
	booked: BookingResult,
): Promise<BookingResult> {
	const startMs = request.start.toMillis();
	const verdict = await settleSlot(hubspot, {
		contactId: booked.contactId,
		startMs,
		endMs: startMs + request.durationMs,
		isOwn: (meeting) => meeting.uniqueId === booked.calendarEventId,
	});
	if (verdict.outcome === 'copy')
		return copyRetracted(booked.contactId, verdict.survivor, 'meetingLink');
	if (verdict.outcome === 'taken') throw slotTaken(context, itemIndex, request);
	if (verdict.unverified) {
		return {
			...booked,
			warning:
				"The meeting is booked, but HubSpot's search did not show it within a few seconds, so a copy of this booking made at the same moment by another process could not be ruled out.",
		};
	}
	return booked;
}

/**
 * HubSpot refused the slot and the guest holds a meeting at that start. On a round-robin link that
 * may be one of several copies still being settled: answer with the one they agree on.
 */
async function agreedCopy(
	hubspot: HubSpotClient,
	request: BookingRequest,
	link: MeetingLink,
	existing: BookingResult,
): Promise<BookingResult> {
	if (link.info.linkType !== 'ROUND_ROBIN_CALENDAR') return existing;
	const startMs = request.start.toMillis();
	const survivor = await guestSurvivor(
		hubspot,
		existing.contactId,
		startMs,
		startMs + request.durationMs,
	);
	return survivor ? { ...existing, meetingId: survivor.id, subject: survivor.title } : existing;
}
