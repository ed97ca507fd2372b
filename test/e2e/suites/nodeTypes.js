'use strict';

const assert = require('node:assert/strict');

const { N8N_VERSION } = require('../../../scripts/lib/n8nInstall');
const { PACKAGE } = require('../../../workflows/src/nodes');

/** @returns {Promise<any>} the route's JSON answer */
async function loggedInJson(stack, route) {
	const response = await fetch(`${stack.n8n.url}${route}`, { headers: { cookie: stack.cookie } });
	assert.equal(response.status, 200, `${route} answered ${response.status}`);
	return await response.json();
}

async function nodeTypeTests(t, { stack }) {
	t.describe('The installed community package in n8n');

	const nodes = await loggedInJson(stack, '/types/nodes.json');
	const byName = (name) => nodes.filter((node) => node.name === name);

	await t.test('the editor lists the action node and both triggers under the package name', () => {
		const listed = nodes
			.filter((node) => node.name.startsWith(`${PACKAGE}.`))
			.map((node) => [node.name, node.displayName]);
		assert.deepEqual(listed.sort(), [
			[`${PACKAGE}.hubSpotScheduling`, 'HubSpot Scheduling'],
			[`${PACKAGE}.hubSpotSchedulingPollingTrigger`, 'HubSpot Scheduling Polling Trigger'],
			[`${PACKAGE}.hubSpotSchedulingTool`, 'HubSpot Scheduling Tool'],
			[`${PACKAGE}.hubSpotSchedulingTrigger`, 'HubSpot Scheduling Trigger'],
		]);
	});

	await t.test('the action node is offered as an AI tool with all five operations', () => {
		const [tool] = byName(`${PACKAGE}.hubSpotSchedulingTool`);
		assert.deepEqual(tool.outputs, ['ai_tool']);
		assert.deepEqual(tool.inputs, []);
		const operation = tool.properties.find((property) => property.name === 'operation');
		// n8n adds its own "Custom API Call" entry to nodes with credentials.
		const operations = operation.options
			.map((option) => option.value)
			.filter((value) => value !== '__CUSTOM_API_CALL__');
		assert.deepEqual(operations.sort(), [
			'book',
			'cancel',
			'getSlots',
			'lookupContact',
			'reschedule',
		]);
		assert.ok(tool.properties.some((property) => property.name === 'toolDescription'));
	});

	await t.test('its four credential types are known to n8n', async () => {
		const credentials = await loggedInJson(stack, '/types/credentials.json');
		const ours = credentials
			.map((credential) => credential.name)
			.filter((name) => name.startsWith('hubSpotScheduling'))
			.sort();
		assert.deepEqual(ours, [
			'hubSpotSchedulingDeveloperApi',
			'hubSpotSchedulingOAuth2Api',
			'hubSpotSchedulingServiceKeyApi',
			'hubSpotSchedulingWebhookSecretApi',
		]);
	});
}

/**
 * n8n's own "Test" button in the credential dialog: POST /rest/credentials/test with unsaved data
 * (n8n 2.x). n8n 1.x tests only saved credentials (its editor saves first), so there it is saved first.
 */
async function testCredential(stack, type, data) {
	const id = N8N_VERSION.startsWith('1.')
		? (await stack.api.createCredential({ name: `Test ${type}`, type, data })).id
		: '';
	const response = await fetch(`${stack.n8n.url}/rest/credentials/test`, {
		method: 'POST',
		headers: { cookie: stack.cookie, 'content-type': 'application/json' },
		body: JSON.stringify({ credentials: { id, name: 'Test', type, data } }),
	});
	assert.equal(response.status, 200, `/rest/credentials/test answered ${response.status}`);
	return /** @type {{ data: { status: string, message: string } }} */ (await response.json()).data;
}

async function credentialTestTests(t, { stack }) {
	t.describe("The service key credential's Test button, against the sandbox");
	const test = (accessToken) =>
		testCredential(stack, 'hubSpotSchedulingServiceKeyApi', {
			accessToken,
			baseUrl: stack.sandbox.url,
		});

	await t.test('passes with a key that has the scopes', async () => {
		assert.deepEqual(await test(stack.sandbox.serviceKey), {
			status: 'OK',
			message: 'Connection successful!',
		});
	});

	await t.test('names the missing scope for a key without the scheduler scope (403)', async () => {
		assert.deepEqual(await test('pat-na1-sandbox-noscheduler'), {
			status: 'Error',
			message:
				"The key works but lacks the scope scheduler.meetings.meeting-link.read (403). Add it, together with crm.objects.contacts.read and crm.objects.contacts.write, in the key's scopes in HubSpot.",
		});
	});

	await t.test('says the key is wrong for a key HubSpot does not know (401)', async () => {
		assert.deepEqual(await test('pat-na1-not-a-real-key'), {
			status: 'Error',
			message:
				'HubSpot rejected this key (401). Copy the whole service key or private app token again; it starts with "pat-".',
		});
	});
}

module.exports = { credentialTestTests, nodeTypeTests };
