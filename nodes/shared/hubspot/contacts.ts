import { NodeApiError } from 'n8n-workflow';
import type { JsonObject } from 'n8n-workflow';

import type { HubSpotClient } from '../transport/client';
import { HubSpotApiError } from '../transport/errors';
import { paths } from '../transport/paths';
import { batchReadSchema, crmObjectSchema, searchPageSchema } from '../transport/schemas';
import type { CrmObject } from '../transport/schemas';
import { BATCH_LIMIT, chunk, cursorPages } from './paging';

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
	return await batchReadContacts(hubspot, emails, {
		idProperty: 'email',
		properties: CONTACT_PROPERTIES,
		what: () => 'look up contacts by email',
	});
}

/**
 * Contacts by id (or by email with `idProperty`), 100 a call, the calls in parallel. Contacts
 * HubSpot does not return (deleted in the meantime, or no such email) are simply absent.
 */
export async function batchReadContacts(
	hubspot: HubSpotClient,
	ids: string[],
	options: { idProperty?: 'email'; properties: string[]; what: (count: number) => string },
): Promise<CrmObject[]> {
	const pages = await Promise.all(
		chunk([...new Set(ids)], BATCH_LIMIT).map(
			async (inputs) =>
				await hubspot.request(
					{
						method: 'POST',
						path: paths.contactsBatchRead(),
						// Reading is safe to repeat after a server error.
						kind: 'read',
						body: {
							...(options.idProperty ? { idProperty: options.idProperty } : {}),
							properties: options.properties,
							inputs: inputs.map((id) => ({ id })),
						},
						what: options.what(inputs.length),
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

/** Every page of a contact search, up to `maxResults` contacts. */
export async function searchContacts(
	hubspot: HubSpotClient,
	body: Record<string, unknown>,
	options: { what: string; maxResults: number },
): Promise<CrmObject[]> {
	const results: CrmObject[] = [];
	const pages = cursorPages(
		async (after) =>
			await hubspot.request(
				{
					method: 'POST',
					path: paths.contactsSearch(),
					kind: 'search',
					body: { ...body, ...(after === undefined ? {} : { after }) },
					what: options.what,
				},
				searchPageSchema,
			),
	);
	for await (const page of pages) {
		results.push(...page.results);
		if (results.length >= options.maxResults) break;
	}
	return results;
}
