/** Real outputs, through the engine against the sandbox org, have the shapes the shipped schemas promise. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { SCHEMA_DIR } from '../harness/outputSchemas';
import { startOrg, type TestOrg } from '../harness/org';
import { mapped, objectParam, runAction } from '../harness/workflows';

interface Schema {
	type: string | string[];
	properties?: Record<string, Schema>;
	required?: string[];
	additionalProperties?: boolean;
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function problems(value: unknown, schema: Schema, where = '$'): string[] {
	const types = Array.isArray(schema.type) ? schema.type : [schema.type];
	if (!types.includes(typeOf(value))) return [`${where} is ${typeOf(value)}, schema says ${types.join('|')}`];
	if (typeOf(value) !== 'object') return [];
	const obj = value as Record<string, unknown>;
	const out = (schema.required ?? []).filter((k) => !(k in obj)).map((k) => `${where}.${k} missing`);
	for (const [k, v] of Object.entries(obj)) {
		const sub = schema.properties?.[k];
		if (sub) out.push(...problems(v, sub, `${where}.${k}`));
		else if (schema.additionalProperties === false) out.push(`${where}.${k} not in schema`);
	}
	return out;
}

const schema = (resource: string, operation: string) => JSON.parse(readFileSync(path.join(SCHEMA_DIR, resource, `${operation}.json`), 'utf8')) as Schema;

let org: TestOrg;
beforeAll(async () => {
	org = await startOrg();
});
afterAll(async () => {
	await org?.close();
});

it('Create, Create or Update, Get by ID (dynamic and static) and Get Info match their schemas', async () => {
	const created = (await runAction(org, [{}], { resource: 'record', operation: 'create', sobject: objectParam('Account'), columns: mapped({ Name: 'Schema' }) })).output('Salesforce')[0].json;
	expect(problems(created, schema('record', 'create'))).toEqual([]);
	const upserted = (
		await runAction(org, [{}], { resource: 'record', operation: 'upsert', sobject: objectParam('Invoice__c'), columns: mapped({ External_Id__c: 'SCH-1', Name: 'x' }, ['External_Id__c']) })
	).output('Salesforce')[0].json;
	expect(problems(upserted, schema('record', 'upsert'))).toEqual([]);
	const id = String(created.id);
	const staticGet = (await runAction(org, [{}], { resource: 'account', operation: 'get', accountId: { __rl: true, mode: 'id', value: id } })).output('Salesforce')[0].json;
	expect(Object.keys(staticGet).length).toBeGreaterThan(10);
	expect(problems(staticGet, schema('account', 'get'))).toEqual([]);
	const info = (await runAction(org, [{}], { resource: 'connection', operation: 'getInfo' })).output('Salesforce')[0].json;
	expect(problems(info, schema('connection', 'getInfo'))).toEqual([]);
});

it('Get Records and SOQL Query items match their schemas', async () => {
	const many = (await runAction(org, [{}], { resource: 'record', operation: 'getMany', sobject: objectParam('Invoice__c'), limit: 5, options: { addSoql: true } })).output('Salesforce');
	expect(many.length).toBe(5);
	for (const item of many) expect(problems(item.json, schema('record', 'getMany'))).toEqual([]);
	const soql = (await runAction(org, [{}], { resource: 'record', operation: 'soql', soql: 'SELECT Name, Amount__c FROM Invoice__c', limit: 5, options: { addSoql: true } })).output('Salesforce');
	expect(soql.length).toBe(5);
	for (const item of soql) expect(problems(item.json, schema('record', 'soql'))).toEqual([]);
});
