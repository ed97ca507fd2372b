import { DateTime } from 'luxon';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { oneLine } from '../../shared/domain/speech';
import { speakableDateTime } from '../../shared/domain/time';
import type { HubSpotClient } from '../../shared/transport/client';
import { findContactByEmail } from '../hubspot/contacts';
import { archiveMeeting, isActive, readMeetings } from '../hubspot/meetings';
import { getBookingInfo, linkTimeZone } from '../hubspot/scheduler';
import { bookAsCrmRecord, bookingOutput, bookThroughLink } from './booking';
import type { BookingMethod, BookingRequest } from './booking';
import { bookingMethodField, bookingOptionsField, readBookingOptions } from './bookingOptions';
import { chooseDuration } from './duration';
import { meetingLinkField, timeInputHint, timeZoneField } from './fields';
import { readDateTime, readEmail, readSlug, resolveTimeZone } from './input';

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
		description: `When the meeting starts now: ${timeInputHint}`,
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
	const provisionalZone = resolveTimeZone(this, itemIndex);
	readDateTime(this, itemIndex, 'currentStartTime', 'Current Start Time', provisionalZone, {
		future: false,
		maxYearsAhead: 2,
	});
	readDateTime(this, itemIndex, 'newStartTime', 'New Start Time', provisionalZone);

	const [bookingInfo, contact] = await Promise.all([
		getBookingInfo(hubspot, slug, provisionalZone),
		findContactByEmail(hubspot, email, { withMeetings: true }),
	]);
	const zone = resolveTimeZone(this, itemIndex, linkTimeZone(bookingInfo));
	const currentStart = readDateTime(
		this,
		itemIndex,
		'currentStartTime',
		'Current Start Time',
		zone,
		{ future: false, maxYearsAhead: 2 },
	);
	const newStart = readDateTime(this, itemIndex, 'newStartTime', 'New Start Time', zone);
	if (!contact) {
		throw new NodeOperationError(
			this.getNode(),
			`I could not find a contact with the email ${email}, so nothing was changed.`,
			{ itemIndex },
		);
	}
	const request: BookingRequest = {
		method,
		slug,
		zone,
		start: newStart,
		durationMs: chooseDuration(this, itemIndex, options.durationMinutes, bookingInfo),
		email,
		firstName: contact.properties.firstname ?? '',
		lastName: contact.properties.lastname || contact.properties.firstname || 'Guest',
		phone: undefined,
		title: options.title,
		notes: options.notes,
		guestEmails: options.guestEmails,
		formFields: options.formFields,
		locale: options.locale,
		ownerId: options.ownerId,
	};

	const meetings = await readMeetings(
		hubspot,
		contact.associations?.meetings?.results.map((ref) => ref.id) ?? [],
	);
	const atCurrent = meetings.filter(
		(meeting) => isActive(meeting) && meeting.startMs === currentStart.toMillis(),
	);
	if (atCurrent.length === 0) {
		// A retried tool call after a successful move: the old meeting is gone and the new one exists.
		const moved = meetings.find(
			(meeting) => isActive(meeting) && meeting.startMs === newStart.toMillis(),
		);
		if (moved) {
			const output = bookingOutput(request, {
				alreadyBooked: true,
				contactId: contact.id,
				contactCreated: false,
				meetingId: moved.id,
				calendarEventId: null,
				subject: moved.title,
			});
			return [
				{
					...output,
					rescheduled: true,
					previousMeetingId: null,
					speech: oneLine(`Your meeting is already moved to ${output.label as string}.`),
				},
			];
		}
		throw new NodeOperationError(
			this.getNode(),
			`I could not find a meeting for ${email} at ${speakableDateTime(currentStart)}. Nothing was changed.`,
			{ itemIndex },
		);
	}
	if (atCurrent.length > 1) {
		throw new NodeOperationError(
			this.getNode(),
			`${email} has ${atCurrent.length} meetings at that time; nothing was changed. Cancel the extra one in HubSpot first.`,
			{ itemIndex },
		);
	}
	const old = { meeting: atCurrent[0] };
	const booked =
		method === 'crmRecord'
			? await bookAsCrmRecord(this, itemIndex, hubspot, request, bookingInfo)
			: await bookThroughLink(this, itemIndex, hubspot, request, bookingInfo);
	if (old.meeting.startMs !== newStart.toMillis()) {
		try {
			await archiveMeeting(hubspot, old.meeting.id);
		} catch (error) {
			throw new NodeApiError(
				this.getNode(),
				{ message: 'Old meeting not removed' },
				{
					message: `The new time ${speakableDateTime(newStart)} is booked, but the old meeting (${old.meeting.id}) could not be removed: ${(error as Error).message}`,
					description: 'Run Cancel for the old start time, or remove the meeting in HubSpot.',
					itemIndex,
				},
			);
		}
	}
	const oldLabel = speakableDateTime(DateTime.fromMillis(old.meeting.startMs, { zone }));
	const output = bookingOutput(request, booked);
	return [
		{
			...output,
			rescheduled: true,
			previousMeetingId: old.meeting.id,
			previousStart: DateTime.fromMillis(old.meeting.startMs, { zone }).toISO({
				suppressMilliseconds: true,
			}),
			speech: oneLine(`Done. I moved your meeting from ${oldLabel} to ${output.label as string}.`),
		},
	];
}
