import type { IDataObject } from 'n8n-workflow';

import { signatureV3 } from '../../nodes/shared/domain/signature';
import { startSandbox } from '../../sandbox/server';
import { loadPackageNodes } from '../../test/harness/engine';
import { connectOAuth2 } from '../../test/harness/sandboxOAuth';
import {
	EngineTriggerWorkflow,
	startN8nLikeServer,
} from '../../test/trigger/helpers/engineTrigger';
import { repetitions } from '../lib/iterations';
import { packageDir } from '../lib/ourNode';
import { pauseBetweenSamples } from '../lib/samplePause';
import { median, percentile, round, timed } from '../lib/stats';

/**
 * 5. A signed delivery of 100 contact creations to the trigger, served as n8n serves webhooks, with
 * the sandbox adding 150 ms per request: the time until HubSpot gets its answer (verify the
 * signature, drop events already seen, read the 100 contacts in one call, hand the items to n8n).
 */

const EVENTS = 100;
const LATENCY_MS = 150;
const SECRET = 'sandbox-client-secret';
const WARM_UP_RUNS = 2;

export interface TriggerRow {
	enrich: boolean;
	events: number;
	runs: number;
	p50Ms: number;
	p95Ms: number;
	maxMs: number;
	hubspotCallsPerDelivery: number;
	started: number;
}

export async function measureTrigger(): Promise<TriggerRow[]> {
	const loaded = await loadPackageNodes(packageDir());
	const sandbox = await startSandbox({ latencyMs: LATENCY_MS });
	let workflow: EngineTriggerWorkflow | undefined;
	const n8n = await startN8nLikeServer(() => workflow as EngineTriggerWorkflow);
	const rows: TriggerRow[] = [];
	try {
		const credential = await connectOAuth2(sandbox);
		for (const enrich of [true, false]) {
			workflow = new EngineTriggerWorkflow({
				loaded,
				nodeType: 'hubSpotSchedulingTrigger',
				instanceUrl: n8n.url,
				parameters: {
					subscriptionMode: 'appConfiguration',
					authentication: 'oAuth2',
					verifySignature: true,
					secretFrom: 'oAuth2Credential',
					enrich,
					contactProperties: 'firstname, lastname, email, phone',
					addCallWindow: false,
				},
				credentials: { hubSpotSchedulingOAuth2Api: credential.data },
			});
			await workflow.activate();
			rows.push(
				await deliverRepeatedly(sandbox, workflow, `${n8n.url}${workflow.webhookPath}`, enrich),
			);
		}
	} finally {
		await n8n.close();
		await sandbox.close();
	}
	return rows;
}

let nextEventId = 4_200_000_000;

async function deliverRepeatedly(
	sandbox: Awaited<ReturnType<typeof startSandbox>>,
	workflow: EngineTriggerWorkflow,
	url: string,
	enrich: boolean,
): Promise<TriggerRow> {
	const runs = repetitions(30);
	const samples: number[] = [];
	const callCounts: number[] = [];
	let started = 0;
	for (let run = -WARM_UP_RUNS; run < runs; run++) {
		// New contacts every time: the trigger rightly ignores a contact it has already announced.
		const events: IDataObject[] = Array.from({ length: EVENTS }, (_, index) => ({
			eventId: nextEventId++,
			subscriptionId: 3100001,
			portalId: 62515,
			occurredAt: Date.now() - 1_000,
			subscriptionType: 'contact.creation',
			attemptNumber: 0,
			objectId: Number(
				sandbox.createContact({
					firstname: `Lead${run}-${index}`,
					email: `lead${run}-${index}-${enrich}@trigger.test`,
				}),
			),
			changeSource: 'CRM_UI',
			appId: 54321,
		}));
		const body = JSON.stringify(events);
		const timestamp = String(Date.now());
		const headers = {
			'content-type': 'application/json',
			'x-hubspot-signature-v3': signatureV3(SECRET, 'POST', url, body, timestamp),
			'x-hubspot-request-timestamp': timestamp,
		};
		sandbox.clearLog();
		const { ms, value: response } = await timed(async () => {
			const answer = await fetch(url, { method: 'POST', headers, body });
			return { status: answer.status, json: (await answer.json()) as { started?: number } };
		});
		await workflow.idle();
		await pauseBetweenSamples();
		if (response.status !== 200 || response.json.started !== EVENTS) {
			throw new Error(
				`bench: the trigger answered ${response.status} ${JSON.stringify(response.json)}`,
			);
		}
		if (run < 0) continue;
		samples.push(ms);
		callCounts.push(sandbox.requestLog().length);
		started += response.json.started;
	}
	return {
		enrich,
		events: EVENTS,
		runs,
		p50Ms: round(median(samples)),
		p95Ms: round(percentile(samples, 95)),
		maxMs: round(Math.max(...samples)),
		hubspotCallsPerDelivery: median(callCounts),
		started,
	};
}
