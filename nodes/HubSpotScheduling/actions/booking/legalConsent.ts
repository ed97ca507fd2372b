import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import type { BookingInfo } from '../../../shared/hubspot/scheduler';

/**
 * A meeting link's legal consent (booking info: legalConsentEnabled, legalConsentOptions). HubSpot's
 * booking body answers each communication checkbox with {communicationTypeId, consented}. IMPLICIT
 * processing needs no agreement: every checkbox is answered "not consented" unless it is required.
 * A required checkbox (or REQUIRED_CHECKBOX processing) needs the guest's spoken agreement, which the
 * workflow passes in the Guest Agreed to Consent option; without it the item fails before any write.
 */
export interface ConsentResponse {
	communicationTypeId: string;
	consented: boolean;
}

export function consentNeeded(info: BookingInfo): { required: boolean; labels: string[] } {
	const params = info.customParams;
	if (!params.legalConsentEnabled || !params.legalConsentOptions)
		return { required: false, labels: [] };
	const options = params.legalConsentOptions;
	const boxes = options.communicationConsentCheckboxes ?? [];
	const requiredBoxes = boxes.filter((box) => box.required === true);
	const processingLabel =
		options.processingConsentType === 'REQUIRED_CHECKBOX'
			? [String(options.processingConsentCheckboxLabel ?? 'to store and process their data')]
			: [];
	const labels = [
		...processingLabel,
		...requiredBoxes.map((box) => box.label ?? box.communicationTypeId),
	];
	return { required: labels.length > 0, labels };
}

export function legalConsentResponses(
	context: IExecuteFunctions,
	itemIndex: number,
	info: BookingInfo,
	guestAgreed: boolean,
): ConsentResponse[] {
	const params = info.customParams;
	if (!params.legalConsentEnabled || !params.legalConsentOptions) return [];
	const { required, labels } = consentNeeded(info);
	if (required && !guestAgreed) {
		throw new NodeOperationError(
			context.getNode(),
			`This meeting link needs the guest's consent before booking. Ask the caller: ${labels.map((label) => `"${label}"`).join(' and ')}. Book again with Guest Agreed to Consent set to true only if they say yes.`,
			{
				itemIndex,
				description:
					"The link's legal consent is REQUIRED_CHECKBOX or has a required checkbox. The link was read from HubSpot; nothing was written for this item.",
			},
		);
	}
	return (params.legalConsentOptions.communicationConsentCheckboxes ?? []).map((box) => ({
		communicationTypeId: box.communicationTypeId,
		consented: box.required === true && guestAgreed,
	}));
}
