import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { verifyHubSpotSignature } from '../shared/domain/signature';
import { HubSpotClient, systemClock } from '../shared/transport/client';
import { clockWithDeadline, DeadlineExceededError } from '../shared/transport/deadlineClock';
import { HubSpotApiError } from '../shared/transport/errors';
import type { ClientOptions } from '../shared/transport/client';
import { credentialTypeFor } from '../shared/transport/credentialTypes';
import {
	callWindowFor,
	describeContact,
	readContactOutputSettings,
} from '../shared/trigger/contactOutput';
import type { ContactOutputSettings } from '../shared/trigger/contactOutput';
import type { PropertyValues } from '../shared/trigger/contactSummary';
import { parseDelivery } from './deliveryEvents';
import type { ContactCreatedEvent, DroppedEvent } from './deliveryEvents';
import { readContacts } from './enrichContacts';
import { candidateUris } from './publicUrls';
import { admitNewEvents } from './seenEvents';
import { loadSigningSecret } from './signingSecret';
import type { CredentialReader } from './signingSecret';
import { readTriggerParameters } from './triggerParameters';
import type { WebhookTriggerParameters } from './triggerParameters';

/** HubSpot waits 5 s; verification and one batch read must fit with room to answer. */
const ENRICHMENT_BUDGET_MS = 3_500;
const SIGNATURE_MAX_AGE_MS = 5 * 60_000;
/**
 * HubSpot sends at most 100 events per request, a few dozen kilobytes. Anything near a megabyte
 * is not HubSpot, and is refused before the signature is computed or the JSON parsed over it.
 */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']>;

/**
 * One HubSpot delivery: prove it is HubSpot's, keep only contact creations not seen before, read
 * those contacts in one call, and emit one item per contact. Events are remembered as seen only
 * after the read succeeded, so a delivery that fails here is processed again when HubSpot retries it.
 */
export async function receiveDelivery(
	this: IWebhookFunctions,
	clientOptions: ClientOptions = {},
): Promise<IWebhookResponseData> {
	const clock = clientOptions.clock ?? systemClock;
	const receivedMs = clock.now();
	const parameters = readTriggerParameters(this);
	const request = this.getRequestObject();
	if (declaredLength(request) > MAX_DELIVERY_BYTES) return tooLarge(this);
	const rawBody = await rawBodyOf(this, request);
	if (rawBody.length > MAX_DELIVERY_BYTES) return tooLarge(this);
	const readCredential = credentialsReadOnce(this);

	if (parameters.verifySignature) {
		const problem = await signatureProblem(
			this,
			parameters,
			request,
			rawBody,
			receivedMs,
			readCredential,
		);
		if (problem !== undefined) return answer(this, 401, 'Invalid HubSpot signature', problem);
	}

	const parsed = parseDelivery(rawBody);
	if (!parsed.ok) return answer(this, 400, parsed.reason, parsed.reason);
	const delivery = parsed.value;
	for (const drop of delivery.dropped) logDroppedEvent(this, drop);

	const outputSettings = readContactOutputSettings(this);
	const staticData = this.getWorkflowStaticData('node');
	const admission = admitNewEvents(
		staticData.seenEvents,
		delivery.contactCreations,
		receivedMs,
		triggerScope(this),
	);
	const summary = {
		received: delivery.contactCreations.length + delivery.ignored,
		contactCreations: delivery.contactCreations.length,
		started: admission.events.length,
	};
	if (admission.events.length === 0) {
		staticData.seenEvents = admission.state;
		return respond(this, 200, summary);
	}

	let contacts: Map<string, PropertyValues> | undefined;
	try {
		contacts = parameters.enrich
			? await enrich(this, parameters, admission.events, outputSettings, {
					clientOptions,
					receivedMs,
					readCredential,
				})
			: undefined;
	} catch (error) {
		// The delivery fails and HubSpot sends it again: its events must be admitted then.
		admission.release();
		if (!passesWithTime(error)) throw asNodeFailure(this, error);
		// A slow or busy HubSpot: answer 503 and start nothing. HubSpot retries any 5xx (up to 10
		// times over 24 hours), whereas a thrown error would also leave a failed execution that runs
		// no flow, sets off the error workflow, and counts as an execution of the trigger.
		return answer(
			this,
			503,
			'HubSpot could not be read in time; HubSpot will send this delivery again.',
			`reading the new contacts failed and may pass (${describeFailure(error)}); HubSpot retries the delivery`,
		);
	}
	// Assigned, not mutated, so n8n notices the change and saves it.
	staticData.seenEvents = admission.state;
	const nowMs = clock.now();
	const items = admission.events.map((event) => toItem(event, contacts, outputSettings, nowMs));
	// Answered here, and said so with `noWebhookResponse`. That is also what makes n8n 2.41.1 save
	// the memory before the execution exists: for such a result `executeWebhook` calls its response
	// callback (LiveWebhooks: `saveStaticData`) before `WorkflowRunner.run`, whose
	// `establishContextForPersistence` would reset the change flag. (A returned `webhookResponse`
	// would be answered after `run`, its save skipped, and n8n would send its `responseData` default,
	// the literal text "firstEntryJson".) Every webhook process reads static data per request, so a
	// redelivery after a restart or to another process finds these keys.
	return { ...respond(this, 200, summary), workflowData: [items] };
}

/**
 * With OAuth2 the signing secret and the batch read use the same credential; n8n resolves a
 * credential on every read (about 60 ms in a webhook), and HubSpot is waiting for the answer, so read it once.
 */
function credentialsReadOnce(ctx: IWebhookFunctions): CredentialReader {
	const reads = new Map<string, ReturnType<CredentialReader>>();
	return async (type) => {
		let read = reads.get(type);
		if (!read) {
			read = ctx.getCredentials(type);
			reads.set(type, read);
		}
		return await read;
	};
}

/** Test-event listening and the active workflow keep separate memories, like their static data. */
function triggerScope(ctx: IWebhookFunctions): string {
	return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}:${ctx.getMode()}`;
}

function declaredLength(request: WebhookRequest): number {
	const header = request.headers['content-length'];
	const length = Number(Array.isArray(header) ? header[0] : header);
	return Number.isFinite(length) ? length : 0;
}

function tooLarge(ctx: IWebhookFunctions): IWebhookResponseData {
	const limit = `${MAX_DELIVERY_BYTES / 1024 / 1024} MB`;
	return answer(
		ctx,
		413,
		`The request body is larger than ${limit}. HubSpot sends at most 100 events per request.`,
		`the body is larger than ${limit}`,
	);
}

async function rawBodyOf(ctx: IWebhookFunctions, request: WebhookRequest): Promise<Buffer> {
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function')
		await request.readRawBody();
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	throw new NodeOperationError(
		ctx.getNode(),
		'n8n did not keep the raw request body, so the HubSpot signature cannot be checked',
		{
			description:
				'HubSpot signs the exact bytes it sends. Please report this with your n8n version.',
		},
	);
}

async function signatureProblem(
	ctx: IWebhookFunctions,
	parameters: WebhookTriggerParameters,
	request: WebhookRequest,
	rawBody: Buffer,
	nowMs: number,
	readCredential: CredentialReader,
): Promise<string | undefined> {
	const secret = await loadSigningSecret(
		ctx,
		parameters.secretFrom,
		parameters.authentication,
		readCredential,
	);
	const uris = candidateUris(
		{ originalUrl: request.originalUrl ?? request.url ?? '' },
		{
			publicUrlOverride: parameters.publicWebhookUrl,
			nodeUrls: [ctx.getNodeWebhookUrl('default'), ctx.getWebhookResourceUrl?.('default')],
		},
	);
	const verdict = verifyHubSpotSignature({
		headers: request.headers,
		method: request.method ?? 'POST',
		uris,
		rawBody,
		secret,
		nowMs,
		maxAgeMs: SIGNATURE_MAX_AGE_MS,
		// The OAuth2 credential's secret belongs to an OAuth app, whose deliveries always carry v3.
		requireV3: parameters.secretFrom === 'oAuth2Credential',
	});
	if (verdict.valid) return undefined;
	return describeRejection(verdict.reason, uris);
}

function describeRejection(reason: string, uris: string[]): string {
	switch (reason) {
		case 'missing-signature':
			return 'the request carries no X-HubSpot-Signature or X-HubSpot-Signature-v3 header';
		case 'stale-timestamp':
			return 'X-HubSpot-Request-Timestamp is more than 5 minutes away from now (a replay, or a wrong clock)';
		case 'bad-timestamp':
			return 'X-HubSpot-Request-Timestamp is missing or not a number';
		case 'unsupported-version':
			return 'X-HubSpot-Signature-Version names a version this node does not know';
		case 'v3-required':
			return 'the request carries only a v1/v2 signature, but HubSpot signs every delivery to an OAuth app with X-HubSpot-Signature-v3 (a copied or altered request)';
		default: {
			// Query strings stay out of the log; the hosts and paths are what a proxy changes.
			const tried = uris
				.map((uri) => uri.split('?')[0])
				.filter((uri, index, all) => all.indexOf(uri) === index);
			return `the signature does not match (wrong client secret, changed body, or HubSpot called another URL than ${tried.join(', ')}; behind a proxy, set WEBHOOK_URL for n8n or Options → Public Webhook URL)`;
		}
	}
}

/** An event whose ids cannot be HubSpot's starts nothing; the log says which entry and why. */
function logDroppedEvent(ctx: IWebhookFunctions, drop: DroppedEvent): void {
	ctx.logger.warn(
		`HubSpot Scheduling Trigger dropped event ${drop.index + 1} of a delivery: ${drop.reason} (ids must be positive whole numbers)`,
		{ workflowId: ctx.getWorkflow().id, node: ctx.getNode().name },
	);
}

/**
 * Failures that another attempt can get past: no answer in the trigger's time budget, a network
 * failure, a 429 or a HubSpot 5xx. A refused credential or a missing scope needs the user, so it is
 * thrown and shows as a failed execution instead.
 */
function passesWithTime(error: unknown): boolean {
	if (error instanceof DeadlineExceededError) return true;
	if (!(error instanceof HubSpotApiError)) return false;
	const { status, networkCode } = error.hubspot;
	if (status === undefined) return networkCode !== undefined;
	return status === 429 || status >= 500;
}

/** The failure as n8n shows it: HubSpot's and n8n's own errors as they are, anything else wrapped. */
function asNodeFailure(ctx: IWebhookFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error));
}

/** What the log line may say about the failure: its status or code, never a body or a token. */
function describeFailure(error: unknown): string {
	if (error instanceof DeadlineExceededError) return 'no answer within the time HubSpot allows';
	if (error instanceof HubSpotApiError)
		return error.hubspot.status === undefined
			? `network ${error.hubspot.networkCode ?? 'failure'}`
			: `HTTP ${error.hubspot.status}`;
	return 'unknown failure';
}

/** Answers HubSpot directly and starts nothing; the log line says why, without secrets. */
function answer(
	ctx: IWebhookFunctions,
	status: number,
	message: string,
	reason: string,
): IWebhookResponseData {
	ctx.logger.warn(`HubSpot Scheduling Trigger rejected a delivery with HTTP ${status}: ${reason}`, {
		workflowId: ctx.getWorkflow().id,
		node: ctx.getNode().name,
	});
	return respond(ctx, status, { message });
}

/** Every answer is written here, so HubSpot sees the documented JSON body on every path. */
function respond(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	const response = ctx.getResponseObject();
	response.statusCode = status;
	response.setHeader('Content-Type', 'application/json; charset=utf-8');
	response.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}

async function enrich(
	ctx: IWebhookFunctions,
	parameters: WebhookTriggerParameters,
	events: ContactCreatedEvent[],
	outputSettings: ContactOutputSettings,
	{
		clientOptions,
		receivedMs,
		readCredential,
	}: { clientOptions: ClientOptions; receivedMs: number; readCredential: CredentialReader },
): Promise<Map<string, PropertyValues>> {
	const clock = clockWithDeadline(
		clientOptions.clock ?? systemClock,
		receivedMs + ENRICHMENT_BUDGET_MS,
		'the time HubSpot allows for answering a webhook',
	);
	const credentialType = credentialTypeFor(parameters.authentication);
	const client = await HubSpotClient.connect(ctx, credentialType, {
		...clientOptions,
		clock,
		timeoutMs: ENRICHMENT_BUDGET_MS,
		credentials: await readCredential(credentialType),
	});
	return await readContacts(
		client,
		events.map((event) => event.contactId),
		outputSettings.properties,
	);
}

function toItem(
	event: ContactCreatedEvent,
	contacts: Map<string, PropertyValues> | undefined,
	settings: ContactOutputSettings,
	nowMs: number,
): INodeExecutionData {
	const values = contacts?.get(event.contactId);
	const contact = describeContact(event.contactId, values ?? {}, settings);
	const json: IDataObject = {
		eventId: event.eventId,
		// With portalId and eventId, the key the event is remembered under (seenEvents.ts).
		subscriptionId: event.subscriptionId ?? null,
		contactId: event.contactId,
		occurredAt: new Date(event.occurredAtMs).toISOString(),
		subscriptionType: event.subscriptionType,
		portalId: event.portalId ?? null,
		appId: event.appId ?? null,
		attemptNumber: event.attemptNumber,
		changeSource: event.changeSource ?? null,
		// False when enrichment is off, or HubSpot no longer returns the contact (deleted right away).
		enriched: values !== undefined,
		contact,
	};
	if (settings.callWindow) json.callWindow = callWindowFor(settings.callWindow, contact, nowMs);
	return { json };
}
