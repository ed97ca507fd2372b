/**
 * Contact↔meeting associations. HubSpot records both directions of one association (meeting→contact
 * type 200, contact→meeting type 199), so one pair stored here answers both.
 */

export const MEETING_TO_CONTACT_TYPE_ID = 200;
export const CONTACT_TO_MEETING_TYPE_ID = 199;

export class AssociationStore {
	private readonly meetingsByContact = new Map<string, Set<string>>();
	private readonly contactsByMeeting = new Map<string, Set<string>>();

	add(contactId: string, meetingId: string): void {
		addTo(this.meetingsByContact, contactId, meetingId);
		addTo(this.contactsByMeeting, meetingId, contactId);
	}

	remove(contactId: string, meetingId: string): void {
		this.meetingsByContact.get(contactId)?.delete(meetingId);
		this.contactsByMeeting.get(meetingId)?.delete(contactId);
	}

	meetingsOf(contactId: string): string[] {
		return [...(this.meetingsByContact.get(contactId) ?? [])];
	}

	contactsOf(meetingId: string): string[] {
		return [...(this.contactsByMeeting.get(meetingId) ?? [])];
	}

	clear(): void {
		this.meetingsByContact.clear();
		this.contactsByMeeting.clear();
	}

	/** Every pair, for assertions and the /__sandbox/state dump. */
	pairs(): Array<{ contactId: string; meetingId: string }> {
		return [...this.meetingsByContact].flatMap(([contactId, meetings]) =>
			[...meetings].map((meetingId) => ({ contactId, meetingId })),
		);
	}
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
	let set = map.get(key);
	if (!set) {
		set = new Set();
		map.set(key, set);
	}
	set.add(value);
}
