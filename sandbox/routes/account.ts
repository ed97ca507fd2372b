/** GET /account-info/v3/details: what n8n's credential test calls; any valid token may read it. */
import { DateTime } from 'luxon';
import type { SandboxContext } from '../context';
import type { ApiRequest, ApiResponse, Route } from '../router';
import { ANY_TOKEN } from '../scopes';

function details(_req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const { portal } = ctx.state.fixture;
	const offsetMinutes = DateTime.fromMillis(ctx.now(), { zone: portal.timeZone }).offset;
	return {
		status: 200,
		body: {
			portalId: portal.portalId,
			accountType: 'STANDARD',
			timeZone: portal.timeZone,
			companyCurrency: 'USD',
			additionalCurrencies: [],
			utcOffset: DateTime.fromMillis(ctx.now(), { zone: portal.timeZone }).toFormat('ZZ'),
			utcOffsetMilliseconds: offsetMinutes * 60_000,
			uiDomain: portal.uiDomain,
			dataHostingLocation: 'na1',
		},
	};
}

export const accountRoutes: Route[] = [
	{
		method: 'GET',
		path: '/account-info/v3/details',
		kind: 'api',
		auth: ANY_TOKEN,
		handle: details,
	},
];
