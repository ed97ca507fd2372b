'use strict';

const { before, test } = require('node:test');
const { setTimeout: sleep } = require('node:timers/promises');

/**
 * @typedef {import('node:test').TestContext} TestContext
 * @typedef {{ passed: number, failed: number, skipped: number, failures: string[] }} Tally
 * @typedef {{
 *   describe: (name: string) => void,
 *   test: (name: string, body: () => unknown) => Promise<void>,
 *   skip: (name: string, reason: string) => Promise<void>,
 * }} SuiteRunner what every suite in suites/ (and the browser suite) is given as `t`
 */

/**
 * The end-to-end suites run on `node:test` against one shared stack (starting n8n per test would
 * cost ~10 s each). Each suite is a function `(t, context)` that calls `t.describe(group)` and then
 * awaits `t.test(name, body)` one after another; tests run in order and a failure never stops the
 * rest. `suiteRunner` gives such a function that `t`, backed by a `node:test` test: every group is
 * a subtest and every test a subtest of its group. `tally` counts the tests' outcomes for the
 * summary line the runners print ("N passed, M failed, K skipped").
 * @param {TestContext} suite the node:test test the suite runs in
 * @param {Tally} tally
 * @returns {SuiteRunner & { end: () => Promise<void> }}
 */
function suiteRunner(suite, tally) {
	/** Steps of one group run one after another, each on the group's node:test context. */
	let group = openGroup(Promise.resolve(suite), () => {}, Promise.resolve());
	let groupName = '';

	/**
	 * @param {Promise<TestContext>} context
	 * @param {() => void} close
	 * @param {Promise<unknown>} done
	 */
	function openGroup(context, close, done) {
		return { chain: context, close, done };
	}

	/** @param {(context: TestContext) => Promise<unknown>} step */
	function enqueue(step) {
		const current = group;
		const ran = current.chain.then(async (context) => {
			await step(context);
			return context;
		});
		current.chain = ran;
		return ran.then(() => undefined);
	}

	async function closeGroup() {
		const current = group;
		await current.chain;
		current.close();
		await current.done;
	}

	return {
		describe(name) {
			const previous = closeGroup();
			groupName = name;
			/** @type {(context: TestContext) => void} */
			let ready = () => {};
			/** @type {() => void} */
			let close = () => {};
			const context = new Promise((resolve) => (ready = resolve));
			const closed = new Promise((resolve) => (close = () => resolve(undefined)));
			// Subtests of one parent run one at a time, so this group starts once the previous one ended.
			const done = previous.then(() =>
				suite.test(name, (groupContext) => {
					ready(groupContext);
					return closed;
				}),
			);
			group = openGroup(context, close, done);
		},
		test(name, body) {
			const fullName = groupName ? `${groupName} › ${name}` : name;
			return enqueue((context) =>
				context.test(name, async () => {
					try {
						await body();
						tally.passed += 1;
					} catch (error) {
						tally.failed += 1;
						tally.failures.push(fullName);
						throw error;
					}
				}),
			);
		},
		/** A case that is not run, with the reason shown where the results are (a known gap). */
		skip(name, reason) {
			return enqueue((context) => {
				tally.skipped += 1;
				return context.test(name, { skip: reason }, () => {});
			});
		},
		end: closeGroup,
	};
}

/**
 * A `before` hook that builds what the suites need; when it throws, the run counts it as a failure
 * named `what`, says so under `tag`, and the suites do not start.
 * @param {Tally} tally
 * @param {{ tag: string, what: string }} label e.g. `{ tag: 'e2e', what: 'stack, credentials' }`
 * @param {() => Promise<void>} setUp
 */
function beforeSuites(tally, { tag, what }, setUp) {
	before(async () => {
		try {
			await setUp();
		} catch (error) {
			tally.failed += 1;
			tally.failures.push(`setup (${what})`);
			console.error(`\n[${tag}] stopped early: ${error instanceof Error ? error.stack : error}`);
			throw error;
		}
	});
}

/** @returns {Tally} */
function createTally() {
	return { passed: 0, failed: 0, skipped: 0, failures: [] };
}

/**
 * Registers one suite function as a `node:test` test named `name`; `context` is read when the test
 * runs (after the `before` hooks that build it). An error a suite throws between its tests fails
 * that suite, and the suites after it still run.
 * @template C
 * @param {Tally} tally
 * @param {string} name
 * @param {(t: SuiteRunner, context: C) => Promise<unknown>} suiteFunction
 * @param {() => C} context
 * @param {{ skip?: () => string | false }} [options] `skip` gives a reason not to run it, decided
 *   when it would start (e.g. an earlier step it needs failed)
 */
function registerSuite(tally, name, suiteFunction, context, { skip } = {}) {
	test(name, async (suite) => {
		const reason = skip?.();
		if (reason) {
			tally.skipped += 1;
			suite.skip(reason);
			return;
		}
		const t = suiteRunner(suite, tally);
		try {
			await suiteFunction(t, context());
		} catch (error) {
			tally.failed += 1;
			tally.failures.push(`${name} (outside its tests)`);
			throw error;
		} finally {
			await t.end();
		}
	});
}

/**
 * Prints the summary line when the process exits (after node:test's own report) and keeps the exit
 * code 1 when anything failed.
 * @param {Tally} tally
 * @param {() => string} [describeRun] e.g. `in n8n 2.41.1`
 */
function printSummaryOnExit(tally, describeRun = () => '') {
	const started = performance.now();
	process.once('exit', () => {
		const { passed, failed, skipped, failures } = tally;
		if (failed > 0) console.log(`\nFailed:\n${failures.map((name) => `  - ${name}`).join('\n')}`);
		const where = describeRun();
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		console.log(
			`\n${passed} passed, ${failed} failed, ${skipped} skipped${where ? ` ${where}` : ''} (${seconds} s)`,
		);
		if (failed > 0) process.exitCode = 1;
	});
}

/**
 * Polls `probe` until it returns something other than undefined, or throws when `timeoutMs` passes.
 * Used instead of sleeps: executions and webhook deliveries finish asynchronously.
 * @template T
 * @param {string} what what is awaited (for the error)
 * @param {() => Promise<T | undefined>} probe
 * @param {{ timeoutMs?: number, intervalMs?: number }} [options]
 * @returns {Promise<T>}
 */
async function eventually(what, probe, { timeoutMs = 20_000, intervalMs = 150 } = {}) {
	const deadline = Date.now() + timeoutMs;
	/** @type {unknown} */
	let lastError;
	for (;;) {
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			const reason =
				lastError === undefined
					? ''
					: `: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
		}
		await sleep(intervalMs);
	}
}

module.exports = {
	beforeSuites,
	createTally,
	eventually,
	printSummaryOnExit,
	registerSuite,
	suiteRunner,
};
