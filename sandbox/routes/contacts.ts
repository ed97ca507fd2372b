/** Contacts v3: get (by id or email), list, create, update, archive, batch read, batch upsert. */
import { z } from 'zod';
import { associationPage, CONTACT_TO_MEETING_TYPE_ID } from '../associations';
import {
	archiveContact,
	createContact,
	findContact,
	isValidEmail,
	updateContact,
} from '../contactStore';
import type { SandboxContext } from '../context';
import {
	type CrmRecord,
	normalizeProperties,
	propertyValidationError,
	requestedPropertiesFromQuery,
	selectProperties,
	toPublicObject,
} from '../crmRecords';
import { objectNotFound, validationError } from '../errors';
import { findMeeting } from '../meetingStore';
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

const upsertSchema = z.object({
	inputs: z.array(
		z.object({
			id: z.string(),
			idProperty: z.string().optional(),
			properties: z.unknown(),
		}),
	),
});

function contactWithAssociations(
	ctx: SandboxContext,
	record: CrmRecord,
	req: ApiRequest,
): Record<string, unknown> {
	const body: Record<string, unknown> = {
		...toPublicObject(record, requestedPropertiesFromQuery(req.query)),
	};
	const wanted = (req.query.get('associations') ?? '').split(',').map((s) => s.trim());
	if (wanted.includes('meetings') || wanted.includes('meeting')) {
		const meetingIds = ctx.state.associations
			.meetingsOf(record.id)
			.filter((id) => findMeeting(ctx, id));
		if (meetingIds.length > 0) {
			const page = associationPage(meetingIds, 'list');
			body.associations = {
				meetings: {
					results: page.ids.map((id) => ({ id, type: 'contact_to_meeting' })),
					...embeddedPaging(req, record.id, 'meetings', page.nextAfter),
				},
			};
		}
	}
	return body;
}

function getContact(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const includeArchived = req.query.get('archived') === 'true';
	const idProperty = req.query.get('idProperty');
	const record =
		includeArchived && !idProperty
			? ctx.state.contacts.get(req.params.id)
			: findContact(ctx, req.params.id, idProperty);
	if (!record) throw objectNotFound(req.params.id);
	return { status: 200, body: contactWithAssociations(ctx, record, req) };
}

function create(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const body = parseBodyWith(writeSchema, req.body);
	const properties = normalizeProperties(body.properties);
	if (!properties.email && !properties.firstname && !properties.lastname) {
		throw validationError('A contact needs at least one of email, firstname or lastname.');
	}
	const meetingIds = associatedIds(
		body.associations,
		CONTACT_TO_MEETING_TYPE_ID,
		(id) => !!findMeeting(ctx, id),
	);
	const record = createContact(ctx, properties, { changeSource: 'API' });
	for (const meetingId of meetingIds) ctx.state.associations.add(record.id, meetingId);
	return { status: 201, body: toPublicObject(record, Object.keys(properties)) };
}

function update(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const body = parseBodyWith(writeSchema, req.body);
	const record = findContact(ctx, req.params.id, req.query.get('idProperty'));
	if (!record) throw objectNotFound(req.params.id);
	const properties = normalizeProperties(body.properties);
	updateContact(ctx, record, properties);
	return { status: 200, body: toPublicObject(record, Object.keys(properties)) };
}

function archive(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const record = findContact(ctx, req.params.id, null);
	if (record) archiveContact(ctx, record);
	return { status: 204 };
}

function list(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const path = req.rawPath;
	return { status: 200, body: listPage(ctx.state.contacts.values(), req.query, req.baseUrl, path) };
}

function batchRead(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const startedAt = ctx.now();
	const body = parseBodyWith(batchReadSchema, req.body);
	assertBatchSize(body.inputs.length, 100);
	const ids = [...new Set(body.inputs.map((input) => input.id))];
	const found = ids.map((id) => ({ id, record: findContact(ctx, id, body.idProperty ?? null) }));
	const result = batchReadResponse(
		'contacts',
		found.flatMap(({ record }) => (record ? [toPublicObject(record, body.properties)] : [])),
		found.filter(({ record }) => !record).map(({ id }) => id),
		startedAt,
		ctx.now(),
	);
	return result;
}

function batchUpsert(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const startedAt = ctx.now();
	const body = parseBodyWith(upsertSchema, req.body);
	assertBatchSize(body.inputs.length, 100);
	const inputs = body.inputs.map((input) => {
		if ((input.idProperty ?? 'email') !== 'email') {
			throw validationError(
				`idProperty ${input.idProperty} is not a unique property of contacts; use email.`,
			);
		}
		if (!isValidEmail(input.id)) {
			throw propertyValidationError([
				{ name: 'email', error: 'INVALID_EMAIL', message: `Email address ${input.id} is invalid` },
			]);
		}
		return { email: input.id, properties: normalizeProperties(input.properties) };
	});
	const results = inputs.map(({ email, properties }) => {
		const existing = ctx.state.contactByEmail(email);
		const record = existing
			? updateContact(ctx, existing, properties)
			: createContact(ctx, { ...properties, email }, { changeSource: 'API' });
		return {
			...toPublicObject(record, undefined),
			properties: selectProperties('contacts', record.properties, [
				'email',
				...Object.keys(properties),
			]),
			new: !existing,
		};
	});
	return {
		status: 200,
		body: {
			status: 'COMPLETE',
			results,
			startedAt: new Date(startedAt).toISOString(),
			completedAt: new Date(ctx.now()).toISOString(),
		},
	};
}

export const contactRoutes: Route[] = CRM_PREFIXES.flatMap((prefix): Route[] => [
	{
		method: 'POST',
		path: `${prefix}/contacts/batch/read`,
		kind: 'api',
		auth: CONTACTS_READ,
		handle: batchRead,
	},
	{
		method: 'POST',
		path: `${prefix}/contacts/batch/upsert`,
		kind: 'api',
		auth: CONTACTS_WRITE,
		handle: batchUpsert,
	},
	{ method: 'GET', path: `${prefix}/contacts`, kind: 'api', auth: CONTACTS_READ, handle: list },
	{ method: 'POST', path: `${prefix}/contacts`, kind: 'api', auth: CONTACTS_WRITE, handle: create },
	{
		method: 'GET',
		path: `${prefix}/contacts/:id`,
		kind: 'api',
		auth: CONTACTS_READ,
		handle: getContact,
	},
	{
		method: 'PATCH',
		path: `${prefix}/contacts/:id`,
		kind: 'api',
		auth: CONTACTS_WRITE,
		handle: update,
	},
	{
		method: 'DELETE',
		path: `${prefix}/contacts/:id`,
		kind: 'api',
		auth: CONTACTS_WRITE,
		handle: archive,
	},
]);
