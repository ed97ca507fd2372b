/**
 * CRM meeting writes. A meeting owned by a meeting-link member makes that member busy, so these
 * records feed availability as well as the CRM endpoints.
 */
import type { SandboxContext } from './context';
import {
	type CrmRecord,
	type PropertyProblem,
	mergeProperties,
	propertyValidationError,
	recordIndexVersion,
} from './crmRecords';

function validate(ctx: SandboxContext, properties: Record<string, string>): void {
	const problems: PropertyProblem[] = [];
	if (!properties.hs_timestamp) {
		problems.push({
			name: 'hs_timestamp',
			error: 'REQUIRED_PROPERTY',
			message: 'hs_timestamp is required',
		});
	}
	const owner = properties.hubspot_owner_id;
	if (owner && !ctx.state.userByOwnerId(owner)) {
		problems.push({
			name: 'hubspot_owner_id',
			error: 'INVALID_OWNER_ID',
			message: `${owner} is not a valid owner id`,
		});
	}
	if (problems.length > 0) throw propertyValidationError(problems);
}

function touch(ctx: SandboxContext, record: CrmRecord, now: number): void {
	record.properties.hs_lastmodifieddate = new Date(now).toISOString();
	record.updatedAt = now;
	recordIndexVersion(record, now, ctx.config.searchIndexLagMs);
}

/** `hs_timestamp` is required but HubSpot fills it from `hs_meeting_start_time` when it is missing. */
function withTimestampDefault(properties: Record<string, string>): Record<string, string> {
	if (properties.hs_timestamp || !properties.hs_meeting_start_time) return properties;
	return { ...properties, hs_timestamp: properties.hs_meeting_start_time };
}

export function createMeeting(
	ctx: SandboxContext,
	input: Record<string, string>,
	contactIds: readonly string[],
	createdAt: number = ctx.now(),
): CrmRecord {
	const properties = withTimestampDefault(mergeProperties({}, input));
	validate(ctx, properties);
	const id = ctx.state.nextMeetingId();
	const record: CrmRecord = {
		id,
		objectType: 'meetings',
		properties: {
			...properties,
			hs_object_id: id,
			hs_createdate: new Date(createdAt).toISOString(),
		},
		createdAt,
		updatedAt: createdAt,
		archived: false,
		indexVersions: [],
	};
	touch(ctx, record, createdAt);
	ctx.state.meetings.set(id, record);
	for (const contactId of contactIds) ctx.state.associations.add(contactId, id);
	return record;
}

export function updateMeeting(
	ctx: SandboxContext,
	record: CrmRecord,
	changes: Record<string, string>,
): CrmRecord {
	const properties = mergeProperties(record.properties, changes);
	validate(ctx, properties);
	record.properties = { ...properties, hs_object_id: record.id };
	touch(ctx, record, ctx.now());
	return record;
}

export function archiveMeeting(ctx: SandboxContext, record: CrmRecord): void {
	const now = ctx.now();
	record.archived = true;
	record.archivedAt = now;
	record.updatedAt = now;
}

export function findMeeting(ctx: SandboxContext, id: string): CrmRecord | undefined {
	const record = ctx.state.meetings.get(id);
	return record && !record.archived ? record : undefined;
}
