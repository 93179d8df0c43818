/**
 * One poll of the trigger: the node's parameters to the core's options, a ChangeSource over the Salesforce client,
 * n8n's static data as the state holder, and the outcome as items, a log line or an n8n error.
 */
import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeParameterResourceLocator,
	type IPollFunctions,
} from 'n8n-workflow';

import { SalesforceClient } from '../../shared/client/client';
import { SalesforceError } from '../../shared/client/error';
import { aboveWarning, dailyUsageText, LIMIT_WARNING, usagePercent } from '../../shared/client/usage';
import { toNodeError, type NodeError } from '../../shared/errors';
import { QueryInputError, type FilterLogicType } from '../../shared/query';
import { conditionRow, fieldSelection } from '../../shared/query/parameters';
import {
	eventLabel,
	futureStart,
	runPoll,
	runTestEvent,
	TriggerDataError,
	TriggerOptionError,
	type ChangeItem,
	type ChangeSource,
	type StateHolder,
	type TriggerOptions,
} from '../../shared/trigger';
import { triggerOptions, type OptionsSettings, type TriggerParameters } from './query';

type Poll = IPollFunctions;

/** Salesforce's answers to a query naming a field or object that does not exist (any more). */
const SCHEMA_ERRORS = new Set(['INVALID_FIELD', 'INVALID_TYPE']);

export async function pollRecords(this: Poll): Promise<INodeExecutionData[][] | null> {
	let client: SalesforceClient | undefined;
	try {
		const params = readParameters(this);
		client = await SalesforceClient.create(this, { apiVersion: params.apiVersion });
		const settings = { parse: { now: new Date(), timeZone: this.getTimezone() }, hostNow: () => Date.now() };
		// Fetch Test Event keeps nothing: it describes afresh and never touches the state
		if (this.getMode() === 'manual') {
			const { options } = await triggerOptions(client, params.trigger, settings);
			return [await testEvent(this, client, options)];
		}
		return await activePoll(this, client, params.trigger, { ...settings, holder: this.getWorkflowStaticData('node') });
	} catch (error) {
		if (client) this.logger.debug(`Salesforce trigger: poll failed, ${usageOf(client)}`);
		throw triggerError(this, error);
	}
}

async function activePoll(
	ctx: Poll,
	client: SalesforceClient,
	params: TriggerParameters,
	settings: OptionsSettings & { holder: StateHolder },
): Promise<INodeExecutionData[][] | null> {
	const prepared = await triggerOptions(client, params, settings);
	let options = prepared.options;
	const run = async () =>
		await runPoll(changeSource(client), settings.holder, options, {
			leaseKey: `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`,
			budgetMs: typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() : undefined,
			hostNow: settings.hostNow,
		});
	const outcome = await run().catch(async (error: unknown) => {
		// a field or the object went away since the describe was kept: describe again and retry once
		if (!prepared.kept || !(error instanceof SalesforceError) || !SCHEMA_ERRORS.has(error.code)) throw error;
		options = (await triggerOptions(client, params, { ...settings, refresh: true })).options;
		return await run();
	});
	const usage = usageOf(client);
	// above 80% of the org's daily API requests every poll says so, an idle one too
	const high = aboveWarning(usagePercent(client.apiUsage));
	const summary = `${outcome.items.length} ${options.object} record${outcome.items.length === 1 ? '' : 's'} (${eventLabel(options.event)}), ${usage}`;
	if (outcome.status === 'partial') {
		ctx.logger.warn(
			`Salesforce trigger: a poll failed after ${summary}; they are delivered, the next poll continues after them${high ? `. The org's usage is ${LIMIT_WARNING}` : ''}`,
			{ error: triggerError(ctx, outcome.error).message },
		);
	} else if (outcome.status === 'busy' || outcome.status === 'superseded') {
		ctx.logger.info(`Salesforce trigger: skipped, another poll of this trigger ${outcome.status === 'busy' ? 'is running' : 'committed first'}; ${usage}`);
		return null;
	} else {
		const line = outcome.items.length > 0 ? `Salesforce trigger: ${summary}` : `Salesforce trigger: nothing new on ${options.object}, ${usage}`;
		if (high) ctx.logger.warn(`${line}, ${LIMIT_WARNING}`);
		else if (outcome.items.length > 0) ctx.logger.info(line);
		else ctx.logger.debug(line);
	}
	return outcome.items.length > 0 ? [outcome.items.map(toExecutionItem)] : null;
}

/** Fetch Test Event: the newest matching record, or an error that says there is none (never an empty success). */
async function testEvent(ctx: Poll, client: SalesforceClient, options: TriggerOptions): Promise<INodeExecutionData[]> {
	const items = await runTestEvent(changeSource(client), options);
	const orgNow = client.serverTime && Math.floor(client.serverTime.getTime() / 1000);
	// the start date is checked against the org's clock here too, as on the first active poll
	if (options.start.mode === 'date' && orgNow !== undefined && options.start.at > orgNow) throw futureStart(options.start.at, orgNow);
	ctx.logger.info(`Salesforce trigger: test event on ${options.object}, ${usageOf(client)}`);
	if (items.length === 0) {
		const where = options.filter ? ' that match the conditions' : '';
		throw new NodeOperationError(ctx.getNode(), `No ${options.object} records${where} to show for ${eventLabel(options.event)}`, {
			description:
				options.event === 'updated'
					? `None of the 200 most recently changed ${options.object} records${where} was edited after its creation. Edit one in Salesforce and fetch again.`
					: `Create${options.event === 'new' ? '' : ' or edit'} a ${options.object} record${where} in Salesforce and fetch again.`,
		});
	}
	return items.map(toExecutionItem);
}

/** One query as pages, each with the org's time of the response that carried it. */
function changeSource(client: SalesforceClient): ChangeSource {
	return {
		async *query(soql: string) {
			for await (const page of client.query(soql)) yield { records: page.records, serverTime: client.serverTime };
		},
	};
}

/** `{event, changedAt, ...record}`: the record as Salesforce returns it, without its `attributes`. */
function toExecutionItem(item: ChangeItem): INodeExecutionData {
	return { json: { event: item.event, changedAt: item.changedAt, ...withoutAttributes(item.record) } };
}

function withoutAttributes(record: Record<string, unknown>): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		if (key === 'attributes') continue;
		// a compound field (an address) or a related record: keep its values, drop its own attributes
		out[key] = value && typeof value === 'object' && !Array.isArray(value) ? withoutAttributes(value as Record<string, unknown>) : (value as IDataObject[string]);
	}
	return out;
}

/** "2 API calls; the org has used 13 of its 100,000 daily API requests (0.0%)" (Sforce-Limit-Info of the last answer) */
function usageOf(client: SalesforceClient): string {
	const calls = `${client.requestCount} API call${client.requestCount === 1 ? '' : 's'}`;
	const usage = client.apiUsage;
	const percent = usagePercent(usage);
	return usage && percent !== undefined ? `${calls}; ${dailyUsageText(usage, percent)}` : calls;
}

/** Our own checks as NodeOperationErrors with their fix; Salesforce's refusals as NodeApiErrors (toNodeError). */
function triggerError(ctx: Poll, error: unknown): NodeError {
	if (error instanceof TriggerOptionError || error instanceof QueryInputError) {
		const err = new NodeOperationError(ctx.getNode(), error.message, { description: error.hint });
		err.context.parameter = error instanceof TriggerOptionError ? error.option : (error.input ?? 'conditions');
		return err;
	}
	if (error instanceof TriggerDataError) {
		return new NodeOperationError(ctx.getNode(), error.message, {
			description: 'Salesforce returned something the trigger cannot place; nothing was delivered and the next poll tries again.',
		});
	}
	return toNodeError(ctx.getNode(), error);
}

interface Parameters {
	apiVersion?: string;
	trigger: TriggerParameters;
}

function readParameters(ctx: Poll): Parameters {
	const options = (ctx.getNodeParameter('options', {}) as IDataObject | null) ?? {};
	// the start date is part of the stream's identity: one that moves (an expression such as {{ $now }}) would start over on every poll
	const rawStart = (ctx.getNode().parameters.options as IDataObject | undefined)?.startDate;
	if (options.start === 'date' && typeof rawStart === 'string' && rawStart.startsWith('=')) {
		throw new TriggerOptionError(
			'Start Date is an expression',
			'Pick a fixed date: the trigger starts over whenever the start date changes, and an expression could change it on every poll.',
			'startDate',
		);
	}
	const object = ctx.getNodeParameter('sobject', '', { extractValue: true }) as INodeParameterResourceLocator | string;
	const rows = ((ctx.getNodeParameter('conditions', {}) as { condition?: IDataObject[] } | null)?.condition ?? []).map(conditionRow);
	const apiVersion = typeof options.apiVersion === 'string' ? options.apiVersion : undefined;
	return {
		apiVersion,
		trigger: {
			input: {
				object: typeof object === 'string' ? object : object.value,
				event: ctx.getNodeParameter('event', 'newOrUpdated'),
				changeField: options.changeField,
				start: options.start,
				startDate: options.startDate,
				maxPerPoll: options.maxPerPoll,
				lookbackMinutes: options.lookbackMinutes,
			},
			fields: fieldSelection(ctx.getNodeParameter('fieldsToReturn', 'all'), ctx.getNodeParameter('selectedFields', [])),
			conditions: rows,
			filterLogic: ctx.getNodeParameter('filterLogic', 'all') as FilterLogicType,
			customLogic: String(ctx.getNodeParameter('customLogic', '') ?? ''),
			context: [apiVersion ?? null, ctx.getNode().credentials ?? null],
		},
	};
}
