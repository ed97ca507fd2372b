import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { paths } from '../../nodes/shared/transport/paths';
import { setExchangeListener, type ApiExchange } from '../../sandbox/exchangeTap';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runLiveConversation } from '../../scripts/liveCheck/conversation';
import { saveFixture } from '../../scripts/liveCheck/fixtures';
import {
	checkExchange,
	endpointFor,
	separatePending,
	type RecordedExchange,
} from './checkExchange';
import { ENDPOINTS } from './description/endpoints';
import { PENDING_DIFFERENCES } from './pendingDifferences';

const ROOT = path.join(__dirname, '../..');
const SERVICE_KEY = 'pat-na1-sandbox-full';
const LIVE_FIXTURES = path.join(__dirname, 'fixtures/live');

/** Described endpoints no released code calls yet, each with the change that will call it. */
const AWAITING_CALLERS: Record<string, string> = {};

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

/** Sample arguments for the path builders: a slug, record ids, an app id. */
function samplePath(builder: string): string {
	const build = paths[builder as keyof typeof paths] as (...args: string[]) => string;
	if (typeof build !== 'function') throw new Error(`paths.${builder} does not exist`);
	const args: Record<string, string[]> = {
		bookingInfo: ['team/ai-booked-call'],
		availabilityPage: ['alex-demo'],
		contactByEmail: ['jane@acme.test'],
		webhookSettings: ['54321'],
		webhookSubscriptions: ['54321'],
		webhookSubscription: ['54321', '1001'],
	};
	return build(...(args[builder] ?? ['51234567001']));
}

/** Every `method: 'X', path: paths.y(…)` call site in the package's source. */
function callSites(): Array<{ method: string; builder: string; file: string }> {
	const pattern =
		/method:\s*'(GET|POST|PUT|PATCH|DELETE)',\s*(?:\/\/[^\n]*\n\s*)*path:\s*paths\.(\w+)\(/g;
	return [
		...sourceFiles(path.join(ROOT, 'nodes')),
		...sourceFiles(path.join(ROOT, 'credentials')),
	].flatMap((file) =>
		[...readFileSync(file, 'utf8').matchAll(pattern)].map((match) => ({
			method: match[1],
			builder: match[2],
			file: path.relative(ROOT, file),
		})),
	);
}

function credentialPaths(): Array<{ method: string; path: string; file: string }> {
	const oauthFile = 'credentials/HubSpotSchedulingOAuth2Api.credentials.ts';
	const serviceKeyFile = 'credentials/HubSpotSchedulingServiceKeyApi.credentials.ts';
	const tokenPath = /\+ "(\/oauth\/[^"]*\/token)"/.exec(
		readFileSync(path.join(ROOT, oauthFile), 'utf8'),
	)?.[1];
	const testPath = /url:\s*'([^']+)'/.exec(
		readFileSync(path.join(ROOT, serviceKeyFile), 'utf8'),
	)?.[1];
	return [
		{ method: 'POST', path: tokenPath ?? '(no token URL found)', file: oauthFile },
		{ method: 'GET', path: testPath ?? '(no test request found)', file: serviceKeyFile },
	];
}

describe('the contract description', () => {
	it('names every endpoint on the 2026-09 paths, with its spec file, and a source for every deviation', () => {
		for (const endpoint of ENDPOINTS) {
			expect(endpoint.path).toMatch(/\/2026-09\//);
			expect(endpoint.specFile).toMatch(/\/2026-09\/\w+\.json$/);
			for (const deviation of endpoint.deviations) {
				expect(deviation.source.length).toBeGreaterThan(10);
				expect(deviation.spec.length).toBeGreaterThan(0);
			}
		}
		expect(new Set(ENDPOINTS.map((endpoint) => endpoint.id)).size).toBe(ENDPOINTS.length);
	});

	it('describes every HubSpot call in nodes/ and credentials/, and nothing the package does not call', () => {
		const sites = callSites();
		expect(sites.length).toBeGreaterThanOrEqual(20);
		const undescribed = [
			...sites.map((site) => ({ ...site, path: samplePath(site.builder) })),
			...credentialPaths(),
		].filter((site) => !endpointFor(site.method, site.path));
		expect(undescribed).toEqual([]);
		const called = new Set(
			[
				...sites.map((site) => endpointFor(site.method, samplePath(site.builder))?.id),
				...credentialPaths().map((site) => endpointFor(site.method, site.path)?.id),
			].filter(Boolean),
		);
		const uncalled = ENDPOINTS.map((endpoint) => endpoint.id).filter((id) => !called.has(id));
		expect(uncalled.sort()).toEqual(Object.keys(AWAITING_CALLERS).sort());
	});

	it('refuses the v1 OAuth token path that 0.1.0 used (HubSpot turns it off on 2027-02-16)', () => {
		const refresh: RecordedExchange = {
			method: 'POST',
			path: '/oauth/v1/token',
			query: {},
			requestContentType: 'application/x-www-form-urlencoded',
			requestBody: {
				grant_type: 'refresh_token',
				refresh_token: 'r',
				client_id: 'c',
				client_secret: 's',
			},
			status: 200,
			responseBody: {
				access_token: 'a',
				refresh_token: 'r',
				expires_in: 1800,
				token_type: 'bearer',
			},
		};
		expect(checkExchange(refresh)).toEqual([
			expect.objectContaining({
				side: 'request',
				problem: expect.stringContaining('no such endpoint'),
			}),
		]);
		expect(checkExchange({ ...refresh, path: '/oauth/2026-09/token' })).toEqual([]);
	});

	it('refuses old v3/v4 paths and fields the spec does not name in a request', () => {
		expect(endpointFor('GET', '/crm/v3/objects/contacts/1')).toBeUndefined();
		expect(
			endpointFor('POST', '/crm/v4/associations/contacts/meetings/batch/read'),
		).toBeUndefined();
		const book = checkExchange({
			method: 'POST',
			path: paths.book(),
			query: {},
			requestContentType: 'application/json',
			requestBody: {
				slug: 'alex-demo',
				firstName: 'A',
				lastName: 'B',
				email: 'a@acme.test',
				startTime: 1_800_000_000_000,
				duration: 30,
				formFields: [],
				legalConsentResponses: [],
				likelyAvailableUserIds: [],
				phone: '+1 415 555 0100',
			},
			status: null,
			responseBody: undefined,
		});
		// Epoch-ms startTime (v3 field reports) is not the 2026-09 spec's ISO date-time; 30 is minutes.
		expect(book.map((violation) => violation.field).sort()).toEqual([
			'duration',
			'phone',
			'startTime',
		]);
	});
});

describe('the sandbox against the contract', () => {
	let sandbox: Sandbox;
	const seen: ApiExchange[] = [];

	beforeAll(async () => {
		sandbox = await startSandbox();
		setExchangeListener((exchange) => seen.push(exchange));
	});
	afterAll(async () => {
		setExchangeListener(undefined);
		await sandbox.close();
	});

	async function get(pathAndQuery: string): Promise<ApiExchange> {
		seen.length = 0;
		await fetch(`${sandbox.url}${pathAndQuery}`, {
			headers: { authorization: `Bearer ${SERVICE_KEY}` },
		});
		const exchange = seen.at(-1);
		if (!exchange) throw new Error(`no exchange recorded for ${pathAndQuery}`);
		return exchange;
	}

	it('every pending difference still happens; delete its entry in pendingDifferences.ts once it is fixed', async () => {
		const probes: Record<string, () => Promise<ApiExchange>> = {
			'scheduler.bookingInfo': () =>
				get(`${paths.bookingInfo('alex-demo')}?timezone=America%2FNew_York`),
		};
		for (const difference of PENDING_DIFFERENCES) {
			const probe = probes[difference.endpoint];
			expect(probe).toBeDefined();
			const { pending } = separatePending(checkExchange(await probe()));
			expect(pending.map((entry) => entry.difference)).toContainEqual(difference);
		}
	});

	it('booking info no longer carries the customParams.timezone the sandbox used to invent', async () => {
		const violations = checkExchange(
			await get(`${paths.bookingInfo('alex-demo')}?timezone=America%2FNew_York`),
		);
		expect(violations).toEqual([]);
	});

	it("the owners route answers HubSpot's PublicOwner, by owner id and by user id", async () => {
		const byOwnerId = await get(`${paths.owner('51000001')}?idProperty=id`);
		const byUserId = await get(`${paths.owner('1100001')}?idProperty=userId`);
		expect([byOwnerId.status, byUserId.status]).toEqual([200, 200]);
		expect([...checkExchange(byOwnerId), ...checkExchange(byUserId)]).toEqual([]);
		const missing = await get(`${paths.owner('999')}?idProperty=userId`);
		expect(missing.status).toBe(404);
		expect(checkExchange(missing)).toEqual([]);
	});

	it("the calendar route takes the spec's whole ExternalCalendarMeetingEventCreateRequest and answers its response", async () => {
		const contact = await get(
			`${paths.contactByEmail('jane.doe@acme-corp.test')}?idProperty=email`,
		);
		const contactId = String((contact.responseBody as { id: string }).id);
		const start = '2030-01-07T15:00:00.000Z';
		seen.length = 0;
		await fetch(`${sandbox.url}${paths.calendarMeeting()}?organizerUserId=1100001`, {
			method: 'POST',
			headers: { authorization: `Bearer ${SERVICE_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				properties: {
					hs_timestamp: start,
					hs_meeting_start_time: start,
					hs_meeting_end_time: '2030-01-07T15:30:00.000Z',
					hs_meeting_title: 'Contract probe',
					hs_meeting_outcome: 'SCHEDULED',
					hubspot_owner_id: '51000001',
					hs_meeting_location: '+1 415 555 0100',
					hs_meeting_location_type: 'PHONE',
					hs_attendee_owner_ids: ['51000002'],
					hs_attachment_ids: [],
				},
				associations: [
					{
						to: { id: contactId },
						types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 200 }],
					},
				],
				emailReminderSchedule: {
					reminders: [{ numberOfTimeUnits: 1, timeUnit: 'DAYS' }],
					shouldIncludeInviteDescription: true,
				},
				timezone: 'America/New_York',
			}),
		});
		const created = seen.at(-1);
		expect(created?.status).toBe(200);
		expect(checkExchange(created as ApiExchange)).toEqual([]);
	});

	it('the live check conversation, replayed: every request and answer fits the contract', async () => {
		const result = await runLiveConversation({
			baseUrl: sandbox.url,
			token: SERVICE_KEY,
			slug: 'alex-demo',
			zone: 'America/New_York',
			guestEmail: 'live-check@acme.test',
			sideEffectTimeoutMs: 5000,
		});
		expect(result.booked).toBe(true);
		const replayed = result.client.exchanges.flatMap((exchange) => checkExchange(exchange));
		expect(separatePending(replayed).failures).toEqual([]);
		expect(
			new Set(
				result.client.exchanges.map((exchange) => endpointFor(exchange.method, exchange.path)?.id),
			),
		).toEqual(
			new Set([
				'scheduler.listLinks',
				'scheduler.bookingInfo',
				'scheduler.availabilityPage',
				'scheduler.book',
				'contacts.get',
				'meetings.batchRead',
				'associations.contactMeetingsBatchRead',
				'meetings.archive',
			]),
		);

		// Saved as a fixture: no email, name, slug or token left, and the replay still fits.
		const directory = mkdtempSync(path.join(tmpdir(), 'contract-fixture-'));
		try {
			const file = saveFixture(directory, 'sandbox', result.client.exchanges, [
				SERVICE_KEY,
				'alex-demo',
				'live-check@acme.test',
			]);
			const text = readFileSync(file, 'utf8');
			for (const personal of [
				'live-check',
				'acme.test',
				'alex-demo',
				SERVICE_KEY,
				'Rivera',
				'"Live"',
			])
				expect(text).not.toContain(personal);
			const saved = JSON.parse(text) as { exchanges: RecordedExchange[] };
			const violations = saved.exchanges.flatMap((exchange) => checkExchange(exchange));
			expect(separatePending(violations).failures).toEqual([]);
		} finally {
			rmSync(directory, { recursive: true, force: true });
		}
	});
});

describe('fixtures saved by `node index.js test:live` against a real portal', () => {
	const files = (() => {
		try {
			return readdirSync(LIVE_FIXTURES).filter((name) => name.endsWith('.json'));
		} catch {
			return [];
		}
	})();

	it('are replayed against the contract (none saved yet is fine)', () => {
		for (const file of files) {
			const saved = JSON.parse(readFileSync(path.join(LIVE_FIXTURES, file), 'utf8')) as {
				exchanges: RecordedExchange[];
			};
			const violations = saved.exchanges.flatMap((exchange) => checkExchange(exchange));
			expect({ file, violations: separatePending(violations).failures }).toEqual({
				file,
				violations: [],
			});
		}
	});
});
