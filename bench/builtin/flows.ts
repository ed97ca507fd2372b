import type { IConnections, IDataObject, INode, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';

import { HARNESS_START_NODE_TYPE, runWorkflow } from '../../test/harness/engine';
import type { RunResult } from '../../test/harness/engine';
import { SERVICE_KEY } from '../lib/ourNode';
import type { FixtureTimes } from '../lib/scenarios';
import { JANE } from '../lib/scenarios';
import type { BuiltInCall, HubSpotRedirect } from './redirect';

/**
 * The same jobs built the usual way from n8n's built-in HubSpot node (v2.2) and IF nodes, each
 * configured for the fewest calls it can make (e.g. "Simplify Output" on the upsert, which saves
 * its extra read). Jobs the built-in node cannot do (no scheduler operations) have no flow.
 */

type Step = {
	name: string;
	parameters: INodeParameters;
	type?: 'hubspot' | 'if';
	alwaysOutputData?: boolean;
};
type Edge = [from: string, to: string, output?: number];

export interface BuiltInFlow {
	job: string;
	input: IDataObject | IDataObject[];
	steps: Step[];
	edges: Edge[];
	/** What one more page of engagements adds: the built-in flow reads every meeting of the portal. */
	note?: string;
	/** Proof the flow did the job, from HubSpot's state or the flow's output; a problem, or undefined. */
	verify(sandbox: Sandbox, result: RunResult): string | undefined;
}

function liveMeetingAt(sandbox: Sandbox, startMs: number, email: string): boolean {
	const contact = sandbox.state.contactByEmail(email);
	if (!contact) return false;
	return sandbox.state.associations
		.meetingsOf(contact.id)
		.map((id) => sandbox.state.meetings.get(id))
		.some(
			(meeting) =>
				meeting !== undefined &&
				!meeting.archived &&
				Date.parse(meeting.properties.hs_meeting_start_time) === startMs,
		);
}

const archived = (sandbox: Sandbox, id: string) =>
	sandbox.state.meetings.get(id)?.archived === true;
const itemsOut = (result: RunResult, node: string, output = 0) =>
	result.outputs[node]?.[output]?.length ?? 0;

const hubspot = (parameters: INodeParameters): INodeParameters => ({
	authentication: 'appToken',
	...parameters,
});

function searchContact(name: string, property: string, value: string): Step {
	return {
		name,
		alwaysOutputData: true,
		parameters: hubspot({
			resource: 'contact',
			operation: 'search',
			returnAll: false,
			limit: 1,
			filterGroupsUi: {
				filterGroupsValues: [
					{
						filtersUi: {
							filterValues: [{ propertyName: `${property}|string`, operator: 'EQ', value }],
						},
					},
				],
			},
			additionalFields: {},
		}),
	};
}

function condition(name: string, expression: string): Step {
	return {
		name,
		type: 'if',
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
				conditions: [
					{
						id: `${name}-condition`,
						leftValue: expression,
						rightValue: '',
						operator: { type: 'boolean', operation: 'true', singleValue: true },
					},
				],
				combinator: 'and',
			},
			looseTypeValidation: true,
			options: {},
		},
	};
}

function createMeeting(name: string, contactIdExpression: string): Step {
	return {
		name,
		parameters: hubspot({
			resource: 'engagement',
			operation: 'create',
			type: 'meeting',
			metadata: {
				title: 'Meeting',
				startTime: "={{ $('Start').first().json.start }}",
				endTime: "={{ $('Start').first().json.end }}",
			},
			additionalFields: { associations: { contactIds: contactIdExpression } },
		}),
	};
}

const allMeetings: Step = {
	name: 'Get all meetings',
	parameters: hubspot({ resource: 'engagement', operation: 'getAll', returnAll: true }),
};
const deleteMeeting = (name: string, idExpression: string): Step => ({
	name,
	parameters: hubspot({
		resource: 'engagement',
		operation: 'delete',
		engagementId: { __rl: true, mode: 'id', value: idExpression },
	}),
});
const matchesMeeting = (startExpression: string) =>
	`={{ $json.associations.contactIds.map(String).includes(String($('Find contact').first().json.id)) && $json.metadata.startTime === ${startExpression} }}`;

export function builtInFlows(times: FixtureTimes): BuiltInFlow[] {
	const slotA = Date.parse(times.slotA);
	const slotB = Date.parse(times.slotB);
	const janeMeeting = Date.parse(times.janeMeeting);
	const bookFlow = (job: string, email: string): BuiltInFlow => ({
		job,
		input: { email, firstName: 'Guest', lastName: 'Example', start: slotA, end: slotA + 1_800_000 },
		steps: [
			searchContact('Find contact', 'email', '={{ $json.email }}'),
			condition('Found?', '={{ $json.id !== undefined }}'),
			createMeeting('Create meeting', '={{ $json.id }}'),
			{
				name: 'Create contact',
				parameters: hubspot({
					resource: 'contact',
					operation: 'upsert',
					email: "={{ $('Start').first().json.email }}",
					additionalFields: {
						firstName: "={{ $('Start').first().json.firstName }}",
						lastName: "={{ $('Start').first().json.lastName }}",
					},
					options: { resolveData: true },
				}),
			},
			createMeeting('Create meeting for new contact', '={{ $json.vid }}'),
		],
		edges: [
			['Start', 'Find contact'],
			['Find contact', 'Found?'],
			['Found?', 'Create meeting', 0],
			['Found?', 'Create contact', 1],
			['Create contact', 'Create meeting for new contact'],
		],
		verify: (sandbox) =>
			liveMeetingAt(sandbox, slotA, email) ? undefined : `no meeting for ${email} at the slot`,
	});
	return [
		bookFlow('Book, CRM Record, new contact', 'nico.new@acme.test'),
		bookFlow('Book, CRM Record, existing contact', 'bob.smith@globex.test'),
		{
			job: 'Cancel, with email',
			input: { email: JANE.email, start: janeMeeting },
			steps: [
				searchContact('Find contact', 'email', '={{ $json.email }}'),
				allMeetings,
				condition('This meeting?', matchesMeeting("$('Start').first().json.start")),
				deleteMeeting('Delete meeting', '={{ $json.engagement.id }}'),
			],
			edges: [
				['Start', 'Find contact'],
				['Find contact', 'Get all meetings'],
				['Get all meetings', 'This meeting?'],
				['This meeting?', 'Delete meeting', 0],
			],
			note: 'plus one call per 250 meetings in the portal',
			verify: (sandbox) =>
				archived(sandbox, JANE.meetingId) ? undefined : 'the meeting was not deleted',
		},
		{
			job: 'Cancel, by ID',
			input: { meetingId: JANE.meetingId },
			steps: [deleteMeeting('Delete meeting', '={{ $json.meetingId }}')],
			edges: [['Start', 'Delete meeting']],
			note: 'deletes without checking the meeting is live',
			verify: (sandbox) =>
				archived(sandbox, JANE.meetingId) ? undefined : 'the meeting was not deleted',
		},
		{
			job: 'Reschedule, Meeting Link',
			input: { email: JANE.email, oldStart: janeMeeting, start: slotB, end: slotB + 1_800_000 },
			steps: [
				searchContact('Find contact', 'email', '={{ $json.email }}'),
				allMeetings,
				condition('Old meeting?', matchesMeeting("$('Start').first().json.oldStart")),
				createMeeting('Create new meeting', "={{ $('Find contact').first().json.id }}"),
				deleteMeeting('Delete old meeting', "={{ $('Old meeting?').first().json.engagement.id }}"),
			],
			edges: [
				['Start', 'Find contact'],
				['Find contact', 'Get all meetings'],
				['Get all meetings', 'Old meeting?'],
				['Old meeting?', 'Create new meeting', 0],
				['Create new meeting', 'Delete old meeting'],
			],
			note: 'a CRM meeting only: no scheduler, no calendar event; plus one call per 250 meetings',
			verify: (sandbox) =>
				archived(sandbox, JANE.meetingId) && liveMeetingAt(sandbox, slotB, JANE.email)
					? undefined
					: 'the meeting was not moved',
		},
		{
			job: 'Lookup Contact, found with meetings',
			input: { phone: '4155550100' },
			steps: [
				searchContact(
					'Find contact',
					'hs_searchable_calculated_phone_number',
					'={{ $json.phone }}',
				),
				condition('Found?', '={{ $json.id !== undefined }}'),
				allMeetings,
				condition(
					'Upcoming and theirs?',
					`={{ $json.associations.contactIds.map(String).includes(String($('Find contact').first().json.id)) && $json.metadata.startTime > $now.toMillis() }}`,
				),
			],
			edges: [
				['Start', 'Find contact'],
				['Find contact', 'Found?'],
				['Found?', 'Get all meetings', 0],
				['Get all meetings', 'Upcoming and theirs?'],
			],
			note: 'plus one call per 250 meetings in the portal',
			verify: (_sandbox, result) =>
				itemsOut(result, 'Upcoming and theirs?') >= 1 ? undefined : 'no upcoming meeting found',
		},
		{
			job: 'Lookup Contact, not found',
			input: { phone: '2125550000' },
			steps: [
				searchContact(
					'Find contact',
					'hs_searchable_calculated_phone_number',
					'={{ $json.phone }}',
				),
				condition('Found?', '={{ $json.id !== undefined }}'),
				allMeetings,
			],
			edges: [
				['Start', 'Find contact'],
				['Find contact', 'Found?'],
				['Found?', 'Get all meetings', 0],
			],
			verify: (_sandbox, result) =>
				itemsOut(result, 'Found?', 1) === 1 ? undefined : 'the caller was not reported unknown',
		},
	];
}

function workflowOf(flow: BuiltInFlow): { nodes: INode[]; connections: IConnections } {
	const start: INode = {
		id: 'start',
		name: 'Start',
		type: HARNESS_START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodes = flow.steps.map(
		(step, index): INode => ({
			id: `step-${index}`,
			name: step.name,
			type: step.type === 'if' ? 'n8n-nodes-base.if' : 'n8n-nodes-base.hubspot',
			typeVersion: step.type === 'if' ? 2.2 : 2.2,
			position: [200 * (index + 1), 0],
			parameters: step.parameters,
			...(step.alwaysOutputData ? { alwaysOutputData: true } : {}),
		}),
	);
	const connections: IConnections = {};
	for (const [from, to, output = 0] of flow.edges) {
		const main = (connections[from] ??= { main: [] }).main;
		while (main.length <= output) main.push([]);
		main[output]?.push({ node: to, type: 'main', index: 0 });
	}
	return { nodes: [start, ...nodes], connections };
}

export interface BuiltInRun {
	result: RunResult;
	calls: BuiltInCall[];
}

export async function runBuiltInFlow(
	packageDir: string,
	flow: BuiltInFlow,
	redirect: HubSpotRedirect,
	sandbox: Sandbox,
): Promise<BuiltInRun> {
	redirect.take();
	const result = await runWorkflow({
		packageDir,
		workflow: workflowOf(flow),
		credentials: { hubspotAppToken: { appToken: SERVICE_KEY } },
		input: Array.isArray(flow.input) ? flow.input : [flow.input],
	});
	const problem =
		result.status === 'success' ? flow.verify(sandbox, result) : result.error?.message;
	if (problem !== undefined)
		throw new Error(`bench: built-in flow "${flow.job}" failed: ${problem}`);
	return { result, calls: redirect.take() };
}

/** Built-in contact searches by email, one per item, for the per-item overhead comparison. */
export function builtInContactSearch(emails: string[]): BuiltInFlow {
	return {
		job: 'built-in contact search',
		input: emails.map((email) => ({ email })),
		steps: [searchContact('Find contact', 'email', '={{ $json.email }}')],
		edges: [['Start', 'Find contact']],
		verify: (_sandbox, result) =>
			itemsOut(result, 'Find contact') >= 1 ? undefined : 'no search found the contact',
	};
}
