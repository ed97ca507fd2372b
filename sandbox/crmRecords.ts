/**
 * CRM records as HubSpot stores them: every property value is a string, datetimes are kept as ISO
 * UTC, and what search sees lags behind what GET sees (each write becomes searchable only after the
 * index lag, and until then search still sees the previous version).
 */
import { HubSpotError } from './errors';

export type ObjectType = 'contacts' | 'meetings';

export interface IndexVersion {
	visibleAt: number;
	properties: Record<string, string>;
}

export interface CrmRecord {
	id: string;
	objectType: ObjectType;
	properties: Record<string, string>;
	createdAt: number;
	updatedAt: number;
	archived: boolean;
	archivedAt?: number;
	indexVersions: IndexVersion[];
}

export const DATETIME_PROPERTIES: ReadonlySet<string> = new Set([
	'createdate',
	'lastmodifieddate',
	'hs_createdate',
	'hs_lastmodifieddate',
	'hs_timestamp',
	'hs_meeting_start_time',
	'hs_meeting_end_time',
	'closedate',
	'notes_last_updated',
]);

/** Enumeration properties compare case-sensitively in search; everything else ignores case. */
export const ENUMERATION_PROPERTIES: ReadonlySet<string> = new Set([
	'hs_meeting_outcome',
	'hs_meeting_source',
	'lifecyclestage',
	'hs_lead_status',
]);

const ALWAYS_RETURNED: Record<ObjectType, readonly string[]> = {
	contacts: ['createdate', 'hs_object_id', 'lastmodifieddate'],
	meetings: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

const RETURNED_BY_DEFAULT: Record<ObjectType, readonly string[]> = {
	contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
	meetings: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

export interface PropertyProblem {
	name: string;
	error: string;
	message: string;
}

/** HubSpot's 400 for bad property values: a JSON list inside the message plus an `errors` array. */
export function propertyValidationError(problems: PropertyProblem[]): HubSpotError {
	const listed = problems.map((p) => ({
		isValid: false,
		message: p.message,
		error: p.error,
		name: p.name,
	}));
	return new HubSpotError(400, {
		message: `Property values were not valid: ${JSON.stringify(listed)}`,
		errors: problems.map((p) => ({
			message: p.message,
			code: p.error,
			context: { propertyName: [p.name] },
		})),
		category: 'VALIDATION_ERROR',
	});
}

/** Accepts ISO 8601 or epoch milliseconds (number or digit string). */
export function parseDatetime(value: string | number): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	const trimmed = value.trim();
	if (/^-?\d+$/.test(trimmed)) return Number(trimmed);
	if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return undefined;
	const parsed = Date.parse(trimmed);
	return Number.isNaN(parsed) ? undefined : parsed;
}

/** Turns one incoming JSON property value into HubSpot's stored string form. */
export function normalizePropertyValue(
	name: string,
	value: unknown,
	problems: PropertyProblem[],
): string {
	if (value === null || value === undefined || value === '') return '';
	if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
		problems.push({
			name,
			error: 'INVALID_PROPERTY_VALUE',
			message: `${name} must be a string, number or boolean`,
		});
		return '';
	}
	if (!DATETIME_PROPERTIES.has(name)) return String(value);
	const ms = typeof value === 'boolean' ? undefined : parseDatetime(value);
	if (ms === undefined) {
		problems.push({
			name,
			error: 'INVALID_DATE',
			message: `${String(value)} was not a valid long or ISO 8601 datetime.`,
		});
		return '';
	}
	return new Date(ms).toISOString();
}

export function normalizeProperties(input: unknown): Record<string, string> {
	if (input === undefined) return {};
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new HubSpotError(400, {
			message: 'Invalid input JSON: "properties" must be an object of property names to values',
			category: 'VALIDATION_ERROR',
		});
	}
	const problems: PropertyProblem[] = [];
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(input))
		result[name] = normalizePropertyValue(name, value, problems);
	if (problems.length > 0) throw propertyValidationError(problems);
	return result;
}

/** Applies a write: '' clears a property, anything else replaces it. */
export function mergeProperties(
	current: Record<string, string>,
	changes: Record<string, string>,
): Record<string, string> {
	const merged = { ...current };
	for (const [name, value] of Object.entries(changes)) {
		if (value === '') delete merged[name];
		else merged[name] = value;
	}
	return merged;
}

export function recordIndexVersion(record: CrmRecord, now: number, lagMs: number): void {
	const visible = record.indexVersions.filter((v) => v.visibleAt <= now);
	const latestVisible = visible[visible.length - 1];
	const pending = record.indexVersions.filter((v) => v.visibleAt > now);
	record.indexVersions = [
		...(latestVisible ? [latestVisible] : []),
		...pending,
		{ visibleAt: now + lagMs, properties: { ...record.properties } },
	];
}

/** The properties search sees now, or undefined while the record is not yet indexed (or archived). */
export function searchableProperties(
	record: CrmRecord,
	now: number,
): Record<string, string> | undefined {
	if (record.archived) return undefined;
	let found: Record<string, string> | undefined;
	for (const version of record.indexVersions)
		if (version.visibleAt <= now) found = version.properties;
	return found;
}

export interface PublicObject {
	id: string;
	properties: Record<string, string | null>;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
	archivedAt?: string;
}

export function selectProperties(
	objectType: ObjectType,
	properties: Record<string, string>,
	requested: readonly string[] | undefined,
): Record<string, string | null> {
	const names =
		requested && requested.length > 0
			? new Set([...ALWAYS_RETURNED[objectType], ...requested])
			: new Set(RETURNED_BY_DEFAULT[objectType]);
	const selected: Record<string, string | null> = {};
	for (const name of [...names].sort()) selected[name] = properties[name] ?? null;
	return selected;
}

export function toPublicObject(
	record: CrmRecord,
	requested: readonly string[] | undefined,
	properties: Record<string, string> = record.properties,
): PublicObject {
	return {
		id: record.id,
		properties: selectProperties(record.objectType, properties, requested),
		createdAt: new Date(record.createdAt).toISOString(),
		updatedAt: new Date(record.updatedAt).toISOString(),
		archived: record.archived,
		...(record.archivedAt !== undefined
			? { archivedAt: new Date(record.archivedAt).toISOString() }
			: {}),
	};
}

/** `properties=a,b` may also be repeated (`properties=a&properties=b`); both forms are accepted. */
export function requestedPropertiesFromQuery(query: URLSearchParams): string[] | undefined {
	const values = query.getAll('properties').flatMap((v) => v.split(','));
	const names = values.map((v) => v.trim()).filter((v) => v !== '');
	return names.length > 0 ? names : undefined;
}
