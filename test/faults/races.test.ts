import type { INodeParameters } from 'n8n-workflow';

import { FaultSuite, itLeaksNoSecrets } from './support/faultSuite';
import type { NodeRun } from './support/faultSuite';
import { contactIdsWithEmail, liveMeetingsAt } from './support/sandboxFacts';

/**
 * Two executions at once, as two callers (or one voice platform firing a tool call twice) do. The
 * sandbox processes requests one at a time in arrival order, like HubSpot's scheduler; where the
 * node checks before it writes, a delay on the write makes both executions finish checking first.
 */

const suite = FaultSuite.install();
const sandbox = suite.sandboxPerFile();

const SLOT = '2026-12-02T10:00:00-05:00';
const OTHER_SLOT = '2026-12-02T11:00:00-05:00';
const TAKEN =
	'Sorry, Wednesday, December 2 at 10:00 AM is no longer available. Please choose another time.';

function booking(
	email: string,
	fullName: string,
	method: string,
	startTime = SLOT,
): INodeParameters {
	return {
		operation: 'book',
		meetingLink: { __rl: true, mode: 'slug', value: 'alex-demo' },
		startTime,
		timeZone: 'America/New_York',
		email,
		fullName,
		method,
		options: { duration: 30 },
	};
}

async function together(first: INodeParameters, second: INodeParameters): Promise<NodeRun[]> {
	return await Promise.all([suite.run(sandbox, first), suite.run(sandbox, second)]);
}

const outcome = (run: NodeRun) =>
	run.result.status === 'success'
		? { booked: run.items[0]?.booked, alreadyBooked: run.items[0]?.alreadyBooked }
		: { error: run.result.error?.message, httpCode: run.result.error?.httpCode };

/** Writes wait this long, so both executions have read the slot as free before either writes. */
function holdWrites(path: string): void {
	sandbox.faults.add({ method: 'POST', path, times: 2, action: { kind: 'delay', ms: 150 } });
}

describe.each([
	['Meeting Link', 'meetingLink', '/scheduler/2026-09/meetings/meeting-links/book'],
	['CRM Record', 'crmRecord', '/crm/objects/2026-09/meetings'],
])('%s', (_label, method, writePath) => {
	it('two callers booking the same slot: exactly one wins, the other hears the slot was just taken', async () => {
		holdWrites(writePath);
		const runs = await together(
			booking('ana.first@acme.test', 'Ana First', method),
			booking('ben.second@acme.test', 'Ben Second', method),
		);
		expect(
			runs.map(outcome).sort((a, b) => ('error' in a ? 1 : 0) - ('error' in b ? 1 : 0)),
		).toEqual([
			{ booked: true, alreadyBooked: false },
			{ error: TAKEN, httpCode: '409' },
		]);
		expect(liveMeetingsAt(sandbox, Date.parse(SLOT))).toHaveLength(1);
	});

	it('the same tool call fired twice: one meeting, and both answers say booked', async () => {
		holdWrites(writePath);
		const call = booking('dora.double@acme.test', 'Dora Double', method);
		const runs = await together(call, call);
		expect(
			runs.map(outcome).sort((a, b) => Number(a.alreadyBooked) - Number(b.alreadyBooked)),
		).toEqual([
			{ booked: true, alreadyBooked: false },
			{ booked: true, alreadyBooked: true },
		]);
		expect(liveMeetingsAt(sandbox, Date.parse(SLOT))).toHaveLength(1);
		expect(contactIdsWithEmail(sandbox, 'dora.double@acme.test')).toHaveLength(1);
	});

	it('two bookings for the same new email at different times: one contact, two meetings', async () => {
		sandbox.faults.add({
			method: 'POST',
			path: '/crm/objects/2026-09/contacts',
			times: 1,
			action: { kind: 'delay', ms: 150 },
		});
		const runs = await together(
			booking('nora.new@acme.test', 'Nora New', method, SLOT),
			booking('nora.new@acme.test', 'Nora New', method, OTHER_SLOT),
		);
		expect(runs.map(outcome)).toEqual([
			{ booked: true, alreadyBooked: false },
			{ booked: true, alreadyBooked: false },
		]);
		expect(contactIdsWithEmail(sandbox, 'nora.new@acme.test')).toHaveLength(1);
		expect(liveMeetingsAt(sandbox, Date.parse(SLOT))).toHaveLength(1);
		expect(liveMeetingsAt(sandbox, Date.parse(OTHER_SLOT))).toHaveLength(1);
	});
});

describe('secrets', () => itLeaksNoSecrets(suite));
