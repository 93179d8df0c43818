/**
 * An ICredentialsHelper for tests that behaves like n8n's own (packages/cli CredentialsHelper) where our nodes can
 * tell: defaults applied, `={{ $self[...] }}` expressions in credential properties resolved, generic `authenticate`
 * resolved, `preAuthentication` for expirable tokens, and OAuth2 token updates stored (a rotated refresh token
 * included). It keeps every update so tests can assert on what n8n would have persisted.
 */
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export interface CredentialUpdate {
	id: string;
	type: string;
	kind: 'oauthTokenData' | 'credentials';
	data: ICredentialDataDecryptedObject;
}

/** The one node type the expression workflow knows: a placeholder node, as n8n's CredentialsHelper uses. */
const mockNodeType: INodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: [],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};
const noNodeTypes: INodeTypes = {
	getByName: () => mockNodeType,
	getByNameAndVersion: () => mockNodeType,
	getKnownTypes: () => ({}),
};

export class TestCredentialsHelper extends ICredentialsHelper {
	readonly store = new Map<string, StoredCredential>();
	readonly updates: CredentialUpdate[] = [];

	constructor(private readonly credentialTypes: Map<string, ICredentialType>) {
		super();
	}

	add(cred: StoredCredential): INodeCredentialsDetails {
		this.store.set(cred.id, { ...cred, data: structuredClone(cred.data) });
		return { id: cred.id, name: cred.name };
	}

	get(id: string): StoredCredential {
		const c = this.store.get(id);
		if (!c) throw new Error(`No test credential with id ${id}`);
		return c;
	}

	private type(name: string): ICredentialType {
		const t = this.credentialTypes.get(name);
		if (!t) throw new Error(`Unknown credential type ${name}`);
		return t;
	}

	getParentTypes(name: string): string[] {
		const parents = this.type(name).extends ?? [];
		return parents.flatMap((p) => [p, ...this.getParentTypes(p)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const own = this.type(type).properties;
		const inherited = (this.type(type).extends ?? []).flatMap((p) => this.getCredentialsProperties(p));
		const ownNames = new Set(own.map((p) => p.name));
		return [...inherited.filter((p) => !ownNames.has(p.name)), ...own];
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not used by these nodes');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		_executeData?: unknown,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.get(nodeCredentials.id ?? '');
		if (stored.type !== type) throw new Error(`Credential ${stored.id} is a ${stored.type}, not a ${type}`);
		const data = structuredClone(stored.data);
		if (raw) return data;
		return this.applyDefaultsAndResolve(type, data, mode);
	}

	/** What n8n does before handing credentials to a node: defaults, then `$self` expressions. */
	applyDefaultsAndResolve(
		type: string,
		data: ICredentialDataDecryptedObject,
		mode: WorkflowExecuteMode = 'manual',
	): ICredentialDataDecryptedObject {
		const properties = this.getCredentialsProperties(type);
		const withDefaults = NodeHelpers.getNodeParameters(properties, data as INodeParameters, true, false, null, null) as
			| ICredentialDataDecryptedObject
			| null;
		const merged = { ...data, ...(withDefaults ?? {}) };
		const mockNode: INode = {
			id: 'mock',
			name: 'mock',
			type: 'mock',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: noNodeTypes });
		return workflow.expression.getComplexParameterValue(
			mockNode,
			merged as never,
			mode,
			{},
			undefined,
			undefined,
			merged,
		) as ICredentialDataDecryptedObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const auth = this.type(typeName).authenticate;
		const options = requestOptions as IHttpRequestOptions;
		if (!auth) return options;
		if (typeof auth === 'function') return await auth(credentials, options);
		const resolve = (v: string) =>
			v.startsWith('=')
				? v.slice(1).replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_m, k: string) => String(credentials[k] ?? ''))
				: v;
		const props = auth.properties as Record<string, Record<string, string> | undefined>;
		for (const key of ['headers', 'qs', 'body'] as const) {
			const entries = props[key];
			if (!entries) continue;
			const target = ((options as unknown as Record<string, Record<string, string>>)[key] ??= {});
			for (const [k, v] of Object.entries(entries)) target[k] = resolve(String(v));
		}
		return options;
	}

	/** As n8n: an expirable hidden property that is empty (or a 401) triggers the type's preAuthentication. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) {
			return undefined;
		}
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) {
			throw new Error('The property returned by preAuthentication does not match the expirable property');
		}
		const nodeCredentials = node.credentials?.[typeName];
		const merged = { ...credentials, ...output } as ICredentialDataDecryptedObject;
		if (nodeCredentials) await this.updateCredentials(nodeCredentials, typeName, merged);
		return merged;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.get(nodeCredentials.id ?? '');
		stored.data = { ...stored.data, ...structuredClone(data) };
		this.updates.push({ id: stored.id, type, kind: 'credentials', data: structuredClone(data) });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.get(nodeCredentials.id ?? '');
		stored.data = { ...stored.data, oauthTokenData: structuredClone(data.oauthTokenData) };
		this.updates.push({ id: stored.id, type, kind: 'oauthTokenData', data: structuredClone(data) });
	}
}
