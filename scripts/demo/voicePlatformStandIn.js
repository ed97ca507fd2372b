'use strict';

const http = require('node:http');

/**
 * Stands in for a voice platform's "start an outbound call" API (Vapi's POST /call) so the outbound
 * template can run without an account: it records each request and answers like Vapi does.
 * @param {{ onCall?: (call: { path: string, headers: object, body: unknown }) => void }} [options]
 * @returns {Promise<{ url: string, calls: Array<{ path: string, headers: object, body: unknown }>, close: () => Promise<void> }>}
 */
async function startVoicePlatformStandIn({ onCall = () => {} } = {}) {
	const calls = [];
	const server = http.createServer((request, response) => {
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body = text;
			try {
				body = JSON.parse(text);
			} catch {
				// Recorded as text: a test then shows what arrived instead.
			}
			const call = { path: request.url ?? '', headers: request.headers, body };
			calls.push(call);
			onCall(call);
			response.writeHead(201, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ id: `call-${calls.length}`, status: 'queued' }));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${port}`,
		calls,
		close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
	};
}

module.exports = { startVoicePlatformStandIn };
