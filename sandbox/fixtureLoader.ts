/**
 * Reads a fixture (file path, object or the default) and installs it into the state relative to
 * "now": one-off busy blocks and CRM meetings land on day offsets from today, contacts get creation
 * dates in the past.
 */
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { attachCalendarEvent } from './calendarEvents';
import { createContact } from './contactStore';
import type { SandboxContext } from './context';
import {
	type Fixture,
	type RelativeMoment,
	type SandboxFixture,
	fixtureSchema,
} from './fixtureSchema';
import defaultFixture from './fixtures/default.json';
import { createMeeting } from './meetingStore';

export function parseFixture(source: string | SandboxFixture | undefined): Fixture {
	const raw: unknown =
		source === undefined ? defaultFixture : typeof source === 'string' ? readJson(source) : source;
	const parsed = fixtureSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new Error(`Invalid sandbox fixture at ${issue?.path.join('.')}: ${issue?.message}`);
	}
	return parsed.data;
}

function readJson(path: string): unknown {
	return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/** Epoch ms of `day` days from today at `time` on the wall clock of the moment's zone. */
export function resolveMoment(moment: RelativeMoment, defaultZone: string, now: number): number {
	const [hour, minute] = moment.time.split(':').map(Number);
	return DateTime.fromMillis(now, { zone: moment.zone ?? defaultZone })
		.startOf('day')
		.plus({ days: moment.day })
		.set({ hour, minute })
		.toMillis();
}

const DAY_MS = 86_400_000;

export function installFixture(ctx: SandboxContext, fixture: Fixture): void {
	const { state } = ctx;
	const now = ctx.now();
	state.clear(fixture);
	const zoneOf = (userId: string) => state.users.get(userId)?.timeZone ?? fixture.portal.timeZone;

	state.oneOffBusy = fixture.busyTimes.oneOff.map((block) => {
		const start = resolveMoment(block.start, zoneOf(block.userId), now);
		return { userId: block.userId, start, end: start + block.durationMinutes * 60_000 };
	});

	const contactIds = new Map<string, string>();
	for (const contact of fixture.contacts) {
		const record = createContact(ctx, contact.properties, {
			createdAt: now - contact.createdDaysAgo * DAY_MS,
			changeSource: null,
		});
		contactIds.set(contact.key, record.id);
	}

	for (const meeting of fixture.meetings) {
		const owner = state.users.get(meeting.ownerUserId);
		const start = resolveMoment(meeting.start, zoneOf(meeting.ownerUserId), now);
		const end = start + meeting.durationMinutes * 60_000;
		const ids = meeting.contactKeys.map((key) => {
			const id = contactIds.get(key);
			if (!id)
				throw new Error(`Fixture meeting "${meeting.title}" names unknown contact key "${key}"`);
			return id;
		});
		const record = createMeeting(
			ctx,
			{
				hs_meeting_title: meeting.title,
				hs_meeting_start_time: new Date(start).toISOString(),
				hs_meeting_end_time: new Date(end).toISOString(),
				hs_timestamp: new Date(start).toISOString(),
				hs_meeting_outcome: meeting.outcome,
				hs_meeting_source: meeting.source,
				hubspot_owner_id: owner?.ownerId ?? '',
			},
			ids,
			Math.min(now, start) - DAY_MS,
		);
		if (meeting.calendarEvent) attachCalendarEvent(ctx, record, meeting.ownerUserId);
	}
}
