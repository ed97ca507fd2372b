import { z } from 'zod';

/**
 * The parts of HubSpot's responses the nodes rely on. Unknown fields pass through; a missing field
 * we depend on fails loudly in the client instead of surfacing later as `undefined`.
 */

const idString = z.union([z.string(), z.number()]).transform(String);
const propertyMap = z.record(z.string().nullable().optional());

export const meetingLinkSchema = z
	.object({
		id: idString,
		slug: z.string(),
		name: z.string().nullish(),
		type: z.string().nullish(),
		link: z.string().nullish(),
		organizerUserId: idString.nullish(),
		defaultLink: z.boolean().nullish(),
	})
	.passthrough();

export const meetingLinksPageSchema = z.object({
	results: z.array(meetingLinkSchema),
	total: z.number().optional(),
	paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

const windowSchema = z.object({ start: z.number(), end: z.number() });

/**
 * The link's weekly hours, minutes after midnight per day key. HubSpot's spec gives one
 * `{start, end}` per key; the guide's example an array of them. Both arrive as arrays here.
 */
const weeklyHoursSchema = z
	.record(z.union([windowSchema, z.array(windowSchema)]))
	.transform((hours) =>
		Object.fromEntries(
			Object.entries(hours).map(([key, ranges]) => [
				key,
				Array.isArray(ranges) ? ranges : [ranges],
			]),
		),
	);
const busyTimeSchema = z.object({ start: z.number(), end: z.number() });

const usersBusyTimesSchema = z.array(
	z
		.object({
			isOffline: z.boolean().optional(),
			busyTimes: z.array(busyTimeSchema).optional(),
		})
		.passthrough(),
);

const linkAvailabilitySchema = z.object({
	hasMore: z.boolean().optional(),
	linkAvailabilityByDuration: z.record(
		z.object({
			meetingDurationMillis: z.number(),
			availabilities: z.array(z.object({ startMillisUtc: z.number(), endMillisUtc: z.number() })),
		}),
	),
});

export const bookingInfoSchema = z
	.object({
		linkId: idString.optional(),
		linkType: z.string().optional(),
		isOffline: z.boolean().optional(),
		customParams: z
			.object({
				availability: weeklyHoursSchema.default({}),
				durations: z.array(z.number()).min(1),
				meetingBufferTime: z.number().default(0),
				startTimeIncrementMinutes: z.string().default('MEETING_DURATION'),
				weeksToAdvertise: z.number().optional(),
				formFields: z
					.array(z.object({ name: z.string(), isRequired: z.boolean().optional() }).passthrough())
					.default([]),
				guestSettings: z
					.object({ canAddGuests: z.boolean(), maxGuestCount: z.number().optional() })
					.optional(),
				locale: z.string().nullish(),
				legalConsentEnabled: z.boolean().optional(),
				legalConsentOptions: z
					.object({
						processingConsentType: z.string().nullish(),
						communicationConsentCheckboxes: z
							.array(
								z
									.object({
										communicationTypeId: z.union([z.string(), z.number()]).transform(String),
										label: z.string().nullish(),
										required: z.boolean().nullish(),
									})
									.passthrough(),
							)
							.nullish(),
					})
					.passthrough()
					.nullish(),
			})
			.passthrough(),
		allUsersBusyTimes: usersBusyTimesSchema.default([]),
		linkAvailability: linkAvailabilitySchema.nullish(),
	})
	.passthrough();

export const availabilityPageSchema = z
	.object({
		linkAvailability: linkAvailabilitySchema.nullish(),
		allUsersBusyTimes: usersBusyTimesSchema.default([]),
	})
	.passthrough();

export const bookingResponseSchema = z
	.object({
		calendarEventId: z.string().nullish(),
		contactId: idString,
		start: z.string(),
		end: z.string(),
		duration: z.number().optional(),
		subject: z.string().nullish(),
		bookingTimezone: z.string().nullish(),
		isOffline: z.boolean().optional(),
		location: z.string().nullish(),
		webConferenceUrl: z.string().nullish(),
		guestEmails: z.array(z.string()).optional(),
	})
	.passthrough();

/** Spec: association lists page (at most 100 per object); `paging` is present only when more remain. */
const nextPage = z
	.object({ next: z.object({ after: z.string() }).passthrough().optional() })
	.passthrough()
	.optional();

const associationRefs = z.object({
	results: z.array(z.object({ id: idString, type: z.string().optional() })),
	paging: nextPage,
});

export const crmObjectSchema = z
	.object({
		id: idString,
		properties: propertyMap,
		createdAt: z.string().optional(),
		updatedAt: z.string().optional(),
		archived: z.boolean().optional(),
		associations: z.record(associationRefs).optional(),
	})
	.passthrough();

export type CrmObject = z.infer<typeof crmObjectSchema>;

export const searchPageSchema = z.object({
	total: z.number().optional(),
	results: z.array(crmObjectSchema),
	paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

export const batchReadSchema = z.object({
	status: z.string().optional(),
	results: z.array(crmObjectSchema),
});

export const associationsPageSchema = z.object({
	results: z.array(z.object({ toObjectId: idString }).passthrough()),
	paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

export const associationsBatchSchema = z.object({
	results: z.array(
		z.object({
			from: z.object({ id: idString }),
			to: z.array(z.object({ toObjectId: idString }).passthrough()),
			paging: nextPage,
		}),
	),
});
