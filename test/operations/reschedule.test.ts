import { DateTime } from 'luxon';

import type { Sandbox } from '../../sandbox/server';
import { closeEngineRuntime } from '../harness/runtime';
import {
	activeMeetingsOfContact,
	addPastMeetings,
	contactWithEmail,
	createMeetingFor,
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
const JANE = 'jane.doe@acme-corp.test';
const JANE_LOOKUP = 'GET /crm/objects/2026-09/contacts/jane.doe%40acme-corp.test';
/** The link's organizer mapped to an owner id: only a meeting of the link's people can be moved. */
const OWNER_OF_ALEX = 'GET /crm/owners/2026-09/1100001';
/** Jane's 30-minute demo on Saturday Oct 31 at 10:00; moved to Friday Oct 30 at 10:00 (Alex is free then). */
const DEMO_ID = '81234567001';
const OLD_START = DateTime.fromISO('2026-10-31T10:00', { zone: NY });
const NEW_START = DateTime.fromISO('2026-10-30T10:00', { zone: NY });

let sandbox: Sandbox;
let janeId: string;

beforeAll(async () => {
	sandbox = await startPinnedSandbox();
});

beforeEach(() => {
	sandbox.reset();
	janeId = contactWithEmail(sandbox, JANE)?.id ?? '';
});

afterAll(async () => {
	await sandbox.close();
	await closeEngineRuntime();
});

function moveParameters(overrides: Record<string, unknown> = {}) {
	return {
		operation: 'reschedule',
		meetingLink: slug('alex-demo'),
		email: JANE,
		currentStartTime: '2026-10-31 10:00',
		newStartTime: '2026-10-30 10:00',
		...overrides,
	};
}

/** The link read runs beside the contact and meetings reads, so the first three arrive in any order. */
function withReadsSorted(lines: string[]): string[] {
	return [...lines.slice(0, 3).sort(), ...lines.slice(3)];
}

describe('Reschedule', () => {
	it("books the new time before it removes the old meeting, keeping the meeting's length", async () => {
		const result = await runScheduling(sandbox, moveParameters());

		expect(result.status).toBe('success');
		expect(withReadsSorted(callLines(sandbox))).toEqual([
			JANE_LOOKUP,
			`GET ${BOOK}/alex-demo`,
			'POST /crm/objects/2026-09/meetings/batch/read',
			OWNER_OF_ALEX,
			`POST ${BOOK}`,
			`DELETE /crm/objects/2026-09/meetings/${DEMO_ID}`,
		]);
		expect(apiCalls(sandbox)[4]).toEqual({
			method: 'POST',
			path: BOOK,
			query: { timezone: NY },
			body: {
				slug: 'alex-demo',
				firstName: 'Jane',
				lastName: 'Doe',
				email: JANE,
				startTime: NEW_START.toUTC().toISO(),
				duration: 1_800_000,
				guestEmails: [],
				timezone: NY,
				locale: 'en-us',
				formFields: [],
				legalConsentResponses: [],
				likelyAvailableUserIds: [],
			},
		});
		expect(activeMeetingsOfContact(sandbox, janeId).map(startOf)).toEqual([
			DateTime.fromISO('2026-11-07T14:00', { zone: NY }).toMillis(),
			DateTime.fromISO('2026-10-22T11:00', { zone: NY }).toMillis(),
			NEW_START.toMillis(),
		]);
		expect(sandbox.state.meetings.get(DEMO_ID)?.archived).toBe(true);
		expect(outputItems(result)).toEqual([
			{
				json: {
					booked: true,
					alreadyBooked: false,
					method: 'meetingLink',
					meetingLink: 'alex-demo',
					contactId: janeId,
					contactCreated: false,
					meetingId: null,
					calendarEventId: sandbox.state.bookings[0].calendarEventId,
					subject: 'Product Demo',
					email: JANE,
					durationMinutes: 30,
					start: '2026-10-30T10:00:00-04:00',
					end: '2026-10-30T10:30:00-04:00',
					startUtc: '2026-10-30T14:00:00Z',
					endUtc: '2026-10-30T14:30:00Z',
					startMs: NEW_START.toMillis(),
					endMs: NEW_START.toMillis() + 1_800_000,
					timeZone: NY,
					timeZoneFrom: 'workflow',
					crmMeeting: 'created',
					calendar: 'event created',
					label: 'Friday, October 30 at 10:00 AM',
					// The old meeting's calendar event is not known to be removed, so nothing is claimed about it.
					speech:
						"Done: you're booked for Friday, October 30 at 10:00 AM, and your meeting on Saturday, October 31 at 10:00 AM is cancelled in our system.",
					rescheduled: true,
					previousMeetingId: DEMO_ID,
					previousStart: '2026-10-31T10:00:00-04:00',
					previousCrmMeeting: 'archived',
					previousCalendar: 'not known to be removed',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it("does not move a meeting of another link's people through this link", async () => {
		const result = await runScheduling(
			sandbox,
			moveParameters({
				meetingLink: slug('team/ai-booked-call'),
				newStartTime: '2026-11-02T09:00:00+00:00',
			}),
		);

		expect(result.error?.message).toBe(
			'I could not find a meeting for jane.doe@acme-corp.test on Saturday, October 31 at 10:00 AM, so nothing was changed.',
		);
		expect(
			sandbox
				.requestLog()
				.filter((entry) => entry.method !== 'GET' && !entry.path.endsWith('/batch/read')),
		).toEqual([]);
		expect(sandbox.state.meetings.get(DEMO_ID)?.archived).toBe(false);
	});

	it('keeps the last name of a contact that has none, though the scheduler needs one to book', async () => {
		const samId = sandbox.createContact({ email: 'sam@acme.test', firstname: 'Sam' });
		await createMeetingFor(sandbox, samId, OLD_START, 'Intro', '51000001');
		sandbox.clearLog();

		const result = await runScheduling(sandbox, moveParameters({ email: 'sam@acme.test' }));

		expect(result.status).toBe('success');
		expect(apiCalls(sandbox).find((call) => call.path === BOOK)?.body).toMatchObject({
			firstName: 'Sam',
			lastName: 'Sam',
		});
		expect(callLines(sandbox).slice(-1)).toEqual([`PATCH /crm/objects/2026-09/contacts/${samId}`]);
		expect(contactWithEmail(sandbox, 'sam@acme.test')?.properties).toMatchObject({
			firstname: 'Sam',
		});
		expect(contactWithEmail(sandbox, 'sam@acme.test')?.properties.lastname ?? '').toBe('');
		expect(activeMeetingsOfContact(sandbox, samId).map(startOf)).toEqual([NEW_START.toMillis()]);
		expect(outputJson(result)[0]).toMatchObject({ rescheduled: true });
		expect(outputJson(result)[0].warning).toBeUndefined();
	});

	it('leaves the old meeting untouched when the new time is taken, and says so', async () => {
		// Alex is at lunch from 12:00 to 13:00.
		const result = await runScheduling(
			sandbox,
			moveParameters({ newStartTime: '2026-10-30 12:00' }),
		);

		expect(result.error).toMatchObject({
			message:
				'Sorry, Friday, October 30 at 12:00 PM is no longer available. Please choose another time. Your meeting on Saturday, October 31 at 10:00 AM was not changed.',
			itemIndex: 0,
		});
		expect(withReadsSorted(callLines(sandbox))).toEqual([
			JANE_LOOKUP,
			`GET ${BOOK}/alex-demo`,
			'POST /crm/objects/2026-09/meetings/batch/read',
			OWNER_OF_ALEX,
			`POST ${BOOK}`,
			// Refused: the guest is read afresh (the record read before booking cannot show a copy of
			// this request booked meanwhile), then again after each settle wait, in case the booking is
			// their own.
			JANE_LOOKUP,
			'POST /crm/objects/2026-09/meetings/batch/read',
			JANE_LOOKUP,
			'POST /crm/objects/2026-09/meetings/batch/read',
			JANE_LOOKUP,
			'POST /crm/objects/2026-09/meetings/batch/read',
		]);
		expect(sandbox.state.meetings.get(DEMO_ID)?.archived).toBe(false);
		expect(activeMeetingsOfContact(sandbox, janeId).map(startOf)).toContain(OLD_START.toMillis());
	});

	it('answers a retried call with "already moved", with reads only', async () => {
		await runScheduling(sandbox, moveParameters());
		sandbox.clearLog();
		const retry = await runScheduling(sandbox, moveParameters());

		expect(withReadsSorted(callLines(sandbox))).toEqual([
			JANE_LOOKUP,
			`GET ${BOOK}/alex-demo`,
			'POST /crm/objects/2026-09/meetings/batch/read',
			OWNER_OF_ALEX,
		]);
		const moved = activeMeetingsOfContact(sandbox, janeId).find(
			(meeting) => startOf(meeting) === NEW_START.toMillis(),
		);
		expect(outputJson(retry)[0]).toMatchObject({
			alreadyBooked: true,
			rescheduled: true,
			meetingId: moved?.id,
			durationMinutes: 30,
			previousMeetingId: null,
			previousStart: null,
			speech: 'Your meeting is already moved to Friday, October 30 at 10:00 AM.',
		});
		expect(activeMeetingsOfContact(sandbox, janeId)).toHaveLength(3);
	});

	it('finishes a move whose old meeting could not be removed when the call is repeated', async () => {
		sandbox.faults.add({
			method: 'DELETE',
			path: `/crm/objects/2026-09/meetings/${DEMO_ID}`,
			times: 1,
			action: {
				status: 400,
				body: { status: 'error', message: 'Simulated refusal', category: 'VALIDATION_ERROR' },
			},
		});
		const first = await runScheduling(sandbox, moveParameters());
		expect(first.error?.message).toMatch(
			new RegExp(
				`^The new time Friday, October 30 at 10:00 AM is booked, but the old meeting \\(${DEMO_ID}\\) could not be removed`,
			),
		);
		expect(activeMeetingsOfContact(sandbox, janeId).map((meeting) => meeting.id)).toContain(
			DEMO_ID,
		);

		sandbox.clearLog();
		const again = await runScheduling(sandbox, moveParameters());
		expect(withReadsSorted(callLines(sandbox))).toEqual([
			JANE_LOOKUP,
			`GET ${BOOK}/alex-demo`,
			'POST /crm/objects/2026-09/meetings/batch/read',
			OWNER_OF_ALEX,
			`DELETE /crm/objects/2026-09/meetings/${DEMO_ID}`,
		]);
		expect(outputJson(again)[0]).toMatchObject({
			alreadyBooked: true,
			rescheduled: true,
			previousMeetingId: DEMO_ID,
		});
		expect(sandbox.state.meetings.get(DEMO_ID)?.archived).toBe(true);
		const upcoming = activeMeetingsOfContact(sandbox, janeId).filter(
			(meeting) => startOf(meeting) > Date.parse('2026-10-29'),
		);
		expect(upcoming.map(startOf)).toEqual([
			DateTime.fromISO('2026-11-07T14:00', { zone: NY }).toMillis(),
			NEW_START.toMillis(),
		]);
	});

	it('moves as a CRM record: creates the new meeting on the contact, then removes the old one', async () => {
		const result = await runScheduling(sandbox, moveParameters({ method: 'crmRecord' }));

		expect(result.status).toBe('success');
		expect(withReadsSorted(callLines(sandbox))).toEqual([
			JANE_LOOKUP,
			`GET ${BOOK}/alex-demo`,
			'POST /crm/objects/2026-09/meetings/batch/read',
			OWNER_OF_ALEX,
			// The organizer again, as CRM Record resolves it for the calendar write.
			OWNER_OF_ALEX,
			'POST /scheduler/2026-09/meetings/calendar',
			'POST /crm/objects/2026-09/meetings/search',
			`DELETE /crm/objects/2026-09/meetings/${DEMO_ID}`,
		]);
		expect(
			apiCalls(sandbox).find((call) => call.path === '/scheduler/2026-09/meetings/calendar')?.body,
		).toMatchObject({
			properties: {
				hs_meeting_start_time: NEW_START.toUTC().toISO(),
				hs_meeting_end_time: NEW_START.plus({ minutes: 30 }).toUTC().toISO(),
				hs_meeting_title: 'Meeting with Jane Doe',
				hubspot_owner_id: '51000001',
			},
		});
		expect(outputJson(result)[0]).toMatchObject({
			method: 'crmRecord',
			contactCreated: false,
			previousMeetingId: DEMO_ID,
		});
	});

	it('uses an explicit duration the link offers', async () => {
		const result = await runScheduling(sandbox, moveParameters({ options: { duration: 60 } }));

		expect(apiCalls(sandbox)[4].body).toMatchObject({ duration: 3_600_000 });
		expect(outputJson(result)[0]).toMatchObject({
			durationMinutes: 60,
			end: '2026-10-30T11:00:00-04:00',
		});
	});

	it('cannot move a meeting onto a time its own current slot blocks (books first): it says so and keeps the meeting', async () => {
		const book = {
			operation: 'book',
			meetingLink: slug('alex-demo'),
			startTime: '2026-10-30 10:00',
			email: 'maria.lopez@acme.test',
			fullName: 'Maria Lopez',
			options: { duration: 30 },
		};
		await runScheduling(sandbox, book);

		const result = await runScheduling(
			sandbox,
			moveParameters({
				email: 'maria.lopez@acme.test',
				currentStartTime: '2026-10-30 10:00',
				newStartTime: '2026-10-30 10:15',
			}),
		);

		expect(result.error?.message).toBe(
			'Sorry, Friday, October 30 at 10:15 AM is no longer available. Please choose another time. Your meeting on Friday, October 30 at 10:00 AM was not changed.',
		);
		const maria = contactWithEmail(sandbox, 'maria.lopez@acme.test');
		expect(activeMeetingsOfContact(sandbox, maria?.id ?? '').map(startOf)).toEqual([
			NEW_START.toMillis(),
		]);
	});

	it('changes nothing when the new time is the current one', async () => {
		const result = await runScheduling(
			sandbox,
			moveParameters({ newStartTime: '2026-10-31 10:00' }),
		);

		expect(outputJson(result)[0]).toMatchObject({
			alreadyBooked: true,
			rescheduled: false,
			meetingId: DEMO_ID,
			speech: 'Your meeting is already on Saturday, October 31 at 10:00 AM.',
		});
		expect(
			sandbox
				.requestLog()
				.every((entry) => entry.method === 'GET' || entry.path.endsWith('/batch/read')),
		).toBe(true);
	});

	it('changes nothing for an unknown guest or a time with no meeting', async () => {
		const unknown = await runScheduling(sandbox, moveParameters({ email: 'nobody@acme.test' }));
		expect(unknown.error?.message).toBe(
			'I could not find a contact with the email nobody@acme.test, so nothing was changed.',
		);

		const noMeeting = await runScheduling(
			sandbox,
			moveParameters({ currentStartTime: '2026-10-31 11:00' }),
		);
		expect(noMeeting.error?.message).toBe(
			'I could not find a meeting for jane.doe@acme-corp.test on Saturday, October 31 at 11:00 AM, so nothing was changed.',
		);
		expect(
			sandbox
				.requestLog()
				.filter((entry) => entry.method !== 'GET' && !entry.path.endsWith('/batch/read')),
		).toEqual([]);
	});
});

describe('Reschedule refuses invalid items before calling HubSpot', () => {
	it.each([
		[
			'a malformed email',
			{ email: 'jane.doe@' },
			'Invalid Email: “jane.doe@” is not a valid email address.',
		],
		[
			'an email that comes out empty',
			{ email: '={{ $json.email ?? "" }}' },
			'Invalid Email: an email address is required',
		],
		[
			'a new start in the past',
			{ newStartTime: '2026-10-29 08:00' },
			'Invalid New Start Time: 2026-10-29T08:00:00-04:00 is in the past.',
		],
		[
			'an unreadable current start',
			{ currentStartTime: 'the usual time' },
			'Invalid Current Start Time: “the usual time” is not a date and time I understand.',
		],
		[
			'an unknown time zone',
			{ timeZone: 'America/Gotham' },
			'Invalid Time Zone: “America/Gotham” is not an IANA time zone.',
		],
		[
			'a slug with a traversal',
			{ meetingLink: slug('..') },
			'Invalid Meeting Link: “..” is not a HubSpot meeting-link slug.',
		],
	])('%s', async (_case, overrides, message) => {
		const result = await runScheduling(sandbox, moveParameters(overrides));

		expect(result.error?.message.startsWith(message)).toBe(true);
		expect(result.error?.itemIndex).toBe(0);
		expect(result.error?.description).toMatch(
			/^Fix the ".+" parameter of item 0 and run again\. Nothing was sent to HubSpot for this item\.$/,
		);
		expect(apiCalls(sandbox)).toEqual([]);
	});

	it('refuses a duration the link does not offer with reads only', async () => {
		const result = await runScheduling(sandbox, moveParameters({ options: { duration: 20 } }));

		expect(result.error?.message).toBe(
			'Invalid Duration (Minutes): this meeting link does not offer 20-minute meetings. Choose one of: 15, 30, 60 minutes (or 0 for the default).',
		);
		expect(result.error?.description).toBe(
			'Fix the "Duration (Minutes)" parameter of item 0 and run again. This item was only read from HubSpot; nothing was written.',
		);
		expect(withReadsSorted(callLines(sandbox))).toEqual([
			JANE_LOOKUP,
			`GET ${BOOK}/alex-demo`,
			'POST /crm/objects/2026-09/meetings/batch/read',
		]);
	});
});

describe('Reschedule finds the meeting on a later association page', () => {
	it("moves a meeting that HubSpot lists on the guest's second page", async () => {
		addPastMeetings(sandbox, janeId, 150);
		const start = DateTime.fromISO('2026-11-02T11:00', { zone: NY });
		const id = await createMeetingFor(
			sandbox,
			janeId,
			start,
			'Booked after many calls',
			'51000001',
		);
		const result = await runScheduling(
			sandbox,
			moveParameters({ currentStartTime: '2026-11-02 11:00', newStartTime: '2026-11-03 11:00' }),
		);

		expect(result.status).toBe('success');
		const active = activeMeetingsOfContact(sandbox, janeId);
		expect(active.map((meeting) => meeting.id)).not.toContain(id);
		expect(active.map(startOf)).toContain(
			DateTime.fromISO('2026-11-03T11:00', { zone: NY }).toMillis(),
		);
	});
});
