/**
 * The kinds of operation the action node runs. An operation is one module holding its description and its
 * behaviour; the router finds it in the registry (operations[resource][operation]) and hands it to its kind's runner.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { SalesforceClient } from '../../../shared/client/client';
import type { OutputSchema } from '../../../shared/outputSchema';
import type { SalesforceError } from '../../../shared/client/error';

/** One item's share of a batched operation, ready to send. */
export interface BatchJob {
	itemIndex: number;
	object: string;
}

/** What became of one job: saved/read (maybe with a warning), or an error (which may leave the outcome unknown). */
export type JobOutcome = { ok: true; json: IDataObject } | { ok: false; error: SalesforceError };

/** The write option "Bulk API": Auto (large groups), Always, Never */
export type BulkMode = 'auto' | 'always' | 'never';

export interface BatchOptions {
	allOrNone: boolean;
	returnFullRecord: boolean;
	bulk: BulkMode;
	/** how long a Bulk API job may take before its items are reported as unknown */
	bulkTimeoutMs: number;
	/** the execution's cancel signal, which stops waiting for a Bulk API job */
	cancelSignal?: AbortSignal;
}

/**
 * A write's Bulk API 2.0 path: a whole group (one object, one operation) as one ingest job instead of chunks of
 * collections calls. The runner decides which path a group takes; the operation says how a group is sent.
 */
export interface BulkPath<J extends BatchJob = BatchJob> {
	/** With Bulk API on Auto, groups of at least this many items take the Bulk path */
	autoThreshold: number;
	/** Items whose values a Bulk CSV cannot carry as REST's JSON does, with the reason (Auto keeps REST for their group) */
	problems(client: SalesforceClient, jobs: J[]): Promise<Map<number, string>>;
	/** One outcome per job, in order; throw a SalesforceError when nothing of the group can have been saved */
	send(client: SalesforceClient, jobs: J[], options: BatchOptions): Promise<JobOutcome[]>;
}

/**
 * Items are prepared one by one (every check before sending), grouped, chunked and sent by the shared runner; the
 * operation says how one chunk is sent and what each answer means.
 */
/** What every operation shows: its entry in the resource's Operation list and its own parameters. */
interface OperationBase {
	/** name, value, action and description in the Operation list */
	option: INodePropertyOptions;
	/** its parameters, each with displayOptions for its resource and operation */
	description: INodeProperties[];
	/** JSON Schema of one output item's json on success, shipped as __schema__ for the editor (generic when absent) */
	outputSchema?: OutputSchema;
}

export type { OutputSchema };

export interface BatchedOperation<J extends BatchJob = BatchJob> extends OperationBase {
	kind: 'batched';
	/** Past tense for messages: "created" */
	verb: string;
	/** Jobs per call (Salesforce's collection limit) */
	batchSize: number;
	/** Reads, whose failure changes nothing, ignore All or None */
	writes: boolean;
	prepare(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number): Promise<J>;
	/** Jobs with the same key go in the same calls (default: the object) */
	groupKey?(job: J): string;
	/** One outcome per job, in order; throw a SalesforceError when the whole call failed */
	send(client: SalesforceClient, jobs: J[], options: BatchOptions): Promise<JobOutcome[]>;
	/** Writes that can go through Bulk API 2.0 */
	bulk?: BulkPath<J>;
}

/** One item at a time, any number of output items each. */
export interface PerItemOperation extends OperationBase {
	kind: 'perItem';
	execute(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number): Promise<INodeExecutionData[]>;
}

/** What one item's query is: checked SOQL and how to read and output its records. */
export interface QueryPlan {
	/** Checked before any call: composed by the query model, or raw SOQL that passed its check */
	soql: string;
	/** queryAll: deleted and archived records too */
	includeDeleted: boolean;
	/** Sforce-Query-Options batchSize (200-2,000); undefined: Salesforce's default */
	batchSize?: number;
	/** Stop reading after this many records (raw SOQL, whose text is sent as written); undefined: every record */
	limit?: number;
	/** One item per record, or one item holding them all */
	output: 'records' | 'single';
	/** Put the SOQL that ran into the output (`_soql`) */
	addSoql: boolean;
	/** the object the query reads (its FROM) */
	object: string;
	/** the read option "Bulk API": Auto (large results), Always, Never */
	bulk: BulkMode;
	/** how long a Bulk API query job may take */
	bulkTimeoutMs: number;
	/** Where the Bulk-refused part of the query comes from, for the message: Get Records' options, or the SOQL text */
	origin: 'getMany' | 'soql';
}

/**
 * One query per input item (its expressions may differ per item): the operation plans it, the query runner reads the
 * pages and shapes the output.
 */
export interface QueryOperation extends OperationBase {
	kind: 'query';
	plan(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number): Promise<QueryPlan>;
}

/** Files between n8n's binary store and Salesforce. */
export interface BinaryOperation extends OperationBase {
	kind: 'binary';
	execute(this: IExecuteFunctions, client: SalesforceClient, itemIndex: number): Promise<INodeExecutionData[]>;
}

// method parameters are bivariant, so a module's own job type fits BatchedOperation<BatchJob>
export type Operation = BatchedOperation | PerItemOperation | QueryOperation | BinaryOperation;

export type OperationRegistry = Record<string, Record<string, Operation>>;
