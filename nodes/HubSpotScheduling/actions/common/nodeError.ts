import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

/** Rethrow n8n's own errors unchanged (they already name the field or carry HubSpot's answer); wrap anything else. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof Error) return new NodeOperationError(node, error);
	return new NodeApiError(node, { message: String(error) } as JsonObject);
}
