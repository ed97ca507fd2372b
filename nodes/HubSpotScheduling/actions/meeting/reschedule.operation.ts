import { DateTime } from 'luxon';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { speakableDateTime } from '../../../shared/domain/time';
import { CancelledHubSpotCallError } from '../../../shared/transport/cancellation';
import type { HubSpotClient } from '../../../shared/transport/client';
import type { CrmObject } from '../../../shared/transport/schemas';
import { updateContact } from '../../../shared/hubspot/contacts';
import { archiveMeeting } from '../../../shared/hubspot/meetings';
import type { Meeting } from '../../../shared/hubspot/meetings';
import { readMeetingLink } from '../../../shared/hubspot/scheduler';
import type { MeetingLink } from '../../../shared/hubspot/scheduler';
import { bookAsCrmRecord } from '../booking/bookAsCrmRecord';
import { bookingAt, bookingOutput, readGuestRecord } from '../booking/booking';
import type { BookingMethod, BookingRequest, BookingResult, GuestRecord } from '../booking/booking';
import {
	keptDurationMs,
	movedAnswer,
	planReschedule,
	unchangedAnswer,
} from '../booking/reschedulePlan';
import {
	bookingMethodField,
	bookingOptionsField,
	readBookingOptions,
} from '../booking/bookingOptions';
import { bookThroughLink } from '../booking/bookThroughLink';
import { meetingLinkField, slotStartHint, timeInputHint, timeZoneField } from '../common/fields';
import { chooseTimeZone, readDateTime, readEmail, readSlug } from '../common/input';
import { legalConsentResponses } from '../booking/legalConsent';
import { linkOwnerIds } from '../meetingScope/linkPeople';
import { checkGuestEmails, chooseDuration } from '../booking/linkChecks';
import { asNodeError } from '../common/nodeError';

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
		hint: slotStartHint,
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
	const input = readInput(this, itemIndex, DateTime.fromMillis(hubspot.clock.now()));
	const [link, guest] = await Promise.all([
		readMeetingLink(hubspot, input.slug, input.zoneChoice.zone),
		readGuestRecord(hubspot, input.email),
	]);
	const { options } = input;
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
	if (!contact) throw noContact(this, itemIndex, input.email);
	const plan = planReschedule({
		meetings: guest.meetings,
		currentStartMs: input.currentStart.toMillis(),
		newStartMs: input.newStart.toMillis(),
		// Only a meeting of this link's organizer or members can be moved through this link.
		ownersOfLink: await linkOwnerIds(hubspot, link),
	});
	const request = (meeting: Meeting): BookingRequest => ({
		...bookingRequest(input, contact, consentResponses),
		durationMs: durationFor(this, itemIndex, options.durationMinutes, meeting, link),
	});
	const zone = input.zoneChoice.zone;
	switch (plan.kind) {
		case 'ambiguous':
			throw ambiguous(this, itemIndex, input.email, input.currentStart, plan.meetings);
		case 'nothingToMove':
			throw nothingAt(this, itemIndex, input.email, input.currentStart);
		case 'alreadyMoved':
		case 'alreadyThere': {
			const found = bookingAt(guest, plan.meeting.startMs) as BookingResult;
			const output = bookingOutput(request(plan.meeting), found);
			return [unchangedAnswer(output, plan, zone, plan.meeting)];
		}
		case 'move': {
			const move = { request: request(plan.old), link, guest, contact, ...plan };
			return [movedAnswer(await moveMeeting(this, itemIndex, hubspot, move), plan.old, zone)];
		}
	}
}

type RescheduleInput = ReturnType<typeof readInput>;

function readInput(context: IExecuteFunctions, itemIndex: number, now: DateTime) {
	const slug = readSlug(context, itemIndex);
	const email = readEmail(context, itemIndex, 'email', 'Email', true) as string;
	const options = readBookingOptions(context, itemIndex);
	const method = context.getNodeParameter('method', itemIndex, 'meetingLink') as BookingMethod;
	const zoneChoice = chooseTimeZone(context, itemIndex);
	return {
		slug,
		email,
		options,
		method,
		zoneChoice,
		...readTimes(context, itemIndex, zoneChoice.zone, now),
	};
}

/** The booking of the new time, but for its duration (which depends on the meeting moved). */
function bookingRequest(
	input: RescheduleInput,
	contact: CrmObject,
	consentResponses: BookingRequest['consentResponses'],
): Omit<BookingRequest, 'durationMs'> {
	const { options } = input;
	return {
		method: input.method,
		slug: input.slug,
		zone: input.zoneChoice.zone,
		zoneFrom: input.zoneChoice.from,
		consentResponses,
		start: input.newStart,
		email: input.email,
		firstName: contact.properties.firstname ?? '',
		// HubSpot's scheduler refuses an empty last name; a contact without one is booked under its
		// first name, and the contact's empty last name is put back afterwards (see moveMeeting).
		lastName: contact.properties.lastname || contact.properties.firstname || 'Guest',
		guestEmails: options.guestEmails,
		formFields: options.formFields,
		title: options.title,
		notes: options.notes,
		locale: options.locale,
		ownerId: options.ownerId,
	};
}

/** Books the new time (unless a retried call already did), then removes the old meeting. */
async function moveMeeting(
	context: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
	move: {
		request: BookingRequest;
		link: MeetingLink;
		guest: GuestRecord;
		contact: CrmObject;
		old: Meeting;
		bookedAtNew: boolean;
	},
): Promise<IDataObject> {
	const { request, contact } = move;
	const oldLabel = speakableDateTime(DateTime.fromMillis(move.old.startMs, { zone: request.zone }));
	const booked = move.bookedAtNew
		? (bookingAt(move.guest, request.start.toMillis()) as BookingResult)
		: await bookNewTime(context, itemIndex, hubspot, request, move.link, move.guest, oldLabel);
	await removeOld(context, itemIndex, hubspot, move.old.id, request.start);
	const warning =
		!move.bookedAtNew && request.method === 'meetingLink' && !contact.properties.lastname
			? await restoreEmptyLastName(hubspot, contact.id)
			: booked.warning;
	// The guest was read above, so unlike a plain booking it is known that no contact was created.
	return bookingOutput(request, { ...booked, contactCreated: false, warning });
}

function noContact(context: IExecuteFunctions, itemIndex: number, email: string) {
	return new NodeOperationError(
		context.getNode(),
		`I could not find a contact with the email ${email}, so nothing was changed.`,
		{ itemIndex, description: 'Check the email, or use Book for a new booking.' },
	);
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

function readTimes(context: IExecuteFunctions, itemIndex: number, zone: string, now: DateTime) {
	return {
		currentStart: readDateTime(
			context,
			itemIndex,
			'currentStartTime',
			'Current Start Time',
			zone,
			now,
			ANY_TIME,
		),
		newStart: readDateTime(context, itemIndex, 'newStartTime', 'New Start Time', zone, now),
	};
}

function ambiguous(
	context: IExecuteFunctions,
	itemIndex: number,
	email: string,
	currentStart: DateTime,
	meetings: Meeting[],
) {
	return new NodeOperationError(
		context.getNode(),
		`${email} has ${meetings.length} meetings on ${speakableDateTime(currentStart)}, so nothing was changed.`,
		{
			itemIndex,
			description: `Meeting IDs: ${meetings.map((meeting) => meeting.id).join(', ')}. Cancel the extra one by its Meeting ID first.`,
		},
	);
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

/** An explicit duration wins; else the moved meeting keeps its length when the link offers it, else the link's default. */
function durationFor(
	context: IExecuteFunctions,
	itemIndex: number,
	requestedMinutes: number,
	meeting: Meeting,
	link: MeetingLink,
): number {
	if (requestedMinutes > 0) return chooseDuration(context, itemIndex, requestedMinutes, link.info);
	return (
		keptDurationMs(meeting, link.info.customParams.durations) ??
		chooseDuration(context, itemIndex, 0, link.info)
	);
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
