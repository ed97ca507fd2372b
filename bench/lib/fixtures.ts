import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { SandboxFixture } from '../../sandbox/server';
import { repositoryRoot } from './repository';

/**
 * The default fixture with HubSpot's rate limits lifted, for the groups that count calls and time
 * the node itself: back-to-back runs there would otherwise measure the limiter. The bulk group keeps
 * the real limits (190 per 10 s, 5 searches per second).
 */
export function fixtureWithoutRateLimits(): SandboxFixture {
	const file = path.join(repositoryRoot(), 'sandbox', 'fixtures', 'default.json');
	const fixture = JSON.parse(readFileSync(file, 'utf8')) as SandboxFixture & {
		rateLimits?: object;
	};
	return {
		...fixture,
		rateLimits: {
			tenSecondlyMax: 1_000_000,
			oauthTenSecondlyMax: 1_000_000,
			searchPerSecond: 100_000,
			dailyMax: null,
		},
	};
}
