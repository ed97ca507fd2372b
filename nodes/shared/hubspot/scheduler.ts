import { DateTime } from 'luxon';
import { z } from 'zod';

import { computeFreeSlots, incrementMinutesFromSetting } from '../domain/slots';
import type { HubSpotClient } from '../transport/client';
import { paths } from '../transport/paths';
import { availabilityPageSchema, bookingInfoSchema } from '../transport/schemas';

export type BookingInfo = z.infer<typeof bookingInfoSchema>;
export type AvailabilityPage = z.infer<typeof availabilityPageSchema>;
type UserBusyTimes = AvailabilityPage['allUsersBusyTimes'][number];

export interface Slot {
	startMs: number;
	endMs: number;
}

/** A meeting link's settings as read once per item; `infoZone` is the zone they were read in. */
export interface MeetingLink {
	slug: string;
	info: BookingInfo;
	infoZone: string;
	/** Read to show times, not to guard a booking: its pages may be shared by the execution's items. */
	shared: boolean;
}

export interface SlotQuery {
	/** The zone the caller's times are in. */
	zone: string;
	/**
	 * The zone of the link's weekly hours, needed only when HubSpot answers with busy times instead
	 * of ready slots: an explicit Time Zone. Without it that fallback refuses (see BusyTimesZoneMissing).
	 */
	busyTimesZone?: string;
	durationMs: number;
	/** Only slots starting in [rangeStartMs, rangeEndMs) are returned. */
	rangeStartMs: number;
	rangeEndMs: number;
	nowMs: number;
}

/**
 * `shared`: for reads that only show times (Get Slots), items of one execution that ask about the same
 * link share one read. Bookings always read afresh, because their slot check must see HubSpot now.
 */
export async function readMeetingLink(
	hubspot: HubSpotClient,
	slug: string,
	zone: string,
	{ shared = false }: { shared?: boolean } = {},
): Promise<MeetingLink> {
	const info = await hubspot.request(
		{
			method: 'GET',
			path: paths.bookingInfo(slug),
			qs: { timezone: zone },
			what: `read the meeting link "${slug}"`,
			shareWithinExecution: shared,
		},
		bookingInfoSchema,
	);
	return { slug, info, infoZone: zone, shared };
}

/** HubSpot counts months from the current month in the requested time zone. */
export function monthOffsetsForRange(
	zone: string,
	nowMs: number,
	rangeStartMs: number,
	rangeEndMs: number,
): number[] {
	const currentMonth = DateTime.fromMillis(nowMs, { zone }).startOf('month');
	const first = DateTime.fromMillis(Math.max(rangeStartMs, nowMs), { zone }).startOf('month');
	const last = DateTime.fromMillis(Math.max(rangeEndMs - 1, nowMs), { zone }).startOf('month');
	const offsets: number[] = [];
	for (let month = first; month <= last; month = month.plus({ months: 1 })) {
		offsets.push(Math.round(month.diff(currentMonth, 'months').months));
	}
	return offsets;
}

/**
 * Free slots of one duration inside the query's range. Pages are per calendar month, counted in
 * the zone the link was read in, so the booking info's own page (the current month) is reused and
 * only the other months the range touches are fetched, in parallel. The zone only draws the month
 * lines: slots are instants, and the labels use the query's zone.
 */
export async function findSlots(
	hubspot: HubSpotClient,
	link: MeetingLink,
	query: SlotQuery,
): Promise<Slot[]> {
	const pages = await readAvailabilityPages(hubspot, link, query);
	return slotsOfPages(pages, link, query);
}

/** The availability pages (one per calendar month) that cover the query's range. */
export async function readAvailabilityPages(
	hubspot: HubSpotClient,
	link: MeetingLink,
	query: SlotQuery,
): Promise<AvailabilityPage[]> {
	const offsets = monthOffsetsForRange(
		link.infoZone,
		query.nowMs,
		query.rangeStartMs,
		query.rangeEndMs,
	);
	return await Promise.all(
		offsets.map(async (monthOffset) => await availabilityPage(hubspot, link, monthOffset)),
	);
}

export function slotsOfPages(
	pages: AvailabilityPage[],
	link: MeetingLink,
	query: SlotQuery,
): Slot[] {
	const ready = pages.every((page) => page.linkAvailability);
	if (!ready && query.busyTimesZone === undefined) throw new BusyTimesZoneMissing(link.slug);
	const slots = ready
		? pages.flatMap((page) => readySlots(page, query.durationMs))
		: computeFromBusyTimes(pages, link.info, query);
	return uniqueSorted(
		slots.filter((slot) => slot.startMs >= query.rangeStartMs && slot.startMs < query.rangeEndMs),
	);
}

async function availabilityPage(
	hubspot: HubSpotClient,
	link: MeetingLink,
	monthOffset: number,
): Promise<AvailabilityPage> {
	if (monthOffset === 0 && link.info.linkAvailability) return link.info;
	return await hubspot.request(
		{
			method: 'GET',
			path: paths.availabilityPage(link.slug),
			qs: { timezone: link.infoZone, monthOffset },
			what: `read the availability of "${link.slug}"`,
			shareWithinExecution: link.shared,
		},
		availabilityPageSchema,
	);
}

function readySlots(page: AvailabilityPage, durationMs: number): Slot[] {
	const ready = page.linkAvailability?.linkAvailabilityByDuration[String(durationMs)];
	return (ready?.availabilities ?? []).map((slot) => ({
		startMs: slot.startMillisUtc,
		endMs: slot.endMillisUtc,
	}));
}

/**
 * Some links answer with busy times only; then the slots follow from the link's own rules. Busy
 * times of every page are pooled first: a page covers one month, and a slot near the end of one
 * month must also respect what the next month's page knows.
 */
function computeFromBusyTimes(
	pages: AvailabilityPage[],
	info: BookingInfo,
	query: SlotQuery,
): Slot[] {
	const params = info.customParams;
	// HubSpot does not say which zone the link's weekly hours are in (the organizer's): the caller's
	// explicit Time Zone stands in for it, and without one the operation refuses (busyTimesZone).
	const zone = query.busyTimesZone ?? query.zone;
	const horizonMs = advertisedUntil(zone, query.nowMs, params.weeksToAdvertise);
	const slotRequest = {
		rangeStartMs: query.rangeStartMs,
		rangeEndMs: Math.min(query.rangeEndMs, horizonMs),
		zone,
		weeklyHours: params.availability,
		durationMs: query.durationMs,
		bufferMs: params.meetingBufferTime,
		incrementMinutes: incrementMinutesFromSetting(
			params.startTimeIncrementMinutes,
			query.durationMs,
		),
		minimumNoticeMs: 0,
		nowMs: query.nowMs,
	};
	const members = busyTimesByMember(pages);
	if (info.linkType === 'ROUND_ROBIN_CALENDAR') {
		// Round robin: a time works when any one member is free.
		return members.flatMap((busy) => computeFreeSlots({ ...slotRequest, busy }));
	}
	return computeFreeSlots({ ...slotRequest, busy: members.flat() });
}

/** The link shows this many weeks from today's midnight in its zone; without the setting, no limit. */
function advertisedUntil(zone: string, nowMs: number, weeks: number | undefined): number {
	if (weeks === undefined || weeks <= 0) return Number.POSITIVE_INFINITY;
	return DateTime.fromMillis(nowMs, { zone }).startOf('day').plus({ weeks }).toMillis();
}

const memberSchema = z.object({
	meetingsUser: z.object({ userId: z.union([z.string(), z.number()]) }),
});

/** Members with a connected calendar, each with the busy times of all pages; keyed by user id when HubSpot sends one. */
function busyTimesByMember(
	pages: AvailabilityPage[],
): Array<Array<{ startMs: number; endMs: number }>> {
	const members = new Map<string, Array<{ startMs: number; endMs: number }>>();
	for (const page of pages) {
		page.allUsersBusyTimes.forEach((user: UserBusyTimes, index) => {
			if (user.isOffline) return;
			const parsed = memberSchema.safeParse(user);
			const key = parsed.success ? `user:${parsed.data.meetingsUser.userId}` : `index:${index}`;
			const busy = (user.busyTimes ?? []).map((time) => ({ startMs: time.start, endMs: time.end }));
			members.set(key, [...(members.get(key) ?? []), ...busy]);
		});
	}
	return [...members.values()];
}

function uniqueSorted(slots: Slot[]): Slot[] {
	const byStart = new Map<number, Slot>();
	for (const slot of slots) byStart.set(slot.startMs, slot);
	return [...byStart.values()].sort((a, b) => a.startMs - b.startMs);
}

/** Thrown when a link answers with busy times only and no explicit Time Zone says where its hours are. */
export class BusyTimesZoneMissing extends Error {
	constructor(readonly slug: string) {
		super(
			`The meeting link "${slug}" answers with busy times only, so its free times must be worked out from its weekly hours, which are in the organizer's time zone. HubSpot does not say which zone that is: set the Time Zone field to the organizer's IANA zone (for example America/New_York).`,
		);
		this.name = 'BusyTimesZoneMissing';
	}
}

/** The user ids HubSpot lists for the link (its organizer and members), in HubSpot's order. */
export function linkUserIds(link: MeetingLink): string[] {
	return link.info.allUsersBusyTimes.flatMap((user) => {
		const parsed = memberSchema.safeParse(user);
		return parsed.success ? [String(parsed.data.meetingsUser.userId)] : [];
	});
}

/** Members whose calendar is connected and free for [startMs, endMs) on these pages, in HubSpot's order. */
export function freeUserIds(pages: AvailabilityPage[], startMs: number, endMs: number): string[] {
	const busyOf = new Map<string, boolean>();
	for (const page of pages) {
		for (const user of page.allUsersBusyTimes) {
			const parsed = memberSchema.safeParse(user);
			if (!parsed.success) continue;
			const id = String(parsed.data.meetingsUser.userId);
			const overlaps =
				user.isOffline === true ||
				(user.busyTimes ?? []).some((time) => time.start < endMs && time.end > startMs);
			busyOf.set(id, (busyOf.get(id) ?? false) || overlaps);
		}
	}
	return [...busyOf].filter(([, busy]) => !busy).map(([id]) => id);
}

/**
 * The book body's time fields, in the one form the node sends. HubSpot's 2026-09 spec
 * (ExternalMeetingBooking) documents `startTime` as an ISO 8601 date-time string and `duration` as
 * int64 milliseconds, and that is what goes out. Field reports from v3 (2026-08) saw epoch-ms numbers
 * for both accepted, and the 2026-03 spec documents `duration` in minutes; which of these a live
 * 2026-09 portal takes is not confirmed (README, "Not confirmed on a live portal").
 */
export function bookingTimeFields(
	startMs: number,
	durationMs: number,
): { startTime: string; duration: number } {
	return { startTime: new Date(startMs).toISOString(), duration: durationMs };
}
