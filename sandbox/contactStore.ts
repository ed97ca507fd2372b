/**
 * Contact writes, shared by every path that creates or changes a contact (API, batch upsert,
 * booking, UI-style creation), so email uniqueness, calculated phone properties, the search index and
 * the contact-creation webhook behave the same whichever path was used.
 */
import type { SandboxContext } from './context';
import {
	type CrmRecord,
	type PropertyProblem,
	mergeProperties,
	propertyValidationError,
	recordIndexVersion,
} from './crmRecords';
import type { ChangeSource } from './deliveryTypes';
import { contactConflict } from './errors';
import { CALCULATED_PHONE_PROPERTIES, calculatedPhoneProperties } from './phone';

const READ_ONLY = new Set<string>([
	...CALCULATED_PHONE_PROPERTIES,
	'hs_object_id',
	'createdate',
	'lastmodifieddate',
]);

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isValidEmail(email: string): boolean {
	return EMAIL_PATTERN.test(email);
}

function validateWrite(ctx: SandboxContext, properties: Record<string, string>): void {
	const problems: PropertyProblem[] = [];
	for (const name of Object.keys(properties)) {
		if (READ_ONLY.has(name)) {
			problems.push({
				name,
				error: 'READ_ONLY_VALUE',
				message: `${name} is a read only property; its value cannot be set.`,
			});
		}
	}
	if (properties.email && !isValidEmail(properties.email)) {
		problems.push({
			name: 'email',
			error: 'INVALID_EMAIL',
			message: `Email address ${properties.email} is invalid`,
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

function withEmailLowercased(properties: Record<string, string>): Record<string, string> {
	return properties.email
		? { ...properties, email: properties.email.trim().toLowerCase() }
		: properties;
}

function recalculate(ctx: SandboxContext, record: CrmRecord, now: number): void {
	for (const name of CALCULATED_PHONE_PROPERTIES) delete record.properties[name];
	Object.assign(
		record.properties,
		calculatedPhoneProperties(record.properties, ctx.state.fixture.portal.defaultCountry),
	);
	record.properties.lastmodifieddate = new Date(now).toISOString();
	record.updatedAt = now;
	recordIndexVersion(record, now, ctx.config.searchIndexLagMs);
}

export interface InsertOptions {
	createdAt?: number;
	/** An id reserved earlier (a booking answers with the contact id before the contact exists). */
	id?: string;
	/** Fixture loading inserts silently; every other path fires webhooks. */
	changeSource: ChangeSource | null;
}

export function createContact(
	ctx: SandboxContext,
	input: Record<string, string>,
	options: InsertOptions,
): CrmRecord {
	const properties = withEmailLowercased(input);
	validateWrite(ctx, properties);
	if (properties.email) {
		const existing = ctx.state.contactByEmail(properties.email);
		if (existing) throw contactConflict(existing.id);
	}
	const now = ctx.now();
	const createdAt = options.createdAt ?? now;
	const id = options.id ?? ctx.state.nextContactId();
	const record: CrmRecord = {
		id,
		objectType: 'contacts',
		properties: {
			...mergeProperties({}, properties),
			hs_object_id: id,
			createdate: new Date(createdAt).toISOString(),
		},
		createdAt,
		updatedAt: createdAt,
		archived: false,
		indexVersions: [],
	};
	recalculate(ctx, record, createdAt);
	ctx.state.contacts.set(id, record);
	if (options.changeSource) ctx.webhooks.contactCreated(record, options.changeSource);
	return record;
}

export function updateContact(
	ctx: SandboxContext,
	record: CrmRecord,
	input: Record<string, string>,
): CrmRecord {
	const changes = withEmailLowercased(input);
	validateWrite(ctx, changes);
	if (changes.email) {
		const existing = ctx.state.contactByEmail(changes.email);
		if (existing && existing.id !== record.id) throw contactConflict(existing.id);
	}
	record.properties = { ...mergeProperties(record.properties, changes), hs_object_id: record.id };
	recalculate(ctx, record, ctx.now());
	return record;
}

export function archiveContact(ctx: SandboxContext, record: CrmRecord): void {
	const now = ctx.now();
	record.archived = true;
	record.archivedAt = now;
	record.updatedAt = now;
}

/** Live (not archived) contact by id, or by email when idProperty is "email". */
export function findContact(
	ctx: SandboxContext,
	id: string,
	idProperty: string | null,
): CrmRecord | undefined {
	if (idProperty === 'email') return ctx.state.contactByEmail(id);
	if (idProperty && idProperty !== 'hs_object_id') {
		const wanted = id.toLowerCase();
		return [...ctx.state.contacts.values()].find(
			(c) => !c.archived && (c.properties[idProperty] ?? '').toLowerCase() === wanted,
		);
	}
	const record = ctx.state.contacts.get(id);
	return record && !record.archived ? record : undefined;
}
