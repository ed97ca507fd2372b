import { ExecuteContext, RoutingNode } from 'n8n-core';
import {
	NodeHelpers,
	UnexpectedError,
	UserError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';

import type { LoadedPackage } from './packageLoader';
import { HARNESS_START_NODE_TYPE, HarnessStartNode } from './startNode';

/** n8n's `shouldAssignExecuteMethod`: declarative nodes get an `execute` that runs n8n-core's RoutingNode. */
function isDeclarative(nodeType: INodeType): boolean {
	const hasRequestDefaults = nodeType.description.requestDefaults !== undefined;
	return (
		!nodeType.execute &&
		!nodeType.supplyData &&
		!nodeType.poll &&
		!nodeType.trigger &&
		(!nodeType.webhook || hasRequestDefaults) &&
		(!nodeType.methods || hasRequestDefaults)
	);
}

/** The `INodeTypes` n8n-core resolves node types through: the package's nodes plus the harness start node. */
export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor(loaded: LoadedPackage) {
		this.types.set(HARNESS_START_NODE_TYPE, new HarnessStartNode());
		for (const [name, type] of loaded.nodeTypes) this.types.set(name, type);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (type === undefined) {
			throw new UserError(`Unrecognized node type: ${nodeType}`, {
				extra: { known: [...this.types.keys()] },
			});
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const versioned = NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
		if (isDeclarative(versioned)) {
			versioned.execute = async function (
				this: IExecuteFunctions,
			): Promise<INodeExecutionData[][]> {
				if (!(this instanceof ExecuteContext))
					throw new UnexpectedError("Declarative nodes need n8n-core's ExecuteContext");
				return (await new RoutingNode(this, versioned).runNode()) ?? [];
			};
		}
		return versioned;
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(
			[...this.types.keys()].map((name) => [name, { className: name, sourcePath: '' }]),
		);
	}
}
