/**
 * The only place where user input becomes part of a HubSpot URL path. Every segment is validated
 * and encoded here, so an operation cannot send "../" or a query string smuggled in a slug or id.
 */

import { APP_ID, RECORD_ID } from '../domain/hubspotIds';
import { shorten } from '../domain/shorten';

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
			`“${shorten(input)}” is not a HubSpot meeting-link slug. Use the part after meetings.hubspot.com/, for example "jane-doe" or "team/demo-call".`,
		);
	}
	return slug;
}

export function validateRecordId(input: string, field: string): string {
	const id = String(input).trim();
	if (!RECORD_ID.test(id)) {
		throw new PathInputError(
			field,
			`“${shorten(String(input))}” is not a HubSpot record ID. IDs are numbers such as 51234567890.`,
		);
	}
	return id;
}

/**
 * HubSpot's date-versioned API (spec folders `2026-09`). The v1 OAuth API ends on 2027-02-16, v4
 * associations on 2027-03-30 and every v1-v3 path in September 2027; the dated paths take the same
 * bodies. One constant, so moving to the next version is one edit plus the contract check.
 */
export const HUBSPOT_API_VERSION = '2026-09';
const V = HUBSPOT_API_VERSION;

/** Team slugs carry a "/", which HubSpot expects as %2F inside a single path segment. */
const encodeSlug = (slug: string) => encodeURIComponent(validateSlug(slug));

export const paths = {
	meetingLinks: () => `/scheduler/${V}/meetings/meeting-links`,
	bookingInfo: (slug: string) => `/scheduler/${V}/meetings/meeting-links/book/${encodeSlug(slug)}`,
	availabilityPage: (slug: string) =>
		`/scheduler/${V}/meetings/meeting-links/book/availability-page/${encodeSlug(slug)}`,
	book: () => `/scheduler/${V}/meetings/meeting-links/book`,
	/** A calendar event on the organizer's calendar plus its CRM meeting (query: organizerUserId). */
	calendarMeeting: () => `/scheduler/${V}/meetings/calendar`,
	/** An owner by owner id, or by user id with `idProperty=userId`. */
	owner: (id: string) => `/crm/owners/${V}/${validateRecordId(id, 'ownerId')}`,

	contact: (id: string) => `/crm/objects/${V}/contacts/${validateRecordId(id, 'contactId')}`,
	/** The email must already be validated as an address by the caller; here it only gets encoded. */
	contactByEmail: (email: string) => `/crm/objects/${V}/contacts/${encodeURIComponent(email)}`,
	contacts: () => `/crm/objects/${V}/contacts`,
	contactsSearch: () => `/crm/objects/${V}/contacts/search`,
	contactsBatchRead: () => `/crm/objects/${V}/contacts/batch/read`,

	meeting: (id: string) => `/crm/objects/${V}/meetings/${validateRecordId(id, 'meetingId')}`,
	meetings: () => `/crm/objects/${V}/meetings`,
	meetingsSearch: () => `/crm/objects/${V}/meetings/search`,
	meetingsBatchRead: () => `/crm/objects/${V}/meetings/batch/read`,

	contactMeetingAssociationsBatchRead: () => `/crm/associations/${V}/contacts/meetings/batch/read`,

	webhookSettings: (appId: string) => `/app-webhooks/${V}/${validateAppId(appId)}/settings`,
	webhookSubscriptions: (appId: string) =>
		`/app-webhooks/${V}/${validateAppId(appId)}/subscriptions`,
	webhookSubscription: (appId: string, subscriptionId: string) =>
		`/app-webhooks/${V}/${validateAppId(appId)}/subscriptions/${validateRecordId(subscriptionId, 'subscriptionId')}`,
};

function validateAppId(input: string): string {
	const id = String(input).trim();
	if (!APP_ID.test(id)) {
		throw new PathInputError(
			'appId',
			`“${shorten(id)}” is not a HubSpot app ID. It is the number shown on the app's Auth page.`,
		);
	}
	return id;
}
