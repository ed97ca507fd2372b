import { DateTime } from 'luxon';
import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normalizePhone } from '../../shared/domain/phone';
import { oneLine } from '../../shared/domain/speech';
import { speakableDateTime, toOutputTimes } from '../../shared/domain/time';
import type { HubSpotClient } from '../../shared/transport/client';
import type { CrmObject } from '../../shared/transport/schemas';
import { findContactByEmail, readContactsByEmail } from '../hubspot/contacts';
import { isActive, meetingIdsOfContacts, readMeetings } from '../hubspot/meetings';
import type { Meeting } from '../hubspot/meetings';
import { findContactsByPhone } from '../hubspot/phoneSearch';
import { timeZoneField } from './fields';
import {
	invalidInput,
	preview,
	readEmail,
	readPositiveInteger,
	readString,
	resolveTimeZone,
	unwrap,
} from './input';
import type { ItemOutcome } from './types';

const properties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		default: 'phone',
		options: [
			{ name: 'Phone', value: 'phone', description: 'The caller ID a voice platform passes' },
			{ name: 'Email', value: 'email' },
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
	},
	{
		displayName: 'Default Country',
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
	},
	{
		displayName: 'Max Upcoming Meetings',
		name: 'maxMeetings',
		type: 'number',
		default: 3,
		typeOptions: { minValue: 0, maxValue: 50 },
		description:
			'How many future meetings to include, soonest first (0 = none, which saves two HubSpot calls)',
	},
	timeZoneField,
];

export const description = updateDisplayOptions(
	{ show: { operation: ['lookupContact'] } },
	properties,
);

interface LookupQuery {
	itemIndex: number;
	zone: string;
	maxMeetings: number;
	phone?: ReturnType<typeof normalizePhone> extends infer R
		? R extends { ok: true; value: infer V }
			? V
			: never
		: never;
	defaultCountry: string;
	email?: string;
}

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
 * go into few searches, emails into one batch read, and all meetings into one association read.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	itemIndexes: number[],
	hubspot: HubSpotClient,
): Promise<ItemOutcome[]> {
	const queries = new Map<number, LookupQuery | Error>();
	for (const itemIndex of itemIndexes) {
		try {
			queries.set(itemIndex, readQuery(this, itemIndex));
		} catch (error) {
			queries.set(itemIndex, error as Error);
		}
	}
	const valid = [...queries.values()].filter(
		(query): query is LookupQuery => !(query instanceof Error),
	);
	const contacts = await findContacts(hubspot, valid);
	const wantMeetings = valid.filter((query) => query.maxMeetings > 0);
	const meetingContactIds = wantMeetings.flatMap(
		(query) => contacts.get(query.itemIndex)?.[0]?.id ?? [],
	);
	const meetingsByContact = await upcomingMeetings(hubspot, meetingContactIds);

	return itemIndexes.map((itemIndex) => {
		const query = queries.get(itemIndex) as LookupQuery | Error;
		if (query instanceof Error) return { error: query };
		const matches = contacts.get(itemIndex) ?? [];
		return { json: describe(query, matches, meetingsByContact) };
	});
}

function readQuery(context: IExecuteFunctions, itemIndex: number): LookupQuery {
	const zone = resolveTimeZone(context, itemIndex);
	const maxMeetings = readPositiveInteger(
		context,
		itemIndex,
		'maxMeetings',
		'Max Upcoming Meetings',
		{ min: 0, max: 50 },
	);
	const lookupBy = context.getNodeParameter('lookupBy', itemIndex, 'phone') as string;
	const defaultCountry = readString(context, itemIndex, 'defaultCountry').toUpperCase() || 'US';
	if (lookupBy === 'email') {
		return {
			itemIndex,
			zone,
			maxMeetings,
			defaultCountry,
			email: readEmail(context, itemIndex, 'email', 'Email', true),
		};
	}
	if (!/^[A-Z]{2}$/.test(defaultCountry)) {
		throw invalidInput(
			context,
			itemIndex,
			'Default Country',
			`“${preview(defaultCountry)}” is not a two-letter country code such as US or GB.`,
		);
	}
	const raw = readString(context, itemIndex, 'phone');
	if (raw === '')
		throw invalidInput(
			context,
			itemIndex,
			'Phone',
			'a phone number is required, for example +1 415 555 0100.',
		);
	const phone = unwrap(context, itemIndex, 'Phone', normalizePhone(raw, defaultCountry));
	return { itemIndex, zone, maxMeetings, defaultCountry, phone };
}

async function findContacts(
	hubspot: HubSpotClient,
	queries: LookupQuery[],
): Promise<Map<number, CrmObject[]>> {
	const found = new Map<number, CrmObject[]>();
	const byEmail = queries.filter((query) => query.email !== undefined);
	if (byEmail.length === 1) {
		const contact = await findContactByEmail(hubspot, byEmail[0].email as string, {
			withMeetings: false,
		});
		found.set(byEmail[0].itemIndex, contact ? [contact] : []);
	} else if (byEmail.length > 1) {
		const contacts = await readContactsByEmail(
			hubspot,
			byEmail.map((query) => query.email as string),
		);
		for (const query of byEmail) {
			found.set(
				query.itemIndex,
				contacts.filter((contact) => contact.properties.email?.toLowerCase() === query.email),
			);
		}
	}
	const byPhone = queries.filter((query) => query.phone !== undefined);
	const phoneMatches = await findContactsByPhone(
		hubspot,
		byPhone.map((query) => ({
			key: query.itemIndex,
			phone: query.phone as NonNullable<LookupQuery['phone']>,
			defaultRegion: query.defaultCountry,
		})),
	);
	for (const [itemIndex, matches] of phoneMatches) found.set(itemIndex, matches);
	return found;
}

async function upcomingMeetings(
	hubspot: HubSpotClient,
	contactIds: string[],
): Promise<Map<string, Meeting[]>> {
	const idsByContact = await meetingIdsOfContacts(hubspot, contactIds);
	const meetings = await readMeetings(hubspot, [...idsByContact.values()].flat());
	const byId = new Map(meetings.map((meeting) => [meeting.id, meeting]));
	const now = Date.now();
	const result = new Map<string, Meeting[]>();
	for (const [contactId, ids] of idsByContact) {
		const upcoming = ids
			.flatMap((id) => byId.get(id) ?? [])
			.filter((meeting) => isActive(meeting) && meeting.startMs > now)
			.sort((a, b) => a.startMs - b.startMs);
		result.set(contactId, upcoming);
	}
	return result;
}

function describe(
	query: LookupQuery,
	matches: CrmObject[],
	meetingsByContact: Map<string, Meeting[]>,
): IDataObject {
	const contact = matches[0];
	if (!contact) {
		return {
			found: false,
			matchCount: 0,
			contactId: null,
			firstName: null,
			lastName: null,
			email: null,
			phone: null,
			upcomingMeetings: [],
			context: '',
		};
	}
	const props = contact.properties;
	const meetings = (meetingsByContact.get(contact.id) ?? [])
		.slice(0, query.maxMeetings)
		.map((meeting) => ({
			id: meeting.id,
			title: meeting.title,
			...toOutputTimes(meeting.startMs, meeting.endMs, query.zone),
			label: speakableDateTime(DateTime.fromMillis(meeting.startMs, { zone: query.zone })),
		}));
	const name = [props.firstname, props.lastname].filter(Boolean).join(' ');
	const who = name !== '' ? name : 'a known contact';
	const upcoming =
		meetings.length > 0
			? ` Upcoming: ${meetings.map((meeting) => `${meeting.label} - ${meeting.title}`).join('; ')}.`
			: ' No upcoming meetings.';
	return {
		found: true,
		matchCount: matches.length,
		contactId: contact.id,
		firstName: props.firstname ?? null,
		lastName: props.lastname ?? null,
		email: props.email ?? null,
		phone: props.phone ?? props.mobilephone ?? null,
		otherMatchIds: matches.slice(1).map((match) => match.id),
		upcomingMeetings: meetings,
		context: oneLine(`The caller is ${who}${props.email ? ` (${props.email})` : ''}.${upcoming}`),
	};
}
