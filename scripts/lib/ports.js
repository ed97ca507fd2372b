'use strict';

const net = require('node:net');

/** A port that was free a moment ago on 127.0.0.1 (listen on 0, read it, close). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

module.exports = { freePort };
