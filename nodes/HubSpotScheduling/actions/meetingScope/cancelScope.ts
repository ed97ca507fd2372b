import { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { NormalizedPhone } from '../../../shared/domain/phone';
import { speakableDateTime } from '../../../shared/domain/time';
import type { HubSpotClient } from '../../../shared/transport/client';
import { contactsOfMeeting } from '../../../shared/hubspot/calendarMeetings';
import {
	isActive,
	meetingIdsOfContacts,
	readMeetings,
	searchMeetingsStartingAt,
} from '../../../shared/hubspot/meetings';
import type { Meeting } from '../../../shared/hubspot/meetings';
import { findContactsByPhone } from '../../../shared/hubspot/phoneSearch';
import { readMeetingLink } from '../../../shared/hubspot/scheduler';
import { readGuestRecord } from '../booking/booking';
import type { BookingLookup } from './findBooking';
import { linkOwnerIds } from './linkPeople';

/**
 * Which meeting a Cancel by start time may touch. A meeting qualifies only when it belongs to the
 * guest's contact (by email, else the one contact the phone identifies) and, when a meeting link is
 * given, to that link's organizer or members. A start time alone is accepted only with a meeting link,
 * and only when exactly one meeting of the link's people starts then and it has a contact. Anything
 * else is a clear answer and no change: cancelling someone else's meeting is worse than asking again.
 */
export interface CancelQuery {
	startMs: number;
	zone: string;
	email?: string;
	phone?: { number: NormalizedPhone; defaultRegion: string };
	slug?: string;
}

export async function findMeetingToCancel(
	context: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
	query: CancelQuery,
): Promise<BookingLookup> {
	const when = ` on ${speakableDateTime(DateTime.fromMillis(query.startMs, { zone: query.zone }))}`;
	const [owners, guest] = await Promise.all([
		query.slug ? ownersOfLink(hubspot, query.slug, query.zone) : undefined,
		guestMeetings(hubspot, query),
	]);
	const ofLink = (meeting: Meeting) => owners === undefined || owners.has(meeting.ownerId ?? '');
	const atStart = (meeting: Meeting) => isActive(meeting) && meeting.startMs === query.startMs;
	if (guest) {
		if ('reason' in guest) return { found: false, reason: guest.reason, speech: guest.reason };
		const matches = guest.meetings.filter((meeting) => atStart(meeting) && ofLink(meeting));
		return pickOne(
			context,
			itemIndex,
			matches,
			`I could not find a meeting for ${guest.who}${when}.`,
			guest.contactId,
		);
	}
	if (!owners)
		return askForEmail(
			'To cancel by time, I need the email the meeting was booked with (or the phone number on the contact), so that only your own meeting is touched.',
		);
	const { meetings, complete } = await searchMeetingsStartingAt(hubspot, query.startMs);
	const matches = meetings.filter((meeting) => atStart(meeting) && ofLink(meeting));
	if (!complete || matches.length > 1) {
		return askForEmail(
			`More than one meeting starts${when}, so I did not change any of them. What email was the meeting booked with?`,
		);
	}
	if (matches.length === 0) return { found: false, reason: `I could not find a meeting${when}.` };
	const contacts = await contactsOfMeeting(hubspot, matches[0].id);
	if (contacts.length === 0) {
		return askForEmail(
			`The meeting${when} has no contact, so I cannot tell whose it is and did not change it.`,
		);
	}
	return { found: true, meeting: matches[0], contactId: contacts[0] };
}

function askForEmail(reason: string): BookingLookup {
	return { found: false, reason, speech: reason };
}

async function ownersOfLink(hubspot: HubSpotClient, slug: string, zone: string) {
	return await linkOwnerIds(hubspot, await readMeetingLink(hubspot, slug, zone));
}

type GuestMeetings =
	| { who: string; contactId: string; meetings: Meeting[] }
	| { reason: string }
	| undefined;

/** The meetings of the one contact the email or the phone identifies; undefined when neither is given. */
async function guestMeetings(hubspot: HubSpotClient, query: CancelQuery): Promise<GuestMeetings> {
	if (query.email) {
		const guest = await readGuestRecord(hubspot, query.email);
		if (!guest.contact)
			return { reason: `I could not find a contact with the email ${query.email}.` };
		return { who: query.email, contactId: guest.contact.id, meetings: guest.meetings };
	}
	if (!query.phone) return undefined;
	const found = await findContactsByPhone(hubspot, [
		{ key: 0, phone: query.phone.number, defaultRegion: query.phone.defaultRegion },
	]);
	const contactIds = [...new Set((found.get(0) ?? []).map((match) => match.contact.id))];
	if (contactIds.length === 0)
		return {
			reason: 'I could not find a contact with this phone number. What email did you book with?',
		};
	if (contactIds.length > 1) {
		return {
			reason:
				'Several contacts share this phone number, so I need the email the meeting was booked with.',
		};
	}
	const ids = (await meetingIdsOfContacts(hubspot, contactIds)).get(contactIds[0]) ?? [];
	return {
		who: 'this phone number',
		contactId: contactIds[0],
		meetings: await readMeetings(hubspot, ids),
	};
}

function pickOne(
	context: IExecuteFunctions,
	itemIndex: number,
	matches: Meeting[],
	notFound: string,
	contactId: string,
): BookingLookup {
	if (matches.length === 0) return { found: false, reason: notFound };
	if (matches.length > 1) {
		throw new NodeOperationError(
			context.getNode(),
			`${matches.length} of your meetings start at that time, so I did not change any of them. Give the meeting ID.`,
			{
				itemIndex,
				description: `Matching meeting IDs: ${matches.map((meeting) => meeting.id).join(', ')}`,
			},
		);
	}
	return { found: true, meeting: matches[0], contactId };
}
