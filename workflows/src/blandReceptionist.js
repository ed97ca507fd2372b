'use strict';

const { sticky, workflow } = require('./nodes');
const {
	CALLER_RULES,
	TOOL_LIST,
	TOOL_SECONDS,
	addToolRouting,
	addWebhookAndSettings,
	readToolCall,
	answerWithResult,
} = require('./receptionist');

const SECRET_HEADER = 'X-Bland-Secret';

const OVERVIEW = `## Bland AI receptionist: HubSpot meeting booking
One URL for the five **custom tools** of a Bland pathway or agent. Bland posts the JSON body you template (\`{{input.x}}\` values arrive as strings) and reads the answer with a JSONPath: this workflow answers \`{"result": "<one line to say>"}\`, so map the response as \`$.result\`. Requests without the secret header \`${SECRET_HEADER}\` get 403 and never reach HubSpot.

**Set up (in this order)**
1. n8n, **Webhook** node → *Credential for Header Auth* → create new: Name \`${SECRET_HEADER}\`, Value = a long random secret. The Webhook's **Path** is a random ID (n8n makes one on import; if it is empty, paste a long random string).
2. Pick your *HubSpot Scheduling* service key on the HubSpot nodes; edit **Settings**. Publish and copy the Webhook's **Production URL**.
3. Bland → **Tools** → *Create tool* (custom tool) for each tool below: URL = that URL + \`?tool=<name>\`, method POST, header \`${SECRET_HEADER}\` = the secret, body as shown, response \`result\` = \`$.result\`, timeout 20 s (each HubSpot step here answers within ${TOOL_SECONDS} s).
4. Attach the tools to your agent or pathway node.`;

const TOOLS_NOTE = `### Custom tools to create in Bland
${TOOL_LIST}

Body of each tool: its inputs plus the caller, e.g. for cancel
\`{"startTime": "{{input.startTime}}", "email": "{{input.email}}", "callerPhone": "{{phone_number}}"}\`.
\`{{phone_number}}\` is always the other party's number (the caller on inbound calls, the person called on outbound ones), filled by Bland, never by the model.

Bland may retry a tool (up to 4 times): booking again answers "already booked", never books twice.

${CALLER_RULES}`;

function blandReceptionist() {
	const wf = workflow('bland-receptionist', 'Bland receptionist (HubSpot Scheduling)');
	const { hook, settings } = addWebhookAndSettings(wf, { credential: 'blandSecret' });
	const read = wf.add(
		readToolCall({
			position: [440, 400],
			tool: "={{ $json.query.tool ?? $json.body.tool ?? '' }}",
			args: '={{ $json.body }}',
			callerPhone: "={{ $json.body.callerPhone ?? '' }}",
		}),
	);
	const answer = wf.add(answerWithResult({ name: 'Answer Bland', position: [440, 160] }));
	const router = addToolRouting(wf, { origin: [680, 40], answerNode: answer });
	wf.connect(hook, settings);
	wf.connect(settings, read);
	wf.connect(read, router);

	wf.add(
		sticky({
			name: 'Sticky: overview',
			position: [-60, -560],
			width: 900,
			height: 540,
			content: OVERVIEW,
			color: 4,
		}),
	);
	wf.add(
		sticky({
			name: 'Sticky: tools',
			position: [-60, 640],
			width: 700,
			height: 420,
			content: TOOLS_NOTE,
		}),
	);
	return wf.build();
}

module.exports = { blandReceptionist, SECRET_HEADER };
