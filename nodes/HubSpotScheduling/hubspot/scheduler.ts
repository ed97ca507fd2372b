import { DateTime } from 'luxon';
import type { z } from 'zod';

import { computeFreeSlots, incrementMinutesFromSetting } from '../../shared/domain/slots';
import type { HubSpotClient } from '../../shared/transport/client';
import { paths } from '../../shared/transport/paths';
import { availabilityPageSchema, bookingInfoSchema } from '../../shared/transport/schemas';

export type BookingInfo = z.infer<typeof bookingInfoSchema>;
type AvailabilityPage = z.infer<typeof availabilityPageSchema>;

export interface Slot {
	startMs: number;
	endMs: number;
}

export async function getBookingInfo(
	hubspot: HubSpotClient,
	slug: string,
	zone: string,
): Promise<BookingInfo> {
	return await hubspot.request(
		{
			method: 'GET',
			path: paths.bookingInfo(slug),
			qs: { timezone: zone },
			what: `read the meeting link "${slug}"`,
		},
		bookingInfoSchema,
	);
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
 * Free slots of one duration inside [rangeStart, rangeEnd). The booking info already carries the
 * current month's availability, so only the other months the range touches are fetched, in parallel.
 */
export async function findSlots(
	hubspot: HubSpotClient,
	request: {
		slug: string;
		zone: string;
		durationMs: number;
		rangeStartMs: number;
		rangeEndMs: number;
		nowMs: number;
	},
	bookingInfo: BookingInfo,
): Promise<Slot[]> {
	const offsets = monthOffsetsForRange(
		request.zone,
		request.nowMs,
		request.rangeStartMs,
		request.rangeEndMs,
	);
	const pages = await Promise.all(
		offsets.map(async (monthOffset) =>
			monthOffset === 0 && bookingInfo.linkAvailability !== undefined
				? (bookingInfo as AvailabilityPage)
				: await hubspot.request(
						{
							method: 'GET',
							path: paths.availabilityPage(request.slug),
							qs: { timezone: request.zone, monthOffset },
							what: `read the availability of "${request.slug}"`,
						},
						availabilityPageSchema,
					),
		),
	);
	const slots = pages.flatMap((page) => slotsOfPage(page, bookingInfo, request));
	return uniqueSorted(
		slots.filter(
			(slot) => slot.startMs >= request.rangeStartMs && slot.startMs < request.rangeEndMs,
		),
	);
}

function slotsOfPage(
	page: AvailabilityPage,
	bookingInfo: BookingInfo,
	request: {
		zone: string;
		durationMs: number;
		rangeStartMs: number;
		rangeEndMs: number;
		nowMs: number;
	},
): Slot[] {
	const ready = page.linkAvailability?.linkAvailabilityByDuration[String(request.durationMs)];
	if (page.linkAvailability) {
		return (ready?.availabilities ?? []).map((slot) => ({
			startMs: slot.startMillisUtc,
			endMs: slot.endMillisUtc,
		}));
	}
	return computeFromBusyTimes(page, bookingInfo, request);
}

/** Some links answer with busy times only; then the slots follow from the link's own rules. */
function computeFromBusyTimes(
	page: AvailabilityPage,
	bookingInfo: BookingInfo,
	request: {
		zone: string;
		durationMs: number;
		rangeStartMs: number;
		rangeEndMs: number;
		nowMs: number;
	},
): Slot[] {
	const params = bookingInfo.customParams;
	const users = page.allUsersBusyTimes.filter((user) => !user.isOffline);
	const slotRequest = {
		rangeStartMs: request.rangeStartMs,
		rangeEndMs: request.rangeEndMs,
		zone: params.timezone ?? request.zone,
		weeklyHours: params.availability,
		durationMs: request.durationMs,
		bufferMs: params.meetingBufferTime,
		incrementMinutes: incrementMinutesFromSetting(
			params.startTimeIncrementMinutes,
			request.durationMs,
		),
		minimumNoticeMs: 0,
		nowMs: request.nowMs,
	};
	const busyOf = (user: (typeof users)[number]) =>
		(user.busyTimes ?? []).map((busy) => ({ startMs: busy.start, endMs: busy.end }));
	if (bookingInfo.linkType === 'ROUND_ROBIN_CALENDAR') {
		// Round robin: a time works when any one member is free.
		return users.flatMap((user) => computeFreeSlots({ ...slotRequest, busy: busyOf(user) }));
	}
	return computeFreeSlots({ ...slotRequest, busy: users.flatMap(busyOf) });
}

function uniqueSorted(slots: Slot[]): Slot[] {
	const byStart = new Map<number, Slot>();
	for (const slot of slots) byStart.set(slot.startMs, slot);
	return [...byStart.values()].sort((a, b) => a.startMs - b.startMs);
}

export function linkTimeZone(bookingInfo: BookingInfo): string | undefined {
	return bookingInfo.customParams.timezone;
}
