import { DateTime } from 'luxon';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { oneLine } from '../../shared/domain/speech';
import { isoSeconds, speakableDateTime } from '../../shared/domain/time';
import { CancelledHubSpotCallError } from '../../shared/transport/cancellation';
import type { HubSpotClient } from '../../shared/transport/client';
import { updateContact } from '../hubspot/contacts';
import { archiveMeeting, isActive } from '../hubspot/meetings';
import type { Meeting } from '../hubspot/meetings';
import { readMeetingLink } from '../hubspot/scheduler';
import type { MeetingLink } from '../hubspot/scheduler';
import { bookAsCrmRecord } from './bookAsCrmRecord';
import { bookingAt, bookingOutput, readGuestRecord } from './booking';
import type { BookingMethod, BookingRequest, BookingResult, GuestRecord } from './booking';
import { bookingMethodField, bookingOptionsField, readBookingOptions } from './bookingOptions';
import { bookThroughLink } from './bookThroughLink';
import { meetingLinkField, timeInputHint, timeZoneField } from './fields';
import { chooseTimeZone, readDateTime, readEmail, readSlug } from './input';
import { legalConsentResponses } from './legalConsent';
import { linkOwnerIds } from './linkPeople';
import { checkGuestEmails, chooseDuration } from './linkChecks';
import { asNodeError } from './nodeError';

const properties: INodeProperties[] = [
	meetingLinkField,
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description:
			"The guest's email; the meeting to move is looked up among this contact's meetings",
	},
	{
		displayName: 'Current Start Time',
		name: 'currentStartTime',
		type: 'string',
		default: '',
		required: true,
		description: `When the meeting starts now (for example a start from Lookup Contact's upcomingMeetings): ${timeInputHint}`,
	},
	{
		displayName: 'New Start Time',
		name: 'newStartTime',
		type: 'string',
		default: '',
		required: true,
		description: `When it should start instead: ${timeInputHint}. Use a time returned by Get Slots.`,
	},
	timeZoneField,
	bookingMethodField,
	bookingOptionsField,
];

/** The current start may already be past (a meeting that is running late is still movable). */
const ANY_TIME = { future: false, maxYearsAhead: 2 };

export const description = updateDisplayOptions(
	{ show: { operation: ['reschedule'] } },
	properties,
);

/** Books the new time first and removes the old meeting only after that succeeded: a caller is never left with none. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
): Promise<IDataObject[]> {
	const slug = readSlug(this, itemIndex);
	const email = readEmail(this, itemIndex, 'email', 'Email', true) as string;
	const options = readBookingOptions(this, itemIndex);
	const method = this.getNodeParameter('method', itemIndex, 'meetingLink') as BookingMethod;
	const zoneChoice = chooseTimeZone(this, itemIndex);
	const zone = zoneChoice.zone;
	const { currentStart, newStart } = readTimes(this, itemIndex, zone);

	const [link, guest] = await Promise.all([
		readMeetingLink(hubspot, slug, zone),
		readGuestRecord(hubspot, email),
	]);
	const consentResponses = legalConsentResponses(
		this,
		itemIndex,
		link.info,
		options.guestConsented,
	);
	if (options.durationMinutes > 0)
		chooseDuration(this, itemIndex, options.durationMinutes, link.info);
	checkGuestEmails(this, itemIndex, options.guestEmails, link.info);
	const contact = guest.contact;
	if (!contact) {
		throw new NodeOperationError(
			this.getNode(),
			`I could not find a contact with the email ${email}, so nothing was changed.`,
			{ itemIndex, description: 'Check the email, or use Book for a new booking.' },
		);
	}
	const request = (meeting: Meeting): BookingRequest => ({
		method,
		slug,
		zone,
		zoneFrom: zoneChoice.from,
		consentResponses,
		start: newStart,
		durationMs: keptDuration(this, itemIndex, options.durationMinutes, meeting, link),
		email,
		firstName: contact.properties.firstname ?? '',
		// HubSpot's scheduler refuses an empty last name; a contact without one is booked under its
		// first name, and the contact's empty last name is put back afterwards (see below).
		lastName: contact.properties.lastname || contact.properties.firstname || 'Guest',
		guestEmails: options.guestEmails,
		formFields: options.formFields,
		title: options.title,
		notes: options.notes,
		locale: options.locale,
		ownerId: options.ownerId,
	});

	// Only a meeting of this link's organizer or members can be moved through this link.
	const ownersOfLink = await linkOwnerIds(hubspot, link);
	const old = meetingToMove(this, itemIndex, guest, email, currentStart, ownersOfLink);
	const atNew = activeAt(guest.meetings, newStart.toMillis());
	if (!old) {
		// A retried tool call after a successful move: the old meeting is gone and the new one exists.
		if (!atNew) throw nothingAt(this, itemIndex, email, currentStart);
		const output = bookingOutput(request(atNew), bookingAt(guest, atNew.startMs) as BookingResult);
		return [
			{
				...output,
				rescheduled: true,
				previousMeetingId: null,
				previousStart: null,
				speech: oneLine(`Your meeting is already moved to ${output.label as string}.`),
			},
		];
	}
	const oldLabel = speakableDateTime(DateTime.fromMillis(old.startMs, { zone }));
	const booking = request(old);
	if (old.startMs === newStart.toMillis()) {
		const output = bookingOutput(booking, bookingAt(guest, old.startMs) as BookingResult);
		const speech = oneLine(`Your meeting is already on ${oldLabel}.`);
		return [
			{ ...output, rescheduled: false, previousMeetingId: null, previousStart: null, speech },
		];
	}
	const alreadyAtNew = bookingAt(guest, newStart.toMillis());
	const booked =
		alreadyAtNew ?? (await bookNewTime(this, itemIndex, hubspot, booking, link, guest, oldLabel));
	await removeOld(this, itemIndex, hubspot, old.id, newStart);
	const warning =
		!alreadyAtNew && method === 'meetingLink' && !contact.properties.lastname
			? await restoreEmptyLastName(hubspot, contact.id)
			: booked.warning;
	// The guest was read above, so unlike a plain booking it is known that no contact was created.
	const output = bookingOutput(booking, { ...booked, contactCreated: false, warning });
	return [
		{
			...output,
			rescheduled: true,
			previousMeetingId: old.id,
			previousStart: isoSeconds(old.startMs, zone),
			previousCrmMeeting: 'archived',
			previousCalendar: 'not known to be removed',
			speech: oneLine(
				`Done: you're booked for ${output.label as string}, and your meeting on ${oldLabel} is cancelled in our system.`,
			),
		},
	];
}

/** The scheduler saved the stand-in last name on the contact; the move must not rename the guest. */
async function restoreEmptyLastName(
	hubspot: HubSpotClient,
	contactId: string,
): Promise<string | undefined> {
	try {
		await updateContact(hubspot, contactId, { lastname: '' });
		return undefined;
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return `The meeting is moved, but HubSpot's scheduler saved the first name as the contact's last name. ${reason}`;
	}
}

function readTimes(context: IExecuteFunctions, itemIndex: number, zone: string) {
	return {
		currentStart: readDateTime(
			context,
			itemIndex,
			'currentStartTime',
			'Current Start Time',
			zone,
			ANY_TIME,
		),
		newStart: readDateTime(context, itemIndex, 'newStartTime', 'New Start Time', zone),
	};
}

function activeAt(meetings: Meeting[], startMs: number): Meeting | undefined {
	return meetings.find((meeting) => isActive(meeting) && meeting.startMs === startMs);
}

/** The one active meeting at the current start; none is a normal answer (see the retry case), two are an error. */
function meetingToMove(
	context: IExecuteFunctions,
	itemIndex: number,
	guest: GuestRecord,
	email: string,
	currentStart: DateTime,
	ownersOfLink: Set<string>,
): Meeting | undefined {
	const atCurrent = guest.meetings.filter(
		(meeting) =>
			isActive(meeting) &&
			meeting.startMs === currentStart.toMillis() &&
			ownersOfLink.has(meeting.ownerId ?? ''),
	);
	if (atCurrent.length > 1) {
		throw new NodeOperationError(
			context.getNode(),
			`${email} has ${atCurrent.length} meetings on ${speakableDateTime(currentStart)}, so nothing was changed.`,
			{
				itemIndex,
				description: `Meeting IDs: ${atCurrent.map((meeting) => meeting.id).join(', ')}. Cancel the extra one by its Meeting ID first.`,
			},
		);
	}
	return atCurrent[0];
}

function nothingAt(
	context: IExecuteFunctions,
	itemIndex: number,
	email: string,
	currentStart: DateTime,
) {
	return new NodeOperationError(
		context.getNode(),
		`I could not find a meeting for ${email} on ${speakableDateTime(currentStart)}, so nothing was changed.`,
		{
			itemIndex,
			description:
				'Check the current start time and its time zone; Lookup Contact lists the upcoming meetings.',
		},
	);
}

/** A moved meeting keeps its length when the link offers it; an explicit duration wins. */
function keptDuration(
	context: IExecuteFunctions,
	itemIndex: number,
	requestedMinutes: number,
	meeting: Meeting,
	link: MeetingLink,
): number {
	if (requestedMinutes > 0) return chooseDuration(context, itemIndex, requestedMinutes, link.info);
	const length = meeting.endMs - meeting.startMs;
	if (link.info.customParams.durations.includes(length)) return length;
	return chooseDuration(context, itemIndex, 0, link.info);
}

async function bookNewTime(
	context: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
	request: BookingRequest,
	link: MeetingLink,
	guest: GuestRecord,
	oldLabel: string,
) {
	try {
		return request.method === 'crmRecord'
			? await bookAsCrmRecord(context, itemIndex, hubspot, request, link, guest)
			: await bookThroughLink(context, itemIndex, hubspot, request, link, guest);
	} catch (error) {
		// Nothing was removed yet; say so, because the caller's next question is "is my old time still on?".
		const nodeError = asNodeError(context.getNode(), error);
		nodeError.message = `${nodeError.message} Your meeting on ${oldLabel} was not changed.`;
		throw nodeError;
	}
}

const RUN_AGAIN_TO_REMOVE_OLD =
	'Run Reschedule again with the same times (it finds the new booking and only removes the old one), or Cancel the old start time.';

async function removeOld(
	context: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
	meetingId: string,
	newStart: DateTime,
): Promise<void> {
	try {
		await archiveMeeting(hubspot, meetingId);
	} catch (error) {
		if (error instanceof CancelledHubSpotCallError)
			throw cancelledRemoval(error, meetingId, newStart);
		throw new NodeApiError(
			context.getNode(),
			{ message: 'Old meeting not removed' },
			{
				message: `The new time ${speakableDateTime(newStart)} is booked, but the old meeting (${meetingId}) could not be removed: ${(error as Error).message}`,
				description: RUN_AGAIN_TO_REMOVE_OLD,
				itemIndex,
			},
		);
	}
}

/** Still a cancel (n8n keeps the execution's status), saying what is known of each meeting. */
function cancelledRemoval(
	error: CancelledHubSpotCallError,
	meetingId: string,
	newStart: DateTime,
): CancelledHubSpotCallError {
	const old = error.writeMayHaveApplied ? 'may or may not have been removed' : 'was not removed';
	error.message = `The new time ${speakableDateTime(newStart)} is booked; the old meeting (${meetingId}) ${old}. ${error.message}`;
	error.description = RUN_AGAIN_TO_REMOVE_OLD;
	return error;
}
