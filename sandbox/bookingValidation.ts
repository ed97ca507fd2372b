/**
 * The checks HubSpot's scheduler applies to POST /meeting-links/book, with the messages and
 * subCategories seen from the live API. Order: body shape (per path version, see BookingContract),
 * slug, time zone, names, email, guests, duration, form fields, start time.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { candidateStarts, isBookable } from './availability';
import { isValidEmail } from './contactStore';
import type { SandboxContext } from './context';
import { parseDatetime } from './crmRecords';
import { HubSpotError, validationError } from './errors';
import type { FixtureMeetingLink } from './fixtureSchema';
import { parseBodyWith } from './requestBody';
import { slotQueryFor } from './linkSlots';

const stringish = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const bookingSchema = z.object({
	slug: z.string(),
	firstName: z.string().optional(),
	lastName: z.string().optional(),
	email: z.string().optional(),
	startTime: z.union([z.number(), z.string()]),
	duration: z.union([z.number(), z.string()]),
	guestEmails: z.array(z.string()).optional(),
	formFields: z.array(z.object({ name: z.string(), value: stringish })).optional(),
	legalConsentResponses: z
		.array(z.object({ communicationTypeId: z.string(), consented: z.boolean() }))
		.optional(),
	likelyAvailableUserIds: z.array(z.string()).optional(),
	timezone: z.string().optional(),
	locale: z.string().optional(),
});
export type BookingRequest = z.output<typeof bookingSchema>;

/**
 * Which body a path takes. `spec-2026-09`: HubSpot's 2026-09 spec (ExternalMeetingBooking) as
 * written: `startTime` an ISO 8601 date-time string, `duration` an integer in milliseconds, and
 * `formFields`, `legalConsentResponses`, `likelyAvailableUserIds` required. `field-v3` (v3 and
 * 2026-03 paths): what field reports and the guide's example show working: epoch-ms numbers or
 * strings for both, ISO accepted too, those three arrays optional.
 */
export type BookingContract = 'spec-2026-09' | 'field-v3';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const specBookingSchema = bookingSchema.extend({
	startTime: z
		.string({ invalid_type_error: 'startTime must be an ISO 8601 date-time string' })
		.regex(
			ISO_DATE_TIME,
			'startTime must be an ISO 8601 date-time with a zone, e.g. 2026-10-30T14:00:00Z',
		),
	duration: z
		.number({ invalid_type_error: 'duration must be an integer number of milliseconds' })
		.int('duration must be an integer number of milliseconds'),
	formFields: z.array(z.object({ name: z.string(), value: stringish })),
	legalConsentResponses: z.array(
		z.object({ communicationTypeId: z.string(), consented: z.boolean() }),
	),
	likelyAvailableUserIds: z.array(z.string()),
});

export interface ValidBooking {
	request: BookingRequest;
	link: FixtureMeetingLink;
	timezone: string;
	email: string;
	firstName: string;
	lastName: string;
	start: number;
	duration: number;
	guestEmails: string[];
	/** Submitted form values by field name, including the standard name/email fields. */
	formValues: Record<string, string>;
}

const STANDARD_FIELDS = new Set(['firstname', 'lastname', 'email']);

export function slugNotFound(): HubSpotError {
	return new HubSpotError(404, { message: 'slug does not exist', category: 'OBJECT_NOT_FOUND' });
}

function schedulingError(message: string, reason: string): HubSpotError {
	return validationError(message, { subCategory: `MeetingsBookingSchedulingError.${reason}` });
}

function emailError(message: string, reason: string): HubSpotError {
	return validationError(message, { subCategory: `MeetingsBookingCreatedError.${reason}` });
}

function domainOf(email: string): string {
	return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

function checkEmail(ctx: SandboxContext, email: string): void {
	const policy = ctx.state.fixture.emailPolicy;
	if (!isValidEmail(email) || policy.spamDomains.includes(domainOf(email))) {
		throw emailError(
			`INVALID_EMAIL: ${email} is not a valid email address for booking.`,
			'INVALID_EMAIL',
		);
	}
	if (policy.blockedDomains.includes(domainOf(email))) {
		throw emailError(`BLOCKED_EMAIL: ${email} is blocked from booking meetings.`, 'BLOCKED_EMAIl');
	}
}

function checkGuests(ctx: SandboxContext, link: FixtureMeetingLink, guests: string[]): void {
	if (guests.length === 0) return;
	if (!link.canAddGuests) {
		throw emailError(
			'INVALID_EMAIL_GUESTS: this meeting link does not allow guests.',
			'INVALID_EMAIL_GUESTS',
		);
	}
	if (guests.length > link.maxGuestCount) {
		throw emailError(
			`INVALID_EMAIL_GUESTS: at most ${link.maxGuestCount} guests may be added to this meeting.`,
			'INVALID_EMAIL_GUESTS',
		);
	}
	const spam = ctx.state.fixture.emailPolicy.spamDomains;
	const bad = guests.find((guest) => !isValidEmail(guest) || spam.includes(domainOf(guest)));
	if (bad)
		throw emailError(
			`INVALID_EMAIL_GUESTS: ${bad} is not a valid guest email address.`,
			'INVALID_EMAIL_GUESTS',
		);
}

function checkFormFields(
	link: FixtureMeetingLink,
	request: BookingRequest,
): Record<string, string> {
	const values: Record<string, string> = {
		firstname: request.firstName ?? '',
		lastname: request.lastName ?? '',
		email: request.email ?? '',
	};
	const known = new Set(link.formFields.map((field) => field.name));
	for (const { name, value } of request.formFields ?? []) {
		if (!known.has(name) && !STANDARD_FIELDS.has(name)) {
			throw validationError(`form field ${name} is not part of this meeting link's form`);
		}
		if (!STANDARD_FIELDS.has(name)) values[name] = value;
	}
	for (const field of link.formFields) {
		if (field.isRequired && !(values[field.name] ?? '').trim()) {
			throw validationError(
				`required form field ${field.name} does not have a corresponding value`,
			);
		}
	}
	return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
}

function checkStart(
	ctx: SandboxContext,
	link: FixtureMeetingLink,
	startTime: number | string,
	duration: number,
): number {
	const start = parseDatetime(startTime);
	const invalid = () =>
		schedulingError(
			'Start time must be contained in availability settings',
			'MEETING_START_TIME_NOT_VALID',
		);
	if (start === undefined) throw invalid();
	const query = slotQueryFor(ctx, link, start - 86_400_000, start + 86_400_000);
	if (
		!candidateStarts(query, duration).includes(start) ||
		!isBookable(query, start, start + duration)
	)
		throw invalid();
	return start;
}

/**
 * Our assumption (HubSpot documents the fields, not the checks): responses may only name the link's
 * checkboxes, and every checkbox marked `required` must come back consented, or the booking is
 * refused with a 400. A REQUIRED_CHECKBOX link carries its agreement as a required checkbox.
 */
function checkLegalConsent(link: FixtureMeetingLink, request: BookingRequest): void {
	const responses = request.legalConsentResponses ?? [];
	const consent = link.legalConsent;
	const known = new Set(
		consent?.communicationConsentCheckboxes.map((box) => box.communicationTypeId),
	);
	for (const response of responses) {
		if (!known.has(response.communicationTypeId))
			throw validationError(
				`communicationTypeId ${response.communicationTypeId} is not a consent checkbox of this meeting link`,
			);
	}
	if (!consent) return;
	const missing = consent.communicationConsentCheckboxes.filter(
		(box) =>
			box.required &&
			!responses.some((r) => r.communicationTypeId === box.communicationTypeId && r.consented),
	);
	if (missing.length > 0) {
		throw validationError(
			`Legal consent is required: ${missing.map((box) => box.communicationTypeId).join(', ')}`,
			{ subCategory: 'MeetingsBookingSchedulingError.LEGAL_CONSENT_REQUIRED' },
		);
	}
}

export function validateBooking(
	ctx: SandboxContext,
	body: unknown,
	queryTimezone: string | null,
	contract: BookingContract = 'field-v3',
): ValidBooking {
	const request: BookingRequest =
		contract === 'spec-2026-09'
			? parseBodyWith(specBookingSchema, body)
			: parseBodyWith(bookingSchema, body);
	const link = ctx.state.findLink(request.slug);
	if (!link) throw slugNotFound();
	const timezone = queryTimezone ?? request.timezone;
	if (!timezone) throw validationError('timezone is required');
	if (!IANAZone.isValidZone(timezone))
		throw validationError(`${timezone} is not a valid time zone`);
	const firstName = (request.firstName ?? '').trim();
	const lastName = (request.lastName ?? '').trim();
	if (!firstName) throw validationError('firstName is required and must not be empty');
	if (!lastName) throw validationError('lastName is required and must not be empty');
	const email = (request.email ?? '').trim().toLowerCase();
	checkEmail(ctx, email);
	const guestEmails = request.guestEmails ?? [];
	checkGuests(ctx, link, guestEmails);
	const duration = Number(request.duration);
	if (!link.durationsMs.includes(duration)) {
		throw schedulingError(
			`Meeting duration ${String(request.duration)} is not valid; this link offers ${link.durationsMs.join(', ')} (milliseconds).`,
			'MEETING_DURATION_NOT_VALID',
		);
	}
	const formValues = checkFormFields(link, request);
	checkLegalConsent(link, request);
	const start = checkStart(ctx, link, request.startTime, duration);
	return {
		request,
		link,
		timezone,
		email,
		firstName,
		lastName,
		start,
		duration,
		guestEmails,
		formValues,
	};
}
