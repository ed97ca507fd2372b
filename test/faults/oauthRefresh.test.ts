import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';
import { FaultSuite, itLeaksNoSecrets } from './support/faultSuite';
import { accessTokenOf, connectOAuth2 } from '../harness/sandboxOAuth';
import {
	contactIdsWithEmail,
	liveMeetingsAt,
	liveMeetingsOf,
	meetingFacts,
} from './support/sandboxFacts';
import { describeStep, stepsOf } from './support/stepFaults';
import type { Step } from './support/stepFaults';

/**
 * An OAuth2 access token that expires in the middle of a multi-call operation: n8n refreshes it on
 * the 401 and repeats that one call, and the operation completes as if nothing happened.
 */

const suite = FaultSuite.install();
const sandbox = suite.sandboxPerFile('nothing');

const NEW_START = '2026-12-02T11:00:00-05:00';
const link = { __rl: true, mode: 'slug', value: 'alex-demo' };

interface OAuthScenario {
	name: string;
	parameters: INodeParameters;
	/** Problems with HubSpot's state after the run. */
	check(box: Sandbox): string[];
}

const scenarios: OAuthScenario[] = [
	{
		name: 'Reschedule, Meeting Link',
		parameters: {
			operation: 'reschedule',
			meetingLink: link,
			email: 'jane.doe@acme-corp.test',
			currentStartTime: '2026-12-03T10:00:00-05:00',
			newStartTime: NEW_START,
			timeZone: 'America/New_York',
			method: 'meetingLink',
			options: { duration: 30 },
		},
		check: (box) => {
			const original = meetingFacts(box).find((meeting) => meeting.id === '81234567001');
			const moved = liveMeetingsOf(box, 'jane.doe@acme-corp.test').filter(
				(meeting) => meeting.startMs === Date.parse(NEW_START),
			);
			return [
				...(original && !original.archived ? ['the original meeting is still there'] : []),
				...(moved.length !== 1 ? [`Jane has ${moved.length} meetings at the new time`] : []),
			];
		},
	},
	{
		name: 'Book, CRM Record, new guest',
		parameters: {
			operation: 'book',
			meetingLink: link,
			startTime: NEW_START,
			timeZone: 'America/New_York',
			email: 'olga.oauth@acme.test',
			fullName: 'Olga Oauth',
			method: 'crmRecord',
			options: { duration: 30 },
		},
		check: (box) => [
			...(contactIdsWithEmail(box, 'olga.oauth@acme.test').length !== 1
				? ['not exactly one contact']
				: []),
			...(liveMeetingsAt(box, Date.parse(NEW_START)).length !== 1
				? ['not exactly one meeting in the slot']
				: []),
		],
	},
	{
		name: 'Lookup Contact by phone, with meetings',
		parameters: {
			operation: 'lookupContact',
			lookupBy: 'phone',
			phone: '(415) 555-0100',
			maxMeetings: 3,
		},
		check: () => [],
	},
];

const refreshes = (requests: Array<{ path: string; body: unknown }>) =>
	requests.filter(
		(request) =>
			request.path === '/oauth/2026-09/token' &&
			(request.body as { grant_type?: string })?.grant_type === 'refresh_token',
	).length;

describe.each(scenarios)('$name', (scenario) => {
	let steps: Step[];

	beforeAll(async () => {
		sandbox.reset();
		const run = await suite.run(sandbox, scenario.parameters, {
			credential: await connectOAuth2(sandbox),
		});
		expect(run.result.status).toBe('success');
		steps = stepsOf(run.requests);
	});

	it('makes several HubSpot calls', () => {
		expect(steps.length).toBeGreaterThanOrEqual(2);
	});

	it('completes when the access token expires at any one of its calls: n8n refreshes it and repeats that call', async () => {
		const problems: string[] = [];
		for (const step of steps) {
			sandbox.reset();
			const credential = await connectOAuth2(sandbox);
			const exactPath = `^${step.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
			sandbox.faults.add({
				method: step.method,
				pathRegex: exactPath,
				after: step.occurrence,
				times: 1,
				action: { kind: 'expire-token' },
			});
			const run = await suite.run(sandbox, scenario.parameters, { credential });
			const where = `token expired at ${describeStep(step)}`;
			if (run.result.status !== 'success')
				problems.push(`${where}: failed with ${run.result.error?.message}`);
			if (refreshes(run.requests) < 1) problems.push(`${where}: no refresh happened`);
			const apiCalls = run.requests.filter((request) => !request.path.startsWith('/oauth/'));
			const refused = apiCalls.filter((request) => request.status === 401);
			if (refused.length < 1 || apiCalls.length !== steps.length + refused.length) {
				problems.push(
					`${where}: expected each refused call repeated once, got ${apiCalls.map((request) => `${request.method} ${request.path} ${request.status}`).join(', ')}`,
				);
			}
			const after = run.result.credentialsAfter.hubSpotSchedulingOAuth2Api;
			if (accessTokenOf(after) === accessTokenOf(credential.data))
				problems.push(`${where}: n8n did not store the new token`);
			problems.push(...scenario.check(sandbox).map((problem) => `${where}: ${problem}`));
		}
		expect(problems).toEqual([]);
	});
});

describe('when the refresh itself is refused', () => {
	it('stops at the first call with a message to reconnect, and changes nothing', async () => {
		sandbox.reset();
		const credential = await connectOAuth2(sandbox);
		const refreshToken = String(
			(credential.data.oauthTokenData as { refresh_token: string }).refresh_token,
		);
		await fetch(`${sandbox.url}/oauth/v1/refresh-tokens/${refreshToken}`, { method: 'DELETE' });
		await fetch(`${sandbox.url}/__sandbox/tokens/expire`, { method: 'POST' });
		const meetingsBefore = meetingFacts(sandbox);
		const run = await suite.run(sandbox, scenarios[0].parameters, { credential });
		expect(run.result.status).toBe('error');
		// n8n-core raises "The credential … needs to be reconnected" when HubSpot answers invalid_grant.
		expect(run.result.error?.message).toMatch(/reconnect/i);
		expect(run.result.error?.message).not.toMatch(/did not answer|network/i);
		expect(meetingFacts(sandbox)).toEqual(meetingsBefore);
		expect(
			run.requests.filter(
				(request) => request.method !== 'GET' && !request.path.startsWith('/oauth/'),
			),
		).toEqual([]);
	});
});

describe('secrets', () => itLeaksNoSecrets(suite));
