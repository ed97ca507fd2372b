import type { Sandbox } from '../../sandbox/server';
import { FaultSuite, itLeaksNoSecrets } from './support/faultSuite';
import { liveMeetingsAt, meetingFacts } from './support/sandboxFacts';
import { discoverSteps, sweep, TRANSIENT_FAULTS } from './support/stepFaults';
import type { Scenario, Step } from './support/stepFaults';

/**
 * Transient faults at every HubSpot call of Reschedule. At no point may the guest be left without a
 * meeting, or the new slot hold two; a Reschedule that fails leaves the original in place; a retry
 * ends with exactly one meeting, at the new time.
 */

const suite = FaultSuite.install();
const sandbox = suite.sandboxPerFile('nothing');

const JANE = 'jane.doe@acme-corp.test';
const JANE_CONTACT_ID = '51234567001';
const ORIGINAL_ID = '81234567001';
const ORIGINAL_START = '2026-12-03T10:00:00-05:00';
const NEW_START = '2026-12-02T11:00:00-05:00';
const NEW_START_MS = Date.parse(NEW_START);
/** Jane's two other fixture meetings (day +9, and a completed one last week). */
const OTHERS = 2;

interface RescheduleFacts {
	originalLive: boolean;
	janeAtNewTime: number;
	anyoneAtNewTime: number;
	othersLive: number;
}

function observe(box: Sandbox): RescheduleFacts {
	const live = meetingFacts(box).filter(
		(meeting) => !meeting.archived && meeting.outcome !== 'CANCELED',
	);
	const janes = live.filter((meeting) => meeting.contactIds.includes(JANE_CONTACT_ID));
	return {
		originalLive: live.some((meeting) => meeting.id === ORIGINAL_ID),
		janeAtNewTime: janes.filter((meeting) => meeting.startMs === NEW_START_MS).length,
		anyoneAtNewTime: liveMeetingsAt(box, NEW_START_MS).length,
		othersLive: janes.filter(
			(meeting) => meeting.id !== ORIGINAL_ID && meeting.startMs !== NEW_START_MS,
		).length,
	};
}

function rescheduleScenario(name: string, method: string): Scenario<RescheduleFacts> {
	return {
		name,
		parameters: {
			operation: 'reschedule',
			meetingLink: { __rl: true, mode: 'slug', value: 'alex-demo' },
			email: JANE,
			currentStartTime: ORIGINAL_START,
			newStartTime: NEW_START,
			timeZone: 'America/New_York',
			method,
			options: { duration: 30 },
		},
		observe,
		afterFault: (facts, run) => [
			...(!facts.originalLive && facts.janeAtNewTime === 0
				? ['the meeting was lost: neither the original nor the new one exists']
				: []),
			...(facts.anyoneAtNewTime > 1
				? [`the new slot holds ${facts.anyoneAtNewTime} meetings`]
				: []),
			...(run.result.status === 'error' && !facts.originalLive
				? ['it failed, yet the original meeting is gone']
				: []),
			...(run.result.status === 'success' && (facts.originalLive || facts.janeAtNewTime !== 1)
				? ['it reported the move, but HubSpot does not show it']
				: []),
			...(facts.othersLive !== OTHERS
				? [`the guest's other meetings changed to ${facts.othersLive}`]
				: []),
		],
		afterRetry: (facts, run) => [
			...(run.result.status !== 'success'
				? [`the retry failed: ${run.result.error?.message}`]
				: []),
			...(facts.originalLive ? ['the original meeting is still live'] : []),
			...(facts.janeAtNewTime !== 1 || facts.anyoneAtNewTime !== 1
				? [
						`expected Jane's one meeting at the new time, found ${facts.anyoneAtNewTime} (${facts.janeAtNewTime} hers)`,
					]
				: []),
			...(facts.othersLive !== OTHERS
				? [`the guest's other meetings changed to ${facts.othersLive}`]
				: []),
		],
	};
}

const scenarios = [
	rescheduleScenario('Reschedule, Meeting Link', 'meetingLink'),
	rescheduleScenario('Reschedule, CRM Record', 'crmRecord'),
];

describe.each(scenarios)('$name', (scenario) => {
	let steps: Step[];

	beforeAll(async () => {
		steps = await discoverSteps(suite, sandbox, scenario);
	});

	it('makes at least three HubSpot calls to put faults on', () => {
		expect(steps.length).toBeGreaterThanOrEqual(3);
	});

	it.each(TRANSIENT_FAULTS)(
		'$name at each call: never lost or doubled, a failure keeps the original, a retry moves it once',
		async (fault) => {
			expect(await sweep(suite, sandbox, scenario, steps, fault)).toEqual([]);
		},
	);
});

describe('secrets', () => itLeaksNoSecrets(suite));
