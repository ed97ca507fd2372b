'use strict';

const { aiAgentReceptionist } = require('./aiAgentReceptionist');
const { blandReceptionist } = require('./blandReceptionist');
const { elevenLabsReceptionist } = require('./elevenLabsReceptionist');
const { outboundCall } = require('./outboundCall');
const { retellReceptionist } = require('./retellReceptionist');
const { vapiCallerContext } = require('./vapiCallerContext');
const { vapiReceptionist } = require('./vapiReceptionist');

/** Every template: its file under workflows/ and the function that builds it. */
const templates = [
	{ file: 'vapi-receptionist.json', build: vapiReceptionist },
	{ file: 'vapi-caller-context.json', build: vapiCallerContext },
	{ file: 'retell-receptionist.json', build: retellReceptionist },
	{ file: 'elevenlabs-receptionist.json', build: elevenLabsReceptionist },
	{ file: 'bland-receptionist.json', build: blandReceptionist },
	{ file: 'new-lead-outbound-call.json', build: outboundCall },
	{ file: 'ai-agent-receptionist.json', build: aiAgentReceptionist },
];

module.exports = { templates };
