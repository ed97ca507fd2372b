import type { Sandbox } from '../../sandbox/server';
import { type CrmObject, type ErrorBody, call, contactId, testClock, withSandbox } from './helpers';
import { addPastMeetings } from '../operations/helpers/sandboxRecords';

interface BatchBody {
	status: string;
	results: CrmObject[];
	numErrors?: number;
	errors?: ErrorBody[];
}

interface AssociationList {
	results: Array<{
		toObjectId: number;
		associationTypes: Array<{ category: string; typeId: number; label: null }>;
	}>;
	paging?: { next: { after: string } };
}

describe('contacts, meetings and associations', () => {
	const clock = testClock('2026-03-04T14:00:00.000Z');
	let sandbox: Sandbox;
	let jane: string;

	beforeAll(async () => {
		sandbox = await withSandbox({ now: clock.now });
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		clock.set('2026-03-04T14:00:00.000Z');
		sandbox.reset();
		jane = contactId(sandbox, 'jane.doe@acme-corp.test');
	});

	it('gets a contact by email with the @ percent-encoded, returning the default properties', async () => {
		const reply = await call<CrmObject>(
			sandbox,
			'GET',
			'/crm/v3/objects/contacts/jane.doe%40acme-corp.test?idProperty=email',
		);
		expect(reply.status).toBe(200);
		expect(reply.body.id).toBe(jane);
		expect(Object.keys(reply.body.properties)).toEqual([
			'createdate',
			'email',
			'firstname',
			'hs_object_id',
			'lastmodifieddate',
			'lastname',
		]);
		expect(reply.body.properties).toMatchObject({
			email: 'jane.doe@acme-corp.test',
			firstname: 'Jane',
			lastname: 'Doe',
			hs_object_id: jane,
		});
		expect(reply.body.archived).toBe(false);
	});

	it('answers 404 for an email nobody has', async () => {
		const reply = await call(
			sandbox,
			'GET',
			'/crm/v3/objects/contacts/nobody%40acme.test?idProperty=email',
		);
		expect(reply.status).toBe(404);
		expect(reply.body.context).toEqual({ id: ['nobody@acme.test'] });
	});

	it('lists a contact’s meetings with associations=meetings', async () => {
		const reply = await call<CrmObject>(
			sandbox,
			'GET',
			`/crm/v3/objects/contacts/${jane}?associations=meetings`,
		);
		const meetings = reply.body.associations?.meetings.results ?? [];
		expect(meetings).toHaveLength(3);
		expect(meetings.every((m) => m.type === 'contact_to_meeting')).toBe(true);
	});

	it('creates a contact (201, properties as strings), then patches it', async () => {
		const created = await call<CrmObject>(sandbox, 'POST', '/crm/v3/objects/contacts', {
			body: {
				properties: { email: 'New.Person@Acme.test', firstname: 'New', annualrevenue: 1200 },
			},
		});
		expect(created.status).toBe(201);
		expect(created.body.properties).toMatchObject({
			email: 'new.person@acme.test',
			firstname: 'New',
			annualrevenue: '1200',
		});
		expect(created.body.createdAt).toBe('2026-03-04T14:00:00.000Z');
		clock.advance(60_000);
		const patched = await call<CrmObject>(
			sandbox,
			'PATCH',
			`/crm/v3/objects/contacts/${created.body.id}`,
			{
				body: { properties: { lastname: 'Person' } },
			},
		);
		expect(patched.status).toBe(200);
		expect(patched.body.properties.lastname).toBe('Person');
		expect(patched.body.updatedAt).toBe('2026-03-04T14:01:00.000Z');
	});

	it('refuses to set a calculated property', async () => {
		const reply = await call(sandbox, 'PATCH', `/crm/v3/objects/contacts/${jane}`, {
			body: { properties: { hs_searchable_calculated_phone_number: '1' } },
		});
		expect(reply.status).toBe(400);
		expect(reply.body.errors?.[0].code).toBe('READ_ONLY_VALUE');
	});

	it('batch-reads contacts by email and reports missing ones with 207', async () => {
		const reply = await call<BatchBody>(sandbox, 'POST', '/crm/v3/objects/contacts/batch/read', {
			body: {
				idProperty: 'email',
				properties: ['phone'],
				inputs: [{ id: 'bob.smith@globex.test' }, { id: 'ghost@nowhere.test' }],
			},
		});
		expect(reply.status).toBe(207);
		expect(reply.body.results.map((r) => r.properties.phone)).toEqual(['415.555.0101']);
		expect(reply.body.numErrors).toBe(1);
		expect(reply.body.errors?.[0]).toMatchObject({
			category: 'OBJECT_NOT_FOUND',
			context: { ids: ['ghost@nowhere.test'] },
		});
	});

	it('rejects a batch of more than 100 inputs', async () => {
		const inputs = Array.from({ length: 101 }, (_, i) => ({ id: String(i) }));
		const reply = await call(sandbox, 'POST', '/crm/v3/objects/contacts/batch/read', {
			body: { inputs },
		});
		expect(reply.status).toBe(400);
		expect(reply.body.category).toBe('VALIDATION_ERROR');
	});

	it('batch-upserts by email and flags which contacts are new', async () => {
		const reply = await call<BatchBody>(sandbox, 'POST', '/crm/v3/objects/contacts/batch/upsert', {
			body: {
				inputs: [
					{
						id: 'bob.smith@globex.test',
						idProperty: 'email',
						properties: { phone: '+1 415 555 0109' },
					},
					{ id: 'fresh@acme.test', idProperty: 'email', properties: { firstname: 'Fresh' } },
				],
			},
		});
		expect(reply.status).toBe(200);
		expect(reply.body.results.map((r) => [r.properties.email, r.new])).toEqual([
			['bob.smith@globex.test', false],
			['fresh@acme.test', true],
		]);
		expect(
			sandbox.state.contactByEmail('bob.smith@globex.test')?.properties
				.hs_searchable_calculated_phone_number,
		).toBe('4155550109');
	});

	it('creates a meeting with an inline association (type 200) and records the reverse (199)', async () => {
		const created = await call<CrmObject>(sandbox, 'POST', '/crm/v3/objects/meetings', {
			body: {
				properties: {
					hs_meeting_title: 'Call',
					hs_meeting_start_time: '2026-03-10T15:00:00Z',
					hs_meeting_end_time: 1773156600000,
					hubspot_owner_id: '51000001',
				},
				associations: [
					{
						to: { id: jane },
						types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 200 }],
					},
				],
			},
		});
		expect(created.status).toBe(201);
		expect(created.body.properties).toMatchObject({
			hs_timestamp: '2026-03-10T15:00:00.000Z',
			hs_meeting_start_time: '2026-03-10T15:00:00.000Z',
			hs_meeting_end_time: '2026-03-10T15:30:00.000Z',
		});
		const list = await call<AssociationList>(
			sandbox,
			'GET',
			`/crm/v4/objects/contacts/${jane}/associations/meetings`,
		);
		expect(list.body.results).toHaveLength(4);
		expect(list.body.results[3]).toEqual({
			toObjectId: Number(created.body.id),
			associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 199, label: null }],
		});
		const back = await call<CrmObject>(
			sandbox,
			'GET',
			`/crm/v3/objects/meetings/${created.body.id}?associations=contacts`,
		);
		expect(back.body.associations?.contacts.results).toEqual([
			{ id: jane, type: 'meeting_event_to_contact' },
		]);
	});

	it('requires hs_timestamp or a start time on meetings', async () => {
		const reply = await call(sandbox, 'POST', '/crm/v3/objects/meetings', {
			body: { properties: { hs_meeting_title: 'x' } },
		});
		expect(reply.status).toBe(400);
		expect(reply.body.errors?.[0]).toMatchObject({
			code: 'REQUIRED_PROPERTY',
			context: { propertyName: ['hs_timestamp'] },
		});
	});

	it('archives a meeting with 204; it then 404s and leaves the association list', async () => {
		const meetingId = sandbox.state.associations.meetingsOf(jane)[0];
		const deleted = await call(sandbox, 'DELETE', `/crm/v3/objects/meetings/${meetingId}`);
		expect(deleted.status).toBe(204);
		expect(deleted.text).toBe('');
		expect((await call(sandbox, 'GET', `/crm/v3/objects/meetings/${meetingId}`)).status).toBe(404);
		const list = await call<AssociationList>(
			sandbox,
			'GET',
			`/crm/v4/objects/contacts/${jane}/associations/meetings`,
		);
		expect(list.body.results.map((r) => String(r.toObjectId))).not.toContain(meetingId);
	});

	it('pages association lists with limit and after', async () => {
		const first = await call<AssociationList>(
			sandbox,
			'GET',
			`/crm/v4/objects/contacts/${jane}/associations/meetings?limit=2`,
		);
		expect(first.body.results).toHaveLength(2);
		const after = first.body.paging?.next.after ?? '';
		const second = await call<AssociationList>(
			sandbox,
			'GET',
			`/crm/v4/objects/contacts/${jane}/associations/meetings?limit=2&after=${after}`,
		);
		expect(second.body.results).toHaveLength(1);
		expect(second.body.paging).toBeUndefined();
	});

	it('batch-reads associations; ids without any come back as 207 errors', async () => {
		const bob = contactId(sandbox, 'bob.smith@globex.test');
		const reply = await call<{
			results: Array<{ from: { id: string }; to: unknown[] }>;
			errors: ErrorBody[];
		}>(sandbox, 'POST', '/crm/v4/associations/contacts/meetings/batch/read', {
			body: { inputs: [{ id: jane }, { id: bob }] },
		});
		expect(reply.status).toBe(207);
		expect(reply.body.results.map((r) => [r.from.id, r.to.length])).toEqual([[jane, 3]]);
		expect(reply.body.errors[0]).toMatchObject({
			subCategory: { name: 'crm.associations.NO_ASSOCIATIONS_FOUND' },
			context: { fromObjectId: [bob] },
		});
	});

	it('batch-reads meetings with requested properties', async () => {
		const ids = sandbox.state.associations.meetingsOf(jane);
		const reply = await call<BatchBody>(sandbox, 'POST', '/crm/v3/objects/meetings/batch/read', {
			body: {
				properties: ['hs_meeting_title', 'hs_meeting_outcome'],
				inputs: ids.map((id) => ({ id })),
			},
		});
		expect(reply.status).toBe(200);
		expect(reply.body.results.map((r) => r.properties.hs_meeting_title)).toEqual([
			'Product Demo',
			'Pricing follow-up',
			'Intro call',
		]);
		expect(reply.body.results.map((r) => r.properties.hs_meeting_outcome)).toEqual([
			'SCHEDULED',
			'SCHEDULED',
			'COMPLETED',
		]);
	});

	it('serves the 2026-03 date-versioned paths with the same shapes', async () => {
		const reply = await call<CrmObject>(sandbox, 'GET', `/crm/objects/2026-03/contacts/${jane}`);
		expect(reply.status).toBe(200);
		expect(reply.body.id).toBe(jane);
	});

	it('answers the credential-test endpoint for any valid token', async () => {
		const reply = await call<{ portalId: number; timeZone: string }>(
			sandbox,
			'GET',
			'/account-info/v3/details',
			{
				token: 'pat-na1-sandbox-noscheduler',
			},
		);
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({ portalId: 62515, timeZone: 'America/New_York' });
	});
});

describe('association paging (spec: at most 100 per object per page, paging.next.after)', () => {
	let sandbox: Sandbox;
	let jane: string;
	let allIds: string[];

	beforeAll(async () => {
		sandbox = await withSandbox({ now: testClock('2026-03-04T14:00:00.000Z').now });
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		jane = contactId(sandbox, 'jane.doe@acme-corp.test');
		addPastMeetings(sandbox, jane, 150);
		allIds = sandbox.state.associations.meetingsOf(jane);
	});

	it('batch read answers 100 per input with a cursor; the cursor beside the id reads the rest', async () => {
		type BatchAssociations = {
			results: Array<{
				from: { id: string };
				to: Array<{ toObjectId: number }>;
				paging?: { next: { after: string } };
			}>;
		};
		const path = '/crm/associations/2026-09/contacts/meetings/batch/read';
		const first = await call<BatchAssociations>(sandbox, 'POST', path, {
			body: { inputs: [{ id: jane }] },
		});
		expect(first.status).toBe(200);
		expect(first.body.results[0].to).toHaveLength(100);
		const after = first.body.results[0].paging?.next.after;
		expect(after).toEqual(expect.any(String));
		const second = await call<BatchAssociations>(sandbox, 'POST', path, {
			body: { inputs: [{ id: jane, after }] },
		});
		expect(second.body.results[0].to).toHaveLength(allIds.length - 100);
		expect(second.body.results[0].paging).toBeUndefined();
		const read = [...first.body.results[0].to, ...second.body.results[0].to].map((to) =>
			String(to.toObjectId),
		);
		expect(read).toEqual(allIds);
	});

	it('a contact GET with ?associations= embeds the first 100 and a next cursor', async () => {
		const reply = await call<{
			associations: { meetings: { results: unknown[]; paging?: { next: { after: string } } } };
		}>(sandbox, 'GET', `/crm/objects/2026-09/contacts/${jane}?associations=meetings`);
		expect(reply.body.associations.meetings.results).toHaveLength(100);
		expect(reply.body.associations.meetings.paging?.next.after).toEqual(expect.any(String));
	});

	it('refuses a cursor that is not one it issued', async () => {
		const reply = await call(
			sandbox,
			'POST',
			'/crm/associations/2026-09/contacts/meetings/batch/read',
			{
				body: { inputs: [{ id: jane, after: '100' }] },
			},
		);
		expect(reply.status).toBe(400);
	});
});
