// The stored row for a charger, derived from its decoded part number (used by the add
// action and the demo seed alike).
import type { NewCharger } from "@/db/schema";
import type { DecodedPartNumber, NetworkType } from "@plugboard/wallbox";

export function buildChargerRow(
  part: DecodedPartNumber,
  fields: {
    organizationId: string;
    serialNumber: string;
    name: string;
    credentialHash: string;
    vpn?: boolean;
    vpnCloudAllowed?: boolean;
    networkType?: NetworkType;
    firmwareVersion?: string | null;
  },
): NewCharger {
  const networkType = fields.networkType ?? part.networkTypes[0]!;
  if (!part.networkTypes.includes(networkType)) {
    throw new Error(`${part.modelName} has no ${networkType} interface`);
  }
  return {
    organizationId: fields.organizationId,
    serialNumber: fields.serialNumber,
    name: fields.name,
    partNumber: part.partNumber,
    model: part.model,
    cableCode: part.cable.code,
    connectorCode: part.connector.code,
    powerCode: part.power.code,
    versionCode: part.version?.code ?? null,
    customCode: part.custom,
    revisionCode: part.revision,
    ocppCapable: part.ocppCapable,
    networkType,
    vpn: fields.vpn ?? false,
    vpnCloudAllowed: fields.vpnCloudAllowed ?? false,
    firmwareVersion: fields.firmwareVersion ?? null,
    deviceCredentialHash: fields.credentialHash,
    ocppStatus: part.ocppCapable ? "disabled" : "unsupported",
  };
}
