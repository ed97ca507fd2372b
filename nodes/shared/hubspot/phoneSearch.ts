import type { NormalizedPhone } from '../domain/phone';
import { nationalSearchVariants, sameNumber } from '../domain/phone';
import type { HubSpotClient } from '../transport/client';
import type { CrmObject } from '../transport/schemas';
import { CONTACT_PROPERTIES, searchContacts } from './contacts';

export interface PhoneQuery<K> {
	key: K;
	phone: NormalizedPhone;
	defaultRegion: string;
}

// HubSpot refuses search bodies over 3,000 characters; keep a margin for the fixed parts.
const MAX_BODY_CHARS = 2_700;

/** One number matches a handful of contacts; past this many, the rest add nothing a caller can use. */
const MAX_CANDIDATES = 1_000;

/**
 * HubSpot's calculated phone properties hold the national number without the country code, so
 * that is what we search; raw E.164 values catch portals with phone validation on. Several numbers
 * share one search (IN filters), and every hit is confirmed on its digits before it counts.
 */
export interface PhoneMatch {
	contact: CrmObject;
	/** The contact property that holds the caller's number, and its value as stored. */
	property: 'phone' | 'mobilephone';
	storedNumber: string;
}

export async function findContactsByPhone<K>(
	hubspot: HubSpotClient,
	queries: Array<PhoneQuery<K>>,
): Promise<Map<K, PhoneMatch[]>> {
	const result = new Map<K, PhoneMatch[]>();
	for (const batch of batchesFor(queries)) {
		const hits = sortByRecency(
			await searchContacts(hubspot, searchBody(batch), {
				what: 'search contacts by phone',
				maxResults: MAX_CANDIDATES,
			}),
		);
		for (const query of batch) {
			result.set(
				query.key,
				hits.flatMap((contact) => matchOf(contact, query) ?? []),
			);
		}
	}
	return result;
}

/** The stored number that is the caller's, confirmed on its digits: a search hit alone may be a partial match. */
function matchOf<K>(contact: CrmObject, query: PhoneQuery<K>): PhoneMatch | undefined {
	const props = contact.properties;
	for (const property of ['phone', 'mobilephone'] as const) {
		const stored = props[property];
		if (stored && sameNumber(stored, query.phone, query.defaultRegion)) {
			return { contact, property, storedNumber: stored };
		}
	}
	// Only HubSpot's normalised copy matches (e.g. a number typed with an unusual prefix).
	const calculated = props.hs_calculated_phone_number;
	if (calculated && sameNumber(calculated, query.phone, query.defaultRegion)) {
		return { contact, property: 'phone', storedNumber: props.phone ?? calculated };
	}
	return undefined;
}

function sortByRecency(contacts: CrmObject[]): CrmObject[] {
	const modified = (contact: CrmObject) =>
		Date.parse(contact.properties.lastmodifieddate ?? contact.updatedAt ?? '') || 0;
	return [...contacts].sort((a, b) => modified(b) - modified(a));
}

function batchesFor<K>(queries: Array<PhoneQuery<K>>): Array<Array<PhoneQuery<K>>> {
	const batches: Array<Array<PhoneQuery<K>>> = [];
	let current: Array<PhoneQuery<K>> = [];
	for (const query of queries) {
		const candidate = [...current, query];
		if (current.length > 0 && JSON.stringify(searchBody(candidate)).length > MAX_BODY_CHARS) {
			batches.push(current);
			current = [query];
		} else {
			current = candidate;
		}
	}
	if (current.length > 0) batches.push(current);
	return batches;
}

function searchBody<K>(queries: Array<PhoneQuery<K>>): Record<string, unknown> {
	const national = [...new Set(queries.flatMap((query) => nationalSearchVariants(query.phone)))];
	const international = [...new Set(queries.map((query) => query.phone.e164))];
	return {
		filterGroups: [
			{
				filters: [
					{
						propertyName: 'hs_searchable_calculated_phone_number',
						operator: 'IN',
						values: national,
					},
				],
			},
			{
				filters: [
					{
						propertyName: 'hs_searchable_calculated_mobile_number',
						operator: 'IN',
						values: national,
					},
				],
			},
			{ filters: [{ propertyName: 'phone', operator: 'IN', values: international }] },
			{ filters: [{ propertyName: 'mobilephone', operator: 'IN', values: international }] },
		],
		properties: CONTACT_PROPERTIES,
		limit: 200,
	};
}
