import { z } from 'zod';

/**
 * Building blocks of the contract description. Facts come from HubSpot's published OpenAPI specs
 * (HubSpot/HubSpot-public-api-spec-collection, the `2026-09` folders) and docs; where HubSpot is
 * known to accept or answer something else than the generated spec says, the endpoint lists the
 * deviation with its source (see `Deviation`). The spec files themselves are not in this repository.
 */

/** Where a fact comes from: the spec, HubSpot's docs/guides, or field reports against live portals. */
export type Source = 'spec' | 'HubSpot docs' | 'field';

export interface Deviation {
	/** Dotted path of the field within the request or response. */
	field: string;
	spec: string;
	accepted: string;
	source: string;
}

/** Epoch milliseconds. The spec types several of these int32, which cannot hold a date in ms. */
export const epochMs = z.number().int().nonnegative();

/** ISO 8601 date-time as HubSpot writes it (`2026-10-29T13:00:00Z`, with or without milliseconds). */
export const isoDateTime = z
	.string()
	.regex(
		/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/,
		'an ISO 8601 date-time',
	);

export const numericId = z.string().regex(/^\d{1,20}$/, 'a numeric id string');

/** IANA zone name such as America/New_York (UTC and Etc/… included). */
export const ianaZone = z
	.string()
	.regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/, 'an IANA time-zone name');

/** Query values arrive as text; these describe the text. */
export const queryInteger = z.string().regex(/^-?\d+$/, 'an integer');
export const queryBoolean = z.enum(['true', 'false']);
/** `properties=a,b` or `properties=a&properties=b`: both are HubSpot's array-in-query forms. */
export const queryList = z.union([z.string().min(1), z.array(z.string().min(1))]);

/** CRM property values are strings; a requested property the record lacks comes back as null (docs examples). */
export const propertyValues = z.record(z.string().nullable());

export const forwardPaging = z
	.object({
		next: z.object({ after: z.string(), link: z.string().optional() }).strict().optional(),
		prev: z.object({ before: z.string(), link: z.string().optional() }).strict().optional(),
	})
	.strict();

/**
 * `Error` (spec: category, correlationId, message required). HubSpot's error-handling docs say every
 * field may be missing, and the spec types `subCategory` as a string in `Error` but as an object in
 * `StandardError`; both are accepted. `status: "error"` is in every documented error example.
 */
const errorDetail = z
	.object({
		message: z.string().optional(),
		code: z.string().optional(),
		in: z.string().optional(),
		subCategory: z.union([z.string(), z.record(z.unknown())]).optional(),
		context: z.record(z.array(z.string())).optional(),
	})
	.strict();

export const apiError = z
	.object({
		status: z.literal('error').optional(),
		message: z.string().optional(),
		correlationId: z.string().uuid().optional(),
		category: z.string().optional(),
		subCategory: z.union([z.string(), z.record(z.unknown())]).optional(),
		errors: z.array(errorDetail).optional(),
		context: z.record(z.array(z.string())).optional(),
		links: z.record(z.string()).optional(),
		// Rate-limit errors (docs example): which limit was hit.
		policyName: z.string().optional(),
		groupName: z.string().optional(),
		requestId: z.string().optional(),
	})
	.strict();

/** `StandardError` inside batch responses (spec; `subCategory` typed as an object there). */
export const standardError = z
	.object({
		status: z.string(),
		category: z.string(),
		message: z.string(),
		subCategory: z.union([z.string(), z.record(z.unknown())]).optional(),
		context: z.record(z.array(z.string())),
		errors: z.array(errorDetail),
		links: z.record(z.string()),
		id: z.string().optional(),
	})
	.strict();

export const associationSpec = z
	.object({
		associationCategory: z.enum(['HUBSPOT_DEFINED', 'INTEGRATOR_DEFINED', 'USER_DEFINED', 'WORK']),
		associationTypeId: z.number().int(),
	})
	.strict();
