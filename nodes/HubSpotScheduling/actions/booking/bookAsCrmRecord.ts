import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { CancelledHubSpotCallError } from '../../../shared/transport/cancellation';
import type { HubSpotClient } from '../../../shared/transport/client';
import { createCalendarMeeting } from '../../../shared/hubspot/calendarMeetings';
import { createContact, updateContact } from '../../../shared/hubspot/contacts';
import { ownerById, ownerOfUser } from '../../../shared/hubspot/owners';
import type { Owner } from '../../../shared/hubspot/owners';
import type { AvailabilityPage, MeetingLink } from '../../../shared/hubspot/scheduler';
import {
	BusyTimesZoneMissing,
	freeUserIds,
	linkUserIds,
	readAvailabilityPages,
	slotsOfPages,
} from '../../../shared/hubspot/scheduler';
import { bookingAt, copyRetracted, readGuestRecord, slotTaken } from './booking';
import type { BookingRequest, BookingResult, GuestRecord } from './booking';
import { recoverAfterFailedBooking } from './bookingRecovery';
import { invalidInput } from '../common/input';
import { asNodeError } from '../common/nodeError';
import { settleSlot } from './slotExclusivity';
import { oneAtATime, slotKey } from './slotClaims';

/**
 * CRM Record: books through the scheduler's calendar endpoint, which puts an event on the
 * organizer's calendar and creates the CRM meeting associated with the contact, so HubSpot's
 * availability stops offering the slot. Reads the slot, the guest and the chosen owner in parallel;
 * writes only after the slot checks out; then makes sure that it is the only booking of the
 * organizer at that time and the guest's only one at that start, across processes
 * (slotExclusivity): a copy of the same request that lost answers with the guest's surviving
 * meeting. Within one process, bookings of one slot also take turns, so a tool call fired twice
 * finds the first one's meeting.
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
	const endMs = startMs + request.durationMs;
	return await oneAtATime(slotKey(context, request.slug, startMs), async () => {
		const [pages, guest, chosenOwner] = await Promise.all([
			readAvailabilityPages(hubspot, link, {
				zone: request.zone,
				durationMs: request.durationMs,
				rangeStartMs: startMs,
				rangeEndMs: startMs + 1,
				nowMs: hubspot.clock.now(),
			}),
			knownGuest ?? readGuestRecord(hubspot, request.email),
			request.ownerId ? ownerById(hubspot, request.ownerId) : undefined,
		]);
		const existing = bookingAt(guest, startMs);
		if (existing) return existing;
		if (!slotIsOffered(context, itemIndex, link, pages, request, hubspot.clock.now()))
			throw slotTaken(context, itemIndex, request);
		const organizer = await chooseOrganizer(
			context,
			itemIndex,
			hubspot,
			request,
			link,
			pages,
			chosenOwner,
		);

		const { contactId, contactCreated } = await ensureContact(hubspot, request, guest);
		const subject =
			request.title ??
			`Meeting with ${[request.firstName, request.lastName].filter(Boolean).join(' ')}`;
		let written;
		try {
			written = await createCalendarMeeting(hubspot, {
				organizerUserId: organizer.userId,
				ownerId: organizer.ownerId,
				contactId,
				startMs,
				endMs,
				title: subject,
				body: request.notes,
				zone: request.zone,
			});
		} catch (error) {
			return await recoverAfterFailedBooking(context, hubspot, request, error);
		}
		const verdict = await settleSlot(hubspot, {
			contactId,
			startMs,
			endMs,
			ownerId: organizer.ownerId,
			isOwn: (meeting) => meeting.id === written.meetingId,
		}).catch((error: unknown) => {
			throw cancelledAfterWrite(error, written.meetingId);
		});
		if (verdict.outcome === 'copy') return copyRetracted(contactId, verdict.survivor, 'crmRecord');
		if (verdict.outcome === 'taken') throw slotTaken(context, itemIndex, request);
		return {
			alreadyBooked: false,
			contactId,
			contactCreated,
			meetingId: written.meetingId,
			calendarEventId: written.calendarEventId,
			subject,
			...(verdict.unverified
				? {
						warning:
							"The meeting is booked, but HubSpot's search did not show it within a few seconds, so a simultaneous booking of the same time by another caller could not be ruled out.",
					}
				: {}),
		};
	});
}

/**
 * The meeting exists once written; a cancel during the check that follows must not hide it. Other
 * errors go on unchanged.
 */
function cancelledAfterWrite(error: unknown, meetingId: string): unknown {
	if (!(error instanceof CancelledHubSpotCallError)) return error;
	error.message = `The meeting was booked (CRM meeting ${meetingId}), but the execution was cancelled before the check for another booking of the same time was finished. ${error.message}`;
	error.description =
		"Look at the organizer's calendar at that time: if another meeting was booked there at the same moment, cancel one of them.";
	return error;
}

function slotIsOffered(
	context: IExecuteFunctions,
	itemIndex: number,
	link: MeetingLink,
	pages: AvailabilityPage[],
	request: BookingRequest,
	nowMs: number,
): boolean {
	const startMs = request.start.toMillis();
	try {
		const slots = slotsOfPages(pages, link, {
			zone: request.zone,
			busyTimesZone: request.zoneFrom === 'Time Zone field' ? request.zone : undefined,
			durationMs: request.durationMs,
			rangeStartMs: startMs,
			rangeEndMs: startMs + 1,
			nowMs,
		});
		return slots.some((slot) => slot.startMs === startMs);
	} catch (error) {
		if (error instanceof BusyTimesZoneMissing)
			throw invalidInput(context, itemIndex, 'Time Zone', error.message);
		throw asNodeError(context.getNode(), error);
	}
}

/**
 * The chosen owner; else the link's organizer (the first user HubSpot lists for it); on a round-robin
 * link the first member who is free at that time per HubSpot's availability.
 */
async function chooseOrganizer(
	context: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
	request: BookingRequest,
	link: MeetingLink,
	pages: AvailabilityPage[],
	chosenOwner: Owner | null | undefined,
): Promise<Owner> {
	if (chosenOwner === null) {
		throw invalidInput(
			context,
			itemIndex,
			'Owner ID',
			`HubSpot has no owner with ID ${request.ownerId ?? ''} who is a user with a calendar. Use the owner ID of the organizer, or leave the field empty for the meeting link's organizer.`,
		);
	}
	if (chosenOwner) return chosenOwner;
	const startMs = request.start.toMillis();
	const candidates =
		link.info.linkType === 'ROUND_ROBIN_CALENDAR'
			? freeUserIds(pages, startMs, startMs + request.durationMs)
			: linkUserIds(link).slice(0, 1);
	if (candidates.length === 0) throw slotTaken(context, itemIndex, request);
	const owner = await ownerOfUser(hubspot, candidates[0]);
	if (!owner) {
		throw new NodeOperationError(
			context.getNode(),
			`The meeting was not booked: the organizer of "${request.slug}" (HubSpot user ${candidates[0]}) has no owner record, so the meeting could not be owned by them.`,
			{ itemIndex, description: "Set Options → Owner ID to the organizer's HubSpot owner ID." },
		);
	}
	return owner;
}

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
