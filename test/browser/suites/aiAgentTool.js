'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');

const { adaptTemplate, loadTemplate } = require('../../../scripts/lib/templates');

/** The fields the template's "Book a meeting" tool leaves to the model, with their $fromAI descriptions. */
const BOOK_FROM_AI = {
	startTime: 'Start time exactly as returned by Get free slots (ISO 8601)',
	email: 'The guest email address',
	fullName: 'The guest full name',
};

async function aiAgentToolTests(t, { editor, root, credentials, screenshotDir }) {
	t.describe("HubSpot Scheduling as a tool of n8n's AI Agent");
	let workflowId;

	await t.test(
		'a new tool from the agent\'s Tool connector: Book, its tool description, "Defined automatically by the model"',
		async () => {
			const created = await editor.createWorkflow({
				name: 'Browser suite: agent with a HubSpot Scheduling tool',
				nodes: [
					{
						id: 'chat',
						name: 'When chat message received',
						type: '@n8n/n8n-nodes-langchain.chatTrigger',
						typeVersion: 1.1,
						position: [0, 0],
						webhookId: 'd3c5a3f4-6b7e-4a53-9d6b-6b0c7f0f1a01',
						parameters: {},
					},
					{
						id: 'agent',
						name: 'AI Agent',
						type: '@n8n/n8n-nodes-langchain.agent',
						typeVersion: 2,
						position: [260, 0],
						parameters: { options: {} },
					},
				],
				connections: {
					'When chat message received': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
				},
			});
			workflowId = created.id;
			await editor.openWorkflow(workflowId);
			await editor.addToolToAgent('AI Agent', 'HubSpot Scheduling', 'Book a meeting');
			await editor.pickCredential(credentials.serviceKey.name);
			// The tools panel adds the tool without asking for an action: the builder picks the operation.
			if (!(await editor.parameter('startTime').isVisible()))
				await editor.chooseOption('operation', 'Book');
			const description = await editor
				.parameter('toolDescription')
				.isVisible()
				.catch(() => false);
			const descriptionType = await editor
				.parameter('descriptionType')
				.isVisible()
				.catch(() => false);
			assert.ok(description || descriptionType, 'the tool shows no description setting');
			await editor.letModelDefine('startTime');
			await editor.closeNdv();
		},
	);

	await t.test(
		'the AI Agent template\'s "Book a meeting" tool shows its $fromAI fields with their descriptions',
		async () => {
			const template = loadTemplate(root, 'ai-agent-receptionist.json');
			const created = await editor.createWorkflow(
				adaptTemplate(template, {
					credentials,
					fields: { Settings: { meetingLink: 'alex-demo', timeZone: 'America/New_York' } },
				}),
			);
			await editor.openWorkflow(created.id);
			await editor.openNode('Book a meeting');
			for (const [field, text] of Object.entries(BOOK_FROM_AI)) {
				const shown = await editor.parameterText(field);
				assert.ok(shown.includes(`$fromAI('${field}', '${text}'`), `${field} shows: ${shown}`);
			}
			assert.match(
				await editor.parameterText('toolDescription'),
				/^Books a meeting at a free start time/,
			);
			await editor.page.screenshot({ path: path.join(screenshotDir, 'ai-agent-tool.png') });
			await editor.closeNdv();
		},
	);
}

module.exports = { aiAgentToolTests };
