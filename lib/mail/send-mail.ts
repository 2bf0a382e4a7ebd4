// Outgoing mail through SMTP (SMTP_URL, e.g. smtp://user:pass@mail.example.com:587) with
// nodemailer; without SMTP_URL there is no mailer and callers show what they would have sent.
import "server-only";
import nodemailer from "nodemailer";

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

const FROM = "Plugboard <no-reply@plugboard.invalid>";

export function smtpMailer(url: string, from = FROM): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}
