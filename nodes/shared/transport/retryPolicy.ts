/**
 * When to retry a HubSpot call, as a pure function so the policy can be tested without a network.
 * A 429 was refused before HubSpot did anything, so every kind of request may repeat it; a 5xx, a 423
 * or a dropped connection may have been processed, so only requests that are safe to repeat are retried.
 */

export type RequestKind = 'read' | 'search' | 'write' | 'idempotent-write';

export interface AttemptOutcome {
	status?: number;
	networkError?: boolean;
	policyName?: string;
}

export type RetryDecision = { retry: true; waitMs: number } | { retry: false };

export const RETRY_LIMITS = {
	rateLimitAttempts: 6,
	transientAttempts: 3,
	maxDelayMs: 10_000,
	lockedDelayMs: 2_000,
};

const SAFE_TO_REPEAT: ReadonlySet<RequestKind> = new Set(['read', 'search', 'idempotent-write']);

export function decideRetry(
	outcome: AttemptOutcome,
	kind: RequestKind,
	attemptsMade: number,
	random: () => number,
): RetryDecision {
	if (outcome.status === 429) return decideRateLimitRetry(outcome.policyName, attemptsMade, random);
	if (!SAFE_TO_REPEAT.has(kind) || attemptsMade >= RETRY_LIMITS.transientAttempts)
		return { retry: false };
	if (outcome.status === 423)
		return { retry: true, waitMs: RETRY_LIMITS.lockedDelayMs + jitter(250, random) };
	if (outcome.networkError || (outcome.status !== undefined && outcome.status >= 500)) {
		return { retry: true, waitMs: backoff(200, attemptsMade, random) };
	}
	return { retry: false };
}

function decideRateLimitRetry(
	policyName: string | undefined,
	attemptsMade: number,
	random: () => number,
): RetryDecision {
	// The daily quota resets at midnight in the account's time zone: waiting inside a workflow cannot help.
	if (policyName === 'DAILY' || attemptsMade >= RETRY_LIMITS.rateLimitAttempts)
		return { retry: false };
	// The search limit is per second; the burst limit is a 10-second rolling window.
	const base = policyName === 'SECONDLY' ? 1_000 : 1_500;
	return { retry: true, waitMs: backoff(base, attemptsMade, random) };
}

/** Exponential backoff with up to 25% added jitter, so parallel executions do not retry in lockstep. */
function backoff(baseMs: number, attemptsMade: number, random: () => number): number {
	const exponential = Math.min(
		baseMs * 2 ** Math.max(0, attemptsMade - 1),
		RETRY_LIMITS.maxDelayMs,
	);
	return Math.min(
		RETRY_LIMITS.maxDelayMs,
		Math.round(exponential + jitter(exponential * 0.25, random)),
	);
}

function jitter(spanMs: number, random: () => number): number {
	return Math.round(spanMs * random());
}
