import { NodeOperationError } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';

import { FaultSuite, itLeaksNoSecrets } from './support/faultSuite';
import { HOSTILE_INPUTS } from './support/hostileInputs';
import type { HostileInput, OperationName } from './support/hostileInputs';

/**
 * Every hostile value reaches the node the way a tool call's argument does: through an expression
 * ({{ $json.value }}) in an otherwise valid item. Each must end in a NodeOperationError that names
 * the field, before a single request reaches HubSpot.
 */

const suite = FaultSuite.install();
const sandbox = suite.sandboxPerFile('nothing');
// A case that wrongly reached HubSpot may have booked; the next case starts from the fixture again.
afterEach(() => {
	if (sandbox.requestLog().length > 0) sandbox.reset();
});

const link = (mode = 'slug', value = 'alex-demo') => ({ __rl: true, mode, value });

const VALID: Record<OperationName, INodeParameters> = {
	getSlots: {
		operation: 'getSlots',
		meetingLink: link(),
		timeZone: 'America/New_York',
		duration: 30,
		startDate: '2026-12-02',
		daysAhead: 1,
		maxSlots: 0,
	},
	book: {
		operation: 'book',
		meetingLink: link(),
		startTime: '2026-12-02T10:00:00-05:00',
		timeZone: 'America/New_York',
		email: 'valid.guest@acme.test',
		fullName: 'Valid Guest',
		phone: '',
		method: 'meetingLink',
		options: { duration: 30 },
	},
	cancel: {
		operation: 'cancel',
		startTime: '2026-12-03T10:00:00-05:00',
		email: 'jane.doe@acme-corp.test',
		timeZone: 'America/New_York',
	},
	reschedule: {
		operation: 'reschedule',
		meetingLink: link(),
		email: 'jane.doe@acme-corp.test',
		currentStartTime: '2026-12-03T10:00:00-05:00',
		newStartTime: '2026-12-02T11:00:00-05:00',
		timeZone: 'America/New_York',
		method: 'meetingLink',
		options: { duration: 30 },
	},
	lookupContact: {
		operation: 'lookupContact',
		lookupBy: 'phone',
		phone: '(415) 555-0100',
		defaultCountry: 'US',
		maxMeetings: 3,
	},
};

const FROM_ITEM = '={{ $json.value }}';

function parametersFor(input: HostileInput): INodeParameters {
	const parameters: INodeParameters = { ...VALID[input.operation], ...input.with };
	if (input.parameter === 'email' && input.operation === 'lookupContact')
		parameters.lookupBy = 'email';
	if (input.parameter === 'lastName') parameters.firstName = 'Jane';
	if (input.parameter.startsWith('meetingLink')) {
		parameters.meetingLink = link(
			input.parameter === 'meetingLink:url' ? 'url' : 'slug',
			FROM_ITEM,
		);
	} else if (input.parameter.startsWith('options.')) {
		parameters.options = {
			...(parameters.options as object),
			[input.parameter.slice('options.'.length)]: FROM_ITEM,
		};
	} else {
		parameters[input.parameter] = FROM_ITEM;
	}
	return parameters;
}

const preview = (value: string | number) => {
	const text = JSON.stringify(value);
	return text.length > 40 ? `${text.slice(0, 37)}…(${String(value).length} chars)` : text;
};

it('holds at least 200 hostile inputs across all five operations', () => {
	expect(HOSTILE_INPUTS.length).toBeGreaterThanOrEqual(200);
	expect(new Set(HOSTILE_INPUTS.map((input) => input.operation))).toEqual(
		new Set(['getSlots', 'book', 'cancel', 'reschedule', 'lookupContact']),
	);
});

describe.each(['getSlots', 'book', 'cancel', 'reschedule', 'lookupContact'] as const)(
	'%s',
	(operation) => {
		const inputs = HOSTILE_INPUTS.filter((input) => input.operation === operation).map((input) => ({
			...input,
			shown: preview(input.value),
		}));

		it.each(inputs)(
			'$parameter = $shown: NodeOperationError naming "$field", nothing sent to HubSpot',
			async (input) => {
				const run = await suite.run(sandbox, parametersFor(input), {
					input: [{ value: input.value }],
				});
				expect(run.requests.map((request) => `${request.method} ${request.path}`)).toEqual([]);
				expect(run.result.status).toBe('error');
				expect(run.thrown).toHaveLength(1);
				const error = run.thrown[0] as Error;
				expect(error).toBeInstanceOf(NodeOperationError);
				const message = error.message.toLowerCase();
				const named = [input.field, input.parameter.replace(/^options\.|:url$/g, '')].some((name) =>
					message.includes(name.toLowerCase()),
				);
				expect({ named, message: error.message }).toEqual({
					named: true,
					message: expect.not.stringMatching(/Cannot read|is not a function|undefined/),
				});
			},
		);
	},
);

describe('secrets', () => itLeaksNoSecrets(suite));
