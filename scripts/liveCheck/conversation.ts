/**
 * The live check's one scripted conversation, the way a voice agent drives the node: list the
 * meeting links, read the link's booking info and availability, book the first free slot for a test
 * contact, look the contact and its meetings up, cancel (archive) the meeting. Along the way it
 * answers the README's "not confirmed on a live portal" questions from what the portal did.
 */
import { paths } from '../../nodes/shared/transport/paths';
import { type CallResult, ExchangeClient } from './exchangeClient';

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

export async function runLiveConversation(options: LiveCheckOptions): Promise<LiveCheckResult> {
	const log = options.log ?? (() => undefined);
	const client = new ExchangeClient(options.baseUrl, options.token);
	const observations: Observation[] = [];
	const observe = (question: string, answer: string) => {
		observations.push({ question, answer });
		log(`- ${question}\n    ${answer}`);
	};
	const expectOk = (step: string, result: CallResult) => {
		if (result.status >= 300)
			throw new Error(
				`${step} answered HTTP ${result.status}: ${JSON.stringify(result.body).slice(0, 400)}`,
			);
		return asObject(result.body);
	};

	// 1. List links.
	const links = expectOk(
		'list links',
		await client.call('list links', 'GET', paths.meetingLinks(), { query: { limit: '100' } }),
	);
	const listed = Array.isArray(links.results)
		? links.results.map((link) => asObject(link).slug)
		: [];
	observe(
		"Is the test link among the token's meeting links (GET meeting-links)?",
		listed.includes(options.slug) ? 'yes' : `no (${listed.length} links listed on the first page)`,
	);

	// 2. Booking info.
	const info = expectOk(
		'booking info',
		await client.call('booking info', 'GET', paths.bookingInfo(options.slug), {
			query: { timezone: options.zone },
		}),
	);
	const settings = asObject(info.customParams);
	const availability = asObject(settings.availability);
	const shapes = [...new Set(Object.values(availability).map(describeType))];
	observe(
		'Shape of customParams.availability (spec: one {start, end} object per key; guide: an array)?',
		shapes.length === 0
			? 'no entries'
			: `${shapes.join(' and ')} per key (keys: ${Object.keys(availability).join(', ')})`,
	);
	observe(
		'Does booking info carry a link time zone (customParams.timezone is not in the spec)?',
		'timezone' in settings ? `yes: ${JSON.stringify(settings.timezone)}` : 'no',
	);
	const consent = asObject(settings.legalConsentOptions);
	observe(
		'Legal consent on the link (legalConsentEnabled, processingConsentType)?',
		`${String(settings.legalConsentEnabled)}, ${String(consent.processingConsentType ?? 'none')}; required checkboxes: ${
			Array.isArray(consent.communicationConsentCheckboxes)
				? consent.communicationConsentCheckboxes.filter((box) => asObject(box).required === true)
						.length
				: 0
		}`,
	);
	const durations = Array.isArray(settings.durations) ? settings.durations.map(Number) : [];
	const durationMs = durations[0];
	if (!durationMs) throw new Error('booking info lists no durations');

	// 3. Availability.
	let start: number | undefined;
	let page: unknown;
	for (const monthOffset of ['0', '1']) {
		const result = expectOk(
			'availability',
			await client.call('availability', 'GET', paths.availabilityPage(options.slug), {
				query: { timezone: options.zone, monthOffset },
			}),
		);
		page = result;
		start = firstSlot(result, durationMs, Date.now() + 3_600_000);
		if (start !== undefined) break;
	}
	observe(
		'Does the availability page list ready-made slots (linkAvailability), keyed by duration in ms?',
		start === undefined
			? `no free slot this month or next (linkAvailability ${asObject(page).linkAvailability ? 'present' : 'absent'})`
			: `yes; first slot ${new Date(start).toISOString()} for ${durationMs} ms`,
	);
	if (start === undefined) return { observations, client, booked: false };

	// 4. One deliberate refusal (a start in the past): the error body's fields and their types.
	const refused = await client.call('book in the past', 'POST', paths.book(), {
		query: { timezone: options.zone },
		body: bookingBody(options, Date.UTC(2020, 0, 6, 15), durationMs, settings),
	});
	const refusal = asObject(refused.body);
	observe(
		'Error body of a refused booking (status, category, subCategory type)?',
		`HTTP ${refused.status}, category ${String(refusal.category)}, subCategory ${describeType(refusal.subCategory)} ${JSON.stringify(refusal.subCategory ?? null)}`,
	);

	// 5. Book (duration in ms per the 2026-09 spec, startTime in epoch ms as the guide sends it).
	const booking = await client.call('book', 'POST', paths.book(), {
		query: { timezone: options.zone },
		body: bookingBody(options, start, durationMs, settings),
	});
	const booked = asObject(booking.body);
	observe(
		'Book with duration in milliseconds and startTime in epoch ms (2026-09 spec: duration in ms; 2026-03 said minutes)?',
		booking.status === 200
			? `accepted (duration answered: ${String(booked.duration)})`
			: `refused: HTTP ${booking.status} ${String(booked.subCategory ?? booked.message ?? '')}`,
	);
	if (booking.status !== 200) return { observations, client, booked: false };
	observe(
		'Offline booking (isOffline, calendarEventId)?',
		`isOffline ${String(booked.isOffline)}, calendarEventId ${booked.calendarEventId ? 'set' : 'empty'}`,
	);

	// 6. Lookup: the contact by email with its meetings, polled until the booking's meeting shows.
	const bookedAt = Date.now();
	const deadline = bookedAt + (options.sideEffectTimeoutMs ?? 30_000);
	let meetingId: string | undefined;
	let contactSeenAfterMs: number | undefined;
	let associationPaged = false;
	for (let attempt = 0; meetingId === undefined && Date.now() < deadline; attempt++) {
		if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
		const contact = await client.call('lookup', 'GET', paths.contactByEmail(options.guestEmail), {
			query: {
				idProperty: 'email',
				properties: CONTACT_PROPERTIES.join(','),
				associations: 'meetings',
			},
		});
		if (contact.status !== 200) continue;
		contactSeenAfterMs ??= Date.now() - bookedAt;
		const associated = asObject(asObject(asObject(contact.body).associations).meetings);
		associationPaged ||= asObject(associated.paging).next !== undefined;
		const ids = Array.isArray(associated.results)
			? associated.results.map((entry) => String(asObject(entry).id))
			: [];
		if (ids.length === 0) continue;
		const meetings = expectOk(
			'lookup meetings',
			await client.call('lookup meetings', 'POST', paths.meetingsBatchRead(), {
				body: { properties: MEETING_PROPERTIES, inputs: ids.map((id) => ({ id })) },
			}),
		);
		const match = (Array.isArray(meetings.results) ? meetings.results : [])
			.map(asObject)
			.find(
				(meeting) =>
					Date.parse(String(asObject(meeting.properties).hs_meeting_start_time)) === start,
			);
		meetingId = match ? String(match.id) : undefined;
	}
	const seenAfter = Date.now() - bookedAt;
	observe(
		"Are the booking's side effects (contact, CRM meeting, association) readable as soon as book returns?",
		meetingId === undefined
			? `the meeting was not readable within ${Math.round((deadline - bookedAt) / 1000)} s (contact ${contactSeenAfterMs === undefined ? 'not seen' : `seen after ${contactSeenAfterMs} ms`})`
			: `contact after ${contactSeenAfterMs ?? '?'} ms, meeting and association after ${seenAfter} ms`,
	);
	observe(
		'Did ?associations=meetings page (paging.next.after)?',
		associationPaged ? 'yes' : 'no (one page)',
	);

	// 7. The association batch read the node uses for Cancel and Reschedule (toObjectId type).
	const contactId = String(booked.contactId);
	const associations = await client.call(
		'associations',
		'POST',
		paths.contactMeetingAssociationsBatchRead(),
		{
			body: { inputs: [{ id: contactId }] },
		},
	);
	const firstTo = asObject(
		(Array.isArray(asObject(associations.body).results)
			? (asObject(associations.body).results as unknown[])
			: []
		)
			.map(asObject)
			.flatMap((result) => (Array.isArray(result.to) ? result.to : []))[0],
	);
	observe(
		'Association batch read: type of toObjectId (spec: string; docs examples: number)?',
		associations.status === 200 ? describeType(firstTo.toObjectId) : `HTTP ${associations.status}`,
	);

	// 8. Cancel: archive the CRM meeting, then see whether the slot is offered again.
	if (meetingId !== undefined) {
		const archived = await client.call('cancel', 'DELETE', paths.meeting(meetingId));
		const after = expectOk(
			'availability after cancel',
			await client.call('availability after cancel', 'GET', paths.availabilityPage(options.slug), {
				query: {
					timezone: options.zone,
					monthOffset: String(monthsBetween(Date.now(), start, options.zone)),
				},
			}),
		);
		observe(
			"Does archiving the booking's CRM meeting free the slot (and what happens to the calendar event)?",
			`archive HTTP ${archived.status}; slot offered again: ${hasSlot(after, durationMs, start) ? 'yes' : 'no'} (check the organizer's calendar by hand)`,
		);
	}
	return { observations, client, booked: true };
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
	const consent = asObject(settings.legalConsentOptions);
	const checkboxes = Array.isArray(consent.communicationConsentCheckboxes)
		? consent.communicationConsentCheckboxes
		: [];
	return {
		slug: options.slug,
		firstName: GUEST.firstName,
		lastName: GUEST.lastName,
		email: options.guestEmail,
		startTime: startMs,
		duration: durationMs,
		guestEmails: [],
		timezone: options.zone,
		locale: 'en-us',
		formFields,
		legalConsentResponses: checkboxes
			.map(asObject)
			.filter((box) => box.required === true)
			.map((box) => ({ communicationTypeId: String(box.communicationTypeId), consented: true })),
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
