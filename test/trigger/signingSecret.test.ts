import { HubSpotSchedulingTrigger } from '../../nodes/HubSpotSchedulingTrigger/HubSpotSchedulingTrigger.node';
import type { ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';

const test = async (clientSecret: unknown) =>
	await new HubSpotSchedulingTrigger().methods.credentialTest.checkWebhookSecretShape.call(
		{} as ICredentialTestFunctions,
		{
			id: '1',
			name: 'secret',
			type: 'hubSpotSchedulingWebhookSecretApi',
			data: { clientSecret },
		} as ICredentialsDecrypted,
	);

const unverifiable =
	'HubSpot offers no way to verify a client secret remotely: the first signed delivery proves it (a wrong secret is answered with HTTP 401 and logged).';

describe('webhook secret credential test (testedBy)', () => {
	it("accepts a secret in HubSpot's usual form and says it cannot be verified remotely", async () => {
		expect(await test('b8d3f1c2-4a5e-4f60-9b7c-1d2e3f4a5b6c')).toEqual({
			status: 'OK',
			message: `The secret has the form of a HubSpot client secret. ${unverifiable}`,
		});
	});

	it('catches the usual paste mistakes', async () => {
		expect(await test('')).toEqual({ status: 'Error', message: 'The client secret is empty.' });
		expect((await test(' b8d3f1c2-4a5e-4f60-9b7c-1d2e3f4a5b6c')).status).toBe('Error');
		expect(await test('pat-na1-11111111-2222-3333-4444-555555555555')).toEqual({
			status: 'Error',
			message:
				'This looks like an access token or service key, not the app\'s client secret. Copy "Client secret" from the app\'s Auth tab.',
		});
	});

	it('lets an unusual but plausible secret through with a warning', async () => {
		expect(await test('sandbox-client-secret')).toEqual({
			status: 'OK',
			message: `The secret is not in HubSpot's usual xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx form; check that it is the client secret. ${unverifiable}`,
		});
	});
});
