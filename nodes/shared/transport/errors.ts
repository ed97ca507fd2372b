import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';
import { z } from 'zod';

import { redactSecrets } from './redact';
import type { RequestKind } from './retryPolicy';

/** HubSpot documents every field of its error body as optional, so parse leniently. */
const errorBodySchema = z
	.object({
		message: z.string().optional(),
		category: z.string().optional(),
		subCategory: z.string().optional(),
		correlationId: z.string().optional(),
		policyName: z.string().optional(),
		errors: z
			.array(
				z
					.object({
						message: z.string().optional(),
						code: z.string().optional(),
						context: z.record(z.array(z.string())).optional(),
					})
					.passthrough(),
			)
			.optional(),
		context: z.record(z.array(z.string())).optional(),
	})
	.passthrough();

export type HubSpotErrorBody = z.infer<typeof errorBodySchema>;

export interface HubSpotFailure {
	status?: number;
	body?: unknown;
	networkCode?: string;
	attempts: number;
	kind: RequestKind;
	what: string;
}

export interface HubSpotErrorDetails {
	status?: number;
	category?: string;
	subCategory?: string;
	correlationId?: string;
	policyName?: string;
	hubspotMessage?: string;
	requiredScopes: string[];
	networkCode?: string;
}

/** A NodeApiError that also keeps HubSpot's category, so operations can react to specific failures. */
export class HubSpotApiError extends NodeApiError {
	readonly hubspot: HubSpotErrorDetails;

	constructor(
		node: INode,
		details: HubSpotErrorDetails,
		message: string,
		description: string,
		itemIndex?: number,
	) {
		const response: JsonObject = { message, description };
		super(node, response, {
			message,
			description,
			httpCode: details.status === undefined ? undefined : String(details.status),
			itemIndex,
		});
		// NodeError swaps any message naming a network code (ETIMEDOUT, ECONNRESET…) for its generic
		// text, which for a booking even advises "Retry on Fail"; ours says what was and was not done.
		this.message = message;
		this.hubspot = details;
	}
}

export function parseErrorBody(body: unknown): HubSpotErrorBody {
	const parsed = errorBodySchema.safeParse(body);
	return parsed.success ? parsed.data : {};
}

export function toHubSpotApiError(
	node: INode,
	failure: HubSpotFailure,
	itemIndex?: number,
): HubSpotApiError {
	const body = parseErrorBody(failure.body);
	const details: HubSpotErrorDetails = {
		status: failure.status,
		category: body.category,
		subCategory: body.subCategory,
		correlationId: body.correlationId,
		policyName: body.policyName,
		hubspotMessage: body.message === undefined ? undefined : redactSecrets(body.message),
		requiredScopes: requiredScopesOf(body),
		networkCode: failure.networkCode,
	};
	const message = redactSecrets(humanMessage(failure, details));
	const description = redactSecrets(describe(failure, details));
	return new HubSpotApiError(node, details, message, description, itemIndex);
}

function humanMessage(failure: HubSpotFailure, details: HubSpotErrorDetails): string {
	const action = `Could not ${failure.what}`;
	const hubspotSays = details.hubspotMessage ? `: ${details.hubspotMessage}` : '';
	if (failure.status === undefined) {
		return `${action}: HubSpot did not answer (${details.networkCode ?? 'network error'}). Check the credential's base URL and the network, then try again.`;
	}
	switch (failure.status) {
		case 401:
			return `${action}: HubSpot rejected the credential (${details.category ?? '401'}). Reconnect the OAuth2 credential, or paste a current service key.`;
		case 403:
			return details.requiredScopes.length > 0
				? `${action}: the HubSpot app or service key is missing the scope ${details.requiredScopes.join(', ')}. Add it in HubSpot, then reconnect the credential.`
				: `${action}: HubSpot refused access${hubspotSays}. Check the app's scopes and the user's permissions.`;
		case 404:
			return `${action}: HubSpot could not find it${hubspotSays}.`;
		case 409:
			return `${action}: HubSpot reports a conflict${hubspotSays}.`;
		case 423:
			return `${action}: the HubSpot record is locked by another update. Try again in a few seconds.`;
		case 429:
			return details.policyName === 'DAILY'
				? `${action}: this HubSpot account has used its daily API limit. It resets at midnight in the account's time zone; try again then or ask HubSpot for an API limit increase.`
				: `${action}: HubSpot's rate limit (${details.policyName ?? 'unknown policy'}) was still exceeded after ${failure.attempts} attempts. Process fewer items at once or slow the workflow down.`;
		default:
			if (failure.status >= 500) {
				return `${action}: HubSpot had a server error (${failure.status}). Try again in a moment.`;
			}
			return `${action}${hubspotSays || `: HubSpot answered ${failure.status}`}.`;
	}
}

function describe(failure: HubSpotFailure, details: HubSpotErrorDetails): string {
	const facts = [
		details.status === undefined ? undefined : `HTTP ${details.status}`,
		details.category && `category ${details.category}`,
		details.subCategory && `subCategory ${details.subCategory}`,
		details.correlationId && `correlationId ${details.correlationId}`,
		failure.attempts > 1 ? `${failure.attempts} attempts` : undefined,
	].filter(Boolean);
	const unsafeWrite =
		failure.kind === 'write' && (failure.status === undefined || failure.status >= 500)
			? 'This was a write, so it was not retried automatically: HubSpot may or may not have applied it.'
			: undefined;
	return [facts.length > 0 ? `${facts.join(', ')}.` : undefined, unsafeWrite]
		.filter(Boolean)
		.join(' ');
}

function requiredScopesOf(body: HubSpotErrorBody): string[] {
	const scopes = new Set<string>();
	for (const entry of body.errors ?? []) {
		for (const key of ['requiredScopes', 'requiredGranularScopes']) {
			for (const scope of entry.context?.[key] ?? []) scopes.add(scope);
		}
	}
	return [...scopes];
}
