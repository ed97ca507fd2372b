import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { HubSpotClient } from '../../../shared/transport/client';
import { findContactByEmail, readContactsByEmail } from '../../../shared/hubspot/contacts';
import {
	isActive,
	meetingIdsOfContact,
	meetingIdsOfContacts,
	readMeetings,
} from '../../../shared/hubspot/meetings';
import type { Meeting } from '../../../shared/hubspot/meetings';
import { findContactsByPhone } from '../../../shared/hubspot/phoneSearch';
import { describeCaller } from '../caller/callerContext';
import type { ContactMatch } from '../caller/callerContext';
import { timeZoneWithoutLinkField } from '../common/fields';
import { readLookupQuery } from '../caller/lookupQuery';
import { asNodeError } from '../common/nodeError';
import type { LookupQuery } from '../caller/lookupQuery';
import type { ItemOutcome } from '../types';

const properties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		default: 'phone',
		options: [
			{
				name: 'Phone',
				value: 'phone',
				description: 'Find the contact by the caller ID a voice platform passes',
			},
			{
				name: 'Email',
				value: 'email',
				description: 'Find the contact by an email address the caller gave',
			},
		],
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: '+1 415 555 0100',
		displayOptions: { show: { lookupBy: ['phone'] } },
		description:
			"The caller's number in any format: +1 (415) 555-0100, 0044 20 7946 0958, 415.555.0100",
		hint: "For a voice agent, an expression with the caller ID from the platform's request, such as {{ $json.body.message.call.customer.number }} from Vapi",
	},
	{
		displayName: 'Default Phone Country',
		name: 'defaultCountry',
		type: 'string',
		default: 'US',
		displayOptions: { show: { lookupBy: ['phone'] } },
		description: 'Two-letter country code for numbers given without a country code',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		displayOptions: { show: { lookupBy: ['email'] } },
		description: 'The email address the caller gave',
	},
	{
		displayName: 'Max Upcoming Meetings',
		name: 'maxMeetings',
		type: 'number',
		default: 3,
		typeOptions: { minValue: 0, maxValue: 50 },
		description:
			'How many future meetings to include, soonest first. 0 leaves them out and saves HubSpot calls.',
	},
	timeZoneWithoutLinkField,
];

export const description = updateDisplayOptions(
	{ show: { operation: ['lookupContact'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
): Promise<IDataObject[]> {
	const [outcome] = await executeBatch.call(this, [itemIndex], hubspot);
	if ('error' in outcome) throw outcome.error;
	return [outcome.json];
}

/**
 * Many callers at once (a bulk enrichment, or a burst of calls) share HubSpot calls: phone numbers
 * go into few searches, emails into one batch read, and all meetings into one association read
 * and one meeting read. An invalid item makes no call; without "Continue On Fail" it stops the
 * run before any call is made.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	itemIndexes: number[],
	hubspot: HubSpotClient,
): Promise<ItemOutcome[]> {
	const queries = itemIndexes.map((itemIndex) => {
		try {
			return readLookupQuery(this, itemIndex);
		} catch (error) {
			return error as Error;
		}
	});
	const firstInvalid = queries.find((query) => query instanceof Error);
	if (firstInvalid && !this.continueOnFail()) throw firstInvalid;
	const valid = queries.filter((query): query is LookupQuery => !(query instanceof Error));
	let results: Map<number, { matches: ContactMatch[]; upcoming: Meeting[] }>;
	try {
		results = await lookUp(hubspot, valid);
	} catch (error) {
		if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
		return queries.map((query) => ({ error: query instanceof Error ? query : (error as Error) }));
	}
	return queries.map((query) => {
		if (query instanceof Error) return { error: query };
		const result = results.get(query.itemIndex) ?? { matches: [], upcoming: [] };
		return { json: describeCaller(query, result.matches, result.upcoming) };
	});
}

async function lookUp(
	hubspot: HubSpotClient,
	queries: LookupQuery[],
): Promise<Map<number, { matches: ContactMatch[]; upcoming: Meeting[] }>> {
	const { matches, meetingIds } = await findContacts(hubspot, queries);
	const wanted = queries.flatMap((query) => {
		const contactId = matches.get(query.itemIndex)?.[0]?.contact.id;
		return query.maxMeetings > 0 && contactId ? [contactId] : [];
	});
	const upcoming = await upcomingMeetings(hubspot, wanted, meetingIds);
	const results = new Map<number, { matches: ContactMatch[]; upcoming: Meeting[] }>();
	for (const query of queries) {
		const found = matches.get(query.itemIndex) ?? [];
		const best = found[0]?.contact.id;
		results.set(query.itemIndex, {
			matches: found,
			upcoming: best && query.maxMeetings > 0 ? (upcoming.get(best) ?? []) : [],
		});
	}
	return results;
}

/**
 * Contacts per item, plus the meeting ids of contacts whose lookup already returned them (a single
 * email lookup asks for them in the same call, saving the association read).
 */
async function findContacts(
	hubspot: HubSpotClient,
	queries: LookupQuery[],
): Promise<{ matches: Map<number, ContactMatch[]>; meetingIds: Map<string, string[]> }> {
	const matches = new Map<number, ContactMatch[]>();
	const meetingIds = new Map<string, string[]>();
	const byEmail = queries.filter((query) => query.email !== undefined);
	const byPhone = queries.filter((query) => query.phone !== undefined);
	if (byEmail.length === 1) {
		const [query] = byEmail;
		const withMeetings = query.maxMeetings > 0;
		const contact = await findContactByEmail(hubspot, query.email as string, { withMeetings });
		if (contact && withMeetings) {
			meetingIds.set(contact.id, await meetingIdsOfContact(hubspot, contact));
		}
		matches.set(query.itemIndex, contact ? [{ contact }] : []);
	} else if (byEmail.length > 1) {
		const contacts = await readContactsByEmail(
			hubspot,
			byEmail.map((query) => query.email as string),
		);
		for (const query of byEmail) {
			const own = contacts.filter(
				(contact) => contact.properties.email?.toLowerCase() === query.email,
			);
			matches.set(
				query.itemIndex,
				own.map((contact) => ({ contact })),
			);
		}
	}
	const phoneMatches = await findContactsByPhone(
		hubspot,
		byPhone.map((query) => ({
			key: query.itemIndex,
			phone: query.phone as NonNullable<LookupQuery['phone']>,
			defaultRegion: query.defaultCountry,
		})),
	);
	for (const [itemIndex, found] of phoneMatches) matches.set(itemIndex, found);
	return { matches, meetingIds };
}

/** Future, not cancelled, soonest first; one association read for the contacts not yet known, one meeting read for all. */
async function upcomingMeetings(
	hubspot: HubSpotClient,
	contactIds: string[],
	knownMeetingIds: Map<string, string[]>,
): Promise<Map<string, Meeting[]>> {
	const unknown = contactIds.filter((id) => !knownMeetingIds.has(id));
	const idsByContact = new Map([
		...knownMeetingIds,
		...(await meetingIdsOfContacts(hubspot, unknown)),
	]);
	const meetings = await readMeetings(
		hubspot,
		contactIds.flatMap((id) => idsByContact.get(id) ?? []),
	);
	const byId = new Map(meetings.map((meeting) => [meeting.id, meeting]));
	const now = hubspot.clock.now();
	const result = new Map<string, Meeting[]>();
	for (const contactId of contactIds) {
		const upcoming = (idsByContact.get(contactId) ?? [])
			.flatMap((id) => byId.get(id) ?? [])
			.filter((meeting) => isActive(meeting) && meeting.startMs > now)
			.sort((a, b) => a.startMs - b.startMs);
		result.set(contactId, upcoming);
	}
	return result;
}
