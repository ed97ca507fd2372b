import { NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions } from 'n8n-workflow';

import { APP_ID } from '../shared/domain/hubspotIds';
import { HubSpotClient } from '../shared/transport/client';
import type { ClientOptions } from '../shared/transport/client';
import { CREDENTIAL_TYPES } from '../shared/transport/credentialTypes';
import { readContactOutputSettings } from '../shared/trigger/contactOutput';
import { isRegistered, readRegistration, register, unregister } from './registration';
import type { RegistrationTarget } from './registration';
import { loadSigningSecret } from './signingSecret';
import { readTriggerParameters } from './triggerParameters';
import type { WebhookTriggerParameters } from './triggerParameters';
import { hubspotWebhooksApi } from '../shared/hubspot/webhooks';
import type { WebhooksApi } from '../shared/hubspot/webhooks';

/**
 * n8n calls checkExists, then create if needed, on activation (and for "Listen for test event"),
 * and delete on deactivation. In App Configuration mode HubSpot has no API to call: the methods
 * check the node's settings, and say in the log that there is nothing to register or remove.
 */

const DEVELOPER_CREDENTIAL = CREDENTIAL_TYPES.developer;

export async function checkWebhookExists(
	this: IHookFunctions,
	clientOptions: ClientOptions = {},
): Promise<boolean> {
	const parameters = await checkSettings(this);
	if (parameters.subscriptionMode === 'appConfiguration') {
		// HubSpot cannot be asked whether a project or private app lists this URL; create() says what to do.
		return false;
	}
	return await isRegistered(
		this.getNode(),
		await webhooksApi(this, clientOptions),
		registrationTarget(this, parameters),
	);
}

export async function createWebhook(
	this: IHookFunctions,
	clientOptions: ClientOptions = {},
): Promise<boolean> {
	const parameters = readTriggerParameters(this);
	const url = this.getNodeWebhookUrl('default');
	if (parameters.subscriptionMode === 'appConfiguration') {
		this.logger.info(
			`HubSpot Scheduling Trigger: nothing to register with HubSpot. In App Configuration mode HubSpot sends contact creations to ${parameters.publicWebhookUrl ?? url} once the app's webhook settings (project app: webhooks-hsmeta.json; legacy private app: its Webhooks tab) contain that URL and a contact creation subscription.`,
			{ workflowId: this.getWorkflow().id, node: this.getNode().name },
		);
		return true;
	}
	const staticData = this.getWorkflowStaticData('node');
	const registration = await register(
		this.getNode(),
		await webhooksApi(this, clientOptions),
		registrationTarget(this, parameters),
		readRegistration(staticData.registration),
	);
	staticData.registration = { ...registration };
	this.logger.info(
		`HubSpot Scheduling Trigger: app ${registration.appId} delivers contact creations to ${registration.targetUrl} (subscription ${registration.subscriptionId}, ${registration.ownership})`,
		{ workflowId: this.getWorkflow().id, node: this.getNode().name },
	);
	return true;
}

export async function deleteWebhook(
	this: IHookFunctions,
	clientOptions: ClientOptions = {},
): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const registration = readRegistration(staticData.registration);
	if (registration === undefined) {
		// Nothing was registered by this node (App Configuration mode, or an existing subscription was used).
		this.logger.info(
			"HubSpot Scheduling Trigger: nothing to remove from HubSpot. In App Configuration mode, remove the target URL from the app's webhook settings yourself if it is no longer needed.",
			{ workflowId: this.getWorkflow().id, node: this.getNode().name },
		);
		return true;
	}
	const report = await unregister(
		await webhooksApi(this, clientOptions, registration.appId),
		registration,
	);
	delete staticData.registration;
	this.logger.info(
		`HubSpot Scheduling Trigger: subscription ${registration.subscriptionId} ${report.subscription}; target URL of app ${registration.appId} ${report.settings}`,
		{ workflowId: this.getWorkflow().id, node: this.getNode().name },
	);
	return true;
}

/** Activation fails early on settings that would make every delivery fail later. */
async function checkSettings(ctx: IHookFunctions): Promise<WebhookTriggerParameters> {
	const parameters = readTriggerParameters(ctx);
	readContactOutputSettings(ctx);
	if (parameters.verifySignature) {
		await loadSigningSecret(ctx, parameters.secretFrom, parameters.authentication);
	}
	return parameters;
}

/** In production the URL HubSpot must call is the public one; a test run listens on n8n's test URL. */
function registrationTarget(
	ctx: IHookFunctions,
	parameters: WebhookTriggerParameters,
): RegistrationTarget {
	const nodeUrl = ctx.getNodeWebhookUrl('default');
	const testRun = ctx.getMode() === 'manual';
	const url = testRun ? nodeUrl : (parameters.publicWebhookUrl ?? nodeUrl);
	if (url === undefined || url === '') {
		throw new NodeOperationError(
			ctx.getNode(),
			'n8n did not provide a webhook URL for this trigger',
		);
	}
	return { url, testRun };
}

async function webhooksApi(
	ctx: IHookFunctions,
	clientOptions: ClientOptions,
	storedAppId?: string,
): Promise<WebhooksApi> {
	const credentials = await ctx.getCredentials(DEVELOPER_CREDENTIAL);
	const appId = storedAppId ?? String(credentials.appId ?? '').trim();
	if (!APP_ID.test(appId)) {
		throw new NodeOperationError(ctx.getNode(), `"${appId}" is not a HubSpot app ID`, {
			description:
				'Put the number shown under "App ID" on the legacy public app\'s Auth page into the HubSpot Scheduling Developer API credential.',
		});
	}
	const client = await HubSpotClient.connect(ctx, DEVELOPER_CREDENTIAL, clientOptions);
	return hubspotWebhooksApi(client, appId);
}
