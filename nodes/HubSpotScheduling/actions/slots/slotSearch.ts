import type { IExecuteFunctions } from 'n8n-workflow';

import type { HubSpotClient } from '../../../shared/transport/client';
import { BusyTimesZoneMissing, findSlots } from '../../../shared/hubspot/scheduler';
import type { MeetingLink, Slot, SlotQuery } from '../../../shared/hubspot/scheduler';
import type { ZoneChoice } from '../common/input';
import { invalidInput } from '../common/input';
import { asNodeError } from '../common/nodeError';

/**
 * findSlots for an item: the busy-times fallback may only use an explicit Time Zone (the link's
 * hours are in the organizer's zone, which HubSpot does not expose); without one the item fails
 * naming the field, before any write.
 */
export async function findSlotsForItem(
	context: IExecuteFunctions,
	itemIndex: number,
	hubspot: HubSpotClient,
	link: MeetingLink,
	choice: ZoneChoice,
	query: Omit<SlotQuery, 'zone' | 'busyTimesZone'>,
): Promise<Slot[]> {
	try {
		return await findSlots(hubspot, link, {
			...query,
			zone: choice.zone,
			busyTimesZone: choice.from === 'Time Zone field' ? choice.zone : undefined,
		});
	} catch (error) {
		if (error instanceof BusyTimesZoneMissing)
			throw invalidInput(context, itemIndex, 'Time Zone', error.message);
		throw asNodeError(context.getNode(), error);
	}
}
