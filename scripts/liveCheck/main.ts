/**
 * `node index.js test:live`: one scripted conversation against a real HubSpot portal, opt-in.
 *
 *   HUBSPOT_TEST_TOKEN     a service key or private-app token of a TEST portal (required)
 *   HUBSPOT_TEST_LINK      slug of a test meeting link whose organizer may get test bookings (required)
 *   HUBSPOT_TEST_EMAIL     the test contact's email (default live-check@<portal-safe test domain>)
 *   HUBSPOT_TEST_TIMEZONE  IANA zone for the link (default UTC)
 *   HUBSPOT_BASE_URL       default https://api.hubapi.com
 *
 * Without the token and link it says so and exits 0. `--sandbox` runs the same conversation against
 * a local sandbox instead (what CI does, loopback only; HUBSPOT_* variables are ignored then).
 * Prints the answers to the README's "not confirmed on a live portal" questions and saves the
 * exchanges, personal data and secrets removed, to test/contract/fixtures/live/ (live) or a
 * temporary folder (sandbox), where the contract test replays them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startSandbox } from '../../sandbox/server';
import { describeViolations, separatePending } from '../../test/contract/checkExchange';
import { runLiveConversation } from './conversation';
import { saveFixture } from './fixtures';

const ROOT = path.join(__dirname, '..', '..', '..');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

interface Target {
	baseUrl: string;
	token: string;
	slug: string;
	zone: string;
	guestEmail: string;
	fixtureDir: string;
	fixtureName: string;
}

async function main(): Promise<number> {
	const useSandbox = process.argv.includes('--sandbox');
	const sandbox = useSandbox ? await startSandbox() : undefined;
	try {
		const target = sandbox
			? {
					baseUrl: sandbox.url,
					token: 'pat-na1-sandbox-full',
					slug: 'alex-demo',
					zone: 'America/New_York',
					guestEmail: 'live-check@acme.test',
					fixtureDir: mkdtempSync(path.join(tmpdir(), 'hubspot-live-check-')),
					fixtureName: 'sandbox',
				}
			: liveTarget();
		if (!target) return 0;
		try {
			return await check(target);
		} finally {
			// Against the sandbox the fixture only proves the saving works; it is not kept.
			if (sandbox) rmSync(target.fixtureDir, { recursive: true, force: true });
		}
	} finally {
		await sandbox?.close();
	}
}

function liveTarget(): Target | undefined {
	const token = process.env.HUBSPOT_TEST_TOKEN?.trim();
	const slug = process.env.HUBSPOT_TEST_LINK?.trim();
	if (!token || !slug) {
		console.log(
			'test:live: HUBSPOT_TEST_TOKEN and HUBSPOT_TEST_LINK are not both set, so nothing was checked against a live HubSpot portal. See README "Live check".',
		);
		return undefined;
	}
	const baseUrl = process.env.HUBSPOT_BASE_URL?.trim() || 'https://api.hubapi.com';
	if (process.env.CI && !LOOPBACK.has(new URL(baseUrl).hostname)) {
		console.log(
			`test:live: CI is set, so ${new URL(baseUrl).host} is not called (CI talks to loopback only).`,
		);
		return undefined;
	}
	return {
		baseUrl,
		token,
		slug,
		zone: process.env.HUBSPOT_TEST_TIMEZONE?.trim() || 'UTC',
		guestEmail:
			process.env.HUBSPOT_TEST_EMAIL?.trim() || 'n8n-live-check@hubspot-scheduling-test.com',
		fixtureDir: path.join(ROOT, 'test', 'contract', 'fixtures', 'live'),
		fixtureName: `portal-${new Date().toISOString().slice(0, 10)}`,
	};
}

async function check(target: Target): Promise<number> {
	console.log(
		`test:live: one conversation on ${new URL(target.baseUrl).host}, link "${target.slug}", zone ${target.zone}`,
	);
	console.log('Observed:');
	const result = await runLiveConversation({ ...target, log: (line) => console.log(line) });
	const file = saveFixture(target.fixtureDir, target.fixtureName, result.client.exchanges, [
		target.token,
		target.slug,
		target.guestEmail,
	]);
	console.log(
		`Saved ${result.client.exchanges.length} exchanges (personal data removed) to ${path.relative(process.cwd(), file)}`,
	);
	const { failures, pending } = separatePending(result.client.responseViolations);
	for (const { violation, difference } of pending) {
		console.log(
			`Known difference (issue ${difference.issue}): ${violation.endpoint} ${violation.field}`,
		);
	}
	if (failures.length > 0) {
		console.log(
			`HubSpot's answers left the contract description:\n${describeViolations(failures)}`,
		);
		return 1;
	}
	console.log(
		result.booked
			? 'Every answer fits the contract description.'
			: 'No booking was made (see above); the answers read fit the contract description.',
	);
	return result.booked ? 0 : 1;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		console.error(`test:live failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exitCode = 1;
	},
);
