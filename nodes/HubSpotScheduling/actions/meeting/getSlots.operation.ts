import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HubSpotClient } from '../../../shared/transport/client';
import { readMeetingLink } from '../../../shared/hubspot/scheduler';
import { findSlotsForItem } from '../slots/slotSearch';
import { meetingLinkField, timeZoneField } from '../common/fields';
import { readPositiveInteger, readSlug, readString, chooseTimeZone, unwrap } from '../common/input';
import { chooseDuration } from '../booking/linkChecks';
import { slotRange } from '../slots/slotRange';
import { slotsOutput } from '../slots/slotsOutput';
import type { SlotsOutputMode } from '../slots/slotsOutput';

const properties: INodeProperties[] = [
	meetingLinkField,
	timeZoneField,
	{
		displayName: 'Duration (Minutes)',
		name: 'duration',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description:
			"Meeting length in minutes; must be one the link offers. 0 uses the link's first duration.",
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'string',
		default: '',
		placeholder: '2026-11-24 or tomorrow',
		description:
			'First day to search, in the time zone above: a date (2026-11-24), "today", "tomorrow", "next Tuesday", "December 16" (the next one), or a date and time. Empty: now.',
	},
	{
		displayName: 'Days Ahead',
		name: 'daysAhead',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: 62 },
		description: 'How many days from the start date to search (1 = only that day)',
	},
	{
		displayName: 'Max Slots',
		name: 'maxSlots',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'Return at most this many slots, earliest first. 0 returns all.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'single',
		options: [
			{
				name: 'One Item With All Slots',
				value: 'single',
				description:
					'Return one item with every slot and a one-line "speech" summary; best for voice agents',
			},
			{
				name: 'One Item per Slot',
				value: 'perSlot',
				description:
					'Return one item per free slot, for workflows that handle each slot separately; no item when nothing is free',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { operation: ['getSlots'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
): Promise<IDataObject[]> {
	const slug = readSlug(this, itemIndex);
	const zoneChoice = chooseTimeZone(this, itemIndex);
	const daysAhead = readPositiveInteger(this, itemIndex, 'daysAhead', 'Days Ahead', {
		min: 1,
		max: 62,
	});
	const maxSlots = readPositiveInteger(this, itemIndex, 'maxSlots', 'Max Slots', {
		min: 0,
		max: 10_000,
	});
	const requestedMinutes = readPositiveInteger(this, itemIndex, 'duration', 'Duration (Minutes)', {
		min: 0,
		max: 24 * 60,
	});
	const now = DateTime.fromMillis(hubspot.clock.now());
	const range = unwrap(
		this,
		itemIndex,
		'Start Date',
		slotRange({
			rawStart: readString(this, itemIndex, 'startDate'),
			zone: zoneChoice.zone,
			daysAhead,
			now,
		}),
	);

	const link = await readMeetingLink(hubspot, slug, zoneChoice.zone, { shared: true });
	const durationMs = chooseDuration(this, itemIndex, requestedMinutes, link.info);
	const found = await findSlotsForItem(this, itemIndex, hubspot, link, zoneChoice, {
		durationMs,
		rangeStartMs: range.start.toMillis(),
		rangeEndMs: range.end.toMillis(),
		nowMs: now.toMillis(),
	});
	return slotsOutput({
		slug,
		zoneChoice,
		durationMs,
		range,
		found,
		maxSlots,
		mode: this.getNodeParameter('output', itemIndex, 'single') as SlotsOutputMode,
	});
}
