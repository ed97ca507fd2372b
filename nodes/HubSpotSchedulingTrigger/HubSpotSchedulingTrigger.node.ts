import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { WEBHOOK_PATH, webhookTriggerProperties } from './description';
import { checkWebhookExists, createWebhook, deleteWebhook } from './lifecycle';
import { receiveDelivery } from './receiveDelivery';
import { checkSecretShape } from './signingSecret';

export class HubSpotSchedulingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot Scheduling Trigger',
		name: 'hubSpotSchedulingTrigger',
		icon: { light: 'file:../../icons/hubspot.svg', dark: 'file:../../icons/hubspot.dark.svg' },
		group: ['trigger'],
		// 1.1: with a service key, the signing secret always comes from the webhook secret credential.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle:
			'={{$parameter["subscriptionMode"] === "automatic" ? "Contact created (automatic)" : "Contact created"}}',
		// n8n's node panel merges this trigger into the HubSpot Scheduling entry and shows this text there,
		// above the node's actions as well as its trigger, so it names both.
		description:
			'Find free times on HubSpot meeting links, book, cancel or move meetings, recognise callers, and start a workflow when a contact is created',
		defaults: { name: 'HubSpot Scheduling Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'hubSpotSchedulingOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
			{
				name: 'hubSpotSchedulingServiceKeyApi',
				required: true,
				displayOptions: { show: { authentication: ['serviceKey'] } },
			},
			{
				name: 'hubSpotSchedulingWebhookSecretApi',
				required: true,
				testedBy: 'checkWebhookSecretShape',
				displayOptions: {
					show: { verifySignature: [true], secretFrom: ['webhookSecretCredential'] },
				},
			},
			{
				name: 'hubSpotSchedulingDeveloperApi',
				required: true,
				displayOptions: { show: { subscriptionMode: ['automatic'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// HubSpot needs an answer within 5 seconds: answer as soon as the items are handed over.
				responseMode: 'onReceived',
				path: WEBHOOK_PATH,
			},
		],
		properties: webhookTriggerProperties,
	};

	methods = {
		credentialTest: {
			async checkWebhookSecretShape(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const verdict = checkSecretShape(credential.data?.clientSecret);
				return { status: verdict.ok ? 'OK' : 'Error', message: verdict.message };
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkWebhookExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createWebhook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
