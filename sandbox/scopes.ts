/** Scope names, and the scope rules of each API area as HubSpot's specs state them. */
export const SCOPES = {
	oauth: 'oauth',
	contactsRead: 'crm.objects.contacts.read',
	contactsWrite: 'crm.objects.contacts.write',
	meetingLinkRead: 'scheduler.meetings.meeting-link.read',
	ownersRead: 'crm.objects.owners.read',
} as const;

export const CONTACTS_READ = { kind: 'bearer', all: [SCOPES.contactsRead] } as const;
export const CONTACTS_WRITE = { kind: 'bearer', all: [SCOPES.contactsWrite] } as const;
/** Owners: crm.objects.owners.read, or a legacy private app's `contacts` (spec). */
export const OWNERS_READ = { kind: 'bearer', anyOf: [SCOPES.ownersRead, 'contacts'] } as const;
export const SCHEDULER_READ = { kind: 'bearer', all: [SCOPES.meetingLinkRead] } as const;
/** Booking accepts any one of several write scopes (HubSpot's spec lists alternatives). */
export const SCHEDULER_BOOK = {
	kind: 'bearer',
	anyOf: [SCOPES.contactsWrite, 'meetings-write', 'crm.objects.deals.write', 'tickets'],
} as const;
/** Any valid token, whatever its scopes. */
export const ANY_TOKEN = { kind: 'bearer' } as const;
export const NO_AUTH = { kind: 'none' } as const;
export const DEVELOPER_KEY = { kind: 'hapikey' } as const;
