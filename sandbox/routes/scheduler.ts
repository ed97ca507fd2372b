/**
 * Scheduler v3 meeting links: list, booking info, availability page and book. Slugs with "/" must
 * arrive %2F-encoded in paths; a raw "/" gives HubSpot's `slug does not exist`.
 */
import { DateTime, IANAZone } from 'luxon';
import { horizonEnd } from '../availability';
import { book } from '../booking';
import { slugNotFound, validateBooking } from '../bookingValidation';
import type { SandboxContext } from '../context';
import { validationError } from '../errors';
import type { FixtureMeetingLink } from '../fixtureSchema';
import { allUsersBusyTimes, availabilityPage, rulesOf } from '../linkSlots';
import type { ApiRequest, ApiResponse, Route } from '../router';
import { SCHEDULER_BOOK, SCHEDULER_READ } from '../scopes';

const PREFIXES = [
	'/scheduler/v3/meetings/meeting-links',
	'/scheduler/2026-03/meetings/meeting-links',
	'/scheduler/2026-09/meetings/meeting-links',
] as const;

function linkMetadata(link: FixtureMeetingLink) {
	return {
		id: link.id,
		slug: link.slug,
		link: `https://meetings.hubspot.com/${link.slug}`,
		name: link.name,
		type: link.type,
		organizerUserId: link.organizerUserId,
		userIdsOfLinkMembers: link.memberUserIds,
		defaultLink: link.defaultLink,
		createdAt: link.createdAt,
		updatedAt: link.createdAt,
	};
}

function listLinks(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const name = req.query.get('name')?.toLowerCase();
	const organizer = req.query.get('organizerUserId');
	const type = req.query.get('type');
	const matching = ctx.state.meetingLinks.filter(
		(link) =>
			(!name || link.name.toLowerCase().includes(name)) &&
			(!organizer || link.organizerUserId === organizer) &&
			(!type || link.type === type),
	);
	const limit = Math.max(1, Math.min(Number(req.query.get('limit') ?? 10) || 10, 100));
	const offset = Number(req.query.get('after') ?? 0) || 0;
	const page = matching.slice(offset, offset + limit);
	const next = offset + limit < matching.length ? String(offset + limit) : undefined;
	return {
		status: 200,
		body: {
			total: matching.length,
			results: page.map(linkMetadata),
			...(next
				? { paging: { next: { after: next, link: `${req.baseUrl}${req.rawPath}?after=${next}` } } }
				: {}),
		},
	};
}

function requireTimezone(req: ApiRequest): string {
	const timezone = req.query.get('timezone');
	if (!timezone) throw validationError('timezone is required');
	if (!IANAZone.isValidZone(timezone))
		throw validationError(`${timezone} is not a valid time zone`);
	return timezone;
}

function requireLink(ctx: SandboxContext, slug: string): FixtureMeetingLink {
	const link = ctx.state.findLink(slug);
	if (!link) throw slugNotFound();
	return link;
}

/** legalConsentEnabled and, when enabled, legalConsentOptions with every field the spec requires. */
function legalConsentSettings(link: FixtureMeetingLink) {
	const consent = link.legalConsent;
	if (!consent) return { legalConsentEnabled: false };
	return {
		legalConsentEnabled: true,
		legalConsentOptions: {
			processingConsentType: consent.processingConsentType,
			communicationConsentCheckboxes: consent.communicationConsentCheckboxes,
			communicationConsentText: 'We would like to contact you about our services.',
			isLegitimateInterest: false,
			legitimateInterestSubscriptionTypes: [],
			privacyPolicyText: 'See our privacy policy.',
			processingConsentCheckboxLabel: 'I agree to allow the company to store and process my data.',
			processingConsentFooterText: '',
			processingConsentText: 'To provide the meeting, we need to store and process your data.',
		},
	};
}

/** Spec: one `{start, end}` per key (`ExternalClosedRange`); the guide's example: an array per key. */
function servedAvailability(link: FixtureMeetingLink): Record<string, unknown> {
	if (link.availabilityShape === 'guide-array') return link.availability;
	return Object.fromEntries(
		Object.entries(link.availability).flatMap(([key, ranges]) =>
			ranges && ranges.length > 0 ? [[key, ranges[0]]] : [],
		),
	);
}

function bookingInfo(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const link = requireLink(ctx, req.params.slug);
	const timezone = requireTimezone(req);
	const now = ctx.now();
	const from = DateTime.fromMillis(now, { zone: link.timeZone }).startOf('day').toMillis();
	const organizer = ctx.state.users.get(link.organizerUserId);
	const page = availabilityPage(ctx, link, timezone, 0);
	return {
		status: 200,
		body: {
			linkId: link.id,
			linkType: link.type,
			isOffline: !organizer?.calendarConnected,
			customParams: {
				availability: servedAvailability(link),
				durations: link.durationsMs,
				formFields: link.formFields,
				...legalConsentSettings(link),
				meetingBufferTime: link.bufferMs,
				ownerPrioritized: false,
				startTimeIncrementMinutes: link.startTimeIncrement,
				weeksToAdvertise: link.weeksToAdvertise,
				guestSettings: { canAddGuests: link.canAddGuests, maxGuestCount: link.maxGuestCount },
				language: link.language,
				locale: link.locale,
				location: link.location,
				displayInfo: { headline: link.name },
			},
			allUsersBusyTimes: allUsersBusyTimes(ctx, link, from, horizonEnd(rulesOf(link), now)),
			...('linkAvailability' in page ? { linkAvailability: page.linkAvailability } : {}),
		},
	};
}

function availability(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const link = requireLink(ctx, req.params.slug);
	const timezone = requireTimezone(req);
	const rawOffset = req.query.get('monthOffset') ?? '0';
	if (!/^-?\d+$/.test(rawOffset))
		throw validationError(`monthOffset must be an integer; got ${rawOffset}`);
	return { status: 200, body: availabilityPage(ctx, link, timezone, Number(rawOffset)) };
}

function bookLink(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const contract = req.rawPath.startsWith('/scheduler/2026-09/') ? 'spec-2026-09' : 'field-v3';
	const booking = validateBooking(ctx, req.body, req.query.get('timezone'), contract);
	return { status: 200, body: book(ctx, booking) };
}

function rawSlashSlug(): ApiResponse {
	throw slugNotFound();
}

export const schedulerRoutes: Route[] = PREFIXES.flatMap((prefix): Route[] => [
	{ method: 'GET', path: prefix, kind: 'api', auth: SCHEDULER_READ, handle: listLinks },
	{ method: 'POST', path: `${prefix}/book`, kind: 'api', auth: SCHEDULER_BOOK, handle: bookLink },
	{
		method: 'GET',
		path: `${prefix}/book/availability-page/:slug`,
		kind: 'api',
		auth: SCHEDULER_READ,
		handle: availability,
	},
	{
		method: 'GET',
		path: `${prefix}/book/availability-page/*rest`,
		kind: 'api',
		auth: SCHEDULER_READ,
		handle: rawSlashSlug,
	},
	{
		method: 'GET',
		path: `${prefix}/book/:slug`,
		kind: 'api',
		auth: SCHEDULER_READ,
		handle: bookingInfo,
	},
	{
		method: 'GET',
		path: `${prefix}/book/*rest`,
		kind: 'api',
		auth: SCHEDULER_READ,
		handle: rawSlashSlug,
	},
]);
