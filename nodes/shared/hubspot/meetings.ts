import { NodeOperationError } from 'n8n-workflow';

import type { HubSpotClient } from '../transport/client';
import { paths } from '../transport/paths';
import {
	associationsBatchSchema,
	batchReadSchema,
	crmObjectSchema,
	searchPageSchema,
} from '../transport/schemas';
import type { CrmObject } from '../transport/schemas';
import { BATCH_LIMIT, chunk } from './paging';

export const MEETING_PROPERTIES = [
	'hs_meeting_title',
	'hs_meeting_start_time',
	'hs_meeting_end_time',
	'hs_meeting_outcome',
	'hs_meeting_location',
	'hs_meeting_external_url',
	'hubspot_owner_id',
];

export interface Meeting {
	id: string;
	title: string;
	startMs: number;
	endMs: number;
	outcome: string;
	location?: string;
	/** hubspot_owner_id: whose meeting it is (the organizer, for a scheduler booking). */
	ownerId?: string;
}

export function toMeeting(record: CrmObject): Meeting | undefined {
	const startMs = timeOf(record.properties.hs_meeting_start_time);
	if (startMs === undefined) return undefined;
	return {
		id: record.id,
		title: record.properties.hs_meeting_title ?? 'Meeting',
		startMs,
		endMs: timeOf(record.properties.hs_meeting_end_time) ?? startMs,
		outcome: record.properties.hs_meeting_outcome ?? '',
		location: record.properties.hs_meeting_location ?? undefined,
		ownerId: record.properties.hubspot_owner_id ?? undefined,
	};
}

/** HubSpot returns datetimes as ISO strings but accepts and sometimes returns epoch ms. */
function timeOf(value: string | null | undefined): number | undefined {
	if (!value) return undefined;
	const asNumber = Number(value);
	const ms = Number.isFinite(asNumber) ? asNumber : Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

export const isActive = (meeting: Meeting) =>
	meeting.outcome !== 'CANCELED' && meeting.outcome !== 'RESCHEDULED';

export async function readMeetings(hubspot: HubSpotClient, ids: string[]): Promise<Meeting[]> {
	if (ids.length === 0) return [];
	const pages = await Promise.all(
		chunk([...new Set(ids)], BATCH_LIMIT).map(
			async (inputs) =>
				await hubspot.request(
					{
						method: 'POST',
						path: paths.meetingsBatchRead(),
						kind: 'read',
						body: { properties: MEETING_PROPERTIES, inputs: inputs.map((id) => ({ id })) },
						what: 'read meetings',
					},
					batchReadSchema,
				),
		),
	);
	return pages.flatMap((page) => page.results).flatMap((record) => toMeeting(record) ?? []);
}

export async function readMeeting(hubspot: HubSpotClient, id: string): Promise<Meeting | null> {
	const record = await hubspot.requestOrNull(
		{
			method: 'GET',
			path: paths.meeting(id),
			qs: { properties: MEETING_PROPERTIES.join(',') },
			what: `read meeting ${id}`,
		},
		crmObjectSchema,
	);
	return record ? (toMeeting(record) ?? null) : null;
}

/**
 * HubSpot pages a contact's meetings: at most 100 per contact per batch read, with
 * `paging.next.after`, which goes back beside the contact's id for the next page. Without following
 * it, a contact with many meetings loses the newest ones (associations come oldest first).
 */
const MAX_ASSOCIATION_PAGES = 100;

/** Every meeting id of each contact: one call per 1,000 contacts, plus one per further page. */
export async function meetingIdsOfContacts(
	hubspot: HubSpotClient,
	contactIds: string[],
): Promise<Map<string, string[]>> {
	const result = new Map<string, string[]>();
	let pending: Array<{ id: string; after?: string }> = [...new Set(contactIds)].map((id) => ({
		id,
	}));
	for (let page = 1; pending.length > 0; page++) {
		if (page > MAX_ASSOCIATION_PAGES) {
			throw new NodeOperationError(
				hubspot.node,
				`HubSpot kept paging a contact's meetings past ${MAX_ASSOCIATION_PAGES * 100}, so I stopped reading them and changed nothing.`,
			);
		}
		const answers = await Promise.all(
			chunk(pending, 1000).map(
				async (inputs) =>
					await hubspot.request(
						{
							method: 'POST',
							path: paths.contactMeetingAssociationsBatchRead(),
							kind: 'read',
							body: { inputs },
							what: "read the contacts' meetings",
						},
						associationsBatchSchema,
					),
			),
		);
		pending = [];
		for (const entry of answers.flatMap((answer) => answer.results)) {
			const known = result.get(entry.from.id) ?? [];
			result.set(entry.from.id, [...known, ...entry.to.map((to) => to.toObjectId)]);
			const after = entry.paging?.next?.after;
			if (after !== undefined) pending.push({ id: entry.from.id, after });
		}
	}
	return result;
}

/**
 * The meeting ids of a contact read with `associations=meetings`. That list pages too; its cursor is
 * not documented as valid for the batch read, so a paged list is read again there, whole.
 */
export async function meetingIdsOfContact(
	hubspot: HubSpotClient,
	contact: CrmObject,
): Promise<string[]> {
	const embedded = contact.associations?.meetings;
	const ids = embedded?.results.map((ref) => ref.id) ?? [];
	if (embedded?.paging?.next === undefined) return ids;
	return (await meetingIdsOfContacts(hubspot, [contact.id])).get(contact.id) ?? ids;
}

/**
 * Meetings that start exactly at startMs; used only when no contact narrows the search. `complete`
 * is false when HubSpot has more matches than one page holds (cancelled ones included), so the
 * caller cannot know that the meeting it found is the only one.
 */
export async function searchMeetingsStartingAt(
	hubspot: HubSpotClient,
	startMs: number,
): Promise<{ meetings: Meeting[]; complete: boolean }> {
	const page = await hubspot.request(
		{
			method: 'POST',
			path: paths.meetingsSearch(),
			kind: 'search',
			body: {
				filterGroups: [
					{
						filters: [
							{
								propertyName: 'hs_meeting_start_time',
								operator: 'BETWEEN',
								value: String(startMs),
								highValue: String(startMs + 59_999),
							},
						],
					},
				],
				properties: MEETING_PROPERTIES,
				limit: 100,
			},
			what: 'search meetings by start time',
		},
		searchPageSchema,
	);
	return {
		meetings: page.results.flatMap((record) => toMeeting(record) ?? []),
		complete: page.paging?.next === undefined && (page.total ?? 0) <= page.results.length,
	};
}

export async function archiveMeeting(hubspot: HubSpotClient, id: string): Promise<void> {
	await hubspot.send({
		method: 'DELETE',
		path: paths.meeting(id),
		kind: 'idempotent-write',
		what: `cancel meeting ${id}`,
	});
}

export async function markMeetingCanceled(hubspot: HubSpotClient, id: string): Promise<void> {
	await hubspot.request(
		{
			method: 'PATCH',
			path: paths.meeting(id),
			kind: 'idempotent-write',
			body: { properties: { hs_meeting_outcome: 'CANCELED' } },
			what: `mark meeting ${id} as canceled`,
		},
		crmObjectSchema,
	);
}

export async function createMeeting(
	hubspot: HubSpotClient,
	contactId: string,
	properties: Record<string, string>,
): Promise<string> {
	const record = await hubspot.request(
		{
			method: 'POST',
			path: paths.meetings(),
			body: {
				properties,
				associations: [
					{
						to: { id: contactId },
						types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 200 }],
					},
				],
			},
			what: 'create the meeting',
		},
		crmObjectSchema,
	);
	return record.id;
}
