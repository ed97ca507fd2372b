import type { ZodIssue, ZodTypeAny } from 'zod';

import type { ApiExchange } from '../../sandbox/exchangeTap';
import { ENDPOINTS, type Endpoint } from './description/endpoints';
import { PENDING_DIFFERENCES, type PendingDifference } from './pendingDifferences';

/** One way an exchange leaves the contract: which side, which endpoint, which field, and why. */
export interface Violation {
	side: 'request' | 'response';
	endpoint: string;
	/** Dotted field path ('' for the whole body, '?name' for a query parameter). */
	field: string;
	problem: string;
	exchange: string;
}

/** The parts of an exchange the check reads; the sandbox's tap and saved fixtures both have them. */
export type RecordedExchange = Pick<
	ApiExchange,
	'method' | 'path' | 'query' | 'requestContentType' | 'requestBody' | 'status' | 'responseBody'
> & { faulted?: boolean };

const byLiteralSegments = [...ENDPOINTS].sort(
	(a, b) => literalSegments(b.path) - literalSegments(a.path),
);

function literalSegments(template: string): number {
	return template.split('/').filter((segment) => segment && !segment.startsWith('{')).length;
}

function matches(template: string, rawPath: string): boolean {
	const want = template.split('/');
	const got = rawPath.split('/');
	if (want.length !== got.length) return false;
	return want.every((segment, index) =>
		segment.startsWith('{') ? got[index] !== '' : segment === got[index],
	);
}

export function endpointFor(method: string, rawPath: string): Endpoint | undefined {
	return byLiteralSegments.find(
		(endpoint) => endpoint.method === method.toUpperCase() && matches(endpoint.path, rawPath),
	);
}

function fieldOf(issue: ZodIssue, key?: string): string {
	return [...issue.path, ...(key === undefined ? [] : [key])]
		.map((part) => (typeof part === 'number' ? `[${part}]` : part))
		.join('.')
		.replace(/\.\[/g, '[');
}

function issuesOf(schema: ZodTypeAny, value: unknown): Array<{ field: string; problem: string }> {
	const parsed = schema.safeParse(value);
	if (parsed.success) return [];
	return parsed.error.issues.flatMap((issue) =>
		issue.code === 'unrecognized_keys'
			? issue.keys.map((key) => ({
					field: fieldOf(issue, key),
					problem: 'not in the contract (no such field in the spec)',
				}))
			: [{ field: fieldOf(issue), problem: issue.message }],
	);
}

function isEmptyBody(body: unknown): boolean {
	return body === undefined || body === null || body === '';
}

/**
 * Checks the client's request (when `checkRequest`) and the server's answer against the contract.
 * Answers produced by injected faults are not HubSpot's model and are not checked.
 */
export function checkExchange(
	exchange: RecordedExchange,
	options: { checkRequest: boolean } = { checkRequest: true },
): Violation[] {
	const label = `${exchange.method} ${exchange.path}`;
	const endpoint = endpointFor(exchange.method, exchange.path);
	if (!endpoint) {
		return options.checkRequest
			? [
					{
						side: 'request',
						endpoint: '(none)',
						field: '',
						problem: 'no such endpoint in the contract (an old or unknown API path?)',
						exchange: label,
					},
				]
			: [];
	}
	const found: Violation[] = [];
	const add = (side: Violation['side'], issues: Array<{ field: string; problem: string }>) => {
		for (const issue of issues)
			found.push({ side, endpoint: endpoint.id, exchange: label, ...issue });
	};
	if (options.checkRequest) {
		add(
			'request',
			issuesOf(endpoint.query, exchange.query).map((issue) => ({
				...issue,
				field: `?${issue.field}`,
			})),
		);
		add('request', requestBodyIssues(endpoint, exchange));
	}
	if (!exchange.faulted && exchange.status !== null)
		add('response', responseIssues(endpoint, exchange));
	return found;
}

function requestBodyIssues(
	endpoint: Endpoint,
	exchange: RecordedExchange,
): Array<{ field: string; problem: string }> {
	if (!endpoint.body) {
		return isEmptyBody(exchange.requestBody)
			? []
			: [{ field: '', problem: 'this endpoint takes no request body' }];
	}
	const form = exchange.requestContentType
		.toLowerCase()
		.startsWith('application/x-www-form-urlencoded');
	if ((endpoint.bodyType ?? 'json') === 'form' && !form)
		return [{ field: '', problem: 'the body must be application/x-www-form-urlencoded' }];
	if ((endpoint.bodyType ?? 'json') === 'json' && form)
		return [{ field: '', problem: 'the body must be JSON' }];
	return issuesOf(endpoint.body, exchange.requestBody);
}

function responseIssues(
	endpoint: Endpoint,
	exchange: RecordedExchange,
): Array<{ field: string; problem: string }> {
	const status = exchange.status ?? 0;
	if (status === endpoint.success.status || status === endpoint.success.partial) {
		if (endpoint.success.body === null) {
			return isEmptyBody(exchange.responseBody)
				? []
				: [{ field: '', problem: `HTTP ${status} carries no body` }];
		}
		return issuesOf(endpoint.success.body, exchange.responseBody);
	}
	if (status >= 400) {
		// 207 multi-status and the like are not errors; a non-JSON error body is allowed (gateways).
		if (typeof exchange.responseBody === 'string' || isEmptyBody(exchange.responseBody)) return [];
		return issuesOf(endpoint.error, exchange.responseBody).map((issue) => ({
			...issue,
			field: `(error ${status}) ${issue.field}`,
		}));
	}
	return [
		{
			field: '',
			problem: `HTTP ${status}: the spec answers ${endpoint.success.status} on success`,
		},
	];
}

/** Splits violations into those the contract tolerates for now (named issue) and the rest. */
export function separatePending(violations: Violation[]): {
	failures: Violation[];
	pending: Array<{ violation: Violation; difference: PendingDifference }>;
} {
	const failures: Violation[] = [];
	const pending: Array<{ violation: Violation; difference: PendingDifference }> = [];
	for (const violation of violations) {
		const difference = PENDING_DIFFERENCES.find(
			(candidate) =>
				candidate.endpoint === violation.endpoint &&
				candidate.side === violation.side &&
				violation.field.replace(/\[\d+\]/g, '[]') === candidate.field,
		);
		if (difference) pending.push({ violation, difference });
		else failures.push(violation);
	}
	return { failures, pending };
}

export function describeViolations(violations: Violation[]): string {
	return violations
		.map(
			(violation) =>
				`- ${violation.side} of ${violation.endpoint} (${violation.exchange}): ${violation.field || '(body)'}: ${violation.problem}`,
		)
		.join('\n');
}
