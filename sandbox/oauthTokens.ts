/** Issuing and looking up OAuth codes and tokens. HubSpot keeps the refresh token when it refreshes. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { SandboxContext } from './context';
import type { AccessTokenRecord, RefreshTokenRecord } from './state';

/** HubSpot does not document the code lifetime; the sandbox uses five minutes. */
export const AUTH_CODE_TTL_MS = 5 * 60_000;

export function issueAuthCode(
	ctx: SandboxContext,
	clientId: string,
	redirectUri: string,
	scopes: string[],
): string {
	const code = randomUUID();
	ctx.state.authCodes.set(code, {
		code,
		clientId,
		redirectUri,
		scopes,
		issuedAt: ctx.now(),
		used: false,
	});
	return code;
}

export function issueRefreshToken(
	ctx: SandboxContext,
	clientId: string,
	scopes: string[],
): RefreshTokenRecord {
	const record: RefreshTokenRecord = {
		token: `na1-${randomUUID()}`,
		clientId,
		scopes,
		userId: ctx.state.fixture.app.installingUserId,
		createdAt: ctx.now(),
		revoked: false,
	};
	ctx.state.refreshTokens.set(record.token, record);
	return record;
}

export function issueAccessToken(
	ctx: SandboxContext,
	refresh: RefreshTokenRecord,
): AccessTokenRecord {
	const now = ctx.now();
	const record: AccessTokenRecord = {
		token: `CJ${randomBytes(48).toString('base64url')}`,
		kind: 'oauth',
		scopes: refresh.scopes,
		hubId: ctx.state.fixture.portal.portalId,
		userId: refresh.userId,
		clientId: refresh.clientId,
		issuedAt: now,
		expiresAt: now + ctx.config.tokenTtlSeconds * 1000,
		refreshToken: refresh.token,
	};
	ctx.state.accessTokens.set(record.token, record);
	return record;
}

/** Makes every issued OAuth access token expire now (service keys are untouched). */
export function expireAllAccessTokens(ctx: SandboxContext): number {
	let count = 0;
	for (const token of ctx.state.accessTokens.values()) {
		if (token.kind === 'oauth' && (token.expiresAt ?? 0) > ctx.now()) {
			token.expiresAt = ctx.now();
			count++;
		}
	}
	return count;
}

export function tokenResponse(
	ctx: SandboxContext,
	access: AccessTokenRecord,
	refresh: RefreshTokenRecord,
) {
	return {
		token_type: 'bearer',
		refresh_token: refresh.token,
		access_token: access.token,
		expires_in: Math.round(((access.expiresAt ?? 0) - access.issuedAt) / 1000),
		hub_id: access.hubId,
		user_id: Number(access.userId),
		scopes: access.scopes,
		token_use: 'access_token',
	};
}
