'use strict';

const { respond, sticky, switchOn, workflow } = require('./nodes');
const {
	CALLER_RULES,
	CALLER_VARIABLES,
	TOOL_LIST,
	TOOL_SECONDS,
	addToolRouting,
	callerLookup,
	addWebhookAndSettings,
	readToolCall,
	answerWithResult,
} = require('./receptionist');

const SECRET_HEADER = 'X-Agent-Secret';

const OVERVIEW = `## ElevenLabs Agents receptionist + conversation initiation
One URL for everything the agent sends:
- the **conversation initiation webhook** (Twilio calls: \`caller_id\`, \`agent_id\`, \`called_number\`, \`call_sid\`): answered with \`{"type":"conversation_initiation_client_data","dynamic_variables":{…}}\` from HubSpot: \`caller_known\`, \`caller_name\`, \`caller_first_name\`, \`caller_email\`, \`caller_context\`, \`next_meeting\`. Define these dynamic variables on the agent: ElevenLabs requires every defined variable in the answer;
- **server tools** (webhook tools) at \`…?tool=<name>\`: answered with \`{"result": "<one line to say>"}\`.

Every request must carry the secret header \`${SECRET_HEADER}\`; anything else gets 403 and never reaches HubSpot.

**Set up (in this order)**
1. n8n, **Webhook** node → *Credential for Header Auth* → create new: Name \`${SECRET_HEADER}\`, Value = a long random secret. The Webhook's **Path** is a random ID (n8n makes one on import; if it is empty, paste a long random string).
2. ElevenLabs → **Agents** → your agent → **Security** (or *Workspace → Secrets*): add a secret holding the same value.
3. Pick your *HubSpot Scheduling* service key on the HubSpot nodes; edit **Settings**. Publish and copy the Webhook's **Production URL**.
4. Agent → **Security**: turn on fetching the conversation initiation client data from a webhook, URL = that URL, header \`${SECRET_HEADER}\` = the secret from step 2.
5. Agent → **Tools** → *Add tool* → **Webhook** for each tool below: method **POST**, URL = that URL + \`?tool=<name>\`, header \`${SECRET_HEADER}\` = the secret, *Response timeout* 20 s (the default; each HubSpot step here answers within ${TOOL_SECONDS} s), body parameters below.`;

const TOOLS_NOTE = `### Server tools to create (POST, JSON body)
${TOOL_LIST}

On every tool add a body parameter \`callerPhone\` whose value type is **Dynamic variable** \`system__caller_id\` (for an agent that places outbound calls: \`system__called_number\`, the person called). The model never fills it, so a caller cannot choose whose data is read. A tool URL without \`?tool=\` gets a spoken error, never a conversation start.

${CALLER_RULES}`;

function elevenLabsReceptionist() {
	const wf = workflow(
		'elevenlabs-receptionist',
		'ElevenLabs receptionist and conversation initiation (HubSpot Scheduling)',
	);
	const { hook, settings } = addWebhookAndSettings(wf, { credential: 'elevenLabsSecret' });
	const kind = wf.add(
		switchOn({
			name: 'What did ElevenLabs send?',
			position: [440, 400],
			rules: [
				['Tool call', '={{ $json.query.tool }}', 'notEmpty'],
				['Conversation initiation', "={{ $json.body.agent_id ?? '' }}", 'notEmpty'],
			],
			fallback: 'Tool without ?tool=',
		}),
	);
	const read = wf.add(
		readToolCall({
			position: [680, 420],
			tool: '={{ $json.query.tool }}',
			args: '={{ $json.body }}',
			callerPhone: "={{ $json.body.callerPhone ?? '' }}",
		}),
	);
	const answer = wf.add(answerWithResult({ name: 'Answer the tool', position: [680, 200] }));
	const router = addToolRouting(wf, { origin: [900, 40], answerNode: answer });
	const lookup = wf.add(
		callerLookup({ position: [680, -80], phone: "={{ $json.body.caller_id ?? '' }}" }),
	);
	const v = CALLER_VARIABLES;
	const answerInitiation = wf.add(
		respond({
			name: 'Answer the initiation',
			position: [920, -80],
			body: `={{ { type: 'conversation_initiation_client_data', dynamic_variables: { caller_known: ${v.known}, caller_name: ${v.fullName}, caller_first_name: ${v.firstName}, caller_email: ${v.email}, caller_context: ${v.context}, next_meeting: ${v.nextMeeting} }, conversation_config_override: {} } }}`,
		}),
	);
	const noTool = wf.add(
		respond({
			name: 'Answer: tool URL without ?tool=',
			position: [680, 1300],
			body: "={{ { result: 'Sorry, this tool is not set up completely: its URL needs ?tool= and the tool name. Please tell the caller someone will call them back.' } }}",
		}),
	);
	wf.connect(hook, settings);
	wf.connect(settings, kind);
	wf.connect(kind, read, { output: 0 });
	wf.connect(kind, lookup, { output: 1 });
	wf.connect(kind, noTool, { output: 2 });
	wf.connect(lookup, answerInitiation);
	wf.connect(read, router);

	wf.add(
		sticky({
			name: 'Sticky: overview',
			position: [-60, -700],
			width: 1000,
			height: 680,
			content: OVERVIEW,
			color: 4,
		}),
	);
	wf.add(
		sticky({
			name: 'Sticky: tools',
			position: [-60, 640],
			width: 700,
			height: 460,
			content: TOOLS_NOTE,
		}),
	);
	return wf.build();
}

module.exports = { elevenLabsReceptionist, SECRET_HEADER };
