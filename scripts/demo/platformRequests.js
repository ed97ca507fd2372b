'use strict';

const { createHmac } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { DEMO_SECRETS } = require('./deployment');

/**
 * The requests voice platforms send to the templates, built from the payloads in ./payloads (shaped
 * after each platform's documented examples; SOURCES names where each comes from), and how to read
 * the answer they expect back.
 * Placeholders: __TOOL_CALL_ID__, __TOOL_NAME__, __CALLER__ (inside strings), "__ARGS__" (replaced by
 * the arguments object), "__ARGS_JSON__" (by the arguments as a JSON string) and the key
 * "__ARGS_AT_ROOT__" (the arguments are merged into that object).
 *
 * `access` (from `platformAccess`): the Webhook path of each deployed template (n8n gives every
 * import a random one) and the secrets the demo credentials hold.
 */

const PAYLOAD_DIR = path.join(__dirname, 'payloads');

/** Where each payload's shape comes from (the e2e tests name it). */
const SOURCES = {
	'vapi-tool-calls-arguments.json':
		'Vapi docs, fern/tools/custom-tools.mdx (toolCallList[].arguments object + toolWithToolCallList)',
	'vapi-tool-calls-parameters.json':
		'Vapi docs, fern/server-url/events.mdx (toolCallList[].parameters)',
	'vapi-tool-calls-function-string.json':
		'Vapi OpenAPI, ServerMessageToolCalls / ToolCall (function.arguments as a JSON string)',
	'vapi-tool-calls-tool-with-list-only.json':
		'Vapi OpenAPI, ServerMessageToolCalls.toolWithToolCallList[].toolCall (message without toolCallList)',
	'vapi-assistant-request.json':
		'Vapi OpenAPI, ServerMessageAssistantRequest (call.customer.number)',
	'vapi-status-update.json': 'Vapi docs, fern/server-url/events.mdx (status-update)',
	'retell-function-call.json':
		'Retell docs, custom function ({name, call, args}); call fields from retell-typescript-sdk src/resources/call.ts',
	'retell-function-args-at-root.json': 'Retell SDK llm.ts, CustomTool.args_at_root',
	'retell-call-inbound.json': 'Retell docs, features/inbound-call-webhook (call_inbound)',
	'retell-function-call-outbound.json':
		'Retell SDK call.ts, PhoneCallResponse with direction "outbound" (from_number = the business)',
	'retell-function-call-web.json':
		'Retell SDK call.ts, WebCallResponse (call_type "web_call", no numbers)',
	'elevenlabs-conversation-initiation.json':
		'ElevenLabs docs, twilio-inbound-integration (conversation initiation webhook)',
	'elevenlabs-server-tool.json':
		'ElevenLabs docs, tools/server-tools (JSON body of LLM and dynamic-variable parameters)',
	'bland-tool-call.json':
		'Bland docs, api-v1/post/tools (templated body with {{input.x}} and {{phone_number}})',
};

const VAPI_AUTH_HEADER = 'Authorization';
const RETELL_SIGNATURE_HEADER = 'X-Retell-Signature';
const ELEVENLABS_SECRET_HEADER = 'X-Agent-Secret';
const BLAND_SECRET_HEADER = 'X-Bland-Secret';

/** Paths and secrets for requests to the templates `deployTemplates` published. */
function platformAccess(deployed, secrets = DEMO_SECRETS) {
	const paths = Object.fromEntries(
		Object.entries(deployed)
			.filter(([, template]) => template.paths?.Webhook)
			.map(([key, template]) => [key, template.paths.Webhook]),
	);
	return { paths, secrets };
}

function loadPayload(file) {
	return JSON.parse(fs.readFileSync(path.join(PAYLOAD_DIR, file), 'utf8'));
}

function fill(value, values) {
	if (value === '__ARGS__') return values.args;
	if (value === '__ARGS_JSON__') return JSON.stringify(values.args);
	if (typeof value === 'string') {
		return value
			.replaceAll('__TOOL_CALL_ID__', values.id ?? '')
			.replaceAll('__TOOL_NAME__', values.tool ?? '')
			.replaceAll('__CALLER__', values.callerPhone ?? '');
	}
	if (Array.isArray(value)) return value.map((entry) => fill(entry, values));
	if (value !== null && typeof value === 'object') {
		const { __ARGS_AT_ROOT__: atRoot, ...rest } = value;
		const filled = Object.fromEntries(
			Object.entries(rest).map(([key, entry]) => [key, fill(entry, values)]),
		);
		return atRoot ? { ...values.args, ...filled } : filled;
	}
	return value;
}

function vapiHeaders(access) {
	return { [VAPI_AUTH_HEADER]: `Bearer ${access.secrets.vapiSecret}` };
}

/** Retell's scheme (retell-typescript-sdk src/lib/webhook_auth.ts): v=<ms>,d=<hex HMAC(key, body + ms)>. */
function retellSignature(bodyText, apiKey, nowMs = Date.now()) {
	const digest = createHmac('sha256', apiKey).update(`${bodyText}${nowMs}`).digest('hex');
	return `v=${nowMs},d=${digest}`;
}

function retellRequest(access, pathSuffix, body) {
	return {
		path: `${access.paths.retell}${pathSuffix}`,
		headers: {
			[RETELL_SIGNATURE_HEADER]: retellSignature(JSON.stringify(body), access.secrets.retellApiKey),
		},
		body,
	};
}

/**
 * How each platform calls a tool. `answer(body)` returns the text the caller would hear, and
 * `wellFormed(body, id, tool)` whether the answer has exactly the platform's required shape.
 */
const TOOL_CALLERS = {
	'vapi-arguments': vapiToolCaller(
		'vapi-tool-calls-arguments.json',
		'toolCallList[].arguments (object)',
	),
	'vapi-parameters': vapiToolCaller('vapi-tool-calls-parameters.json', 'toolCallList[].parameters'),
	'vapi-function-string': vapiToolCaller(
		'vapi-tool-calls-function-string.json',
		'function.arguments (JSON string)',
	),
	'vapi-tool-with-list-only': vapiToolCaller(
		'vapi-tool-calls-tool-with-list-only.json',
		'toolWithToolCallList only',
	),
	retell: retellToolCaller(
		'retell-function-call.json',
		'Retell custom function {name, call, args}',
	),
	'retell-outbound': retellToolCaller(
		'retell-function-call-outbound.json',
		'Retell custom function on an outbound call',
	),
	'retell-args-at-root': {
		label: 'Retell custom function with args_at_root',
		payload: 'retell-function-args-at-root.json',
		request: (values, access) =>
			retellRequest(
				access,
				`?tool=${values.tool}`,
				fill(loadPayload('retell-function-args-at-root.json'), values),
			),
		...resultAnswer(),
	},
	elevenlabs: {
		label: 'ElevenLabs server tool',
		payload: 'elevenlabs-server-tool.json',
		request: (values, access) => ({
			path: `${access.paths.elevenLabs}?tool=${values.tool}`,
			headers: { [ELEVENLABS_SECRET_HEADER]: access.secrets.elevenLabsSecret },
			body: fill(loadPayload('elevenlabs-server-tool.json'), values),
		}),
		...resultAnswer(),
	},
	bland: {
		label: 'Bland custom tool',
		payload: 'bland-tool-call.json',
		request: (values, access) => ({
			path: `${access.paths.bland}?tool=${values.tool}`,
			headers: { [BLAND_SECRET_HEADER]: access.secrets.blandSecret },
			// Bland templates every value into the body as a string.
			body: fill(loadPayload('bland-tool-call.json'), {
				...values,
				args: Object.fromEntries(
					Object.entries(values.args ?? {}).map(([key, value]) => [key, String(value)]),
				),
			}),
		}),
		...resultAnswer(),
	},
};

function vapiToolCaller(file, label) {
	return {
		label: `Vapi tool-calls, ${label}`,
		payload: file,
		request: (values, access) => ({
			path: access.paths.vapiReceptionist,
			headers: vapiHeaders(access),
			body: fill(loadPayload(file), values),
		}),
		answer: (body) => body?.results?.[0]?.result,
		wellFormed: (body, id, tool) =>
			isPlainObject(body) &&
			Object.keys(body).length === 1 &&
			Array.isArray(body.results) &&
			body.results.length === 1 &&
			isVapiResult(body.results[0], id, tool),
	};
}

/** OpenAPI ToolCallResult: toolCallId and name required, result a one-line string. */
function isVapiResult(result, id, tool) {
	return (
		isPlainObject(result) &&
		Object.keys(result).sort().join() === 'name,result,toolCallId' &&
		result.toolCallId === id &&
		(tool === undefined || result.name === tool) &&
		isOneLine(result.result)
	);
}

function retellToolCaller(file, label) {
	return {
		label,
		payload: file,
		request: (values, access) => retellRequest(access, '', fill(loadPayload(file), values)),
		...resultAnswer(),
	};
}

function resultAnswer() {
	return {
		answer: (body) => body?.result,
		wellFormed: (body) =>
			isPlainObject(body) && Object.keys(body).join() === 'result' && isOneLine(body.result),
	};
}

/** Call-start webhooks; `variables(body)` returns the caller variables the platform receives. */
const CALL_STARTS = {
	vapi: {
		label: 'Vapi assistant-request',
		payload: 'vapi-assistant-request.json',
		request: ({ callerPhone }, access) => ({
			path: access.paths.vapiCallerContext,
			headers: vapiHeaders(access),
			body: fill(loadPayload('vapi-assistant-request.json'), { callerPhone }),
		}),
		variables: (body) => body?.assistantOverrides?.variableValues,
	},
	retell: {
		label: 'Retell call_inbound webhook',
		payload: 'retell-call-inbound.json',
		request: ({ callerPhone }, access) =>
			retellRequest(access, '', fill(loadPayload('retell-call-inbound.json'), { callerPhone })),
		variables: (body) => body?.call_inbound?.dynamic_variables,
	},
	elevenlabs: {
		label: 'ElevenLabs conversation initiation',
		payload: 'elevenlabs-conversation-initiation.json',
		request: ({ callerPhone }, access) => ({
			path: access.paths.elevenLabs,
			headers: { [ELEVENLABS_SECRET_HEADER]: access.secrets.elevenLabsSecret },
			body: fill(loadPayload('elevenlabs-conversation-initiation.json'), { callerPhone }),
		}),
		variables: (body) => body?.dynamic_variables,
	},
};

/** A Vapi server message the receptionist does not handle (it must still get a 200). */
function vapiStatusUpdate({ callerPhone }, access) {
	return {
		path: access.paths.vapiReceptionist,
		headers: vapiHeaders(access),
		body: fill(loadPayload('vapi-status-update.json'), { callerPhone }),
	};
}

function isPlainObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isOneLine(text) {
	return typeof text === 'string' && text !== '' && !/[\r\n]/.test(text);
}

/** A curl command that replays `request` against `n8nUrl`. */
function curlFor(n8nUrl, request) {
	const headers = Object.entries(request.headers ?? {}).map(
		([name, value]) => ` -H '${name}: ${value}'`,
	);
	const body = JSON.stringify(request.body).replaceAll("'", "'\\''");
	return `curl -s -X POST '${n8nUrl}/webhook/${request.path}' -H 'Content-Type: application/json'${headers.join('')} -d '${body}'`;
}

module.exports = {
	TOOL_CALLERS,
	CALL_STARTS,
	SOURCES,
	vapiStatusUpdate,
	curlFor,
	fill,
	loadPayload,
	platformAccess,
	retellSignature,
	isVapiResult,
	VAPI_AUTH_HEADER,
	RETELL_SIGNATURE_HEADER,
	ELEVENLABS_SECRET_HEADER,
	BLAND_SECRET_HEADER,
};
