/**
 * The fields an outbound-call flow maps straight to agent variables, next to the raw properties.
 * HubSpot returns every property as a string or null; empty strings become null so that
 * "is empty" checks in n8n behave the same for missing and blank values.
 */

export type PropertyValues = Record<string, string | null | undefined>;

export interface ContactSummary {
	id: string;
	firstName: string | null;
	lastName: string | null;
	fullName: string | null;
	email: string | null;
	phone: string | null;
	mobilePhone: string | null;
	company: string | null;
	city: string | null;
	/** HubSpot's own value, e.g. "america_slash_new_york"; the call window converts it. */
	timeZone: string | null;
	properties: Record<string, string | null>;
}

export function summarizeContact(id: string, values: PropertyValues): ContactSummary {
	const properties = cleanProperties(values);
	const firstName = properties.firstname ?? null;
	const lastName = properties.lastname ?? null;
	const fullName = [firstName, lastName].filter((part) => part !== null).join(' ');
	const phone = properties.phone ?? null;
	const mobilePhone = properties.mobilephone ?? null;
	return {
		id,
		firstName,
		lastName,
		fullName: fullName === '' ? null : fullName,
		email: properties.email ?? null,
		// A lead reached by phone: the main number, else the mobile one.
		phone: phone ?? mobilePhone,
		mobilePhone,
		company: properties.company ?? null,
		city: properties.city ?? null,
		timeZone: properties.hs_timezone ?? null,
		properties,
	};
}

function cleanProperties(values: PropertyValues): Record<string, string | null> {
	const result: Record<string, string | null> = {};
	for (const [name, value] of Object.entries(values)) {
		const trimmed = typeof value === 'string' ? value.trim() : '';
		result[name] = trimmed === '' ? null : trimmed;
	}
	return result;
}
