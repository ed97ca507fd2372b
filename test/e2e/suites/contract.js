'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

/**
 * The real n8n's HubSpot traffic in the whole end-to-end run, held to the contract description
 * (test/contract, compiled to build/test/contract by `tsc -p tsconfig.tools.json`): n8n's own OAuth
 * token requests, the trigger's webhook management calls and every operation of the templates. The
 * sandbox process wrote each exchange to `file` (`--exchanges`). The test's own direct calls (fetch,
 * user agent "node") are judged on the sandbox's answers only.
 */
async function contractTests(t, { root, file }) {
	t.describe("The real n8n's HubSpot traffic against the contract description");
	await t.test(
		'every request n8n sent and every answer the sandbox gave fit the description',
		async () => {
			const contract = path.join(root, 'build', 'test', 'contract', 'checkExchange.js');
			const { checkExchange, describeViolations, endpointFor, separatePending } = require(contract);
			const exchanges = fs
				.readFileSync(file, 'utf8')
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line));
			const fromN8n = exchanges.filter((exchange) => !['node', ''].includes(exchange.userAgent));
			assert.ok(fromN8n.length > 50, `only ${fromN8n.length} exchanges from n8n recorded`);
			const violations = exchanges.flatMap((exchange) =>
				checkExchange(exchange, { checkRequest: fromN8n.includes(exchange) }),
			);
			const { failures } = separatePending(violations);
			assert.equal(failures.length, 0, describeViolations(failures));
			const seen = [...new Set(fromN8n.map((e) => endpointFor(e.method, e.path)?.id))].sort();
			console.log(
				`[e2e] contract: ${fromN8n.length} exchanges from n8n over ${seen.length} endpoints: ${seen.join(', ')}`,
			);
		},
	);
}

module.exports = { contractTests };
