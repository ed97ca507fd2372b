import type { IHttpRequestOptions } from 'n8n-workflow';

import { sandboxPerFile } from '../harness/sandboxPerFile';
import { connectOAuth2 } from '../harness/sandboxOAuth';
import { fakeHookContext } from './helpers/fakeContexts';

/**
 * The trigger tests' hand-built contexts answer no HubSpot call themselves: without a sandbox a call
 * fails the test, and with one it goes to the sandbox, authenticated as n8n would.
 */

const sandbox = sandboxPerFile({ between: 'clearLog' });

const READ: Omit<IHttpRequestOptions, 'url'> = {
	method: 'POST',
	body: { properties: ['email'], inputs: [{ id: '1' }] },
	json: true,
	returnFullResponse: true,
	ignoreHttpStatusErrors: { ignore: true, except: [401] },
};

async function send(ctx: ReturnType<typeof fakeHookContext>['ctx'], type: string, url: string) {
	return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, type, { ...READ, url })) as {
		statusCode: number;
		body: { status?: string };
	};
}

describe('fake trigger contexts', () => {
	it('fail any HubSpot call when the test gave no sandbox', async () => {
		const { ctx, environment } = fakeHookContext({
			parameters: {},
			credentials: { hubSpotSchedulingServiceKeyApi: { accessToken: 'pat-na1-sandbox-full' } },
		});
		const url = `${sandbox.url}/crm/objects/2026-09/contacts/batch/read`;
		await expect(send(ctx, 'hubSpotSchedulingServiceKeyApi', url)).rejects.toThrow(
			`Unexpected HubSpot call POST ${url}`,
		);
		expect(environment.calls).toHaveLength(1);
		expect(sandbox.requestLog()).toEqual([]);
	});

	it('refuse a call that is not addressed to the sandbox, and send nothing', async () => {
		const { ctx } = fakeHookContext({
			parameters: {},
			credentials: { hubSpotSchedulingServiceKeyApi: { accessToken: 'pat-na1-sandbox-full' } },
			sandbox,
		});
		await expect(
			send(
				ctx,
				'hubSpotSchedulingServiceKeyApi',
				'https://api.hubapi.com/crm/objects/2026-09/contacts/batch/read',
			),
		).rejects.toThrow(`is not addressed to the sandbox at ${sandbox.url}`);
		expect(sandbox.requestLog()).toEqual([]);
	});

	it("send the OAuth2 credential's access token, as n8n's OAuth2 request helper does", async () => {
		const connected = await connectOAuth2(sandbox);
		sandbox.clearLog();
		const { ctx } = fakeHookContext({
			parameters: {},
			credentials: { hubSpotSchedulingOAuth2Api: connected.data },
			sandbox,
		});
		const response = await send(
			ctx,
			'hubSpotSchedulingOAuth2Api',
			`${sandbox.url}/crm/objects/2026-09/contacts/batch/read`,
		);
		expect(response.body.status).toBe('COMPLETE');
		expect(sandbox.requestLog().map((entry) => [entry.authKind, entry.status])).toEqual([
			['oauth', response.statusCode],
		]);
	});

	it('throw like n8n for a status the request does not let through (a refused token)', async () => {
		const { ctx } = fakeHookContext({
			parameters: {},
			credentials: {
				hubSpotSchedulingServiceKeyApi: { accessToken: 'pat-na1-unknown', baseUrl: sandbox.url },
			},
			sandbox,
		});
		await expect(
			send(
				ctx,
				'hubSpotSchedulingServiceKeyApi',
				`${sandbox.url}/crm/objects/2026-09/contacts/batch/read`,
			),
		).rejects.toMatchObject({
			httpCode: '401',
			cause: { response: { status: 401 } },
		});
		expect(sandbox.requestLog().map((entry) => entry.status)).toEqual([401]);
	});
});

describe('the sandbox forwarder', () => {
	it("reports a connection the sandbox dropped as n8n's HTTP client does (ECONNRESET)", async () => {
		sandbox.faults.add({
			path: '/crm/objects/2026-09/contacts/batch/read',
			action: { kind: 'drop' },
		});
		const { ctx } = fakeHookContext({
			parameters: {},
			credentials: {
				hubSpotSchedulingServiceKeyApi: {
					accessToken: 'pat-na1-sandbox-full',
					baseUrl: sandbox.url,
				},
			},
			sandbox,
		});
		await expect(
			send(
				ctx,
				'hubSpotSchedulingServiceKeyApi',
				`${sandbox.url}/crm/objects/2026-09/contacts/batch/read`,
			),
		).rejects.toMatchObject({ cause: { code: 'ECONNRESET' } });
		expect(sandbox.requestLog().map((entry) => entry.status)).toEqual([null]);
		sandbox.faults.clear();
	});
});
