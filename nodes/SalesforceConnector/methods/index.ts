export * as credentialTest from './credentialTest';
import { recordSearchMethods, searchObjects } from './listSearch';
import * as fieldLists from './loadOptions';
import { picklistMethods } from './picklists';

export const listSearch = { searchObjects, ...recordSearchMethods };
export const loadOptions = { ...fieldLists, ...picklistMethods };
export * as resourceMapping from './resourceMapping';
