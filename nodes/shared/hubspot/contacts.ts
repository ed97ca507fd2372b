import { NodeApiError } from 'n8n-workflow';
import type { JsonObject } from 'n8n-workflow';

import type { HubSpotClient } from '../transport/client';
import { HubSpotApiError } from '../transport/errors';
import { paths } from '../transport/paths';
import { batchReadSchema, crmObjectSchema, searchPageSchema } from '../transport/schemas';
import type { CrmObject } from '../transport/schemas';

export const CONTACT_PROPERTIES = [
	'firstname',
	'lastname',
	'email',
	'phone',
	'mobilephone',
	'hs_calculated_phone_number',
	'hs_searchable_calculated_phone_number',
	'hs_searchable_calculated_mobile_number',
	'lastmodifieddate',
];

/** A direct lookup, not a search: search lags behind writes and would miss a contact created seconds ago. */
export async function findContactByEmail(
	hubspot: HubSpotClient,
	email: string,
	options: { withMeetings: boolean },
): Promise<CrmObject | null> {
	return await hubspot.requestOrNull(
		{
			method: 'GET',
			path: paths.contactByEmail(email),
			qs: {
				idProperty: 'email',
				properties: CONTACT_PROPERTIES.join(','),
				...(options.withMeetings ? { associations: 'meetings' } : {}),
			},
			what: 'look up the contact by email',
		},
		crmObjectSchema,
	);
}

export async function readContactsByEmail(
	hubspot: HubSpotClient,
	emails: string[],
): Promise<CrmObject[]> {
	const chunks = chunk([...new Set(emails)], 100);
	const pages = await Promise.all(
		chunks.map(
			async (inputs) =>
				await hubspot.request(
					{
						method: 'POST',
						path: paths.contactsBatchRead(),
						kind: 'read',
						body: {
							idProperty: 'email',
							properties: CONTACT_PROPERTIES,
							inputs: inputs.map((id) => ({ id })),
						},
						what: 'look up contacts by email',
					},
					batchReadSchema,
				),
		),
	);
	return pages.flatMap((page) => page.results);
}

/**
 * Creates the contact; when HubSpot says it already exists (another booking won the race, or search
 * lagged), adopts the existing record instead of failing.
 */
export async function createContact(
	hubspot: HubSpotClient,
	properties: Record<string, string>,
): Promise<{ id: string; created: boolean }> {
	try {
		const contact = await hubspot.request(
			{ method: 'POST', path: paths.contacts(), body: { properties }, what: 'create the contact' },
			crmObjectSchema,
		);
		return { id: contact.id, created: true };
	} catch (error) {
		const existingId = existingIdOf(error);
		if (existingId) return { id: existingId, created: false };
		throw new NodeApiError(hubspot.node, error as JsonObject);
	}
}

function existingIdOf(error: unknown): string | undefined {
	if (!(error instanceof HubSpotApiError) || error.hubspot.status !== 409) return undefined;
	return /Existing ID: ?(\d+)/.exec(error.hubspot.hubspotMessage ?? '')?.[1];
}

export async function updateContact(
	hubspot: HubSpotClient,
	contactId: string,
	properties: Record<string, string>,
): Promise<CrmObject> {
	return await hubspot.request(
		{
			method: 'PATCH',
			path: paths.contact(contactId),
			kind: 'idempotent-write',
			body: { properties },
			what: 'update the contact',
		},
		crmObjectSchema,
	);
}

export async function searchContacts(
	hubspot: HubSpotClient,
	body: Record<string, unknown>,
): Promise<CrmObject[]> {
	const results: CrmObject[] = [];
	let after: string | undefined;
	do {
		const page = await hubspot.request(
			{
				method: 'POST',
				path: paths.contactsSearch(),
				kind: 'search',
				body: { ...body, ...(after ? { after } : {}) },
				what: 'search contacts by phone',
			},
			searchPageSchema,
		);
		results.push(...page.results);
		after = page.paging?.next?.after;
	} while (after !== undefined && results.length < 1000);
	return results;
}

export function chunk<T>(values: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let index = 0; index < values.length; index += size)
		chunks.push(values.slice(index, index + size));
	return chunks;
}
