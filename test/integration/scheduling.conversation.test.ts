import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';
import type { RunResult } from '../harness/engine';
import { closeEngineRuntime } from '../harness/runtime';
import { accessTokenOf, connectOAuth2 } from '../harness/sandboxOAuth';
import type { OAuthCredential } from '../harness/sandboxOAuth';
import {
	activeMeetingsOfContact,
	contactsWithEmail,
	meetingsOfContact,
	startOf,
} from '../operations/helpers/sandboxRecords';
import {
	outputJson,
	runScheduling,
	serviceKeyCredential,
	slug,
	startPinnedSandbox,
} from '../operations/helpers/schedulingRun';

/**
 * A caller phones an AI receptionist. Each step is one tool call, so one execution of the node in
 * n8n's engine, the way a voice platform drives it: who is calling, when can they come, book it,
 * (the platform retries the booking), move it, cancel it.
 */

const CALLER = {
	phone: '+1 (415) 555-0177',
	email: 'maria.lopez@acme.test',
	fullName: 'Maria Lopez',
};
const JANE = 'jane.doe@acme-corp.test';

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

type Credential = ReturnType<typeof serviceKeyCredential> | OAuthCredential;

/** Runs one tool call and keeps the credential n8n stored afterwards (a refreshed OAuth2 token). */
class Conversation {
	constructor(private credential: Credential) {}

	async call(parameters: INodeParameters): Promise<IDataObject> {
		const result: RunResult = await runScheduling(sandbox, parameters, {
			credentials: this.credential,
		});
		if (result.status !== 'success')
			throw new Error(`${String(parameters.operation)} failed: ${result.error?.message}`);
		const after = result.credentialsAfter[this.credential.type];
		this.credential = { ...this.credential, data: after } as Credential;
		return outputJson(result)[0];
	}

	get current(): Credential {
		return this.credential;
	}
}

function apiRequests() {
	return sandbox.requestLog().filter((entry) => !entry.path.startsWith('/oauth/'));
}

const credentials: Array<[string, () => Promise<Credential>]> = [
	['a service key', async () => serviceKeyCredential(sandbox)],
	['OAuth2', async () => await connectOAuth2(sandbox)],
];

describe.each(credentials)('A booking conversation with %s', (_name, connect) => {
	it('looks up, offers times, books once despite a retry, moves and cancels the booking', async () => {
		const conversation = new Conversation(await connect());
		const contactsBefore = sandbox.state.contacts.size;
		const janeMeetingsBefore = meetingsOfContact(sandbox, contactsWithEmail(sandbox, JANE)[0].id);

		const who = await conversation.call({ operation: 'lookupContact', phone: CALLER.phone });
		expect(who).toMatchObject({ found: false, context: '', phoneE164: '+14155550177' });

		const offer = await conversation.call({
			operation: 'getSlots',
			meetingLink: slug('alex-demo'),
			startDate: 'tomorrow',
			duration: 30,
		});
		const slots = offer.slots as Array<{ start: string; label: string }>;
		expect(offer.speech).toBe(
			'Available on Friday, October 30 at 9:00 AM, 10:00 AM, 11:00 AM, 1:15 PM, or 3:15 PM. There are 12 more times as well.',
		);
		const chosen = slots[4];

		const booking = {
			operation: 'book',
			meetingLink: slug('alex-demo'),
			startTime: chosen.start,
			email: CALLER.email,
			fullName: CALLER.fullName,
			phone: CALLER.phone,
			options: { duration: 30 },
		};
		const booked = await conversation.call(booking);
		expect(booked).toMatchObject({
			booked: true,
			alreadyBooked: false,
			start: chosen.start,
			durationMinutes: 30,
		});
		const retried = await conversation.call(booking);
		expect(retried).toMatchObject({
			booked: true,
			alreadyBooked: true,
			contactId: booked.contactId,
			start: chosen.start,
		});

		const later = slots[slots.length - 1];
		const moved = await conversation.call({
			operation: 'reschedule',
			meetingLink: slug('alex-demo'),
			email: CALLER.email,
			currentStartTime: chosen.start,
			newStartTime: later.start,
		});
		expect(moved).toMatchObject({
			rescheduled: true,
			start: later.start,
			durationMinutes: 30,
			speech: `Done: you're booked for ${later.label}, and your meeting on ${chosen.label} is cancelled in our system.`,
		});

		const known = await conversation.call({ operation: 'lookupContact', phone: CALLER.phone });
		expect(known).toMatchObject({
			found: true,
			contactId: booked.contactId,
			firstName: 'Maria',
			lastName: 'Lopez',
			phone: '+14155550177',
			context: `The caller is Maria Lopez (maria.lopez@acme.test). Upcoming: ${later.label} - Product Demo.`,
		});

		const cancelled = await conversation.call({
			operation: 'cancel',
			startTime: later.start,
			email: CALLER.email,
		});
		expect(cancelled).toMatchObject({ cancelled: true, start: later.start });

		// Nothing doubled, nothing lost, the right meeting cancelled.
		const [maria, ...duplicates] = contactsWithEmail(sandbox, CALLER.email);
		expect(duplicates).toEqual([]);
		expect(sandbox.state.contacts.size).toBe(contactsBefore + 1);
		expect(maria.properties).toMatchObject({
			firstname: 'Maria',
			lastname: 'Lopez',
			phone: '+14155550177',
		});
		const mariasMeetings = meetingsOfContact(sandbox, maria.id);
		expect(mariasMeetings.map((meeting) => [startOf(meeting), meeting.archived])).toEqual([
			[Date.parse(chosen.start), true],
			[Date.parse(later.start), true],
		]);
		expect(moved.previousMeetingId).toBe(mariasMeetings[0].id);
		expect(cancelled.meetingId).toBe(mariasMeetings[1].id);
		expect(activeMeetingsOfContact(sandbox, maria.id)).toEqual([]);
		expect(meetingsOfContact(sandbox, contactsWithEmail(sandbox, JANE)[0].id)).toEqual(
			janeMeetingsBefore,
		);
		expect(
			apiRequests().every(
				(entry) =>
					entry.authKind ===
					(conversation.current.type === 'hubSpotSchedulingOAuth2Api' ? 'oauth' : 'service-key'),
			),
		).toBe(true);
	});
});

describe('OAuth2 token expiry', () => {
	it('refreshes a token that expired between two calls and goes on', async () => {
		const conversation = new Conversation(await connectOAuth2(sandbox));
		const firstToken = accessTokenOf((conversation.current as OAuthCredential).data);
		await conversation.call({
			operation: 'getSlots',
			meetingLink: slug('alex-demo'),
			startDate: 'tomorrow',
		});

		await fetch(`${sandbox.url}/__sandbox/tokens/expire`, { method: 'POST' });
		sandbox.clearLog();
		const who = await conversation.call({
			operation: 'lookupContact',
			lookupBy: 'email',
			email: JANE,
		});

		expect(who.found).toBe(true);
		const refreshed = accessTokenOf((conversation.current as OAuthCredential).data);
		expect(refreshed).not.toBe(firstToken);
		expect(sandbox.requestLog().map((entry) => [entry.method, entry.path, entry.status])).toEqual([
			['GET', '/crm/objects/2026-09/contacts/jane.doe%40acme-corp.test', 401],
			['POST', '/oauth/2026-09/token', 200],
			['GET', '/crm/objects/2026-09/contacts/jane.doe%40acme-corp.test', 200],
			['POST', '/crm/objects/2026-09/meetings/batch/read', 200],
		]);
		expect(sandbox.requestLog()[1].body).toMatchObject({ grant_type: 'refresh_token' });
	});

	it('asks to reconnect, after one attempt, when the refresh token was revoked', async () => {
		const credential = await connectOAuth2(sandbox);
		const refreshToken = String(credential.data.oauthTokenData.refresh_token);
		await fetch(`${sandbox.url}/oauth/v1/refresh-tokens/${refreshToken}`, { method: 'DELETE' });
		await fetch(`${sandbox.url}/__sandbox/tokens/expire`, { method: 'POST' });
		sandbox.clearLog();

		const result = await runScheduling(
			sandbox,
			{ operation: 'getSlots', meetingLink: slug('alex-demo'), startDate: 'tomorrow' },
			{ credentials: credential },
		);

		expect(result.error?.message).toBe(
			'The credential "hubSpotSchedulingOAuth2Api" needs to be reconnected.',
		);
		expect(sandbox.requestLog().map((entry) => [entry.method, entry.path, entry.status])).toEqual([
			['GET', '/scheduler/2026-09/meetings/meeting-links/book/alex-demo', 401],
			['POST', '/oauth/2026-09/token', 400],
		]);
	});

	it('refreshes a token that expires in the middle of a booking, and books exactly once', async () => {
		const conversation = new Conversation(await connectOAuth2(sandbox));
		sandbox.clearLog();
		// The link is read with a good token; the token dies just before the booking request.
		sandbox.faults.add({
			method: 'POST',
			path: '/scheduler/2026-09/meetings/meeting-links/book',
			times: 1,
			action: { kind: 'expire-token' },
		});
		const booked = await conversation.call({
			operation: 'book',
			meetingLink: slug('alex-demo'),
			startTime: '2026-10-30 10:00',
			email: CALLER.email,
			fullName: CALLER.fullName,
		});

		expect(booked).toMatchObject({ booked: true, alreadyBooked: false });
		expect(sandbox.requestLog().map((entry) => [entry.method, entry.path, entry.status])).toEqual([
			['GET', '/scheduler/2026-09/meetings/meeting-links/book/alex-demo', 200],
			['POST', '/scheduler/2026-09/meetings/meeting-links/book', 401],
			['POST', '/oauth/2026-09/token', 200],
			['POST', '/scheduler/2026-09/meetings/meeting-links/book', 200],
		]);
		const [maria] = contactsWithEmail(sandbox, CALLER.email);
		expect(activeMeetingsOfContact(sandbox, maria.id)).toHaveLength(1);
	});
});

/**
 * What each operation costs on its normal path, in HubSpot calls. These are the figures the README
 * states; a change here is a change to the documented behaviour.
 */
describe('HubSpot calls per operation on the normal path', () => {
	const book = {
		operation: 'book',
		meetingLink: slug('alex-demo'),
		startTime: '2026-10-30 10:00',
		email: CALLER.email,
		fullName: CALLER.fullName,
	};
	const cases: Array<{
		what: string;
		prepare?: INodeParameters;
		parameters: INodeParameters;
		calls: number;
	}> = [
		{
			what: 'Get Slots, days in one month',
			parameters: { operation: 'getSlots', meetingLink: slug('alex-demo'), startDate: 'tomorrow' },
			calls: 1,
		},
		{
			what: 'Get Slots, days in two months',
			parameters: {
				operation: 'getSlots',
				meetingLink: slug('alex-demo'),
				startDate: 'tomorrow',
				daysAhead: 7,
			},
			calls: 2,
		},
		{ what: 'Book, meeting link', parameters: book, calls: 2 },
		{
			what: 'Book, meeting link, with phone (link asks for it)',
			parameters: { ...book, phone: CALLER.phone },
			calls: 2,
		},
		{
			// A round-robin link whose form has no phone question: the guest's contact is read first,
			// the guest's meetings at that start are searched after booking (copies of the request in
			// other processes), and the phone takes one more call.
			what: 'Book, round-robin link, with phone (link does not ask)',
			parameters: {
				...book,
				meetingLink: slug('team/ai-booked-call'),
				startTime: '2026-10-30T09:00:00Z',
				phone: CALLER.phone,
			},
			calls: 5,
		},
		{ what: 'Book, retried (already booked)', prepare: book, parameters: book, calls: 4 },
		{
			what: 'Book, CRM record, new contact',
			parameters: { ...book, method: 'crmRecord' },
			calls: 6,
		},
		{
			what: 'Book, CRM record, existing contact without meetings',
			parameters: {
				...book,
				method: 'crmRecord',
				email: 'bob.smith@globex.test',
				fullName: 'Bob Smith',
				startTime: '2026-10-30 11:30',
			},
			calls: 5,
		},
		{
			what: 'Cancel by email and start',
			parameters: { operation: 'cancel', email: JANE, startTime: '2026-10-31 10:00' },
			calls: 3,
		},
		{
			what: 'Cancel by meeting ID',
			parameters: { operation: 'cancel', meetingId: '81234567001' },
			calls: 2,
		},
		{
			what: 'Cancel by phone and start',
			parameters: { operation: 'cancel', phone: '+1 415 555 0100', startTime: '2026-10-31 10:00' },
			calls: 4,
		},
		{
			what: 'Cancel by start and meeting link (no email, no phone)',
			parameters: {
				operation: 'cancel',
				meetingLink: slug('alex-demo'),
				startTime: '2026-10-31 10:00',
			},
			calls: 5,
		},
		{
			what: 'Reschedule',
			parameters: {
				operation: 'reschedule',
				meetingLink: slug('alex-demo'),
				email: JANE,
				currentStartTime: '2026-10-31 10:00',
				newStartTime: '2026-10-30 10:00',
			},
			calls: 6,
		},
		{
			what: 'Lookup Contact by phone',
			parameters: { operation: 'lookupContact', phone: '+1 415 555 0100' },
			calls: 3,
		},
		{
			what: 'Lookup Contact by phone, no meetings wanted',
			parameters: { operation: 'lookupContact', phone: '+1 415 555 0100', maxMeetings: 0 },
			calls: 1,
		},
		{
			what: 'Lookup Contact by phone, new caller',
			parameters: { operation: 'lookupContact', phone: '+1 415 555 0199' },
			calls: 1,
		},
		{
			what: 'Lookup Contact by email',
			parameters: { operation: 'lookupContact', lookupBy: 'email', email: JANE },
			calls: 2,
		},
	];

	it('matches the documented table', async () => {
		const measured: Array<{ what: string; calls: number }> = [];
		for (const { what, prepare, parameters } of cases) {
			sandbox.reset();
			if (prepare) await runScheduling(sandbox, prepare);
			sandbox.clearLog();
			const result = await runScheduling(sandbox, parameters);
			expect({ what, status: result.status, error: result.error?.message }).toEqual({
				what,
				status: 'success',
				error: undefined,
			});
			measured.push({ what, calls: sandbox.requestLog().length });
		}

		expect(measured).toEqual(cases.map(({ what, calls }) => ({ what, calls })));
	});
});
