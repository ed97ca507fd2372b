'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { render } = require('../../../workflows/src/build');
const { CREDENTIALS, PACKAGE } = require('../../../workflows/src/nodes');
const { templates } = require('../../../workflows/src/templates');

/** Core nodes a no-code builder knows; Code and Function nodes are deliberately absent. */
const ALLOWED_TYPES = new Set([
	'n8n-nodes-base.webhook',
	'n8n-nodes-base.set',
	'n8n-nodes-base.if',
	'n8n-nodes-base.splitOut',
	'n8n-nodes-base.extractFromFile',
	'n8n-nodes-base.crypto',
	'n8n-nodes-base.switch',
	'n8n-nodes-base.respondToWebhook',
	'n8n-nodes-base.renameKeys',
	'n8n-nodes-base.stickyNote',
	'n8n-nodes-base.wait',
	'n8n-nodes-base.httpRequest',
	'n8n-nodes-base.splitInBatches',
	'n8n-nodes-base.executeWorkflow',
	'n8n-nodes-base.executeWorkflowTrigger',
	'@n8n/n8n-nodes-langchain.chatTrigger',
	'@n8n/n8n-nodes-langchain.agent',
	'@n8n/n8n-nodes-langchain.lmChatOpenAi',
	'@n8n/n8n-nodes-langchain.memoryBufferWindow',
	`${PACKAGE}.hubSpotScheduling`,
	`${PACKAGE}.hubSpotSchedulingTool`,
	`${PACKAGE}.hubSpotSchedulingTrigger`,
]);

function readTemplate(root, file) {
	return JSON.parse(fs.readFileSync(path.join(root, 'workflows', file), 'utf8'));
}

async function templateFileTests(t, { root }) {
	t.describe('Workflow templates (workflows/*.json)');

	await t.test(
		'every JSON file is what workflows/src builds (run node workflows/src/build.js after editing)',
		() => {
			for (const { file, build } of templates) {
				assert.equal(
					fs.readFileSync(path.join(root, 'workflows', file), 'utf8'),
					render(build()),
					`${file} is stale`,
				);
			}
		},
	);

	await t.test('only HubSpot Scheduling and core nodes, no Code nodes', () => {
		for (const { file } of templates) {
			const unexpected = readTemplate(root, file).nodes.filter(
				(node) => !ALLOWED_TYPES.has(node.type),
			);
			assert.deepEqual(
				unexpected.map((node) => `${node.name} (${node.type})`),
				[],
				file,
			);
		}
	});

	await t.test('each template explains how to adapt it in sticky notes', () => {
		for (const { file } of templates) {
			const notes = readTemplate(root, file).nodes.filter(
				(node) => node.type === 'n8n-nodes-base.stickyNote',
			);
			assert.ok(
				notes.some((note) => /set up/i.test(note.parameters.content)),
				`${file} has no "Set up" note`,
			);
		}
	});

	await t.test(
		'credentials are placeholders for the user to pick, never ids from some instance',
		() => {
			const placeholders = new Set(
				Object.values(CREDENTIALS).map(({ type, name }) => `${type}/${name}`),
			);
			for (const { file } of templates) {
				for (const node of readTemplate(root, file).nodes) {
					for (const [type, reference] of Object.entries(node.credentials ?? {})) {
						assert.equal(reference.id, '', `${file} ${node.name}`);
						assert.ok(
							placeholders.has(`${type}/${reference.name}`),
							`${file} ${node.name}: ${reference.name}`,
						);
					}
				}
			}
		},
	);

	await t.test(
		'every Webhook checks who is calling (Header Auth, or a signature check right after it) and has no fixed path',
		() => {
			for (const { file } of templates) {
				const template = readTemplate(root, file);
				for (const node of template.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook')) {
					const next = template.connections[node.name]?.main?.[0]?.[0]?.node;
					const nextType = template.nodes.find((n) => n.name === next)?.type;
					const checked =
						node.parameters.authentication === 'headerAuth' ||
						(node.parameters.options.rawBody === true &&
							nextType === 'n8n-nodes-base.extractFromFile');
					assert.ok(checked, `${file} ${node.name} accepts anyone`);
					// n8n's editor gives a Webhook without webhookId and path a random one on import.
					assert.equal(node.parameters.path, '', `${file} ${node.name} has a fixed path`);
					assert.equal(node.webhookId, undefined, `${file} ${node.name} has a fixed webhookId`);
				}
			}
		},
	);

	await t.test(
		'every HubSpot step of a voice template answers within 15 s (Vapi and ElevenLabs wait 20 s)',
		() => {
			for (const { file } of templates) {
				const template = readTemplate(root, file);
				if (!template.nodes.some((n) => n.type === 'n8n-nodes-base.webhook')) continue;
				for (const node of template.nodes.filter(
					(n) => n.type === `${PACKAGE}.hubSpotScheduling`,
				)) {
					const seconds = node.parameters.answerWithinSeconds;
					assert.ok(
						seconds >= 1 && seconds <= 15,
						`${file} ${node.name}: Answer Within ${seconds}`,
					);
				}
			}
		},
	);

	await t.test(
		"the outbound-call notes give each platform's API key header (ElevenLabs takes xi-api-key, not Bearer)",
		() => {
			const notes = readTemplate(root, 'new-lead-outbound-call.json')
				.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote')
				.map((node) => node.parameters.content)
				.join('\n');
			assert.match(notes, /ElevenLabs: name `xi-api-key`, value `<your API key>` \(no Bearer\)/);
		},
	);

	await t.test(
		'HubSpot Scheduling action nodes continue on error, so a caller always gets an answer',
		() => {
			for (const { file } of templates) {
				const stopping = readTemplate(root, file).nodes.filter(
					(node) =>
						node.type === `${PACKAGE}.hubSpotScheduling` &&
						node.onError !== 'continueRegularOutput',
				);
				assert.deepEqual(
					stopping.map((node) => node.name),
					[],
					file,
				);
			}
		},
	);
}

module.exports = { templateFileTests };
