'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');

/**
 * Each credential with a connection test, as a builder fills it in n8n's "Add credential" dialog:
 * a good value saves and shows n8n's success line; a wrong one shows the package's own message.
 * (The OAuth2 credential has no test: n8n shows "Connect my account" instead; test/e2e/suites/oauth2.js
 * covers its flow.)
 */
function credentialCases(sandbox) {
	return [
		{
			title: 'Service key',
			typeName: 'HubSpot Scheduling Service Key API',
			good: { accessToken: sandbox.serviceKey, baseUrl: sandbox.url },
			wrong: { accessToken: 'pat-na1-not-a-real-key', baseUrl: sandbox.url },
			wrongMessage:
				'HubSpot rejected this key (401). Copy the whole service key or private app token again; it starts with "pat-".',
			screenshot: 'credential-service-key.png',
		},
		{
			title: 'Developer API key',
			typeName: 'HubSpot Scheduling Developer API',
			good: {
				developerApiKey: sandbox.developerApiKey,
				appId: String(sandbox.appId),
				baseUrl: sandbox.url,
			},
			wrong: {
				developerApiKey: 'not-a-developer-key',
				appId: String(sandbox.appId),
				baseUrl: sandbox.url,
			},
			wrongMessage:
				'HubSpot rejected the developer API key (401). Copy it again from your developer account (Apps → Get HubSpot API key).',
		},
		{
			title: 'Webhook signing secret',
			typeName: 'HubSpot Scheduling Webhook Secret API',
			good: { clientSecret: sandbox.clientSecret },
			wrong: { clientSecret: 'pat-na1-00000000-0000-0000-0000-000000000000' },
			wrongMessage: "This looks like an access token or service key, not the app's client secret.",
		},
	];
}

async function credentialDialogTests(t, { editor, stack, screenshotDir }) {
	t.describe('Credential dialogs: the Test result with a good and a wrong value');
	for (const testCase of credentialCases(stack.sandbox)) {
		await t.test(
			`${testCase.title}: a good value saves with "Connection tested successfully", and so does its Retry (test) button`,
			async () => {
				await editor.openNewCredentialDialog(testCase.typeName);
				await editor.fillCredential(testCase.good);
				const result = await editor.saveCredential();
				assert.deepEqual(result, { ok: true, text: 'Connection tested successfully' });
				assert.equal(await editor.retestCredential(), 'Connection tested successfully');
				if (testCase.screenshot)
					await editor.page.screenshot({ path: path.join(screenshotDir, testCase.screenshot) });
				await editor.deleteCredentialInDialog();
			},
		);
		await t.test(`${testCase.title}: a wrong value shows the package's message`, async () => {
			await editor.openNewCredentialDialog(testCase.typeName);
			await editor.fillCredential(testCase.wrong);
			const result = await editor.saveCredential();
			assert.equal(result.ok, false, result.text);
			assert.ok(result.text.includes(testCase.wrongMessage), result.text);
			await editor.deleteCredentialInDialog();
		});
	}
}

module.exports = { credentialDialogTests };
