import type { INodeProperties } from 'n8n-workflow';

import type { AuthenticationMethod } from '../transport/credentialTypes';

/** The same two credentials as the action node, so one connection serves node and triggers. */
export function authenticationField(
	defaultMethod: AuthenticationMethod,
	description: string,
): INodeProperties {
	return {
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'OAuth2', value: 'oAuth2' },
			{ name: 'Service Key or Private App Token', value: 'serviceKey' },
		],
		default: defaultMethod,
		description,
	};
}
