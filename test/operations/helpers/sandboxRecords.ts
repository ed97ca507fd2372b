import type { DateTime } from 'luxon';

import type { Sandbox } from '../../../sandbox/server';
import { SERVICE_KEY } from './schedulingRun';

export interface RecordView {
	id: string;
	archived: boolean;
	properties: Record<string, string>;
}

/** The live contact with this email (emails are stored lowercase), as the sandbox holds it. */
export function contactWithEmail(sandbox: Sandbox, email: string): RecordView | undefined {
	return [...sandbox.state.contacts.values()].find(
		(contact) => !contact.archived && contact.properties.email === email.toLowerCase(),
	);
}

export function contactsWithEmail(sandbox: Sandbox, email: string): RecordView[] {
	return [...sandbox.state.contacts.values()].filter(
		(contact) => !contact.archived && contact.properties.email === email.toLowerCase(),
	);
}

/** Every meeting associated with the contact, archived ones included, oldest id first. */
export function meetingsOfContact(sandbox: Sandbox, contactId: string): RecordView[] {
	return sandbox.state.associations
		.meetingsOf(contactId)
		.flatMap((id) => sandbox.state.meetings.get(id) ?? [])
		.sort((a, b) => Number(a.id) - Number(b.id));
}

/** Not archived and not marked canceled: what still occupies the guest's calendar. */
export function activeMeetingsOfContact(sandbox: Sandbox, contactId: string): RecordView[] {
	return meetingsOfContact(sandbox, contactId).filter(
		(meeting) => !meeting.archived && meeting.properties.hs_meeting_outcome !== 'CANCELED',
	);
}

export function startOf(meeting: RecordView): number {
	return Date.parse(meeting.properties.hs_meeting_start_time);
}

/**
 * A 30-minute SCHEDULED meeting on the contact (none when contactId is empty), created through the
 * sandbox's objects API as another tool would; `ownerId` sets hubspot_owner_id.
 */
export async function createMeetingFor(
	sandbox: Sandbox,
	contactId: string,
	start: DateTime,
	title: string,
	ownerId?: string,
): Promise<string> {
	const response = await fetch(`${sandbox.url}/crm/objects/2026-09/meetings`, {
		method: 'POST',
		headers: { authorization: `Bearer ${SERVICE_KEY}`, 'content-type': 'application/json' },
		body: JSON.stringify({
			properties: {
				hs_meeting_title: title,
				hs_meeting_start_time: String(start.toMillis()),
				hs_meeting_end_time: String(start.toMillis() + 1_800_000),
				hs_meeting_outcome: 'SCHEDULED',
				...(ownerId ? { hubspot_owner_id: ownerId } : {}),
			},
			associations: contactId
				? [
						{
							to: { id: contactId },
							types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 200 }],
						},
					]
				: [],
		}),
	});
	const { id } = (await response.json()) as { id: string };
	return id;
}

/**
 * Gives the contact `count` past COMPLETED meetings owned by Alex, straight into the sandbox's state
 * (hundreds of API creates would spend the rate window the test is about to use). Associated in
 * order, so a meeting associated afterwards lands on the next association page.
 */
export function addPastMeetings(sandbox: Sandbox, contactId: string, count: number): string[] {
	const ids: string[] = [];
	const firstStart = Date.parse('2025-01-06T15:00:00Z');
	for (let index = 0; index < count; index++) {
		const id = sandbox.state.nextMeetingId();
		const start = new Date(firstStart + index * 86_400_000).toISOString();
		const end = new Date(firstStart + index * 86_400_000 + 1_800_000).toISOString();
		sandbox.state.meetings.set(id, {
			id,
			objectType: 'meetings',
			properties: {
				hs_object_id: id,
				hs_meeting_title: `Past call ${index + 1}`,
				hs_meeting_start_time: start,
				hs_meeting_end_time: end,
				hs_timestamp: start,
				hs_meeting_outcome: 'COMPLETED',
				hubspot_owner_id: '51000001',
			},
			createdAt: Date.parse(start),
			updatedAt: Date.parse(start),
			archived: false,
			indexVersions: [],
		});
		sandbox.state.associations.add(contactId, id);
		ids.push(id);
	}
	return ids;
}
