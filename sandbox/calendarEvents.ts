/**
 * Calendar events on a HubSpot user's connected calendar, as HubSpot's scheduler writes them: the
 * meeting-link booking and POST /scheduler/{version}/meetings/calendar each create one event plus
 * its CRM meeting. Only these events make a user busy. A CRM meeting created through the objects
 * API writes no calendar event (HubSpot docs), so it never blocks availability.
 *
 * Our assumption (not documented by HubSpot): archiving the CRM meeting, or setting its outcome to
 * CANCELED, removes the event from the organizer's calendar. The node never relies on it: it says
 * the calendar event is "not known to be removed".
 */
import { randomBytes } from 'node:crypto';
import type { SandboxContext } from './context';
import type { CrmRecord } from './crmRecords';
import type { CalendarEvent } from './state';

export function newCalendarEventId(): string {
	return randomBytes(13).toString('hex');
}

export function attachCalendarEvent(
	ctx: SandboxContext,
	meeting: CrmRecord,
	userId: string,
	eventId: string = newCalendarEventId(),
): CalendarEvent {
	const event = { eventId, userId, meetingId: meeting.id };
	ctx.state.calendarEvents.set(meeting.id, event);
	return event;
}

/** The events on a user's calendar whose CRM meeting is still live (see the assumption above). */
export function liveEventsOf(
	ctx: SandboxContext,
	userId: string,
): Array<{ event: CalendarEvent; meeting: CrmRecord }> {
	const live: Array<{ event: CalendarEvent; meeting: CrmRecord }> = [];
	for (const event of ctx.state.calendarEvents.values()) {
		if (event.userId !== userId) continue;
		const meeting = ctx.state.meetings.get(event.meetingId);
		if (!meeting || meeting.archived || meeting.properties.hs_meeting_outcome === 'CANCELED')
			continue;
		live.push({ event, meeting });
	}
	return live;
}
