/**
 * A small route table. Paths are matched on the raw, still-encoded request path, segment by segment,
 * so a team slug sent as `team%2Fai-booked-call` is one segment while a raw `team/ai-booked-call`
 * is two (and does not match a one-segment route) — exactly the distinction HubSpot makes.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxContext } from './context';
import type { AccessTokenRecord } from './state';

/** 'page' routes (the OAuth consent page) are neither delayed nor logged; the others are API calls. */
export type RouteKind = 'api' | 'search' | 'oauth' | 'page';

export type AuthRequirement =
	| { kind: 'none' }
	/** Bearer token holding every scope in `all`, or (when given) at least one in `anyOf`. */
	| { kind: 'bearer'; all?: readonly string[]; anyOf?: readonly string[] }
	| { kind: 'hapikey' };

export interface ApiRequest {
	method: string;
	rawPath: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	rawBody: string;
	body: unknown;
	params: Record<string, string>;
	token: AccessTokenRecord | null;
	correlationId: string;
	/** The sandbox's own base URL, for `paging.next.link` and similar absolute links. */
	baseUrl: string;
}

export interface ApiResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type Handler = (req: ApiRequest, ctx: SandboxContext) => ApiResponse | Promise<ApiResponse>;

export interface Route {
	method: string;
	/** Template such as `/crm/v3/objects/contacts/:id`; a final `*rest` takes the remaining raw path. */
	path: string;
	kind: RouteKind;
	auth: AuthRequirement;
	handle: Handler;
}

export interface RouteMatch {
	route: Route;
	params: Record<string, string>;
}

/** Matches one request; params are percent-decoded, except `*rest`, which stays raw. */
export function matchRoute(
	routes: readonly Route[],
	method: string,
	rawPath: string,
): RouteMatch | undefined {
	const segments = rawPath.split('/').slice(1);
	for (const route of routes) {
		if (route.method !== method) continue;
		const params = matchTemplate(route.path, segments);
		if (params) return { route, params };
	}
	return undefined;
}

/** True when some route serves this path with another method (so the answer is 405, not 404). */
export function pathExists(routes: readonly Route[], rawPath: string): boolean {
	const segments = rawPath.split('/').slice(1);
	return routes.some((route) => matchTemplate(route.path, segments) !== undefined);
}

function matchTemplate(template: string, segments: string[]): Record<string, string> | undefined {
	const parts = template.split('/').slice(1);
	const params: Record<string, string> = {};
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i];
		if (part.startsWith('*')) {
			const rest = segments.slice(i).join('/');
			if (rest === '') return undefined;
			params[part.slice(1)] = rest;
			return params;
		}
		const segment = segments[i];
		if (segment === undefined) return undefined;
		if (part.startsWith(':')) {
			if (segment === '') return undefined;
			const decoded = safeDecode(segment);
			if (decoded === undefined) return undefined;
			params[part.slice(1)] = decoded;
		} else if (part !== segment) {
			return undefined;
		}
	}
	return segments.length === parts.length ? params : undefined;
}

export function safeDecode(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}
