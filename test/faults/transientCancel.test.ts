import { FaultSuite, itLeaksNoSecrets } from './support/faultSuite';
import { meetingFacts } from './support/sandboxFacts';
import { discoverSteps, sweep, TRANSIENT_FAULTS } from './support/stepFaults';
import type { Scenario, Step } from './support/stepFaults';

/**
 * Transient faults at every HubSpot call of Cancel. Only the meeting asked for may end up cancelled,
 * nothing may be created, and a retry must leave it cancelled without an error.
 */

const suite = FaultSuite.install();
const sandbox = suite.sandboxPerFile('nothing');

// Jane Doe's "Product Demo" with Alex, day +2 at 10:00 in the fixture; the first meeting id.
const TARGET_ID = '81234567001';
const TARGET_START = '2026-12-03T10:00:00-05:00';
const FIXTURE_MEETINGS = 3;

interface CancelFacts {
	targetLive: boolean;
	othersLive: number;
	meetings: number;
}

function cancelScenario(name: string, parameters: Record<string, unknown>): Scenario<CancelFacts> {
	return {
		name,
		parameters: { operation: 'cancel', timeZone: 'America/New_York', ...parameters },
		observe: (box) => {
			const meetings = meetingFacts(box);
			const live = meetings.filter(
				(meeting) => !meeting.archived && meeting.outcome !== 'CANCELED',
			);
			return {
				targetLive: live.some((meeting) => meeting.id === TARGET_ID),
				othersLive: live.filter((meeting) => meeting.id !== TARGET_ID).length,
				meetings: meetings.length,
			};
		},
		afterFault: (facts, run) => [
			...(facts.othersLive !== FIXTURE_MEETINGS - 1
				? [`another meeting was cancelled (${facts.othersLive} others left)`]
				: []),
			...(facts.meetings !== FIXTURE_MEETINGS
				? [`the number of meetings changed to ${facts.meetings}`]
				: []),
			...(run.result.status === 'success' && run.items[0]?.cancelled === true && facts.targetLive
				? ['it reported the meeting cancelled, but HubSpot still has it']
				: []),
		],
		afterRetry: (facts, run, before) => [
			...(run.result.status !== 'success'
				? [`the retry failed: ${run.result.error?.message}`]
				: []),
			...(facts.targetLive ? ['the meeting is still live'] : []),
			...(facts.othersLive !== FIXTURE_MEETINGS - 1
				? [`another meeting was cancelled (${facts.othersLive} others left)`]
				: []),
			...(before.targetLive && run.items[0]?.cancelled !== true
				? [`the retry did not cancel: ${JSON.stringify(run.items[0])}`]
				: []),
		],
	};
}

const scenarios = [
	cancelScenario('Cancel with the guest email and start time', {
		email: 'jane.doe@acme-corp.test',
		startTime: TARGET_START,
	}),
	cancelScenario('Cancel by meeting ID', { meetingId: TARGET_ID }),
	cancelScenario('Cancel by start time and meeting link, marking it canceled', {
		startTime: TARGET_START,
		meetingLink: { __rl: true, mode: 'slug', value: 'alex-demo' },
		cancelMode: 'markCanceled',
	}),
];

describe.each(scenarios)('$name', (scenario) => {
	let steps: Step[];

	beforeAll(async () => {
		steps = await discoverSteps(suite, sandbox, scenario);
	});

	it('makes at least two HubSpot calls to put faults on', () => {
		expect(steps.length).toBeGreaterThanOrEqual(2);
	});

	it.each(TRANSIENT_FAULTS)(
		'$name at each call: only that meeting is cancelled, and a retry completes',
		async (fault) => {
			expect(await sweep(suite, sandbox, scenario, steps, fault)).toEqual([]);
		},
	);
});

describe('secrets', () => itLeaksNoSecrets(suite));
