/** Credential type names shared by the nodes, so a rename cannot leave one node behind. */

export type AuthenticationMethod = 'oAuth2' | 'serviceKey';

export function credentialTypeFor(method: AuthenticationMethod): string {
	return method === 'oAuth2' ? 'hubSpotSchedulingOAuth2Api' : 'hubSpotSchedulingServiceKeyApi';
}
