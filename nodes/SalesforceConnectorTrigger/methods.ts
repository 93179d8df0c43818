/** The trigger's editor lists: the objects it can watch, and the query lists Get Records shows too. */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { SalesforceClient } from '../../shared/client/client';
import { withNodeErrors } from '../../shared/errors';
import { queryFieldMethods } from '../../shared/objects/fieldLists';
import { searchObjects as searchObjectsOf } from '../../shared/objects/search';

/**
 * Objects whose records can be queried. Describe global has no field list, so whether the object has the
 * timestamps the trigger needs is checked when the workflow is activated (or a test event is fetched).
 */
const searchObjects = withNodeErrors(async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchObjectsOf(await SalesforceClient.create(this), filter, paginationToken, (o) => o.queryable && o.retrieveable);
});

/** Fields to Return, a condition row's fields and operators (the sort list is unused: the trigger orders itself). */
export const loadOptions = queryFieldMethods;

export const listSearch = { searchObjects };
