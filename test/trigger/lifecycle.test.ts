import {
	checkWebhookExists,
	createWebhook,
	deleteWebhook,
} from '../../nodes/HubSpotSchedulingTrigger/lifecycle';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { fakeHookContext } from './helpers/fakeContexts';
import type { RecordedCall } from './helpers/fakeContexts';

const NODE_URL = 'http://localhost:5678/webhook/abc/hubspot-contact-created';
const SECRET = 'b8d3f1c2-4a5e-4f60-9b7c-1d2e3f4a5b6c';

const appConfiguration = {
	subscriptionMode: 'appConfiguration',
	authentication: 'oAuth2',
	verifySignature: true,
	secretFrom: 'oAuth2Credential',
	enrich: true,
	contactProperties: 'firstname, email',
	addCallWindow: false,
	options: {},
};
const oAuth2 = {
	hubSpotSchedulingOAuth2Api: { clientSecret: SECRET, baseUrl: 'https://api.hubapi.com' },
};

function hook(
	parameters: Record<string, unknown>,
	extra: {
		credentials?: Record<string, Record<string, string>>;
		mode?: string;
		sandbox?: Sandbox;
	} = {},
) {
	return fakeHookContext({
		parameters: { ...appConfiguration, ...parameters },
		credentials: extra.credentials ?? oAuth2,
		mode: extra.mode,
		sandbox: extra.sandbox,
		nodeUrl: NODE_URL,
	});
}

describe('App Configuration mode lifecycle', () => {
	it('has nothing to check, register or remove, calls nobody, and says so', async () => {
		const { ctx, environment } = hook({});
		expect(await checkWebhookExists.call(ctx)).toBe(false);
		expect(await createWebhook.call(ctx)).toBe(true);
		expect(await deleteWebhook.call(ctx)).toBe(true);
		expect(environment.calls).toEqual([]);
		expect(environment.staticData).toEqual({});
		expect(environment.logs.map((line) => line.message)).toEqual([
			`HubSpot Scheduling Trigger: nothing to register with HubSpot. In App Configuration mode HubSpot sends contact creations to ${NODE_URL} once the app's webhook settings (project app: webhooks-hsmeta.json; legacy private app: its Webhooks tab) contain that URL and a contact creation subscription.`,
			"HubSpot Scheduling Trigger: nothing to remove from HubSpot. In App Configuration mode, remove the target URL from the app's webhook settings yourself if it is no longer needed.",
		]);
	});

	it('fails activation when the signing secret cannot come from a service key', async () => {
		const { ctx } = hook(
			{ authentication: 'serviceKey' },
			{ credentials: { hubSpotSchedulingServiceKeyApi: { accessToken: 'pat-na1-x' } } },
		);
		await expect(checkWebhookExists.call(ctx)).rejects.toThrow(
			'A service key or private app token has no client secret to check HubSpot signatures with',
		);
	});

	it('fails activation when the secret credential is empty', async () => {
		const { ctx } = hook(
			{ authentication: 'serviceKey', secretFrom: 'webhookSecretCredential' },
			{ credentials: { hubSpotSchedulingWebhookSecretApi: { clientSecret: '  ' } } },
		);
		await expect(checkWebhookExists.call(ctx)).rejects.toThrow(
			'The credential has no client secret to check HubSpot signatures with',
		);
	});

	it('fails activation on a property list or call window that every delivery would trip over', async () => {
		const badProperties = hook({ contactProperties: 'firstname, e-mail' });
		await expect(checkWebhookExists.call(badProperties.ctx)).rejects.toThrow(
			'Contact Properties: "e-mail" is not a HubSpot property\'s internal name.',
		);
		const badZone = hook({
			addCallWindow: true,
			callDays: ['MON'],
			callEarliest: '09:00',
			callLatest: '17:00',
			callTimeZone: 'Mars/Olympus',
		});
		await expect(checkWebhookExists.call(badZone.ctx)).rejects.toThrow(
			'Call window: “Mars/Olympus” is not a time zone I know.',
		);
		const badUrl = hook({ options: { publicWebhookUrl: 'n8n.example.com/webhook' } });
		await expect(checkWebhookExists.call(badUrl.ctx)).rejects.toThrow(
			'"n8n.example.com/webhook" is not a full URL',
		);
	});
});

describe('Automatic mode: which URL is registered', () => {
	const APP_ID = '54321';
	const SETTINGS_PATH = `/app-webhooks/2026-09/${APP_ID}/settings`;
	const SUBSCRIPTIONS_PATH = `/app-webhooks/2026-09/${APP_ID}/subscriptions`;
	/** A legacy public app with no webhook settings and no subscriptions yet (the sandbox after a reset). */
	let freshApp: Sandbox;
	beforeAll(async () => {
		freshApp = await startSandbox();
	});
	afterAll(async () => {
		await freshApp.close();
	});
	beforeEach(() => {
		freshApp.reset();
	});
	const developer = () => ({
		...oAuth2,
		hubSpotSchedulingDeveloperApi: {
			developerApiKey: 'sandbox-developer-key',
			appId: APP_ID,
			baseUrl: freshApp.url,
		},
	});
	const settingsWrites = (calls: RecordedCall[]) =>
		calls.filter((call) => call.method === 'PUT').map((call) => call.body);
	/** What the app's webhooks API was asked, in order, as HubSpot received it. */
	const appRequests = () =>
		freshApp.requestLog().map((entry) => [entry.method, entry.path, entry.status, entry.authKind]);
	const registered = [
		['GET', SETTINGS_PATH, 404, 'developer-key'],
		['PUT', SETTINGS_PATH, 200, 'developer-key'],
		['GET', SUBSCRIPTIONS_PATH, 200, 'developer-key'],
		['POST', SUBSCRIPTIONS_PATH, 201, 'developer-key'],
	];

	it('registers the public URL in production and the test URL while listening for a test event', async () => {
		const options = {
			publicWebhookUrl: 'https://n8n.example.com/webhook/abc/hubspot-contact-created',
		};
		const production = hook(
			{ subscriptionMode: 'automatic', options },
			{ credentials: developer(), sandbox: freshApp },
		);
		await createWebhook.call(production.ctx);
		expect(settingsWrites(production.environment.calls)).toEqual([
			{
				targetUrl: 'https://n8n.example.com/webhook/abc/hubspot-contact-created',
				throttling: { maxConcurrentRequests: 10 },
			},
		]);
		expect(appRequests()).toEqual(registered);
		expect(freshApp.state.webhookSettings?.targetUrl).toBe(
			'https://n8n.example.com/webhook/abc/hubspot-contact-created',
		);
		expect([...freshApp.state.subscriptions.values()]).toMatchObject([
			{ eventType: 'contact.creation', active: true },
		]);
		expect(
			production.environment.calls.every(
				(call) => call.credentialType === 'hubSpotSchedulingDeveloperApi',
			),
		).toBe(true);

		freshApp.reset();
		const test = hook(
			{ subscriptionMode: 'automatic', options },
			{ credentials: developer(), sandbox: freshApp, mode: 'manual' },
		);
		await createWebhook.call(test.ctx);
		expect(settingsWrites(test.environment.calls)).toEqual([
			{ targetUrl: NODE_URL, throttling: { maxConcurrentRequests: 10 } },
		]);
		expect(appRequests()).toEqual(registered);
		expect(freshApp.state.webhookSettings?.targetUrl).toBe(NODE_URL);
	});

	it('refuses an App ID that is not a number before calling HubSpot', async () => {
		const { ctx, environment } = hook(
			{ subscriptionMode: 'automatic' },
			{
				credentials: {
					...oAuth2,
					hubSpotSchedulingDeveloperApi: { developerApiKey: 'k', appId: '../54321', baseUrl: '' },
				},
			},
		);
		await expect(checkWebhookExists.call(ctx)).rejects.toThrow(
			'"../54321" is not a HubSpot app ID',
		);
		expect(environment.calls).toEqual([]);
	});
});
