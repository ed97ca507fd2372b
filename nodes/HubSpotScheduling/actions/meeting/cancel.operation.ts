import { DateTime } from 'luxon';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { RECORD_ID } from '../../../shared/domain/hubspotIds';
import { oneLine } from '../../../shared/domain/speech';
import { speakableDateTime, toOutputTimes } from '../../../shared/domain/time';
import type { HubSpotClient } from '../../../shared/transport/client';
import { archiveMeeting, markMeetingCanceled } from '../../../shared/hubspot/meetings';
import { meetingLinkField, timeInputHint, timeZoneWithoutLinkField } from '../common/fields';
import { findMeetingToCancel } from '../meetingScope/cancelScope';
import { findBooking } from '../meetingScope/findBooking';
import {
	chooseTimeZone,
	invalidInput,
	readDateTime,
	readEmail,
	readOptionalSlug,
	readString,
	unwrap,
} from '../common/input';
import { normalizePhone } from '../../../shared/domain/phone';

const properties: INodeProperties[] = [
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'string',
		default: '',
		placeholder: '2026-11-24 14:00',
		description: `When the meeting to cancel starts: ${timeInputHint}`,
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description:
			"The guest's email: only this contact's meetings are considered, so someone else's meeting at the same time is never touched",
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: '+1 415 555 0100',
		description:
			"Used when no email is given: only the meetings of the one contact with this number are considered (for a voice agent, the caller's number). Several contacts with the number: the email is asked for.",
	},
	{
		displayName: 'Default Phone Country',
		name: 'defaultCountry',
		type: 'string',
		default: 'US',
		description: 'Two-letter country code used for a phone number given without a country code',
	},
	{
		...meetingLinkField,
		required: false,
		description:
			"Only meetings of this link's organizer or members are considered. With neither email nor phone, the start time alone is accepted only with a meeting link, when exactly one meeting of the link's people starts then and it belongs to a contact.",
	},
	{
		displayName: 'Meeting ID',
		name: 'meetingId',
		type: 'string',
		default: '',
		description:
			"The HubSpot meeting ID, if known (the meetingId Book returns, or a meeting ID from Lookup Contact's upcomingMeetings). A start time or email given as well must match it, or nothing is cancelled.",
	},
	timeZoneWithoutLinkField,
	{
		displayName: 'Cancel By',
		name: 'cancelMode',
		type: 'options',
		default: 'archive',
		options: [
			{
				name: 'Deleting the Meeting',
				value: 'archive',
				description: "Archive the CRM meeting, as HubSpot's delete does",
			},
			{
				name: 'Marking It Canceled',
				value: 'markCanceled',
				description: 'Keep the meeting and set its outcome to Canceled',
			},
		],
	},
	{
		displayName: 'If Not Found',
		name: 'ifNotFound',
		type: 'options',
		default: 'return',
		options: [
			{
				name: 'Return Cancelled: False',
				value: 'return',
				description: 'With a reason a voice agent can say',
			},
			{
				name: 'Raise an Error',
				value: 'error',
				description: 'Stop here (or take the error output) instead',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { operation: ['cancel'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
): Promise<IDataObject[]> {
	const zoneChoice = chooseTimeZone(this, itemIndex);
	const zone = zoneChoice.zone;
	const email = readEmail(this, itemIndex, 'email', 'Email', false);
	const meetingId = readString(this, itemIndex, 'meetingId') || undefined;
	const hasStart = readString(this, itemIndex, 'startTime') !== '';
	if (!hasStart && !meetingId) {
		throw invalidInput(
			this,
			itemIndex,
			'Start Time',
			'give the start time of the meeting to cancel (or its Meeting ID).',
		);
	}
	if (meetingId !== undefined && !RECORD_ID.test(meetingId)) {
		throw invalidInput(this, itemIndex, 'Meeting ID', 'must be a numeric HubSpot meeting ID.');
	}
	const start = hasStart
		? readDateTime(
				this,
				itemIndex,
				'startTime',
				'Start Time',
				zone,
				DateTime.fromMillis(hubspot.clock.now()),
				{
					future: false,
					maxYearsAhead: 2,
				},
			)
		: undefined;
	const mode = this.getNodeParameter('cancelMode', itemIndex, 'archive') as
		| 'archive'
		| 'markCanceled';
	const slug = readOptionalSlug(this, itemIndex);
	const phone = readCancelPhone(this, itemIndex);

	const lookup =
		meetingId !== undefined || start === undefined
			? await findBooking(this, itemIndex, hubspot, {
					startMs: start?.toMillis(),
					email,
					meetingId,
					zone,
				})
			: await findMeetingToCancel(this, itemIndex, hubspot, {
					startMs: start.toMillis(),
					zone,
					email,
					phone,
					slug,
				});
	if (!lookup.found) {
		if (this.getNodeParameter('ifNotFound', itemIndex, 'return') === 'error') {
			throw new NodeOperationError(this.getNode(), lookup.reason, { itemIndex });
		}
		return [
			{
				cancelled: false,
				reason: lookup.reason,
				speech: oneLine(lookup.speech ?? `${lookup.reason} Could you check the date and time?`),
			},
		];
	}
	const meeting = lookup.meeting;
	await (mode === 'archive'
		? archiveMeeting(hubspot, meeting.id)
		: markMeetingCanceled(hubspot, meeting.id));
	const label = speakableDateTime(DateTime.fromMillis(meeting.startMs, { zone }));
	return [
		{
			cancelled: true,
			mode,
			meetingId: meeting.id,
			title: meeting.title,
			crmMeeting: mode === 'archive' ? 'archived' : 'marked canceled',
			// HubSpot's API has no call that cancels the calendar event, and does not document whether
			// archiving or marking the CRM meeting removes the organizer's event or the guest's invitation.
			calendar: 'not known to be removed',
			...toOutputTimes(meeting.startMs, meeting.endMs, zone),
			timeZoneFrom: zoneChoice.from,
			label,
			speech: oneLine(`I've cancelled your meeting on ${label} in our system.`),
		},
	];
}

function readCancelPhone(context: IExecuteFunctions, itemIndex: number) {
	const raw = readString(context, itemIndex, 'phone');
	if (raw === '') return undefined;
	const defaultRegion = (readString(context, itemIndex, 'defaultCountry') || 'US').toUpperCase();
	if (!/^[A-Z]{2}$/.test(defaultRegion)) {
		throw invalidInput(
			context,
			itemIndex,
			'Default Phone Country',
			'must be a two-letter country code such as US, GB or DE.',
		);
	}
	return {
		number: unwrap(context, itemIndex, 'Phone', normalizePhone(raw, defaultRegion)),
		defaultRegion,
	};
}
