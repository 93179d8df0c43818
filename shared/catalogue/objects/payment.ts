import type { StaticObjectDef } from '../types';
import { field, lookup, picklist, text, textArea } from './builders';

/**
 * Payment (Salesforce Payments / Commerce Payments, API 48+): Object Reference for the Salesforce Platform,
 * "Payment", and the field reference's Payment table (lengths). Needs a Salesforce Payments, Order Management,
 * B2B or D2C Commerce license; a payment can be edited or deleted only while its Status is Draft.
 */
export const PAYMENT: StaticObjectDef = {
	apiName: 'Payment',
	label: 'Payment',
	labelPlural: 'Payments',
	resource: 'payment',
	keyPrefix: '0a3',
	nameField: 'PaymentNumber',
	fields: [
		field('Amount', 'Amount', 'currency', { requiredOnCreate: true }),
		picklist('Status', 'Status', ['Draft', 'Processed', 'Canceled', 'Pending', 'Failed'], {
			requiredOnCreate: true,
			restrictedPicklist: true,
		}),
		picklist('Type', 'Type', ['Capture', 'Sale'], { requiredOnCreate: true, restrictedPicklist: true }),
		picklist('ProcessingMode', 'Processing Mode', ['External', 'Salesforce'], {
			requiredOnCreate: true,
			restrictedPicklist: true,
			updateable: false,
		}),
		lookup('AccountId', 'Account ID', ['Account']),
		lookup('PaymentGroupId', 'Payment Group ID', ['PaymentGroup']),
		lookup('PaymentAuthorizationId', 'Payment Authorization ID', ['PaymentAuthorization']),
		lookup('PaymentGatewayId', 'Payment Gateway ID', ['PaymentGateway']),
		lookup('PaymentMethodId', 'Payment Method ID', ['AlternativePaymentMethod', 'CardPaymentMethod', 'DigitalWallet']),
		field('Date', 'Date', 'datetime'),
		field('EffectiveDate', 'Effective Date', 'datetime'),
		field('GatewayDate', 'Gateway Date', 'datetime'),
		text('GatewayRefNumber', 'Gateway Reference Number', 255),
		text('GatewayResultCode', 'Gateway Result Code', 64),
		text('GatewayResultCodeDescription', 'Gateway Result Code Description', 1000),
		picklist(
			'SfResultCode',
			'Salesforce Result Code',
			['Decline', 'Indeterminate', 'PermanentFail', 'RequiresReview', 'Success', 'SystemError', 'ValidationError'],
			{ restrictedPicklist: true },
		),
		field('CancellationDate', 'Cancellation Date', 'datetime'),
		field('CancellationEffectiveDate', 'Cancellation Effective Date', 'datetime'),
		textArea('Comments', 'Comments', 1000),
		field('Email', 'Audit Email', 'email', { length: 80 }),
		field('Phone', 'Audit Phone', 'phone', { length: 40 }),
		text('IpAddress', 'Audit IP Address', 39),
		text('MacAddress', 'Audit MAC Address', 17),
	],
};
