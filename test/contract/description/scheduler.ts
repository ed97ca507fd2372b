import { z } from 'zod';

import { type Deviation, epochMs, forwardPaging, ianaZone, isoDateTime, numericId } from './common';

/** Scheduler meetings 2026-09 (`Scheduler/Meetings/Rollouts/177892/2026-09/meetings.json`). */

const linkType = z.enum(['PERSONAL_LINK', 'GROUP_CALENDAR', 'ROUND_ROBIN_CALENDAR']);

const linkMetadata = z
	.object({
		id: z.string(),
		slug: z.string(),
		link: z.string(),
		name: z.string().optional(),
		type: linkType,
		organizerUserId: z.string(),
		userIdsOfLinkMembers: z.array(z.string()),
		defaultLink: z.boolean(),
		createdAt: z.union([isoDateTime, epochMs]),
		updatedAt: z.union([isoDateTime, epochMs]).optional(),
	})
	.strict();

export const meetingLinksPage = z
	.object({
		results: z.array(linkMetadata),
		total: z.number().int(),
		paging: forwardPaging.optional(),
	})
	.strict();

export const meetingLinksQuery = z
	.object({
		after: z.string().optional(),
		limit: z.string().regex(/^\d+$/).optional(),
		name: z.string().optional(),
		organizerUserId: z.string().optional(),
		type: linkType.optional(),
	})
	.strict();

export const meetingLinksDeviations: Deviation[] = [
	{
		field: 'results[].createdAt',
		spec: 'string date-time, described as "Unix time in milliseconds"',
		accepted: 'ISO date-time or epoch ms',
		source: 'spec description vs guide example ("2024-09-13T18:05:08.797Z")',
	},
];

const timeRange = z.object({ start: epochMs, end: epochMs }).strict();
const dayWindow = z.object({ start: z.number().int(), end: z.number().int() }).strict();

const meetingsUser = z
	.object({
		id: z.string(),
		userId: z.string(),
		isSalesStarter: z.boolean(),
		calendarProvider: z.enum(['EXCHANGE', 'GOOGLE', 'OFFICE365', 'UNKNOWN']),
		userProfile: z
			.object({
				email: z.string(),
				firstName: z.string().optional(),
				lastName: z.string().optional(),
				fullName: z.string().optional(),
			})
			.strict(),
	})
	.strict();

const usersBusyTimes = z.array(
	z.object({ isOffline: z.boolean(), meetingsUser, busyTimes: z.array(timeRange) }).strict(),
);

const linkAvailability = z
	.object({
		hasMore: z.boolean(),
		linkAvailabilityByDuration: z.record(
			z.string().regex(/^\d+$/, 'a duration in ms'),
			z
				.object({
					meetingDurationMillis: epochMs,
					availabilities: z.array(
						z.object({ startMillisUtc: epochMs, endMillisUtc: epochMs }).strict(),
					),
				})
				.strict(),
		),
	})
	.strict();

const startTimeIncrement = z.enum([
	'FIVE',
	'TEN',
	'FIFTEEN',
	'TWENTY',
	'THIRTY',
	'FORTY_FIVE',
	'SIXTY',
	'NINETY',
	'ONE_HUNDRED_TWENTY',
	'MEETING_DURATION',
]);

const formOption = z
	.object({
		label: z.string(),
		value: z.string(),
		description: z.string(),
		displayOrder: z.number().int(),
		doubleData: z.number(),
		hidden: z.boolean(),
		readOnly: z.boolean(),
	})
	.strict();

const linkFormField = z
	.object({
		name: z.string(),
		label: z.string(),
		type: z.string(),
		fieldType: z.string(),
		isCustom: z.boolean(),
		isRequired: z.boolean(),
		options: z.array(formOption),
	})
	.strict();

const legalConsentOptions = z
	.object({
		communicationConsentCheckboxes: z.array(
			z
				.object({ communicationTypeId: z.string(), label: z.string(), required: z.boolean() })
				.strict(),
		),
		communicationConsentText: z.string(),
		isLegitimateInterest: z.boolean(),
		legitimateInterestLegalBasis: z
			.enum([
				'CONSENT_WITH_NOTICE',
				'LEGITIMATE_INTEREST_CLIENT',
				'LEGITIMATE_INTEREST_OTHER',
				'LEGITIMATE_INTEREST_PQL',
				'NON_GDPR',
				'PERFORMANCE_OF_CONTRACT',
				'PROCESS_AND_STORE',
			])
			.optional(),
		legitimateInterestSubscriptionTypes: z.array(z.number().int()),
		privacyPolicyText: z.string(),
		processingConsentCheckboxLabel: z.string(),
		processingConsentFooterText: z.string(),
		processingConsentText: z.string(),
		processingConsentType: z.enum(['IMPLICIT', 'REQUIRED_CHECKBOX']),
	})
	.strict();

/** `ExternalMeetingsLinkSettings`: there is no time-zone field in it (nor anywhere in booking info). */
const linkSettings = z
	.object({
		// Spec: one {start, end} per key; the guide's example: an array of them.
		availability: z.record(z.union([dayWindow, z.array(dayWindow)])),
		customAvailabilityStartDate: epochMs.optional(),
		customAvailabilityEndDate: epochMs.optional(),
		displayInfo: z
			.object({
				avatar: z.string().optional(),
				companyAvatar: z.string().optional(),
				headline: z.string().optional(),
				publicDisplayAvatarOption: z
					.enum(['COMPANY_LOGO', 'CUSTOM_AVATAR', 'PROFILE_IMAGE'])
					.optional(),
			})
			.strict()
			.optional(),
		durations: z.array(epochMs),
		formFields: z.array(linkFormField),
		guestSettings: z
			.object({ canAddGuests: z.boolean(), maxGuestCount: z.number().int() })
			.strict()
			.optional(),
		language: z.string().optional(),
		legalConsentEnabled: z.boolean(),
		legalConsentOptions: legalConsentOptions.optional(),
		locale: z.string().optional(),
		location: z.string().optional(),
		meetingBufferTime: z.number().int().nonnegative(),
		ownerPrioritized: z.boolean(),
		redirectUrl: z.string().optional(),
		startTimeIncrementMinutes: startTimeIncrement,
		weeksToAdvertise: z.number().int().nonnegative(),
		welcomeScreenInfo: z
			.object({
				description: z.string().optional(),
				logoUrl: z.string().optional(),
				showWelcomeScreen: z.boolean().optional(),
				title: z.string().optional(),
				useCompanyLogo: z.boolean().optional(),
			})
			.strict()
			.optional(),
	})
	.strict();

const brandingMetadata = z
	.object({
		logoAltText: z.string(),
		showMarketingAd: z.boolean(),
		showSalesAd: z.boolean(),
		accent2Color: z.string().optional(),
		accentColor: z.string().optional(),
		companyAddressLine1: z.string().optional(),
		companyAddressLine2: z.string().optional(),
		companyAvatar: z.string().optional(),
		companyCity: z.string().optional(),
		companyCountry: z.string().optional(),
		companyDomain: z.string().optional(),
		companyName: z.string().optional(),
		companyState: z.string().optional(),
		companyZip: z.string().optional(),
		logoHeight: z.number().int().optional(),
		logoUrl: z.string().optional(),
		logoWidth: z.number().int().optional(),
		primaryColor: z.string().optional(),
		secondaryColor: z.string().optional(),
	})
	.strict();

export const bookingInfo = z
	.object({
		linkId: z.string(),
		linkType,
		isOffline: z.boolean(),
		customParams: linkSettings,
		allUsersBusyTimes: usersBusyTimes,
		brandingMetadata: brandingMetadata.optional(),
		linkAvailability: linkAvailability.optional(),
	})
	.strict();

export const availabilityPage = z
	.object({ allUsersBusyTimes: usersBusyTimes, linkAvailability: linkAvailability.optional() })
	.strict();

export const bookingInfoQuery = z.object({ timezone: ianaZone }).strict();
export const availabilityPageQuery = z
	.object({
		timezone: ianaZone,
		monthOffset: z
			.string()
			.regex(/^-?\d+$/)
			.optional(),
	})
	.strict();

export const schedulerReadDeviations: Deviation[] = [
	{
		field: 'customParams.availability.*',
		spec: 'one {start, end} object per key',
		accepted: 'one object or an array of them',
		source: "scheduler guide's example answers an array (hubspot-api.md §0, §4.2)",
	},
	{
		field: '*.startMillisUtc, *.endMillisUtc, busyTimes[].start/end',
		spec: 'integer int32',
		accepted: 'integer epoch ms (int32 cannot hold one)',
		source: 'guide example values such as 1725282000000',
	},
];

/**
 * `ExternalMeetingBooking` on the 2026-09 path. Strict: a field the spec does not name is refused.
 * `startTime` is the spec's ISO 8601 date-time only: the epoch-ms numbers of the scheduler guide's
 * example and of field reports were sent to `/scheduler/v3/…` (hubspot-api.md §4.4), not to
 * 2026-09, and nothing documents them there (README, "Not confirmed on a live portal").
 */
export const bookRequest = z
	.object({
		slug: z.string().min(1),
		firstName: z.string().min(1),
		lastName: z.string().min(1),
		email: z.string().min(3),
		startTime: isoDateTime,
		duration: epochMs.refine(
			(ms) => ms % 60_000 === 0 && ms >= 60_000,
			'a duration in whole minutes, given in ms',
		),
		formFields: z.array(z.object({ name: z.string(), value: z.string() }).strict()),
		legalConsentResponses: z.array(
			z.object({ communicationTypeId: z.string(), consented: z.boolean() }).strict(),
		),
		likelyAvailableUserIds: z.array(z.string()),
		guestEmails: z.array(z.string()).optional(),
		timezone: ianaZone.optional(),
		locale: z.string().optional(),
	})
	.strict();

export const bookQuery = z.object({ timezone: ianaZone.optional() }).strict();

export const bookDeviations: Deviation[] = [
	{
		field: 'duration',
		spec: '2026-09: integer, "in milliseconds" (2026-03 said minutes)',
		accepted: 'integer ms, a whole number of minutes',
		source: 'spec 2026-09; guide example 1800000; not confirmed on a live portal (README)',
	},
	{
		field: 'guestEmails',
		spec: 'not in ExternalMeetingBooking',
		accepted: 'optional string array',
		source: "scheduler guide's example and field clients send it",
	},
	{
		field: '?timezone',
		spec: 'no query parameters on book',
		accepted: 'optional timezone query',
		source: "scheduler guide's example (…/book?timezone=America%2FNew_York)",
	},
];

export const bookResponse = z
	.object({
		bookingTimezone: z.string(),
		calendarEventId: z.string(),
		contactId: numericId,
		duration: epochMs,
		start: isoDateTime,
		end: isoDateTime,
		subject: z.string(),
		formFields: z.array(
			z
				.object({
					name: z.string(),
					label: z.string(),
					value: z.string(),
					isCustom: z.boolean(),
					fieldType: z.string().optional(),
					translatedLabel: z.string().optional(),
					valueLabel: z.string().optional(),
				})
				.strict(),
		),
		guestEmails: z.array(z.string()),
		legalConsentResponses: z.array(
			z.object({ communicationTypeId: z.string(), consented: z.boolean() }).strict(),
		),
		isOffline: z.boolean(),
		locale: z.string().optional(),
		location: z.string().optional(),
		webConferenceMeetingId: z.string().optional(),
		webConferenceUrl: z.string().optional(),
	})
	.strict();

/** `POST /scheduler/2026-09/meetings/calendar?organizerUserId=` (issue 11's CRM Record booking). */
export const calendarQuery = z.object({ organizerUserId: numericId }).strict();

export const calendarRequest = z
	.object({
		associations: z.array(
			z
				.object({
					to: z.object({ id: numericId }).strict(),
					types: z.array(
						z
							.object({
								associationCategory: z.enum([
									'HUBSPOT_DEFINED',
									'INTEGRATOR_DEFINED',
									'USER_DEFINED',
									'WORK',
								]),
								associationTypeId: z.number().int(),
							})
							.strict(),
					),
				})
				.strict(),
		),
		emailReminderSchedule: z
			.object({
				reminders: z.array(
					z
						.object({
							numberOfTimeUnits: z.number().int(),
							timeUnit: z.enum(['DAYS', 'HOURS', 'MINUTES', 'WEEKS']),
						})
						.strict(),
				),
				shouldIncludeInviteDescription: z.boolean(),
			})
			.strict(),
		properties: z
			.object({
				hs_meeting_title: z.string(),
				hs_meeting_start_time: isoDateTime,
				hs_meeting_end_time: isoDateTime,
				hs_timestamp: isoDateTime,
				hs_meeting_outcome: z.string(),
				hubspot_owner_id: z.string(),
				hs_activity_type: z.string().optional(),
				hs_attachment_ids: z.array(z.string()).optional(),
				hs_attendee_owner_ids: z.array(z.string()).optional(),
				hs_internal_meeting_notes: z.string().optional(),
				hs_meeting_body: z.string().optional(),
				hs_meeting_location: z.string().optional(),
				hs_meeting_location_type: z.enum(['ADDRESS', 'CUSTOM', 'PHONE']).optional(),
			})
			.strict(),
		timezone: ianaZone,
	})
	.strict();

/** `ExternalCalenderMeetingEventResponse` (sic), its `properties` as `ExternalCalendarMeetingEventResponseProperties`. */
export const calendarResponse = z
	.object({
		id: numericId,
		createdAt: isoDateTime,
		lastUpdatedAt: isoDateTime,
		properties: z
			.object({
				hs_engagement_source: z.string(),
				hs_engagement_source_id: z.string(),
				hs_meeting_end_time: isoDateTime,
				hs_meeting_outcome: z.string(),
				hs_meeting_start_time: isoDateTime,
				hs_meeting_title: z.string(),
				hs_timestamp: isoDateTime,
				hs_activity_type: z.string().optional(),
				hs_attachment_ids: z.array(z.string()).optional(),
				hs_attendee_owner_ids: z.array(z.string()).optional(),
				hs_include_description_in_reminder: z.string().optional(),
				hs_internal_meeting_notes: z.string().optional(),
				hs_meeting_body: z.string().optional(),
				hs_meeting_external_url: z.string().optional(),
				hs_meeting_location: z.string().optional(),
				hs_meeting_location_type: z.enum(['ADDRESS', 'CUSTOM', 'PHONE']).optional(),
				hs_unique_id: z.string().optional(),
				hubspot_owner_id: z.string().optional(),
			})
			.strict(),
	})
	.strict();
