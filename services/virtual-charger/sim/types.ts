// OCPP 1.6 shapes the simulated charger keeps in its state, all derived from the generated
// protocol types (never typed by hand).
import type {
  AuthorizeResponse,
  DiagnosticsStatusNotificationRequest,
  FirmwareStatusNotificationRequest,
  GetCompositeScheduleResponse,
  MeterValuesRequest,
  SendLocalListRequest,
  SetChargingProfileRequest,
  StatusNotificationRequest,
  StopTransactionRequest,
} from "@plugboard/ocpp16";

export type IdTagInfo = AuthorizeResponse["idTagInfo"];
export type AuthorizationStatus = IdTagInfo["status"];
export type AuthorizationData = NonNullable<SendLocalListRequest["localAuthorizationList"]>[number];
export type ChargingProfile = SetChargingProfileRequest["csChargingProfiles"];
export type ChargingSchedule = ChargingProfile["chargingSchedule"];
export type ChargingSchedulePeriod = ChargingSchedule["chargingSchedulePeriod"][number];
export type ChargingRateUnit = ChargingSchedule["chargingRateUnit"];
export type ChargingProfilePurpose = ChargingProfile["chargingProfilePurpose"];
export type CompositeSchedule = NonNullable<GetCompositeScheduleResponse["chargingSchedule"]>;
export type MeterValue = MeterValuesRequest["meterValue"][number];
export type SampledValue = MeterValue["sampledValue"][number];
export type Measurand = NonNullable<SampledValue["measurand"]>;
export type ReadingContext = NonNullable<SampledValue["context"]>;
export type ConnectorStatus = StatusNotificationRequest["status"];
export type ChargePointErrorCode = StatusNotificationRequest["errorCode"];
export type StopReason = NonNullable<StopTransactionRequest["reason"]>;
export type FirmwareStatus = FirmwareStatusNotificationRequest["status"];
export type DiagnosticsStatus = DiagnosticsStatusNotificationRequest["status"];
