/**
 * The workflows the editor's browser check opens (test/e2e/editor.e2e.ts): one per panel it looks at, each with a
 * manual trigger so that it can be executed from the editor.
 */
import type { WorkflowJson } from '../harness/n8nServer';
import { actionNode, chainConnections, locator, manualTrigger, mapper } from './helpers';

type Credential = { id: string; name: string };
type NodeJson = WorkflowJson['nodes'][number];

/** A straight chain Start → nodes, laid out left to right. */
export function chainWorkflow(name: string, ...nodes: NodeJson[]): WorkflowJson {
	const all = [manualTrigger(), ...nodes].map((n, i) => ({ ...n, position: [i * 260, 0] }));
	return { name, nodes: all, connections: chainConnections(all.map((n) => n.name)) };
}

export function editorWorkflows(credential: Credential) {
	return {
		dynamicCreate: chainWorkflow(
			'Editor: Create Account (any object)',
			actionNode('Create Account', credential, {
				resource: 'record',
				operation: 'create',
				sobject: locator('Account', 'name'),
				columns: mapper({ Name: "={{ 'Editor check ' + $execution.id }}", Industry: 'Technology' }),
			}),
		),
		mapperNoObject: chainWorkflow('Editor: Create without an object', actionNode('Create Record', credential, { resource: 'record', operation: 'create' })),
		mapperMissingObject: chainWorkflow(
			'Editor: Create on a missing object',
			actionNode('Create Nothing', credential, { resource: 'record', operation: 'create', sobject: locator('No_Such_Object__c', 'name') }),
		),
		staticOpportunity: chainWorkflow(
			'Editor: Create Opportunity (static)',
			actionNode('Create Opportunity', credential, { resource: 'opportunity', operation: 'create' }),
		),
		getRecords: chainWorkflow(
			'Editor: Get Records with custom logic',
			actionNode('Get Accounts', credential, {
				resource: 'record',
				operation: 'getMany',
				sobject: locator('Account', 'name'),
				fieldsToReturn: 'selected',
				selectedFields: ['Name', 'Industry', 'AnnualRevenue', 'Owner.Name'],
				conditions: {
					condition: [
						{ field: 'Rating', operator: 'equals', value: 'Hot' },
						{ field: 'AnnualRevenue', operator: 'gt', value: '100000000' },
						{ field: 'NumberOfEmployees', operator: 'gt', value: '10000' },
					],
				},
				filterLogic: 'custom',
				customLogic: '1 AND (2 OR 3)',
				limit: 10,
			}),
		),
		trigger: {
			name: 'Editor: Trigger on new Opportunities',
			nodes: [
				{
					id: 'Trigger',
					name: 'On New Opportunity',
					type: 'n8n-nodes-salesforce-connector.salesforceConnectorTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: { authentication: 'oAuth2', event: 'new', sobject: locator('Opportunity', 'name'), pollTimes: { item: [{ mode: 'everyX', value: 5, unit: 'minutes' }] } },
					credentials: { salesforceConnectorOAuth2Api: credential },
				},
			],
			connections: {},
		} satisfies WorkflowJson,
		upload: chainWorkflow(
			'Editor: Upload a file',
			{ id: 'Text', name: 'Notes', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [0, 0], parameters: { assignments: { assignments: [{ id: 'a', name: 'text', value: 'Meeting notes from the editor check', type: 'string' }] }, options: {} } },
			{ id: 'File', name: 'To File', type: 'n8n-nodes-base.convertToFile', typeVersion: 1.1, position: [0, 0], parameters: { operation: 'toText', sourceProperty: 'text', options: { fileName: 'notes.txt' } } },
			actionNode('Upload File', credential, { resource: 'file', operation: 'upload', linkedRecordId: '0018d0000000001AAA' }),
		),
	};
}
