/** Small builders for workflows that use the action node, as the editor would save them. */
import type { INode, NodeParameterValueType } from 'n8n-workflow';

import { chain, packageNode, runWorkflow, type WorkflowRunResult } from './engine';
import { OAUTH2_CREDENTIAL_ID, OAUTH2_TYPE, type TestOrg } from './org';

export function actionNode(parameters: Record<string, unknown>, extra: Partial<INode> = {}): INode {
	return packageNode('salesforceConnector', { authentication: 'oAuth2', ...(parameters as Record<string, NodeParameterValueType>) }, {
		credentials: { [OAUTH2_TYPE]: { id: OAUTH2_CREDENTIAL_ID, name: 'Sandbox org' } },
		...extra,
	});
}

/** Resource-mapper parameter value with the given field expressions */
export function mapped(value: Record<string, string | number | boolean | null>, matchingColumns: string[] = []) {
	return { mappingMode: 'defineBelow', value, matchingColumns, schema: [], attemptToConvertTypes: false, convertFieldsToString: false };
}

export function objectParam(name: string) {
	return { __rl: true, mode: 'name', value: name };
}

/** Runs Trigger(items) -> Salesforce Connector(parameters) and returns the result. */
export async function runAction(
	org: TestOrg,
	items: object[],
	parameters: Record<string, unknown>,
	extra: Partial<INode> = {},
): Promise<WorkflowRunResult> {
	return await runWorkflow(org.harness, chain(items, actionNode(parameters, extra)));
}
