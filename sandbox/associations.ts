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

/**
 * Spec: a batch read returns at most 100 associations per object and `paging.next.after` when more
 * remain; `?associations=` on a record GET pages the same way (`CollectionResponseAssociatedId`).
 * Our assumption: 100 on the GET as well, and cursors are opaque tokens (a client cannot compute
 * them, and one from a GET or list is not accepted by the batch read or vice versa).
 */
export const ASSOCIATIONS_PAGE_SIZE = 100;

/** `list`: the v4 list route and the page embedded in a record GET (whose `link` points there). */
export type CursorKind = 'batch' | 'list';

export function associationCursor(kind: CursorKind, offset: number): string {
	return Buffer.from(`${kind}:${offset}`).toString('base64url');
}

/** The offset a cursor stands for, or undefined when it is not one of ours for this kind. */
export function offsetOfCursor(kind: CursorKind, cursor: string): number | undefined {
	const match = /^(\w+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
	return match && match[1] === kind ? Number(match[2]) : undefined;
}

/** One page of ids from `offset`, and the cursor for the next page when there is one. */
export function associationPage(
	ids: string[],
	kind: CursorKind,
	offset = 0,
): { ids: string[]; nextAfter?: string } {
	const end = offset + ASSOCIATIONS_PAGE_SIZE;
	return {
		ids: ids.slice(offset, end),
		...(end < ids.length ? { nextAfter: associationCursor(kind, end) } : {}),
	};
}
