import type { Sandbox } from '../../../sandbox/server';

/** Reads the sandbox's own records, so tests judge what HubSpot holds, not what the node said. */

export interface MeetingFact {
	id: string;
	startMs: number;
	outcome: string;
	archived: boolean;
	contactIds: string[];
}

export function meetingFacts(sandbox: Sandbox): MeetingFact[] {
	return [...sandbox.state.meetings.values()].map((record) => ({
		id: record.id,
		startMs: Date.parse(record.properties.hs_meeting_start_time ?? ''),
		outcome: record.properties.hs_meeting_outcome ?? '',
		archived: record.archived,
		contactIds: sandbox.state.associations.contactsOf(record.id),
	}));
}

const isLive = (meeting: MeetingFact) =>
	!meeting.archived && meeting.outcome !== 'CANCELED' && meeting.outcome !== 'RESCHEDULED';

/** Live (not archived, not canceled) meetings of the contact with this email, as "startMs" keys. */
export function liveMeetingsOf(sandbox: Sandbox, email: string): MeetingFact[] {
	const ids = contactIdsWithEmail(sandbox, email);
	return meetingFacts(sandbox).filter(
		(meeting) => isLive(meeting) && meeting.contactIds.some((id) => ids.includes(id)),
	);
}

export function liveMeetingsAt(sandbox: Sandbox, startMs: number): MeetingFact[] {
	return meetingFacts(sandbox).filter((meeting) => isLive(meeting) && meeting.startMs === startMs);
}

export function contactIdsWithEmail(sandbox: Sandbox, email: string): string[] {
	const wanted = email.toLowerCase();
	return [...sandbox.state.contacts.values()]
		.filter((contact) => !contact.archived && contact.properties.email === wanted)
		.map((contact) => contact.id);
}
