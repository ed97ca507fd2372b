'use strict';

const { createHash } = require('node:crypto');

/**
 * Builders for the n8n nodes the templates use. IDs are derived from the template and node names,
 * so regenerating a template gives byte-identical JSON (and reviewable diffs).
 */

const PACKAGE = 'n8n-nodes-hubspot-scheduling';
const SCHEDULING_NODE = `${PACKAGE}.hubSpotScheduling`;
const SCHEDULING_TOOL = `${PACKAGE}.hubSpotSchedulingTool`;
const SCHEDULING_TRIGGER = `${PACKAGE}.hubSpotSchedulingTrigger`;

/** Credential names the user re-selects after importing (the demo maps them to sandbox credentials). */
const CREDENTIALS = {
	serviceKey: { type: 'hubSpotSchedulingServiceKeyApi', name: 'HubSpot Scheduling service key' },
	webhookSecret: { type: 'hubSpotSchedulingWebhookSecretApi', name: 'HubSpot app client secret' },
	vapiSecret: { type: 'httpHeaderAuth', name: 'Vapi server credential (Authorization: Bearer)' },
	retellApiKey: { type: 'crypto', name: 'Retell API key (signature check)' },
	elevenLabsSecret: { type: 'httpHeaderAuth', name: 'ElevenLabs secret header (X-Agent-Secret)' },
	blandSecret: { type: 'httpHeaderAuth', name: 'Bland secret header (X-Bland-Secret)' },
	voicePlatformApiKey: { type: 'httpHeaderAuth', name: 'Voice platform API key header' },
	openAi: { type: 'openAiApi', name: 'OpenAI account' },
};

/** @param {...string} parts */
function stableUuid(...parts) {
	const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex');
	return [
		hex.slice(0, 8),
		hex.slice(8, 12),
		`5${hex.slice(13, 16)}`,
		`${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}`,
		hex.slice(20, 32),
	].join('-');
}

/** @param {keyof typeof CREDENTIALS} key */
function credentialRef(key) {
	const { type, name } = CREDENTIALS[key];
	// An empty id makes n8n show "select a credential" on import instead of pointing at someone else's.
	return { [type]: { id: '', name } };
}

/**
 * @typedef {{ name: string, type: string, typeVersion: number, position: number[], [key: string]: unknown }} TemplateNode
 * @typedef {{ node: string, type: string, index: number }} Connection
 */

/**
 * Starts a template: `add` returns the node it added, `connect` wires main outputs.
 * @param {string} key
 * @param {string} name
 */
function workflow(key, name) {
	/** @type {(TemplateNode & { id: string })[]} */
	const nodes = [];
	/** @type {Record<string, Record<string, Connection[][]>>} */
	const connections = {};
	/** @param {TemplateNode} node */
	const add = (node) => {
		if (nodes.some((existing) => existing.name === node.name))
			throw new Error(`${key}: two nodes named "${node.name}"`);
		nodes.push({ ...node, id: stableUuid(key, node.name) });
		return node.name;
	};
	/** `from` output `output` (0 = first; the error output of a node is the one after its last) to `to`. */
	/**
	 * @param {string} from
	 * @param {string} to
	 * @param {{ output?: number, type?: string }} [options]
	 */
	const connect = (from, to, { output = 0, type = 'main' } = {}) => {
		const outputs = (connections[from] ??= {})[type] ?? [];
		connections[from][type] = outputs;
		while (outputs.length <= output) outputs.push([]);
		outputs[output].push({ node: to, type, index: 0 });
	};
	const build = () => ({
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
		meta: { templateCredsSetupCompleted: false },
	});
	return {
		key,
		add,
		connect,
		build,
		/** @param {string} nodeName */
		webhookId: (nodeName) => stableUuid(key, nodeName, 'webhook'),
	};
}

/**
 * A POST Webhook answered by a Respond node. No webhookId and an empty path on purpose: when a
 * template is imported, n8n's editor gives such a node a fresh random webhookId and uses it as the
 * path, so every import listens on a URL nobody can guess (a fixed path in a public template is
 * known to everyone). `credential` switches on Header Auth; `rawBody` keeps the exact bytes (for
 * signature checks) as binary `data`.
 * @param {{ name: string, position: number[], credential?: keyof typeof CREDENTIALS, rawBody?: boolean,
 *   path?: string, webhookId?: string }} options
 */
function webhook({ name, position, credential, rawBody = false, path = '', webhookId }) {
	return {
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position,
		// Only for test workflows that need a known URL; templates leave both out (see above).
		...(webhookId ? { webhookId } : {}),
		parameters: {
			httpMethod: 'POST',
			path,
			...(credential ? { authentication: 'headerAuth' } : {}),
			responseMode: 'responseNode',
			options: rawBody ? { rawBody: true } : {},
		},
		...(credential ? { credentials: credentialRef(credential) } : {}),
	};
}

/**
 * If (v2): `condition` is an expression that must be boolean true; output 0 true, output 1 false.
 * @param {{ name: string, position: number[], condition: string }} options
 */
function ifTrue({ name, position, condition }) {
	return {
		name,
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		position,
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
				conditions: [
					{
						id: stableUuid(name, 'condition'),
						leftValue: condition,
						rightValue: '',
						operator: { type: 'boolean', operation: 'true', singleValue: true },
					},
				],
				combinator: 'and',
			},
			options: {},
		},
	};
}

/**
 * Split Out: one item per entry of the array at `field`, keeping `keep` (comma-separated) next to it.
 * @param {{ name: string, position: number[], field: string, keep?: string }} options
 */
function splitOut({ name, position, field, keep }) {
	return {
		name,
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position,
		parameters: {
			fieldToSplitOut: field,
			include: keep ? 'selectedOtherFields' : 'noOtherFields',
			...(keep ? { fieldsToInclude: keep } : {}),
			options: {},
		},
	};
}

/**
 * Loop Over Items, one at a time: output 0 ("done") has every item that came back, in order.
 * @param {{ name: string, position: number[] }} options
 */
function loopOneByOne({ name, position }) {
	return {
		name,
		type: 'n8n-nodes-base.splitInBatches',
		typeVersion: 3,
		position,
		parameters: { batchSize: 1, options: {} },
	};
}

/**
 * Extract from File (text): the binary `data` (a raw request body) as the string field `into`.
 * @param {{ name: string, position: number[], into: string }} options
 */
function binaryAsText({ name, position, into }) {
	return {
		name,
		type: 'n8n-nodes-base.extractFromFile',
		typeVersion: 1,
		position,
		parameters: {
			operation: 'text',
			binaryPropertyName: 'data',
			destinationKey: into,
			options: {},
		},
	};
}

/**
 * Crypto (v2) HMAC-SHA256, hex, of `value` with the secret of the Crypto credential `credential`.
 * @param {{ name: string, position: number[], value: string, into: string,
 *   credential: keyof typeof CREDENTIALS }} options
 */
function hmacSha256({ name, position, value, into, credential }) {
	return {
		name,
		type: 'n8n-nodes-base.crypto',
		typeVersion: 2,
		position,
		parameters: {
			action: 'hmac',
			type: 'SHA256',
			value,
			dataPropertyName: into,
			encoding: 'hex',
		},
		credentials: credentialRef(credential),
	};
}

/**
 * Edit Fields (Set). `fields`: `[name, type, value]` with type string | number | boolean | object | array.
 * `keepInput` keeps the incoming fields next to the new ones.
 * @param {{ name: string, position: number[], fields: [string, string, unknown][], keepInput?: boolean,
 *   onError?: string }} options
 */
function setFields({ name, position, fields, keepInput = false, onError }) {
	return {
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position,
		parameters: {
			assignments: {
				assignments: fields.map(([field, type, value]) => ({
					id: stableUuid(name, field),
					name: field,
					value,
					type,
				})),
			},
			includeOtherFields: keepInput,
			options: {},
		},
		...(onError ? { onError } : {}),
	};
}

/**
 * Switch with one named output per rule and an extra "fallback" output after them.
 * `rules`: `[outputName, leftValue, operation, rightValue?]` (string operators: equals, exists, notEmpty).
 * @param {{ name: string, position: number[], rules: [string, string, string, string?][],
 *   fallback: string }} options
 */
function switchOn({ name, position, rules, fallback }) {
	return {
		name,
		type: 'n8n-nodes-base.switch',
		typeVersion: 3.2,
		position,
		parameters: {
			rules: {
				values: rules.map(([outputKey, leftValue, operation, rightValue]) => ({
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
						conditions: [
							{
								id: stableUuid(name, outputKey),
								leftValue,
								rightValue: rightValue ?? '',
								operator: {
									type: 'string',
									operation,
									...(rightValue === undefined ? { singleValue: true } : {}),
								},
							},
						],
						combinator: 'and',
					},
					renameOutput: true,
					outputKey,
				})),
			},
			options: { fallbackOutput: 'extra', renameFallbackOutput: fallback },
		},
	};
}

/**
 * Rename Keys: `keys` are `[currentPath, newPath]`; missing paths are skipped.
 * @param {{ name: string, position: number[], keys: [string, string][] }} options
 */
function renameKeys({ name, position, keys }) {
	return {
		name,
		type: 'n8n-nodes-base.renameKeys',
		typeVersion: 1,
		position,
		parameters: {
			keys: { key: keys.map(([currentKey, newKey]) => ({ currentKey, newKey })) },
			additionalOptions: {},
		},
	};
}

/** @param {{ name: string, position: number[], body: string, status?: number }} options */
function respond({ name, position, body, status = 200 }) {
	return {
		name,
		type: 'n8n-nodes-base.respondToWebhook',
		typeVersion: 1.4,
		position,
		parameters: { respondWith: 'json', responseBody: body, options: { responseCode: status } },
	};
}

/**
 * One HubSpot Scheduling operation. Errors (a taken slot, a bad date) come out as items with an
 * `error` text on the regular output, so the flow can still answer the caller.
 * @param {{ name: string, position: number[], operation: string, parameters: Record<string, unknown> }} options
 */
function scheduling({ name, position, operation, parameters }) {
	return {
		name,
		type: SCHEDULING_NODE,
		typeVersion: 1,
		position,
		parameters: { authentication: 'serviceKey', operation, ...parameters },
		credentials: credentialRef('serviceKey'),
		onError: 'continueRegularOutput',
	};
}

/** @param {string} value */
function meetingLinkBySlug(value) {
	return { __rl: true, mode: 'slug', value };
}

/**
 * @param {{ name: string, position: number[], width: number, height: number, content: string,
 *   color?: number }} options
 */
function sticky({ name, position, width, height, content, color }) {
	return {
		name,
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position,
		parameters: { content, width, height, ...(color ? { color } : {}) },
	};
}

module.exports = {
	PACKAGE,
	SCHEDULING_NODE,
	SCHEDULING_TOOL,
	SCHEDULING_TRIGGER,
	CREDENTIALS,
	credentialRef,
	stableUuid,
	workflow,
	webhook,
	ifTrue,
	splitOut,
	loopOneByOne,
	binaryAsText,
	hmacSha256,
	setFields,
	switchOn,
	renameKeys,
	respond,
	scheduling,
	meetingLinkBySlug,
	sticky,
};
