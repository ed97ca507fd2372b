/**
 * Parsing and limits of CRM search requests (POST /crm/v3/objects/{type}/search). HubSpot's spec marks
 * every field required, but the real API accepts any subset, so only shapes and documented limits are
 * enforced here: 3,000-character body, 5 groups, 6 filters per group, 18 filters, one sort,
 * limit ≤ 200, and no paging past 10,000 results.
 */
import { z } from 'zod';
import { validationError } from './errors';

export const SEARCH_LIMITS = {
	maxBodyChars: 3000,
	maxGroups: 5,
	maxFiltersPerGroup: 6,
	maxFilters: 18,
	maxLimit: 200,
	defaultLimit: 10,
	maxResults: 10_000,
} as const;

export const OPERATORS = [
	'EQ',
	'NEQ',
	'LT',
	'LTE',
	'GT',
	'GTE',
	'BETWEEN',
	'IN',
	'NOT_IN',
	'HAS_PROPERTY',
	'NOT_HAS_PROPERTY',
	'CONTAINS_TOKEN',
	'NOT_CONTAINS_TOKEN',
] as const;
export type Operator = (typeof OPERATORS)[number];

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const filterSchema = z.object({
	propertyName: z.string().min(1),
	operator: z.string(),
	value: scalar.optional(),
	highValue: scalar.optional(),
	values: z.array(scalar).optional(),
});

const sortSchema = z.union([
	z.string(),
	z.object({
		propertyName: z.string().min(1),
		direction: z.enum(['ASCENDING', 'DESCENDING']).optional(),
	}),
]);

const requestSchema = z.object({
	filterGroups: z.array(z.object({ filters: z.array(filterSchema) })).optional(),
	sorts: z.array(sortSchema).optional(),
	query: z.string().optional(),
	properties: z.array(z.string()).optional(),
	limit: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
	after: z.union([z.string(), z.number()]).optional(),
});

export interface SearchFilter {
	propertyName: string;
	operator: Operator;
	value?: string;
	highValue?: string;
	values?: string[];
}

export interface SearchSort {
	propertyName: string;
	direction: 'ASCENDING' | 'DESCENDING';
}

export interface SearchRequest {
	filterGroups: SearchFilter[][];
	sort?: SearchSort;
	query?: string;
	properties?: string[];
	limit: number;
	offset: number;
}

export function parseSearchRequest(rawBody: string, body: unknown): SearchRequest {
	if (rawBody.length > SEARCH_LIMITS.maxBodyChars) {
		throw validationError(
			`The request body is ${rawBody.length} characters long; search requests are limited to ${SEARCH_LIMITS.maxBodyChars} characters.`,
		);
	}
	const parsed = requestSchema.safeParse(body ?? {});
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw validationError(
			`Invalid search request at ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
		);
	}
	const request = parsed.data;
	const filterGroups = (request.filterGroups ?? []).map((group) => group.filters.map(checkFilter));
	checkFilterCounts(filterGroups);
	const limit = request.limit ?? SEARCH_LIMITS.defaultLimit;
	if (limit < 0 || limit > SEARCH_LIMITS.maxLimit) {
		throw validationError(`limit must be between 0 and ${SEARCH_LIMITS.maxLimit}; got ${limit}.`);
	}
	const offset = parseOffset(request.after);
	if ((request.sorts ?? []).length > 1)
		throw validationError('Only one sort rule is supported per search request.');
	return {
		filterGroups,
		sort: request.sorts?.[0] === undefined ? undefined : toSort(request.sorts[0]),
		query: request.query?.trim() || undefined,
		properties: request.properties,
		limit,
		offset,
	};
}

function checkFilterCounts(groups: SearchFilter[][]): void {
	if (groups.length > SEARCH_LIMITS.maxGroups) {
		throw validationError(
			`Too many filter groups (${groups.length}). The maximum number of filter groups is ${SEARCH_LIMITS.maxGroups}.`,
		);
	}
	for (const group of groups) {
		if (group.length > SEARCH_LIMITS.maxFiltersPerGroup) {
			throw validationError(
				`Too many filters in a filter group (${group.length}). The maximum number of filters per filter group is ${SEARCH_LIMITS.maxFiltersPerGroup}.`,
			);
		}
	}
	const total = groups.reduce((sum, group) => sum + group.length, 0);
	if (total > SEARCH_LIMITS.maxFilters) {
		throw validationError(
			`Too many filters (${total}). The maximum number of filters across all filter groups is ${SEARCH_LIMITS.maxFilters}.`,
		);
	}
}

function parseOffset(after: string | number | undefined): number {
	if (after === undefined || after === '') return 0;
	const offset = Number(after);
	if (!Number.isInteger(offset) || offset < 0)
		throw validationError(`after must be a non-negative integer offset; got ${after}.`);
	if (offset >= SEARCH_LIMITS.maxResults) {
		throw validationError(
			`Paging beyond ${SEARCH_LIMITS.maxResults} results is not supported (after=${offset}). Narrow the search with filters.`,
		);
	}
	return offset;
}

function checkFilter(raw: z.infer<typeof filterSchema>): SearchFilter {
	const operator = raw.operator.toUpperCase();
	if (!(OPERATORS as readonly string[]).includes(operator)) {
		throw validationError(
			`${raw.operator} is not a valid filter operator. Valid operators: ${OPERATORS.join(', ')}.`,
		);
	}
	const filter: SearchFilter = { ...raw, operator: operator as Operator };
	const needsValue = !['IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY'].includes(operator);
	if (needsValue && filter.value === undefined) {
		throw validationError(
			`Filter on ${filter.propertyName} with operator ${operator} requires a value.`,
		);
	}
	if (operator === 'BETWEEN' && filter.highValue === undefined) {
		throw validationError(
			`Filter on ${filter.propertyName} with operator BETWEEN requires a highValue.`,
		);
	}
	if (
		(operator === 'IN' || operator === 'NOT_IN') &&
		(filter.values === undefined || filter.values.length === 0)
	) {
		throw validationError(
			`Filter on ${filter.propertyName} with operator ${operator} requires values.`,
		);
	}
	return filter;
}

function toSort(sort: z.infer<typeof sortSchema>): SearchSort {
	if (typeof sort === 'string') {
		return sort.startsWith('-')
			? { propertyName: sort.slice(1), direction: 'DESCENDING' }
			: { propertyName: sort, direction: 'ASCENDING' };
	}
	return { propertyName: sort.propertyName, direction: sort.direction ?? 'ASCENDING' };
}
