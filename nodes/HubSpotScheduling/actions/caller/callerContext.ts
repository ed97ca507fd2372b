import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { joinSpoken, oneLine } from '../../../shared/domain/speech';
import { speakableDateTime, toOutputTimes } from '../../../shared/domain/time';
import type { CrmObject } from '../../../shared/transport/schemas';
import type { Meeting } from '../../../shared/hubspot/meetings';
import type { LookupQuery } from './lookupQuery';

/** A contact the lookup found; `storedNumber` is set when it was found by phone. */
export interface ContactMatch {
	contact: CrmObject;
	property?: 'phone' | 'mobilephone';
	storedNumber?: string;
}

/**
 * Lookup Contact's output. `context` is one paragraph to put into an agent's prompt as it is:
 * who is calling and what they have booked, or, when one number belongs to several contacts, who
 * it could be, so the agent asks instead of greeting the wrong person.
 */
export function describeCaller(
	query: LookupQuery,
	matches: ContactMatch[],
	upcoming: Meeting[],
): IDataObject {
	const callerE164 = query.phone?.e164 ?? null;
	const best = matches[0];
	if (!best) {
		return {
			found: false,
			matchCount: 0,
			contactId: null,
			firstName: null,
			lastName: null,
			email: null,
			phone: null,
			phoneE164: callerE164,
			otherMatchIds: [],
			upcomingMeetings: [],
			context: '',
		};
	}
	const props = best.contact.properties;
	const meetings = upcoming.slice(0, query.maxMeetings).map((meeting) => ({
		id: meeting.id,
		title: meeting.title,
		...toOutputTimes(meeting.startMs, meeting.endMs, query.zone),
		label: speakableDateTime(DateTime.fromMillis(meeting.startMs, { zone: query.zone })),
	}));
	return {
		found: true,
		matchCount: matches.length,
		contactId: best.contact.id,
		firstName: props.firstname ?? null,
		lastName: props.lastname ?? null,
		email: props.email ?? null,
		phone: best.storedNumber ?? props.phone ?? props.mobilephone ?? null,
		...(best.property ? { phoneProperty: best.property } : {}),
		phoneE164: callerE164 ?? props.hs_calculated_phone_number ?? null,
		otherMatchIds: matches.slice(1).map((match) => match.contact.id),
		upcomingMeetings: meetings,
		context:
			matches.length > 1 ? ambiguousContext(matches) : knownCallerContext(best.contact, meetings),
	};
}

function knownCallerContext(
	contact: CrmObject,
	meetings: Array<{ label: string; title: string }>,
): string {
	const upcoming =
		meetings.length > 0
			? ` Upcoming: ${meetings.map((meeting) => `${meeting.label} - ${meeting.title}`).join('; ')}.`
			: ' No upcoming meetings.';
	return oneLine(`The caller is ${who(contact) || 'a known contact'}.${upcoming}`);
}

function ambiguousContext(matches: ContactMatch[]): string {
	const people = matches
		.slice(0, 5)
		.map((match) => who(match.contact) || `contact ${match.contact.id}`);
	const more = matches.length > 5 ? ` and ${matches.length - 5} more` : '';
	return oneLine(
		`The caller's number belongs to ${matches.length} contacts: ${joinSpoken(people, 'and')}${more}. Ask which of them is calling before using their details.`,
	);
}

/** "Jane Doe (jane@acme.com)", or whichever of the two is known. */
function who(contact: CrmObject): string {
	const props = contact.properties;
	const name = [props.firstname, props.lastname].filter(Boolean).join(' ');
	if (name && props.email) return `${name} (${props.email})`;
	return name || props.email || '';
}
