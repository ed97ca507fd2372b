import { DateTime } from 'luxon';

import type { Sandbox } from '../../sandbox/server';
import { closeEngineRuntime } from '../harness/runtime';
import {
	addPastMeetings,
	contactWithEmail,
	createMeetingFor,
	meetingsOfContact,
} from './helpers/sandboxRecords';
import {
	apiCalls,
	callLines,
	outputItems,
	outputJson,
	runScheduling,
	SERVICE_KEY,
	slug,
	startPinnedSandbox,
} from './helpers/schedulingRun';

const NY = 'America/New_York';
const JANE = 'jane.doe@acme-corp.test';
const BOOKING_INFO = '/scheduler/2026-09/meetings/meeting-links/book';
const MEETING_PROPERTIES = [
	'hs_meeting_title',
	'hs_meeting_start_time',
	'hs_meeting_end_time',
	'hs_meeting_outcome',
	'hs_meeting_location',
	'hs_meeting_external_url',
	'hubspot_owner_id',
];
/** Jane's fixture meetings: Saturday Oct 31 10:00 (demo), Saturday Nov 7 14:00 (pricing), Oct 22 (past, completed). */
const DEMO_ID = '81234567001';
const PRICING_ID = '81234567002';
const PAST_ID = '81234567003';
const DEMO_START = DateTime.fromISO('2026-10-31T10:00', { zone: NY });

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

function meeting(id: string) {
	const record = sandbox.state.meetings.get(id);
	return { archived: record?.archived, outcome: record?.properties.hs_meeting_outcome };
}

/** A CRM meeting written straight into the sandbox over its API, as another tool would. */

/** The meeting search Cancel sends when only a start time identifies the meeting. */
function startTimeSearch(start: number) {
	return {
		filterGroups: [
			{
				filters: [
					{
						propertyName: 'hs_meeting_start_time',
						operator: 'BETWEEN',
						value: String(start),
						highValue: String(start + 59_999),
					},
				],
			},
		],
		properties: MEETING_PROPERTIES,
		limit: 100,
	};
}

describe('Cancel', () => {
	it("finds the meeting among the guest's meetings by email and start, and archives it", async () => {
		const result = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-31 10:00',
			email: 'Jane.Doe@Acme-Corp.test',
		});

		expect(apiCalls(sandbox)).toEqual([
			{
				method: 'GET',
				path: '/crm/objects/2026-09/contacts/jane.doe%40acme-corp.test',
				query: {
					idProperty: 'email',
					properties:
						'firstname,lastname,email,phone,mobilephone,hs_calculated_phone_number,hs_searchable_calculated_phone_number,hs_searchable_calculated_mobile_number,lastmodifieddate',
					associations: 'meetings',
				},
			},
			{
				method: 'POST',
				path: '/crm/objects/2026-09/meetings/batch/read',
				body: {
					properties: MEETING_PROPERTIES,
					inputs: [{ id: DEMO_ID }, { id: PRICING_ID }, { id: PAST_ID }],
				},
			},
			{ method: 'DELETE', path: `/crm/objects/2026-09/meetings/${DEMO_ID}` },
		]);
		expect(outputItems(result)).toEqual([
			{
				json: {
					cancelled: true,
					mode: 'archive',
					meetingId: DEMO_ID,
					title: 'Product Demo',
					crmMeeting: 'archived',
					calendar: 'not known to be removed',
					timeZoneFrom: 'workflow',
					start: '2026-10-31T10:00:00-04:00',
					end: '2026-10-31T10:30:00-04:00',
					startUtc: '2026-10-31T14:00:00Z',
					endUtc: '2026-10-31T14:30:00Z',
					startMs: DEMO_START.toMillis(),
					endMs: DEMO_START.toMillis() + 1_800_000,
					timeZone: NY,
					label: 'Saturday, October 31 at 10:00 AM',
					speech: "I've cancelled your meeting on Saturday, October 31 at 10:00 AM in our system.",
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(meeting(DEMO_ID).archived).toBe(true);
		expect(meeting(PRICING_ID)).toEqual({ archived: false, outcome: 'SCHEDULED' });
	});

	it('cancels by meeting ID with two calls', async () => {
		const result = await runScheduling(sandbox, { operation: 'cancel', meetingId: PRICING_ID });

		expect(apiCalls(sandbox)).toEqual([
			{
				method: 'GET',
				path: `/crm/objects/2026-09/meetings/${PRICING_ID}`,
				query: { properties: MEETING_PROPERTIES.join(',') },
			},
			{ method: 'DELETE', path: `/crm/objects/2026-09/meetings/${PRICING_ID}` },
		]);
		expect(outputJson(result)[0]).toMatchObject({
			cancelled: true,
			meetingId: PRICING_ID,
			title: 'Pricing follow-up',
			label: 'Saturday, November 7 at 2:00 PM',
		});
		expect(meeting(PRICING_ID).archived).toBe(true);
	});

	it('leaves a meeting alone when its ID and the given start or email disagree', async () => {
		const wrongStart = await runScheduling(sandbox, {
			operation: 'cancel',
			meetingId: PRICING_ID,
			startTime: '2026-10-31 10:00',
		});
		expect(outputJson(wrongStart)[0]).toEqual({
			cancelled: false,
			reason: `Meeting ${PRICING_ID} does not start on Saturday, October 31 at 10:00 AM, so I left it unchanged.`,
			speech: `Meeting ${PRICING_ID} does not start on Saturday, October 31 at 10:00 AM, so I left it unchanged. Could you check the date and time?`,
		});

		sandbox.clearLog();
		const wrongPerson = await runScheduling(sandbox, {
			operation: 'cancel',
			meetingId: PRICING_ID,
			email: 'bob.smith@globex.test',
		});
		expect(outputJson(wrongPerson)[0]).toMatchObject({
			cancelled: false,
			reason: `Meeting ${PRICING_ID} is not a meeting of bob.smith@globex.test, so I left it unchanged.`,
		});
		expect(callLines(sandbox).sort()).toEqual([
			'GET /crm/objects/2026-09/contacts/bob.smith%40globex.test',
			`GET /crm/objects/2026-09/meetings/${PRICING_ID}`,
		]);
		expect(meeting(PRICING_ID)).toEqual({ archived: false, outcome: 'SCHEDULED' });
	});

	it('cancels by start time alone only with a meeting link, when exactly one meeting of its people starts then', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-11-07T14:00:00-05:00',
			meetingLink: slug('alex-demo'),
		});

		const start = DateTime.fromISO('2026-11-07T14:00:00-05:00').toMillis();
		expect(callLines(sandbox)).toEqual([
			`GET ${BOOKING_INFO}/alex-demo`,
			'GET /crm/owners/2026-09/1100001',
			'POST /crm/objects/2026-09/meetings/search',
			// Whose meeting is it? One with no contact is not cancelled on a start time alone.
			`GET /crm/objects/2026-09/meetings/${PRICING_ID}`,
			`DELETE /crm/objects/2026-09/meetings/${PRICING_ID}`,
		]);
		expect(apiCalls(sandbox)[2].body).toEqual(startTimeSearch(start));
		expect(outputJson(result)[0]).toMatchObject({
			cancelled: true,
			meetingId: PRICING_ID,
			crmMeeting: 'archived',
			calendar: 'not known to be removed',
		});
	});

	it("never cancels on a start time alone without email, phone or meeting link (someone else's meeting)", async () => {
		const result = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-31 10:00',
		});

		expect(outputJson(result)[0]).toEqual({
			cancelled: false,
			reason:
				'To cancel by time, I need the email the meeting was booked with (or the phone number on the contact), so that only your own meeting is touched.',
			speech:
				'To cancel by time, I need the email the meeting was booked with (or the phone number on the contact), so that only your own meeting is touched.',
		});
		expect(callLines(sandbox)).toEqual([]);
		expect(meeting(DEMO_ID)).toEqual({ archived: false, outcome: 'SCHEDULED' });
	});

	it("a caller identified by phone cannot cancel another contact's meeting by giving its time", async () => {
		// Bob calls from his number and names the start of Jane's demo.
		const result = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-31 10:00',
			phone: '415.555.0101',
		});

		expect(outputJson(result)[0]).toMatchObject({
			cancelled: false,
			reason:
				'I could not find a meeting for this phone number on Saturday, October 31 at 10:00 AM.',
		});
		expect(sandbox.requestLog().filter((entry) => entry.method === 'DELETE')).toEqual([]);
		expect(meeting(DEMO_ID)).toEqual({ archived: false, outcome: 'SCHEDULED' });

		// Jane's own number finds her meeting.
		const own = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-31 10:00',
			phone: '+1 (415) 555-0100',
		});
		expect(outputJson(own)[0]).toMatchObject({ cancelled: true, meetingId: DEMO_ID });
	});

	it("on a team link, leaves alone a meeting of another link's people at that time", async () => {
		const result = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-31 10:00',
			meetingLink: slug('team/ai-booked-call'),
		});

		expect(outputJson(result)[0]).toMatchObject({
			cancelled: false,
			reason: 'I could not find a meeting on Saturday, October 31 at 10:00 AM.',
		});
		expect(meeting(DEMO_ID)).toEqual({ archived: false, outcome: 'SCHEDULED' });

		// With the guest's email as well, the link still narrows: Jane's demo is Alex's, not the team's.
		const withEmail = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-31 10:00',
			email: JANE,
			meetingLink: slug('team/ai-booked-call'),
		});
		expect(outputJson(withEmail)[0]).toMatchObject({ cancelled: false });
		expect(meeting(DEMO_ID)).toEqual({ archived: false, outcome: 'SCHEDULED' });
	});

	it('does not cancel a meeting without a contact on a start time alone', async () => {
		const start = DateTime.fromISO('2026-11-02T11:00', { zone: NY });
		const orphan = await createMeetingFor(sandbox, '', start, 'No contact', '51000001');
		sandbox.clearLog();

		const result = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-11-02 11:00',
			meetingLink: slug('alex-demo'),
		});

		expect(outputJson(result)[0]).toMatchObject({
			cancelled: false,
			reason:
				'The meeting on Monday, November 2 at 11:00 AM has no contact, so I cannot tell whose it is and did not change it.',
		});
		expect(meeting(orphan)).toEqual({ archived: false, outcome: 'SCHEDULED' });
	});

	it('deletes nothing when HubSpot has more meetings at that start than one search page shows', async () => {
		const start = DateTime.fromISO('2026-11-07T14:00:00-05:00').toMillis();
		const search = await fetch(`${sandbox.url}/crm/objects/2026-09/meetings/search`, {
			method: 'POST',
			headers: { authorization: `Bearer ${SERVICE_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify(startTimeSearch(start)),
		});
		// One active meeting on this page, but HubSpot counts 150 (say, cancelled ones) in all.
		const page = {
			...((await search.json()) as object),
			total: 150,
			paging: { next: { after: '100' } },
		};
		sandbox.faults.add({
			path: '/crm/objects/2026-09/meetings/search',
			times: 1,
			action: { status: 200, body: page },
		});
		sandbox.clearLog();

		const result = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-11-07T14:00:00-05:00',
			meetingLink: slug('alex-demo'),
		});

		expect(outputJson(result)[0]).toMatchObject({
			cancelled: false,
			reason:
				'More than one meeting starts on Saturday, November 7 at 2:00 PM, so I did not change any of them. What email was the meeting booked with?',
		});
		expect(meeting(PRICING_ID).archived).toBe(false);
	});

	it('refuses to guess between two meetings of the link at the same start, and deletes nothing', async () => {
		const bobId = contactWithEmail(sandbox, 'bob.smith@globex.test')?.id ?? '';
		const bobsMeeting = await createMeetingFor(
			sandbox,
			bobId,
			DEMO_START,
			'Bob at the same time',
			'51000001',
		);
		sandbox.clearLog();

		const result = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-31 10:00',
			meetingLink: slug('alex-demo'),
		});

		expect(outputJson(result)[0]).toMatchObject({ cancelled: false });
		expect(sandbox.requestLog().filter((entry) => entry.method === 'DELETE')).toEqual([]);
		expect(meeting(DEMO_ID).archived).toBe(false);
		expect(meeting(bobsMeeting).archived).toBe(false);

		sandbox.clearLog();
		const withEmail = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-31 10:00',
			email: 'bob.smith@globex.test',
		});
		expect(outputJson(withEmail)[0]).toMatchObject({ cancelled: true, meetingId: bobsMeeting });
		expect(meeting(DEMO_ID).archived).toBe(false);
	});

	it("refuses to guess between two of the guest's own meetings at the same start", async () => {
		const twin = await createMeetingFor(sandbox, janeId, DEMO_START, 'Duplicate demo');
		sandbox.clearLog();

		const result = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-31 10:00',
			email: JANE,
		});

		expect(result.error?.message).toBe(
			'2 of your meetings start at that time, so I did not change any of them. Give the meeting ID.',
		);
		expect(callLines(sandbox)).toEqual([
			'GET /crm/objects/2026-09/contacts/jane.doe%40acme-corp.test',
			'POST /crm/objects/2026-09/meetings/batch/read',
		]);
		expect([meeting(DEMO_ID).archived, meeting(twin).archived]).toEqual([false, false]);
	});

	it('answers "not found" with a reason a voice agent can say', async () => {
		const wrongTime = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-31 11:00',
			email: JANE,
		});
		expect(outputItems(wrongTime)).toEqual([
			{
				json: {
					cancelled: false,
					reason:
						'I could not find a meeting for jane.doe@acme-corp.test on Saturday, October 31 at 11:00 AM.',
					speech:
						'I could not find a meeting for jane.doe@acme-corp.test on Saturday, October 31 at 11:00 AM. Could you check the date and time?',
				},
				pairedItem: { item: 0 },
			},
		]);

		const unknownGuest = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-31 10:00',
			email: 'nobody@acme.test',
		});
		expect(outputJson(unknownGuest)[0]).toMatchObject({
			cancelled: false,
			reason: 'I could not find a contact with the email nobody@acme.test.',
		});

		const nothingThen = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-30 16:45',
			meetingLink: slug('alex-demo'),
		});
		expect(outputJson(nothingThen)[0]).toMatchObject({
			cancelled: false,
			reason: 'I could not find a meeting on Friday, October 30 at 4:45 PM.',
		});
		expect(sandbox.requestLog().filter((entry) => entry.method === 'DELETE')).toEqual([]);
	});

	it('raises an error for "not found" when asked to', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-31 11:00',
			email: JANE,
			ifNotFound: 'error',
		});

		expect(result.error).toMatchObject({
			message:
				'I could not find a meeting for jane.doe@acme-corp.test on Saturday, October 31 at 11:00 AM.',
			itemIndex: 0,
		});
	});

	it('can keep the meeting and mark it canceled; a second cancel then finds nothing', async () => {
		const result = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-31 10:00',
			email: JANE,
			cancelMode: 'markCanceled',
		});

		expect(apiCalls(sandbox)[2]).toEqual({
			method: 'PATCH',
			path: `/crm/objects/2026-09/meetings/${DEMO_ID}`,
			body: { properties: { hs_meeting_outcome: 'CANCELED' } },
		});
		expect(outputJson(result)[0]).toMatchObject({
			cancelled: true,
			mode: 'markCanceled',
			meetingId: DEMO_ID,
		});
		expect(meeting(DEMO_ID)).toEqual({ archived: false, outcome: 'CANCELED' });

		const again = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-31 10:00',
			email: JANE,
			cancelMode: 'markCanceled',
		});
		expect(outputJson(again)[0]).toMatchObject({ cancelled: false });
		expect(meetingsOfContact(sandbox, janeId).map((record) => record.id)).toEqual([
			DEMO_ID,
			PRICING_ID,
			PAST_ID,
		]);
	});

	it('understands a start given in another zone or as epoch milliseconds', async () => {
		const berlin = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-10-31 15:00',
			timeZone: 'Europe/Berlin',
			email: JANE,
		});
		expect(outputJson(berlin)[0]).toMatchObject({
			cancelled: true,
			meetingId: DEMO_ID,
			start: '2026-10-31T15:00:00+01:00',
			label: 'Saturday, October 31 at 3:00 PM',
		});

		sandbox.reset();
		const epoch = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: String(DEMO_START.toMillis()),
			email: JANE,
		});
		expect(outputJson(epoch)[0]).toMatchObject({ cancelled: true, meetingId: DEMO_ID });
	});
});

describe('Cancel refuses invalid items before calling HubSpot', () => {
	it.each([
		[
			'neither a start time nor a meeting ID',
			{ email: JANE },
			'Invalid Start Time: give the start time of the meeting to cancel (or its Meeting ID).',
		],
		[
			'a meeting ID that is not a number',
			{ meetingId: '8123/../1' },
			'Invalid Meeting ID: must be a numeric HubSpot meeting ID.',
		],
		[
			'a malformed email',
			{ startTime: '2026-10-31 10:00', email: 'jane@' },
			'Invalid Email: “jane@” is not a valid email address.',
		],
		[
			'an unknown time zone',
			{ startTime: '2026-10-31 10:00', timeZone: 'New York' },
			'Invalid Time Zone: “New York” is not an IANA time zone.',
		],
		[
			'an unreadable start',
			{ startTime: 'someday soon', email: JANE },
			'Invalid Start Time: “someday soon” is not a date and time I understand.',
		],
		[
			'a start that could mean several times (asked back as a question)',
			{ startTime: 'Saturday morning', email: JANE },
			'Invalid Start Time: “Saturday morning” is not clear. What time in the morning on Saturday, ',
		],
	])('%s', async (_case, parameters, message) => {
		const result = await runScheduling(sandbox, { operation: 'cancel', ...parameters });

		expect(result.error?.message.startsWith(message)).toBe(true);
		expect(result.error?.itemIndex).toBe(0);
		expect(apiCalls(sandbox)).toEqual([]);
	});
});

describe('Cancel finds a meeting on a later association page', () => {
	/** Jane with 150 past meetings, then one on Monday Nov 2 at 11:00, which HubSpot lists on page 2. */
	async function meetingOnPageTwo(): Promise<{ id: string; start: DateTime }> {
		const janeId = contactWithEmail(sandbox, JANE)?.id as string;
		addPastMeetings(sandbox, janeId, 150);
		const start = DateTime.fromISO('2026-11-02T11:00', { zone: NY });
		const id = await createMeetingFor(sandbox, janeId, start, 'Booked after many calls');
		return { id, start };
	}

	it('by email and start', async () => {
		const { id } = await meetingOnPageTwo();
		const result = await runScheduling(sandbox, {
			operation: 'cancel',
			startTime: '2026-11-02 11:00',
			email: JANE,
		});

		expect(outputJson(result)[0]).toMatchObject({ cancelled: true, meetingId: id });
		expect(meeting(id).archived).toBe(true);
	});

	it('by meeting ID with the email that must own it', async () => {
		const { id } = await meetingOnPageTwo();
		const result = await runScheduling(sandbox, {
			operation: 'cancel',
			meetingId: id,
			email: JANE,
		});

		expect(outputJson(result)[0]).toMatchObject({ cancelled: true, meetingId: id });
		expect(meeting(id).archived).toBe(true);
	});
});
