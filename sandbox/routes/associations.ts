/** Associations v4 between contacts and meetings: list, batch read, create default, remove. */
import { z } from 'zod';
import {
	CONTACT_TO_MEETING_TYPE_ID,
	MEETING_TO_CONTACT_TYPE_ID,
	associationCursor,
	associationPage,
	offsetOfCursor,
} from '../associations';
import { findContact } from '../contactStore';
import type { SandboxContext } from '../context';
import type { ObjectType } from '../crmRecords';
import { objectNotFound, validationError } from '../errors';
import { findMeeting } from '../meetingStore';
import { assertBatchSize, parseBodyWith } from '../requestBody';
import type { ApiRequest, ApiResponse, Route } from '../router';
import { CONTACTS_READ, CONTACTS_WRITE } from '../scopes';

const TYPE_ALIASES: Record<string, ObjectType> = {
	contact: 'contacts',
	contacts: 'contacts',
	'0-1': 'contacts',
	meeting: 'meetings',
	meetings: 'meetings',
	meeting_event: 'meetings',
	'0-47': 'meetings',
};

function objectType(name: string): ObjectType {
	const type = TYPE_ALIASES[name.toLowerCase()];
	if (!type)
		throw validationError(`Unknown object type ${name}; the sandbox models contacts and meetings.`);
	return type;
}

function pair(fromName: string, toName: string): { from: ObjectType; to: ObjectType } {
	const from = objectType(fromName);
	const to = objectType(toName);
	if (from === to)
		throw validationError(
			`Associations between ${from} and ${to} are not modelled by the sandbox.`,
		);
	return { from, to };
}

function exists(ctx: SandboxContext, type: ObjectType, id: string): boolean {
	return type === 'contacts' ? !!findContact(ctx, id, null) : !!findMeeting(ctx, id);
}

/** Live associated ids, in the order they were associated. */
function associatedIds(ctx: SandboxContext, from: ObjectType, id: string): string[] {
	return from === 'contacts'
		? ctx.state.associations.meetingsOf(id).filter((meetingId) => !!findMeeting(ctx, meetingId))
		: ctx.state.associations
				.contactsOf(id)
				.filter((contactId) => !!findContact(ctx, contactId, null));
}

function typeIdFrom(from: ObjectType): number {
	return from === 'contacts' ? CONTACT_TO_MEETING_TYPE_ID : MEETING_TO_CONTACT_TYPE_ID;
}

/** `toObjectId` is a JSON number in live responses (and can exceed int32). */
function associationEntry(from: ObjectType, id: string) {
	return {
		toObjectId: Number(id),
		associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: typeIdFrom(from), label: null }],
	};
}

function list(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const { from } = pair(req.params.fromType, req.params.toType);
	const limit = Math.min(Math.max(Number(req.query.get('limit') ?? 500) || 500, 1), 500);
	const after = req.query.get('after');
	const offset = after === null ? 0 : offsetOfCursor('list', after);
	if (offset === undefined) throw validationError(`Invalid after cursor: ${after}`);
	const ids = associatedIds(ctx, from, req.params.fromId);
	const page = ids.slice(offset, offset + limit);
	const next = offset + limit < ids.length ? associationCursor('list', offset + limit) : undefined;
	const path = req.rawPath;
	return {
		status: 200,
		body: {
			results: page.map((id) => associationEntry(from, id)),
			...(next
				? { paging: { next: { after: next, link: `${req.baseUrl}${path}?after=${next}` } } }
				: {}),
		},
	};
}

const batchSchema = z.object({
	inputs: z.array(
		z.object({
			id: z.union([z.string(), z.number()]).transform(String),
			after: z.string().optional(),
		}),
	),
});

function batchRead(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const startedAt = ctx.now();
	const { from, to } = pair(req.params.fromType, req.params.toType);
	const body = parseBodyWith(batchSchema, req.body);
	assertBatchSize(body.inputs.length, 1000);
	const results: unknown[] = [];
	const errors: unknown[] = [];
	for (const { id, after } of body.inputs) {
		const offset = after === undefined ? 0 : offsetOfCursor('batch', after);
		if (offset === undefined) throw validationError(`Invalid after cursor for ${id}: ${after}`);
		const ids = associatedIds(ctx, from, id);
		if (offset < ids.length) {
			const page = associationPage(ids, 'batch', offset);
			results.push({
				from: { id },
				to: page.ids.map((toId) => associationEntry(from, toId)),
				...(page.nextAfter ? { paging: { next: { after: page.nextAfter } } } : {}),
			});
			continue;
		}
		errors.push({
			status: 'error',
			category: 'OBJECT_NOT_FOUND',
			// Spec: a batch's StandardError types subCategory as an object (no properties listed); the
			// name inside is our assumption. Top-level error bodies keep it a string (spec: Error).
			subCategory: { name: 'crm.associations.NO_ASSOCIATIONS_FOUND' },
			context: { fromObjectId: [id], toObjectType: [to.toUpperCase().replace(/S$/, '')] },
			message: `No ${to} is associated with ${from.replace(/s$/, '')} ${id}.`,
			errors: [],
			links: {},
		});
	}
	const envelope = {
		status: 'COMPLETE',
		results,
		...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
		startedAt: new Date(startedAt).toISOString(),
		completedAt: new Date(ctx.now()).toISOString(),
	};
	return { status: errors.length > 0 ? 207 : 200, body: envelope };
}

function link(
	ctx: SandboxContext,
	from: ObjectType,
	fromId: string,
	toId: string,
	add: boolean,
): void {
	const contactId = from === 'contacts' ? fromId : toId;
	const meetingId = from === 'contacts' ? toId : fromId;
	if (add) ctx.state.associations.add(contactId, meetingId);
	else ctx.state.associations.remove(contactId, meetingId);
}

function createDefault(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const startedAt = ctx.now();
	const { from, to } = pair(req.params.fromType, req.params.toType);
	if (!exists(ctx, from, req.params.fromId)) throw objectNotFound(req.params.fromId);
	if (!exists(ctx, to, req.params.toId)) throw objectNotFound(req.params.toId);
	link(ctx, from, req.params.fromId, req.params.toId, true);
	const spec = (typeId: number) => ({
		associationCategory: 'HUBSPOT_DEFINED',
		associationTypeId: typeId,
	});
	return {
		status: 200,
		body: {
			status: 'COMPLETE',
			results: [
				{
					from: { id: req.params.fromId },
					to: { id: req.params.toId },
					associationSpec: spec(typeIdFrom(from)),
				},
				{
					from: { id: req.params.toId },
					to: { id: req.params.fromId },
					associationSpec: spec(typeIdFrom(to)),
				},
			],
			startedAt: new Date(startedAt).toISOString(),
			completedAt: new Date(ctx.now()).toISOString(),
		},
	};
}

function remove(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const { from } = pair(req.params.fromType, req.params.toType);
	link(ctx, from, req.params.fromId, req.params.toId, false);
	return { status: 204 };
}

/**
 * v4 paths and their dated twins (spec: `/crm/associations/{version}/{from}/{to}/batch/read` and
 * `/crm/objects/{version}/{from}/{id}/associations/...`); HubSpot serves both until v4's sunset.
 */
const ROUTE_STYLES = [
	{ objects: '/crm/v4/objects', associations: '/crm/v4/associations' },
	{ objects: '/crm/objects/2026-03', associations: '/crm/associations/2026-03' },
	{ objects: '/crm/objects/2026-09', associations: '/crm/associations/2026-09' },
] as const;

export const associationRoutes: Route[] = ROUTE_STYLES.flatMap(
	({ objects, associations }): Route[] => [
		{
			method: 'GET',
			path: `${objects}/:fromType/:fromId/associations/:toType`,
			kind: 'api',
			auth: CONTACTS_READ,
			handle: list,
		},
		{
			method: 'POST',
			path: `${associations}/:fromType/:toType/batch/read`,
			kind: 'api',
			auth: CONTACTS_READ,
			handle: batchRead,
		},
		{
			method: 'PUT',
			path: `${objects}/:fromType/:fromId/associations/default/:toType/:toId`,
			kind: 'api',
			auth: CONTACTS_WRITE,
			handle: createDefault,
		},
		{
			method: 'DELETE',
			path: `${objects}/:fromType/:fromId/associations/:toType/:toId`,
			kind: 'api',
			auth: CONTACTS_WRITE,
			handle: remove,
		},
	],
);
