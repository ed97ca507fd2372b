/**
 * The types of webhook deliveries, in a module of their own that imports nothing: the state, the
 * dispatcher and the contact store all speak of them, and none of those should import another
 * only for a type (that made import cycles).
 */

/** Where a creation came from, as reported in the webhook event's `changeSource`. */
export type ChangeSource = 'CRM_UI' | 'API' | 'MEETINGS' | 'IMPORT';

export type DeliveryTargetKind = 'v3-settings' | 'app-config';

export interface DeliveryAttempt {
	url: string;
	method: 'POST';
	headers: Record<string, string>;
	rawBody: string;
	/** null when the target did not answer (connection error or timeout). */
	status: number | null;
	error?: string;
	/** attemptNumber carried by the events of this request (0 for the first attempt). */
	attemptNumber: number;
	eventIds: number[];
	/** Sandbox clock when the attempt was sent. */
	at: number;
	kind: 'first' | 'retry' | 'redelivery';
	target: DeliveryTargetKind;
}
