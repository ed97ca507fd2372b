/** Pieces the contacts and meetings routes share: inline associations, listing pages, batch envelopes. */
import { z } from 'zod';
import type { CrmRecord, ObjectType, PublicObject } from '../crmRecords';
import { requestedPropertiesFromQuery, toPublicObject } from '../crmRecords';
import { validationError } from '../errors';
import type { ApiRequest } from '../router';

export const CRM_PREFIXES = [
	'/crm/v3/objects',
	'/crm/objects/2026-03',
	'/crm/objects/2026-09',
] as const;

const scalarId = z.union([z.string(), z.number()]).transform(String);

export const inlineAssociationsSchema = z
	.array(
		z.object({
			to: z.object({ id: scalarId }),
			types: z.array(
				z.object({
					associationCategory: z.string(),
					associationTypeId: z.number().int(),
				}),
			),
		}),
	)
	.optional();

export type InlineAssociations = z.output<typeof inlineAssociationsSchema>;

/** Ids of the records an inline `associations` array points at, after checking type ids and targets. */
export function associatedIds(
	associations: InlineAssociations,
	expectedTypeId: number,
	exists: (id: string) => boolean,
): string[] {
	const ids: string[] = [];
	for (const association of associations ?? []) {
		for (const type of association.types) {
			if (
				type.associationCategory !== 'HUBSPOT_DEFINED' ||
				type.associationTypeId !== expectedTypeId
			) {
				throw validationError(
					`Association type ${type.associationCategory}/${type.associationTypeId} is not valid here; use HUBSPOT_DEFINED/${expectedTypeId}.`,
				);
			}
		}
		if (!exists(association.to.id)) {
			throw validationError(`Association target ${association.to.id} does not exist.`, {
				context: { id: [association.to.id] },
			});
		}
		ids.push(association.to.id);
	}
	return ids;
}

export const batchReadSchema = z.object({
	inputs: z.array(z.object({ id: scalarId })),
	properties: z.array(z.string()).optional(),
	idProperty: z.string().optional(),
	propertiesWithHistory: z.array(z.string()).optional(),
});

const OBJECT_LABEL: Record<ObjectType, string> = { contacts: 'CONTACT', meetings: 'MEETING' };

/** 200 with every result, or 207 with an OBJECT_NOT_FOUND error listing the missing ids. */
export function batchReadResponse(
	objectType: ObjectType,
	found: PublicObject[],
	missing: string[],
	startedAt: number,
	completedAt: number,
): { status: number; body: Record<string, unknown> } {
	const body: Record<string, unknown> = {
		status: 'COMPLETE',
		results: found,
		startedAt: new Date(startedAt).toISOString(),
		completedAt: new Date(completedAt).toISOString(),
	};
	if (missing.length === 0) return { status: 200, body };
	body.numErrors = 1;
	body.errors = [
		{
			status: 'error',
			category: 'OBJECT_NOT_FOUND',
			message: `Could not get some ${OBJECT_LABEL[objectType]} objects, they may be deleted or not exist. Check that ids are valid.`,
			context: { ids: missing },
			errors: [],
			links: {},
		},
	];
	return { status: 207, body };
}

/** GET list: ordered by id, `after` is the id to resume from, `limit` ≤ 100 (default 10). */
export function listPage(
	records: Iterable<CrmRecord>,
	query: URLSearchParams,
	baseUrl: string,
	path: string,
): Record<string, unknown> {
	const limit = Math.min(Number(query.get('limit') ?? 10) || 10, 100);
	const after = query.get('after');
	const archived = query.get('archived') === 'true';
	const sorted = [...records]
		.filter((record) => record.archived === archived)
		.sort((a, b) => Number(a.id) - Number(b.id))
		.filter((record) => after === null || Number(record.id) >= Number(after));
	const page = sorted.slice(0, limit);
	const next = sorted[limit];
	const requested = requestedPropertiesFromQuery(query);
	return {
		results: page.map((record) => toPublicObject(record, requested)),
		...(next
			? { paging: { next: { after: next.id, link: `${baseUrl}${path}?after=${next.id}` } } }
			: {}),
	};
}

/**
 * `paging` for the associations embedded in a record GET. The `link` points at the v4-style list of
 * the same associations, which accepts the cursor (spec: `link` is deprecated, clients ignore it).
 */
export function embeddedPaging(
	req: ApiRequest,
	fromId: string,
	toType: string,
	nextAfter: string | undefined,
): Record<string, unknown> {
	if (nextAfter === undefined) return {};
	const prefix = req.rawPath.split('/').slice(0, 4).join('/').replace('/crm/v3/', '/crm/v4/');
	const fromType = req.rawPath.split('/')[4];
	const link = `${req.baseUrl}${prefix}/${fromType}/${fromId}/associations/${toType}?after=${nextAfter}`;
	return { paging: { next: { after: nextAfter, link } } };
}
