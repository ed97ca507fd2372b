/**
 * A user's busy time: their calendar (recurring rules and one-off blocks from the fixture, only while
 * the calendar is connected) plus the calendar events HubSpot's scheduler wrote for them (link
 * bookings and the calendar endpoint) whose CRM meeting is neither archived nor CANCELED, plus slots
 * booked whose meeting is still to appear (see delayedEffects.ts). A CRM meeting created through the
 * objects API has no event and does not make anyone busy. Archiving or canceling a meeting frees the
 * slot again.
 */
import type { Interval } from './availability';
import { dayKeysFor, expandWeeklyRanges, mergeIntervals } from './availability';
import { liveEventsOf } from './calendarEvents';
import type { SandboxContext } from './context';
import { parseDatetime } from './crmRecords';
import type { FixtureUser } from './fixtureSchema';

function calendarBusy(
	ctx: SandboxContext,
	user: FixtureUser,
	from: number,
	to: number,
): Interval[] {
	if (!user.calendarConnected) return [];
	const recurring = ctx.state.fixture.busyTimes.recurring
		.filter((rule) => rule.userId === user.userId)
		.flatMap((rule) =>
			expandWeeklyRanges(
				rule.zone ?? user.timeZone,
				(weekday) =>
					dayKeysFor(weekday).some((key) => rule.days.includes(key))
						? [{ start: rule.start, end: rule.end }]
						: [],
				from,
				to,
			),
		);
	const oneOff = ctx.state.oneOffBusy
		.filter((block) => block.userId === user.userId && block.end > from && block.start < to)
		.map(({ start, end }) => ({ start, end }));
	return [...recurring, ...oneOff];
}

/** Calendar events only: a CRM meeting without an event (objects API) leaves the user free. */
function meetingBusy(ctx: SandboxContext, user: FixtureUser, from: number, to: number): Interval[] {
	const busy: Interval[] = [];
	for (const { meeting } of liveEventsOf(ctx, user.userId)) {
		const p = meeting.properties;
		const start = parseDatetime(p.hs_meeting_start_time ?? p.hs_timestamp ?? '');
		const end = parseDatetime(p.hs_meeting_end_time ?? '');
		if (start === undefined || end === undefined || end <= start) continue;
		if (end > from && start < to) busy.push({ start, end });
	}
	for (const held of ctx.bookingEffects.heldSlots()) {
		if (held.ownerId === user.ownerId && held.end > from && held.start < to)
			busy.push({ start: held.start, end: held.end });
	}
	return busy;
}

export function userBusy(
	ctx: SandboxContext,
	userId: string,
	from: number,
	to: number,
): Interval[] {
	const user = ctx.state.users.get(userId);
	if (!user) return [];
	return mergeIntervals([
		...calendarBusy(ctx, user, from, to),
		...meetingBusy(ctx, user, from, to),
	]);
}
