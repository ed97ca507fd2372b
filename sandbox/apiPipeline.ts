/**
 * How one HubSpot API request is processed: latency, fault injection, authentication, rate limits,
 * body parsing, the handler, and finally a fault that was set to fire after the real work was done.
 */
import type { IncomingMessage } from 'node:http';
import { authenticate, attemptedAuthKind, isExpired, lookUpToken } from './auth';
import { sleep } from './clock';
import type { SandboxContext } from './context';
import { HubSpotError, errorBody, expiredAuthentication, internalError } from './errors';
import type { FaultAction, FaultRule } from './faults';
import { parseBody } from './httpIo';
import { rateLimitError } from './rateLimit';
import type { ApiResponse, RouteMatch } from './router';
import type { AuthKind } from './sandboxTypes';

/** `faulted`: a fault rule, not the model of HubSpot, produced this answer (the contract check skips it). */
export type Outcome =
	| { response: ApiResponse; authKind: AuthKind; faulted?: boolean }
	| { drop: true; authKind: AuthKind; faulted?: boolean };

export interface IncomingApiRequest {
	req: IncomingMessage;
	match: RouteMatch;
	rawPath: string;
	query: URLSearchParams;
	rawBody: string;
	correlationId: string;
	baseUrl: string;
}

const FAULT_MESSAGES: Record<number, { message: string; category?: string }> = {
	423: {
		message: 'Locked. The resource is locked by another request; wait at least 2 seconds.',
		category: 'LOCKED',
	},
	477: { message: 'Migration in progress.', category: 'MIGRATION_IN_PROGRESS' },
	500: { message: 'internal error', category: 'INTERNAL_ERROR' },
	502: { message: 'Bad Gateway', category: 'BAD_GATEWAY' },
	503: { message: 'Service Unavailable', category: 'SERVICE_UNAVAILABLE' },
	504: { message: 'Gateway Timeout', category: 'GATEWAY_TIMEOUT' },
};

function errorResponse(
	error: HubSpotError,
	correlationId: string,
	extraHeaders: Record<string, string> = {},
): ApiResponse {
	return {
		status: error.httpStatus,
		body: errorBody(error, correlationId),
		headers: { ...extraHeaders, ...error.headers },
	};
}

function faultOutcome(
	ctx: SandboxContext,
	action: FaultAction,
	correlationId: string,
	authKind: AuthKind,
): Outcome {
	if ('kind' in action && action.kind === 'drop') return { drop: true, authKind };
	if ('kind' in action && action.kind === 'rate-limit') {
		const { portal, app } = ctx.state.fixture;
		const error = rateLimitError(action.policyName, {
			portalId: portal.portalId,
			appId: app.appId,
			timeZone: portal.timeZone,
		});
		return { response: errorResponse(error, correlationId), authKind };
	}
	if ('status' in action) {
		const known = FAULT_MESSAGES[action.status] ?? {
			message: `Injected fault (HTTP ${action.status})`,
		};
		const headers = { ...(action.status === 477 ? { 'retry-after': '2' } : {}), ...action.headers };
		const body =
			action.body ?? errorBody(new HubSpotError(action.status, { ...known }), correlationId);
		return { response: { status: action.status, body, headers }, authKind };
	}
	throw new Error('unreachable fault action');
}

/** Faults that change how the request proceeds rather than replacing its answer. */
async function applyInlineFault(
	ctx: SandboxContext,
	fault: FaultRule,
	incoming: IncomingApiRequest,
): Promise<Outcome | undefined> {
	const action = fault.action;
	if ('kind' in action && action.kind === 'delay') {
		await sleep(action.ms);
		return undefined;
	}
	if ('kind' in action && action.kind === 'expire-token') {
		const token = lookUpToken(ctx, incoming.req.headers);
		if (!token) return undefined;
		const now = ctx.now();
		if (token.kind === 'oauth') {
			if (!isExpired(token, now)) token.expiresAt = now;
			return undefined;
		}
		// Service keys never expire: this one request is answered as if it had.
		return {
			response: errorResponse(expiredAuthentication(now, now), incoming.correlationId),
			authKind: token.kind,
		};
	}
	return undefined;
}

function isReplacingFault(fault: FaultRule | undefined): fault is FaultRule {
	if (!fault) return false;
	return !(
		'kind' in fault.action &&
		(fault.action.kind === 'delay' || fault.action.kind === 'expire-token')
	);
}

export async function runApiRequest(
	ctx: SandboxContext,
	incoming: IncomingApiRequest,
): Promise<Outcome> {
	const { match, req, correlationId } = incoming;
	const route = match.route;
	if (route.kind !== 'page' && ctx.config.latencyMs > 0) await sleep(ctx.config.latencyMs);
	ctx.bookingEffects.applyDue();
	const fault =
		route.kind === 'page' ? undefined : ctx.faults.take(req.method ?? 'GET', incoming.rawPath);
	const guessedKind = attemptedAuthKind(route.auth, lookUpToken(ctx, req.headers));
	if (fault) {
		const inline = await applyInlineFault(ctx, fault, incoming);
		if (inline) return { ...inline, faulted: true };
		if (isReplacingFault(fault) && !fault.applyEffect)
			return { ...faultOutcome(ctx, fault.action, correlationId, guessedKind), faulted: true };
	}
	const result = await handle(ctx, incoming, guessedKind);
	if (isReplacingFault(fault) && fault.applyEffect)
		return { ...faultOutcome(ctx, fault.action, correlationId, result.authKind), faulted: true };
	return result;
}

async function handle(
	ctx: SandboxContext,
	incoming: IncomingApiRequest,
	guessedKind: AuthKind,
): Promise<Outcome> {
	const { match, req, correlationId } = incoming;
	const route = match.route;
	let rateHeaders: Record<string, string> = {};
	let authKind: AuthKind = route.kind === 'oauth' ? 'client-credentials' : guessedKind;
	try {
		const auth = authenticate(ctx, route.auth, req.headers, incoming.query);
		if (route.kind !== 'oauth') authKind = auth.authKind;
		if (auth.token && route.kind === 'search') ctx.rateLimiter.admitSearch();
		else if (auth.token) rateHeaders = ctx.rateLimiter.admitApiCall(auth.token);
		const response = await route.handle(
			{
				method: req.method ?? 'GET',
				rawPath: incoming.rawPath,
				query: incoming.query,
				headers: req.headers,
				rawBody: incoming.rawBody,
				body: parseBody(req, incoming.rawBody),
				params: match.params,
				token: auth.token,
				correlationId,
				baseUrl: incoming.baseUrl,
			},
			ctx,
		);
		return {
			response: { ...response, headers: { ...rateHeaders, ...response.headers } },
			authKind,
		};
	} catch (error) {
		if (error instanceof HubSpotError)
			return { response: errorResponse(error, correlationId, rateHeaders), authKind };
		ctx.log(
			`sandbox: unexpected error on ${req.method} ${incoming.rawPath}: ${error instanceof Error ? error.stack : String(error)}`,
		);
		return { response: errorResponse(internalError(), correlationId, rateHeaders), authKind };
	}
}
