/**
 * The live check's one scripted conversation, the way a voice agent drives the node: list the
 * meeting links, read the link's booking info and availability, book the first free slot for a test
 * contact, look the contact and its meetings up, cancel (archive) the meeting. Along the way it
 * answers the README's "not confirmed on a live portal" questions from what the portal did.
 */
import { bookingTimeFields } from '../../nodes/shared/hubspot/scheduler';
import { paths } from '../../nodes/shared/transport/paths';
import { type CallOptions, ExchangeClient } from './exchangeClient';

export interface LiveCheckOptions {
	baseUrl: string;
	token: string;
	slug: string;
	zone: string;
	guestEmail: string;
	/** How long to wait for the booking's CRM meeting to become readable. */
	sideEffectTimeoutMs?: number;
	log?: (line: string) => void;
}

export interface Observation {
	question: string;
	answer: string;
}

export interface LiveCheckResult {
	observations: Observation[];
	client: ExchangeClient;
	booked: boolean;
}

const GUEST = { firstName: 'Live', lastName: 'Check' };
const CONTACT_PROPERTIES = ['firstname', 'lastname', 'email', 'phone'];
const MEETING_PROPERTIES = [
	'hs_meeting_title',
	'hs_meeting_start_time',
	'hs_meeting_end_time',
	'hs_meeting_outcome',
];

type Json = Record<string, unknown>;

function asObject(value: unknown): Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Json)
		: {};
}

function describeType(value: unknown): string {
	if (Array.isArray(value)) return 'array';
	return value === null ? 'null' : typeof value;
}

function firstSlot(page: unknown, durationMs: number, notBefore: number): number | undefined {
	const byDuration = asObject(asObject(asObject(page).linkAvailability).linkAvailabilityByDuration);
	const slots = asObject(byDuration[String(durationMs)]).availabilities;
	if (!Array.isArray(slots)) return undefined;
	return slots
		.map((slot) => Number(asObject(slot).startMillisUtc))
		.filter((start) => Number.isFinite(start) && start >= notBefore)
		.sort((a, b) => a - b)[0];
}

function hasSlot(page: unknown, durationMs: number, start: number): boolean {
	return firstSlot(page, durationMs, start) === start;
}

/** One conversation's state: the client, what was observed, and the facts later steps need. */
class Conversation {
	readonly client: ExchangeClient;
	readonly observations: Observation[] = [];

	constructor(readonly options: LiveCheckOptions) {
		this.client = new ExchangeClient(options.baseUrl, options.token);
	}

	observe(question: string, answer: string): void {
		this.observations.push({ question, answer });
		this.options.log?.(`- ${question}\n    ${answer}`);
	}

	async ok(step: string, method: string, path: string, options: CallOptions = {}): Promise<Json> {
		const result = await this.client.call(step, method, path, options);
		if (result.status >= 300)
			throw new Error(
				`${step} answered HTTP ${result.status}: ${JSON.stringify(result.body).slice(0, 400)}`,
			);
		return asObject(result.body);
	}
}

export async function runLiveConversation(options: LiveCheckOptions): Promise<LiveCheckResult> {
	const talk = new Conversation(options);
	const done = (booked: boolean) => ({
		observations: talk.observations,
		client: talk.client,
		booked,
	});
	await listLinks(talk);
	const settings = await readBookingInfo(talk);
	const durations = Array.isArray(settings.durations) ? settings.durations.map(Number) : [];
	const durationMs = durations[0];
	if (!durationMs) throw new Error('booking info lists no durations');
	const start = await findSlot(talk, durationMs);
	if (start === undefined) return done(false);
	await refusedBooking(talk, durationMs, settings);
	const booked = await book(talk, start, durationMs, settings);
	if (!booked) return done(false);
	const meetingId = await findBookedMeeting(talk, start);
	await readAssociations(talk, String(booked.contactId));
	if (meetingId !== undefined) await cancel(talk, meetingId, start, durationMs);
	return done(true);
}

async function listLinks(talk: Conversation): Promise<void> {
	const links = await talk.ok('list links', 'GET', paths.meetingLinks(), {
		query: { limit: '100' },
	});
	const listed = Array.isArray(links.results)
		? links.results.map((link) => asObject(link).slug)
		: [];
	talk.observe(
		"Is the test link among the token's meeting links (GET meeting-links)?",
		listed.includes(talk.options.slug)
			? 'yes'
			: `no (${listed.length} links listed on the first page)`,
	);
}

async function readBookingInfo(talk: Conversation): Promise<Json> {
	const info = await talk.ok('booking info', 'GET', paths.bookingInfo(talk.options.slug), {
		query: { timezone: talk.options.zone },
	});
	const settings = asObject(info.customParams);
	const availability = asObject(settings.availability);
	const shapes = [...new Set(Object.values(availability).map(describeType))];
	talk.observe(
		'Shape of customParams.availability (spec: one {start, end} object per key; guide: an array)?',
		shapes.length === 0
			? 'no entries'
			: `${shapes.join(' and ')} per key (keys: ${Object.keys(availability).join(', ')})`,
	);
	talk.observe(
		'Does booking info carry a link time zone (customParams.timezone is not in the spec)?',
		'timezone' in settings ? `yes: ${JSON.stringify(settings.timezone)}` : 'no',
	);
	const consent = asObject(settings.legalConsentOptions);
	const required = requiredCheckboxes(settings).length;
	talk.observe(
		'Legal consent on the link (legalConsentEnabled, processingConsentType)?',
		`${String(settings.legalConsentEnabled)}, ${String(consent.processingConsentType ?? 'none')}; required checkboxes: ${required}`,
	);
	return settings;
}

/** The first free slot at least an hour away, this month or next. */
async function findSlot(talk: Conversation, durationMs: number): Promise<number | undefined> {
	let page: Json = {};
	for (const monthOffset of ['0', '1']) {
		page = await talk.ok('availability', 'GET', paths.availabilityPage(talk.options.slug), {
			query: { timezone: talk.options.zone, monthOffset },
		});
		const start = firstSlot(page, durationMs, Date.now() + 3_600_000);
		if (start !== undefined) {
			talk.observe(
				'Does the availability page list ready-made slots (linkAvailability), keyed by duration in ms?',
				`yes; first slot ${new Date(start).toISOString()} for ${durationMs} ms`,
			);
			return start;
		}
	}
	talk.observe(
		'Does the availability page list ready-made slots (linkAvailability), keyed by duration in ms?',
		`no free slot this month or next (linkAvailability ${page.linkAvailability ? 'present' : 'absent'})`,
	);
	return undefined;
}

/** One deliberate refusal (a start in the past): the error body's fields and their types. */
async function refusedBooking(talk: Conversation, durationMs: number, settings: Json) {
	const refused = await talk.client.call('book in the past', 'POST', paths.book(), {
		query: { timezone: talk.options.zone },
		body: bookingBody(talk.options, Date.UTC(2020, 0, 6, 15), durationMs, settings),
	});
	const refusal = asObject(refused.body);
	talk.observe(
		'Error body of a refused booking (status, category, subCategory type)?',
		`HTTP ${refused.status}, category ${String(refusal.category)}, subCategory ${describeType(refusal.subCategory)} ${JSON.stringify(refusal.subCategory ?? null)}`,
	);
}

/**
 * Books with the time fields the node sends (`bookingTimeFields`: the 2026-09 spec's ISO 8601
 * `startTime` and `duration` in ms), so the portal's answer confirms or refutes the node's form.
 */
async function book(
	talk: Conversation,
	start: number,
	durationMs: number,
	settings: Json,
): Promise<Json | undefined> {
	const booking = await talk.client.call('book', 'POST', paths.book(), {
		query: { timezone: talk.options.zone },
		body: bookingBody(talk.options, start, durationMs, settings),
	});
	const booked = asObject(booking.body);
	talk.observe(
		'Book with startTime as an ISO 8601 date-time and duration in milliseconds, as the node sends them (2026-09 spec; 2026-03 said minutes, v3 field reports sent epoch ms)?',
		booking.status === 200
			? `accepted (duration answered: ${String(booked.duration)})`
			: `refused: HTTP ${booking.status} ${String(booked.subCategory ?? booked.message ?? '')}`,
	);
	if (booking.status !== 200) return undefined;
	talk.observe(
		'Offline booking (isOffline, calendarEventId)?',
		`isOffline ${String(booked.isOffline)}, calendarEventId ${booked.calendarEventId ? 'set' : 'empty'}`,
	);
	return booked;
}

/** Lookup as the node does it (contact by email with its meetings), polled until the booking shows. */
async function findBookedMeeting(talk: Conversation, start: number): Promise<string | undefined> {
	const bookedAt = Date.now();
	const deadline = bookedAt + (talk.options.sideEffectTimeoutMs ?? 30_000);
	let meetingId: string | undefined;
	let contactSeenAfterMs: number | undefined;
	let paged = false;
	for (let attempt = 0; meetingId === undefined && Date.now() < deadline; attempt++) {
		if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
		const contact = await talk.client.call(
			'lookup',
			'GET',
			paths.contactByEmail(talk.options.guestEmail),
			{
				query: {
					idProperty: 'email',
					properties: CONTACT_PROPERTIES.join(','),
					associations: 'meetings',
				},
			},
		);
		if (contact.status !== 200) continue;
		contactSeenAfterMs ??= Date.now() - bookedAt;
		const associated = asObject(asObject(asObject(contact.body).associations).meetings);
		paged ||= asObject(associated.paging).next !== undefined;
		const ids = Array.isArray(associated.results)
			? associated.results.map((entry) => String(asObject(entry).id))
			: [];
		if (ids.length > 0) meetingId = await meetingStartingAt(talk, ids, start);
	}
	talk.observe(
		"Are the booking's side effects (contact, CRM meeting, association) readable as soon as book returns?",
		meetingId === undefined
			? `the meeting was not readable within ${Math.round((deadline - bookedAt) / 1000)} s (contact ${contactSeenAfterMs === undefined ? 'not seen' : `seen after ${contactSeenAfterMs} ms`})`
			: `contact after ${contactSeenAfterMs ?? '?'} ms, meeting and association after ${Date.now() - bookedAt} ms`,
	);
	talk.observe(
		'Did ?associations=meetings page (paging.next.after)?',
		paged ? 'yes' : 'no (one page)',
	);
	return meetingId;
}

async function meetingStartingAt(
	talk: Conversation,
	ids: string[],
	start: number,
): Promise<string | undefined> {
	const meetings = await talk.ok('lookup meetings', 'POST', paths.meetingsBatchRead(), {
		body: { properties: MEETING_PROPERTIES, inputs: ids.map((id) => ({ id })) },
	});
	const match = (Array.isArray(meetings.results) ? meetings.results : [])
		.map(asObject)
		.find(
			(meeting) => Date.parse(String(asObject(meeting.properties).hs_meeting_start_time)) === start,
		);
	return match ? String(match.id) : undefined;
}

/** The association batch read the node uses for Cancel and Reschedule (toObjectId's type). */
async function readAssociations(talk: Conversation, contactId: string): Promise<void> {
	const associations = await talk.client.call(
		'associations',
		'POST',
		paths.contactMeetingAssociationsBatchRead(),
		{ body: { inputs: [{ id: contactId }] } },
	);
	const results = asObject(associations.body).results;
	const firstTo = asObject(
		(Array.isArray(results) ? results : [])
			.map(asObject)
			.flatMap((result) => (Array.isArray(result.to) ? result.to : []))[0],
	);
	talk.observe(
		'Association batch read: type of toObjectId (spec: string; docs examples: number)?',
		associations.status === 200 ? describeType(firstTo.toObjectId) : `HTTP ${associations.status}`,
	);
}

/** Cancel as the node does (archive the CRM meeting), then see whether the slot is offered again. */
async function cancel(
	talk: Conversation,
	meetingId: string,
	start: number,
	durationMs: number,
): Promise<void> {
	const archived = await talk.client.call('cancel', 'DELETE', paths.meeting(meetingId));
	const monthOffset = String(monthsBetween(Date.now(), start, talk.options.zone));
	const after = await talk.ok(
		'availability after cancel',
		'GET',
		paths.availabilityPage(talk.options.slug),
		{ query: { timezone: talk.options.zone, monthOffset } },
	);
	talk.observe(
		"Does archiving the booking's CRM meeting free the slot (and what happens to the calendar event)?",
		`archive HTTP ${archived.status}; slot offered again: ${hasSlot(after, durationMs, start) ? 'yes' : 'no'} (check the organizer's calendar by hand)`,
	);
}

function requiredCheckboxes(settings: Json): Json[] {
	const boxes = asObject(settings.legalConsentOptions).communicationConsentCheckboxes;
	return (Array.isArray(boxes) ? boxes : []).map(asObject).filter((box) => box.required === true);
}

function bookingBody(
	options: LiveCheckOptions,
	startMs: number,
	durationMs: number,
	settings: Json,
) {
	const formFields = (Array.isArray(settings.formFields) ? settings.formFields : [])
		.map(asObject)
		.filter(
			(field) =>
				field.isRequired === true &&
				!['firstname', 'lastname', 'email'].includes(String(field.name)),
		)
		.map((field) => ({ name: String(field.name), value: requiredAnswer(field) }));
	return {
		slug: options.slug,
		firstName: GUEST.firstName,
		lastName: GUEST.lastName,
		email: options.guestEmail,
		...bookingTimeFields(startMs, durationMs),
		guestEmails: [],
		timezone: options.zone,
		locale: 'en-us',
		formFields,
		legalConsentResponses: requiredCheckboxes(settings).map((box) => ({
			communicationTypeId: String(box.communicationTypeId),
			consented: true,
		})),
		likelyAvailableUserIds: [],
	};
}

/** A required form question gets its first option, or a plain test answer. */
function requiredAnswer(field: Json): string {
	const options = Array.isArray(field.options) ? field.options.map(asObject) : [];
	return options.length > 0 ? String(options[0].value) : 'n8n live check';
}

/** monthOffset of `targetMs` counted from the current month, in the link's zone. */
function monthsBetween(nowMs: number, targetMs: number, zone: string): number {
	const month = (ms: number) => {
		const parts = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			year: 'numeric',
			month: 'numeric',
		}).formatToParts(ms);
		const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
		return get('year') * 12 + get('month');
	};
	return month(targetMs) - month(nowMs);
}
