import type { HubSpotClient } from '../shared/transport/client';
import { paths } from '../shared/transport/paths';
import { searchPageSchema } from '../shared/transport/schemas';
import type { CrmObject } from '../shared/transport/schemas';
import { cursorPages, nextCursor } from '../shared/hubspot/paging';

/**
 * Reads contacts by create date through CRM search, within its limits: 200 per page and no more
 * than 10,000 results per query. Before a query would pass that cap, the search restarts from the
 * last create date seen (contacts seen twice are fine: the cursor drops repeats).
 */

export const SEARCH_PAGE_SIZE = 200;
export const SEARCH_RESULT_CAP = 10_000;

export interface FoundContact {
	id: string;
	createdAtMs: number;
	properties: Record<string, string | null | undefined>;
}

export interface SearchOutcome {
	contacts: FoundContact[];
	/** False when the poll stopped early (time budget, or more than 10,000 contacts in one millisecond). */
	complete: boolean;
	pages: number;
}

export interface SearchLimits {
	/** Called before each further page; returning true stops the search and leaves the rest for the next poll. */
	outOfTime(): boolean;
}

export async function searchCreatedSince(
	client: HubSpotClient,
	lowerBoundMs: number,
	properties: string[],
	limits: SearchLimits,
): Promise<SearchOutcome> {
	const found = new Map<string, FoundContact>();
	const outcome = (complete: boolean): SearchOutcome => ({
		contacts: [...found.values()],
		complete,
		pages,
	});
	let pages = 0;
	let lower = lowerBoundMs;
	for (;;) {
		const query = cursorPages(async (after) => await searchPage(client, lower, properties, after));
		let seen = 0;
		for await (const page of query) {
			pages++;
			seen += page.results.length;
			const contacts = page.results.map(toFoundContact).filter((contact) => contact !== undefined);
			for (const contact of contacts) found.set(contact.id, contact);
			const next = nextCursor(page);
			// At the cap HubSpot may leave out the next link although more results match; only a
			// query that ended before the cap is complete.
			const reachedCap = seen >= SEARCH_RESULT_CAP;
			if ((next === undefined && !reachedCap) || contacts.length === 0) return outcome(true);
			if (limits.outOfTime()) return outcome(false);
			if (next !== undefined && Number(next) + SEARCH_PAGE_SIZE <= SEARCH_RESULT_CAP) continue;
			const newest = Math.max(...contacts.map((contact) => contact.createdAtMs));
			// Over 10,000 contacts created in one millisecond: search cannot page further; the next poll tries again.
			if (newest <= lower) return outcome(false);
			lower = newest;
			break;
		}
	}
}

async function searchPage(
	client: HubSpotClient,
	lowerBoundMs: number,
	properties: string[],
	after: string | undefined,
) {
	return await client.request(
		{
			method: 'POST',
			path: paths.contactsSearch(),
			kind: 'search',
			body: searchBody(lowerBoundMs, properties, after),
			what: 'search for new contacts',
		},
		searchPageSchema,
	);
}

/** The newest contact, for "Fetch Test Event" in the editor. */
export async function searchNewest(
	client: HubSpotClient,
	properties: string[],
): Promise<FoundContact | undefined> {
	const page = await client.request(
		{
			method: 'POST',
			path: paths.contactsSearch(),
			kind: 'search',
			body: {
				sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' }],
				properties: withCreateDate(properties),
				limit: 1,
			},
			what: 'read the newest contact',
		},
		searchPageSchema,
	);
	return page.results.map(toFoundContact).find((contact) => contact !== undefined);
}

function searchBody(lowerBoundMs: number, properties: string[], after: string | undefined) {
	return {
		filterGroups: [
			{ filters: [{ propertyName: 'createdate', operator: 'GTE', value: String(lowerBoundMs) }] },
		],
		sorts: [{ propertyName: 'createdate', direction: 'ASCENDING' }],
		properties: withCreateDate(properties),
		limit: SEARCH_PAGE_SIZE,
		...(after === undefined ? {} : { after }),
	};
}

function withCreateDate(properties: string[]): string[] {
	return [...new Set([...properties, 'createdate'])];
}

function toFoundContact(record: CrmObject): FoundContact | undefined {
	const createdAtMs = Date.parse(record.properties.createdate ?? record.createdAt ?? '');
	if (!Number.isFinite(createdAtMs)) return undefined;
	return { id: record.id, createdAtMs, properties: record.properties };
}
