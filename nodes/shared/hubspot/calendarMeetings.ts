import { z } from 'zod';

import type { HubSpotClient } from '../transport/client';
import { paths } from '../transport/paths';
import { crmObjectSchema, searchPageSchema } from '../transport/schemas';
import { MEETING_PROPERTIES, toMeeting } from './meetings';
import type { Meeting } from './meetings';

/**
 * The scheduler's calendar endpoint (POST /scheduler/{version}/meetings/calendar): one write that
 * puts an event on the organizer's connected calendar and creates the CRM meeting, associated with
 * the contact. Unlike a CRM meeting made through the objects API, the event makes the organizer busy,
 * so HubSpot's availability stops offering the slot. HubSpot has no endpoint that cancels or moves
 * such an event.
 */
export interface CalendarMeetingInput {
	organizerUserId: string;
	ownerId: string;
	contactId: string;
	startMs: number;
	endMs: number;
	title: string;
	body?: string;
	zone: string;
}

const calendarMeetingSchema = z
	.object({
		id: z.union([z.string(), z.number()]).transform(String),
		properties: z.record(z.string().nullish()).default({}),
	})
	.passthrough();

export async function createCalendarMeeting(
	hubspot: HubSpotClient,
	input: CalendarMeetingInput,
): Promise<{ meetingId: string; calendarEventId: string | null }> {
	const start = new Date(input.startMs).toISOString();
	const response = await hubspot.request(
		{
			method: 'POST',
			path: paths.calendarMeeting(),
			qs: { organizerUserId: input.organizerUserId },
			body: {
				properties: {
					hs_timestamp: start,
					hs_meeting_start_time: start,
					hs_meeting_end_time: new Date(input.endMs).toISOString(),
					hs_meeting_title: input.title,
					hs_meeting_outcome: 'SCHEDULED',
					hubspot_owner_id: input.ownerId,
					...(input.body ? { hs_meeting_body: input.body } : {}),
				},
				associations: [
					{
						to: { id: input.contactId },
						types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 200 }],
					},
				],
				// HubSpot's own reminder emails stay off: the voice agent or the workflow decides on reminders.
				emailReminderSchedule: { reminders: [], shouldIncludeInviteDescription: false },
				timezone: input.zone,
			},
			what: 'create the calendar event and meeting',
		},
		calendarMeetingSchema,
	);
	return { meetingId: response.id, calendarEventId: response.properties.hs_unique_id ?? null };
}

export interface OwnedMeeting extends Meeting {
	ownerId: string;
	createdMs: number;
	/** hs_unique_id: the calendar event the scheduler wrote for this meeting, when HubSpot says. */
	uniqueId?: string;
}

/**
 * Which meetings a slot search returns: the organizer's meetings overlapping [startMs, endMs), the
 * guest contact's meetings starting exactly at startMs (copies of one booking), or both in one search
 * (two filter groups, which HubSpot joins with OR).
 */
export interface SlotSearch {
	startMs: number;
	endMs: number;
	ownerId?: string;
	contactId?: string;
}

/**
 * The meetings of a slot through CRM search. Search is eventually consistent (HubSpot indexes a
 * write a moment later), so callers check that their own write is among the results before they
 * trust the answer.
 */
export async function searchSlotMeetings(
	hubspot: HubSpotClient,
	search: SlotSearch,
): Promise<OwnedMeeting[]> {
	const filterGroups = [];
	if (search.ownerId !== undefined) {
		filterGroups.push({
			filters: [
				{ propertyName: 'hubspot_owner_id', operator: 'EQ', value: search.ownerId },
				{ propertyName: 'hs_meeting_start_time', operator: 'LT', value: String(search.endMs) },
				{ propertyName: 'hs_meeting_end_time', operator: 'GT', value: String(search.startMs) },
			],
		});
	}
	if (search.contactId !== undefined) {
		filterGroups.push({
			filters: [
				{ propertyName: 'associations.contact', operator: 'EQ', value: search.contactId },
				{ propertyName: 'hs_meeting_start_time', operator: 'EQ', value: String(search.startMs) },
			],
		});
	}
	const page = await hubspot.request(
		{
			method: 'POST',
			path: paths.meetingsSearch(),
			kind: 'search',
			body: {
				filterGroups,
				properties: [
					...MEETING_PROPERTIES,
					'hs_createdate',
					// A Meeting Link booking recognises its meeting by the calendar event id.
					...(search.ownerId === undefined ? ['hs_unique_id'] : []),
				],
				limit: 100,
			},
			what:
				search.ownerId !== undefined
					? "check the organizer's meetings at that time"
					: "check the guest's meetings at that time",
		},
		searchPageSchema,
	);
	return page.results.flatMap((record) => {
		const meeting = toMeeting(record);
		if (!meeting) return [];
		const created = Date.parse(record.properties.hs_createdate ?? record.createdAt ?? '');
		return [
			{
				...meeting,
				ownerId: record.properties.hubspot_owner_id ?? '',
				createdMs: Number.isFinite(created) ? created : Number.POSITIVE_INFINITY,
				...(record.properties.hs_unique_id ? { uniqueId: record.properties.hs_unique_id } : {}),
			},
		];
	});
}

/** The contact ids a meeting is associated with (one read of the meeting with its associations). */
export async function contactsOfMeeting(
	hubspot: HubSpotClient,
	meetingId: string,
): Promise<string[]> {
	const record = await hubspot.requestOrNull(
		{
			method: 'GET',
			path: paths.meeting(meetingId),
			kind: 'read',
			qs: { associations: 'contacts', properties: 'hs_meeting_start_time' },
			what: `read the contacts of meeting ${meetingId}`,
		},
		crmObjectSchema,
	);
	return record?.associations?.contacts?.results.map((ref) => ref.id) ?? [];
}
