'use strict';

const http = require('node:http');

/**
 * A round-robin HTTP balancer on 127.0.0.1 for n8n's webhook processors: each request goes to the
 * next backend, with its method, path, headers (Host included: HubSpot's v3 signature covers the
 * URL it called) and body passed through byte for byte, and the answer streamed back. Identical
 * requests sent at once therefore land on different processes, and so on different workers.
 * `setBackends` may be called at any time (a restarted process, a second webhook processor).
 * @param {{ port?: number, backends?: string[] }} options
 */
async function startSpreader({ port = 0, backends = [] } = {}) {
	let targets = backends.map((backend) => new URL(backend));
	let turn = 0;
	const counts = new Map();
	const server = http.createServer((request, response) => {
		if (targets.length === 0) {
			response.writeHead(503, { 'content-type': 'text/plain' });
			response.end('No webhook process behind the spreader yet');
			return;
		}
		const target = targets[turn % targets.length];
		turn += 1;
		counts.set(target.href, (counts.get(target.href) ?? 0) + 1);
		const outgoing = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: request.method,
				path: request.url,
				headers: request.headers,
			},
			(answer) => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			},
		);
		outgoing.on('error', (error) => {
			if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
			response.end(`The webhook process at ${target.href} did not answer: ${error.message}`);
		});
		request.pipe(outgoing);
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(undefined));
	});
	const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
	return {
		url,
		setBackends: (next) => {
			targets = next.map((backend) => new URL(backend));
		},
		/** Requests sent to each backend so far, by its URL. */
		counts: () => Object.fromEntries(counts),
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

module.exports = { startSpreader };
