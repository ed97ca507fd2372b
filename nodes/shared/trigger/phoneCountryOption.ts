import type { INodeProperties } from 'n8n-workflow';

/** An entry of each trigger's "Options" collection. */
export const defaultPhoneCountryOption: INodeProperties = {
	displayName: 'Default Phone Country',
	name: 'defaultPhoneCountry',
	type: 'string',
	default: 'US',
	placeholder: 'US',
	description:
		'Two-letter country code for phone numbers stored without a country code; used to fill contact.phoneE164',
};
