export { withNodeErrors } from '../../../shared/errors';
export { currentObjectName } from '../../../shared/objects/locator';
