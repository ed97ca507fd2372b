import { z } from 'zod';

import type { Deviation } from './common';

/** OAuth 2026-09 (`Auth/Oauth/Rollouts/279897/2026-09/oauth.json`): a form body, answered as in v1. */

export const tokenRequest = z
	.object({
		grant_type: z.enum(['authorization_code', 'refresh_token']),
		client_id: z.string().min(1),
		client_secret: z.string().min(1),
		code: z.string().optional(),
		code_verifier: z.string().optional(),
		redirect_uri: z.string().optional(),
		refresh_token: z.string().optional(),
		scope: z.string().optional(),
	})
	.strict()
	.refine(
		(body) =>
			body.grant_type === 'authorization_code'
				? body.code !== undefined && body.redirect_uri !== undefined
				: body.refresh_token !== undefined,
		'authorization_code needs code and redirect_uri; refresh_token needs refresh_token (OAuth docs)',
	);

/** The 2026-09 spec gives no success schema; v1's `AccessTokenResponse` and the OAuth docs' example. */
export const tokenResponse = z
	.object({
		access_token: z.string().min(1).max(512),
		refresh_token: z.string().min(1),
		expires_in: z.number().int().positive(),
		token_type: z.string(),
		token_use: z.literal('access_token').optional(),
		hub_id: z.number().int().optional(),
		user_id: z.number().int().optional(),
		scopes: z.array(z.string()).optional(),
		id_token: z.string().optional(),
	})
	.strict();

/** RFC 6749 fields plus HubSpot's legacy `status` / `message` (OAuth docs). */
export const tokenError = z
	.object({
		error: z.string(),
		error_description: z.string().optional(),
		status: z.string().optional(),
		message: z.string().optional(),
		correlationId: z.string().optional(),
	})
	.strict();

export const tokenDeviations: Deviation[] = [
	{
		field: 'response',
		spec: '2026-09 documents only the error response',
		accepted: "v1's AccessTokenResponse; token_use optional",
		source: 'OAuth docs example has no token_use (hubspot-api.md §9)',
	},
];
