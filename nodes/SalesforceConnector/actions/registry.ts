/**
 * Every operation of the action node: operations[resource][operation]. Adding an operation means writing its module
 * and adding its line here; the description and the router are built from this table.
 */
import { STATIC_OBJECTS, type StaticObjectDef } from '../../../shared/catalogue';
import * as getInfo from './connection/getInfo.operation';
import * as download from './file/download.operation';
import * as upload from './file/upload.operation';
import * as create from './record/create.operation';
import * as del from './record/delete.operation';
import * as get from './record/get.operation';
import * as getMany from './record/getMany.operation';
import * as soql from './record/soql.operation';
import * as update from './record/update.operation';
import * as upsert from './record/upsert.operation';
import type { Operation, OperationRegistry } from './types';

/** The static actions of one catalogue object: the record operations with labelled parameters. */
function staticResource(def: StaticObjectDef): Record<string, Operation> {
	return {
		create: create.staticOperation(def),
		upsert: upsert.staticOperation(def),
		delete: del.staticOperation(def),
		get: get.staticOperation(def),
		update: update.staticOperation(def),
	};
}

export const operations: OperationRegistry = {
	connection: { getInfo: getInfo.operation },
	file: { upload: upload.operation, download: download.operation },
	record: {
		create: create.operation,
		upsert: upsert.operation,
		delete: del.operation,
		get: get.operation,
		getMany: getMany.operation,
		soql: soql.operation,
		update: update.operation,
	},
	...Object.fromEntries(STATIC_OBJECTS.map((def) => [def.resource, staticResource(def)])),
};

export function findOperation(resource: string, operation: string): Operation | undefined {
	return Object.hasOwn(operations, resource) && Object.hasOwn(operations[resource], operation) ? operations[resource][operation] : undefined;
}
