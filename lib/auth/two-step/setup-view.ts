// What the browser is shown to add Plugboard to an authenticator app (client-safe type).
export interface TwoStepSetupView {
  secret: string;
  qrDataUrl: string;
}
