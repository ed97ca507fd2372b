'use strict';

const {
	SCHEDULING_TOOL,
	credentialRef,
	meetingLinkBySlug,
	setFields,
	sticky,
	workflow,
} = require('./nodes');

const SETTINGS = "$('Settings').first().json";

const OVERVIEW = `## AI Agent receptionist with HubSpot Scheduling tools
n8n's **AI Agent** answers chat messages and books meetings on your HubSpot meeting link with five *HubSpot Scheduling Tool* nodes (the same node as in the other templates, attached as tools). The model fills the tool fields that use \`$fromAI()\` (date, start time, name, email).

**Set up**
1. Choose a chat model: the *OpenAI Chat Model* needs your OpenAI credential (or swap in any other chat model node).
2. Pick your *HubSpot Scheduling* service key on the five tools.
3. Edit **Settings**: meeting link slug and time zone.
4. Open the chat (bottom of the canvas) and ask "Can I book a call tomorrow afternoon?".

The trigger is the built-in chat; to use it from a voice platform, replace it with a Webhook that passes the transcript as \`chatInput\` and a call ID as \`sessionId\`.`;

const SYSTEM_MESSAGE = `=You are the friendly receptionist of our company and you book meetings on HubSpot.
Today is {{ $now.setZone($json.timeZone).toFormat('cccc d LLLL yyyy, HH:mm') }} in {{ $json.timeZone }}.
- Before offering times, call "Get free slots". Offer at most three times, spoken naturally.
- To book, you need the guest's full name and email. Pass the start time exactly as "Get free slots" returned it.
- To move or cancel a meeting, ask for the email used to book and the current date and time.
- Tools answer with a sentence: if it says something failed, tell the guest and offer an alternative.
- If a booking answer asks for the guest's consent, read the question to the guest and book again with guestConsented true only if they clearly agree.`;

const TOOLS = [
	{
		name: 'Get free slots',
		operation: 'getSlots',
		description:
			'Lists free meeting start times for a day or several days. Returns a sentence and the start times to use when booking.',
		parameters: {
			meetingLink: meetingLinkBySlug(`={{ ${SETTINGS}.meetingLink }}`),
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
			startDate:
				"={{ $fromAI('date', 'First day to search: YYYY-MM-DD, today or tomorrow', 'string') }}",
			daysAhead:
				"={{ $fromAI('days', 'How many days to search from that date; 1 means only that day', 'number') }}",
			maxSlots: 8,
			output: 'single',
		},
	},
	{
		name: 'Book a meeting',
		operation: 'book',
		description:
			'Books a meeting at a free start time for the guest. Safe to call again: an existing booking is reported, not doubled.',
		parameters: {
			meetingLink: meetingLinkBySlug(`={{ ${SETTINGS}.meetingLink }}`),
			startTime:
				"={{ $fromAI('startTime', 'Start time exactly as returned by Get free slots (ISO 8601)', 'string') }}",
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
			email: "={{ $fromAI('email', 'The guest email address', 'string') }}",
			fullName: "={{ $fromAI('fullName', 'The guest full name', 'string') }}",
			method: 'meetingLink',
			options: {
				guestConsented:
					"={{ $fromAI('guestConsented', 'true only if the guest clearly agreed to the consent question a previous answer asked you to put to them; otherwise false', 'boolean') }}",
			},
		},
	},
	{
		name: 'Reschedule a meeting',
		operation: 'reschedule',
		description: 'Moves the guest meeting from its current start time to a new free start time.',
		parameters: {
			meetingLink: meetingLinkBySlug(`={{ ${SETTINGS}.meetingLink }}`),
			email: "={{ $fromAI('email', 'The email the meeting was booked with', 'string') }}",
			currentStartTime:
				"={{ $fromAI('currentStartTime', 'When the meeting starts now, ISO 8601', 'string') }}",
			newStartTime:
				"={{ $fromAI('newStartTime', 'New start time exactly as returned by Get free slots', 'string') }}",
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
			method: 'meetingLink',
			options: {
				guestConsented:
					"={{ $fromAI('guestConsented', 'true only if the guest clearly agreed to the consent question a previous answer asked you to put to them; otherwise false', 'boolean') }}",
			},
		},
	},
	{
		name: 'Cancel a meeting',
		operation: 'cancel',
		description: 'Cancels the guest meeting that starts at the given time.',
		parameters: {
			startTime: "={{ $fromAI('startTime', 'When the meeting starts, ISO 8601', 'string') }}",
			email: "={{ $fromAI('email', 'The email the meeting was booked with', 'string') }}",
			meetingLink: meetingLinkBySlug(`={{ ${SETTINGS}.meetingLink }}`),
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
			cancelMode: 'archive',
			ifNotFound: 'return',
		},
	},
	{
		name: 'Look up a contact',
		operation: 'lookupContact',
		description: 'Finds the guest in HubSpot by email: name and upcoming meetings.',
		parameters: {
			lookupBy: 'email',
			email: "={{ $fromAI('email', 'The guest email address', 'string') }}",
			maxMeetings: 3,
			timeZone: `={{ ${SETTINGS}.timeZone }}`,
		},
	},
];

function aiAgentReceptionist() {
	const wf = workflow(
		'ai-agent-receptionist',
		'AI Agent receptionist with HubSpot Scheduling tools',
	);
	const trigger = wf.add({
		name: 'When chat message received',
		type: '@n8n/n8n-nodes-langchain.chatTrigger',
		typeVersion: 1.3,
		position: [0, 300],
		webhookId: wf.webhookId('When chat message received'),
		parameters: { options: {} },
	});
	const settings = wf.add(
		setFields({
			name: 'Settings',
			position: [220, 300],
			keepInput: true,
			fields: [
				['meetingLink', 'string', 'your-meeting-link'],
				['timeZone', 'string', 'America/New_York'],
			],
		}),
	);
	const agent = wf.add({
		name: 'AI Agent',
		type: '@n8n/n8n-nodes-langchain.agent',
		typeVersion: 3.1,
		position: [480, 300],
		parameters: { options: { systemMessage: SYSTEM_MESSAGE } },
	});
	const model = wf.add({
		name: 'OpenAI Chat Model',
		type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
		typeVersion: 1.2,
		position: [300, 560],
		parameters: { model: { __rl: true, mode: 'list', value: 'gpt-4.1-mini' }, options: {} },
		credentials: credentialRef('openAi'),
	});
	const memory = wf.add({
		name: 'Simple Memory',
		type: '@n8n/n8n-nodes-langchain.memoryBufferWindow',
		typeVersion: 1.3,
		position: [460, 560],
		parameters: {},
	});
	wf.connect(trigger, settings);
	wf.connect(settings, agent);
	wf.connect(model, agent, { type: 'ai_languageModel' });
	wf.connect(memory, agent, { type: 'ai_memory' });
	TOOLS.forEach(({ name, operation, description, parameters }, index) => {
		const tool = wf.add({
			name,
			type: SCHEDULING_TOOL,
			typeVersion: 1,
			position: [620 + index * 160, 560],
			parameters: {
				descriptionType: 'manual',
				toolDescription: description,
				authentication: 'serviceKey',
				operation,
				...parameters,
			},
			credentials: credentialRef('serviceKey'),
		});
		wf.connect(tool, agent, { type: 'ai_tool' });
	});
	wf.add(
		sticky({
			name: 'Sticky: overview',
			position: [-60, -180],
			width: 700,
			height: 440,
			content: OVERVIEW,
			color: 4,
		}),
	);
	return wf.build();
}

module.exports = { aiAgentReceptionist };
