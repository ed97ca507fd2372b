import type { Sandbox } from '../../sandbox/server';
import {
	type AvailabilityBody,
	type CrmObject,
	READONLY,
	call,
	testClock,
	withSandbox,
} from './helpers';

const BOOK = '/scheduler/v3/meetings/meeting-links/book';
const utc = (iso: string) => Date.parse(iso);

interface BookingBody {
	calendarEventId: string;
	start: string;
	end: string;
	duration: number;
	contactId: string;
	bookingTimezone: string;
	isOffline: boolean;
	subject: string;
	guestEmails: string[];
}

interface LinkList {
	total: number;
	results: Array<{
		id: string;
		slug: string;
		type: string;
		organizerUserId: string;
		userIdsOfLinkMembers: string[];
	}>;
	paging?: { next: { after: string } };
}

interface BookingInfo {
	linkId: string;
	linkType: string;
	isOffline: boolean;
	customParams: {
		availability: Record<string, unknown>;
		durations: number[];
		meetingBufferTime: number;
		startTimeIncrementMinutes: string;
		weeksToAdvertise: number;
		guestSettings: { canAddGuests: boolean; maxGuestCount: number };
		formFields: Array<{ name: string; isRequired: boolean; isCustom: boolean }>;
	};
	allUsersBusyTimes: unknown[];
	linkAvailability?: unknown;
}

/** Wednesday 4 March 2026, 09:00 in New York. */
const NOW = '2026-03-04T14:00:00.000Z';

describe('scheduler', () => {
	const clock = testClock(NOW);
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await withSandbox({ now: clock.now });
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		clock.set(NOW);
		sandbox.reset();
	});

	const booking = (overrides: Record<string, unknown> = {}) => ({
		slug: 'alex-demo',
		firstName: 'Riley',
		lastName: 'Caller',
		email: 'riley.caller@acme.test',
		startTime: utc('2026-03-04T15:00:00Z'),
		duration: 1_800_000,
		formFields: [],
		legalConsentResponses: [],
		likelyAvailableUserIds: [],
		guestEmails: [],
		...overrides,
	});

	const bookNow = (overrides: Record<string, unknown> = {}, timezone = 'America%2FNew_York') =>
		call<BookingBody>(sandbox, 'POST', `${BOOK}?timezone=${timezone}`, {
			body: booking(overrides),
		});

	async function alexSlots(durationMs = 1_800_000): Promise<string[]> {
		const reply = await call<AvailabilityBody>(
			sandbox,
			'GET',
			`${BOOK}/availability-page/alex-demo?timezone=America%2FNew_York`,
		);
		return (
			reply.body.linkAvailability?.linkAvailabilityByDuration[String(durationMs)].availabilities ??
			[]
		).map((s) => new Date(s.startMillisUtc).toISOString());
	}

	it('lists meeting links with total and paging', async () => {
		const first = await call<LinkList>(
			sandbox,
			'GET',
			'/scheduler/v3/meetings/meeting-links?limit=2',
		);
		expect(first.body.total).toBe(7);
		expect(first.body.results.map((l) => l.slug)).toEqual(['alex-demo', 'team/ai-booked-call']);
		expect(first.body.paging?.next.after).toBe('2');
		const team = await call<LinkList>(
			sandbox,
			'GET',
			'/scheduler/v3/meetings/meeting-links?type=ROUND_ROBIN_CALENDAR',
		);
		expect(team.body.results).toEqual([
			expect.objectContaining({
				slug: 'team/ai-booked-call',
				organizerUserId: '1100002',
				userIdsOfLinkMembers: ['1100002', '1100005'],
			}),
		]);
	});

	it('serves booking info with availability minutes, durations in ms and form fields', async () => {
		const reply = await call<BookingInfo>(
			sandbox,
			'GET',
			`${BOOK}/alex-demo?timezone=America%2FNew_York`,
		);
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({
			linkId: '3779484',
			linkType: 'PERSONAL_LINK',
			isOffline: false,
			customParams: {
				// Spec (ExternalClosedRange): one {start, end} per key, not an array.
				availability: { MON_FRI: { start: 540, end: 1020 } },
				durations: [900_000, 1_800_000, 3_600_000],
				meetingBufferTime: 900_000,
				startTimeIncrementMinutes: 'FIFTEEN',
				weeksToAdvertise: 6,
				guestSettings: { canAddGuests: true, maxGuestCount: 5 },
			},
		});
		expect(reply.body.customParams.formFields.map((f) => [f.name, f.isRequired])).toEqual([
			['firstname', true],
			['lastname', true],
			['email', true],
			['phone', false],
		]);
		expect(reply.body.linkAvailability).toBeDefined();
	});

	it("serves the guide example's array shape for the one fixture link set to it (no-guests)", async () => {
		const reply = await call<BookingInfo>(sandbox, 'GET', `${BOOK}/no-guests?timezone=UTC`);
		expect(reply.body.customParams.availability).toEqual({
			MONDAY: [{ start: 600, end: 960 }],
			TUESDAY: [{ start: 600, end: 960 }],
			WEDNESDAY: [{ start: 600, end: 960 }],
			THURSDAY: [{ start: 600, end: 960 }],
		});
	});

	it('finds a team slug only when its "/" is %2F-encoded in the path', async () => {
		const encoded = await call<BookingInfo>(
			sandbox,
			'GET',
			`${BOOK}/team%2Fai-booked-call?timezone=Europe%2FLondon`,
		);
		expect(encoded.body.linkType).toBe('ROUND_ROBIN_CALENDAR');
		for (const path of [
			`${BOOK}/team/ai-booked-call?timezone=UTC`,
			`${BOOK}/availability-page/team/ai-booked-call?timezone=UTC`,
			`${BOOK}/ai-booked-call?timezone=UTC`,
		]) {
			const raw = await call(sandbox, 'GET', path);
			expect([raw.status, raw.body.message]).toEqual([404, 'slug does not exist']);
		}
	});

	it('books a free slot: contact, SCHEDULED meeting owned by the organizer, association', async () => {
		const reply = await bookNow({ formFields: [{ name: 'phone', value: '+1 917 555 0123' }] });
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({
			start: '2026-03-04T15:00:00Z',
			end: '2026-03-04T15:30:00Z',
			duration: 1_800_000,
			bookingTimezone: 'America/New_York',
			isOffline: false,
			subject: 'Product Demo',
			guestEmails: [],
		});
		expect(reply.body.calendarEventId).toMatch(/^[0-9a-f]{26}$/);
		const contact = await call<CrmObject>(
			sandbox,
			'GET',
			`/crm/v3/objects/contacts/${reply.body.contactId}?properties=email,phone,hs_searchable_calculated_phone_number&associations=meetings`,
		);
		expect(contact.body.properties).toMatchObject({
			email: 'riley.caller@acme.test',
			phone: '+1 917 555 0123',
			hs_searchable_calculated_phone_number: '9175550123',
		});
		const meetingId = contact.body.associations?.meetings.results[0].id ?? '';
		const meeting = await call<CrmObject>(
			sandbox,
			'GET',
			`/crm/v3/objects/meetings/${meetingId}?properties=hs_meeting_outcome,hs_meeting_source,hubspot_owner_id,hs_meeting_start_time,hs_meeting_end_time,hs_activity_type,hs_meeting_location`,
		);
		expect(meeting.body.properties).toMatchObject({
			hs_meeting_outcome: 'SCHEDULED',
			hs_meeting_source: 'INTEGRATION',
			hubspot_owner_id: '51000001',
			hs_meeting_start_time: '2026-03-04T15:00:00.000Z',
			hs_meeting_end_time: '2026-03-04T15:30:00.000Z',
			hs_activity_type: 'Demo',
			hs_meeting_location: 'Zoom',
		});
	});

	it('stops offering a booked slot and its overlaps (buffer included), and refuses to book it again', async () => {
		expect(await alexSlots()).toEqual(
			expect.arrayContaining(['2026-03-04T15:00:00.000Z', '2026-03-04T15:45:00.000Z']),
		);
		await bookNow();
		const after = await alexSlots();
		expect(after).not.toContain('2026-03-04T15:00:00.000Z');
		expect(after).not.toContain('2026-03-04T15:15:00.000Z');
		expect(after).not.toContain('2026-03-04T15:30:00.000Z');
		expect(after).toContain('2026-03-04T15:45:00.000Z');
		const again = await bookNow({ email: 'second@acme.test' });
		expect(again.status).toBe(400);
		expect(again.body).toMatchObject({
			message: 'Start time must be contained in availability settings',
			subCategory: 'MeetingsBookingSchedulingError.MEETING_START_TIME_NOT_VALID',
		});
	});

	it('with a side-effect delay: the slot is busy at once, the contact, meeting and association appear later', async () => {
		await call(sandbox, 'POST', '/__sandbox/config', { body: { bookingEffectsDelayMs: 300 } });
		const reply = await bookNow();
		expect(reply.status).toBe(200);
		const contactPath = `/crm/objects/2026-09/contacts/${reply.body.contactId}?associations=meetings`;
		expect((await call(sandbox, 'GET', contactPath)).status).toBe(404);
		expect(await alexSlots()).not.toContain('2026-03-04T15:00:00.000Z');
		const again = await bookNow({ email: 'second@acme.test' });
		expect(again.body).toMatchObject({
			subCategory: 'MeetingsBookingSchedulingError.MEETING_START_TIME_NOT_VALID',
		});

		const contact = await eventually(async () => {
			const found = await call<CrmObject>(sandbox, 'GET', contactPath);
			return found.status === 200 ? found.body : undefined;
		});
		expect(contact.id).toBe(reply.body.contactId);
		expect(contact.associations?.meetings.results).toHaveLength(1);
		expect(await alexSlots()).not.toContain('2026-03-04T15:00:00.000Z');
		expect(sandbox.state.bookings[0].meetingId).toBe(contact.associations?.meetings.results[0].id);
	});

	it("on the 2026-09 path takes the spec's units only: startTime an ISO string, duration integer ms, the spec's required arrays", async () => {
		const dated = (overrides: Record<string, unknown>) =>
			call(sandbox, 'POST', '/scheduler/2026-09/meetings/meeting-links/book?timezone=UTC', {
				body: booking(overrides),
			});
		const epochStart = await dated({});
		expect(epochStart.status).toBe(400);
		expect(epochStart.body).toMatchObject({
			category: 'VALIDATION_ERROR',
			message: expect.stringContaining('startTime'),
		});
		const stringDuration = await dated({ startTime: '2026-03-04T15:00:00Z', duration: '1800000' });
		expect(stringDuration.body.message).toContain('duration');
		const minutes = await dated({ startTime: '2026-03-04T15:00:00Z', duration: 30 });
		expect(minutes.body).toMatchObject({
			subCategory: 'MeetingsBookingSchedulingError.MEETING_DURATION_NOT_VALID',
		});
		const withoutConsent = await dated({
			startTime: '2026-03-04T15:00:00Z',
			legalConsentResponses: undefined,
		});
		expect(withoutConsent.body.message).toContain('legalConsentResponses');
		const ok = await dated({ startTime: '2026-03-04T10:00:00-05:00' });
		expect(ok.status).toBe(200);
	});

	it('frees the slot again when the booked meeting is archived or canceled', async () => {
		const first = await bookNow();
		const meetingId = sandbox.state.associations.meetingsOf(first.body.contactId)[0];
		await call(sandbox, 'PATCH', `/crm/v3/objects/meetings/${meetingId}`, {
			body: { properties: { hs_meeting_outcome: 'CANCELED' } },
		});
		expect(await alexSlots()).toContain('2026-03-04T15:00:00.000Z');
		await call(sandbox, 'PATCH', `/crm/v3/objects/meetings/${meetingId}`, {
			body: { properties: { hs_meeting_outcome: 'SCHEDULED' } },
		});
		expect(await alexSlots()).not.toContain('2026-03-04T15:00:00.000Z');
		await call(sandbox, 'DELETE', `/crm/v3/objects/meetings/${meetingId}`);
		expect(await alexSlots()).toContain('2026-03-04T15:00:00.000Z');
	});

	it('updates an existing contact instead of creating a second one', async () => {
		const reply = await bookNow({
			email: 'Bob.Smith@globex.test',
			firstName: 'Robert',
			lastName: 'Smith',
		});
		expect(reply.body.contactId).toBe(sandbox.state.contactByEmail('bob.smith@globex.test')?.id);
		expect(sandbox.state.contactByEmail('bob.smith@globex.test')?.properties.firstname).toBe(
			'Robert',
		);
	});

	it('accepts team slugs raw in the body and rotates round-robin members until both are busy', async () => {
		const team = (email: string) =>
			bookNow(
				{ slug: 'team/ai-booked-call', email, startTime: utc('2026-03-04T15:00:00Z') },
				'Europe%2FLondon',
			);
		const first = await team('a@acme.test');
		const second = await team('b@acme.test');
		const third = await team('c@acme.test');
		expect([first.status, second.status, third.status]).toEqual([200, 200, 400]);
		expect(sandbox.state.bookings.map((b) => b.assignedUserId)).toEqual(['1100002', '1100005']);
	});

	it('books offline: 200 with isOffline and an empty calendarEventId, a contact but no meeting', async () => {
		const reply = await bookNow(
			{ slug: 'offline-rep', startTime: utc('2026-03-04T15:00:00Z') },
			'America%2FChicago',
		);
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({
			isOffline: true,
			calendarEventId: '',
			start: '2026-03-04T15:00:00Z',
		});
		expect(sandbox.state.contactByEmail('riley.caller@acme.test')?.id).toBe(reply.body.contactId);
		expect(sandbox.state.associations.meetingsOf(reply.body.contactId)).toEqual([]);
		expect(sandbox.state.bookings[0]).toMatchObject({ isOffline: true, meetingId: null });
	});

	it.each([
		[
			'an unknown slug',
			{ slug: 'nobody' },
			404,
			{ message: 'slug does not exist', category: 'OBJECT_NOT_FOUND' },
		],
		[
			'an empty last name',
			{ lastName: '' },
			400,
			{ category: 'VALIDATION_ERROR', message: 'lastName is required and must not be empty' },
		],
		[
			'a spam-filtered email',
			{ email: 'testuser@example.com' },
			400,
			{ category: 'VALIDATION_ERROR', subCategory: 'MeetingsBookingCreatedError.INVALID_EMAIL' },
		],
		[
			'a policy-blocked email',
			{ email: 'someone@blocked.test' },
			400,
			{ subCategory: 'MeetingsBookingCreatedError.BLOCKED_EMAIl' },
		],
		[
			'guests on a link without guests',
			{ slug: 'no-guests', guestEmails: ['guest@acme.test'] },
			400,
			{ subCategory: 'MeetingsBookingCreatedError.INVALID_EMAIL_GUESTS' },
		],
		[
			'too many guests',
			{ guestEmails: ['1@a.test', '2@a.test', '3@a.test', '4@a.test', '5@a.test', '6@a.test'] },
			400,
			{ subCategory: 'MeetingsBookingCreatedError.INVALID_EMAIL_GUESTS' },
		],
		[
			'a duration in minutes',
			{ duration: 30 },
			400,
			{
				category: 'VALIDATION_ERROR',
				subCategory: 'MeetingsBookingSchedulingError.MEETING_DURATION_NOT_VALID',
			},
		],
		[
			'a start in the past',
			{ startTime: utc('2026-03-03T15:00:00Z') },
			400,
			{ subCategory: 'MeetingsBookingSchedulingError.MEETING_START_TIME_NOT_VALID' },
		],
		[
			'a start inside the minimum notice',
			{ startTime: utc('2026-03-04T14:30:00Z') },
			400,
			{ subCategory: 'MeetingsBookingSchedulingError.MEETING_START_TIME_NOT_VALID' },
		],
		[
			'a start off the 15-minute grid',
			{ startTime: utc('2026-03-04T15:05:00Z') },
			400,
			{ subCategory: 'MeetingsBookingSchedulingError.MEETING_START_TIME_NOT_VALID' },
		],
		[
			'a start in the organizer’s lunch',
			{ startTime: utc('2026-03-04T17:00:00Z') },
			400,
			{ message: 'Start time must be contained in availability settings' },
		],
		[
			'a missing custom form field',
			{ slug: 'no-guests', duration: 2_700_000, startTime: utc('2026-03-09T09:00:00Z') },
			400,
			{ message: 'required form field company_size does not have a corresponding value' },
		],
	])('rejects %s', async (_case, overrides, status, body) => {
		const reply = await bookNow(overrides);
		expect(reply.status).toBe(status);
		expect(reply.body).toMatchObject({ status: 'error', ...body });
		expect(sandbox.state.bookings).toEqual([]);
	});

	it('books no-guests once the custom field is filled', async () => {
		const reply = await bookNow(
			{
				slug: 'no-guests',
				duration: 2_700_000,
				startTime: utc('2026-03-09T09:00:00Z'),
				formFields: [{ name: 'company_size', value: '11-50' }],
			},
			'Europe%2FBerlin',
		);
		expect(reply.status).toBe(200);
		expect(sandbox.state.contactByEmail('riley.caller@acme.test')?.properties.company_size).toBe(
			'11-50',
		);
	});

	it('needs a write scope to book', async () => {
		const reply = await call(sandbox, 'POST', `${BOOK}?timezone=America%2FNew_York`, {
			token: READONLY,
			body: booking(),
		});
		expect(reply.status).toBe(403);
		expect(reply.body.errors?.[0].context?.requiredScopes).toContain('crm.objects.contacts.write');
	});

	it('acts on a booking whose answer is lost (applyEffect), so a blind retry cannot double-book', async () => {
		sandbox.faults.add({ method: 'POST', path: BOOK, action: { status: 502 }, applyEffect: true });
		const lost = await bookNow();
		expect(lost.status).toBe(502);
		expect(lost.body).toMatchObject({ status: 'error', message: 'Bad Gateway' });
		const retry = await bookNow();
		expect(retry.status).toBe(400);
		expect(sandbox.state.bookings).toHaveLength(1);
	});

	it('fails before acting by default', async () => {
		sandbox.faults.add({ method: 'POST', path: BOOK, action: { status: 503 } });
		expect((await bookNow()).status).toBe(503);
		expect(sandbox.state.bookings).toHaveLength(0);
		expect((await bookNow()).status).toBe(200);
	});
});

/** Asks until `probe` returns something (the sandbox's delayed effects run on real timers). */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
	for (let attempt = 0; attempt < 100; attempt++) {
		const value = await probe();
		if (value !== undefined) return value;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error('the expected state never appeared');
}
