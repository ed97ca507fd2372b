import type { Clock } from '../../nodes/shared/transport/pacing';
import type { LoggedRequest } from '../../sandbox/server';
import { bookDemoSlot, DEMO_PATHS, DEMO_SLOT, getDemoSlots } from './support/demoLink';
import { FaultSuite, itLeaksNoSecrets } from './support/faultSuite';
import { liveMeetingsAt } from './support/sandboxFacts';

/**
 * Cancelling an execution in n8n's engine (WorkflowExecute's cancel(), what n8n does when someone
 * stops an execution or the caller goes away) while the node waits to retry or while a request is on
 * its way: nothing more reaches HubSpot after the cancel, the run ends, and the error says only what
 * is known about the booking. A wait here lasts until the cancel ends it (CancellingClock), so a wait
 * that ignored the cancel would never end: the run finishing is the proof, without any timing.
 */

const suite = FaultSuite.install();
const sandbox = suite.sandboxPerFile();

const { bookingInfo: BOOKING_INFO, book: BOOK } = DEMO_PATHS;
const SLOT = DEMO_SLOT;
const getSlots = getDemoSlots;
const book = bookDemoSlot({ email: 'carl.cancel@acme.test', fullName: 'Carl Cancel' });

/**
 * The suite's virtual clock, except that its `cancelAtWait`-th wait cancels the execution and then
 * lasts until the cancel signal the node passes ends it. Earlier waits pass at once.
 */
class CancellingClock implements Clock {
	readonly waits: Array<{ ms: number; endedBy: 'time' | 'cancel' }> = [];
	readonly cancel = new AbortController();

	constructor(private readonly cancelAtWait: number) {}

	now = () => suite.clock.now();
	random = () => suite.clock.random();

	sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
		if (this.waits.length + 1 < this.cancelAtWait) {
			this.waits.push({ ms, endedBy: 'time' });
			await suite.clock.sleep(ms);
			return;
		}
		this.waits.push({ ms, endedBy: 'cancel' });
		this.cancel.abort();
		await new Promise<void>((_resolve, reject) => {
			if (signal?.aborted) reject(signal.reason);
			signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
		});
	};
}

const described = (requests: LoggedRequest[]) =>
	requests.map((request) => `${request.method} ${request.path} ${request.status}`);

/** Waits until the sandbox received a matching request; fails if the run ended first. */
async function untilLogged(
	running: Promise<unknown>,
	predicate: (request: LoggedRequest) => boolean,
): Promise<void> {
	let ended = false;
	void running.finally(() => (ended = true));
	while (!sandbox.requestLog().some(predicate)) {
		if (ended) throw new Error('The run ended before the awaited request reached the sandbox');
		await new Promise((done) => setImmediate(done));
	}
}

describe('an execution cancelled while the node waits to retry', () => {
	it('sends nothing more, ends the wait and the run, and says the read was not sent', async () => {
		sandbox.faults.add({
			path: BOOKING_INFO,
			times: 5,
			action: { kind: 'rate-limit', policyName: 'TEN_SECONDLY_ROLLING' },
		});
		const clock = new CancellingClock(2);
		const run = await suite.run(sandbox, getSlots, {
			clock,
			cancelSignal: clock.cancel.signal,
		});
		// Without the cancel the node would try six times; it stopped in its second back-off.
		expect(described(run.requests)).toEqual([`GET ${BOOKING_INFO} 429`, `GET ${BOOKING_INFO} 429`]);
		expect(clock.waits.map((wait) => wait.endedBy)).toEqual(['time', 'cancel']);
		expect(run.result.engineStatus).toBe('canceled');
		expect(run.thrown).toHaveLength(1);
		expect((run.thrown[0] as Error).message).toBe(
			'The execution was cancelled before the request to "read the meeting link "alex-demo"" was sent to HubSpot.',
		);
	});

	it('on the booking (a 429, refused before HubSpot acted): says the meeting was not booked, and none was', async () => {
		sandbox.faults.add({
			method: 'POST',
			path: BOOK,
			times: 5,
			action: { kind: 'rate-limit', policyName: 'TEN_SECONDLY_ROLLING' },
		});
		const clock = new CancellingClock(1);
		const run = await suite.run(sandbox, book, { clock, cancelSignal: clock.cancel.signal });
		const posts = run.requests.filter((request) => request.method === 'POST');
		expect(described(posts)).toEqual([`POST ${BOOK} 429`]);
		// The POST is the last request: no recovery read after the cancel.
		expect(run.requests.at(-1)).toBe(run.requests.find((request) => request.method === 'POST'));
		expect(run.result.engineStatus).toBe('canceled');
		expect((run.thrown[0] as Error).message).toBe(
			'The meeting was not booked. The execution was cancelled before the request to "book the meeting" was sent to HubSpot.',
		);
		expect(liveMeetingsAt(sandbox, Date.parse(SLOT))).toEqual([]);
	});

	it('with On Error: Continue, stops the item loop: later items send nothing', async () => {
		sandbox.faults.add({
			path: BOOKING_INFO,
			times: 5,
			action: { kind: 'rate-limit', policyName: 'TEN_SECONDLY_ROLLING' },
		});
		const clock = new CancellingClock(1);
		const run = await suite.run(sandbox, getSlots, {
			clock,
			cancelSignal: clock.cancel.signal,
			input: [{}, {}, {}],
			continueOnFail: true,
		});
		expect(described(run.requests)).toEqual([`GET ${BOOKING_INFO} 429`]);
		expect(run.result.engineStatus).toBe('canceled');
		// The first item's cancel ended the node; the later items never started.
		expect(run.thrown).toHaveLength(1);
		expect((run.thrown[0] as Error & { context?: { itemIndex?: number } }).context?.itemIndex).toBe(
			0,
		);
	});
});

describe('an execution cancelled while the booking is on its way to HubSpot', () => {
	it('reads nothing more and says it is not known whether the meeting was booked', async () => {
		// HubSpot takes its time with this booking; the cancel comes while it is being handled.
		sandbox.faults.add({ method: 'POST', path: BOOK, action: { kind: 'delay', ms: 1_000 } });
		const cancel = new AbortController();
		const running = suite.run(sandbox, book, { cancelSignal: cancel.signal });
		await untilLogged(running, (request) => request.method === 'POST' && request.path === BOOK);
		cancel.abort();
		const run = await running;

		expect(run.requests.at(-1)).toMatchObject({ method: 'POST', path: BOOK });
		expect(run.result.engineStatus).toBe('canceled');
		const message = (run.thrown[0] as Error).message;
		expect(message).toBe(
			'I could not confirm whether the meeting was booked. The execution was cancelled before it was known whether HubSpot made the change "book the meeting": it may or may not have been made. Run the same booking again: it finds the meeting if it exists and books it otherwise.',
		);
		expect(message).not.toMatch(/was not booked/);
		// HubSpot finishes the booking it was handling: "not known" was the honest answer.
		while (sandbox.requestLog().find((request) => request.method === 'POST')?.status === null)
			await new Promise((done) => setTimeout(done, 20));
		expect(liveMeetingsAt(sandbox, Date.parse(SLOT))).toHaveLength(1);
	});
});

describe('an execution cancelled while Reschedule removes the old meeting', () => {
	it('says the new time is booked and the old meeting may or may not be removed, and sends nothing more', async () => {
		const oldMeeting = '/crm/objects/2026-09/meetings/81234567001';
		sandbox.faults.add({
			method: 'DELETE',
			path: oldMeeting,
			action: { kind: 'delay', ms: 1_000 },
		});
		const cancel = new AbortController();
		const running = suite.run(
			sandbox,
			{
				operation: 'reschedule',
				meetingLink: { __rl: true, mode: 'slug', value: 'alex-demo' },
				email: 'jane.doe@acme-corp.test',
				currentStartTime: '2026-12-03T10:00:00-05:00',
				newStartTime: '2026-12-02T11:00:00-05:00',
				timeZone: 'America/New_York',
				method: 'meetingLink',
				options: { duration: 30 },
			},
			{ cancelSignal: cancel.signal },
		);
		await untilLogged(
			running,
			(request) => request.method === 'DELETE' && request.path === oldMeeting,
		);
		cancel.abort();
		const run = await running;

		expect(run.requests.at(-1)).toMatchObject({ method: 'DELETE', path: oldMeeting });
		expect(run.result.engineStatus).toBe('canceled');
		expect((run.thrown[0] as Error).message).toMatch(
			/^The new time .+ is booked; the old meeting \(81234567001\) may or may not have been removed\. The execution was cancelled before it was known whether HubSpot made the change /,
		);
	});
});

itLeaksNoSecrets(suite);
