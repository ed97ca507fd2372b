'use strict';

/**
 * What a builder does in n8n's editor, as Playwright steps on n8n's own `data-test-id` attributes
 * (the ids n8n's own browser tests use, so they survive restyling). One `Editor` per page.
 */

const STEP_TIMEOUT_MS = 30_000;
/** The editor's first load (a few MB of scripts) on a busy machine. */
const LOAD_TIMEOUT_MS = 120_000;

/** `[data-test-id="..."]`: n8n's stable test ids. */
const id = (testId) => `[data-test-id="${testId}"]`;

class Editor {
	/**
	 * @param {import('playwright-core').Page} page
	 * @param {{ n8n: { url: string }, owner: { email: string, password: string }, apiKey: string }} stack
	 */
	constructor(page, stack) {
		this.page = page;
		this.stack = stack;
		this.n8n = { url: stack.n8n.url, owner: stack.owner };
		page.setDefaultTimeout(STEP_TIMEOUT_MS);
		page.setDefaultNavigationTimeout(LOAD_TIMEOUT_MS);
	}

	byId(testId) {
		return this.page.locator(id(testId));
	}

	/** The sign-in form, as the owner types it. */
	async signIn() {
		await this.page.goto(`${this.n8n.url}/signin`);
		const email = this.page
			.locator('input[type="email"], input[name="emailOrLdapLoginId"]')
			.first();
		await email.waitFor({ timeout: LOAD_TIMEOUT_MS });
		await email.fill(this.n8n.owner.email);
		await this.page.locator('input[type="password"]').first().fill(this.n8n.owner.password);
		await this.byId('form-submit-button').click();
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	}

	async openWorkflow(workflowId) {
		await this.page.goto(`${this.n8n.url}/workflow/${workflowId}`);
		await this.byId('canvas-node').first().waitFor();
		await this.dismissPopovers();
	}

	async newWorkflow() {
		await this.page.goto(`${this.n8n.url}/workflow/new`);
		await this.byId('canvas-add-button').waitFor();
		await this.dismissPopovers();
	}

	/** n8n 2.41 opens a "Production Checklist" popover on published workflows; it covers the canvas. */
	async dismissPopovers() {
		const close = this.byId('suggested-actions-close');
		if (await close.isVisible().catch(() => false)) await close.click();
	}

	/** The node panel's search, then an item of its result list (a node, or an action of a node). */
	async searchNodePanel(text) {
		const search = this.byId('node-creator-search-bar');
		await search.waitFor();
		await search.fill(text);
	}

	nodePanelItem(name) {
		return this.byId('node-creator-item-name').getByText(name, { exact: true });
	}

	/**
	 * A new workflow's first steps as a builder adds them: "Trigger manually", then the "+" of the node
	 * panel, the node, and one of its actions (the panel lists them under the node).
	 */
	async addManualTrigger() {
		await this.byId('canvas-add-button').click();
		await this.nodePanelItem('Trigger manually').first().click();
		await this.canvasNode('When clicking ‘Execute workflow’').waitFor();
	}

	/** Opens the node's page of the node panel (its actions and triggers). */
	async openNodeInPanel(nodeName) {
		await this.byId('node-creator-plus-button').click();
		await this.searchNodePanel(nodeName);
		await this.nodePanelItem(nodeName).first().click();
	}

	async addAction(nodeName, actionName) {
		await this.openNodeInPanel(nodeName);
		await this.nodePanelItem(actionName).first().click();
		await this.ndv().waitFor();
	}

	ndv() {
		return this.byId('ndv');
	}

	parameter(name) {
		return this.ndv().locator(id(`parameter-input-${name}`));
	}

	/**
	 * A hint n8n shows under a parameter (its `hint` property), by its text. n8n 2.41 renders a
	 * parameter's own hint as HTML in a plain div; `parameter-input-hint` marks only the plain-text
	 * variant (an expression's result), so the hint is found by its text in the panel.
	 */
	parameterHint(text) {
		return this.ndv().getByText(text).first();
	}

	async closeNdv() {
		await this.byId('ndv-close-button').click();
		await this.ndv().waitFor({ state: 'hidden' });
	}

	/** Picks a saved credential by name in the node's credential select. */
	async pickCredential(name, index = 0) {
		const select = this.ndv().locator(id('node-credentials-select')).nth(index);
		await select.click();
		// n8n 2.41's CredentialsDropdown renders its list in place (not teleported) and marks each
		// option `node-credentials-select-item-<id>`. Finding the option by that mark, not as "the last
		// visible popper", keeps a tooltip that happens to be open (also an el-popper) from being taken
		// for the list.
		await this.page
			.locator(`[data-test-id^="node-credentials-select-item-"]:visible`)
			.filter({ has: this.page.getByText(name, { exact: true }) })
			.click();
		await this.page.waitForFunction(
			({ selector, expected }) => {
				// Runs in the page (Playwright sends the function's source), where `document` is the editor's.
				const { document } = /** @type {any} */ (globalThis);
				return [...document.querySelectorAll(`${selector} input`)].some(
					(input) => input.value === expected,
				);
			},
			{ selector: id('node-credentials-select'), expected: name },
		);
	}

	/** Sets an options parameter to the option shown as `label`. */
	async chooseOption(name, label) {
		await this.parameter(name).click();
		await this.page
			.locator('.el-select-dropdown__item:visible, [role="option"]:visible')
			.filter({ has: this.page.getByText(label, { exact: true }) })
			.first()
			.click();
	}

	async fill(name, value) {
		const input = this.parameter(name).locator('input, textarea').first();
		await input.click();
		await input.fill(String(value));
		await input.blur();
	}

	/**
	 * The meeting-link picker (a resource locator in "From List" mode): opens the list, returns the
	 * names it shows; with `search`, types it into the list's search box first.
	 */
	async openMeetingLinkList(/** @type {{ search?: string }} */ { search } = {}) {
		const searchBox = this.page.locator(`${id('rlc-search')}:visible`);
		if (!(await searchBox.isVisible())) await this.ndv().locator(id('rlc-input')).click();
		await searchBox.waitFor();
		if (search !== undefined) await searchBox.fill(search);
		const items = this.page.locator(`${id('rlc-item')}:visible`);
		await items.first().waitFor();
		return items;
	}

	/** Waits until the open list shows exactly `names` (the search is answered by HubSpot, so it lags). */
	async waitForListItems(items, names) {
		const wanted = JSON.stringify([...names].sort());
		const deadline = Date.now() + STEP_TIMEOUT_MS;
		let shown = [];
		while (Date.now() < deadline) {
			shown = (await items.allInnerTexts()).map((text) => text.trim()).sort();
			if (JSON.stringify(shown) === wanted) return;
			await this.page.waitForTimeout(200);
		}
		throw new Error(`the list shows ${JSON.stringify(shown)}, expected ${wanted}`);
	}

	async executeStep() {
		await this.ndv().locator(id('node-execute-button')).click();
	}

	outputPanel() {
		return this.ndv().locator(id('output-panel'));
	}

	/**
	 * Switches the output panel to its JSON view and returns its text, one space for each run of
	 * whitespace (the view puts keys and values on lines of their own), once it contains `expected`.
	 */
	async outputJsonText(expected) {
		const panel = this.outputPanel();
		const json = panel.getByRole('radio', { name: 'JSON' });
		await json.waitFor();
		await json.click();
		const data = panel.locator(id('ndv-data-container'));
		const deadline = Date.now() + STEP_TIMEOUT_MS;
		let text = '';
		while (Date.now() < deadline) {
			text = (await data.innerText().catch(() => '')).replace(/\s+/g, ' ');
			if (text.includes(expected)) return text;
			await this.page.waitForTimeout(250);
		}
		throw new Error(`the output panel does not show ${expected}; it shows: ${text.slice(0, 1500)}`);
	}

	/** Opens a node's panel from the canvas (double click, as a builder does). */
	async openNode(name) {
		await this.canvasNode(name).dblclick();
		await this.ndv().waitFor();
	}

	canvasNode(name) {
		return this.page.locator(`${id('canvas-node')}[data-node-name="${name}"]`);
	}

	async canvasNodeNames() {
		return await this.byId('canvas-node').evaluateAll((nodes) =>
			nodes.map((node) => node.getAttribute('data-node-name')),
		);
	}

	/** The texts the canvas's sticky notes show. */
	async stickyTexts() {
		const notes = this.page.locator(`${id('sticky')}:visible`);
		return (await notes.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
	}

	/**
	 * Node issues as the canvas shows them (the warning icon's tooltip), by node name.
	 * @returns {Promise<Record<string, string[]>>}
	 */
	async nodeIssues() {
		/** @type {Record<string, string[]>} */
		const issues = {};
		const flagged = this.page.locator(
			`${id('canvas-node')}:has(${id('node-issues')}), ${id('canvas-node')}:has(${id('canvas-node-status-warning')})`,
		);
		const visibleTooltips = this.page.locator('[role="tooltip"]:visible');
		for (const node of await flagged.all()) {
			const name = await node.getAttribute('data-node-name');
			// The previous node's tooltip fades out after the mouse leaves; until it is gone it would
			// be taken for this node's.
			await visibleTooltips.first().waitFor({ state: 'hidden' });
			await node
				.locator(`${id('node-issues')}, ${id('canvas-node-status-warning')}`)
				.first()
				.hover();
			const tooltip = visibleTooltips.last();
			await tooltip.waitFor();
			issues[name ?? '(a node without a name)'] = (await tooltip.innerText())
				.split('\n')
				.map((line) => line.replace(/^[•-]\s*/, '').trim())
				.filter((line) => line !== '' && !/^parameters:?$|^issues:?$/i.test(line));
			await this.page.mouse.move(0, 0);
		}
		return issues;
	}

	/**
	 * Import from file, as a builder imports a template: the file goes into the workflow menu's own
	 * file input (the one its Import → From File entry opens), so no native file dialog is involved.
	 */
	async importFromFile(file) {
		await this.byId('workflow-import-input').setInputFiles(file);
		await this.byId('canvas-node').first().waitFor();
	}

	/** Saves the open workflow (Ctrl+S) and returns its id from the address bar. */
	async saveWorkflow() {
		const saved = this.page.waitForResponse(
			(response) =>
				/\/rest\/workflows(\/|$)/.test(new URL(response.url()).pathname) &&
				['PATCH', 'POST'].includes(response.request().method()),
		);
		await this.byId('canvas-wrapper')
			.click({ position: { x: 5, y: 5 } })
			.catch(() => undefined);
		await this.page.keyboard.press('Control+s');
		const response = await saved;
		if (!response.ok()) throw new Error(`saving the workflow answered ${response.status()}`);
		await this.page.waitForURL((url) => /\/workflow\/(?!new)[^/?]+/.test(url.pathname));
		return new URL(this.page.url()).pathname.split('/')[2];
	}

	/** "Execute workflow": a workflow starting with a webhook listens for one test request. */
	async listenForTestEvent() {
		await this.byId('execute-workflow-button').click();
	}

	/** Waits until the named nodes show n8n's green success mark and none shows an error. */
	async waitForSuccessfulRun(names) {
		for (const name of names) {
			await this.canvasNode(name).locator(id('canvas-node-status-success')).waitFor();
		}
		const failed = await this.page
			.locator(
				`${id('canvas-node')}.error, ${id('canvas-node')}:has(${id('canvas-node-status-error')})`,
			)
			.count();
		if (failed > 0) throw new Error(`${failed} node(s) show an error after the run`);
	}

	/**
	 * First step of a new workflow: a trigger node from the node panel. With `events`, the node's page
	 * must list exactly these trigger events (the items starting with "On "; the node's actions may be
	 * listed too), and the first is chosen.
	 * @param {string} nodeName
	 * @param {{ events?: string[] }} [options]
	 */
	async addFirstTrigger(nodeName, { events } = {}) {
		await this.byId('canvas-add-button').click();
		await this.searchNodePanel(nodeName);
		await this.nodePanelItem(nodeName).first().click();
		if (events !== undefined) {
			await this.waitForListItems(
				this.byId('node-creator-item-name').filter({ hasText: /^On / }),
				events,
			);
			await this.nodePanelItem(events[0]).first().click();
			await this.ndv().waitFor();
			return;
		}
		// A node without actions gets a page with an "Add to workflow" button instead.
		const add = this.page.getByRole('button', { name: 'Add to workflow' });
		await this.ndv().or(add).first().waitFor();
		if (await add.isVisible()) await add.click();
		await this.ndv().waitFor();
	}

	/** The test URL the trigger's "Webhook URLs" section shows. */
	async testWebhookUrl() {
		const section = this.ndv().getByText('Webhook URLs', { exact: true });
		const testTab = this.ndv().getByText('Test URL', { exact: true });
		if (!(await testTab.isVisible())) await section.click();
		await testTab.click();
		const url = this.ndv()
			.getByText(/\/webhook-test\//)
			.first();
		await url.waitFor();
		return (await url.innerText()).trim();
	}

	/** The trigger panel's "Execute step" button: listens for a test event (or fetches one). */
	async listenInNdv() {
		await this.ndv().locator(id('node-execute-button')).first().click();
	}

	async createWorkflow(workflow) {
		return await publicApiCall(this.stack)('POST', '/workflows', { settings: {}, ...workflow });
	}

	async updateWorkflow(workflowId, changes) {
		const call = publicApiCall(this.stack);
		const current = await call('GET', `/workflows/${workflowId}`);
		return await call('PUT', `/workflows/${workflowId}`, {
			name: current.name,
			nodes: current.nodes,
			connections: current.connections,
			settings: current.settings ?? {},
			...changes,
		});
	}

	/** Credentials → Create credential → the type, as a builder adds one. */
	async openNewCredentialDialog(typeName) {
		await this.page.goto(`${this.n8n.url}/home/credentials/create`);
		const search = this.page.locator(`${id('new-credential-type-select')} input`);
		await search.waitFor();
		await search.fill(typeName);
		await this.page
			.locator(id('new-credential-type-select-option'))
			.filter({ hasText: typeName })
			.first()
			.click();
		await this.byId('new-credential-type-button').click();
		await this.byId('credential-edit-dialog').waitFor();
	}

	async fillCredential(values) {
		const dialog = this.byId('credential-edit-dialog');
		for (const [name, value] of Object.entries(values)) {
			const input = dialog
				.locator(
					`${id(`parameter-input-${name}`)} input, ${id(`parameter-input-${name}`)} textarea`,
				)
				.first();
			await input.fill(value);
		}
	}

	/**
	 * Save runs n8n's connection test: returns n8n's success line, or (after "More details") the
	 * message the credential's test gave.
	 */
	async saveCredential() {
		const dialog = this.byId('credential-edit-dialog');
		// The dialog's header (Save, delete) sits outside the element carrying its test id.
		await this.byId('credential-save-button').click();
		const success = dialog.locator(id('credentials-config-container-test-success'));
		const failure = dialog.getByText('Couldn’t connect with these settings');
		await success.or(failure).first().waitFor();
		if (await success.isVisible())
			return { ok: true, text: (await success.innerText()).split('\n')[0].trim() };
		await dialog.getByText('More details').click();
		return { ok: false, text: (await dialog.innerText()).replace(/\s+/g, ' ') };
	}

	/** The banner's "Retry" button: n8n's Test button once a credential is saved. */
	async retestCredential() {
		const dialog = this.byId('credential-edit-dialog');
		const response = this.page.waitForResponse((answer) =>
			answer.url().includes('/rest/credentials/test'),
		);
		await dialog.getByRole('button', { name: 'Retry' }).click();
		await response;
		const success = dialog.locator(id('credentials-config-container-test-success'));
		await success.waitFor();
		return (await success.innerText()).split('\n')[0].trim();
	}

	/** Deletes the credential the dialog shows (trash button, then "Yes"), which closes the dialog. */
	async deleteCredentialInDialog() {
		const dialog = this.byId('credential-edit-dialog');
		await this.byId('credential-delete-button').click();
		await this.page.getByRole('button', { name: 'Yes' }).click();
		await dialog.waitFor({ state: 'hidden' });
	}

	async closeCredentialDialog() {
		await this.page.keyboard.press('Escape');
		await this.byId('credential-edit-dialog').waitFor({ state: 'hidden' });
	}

	/** The "+" on an AI Agent's Tool connector, then the node's action in the tools panel. */
	async addToolToAgent(agentName, nodeName, actionName) {
		const handle = this.page.locator(
			`${id('canvas-node-input-handle')}[data-node-name="${agentName}"][data-connection-type="ai_tool"] ${id('canvas-handle-plus')}`,
		);
		await handle.click();
		await this.searchNodePanel(nodeName);
		// The tools panel lists the node's tool variant ("… Tool").
		await this.nodePanelItem(`${nodeName} Tool`).first().click();
		const action = this.nodePanelItem(actionName).first();
		await this.ndv().or(action).first().waitFor();
		if (await action.isVisible()) await action.click();
		await this.ndv().waitFor();
	}

	/** The ✨ button next to a parameter: "Let the model define this parameter". */
	async letModelDefine(name) {
		await this.ndv()
			.locator(id(`parameter-input-${name}`))
			.hover();
		const button = this.ndv()
			.locator(`${id('from-ai-override-button')}:visible`)
			.filter({ has: this.page.locator('*') });
		// The ✨ button sits beside the input; the one nearest below the label is this field's.
		const box = await this.ndv()
			.locator(id(`parameter-input-${name}`))
			.boundingBox();
		const buttons = await button.all();
		let nearest;
		let distance = Infinity;
		for (const candidate of buttons) {
			const place = await candidate.boundingBox();
			const gap = place && box ? Math.abs(place.y - box.y) : Infinity;
			if (gap < distance) [nearest, distance] = [candidate, gap];
		}
		if (!nearest) throw new Error(`no "Let the model define this parameter" button beside ${name}`);
		await nearest.click();
		await this.ndv().getByText('Defined automatically by the model').first().waitFor();
	}

	/** A parameter's value as its input shows it, whitespace collapsed. */
	async parameterText(name) {
		const input = this.ndv().locator(id(`parameter-input-${name}`));
		const field = input.locator('textarea, input');
		const text =
			(await field.count()) > 0 ? await field.first().inputValue() : await input.innerText();
		return text.replace(/\s+/g, ' ').trim();
	}

	/** The error box n8n shows in the output panel after a failed run. */
	async outputError() {
		const error = this.outputPanel().locator('[data-test-id="node-error-message"]');
		await error.first().waitFor();
		return (await error.first().innerText()).trim();
	}
}

/** The public API (X-N8N-API-KEY) for set-up steps where clicking is not the point. */
function publicApiCall(stack) {
	return async (method, route, body) => {
		const response = await fetch(`${stack.n8n.url}/api/v1${route}`, {
			method,
			headers: { 'X-N8N-API-KEY': stack.apiKey, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
		return text === '' ? undefined : JSON.parse(text);
	};
}

module.exports = { Editor, id, publicApiCall, STEP_TIMEOUT_MS };
