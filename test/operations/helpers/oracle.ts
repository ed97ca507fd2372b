import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { SandboxFixture } from '../../../sandbox/server';
import { REPO_ROOT, SERVICE_KEY } from './schedulingRun';

interface AvailabilityPage {
	linkAvailability?: {
		linkAvailabilityByDuration: Record<
			string,
			{ availabilities: Array<{ startMillisUtc: number }> }
		>;
	};
}

/**
 * The sandbox's availability page is the oracle for slots: it applies the link's hours, notice,
 * buffer, horizon and busy times the way HubSpot documents them. Read it straight over HTTP, not
 * through the node, and only for the months asked.
 */
export async function oracleStarts(
	sandboxUrl: string,
	slug: string,
	options: {
		zone: string;
		monthOffsets: number[];
		durationMs: number;
		fromMs: number;
		toMs: number;
	},
): Promise<number[]> {
	const starts: number[] = [];
	for (const monthOffset of options.monthOffsets) {
		const url = new URL(
			`${sandboxUrl}/scheduler/2026-09/meetings/meeting-links/book/availability-page/${encodeURIComponent(slug)}`,
		);
		url.searchParams.set('timezone', options.zone);
		url.searchParams.set('monthOffset', String(monthOffset));
		const response = await fetch(url, { headers: { authorization: `Bearer ${SERVICE_KEY}` } });
		const page = (await response.json()) as AvailabilityPage;
		const byDuration =
			page.linkAvailability?.linkAvailabilityByDuration[String(options.durationMs)];
		if (!byDuration) throw new Error(`The oracle page for ${slug} has no ready-made slots`);
		starts.push(...byDuration.availabilities.map((slot) => slot.startMillisUtc));
	}
	return [...new Set(starts)]
		.filter((start) => start >= options.fromMs && start < options.toMs)
		.sort((a, b) => a - b);
}

/** The default fixture, but `busy-only` publishes its slots, so a second sandbox can say what the node should compute. */
export function fixtureWithPublishedBusyOnlySlots(): SandboxFixture {
	const fixture = JSON.parse(
		readFileSync(path.join(REPO_ROOT, 'sandbox/fixtures/default.json'), 'utf8'),
	) as SandboxFixture & {
		meetingLinks: Array<{ slug: string; publishesLinkAvailability?: boolean }>;
	};
	for (const link of fixture.meetingLinks) {
		if (link.slug === 'busy-only') link.publishesLinkAvailability = true;
	}
	return fixture;
}
