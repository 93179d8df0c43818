/**
 * The engine harness: loads the BUILT package (dist/) the way n8n does (PackageDirectoryLoader), runs workflows
 * through n8n-core's WorkflowExecute, and runs polling triggers through a real PollContext with static data
 * serialised between polls (an n8n restart in between changes nothing).
 */
import path from 'node:path';

import {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	PollContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	Workflow,
	type ICredentialType,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type NodeParameterValueType,
} from 'n8n-workflow';

import { TestCredentialsHelper, type StoredCredential } from './credentials';
import { CounterPollFixture, ManualTriggerFixture, OAuth2ApiFixture, SetFixture } from './fixtures';
import { BINARY_FILES_TYPE, BinaryFileFixture } from './files';

export const PACKAGE_ROOT = path.resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-salesforce-connector';

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;

/** Loads dist/ once per test file, as n8n loads an installed community package. Run `npm run build` first. */
export async function loadPackage(): Promise<PackageDirectoryLoader> {
	loaderPromise ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		return loader;
	})();
	return await loaderPromise;
}

export class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Map<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const t = this.types.get(nodeType);
		if (!t) throw new Error(`Unknown node type ${nodeType}`);
		return t;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const t = this.getByName(nodeType);
		if ('nodeVersions' in t) return t.getNodeType(version);
		return t;
	}

	getKnownTypes(): IDataObject {
		return {};
	}

	/** Adds a node type from elsewhere (a benchmark's peer node, a fixture) */
	register(name: string, type: INodeType | IVersionedNodeType): void {
		this.types.set(name, type);
	}
}

export interface Harness {
	nodeTypes: TestNodeTypes;
	credentialsHelper: TestCredentialsHelper;
	credentialTypes: Map<string, ICredentialType>;
	addCredential(cred: StoredCredential): { id: string; name: string };
	additionalData(): IWorkflowExecuteAdditionalData;
}

export async function createHarness(): Promise<Harness> {
	const loader = await loadPackage();
	const types = new Map<string, INodeType | IVersionedNodeType>();
	for (const [name, { type }] of Object.entries(loader.nodeTypes)) types.set(`${PACKAGE_NAME}.${name}`, type);
	types.set('n8n-nodes-base.manualTrigger', new ManualTriggerFixture());
	types.set('n8n-nodes-base.set', new SetFixture());
	types.set('test.counterPoll', new CounterPollFixture());
	types.set(BINARY_FILES_TYPE, new BinaryFileFixture());
	const credentialTypes = new Map<string, ICredentialType>();
	for (const [name, { type }] of Object.entries(loader.credentialTypes)) credentialTypes.set(name, type);
	credentialTypes.set('oAuth2Api', new OAuth2ApiFixture());
	const credentialsHelper = new TestCredentialsHelper(credentialTypes);
	const nodeTypes = new TestNodeTypes(types);
	return {
		nodeTypes,
		credentialsHelper,
		credentialTypes,
		addCredential: (cred) => credentialsHelper.add(cred) as { id: string; name: string },
		additionalData: () => makeAdditionalData(credentialsHelper),
	};
}

function makeAdditionalData(credentialsHelper: TestCredentialsHelper): IWorkflowExecuteAdditionalData {
	const base = 'http://localhost:5678';
	return {
		credentialsHelper,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	staticData?: IDataObject;
}

export interface WorkflowRunResult {
	run: IRun;
	/** Output items of each node's first output, last run */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error a node raised, if any */
	error(nodeName: string): Error | undefined;
}

let executionCounter = 0;

/** Runs a workflow (as exported from n8n) from its trigger through WorkflowExecute. */
export async function runWorkflow(harness: Harness, wf: WorkflowJson): Promise<WorkflowRunResult> {
	const workflow = new Workflow({
		id: 'wf-test',
		name: wf.name ?? 'test',
		nodes: wf.nodes,
		connections: wf.connections,
		active: false,
		nodeTypes: harness.nodeTypes,
		staticData: wf.staticData ?? {},
		settings: { executionOrder: 'v1' },
	});
	const executionId = `exec-${++executionCounter}`;
	const workflowData: IWorkflowBase = {
		id: 'wf-test',
		name: wf.name ?? 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes: wf.nodes,
		connections: wf.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	const additionalData = harness.additionalData();
	additionalData.hooks = hooks;
	additionalData.executionId = executionId;
	const start = wf.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger') ?? wf.nodes[0];
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: start });
	const runData = run.data.resultData.runData;
	return {
		run,
		output(nodeName, outputIndex = 0) {
			const runs = runData[nodeName];
			if (!runs?.length) throw new Error(`Node "${nodeName}" did not run`);
			const last = runs[runs.length - 1];
			if (last.error) throw last.error;
			return last.data?.main?.[outputIndex] ?? [];
		},
		error(nodeName) {
			const runs = runData[nodeName];
			return runs?.[runs.length - 1]?.error ?? run.data.resultData.error ?? undefined;
		},
	};
}

/** A node of our package with the given parameters, ready to put in a workflow. */
export function packageNode(
	nodeName: 'salesforceConnector' | 'salesforceConnectorTrigger',
	parameters: Record<string, NodeParameterValueType>,
	extra: Partial<INode> = {},
): INode {
	return {
		id: extra.name ?? nodeName,
		name: extra.name ?? 'Salesforce',
		type: `${PACKAGE_NAME}.${nodeName}`,
		typeVersion: 1,
		position: [200, 0],
		parameters: parameters as INode['parameters'],
		...extra,
	};
}

/** Manual trigger -> nodes in a chain, as the editor connects them. */
export function chain(items: object[], ...nodes: INode[]): WorkflowJson {
	const trigger: INode = {
		id: 'trigger',
		name: 'Trigger',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(items) },
	};
	const all = [trigger, ...nodes];
	const connections: IConnections = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes: all, connections };
}

export interface PollResult {
	items: INodeExecutionData[] | null;
	/** Static data after the poll, serialised as n8n stores it */
	staticData: string;
}

/**
 * Runs one poll of a polling trigger node. `staticData` is the JSON string from the previous poll (or undefined):
 * it is parsed into a fresh Workflow each time, so nothing but what n8n persists survives between polls.
 */
export async function pollOnce(
	harness: Harness,
	node: INode,
	staticData: string | undefined,
	mode: 'trigger' | 'manual' = 'trigger',
): Promise<PollResult> {
	const workflow = new Workflow({
		id: 'wf-poll',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: harness.nodeTypes,
		staticData: staticData ? (JSON.parse(staticData) as IDataObject) : {},
	});
	const nodeType = harness.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	if (!nodeType.poll) throw new Error(`${node.type} is not a polling node`);
	const ctx = new PollContext(workflow, node, harness.additionalData(), mode, mode === 'manual' ? 'manual' : 'activate');
	const out = await nodeType.poll.call(ctx);
	return { items: out ? out[0] : null, staticData: JSON.stringify(workflow.staticData) };
}

/**
 * Calls a node's loadOptions / listSearch / resourceMapping method the way the editor does: through n8n-core's
 * LoadOptionsContext, with the node's current parameters.
 */
export async function callNodeMethod<T>(
	harness: Harness,
	node: INode,
	kind: 'loadOptions' | 'listSearch' | 'resourceMapping',
	method: string,
	...args: unknown[]
): Promise<T> {
	return await callNodeMethodAt<T>(harness, node, 'parameters', kind, method, ...args);
}

/**
 * The same for the parameter at `path`, as the editor sends it (e.g. `parameters.conditions.condition[1].operator`):
 * a method reading `&field` then gets that row's field.
 */
export async function callNodeMethodAt<T>(
	harness: Harness,
	node: INode,
	path: string,
	kind: 'loadOptions' | 'listSearch' | 'resourceMapping',
	method: string,
	...args: unknown[]
): Promise<T> {
	const workflow = new Workflow({ id: 'wf-edit', nodes: [node], connections: {}, active: false, nodeTypes: harness.nodeTypes });
	const additionalData = harness.additionalData();
	additionalData.currentNodeParameters = node.parameters;
	const ctx = new LoadOptionsContext(workflow, node, additionalData, path);
	const nodeType = harness.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const fn = (nodeType.methods?.[kind] as Record<string, (...a: unknown[]) => Promise<T>> | undefined)?.[method];
	if (!fn) throw new Error(`${node.type} has no ${kind}.${method}`);
	return await fn.call(ctx, ...args);
}
