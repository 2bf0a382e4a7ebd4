DROP TABLE "alert_webhook_deliveries" CASCADE;--> statement-breakpoint
DROP TABLE "alert_webhooks" CASCADE;