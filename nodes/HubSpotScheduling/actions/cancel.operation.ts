import { DateTime } from 'luxon';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { oneLine } from '../../shared/domain/speech';
import { speakableDateTime, toOutputTimes } from '../../shared/domain/time';
import type { HubSpotClient } from '../../shared/transport/client';
import { archiveMeeting, markMeetingCanceled } from '../hubspot/meetings';
import { timeInputHint, timeZoneWithoutLinkField } from './fields';
import { findBooking } from './findBooking';
import { invalidInput, readDateTime, readEmail, readString, resolveTimeZone } from './input';

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
			"The guest's email (strongly recommended): only this guest's meetings are considered, so someone else's meeting at the same time is never touched",
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
	const zone = resolveTimeZone(this, itemIndex);
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
	if (meetingId !== undefined && !/^\d{1,20}$/.test(meetingId)) {
		throw invalidInput(this, itemIndex, 'Meeting ID', 'must be a numeric HubSpot meeting ID.');
	}
	const start = hasStart
		? readDateTime(this, itemIndex, 'startTime', 'Start Time', zone, {
				future: false,
				maxYearsAhead: 2,
			})
		: undefined;
	const mode = this.getNodeParameter('cancelMode', itemIndex, 'archive') as
		| 'archive'
		| 'markCanceled';

	const lookup = await findBooking(this, itemIndex, hubspot, {
		startMs: start?.toMillis(),
		email,
		meetingId,
		zone,
	});
	if (!lookup.found) {
		if (this.getNodeParameter('ifNotFound', itemIndex, 'return') === 'error') {
			throw new NodeOperationError(this.getNode(), lookup.reason, { itemIndex });
		}
		return [
			{
				cancelled: false,
				reason: lookup.reason,
				speech: oneLine(`${lookup.reason} Could you check the date and time?`),
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
			...toOutputTimes(meeting.startMs, meeting.endMs, zone),
			label,
			speech: oneLine(`Your meeting on ${label} has been cancelled.`),
		},
	];
}
