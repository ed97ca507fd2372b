import type { FakeHttpResponse, RecordedCall } from './fakeContexts';

/**
 * HubSpot's contact search as the polling trigger sees it: a contact becomes searchable only at
 * its `indexedAtMs` (index lag); results sort by createdate, with ties in no useful order (here:
 * highest id first); `after` is an offset; paging past 10,000 results is a 400, as in HubSpot.
 */
export interface StoredContact {
	id: string;
	createdAtMs: number;
	indexedAtMs: number;
	properties?: Record<string, string | null>;
}

interface SearchBody {
	filterGroups?: Array<{
		filters: Array<{ propertyName: string; operator: string; value: string }>;
	}>;
	sorts?: Array<{ propertyName: string; direction: string }>;
	properties?: string[];
	limit?: number;
	after?: string;
}

export class FakeContactSearch {
	readonly contacts: StoredContact[] = [];
	searches: SearchBody[] = [];

	constructor(private readonly now: () => number) {}

	add(contact: StoredContact): void {
		this.contacts.push(contact);
	}

	answer = (call: RecordedCall): FakeHttpResponse => {
		if (!call.url.endsWith('/crm/objects/2026-09/contacts/search'))
			return { statusCode: 404, body: { message: 'Not found' } };
		const body = call.body as SearchBody;
		this.searches.push(body);
		const limit = body.limit ?? 10;
		const offset = Number(body.after ?? 0);
		if (offset + limit > 10_000) {
			return {
				statusCode: 400,
				body: {
					status: 'error',
					message: 'paging beyond 10,000 results',
					category: 'VALIDATION_ERROR',
				},
			};
		}
		const lower = Number(
			body.filterGroups?.[0]?.filters.find((filter) => filter.operator === 'GTE')?.value ??
				-Infinity,
		);
		const descending = body.sorts?.[0]?.direction === 'DESCENDING';
		const visible = this.contacts
			.filter((contact) => contact.indexedAtMs <= this.now() && contact.createdAtMs >= lower)
			.sort(
				(a, b) =>
					(descending ? b.createdAtMs - a.createdAtMs : a.createdAtMs - b.createdAtMs) ||
					Number(b.id) - Number(a.id),
			);
		const page = visible.slice(offset, offset + limit);
		const next =
			offset + limit < visible.length ? { next: { after: String(offset + limit) } } : undefined;
		return {
			statusCode: 200,
			body: {
				total: visible.length,
				results: page.map((contact) => ({
					id: contact.id,
					properties: {
						...pick(contact.properties ?? {}, body.properties ?? []),
						createdate: new Date(contact.createdAtMs).toISOString(),
						hs_object_id: contact.id,
					},
					createdAt: new Date(contact.createdAtMs).toISOString(),
					archived: false,
				})),
				...(next ? { paging: next } : {}),
			},
		};
	};
}

function pick(
	properties: Record<string, string | null>,
	names: string[],
): Record<string, string | null> {
	return Object.fromEntries(
		names.filter((name) => name in properties).map((name) => [name, properties[name]]),
	);
}
