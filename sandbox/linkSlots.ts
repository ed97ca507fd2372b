/**
 * Connects a meeting link to the availability oracle: its rules, its members' busy times, and the
 * `allUsersBusyTimes` / `linkAvailability` payloads HubSpot returns.
 */
import {
	type Interval,
	type LinkRules,
	type MemberMode,
	type SlotQuery,
	computeSlots,
	horizonEnd,
	monthWindow,
} from './availability';
import { userBusy } from './busyTimes';
import type { SandboxContext } from './context';
import type { FixtureMeetingLink } from './fixtureSchema';

export function rulesOf(link: FixtureMeetingLink): LinkRules {
	return {
		timeZone: link.timeZone,
		availability: link.availability,
		durationsMs: link.durationsMs,
		bufferMs: link.bufferMs,
		startTimeIncrement: link.startTimeIncrement,
		minimumNoticeMs: link.minimumNoticeMs,
		weeksToAdvertise: link.weeksToAdvertise,
	};
}

export function memberModeOf(link: FixtureMeetingLink): MemberMode {
	return link.type === 'ROUND_ROBIN_CALENDAR' ? 'any' : 'all';
}

/** Busy time is fetched a little wider than the slot range so buffers at the edges are honoured. */
export function slotQueryFor(
	ctx: SandboxContext,
	link: FixtureMeetingLink,
	from: number,
	to: number,
): SlotQuery {
	const margin = link.bufferMs + Math.max(...link.durationsMs);
	return {
		rules: rulesOf(link),
		memberBusy: link.memberUserIds.map((userId) =>
			userBusy(ctx, userId, from - margin, to + margin),
		),
		mode: memberModeOf(link),
		now: ctx.now(),
		from,
		to,
	};
}

export function meetingsUserId(userId: string): string {
	return String(Number(userId) + 700_000);
}

export function allUsersBusyTimes(
	ctx: SandboxContext,
	link: FixtureMeetingLink,
	from: number,
	to: number,
) {
	return link.memberUserIds.flatMap((userId) => {
		const user = ctx.state.users.get(userId);
		if (!user) return [];
		return [
			{
				isOffline: !user.calendarConnected,
				meetingsUser: {
					id: meetingsUserId(user.userId),
					userId: user.userId,
					isSalesStarter: false,
					calendarProvider: user.calendarProvider,
					userProfile: {
						email: user.email,
						firstName: user.firstName,
						lastName: user.lastName,
						fullName: `${user.firstName} ${user.lastName}`,
					},
				},
				busyTimes: userBusy(ctx, userId, from, to).map(({ start, end }) => ({ start, end })),
			},
		];
	});
}

function byDuration(slots: Map<number, Interval[]>) {
	const result: Record<
		string,
		{
			meetingDurationMillis: number;
			availabilities: Array<{ startMillisUtc: number; endMillisUtc: number }>;
		}
	> = {};
	for (const [duration, list] of slots) {
		result[String(duration)] = {
			meetingDurationMillis: duration,
			availabilities: list.map((slot) => ({ startMillisUtc: slot.start, endMillisUtc: slot.end })),
		};
	}
	return result;
}

/** The availability page for one calendar month (in the viewer's time zone). */
export function availabilityPage(
	ctx: SandboxContext,
	link: FixtureMeetingLink,
	timeZone: string,
	monthOffset: number,
) {
	const now = ctx.now();
	const month = monthWindow(timeZone, now, monthOffset);
	const horizon = horizonEnd(rulesOf(link), now);
	const busy = allUsersBusyTimes(ctx, link, month.start, month.end);
	if (!link.publishesLinkAvailability) return { allUsersBusyTimes: busy };
	const slots = computeSlots(slotQueryFor(ctx, link, month.start, month.end));
	return {
		linkAvailability: {
			linkAvailabilityByDuration: byDuration(slots),
			hasMore: horizon > month.end,
		},
		allUsersBusyTimes: busy,
	};
}
