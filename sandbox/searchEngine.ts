/**
 * Evaluates a parsed search request against the search index (what search can see now, which lags
 * behind writes). Filters in a group are ANDed, groups are ORed. String comparisons ignore case,
 * except enumeration properties and IN/NOT_IN, where HubSpot expects lowercase values.
 */
import {
	type CrmRecord,
	DATETIME_PROPERTIES,
	ENUMERATION_PROPERTIES,
	type ObjectType,
	type PublicObject,
	parseDatetime,
	searchableProperties,
	toPublicObject,
} from './crmRecords';
import {
	SEARCH_LIMITS,
	type SearchFilter,
	type SearchRequest,
	type SearchSort,
} from './searchRequest';

/** Pseudo-properties such as `associations.contact`, which hold several values. */
export type VirtualValues = (record: CrmRecord) => Record<string, string[]>;

const QUERY_FIELDS: Record<ObjectType, readonly string[]> = {
	contacts: [
		'firstname',
		'lastname',
		'email',
		'phone',
		'hs_additional_emails',
		'fax',
		'mobilephone',
		'company',
		'hs_marketable_until_renewal',
	],
	meetings: ['hs_meeting_title', 'hs_meeting_body'],
};

export interface SearchResponse {
	total: number;
	results: PublicObject[];
	paging?: { next: { after: string } };
}

interface IndexedRecord {
	record: CrmRecord;
	properties: Record<string, string>;
	virtual: Record<string, string[]>;
}

export function runSearch(
	records: Iterable<CrmRecord>,
	objectType: ObjectType,
	request: SearchRequest,
	now: number,
	virtualValues: VirtualValues = () => ({}),
): SearchResponse {
	const indexed: IndexedRecord[] = [];
	for (const record of records) {
		const properties = searchableProperties(record, now);
		if (properties) indexed.push({ record, properties, virtual: virtualValues(record) });
	}
	const matches = indexed
		.filter((item) => matchesGroups(item, request.filterGroups))
		.filter(
			(item) =>
				request.query === undefined ||
				matchesQuery(item.properties, QUERY_FIELDS[objectType], request.query),
		);
	sortRecords(matches, request.sort);
	const page = matches.slice(request.offset, request.offset + request.limit);
	const nextOffset = request.offset + request.limit;
	const hasNext =
		nextOffset < matches.length && nextOffset < SEARCH_LIMITS.maxResults && request.limit > 0;
	return {
		total: matches.length,
		results: page.map((item) => toPublicObject(item.record, request.properties, item.properties)),
		...(hasNext ? { paging: { next: { after: String(nextOffset) } } } : {}),
	};
}

function matchesGroups(item: IndexedRecord, groups: SearchFilter[][]): boolean {
	if (groups.length === 0) return true;
	return groups.some((filters) => filters.every((filter) => matchesFilter(item, filter)));
}

function valuesOf(item: IndexedRecord, propertyName: string): string[] {
	const virtual = item.virtual[propertyName];
	if (virtual) return virtual;
	const value = item.properties[propertyName];
	return value === undefined || value === '' ? [] : [value];
}

function matchesFilter(item: IndexedRecord, filter: SearchFilter): boolean {
	const values = valuesOf(item, filter.propertyName);
	const name = filter.propertyName;
	switch (filter.operator) {
		case 'HAS_PROPERTY':
			return values.length > 0;
		case 'NOT_HAS_PROPERTY':
			return values.length === 0;
		case 'EQ':
			return values.some((v) => compare(name, v, filter.value ?? '') === 0);
		case 'NEQ':
			return !values.some((v) => compare(name, v, filter.value ?? '') === 0);
		case 'LT':
			return values.some((v) => compare(name, v, filter.value ?? '') < 0);
		case 'LTE':
			return values.some((v) => compare(name, v, filter.value ?? '') <= 0);
		case 'GT':
			return values.some((v) => compare(name, v, filter.value ?? '') > 0);
		case 'GTE':
			return values.some((v) => compare(name, v, filter.value ?? '') >= 0);
		case 'BETWEEN':
			return values.some(
				(v) =>
					compare(name, v, filter.value ?? '') >= 0 &&
					compare(name, v, filter.highValue ?? '') <= 0,
			);
		case 'IN':
			return values.some((v) => isIn(name, v, filter.values ?? []));
		case 'NOT_IN':
			return !values.some((v) => isIn(name, v, filter.values ?? []));
		case 'CONTAINS_TOKEN':
			return values.some((v) => containsToken(v, filter.value ?? ''));
		case 'NOT_CONTAINS_TOKEN':
			return !values.some((v) => containsToken(v, filter.value ?? ''));
	}
}

function asNumber(name: string, value: string): number | undefined {
	if (DATETIME_PROPERTIES.has(name)) return parseDatetime(value);
	const trimmed = value.trim();
	return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** Negative when the stored value sorts before the filter value. Datetimes compare as epoch ms. */
export function compare(name: string, stored: string, wanted: string): number {
	const a = asNumber(name, stored);
	const b = asNumber(name, wanted);
	if (a !== undefined && b !== undefined) return a - b;
	if (ENUMERATION_PROPERTIES.has(name)) return stored < wanted ? -1 : stored > wanted ? 1 : 0;
	const x = stored.toLowerCase();
	const y = wanted.toLowerCase();
	return x < y ? -1 : x > y ? 1 : 0;
}

/** IN compares stored values in lowercase against the values exactly as sent (HubSpot's rule). */
function isIn(name: string, stored: string, wanted: string[]): boolean {
	return wanted.some((value) => {
		const a = asNumber(name, stored);
		const b = asNumber(name, value);
		if (a !== undefined && b !== undefined) return a === b;
		if (ENUMERATION_PROPERTIES.has(name)) return stored === value;
		return stored.toLowerCase() === value;
	});
}

/** A token (or the whole value) matches the pattern; `*` is a wildcard. */
export function containsToken(stored: string, pattern: string): boolean {
	const escaped = pattern
		.toLowerCase()
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	const regex = new RegExp(`^${escaped}$`, 's');
	const value = stored.toLowerCase();
	return (
		regex.test(value) ||
		value.split(/[^\p{L}\p{N}]+/u).some((token) => token !== '' && regex.test(token))
	);
}

function matchesQuery(
	properties: Record<string, string>,
	fields: readonly string[],
	query: string,
): boolean {
	const words = query
		.toLowerCase()
		.split(/\s+/)
		.filter((w) => w !== '');
	const haystacks = fields
		.map((field) => (properties[field] ?? '').toLowerCase())
		.filter((v) => v !== '');
	return words.every((word) => haystacks.some((value) => value.includes(word)));
}

function sortRecords(items: IndexedRecord[], sort: SearchSort | undefined): void {
	if (!sort) {
		items.sort((a, b) => Number(a.record.id) - Number(b.record.id));
		return;
	}
	const direction = sort.direction === 'DESCENDING' ? -1 : 1;
	items.sort((a, b) => {
		const x = a.properties[sort.propertyName];
		const y = b.properties[sort.propertyName];
		if (x === undefined || y === undefined) {
			if (x === y) return Number(a.record.id) - Number(b.record.id);
			return x === undefined ? 1 : -1;
		}
		return (
			direction * compare(sort.propertyName, x, y) || Number(a.record.id) - Number(b.record.id)
		);
	});
}
