/**
 * HubSpot's request limits: a 10-second rolling window (headers on every non-search response) of
 * 110 calls per app and installing account for public (OAuth) apps and 190 per token for private
 * apps and service keys (HubSpot docs, Professional/Enterprise), 5 searches per second per account (search responses carry no rate-limit headers), and an
 * optional daily cap per account that resets at midnight in the portal's time zone. Refused requests
 * do not count against the window. HubSpot documents no Retry-After header for API 429s, so none is sent.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Now } from './clock';
import { HubSpotError } from './errors';
import type { AccessTokenRecord } from './state';

export type RateLimitPolicy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY';

export interface RateLimits {
	/** Private apps and service keys. */
	tenSecondlyMax: number;
	/** Public (OAuth) apps, per installing account. */
	oauthTenSecondlyMax: number;
	searchPerSecond: number;
	dailyMax: number | null;
}

export interface Account {
	portalId: number;
	appId: number;
	timeZone: string;
}

const TEN_SECONDS = 10_000;
const ONE_SECOND = 1_000;

export function rateLimitError(
	policy: RateLimitPolicy,
	account: Account,
	token?: AccessTokenRecord,
): HubSpotError {
	if (policy === 'TEN_SECONDLY_ROLLING') {
		const group =
			token?.kind === 'oauth'
				? 'oauth-api-calls-ten-secondly'
				: 'private_app-api-calls-ten-secondly';
		return new HubSpotError(429, {
			message: 'You have reached your ten_secondly_rolling limit.',
			errorType: 'RATE_LIMIT',
			policyName: 'TEN_SECONDLY_ROLLING',
			groupName: `publicapi:${group}:${account.appId}:${account.portalId}`,
		});
	}
	const message =
		policy === 'SECONDLY'
			? 'You have reached your secondly limit.'
			: 'You have reached your daily limit.';
	return new HubSpotError(429, {
		message,
		errorType: 'RATE_LIMIT',
		policyName: policy,
		requestId: randomUUID(),
	});
}

export class RateLimiter {
	private readonly burst = new Map<string, number[]>();
	private searches: number[] = [];
	private daily = { day: '', count: 0 };
	private readonly now: Now;
	private readonly limits: () => RateLimits;
	private readonly account: () => Account;

	constructor(now: Now, limits: () => RateLimits, account: () => Account) {
		this.now = now;
		this.limits = limits;
		this.account = account;
	}

	reset(): void {
		this.burst.clear();
		this.searches = [];
		this.daily = { day: '', count: 0 };
	}

	/** Admits a non-search call or throws 429; returns the headers for the response. */
	admitApiCall(token: AccessTokenRecord): Record<string, string> {
		const now = this.now();
		const limits = this.limits();
		const tenSecondlyMax =
			token.kind === 'oauth' ? limits.oauthTenSecondlyMax : limits.tenSecondlyMax;
		const key = this.burstKey(token);
		const recent = (this.burst.get(key) ?? []).filter((at) => at > now - TEN_SECONDS);
		this.burst.set(key, recent);
		if (recent.length >= tenSecondlyMax) {
			const error = rateLimitError('TEN_SECONDLY_ROLLING', this.account(), token);
			Object.assign(error.headers, this.headers(tenSecondlyMax, 0, token));
			throw error;
		}
		this.admitDaily(now);
		recent.push(now);
		return this.headers(tenSecondlyMax, tenSecondlyMax - recent.length, token);
	}

	/** Admits a search or throws 429 SECONDLY; searches get no rate-limit headers. */
	admitSearch(): void {
		const now = this.now();
		this.searches = this.searches.filter((at) => at > now - ONE_SECOND);
		if (this.searches.length >= this.limits().searchPerSecond)
			throw rateLimitError('SECONDLY', this.account());
		this.admitDaily(now);
		this.searches.push(now);
	}

	private admitDaily(now: number): void {
		const { dailyMax } = this.limits();
		if (dailyMax === null) return;
		const day = DateTime.fromMillis(now, { zone: this.account().timeZone }).toISODate() ?? '';
		if (day !== this.daily.day) this.daily = { day, count: 0 };
		if (this.daily.count >= dailyMax) throw rateLimitError('DAILY', this.account());
		this.daily.count++;
	}

	/** OAuth limits apply per app and installing account; private-app limits per token (per app). */
	private burstKey(token: AccessTokenRecord): string {
		return token.kind === 'oauth' ? `oauth:${token.clientId}:${token.hubId}` : `key:${token.token}`;
	}

	private headers(
		max: number,
		remaining: number,
		token: AccessTokenRecord,
	): Record<string, string> {
		const headers: Record<string, string> = {
			'x-hubspot-ratelimit-max': String(max),
			'x-hubspot-ratelimit-remaining': String(Math.max(0, remaining)),
			'x-hubspot-ratelimit-interval-milliseconds': String(TEN_SECONDS),
		};
		const { dailyMax } = this.limits();
		if (dailyMax !== null && token.kind === 'service-key') {
			headers['x-hubspot-ratelimit-daily'] = String(dailyMax);
			headers['x-hubspot-ratelimit-daily-remaining'] = String(
				Math.max(0, dailyMax - this.daily.count),
			);
		}
		return headers;
	}
}
