'use strict';

const assert = require('node:assert/strict');

/** The trigger panel lists trigger nodes without their " Trigger" suffix. */
const TRIGGER = 'HubSpot Scheduling';
const POLLING_TRIGGER = 'HubSpot Scheduling Polling Trigger';

async function triggerTests(t, { editor, stack, credentials }) {
	t.describe('Triggers in the editor');
	const control = stack.sandboxControl;

	await t.test(
		'"Listen for test event" on the webhook trigger receives a signed delivery from the sandbox and shows the contact',
		async () => {
			await control.reset();
			await editor.newWorkflow();
			// Its one event has a name of its own (an "Event" field), not n8n's "On new … event".
			await editor.addFirstTrigger(TRIGGER, { events: ['On contact created'] });
			// A service key has no client secret: from version 1.1 the panel asks for the webhook secret
			// credential at once, with no "Signing Secret From" choice and no warning notice.
			await editor.pickCredential(credentials.serviceKey.name, 0);
			await editor.ndv().locator('[data-test-id="node-credentials-select"]').nth(1).waitFor();
			assert.equal(await editor.parameter('secretFrom').isVisible(), false);
			assert.equal(
				await editor
					.ndv()
					.getByText(/has no client secret/)
					.count(),
				0,
			);
			await editor.pickCredential(credentials.webhookSecret.name, 1);
			const testUrl = await editor.testWebhookUrl();
			assert.match(testUrl, /\/webhook-test\/.+\/hubspot-contact-created$/);
			await editor.listenInNdv();
			await control.setWebhookTarget({ url: testUrl, eventFormat: 'generic' });
			const contactId = await control.createContact({
				firstname: 'Grace',
				lastname: 'Hopper',
				email: `grace.hopper+${Date.now()}@navy.test`,
				phone: '+1 212 555 0144',
			});
			await control.flushWebhooks();
			const output = await editor.outputJsonText('grace.hopper+');
			assert.ok(output.includes(contactId), output);
			const deliveries = await control.deliveries();
			assert.ok(
				deliveries.some((attempt) => attempt.status === 200),
				`no delivery was answered 200: ${JSON.stringify(
					deliveries.map((attempt) => ({ status: attempt.status, error: attempt.error })),
				)}`,
			);
			await control.clearWebhookTarget();
		},
	);

	await t.test(
		'the webhook trigger with OAuth2 offers "Signing Secret From", its client secret by default',
		async () => {
			await editor.newWorkflow();
			await editor.addFirstTrigger(TRIGGER, { events: ['On contact created'] });
			await editor.pickCredential(credentials.oAuth2.name, 0);
			assert.equal(await editor.parameterText('secretFrom'), 'OAuth2 Credential');
			assert.equal(
				await editor.ndv().locator('[data-test-id="node-credentials-select"]').count(),
				1,
			);
			await editor.chooseOption('secretFrom', 'Webhook Secret Credential');
			await editor.ndv().locator('[data-test-id="node-credentials-select"]').nth(1).waitFor();
		},
	);

	await t.test('"Fetch Test Event" on the polling trigger shows the newest contact', async () => {
		await control.reset();
		await editor.newWorkflow();
		await editor.addFirstTrigger(POLLING_TRIGGER);
		await editor.pickCredential(credentials.serviceKey.name);
		const contactId = await control.createContact({
			firstname: 'Katherine',
			lastname: 'Johnson',
			email: `katherine+${Date.now()}@nasa.test`,
			phone: '+1 757 555 0101',
		});
		await editor.executeStep();
		const output = await editor.outputJsonText('katherine+');
		assert.ok(output.includes(contactId), output);
	});
}

module.exports = { triggerTests };
