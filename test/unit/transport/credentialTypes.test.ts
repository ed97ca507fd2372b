import { HubSpotSchedulingDeveloperApi } from '../../../credentials/HubSpotSchedulingDeveloperApi.credentials';
import { HubSpotSchedulingOAuth2Api } from '../../../credentials/HubSpotSchedulingOAuth2Api.credentials';
import { HubSpotSchedulingServiceKeyApi } from '../../../credentials/HubSpotSchedulingServiceKeyApi.credentials';
import { HubSpotSchedulingWebhookSecretApi } from '../../../credentials/HubSpotSchedulingWebhookSecretApi.credentials';
import { HubSpotScheduling } from '../../../nodes/HubSpotScheduling/HubSpotScheduling.node';
import { HubSpotSchedulingPollingTrigger } from '../../../nodes/HubSpotSchedulingPollingTrigger/HubSpotSchedulingPollingTrigger.node';
import { HubSpotSchedulingTrigger } from '../../../nodes/HubSpotSchedulingTrigger/HubSpotSchedulingTrigger.node';
import {
	CREDENTIAL_TYPES,
	credentialTypeFor,
} from '../../../nodes/shared/transport/credentialTypes';

/** The node classes keep credential names as literals for n8n's lint; this keeps them in step with the one module. */
describe('credential type names', () => {
	const known = new Set<string>(Object.values(CREDENTIAL_TYPES));

	it('are the names the credential classes register', () => {
		expect(new HubSpotSchedulingOAuth2Api().name).toBe(CREDENTIAL_TYPES.connectedApp);
		expect(new HubSpotSchedulingServiceKeyApi().name).toBe(CREDENTIAL_TYPES.serviceKey);
		expect(new HubSpotSchedulingWebhookSecretApi().name).toBe(CREDENTIAL_TYPES.webhookSecret);
		expect(new HubSpotSchedulingDeveloperApi().name).toBe(CREDENTIAL_TYPES.developer);
	});

	it.each([
		['HubSpot Scheduling', new HubSpotScheduling()],
		['HubSpot Scheduling Trigger', new HubSpotSchedulingTrigger()],
		['HubSpot Scheduling Polling Trigger', new HubSpotSchedulingPollingTrigger()],
	])('are the only names the %s node lists', (_name, node) => {
		const listed = (node.description.credentials ?? []).map((credential) => credential.name);
		expect(listed.length).toBeGreaterThan(0);
		for (const name of listed) expect(known).toContain(name);
	});

	it('map each authentication method to its credential', () => {
		expect(credentialTypeFor('oAuth2')).toBe('hubSpotSchedulingOAuth2Api');
		expect(credentialTypeFor('serviceKey')).toBe('hubSpotSchedulingServiceKeyApi');
	});
});
