'use strict';

const assert = require('node:assert/strict');

const { PACKAGE } = require('../../../workflows/src/nodes');

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

module.exports = { nodeTypeTests };
