'use strict';

const { adaptTemplate, loadTemplate, webhookPaths } = require('../lib/templates');

/**
 * Puts the templates into a running n8n the way a user would after importing them: credentials that
 * point at the HubSpot sandbox, the Settings nodes filled in, the workflows published.
 */

/** Values the demo and the tests send; only meaningful against the local sandbox. */
const DEMO_SECRETS = {
	vapiSecret: 'demo-vapi-secret',
	retellApiKey: 'key_demo_retell_api_key',
	elevenLabsSecret: 'demo-elevenlabs-secret',
	blandSecret: 'demo-bland-secret',
	voicePlatformAuthorization: 'Bearer demo-voice-platform-key',
	vapiAssistantId: 'demo-vapi-assistant',
	vapiPhoneNumberId: 'demo-vapi-phone-number',
};

/**
 * Creates one credential of each kind the templates use, against the sandbox.
 * The OAuth2 credential is created unconnected (connect it with `connectOAuth2`).
 * @param {object} api
 * @param {object} sandbox
 * @param {{ openAiUrl?: string }} [options]
 * @returns keyed like CREDENTIALS in workflows/src/nodes.js, plus `oAuth2` and `developer`.
 */
async function createSandboxCredentials(api, sandbox, { openAiUrl } = {}) {
	const create = async (name, type, data) => {
		const created = await api.createCredential({ name, type, data });
		return { id: created.id, name: created.name };
	};
	return {
		serviceKey: await create('HubSpot sandbox service key', 'hubSpotSchedulingServiceKeyApi', {
			accessToken: sandbox.serviceKey,
			baseUrl: sandbox.url,
		}),
		webhookSecret: await create(
			'HubSpot sandbox app client secret',
			'hubSpotSchedulingWebhookSecretApi',
			{
				clientSecret: sandbox.clientSecret,
			},
		),
		oAuth2: await create('HubSpot sandbox OAuth2', 'hubSpotSchedulingOAuth2Api', {
			baseUrl: sandbox.url,
			clientId: sandbox.clientId,
			clientSecret: sandbox.clientSecret,
		}),
		developer: await create('HubSpot sandbox developer API key', 'hubSpotSchedulingDeveloperApi', {
			developerApiKey: sandbox.developerApiKey,
			appId: String(sandbox.appId),
			baseUrl: sandbox.url,
		}),
		// Vapi's default credential: a Bearer token in the Authorization header.
		vapiSecret: await create('Vapi server credential (demo)', 'httpHeaderAuth', {
			name: 'Authorization',
			value: `Bearer ${DEMO_SECRETS.vapiSecret}`,
		}),
		retellApiKey: await create('Retell API key (demo)', 'crypto', {
			hmacSecret: DEMO_SECRETS.retellApiKey,
		}),
		elevenLabsSecret: await create('ElevenLabs secret header (demo)', 'httpHeaderAuth', {
			name: 'X-Agent-Secret',
			value: DEMO_SECRETS.elevenLabsSecret,
		}),
		blandSecret: await create('Bland secret header (demo)', 'httpHeaderAuth', {
			name: 'X-Bland-Secret',
			value: DEMO_SECRETS.blandSecret,
		}),
		voicePlatformApiKey: await create('Voice platform API key (demo stand-in)', 'httpHeaderAuth', {
			name: 'Authorization',
			value: DEMO_SECRETS.voicePlatformAuthorization,
		}),
		openAi: await create(
			openAiUrl ? 'OpenAI (scripted test model)' : 'OpenAI account (put your API key here)',
			'openAiApi',
			{
				apiKey: openAiUrl ? 'sk-scripted-test-model' : 'sk-replace-with-your-key',
				...(openAiUrl ? { url: openAiUrl } : {}),
			},
		),
	};
}

const RECEPTIONIST_SETTINGS = {
	meetingLink: 'alex-demo',
	timeZone: 'America/New_York',
	defaultCountry: 'US',
};

/**
 * What to fill into each template. `outboundTrigger` overrides the trigger's parameters (the call window).
 * @param {{ voicePlatformUrl: string, outboundTrigger?: Record<string, unknown>, chatPublic?: boolean }} options
 */
function templateSetups({ voicePlatformUrl, outboundTrigger = {}, chatPublic = false }) {
	return [
		{
			key: 'vapiReceptionist',
			file: 'vapi-receptionist.json',
			fields: { Settings: RECEPTIONIST_SETTINGS },
		},
		{
			key: 'vapiCallerContext',
			file: 'vapi-caller-context.json',
			fields: {
				Settings: {
					assistantId: DEMO_SECRETS.vapiAssistantId,
					timeZone: 'America/New_York',
					defaultCountry: 'US',
				},
			},
		},
		{
			key: 'retell',
			file: 'retell-receptionist.json',
			fields: { Settings: RECEPTIONIST_SETTINGS },
		},
		{
			key: 'elevenLabs',
			file: 'elevenlabs-receptionist.json',
			fields: { Settings: RECEPTIONIST_SETTINGS },
		},
		{
			key: 'bland',
			file: 'bland-receptionist.json',
			fields: { Settings: RECEPTIONIST_SETTINGS },
		},
		{
			key: 'outboundCall',
			file: 'new-lead-outbound-call.json',
			fields: {
				Settings: {
					callApiUrl: `${voicePlatformUrl}/call`,
					assistantId: DEMO_SECRETS.vapiAssistantId,
					phoneNumberId: DEMO_SECRETS.vapiPhoneNumberId,
				},
			},
			parameters: { 'New HubSpot contact': outboundTrigger },
		},
		{
			key: 'aiAgent',
			file: 'ai-agent-receptionist.json',
			fields: { Settings: { meetingLink: 'alex-demo', timeZone: 'America/New_York' } },
			parameters: chatPublic
				? { 'When chat message received': { public: true, mode: 'webhook' } }
				: {},
			// Without a real model key its chat cannot answer; it is imported for the user to finish.
			activate: chatPublic,
		},
	];
}

/**
 * Imports and publishes the templates. Returns, per template key: the workflow id, its webhook
 * URLs by node name, and the trigger URL for nodes with their own webhook path (the HubSpot trigger, the chat).
 */
async function deployTemplates(stack, credentials, setups) {
	const deployed = {};
	for (const { key, file, fields = {}, parameters = {}, activate = true } of setups) {
		const template = loadTemplate(stack.root, file);
		const adapted = adaptTemplate(template, { credentials, fields, parameters });
		const created = await stack.api.createWorkflow(adapted);
		if (activate) await stack.api.activateWorkflow(created.id);
		const paths = webhookPaths(adapted);
		const webhooks = Object.fromEntries(
			Object.entries(paths).map(([node, path]) => [node, `${stack.n8n.url}/webhook/${path}`]),
		);
		deployed[key] = {
			id: created.id,
			name: template.name,
			file,
			active: activate,
			paths,
			webhooks,
			template,
		};
	}
	return deployed;
}

/** Production URL of a node that owns a webhook path under its webhookId (triggers, chat). */
function nodeWebhookUrl(n8nUrl, template, nodeName, path) {
	const node = template.nodes.find((entry) => entry.name === nodeName);
	return `${n8nUrl}/webhook/${node.webhookId}/${path}`;
}

module.exports = {
	DEMO_SECRETS,
	createSandboxCredentials,
	templateSetups,
	deployTemplates,
	nodeWebhookUrl,
};
