/** Test helpers for the sandbox: a settable clock, a small HTTP client, fixtures and a webhook receiver. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import defaultFixture from '../../sandbox/fixtures/default.json';
import { type SandboxFixture, fixtureSchema } from '../../sandbox/fixtureSchema';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../sandbox/server';

export const FULL = 'pat-na1-sandbox-full';
export const READONLY = 'pat-na1-sandbox-readonly';
export const NO_SCHEDULER = 'pat-na1-sandbox-noscheduler';

export interface TestClock {
	now: () => number;
	set(iso: string): void;
	advance(ms: number): void;
}

export function testClock(iso: string): TestClock {
	let current = Date.parse(iso);
	return {
		now: () => current,
		set(value) {
			current = Date.parse(value);
		},
		advance(ms) {
			current += ms;
		},
	};
}

export interface Reply<T> {
	status: number;
	headers: Headers;
	/** The parsed JSON body, typed by the caller; the assertions check it. */
	body: T;
	text: string;
}

export interface ErrorBody {
	status: string;
	message: string;
	correlationId: string;
	category?: string;
	subCategory?: string | Record<string, unknown>;
	errors?: Array<{ message: string; code?: string; context?: Record<string, string[]> }>;
	context?: Record<string, string[]>;
	links?: Record<string, string>;
	[key: string]: unknown;
}

export interface CrmObject {
	id: string;
	properties: Record<string, string | null>;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
	associations?: Record<string, { results: Array<{ id: string; type: string }> }>;
	new?: boolean;
}

export interface SearchBody {
	total: number;
	results: CrmObject[];
	paging?: { next: { after: string } };
}

export interface Slot {
	startMillisUtc: number;
	endMillisUtc: number;
}

export interface AvailabilityBody {
	linkAvailability?: {
		hasMore: boolean;
		linkAvailabilityByDuration: Record<
			string,
			{ meetingDurationMillis: number; availabilities: Slot[] }
		>;
	};
	allUsersBusyTimes: Array<{
		isOffline: boolean;
		meetingsUser: {
			id: string;
			userId: string;
			calendarProvider: string;
			userProfile: { email: string; fullName: string };
		};
		busyTimes: Array<{ start: number; end: number }>;
	}>;
}

export interface CallOptions {
	token?: string | null;
	body?: unknown;
	form?: Record<string, string>;
	headers?: Record<string, string>;
	redirect?: 'manual' | 'follow';
}

export async function call<T = ErrorBody>(
	sandbox: Sandbox,
	method: string,
	path: string,
	options: CallOptions = {},
): Promise<Reply<T>> {
	const headers: Record<string, string> = { ...options.headers };
	const token = options.token === undefined ? FULL : options.token;
	if (token) headers.authorization = `Bearer ${token}`;
	let payload: string | undefined;
	if (options.form) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		payload = new URLSearchParams(options.form).toString();
	} else if (options.body !== undefined) {
		headers['content-type'] = 'application/json';
		payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
	}
	const response = await fetch(`${sandbox.url}${path}`, {
		method,
		headers,
		body: payload,
		redirect: options.redirect ?? 'manual',
	});
	const text = await response.text();
	let body: unknown;
	try {
		body = text === '' ? undefined : JSON.parse(text);
	} catch {
		body = text;
	}
	return { status: response.status, headers: response.headers, body: body as T, text };
}

/** A fresh, validated copy of the default fixture. */
export function baseFixture() {
	return fixtureSchema.parse(structuredClone(defaultFixture));
}

/** The default fixture with some top-level sections replaced. */
export function fixtureWith(changes: Partial<SandboxFixture>): SandboxFixture {
	return { ...baseFixture(), ...changes };
}

type Link = SandboxFixture['meetingLinks'][number];

/** One organizer with no busy time, one link, no contacts: for exact availability assertions. */
export function singleLinkFixture(
	link: Partial<Link>,
	busy: SandboxFixture['busyTimes'] = {},
): SandboxFixture {
	const base = baseFixture();
	return {
		...base,
		users: [base.users[0]],
		meetingLinks: [
			{
				id: '1',
				slug: 'test-link',
				name: 'Test link',
				type: 'PERSONAL_LINK',
				organizerUserId: base.users[0].userId,
				memberUserIds: [base.users[0].userId],
				createdAt: '2026-01-01T00:00:00.000Z',
				timeZone: 'America/New_York',
				availability: { MON_FRI: [{ start: 540, end: 1020 }] },
				durationsMs: [1_800_000],
				bufferMs: 0,
				startTimeIncrement: 'FIFTEEN',
				minimumNoticeMs: 0,
				weeksToAdvertise: 2,
				formFields: [],
				...link,
			},
		],
		busyTimes: busy,
		contacts: [],
		meetings: [],
	};
}

export async function withSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return startSandbox({ webhookBatchWindowMs: 10_000, ...options });
}

export interface ReceivedRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
}

export interface Receiver {
	url: string;
	requests: ReceivedRequest[];
	close(): Promise<void>;
}

/**
 * A webhook target. `statuses` scripts the answers in order (then 200); 0 means "never answer".
 */
export async function startReceiver(statuses: number[] = []): Promise<Receiver> {
	const requests: ReceivedRequest[] = [];
	const script = [...statuses];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			requests.push({
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				rawBody: Buffer.concat(chunks).toString('utf8'),
			});
			const status = script.shift() ?? 200;
			if (status === 0) return;
			res.writeHead(status).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hubspot/webhook`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** Contact id of a default-fixture contact by email. */
export function contactId(sandbox: Sandbox, email: string): string {
	const record = sandbox.state.contactByEmail(email);
	if (!record) throw new Error(`no fixture contact ${email}`);
	return record.id;
}
