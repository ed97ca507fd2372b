import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isoSeconds, parseDate, speakableDateTime, toOutputTimes } from '../../shared/domain/time';
import type { HubSpotClient } from '../../shared/transport/client';
import { readMeetingLink } from '../hubspot/scheduler';
import { findSlotsForItem } from './slotSearch';
import { meetingLinkField, timeZoneField } from './fields';
import {
	invalidInput,
	readPositiveInteger,
	readSlug,
	readString,
	chooseTimeZone,
	unwrap,
} from './input';
import { chooseDuration } from './linkChecks';
import { slotsSpeech } from './slotSpeech';

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
	const provisionalZone = zoneChoice.zone;
	const rawStart = readString(this, itemIndex, 'startDate');
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
	const now = DateTime.now();
	if (rawStart !== '') {
		const provisionalStart = unwrap(
			this,
			itemIndex,
			'Start Date',
			parseDate(rawStart, provisionalZone, now),
		);
		// The link's zone may still shift the day by up to a day; only a range over in every zone is refused here.
		if (provisionalStart.startOf('day').plus({ days: daysAhead + 1 }) <= now) {
			throw rangeOver(this, itemIndex, provisionalStart, daysAhead);
		}
		if (provisionalStart > now.plus({ years: 2 })) {
			throw invalidInput(
				this,
				itemIndex,
				'Start Date',
				`${provisionalStart.toISODate()} is more than 2 years away. Check the year.`,
			);
		}
	}

	const link = await readMeetingLink(hubspot, slug, provisionalZone, { shared: true });
	const zone = zoneChoice.zone;
	const durationMs = chooseDuration(this, itemIndex, requestedMinutes, link.info);
	const start =
		rawStart === ''
			? now.setZone(zone)
			: unwrap(this, itemIndex, 'Start Date', parseDate(rawStart, zone, now.setZone(zone)));
	const rangeStart = DateTime.max(start, now.setZone(zone));
	const rangeEnd = start.startOf('day').plus({ days: daysAhead });
	if (rangeEnd <= rangeStart) throw rangeOver(this, itemIndex, start, daysAhead);

	const found = await findSlotsForItem(this, itemIndex, hubspot, link, zoneChoice, {
		durationMs,
		rangeStartMs: rangeStart.toMillis(),
		rangeEndMs: rangeEnd.toMillis(),
		nowMs: now.toMillis(),
	});
	const slots = (maxSlots > 0 ? found.slice(0, maxSlots) : found).map((slot) => ({
		...toOutputTimes(slot.startMs, slot.endMs, zone),
		label: speakableDateTime(DateTime.fromMillis(slot.startMs, { zone })),
	}));

	const output = this.getNodeParameter('output', itemIndex, 'single') as string;
	if (output === 'perSlot')
		return slots.map((slot) => ({
			meetingLink: slug,
			durationMinutes: durationMs / 60_000,
			...slot,
		}));
	return [
		{
			meetingLink: slug,
			timeZone: zone,
			timeZoneFrom: zoneChoice.from,
			durationMinutes: durationMs / 60_000,
			from: isoSeconds(rangeStart.toMillis(), zone),
			to: isoSeconds(rangeEnd.toMillis(), zone),
			count: slots.length,
			totalAvailable: found.length,
			slots,
			speech: slotsSpeech(
				slots.map((slot) => slot.startMs),
				zone,
			),
		},
	];
}

function rangeOver(
	context: IExecuteFunctions,
	itemIndex: number,
	start: DateTime,
	daysAhead: number,
) {
	return invalidInput(
		context,
		itemIndex,
		'Start Date',
		`${start.toISODate()} plus ${daysAhead} day(s) is already over. Give today or a later date.`,
	);
}
