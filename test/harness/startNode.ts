import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

export const HARNESS_START_NODE_TYPE = 'harness.start';

/**
 * Plays the part of n8n's Manual Trigger: a trigger-group node that passes on the items the
 * harness puts on the execution stack, so the node under test receives them as its input.
 */
export class HarnessStartNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Start',
		name: HARNESS_START_NODE_TYPE,
		group: ['trigger'],
		version: 1,
		description: 'Emits the input items given to the test harness',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map(({ json }, index) => ({ json, pairedItem: { item: index } }))];
	}
}
