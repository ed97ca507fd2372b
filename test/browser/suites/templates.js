'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { LINK } = require('../../../scripts/demo/conversation');
const { TOOL_CALLERS, platformAccess } = require('../../../scripts/demo/platformRequests');
const { adaptTemplate, webhookPaths } = require('../../../scripts/lib/templates');

/** Issues n8n reports for a node whose placeholder credential the builder still has to choose. */
const CREDENTIAL_ISSUE = /credential/i;

function templateFiles(root) {
	return fs
		.readdirSync(path.join(root, 'workflows'))
		.filter((file) => file.endsWith('.json'))
		.sort();
}

function loadTemplate(root, file) {
	return JSON.parse(fs.readFileSync(path.join(root, 'workflows', file), 'utf8'));
}

/** The first line of a sticky note's Markdown, as the note renders it (heading marks dropped). */
function stickyHeading(note) {
	return note.parameters.content
		.split('\n')[0]
		.replace(/^#+\s*/, '')
		.replace(/[*_`]/g, '')
		.trim();
}

/** Markdown renders straight quotes as curly ones; compare without any. */
const withoutQuotes = (text) => text.replace(/["'“”‘’]/g, '');

async function templateTests(t, { editor, root, stack, credentials, screenshotDir }) {
	t.describe('Templates imported from file in the editor');
	const imported = {};

	for (const file of templateFiles(root)) {
		const template = loadTemplate(root, file);
		await t.test(
			`${file} opens with every node, its sticky notes, and no issue but credentials`,
			async () => {
				await editor.newWorkflow();
				await editor.importFromFile(path.join(root, 'workflows', file));
				const isSticky = (node) => node.type === 'n8n-nodes-base.stickyNote';
				const canvasNames = await editor.canvasNodeNames();
				const expected = template.nodes.filter((node) => !isSticky(node)).map((node) => node.name);
				assert.deepEqual(canvasNames.sort(), expected.sort());
				const notes = template.nodes.filter(isSticky);
				const shown = await editor.stickyTexts();
				assert.equal(shown.length, notes.length, `sticky notes shown: ${JSON.stringify(shown)}`);
				for (const note of notes) {
					assert.ok(
						shown.some((text) =>
							withoutQuotes(text).startsWith(withoutQuotes(stickyHeading(note))),
						),
						`${note.name} ("${stickyHeading(note)}") is not on the canvas`,
					);
				}
				const issues = await editor.nodeIssues();
				for (const [node, texts] of Object.entries(issues)) {
					const credentialed = template.nodes.find((entry) => entry.name === node)?.credentials;
					assert.ok(
						credentialed,
						`${node} has issues but no credential to choose: ${texts.join(' / ')}`,
					);
					for (const text of texts) assert.match(text, CREDENTIAL_ISSUE, `${node}: ${text}`);
				}
				imported[file] = await editor.saveWorkflow();
				if (file === 'vapi-receptionist.json')
					await editor.page.screenshot({
						path: path.join(screenshotDir, 'template-vapi-receptionist.png'),
					});
			},
		);
	}

	await t.test(
		'the imported Vapi receptionist, credentials chosen: a request to its test URL runs green',
		async () => {
			const workflowId = imported['vapi-receptionist.json'];
			assert.ok(workflowId, 'the Vapi template was not imported');
			const template = loadTemplate(root, 'vapi-receptionist.json');
			// Choosing credentials and typing the Settings is not what this step tests: the REST API does it.
			const adapted = adaptTemplate(template, {
				credentials,
				fields: { Settings: { meetingLink: LINK.slug, timeZone: LINK.zone, defaultCountry: 'US' } },
			});
			await editor.updateWorkflow(workflowId, {
				nodes: adapted.nodes,
				connections: adapted.connections,
			});
			await editor.openWorkflow(workflowId);
			assert.deepEqual(await editor.nodeIssues(), {});
			await editor.listenForTestEvent();
			const request = TOOL_CALLERS['vapi-arguments'].request(
				{
					id: 'call_browser_1',
					tool: 'get_slots',
					args: { date: nextWeekday(), days: 1 },
					callerPhone: '+14155550100',
				},
				// The adapted workflow's own (random) webhook path and the demo's Vapi credential secret.
				platformAccess({ vapiReceptionist: { paths: webhookPaths(adapted) } }),
			);
			const response = await fetch(`${stack.n8n.url}/webhook-test/${request.path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...request.headers },
				body: JSON.stringify(request.body),
			});
			assert.equal(response.status, 200, await response.clone().text());
			const answer = TOOL_CALLERS['vapi-arguments'].answer(await response.json());
			assert.match(answer, /^(Available on|There are no free times)/);
			await editor.waitForSuccessfulRun(['Webhook', 'Get free slots', 'Answer Vapi']);
			await editor.page.screenshot({
				path: path.join(screenshotDir, 'vapi-receptionist-workflow.png'),
			});
		},
	);
}

function nextWeekday() {
	const day = new Date(Date.now() + 3 * 86_400_000);
	while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
	return day.toISOString().slice(0, 10);
}

module.exports = { templateTests };
