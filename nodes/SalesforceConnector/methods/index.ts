export * as credentialTest from './credentialTest';
import { recordSearchMethods, searchObjects } from './listSearch';

export const listSearch = { searchObjects, ...recordSearchMethods };
export * as loadOptions from './loadOptions';
export * as resourceMapping from './resourceMapping';
