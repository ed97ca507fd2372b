import { z } from 'zod';

import {
	type Deviation,
	associationSpec,
	forwardPaging,
	isoDateTime,
	numericId,
	propertyValues,
	queryBoolean,
	queryList,
	standardError,
} from './common';

/**
 * CRM objects 2026-09 (`CRM/Contacts/Rollouts/424/2026-09/contacts.json`,
 * `CRM/Meetings/Rollouts/424/2026-09/meetings.json`: the same schemas) and associations 2026-09
 * (`CRM/Associations/Rollouts/130902/2026-09/associations.json`).
 */

const associatedIds = z
	.object({
		results: z.array(z.object({ id: numericId, type: z.string() }).strict()),
		paging: forwardPaging.optional(),
	})
	.strict();

/** `SimplePublicObject` / `SimplePublicObjectWithAssociations`. */
export const simplePublicObject = z
	.object({
		id: numericId,
		properties: propertyValues,
		createdAt: isoDateTime,
		updatedAt: isoDateTime,
		archived: z.boolean(),
		archivedAt: isoDateTime.optional(),
		associations: z.record(associatedIds).optional(),
		propertiesWithHistory: z.record(z.array(z.record(z.unknown()))).optional(),
		objectWriteTraceId: z.string().optional(),
		url: z.string().optional(),
	})
	.strict();

export const getObjectQuery = z
	.object({
		properties: queryList.optional(),
		propertiesWithHistory: queryList.optional(),
		associations: queryList.optional(),
		archived: queryBoolean.optional(),
		idProperty: z.string().optional(),
	})
	.strict();

const properties = z.record(z.string());

/** `SimplePublicObjectInputForCreate`. */
export const createObjectRequest = z
	.object({
		properties,
		associations: z
			.array(
				z
					.object({
						to: z.object({ id: numericId }).strict(),
						types: z.array(associationSpec).min(1),
					})
					.strict(),
			)
			.optional(),
	})
	.strict();

export const createDeviations: Deviation[] = [
	{
		field: 'associations',
		spec: 'required',
		accepted: 'optional',
		source: 'CRM docs create contacts without associations (hubspot-api.md §2 spec quirks)',
	},
];

/** `SimplePublicObjectInput`. */
export const updateObjectRequest = z.object({ properties }).strict();
export const updateObjectQuery = z.object({ idProperty: z.string().optional() }).strict();

const filterOperator = z.enum([
	'BETWEEN',
	'CONTAINS_TOKEN',
	'EQ',
	'GT',
	'GTE',
	'HAS_PROPERTY',
	'IN',
	'LT',
	'LTE',
	'NEQ',
	'NOT_CONTAINS_TOKEN',
	'NOT_HAS_PROPERTY',
	'NOT_IN',
]);

const filter = z
	.object({
		propertyName: z.string().min(1),
		operator: filterOperator,
		value: z.string().optional(),
		highValue: z.string().optional(),
		values: z.array(z.string()).optional(),
	})
	.strict();

const sort = z.union([
	z.string(),
	z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']) }).strict(),
]);

/** `PublicObjectSearchRequest`, with the limits of HubSpot's search docs. */
export const searchRequest = z
	.object({
		query: z.string().optional(),
		filterGroups: z
			.array(z.object({ filters: z.array(filter).max(6) }).strict())
			.max(5)
			.refine(
				(groups) => groups.reduce((total, group) => total + group.filters.length, 0) <= 18,
				'at most 18 filters in all',
			)
			.optional(),
		sorts: z.array(sort).optional(),
		properties: z.array(z.string()).optional(),
		limit: z.number().int().min(0).max(200).optional(),
		after: z.union([z.string(), z.number().int()]).optional(),
	})
	.strict();

export const searchDeviations: Deviation[] = [
	{
		field: 'after, filterGroups, limit, properties, sorts',
		spec: 'all required',
		accepted: 'any subset',
		source: 'search docs ({"limit":20}, {"query":"x"} requests) (hubspot-api.md §2 spec quirks)',
	},
	{
		field: 'sorts[]',
		spec: 'string[]',
		accepted: 'strings or {propertyName, direction} objects',
		source: 'search docs use objects; SDKs send strings',
	},
	{
		field: 'filterGroups, filters, limit',
		spec: 'no limits stated',
		accepted: '≤ 5 groups, ≤ 6 filters each, ≤ 18 filters, limit ≤ 200',
		source: 'HubSpot search docs',
	},
	{
		field: 'after',
		spec: 'string',
		accepted: 'string or integer',
		source: 'search docs examples send numbers and strings',
	},
];

export const searchResponse = z
	.object({
		total: z.number().int(),
		results: z.array(simplePublicObject),
		paging: forwardPaging.optional(),
	})
	.strict();

/** `BatchReadInputSimplePublicObjectId`. */
export const batchReadRequest = z
	.object({
		inputs: z.array(z.object({ id: z.string().min(1) }).strict()).max(100),
		properties: z.array(z.string()),
		propertiesWithHistory: z.array(z.string()).optional(),
		idProperty: z.string().optional(),
	})
	.strict();

export const batchReadQuery = z.object({ archived: queryBoolean.optional() }).strict();

export const batchReadDeviations: Deviation[] = [
	{
		field: 'propertiesWithHistory',
		spec: 'required',
		accepted: 'optional',
		source: 'CRM docs send only properties + inputs (hubspot-api.md §2 spec quirks)',
	},
];

export const multiStatusDeviation: Deviation = {
	field: 'HTTP status',
	spec: '200 only',
	accepted: '200, or 207 with the same body and errors[] when some inputs failed',
	source:
		'HubSpot docs (batch operations answer 207 Multi-Status; associations: NO_ASSOCIATIONS_FOUND)',
};

const batchStatus = z.enum(['CANCELED', 'COMPLETE', 'PENDING', 'PROCESSING']);

function batchResponse<T extends z.ZodTypeAny>(result: T) {
	return z
		.object({
			status: batchStatus,
			results: z.array(result),
			startedAt: isoDateTime,
			completedAt: isoDateTime,
			requestedAt: isoDateTime.optional(),
			numErrors: z.number().int().optional(),
			errors: z.array(standardError).optional(),
			links: z.record(z.string()).optional(),
		})
		.strict();
}

export const batchReadResponse = batchResponse(simplePublicObject);

/** `BatchInputPublicFetchAssociationsBatchRequest`. */
export const associationsBatchReadRequest = z
	.object({
		inputs: z.array(z.object({ id: numericId, after: z.string().optional() }).strict()).max(1000),
	})
	.strict();

export const associationsBatchReadResponse = batchResponse(
	z
		.object({
			from: z.object({ id: numericId }).strict(),
			to: z.array(
				z
					.object({
						toObjectId: z.union([numericId, z.number().int()]),
						associationTypes: z.array(
							z
								.object({
									category: z.enum([
										'HUBSPOT_DEFINED',
										'INTEGRATOR_DEFINED',
										'USER_DEFINED',
										'WORK',
									]),
									typeId: z.number().int(),
									label: z.string().nullable().optional(),
								})
								.strict(),
						),
					})
					.strict(),
			),
			paging: forwardPaging.optional(),
		})
		.strict(),
);

export const associationsDeviations: Deviation[] = [
	{
		field: 'results[].to[].toObjectId',
		spec: 'string (int32 in the 2024 rollout)',
		accepted: 'string or integer',
		source: 'associations docs examples return numbers such as 5790939450',
	},
	{
		field: 'results[].to[].associationTypes[].label',
		spec: 'optional string',
		accepted: 'string, null or absent',
		source: 'associations docs examples show "label": null for unlabelled types',
	},
];
