'use strict';

const fs = require('node:fs');
const path = require('node:path');

/**
 * The requests voice platforms send to the templates, built from the payloads in ./payloads (shaped
 * after each platform's documented examples), and how to read the answer they expect back.
 * Placeholders: __TOOL_CALL_ID__, __TOOL_NAME__, __CALLER__ (inside strings), "__ARGS__" (replaced by
 * the arguments object), "__ARGS_JSON__" (by the arguments as a JSON string) and the key
 * "__ARGS_AT_ROOT__" (the arguments are merged into that object).
 */

const PAYLOAD_DIR = path.join(__dirname, 'payloads');

/** Header the Vapi templates' Header Auth credential expects (the demo and the tests create it). */
const VAPI_SECRET_HEADER = 'X-Vapi-Secret';

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

/**
 * How each platform calls a tool. `answer(body)` returns the text the caller would hear, and
 * `wellFormed(body, id)` whether the answer has exactly the platform's required shape.
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
	retell: {
		label: 'Retell custom function {name, call, args}',
		request: (values) => ({
			path: 'retell/receptionist',
			body: fill(loadPayload('retell-function-call.json'), values),
		}),
		...resultAnswer(),
	},
	'retell-args-at-root': {
		label: 'Retell custom function with args_at_root',
		// No call object at the root: the agent passes the caller's number ({{user_number}}) itself.
		callerPhoneAsArgument: true,
		request: (values) => ({
			path: `retell/receptionist?tool=${values.tool}`,
			body: fill(loadPayload('retell-function-args-at-root.json'), values),
		}),
		...resultAnswer(),
	},
	elevenlabs: {
		label: 'ElevenLabs server tool',
		request: (values) => ({
			path: `elevenlabs/receptionist?tool=${values.tool}`,
			body: fill(loadPayload('elevenlabs-server-tool.json'), values),
		}),
		...resultAnswer(),
	},
};

function vapiToolCaller(file, label) {
	return {
		label: `Vapi tool-calls, ${label}`,
		request: (values, { vapiSecret }) => ({
			path: 'vapi/receptionist',
			headers: { [VAPI_SECRET_HEADER]: vapiSecret },
			body: fill(loadPayload(file), values),
		}),
		answer: (body) => body?.results?.[0]?.result,
		wellFormed: (body, id) =>
			isPlainObject(body) &&
			Object.keys(body).length === 1 &&
			Array.isArray(body.results) &&
			body.results.length === 1 &&
			Object.keys(body.results[0]).sort().join() === 'result,toolCallId' &&
			body.results[0].toolCallId === id &&
			isOneLine(body.results[0].result),
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
		request: ({ callerPhone }, { vapiSecret }) => ({
			path: 'vapi/assistant-request',
			headers: { [VAPI_SECRET_HEADER]: vapiSecret },
			body: fill(loadPayload('vapi-assistant-request.json'), { callerPhone }),
		}),
		variables: (body) => body?.assistantOverrides?.variableValues,
	},
	retell: {
		label: 'Retell call_inbound webhook',
		request: ({ callerPhone }) => ({
			path: 'retell/receptionist',
			body: fill(loadPayload('retell-call-inbound.json'), { callerPhone }),
		}),
		variables: (body) => body?.call_inbound?.dynamic_variables,
	},
	elevenlabs: {
		label: 'ElevenLabs conversation initiation',
		request: ({ callerPhone }) => ({
			path: 'elevenlabs/receptionist',
			body: fill(loadPayload('elevenlabs-conversation-initiation.json'), { callerPhone }),
		}),
		variables: (body) => body?.dynamic_variables,
	},
};

/** A Vapi server message the receptionist does not handle (it must still get a 200). */
function vapiStatusUpdate({ callerPhone }, { vapiSecret }) {
	return {
		path: 'vapi/receptionist',
		headers: { [VAPI_SECRET_HEADER]: vapiSecret },
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

module.exports = { TOOL_CALLERS, CALL_STARTS, vapiStatusUpdate, curlFor, fill, VAPI_SECRET_HEADER };
