/**
 * Who is calling and whether they may: Bearer tokens (OAuth access tokens and service keys) with
 * expiry and scope checks, and the developer API key (`?hapikey=`) for the webhooks v3 API.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxContext } from './context';
import {
	expiredAuthentication,
	invalidApiKey,
	invalidAuthentication,
	missingScopes,
} from './errors';
import type { AuthRequirement } from './router';
import type { AuthKind } from './sandboxTypes';
import type { AccessTokenRecord } from './state';

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
	return match?.[1];
}

export function lookUpToken(
	ctx: SandboxContext,
	headers: IncomingHttpHeaders,
): AccessTokenRecord | undefined {
	const token = bearerToken(headers);
	return token === undefined ? undefined : ctx.state.accessTokens.get(token);
}

export function isExpired(token: AccessTokenRecord, now: number): boolean {
	return token.expiresAt !== null && token.expiresAt <= now;
}

export interface AuthOutcome {
	token: AccessTokenRecord | null;
	authKind: AuthKind;
}

/** Throws the HubSpot error for a failed check; returns the caller otherwise. */
export function authenticate(
	ctx: SandboxContext,
	requirement: AuthRequirement,
	headers: IncomingHttpHeaders,
	query: URLSearchParams,
): AuthOutcome {
	if (requirement.kind === 'none') return { token: null, authKind: 'none' };
	if (requirement.kind === 'hapikey') {
		if (query.get('hapikey') !== ctx.state.fixture.app.developerApiKey) throw invalidApiKey();
		return { token: null, authKind: 'developer-key' };
	}
	const token = lookUpToken(ctx, headers);
	if (!token) throw invalidAuthentication();
	const now = ctx.now();
	if (token.expiresAt !== null && isExpired(token, now))
		throw expiredAuthentication(token.expiresAt, now);
	const missingAll = (requirement.all ?? []).filter((scope) => !token.scopes.includes(scope));
	if (missingAll.length > 0) throw missingScopes(requirement.all ?? []);
	if (requirement.anyOf && !requirement.anyOf.some((scope) => token.scopes.includes(scope))) {
		throw missingScopes(requirement.anyOf);
	}
	return { token, authKind: token.kind };
}

/** Best guess of the auth kind for the log when authentication itself failed. */
export function attemptedAuthKind(
	requirement: AuthRequirement,
	token: AccessTokenRecord | undefined,
): AuthKind {
	if (requirement.kind === 'hapikey') return 'developer-key';
	if (requirement.kind === 'none') return 'none';
	return token?.kind ?? 'none';
}
