/**
 * The spec's list of objects available to the triggers and the dynamic record actions (the same list for both),
 * in the spec's order. The action node shows those the org has first in its object picker.
 */
export const SPEC_OBJECTS: readonly string[] = [
	'Address',
	'Approval',
	'Asset',
	'Audience',
	'Campaign',
	'CampaignInfluence',
	'CampaignMember',
	'Contract',
	'ContractLineItem',
	'Customer',
	'Entitlement',
	'Event',
	'Expense',
	'Incident',
	'IncidentRelatedItem',
	'ItemGroup',
	'ItemReceipt',
	'Job',
	'JournalEntry',
	'KitItem',
	'Location',
	'NonInventoryPurchaseItem',
	'NonInventoryResaleItem',
	'NonInventorySaleItem',
	'Note',
	'Opportunity',
	'OtherChargePurchaseItem',
	'OtherChargeResaleItem',
	'OtherChargeSaleItem',
	'Partner',
	'Payment',
	'PaymentItem',
	'PhoneCall',
	'Pricebook2',
	'PricebookEntry',
	'Problem',
	'ProblemRelatedItem',
	'PurchaseOrder',
	'Quote',
	'QuoteLineItem',
	'Refund',
	'ReturnAuthorization',
	'ReturnOrder',
	'ReturnOrderLineItem',
	'SalesOrder',
	'Seller',
	'ServicePurchaseItem',
	'ServiceResaleItem',
	'ServiceSaleItem',
	'Shift',
	'Shipment',
	'ShipmentItem',
	'Solution',
	'Task',
	'TransferOrder',
	'User',
	'UserRole',
	'Vendor',
	'VendorBill',
	'WorkOrder',
	'WorkOrderLineItem',
];

/**
 * Names in the spec's list that no Salesforce standard sObject has (checked against the Object Reference for the
 * Salesforce Platform and the field reference, API 66-68): they are record types of ERP systems (NetSuite's item,
 * transaction and entity records). An org has them only as custom objects (with a "__c" suffix), so the object
 * picker cannot find them by these names.
 *
 * Kept out of this list because Salesforce does have them: Approval (contract approvals, read-only), Audience
 * (Experience Cloud), Customer and Seller (party roles, API 53), Expense and Shift (Field Service), Incident,
 * IncidentRelatedItem, Problem, ProblemRelatedItem (Incident/Problem Management), Partner, Payment and Refund
 * (Salesforce Payments, API 48), PurchaseOrder (Manufacturing Cloud, API 65), ReturnOrder, Shipment, Location
 * and Address (Field Service / Order Management). Salesforce has VoiceCall, not PhoneCall; PaymentLineInvoice
 * and friends, not PaymentItem; ReturnOrder, not ReturnAuthorization.
 */
export const NON_STANDARD_SPEC_OBJECTS: readonly string[] = [
	'ItemGroup',
	'ItemReceipt',
	'Job',
	'JournalEntry',
	'KitItem',
	'NonInventoryPurchaseItem',
	'NonInventoryResaleItem',
	'NonInventorySaleItem',
	'OtherChargePurchaseItem',
	'OtherChargeResaleItem',
	'OtherChargeSaleItem',
	'PaymentItem',
	'PhoneCall',
	'ReturnAuthorization',
	'SalesOrder',
	'ServicePurchaseItem',
	'ServiceResaleItem',
	'ServiceSaleItem',
	'TransferOrder',
	'Vendor',
	'VendorBill',
];

const SPEC_SET = new Set(SPEC_OBJECTS.map((n) => n.toLowerCase()));
const NON_STANDARD_SET = new Set(NON_STANDARD_SPEC_OBJECTS.map((n) => n.toLowerCase()));

/** Whether the spec lists the object (API names are case-insensitive) */
export function isSpecObject(name: string): boolean {
	return SPEC_SET.has(name.toLowerCase());
}

/** Whether the spec lists the object but Salesforce has no standard object of that name */
export function isNonStandardSpecObject(name: string): boolean {
	return NON_STANDARD_SET.has(name.toLowerCase());
}

/** Position in the spec's list, for sorting an org's objects spec-first; undefined when not listed */
export function specObjectRank(name: string): number | undefined {
	const i = SPEC_OBJECTS.findIndex((n) => n.toLowerCase() === name.toLowerCase());
	return i < 0 ? undefined : i;
}
