import { DateTime } from 'luxon';
import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';
import type { RunResult } from '../harness/runResult';
import { closeEngineRuntime } from '../harness/runtime';
import { connectOAuth2 } from '../harness/sandboxOAuth';
import {
	activeMeetingsOfContact,
	addPastMeetings,
	contactsWithEmail,
	contactWithEmail,
	startOf,
} from './helpers/sandboxRecords';
import {
	apiCalls,
	callLines,
	outputItems,
	outputJson,
	runScheduling,
	slug,
	startPinnedSandbox,
} from './helpers/schedulingRun';

const NY = 'America/New_York';
const BOOK = '/scheduler/2026-09/meetings/meeting-links/book';
const FRIDAY_10AM = DateTime.fromISO('2026-10-30T10:00', { zone: NY });
const GUEST = 'mary.smith@acme.test';
const CALENDAR = '/scheduler/2026-09/meetings/calendar';
const MEETING_PROPERTIES = [
	'hs_meeting_title',
	'hs_meeting_start_time',
	'hs_meeting_end_time',
	'hs_meeting_outcome',
	'hs_meeting_location',
	'hs_meeting_external_url',
	'hubspot_owner_id',
];
const TWO_CALLERS = [
	{ email: 'first.caller@acme.test', fullName: 'First Caller' },
	{ email: 'second.caller@acme.test', fullName: 'Second Caller' },
];

/** Active meetings (any contact) that start at this time. */
function activeMeetingsAt(start: DateTime) {
	return [...sandbox.state.meetings.values()].filter(
		(meeting) =>
			!meeting.archived &&
			meeting.properties.hs_meeting_outcome !== 'CANCELED' &&
			Date.parse(meeting.properties.hs_meeting_start_time ?? '') === start.toMillis(),
	);
}

function expectOneWinner(runs: RunResult[], label: string) {
	expect(runs.map((run) => run.status).sort()).toEqual(['error', 'success']);
	const loser = runs.find((run) => run.status === 'error');
	expect(loser?.error).toMatchObject({
		message: `Sorry, ${label} is no longer available. Please choose another time.`,
		httpCode: '409',
	});
}

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startPinnedSandbox();
});

beforeEach(() => {
	sandbox.reset();
});

afterAll(async () => {
	await sandbox.close();
	await closeEngineRuntime();
});

function bookParameters(overrides: Record<string, unknown> = {}) {
	return {
		operation: 'book',
		meetingLink: slug('alex-demo'),
		startTime: '2026-10-30 10:00',
		email: GUEST,
		fullName: 'Mary Ann Smith',
		...overrides,
	};
}

function bookBody(overrides: Record<string, unknown> = {}) {
	return {
		slug: 'alex-demo',
		firstName: 'Mary Ann',
		lastName: 'Smith',
		email: GUEST,
		startTime: '2026-10-30T14:00:00.000Z',
		duration: 900_000,
		guestEmails: [],
		timezone: NY,
		locale: 'en-us',
		formFields: [],
		legalConsentResponses: [],
		likelyAvailableUserIds: [],
		...overrides,
	};
}

/** A round-robin link whose form has no phone question, booked with a phone. */
function roundRobinWithPhone() {
	return bookParameters({
		meetingLink: slug('team/ai-booked-call'),
		startTime: '2026-10-30T09:00:00+00:00',
		phone: '+44 20 7946 0000',
		timeZone: 'Europe/London',
	});
}

describe('Book through the meeting link', () => {
	it('reads the link, books in one write, and confirms in one spoken line', async () => {
		const result = await runScheduling(sandbox, bookParameters());

		expect(result.status).toBe('success');
		expect(apiCalls(sandbox)).toEqual([
			{ method: 'GET', path: `${BOOK}/alex-demo`, query: { timezone: NY } },
			{ method: 'POST', path: BOOK, query: { timezone: NY }, body: bookBody() },
		]);
		const contact = contactWithEmail(sandbox, GUEST);
		expect(contact?.properties).toMatchObject({ firstname: 'Mary Ann', lastname: 'Smith' });
		const meetings = activeMeetingsOfContact(sandbox, contact?.id ?? '');
		expect(meetings.map(startOf)).toEqual([FRIDAY_10AM.toMillis()]);
		expect(outputItems(result)).toEqual([
			{
				json: {
					booked: true,
					alreadyBooked: false,
					method: 'meetingLink',
					meetingLink: 'alex-demo',
					contactId: contact?.id,
					contactCreated: null,
					meetingId: null,
					calendarEventId: sandbox.state.bookings[0].calendarEventId,
					subject: 'Product Demo',
					email: GUEST,
					durationMinutes: 15,
					start: '2026-10-30T10:00:00-04:00',
					end: '2026-10-30T10:15:00-04:00',
					startUtc: '2026-10-30T14:00:00Z',
					endUtc: '2026-10-30T14:15:00Z',
					startMs: FRIDAY_10AM.toMillis(),
					endMs: FRIDAY_10AM.toMillis() + 900_000,
					timeZone: NY,
					timeZoneFrom: 'workflow',
					crmMeeting: 'created',
					calendar: 'event created',
					label: 'Friday, October 30 at 10:00 AM',
					// Only what the API documents: no claim about an invitation reaching the guest.
					speech: "You're booked for Friday, October 30 at 10:00 AM.",
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it("puts the phone on the contact through the link's phone question: still two calls", async () => {
		const result = await runScheduling(
			sandbox,
			bookParameters({ phone: '(415) 555-0188', firstName: 'Mary', lastName: 'Smith' }),
		);

		expect(result.status).toBe('success');
		expect(apiCalls(sandbox)[1]).toEqual({
			method: 'POST',
			path: BOOK,
			query: { timezone: NY },
			body: bookBody({ firstName: 'Mary', formFields: [{ name: 'phone', value: '+14155550188' }] }),
		});
		expect(apiCalls(sandbox)).toHaveLength(2);
		expect(contactWithEmail(sandbox, GUEST)?.properties.phone).toBe('+14155550188');
	});

	it("sets the phone with one more call when the link's form has no phone question", async () => {
		const result = await runScheduling(sandbox, roundRobinWithPhone());

		expect(result.status).toBe('success');
		const contactId = contactWithEmail(sandbox, GUEST)?.id;
		expect(callLines(sandbox)).toEqual([
			`GET ${BOOK}/team%2Fai-booked-call`,
			// A round-robin link: the guest's own meetings are checked before booking (none yet).
			'GET /crm/objects/2026-09/contacts/mary.smith%40acme.test',
			`POST ${BOOK}`,
			// ...and read back after it: copies of this request in other processes keep one meeting.
			'POST /crm/objects/2026-09/meetings/search',
			`PATCH /crm/objects/2026-09/contacts/${contactId}`,
		]);
		expect(apiCalls(sandbox)[2].body).toMatchObject({
			slug: 'team/ai-booked-call',
			duration: 1_800_000,
			timezone: 'Europe/London',
			formFields: [],
		});
		expect(apiCalls(sandbox)[3].body).toMatchObject({
			filterGroups: [
				{
					filters: [
						{ propertyName: 'associations.contact', operator: 'EQ', value: contactId },
						{
							propertyName: 'hs_meeting_start_time',
							operator: 'EQ',
							value: String(Date.parse('2026-10-30T09:00:00Z')),
						},
					],
				},
			],
		});
		expect(apiCalls(sandbox)[4].body).toEqual({ properties: { phone: '+442079460000' } });
		expect(contactWithEmail(sandbox, GUEST)?.properties.phone).toBe('+442079460000');
		expect(outputJson(result)[0]).toMatchObject({
			start: '2026-10-30T09:00:00+00:00',
			label: 'Friday, October 30 at 9:00 AM',
			timeZone: 'Europe/London',
		});
	});

	it('still answers booked, with a warning, when the phone cannot be saved after the booking', async () => {
		sandbox.faults.add({
			method: 'PATCH',
			path: '/crm/objects/2026-09/contacts/',
			times: 1,
			action: {
				status: 400,
				body: {
					status: 'error',
					message: 'Property values were not valid',
					category: 'VALIDATION_ERROR',
				},
			},
		});
		const result = await runScheduling(sandbox, roundRobinWithPhone());

		expect(result.status).toBe('success');
		const [json] = outputJson(result);
		expect(json).toMatchObject({ booked: true, alreadyBooked: false });
		expect(json.warning).toMatch(
			/^The meeting is booked, but the phone number was not saved on the contact\. Could not .*Property values were not valid/,
		);
		const contact = contactWithEmail(sandbox, GUEST);
		expect(activeMeetingsOfContact(sandbox, contact?.id ?? '')).toHaveLength(1);
	});

	it('answers a retried call on a round-robin link with the same booking, though another member is still free', async () => {
		const parameters = bookParameters({
			meetingLink: slug('team/ai-booked-call'),
			startTime: '2026-11-02T09:00:00+00:00',
			timeZone: 'Europe/London',
		});
		const first = await runScheduling(sandbox, parameters);
		sandbox.clearLog();
		const retry = await runScheduling(sandbox, parameters);

		const contact = contactWithEmail(sandbox, GUEST);
		const meetings = activeMeetingsOfContact(sandbox, contact?.id ?? '');
		expect(meetings.map(startOf)).toEqual([Date.parse('2026-11-02T09:00:00Z')]);
		expect(sandbox.state.bookings).toHaveLength(1);
		expect(callLines(sandbox)).toEqual([
			`GET ${BOOK}/team%2Fai-booked-call`,
			'GET /crm/objects/2026-09/contacts/mary.smith%40acme.test',
			'POST /crm/objects/2026-09/meetings/batch/read',
		]);
		expect(outputJson(first)[0]).toMatchObject({ booked: true, alreadyBooked: false });
		expect(outputJson(retry)[0]).toMatchObject({
			booked: true,
			alreadyBooked: true,
			meetingId: meetings[0].id,
			speech: "You're already booked for Monday, November 2 at 9:00 AM.",
		});
	});

	it('books a tool call fired twice at once only once', async () => {
		const parameters = bookParameters({
			meetingLink: slug('team/ai-booked-call'),
			startTime: '2026-11-02T09:00:00+00:00',
		});
		const [one, two] = await Promise.all([
			runScheduling(sandbox, parameters),
			runScheduling(sandbox, parameters),
		]);

		const contact = contactWithEmail(sandbox, GUEST);
		expect(activeMeetingsOfContact(sandbox, contact?.id ?? '')).toHaveLength(1);
		expect(sandbox.state.bookings).toHaveLength(1);
		expect([outputJson(one)[0].alreadyBooked, outputJson(two)[0].alreadyBooked].sort()).toEqual([
			false,
			true,
		]);
	});

	it('answers a retried call with the same booking, without a second meeting', async () => {
		const first = await runScheduling(sandbox, bookParameters());
		sandbox.clearLog();
		const retry = await runScheduling(sandbox, bookParameters());

		const contact = contactWithEmail(sandbox, GUEST);
		const [meeting] = activeMeetingsOfContact(sandbox, contact?.id ?? '');
		expect(callLines(sandbox)).toEqual([
			`GET ${BOOK}/alex-demo`,
			`POST ${BOOK}`,
			`GET /crm/objects/2026-09/contacts/mary.smith%40acme.test`,
			'POST /crm/objects/2026-09/meetings/batch/read',
		]);
		expect(sandbox.requestLog()[1].status).toBe(400);
		expect(activeMeetingsOfContact(sandbox, contact?.id ?? '')).toHaveLength(1);
		expect(outputJson(retry)[0]).toMatchObject({
			booked: true,
			alreadyBooked: true,
			contactId: contact?.id,
			contactCreated: false,
			meetingId: meeting.id,
			subject: 'Product Demo',
			start: outputJson(first)[0].start,
			speech: "You're already booked for Friday, October 30 at 10:00 AM.",
		});
	});

	it('answers booked (alreadyBooked, with a note) when HubSpot booked but the answer was lost, and never books twice', async () => {
		sandbox.faults.add({
			method: 'POST',
			path: BOOK,
			times: 1,
			applyEffect: true,
			action: { kind: 'drop' },
		});
		const lost = await runScheduling(sandbox, bookParameters());
		const retry = await runScheduling(sandbox, bookParameters());

		// Booked-but-errored: the node looks for the booking before answering, so the caller is not
		// told "Could not book" about a meeting that exists.
		expect(lost.status).toBe('success');
		expect(outputJson(lost)[0]).toMatchObject({
			booked: true,
			alreadyBooked: true,
			note: 'HubSpot answered the booking with an error, but the meeting exists: it was booked.',
		});
		expect(
			sandbox.requestLog().filter((entry) => entry.method === 'POST' && entry.path === BOOK),
		).toHaveLength(2);
		expect(outputJson(retry)[0]).toMatchObject({ alreadyBooked: true });
		const contact = contactWithEmail(sandbox, GUEST);
		expect(activeMeetingsOfContact(sandbox, contact?.id ?? '').map(startOf)).toEqual([
			FRIDAY_10AM.toMillis(),
		]);
	});

	it('says the slot was just taken, in words a caller understands, and writes nothing', async () => {
		await runScheduling(sandbox, bookParameters({ email: 'first.caller@acme.test' }));
		sandbox.clearLog();
		const result = await runScheduling(sandbox, bookParameters());

		expect(result.error).toMatchObject({
			message:
				'Sorry, Friday, October 30 at 10:00 AM is no longer available. Please choose another time.',
			httpCode: '409',
			itemIndex: 0,
		});
		// The first read, then one after each settle wait: the booking could be the guest's own, still being created.
		expect(callLines(sandbox)).toEqual([
			`GET ${BOOK}/alex-demo`,
			`POST ${BOOK}`,
			`GET /crm/objects/2026-09/contacts/mary.smith%40acme.test`,
			`GET /crm/objects/2026-09/contacts/mary.smith%40acme.test`,
			`GET /crm/objects/2026-09/contacts/mary.smith%40acme.test`,
		]);
		expect(contactWithEmail(sandbox, GUEST)).toBeUndefined();
	});

	it('reports a disconnected organizer calendar (200 with an empty calendarEventId) as an error', async () => {
		const result = await runScheduling(
			sandbox,
			bookParameters({ meetingLink: slug('offline-rep'), startTime: '2026-10-30 10:00' }),
		);

		expect(result.error).toMatchObject({
			message:
				'The meeting was not booked: the organizer\'s calendar for "offline-rep" is disconnected in HubSpot, so no calendar event was created.',
			itemIndex: 0,
		});
		expect(callLines(sandbox)).toEqual([`GET ${BOOK}/offline-rep`, `POST ${BOOK}`]);
	});

	it('refuses guests on a link that does not allow them, after reading the link and before writing', async () => {
		const result = await runScheduling(
			sandbox,
			bookParameters({
				meetingLink: slug('no-guests'),
				startTime: '2026-11-02T10:00:00+01:00',
				options: { guestEmails: 'boss@acme.test', formFields: '{"company_size": "11-50"}' },
			}),
		);

		expect(result.error).toMatchObject({
			message:
				'Invalid Guest Emails: this meeting link does not allow extra guests. Remove them or use another link.',
			itemIndex: 0,
		});
		expect(callLines(sandbox)).toEqual([`GET ${BOOK}/no-guests`]);
	});

	it('asks for a required form answer before writing, and sends it when given', async () => {
		const missing = await runScheduling(
			sandbox,
			bookParameters({
				meetingLink: slug('no-guests'),
				startTime: '2026-11-02T10:00:00+01:00',
				timeZone: 'Europe/Berlin',
			}),
		);
		expect(missing.error?.message).toBe(
			'Invalid Form Fields: this meeting link\'s form requires "company_size". Add it under Options → Form Fields (JSON), for example {"company_size": "…"}.',
		);
		expect(missing.error?.description).toBe(
			'Fix the "Form Fields" parameter of item 0 and run again. This item was only read from HubSpot; nothing was written.',
		);
		expect(callLines(sandbox)).toEqual([`GET ${BOOK}/no-guests`]);

		sandbox.clearLog();
		const answered = await runScheduling(
			sandbox,
			bookParameters({
				meetingLink: slug('no-guests'),
				startTime: '2026-11-02T10:00:00+01:00',
				timeZone: 'Europe/Berlin',
				options: { formFields: '{"company_size": "11-50"}' },
			}),
		);
		expect(answered.status).toBe('success');
		expect(apiCalls(sandbox)[1].body).toMatchObject({
			slug: 'no-guests',
			duration: 2_700_000,
			timezone: 'Europe/Berlin',
			formFields: [{ name: 'company_size', value: '11-50' }],
		});
		expect(outputJson(answered)[0]).toMatchObject({
			start: '2026-11-02T10:00:00+01:00',
			label: 'Monday, November 2 at 10:00 AM',
		});
	});

	it('books a duration the link offers, and invites guests the link allows', async () => {
		const result = await runScheduling(
			sandbox,
			bookParameters({
				options: { duration: 30, guestEmails: 'Boss@Acme.test, cto@acme.test', locale: 'de-de' },
			}),
		);

		expect(result.status).toBe('success');
		expect(apiCalls(sandbox)[1].body).toEqual(
			bookBody({
				duration: 1_800_000,
				guestEmails: ['boss@acme.test', 'cto@acme.test'],
				locale: 'de-de',
			}),
		);
		expect(outputJson(result)[0]).toMatchObject({
			durationMinutes: 30,
			end: '2026-10-30T10:30:00-04:00',
		});
	});

	it('reads the link afresh for every booking in an execution, so each slot check sees HubSpot now', async () => {
		const result = await runScheduling(
			sandbox,
			bookParameters({ email: '={{ $json.email }}', startTime: '={{ $json.start }}' }),
			{
				input: [
					{ email: GUEST, start: '2026-10-30 10:00' },
					{ email: 'jo.lee@acme.test', start: '2026-10-30 10:00' },
				],
				continueOnFail: true,
			},
		);

		expect(callLines(sandbox)).toEqual([
			`GET ${BOOK}/alex-demo`,
			`POST ${BOOK}`,
			`GET ${BOOK}/alex-demo`,
			`POST ${BOOK}`,
			// Refused: is it this guest's own booking, retried (and maybe not readable yet)?
			'GET /crm/objects/2026-09/contacts/jo.lee%40acme.test',
			'GET /crm/objects/2026-09/contacts/jo.lee%40acme.test',
			'GET /crm/objects/2026-09/contacts/jo.lee%40acme.test',
		]);
		const [first, second] = outputJson(result);
		expect(first).toMatchObject({ booked: true, email: GUEST });
		expect(second.error).toBe(
			'Sorry, Friday, October 30 at 10:00 AM is no longer available. Please choose another time.',
		);
	});
});

describe('Book as a CRM record', () => {
	const crm = (overrides: Record<string, unknown> = {}) =>
		bookParameters({ method: 'crmRecord', phone: '+1 415 555 0188', ...overrides });

	it('creates a new contact with name, email and phone, then the meeting associated with it', async () => {
		const result = await runScheduling(
			sandbox,
			crm({ options: { notes: 'Wants pricing', ownerId: '51000001' } }),
		);

		expect(result.status).toBe('success');
		const contact = contactWithEmail(sandbox, GUEST);
		expect(apiCalls(sandbox)).toEqual([
			{ method: 'GET', path: `${BOOK}/alex-demo`, query: { timezone: NY } },
			{
				method: 'GET',
				path: '/crm/objects/2026-09/contacts/mary.smith%40acme.test',
				query: {
					idProperty: 'email',
					properties:
						'firstname,lastname,email,phone,mobilephone,hs_calculated_phone_number,hs_searchable_calculated_phone_number,hs_searchable_calculated_mobile_number,lastmodifieddate',
					associations: 'meetings',
				},
			},
			// The chosen owner: its user id is the organizer whose calendar gets the event.
			{ method: 'GET', path: '/crm/owners/2026-09/51000001', query: { idProperty: 'id' } },
			{
				method: 'POST',
				path: '/crm/objects/2026-09/contacts',
				body: {
					properties: {
						email: GUEST,
						firstname: 'Mary Ann',
						lastname: 'Smith',
						phone: '+14155550188',
					},
				},
			},
			{
				method: 'POST',
				path: '/scheduler/2026-09/meetings/calendar',
				query: { organizerUserId: '1100001' },
				body: {
					properties: {
						hs_timestamp: '2026-10-30T14:00:00.000Z',
						hs_meeting_start_time: '2026-10-30T14:00:00.000Z',
						hs_meeting_end_time: '2026-10-30T14:15:00.000Z',
						hs_meeting_title: 'Meeting with Mary Ann Smith',
						hs_meeting_outcome: 'SCHEDULED',
						hubspot_owner_id: '51000001',
						hs_meeting_body: 'Wants pricing',
					},
					associations: [
						{
							to: { id: contact?.id },
							types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 200 }],
						},
					],
					emailReminderSchedule: { reminders: [], shouldIncludeInviteDescription: false },
					timezone: NY,
				},
			},
			// Exclusivity: the organizer's meetings overlapping the slot, right after the write...
			{
				method: 'POST',
				path: '/crm/objects/2026-09/meetings/search',
				body: {
					filterGroups: [
						{
							filters: [
								{ propertyName: 'hubspot_owner_id', operator: 'EQ', value: '51000001' },
								{
									propertyName: 'hs_meeting_start_time',
									operator: 'LT',
									value: String(FRIDAY_10AM.toMillis() + 900_000),
								},
								{
									propertyName: 'hs_meeting_end_time',
									operator: 'GT',
									value: String(FRIDAY_10AM.toMillis()),
								},
							],
						},
						// ...or the guest's meetings at that start (copies of this booking), in the same search.
						{
							filters: [
								{ propertyName: 'associations.contact', operator: 'EQ', value: contact?.id },
								{
									propertyName: 'hs_meeting_start_time',
									operator: 'EQ',
									value: String(FRIDAY_10AM.toMillis()),
								},
							],
						},
					],
					properties: [...MEETING_PROPERTIES, 'hs_createdate'],
					limit: 100,
				},
			},
		]);
		const [meeting] = activeMeetingsOfContact(sandbox, contact?.id ?? '');
		expect(outputJson(result)[0]).toMatchObject({
			booked: true,
			alreadyBooked: false,
			method: 'crmRecord',
			contactId: contact?.id,
			contactCreated: true,
			meetingId: meeting.id,
			calendarEventId: sandbox.state.calendarEvents.get(meeting.id)?.eventId,
			crmMeeting: 'created',
			calendar: 'event created',
			subject: 'Meeting with Mary Ann Smith',
			speech: "You're booked for Friday, October 30 at 10:00 AM.",
		});
		expect(contact?.properties.phone).toBe('+14155550188');
	});

	it('reuses an existing contact found by email, without touching a phone it already has', async () => {
		const result = await runScheduling(
			sandbox,
			crm({ email: 'Bob.Smith@Globex.test', fullName: 'Bob Smith', startTime: '2026-10-30 11:30' }),
		);

		const bob = contactWithEmail(sandbox, 'bob.smith@globex.test');
		expect(callLines(sandbox)).toEqual([
			`GET ${BOOK}/alex-demo`,
			'GET /crm/objects/2026-09/contacts/bob.smith%40globex.test',
			// No Owner ID: the link's organizer (user 1100001) is mapped to their owner id.
			'GET /crm/owners/2026-09/1100001',
			'POST /scheduler/2026-09/meetings/calendar',
			'POST /crm/objects/2026-09/meetings/search',
		]);
		expect(outputJson(result)[0]).toMatchObject({ contactId: bob?.id, contactCreated: false });
		expect(bob?.properties.phone).toBe('415.555.0101');
	});

	it("gives an existing contact without a phone the caller's phone, and checks its meetings first", async () => {
		const result = await runScheduling(
			sandbox,
			crm({
				email: 'henry.ford@detroit.test',
				fullName: 'Henry Ford',
				startTime: '2026-10-30 10:30',
			}),
		);
		const henry = contactWithEmail(sandbox, 'henry.ford@detroit.test');
		expect(result.status).toBe('success');
		expect(callLines(sandbox)).toEqual([
			`GET ${BOOK}/alex-demo`,
			'GET /crm/objects/2026-09/contacts/henry.ford%40detroit.test',
			'GET /crm/owners/2026-09/1100001',
			`PATCH /crm/objects/2026-09/contacts/${henry?.id}`,
			'POST /scheduler/2026-09/meetings/calendar',
			'POST /crm/objects/2026-09/meetings/search',
		]);
		expect(henry?.properties.phone).toBe('+14155550188');

		sandbox.clearLog();
		const jane = await runScheduling(
			sandbox,
			crm({
				email: 'jane.doe@acme-corp.test',
				fullName: 'Jane Doe',
				startTime: '2026-10-30 11:00',
			}),
		);
		expect(jane.status).toBe('success');
		expect(callLines(sandbox)).toEqual([
			`GET ${BOOK}/alex-demo`,
			'GET /crm/objects/2026-09/contacts/jane.doe%40acme-corp.test',
			'POST /crm/objects/2026-09/meetings/batch/read',
			'GET /crm/owners/2026-09/1100001',
			'POST /scheduler/2026-09/meetings/calendar',
			'POST /crm/objects/2026-09/meetings/search',
		]);
	});

	it('adopts the contact another booking created a moment earlier (409 with the existing id)', async () => {
		const racerId = sandbox.createContact({ email: GUEST, firstname: 'Mary', lastname: 'Smith' });
		// Our lookup ran just before the other booking's create landed.
		sandbox.faults.add({
			method: 'GET',
			path: '/crm/objects/2026-09/contacts/mary.smith%40acme.test',
			times: 1,
			action: { status: 404 },
		});
		const result = await runScheduling(sandbox, crm({ startTime: '2026-10-30 09:30' }));

		expect(result.status).toBe('success');
		expect(callLines(sandbox)).toEqual([
			`GET ${BOOK}/alex-demo`,
			'GET /crm/objects/2026-09/contacts/mary.smith%40acme.test',
			'GET /crm/owners/2026-09/1100001',
			'POST /crm/objects/2026-09/contacts',
			'POST /scheduler/2026-09/meetings/calendar',
			'POST /crm/objects/2026-09/meetings/search',
		]);
		expect(sandbox.requestLog()[3].status).toBe(409);
		expect(contactsWithEmail(sandbox, GUEST).map((contact) => contact.id)).toEqual([racerId]);
		expect(activeMeetingsOfContact(sandbox, racerId).map(startOf)).toEqual([
			DateTime.fromISO('2026-10-30T09:30', { zone: NY }).toMillis(),
		]);
		expect(outputJson(result)[0]).toMatchObject({ contactId: racerId, contactCreated: false });
	});

	it('answers a retried call with the meeting it created, without a second one', async () => {
		await runScheduling(sandbox, crm());
		sandbox.clearLog();
		const retry = await runScheduling(sandbox, crm());

		const contact = contactWithEmail(sandbox, GUEST);
		const meetings = activeMeetingsOfContact(sandbox, contact?.id ?? '');
		expect(meetings).toHaveLength(1);
		expect(callLines(sandbox)).toEqual([
			`GET ${BOOK}/alex-demo`,
			'GET /crm/objects/2026-09/contacts/mary.smith%40acme.test',
			'POST /crm/objects/2026-09/meetings/batch/read',
		]);
		expect(outputJson(retry)[0]).toMatchObject({ alreadyBooked: true, meetingId: meetings[0].id });
	});

	it('lets only one of two callers asking for the same slot at once have it (one process)', async () => {
		const slot = { startTime: '2026-10-30 13:30' };
		// The first write waits, so the second caller arrives while the first is still booking.
		sandbox.faults.add({
			method: 'POST',
			path: CALENDAR,
			times: 1,
			action: { kind: 'delay', ms: 500 },
		});
		const runs = await Promise.all(
			TWO_CALLERS.map(async (caller) => await runScheduling(sandbox, crm({ ...slot, ...caller }))),
		);

		expectOneWinner(runs, 'Friday, October 30 at 1:30 PM');
		expect(activeMeetingsAt(DateTime.fromISO('2026-10-30T13:30', { zone: NY }))).toHaveLength(1);
	});

	it('lets only one of two node instances that share nothing but HubSpot have the slot, even when both wrote', async () => {
		// Different credentials: no in-process turn-taking. Both read the slot free before either write
		// lands (the sandbox holds each calendar write 1.5 s before applying it), so both write; the
		// later meeting is retracted by its own writer.
		sandbox.faults.add({
			method: 'POST',
			path: CALENDAR,
			times: 2,
			action: { kind: 'delay', ms: 1500 },
		});
		const other = await connectOAuth2(sandbox);
		const slot = { startTime: '2026-10-30 13:30' };
		const runs = await Promise.all([
			runScheduling(sandbox, crm({ ...slot, ...TWO_CALLERS[0] })),
			runScheduling(sandbox, crm({ ...slot, ...TWO_CALLERS[1] }), { credentials: other }),
		]);

		expectOneWinner(runs, 'Friday, October 30 at 1:30 PM');
		const writes = sandbox.requestLog().filter((entry) => entry.path === CALENDAR);
		expect(writes).toHaveLength(2);
		expect(activeMeetingsAt(DateTime.fromISO('2026-10-30T13:30', { zone: NY }))).toHaveLength(1);
		// The loser archived its own meeting: the winner's meeting is the one left.
		const winnerMeeting = String(
			outputJson(runs.find((run) => run.status === 'success')!)[0].meetingId,
		);
		expect(activeMeetingsAt(DateTime.fromISO('2026-10-30T13:30', { zone: NY }))[0].id).toBe(
			winnerMeeting,
		);
	});

	it('a second caller seconds later hears the slot is gone: the calendar event made the organizer busy', async () => {
		const slot = { startTime: '2026-10-30 13:30' };
		const first = await runScheduling(sandbox, crm({ ...slot, ...TWO_CALLERS[0] }));
		sandbox.clearLog();
		const second = await runScheduling(sandbox, crm({ ...slot, ...TWO_CALLERS[1] }));

		expect(first.status).toBe('success');
		expect(second.error?.message).toBe(
			'Sorry, Friday, October 30 at 1:30 PM is no longer available. Please choose another time.',
		);
		expect(callLines(sandbox)).not.toContain(`POST ${CALENDAR}`);
	});

	it('on a round-robin link, books a member who is free then, and the next caller gets the other member', async () => {
		const slot = {
			meetingLink: slug('team/ai-booked-call'),
			startTime: '2026-11-02T09:00:00+00:00',
			timeZone: 'Europe/London',
		};
		const first = await runScheduling(sandbox, crm({ ...slot, ...TWO_CALLERS[0] }));
		const second = await runScheduling(sandbox, crm({ ...slot, ...TWO_CALLERS[1] }));

		expect([first.status, second.status]).toEqual(['success', 'success']);
		const organizers = sandbox
			.requestLog()
			.filter((entry) => entry.path === CALENDAR)
			.map((entry) => entry.query.organizerUserId);
		expect(organizers.sort()).toEqual(['1100002', '1100005']);
		const owners = activeMeetingsAt(DateTime.fromISO('2026-11-02T09:00:00Z')).map(
			(meeting) => meeting.properties.hubspot_owner_id,
		);
		expect(owners.sort()).toEqual(['51000002', '51000005']);
	});

	it('with the organizer as owner, the meeting blocks the slot for later bookings too', async () => {
		const slot = { startTime: '2026-10-30 13:30', options: { ownerId: '51000001' } };
		await runScheduling(sandbox, crm(slot));
		sandbox.clearLog();

		const later = await runScheduling(
			sandbox,
			crm({ ...slot, email: 'later.caller@acme.test', fullName: 'Later Caller' }),
		);

		expect(later.error?.message).toBe(
			'Sorry, Friday, October 30 at 1:30 PM is no longer available. Please choose another time.',
		);
		expect(callLines(sandbox)).toEqual([
			`GET ${BOOK}/alex-demo`,
			'GET /crm/objects/2026-09/contacts/later.caller%40acme.test',
			'GET /crm/owners/2026-09/51000001',
		]);
	});

	it('checks the slot before writing: a busy time is refused with nothing written', async () => {
		// Alex is at lunch from 12:00 to 13:00.
		const result = await runScheduling(sandbox, crm({ startTime: '2026-10-30 12:15' }));

		expect(result.error?.message).toBe(
			'Sorry, Friday, October 30 at 12:15 PM is no longer available. Please choose another time.',
		);
		expect(callLines(sandbox)).toEqual([
			`GET ${BOOK}/alex-demo`,
			'GET /crm/objects/2026-09/contacts/mary.smith%40acme.test',
		]);
		expect(contactWithEmail(sandbox, GUEST)).toBeUndefined();
	});

	it('reads the availability of another month only when the start is in it', async () => {
		const result = await runScheduling(sandbox, crm({ startTime: '2026-11-03 10:00' }));

		expect(result.status).toBe('success');
		expect(apiCalls(sandbox)[1]).toEqual({
			method: 'GET',
			path: `${BOOK}/availability-page/alex-demo`,
			query: { timezone: NY, monthOffset: '1' },
		});
		expect(callLines(sandbox)).toHaveLength(7);
	});
});

describe('Book on a round-robin link from two node instances that share nothing but HubSpot', () => {
	const TEAM_SLOT = {
		meetingLink: slug('team/ai-booked-call'),
		startTime: '2026-11-02T09:00:00+00:00',
		timeZone: 'Europe/London',
	};
	const TEAM_START = DateTime.fromISO('2026-11-02T09:00:00Z');

	async function until(condition: () => boolean): Promise<void> {
		while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
	}

	/** The same Book request run at once by two node instances with different credentials. */
	async function sameRequestTwice(parameters: INodeParameters): Promise<RunResult[]> {
		const other = await connectOAuth2(sandbox);
		return await Promise.all([
			runScheduling(sandbox, parameters),
			runScheduling(sandbox, parameters, { credentials: other }),
		]);
	}

	/** Both answered booked, one of them as the copy that gave way, and one meeting is left. */
	function expectOneBookingAnsweredTwice(runs: RunResult[]) {
		expect(runs.map((run) => run.error?.message)).toEqual([undefined, undefined]);
		const answers = runs.map((run) => outputJson(run)[0]);
		expect(answers.map((answer) => answer.alreadyBooked).sort()).toEqual([false, true]);
		const left = activeMeetingsAt(TEAM_START);
		expect(left).toHaveLength(1);
		const copy = answers.find((answer) => answer.alreadyBooked === true);
		expect(copy).toMatchObject({
			booked: true,
			meetingId: left[0].id,
			speech: "You're already booked for Monday, November 2 at 9:00 AM.",
		});
		expect(String(copy?.note)).toMatch(/^The same booking ran twice at once/);
		const contact = contactWithEmail(sandbox, GUEST);
		expect(activeMeetingsOfContact(sandbox, contact?.id ?? '').map(startOf)).toEqual([
			TEAM_START.toMillis(),
		]);
		return left[0];
	}

	it('Meeting Link: HubSpot gives each copy a member; the later copy archives its meeting and answers booked', async () => {
		// Both instances read the guest (no meeting yet) before either booking lands.
		sandbox.faults.add({
			method: 'POST',
			path: BOOK,
			times: 2,
			action: { kind: 'delay', ms: 1000 },
		});
		const runs = await sameRequestTwice(bookParameters(TEAM_SLOT));

		expect(sandbox.requestLog().filter((entry) => entry.path === BOOK)).toHaveLength(2);
		const kept = expectOneBookingAnsweredTwice(runs);
		// HubSpot made two meetings, one per member; the later one was archived by its own writer.
		const all = [...sandbox.state.meetings.values()].filter(
			(meeting) =>
				Date.parse(meeting.properties.hs_meeting_start_time ?? '') === TEAM_START.toMillis(),
		);
		expect(all).toHaveLength(2);
		const archived = all.find((meeting) => meeting.archived);
		expect(
			Number(
				archived?.properties.hs_createdate ? Date.parse(archived.properties.hs_createdate) : 0,
			),
		).toBeGreaterThanOrEqual(Date.parse(kept.properties.hs_createdate ?? ''));
		expect(
			sandbox
				.requestLog()
				.filter((entry) => entry.method === 'DELETE')
				.map((entry) => entry.path),
		).toEqual([`/crm/objects/2026-09/meetings/${archived?.id}`]);
	});

	it('CRM Record: a copy that found the first member busy and wrote to the other member gives way to the first copy', async () => {
		// The late instance reads the guest (no booking yet) at once, but HubSpot holds its
		// availability read until the early instance has written: it then sees the first member busy
		// and chooses the other one.
		sandbox.faults.add({
			method: 'GET',
			path: `${BOOK}/availability-page/team%2Fai-booked-call`,
			times: 1,
			action: { kind: 'delay', ms: 5000 },
		});
		const parameters = bookParameters({
			...TEAM_SLOT,
			method: 'crmRecord',
			phone: '+1 415 555 0188',
		});
		const other = await connectOAuth2(sandbox);
		const late = runScheduling(sandbox, parameters, { credentials: other });
		await until(() =>
			sandbox
				.requestLog()
				.some((entry) => entry.path === '/crm/objects/2026-09/contacts/mary.smith%40acme.test'),
		);
		const early = await runScheduling(sandbox, parameters);
		const runs = [early, await late];

		const organizers = sandbox
			.requestLog()
			.filter((entry) => entry.path === CALENDAR)
			.map((entry) => entry.query.organizerUserId);
		expect(organizers.sort()).toEqual(['1100002', '1100005']);
		expectOneBookingAnsweredTwice(runs);
	});

	it('Meeting Link: the copy HubSpot refuses answers booked with the meeting the copies kept, even with little time left', async () => {
		// Another caller holds one of the two members at that time, so only one copy gets a member.
		const earlier = await runScheduling(
			sandbox,
			bookParameters({ ...TEAM_SLOT, email: 'first.caller@acme.test', fullName: 'First Caller' }),
		);
		expect(earlier.status).toBe('success');
		sandbox.clearLog();
		sandbox.faults.add({
			method: 'POST',
			path: BOOK,
			times: 2,
			action: { kind: 'delay', ms: 2500 },
		});
		const runs = await sameRequestTwice(bookParameters({ ...TEAM_SLOT, answerWithinSeconds: 4 }));

		expect(runs.map((run) => run.error?.message)).toEqual([undefined, undefined]);
		const answers = runs.map((run) => outputJson(run)[0]);
		expect(answers.map((answer) => answer.alreadyBooked).sort()).toEqual([false, true]);
		const contact = contactWithEmail(sandbox, GUEST);
		const mine = activeMeetingsOfContact(sandbox, contact?.id ?? '');
		expect(mine).toHaveLength(1);
		expect(answers.find((answer) => answer.alreadyBooked === true)?.meetingId).toBe(mine[0].id);
		expect(activeMeetingsAt(TEAM_START)).toHaveLength(2);
	});
});

describe('Book when HubSpot may have applied a failed write (booked-but-errored)', () => {
	it('CRM Record: a 500 after the calendar write applied answers booked, alreadyBooked, with a note', async () => {
		sandbox.faults.add({
			method: 'POST',
			path: CALENDAR,
			times: 1,
			applyEffect: true,
			action: { status: 500, body: { status: 'error', message: 'internal error' } },
		});
		const result = await runScheduling(sandbox, bookParameters({ method: 'crmRecord' }));

		expect(result.status).toBe('success');
		expect(outputJson(result)[0]).toMatchObject({
			booked: true,
			alreadyBooked: true,
			note: 'HubSpot answered the booking with an error, but the meeting exists: it was booked.',
		});
		expect(activeMeetingsAt(FRIDAY_10AM)).toHaveLength(1);
	});

	it('says plainly that the meeting was not booked when it is not there afterwards', async () => {
		sandbox.faults.add({
			method: 'POST',
			path: BOOK,
			times: 1,
			action: { status: 503, body: { status: 'error', message: 'Service unavailable' } },
		});
		const result = await runScheduling(sandbox, bookParameters());

		expect(result.error?.message).toMatch(
			/^The meeting was not booked\. Could not book the meeting/,
		);
		expect(callLines(sandbox)).toEqual([
			`GET ${BOOK}/alex-demo`,
			`POST ${BOOK}`,
			// Looked for the booking before answering, three times: HubSpot may show a booking's
			// contact and meeting a moment after it (ownBookingAt waits 0.5 s, then 1 s).
			'GET /crm/objects/2026-09/contacts/mary.smith%40acme.test',
			'GET /crm/objects/2026-09/contacts/mary.smith%40acme.test',
			'GET /crm/objects/2026-09/contacts/mary.smith%40acme.test',
		]);
		expect(activeMeetingsAt(FRIDAY_10AM)).toHaveLength(0);
	});
});

describe('Book on a link with legal consent', () => {
	it('IMPLICIT: books with an answer for each checkbox, consenting to none the guest was not asked about', async () => {
		const result = await runScheduling(
			sandbox,
			bookParameters({ meetingLink: slug('alex-consent-implicit') }),
		);

		expect(result.status).toBe('success');
		expect(apiCalls(sandbox)[1].body).toMatchObject({
			slug: 'alex-consent-implicit',
			legalConsentResponses: [{ communicationTypeId: '2001', consented: false }],
		});
	});

	it("REQUIRED_CHECKBOX: without the guest's agreement, fails before any write and names what to ask", async () => {
		const result = await runScheduling(
			sandbox,
			bookParameters({ meetingLink: slug('alex-consent-checkbox') }),
		);

		expect(result.error?.message).toBe(
			'This meeting link needs the guest\'s consent before booking. Ask the caller: "I agree to allow the company to store and process my data." and "I agree to be contacted about this appointment.". Book again with Guest Agreed to Consent set to true only if they say yes.',
		);
		expect(result.error?.description).toBe(
			"The link's legal consent is REQUIRED_CHECKBOX or has a required checkbox. The link was read from HubSpot; nothing was written for this item.",
		);
		expect(callLines(sandbox)).toEqual([`GET ${BOOK}/alex-consent-checkbox`]);
	});

	it('REQUIRED_CHECKBOX: with the agreement, books with the required checkbox consented', async () => {
		const result = await runScheduling(
			sandbox,
			bookParameters({
				meetingLink: slug('alex-consent-checkbox'),
				options: { guestConsented: true },
			}),
		);

		expect(result.status).toBe('success');
		expect(apiCalls(sandbox)[1].body).toMatchObject({
			legalConsentResponses: [
				{ communicationTypeId: '2002', consented: true },
				{ communicationTypeId: '2001', consented: false },
			],
		});
	});
});

describe('Book refuses invalid items before calling HubSpot', () => {
	it.each([
		[
			'a malformed email',
			{ email: 'mary.smith@acme' },
			'Invalid Email: “mary.smith@acme” is not a valid email address.',
		],
		[
			'an email that comes out empty',
			{ email: '={{ $json.email ?? "" }}' },
			'Invalid Email: an email address is required',
		],
		[
			'a start time that comes out empty',
			{ startTime: '={{ $json.start ?? "" }}' },
			'Invalid Start Time: a date and time is required',
		],
		[
			'a start in the past',
			{ startTime: '2026-10-28 10:00' },
			'Invalid Start Time: 2026-10-28T10:00:00-04:00 is in the past.',
		],
		[
			'a start without a time of day',
			{ startTime: '2026-10-30' },
			'Invalid Start Time: “2026-10-30” has a date but no time of day',
		],
		[
			'a start in the spring-forward gap',
			{ startTime: '2027-03-14 02:30' },
			'Invalid Start Time: “2027-03-14 02:30” does not exist in America/New_York',
		],
		[
			'an unknown time zone',
			{ timeZone: 'EST5' },
			'Invalid Time Zone: “EST5” is not an IANA time zone.',
		],
		[
			'a time zone abbreviation',
			{ timeZone: 'EST' },
			'Invalid Time Zone: “EST” is an abbreviation, not an IANA time zone',
		],
		['a path traversal slug', { meetingLink: slug('alex-demo/../../x') }, 'Invalid Meeting Link:'],
		['a phone that is not a number', { phone: 'ask reception' }, 'Invalid Phone:'],
		['a phone too short', { phone: '555 0100' }, 'Invalid Phone:'],
		[
			'no last name for the scheduler',
			{ fullName: 'Cher' },
			"Invalid Last Name: HubSpot's scheduler needs a last name.",
		],
		[
			'a bad guest email',
			{ options: { guestEmails: 'boss@acme' } },
			'Invalid Guest Emails: “boss@acme” is not a valid email address.',
		],
		[
			'form fields that are not JSON',
			{ options: { formFields: '{company: 1' } },
			'Invalid Form Fields (JSON): is not valid JSON.',
		],
		[
			'a form answer that is an object',
			{ options: { formFields: '{"company": {"name": "Acme"}}' } },
			'Invalid Form Fields (JSON): the answer to “company” must be text, a number or true/false, not a list or an object.',
		],
		[
			'a default country that is not a code',
			{ phone: '415 555 0100', options: { defaultCountry: 'USA' } },
			'Invalid Default Phone Country:',
		],
		[
			'an owner ID that is not a number',
			{ method: 'crmRecord', options: { ownerId: 'alex' } },
			'Invalid Owner ID: must be a numeric HubSpot owner ID.',
		],
	])('%s', async (_case, overrides, message) => {
		const result = await runScheduling(sandbox, bookParameters(overrides));

		expect(result.status).toBe('error');
		expect(result.error?.message.startsWith(message)).toBe(true);
		expect(result.error?.itemIndex).toBe(0);
		expect(result.error?.description).toMatch(
			/^Fix the ".+" parameter of item 0 and run again\. Nothing was sent to HubSpot for this item\.$/,
		);
		expect(apiCalls(sandbox)).toEqual([]);
	});

	it('refuses a duration the link does not offer with only the read of the link', async () => {
		const result = await runScheduling(sandbox, bookParameters({ options: { duration: 45 } }));

		expect(result.error?.message).toBe(
			'Invalid Duration (Minutes): this meeting link does not offer 45-minute meetings. Choose one of: 15, 30, 60 minutes (or 0 for the default).',
		);
		expect(result.error?.description).toBe(
			'Fix the "Duration (Minutes)" parameter of item 0 and run again. This item was only read from HubSpot; nothing was written.',
		);
		expect(callLines(sandbox)).toEqual([`GET ${BOOK}/alex-demo`]);
	});
});

describe("Book recognises the guest's own booking on a later association page", () => {
	it('a retried call answers "already booked" for a guest with more than 100 meetings', async () => {
		const jane = contactWithEmail(sandbox, 'jane.doe@acme-corp.test')?.id as string;
		addPastMeetings(sandbox, jane, 150);
		const parameters = bookParameters({ email: 'jane.doe@acme-corp.test', fullName: 'Jane Doe' });
		const first = await runScheduling(sandbox, parameters);
		expect(outputJson(first)[0]).toMatchObject({ booked: true, alreadyBooked: false });

		const retried = await runScheduling(sandbox, parameters);

		expect(retried.status).toBe('success');
		expect(outputJson(retried)[0]).toMatchObject({ booked: true, alreadyBooked: true });
		expect(
			activeMeetingsOfContact(sandbox, jane).filter((m) => startOf(m) === FRIDAY_10AM.toMillis()),
		).toHaveLength(1);
	});
});

describe("Book when HubSpot creates the booking's contact and meeting a moment after answering", () => {
	beforeEach(async () => {
		await fetch(`${sandbox.url}/__sandbox/config`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ bookingEffectsDelayMs: 800 }),
		});
	});

	it('a call retried right after a successful booking says "already booked", not "no longer available"', async () => {
		const first = await runScheduling(sandbox, bookParameters());
		expect(outputJson(first)[0]).toMatchObject({ booked: true, alreadyBooked: false });
		expect(contactWithEmail(sandbox, GUEST)).toBeUndefined();

		const retried = await runScheduling(sandbox, bookParameters());

		expect(retried.error).toBeUndefined();
		expect(outputJson(retried)[0]).toMatchObject({ booked: true, alreadyBooked: true });
		const contact = contactWithEmail(sandbox, GUEST);
		expect(activeMeetingsOfContact(sandbox, contact?.id ?? '').map(startOf)).toEqual([
			FRIDAY_10AM.toMillis(),
		]);
		expect(sandbox.requestLog().filter((entry) => entry.path === BOOK)).toHaveLength(2);
	});

	it('still tells another caller the slot is taken, after the settle waits', async () => {
		await runScheduling(sandbox, bookParameters({ email: 'first.caller@acme.test' }));
		const result = await runScheduling(sandbox, bookParameters());

		expect(result.error).toMatchObject({ httpCode: '409', itemIndex: 0 });
		expect(contactWithEmail(sandbox, GUEST)).toBeUndefined();
	});
});
