/** CRM meetings v3: create (with inline contact associations), get, list, update, archive, batch read. */
import { z } from 'zod';
import { associationPage, MEETING_TO_CONTACT_TYPE_ID } from '../associations';
import { findContact } from '../contactStore';
import type { SandboxContext } from '../context';
import {
	type CrmRecord,
	normalizeProperties,
	requestedPropertiesFromQuery,
	toPublicObject,
} from '../crmRecords';
import { objectNotFound } from '../errors';
import { archiveMeeting, createMeeting, findMeeting, updateMeeting } from '../meetingStore';
import { assertBatchSize, parseBodyWith } from '../requestBody';
import type { ApiRequest, ApiResponse, Route } from '../router';
import { CONTACTS_READ, CONTACTS_WRITE } from '../scopes';
import {
	CRM_PREFIXES,
	associatedIds,
	batchReadResponse,
	batchReadSchema,
	embeddedPaging,
	inlineAssociationsSchema,
	listPage,
} from './crmShared';

const writeSchema = z.object({ properties: z.unknown(), associations: inlineAssociationsSchema });

function meetingWithAssociations(
	ctx: SandboxContext,
	record: CrmRecord,
	req: ApiRequest,
): Record<string, unknown> {
	const body: Record<string, unknown> = {
		...toPublicObject(record, requestedPropertiesFromQuery(req.query)),
	};
	const wanted = (req.query.get('associations') ?? '').split(',').map((s) => s.trim());
	if (wanted.includes('contacts') || wanted.includes('contact')) {
		const contactIds = ctx.state.associations
			.contactsOf(record.id)
			.filter((id) => findContact(ctx, id, null));
		if (contactIds.length > 0) {
			const page = associationPage(contactIds, 'list');
			body.associations = {
				contacts: {
					results: page.ids.map((id) => ({ id, type: 'meeting_event_to_contact' })),
					...embeddedPaging(req, record.id, 'contacts', page.nextAfter),
				},
			};
		}
	}
	return body;
}

function getMeeting(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const record =
		req.query.get('archived') === 'true'
			? ctx.state.meetings.get(req.params.id)
			: findMeeting(ctx, req.params.id);
	if (!record) throw objectNotFound(req.params.id);
	return { status: 200, body: meetingWithAssociations(ctx, record, req) };
}

function create(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const body = parseBodyWith(writeSchema, req.body);
	const properties = normalizeProperties(body.properties);
	const contactIds = associatedIds(
		body.associations,
		MEETING_TO_CONTACT_TYPE_ID,
		(id) => !!findContact(ctx, id, null),
	);
	const record = createMeeting(ctx, properties, contactIds);
	return { status: 201, body: toPublicObject(record, Object.keys(record.properties)) };
}

function update(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const body = parseBodyWith(writeSchema, req.body);
	const record = findMeeting(ctx, req.params.id);
	if (!record) throw objectNotFound(req.params.id);
	updateMeeting(ctx, record, normalizeProperties(body.properties));
	return { status: 200, body: toPublicObject(record, Object.keys(record.properties)) };
}

function archive(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const record = findMeeting(ctx, req.params.id);
	if (record) archiveMeeting(ctx, record);
	return { status: 204 };
}

function list(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	return {
		status: 200,
		body: listPage(ctx.state.meetings.values(), req.query, req.baseUrl, req.rawPath),
	};
}

function batchRead(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const startedAt = ctx.now();
	const body = parseBodyWith(batchReadSchema, req.body);
	assertBatchSize(body.inputs.length, 100);
	const ids = [...new Set(body.inputs.map((input) => input.id))];
	const found = ids.map((id) => ({ id, record: findMeeting(ctx, id) }));
	return batchReadResponse(
		'meetings',
		found.flatMap(({ record }) => (record ? [toPublicObject(record, body.properties)] : [])),
		found.filter(({ record }) => !record).map(({ id }) => id),
		startedAt,
		ctx.now(),
	);
}

export const meetingRoutes: Route[] = CRM_PREFIXES.flatMap((prefix): Route[] => [
	{
		method: 'POST',
		path: `${prefix}/meetings/batch/read`,
		kind: 'api',
		auth: CONTACTS_READ,
		handle: batchRead,
	},
	{ method: 'GET', path: `${prefix}/meetings`, kind: 'api', auth: CONTACTS_READ, handle: list },
	{ method: 'POST', path: `${prefix}/meetings`, kind: 'api', auth: CONTACTS_WRITE, handle: create },
	{
		method: 'GET',
		path: `${prefix}/meetings/:id`,
		kind: 'api',
		auth: CONTACTS_READ,
		handle: getMeeting,
	},
	{
		method: 'PATCH',
		path: `${prefix}/meetings/:id`,
		kind: 'api',
		auth: CONTACTS_WRITE,
		handle: update,
	},
	{
		method: 'DELETE',
		path: `${prefix}/meetings/:id`,
		kind: 'api',
		auth: CONTACTS_WRITE,
		handle: archive,
	},
]);
