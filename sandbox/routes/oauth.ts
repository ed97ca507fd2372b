/**
 * OAuth: the consent page (auto-approved, redirects with a code), the token endpoint (v1, v3 and
 * 2026-03 paths; form-encoded; client credentials in the body or as HTTP Basic), token info,
 * introspection and revocation.
 */
import type { SandboxContext } from '../context';
import { HubSpotError, oauthError } from '../errors';
import {
	AUTH_CODE_TTL_MS,
	issueAccessToken,
	issueAuthCode,
	issueRefreshToken,
	tokenResponse,
} from '../oauthTokens';
import type { ApiRequest, ApiResponse, Route } from '../router';
import { NO_AUTH } from '../scopes';
import type { AccessTokenRecord, RefreshTokenRecord } from '../state';

function splitScopes(value: string | null): string[] {
	return (value ?? '').split(/[\s+]+/).filter((scope) => scope !== '');
}

function isAllowedRedirect(uri: string): boolean {
	try {
		const url = new URL(uri);
		const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
		return url.protocol === 'https:' || (url.protocol === 'http:' && local);
	} catch {
		return false;
	}
}

function redirectTo(uri: string, params: Record<string, string>): ApiResponse {
	const url = new URL(uri);
	for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
	return { status: 302, headers: { location: url.toString() } };
}

function authorize(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const { app } = ctx.state.fixture;
	const redirectUri = req.query.get('redirect_uri') ?? '';
	const state = req.query.get('state');
	const withState = (params: Record<string, string>) =>
		state === null ? params : { ...params, state };
	if (!isAllowedRedirect(redirectUri)) {
		throw new HubSpotError(400, {
			message:
				'redirect_uri is missing or invalid; it must use https (http is allowed for localhost only).',
			category: 'VALIDATION_ERROR',
		});
	}
	if (req.query.get('client_id') !== app.clientId) {
		return redirectTo(
			redirectUri,
			withState({ error: 'invalid_client', error_description: 'Unknown client_id' }),
		);
	}
	const requested = splitScopes(req.query.get('scope'));
	const optional = splitScopes(req.query.get('optional_scope'));
	const notAllowed = requested.filter((scope) => !app.allowedScopes.includes(scope));
	const missing = app.requiredScopes.filter((scope) => !requested.includes(scope));
	if (notAllowed.length > 0 || missing.length > 0) {
		const description =
			notAllowed.length > 0
				? `The app is not configured for these scopes: ${notAllowed.join(' ')}`
				: `Insufficient scopes were provided; the app requires: ${missing.join(' ')}`;
		return redirectTo(
			redirectUri,
			withState({ error: 'invalid_scope', error_description: description }),
		);
	}
	// Optional scopes the app cannot have are dropped silently, as HubSpot does for optional_scope.
	const granted = optional.filter((scope) => app.allowedScopes.includes(scope));
	const scopes = [...new Set([...requested, ...granted])];
	return redirectTo(
		redirectUri,
		withState({ code: issueAuthCode(ctx, app.clientId, redirectUri, scopes) }),
	);
}

function formOf(req: ApiRequest): Record<string, string> {
	const contentType = (req.headers['content-type'] ?? '').toLowerCase();
	if (
		!contentType.startsWith('application/x-www-form-urlencoded') ||
		typeof req.body !== 'object' ||
		req.body === null
	) {
		throw oauthError(
			400,
			'invalid_request',
			'BAD_REQUEST',
			'The request body must be application/x-www-form-urlencoded',
		);
	}
	return req.body as Record<string, string>;
}

/** client_id / client_secret from the form, or from an HTTP Basic header. */
function checkClient(ctx: SandboxContext, req: ApiRequest, form: Record<string, string>): string {
	const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
	const [basicId, basicSecret] = basic
		? Buffer.from(basic[1], 'base64').toString('utf8').split(':')
		: [];
	const clientId =
		form.client_id ?? (basicId === undefined ? undefined : decodeURIComponent(basicId));
	const clientSecret =
		form.client_secret ?? (basicSecret === undefined ? undefined : decodeURIComponent(basicSecret));
	const { app } = ctx.state.fixture;
	if (clientId !== app.clientId)
		throw oauthError(400, 'invalid_client', 'BAD_CLIENT_ID', 'missing or invalid client id');
	if (clientSecret !== app.clientSecret) {
		throw oauthError(
			400,
			'invalid_client',
			'BAD_CLIENT_SECRET',
			'missing or invalid client secret',
		);
	}
	return clientId;
}

function exchangeCode(
	ctx: SandboxContext,
	clientId: string,
	form: Record<string, string>,
): RefreshTokenRecord {
	const code = form.code ? ctx.state.authCodes.get(form.code) : undefined;
	if (!code || code.used || code.clientId !== clientId) {
		throw oauthError(400, 'invalid_grant', 'BAD_AUTH_CODE', 'missing or unknown auth code');
	}
	if (ctx.now() >= code.issuedAt + AUTH_CODE_TTL_MS) {
		throw oauthError(400, 'invalid_grant', 'EXPIRED_AUTH_CODE', 'auth code is expired');
	}
	if (form.redirect_uri !== code.redirectUri) {
		throw oauthError(
			400,
			'invalid_grant',
			'BAD_REDIRECT_URI',
			'redirect_uri does not match the authorization request',
		);
	}
	code.used = true;
	return issueRefreshToken(ctx, clientId, code.scopes);
}

function findRefresh(
	ctx: SandboxContext,
	clientId: string,
	token: string | undefined,
): RefreshTokenRecord {
	const refresh = token ? ctx.state.refreshTokens.get(token) : undefined;
	if (!refresh || refresh.revoked || refresh.clientId !== clientId) {
		throw oauthError(
			400,
			'invalid_grant',
			'BAD_REFRESH_TOKEN',
			'refresh token is invalid, expired or revoked',
		);
	}
	return refresh;
}

function token(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const form = formOf(req);
	const clientId = checkClient(ctx, req, form);
	let refresh: RefreshTokenRecord;
	if (form.grant_type === 'authorization_code') refresh = exchangeCode(ctx, clientId, form);
	else if (form.grant_type === 'refresh_token')
		refresh = findRefresh(ctx, clientId, form.refresh_token);
	else
		throw oauthError(
			400,
			'unsupported_grant_type',
			'BAD_GRANT_TYPE',
			`unsupported grant_type ${form.grant_type ?? ''}`,
		);
	const access = issueAccessToken(ctx, refresh);
	return { status: 200, body: tokenResponse(ctx, access, refresh) };
}

function hubDomain(ctx: SandboxContext): string {
	return `sandbox-${ctx.state.fixture.portal.portalId}.hubspot.test`;
}

function userEmail(ctx: SandboxContext, userId: string): string {
	return ctx.state.users.get(userId)?.email ?? '';
}

function liveAccessToken(
	ctx: SandboxContext,
	value: string | undefined,
): AccessTokenRecord | undefined {
	const record = value ? ctx.state.accessTokens.get(value) : undefined;
	if (!record || record.kind !== 'oauth' || (record.expiresAt ?? 0) <= ctx.now()) return undefined;
	return record;
}

function tokenNotFound(): HubSpotError {
	return new HubSpotError(404, {
		message: 'Token not found or expired',
		category: 'OBJECT_NOT_FOUND',
	});
}

function accessTokenInfo(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const record = liveAccessToken(ctx, req.params.token);
	if (!record) throw tokenNotFound();
	return {
		status: 200,
		body: {
			token: record.token,
			user: userEmail(ctx, record.userId),
			hub_domain: hubDomain(ctx),
			scopes: record.scopes,
			hub_id: record.hubId,
			app_id: ctx.state.fixture.app.appId,
			expires_in: Math.floor(((record.expiresAt ?? 0) - ctx.now()) / 1000),
			user_id: Number(record.userId),
			token_type: 'access',
		},
	};
}

function refreshTokenInfo(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const record = ctx.state.refreshTokens.get(req.params.token);
	if (!record || record.revoked) throw tokenNotFound();
	return {
		status: 200,
		body: {
			token: record.token,
			user: userEmail(ctx, record.userId),
			hub_domain: hubDomain(ctx),
			scopes: record.scopes,
			hub_id: ctx.state.fixture.portal.portalId,
			client_id: record.clientId,
			user_id: Number(record.userId),
			token_type: 'refresh',
		},
	};
}

function deleteRefreshToken(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const record = ctx.state.refreshTokens.get(req.params.token);
	if (!record || record.revoked) throw tokenNotFound();
	record.revoked = true;
	return { status: 204 };
}

function introspect(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const form = formOf(req);
	const clientId = checkClient(ctx, req, form);
	const common = (userId: string, scopes: string[]) => ({
		hub_id: ctx.state.fixture.portal.portalId,
		user_id: Number(userId),
		client_id: clientId,
		app_id: ctx.state.fixture.app.appId,
		user: userEmail(ctx, userId),
		hub_domain: hubDomain(ctx),
		scopes,
		is_private_distribution: false,
	});
	const access = liveAccessToken(ctx, form.token);
	if (access && form.token_type_hint !== 'refresh_token') {
		const expiresIn = Math.floor(((access.expiresAt ?? 0) - ctx.now()) / 1000);
		const body = {
			active: true,
			token: access.token,
			...common(access.userId, access.scopes),
			expires_in: expiresIn,
		};
		return { status: 200, body: { ...body, token_use: 'access_token', token_type: 'Bearer' } };
	}
	const refresh = form.token ? ctx.state.refreshTokens.get(form.token) : undefined;
	if (refresh && !refresh.revoked) {
		const body = { active: true, token: refresh.token, ...common(refresh.userId, refresh.scopes) };
		return { status: 200, body: { ...body, token_use: 'refresh_token', token_type: 'Bearer' } };
	}
	return { status: 200, body: { active: false } };
}

function revoke(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const form = formOf(req);
	checkClient(ctx, req, form);
	const refresh = form.token ? ctx.state.refreshTokens.get(form.token) : undefined;
	if (refresh) refresh.revoked = true;
	const access = form.token ? ctx.state.accessTokens.get(form.token) : undefined;
	if (access?.kind === 'oauth') access.expiresAt = ctx.now();
	return { status: 200, body: {} };
}

const VERSIONS = ['v3', '2026-03', '2026-09'] as const;

/**
 * HubSpot sunsets the v1 OAuth API on 2027-02-16 (docs: OAuth v1 migration guide; changelog "v1
 * OAuth API deprecation"): after it, token grants and token info on /oauth/v1/ fail. The date is
 * HubSpot's; the answer (404 with an RFC 6749 body naming the sunset) is our assumption.
 */
export const OAUTH_V1_SUNSET_MS = Date.UTC(2027, 1, 16);

function untilV1Sunset(handle: Route['handle']): Route['handle'] {
	return (req, ctx) => {
		if (ctx.now() >= OAUTH_V1_SUNSET_MS) {
			throw oauthError(
				404,
				'invalid_request',
				'OAUTH_V1_SUNSET',
				'The v1 OAuth API was sunset on 2027-02-16. Use /oauth/2026-03/token (or a later dated version).',
			);
		}
		return handle(req, ctx);
	};
}

export const oauthRoutes: Route[] = [
	{ method: 'GET', path: '/oauth/authorize', kind: 'page', auth: NO_AUTH, handle: authorize },
	{
		method: 'GET',
		path: '/oauth/:hubId/authorize',
		kind: 'page',
		auth: NO_AUTH,
		handle: authorize,
	},
	{
		method: 'POST',
		path: '/oauth/v1/token',
		kind: 'oauth',
		auth: NO_AUTH,
		handle: untilV1Sunset(token),
	},
	{
		method: 'GET',
		path: '/oauth/v1/access-tokens/:token',
		kind: 'oauth',
		auth: NO_AUTH,
		handle: untilV1Sunset(accessTokenInfo),
	},
	{
		method: 'GET',
		path: '/oauth/v1/refresh-tokens/:token',
		kind: 'oauth',
		auth: NO_AUTH,
		handle: untilV1Sunset(refreshTokenInfo),
	},
	{
		method: 'DELETE',
		path: '/oauth/v1/refresh-tokens/:token',
		kind: 'oauth',
		auth: NO_AUTH,
		handle: untilV1Sunset(deleteRefreshToken),
	},
	...VERSIONS.flatMap((version): Route[] => [
		{
			method: 'POST',
			path: `/oauth/${version}/token`,
			kind: 'oauth',
			auth: NO_AUTH,
			handle: token,
		},
		{
			method: 'POST',
			path: `/oauth/${version}/token/introspect`,
			kind: 'oauth',
			auth: NO_AUTH,
			handle: introspect,
		},
		{
			method: 'POST',
			path: `/oauth/${version}/token/revoke`,
			kind: 'oauth',
			auth: NO_AUTH,
			handle: revoke,
		},
	]),
];
