'use strict';

const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { CREDENTIALS } = require('../../workflows/src/nodes');

/**
 * Turns an importable template (`workflows/*.json`) into a workflow for a given instance, doing what
 * a user does after importing one: pick the credentials, fill in the Settings nodes, and point
 * placeholder URLs somewhere real.
 */

/** @param {string} root repository root @param {string} file e.g. `vapi-receptionist.json` */
function loadTemplate(root, file) {
	return JSON.parse(fs.readFileSync(path.join(root, 'workflows', file), 'utf8'));
}

/**
 * @param {object} template a parsed template
 * @param {{ credentials: Record<string, { id: string, name: string }>,
 *   fields?: Record<string, Record<string, string>>, parameters?: Record<string, Record<string, unknown>>,
 *   name?: string }} choices
 *   `credentials`: keyed like `CREDENTIALS` in workflows/src/nodes.js (serviceKey, webhookSecret, ...);
 *   `fields`: node name → Set-node field → value; `parameters`: node name → parameters to overwrite.
 * @returns {{ name: string, nodes: object[], connections: object, settings: object }} a public-API body
 */
function adaptTemplate(template, { credentials, fields = {}, parameters = {}, name }) {
	const byPlaceholder = new Map(
		Object.entries(CREDENTIALS).map(([key, { type, name: placeholder }]) => [
			`${type}/${placeholder}`,
			key,
		]),
	);
	const nodes = template.nodes.map((node) => {
		const copy = structuredClone(node);
		for (const [type, reference] of Object.entries(copy.credentials ?? {})) {
			const key = byPlaceholder.get(`${type}/${reference.name}`);
			const chosen = key === undefined ? undefined : credentials[key];
			if (chosen === undefined)
				throw new Error(`no credential given for "${reference.name}" (${type}) on ${node.name}`);
			copy.credentials[type] = { id: chosen.id, name: chosen.name };
		}
		for (const [field, value] of Object.entries(fields[node.name] ?? {})) {
			const assignment = copy.parameters.assignments?.assignments.find(
				(entry) => entry.name === field,
			);
			if (!assignment) throw new Error(`${node.name} has no field "${field}"`);
			assignment.value = value;
		}
		Object.assign(copy.parameters, parameters[node.name] ?? {});
		// What n8n's editor does on import: a Webhook without a path gets a fresh random id as its path.
		if (copy.type === 'n8n-nodes-base.webhook' && !copy.parameters.path) {
			copy.webhookId = randomUUID();
			copy.parameters.path = copy.webhookId;
		}
		return copy;
	});
	for (const nodeName of [...Object.keys(fields), ...Object.keys(parameters)]) {
		if (!template.nodes.some((node) => node.name === nodeName))
			throw new Error(`the template has no node "${nodeName}"`);
	}
	return {
		name: name ?? template.name,
		nodes,
		connections: template.connections,
		settings: template.settings,
	};
}

/**
 * Paths of the Webhook nodes of a workflow (an adapted template: templates leave the path for the
 * import to fill in), by node name (production URL = `<n8n>/webhook/<path>`).
 */
function webhookPaths(workflow) {
	return Object.fromEntries(
		workflow.nodes
			.filter((node) => node.type === 'n8n-nodes-base.webhook')
			.map((node) => [node.name, node.parameters.path]),
	);
}

module.exports = { loadTemplate, adaptTemplate, webhookPaths };
