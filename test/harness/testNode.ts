import type { INode } from 'n8n-workflow';

/** The package's node types, by the short name n8n's type id ends with. */
export type PackageNodeType = 'hubSpotScheduling' | 'hubSpotSchedulingTrigger';

const DISPLAY_NAMES: Record<PackageNodeType, string> = {
	hubSpotScheduling: 'HubSpot Scheduling',
	hubSpotSchedulingTrigger: 'HubSpot Scheduling Trigger',
};

/**
 * The node a hand-built context reports from getNode(): what errors are attached to and what the
 * transport keys its per-account pacing on (the credential's id), as n8n would pass it.
 */
export function testNode(
	type: PackageNodeType,
	options: { id?: string; credentials?: INode['credentials'] } = {},
): INode {
	return {
		id: options.id ?? 'n1',
		name: DISPLAY_NAMES[type],
		type: `n8n-nodes-hubspot-scheduling.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...(options.credentials ? { credentials: options.credentials } : {}),
	};
}

/** The credentials reference of a node that uses a service key with this credential id. */
export function serviceKeyReference(id: string): INode['credentials'] {
	return { hubSpotSchedulingServiceKeyApi: { id, name: 'test' } };
}
