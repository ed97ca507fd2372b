/**
 * The shape of a sandbox fixture (one HubSpot account). Validated with zod when loaded, so a typo in
 * a hand-edited fixture fails at start-up with a path to the bad field instead of odd behaviour later.
 * Times in a fixture are relative to "now" (day offsets plus a local wall-clock time), so a fixture
 * never goes stale.
 */
import { z } from 'zod';

export const DAY_KEYS = [
	'MONDAY',
	'TUESDAY',
	'WEDNESDAY',
	'THURSDAY',
	'FRIDAY',
	'SATURDAY',
	'SUNDAY',
	'MON_FRI',
	'SAT_SUN',
	'EVERY_DAY',
] as const;
export type DayKey = (typeof DAY_KEYS)[number];

export const START_TIME_INCREMENTS = {
	FIVE: 5,
	TEN: 10,
	FIFTEEN: 15,
	TWENTY: 20,
	THIRTY: 30,
	FORTY_FIVE: 45,
	SIXTY: 60,
	NINETY: 90,
	ONE_HUNDRED_TWENTY: 120,
	MEETING_DURATION: null,
} as const;
export type StartTimeIncrement = keyof typeof START_TIME_INCREMENTS;
const incrementNames = Object.keys(START_TIME_INCREMENTS) as [
	StartTimeIncrement,
	...StartTimeIncrement[],
];

const minuteRange = z
	.object({ start: z.number().int().min(0).max(1440), end: z.number().int().min(0).max(1440) })
	.refine((range) => range.end > range.start, 'end must be after start');

const availabilitySchema = z.record(z.enum(DAY_KEYS), z.array(minuteRange));

/** A moment relative to the sandbox's "now": `day` days from today, at `time` on the wall clock of `zone`. */
const relativeMoment = z.object({
	day: z.number().int(),
	time: z.string().regex(/^\d{2}:\d{2}$/),
	zone: z.string().optional(),
});
export type RelativeMoment = z.infer<typeof relativeMoment>;

const userSchema = z.object({
	userId: z.string(),
	ownerId: z.string(),
	email: z.string(),
	firstName: z.string(),
	lastName: z.string(),
	timeZone: z.string(),
	calendarProvider: z.enum(['GOOGLE', 'OFFICE365', 'EXCHANGE', 'UNKNOWN']),
	calendarConnected: z.boolean().default(true),
});

const formFieldSchema = z.object({
	name: z.string(),
	label: z.string(),
	type: z.string().default('string'),
	fieldType: z.string().default('text'),
	isCustom: z.boolean().default(false),
	isRequired: z.boolean(),
	// ExternalOption: the spec requires every one of these fields; fixtures give label and value.
	options: z
		.array(
			z.object({
				label: z.string(),
				value: z.string(),
				description: z.string().default(''),
				displayOrder: z.number().int().optional(),
				doubleData: z.number().default(0),
				hidden: z.boolean().default(false),
				readOnly: z.boolean().default(false),
			}),
		)
		.default([])
		.transform((options) =>
			options.map((option, index) => ({ ...option, displayOrder: option.displayOrder ?? index })),
		),
});

const meetingLinkSchema = z.object({
	id: z.string(),
	slug: z.string(),
	name: z.string(),
	type: z.enum(['PERSONAL_LINK', 'GROUP_CALENDAR', 'ROUND_ROBIN_CALENDAR']),
	organizerUserId: z.string(),
	memberUserIds: z.array(z.string()).min(1),
	defaultLink: z.boolean().default(false),
	createdAt: z.string(),
	timeZone: z.string(),
	availability: availabilitySchema,
	/**
	 * How booking info serves `customParams.availability`: `spec` (HubSpot's spec: one `{start, end}`
	 * per key, so one range per key) or `guide-array` (the guide's example: an array per key).
	 */
	availabilityShape: z.enum(['spec', 'guide-array']).default('spec'),
	durationsMs: z.array(z.number().int().positive()).min(1),
	bufferMs: z.number().int().min(0).default(0),
	startTimeIncrement: z.enum(incrementNames),
	minimumNoticeMs: z.number().int().min(0).default(0),
	weeksToAdvertise: z.number().int().positive(),
	canAddGuests: z.boolean().default(true),
	maxGuestCount: z.number().int().min(0).default(10),
	formFields: z.array(formFieldSchema),
	/** false models accounts whose availability page answers with busy times only. */
	publishesLinkAvailability: z.boolean().default(true),
	location: z.string().default(''),
	activityType: z.string().default(''),
	language: z.string().default('en'),
	locale: z.string().default('en-us'),
	/** HubSpot's legal consent settings on the link (spec: legalConsentEnabled, legalConsentOptions). */
	legalConsent: z
		.object({
			processingConsentType: z.enum(['IMPLICIT', 'REQUIRED_CHECKBOX']),
			communicationConsentCheckboxes: z
				.array(
					z.object({ communicationTypeId: z.string(), label: z.string(), required: z.boolean() }),
				)
				.default([]),
		})
		.optional(),
});

const recurringBusySchema = z.object({
	userId: z.string(),
	days: z.array(z.enum(DAY_KEYS)).min(1),
	start: z.number().int().min(0).max(1440),
	end: z.number().int().min(0).max(1440),
	/** Wall-clock zone of start/end; defaults to the user's time zone. */
	zone: z.string().optional(),
});

const oneOffBusySchema = z.object({
	userId: z.string(),
	start: relativeMoment,
	durationMinutes: z.number().int().positive(),
});

const contactSchema = z.object({
	/** A name other fixture entries use to point at this contact. */
	key: z.string(),
	properties: z.record(z.string(), z.string()),
	createdDaysAgo: z.number().int().min(0).default(30),
});

const meetingSchema = z.object({
	contactKeys: z.array(z.string()),
	ownerUserId: z.string(),
	title: z.string(),
	start: relativeMoment,
	durationMinutes: z.number().int().positive(),
	outcome: z.enum(['SCHEDULED', 'COMPLETED', 'RESCHEDULED', 'NO_SHOW', 'CANCELED']),
	source: z.string().default('CRM_UI'),
	/** Booked through HubSpot's scheduler, so the owner's calendar holds an event (our assumption for fixtures). */
	calendarEvent: z.boolean().default(true),
});

export const fixtureSchema = z.object({
	portal: z.object({
		portalId: z.number().int(),
		timeZone: z.string(),
		defaultCountry: z.string().length(2),
		uiDomain: z.string(),
	}),
	app: z.object({
		appId: z.number().int(),
		clientId: z.string(),
		clientSecret: z.string(),
		developerApiKey: z.string(),
		/** Scopes the app must be installed with. */
		requiredScopes: z.array(z.string()),
		/** Every scope the app may request (required ones included). */
		allowedScopes: z.array(z.string()),
		/** The user who approves the sandbox's OAuth installs. */
		installingUserId: z.string(),
		/** subscriptionId used in events sent to a target set with /__sandbox/webhooks/target. */
		appConfigSubscriptionId: z.number().int(),
	}),
	serviceKeys: z.array(
		z.object({ token: z.string(), name: z.string(), scopes: z.array(z.string()) }),
	),
	rateLimits: z
		.object({
			/** Private apps and service keys, per token (HubSpot docs: 190 on Professional/Enterprise). */
			tenSecondlyMax: z.number().int().positive().default(190),
			/** Public (OAuth) apps, per installing account (HubSpot docs: 110). */
			oauthTenSecondlyMax: z.number().int().positive().default(110),
			searchPerSecond: z.number().int().positive().default(5),
			dailyMax: z.number().int().positive().nullable().default(null),
		})
		.default({}),
	emailPolicy: z
		.object({
			spamDomains: z.array(z.string()).default([]),
			blockedDomains: z.array(z.string()).default([]),
		})
		.default({}),
	users: z.array(userSchema).min(1),
	meetingLinks: z.array(
		meetingLinkSchema.refine(
			(link) =>
				link.availabilityShape === 'guide-array' ||
				Object.values(link.availability).every((ranges) => (ranges?.length ?? 0) <= 1),
			'a link served in the spec shape holds one {start, end} per day key; use availabilityShape "guide-array" for more',
		),
	),
	busyTimes: z
		.object({
			recurring: z.array(recurringBusySchema).default([]),
			oneOff: z.array(oneOffBusySchema).default([]),
		})
		.default({}),
	contacts: z.array(contactSchema).default([]),
	meetings: z.array(meetingSchema).default([]),
});

/** A fixture as written in JSON (defaults may be left out). */
export type SandboxFixture = z.input<typeof fixtureSchema>;
/** A fixture after validation, with every default filled in. */
export type Fixture = z.output<typeof fixtureSchema>;
export type FixtureUser = Fixture['users'][number];
export type FixtureMeetingLink = Fixture['meetingLinks'][number];
export type FixtureFormField = FixtureMeetingLink['formFields'][number];
export type RecurringBusy = Fixture['busyTimes']['recurring'][number];
