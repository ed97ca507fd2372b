import type { INodeProperties } from 'n8n-workflow';

import { fail, ok } from '../domain/result';
import type { Result } from '../domain/result';

/**
 * What an outbound-call flow maps to agent variables (name, how to reach the lead, where they are),
 * and what the output fields are built from: always fetched when enrichment is on, and the default
 * list shown to the user.
 */
export const PROPERTIES_FOR_SUMMARY = [
	'firstname',
	'lastname',
	'email',
	'phone',
	'mobilephone',
	'company',
	'city',
	'hs_timezone',
];

const PROPERTY_NAME = /^[a-z0-9_]{1,100}$/i;

/** Accepts "firstname, lastname" or one per line; rejects anything that is not a property's internal name. */
export function parsePropertyList(input: unknown): Result<string[]> {
	const text = Array.isArray(input) ? input.join(',') : String(input ?? '');
	const names = text
		.split(/[\s,;]+/)
		.map((name) => name.trim())
		.filter((name) => name !== '');
	const invalid = names.find((name) => !PROPERTY_NAME.test(name));
	if (invalid !== undefined) {
		return fail(
			`"${invalid}" is not a HubSpot property's internal name. Use names such as firstname or hs_timezone (Settings → Properties → the property → "Internal name").`,
		);
	}
	return ok([...new Set(names)]);
}

/** The properties to request: the user's list plus the ones the summary fields and call window need. */
export function propertiesToFetch(userList: string[]): string[] {
	return [...new Set([...userList, ...PROPERTIES_FOR_SUMMARY])];
}

export const contactPropertiesField: INodeProperties = {
	displayName: 'Contact Properties',
	name: 'contactProperties',
	type: 'string',
	default: PROPERTIES_FOR_SUMMARY.join(', '),
	placeholder: 'firstname, lastname, email, phone, company',
	description:
		'Internal names of the contact properties to include, separated by commas. Name, email, phone, company, city and time zone are always included because the output fields are built from them.',
};
