/**
 * POST /scheduler/{version}/meetings/calendar?organizerUserId= (spec: ExternalCalendarMeetingEventCreateRequest
 * → ExternalCalenderMeetingEventResponse): a calendar event on the organizer's calendar plus its CRM
 * meeting, associated as the request says. Our assumptions: it does not check the organizer's
 * availability (it is a calendar write, not a booking), and it refuses an organizer whose calendar is
 * disconnected, since there is no calendar to write to.
 */
import { z } from 'zod';
import { MEETING_TO_CONTACT_TYPE_ID } from '../associations';
import { attachCalendarEvent } from '../calendarEvents';
import { findContact } from '../contactStore';
import type { SandboxContext } from '../context';
import { parseDatetime } from '../crmRecords';
import { validationError } from '../errors';
import { createMeeting } from '../meetingStore';
import { parseBodyWith } from '../requestBody';
import type { ApiRequest, ApiResponse, Route } from '../router';
import { SCHEDULER_BOOK } from '../scopes';
import { associatedIds, inlineAssociationsSchema } from './crmShared';

const reminderSchema = z.object({
	numberOfTimeUnits: z.number().int(),
	timeUnit: z.enum(['DAYS', 'HOURS', 'MINUTES', 'WEEKS']),
});

const isoDateTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), {
	message: 'must be an ISO 8601 date-time',
});

const requestSchema = z.object({
	associations: inlineAssociationsSchema.unwrap(),
	emailReminderSchedule: z.object({
		reminders: z.array(reminderSchema),
		shouldIncludeInviteDescription: z.boolean(),
	}),
	properties: z
		.object({
			hs_meeting_end_time: isoDateTime,
			hs_meeting_outcome: z.string(),
			hs_meeting_start_time: isoDateTime,
			hs_meeting_title: z.string(),
			hs_timestamp: isoDateTime,
			hubspot_owner_id: z.string(),
			hs_meeting_body: z.string().optional(),
			hs_meeting_location: z.string().optional(),
			hs_internal_meeting_notes: z.string().optional(),
			hs_activity_type: z.string().optional(),
			hs_attachment_ids: z.array(z.string()).optional(),
			hs_attendee_owner_ids: z.array(z.string()).optional(),
			hs_meeting_location_type: z.enum(['ADDRESS', 'CUSTOM', 'PHONE']).optional(),
		})
		.strict(),
	timezone: z.string(),
});

/** The calendar endpoint takes id lists as arrays; CRM properties hold them `;`-separated (CRM docs). */
function crmProperties(
	properties: Record<string, string | string[] | undefined>,
): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(properties))
		if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(';') : value;
	return flat;
}

function createCalendarMeeting(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const organizerUserId = req.query.get('organizerUserId');
	if (!organizerUserId) throw validationError('organizerUserId is required');
	const organizer = ctx.state.users.get(organizerUserId);
	if (!organizer) throw validationError(`${organizerUserId} is not a valid organizerUserId`);
	if (!organizer.calendarConnected)
		throw validationError(`The calendar of user ${organizerUserId} is not connected`);
	const body = parseBodyWith(requestSchema, req.body);
	const start = parseDatetime(body.properties.hs_meeting_start_time) ?? 0;
	const end = parseDatetime(body.properties.hs_meeting_end_time) ?? 0;
	if (end <= start)
		throw validationError('hs_meeting_end_time must be after hs_meeting_start_time');
	const contactIds = associatedIds(
		body.associations,
		MEETING_TO_CONTACT_TYPE_ID,
		(id) => !!findContact(ctx, id, null),
	);
	const record = createMeeting(
		ctx,
		{
			...crmProperties(body.properties),
			hs_meeting_source: 'MEETINGS',
			hs_engagement_source: 'MEETINGS',
		},
		contactIds,
	);
	const event = attachCalendarEvent(ctx, record, organizerUserId);
	record.properties.hs_unique_id = event.eventId;
	record.properties.hs_meeting_external_url = `https://calendar.sandbox.test/event/${event.eventId}`;
	const at = new Date(record.createdAt).toISOString();
	return {
		status: 200,
		body: {
			id: record.id,
			createdAt: at,
			lastUpdatedAt: at,
			properties: {
				...body.properties,
				hs_engagement_source: 'MEETINGS',
				hs_engagement_source_id: '',
				hs_unique_id: event.eventId,
				hs_meeting_external_url: record.properties.hs_meeting_external_url,
			},
		},
	};
}

export const calendarRoutes: Route[] = ['2026-03', '2026-09'].map(
	(version): Route => ({
		method: 'POST',
		path: `/scheduler/${version}/meetings/calendar`,
		kind: 'api',
		auth: SCHEDULER_BOOK,
		handle: createCalendarMeeting,
	}),
);
