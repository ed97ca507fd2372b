'use strict';

const http = require('node:http');

/**
 * An OpenAI-compatible chat-completions endpoint that follows a script instead of thinking, so the
 * AI Agent template runs offline: `reply(request)` gets the parsed request body and returns the
 * assistant message (text, or tool calls). Requests are kept for assertions.
 * @param {(request: { messages: object[], tools?: object[] }) => object} reply
 */
async function startScriptedModel(reply) {
	const requests = [];
	const server = http.createServer((request, response) => {
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => {
			let body;
			let message;
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
				requests.push({ path: request.url, body });
				message = reply(body);
			} catch (error) {
				response.writeHead(500, { 'content-type': 'application/json' });
				const message = error instanceof Error ? error.message : String(error);
				response.end(JSON.stringify({ error: { message: `scripted model: ${message}` } }));
				return;
			}
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(
				JSON.stringify({
					id: `chatcmpl-${requests.length}`,
					object: 'chat.completion',
					created: Math.floor(Date.now() / 1000),
					model: body.model,
					choices: [
						{ index: 0, message, finish_reason: message.tool_calls ? 'tool_calls' : 'stop' },
					],
					usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
				}),
			);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	return {
		url: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}/v1`,
		requests,
		close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
	};
}

/** An assistant message that calls one tool. */
function toolCall(id, name, args) {
	return {
		role: 'assistant',
		content: null,
		tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }],
	};
}

module.exports = { startScriptedModel, toolCall };
