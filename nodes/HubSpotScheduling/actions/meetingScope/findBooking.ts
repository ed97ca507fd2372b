import { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { speakableDateTime } from '../../../shared/domain/time';
import type { HubSpotClient } from '../../../shared/transport/client';
import { validateRecordId } from '../../../shared/transport/paths';
import { findContactByEmail } from '../../../shared/hubspot/contacts';
import {
	isActive,
	meetingIdsOfContact,
	readMeeting,
	searchMeetingsStartingAt,
} from '../../../shared/hubspot/meetings';
import type { Meeting } from '../../../shared/hubspot/meetings';
import { readGuestRecord } from '../booking/booking';

export type BookingLookup =
	| { found: true; meeting: Meeting; contactId?: string }
	| {
			found: false;
			reason: string;
			/** What to say instead of the reason plus "check the time". */ speech?: string;
	  };

/**
 * Finds the one meeting a caller means. It never guesses: several candidates with nothing to tell
 * them apart is an error, because cancelling the wrong person's meeting is worse than asking again.
 */
export async function findBooking(
	context: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
	query: { startMs?: number; email?: string; meetingId?: string; zone: string },
): Promise<BookingLookup> {
	const when =
		query.startMs === undefined
			? ''
			: ` on ${speakableDateTime(DateTime.fromMillis(query.startMs, { zone: query.zone }))}`;
	if (query.meetingId)
		return await findById(hubspot, query.meetingId, query.startMs, query.email, when);
	if (query.startMs === undefined) {
		throw new NodeOperationError(
			context.getNode(),
			"Give the meeting's start time or its meeting ID",
			{ itemIndex },
		);
	}
	const startMs = query.startMs;
	if (query.email) {
		const guest = await readGuestRecord(hubspot, query.email);
		if (!guest.contact) {
			return { found: false, reason: `I could not find a contact with the email ${query.email}.` };
		}
		const matches = guest.meetings.filter(
			(meeting) => isActive(meeting) && meeting.startMs === startMs,
		);
		return pickOne(
			context,
			itemIndex,
			matches,
			`I could not find a meeting for ${query.email}${when}.`,
			guest.contact.id,
		);
	}
	const { meetings, complete } = await searchMeetingsStartingAt(hubspot, startMs);
	const matches = meetings.filter((meeting) => isActive(meeting) && meeting.startMs === startMs);
	if (!complete) {
		throw new NodeOperationError(
			context.getNode(),
			`More meetings start at that time than I can check at once, so I did not change any of them. Give the guest's email or the meeting ID.`,
			{
				itemIndex,
				description: 'HubSpot reported more matching meetings than one search page holds.',
			},
		);
	}
	return pickOne(context, itemIndex, matches, `I could not find a meeting${when}.`);
}

function pickOne(
	context: IExecuteFunctions,
	itemIndex: number,
	matches: Meeting[],
	notFound: string,
	contactId?: string,
): BookingLookup {
	if (matches.length === 0) return { found: false, reason: notFound };
	if (matches.length > 1) {
		throw new NodeOperationError(
			context.getNode(),
			`${matches.length} meetings start at that time, so I did not change any of them. Give the guest's email or the meeting ID.`,
			{
				itemIndex,
				description: `Matching meeting IDs: ${matches.map((meeting) => meeting.id).join(', ')}`,
			},
		);
	}
	return { found: true, meeting: matches[0], contactId };
}

/** By ID; a start time or an email given as well must agree with the meeting, or nothing is touched. */
async function findById(
	hubspot: HubSpotClient,
	meetingId: string,
	startMs: number | undefined,
	email: string | undefined,
	when: string,
): Promise<BookingLookup> {
	const [meeting, contact] = await Promise.all([
		readMeeting(hubspot, validateRecordId(meetingId, 'meetingId')),
		email ? findContactByEmail(hubspot, email, { withMeetings: true }) : undefined,
	]);
	if (!meeting || !isActive(meeting)) {
		return { found: false, reason: `I could not find an active meeting with ID ${meetingId}.` };
	}
	if (startMs !== undefined && meeting.startMs !== startMs) {
		return {
			found: false,
			reason: `Meeting ${meetingId} does not start${when}, so I left it unchanged.`,
		};
	}
	if (contact === undefined) return { found: true, meeting };
	const ownIds = contact ? await meetingIdsOfContact(hubspot, contact) : [];
	if (!contact || !ownIds.includes(meeting.id)) {
		return {
			found: false,
			reason: `Meeting ${meetingId} is not a meeting of ${email}, so I left it unchanged.`,
		};
	}
	return { found: true, meeting, contactId: contact.id };
}
