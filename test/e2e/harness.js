'use strict';

const { setTimeout: sleep } = require('node:timers/promises');

/**
 * A small test runner for the end-to-end suite: tests run one after another against one n8n
 * (starting n8n per test would cost ~10 s each), each is timed, a failure never stops the rest.
 */
function createRunner({ print = console.log } = {}) {
	const results = [];
	let group = '';
	return {
		describe(name) {
			group = name;
			print(`\n${name}`);
		},
		async test(name, body) {
			const started = performance.now();
			try {
				await body();
				results.push({ name: `${group} › ${name}`, ok: true });
				print(`  ✔ ${name} (${Math.round(performance.now() - started)} ms)`);
			} catch (error) {
				results.push({ name: `${group} › ${name}`, ok: false, error });
				print(`  ✘ ${name}\n${indent(error?.stack ?? String(error))}`);
			}
		},
		/** A case that is not run, with the reason printed where the results are (a known gap). */
		skip(name, reason) {
			results.push({ name: `${group} › ${name}`, ok: true, skipped: true });
			print(`  - ${name} (not run: ${reason})`);
		},
		results,
		summary() {
			const failed = results.filter((result) => !result.ok);
			const skipped = results.filter((result) => result.skipped).length;
			return {
				passed: results.length - failed.length - skipped,
				failed: failed.length,
				skipped,
				failures: failed.map((result) => result.name),
			};
		},
	};
}

function indent(text) {
	return text
		.split('\n')
		.slice(0, 30)
		.map((line) => `      ${line}`)
		.join('\n');
}

/**
 * Polls `probe` until it returns something other than undefined, or throws when `timeoutMs` passes.
 * Used instead of sleeps: executions and webhook deliveries finish asynchronously.
 * @template T
 * @param {string} what what is awaited (for the error)
 * @param {() => Promise<T | undefined>} probe
 * @returns {Promise<T>}
 */
async function eventually(what, probe, { timeoutMs = 20_000, intervalMs = 150 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	for (;;) {
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`,
			);
		}
		await sleep(intervalMs);
	}
}

module.exports = { createRunner, eventually };
