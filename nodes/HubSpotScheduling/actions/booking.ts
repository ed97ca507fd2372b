import { DateTime } from 'luxon';
import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';

import { oneLine } from '../../shared/domain/speech';
import { speakableDateTime, toOutputTimes } from '../../shared/domain/time';
import type { HubSpotClient } from '../../shared/transport/client';
import { HubSpotApiError } from '../../shared/transport/errors';
import { paths } from '../../shared/transport/paths';
import { bookingResponseSchema } from '../../shared/transport/schemas';
import { createContact, findContactByEmail, updateContact } from '../hubspot/contacts';
import { createMeeting, isActive, readMeetings } from '../hubspot/meetings';
import type { Meeting } from '../hubspot/meetings';
import type { BookingInfo } from '../hubspot/scheduler';
import { findSlots } from '../hubspot/scheduler';
import { invalidInput } from './input';

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
}

export interface BookingResult {
	alreadyBooked: boolean;
	contactId: string;
	contactCreated: boolean | null;
	meetingId: string | null;
	calendarEventId: string | null;
	subject: string | null;
}

const SLOT_TAKEN = 'MeetingsBookingSchedulingError.MEETING_START_TIME_NOT_VALID';

/** Meeting Link: one write through the scheduler, which also sends the invite to the guest. */
export async function bookThroughLink(
	context: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
	request: BookingRequest,
	bookingInfo: BookingInfo,
): Promise<BookingResult> {
	const formFields = formFieldsFor(context, itemIndex, request, bookingInfo);
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
					startTime: request.start.toMillis(),
					duration: request.durationMs,
					guestEmails: request.guestEmails,
					timezone: request.zone,
					locale: request.locale ?? 'en-us',
					formFields: Object.entries(formFields).map(([name, value]) => ({ name, value })),
					legalConsentResponses: [],
					likelyAvailableUserIds: [],
				},
				what: 'book the meeting',
			},
			bookingResponseSchema,
		);
	} catch (error) {
		if (!isSlotRejected(error)) throw new NodeApiError(context.getNode(), error as JsonObject);
		// A voice platform retrying the same tool call lands here: the slot is ours already.
		const existing = await findExistingBooking(hubspot, request);
		if (existing) return existing;
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
	if (request.phone && !('phone' in formFields)) {
		await updateContact(hubspot, response.contactId, { phone: request.phone });
	}
	return {
		alreadyBooked: false,
		contactId: response.contactId,
		contactCreated: null,
		meetingId: null,
		calendarEventId: response.calendarEventId,
		subject: response.subject ?? null,
	};
}

/** CRM Record: for links or accounts where the scheduler cannot book; writes only after the slot checks out. */
export async function bookAsCrmRecord(
	context: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
	request: BookingRequest,
	bookingInfo: BookingInfo,
): Promise<BookingResult> {
	const startMs = request.start.toMillis();
	const [slots, contact] = await Promise.all([
		findSlots(
			hubspot,
			{
				slug: request.slug,
				zone: request.zone,
				durationMs: request.durationMs,
				rangeStartMs: startMs,
				rangeEndMs: startMs + 1,
				nowMs: Date.now(),
			},
			bookingInfo,
		),
		findContactByEmail(hubspot, request.email, { withMeetings: true }),
	]);
	const meetingIds = contact?.associations?.meetings?.results.map((ref) => ref.id) ?? [];
	if (contact && meetingIds.length > 0) {
		const existing = (await readMeetings(hubspot, meetingIds)).find((meeting) =>
			startsAt(meeting, startMs),
		);
		if (existing) return alreadyBooked(contact.id, existing);
	}
	if (!slots.some((slot) => slot.startMs === startMs)) throw slotTaken(context, itemIndex, request);

	let contactId: string;
	let contactCreated: boolean;
	if (contact) {
		contactId = contact.id;
		contactCreated = false;
		if (request.phone && !contact.properties.phone)
			await updateContact(hubspot, contactId, { phone: request.phone });
	} else {
		const created = await createContact(hubspot, contactProperties(request));
		contactId = created.id;
		contactCreated = created.created;
	}
	const subject =
		request.title ??
		`Meeting with ${[request.firstName, request.lastName].filter(Boolean).join(' ')}`;
	const endMs = startMs + request.durationMs;
	const meetingId = await createMeeting(hubspot, contactId, {
		hs_timestamp: String(startMs),
		hs_meeting_title: subject,
		hs_meeting_start_time: String(startMs),
		hs_meeting_end_time: String(endMs),
		hs_meeting_outcome: 'SCHEDULED',
		...(request.notes ? { hs_meeting_body: request.notes } : {}),
		...(request.ownerId ? { hubspot_owner_id: request.ownerId } : {}),
	});
	return {
		alreadyBooked: false,
		contactId,
		contactCreated,
		meetingId,
		calendarEventId: null,
		subject,
	};
}

async function findExistingBooking(
	hubspot: HubSpotClient,
	request: BookingRequest,
): Promise<BookingResult | undefined> {
	const contact = await findContactByEmail(hubspot, request.email, { withMeetings: true });
	const ids = contact?.associations?.meetings?.results.map((ref) => ref.id) ?? [];
	if (!contact || ids.length === 0) return undefined;
	const existing = (await readMeetings(hubspot, ids)).find((meeting) =>
		startsAt(meeting, request.start.toMillis()),
	);
	return existing ? alreadyBooked(contact.id, existing) : undefined;
}

function startsAt(meeting: Meeting, startMs: number): boolean {
	return isActive(meeting) && meeting.startMs === startMs;
}

function alreadyBooked(contactId: string, meeting: Meeting): BookingResult {
	return {
		alreadyBooked: true,
		contactId,
		contactCreated: false,
		meetingId: meeting.id,
		calendarEventId: null,
		subject: meeting.title,
	};
}

function isSlotRejected(error: unknown): boolean {
	if (!(error instanceof HubSpotApiError) || error.hubspot.status !== 400) return false;
	return (
		error.hubspot.subCategory === SLOT_TAKEN ||
		/start time must be contained in availability/i.test(error.hubspot.hubspotMessage ?? '')
	);
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
			description: `The slot ${request.start.toISO()} on "${request.slug}" was taken or is outside the link's availability. Run Get Slots again for current times.`,
			httpCode: '409',
			itemIndex,
		},
	);
}

function contactProperties(request: BookingRequest): Record<string, string> {
	return {
		email: request.email,
		...(request.firstName ? { firstname: request.firstName } : {}),
		...(request.lastName ? { lastname: request.lastName } : {}),
		...(request.phone ? { phone: request.phone } : {}),
	};
}

/** The link's own form decides which fields HubSpot expects; the guest's details fill the standard ones. */
function formFieldsFor(
	context: IExecuteFunctions,
	itemIndex: number,
	request: BookingRequest,
	bookingInfo: BookingInfo,
): Record<string, string> {
	const standard: Record<string, string | undefined> = {
		firstname: request.firstName,
		lastname: request.lastName,
		email: request.email,
		phone: request.phone,
	};
	const fields: Record<string, string> = {};
	for (const field of bookingInfo.customParams.formFields) {
		if (['firstname', 'lastname', 'email'].includes(field.name)) continue;
		const value = request.formFields[field.name] ?? standard[field.name];
		if (value !== undefined && value !== '') fields[field.name] = value;
		else if (field.isRequired) {
			throw invalidInput(
				context,
				itemIndex,
				'Form Fields',
				`this meeting link's form requires "${field.name}". Add it under Options → Form Fields.`,
			);
		}
	}
	return fields;
}

export function bookingOutput(request: BookingRequest, result: BookingResult): IDataObject {
	const endMs = request.start.toMillis() + request.durationMs;
	const label = speakableDateTime(request.start);
	const speech = result.alreadyBooked
		? `You're already booked for ${label}.`
		: `You're booked for ${label}.${request.method === 'meetingLink' ? ` A calendar invitation is on its way to ${request.email}.` : ''}`;
	return {
		booked: true,
		alreadyBooked: result.alreadyBooked,
		method: request.method,
		meetingLink: request.slug,
		contactId: result.contactId,
		contactCreated: result.contactCreated,
		meetingId: result.meetingId,
		calendarEventId: result.calendarEventId,
		subject: result.subject,
		email: request.email,
		durationMinutes: request.durationMs / 60_000,
		...toOutputTimes(request.start.toMillis(), endMs, request.zone),
		label,
		speech: oneLine(speech),
	};
}

export function nowInZone(zone: string): DateTime {
	return DateTime.now().setZone(zone);
}
