import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Sandbox } from '../../sandbox/server';

/**
 * The built-in node still uses HubSpot's legacy v1 contacts and engagements endpoints, which the
 * sandbox does not serve. This shim answers them in their v1 shapes by doing the same work on the
 * sandbox's v3 API (or reading its records), so the built-in flows really book, find and cancel.
 * Its own calls to the sandbox are not counted: the built-in flow made one call each.
 */

const PAGE_LIMIT = 250;

export interface V1Shim {
	url: string;
	close(): Promise<void>;
}

type Handler = (
	match: RegExpExecArray,
	body: Record<string, unknown>,
	query: URLSearchParams,
) => Promise<[number, unknown]>;

export async function startV1Shim(sandbox: Sandbox, serviceKey: string): Promise<V1Shim> {
	const v3 = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${sandbox.url}${path}`, {
			method,
			headers: { authorization: `Bearer ${serviceKey}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return {
			status: response.status,
			body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
		};
	};

	const routes: Array<[string, RegExp, Handler]> = [
		[
			'POST',
			/^\/contacts\/v1\/contact\/createOrUpdate\/email\/([^/]+)$/,
			async (match, body) => {
				const properties = Object.fromEntries(
					((body.properties ?? []) as Array<{ property: string; value: unknown }>).map((entry) => [
						entry.property,
						String(entry.value),
					]),
				);
				const email = decodeURIComponent(match[1]);
				const upsert = await v3('POST', '/crm/objects/2026-09/contacts/batch/upsert', {
					inputs: [{ id: email, idProperty: 'email', properties: { ...properties, email } }],
				});
				const [result] = upsert.body.results as Array<{ id: string; new: boolean }>;
				return [200, { vid: Number(result.id), isNew: result.new }];
			},
		],
		[
			'GET',
			/^\/contacts\/v1\/contact\/vid\/(\d+)\/profile$/,
			async (match) => {
				const contact = await v3('GET', `/crm/objects/2026-09/contacts/${match[1]}`);
				const properties = (contact.body.properties ?? {}) as Record<string, unknown>;
				return [
					contact.status,
					{
						vid: Number(match[1]),
						properties: Object.fromEntries(
							Object.entries(properties).map(([key, value]) => [key, { value }]),
						),
					},
				];
			},
		],
		[
			'POST',
			/^\/engagements\/v1\/engagements$/,
			async (_match, body) => {
				const metadata = (body.metadata ?? {}) as Record<string, number | string>;
				const contactIds = (
					((body.associations ?? {}) as Record<string, string[]>).contactIds ?? []
				).map(String);
				const startMs = asMs(metadata.startTime);
				const created = await v3('POST', '/crm/objects/2026-09/meetings', {
					properties: {
						hs_timestamp: String(startMs),
						hs_meeting_title: String(metadata.title ?? 'Meeting'),
						hs_meeting_start_time: String(startMs),
						hs_meeting_end_time: String(asMs(metadata.endTime ?? metadata.startTime)),
						hs_meeting_outcome: 'SCHEDULED',
					},
					associations: contactIds.map((id) => ({
						to: { id },
						types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 200 }],
					})),
				});
				return [
					created.status,
					{
						engagement: { id: Number(created.body.id), type: 'MEETING' },
						associations: { contactIds },
						metadata,
					},
				];
			},
		],
		[
			'GET',
			/^\/engagements\/v1\/engagements\/paged$/,
			async (_match, _body, query) => {
				const limit = Math.min(Number(query.get('limit') ?? 100), PAGE_LIMIT);
				const offset = Number(query.get('offset') ?? 0);
				const all = [...sandbox.state.meetings.values()].filter((meeting) => !meeting.archived);
				const page = all.slice(offset, offset + limit).map((meeting) => ({
					engagement: {
						id: Number(meeting.id),
						type: 'MEETING',
						timestamp: Date.parse(meeting.properties.hs_meeting_start_time),
					},
					associations: {
						contactIds: sandbox.state.associations.contactsOf(meeting.id).map(Number),
					},
					metadata: {
						title: meeting.properties.hs_meeting_title,
						startTime: Date.parse(meeting.properties.hs_meeting_start_time),
						endTime: Date.parse(meeting.properties.hs_meeting_end_time),
					},
				}));
				const hasMore = offset + limit < all.length;
				return [200, { results: page, hasMore, offset: offset + page.length }];
			},
		],
		[
			'DELETE',
			/^\/engagements\/v1\/engagements\/(\d+)$/,
			async (match) => [
				(await v3('DELETE', `/crm/objects/2026-09/meetings/${match[1]}`)).status,
				undefined,
			],
		],
	];

	const server = createServer((request, response) => {
		void serve(request, response);
	});
	async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const text = Buffer.concat(chunks).toString('utf8');
		const url = new URL(request.url ?? '/', 'http://shim');
		for (const [method, pattern, handler] of routes) {
			const match = pattern.exec(url.pathname);
			if (request.method !== method || !match) continue;
			const [status, body] = await handler(
				match,
				text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
				url.searchParams,
			);
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(body === undefined ? '' : JSON.stringify(body));
			return;
		}
		response.writeHead(404, { 'content-type': 'application/json' });
		response.end(
			JSON.stringify({ message: `v1 shim: no route for ${request.method} ${url.pathname}` }),
		);
	}
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** The built-in node sends meeting times as Unix seconds (moment().unix()); v1 itself uses milliseconds. */
function asMs(value: number | string | undefined): number {
	const number = Number(value);
	return number < 1e12 ? number * 1000 : number;
}
