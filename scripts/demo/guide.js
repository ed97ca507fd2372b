'use strict';

const { DateTime } = require('luxon');

const { CALLER, LINK } = require('./conversation');
const { CALL_STARTS, TOOL_CALLERS, curlFor } = require('./platformRequests');
const { hubspotZone, zoneWhereClockIsBetween } = require('./timeZones');

/** A weekday at least two days ahead, so the example asks for a day with free times. */
function exampleDay(nowMs = Date.now()) {
	let day = DateTime.fromMillis(nowMs, { zone: LINK.zone }).startOf('day').plus({ days: 2 });
	while (day.weekday > 5) day = day.plus({ days: 1 });
	return day.toISODate();
}

function toolCurl(n8nUrl, platform, tool, args, access) {
	const request = TOOL_CALLERS[platform].request(
		{ id: 'call_demo_1', tool, args, callerPhone: CALLER.phone },
		access,
	);
	return curlFor(n8nUrl, request);
}

function callStartCurl(n8nUrl, platform, access) {
	return curlFor(n8nUrl, CALL_STARTS[platform].request({ callerPhone: CALLER.phone }, access));
}

/**
 * What the demo prints once everything runs: login, webhook URLs and one command per template
 * that plays the platform's request.
 */
function demoGuide({ stack, deployed, access, outboundTriggerUrl, voicePlatformUrl }) {
	// In queue mode webhooks go to the webhook processors (behind the spreader), the editor to main.
	const n8nUrl = stack.webhookUrl ?? stack.n8n.url;
	const editorUrl = stack.n8n.url;
	const day = exampleDay();
	const lines = [];
	const section = (title) => lines.push('', `== ${title}`);
	const workflowUrl = (key) => `${editorUrl}/workflow/${deployed[key].id}`;

	section('n8n 2.41.1 with n8n-nodes-hubspot-scheduling installed as a community package');
	lines.push(`Editor:   ${editorUrl}   (log in as ${stack.owner.email} / ${stack.owner.password})`);
	lines.push(
		`Sandbox:  ${stack.sandbox.url}   (a local HubSpot: meeting link "${LINK.slug}", contact ${CALLER.fullName} ${CALLER.phone})`,
	);
	if (stack.webhookUrl) {
		lines.push(
			`Queue mode: main ${editorUrl}; webhook processors behind ${stack.webhookUrl}; workers: ${stack
				.processNames()
				.filter((name) => name.startsWith('worker-'))
				.join(
					', ',
				)}; Postgres 127.0.0.1:${stack.postgres.port}; Redis 127.0.0.1:${stack.redis.port}`,
		);
	}
	lines.push(`Data:     ${stack.userFolder ?? stack.workDir}`);

	section('Vapi receptionist (tool-calls)');
	lines.push(`Workflow: ${workflowUrl('vapiReceptionist')}`);
	lines.push(
		`Server URL: ${deployed.vapiReceptionist.webhooks.Webhook}   (header Authorization: Bearer ${access.secrets.vapiSecret})`,
	);
	lines.push('Ask for free times:');
	lines.push(toolCurl(n8nUrl, 'vapi-parameters', 'get_slots', { date: day }, access));

	section('Vapi caller context (assistant-request)');
	lines.push(`Workflow: ${workflowUrl('vapiCallerContext')}`);
	lines.push(`Server URL: ${deployed.vapiCallerContext.webhooks.Webhook}`);
	lines.push(callStartCurl(n8nUrl, 'vapi', access));

	section('Retell receptionist + inbound call webhook');
	lines.push(`Workflow: ${workflowUrl('retell')}`);
	lines.push(
		`URL for the inbound webhook and every custom function: ${deployed.retell.webhooks.Webhook}`,
	);
	lines.push(
		'Signed with the demo API key now (X-Retell-Signature is valid for 5 minutes). Inbound call:',
	);
	lines.push(callStartCurl(n8nUrl, 'retell', access));
	lines.push('Custom function:');
	lines.push(toolCurl(n8nUrl, 'retell', 'get_slots', { date: day }, access));

	section('ElevenLabs receptionist + conversation initiation');
	lines.push(`Workflow: ${workflowUrl('elevenLabs')}`);
	lines.push(`URL: ${deployed.elevenLabs.webhooks.Webhook}   (server tools add ?tool=<name>)`);
	lines.push('Conversation initiation:');
	lines.push(callStartCurl(n8nUrl, 'elevenlabs', access));
	lines.push('Server tool:');
	lines.push(toolCurl(n8nUrl, 'elevenlabs', 'get_slots', { date: day }, access));

	section('Bland receptionist (custom tools)');
	lines.push(`Workflow: ${workflowUrl('bland')}`);
	lines.push(`URL: ${deployed.bland.webhooks.Webhook}?tool=<name>`);
	lines.push(toolCurl(n8nUrl, 'bland', 'get_slots', { date: day }, access));

	section('New HubSpot lead -> outbound call in calling hours');
	lines.push(`Workflow: ${workflowUrl('outboundCall')}`);
	lines.push(`Trigger URL (set as the sandbox app's webhook target): ${outboundTriggerUrl}`);
	lines.push(
		`Outbound calls go to a stand-in for Vapi's API at ${voicePlatformUrl}/call and are printed here.`,
	);
	// A lead whose own clock is inside the template's 09:00-18:00, so the call starts at once.
	const zone = zoneWhereClockIsBetween(Date.now(), 10 * 60, 17 * 60);
	lines.push(
		`Create a lead in "HubSpot" (HubSpot's UI, as far as the trigger can tell). Its time zone is ${zone}, where it is ${DateTime.now().setZone(zone).toFormat('HH:mm')} now, so the call starts at once; with a zone outside 09:00-18:00 the execution waits (Executions -> Waiting):`,
	);
	lines.push(
		`curl -s -X POST '${stack.sandbox.url}/__sandbox/contacts' -H 'Content-Type: application/json' -d '${JSON.stringify(
			{
				properties: {
					firstname: 'Ada',
					lastname: 'Lovelace',
					email: 'ada@analytical.test',
					phone: '+1 415 555 0177',
					hs_timezone: hubspotZone(zone),
				},
			},
		)}'`,
	);

	section('AI Agent receptionist (imported, not published)');
	lines.push(`Workflow: ${workflowUrl('aiAgent')}`);
	lines.push(
		'Put your OpenAI API key into the credential "OpenAI account (put your API key here)", then use the chat in the editor.',
	);

	lines.push(
		'',
		'Add --check to play a whole call unattended. Press Ctrl-C to stop n8n and the sandbox.',
	);
	return lines.join('\n');
}

module.exports = { demoGuide, exampleDay };
