// Generated from schemas/ by `npm run schemas:types`. Do not edit: change the .avsc files instead.
/* eslint-disable @typescript-eslint/no-namespace */

export type AvroType = {
    "io.logistics.events.DeliveryException": IoLogisticsEvents.DeliveryException;
    "io.logistics.events.EtaUpdated"?: never;
    "io.logistics.events.InTransit"?: never;
    "io.logistics.events.InventoryAllocated"?: never;
    "io.logistics.events.OrderReleased"?: never;
    "io.logistics.events.PackCompleted"?: never;
    "io.logistics.events.PickCompleted"?: never;
    "io.logistics.events.ProofOfDeliveryReceived"?: never;
    "io.logistics.events.ReturnReceived"?: never;
    "io.logistics.events.ShipmentDispatched"?: never;
    "io.logistics.events.ShipmentNoticeReceived"?: never;
    "io.logistics.events.ShipmentPlanned"?: never;
} | {
    "io.logistics.events.DeliveryException"?: never;
    "io.logistics.events.EtaUpdated": IoLogisticsEvents.EtaUpdated;
    "io.logistics.events.InTransit"?: never;
    "io.logistics.events.InventoryAllocated"?: never;
    "io.logistics.events.OrderReleased"?: never;
    "io.logistics.events.PackCompleted"?: never;
    "io.logistics.events.PickCompleted"?: never;
    "io.logistics.events.ProofOfDeliveryReceived"?: never;
    "io.logistics.events.ReturnReceived"?: never;
    "io.logistics.events.ShipmentDispatched"?: never;
    "io.logistics.events.ShipmentNoticeReceived"?: never;
    "io.logistics.events.ShipmentPlanned"?: never;
} | {
    "io.logistics.events.DeliveryException"?: never;
    "io.logistics.events.EtaUpdated"?: never;
    "io.logistics.events.InTransit": IoLogisticsEvents.InTransit;
    "io.logistics.events.InventoryAllocated"?: never;
    "io.logistics.events.OrderReleased"?: never;
    "io.logistics.events.PackCompleted"?: never;
    "io.logistics.events.PickCompleted"?: never;
    "io.logistics.events.ProofOfDeliveryReceived"?: never;
    "io.logistics.events.ReturnReceived"?: never;
    "io.logistics.events.ShipmentDispatched"?: never;
    "io.logistics.events.ShipmentNoticeReceived"?: never;
    "io.logistics.events.ShipmentPlanned"?: never;
} | {
    "io.logistics.events.DeliveryException"?: never;
    "io.logistics.events.EtaUpdated"?: never;
    "io.logistics.events.InTransit"?: never;
    "io.logistics.events.InventoryAllocated": IoLogisticsEvents.InventoryAllocated;
    "io.logistics.events.OrderReleased"?: never;
    "io.logistics.events.PackCompleted"?: never;
    "io.logistics.events.PickCompleted"?: never;
    "io.logistics.events.ProofOfDeliveryReceived"?: never;
    "io.logistics.events.ReturnReceived"?: never;
    "io.logistics.events.ShipmentDispatched"?: never;
    "io.logistics.events.ShipmentNoticeReceived"?: never;
    "io.logistics.events.ShipmentPlanned"?: never;
} | {
    "io.logistics.events.DeliveryException"?: never;
    "io.logistics.events.EtaUpdated"?: never;
    "io.logistics.events.InTransit"?: never;
    "io.logistics.events.InventoryAllocated"?: never;
    "io.logistics.events.OrderReleased": IoLogisticsEvents.OrderReleased;
    "io.logistics.events.PackCompleted"?: never;
    "io.logistics.events.PickCompleted"?: never;
    "io.logistics.events.ProofOfDeliveryReceived"?: never;
    "io.logistics.events.ReturnReceived"?: never;
    "io.logistics.events.ShipmentDispatched"?: never;
    "io.logistics.events.ShipmentNoticeReceived"?: never;
    "io.logistics.events.ShipmentPlanned"?: never;
} | {
    "io.logistics.events.DeliveryException"?: never;
    "io.logistics.events.EtaUpdated"?: never;
    "io.logistics.events.InTransit"?: never;
    "io.logistics.events.InventoryAllocated"?: never;
    "io.logistics.events.OrderReleased"?: never;
    "io.logistics.events.PackCompleted": IoLogisticsEvents.PackCompleted;
    "io.logistics.events.PickCompleted"?: never;
    "io.logistics.events.ProofOfDeliveryReceived"?: never;
    "io.logistics.events.ReturnReceived"?: never;
    "io.logistics.events.ShipmentDispatched"?: never;
    "io.logistics.events.ShipmentNoticeReceived"?: never;
    "io.logistics.events.ShipmentPlanned"?: never;
} | {
    "io.logistics.events.DeliveryException"?: never;
    "io.logistics.events.EtaUpdated"?: never;
    "io.logistics.events.InTransit"?: never;
    "io.logistics.events.InventoryAllocated"?: never;
    "io.logistics.events.OrderReleased"?: never;
    "io.logistics.events.PackCompleted"?: never;
    "io.logistics.events.PickCompleted": IoLogisticsEvents.PickCompleted;
    "io.logistics.events.ProofOfDeliveryReceived"?: never;
    "io.logistics.events.ReturnReceived"?: never;
    "io.logistics.events.ShipmentDispatched"?: never;
    "io.logistics.events.ShipmentNoticeReceived"?: never;
    "io.logistics.events.ShipmentPlanned"?: never;
} | {
    "io.logistics.events.DeliveryException"?: never;
    "io.logistics.events.EtaUpdated"?: never;
    "io.logistics.events.InTransit"?: never;
    "io.logistics.events.InventoryAllocated"?: never;
    "io.logistics.events.OrderReleased"?: never;
    "io.logistics.events.PackCompleted"?: never;
    "io.logistics.events.PickCompleted"?: never;
    "io.logistics.events.ProofOfDeliveryReceived": IoLogisticsEvents.ProofOfDeliveryReceived;
    "io.logistics.events.ReturnReceived"?: never;
    "io.logistics.events.ShipmentDispatched"?: never;
    "io.logistics.events.ShipmentNoticeReceived"?: never;
    "io.logistics.events.ShipmentPlanned"?: never;
} | {
    "io.logistics.events.DeliveryException"?: never;
    "io.logistics.events.EtaUpdated"?: never;
    "io.logistics.events.InTransit"?: never;
    "io.logistics.events.InventoryAllocated"?: never;
    "io.logistics.events.OrderReleased"?: never;
    "io.logistics.events.PackCompleted"?: never;
    "io.logistics.events.PickCompleted"?: never;
    "io.logistics.events.ProofOfDeliveryReceived"?: never;
    "io.logistics.events.ReturnReceived": IoLogisticsEvents.ReturnReceived;
    "io.logistics.events.ShipmentDispatched"?: never;
    "io.logistics.events.ShipmentNoticeReceived"?: never;
    "io.logistics.events.ShipmentPlanned"?: never;
} | {
    "io.logistics.events.DeliveryException"?: never;
    "io.logistics.events.EtaUpdated"?: never;
    "io.logistics.events.InTransit"?: never;
    "io.logistics.events.InventoryAllocated"?: never;
    "io.logistics.events.OrderReleased"?: never;
    "io.logistics.events.PackCompleted"?: never;
    "io.logistics.events.PickCompleted"?: never;
    "io.logistics.events.ProofOfDeliveryReceived"?: never;
    "io.logistics.events.ReturnReceived"?: never;
    "io.logistics.events.ShipmentDispatched": IoLogisticsEvents.ShipmentDispatched;
    "io.logistics.events.ShipmentNoticeReceived"?: never;
    "io.logistics.events.ShipmentPlanned"?: never;
} | {
    "io.logistics.events.DeliveryException"?: never;
    "io.logistics.events.EtaUpdated"?: never;
    "io.logistics.events.InTransit"?: never;
    "io.logistics.events.InventoryAllocated"?: never;
    "io.logistics.events.OrderReleased"?: never;
    "io.logistics.events.PackCompleted"?: never;
    "io.logistics.events.PickCompleted"?: never;
    "io.logistics.events.ProofOfDeliveryReceived"?: never;
    "io.logistics.events.ReturnReceived"?: never;
    "io.logistics.events.ShipmentDispatched"?: never;
    "io.logistics.events.ShipmentNoticeReceived": IoLogisticsEvents.ShipmentNoticeReceived;
    "io.logistics.events.ShipmentPlanned"?: never;
} | {
    "io.logistics.events.DeliveryException"?: never;
    "io.logistics.events.EtaUpdated"?: never;
    "io.logistics.events.InTransit"?: never;
    "io.logistics.events.InventoryAllocated"?: never;
    "io.logistics.events.OrderReleased"?: never;
    "io.logistics.events.PackCompleted"?: never;
    "io.logistics.events.PickCompleted"?: never;
    "io.logistics.events.ProofOfDeliveryReceived"?: never;
    "io.logistics.events.ReturnReceived"?: never;
    "io.logistics.events.ShipmentDispatched"?: never;
    "io.logistics.events.ShipmentNoticeReceived"?: never;
    "io.logistics.events.ShipmentPlanned": IoLogisticsEvents.ShipmentPlanned;
};

export namespace IoLogisticsCommon {
    export const SourceKindSchema = "{\"type\":\"enum\",\"name\":\"SourceKind\",\"namespace\":\"io.logistics.common\",\"doc\":\"Category of the system that produced an event: warehouse management (WMS), transport management (TMS), carrier, ERP/order management, or an EDI trading partner.\",\"symbols\":[\"WMS\",\"TMS\",\"CARRIER\",\"ERP\",\"EDI\"]}";
    export const SourceKindName = "io.logistics.common.SourceKind";
    /**
     * Category of the system that produced an event: warehouse management (WMS), transport management (TMS), carrier, ERP/order management, or an EDI trading partner.
     */
    export type SourceKind = "WMS" | "TMS" | "CARRIER" | "ERP" | "EDI";
    export const EventSourceSchema = "{\"type\":\"record\",\"name\":\"EventSource\",\"namespace\":\"io.logistics.common\",\"doc\":\"Identifies the source system instance that emitted an event and the vendor's own id for it.\",\"fields\":[{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"SourceKind\",\"namespace\":\"io.logistics.common\",\"doc\":\"Category of the system that produced an event: warehouse management (WMS), transport management (TMS), carrier, ERP/order management, or an EDI trading partner.\",\"symbols\":[\"WMS\",\"TMS\",\"CARRIER\",\"ERP\",\"EDI\"]},\"doc\":\"Category of the source system.\"},{\"name\":\"system\",\"type\":\"string\",\"doc\":\"Identifier of the source system instance, e.g. \\\"wms-dc-east-01\\\" or \\\"carrier-ups-api\\\".\"},{\"name\":\"vendorEventId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Identifier the vendor gave this delivery of the event (e.g. webhook id or X12 ISA13/ST02), used for de-duplication; null if the source provides none.\"}]}";
    export const EventSourceName = "io.logistics.common.EventSource";
    /**
     * Identifies the source system instance that emitted an event and the vendor's own id for it.
     */
    export interface EventSource {
        /**
         * Category of the source system.
         */
        kind: IoLogisticsCommon.SourceKind;
        /**
         * Identifier of the source system instance, e.g. "wms-dc-east-01" or "carrier-ups-api".
         */
        system: string;
        /**
         * Identifier the vendor gave this delivery of the event (e.g. webhook id or X12 ISA13/ST02), used for de-duplication; null if the source provides none.
         *
         * Default: null
         */
        vendorEventId: null | string;
    }
    export const EnvelopeSchema = "{\"type\":\"record\",\"name\":\"Envelope\",\"namespace\":\"io.logistics.common\",\"doc\":\"Metadata common to every event on the backbone; it is always the first field of an event record.\",\"fields\":[{\"name\":\"eventId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Globally unique identifier of this event (UUID), assigned once and kept across retries.\"},{\"name\":\"eventType\",\"type\":\"string\",\"doc\":\"Simple name of the event record, e.g. \\\"PickCompleted\\\".\"},{\"name\":\"occurredAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the event happened in the source system, UTC epoch milliseconds.\"},{\"name\":\"recordedAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the backbone accepted the event, UTC epoch milliseconds.\"},{\"name\":\"source\",\"type\":{\"type\":\"record\",\"name\":\"EventSource\",\"namespace\":\"io.logistics.common\",\"doc\":\"Identifies the source system instance that emitted an event and the vendor's own id for it.\",\"fields\":[{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"SourceKind\",\"namespace\":\"io.logistics.common\",\"doc\":\"Category of the system that produced an event: warehouse management (WMS), transport management (TMS), carrier, ERP/order management, or an EDI trading partner.\",\"symbols\":[\"WMS\",\"TMS\",\"CARRIER\",\"ERP\",\"EDI\"]},\"doc\":\"Category of the source system.\"},{\"name\":\"system\",\"type\":\"string\",\"doc\":\"Identifier of the source system instance, e.g. \\\"wms-dc-east-01\\\" or \\\"carrier-ups-api\\\".\"},{\"name\":\"vendorEventId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Identifier the vendor gave this delivery of the event (e.g. webhook id or X12 ISA13/ST02), used for de-duplication; null if the source provides none.\"}]},\"doc\":\"The system that produced the event.\"},{\"name\":\"correlationId\",\"type\":\"string\",\"doc\":\"Identifier that ties together all events of one business flow (e.g. one order through delivery).\"},{\"name\":\"causationId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"eventId of the event that directly caused this one; null if it was not caused by another backbone event.\"},{\"name\":\"shipmentId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Shipment identifier and the Kafka partition key; null only for events that happen before a shipment exists, which are keyed \\\"order:<orderId>\\\".\"},{\"name\":\"orderId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Order identifier the event relates to, if any.\"},{\"name\":\"warehouseId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Identifier of the warehouse or distribution center involved, if any.\"},{\"name\":\"carrierCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Code of the carrier involved (preferably the SCAC), if any.\"},{\"name\":\"trackingNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Carrier tracking number (master or scanned package) the event relates to, if any.\"}]}";
    export const EnvelopeName = "io.logistics.common.Envelope";
    /**
     * Metadata common to every event on the backbone; it is always the first field of an event record.
     */
    export interface Envelope {
        /**
         * Globally unique identifier of this event (UUID), assigned once and kept across retries.
         */
        eventId: string;
        /**
         * Simple name of the event record, e.g. "PickCompleted".
         */
        eventType: string;
        /**
         * When the event happened in the source system, UTC epoch milliseconds.
         */
        occurredAt: Date;
        /**
         * When the backbone accepted the event, UTC epoch milliseconds.
         */
        recordedAt: Date;
        /**
         * The system that produced the event.
         */
        source: IoLogisticsCommon.EventSource;
        /**
         * Identifier that ties together all events of one business flow (e.g. one order through delivery).
         */
        correlationId: string;
        /**
         * eventId of the event that directly caused this one; null if it was not caused by another backbone event.
         *
         * Default: null
         */
        causationId: null | string;
        /**
         * Shipment identifier and the Kafka partition key; null only for events that happen before a shipment exists, which are keyed "order:<orderId>".
         *
         * Default: null
         */
        shipmentId: null | string;
        /**
         * Order identifier the event relates to, if any.
         *
         * Default: null
         */
        orderId: null | string;
        /**
         * Identifier of the warehouse or distribution center involved, if any.
         *
         * Default: null
         */
        warehouseId: null | string;
        /**
         * Code of the carrier involved (preferably the SCAC), if any.
         *
         * Default: null
         */
        carrierCode: null | string;
        /**
         * Carrier tracking number (master or scanned package) the event relates to, if any.
         *
         * Default: null
         */
        trackingNumber: null | string;
    }
    export const DeliveryExceptionReasonSchema = "{\"type\":\"enum\",\"name\":\"DeliveryExceptionReason\",\"namespace\":\"io.logistics.common\",\"doc\":\"Normalized reason for a delivery exception; the carrier's own code is kept alongside it.\",\"symbols\":[\"ADDRESS_ISSUE\",\"RECIPIENT_UNAVAILABLE\",\"DAMAGED\",\"REFUSED\",\"WEATHER_DELAY\",\"CARRIER_DELAY\",\"LOST\",\"CUSTOMS_HOLD\",\"OTHER\"],\"default\":\"OTHER\"}";
    export const DeliveryExceptionReasonName = "io.logistics.common.DeliveryExceptionReason";
    /**
     * Normalized reason for a delivery exception; the carrier's own code is kept alongside it.
     */
    export type DeliveryExceptionReason = "ADDRESS_ISSUE" | "RECIPIENT_UNAVAILABLE" | "DAMAGED" | "REFUSED" | "WEATHER_DELAY" | "CARRIER_DELAY" | "LOST" | "CUSTOMS_HOLD" | "OTHER";
    export const LocationSchema = "{\"type\":\"record\",\"name\":\"Location\",\"namespace\":\"io.logistics.common\",\"doc\":\"A place at facility or city level; deliberately carries no personal data (no names, street lines, phone numbers or e-mails).\",\"fields\":[{\"name\":\"facilityId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Identifier of the facility (warehouse, hub, store or carrier terminal), if the place is a known facility.\"},{\"name\":\"city\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"City or locality name.\"},{\"name\":\"subdivisionCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"State, province or region as an ISO 3166-2 code, e.g. \\\"US-TX\\\".\"},{\"name\":\"postalCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Postal or ZIP code.\"},{\"name\":\"countryCode\",\"type\":\"string\",\"doc\":\"Country as an ISO 3166-1 alpha-2 code, e.g. \\\"US\\\" or \\\"DE\\\".\"}]}";
    export const LocationName = "io.logistics.common.Location";
    /**
     * A place at facility or city level; deliberately carries no personal data (no names, street lines, phone numbers or e-mails).
     */
    export interface Location {
        /**
         * Identifier of the facility (warehouse, hub, store or carrier terminal), if the place is a known facility.
         *
         * Default: null
         */
        facilityId: null | string;
        /**
         * City or locality name.
         *
         * Default: null
         */
        city: null | string;
        /**
         * State, province or region as an ISO 3166-2 code, e.g. "US-TX".
         *
         * Default: null
         */
        subdivisionCode: null | string;
        /**
         * Postal or ZIP code.
         *
         * Default: null
         */
        postalCode: null | string;
        /**
         * Country as an ISO 3166-1 alpha-2 code, e.g. "US" or "DE".
         */
        countryCode: string;
    }
    export const EtaChangeReasonSchema = "{\"type\":\"enum\",\"name\":\"EtaChangeReason\",\"namespace\":\"io.logistics.common\",\"doc\":\"Normalized reason why an estimated time of arrival changed.\",\"symbols\":[\"CARRIER_UPDATE\",\"PLAN_CHANGE\",\"DELIVERY_EXCEPTION\",\"WEATHER\",\"TRAFFIC\",\"APPOINTMENT_RESCHEDULED\",\"PREDICTION\",\"OTHER\"],\"default\":\"OTHER\"}";
    export const EtaChangeReasonName = "io.logistics.common.EtaChangeReason";
    /**
     * Normalized reason why an estimated time of arrival changed.
     */
    export type EtaChangeReason = "CARRIER_UPDATE" | "PLAN_CHANGE" | "DELIVERY_EXCEPTION" | "WEATHER" | "TRAFFIC" | "APPOINTMENT_RESCHEDULED" | "PREDICTION" | "OTHER";
    export const TransitMilestoneSchema = "{\"type\":\"enum\",\"name\":\"TransitMilestone\",\"namespace\":\"io.logistics.common\",\"doc\":\"Normalized carrier milestone for an in-transit scan; delivery and exceptions have their own events.\",\"symbols\":[\"PICKED_UP\",\"ARRIVED_AT_FACILITY\",\"DEPARTED_FACILITY\",\"IN_TRANSIT\",\"OUT_FOR_DELIVERY\",\"AVAILABLE_FOR_PICKUP\",\"CUSTOMS_CLEARED\",\"OTHER\"],\"default\":\"OTHER\"}";
    export const TransitMilestoneName = "io.logistics.common.TransitMilestone";
    /**
     * Normalized carrier milestone for an in-transit scan; delivery and exceptions have their own events.
     */
    export type TransitMilestone = "PICKED_UP" | "ARRIVED_AT_FACILITY" | "DEPARTED_FACILITY" | "IN_TRANSIT" | "OUT_FOR_DELIVERY" | "AVAILABLE_FOR_PICKUP" | "CUSTOMS_CLEARED" | "OTHER";
    export const LineItemSchema = "{\"type\":\"record\",\"name\":\"LineItem\",\"namespace\":\"io.logistics.common\",\"doc\":\"One product line with a quantity; what the quantity means (ordered, allocated, picked, ...) is stated by the field that holds the line.\",\"fields\":[{\"name\":\"lineNumber\",\"type\":\"int\",\"doc\":\"Line number within the source document (order, pick list, ASN, RMA), starting at 1.\"},{\"name\":\"sku\",\"type\":\"string\",\"doc\":\"Stock keeping unit identifying the product.\"},{\"name\":\"quantity\",\"type\":\"double\",\"doc\":\"Quantity of the product, expressed in unitOfMeasure.\"},{\"name\":\"unitOfMeasure\",\"type\":\"string\",\"doc\":\"Unit of measure of the quantity, e.g. \\\"EA\\\", \\\"CS\\\" or \\\"KG\\\" (UN/ECE Rec. 20 or X12 codes as agreed).\"},{\"name\":\"lotNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Lot or batch number for lot-controlled products; null otherwise.\"}]}";
    export const LineItemName = "io.logistics.common.LineItem";
    /**
     * One product line with a quantity; what the quantity means (ordered, allocated, picked, ...) is stated by the field that holds the line.
     */
    export interface LineItem {
        /**
         * Line number within the source document (order, pick list, ASN, RMA), starting at 1.
         */
        lineNumber: number;
        /**
         * Stock keeping unit identifying the product.
         */
        sku: string;
        /**
         * Quantity of the product, expressed in unitOfMeasure.
         */
        quantity: number;
        /**
         * Unit of measure of the quantity, e.g. "EA", "CS" or "KG" (UN/ECE Rec. 20 or X12 codes as agreed).
         */
        unitOfMeasure: string;
        /**
         * Lot or batch number for lot-controlled products; null otherwise.
         *
         * Default: null
         */
        lotNumber: null | string;
    }
    export const ServiceLevelSchema = "{\"type\":\"enum\",\"name\":\"ServiceLevel\",\"namespace\":\"io.logistics.common\",\"doc\":\"Carrier-neutral delivery service level; the carrier's own service code is carried separately where needed.\",\"symbols\":[\"SAME_DAY\",\"NEXT_DAY\",\"TWO_DAY\",\"THREE_DAY\",\"STANDARD\",\"ECONOMY\",\"SCHEDULED\",\"OTHER\"],\"default\":\"OTHER\"}";
    export const ServiceLevelName = "io.logistics.common.ServiceLevel";
    /**
     * Carrier-neutral delivery service level; the carrier's own service code is carried separately where needed.
     */
    export type ServiceLevel = "SAME_DAY" | "NEXT_DAY" | "TWO_DAY" | "THREE_DAY" | "STANDARD" | "ECONOMY" | "SCHEDULED" | "OTHER";
    export const WeightUnitSchema = "{\"type\":\"enum\",\"name\":\"WeightUnit\",\"namespace\":\"io.logistics.common\",\"doc\":\"Unit of a weight: kilograms (KG) or pounds (LB).\",\"symbols\":[\"KG\",\"LB\"]}";
    export const WeightUnitName = "io.logistics.common.WeightUnit";
    /**
     * Unit of a weight: kilograms (KG) or pounds (LB).
     */
    export type WeightUnit = "KG" | "LB";
    export const WeightSchema = "{\"type\":\"record\",\"name\":\"Weight\",\"namespace\":\"io.logistics.common\",\"doc\":\"A weight with its unit.\",\"fields\":[{\"name\":\"value\",\"type\":\"double\",\"doc\":\"Weight value, expressed in unit.\"},{\"name\":\"unit\",\"type\":{\"type\":\"enum\",\"name\":\"WeightUnit\",\"namespace\":\"io.logistics.common\",\"doc\":\"Unit of a weight: kilograms (KG) or pounds (LB).\",\"symbols\":[\"KG\",\"LB\"]},\"doc\":\"Unit of the weight value.\"}]}";
    export const WeightName = "io.logistics.common.Weight";
    /**
     * A weight with its unit.
     */
    export interface Weight {
        /**
         * Weight value, expressed in unit.
         */
        value: number;
        /**
         * Unit of the weight value.
         */
        unit: IoLogisticsCommon.WeightUnit;
    }
    export const LengthUnitSchema = "{\"type\":\"enum\",\"name\":\"LengthUnit\",\"namespace\":\"io.logistics.common\",\"doc\":\"Unit of a length: centimetres (CM) or inches (IN).\",\"symbols\":[\"CM\",\"IN\"]}";
    export const LengthUnitName = "io.logistics.common.LengthUnit";
    /**
     * Unit of a length: centimetres (CM) or inches (IN).
     */
    export type LengthUnit = "CM" | "IN";
    export const DimensionsSchema = "{\"type\":\"record\",\"name\":\"Dimensions\",\"namespace\":\"io.logistics.common\",\"doc\":\"Outer dimensions of a package or handling unit.\",\"fields\":[{\"name\":\"length\",\"type\":\"double\",\"doc\":\"Length (longest side), expressed in unit.\"},{\"name\":\"width\",\"type\":\"double\",\"doc\":\"Width, expressed in unit.\"},{\"name\":\"height\",\"type\":\"double\",\"doc\":\"Height, expressed in unit.\"},{\"name\":\"unit\",\"type\":{\"type\":\"enum\",\"name\":\"LengthUnit\",\"namespace\":\"io.logistics.common\",\"doc\":\"Unit of a length: centimetres (CM) or inches (IN).\",\"symbols\":[\"CM\",\"IN\"]},\"doc\":\"Unit of length, width and height.\"}]}";
    export const DimensionsName = "io.logistics.common.Dimensions";
    /**
     * Outer dimensions of a package or handling unit.
     */
    export interface Dimensions {
        /**
         * Length (longest side), expressed in unit.
         */
        length: number;
        /**
         * Width, expressed in unit.
         */
        width: number;
        /**
         * Height, expressed in unit.
         */
        height: number;
        /**
         * Unit of length, width and height.
         */
        unit: IoLogisticsCommon.LengthUnit;
    }
    export const ReturnConditionSchema = "{\"type\":\"enum\",\"name\":\"ReturnCondition\",\"namespace\":\"io.logistics.common\",\"doc\":\"Condition of returned goods as assessed at receipt.\",\"symbols\":[\"SELLABLE\",\"OPENED\",\"DAMAGED\",\"DEFECTIVE\",\"INCOMPLETE\",\"UNKNOWN\"],\"default\":\"UNKNOWN\"}";
    export const ReturnConditionName = "io.logistics.common.ReturnCondition";
    /**
     * Condition of returned goods as assessed at receipt.
     */
    export type ReturnCondition = "SELLABLE" | "OPENED" | "DAMAGED" | "DEFECTIVE" | "INCOMPLETE" | "UNKNOWN";
}

export namespace IoLogisticsEvents {
    export const DeliveryExceptionSchema = "{\"type\":\"record\",\"name\":\"DeliveryException\",\"namespace\":\"io.logistics.events\",\"doc\":\"A carrier reported a problem that delays or prevents delivery of the shipment.\",\"fields\":[{\"name\":\"envelope\",\"type\":{\"type\":\"record\",\"name\":\"Envelope\",\"namespace\":\"io.logistics.common\",\"doc\":\"Metadata common to every event on the backbone; it is always the first field of an event record.\",\"fields\":[{\"name\":\"eventId\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Globally unique identifier of this event (UUID), assigned once and kept across retries.\"},{\"name\":\"eventType\",\"type\":\"string\",\"doc\":\"Simple name of the event record, e.g. \\\"PickCompleted\\\".\"},{\"name\":\"occurredAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the event happened in the source system, UTC epoch milliseconds.\"},{\"name\":\"recordedAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the backbone accepted the event, UTC epoch milliseconds.\"},{\"name\":\"source\",\"type\":{\"type\":\"record\",\"name\":\"EventSource\",\"namespace\":\"io.logistics.common\",\"doc\":\"Identifies the source system instance that emitted an event and the vendor's own id for it.\",\"fields\":[{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"SourceKind\",\"namespace\":\"io.logistics.common\",\"doc\":\"Category of the system that produced an event: warehouse management (WMS), transport management (TMS), carrier, ERP/order management, or an EDI trading partner.\",\"symbols\":[\"WMS\",\"TMS\",\"CARRIER\",\"ERP\",\"EDI\"]},\"doc\":\"Category of the source system.\"},{\"name\":\"system\",\"type\":\"string\",\"doc\":\"Identifier of the source system instance, e.g. \\\"wms-dc-east-01\\\" or \\\"carrier-ups-api\\\".\"},{\"name\":\"vendorEventId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Identifier the vendor gave this delivery of the event (e.g. webhook id or X12 ISA13/ST02), used for de-duplication; null if the source provides none.\"}]},\"doc\":\"The system that produced the event.\"},{\"name\":\"correlationId\",\"type\":\"string\",\"doc\":\"Identifier that ties together all events of one business flow (e.g. one order through delivery).\"},{\"name\":\"causationId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"eventId of the event that directly caused this one; null if it was not caused by another backbone event.\"},{\"name\":\"shipmentId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Shipment identifier and the Kafka partition key; null only for events that happen before a shipment exists, which are keyed \\\"order:<orderId>\\\".\"},{\"name\":\"orderId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Order identifier the event relates to, if any.\"},{\"name\":\"warehouseId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Identifier of the warehouse or distribution center involved, if any.\"},{\"name\":\"carrierCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Code of the carrier involved (preferably the SCAC), if any.\"},{\"name\":\"trackingNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Carrier tracking number (master or scanned package) the event relates to, if any.\"}]},\"doc\":\"Standard event metadata (see io.logistics.common.Envelope); envelope.carrierCode and envelope.trackingNumber are set.\"},{\"name\":\"reason\",\"type\":{\"type\":\"enum\",\"name\":\"DeliveryExceptionReason\",\"namespace\":\"io.logistics.common\",\"doc\":\"Normalized reason for a delivery exception; the carrier's own code is kept alongside it.\",\"symbols\":[\"ADDRESS_ISSUE\",\"RECIPIENT_UNAVAILABLE\",\"DAMAGED\",\"REFUSED\",\"WEATHER_DELAY\",\"CARRIER_DELAY\",\"LOST\",\"CUSTOMS_HOLD\",\"OTHER\"],\"default\":\"OTHER\"},\"doc\":\"Normalized reason for the exception.\"},{\"name\":\"carrierReasonCode\",\"type\":\"string\",\"doc\":\"Exception code exactly as received from the carrier.\"},{\"name\":\"description\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Human-readable description of the exception, with any personal data removed.\"},{\"name\":\"location\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"Location\",\"namespace\":\"io.logistics.common\",\"doc\":\"A place at facility or city level; deliberately carries no personal data (no names, street lines, phone numbers or e-mails).\",\"fields\":[{\"name\":\"facilityId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Identifier of the facility (warehouse, hub, store or carrier terminal), if the place is a known facility.\"},{\"name\":\"city\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"City or locality name.\"},{\"name\":\"subdivisionCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"State, province or region as an ISO 3166-2 code, e.g. \\\"US-TX\\\".\"},{\"name\":\"postalCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Postal or ZIP code.\"},{\"name\":\"countryCode\",\"type\":\"string\",\"doc\":\"Country as an ISO 3166-1 alpha-2 code, e.g. \\\"US\\\" or \\\"DE\\\".\"}]}],\"default\":null,\"doc\":\"Where the exception happened, if reported.\"},{\"name\":\"deliveryAttemptNumber\",\"type\":[\"null\",\"int\"],\"default\":null,\"doc\":\"Number of the failed delivery attempt (1 = first), if the exception is a failed attempt.\"},{\"name\":\"actionRequired\",\"type\":\"boolean\",\"default\":false,\"doc\":\"True if the shipper or customer must act (e.g. correct the address) before delivery can continue.\"},{\"name\":\"resolutionExpectedAt\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"When the carrier expects the exception to be resolved, UTC epoch milliseconds, if known.\"}]}";
    export const DeliveryExceptionName = "io.logistics.events.DeliveryException";
    /**
     * A carrier reported a problem that delays or prevents delivery of the shipment.
     */
    export interface DeliveryException {
        /**
         * Standard event metadata (see io.logistics.common.Envelope); envelope.carrierCode and envelope.trackingNumber are set.
         */
        envelope: IoLogisticsCommon.Envelope;
        /**
         * Normalized reason for the exception.
         */
        reason: IoLogisticsCommon.DeliveryExceptionReason;
        /**
         * Exception code exactly as received from the carrier.
         */
        carrierReasonCode: string;
        /**
         * Human-readable description of the exception, with any personal data removed.
         *
         * Default: null
         */
        description: null | string;
        /**
         * Where the exception happened, if reported.
         *
         * Default: null
         */
        location: null | IoLogisticsCommon.Location;
        /**
         * Number of the failed delivery attempt (1 = first), if the exception is a failed attempt.
         *
         * Default: null
         */
        deliveryAttemptNumber: null | number;
        /**
         * True if the shipper or customer must act (e.g. correct the address) before delivery can continue.
         *
         * Default: false
         */
        actionRequired: boolean;
        /**
         * When the carrier expects the exception to be resolved, UTC epoch milliseconds, if known.
         *
         * Default: null
         */
        resolutionExpectedAt: null | Date;
    }
    export const EtaUpdatedSchema = "{\"type\":\"record\",\"name\":\"EtaUpdated\",\"namespace\":\"io.logistics.events\",\"doc\":\"The estimated time of arrival of the shipment at its destination changed.\",\"fields\":[{\"name\":\"envelope\",\"type\":\"io.logistics.common.Envelope\",\"doc\":\"Standard event metadata (see io.logistics.common.Envelope); envelope.shipmentId is set.\"},{\"name\":\"previousEta\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"Previously communicated ETA, UTC epoch milliseconds; null if this is the first ETA.\"},{\"name\":\"newEta\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"New ETA, UTC epoch milliseconds.\"},{\"name\":\"etaWindowStart\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"Start of the new delivery window, UTC epoch milliseconds, if the source gives a window.\"},{\"name\":\"etaWindowEnd\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"End of the new delivery window, UTC epoch milliseconds, if the source gives a window.\"},{\"name\":\"reason\",\"type\":{\"type\":\"enum\",\"name\":\"EtaChangeReason\",\"namespace\":\"io.logistics.common\",\"doc\":\"Normalized reason why an estimated time of arrival changed.\",\"symbols\":[\"CARRIER_UPDATE\",\"PLAN_CHANGE\",\"DELIVERY_EXCEPTION\",\"WEATHER\",\"TRAFFIC\",\"APPOINTMENT_RESCHEDULED\",\"PREDICTION\",\"OTHER\"],\"default\":\"OTHER\"},\"doc\":\"Normalized reason for the change.\"},{\"name\":\"carrierReasonCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Reason code exactly as received from the carrier, if any.\"}]}";
    export const EtaUpdatedName = "io.logistics.events.EtaUpdated";
    /**
     * The estimated time of arrival of the shipment at its destination changed.
     */
    export interface EtaUpdated {
        /**
         * Standard event metadata (see io.logistics.common.Envelope); envelope.shipmentId is set.
         */
        envelope: IoLogisticsCommon.Envelope;
        /**
         * Previously communicated ETA, UTC epoch milliseconds; null if this is the first ETA.
         *
         * Default: null
         */
        previousEta: null | Date;
        /**
         * New ETA, UTC epoch milliseconds.
         */
        newEta: Date;
        /**
         * Start of the new delivery window, UTC epoch milliseconds, if the source gives a window.
         *
         * Default: null
         */
        etaWindowStart: null | Date;
        /**
         * End of the new delivery window, UTC epoch milliseconds, if the source gives a window.
         *
         * Default: null
         */
        etaWindowEnd: null | Date;
        /**
         * Normalized reason for the change.
         */
        reason: IoLogisticsCommon.EtaChangeReason;
        /**
         * Reason code exactly as received from the carrier, if any.
         *
         * Default: null
         */
        carrierReasonCode: null | string;
    }
    export const InTransitSchema = "{\"type\":\"record\",\"name\":\"InTransit\",\"namespace\":\"io.logistics.events\",\"doc\":\"A carrier reported an in-transit milestone scan for the shipment; the scan time is envelope.occurredAt (UTC).\",\"fields\":[{\"name\":\"envelope\",\"type\":\"io.logistics.common.Envelope\",\"doc\":\"Standard event metadata (see io.logistics.common.Envelope); envelope.carrierCode and envelope.trackingNumber (the scanned package) are set.\"},{\"name\":\"milestone\",\"type\":{\"type\":\"enum\",\"name\":\"TransitMilestone\",\"namespace\":\"io.logistics.common\",\"doc\":\"Normalized carrier milestone for an in-transit scan; delivery and exceptions have their own events.\",\"symbols\":[\"PICKED_UP\",\"ARRIVED_AT_FACILITY\",\"DEPARTED_FACILITY\",\"IN_TRANSIT\",\"OUT_FOR_DELIVERY\",\"AVAILABLE_FOR_PICKUP\",\"CUSTOMS_CLEARED\",\"OTHER\"],\"default\":\"OTHER\"},\"doc\":\"Normalized milestone the scan represents.\"},{\"name\":\"carrierStatusCode\",\"type\":\"string\",\"doc\":\"Status code exactly as received from the carrier.\"},{\"name\":\"carrierStatusDescription\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Status description as received from the carrier, with any personal data removed.\"},{\"name\":\"location\",\"type\":[\"null\",\"io.logistics.common.Location\"],\"default\":null,\"doc\":\"Where the scan happened, if reported.\"},{\"name\":\"carrierFacilityCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The carrier's own code for the scanning facility, if reported.\"},{\"name\":\"locationTimeZone\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"IANA time zone of the scan location, e.g. \\\"America/Chicago\\\", for local-time display.\"}]}";
    export const InTransitName = "io.logistics.events.InTransit";
    /**
     * A carrier reported an in-transit milestone scan for the shipment; the scan time is envelope.occurredAt (UTC).
     */
    export interface InTransit {
        /**
         * Standard event metadata (see io.logistics.common.Envelope); envelope.carrierCode and envelope.trackingNumber (the scanned package) are set.
         */
        envelope: IoLogisticsCommon.Envelope;
        /**
         * Normalized milestone the scan represents.
         */
        milestone: IoLogisticsCommon.TransitMilestone;
        /**
         * Status code exactly as received from the carrier.
         */
        carrierStatusCode: string;
        /**
         * Status description as received from the carrier, with any personal data removed.
         *
         * Default: null
         */
        carrierStatusDescription: null | string;
        /**
         * Where the scan happened, if reported.
         *
         * Default: null
         */
        location: null | IoLogisticsCommon.Location;
        /**
         * The carrier's own code for the scanning facility, if reported.
         *
         * Default: null
         */
        carrierFacilityCode: null | string;
        /**
         * IANA time zone of the scan location, e.g. "America/Chicago", for local-time display.
         *
         * Default: null
         */
        locationTimeZone: null | string;
    }
    export const InventoryAllocatedSchema = "{\"type\":\"record\",\"name\":\"InventoryAllocated\",\"namespace\":\"io.logistics.events\",\"doc\":\"The warehouse reserved stock for an order (fully or partially).\",\"fields\":[{\"name\":\"envelope\",\"type\":\"io.logistics.common.Envelope\",\"doc\":\"Standard event metadata (see io.logistics.common.Envelope); envelope.orderId and envelope.warehouseId are set.\"},{\"name\":\"allocationId\",\"type\":\"string\",\"doc\":\"Identifier of the allocation in the WMS.\"},{\"name\":\"waveId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Identifier of the wave the allocation belongs to, if the WMS works in waves.\"},{\"name\":\"fullyAllocated\",\"type\":\"boolean\",\"doc\":\"True if every ordered line was allocated in full.\"},{\"name\":\"lines\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"LineItem\",\"namespace\":\"io.logistics.common\",\"doc\":\"One product line with a quantity; what the quantity means (ordered, allocated, picked, ...) is stated by the field that holds the line.\",\"fields\":[{\"name\":\"lineNumber\",\"type\":\"int\",\"doc\":\"Line number within the source document (order, pick list, ASN, RMA), starting at 1.\"},{\"name\":\"sku\",\"type\":\"string\",\"doc\":\"Stock keeping unit identifying the product.\"},{\"name\":\"quantity\",\"type\":\"double\",\"doc\":\"Quantity of the product, expressed in unitOfMeasure.\"},{\"name\":\"unitOfMeasure\",\"type\":\"string\",\"doc\":\"Unit of measure of the quantity, e.g. \\\"EA\\\", \\\"CS\\\" or \\\"KG\\\" (UN/ECE Rec. 20 or X12 codes as agreed).\"},{\"name\":\"lotNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Lot or batch number for lot-controlled products; null otherwise.\"}]}},\"doc\":\"Allocated lines; quantity is the allocated quantity.\"},{\"name\":\"backorderedLines\",\"type\":{\"type\":\"array\",\"items\":\"io.logistics.common.LineItem\"},\"default\":[],\"doc\":\"Lines that could not be allocated; quantity is the unallocated (backordered) quantity.\"}]}";
    export const InventoryAllocatedName = "io.logistics.events.InventoryAllocated";
    /**
     * The warehouse reserved stock for an order (fully or partially).
     */
    export interface InventoryAllocated {
        /**
         * Standard event metadata (see io.logistics.common.Envelope); envelope.orderId and envelope.warehouseId are set.
         */
        envelope: IoLogisticsCommon.Envelope;
        /**
         * Identifier of the allocation in the WMS.
         */
        allocationId: string;
        /**
         * Identifier of the wave the allocation belongs to, if the WMS works in waves.
         *
         * Default: null
         */
        waveId: null | string;
        /**
         * True if every ordered line was allocated in full.
         */
        fullyAllocated: boolean;
        /**
         * Allocated lines; quantity is the allocated quantity.
         */
        lines: IoLogisticsCommon.LineItem[];
        /**
         * Lines that could not be allocated; quantity is the unallocated (backordered) quantity.
         *
         * Default: []
         */
        backorderedLines: IoLogisticsCommon.LineItem[];
    }
    export const OrderReleasedSchema = "{\"type\":\"record\",\"name\":\"OrderReleased\",\"namespace\":\"io.logistics.events\",\"doc\":\"An order was released for fulfilment to a warehouse; no shipment exists yet, so it is keyed \\\"order:<orderId>\\\".\",\"fields\":[{\"name\":\"envelope\",\"type\":\"io.logistics.common.Envelope\",\"doc\":\"Standard event metadata (see io.logistics.common.Envelope); envelope.orderId and envelope.warehouseId are set, envelope.shipmentId is null.\"},{\"name\":\"customerId\",\"type\":\"string\",\"doc\":\"Opaque identifier of the customer; never a name or contact detail.\"},{\"name\":\"purchaseOrderNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Customer's purchase order reference for the order, if any.\"},{\"name\":\"requestedShipDate\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"},\"doc\":\"Calendar date on which the order should ship, in the shipping warehouse's local time zone.\"},{\"name\":\"requestedDeliveryDate\",\"type\":[\"null\",{\"type\":\"int\",\"logicalType\":\"date\"}],\"default\":null,\"doc\":\"Calendar date by which the customer wants delivery, in the destination's local time zone, if requested.\"},{\"name\":\"serviceLevel\",\"type\":{\"type\":\"enum\",\"name\":\"ServiceLevel\",\"namespace\":\"io.logistics.common\",\"doc\":\"Carrier-neutral delivery service level; the carrier's own service code is carried separately where needed.\",\"symbols\":[\"SAME_DAY\",\"NEXT_DAY\",\"TWO_DAY\",\"THREE_DAY\",\"STANDARD\",\"ECONOMY\",\"SCHEDULED\",\"OTHER\"],\"default\":\"OTHER\"},\"doc\":\"Service level requested for the order.\"},{\"name\":\"destination\",\"type\":\"io.logistics.common.Location\",\"doc\":\"Where the order is to be delivered, at city/postal-code level only.\"},{\"name\":\"lines\",\"type\":{\"type\":\"array\",\"items\":\"io.logistics.common.LineItem\"},\"doc\":\"Ordered lines; quantity is the ordered quantity.\"}]}";
    export const OrderReleasedName = "io.logistics.events.OrderReleased";
    /**
     * An order was released for fulfilment to a warehouse; no shipment exists yet, so it is keyed "order:<orderId>".
     */
    export interface OrderReleased {
        /**
         * Standard event metadata (see io.logistics.common.Envelope); envelope.orderId and envelope.warehouseId are set, envelope.shipmentId is null.
         */
        envelope: IoLogisticsCommon.Envelope;
        /**
         * Opaque identifier of the customer; never a name or contact detail.
         */
        customerId: string;
        /**
         * Customer's purchase order reference for the order, if any.
         *
         * Default: null
         */
        purchaseOrderNumber: null | string;
        /**
         * Calendar date on which the order should ship, in the shipping warehouse's local time zone.
         */
        requestedShipDate: string;
        /**
         * Calendar date by which the customer wants delivery, in the destination's local time zone, if requested.
         *
         * Default: null
         */
        requestedDeliveryDate: null | string;
        /**
         * Service level requested for the order.
         */
        serviceLevel: IoLogisticsCommon.ServiceLevel;
        /**
         * Where the order is to be delivered, at city/postal-code level only.
         */
        destination: IoLogisticsCommon.Location;
        /**
         * Ordered lines; quantity is the ordered quantity.
         */
        lines: IoLogisticsCommon.LineItem[];
    }
    export const PackCompletedSchema = "{\"type\":\"record\",\"name\":\"PackCompleted\",\"namespace\":\"io.logistics.events\",\"doc\":\"Goods were packed into a package (carton) that is ready for labelling and shipping.\",\"fields\":[{\"name\":\"envelope\",\"type\":\"io.logistics.common.Envelope\",\"doc\":\"Standard event metadata (see io.logistics.common.Envelope); envelope.orderId and envelope.warehouseId are set; envelope.trackingNumber is set if a label was printed at pack.\"},{\"name\":\"packageId\",\"type\":\"string\",\"doc\":\"Identifier of the package (carton) in the WMS.\"},{\"name\":\"sscc\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"GS1 Serial Shipping Container Code (18 digits) on the package label, if one was assigned.\"},{\"name\":\"cartonType\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Code of the carton or packaging type used, e.g. \\\"BOX-M\\\".\"},{\"name\":\"weight\",\"type\":{\"type\":\"record\",\"name\":\"Weight\",\"namespace\":\"io.logistics.common\",\"doc\":\"A weight with its unit.\",\"fields\":[{\"name\":\"value\",\"type\":\"double\",\"doc\":\"Weight value, expressed in unit.\"},{\"name\":\"unit\",\"type\":{\"type\":\"enum\",\"name\":\"WeightUnit\",\"namespace\":\"io.logistics.common\",\"doc\":\"Unit of a weight: kilograms (KG) or pounds (LB).\",\"symbols\":[\"KG\",\"LB\"]},\"doc\":\"Unit of the weight value.\"}]},\"doc\":\"Gross weight of the packed package.\"},{\"name\":\"dimensions\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"Dimensions\",\"namespace\":\"io.logistics.common\",\"doc\":\"Outer dimensions of a package or handling unit.\",\"fields\":[{\"name\":\"length\",\"type\":\"double\",\"doc\":\"Length (longest side), expressed in unit.\"},{\"name\":\"width\",\"type\":\"double\",\"doc\":\"Width, expressed in unit.\"},{\"name\":\"height\",\"type\":\"double\",\"doc\":\"Height, expressed in unit.\"},{\"name\":\"unit\",\"type\":{\"type\":\"enum\",\"name\":\"LengthUnit\",\"namespace\":\"io.logistics.common\",\"doc\":\"Unit of a length: centimetres (CM) or inches (IN).\",\"symbols\":[\"CM\",\"IN\"]},\"doc\":\"Unit of length, width and height.\"}]}],\"default\":null,\"doc\":\"Outer dimensions of the package, if measured.\"},{\"name\":\"packStationId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Identifier of the pack station where packing happened.\"},{\"name\":\"lines\",\"type\":{\"type\":\"array\",\"items\":\"io.logistics.common.LineItem\"},\"doc\":\"Packed lines; quantity is the quantity packed into this package.\"}]}";
    export const PackCompletedName = "io.logistics.events.PackCompleted";
    /**
     * Goods were packed into a package (carton) that is ready for labelling and shipping.
     */
    export interface PackCompleted {
        /**
         * Standard event metadata (see io.logistics.common.Envelope); envelope.orderId and envelope.warehouseId are set; envelope.trackingNumber is set if a label was printed at pack.
         */
        envelope: IoLogisticsCommon.Envelope;
        /**
         * Identifier of the package (carton) in the WMS.
         */
        packageId: string;
        /**
         * GS1 Serial Shipping Container Code (18 digits) on the package label, if one was assigned.
         *
         * Default: null
         */
        sscc: null | string;
        /**
         * Code of the carton or packaging type used, e.g. "BOX-M".
         *
         * Default: null
         */
        cartonType: null | string;
        /**
         * Gross weight of the packed package.
         */
        weight: IoLogisticsCommon.Weight;
        /**
         * Outer dimensions of the package, if measured.
         *
         * Default: null
         */
        dimensions: null | IoLogisticsCommon.Dimensions;
        /**
         * Identifier of the pack station where packing happened.
         *
         * Default: null
         */
        packStationId: null | string;
        /**
         * Packed lines; quantity is the quantity packed into this package.
         */
        lines: IoLogisticsCommon.LineItem[];
    }
    export const PickCompletedSchema = "{\"type\":\"record\",\"name\":\"PickCompleted\",\"namespace\":\"io.logistics.events\",\"doc\":\"Picking of a pick list (or single pick task) finished in the warehouse; the pick time is envelope.occurredAt.\",\"fields\":[{\"name\":\"envelope\",\"type\":\"io.logistics.common.Envelope\",\"doc\":\"Standard event metadata (see io.logistics.common.Envelope); envelope.orderId and envelope.warehouseId are set.\"},{\"name\":\"pickListId\",\"type\":\"string\",\"doc\":\"Identifier of the pick list (pick ticket) that was completed.\"},{\"name\":\"pickTaskId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Identifier of the individual pick task, when the WMS reports per task rather than per list.\"},{\"name\":\"waveId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Identifier of the wave the pick belonged to, if any.\"},{\"name\":\"lines\",\"type\":{\"type\":\"array\",\"items\":\"io.logistics.common.LineItem\"},\"doc\":\"Picked lines; quantity is the picked quantity.\"},{\"name\":\"shortPicked\",\"type\":\"boolean\",\"doc\":\"True if at least one line was picked short of the requested quantity.\"},{\"name\":\"shortPickedLines\",\"type\":{\"type\":\"array\",\"items\":\"io.logistics.common.LineItem\"},\"default\":[],\"doc\":\"Lines picked short; quantity is the missing quantity.\"},{\"name\":\"toteIds\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[],\"doc\":\"Identifiers of the totes or containers the goods were picked into.\"}]}";
    export const PickCompletedName = "io.logistics.events.PickCompleted";
    /**
     * Picking of a pick list (or single pick task) finished in the warehouse; the pick time is envelope.occurredAt.
     */
    export interface PickCompleted {
        /**
         * Standard event metadata (see io.logistics.common.Envelope); envelope.orderId and envelope.warehouseId are set.
         */
        envelope: IoLogisticsCommon.Envelope;
        /**
         * Identifier of the pick list (pick ticket) that was completed.
         */
        pickListId: string;
        /**
         * Identifier of the individual pick task, when the WMS reports per task rather than per list.
         *
         * Default: null
         */
        pickTaskId: null | string;
        /**
         * Identifier of the wave the pick belonged to, if any.
         *
         * Default: null
         */
        waveId: null | string;
        /**
         * Picked lines; quantity is the picked quantity.
         */
        lines: IoLogisticsCommon.LineItem[];
        /**
         * True if at least one line was picked short of the requested quantity.
         */
        shortPicked: boolean;
        /**
         * Lines picked short; quantity is the missing quantity.
         *
         * Default: []
         */
        shortPickedLines: IoLogisticsCommon.LineItem[];
        /**
         * Identifiers of the totes or containers the goods were picked into.
         *
         * Default: []
         */
        toteIds: string[];
    }
    export const ProofOfDeliveryReceivedSchema = "{\"type\":\"record\",\"name\":\"ProofOfDeliveryReceived\",\"namespace\":\"io.logistics.events\",\"doc\":\"Proof of delivery for the shipment was received from the carrier; it holds no recipient names.\",\"fields\":[{\"name\":\"envelope\",\"type\":\"io.logistics.common.Envelope\",\"doc\":\"Standard event metadata (see io.logistics.common.Envelope); envelope.carrierCode and envelope.trackingNumber are set.\"},{\"name\":\"deliveredAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"When the shipment was delivered, UTC epoch milliseconds (may precede envelope.occurredAt).\"},{\"name\":\"signatureCaptured\",\"type\":\"boolean\",\"doc\":\"True if a signature was captured at delivery; the signer's name is never carried.\"},{\"name\":\"podReference\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Carrier reference of the proof-of-delivery record, if any.\"},{\"name\":\"documentUrl\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Access-controlled URL of the POD document or image, if available.\"},{\"name\":\"location\",\"type\":[\"null\",\"io.logistics.common.Location\"],\"default\":null,\"doc\":\"Where the delivery happened, at city/postal-code level only.\"},{\"name\":\"piecesDelivered\",\"type\":[\"null\",\"int\"],\"default\":null,\"doc\":\"Number of packages delivered, if reported.\"},{\"name\":\"exceptionsNoted\",\"type\":\"boolean\",\"default\":false,\"doc\":\"True if overage, shortage or damage was noted on the POD.\"}]}";
    export const ProofOfDeliveryReceivedName = "io.logistics.events.ProofOfDeliveryReceived";
    /**
     * Proof of delivery for the shipment was received from the carrier; it holds no recipient names.
     */
    export interface ProofOfDeliveryReceived {
        /**
         * Standard event metadata (see io.logistics.common.Envelope); envelope.carrierCode and envelope.trackingNumber are set.
         */
        envelope: IoLogisticsCommon.Envelope;
        /**
         * When the shipment was delivered, UTC epoch milliseconds (may precede envelope.occurredAt).
         */
        deliveredAt: Date;
        /**
         * True if a signature was captured at delivery; the signer's name is never carried.
         */
        signatureCaptured: boolean;
        /**
         * Carrier reference of the proof-of-delivery record, if any.
         *
         * Default: null
         */
        podReference: null | string;
        /**
         * Access-controlled URL of the POD document or image, if available.
         *
         * Default: null
         */
        documentUrl: null | string;
        /**
         * Where the delivery happened, at city/postal-code level only.
         *
         * Default: null
         */
        location: null | IoLogisticsCommon.Location;
        /**
         * Number of packages delivered, if reported.
         *
         * Default: null
         */
        piecesDelivered: null | number;
        /**
         * True if overage, shortage or damage was noted on the POD.
         *
         * Default: false
         */
        exceptionsNoted: boolean;
    }
    export const ReturnReceivedSchema = "{\"type\":\"record\",\"name\":\"ReturnReceived\",\"namespace\":\"io.logistics.events\",\"doc\":\"A customer return was received and inspected at a warehouse; envelope.shipmentId is the original outbound shipment.\",\"fields\":[{\"name\":\"envelope\",\"type\":\"io.logistics.common.Envelope\",\"doc\":\"Standard event metadata (see io.logistics.common.Envelope); envelope.warehouseId is the receiving warehouse and envelope.trackingNumber the return parcel's tracking number.\"},{\"name\":\"rmaNumber\",\"type\":\"string\",\"doc\":\"Return merchandise authorization number.\"},{\"name\":\"customerId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Opaque identifier of the returning customer, if known.\"},{\"name\":\"returnReasonCode\",\"type\":\"string\",\"doc\":\"Return reason code as given by the merchant or returns portal, e.g. \\\"WRONG_SIZE\\\".\"},{\"name\":\"condition\",\"type\":{\"type\":\"enum\",\"name\":\"ReturnCondition\",\"namespace\":\"io.logistics.common\",\"doc\":\"Condition of returned goods as assessed at receipt.\",\"symbols\":[\"SELLABLE\",\"OPENED\",\"DAMAGED\",\"DEFECTIVE\",\"INCOMPLETE\",\"UNKNOWN\"],\"default\":\"UNKNOWN\"},\"doc\":\"Overall condition of the returned goods at inspection.\"},{\"name\":\"dispositionCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Decided disposition of the goods, e.g. \\\"RESTOCK\\\", \\\"REFURBISH\\\" or \\\"SCRAP\\\", if decided.\"},{\"name\":\"lines\",\"type\":{\"type\":\"array\",\"items\":\"io.logistics.common.LineItem\"},\"doc\":\"Returned lines; quantity is the received quantity.\"}]}";
    export const ReturnReceivedName = "io.logistics.events.ReturnReceived";
    /**
     * A customer return was received and inspected at a warehouse; envelope.shipmentId is the original outbound shipment.
     */
    export interface ReturnReceived {
        /**
         * Standard event metadata (see io.logistics.common.Envelope); envelope.warehouseId is the receiving warehouse and envelope.trackingNumber the return parcel's tracking number.
         */
        envelope: IoLogisticsCommon.Envelope;
        /**
         * Return merchandise authorization number.
         */
        rmaNumber: string;
        /**
         * Opaque identifier of the returning customer, if known.
         *
         * Default: null
         */
        customerId: null | string;
        /**
         * Return reason code as given by the merchant or returns portal, e.g. "WRONG_SIZE".
         */
        returnReasonCode: string;
        /**
         * Overall condition of the returned goods at inspection.
         */
        condition: IoLogisticsCommon.ReturnCondition;
        /**
         * Decided disposition of the goods, e.g. "RESTOCK", "REFURBISH" or "SCRAP", if decided.
         *
         * Default: null
         */
        dispositionCode: null | string;
        /**
         * Returned lines; quantity is the received quantity.
         */
        lines: IoLogisticsCommon.LineItem[];
    }
    export const ShipmentDispatchedSchema = "{\"type\":\"record\",\"name\":\"ShipmentDispatched\",\"namespace\":\"io.logistics.events\",\"doc\":\"The shipment left the origin facility with the carrier (gate-out / loaded and departed); dispatch time is envelope.occurredAt.\",\"fields\":[{\"name\":\"envelope\",\"type\":\"io.logistics.common.Envelope\",\"doc\":\"Standard event metadata (see io.logistics.common.Envelope); envelope.shipmentId and envelope.carrierCode are set.\"},{\"name\":\"dispatchedFrom\",\"type\":\"io.logistics.common.Location\",\"doc\":\"Facility the shipment was dispatched from.\"},{\"name\":\"loadId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Identifier of the load the shipment left on, if any.\"},{\"name\":\"trailerId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Identifier of the trailer or container, if any.\"},{\"name\":\"vehicleId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Identifier of the tractor or vehicle (fleet number or licence plate), if known.\"},{\"name\":\"sealNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Number of the seal applied to the trailer or container, if any.\"},{\"name\":\"billOfLadingNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Bill of lading number issued for the shipment, if any.\"},{\"name\":\"packageCount\",\"type\":\"int\",\"doc\":\"Number of packages (handling units) dispatched.\"},{\"name\":\"totalWeight\",\"type\":\"io.logistics.common.Weight\",\"doc\":\"Total gross weight dispatched.\"},{\"name\":\"trackingNumbers\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[],\"doc\":\"Carrier tracking numbers of all dispatched packages.\"}]}";
    export const ShipmentDispatchedName = "io.logistics.events.ShipmentDispatched";
    /**
     * The shipment left the origin facility with the carrier (gate-out / loaded and departed); dispatch time is envelope.occurredAt.
     */
    export interface ShipmentDispatched {
        /**
         * Standard event metadata (see io.logistics.common.Envelope); envelope.shipmentId and envelope.carrierCode are set.
         */
        envelope: IoLogisticsCommon.Envelope;
        /**
         * Facility the shipment was dispatched from.
         */
        dispatchedFrom: IoLogisticsCommon.Location;
        /**
         * Identifier of the load the shipment left on, if any.
         *
         * Default: null
         */
        loadId: null | string;
        /**
         * Identifier of the trailer or container, if any.
         *
         * Default: null
         */
        trailerId: null | string;
        /**
         * Identifier of the tractor or vehicle (fleet number or licence plate), if known.
         *
         * Default: null
         */
        vehicleId: null | string;
        /**
         * Number of the seal applied to the trailer or container, if any.
         *
         * Default: null
         */
        sealNumber: null | string;
        /**
         * Bill of lading number issued for the shipment, if any.
         *
         * Default: null
         */
        billOfLadingNumber: null | string;
        /**
         * Number of packages (handling units) dispatched.
         */
        packageCount: number;
        /**
         * Total gross weight dispatched.
         */
        totalWeight: IoLogisticsCommon.Weight;
        /**
         * Carrier tracking numbers of all dispatched packages.
         *
         * Default: []
         */
        trackingNumbers: string[];
    }
    export const ShipmentNoticeReceivedSchema = "{\"type\":\"record\",\"name\":\"ShipmentNoticeReceived\",\"namespace\":\"io.logistics.events\",\"doc\":\"An advance ship notice (ASN, X12 856) for an inbound shipment was received from a supplier.\",\"fields\":[{\"name\":\"envelope\",\"type\":\"io.logistics.common.Envelope\",\"doc\":\"Standard event metadata (see io.logistics.common.Envelope); envelope.shipmentId is the inbound shipment, envelope.warehouseId the receiving warehouse; source.vendorEventId holds the ISA/ST control numbers.\"},{\"name\":\"asnNumber\",\"type\":\"string\",\"doc\":\"Shipment identification number of the ASN (X12 BSN02).\"},{\"name\":\"purposeCode\",\"type\":\"string\",\"doc\":\"Transaction set purpose code as received (X12 BSN01), e.g. \\\"00\\\" original or \\\"05\\\" replace.\"},{\"name\":\"shipNoticeDate\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"},\"doc\":\"Date the ship notice was issued (X12 BSN03).\"},{\"name\":\"supplierId\",\"type\":\"string\",\"doc\":\"Identifier of the supplier (ship-from trading partner).\"},{\"name\":\"purchaseOrderNumbers\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[],\"doc\":\"Purchase order numbers covered by the ASN (X12 PRF01).\"},{\"name\":\"shippedAt\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"When the supplier shipped the goods, UTC epoch milliseconds (X12 DTM*011), if given.\"},{\"name\":\"expectedDeliveryAt\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null,\"doc\":\"When the shipment is expected at the receiving warehouse, UTC epoch milliseconds (X12 DTM*017), if given.\"},{\"name\":\"billOfLadingNumber\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Bill of lading number (X12 REF*BM), if given.\"},{\"name\":\"packageCount\",\"type\":[\"null\",\"int\"],\"default\":null,\"doc\":\"Number of packages or pallets shipped (X12 TD101), if given.\"},{\"name\":\"totalWeight\",\"type\":[\"null\",\"io.logistics.common.Weight\"],\"default\":null,\"doc\":\"Total gross weight shipped (X12 TD107), if given.\"},{\"name\":\"lines\",\"type\":{\"type\":\"array\",\"items\":\"io.logistics.common.LineItem\"},\"doc\":\"Shipped lines; quantity is the shipped quantity (X12 SN102).\"}]}";
    export const ShipmentNoticeReceivedName = "io.logistics.events.ShipmentNoticeReceived";
    /**
     * An advance ship notice (ASN, X12 856) for an inbound shipment was received from a supplier.
     */
    export interface ShipmentNoticeReceived {
        /**
         * Standard event metadata (see io.logistics.common.Envelope); envelope.shipmentId is the inbound shipment, envelope.warehouseId the receiving warehouse; source.vendorEventId holds the ISA/ST control numbers.
         */
        envelope: IoLogisticsCommon.Envelope;
        /**
         * Shipment identification number of the ASN (X12 BSN02).
         */
        asnNumber: string;
        /**
         * Transaction set purpose code as received (X12 BSN01), e.g. "00" original or "05" replace.
         */
        purposeCode: string;
        /**
         * Date the ship notice was issued (X12 BSN03).
         */
        shipNoticeDate: string;
        /**
         * Identifier of the supplier (ship-from trading partner).
         */
        supplierId: string;
        /**
         * Purchase order numbers covered by the ASN (X12 PRF01).
         *
         * Default: []
         */
        purchaseOrderNumbers: string[];
        /**
         * When the supplier shipped the goods, UTC epoch milliseconds (X12 DTM*011), if given.
         *
         * Default: null
         */
        shippedAt: null | Date;
        /**
         * When the shipment is expected at the receiving warehouse, UTC epoch milliseconds (X12 DTM*017), if given.
         *
         * Default: null
         */
        expectedDeliveryAt: null | Date;
        /**
         * Bill of lading number (X12 REF*BM), if given.
         *
         * Default: null
         */
        billOfLadingNumber: null | string;
        /**
         * Number of packages or pallets shipped (X12 TD101), if given.
         *
         * Default: null
         */
        packageCount: null | number;
        /**
         * Total gross weight shipped (X12 TD107), if given.
         *
         * Default: null
         */
        totalWeight: null | IoLogisticsCommon.Weight;
        /**
         * Shipped lines; quantity is the shipped quantity (X12 SN102).
         */
        lines: IoLogisticsCommon.LineItem[];
    }
    export const ShipmentPlannedSchema = "{\"type\":\"record\",\"name\":\"ShipmentPlanned\",\"namespace\":\"io.logistics.events\",\"doc\":\"A transport management system planned a shipment: carrier, service, load and pickup/delivery windows.\",\"fields\":[{\"name\":\"envelope\",\"type\":\"io.logistics.common.Envelope\",\"doc\":\"Standard event metadata (see io.logistics.common.Envelope); envelope.shipmentId is set and envelope.carrierCode equals carrierCode.\"},{\"name\":\"loadId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Identifier of the load (truck/trailer movement) the shipment is planned on, if consolidated.\"},{\"name\":\"carrierCode\",\"type\":\"string\",\"doc\":\"Code of the planned carrier, preferably the SCAC.\"},{\"name\":\"serviceLevel\",\"type\":\"io.logistics.common.ServiceLevel\",\"doc\":\"Planned service level.\"},{\"name\":\"carrierServiceCode\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The carrier's own service code as used for booking, e.g. \\\"GND\\\" or \\\"03\\\".\"},{\"name\":\"plannedPickupAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"Planned pickup time at the origin, UTC epoch milliseconds.\"},{\"name\":\"plannedDeliveryAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"doc\":\"Planned delivery time at the destination, UTC epoch milliseconds.\"},{\"name\":\"origin\",\"type\":\"io.logistics.common.Location\",\"doc\":\"Where the shipment is picked up.\"},{\"name\":\"destination\",\"type\":\"io.logistics.common.Location\",\"doc\":\"Where the shipment is delivered, at city/postal-code level only.\"},{\"name\":\"orderIds\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"doc\":\"Identifiers of all orders included in the shipment.\"},{\"name\":\"customerId\",\"type\":\"string\",\"doc\":\"Opaque identifier of the customer receiving the shipment.\"}]}";
    export const ShipmentPlannedName = "io.logistics.events.ShipmentPlanned";
    /**
     * A transport management system planned a shipment: carrier, service, load and pickup/delivery windows.
     */
    export interface ShipmentPlanned {
        /**
         * Standard event metadata (see io.logistics.common.Envelope); envelope.shipmentId is set and envelope.carrierCode equals carrierCode.
         */
        envelope: IoLogisticsCommon.Envelope;
        /**
         * Identifier of the load (truck/trailer movement) the shipment is planned on, if consolidated.
         *
         * Default: null
         */
        loadId: null | string;
        /**
         * Code of the planned carrier, preferably the SCAC.
         */
        carrierCode: string;
        /**
         * Planned service level.
         */
        serviceLevel: IoLogisticsCommon.ServiceLevel;
        /**
         * The carrier's own service code as used for booking, e.g. "GND" or "03".
         *
         * Default: null
         */
        carrierServiceCode: null | string;
        /**
         * Planned pickup time at the origin, UTC epoch milliseconds.
         */
        plannedPickupAt: Date;
        /**
         * Planned delivery time at the destination, UTC epoch milliseconds.
         */
        plannedDeliveryAt: Date;
        /**
         * Where the shipment is picked up.
         */
        origin: IoLogisticsCommon.Location;
        /**
         * Where the shipment is delivered, at city/postal-code level only.
         */
        destination: IoLogisticsCommon.Location;
        /**
         * Identifiers of all orders included in the shipment.
         */
        orderIds: string[];
        /**
         * Opaque identifier of the customer receiving the shipment.
         */
        customerId: string;
    }
}

/** Name of every canonical event type. */
export const eventTypeNames = ["DeliveryException","EtaUpdated","InTransit","InventoryAllocated","OrderReleased","PackCompleted","PickCompleted","ProofOfDeliveryReceived","ReturnReceived","ShipmentDispatched","ShipmentNoticeReceived","ShipmentPlanned"] as const;

/** Each event type name mapped to its TypeScript type. */
export interface EventTypeMap {
  DeliveryException: IoLogisticsEvents.DeliveryException;
  EtaUpdated: IoLogisticsEvents.EtaUpdated;
  InTransit: IoLogisticsEvents.InTransit;
  InventoryAllocated: IoLogisticsEvents.InventoryAllocated;
  OrderReleased: IoLogisticsEvents.OrderReleased;
  PackCompleted: IoLogisticsEvents.PackCompleted;
  PickCompleted: IoLogisticsEvents.PickCompleted;
  ProofOfDeliveryReceived: IoLogisticsEvents.ProofOfDeliveryReceived;
  ReturnReceived: IoLogisticsEvents.ReturnReceived;
  ShipmentDispatched: IoLogisticsEvents.ShipmentDispatched;
  ShipmentNoticeReceived: IoLogisticsEvents.ShipmentNoticeReceived;
  ShipmentPlanned: IoLogisticsEvents.ShipmentPlanned;
}
