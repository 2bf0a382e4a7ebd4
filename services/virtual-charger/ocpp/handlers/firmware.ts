import { getDiagnostics, updateFirmware } from "../../station/jobs";
import type { ChargerHandler } from "./context";

// §5.19: an empty answer; FirmwareStatusNotification follows each step.
export const handleUpdateFirmware: ChargerHandler<"UpdateFirmware"> = ({ params }, ctx) => {
  ctx.afterReply(() => updateFirmware(ctx.station, params));
  return {};
};

// §5.9: the file name, then DiagnosticsStatusNotification Uploading → Uploaded / UploadFailed.
export const handleGetDiagnostics: ChargerHandler<"GetDiagnostics"> = ({ params }, ctx) => {
  const { fileName, upload } = getDiagnostics(ctx.station, params);
  ctx.afterReply(upload);
  return { fileName };
};
