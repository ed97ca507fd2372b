/**
 * The only place where user input becomes part of a HubSpot URL path. Every segment is validated
 * and encoded here, so an operation cannot send "../" or a query string smuggled in a slug or id.
 */

export class PathInputError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'PathInputError';
	}
}

// HubSpot slugs are URL-safe words; team and round-robin links add one "team/" style prefix.
const SLUG_SEGMENT = /^[A-Za-z0-9](?:[A-Za-z0-9_~-]|\.(?!\.))*$/;
const RECORD_ID = /^[0-9]{1,20}$/;
const APP_ID = /^[0-9]{1,12}$/;

export function validateSlug(input: string): string {
	const slug = input.trim();
	const segments = slug.split('/');
	const valid =
		slug.length > 0 &&
		slug.length <= 200 &&
		segments.length <= 2 &&
		segments.every((segment) => SLUG_SEGMENT.test(segment));
	if (!valid) {
		throw new PathInputError(
			'meetingLink',
			`“${preview(input)}” is not a HubSpot meeting-link slug. Use the part after meetings.hubspot.com/, for example "jane-doe" or "team/demo-call".`,
		);
	}
	return slug;
}

export function validateRecordId(input: string, field: string): string {
	const id = String(input).trim();
	if (!RECORD_ID.test(id)) {
		throw new PathInputError(
			field,
			`“${preview(String(input))}” is not a HubSpot record ID. IDs are numbers such as 51234567890.`,
		);
	}
	return id;
}

/** Team slugs carry a "/", which HubSpot expects as %2F inside a single path segment. */
const encodeSlug = (slug: string) => encodeURIComponent(validateSlug(slug));

export const paths = {
	meetingLinks: () => '/scheduler/v3/meetings/meeting-links',
	bookingInfo: (slug: string) => `/scheduler/v3/meetings/meeting-links/book/${encodeSlug(slug)}`,
	availabilityPage: (slug: string) =>
		`/scheduler/v3/meetings/meeting-links/book/availability-page/${encodeSlug(slug)}`,
	book: () => '/scheduler/v3/meetings/meeting-links/book',

	contact: (id: string) => `/crm/v3/objects/contacts/${validateRecordId(id, 'contactId')}`,
	/** The email must already be validated as an address by the caller; here it only gets encoded. */
	contactByEmail: (email: string) => `/crm/v3/objects/contacts/${encodeURIComponent(email)}`,
	contacts: () => '/crm/v3/objects/contacts',
	contactsSearch: () => '/crm/v3/objects/contacts/search',
	contactsBatchRead: () => '/crm/v3/objects/contacts/batch/read',

	meeting: (id: string) => `/crm/v3/objects/meetings/${validateRecordId(id, 'meetingId')}`,
	meetings: () => '/crm/v3/objects/meetings',
	meetingsSearch: () => '/crm/v3/objects/meetings/search',
	meetingsBatchRead: () => '/crm/v3/objects/meetings/batch/read',

	contactMeetingAssociationsBatchRead: () => '/crm/v4/associations/contacts/meetings/batch/read',

	webhookSettings: (appId: string) => `/webhooks/v3/${validateAppId(appId)}/settings`,
	webhookSubscriptions: (appId: string) => `/webhooks/v3/${validateAppId(appId)}/subscriptions`,
	webhookSubscription: (appId: string, subscriptionId: string) =>
		`/webhooks/v3/${validateAppId(appId)}/subscriptions/${validateRecordId(subscriptionId, 'subscriptionId')}`,
};

function validateAppId(input: string): string {
	const id = String(input).trim();
	if (!APP_ID.test(id)) {
		throw new PathInputError(
			'appId',
			`“${preview(id)}” is not a HubSpot app ID. It is the number shown on the app's Auth page.`,
		);
	}
	return id;
}

function preview(value: string): string {
	return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
